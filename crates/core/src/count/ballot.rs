//! Ballot model: candidates, ranked ballots with equal preferences, and their compact storage.

use std::borrow::Cow;

use thiserror::Error;

/// Most candidates one contest may have (candidate numbers must fit 15 bits of a mark).
pub const MAX_CANDIDATES: usize = 0x7FFF;

/// High bit of a mark: this candidate shares the preference of the mark before it (BLT `=`).
pub(crate) const SHARES_PREVIOUS: u16 = 0x8000;
/// Low bits of a mark: the candidate number.
pub(crate) const CANDIDATE_BITS: u16 = 0x7FFF;
/// Entry of the first-choice index for a blank or overvoted ballot.
pub(crate) const NO_FIRST_CHOICE: u16 = 0xFFFF;

/// Why a candidate list or a ballot was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BallotError {
    #[error("a contest needs at least one candidate")]
    NoCandidates,
    #[error("{count} candidates is more than the {MAX_CANDIDATES} supported")]
    TooManyCandidates { count: usize },
    #[error("candidate {number} has an empty name")]
    EmptyName { number: usize },
    #[error("candidate {number} has a line break or control character in its name")]
    ControlCharacterInName { number: usize },
    #[error("candidates {first} and {second} are both named \"{name}\"")]
    DuplicateName {
        name: String,
        first: usize,
        second: usize,
    },
    #[error("a ballot must have a weight of at least 1")]
    ZeroWeight,
    #[error("the ballot refers to candidate {number}, but there are only {count} candidates")]
    UnknownCandidate { number: usize, count: usize },
    #[error("the ballot ranks candidate {number} more than once")]
    RepeatedCandidate { number: usize },
    #[error("the total weight of the ballots does not fit in 64 bits")]
    TotalWeightOverflow,
}

/// The candidates of one contest and every ballot cast in it.
///
/// Candidates are numbered `0..n` in the order given (the order of the ballot file); that
/// order is also the tie-break order of [`TieBreak::CandidateOrder`](super::TieBreak).
///
/// A ballot is an ordered list of preference groups: `[[2], [0, 3], [1]]` means candidate 2
/// first, then 0 and 3 equally, then 1. Candidates a ballot leaves out are unranked, below
/// every ranked one. An approval or choose-up-to-k ballot is a single group holding the
/// chosen candidates. Each ballot carries a weight: how many identical ballots it stands for.
///
/// Storage is flat (one `u16` mark per ranked candidate) so a million ballots of twenty
/// candidates take about 58 MB instead of one allocation per preference group.
#[derive(Debug, Clone)]
pub struct Ballots {
    candidates: Vec<String>,
    withdrawn: Vec<bool>,
    /// Candidate numbers in preference order; [`SHARES_PREVIOUS`] marks equal preferences.
    marks: Vec<u16>,
    /// Ballot `i` owns `marks[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    weights: Vec<u64>,
    /// Each ballot's first preference, or [`NO_FIRST_CHOICE`] when it is blank or its first
    /// group holds several candidates: a 2-byte-per-ballot index so plurality need not read
    /// the marks.
    first_choices: Vec<u16>,
    /// Whether every weight is 1, so counts may skip reading the weights.
    unit_weights: bool,
    total_weight: u64,
    any_equal_preferences: bool,
    /// Scratch for spotting a repeated candidate in O(1): `seen[c] == stamp` means candidate
    /// `c` is already on the ballot being added. Not part of the value.
    seen: Vec<u32>,
    stamp: u32,
}

impl PartialEq for Ballots {
    fn eq(&self, other: &Self) -> bool {
        self.candidates == other.candidates
            && self.withdrawn == other.withdrawn
            && self.marks == other.marks
            && self.starts == other.starts
            && self.weights == other.weights
    }
}

impl Eq for Ballots {}

/// One stored ballot, borrowed from [`Ballots`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ballot<'a> {
    weight: u64,
    marks: &'a [u16],
}

