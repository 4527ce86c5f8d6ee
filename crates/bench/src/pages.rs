//! The public pages a voter or journalist opens, under load: the unit tree, a conference's minutes, the largest counted poll's board, the lists and the largest list, on the finished region demo, each by C concurrent connections for a fixed time, then all of them mixed, against the same client on `GET /healthz`.

use crate::load::{self, Call, MakeCall};
use crate::voter::{Server, percentile, request, round};
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long each page is loaded (requests are not started after it).
const PER_PAGE: Duration = Duration::from_secs(15);
/// Requests per page at most (a fast page stops here before its time is up).
const MAX_REQUESTS: usize = 200_000;

/// The scenario: prints one JSON line.
pub fn run(mandat: &Path, concurrency: usize) -> Result<(), String> {
    let dir = crate::temp_dir()?;
    let folder = dir.path();
    let db = folder.join("region.db").display().to_string();
    let built = crate::run_in(mandat, folder, &db, &["demo", "--scale", "region"])?;
    let meeting = conference(&db)?;
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let child = Command::new(mandat)
        .current_dir(folder)
        .args(["--db", &db, "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .env("MANDAT_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("starting mandat serve: {e}"))?;
    let _server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(300);
    while request(port, "GET", "/healthz", &[], "", "").is_err() {
        if Instant::now() > deadline {
            return Err("mandat serve did not start".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let polls = json_of(port, "/api/polls")?;
    let poll = polls
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["status"] == "counted")
        .max_by_key(|p| p["roll_size"].as_u64().unwrap_or(0))
        .and_then(|p| p["code"].as_str())
        .ok_or("the demo has no counted poll")?
        .to_owned();
    let lists = json_of(port, "/api/lists")?;
    let list = lists
        .as_array()
        .into_iter()
        .flatten()
        .max_by_key(|l| l["names"].as_u64().unwrap_or(0))
        .and_then(|l| {
            Some(format!(
                "/lists/{}/{}",
                l["campaign"].as_str()?,
                l["target"].as_str()?
            ))
        })
        .ok_or("the demo has no list")?;
    let pages: Vec<(&str, String)> = vec![
        ("unit_tree", "/".to_owned()),
        ("minutes", format!("/meetings/{meeting}/minutes")),
        ("poll_board", format!("/polls/{poll}/board")),
        ("lists", "/lists".to_owned()),
        ("list", list),
    ];
    for (name, path) in &pages {
        let (status, _) = request(port, "GET", path, &[], "", "")?;
        if status != 200 {
            return Err(format!("{name} ({path}) answered {status}"));
        }
    }
    let runtime = load::runtime()?;
    let line = runtime.block_on(async {
        let mut each = serde_json::Map::new();
        let mut answering = Vec::new();
        for (name, path) in &pages {
            let run = load_page(port, concurrency, path).await?;
            let mut figures = page_figures(path, &run);
            if run.failed > run.latencies_ms.len() {
                // A page that fails under C clients is measured again under 50, to say what it
                // does carry; the mixed load below still includes it.
                let fewer = load_page(port, FEWER_CLIENTS, path).await?;
                figures["at_50_clients"] = page_figures(path, &fewer);
            } else {
                answering.push(path.clone());
            }
            each.insert((*name).to_owned(), figures);
        }
        let paths: Arc<Vec<String>> = Arc::new(pages.iter().map(|(_, p)| p.clone()).collect());
        let mixed: MakeCall = Arc::new(move |i| Call::get(paths[i % paths.len()].clone()));
        let all = load::drive_for(
            port,
            concurrency,
            MAX_REQUESTS,
            Some(PER_PAGE),
            mixed,
            load::expect_success(),
        )
        .await?;
        let answering_count = answering.len();
        let answering = Arc::new(answering);
        let mixed: MakeCall = Arc::new(move |i| Call::get(answering[i % answering.len()].clone()));
        let without_failing = if answering_count > 0 && answering_count < pages.len() {
            Some(
                load::drive_for(
                    port,
                    concurrency,
                    MAX_REQUESTS,
                    Some(PER_PAGE),
                    mixed,
                    load::expect_success(),
                )
                .await?,
            )
        } else {
            None
        };
        let healthz: MakeCall = Arc::new(|_| Call::get("/healthz"));
        let ceiling = load::drive_for(
            port,
            concurrency,
            MAX_REQUESTS,
            Some(PER_PAGE),
            healthz,
            load::expect_success(),
        )
        .await?;
        let per_s = all.per_second();
        let baseline = ceiling.per_second();
        Ok::<_, String>(json!({
            "bench": "pages",
            "engine": "sqlite",
            "durability": "synchronous=FULL",
            "filesystem": crate::ballots::filesystem(folder),
            "database": "the finished region demo (mandat demo --scale region)",
            "demo_build_s": round(built.seconds),
            "concurrency": concurrency,
            "pages_per_s": per_s.round(),
            "p50_ms": round(percentile(&all.latencies_ms, 0.5)),
            "p99_ms": round(percentile(&all.latencies_ms, 0.99)),
            "failed": all.failed,
            "first_failure": all.first_failure,
            "baseline_rps": baseline.round(),
            "ratio": round(per_s / baseline),
            "pages": each,
            "mixed_without_the_failing_pages": without_failing.as_ref().map(|run| json!({
                "pages_per_s": run.per_second().round(),
                "p50_ms": round(percentile(&run.latencies_ms, 0.5)),
                "p99_ms": round(percentile(&run.latencies_ms, 0.99)),
                "failed": run.failed,
            })),
            "seconds_per_load": PER_PAGE.as_secs(),
            "client": format!("{concurrency} keep-alive HTTP/1.1 connections, one per loopback address from 127.0.0.2"),
        }))
    })?;
    println!("{line}");
    Ok(())
}

/// Clients for a page that fails under the full concurrency.
const FEWER_CLIENTS: usize = 50;

async fn load_page(port: u16, concurrency: usize, path: &str) -> Result<load::Run, String> {
    let path = path.to_owned();
    let make: MakeCall = Arc::new(move |_| Call::get(path.clone()));
    load::drive_for(
        port,
        concurrency,
        MAX_REQUESTS,
        Some(PER_PAGE),
        make,
        load::expect_success(),
    )
    .await
}

fn page_figures(path: &str, run: &load::Run) -> Value {
    json!({
        "path": path,
        "pages_per_s": run.per_second().round(),
        "p50_ms": round(percentile(&run.latencies_ms, 0.5)),
        "p99_ms": round(percentile(&run.latencies_ms, 0.99)),
        "answered": run.latencies_ms.len(),
        "failed": run.failed,
        "first_failure": run.first_failure,
    })
}

fn json_of(port: u16, path: &str) -> Result<Value, String> {
    let (status, body) = request(port, "GET", path, &[], "", "")?;
    if status != 200 {
        return Err(format!("{path} answered {status}"));
    }
    serde_json::from_str(&body).map_err(|e| format!("{path}: {e}"))
}

/// A closed regional conference of the demo (the longest minutes), else any closed meeting.
fn conference(db: &str) -> Result<String, String> {
    let runtime = load::runtime()?;
    runtime.block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let url = format!("sqlite://{db}");
        let mut connection = sqlx::AnyConnection::connect(&url)
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        let code: Option<String> = sqlx::query_scalar(
            "SELECT code FROM meetings WHERE status = 'closed' \
             ORDER BY CASE kind WHEN 'regional_conference' THEN 0 ELSE 1 END, code LIMIT 1",
        )
        .fetch_optional(&mut connection)
        .await
        .map_err(|e| format!("reading the meetings: {e}"))?;
        let _ = connection.close().await;
        code.ok_or_else(|| "the demo has no closed meeting".to_owned())
    })
}
