//! Seat apportionment: D'Hondt, Sainte-Laguë and largest remainder (Hamilton, Hare quota), with an optional minimum per party.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::tiebreak::{TieBreak, TieRule};

/// Most seats a divisor method hands out one by one (beyond the minimums).
pub const MAX_DIVISOR_SEATS: u64 = 10_000_000;

/// An apportionment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Apportionment {
    /// Highest averages with divisors 1, 2, 3, … (Jefferson).
    DHondt,
    /// Highest averages with divisors 1, 3, 5, … (Webster; the pure variant, first divisor 1).
    SainteLague,
    /// Largest remainder with the Hare quota (Hamilton): whole quotas first, then the
    /// largest remainders.
    LargestRemainder,
}

impl Apportionment {
    /// The name used in results and on the command line.
    pub fn name(&self) -> &'static str {
        match self {
            Self::DHondt => "dhondt",
            Self::SainteLague => "sainte-lague",
            Self::LargestRemainder => "largest-remainder",
        }
    }
}

impl fmt::Display for Apportionment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A method name that is not one of `dhondt`, `sainte-lague`, `largest-remainder`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown apportionment method \"{0}\": expected dhondt, sainte-lague or largest-remainder")]
pub struct UnknownApportionment(pub String);

impl FromStr for Apportionment {
    type Err = UnknownApportionment;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "dhondt" | "d'hondt" | "d-hondt" | "jefferson" => Ok(Self::DHondt),
            "sainte-lague" | "sainte-laguë" | "webster" => Ok(Self::SainteLague),
            "largest-remainder" | "hamilton" | "hare" => Ok(Self::LargestRemainder),
            _ => Err(UnknownApportionment(text.to_owned())),
        }
    }
}

/// Why seats could not be apportioned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApportionError {
    #[error("there are no parties to give seats to")]
    NoParties,
    #[error(
        "a minimum of {minimum} for each of {parties} parties needs more than the {seats} seats"
    )]
    MinimumsExceedSeats {
        parties: usize,
        minimum: u64,
        seats: u64,
    },
    #[error("every party has 0 votes, so the seats above the minimums cannot be apportioned")]
    NoVotes,
    #[error("{seats} seats is more than the {limit} a divisor method hands out")]
    TooManySeats { seats: u64, limit: u64 },
}

/// A tie for the last seat(s), and how it was broken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApportionTie {
    /// Parties (0-based, input order) with equal claims on the last seats.
    pub parties: Vec<usize>,
    /// Those of them that got a seat.
    pub awarded: Vec<usize>,
    pub rule: TieRule,
}

/// Seats per party, in input order; they always sum to the seats asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Allocation {
    pub method: &'static str,
    pub seats: Vec<u64>,
    /// Ties broken at the last seat: a tied party with more votes goes first, then the tie-break.
    pub ties: Vec<ApportionTie>,
}

/// Apportions `seats` among parties in proportion to `votes`, every party getting at least
/// `minimum` seats (0 for none).
///
/// - Divisor methods start every party at the minimum and hand out the rest by highest
///   average `votes / divisor(seats so far)`: the minimum-respecting allocation closest to
///   the plain method.
/// - Largest remainder: parties whose Hamilton share falls below the minimum get exactly
///   the minimum and leave the count; the rest is re-apportioned among the others, until no
///   share falls short.
///
/// Equal claims on a seat go to the party with more votes, then by `tie` (parties take the
/// place of candidates: `CandidateOrder` favours the first party listed).
pub fn apportion(
    method: Apportionment,
    votes: &[u64],
    seats: u64,
    minimum: u64,
    tie: &TieBreak,
) -> Result<Allocation, ApportionError> {
    if votes.is_empty() {
        return Err(ApportionError::NoParties);
    }
    let parties = votes.len();
    let reserved = (parties as u64)
        .checked_mul(minimum)
        .filter(|&reserved| reserved <= seats)
        .ok_or(ApportionError::MinimumsExceedSeats {
            parties,
            minimum,
            seats,
        })?;
    let mut priority = vec![0usize; parties];
    for (position, party) in tie.priority_order(parties).into_iter().enumerate() {
        priority[party] = position;
    }
    let context = Context {
        votes,
        priority: &priority,
        rule: tie.rule(),
    };
    let (seats, ties) = match method {
        Apportionment::DHondt => {
            highest_averages(&context, seats - reserved, minimum, Divisors::DHondt)?
        }
        Apportionment::SainteLague => {
            highest_averages(&context, seats - reserved, minimum, Divisors::SainteLague)?
        }
        Apportionment::LargestRemainder => {
            largest_remainder_with_minimum(&context, seats, minimum)?
        }
    };
    Ok(Allocation {
        method: method.name(),
        seats,
        ties,
    })
}

