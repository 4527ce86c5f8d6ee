//! What a count, a rating, a list's rules or a draft found wrong, inside a refusal: a code as data and a sentence in the reader's language.
//!
//! These errors come from the counting and list engines, which know nothing of languages; their
//! `Display` stays the English sentence for logs and libraries. A refusal that carries one puts
//! its code in an API answer and `problem-<code>` from the catalogue in a sentence.

use super::refusal::{Example, RefusalParam};
use crate::ballot::{BallotProblem, TallyError};
use crate::count::ApportionError;
use crate::count::{BallotError, CountError, MAX_CANDIDATES};
use crate::i18n::{Lang, Param, Problem};
use crate::lists::publish::violation_words;
use crate::lists::{ListError, RulesError, Violation};
use crate::primaries::RatingError;

/// A refusal inside another answer (the ballot box's): its own code and sentence.
impl Problem for super::RuleError {
    fn code(&self) -> &'static str {
        super::RuleError::code(self)
    }

    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)> {
        self.params_in(Some(lang))
    }

    fn message(&self, lang: Lang) -> String {
        super::RuleError::message(self, lang)
    }
}

/// What is wrong with a ballot, inside an answer of the box: its code and sentence.
impl Problem for BallotProblem {
    fn code(&self) -> &'static str {
        BallotProblem::code(self)
    }

    fn params(&self, _: Lang) -> Vec<(&'static str, Param)> {
        Vec::new()
    }

    fn message(&self, lang: Lang) -> String {
        BallotProblem::message(self, lang)
    }
}

macro_rules! problem_param {
    ($($t:ty),*) => {$(
        impl RefusalParam for $t {
            fn param(&self, lang: Option<Lang>) -> Param {
                match lang {
                    None => Param::from(self.code()),
                    Some(lang) => Param::Text(self.message(lang)),
                }
            }
        }
    )*};
}
problem_param!(TallyError, RatingError, RulesError, ListError);

impl Problem for BallotError {
    fn code(&self) -> &'static str {
        match self {
            BallotError::NoCandidates => "no_candidates",
            BallotError::TooManyCandidates { .. } => "too_many_candidates",
            BallotError::EmptyName { .. } => "empty_name",
            BallotError::ControlCharacterInName { .. } => "control_character_in_name",
            BallotError::DuplicateName { .. } => "duplicate_name",
            BallotError::ZeroWeight => "zero_weight",
            BallotError::UnknownCandidate { .. } => "unknown_candidate",
            BallotError::RepeatedCandidate { .. } => "repeated_candidate",
            BallotError::TotalWeightOverflow => "total_weight_overflow",
        }
    }

    fn params(&self, _: Lang) -> Vec<(&'static str, Param)> {
        match self {
            BallotError::NoCandidates
            | BallotError::ZeroWeight
            | BallotError::TotalWeightOverflow => Vec::new(),
            BallotError::TooManyCandidates { count } => {
                vec![("count", (*count).into()), ("max", MAX_CANDIDATES.into())]
            }
            BallotError::EmptyName { number }
            | BallotError::ControlCharacterInName { number }
            | BallotError::RepeatedCandidate { number } => vec![("number", (*number).into())],
            BallotError::DuplicateName {
                name,
                first,
                second,
            } => vec![
                ("name", name.into()),
                ("first", (*first).into()),
                ("second", (*second).into()),
            ],
            BallotError::UnknownCandidate { number, count } => {
                vec![("number", (*number).into()), ("count", (*count).into())]
            }
        }
    }
}

impl Problem for ApportionError {
    fn code(&self) -> &'static str {
        match self {
            ApportionError::NoParties => "no_parties",
            ApportionError::MinimumsExceedSeats { .. } => "minimums_exceed_seats",
            ApportionError::NoVotes => "no_votes",
            ApportionError::TooManySeats { .. } => "apportion_too_many_seats",
        }
    }

    fn params(&self, _: Lang) -> Vec<(&'static str, Param)> {
        match self {
            ApportionError::NoParties | ApportionError::NoVotes => Vec::new(),
            ApportionError::MinimumsExceedSeats {
                parties,
                minimum,
                seats,
            } => vec![
                ("parties", (*parties).into()),
                ("minimum", (*minimum).into()),
                ("seats", (*seats).into()),
            ],
            ApportionError::TooManySeats { seats, limit } => {
                vec![("seats", (*seats).into()), ("limit", (*limit).into())]
            }
        }
    }
}

