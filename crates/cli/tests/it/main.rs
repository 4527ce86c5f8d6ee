//! The integration tests of the mandat binary, linked as one binary (each module was a test file of its own).

mod browser;
mod charter_rules;
mod cli;
mod common;
mod concurrent_desks;
mod congress;
mod hall_browser;
mod list_approval;
mod lists;
mod live_demo;
mod meetings;
mod notices;
mod older_databases;
mod primaries_example;
mod staff;
mod two_nodes;
mod voter_browser;
