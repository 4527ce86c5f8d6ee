//! The charter's rules (rules version 2) as an organizer meets them through `mandat apply`, on both engines: each test names the rule it shows.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{Desk, example_text as example};
use mandat_testkit::engines;

const CAMPAIGN: &str = "kerbulak-2020";
const TARGET: &str = "ALM-KERBULAK-maslikhat";
/// Ахметов Серик Болатович: rated first in the example's primaries, place 1 of its list.
const TOP: &str = "680314310004";

/// The lines of example `file` before the first line `at` picks, and from it on.
fn split_where(file: &str, at: impl Fn(&str) -> bool) -> (String, String) {
    let text = example(file);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| at(l)).unwrap();
    (lines[..at].join("\n"), lines[at..].join("\n"))
}

/// The lines of the lists example before the first line containing `marker`, and from it on.
fn lists_split(marker: &str) -> (String, String) {
    split_where("lists.jsonl", |l| l.contains(marker))
}

/// Applies the conference example, then the lists example up to its first line containing
/// `marker`; returns the lists example's lines from that one on.
fn lists_until(desk: &mut Desk<'_>, marker: &str) -> Vec<String> {
    desk.accepted(&example("conference.jsonl"));
    let (before, rest) = lists_split(marker);
    desk.accepted(&before);
    rest.lines().map(str::to_owned).collect()
}

/// A desk on a new database with the conference example applied up to the line `at` picks;
/// returns the lines from it on.
fn conference_until<'a>(desk: &mut Desk<'a>, at: impl Fn(&str) -> bool) -> Vec<String> {
    let (before, rest) = split_where("conference.jsonl", at);
    desk.accepted(&before);
    rest.lines().map(str::to_owned).collect()
}

/// The third vote of the first PPO meeting (delegates, put at 10:08).
fn ppo_vote_3(line: &str) -> bool {
    line.contains(PPO_MEETING) && line.contains(r#""vote":3,"motion""#)
}

fn expel(iin: &str, held_at: &str) -> String {
    format!(
        r#"{{"cmd":"set_member_status","actor":"organizer:ALM","held_at":"{held_at}","iin":"{iin}","status":"expelled","reason":"решение бюро политсовета № 21: исключён из партии"}}"#
    )
}

fn list_rows(desk: &Desk) -> Vec<String> {
    let json = desk.run(&["list", "show", CAMPAIGN, TARGET, "--json"]);
    let sheet: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["full_name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_expelled_candidate_is_replaced_on_an_approved_list() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        desk.accepted(&example("conference.jsonl"));
        desk.accepted(&example("lists.jsonl"));
        let before = list_rows(&desk);
        assert!(before[0].starts_with("Ахметов"), "{before:?}");
        desk.accepted(&expel(TOP, "2020-12-02T10:00:00+06:00"));
        let after = list_rows(&desk);
        assert_eq!(after.len(), before.len(), "{}: {after:?}", db.engine);
        assert!(
            after.iter().all(|name| !name.starts_with("Ахметов")),
            "{}: {after:?}",
            db.engine
        );
        // The list's history says who left, by which decision, and who took the place.
        let json = desk.run(&["list", "show", CAMPAIGN, TARGET, "--json"]);
        let sheet: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        let last = sheet["events"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["kind"], "disqualified", "{}: {last}", db.engine);
        assert!(
            last["reason"]
                .as_str()
                .unwrap()
                .contains("исключён из партии")
                && last["detail"]
                    .to_string()
                    .contains("Ахметов Серик Болатович"),
            "{}: {last}",
            db.engine
        );
        // A second approved-list removal of the same person is refused: they are gone.
        let again = desk.refused(&format!(
            r#"{{"cmd":"withdraw_from_list","actor":"organizer:ALM-KERBULAK","held_at":"2020-12-03T10:00:00+06:00","campaign":"{CAMPAIGN}","target":"{TARGET}","iin":"{TOP}","cause":"withdrew","decision":"заявление"}}"#
        ));
        assert!(again.contains("not_on_list"), "{again}");
    }
}

#[tokio::test]
async fn an_expelled_candidate_is_never_drafted_and_their_candidacy_lapses() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let from_draft = lists_until(&mut desk, r#""cmd":"draft_list""#);
        desk.accepted(&expel(TOP, "2020-10-04T10:00:00+06:00"));
        let draft = &from_draft[0];
        desk.accepted(draft);
        let rows = list_rows(&desk);
        assert!(
            rows.iter().all(|name| !name.starts_with("Ахметов")),
            "{}: {rows:?}",
            db.engine
        );
        // The candidacy lapsed: registering it again is refused with its status.
        let register = desk.refused(&format!(
            r#"{{"cmd":"withdraw_candidate","actor":"organizing-committee:ALM-KERBULAK","held_at":"2020-10-04T11:00:00+06:00","campaign":"{CAMPAIGN}","target":"{TARGET}","iin":"{TOP}","reason":"заявление"}}"#
        ));
        assert!(register.contains("lapsed"), "{}: {register}", db.engine);
    }
}

