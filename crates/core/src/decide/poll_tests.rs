//! Scenario tests of the poll rules: candidacy, debates, poll control, stations and the count, run against an in-memory snapshot as the store would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{RuleError, decide};
use crate::command::Envelope;
use crate::iin::{Iin, Sex};
use crate::model::{Code, MemberStatus};
use crate::poll::{CandidacyStatus, Marked, PollStatus, RollEntry};
use crate::state::{Change, Snapshot};
use jiff::Timestamp;
use jiff::civil::date;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// A record being built command by command, as the store does.
struct World {
    state: Snapshot,
    seq: i64,
    /// The four members of PPO P who stand for the district maslikhat.
    candidates: Vec<Iin>,
    /// Six members of PPO Q who only vote.
    voters: Vec<Iin>,
    /// A member of PPO X, in another district: not on the district's roll.
    outsider: Iin,
    /// The changes of the last command accepted.
    last: Vec<Change>,
}

const T: &str = "D.maslikhat";
const POLL: &str = "D.primaries";
const SETUP: &str = "2020-08-01T09:00:00+06:00";
const NOMINATION: &str = "2020-08-18T10:00:00+06:00";
const REGISTRATION: &str = "2020-08-24T10:00:00+06:00";
const BEFORE_CUTOFF: &str = "2020-09-25T10:00:00+06:00";
const AFTER_CUTOFF: &str = "2020-09-30T19:00:00+06:00";
const OPENS: &str = "2020-10-01T09:00:00+06:00";
const VOTING_DAY: &str = "2020-10-02T10:00:00+06:00";
const CLOSES: &str = "2020-10-03T20:00:00+06:00";
const AFTER_CLOSE: &str = "2020-10-04T10:00:00+06:00";

fn code(text: &str) -> Code {
    Code::parse(text).unwrap()
}

impl World {
    /// Region R with districts D (PPOs P and Q) and E (PPO X); campaign c with its nomination
    /// phase (17–28 Aug 2020) and a 2-seat district maslikhat T elected by D.
    fn new() -> World {
        let mut w = World {
            state: Snapshot::default(),
            seq: 0,
            candidates: Vec::new(),
            voters: Vec::new(),
            outsider: Iin::compose(date(1980, 1, 1), Sex::Male, 1).unwrap(),
            last: Vec::new(),
        };
        let names = json!({"ru": "Х", "kk": "Ә", "en": "X"});
        for (unit, kind, parent) in [
            ("R", "region", None),
            ("D", "district", Some("R")),
            ("E", "district", Some("R")),
            ("P", "primary", Some("D")),
            ("Q", "primary", Some("D")),
            ("X", "primary", Some("E")),
        ] {
            w.ok(SETUP, json!({"cmd": "create_unit", "code": unit, "kind": kind, "parent": parent, "names": names}));
        }
        let mut serial = 1u16;
        let mut member = |w: &mut World, unit: &str, born: jiff::civil::Date| {
            let (s, iin) = (serial..)
                .find_map(|s| Iin::compose(born, Sex::Female, s).map(|i| (s, i)))
                .unwrap();
            serial = s + 1;
            let phone = format!("+7701{:07}", w.seq);
            w.ok(SETUP, json!({"cmd": "register_member", "iin": iin.to_string(), "full_name": format!("Member {s}"), "phone": phone, "unit": unit, "joined_on": "2015-01-01"}));
            iin
        };
        for _ in 0..4 {
            let iin = member(&mut w, "P", date(1975, 5, 5));
            w.candidates.push(iin);
        }
        for _ in 0..6 {
            let iin = member(&mut w, "Q", date(1985, 6, 6));
            w.voters.push(iin);
        }
        w.outsider = member(&mut w, "X", date(1990, 7, 7));
        w.ok(SETUP, json!({"cmd": "create_campaign", "code": "c", "name": "2021", "election_day": "2021-01-10"}));
        w.ok(SETUP, json!({"cmd": "set_phase", "campaign": "c", "phase": "nomination", "starts_local": "2020-08-17T00:00:00", "ends_local": "2020-08-28T18:00:00"}));
        w.ok(SETUP, json!({"cmd": "set_target", "campaign": "c", "code": T, "body": "local_maslikhat", "name": "D maslikhat", "seats": 2, "electorate_unit": "D"}));
        w
    }

