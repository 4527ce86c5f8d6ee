//! A registry loaded into an empty table, on both engines: the members' indexes are set aside for the load and built at its end, and every refusal the indexes would have found is still made.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use mandat_core::{Envelope, Iin, RuleError, Sex};
use mandat_store::{Backend, Pending, Receipt, Store};
use mandat_testkit::engines;
use serde_json::json;
use sqlx::Row;

/// Two chunks of this many registrations each: both large enough to set the indexes aside.
const CHUNK: u16 = 1_200;

/// The `n`th person: a thousand to a birthday, since the testkit's IINs are distinct below 1,000.
fn person(n: u16) -> Iin {
    let born = jiff::civil::date(1960 + (n / 1000) as i16, 6, 1);
    mandat_testkit::iin(born, Sex::Male, n % 1000)
}

fn command(body: serde_json::Value) -> Pending {
    let mut value = body;
    value["actor"] = json!("org");
    value["held_at"] = json!("2026-01-10T03:00:00Z");
    let envelope = Envelope::parse(&value.to_string()).unwrap_or_else(|e| panic!("{value}: {e}"));
    let at: Timestamp = "2026-01-10T03:01:00Z".parse().unwrap();
    Pending::new(envelope, at.as_millisecond())
}

fn register(iin: Iin, phone: u32) -> Pending {
    command(json!({
        "cmd": "register_member",
        "iin": iin.to_string(),
        "full_name": format!("Member {phone}"),
        "phone": format!("+7701{phone:07}"),
        "unit": "ALM-AKSU-P001",
        "joined_on": "2010-01-01",
    }))
}

fn units() -> Vec<Pending> {
    [
        ("ALM", "region", None),
        ("ALM-AKSU", "district", Some("ALM")),
        ("ALM-AKSU-P001", "primary", Some("ALM-AKSU")),
    ]
    .into_iter()
    .map(|(code, kind, parent)| {
        command(json!({
            "cmd": "create_unit", "code": code, "kind": kind, "parent": parent,
            "names": {"ru": code, "kk": code, "en": code},
        }))
    })
    .collect()
}

/// The members' indexes the database holds, by name.
async fn member_indexes(store: &Store) -> Vec<String> {
    let sql = match store.backend() {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT CAST(indexname AS TEXT) AS name FROM pg_indexes WHERE tablename = 'members' AND indexname <> 'members_pkey' ORDER BY 1"
        }
    };
    sqlx::query(sql)
        .fetch_all(store.pool())
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String, _>("name").unwrap())
        .collect()
}

const INDEXES: [&str; 3] = ["members_iin", "members_phone", "members_unit"];

fn accepted(results: &[Result<Receipt, RuleError>]) -> usize {
    results.iter().filter(|r| r.is_ok()).count()
}

#[tokio::test]
async fn a_registry_loaded_into_an_empty_table_builds_its_indexes_at_the_end_and_refuses_every_repeat()
 {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        assert_eq!(member_indexes(&store).await, INDEXES, "{}", db.engine);
        let mut batch = store.begin().await.unwrap();
        batch.push_chunk(units()).await.unwrap();
        let first: Vec<Pending> = (0..CHUNK)
            .map(|n| register(person(n), u32::from(n)))
            .collect();
        let results = batch.push_chunk(first).await.unwrap();
        assert_eq!(accepted(&results), usize::from(CHUNK), "{}", db.engine);
        assert!(
            batch.member_indexes_aside(),
            "{}: a large load into an empty table sets the indexes aside",
            db.engine
        );

        // The second chunk repeats an IIN and a phone of the first, and one of its own.
        let mut second: Vec<Pending> = (CHUNK..2 * CHUNK)
            .map(|n| register(person(n), u32::from(n)))
            .collect();
        second[10] = register(person(7), 900_001);
        second[20] = register(person(5_000), 8);
        second[30] = register(person(5_001), u32::from(CHUNK) + 40);
        let results = batch.push_chunk(second).await.unwrap();
        assert!(
            matches!(results[10], Err(RuleError::IinTaken { .. })),
            "{}: {:?}",
            db.engine,
            results[10]
        );
        assert!(
            matches!(results[20], Err(RuleError::PhoneTaken { .. })),
            "{}: {:?}",
            db.engine,
            results[20]
        );
        // The phone of row 40 is taken by row 30 first, in the same chunk.
        assert!(results[30].is_ok(), "{}: {:?}", db.engine, results[30]);
        assert!(
            matches!(results[40], Err(RuleError::PhoneTaken { .. })),
            "{}: {:?}",
            db.engine,
            results[40]
        );
        assert_eq!(accepted(&results), usize::from(CHUNK) - 3, "{}", db.engine);
        assert!(batch.member_indexes_aside(), "{}", db.engine);

        // Any other command builds them again before it is decided.
        batch
            .push_chunk(vec![register(person(6_000), 950_000)])
            .await
            .unwrap();
        assert!(!batch.member_indexes_aside(), "{}", db.engine);
        batch.commit().await.unwrap();
        assert_eq!(member_indexes(&store).await, INDEXES, "{}", db.engine);
        assert_eq!(
            store.member_count().await.unwrap(),
            2 * i64::from(CHUNK) - 3 + 1
        );

        // The indexes are the database's again: a repeat is refused through them, and the
        // replay of the journal (which loads the same way) gives the same tables.
        let mut batch = store.begin().await.unwrap();
        let results = batch
            .push_chunk(vec![register(person(CHUNK + 1), 123_456)])
            .await
            .unwrap();
        assert!(
            matches!(results[0], Err(RuleError::IinTaken { .. })),
            "{}",
            db.engine
        );
        batch.rollback().await.unwrap();
        store.verify(&[]).await.unwrap();
    }
}

#[tokio::test]
async fn an_abandoned_load_leaves_the_indexes_and_a_filled_table_keeps_them_up() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        let mut batch = store.begin().await.unwrap();
        batch.push_chunk(units()).await.unwrap();
        let load: Vec<Pending> = (0..CHUNK)
            .map(|n| register(person(n), u32::from(n)))
            .collect();
        batch.push_chunk(load).await.unwrap();
        assert!(batch.member_indexes_aside(), "{}", db.engine);
        batch.rollback().await.unwrap();
        assert_eq!(member_indexes(&store).await, INDEXES, "{}", db.engine);
        assert_eq!(store.member_count().await.unwrap(), 0);

        // A table that holds members is loaded through its indexes.
        let mut batch = store.begin().await.unwrap();
        batch.push_chunk(units()).await.unwrap();
        batch
            .push_chunk(vec![register(person(0), 0)])
            .await
            .unwrap();
        batch.commit().await.unwrap();
        let mut batch = store.begin().await.unwrap();
        let load: Vec<Pending> = (1..=CHUNK)
            .map(|n| register(person(n), u32::from(n)))
            .collect();
        let results = batch.push_chunk(load).await.unwrap();
        assert_eq!(accepted(&results), usize::from(CHUNK), "{}", db.engine);
        assert!(!batch.member_indexes_aside(), "{}", db.engine);
        batch.commit().await.unwrap();
        assert_eq!(member_indexes(&store).await, INDEXES, "{}", db.engine);
    }
}
