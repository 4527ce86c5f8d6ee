//! Single transferable vote: Droop quota and weighted inclusive Gregory transfers in 5-decimal fixed point.

use super::Counted;
use super::ballot::Ballots;
use super::outcome::{CandidateVotes, Detail, Round, RoundAction, Votes, ranking_by_score};
use super::piles::{Moved, Piles};
use super::tiebreak::{TiePurpose, Tiebreaker};

/// Decimal places kept in ballot values and tallies; transfer values are truncated to these.
pub const STV_DECIMALS: u32 = 5;
/// One whole vote in fixed-point units.
const SCALE: u64 = 10u64.pow(STV_DECIMALS);

/// The STV rules this module implements, as reported in results.
///
/// Weighted inclusive Gregory method (WIGM) with the Droop quota, in the manner of the
/// Scottish local government STV rules (2007):
/// - quota = ⌊valid votes / (seats + 1)⌋ + 1, valid votes being ballots with a usable first
///   choice;
/// - a candidate reaching the quota is elected; several in one stage are elected in order of
///   votes;
/// - surpluses go first, largest first: every ballot the elected candidate holds moves to its
///   next continuing choice at `value × surplus / candidate's total`, truncated to 5
///   decimals (what truncation drops is reported as lost to rounding);
/// - with no surplus left, the candidate with fewest votes is excluded and all their ballots
///   move on at their current value;
/// - ballots skip elected and excluded candidates; a ballot with no continuing choice left,
///   or whose next choice is a group of equal preferences holding several continuing
///   candidates, is exhausted;
/// - when no more candidates remain than seats to fill, they are all elected;
/// - ties: votes in the most recent earlier stage where the tied candidates differed, then
///   the [`TieBreak`](super::TieBreak).
pub const STV_VARIANT: &str = "wigm-droop-5dp";

/// Counts an STV election for `seats` seats (see [`STV_VARIANT`]).
pub(crate) fn count(
    ballots: &Ballots,
    standing: &[usize],
    seats: usize,
    breaker: &mut Tiebreaker<'_>,
) -> Counted {
    let mut stv = Count::new(ballots, standing, seats);
    stv.run(breaker);
    stv.finish()
}

struct Count<'a> {
    ballots: &'a Ballots,
    standing: &'a [usize],
    seats: usize,
    quota: u128,
    /// Neither elected nor excluded: may still receive ballots.
    hopeful: Vec<bool>,
    tally: Vec<u128>,
    /// Ballots by current holder, each carrying its value in 1/SCALE votes.
    piles: Piles,
    exhausted: u128,
    lost: u128,
    elected: Vec<usize>,
    excluded: Vec<usize>,
    /// Elected candidates whose surplus was not yet transferred.
    pending_surplus: Vec<usize>,
    history: Vec<Vec<u128>>,
    rounds: Vec<Round>,
}

impl<'a> Count<'a> {
    fn new(ballots: &'a Ballots, standing: &'a [usize], seats: usize) -> Self {
        let n = ballots.candidate_count();
        let mut hopeful = vec![false; n];
        for &c in standing {
            hopeful[c] = true;
        }
        let mut tally = vec![0u128; n];
        let mut exhausted = 0u128;
        let mut valid = 0u128;
        let piles = Piles::distribute(ballots, &hopeful, true, SCALE as u32, |moved| {
            let carried = u128::from(moved.weight) * u128::from(moved.value);
            match moved.to {
                Some(candidate) => {
                    tally[candidate] += carried;
                    valid += u128::from(moved.weight);
                }
                None => exhausted += carried,
            }
        });
        let quota = (valid / (seats as u128 + 1) + 1) * u128::from(SCALE);
        Self {
            ballots,
            standing,
            seats,
            quota,
            hopeful,
            tally,
            piles,
            exhausted,
            lost: 0,
            elected: Vec::new(),
            excluded: Vec::new(),
            pending_surplus: Vec::new(),
            history: Vec::new(),
            rounds: Vec::new(),
        }
    }

    fn hopefuls(&self) -> Vec<usize> {
        self.standing
            .iter()
            .copied()
            .filter(|&c| self.hopeful[c])
            .collect()
    }

    fn run(&mut self, breaker: &mut Tiebreaker<'_>) {
        self.record_round(RoundAction::Count);
        self.elect_reaching_quota(breaker);
        loop {
            if self.elected.len() >= self.seats {
                break;
            }
            let hopefuls = self.hopefuls();
            let open = self.seats - self.elected.len();
            if hopefuls.len() <= open {
                let order = self.order_by_votes(&hopefuls, breaker);
                self.elect(&order);
                break;
            }
            let quota = self.quota;
            let tally = &self.tally;
            self.pending_surplus.retain(|&c| tally[c] > quota);
            let action = if let Some(from) = self.largest_surplus(breaker) {
                self.transfer_surplus(from)
            } else {
                let Some(loser) = self.fewest_votes(&hopefuls, breaker) else {
                    break; // unreachable: more hopefuls than open seats
                };
                self.exclude(loser)
            };
            self.record_round(action);
            self.elect_reaching_quota(breaker);
        }
    }

