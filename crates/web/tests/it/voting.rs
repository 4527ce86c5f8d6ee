//! Voting over HTTP as a delegate's phone does it: sign in with the check-in code, cast, retry, check the receipt, read the board.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_core::ballot::ServerKey;
use mandat_core::token::TokenKey;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{BallotQueue, Participant, Pending, Store};
use serde_json::{Value, json};
use std::sync::Arc;

const MEETING: &str = "ALM-AKSU-P001.2020";
const POLL: &str = "rating-p001";

async fn request(
    addr: std::net::SocketAddr,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, String) {
    // The assertions read the English sentences.
    let mut client = mandat_testkit::Client::new(addr).in_language("en");
    client.token = token.map(str::to_owned);
    let response = client.request(method, path, body.as_ref()).await;
    (response.status, response.text())
}

fn member(n: u16) -> Iin {
    let mut serial = n;
    loop {
        if let Some(i) = Iin::compose(jiff::civil::date(1975, 3, 9), Sex::Female, serial) {
            return i;
        }
        serial += 1000;
    }
}

fn cmd(held_at: &str, mut body: Value) -> Pending {
    body["actor"] = json!("org");
    body["held_at"] = json!(held_at);
    let envelope = Envelope::parse(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let at: Timestamp = held_at.parse().unwrap();
    Pending::new(envelope, at.as_millisecond() + 60_000)
}

/// A PPO meeting with four members, three checked in, and an open rating vote of those present.
async fn setup(store: &Store) {
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
    for n in 0..4u16 {
        commands.push(cmd(at, json!({"cmd":"register_member","iin":member(n).to_string(),"full_name":format!("Member {n}"),"phone":format!("+7701000000{n}"),"unit":"ALM-AKSU-P001","joined_on":"2010-01-01"})));
    }
    commands.push(cmd("2020-11-03T04:00:00Z", json!({"cmd":"convene_meeting","code":MEETING,"campaign":"almaty-2020","unit":"ALM-AKSU-P001","phase":"ppo_meetings","convened_by":"bureau No. 1","scheduled_at":"2020-11-07T04:00:00Z","venue":"school hall","entry_deadline":"2099-12-31T00:00:00Z"})));
    commands.push(cmd(
        "2020-11-07T03:40:00Z",
        json!({"cmd":"open_registration","meeting":MEETING}),
    ));
    for n in 0..3u16 {
        commands.push(cmd(
            "2020-11-07T03:50:00Z",
            json!({"cmd":"check_in","meeting":MEETING,"iin":member(n).to_string(),"mode":"hall"}),
        ));
    }
    let closes = (Timestamp::now() + SignedDuration::from_hours(24)).to_string();
    commands.push(cmd("2020-11-07T05:00:00Z", json!({"cmd":"create_poll","code":POLL,"campaign":"almaty-2020","title":"Rating vote","meeting":MEETING,"options":[{"code":"a","label":"A"},{"code":"b","label":"B"},{"code":"c","label":"C"}],"method":{"approval":{"max_choices":2}},"electorate":{"checked_in":{"meeting":MEETING}},"roll_cutoff":"2020-11-07T05:00:00Z","opens_at":"2020-11-07T05:01:00Z","closes_at":closes,"board":"open"})));
    commands.push(cmd(
        "2020-11-07T05:00:00Z",
        json!({"cmd":"freeze_roll","poll":POLL}),
    ));
    commands.push(cmd(
        "2020-11-07T05:01:00Z",
        json!({"cmd":"open_poll","poll":POLL}),
    ));
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

#[tokio::test]
async fn a_delegate_signs_in_with_the_check_in_code_votes_once_and_finds_the_receipt_on_the_board()
{
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let meeting: Code = MEETING.parse().unwrap();
        let now = Timestamp::now();
        let token_key = TokenKey::derive(&[5u8; 32]);
        // The desk hands out codes only to those checked in.
        let absent = store
            .issue_vote_credential(&token_key, &meeting, Participant::Iin(member(3)), now)
            .await
            .unwrap_err()
            .to_string();
        assert!(absent.contains("not checked in"), "{absent}");
        let code0 = store
            .issue_vote_credential(&token_key, &meeting, Participant::Iin(member(0)), now)
            .await
            .unwrap();
        let code1 = store
            .issue_vote_credential(&token_key, &meeting, Participant::Iin(member(1)), now)
            .await
            .unwrap();

        let key = ServerKey::from_seed(&[9u8; 32]);
        let queue = BallotQueue::start(
            store.clone(),
            Arc::new(key.clone()),
            1,
            std::time::Duration::from_millis(20),
        );
        let server = mandat_testkit::serve(mandat_web::app(
            store.clone(),
            Some(queue),
            token_key.clone(),
        ))
        .await;
        let addr = server.addr;

        let (status, body) = request(
            addr,
            "POST",
            "/api/session",
            None,
            Some(json!({"code":"WRONG-CODE-0000"})),
        )
        .await;
        assert_eq!(status, 422, "{}: {body}", db.engine);
        let (status, body) = request(
            addr,
            "POST",
            "/api/session",
            None,
            Some(json!({"code": code0.to_lowercase()})),
        )
        .await;
        assert_eq!(status, 200, "{}: {body}", db.engine);
        let token0 = serde_json::from_str::<Value>(&body).unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string();
        let (status, body) = request(
            addr,
            "POST",
            "/api/session",
            None,
            Some(json!({"code": code0})),
        )
        .await;
        assert_eq!(status, 422, "a code signs in once: {body}");
        let (_, body) = request(
            addr,
            "POST",
            "/api/session",
            None,
            Some(json!({"code": code1})),
        )
        .await;
        let token1 = serde_json::from_str::<Value>(&body).unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string();

        let path = format!("/api/polls/{POLL}/ballot");
        let (status, _) = request(
            addr,
            "POST",
            &path,
            None,
            Some(json!({"choices":[["a"]],"request_key":"0000000000000000000000000000a000"})),
        )
        .await;
        assert_eq!(status, 401);
        assert_eq!(voted(addr, &token0).await, json!(false));

        let ballot = json!({"choices":[["a","b"]],"request_key":"0000000000000000000000000000a000","device_nonce":"00112233445566778899aabbccddeeff"});
        // An unknown language is refused before anything is cast.
        let (status, body) = request(
            addr,
            "POST",
            &format!("{path}?lang=xx"),
            Some(&token0),
            Some(ballot.clone()),
        )
        .await;
        assert_eq!(status, 400, "{}: {body}", db.engine);
        assert!(body.contains("bad_language"), "{body}");
        assert_eq!(voted(addr, &token0).await, json!(false));
        // The receipt's advice follows `?lang=`.
        let (status, body) = request(
            addr,
            "POST",
            &format!("{path}?lang=kk"),
            Some(&token0),
            Some(ballot.clone()),
        )
        .await;
        assert_eq!(status, 200, "{}: {body}", db.engine);
        let keep = serde_json::from_str::<Value>(&body).unwrap()["keep"].clone();
        assert!(keep.as_str().unwrap().contains("түбіртекті"), "{keep}");
        let receipt = serde_json::from_str::<Value>(&body).unwrap()["receipt"].clone();
        let parsed: mandat_core::ballot::Receipt = serde_json::from_value(receipt.clone()).unwrap();
        assert!(parsed.verify(&key.public_hex()));
        assert!(!parsed.server_only);
        // The network dropped the answer: the phone retries with the same key.
        let (status, body) = request(addr, "POST", &path, Some(&token0), Some(ballot)).await;
        assert_eq!(status, 200);
        let keep = serde_json::from_str::<Value>(&body).unwrap()["keep"].clone();
        // Without `?lang=`, the language the client accepts (English here).
        assert!(
            keep.as_str().unwrap().contains("keep this receipt"),
            "{keep}"
        );
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap()["receipt"],
            receipt
        );
        let (status, body) = request(
            addr,
            "POST",
            &path,
            Some(&token0),
            Some(json!({"choices":[["c"]],"request_key":"0000000000000000000000000000a001"})),
        )
        .await;
        // The API answers its refusals as JSON with a stable code (docs/errors.md).
        assert_eq!(status, 409, "{body}");
        let error = &serde_json::from_str::<Value>(&body).unwrap()["error"];
        assert_eq!(error["code"], "already_voted");
        assert_eq!(error["message"], "you have already voted in this poll");
        assert_eq!(voted(addr, &token0).await, json!(true));

        // A request key that is not 128 random bits, like the old documentation's example.
        let (status, body) = request(
            addr,
            "POST",
            &path,
            Some(&token1),
            Some(json!({"choices":[["a"]],"request_key":"7f3c9a2e-1"})),
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("128 random bits"), "{body}");
        let (status, body) = request(
            addr,
            "POST",
            &path,
            Some(&token1),
            Some(
                json!({"choices":[["a","b","c"]],"request_key":"0000000000000000000000000000b000"}),
            ),
        )
        .await;
        assert_eq!(status, 400, "{body}");
        assert!(body.contains("at most 2"), "{body}");
        let (status, _) = request(
            addr,
            "POST",
            &path,
            Some(&token1),
            Some(json!({"choices":[["a"]],"request_key":"0000000000000000000000000000b001"})),
        )
        .await;
        assert_eq!(status, 200);

        let (status, body) = request(
            addr,
            "GET",
            &format!("/api/polls/{POLL}/turnout"),
            None,
            None,
        )
        .await;
        assert_eq!(status, 200);
        let turnout: Value = serde_json::from_str(&body).unwrap();
        // While the poll runs, a roll under the publication step shows no count at all: it would
        // move with each voter.
        assert_eq!(
            (
                turnout["roll"].clone(),
                turnout["voted"].clone(),
                turnout["step"].clone()
            ),
            (json!(3), Value::Null, json!(100)),
            "{turnout}"
        );
        assert!(
            turnout["units"]
                .as_array()
                .unwrap()
                .iter()
                .all(|u| u["voted"].is_null()),
            "{turnout}"
        );

        // The receipt is found by POST; a made-up one is not.
        let check = format!("/api/polls/{POLL}/receipt");
        let (status, body) = request(
            addr,
            "POST",
            &check,
            None,
            Some(json!({"tracker": receipt["tracker"], "ballot_hash": receipt["ballot_hash"]})),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap()["recorded"],
            json!(true)
        );
        let (_, body) = request(
            addr,
            "POST",
            &check,
            None,
            Some(json!({"tracker": receipt["ballot_hash"], "ballot_hash": receipt["tracker"]})),
        )
        .await;
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap()["recorded"],
            json!(false)
        );
        let (status, _) = request(
            addr,
            "POST",
            &check,
            None,
            Some(json!({"tracker":"xyz","ballot_hash":"00"})),
        )
        .await;
        assert_eq!(status, 400);

        // No live results of a secret poll, no board before the count.
        let (_, body) = request(addr, "GET", &format!("/api/polls/{POLL}"), None, None).await;
        assert_eq!(
            serde_json::from_str::<Value>(&body).unwrap()["result"],
            Value::Null
        );
        let (status, _) = request(
            addr,
            "GET",
            &format!("/polls/{POLL}/board.json"),
            None,
            None,
        )
        .await;
        assert_eq!(status, 404);

        let poll: Code = POLL.parse().unwrap();
        store
            .close_and_count(
                &poll,
                "commission",
                Timestamp::now(),
                "all present have voted",
                None,
                35,
                &key,
            )
            .await
            .unwrap()
            .unwrap();
        let (status, body) = request(
            addr,
            "GET",
            &format!("/polls/{POLL}/board.json"),
            None,
            None,
        )
        .await;
        assert_eq!(status, 200);
        let board: Value = serde_json::from_str(&body).unwrap();
        let entries = board["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 2);
        let mine = entries
            .iter()
            .find(|e| e["tracker"] == receipt["tracker"])
            .unwrap();
        assert_eq!(mine["ballot"], json!([["a", "b"]]));
        let (status, blt) = request(
            addr,
            "GET",
            &format!("/polls/{POLL}/ballots.blt"),
            None,
            None,
        )
        .await;
        assert_eq!(status, 200);
        let election = mandat_core::count::parse_blt(&blt).unwrap();
        let recount = mandat_core::count::count(
            mandat_core::count::Method::Approval {
                max_choices: Some(2),
            },
            &election.ballots,
            1,
            &mandat_core::count::TieBreak::CandidateOrder,
        )
        .unwrap();
        assert_eq!(recount.winners, vec!["a".to_string()]);
        let (_, body) = request(addr, "GET", &format!("/api/polls/{POLL}"), None, None).await;
        let one: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            one["result"]["outcome"]["winners"],
            json!(["a"]),
            "{}",
            db.engine
        );
        drop(server);
    }
}

