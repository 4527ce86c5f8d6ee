//! Published worked examples with known answers, one test per example and method.
#![allow(clippy::unwrap_used)]

use super::*;

/// Builds ballots from `(weight, "A>B>C")` lines over single-letter or named candidates.
fn ballots(names: &[&str], lines: &[(u64, &[&str])]) -> Ballots {
    let mut ballots = Ballots::new(names.iter().copied()).unwrap();
    for &(weight, order) in lines {
        let ranking: Vec<usize> = order
            .iter()
            .map(|name| names.iter().position(|n| n == name).unwrap())
            .collect();
        ballots.push_ranking(weight, &ranking).unwrap();
    }
    ballots
}

fn outcome(method: Method, ballots: &Ballots, seats: usize) -> Outcome {
    count(method, ballots, seats, &TieBreak::CandidateOrder).unwrap()
}

fn groups(ranking: &[&[&str]]) -> Vec<Vec<String>> {
    ranking
        .iter()
        .map(|group| group.iter().map(|name| name.to_string()).collect())
        .collect()
}

/// Wikipedia, "Schulze method", example: 45 voters, 5 candidates.
fn wikipedia_schulze() -> Ballots {
    let names = ["A", "B", "C", "D", "E"];
    ballots(
        &names,
        &[
            (5, &["A", "C", "B", "E", "D"]),
            (5, &["A", "D", "E", "C", "B"]),
            (8, &["B", "E", "D", "A", "C"]),
            (3, &["C", "A", "B", "E", "D"]),
            (7, &["C", "A", "E", "B", "D"]),
            (2, &["C", "B", "A", "D", "E"]),
            (7, &["D", "C", "E", "B", "A"]),
            (8, &["E", "B", "A", "D", "C"]),
        ],
    )
}

#[test]
fn schulze_elects_e_in_the_wikipedia_example_with_its_published_matrices() {
    let result = outcome(Method::Schulze, &wikipedia_schulze(), 1);
    assert_eq!(result.winners, ["E"]);
    assert_eq!(
        result.ranking,
        groups(&[&["E"], &["A"], &["C"], &["B"], &["D"]])
    );
    assert!(result.ties.is_empty());
    let Detail::Schulze {
        pairwise,
        strongest_paths,
        candidates,
    } = &result.detail
    else {
        unreachable!("Schulze detail expected");
    };
    assert_eq!(candidates, &["A", "B", "C", "D", "E"]);
    assert_eq!(
        pairwise,
        &[
            [0, 20, 26, 30, 22],
            [25, 0, 16, 33, 18],
            [19, 29, 0, 17, 24],
            [15, 12, 28, 0, 14],
            [23, 27, 21, 31, 0],
        ]
    );
    assert_eq!(
        strongest_paths,
        &[
            [0, 28, 28, 30, 24],
            [25, 0, 28, 33, 24],
            [25, 29, 0, 29, 24],
            [25, 28, 28, 0, 24],
            [25, 28, 28, 31, 0],
        ]
    );
}

#[test]
fn schulze_json_has_the_promised_shape() {
    let result = outcome(Method::Schulze, &wikipedia_schulze(), 2);
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["method"], "schulze");
    assert_eq!(json["seats"], 2);
    assert_eq!(json["winners"], serde_json::json!(["E", "A"]));
    assert_eq!(
        json["ranking"],
        serde_json::json!([["E"], ["A"], ["C"], ["B"], ["D"]])
    );
    assert_eq!(json["rounds"], serde_json::json!([]));
    assert_eq!(json["ballots"], 45);
    assert_eq!(
        json["tie_break"],
        serde_json::json!({"rule": "candidate_order"})
    );
    assert_eq!(
        json["detail"]["pairwise"][0],
        serde_json::json!([0, 20, 26, 30, 22])
    );
}