impl Ballots {
    /// A contest with these candidates and no ballots yet. Names must be non-empty, distinct
    /// and free of control characters (so every format can write them back).
    pub fn new<S: Into<String>>(
        candidates: impl IntoIterator<Item = S>,
    ) -> Result<Self, BallotError> {
        let candidates: Vec<String> = candidates.into_iter().map(Into::into).collect();
        if candidates.is_empty() {
            return Err(BallotError::NoCandidates);
        }
        if candidates.len() > MAX_CANDIDATES {
            return Err(BallotError::TooManyCandidates {
                count: candidates.len(),
            });
        }
        let mut seen = std::collections::HashMap::with_capacity(candidates.len());
        for (number, name) in candidates.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(BallotError::EmptyName { number });
            }
            if name.chars().any(char::is_control) {
                return Err(BallotError::ControlCharacterInName { number });
            }
            if let Some(first) = seen.insert(name.as_str(), number) {
                return Err(BallotError::DuplicateName {
                    name: name.clone(),
                    first,
                    second: number,
                });
            }
        }
        let count = candidates.len();
        Ok(Self {
            candidates,
            withdrawn: vec![false; count],
            marks: Vec::new(),
            starts: vec![0],
            weights: Vec::new(),
            first_choices: Vec::new(),
            unit_weights: true,
            total_weight: 0,
            any_equal_preferences: false,
            seen: vec![0; count],
            stamp: 0,
        })
    }

    /// Replaces the candidate names (same number of candidates), validated as in [`Ballots::new`].
    pub(crate) fn rename(&mut self, names: Vec<String>) -> Result<(), BallotError> {
        let renamed = Ballots::new(names)?;
        if renamed.candidates.len() != self.candidates.len() {
            return Err(BallotError::TooManyCandidates {
                count: renamed.candidates.len(),
            });
        }
        self.candidates = renamed.candidates;
        self.seen = renamed.seen;
        Ok(())
    }

    /// Reserves room for `ballots` more ballots of about `marks_per_ballot` marks each.
    pub fn reserve(&mut self, ballots: usize, marks_per_ballot: usize) {
        self.starts.reserve(ballots);
        self.weights.reserve(ballots);
        self.first_choices.reserve(ballots);
        self.marks.reserve(ballots.saturating_mul(marks_per_ballot));
    }

    /// Candidate names in file order.
    pub fn candidates(&self) -> &[String] {
        &self.candidates
    }

    /// Number of candidates, withdrawn ones included.
    pub fn candidate_count(&self) -> usize {
        self.candidates.len()
    }

    /// Marks a candidate withdrawn: counts act as if their name were struck from every ballot.
    pub fn withdraw(&mut self, candidate: usize) -> Result<(), BallotError> {
        let count = self.candidates.len();
        let slot = self
            .withdrawn
            .get_mut(candidate)
            .ok_or(BallotError::UnknownCandidate {
                number: candidate,
                count,
            })?;
        *slot = true;
        Ok(())
    }

    /// Whether a candidate was withdrawn.
    pub fn is_withdrawn(&self, candidate: usize) -> bool {
        self.withdrawn.get(candidate).copied().unwrap_or(false)
    }

    /// Candidates still standing (not withdrawn), in file order.
    pub fn standing(&self) -> Vec<usize> {
        (0..self.candidates.len())
            .filter(|&c| !self.withdrawn[c])
            .collect()
    }

    /// Adds a ballot given as preference groups, best first. Empty groups are ignored; a
    /// ballot with no groups is a blank ballot.
    pub fn push<G: AsRef<[usize]>>(
        &mut self,
        weight: u64,
        groups: &[G],
    ) -> Result<(), BallotError> {
        let before = self.marks.len();
        let result = self.push_marks(weight, groups.iter().map(AsRef::as_ref));
        if result.is_err() {
            self.marks.truncate(before);
        }
        result
    }

    /// Adds a strict ranking (no equal preferences), best first. The same checks as
    /// [`Ballots::push`] in a loop of its own: a large ballot file is read through here.
    pub fn push_ranking(&mut self, weight: u64, order: &[usize]) -> Result<(), BallotError> {
        let total_weight = self.next_total_weight(weight)?;
        let count = self.candidates.len();
        let start = self.marks.len();
        let stamp = self.next_stamp();
        for &number in order {
            let Some(seen) = self.seen.get_mut(number) else {
                self.marks.truncate(start);
                return Err(BallotError::UnknownCandidate { number, count });
            };
            if *seen == stamp {
                self.marks.truncate(start);
                return Err(BallotError::RepeatedCandidate { number });
            }
            *seen = stamp;
            self.marks.push(number as u16); // fits: number < count <= MAX_CANDIDATES
        }
        self.close_ballot(start, weight, total_weight);
        Ok(())
    }

    /// Adds an approval (choose-up-to-k) ballot: one group of chosen candidates.
    pub fn push_approval(&mut self, weight: u64, chosen: &[usize]) -> Result<(), BallotError> {
        self.push(weight, &[chosen])
    }

    fn push_marks<'g>(
        &mut self,
        weight: u64,
        groups: impl Iterator<Item = &'g [usize]>,
    ) -> Result<(), BallotError> {
        let total_weight = self.next_total_weight(weight)?;
        let count = self.candidates.len();
        let start = self.marks.len();
        let stamp = self.next_stamp();
        let mut equal_preferences = false;
        for group in groups {
            for (position, &number) in group.iter().enumerate() {
                let Some(seen) = self.seen.get_mut(number) else {
                    return Err(BallotError::UnknownCandidate { number, count });
                };
                if *seen == stamp {
                    return Err(BallotError::RepeatedCandidate { number });
                }
                *seen = stamp;
                let candidate = number as u16; // fits: number < count <= MAX_CANDIDATES
                if position == 0 {
                    self.marks.push(candidate);
                } else {
                    equal_preferences = true;
                    self.marks.push(candidate | SHARES_PREVIOUS);
                }
            }
        }
        self.any_equal_preferences |= equal_preferences;
        self.close_ballot(start, weight, total_weight);
        Ok(())
    }

    /// The total weight with one more ballot of `weight`, or why that ballot is refused.
    fn next_total_weight(&self, weight: u64) -> Result<u64, BallotError> {
        if weight == 0 {
            return Err(BallotError::ZeroWeight);
        }
        self.total_weight
            .checked_add(weight)
            .ok_or(BallotError::TotalWeightOverflow)
    }

    /// A fresh stamp for the repeated-candidate check of the next ballot.
    fn next_stamp(&mut self) -> u32 {
        if self.seen.len() != self.candidates.len() {
            self.seen = vec![0; self.candidates.len()];
        }
        self.stamp = match self.stamp.checked_add(1) {
            Some(stamp) => stamp,
            None => {
                self.seen.fill(0);
                1
            }
        };
        self.stamp
    }

    /// Records the ballot whose marks were just added from `start`.
    fn close_ballot(&mut self, start: usize, weight: u64, total_weight: u64) {
        self.starts.push(self.marks.len());
        self.weights.push(weight);
        self.first_choices.push(first_choice(&self.marks[start..]));
        self.unit_weights &= weight == 1;
        self.total_weight = total_weight;
    }

    /// Adds every ballot of `later` after these, as if pushed one by one, so a file read in
    /// parts gives the same ballots as one read in order. False, leaving these unchanged,
    /// when the candidates differ or the total weight would overflow (pushing one by one
    /// then tells at which ballot).
    pub(crate) fn append(&mut self, later: &Ballots) -> bool {
        if later.candidates != self.candidates || later.withdrawn != self.withdrawn {
            return false;
        }
        let Some(total_weight) = self.total_weight.checked_add(later.total_weight) else {
            return false;
        };
        let offset = self.marks.len();
        self.marks.extend_from_slice(&later.marks);
        self.starts
            .extend(later.starts.iter().skip(1).map(|start| start + offset));
        self.weights.extend_from_slice(&later.weights);
        self.first_choices.extend_from_slice(&later.first_choices);
        self.unit_weights &= later.unit_weights;
        self.any_equal_preferences |= later.any_equal_preferences;
        self.total_weight = total_weight;
        true
    }

    /// Number of stored ballots (each may stand for several identical ones: see weights).
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether no ballot was stored.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Sum of all ballot weights: the number of ballots cast.
    pub fn total_weight(&self) -> u64 {
        self.total_weight
    }

    /// Whether some ballot ranks two candidates equally.
    pub fn has_equal_preferences(&self) -> bool {
        self.any_equal_preferences
    }

    /// The `index`-th stored ballot.
    pub fn get(&self, index: usize) -> Option<Ballot<'_>> {
        let weight = *self.weights.get(index)?;
        let start = *self.starts.get(index)?;
        let end = *self.starts.get(index + 1)?;
        Some(Ballot {
            weight,
            marks: self.marks.get(start..end)?,
        })
    }

    /// Every stored ballot in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Ballot<'_>> + '_ {
        self.weights
            .iter()
            .zip(self.starts.windows(2))
            .map(|(&weight, bounds)| Ballot {
                weight,
                marks: &self.marks[bounds[0]..bounds[1]],
            })
    }

    /// Raw parts for the counting loops: marks, ballot starts (one more than ballots), weights.
    /// The first-choice index (see the field) and whether all weights are 1.
    pub(crate) fn first_choices(&self) -> (&[u16], bool) {
        (&self.first_choices, self.unit_weights)
    }

    pub(crate) fn raw(&self) -> (&[u16], &[usize], &[u64]) {
        (&self.marks, &self.starts, &self.weights)
    }

    /// These ballots with withdrawn candidates struck out (preference groups left empty
    /// vanish), so the counting methods never see a withdrawn candidate. Borrowed when no
    /// candidate is withdrawn.
    pub(crate) fn without_withdrawn(&self) -> Cow<'_, Ballots> {
        if !self.withdrawn.iter().any(|&w| w) {
            return Cow::Borrowed(self);
        }
        let mut kept = Ballots {
            candidates: self.candidates.clone(),
            withdrawn: self.withdrawn.clone(),
            marks: Vec::with_capacity(self.marks.len()),
            starts: Vec::with_capacity(self.starts.len()),
            weights: self.weights.clone(),
            first_choices: Vec::with_capacity(self.first_choices.len()),
            unit_weights: self.unit_weights,
            total_weight: self.total_weight,
            any_equal_preferences: false,
            seen: Vec::new(),
            stamp: 0,
        };
        kept.starts.push(0);
        for ballot in self.iter() {
            // A mark that shared the preference of a struck-out mark may now open its group.
            let mut group_open = false;
            for &mark in ballot.marks {
                let opens_group = mark & SHARES_PREVIOUS == 0;
                if opens_group {
                    group_open = false;
                }
                if self.withdrawn[usize::from(mark & CANDIDATE_BITS)] {
                    continue;
                }
                if group_open {
                    kept.any_equal_preferences = true;
                    kept.marks.push(mark | SHARES_PREVIOUS);
                } else {
                    kept.marks.push(mark & CANDIDATE_BITS);
                    group_open = true;
                }
            }
            let start = kept.starts.last().copied().unwrap_or(0);
            kept.first_choices.push(first_choice(&kept.marks[start..]));
            kept.starts.push(kept.marks.len());
        }
        Cow::Owned(kept)
    }
}

