//! Scenario tests of the meeting rules, run against an in-memory snapshot as the store would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{RuleError, decide};
use crate::command::Envelope;
use crate::iin::{Iin, Sex};
use crate::meeting::Verdict;
use crate::meeting::model::MeetingStatus;
use crate::model::Code;
use crate::state::Snapshot;
use jiff::Timestamp;
use jiff::civil::date;
use serde_json::{Value, json};

/// A record being built command by command, as the store does.
struct World {
    state: Snapshot,
    seq: i64,
    /// Members by PPO, in registration order.
    members: Vec<(String, Iin)>,
}

const DAY_PPO: &str = "2020-11-07T10:00:00+06:00";

fn code(text: &str) -> Code {
    Code::parse(text).unwrap()
}

impl World {
    /// Region R with branches D1 and D2; PPOs P1 (150 members) and P2 (10) under D1, P3 (10) under D2.
    fn new() -> World {
        let mut w = World {
            state: Snapshot::default(),
            seq: 0,
            members: Vec::new(),
        };
        let names = json!({"ru": "Х", "kk": "Ә", "en": "X"});
        w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "create_unit", "code": "R", "kind": "region", "parent": null, "names": names}));
        for (d, p) in [("D1", "R"), ("D2", "R")] {
            w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "create_unit", "code": d, "kind": "district", "parent": p, "names": names}));
        }
        let mut serial_from = 1u16;
        for (p, d, n) in [("P1", "D1", 150), ("P2", "D1", 10), ("P3", "D2", 10)] {
            w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "create_unit", "code": p, "kind": "primary", "parent": d, "names": names}));
            for _ in 0..n {
                // Some serials have no valid check digit: take the next one that has.
                let (serial, iin) = (serial_from..)
                    .find_map(|s| Iin::compose(date(1980, 1, 1), Sex::Female, s).map(|i| (s, i)))
                    .unwrap();
                serial_from = serial + 1;
                let phone = format!("+7701{:07}", w.members.len());
                w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "register_member", "iin": iin.to_string(), "full_name": format!("Member {serial}"), "phone": phone, "unit": p, "joined_on": "2015-01-01"}));
                w.members.push((p.to_string(), iin));
            }
        }
        w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "create_campaign", "code": "c", "name": "Party — 2021", "election_day": "2021-01-10"}));
        for (phase, starts, ends) in [
            ("ppo", "2020-11-07T00:00:00", "2020-11-09T00:00:00"),
            ("branch", "2020-11-10T00:00:00", "2020-11-13T00:00:00"),
            ("region", "2020-11-16T00:00:00", "2020-11-17T00:00:00"),
        ] {
            w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "set_phase", "campaign": "c", "phase": phase, "starts_local": starts, "ends_local": ends}));
        }
        w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "set_representation", "campaign": "c", "conference_unit": "D1", "norm": {"norm": "per_members", "members_per_delegate": 50}}));
        w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "set_representation", "campaign": "c", "conference_unit": "D2", "norm": {"norm": "per_members", "members_per_delegate": 50}}));
        w.ok("2020-08-01T09:00:00+06:00", json!({"cmd": "set_representation", "campaign": "c", "conference_unit": "R", "norm": {"norm": "fixed_size", "size": 4, "at_least_one_per_unit": true}}));
        w
    }

    fn iins(&self, unit: &str) -> Vec<Iin> {
        self.members
            .iter()
            .filter(|(u, _)| u == unit)
            .map(|(_, i)| *i)
            .collect()
    }

    /// Decides a command held at `held_at` and recorded a minute later.
    fn try_at(
        &mut self,
        held_at: &str,
        recorded_at: &str,
        command: Value,
    ) -> Result<(), RuleError> {
        let mut line = command;
        line["actor"] = json!("test");
        line["held_at"] = json!(held_at);
        let env = Envelope::parse(&line.to_string()).unwrap();
        let recorded: Timestamp = recorded_at.parse().unwrap();
        let seq = self.seq + 1;
        let changes = decide(&env, seq, recorded, &self.state)?;
        for c in &changes {
            self.state.apply(c);
        }
        self.seq = seq;
        Ok(())
    }

    fn try_(&mut self, held_at: &str, command: Value) -> Result<(), RuleError> {
        let recorded: Timestamp = held_at.parse::<Timestamp>().unwrap();
        let recorded = (recorded + jiff::SignedDuration::from_mins(1)).to_string();
        self.try_at(held_at, &recorded, command)
    }

    fn ok(&mut self, held_at: &str, command: Value) {
        let shown = command.to_string();
        if let Err(e) = self.try_(held_at, command) {
            panic!("refused: {shown}: {e}");
        }
    }

    /// Convenes and opens P-meeting `m` of `unit` with `hall` members checked in.
    fn open_ppo(&mut self, m: &str, unit: &str, hall: usize) {
        self.ok(DAY_PPO, json!({"cmd": "convene_meeting", "code": m, "campaign": "c", "unit": unit, "phase": "ppo", "convened_by": "bureau decision 1", "scheduled_at": DAY_PPO, "venue": "school 5"}));
        self.ok(DAY_PPO, json!({"cmd": "open_registration", "meeting": m}));
        let sheet: Vec<String> = self.iins(unit)[..hall].iter().map(Iin::to_string).collect();
        self.ok(
            DAY_PPO,
            json!({"cmd": "record_attendance", "meeting": m, "hall": sheet}),
        );
        self.ok(DAY_PPO, json!({"cmd": "open_meeting", "meeting": m}));
    }

    fn presidium_and_agenda(&mut self, m: &str, unit: &str, first_vote: u32) {
        let people = self.iins(unit);
        let hall = self.present_hall(m);
        self.ok(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": m, "vote": first_vote, "motion": "presidium", "chair": people[0].to_string(), "secretary": people[1].to_string(), "counting_commission": [people[2].to_string()]}));
        self.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": m, "vote": first_vote, "hall": {"for": hall, "against": 0, "abstain": 0}}));
        self.ok(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": m, "vote": first_vote + 1, "motion": "agenda", "items": ["Delegates to the conference"]}));
        self.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": m, "vote": first_vote + 1, "hall": {"for": hall, "against": 0, "abstain": 0}}));
    }

    fn present_hall(&self, m: &str) -> u32 {
        self.state.detail(&code(m)).map_or(0, |d| d.present().0)
    }

    fn verdict(&self, m: &str, vote: u32) -> Option<Verdict> {
        self.state.detail(&code(m)).unwrap().votes[&vote].verdict
    }

    /// Holds a whole PPO meeting that elects its allotted delegates and closes.
    fn hold_ppo(&mut self, m: &str, unit: &str) {
        let n = self.iins(unit).len();
        self.open_ppo(m, unit, n * 3 / 4);
        self.presidium_and_agenda(m, unit, 1);
        let seats = self.state.allotments[&(code("c"), code(unit))].seats as usize;
        let slate: Vec<String> = self.iins(unit)[..seats]
            .iter()
            .map(Iin::to_string)
            .collect();
        let hall = self.present_hall(m);
        self.ok(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": m, "vote": 3, "motion": "delegates", "candidates": slate}));
        self.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": m, "vote": 3, "hall": {"for": hall, "against": 0, "abstain": 0}}));
        self.ok(DAY_PPO, json!({"cmd": "close_meeting", "meeting": m}));
    }
}

fn refusal(result: Result<(), RuleError>) -> String {
    match result {
        Ok(()) => panic!("accepted, but should have been refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_motion_with_45_of_100_for_is_rejected_and_51_is_adopted() {
    let mut w = World::new();
    w.open_ppo("m1", "P1", 100);
    w.presidium_and_agenda("m1", "P1", 1);
    w.ok(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 3, "motion": "resolution", "text": "Support the programme"}));
    w.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 3, "hall": {"for": 45, "against": 40, "abstain": 15}}));
    assert_eq!(w.verdict("m1", 3), Some(Verdict::Rejected));
    // The same numbers under "majority of votes cast" adopt it.
    w.ok(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 4, "motion": "resolution", "text": "Support the programme", "rule": "majority_of_votes_cast"}));
    w.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 4, "hall": {"for": 45, "against": 40, "abstain": 15}}));
    assert_eq!(w.verdict("m1", 4), Some(Verdict::Adopted));
    w.ok(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 5, "motion": "resolution", "text": "Thank the organizers"}));
    w.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 5, "hall": {"for": 51, "against": 30, "abstain": 19}}));
    assert_eq!(w.verdict("m1", 5), Some(Verdict::Adopted));
}

