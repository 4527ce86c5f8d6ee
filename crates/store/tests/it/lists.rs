//! Party lists in the store on both engines: rules, lists and their history become rows, read back as sheets, and verify catches any edit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::lists::{ListSheet, ListStatus, PartyList};
use mandat_core::poll::NominatedBy;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{Pending, Receipt, Store, VerifyError};
use mandat_testkit::engines;
use sqlx::{AssertSqlSafe, Row};

/// The district conference of Kerbulak, with its units, members and delegates.
const CONFERENCE: &str = include_str!("../../../../docs/examples/conference.jsonl");
/// Its maslikhat's list: candidates, a paper primaries counted, rules, a draft, three edits, the
/// conference's approval and a withdrawal after it.
const LISTS: &str = include_str!("../../../../docs/examples/lists.jsonl");

/// After every `held_at` of the examples, as when they are typed in later.
const RECORDED_AT: i64 = 1_622_505_600_000; // 2021-06-01

fn commands(text: &str) -> Vec<Pending> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            Pending::new(
                Envelope::parse(l).unwrap_or_else(|e| panic!("{e}: {l}")),
                RECORDED_AT,
            )
        })
        .collect()
}

/// Applies the commands in one chunk of one batch: later commands see earlier ones through the snapshot.
async fn apply_at_once(store: &Store, text: &str) -> Receipt {
    let mut batch = store.begin().await.unwrap();
    let pending = commands(text);
    let lines: Vec<String> = pending.iter().map(|p| p.envelope.canonical()).collect();
    for (result, line) in batch
        .push_chunk(pending)
        .await
        .unwrap()
        .into_iter()
        .zip(lines)
    {
        if let Err(refused) = result {
            panic!("refused: {refused}\n{line}");
        }
    }
    batch.commit().await.unwrap()
}

/// Applies each command in its own transaction: every decision loads what it needs from the tables.
async fn apply_one_by_one(store: &Store, text: &str) -> Receipt {
    let mut last = None;
    for pending in commands(text) {
        let line = pending.envelope.canonical();
        last = Some(
            store
                .submit(pending)
                .await
                .unwrap_or_else(|e| panic!("refused: {e}\n{line}")),
        );
    }
    last.expect("at least one command")
}

fn code(text: &str) -> Code {
    Code::parse(text).unwrap()
}