#[tokio::test]
async fn a_second_candidacy_in_a_campaign_is_refused_naming_the_first_unless_both_lists_allow_it() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        lists_until(&mut desk, r#""cmd":"create_poll""#);
        desk.accepted(&format!(
            r#"{{"cmd":"set_target","actor":"organizer:ALM","held_at":"2020-08-01T09:40:00+06:00","campaign":"{CAMPAIGN}","code":"ALM-maslikhat","body":"regional_maslikhat","name":"Алматинский областной маслихат","seats":10,"electorate_unit":"ALM"}}"#
        ));
        let nominate = format!(
            r#"{{"cmd":"nominate_candidate","actor":"organizing-committee:ALM","held_at":"2020-08-19T10:00:00+06:00","campaign":"{CAMPAIGN}","target":"ALM-maslikhat","iin":"{TOP}","nominated_by":"self","residency_years":52}}"#
        );
        let refused = desk.refused(&nominate);
        assert!(
            refused.contains("candidate_elsewhere")
                && refused.contains("already stands for ALM-KERBULAK-maslikhat"),
            "{}: {refused}",
            db.engine
        );
        // Both lists' eligibility rules allow other candidacies: the second nomination stands.
        for target in [TARGET, "ALM-maslikhat"] {
            desk.accepted(&format!(
                r#"{{"cmd":"set_eligibility","actor":"organizer:ALM","held_at":"2020-08-19T09:00:00+06:00","campaign":"{CAMPAIGN}","target":"{target}","min_age":25,"other_candidacies":true}}"#
            ));
        }
        desk.accepted(&nominate);
    }
}

const PPO_MEETING: &str = "ALM-KERBULAK-P001.2020";

fn at_ppo(cmd: &str, held_at: &str, fields: &str) -> String {
    format!(
        r#"{{"cmd":"{cmd}","actor":"secretary:ALM-KERBULAK-P001","held_at":"2020-11-07T{held_at}:00+06:00","meeting":"{PPO_MEETING}"{fields}}}"#
    )
}

