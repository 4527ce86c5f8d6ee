//! Scenario benchmarks: runs the release `mandat` binary on generated data and prints one JSON line of figures per scenario.
//!
//! Usage: `cargo build --release -p mandat -p mandat-bench && target/release/mandat-bench [import|demo|ladder|primaries|lists|voter-pages|live|all] [--rows N] [--subscribers N]`,
//! `mandat-bench import [--rows N] [--engine sqlite|postgres]` (against `sqlite3 .import` or `psql \copy`),
//! `mandat-bench command [--scale region|national] [--engine sqlite|postgres] [--db URL]`,
//! `mandat-bench national [--engine sqlite|postgres] [--url DB]` (the whole national cycle and its verify),
//! `mandat-bench ballots|signin [--voters N] [--concurrency C] [--engine sqlite|postgres] [--url DB]`,
//! `mandat-bench pages [--concurrency C]` or `mandat-bench tally [--ballots N]`.

mod ballots;
mod command;
mod live;
mod load;
mod national;
mod pages;
mod tally;
mod voter;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Wall time and peak memory of one child process.
struct Measured {
    seconds: f64,
    peak_rss_mb: f64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let scenario = args.first().map_or("all", String::as_str).to_string();
    let rows = args
        .iter()
        .position(|a| a == "--rows")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1_000_000);
    let mandat = match mandat_binary() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = match scenario.as_str() {
        "import" => match flag(&args, "--engine").unwrap_or("sqlite") {
            "sqlite" => import(&mandat, rows),
            "postgres" => import_postgres(&mandat, rows),
            other => Err(format!("unknown engine {other:?}: sqlite or postgres")),
        },
        "demo" => national(&mandat),
        "ladder" => ladder(&mandat),
        "primaries" => primaries(&mandat),
        "lists" => lists(&mandat),
        "voter-pages" => voter::run(&mandat),
        "national" => national::run(&mandat, &national::Options::from_args(&args)),
        "ballots" => ballots::Options::from_args(&args, 200_000)
            .and_then(|options| ballots::run(&mandat, &options)),
        "signin" => ballots::Options::from_args(&args, 200_000)
            .and_then(|options| ballots::signin(&mandat, &options)),
        "pages" => ballots::Options::from_args(&args, 0)
            .and_then(|options| pages::run(&mandat, options.concurrency)),
        "tally" => tally::run(
            &mandat,
            flag(&args, "--ballots")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1_000_000),
        ),
        "live" => live::run(
            &mandat,
            flag(&args, "--subscribers")
                .and_then(|v| v.parse().ok())
                .unwrap_or(10_000),
        ),
        "command" => command::scale(flag(&args, "--scale").unwrap_or("region")).and_then(
            |(scale, scale_name)| {
                command::run(
                    &mandat,
                    &command::Options {
                        scale,
                        scale_name,
                        db: flag(&args, "--db").map(str::to_owned),
                        engine: flag(&args, "--engine").unwrap_or("sqlite").to_owned(),
                    },
                )
            },
        ),
        "all" => import(&mandat, rows)
            .and_then(|()| national(&mandat))
            .and_then(|()| ladder(&mandat))
            .and_then(|()| primaries(&mandat))
            .and_then(|()| lists(&mandat)),
        other => Err(format!(
            "unknown scenario {other:?}: import, demo, ladder, primaries, lists, national, voter-pages, live, command, ballots, signin, pages, tally or all"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench failed: {e}");
            ExitCode::from(1)
        }
    }
}

/// The value after `name` on the command line.
fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// The `mandat` binary beside this one (both built with `--release`).
fn mandat_binary() -> Result<PathBuf, String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find myself: {e}"))?;
    let path = me.with_file_name("mandat");
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "{} is missing: run `cargo build --release -p mandat -p mandat-bench` first",
            path.display()
        ))
    }
}

/// Runs `mandat --db DB ARGS` in the database file's folder, failing on a non-zero exit, and
/// measures it.
fn run(mandat: &Path, db: &Path, args: &[&str]) -> Result<Measured, String> {
    let folder = db
        .parent()
        .filter(|p| p.is_dir())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    run_in(mandat, &folder, &db.to_string_lossy(), args)
}

