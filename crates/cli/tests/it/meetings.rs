//! The conference ladder as a user runs it: apply the example conference, print minutes and cards,
//! check in by QR code, read the progress, verify — on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::Code;
use mandat_core::meeting::card::card_payload;

use crate::common::{Run, example_text, mandat, pdftotext};
use mandat_testkit::engines;
use std::path::PathBuf;

fn ok(run: Run, what: &str) -> Run {
    assert_eq!(run.code, 0, "{what}: {}\n{}", run.stderr, run.stdout);
    run
}

fn example() -> String {
    example_text("conference.jsonl")
}

/// The example's lines, and the code of its branch conference (the meeting of a district or city unit).
fn conference_code(lines: &str) -> String {
    let units: Vec<serde_json::Value> = lines
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let branch_units: Vec<&str> = units
        .iter()
        .filter(|c| c["cmd"] == "create_unit" && (c["kind"] == "district" || c["kind"] == "city"))
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    units
        .iter()
        .find(|c| {
            c["cmd"] == "convene_meeting" && branch_units.contains(&c["unit"].as_str().unwrap())
        })
        .map(|c| c["code"].as_str().unwrap().to_string())
        .expect("the example convenes a branch conference")
}

#[tokio::test]
async fn the_example_conference_runs_from_start_to_minutes_and_verifies() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("site.secret");
        let file = dir.path().join("conference.jsonl");
        let lines = example();
        std::fs::write(&file, &lines).unwrap();
        ok(
            mandat(&db, &secret, &["apply", file.to_str().unwrap()]),
            "apply",
        );
        let conference = conference_code(&lines);

        for lang in ["ru", "kk", "en"] {
            let pdf: PathBuf = dir.path().join(format!("minutes-{lang}.pdf"));
            ok(
                mandat(
                    &db,
                    &secret,
                    &[
                        "minutes",
                        &conference,
                        "--lang",
                        lang,
                        "--out",
                        pdf.to_str().unwrap(),
                    ],
                ),
                "minutes",
            );
            let text = pdftotext(&pdf);
            let head = ok(mandat(&db, &secret, &["journal", "head"]), "head");
            let seq = head.stdout.trim().split(':').next().unwrap().to_string();
            // The closing entry is the last one of the example: the anchor is the head.
            assert!(text.contains(&seq), "{lang}: the anchor is printed\n{text}");
            // The protocol's number, who spoke on the item and what was resolved (rules version 2).
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let (title, heard, resolved) = match lang {
                "ru" => ("ПРОТОКОЛ № 3", "СЛУШАЛИ:", "ПОСТАНОВИЛИ:"),
                "kk" => ("ХАТТАМА № 3", "ТЫҢДАЛДЫ:", "ҚАУЛЫ ЕТТІ:"),
                _ => ("MINUTES No. 3", "HEARD:", "RESOLVED:"),
            };
            assert!(
                flat.contains(title)
                    && flat.contains(heard)
                    && flat.contains(resolved)
                    && flat.contains("Абдрахманов Талгат Серикович (делегат от ППО села Алтынемель): в поддержку проекта решения"),
                "{lang}: {flat}"
            );
            if lang == "kk" {
                for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
                    assert!(text.contains(letter), "kk minutes lack {letter}\n{text}");
                }
            }
        }
        let html = dir.path().join("minutes.html");
        ok(
            mandat(
                &db,
                &secret,
                &[
                    "minutes",
                    &conference,
                    "--lang",
                    "kk",
                    "--out",
                    html.to_str().unwrap(),
                ],
            ),
            "html minutes",
        );
        assert!(std::fs::read_to_string(&html).unwrap().contains("<html"));

        // The text report names the kinds of meeting in words, up the ladder.
        let words = ok(mandat(&db, &secret, &["--lang", "ru", "status"]), "status").stdout;
        let ppo = words.find("собрания ППО").expect("PPO meetings named");
        let branches = words
            .find("конференции районных")
            .expect("conferences named");
        assert!(ppo < branches && !words.contains("ppo_meeting"), "{words}");

        let status = ok(mandat(&db, &secret, &["status", "--json"]), "status");
        let progress: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
        assert!(
            progress["meetings"]["branch_conference"]["held"]
                .as_u64()
                .unwrap()
                >= 1,
            "{progress}"
        );
        assert!(
            progress["meetings"]["ppo_meeting"]["held"]
                .as_u64()
                .unwrap()
                >= 1,
            "{progress}"
        );

        let cards = dir.path().join("cards.pdf");
        crate::common::init(&db, &secret);
        ok(
            mandat(
                &db,
                &secret,
                &["mandates", &conference, "--out", cards.to_str().unwrap()],
            ),
            "cards",
        );
        assert!(pdftotext(&cards).contains("1"));

        ok(mandat(&db, &secret, &["verify"]), "verify");
    }
}

