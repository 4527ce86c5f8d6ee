//! The secret ballot on both engines: casting, receipts, double votes, retries, stations, checkpoints, sealing, the count and tamper detection.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use mandat_core::ballot::{BallotContent, ServerKey};
use mandat_core::poll::Marked;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{Backend, Cast, CastAnswer, Pending, Store};
use mandat_testkit::engines;
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Row};

const POLL: &str = "aksu-primaries";
const OPTIONS: [&str; 3] = ["c1", "c2", "c3"];

fn iin(n: u16, sex: Sex, year: i16) -> Iin {
    let mut serial = n;
    loop {
        if let Some(i) = Iin::compose(jiff::civil::date(year, 5, 17), sex, serial) {
            return i;
        }
        serial += 1000;
    }
}

fn member(n: u16) -> Iin {
    let sex = if n.is_multiple_of(2) {
        Sex::Female
    } else {
        Sex::Male
    };
    iin(n, sex, 1970 + (n as i16 % 30))
}

fn cmd(held_at: &str, body: Value) -> Pending {
    let mut value = body;
    value["actor"] = json!("org");
    value["held_at"] = json!(held_at);
    let envelope = Envelope::parse(&value.to_string()).unwrap_or_else(|e| panic!("{value}: {e}"));
    let at: Timestamp = held_at.parse().unwrap();
    Pending::new(envelope, at.as_millisecond() + 60_000)
}

async fn apply(store: &Store, commands: Vec<Pending>) {
    let mut batch = store.begin().await.unwrap();
    for (n, result) in batch
        .push_chunk(commands)
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        result.unwrap_or_else(|e| panic!("command {n}: {e}"));
    }
    batch.commit().await.unwrap();
}

async fn refused(store: &Store, command: Pending) -> String {
    let mut batch = store.begin().await.unwrap();
    let result = batch
        .push_chunk(vec![command])
        .await
        .unwrap()
        .pop()
        .unwrap();
    batch.rollback().await.unwrap();
    result.expect_err("the command must be refused").to_string()
}

/// A district with 12 members, three registered candidates and a plurality poll, open.
async fn open_poll(url: &str) -> Store {
    let store = Store::open(url).await.unwrap();
    let at = "2020-08-01T03:00:00Z";
    let mut setup = vec![
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
            json!({"cmd":"create_campaign","code":"almaty-2020","name":"Праймериз 2020","election_day":"2021-01-10"}),
        ),
        cmd(
            at,
            json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"nomination","starts_local":"2020-08-17T00:00","ends_local":"2020-08-28T18:00"}),
        ),
        cmd(
            at,
            json!({"cmd":"set_target","campaign":"almaty-2020","code":"aksu","body":"local_maslikhat","name":"Аксуский районный маслихат","seats":2,"electorate_unit":"ALM-AKSU"}),
        ),
    ];
    for n in 0..12u16 {
        setup.push(cmd(at, json!({"cmd":"register_member","iin":member(n).to_string(),"full_name":format!("Member {n}"),"phone":format!("+77010000{n:03}"),"unit":"ALM-AKSU-P001","joined_on":"2010-01-01"})));
    }
    let nominated = "2020-08-20T05:00:00Z";
    for n in 0..3u16 {
        setup.push(cmd(nominated, json!({"cmd":"nominate_candidate","campaign":"almaty-2020","target":"aksu","iin":member(n).to_string(),"nominated_by":"self"})));
        setup.push(cmd(nominated, json!({"cmd":"register_candidate","campaign":"almaty-2020","target":"aksu","iin":member(n).to_string(),"decision":"committee No. 1"})));
    }
    let options: Vec<Value> = (0..3u16)
        .map(|n| json!({"code":OPTIONS[n as usize],"label":format!("Member {n}"),"candidate":member(n).to_string()}))
        .collect();
    setup.push(cmd("2020-08-29T05:00:00Z", json!({"cmd":"create_poll","code":POLL,"campaign":"almaty-2020","title":"Primaries: Aksu district maslikhat","target":"aksu","options":options,"method":"plurality","seats":2,"electorate":{"members":{"unit":"ALM-AKSU"}},"roll_cutoff":"2020-08-30T00:00:00Z","opens_at":"2020-09-30T19:00:00Z","closes_at":"2020-10-03T08:00:00Z"})));
    setup.push(cmd(
        "2020-08-30T00:00:00Z",
        json!({"cmd":"freeze_roll","poll":POLL}),
    ));
    setup.push(cmd(
        "2020-09-30T19:00:00Z",
        json!({"cmd":"open_poll","poll":POLL}),
    ));
    apply(&store, setup).await;
    store
}

