//! The campaign's commands: the campaign, its calendar of phases and its targets (the bodies elected).

use super::default_time_zone;
use crate::model::{Body, Code};
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

/// Creates an election campaign with its election day and time zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateCampaign {
    pub code: Code,
    pub name: String,
    pub election_day: Date,
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
}

/// Sets (or moves) a phase of the campaign's calendar, in the campaign's local time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetPhase {
    pub campaign: Code,
    pub phase: Code,
    pub starts_local: DateTime,
    pub ends_local: DateTime,
    #[serde(default)]
    pub after: Vec<Code>,
    #[serde(default)]
    pub description: String,
}

/// Removes a phase that no other phase is ordered after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemovePhase {
    pub campaign: Code,
    pub phase: Code,
    pub reason: String,
}

/// Sets a body to elect (a target): its seats and the unit whose members elect it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetTarget {
    pub campaign: Code,
    pub code: Code,
    pub body: Body,
    pub name: String,
    pub seats: u32,
    pub electorate_unit: Code,
}

/// Removes a target, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RemoveTarget {
    pub campaign: Code,
    pub code: Code,
    pub reason: String,
}
