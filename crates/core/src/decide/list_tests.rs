//! Scenario tests of the party-list rules: drafting from a counted rating, edits, the frozen list and withdrawals.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{RuleError, decide};
use crate::command::Envelope;
use crate::iin::{Iin, Sex};
use crate::lists::{ListStatus, PartyList, Violation};
use crate::model::Code;
use crate::poll::{PollResult, PollStatus};
use crate::primaries::{RatingRow, Ratings};
use crate::state::{Change, Snapshot};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use serde_json::{Value, json};

struct World {
    state: Snapshot,
    seq: i64,
    /// Candidates in the order of their primaries votes (best first): (name, IIN).
    people: Vec<(String, Iin)>,
    last: Vec<Change>,
}

fn code(text: &str) -> Code {
    Code::parse(text).unwrap()
}

const T: &str = "D.maslikhat";

impl World {
    /// District D under region R with PPO P; eight registered candidates for a 4-seat list:
    /// six men over 35 rated first, then a woman of 27 and a woman of 34 (election day 10 Jan 2021).
    fn new() -> World {
        let mut w = World {
            state: Snapshot::default(),
            seq: 0,
            people: Vec::new(),
            last: Vec::new(),
        };
        let names = json!({"ru": "Х", "kk": "Ә", "en": "X"});
        let at = "2020-08-01T09:00:00+06:00";
        w.ok(at, json!({"cmd": "create_unit", "code": "R", "kind": "region", "parent": null, "names": names}));
        w.ok(at, json!({"cmd": "create_unit", "code": "D", "kind": "district", "parent": "R", "names": names}));
        w.ok(at, json!({"cmd": "create_unit", "code": "P", "kind": "primary", "parent": "D", "names": names}));
        let births: [(Date, Sex); 8] = [
            (date(1968, 3, 14), Sex::Male),
            (date(1964, 12, 5), Sex::Male),
            (date(1979, 8, 11), Sex::Male),
            (date(1977, 7, 25), Sex::Male),
            (date(1985, 3, 3), Sex::Male),
            (date(1971, 9, 17), Sex::Male),
            (date(1993, 4, 21), Sex::Female),
            (date(1986, 1, 30), Sex::Female),
        ];
        for (i, (born, sex)) in births.into_iter().enumerate() {
            let iin = (1u16..).find_map(|s| Iin::compose(born, sex, s)).unwrap();
            let name = format!("Candidate {}", i + 1);
            w.ok(at, json!({"cmd": "register_member", "iin": iin.to_string(), "full_name": name, "phone": format!("+7701{:07}", i), "unit": "P", "joined_on": "2015-01-01"}));
            w.people.push((name, iin));
        }
        w.ok(at, json!({"cmd": "create_campaign", "code": "c", "name": "2021", "election_day": "2021-01-10"}));
        w.ok(at, json!({"cmd": "set_phase", "campaign": "c", "phase": "nomination", "starts_local": "2020-08-17T00:00:00", "ends_local": "2020-08-28T18:00:00"}));
        w.ok(at, json!({"cmd": "set_target", "campaign": "c", "code": T, "body": "local_maslikhat", "name": "D maslikhat", "seats": 4, "electorate_unit": "D"}));
        for (_, iin) in w.people.clone() {
            w.ok("2020-08-18T10:00:00+06:00", json!({"cmd": "nominate_candidate", "campaign": "c", "target": T, "iin": iin.to_string(), "nominated_by": "self", "residency_years": 20}));
            w.ok("2020-08-24T10:00:00+06:00", json!({"cmd": "register_candidate", "campaign": "c", "target": T, "iin": iin.to_string(), "decision": "No. 1"}));
        }
        w
    }

