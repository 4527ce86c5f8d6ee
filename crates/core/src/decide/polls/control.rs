//! Poll control: creating a poll, freezing its roll, opening, pausing, resuming, extending, closing and reopening it.

use super::*;
use crate::command::Needs;
use crate::command::{
    ClosePoll, CreatePoll, ExtendPoll, FreezeRoll, OpenPoll, PausePoll, ReopenPoll, ResumePoll,
};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for CreatePoll {
    fn needs(&self, needs: &mut Needs) {
        needs
            .iins
            .extend(self.options.iter().filter_map(|o| o.candidate));
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CreatePoll {
            code,
            campaign: c,
            title,
            target,
            meeting,
            options,
            method,
            seats,
            electorate,
            roll_cutoff,
            opens_at,
            closes_at,
            board,
            lot_seed_hash,
            phase,
            debate,
        } = self;
        (|| {
            if state.polls.contains_key(code) {
                return Err(RuleError::PollExists { poll: code.clone() });
            }
            campaign(state, c)?;
            text("title", title, MAX_NAME)?;
            if let Some(t) = target {
                target_of(state, c, t)?;
            }
            if let Some(m) = meeting
                && !state.meetings.contains_key(m)
            {
                return Err(RuleError::NoMeeting { meeting: m.clone() });
            }
            match electorate {
                Electorate::Members { unit } => {
                    open_unit(state, unit)?;
                }
                Electorate::CheckedIn { meeting } => {
                    if !state.meetings.contains_key(meeting) {
                        return Err(RuleError::NoMeeting {
                            meeting: meeting.clone(),
                        });
                    }
                }
            }
            if !(roll_cutoff <= opens_at && opens_at < closes_at) {
                return Err(RuleError::PollTimesOrder {
                    roll_cutoff: roll_cutoff.to_string(),
                    opens_at: opens_at.to_string(),
                    closes_at: closes_at.to_string(),
                });
            }
            // A members' vote belongs to a phase of the campaign; a conference's rating vote is
            // held during its sitting, which the meeting's own calendar governs.
            if state.rules_version.charter() {
                match (phase, electorate) {
                    (Some(phase), _) => within_phase(state, c, phase, *opens_at, *closes_at)?,
                    (None, Electorate::CheckedIn { .. }) => {}
                    (None, Electorate::Members { .. }) => {
                        return Err(RuleError::PhaseMissing {
                            what: "create_poll",
                        });
                    }
                }
            }
            let phase = phase.clone();
            let options = poll_options(state, c, target.as_ref(), meeting.is_none(), options)?;
            if *seats == 0 || *seats as usize > options.len() {
                return Err(RuleError::SeatsOutOfRange {
                    options: options.len(),
                    seats: *seats,
                });
            }
            if *method == Method::InstantRunoff && *seats != 1 {
                return Err(RuleError::InstantRunoffOneSeat);
            }
            if let Some(debate) = debate {
                rated_debate(state, debate, meeting.as_ref(), target.as_ref(), &options)?;
            }
            Ok(vec![Change::PutPoll(Poll {
                code: code.clone(),
                campaign: c.clone(),
                title: title.trim().to_string(),
                target: target.clone(),
                meeting: meeting.clone(),
                options,
                method: *method,
                seats: *seats,
                electorate: electorate.clone(),
                roll_cutoff: *roll_cutoff,
                opens_at: *opens_at,
                closes_at: *closes_at,
                board: *board,
                lot_seed_hash: *lot_seed_hash,
                status: PollStatus::Scheduled,
                roll_size: 0,
                events: vec![event("created", at, "")],
                struck: Vec::new(),
                phase,
            })])
        })()
    }
}

