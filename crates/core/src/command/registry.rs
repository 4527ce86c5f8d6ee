//! The registry's commands: units and members.

use crate::iin::Iin;
use crate::model::{Code, MemberStatus, UnitKind, UnitNames};
use crate::phone::Phone;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Creates a unit of the party (a region, a branch, a primary organization) under its parent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateUnit {
    pub code: Code,
    pub kind: UnitKind,
    pub parent: Option<Code>,
    pub names: UnitNames,
}

/// Changes a unit's names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenameUnit {
    pub code: Code,
    pub names: UnitNames,
}

/// Moves a unit under another parent, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoveUnit {
    pub code: Code,
    pub parent: Code,
    pub reason: String,
}

/// Closes a unit that has no open units and no active members left.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CloseUnit {
    pub code: Code,
    pub reason: String,
}

/// Registers a member in a primary organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterMember {
    pub iin: Iin,
    pub full_name: String,
    pub phone: Phone,
    pub unit: Code,
    pub joined_on: Date,
}

/// Registers a citizen who is not a party member (a candidate where the eligibility rules let
/// non-members stand): identified by IIN, with the phone on record they sign in with, kept under
/// a PPO (the one that nominates them, or of where they live). Never on a roll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterPerson {
    pub iin: Iin,
    pub full_name: String,
    pub phone: Phone,
    pub unit: Code,
}

/// Changes a member's phone; the old number is told.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeMemberPhone {
    pub iin: Iin,
    pub phone: Phone,
    pub reason: String,
    /// The decision of the unit above, required while the member is on a frozen voter roll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

/// Moves a member to another primary organization.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransferMember {
    pub iin: Iin,
    pub unit: Code,
    pub reason: String,
}

/// Changes a member's status (suspended, expelled, active again), with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetMemberStatus {
    pub iin: Iin,
    pub status: MemberStatus,
    pub reason: String,
}
