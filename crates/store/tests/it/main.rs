//! The integration tests of mandat-store, linked as one binary (each module was a test file of its own).

mod ballots;
mod electorate;
mod lists;
mod record;
mod registry_load;
mod signin;
mod staff;
mod store;
