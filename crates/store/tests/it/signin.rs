//! Sign-ins as a crowd makes them, on both engines: hundreds of people keep and spend codes at once, their writes grouped into shared transactions, and each gets their own answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_core::signin::CodeCheck;
use mandat_core::token::TokenKey;
use mandat_core::{Iin, Sex};
use mandat_store::{Store, binding_mac, code_mac};
use mandat_testkit::engines;
use std::collections::HashSet;
use tokio::task::JoinSet;

const CROWD: u16 = 300;

fn person(n: u16) -> Iin {
    mandat_testkit::iin(jiff::civil::date(1984, 3, 9), Sex::Female, n)
}

/// A region, a district, a PPO and the crowd's members in it.
async fn registry(store: &Store) {
    let at = r#""actor":"org","held_at":"2026-01-10T03:00:00Z""#;
    let mut lines = vec![
        format!(
            r#"{{"cmd":"create_unit",{at},"code":"ALM","kind":"region","parent":null,"names":{{"ru":"Алматинская область","kk":"Алматы облысы","en":"Almaty Region"}}}}"#
        ),
        format!(
            r#"{{"cmd":"create_unit",{at},"code":"ALM-AKSU","kind":"district","parent":"ALM","names":{{"ru":"Аксуский район","kk":"Ақсу ауданы","en":"Aksu District"}}}}"#
        ),
        format!(
            r#"{{"cmd":"create_unit",{at},"code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{{"ru":"ППО 1","kk":"БПҰ 1","en":"PPO 1"}}}}"#
        ),
    ];
    for n in 0..CROWD {
        lines.push(format!(
            r#"{{"cmd":"register_member",{at},"iin":"{}","full_name":"Member {n}","phone":"+77012{n:06}","unit":"ALM-AKSU-P001","joined_on":"2010-01-01"}}"#,
            person(n)
        ));
    }
    mandat_testkit::apply_lines(store, &lines.join("\n"), "the crowd's registry").await;
}

/// What one person of the crowd got: a first, mistyped try for every third person, then the
/// right code.
struct Outcome {
    n: u16,
    mistyped: Option<CodeCheck>,
    check: CodeCheck,
    signed_in: Option<(String, mandat_store::Session)>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crowd_signing_in_at_once_each_gets_their_own_session_and_every_wrong_try_counts() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        registry(&store).await;
        let key = TokenKey::derive(&[5u8; 32]);
        let now = Timestamp::now();
        let mut crowd = JoinSet::new();
        for n in 0..CROWD {
            let (store, key) = (store.clone(), key.clone());
            crowd.spawn(async move {
                let iin = person(n);
                let binding = format!("browser-of-{n}");
                let code = format!("{:06}", 100_000 + u32::from(n));
                store
                    .put_signin_code(
                        &iin,
                        &binding_mac(&key, &binding),
                        &code_mac(&key, &iin, &code),
                        now + SignedDuration::from_mins(5),
                    )
                    .await
                    .unwrap();
                let mistyped = if n % 3 == 0 {
                    let (check, signed_in) = store
                        .redeem_signin_code(&key, &iin, &binding, "000000", now)
                        .await
                        .unwrap();
                    assert!(signed_in.is_none());
                    Some(check)
                } else {
                    None
                };
                let (check, signed_in) = store
                    .redeem_signin_code(&key, &iin, &binding, &code, now)
                    .await
                    .unwrap();
                Outcome {
                    n,
                    mistyped,
                    check,
                    signed_in,
                }
            });
        }
        let mut tokens = HashSet::new();
        let mut members = HashSet::new();
        while let Some(outcome) = crowd.join_next().await {
            let Outcome {
                n,
                mistyped,
                check,
                signed_in,
            } = outcome.unwrap();
            let engine = db.engine;
            if n % 3 == 0 {
                assert_eq!(
                    mistyped,
                    Some(CodeCheck::Wrong { tries_left: 4 }),
                    "{engine}: person {n}"
                );
            }
            assert_eq!(check, CodeCheck::Accepted, "{engine}: person {n}");
            let (token, session) = signed_in.unwrap_or_else(|| panic!("{engine}: person {n}"));
            // Each answer reached the one who asked: the session is theirs, and so is the token.
            assert_eq!(session.iin, person(n), "{engine}");
            let found = store
                .session(&key, &token, now)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("{engine}: the token of person {n} names no session"));
            assert_eq!(found.iin, person(n), "{engine}");
            assert_eq!(found.member, session.member, "{engine}");
            assert!(tokens.insert(token), "{engine}: a token answered twice");
            assert!(members.insert(session.member), "{engine}: a member twice");
        }
        let count = |sql: &'static str| {
            let pool = store.pool().clone();
            async move {
                let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
                n
            }
        };
        assert_eq!(
            count("SELECT CAST(COUNT(*) AS BIGINT) FROM sessions").await,
            i64::from(CROWD),
            "{}",
            db.engine
        );
        assert_eq!(
            count("SELECT CAST(COUNT(*) AS BIGINT) FROM signin_codes").await,
            0,
            "{}: every code is spent",
            db.engine
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_code_asked_again_while_the_crowd_signs_in_replaces_the_first_and_locks_after_five_tries()
{
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        registry(&store).await;
        let key = TokenKey::derive(&[6u8; 32]);
        let now = Timestamp::now();
        let iin = person(7);
        let keep = |code: &'static str| {
            let (store, key) = (store.clone(), key.clone());
            async move {
                store
                    .put_signin_code(
                        &iin,
                        &binding_mac(&key, "one-browser"),
                        &code_mac(&key, &iin, code),
                        now + SignedDuration::from_mins(5),
                    )
                    .await
                    .unwrap();
            }
        };
        keep("111111").await;
        keep("222222").await;
        // Five wrong tries at once, in whatever groups they fall: each is counted once, the
        // fifth locks the code, and after that even the right code is refused.
        let mut tries = JoinSet::new();
        for _ in 0..5 {
            let (store, key) = (store.clone(), key.clone());
            tries.spawn(async move {
                store
                    .redeem_signin_code(&key, &iin, "one-browser", "111111", now)
                    .await
                    .unwrap()
                    .0
            });
        }
        let mut checks = Vec::new();
        while let Some(check) = tries.join_next().await {
            checks.push(check.unwrap());
        }
        checks.sort_by_key(|c| match c {
            CodeCheck::Wrong { tries_left } => 10 - tries_left,
            _ => 100,
        });
        assert_eq!(
            checks,
            vec![
                CodeCheck::Wrong { tries_left: 4 },
                CodeCheck::Wrong { tries_left: 3 },
                CodeCheck::Wrong { tries_left: 2 },
                CodeCheck::Wrong { tries_left: 1 },
                CodeCheck::Locked,
            ],
            "{}",
            db.engine
        );
        let (check, signed_in) = store
            .redeem_signin_code(&key, &iin, "one-browser", "222222", now)
            .await
            .unwrap();
        assert_ne!(check, CodeCheck::Accepted, "{}", db.engine);
        assert!(signed_in.is_none(), "{}", db.engine);
    }
}
