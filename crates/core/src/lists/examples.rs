//! Worked examples of drafting, validation and replacement with answers worked out by hand.

#![allow(clippy::unwrap_used)]

use jiff::civil::{Date, date};

use super::*;
use crate::iin::Sex;

const ELECTION_DAY: Date = date(2021, 1, 10);

/// A candidate of `age` whole years on the election day; `id` is also their rating position.
fn person(id: i64, sex: Sex, age: i16) -> Candidate {
    Candidate {
        id,
        full_name: format!("{} {id}", if sex == Sex::Female { "Ms" } else { "Mr" }),
        sex,
        birth_date: date(2020 - age, 6, 1),
        rating: RatingInputs::default(),
    }
}

fn man(id: i64) -> Candidate {
    person(id, Sex::Male, 45)
}

fn woman(id: i64) -> Candidate {
    person(id, Sex::Female, 45)
}

fn rules(quotas: Vec<Quota>, placement: Option<PlacementRule>) -> ListRules {
    ListRules {
        seats: 1,
        min_size: 1,
        max_size: 50,
        quotas,
        placement,
    }
}

fn quota(group: Group, percent: u32, label: &str) -> Quota {
    Quota {
        group,
        at_least: Share::percent(percent),
        label: label.into(),
    }
}

fn moves(draft: &Draft) -> Vec<(i64, usize, usize, Vec<String>)> {
    draft
        .displacements
        .iter()
        .map(|d| (d.candidate, d.from, d.to, d.rules.clone()))
        .collect()
}

#[test]
fn three_women_move_up_to_exactly_the_last_places_needed() {
    // Top 7 are men, 8–10 women; 30 % women of 7 = 2.1 → 3. Men keep places 1–4 (after the
    // 4th man, 3 places remain for the 3 women); the women take places 5, 6 and 7.
    let pool: Vec<Candidate> = (1..=7).map(man).chain((8..=10).map(woman)).collect();
    let women = rules(vec![quota(Group::Women, 30, "30 % women")], None);
    let drafted = draft(&women, &pool, ELECTION_DAY, 7).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![1, 2, 3, 4, 8, 9, 10]);
    let why = vec!["30 % women".to_string()];
    assert_eq!(
        moves(&drafted),
        vec![
            (8, 8, 5, why.clone()),
            (9, 9, 6, why.clone()),
            (10, 10, 7, why)
        ]
    );
    assert_eq!(
        drafted.displacements[0].explanation,
        "Ms 8 moved up from 8 to 5 to meet the rule \"30 % women\""
    );
    assert!(drafted.shortfalls.is_empty());
    let placed: Vec<Candidate> = drafted
        .places
        .iter()
        .map(|p| pool[p.rating_position - 1].clone())
        .collect();
    assert!(validate(&women, &placed, ELECTION_DAY).is_empty());
}

#[test]
fn two_quotas_that_each_look_fine_alone_can_need_the_same_last_place() {
    // 20 % of 5 = 1 woman and 1 person under 35. Pool: men 1–4 (45), woman 5 (45), man 6 (30).
    // After four men one place is left and it cannot hold both a woman and a young person,
    // although each quota alone could still be met: so the woman goes 4th, the young man 5th.
    let two = rules(
        vec![
            quota(Group::Women, 20, "20 % women"),
            quota(Group::YouthUnder(35), 20, "20 % under 35"),
        ],
        None,
    );
    let pool = vec![
        man(1),
        man(2),
        man(3),
        man(4),
        woman(5),
        person(6, Sex::Male, 30),
    ];
    let drafted = draft(&two, &pool, ELECTION_DAY, 5).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![1, 2, 3, 5, 6]);
    assert_eq!(
        moves(&drafted),
        vec![
            (5, 5, 4, vec!["20 % women".into(), "20 % under 35".into()]),
            (6, 6, 5, vec!["20 % under 35".into()]),
        ]
    );
    assert_eq!(
        drafted.displacements[0].explanation,
        "Ms 5 moved up from 5 to 4 to meet the rules \"20 % women\" and \"20 % under 35\""
    );

    // With a young woman in the pool, she alone meets both in the last place.
    let mut with_young_woman = pool.clone();
    with_young_woman.push(person(7, Sex::Female, 30));
    let drafted = draft(&two, &with_young_woman, ELECTION_DAY, 5).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![1, 2, 3, 4, 7]);
    assert_eq!(moves(&drafted).len(), 1);
    assert_eq!(drafted.displacements[0].from, 7);
}