fn key() -> ServerKey {
    ServerKey::from_seed(&[7u8; 32])
}

fn choice(option: &str) -> BallotContent {
    BallotContent(vec![vec![option.to_string()]])
}

fn cast(voter: Iin, option: &str, request: &str) -> Cast {
    Cast {
        poll: POLL.parse().unwrap(),
        voter,
        content: choice(option),
        device_nonce: Some(request.as_bytes().to_vec()),
        request_key: request.to_string(),
    }
}

fn during() -> Timestamp {
    "2020-10-01T06:00:00Z".parse().unwrap()
}

async fn count_rows(store: &Store, sql: &str) -> i64 {
    let row = sqlx::query(AssertSqlSafe(sql.to_string()))
        .fetch_one(store.pool())
        .await
        .unwrap();
    row.try_get::<i64, _>(0).unwrap()
}

#[tokio::test]
async fn a_poll_runs_from_casting_to_the_count_and_every_answer_is_right() {
    for db in engines().await {
        let store = open_poll(&db.url).await;
        let key = key();
        let poll: Code = POLL.parse().unwrap();
        // Nine voters, each in a batch of their own, in a known order.
        let votes = ["c1", "c2", "c1", "c3", "c1", "c2", "c1", "c2", "c3"];
        let mut receipts = Vec::new();
        for (n, option) in votes.iter().enumerate() {
            let answers = store
                .cast_batch(
                    vec![cast(member(n as u16 + 3), option, &format!("req-{n}"))],
                    &key,
                    during(),
                )
                .await
                .unwrap();
            match &answers[0] {
                CastAnswer::Accepted(receipt) => {
                    assert!(
                        receipt.verify(&key.public_hex()),
                        "{}: receipt verifies",
                        db.engine
                    );
                    assert!(receipt.opens_to(&choice(option)));
                    assert!(
                        !serde_json::to_string(receipt)
                            .unwrap()
                            .contains(&format!("\"{option}\""))
                    );
                    receipts.push(receipt.clone());
                }
                other => panic!("{}: voter {n}: {other:?}", db.engine),
            }
        }
        let ballots = "SELECT CAST(COUNT(*) AS BIGINT) FROM ballot_box";
        assert_eq!(count_rows(&store, ballots).await, 9);

        // A second vote: "already voted", nothing stored, nothing of the first revealed.
        let again = store
            .cast_batch(vec![cast(member(3), "c3", "another")], &key, during())
            .await
            .unwrap();
        assert_eq!(again, vec![CastAnswer::AlreadyVoted], "{}", db.engine);
        // A retry with the same request key: the same receipt, nothing new.
        let retry = store
            .cast_batch(vec![cast(member(3), "c1", "req-0")], &key, during())
            .await
            .unwrap();
        assert_eq!(
            retry,
            vec![CastAnswer::Accepted(receipts[0].clone())],
            "{}",
            db.engine
        );
        // A malformed ballot and an unknown option.
        let mut two = cast(member(0), "c1", "bad-1");
        two.content = BallotContent(vec![vec!["c1".into(), "c2".into()]]);
        let mut unknown = cast(member(1), "zz", "bad-2");
        unknown.content = choice("zz");
        let answers = store
            .cast_batch(vec![two, unknown], &key, during())
            .await
            .unwrap();
        assert!(
            matches!(&answers[0], CastAnswer::Invalid(m) if m.contains("one choice")),
            "{answers:?}"
        );
        assert!(
            matches!(&answers[1], CastAnswer::Invalid(m) if m.contains("zz")),
            "{answers:?}"
        );
        // A member registered after the roll froze is not on it.
        apply(&store, vec![cmd("2020-09-01T05:00:00Z", json!({"cmd":"register_member","iin":member(40).to_string(),"full_name":"Late joiner","phone":"+77010000999","unit":"ALM-AKSU-P001","joined_on":"2020-09-01"}))]).await;
        let late = store
            .cast_batch(vec![cast(member(40), "c1", "late")], &key, during())
            .await
            .unwrap();
        assert_eq!(late, vec![CastAnswer::NotOnRoll]);
        // Outside the window.
        let after: Timestamp = "2020-10-03T09:00:00Z".parse().unwrap();
        let closed = store
            .cast_batch(vec![cast(member(0), "c1", "too-late")], &key, after)
            .await
            .unwrap();
        assert!(
            matches!(&closed[0], CastAnswer::PollNotOpen(_)),
            "{closed:?}"
        );
        assert_eq!(
            count_rows(&store, ballots).await,
            9,
            "{}: nothing extra stored",
            db.engine
        );
        assert_eq!(
            store.voter_status(&poll, &member(3)).await.unwrap(),
            Some(Marked::Online)
        );
        assert_eq!(
            store.voter_status(&poll, &member(0)).await.unwrap(),
            Some(Marked::NotYet)
        );

        // A checkpoint: voters = ballots, signed, recorded.
        let checkpoint = store
            .checkpoint(&poll, &key, during())
            .await
            .unwrap()
            .unwrap();
        assert_eq!((checkpoint.voters, checkpoint.ballots), (9, 9));
        assert!(checkpoint.verify(&key.public_hex()));

        // The journal says who voted (sorted) and the leaves, never what.
        let rows = sqlx::query("SELECT command FROM journal WHERE command LIKE '%record_ballots%'")
            .fetch_all(store.pool())
            .await
            .unwrap();
        assert_eq!(rows.len(), 9);
        for row in &rows {
            let text: String = row.try_get("command").unwrap();
            for option in OPTIONS {
                assert!(!text.contains(&format!("\"{option}\"")), "{text}");
            }
        }

        let counted = store
            .close_and_count(
                &poll,
                "commission",
                "2020-10-03T08:00:00Z".parse().unwrap(),
                "",
                None,
                35,
            )
            .await
            .unwrap();
        counted.unwrap_or_else(|e| panic!("{}: {e}", db.engine));
        let outcome: String = sqlx::query("SELECT outcome FROM poll_results")
            .fetch_one(store.pool())
            .await
            .unwrap()
            .try_get("outcome")
            .unwrap();
        let outcome: Value = serde_json::from_str(&outcome).unwrap();
        assert_eq!(outcome["winners"], json!(["c1", "c2"]), "{}", db.engine);
        assert_eq!(outcome["ballots"], json!(9));
        let ratings: String = sqlx::query("SELECT ratings FROM poll_results")
            .fetch_one(store.pool())
            .await
            .unwrap()
            .try_get("ratings")
            .unwrap();
        assert!(ratings.contains("Member 0"), "{ratings}");

        // After the close the box is in tracker order, not in casting order.
        let physical = match store.backend() {
            Backend::Sqlite => "SELECT tracker FROM ballot_box",
            Backend::Postgres => "SELECT tracker FROM ballot_box ORDER BY ctid",
        };
        let stored: Vec<String> = sqlx::query(physical)
            .fetch_all(store.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get("tracker").unwrap())
            .collect();
        let mut sorted = stored.clone();
        sorted.sort();
        assert_eq!(
            stored, sorted,
            "{}: the sealed box is in tracker order",
            db.engine
        );
        let cast_order: Vec<String> = receipts.iter().map(|r| r.tracker.to_hex()).collect();
        assert_ne!(
            stored, cast_order,
            "{}: the box does not follow the casting order",
            db.engine
        );
        // No request key survives the close.
        assert_eq!(
            count_rows(
                &store,
                "SELECT CAST(COUNT(*) AS BIGINT) FROM ballot_box WHERE request_hash <> ''"
            )
            .await,
            0
        );

        let report = store
            .verify(&[])
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", db.engine));
        assert!(
            report
                .tables
                .iter()
                .any(|(t, n)| t == "ballot_box" && *n == 9),
            "{:?}",
            report.tables
        );
    }
}