#[tokio::test]
async fn inside_a_meeting_a_count_follows_its_vote_and_the_close_follows_the_last_count() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        // Up to vote 3 of the first PPO meeting, put at 10:08.
        let rest = conference_until(&mut desk, ppo_vote_3);
        desk.accepted(&rest[0]);
        let count = |at: &str| {
            at_ppo(
                "count_vote",
                at,
                r#","vote":3,"hall":{"for":4,"against":0,"abstain":1}"#,
            )
        };
        let early = desk.refused(&count("10:05"));
        assert!(
            early.contains("out_of_time_order") && early.contains("before vote No. 3 was put"),
            "{}: {early}",
            db.engine
        );
        // A departure dated before the vote was put would have changed its count: refused.
        let left = desk.refused(&at_ppo("check_out", "10:06", r#","iin":"750702410372""#));
        assert!(left.contains("out_of_time_order"), "{}: {left}", db.engine);
        desk.accepted(&count("10:10"));
        let closed_early = desk.refused(&at_ppo("close_meeting", "10:09", ""));
        assert!(
            closed_early.contains("before vote No. 3 was counted"),
            "{}: {closed_early}",
            db.engine
        );
        // Leaving after the last vote is normal; the close follows it.
        desk.accepted(&at_ppo("check_out", "10:12", r#","iin":"750702410372""#));
        desk.accepted(&at_ppo("close_meeting", "10:15", ""));
        desk.run(&["verify"]);
    }
}

#[tokio::test]
async fn a_secretary_cannot_choose_a_weaker_rule_than_the_organizer_set() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let rest = conference_until(&mut desk, ppo_vote_3);
        let delegates = |rule: &str| {
            let line = rest[0].replace(
                r#""motion":"delegates""#,
                &format!(r#""motion":"delegates"{rule}"#),
            );
            assert!(line.contains(r#""motion":"delegates""#));
            line
        };
        // With no rule set, delegates are elected by a majority of those present: a majority of
        // the votes cast (1 for and 5 abstaining would pass it) is weaker.
        let weaker = desk.refused(&delegates(r#","rule":"majority_of_votes_cast""#));
        assert!(
            weaker.contains("weaker_rule") && weaker.contains("a majority of those present"),
            "{}: {weaker}",
            db.engine
        );
        // The organizer sets two thirds for delegates at PPO meetings: a majority is weaker now.
        desk.accepted(
            r#"{"cmd":"set_decision_rule","actor":"organizer:ALM","held_at":"2020-11-07T09:00:00+06:00","campaign":"kerbulak-2020","meeting_kind":"ppo_meeting","motion":"delegates","rule":"two_thirds_of_present","decided_by":"Решение бюро № 14"}"#,
        );
        let majority = desk.refused(&delegates(r#","rule":"majority_of_present""#));
        assert!(
            majority.contains("two thirds of those present"),
            "{}: {majority}",
            db.engine
        );
        // Without `rule` the vote takes the rule set; a stricter one is always allowed.
        desk.accepted(&delegates(""));
        // 3 for and 2 abstaining of 5: a majority, but not two thirds.
        desk.accepted(&at_ppo(
            "count_vote",
            "10:10",
            r#","vote":3,"hall":{"for":3,"against":0,"abstain":2}"#,
        ));
        // The party list keeps the seed's rule: a majority of the delegates present.
        let list_rule = desk.refused(
            r#"{"cmd":"set_decision_rule","actor":"organizer:ALM","held_at":"2020-11-07T09:00:00+06:00","campaign":"kerbulak-2020","motion":"party_list","rule":"two_thirds_of_present","decided_by":"Решение бюро № 14"}"#,
        );
        assert!(
            list_rule.contains("list_rule_majority"),
            "{}: {list_rule}",
            db.engine
        );
    }
}

const FAILING: &str = "ALM-KERBULAK-P003.2020";

fn at_failing(cmd: &str, fields: &str) -> String {
    format!(
        r#"{{"cmd":"{cmd}","actor":"secretary:ALM-KERBULAK-P003","held_at":"2020-11-07T11:30:00+06:00","meeting":"{FAILING}"{fields}}}"#
    )
}

#[tokio::test]
async fn the_minutes_of_a_meeting_failed_for_another_reason_say_that_reason_and_no_word_of_quorum()
{
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        conference_until(&mut desk, |l| l.contains(r#""cmd":"fail_meeting""#));
        // Every member of the PPO checks in: a quorum is present.
        desk.accepted(&format!(
            r#"{{"cmd":"record_attendance","actor":"secretary:ALM-KERBULAK-P003","held_at":"2020-11-07T11:00:00+06:00","meeting":"{FAILING}","hall":["850303314443","770725315188"]}}"#
        ));
        let unsaid = desk.refused(&at_failing("fail_meeting", r#","reason":"не состоялось""#));
        assert!(
            unsaid.contains("failure_cause_needed"),
            "{}: {unsaid}",
            db.engine
        );
        let untrue = desk.refused(&at_failing(
            "fail_meeting",
            r#","reason":"нет кворума","cause":"no_quorum""#,
        ));
        assert!(
            untrue.contains("quorum_present") && untrue.contains("3 of 4 are checked in"),
            "{}: {untrue}",
            db.engine
        );
        let reason = "здание закрыто санитарной службой на дезинфекцию";
        desk.accepted(&at_failing(
            "fail_meeting",
            &format!(r#","reason":"{reason}","cause":"other""#),
        ));
        for (lang, said) in [
            ("ru", "по причине, указанной ниже"),
            ("kk", "төменде көрсетілген себеппен"),
        ] {
            let (_, text) = desk.minutes(FAILING, lang, &format!("failed.{lang}.pdf"));
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(said) && flat.contains(reason),
                "{} {lang}: {flat}",
                db.engine
            );
            // The quorum rule itself is part of every protocol; no sentence says it was missing.
            for line in text.lines() {
                let missing = [
                    "отсутствия кворума",
                    "Кворума нет",
                    "Кворум болмағандықтан",
                    "Кворум жоқ",
                ];
                assert!(
                    !missing.iter().any(|m| line.contains(m)),
                    "{} {lang}: {line}",
                    db.engine
                );
            }
        }
    }
}

const PRIMARY: &str = "ALM-KERBULAK-primary-2020";

#[tokio::test]
async fn a_member_marked_at_two_stations_holds_the_count_until_the_commission_resolves_it() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        lists_until(&mut desk, r#""cmd":"count_poll""#);
        // A second station's offline list, typed in after the close, names a member who voted
        // at the first: recorded as a conflict.
        desk.accepted(&format!(
            r#"{{"cmd":"mark_at_station","actor":"station:ALM-KERBULAK-S2","held_at":"2020-10-02T22:00:00+06:00","poll":"{PRIMARY}","station":"ALM-KERBULAK-S2","iins":["{TOP}"],"offline":true}}"#
        ));
        let count = format!(
            r#"{{"cmd":"count_poll","actor":"counting-commission:ALM-KERBULAK","held_at":"2020-10-03T10:00:00+06:00","poll":"{PRIMARY}","youth_age_limit":35}}"#
        );
        let held = desk.refused(&count);
        assert!(
            held.contains("conflicts_unresolved") && held.contains("1 unresolved"),
            "{}: {held}",
            db.engine
        );
        let listed = desk.run(&["poll", "conflicts", PRIMARY]);
        assert!(
            listed.stdout.contains("station ALM-KERBULAK-S2: Ахметов Серик Болатович (IIN 68*********4), already voted at station ALM-KERBULAK-S1 — unresolved"),
            "{}: {}",
            db.engine,
            listed.stdout
        );
        let resolve = format!(
            r#"{{"cmd":"resolve_station_conflict","actor":"counting-commission:ALM-KERBULAK","held_at":"2020-10-03T09:00:00+06:00","poll":"{PRIMARY}","station":"ALM-KERBULAK-S2","iin":"{TOP}","outcome":"mark_struck","decision":"решение счётной комиссии № 3: отметка внесена ошибочно"}}"#
        );
        desk.accepted(&resolve);
        let again = desk.refused(&resolve);
        assert!(
            again.contains("conflict_resolved"),
            "{}: {again}",
            db.engine
        );
        let json = desk.run(&["poll", "conflicts", PRIMARY, "--json"]);
        let listed: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(
            listed["conflicts"][0]["resolution"]["outcome"], "mark_struck",
            "{}",
            db.engine
        );
        desk.accepted(&count);
        desk.run(&["verify"]);
    }
}

#[tokio::test]
async fn a_mazhilis_candidate_needs_ten_years_of_residence_and_no_corruption_offence() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        lists_until(&mut desk, r#""cmd":"nominate_candidate""#);
        desk.accepted(&format!(
            r#"{{"cmd":"set_target","actor":"organizer:ALM","held_at":"2020-08-01T09:40:00+06:00","campaign":"{CAMPAIGN}","code":"mazhilis","body":"mazhilis","name":"Мажилис Парламента","seats":98,"electorate_unit":"ALM"}}"#
        ));
        let nominate = |residency: u16, extra: &str| {
            format!(
                r#"{{"cmd":"nominate_candidate","actor":"organizing-committee:ALM","held_at":"2020-08-19T10:00:00+06:00","campaign":"{CAMPAIGN}","target":"mazhilis","iin":"{TOP}","nominated_by":"self","residency_years":{residency}{extra}}}"#
            )
        };
        let refused = desk.refused(&nominate(
            9,
            r#","corruption_offence":true,"record_source":"справка КПСиСУ № 12 от 18.08.2020""#,
        ));
        assert!(
            refused.contains("at least 10 years of residence")
                && refused.contains("corruption offence"),
            "{}: {refused}",
            db.engine
        );
        desk.accepted(&nominate(
            10,
            r#","record_source":"справка КПСиСУ № 12 от 18.08.2020""#,
        ));
    }
}

#[tokio::test]
async fn a_members_vote_is_held_inside_its_phase_and_cannot_be_extended_past_it() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let from_poll = lists_until(&mut desk, r#""cmd":"create_poll""#);
        let create = &from_poll[0];
        let unnamed = desk.refused(&create.replace(r#","phase":"primary_vote""#, ""));
        assert!(
            unnamed.contains("phase_missing"),
            "{}: {unnamed}",
            db.engine
        );
        let outside =
            desk.refused(&create.replace(r#""phase":"primary_vote""#, r#""phase":"nomination""#));
        assert!(
            outside.contains("outside_phase")
                && outside.contains("2020-08-17 00:00 .. 2020-08-28 18:00"),
            "{}: {outside}",
            db.engine
        );
        desk.accepted(create);
        let freeze = &from_poll[1];
        assert!(freeze.contains("freeze_roll"), "{freeze}");
        desk.accepted(freeze);
        let extend = |closes_at: &str| {
            format!(
                r#"{{"cmd":"extend_poll","actor":"counting-commission:ALM-KERBULAK","held_at":"2020-09-30T19:00:00+06:00","poll":"{PRIMARY}","closes_at":"{closes_at}","reason":"решение бюро № 22"}}"#
            )
        };
        let past = desk.refused(&extend("2020-10-04T12:00:00+06:00"));
        assert!(past.contains("outside_phase"), "{}: {past}", db.engine);
        desk.accepted(&extend("2020-10-03T12:00:00+06:00"));
    }
}

#[tokio::test]
async fn a_list_is_not_drafted_before_its_primaries_are_counted() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        lists_until(&mut desk, r#""cmd":"count_poll""#);
        let (_, from_draft) = lists_split(r#""cmd":"draft_list""#);
        let early = desk.refused(from_draft.lines().next().unwrap());
        assert!(
            early.contains("primaries_not_counted") && early.contains(PRIMARY),
            "{}: {early}",
            db.engine
        );
    }
}

#[tokio::test]
async fn a_displacement_names_every_candidate_it_passed_over_and_the_rule_that_required_it() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        lists_until(&mut desk, r#""cmd":"edit_list""#);
        // The women rated 7 and 8 move up to places 5 and 6: the first passes over the men
        // rated 5 and 6, both named in the list sheet (the displacements), in every language.
        for (lang, words) in [
            ("en", "candidates passed over, rated higher:"),
            ("ru", "пропущены кандидаты с более высоким рейтингом:"),
            ("kk", "рейтингі жоғары кандидаттар өткізіліп жіберілді:"),
        ] {
            let out = dir.path().join(format!("list.{lang}.html"));
            desk.run(&[
                "list",
                "export",
                CAMPAIGN,
                TARGET,
                "--format",
                "html",
                "--lang",
                lang,
                "--out",
                out.to_str().unwrap(),
            ]);
            let html = std::fs::read_to_string(&out).unwrap();
            assert!(
                html.contains(&format!(
                    "{words} Есенов Данияр Жанатович, Петров Андрей Николаевич"
                )),
                "{} {lang}: {html}",
                db.engine
            );
        }
    }
}

/// Applies the conference and lists examples, then the debates example up to its first line
/// containing `marker`; returns the debates example's lines from that one on.
fn debates_until(desk: &mut Desk<'_>, marker: &str) -> Vec<String> {
    desk.accepted(&example("conference.jsonl"));
    desk.accepted(&example("lists.jsonl"));
    let (before, rest) = split_where("debates.jsonl", |l| l.contains(marker));
    desk.accepted(&before);
    rest.lines().map(str::to_owned).collect()
}

#[tokio::test]
async fn a_conference_debate_invites_the_branchs_top_rated_by_its_quota_and_its_rating_vote_holds_exactly_those_who_took_part()
 {
    const DEBATE: &str = "ALM-KERBULAK-debate-regional";
    const TULEGENOV: &str = "960615313708";
    const NURLANOV: &str = "900509311114";
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let rest = debates_until(&mut desk, r#""cmd":"invite_to_debate""#);
        // A unit without a share of the places invites nobody.
        let elsewhere =
            rest[0].replace(r#""unit":"ALM-KERBULAK""#, r#""unit":"ALM-KERBULAK-P001""#);
        let refusal = desk.refused(&elsewhere.replace(DEBATE, "elsewhere"));
        assert!(refusal.contains("no_debate_quota"), "{refusal}");
        desk.accepted(&rest[0]);
        // The shares are fixed once a branch has invited under them.
        let again = desk.refused(&format!(
            r#"{{"cmd":"set_debate_quotas","actor":"organizer:ALM","held_at":"2020-11-14T10:00:00+06:00","campaign":"{CAMPAIGN}","target":"ALM-maslikhat","per_place":3}}"#
        ));
        assert!(again.contains("debate_quotas_frozen"), "{again}");
        // Two debaters per place, two places: the four best rated. The fifth was not invited.
        let answer = |iin: &str, at: &str| {
            format!(
                r#"{{"cmd":"answer_debate_invitation","actor":"organizer:ALM-KERBULAK","held_at":"{at}","debate":"{DEBATE}","iin":"{iin}","answer":"accepted"}}"#
            )
        };
        let fifth = desk.refused(&answer(TULEGENOV, "2020-11-16T12:00:00+06:00"));
        assert!(fifth.contains("not_debater"), "{fifth}");
        let late = desk.refused(&answer(NURLANOV, "2020-11-21T10:30:00+06:00"));
        assert!(late.contains("debate_started"), "{late}");

        // Up to the rating vote: Нурланов refused, the other three took part.
        let at_poll = rest
            .iter()
            .position(|l| l.contains(r#""debate":"ALM-KERBULAK-debate-regional"}"#))
            .unwrap();
        desk.accepted(&rest[1..at_poll].join("\n"));
        let with_refuser = rest[at_poll].replace(
            r#"],"method""#,
            &format!(
                r#",{{"code":"nurlanov","label":"Нурланов Ержан Маратович","candidate":"{NURLANOV}"}}],"method""#
            ),
        );
        let refusal = desk.refused(&with_refuser);
        assert!(
            refusal.contains("options_not_debaters") && refusal.contains("Нурланов"),
            "{refusal}"
        );
        desk.accepted(&rest[at_poll..].join("\n"));
        let result = desk.run(&["poll", "result", "ALM-KERBULAK-rating-2020"]);
        assert!(
            result.stdout.contains("1. Садыкова Мадина Аскаровна")
                && !result.stdout.contains("Нурланов"),
            "{}",
            result.stdout
        );
        // The conference's minutes say who debated before its rating vote, and who refused.
        let (_, text) = desk.minutes("ALM-KERBULAK.2020-rating", "ru", "rating.pdf");
        assert!(
            text.contains("Дебаты кандидатов")
                && text.contains("Нурланов Ержан Маратович — отказался(ась) от участия")
                && text.contains("Жумабаева Гульнара Касымовна — участвовал(а)"),
            "{text}"
        );
        desk.run(&["verify"]);
    }
}

#[tokio::test]
async fn the_signed_scan_of_closed_minutes_is_kept_with_its_hash_and_verify_catches_a_changed_file()
{
    const MEETING: &str = "ALM-KERBULAK.2020";
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let open_meeting = conference_until(&mut desk, |l| {
            l.contains(r#""cmd":"close_meeting""#) && l.contains(MEETING)
        });
        // The "scan": the minutes as printed (a PDF), signed by hand and scanned.
        let (scan, _) = desk.minutes(MEETING, "ru", "signed.pdf");
        let early = mandat_testkit_run(&desk, &["signed-minutes", MEETING, scan.to_str().unwrap()]);
        assert!(
            early.contains("minutes_not_final") || early.contains("is open"),
            "{early}"
        );
        desk.accepted(&open_meeting.join("\n"));
        let attached = desk.run(&[
            "signed-minutes",
            MEETING,
            scan.to_str().unwrap(),
            "--actor",
            "secretary:ALM-KERBULAK",
        ]);
        let content = std::fs::read(&scan).unwrap();
        let hash = mandat_store::scan_hash(&content);
        assert!(attached.stdout.contains(&hash), "{}", attached.stdout);
        // Not a scan: refused, nothing stored.
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "protocol notes").unwrap();
        let refused =
            mandat_testkit_run(&desk, &["signed-minutes", MEETING, text.to_str().unwrap()]);
        assert!(
            refused.contains("scan_type") || refused.contains("PDF, JPEG or PNG"),
            "{refused}"
        );
        // Nobody records a hash without its file through a file of commands.
        let typed = desk.refused(&format!(
            r#"{{"cmd":"attach_signed_minutes","actor":"secretary:ALM-KERBULAK","held_at":"2020-11-12T10:00:00+06:00","meeting":"{MEETING}","sha256":"{}","media_type":"application/pdf","size":10}}"#,
            "0".repeat(64)
        ));
        assert!(typed.contains("file_only_command"), "{typed}");
        // The minutes name the scan and its hash.
        let (_, text) = desk.minutes(MEETING, "ru", "after.pdf");
        assert!(
            text.contains("Подписанный скан протокола приложен"),
            "{text}"
        );
        assert!(
            text.replace(char::is_whitespace, "").contains(&hash),
            "{text}"
        );
        desk.run(&["verify"]);
        // A file changed behind the journal's back is caught.
        {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let mut conn = sqlx::AnyConnection::connect(&db.url).await.unwrap();
            sqlx::query("UPDATE signed_minutes_files SET content = $1")
                .bind(b"%PDF-1.4 forged".to_vec())
                .execute(&mut conn)
                .await
                .unwrap();
        }
        let verify = crate::common::mandat(desk.db, &desk.secret, &["verify"]);
        assert_eq!(verify.code, 1, "{}\n{}", verify.stdout, verify.stderr);
        assert!(
            verify.stderr.contains("signed_minutes_files"),
            "{}",
            verify.stderr
        );
    }
}

/// Runs `mandat` on the desk's database expecting a refusal; returns what it said.
fn mandat_testkit_run(desk: &Desk<'_>, args: &[&str]) -> String {
    let run = crate::common::mandat(desk.db, &desk.secret, args);
    assert_ne!(run.code, 0, "{args:?} succeeded: {}", run.stdout);
    format!("{}{}", run.stdout, run.stderr)
}

#[tokio::test]
async fn a_citizen_who_is_not_a_member_stands_where_the_list_allows_it_and_never_votes() {
    const PERSON: &str = "850412304178";
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::new(&db, dir.path());
        let rest = debates_until(
            &mut desk,
            &format!(
                r#""cmd":"nominate_candidate","actor":"organizing-committee:ALM","held_at":"2020-08-19T10:50:00+06:00","campaign":"kerbulak-2020","target":"ALM-maslikhat","iin":"{PERSON}""#
            ),
        );
        // The district list requires membership (the default): refused, naming the rule.
        let district = rest[0].replace(
            r#""target":"ALM-maslikhat""#,
            &format!(r#""target":"{TARGET}""#),
        );
        let refusal = desk.refused(&district);
        assert!(
            refusal.contains("not_a_member") || refusal.contains("not a party member"),
            "{refusal}"
        );
        // The regional list lets non-members stand.
        let marks = rest
            .iter()
            .position(|l| l.contains(r#""cmd":"mark_at_station""#))
            .unwrap();
        desk.accepted(&rest[..marks].join("\n"));
        // Only members vote: the non-member is on no roll.
        let voting = with_iins(&rest[marks], &[PERSON]);
        let refusal = desk.refused(&voting);
        assert!(refusal.contains("station_not_on_roll"), "{refusal}");
        desk.accepted(&rest[marks..].join("\n"));
        let result = desk.run(&["poll", "result", "ALM-maslikhat-primary-2020"]);
        assert!(
            result.stdout.contains("6. Абенов Нуржан Серикович"),
            "{}",
            result.stdout
        );
        // Members who leave the party stand on only where members are not required: the first
        // of the district list (members only) leaves it, Тулегенов stays a regional candidate.
        let leave = |iin: &str| {
            format!(
                r#"{{"cmd":"set_member_status","actor":"organizer:ALM","held_at":"2020-12-10T10:00:00+06:00","iin":"{iin}","status":"non_member","reason":"заявление о выходе из партии от 9 декабря 2020 года"}}"#
            )
        };
        desk.accepted(&format!("{}\n{}", leave(TOP), leave("960615313708")));
        assert!(!list_rows(&desk).contains(&"Ахметов Серик Болатович".to_owned()));
        let again = desk.refused(&format!(
            r#"{{"cmd":"nominate_candidate","actor":"organizing-committee:ALM","held_at":"2020-08-20T10:00:00+06:00","campaign":"{CAMPAIGN}","target":"ALM-maslikhat","iin":"960615313708","nominated_by":"self","residency_years":30}}"#
        ));
        assert!(again.contains("already_candidate"), "{again}");
        desk.run(&["verify"]);
    }
}

/// `line` (a `mark_at_station`) marking `iins` instead.
fn with_iins(line: &str, iins: &[&str]) -> String {
    let mut command: serde_json::Value = serde_json::from_str(line).unwrap();
    command["iins"] = serde_json::json!(iins);
    command.to_string()
}