    /// Candidates by votes, most first; equal votes settled by history, then the tie-break.
    fn order_by_votes(&self, candidates: &[usize], breaker: &mut Tiebreaker<'_>) -> Vec<usize> {
        let mut order = Vec::with_capacity(candidates.len());
        for group in ranking_by_score(candidates, |c| self.tally[c]) {
            if group.len() > 1 {
                order.extend(breaker.order_with_history(
                    self.rounds.len(),
                    TiePurpose::Order,
                    &group,
                    &self.history,
                ));
            } else {
                order.extend(group);
            }
        }
        order
    }

    fn largest_surplus(&mut self, breaker: &mut Tiebreaker<'_>) -> Option<usize> {
        let most = self.pending_surplus.iter().map(|&c| self.tally[c]).max()?;
        let mut tied: Vec<usize> = self
            .pending_surplus
            .iter()
            .copied()
            .filter(|&c| self.tally[c] == most)
            .collect();
        tied.sort_unstable();
        let from = if tied.len() > 1 {
            breaker
                .order_with_history(self.rounds.len(), TiePurpose::Surplus, &tied, &self.history)
                .first()
                .copied()
        } else {
            tied.first().copied()
        }?;
        self.pending_surplus.retain(|&c| c != from);
        Some(from)
    }

    fn fewest_votes(&self, hopefuls: &[usize], breaker: &mut Tiebreaker<'_>) -> Option<usize> {
        let fewest = hopefuls.iter().map(|&c| self.tally[c]).min()?;
        let tied: Vec<usize> = hopefuls
            .iter()
            .copied()
            .filter(|&c| self.tally[c] == fewest)
            .collect();
        if tied.len() > 1 {
            breaker
                .order_with_history(self.rounds.len(), TiePurpose::Exclude, &tied, &self.history)
                .last()
                .copied()
        } else {
            tied.first().copied()
        }
    }

    /// Moves every ballot of `from` to its next hopeful choice at `value × share / whole`
    /// (truncated), or to the exhausted votes; returns the total value moved.
    fn move_pile(&mut self, from: usize, share: u128, whole: u128) -> u128 {
        let mut moved_total = 0u128;
        let (tally, exhausted) = (&mut self.tally, &mut self.exhausted);
        // share <= whole, so a new value never exceeds the old one and fits u32.
        let revalue = |value: u32| (u128::from(value) * share / whole) as u32;
        self.piles
            .transfer(from, &self.hopeful, revalue, |moved: Moved| {
                let carried = u128::from(moved.weight) * u128::from(moved.value);
                moved_total += carried;
                match moved.to {
                    Some(candidate) => tally[candidate] += carried,
                    None => *exhausted += carried,
                }
            });
        moved_total
    }

    fn transfer_surplus(&mut self, from: usize) -> RoundAction {
        let total = self.tally[from];
        let surplus = total - self.quota;
        let moved = self.move_pile(from, surplus, total);
        self.lost += surplus - moved;
        self.tally[from] = self.quota;
        let name = self.ballots.candidates()[from].clone();
        RoundAction::Surplus {
            from: name,
            surplus: Votes::scaled(surplus, SCALE),
            total: Votes::scaled(total, SCALE),
        }
    }

    fn exclude(&mut self, loser: usize) -> RoundAction {
        self.hopeful[loser] = false;
        self.excluded.push(loser);
        self.move_pile(loser, 1, 1);
        self.tally[loser] = 0;
        RoundAction::Exclusion {
            of: self.ballots.candidates()[loser].clone(),
        }
    }

    fn elect_reaching_quota(&mut self, breaker: &mut Tiebreaker<'_>) {
        let reached: Vec<usize> = self
            .hopefuls()
            .into_iter()
            .filter(|&c| self.tally[c] >= self.quota)
            .collect();
        if reached.is_empty() {
            return;
        }
        let mut order = self.order_by_votes(&reached, breaker);
        // The Droop quota lets at most `seats` candidates reach it; guard anyway.
        order.truncate(self.seats - self.elected.len());
        self.elect(&order);
    }

    fn elect(&mut self, order: &[usize]) {
        for &c in order {
            self.hopeful[c] = false;
            self.elected.push(c);
            self.pending_surplus.push(c);
            if let Some(round) = self.rounds.last_mut() {
                round.elected.push(self.ballots.candidates()[c].clone());
            }
        }
    }

    fn record_round(&mut self, action: RoundAction) {
        let names = self.ballots.candidates();
        let tallies = self
            .standing
            .iter()
            .filter(|&&c| self.hopeful[c] || self.elected.contains(&c))
            .map(|&c| CandidateVotes {
                candidate: names[c].clone(),
                votes: Votes::scaled(self.tally[c], SCALE),
            })
            .collect();
        self.history.push(self.tally.clone());
        self.rounds.push(Round {
            number: self.rounds.len() + 1,
            action,
            tallies,
            exhausted: Votes::scaled(self.exhausted, SCALE),
            lost_to_rounding: Some(Votes::scaled(self.lost, SCALE)),
            elected: Vec::new(),
        });
    }

    fn finish(self) -> Counted {
        let mut ranking: Vec<Vec<usize>> = self.elected.iter().map(|&c| vec![c]).collect();
        ranking.extend(ranking_by_score(&self.hopefuls(), |c| self.tally[c]));
        ranking.extend(self.excluded.iter().rev().map(|&c| vec![c]));
        Counted {
            winners: self.elected,
            ranking,
            rounds: self.rounds,
            detail: Detail::Runoff {
                quota: Some(Votes::scaled(self.quota, SCALE)),
                variant: Some(STV_VARIANT),
            },
        }
    }
}
