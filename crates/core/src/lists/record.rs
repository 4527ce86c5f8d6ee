//! The record of a party list: its rules, its places, its status and the history of every change.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::candidate::{Precedence, RatingInputs};
use super::draft::{Displacement, Shortfall};
use super::rules::ListRules;
use super::validate::Violation;
use crate::iin::Sex;
use crate::model::Code;

/// The list rules configured for one target (`set_list_rules`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetListRules {
    pub campaign: Code,
    pub target: Code,
    /// `seats` always equals the target's seats.
    pub rules: ListRules,
    pub precedence: Precedence,
}

/// Where a list stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ListStatus {
    /// Being drafted and edited by the organizers.
    Draft,
    /// Put to the vote at the conference: no edits until it is counted or cancelled.
    UnderVote { meeting: Code, vote: u32 },
    /// Approved by the conference and frozen: changes only by `withdraw_from_list` with a decision.
    Approved {
        meeting: Code,
        vote: u32,
        approved_at: Timestamp,
    },
}

impl ListStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            ListStatus::Draft => "draft",
            ListStatus::UnderVote { .. } => "under_vote",
            ListStatus::Approved { .. } => "approved",
        }
    }
}

/// One name on a list, with what the rating said about them when they were placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    /// The member's id.
    pub member: i64,
    /// The candidacy's number for the target (order of nomination).
    pub candidate_number: u32,
    pub rating: RatingInputs,
    /// 1-based position in the rating order of the pool.
    pub rating_position: u32,
    /// 1-based place in the primaries' overall rating, when the candidate stood in a counted primaries poll.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primaries_place: Option<u32>,
}

/// A party list: the places in order, how the draft came about, what it breaks now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyList {
    pub campaign: Code,
    pub target: Code,
    pub status: ListStatus,
    /// Grows with every change; a motion to approve names the revision the delegates saw.
    pub revision: u32,
    /// Place 1 first.
    pub entries: Vec<ListEntry>,
    /// The draft's displacements and the pool's shortfalls (as drafted; edits do not rewrite them).
    pub displacements: Vec<Displacement>,
    pub shortfalls: Vec<Shortfall>,
    /// What the list breaks now; empty for a list that may be put to the vote.
    pub violations: Vec<Violation>,
    /// Members who withdrew or were disqualified after approval: never proposed again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<i64>,
    /// Events recorded for this list so far (the next event is numbered one more).
    pub events: u32,
    pub updated_at: Timestamp,
}

impl PartyList {
    pub fn members(&self) -> impl Iterator<Item = i64> + '_ {
        self.entries.iter().map(|e| e.member)
    }
}

/// What happened to a list, in words, with the reason or decision behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEvent {
    pub campaign: Code,
    pub target: Code,
    /// 1-based, per list.
    pub number: u32,
    /// The journal entry that made the change (its `seq`).
    pub seq: i64,
    pub at: Timestamp,
    pub actor: String,
    /// drafted, moved, added, removed, put_to_vote, approved, rejected, cancelled, withdrawn, disqualified, rules.
    pub kind: String,
    /// The change in an English sentence, as recorded before events were typed: shown only for
    /// an event without `detail` (and compared by `verify`, which keeps old databases checkable).
    pub text: String,
    /// The change as data (names, places, the rule that forced a move, the replacement), put in
    /// words in the reader's language when a sheet or page is made. `None` for events recorded
    /// before events were typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ListChange>,
    /// The organizer's reason or the recorded decision.
    pub reason: String,
    /// The list's revision after the change.
    pub revision: u32,
}

/// What happened to a list, as data; the sentence is made in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListChange {
    /// The rules changed under a draft; the rules the list now breaks.
    Rules {
        violations: Vec<Violation>,
    },
    /// Drafted in rating order from the registered candidates.
    Drafted {
        names: u32,
        candidates: u32,
        moves: Vec<DraftMove>,
        shortfalls: Vec<Shortfall>,
    },
    Moved {
        name: String,
        from: u32,
        to: u32,
        violations: Vec<Violation>,
    },
    Added {
        name: String,
        place: u32,
        /// Position in the rating order.
        rated: u32,
        violations: Vec<Violation>,
    },
    Removed {
        name: String,
        place: u32,
        violations: Vec<Violation>,
    },
    /// A candidate of an approved list withdrew or was disqualified, and who took the place.
    Left {
        name: String,
        disqualified: bool,
        place: u32,
        /// `None`: no one could take the place; it is struck and those below move up.
        replacement: Option<Successor>,
        violations: Vec<Violation>,
    },
    PutToVote {
        revision: u32,
        names: u32,
        meeting: Code,
        vote: u32,
    },
    Approved {
        meeting: Code,
        vote: u32,
    },
    Rejected {
        meeting: Code,
        vote: u32,
    },
    Cancelled {
        meeting: Code,
        vote: u32,
    },
}

/// A candidate the draft placed ahead of a higher-rated one because a rule required it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftMove {
    pub name: String,
    pub sex: Option<Sex>,
    /// Position in the rating order.
    pub from: u32,
    /// Place on the list.
    pub to: u32,
    pub passed_over: String,
    pub passed_over_from: u32,
    /// The labels of the rules that forced it.
    pub rules: Vec<String>,
    /// The other candidates passed over, with their rating positions (rules version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_passed_over: Vec<(String, u32)>,
}

/// Who takes the place a candidate left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Successor {
    pub name: String,
    /// Position in the rating order.
    pub rated: u32,
}
