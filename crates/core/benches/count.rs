//! Counting benchmarks: a million random full rankings of 20 candidates, counted by each method.
//!
//! `cargo bench -p mandat-core --bench count` runs the criterion groups and prints one JSON
//! line of figures: per method the median wall time of five counts (`<method>_s`) and, on
//! Linux, the median CPU time of this thread (`<method>_cpu_s`), which stays honest when
//! other work shares the machine; `loadavg_1m` records how busy it was. Without `--bench`
//! (e.g. `cargo test --all-targets`) it runs once on 10 000 ballots as a smoke test.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use mandat_core::count::{Ballots, Method, TieBreak, count};

const CANDIDATES: usize = 20;
const FULL_BALLOTS: usize = 1_000_000;
const SMOKE_BALLOTS: usize = 10_000;
const STV_SEATS: usize = 5;
const SEED: u64 = 0x6d61_6e64_6174; // "mandat"

/// splitmix64: tiny, fast and good enough to shuffle ballots reproducibly.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (multiply-shift; the bias is negligible for bounds this small).
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next()) * bound as u128) >> 64) as usize
    }
}

/// `count` ballots, each a uniformly random full ranking (Fisher–Yates shuffle).
fn random_rankings(count: usize) -> Ballots {
    let names: Vec<String> = (1..=CANDIDATES).map(|c| format!("Candidate {c}")).collect();
    let Ok(mut ballots) = Ballots::new(names) else {
        return empty_contest();
    };
    ballots.reserve(count, CANDIDATES);
    let mut rng = SplitMix64(SEED);
    let mut order: Vec<usize> = (0..CANDIDATES).collect();
    for _ in 0..count {
        for i in (1..CANDIDATES).rev() {
            order.swap(i, rng.below(i + 1));
        }
        if ballots.push_ranking(1, &order).is_err() {
            return empty_contest();
        }
    }
    ballots
}

fn empty_contest() -> Ballots {
    eprintln!("could not build the benchmark ballots");
    std::process::exit(1)
}

/// CPU time this thread has run, in seconds (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// Median wall and CPU time of `runs` counts.
fn measure(runs: usize, mut run: impl FnMut()) -> (f64, Option<f64>) {
    let mut wall = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    for _ in 0..runs {
        let cpu_start = thread_cpu_seconds();
        let start = Instant::now();
        run();
        wall.push(start.elapsed().as_secs_f64());
        if let (Some(before), Some(after)) = (cpu_start, thread_cpu_seconds()) {
            cpu.push(after - before);
        }
    }
    let cpu = if cpu.len() == runs { median(cpu) } else { None };
    (median(wall).unwrap_or(f64::NAN), cpu)
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    let full = std::env::args().any(|arg| arg == "--bench");
    let ballot_count = if full { FULL_BALLOTS } else { SMOKE_BALLOTS };
    let runs = if full { 5 } else { 1 };

    let start = Instant::now();
    let ballots = random_rankings(ballot_count);
    let build_s = start.elapsed().as_secs_f64();

    let tie = TieBreak::CandidateOrder;
    let methods: [(&str, Method, usize); 5] = [
        ("plurality", Method::Plurality, 1),
        ("borda", Method::Borda, 1),
        ("schulze", Method::Schulze, 1),
        ("irv", Method::InstantRunoff, 1),
        ("stv5", Method::Stv, STV_SEATS),
    ];

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut group = criterion.benchmark_group(format!("count_{ballot_count}x{CANDIDATES}"));
    for (name, method, seats) in methods {
        group.bench_function(name, |b| {
            b.iter(|| black_box(count(method, black_box(&ballots), seats, &tie)))
        });
    }
    group.finish();

    let mut figures = format!(
        "{{\"bench\":\"count\",\"ballots\":{ballot_count},\"candidates\":{CANDIDATES},\"build_s\":{build_s:.4}"
    );
    for (name, method, seats) in methods {
        let (wall, cpu) = measure(runs, || {
            let _ = black_box(count(method, black_box(&ballots), seats, &tie));
        });
        figures.push_str(&format!(",\"{name}_s\":{wall:.4}"));
        if let Some(cpu) = cpu {
            figures.push_str(&format!(",\"{name}_cpu_s\":{cpu:.4}"));
        }
    }
    if let Some(load) = load_average() {
        figures.push_str(&format!(",\"loadavg_1m\":{load:.2}"));
    }
    figures.push('}');
    println!("{figures}");
    criterion.final_summary();
}
