//! Deterministic tie-breaking: by candidate order in the ballot file, or by a lot drawn from a seed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// How a tie that the counting rules cannot settle is broken.
///
/// Both rules rank every candidate once, before the count, into a *priority order*; in any
/// tie the candidate earlier in that order is favoured: ranked higher, elected first, given
/// the seat, or kept when someone must be excluded.
///
/// - `CandidateOrder`: the order of the ballot file (candidate 1 first).
/// - `Lot`: candidates sorted by `SHA-256(seed ‖ index)` ascending, where `index` is the
///   0-based candidate number as 4 big-endian bytes. The seed is committed before the poll
///   closes, so nobody can steer the draw, and anyone can recompute it afterwards.
///
/// Serialized as `{"rule": "candidate_order"}` or `{"rule": "lot", "seed": "<hex>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum TieBreak {
    CandidateOrder,
    Lot {
        #[serde(serialize_with = "seed_as_hex", deserialize_with = "seed_from_hex")]
        seed: Vec<u8>,
    },
}

fn seed_as_hex<S: Serializer>(seed: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&hex::encode(seed))
}

fn seed_from_hex<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let text = String::deserialize(deserializer)?;
    hex::decode(text).map_err(serde::de::Error::custom)
}

impl TieBreak {
    /// A lot drawn from arbitrary seed bytes.
    pub fn lot(seed: impl Into<Vec<u8>>) -> Self {
        Self::Lot { seed: seed.into() }
    }

    /// A lot drawn from a numeric seed (its 8 big-endian bytes).
    pub fn lot_from_u64(seed: u64) -> Self {
        Self::lot(seed.to_be_bytes())
    }

    /// Candidates `0..count`, most favoured first.
    pub fn priority_order(&self, count: usize) -> Vec<usize> {
        match self {
            Self::CandidateOrder => (0..count).collect(),
            Self::Lot { seed } => {
                let mut keyed: Vec<([u8; 32], usize)> =
                    (0..count).map(|c| (lot_key(seed, c), c)).collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|(_, c)| c).collect()
            }
        }
    }

    pub(crate) fn rule(&self) -> TieRule {
        match self {
            Self::CandidateOrder => TieRule::CandidateOrder,
            Self::Lot { .. } => TieRule::Lot,
        }
    }
}

/// The draw key of one candidate: lower keys are favoured.
fn lot_key(seed: &[u8], candidate: usize) -> [u8; 32] {
    let index = u32::try_from(candidate).unwrap_or(u32::MAX);
    let mut hasher = Sha256::new();
    hasher.update(seed);
    hasher.update(index.to_be_bytes());
    hasher.finalize().into()
}

/// Which rule settled a tie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieRule {
    /// The tallies of the most recent earlier round in which the tied candidates differed.
    EarlierRound,
    /// More votes (apportionment: the party with more votes takes a tied seat).
    MoreVotes,
    /// The order of the ballot file.
    CandidateOrder,
    /// The seeded lot.
    Lot,
}

/// What a tie was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TiePurpose {
    /// Who is elected (the tie straddles the last seat).
    Elect,
    /// Who is excluded in a runoff round.
    Exclude,
    /// Whose surplus is transferred first.
    Surplus,
    /// The order of candidates who all win (matters for ratings and lists).
    Order,
}

/// A tie that was broken, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tie {
    /// The 1-based round of a runoff count, if the tie arose in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub round: Option<usize>,
    pub purpose: TiePurpose,
    /// The tied candidates, in candidate order.
    pub tied: Vec<String>,
    /// The tied candidates as the break ordered them, most favoured first. For an exclusion,
    /// the last one is excluded.
    pub resolved: Vec<String>,
    pub rule: TieRule,
}

/// Applies a [`TieBreak`] during one count and keeps the log of ties.
pub(crate) struct Tiebreaker<'a> {
    names: &'a [String],
    /// `priority[c]`: position of candidate `c` in the priority order (0 = most favoured).
    priority: Vec<usize>,
    rule: TieRule,
    pub(crate) ties: Vec<Tie>,
}

impl<'a> Tiebreaker<'a> {
    pub(crate) fn new(tie: &TieBreak, names: &'a [String]) -> Self {
        let order = tie.priority_order(names.len());
        let mut priority = vec![0; names.len()];
        for (position, &candidate) in order.iter().enumerate() {
            priority[candidate] = position;
        }
        Self {
            names,
            priority,
            rule: tie.rule(),
            ties: Vec::new(),
        }
    }

    /// Sorts candidates most favoured first.
    pub(crate) fn sort_favoured_first(&self, candidates: &mut [usize]) {
        candidates.sort_by_key(|&c| self.priority[c]);
    }

