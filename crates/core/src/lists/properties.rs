//! Property tests of drafting, validation and replacement against brute force on small pools.

#![allow(clippy::unwrap_used)]

use jiff::civil::{Date, date};
use proptest::prelude::*;

use super::*;
use crate::iin::Sex;

const ELECTION_DAY: Date = date(2021, 1, 10);

/// Ages chosen around the thresholds the rules use (29 and 35).
const AGES: [i16; 5] = [24, 28, 29, 34, 50];

fn person(id: i64, female: bool, age: i16) -> Candidate {
    Candidate {
        id,
        full_name: format!("Candidate {id}"),
        sex: if female { Sex::Female } else { Sex::Male },
        birth_date: date(2020 - age, 6, 1),
        rating: RatingInputs::default(),
    }
}

/// A pool in rating order; ids are scrambled so nothing may rely on them matching positions.
fn pool_strategy(max: usize) -> impl Strategy<Value = Vec<Candidate>> {
    proptest::collection::vec((any::<bool>(), 0..AGES.len()), 1..=max).prop_map(|people| {
        people
            .into_iter()
            .enumerate()
            .map(|(i, (female, age))| person(1000 - 7 * i as i64, female, AGES[age]))
            .collect()
    })
}

const GROUPS: [Group; 4] = [
    Group::Women,
    Group::YouthUnder(35),
    Group::YouthUnder(29),
    Group::WomenOrYouthUnder(29),
];

fn rules_strategy() -> impl Strategy<Value = ListRules> {
    let quota = (
        0..GROUPS.len(),
        prop_oneof![Just(10u32), Just(20), Just(30), Just(50), Just(70)],
    );
    let block = proptest::option::of((
        1u32..=3,
        prop_oneof![
            Just(vec![Group::Women]),
            Just(vec![Group::YouthUnder(35)]),
            Just(vec![Group::Women, Group::YouthUnder(35)]),
            Just(vec![Group::Women, Group::YouthUnder(29)]),
            Just(vec![Group::WomenOrYouthUnder(29), Group::YouthUnder(35)]),
        ],
    ));
    (proptest::collection::vec(quota, 0..=3), block).prop_map(|(quotas, block)| ListRules {
        seats: 1,
        min_size: 1,
        max_size: 60,
        quotas: quotas
            .into_iter()
            .enumerate()
            .map(|(i, (group, percent))| Quota {
                group: GROUPS[group],
                at_least: Share::percent(percent),
                label: format!("quota {i}"),
            })
            .collect(),
        placement: block.map(|(size, groups)| PlacementRule {
            size: size.max(groups.len() as u32),
            groups,
            label: "block".into(),
        }),
    })
}

/// The violations of the rules proper, leaving out the list size (brute force and drafting
/// both work at the length the pool allows).
fn rule_violations(rules: &ListRules, list: &[Candidate]) -> Vec<Violation> {
    validate(rules, list, ELECTION_DAY)
        .into_iter()
        .filter(|v| !matches!(v, Violation::TooShort { .. } | Violation::TooLong { .. }))
        .collect()
}

/// The first list, in lexicographic order of rating positions, of `length` distinct pool
/// members that breaks no rule: the definition of the least-displaced list.
fn first_valid_list(rules: &ListRules, pool: &[Candidate], length: usize) -> Option<Vec<usize>> {
    fn extend(
        rules: &ListRules,
        pool: &[Candidate],
        length: usize,
        chosen: &mut Vec<usize>,
    ) -> Option<Vec<usize>> {
        if chosen.len() == length {
            let list: Vec<Candidate> = chosen.iter().map(|&i| pool[i].clone()).collect();
            return rule_violations(rules, &list)
                .is_empty()
                .then(|| chosen.clone());
        }
        for next in 0..pool.len() {
            if chosen.contains(&next) {
                continue;
            }
            chosen.push(next);
            if let Some(found) = extend(rules, pool, length, chosen) {
                return Some(found);
            }
            chosen.pop();
        }
        None
    }
    extend(rules, pool, length, &mut Vec::new())
}

fn listed(pool: &[Candidate], drafted: &Draft) -> Vec<Candidate> {
    drafted
        .places
        .iter()
        .map(|p| pool[p.rating_position - 1].clone())
        .collect()
}