struct Context<'a> {
    votes: &'a [u64],
    /// Tie-break position of each party (0 = favoured).
    priority: &'a [usize],
    rule: TieRule,
}

impl Context<'_> {
    /// Orders parties with equal claims: more votes first, then the tie-break.
    fn favoured_first(&self, a: usize, b: usize) -> Ordering {
        self.votes[b]
            .cmp(&self.votes[a])
            .then(self.priority[a].cmp(&self.priority[b]))
    }

    /// The record of a tie between `tied` parties of which `awarded` got the seats.
    fn tie(&self, mut tied: Vec<usize>, mut awarded: Vec<usize>) -> ApportionTie {
        tied.sort_unstable();
        awarded.sort_unstable();
        let fewest_awarded = awarded.iter().map(|&p| self.votes[p]).min().unwrap_or(0);
        let most_passed_over = tied
            .iter()
            .filter(|p| !awarded.contains(p))
            .map(|&p| self.votes[p])
            .max();
        let by_votes = most_passed_over.is_some_and(|most| fewest_awarded > most);
        ApportionTie {
            parties: tied,
            awarded,
            rule: if by_votes {
                TieRule::MoreVotes
            } else {
                self.rule
            },
        }
    }
}

#[derive(Clone, Copy)]
enum Divisors {
    DHondt,
    SainteLague,
}

impl Divisors {
    /// Divisor for a party's next seat when it holds `seats`.
    fn next(self, seats: u64) -> u128 {
        match self {
            Self::DHondt => u128::from(seats) + 1,
            Self::SainteLague => 2 * u128::from(seats) + 1,
        }
    }
}

/// A party's claim on its next seat: `votes / divisor`.
struct Claim<'a> {
    party: usize,
    votes: u64,
    divisor: u128,
    context: &'a Context<'a>,
}

impl Claim<'_> {
    /// Compares the averages exactly.
    fn average_cmp(&self, other: &Self) -> Ordering {
        compare_fractions(
            u128::from(self.votes),
            self.divisor,
            u128::from(other.votes),
            other.divisor,
        )
    }
}

/// Compares `a / b` with `c / d` exactly (`b`, `d` > 0): by cross products when they fit in
/// u128, else by whole parts and then the reciprocals of the remainders (Euclid's steps).
fn compare_fractions(a: u128, b: u128, c: u128, d: u128) -> Ordering {
    if let (Some(left), Some(right)) = (a.checked_mul(d), c.checked_mul(b)) {
        return left.cmp(&right);
    }
    let (whole_left, rest_left) = (a / b, a % b);
    let (whole_right, rest_right) = (c / d, c % d);
    match whole_left.cmp(&whole_right) {
        Ordering::Equal => match (rest_left, rest_right) {
            (0, 0) => Ordering::Equal,
            (0, _) => Ordering::Less,
            (_, 0) => Ordering::Greater,
            // rest_left / b vs rest_right / d  ⇔  d / rest_right vs b / rest_left
            _ => compare_fractions(d, rest_right, b, rest_left),
        },
        unequal => unequal,
    }
}

impl PartialEq for Claim<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Claim<'_> {}
impl PartialOrd for Claim<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Claim<'_> {
    /// Greater = served first: higher average, then the favoured party.
    fn cmp(&self, other: &Self) -> Ordering {
        self.average_cmp(other)
            .then_with(|| self.context.favoured_first(other.party, self.party))
    }
}