    /// Orders a tied group by priority and logs the tie.
    pub(crate) fn resolve(
        &mut self,
        round: Option<usize>,
        purpose: TiePurpose,
        tied: &[usize],
    ) -> Vec<usize> {
        let mut resolved = tied.to_vec();
        self.sort_favoured_first(&mut resolved);
        self.log(round, purpose, tied, &resolved, self.rule);
        resolved
    }

    /// Orders candidates whose current tallies are equal, most favoured first, and logs the
    /// tie. Looks back through earlier rounds first (`history[r][c]` is the tally of `c` after
    /// round `r + 1`): the candidate with more votes in the most recent round where the tied
    /// candidates differed is favoured; candidates equal in every round go by priority.
    /// An exclusion takes the last candidate of the order, an election the first.
    pub(crate) fn order_with_history(
        &mut self,
        round: usize,
        purpose: TiePurpose,
        tied: &[usize],
        history: &[Vec<u128>],
    ) -> Vec<usize> {
        let tally = |tallies: &Vec<u128>, c: usize| tallies.get(c).copied().unwrap_or(0);
        let by_history = |a: usize, b: usize| {
            history
                .iter()
                .rev()
                .map(|tallies| tally(tallies, b).cmp(&tally(tallies, a)))
                .find(|order| order.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        };
        let mut resolved = tied.to_vec();
        resolved.sort_by(|&a, &b| by_history(a, b).then(self.priority[a].cmp(&self.priority[b])));
        let needed_priority = resolved
            .windows(2)
            .any(|pair| by_history(pair[0], pair[1]).is_eq());
        let rule = if needed_priority {
            self.rule
        } else {
            TieRule::EarlierRound
        };
        self.log(Some(round), purpose, tied, &resolved, rule);
        resolved
    }

    fn log(
        &mut self,
        round: Option<usize>,
        purpose: TiePurpose,
        tied: &[usize],
        resolved: &[usize],
        rule: TieRule,
    ) {
        let mut tied = tied.to_vec();
        tied.sort_unstable();
        self.ties.push(Tie {
            round,
            purpose,
            tied: tied.iter().map(|&c| self.names[c].clone()).collect(),
            resolved: resolved.iter().map(|&c| self.names[c].clone()).collect(),
            rule,
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn candidate_order_favours_the_first_in_the_file() {
        assert_eq!(TieBreak::CandidateOrder.priority_order(4), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_lot_is_a_permutation_fixed_by_its_seed() {
        let draw = TieBreak::lot_from_u64(42).priority_order(10);
        assert_eq!(draw, TieBreak::lot_from_u64(42).priority_order(10));
        let mut sorted = draw.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_ne!(draw, TieBreak::lot_from_u64(43).priority_order(10));
    }

    #[test]
    fn the_lot_key_is_sha256_of_seed_and_big_endian_index() {
        // Recomputable by anyone: sha256(b"seed" || 00 00 00 01).
        let expected: [u8; 32] = Sha256::digest(b"seed\x00\x00\x00\x01").into();
        assert_eq!(lot_key(b"seed", 1), expected);
    }

    #[test]
    fn tie_break_serializes_with_a_hex_seed() {
        let json = serde_json::to_string(&TieBreak::lot(vec![0xAB, 0x01])).unwrap();
        assert_eq!(json, r#"{"rule":"lot","seed":"ab01"}"#);
        assert_eq!(
            serde_json::from_str::<TieBreak>(&json).unwrap(),
            TieBreak::lot(vec![0xAB, 0x01])
        );
        assert_eq!(
            serde_json::to_string(&TieBreak::CandidateOrder).unwrap(),
            r#"{"rule":"candidate_order"}"#
        );
    }

    #[test]
    fn history_settles_a_tie_before_the_lot() {
        let names: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        let mut breaker = Tiebreaker::new(&TieBreak::CandidateOrder, &names);
        // A and B tie now; in round 1 B had fewer, so B is excluded.
        let history = vec![vec![5, 3, 9], vec![4, 4, 1]];
        let order = breaker.order_with_history(2, TiePurpose::Exclude, &[1, 0], &history);
        assert_eq!(order, vec![0, 1]);
        assert_eq!(breaker.ties[0].rule, TieRule::EarlierRound);
        assert_eq!(breaker.ties[0].tied, vec!["A", "B"]);
        assert_eq!(breaker.ties[0].resolved, vec!["A", "B"]);
        // Equal throughout: candidate order favours A, so B is the one excluded.
        let order = breaker.order_with_history(2, TiePurpose::Exclude, &[1, 0], &[vec![4, 4, 0]]);
        assert_eq!(order, vec![0, 1]);
        assert_eq!(breaker.ties[1].rule, TieRule::CandidateOrder);
    }
}
