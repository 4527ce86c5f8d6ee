//! Debates between registered candidates: scheduling them and recording how each went.

use super::*;
use crate::command::Needs;
use crate::command::{RecordDebate, ScheduleDebate};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for ScheduleDebate {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.extend(self.participants.iter().copied());
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ScheduleDebate {
            code,
            campaign: c,
            target,
            unit,
            starts_at,
            participants,
            streams,
            phase,
        } = self;
        if state.rules_version.charter() {
            let phase = phase.as_ref().ok_or(RuleError::PhaseMissing {
                what: "schedule_debate",
            })?;
            within_phase(state, c, phase, *starts_at, *starts_at)?;
        }
        schedule_debate(
            state,
            code,
            c,
            target,
            unit,
            *starts_at,
            participants,
            streams,
        )
    }
}

impl Decide for RecordDebate {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.extend(self.attendance.iter().map(|a| a.iin));
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RecordDebate {
            debate,
            recording,
            attendance,
        } = self;
        let held_at = at.held_at;
        record_debate(state, held_at, debate, recording, attendance)
    }
}

#[allow(clippy::too_many_arguments)]
fn schedule_debate(
    state: &Snapshot,
    code: &Code,
    c: &Code,
    target: &Code,
    unit: &Code,
    starts_at: Timestamp,
    participants: &[Iin],
    streams: &[crate::meeting::model::Stream],
) -> Result<Vec<Change>, RuleError> {
    if state.debates.contains_key(code) {
        return Err(RuleError::DebateExists {
            debate: code.clone(),
        });
    }
    target_of(state, c, target)?;
    open_unit(state, unit)?;
    if participants.len() < 2 {
        return Err(RuleError::DebateTooFew);
    }
    let mut seats = Vec::new();
    let mut seen = HashSet::new();
    for iin in participants {
        let x = candidacy_of(state, c, target, iin)?;
        if x.status != CandidacyStatus::Registered {
            return Err(RuleError::DebaterNotRegistered {
                iin: iin.masked(),
                status: Term::new("candidacy_status", x.status.as_str()),
            });
        }
        if !seen.insert(x.member) {
            return Err(RuleError::ListedTwice { iin: iin.masked() });
        }
        seats.push(DebateSeat {
            member: x.member,
            attendance: None,
        });
    }
    for s in streams {
        let url = s.url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 500 {
            return Err(RuleError::DebateLivestreamUrl {
                url: url.to_string(),
            });
        }
    }
    Ok(vec![Change::PutDebate(Debate {
        code: code.clone(),
        campaign: c.clone(),
        target: target.clone(),
        unit: unit.clone(),
        starts_at,
        streams: streams.to_vec(),
        participants: seats,
        recording: None,
    })])
}

fn record_debate(
    state: &Snapshot,
    held_at: Timestamp,
    code: &Code,
    recording: &Option<String>,
    attendance: &[DebateMark],
) -> Result<Vec<Change>, RuleError> {
    let d = state.debates.get(code).ok_or_else(|| RuleError::NoDebate {
        debate: code.clone(),
    })?;
    if held_at < d.starts_at {
        return Err(RuleError::DebateNotHeldYet {
            debate: code.clone(),
            starts_at: d.starts_at.to_string(),
        });
    }
    if let Some(url) = recording {
        text("recording", url, MAX_TEXT)?;
    }
    let mut next = d.clone();
    for mark in attendance {
        let member = existing_member(state, &mark.iin)?;
        let seat = next
            .participants
            .iter_mut()
            .find(|s| s.member == member.id)
            .ok_or_else(|| RuleError::NotDebater {
                name: member.full_name.clone(),
                debate: code.clone(),
            })?;
        seat.attendance = Some(mark.attendance);
    }
    if recording.is_some() {
        next.recording = recording.clone();
    }
    Ok(vec![Change::PutDebate(next)])
}
