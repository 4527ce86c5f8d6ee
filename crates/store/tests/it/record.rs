//! The record kept in memory is the record in the database: after every command of the documented examples, after a rollback, and when another node writes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::meeting::progress::progress;
use mandat_core::{Code, Envelope};
use mandat_store::{Pending, Store};
use mandat_testkit::{engines, example_text};

/// The documented examples, each a record of its own: the registry with its primaries, the
/// conference with its party lists, and the ladder up to the congress.
const RECORDS: [&[&str]; 4] = [
    &["registry.jsonl", "primaries.jsonl"],
    &["conference.jsonl", "lists.jsonl", "debates.jsonl"],
    &["congress.jsonl"],
    &["staff.jsonl"],
];

/// A record's commands in order, each as its entry point would submit it.
fn commands_of(record: &[&str]) -> Vec<Pending> {
    let now = jiff::Timestamp::now().as_millisecond();
    record
        .iter()
        .flat_map(|name| {
            example_text(name)
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .map(|l| {
                    let envelope = Envelope::parse(l).expect("an example command");
                    if envelope.command.ballot_box_only() {
                        let at = envelope.held_at.as_millisecond();
                        Pending::from_ballot_box(envelope, at)
                    } else {
                        Pending::new(envelope, now)
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

async fn assert_kept_is_recorded(store: &Store, after: &str) {
    match store
        .kept_record_differences()
        .await
        .expect("the check runs")
    {
        Some(differing) => assert!(
            differing.is_empty(),
            "after {after}, the record kept in memory differs from the database in {differing:?}"
        ),
        None => panic!("after {after}, no record is kept at the database's head"),
    }
}

/// A fresh database of each engine for each record.
async fn engines_and_records() -> Vec<(mandat_testkit::TestDb, &'static [&'static str])> {
    let mut out = Vec::new();
    for record in RECORDS {
        for db in engines().await {
            out.push((db, record));
        }
    }
    out
}

#[tokio::test]
async fn the_record_kept_in_memory_follows_every_command() {
    let mut checked_leaving = std::collections::BTreeSet::new();
    for (db, record) in engines_and_records().await {
        let store = Store::open(&db.url).await.unwrap();
        for (n, pending) in commands_of(record).into_iter().enumerate() {
            let name = pending.envelope.command.name();
            let leaves = pending.envelope.command.leaves_complete_record();
            let before = store.read_snapshot().await.unwrap();
            let mut batch = store.begin().await.unwrap();
            let result = batch.push_chunk(vec![pending]).await.unwrap();
            assert!(
                result[0].is_ok(),
                "{}: command {} ({name}): {:?}",
                db.engine,
                n + 1,
                result[0]
            );
            batch.commit().await.unwrap();
            assert_kept_is_recorded(
                &store,
                &format!("{}: command {} ({name})", db.engine, n + 1),
            )
            .await;
            if leaves {
                let after = store.read_snapshot().await.unwrap();
                assert!(
                    before.complete_parts_differing(&after).is_empty(),
                    "{}: command {} ({name}) promises to leave the complete record, but changed {:?}",
                    db.engine,
                    n + 1,
                    before.complete_parts_differing(&after)
                );
                checked_leaving.insert(name);
            }
        }
        store.close().await;
    }
    // Every command that promises it is among the examples.
    assert_eq!(checked_leaving.len(), 10, "checked: {checked_leaving:?}");
}

#[tokio::test]
async fn a_rolled_back_batch_leaves_the_record_kept_as_it_was() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        let commands = commands_of(&["conference.jsonl", "lists.jsonl"]);
        let (first, rest) = commands.split_at(60);
        let mut batch = store.begin().await.unwrap();
        batch.push_chunk(first.to_vec()).await.unwrap();
        batch.commit().await.unwrap();
        let before = store.read_snapshot().await.unwrap();

        let mut batch = store.begin().await.unwrap();
        let results = batch.push_chunk(rest[..20].to_vec()).await.unwrap();
        assert!(results.iter().all(Result::is_ok), "{}", db.engine);
        batch.rollback().await.unwrap();

        let after = store.read_snapshot().await.unwrap();
        assert!(
            before.complete_parts_differing(&after).is_empty(),
            "{}: a rollback changed the record kept",
            db.engine
        );
        assert_kept_is_recorded(&store, &format!("{}: a rollback", db.engine)).await;
        store.close().await;
    }
}

#[tokio::test]
async fn a_node_sees_what_another_node_wrote() {
    for db in engines().await {
        let one = Store::open(&db.url).await.unwrap();
        let other = Store::open(&db.url).await.unwrap();
        let commands = commands_of(&["conference.jsonl", "lists.jsonl"]);
        let mut statuses_compared = 0;
        // Both nodes keep the record, then write in turns: each must see the other's writes.
        for (n, chunk) in commands.chunks(25).enumerate() {
            let (writer, reader) = if n % 2 == 0 {
                (&one, &other)
            } else {
                (&other, &one)
            };
            let _ = reader.read_snapshot().await.unwrap();
            let mut batch = writer.begin().await.unwrap();
            let results = batch.push_chunk(chunk.to_vec()).await.unwrap();
            assert!(
                results.iter().all(Result::is_ok),
                "{}: chunk {n}: {results:?}",
                db.engine
            );
            batch.commit().await.unwrap();
            let written = writer.read_snapshot().await.unwrap();
            let seen = reader.read_snapshot().await.unwrap();
            assert!(
                written.complete_parts_differing(&seen).is_empty(),
                "{}: chunk {n}: the other node does not see {:?}",
                db.engine,
                written.complete_parts_differing(&seen)
            );
            assert_kept_is_recorded(reader, &format!("{}: chunk {n}, the reader", db.engine)).await;
            // The status page, kept per head on each node, is computed afresh after a write.
            let mut compared = 0;
            for node in [reader, writer] {
                if let Ok(shown) = node.progress(None, None).await {
                    let root = Code::parse(&shown.unit).unwrap();
                    let campaign = Code::parse(&shown.campaign).unwrap();
                    assert_eq!(
                        shown,
                        progress(&seen, &root, &campaign),
                        "{}: chunk {n}: a status page of another head",
                        db.engine
                    );
                    compared += 1;
                }
            }
            statuses_compared += compared;
        }
        assert!(
            statuses_compared > 4,
            "{}: the status page was never read",
            db.engine
        );
        one.close().await;
        other.close().await;
    }
}

#[tokio::test]
async fn a_node_takes_its_record_forward_over_check_ins_and_ballots_without_reading_it_again() {
    for (db, record) in engines_and_records().await {
        let writer = Store::open(&db.url).await.unwrap();
        let reader = Store::open(&db.url).await.unwrap();
        let mut carried = 0;
        for (n, pending) in commands_of(record).into_iter().enumerate() {
            let name = pending.envelope.command.name();
            let leaves = pending.envelope.command.leaves_complete_record();
            let _ = reader.read_snapshot().await.unwrap();
            let loads = reader.record_loads();
            let mut batch = writer.begin().await.unwrap();
            assert!(batch.push_chunk(vec![pending]).await.unwrap()[0].is_ok());
            batch.commit().await.unwrap();
            let seen = reader.read_snapshot().await.unwrap();
            let written = writer.read_snapshot().await.unwrap();
            let at = format!("{}: command {} ({name})", db.engine, n + 1);
            assert!(
                written.complete_parts_differing(&seen).is_empty(),
                "{at}: the reader does not see {:?}",
                written.complete_parts_differing(&seen)
            );
            assert_kept_is_recorded(&reader, &at).await;
            if leaves {
                assert_eq!(reader.record_loads(), loads, "{at}: read again");
                carried += 1;
            } else {
                assert_eq!(reader.record_loads(), loads + 1, "{at}: not read again");
            }
        }
        // The staff record has no such command (it is all accounts and grants).
        let any_leaves = commands_of(record)
            .iter()
            .any(|p| p.envelope.command.leaves_complete_record());
        assert!(
            carried > 0 || !any_leaves,
            "{}: nothing was carried forward",
            db.engine
        );
        writer.close().await;
        reader.close().await;
    }
}
