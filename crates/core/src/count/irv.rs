//! Instant runoff (IRV): exclude the last candidate round by round until one has a majority of the continuing votes.

use super::Counted;
use super::ballot::Ballots;
use super::outcome::{CandidateVotes, Detail, Round, RoundAction, Votes, ranking_by_score};
use super::piles::{Moved, Piles};
use super::tiebreak::{TiePurpose, Tiebreaker};

/// Counts a single-winner instant runoff.
///
/// Round 1 counts first choices. While no candidate holds more than half of the votes still
/// counting for continuing candidates, the candidate with fewest votes is excluded and each
/// of their ballots moves to its next choice (see `next_choice`: an overvote or the end of
/// the ranking exhausts it). Equal fewest: the one with fewer votes in the most recent
/// round where they differed is excluded; equal in every round: the tie-break's least
/// favoured. A lone continuing candidate wins even without a majority.
///
/// Ballots sit in piles by the candidate they count for (see `Piles`), so an exclusion only
/// touches the excluded candidate's ballots, streaming through memory.
///
/// The ranking lists the winner, then the other candidates of the last round by their votes,
/// then the excluded candidates, last excluded first.
pub(crate) fn count(
    ballots: &Ballots,
    standing: &[usize],
    breaker: &mut Tiebreaker<'_>,
) -> Counted {
    let n = ballots.candidate_count();
    let names = ballots.candidates();
    let mut continuing = vec![false; n];
    for &c in standing {
        continuing[c] = true;
    }
    let mut tally = vec![0u64; n];
    let mut exhausted = 0u64;
    let mut credit = |moved: Moved| match moved.to {
        Some(candidate) => tally[candidate] += moved.weight,
        None => exhausted += moved.weight,
    };
    let mut piles = Piles::distribute(ballots, &continuing, false, 0, &mut credit);

    let mut rounds = Vec::new();
    let mut history: Vec<Vec<u128>> = Vec::new();
    let mut excluded_order = Vec::new();
    let mut action = RoundAction::Count;
    let winner = loop {
        let alive: Vec<usize> = standing
            .iter()
            .copied()
            .filter(|&c| continuing[c])
            .collect();
        history.push(tally.iter().map(|&t| u128::from(t)).collect());
        let mut round = Round {
            number: rounds.len() + 1,
            action: action.clone(),
            tallies: alive
                .iter()
                .map(|&c| CandidateVotes {
                    candidate: names[c].clone(),
                    votes: Votes::whole(tally[c].into()),
                })
                .collect(),
            exhausted: Votes::whole(exhausted.into()),
            lost_to_rounding: None,
            elected: Vec::new(),
        };
        let continuing_votes: u128 = alive.iter().map(|&c| u128::from(tally[c])).sum();
        let leader = alive
            .iter()
            .copied()
            .max_by_key(|&c| (tally[c], std::cmp::Reverse(c)));
        if let Some(leader) = leader
            && (alive.len() == 1 || 2 * u128::from(tally[leader]) > continuing_votes)
        {
            round.elected.push(names[leader].clone());
            rounds.push(round);
            break Some(leader);
        }
        rounds.push(round);

        let fewest = alive.iter().map(|&c| tally[c]).min().unwrap_or(0);
        let last: Vec<usize> = alive
            .iter()
            .copied()
            .filter(|&c| tally[c] == fewest)
            .collect();
        let loser = if last.len() > 1 {
            breaker
                .order_with_history(rounds.len(), TiePurpose::Exclude, &last, &history)
                .last()
                .copied()
        } else {
            last.first().copied()
        };
        let Some(loser) = loser else {
            break None; // nobody left: cannot happen with at least one standing candidate
        };

        continuing[loser] = false;
        tally[loser] = 0;
        excluded_order.push(loser);
        piles.transfer(
            loser,
            &continuing,
            |value| value,
            |moved| match moved.to {
                Some(candidate) => tally[candidate] += moved.weight,
                None => exhausted += moved.weight,
            },
        );
        action = RoundAction::Exclusion {
            of: names[loser].clone(),
        };
    };

    let mut ranking = Vec::new();
    if let Some(winner) = winner {
        ranking.push(vec![winner]);
        let others: Vec<usize> = standing
            .iter()
            .copied()
            .filter(|&c| continuing[c] && c != winner)
            .collect();
        ranking.extend(ranking_by_score(&others, |c| u128::from(tally[c])));
    }
    ranking.extend(excluded_order.iter().rev().map(|&c| vec![c]));
    Counted {
        winners: winner.into_iter().collect(),
        ranking,
        rounds,
        detail: Detail::None,
    }
}
