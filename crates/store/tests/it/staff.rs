//! Staff accounts and grants on both engines: journaled facts that replay and verify, secrets and sessions that stay operational, a TOTP step that signs in once, sessions that end, and a command checked inside its own transaction.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_core::authz::{Principal, Signed, authorize};
use mandat_core::staff::{GrantScope, GrantedRole, Login};
use mandat_core::token::TokenKey;
use mandat_core::{Code, Envelope, Iin};
use mandat_store::{Pending, SignInFailure, Store};
use mandat_testkit::{apply_example, engines};
use sqlx::AssertSqlSafe;

fn login(text: &str) -> Login {
    Login::parse(text).unwrap()
}

fn key() -> TokenKey {
    TokenKey::derive(&[7u8; 32])
}

async fn exec(store: &Store, sql: &str) {
    sqlx::query(AssertSqlSafe(sql.to_string()))
        .execute(store.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[tokio::test]
async fn accounts_and_grants_are_record_that_replays_and_their_secrets_are_not() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_example(&store, "staff.jsonl").await;
        let record = store.read_snapshot().await.unwrap();
        let aksu = &record.accounts[&login("aksu.org")];
        assert_eq!(aksu.unit.as_str(), "ALM-AKSU", "{}", db.engine);
        assert!(record.accounts[&login("former.org")].disabled);
        let grants: Vec<String> = record
            .grants
            .values()
            .map(|g| format!("{} {} {}", g.iin.masked(), g.role.as_str(), g.scope))
            .collect();
        assert_eq!(
            grants,
            ["68*********4 secretary meeting:ALM-AKSU-P001.2020"],
            "the revoked observer is gone ({})",
            db.engine
        );
        // Secrets and sessions are operational: verify passes with them and ignores them.
        let now = Timestamp::now();
        store
            .set_staff_credentials(&login("aksu.org"), "$argon2id$x", "ab", "cd", now)
            .await
            .unwrap();
        store
            .start_staff_session(&key(), &login("aksu.org"), 1, 10, now, now)
            .await
            .unwrap()
            .unwrap();
        let report = store.verify(&[]).await.unwrap();
        assert!(
            report
                .tables
                .iter()
                .any(|(t, rows)| t == "grants" && *rows == 1),
            "{}: {report:?}",
            db.engine
        );
        // A grant added behind the journal's back is caught and named.
        exec(
            &store,
            "INSERT INTO grants (iin, role, scope, granted_seq) VALUES ('750702410372', 'secretary', 'meeting:ALM-KARATAL-P001.2020', 3)",
        )
        .await;
        let failed = store.verify(&[]).await.unwrap_err().to_string();
        assert!(failed.contains("grants"), "{}: {failed}", db.engine);
        store.close().await;
    }
}

#[tokio::test]
async fn a_disabled_account_and_an_account_not_in_the_record_get_no_secrets() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_example(&store, "staff.jsonl").await;
        let now = Timestamp::now();
        for (who, code) in [("former.org", "account_disabled"), ("nobody", "no_account")] {
            let err = store
                .set_staff_credentials(&login(who), "h", "s", "n", now)
                .await
                .unwrap_err();
            match err {
                mandat_store::StoreError::Rule(rule) => {
                    assert_eq!(rule.code(), code, "{}", db.engine)
                }
                other => panic!("{}: {other}", db.engine),
            }
        }
        store.close().await;
    }
}

