//! Writers at once wait, never fail: 200 delegates signing in at the same moment through the HTTP server, and 4 registration desks checking delegates in at once, on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use mandat_app::{App, Credential};
use mandat_core::meeting::model::Presence;
use mandat_core::token::TokenKey;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{Participant, Pending, Store};
use serde_json::{Value, json};

const MEETING: &str = "ALM-AKSU-P001.2020";
const SECRET: [u8; 32] = [7u8; 32];

fn member(n: u16) -> Iin {
    mandat_testkit::iin(jiff::civil::date(1975, 3, 9), Sex::Female, n)
}

fn cmd(held_at: &str, mut body: Value) -> Pending {
    body["actor"] = json!("org");
    body["held_at"] = json!(held_at);
    let envelope = Envelope::parse(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let at: Timestamp = held_at.parse().unwrap();
    Pending::new(envelope, at.as_millisecond() + 60_000)
}

/// A PPO meeting of `members` members, registering; the first `checked_in` of them checked in.
async fn setup(store: &Store, members: u16, checked_in: u16) {
    let at = "2020-08-01T03:00:00Z";
    let mut commands = vec![
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM","kind":"region","parent":null,"names":{"ru":"А","kk":"А","en":"A"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU","kind":"district","parent":"ALM","names":{"ru":"Б","kk":"Б","en":"B"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{"ru":"В","kk":"В","en":"C"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_campaign","code":"almaty-2020","name":"2020","election_day":"2021-01-10"}),
        ),
        cmd(
            at,
            json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"ppo_meetings","starts_local":"2020-11-07T00:00","ends_local":"2020-11-08T23:59"}),
        ),
    ];
    for n in 0..members {
        commands.push(cmd(at, json!({"cmd":"register_member","iin":member(n).to_string(),"full_name":format!("Member {n}"),"phone":format!("+7701{n:07}"),"unit":"ALM-AKSU-P001","joined_on":"2010-01-01"})));
    }
    commands.push(cmd("2020-11-03T04:00:00Z", json!({"cmd":"convene_meeting","code":MEETING,"campaign":"almaty-2020","unit":"ALM-AKSU-P001","phase":"ppo_meetings","convened_by":"bureau No. 1","scheduled_at":"2020-11-07T04:00:00Z","venue":"school hall","entry_deadline":"2099-12-31T00:00:00Z"})));
    commands.push(cmd(
        "2020-11-07T03:40:00Z",
        json!({"cmd":"open_registration","meeting":MEETING}),
    ));
    for n in 0..checked_in {
        commands.push(cmd(
            "2020-11-07T03:50:00Z",
            json!({"cmd":"check_in","meeting":MEETING,"iin":member(n).to_string(),"mode":"hall"}),
        ));
    }
    let mut batch = store.begin().await.unwrap();
    for (n, r) in batch
        .push_chunk(commands)
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        r.unwrap_or_else(|e| panic!("setup command {n}: {e}"));
    }
    batch.commit().await.unwrap();
}

