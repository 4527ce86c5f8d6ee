//! `mandat-bench command`: single commands and page reads through the application layer, one at a time, on a demo database — what one click of a secretary or one page of a reader costs.

use jiff::Timestamp;
use mandat_app::App;
use mandat_core::Phone;
use mandat_core::command::{ChangeMemberPhone, Command};
use mandat_demo::Scale;
use mandat_store::Store;
use std::path::Path;
use std::time::Instant;

/// How many commands and how many reads of each page are timed.
const SAMPLES: usize = 200;

/// What the scenario was given: the demo's scale, and a database to use instead of a new one.
pub struct Options {
    pub scale: Scale,
    pub scale_name: &'static str,
    /// A database URL already holding the demo of this scale (seed 1); `None` builds one.
    pub db: Option<String>,
    /// Where a new demo is built: `sqlite` (a file in a temporary folder) or `postgres` (a new
    /// database on `MANDAT_BENCH_POSTGRES_URL`, by default the local server, dropped afterwards).
    pub engine: String,
}

/// The PostgreSQL server a new demo database is made on.
pub(crate) const POSTGRES_VAR: &str = "MANDAT_BENCH_POSTGRES_URL";
pub(crate) const LOCAL_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn run(mandat: &Path, options: &Options) -> Result<(), String> {
    let dir = crate::temp_dir()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("no async runtime: {e}"))?;
    let demo = ["demo", "--scale", options.scale_name];
    match (&options.db, options.engine.as_str()) {
        (Some(url), _) => runtime.block_on(measure(url, options)),
        (None, "sqlite") => {
            let path = dir.path().join("command.db");
            crate::run(mandat, &path, &demo)?;
            runtime.block_on(measure(&path.to_string_lossy(), options))
        }
        (None, "postgres") => {
            let server = std::env::var(POSTGRES_VAR).unwrap_or_else(|_| LOCAL_POSTGRES.into());
            let name = format!("mandat_bench_{}", std::process::id());
            let url = runtime.block_on(create_database(&server, &name))?;
            let measured = crate::run_in(mandat, dir.path(), &url, &demo)
                .and_then(|_| runtime.block_on(measure(&url, options)));
            let dropped = runtime.block_on(drop_database(&server, &name));
            measured.and(dropped)
        }
        (None, other) => Err(format!("unknown engine {other:?}: sqlite or postgres")),
    }
}

/// Makes an empty database `name` on the server of `server_url`; returns its URL.
pub(crate) async fn create_database(server_url: &str, name: &str) -> Result<String, String> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(server_url)
        .await
        .map_err(|e| format!("{server_url}: {e} (set {POSTGRES_VAR})"))?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .map_err(|e| format!("cannot create the database {name}: {e}"))?;
    let _ = admin.close().await;
    let (main, query) = server_url
        .split_once('?')
        .map_or((server_url, None), |(m, q)| (m, Some(q)));
    let base = main.rsplit_once('/').map_or(main, |(base, _)| base);
    Ok(match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    })
}

pub(crate) async fn drop_database(server_url: &str, name: &str) -> Result<(), String> {
    use sqlx::Connection;
    let mut admin = sqlx::AnyConnection::connect(server_url)
        .await
        .map_err(|e| format!("{server_url}: {e}"))?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await
    .map_err(|e| format!("cannot drop the database {name}: {e}"))?;
    let _ = admin.close().await;
    Ok(())
}

