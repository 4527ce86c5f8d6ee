//! `mandat account` and `mandat grant` as an operator runs them, on both engines: secrets printed once and never journaled, grants listed with IINs masked, refusals that say why, and a record that verifies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{Run, example_path, init, mandat};
use mandat_testkit::engines;

fn ok(run: Run, what: &str) -> Run {
    assert_eq!(run.code, 0, "{what}: {}\n{}", run.stderr, run.stdout);
    run
}

/// The value after `label` on its line of `text`.
fn value_after<'a>(text: &'a str, label: &str) -> &'a str {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label:?} in {text}"))
        .trim()
}

#[tokio::test]
async fn an_account_gets_its_secrets_once_and_grants_are_added_listed_and_revoked() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("site.secret");
        init(&db, &secret);
        let staff = example_path("staff.jsonl");
        ok(
            mandat(&db, &secret, &["apply", staff.to_str().unwrap()]),
            "apply",
        );

        let added = ok(
            mandat(
                &db,
                &secret,
                &[
                    "account",
                    "add",
                    "new.org",
                    "--role",
                    "organizer",
                    "--unit",
                    "ALM-AKSU",
                    "--actor",
                    "staff:alm.admin",
                ],
            ),
            "account add",
        );
        assert!(
            added
                .stderr
                .contains("account new.org (organizer of ALM-AKSU) added"),
            "{}",
            added.stderr
        );
        let password = value_after(&added.stdout, "password:").to_owned();
        let uri = value_after(
            &added.stdout,
            "authenticator (otpauth URI, add it to the app):",
        )
        .to_owned();
        assert_eq!(password.len(), 18, "{}", added.stdout);
        assert!(uri.starts_with("otpauth://totp/mandat:new.org?"), "{uri}");
        let totp_secret = uri
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("secret="))
            .unwrap()
            .to_owned();

        let reset = ok(
            mandat(&db, &secret, &["account", "reset", "new.org"]),
            "reset",
        );
        assert_ne!(value_after(&reset.stdout, "password:"), password);

        // Neither the password nor the TOTP secret is in the journal; the actor is.
        let journal = ok(mandat(&db, &secret, &["journal", "export"]), "export").stdout;
        assert!(!journal.contains(&password) && !journal.contains(&totp_secret));
        let added_line = journal
            .lines()
            .find(|l| l.contains("add_account") && l.contains("new.org"))
            .unwrap();
        assert!(
            added_line.contains(r#""actor":"staff:alm.admin""#),
            "{added_line}"
        );

        ok(
            mandat(
                &db,
                &secret,
                &[
                    "grant",
                    "add",
                    "750702410372",
                    "--role",
                    "registration_desk",
                    "--meeting",
                    "ALM-KARATAL-P001.2020",
                    "--actor",
                    "staff:karatal.org",
                ],
            ),
            "grant add",
        );
        let list = ok(mandat(&db, &secret, &["grant", "list"]), "grant list").stdout;
        assert!(
            list.contains("75*********2\tregistration_desk\tmeeting:ALM-KARATAL-P001.2020"),
            "{list}"
        );
        assert!(
            list.contains("68*********4\tsecretary\tmeeting:ALM-AKSU-P001.2020"),
            "{list}"
        );
        assert!(!list.contains("750702410372"), "IINs are masked: {list}");
        let json = ok(
            mandat(
                &db,
                &secret,
                &["grant", "list", "--iin", "750702410372", "--json"],
            ),
            "grant list --json",
        )
        .stdout;
        let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(rows.as_array().unwrap().len(), 1, "{json}");
        assert_eq!(rows[0]["lapsed"], serde_json::Value::Null);

        // Two scopes at once, and a person not in the registry, are refused with the reason.
        let two = mandat(
            &db,
            &secret,
            &[
                "grant",
                "add",
                "750702410372",
                "--role",
                "observer",
                "--unit",
                "ALM",
                "--meeting",
                "ALM-KARATAL-P001.2020",
            ],
        );
        assert_eq!(two.code, 2, "{}", two.stderr);
        let stranger = mandat(
            &db,
            &secret,
            &[
                "grant",
                "add",
                "821123410751",
                "--role",
                "observer",
                "--unit",
                "ALM",
            ],
        );
        assert_ne!(stranger.code, 0);
        assert!(
            stranger.stderr.contains("82*********1"),
            "{}",
            stranger.stderr
        );

        ok(
            mandat(
                &db,
                &secret,
                &[
                    "grant",
                    "revoke",
                    "750702410372",
                    "--role",
                    "registration_desk",
                    "--meeting",
                    "ALM-KARATAL-P001.2020",
                    "--reason",
                    "moved to another desk",
                ],
            ),
            "grant revoke",
        );
        let list = ok(
            mandat(&db, &secret, &["grant", "list", "--iin", "750702410372"]),
            "list",
        )
        .stdout;
        assert!(list.contains("no grants"), "{list}");

        ok(
            mandat(
                &db,
                &secret,
                &["account", "disable", "new.org", "--reason", "left"],
            ),
            "disable",
        );
        let refused = mandat(&db, &secret, &["account", "reset", "new.org"]);
        assert_ne!(refused.code, 0);
        assert!(refused.stderr.contains("disabled"), "{}", refused.stderr);

        ok(mandat(&db, &secret, &["verify"]), "verify");
    }
}
