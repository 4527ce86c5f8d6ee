//! The `mandat` binary as a user runs it: imports, apply, journal, verify — on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::{Iin, Sex};
use mandat_testkit::{TestDb, engines};
use std::path::{Path, PathBuf};
use std::process::Output;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn mandat(db: &TestDb, args: &[&str]) -> Run {
    // Never the default ./mandat.secret: tests must not leave a site secret in the tree.
    let temp = |name: &str| {
        std::env::temp_dir().join(format!("mandat-test-{}.{name}", std::process::id()))
    };
    with_keys(db, &temp("secret"), &temp("signing.key"), args)
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

const UNITS: &str = "code,parent,kind,name_ru,name_kk,name_en
ALM,,region,Алматинский областной филиал,Алматы облыстық филиалы,Almaty regional branch
ALM-AKSU-P001,ALM-AKSU,primary,ППО №1,№1 БПҰ,PPO No. 1
ALM-AKSU,ALM,district,Аксуский районный филиал,Ақсу аудандық филиалы,Aksu district branch
ALM-AKSU-P002,ALM-AKSU,primary,ППО №2,№2 БПҰ,PPO No. 2
";

fn iin(year: i16, sex: Sex, serial: u16) -> String {
    (serial..)
        .find_map(|s| Iin::compose(jiff::civil::date(year, 3, 14), sex, s))
        .unwrap()
        .to_string()
}

fn members_csv(rows: &[(String, &str, &str, &str)]) -> String {
    let mut out = String::from("iin,full_name,phone,unit,joined_on\n");
    for (iin, name, phone, unit) in rows {
        out.push_str(&format!("{iin},{name},{phone},{unit},2015-06-01\n"));
    }
    out
}

fn good_members() -> Vec<(String, &'static str, &'static str, &'static str)> {
    vec![
        (
            iin(1980, Sex::Male, 10),
            "Ахметов Нурлан Серикович",
            "+7 701 111 22 33",
            "ALM-AKSU-P001",
        ),
        (
            iin(1990, Sex::Female, 20),
            "Ахметова Айгерим Болатқызы",
            "87012223344",
            "ALM-AKSU-P001",
        ),
        (
            iin(1975, Sex::Male, 30),
            "Иванов Сергей Петрович",
            "8 (702) 333-44-55",
            "ALM-AKSU-P002",
        ),
    ]
}

fn head(db: &TestDb) -> String {
    let run = mandat(db, &["journal", "head"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.trim().to_string()
}

fn with_units(db: &TestDb, dir: &Path) {
    let units = write(dir, "units.csv", UNITS.as_bytes());
    let run = mandat(db, &["import", "units", units.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}: {}", db.engine, run.stderr);
}

#[tokio::test]
async fn units_and_members_import_in_any_order_and_verify() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        with_units(&db, dir.path());
        let members = write(
            dir.path(),
            "members.csv",
            members_csv(&good_members()).as_bytes(),
        );
        let run = mandat(&db, &["import", "members", members.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}: {}", db.engine, run.stderr);
        assert!(run.stderr.contains("imported 3 members"), "{}", run.stderr);
        assert!(head(&db).starts_with("8:"));
        let verify = mandat(&db, &["verify", "--anchor", &head(&db)]);
        assert_eq!(verify.code, 0, "{}: {}", db.engine, verify.stderr);
        assert!(verify.stdout.contains("verify: OK"), "{}", verify.stdout);
    }
}

/// Every way an import can be wrong: exit 2, the line and the reason named, nothing applied.
#[tokio::test]
async fn bad_member_files_are_refused_whole_with_line_and_reason() {
    let good = good_members();
    let mut cases: Vec<(&str, Vec<u8>, Vec<&str>)> = vec![
        ("wrong header", b"iin,name,phone,unit,joined_on\n".to_vec(), vec!["line 1", "unknown column \"name\""]),
        ("missing column", b"iin,full_name,phone,unit\n1,2,3,4\n".to_vec(), vec!["line 1", "no column \"joined_on\""]),
        ("empty file", Vec::new(), vec!["the file is empty"]),
        ("header only", b"iin,full_name,phone,unit,joined_on\n".to_vec(), vec!["no rows"]),
        ("windows-1251", b"iin,full_name,phone,unit,joined_on\n800314300011,\xC0\xF5\xEC\xE5\xF2\xEE\xE2,+77011112233,ALM-AKSU-P001,2015-06-01\n".to_vec(), vec!["line 2", "not UTF-8", "Windows-1251", "iconv"]),
        ("too few fields", b"iin,full_name,phone,unit,joined_on\n800314300011,X\n".to_vec(), vec!["line 2", "2 fields"]),
    ];
    let mut bad_iins = Vec::new();
    let valid = &good[0].0;
    let mut wrong_check = valid.clone().into_bytes();
    wrong_check[11] = b'0' + (wrong_check[11] - b'0' + 1) % 10;
    bad_iins.push((String::from_utf8(wrong_check).unwrap(), "check digit"));
    bad_iins.push(("12345".into(), "12 digits"));
    bad_iins.push(("80031470001X".into(), "digits only"));
    bad_iins.push((format!("{}7{}", &valid[..6], &valid[7..]), "7th digit"));
    bad_iins.push((format!("801332{}", &valid[6..]), "not a real date"));
    for (bad, _) in &bad_iins {
        let mut rows = good.clone();
        rows[1].0 = bad.clone();
        cases.push((
            "bad iin",
            members_csv(&rows).into_bytes(),
            vec!["line 3", "field iin"],
        ));
    }
    let mut dup_iin = good.clone();
    dup_iin[2].0 = dup_iin[0].0.clone();
    cases.push((
        "duplicate iin in file",
        members_csv(&dup_iin).into_bytes(),
        vec!["line 4", "same IIN is on line 2"],
    ));
    let mut dup_phone = good.clone();
    dup_phone[2].2 = "+77011112233";
    cases.push((
        "duplicate phone in file",
        members_csv(&dup_phone).into_bytes(),
        vec!["line 4", "same phone is on line 2"],
    ));
    let mut unknown_unit = good.clone();
    unknown_unit[0].3 = "ALM-NOWHERE";
    cases.push((
        "unknown unit",
        members_csv(&unknown_unit).into_bytes(),
        vec!["line 2", "ALM-NOWHERE does not exist"],
    ));
    let mut not_ppo = good.clone();
    not_ppo[0].3 = "ALM-AKSU";
    cases.push((
        "member in a district",
        members_csv(&not_ppo).into_bytes(),
        vec!["line 2", "primary party organizations"],
    ));

    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        with_units(&db, dir.path());
        let before = head(&db);
        for (i, (what, content, expected)) in cases.iter().enumerate() {
            let file = write(dir.path(), &format!("case{i}.csv"), content);
            let run = mandat(&db, &["import", "members", file.to_str().unwrap()]);
            assert_eq!(run.code, 2, "{} / {what}: {}", db.engine, run.stderr);
            for needle in expected {
                assert!(
                    run.stderr.contains(needle),
                    "{} / {what}: expected {needle:?} in: {}",
                    db.engine,
                    run.stderr
                );
            }
            assert_eq!(
                head(&db),
                before,
                "{} / {what}: something was applied",
                db.engine
            );
        }
        // Each bad IIN gets its own reason.
        for (i, (_, reason)) in bad_iins.iter().enumerate() {
            let file = dir.path().join(format!("case{}.csv", 6 + i));
            let run = mandat(&db, &["import", "members", file.to_str().unwrap()]);
            assert!(
                run.stderr.contains(reason),
                "{}: {reason:?} in {}",
                db.engine,
                run.stderr
            );
        }
    }
}

#[tokio::test]
async fn duplicates_against_the_database_are_refused() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        with_units(&db, dir.path());
        let first = write(
            dir.path(),
            "first.csv",
            members_csv(&good_members()[..1]).as_bytes(),
        );
        assert_eq!(
            mandat(&db, &["import", "members", first.to_str().unwrap()]).code,
            0
        );
        let before = head(&db);
        let mut rows = good_members();
        rows[0].2 = "+7 705 000 00 00"; // member 0 again (IIN in the database), with a new phone
        rows[2].2 = "+7 701 111 22 33"; // member 0's phone, already in the database
        let second = write(dir.path(), "second.csv", members_csv(&rows).as_bytes());
        let run = mandat(&db, &["import", "members", second.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("line 2: IIN"), "{}", run.stderr);
        assert!(run.stderr.contains("already registered"), "{}", run.stderr);
        assert!(run.stderr.contains("line 4: phone"), "{}", run.stderr);
        assert!(
            run.stderr.contains("already belongs to another member"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("2 bad rows; nothing was imported"),
            "{}",
            run.stderr
        );
        assert_eq!(head(&db), before);
    }
}

#[tokio::test]
async fn skip_invalid_applies_the_good_rows_and_writes_the_bad_ones_aside() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        with_units(&db, dir.path());
        let mut rows = good_members();
        rows[1].0 = "123".into();
        let file = write(dir.path(), "m.csv", members_csv(&rows).as_bytes());
        let run = mandat(
            &db,
            &[
                "import",
                "members",
                "--skip-invalid",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("imported 2 members; 1 bad rows skipped"),
            "{}",
            run.stderr
        );
        let rejects = std::fs::read_to_string(dir.path().join("m.csv.rejects.csv")).unwrap();
        let lines: Vec<&str> = rejects.lines().collect();
        assert_eq!(lines[0], "line,iin,full_name,phone,unit,joined_on,reason");
        assert!(
            lines[1].starts_with(
                "3,123,Ахметова Айгерим Болатқызы,87012223344,ALM-AKSU-P001,2015-06-01,"
            ),
            "{}",
            lines[1]
        );
        assert_eq!(lines.len(), 2);
        assert!(head(&db).starts_with("7:"));
    }
}

#[tokio::test]
async fn bad_unit_files_are_refused_whole() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "unknown parent",
            "code,parent,kind,name_ru,name_kk,name_en\nALM,,region,А,А,A\nX-P1,X-NONE,primary,П,П,P\n",
            &["line 3", "X-NONE does not exist"],
        ),
        (
            "cycle",
            "code,parent,kind,name_ru,name_kk,name_en\nA,B,district,А,А,A\nB,A,district,Б,Б,B\n",
            &["line 2", "line 3", "cycle"],
        ),
        (
            "wrong kind",
            "code,parent,kind,name_ru,name_kk,name_en\nALM,,oblast,А,А,A\n",
            &["line 2", "field kind", "not a unit kind"],
        ),
        (
            "wrong level",
            "code,parent,kind,name_ru,name_kk,name_en\nALM,,region,А,А,A\nP,ALM,primary,П,П,P\n",
            &["line 3", "a primary unit cannot sit under a region unit"],
        ),
        (
            "duplicate code",
            "code,parent,kind,name_ru,name_kk,name_en\nALM,,region,А,А,A\nALM,,region,Б,Б,B\n",
            &["line 3", "already exists"],
        ),
    ];
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        for (i, (what, content, expected)) in cases.iter().enumerate() {
            let file = write(dir.path(), &format!("u{i}.csv"), content.as_bytes());
            let run = mandat(&db, &["import", "units", file.to_str().unwrap()]);
            assert_eq!(run.code, 2, "{} / {what}: {}", db.engine, run.stderr);
            for needle in *expected {
                assert!(
                    run.stderr.contains(needle),
                    "{} / {what}: {needle:?} in {}",
                    db.engine,
                    run.stderr
                );
            }
            assert!(head(&db).starts_with("0:"), "{what}: something was applied");
        }
    }
}

