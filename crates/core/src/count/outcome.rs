//! The result of a count: winners, ranking, rounds, ties and method detail, as printed by `mandat tally --json`.

use std::fmt;

use serde::{Serialize, Serializer};

use super::tiebreak::{Tie, TieBreak, TiePurpose, Tiebreaker};

/// A vote total, exact: `units / scale`. Whole votes have scale 1, Borda half-points scale 2,
/// STV fixed-point values scale 100 000. Serialized as a JSON integer when whole, else as a
/// decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Votes {
    pub units: u128,
    pub scale: u64,
}

impl Votes {
    pub fn whole(votes: u128) -> Self {
        Self {
            units: votes,
            scale: 1,
        }
    }

    pub(crate) fn scaled(units: u128, scale: u64) -> Self {
        Self { units, scale }
    }

    /// The value as a float (exact below 2^53 / scale).
    pub fn as_f64(&self) -> f64 {
        self.units as f64 / self.scale as f64
    }
}

impl Serialize for Votes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let scale = u128::from(self.scale.max(1));
        if self.units.is_multiple_of(scale) {
            serializer.serialize_u128(self.units / scale)
        } else {
            serializer.serialize_f64(self.as_f64())
        }
    }
}

impl fmt::Display for Votes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = u128::from(self.scale.max(1));
        let whole = self.units / scale;
        let fraction = self.units % scale;
        if fraction == 0 {
            return write!(f, "{whole}");
        }
        // Print enough decimals to be exact for scales 2, 10, 100, ... (all this module uses).
        let mut digits = String::new();
        let mut rest = fraction;
        while rest != 0 && digits.len() < 12 {
            rest *= 10;
            digits.push(char::from(b'0' + (rest / scale) as u8));
            rest %= scale;
        }
        write!(f, "{whole}.{digits}")
    }
}

/// One candidate's total in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateVotes {
    pub candidate: String,
    pub votes: Votes,
}

/// What happened in a round of a runoff count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RoundAction {
    /// The single pass of a one-round method, or the first preferences of a runoff.
    Count,
    /// An elected candidate's surplus (`surplus` of their `total`) passed on at reduced value.
    Surplus {
        from: String,
        surplus: Votes,
        total: Votes,
    },
    /// A candidate excluded and their ballots passed on at their current value.
    Exclusion { of: String },
}

/// One round (stage) of a count, with the tallies after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Round {
    /// 1-based.
    pub number: usize,
    pub action: RoundAction,
    /// Totals of the candidates still in the count at the end of the round (elected ones
    /// included), in candidate order.
    pub tallies: Vec<CandidateVotes>,
    /// Votes no longer counting for anyone: blank, overvoted (equal preferences where one
    /// choice is needed) or exhausted ballots.
    pub exhausted: Votes,
    /// STV only: value lost by truncating transfer values to 5 decimals, cumulative.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lost_to_rounding: Option<Votes>,
    /// Candidates elected at the end of this round (reaching the quota or majority, or
    /// filling the last seats); for one-round methods, the winners.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elected: Vec<String>,
}

impl Round {
    /// The only round of a one-round method (plurality, approval, Borda): every standing
    /// candidate's total, and the winners.
    pub(crate) fn single_count(
        ballots: &super::ballot::Ballots,
        standing: &[usize],
        winners: &[usize],
        votes_of: impl Fn(usize) -> Votes,
        exhausted: Votes,
    ) -> Round {
        let name = |c: usize| ballots.candidates()[c].clone();
        Round {
            number: 1,
            action: RoundAction::Count,
            tallies: standing
                .iter()
                .map(|&c| CandidateVotes {
                    candidate: name(c),
                    votes: votes_of(c),
                })
                .collect(),
            exhausted,
            lost_to_rounding: None,
            elected: winners.iter().map(|&c| name(c)).collect(),
        }
    }
}