#[test]
fn a_recount_is_a_new_command_and_reverses_the_effect() {
    let mut w = World::new();
    w.open_ppo("m1", "P1", 100);
    w.presidium_and_agenda("m1", "P1", 1);
    let slate: Vec<String> = w.iins("P1")[..3].iter().map(Iin::to_string).collect();
    w.ok(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 3, "motion": "delegates", "candidates": slate}));
    w.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 3, "hall": {"for": 60, "against": 30, "abstain": 10}}));
    assert_eq!(w.state.delegates.len(), 3);
    let again = refusal(w.try_(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 3, "hall": {"for": 40, "against": 50, "abstain": 10}})));
    assert!(again.contains("recount_reason"), "{again}");
    w.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 3, "hall": {"for": 40, "against": 50, "abstain": 10}, "recount_reason": "the counting commission miscounted row 4"}));
    assert_eq!(w.verdict("m1", 3), Some(Verdict::Rejected));
    assert!(w.state.delegates.is_empty());
    assert_eq!(w.state.detail(&code("m1")).unwrap().votes[&3].counts, 2);
}

#[test]
fn a_meeting_without_quorum_cannot_open_and_is_recorded_as_failed_then_rerun() {
    let mut w = World::new();
    w.ok(DAY_PPO, json!({"cmd": "convene_meeting", "code": "m1", "campaign": "c", "unit": "P1", "phase": "ppo", "convened_by": "bureau decision 1", "scheduled_at": DAY_PPO, "venue": "school 5"}));
    w.ok(
        DAY_PPO,
        json!({"cmd": "open_registration", "meeting": "m1"}),
    );
    let sheet: Vec<String> = w.iins("P1")[..75].iter().map(Iin::to_string).collect();
    w.ok(
        DAY_PPO,
        json!({"cmd": "record_attendance", "meeting": "m1", "hall": sheet}),
    );
    let no = refusal(w.try_(DAY_PPO, json!({"cmd": "open_meeting", "meeting": "m1"})));
    assert!(
        no.contains("no quorum: 75 of 150 present, at least 76 needed"),
        "{no}"
    );
    w.ok(
        DAY_PPO,
        json!({"cmd": "fail_meeting", "meeting": "m1", "reason": "no quorum"}),
    );
    assert_eq!(w.state.meetings[&code("m1")].status, MeetingStatus::Failed);
    w.ok("2020-11-08T10:00:00+06:00", json!({"cmd": "convene_meeting", "code": "m2", "campaign": "c", "unit": "P1", "phase": "ppo", "convened_by": "bureau decision 2", "scheduled_at": "2020-11-08T10:00:00+06:00", "venue": "school 5", "rerun_of": "m1"}));
}