#[tokio::test]
async fn apply_is_all_or_nothing_and_names_the_failing_line() {
    let at = r#""actor":"secretary","held_at":"2020-08-01T03:00:00Z""#;
    let ok1 = format!(
        r#"{{"cmd":"create_unit",{at},"code":"ALM","kind":"region","parent":null,"names":{{"ru":"А","kk":"Ә","en":"A"}}}}"#
    );
    let ok2 = format!(
        r#"{{"cmd":"create_campaign",{at},"code":"c","name":"Праймериз","election_day":"2021-01-10"}}"#
    );
    let breaks_rule = format!(
        r#"{{"cmd":"set_target",{at},"campaign":"c","code":"t","body":"mazhilis","name":"N","seats":0,"electorate_unit":"ALM"}}"#
    );
    let malformed = r#"{"cmd":"create_unit","#.to_string();
    let typo = format!(
        r#"{{"cmd":"create_campaign",{at},"code":"d","name":"x","electon_day":"2021-01-10"}}"#
    );
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        for (what, lines, expected) in [
            (
                "rule",
                vec![ok1.clone(), ok2.clone(), breaks_rule.clone()],
                vec!["line 3", "set_target refused", "at least one seat"],
            ),
            (
                "malformed",
                vec![ok1.clone(), malformed.clone()],
                vec!["line 2", "not a JSON command"],
            ),
            (
                "typo",
                vec![ok1.clone(), "# a comment".into(), typo.clone()],
                vec!["line 3"],
            ),
        ] {
            let file = write(dir.path(), "c.jsonl", lines.join("\n").as_bytes());
            let run = mandat(&db, &["apply", file.to_str().unwrap()]);
            assert_eq!(run.code, 2, "{} / {what}: {}", db.engine, run.stderr);
            for needle in expected {
                assert!(
                    run.stderr.contains(needle),
                    "{} / {what}: {needle:?} in {}",
                    db.engine,
                    run.stderr
                );
            }
            assert!(head(&db).starts_with("0:"), "{what}: something was applied");
        }
        let file = write(dir.path(), "ok.jsonl", format!("{ok1}\n{ok2}\n").as_bytes());
        let run = mandat(&db, &["apply", file.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(head(&db).starts_with("3:"));
    }
}

#[tokio::test]
async fn the_journal_export_is_owner_only_and_carries_every_entry() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        with_units(&db, dir.path());
        let out = dir.path().join("journal.jsonl");
        let run = mandat(&db, &["journal", "export", "--out", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(&out).unwrap();
        let entries: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(entries.len(), 5);
        let last = entries.last().unwrap();
        assert_eq!(
            format!("{}:{}", last["seq"], last["hash"].as_str().unwrap()),
            head(&db)
        );
        // Anyone can recompute the chain from the export alone.
        let mut prev = mandat_core::journal::GENESIS_HASH.to_string();
        for e in &entries {
            let hash = mandat_core::journal::entry_hash(
                e["seq"].as_i64().unwrap(),
                e["recorded_at"].as_i64().unwrap(),
                e["actor"].as_str().unwrap(),
                e["command"].as_str().unwrap(),
                &prev,
            );
            assert_eq!(hash, e["hash"].as_str().unwrap());
            prev = hash;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}

#[tokio::test]
async fn the_region_demo_files_import_and_verify() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let run = mandat(
            &db,
            &[
                "demo-files",
                "--count",
                "3000",
                "--out-dir",
                dir.path().to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let units = dir.path().join("units.csv");
        let members = dir.path().join("members.csv");
        assert_eq!(
            mandat(&db, &["import", "units", units.to_str().unwrap()]).code,
            0
        );
        let run = mandat(&db, &["import", "members", members.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}: {}", db.engine, run.stderr);
        assert!(
            run.stderr.contains("imported 3000 members"),
            "{}",
            run.stderr
        );
        let verify = mandat(&db, &["verify"]);
        assert_eq!(verify.code, 0, "{}: {}", db.engine, verify.stderr);
    }
}

const TENNESSEE_BLT: &str = "4 1
42 1 2 3 4 0
26 2 3 4 1 0
15 3 4 2 1 0
17 4 3 2 1 0
0
\"Memphis\"
\"Nashville\"
\"Chattanooga\"
\"Knoxville\"
\"Tennessee capital\"
";

#[test]
fn tally_recounts_a_blt_file_with_each_method() {
    let db = mandat_testkit::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "tn.blt", TENNESSEE_BLT.as_bytes());
    for (method, winner) in [
        ("plurality", "Memphis"),
        ("borda", "Nashville"),
        ("irv", "Knoxville"),
        ("schulze", "Nashville"),
    ] {
        let run = mandat(
            &db,
            &[
                "tally",
                "--method",
                method,
                "--json",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{method}: {}", run.stderr);
        let result: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
        assert_eq!(result["winners"][0], winner, "{method}");
        assert_eq!(result["seats"], 1);
        assert!(result["ranking"].is_array() && result["rounds"].is_array());
    }
    let broken = write(dir.path(), "bad.blt", b"4 1\n42 1 2 9 0\n0\n");
    let run = mandat(&db, &["tally", "--method", "irv", broken.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
    let run = mandat(
        &db,
        &["tally", "--method", "dictator", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("schulze"), "{}", run.stderr);
}

#[tokio::test]
async fn the_region_demo_builds_verifies_and_is_not_built_twice() {
    for db in engines().await {
        // The registry and the whole 2020 ladder of meetings and conferences, with the stage
        // log a benchmark reads.
        let stage_dir = tempfile::tempdir().unwrap();
        let stage_file = stage_dir.path().join("stages.jsonl");
        let run = mandat(
            &db,
            &[
                "demo",
                "--scale",
                "region",
                "--seed",
                "7",
                "--turnout",
                "30",
                "--stages",
                stage_file.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}: {}", db.engine, run.stderr);
        let stages: Vec<serde_json::Value> = std::fs::read_to_string(&stage_file)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let names: Vec<&str> = stages
            .iter()
            .map(|s| s["stage"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "registry",
                "plan",
                "primaries-before-vote",
                "primaries-ballots",
                "primaries-after-close",
                "primaries-seal-and-count",
                "ladder-before-count",
                "rating-votes",
                "ladder-after-count",
                "lists-read-back"
            ]
        );
        assert!(stages.iter().all(|s| s["seconds"].as_f64().unwrap() >= 0.0));
        // Every planned ballot was accepted, and every list read back approved.
        let planned = stages[1]["online_ballots"].as_u64().unwrap();
        assert!(planned > 0);
        assert_eq!(stages[3]["ballots"].as_u64(), Some(planned));
        assert_eq!(stages[9]["approved"], stages[9]["lists"]);
        let head = mandat(&db, &["journal", "head"]);
        let entries: u64 = head
            .stdout
            .split(':')
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // 42,277 registry commands, then the ladder.
        assert!(entries > 42_277 + 5_000, "{entries}");
        // One replay: the whole verify, and every poll's checkpoints and its sealed box signed by
        // the box's published key.
        let key = mandat(&db, &["poll", "key"]);
        let public = key
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("public key"))
            .unwrap()
            .trim()
            .to_string();
        let signed = mandat(&db, &["verify", "--public-key", &public]);
        assert_eq!(signed.code, 0, "{}: {}", db.engine, signed.stderr);
        assert!(
            signed
                .stdout
                .contains(&format!("{entries} journal entries")),
            "{}",
            signed.stdout
        );
        let counts: Vec<u64> = signed
            .stdout
            .split(", ")
            .find(|part| part.contains("checkpoint signatures of"))
            .unwrap_or_else(|| panic!("{}", signed.stdout))
            .split(' ')
            .filter_map(|w| w.parse().ok())
            .collect();
        // 22 primaries and the conferences' rating votes: at least one signature each (the seal).
        assert!(
            counts[1] >= 40 && counts[0] >= counts[1],
            "{}",
            signed.stdout
        );
        let other = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
        let forged = mandat(&db, &["verify", "--public-key", other]);
        assert_eq!(forged.code, 1, "{}", forged.stdout);
        assert!(
            forged.stderr.contains("is not signed by this key"),
            "{}",
            forged.stderr
        );
        let status = mandat(&db, &["status", "--json"]);
        assert_eq!(status.code, 0, "{}", status.stderr);
        let progress: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
        assert_eq!(
            progress["meetings"]["regional_conference"]["held"], 1,
            "{progress}"
        );
        assert_eq!(
            progress["meetings"]["branch_conference"]["held"], 20,
            "{progress}"
        );
        assert!(
            progress["meetings"]["ppo_meeting"]["failed"]
                .as_u64()
                .unwrap()
                >= 3
        );
        // Under the central office (the default root) only the congress is still to meet: the
        // region demo elects the Almaty region's delegates to it, and the region itself is done.
        assert_eq!(progress["unit"], "NO", "{progress}");
        assert_eq!(progress["units_pending"], 1, "{progress}");
        assert_eq!(progress["units"]["congress"], 1, "{progress}");
        let region = mandat(&db, &["status", "ALM", "--json"]);
        let region: serde_json::Value = serde_json::from_str(&region.stdout).unwrap();
        assert_eq!(region["units_pending"], 0, "{region}");
        // The regional conference's minutes carry its number, who spoke on each item and what
        // was resolved.
        let minutes = std::env::temp_dir().join(format!(
            "mandat-test-{}-{}-minutes.pdf",
            std::process::id(),
            db.engine
        ));
        let run = mandat(
            &db,
            &[
                "minutes",
                "ALM.2020",
                "--lang",
                "ru",
                "--out",
                minutes.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 0, "{}: {}", db.engine, run.stderr);
        let text = crate::common::pdftotext(&minutes);
        let _ = std::fs::remove_file(&minutes);
        assert!(
            text.contains("ПРОТОКОЛ № 1")
                && text.contains("СЛУШАЛИ:")
                && text.contains("ПОСТАНОВИЛИ:")
                && text.contains("первый заместитель председателя филиала"),
            "{}: {text}",
            db.engine
        );
        let again = mandat(&db, &["demo"]);
        assert_eq!(again.code, 2, "{}", again.stderr);
        assert!(
            again
                .stderr
                .contains(&format!("already has {entries} journal entries")),
            "{}",
            again.stderr
        );
    }
}

/// `mandat` with the site secret and the signing key named explicitly.
fn with_keys(db: &TestDb, secret: &Path, signing: &Path, args: &[&str]) -> Run {
    let out: Output = std::process::Command::new(env!("CARGO_BIN_EXE_mandat"))
        .arg("--db")
        .arg(&db.url)
        .arg("--secret-file")
        .arg(secret)
        .arg("--signing-key-file")
        .arg(signing)
        .args(args)
        .env("MANDAT_LOG", "warn")
        .env("MANDAT_LANG", "en")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn init_makes_an_owner_only_secret_and_signing_key_once_and_never_overwrites_them() {
    let db = mandat_testkit::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let (secret, signing) = (dir.path().join("site.secret"), dir.path().join("sign.key"));
    let run = with_keys(&db, &secret, &signing, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (path, what) in [(&secret, "site secret"), (&signing, "signing key")] {
        assert!(
            run.stdout
                .contains(&format!("made the {what} {}", path.display())),
            "init names what it made: {}",
            run.stdout
        );
        assert_eq!(mode(path), 0o600, "{}", path.display());
        assert_eq!(std::fs::read(path).unwrap().len(), 32);
    }
    assert_ne!(
        std::fs::read(&secret).unwrap(),
        std::fs::read(&signing).unwrap()
    );
    let public = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("public key"))
        .unwrap()
        .trim()
        .to_string();
    let before = (
        std::fs::read(&secret).unwrap(),
        std::fs::read(&signing).unwrap(),
    );
    let again = with_keys(&db, &secret, &signing, &["init"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(!again.stdout.contains("made the"), "{}", again.stdout);
    assert!(
        again.stdout.contains("kept the site secret"),
        "{}",
        again.stdout
    );
    assert_eq!(
        before,
        (
            std::fs::read(&secret).unwrap(),
            std::fs::read(&signing).unwrap()
        )
    );
    // `poll key` reads the signing key's own file, not the site secret.
    let key = with_keys(&db, &secret, &signing, &["poll", "key"]);
    assert_eq!(key.code, 0, "{}", key.stderr);
    assert!(key.stdout.contains(&public), "{}", key.stdout);
    let elsewhere = dir.path().join("other.secret");
    std::fs::copy(&secret, &elsewhere).unwrap();
    let other_key = dir.path().join("other.key");
    assert_eq!(with_keys(&db, &elsewhere, &other_key, &["init"]).code, 0);
    let key = with_keys(&db, &secret, &other_key, &["poll", "key"]);
    assert!(
        !key.stdout.contains(&public),
        "the key does not come from the site secret"
    );
}

#[test]
fn serve_and_the_desk_commands_refuse_a_missing_secret_or_key_and_say_to_run_init() {
    let db = mandat_testkit::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let (secret, signing) = (dir.path().join("site.secret"), dir.path().join("sign.key"));
    let cards = dir.path().join("cards.pdf");
    for args in [
        vec!["serve", "--listen", "127.0.0.1:0"],
        vec!["poll", "key"],
        vec!["poll", "close", "some-poll"],
        vec!["receipt", "check", "receipt.json"],
        vec!["mandates", "some-meeting", "--out", cards.to_str().unwrap()],
        vec!["check-in", "some-meeting", "--mandate", "1"],
    ] {
        let run = with_keys(&db, &secret, &signing, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("mandat init"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&secret.display().to_string())
                || run.stderr.contains(&signing.display().to_string()),
            "{args:?} names the file: {}",
            run.stderr
        );
        assert!(
            !secret.exists() && !signing.exists(),
            "{args:?} made a secret"
        );
    }
    // The signing key alone does not make a desk: the desk needs the site secret.
    let run = with_keys(&db, &secret, &signing, &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::remove_file(&secret).unwrap();
    let run = with_keys(
        &db,
        &secret,
        &signing,
        &["check-in", "some-meeting", "--mandate", "1"],
    );
    assert!(
        run.stderr.contains("copy it from the serving node"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_secret_or_key_readable_by_others_is_refused_with_how_to_fix_it() {
    use std::os::unix::fs::PermissionsExt;
    let db = mandat_testkit::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let (secret, signing) = (dir.path().join("site.secret"), dir.path().join("sign.key"));
    assert_eq!(with_keys(&db, &secret, &signing, &["init"]).code, 0);
    let cards = dir.path().join("cards.pdf");
    for (path, open_mode, args) in [
        (
            &secret,
            0o644,
            vec!["mandates", "m", "--out", cards.to_str().unwrap()],
        ),
        (&secret, 0o660, vec!["check-in", "m", "--mandate", "1"]),
        (&signing, 0o604, vec!["poll", "key"]),
        (&signing, 0o640, vec!["serve", "--listen", "127.0.0.1:0"]),
    ] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(open_mode)).unwrap();
        let run = with_keys(&db, &secret, &signing, &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("chmod 600 {}", path.display())),
            "{args:?}: {}",
            run.stderr
        );
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let run = with_keys(&db, &secret, &signing, &["poll", "key"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn the_throwaway_demo_makes_missing_files_and_names_them_on_stderr() {
    let db = mandat_testkit::sqlite();
    let dir = tempfile::tempdir().unwrap();
    let (secret, signing) = (dir.path().join("site.secret"), dir.path().join("sign.key"));
    // The ladder part needs a registry first: it is refused, after the files were made.
    let run = with_keys(&db, &secret, &signing, &["demo", "--part", "ladder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for path in [&secret, &signing] {
        assert!(
            run.stderr
                .contains(&format!("{} (owner-only)", path.display())),
            "{}",
            run.stderr
        );
        assert_eq!(mode(path), 0o600);
    }
    assert!(run.stderr.contains("mandat init"), "{}", run.stderr);
}

/// One refused command of each domain, applied with `--lang kk` and `--lang ru`: the code comes
/// first, then a sentence in that language.
#[tokio::test]
async fn refusals_print_their_code_and_a_sentence_in_the_chosen_language() {
    let registry = format!(
        "{}/../../docs/examples/registry.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let at = r#""actor":"organizer:ALM","held_at":"2020-12-01T10:00:00+06:00""#;
    // (domain, command, code, a word of the Kazakh sentence, a word of the Russian one)
    let cases = [
        (
            "registry",
            format!(
                r#"{{"cmd":"create_unit",{at},"code":"ALM","kind":"region","parent":null,"names":{{"ru":"А","kk":"Ә","en":"A"}}}}"#
            ),
            "unit_exists",
            "бұрыннан бар",
            "уже существует",
        ),
        (
            "meetings",
            format!(r#"{{"cmd":"open_registration",{at},"meeting":"NOPE.2020"}}"#),
            "no_meeting",
            "отырысы жоқ",
            "заседания NOPE.2020 не существует",
        ),
        (
            "primaries",
            format!(r#"{{"cmd":"record_debate",{at},"debate":"nope-debate","attendance":[]}}"#),
            "no_debate",
            "дебаты жоқ",
            "дебатов nope-debate не существует",
        ),
        (
            "polls",
            format!(r#"{{"cmd":"open_poll",{at},"poll":"nope-poll"}}"#),
            "no_poll",
            "дауыс беруі жоқ",
            "голосования nope-poll не существует",
        ),
        (
            "lists",
            format!(
                r#"{{"cmd":"draft_list",{at},"campaign":"almaty-2020","target":"ALM-AKSU-maslikhat","length":5}}"#
            ),
            "no_list_rules",
            "тізім ережелері белгіленбеген",
            "не заданы правила списка",
        ),
    ];
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let setup = mandat(&db, &["apply", &registry]);
        assert_eq!(setup.code, 0, "{}: {}", db.engine, setup.stderr);
        for (domain, command, code, kazakh, russian) in &cases {
            let file = write(dir.path(), "refused.jsonl", command.as_bytes());
            for (lang, word) in [("kk", kazakh), ("ru", russian)] {
                let run = mandat(&db, &["--lang", lang, "apply", file.to_str().unwrap()]);
                assert_eq!(
                    run.code, 2,
                    "{} / {domain} / {lang}: {}",
                    db.engine, run.stderr
                );
                assert!(
                    run.stderr.contains(&format!(": {code}: ")) && run.stderr.contains(*word),
                    "{} / {domain} / {lang}: {code} and {word:?} in {}",
                    db.engine,
                    run.stderr
                );
            }
        }
        // English when asked, as the rules have always worded it.
        let file = write(dir.path(), "refused.jsonl", cases[0].1.as_bytes());
        let run = mandat(&db, &["--lang", "en", "apply", file.to_str().unwrap()]);
        assert!(
            run.stderr
                .contains("unit_exists: unit ALM already exists (codes are stable"),
            "{}",
            run.stderr
        );
    }
}