#[tokio::test]
async fn a_reissued_card_is_refused_at_the_desk_and_a_forged_one_too() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("site.secret");
        let lines = example();
        let conference = conference_code(&lines);
        // Stop the example right after the conference opened registration.
        let marker = format!(r#""meeting":"{conference}""#);
        let mut upto = Vec::new();
        for line in lines.lines() {
            upto.push(line);
            if line.contains(r#""cmd":"open_registration""#) && line.contains(&marker) {
                break;
            }
        }
        let file = dir.path().join("part.jsonl");
        std::fs::write(&file, upto.join("\n")).unwrap();
        ok(
            mandat(&db, &secret, &["apply", file.to_str().unwrap()]),
            "apply",
        );

        // The operator made the secret with `mandat init` before printing the cards.
        crate::common::init(&db, &secret);
        let cards = dir.path().join("cards.pdf");
        ok(
            mandat(
                &db,
                &secret,
                &["mandates", &conference, "--out", cards.to_str().unwrap()],
            ),
            "cards",
        );
        let key = std::fs::read(&secret).unwrap();
        let meeting = Code::parse(&conference).unwrap();
        let first = card_payload(&key, &meeting, 1, 1);

        let reissue = dir.path().join("reissue.jsonl");
        std::fs::write(
            &reissue,
            format!(
                r#"{{"cmd":"reissue_card","actor":"desk","held_at":"{}","meeting":"{conference}","mandate":1,"reason":"lost"}}"#,
                held_at_of(upto.last().unwrap())
            ),
        )
        .unwrap();
        ok(
            mandat(&db, &secret, &["apply", reissue.to_str().unwrap()]),
            "reissue",
        );
        // The held_at of a desk check-in is now; the example's meeting is in 2020, and that is fine:
        // check-in has no calendar rule, only the meeting's status.
        let old = mandat(&db, &secret, &["check-in", &conference, "--qr", &first]);
        assert_eq!(old.code, 2, "{}", old.stderr);
        assert!(
            old.stderr.contains("was reissued and no longer works"),
            "{}",
            old.stderr
        );
        let forged = mandat(
            &db,
            &secret,
            &[
                "check-in",
                &conference,
                "--qr",
                &first.replace(":1:1:", ":2:1:"),
            ],
        );
        assert_eq!(forged.code, 2);
        assert!(
            forged.stderr.contains("not issued by this system"),
            "{}",
            forged.stderr
        );
        let fresh = card_payload(&key, &meeting, 1, 2);
        ok(
            mandat(&db, &secret, &["check-in", &conference, "--qr", &fresh]),
            "check-in with the new card",
        );
        let twice = mandat(&db, &secret, &["check-in", &conference, "--qr", &fresh]);
        assert_eq!(twice.code, 2);
        assert!(
            twice.stderr.contains("already checked in"),
            "{}",
            twice.stderr
        );
    }
}

fn held_at_of(line: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    v["held_at"].as_str().unwrap().to_string()
}