#[tokio::test]
async fn a_ballot_added_or_removed_between_checkpoints_is_detected() {
    for db in engines().await {
        let store = open_poll(&db.url).await;
        let key = key();
        let poll: Code = POLL.parse().unwrap();
        let casts: Vec<Cast> = (3..8u16)
            .map(|n| cast(member(n), "c2", &format!("r{n}")))
            .collect();
        store.cast_batch(casts, &key, during()).await.unwrap();
        let minute = |m: i64| during() + jiff::SignedDuration::from_mins(m);
        store
            .checkpoint(&poll, &key, minute(1))
            .await
            .unwrap()
            .unwrap();
        let again = store
            .checkpoint(&poll, &key, minute(1))
            .await
            .unwrap()
            .unwrap_err()
            .to_string();
        assert!(again.contains("after"), "{}: {again}", db.engine);

        // An insider adds a ballot directly to the box.
        let forged = "INSERT INTO ballot_box (poll, tracker, content, opening, request_hash) VALUES ('aksu-primaries', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', '[[\"c1\"]]', '0000000000000000000000000000000000000000000000000000000000000000', 'x')";
        sqlx::query(forged).execute(store.pool()).await.unwrap();
        let refused = store
            .checkpoint(&poll, &key, minute(2))
            .await
            .unwrap()
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("does not match"),
            "{}: {refused}",
            db.engine
        );
        let problem = store.verify(&[]).await.unwrap_err().to_string();
        assert!(
            problem.contains("ballot_box") && problem.contains("added"),
            "{}: {problem}",
            db.engine
        );

        // Undo that, and drop a real ballot instead.
        sqlx::query("DELETE FROM ballot_box WHERE tracker = 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'")
            .execute(store.pool())
            .await
            .unwrap();
        store
            .checkpoint(&poll, &key, minute(3))
            .await
            .unwrap()
            .unwrap();
        sqlx::query("DELETE FROM ballot_box WHERE tracker = (SELECT MIN(tracker) FROM ballot_box)")
            .execute(store.pool())
            .await
            .unwrap();
        let refused = store
            .checkpoint(&poll, &key, minute(4))
            .await
            .unwrap()
            .unwrap_err()
            .to_string();
        assert!(refused.contains("does not match"), "{refused}");
        let problem = store.verify(&[]).await.unwrap_err().to_string();
        assert!(problem.contains("removed"), "{}: {problem}", db.engine);
        // And the close refuses to count a box that lost a ballot.
        let count = store
            .close_and_count(
                &poll,
                "commission",
                "2020-10-03T08:00:00Z".parse().unwrap(),
                "",
                None,
                35,
            )
            .await
            .unwrap();
        assert!(
            count.is_err(),
            "{}: a damaged box is not counted",
            db.engine
        );
    }
}

