//! The integration tests of mandat-print, linked as one binary (each module was a test file of its own).

mod lists;
mod print;
