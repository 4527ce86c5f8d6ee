//! The demo data as a user of it would check it: deterministic, the right size, realistic, and
//! accepted command by command by core's rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::Date;
use mandat_core::command::{CreateUnit, RegisterMember, SetPhase, SetTarget};
use mandat_core::{Command, Envelope, Iin, Sex, Snapshot, UnitKind, decide};
use mandat_demo::{
    ALMATY_REGION_CSV, ELECTION_DAY, LAST_JOINED_ON, MemberRow, Scale, campaign_commands, commands,
    member_commands, member_rows, unit_commands, write_members_csv, write_units_csv,
};
use std::collections::{HashMap, HashSet};

/// Applies commands through core's rules, numbering them from `seq`; panics on the first refusal.
fn apply(snapshot: &mut Snapshot, seq: &mut i64, envelopes: impl IntoIterator<Item = Envelope>) {
    for env in envelopes {
        *seq += 1;
        match decide(&env, *seq, env.held_at, snapshot) {
            Ok(changes) => changes.iter().for_each(|c| snapshot.apply(c)),
            Err(e) => panic!("command {} refused: {e}\n{}", *seq, env.canonical()),
        }
    }
}

fn canonical(envs: impl IntoIterator<Item = Envelope>) -> Vec<String> {
    envs.into_iter().map(|e| e.canonical()).collect()
}

fn last_n(envs: impl Iterator<Item = Envelope>, n: usize) -> Vec<String> {
    let mut ring = std::collections::VecDeque::with_capacity(n);
    for e in envs {
        if ring.len() == n {
            ring.pop_front();
        }
        ring.push_back(e.canonical());
    }
    ring.into()
}

/// What the name itself says about the sex, by the endings of the patronymic (or of a
/// -ұлы / -қызы surname) and of the surname — independent of the generator's lists.
fn name_is_consistent_with(full_name: &str, sex: Sex) -> bool {
    let parts: Vec<&str> = full_name.split(' ').collect();
    let female = sex == Sex::Female;
    let marker = match parts.as_slice() {
        [surname, _given] => *surname,
        [_, _, patronymic] => *patronymic,
        _ => return false,
    };
    let marker_ok = if female {
        ["вна", "чна", "қызы"].iter().any(|e| marker.ends_with(e))
    } else {
        ["вич", "ич", "ұлы"].iter().any(|e| marker.ends_with(e))
    };
    let surname = parts[0];
    let surname_ok = if female {
        !["ов", "ев", "ёв", "ин", "ий", "ұлы"]
            .iter()
            .any(|e| surname.ends_with(e))
    } else {
        !["ова", "ева", "ёва", "ина", "ая", "қызы"]
            .iter()
            .any(|e| surname.ends_with(e))
    };
    marker_ok && surname_ok
}

fn register(env: &Envelope) -> (&Iin, &str, &str, &str, Date) {
    match &env.command {
        Command::RegisterMember(RegisterMember {
            iin,
            full_name,
            phone,
            unit,
            joined_on,
        }) => (iin, full_name, phone.as_str(), unit.as_str(), *joined_on),
        other => panic!("expected register_member, got {}", other.name()),
    }
}

#[test]
fn the_same_seed_gives_the_same_commands_and_another_seed_other_people() {
    assert_eq!(
        canonical(unit_commands(Scale::Region, 1)),
        canonical(unit_commands(Scale::Region, 1))
    );
    let first = canonical(member_commands(Scale::Region, 1).take(1000));
    assert_eq!(
        first,
        canonical(member_commands(Scale::Region, 1).take(1000))
    );
    assert_eq!(
        last_n(member_commands(Scale::Region, 1), 1000),
        last_n(member_commands(Scale::Region, 1), 1000)
    );
    let other: Vec<Envelope> = member_commands(Scale::Region, 2).take(1000).collect();
    let iins: HashSet<String> = member_commands(Scale::Region, 1)
        .take(1000)
        .map(|e| register(&e).0.to_string())
        .collect();
    let shared = other
        .iter()
        .filter(|e| iins.contains(&register(e).0.to_string()))
        .count();
    assert!(
        shared < 10,
        "{shared} of 1000 IINs repeat with another seed"
    );
    assert_ne!(first, canonical(other));
}