    /// Decides a command held at `held_at` and recorded a minute later; an accepted one is
    /// applied, and a frozen members' roll is filled in as the store's statement would.
    fn try_at(&mut self, held_at: &str, mut command: Value) -> Result<(), RuleError> {
        command["actor"] = json!("committee");
        command["held_at"] = json!(held_at);
        let env = Envelope::parse(&command.to_string()).unwrap();
        let recorded: Timestamp = env.held_at + jiff::SignedDuration::from_mins(1);
        let changes = decide(&env, self.seq + 1, recorded, &self.state)?;
        self.seq += 1;
        for change in &changes {
            self.state.apply(change);
            if let Change::FreezeMembersRoll { poll, units } = change {
                self.fill_roll(poll, units);
            }
        }
        self.last = changes;
        Ok(())
    }

    /// The store writes the roll of a members' poll with one statement and loads it back with
    /// the ballot box: here every active member of `units` goes on it, and the box is empty.
    fn fill_roll(&mut self, poll: &Code, units: &[Code]) {
        let entries: Vec<RollEntry> = self
            .state
            .members
            .values()
            .filter(|m| m.status == MemberStatus::Active && units.contains(&m.unit))
            .map(|m| RollEntry {
                poll: poll.clone(),
                member: m.id,
                unit: m.unit.clone(),
                marked: Marked::NotYet,
            })
            .collect();
        for e in &entries {
            let polls = self.state.rolls_of_member.entry(e.member).or_default();
            polls.push(poll.clone());
        }
        let detail = self.state.poll_details.entry(poll.clone()).or_default();
        for e in entries {
            detail.roll.insert(e.member, e);
        }
        detail.leaves = Some(Default::default());
        detail.sealed = Some(Vec::new());
    }

    fn ok(&mut self, held_at: &str, command: Value) {
        let shown = command.to_string();
        if let Err(e) = self.try_at(held_at, command) {
            panic!("refused: {e}\n{shown}");
        }
    }

    /// The code of the refusal of a command that must be refused.
    fn refused(&mut self, held_at: &str, command: Value) -> &'static str {
        let shown = command.to_string();
        match self.try_at(held_at, command) {
            Ok(()) => panic!("accepted: {shown}"),
            Err(e) => e.code(),
        }
    }

    fn candidate(&self, n: usize) -> String {
        self.candidates[n].to_string()
    }

    fn voter(&self, n: usize) -> String {
        self.voters[n].to_string()
    }

    fn nominate(&mut self, n: usize) {
        let iin = self.candidate(n);
        self.ok(NOMINATION, json!({"cmd": "nominate_candidate", "campaign": "c", "target": T, "iin": iin, "nominated_by": "self", "residency_years": 20}));
    }

    fn register(&mut self, n: usize) {
        let iin = self.candidate(n);
        self.ok(REGISTRATION, json!({"cmd": "register_candidate", "campaign": "c", "target": T, "iin": iin, "decision": "No. 1"}));
    }

    /// Candidates 0 to 2 nominated and registered.
    fn with_three_registered(mut self) -> World {
        for n in 0..3 {
            self.nominate(n);
            self.register(n);
        }
        self
    }

    /// `create_poll` of the three registered candidates (options o0, o1, o2) by plurality.
    fn poll_command(&self, extra: Value) -> Value {
        let options: Vec<Value> = (0..3)
            .map(|n| json!({"code": format!("o{n}"), "label": format!("Candidate {n}"), "candidate": self.candidate(n)}))
            .collect();
        let mut command = json!({"cmd": "create_poll", "code": POLL, "campaign": "c", "title": "Primaries", "target": T, "options": options, "method": "plurality", "seats": 2, "electorate": {"members": {"unit": "D"}}, "roll_cutoff": "2020-09-30T18:00:00+06:00", "opens_at": OPENS, "closes_at": CLOSES});
        if let (Some(command), Some(extra)) = (command.as_object_mut(), extra.as_object()) {
            command.extend(extra.clone());
        }
        command
    }

    /// The poll created, its roll frozen and opened.
    fn open_poll(&mut self, extra: Value) {
        let command = self.poll_command(extra);
        self.ok("2020-09-20T10:00:00+06:00", command);
        self.ok(AFTER_CUTOFF, json!({"cmd": "freeze_roll", "poll": POLL}));
        self.ok(OPENS, json!({"cmd": "open_poll", "poll": POLL}));
    }

    fn close_poll(&mut self) {
        self.ok(CLOSES, json!({"cmd": "close_poll", "poll": POLL}));
    }

    fn status(&self) -> PollStatus {
        self.state.polls[&code(POLL)].status
    }

    fn member_id(&self, iin: &Iin) -> i64 {
        self.state.members[iin].id
    }
}