#[test]
fn a_vote_is_refused_once_presence_falls_below_quorum() {
    let mut w = World::new();
    w.open_ppo("m1", "P1", 80);
    w.presidium_and_agenda("m1", "P1", 1);
    for iin in w.iins("P1")[70..80].to_vec() {
        w.ok(
            DAY_PPO,
            json!({"cmd": "check_out", "meeting": "m1", "iin": iin.to_string()}),
        );
    }
    let no = refusal(w.try_(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 3, "motion": "resolution", "text": "x"})));
    assert!(no.contains("no quorum: 70 of 150 present"), "{no}");
}

#[test]
fn counts_above_the_number_present_are_refused() {
    let mut w = World::new();
    w.open_ppo("m1", "P1", 100);
    w.ok(
        DAY_PPO,
        json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 1, "motion": "credentials"}),
    );
    let no = refusal(w.try_(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 1, "hall": {"for": 90, "against": 10, "abstain": 1}})));
    assert!(
        no.contains("101 votes entered for the hall, but only 100"),
        "{no}"
    );
}

#[test]
fn a_remote_participant_counts_as_present_for_a_vote_only_after_confirming() {
    let mut w = World::new();
    w.ok(DAY_PPO, json!({"cmd": "convene_meeting", "code": "m1", "campaign": "c", "unit": "P1", "phase": "ppo", "convened_by": "d", "scheduled_at": DAY_PPO, "venue": "v", "capacity": 90}));
    w.ok(
        DAY_PPO,
        json!({"cmd": "open_registration", "meeting": "m1"}),
    );
    let iins = w.iins("P1");
    let hall: Vec<String> = iins[..90].iter().map(Iin::to_string).collect();
    let remote: Vec<String> = iins[90..100].iter().map(Iin::to_string).collect();
    w.ok(
        DAY_PPO,
        json!({"cmd": "check_in", "meeting": "m1", "iin": iins[95].to_string(), "mode": "hall"}),
    );
    let full = refusal(w.try_(
        DAY_PPO,
        json!({"cmd": "record_attendance", "meeting": "m1", "hall": hall.clone()}),
    ));
    assert!(full.contains("the hall is full (90 seats"), "{full}");
    w.ok(
        DAY_PPO,
        json!({"cmd": "check_out", "meeting": "m1", "iin": iins[95].to_string()}),
    );
    w.ok(
        DAY_PPO,
        json!({"cmd": "record_attendance", "meeting": "m1", "hall": hall, "remote": remote}),
    );
    let twice = refusal(w.try_(
        DAY_PPO,
        json!({"cmd": "check_in", "meeting": "m1", "iin": iins[91].to_string(), "mode": "hall"}),
    ));
    assert!(twice.contains("already checked in (remote)"), "{twice}");
    w.ok(DAY_PPO, json!({"cmd": "open_meeting", "meeting": "m1"}));
    w.ok(
        DAY_PPO,
        json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 1, "motion": "credentials"}),
    );
    w.ok(
        DAY_PPO,
        json!({"cmd": "confirm_presence", "meeting": "m1", "vote": 1, "iin": iins[90].to_string()}),
    );
    w.ok(DAY_PPO, json!({"cmd": "cast_named_vote", "meeting": "m1", "vote": 1, "iin": iins[91].to_string(), "choice": "for"}));
    let hall_member = refusal(w.try_(
        DAY_PPO,
        json!({"cmd": "confirm_presence", "meeting": "m1", "vote": 1, "iin": iins[0].to_string()}),
    ));
    assert!(hall_member.contains("is in the hall"), "{hall_member}");
    w.ok(DAY_PPO, json!({"cmd": "count_vote", "meeting": "m1", "vote": 1, "hall": {"for": 80, "against": 0, "abstain": 0}}));
    let vote = &w.state.detail(&code("m1")).unwrap().votes[&1];
    // 90 in the hall and the 2 remote participants who confirmed; 8 remote did not.
    assert_eq!(vote.present(), 92);
    assert_eq!(vote.named.for_, 1);
}