#[test]
fn the_region_demo_is_the_almaty_region_with_about_225_ppos_and_42000_members() {
    let units = unit_commands(Scale::Region, 1);
    let kinds: Vec<UnitKind> = units
        .iter()
        .map(|e| match &e.command {
            Command::CreateUnit(CreateUnit { kind, .. }) => *kind,
            _ => panic!("not a unit"),
        })
        .collect();
    let count = |k: UnitKind| kinds.iter().filter(|x| **x == k).count();
    assert_eq!(count(UnitKind::Region), 1);
    assert_eq!(count(UnitKind::District), 17);
    assert_eq!(count(UnitKind::City), 3);
    // The party's central office heads the region: its conference elects delegates to the congress.
    assert_eq!(count(UnitKind::Central), 1);
    assert!((215..=235).contains(&count(UnitKind::Primary)));
    assert_eq!(count(UnitKind::Primary), Scale::Region.ppo_count());
    let members = member_commands(Scale::Region, 1).count();
    assert!((40_000..=44_000).contains(&members), "{members}");
    assert_eq!(members, Scale::Region.member_count());
}

#[test]
fn the_units_csv_starts_with_the_published_almaty_region() {
    let mut out = Vec::new();
    write_units_csv(&mut out, Scale::Region, 1).unwrap();
    let text = String::from_utf8(out).unwrap();
    let published: Vec<&str> = ALMATY_REGION_CSV.lines().collect();
    let written: Vec<&str> = text.lines().collect();
    // The header, the central office, then the published region under it.
    assert_eq!(written[0], published[0]);
    assert!(written[1].starts_with("NO,,central,"), "{}", written[1]);
    assert_eq!(
        written[2],
        published[1].replacen("ALM,,region", "ALM,NO,region", 1)
    );
    assert_eq!(&written[3..published.len() + 1], &published[2..]);
    assert_eq!(written.len(), 2 + 21 + Scale::Region.ppo_count());
    assert!(text.contains("ALM-AKSU-P001,ALM-AKSU,primary,ППО №1 Аксуского района,Ақсу ауданының №1 БПҰ,PPO No. 1 of Aksu district"));
    assert!(text.contains(",ALM-TALDYKORGAN,primary,ППО №1 города Талдыкорган,Талдықорған қаласының №1 БПҰ,PPO No. 1 of Taldykorgan city"));
}

#[test]
fn bigger_districts_have_more_ppos_and_ppo_sizes_are_uneven() {
    let units = unit_commands(Scale::Region, 1);
    let mut per_branch: HashMap<String, usize> = HashMap::new();
    for e in &units {
        if let Command::CreateUnit(CreateUnit {
            kind: UnitKind::Primary,
            parent: Some(p),
            ..
        }) = &e.command
        {
            *per_branch.entry(p.to_string()).or_default() += 1;
        }
    }
    assert_eq!(per_branch.len(), 20);
    for big in ["ALM-KARASAI", "ALM-ENBEK", "ALM-ILI", "ALM-TALDYKORGAN"] {
        for small in ["ALM-KEGEN", "ALM-TEKELI", "ALM-BALKHASH"] {
            assert!(per_branch[big] > per_branch[small], "{big} vs {small}");
        }
    }
    let mut sizes: HashMap<String, usize> = HashMap::new();
    for e in member_commands(Scale::Region, 1) {
        *sizes.entry(register(&e).3.to_string()).or_default() += 1;
    }
    let mut sizes: Vec<usize> = sizes.into_values().collect();
    sizes.sort_unstable();
    assert_eq!(sizes.len(), Scale::Region.ppo_count());
    assert!(sizes[0] >= 20 && sizes[0] <= 40, "smallest {}", sizes[0]);
    let largest = sizes[sizes.len() - 1];
    assert!((400..=600).contains(&largest), "largest {largest}");
    let mean = sizes.iter().sum::<usize>() / sizes.len();
    assert!(sizes[sizes.len() / 2] < mean, "skewed: median below mean");
}

