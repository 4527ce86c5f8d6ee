//! Every refusal of the meeting rules, each saying what is wrong and how to fix it.

use thiserror::Error;

use crate::count::ApportionError;

/// Why a meeting rule refused its input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MeetingError {
    #[error(
        "{numerator}/{denominator} is not a usable quorum fraction: give a denominator above 0 and a numerator from 1 up to the denominator (for example 2/3)"
    )]
    InvalidFraction { numerator: u32, denominator: u32 },

    #[error(
        "{present} present is more than the {electorate} entitled to attend: check the registration of attendance or the size of the electorate"
    )]
    PresentExceedsElectorate { present: u32, electorate: u32 },

    #[error("the number {field} cannot be negative (it was entered as {value}): enter 0 or more")]
    NegativeCount { field: &'static str, value: i64 },

    #[error(
        "the number {field} was entered as {value}, more than the {max} a count can hold: check the entry"
    )]
    CountTooLarge {
        field: &'static str,
        value: i64,
        max: u32,
    },

    #[error(
        "{for_} for + {against} against + {abstain} abstaining = {total} votes, more than the {present} present: recount the vote or correct the number present"
    )]
    VotesExceedPresent {
        present: u32,
        for_: u32,
        against: u32,
        abstain: u32,
        total: u64,
    },

    #[error(
        "adding the two counts gives more than {max} {field}: check that the hall and remote counts were entered correctly"
    )]
    CountOverflow { field: &'static str, max: u32 },

    #[error(
        "no one is recorded as present, so no motion can be decided: enter the number present before the result"
    )]
    NobodyPresent,

    #[error(
        "one delegate per 0 members is not a norm: give the number of members each delegate represents (1 or more)"
    )]
    ZeroMembersPerDelegate,

    #[error(
        "a conference of 0 delegates cannot be apportioned: give the conference size (1 or more)"
    )]
    ZeroConferenceSize,

    #[error("there are no units to allot delegates to: list the units that send delegates")]
    NoUnits,

    #[error("unit {unit} is listed more than once: list each unit once, with its total membership")]
    DuplicateUnit { unit: String },

    #[error(
        "no listed unit has any members, so no delegates can be allotted: record the units' membership first"
    )]
    NoMembers,

    #[error(
        "a conference of {size} cannot give {minimum} delegate(s) to each of the {units} units with members: make the conference at least {needed} or drop the minimum per unit"
    )]
    MinimumsExceedSize {
        units: usize,
        minimum: u64,
        size: u64,
        needed: u64,
    },

    #[error(
        "delegates are recorded as elected for unit {unit}, which has no allotment: check the unit code, or include the unit when allotting delegates"
    )]
    UnknownUnit { unit: String },

    /// A refusal from the shared apportionment that the checks above did not foresee.
    #[error(transparent)]
    Apportionment(#[from] ApportionError),
}
