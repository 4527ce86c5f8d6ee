//! Progress of the ladder for a unit and everything under it: meetings held, failed and open, delegates allotted and elected.

use super::model::{DelegateStatus, MeetingKind, MeetingStatus};
use crate::model::Code;
use crate::state::Snapshot;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MeetingCounts {
    pub planned: u32,
    pub registration: u32,
    pub open: u32,
    pub held: u32,
    pub failed: u32,
}

/// A unit that elected fewer delegates than it was allotted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DelegateShortfall {
    pub unit: String,
    pub allotted: u32,
    pub elected: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OpenConference {
    pub meeting: String,
    pub unit: String,
    pub status: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub unit: String,
    pub campaign: String,
    /// Units in the subtree that hold meetings (PPOs, branches, the region), by kind of meeting.
    pub units: BTreeMap<&'static str, u32>,
    pub meetings: BTreeMap<&'static str, MeetingCounts>,
    /// Units whose meeting has not been held yet and is not excused.
    pub units_pending: u32,
    pub delegates_allotted: u64,
    pub delegates_elected: u64,
    /// Units whose meeting closed with fewer delegates elected than allotted.
    pub shortfalls: Vec<DelegateShortfall>,
    /// Conferences in registration or open right now.
    pub conferences_now: Vec<OpenConference>,
}

/// The progress of `campaign` in the subtree of `root`.
///
/// The status page computes it once per head and node (then it is kept, see the store's caches):
/// each part of the record is walked once, with a fast hash (the national ladder has about 4,700
/// units, 4,800 meetings and 23,000 delegates: about 8 ms).
pub fn progress(state: &Snapshot, root: &Code, campaign: &Code) -> Progress {
    let subtree: FxHashSet<&Code> = state
        .units
        .values()
        .filter(|u| !u.closed && (&u.code == root || state.ancestors(&u.code).contains(&root)))
        .map(|u| &u.code)
        .collect();
    let mut units: BTreeMap<&'static str, u32> = BTreeMap::new();
    let mut held_units: FxHashSet<&Code> = FxHashSet::default();
    for code in &subtree {
        if let Some(kind) = state
            .units
            .get(*code)
            .and_then(|u| MeetingKind::for_unit_under(u.kind, state.rules_version))
        {
            *units.entry(kind.as_str()).or_default() += 1;
        }
    }
    let mut meetings: BTreeMap<&'static str, MeetingCounts> = BTreeMap::new();
    let mut conferences_now = Vec::new();
    // Counted in any order; only the few conferences now are sorted (sorting all meetings
    // compared long codes 60,000 times at national scale).
    for m in state
        .meetings
        .values()
        .filter(|m| &m.campaign == campaign && subtree.contains(&m.unit))
    {
        let counts = meetings.entry(m.kind.as_str()).or_default();
        match m.status {
            MeetingStatus::Planned => counts.planned += 1,
            MeetingStatus::Registration => counts.registration += 1,
            MeetingStatus::Open => counts.open += 1,
            MeetingStatus::Closed => {
                counts.held += 1;
                held_units.insert(&m.unit);
            }
            MeetingStatus::Failed => counts.failed += 1,
        }
        if m.kind.has_mandates()
            && matches!(m.status, MeetingStatus::Registration | MeetingStatus::Open)
        {
            conferences_now.push(OpenConference {
                meeting: m.code.to_string(),
                unit: m.unit.to_string(),
                status: m.status.as_str(),
            });
        }
    }
    let excused: FxHashSet<&Code> = state
        .excusals
        .keys()
        .filter(|(c, _)| c == campaign)
        .map(|(_, unit)| unit)
        .collect();
    let units_pending =
        subtree
            .iter()
            .filter(|code| {
                state.units.get(**code).is_some_and(|u| {
                    MeetingKind::for_unit_under(u.kind, state.rules_version).is_some()
                }) && !held_units.contains(**code)
                    && !excused.contains(**code)
            })
            .count();
    let mut delegates_allotted = 0u64;
    let mut delegates_elected = 0u64;
    let mut shortfalls = Vec::new();
    let allotments = state
        .allotments
        .values()
        .filter(|a| &a.campaign == campaign && subtree.contains(&a.unit));
    let mut elected_by: FxHashMap<(&Code, &Code), u32> = FxHashMap::default();
    for d in state
        .delegates
        .values()
        .filter(|d| &d.campaign == campaign && d.status == DelegateStatus::Elected)
    {
        *elected_by
            .entry((&d.from_unit, &d.conference_unit))
            .or_default() += 1;
    }
    for a in allotments {
        let elected = elected_by
            .get(&(&a.unit, &a.conference_unit))
            .copied()
            .unwrap_or(0);
        delegates_allotted += u64::from(a.seats);
        delegates_elected += u64::from(elected);
        if held_units.contains(&a.unit) && elected < a.seats {
            shortfalls.push(DelegateShortfall {
                unit: a.unit.to_string(),
                allotted: a.seats,
                elected,
            });
        }
    }
    conferences_now.sort_by(|a, b| a.meeting.cmp(&b.meeting));
    shortfalls.sort_by(|a, b| a.unit.cmp(&b.unit));
    Progress {
        unit: root.to_string(),
        campaign: campaign.to_string(),
        units,
        meetings,
        units_pending: u32::try_from(units_pending).unwrap_or(u32::MAX),
        delegates_allotted,
        delegates_elected,
        shortfalls,
        conferences_now,
    }
}
