//! Property tests: laws every count must obey, over random ballots, and parsers that never panic.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use super::*;

/// Names `C1`, `C2`, ... for `n` candidates.
fn names(n: usize) -> Vec<String> {
    (1..=n).map(|c| format!("C{c}")).collect()
}

/// A ballot from one rank key per candidate: 0 leaves it unranked, equal keys are equal
/// preferences, lower keys come first.
fn groups_from_keys(keys: &[u8]) -> Vec<Vec<usize>> {
    let mut levels: Vec<u8> = keys.iter().copied().filter(|&k| k > 0).collect();
    levels.sort_unstable();
    levels.dedup();
    levels
        .iter()
        .map(|&level| (0..keys.len()).filter(|&c| keys[c] == level).collect())
        .collect()
}

fn build(n: usize, rows: &[(u64, Vec<u8>)], withdrawn: Option<usize>) -> Ballots {
    let mut ballots = Ballots::new(names(n)).unwrap();
    for (weight, keys) in rows {
        ballots.push(*weight, &groups_from_keys(keys)).unwrap();
    }
    if let Some(c) = withdrawn.filter(|&c| c < n) {
        ballots.withdraw(c).unwrap();
    }
    ballots
}

/// Random contests: 1 to `max_n` candidates, up to 40 ballots with ties and truncation.
fn contest(max_n: usize) -> impl Strategy<Value = Ballots> {
    (1..=max_n).prop_flat_map(|n| {
        let row = (1u64..=5, prop::collection::vec(0..=n as u8, n));
        (prop::collection::vec(row, 0..40), prop::option::of(0..n))
            .prop_map(move |(rows, w)| build(n, &rows, w))
    })
}

/// The textbook pairwise matrix, one pair at a time.
fn naive_pairwise(ballots: &Ballots) -> Vec<u64> {
    let n = ballots.candidate_count();
    let mut d = vec![0u64; n * n];
    for ballot in ballots.iter() {
        let mut place = vec![usize::MAX; n];
        for (level, group) in ballot.groups().iter().enumerate() {
            for &c in group {
                place[c] = level;
            }
        }
        for i in 0..n {
            for j in 0..n {
                if place[i] < place[j] {
                    d[i * n + j] += ballot.weight();
                }
            }
        }
    }
    d
}

fn ties() -> impl Strategy<Value = TieBreak> {
    prop_oneof![
        Just(TieBreak::CandidateOrder),
        any::<u64>().prop_map(TieBreak::lot_from_u64)
    ]
}

