//! The store on both engines: commands become projections and journal entries; verify catches every tampering.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::journal::Anchor;
use mandat_core::{Envelope, Sex};
use mandat_store::{Pending, Store, VerifyError};
use mandat_testkit::engines;
use sqlx::AssertSqlSafe;

fn line(json: &str) -> Pending {
    Pending::new(
        Envelope::parse(json).expect("a valid test command"),
        1_600_000_000_000,
    )
}

fn iin(n: u16) -> String {
    mandat_testkit::iin(jiff::civil::date(1980, 5, 17), Sex::Female, n).to_string()
}

/// The setup of every test here: a new database, so the journal's first entry is `adopt_rules`
/// and these commands are entries 2 to 13 (member N is entry 9 + N).
fn setup_commands() -> Vec<Pending> {
    let at = r#""actor":"org","held_at":"2020-08-01T03:00:00Z""#;
    let mut out = vec![
        line(&format!(
            r#"{{"cmd":"create_unit",{at},"code":"ALM","kind":"region","parent":null,"names":{{"ru":"Алматинский областной филиал","kk":"Алматы облыстық филиалы","en":"Almaty regional branch"}}}}"#
        )),
        line(&format!(
            r#"{{"cmd":"create_unit",{at},"code":"ALM-AKSU","kind":"district","parent":"ALM","names":{{"ru":"Аксуский районный филиал","kk":"Ақсу аудандық филиалы","en":"Aksu district branch"}}}}"#
        )),
        line(&format!(
            r#"{{"cmd":"create_unit",{at},"code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{{"ru":"ППО №1","kk":"№1 БПҰ","en":"PPO No. 1"}}}}"#
        )),
        line(&format!(
            r#"{{"cmd":"create_campaign",{at},"code":"almaty-2020","name":"Праймериз 2020","election_day":"2021-01-10"}}"#
        )),
        line(&format!(
            r#"{{"cmd":"set_phase",{at},"campaign":"almaty-2020","phase":"nomination","starts_local":"2020-08-17T00:00","ends_local":"2020-08-28T18:00"}}"#
        )),
        line(&format!(
            r#"{{"cmd":"set_phase",{at},"campaign":"almaty-2020","phase":"primary_vote","starts_local":"2020-10-01T00:00","ends_local":"2020-10-03T14:00","after":["nomination"]}}"#
        )),
        line(&format!(
            r#"{{"cmd":"set_target",{at},"campaign":"almaty-2020","code":"aksu","body":"local_maslikhat","name":"Аксуский районный маслихат","seats":17,"electorate_unit":"ALM-AKSU"}}"#
        )),
    ];
    for n in 0..5u16 {
        out.push(line(&format!(
            r#"{{"cmd":"register_member",{at},"iin":"{}","full_name":"Member {n}","phone":"+7701000000{n}","unit":"ALM-AKSU-P001","joined_on":"2010-01-0{}"}}"#,
            iin(n),
            n + 1
        )));
    }
    out
}

async fn seeded(url: &str) -> Store {
    let store = Store::open(url).await.expect("open");
    let mut batch = store.begin().await.unwrap();
    for result in batch.push_chunk(setup_commands()).await.unwrap() {
        result.expect("the setup commands are valid");
    }
    batch.commit().await.unwrap();
    store
}