#[test]
fn every_region_member_is_valid_unique_and_realistic() {
    let primaries: HashSet<String> = unit_commands(Scale::Region, 1)
        .iter()
        .filter_map(|e| match &e.command {
            Command::CreateUnit(CreateUnit {
                code,
                kind: UnitKind::Primary,
                ..
            }) => Some(code.to_string()),
            _ => None,
        })
        .collect();
    let mut iins = HashSet::new();
    let mut phones = HashSet::new();
    let (mut women, mut under_35, mut under_29, mut kazakh_letters, mut total) = (0, 0, 0, 0, 0);
    let operators = [
        "700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778",
    ];
    for env in member_commands(Scale::Region, 1) {
        let (iin, name, phone, unit, joined_on) = register(&env);
        total += 1;
        assert_eq!(Iin::parse(&iin.to_string()).as_ref(), Ok(iin));
        assert!(iins.insert(*iin), "IIN {iin} twice");
        assert!(phones.insert(phone.to_string()), "phone {phone} twice");
        assert!(operators.contains(&&phone[2..5]), "{phone}");
        assert!(primaries.contains(unit), "{unit} is not a PPO");
        assert!(
            name_is_consistent_with(name, iin.sex()),
            "{name} does not read as {}",
            iin.sex().as_str()
        );
        let age = iin.age_on(ELECTION_DAY);
        assert!((18..=85).contains(&age), "age {age}");
        assert!(iin.age_on(joined_on) >= 18);
        assert!(joined_on <= LAST_JOINED_ON);
        women += usize::from(iin.sex() == Sex::Female);
        under_35 += usize::from(age < 35);
        under_29 += usize::from(age < 29);
        kazakh_letters += usize::from(name.contains(['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і']));
    }
    let share = |n: usize| n * 100 / total;
    assert!((45..=55).contains(&share(women)), "women {}%", share(women));
    assert!(
        (20..=35).contains(&share(under_35)),
        "under 35: {}%",
        share(under_35)
    );
    assert!(
        (10..=20).contains(&share(under_29)),
        "under 29: {}%",
        share(under_29)
    );
    assert!(
        (30..=60).contains(&share(kazakh_letters)),
        "Kazakh spellings {}%",
        share(kazakh_letters)
    );
}

#[test]
fn core_accepts_the_whole_region_demo_command_by_command() {
    let mut snapshot = Snapshot::default();
    let mut seq = 0;
    apply(&mut snapshot, &mut seq, commands(Scale::Region, 1));
    assert_eq!(snapshot.members.len(), Scale::Region.member_count());
    // The central office, the region, its 20 branches and the PPOs.
    assert_eq!(snapshot.units.len(), 2 + 20 + Scale::Region.ppo_count());
    // The 2020 calendar's eight phases and the congress of 25 Nov.
    assert_eq!(snapshot.phases.len(), 9);
    // 20 district and city maslikhats, the regional maslikhat, the Mazhilis nominees.
    assert_eq!(snapshot.targets.len(), 22);
}

#[test]
fn the_calendar_orders_phases_where_their_windows_allow() {
    let after: HashMap<String, Vec<String>> = campaign_commands(Scale::Region)
        .into_iter()
        .filter_map(|e| match e.command {
            Command::SetPhase(SetPhase { phase, after, .. }) => Some((
                phase.to_string(),
                after.iter().map(|a| a.to_string()).collect(),
            )),
            _ => None,
        })
        .collect();
    let expect = |phase: &str, before: &[&str]| {
        let mut got = after[phase].clone();
        got.sort();
        assert_eq!(got, before, "{phase}");
    };
    expect("nomination", &[]);
    expect("campaign", &["nomination"]);
    expect("debates", &["nomination"]);
    expect("primary_vote", &["debates", "nomination"]);
    expect("primary_results", &["campaign", "primary_vote"]);
    expect("ppo_meetings", &["primary_results"]);
    expect("branch_conferences", &["ppo_meetings"]);
    expect("regional_conference", &["branch_conferences"]);
}

