//! `mandat-bench national`: the whole 2020 national cycle in one `mandat demo --scale national` — registry, primaries through the ballot box, the ladder up to the congress, every list — with seconds per stage and peak memory, then `mandat verify` of the result.

use serde_json::{Map, Value, json};
use std::path::Path;

/// What the whole run should stay within (issue 17): five minutes and 1 GiB for the demo, two
/// minutes and 1 GiB for its `verify`.
const TARGET_SECONDS: u64 = 300;
const TARGET_VERIFY_SECONDS: u64 = 120;
const TARGET_PEAK_RSS_MB: u64 = 1024;

/// What the command line chose: the engine, or a database to use instead of a fresh one.
pub struct Options {
    pub engine: String,
    pub url: Option<String>,
}

impl Options {
    pub fn from_args(args: &[String]) -> Options {
        let url = crate::flag(args, "--url").map(str::to_owned);
        let engine = match (crate::flag(args, "--engine"), &url) {
            (Some(engine), _) => engine.to_owned(),
            (None, Some(url)) if url.starts_with("postgres") => "postgres".to_owned(),
            _ => "sqlite".to_owned(),
        };
        Options { engine, url }
    }
}

pub fn run(mandat: &Path, options: &Options) -> Result<(), String> {
    let dir = crate::temp_dir()?;
    let filesystem = crate::ballots::filesystem(dir.path());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("no async runtime: {e}"))?;
    let (db, made) = match (&options.url, options.engine.as_str()) {
        (Some(url), _) => (url.clone(), None),
        (None, "sqlite") => {
            // A database in memory would flatter every figure: the run must hit a disk.
            if filesystem == "tmpfs" {
                return Err(format!(
                    "{} is on tmpfs: set MANDAT_BENCH_DIR (or TMPDIR) to a folder on a disk, e.g. /var/tmp",
                    dir.path().display()
                ));
            }
            (dir.path().join("national.db").display().to_string(), None)
        }
        (None, "postgres") => {
            let server = std::env::var(crate::command::POSTGRES_VAR)
                .unwrap_or_else(|_| crate::command::LOCAL_POSTGRES.into());
            let name = format!("mandat_bench_national_{}", std::process::id());
            let url = runtime.block_on(crate::command::create_database(&server, &name))?;
            (url, Some((server, name)))
        }
        (None, other) => return Err(format!("unknown engine {other:?}: sqlite or postgres")),
    };
    let measured = measure(
        mandat,
        dir.path(),
        &db,
        &options.engine,
        &filesystem,
        &runtime,
    );
    let dropped = match made {
        Some((server, name)) => runtime.block_on(crate::command::drop_database(&server, &name)),
        None => Ok(()),
    };
    let line = measured?;
    dropped?;
    println!("{line}");
    Ok(())
}

/// Builds the national demo into `db`, verifies it, and returns the scenario's JSON line.
fn measure(
    mandat: &Path,
    dir: &Path,
    db: &str,
    engine: &str,
    filesystem: &str,
    runtime: &tokio::runtime::Runtime,
) -> Result<Value, String> {
    let stage_file = dir.join("stages.jsonl");
    let stage_arg = stage_file.display().to_string();
    let demo = crate::run_in(
        mandat,
        dir,
        db,
        &["demo", "--scale", "national", "--stages", &stage_arg],
    )?;
    let stages = read_stages(&stage_file)?;
    let verify = crate::run_in(mandat, dir, db, &["verify"])?;
    let database_mb = runtime.block_on(database_bytes(db))? as f64 / 1_048_576.0;
    let figure = |stage: &str, name: &str| {
        stages
            .get(stage)
            .and_then(|s| s.get(name))
            .cloned()
            .unwrap_or(Value::Null)
    };
    let seconds: Map<String, Value> = stages
        .iter()
        .map(|(stage, figures)| {
            (
                stage.clone(),
                figures.get("seconds").cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    let staged: f64 = seconds.values().filter_map(Value::as_f64).sum();
    Ok(json!({
        "bench": "national_cycle",
        "engine": engine,
        "filesystem": filesystem,
        "durability": crate::ballots::durability(engine),
        "registry_commands": figure("registry", "commands"),
        "primaries_ballots": figure("primaries-ballots", "ballots"),
        "primaries_batches": figure("primaries-ballots", "batches"),
        "primaries_polls": figure("primaries-seal-and-count", "polls"),
        "rating_ballots": figure("rating-votes", "ballots"),
        "lists_approved": figure("lists-read-back", "approved"),
        "lists": figure("lists-read-back", "lists"),
        "stage_seconds": seconds,
        "unstaged_seconds": crate::round(demo.seconds - staged),
        "demo_seconds": crate::round(demo.seconds),
        "demo_peak_rss_mb": crate::round(demo.peak_rss_mb),
        "verify_seconds": crate::round(verify.seconds),
        "verify_peak_rss_mb": crate::round(verify.peak_rss_mb),
        "database_mb": crate::round(database_mb),
        "target_seconds": TARGET_SECONDS,
        "target_verify_seconds": TARGET_VERIFY_SECONDS,
        "target_peak_rss_mb": TARGET_PEAK_RSS_MB,
        "cores": crate::cores(),
    }))
}

/// The demo's stage log: stage name → its figures (`seconds`, `commands`, `ballots`, …). A
/// stage that ran twice (never, in the whole demo) keeps its last line.
pub(crate) fn read_stages(path: &Path) -> Result<Map<String, Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut stages = Map::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut figures: Map<String, Value> = serde_json::from_str(line)
            .map_err(|e| format!("{}: a line that is not JSON ({e}): {line}", path.display()))?;
        let Some(Value::String(stage)) = figures.remove("stage") else {
            return Err(format!(
                "{}: a line without its stage: {line}",
                path.display()
            ));
        };
        stages.insert(stage, Value::Object(figures));
    }
    if stages.is_empty() {
        return Err(format!("{}: the demo logged no stage", path.display()));
    }
    Ok(stages)
}

/// The database's size on disk: the SQLite file with its WAL, or PostgreSQL's own count.
async fn database_bytes(db: &str) -> Result<u64, String> {
    if !db.starts_with("postgres") {
        let path = db.strip_prefix("sqlite://").unwrap_or(db);
        let path = path.split('?').next().unwrap_or(path);
        let size = |p: &str| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        return Ok(size(path) + size(&format!("{path}-wal")));
    }
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(db)
        .await
        .map_err(|e| format!("{db}: {e}"))?;
    let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
        .fetch_one(&mut connection)
        .await
        .map_err(|e| format!("the database's size: {e}"))?;
    let _ = connection.close().await;
    Ok(u64::try_from(bytes).unwrap_or(0))
}
