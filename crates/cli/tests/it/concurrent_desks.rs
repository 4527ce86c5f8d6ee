//! Four registration desks, each its own `mandat check-in` process on the same database, checking different delegates in at once: every check-in succeeds and is recorded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{init, mandat};
use mandat_core::{Iin, Sex};
use serde_json::json;

const MEETING: &str = "ALM-AKSU-P001.2020";
const DESKS: u16 = 4;
const DELEGATES: u16 = 32;

fn member(n: u16) -> Iin {
    mandat_testkit::iin(jiff::civil::date(1975, 3, 9), Sex::Female, n)
}

/// The units, the members and a PPO meeting open for registration, as `mandat apply` lines.
fn setup_lines() -> String {
    let at = "2020-08-01T03:00:00Z";
    let mut lines = vec![
        json!({"cmd":"create_unit","code":"ALM","kind":"region","parent":null,"names":{"ru":"А","kk":"А","en":"A"},"actor":"org","held_at":at}),
        json!({"cmd":"create_unit","code":"ALM-AKSU","kind":"district","parent":"ALM","names":{"ru":"Б","kk":"Б","en":"B"},"actor":"org","held_at":at}),
        json!({"cmd":"create_unit","code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{"ru":"В","kk":"В","en":"C"},"actor":"org","held_at":at}),
        json!({"cmd":"create_campaign","code":"almaty-2020","name":"2020","election_day":"2021-01-10","actor":"org","held_at":at}),
        json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"ppo_meetings","starts_local":"2020-11-07T00:00","ends_local":"2020-11-08T23:59","actor":"org","held_at":at}),
    ];
    for n in 0..DELEGATES {
        lines.push(json!({"cmd":"register_member","iin":member(n).to_string(),"full_name":format!("Member {n}"),"phone":format!("+7701{n:07}"),"unit":"ALM-AKSU-P001","joined_on":"2010-01-01","actor":"org","held_at":at}));
    }
    lines.push(json!({"cmd":"convene_meeting","code":MEETING,"campaign":"almaty-2020","unit":"ALM-AKSU-P001","phase":"ppo_meetings","convened_by":"bureau No. 1","scheduled_at":"2020-11-07T04:00:00Z","venue":"school hall","entry_deadline":"2099-12-31T00:00:00Z","actor":"org","held_at":"2020-11-03T04:00:00Z"}));
    lines.push(json!({"cmd":"open_registration","meeting":MEETING,"actor":"org","held_at":"2020-11-07T03:40:00Z"}));
    lines
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_check_in_desks_at_once_all_succeed_and_all_are_recorded() {
    for db in mandat_testkit::engines().await {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("site.secret");
        init(&db, &secret);
        let file = dir.path().join("setup.jsonl");
        std::fs::write(&file, setup_lines()).unwrap();
        let run = mandat(&db, &secret, &["apply", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}: apply: {}", db.engine, run.stderr);

        let desks: Vec<_> = (0..DESKS)
            .map(|desk| {
                let url = db.url.clone();
                let secret = secret.clone();
                std::thread::spawn(move || {
                    let mut codes = Vec::new();
                    for n in (desk..DELEGATES).step_by(usize::from(DESKS)) {
                        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mandat"))
                            .arg("--db")
                            .arg(&url)
                            .arg("--secret-file")
                            .arg(&secret)
                            .args(["check-in", MEETING, "--iin", &member(n).to_string()])
                            .args(["--actor", &format!("desk-{desk}")])
                            .env("MANDAT_LOG", "warn")
                            .env("MANDAT_LANG", "en")
                            .output()
                            .unwrap();
                        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
                        assert!(
                            out.status.success(),
                            "desk {desk}, delegate {n}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                        assert!(stdout.contains("e-vote code:"), "{stdout}");
                        codes.push(stdout);
                    }
                    codes
                })
            })
            .collect();
        let mut checked_in = 0;
        for desk in desks {
            checked_in += desk.join().unwrap().len();
        }
        assert_eq!(checked_in, usize::from(DELEGATES), "{}", db.engine);

        let store = mandat_store::Store::open(&db.url).await.unwrap();
        use sqlx::Row;
        for (sql, what) in [
            (
                "SELECT COUNT(*) AS n FROM attendance WHERE present = 1",
                "attendance",
            ),
            ("SELECT COUNT(*) AS n FROM vote_credentials", "credentials"),
            (
                "SELECT COUNT(*) AS n FROM journal WHERE actor LIKE 'desk-%'",
                "journal entries",
            ),
        ] {
            let n: i64 = sqlx::query(sql)
                .fetch_one(store.pool())
                .await
                .unwrap()
                .try_get("n")
                .unwrap();
            assert_eq!(n, i64::from(DELEGATES), "{}: {what}", db.engine);
        }
        store.close().await;
    }
}
