//! Live regions over Server-Sent Events: a member's polls update by themselves, a dropped connection resumes with what it missed exactly once, a stream ends with its session, streams are bounded, a commit through one node reaches a stream on another, and shutting the server down ends every stream.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::signin::{BINDING_A, Site, ask, cmd, code_sent, phone, setup, sign_in, site_on};
use mandat_app::SignInSettings;
use mandat_store::Store;
use mandat_testkit::{Client, EventStream, SseEvent};
use serde_json::json;
use std::time::{Duration, Instant};

/// Long enough for any update on a loaded machine; a test waits this long only when it
/// expects nothing.
const PATIENCE: Duration = Duration::from_secs(10);
const QUIET: Duration = Duration::from_millis(1500);

fn quick() -> mandat_web::WebSettings {
    mandat_web::WebSettings {
        live: mandat_web::live::LiveSettings {
            min_gap: Duration::from_millis(50),
            recheck: Duration::from_millis(200),
            ..Default::default()
        },
        ..Default::default()
    }
}

async fn member_session(site: &Site, n: u16) -> String {
    let client = site.client();
    assert_eq!(ask(&client, n, BINDING_A).await.status, 202);
    let code = code_sent(&site.outbox, &phone(n), 0).await;
    let signed = sign_in(&client, n, BINDING_A, &code).await;
    assert_eq!(signed.status, 200, "{}", signed.text());
    signed.json()["token"].as_str().unwrap().to_owned()
}

/// A new open poll of the district's members: it appears on every member's page.
async fn open_poll(store: &Store, code: &str) -> i64 {
    let closes = (jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24)).to_string();
    let at = "2026-02-01T03:00:00Z";
    let commands = vec![
        cmd(
            at,
            json!({"cmd":"create_poll","code":code,"campaign":"aksu-2026","title":format!("Poll {code}"),"options":[{"code":"a","label":"Alpha"},{"code":"b","label":"Beta"}],"method":"plurality","electorate":{"members":{"unit":"ALM-AKSU"}},"roll_cutoff":at,"opens_at":"2026-02-01T04:00:00Z","closes_at":closes,"board":"sealed","phase":"primary_vote"}),
        ),
        cmd(at, json!({"cmd":"freeze_roll","poll":code})),
        cmd(
            "2026-02-01T04:00:00Z",
            json!({"cmd":"open_poll","poll":code}),
        ),
    ];
    let mut batch = store.begin().await.unwrap();
    for r in batch.push_chunk(commands).await.unwrap() {
        r.unwrap();
    }
    batch.commit().await.unwrap().seq
}

async fn stream(client: &Client, last_event_id: Option<&str>) -> EventStream {
    match client.events("/my/live?lang=en", last_event_id).await {
        Ok(stream) => stream,
        Err(refused) => panic!("GET /my/live: {} {}", refused.status, refused.text()),
    }
}

async fn next(stream: &mut EventStream) -> SseEvent {
    stream
        .next(PATIENCE)
        .await
        .expect("an update within the patience")
}

#[tokio::test]
async fn a_members_polls_update_live_resume_once_after_a_drop_and_end_with_the_session() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let site = site_on(store.clone(), SignInSettings::default(), quick()).await;
        let token = member_session(&site, 0).await;
        let member = site.client().with_cookie("mandat_session", &token);

        // The first event is the region as the page shows it, at the present head.
        let mut live = stream(&member, None).await;
        assert!(live.head.contains("text/event-stream"), "{}", live.head);
        let first = next(&mut live).await;
        assert_eq!(first.event, "update");
        assert!(first.data.contains("Poll vote-aksu"), "{}", first.data);
        assert!(!first.data.contains("Poll vote-new"));
        let seen = first.id.clone().unwrap();

        // A poll opens while the connection is down.
        drop(live);
        let head = open_poll(&store, "vote-new").await;
        let mut live = stream(&member, Some(&seen)).await;
        let missed = next(&mut live).await;
        assert!(missed.data.contains("Poll vote-new"), "{}", missed.data);
        let resumed_at: i64 = missed.id.clone().unwrap().parse().unwrap();
        assert!(resumed_at >= head, "{resumed_at} < {head}");
        assert_eq!(
            live.drain(QUIET).await,
            vec![],
            "{}: delivered twice",
            db.engine
        );

        // Resuming at the present head delivers nothing until something changes; then once.
        drop(live);
        let mut live = stream(&member, missed.id.as_deref()).await;
        assert_eq!(live.drain(QUIET).await, vec![], "{}", db.engine);
        open_poll(&store, "vote-later").await;
        let update = next(&mut live).await;
        assert!(update.data.contains("Poll vote-later"), "{}", update.data);
        assert_eq!(live.drain(QUIET).await, vec![], "{}", db.engine);

        // Signing out (which does not move the journal) ends the stream at the next recheck.
        let out = site
            .client()
            .signed_in(&token)
            .post("/api/signout", &json!({}))
            .await;
        assert!(out.status < 300, "{}", out.text());
        let end = next(&mut live).await;
        assert_eq!(end.event, "end");
        assert_eq!(end.data, "session_ended");
        assert!(live.next(QUIET).await.is_none() && live.ended);
        // And a new stream with that session is refused outright.
        let refused = member.events("/my/live", None).await.err().unwrap();
        assert_eq!(refused.status, 401, "{}", db.engine);
    }
}

