//! Test support shared by every crate's tests: a fresh database per engine, the application served on a free port with a client that speaks to it, the documented example records, and made-up people's IINs.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod db;
pub mod examples;
pub mod http;
mod people;
pub mod script;

pub use db::{POSTGRES_VAR, TestDb, engines, sqlite, with_database};
pub use examples::{apply_example, apply_lines, example_path, example_text};
pub use http::{Client, EventStream, Response, Served, SseEvent, serve};
pub use people::iin;
