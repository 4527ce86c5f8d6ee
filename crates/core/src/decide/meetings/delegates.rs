//! Delegates to conferences: how many each unit sends (the representation norm), and replacing one by a recorded decision.

use super::*;
use crate::command::Needs;
use crate::command::{ReplaceDelegate, SetRepresentation};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for SetRepresentation {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetRepresentation {
            campaign: campaign_code,
            conference_unit,
            norm,
        } = self;
        set_representation(state, campaign_code, conference_unit, *norm)
    }
}

impl Decide for ReplaceDelegate {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.extend([self.delegate, self.replacement]);
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ReplaceDelegate {
            campaign: campaign_code,
            conference_unit,
            delegate,
            replacement,
            decision,
        } = self;
        replace_delegate(
            state,
            campaign_code,
            conference_unit,
            delegate,
            replacement,
            decision,
        )
    }
}

fn set_representation(
    state: &Snapshot,
    campaign_code: &Code,
    conference_unit: &Code,
    norm: crate::meeting::RepresentationNorm,
) -> Result<Vec<Change>, RuleError> {
    campaign(state, campaign_code)?;
    let unit = open_unit(state, conference_unit)?;
    // The congress's delegates (the central office's) came with the charter's rules.
    let congress = unit.kind == UnitKind::Central && state.rules_version.charter();
    if !congress
        && !matches!(
            unit.kind,
            UnitKind::District | UnitKind::City | UnitKind::Region
        )
    {
        return Err(RuleError::ConferenceUnitKind {
            unit: conference_unit.clone(),
            kind: Term::new("unit_kind", unit.kind.as_str()),
        });
    }
    if let Some(d) = state
        .delegates
        .values()
        .find(|d| &d.campaign == campaign_code && &d.conference_unit == conference_unit)
    {
        return Err(RuleError::NormFrozen {
            unit: d.from_unit.clone(),
        });
    }
    let children = state.open_children(conference_unit);
    let units: Vec<(Code, u64)> = children
        .iter()
        .map(|c| (c.code.clone(), subtree_active_members(state, &c.code)))
        .collect();
    let allotted = allot(norm, &units).map_err(|error| RuleError::AllotmentInvalid {
        unit: conference_unit.clone(),
        error,
    })?;
    let mut changes = vec![Change::PutRepresentation(Representation {
        campaign: campaign_code.clone(),
        conference_unit: conference_unit.clone(),
        norm,
    })];
    for a in allotted {
        changes.push(Change::PutAllotment(Allotment {
            campaign: campaign_code.clone(),
            unit: a.unit,
            conference_unit: conference_unit.clone(),
            members: a.members,
            seats: u32::try_from(a.delegates).unwrap_or(u32::MAX),
        }));
    }
    Ok(changes)
}

fn replace_delegate(
    state: &Snapshot,
    campaign_code: &Code,
    conference_unit: &Code,
    delegate: &Iin,
    replacement: &Iin,
    decision: &str,
) -> Result<Vec<Change>, RuleError> {
    text("decision", decision, MAX_TEXT)?;
    let leaving = state.member(delegate).ok_or_else(|| RuleError::NoMember {
        iin: delegate.masked(),
    })?;
    let incoming = state
        .member(replacement)
        .ok_or_else(|| RuleError::NoMember {
            iin: replacement.masked(),
        })?;
    let key = (campaign_code.clone(), conference_unit.clone(), leaving.id);
    let elected = state
        .delegates
        .get(&key)
        .filter(|d| d.status == DelegateStatus::Elected)
        .ok_or_else(|| RuleError::NotConferenceDelegate {
            iin: delegate.masked(),
            unit: conference_unit.clone(),
        })?;
    if state
        .delegates
        .contains_key(&(campaign_code.clone(), conference_unit.clone(), incoming.id))
    {
        return Err(RuleError::AlreadyDelegate {
            iin: replacement.masked(),
        });
    }
    if incoming.status != MemberStatus::Active
        || !in_subtree(state, &incoming.unit, &elected.from_unit)
    {
        return Err(RuleError::ReplacementNotMember {
            unit: elected.from_unit.clone(),
        });
    }
    if let Some(conf) = state.meeting_of_unit(
        campaign_code,
        conference_unit,
        &[
            MeetingStatus::Registration,
            MeetingStatus::Open,
            MeetingStatus::Closed,
        ],
    ) {
        return Err(RuleError::MandatesFrozen {
            conference: conf.code.clone(),
            status: Term::new("meeting_status", conf.status.as_str()),
        });
    }
    Ok(vec![
        Change::PutDelegate(Delegate {
            status: DelegateStatus::Replaced,
            note: format!("replaced by {}: {}", incoming.full_name, decision.trim()),
            ..elected.clone()
        }),
        Change::PutDelegate(Delegate {
            member: incoming.id,
            vote: 0,
            status: DelegateStatus::Elected,
            note: format!("replaces {}: {}", leaving.full_name, decision.trim()),
            ..elected.clone()
        }),
    ])
}