fn highest_averages(
    context: &Context<'_>,
    to_hand_out: u64,
    minimum: u64,
    divisors: Divisors,
) -> Result<(Vec<u64>, Vec<ApportionTie>), ApportionError> {
    let mut seats = vec![minimum; context.votes.len()];
    if to_hand_out == 0 {
        return Ok((seats, Vec::new()));
    }
    if context.votes.iter().all(|&v| v == 0) {
        return Err(ApportionError::NoVotes);
    }
    if to_hand_out > MAX_DIVISOR_SEATS {
        return Err(ApportionError::TooManySeats {
            seats: to_hand_out,
            limit: MAX_DIVISOR_SEATS,
        });
    }
    let claim = |party: usize, held: u64| Claim {
        party,
        votes: context.votes[party],
        divisor: divisors.next(held),
        context,
    };
    let mut queue: BinaryHeap<Claim<'_>> = (0..seats.len())
        .map(|party| claim(party, minimum))
        .collect();
    let mut last_awarded = None;
    for _ in 0..to_hand_out {
        let Some(best) = queue.pop() else { break };
        seats[best.party] += 1;
        queue.push(claim(best.party, seats[best.party]));
        last_awarded = Some(claim(best.party, seats[best.party] - 1));
    }
    // A tie exists when the best claim left equals the last claim served.
    let mut ties = Vec::new();
    if let (Some(last), Some(next)) = (last_awarded, queue.peek())
        && last.average_cmp(next) == Ordering::Equal
    {
        let same_average =
            |party: usize, held: u64| claim(party, held).average_cmp(&last) == Ordering::Equal;
        let awarded: Vec<usize> = (0..seats.len())
            .filter(|&p| seats[p] > minimum && same_average(p, seats[p] - 1))
            .collect();
        let tied: Vec<usize> = (0..seats.len())
            .filter(|&p| awarded.contains(&p) || same_average(p, seats[p]))
            .collect();
        ties.push(context.tie(tied, awarded));
    }
    Ok((seats, ties))
}

fn largest_remainder_with_minimum(
    context: &Context<'_>,
    seats: u64,
    minimum: u64,
) -> Result<(Vec<u64>, Vec<ApportionTie>), ApportionError> {
    let parties = context.votes.len();
    let mut fixed = vec![false; parties];
    let mut allocation = vec![minimum; parties];
    loop {
        let free: Vec<usize> = (0..parties).filter(|&p| !fixed[p]).collect();
        let free_seats = seats - minimum * (parties - free.len()) as u64;
        let (shares, ties) = largest_remainder(context, &free, free_seats)?;
        let short: Vec<usize> = free
            .iter()
            .zip(&shares)
            .filter(|&(_, &s)| s < minimum)
            .map(|(&p, _)| p)
            .collect();
        if short.is_empty() {
            for (&party, share) in free.iter().zip(shares) {
                allocation[party] = share;
            }
            return Ok((allocation, ties));
        }
        for party in short {
            fixed[party] = true;
        }
    }
}