const ALL_METHODS: [Method; 6] = [
    Method::Plurality,
    Method::Approval { max_choices: None },
    Method::Borda,
    Method::Schulze,
    Method::InstantRunoff,
    Method::Stv,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn fast_pairwise_matrices_match_the_textbook(ballots in contest(10)) {
        let stripped = ballots.without_withdrawn();
        let expected = naive_pairwise(&stripped);
        prop_assert_eq!(schulze::pairwise_matrix(&stripped), expected.clone());
        prop_assert_eq!(schulze::pairwise_by_rows(&stripped), expected);
    }

    #[test]
    fn a_condorcet_winner_always_wins_schulze(ballots in contest(6), pick in any::<prop::sample::Index>(), tie in ties()) {
        let standing = ballots.standing();
        prop_assume!(standing.len() >= 2);
        // Make `favourite` a Condorcet winner: more voters than all others put it first.
        let favourite = standing[pick.index(standing.len())];
        let mut ballots = ballots;
        let weight = ballots.total_weight() + 1;
        ballots.push_ranking(weight, &[favourite]).unwrap();
        let result = count(Method::Schulze, &ballots, 1, &tie).unwrap();
        prop_assert_eq!(result.winner_numbers, vec![favourite]);
        prop_assert_eq!(result.ranking[0].len(), 1);
    }

    #[test]
    fn any_existing_condorcet_winner_wins_schulze(ballots in contest(5)) {
        let stripped = ballots.without_withdrawn();
        let n = stripped.candidate_count();
        let d = naive_pairwise(&stripped);
        let standing = stripped.standing();
        let condorcet = standing.iter().copied().find(|&i| standing.iter().all(|&j| i == j || d[i * n + j] > d[j * n + i]));
        if let Some(winner) = condorcet {
            let result = count(Method::Schulze, &ballots, 1, &TieBreak::CandidateOrder).unwrap();
            prop_assert_eq!(result.winner_numbers, vec![winner]);
        }
    }

    #[test]
    fn ranking_first_the_plurality_winner_never_makes_them_lose(
        ballots in contest(6),
        extra in 1u64..=5,
        rest in prop::collection::vec(0u8..=6, 6),
        tie in ties(),
    ) {
        prop_assume!(!ballots.standing().is_empty());
        let before = count(Method::Plurality, &ballots, 1, &tie).unwrap();
        let winner = before.winner_numbers[0];
        let mut ballots = ballots;
        let mut order = vec![winner];
        let n = ballots.candidate_count();
        order.extend(groups_from_keys(&rest[..n]).into_iter().flatten().filter(|&c| c != winner));
        ballots.push_ranking(extra, &order).unwrap();
        let after = count(Method::Plurality, &ballots, 1, &tie).unwrap();
        prop_assert_eq!(after.winner_numbers, vec![winner]);
    }

    #[test]
    fn every_method_fills_the_seats_and_ranks_every_standing_candidate(
        ballots in contest(7),
        seats in 1usize..=4,
        tie in ties(),
    ) {
        let standing = ballots.standing();
        for method in ALL_METHODS {
            let seats = if method == Method::InstantRunoff { 1 } else { seats };
            let Ok(result) = count(method, &ballots, seats, &tie) else {
                prop_assert!(seats > standing.len());
                continue;
            };
            prop_assert_eq!(result.winners.len(), seats, "{}", method);
            let mut ranked: Vec<&String> = result.ranking.iter().flatten().collect();
            ranked.sort();
            let mut expected: Vec<&String> = standing.iter().map(|&c| &ballots.candidates()[c]).collect();
            expected.sort();
            prop_assert_eq!(ranked, expected, "{}", method);
            let mut winners = result.winners.clone();
            winners.sort();
            winners.dedup();
            prop_assert_eq!(winners.len(), seats, "{}: winners must be distinct", method);
            // The result serializes, as `mandat tally --json` will need.
            prop_assert!(serde_json::to_string(&result).is_ok());
        }
    }

    #[test]
    fn runoffs_never_lose_or_create_votes(ballots in contest(7), seats in 1usize..=3, tie in ties()) {
        prop_assume!(seats <= ballots.standing().len());
        let sum = |round: &Round| -> u128 {
            round.tallies.iter().map(|t| t.votes.units).sum::<u128>()
                + round.exhausted.units
                + round.lost_to_rounding.map_or(0, |l| l.units)
        };
        let irv = count(Method::InstantRunoff, &ballots, 1, &tie).unwrap();
        for round in &irv.rounds {
            prop_assert_eq!(sum(round), u128::from(ballots.total_weight()));
        }
        let stv = count(Method::Stv, &ballots, seats, &tie).unwrap();
        for round in &stv.rounds {
            prop_assert_eq!(sum(round), u128::from(ballots.total_weight()) * 100_000);
        }
    }

    #[test]
    fn a_weighted_ballot_counts_like_that_many_copies(ballots in contest(6), seats in 1usize..=3, tie in ties()) {
        let mut copies = Ballots::new(ballots.candidates().to_vec()).unwrap();
        for ballot in ballots.iter() {
            for _ in 0..ballot.weight() {
                copies.push(1, &ballot.groups()).unwrap();
            }
        }
        for c in 0..ballots.candidate_count() {
            if ballots.is_withdrawn(c) {
                copies.withdraw(c).unwrap();
            }
        }
        for method in ALL_METHODS {
            let seats = if method == Method::InstantRunoff { 1 } else { seats };
            let weighted = count(method, &ballots, seats, &tie).map(|o| serde_json::to_value(o).unwrap());
            let repeated = count(method, &copies, seats, &tie).map(|o| serde_json::to_value(o).unwrap());
            prop_assert_eq!(weighted, repeated, "{}", method);
        }
    }

    #[test]
    fn instant_runoff_matches_a_textbook_count(
        n in 2usize..=6,
        rows in prop::collection::vec((1u64..=2, prop::collection::vec(0u8..=6, 6)), 0..3000),
    ) {
        // Strict rankings (ties broken by candidate number), possibly truncated.
        let mut ballots = Ballots::new(names(n)).unwrap();
        let mut orders = Vec::new();
        for (weight, keys) in &rows {
            let order: Vec<usize> = groups_from_keys(&keys[..n]).into_iter().flatten().collect();
            ballots.push_ranking(*weight, &order).unwrap();
            orders.push((*weight, order));
        }
        let result = count(Method::InstantRunoff, &ballots, 1, &TieBreak::CandidateOrder).unwrap();
        // Textbook: recount every round from scratch.
        let mut continuing = vec![true; n];
        for round in &result.rounds {
            let mut tally = vec![0u64; n];
            let mut exhausted = 0;
            for (weight, order) in &orders {
                match order.iter().find(|&&c| continuing[c]) {
                    Some(&c) => tally[c] += weight,
                    None => exhausted += weight,
                }
            }
            let expected: Vec<u128> = (0..n).filter(|&c| continuing[c]).map(|c| u128::from(tally[c])).collect();
            let got: Vec<u128> = round.tallies.iter().map(|t| t.votes.units).collect();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(round.exhausted.units, u128::from(exhausted));
            if let RoundAction::Exclusion { of } = &result.rounds.get(round.number).map(|r| r.action.clone()).unwrap_or(RoundAction::Count) {
                let excluded = ballots.candidates().iter().position(|name| name == of).unwrap();
                let fewest = (0..n).filter(|&c| continuing[c]).map(|c| tally[c]).min().unwrap();
                prop_assert_eq!(tally[excluded], fewest, "the excluded candidate had fewest votes");
                continuing[excluded] = false;
            }
        }
    }

    #[test]
    fn apportioned_seats_always_sum_to_the_total_and_respect_minimums(
        votes in prop::collection::vec(0u64..1_000_000, 1..10),
        seats in 0u64..300,
        minimum in 0u64..4,
        tie in ties(),
    ) {
        for method in [Apportionment::DHondt, Apportionment::SainteLague, Apportionment::LargestRemainder] {
            match apportion(method, &votes, seats, minimum, &tie) {
                Ok(allocation) => {
                    prop_assert_eq!(allocation.seats.iter().sum::<u64>(), seats, "{}", method);
                    prop_assert!(allocation.seats.iter().all(|&s| s >= minimum), "{}", method);
                    prop_assert_eq!(allocation.seats.len(), votes.len());
                }
                Err(ApportionError::MinimumsExceedSeats { .. }) => prop_assert!(minimum * votes.len() as u64 > seats),
                Err(ApportionError::NoVotes) => prop_assert!(votes.iter().all(|&v| v == 0)),
                Err(other) => prop_assert!(false, "unexpected {other}"),
            }
        }
    }

    #[test]
    fn hamilton_and_dhondt_stay_within_quota_bounds(votes in prop::collection::vec(1u64..100_000, 1..8), seats in 1u64..100) {
        let total: u64 = votes.iter().sum();
        let tie = TieBreak::CandidateOrder;
        let hamilton = apportion(Apportionment::LargestRemainder, &votes, seats, 0, &tie).unwrap().seats;
        let dhondt = apportion(Apportionment::DHondt, &votes, seats, 0, &tie).unwrap().seats;
        for (i, &v) in votes.iter().enumerate() {
            let lower = u128::from(v) * u128::from(seats) / u128::from(total);
            // Hamilton gives the lower or upper quota; D'Hondt never less than the lower quota.
            prop_assert!(u128::from(hamilton[i]) == lower || u128::from(hamilton[i]) == lower + 1);
            prop_assert!(u128::from(dhondt[i]) >= lower);
        }
    }

    #[test]
    fn blt_written_then_parsed_gives_the_same_election(
        ballots in contest(6),
        seats in 1usize..=6,
        title in "[^\\p{Cc}]{0,20}",
        fancy_names in prop::collection::vec("[^\\p{Cc}\"#]{0,3}[\"\\\\#]?[a-z]{1,3}", 6),
    ) {
        let n = ballots.candidate_count();
        let mut names: Vec<String> = fancy_names[..n].iter().enumerate().map(|(i, name)| format!("{i}{name}")).collect();
        names.dedup();
        prop_assume!(names.len() == n);
        let mut renamed = ballots.clone();
        renamed.rename(names).unwrap();
        let election = Election { ballots: renamed, seats: seats.min(n), title };
        let text = write_blt(&election);
        prop_assert_eq!(parse_blt(&text), Ok(election));
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(text in any::<String>()) {
        let _ = parse_blt(&text);
        let _ = parse_csv(&text);
    }

    #[test]
    fn parsers_never_panic_on_near_miss_files(tokens in prop::collection::vec(
        prop_oneof![
            Just("0"), Just("1"), Just("2"), Just("3"), Just("-1"), Just("-9"), Just("2=3"), Just("1=1"), Just("="),
            Just(" "), Just("\n"), Just("\r\n"), Just("\""), Just("\"A\""), Just("\\"), Just("#"), Just(","),
            Just("99999999999999999999"), Just("18446744073709551615"), Just("x"), Just("é"),
        ],
        0..60,
    )) {
        let text: String = tokens.concat();
        let _ = parse_blt(&text);
        let _ = parse_csv(&text);
        let headed = format!("3 2\n{text}");
        let _ = parse_blt(&headed);
    }
}

proptest! {
    // Wide contests are slow to check by hand: fewer cases.
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn every_matrix_width_matches_the_textbook(n in 14usize..=70, rows in prop::collection::vec((1u64..=2, prop::collection::vec(0u8..=40, 70)), 0..300)) {
        let rows: Vec<(u64, Vec<u8>)> = rows.into_iter().map(|(w, keys)| (w, keys[..n].to_vec())).collect();
        let ballots = build(n, &rows, None);
        prop_assert_eq!(schulze::pairwise_matrix(&ballots), naive_pairwise(&ballots));
    }
}
