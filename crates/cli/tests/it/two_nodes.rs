//! Two `mandat serve` processes on one database, on both engines: a delegates vote counted through one node reaches an organizer's dashboard stream held by the other (PostgreSQL: by `LISTEN/NOTIFY`; SQLite: by the catch-up read of the shared file), and the time it took is printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::browser::{PATIENCE, Running, free_port};
use crate::hall_browser::{CONFERENCE, fixture, person};
use jiff::Timestamp;
use mandat_testkit::Client;
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// `mandat --db DB ARGS` with the test's key files, answering its standard output.
fn mandat(db: &str, dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mandat"))
        .args(["--db", db])
        .arg("--secret-file")
        .arg(dir.join("site.secret"))
        .arg("--signing-key-file")
        .arg(dir.join("site.signing"))
        .args(args)
        .env("MANDAT_LOG", "warn")
        .env("MANDAT_LANG", "en")
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "mandat {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A new organizer account over the district, signed in through `node`: its session token.
async fn organizer(db: &str, dir: &Path, node: &Client, login: &str) -> String {
    let added = mandat(
        db,
        dir,
        &[
            "account",
            "add",
            login,
            "--role",
            "organizer",
            "--unit",
            "R-D",
        ],
    );
    let after = |label: &str| -> String {
        added
            .lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .unwrap_or_else(|| panic!("no {label} in {added}"))
            .trim()
            .to_owned()
    };
    let secret =
        mandat_app::totp_secret_of_uri(&after("authenticator (otpauth URI, add it to the app):"))
            .unwrap();
    let parsed = mandat_core::staff::Login::parse(login).unwrap();
    let totp = mandat_app::totp_code(&secret, &parsed, Timestamp::now()).unwrap();
    let signed = node
        .post(
            "/api/staff/signin",
            &json!({"login": login, "password": after("password:"), "totp": totp}),
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.text());
    signed.json()["token"].as_str().unwrap().to_owned()
}

fn serve(db: &str, dir: &Path, name: &'static str) -> (Running, u16) {
    let port = free_port();
    let mut node = Running::start(
        name,
        Command::new(env!("CARGO_BIN_EXE_mandat"))
            .args(["--db", db])
            .arg("--secret-file")
            .arg(dir.join("site.secret"))
            .arg("--signing-key-file")
            .arg(dir.join("site.signing"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("MANDAT_LOG", "warn"),
        dir.join(format!("{name}.log")),
    );
    node.wait_for(port, "/healthz");
    (node, port)
}

#[tokio::test]
async fn a_count_on_one_node_reaches_a_dashboard_on_the_other() {
    for db in mandat_testkit::engines().await {
        let dir = tempfile::tempdir().unwrap();
        let url = db.url.as_str();
        mandat(url, dir.path(), &["init"]);
        let record = dir.path().join("record.jsonl");
        std::fs::write(&record, fixture(Timestamp::now())).unwrap();
        mandat(url, dir.path(), &["apply", record.to_str().unwrap()]);
        let (_node_a, port_a) = serve(url, dir.path(), "node A");
        let (_node_b, port_b) = serve(url, dir.path(), "node B");
        let node_a = Client::new(([127, 0, 0, 1], port_a).into());
        let node_b = Client::new(([127, 0, 0, 1], port_b).into());

        // The organizer watches the district's meetings through node B.
        let watching = organizer(url, dir.path(), &node_b, "org.d").await;
        let mut live = node_b
            .with_cookie("mandat_staff", &watching)
            .events("/dashboard/live/meetings?unit=R-D&lang=en", None)
            .await
            .unwrap_or_else(|r| panic!("{}: {} {}", db.engine, r.status, r.text()));
        let first = live.next(PATIENCE).await.unwrap();
        assert!(first.data.contains(CONFERENCE), "{}", first.data);

        // The conference runs through node A up to its delegates vote.
        let working = organizer(url, dir.path(), &node_a, "door.d").await;
        let desk = node_a
            .signed_in(&working)
            .with_header("Sec-Fetch-Site", "same-origin");
        let present: Vec<String> = (0..101).map(|n| person(n).to_string()).collect();
        let candidates = vec![person(0).to_string(), person(1).to_string()];
        let steps: Vec<Value> = vec![
            json!({"cmd":"open_registration","meeting":CONFERENCE}),
            json!({"cmd":"record_attendance","meeting":CONFERENCE,"hall":&present[..100],"remote":&present[100..]}),
            json!({"cmd":"open_meeting","meeting":CONFERENCE}),
            json!({"cmd":"put_to_vote","meeting":CONFERENCE,"vote":1,"motion":"presidium","chair":person(2).to_string(),"secretary":person(3).to_string(),"counting_commission":[person(4).to_string()]}),
            json!({"cmd":"count_vote","meeting":CONFERENCE,"vote":1,"hall":{"for":100,"against":0,"abstain":0}}),
            json!({"cmd":"put_to_vote","meeting":CONFERENCE,"vote":2,"motion":"agenda","items":["Delegates to the regional conference"]}),
            json!({"cmd":"count_vote","meeting":CONFERENCE,"vote":2,"hall":{"for":100,"against":0,"abstain":0}}),
            json!({"cmd":"put_to_vote","meeting":CONFERENCE,"vote":3,"motion":"delegates","candidates":candidates,"item":1}),
        ];
        for step in &steps {
            let sent = desk.post("/api/commands", step).await;
            assert_eq!(sent.status, 200, "{}: {step}: {}", db.engine, sent.text());
        }
        // Node B's stream has caught up with all of that (status open, 101 present).
        let deadline = Instant::now() + PATIENCE;
        loop {
            let event = live.next(PATIENCE).await.unwrap();
            if event.data.contains("101") && event.data.contains("status-open") {
                assert!(event.data.contains("0 / 11"), "{}", event.data);
                break;
            }
            assert!(Instant::now() < deadline, "{}: {}", db.engine, event.data);
        }

        // The count through node A: two delegates elected, seen on node B's dashboard.
        let started = Instant::now();
        let counted = desk
            .post(
                "/api/commands",
                &json!({"cmd":"count_vote","meeting":CONFERENCE,"vote":3,"hall":{"for":60,"against":30,"abstain":10}}),
            )
            .await;
        assert_eq!(counted.status, 200, "{}", counted.text());
        let update = live.next(PATIENCE).await.unwrap();
        assert!(
            update.data.contains("2 / 11"),
            "{}: {}",
            db.engine,
            update.data
        );
        eprintln!(
            "{}: a count through node A reached node B's dashboard in {} ms",
            db.engine,
            started.elapsed().as_millis()
        );
    }
}
