//! Debates between registered candidates: scheduling them, the conference debates by invitation (branch quotas, invitations by rating, answers), and recording how each went.

use super::*;
use crate::command::Needs;
use crate::command::{
    AnswerDebateInvitation, InvitationAnswer, InviteToDebate, RecordDebate, ScheduleDebate,
    SetDebateQuotas,
};
use crate::decide::{Decide, Stamp};
use crate::poll::DebateQuota;
use crate::primaries::{DEFAULT_DEBATERS_PER_PLACE, Ratings, invite_to_debate, quotas_under};
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
        debate_in_phase(state, c, phase.as_ref(), *starts_at, "schedule_debate")?;
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

/// Under rules version 2 a debate names its phase, and starts inside its window.
fn debate_in_phase(
    state: &Snapshot,
    c: &Code,
    phase: Option<&Code>,
    starts_at: Timestamp,
    what: &'static str,
) -> Result<(), RuleError> {
    if state.rules_version.charter() {
        let phase = phase.ok_or(RuleError::PhaseMissing { what })?;
        within_phase(state, c, phase, starts_at, starts_at)?;
    }
    Ok(())
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

impl Decide for SetDebateQuotas {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetDebateQuotas {
            campaign: c,
            target,
            places,
            method,
            per_place,
        } = self;
        let t = target_of(state, c, target)?;
        // Once a branch has invited its debaters, its share is what they were invited under.
        if let Some(d) = state
            .debates
            .values()
            .find(|d| &d.campaign == c && &d.target == target && quota_of(state, d).is_some())
        {
            return Err(RuleError::DebateQuotasFrozen {
                target: target.clone(),
                debate: d.code.clone(),
            });
        }
        let places = places.unwrap_or(t.seats);
        let shares = quotas_under(
            state,
            &t.electorate_unit,
            places,
            method.unwrap_or(crate::count::Apportionment::LargestRemainder),
            per_place.unwrap_or(DEFAULT_DEBATERS_PER_PLACE),
        )
        .map_err(|e| RuleError::DebateQuotasInvalid {
            target: target.clone(),
            problem: e.to_string(),
        })?;
        Ok(shares
            .into_iter()
            .map(|q| {
                Change::PutDebateQuota(DebateQuota {
                    campaign: c.clone(),
                    target: target.clone(),
                    unit: q.branch,
                    members: q.members,
                    places: q.places,
                    debaters: q.debaters,
                })
            })
            .collect())
    }
}

/// The quota a debate was invited under: a debate of a branch with a recorded share.
fn quota_of<'a>(state: &'a Snapshot, d: &Debate) -> Option<&'a DebateQuota> {
    state
        .debate_quotas
        .get(&(d.campaign.clone(), d.target.clone(), d.unit.clone()))
}

impl Decide for InviteToDebate {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let InviteToDebate {
            code,
            campaign: c,
            target,
            unit,
            starts_at,
            streams,
            phase,
        } = self;
        debate_in_phase(state, c, phase.as_ref(), *starts_at, "invite_to_debate")?;
        target_of(state, c, target)?;
        let quota = state
            .debate_quotas
            .get(&(c.clone(), target.clone(), unit.clone()))
            .filter(|q| q.debaters > 0)
            .ok_or_else(|| RuleError::NoDebateQuota {
                unit: unit.clone(),
                target: target.clone(),
            })?;
        let ratings = primaries_ratings(state, c, target)?;
        // The branch's own candidates: members of the unit or of a unit under it.
        let in_branch = |member: i64| {
            state
                .members
                .values()
                .find(|m| m.id == member)
                .is_some_and(|m| &m.unit == unit || state.ancestors(&m.unit).contains(&unit))
        };
        let standing = |member: i64| {
            state
                .candidacies
                .get(&(c.clone(), target.clone(), member))
                .is_some_and(|x| x.status == CandidacyStatus::Registered)
        };
        let branch = Ratings {
            overall: ratings
                .overall
                .into_iter()
                .filter(|row| in_branch(row.member) && standing(row.member))
                .collect(),
            ..ratings
        };
        let invited: Vec<Iin> = invite_to_debate(&branch, quota.debaters)
            .iter()
            .filter_map(|row| state.members.values().find(|m| m.id == row.member))
            .map(|m| m.iin)
            .collect();
        schedule_debate(state, code, c, target, unit, *starts_at, &invited, streams)
    }
}

/// The counted primaries rating of `target` (its one members' poll).
fn primaries_ratings(state: &Snapshot, c: &Code, target: &Code) -> Result<Ratings, RuleError> {
    let polls: Vec<&Poll> = state
        .polls
        .values()
        .filter(|p| &p.campaign == c && p.target.as_ref() == Some(target) && p.meeting.is_none())
        .collect();
    let [poll] = polls.as_slice() else {
        return Err(RuleError::PrimariesNotCounted {
            target: target.clone(),
            polls: polls.iter().map(|p| p.code.clone()).collect(),
        });
    };
    if poll.status != PollStatus::Counted {
        return Err(RuleError::PrimariesNotCounted {
            target: target.clone(),
            polls: vec![poll.code.clone()],
        });
    }
    let result = state
        .poll_results
        .get(&poll.code)
        .ok_or_else(|| RuleError::internal(format!("the count of {} was not loaded", poll.code)))?;
    serde_json::from_str(&result.ratings).map_err(|e| {
        RuleError::internal(format!("the ratings of {} cannot be read ({e})", poll.code))
    })
}

impl Decide for AnswerDebateInvitation {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let AnswerDebateInvitation {
            debate,
            iin,
            answer,
            statement,
        } = self;
        let d = state
            .debates
            .get(debate)
            .ok_or_else(|| RuleError::NoDebate {
                debate: debate.clone(),
            })?;
        if at.held_at >= d.starts_at {
            return Err(RuleError::DebateStarted {
                debate: debate.clone(),
                starts_at: d.starts_at.to_string(),
            });
        }
        if *answer == InvitationAnswer::Refused {
            text("statement", statement, MAX_TEXT)?;
        }
        let member = existing_member(state, iin)?;
        let mut next = d.clone();
        let seat = next
            .participants
            .iter_mut()
            .find(|s| s.member == member.id)
            .ok_or_else(|| RuleError::NotDebater {
                name: member.full_name.clone(),
                debate: debate.clone(),
            })?;
        seat.attendance = Some(match answer {
            InvitationAnswer::Accepted => DebateAttendance::Accepted,
            InvitationAnswer::Refused => DebateAttendance::Refused,
        });
        Ok(vec![Change::PutDebate(next)])
    }
}
