//! The primaries example (docs/examples/primaries.jsonl) stays current and runs: its ballot-box
//! lines are recomputed here from fixed test values, and the file, applied after the registry
//! example, is accepted and verifies — on both engines.
//!
//! The lines the ballot box writes by itself (`record_ballots`, `publish_checkpoint`,
//! `seal_ballots`) hold hashes that must agree with one another: every sealed ballot hashes to a
//! committed leaf, the checkpoint carries the Merkle root over the leaves committed so far and a
//! signature. `mandat apply` refuses them; the tests replay them through the box's own path. They cannot be typed by hand, so this file generates them. When the example
//! changes, run
//!
//! ```sh
//! MANDAT_WRITE_EXAMPLE=1 cargo test -p mandat --test it primaries_example::the_primaries_example_is_current
//! ```
//!
//! which prints the generated lines and writes them over the file's ballot-box lines, in order.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use mandat_core::ballot::{self, BallotContent, Checkpoint, Hash32, ServerKey};
use mandat_core::command::{PublishCheckpoint, RecordBallots, SealBallots};
use mandat_core::poll::{CandidacyStatus, PollStatus, SealedBallot};
use mandat_core::{Code, Envelope, Iin};
use mandat_testkit::{TestDb, engines};
use std::path::{Path, PathBuf};

const POLL: &str = "ALM-AKSU-primary-2020";
/// The actor of every line the ballot box writes.
const BOX_ACTOR: &str = "ballot-box";
/// The seed of the example's checkpoint key: a published TEST key, never a real one.
const CHECKPOINT_KEY_SEED: &[u8; 32] = b"mandat example checkpoint key 01";
/// When the box is sealed into the journal (after the close and the stations' returns).
const SEALED_AT: &str = "2020-10-03T16:00:00+06:00";
/// The commands the ballot box writes, whose lines this file generates.
const BOX_COMMANDS: [&str; 3] = ["record_ballots", "publish_checkpoint", "seal_ballots"];

/// One electronic ballot with fixed values where the box draws random ones: the server nonce is
/// 32 bytes of `server_nonce`, the opening 32 bytes of `opening`.
struct TestBallot {
    /// What the voter's browser drew; `None`: a browser without JavaScript.
    device_nonce: Option<&'static str>,
    server_nonce: u8,
    opening: u8,
    /// The option chosen; `None`: a blank ballot.
    choice: Option<&'static str>,
}

/// One batch the box commits: who voted (in any order here: the box sorts them), their ballots
/// (not in the voters' order: nothing links the two).
struct TestBatch {
    held_at: &'static str,
    voters: &'static [&'static str],
    ballots: &'static [TestBallot],
}

const BATCHES: &[TestBatch] = &[
    TestBatch {
        held_at: "2020-10-01T10:00:00+06:00",
        // Байсеитов, Абенова, Досанов.
        voters: &["780412321013", "730125421060", "901203321077"],
        ballots: &[
            TestBallot {
                device_nonce: Some("device nonce 1"),
                server_nonce: 0x41,
                opening: 0x81,
                choice: Some("baiseitov"),
            },
            TestBallot {
                device_nonce: Some("device nonce 2"),
                server_nonce: 0x42,
                opening: 0x82,
                choice: Some("zhaksylykova"),
            },
            TestBallot {
                device_nonce: None,
                server_nonce: 0x43,
                opening: 0x83,
                choice: Some("baiseitov"),
            },
        ],
    },
    TestBatch {
        held_at: "2020-10-01T16:00:00+06:00",
        // Оспанов, Жаксылыкова.
        voters: &["950207321035", "860923421025"],
        ballots: &[
            TestBallot {
                device_nonce: Some("device nonce 4"),
                server_nonce: 0x44,
                opening: 0x84,
                choice: Some("ospanov"),
            },
            TestBallot {
                device_nonce: Some("device nonce 5"),
                server_nonce: 0x45,
                opening: 0x85,
                choice: None,
            },
        ],
    },
];

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/primaries.jsonl")
}

fn registry_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/examples/registry.jsonl")
}

fn poll() -> Code {
    Code::parse(POLL).unwrap()
}

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

fn sealed(b: &TestBallot) -> SealedBallot {
    let content = BallotContent(
        b.choice
            .map(|c| vec![vec![c.to_string()]])
            .unwrap_or_default(),
    );
    SealedBallot {
        tracker: ballot::tracker(
            &poll(),
            b.device_nonce.map(str::as_bytes),
            &[b.server_nonce; 32],
        ),
        content,
        opening: Hash32([b.opening; 32]),
    }
}

