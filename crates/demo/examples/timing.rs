//! How long the demo takes to generate: `cargo run --release -p mandat-demo --example timing -- national 1`.
//! Prints one JSON line of figures.

use mandat_demo::{
    Scale, ladder_commands, member_commands, member_rows, unit_commands, write_members_csv,
};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let scale: Scale = args
        .next()
        .as_deref()
        .unwrap_or("national")
        .parse()
        .unwrap_or(Scale::National);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);

    let start = Instant::now();
    let units = unit_commands(scale, seed).len();
    let units_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    let mut members = 0usize;
    let mut bytes = 0usize;
    for env in member_commands(scale, seed) {
        members += 1;
        bytes += env.command.name().len();
    }
    let members_s = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let mut sink = std::io::sink();
    let csv_ok = write_members_csv(&mut sink, member_rows(scale, seed, 1_000_000)).is_ok();
    let csv_s = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let ladder = ladder_commands(scale, seed).len();
    let ladder_s = start.elapsed().as_secs_f64();

    println!(
        "{{\"scale\":\"{scale}\",\"seed\":{seed},\"units\":{units},\"units_ms\":{units_ms:.1},\"members\":{members},\"member_commands_s\":{members_s:.3},\"csv_1m_rows_s\":{csv_s:.3},\"csv_ok\":{csv_ok},\"ladder_commands\":{ladder},\"ladder_s\":{ladder_s:.3},\"check\":{bytes}}}"
    );
}
