//! The sitting: opening with a quorum, recording a meeting that failed, and closing it.

use super::*;
use crate::command::Needs;
use crate::command::{AttachSignedMinutes, CloseMeeting, FailMeeting, OpenMeeting};
use crate::decide::{Decide, Stamp};
use crate::meeting::model::{MAX_SCAN_BYTES, SCAN_MEDIA_TYPES, SignedMinutes};
use crate::state::{Change, Snapshot};

impl Decide for OpenMeeting {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let OpenMeeting { meeting: code } = self;
        let held_at = at.held_at;
        let recorded_at = at.recorded_at;
        let m = meeting_in(state, code, &[MeetingStatus::Registration], "open_meeting")?;
        check_calendar(state, m, held_at, recorded_at)?;
        if m.kind.has_mandates() {
            check_meetings_below(state, m)?;
        }
        let (hall, remote) = detail(state, code)?.present();
        let present = hall + remote;
        let needed = minimum_present(m.quorum, m.electorate);
        if present < needed {
            return Err(RuleError::NoQuorum {
                present,
                electorate: m.electorate,
                needed,
                action: "open_meeting",
            });
        }
        Ok(vec![Change::PutMeeting(Meeting {
            status: MeetingStatus::Open,
            opened_at: Some(held_at),
            ..m.clone()
        })])
    }
}

impl Decide for FailMeeting {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let FailMeeting {
            meeting: code,
            reason,
            cause,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        let m = meeting_in(
            state,
            code,
            &[MeetingStatus::Planned, MeetingStatus::Registration],
            "record_failed",
        )?;
        let (hall, remote) = state.detail(code).map(|d| d.present()).unwrap_or((0, 0));
        let shortfall = QuorumShortfall {
            present: hall + remote,
            electorate: m.electorate,
            needed: minimum_present(m.quorum, m.electorate),
        };
        let quorum = if state.rules_version.charter() {
            match cause {
                None => return Err(RuleError::FailureCauseNeeded),
                Some(FailureCause::NoQuorum) => {
                    expect_status(m, &[MeetingStatus::Registration], "record_failed")?;
                    if shortfall.present >= shortfall.needed {
                        return Err(RuleError::QuorumPresent {
                            present: shortfall.present,
                            electorate: shortfall.electorate,
                            needed: shortfall.needed,
                        });
                    }
                    Some(shortfall)
                }
                // The minutes give the reason alone: the numbers would read as a want of quorum.
                Some(FailureCause::Other) => None,
            }
        } else {
            (m.status == MeetingStatus::Registration).then_some(shortfall)
        };
        let failure = match quorum {
            Some(q) => format!(
                "{}: {} of {} present, at least {} needed",
                reason.trim(),
                q.present,
                q.electorate,
                q.needed
            ),
            None => reason.trim().to_string(),
        };
        let protocol_number = protocol_number(state, m, at.held_at, None)?;
        Ok(vec![Change::PutMeeting(Meeting {
            status: MeetingStatus::Failed,
            protocol_number,
            closed_at: Some(at.held_at),
            closed_seq: Some(at.seq),
            failure: Some(failure),
            failed: Some(Failure {
                reason: reason.trim().to_string(),
                quorum,
                cause: *cause,
            }),
            ..m.clone()
        })])
    }
}

impl Decide for CloseMeeting {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CloseMeeting {
            meeting: code,
            protocol_number: typed,
        } = self;
        let held_at = at.held_at;
        let seq = at.seq;
        let m = meeting_in(state, code, &[MeetingStatus::Open], "close_meeting")?;
        let detail = detail(state, code)?;
        if let Some(v) = detail.votes.values().find(|v| v.status == VoteStatus::Open) {
            return Err(RuleError::VoteStillOpen { vote: v.number });
        }
        in_time_order(state, m, detail, held_at, Step::Every)?;
        if m.chair.is_none() || m.secretary.is_none() {
            return Err(RuleError::NoPresidium);
        }
        let protocol_number = protocol_number(state, m, held_at, typed.as_deref())?;
        Ok(vec![Change::PutMeeting(Meeting {
            status: MeetingStatus::Closed,
            closed_at: Some(held_at),
            closed_seq: Some(seq),
            protocol_number,
            ..m.clone()
        })])
    }
}

impl Decide for AttachSignedMinutes {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let AttachSignedMinutes {
            meeting: code,
            sha256,
            media_type,
            size,
        } = self;
        let m = meeting(state, code)?;
        // The scan is of minutes that can no longer change.
        if !matches!(m.status, MeetingStatus::Closed | MeetingStatus::Failed) {
            return Err(RuleError::MinutesNotFinal {
                meeting: code.clone(),
                status: Term::new("meeting_status", m.status.as_str()),
            });
        }
        let hex = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !hex {
            return Err(RuleError::ScanHash);
        }
        if !SCAN_MEDIA_TYPES.contains(&media_type.as_str()) {
            return Err(RuleError::ScanType {
                media_type: media_type.chars().take(100).collect(),
            });
        }
        if *size == 0 || *size > MAX_SCAN_BYTES {
            return Err(RuleError::ScanSize {
                size: *size,
                max: MAX_SCAN_BYTES,
            });
        }
        Ok(vec![Change::PutSignedMinutes(SignedMinutes {
            meeting: code.clone(),
            sha256: sha256.clone(),
            media_type: media_type.clone(),
            size: *size,
            attached_at: at.held_at,
        })])
    }
}
