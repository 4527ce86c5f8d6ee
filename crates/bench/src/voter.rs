//! The voter's pages at the server: how long a code request takes for a member's IIN and for nobody's, the ballot page, and a cast answered with its receipt page, on `mandat serve --demo --live` (one client, one request at a time: latency, not load).

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process, killed when dropped.
pub(crate) struct Server(pub(crate) Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One request on its own connection: the status and the body.
pub(crate) fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    content_type: &str,
    body: &str,
) -> Result<(u16, String), String> {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connecting: {e}"))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n"
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method != "GET" {
        head.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream
        .write_all(format!("{head}{body}").as_bytes())
        .map_err(|e| format!("sending: {e}"))?;
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .map_err(|e| format!("reading: {e}"))?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, body.to_owned()))
}

pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Times `n` runs of `f` (milliseconds): p50 and p99.
fn timed(n: usize, mut f: impl FnMut(usize) -> Result<(), String>) -> Result<(f64, f64), String> {
    let mut ms = Vec::with_capacity(n);
    for i in 0..n {
        let started = Instant::now();
        f(i)?;
        ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    Ok((percentile(&ms, 0.5), percentile(&ms, 0.99)))
}

pub(crate) fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `mandat serve --demo --live` in `dir` on a free port (the demo's staff file and outbox land
/// there), answering once `/healthz` does: the server, its port and its database URL.
pub(crate) fn live_demo(
    mandat: &Path,
    dir: &Path,
    extra: &[&str],
) -> Result<(Server, u16, String), String> {
    let db = format!("sqlite://{}", dir.join("live.db").display());
    let outbox = dir.join("outbox.jsonl");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let child = Command::new(mandat)
        .current_dir(dir)
        .args(["--db", &db, "serve", "--demo", "--live", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--sms-outbox")
        .arg(&outbox)
        .args(extra)
        .env("MANDAT_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting mandat serve: {e}"))?;
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(900);
    while request(port, "GET", "/healthz", &[], "", "").is_err() {
        if Instant::now() > deadline {
            return Err("the live demo did not start".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Ok((server, port, db))
}

/// `mandat demo accounts --json` for the live demo in `dir`.
pub(crate) fn accounts(mandat: &Path, dir: &Path, db: &str) -> Result<Value, String> {
    let accounts = Command::new(mandat)
        .current_dir(dir)
        .args(["--db", db, "demo", "accounts", "--json"])
        .env("MANDAT_LOG", "warn")
        .output()
        .map_err(|e| e.to_string())?;
    serde_json::from_slice(&accounts.stdout).map_err(|e| e.to_string())
}

/// The scenario: prints one JSON line.
pub fn run(mandat: &Path) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let outbox = dir.path().join("outbox.jsonl");
    // One ballot is a batch: the cast is answered as soon as it is durable.
    let (_server, port, db) = live_demo(
        mandat,
        dir.path(),
        &[
            "--ballot-batch",
            "1",
            "--ballot-wait-ms",
            "0",
            "--sms-per-minute",
            "0",
        ],
    )?;
    let accounts = accounts(mandat, dir.path(), &db)?;
    let member = accounts["members"][0]["iin"]
        .as_str()
        .ok_or("the demo printed no member")?
        .to_owned();
    let binding = "d".repeat(64);
    let cookie = format!("mandat_signin={binding}");
    let ask = |iin: &str| -> Result<(), String> {
        let (status, body) = request(
            port,
            "POST",
            "/api/signin/code",
            &[("Cookie", &cookie)],
            "application/json",
            &json!({ "iin": iin }).to_string(),
        )?;
        if status == 202 {
            Ok(())
        } else {
            Err(format!("code request answered {status}: {body}"))
        }
    };
    // An IIN with a valid check digit that nobody holds: 1980-01-01, a serial far from the demo's.
    let nobody = "800101399997";
    let n = 300;
    let (known_p50, known_p99) = timed(n, |_| ask(&member))?;
    let (unknown_p50, unknown_p99) = timed(n, |_| ask(nobody))?;

    // Sign in with the last code sent (the per-IIN limit let three through).
    std::thread::sleep(Duration::from_millis(300));
    let last = std::fs::read_to_string(&outbox)
        .map_err(|e| e.to_string())?
        .lines()
        .last()
        .map(str::to_owned)
        .ok_or("no code was sent")?;
    let text: Value = serde_json::from_str(&last).map_err(|e| e.to_string())?;
    let code = text["text"]
        .as_str()
        .and_then(|t| {
            t.split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
        })
        .ok_or("no code in the message")?
        .to_owned();
    let (status, body) = request(
        port,
        "POST",
        "/api/signin",
        &[("Cookie", &cookie)],
        "application/json",
        &json!({"iin": member, "code": code}).to_string(),
    )?;
    if status != 200 {
        return Err(format!("sign-in answered {status}: {body}"));
    }
    let token = serde_json::from_str::<Value>(&body).map_err(|e| e.to_string())?["token"]
        .as_str()
        .ok_or("no token")?
        .to_owned();
    let session = format!("mandat_session={token}");
    let (_, me) = request(port, "GET", "/api/me", &[("Cookie", &session)], "", "")?;
    let me: Value = serde_json::from_str(&me).map_err(|e| e.to_string())?;
    let polls: Vec<String> = me["polls"]
        .as_array()
        .ok_or("no polls")?
        .iter()
        .filter(|p| p["open_now"] == true && p["voted"] == false)
        .filter_map(|p| p["code"].as_str().map(str::to_owned))
        .collect();
    let first = polls.first().ok_or("no open poll")?.clone();
    let page_path = format!("/polls/{first}/vote?lang=ru");
    let mut page_bytes = 0;
    let (ballot_p50, ballot_p99) = timed(n, |_| {
        let (status, body) = request(port, "GET", &page_path, &[("Cookie", &session)], "", "")?;
        page_bytes = body.len();
        if status == 200 {
            Ok(())
        } else {
            Err(format!("the ballot page answered {status}"))
        }
    })?;
    // One cast per open poll (each answered with its receipt page once durable).
    let mut cast_ms = Vec::new();
    for poll in &polls {
        let (_, page) = request(
            port,
            "GET",
            &format!("/polls/{poll}/vote?lang=ru"),
            &[("Cookie", &session)],
            "",
            "",
        )?;
        let field = |name: &str| -> Option<String> {
            let marker = format!("name=\"{name}\" value=\"");
            let at = page.find(&marker)? + marker.len();
            Some(page[at..at + page[at..].find('"')?].to_owned())
        };
        let csrf = field("csrf").ok_or("no csrf")?;
        let key = field("request_key").ok_or("no request key")?;
        let option = page
            .split("name=\"choice\" value=\"")
            .nth(1)
            .or_else(|| page.split("name=\"rank.").nth(1))
            .and_then(|rest| rest.split('"').next())
            .ok_or("no option")?
            .to_owned();
        let ballot = url_encode(&json!([[option]]).to_string());
        let form = format!("csrf={csrf}&request_key={key}&ballot={ballot}&device_nonce=");
        let started = Instant::now();
        let (status, body) = request(
            port,
            "POST",
            &format!("/polls/{poll}/cast?lang=ru"),
            &[("Cookie", &session)],
            "application/x-www-form-urlencoded",
            &form,
        )?;
        if status != 200 || !body.contains("receipt") {
            return Err(format!("cast answered {status}"));
        }
        cast_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    cast_ms.sort_by(f64::total_cmp);
    println!(
        "{}",
        json!({
            "bench": "voter_pages",
            "engine": "sqlite",
            "durability": "synchronous=FULL",
            "requests": n,
            "code_request_known_p50_ms": round(known_p50),
            "code_request_known_p99_ms": round(known_p99),
            "code_request_unknown_p50_ms": round(unknown_p50),
            "code_request_unknown_p99_ms": round(unknown_p99),
            "ballot_page_p50_ms": round(ballot_p50),
            "ballot_page_p99_ms": round(ballot_p99),
            "ballot_page_bytes": page_bytes,
            "casts": cast_ms.len(),
            "cast_with_receipt_page_p50_ms": round(percentile(&cast_ms, 0.5)),
        })
    );
    Ok(())
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
