//! The integration tests of mandat-core, linked as one binary (each module was a test file of its own).

mod canonical;
mod docs;
