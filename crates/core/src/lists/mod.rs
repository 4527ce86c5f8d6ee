//! Party lists: quota rules, drafting from ratings with explained displacements, validation.
//!
//! Everything here is pure and deterministic: the same rules, candidates (in rating order)
//! and election day always give the same list. The definitions ("least displacement", the
//! feasibility test, tie-breaks, block edge cases) are in `docs/lists.md`.

mod candidate;
mod draft;
mod feasibility;
pub mod publish;
mod record;
mod rules;
mod sheet;
mod validate;

#[cfg(test)]
mod examples;
#[cfg(test)]
mod properties;

pub use candidate::{Candidate, Precedence, RatingInputs, rating_order};
pub use draft::{Displacement, Draft, LIST_SIZE_RULE, ListError, Placed, Shortfall, draft};
pub use record::{
    DraftMove, ListChange, ListEntry, ListEvent, ListStatus, PartyList, Successor, TargetListRules,
};
pub use rules::{
    Group, ListRules, MAX_BLOCK_GROUPS, MAX_GROUPS, PlacementRule, Quota, RulesError, Share,
};
pub use sheet::{ListSheet, SheetRow};
pub use validate::{Replacement, Violation, replacement, validate};