/// Method-specific detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Detail {
    None,
    Approval {
        /// The most choices a ballot could make, if limited.
        max_choices: Option<usize>,
    },
    Borda {
        /// Points for first place with `candidates` standing (last place gets 0).
        top_points: usize,
    },
    Schulze {
        /// Row and column order of the matrices.
        candidates: Vec<String>,
        /// `pairwise[i][j]`: votes ranking candidate i above candidate j.
        pairwise: Vec<Vec<u64>>,
        /// `strongest_paths[i][j]`: strength of the widest path from i to j (winning votes).
        strongest_paths: Vec<Vec<u64>>,
    },
    Runoff {
        /// Votes needed to be elected: a majority of continuing votes (IRV) or the Droop quota (STV).
        #[serde(skip_serializing_if = "Option::is_none")]
        quota: Option<Votes>,
        /// The STV rules implemented.
        #[serde(skip_serializing_if = "Option::is_none")]
        variant: Option<&'static str>,
    },
}

impl Detail {
    fn is_none(&self) -> bool {
        matches!(self, Self::None)
    }
}

/// The outcome of a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// Method name, as accepted by [`Method::from_str`](super::Method).
    pub method: &'static str,
    pub seats: usize,
    /// Elected candidates, in order of election (runoffs) or of ranking (the others).
    pub winners: Vec<String>,
    /// Standing candidates from best to worst; candidates in one group are tied.
    pub ranking: Vec<Vec<String>>,
    pub rounds: Vec<Round>,
    /// Every tie that was broken, and how.
    pub ties: Vec<Tie>,
    pub tie_break: TieBreak,
    /// Total ballot weight: the number of ballots cast, blank ones included.
    pub ballots: u64,
    #[serde(skip_serializing_if = "Detail::is_none")]
    pub detail: Detail,
    /// Winners as candidate numbers (not serialized; names say the same).
    #[serde(skip)]
    pub winner_numbers: Vec<usize>,
}

impl Outcome {
    pub(crate) fn names(names: &[String], candidates: &[usize]) -> Vec<String> {
        candidates.iter().map(|&c| names[c].clone()).collect()
    }
}

/// Groups candidates by score, best first; ties keep candidate order within a group.
pub(crate) fn ranking_by_score(
    candidates: &[usize],
    score: impl Fn(usize) -> u128,
) -> Vec<Vec<usize>> {
    let mut sorted = candidates.to_vec();
    sorted.sort_by(|&a, &b| score(b).cmp(&score(a)).then(a.cmp(&b)));
    let mut ranking: Vec<Vec<usize>> = Vec::new();
    for candidate in sorted {
        match ranking.last_mut() {
            Some(group)
                if group
                    .first()
                    .is_some_and(|&first| score(first) == score(candidate)) =>
            {
                group.push(candidate)
            }
            _ => ranking.push(vec![candidate]),
        }
    }
    ranking
}

/// The first `seats` candidates of a ranking; tied groups reaching into the winners are
/// ordered by the tie-break and logged.
pub(crate) fn winners_from_ranking(
    ranking: &[Vec<usize>],
    seats: usize,
    breaker: &mut Tiebreaker<'_>,
) -> Vec<usize> {
    let mut winners = Vec::with_capacity(seats);
    for group in ranking {
        if winners.len() >= seats {
            break;
        }
        if group.len() == 1 {
            winners.extend_from_slice(group);
            continue;
        }
        let open = seats - winners.len();
        let purpose = if group.len() > open {
            TiePurpose::Elect
        } else {
            TiePurpose::Order
        };
        let resolved = breaker.resolve(None, purpose, group);
        winners.extend(resolved.into_iter().take(open));
    }
    winners
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn votes_print_exactly() {
        assert_eq!(Votes::whole(12).to_string(), "12");
        assert_eq!(Votes::scaled(25, 2).to_string(), "12.5");
        assert_eq!(Votes::scaled(1_250_001, 100_000).to_string(), "12.50001");
        assert_eq!(serde_json::to_string(&Votes::scaled(24, 2)).unwrap(), "12");
        assert_eq!(
            serde_json::to_string(&Votes::scaled(1_250_001, 100_000)).unwrap(),
            "12.50001"
        );
    }

    #[test]
    fn ranking_groups_equal_scores() {
        let scores = [5u128, 9, 5, 1];
        let ranking = ranking_by_score(&[0, 1, 2, 3], |c| scores[c]);
        assert_eq!(ranking, vec![vec![1], vec![0, 2], vec![3]]);
    }
}
