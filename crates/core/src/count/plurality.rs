//! Plurality (first past the post): one vote for each ballot's first preference.

use super::ballot::{Ballots, NO_FIRST_CHOICE};
use super::outcome::{Detail, Round, Votes};
use super::tiebreak::Tiebreaker;
use super::{Counted, rank_by_score};

/// First-preference totals of every candidate, and the weight of ballots counted for nobody
/// (blank, or equal first preferences: an overvote). Reads only the first-choice index.
pub(crate) fn first_preferences(ballots: &Ballots) -> (Vec<u64>, u64) {
    let (first_choices, unit_weights) = ballots.first_choices();
    // One extra slot collects the ballots counted for nobody.
    let nobody = ballots.candidate_count();
    let slot = |first: u16| {
        if first == NO_FIRST_CHOICE {
            nobody
        } else {
            usize::from(first)
        }
    };
    let mut tally = vec![0u64; nobody + 1];
    if unit_weights {
        for &first in first_choices {
            tally[slot(first)] += 1;
        }
    } else {
        let (_, _, weights) = ballots.raw();
        for (&first, &weight) in first_choices.iter().zip(weights) {
            tally[slot(first)] += weight;
        }
    }
    let not_counted = tally.pop().unwrap_or(0);
    (tally, not_counted)
}

/// Counts first preferences; the `seats` candidates with most votes win.
pub(crate) fn count(
    ballots: &Ballots,
    standing: &[usize],
    seats: usize,
    breaker: &mut Tiebreaker<'_>,
) -> Counted {
    let (tally, not_counted) = first_preferences(ballots);
    let (winners, ranking) = rank_by_score(standing, seats, |c| u128::from(tally[c]), breaker);
    let round = Round::single_count(
        ballots,
        standing,
        &winners,
        |c| Votes::whole(tally[c].into()),
        Votes::whole(not_counted.into()),
    );
    Counted {
        winners,
        ranking,
        rounds: vec![round],
        detail: Detail::None,
    }
}
