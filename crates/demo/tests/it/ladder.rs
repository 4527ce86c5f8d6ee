//! The demo's conference ladder as the CLI records it: every command accepted, in a real store and by core alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_core::command::{
    CastNamedVote, CheckIn, ConfirmPresence, ConveneMeeting, CountVote, ExcuseUnit, FailMeeting,
    RecordAttendance,
};
use mandat_core::meeting::model::{MeetingKind, MeetingStatus, Motion};
use mandat_core::meeting::{OpenVoteCount, Verdict};
use mandat_core::{Code, Command, Envelope, Snapshot, decide};
use mandat_demo::{PPO_PHASE, Scale, commands, full_demo, ladder_commands};
use mandat_store::{Pending, Store};
use std::collections::{HashMap, HashSet};

const SEED: u64 = 1;

/// When the CLI records a demo command: a minute after it was held.
fn recorded_at(env: &Envelope) -> Timestamp {
    env.held_at + SignedDuration::from_mins(1)
}

/// How many delegates the regional conferences elected to the congress.
fn delegates_to_congress(snapshot: &Snapshot) -> usize {
    snapshot
        .delegates
        .values()
        .filter(|d| d.conference_unit.as_str() == mandat_demo::CENTRAL)
        .count()
}

/// Applies commands through core's rules alone, under the current rules as a new database
/// adopts them; panics on the first refusal with its index and text.
fn apply_in_memory(envelopes: impl IntoIterator<Item = Envelope>) -> Snapshot {
    let mut snapshot = Snapshot::default();
    let adopt = crate::common::adopt_current_rules();
    for (i, env) in std::iter::once(adopt).chain(envelopes).enumerate() {
        let seq = i as i64 + 1;
        match decide(&env, seq, recorded_at(&env), &snapshot) {
            Ok(changes) => changes.iter().for_each(|c| snapshot.apply(c)),
            Err(e) => panic!("command {i} refused: {e}\n{}", env.canonical()),
        }
    }
    snapshot
}

#[derive(Default, Debug)]
struct Counts {
    commands: usize,
    meetings: usize,
    ppo_meetings: usize,
    conferences: usize,
    failed: usize,
    reruns: usize,
    excused: usize,
    recounts: usize,
    check_ins: usize,
    sheets: usize,
    named_votes: usize,
    confirmations: usize,
}

fn count(ladder: &[Envelope]) -> Counts {
    let mut c = Counts {
        commands: ladder.len(),
        ..Counts::default()
    };
    for env in ladder {
        match &env.command {
            Command::ConveneMeeting(ConveneMeeting {
                phase, rerun_of, ..
            }) => {
                c.meetings += 1;
                if phase.as_str() == PPO_PHASE {
                    c.ppo_meetings += 1;
                } else {
                    c.conferences += 1;
                }
                c.reruns += usize::from(rerun_of.is_some());
            }
            Command::FailMeeting(FailMeeting { .. }) => c.failed += 1,
            Command::ExcuseUnit(ExcuseUnit { .. }) => c.excused += 1,
            Command::CountVote(CountVote { recount_reason, .. }) => {
                c.recounts += usize::from(recount_reason.is_some())
            }
            Command::CheckIn(CheckIn { .. }) => c.check_ins += 1,
            Command::RecordAttendance(RecordAttendance { .. }) => c.sheets += 1,
            Command::CastNamedVote(CastNamedVote { .. }) => c.named_votes += 1,
            Command::ConfirmPresence(ConfirmPresence { .. }) => c.confirmations += 1,
            _ => {}
        }
    }
    c
}