async fn exec(store: &Store, sql: &str) {
    sqlx::query(AssertSqlSafe(sql.to_string()))
        .execute(store.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn list_body(store: &Store) -> String {
    sqlx::query("SELECT body FROM party_lists")
        .fetch_one(store.pool())
        .await
        .unwrap()
        .try_get::<String, _>("body")
        .unwrap()
}

fn failure(result: Result<mandat_store::VerifyReport, VerifyError>) -> String {
    match result {
        Ok(report) => panic!("verify passed but should have failed: {report:?}"),
        Err(e) => e.to_string(),
    }
}

const CAMPAIGN: &str = "kerbulak-2020";
const TARGET: &str = "ALM-KERBULAK-maslikhat";
const MEETING: &str = "ALM-KERBULAK.2020-list";

async fn sheet(store: &Store) -> ListSheet {
    store
        .list_sheet(&code(CAMPAIGN), &code(TARGET))
        .await
        .unwrap()
        .expect("the target has a list")
}

/// The list as the example leaves it: approved at revision 4, then place 4 given to the next
/// candidate who keeps the quotas after Omarov withdrew (revision 5).
fn check_list(list: &PartyList, engine: &str) {
    assert_eq!(list.campaign, code(CAMPAIGN), "{engine}");
    assert_eq!(list.target, code(TARGET), "{engine}");
    match &list.status {
        ListStatus::Approved { meeting, vote, .. } => {
            assert_eq!((meeting, *vote), (&code(MEETING), 3), "{engine}");
        }
        other => panic!("{engine}: the list should be approved, it is {other:?}"),
    }
    assert_eq!(list.revision, 5, "{engine}");
    assert_eq!(list.events, 7, "{engine}");
    let positions: Vec<u32> = list.entries.iter().map(|e| e.rating_position).collect();
    assert_eq!(positions, [1, 2, 7, 5, 4, 8], "{engine}");
    assert!(
        list.violations.is_empty(),
        "{engine}: {:?}",
        list.violations
    );
    assert_eq!(list.removed.len(), 1, "{engine}");
}

/// The sheet of that list: the candidates' particulars in place order, the history, the anchor.
fn check_sheet(sheet: &ListSheet, last: &Receipt, engine: &str) {
    check_list(&sheet.list, engine);
    assert_eq!(sheet.campaign, code(CAMPAIGN), "{engine}");
    assert_eq!(
        sheet.target_name, "Кербулакский районный маслихат",
        "{engine}"
    );
    assert_eq!(sheet.seats, 4, "{engine}");
    assert_eq!(sheet.body.as_str(), "local_maslikhat", "{engine}");
    let rules = sheet.rules.as_ref().expect("the rules are set");
    assert_eq!(
        (rules.rules.min_size, rules.rules.max_size),
        (4, 6),
        "{engine}"
    );
    assert_eq!(rules.rules.quotas.len(), 3, "{engine}");

    let names: Vec<&str> = sheet.rows.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Ахметов Серик Болатович",
            "Абдрахманов Талгат Серикович",
            "Искакова Айжан Нурлановна",
            "Есенов Данияр Жанатович",
            "Шевченко Игорь Петрович",
            "Сейткалиева Динара Ерлановна",
        ],
        "{engine}"
    );
    let places: Vec<u32> = sheet.rows.iter().map(|r| r.place).collect();
    assert_eq!(places, [1, 2, 3, 4, 5, 6], "{engine}");
    let votes: Vec<Option<u64>> = sheet.rows.iter().map(|r| r.primaries_votes).collect();
    assert_eq!(
        votes,
        [Some(11), Some(10), Some(3), Some(7), Some(8), Some(2)],
        "{engine}"
    );
    let primaries_places: Vec<Option<u32>> = sheet.rows.iter().map(|r| r.primaries_place).collect();
    assert_eq!(
        primaries_places,
        [Some(1), Some(2), Some(7), Some(5), Some(4), Some(8)],
        "{engine}"
    );
    assert!(
        sheet.rows.iter().all(|r| r.conference_votes.is_none()),
        "{engine}"
    );

    let first = &sheet.rows[0];
    assert_eq!(first.iin, Iin::parse("680314310004").unwrap(), "{engine}");
    assert_eq!(first.birth_date, jiff::civil::date(1968, 3, 14), "{engine}");
    assert_eq!(first.sex, Sex::Male, "{engine}");
    assert_eq!(first.unit, code("ALM-KERBULAK-P001"), "{engine}");
    assert_eq!(first.unit_names.en, "PPO of Saryozek village", "{engine}");
    match &first.nominated_by {
        NominatedBy::Ppo { unit, decision } => {
            assert_eq!(unit, &code("ALM-KERBULAK-P001"), "{engine}");
            assert!(decision.contains("ППО № 3"), "{engine}: {decision}");
        }
        other => panic!("{engine}: {other:?}"),
    }
    assert_eq!(sheet.rows[2].sex, Sex::Female, "{engine}");
    assert_eq!(
        sheet.rows[3].nominated_by,
        NominatedBy::SelfNominated,
        "{engine}"
    );
    for row in &sheet.rows {
        assert_eq!(row.branch, Some(code("ALM-KERBULAK")), "{engine}: {row:?}");
        assert_eq!(
            row.branch_names.as_ref().map(|n| n.en.as_str()),
            Some("Kerbulak district branch"),
            "{engine}"
        );
    }

    let kinds: Vec<&str> = sheet.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "drafted",
            "moved",
            "removed",
            "added",
            "put_to_vote",
            "approved",
            "withdrawn"
        ],
        "{engine}"
    );
    let numbers: Vec<u32> = sheet.events.iter().map(|e| e.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7], "{engine}");
    let revisions: Vec<u32> = sheet.events.iter().map(|e| e.revision).collect();
    assert_eq!(revisions, [1, 2, 3, 4, 4, 4, 5], "{engine}");
    assert!(
        sheet.events[2].text.contains("the list breaks"),
        "{engine}: {}",
        sheet.events[2].text
    );
    assert_eq!(sheet.events[6].seq, last.seq, "{engine}");
    // The withdrawal is the example's last command: the sheet is anchored at it.
    assert_eq!(
        sheet.anchor,
        format!("{}:{}", last.seq, last.hash),
        "{engine}"
    );
}

