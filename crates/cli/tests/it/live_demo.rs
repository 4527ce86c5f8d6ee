//! `mandat serve --demo --live` as a newcomer runs it: the region's primaries open now, the members it prints sign in with the code from the outbox and vote, and `mandat demo accounts --json` tells the same members.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server, stopped when the test ends (also on a panic).
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request; answers the status, the head and the body.
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nSec-Fetch-Site: same-origin\r\n"
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method != "GET" {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(format!("{head}{body}").as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, head.to_owned(), body.to_owned()))
}

fn code_in(outbox: &Path, phone_count: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = std::fs::read_to_string(outbox).unwrap_or_default();
        if let Some(line) = text.lines().nth(phone_count) {
            let m: Value = serde_json::from_str(line).unwrap();
            let sms = m["text"].as_str().unwrap();
            return sms
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .unwrap()
                .to_owned();
        }
        assert!(Instant::now() < deadline, "no code in the outbox: {text}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_newcomer_starts_the_live_demo_signs_in_as_a_printed_member_and_votes() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("live.db").display());
    let outbox = dir.path().join("outbox.jsonl");
    let port = free_port();
    let mandat = env!("CARGO_BIN_EXE_mandat");
    let log = std::fs::File::create(dir.path().join("serve.out")).unwrap();
    let child = Command::new(mandat)
        .current_dir(dir.path())
        .args(["--db", &db, "serve", "--demo", "--live", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--sms-outbox")
        .arg(&outbox)
        .env("MANDAT_LOG", "warn")
        .env("MANDAT_LANG", "en")
        .stdout(log)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(600);
    while request(port, "GET", "/healthz", &[], "").is_err() {
        assert!(Instant::now() < deadline, "the live demo did not start");
        std::thread::sleep(Duration::from_millis(200));
    }
    // The guide is printed right after the server listens.
    std::thread::sleep(Duration::from_millis(300));
    let printed = std::fs::read_to_string(dir.path().join("serve.out")).unwrap();
    assert!(printed.contains("/signin"), "{printed}");
    let iin = printed
        .lines()
        .find_map(|l| {
            l.split_whitespace()
                .find(|w| w.len() == 12 && w.bytes().all(|b| b.is_ascii_digit()))
        })
        .unwrap_or_else(|| panic!("no member IIN printed: {printed}"));

    let accounts = Command::new(mandat)
        .current_dir(dir.path())
        .args(["--db", &db, "demo", "accounts", "--json"])
        .env("MANDAT_LOG", "warn")
        .output()
        .unwrap();
    let accounts: Value = serde_json::from_slice(&accounts.stdout).unwrap();
    assert_eq!(accounts["members"][0]["iin"], iin, "{accounts}");

    let binding = "c".repeat(64);
    let cookie = format!("mandat_signin={binding}");
    let (status, _, body) = request(
        port,
        "POST",
        "/api/signin/code",
        &[("Cookie", &cookie)],
        &json!({"iin": iin}).to_string(),
    )
    .unwrap();
    assert_eq!(status, 202, "{body}");
    let code = code_in(&outbox, 0);
    let (status, _, body) = request(
        port,
        "POST",
        "/api/signin",
        &[("Cookie", &cookie)],
        &json!({"iin": iin, "code": code}).to_string(),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let token = serde_json::from_str::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bearer = format!("Bearer {token}");
    let (_, _, me) = request(port, "GET", "/api/me", &[("Authorization", &bearer)], "").unwrap();
    let me: Value = serde_json::from_str(&me).unwrap();
    let poll = me["polls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["open_now"] == true && p["voted"] == false)
        .unwrap_or_else(|| panic!("no open poll to vote in: {me}"))["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, _, one) = request(port, "GET", &format!("/api/polls/{poll}"), &[], "").unwrap();
    let one: Value = serde_json::from_str(&one).unwrap();
    let first = one["poll"]["options"][0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _, body) = request(
        port,
        "POST",
        &format!("/api/polls/{poll}/ballot"),
        &[("Authorization", &bearer)],
        &json!({"choices": [[first]], "request_key": "0123456789abcdef0123456789abcdef"})
            .to_string(),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("tracker"), "{body}");
    // The region's organizer signs in with the password and the authenticator's code the demo
    // printed, and the scope holds: a unit under the region is theirs, one beside it is not.
    let organizer = accounts["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["login"] == "organizer-alm")
        .unwrap_or_else(|| panic!("no organizer account: {accounts}"))
        .clone();
    assert!(
        printed.contains(organizer["password"].as_str().unwrap()),
        "{printed}"
    );
    assert!(printed.contains("otpauth://totp/"), "{printed}");
    let totp = Command::new(mandat)
        .current_dir(dir.path())
        .args(["--db", &db, "demo", "totp", "organizer-alm"])
        .env("MANDAT_LOG", "warn")
        .output()
        .unwrap();
    let totp = String::from_utf8_lossy(&totp.stdout).trim().to_owned();
    assert_eq!(totp.len(), 6, "{totp}");
    let (status, _, body) = request(
        port,
        "POST",
        "/api/staff/signin",
        &[],
        &json!({"login": "organizer-alm", "password": organizer["password"], "totp": totp})
            .to_string(),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let staff_token = serde_json::from_str::<Value>(&body).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let staff_bearer = format!("Bearer {staff_token}");
    let unit = |code: &str, parent: &str| {
        json!({"cmd":"create_unit","code":code,"kind":"primary","parent":parent,"names":{"ru":"Новая ППО","kk":"Жаңа БПҰ","en":"New PPO"}}).to_string()
    };
    let (status, _, body) = request(
        port,
        "POST",
        "/api/commands",
        &[("Authorization", &staff_bearer)],
        &unit("ALM-AKSU-P999", "ALM-AKSU"),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let (status, _, body) = request(
        port,
        "POST",
        "/api/commands",
        &[("Authorization", &staff_bearer)],
        &unit("NO-P999", "NO"),
    )
    .unwrap();
    assert_eq!(status, 403, "{body}");
    // The sign-in's counts are shown to admins, not to an organizer.
    let (status, _, _) = request(
        port,
        "GET",
        "/api/staff/signin-health",
        &[("Authorization", &staff_bearer)],
        "",
    )
    .unwrap();
    assert_eq!(status, 403);
    let admin = accounts["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["login"] == "admin")
        .unwrap()
        .clone();
    let totp = Command::new(mandat)
        .current_dir(dir.path())
        .args(["--db", &db, "demo", "totp", "admin"])
        .env("MANDAT_LOG", "warn")
        .output()
        .unwrap();
    let totp = String::from_utf8_lossy(&totp.stdout).trim().to_owned();
    let (status, _, body) = request(
        port,
        "POST",
        "/api/staff/signin",
        &[],
        &json!({"login": "admin", "password": admin["password"], "totp": totp}).to_string(),
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let admin_bearer = format!(
        "Bearer {}",
        serde_json::from_str::<Value>(&body).unwrap()["token"]
            .as_str()
            .unwrap()
    );
    let (status, _, health) = request(
        port,
        "GET",
        "/api/staff/signin-health",
        &[("Authorization", &admin_bearer)],
        "",
    )
    .unwrap();
    assert_eq!(status, 200, "{health}");
    let health: Value = serde_json::from_str(&health).unwrap();
    assert_eq!(health["signin"]["sent"], 1, "{health}");
    assert_eq!(health["signin"]["alarm"], false, "{health}");
    // A person holding a grant signs in as a member; the grant is listed.
    assert!(
        !accounts["grants"].as_array().unwrap().is_empty(),
        "{accounts}"
    );

    // The demo-only page shows the code that was sent.
    let (status, _, page) = request(port, "GET", "/demo/outbox?lang=en", &[], "").unwrap();
    assert_eq!(status, 200);
    assert!(page.contains(&code), "{page}");
}