#[test]
fn the_ladder_is_deterministic_sorted_and_realistic() {
    let ladder = ladder_commands(Scale::Region, SEED);
    assert_eq!(
        ladder.iter().map(Envelope::canonical).collect::<Vec<_>>(),
        ladder_commands(Scale::Region, SEED)
            .iter()
            .map(Envelope::canonical)
            .collect::<Vec<_>>()
    );
    // Another seed, other meetings (the congress's norm of 2 Nov is the same for every seed).
    assert_ne!(
        ladder.get(1).map(Envelope::canonical),
        ladder_commands(Scale::Region, SEED + 1)
            .get(1)
            .map(Envelope::canonical)
    );
    assert!(ladder.windows(2).all(|w| w[0].held_at <= w[1].held_at));
    // Within a meeting, every command comes strictly after the one before it.
    let mut last: HashMap<String, Timestamp> = HashMap::new();
    for env in &ladder {
        let meeting = serde_json::to_value(&env.command).unwrap()["meeting"]
            .as_str()
            .map(str::to_string);
        if let Some(m) = meeting {
            if let Some(before) = last.get(&m) {
                assert!(env.held_at > *before, "{}", env.canonical());
            }
            last.insert(m, env.held_at);
        }
    }
    let c = count(&ladder);
    println!("{c:?}");
    assert!(c.commands > 10 * c.meetings);
    assert_eq!(c.ppo_meetings, 225 + c.reruns);
    assert_eq!(c.conferences, 21);
    assert!((3..=5).contains(&c.reruns), "{c:?}");
    assert_eq!(c.failed, c.reruns + c.excused);
    assert_eq!(c.excused, 1);
    assert!(c.recounts >= 2, "{c:?}");
    assert!(c.named_votes > 0 && c.confirmations > 0);
}

#[test]
fn core_accepts_the_whole_region_ladder_and_its_numbers_are_realistic() {
    let snapshot = apply_in_memory(full_demo(Scale::Region, SEED));
    let campaign = Code::parse("almaty-2020").unwrap();
    let meetings: Vec<_> = snapshot
        .meetings
        .values()
        .filter(|m| m.campaign == campaign)
        .collect();
    let region = meetings
        .iter()
        .find(|m| m.kind == MeetingKind::RegionalConference)
        .unwrap();
    assert_eq!(region.status, MeetingStatus::Closed);
    assert!(
        (150..=300).contains(&region.electorate),
        "{}",
        region.electorate
    );
    let mut sizes: Vec<u32> = meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::BranchConference)
        .map(|m| m.electorate)
        .collect();
    sizes.sort_unstable();
    println!(
        "branch conferences: {sizes:?} delegates; regional conference: {}",
        region.electorate
    );
    for m in meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::BranchConference)
    {
        assert_eq!(m.status, MeetingStatus::Closed, "{}", m.code);
        assert!(
            (20..=160).contains(&m.electorate),
            "{}: {}",
            m.code,
            m.electorate
        );
    }
    let failed = meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Failed)
        .count();
    let reruns = meetings.iter().filter(|m| m.rerun_of.is_some()).count();
    assert!(
        failed >= 4 && reruns >= 3,
        "{failed} failed, {reruns} re-runs"
    );
    assert_eq!(snapshot.excusals.len(), 1);
    // Some votes are rejected although more voted for than against (45/40/15).
    let rejected: Vec<_> = snapshot
        .details
        .values()
        .flat_map(|d| d.votes.values())
        .filter(|v| v.verdict == Some(Verdict::Rejected))
        .collect();
    assert!(!rejected.is_empty());
    for v in &rejected {
        assert!(matches!(v.motion, Motion::Resolution { .. }));
        let cast = OpenVoteCount::new(
            v.present(),
            v.hall.for_ + v.named.for_,
            v.hall.against + v.named.against,
            v.hall.abstain + v.named.abstain,
        )
        .unwrap();
        let under_cast = mandat_core::meeting::decide(
            mandat_core::meeting::DecisionRule::MajorityOfVotesCast,
            &cast,
        )
        .unwrap();
        assert_eq!(under_cast.verdict, Verdict::Adopted, "{v:?}");
    }
    let recounted = snapshot
        .details
        .values()
        .flat_map(|d| d.votes.values())
        .filter(|v| v.counts >= 2)
        .count();
    assert!(recounted >= 2);
    // PPO turnout between 55 % and 85 % where quorum was met.
    for m in meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::PpoMeeting && m.status == MeetingStatus::Closed)
    {
        let report = m.credentials.as_ref().unwrap();
        let present = report.in_hall + report.remote;
        assert!(present * 100 >= m.electorate * 50, "{}", m.code);
        assert!(present * 100 <= m.electorate * 86 + 100, "{}", m.code);
    }
    let delegates: HashSet<_> = snapshot.delegates.keys().map(|k| k.1.clone()).collect();
    assert_eq!(
        delegates.len(),
        22,
        "20 branch conferences, the regional one and the congress"
    );
    // The Almaty region's delegates to the congress: one per 2,000 members.
    let to_congress = delegates_to_congress(&snapshot);
    assert!(
        (19..=23).contains(&to_congress),
        "{to_congress} delegates to the congress"
    );
}