#[tokio::test]
async fn updates_are_coalesced_not_one_per_commit() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let mut settings = quick();
        settings.live.min_gap = Duration::from_millis(400);
        let site = site_on(store.clone(), SignInSettings::default(), settings).await;
        let token = member_session(&site, 0).await;
        let member = site.client().with_cookie("mandat_session", &token);
        let mut live = stream(&member, None).await;
        next(&mut live).await;
        let commits = 12;
        for n in 0..commits {
            open_poll(&store, &format!("burst-{n}")).await;
        }
        let updates = live.drain(QUIET).await;
        let last = updates.last().expect("at least one update");
        assert!(
            last.data.contains(&format!("Poll burst-{}", commits - 1)),
            "{}",
            last.data
        );
        assert!(
            updates.len() < commits,
            "{}: {} updates for {commits} commits",
            db.engine,
            updates.len()
        );
    }
}

#[tokio::test]
async fn streams_are_bounded_per_session_and_on_the_node() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let mut settings = quick();
        settings.live.max_per_session = 2;
        settings.live.max_streams = 3;
        let site = site_on(store.clone(), SignInSettings::default(), settings).await;
        let token = member_session(&site, 0).await;
        let member = site.client().with_cookie("mandat_session", &token);
        let _one = stream(&member, None).await;
        let _two = stream(&member, None).await;
        let third = member.events("/my/live", None).await.err().unwrap();
        assert_eq!(third.status, 503, "{}: {}", db.engine, third.text());
        assert!(third.head.to_ascii_lowercase().contains("retry-after"));
        // Another visitor's stream takes the node's last seat, then the node is full.
        let board = site.client();
        let _public = board
            .events("/polls/vote-aksu/turnout/live", None)
            .await
            .unwrap();
        let full = board
            .events("/polls/vote-aksu/turnout/live", None)
            .await
            .err()
            .unwrap();
        assert_eq!(full.status, 503, "{}", db.engine);
        // A closed stream frees its seat.
        drop(_two);
        let mut again = None;
        for _ in 0..100 {
            if let Ok(s) = member.events("/my/live", None).await {
                again = Some(s);
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(again.is_some(), "{}: the seat was not freed", db.engine);
    }
}

/// Two server nodes on one database: a commit through one reaches a stream held by the other.
/// On PostgreSQL the second node never reads the head by itself (an hour's catch-up), so only
/// the notification can carry it; on SQLite (one file, two processes' worth of pools) the
/// catch-up does.
#[tokio::test]
async fn a_commit_through_one_node_reaches_a_stream_on_another() {
    for db in mandat_testkit::engines().await {
        let first = Store::open(&db.url).await.unwrap();
        setup(&first).await;
        let catch_up = if db.engine == "postgres" {
            Duration::from_secs(3600)
        } else {
            Duration::from_millis(100)
        };
        let second = Store::open(&db.url)
            .await
            .unwrap()
            .with_head_catch_up(catch_up);
        let node_a = site_on(first.clone(), SignInSettings::default(), quick()).await;
        let node_b = site_on(second.clone(), SignInSettings::default(), quick()).await;
        // Signed in through node A; the session lives in the database, so node B knows it.
        let token = member_session(&node_a, 1).await;
        let on_b = node_b.client().with_cookie("mandat_session", &token);
        let mut live = stream(&on_b, None).await;
        next(&mut live).await;
        // Let the follower on B read the present head, so the next move is the commit's.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let started = Instant::now();
        open_poll(&first, "via-a").await;
        let update = next(&mut live).await;
        assert!(update.data.contains("Poll via-a"), "{}", update.data);
        eprintln!(
            "{}: a commit on node A reached node B's stream in {} ms",
            db.engine,
            started.elapsed().as_millis()
        );
    }
}

#[tokio::test]
async fn shutting_the_server_down_ends_its_streams() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let router = mandat_web::router(store.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let limits = mandat_web::EdgeLimits::default();
        let server = tokio::spawn(async move {
            mandat_web::edge::serve(listener, router, &limits, async {
                let _ = stopped.await;
            })
            .await
        });
        let mut live = Client::new(addr)
            .events("/polls/vote-aksu/turnout/live?lang=en", None)
            .await
            .unwrap();
        let first = next(&mut live).await;
        assert!(first.data.contains("fewer than 100"), "{}", first.data);
        stop.send(()).unwrap();
        assert!(live.next(PATIENCE).await.is_none());
        assert!(live.ended, "{}: the stream outlived the server", db.engine);
        server.await.unwrap().unwrap();
    }
}