impl<'a> Ballot<'a> {
    /// How many identical ballots this one stands for.
    pub fn weight(&self) -> u64 {
        self.weight
    }

    /// Whether the ballot ranks nobody.
    pub fn is_blank(&self) -> bool {
        self.marks.is_empty()
    }

    /// Number of candidates the ballot ranks or chooses.
    pub fn marked_count(&self) -> usize {
        self.marks.len()
    }

    /// Ranked candidates in preference order (equal ones in the order written).
    pub fn candidates(&self) -> impl Iterator<Item = usize> + 'a {
        self.marks
            .iter()
            .map(|&mark| usize::from(mark & CANDIDATE_BITS))
    }

    /// Preference groups, best first.
    pub fn groups(&self) -> Vec<Vec<usize>> {
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &mark in self.marks {
            let candidate = usize::from(mark & CANDIDATE_BITS);
            match groups.last_mut() {
                Some(group) if mark & SHARES_PREVIOUS != 0 => group.push(candidate),
                _ => groups.push(vec![candidate]),
            }
        }
        groups
    }

    #[cfg(test)]
    pub(crate) fn marks(&self) -> &'a [u16] {
        self.marks
    }
}

/// The first preference of a ballot's marks, or [`NO_FIRST_CHOICE`] if blank or overvoted.
fn first_choice(marks: &[u16]) -> u16 {
    match marks {
        [] => NO_FIRST_CHOICE,
        [_, second, ..] if second & SHARES_PREVIOUS != 0 => NO_FIRST_CHOICE,
        [first, ..] => first & CANDIDATE_BITS,
    }
}