#[tokio::test]
async fn a_list_is_written_read_back_as_a_sheet_and_verifies() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_at_once(&store, CONFERENCE).await;
        // One transaction per command: each decision finds the candidates and the primaries'
        // count in the tables, not in what the commands before it left in the snapshot.
        let last = apply_one_by_one(&store, LISTS).await;

        let lists = store.party_lists(None).await.unwrap();
        assert_eq!(lists.len(), 1, "{}", db.engine);
        check_list(&lists[0], db.engine);
        assert_eq!(
            store.party_lists(Some(&code(CAMPAIGN))).await.unwrap(),
            lists,
            "{}",
            db.engine
        );
        assert!(
            store
                .party_lists(Some(&code("other-2020")))
                .await
                .unwrap()
                .is_empty()
        );
        check_sheet(&sheet(&store).await, &last, db.engine);
        assert!(
            store
                .list_sheet(&code(CAMPAIGN), &code("ALM-KERBULAK-akim"))
                .await
                .unwrap()
                .is_none()
        );

        let report = store.verify(&[]).await.unwrap();
        let rows = |table: &str| {
            report
                .tables
                .iter()
                .find(|(name, _)| name == table)
                .map(|(_, n)| *n)
        };
        assert_eq!(rows("list_rules"), Some(1), "{}", db.engine);
        assert_eq!(rows("party_lists"), Some(1), "{}", db.engine);
        assert_eq!(rows("list_events"), Some(7), "{}", db.engine);
        store.close().await;
    }
}

#[tokio::test]
async fn a_list_drafted_in_the_chunk_that_counts_its_primaries_is_the_same() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_at_once(&store, CONFERENCE).await;
        // count_poll, set_list_rules, draft_list and the conference in one chunk: the count
        // reaches the draft through the snapshot.
        let last = apply_at_once(&store, LISTS).await;
        check_sheet(&sheet(&store).await, &last, db.engine);
        store.verify(&[]).await.unwrap();
        store.close().await;
    }
}

#[tokio::test]
async fn a_cancelled_or_rejected_vote_returns_the_list_to_draft() {
    let (before_count, _) = LISTS
        .split_once(r#"{"cmd":"count_vote","actor":"counting-commission:ALM-KERBULAK.2020-list","held_at":"2020-11-20T11:12:00+06:00""#)
        .expect("the example counts the vote on the list");
    let at =
        |time: &str| format!(r#""held_at":"2020-11-20T{time}:00+06:00","meeting":"{MEETING}""#);
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_at_once(&store, CONFERENCE).await;
        apply_at_once(&store, before_count).await;
        let status = |list: &PartyList| list.status.as_str().to_string();
        assert_eq!(
            status(&sheet(&store).await.list),
            "under_vote",
            "{}",
            db.engine
        );

        apply_one_by_one(
            &store,
            &format!(
                r#"{{"cmd":"cancel_vote","actor":"secretary:{MEETING}",{},"vote":3,"reason":"делегатам роздан не тот проект"}}"#,
                at("11:13")
            ),
        )
        .await;
        let cancelled = sheet(&store).await;
        assert_eq!(status(&cancelled.list), "draft", "{}", db.engine);
        assert_eq!(cancelled.events.last().unwrap().kind, "cancelled");
        assert_eq!(
            cancelled.events.last().unwrap().reason,
            "делегатам роздан не тот проект"
        );

        apply_one_by_one(
            &store,
            &format!(
                "{}\n{}",
                format_args!(
                    r#"{{"cmd":"put_to_vote","actor":"secretary:{MEETING}",{},"vote":4,"motion":"party_list","target":"{TARGET}","revision":4}}"#,
                    at("11:15")
                ),
                format_args!(
                    r#"{{"cmd":"count_vote","actor":"counting-commission:{MEETING}",{},"vote":4,"hall":{{"for":2,"against":4,"abstain":0}}}}"#,
                    at("11:17")
                )
            ),
        )
        .await;
        let rejected = sheet(&store).await;
        assert_eq!(status(&rejected.list), "draft", "{}", db.engine);
        let kinds: Vec<&str> = rejected.events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            kinds[4..],
            ["put_to_vote", "cancelled", "put_to_vote", "rejected"],
            "{}",
            db.engine
        );
        assert_eq!(rejected.list.revision, 4, "{}", db.engine);

        // A draft again: it can be edited.
        apply_one_by_one(
            &store,
            r#"{"cmd":"edit_list","actor":"organizer:ALM-KERBULAK","held_at":"2020-11-20T11:30:00+06:00","campaign":"kerbulak-2020","target":"ALM-KERBULAK-maslikhat","edit":"move","iin":"930421412598","place":2,"reason":"решение конференции"}"#,
        )
        .await;
        assert_eq!(sheet(&store).await.list.revision, 5, "{}", db.engine);
        store.verify(&[]).await.unwrap();
        store.close().await;
    }
}