    /// A counted rating poll for the list: `votes[i]` for the i-th candidate; a conference
    /// rating vote when `meeting` is given (the meeting need not exist for the list rules).
    fn counted_poll(&mut self, poll: &str, meeting: Option<&str>, votes: &[u64]) {
        let options: Vec<Value> = self
            .people
            .iter()
            .enumerate()
            .map(|(i, (name, iin))| json!({"code": format!("o{i}"), "label": name, "candidate": iin.to_string()}))
            .collect();
        self.ok("2020-09-20T10:00:00+06:00", json!({"cmd": "create_poll", "code": poll, "campaign": "c", "title": "rating", "target": T, "options": options, "method": {"approval": {"max_choices": null}}, "seats": 4, "electorate": {"members": {"unit": "D"}}, "roll_cutoff": "2020-09-30T18:00:00+06:00", "opens_at": "2020-10-01T09:00:00+06:00", "closes_at": "2020-10-02T20:00:00+06:00"}));
        let mut rows: Vec<RatingRow> = Vec::new();
        let mut order: Vec<usize> = (0..votes.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(votes[i]));
        for (place, i) in order.into_iter().enumerate() {
            let member = self.state.members[&self.people[i].1].id;
            rows.push(RatingRow {
                place: place as u32 + 1,
                tied: false,
                option: format!("o{i}"),
                member,
                full_name: self.people[i].0.clone(),
                votes: Some(votes[i].to_string()),
                women: false,
                youth: false,
                refused_debate: false,
            });
        }
        let ratings = Ratings {
            youth_age_limit: 35,
            overall: rows,
            women: Vec::new(),
            youth: Vec::new(),
        };
        let p = self.state.polls.get_mut(&code(poll)).unwrap();
        p.status = PollStatus::Counted;
        p.meeting = meeting.map(code);
        self.state.poll_results.insert(
            code(poll),
            PollResult {
                poll: code(poll),
                outcome: String::new(),
                ratings: serde_json::to_string(&ratings).unwrap(),
                electronic: 0,
                paper: 0,
            },
        );
    }

    fn try_at(&mut self, held_at: &str, mut command: Value) -> Result<(), RuleError> {
        command["actor"] = json!("organizer");
        command["held_at"] = json!(held_at);
        let env = Envelope::parse(&command.to_string()).unwrap();
        let recorded: Timestamp = env.held_at + jiff::SignedDuration::from_mins(1);
        let changes = decide(&env, self.seq + 1, recorded, &self.state)?;
        self.seq += 1;
        changes.iter().for_each(|c| self.state.apply(c));
        self.last = changes;
        Ok(())
    }

    fn ok(&mut self, held_at: &str, command: Value) {
        let shown = command.to_string();
        if let Err(e) = self.try_at(held_at, command) {
            panic!("refused: {e}\n{shown}");
        }
    }

    fn refused(&mut self, command: Value) -> String {
        let shown = command.to_string();
        match self.try_at("2020-10-10T10:00:00+06:00", command) {
            Ok(()) => panic!("accepted: {shown}"),
            Err(e) => e.to_string(),
        }
    }

    fn iin(&self, n: usize) -> String {
        self.people[n - 1].1.to_string()
    }

    fn list(&self) -> &PartyList {
        &self.state.party_lists[&(code("c"), code(T))]
    }

    /// Candidates on the list by their number in `people` (1-based), place 1 first.
    fn order(&self) -> Vec<usize> {
        self.list()
            .entries
            .iter()
            .map(|e| {
                1 + self
                    .people
                    .iter()
                    .position(|(_, iin)| self.state.members[iin].id == e.member)
                    .unwrap()
            })
            .collect()
    }

    fn event_text(&self) -> String {
        self.last
            .iter()
            .find_map(|c| match c {
                Change::PutListEvent(e) => Some(e.text.clone()),
                _ => None,
            })
            .unwrap()
    }

    fn rules_2020(&mut self, precedence: Value) {
        self.ok("2020-10-05T10:00:00+06:00", json!({"cmd": "set_list_rules", "campaign": "c", "target": T, "min_size": 4, "max_size": 6,
            "quotas": [
                {"group": {"women_or_youth_under": 29}, "at_least": {"numerator": 30, "denominator": 100}, "label": "law"},
                {"group": "women", "at_least": {"numerator": 30, "denominator": 100}, "label": "women"},
                {"group": {"youth_under": 35}, "at_least": {"numerator": 20, "denominator": 100}, "label": "under 35"}],
            "precedence": precedence}));
    }

    fn draft(&mut self, length: u32) {
        self.ok(
            "2020-10-05T10:05:00+06:00",
            json!({"cmd": "draft_list", "campaign": "c", "target": T, "length": length}),
        );
    }
}

