//! What a voter marked, and the check of a ballot against its poll's options and counting method.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::count::Method;

/// What a voter marked: preference groups of option codes, best first.
///
/// `[]` is a blank ballot; choose-one is `[["a"]]`; choose-up-to-k is one group
/// `[["a","c"]]`; a ranking is `[["b"],["a"],["c"]]`, and a group of several means equal
/// preference. Codes within a group keep the order the voter gave (it is part of the hashed
/// text, so callers should store the content exactly as hashed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BallotContent(pub Vec<Vec<String>>);

impl BallotContent {
    /// A blank ballot.
    pub fn blank() -> Self {
        BallotContent(Vec::new())
    }

    /// The text that [`ballot_hash`](super::ballot_hash) hashes: compact JSON (no whitespace,
    /// serde_json string escaping, non-ASCII written as is), e.g. `[["b"],["a","c"]]`.
    pub fn canonical_json(&self) -> String {
        // Built as a `Value` because its `Display` cannot fail, unlike `to_string`'s `Result`;
        // the text is the same as `serde_json::to_string` gives.
        serde_json::Value::Array(
            self.0
                .iter()
                .map(|group| {
                    serde_json::Value::Array(
                        group
                            .iter()
                            .map(|code| serde_json::Value::String(code.clone()))
                            .collect(),
                    )
                })
                .collect(),
        )
        .to_string()
    }

    /// Whether the voter marked nothing.
    pub fn is_blank(&self) -> bool {
        self.0.is_empty()
    }
}

/// Why a ballot is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BallotProblem {
    #[error("\"{option}\" is not an option of this poll: choose among the options shown")]
    UnknownOption { option: String },
    #[error("\"{option}\" is marked more than once: mark each option at most once")]
    Duplicate { option: String },
    #[error("the ballot has an empty preference group: remove it or put an option in it")]
    EmptyGroup,
    #[error(
        "this poll takes one choice, but {given} options were marked: mark exactly one option, or none for a blank ballot"
    )]
    NeedsOneChoice { given: usize },
    #[error(
        "{given} options were chosen, but at most {max} may be: unmark some until {max} or fewer remain"
    )]
    TooManyChoices { given: usize, max: usize },
    #[error(
        "this poll takes a set of choices, not a ranking, but the ballot has {groups} preference levels: put every chosen option in one group"
    )]
    RankingNotAllowed { groups: usize },
}

impl BallotProblem {
    /// Every code, for the catalogue test.
    pub const CODES: &'static [&'static str] = &[
        "unknown_option",
        "duplicate",
        "empty_group",
        "needs_one_choice",
        "too_many_choices",
        "ranking_not_allowed",
    ];

    /// The stable code of the problem; its sentence is `refusal-ballot-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            BallotProblem::UnknownOption { .. } => "unknown_option",
            BallotProblem::Duplicate { .. } => "duplicate",
            BallotProblem::EmptyGroup => "empty_group",
            BallotProblem::NeedsOneChoice { .. } => "needs_one_choice",
            BallotProblem::TooManyChoices { .. } => "too_many_choices",
            BallotProblem::RankingNotAllowed { .. } => "ranking_not_allowed",
        }
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::i18n::Param;
        let params = match self {
            BallotProblem::UnknownOption { option } | BallotProblem::Duplicate { option } => {
                vec![("option", Param::from(option))]
            }
            BallotProblem::EmptyGroup => Vec::new(),
            BallotProblem::NeedsOneChoice { given } => vec![("given", Param::from(*given))],
            BallotProblem::TooManyChoices { given, max } => {
                vec![("given", Param::from(*given)), ("max", Param::from(*max))]
            }
            BallotProblem::RankingNotAllowed { groups } => vec![("groups", Param::from(*groups))],
        };
        crate::i18n::message_with(lang, &format!("refusal-ballot-{}", self.code()), &params)
    }
}