impl Problem for crate::lists::publish::PublishError {
    fn code(&self) -> &'static str {
        "list_not_approved_for_commission"
    }

    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)> {
        let crate::lists::publish::PublishError::NotApproved {
            campaign,
            target,
            status,
        } = self;
        let status =
            crate::i18n::message(lang, &format!("list-status-{}", status.replace('_', "-")));
        vec![
            ("campaign", campaign.as_str().into()),
            ("target", target.as_str().into()),
            ("status", status.into()),
        ]
    }
}

impl Problem for crate::primaries::QuotaError {
    fn code(&self) -> &'static str {
        use crate::primaries::QuotaError;
        match self {
            QuotaError::NoBranches => "no_branches",
            QuotaError::DuplicateBranch(_) => "duplicate_branch",
            QuotaError::NoMembers { .. } => "quota_no_members",
            QuotaError::Apportion(inner) => inner.code(),
        }
    }

    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)> {
        use crate::primaries::QuotaError;
        match self {
            QuotaError::NoBranches => Vec::new(),
            QuotaError::DuplicateBranch(branch) => vec![("branch", branch.as_str().into())],
            QuotaError::NoMembers { places } => vec![("places", (*places).into())],
            QuotaError::Apportion(inner) => inner.params(lang),
        }
    }
}

impl Problem for CountError {
    fn code(&self) -> &'static str {
        match self {
            CountError::NoSeats => "no_seats",
            CountError::TooManySeats { .. } => "too_many_seats",
            CountError::SingleWinnerOnly { .. } => "single_winner_only",
            CountError::TooManyChoices { .. } => "count_too_many_choices",
            CountError::TooManyBallots(_) => "too_many_ballots",
        }
    }

    fn params(&self, _: Lang) -> Vec<(&'static str, Param)> {
        match self {
            CountError::NoSeats => Vec::new(),
            CountError::TooManySeats { seats, standing } => {
                vec![("seats", (*seats).into()), ("standing", (*standing).into())]
            }
            CountError::SingleWinnerOnly { method, seats } => {
                vec![("method", (*method).into()), ("seats", (*seats).into())]
            }
            CountError::TooManyChoices {
                ballot,
                marked,
                allowed,
            } => vec![
                ("ballot", (*ballot).into()),
                ("marked", (*marked).into()),
                ("allowed", (*allowed).into()),
            ],
            CountError::TooManyBallots(count) => vec![("count", (*count).into())],
        }
    }
}

impl Problem for TallyError {
    fn code(&self) -> &'static str {
        match self {
            TallyError::Options(_) => "tally_options",
            TallyError::Electronic { .. } => "tally_electronic",
            TallyError::Paper { .. } => "tally_paper",
            TallyError::StationsNeedSingleMarks { .. } => "stations_need_single_marks",
            TallyError::StationUnknownOption { .. } => "station_unknown_option",
            TallyError::Ballots(_) => "tally_ballots",
            TallyError::Count(inner) => inner.code(),
        }
    }

    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)> {
        let ballot = |problem: &BallotProblem| Param::Text(problem.message(lang));
        match self {
            TallyError::Options(inner) | TallyError::Ballots(inner) => {
                vec![("problem", inner.message(lang).into())]
            }
            TallyError::Electronic { number, problem } | TallyError::Paper { number, problem } => {
                vec![("number", (*number).into()), ("problem", ballot(problem))]
            }
            TallyError::StationsNeedSingleMarks { method } => vec![("method", (*method).into())],
            TallyError::StationUnknownOption { station, option } => {
                vec![("station", (*station).into()), ("option", option.into())]
            }
            TallyError::Count(inner) => inner.params(lang),
        }
    }
}

impl Problem for RatingError {
    fn code(&self) -> &'static str {
        match self {
            RatingError::UnknownOption(_) => "rating_unknown_option",
            RatingError::DuplicateOption(_) => "rating_duplicate_option",
            RatingError::RankedTwice(_) => "rating_ranked_twice",
        }
    }

    fn params(&self, _: Lang) -> Vec<(&'static str, Param)> {
        match self {
            RatingError::UnknownOption(option)
            | RatingError::DuplicateOption(option)
            | RatingError::RankedTwice(option) => vec![("option", option.into())],
        }
    }
}

