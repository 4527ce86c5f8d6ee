//! Convening a meeting or conference: its calendar, venue and entry deadline, and excusing a unit that holds none.

use super::*;
use crate::command::Needs;
use crate::command::{ConveneMeeting, ExcuseUnit, SetDecisionRule, SetEntryDeadline};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for ConveneMeeting {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ConveneMeeting {
            code,
            campaign: campaign_code,
            unit,
            phase,
            extraordinary,
            convened_by,
            scheduled_at,
            venue,
            capacity,
            streams,
            quorum,
            entry_deadline,
            rerun_of,
        } = self;
        if state.meetings.contains_key(code) {
            return Err(RuleError::MeetingExists {
                meeting: code.clone(),
            });
        }
        campaign(state, campaign_code)?;
        let u = open_unit(state, unit)?;
        let kind = MeetingKind::for_unit_under(u.kind, state.rules_version).ok_or_else(|| {
            RuleError::MeetingUnitKind {
                unit: unit.clone(),
                kind: Term::new("unit_kind", u.kind.as_str()),
            }
        })?;
        text("convened_by", convened_by, MAX_TEXT)?;
        text("venue", venue, MAX_NAME)?;
        for stream in streams {
            let url = stream.url.trim();
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 500 {
                return Err(RuleError::LivestreamUrl {
                    url: url.to_string(),
                });
            }
        }
        let Window {
            phase: p,
            zone,
            starts,
            ends,
        } = window(state, campaign_code, phase)?;
        if *scheduled_at < starts || *scheduled_at >= ends {
            return Err(RuleError::OutsideWindow {
                what: "scheduled",
                when: local(*scheduled_at, &zone),
                phase: phase.clone(),
                starts: p.starts_local.to_string(),
                ends: p.ends_local.to_string(),
            });
        }
        if let Some(deadline) = entry_deadline
            && deadline <= scheduled_at
        {
            return Err(RuleError::DeadlineBeforeMeeting {
                deadline: deadline.to_string(),
                scheduled_at: scheduled_at.to_string(),
            });
        }
        if let Some(failed) = rerun_of {
            let earlier = meeting(state, failed)?;
            if earlier.status != MeetingStatus::Failed
                || &earlier.unit != unit
                || &earlier.campaign != campaign_code
            {
                return Err(RuleError::NotARerun {
                    failed: failed.clone(),
                    status: Term::new("meeting_status", earlier.status.as_str()),
                    unit: earlier.unit.clone(),
                });
            }
        }
        if let Some(live) = state.meeting_of_unit(campaign_code, unit, UNDER_WAY) {
            return Err(RuleError::UnitHasLiveMeeting {
                unit: unit.clone(),
                meeting: live.code.clone(),
                status: Term::new("meeting_status", live.status.as_str()),
            });
        }
        Ok(vec![Change::PutMeeting(Meeting {
            code: code.clone(),
            campaign: campaign_code.clone(),
            unit: unit.clone(),
            kind,
            extraordinary: *extraordinary,
            convened_by: convened_by.trim().to_string(),
            phase: phase.clone(),
            scheduled_at: *scheduled_at,
            venue: venue.trim().to_string(),
            capacity: *capacity,
            streams: streams.clone(),
            quorum: *quorum,
            entry_deadline: *entry_deadline,
            rerun_of: rerun_of.clone(),
            status: MeetingStatus::Planned,
            electorate: 0,
            opened_at: None,
            speakers: Vec::new(),
            projector_generation: 0,
            protocol_number: None,
            closed_at: None,
            closed_seq: None,
            failure: None,
            failed: None,
            chair: None,
            secretary: None,
            counting_commission: Vec::new(),
            agenda: Vec::new(),
            credentials: None,
        })])
    }
}

impl Decide for SetDecisionRule {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        campaign(state, &self.campaign)?;
        text("decided_by", &self.decided_by, MAX_TEXT)?;
        // The seed: a party list is approved by a majority of the delegates present.
        if self.motion == MotionKind::PartyList && self.rule != DecisionRule::MajorityOfPresent {
            return Err(RuleError::ListRuleMajority);
        }
        Ok(vec![Change::PutDecisionRule(SetRule {
            campaign: self.campaign.clone(),
            meeting_kind: self.meeting_kind,
            motion: self.motion,
            rule: self.rule,
            decided_by: self.decided_by.trim().to_string(),
        })])
    }
}

impl Decide for SetEntryDeadline {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetEntryDeadline {
            meeting: code,
            deadline,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        let m = meeting(state, code)?;
        if *deadline <= m.scheduled_at {
            return Err(RuleError::DeadlineBeforeMeeting {
                deadline: deadline.to_string(),
                scheduled_at: m.scheduled_at.to_string(),
            });
        }
        Ok(vec![Change::PutMeeting(Meeting {
            entry_deadline: Some(*deadline),
            ..m.clone()
        })])
    }
}

impl Decide for ExcuseUnit {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ExcuseUnit {
            campaign: campaign_code,
            unit,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        campaign(state, campaign_code)?;
        let u = open_unit(state, unit)?;
        if !matches!(
            u.kind,
            UnitKind::Primary | UnitKind::District | UnitKind::City
        ) {
            return Err(RuleError::NotExcusable {
                unit: unit.clone(),
                kind: Term::new("unit_kind", u.kind.as_str()),
            });
        }
        if let Some(m) = state.meeting_of_unit(
            campaign_code,
            unit,
            &[
                MeetingStatus::Registration,
                MeetingStatus::Open,
                MeetingStatus::Closed,
            ],
        ) {
            return Err(RuleError::UnitHasMeeting {
                unit: unit.clone(),
                meeting: m.code.clone(),
                status: Term::new("meeting_status", m.status.as_str()),
            });
        }
        Ok(vec![Change::PutExcusal(Excusal {
            campaign: campaign_code.clone(),
            unit: unit.clone(),
            reason: reason.trim().to_string(),
        })])
    }
}