/// Checks a ballot against the poll's options and counting method.
///
/// Every code must be one of `options`, appear once, and sit in a non-empty group. Then by
/// method: plurality takes a blank ballot or one group of one option; approval a blank ballot
/// or one group, of at most `max_choices` options when set; Borda, Schulze, IRV and STV take
/// any groups (partial rankings and equal preferences are allowed: see
/// [`crate::count`] for how each method reads them).
pub fn validate(
    content: &BallotContent,
    options: &[String],
    method: Method,
) -> Result<(), BallotProblem> {
    let mut groups = Vec::new();
    OptionNumbers::new(options).resolve(content, method, &mut groups)?;
    Ok(())
}

/// Option codes looked up as candidate numbers (their place in the options list), with a
/// reusable duplicate check, so that a count of many ballots allocates nothing per ballot.
pub(crate) struct OptionNumbers<'a> {
    numbers: HashMap<&'a str, usize>,
    /// `seen[n] == stamp` means option `n` is already on the ballot being checked.
    seen: Vec<u32>,
    stamp: u32,
}

impl<'a> OptionNumbers<'a> {
    pub(crate) fn new(options: &'a [String]) -> Self {
        OptionNumbers {
            numbers: options
                .iter()
                .enumerate()
                .map(|(number, code)| (code.as_str(), number))
                .collect(),
            seen: vec![0; options.len()],
            stamp: 0,
        }
    }

    /// The number of an option code, if it is one.
    pub(crate) fn number(&self, option: &str) -> Option<usize> {
        self.numbers.get(option).copied()
    }

