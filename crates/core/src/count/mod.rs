//! Counting methods for electronic and paper votes, and seat apportionment.
//!
//! Every count is deterministic: the same ballots, seats and [`TieBreak`] give the same
//! [`Outcome`], and the outcome lists every tie that was broken and the rule that broke it.
//!
//! Ballot conventions shared by all methods (see [`Ballots`]):
//! - withdrawn candidates are struck from every ballot before counting;
//! - unranked candidates rank equal, below every ranked candidate;
//! - where a method needs one choice (plurality, IRV, STV), a ballot counts for the first
//!   preference group holding a continuing candidate; if that group holds more than one
//!   continuing candidate it is an overvote and the ballot is exhausted from then on.
//!
//! Ranking methods (plurality, approval, Borda, Schulze) fill `seats` with the top of their
//! ranking; IRV elects one; STV elects `seats` proportionally.
//!
//! Ties (each one broken is listed in [`Outcome::ties`] with the rule used):
//! - ranking methods show tied candidates as one group of the ranking; when a group reaches
//!   into the winners, the [`TieBreak`] orders it;
//! - IRV and STV first look back: of the tied candidates, the one with more votes in the most
//!   recent earlier round where they differed is favoured (kept, elected first, or has its
//!   surplus transferred first); equal in every round, the [`TieBreak`] decides;
//! - apportionment gives a tied seat to the party with more votes, then by the [`TieBreak`].

mod apportion;
mod approval;
mod ballot;
mod blt;
mod borda;
mod csv;
mod irv;
mod outcome;
mod piles;
mod plurality;
mod schulze;
mod stv;
mod tiebreak;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod published;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use apportion::{
    Allocation, ApportionError, ApportionTie, Apportionment, MAX_DIVISOR_SEATS,
    UnknownApportionment, apportion,
};
pub use ballot::{Ballot, BallotError, Ballots, MAX_CANDIDATES};
pub use blt::{Election, ParseError, ParseProblem, parse_blt, write_blt};
pub use csv::parse_csv;
pub use outcome::{CandidateVotes, Detail, Outcome, Round, RoundAction, Votes};
pub use stv::{STV_DECIMALS, STV_VARIANT};
pub use tiebreak::{Tie, TieBreak, TiePurpose, TieRule};

use outcome::winners_from_ranking;
use tiebreak::Tiebreaker;

/// A counting method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// One vote for the first preference; most votes wins.
    Plurality,
    /// One vote for every candidate the ballot marks; with `max_choices`, a ballot marking
    /// more candidates is refused (choose up to k).
    Approval { max_choices: Option<usize> },
    /// Positional points; equal and unranked candidates share the points of the places they
    /// fill (averaged Borda), blank ballots give none.
    Borda,
    /// Schulze (beatpath) method with winning votes.
    Schulze,
    /// Instant runoff: single winner by repeated exclusion of the last candidate.
    InstantRunoff,
    /// Single transferable vote: see [`STV_VARIANT`].
    Stv,
}

impl Method {
    /// The name used in results and on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Plurality => "plurality",
            Self::Approval { .. } => "approval",
            Self::Borda => "borda",
            Self::Schulze => "schulze",
            Self::InstantRunoff => "irv",
            Self::Stv => "stv",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Approval {
                max_choices: Some(k),
            } => write!(f, "approval:{k}"),
            other => f.write_str(other.name()),
        }
    }
}

/// A method name that is not one of `plurality`, `approval`, `approval:K`, `borda`,
/// `schulze`, `irv`, `stv`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "unknown counting method \"{0}\": expected plurality, approval, approval:K, borda, schulze, irv or stv"
)]
pub struct UnknownMethod(pub String);

impl FromStr for Method {
    type Err = UnknownMethod;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownMethod(text.to_owned());
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "plurality" | "fptp" => Self::Plurality,
            "approval" => Self::Approval { max_choices: None },
            "borda" => Self::Borda,
            "schulze" => Self::Schulze,
            "irv" | "instant-runoff" | "instant_runoff" => Self::InstantRunoff,
            "stv" => Self::Stv,
            other => {
                let limit = other.strip_prefix("approval:").ok_or_else(unknown)?;
                let k = limit.parse::<usize>().map_err(|_| unknown())?;
                if k == 0 {
                    return Err(unknown());
                }
                Self::Approval {
                    max_choices: Some(k),
                }
            }
        })
    }
}

/// Why a count could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CountError {
    #[error("at least one seat must be filled")]
    NoSeats,
    #[error("{seats} seats cannot be filled from {standing} standing candidates")]
    TooManySeats { seats: usize, standing: usize },
    #[error("{method} elects a single winner; use stv for {seats} seats")]
    SingleWinnerOnly { method: &'static str, seats: usize },
    #[error("ballot {ballot} marks {marked} candidates but at most {allowed} may be chosen")]
    TooManyChoices {
        ballot: usize,
        marked: usize,
        allowed: usize,
    },
    #[error(
        "{0} stored ballots is more than a count supports (4 294 967 295); merge identical ballots into weights"
    )]
    TooManyBallots(usize),
}