/// A conference's rating vote on a debate: the debate was held for the poll's list in the
/// meeting's unit, and the ballot holds exactly the candidates who took part.
fn rated_debate(
    state: &Snapshot,
    code: &Code,
    meeting: Option<&Code>,
    target: Option<&Code>,
    options: &[PollOption],
) -> Result<(), RuleError> {
    let d = state.debates.get(code).ok_or_else(|| RuleError::NoDebate {
        debate: code.clone(),
    })?;
    let unit = meeting.and_then(|m| state.meetings.get(m)).map(|m| &m.unit);
    if unit != Some(&d.unit) || target != Some(&d.target) {
        return Err(RuleError::DebateNotOfMeeting {
            debate: code.clone(),
            unit: d.unit.clone(),
            target: d.target.clone(),
        });
    }
    let took_part: HashSet<i64> = d
        .participants
        .iter()
        .filter(|s| s.attendance == Some(DebateAttendance::TookPart))
        .map(|s| s.member)
        .collect();
    let on_ballot: HashSet<i64> = options.iter().filter_map(|o| o.member).collect();
    let name = |member: &i64| {
        state
            .members
            .values()
            .find(|m| m.id == *member)
            .map_or_else(|| format!("No. {member}"), |m| m.full_name.clone())
    };
    let mut missing: Vec<String> = took_part.difference(&on_ballot).map(name).collect();
    let mut extra: Vec<String> = on_ballot.difference(&took_part).map(name).collect();
    if missing.is_empty() && extra.is_empty() && options.len() == on_ballot.len() {
        return Ok(());
    }
    missing.sort();
    extra.sort();
    if options.len() != on_ballot.len() {
        extra.push("—".into());
    }
    Err(RuleError::OptionsNotDebaters {
        debate: code.clone(),
        missing,
        extra,
    })
}

impl Decide for FreezeRoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let FreezeRoll { poll } = self;
        freeze_roll(state, at, poll)
    }
}

impl Decide for OpenPoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let OpenPoll { poll } = self;
        let held_at = at.held_at;
        poll_of(state, poll).and_then(|p| {
            status_in(p, &[PollStatus::RollFrozen], "open")?;
            if held_at < p.opens_at || held_at >= p.closes_at {
                return Err(RuleError::OutsidePollWindow {
                    poll: poll.clone(),
                    opens_at: p.opens_at.to_string(),
                    closes_at: p.closes_at.to_string(),
                    held_at: held_at.to_string(),
                });
            }
            Ok(vec![with_status(p, PollStatus::Open, at, "opened", "")])
        })
    }
}

impl Decide for PausePoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let PausePoll { poll, reason } = self;
        poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(p, &[PollStatus::Open], "pause")?;
            Ok(vec![with_status(
                p,
                PollStatus::Paused,
                at,
                "paused",
                reason,
            )])
        })
    }
}

impl Decide for ResumePoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ResumePoll { poll, reason } = self;
        let held_at = at.held_at;
        poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(p, &[PollStatus::Paused], "resume")?;
            if held_at >= p.closes_at {
                return Err(RuleError::PollDueToClose {
                    poll: poll.clone(),
                    closes_at: p.closes_at.to_string(),
                });
            }
            Ok(vec![with_status(
                p,
                PollStatus::Open,
                at,
                "resumed",
                reason,
            )])
        })
    }
}

impl Decide for ExtendPoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ExtendPoll {
            poll,
            closes_at,
            reason,
        } = self;
        poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(
                p,
                &[PollStatus::RollFrozen, PollStatus::Open, PollStatus::Paused],
                "extend",
            )?;
            if let Some(phase) = p.phase.as_ref().filter(|_| state.rules_version.charter()) {
                within_phase(state, &p.campaign, phase, p.opens_at, *closes_at)?;
            }
            if *closes_at <= p.closes_at {
                return Err(RuleError::ExtensionNotLater {
                    closes_at: p.closes_at.to_string(),
                    given: closes_at.to_string(),
                });
            }
            let mut next = with_status(p, p.status, at, "extended", reason);
            if let Change::PutPoll(ref mut n) = next {
                n.closes_at = *closes_at;
                if let Some(e) = n.events.last_mut() {
                    e.action = format!("extended to {closes_at}");
                }
            }
            Ok(vec![next])
        })
    }
}

impl Decide for ClosePoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ClosePoll { poll, reason } = self;
        let held_at = at.held_at;
        poll_of(state, poll).and_then(|p| {
            status_in(p, &[PollStatus::Open, PollStatus::Paused], "close")?;
            if held_at < p.closes_at {
                text(
                    "reason (closing before the scheduled close)",
                    reason,
                    MAX_TEXT,
                )?;
            }
            Ok(vec![with_status(
                p,
                PollStatus::Closed,
                at,
                "closed",
                reason,
            )])
        })
    }
}

impl Decide for ReopenPoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ReopenPoll {
            poll,
            closes_at,
            reason,
        } = self;
        let held_at = at.held_at;
        poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(p, &[PollStatus::Closed], "reopen")?;
            if let Some(phase) = p.phase.as_ref().filter(|_| state.rules_version.charter()) {
                within_phase(state, &p.campaign, phase, p.opens_at, *closes_at)?;
            }
            if *closes_at <= held_at {
                return Err(RuleError::ReopenCloseInPast {
                    held_at: held_at.to_string(),
                    closes_at: closes_at.to_string(),
                });
            }
            let mut next = with_status(p, PollStatus::Open, at, "reopened", reason);
            if let Change::PutPoll(ref mut n) = next {
                n.closes_at = *closes_at;
            }
            Ok(vec![next])
        })
    }
}