// Candidacy.

#[test]
fn a_candidate_is_nominated_and_decided_on_only_inside_the_nomination_phase() {
    let mut w = World::new();
    let iin = w.candidate(0);
    let early = json!({"cmd": "nominate_candidate", "campaign": "c", "target": T, "iin": iin, "nominated_by": "self"});
    assert_eq!(
        w.refused("2020-08-10T10:00:00+06:00", early.clone()),
        "outside_nomination"
    );
    w.ok(NOMINATION, early);
    let register = json!({"cmd": "register_candidate", "campaign": "c", "target": T, "iin": iin, "decision": "No. 1"});
    assert_eq!(
        w.refused("2020-09-01T10:00:00+06:00", register.clone()),
        "outside_nomination"
    );
    w.ok(REGISTRATION, register);
    let x = w.state.candidacies[&(code("c"), code(T), w.member_id(&w.candidates[0]))].clone();
    assert_eq!(x.status, CandidacyStatus::Registered);
    assert_eq!(x.number, 1);
}

#[test]
fn an_ineligible_member_is_refused_with_every_rule_they_fail() {
    let mut w = World::new();
    // Born 1975 and a member since 2015: too young for 50, too new for ten years.
    w.ok(SETUP, json!({"cmd": "set_eligibility", "campaign": "c", "target": T, "min_age": 50, "min_membership_days": 3650}));
    let iin = w.candidate(0);
    let command = json!({"cmd": "nominate_candidate", "campaign": "c", "target": T, "iin": iin, "nominated_by": "self"});
    w.try_at(NOMINATION, command.clone()).map_or_else(
        |e| match e {
            RuleError::NotEligible { reasons, .. } => assert_eq!(reasons.0.len(), 2, "{reasons:?}"),
            other => panic!("{other}"),
        },
        |()| panic!("accepted"),
    );
    w.ok(
        SETUP,
        json!({"cmd": "set_eligibility", "campaign": "c", "target": T, "min_age": 25}),
    );
    w.ok(NOMINATION, command);
}

#[test]
fn a_candidacy_is_decided_once_and_a_withdrawn_member_may_stand_again() {
    let mut w = World::new();
    w.nominate(0);
    let iin = w.candidate(0);
    let again = json!({"cmd": "nominate_candidate", "campaign": "c", "target": T, "iin": iin, "nominated_by": "self"});
    assert_eq!(w.refused(NOMINATION, again.clone()), "already_candidate");
    w.register(0);
    let register = json!({"cmd": "register_candidate", "campaign": "c", "target": T, "iin": iin, "decision": "No. 2"});
    assert_eq!(w.refused(REGISTRATION, register), "candidacy_not_nominated");
    let refuse = json!({"cmd": "refuse_candidate", "campaign": "c", "target": T, "iin": iin, "reason": "late"});
    assert_eq!(w.refused(REGISTRATION, refuse), "candidacy_not_nominated");
    let withdraw = json!({"cmd": "withdraw_candidate", "campaign": "c", "target": T, "iin": iin, "reason": "health"});
    w.ok(REGISTRATION, withdraw.clone());
    assert_eq!(w.refused(REGISTRATION, withdraw), "candidacy_already");
    w.ok(NOMINATION, again);
    let stranger = w.voter(0);
    let unknown = json!({"cmd": "register_candidate", "campaign": "c", "target": T, "iin": stranger, "decision": "No. 3"});
    assert_eq!(w.refused(REGISTRATION, unknown), "not_candidate");
}

