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
    open_poll_of(url, 12).await
}

/// The same with `members` members on the roll.
async fn open_poll_of(url: &str, members: u16) -> Store {
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
            json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"primary_vote","starts_local":"2020-10-01T00:00","ends_local":"2020-10-03T14:00","after":["nomination"]}),
        ),
        cmd(
            at,
            json!({"cmd":"set_target","campaign":"almaty-2020","code":"aksu","body":"local_maslikhat","name":"Аксуский районный маслихат","seats":2,"electorate_unit":"ALM-AKSU"}),
        ),
    ];
    for n in 0..members {
        setup.push(cmd(at, json!({"cmd":"register_member","iin":member(n).to_string(),"full_name":format!("Member {n}"),"phone":format!("+7701{n:07}"),"unit":"ALM-AKSU-P001","joined_on":"2019-06-01"})));
    }
    let nominated = "2020-08-20T05:00:00Z";
    for n in 0..3u16 {
        setup.push(cmd(nominated, json!({"cmd":"nominate_candidate","campaign":"almaty-2020","target":"aksu","iin":member(n).to_string(),"nominated_by":"self"})));
        setup.push(cmd(nominated, json!({"cmd":"register_candidate","campaign":"almaty-2020","target":"aksu","iin":member(n).to_string(),"decision":"committee No. 1"})));
    }
    let options: Vec<Value> = (0..3u16)
        .map(|n| json!({"code":OPTIONS[n as usize],"label":format!("Member {n}"),"candidate":member(n).to_string()}))
        .collect();
    setup.push(cmd("2020-08-29T05:00:00Z", json!({"cmd":"create_poll","code":POLL,"campaign":"almaty-2020","title":"Primaries: Aksu district maslikhat","target":"aksu","options":options,"method":"plurality","seats":2,"electorate":{"members":{"unit":"ALM-AKSU"}},"roll_cutoff":"2020-08-30T00:00:00Z","opens_at":"2020-09-30T19:00:00Z","closes_at":"2020-10-03T08:00:00Z","phase":"primary_vote"})));
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

/// The poll's scheduled close, when the commission closes and counts.
fn at_the_close() -> Timestamp {
    "2020-10-03T08:00:00Z".parse().unwrap()
}

/// The commission closes and counts the test poll at its scheduled close: the rules' answer.
async fn the_commission_closes(
    store: &Store,
    poll: &Code,
    key: &ServerKey,
) -> Result<mandat_store::Receipt, mandat_core::RuleError> {
    store
        .close_and_count(poll, "commission", at_the_close(), "", None, 35, key)
        .await
        .unwrap()
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
            matches!(&answers[0], CastAnswer::Invalid(m) if m.to_string().contains("one choice")),
            "{answers:?}"
        );
        assert!(
            matches!(&answers[1], CastAnswer::Invalid(m) if m.to_string().contains("zz")),
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

        // The box agrees with the journal: nine voters, nine ballots, their leaves held back.
        let audit = store.audit_box(&poll).await.unwrap();
        assert_eq!(
            (audit.voters, audit.ballots, audit.committed),
            (9, 9, 0),
            "{}",
            db.engine
        );
        assert!(audit.problems.is_empty(), "{:?}", audit.problems);

        // The journal says who voted (sorted), never what, nor the leaves.
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
            assert!(!text.contains("leaves"), "{text}");
        }

        let counted = the_commission_closes(&store, &poll, &key).await;
        counted.unwrap_or_else(|e| panic!("{}: {e}", db.engine));
        // The seal is signed: one final checkpoint over all nine ballots.
        let checkpoints = store.checkpoints(&poll).await.unwrap();
        assert_eq!(checkpoints.len(), 1, "{}", db.engine);
        assert_eq!((checkpoints[0].voters, checkpoints[0].ballots), (9, 9));
        assert_eq!(
            store.verify_signatures(&key.public_hex()).await.unwrap(),
            (1, 1)
        );
        let outcome = count_outcome(&store).await;
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
        if store.backend() == Backend::Postgres {
            // What the seal runs to reclaim the live rows' dead tuples works through this pool.
            sqlx::raw_sql("VACUUM ballot_box")
                .execute(store.pool())
                .await
                .unwrap();
        }
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

