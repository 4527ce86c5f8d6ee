//! Databases an older mandat wrote (tests/fixtures/older-version, made at commit f1035c8): today's `mandat verify` replays their journals to the same record, `mandat upgrade` fills the typed data they lack, and their documents then read in one language — on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{Run, pdftotext};
use mandat_testkit::script::{html_text, latin_runs};
use mandat_testkit::{TestDb, engines};
use std::path::{Path, PathBuf};

const CAMPAIGN: &str = "kerbulak-2020";
const TARGET: &str = "ALM-KERBULAK-maslikhat";
/// The example's meeting that failed for want of quorum.
const FAILED_MEETING: &str = "ALM-KERBULAK-P003.2020";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/older-version")
        .join(name)
}

/// Puts the older version's database `name` into `db`: the SQLite file as it was written, or the
/// PostgreSQL dump loaded into the fresh database.
async fn load(db: &TestDb, name: &str) {
    if db.engine == "sqlite" {
        let path = db
            .url
            .strip_prefix("sqlite://")
            .and_then(|rest| rest.split('?').next())
            .unwrap();
        std::fs::copy(fixture(&format!("{name}.sqlite")), path).unwrap();
    } else {
        use sqlx::Connection;
        let dump = std::fs::read_to_string(fixture(&format!("{name}.postgres.sql"))).unwrap();
        let mut conn = sqlx::AnyConnection::connect(&db.url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(dump))
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
}

fn mandat(db: &TestDb, dir: &Path, args: &[&str]) -> Run {
    crate::common::mandat(db, &dir.join("site.secret"), args)
}

fn ok(run: &Run, what: &str) {
    assert_eq!(run.code, 0, "{what}: {}\n{}", run.stderr, run.stdout);
}

/// Russian or Kazakh text with no three Latin words in a row outside names, codes and URLs.
fn in_one_language(text: &str, what: &str) {
    let runs = latin_runs(text);
    assert!(
        runs.is_empty(),
        "{what}: English in the text: {runs:?}\n{text}"
    );
}

/// The fixture `name` loaded into `db`, keys made, and `mandat verify` passed over its
/// `entries` journal entries before any upgrade; the keys' folder.
async fn loaded_and_verified(db: &TestDb, name: &str, entries: u32) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    load(db, name).await;
    ok(&mandat(db, dir.path(), &["init"]), "init");
    let verified = mandat(db, dir.path(), &["verify"]);
    ok(&verified, "verify before the upgrade");
    assert!(
        verified
            .stdout
            .contains(&format!("{entries} journal entries")),
        "{}: {}",
        db.engine,
        verified.stdout
    );
    dir
}

#[tokio::test]
async fn a_ladder_recorded_by_an_older_version_verifies_upgrades_and_reads_in_one_language() {
    for db in engines().await {
        let dir = loaded_and_verified(&db, "ladder", 133).await;

        let upgraded = mandat(&db, dir.path(), &["upgrade"]);
        ok(&upgraded, "upgrade");
        assert!(
            !upgraded.stdout.contains("; 0 filled"),
            "{}: the older rows lack their typed data: {}",
            db.engine,
            upgraded.stdout
        );
        let again = mandat(&db, dir.path(), &["upgrade"]);
        ok(&again, "upgrade again");
        assert!(
            again.stdout.contains("0 rows"),
            "{}: a second upgrade has nothing to do: {}",
            db.engine,
            again.stdout
        );
        ok(
            &mandat(&db, dir.path(), &["verify"]),
            "verify after the upgrade",
        );

        for lang in ["ru", "kk"] {
            let sheet = dir.path().join(format!("list.{lang}.html"));
            ok(
                &mandat(
                    &db,
                    dir.path(),
                    &[
                        "--lang",
                        lang,
                        "list",
                        "export",
                        CAMPAIGN,
                        TARGET,
                        "--format",
                        "html",
                        "--out",
                        sheet.to_str().unwrap(),
                    ],
                ),
                "list export",
            );
            let text = html_text(&std::fs::read_to_string(&sheet).unwrap());
            in_one_language(&text, &format!("{} list sheet in {lang}", db.engine));

            let minutes = dir.path().join(format!("failed.{lang}.pdf"));
            ok(
                &mandat(
                    &db,
                    dir.path(),
                    &[
                        "--lang",
                        lang,
                        "minutes",
                        FAILED_MEETING,
                        "--out",
                        minutes.to_str().unwrap(),
                    ],
                ),
                "minutes",
            );
            let text = pdftotext(&minutes);
            in_one_language(
                &text,
                &format!("{} failed meeting's minutes in {lang}", db.engine),
            );
        }
    }
}

#[tokio::test]
async fn a_registry_recorded_by_an_older_version_verifies_and_upgrades() {
    for db in engines().await {
        let dir = loaded_and_verified(&db, "registry", 20).await;
        let upgraded = mandat(&db, dir.path(), &["upgrade"]);
        ok(&upgraded, "upgrade");
        assert!(
            upgraded.stdout.contains("1 rows") && upgraded.stdout.contains("1 filled"),
            "{}: the changed phone's SMS notice is filled: {}",
            db.engine,
            upgraded.stdout
        );
        ok(
            &mandat(&db, dir.path(), &["verify"]),
            "verify after the upgrade",
        );
    }
}