fn leaf_of(b: &SealedBallot) -> Hash32 {
    ballot::leaf(
        &b.tracker,
        &ballot::ballot_hash(&poll(), &b.tracker, &b.content, &b.opening),
    )
}

/// The example's ballot-box lines, in the order they appear in it: each batch's voters as they
/// vote (their leaves held back), then at the seal the final checkpoint committing every leaf,
/// then the sealed box.
fn generated_lines() -> Vec<String> {
    let key = ServerKey::from_seed(CHECKPOINT_KEY_SEED);
    let mut lines = Vec::new();
    let mut voted = 0u64;
    let mut all = Vec::new();
    for batch in BATCHES {
        let mut voters: Vec<Iin> = batch.voters.iter().map(|v| v.parse().unwrap()).collect();
        voters.sort();
        lines.push(format!(
            r#"{{"cmd":"record_ballots","actor":"{BOX_ACTOR}","held_at":"{}","poll":"{POLL}","voters":{}}}"#,
            batch.held_at,
            json(&voters),
        ));
        voted += voters.len() as u64;
        all.extend(batch.ballots.iter().map(sealed));
    }
    let leaves = ballot::sorted_leaves(all.iter().map(leaf_of));
    let checkpoint = Checkpoint::sign(
        &key,
        poll(),
        at(SEALED_AT),
        voted,
        leaves.len() as u64,
        ballot::merkle_root(&leaves),
    );
    lines.push(format!(
        r#"{{"cmd":"publish_checkpoint","actor":"{BOX_ACTOR}","held_at":"{SEALED_AT}","checkpoint":{},"leaves":{}}}"#,
        json(&checkpoint),
        json(&leaves)
    ));
    all.sort_by_key(|b| b.tracker);
    lines.push(format!(
        r#"{{"cmd":"seal_ballots","actor":"{BOX_ACTOR}","held_at":"{SEALED_AT}","poll":"{POLL}","ballots":{}}}"#,
        json(&all)
    ));
    lines
}