#[test]
fn the_kazakhstan_2020_rules_count_a_young_woman_once_in_the_law_quota() {
    // seats 7 → a list of up to 10: the law needs 3 women-or-under-29, the party 3 women and
    // 2 under 35. Men 1–8 are 45. Then: 9 woman 26 (all three groups), 10 man 30 (under 35),
    // 11 woman 45, 12 woman 50, 13 man 27 (under 35 and under 29), 14 woman 33 (all three).
    // Fewest persons covering 3/3/2: 9 and 14 (each in every group) and one more woman (11):
    // so 7 men, then 9, 11, 14.
    let kz = ListRules::kazakhstan_2020(7);
    assert_eq!(kz.max_size, 10);
    let mut pool: Vec<Candidate> = (1..=8).map(man).collect();
    pool.extend([
        person(9, Sex::Female, 26),
        person(10, Sex::Male, 30),
        person(11, Sex::Female, 45),
        person(12, Sex::Female, 50),
        person(13, Sex::Male, 27),
        person(14, Sex::Female, 33),
    ]);
    let drafted = draft(&kz, &pool, ELECTION_DAY, 10).unwrap();
    assert_eq!(
        drafted.candidate_ids(),
        vec![1, 2, 3, 4, 5, 6, 7, 9, 11, 14]
    );
    let law = kz.quotas[0].label.clone();
    assert_eq!(
        moves(&drafted),
        vec![
            (9, 9, 8, vec![law.clone()]),
            (11, 11, 9, vec![law.clone()]),
            (14, 14, 10, vec![law]),
        ]
    );
    assert!(drafted.shortfalls.is_empty());

    // Two young women are two persons for the law, not four: with seven men they fall one short.
    let mut list: Vec<Candidate> = (1..=7).map(man).collect();
    list.extend([person(9, Sex::Female, 26), person(14, Sex::Female, 28)]);
    let violations = validate(&kz, &list, ELECTION_DAY);
    assert!(violations.contains(&Violation::Quota {
        rule: kz.quotas[0].label.clone(),
        group: Group::WomenOrYouthUnder(29),
        needed: 3,
        found: 2,
    }));
}

#[test]
fn one_woman_in_every_block_of_three_and_the_last_partial_block_is_exempt() {
    // Length 7: blocks 1–3 and 4–6 are bound, place 7 is a partial block and exempt.
    let block = rules(
        Vec::new(),
        Some(PlacementRule {
            size: 3,
            groups: vec![Group::Women],
            label: "a woman in every 3 places".into(),
        }),
    );
    let pool: Vec<Candidate> = (1..=6).map(man).chain((7..=8).map(woman)).collect();
    let drafted = draft(&block, &pool, ELECTION_DAY, 7).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![1, 2, 7, 3, 4, 8, 5]);
    let why = vec!["a woman in every 3 places".to_string()];
    assert_eq!(
        moves(&drafted),
        vec![(7, 7, 3, why.clone()), (8, 8, 6, why)]
    );

    // Edited so that places 4–6 hold no woman: validation names the block.
    let edited: Vec<Candidate> = [1, 2, 7, 3, 4, 5, 8]
        .iter()
        .map(|&id| if id >= 7 { woman(id) } else { man(id) })
        .collect();
    assert_eq!(
        validate(&block, &edited, ELECTION_DAY),
        vec![Violation::Block {
            rule: "a woman in every 3 places".into(),
            first_place: 4,
            last_place: 6,
            missing: vec![Group::Women],
        }]
    );
}

#[test]
fn the_last_place_of_a_block_can_be_forced_to_hold_both_groups() {
    // A block of 3 needs a woman and a person under 35. After two older men only one place is
    // left in it, so it must hold a young woman: the older woman (3) and the young man (4) can't.
    let block = rules(
        Vec::new(),
        Some(PlacementRule {
            size: 3,
            groups: vec![Group::Women, Group::YouthUnder(35)],
            label: "a woman and a young person in every 3 places".into(),
        }),
    );
    let pool = vec![
        man(1),
        man(2),
        woman(3),
        person(4, Sex::Male, 30),
        person(5, Sex::Female, 30),
    ];
    let drafted = draft(&block, &pool, ELECTION_DAY, 3).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![1, 2, 5]);
}