/// Wikipedia's "Tennessee capital" example: 100 voters by city, each preferring the nearer cities.
fn tennessee() -> Ballots {
    let names = ["Memphis", "Nashville", "Chattanooga", "Knoxville"];
    ballots(
        &names,
        &[
            (42, &["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
            (26, &["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
            (15, &["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
            (17, &["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
        ],
    )
}

fn tallies(round: &Round) -> Vec<(String, String)> {
    round
        .tallies
        .iter()
        .map(|t| (t.candidate.clone(), t.votes.to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn tennessee_plurality_picks_memphis() {
    let result = outcome(Method::Plurality, &tennessee(), 1);
    assert_eq!(result.winners, ["Memphis"]);
    assert_eq!(
        tallies(&result.rounds[0]),
        pairs(&[
            ("Memphis", "42"),
            ("Nashville", "26"),
            ("Chattanooga", "15"),
            ("Knoxville", "17")
        ])
    );
}

#[test]
fn tennessee_borda_picks_nashville() {
    let result = outcome(Method::Borda, &tennessee(), 1);
    assert_eq!(result.winners, ["Nashville"]);
    assert_eq!(
        result.ranking,
        groups(&[
            &["Nashville"],
            &["Chattanooga"],
            &["Memphis"],
            &["Knoxville"]
        ])
    );
    assert_eq!(
        tallies(&result.rounds[0]),
        pairs(&[
            ("Memphis", "126"),
            ("Nashville", "194"),
            ("Chattanooga", "173"),
            ("Knoxville", "107")
        ])
    );
}

#[test]
fn tennessee_instant_runoff_picks_knoxville() {
    let result = outcome(Method::InstantRunoff, &tennessee(), 1);
    assert_eq!(result.winners, ["Knoxville"]);
    let actions: Vec<_> = result.rounds.iter().map(|r| r.action.clone()).collect();
    assert_eq!(
        actions,
        vec![
            RoundAction::Count,
            RoundAction::Exclusion {
                of: "Chattanooga".into()
            },
            RoundAction::Exclusion {
                of: "Nashville".into()
            },
        ]
    );
    assert_eq!(
        tallies(&result.rounds[1]),
        pairs(&[("Memphis", "42"), ("Nashville", "26"), ("Knoxville", "32")])
    );
    assert_eq!(
        tallies(&result.rounds[2]),
        pairs(&[("Memphis", "42"), ("Knoxville", "58")])
    );
    assert_eq!(result.rounds[2].elected, ["Knoxville"]);
    assert_eq!(
        result.ranking,
        groups(&[
            &["Knoxville"],
            &["Memphis"],
            &["Nashville"],
            &["Chattanooga"]
        ])
    );
}

#[test]
fn tennessee_schulze_picks_the_condorcet_winner_nashville() {
    let result = outcome(Method::Schulze, &tennessee(), 1);
    assert_eq!(result.winners, ["Nashville"]);
    assert_eq!(
        result.ranking,
        groups(&[
            &["Nashville"],
            &["Chattanooga"],
            &["Knoxville"],
            &["Memphis"]
        ])
    );
}

/// Wikipedia, "Single transferable vote", food election: 20 guests, 3 seats, Droop quota 6.
/// (Older revisions call the fifth food Hamburgers, newer ones Sweets.)
#[test]
fn stv_food_election_elects_chocolate_oranges_and_strawberries() {
    let names = [
        "Oranges",
        "Pears",
        "Chocolate",
        "Strawberries",
        "Hamburgers",
    ];
    let food = ballots(
        &names,
        &[
            (4, &["Oranges"]),
            (2, &["Pears", "Oranges"]),
            (8, &["Chocolate", "Strawberries"]),
            (4, &["Chocolate", "Hamburgers"]),
            (1, &["Strawberries"]),
            (1, &["Hamburgers"]),
        ],
    );
    let result = outcome(Method::Stv, &food, 3);
    assert_eq!(result.winners, ["Chocolate", "Oranges", "Strawberries"]);
    assert_eq!(
        result.detail,
        Detail::Runoff {
            quota: Some(stv_votes(6)),
            variant: Some(STV_VARIANT)
        }
    );
    let rounds = &result.rounds;
    assert_eq!(rounds[0].elected, ["Chocolate"]);
    assert_eq!(
        rounds[1].action,
        RoundAction::Surplus {
            from: "Chocolate".into(),
            surplus: stv_votes(6),
            total: stv_votes(12)
        }
    );
    // Half of each Chocolate ballot moves on: 8 × 0.5 to Strawberries, 4 × 0.5 to Hamburgers.
    assert_eq!(
        tallies(&rounds[1]),
        pairs(&[
            ("Oranges", "4"),
            ("Pears", "2"),
            ("Chocolate", "6"),
            ("Strawberries", "5"),
            ("Hamburgers", "3")
        ])
    );
    assert_eq!(
        rounds[2].action,
        RoundAction::Exclusion { of: "Pears".into() }
    );
    assert_eq!(rounds[2].elected, ["Oranges"]);
    assert_eq!(
        rounds[3].action,
        RoundAction::Exclusion {
            of: "Hamburgers".into()
        }
    );
    assert_eq!(rounds[3].elected, ["Strawberries"]);
    assert_eq!(rounds.len(), 4);
}

fn stv_votes(whole: u128) -> Votes {
    Votes {
        units: whole * 100_000,
        scale: 100_000,
    }
}

/// Wikipedia, "Counting single transferable votes": 57 voters, 2 seats, quota 20. Andrea's
/// surplus of 20 goes 8 to Brad and 12 to Carter; Brad is excluded and Carter reaches 20.
#[test]
fn stv_andrea_brad_carter_delilah_elects_andrea_and_carter() {
    let names = ["Andrea", "Brad", "Carter", "Delilah"];
    let votes = ballots(
        &names,
        &[
            (16, &["Andrea", "Brad", "Carter"]),
            (24, &["Andrea", "Carter", "Brad"]),
            (17, &["Delilah", "Andrea", "Brad"]),
        ],
    );
    let result = outcome(Method::Stv, &votes, 2);
    assert_eq!(result.winners, ["Andrea", "Carter"]);
    assert_eq!(
        tallies(&result.rounds[1]),
        pairs(&[
            ("Andrea", "20"),
            ("Brad", "8"),
            ("Carter", "12"),
            ("Delilah", "17")
        ])
    );
    assert_eq!(result.rounds[2].elected, ["Carter"]);
}

#[test]
fn stv_truncates_transfer_values_to_five_decimals_and_reports_the_loss() {
    // Quota ⌊12 / 3⌋ + 1 = 5. A's surplus 2 of 7: each ballot moves at 2/7 = 0.28571 (truncated).
    let names = ["A", "B", "C"];
    let votes = ballots(&names, &[(7, &["A", "B"]), (2, &["B"]), (3, &["C"])]);
    let result = outcome(Method::Stv, &votes, 2);
    assert_eq!(result.winners, ["A", "B"]);
    let surplus = &result.rounds[1];
    assert_eq!(
        tallies(surplus),
        pairs(&[("A", "5"), ("B", "3.99997"), ("C", "3")])
    );
    assert_eq!(
        surplus.lost_to_rounding.map(|v| v.to_string()),
        Some("0.00003".into())
    );
    let json = serde_json::to_value(surplus).unwrap();
    assert_eq!(json["tallies"][1]["votes"], serde_json::json!(3.99997));
}

#[test]
fn a_broken_tie_is_reported_with_its_rule() {
    let names = ["A", "B", "C"];
    let votes = ballots(&names, &[(2, &["B"]), (2, &["A"]), (1, &["C"])]);
    let result = outcome(Method::Plurality, &votes, 1);
    assert_eq!(result.winners, ["A"], "candidate order favours A");
    assert_eq!(result.ranking, groups(&[&["A", "B"], &["C"]]));
    assert_eq!(
        result.ties,
        vec![Tie {
            round: None,
            purpose: TiePurpose::Elect,
            tied: vec!["A".into(), "B".into()],
            resolved: vec!["A".into(), "B".into()],
            rule: TieRule::CandidateOrder,
        }]
    );
    let lot = TieBreak::lot_from_u64(2024);
    let order = lot.priority_order(3);
    let favoured = if order.iter().position(|&c| c == 0) < order.iter().position(|&c| c == 1) {
        "A"
    } else {
        "B"
    };
    let by_lot = count(Method::Plurality, &votes, 1, &lot).unwrap();
    assert_eq!(by_lot.winners, [favoured]);
    assert_eq!(by_lot.ties[0].rule, TieRule::Lot);
}

#[test]
fn instant_runoff_breaks_an_exclusion_tie_by_the_earlier_round() {
    // Round 1: A 4, B 3, C 2, D 2 (tie for last: C and D). Nothing earlier: candidate order
    // keeps C, excludes D. Round 2: A 4, B 3, C 4 → B excluded; B's ballots go to C.
    let names = ["A", "B", "C", "D"];
    let votes = ballots(
        &names,
        &[(4, &["A"]), (3, &["B", "C"]), (2, &["C"]), (2, &["D", "C"])],
    );
    let result = outcome(Method::InstantRunoff, &votes, 1);
    assert_eq!(result.ties[0].resolved, ["C", "D"]);
    assert_eq!(result.ties[0].rule, TieRule::CandidateOrder);
    assert_eq!(result.ties[0].round, Some(1));
    assert_eq!(result.winners, ["C"]);

    // Later tie with history: round 2 has B and C equal at 3, but in round 1 C had fewer.
    let votes = ballots(
        &["A", "B", "C", "D"],
        &[(5, &["A"]), (3, &["B"]), (2, &["C"]), (1, &["D", "C"])],
    );
    let result = outcome(Method::InstantRunoff, &votes, 1);
    let tie = result.ties.iter().find(|t| t.round == Some(2)).unwrap();
    assert_eq!(tie.rule, TieRule::EarlierRound);
    assert_eq!(
        tie.resolved,
        ["B", "C"],
        "C, behind in round 1, is excluded"
    );
    assert_eq!(
        result.rounds[2].action,
        RoundAction::Exclusion { of: "C".into() }
    );
}

#[test]
fn approval_counts_every_mark() {
    let mut votes = Ballots::new(["A", "B", "C"]).unwrap();
    votes.push_approval(3, &[0, 1]).unwrap();
    votes.push_approval(2, &[2]).unwrap();
    votes.push_approval(2, &[1, 2]).unwrap();
    let result = count(
        Method::Approval {
            max_choices: Some(2),
        },
        &votes,
        2,
        &TieBreak::CandidateOrder,
    )
    .unwrap();
    assert_eq!(result.winners, ["B", "C"]);
    assert_eq!(
        tallies(&result.rounds[0]),
        pairs(&[("A", "3"), ("B", "5"), ("C", "4")])
    );
}

#[test]
fn borda_shares_points_between_equal_and_unranked_candidates() {
    // 4 candidates: places worth 3, 2, 1, 0. Ballot "A, then B = C": A 3, B and C share
    // (2 + 1) / 2 = 1.5, D unranked alone gets 0. Ballot "D": A, B, C share (2 + 1 + 0) / 3 = 1.
    let mut votes = Ballots::new(["A", "B", "C", "D"]).unwrap();
    votes.push(1, &[vec![0], vec![1, 2]]).unwrap();
    votes.push(1, &[vec![3]]).unwrap();
    let result = outcome(Method::Borda, &votes, 1);
    assert_eq!(
        tallies(&result.rounds[0]),
        pairs(&[("A", "4"), ("B", "2.5"), ("C", "2.5"), ("D", "3")])
    );
}

#[test]
fn withdrawn_candidates_are_struck_from_every_ballot() {
    let mut votes = tennessee();
    votes.withdraw(0).unwrap(); // Memphis withdraws: its 42 voters now put Nashville first.
    let result = outcome(Method::Plurality, &votes, 1);
    assert_eq!(result.winners, ["Nashville"]);
    assert_eq!(
        tallies(&result.rounds[0]),
        pairs(&[
            ("Nashville", "68"),
            ("Chattanooga", "15"),
            ("Knoxville", "17")
        ])
    );
    assert!(
        result
            .ranking
            .iter()
            .flatten()
            .all(|name| name != "Memphis")
    );
}
