//! The integration tests of mandat-demo, linked as one binary (each module was a test file of its own).

mod common;
mod demo;
mod documents;
mod ladder;
mod lists;
mod primaries;
mod rating_votes;
