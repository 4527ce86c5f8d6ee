//! The rules of the primaries and polls, by stage; here what every stage shares: finding a poll, its status and detail, candidacies, and the poll's event log.

mod ballots;
mod candidacy;
mod control;
mod count;
mod debates;
mod stations;

pub(super) use candidacy::not_yet_candidate;

use super::{
    FUTURE_SLACK, MAX_NAME, MAX_TEXT, RuleError, Stamp, Term, campaign, existing_member, open_unit,
    target_of, text,
};
use crate::ballot::{self, BallotContent, Checkpoint, Hash32, StationCounts};
use crate::command::{DebateMark, OptionSpec};
use crate::count::{Method, TieBreak};
use crate::iin::Iin;
use crate::meeting::model::Presence;
use crate::model::Code;
use crate::poll::{
    Candidacy, CandidacyStatus, ConflictResolution, Debate, DebateAttendance, DebateSeat,
    Electorate, Marked, NominatedBy, Poll, PollEvent, PollOption, PollResult, PollStatus,
    RollEntry, SealedBallot, StationConflict, StationReturn,
};
use crate::primaries::{self, CandidateFacts, EligibilityRules, RatedCandidate};
use crate::state::{Change, PollDetail, Snapshot};
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The campaign phase inside which candidates are nominated and registered.
pub const NOMINATION_PHASE: &str = "nomination";

/// An entry of the poll's event log, stamped with the command's time and actor.
fn event(action: &str, at: &Stamp<'_>, reason: &str) -> PollEvent {
    PollEvent {
        action: action.to_string(),
        at: at.held_at,
        actor: at.actor.to_string(),
        reason: reason.trim().to_string(),
    }
}

fn with_status(p: &Poll, status: PollStatus, at: &Stamp<'_>, action: &str, reason: &str) -> Change {
    let mut next = p.clone();
    next.status = status;
    next.events.push(event(action, at, reason));
    Change::PutPoll(next)
}

pub(super) fn poll_of<'a>(state: &'a Snapshot, code: &Code) -> Result<&'a Poll, RuleError> {
    state
        .polls
        .get(code)
        .ok_or_else(|| RuleError::NoPoll { poll: code.clone() })
}

fn detail_of<'a>(state: &'a Snapshot, poll: &Code) -> Result<&'a PollDetail, RuleError> {
    state
        .poll_details
        .get(poll)
        .ok_or_else(|| RuleError::internal(format!("the roll of {poll} was not loaded")))
}

fn status_in(p: &Poll, allowed: &[PollStatus], doing: &'static str) -> Result<(), RuleError> {
    if allowed.contains(&p.status) {
        return Ok(());
    }
    let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
    Err(RuleError::PollStatus {
        poll: p.code.clone(),
        status: Term::new("poll_status", p.status.as_str()),
        action: doing,
        allowed: super::Alternatives::new("poll_status", names),
    })
}

/// Inside the campaign's nomination phase (campaign time).
fn in_nomination(state: &Snapshot, c: &Code, held_at: Timestamp) -> Result<(), RuleError> {
    let phase: Code = NOMINATION_PHASE
        .parse()
        .map_err(|_| RuleError::internal("the nomination phase code is invalid"))?;
    let w = super::meetings::window_of(state, c, &phase)?;
    if held_at < w.0 || held_at > w.1 {
        return Err(RuleError::OutsideNomination {
            phase: NOMINATION_PHASE.to_string(),
            starts: w.0.to_string(),
            ends: w.1.to_string(),
            held_at: held_at.to_string(),
        });
    }
    Ok(())
}

/// The window of campaign phase `phase` holds `from` .. `to` (rules version 2: polls and
/// debates belong to a phase), refused with the window in campaign time.
fn within_phase(
    state: &Snapshot,
    c: &Code,
    phase: &Code,
    from: Timestamp,
    to: Timestamp,
) -> Result<(), RuleError> {
    let (starts, ends) = super::meetings::window_of(state, c, phase)?;
    if from < starts || to > ends {
        let zone = super::zone_of(campaign(state, c)?)?;
        let local = |t: Timestamp| super::meetings::local(t, &zone);
        return Err(RuleError::OutsidePhase {
            phase: phase.clone(),
            starts: local(starts),
            ends: local(ends),
            from: local(from),
            to: local(to),
        });
    }
    Ok(())
}

fn candidacy_of<'a>(
    state: &'a Snapshot,
    c: &Code,
    target: &Code,
    iin: &Iin,
) -> Result<&'a Candidacy, RuleError> {
    let member = existing_member(state, iin)?;
    state
        .candidacies
        .get(&(c.clone(), target.clone(), member.id))
        .ok_or_else(|| RuleError::NotCandidate {
            name: member.full_name.clone(),
            target: target.clone(),
        })
}

/// Debates a member refused and missed, over every debate of the record.
pub fn debate_record(state: &Snapshot, member: i64) -> (u32, u32) {
    let mut refused = 0;
    let mut absent = 0;
    for seat in state
        .debates
        .values()
        .flat_map(|d| &d.participants)
        .filter(|s| s.member == member)
    {
        match seat.attendance {
            Some(DebateAttendance::Refused) => refused += 1,
            Some(DebateAttendance::Absent) => absent += 1,
            _ => {}
        }
    }
    (refused, absent)
}

/// Members whose phone is locked: on a frozen roll of a poll not yet closed.
pub(super) fn phone_locked_by(state: &Snapshot, member: i64) -> Option<&Code> {
    state.rolls_of_member.get(&member).and_then(|polls| {
        polls.iter().find(|code| {
            state.polls.get(*code).is_some_and(|p| {
                matches!(
                    p.status,
                    PollStatus::RollFrozen | PollStatus::Open | PollStatus::Paused
                )
            })
        })
    })
}
