//! The top of the ladder through `mandat apply` on both engines, with the congress example: regional conferences elect the congress's delegates and put their Mazhilis nominees forward, and the party congress approves the national list drafted from them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{Desk, example_text as example};
use mandat_testkit::engines;
use serde_json::Value;

const CAMPAIGN: &str = "congress-2020";
const NATIONAL: &str = "NO-mazhilis";
const CONGRESS: &str = "NO.2020";

/// The example's command lines (comments included: `mandat apply` skips them).
fn scenario() -> Vec<String> {
    example("congress.jsonl")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn first(lines: &[String], what: &str) -> usize {
    lines
        .iter()
        .position(|l| l.contains(what))
        .unwrap_or_else(|| panic!("no line with {what}"))
}

/// `line` with `field` replaced by `value`.
fn with(line: &str, field: &str, value: Value) -> String {
    let mut command: Value = serde_json::from_str(line).unwrap();
    command[field] = value;
    command.to_string()
}

fn list_rows(desk: &Desk, target: &str) -> (String, Vec<String>) {
    let json = desk.run(&["list", "show", CAMPAIGN, target, "--json"]);
    let sheet: Value = serde_json::from_str(&json.stdout).unwrap();
    let rows = sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["full_name"].as_str().unwrap().to_owned())
        .collect();
    (sheet["list"]["status"]["status"].to_string(), rows)
}

#[tokio::test]
async fn the_congress_approves_the_national_list_drafted_place_by_place_from_the_regions_nominees()
{
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let lines = scenario();
        let regional = first(&lines, r#""code":"AKM.2020""#);
        let nominations = first(&lines, r#""cmd":"nominate_from_list""#);
        let (close, sitting) = lines.split_last().unwrap();
        assert!(close.contains("close_meeting") && close.contains(CONGRESS));

        desk.accepted(&lines[..regional].join("\n"));
        // Nothing goes up before its conference approves it.
        let early = desk.refused(&lines[nominations]);
        assert!(early.contains("list_below_not_approved"), "{early}");
        desk.accepted(&lines[regional..=nominations].join("\n"));
        let twice = desk.refused(&lines[nominations]);
        assert!(twice.contains("already_nominated_from"), "{twice}");
        desk.accepted(&sitting[nominations + 1..].join("\n"));

        // The congress is the top of the ladder: it elects no delegates.
        let delegates = with(
            &lines[first(&lines, r#""meeting":"AKM.2020","motion":"delegates""#)],
            "meeting",
            CONGRESS.into(),
        );
        let delegates = with(&delegates, "vote", 4.into());
        let delegates = with(&delegates, "held_at", "2020-11-25T11:30:00+06:00".into());
        let top = desk.refused(&delegates);
        assert!(top.contains("top_of_ladder"), "{top}");
        desk.accepted(close);

        let (status, rows) = list_rows(&desk, NATIONAL);
        assert!(status.contains("approved"), "{status}");
        // Place by place; within a place, the larger share of its own list's votes first:
        // MAN 1 (4/6) before AKM 1 (7/13), AKM 2 (4/13) before MAN 2 (1/6), MAN 3 (1/6)
        // before AKM 3 (2/13).
        assert_eq!(
            rows,
            [
                "Утебаев Бауыржан Ерканович",
                "Сагинтаев Ерлан Маратович",
                "Абенова Жанар Сериковна",
                "Кенжебаева Айгерим Талгатовна",
                "Досмухамбетов Алмас Серикович",
                "Кусаинов Марат Бекович",
            ],
            "{rows:?}"
        );
        // The sheet says where each name came from.
        let sheet = desk.run(&["list", "show", CAMPAIGN, NATIONAL, "--json"]);
        assert!(sheet.stdout.contains("AKM-mazhilis"), "{}", sheet.stdout);

        // Its minutes call it what it is, in Russian and Kazakh.
        for (lang, words) in [
            ("ru", "Внеочередной съезд партии"),
            ("kk", "Партияның кезектен тыс съезі"),
        ] {
            let (_, text) = desk.minutes(CONGRESS, lang, &format!("congress-{lang}.pdf"));
            assert!(text.contains(words), "{lang}: {text}");
        }
        // The party's status counts the congress with the other meetings.
        let status = desk.run(&["status", "NO", "--campaign", CAMPAIGN]);
        assert!(
            status.stdout.contains("съезд партии") || status.stdout.contains("party congress"),
            "{}",
            status.stdout
        );
    }
}

#[tokio::test]
async fn a_regional_conference_elects_the_congress_delegates_only_within_its_allotment() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let lines = scenario();
        // MAN has 4 members: one congress delegate per two gives it 2; a third is refused.
        let at = first(&lines, r#""meeting":"MAN.2020","motion":"delegates""#);
        desk.accepted(&lines[..at].join("\n"));
        let elected: Value = serde_json::from_str(&lines[at]).unwrap();
        let mut three = elected["candidates"].as_array().unwrap().clone();
        let chair = lines
            .iter()
            .find(|l| l.contains(r#""meeting":"MAN.2020","motion":"presidium""#))
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["counting_commission"][0].clone())
            .unwrap();
        three.push(chair);
        let refusal = desk.refused(&with(&lines[at], "candidates", Value::Array(three)));
        assert!(
            refusal.contains("allotment_exceeded")
                && refusal.contains("MAN is allotted 2 delegates"),
            "{refusal}"
        );
    }
}