#[test]
fn a_pool_short_of_women_fills_the_list_and_reports_by_how_much() {
    // 30 % women of 7 = 3 but only two women exist: both are placed as late as still works
    // (places 6 and 7), and the shortfall says 3 needed, 2 available.
    let women = rules(vec![quota(Group::Women, 30, "30 % women")], None);
    let pool: Vec<Candidate> = (1..=8).map(man).chain((9..=10).map(woman)).collect();
    let drafted = draft(&women, &pool, ELECTION_DAY, 7).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![1, 2, 3, 4, 5, 9, 10]);
    assert_eq!(
        drafted.shortfalls,
        vec![Shortfall {
            rule: "30 % women".into(),
            needed: 3,
            available: 2,
        }]
    );

    // Asking for more names than the pool holds takes the whole pool and says so.
    let drafted = draft(&women, &pool[..4], ELECTION_DAY, 7).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![1, 2, 3, 4]);
    assert_eq!(drafted.shortfalls[0].rule, LIST_SIZE_RULE);
    assert_eq!(
        (
            drafted.shortfalls[0].needed,
            drafted.shortfalls[0].available
        ),
        (7, 4)
    );
    // 30 % of the 4 names actually listed is 2 women, and there are none.
    assert_eq!(
        drafted.shortfalls[1],
        Shortfall {
            rule: "30 % women".into(),
            needed: 2,
            available: 0,
        }
    );
}

#[test]
fn an_earlier_quota_is_met_first_when_the_pool_cannot_meet_both() {
    // One place, one quota wants a woman, a later one a person under 35; nobody is both.
    let competing = rules(
        vec![
            quota(Group::Women, 100, "all women"),
            quota(Group::YouthUnder(35), 100, "all young"),
        ],
        None,
    );
    let pool = vec![man(1), person(2, Sex::Male, 30), woman(3)];
    let drafted = draft(&competing, &pool, ELECTION_DAY, 1).unwrap();
    assert_eq!(drafted.candidate_ids(), vec![3]);
    assert_eq!(
        drafted.shortfalls,
        vec![Shortfall {
            rule: "all young".into(),
            needed: 1,
            available: 0,
        }]
    );
}

#[test]
fn drafting_refuses_bad_input_with_a_reason() {
    let women = rules(vec![quota(Group::Women, 30, "30 % women")], None);
    let pool = vec![man(1), man(1)];
    assert_eq!(
        draft(&women, &pool, ELECTION_DAY, 2),
        Err(ListError::DuplicateCandidate(1))
    );
    assert!(matches!(
        draft(&women, &pool, ELECTION_DAY, 60),
        Err(ListError::LengthOutOfRange { .. })
    ));
}

#[test]
fn a_withdrawn_woman_is_replaced_by_the_next_woman_in_the_rating() {
    // The list of the first example; woman 9 (place 6) withdraws. Men 5–7 come next in the
    // rating but would leave 2 women of 7; woman 11 keeps the quota and takes place 6.
    let women = rules(vec![quota(Group::Women, 30, "30 % women")], None);
    let list: Vec<Candidate> = [1, 2, 3, 4]
        .into_iter()
        .map(man)
        .chain([8, 9, 10].into_iter().map(woman))
        .collect();
    let pool = vec![man(5), man(6), man(7), woman(11), woman(12)];
    let result = replacement(&women, &list, 9, &pool, ELECTION_DAY).unwrap();
    assert_eq!(result.place, 6);
    assert_eq!(result.candidate, Some(11));
    assert_eq!(result.list, vec![1, 2, 3, 4, 8, 11, 10]);
    assert!(result.violations.is_empty());

    // A man withdrawing is replaced by the next in the rating, whoever it is.
    let result = replacement(&women, &list, 2, &pool, ELECTION_DAY).unwrap();
    assert_eq!(result.candidate, Some(5));

    // With no woman left, the least harmful (next in rating) is proposed and the shortfall shown.
    let result = replacement(&women, &list, 9, &pool[..3], ELECTION_DAY).unwrap();
    assert_eq!(result.candidate, Some(5));
    assert_eq!(result.violations.len(), 1);
    assert_eq!(result.violations[0].shortfall(), 1);

    // With nobody left, the place is struck.
    let result = replacement(&women, &list, 2, &[], ELECTION_DAY).unwrap();
    assert_eq!(result.candidate, None);
    assert_eq!(result.list, vec![1, 3, 4, 8, 9, 10]);

    assert_eq!(
        replacement(&women, &list, 99, &pool, ELECTION_DAY),
        Err(ListError::NotOnList(99))
    );
}

#[test]
fn violations_read_as_sentences() {
    let kz = ListRules::kazakhstan_2020(3);
    let list = vec![man(1), man(2)];
    let texts: Vec<String> = validate(&kz, &list, ELECTION_DAY)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        texts,
        vec![
            "the list has 2 names, at least 3 are required (1 short)",
            "\"law: at least 30 % women and persons under 29, combined\": the list needs at least 1 women and persons under 29 (each person counted once), it has 0 (1 short)",
            "\"party: at least 30 % women\": the list needs at least 1 women, it has 0 (1 short)",
            "\"party: at least 20 % under 35\": the list needs at least 1 persons under 35, it has 0 (1 short)",
        ]
    );
}