/// The indices of the file's ballot-box lines.
fn box_line_indices(lines: &[&str]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|(_, l)| {
            let value: serde_json::Value = serde_json::from_str(l).unwrap();
            BOX_COMMANDS.iter().any(|c| value["cmd"] == *c)
        })
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn the_primaries_example_is_current() {
    let generated = generated_lines();

    // The generated values hold together as the rules and a verifier check them.
    let key = ServerKey::from_seed(CHECKPOINT_KEY_SEED);
    let mut recorded = Vec::new();
    for line in &generated {
        let envelope = Envelope::parse(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(envelope.actor, BOX_ACTOR);
        match envelope.command {
            mandat_core::Command::RecordBallots(RecordBallots { voters, leaves, .. }) => {
                assert!(
                    leaves.is_empty(),
                    "leaves are held back, never beside voters"
                );
                assert!(voters.windows(2).all(|w| w[0] < w[1]), "voters sorted");
            }
            mandat_core::Command::PublishCheckpoint(PublishCheckpoint { checkpoint, leaves }) => {
                assert!(checkpoint.verify(&key.public_hex()), "signature");
                assert!(leaves.windows(2).all(|w| w[0] < w[1]), "leaves sorted");
                recorded.extend(leaves);
                let so_far = ballot::sorted_leaves(recorded.iter().copied());
                assert_eq!(checkpoint.voters, checkpoint.ballots);
                assert_eq!(checkpoint.ballots, so_far.len() as u64);
                assert_eq!(checkpoint.root, ballot::merkle_root(&so_far));
            }
            mandat_core::Command::SealBallots(SealBallots { ballots, .. }) => {
                assert_eq!(ballots.len(), recorded.len(), "every ballot is sealed");
                assert!(ballots.windows(2).all(|w| w[0].tracker < w[1].tracker));
                for b in &ballots {
                    assert!(
                        recorded.contains(&leaf_of(b)),
                        "a sealed ballot was recorded"
                    );
                }
            }
            other => panic!("unexpected {}", other.name()),
        }
    }

    let path = example_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let indices = box_line_indices(&lines);

    if std::env::var("MANDAT_WRITE_EXAMPLE").as_deref() == Ok("1") {
        for line in &generated {
            println!("{line}");
        }
        assert_eq!(
            indices.len(),
            generated.len(),
            "the example has {} ballot-box lines and the generator makes {}: make room for the lines printed above (in this order), then run again",
            indices.len(),
            generated.len()
        );
        let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        for (index, line) in indices.iter().zip(&generated) {
            out[*index] = line.clone();
        }
        std::fs::write(&path, out.join("\n") + "\n").unwrap();
        eprintln!("{}: ballot-box lines written", path.display());
        return;
    }

    assert_eq!(
        indices.len(),
        generated.len(),
        "docs/examples/primaries.jsonl has {} ballot-box lines, the generator makes {}: run with MANDAT_WRITE_EXAMPLE=1",
        indices.len(),
        generated.len()
    );
    for (index, expected) in indices.iter().zip(&generated) {
        assert_eq!(
            lines[*index],
            expected.as_str(),
            "docs/examples/primaries.jsonl line {} is not what the ballot box would write; run with MANDAT_WRITE_EXAMPLE=1 to rewrite it",
            index + 1
        );
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn mandat(db: &TestDb, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mandat"))
        .arg("--db")
        .arg(&db.url)
        .args(args)
        .env("MANDAT_LOG", "warn")
        .env("MANDAT_LANG", "en")
        // Never the default ./mandat.secret: tests must not leave a site secret in the tree.
        .env(
            "MANDAT_SECRET_FILE",
            std::env::temp_dir().join(format!("mandat-test-{}.secret", std::process::id())),
        )
        .env(
            "MANDAT_SIGNING_KEY_FILE",
            std::env::temp_dir().join(format!("mandat-test-{}.signing.key", std::process::id())),
        )
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(db: &TestDb, run: Run, what: &str) -> Run {
    assert_eq!(
        run.code, 0,
        "{} / {what}: {}\n{}",
        db.engine, run.stderr, run.stdout
    );
    run
}

fn commands_in(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .count()
}

/// Applies an example as it happened: the people's lines with `mandat apply` (which refuses the
/// ballot box's), the box's lines through the box's own path, in file order.
async fn apply_with_the_box(db: &TestDb, example: &Path, dir: &Path) {
    let text = std::fs::read_to_string(example).unwrap();
    let mut people: Vec<&str> = Vec::new();
    let mut part = 0;
    let flush = |people: &mut Vec<&str>, part: &mut usize| {
        if people.is_empty() {
            return;
        }
        *part += 1;
        let file = dir.join(format!("part-{part}.jsonl"));
        std::fs::write(&file, people.join("\n")).unwrap();
        ok(db, mandat(db, &["apply", file.to_str().unwrap()]), "apply");
        people.clear();
    };
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let envelope = Envelope::parse(line).unwrap();
        if envelope.command.ballot_box_only() {
            flush(&mut people, &mut part);
            let store = mandat_store::Store::open(&db.url).await.unwrap();
            let recorded_at = envelope.held_at.as_millisecond();
            store
                .submit(mandat_store::Pending::from_ballot_box(
                    envelope,
                    recorded_at,
                ))
                .await
                .unwrap_or_else(|e| panic!("{}: {line}: {e}", db.engine));
            store.close().await;
        } else {
            people.push(line);
        }
    }
    flush(&mut people, &mut part);
}

#[tokio::test]
async fn apply_refuses_what_only_the_ballot_box_writes() {
    let example = std::fs::read_to_string(example_path()).unwrap();
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        ok(
            &db,
            mandat(&db, &["apply", registry_path().to_str().unwrap()]),
            "apply registry",
        );
        // The example's own box lines, and a checkpoint signed with zeros, each typed into apply.
        let forged_checkpoint = example
            .lines()
            .find(|l| l.contains(r#""cmd":"publish_checkpoint""#))
            .unwrap()
            .replace(r#""signature":""#, r#""signature":"00"#);
        for (name, line) in [
            (
                "record_ballots",
                example
                    .lines()
                    .find(|l| l.contains(r#""cmd":"record_ballots""#))
                    .unwrap()
                    .to_string(),
            ),
            ("publish_checkpoint", forged_checkpoint),
            (
                "seal_ballots",
                example
                    .lines()
                    .find(|l| l.contains(r#""cmd":"seal_ballots""#))
                    .unwrap()
                    .to_string(),
            ),
        ] {
            let file = dir.path().join(format!("{name}.jsonl"));
            std::fs::write(&file, &line).unwrap();
            let run = mandat(&db, &["apply", file.to_str().unwrap()]);
            assert_eq!(run.code, 2, "{} / {name}: {}", db.engine, run.stderr);
            assert!(
                run.stderr
                    .contains(&format!("{name} is written by the ballot box alone")),
                "{}",
                run.stderr
            );
        }
    }
}

#[tokio::test]
async fn the_primaries_example_applies_after_the_registry_and_verifies() {
    let registry = registry_path();
    let example = example_path();
    let expected_entries = commands_in(&registry) + commands_in(&example);
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        ok(
            &db,
            mandat(&db, &["apply", registry.to_str().unwrap()]),
            "apply registry",
        );
        apply_with_the_box(&db, &example, dir.path()).await;
        let verify = ok(&db, mandat(&db, &["verify"]), "verify");
        assert!(verify.stdout.contains("verify: OK"), "{}", verify.stdout);
        let public = ServerKey::from_seed(CHECKPOINT_KEY_SEED).public_hex();
        let signed = ok(
            &db,
            mandat(&db, &["verify", "--public-key", &public]),
            "verify --public-key",
        );
        assert!(
            signed
                .stdout
                .contains("1 checkpoint signatures of 1 polls valid"),
            "{}",
            signed.stdout
        );

        // The journal as anyone holding an export reads it.
        let out = dir.path().join("journal.jsonl");
        ok(
            &db,
            mandat(&db, &["journal", "export", "--out", out.to_str().unwrap()]),
            "journal export",
        );
        let entries: Vec<serde_json::Value> = std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(entries.len(), expected_entries, "{}", db.engine);
        let commands: Vec<serde_json::Value> = entries
            .iter()
            .map(|e| serde_json::from_str(e["command"].as_str().unwrap()).unwrap())
            .collect();
        let last = commands.last().unwrap();
        assert_eq!(last["cmd"], "count_poll");
        assert_eq!(last["poll"], POLL);
        for (entry, command) in entries.iter().zip(&commands) {
            if command["cmd"] == "record_ballots" {
                assert_eq!(entry["actor"], BOX_ACTOR);
                // Who voted; never what was voted, nor the leaves (held back until the close).
                let keys: Vec<&String> = command.as_object().unwrap().keys().collect();
                for key in keys {
                    assert!(
                        ["cmd", "actor", "held_at", "poll", "voters"].contains(&key.as_str()),
                        "record_ballots carries {key}"
                    );
                }
            }
        }

        // The record as mandat reads it back.
        let store = mandat_store::Store::open(&db.url).await.unwrap();
        let snapshot = store.read_snapshot().await.unwrap();
        let p = snapshot.polls.get(&poll()).unwrap();
        assert_eq!(p.status, PollStatus::Counted, "{}", db.engine);
        assert_eq!(p.roll_size, 8);
        let actions: Vec<&str> = p.events.iter().map(|e| e.action.as_str()).collect();
        for action in [
            "created", "opened", "paused", "resumed", "closed", "reopened", "counted",
        ] {
            assert!(actions.contains(&action), "{action} in {actions:?}");
        }
        assert!(actions.iter().any(|a| a.starts_with("extended to")));
        let statuses: Vec<CandidacyStatus> =
            snapshot.candidacies.values().map(|c| c.status).collect();
        for (status, n) in [
            (CandidacyStatus::Registered, 3),
            (CandidacyStatus::Refused, 1),
            (CandidacyStatus::Withdrawn, 1),
        ] {
            assert_eq!(
                statuses.iter().filter(|s| **s == status).count(),
                n,
                "{status:?}"
            );
        }

        // Every poll table holds what the example put in it, equal to the replay of the journal.
        let report = store.verify(&[]).await.unwrap();
        let rows = |table: &str| {
            report
                .tables
                .iter()
                .find(|(name, _)| name == table)
                .map(|(_, n)| *n)
                .unwrap_or_else(|| panic!("verify does not compare {table}"))
        };
        for (table, n) in [
            ("eligibility", 1),
            ("candidacies", 5),
            ("debates", 1),
            ("polls", 1),
            ("poll_roll", 8),
            ("poll_leaves", 5),
            ("ballot_box", 5),
            ("poll_checkpoints", 1),
            ("station_returns", 2),
            ("station_conflicts", 1),
            ("poll_results", 1),
        ] {
            assert_eq!(rows(table), n, "{} / {table}", db.engine);
        }
        store.close().await;
    }
}

#[tokio::test]
async fn the_commission_reads_the_result_downloads_the_board_and_recounts_it() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        ok(
            &db,
            mandat(&db, &["apply", registry_path().to_str().unwrap()]),
            "apply",
        );
        apply_with_the_box(&db, &example_path(), dir.path()).await;
        let code = poll().to_string();
        let result = ok(
            &db,
            mandat(&db, &["poll", "result", &code, "--json"]),
            "result",
        );
        let result: serde_json::Value = serde_json::from_str(&result.stdout).unwrap();
        let winners = result["outcome"]["winners"].clone();
        assert_eq!(winners.as_array().unwrap().len(), 2, "{result}");
        assert!(result["ratings"]["women"].is_array(), "{result}");

        let blt = dir.path().join("board.blt");
        let board = dir.path().join("board.json");
        ok(
            &db,
            mandat(
                &db,
                &[
                    "poll",
                    "board",
                    &code,
                    "--json",
                    board.to_str().unwrap(),
                    "--blt",
                    blt.to_str().unwrap(),
                ],
            ),
            "board",
        );
        let board: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&board).unwrap()).unwrap();
        // The example's poll keeps the default sealed board: trackers beside ballot hashes only.
        assert_eq!(board["mode"], "sealed");
        assert_eq!(board["receipts"].as_array().unwrap().len(), 5);
        assert!(board.get("entries").is_none());
        // Anyone recounts the downloaded ballots with the tally tool and gets the same winners.
        let recount = ok(
            &db,
            mandat(
                &db,
                &[
                    "tally",
                    "--method",
                    "plurality",
                    "--seats",
                    "2",
                    "--json",
                    "--tie-seed",
                    "ALM-AKSU-primary-2020/lot/4471-9083",
                    blt.to_str().unwrap(),
                ],
            ),
            "tally",
        );
        let recount: serde_json::Value = serde_json::from_str(&recount.stdout).unwrap();
        assert_eq!(recount["winners"], winners, "{}", db.engine);

        let quotas = ok(
            &db,
            mandat(
                &db,
                &[
                    "poll",
                    "quotas",
                    "--campaign",
                    "almaty-2020",
                    "--json",
                    "ALM-AKSU-maslikhat",
                ],
            ),
            "quotas",
        );
        let quotas: serde_json::Value = serde_json::from_str(&quotas.stdout).unwrap();
        let places: u64 = quotas
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["places"].as_u64().unwrap())
            .sum();
        assert_eq!(places, 17, "{quotas}");
        // A voter checks their receipt against the board with the box's public key; a receipt
        // altered or signed by someone else is refused.
        let key = ServerKey::from_seed(CHECKPOINT_KEY_SEED);
        let mine = sealed(&BATCHES[0].ballots[0]);
        let hash = ballot::ballot_hash(&poll(), &mine.tracker, &mine.content, &mine.opening);
        let receipt = mandat_core::ballot::Receipt::issue(
            &key,
            &poll(),
            mine.tracker,
            hash,
            mine.opening,
            false,
        );
        let public = key.public_hex();
        let check = |name: &str, receipt: &mandat_core::ballot::Receipt| {
            let file = dir.path().join(name);
            std::fs::write(&file, json(&serde_json::json!({ "receipt": receipt }))).unwrap();
            mandat(
                &db,
                &[
                    "receipt",
                    "check",
                    file.to_str().unwrap(),
                    "--public-key",
                    &public,
                ],
            )
        };
        let good = ok(&db, check("receipt.json", &receipt), "receipt check");
        assert!(good.stdout.contains("signature: valid"), "{}", good.stdout);
        assert!(good.stdout.contains("was counted"), "{}", good.stdout);
        let altered = mandat_core::ballot::Receipt {
            ballot_hash: Hash32([9; 32]),
            ..receipt.clone()
        };
        let run = check("altered.json", &altered);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(
            run.stderr.contains("signature is not valid"),
            "{}",
            run.stderr
        );
        let other = ServerKey::from_seed(&[1; 32]);
        let not_on_board = mandat_core::ballot::Receipt::issue(
            &key,
            &poll(),
            Hash32([3; 32]),
            hash,
            mine.opening,
            false,
        );
        let run = check("not-on-board.json", &not_on_board);
        assert_eq!(run.code, 1, "{}", run.stdout);
        assert!(
            run.stderr.contains("not on the bulletin board"),
            "{}",
            run.stderr
        );
        let foreign = mandat_core::ballot::Receipt::issue(
            &other,
            &poll(),
            mine.tracker,
            hash,
            mine.opening,
            false,
        );
        assert_eq!(check("foreign.json", &foreign).code, 1);

        let unknown = mandat(&db, &["poll", "result", "no-such-poll"]);
        assert_ne!(unknown.code, 0);
        assert!(
            unknown.stderr.contains("no-such-poll"),
            "{}",
            unknown.stderr
        );
    }
}