/// The next choice of a ballot in a runoff: scanning its marks from `from`, the first
/// preference group that holds a continuing candidate. Returns that candidate and the position
/// just after the group (where the next search starts), or `None` when the ballot is exhausted:
/// no continuing candidate is left, or the group holds several continuing candidates (an
/// overvote, which exhausts the ballot for good).
#[inline]
pub(crate) fn next_choice(
    marks: &[u16],
    from: usize,
    continuing: &[bool],
) -> Option<(usize, usize)> {
    let mut position = from;
    while position < marks.len() {
        let mut chosen = None;
        loop {
            let candidate = usize::from(marks[position] & CANDIDATE_BITS);
            if continuing[candidate] {
                if chosen.is_some() {
                    return None;
                }
                chosen = Some(candidate);
            }
            position += 1;
            if position >= marks.len() || marks[position] & SHARES_PREVIOUS == 0 {
                break;
            }
        }
        if let Some(candidate) = chosen {
            return Some((candidate, position));
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn groups_round_trip_through_storage() {
        let mut ballots = Ballots::new(["A", "B", "C", "D"]).unwrap();
        ballots.push(3, &[vec![2], vec![0, 3], vec![1]]).unwrap();
        ballots.push_ranking(1, &[1, 0]).unwrap();
        ballots.push::<Vec<usize>>(2, &[]).unwrap();
        let stored: Vec<_> = ballots.iter().map(|b| (b.weight(), b.groups())).collect();
        assert_eq!(
            stored,
            vec![
                (3, vec![vec![2], vec![0, 3], vec![1]]),
                (1, vec![vec![1], vec![0]]),
                (2, vec![])
            ]
        );
        assert_eq!(ballots.total_weight(), 6);
        assert!(ballots.has_equal_preferences());
    }

    #[test]
    fn a_refused_ballot_leaves_no_trace() {
        let mut ballots = Ballots::new(["A", "B"]).unwrap();
        assert_eq!(
            ballots.push_ranking(1, &[0, 0]),
            Err(BallotError::RepeatedCandidate { number: 0 })
        );
        assert_eq!(
            ballots.push_ranking(1, &[0, 5]),
            Err(BallotError::UnknownCandidate {
                number: 5,
                count: 2
            })
        );
        assert_eq!(ballots.push_ranking(0, &[0]), Err(BallotError::ZeroWeight));
        assert!(ballots.is_empty());
        assert_eq!(ballots.raw().0.len(), 0);
    }

    #[test]
    fn candidate_names_must_be_usable() {
        assert_eq!(
            Ballots::new(Vec::<String>::new()),
            Err(BallotError::NoCandidates)
        );
        assert_eq!(
            Ballots::new(["A", " "]),
            Err(BallotError::EmptyName { number: 1 })
        );
        assert_eq!(
            Ballots::new(["A\nB"]),
            Err(BallotError::ControlCharacterInName { number: 0 })
        );
        assert!(matches!(
            Ballots::new(["A", "A"]),
            Err(BallotError::DuplicateName {
                first: 0,
                second: 1,
                ..
            })
        ));
    }

    #[test]
    fn next_choice_skips_losers_and_stops_at_an_overvote() {
        let mut ballots = Ballots::new(["A", "B", "C", "D"]).unwrap();
        ballots.push(1, &[vec![0], vec![1, 2], vec![3]]).unwrap();
        let marks = ballots.get(0).unwrap().marks();
        assert_eq!(next_choice(marks, 0, &[true; 4]), Some((0, 1)));
        assert_eq!(
            next_choice(marks, 1, &[true; 4]),
            None,
            "B and C are equal: an overvote"
        );
        assert_eq!(
            next_choice(marks, 1, &[true, false, true, true]),
            Some((2, 3))
        );
        assert_eq!(
            next_choice(marks, 1, &[true, false, false, true]),
            Some((3, 4))
        );
        assert_eq!(next_choice(marks, 4, &[true; 4]), None);
    }

    #[test]
    fn striking_a_withdrawn_candidate_reopens_their_group() {
        let mut ballots = Ballots::new(["A", "B", "C"]).unwrap();
        ballots.push(1, &[vec![1, 0], vec![2]]).unwrap();
        ballots.push(1, &[vec![1], vec![2]]).unwrap();
        ballots.withdraw(1).unwrap();
        let kept = ballots.without_withdrawn();
        let groups: Vec<_> = kept.iter().map(|b| b.groups()).collect();
        assert_eq!(groups, vec![vec![vec![0], vec![2]], vec![vec![2]]]);
        assert!(!kept.has_equal_preferences());
        assert_eq!(ballots.standing(), vec![0, 2]);
    }
}