#[test]
fn a_ppo_nominates_only_its_own_members() {
    let mut w = World::new();
    let iin = w.candidate(0);
    let by_q = json!({"cmd": "nominate_candidate", "campaign": "c", "target": T, "iin": iin, "nominated_by": {"ppo": {"unit": "Q", "decision": "protocol No. 2"}}});
    assert_eq!(w.refused(NOMINATION, by_q), "nominates_own_members");
    let by_p = json!({"cmd": "nominate_candidate", "campaign": "c", "target": T, "iin": iin, "nominated_by": {"ppo": {"unit": "P", "decision": "protocol No. 2"}}});
    w.ok(NOMINATION, by_p);
}

// Debates.

#[test]
fn a_debate_is_between_registered_candidates_and_recorded_after_it_starts() {
    let mut w = World::new();
    w.nominate(0);
    w.register(0);
    w.nominate(1);
    w.register(1);
    w.nominate(2);
    let (a, b, c) = (w.candidate(0), w.candidate(1), w.candidate(2));
    let schedule = |participants: Vec<&String>| json!({"cmd": "schedule_debate", "code": "debate-1", "campaign": "c", "target": T, "unit": "D", "starts_at": "2020-09-15T19:00:00+06:00", "participants": participants});
    let at = "2020-09-01T10:00:00+06:00";
    assert_eq!(w.refused(at, schedule(vec![&a])), "debate_too_few");
    assert_eq!(
        w.refused(at, schedule(vec![&a, &c])),
        "debater_not_registered"
    );
    assert_eq!(w.refused(at, schedule(vec![&a, &a])), "listed_twice");
    w.ok(at, schedule(vec![&a, &b]));
    assert_eq!(w.refused(at, schedule(vec![&a, &b])), "debate_exists");

    let record =
        |marks: Value| json!({"cmd": "record_debate", "debate": "debate-1", "attendance": marks});
    let marks = json!([{"iin": a, "attendance": "took_part"}, {"iin": b, "attendance": "refused"}]);
    assert_eq!(
        w.refused("2020-09-15T18:00:00+06:00", record(marks.clone())),
        "debate_not_held_yet"
    );
    let stranger = json!([{"iin": c, "attendance": "took_part"}]);
    assert_eq!(
        w.refused("2020-09-15T21:00:00+06:00", record(stranger)),
        "not_debater"
    );
    w.ok("2020-09-15T21:00:00+06:00", record(marks));
    let b_id = w.member_id(&w.candidates[1]);
    assert_eq!(super::polls::debate_record(&w.state, b_id), (1, 0));
    let a_id = w.member_id(&w.candidates[0]);
    assert_eq!(super::polls::debate_record(&w.state, a_id), (0, 0));
}

// Poll control.

#[test]
fn a_members_poll_lists_every_registered_candidate_in_a_sensible_order_of_times() {
    let mut w = World::new().with_three_registered();
    let mut two = w.poll_command(json!({}));
    two["options"].as_array_mut().unwrap().pop();
    assert_eq!(
        w.refused("2020-09-20T10:00:00+06:00", two),
        "candidates_missing"
    );
    let backwards = w.poll_command(json!({"opens_at": CLOSES, "closes_at": OPENS}));
    assert_eq!(
        w.refused("2020-09-20T10:00:00+06:00", backwards),
        "poll_times_order"
    );
    let too_many_seats = w.poll_command(json!({"seats": 4}));
    assert_eq!(
        w.refused("2020-09-20T10:00:00+06:00", too_many_seats),
        "seats_out_of_range"
    );
    let all = w.poll_command(json!({}));
    w.ok("2020-09-20T10:00:00+06:00", all.clone());
    assert_eq!(w.status(), PollStatus::Scheduled);
    assert_eq!(w.refused("2020-09-20T10:00:00+06:00", all), "poll_exists");
}