/// A request like `request`, sent from the loopback address `from` (127.0.0.2, 127.0.0.3, ...), so
/// that the server sees another client; returns the status, the Retry-After header and the body.
/// Whether the voter of `token` has voted in the test poll, as `/api/polls/{POLL}/me` says.
async fn voted(addr: std::net::SocketAddr, token: &str) -> Value {
    let (status, body) = request(
        addr,
        "GET",
        &format!("/api/polls/{POLL}/me"),
        Some(token),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str::<Value>(&body).unwrap()["voted"].clone()
}

async fn request_from(
    addr: std::net::SocketAddr,
    from: std::net::Ipv4Addr,
    path: &str,
    body: Value,
) -> (u16, Option<u64>, String) {
    let response = mandat_testkit::Client::new(addr)
        .in_language("en")
        .from_address(from)
        .post(path, &body)
        .await;
    let retry_after = response.header("retry-after").map(|v| v.parse().unwrap());
    (response.status, retry_after, response.text())
}

/// Serves the app with each client's address (as `mandat serve` does) and the given limits.
async fn serve_with_limits(
    store: &Store,
    token_key: &TokenKey,
    limits: mandat_web::SignInLimits,
) -> mandat_testkit::Served {
    mandat_testkit::serve(mandat_web::app_with_limits(
        store.clone(),
        None,
        token_key.clone(),
        limits,
    ))
    .await
}

#[tokio::test]
async fn a_guesser_is_stopped_after_the_failure_limit_while_a_code_from_another_address_still_signs_in()
 {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let meeting: Code = MEETING.parse().unwrap();
        let token_key = TokenKey::derive(&[5u8; 32]);
        let issue = |n| {
            let (store, key, meeting) = (store.clone(), token_key.clone(), meeting.clone());
            async move {
                store
                    .issue_vote_credential(
                        &key,
                        &meeting,
                        Participant::Iin(member(n)),
                        Timestamp::now(),
                    )
                    .await
                    .unwrap()
            }
        };
        let (code0, code1, code2) = (issue(0).await, issue(1).await, issue(2).await);
        let limits = mandat_web::SignInLimits {
            per_address: 3,
            overall: 5,
            window: std::time::Duration::from_secs(3600),
        };
        let server = serve_with_limits(&store, &token_key, limits).await;
        let addr = server.addr;
        let guesser = std::net::Ipv4Addr::new(127, 0, 0, 2);
        let hall = std::net::Ipv4Addr::new(127, 0, 0, 3);
        for guess in ["AAAA-AAAA-AAAA", "AAAA-AAAA-AAAB", "AAAA-AAAA-AAAC"] {
            let (status, _, body) =
                request_from(addr, guesser, "/api/session", json!({ "code": guess })).await;
            assert_eq!(status, 422, "{}: {body}", db.engine);
        }
        // The fourth attempt is not tried at all, even with a right code.
        let (status, retry_after, body) =
            request_from(addr, guesser, "/api/session", json!({ "code": code0 })).await;
        assert_eq!(status, 429, "{}: {body}", db.engine);
        let retry_after = retry_after.expect("a Retry-After header");
        assert!((1..=3600).contains(&retry_after), "{retry_after}");
        assert!(
            body.contains(&format!("try again in {retry_after} seconds")),
            "{body}"
        );
        // A delegate on another address is not held up by the guesser.
        let (status, _, body) =
            request_from(addr, hall, "/api/session", json!({ "code": code1 })).await;
        assert_eq!(status, 200, "{}: {body}", db.engine);
        // Failures from all addresses together reach the overall limit: then nobody is tried.
        for guess in ["BBBB-BBBB-BBBB", "BBBB-BBBB-BBBC"] {
            let (status, _, body) =
                request_from(addr, hall, "/api/session", json!({ "code": guess })).await;
            assert_eq!(status, 422, "{}: {body}", db.engine);
        }
        let (status, retry_after, body) =
            request_from(addr, hall, "/api/session", json!({ "code": code2 })).await;
        assert_eq!(status, 429, "{}: {body}", db.engine);
        assert!(retry_after.is_some());
        assert!(body.contains("on this server"), "{body}");
        drop(server);
    }
}

