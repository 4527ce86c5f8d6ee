//! The integration tests of mandat-app, linked as one binary.

mod box_alarm;
mod concurrent_writes;
mod sms;
