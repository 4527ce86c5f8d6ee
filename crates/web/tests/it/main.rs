//! The integration tests of mandat-web, linked as one binary (each module was a test file of its own).

mod console;
mod dashboard;
mod edge;
mod hall;
mod languages;
mod lists;
mod live;
mod public_data;
mod signin;
mod staff;
mod voting;
mod web;
