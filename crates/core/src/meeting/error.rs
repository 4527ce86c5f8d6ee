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

impl MeetingError {
    /// Every code, for the catalogue test.
    pub const CODES: &'static [&'static str] = &[
        "invalid_fraction",
        "present_exceeds_electorate",
        "negative_count",
        "count_too_large",
        "votes_exceed_present",
        "count_overflow",
        "nobody_present",
        "zero_members_per_delegate",
        "zero_conference_size",
        "no_units",
        "duplicate_unit",
        "no_members",
        "minimums_exceed_size",
        "unknown_unit",
        "apportionment",
    ];

    /// The stable code of this error; its sentence is `refusal-meeting-<code>` in the catalogue.
    pub fn code(&self) -> &'static str {
        match self {
            MeetingError::InvalidFraction { .. } => "invalid_fraction",
            MeetingError::PresentExceedsElectorate { .. } => "present_exceeds_electorate",
            MeetingError::NegativeCount { .. } => "negative_count",
            MeetingError::CountTooLarge { .. } => "count_too_large",
            MeetingError::VotesExceedPresent { .. } => "votes_exceed_present",
            MeetingError::CountOverflow { .. } => "count_overflow",
            MeetingError::NobodyPresent => "nobody_present",
            MeetingError::ZeroMembersPerDelegate => "zero_members_per_delegate",
            MeetingError::ZeroConferenceSize => "zero_conference_size",
            MeetingError::NoUnits => "no_units",
            MeetingError::DuplicateUnit { .. } => "duplicate_unit",
            MeetingError::NoMembers => "no_members",
            MeetingError::MinimumsExceedSize { .. } => "minimums_exceed_size",
            MeetingError::UnknownUnit { .. } => "unknown_unit",
            MeetingError::Apportionment(_) => "apportionment",
        }
    }

    /// The parameters of the sentence (numbers as numbers).
    pub fn params(&self) -> Vec<(&'static str, crate::i18n::Param)> {
        use crate::i18n::Param;
        match self {
            MeetingError::InvalidFraction {
                numerator,
                denominator,
            } => vec![
                ("numerator", Param::from(*numerator)),
                ("denominator", Param::from(*denominator)),
            ],
            MeetingError::PresentExceedsElectorate {
                present,
                electorate,
            } => vec![
                ("present", Param::from(*present)),
                ("electorate", Param::from(*electorate)),
            ],
            MeetingError::NegativeCount { field, value } => vec![
                ("field", Param::from(*field)),
                ("value", Param::from(*value)),
            ],
            MeetingError::CountTooLarge { field, value, max } => vec![
                ("field", Param::from(*field)),
                ("value", Param::from(*value)),
                ("max", Param::from(*max)),
            ],
            MeetingError::VotesExceedPresent {
                present,
                for_,
                against,
                abstain,
                total,
            } => vec![
                ("present", Param::from(*present)),
                ("for", Param::from(*for_)),
                ("against", Param::from(*against)),
                ("abstain", Param::from(*abstain)),
                ("total", Param::from(*total)),
            ],
            MeetingError::CountOverflow { field, max } => {
                vec![("field", Param::from(*field)), ("max", Param::from(*max))]
            }
            MeetingError::DuplicateUnit { unit } | MeetingError::UnknownUnit { unit } => {
                vec![("unit", Param::from(unit))]
            }
            MeetingError::MinimumsExceedSize {
                units,
                minimum,
                size,
                needed,
            } => vec![
                ("units", Param::from(*units)),
                ("minimum", Param::from(*minimum)),
                ("size", Param::from(*size)),
                ("needed", Param::from(*needed)),
            ],
            MeetingError::Apportionment(e) => vec![("detail", Param::from(e.to_string()))],
            MeetingError::NobodyPresent
            | MeetingError::ZeroMembersPerDelegate
            | MeetingError::ZeroConferenceSize
            | MeetingError::NoUnits
            | MeetingError::NoMembers => Vec::new(),
        }
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: crate::Lang) -> String {
        let key = format!("refusal-meeting-{}", self.code());
        let params = match self {
            MeetingError::Apportionment(problem) => {
                vec![(
                    "detail",
                    crate::i18n::Param::Text(crate::i18n::Problem::message(problem, lang)),
                )]
            }
            _ => self.params(),
        };
        crate::i18n::message_with(lang, &key, &params)
    }
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn the_catalogue_says_in_english_what_the_error_always_said_and_has_every_language() {
        let all = [
            MeetingError::InvalidFraction {
                numerator: 3,
                denominator: 2,
            },
            MeetingError::PresentExceedsElectorate {
                present: 12,
                electorate: 10,
            },
            MeetingError::NegativeCount {
                field: "for",
                value: -1,
            },
            MeetingError::CountTooLarge {
                field: "for",
                value: 5_000_000_000,
                max: 4_000_000,
            },
            MeetingError::VotesExceedPresent {
                present: 5,
                for_: 3,
                against: 2,
                abstain: 1,
                total: 6,
            },
            MeetingError::CountOverflow {
                field: "votes for",
                max: 10,
            },
            MeetingError::NobodyPresent,
            MeetingError::ZeroMembersPerDelegate,
            MeetingError::ZeroConferenceSize,
            MeetingError::NoUnits,
            MeetingError::DuplicateUnit { unit: "A".into() },
            MeetingError::NoMembers,
            MeetingError::MinimumsExceedSize {
                units: 7,
                minimum: 1,
                size: 5,
                needed: 7,
            },
            MeetingError::UnknownUnit { unit: "B".into() },
        ];
        assert_eq!(all.len() + 1, MeetingError::CODES.len());
        for error in all {
            assert_eq!(error.message(Lang::En), error.to_string());
            assert!(MeetingError::CODES.contains(&error.code()));
            for lang in [Lang::Ru, Lang::Kk] {
                let text = error.message(lang);
                assert!(
                    !text.contains('{') && !text.starts_with("refusal-"),
                    "{text}"
                );
            }
        }
    }
}