#[test]
fn a_poll_moves_through_its_statuses_in_order_and_inside_its_window() {
    let mut w = World::new().with_three_registered();
    let create = w.poll_command(json!({}));
    w.ok("2020-09-20T10:00:00+06:00", create);
    let open = json!({"cmd": "open_poll", "poll": POLL});
    assert_eq!(w.refused(OPENS, open.clone()), "poll_status");
    let freeze = json!({"cmd": "freeze_roll", "poll": POLL});
    assert_eq!(
        w.refused(BEFORE_CUTOFF, freeze.clone()),
        "roll_before_cutoff"
    );
    w.ok(AFTER_CUTOFF, freeze);
    // District D: four candidates in P and six voters in Q; the member of X is elsewhere.
    assert_eq!(w.state.polls[&code(POLL)].roll_size, 10);
    assert_eq!(w.status(), PollStatus::RollFrozen);
    assert_eq!(w.refused(AFTER_CUTOFF, open.clone()), "outside_poll_window");
    w.ok(OPENS, open);
    assert_eq!(w.status(), PollStatus::Open);

    let pause = json!({"cmd": "pause_poll", "poll": POLL, "reason": "  "});
    assert_eq!(w.refused(VOTING_DAY, pause), "empty");
    w.ok(
        VOTING_DAY,
        json!({"cmd": "pause_poll", "poll": POLL, "reason": "outage"}),
    );
    assert_eq!(w.status(), PollStatus::Paused);
    w.ok(
        VOTING_DAY,
        json!({"cmd": "resume_poll", "poll": POLL, "reason": "fixed"}),
    );
    assert_eq!(w.status(), PollStatus::Open);

    let earlier = json!({"cmd": "extend_poll", "poll": POLL, "closes_at": OPENS, "reason": "load"});
    assert_eq!(w.refused(VOTING_DAY, earlier), "extension_not_later");
    w.ok(VOTING_DAY, json!({"cmd": "extend_poll", "poll": POLL, "closes_at": "2020-10-04T20:00:00+06:00", "reason": "load"}));
    assert_eq!(
        w.state.polls[&code(POLL)].closes_at,
        "2020-10-04T20:00:00+06:00".parse::<Timestamp>().unwrap()
    );

    // Closing before the scheduled close needs a reason.
    assert_eq!(
        w.refused(VOTING_DAY, json!({"cmd": "close_poll", "poll": POLL})),
        "empty"
    );
    w.ok(
        VOTING_DAY,
        json!({"cmd": "close_poll", "poll": POLL, "reason": "committee decision"}),
    );
    assert_eq!(w.status(), PollStatus::Closed);
    let reopen_past =
        json!({"cmd": "reopen_poll", "poll": POLL, "closes_at": OPENS, "reason": "error"});
    assert_eq!(w.refused(VOTING_DAY, reopen_past), "reopen_close_in_past");
    w.ok(VOTING_DAY, json!({"cmd": "reopen_poll", "poll": POLL, "closes_at": "2020-10-04T20:00:00+06:00", "reason": "error"}));
    assert_eq!(w.status(), PollStatus::Open);
    let events: Vec<&str> = w.state.polls[&code(POLL)]
        .events
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(events.first(), Some(&"created"));
    assert_eq!(events.last(), Some(&"reopened"));
}

#[test]
fn a_frozen_roll_locks_a_voters_phone_until_the_poll_closes() {
    let mut w = World::new().with_three_registered();
    w.open_poll(json!({}));
    let voter = w.voter(0);
    let change = json!({"cmd": "change_member_phone", "iin": voter, "phone": "+77770000001", "reason": "new SIM"});
    assert_eq!(
        w.refused(VOTING_DAY, change.clone()),
        "phone_change_needs_decision"
    );
    w.close_poll();
    w.ok(AFTER_CLOSE, change);
}

// Stations.