/// Hamilton among `parties`: ⌊votes × seats / total⌋ each, then one more seat for the largest
/// remainders. Exact integer arithmetic (remainders share the denominator `total`).
fn largest_remainder(
    context: &Context<'_>,
    parties: &[usize],
    seats: u64,
) -> Result<(Vec<u64>, Vec<ApportionTie>), ApportionError> {
    if seats == 0 {
        return Ok((vec![0; parties.len()], Vec::new()));
    }
    let total: u128 = parties.iter().map(|&p| u128::from(context.votes[p])).sum();
    if total == 0 {
        return Err(ApportionError::NoVotes);
    }
    let mut shares = Vec::with_capacity(parties.len());
    let mut remainders = Vec::with_capacity(parties.len());
    for &party in parties {
        let scaled = u128::from(context.votes[party]) * u128::from(seats);
        shares.push((scaled / total) as u64); // at most `seats`
        remainders.push(scaled % total);
    }
    let handed_out: u64 = shares.iter().sum();
    let left = (seats - handed_out) as usize; // fewer than the number of parties
    let mut order: Vec<usize> = (0..parties.len()).collect();
    order.sort_by(|&a, &b| {
        remainders[b]
            .cmp(&remainders[a])
            .then_with(|| context.favoured_first(parties[a], parties[b]))
    });
    for &i in &order[..left] {
        shares[i] += 1;
    }
    let mut ties = Vec::new();
    if left > 0 && left < order.len() && remainders[order[left - 1]] == remainders[order[left]] {
        let boundary = remainders[order[left]];
        let tied: Vec<usize> = order
            .iter()
            .filter(|&&i| remainders[i] == boundary)
            .map(|&i| parties[i])
            .collect();
        let awarded: Vec<usize> = order[..left]
            .iter()
            .filter(|&&i| remainders[i] == boundary)
            .map(|&i| parties[i])
            .collect();
        ties.push(context.tie(tied, awarded));
    }
    Ok((shares, ties))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn seats(method: Apportionment, votes: &[u64], seats: u64, minimum: u64) -> Vec<u64> {
        apportion(method, votes, seats, minimum, &TieBreak::CandidateOrder)
            .unwrap()
            .seats
    }

    /// Wikipedia "D'Hondt method" / "Sainte-Laguë method" worked example: 7 seats.
    const WIKIPEDIA_VOTES: [u64; 5] = [340_000, 280_000, 160_000, 60_000, 15_000];

    #[test]
    fn dhondt_matches_the_wikipedia_example() {
        assert_eq!(
            seats(Apportionment::DHondt, &WIKIPEDIA_VOTES, 7, 0),
            vec![3, 3, 1, 0, 0]
        );
    }

    #[test]
    fn sainte_lague_matches_the_wikipedia_example() {
        assert_eq!(
            seats(Apportionment::SainteLague, &WIKIPEDIA_VOTES, 7, 0),
            vec![3, 2, 1, 1, 0]
        );
    }

    #[test]
    fn three_methods_differ_on_a_small_party_as_published() {
        // staatsrecht.honikel.de worked examples: 10 seats, votes 6100 / 5000 / 900.
        let votes = [6100, 5000, 900];
        assert_eq!(seats(Apportionment::DHondt, &votes, 10, 0), vec![6, 4, 0]);
        assert_eq!(
            seats(Apportionment::SainteLague, &votes, 10, 0),
            vec![5, 4, 1]
        );
        assert_eq!(
            seats(Apportionment::LargestRemainder, &votes, 10, 0),
            vec![5, 4, 1]
        );
    }

    #[test]
    fn hamilton_matches_the_wikipedia_largest_remainder_example() {
        // Wikipedia "Largest remainder method": 100 000 votes, 10 seats, Hare quota 10 000.
        let votes = [47_000, 16_000, 15_800, 12_000, 6_100, 3_100];
        assert_eq!(
            seats(Apportionment::LargestRemainder, &votes, 10, 0),
            vec![5, 2, 1, 1, 1, 0]
        );
    }

    #[test]
    fn hamilton_shows_the_alabama_paradox() {
        // One more seat in the house, and the small party loses one.
        let votes = [6, 6, 2];
        assert_eq!(
            seats(Apportionment::LargestRemainder, &votes, 10, 0),
            vec![4, 4, 2]
        );
        assert_eq!(
            seats(Apportionment::LargestRemainder, &votes, 11, 0),
            vec![5, 5, 1]
        );
        // Divisor methods are house-monotone: no party loses a seat when seats are added.
        for method in [Apportionment::DHondt, Apportionment::SainteLague] {
            let (ten, eleven) = (seats(method, &votes, 10, 0), seats(method, &votes, 11, 0));
            assert!(
                ten.iter().zip(&eleven).all(|(a, b)| a <= b),
                "{method}: {ten:?} -> {eleven:?}"
            );
        }
    }

    #[test]
    fn a_minimum_per_party_is_given_first() {
        // At least one seat per unit: everyone starts at 1, then D'Hondt from there.
        assert_eq!(
            seats(Apportionment::DHondt, &WIKIPEDIA_VOTES, 7, 1),
            vec![2, 2, 1, 1, 1]
        );
        // Hamilton: E and D fall short, get 1 each; 5 seats re-apportioned among A, B, C.
        assert_eq!(
            seats(Apportionment::LargestRemainder, &WIKIPEDIA_VOTES, 7, 1),
            vec![2, 2, 1, 1, 1]
        );
        assert_eq!(
            seats(Apportionment::LargestRemainder, &[1, 0], 3, 1),
            vec![2, 1]
        );
    }

    #[test]
    fn a_tie_for_the_last_seat_goes_to_more_votes_then_the_tie_break() {
        // D'Hondt: 200 / 2 = 100 / 1, A has more votes.
        let allocation = apportion(
            Apportionment::DHondt,
            &[200, 100],
            2,
            0,
            &TieBreak::CandidateOrder,
        )
        .unwrap();
        assert_eq!(allocation.seats, vec![2, 0]);
        assert_eq!(
            allocation.ties,
            vec![ApportionTie {
                parties: vec![0, 1],
                awarded: vec![0],
                rule: TieRule::MoreVotes
            }]
        );
        // Equal votes: the tie-break decides, and says so.
        let allocation = apportion(
            Apportionment::SainteLague,
            &[100, 100],
            1,
            0,
            &TieBreak::CandidateOrder,
        )
        .unwrap();
        assert_eq!(allocation.seats, vec![1, 0]);
        assert_eq!(allocation.ties[0].rule, TieRule::CandidateOrder);
        let lot = TieBreak::lot_from_u64(7);
        let favoured = lot.priority_order(2)[0];
        let allocation =
            apportion(Apportionment::LargestRemainder, &[100, 100], 1, 0, &lot).unwrap();
        assert_eq!(allocation.seats[favoured], 1);
        assert_eq!(allocation.ties[0].rule, TieRule::Lot);
    }

    #[test]
    fn impossible_requests_are_refused() {
        let tie = TieBreak::CandidateOrder;
        assert_eq!(
            apportion(Apportionment::DHondt, &[], 3, 0, &tie),
            Err(ApportionError::NoParties)
        );
        assert_eq!(
            apportion(Apportionment::DHondt, &[1, 2], 3, 2, &tie),
            Err(ApportionError::MinimumsExceedSeats {
                parties: 2,
                minimum: 2,
                seats: 3
            })
        );
        assert_eq!(
            apportion(Apportionment::LargestRemainder, &[0, 0], 3, 0, &tie),
            Err(ApportionError::NoVotes)
        );
        assert_eq!(
            apportion(Apportionment::DHondt, &[0, 0], 2, 1, &tie)
                .unwrap()
                .seats,
            vec![1, 1]
        );
        assert!(matches!(
            apportion(Apportionment::DHondt, &[1], u64::MAX, 0, &tie),
            Err(ApportionError::TooManySeats { .. })
        ));
        assert_eq!(
            apportion(Apportionment::LargestRemainder, &[1, 3], u64::MAX, 0, &tie)
                .unwrap()
                .seats
                .iter()
                .sum::<u64>(),
            u64::MAX
        );
    }

    #[test]
    fn fractions_compare_exactly_even_past_u128() {
        let huge = u128::MAX / 3;
        assert_eq!(compare_fractions(1, 3, 2, 6), Ordering::Equal);
        assert_eq!(
            compare_fractions(huge, huge - 1, huge - 1, huge - 2),
            Ordering::Less
        );
        assert_eq!(compare_fractions(huge * 2, huge, 2, 1), Ordering::Equal);
        assert_eq!(
            compare_fractions(u128::MAX, 7, u128::MAX - 1, 7),
            Ordering::Greater
        );
    }

    #[test]
    fn enormous_minimums_do_not_overflow() {
        let tie = TieBreak::CandidateOrder;
        let minimum = u64::MAX / 2 - 1;
        let allocation = apportion(
            Apportionment::SainteLague,
            &[u64::MAX, 1],
            u64::MAX - 1,
            minimum,
            &tie,
        )
        .unwrap();
        assert_eq!(
            allocation
                .seats
                .iter()
                .map(|&s| u128::from(s))
                .sum::<u128>(),
            u128::from(u64::MAX - 1)
        );
    }

    #[test]
    fn method_names_parse() {
        for method in [
            Apportionment::DHondt,
            Apportionment::SainteLague,
            Apportionment::LargestRemainder,
        ] {
            assert_eq!(method.to_string().parse::<Apportionment>().unwrap(), method);
        }
        assert_eq!(
            "Hamilton".parse::<Apportionment>().unwrap(),
            Apportionment::LargestRemainder
        );
    }
}
