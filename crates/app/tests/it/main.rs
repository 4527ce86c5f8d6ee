//! The integration tests of mandat-app, linked as one binary.

mod concurrent_writes;
mod sms;