#[tokio::test]
async fn stations_and_online_voting_share_one_roll() {
    for db in engines().await {
        let store = open_poll(&db.url).await;
        let key = key();
        let at = "2020-10-03T04:00:00Z";
        // Marked at a station: cannot then vote online.
        apply(&store, vec![cmd(at, json!({"cmd":"mark_at_station","poll":POLL,"station":"st-1","iins":[member(4).to_string()]}))]).await;
        let online = store
            .cast_batch(vec![cast(member(4), "c1", "s1")], &key, during())
            .await
            .unwrap();
        assert_eq!(online, vec![CastAnswer::AlreadyVoted], "{}", db.engine);
        // Voted online: turned away at the station.
        store
            .cast_batch(vec![cast(member(5), "c1", "s2")], &key, during())
            .await
            .unwrap();
        let turned_away = refused(&store, cmd(at, json!({"cmd":"mark_at_station","poll":POLL,"station":"st-1","iins":[member(5).to_string()]}))).await;
        assert!(
            turned_away.contains("already voted") && turned_away.contains("online"),
            "{turned_away}"
        );
        // An offline station's list: the conflict goes to the commission, the rest are marked.
        apply(&store, vec![cmd(at, json!({"cmd":"mark_at_station","poll":POLL,"station":"st-2","offline":true,"iins":[member(5).to_string(), member(6).to_string()]}))]).await;
        assert_eq!(
            count_rows(
                &store,
                "SELECT CAST(COUNT(*) AS BIGINT) FROM station_conflicts"
            )
            .await,
            1
        );
        // A phone change while on the roll needs a decision; the old number is told.
        let locked = refused(&store, cmd(at, json!({"cmd":"change_member_phone","iin":member(7).to_string(),"phone":"+77770000007","reason":"lost phone"}))).await;
        assert!(locked.contains("decision"), "{locked}");
        apply(&store, vec![cmd(at, json!({"cmd":"change_member_phone","iin":member(7).to_string(),"phone":"+77770000007","reason":"lost phone","decision":"Aksu branch bureau No. 9"}))]).await;
        assert_eq!(
            count_rows(
                &store,
                "SELECT CAST(COUNT(*) AS BIGINT) FROM notifications WHERE phone = '+77010000007'"
            )
            .await,
            1
        );

        // Close; the stations' paper results join the count.
        apply(
            &store,
            vec![cmd(
                "2020-10-03T08:00:00Z",
                json!({"cmd":"close_poll","poll":POLL}),
            )],
        )
        .await;
        let too_many = refused(&store, cmd("2020-10-03T10:00:00Z", json!({"cmd":"enter_station_return","poll":POLL,"station":"st-1","per_option":{"c1":2},"commission":"station commission 1"}))).await;
        assert!(too_many.contains("marked only 1"), "{too_many}");
        apply(&store, vec![
            cmd("2020-10-03T10:00:00Z", json!({"cmd":"enter_station_return","poll":POLL,"station":"st-1","per_option":{"c3":1},"commission":"station commission 1"})),
            cmd("2020-10-03T10:00:00Z", json!({"cmd":"enter_station_return","poll":POLL,"station":"st-2","per_option":{"c3":1},"commission":"station commission 2"})),
        ]).await;
        let poll: Code = POLL.parse().unwrap();
        store
            .close_and_count(
                &poll,
                "commission",
                "2020-10-03T10:30:00Z".parse().unwrap(),
                "",
                None,
                35,
            )
            .await
            .unwrap()
            .unwrap();
        let row = sqlx::query("SELECT outcome, electronic, paper FROM poll_results")
            .fetch_one(store.pool())
            .await
            .unwrap();
        let outcome: Value =
            serde_json::from_str(&row.try_get::<String, _>("outcome").unwrap()).unwrap();
        assert_eq!(
            outcome["ballots"],
            json!(3),
            "{}: 1 online + 2 paper",
            db.engine
        );
        assert_eq!(outcome["winners"][0], json!("c3"));
        assert_eq!(row.try_get::<i64, _>("paper").unwrap(), 2);
        store
            .verify(&[])
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", db.engine));
    }
}