    /// Checks `content` as [`validate`] does and writes its groups as option numbers into the
    /// first entries of `groups` (whose vectors are reused); returns how many groups it has.
    pub(crate) fn resolve(
        &mut self,
        content: &BallotContent,
        method: Method,
        groups: &mut Vec<Vec<usize>>,
    ) -> Result<usize, BallotProblem> {
        self.stamp = match self.stamp.checked_add(1) {
            Some(stamp) => stamp,
            None => {
                self.seen.fill(0);
                1
            }
        };
        let group_count = content.0.len();
        if groups.len() < group_count {
            groups.resize_with(group_count, Vec::new);
        }
        let mut marked = 0usize;
        for (group, numbers) in content.0.iter().zip(groups.iter_mut()) {
            numbers.clear();
            if group.is_empty() {
                return Err(BallotProblem::EmptyGroup);
            }
            for option in group {
                let number = self
                    .number(option)
                    .ok_or_else(|| BallotProblem::UnknownOption {
                        option: option.clone(),
                    })?;
                let seen = &mut self.seen[number];
                if *seen == self.stamp {
                    return Err(BallotProblem::Duplicate {
                        option: option.clone(),
                    });
                }
                *seen = self.stamp;
                numbers.push(number);
                marked += 1;
            }
        }
        match method {
            Method::Plurality if group_count > 1 || marked > 1 => {
                Err(BallotProblem::NeedsOneChoice { given: marked })
            }
            Method::Approval { .. } if group_count > 1 => Err(BallotProblem::RankingNotAllowed {
                groups: group_count,
            }),
            Method::Approval {
                max_choices: Some(max),
            } if marked > max => Err(BallotProblem::TooManyChoices { given: marked, max }),
            _ => Ok(group_count),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(groups: &[&[&str]]) -> BallotContent {
        BallotContent(
            groups
                .iter()
                .map(|g| g.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        )
    }

    fn options() -> Vec<String> {
        ["a", "b", "c", "d"].map(String::from).to_vec()
    }

    fn check(groups: &[&[&str]], method: Method) -> Result<(), BallotProblem> {
        validate(&content(groups), &options(), method)
    }

    const RANKED: [Method; 4] = [
        Method::Borda,
        Method::Schulze,
        Method::InstantRunoff,
        Method::Stv,
    ];

    #[test]
    fn canonical_json_is_compact_and_stable() {
        assert_eq!(content(&[]).canonical_json(), "[]");
        assert_eq!(
            content(&[&["b"], &["a", "c"]]).canonical_json(),
            r#"[["b"],["a","c"]]"#
        );
        let odd = content(&[&["q\"u\\o\nte", "Ақ"]]);
        assert_eq!(
            odd.canonical_json(),
            serde_json::to_string(&odd).unwrap_or_default()
        );
    }

    #[test]
    fn every_method_checks_codes_and_groups() {
        let all = [Method::Plurality, Method::Approval { max_choices: None }]
            .into_iter()
            .chain(RANKED);
        for method in all {
            assert_eq!(check(&[], method), Ok(()), "{method}: blank is allowed");
            assert_eq!(check(&[&["a"]], method), Ok(()), "{method}");
            assert_eq!(
                check(&[&["z"]], method),
                Err(BallotProblem::UnknownOption { option: "z".into() }),
                "{method}"
            );
            assert_eq!(
                check(&[&[]], method),
                Err(BallotProblem::EmptyGroup),
                "{method}"
            );
        }
        for method in RANKED {
            assert_eq!(
                check(&[&["a"], &["a"]], method),
                Err(BallotProblem::Duplicate { option: "a".into() })
            );
        }
        assert_eq!(
            check(&[&["b", "b"]], Method::Approval { max_choices: None }),
            Err(BallotProblem::Duplicate { option: "b".into() })
        );
    }

    #[test]
    fn plurality_takes_one_choice() {
        let method = Method::Plurality;
        assert_eq!(
            check(&[&["a", "b"]], method),
            Err(BallotProblem::NeedsOneChoice { given: 2 })
        );
        assert_eq!(
            check(&[&["a"], &["b"]], method),
            Err(BallotProblem::NeedsOneChoice { given: 2 })
        );
    }

    #[test]
    fn approval_takes_one_group_within_the_limit() {
        let up_to_two = Method::Approval {
            max_choices: Some(2),
        };
        assert_eq!(check(&[&["a", "c"]], up_to_two), Ok(()));
        assert_eq!(
            check(&[&["a", "c", "d"]], up_to_two),
            Err(BallotProblem::TooManyChoices { given: 3, max: 2 })
        );
        assert_eq!(
            check(&[&["a"], &["c"]], up_to_two),
            Err(BallotProblem::RankingNotAllowed { groups: 2 })
        );
        let any = Method::Approval { max_choices: None };
        assert_eq!(check(&[&["a", "b", "c", "d"]], any), Ok(()));
    }

    #[test]
    fn ranked_methods_take_partial_and_equal_rankings() {
        for method in RANKED {
            assert_eq!(check(&[&["b"], &["a"], &["c"]], method), Ok(()));
            assert_eq!(check(&[&["b", "d"], &["a"]], method), Ok(()));
            assert_eq!(check(&[&["a", "b", "c", "d"]], method), Ok(()));
            assert_eq!(
                check(&[&["b"], &[], &["c"]], method),
                Err(BallotProblem::EmptyGroup)
            );
        }
    }

    #[test]
    fn resolving_reuses_buffers_and_numbers_options() {
        let options = options();
        let mut numbers = OptionNumbers::new(&options);
        let mut groups = Vec::new();
        let n = numbers
            .resolve(&content(&[&["c"], &["a", "d"]]), Method::Borda, &mut groups)
            .unwrap_or(0);
        assert_eq!(&groups[..n], &[vec![2], vec![0, 3]]);
        // The same options may appear on the next ballot: the duplicate check is per ballot.
        let n = numbers
            .resolve(&content(&[&["d"]]), Method::Borda, &mut groups)
            .unwrap_or(0);
        assert_eq!(&groups[..n], &[vec![3]]);
    }
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn the_catalogue_says_in_english_what_each_problem_always_said() {
        let all = [
            BallotProblem::UnknownOption { option: "x".into() },
            BallotProblem::Duplicate { option: "a".into() },
            BallotProblem::EmptyGroup,
            BallotProblem::NeedsOneChoice { given: 2 },
            BallotProblem::TooManyChoices { given: 3, max: 2 },
            BallotProblem::RankingNotAllowed { groups: 2 },
        ];
        assert_eq!(all.len(), BallotProblem::CODES.len());
        for problem in all {
            assert_eq!(problem.message(Lang::En), problem.to_string());
            for lang in Lang::ALL {
                let text = problem.message(lang);
                assert!(
                    !text.contains('{') && !text.starts_with("refusal-"),
                    "{text}"
                );
            }
        }
    }
}