/// What a method hands back before names are attached.
pub(crate) struct Counted {
    pub winners: Vec<usize>,
    pub ranking: Vec<Vec<usize>>,
    pub rounds: Vec<Round>,
    pub detail: Detail,
}

/// Counts `ballots` by `method` to fill `seats`, breaking ties by `tie`.
pub fn count(
    method: Method,
    ballots: &Ballots,
    seats: usize,
    tie: &TieBreak,
) -> Result<Outcome, CountError> {
    if seats == 0 {
        return Err(CountError::NoSeats);
    }
    let standing_count = ballots.standing().len();
    if seats > standing_count {
        return Err(CountError::TooManySeats {
            seats,
            standing: standing_count,
        });
    }
    if method == Method::InstantRunoff && seats != 1 {
        return Err(CountError::SingleWinnerOnly {
            method: method.name(),
            seats,
        });
    }
    if let Method::Approval {
        max_choices: Some(allowed),
    } = method
    {
        // Checked on the ballots as cast: striking a withdrawn name does not cure an overvote.
        if let Some((index, ballot)) = ballots
            .iter()
            .enumerate()
            .find(|(_, b)| b.marked_count() > allowed)
        {
            return Err(CountError::TooManyChoices {
                ballot: index + 1,
                marked: ballot.marked_count(),
                allowed,
            });
        }
    }
    if u32::try_from(ballots.len()).is_err() {
        return Err(CountError::TooManyBallots(ballots.len()));
    }

    let ballots = ballots.without_withdrawn();
    let standing = ballots.standing();
    let names = ballots.candidates();
    let mut breaker = Tiebreaker::new(tie, names);
    let counted = match method {
        Method::Plurality => plurality::count(&ballots, &standing, seats, &mut breaker),
        Method::Approval { max_choices } => {
            approval::count(&ballots, &standing, seats, max_choices, &mut breaker)
        }
        Method::Borda => borda::count(&ballots, &standing, seats, &mut breaker),
        Method::Schulze => schulze::count(&ballots, &standing, seats, &mut breaker),
        Method::InstantRunoff => irv::count(&ballots, &standing, &mut breaker),
        Method::Stv => stv::count(&ballots, &standing, seats, &mut breaker),
    };
    Ok(Outcome {
        method: method.name(),
        seats,
        winners: Outcome::names(names, &counted.winners),
        ranking: counted
            .ranking
            .iter()
            .map(|group| Outcome::names(names, group))
            .collect(),
        rounds: counted.rounds,
        ties: breaker.ties,
        tie_break: tie.clone(),
        ballots: ballots.total_weight(),
        detail: counted.detail,
        winner_numbers: counted.winners,
    })
}

/// Ranks the standing candidates by a score (higher is better) and takes the top `seats`.
pub(crate) fn rank_by_score(
    standing: &[usize],
    seats: usize,
    score: impl Fn(usize) -> u128,
    breaker: &mut Tiebreaker<'_>,
) -> (Vec<usize>, Vec<Vec<usize>>) {
    let ranking = outcome::ranking_by_score(standing, score);
    let winners = winners_from_ranking(&ranking, seats, breaker);
    (winners, ranking)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn method_names_round_trip() {
        for method in [
            Method::Plurality,
            Method::Approval { max_choices: None },
            Method::Approval {
                max_choices: Some(3),
            },
            Method::Borda,
            Method::Schulze,
            Method::InstantRunoff,
            Method::Stv,
        ] {
            assert_eq!(method.to_string().parse::<Method>().unwrap(), method);
        }
        assert!("approval:0".parse::<Method>().is_err());
        assert!("condorcet".parse::<Method>().is_err());
    }

    #[test]
    fn seats_must_be_fillable() {
        let mut ballots = Ballots::new(["A", "B"]).unwrap();
        ballots.push_ranking(1, &[0, 1]).unwrap();
        let tie = TieBreak::CandidateOrder;
        assert_eq!(
            count(Method::Plurality, &ballots, 0, &tie),
            Err(CountError::NoSeats)
        );
        assert_eq!(
            count(Method::Plurality, &ballots, 3, &tie),
            Err(CountError::TooManySeats {
                seats: 3,
                standing: 2
            })
        );
        assert!(matches!(
            count(Method::InstantRunoff, &ballots, 2, &tie),
            Err(CountError::SingleWinnerOnly { .. })
        ));
        ballots.withdraw(1).unwrap();
        assert!(matches!(
            count(Method::Stv, &ballots, 2, &tie),
            Err(CountError::TooManySeats { .. })
        ));
    }

    #[test]
    fn choose_up_to_k_refuses_a_ballot_with_too_many_marks() {
        let mut ballots = Ballots::new(["A", "B", "C"]).unwrap();
        ballots.push_approval(1, &[0]).unwrap();
        ballots.push_approval(1, &[0, 1, 2]).unwrap();
        let error = count(
            Method::Approval {
                max_choices: Some(2),
            },
            &ballots,
            1,
            &TieBreak::CandidateOrder,
        );
        assert_eq!(
            error,
            Err(CountError::TooManyChoices {
                ballot: 2,
                marked: 3,
                allowed: 2
            })
        );
    }
}