#[tokio::test]
async fn tampering_with_a_list_its_rules_or_its_history_is_found() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_at_once(&store, CONFERENCE).await;
        apply_at_once(&store, LISTS).await;
        store.verify(&[]).await.unwrap();
        let original = list_body(&store).await;

        // Places 1 and 2 swapped in the published list.
        let mut list: serde_json::Value = serde_json::from_str(&original).unwrap();
        list["entries"].as_array_mut().unwrap().swap(0, 1);
        let swapped = serde_json::to_string(&list).unwrap().replace('\'', "''");
        exec(
            &store,
            &format!("UPDATE party_lists SET body = '{swapped}'"),
        )
        .await;
        let problem = failure(store.verify(&[]).await);
        assert!(
            problem.contains("table party_lists") && problem.contains("column body"),
            "{}: {problem}",
            db.engine
        );
        let restored = original.replace('\'', "''");
        exec(
            &store,
            &format!("UPDATE party_lists SET body = '{restored}'"),
        )
        .await;
        store.verify(&[]).await.unwrap();

        exec(&store, "UPDATE party_lists SET revision = revision - 1").await;
        let problem = failure(store.verify(&[]).await);
        assert!(
            problem.contains("table party_lists") && problem.contains("column revision"),
            "{}: {problem}",
            db.engine
        );
        exec(&store, "UPDATE party_lists SET revision = revision + 1").await;

        store.verify(&[]).await.unwrap();

        // The history: a reason rewritten, then an event deleted.
        exec(
            &store,
            "UPDATE list_events SET reason = reason || ' (по просьбе кандидата)' WHERE number = 3",
        )
        .await;
        let problem = failure(store.verify(&[]).await);
        assert!(
            problem.contains("table list_events")
                && problem.contains("number=3")
                && problem.contains("column reason"),
            "{}: {problem}",
            db.engine
        );
        exec(&store, "DELETE FROM list_events WHERE number = 7").await;
        let problem = failure(store.verify(&[]).await);
        assert!(
            problem.contains("table list_events") && problem.contains("number=3"),
            "{}: the first difference is still the rewritten reason: {problem}",
            db.engine
        );
        exec(
            &store,
            "UPDATE list_events SET reason = replace(reason, ' (по просьбе кандидата)', '') WHERE number = 3",
        )
        .await;
        let problem = failure(store.verify(&[]).await);
        assert!(
            problem.contains("table list_events")
                && problem.contains("number=7")
                && problem.contains("missing"),
            "{}: {problem}",
            db.engine
        );
        store.close().await;
    }
}

#[tokio::test]
async fn loosened_list_rules_are_found() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_at_once(&store, CONFERENCE).await;
        apply_at_once(&store, LISTS).await;
        exec(
            &store,
            r#"UPDATE list_rules SET body = replace(body, '"numerator":30', '"numerator":10')"#,
        )
        .await;
        let problem = failure(store.verify(&[]).await);
        assert!(
            problem.contains("table list_rules") && problem.contains("column body"),
            "{}: {problem}",
            db.engine
        );
        store.close().await;
    }
}

