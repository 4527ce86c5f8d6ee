//! The published ratings after a primaries count or a conference rating vote: overall, women, youth.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::eligibility::age_on;
use crate::count::Outcome;
use crate::iin::Sex;

/// The party's default youth limit: a youth candidate is under 35 on election day.
pub const DEFAULT_YOUTH_AGE_LIMIT: u16 = 35;

/// A candidate as the rating needs them; `option` is the poll option code (the count's
/// candidate name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatedCandidate {
    pub option: String,
    pub member: i64,
    pub full_name: String,
    pub sex: Sex,
    pub birth_date: Date,
    /// Debates the candidate refused to take part in.
    pub debate_refusals: u32,
    /// Debates the candidate missed (informational: not flagged in the rating).
    pub debate_absences: u32,
}

/// One line of a rating.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingRow {
    /// 1-based; equal places share the same number and skip the following ones (1, 2, 2, 4).
    pub place: u32,
    /// Whether another row of the same rating shares this place.
    pub tied: bool,
    pub option: String,
    pub member: i64,
    pub full_name: String,
    /// Exact votes as printed by [`Votes`](crate::count::Votes), when the method gives this
    /// candidate a total in its last (or only) round; `None` otherwise (Schulze, or a runoff
    /// candidate excluded before the last round).
    pub votes: Option<String>,
    pub women: bool,
    /// Younger than the ratings' `youth_age_limit` on election day.
    pub youth: bool,
    /// The candidate refused at least one debate.
    pub refused_debate: bool,
}

/// The three published ratings of one list's candidates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ratings {
    /// A candidate is youth when their whole years of age on election day are strictly less
    /// than this ("under 35" = at most 34), the convention of the list rules
    /// ([`Group::YouthUnder`](crate::lists::Group::YouthUnder)).
    pub youth_age_limit: u16,
    pub overall: Vec<RatingRow>,
    pub women: Vec<RatingRow>,
    pub youth: Vec<RatingRow>,
}

/// Why ratings could not be built from an outcome.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    #[error("the count ranks option \"{0}\", which is none of the candidates given")]
    UnknownOption(String),
    #[error("two candidates share the option \"{0}\"; each candidate needs their own option")]
    DuplicateOption(String),
    #[error("the count ranks option \"{0}\" more than once")]
    RankedTwice(String),
}

/// Builds the ratings from a count's ranking ([`Outcome::ranking`]: groups of option codes,
/// best first; a group is a tie). Candidates missing from the ranking (withdrawn) are left
/// out. Within a tied group rows keep the count's order. The women's and youth ratings are
/// the overall order filtered, with their own places: a tie there is a tie among the rows
/// that remain.
pub fn ratings(
    outcome: &Outcome,
    candidates: &[RatedCandidate],
    election_day: Date,
    youth_age_limit: u16,
) -> Result<Ratings, RatingError> {
    let mut by_option: HashMap<&str, &RatedCandidate> = HashMap::with_capacity(candidates.len());
    for candidate in candidates {
        if by_option
            .insert(candidate.option.as_str(), candidate)
            .is_some()
        {
            return Err(RatingError::DuplicateOption(candidate.option.clone()));
        }
    }
    let last_votes: HashMap<&str, String> = outcome
        .rounds
        .last()
        .map(|round| {
            round
                .tallies
                .iter()
                .map(|t| (t.candidate.as_str(), t.votes.to_string()))
                .collect()
        })
        .unwrap_or_default();

    let mut seen = HashSet::new();
    let mut groups: Vec<Vec<RatingRow>> = Vec::with_capacity(outcome.ranking.len());
    for group in &outcome.ranking {
        let mut rows = Vec::with_capacity(group.len());
        for option in group {
            let candidate = by_option
                .get(option.as_str())
                .ok_or_else(|| RatingError::UnknownOption(option.clone()))?;
            if !seen.insert(option.as_str()) {
                return Err(RatingError::RankedTwice(option.clone()));
            }
            let age = age_on(candidate.birth_date, election_day);
            rows.push(RatingRow {
                place: 0,
                tied: false,
                option: option.clone(),
                member: candidate.member,
                full_name: candidate.full_name.clone(),
                votes: last_votes.get(option.as_str()).cloned(),
                women: candidate.sex == Sex::Female,
                youth: i32::from(age) < i32::from(youth_age_limit),
                refused_debate: candidate.debate_refusals > 0,
            });
        }
        groups.push(rows);
    }

    Ok(Ratings {
        youth_age_limit,
        overall: placed(&groups, |_| true),
        women: placed(&groups, |row| row.women),
        youth: placed(&groups, |row| row.youth),
    })
}

