//! Live updates under load: N Server-Sent Events subscribers on one `mandat serve --demo --live` node — half on the rehearsal conference's projector screen, half on a running primaries poll's turnout — and the time from a committed check-in until every screen subscriber has the new present count.

use crate::voter::{Server, accounts, live_demo, percentile, request, round};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

/// Check-ins committed one after another, each awaited by every screen subscriber.
const ROUNDS: usize = 10;
/// How long a round waits for its last subscriber before counting the rest as missed.
const ROUND_PATIENCE: Duration = Duration::from_secs(30);
/// Subscribers per client address: the edge's per-address burst is 1,000.
const PER_ADDRESS: usize = 200;

/// The scenario: prints one JSON line.
pub fn run(mandat: &Path, subscribers: usize) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let (server, port, db) = live_demo(mandat, dir.path(), &[])?;
    let accounts = accounts(mandat, dir.path(), &db)?;
    let conference = accounts["grants"]
        .as_array()
        .into_iter()
        .flatten()
        .find_map(|g| g["scope"].as_str()?.strip_prefix("meeting:"))
        .ok_or("the live demo granted no meeting")?
        .to_owned();
    let admin = accounts["staff"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["login"] == "admin")
        .ok_or("the live demo has no admin")?;
    let totp = Command::new(mandat)
        .current_dir(dir.path())
        .args(["--db", &db, "demo", "totp", "admin"])
        .output()
        .map_err(|e| e.to_string())?;
    let totp = String::from_utf8_lossy(&totp.stdout).trim().to_owned();
    let (status, body) = request(
        port,
        "POST",
        "/api/staff/signin",
        &[],
        "application/json",
        &json!({"login": "admin", "password": admin["password"], "totp": totp}).to_string(),
    )?;
    if status != 200 {
        return Err(format!("staff sign-in answered {status}: {body}"));
    }
    let token = serde_json::from_str::<Value>(&body).map_err(|e| e.to_string())?["token"]
        .as_str()
        .ok_or("no staff token")?
        .to_owned();
    let bearer = format!("Bearer {token}");
    let staff_cookie = format!("mandat_staff={token}");
    let (status, page) = request(
        port,
        "GET",
        &format!("/meetings/{conference}/projector"),
        &[("Cookie", &staff_cookie)],
        "",
        "",
    )?;
    let prefix = format!("/hall/{conference}/screen/");
    let screen = page
        .find(&prefix)
        .map(|at| {
            page[at..]
                .split(['"', '<', ' '])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .ok_or_else(|| format!("no screen link on the projector page ({status})"))?;
    let poll = "ALM.mazhilis.primaries";
    let rss_before = rss_kib(&server);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let figures = runtime.block_on(measure(
        port,
        subscribers,
        format!("{screen}/live"),
        format!("/polls/{poll}/turnout/live"),
        conference,
        bearer,
        &server,
    ))?;
    let rss_after = figures.rss_kib;
    let per_subscriber = (rss_after.saturating_sub(rss_before)) as f64 / subscribers.max(1) as f64;
    println!(
        "{}",
        json!({
            "bench": "live",
            "engine": "sqlite",
            "durability": "synchronous=FULL",
            "subscribers": subscribers,
            "screen_subscribers": figures.screens,
            "turnout_subscribers": subscribers - figures.screens,
            "connect_s": round(figures.connect_s),
            "refused_then_retried": figures.refused,
            "rounds": figures.rounds,
            "delivered": figures.latencies_ms.len(),
            "missed": figures.missed,
            "p50_ms": round(percentile(&figures.latencies_ms, 0.5)),
            "p99_ms": round(percentile(&figures.latencies_ms, 0.99)),
            "max_ms": round(figures.latencies_ms.last().copied().unwrap_or(0.0)),
            "server_rss_mib_before": round(rss_before as f64 / 1024.0),
            "server_rss_mib_with_subscribers": round(rss_after as f64 / 1024.0),
            "server_kib_per_subscriber": round(per_subscriber),
        })
    );
    Ok(())
}

struct Figures {
    screens: usize,
    refused: usize,
    connect_s: f64,
    rounds: usize,
    latencies_ms: Vec<f64>,
    missed: usize,
    rss_kib: u64,
}

/// The server's resident memory (KiB), from /proc.
fn rss_kib(server: &Server) -> u64 {
    std::fs::read_to_string(format!("/proc/{}/status", server.0.id()))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

/// One update seen by subscriber `who`: its `nth` update, at `at`.
struct Seen {
    who: usize,
    nth: usize,
    at: Instant,
}

#[allow(clippy::too_many_arguments)]
async fn measure(
    port: u16,
    subscribers: usize,
    screen: String,
    turnout: String,
    conference: String,
    bearer: String,
    server: &Server,
) -> Result<Figures, String> {
    let (seen, mut updates) = mpsc::unbounded_channel::<Seen>();
    let screens = subscribers.div_ceil(2);
    let started = Instant::now();
    let mut refused = 0;
    let mut tasks = Vec::with_capacity(subscribers);
    for who in 0..subscribers {
        let path = if who < screens {
            screen.clone()
        } else {
            turnout.clone()
        };
        let address = std::net::Ipv4Addr::new(
            127,
            1,
            u8::try_from(who / PER_ADDRESS / 250).unwrap_or(255),
            u8::try_from(who / PER_ADDRESS % 250 + 1).unwrap_or(255),
        );
        let (stream, leftover, refusals) = subscribe(port, address, &path).await?;
        refused += refusals;
        tasks.push(tokio::spawn(listen(who, stream, leftover, seen.clone())));
    }
    // Every subscriber has its first region before the rounds start.
    let mut first = vec![false; subscribers];
    let mut have = 0;
    while have < subscribers {
        match tokio::time::timeout(ROUND_PATIENCE, updates.recv()).await {
            Ok(Some(s)) if s.nth == 1 && !first[s.who] => {
                first[s.who] = true;
                have += 1;
            }
            Ok(Some(_)) => {}
            _ => {
                return Err(format!(
                    "{have} of {subscribers} subscribers got their region"
                ));
            }
        }
    }
    let connect_s = started.elapsed().as_secs_f64();
    let rss_kib = rss_kib(server);
    let mut latencies_ms = Vec::new();
    let mut missed = 0;
    let mut rounds = 0;
    let mut mandate = 0u32;
    while rounds < ROUNDS {
        mandate += 1;
        if mandate > 2000 {
            return Err("no mandate left to check in".into());
        }
        let body =
            json!({"cmd": "check_in", "meeting": conference, "mandate": mandate, "mode": "hall"})
                .to_string();
        let bearer = bearer.clone();
        let (status, answer) = tokio::task::spawn_blocking(move || {
            request(
                port,
                "POST",
                "/api/commands",
                &[("Authorization", &bearer)],
                "application/json",
                &body,
            )
        })
        .await
        .map_err(|e| e.to_string())??;
        let committed = Instant::now();
        if status == 422 {
            // Already in the hall: the next mandate.
            continue;
        }
        if status != 200 {
            return Err(format!("check-in answered {status}: {answer}"));
        }
        rounds += 1;
        let nth = rounds + 1;
        let mut got = 0;
        let deadline = tokio::time::Instant::now() + ROUND_PATIENCE;
        while got < screens {
            match tokio::time::timeout_at(deadline, updates.recv()).await {
                Ok(Some(s)) if s.nth == nth => {
                    got += 1;
                    let ms = s.at.saturating_duration_since(committed).as_secs_f64() * 1000.0;
                    latencies_ms.push(ms);
                }
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        missed += screens - got;
    }
    for task in tasks {
        task.abort();
    }
    latencies_ms.sort_by(f64::total_cmp);
    Ok(Figures {
        screens,
        refused,
        connect_s,
        rounds,
        latencies_ms,
        missed,
        rss_kib,
    })
}

/// A stream at `path` from address `from`, its first bytes after the headers, and how many
/// times the server refused it first (503 busy, 429) before taking it, as a browser retries.
async fn subscribe(
    port: u16,
    from: std::net::Ipv4Addr,
    path: &str,
) -> Result<(tokio::net::TcpStream, Vec<u8>, usize), String> {
    for refusals in 0..100 {
        let mut stream = open(port, from, path).await?;
        let mut head = Vec::new();
        let mut chunk = [0u8; 4096];
        let split = loop {
            if let Some(at) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("the server closed a stream before its headers".into());
            }
            head.extend_from_slice(&chunk[..n]);
        };
        if head.starts_with(b"HTTP/1.1 200") {
            return Ok((stream, head[split + 4..].to_vec(), refusals));
        }
        if !(head.starts_with(b"HTTP/1.1 503") || head.starts_with(b"HTTP/1.1 429")) {
            return Err(format!(
                "{path}: {}",
                String::from_utf8_lossy(&head[..split.min(200)])
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{path}: refused 100 times"))
}

async fn open(
    port: u16,
    from: std::net::Ipv4Addr,
    path: &str,
) -> Result<tokio::net::TcpStream, String> {
    let socket = tokio::net::TcpSocket::new_v4().map_err(|e| e.to_string())?;
    socket
        .bind(std::net::SocketAddr::new(from.into(), 0))
        .map_err(|e| format!("binding {from}: {e}"))?;
    let mut stream = socket
        .connect(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .await
        .map_err(|e| format!("connecting: {e}"))?;
    let head = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAccept-Language: ru\r\n\r\n"
    );
    stream
        .write_all(head.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    Ok(stream)
}

/// Reads one stream, reporting each `update` event as it completes.
async fn listen(
    who: usize,
    mut stream: tokio::net::TcpStream,
    mut buffer: Vec<u8>,
    seen: mpsc::UnboundedSender<Seen>,
) {
    let mut nth = 0;
    let mut chunk = [0u8; 16 * 1024];
    loop {
        // An event is complete at its blank line; the chunk framing never holds "\n\n".
        while let Some(end) = buffer.windows(2).position(|w| w == b"\n\n") {
            let event: Vec<u8> = buffer.drain(..end + 2).collect();
            if event.windows(13).any(|w| w == b"event: update") {
                nth += 1;
                let _ = seen.send(Seen {
                    who,
                    nth,
                    at: Instant::now(),
                });
            }
        }
        let n = match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        buffer.extend_from_slice(&chunk[..n]);
    }
}
