//! Approval and choose-up-to-k: one vote for every candidate a ballot marks.

use super::ballot::{Ballots, CANDIDATE_BITS};
use super::outcome::{Detail, Round, Votes};
use super::tiebreak::Tiebreaker;
use super::{Counted, rank_by_score};

/// Counts one vote per marked candidate (on a ranked ballot: every ranked candidate, whatever
/// the order); the `seats` most approved win. The limit `max_choices` was checked by the caller.
pub(crate) fn count(
    ballots: &Ballots,
    standing: &[usize],
    seats: usize,
    max_choices: Option<usize>,
    breaker: &mut Tiebreaker<'_>,
) -> Counted {
    let (marks, starts, weights) = ballots.raw();
    let mut tally = vec![0u64; ballots.candidate_count()];
    let mut blank = 0u64;
    for (bounds, &weight) in starts.windows(2).zip(weights) {
        let ballot = &marks[bounds[0]..bounds[1]];
        if ballot.is_empty() {
            blank += weight;
        }
        for &mark in ballot {
            tally[usize::from(mark & CANDIDATE_BITS)] += weight;
        }
    }
    let (winners, ranking) = rank_by_score(standing, seats, |c| u128::from(tally[c]), breaker);
    let round = Round::single_count(
        ballots,
        standing,
        &winners,
        |c| Votes::whole(tally[c].into()),
        Votes::whole(blank.into()),
    );
    Counted {
        winners,
        ranking,
        rounds: vec![round],
        detail: Detail::Approval { max_choices },
    }
}