#[test]
fn the_national_demo_has_the_party_yardsticks_and_core_accepts_it() {
    let units = unit_commands(Scale::National, 1);
    let mut count: HashMap<UnitKind, usize> = HashMap::new();
    for e in &units {
        if let Command::CreateUnit(CreateUnit {
            kind, parent, code, ..
        }) = &e.command
        {
            *count.entry(*kind).or_default() += 1;
            if code.as_str() == "ALM" {
                assert_eq!(parent.as_ref().map(|p| p.as_str()), Some("NO"));
            }
        }
    }
    assert_eq!(count[&UnitKind::Central], 1);
    assert_eq!(count[&UnitKind::Region], 17);
    assert_eq!(count[&UnitKind::District] + count[&UnitKind::City], 202);
    assert_eq!(count[&UnitKind::Primary], 4_500);
    let campaign = campaign_commands(Scale::National);
    let targets = campaign
        .iter()
        .filter(|e| matches!(e.command, Command::SetTarget(SetTarget { .. })))
        .count();
    // 186 branch maslikhats (the 16 city districts have none), 17 regional, 17 Mazhilis, and
    // the national Mazhilis list of the congress.
    assert_eq!(targets, 186 + 17 + 17 + 1);

    // One pass over all 835,000 members: count them, check that IINs and phones are unique, and
    // put every 97th through core's rules.
    let mut snapshot = Snapshot::default();
    let mut seq = 0;
    apply(&mut snapshot, &mut seq, units);
    apply(&mut snapshot, &mut seq, campaign);
    let mut members = 0;
    let mut iins = HashSet::new();
    let mut phones = HashSet::new();
    apply(
        &mut snapshot,
        &mut seq,
        member_commands(Scale::National, 1)
            .inspect(|e| {
                members += 1;
                let (iin, _, phone, _, _) = register(e);
                assert!(iins.insert(*iin), "IIN {iin} twice");
                assert!(
                    phones.insert(phone[2..].parse::<u64>().unwrap()),
                    "{phone} twice"
                );
            })
            .step_by(97),
    );
    assert_eq!(members, 835_000);
    assert_eq!(members, Scale::National.member_count());
    assert_eq!(snapshot.members.len(), 835_000_usize.div_ceil(97));
}

#[test]
fn the_national_member_stream_begins_with_the_region_demo() {
    assert_eq!(
        canonical(member_commands(Scale::National, 1).take(2_000)),
        canonical(member_commands(Scale::Region, 1).take(2_000))
    );
    // The central office, then the region with its branches and PPOs: the same in both.
    let region = unit_commands(Scale::Region, 1);
    assert_eq!(
        unit_commands(Scale::National, 1)[..region.len()]
            .iter()
            .map(|e| e.command.clone())
            .collect::<Vec<_>>(),
        region.iter().map(|e| e.command.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn member_rows_fill_the_same_ppos_with_any_number_of_people() {
    let rows: Vec<MemberRow> =
        member_rows(Scale::Region, 1, Scale::Region.member_count()).collect();
    let commands: Vec<Envelope> = member_commands(Scale::Region, 1).collect();
    assert_eq!(rows.len(), commands.len());
    for (row, env) in rows.iter().zip(&commands).step_by(101) {
        let (iin, name, phone, unit, joined_on) = register(env);
        assert_eq!(
            (
                row.iin.as_str(),
                row.full_name.as_str(),
                row.phone.as_str(),
                row.unit.as_str()
            ),
            (iin.to_string().as_str(), name, phone, unit)
        );
        assert_eq!(row.joined_on, joined_on.to_string());
    }
    let many: Vec<MemberRow> = member_rows(Scale::Region, 5, 100_000).collect();
    assert_eq!(many.len(), 100_000);
    let iins: HashSet<&str> = many.iter().map(|r| r.iin.as_str()).collect();
    let phones: HashSet<&str> = many.iter().map(|r| r.phone.as_str()).collect();
    assert_eq!((iins.len(), phones.len()), (100_000, 100_000));
    assert_eq!(member_rows(Scale::Region, 5, 10).count(), 10);
}

#[test]
fn the_members_csv_has_the_import_header_and_one_line_per_member() {
    let mut out = Vec::new();
    write_members_csv(&mut out, member_rows(Scale::Region, 1, 50)).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("iin,full_name,phone,unit,joined_on"));
    let first = lines.next().unwrap();
    let fields: Vec<&str> = first.split(',').collect();
    assert_eq!(fields.len(), 5, "{first}");
    assert!(Iin::parse(fields[0]).is_ok());
    assert!(fields[2].starts_with("+77"));
    assert!(fields[3].starts_with("ALM-") && fields[3].contains("-P"));
    assert_eq!(text.lines().count(), 51);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6))]

        #[test]
        fn core_accepts_the_start_of_the_region_demo_for_any_seed(seed in any::<u64>()) {
            let mut snapshot = Snapshot::default();
            let mut seq = 0;
            apply(&mut snapshot, &mut seq, unit_commands(Scale::Region, seed));
            apply(&mut snapshot, &mut seq, campaign_commands(Scale::Region));
            apply(&mut snapshot, &mut seq, member_commands(Scale::Region, seed).take(3_000));
            prop_assert_eq!(snapshot.members.len(), 3_000);
        }
    }
}