#[tokio::test]
async fn a_candidate_who_withdraws_after_the_ballot_is_made_is_struck_at_the_count() {
    for db in engines().await {
        let store = open_poll(&db.url).await;
        let key = key();
        // c1 would win; its candidate withdraws during the vote.
        let casts: Vec<Cast> = (3..9u16)
            .map(|n| {
                let mut c = cast(member(n), "c1", &format!("w{n}"));
                if n >= 6 {
                    c.content = choice(if n == 8 { "c3" } else { "c2" });
                }
                c
            })
            .collect();
        store.cast_batch(casts, &key, during()).await.unwrap();
        apply(&store, vec![cmd("2020-10-02T05:00:00Z", json!({"cmd":"withdraw_candidate","campaign":"almaty-2020","target":"aksu","iin":member(0).to_string(),"reason":"personal statement of 2 Oct"}))]).await;
        let poll: Code = POLL.parse().unwrap();
        store
            .close_and_count(
                &poll,
                "commission",
                "2020-10-03T08:00:00Z".parse().unwrap(),
                "",
                None,
                35,
            )
            .await
            .unwrap()
            .unwrap();
        let row = sqlx::query("SELECT outcome, ratings FROM poll_results")
            .fetch_one(store.pool())
            .await
            .unwrap();
        let outcome: Value =
            serde_json::from_str(&row.try_get::<String, _>("outcome").unwrap()).unwrap();
        assert_eq!(
            outcome["winners"],
            json!(["c2", "c3"]),
            "{}: {outcome}",
            db.engine
        );
        assert_eq!(
            outcome["ballots"],
            json!(6),
            "the struck ballots still count as cast"
        );
        let ratings: String = row.try_get("ratings").unwrap();
        assert!(!ratings.contains("Member 0"), "{ratings}");
        // The board says so, and its BLT file recounts to the same winners.
        let (board, blt) = store.board(&poll).await.unwrap();
        assert_eq!(board.struck, vec!["c1".to_string()]);
        let election = mandat_core::count::parse_blt(&blt).unwrap();
        let recount = mandat_core::count::count(
            mandat_core::count::Method::Plurality,
            &election.ballots,
            2,
            &mandat_core::count::TieBreak::CandidateOrder,
        )
        .unwrap();
        assert_eq!(recount.winners, vec!["c2".to_string(), "c3".to_string()]);
        store
            .verify(&[])
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", db.engine));
    }
}