async fn exec(store: &Store, sql: &str) {
    sqlx::query(AssertSqlSafe(sql.to_string()))
        .execute(store.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn failure(result: Result<mandat_store::VerifyReport, VerifyError>) -> String {
    match result {
        Ok(report) => panic!("verify passed but should have failed: {report:?}"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn commands_become_rows_and_a_fresh_record_verifies() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        let head = store.head().await.unwrap();
        assert_eq!(head.seq, 13, "{}", db.engine);
        assert_eq!(store.member_count().await.unwrap(), 5);
        let units = store.units().await.unwrap();
        assert_eq!(units.len(), 3);
        assert_eq!(
            units
                .iter()
                .find(|u| u.code == "ALM-AKSU-P001")
                .unwrap()
                .active_members,
            5
        );
        let report = store.verify(std::slice::from_ref(&head)).await.unwrap();
        assert_eq!(report.head, head, "{}", db.engine);
        assert_eq!(report.entries, 13);
        store.close().await;
    }
}

#[tokio::test]
async fn a_refused_command_changes_nothing_and_says_why() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        let before = store.head().await.unwrap();
        let at = r#""actor":"org","held_at":"2020-08-01T03:00:00Z""#;
        let duplicate = line(&format!(
            r#"{{"cmd":"register_member",{at},"iin":"{}","full_name":"Someone Else","phone":"+77019999999","unit":"ALM-AKSU-P001","joined_on":"2015-01-01"}}"#,
            iin(0)
        ));
        let err = store.submit(duplicate).await.unwrap_err().to_string();
        assert!(err.contains("already registered"), "{}: {err}", db.engine);
        let cycle = line(&format!(
            r#"{{"cmd":"move_unit",{at},"code":"ALM-AKSU","parent":"ALM-AKSU-P001","reason":"test"}}"#
        ));
        let err = store.submit(cycle).await.unwrap_err().to_string();
        assert!(
            err.contains("cannot sit under") || err.contains("cycle"),
            "{err}"
        );
        assert_eq!(store.head().await.unwrap(), before);
        assert_eq!(store.member_count().await.unwrap(), 5);
        store.close().await;
    }
}

#[tokio::test]
async fn later_commands_update_rows_and_still_verify() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        let at = r#""actor":"org","held_at":"2020-09-01T03:00:00Z""#;
        for json in [
            format!(
                r#"{{"cmd":"change_member_phone",{at},"iin":"{}","phone":"8 777 123 45 67","reason":"new SIM"}}"#,
                iin(1)
            ),
            format!(
                r#"{{"cmd":"set_member_status",{at},"iin":"{}","status":"suspended","reason":"decision 12"}}"#,
                iin(2)
            ),
            format!(
                r#"{{"cmd":"rename_unit",{at},"code":"ALM-AKSU-P001","names":{{"ru":"ППО села Жансугуров","kk":"Жансүгіров ауылының БПҰ","en":"PPO Zhansugurov"}}}}"#
            ),
            format!(
                r#"{{"cmd":"remove_target",{at},"campaign":"almaty-2020","code":"aksu","reason":"merged"}}"#
            ),
        ] {
            store
                .submit(line(&json))
                .await
                .unwrap_or_else(|e| panic!("{json}: {e}"));
        }
        // The old phone is free again; the new one is taken.
        let reuse = format!(
            r#"{{"cmd":"change_member_phone",{at},"iin":"{}","phone":"+77010000001","reason":"took the freed number"}}"#,
            iin(3)
        );
        store.submit(line(&reuse)).await.unwrap();
        store
            .verify(&[])
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", db.engine));
        store.close().await;
    }
}

#[tokio::test]
async fn every_kind_of_tampering_is_caught_and_named() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "edit a member",
            "UPDATE members SET full_name = 'Someone' WHERE id = 9",
            "table members: row id=9: column full_name",
        ),
        (
            "delete a unit",
            "DELETE FROM units WHERE code = 'ALM-AKSU-P001'",
            "row code=\"ALM-AKSU-P001\" is missing",
        ),
        (
            "insert a target",
            "INSERT INTO targets VALUES ('almaty-2020','extra','mazhilis','X',1,'ALM')",
            "row campaign=\"almaty-2020\", code=\"extra\" is in the database but not in the replay",
        ),
        (
            "edit a journal command",
            "UPDATE journal SET command = REPLACE(command, 'Member 1', 'Member 9') WHERE seq = 10",
            "journal entry 10: its hash does not match",
        ),
        (
            "delete a journal entry",
            "DELETE FROM journal WHERE seq = 5",
            "journal entry 6 follows entry 4",
        ),
        (
            "delete the last journal entry",
            "DELETE FROM journal WHERE seq = 13",
            "table journal",
        ),
        (
            "edit a phase",
            "UPDATE phases SET ends_local = '2020-10-04T14:00:00' WHERE code = 'primary_vote'",
            "column ends_local",
        ),
        (
            "edit the head",
            "UPDATE journal_head SET seq = 12",
            "table journal_head",
        ),
        (
            "add a table",
            "CREATE TABLE notes (x TEXT)",
            "table notes is not known to verify",
        ),
    ];
    for db in engines().await {
        for (what, sql, expected) in cases {
            let fresh = if db.engine == "sqlite" {
                mandat_testkit::sqlite()
            } else {
                continue_pg(&db).await
            };
            let store = seeded(&fresh.url).await;
            exec(&store, sql).await;
            let message = failure(store.verify(&[]).await);
            assert!(
                message.contains(expected),
                "{} / {what}: {message}",
                db.engine
            );
            store.close().await;
        }
    }
}

/// A second fresh PostgreSQL database for the same test.
async fn continue_pg(_db: &mandat_testkit::TestDb) -> mandat_testkit::TestDb {
    mandat_testkit::engines()
        .await
        .into_iter()
        .find(|d| d.engine == "postgres")
        .expect("PostgreSQL is configured")
}