#[test]
fn core_accepts_the_region_ladder_for_other_seeds() {
    for seed in [2, 7, 2020] {
        let snapshot = apply_in_memory(full_demo(Scale::Region, seed));
        assert!(
            snapshot
                .meetings
                .values()
                .all(|m| matches!(m.status, MeetingStatus::Closed | MeetingStatus::Failed)),
            "seed {seed}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_store_accepts_the_region_demo_and_its_ladder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ladder.db");
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    let mut batch = store.begin().await.unwrap();
    let mut all = full_demo(Scale::Region, SEED).enumerate().peekable();
    let registry = commands(Scale::Region, SEED).count();
    let mut ladder = Vec::new();
    while all.peek().is_some() {
        let chunk: Vec<(usize, Envelope)> = all.by_ref().take(5000).collect();
        let pending: Vec<Pending> = chunk
            .iter()
            .map(|(_, e)| Pending::new(e.clone(), e.held_at.as_millisecond() + 60_000))
            .collect();
        let results = batch.push_chunk(pending).await.unwrap();
        for ((index, env), result) in chunk.iter().zip(results) {
            if let Err(refused) = result {
                panic!(
                    "command {index} (ladder command {}) refused: {refused}\n{}",
                    index.saturating_sub(registry),
                    env.canonical()
                );
            }
            if *index >= registry {
                ladder.push(env.clone());
            }
        }
    }
    let accepted = batch.accepted();
    batch.commit().await.unwrap();
    assert_eq!(accepted, registry + ladder.len());
    let c = count(&ladder);
    println!("region ladder: {c:?}");

    let snapshot = store.read_snapshot().await.unwrap();
    let failed: Vec<_> = snapshot
        .meetings
        .values()
        .filter(|m| m.status == MeetingStatus::Failed)
        .collect();
    assert!(failed.len() >= 4, "{} failed", failed.len());
    for f in &failed {
        let rerun = snapshot
            .meetings
            .values()
            .find(|m| m.rerun_of.as_ref() == Some(&f.code));
        let excused = snapshot
            .excusals
            .contains_key(&(f.campaign.clone(), f.unit.clone()));
        assert!(
            rerun.is_some() || excused,
            "{} failed and was neither re-run nor excused",
            f.code
        );
    }
    assert!(
        snapshot
            .meetings
            .values()
            .filter(|m| m.rerun_of.is_some())
            .any(|m| m.status == MeetingStatus::Closed)
    );
    let regional = snapshot
        .meetings
        .values()
        .find(|m| m.kind == MeetingKind::RegionalConference)
        .unwrap();
    assert_eq!(regional.status, MeetingStatus::Closed);
    let open = snapshot
        .meetings
        .values()
        .filter(|m| !matches!(m.status, MeetingStatus::Closed | MeetingStatus::Failed))
        .count();
    assert_eq!(open, 0, "every meeting ends closed or failed");
    let minutes = store.minutes(&regional.code).await.unwrap();
    assert!(!format!("{minutes:?}").is_empty());
}

/// The national ladder through core alone (slow in a debug build: `cargo test --release -- --ignored`).
#[test]
#[ignore]
fn core_accepts_the_national_ladder() {
    let started = std::time::Instant::now();
    let ladder = ladder_commands(Scale::National, SEED);
    let generated = started.elapsed();
    let c = count(&ladder);
    println!("national ladder generated in {generated:?}: {c:?}");
    let snapshot = apply_in_memory(commands(Scale::National, SEED).chain(ladder));
    let regional: Vec<_> = snapshot
        .meetings
        .values()
        .filter(|m| m.kind == MeetingKind::RegionalConference)
        .collect();
    assert_eq!(regional.len(), 17);
    assert!(regional.iter().all(|m| m.status == MeetingStatus::Closed));
    // The top of the ladder: the congress of the central office, its delegates elected by the
    // regional conferences (one per 2,000 members).
    let congress: Vec<_> = snapshot
        .meetings
        .values()
        .filter(|m| m.kind == MeetingKind::Congress)
        .collect();
    assert_eq!(congress.len(), 1);
    assert_eq!(congress[0].status, MeetingStatus::Closed);
    let to_congress = delegates_to_congress(&snapshot);
    assert!(
        (380..=460).contains(&to_congress),
        "{to_congress} congress delegates"
    );
    assert_eq!(congress[0].electorate as usize, to_congress);
    println!("applied in {:?}", started.elapsed());
}