/// The rows of `groups` that `keep`, with places counted among them alone.
fn placed(groups: &[Vec<RatingRow>], keep: impl Fn(&RatingRow) -> bool) -> Vec<RatingRow> {
    let mut rows = Vec::new();
    for group in groups {
        let kept: Vec<&RatingRow> = group.iter().filter(|row| keep(row)).collect();
        let place = u32::try_from(rows.len() + 1).unwrap_or(u32::MAX);
        let tied = kept.len() > 1;
        rows.extend(kept.into_iter().map(|row| RatingRow {
            place,
            tied,
            ..row.clone()
        }));
    }
    rows
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::count::{Ballots, Method, TieBreak, count};
    use jiff::civil::date;

    const ELECTION_DAY: Date = date(2021, 1, 10);

    fn candidate(option: &str, member: i64, sex: Sex, age: i16) -> RatedCandidate {
        RatedCandidate {
            option: option.into(),
            member,
            full_name: format!("Candidate {option}"),
            sex,
            birth_date: date(2021 - age, 1, 10),
            debate_refusals: 0,
            debate_absences: 0,
        }
    }

    /// A: man 50, 5 votes; B: woman 30, 3; C: man 34, 3; D: woman 40, 1; E: woman 35,
    /// withdrawn; F: man 35, 0. C refused a debate, D missed one.
    fn field() -> (Outcome, Vec<RatedCandidate>) {
        let mut ballots = Ballots::new(["A", "B", "C", "D", "E", "F"]).unwrap();
        ballots.push_ranking(5, &[0]).unwrap();
        ballots.push_ranking(3, &[1]).unwrap();
        ballots.push_ranking(3, &[2]).unwrap();
        ballots.push_ranking(1, &[3]).unwrap();
        ballots.withdraw(4).unwrap();
        let outcome = count(Method::Plurality, &ballots, 2, &TieBreak::CandidateOrder).unwrap();
        let mut candidates = vec![
            candidate("A", 11, Sex::Male, 50),
            candidate("B", 12, Sex::Female, 30),
            candidate("C", 13, Sex::Male, 34),
            candidate("D", 14, Sex::Female, 40),
            candidate("E", 15, Sex::Female, 35),
            candidate("F", 16, Sex::Male, 35),
        ];
        candidates[2].debate_refusals = 1;
        candidates[3].debate_absences = 2;
        (outcome, candidates)
    }

    fn summary(rows: &[RatingRow]) -> Vec<(u32, bool, &str, Option<&str>)> {
        rows.iter()
            .map(|r| (r.place, r.tied, r.option.as_str(), r.votes.as_deref()))
            .collect()
    }

    #[test]
    fn overall_places_share_ties_and_skip() {
        let (outcome, candidates) = field();
        let ratings = ratings(&outcome, &candidates, ELECTION_DAY, 35).unwrap();
        assert_eq!(
            summary(&ratings.overall),
            [
                (1, false, "A", Some("5")),
                (2, true, "B", Some("3")),
                (2, true, "C", Some("3")),
                (4, false, "D", Some("1")),
                (5, false, "F", Some("0")),
            ]
        );
        assert_eq!(ratings.overall[0].member, 11);
        assert_eq!(ratings.overall[0].full_name, "Candidate A");
    }

    #[test]
    fn women_and_youth_are_the_overall_order_filtered_with_their_own_places() {
        let (outcome, candidates) = field();
        let ratings = ratings(&outcome, &candidates, ELECTION_DAY, 35).unwrap();
        // B and C tie overall, but B is the only woman of the two: no tie among women.
        assert_eq!(
            summary(&ratings.women),
            [(1, false, "B", Some("3")), (2, false, "D", Some("1"))]
        );
        // Under 35: B (30) and C (34), still tied; F is 35 on the day, not youth.
        assert_eq!(
            summary(&ratings.youth),
            [(1, true, "B", Some("3")), (1, true, "C", Some("3"))]
        );
        assert_eq!(ratings.youth_age_limit, 35);
        assert!(
            ratings
                .overall
                .iter()
                .all(|r| r.women == (r.option == "B" || r.option == "D"))
        );
    }

    #[test]
    fn refusals_are_flagged_and_absences_are_not() {
        let (outcome, candidates) = field();
        let ratings = ratings(&outcome, &candidates, ELECTION_DAY, 35).unwrap();
        let refused: Vec<&str> = ratings
            .overall
            .iter()
            .filter(|r| r.refused_debate)
            .map(|r| r.option.as_str())
            .collect();
        assert_eq!(refused, ["C"]);
    }

    #[test]
    fn the_youth_limit_is_strict() {
        let (outcome, candidates) = field();
        let ratings = ratings(&outcome, &candidates, ELECTION_DAY, 36).unwrap();
        let youth: Vec<&str> = ratings.youth.iter().map(|r| r.option.as_str()).collect();
        assert_eq!(youth, ["B", "C", "F"]);
        let ratings = super::ratings(&outcome, &candidates, ELECTION_DAY, 30).unwrap();
        assert!(ratings.youth.is_empty());
    }

    #[test]
    fn an_unknown_or_shared_option_is_refused() {
        let (outcome, mut candidates) = field();
        candidates.remove(0);
        assert_eq!(
            ratings(&outcome, &candidates, ELECTION_DAY, 35),
            Err(RatingError::UnknownOption("A".into()))
        );
        let (outcome, mut candidates) = field();
        candidates[1].option = "A".into();
        assert_eq!(
            ratings(&outcome, &candidates, ELECTION_DAY, 35),
            Err(RatingError::DuplicateOption("A".into()))
        );
        let (mut outcome, candidates) = field();
        outcome.ranking.push(vec!["A".into()]);
        assert_eq!(
            ratings(&outcome, &candidates, ELECTION_DAY, 35),
            Err(RatingError::RankedTwice("A".into()))
        );
    }

    #[test]
    fn a_method_without_rounds_gives_no_votes() {
        let mut ballots = Ballots::new(["A", "B", "C"]).unwrap();
        ballots.push_ranking(2, &[0, 1, 2]).unwrap();
        ballots.push_ranking(1, &[1, 0, 2]).unwrap();
        let outcome = count(Method::Schulze, &ballots, 1, &TieBreak::CandidateOrder).unwrap();
        let candidates = vec![
            candidate("A", 1, Sex::Male, 40),
            candidate("B", 2, Sex::Female, 40),
            candidate("C", 3, Sex::Female, 40),
        ];
        let ratings = ratings(&outcome, &candidates, ELECTION_DAY, 35).unwrap();
        assert_eq!(
            summary(&ratings.overall),
            [
                (1, false, "A", None),
                (2, false, "B", None),
                (3, false, "C", None)
            ]
        );
    }
}