#[tokio::test]
async fn rows_written_before_events_were_typed_verify_and_read_as_recorded() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_at_once(&store, CONFERENCE).await;
        apply_at_once(&store, LISTS).await;
        // What a database written before migration 0007 holds: the sentences, no data beside them.
        exec(&store, "UPDATE list_events SET detail = NULL").await;
        exec(&store, "UPDATE meetings SET failed = NULL").await;
        exec(&store, "UPDATE notifications SET notice = NULL").await;
        // Opened as the new version opens such a database: with nothing kept in memory.
        store.close().await;
        let store = Store::open(&db.url).await.unwrap();
        store.verify(&[]).await.unwrap();
        let sheet = sheet(&store).await;
        assert!(sheet.events.iter().all(|e| e.detail.is_none()));
        let drafted = mandat_core::lists::publish::document(
            &sheet,
            mandat_core::Lang::Ru,
            &jiff::tz::TimeZone::UTC,
        );
        assert!(
            format!("{drafted:?}").contains("drafted 6 names from 8 registered candidates"),
            "{}: an old event is shown as recorded",
            db.engine
        );
        let failed = store
            .minutes(&code("ALM-KERBULAK-P003.2020"))
            .await
            .unwrap();
        assert!(failed.failed.is_none() && failed.failure.is_some());

        // The sentence beside is still compared: an old row cannot be rewritten either.
        exec(
            &store,
            "UPDATE list_events SET text = 'drafted by hand' WHERE number = 1",
        )
        .await;
        let problem = failure(store.verify(&[]).await);
        assert!(problem.contains("column text"), "{}: {problem}", db.engine);
        exec(&store, "DELETE FROM list_events").await;
        exec(&store, "UPDATE meetings SET failed = '{\"reason\":\"x\",\"quorum\":null}' WHERE failed IS NULL AND failure IS NOT NULL").await;
        let problem = failure(store.verify(&[]).await);
        assert!(
            problem.contains("table meetings") && problem.contains("column failed"),
            "{}: data that is there is compared: {problem}",
            db.engine
        );
    }
}

/// More readers of one conference's minutes and cards at once than the pool has connections:
/// each read gives its connection back before taking the next, so none waits on another. (Each
/// held one while asking for a second, and eight at once — the pool's size — waited for each
/// other until the pool's 30 s timeout: the load bench of issue 17 found it.)
#[tokio::test]
async fn minutes_and_cards_read_by_many_at_once_all_come_back() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_at_once(&store, CONFERENCE).await;
        let conference = code("ALM-KERBULAK.2020");
        let mut reads = tokio::task::JoinSet::new();
        for n in 0..32 {
            let (store, conference) = (store.clone(), conference.clone());
            reads.spawn(async move {
                if n % 2 == 0 {
                    store.minutes(&conference).await.map(|_| ())
                } else {
                    store.mandate_cards(&conference).await.map(|_| ())
                }
            });
        }
        // Well under the pool's acquire timeout: a wait on each other shows as this timeout.
        let all = tokio::time::timeout(std::time::Duration::from_secs(20), reads.join_all())
            .await
            .unwrap_or_else(|_| panic!("{}: 32 readers waited on each other", db.engine));
        for read in all {
            read.unwrap_or_else(|e| panic!("{}: {e}", db.engine));
        }
    }
}

/// Minutes and list sheets are kept per node as of the journal head: each command moves the
/// head, so a read after it is the record's, the same as a node that kept nothing reads.
#[tokio::test]
async fn minutes_and_lists_read_again_follow_each_command() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        let conference = code("ALM-KERBULAK.2020");
        let lines: Vec<&str> = CONFERENCE.lines().collect();
        // Up to the district conference's opening: its minutes exist and it is under way.
        let opened = lines
            .iter()
            .position(|l| {
                l.contains(r#""cmd":"open_meeting""#)
                    && l.contains(r#""meeting":"ALM-KERBULAK.2020""#)
            })
            .expect("the example opens the district conference");
        apply_at_once(&store, &lines[..=opened].join("\n")).await;
        let opening = store.minutes(&conference).await.unwrap();
        assert_eq!(
            store.minutes(&conference).await.unwrap(),
            opening,
            "{}: read twice",
            db.engine
        );
        apply_one_by_one(&store, &lines[opened + 1..].join("\n")).await;
        let closed = store.minutes(&conference).await.unwrap();
        assert_ne!(
            closed, opening,
            "{}: the votes and the close are in",
            db.engine
        );
        apply_at_once(&store, LISTS).await;
        let approved = sheet(&store).await;

        // A node that kept nothing reads the same.
        let fresh = Store::open(&db.url).await.unwrap();
        assert_eq!(
            fresh.minutes(&conference).await.unwrap(),
            closed,
            "{}",
            db.engine
        );
        assert_eq!(sheet(&fresh).await, approved, "{}", db.engine);
        assert_eq!(
            store.minutes(&conference).await.unwrap(),
            closed,
            "{}",
            db.engine
        );
    }
}
