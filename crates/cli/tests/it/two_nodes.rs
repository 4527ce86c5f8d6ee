//! Two `mandat serve` processes on one database, on both engines: a delegates vote counted through one node reaches an organizer's dashboard stream held by the other (PostgreSQL: by `LISTEN/NOTIFY`; SQLite: by the catch-up read of the shared file), and the time it took is printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::browser::{Organizer, PATIENCE, Running, mandat, serve};
use crate::hall_browser::{CONFERENCE, fixture, person};
use jiff::Timestamp;
use mandat_testkit::Client;
use serde_json::{Value, json};
use std::path::Path;
use std::time::Instant;

/// A new organizer account over the district, signed in through `node`: its session token.
async fn organizer(db: &Path, secret: &Path, node: &Client, login: &str) -> String {
    let account = Organizer::add(db, secret, login, "R-D");
    let signed = node
        .post(
            "/api/staff/signin",
            &json!({"login": account.login, "password": account.password, "totp": account.totp()}),
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.text());
    signed.json()["token"].as_str().unwrap().to_owned()
}

/// A `mandat serve` node, its log in a folder of its own.
fn node(db: &Path, secret: &Path, dir: &Path, name: &str) -> (Running, u16) {
    let logs = dir.join(name);
    std::fs::create_dir_all(&logs).unwrap();
    serve(db, secret, &[], &logs)
}

#[tokio::test]
async fn a_count_on_one_node_reaches_a_dashboard_on_the_other() {
    for db in mandat_testkit::engines().await {
        let dir = tempfile::tempdir().unwrap();
        let url = Path::new(db.url.as_str());
        let secret = dir.path().join("site.secret");
        mandat(url, &secret, &["init"]);
        let record = dir.path().join("record.jsonl");
        std::fs::write(&record, fixture(Timestamp::now())).unwrap();
        mandat(url, &secret, &["apply", record.to_str().unwrap()]);
        let (_node_a, port_a) = node(url, &secret, dir.path(), "node-a");
        let (_node_b, port_b) = node(url, &secret, dir.path(), "node-b");
        let node_a = Client::new(([127, 0, 0, 1], port_a).into());
        let node_b = Client::new(([127, 0, 0, 1], port_b).into());

        // The organizer watches the district's meetings through node B.
        let watching = organizer(url, &secret, &node_b, "org.d").await;
        let mut live = node_b
            .with_cookie("mandat_staff", &watching)
            .events("/dashboard/live/meetings?unit=R-D&lang=en", None)
            .await
            .unwrap_or_else(|r| panic!("{}: {} {}", db.engine, r.status, r.text()));
        let first = live.next(PATIENCE).await.unwrap();
        assert!(first.data.contains(CONFERENCE), "{}", first.data);

        // The conference runs through node A up to its delegates vote.
        let working = organizer(url, &secret, &node_a, "door.d").await;
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