/// One request on a fresh connection: the status and the body.
async fn post(addr: std::net::SocketAddr, path: &str, body: Value) -> (u16, String) {
    let response = mandat_testkit::Client::new(addr).post(path, &body).await;
    (response.status, response.text())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_delegates_sign_in_at_once_and_every_one_succeeds() {
    const DELEGATES: u16 = 200;
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store, DELEGATES, DELEGATES).await;
        let meeting: Code = MEETING.parse().unwrap();
        let key = TokenKey::derive(&SECRET);
        let mut codes = Vec::new();
        for n in 0..DELEGATES {
            codes.push(
                store
                    .issue_vote_credential(
                        &key,
                        &meeting,
                        Participant::Iin(member(n)),
                        Timestamp::now(),
                    )
                    .await
                    .unwrap(),
            );
        }
        let server = mandat_testkit::serve(mandat_web::app(store.clone(), None, key)).await;
        let addr = server.addr;

        // Every phone at once: all requests start together.
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(codes.len()));
        let signing_in: Vec<_> = codes
            .into_iter()
            .map(|code| {
                let start = start.clone();
                tokio::spawn(async move {
                    start.wait().await;
                    post(addr, "/api/session", json!({ "code": code })).await
                })
            })
            .collect();
        let mut tokens = std::collections::HashSet::new();
        for task in signing_in {
            let (status, body) = task.await.unwrap();
            assert_eq!(status, 200, "{}: {body}", db.engine);
            let token = serde_json::from_str::<Value>(&body).unwrap()["token"]
                .as_str()
                .unwrap()
                .to_string();
            tokens.insert(token);
        }
        assert_eq!(tokens.len(), usize::from(DELEGATES), "{}", db.engine);
        let sessions: i64 = sqlx_count(&store, "SELECT COUNT(*) AS n FROM sessions").await;
        assert_eq!(sessions, i64::from(DELEGATES), "{}", db.engine);
        drop(server);
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_desks_check_delegates_in_at_once_and_every_check_in_is_recorded() {
    const DELEGATES: u16 = 60;
    const DESKS: u16 = 4;
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store, DELEGATES, 0).await;
        let meeting: Code = MEETING.parse().unwrap();
        // Each desk is its own process in the hall: its own store handle (its own connections
        // and writer lock) on the same database.
        let mut desks = Vec::new();
        for desk in 0..DESKS {
            let desk_store = Store::open(&db.url).await.unwrap();
            let app = App::new(desk_store).with_token_key(TokenKey::derive(&SECRET));
            let meeting = meeting.clone();
            desks.push(tokio::spawn(async move {
                let mut codes = Vec::new();
                for n in (desk..DELEGATES).step_by(usize::from(DESKS)) {
                    let checked_in = app
                        .check_in(
                            &SECRET,
                            &meeting,
                            Credential::Iin(member(n)),
                            Presence::Hall,
                            &format!("desk-{desk}"),
                            Timestamp::now(),
                        )
                        .await
                        .unwrap_or_else(|e| panic!("desk {desk}, delegate {n}: {e}"));
                    codes.push(checked_in.vote_code.expect("a code with each check-in"));
                }
                app.store().close().await;
                codes
            }));
        }
        let mut codes = Vec::new();
        for desk in desks {
            codes.extend(desk.await.unwrap());
        }
        assert_eq!(codes.len(), usize::from(DELEGATES), "{}", db.engine);
        let present = sqlx_count(
            &store,
            "SELECT COUNT(*) AS n FROM attendance WHERE present = 1",
        )
        .await;
        assert_eq!(present, i64::from(DELEGATES), "{}", db.engine);
        let credentials = sqlx_count(&store, "SELECT COUNT(*) AS n FROM vote_credentials").await;
        assert_eq!(credentials, i64::from(DELEGATES), "{}", db.engine);
        // Every check-in is in the journal, each under its desk.
        let journaled = sqlx_count(
            &store,
            "SELECT COUNT(*) AS n FROM journal WHERE actor LIKE 'desk-%'",
        )
        .await;
        assert_eq!(journaled, i64::from(DELEGATES), "{}", db.engine);
        // And every code signs its delegate in.
        let app = App::new(store.clone()).with_token_key(TokenKey::derive(&SECRET));
        for code in &codes {
            app.sign_in(code, Timestamp::now()).await.unwrap();
        }
        store.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_code_redeemed_from_several_nodes_at_once_signs_in_once() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store, 1, 1).await;
        let meeting: Code = MEETING.parse().unwrap();
        let key = TokenKey::derive(&SECRET);
        let code = store
            .issue_vote_credential(
                &key,
                &meeting,
                Participant::Iin(member(0)),
                Timestamp::now(),
            )
            .await
            .unwrap();
        // Four nodes (store handles, each with its own writer lock), four tries each.
        let mut tries = Vec::new();
        for _ in 0..4 {
            let app = App::new(Store::open(&db.url).await.unwrap()).with_token_key(key.clone());
            for _ in 0..4 {
                let app = app.clone();
                let code = code.clone();
                tries.push(tokio::spawn(async move {
                    app.sign_in(&code, Timestamp::now()).await
                }));
            }
        }
        let mut signed_in = 0;
        for attempt in tries {
            match attempt.await.unwrap() {
                Ok(_) => signed_in += 1,
                Err(mandat_app::AppError::Store(mandat_store::StoreError::Rule(refused))) => {
                    assert!(refused.to_string().contains("already used"), "{refused}");
                }
                Err(other) => panic!("{}: {other}", db.engine),
            }
        }
        assert_eq!(signed_in, 1, "{}", db.engine);
        store.close().await;
    }
}

async fn sqlx_count(store: &Store, sql: &'static str) -> i64 {
    use sqlx::Row;
    let row = sqlx::query(sql).fetch_one(store.pool()).await.unwrap();
    row.try_get::<i64, _>("n").unwrap()
}