impl Problem for RulesError {
    fn code(&self) -> &'static str {
        match self {
            RulesError::ZeroDenominator => "zero_denominator",
            RulesError::SizeBounds { .. } => "size_bounds",
            RulesError::EmptyBlock => "empty_block",
            RulesError::NoBlockGroups => "no_block_groups",
            RulesError::TooManyBlockGroups(_) => "too_many_block_groups",
            RulesError::BlockTooSmall { .. } => "block_too_small",
            RulesError::TooManyGroups(_) => "too_many_groups",
        }
    }

    fn params(&self, _: Lang) -> Vec<(&'static str, Param)> {
        use crate::lists::{MAX_BLOCK_GROUPS, MAX_GROUPS};
        match self {
            RulesError::ZeroDenominator | RulesError::EmptyBlock | RulesError::NoBlockGroups => {
                Vec::new()
            }
            RulesError::SizeBounds { min, max } => {
                vec![("min", (*min).into()), ("max", (*max).into())]
            }
            RulesError::TooManyBlockGroups(groups) => vec![
                ("groups", (*groups).into()),
                ("max", MAX_BLOCK_GROUPS.into()),
            ],
            RulesError::BlockTooSmall { size, groups } => {
                vec![("size", (*size).into()), ("groups", (*groups).into())]
            }
            RulesError::TooManyGroups(groups) => {
                vec![("groups", (*groups).into()), ("max", MAX_GROUPS.into())]
            }
        }
    }
}

impl Problem for ListError {
    fn code(&self) -> &'static str {
        match self {
            ListError::Rules(inner) => inner.code(),
            ListError::LengthOutOfRange { .. } => "length_out_of_range",
            ListError::DuplicateCandidate(_) => "duplicate_candidate",
            ListError::NotOnList(_) => "candidate_not_on_list",
        }
    }

    fn params(&self, lang: Lang) -> Vec<(&'static str, Param)> {
        match self {
            ListError::Rules(inner) => inner.params(lang),
            ListError::LengthOutOfRange { length, min, max } => vec![
                ("length", (*length).into()),
                ("min", (*min).into()),
                ("max", (*max).into()),
            ],
            ListError::DuplicateCandidate(candidate) | ListError::NotOnList(candidate) => {
                vec![("candidate", (*candidate).into())]
            }
        }
    }
}

/// The rules a list breaks: their kinds as data, their sentences joined with `; ` in a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl RefusalParam for Violations {
    fn param(&self, lang: Option<Lang>) -> Param {
        let parts: Vec<String> = match lang {
            None => self.0.iter().map(|v| v.rule().to_owned()).collect(),
            Some(lang) => self.0.iter().map(|v| violation_words(lang, v)).collect(),
        };
        Param::Text(parts.join("; "))
    }
}

impl Example for Violations {
    fn example() -> Violations {
        Violations(vec![
            Violation::TooShort {
                min_size: 10,
                length: 8,
            },
            Violation::Quota {
                rule: "party: at least 30 % women".to_owned(),
                group: crate::lists::Group::Women,
                needed: 3,
                found: 1,
            },
        ])
    }
}

impl Example for TallyError {
    fn example() -> TallyError {
        TallyError::Paper {
            number: 4,
            problem: BallotProblem::TooManyChoices { given: 3, max: 2 },
        }
    }
}

impl Example for RatingError {
    fn example() -> RatingError {
        RatingError::UnknownOption("c7".to_owned())
    }
}

impl Example for RulesError {
    fn example() -> RulesError {
        RulesError::SizeBounds { min: 12, max: 10 }
    }
}

impl Example for ListError {
    fn example() -> ListError {
        ListError::LengthOutOfRange {
            length: 30,
            min: 10,
            max: 25,
        }
    }
}