/// Runs `mandat --db DB ARGS` in `folder` — where the demo puts its throwaway secret and signing
/// key, never the folder the bench was started from — and measures it.
fn run_in(mandat: &Path, folder: &Path, db: &str, args: &[&str]) -> Result<Measured, String> {
    let started = Instant::now();
    let mut command = Command::new(mandat);
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env("MANDAT_LOG", "error")
        .current_dir(folder);
    let child = command
        .spawn()
        .map_err(|e| format!("cannot start mandat: {e}"))?;
    let mut child = child;
    // Peak memory: the kernel's high-water mark of the child, read while it runs.
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    let status = loop {
        if let Some(kb) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .map(str::to_string)
            })
            .and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<u64>().ok())
            })
        {
            peak_kb = peak_kb.max(kb);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for mandat {args:?}: {e}")),
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("mandat {args:?} failed ({status})"));
    }
    Ok(Measured {
        seconds,
        peak_rss_mb: peak_kb as f64 / 1024.0,
    })
}

fn temp_dir() -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix("mandat-bench")
        .tempdir_in(
            std::env::var_os("MANDAT_BENCH_DIR").unwrap_or_else(|| std::env::temp_dir().into()),
        )
        .map_err(|e| format!("temporary folder: {e}"))
}

/// `mandat import members` of N generated rows into a database holding the national units; in
/// the same run, the ceiling: the same file loaded by the `sqlite3` shell's `.import` into a
/// table of the same columns with the members table's unique and unit indexes, on the same disk
/// with the same durability (WAL, `synchronous=FULL`).
fn import(mandat: &Path, rows: usize) -> Result<(), String> {
    let dir = temp_dir()?;
    let db = dir.path().join("import.db");
    let count = rows.to_string();
    let out_dir = dir.path().to_string_lossy().to_string();
    run(
        mandat,
        &db,
        &[
            "demo-files",
            "--scale",
            "national",
            "--count",
            &count,
            "--out-dir",
            &out_dir,
        ],
    )?;
    let units = dir.path().join("units.csv");
    let members = dir.path().join("members.csv");
    run(mandat, &db, &["import", "units", &units.to_string_lossy()])?;
    let m = run(
        mandat,
        &db,
        &["import", "members", &members.to_string_lossy()],
    )?;
    let ceiling = sqlite3_import(dir.path(), &members)?;
    let rows_per_s = rows as f64 / m.seconds;
    let ceiling_rows_per_s = rows as f64 / ceiling;
    println!(
        "{}",
        serde_json::json!({
            "bench": "import",
            "engine": "sqlite",
            "durability": "synchronous=FULL",
            "filesystem": ballots::filesystem(dir.path()),
            "rows": rows,
            "seconds": round(m.seconds),
            "rows_per_s": rows_per_s.round(),
            "peak_rss_mb": round(m.peak_rss_mb),
            "ceiling": "sqlite3 .import of the same CSV into (iin UNIQUE, full_name, phone UNIQUE, unit, joined_on) + INDEX(unit), WAL, synchronous=FULL",
            "ceiling_seconds": round(ceiling),
            "ceiling_rows_per_s": ceiling_rows_per_s.round(),
            "ratio": round(rows_per_s / ceiling_rows_per_s),
            "cores": cores(),
        })
    );
    Ok(())
}

/// `import --engine postgres`: the same import into a fresh PostgreSQL database on the local
/// server (or `MANDAT_BENCH_POSTGRES_URL`'s), and as the ceiling, `psql`'s `\copy` of the same
/// file into a table with the same columns and indexes in that database.
fn import_postgres(mandat: &Path, rows: usize) -> Result<(), String> {
    let dir = temp_dir()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("no async runtime: {e}"))?;
    let server =
        std::env::var(command::POSTGRES_VAR).unwrap_or_else(|_| command::LOCAL_POSTGRES.into());
    let name = format!("mandat_bench_import_{}", std::process::id());
    let url = runtime.block_on(command::create_database(&server, &name))?;
    let measured = import_postgres_into(mandat, dir.path(), &url, rows);
    let dropped = runtime.block_on(command::drop_database(&server, &name));
    let line = measured?;
    dropped?;
    println!("{line}");
    Ok(())
}