/// The test poll with five ballots for "c2" cast in one batch, all of them still held back.
async fn five_ballots_held_back(url: &str) -> (Store, ServerKey, Code) {
    let store = open_poll(url).await;
    let key = key();
    let casts: Vec<Cast> = (3..8u16)
        .map(|n| cast(member(n), "c2", &format!("r{n}")))
        .collect();
    store.cast_batch(casts, &key, during()).await.unwrap();
    (store, key, POLL.parse().unwrap())
}

#[tokio::test]
async fn a_ballot_added_or_removed_is_found_by_the_audit_and_verify() {
    for db in engines().await {
        let (store, key, poll) = five_ballots_held_back(&db.url).await;
        assert!(store.audit_box(&poll).await.unwrap().problems.is_empty());

        // An insider adds a ballot directly to the box.
        let forged = "INSERT INTO ballot_box (poll, tracker, content, opening, request_hash) VALUES ('aksu-primaries', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', '[[\"c1\"]]', '0000000000000000000000000000000000000000000000000000000000000000', 'x')";
        sqlx::query(forged).execute(store.pool()).await.unwrap();
        let audit = store.audit_box(&poll).await.unwrap();
        assert!(
            audit
                .problems
                .iter()
                .any(|p| p.contains("6 ballots but 5 voters")),
            "{}: {:?}",
            db.engine,
            audit.problems
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
        assert!(store.audit_box(&poll).await.unwrap().problems.is_empty());
        sqlx::query("DELETE FROM ballot_box WHERE tracker = (SELECT MIN(tracker) FROM ballot_box)")
            .execute(store.pool())
            .await
            .unwrap();
        assert!(!store.audit_box(&poll).await.unwrap().problems.is_empty());
        let problem = store.verify(&[]).await.unwrap_err().to_string();
        assert!(problem.contains("removed"), "{}: {problem}", db.engine);
        // And the close refuses to count a box that lost a ballot.
        let count = the_commission_closes(&store, &poll, &key).await;
        assert!(
            count.is_err(),
            "{}: a damaged box is not counted",
            db.engine
        );
    }
}

/// What the count of the test poll found (its `outcome`).
async fn count_outcome(store: &Store) -> Value {
    let outcome: String = sqlx::query("SELECT outcome FROM poll_results")
        .fetch_one(store.pool())
        .await
        .unwrap()
        .try_get("outcome")
        .unwrap();
    serde_json::from_str(&outcome).unwrap()
}

/// At the close the box's writer commits what it holds back without reading the box again,
/// unless the box holds more or other than it knows: ballots another node took are counted, and
/// a held-back ballot changed in the table is refused instead of being committed as it now reads.
#[tokio::test]
async fn the_close_commits_what_the_box_holds_and_nothing_changed_behind_it() {
    for db in engines().await {
        let store = open_poll(&db.url).await;
        let other_node = Store::open(&db.url).await.unwrap();
        let key = key();
        let poll: Code = POLL.parse().unwrap();
        let mine: Vec<Cast> = (3..6u16)
            .map(|n| cast(member(n), "c1", &format!("a{n}")))
            .collect();
        store.cast_batch(mine, &key, during()).await.unwrap();
        let theirs: Vec<Cast> = (6..9u16)
            .map(|n| cast(member(n), "c2", &format!("b{n}")))
            .collect();
        other_node.cast_batch(theirs, &key, during()).await.unwrap();
        the_commission_closes(&store, &poll, &key).await.unwrap();
        assert_eq!(
            count_outcome(&store).await["ballots"],
            json!(6),
            "{}",
            db.engine
        );
        store.verify(&[]).await.unwrap();
    }
    for db in engines().await {
        let (store, key, poll) = five_ballots_held_back(&db.url).await;
        // An insider turns a held-back ballot into another choice: as many ballots as before.
        sqlx::query("UPDATE ballot_box SET content = '[[\"c1\"]]' WHERE tracker = (SELECT MIN(tracker) FROM ballot_box)")
            .execute(store.pool())
            .await
            .unwrap();
        let count = the_commission_closes(&store, &poll, &key).await;
        assert!(
            count.is_err(),
            "{}: a changed ballot is not sealed and counted: {count:?}",
            db.engine
        );
        let results = "SELECT CAST(COUNT(*) AS BIGINT) FROM poll_results";
        assert_eq!(count_rows(&store, results).await, 0, "{}", db.engine);
    }
}

/// Casts `voters` ballots (members 0..voters) in small batches with gaps, as a hall or a quiet
/// hour would: batches of 1 to 5 ballots, one every few seconds, over about ten minutes.
async fn cast_slowly(
    store: &Store,
    key: &ServerKey,
    voters: u16,
) -> Vec<mandat_core::ballot::Receipt> {
    let mut receipts = Vec::new();
    let mut n = 0u16;
    let mut step = 0i64;
    while n < voters {
        let size = (1 + (step as u16 * 7) % 5).min(voters - n);
        let casts: Vec<Cast> = (n..n + size)
            .map(|m| cast(member(m), OPTIONS[m as usize % 3], &format!("{m:032x}")))
            .collect();
        let at =
            during() + jiff::SignedDuration::from_secs(step * 600 / (voters as i64).max(1) * 3);
        for answer in store.cast_batch(casts, key, at).await.unwrap() {
            match answer {
                CastAnswer::Accepted(r) => receipts.push(r),
                other => panic!("{other:?}"),
            }
        }
        n += size;
        step += 1;
    }
    receipts
}

/// The journal as (voters recorded so far, the leaves an entry ties to them) per entry that
/// lists leaves: each `record_ballots` with leaves and each `publish_checkpoint`.
async fn leaf_ties(store: &Store) -> Vec<(usize, usize, usize)> {
    let mut voters = 0usize;
    let mut committed = 0usize;
    let mut ties = Vec::new();
    for row in sqlx::query("SELECT command FROM journal ORDER BY seq")
        .fetch_all(store.pool())
        .await
        .unwrap()
    {
        let text: String = row.try_get("command").unwrap();
        let command: Value = serde_json::from_str(&text).unwrap();
        let leaves = command["leaves"].as_array().map_or(0, |l| l.len());
        if command["cmd"] == "record_ballots" {
            voters += command["voters"].as_array().unwrap().len();
        }
        if leaves > 0 {
            // The voters this entry's leaves may come from: all recorded so far, less as many as
            // leaves already committed (whichever they are).
            ties.push((voters, committed, leaves));
            committed += leaves;
        }
    }
    ties
}

#[tokio::test]
async fn no_record_ties_a_ballot_to_fewer_than_fifty_voters() {
    // A conference rating vote of 109 delegates, and a larger poll whose groups are committed
    // while it runs.
    for voters in [109u16, 430] {
        for db in engines().await {
            let store = open_poll_of(&db.url, voters + 3).await;
            let key = key();
            let poll: Code = POLL.parse().unwrap();
            cast_slowly(&store, &key, voters).await;
            the_commission_closes(&store, &poll, &key).await.unwrap();
            let ties = leaf_ties(&store).await;
            assert!(!ties.is_empty());
            let floor = (voters as usize).min(50);
            for (recorded, committed_before, leaves) in &ties {
                assert!(
                    recorded - committed_before >= floor,
                    "{} / {voters}: {leaves} leaves tied to {} voters ({ties:?})",
                    db.engine,
                    recorded - committed_before
                );
            }
            if voters == 109 {
                // Under a step plus the hold-back, the whole poll is the only tie.
                assert_eq!(ties, vec![(109, 0, 109)], "{}", db.engine);
            } else {
                assert!(ties.len() > 1, "{}: groups while it ran", db.engine);
            }
            // The database holds no order of the leaves either: poll_leaves is keyed by value.
            let stored: Vec<String> = sqlx::query("SELECT leaf FROM poll_leaves WHERE poll = $1")
                .bind(POLL)
                .fetch_all(store.pool())
                .await
                .unwrap()
                .iter()
                .map(|r| r.try_get("leaf").unwrap())
                .collect();
            assert_eq!(stored.len(), voters as usize);
            store
                .verify(&[])
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", db.engine));
            store.close().await;
        }
    }
}

/// Which leaves an outsider can date from public data alone: for the last checkpoint before the
/// close, when it is one or two ballots short of the final board, try every such set of ballots
/// of the board as the ones cast after it.
fn datable_leaves(
    checkpoints: &[mandat_core::ballot::Checkpoint],
    board: &[mandat_core::ballot::Hash32],
) -> Vec<mandat_core::ballot::Hash32> {
    use mandat_core::ballot::merkle_root;
    let n = board.len();
    let without = |skip: &[usize]| {
        let rest: Vec<_> = (0..n)
            .filter(|i| !skip.contains(i))
            .map(|i| board[i])
            .collect();
        merkle_root(&rest)
    };
    let mut found = Vec::new();
    for c in checkpoints {
        match n.checked_sub(c.ballots as usize) {
            Some(1) => found.extend(
                (0..n)
                    .filter(|&i| without(&[i]) == c.root)
                    .map(|i| board[i]),
            ),
            Some(2) => {
                for i in 0..n {
                    for j in i + 1..n {
                        if without(&[i, j]) == c.root {
                            found.extend([board[i], board[j]]);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    found
}

#[tokio::test]
async fn checkpoints_do_not_date_ballots_in_groups_under_the_step() {
    for db in engines().await {
        let store = open_poll_of(&db.url, 433).await;
        let key = key();
        let poll: Code = POLL.parse().unwrap();
        let receipts = cast_slowly(&store, &key, 430).await;
        // While the poll runs, a receipt is either held back or proven under the latest
        // checkpoint's signed root.
        let mut proven = 0;
        for r in &receipts {
            match store
                .receipt_standing(&poll, &r.tracker, &r.ballot_hash)
                .await
                .unwrap()
            {
                mandat_store::ReceiptStanding::Committed {
                    checkpoint,
                    index,
                    size,
                    proof,
                } => {
                    let leaf = mandat_core::ballot::leaf(&r.tracker, &r.ballot_hash);
                    assert!(checkpoint.verify(&key.public_hex()));
                    assert!(mandat_core::ballot::verify_inclusion(
                        &leaf,
                        index,
                        size,
                        &proof,
                        &checkpoint.root
                    ));
                    proven += 1;
                }
                mandat_store::ReceiptStanding::HeldBack => {}
                other => panic!("{}: {other:?}", db.engine),
            }
        }
        assert!((300..430).contains(&proven), "{}: {proven}", db.engine);
        let forged = store
            .receipt_standing(&poll, &receipts[0].ballot_hash, &receipts[0].tracker)
            .await
            .unwrap();
        assert_eq!(forged, mandat_store::ReceiptStanding::NotFound);
        the_commission_closes(&store, &poll, &key).await.unwrap();
        let checkpoints = store.checkpoints(&poll).await.unwrap();
        assert!(checkpoints.len() >= 2, "{}", db.engine);
        let step = store.publication().step;
        let mut before = 0;
        for c in &checkpoints {
            assert!(c.verify(&key.public_hex()));
            assert!(
                c.ballots - before >= step,
                "{}: a root after only {} new ballots",
                db.engine,
                c.ballots - before
            );
            before = c.ballots;
        }
        // The attack that worked on roots signed every minute: with the last root one or two
        // ballots short of the board, those ballots were dated. Now nothing is within reach.
        let (board, _) = store.board(&poll).await.unwrap();
        let leaves: Vec<_> = mandat_core::ballot::sorted_leaves(
            board
                .receipts
                .iter()
                .map(|r| mandat_core::ballot::leaf(&r.tracker, &r.ballot_hash)),
        );
        assert!(datable_leaves(&checkpoints, &leaves).is_empty());
        // The same search does date a ballot against a root signed one ballot short of the board.
        let short: Vec<_> = leaves[1..].to_vec();
        let forged = mandat_core::ballot::Checkpoint::sign(
            &key,
            poll.clone(),
            during(),
            (leaves.len() - 1) as u64,
            (leaves.len() - 1) as u64,
            mandat_core::ballot::merkle_root(&short),
        );
        let last = checkpoints.last().unwrap().clone();
        assert_eq!(
            datable_leaves(&[forged, last], &leaves),
            vec![leaves[0]],
            "{}",
            db.engine
        );
        assert_eq!(step, 100);
    }
}

#[tokio::test]
async fn a_request_key_returns_a_receipt_only_to_the_voter_who_cast_it() {
    for db in engines().await {
        let store = open_poll(&db.url).await;
        let key = key();
        let shared = "7f3c9a2e00000000000000000000abcd";
        let first = match &store
            .cast_batch(vec![cast(member(3), "c1", shared)], &key, during())
            .await
            .unwrap()[0]
        {
            CastAnswer::Accepted(r) => r.clone(),
            other => panic!("{other:?}"),
        };
        // A second voter who sends the same key gets a ballot and a receipt of their own.
        let second = store
            .cast_batch(vec![cast(member(4), "c1", shared)], &key, during())
            .await
            .unwrap();
        match &second[0] {
            CastAnswer::Accepted(r) => {
                assert_ne!(r.tracker, first.tracker, "{}", db.engine);
                assert_ne!(r.opening, first.opening);
            }
            other => panic!("{}: {other:?}", db.engine),
        }
        let ballots = "SELECT CAST(COUNT(*) AS BIGINT) FROM ballot_box";
        assert_eq!(count_rows(&store, ballots).await, 2, "{}", db.engine);
        // A third, trying the first voter's key with each content, only ever casts their own
        // ballot once, and never sees the first voter's receipt.
        let mut answers = Vec::new();
        for option in OPTIONS {
            answers.extend(
                store
                    .cast_batch(vec![cast(member(5), option, shared)], &key, during())
                    .await
                    .unwrap(),
            );
        }
        assert!(matches!(&answers[0], CastAnswer::Accepted(r) if r.tracker != first.tracker));
        assert_eq!(
            answers[1..],
            [CastAnswer::AlreadyVoted, CastAnswer::AlreadyVoted]
        );
        // The first voter: another content with the key, or another key, read the same.
        let mut other_content = cast(member(3), "c2", shared);
        other_content.device_nonce = None;
        let mut other_key = cast(member(3), "c1", "0123456789abcdef0123456789abcdef");
        other_key.device_nonce = None;
        for attempt in [other_content, other_key] {
            assert_eq!(
                store
                    .cast_batch(vec![attempt], &key, during())
                    .await
                    .unwrap(),
                vec![CastAnswer::AlreadyVoted],
                "{}",
                db.engine
            );
        }
        // Their real retry gets their receipt back, with the flags it was signed with (the
        // retry itself comes from a browser without a device nonce).
        let mut retry = cast(member(3), "c1", shared);
        retry.device_nonce = None;
        assert_eq!(
            store.cast_batch(vec![retry], &key, during()).await.unwrap(),
            vec![CastAnswer::Accepted(first.clone())],
            "{}",
            db.engine
        );
        assert!(!first.server_only);
        assert_eq!(count_rows(&store, ballots).await, 3, "{}", db.engine);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_reads_one_moment_and_raises_no_false_alarm_under_load() {
    for db in engines().await {
        let store = open_poll_of(&db.url, 303).await;
        let key = key();
        let poll: Code = POLL.parse().unwrap();
        let casting = {
            let store = store.clone();
            tokio::spawn(async move {
                for batch in 0..60u16 {
                    let casts: Vec<Cast> = (batch * 5..batch * 5 + 5)
                        .map(|m| cast(member(m), "c1", &format!("{m:032x}")))
                        .collect();
                    store.cast_batch(casts, &key, during()).await.unwrap();
                }
            })
        };
        let mut audits = 0;
        while !casting.is_finished() {
            let audit = store.audit_box(&poll).await.unwrap();
            assert!(
                audit.problems.is_empty(),
                "{}: a false alarm after {audits} audits: {:?}",
                db.engine,
                audit.problems
            );
            audits += 1;
        }
        casting.await.unwrap();
        let last = store.audit_box(&poll).await.unwrap();
        assert_eq!((last.voters, last.ballots), (300, 300), "{}", db.engine);
        assert!(last.committed >= 100, "{}: {last:?}", db.engine);
        assert!(audits > 0);
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
            // The count waits for the commission's decision on the member marked twice.
            cmd("2020-10-03T10:10:00Z", json!({"cmd":"resolve_station_conflict","poll":POLL,"station":"st-2","iin":member(5).to_string(),"outcome":"voted_twice","decision":"commission decision 1"})),
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
                &key,
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
        the_commission_closes(&store, &poll, &key).await.unwrap();
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