/// Holds all three PPO meetings and opens registration for D1's conference.
fn world_with_branch_registration() -> World {
    let mut w = World::new();
    w.hold_ppo("p1", "P1");
    w.hold_ppo("p2", "P2");
    w.ok("2020-11-10T10:00:00+06:00", json!({"cmd": "convene_meeting", "code": "d1", "campaign": "c", "unit": "D1", "phase": "branch", "convened_by": "d", "scheduled_at": "2020-11-10T10:00:00+06:00", "venue": "v", "extraordinary": true}));
    w.ok(
        "2020-11-10T10:00:00+06:00",
        json!({"cmd": "open_registration", "meeting": "d1"}),
    );
    w
}

#[test]
fn a_reissued_card_refuses_the_old_qr_code() {
    let mut w = world_with_branch_registration();
    // 150 members / 50 = 3 delegates from P1, and at least one from P2.
    assert_eq!(w.state.meetings[&code("d1")].electorate, 4);
    let at = "2020-11-10T10:05:00+06:00";
    w.ok(at, json!({"cmd": "reissue_card", "meeting": "d1", "mandate": 2, "reason": "lost in the cloakroom"}));
    let old = refusal(w.try_(
        at,
        json!({"cmd": "check_in", "meeting": "d1", "mandate": 2, "card": 1, "mode": "hall"}),
    ));
    assert!(old.contains("was reissued and no longer works"), "{old}");
    w.ok(
        at,
        json!({"cmd": "check_in", "meeting": "d1", "mandate": 2, "card": 2, "mode": "hall"}),
    );
    // Checked by the desk without the QR code.
    w.ok(
        at,
        json!({"cmd": "check_in", "meeting": "d1", "mandate": 3, "mode": "remote"}),
    );
}

