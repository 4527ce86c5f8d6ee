//! Borda count, averaged variant: equal and unranked candidates share the points of the places they fill.

use super::ballot::{Ballots, CANDIDATE_BITS, SHARES_PREVIOUS};
use super::outcome::{Detail, Round, Votes};
use super::tiebreak::Tiebreaker;
use super::{Counted, rank_by_score};

/// Borda points in half-points (so shared places stay whole numbers), indexed by candidate.
///
/// With `m` standing candidates, places are worth `m - 1, m - 2, ..., 0`. Candidates a
/// ballot ranks equally share the points of the places they fill (averaged); the unranked
/// candidates count as one group tied for the last places and share those points too. So a
/// truncated ballot gives every unranked candidate `(u - 1) / 2` points, `u` being how many
/// it left unranked — the same as if the voter had ranked them equal last. Blank ballots
/// give no points.
pub(crate) fn half_points(ballots: &Ballots, standing_count: usize) -> Vec<u128> {
    let (marks, starts, weights) = ballots.raw();
    let m = standing_count as u64;
    let n = ballots.candidate_count();
    // Per-candidate sums in u64 for speed, moved into u128 totals before they could overflow.
    let mut totals = vec![0u128; n];
    let mut sums = vec![0u64; n];
    let mut room = u64::MAX;
    // Half-points every standing candidate receives from the unranked share, summed over ballots.
    let mut base_for_all: u128 = 0;
    let strict = !ballots.has_equal_preferences();
    let most_per_ballot = 2 * m.saturating_sub(1);
    for (bounds, &weight) in starts.windows(2).zip(weights) {
        let ballot = &marks[bounds[0]..bounds[1]];
        if ballot.is_empty() {
            continue; // a blank ballot is an abstention, not a vote for everyone equally
        }
        let unranked = m - ballot.len() as u64;
        let base = unranked.saturating_sub(1);
        base_for_all += u128::from(weight) * u128::from(base);
        let Some(most) = weight.checked_mul(most_per_ballot.max(1)) else {
            // A weight this large goes straight to the u128 totals.
            add_ballot(ballot, m, base, |c, points| {
                totals[c] += u128::from(weight) * u128::from(points)
            });
            continue;
        };
        if most > room {
            for (total, sum) in totals.iter_mut().zip(sums.iter_mut()) {
                *total += u128::from(std::mem::take(sum));
            }
            room = u64::MAX;
        }
        room -= most;
        if strict {
            // Place p is worth 2(m-1-p) half-points; ranked candidates get it minus the base.
            let mut points = 2 * (m - 1) - base;
            for &mark in ballot {
                sums[usize::from(mark)] += weight * points;
                points = points.wrapping_sub(2);
            }
        } else {
            add_ballot(ballot, m, base, |c, points| sums[c] += weight * points);
        }
    }
    totals
        .iter()
        .zip(&sums)
        .map(|(&total, &sum)| total + u128::from(sum) + base_for_all)
        .collect()
}

/// Calls `give(candidate, half-points above the base)` for each ranked candidate of a ballot
/// with preference groups: a group filling places `p..p+k` shares their points,
/// `2(m-1-p) - (k-1)` half-points each.
fn add_ballot(ballot: &[u16], m: u64, base: u64, mut give: impl FnMut(usize, u64)) {
    let mut place = 0u64;
    let mut start = 0;
    while start < ballot.len() {
        let mut end = start + 1;
        while end < ballot.len() && ballot[end] & SHARES_PREVIOUS != 0 {
            end += 1;
        }
        let size = (end - start) as u64;
        let shared = 2 * (m - 1 - place) - (size - 1);
        for &mark in &ballot[start..end] {
            give(usize::from(mark & CANDIDATE_BITS), shared - base);
        }
        place += size;
        start = end;
    }
}

/// Ranks by Borda points; the `seats` highest win.
pub(crate) fn count(
    ballots: &Ballots,
    standing: &[usize],
    seats: usize,
    breaker: &mut Tiebreaker<'_>,
) -> Counted {
    let points = half_points(ballots, standing.len());
    let (winners, ranking) = rank_by_score(standing, seats, |c| points[c], breaker);
    let blank: u64 = ballots
        .iter()
        .filter(|b| b.is_blank())
        .map(|b| b.weight())
        .sum();
    let round = Round::single_count(
        ballots,
        standing,
        &winners,
        |c| Votes::scaled(points[c], 2),
        Votes::whole(blank.into()),
    );
    Counted {
        winners,
        ranking,
        rounds: vec![round],
        detail: Detail::Borda {
            top_points: standing.len() - 1,
        },
    }
}