#[test]
fn the_draft_moves_the_women_up_as_late_as_the_quotas_allow_and_says_why() {
    let mut w = World::new();
    w.counted_poll("prim", None, &[11, 10, 9, 8, 7, 5, 3, 2]);
    w.rules_2020(json!("primaries_then_conference"));
    w.draft(6);
    assert_eq!(w.order(), vec![1, 2, 3, 4, 7, 8]);
    let list = w.list();
    assert_eq!(list.revision, 1);
    assert!(list.violations.is_empty());
    assert_eq!(list.displacements.len(), 2);
    let text = w.event_text();
    assert!(text.contains("Candidate 7 moved up from 7 to 5"), "{text}");
    assert!(text.contains("Candidate 8 moved up from 8 to 6"), "{text}");
    assert_eq!(list.entries[4].rating_position, 7);
    assert_eq!(list.entries[0].primaries_place, Some(1));
    assert_eq!(list.entries[0].rating.primaries_votes, Some(11));
}

#[test]
fn with_no_quota_pressure_the_draft_is_the_rating_order() {
    let mut w = World::new();
    // The two women lead the primaries.
    w.counted_poll("prim", None, &[6, 5, 4, 3, 2, 1, 11, 10]);
    w.rules_2020(json!("primaries_then_conference"));
    w.draft(5);
    assert_eq!(w.order(), vec![7, 8, 1, 2, 3]);
    assert!(w.list().displacements.is_empty());
    assert!(w.event_text().contains("no one was moved"));
}

#[test]
fn the_conference_vote_takes_precedence_when_the_rules_say_so() {
    let mut w = World::new();
    w.counted_poll("prim", None, &[11, 10, 9, 8, 7, 5, 3, 2]);
    // The delegates put candidate 6 first and candidate 1 last.
    w.counted_poll("conf", Some("D.2020"), &[1, 7, 6, 5, 4, 9, 3, 2]);
    w.rules_2020(json!("conference_then_primaries"));
    w.draft(6);
    assert_eq!(w.order(), vec![6, 2, 3, 4, 7, 8]);
    assert_eq!(w.list().entries[0].rating.conference_votes, Some(9));
}

#[test]
fn every_edit_is_validated_and_a_quota_shortfall_is_named() {
    let mut w = World::new();
    w.counted_poll("prim", None, &[11, 10, 9, 8, 7, 5, 3, 2]);
    w.rules_2020(json!("primaries_then_conference"));
    w.draft(6);
    w.ok("2020-10-06T10:00:00+06:00", json!({"cmd": "edit_list", "campaign": "c", "target": T, "edit": "move", "iin": w.iin(7), "place": 1, "reason": "bureau decision"}));
    assert_eq!(w.order(), vec![7, 1, 2, 3, 4, 8]);
    assert!(w.event_text().contains("moved from place 5 to 1"));
    w.ok("2020-10-06T11:00:00+06:00", json!({"cmd": "edit_list", "campaign": "c", "target": T, "edit": "remove", "iin": w.iin(8), "reason": "papers missing"}));
    assert_eq!(w.order(), vec![7, 1, 2, 3, 4]);
    let violations = &w.list().violations;
    assert!(
        violations.iter().any(
            |v| matches!(v, Violation::Quota { rule, needed: 2, found: 1, .. } if rule == "women")
        ),
        "{violations:?}"
    );
    let text = w.event_text();
    assert!(text.contains("the list breaks"), "{text}");
    w.ok("2020-10-06T12:00:00+06:00", json!({"cmd": "edit_list", "campaign": "c", "target": T, "edit": "add", "iin": w.iin(5), "place": 6, "reason": "to fill the list"}));
    assert_eq!(w.list().revision, 4);
    assert!(
        !w.list().violations.is_empty(),
        "one woman of six is still short"
    );
    // Refusals name what to fix.
    let twice = w.refused(json!({"cmd": "edit_list", "campaign": "c", "target": T, "edit": "add", "iin": w.iin(1), "place": 1, "reason": "r"}));
    assert!(twice.contains("already on the list at place 2"), "{twice}");
    let nowhere = w.refused(json!({"cmd": "edit_list", "campaign": "c", "target": T, "edit": "move", "iin": w.iin(1), "place": 9, "reason": "r"}));
    assert!(nowhere.contains("from 1 to 6"), "{nowhere}");
    let no_reason = w.refused(json!({"cmd": "edit_list", "campaign": "c", "target": T, "edit": "remove", "iin": w.iin(1), "reason": " "}));
    assert!(no_reason.contains("reason"), "{no_reason}");
}