#[test]
fn a_member_votes_once_whether_online_or_at_a_station() {
    let mut w = World::new().with_three_registered();
    w.open_poll(json!({}));
    let (v0, v1, v2) = (w.voter(0), w.voter(1), w.voter(2));
    let mark = |station: &str, iins: Vec<&String>, offline: bool| json!({"cmd": "mark_at_station", "poll": POLL, "station": station, "iins": iins, "offline": offline});
    w.ok(VOTING_DAY, mark("S1", vec![&v0, &v1], false));
    let detail = &w.state.poll_details[&code(POLL)];
    assert_eq!(detail.station_marks[&code("S1")], 2);
    assert_eq!(
        w.refused(VOTING_DAY, mark("S2", vec![&v0], false)),
        "station_already_voted"
    );
    assert_eq!(
        w.refused(VOTING_DAY, mark("S2", vec![&v2, &v2], false)),
        "listed_twice"
    );
    let outsider = w.outsider.to_string();
    assert_eq!(
        w.refused(VOTING_DAY, mark("S2", vec![&outsider], false)),
        "station_not_on_roll"
    );
    assert_eq!(
        w.refused(AFTER_CLOSE, mark("S2", vec![&v2], false)),
        "station_outside_window"
    );

    // Online ballots of the box: a voter marked at a station is not admitted again.
    let batch =
        |voters: Vec<&String>| json!({"cmd": "record_ballots", "poll": POLL, "voters": voters});
    assert_eq!(w.refused(VOTING_DAY, batch(vec![&v1])), "already_voted");
    w.ok(VOTING_DAY, batch(vec![&v2]));
    assert_eq!(w.state.poll_details[&code(POLL)].marked_online, 1);

    // An offline station's list after the close: who had voted already goes to the commission.
    w.close_poll();
    let v3 = w.voter(3);
    w.ok(AFTER_CLOSE, mark("S3", vec![&v2, &v3], true));
    let conflicts: Vec<&Change> = w
        .last
        .iter()
        .filter(|c| matches!(c, Change::PutStationConflict(_)))
        .collect();
    assert_eq!(conflicts.len(), 1, "{:?}", w.last);
    let v3_id = w.member_id(&w.voters[3]);
    assert_eq!(
        w.state.poll_details[&code(POLL)].roll[&v3_id].marked,
        Marked::Station(code("S3"))
    );
}

#[test]
fn a_station_return_holds_no_more_ballots_than_voters_marked_there_and_is_entered_once() {
    let mut w = World::new().with_three_registered();
    w.open_poll(json!({}));
    let (v0, v1, v2) = (w.voter(0), w.voter(1), w.voter(2));
    w.ok(
        VOTING_DAY,
        json!({"cmd": "mark_at_station", "poll": POLL, "station": "S1", "iins": [v0, v1, v2]}),
    );
    let entry = |per_option: Value, spoiled: u64| json!({"cmd": "enter_station_return", "poll": POLL, "station": "S1", "per_option": per_option, "spoiled": spoiled, "commission": "station commission S1"});
    assert_eq!(
        w.refused(VOTING_DAY, entry(json!({"o0": 2, "o1": 1}), 0)),
        "poll_status"
    );
    w.close_poll();
    assert_eq!(
        w.refused(AFTER_CLOSE, entry(json!({"o0": 2, "o1": 1}), 1)),
        "station_ballots_exceed_voters"
    );
    assert_eq!(
        w.refused(AFTER_CLOSE, entry(json!({"o9": 1}), 0)),
        "unknown_station_option"
    );
    w.ok(AFTER_CLOSE, entry(json!({"o0": 2}), 1));
    assert_eq!(
        w.refused(AFTER_CLOSE, entry(json!({"o0": 1}), 0)),
        "station_already_entered"
    );
}

// The count.

/// Marks `voters` at station `station` and enters its return with `per_option`.
fn station(w: &mut World, station: &str, voters: &[usize], per_option: Value) {
    let iins: Vec<String> = voters.iter().map(|n| w.voter(*n)).collect();
    w.ok(
        VOTING_DAY,
        json!({"cmd": "mark_at_station", "poll": POLL, "station": station, "iins": iins}),
    );
    if w.status() == PollStatus::Open {
        w.close_poll();
    }
    w.ok(AFTER_CLOSE, json!({"cmd": "enter_station_return", "poll": POLL, "station": station, "per_option": per_option, "commission": format!("station commission {station}")}));
}