#[tokio::test]
async fn reordered_journal_rows_are_caught() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        exec(&store, "UPDATE journal SET seq = 100 WHERE seq = 3").await;
        exec(&store, "UPDATE journal SET seq = 3 WHERE seq = 4").await;
        exec(&store, "UPDATE journal SET seq = 4 WHERE seq = 100").await;
        let message = failure(store.verify(&[]).await);
        assert!(
            message.contains("journal entry 3"),
            "{}: {message}",
            db.engine
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_rewritten_chain_passes_alone_but_fails_against_an_earlier_anchor() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        let published: Anchor = store.head().await.unwrap();
        // An insider rewrites member 1's name in the journal and the projection, and recomputes every hash.
        exec(&store, "UPDATE journal SET command = REPLACE(command, '\"Member 1\"', '\"Member X\"') WHERE seq = 10").await;
        exec(
            &store,
            "UPDATE members SET full_name = 'Member X' WHERE id = 10",
        )
        .await;
        let mut entries = Vec::new();
        store
            .each_entry(|e| {
                entries.push(e);
                Ok(())
            })
            .await
            .unwrap();
        let mut prev = mandat_core::journal::GENESIS_HASH.to_string();
        for e in &entries {
            let hash =
                mandat_core::journal::entry_hash(e.seq, e.recorded_at, &e.actor, &e.command, &prev);
            exec(
                &store,
                &format!(
                    "UPDATE journal SET prev_hash = '{prev}', hash = '{hash}' WHERE seq = {}",
                    e.seq
                ),
            )
            .await;
            prev = hash;
        }
        exec(&store, &format!("UPDATE journal_head SET hash = '{prev}'")).await;
        store
            .verify(&[])
            .await
            .unwrap_or_else(|e| panic!("a consistent rewrite passes without an anchor: {e}"));
        let message = failure(store.verify(&[published]).await);
        assert!(message.contains("anchor 13:"), "{}: {message}", db.engine);
        assert!(message.contains("rewritten"), "{message}");
        store.close().await;
    }
}

#[tokio::test]
async fn an_anchor_beyond_the_end_of_the_journal_is_caught() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        let head = store.head().await.unwrap();
        let later = Anchor {
            seq: head.seq + 5,
            hash: head.hash.clone(),
        };
        let message = failure(store.verify(&[later]).await);
        assert!(
            message.contains("has no entry 18"),
            "{}: {message}",
            db.engine
        );
        store.close().await;
    }
}

#[tokio::test]
async fn replay_gives_identical_projections_whenever_it_runs() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        let first = store.verify(&[]).await.unwrap();
        // Replay reads no clock: a second run, later, gives the very same tables and head.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let second = store.verify(&[]).await.unwrap();
        assert_eq!(first, second, "{}", db.engine);
        store.close().await;
    }
}

#[tokio::test]
async fn member_counts_are_kept_until_the_journal_moves_and_then_counted_again() {
    for db in engines().await {
        let store = seeded(&db.url).await;
        let first = store.units().await.unwrap();
        let again = store.units().await.unwrap();
        assert!(
            std::sync::Arc::ptr_eq(&first, &again),
            "{}: counted twice at one head",
            db.engine
        );
        let at = r#""actor":"org","held_at":"2020-09-01T03:00:00Z""#;
        store
            .submit(line(&format!(
                r#"{{"cmd":"set_member_status",{at},"iin":"{}","status":"suspended","reason":"decision 12"}}"#,
                iin(2)
            )))
            .await
            .unwrap();
        let after = store.units().await.unwrap();
        let active = |units: &[mandat_store::UnitRow]| {
            units
                .iter()
                .find(|u| u.code == "ALM-AKSU-P001")
                .unwrap()
                .active_members
        };
        assert_eq!((active(&first), active(&after)), (5, 4), "{}", db.engine);
        store.close().await;
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_new_sqlite_database_and_its_wal_and_shm_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    // A write, so that the WAL and the shared-memory index exist.
    store.submit(line(&setup_commands_first())).await.unwrap();
    for file in ["fresh.db", "fresh.db-wal", "fresh.db-shm"] {
        let mode = std::fs::metadata(dir.path().join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"))
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{file} is {:o}", mode & 0o777);
    }
    store.close().await;
    // An existing file keeps its mode: mandat does not change what the operator set.
    let other = dir.path().join("kept.db");
    std::fs::write(&other, b"").unwrap();
    std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o640)).unwrap();
    let store = Store::open(other.to_str().unwrap()).await.unwrap();
    store.close().await;
    assert_eq!(
        std::fs::metadata(&other).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

fn setup_commands_first() -> String {
    r#"{"cmd":"create_unit","actor":"org","held_at":"2020-08-01T03:00:00Z","code":"ALM","kind":"region","parent":null,"names":{"ru":"А","kk":"А","en":"A"}}"#.to_string()
}