async fn measure(url: &str, options: &Options) -> Result<(), String> {
    let store = Store::open(url).await.map_err(|e| format!("{url}: {e}"))?;
    let engine = match store.backend() {
        mandat_store::Backend::Sqlite => "sqlite",
        mandat_store::Backend::Postgres => "postgres",
    };
    let app = App::new(store.clone());
    let snapshot = app.snapshot().await.map_err(|e| e.to_string())?;
    let (campaign, target) = snapshot
        .party_lists
        .keys()
        .min()
        .cloned()
        .ok_or("the demo has no party list: build it with `mandat demo` (all parts)")?;

    // Commands: a member's phone changed (with the decision a frozen roll requires), each in its
    // own transaction, as a secretary's form submits it.
    let first_seq = u64::try_from(app.head().await.map_err(|e| e.to_string())?.seq).unwrap_or(0);
    let mut command_ms = Vec::with_capacity(SAMPLES);
    let mut fresh_status_ms = Vec::with_capacity(SAMPLES);
    let mut accepted = 0usize;
    for (n, registration) in mandat_demo::member_commands(options.scale, 1)
        .step_by(97)
        .take(SAMPLES)
        .enumerate()
    {
        let Command::RegisterMember(member) = registration.command else {
            continue;
        };
        // Numbers of the 779 range, which the demo never gives, new on every run against the
        // same database (the head has moved by at least SAMPLES since the last run).
        let number = (first_seq + n as u64) % 10_000_000;
        let phone = Phone::parse(&format!("+7 779 {number:07}"))
            .map_err(|e| format!("a bench phone: {e}"))?;
        let command = Command::ChangeMemberPhone(ChangeMemberPhone {
            iin: member.iin,
            phone,
            reason: "новый номер телефона (замер)".to_owned(),
            decision: Some("Решение бюро филиала (замер)".to_owned()),
        });
        let now = Timestamp::now();
        let started = Instant::now();
        let done = app.submit("bench", command, now, now).await;
        command_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        accepted += usize::from(done.is_ok());
        // The status page read right after a write: the first read of a new head computes it.
        let started = Instant::now();
        app.progress(None, Some(&campaign))
            .await
            .map_err(|e| e.to_string())?;
        fresh_status_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    if accepted * 2 < command_ms.len() {
        return Err(format!(
            "only {accepted} of {} commands were accepted: the database does not hold the demo of this scale",
            command_ms.len()
        ));
    }

    // Pages: the ladder's status (/api/status) and a party list's sheet (/lists/…), as
    // readers open them between writes (the status read after each write above counts too).
    let mut status_ms = Vec::with_capacity(SAMPLES);
    let mut list_ms = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        let started = Instant::now();
        app.progress(None, Some(&campaign))
            .await
            .map_err(|e| e.to_string())?;
        status_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let started = Instant::now();
        app.list_sheet(&campaign, &target)
            .await
            .map_err(|e| e.to_string())?;
        list_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let mut page_ms: Vec<f64> = status_ms
        .iter()
        .chain(&fresh_status_ms)
        .chain(&list_ms)
        .copied()
        .collect();
    store.close().await;

    // What a node pays when the record kept in memory is not at the head (its start, another
    // node's write): one load of the record from the database, by a node that keeps nothing.
    let mut load_ms = Vec::new();
    for _ in 0..3 {
        let fresh = Store::open(url).await.map_err(|e| format!("{url}: {e}"))?;
        let started = Instant::now();
        fresh.read_snapshot().await.map_err(|e| e.to_string())?;
        load_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        fresh.close().await;
    }
    println!(
        "{}",
        serde_json::json!({
            "bench": "command",
            "scale": options.scale_name,
            "engine": engine,
            "commands": command_ms.len(),
            "commands_accepted": accepted,
            "command_p50_ms": crate::round(percentile(&mut command_ms, 0.50)),
            "command_p99_ms": crate::round(percentile(&mut command_ms, 0.99)),
            "pages": page_ms.len(),
            "page_p50_ms": crate::round(percentile(&mut page_ms, 0.50)),
            "page_p99_ms": crate::round(percentile(&mut page_ms, 0.99)),
            "status_p50_ms": crate::round(percentile(&mut status_ms, 0.50)),
            "status_p99_ms": crate::round(percentile(&mut status_ms, 0.99)),
            "status_after_write_p50_ms": crate::round(percentile(&mut fresh_status_ms, 0.50)),
            "status_after_write_p99_ms": crate::round(percentile(&mut fresh_status_ms, 0.99)),
            "list_p50_ms": crate::round(percentile(&mut list_ms, 0.50)),
            "list_p99_ms": crate::round(percentile(&mut list_ms, 0.99)),
            "list": format!("{campaign}/{target}"),
            "record_load_ms": crate::round(percentile(&mut load_ms, 0.50)),
            "rss_mb": crate::round(own_peak_rss_mb()),
            "cores": crate::cores(),
        })
    );
    Ok(())
}

/// The value below which `share` of the samples fall (nearest rank).
fn percentile(samples: &mut [f64], share: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.sort_by(f64::total_cmp);
    let rank = ((share * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

/// This process's peak resident memory (the kernel's high-water mark).
fn own_peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The demo's scale by name.
pub fn scale(name: &str) -> Result<(Scale, &'static str), String> {
    match name {
        "region" => Ok((Scale::Region, "region")),
        "national" => Ok((Scale::National, "national")),
        other => Err(format!("unknown scale {other:?}: region or national")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let mut samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&mut samples, 0.50), 50.0);
        assert_eq!(percentile(&mut samples, 0.99), 99.0);
        assert_eq!(percentile(&mut [7.0], 0.99), 7.0);
        assert_eq!(percentile(&mut [], 0.5), 0.0);
    }

    #[test]
    fn scales_are_named() {
        assert!(scale("region").is_ok());
        assert!(scale("national").is_ok());
        assert!(scale("galaxy").is_err());
    }
}