/// Options on one ballot at most (a district list draws ~4 candidates per seat).
const MAX_OPTIONS: usize = 400;

fn poll_options(
    state: &Snapshot,
    c: &Code,
    target: Option<&Code>,
    whole_ballot: bool,
    specs: &[OptionSpec],
) -> Result<Vec<PollOption>, RuleError> {
    if specs.is_empty() || specs.len() > MAX_OPTIONS {
        return Err(RuleError::OptionCount {
            max: MAX_OPTIONS,
            given: specs.len(),
        });
    }
    let mut codes = HashSet::new();
    let mut out = Vec::new();
    for spec in specs {
        text("options.code", &spec.code, 40)?;
        text("options.label", &spec.label, MAX_NAME)?;
        if !codes.insert(spec.code.as_str()) {
            return Err(RuleError::OptionTwice {
                option: spec.code.to_string(),
            });
        }
        let member = match (&spec.candidate, target) {
            (Some(iin), Some(t)) => {
                let x = candidacy_of(state, c, t, iin)?;
                if x.status != CandidacyStatus::Registered {
                    return Err(RuleError::OptionNotRegistered {
                        option: spec.code.to_string(),
                        status: Term::new("candidacy_status", x.status.as_str()),
                    });
                }
                Some(x.member)
            }
            (Some(iin), None) => Some(existing_member(state, iin)?.id),
            (None, _) => None,
        };
        out.push(PollOption {
            code: spec.code.clone(),
            label: spec.label.trim().to_string(),
            member,
        });
    }
    // The members' primaries list every registered candidate; a conference's rating vote may
    // put a shortlist of them.
    if let Some(t) = target.filter(|_| whole_ballot) {
        let on_ballot: HashSet<i64> = out.iter().filter_map(|o| o.member).collect();
        let missing: Vec<u32> = state
            .candidacies
            .range((c.clone(), t.clone(), i64::MIN)..=(c.clone(), t.clone(), i64::MAX))
            .map(|(_, x)| x)
            .filter(|x| x.status == CandidacyStatus::Registered && !on_ballot.contains(&x.member))
            .map(|x| x.number)
            .collect();
        if !missing.is_empty() {
            return Err(RuleError::CandidatesMissing {
                target: t.clone(),
                numbers: missing.to_vec(),
            });
        }
    }
    Ok(out)
}

fn freeze_roll(state: &Snapshot, at: &Stamp<'_>, code: &Code) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Scheduled], "freeze_roll")?;
    if at.held_at < p.roll_cutoff {
        return Err(RuleError::RollBeforeCutoff {
            poll: code.clone(),
            cutoff: p.roll_cutoff.to_string(),
        });
    }
    let mut next = p.clone();
    next.status = PollStatus::RollFrozen;
    let roll = match &p.electorate {
        Electorate::Members { unit } => {
            let units = state.subtree(unit);
            next.roll_size = units
                .iter()
                .map(|u| state.active_members_by_unit.get(u).copied().unwrap_or(0))
                .sum();
            Change::FreezeMembersRoll {
                poll: code.clone(),
                units,
            }
        }
        Electorate::CheckedIn { meeting } => {
            let detail = state.details.get(meeting).ok_or_else(|| {
                RuleError::internal(format!("the attendance of {meeting} was not loaded"))
            })?;
            let m = state
                .meetings
                .get(meeting)
                .ok_or_else(|| RuleError::NoMeeting {
                    meeting: meeting.clone(),
                })?;
            let mut present: Vec<i64> = detail
                .attendance
                .values()
                .filter(|a| a.present && matches!(a.mode, Presence::Hall | Presence::Remote))
                .map(|a| a.member)
                .collect();
            present.sort_unstable();
            next.roll_size = present.len() as u64;
            Change::PutRoll(
                present
                    .into_iter()
                    .map(|member| RollEntry {
                        poll: code.clone(),
                        member,
                        unit: m.unit.clone(),
                        marked: Marked::NotYet,
                    })
                    .collect(),
            )
        }
    };
    if next.roll_size == 0 {
        return Err(RuleError::EmptyElectorate { poll: code.clone() });
    }
    next.events.push(event(
        &format!("roll frozen: {} voters", next.roll_size),
        at,
        "",
    ));
    Ok(vec![roll, Change::PutPoll(next)])
}