#[test]
fn the_count_takes_the_station_returns_and_strikes_a_candidate_who_withdrew() {
    let mut w = World::new().with_three_registered();
    w.open_poll(json!({}));
    let iins: Vec<String> = (0..5).map(|n| w.voter(n)).collect();
    w.ok(
        VOTING_DAY,
        json!({"cmd": "mark_at_station", "poll": POLL, "station": "S1", "iins": iins}),
    );
    let count = json!({"cmd": "count_poll", "poll": POLL});
    assert_eq!(w.refused(VOTING_DAY, count.clone()), "poll_status");
    w.close_poll();
    w.ok(AFTER_CLOSE, json!({"cmd": "enter_station_return", "poll": POLL, "station": "S1", "per_option": {"o0": 1, "o1": 2, "o2": 2}, "commission": "S1"}));
    let withdrawn = w.candidate(2);
    w.ok(AFTER_CLOSE, json!({"cmd": "withdraw_candidate", "campaign": "c", "target": T, "iin": withdrawn, "reason": "moved away"}));
    w.ok("2020-10-05T10:00:00+06:00", count.clone());
    assert_eq!(w.status(), PollStatus::Counted);
    assert_eq!(w.state.polls[&code(POLL)].struck, vec!["o2".to_string()]);
    let result = &w.state.poll_results[&code(POLL)];
    assert_eq!((result.electronic, result.paper), (0, 5));
    // The ratings name the two candidates left, the one with more votes first.
    let ratings: crate::primaries::Ratings = serde_json::from_str(&result.ratings).unwrap();
    let order: Vec<&str> = ratings.overall.iter().map(|r| r.option.as_str()).collect();
    assert_eq!(order, ["o1", "o0"]);
    assert_eq!(w.refused("2020-10-05T10:00:00+06:00", count), "poll_status");
}

#[test]
fn a_committed_lot_seed_must_be_revealed_at_the_count() {
    let mut w = World::new().with_three_registered();
    let hash = hex::encode(Sha256::digest(b"the seed"));
    w.open_poll(json!({"lot_seed_hash": hash}));
    station(&mut w, "S1", &[0, 1], json!({"o0": 1, "o1": 1}));
    let at = "2020-10-05T10:00:00+06:00";
    assert_eq!(
        w.refused(at, json!({"cmd": "count_poll", "poll": POLL})),
        "seed_needed"
    );
    assert_eq!(
        w.refused(
            at,
            json!({"cmd": "count_poll", "poll": POLL, "lot_seed": "another seed"})
        ),
        "seed_mismatch"
    );
    w.ok(
        at,
        json!({"cmd": "count_poll", "poll": POLL, "lot_seed": "the seed"}),
    );
    assert_eq!(w.status(), PollStatus::Counted);
}

#[test]
fn a_seed_is_refused_when_none_was_committed() {
    let mut w = World::new().with_three_registered();
    w.open_poll(json!({}));
    station(&mut w, "S1", &[0], json!({"o0": 1}));
    let count = json!({"cmd": "count_poll", "poll": POLL, "lot_seed": "a seed"});
    assert_eq!(
        w.refused("2020-10-05T10:00:00+06:00", count),
        "seed_not_committed"
    );
}

#[test]
fn a_poll_is_counted_only_when_every_online_ballot_is_sealed() {
    let mut w = World::new().with_three_registered();
    w.open_poll(json!({}));
    let voter = w.voter(0);
    w.ok(
        VOTING_DAY,
        json!({"cmd": "record_ballots", "poll": POLL, "voters": [voter]}),
    );
    w.close_poll();
    let count = json!({"cmd": "count_poll", "poll": POLL});
    assert_eq!(
        w.refused("2020-10-05T10:00:00+06:00", count),
        "not_all_sealed"
    );
}
