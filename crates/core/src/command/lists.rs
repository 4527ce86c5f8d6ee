//! The commands of party lists: their rules, drafting, edits and withdrawals from an approved list.

use crate::iin::Iin;
use crate::lists::{PlacementRule, Precedence, Quota};
use crate::model::Code;
use serde::{Deserialize, Serialize};

/// Sets a target's party-list rules (the seats are the target's) and how ratings combine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetListRules {
    pub campaign: Code,
    pub target: Code,
    pub min_size: u32,
    pub max_size: u32,
    /// In priority order: when the pool cannot meet them all, earlier ones are met first.
    #[serde(default)]
    pub quotas: Vec<Quota>,
    #[serde(default)]
    pub placement: Option<PlacementRule>,
    pub precedence: Precedence,
}

/// Drafts the target's list of `length` names from the ratings (a new draft replaces the old).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftList {
    pub campaign: Code,
    pub target: Code,
    pub length: u32,
    #[serde(default)]
    pub reason: String,
}

/// Puts every name of the approved list `from` of a unit directly below forward as a registered
/// candidate of `target` (the same body, the unit above), in place order: the regions' Mazhilis
/// nominees to the congress's national list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NominateFromList {
    pub campaign: Code,
    pub target: Code,
    pub from: Code,
    /// The decision that puts them forward (the conference's that approved `from`).
    pub decision: String,
}

/// An organizer's change to a draft list, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditList {
    pub campaign: Code,
    pub target: Code,
    #[serde(flatten)]
    pub edit: ListEdit,
    pub reason: String,
}

/// A candidate leaves an approved list; the recorded decision names the body and its act.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithdrawFromList {
    pub campaign: Code,
    pub target: Code,
    pub iin: Iin,
    pub cause: ListRemoval,
    pub decision: String,
}

/// One change to a draft list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum ListEdit {
    /// Moves a listed candidate to `place` (1-based); those between shift by one.
    Move {
        iin: Iin,
        place: u32,
    },
    /// Puts a registered candidate of the target at `place` (1 to length + 1).
    Add {
        iin: Iin,
        place: u32,
    },
    Remove {
        iin: Iin,
    },
}

impl ListEdit {
    pub fn iin(&self) -> &Iin {
        match self {
            ListEdit::Move { iin, .. } | ListEdit::Add { iin, .. } | ListEdit::Remove { iin } => {
                iin
            }
        }
    }
}

/// Why a candidate leaves an approved list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListRemoval {
    Withdrew,
    Disqualified,
}