#[test]
fn a_protocol_entered_late_is_accepted_for_a_meeting_held_inside_its_window() {
    let mut w = World::new();
    w.ok(DAY_PPO, json!({"cmd": "convene_meeting", "code": "m1", "campaign": "c", "unit": "P2", "phase": "ppo", "convened_by": "d", "scheduled_at": DAY_PPO, "venue": "v"}));
    w.ok(
        DAY_PPO,
        json!({"cmd": "open_registration", "meeting": "m1"}),
    );
    let sheet: Vec<String> = w.iins("P2")[..8].iter().map(Iin::to_string).collect();
    w.ok(
        DAY_PPO,
        json!({"cmd": "record_attendance", "meeting": "m1", "hall": sheet}),
    );
    // Held on 7 Nov, typed in on 10 Nov: inside the default entry deadline (phase end + 3 days).
    w.try_at(
        DAY_PPO,
        "2020-11-10T09:00:00Z",
        json!({"cmd": "open_meeting", "meeting": "m1"}),
    )
    .unwrap();
    let m = &w.state.meetings[&code("m1")];
    assert_eq!(m.opened_at, Some(DAY_PPO.parse().unwrap()));
    // The rest of the same protocol, typed in after the deadline, is refused like its opening.
    let after = refusal(w.try_at(
        DAY_PPO,
        "2020-11-12T05:00:00Z",
        json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 1, "motion": "credentials"}),
    ));
    assert!(
        after.contains("could be entered until 2020-11-12 00:00"),
        "{after}"
    );
    let before_opening = refusal(w.try_(
        "2020-11-07T09:00:00+06:00",
        json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 1, "motion": "credentials"}),
    ));
    assert!(
        before_opening.contains("says it happened earlier"),
        "{before_opening}"
    );

    let mut late = World::new();
    late.ok(DAY_PPO, json!({"cmd": "convene_meeting", "code": "m1", "campaign": "c", "unit": "P2", "phase": "ppo", "convened_by": "d", "scheduled_at": DAY_PPO, "venue": "v"}));
    late.ok(
        DAY_PPO,
        json!({"cmd": "open_registration", "meeting": "m1"}),
    );
    let sheet: Vec<String> = late.iins("P2")[..8].iter().map(Iin::to_string).collect();
    late.ok(
        DAY_PPO,
        json!({"cmd": "record_attendance", "meeting": "m1", "hall": sheet}),
    );
    let outside = refusal(late.try_at(
        "2020-11-09T10:00:00+06:00",
        "2020-11-09T05:00:00Z",
        json!({"cmd": "open_meeting", "meeting": "m1"}),
    ));
    assert!(
        outside.contains("held at 2020-11-09 10:00, outside phase ppo"),
        "{outside}"
    );
    let too_late = refusal(late.try_at(
        DAY_PPO,
        "2020-11-20T05:00:00Z",
        json!({"cmd": "open_meeting", "meeting": "m1"}),
    ));
    assert!(
        too_late.contains("could be entered until 2020-11-12 00:00"),
        "{too_late}"
    );
}

#[test]
fn conferences_wait_for_the_meetings_below_and_name_the_missing_ones() {
    let mut w = World::new();
    w.hold_ppo("p1", "P1");
    w.ok("2020-11-10T10:00:00+06:00", json!({"cmd": "convene_meeting", "code": "d1", "campaign": "c", "unit": "D1", "phase": "branch", "convened_by": "d", "scheduled_at": "2020-11-10T10:00:00+06:00", "venue": "v"}));
    let missing = refusal(w.try_(
        "2020-11-10T10:00:00+06:00",
        json!({"cmd": "open_registration", "meeting": "d1"}),
    ));
    assert!(
        missing.contains("1 units below it have not held their meetings: P2"),
        "{missing}"
    );
    w.ok("2020-11-10T10:00:00+06:00", json!({"cmd": "excuse_unit", "campaign": "c", "unit": "P2", "reason": "failed quorum twice"}));
    w.ok(
        "2020-11-10T10:00:00+06:00",
        json!({"cmd": "open_registration", "meeting": "d1"}),
    );

    w.ok("2020-11-16T10:00:00+06:00", json!({"cmd": "convene_meeting", "code": "r", "campaign": "c", "unit": "R", "phase": "region", "convened_by": "d", "scheduled_at": "2020-11-16T10:00:00+06:00", "venue": "v"}));
    let regional = refusal(w.try_(
        "2020-11-16T10:00:00+06:00",
        json!({"cmd": "open_registration", "meeting": "r"}),
    ));
    assert!(
        regional.contains("2 units below it have not held their meetings: D1, D2"),
        "{regional}"
    );
}

#[test]
fn membership_is_frozen_while_the_ppo_meets_and_delegates_respect_the_allotment() {
    let mut w = World::new();
    w.open_ppo("m1", "P2", 8);
    let member = w.iins("P2")[9];
    let frozen = refusal(w.try_(DAY_PPO, json!({"cmd": "transfer_member", "iin": member.to_string(), "unit": "P1", "reason": "moved"})));
    assert!(frozen.contains("membership is frozen"), "{frozen}");
    w.presidium_and_agenda("m1", "P2", 1);
    let slate: Vec<String> = w.iins("P2")[..2].iter().map(Iin::to_string).collect();
    let over = refusal(w.try_(DAY_PPO, json!({"cmd": "put_to_vote", "meeting": "m1", "vote": 3, "motion": "delegates", "candidates": slate})));
    assert!(over.contains("allotted 1 delegates"), "{over}");
}