#[tokio::test]
async fn a_stolen_credential_or_session_row_is_no_bare_hash_and_the_same_code_under_another_key_does_not_sign_in()
 {
    use sha2::{Digest, Sha256};
    let bare = |domain: &str, text: &str| {
        let normalized = text.trim().to_uppercase().replace(['-', ' '], "");
        let mut with_domain = Sha256::new();
        with_domain.update(format!("{domain}\0{normalized}").as_bytes());
        [
            hex::encode(with_domain.finalize()),
            hex::encode(Sha256::digest(normalized.as_bytes())),
            hex::encode(Sha256::digest(text.as_bytes())),
        ]
    };
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let meeting: Code = MEETING.parse().unwrap();
        let server_key = TokenKey::derive(&[5u8; 32]);
        let other_key = TokenKey::derive(&[6u8; 32]);
        let now = Timestamp::now();
        let code = store
            .issue_vote_credential(&server_key, &meeting, Participant::Iin(member(0)), now)
            .await
            .unwrap();
        let stored: String = sqlx::query_scalar("SELECT code_hash FROM vote_credentials")
            .fetch_one(store.pool())
            .await
            .unwrap();
        for guess in bare("mandat/credential/v1", &code) {
            assert_ne!(
                stored, guess,
                "{}: a bare SHA-256 of the code is stored",
                db.engine
            );
        }
        let refused = store
            .redeem_credential(&other_key, &code, now)
            .await
            .unwrap_err()
            .to_string();
        assert!(refused.contains("not valid"), "{}: {refused}", db.engine);
        let (token, _) = store
            .redeem_credential(&server_key, &code, now)
            .await
            .unwrap();
        let stored: String = sqlx::query_scalar("SELECT token_hash FROM sessions")
            .fetch_one(store.pool())
            .await
            .unwrap();
        for guess in bare("mandat/session/v1", &token) {
            assert_ne!(
                stored, guess,
                "{}: a bare SHA-256 of the token is stored",
                db.engine
            );
        }
        assert_eq!(store.session(&other_key, &token, now).await.unwrap(), None);
        assert!(
            store
                .session(&server_key, &token, now)
                .await
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test]
async fn a_reissued_code_ends_the_session_opened_with_the_old_one() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        setup(&store).await;
        let meeting: Code = MEETING.parse().unwrap();
        let key = TokenKey::derive(&[5u8; 32]);
        let now = Timestamp::now();
        let old = store
            .issue_vote_credential(&key, &meeting, Participant::Iin(member(0)), now)
            .await
            .unwrap();
        let (old_token, _) = store.redeem_credential(&key, &old, now).await.unwrap();
        // Another member's session is not touched by this member's reissue.
        let other = store
            .issue_vote_credential(&key, &meeting, Participant::Iin(member(1)), now)
            .await
            .unwrap();
        let (other_token, _) = store.redeem_credential(&key, &other, now).await.unwrap();
        assert!(
            store
                .session(&key, &old_token, now)
                .await
                .unwrap()
                .is_some()
        );

        let new = store
            .issue_vote_credential(&key, &meeting, Participant::Iin(member(0)), now)
            .await
            .unwrap();
        assert_eq!(
            store.session(&key, &old_token, now).await.unwrap(),
            None,
            "{}: the session of the reissued code still works",
            db.engine
        );
        assert!(store.redeem_credential(&key, &old, now).await.is_err());
        let (new_token, session) = store.redeem_credential(&key, &new, now).await.unwrap();
        assert_eq!(session.iin, member(0));
        assert!(
            store
                .session(&key, &new_token, now)
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            store
                .session(&key, &other_token, now)
                .await
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test]
async fn a_session_ended_on_one_node_ends_on_the_other_within_a_second() {
    for db in mandat_testkit::engines().await {
        // Two nodes on one database, each with its own copies of the sessions it has read.
        let node_a = Store::open(&db.url).await.unwrap();
        setup(&node_a).await;
        let node_b = Store::open(&db.url).await.unwrap();
        let meeting: Code = MEETING.parse().unwrap();
        let key = TokenKey::derive(&[6u8; 32]);
        let now = Timestamp::now();
        let mut tokens = Vec::new();
        for n in 0..3 {
            let code = node_a
                .issue_vote_credential(&key, &meeting, Participant::Iin(member(n)), now)
                .await
                .unwrap();
            let (token, _) = node_a.redeem_credential(&key, &code, now).await.unwrap();
            // Node B reads each session once, and from then on answers from its copy.
            assert!(node_b.session(&key, &token, now).await.unwrap().is_some());
            tokens.push(token);
        }
        // Member 0 signs out on node A; member 1's code is handed out again there (which ends
        // the session opened with the old one); member 2 carries on.
        node_a.end_session(&key, &tokens[0]).await.unwrap();
        node_a
            .issue_vote_credential(&key, &meeting, Participant::Iin(member(1)), now)
            .await
            .unwrap();
        assert_eq!(node_a.session(&key, &tokens[0], now).await.unwrap(), None);
        assert_eq!(node_a.session(&key, &tokens[1], now).await.unwrap(), None);

        tokio::time::sleep(mandat_store::ENDS_CHECK + std::time::Duration::from_millis(200)).await;
        assert_eq!(
            node_b.session(&key, &tokens[0], now).await.unwrap(),
            None,
            "{}: a session signed out on node A still works on node B",
            db.engine
        );
        assert_eq!(
            node_b.session(&key, &tokens[1], now).await.unwrap(),
            None,
            "{}: the session of a reissued code still works on node B",
            db.engine
        );
        let carried_on = node_b.session(&key, &tokens[2], now).await.unwrap();
        assert_eq!(carried_on.map(|s| s.iin), Some(member(2)), "{}", db.engine);

        // Signing out everywhere, on node B this time, reaches node A's copy too.
        let member_2 = node_b
            .session(&key, &tokens[2], now)
            .await
            .unwrap()
            .unwrap()
            .member;
        assert!(
            node_a
                .session(&key, &tokens[2], now)
                .await
                .unwrap()
                .is_some()
        );
        node_b.end_all_sessions(member_2).await.unwrap();
        tokio::time::sleep(mandat_store::ENDS_CHECK + std::time::Duration::from_millis(200)).await;
        assert_eq!(
            node_a.session(&key, &tokens[2], now).await.unwrap(),
            None,
            "{}: signing out everywhere on node B left a session working on node A",
            db.engine
        );
    }
}