/// The set of rule groups a candidate belongs to, as the rules see them.
fn groups_of(rules: &ListRules, candidate: &Candidate) -> Vec<bool> {
    rules
        .distinct_groups()
        .iter()
        .map(|g| g.contains(candidate, ELECTION_DAY))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn the_draft_is_the_first_valid_list_in_rating_order_whenever_one_exists(
        rules in rules_strategy(),
        pool in pool_strategy(7),
        length in 1usize..=6,
    ) {
        let drafted = draft(&rules, &pool, ELECTION_DAY, length).unwrap();
        let list_length = length.min(pool.len());
        let positions: Vec<usize> = drafted.places.iter().map(|p| p.rating_position - 1).collect();
        prop_assert_eq!(positions.len(), list_length);
        let rule_shortfalls: Vec<&Shortfall> =
            drafted.shortfalls.iter().filter(|s| s.rule != LIST_SIZE_RULE).collect();
        match first_valid_list(&rules, &pool, list_length) {
            Some(expected) => {
                prop_assert_eq!(positions, expected);
                prop_assert!(rule_shortfalls.is_empty());
                prop_assert!(rule_violations(&rules, &listed(&pool, &drafted)).is_empty());
            }
            None => prop_assert!(!rule_shortfalls.is_empty()),
        }
    }

    #[test]
    fn shortfalls_match_what_the_drafted_list_breaks(
        rules in rules_strategy(),
        pool in pool_strategy(12),
        length in 1usize..=10,
    ) {
        let drafted = draft(&rules, &pool, ELECTION_DAY, length).unwrap();
        let violations = rule_violations(&rules, &listed(&pool, &drafted));
        for quota in &rules.quotas {
            let shortfall = drafted.shortfalls.iter().find(|s| s.rule == quota.label);
            let violation = violations.iter().find(|v| v.rule() == quota.label);
            match (shortfall, violation) {
                (None, None) => {}
                (Some(s), Some(Violation::Quota { needed, found, .. })) => {
                    prop_assert_eq!((s.needed, s.available), (*needed, *found));
                }
                other => prop_assert!(false, "shortfall and violation disagree: {other:?}"),
            }
        }
        let block_short = drafted.shortfalls.iter().any(|s| s.rule == "block");
        let block_broken = violations.iter().any(|v| matches!(v, Violation::Block { .. }));
        prop_assert_eq!(block_short, block_broken);
    }

    #[test]
    fn rating_order_is_kept_among_candidates_of_the_same_groups(
        rules in rules_strategy(),
        pool in pool_strategy(14),
        length in 1usize..=12,
    ) {
        let drafted = draft(&rules, &pool, ELECTION_DAY, length).unwrap();
        let placed: Vec<usize> = drafted.places.iter().map(|p| p.rating_position - 1).collect();
        for (a_place, &a) in placed.iter().enumerate() {
            // Later places of the same type are rated lower.
            for &b in &placed[a_place + 1..] {
                if groups_of(&rules, &pool[a]) == groups_of(&rules, &pool[b]) {
                    prop_assert!(a < b);
                }
            }
            // Nobody left off the list is rated above a listed candidate of the same type.
            for left_out in (0..pool.len()).filter(|i| !placed.contains(i)) {
                if groups_of(&rules, &pool[a]) == groups_of(&rules, &pool[left_out]) {
                    prop_assert!(a < left_out);
                }
            }
        }
    }

    #[test]
    fn every_candidate_placed_ahead_of_a_higher_rated_one_is_explained(
        rules in rules_strategy(),
        pool in pool_strategy(14),
        length in 1usize..=12,
    ) {
        let drafted = draft(&rules, &pool, ELECTION_DAY, length).unwrap();
        let place_of = |position: usize| {
            drafted.places.iter().find(|p| p.rating_position == position).map(|p| p.place)
        };
        // Placed ahead of someone rated higher: that one is placed later or not at all.
        let jumped: Vec<(i64, usize, usize)> = drafted
            .places
            .iter()
            .filter(|p| {
                (1..p.rating_position).any(|higher| place_of(higher).is_none_or(|q| q > p.place))
            })
            .map(|p| (p.candidate, p.rating_position, p.place))
            .collect();
        let explained: Vec<(i64, usize, usize)> =
            drafted.displacements.iter().map(|d| (d.candidate, d.from, d.to)).collect();
        prop_assert_eq!(&jumped, &explained);
        // In particular everyone above their rating position is explained.
        for placed in drafted.places.iter().filter(|p| p.place < p.rating_position) {
            prop_assert!(explained.contains(&(placed.candidate, placed.rating_position, placed.place)));
        }
        for displacement in &drafted.displacements {
            prop_assert!(!displacement.rules.is_empty());
            prop_assert!(displacement.rules.iter().all(|r| rules.quotas.iter().any(|q| &q.label == r) || r == "block"));
            prop_assert_ne!(displacement.passed_over, displacement.candidate);
        }
    }

    #[test]
    fn without_quota_pressure_the_draft_is_the_rating_order(
        rules in rules_strategy(),
        pool in pool_strategy(14),
        length in 1usize..=12,
    ) {
        // Tighten every quota to exactly what the top of the rating already holds, and keep the
        // block rule only when the top of the rating meets it: no rule then presses.
        let list_length = length.min(pool.len());
        let top = &pool[..list_length];
        let mut rules = rules;
        for quota in &mut rules.quotas {
            let found = top.iter().filter(|c| quota.group.contains(c, ELECTION_DAY)).count();
            quota.at_least = Share::new(found as u32, list_length as u32).unwrap();
        }
        if !rule_violations(&rules, top).is_empty() {
            rules.placement = None;
        }
        prop_assert!(rule_violations(&rules, top).is_empty());
        let drafted = draft(&rules, &pool, ELECTION_DAY, length).unwrap();
        let positions: Vec<usize> = drafted.places.iter().map(|p| p.rating_position).collect();
        prop_assert_eq!(positions, (1..=list_length).collect::<Vec<_>>());
        prop_assert!(drafted.displacements.is_empty());
        prop_assert!(drafted.shortfalls.iter().all(|s| s.rule == LIST_SIZE_RULE));
    }

    #[test]
    fn a_replacement_keeps_the_rules_whenever_the_pool_allows(
        rules in rules_strategy(),
        pool in pool_strategy(14),
        length in 1usize..=8,
        withdrawn_seed in any::<usize>(),
    ) {
        let drafted = draft(&rules, &pool, ELECTION_DAY, length).unwrap();
        let list = listed(&pool, &drafted);
        if !rule_violations(&rules, &list).is_empty() {
            // The pool could not meet the rules; "keeps the rules" is then not defined.
            return Ok(());
        }
        let withdrawn = list[withdrawn_seed % list.len()].id;
        let rest: Vec<Candidate> =
            pool.iter().filter(|c| !list.contains(c)).cloned().collect();
        let result = replacement(&rules, &list, withdrawn, &rest, ELECTION_DAY).unwrap();
        // Brute force: the first of the rest, in rating order, that keeps every rule.
        let expected = rest.iter().find(|c| {
            let mut changed = list.clone();
            changed[withdrawn_seed % list.len()] = (*c).clone();
            rule_violations(&rules, &changed).is_empty()
        });
        match expected {
            Some(keeper) => {
                prop_assert_eq!(result.candidate, Some(keeper.id));
                prop_assert!(rule_violations(
                    &rules,
                    &result.list.iter().map(|id| pool.iter().find(|c| c.id == *id).unwrap().clone()).collect::<Vec<_>>()
                ).is_empty());
            }
            None => prop_assert!(!result.violations.is_empty() || rest.is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Region-sized lists: the draft still meets every rule the pool allows, quickly.
    #[test]
    fn large_pools_draft_valid_lists(
        pool in pool_strategy(200),
        seats in 10u32..=100,
        block in proptest::option::of(2u32..=5),
    ) {
        let mut rules = ListRules::kazakhstan_2020(seats);
        rules.placement = block.map(|size| PlacementRule {
            size,
            groups: vec![Group::Women, Group::YouthUnder(35)],
            label: "block".into(),
        });
        let length = rules.max_size as usize;
        let drafted = draft(&rules, &pool, ELECTION_DAY, length).unwrap();
        let violations = rule_violations(&rules, &listed(&pool, &drafted));
        let rule_shortfalls = drafted.shortfalls.iter().filter(|s| s.rule != LIST_SIZE_RULE).count();
        prop_assert_eq!(violations.is_empty(), rule_shortfalls == 0);
    }
}