#[test]
fn drafting_needs_rules_a_size_within_them_and_candidates() {
    let mut w = World::new();
    let no_rules =
        w.refused(json!({"cmd": "draft_list", "campaign": "c", "target": T, "length": 5}));
    assert!(no_rules.contains("set_list_rules first"), "{no_rules}");
    w.counted_poll("prim", None, &[11, 10, 9, 8, 7, 5, 3, 2]);
    w.rules_2020(json!("primaries_then_conference"));
    let long = w.refused(json!({"cmd": "draft_list", "campaign": "c", "target": T, "length": 7}));
    assert!(long.contains("outside the allowed sizes 4 to 6"), "{long}");
    let bad_rules = w.refused(json!({"cmd": "set_list_rules", "campaign": "c", "target": T, "min_size": 6, "max_size": 4, "precedence": "primaries_then_conference"}));
    assert!(
        bad_rules.contains("smallest list size (6) is larger"),
        "{bad_rules}"
    );
}

/// Marks the list approved, as a counted conference vote would.
fn approve(w: &mut World) {
    let key = (code("c"), code(T));
    let list = w.state.party_lists.get_mut(&key).unwrap();
    list.status = ListStatus::Approved {
        meeting: code("D.2020"),
        vote: 3,
        approved_at: "2020-11-20T06:00:00Z".parse().unwrap(),
    };
}

#[test]
fn a_frozen_list_changes_only_by_a_recorded_withdrawal_and_the_replacement_keeps_the_quotas() {
    let mut w = World::new();
    w.counted_poll("prim", None, &[11, 10, 9, 8, 7, 5, 3, 2]);
    w.rules_2020(json!("primaries_then_conference"));
    w.draft(6);
    let early = w.refused(json!({"cmd": "withdraw_from_list", "campaign": "c", "target": T, "iin": w.iin(3), "cause": "withdrew", "decision": "d"}));
    assert!(early.contains("not approved yet"), "{early}");
    approve(&mut w);
    let edit = w.refused(json!({"cmd": "edit_list", "campaign": "c", "target": T, "edit": "remove", "iin": w.iin(3), "reason": "r"}));
    assert!(edit.contains("frozen"), "{edit}");
    let redraft =
        w.refused(json!({"cmd": "draft_list", "campaign": "c", "target": T, "length": 6}));
    assert!(redraft.contains("frozen"), "{redraft}");
    let no_decision = w.refused(json!({"cmd": "withdraw_from_list", "campaign": "c", "target": T, "iin": w.iin(3), "cause": "withdrew", "decision": ""}));
    assert!(no_decision.contains("decision"), "{no_decision}");

    // A man withdraws: the next in the rating (candidate 5) takes his place.
    w.ok("2020-12-01T10:00:00+06:00", json!({"cmd": "withdraw_from_list", "campaign": "c", "target": T, "iin": w.iin(3), "cause": "withdrew", "decision": "bureau No. 21"}));
    assert_eq!(w.order(), vec![1, 2, 5, 4, 7, 8]);
    assert!(w.list().violations.is_empty());
    assert!(matches!(w.list().status, ListStatus::Approved { .. }));
    let text = w.event_text();
    assert!(
        text.contains("place 3 goes to Candidate 5 (rated 5)"),
        "{text}"
    );

    // A woman is disqualified: no woman is left, so the best man is proposed and the shortfall recorded.
    w.ok("2020-12-02T10:00:00+06:00", json!({"cmd": "withdraw_from_list", "campaign": "c", "target": T, "iin": w.iin(8), "cause": "disqualified", "decision": "commission decision No. 4"}));
    assert_eq!(w.order(), vec![1, 2, 5, 4, 7, 6]);
    assert!(!w.list().violations.is_empty());
    assert_eq!(w.list().removed.len(), 2);

    // Whoever left is never proposed again: candidate 3 is not brought back for the next one.
    w.ok("2020-12-03T10:00:00+06:00", json!({"cmd": "withdraw_from_list", "campaign": "c", "target": T, "iin": w.iin(1), "cause": "withdrew", "decision": "statement"}));
    assert_eq!(
        w.order(),
        vec![2, 5, 4, 7, 6],
        "the pool is empty: the place is struck"
    );
    assert!(w.event_text().contains("struck"));
}