#[tokio::test]
async fn a_totp_step_signs_in_once_and_failures_lock_the_account() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_example(&store, "staff.jsonl").await;
        let who = login("karatal.org");
        let now = Timestamp::now();
        let window = now - SignedDuration::from_mins(15);
        store
            .set_staff_credentials(&who, "h", "s", "n", now)
            .await
            .unwrap();
        let (token, session) = store
            .start_staff_session(&key(), &who, 100, 10, window, now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(session.login, who);
        assert_eq!(
            store
                .start_staff_session(&key(), &who, 100, 10, window, now)
                .await
                .unwrap()
                .unwrap_err(),
            SignInFailure::StepUsed,
            "{}: the same code twice",
            db.engine
        );
        for _ in 0..10 {
            store.staff_failure(&who, window, now).await.unwrap();
        }
        let counted = store.staff_credentials(&who).await.unwrap().unwrap();
        assert_eq!(counted.failures, 10, "{}", db.engine);
        assert_eq!(
            store
                .start_staff_session(&key(), &who, 101, 10, window, now)
                .await
                .unwrap()
                .unwrap_err(),
            SignInFailure::Locked,
            "{}: locked after ten failures",
            db.engine
        );
        // Fifteen minutes on, the window has passed.
        let later = now + SignedDuration::from_mins(16);
        assert!(
            store
                .start_staff_session(
                    &key(),
                    &who,
                    101,
                    10,
                    later - SignedDuration::from_mins(15),
                    later
                )
                .await
                .unwrap()
                .is_ok(),
            "{}",
            db.engine
        );
        // The first session still lives; a reset of the secrets ends it.
        assert!(
            store
                .staff_session(&key(), &token, now + SignedDuration::from_mins(1))
                .await
                .unwrap()
                .is_some()
        );
        store
            .set_staff_credentials(&who, "h2", "s2", "n2", now)
            .await
            .unwrap();
        assert!(
            store
                .staff_session(&key(), &token, now + SignedDuration::from_mins(2))
                .await
                .unwrap()
                .is_none(),
            "{}: a reset ends the sessions",
            db.engine
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_staff_session_ends_when_idle_after_twelve_hours_on_sign_out_and_with_its_account() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_example(&store, "staff.jsonl").await;
        let who = login("aksu.org");
        let t0 = Timestamp::now();
        store
            .set_staff_credentials(&who, "h", "s", "n", t0)
            .await
            .unwrap();
        let mut step = 0;
        let mut sign_in = async |at: Timestamp| {
            step += 1;
            store
                .start_staff_session(&key(), &who, step, 10, at, at)
                .await
                .unwrap()
                .unwrap()
                .0
        };
        // Idle: 29 minutes between requests keep it; 31 end it.
        let idle = sign_in(t0).await;
        let mut at = t0;
        for _ in 0..3 {
            at += SignedDuration::from_mins(29);
            assert!(
                store
                    .staff_session(&key(), &idle, at)
                    .await
                    .unwrap()
                    .is_some()
            );
        }
        assert!(
            store
                .staff_session(&key(), &idle, at + SignedDuration::from_mins(31))
                .await
                .unwrap()
                .is_none(),
            "{}: idle",
            db.engine
        );
        // Absolute: busy for twelve hours, then over.
        let busy = sign_in(t0).await;
        let mut at = t0;
        while at < t0 + SignedDuration::from_hours(12) - SignedDuration::from_mins(20) {
            at += SignedDuration::from_mins(20);
            assert!(
                store
                    .staff_session(&key(), &busy, at)
                    .await
                    .unwrap()
                    .is_some()
            );
        }
        at += SignedDuration::from_mins(20);
        assert!(
            store
                .staff_session(&key(), &busy, at)
                .await
                .unwrap()
                .is_none(),
            "{}: absolute",
            db.engine
        );
        // Sign-out.
        let out = sign_in(t0).await;
        store.end_staff_session(&key(), &out).await.unwrap();
        assert!(
            store
                .staff_session(&key(), &out, t0)
                .await
                .unwrap()
                .is_none()
        );
        // Disabling the account ends its sessions at their next use.
        let live = sign_in(t0).await;
        let disable = Envelope::parse(
            r#"{"cmd":"disable_account","actor":"staff:alm.admin","held_at":"2020-11-06T09:00:00+06:00","login":"aksu.org","reason":"left"}"#,
        )
        .unwrap();
        store
            .submit(Pending::new(disable, t0.as_millisecond()))
            .await
            .unwrap();
        assert!(
            store
                .staff_session(&key(), &live, t0)
                .await
                .unwrap()
                .is_none(),
            "{}: disabled",
            db.engine
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_command_checked_by_the_policy_is_recorded_with_its_actor_or_not_at_all() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_example(&store, "staff.jsonl").await;
        let check = |signed: Signed| {
            move |record: &mandat_core::Snapshot, command: &mandat_core::Command| {
                let principal = Principal::of(&signed, record).expect("an account");
                let authority = authorize(&principal, command, record)?;
                Ok::<_, mandat_core::authz::Denied>(Pending::new(
                    Envelope {
                        actor: authority.actor,
                        held_at: "2020-11-07T08:30:00+06:00".parse().unwrap(),
                        command: command.clone(),
                    },
                    Timestamp::now().as_millisecond(),
                ))
            }
        };
        let open = |meeting: &str| {
            Envelope::parse(&format!(
                r#"{{"cmd":"open_registration","actor":"-","held_at":"2020-11-07T08:30:00+06:00","meeting":"{meeting}"}}"#
            ))
            .unwrap()
            .command
        };
        let head = store.head().await.unwrap();
        // The Karatal organizer may not touch Aksu's meeting: nothing is recorded.
        let refused = store
            .submit_checked(
                open("ALM-AKSU-P001.2020"),
                check(Signed::Staff(login("karatal.org"))),
            )
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(refused.code(), "outside_scope", "{}", db.engine);
        assert_eq!(store.head().await.unwrap(), head, "{}", db.engine);
        // The secretary of that meeting may; the journal names the grant, not the IIN.
        let secretary = Iin::parse("680314310004").unwrap();
        store
            .submit_checked(open("ALM-AKSU-P001.2020"), check(Signed::Person(secretary)))
            .await
            .unwrap()
            .unwrap();
        let mut actors = Vec::new();
        store
            .each_entry(|entry| {
                actors.push(entry.actor.clone());
                Ok(())
            })
            .await
            .unwrap();
        let last = actors.last().unwrap();
        assert!(
            last.starts_with("person:68*********4/grant:"),
            "{}: {last}",
            db.engine
        );
        assert!(!last.contains("680314310004"));
        let record = store.read_snapshot().await.unwrap();
        let grant = record
            .grants
            .values()
            .find(|g| g.role == GrantedRole::Secretary)
            .unwrap();
        assert_eq!(
            grant.scope,
            GrantScope::Meeting(Code::parse("ALM-AKSU-P001.2020").unwrap())
        );
        assert_eq!(
            last,
            &format!("person:68*********4/grant:{}", grant.granted_seq)
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_meeting_grant_lapses_when_the_meeting_fails_and_a_revoked_grant_allows_nothing() {
    for db in engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply_example(&store, "staff.jsonl").await;
        let secretary = Iin::parse("680314310004").unwrap();
        let as_secretary = |line: &str| {
            let envelope = Envelope::parse(line).unwrap();
            let held_at = envelope.held_at;
            (
                envelope.command,
                move |record: &mandat_core::Snapshot, command: &mandat_core::Command| {
                    let principal = Principal::of(&Signed::Person(secretary), record).unwrap();
                    let authority = authorize(&principal, command, record)?;
                    Ok::<_, mandat_core::authz::Denied>(Pending::new(
                        Envelope {
                            actor: authority.actor,
                            held_at,
                            command: command.clone(),
                        },
                        Timestamp::now().as_millisecond(),
                    ))
                },
            )
        };
        let steps = [
            r#"{"cmd":"open_registration","actor":"-","held_at":"2020-11-07T09:00:00+06:00","meeting":"ALM-AKSU-P001.2020"}"#,
            r#"{"cmd":"fail_meeting","actor":"-","held_at":"2020-11-07T11:30:00+06:00","meeting":"ALM-AKSU-P001.2020","cause":"other","reason":"the hall was flooded"}"#,
        ];
        for line in steps {
            let (command, check) = as_secretary(line);
            store
                .submit_checked(command, check)
                .await
                .unwrap()
                .unwrap_or_else(|d| panic!("{}: {line}: {d}", db.engine));
        }
        // The meeting failed: the grant has lapsed, by the rule, with no command.
        let (command, check) = as_secretary(
            r#"{"cmd":"open_registration","actor":"-","held_at":"2020-11-07T12:00:00+06:00","meeting":"ALM-AKSU-P001.2020"}"#,
        );
        let lapsed = store
            .submit_checked(command, check)
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(
            lapsed,
            mandat_core::authz::Denied::GrantLapsed {
                scope: "meeting:ALM-AKSU-P001.2020".into(),
                status: "failed",
            },
            "{}",
            db.engine
        );
        // Nor can a new grant be made for it.
        let late = Envelope::parse(
            r#"{"cmd":"grant_role","actor":"staff:aksu.org","held_at":"2020-11-07T12:00:00+06:00","role":"registration_desk","iin":"680314310004","meeting":"ALM-AKSU-P001.2020"}"#,
        )
        .unwrap();
        let refused = store
            .submit(Pending::new(late, Timestamp::now().as_millisecond()))
            .await
            .unwrap_err();
        assert!(
            matches!(&refused, mandat_store::StoreError::Rule(r) if r.code() == "grant_scope_ended"),
            "{}: {refused}",
            db.engine
        );
        // Revoked, the grant allows nothing at the other meeting either.
        let revoke = Envelope::parse(
            r#"{"cmd":"revoke_grant","actor":"staff:aksu.org","held_at":"2020-11-07T12:00:00+06:00","role":"secretary","iin":"680314310004","meeting":"ALM-AKSU-P001.2020","reason":"the meeting is over"}"#,
        )
        .unwrap();
        store
            .submit(Pending::new(revoke, Timestamp::now().as_millisecond()))
            .await
            .unwrap();
        let (command, check) = as_secretary(
            r#"{"cmd":"open_registration","actor":"-","held_at":"2020-11-07T12:00:00+06:00","meeting":"ALM-KARATAL-P001.2020"}"#,
        );
        assert_eq!(
            store
                .submit_checked(command, check)
                .await
                .unwrap()
                .unwrap_err()
                .code(),
            "no_grant_for",
            "{}",
            db.engine
        );
        store.verify(&[]).await.unwrap();
        store.close().await;
    }
}