fn import_postgres_into(
    mandat: &Path,
    dir: &Path,
    url: &str,
    rows: usize,
) -> Result<serde_json::Value, String> {
    let count = rows.to_string();
    let out_dir = dir.to_string_lossy().to_string();
    let files = [
        "demo-files",
        "--scale",
        "national",
        "--count",
        &count,
        "--out-dir",
        &out_dir,
    ];
    run_in(mandat, dir, url, &files)?;
    let units = dir.join("units.csv").to_string_lossy().to_string();
    let members = dir.join("members.csv");
    run_in(mandat, dir, url, &["import", "units", &units])?;
    let m = run_in(
        mandat,
        dir,
        url,
        &["import", "members", &members.to_string_lossy()],
    )?;
    let script = format!(
        "CREATE TABLE ceiling (iin TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, \
         phone TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, joined_on TEXT NOT NULL);\n\
         CREATE INDEX ceiling_unit ON ceiling (unit);\n\
         \\copy ceiling FROM '{}' WITH (FORMAT csv, HEADER true)\n",
        members.display()
    );
    let mut psql = Command::new("psql");
    psql.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", url]);
    let (ceiling, output) = timed_script(&mut psql, &script)
        .map_err(|e| format!("psql: {e} (the PostgreSQL client must be installed)"))?;
    if !output.status.success() {
        return Err(format!(
            "psql \\copy failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let rows_per_s = rows as f64 / m.seconds;
    let ceiling_rows_per_s = rows as f64 / ceiling;
    Ok(serde_json::json!({
        "bench": "import",
        "engine": "postgres",
        "durability": ballots::durability("postgres"),
        "filesystem": ballots::filesystem(dir),
        "rows": rows,
        "seconds": round(m.seconds),
        "rows_per_s": rows_per_s.round(),
        "peak_rss_mb": round(m.peak_rss_mb),
        "ceiling": "psql \\copy of the same CSV into (iin UNIQUE, full_name, phone UNIQUE, unit, joined_on) + INDEX(unit) in the same database",
        "ceiling_seconds": round(ceiling),
        "ceiling_rows_per_s": ceiling_rows_per_s.round(),
        "ratio": round(rows_per_s / ceiling_rows_per_s),
        "cores": cores(),
    }))
}

/// Seconds the `sqlite3` shell takes to `.import` `csv` into a fresh table beside it.
fn sqlite3_import(dir: &Path, csv: &Path) -> Result<f64, String> {
    let db = dir.join("ceiling.db");
    let script = format!(
        "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n\
         CREATE TABLE members (iin TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, \
         phone TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, joined_on TEXT NOT NULL);\n\
         CREATE INDEX members_unit ON members (unit);\n\
         .import --csv --skip 1 {} members\n",
        csv.display()
    );
    let mut sqlite3 = Command::new("/usr/bin/sqlite3");
    sqlite3.arg(&db);
    let (seconds, output) =
        timed_script(&mut sqlite3, &script).map_err(|e| format!("/usr/bin/sqlite3: {e}"))?;
    if !output.status.success() || !output.stderr.is_empty() {
        return Err(format!(
            "sqlite3 .import failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(seconds)
}

/// Runs a shell (`sqlite3`, `psql`) with `script` on its standard input: seconds taken and its
/// output (standard error kept, to report a failure).
fn timed_script(shell: &mut Command, script: &str) -> std::io::Result<(f64, std::process::Output)> {
    use std::io::Write;
    let started = Instant::now();
    let mut child = shell
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(script.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    Ok((started.elapsed().as_secs_f64(), output))
}

/// `mandat demo --scale national --part registry`, then `mandat verify` over it.
fn national(mandat: &Path) -> Result<(), String> {
    let dir = temp_dir()?;
    let db = dir.path().join("national.db");
    let demo = run(
        mandat,
        &db,
        &["demo", "--scale", "national", "--part", "registry"],
    )?;
    let verify = run(mandat, &db, &["verify"])?;
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({
            "bench": "national_demo_and_verify_sqlite",
            "members": 835_000,
            "demo_seconds": round(demo.seconds),
            "demo_peak_rss_mb": round(demo.peak_rss_mb),
            "verify_seconds": round(verify.seconds),
            "verify_peak_rss_mb": round(verify.peak_rss_mb),
            "database_mb": round(size as f64 / 1_048_576.0),
            "cores": cores(),
        })
    );
    Ok(())
}

/// The national ladder on top of the national registry: every PPO meeting, branch and regional
/// conference, then the minutes of every meeting as PDF. The registry is built first, untimed.
fn ladder(mandat: &Path) -> Result<(), String> {
    let dir = temp_dir()?;
    let db = dir.path().join("ladder.db");
    run(
        mandat,
        &db,
        &["demo", "--scale", "national", "--part", "registry"],
    )?;
    let ladder = run(
        mandat,
        &db,
        &["demo", "--scale", "national", "--part", "ladder"],
    )?;
    let out = dir.path().join("minutes");
    let out_text = out.to_string_lossy().into_owned();
    let minutes = run(
        mandat,
        &db,
        &["minutes", "--all", "--out-dir", &out_text, "--lang", "ru"],
    )?;
    let printed = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({
            "bench": "national_ladder_sqlite",
            "meetings_with_minutes": printed,
            "ladder_seconds": round(ladder.seconds),
            "ladder_peak_rss_mb": round(ladder.peak_rss_mb),
            "minutes_seconds": round(minutes.seconds),
            "minutes_peak_rss_mb": round(minutes.peak_rss_mb),
            "total_seconds": round(ladder.seconds + minutes.seconds),
            "target_seconds": 60,
            "cores": cores(),
        })
    );
    Ok(())
}

/// The region's primaries through the real ballot box: every ballot checked against the roll,
/// journaled in its batch, shuffled into the box; then sealed and counted.
fn primaries(mandat: &Path) -> Result<(), String> {
    let dir = temp_dir()?;
    let db = dir.path().join("primaries.db");
    run(
        mandat,
        &db,
        &["demo", "--scale", "region", "--part", "registry"],
    )?;
    let stage_file = dir.path().join("stages.jsonl");
    let measured = run(
        mandat,
        &db,
        &[
            "demo",
            "--scale",
            "region",
            "--part",
            "primaries",
            "--turnout",
            "840",
            "--stages",
            &stage_file.to_string_lossy(),
        ],
    )?;
    let verify = run(mandat, &db, &["verify"])?;
    // The ballots as the demo counted them accepted, and the seconds of casting them alone.
    let stages = national::read_stages(&stage_file)?;
    let ballots_stage = stages.get("primaries-ballots");
    let figure = |name: &str| {
        ballots_stage
            .and_then(|s| s.get(name))
            .and_then(serde_json::Value::as_f64)
            .ok_or_else(|| format!("{}: no primaries-ballots {name}", stage_file.display()))
    };
    let ballots = figure("ballots")?;
    let ballots_seconds = figure("seconds")?;
    println!(
        "{}",
        serde_json::json!({
            "bench": "region_primaries_sqlite",
            "ballots": ballots,
            "batches": figure("batches")?,
            "primaries_seconds": round(measured.seconds),
            "ballots_per_second": round(ballots / measured.seconds),
            "ballots_stage_seconds": round(ballots_seconds),
            "ballots_stage_per_second": round(ballots / ballots_seconds),
            "peak_rss_mb": round(measured.peak_rss_mb),
            "verify_seconds": round(verify.seconds),
            "cores": cores(),
        })
    );
    Ok(())
}

/// The whole region demo — registry, primaries, the ladder with the conferences' rating votes
/// and all 22 party lists — then `verify` (which drafts every list again from the journal) and
/// the publication of every list as CSV and PDF in Russian and Kazakh.
fn lists(mandat: &Path) -> Result<(), String> {
    let dir = temp_dir()?;
    let db = dir.path().join("region.db");
    let demo = run(mandat, &db, &["demo", "--scale", "region"])?;
    let verify = run(mandat, &db, &["verify"])?;
    let out = dir.path().join("lists");
    let mut export_seconds = 0.0;
    let mut export_peak: f64 = 0.0;
    for lang in ["ru", "kk"] {
        let measured = run(
            mandat,
            &db,
            &[
                "list",
                "all",
                "almaty-2020",
                "--out-dir",
                &out.to_string_lossy(),
                "--lang",
                lang,
            ],
        )?;
        export_seconds += measured.seconds;
        export_peak = export_peak.max(measured.peak_rss_mb);
    }
    let files = std::fs::read_dir(&out)
        .map_err(|e| format!("{}: {e}", out.display()))?
        .count();
    println!(
        "{}",
        serde_json::json!({
            "bench": "region_demo_with_lists_sqlite",
            "demo_seconds": round(demo.seconds),
            "demo_peak_rss_mb": round(demo.peak_rss_mb),
            "verify_seconds": round(verify.seconds),
            "verify_peak_rss_mb": round(verify.peak_rss_mb),
            "list_files": files,
            "export_seconds": round(export_seconds),
            "export_peak_rss_mb": round(export_peak),
            "cores": cores(),
        })
    );
    Ok(())
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