/// One problem of every kind, for the catalogue test.
#[cfg(test)]
fn every_problem() -> Vec<Box<dyn Problem>> {
    let ballot = BallotProblem::TooManyChoices { given: 3, max: 2 };
    vec![
        Box::new(TallyError::Options(BallotError::NoCandidates)),
        Box::new(TallyError::Electronic {
            number: 2,
            problem: ballot.clone(),
        }),
        Box::new(TallyError::Paper {
            number: 2,
            problem: ballot,
        }),
        Box::new(TallyError::StationsNeedSingleMarks { method: "stv" }),
        Box::new(TallyError::StationUnknownOption {
            station: 3,
            option: "c9".to_owned(),
        }),
        Box::new(TallyError::Ballots(BallotError::ZeroWeight)),
        Box::new(crate::ballot::RequestKeyProblem::TooLong),
        Box::new(crate::ballot::RequestKeyProblem::TooFewBits),
        Box::new(crate::ballot::RequestKeyProblem::Repeated),
        Box::new(BallotError::NoCandidates),
        Box::new(BallotError::TooManyCandidates { count: 40_000 }),
        Box::new(BallotError::EmptyName { number: 2 }),
        Box::new(BallotError::ControlCharacterInName { number: 2 }),
        Box::new(BallotError::DuplicateName {
            name: "Example".to_owned(),
            first: 1,
            second: 2,
        }),
        Box::new(BallotError::ZeroWeight),
        Box::new(BallotError::UnknownCandidate {
            number: 9,
            count: 4,
        }),
        Box::new(BallotError::RepeatedCandidate { number: 2 }),
        Box::new(BallotError::TotalWeightOverflow),
        Box::new(ApportionError::NoParties),
        Box::new(ApportionError::MinimumsExceedSeats {
            parties: 3,
            minimum: 2,
            seats: 5,
        }),
        Box::new(ApportionError::NoVotes),
        Box::new(ApportionError::TooManySeats {
            seats: 10_000_000,
            limit: 1_000_000,
        }),
        Box::new(CountError::NoSeats),
        Box::new(CountError::TooManySeats {
            seats: 5,
            standing: 3,
        }),
        Box::new(CountError::SingleWinnerOnly {
            method: "irv",
            seats: 3,
        }),
        Box::new(CountError::TooManyChoices {
            ballot: 7,
            marked: 3,
            allowed: 1,
        }),
        Box::new(CountError::TooManyBallots(5_000_000_000)),
        Box::new(RatingError::UnknownOption("c1".to_owned())),
        Box::new(RatingError::DuplicateOption("c1".to_owned())),
        Box::new(RatingError::RankedTwice("c1".to_owned())),
        Box::new(RulesError::ZeroDenominator),
        Box::new(RulesError::SizeBounds { min: 12, max: 10 }),
        Box::new(RulesError::EmptyBlock),
        Box::new(RulesError::NoBlockGroups),
        Box::new(RulesError::TooManyBlockGroups(9)),
        Box::new(RulesError::BlockTooSmall { size: 2, groups: 3 }),
        Box::new(RulesError::TooManyGroups(9)),
        Box::new(ListError::LengthOutOfRange {
            length: 30,
            min: 10,
            max: 25,
        }),
        Box::new(ListError::DuplicateCandidate(4)),
        Box::new(ListError::NotOnList(4)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n;

    #[test]
    fn every_problem_has_a_sentence_in_every_language() {
        for problem in every_problem() {
            for lang in Lang::ALL {
                let key = format!("problem-{}", problem.code().replace('_', "-"));
                assert!(i18n::has(lang, &key), "{key} is missing in {lang:?}");
                let text = problem.message(lang);
                assert!(
                    !text.contains('{') && !text.contains("problem-"),
                    "{key} in {lang:?} does not render: {text}"
                );
            }
        }
    }

    #[test]
    fn a_count_problem_in_russian_names_the_ballot_in_russian() {
        let problem = TallyError::Paper {
            number: 4,
            problem: BallotProblem::TooManyChoices { given: 3, max: 2 },
        };
        let russian = problem.message(Lang::Ru);
        assert!(russian.contains('4'), "{russian}");
        assert!(
            !russian.contains("ballot") && !russian.contains("paper"),
            "{russian}"
        );
        assert_eq!(problem.message(Lang::En), problem.to_string());
    }

    #[test]
    fn english_problems_read_as_the_engines_own_sentences() {
        for problem in [
            Box::new(CountError::TooManySeats {
                seats: 5,
                standing: 3,
            }) as Box<dyn Problem>,
            Box::new(RulesError::SizeBounds { min: 12, max: 10 }),
            Box::new(RatingError::RankedTwice("c1".to_owned())),
        ] {
            assert!(!problem.message(Lang::En).is_empty());
        }
        assert_eq!(
            CountError::TooManySeats {
                seats: 5,
                standing: 3
            }
            .message(Lang::En),
            CountError::TooManySeats {
                seats: 5,
                standing: 3
            }
            .to_string()
        );
    }
}
