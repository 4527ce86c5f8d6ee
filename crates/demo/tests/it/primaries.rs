//! The demo's primaries as the CLI records them: deterministic and realistic as planned, and every
//! command, ballot, close and count accepted by a real store.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::SignedDuration;
use mandat_core::ballot::{self, ServerKey};
use mandat_core::command::{
    CreatePoll, EnterStationReturn, ExtendPoll, MarkAtStation, NominateCandidate, RecordDebate,
    RefuseCandidate, RegisterCandidate, RegisterMember, SetTarget, WithdrawCandidate,
};
use mandat_core::count::Method;
use mandat_core::primaries::{DEFAULT_YOUTH_AGE_LIMIT, Ratings};
use mandat_core::{Code, Command, Envelope, Iin, Sex};
use mandat_demo::{
    DEMO_TURNOUT_PERMILLE, DemoCast, ELECTION_DAY, EXTENSION_REASON, PrimariesPlan, Scale,
    campaign_commands, commands, primaries_plan, primaries_poll_code,
};
use mandat_store::{Cast, CastAnswer, Pending, Store};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

const SEED: u64 = 1;
/// A small turnout keeps the store test fast in a debug build.
const TEST_TURNOUT: u32 = 100;

#[derive(Debug, Default)]
struct Numbers {
    lists: usize,
    seats: u32,
    nominated: usize,
    by_ppo: usize,
    registered: usize,
    refused: usize,
    withdrawn: usize,
    on_ballots: usize,
    debates: usize,
    debate_refusals: usize,
    debate_absences: usize,
    polls: usize,
    approval_polls: usize,
    extended: usize,
    casts: usize,
    online_voters: usize,
    stations: usize,
    station_voters: usize,
    station_marks: usize,
    returns: usize,
}

fn numbers(plan: &PrimariesPlan) -> Numbers {
    let mut n = Numbers {
        casts: plan.casts.len(),
        online_voters: plan
            .casts
            .iter()
            .map(|c| c.voter)
            .collect::<HashSet<_>>()
            .len(),
        station_marks: plan.station_marks.len(),
        ..Numbers::default()
    };
    let mut stations = HashSet::new();
    let mut at_stations = HashSet::new();
    for env in &plan.station_marks {
        if let Command::MarkAtStation(MarkAtStation { station, iins, .. }) = &env.command {
            stations.insert(station.clone());
            at_stations.extend(iins.iter().copied());
        }
    }
    n.stations = stations.len();
    n.station_voters = at_stations.len();
    for env in &plan.before_vote {
        match &env.command {
            Command::NominateCandidate(NominateCandidate { nominated_by, .. }) => {
                n.nominated += 1;
                n.by_ppo += usize::from(matches!(
                    nominated_by,
                    mandat_core::poll::NominatedBy::Ppo { .. }
                ));
            }
            Command::RegisterCandidate(RegisterCandidate { .. }) => n.registered += 1,
            Command::RefuseCandidate(RefuseCandidate { .. }) => n.refused += 1,
            Command::WithdrawCandidate(WithdrawCandidate { .. }) => n.withdrawn += 1,
            Command::RecordDebate(RecordDebate { attendance, .. }) => {
                n.debates += 1;
                for a in attendance {
                    match a.attendance {
                        mandat_core::poll::DebateAttendance::Refused => n.debate_refusals += 1,
                        mandat_core::poll::DebateAttendance::Absent => n.debate_absences += 1,
                        mandat_core::poll::DebateAttendance::TookPart
                        | mandat_core::poll::DebateAttendance::Accepted => {}
                    }
                }
            }
            Command::CreatePoll(CreatePoll {
                options, method, ..
            }) => {
                n.polls += 1;
                n.on_ballots += options.len();
                n.approval_polls += usize::from(matches!(method, Method::Approval { .. }));
            }
            Command::ExtendPoll(ExtendPoll { .. }) => n.extended += 1,
            _ => {}
        }
    }
    n.returns = plan
        .after_close
        .iter()
        .filter(|e| {
            matches!(
                e.command,
                Command::EnterStationReturn(EnterStationReturn { .. })
            )
        })
        .count();
    for env in campaign_commands(Scale::Region) {
        if let Command::SetTarget(SetTarget { seats, .. }) = env.command {
            n.lists += 1;
            n.seats += seats;
        }
    }
    n
}

fn sorted(envelopes: &[Envelope]) -> bool {
    envelopes.windows(2).all(|w| w[0].held_at <= w[1].held_at)
}

#[test]
fn the_plan_is_deterministic_ordered_and_realistic() {
    let started = Instant::now();
    let plan = primaries_plan(Scale::Region, SEED, DEMO_TURNOUT_PERMILLE);
    let generated = started.elapsed();
    assert_eq!(
        plan,
        primaries_plan(Scale::Region, SEED, DEMO_TURNOUT_PERMILLE)
    );
    let other = primaries_plan(Scale::Region, SEED + 1, TEST_TURNOUT);
    assert_ne!(
        plan.before_vote.first().map(Envelope::canonical),
        other.before_vote.first().map(Envelope::canonical)
    );
    let n = numbers(&plan);
    println!("region primaries at {DEMO_TURNOUT_PERMILLE} ‰ (generated in {generated:?}): {n:#?}");

    // Every part in time order, and the parts one after another.
    let casts: Vec<DemoCast> = plan.casts.iter().collect();
    assert_eq!(casts.len(), plan.casts.len());
    assert!(sorted(&plan.before_vote));
    assert!(sorted(&plan.station_marks));
    assert!(sorted(&plan.after_close));
    assert!(casts.windows(2).all(|w| w[0].at <= w[1].at));
    let opened = plan.before_vote.last().unwrap().held_at;
    assert!(casts.first().unwrap().at >= opened);
    assert!(plan.station_marks.first().unwrap().held_at >= opened);
    let closed = plan.after_close.first().unwrap().held_at;
    assert!(casts.last().unwrap().at < closed);
    let last = plan.after_close.last().unwrap().held_at;
    assert!(plan.count.iter().all(|(_, at)| *at > last));
    assert!(plan.count.windows(2).all(|w| w[0].1 <= w[1].1));

    // One poll per list, about four candidates per seat, every list with a woman and a young
    // candidate.
    assert_eq!(n.polls, n.lists);
    assert_eq!(plan.count.len(), n.lists);
    assert_eq!(n.extended, 1);
    let mut options_of: HashMap<Code, (Vec<String>, Method)> = HashMap::new();
    for env in &plan.before_vote {
        if let Command::CreatePoll(CreatePoll {
            code,
            options,
            method,
            seats,
            target,
            ..
        }) = &env.command
        {
            let per_seat = options.len() as f64 / f64::from(*seats);
            assert!((3.4..=4.6).contains(&per_seat), "{code}: {per_seat}");
            assert_eq!(
                code.as_str(),
                primaries_poll_code(target.as_ref().unwrap().as_str())
            );
            let iins: Vec<Iin> = options.iter().filter_map(|o| o.candidate).collect();
            assert!(iins.iter().any(|i| i.sex() == Sex::Female), "{code}");
            assert!(iins.iter().any(|i| i.age_on(ELECTION_DAY) < 35), "{code}");
            let numbers: Vec<u32> = options
                .iter()
                .map(|o| o.code[1..].parse().unwrap())
                .collect();
            assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{code}");
            options_of.insert(
                code.clone(),
                (options.iter().map(|o| o.code.clone()).collect(), *method),
            );
        }
    }
    assert!(n.approval_polls > 0);
    let per_seat = n.on_ballots as f64 / f64::from(n.seats);
    assert!((3.7..=4.3).contains(&per_seat), "{per_seat}");
    assert!(n.refused > 0 && n.withdrawn > 0 && n.by_ppo > 0 && n.by_ppo < n.nominated);
    assert_eq!(n.registered + n.refused, n.nominated);
    assert_eq!(n.on_ballots + n.withdrawn, n.registered);
    assert!(n.debates * 4 <= n.on_ballots + n.polls * 3 && n.debates * 6 >= n.on_ballots);
    assert!(n.debate_refusals > 0 && n.debate_absences > 0);
    assert!((3..=4).contains(&n.stations), "{n:?}");
    assert!((3 * 20..=4 * 45).contains(&n.station_voters), "{n:?}");

    // Ballots: valid, one per voter and poll, never from someone who voted at a station.
    let mut at_station = HashSet::new();
    for env in &plan.station_marks {
        if let Command::MarkAtStation(MarkAtStation { iins, .. }) = &env.command {
            at_station.extend(iins.iter().copied());
        }
    }
    let mut seen = HashSet::new();
    for c in &casts {
        assert!(!at_station.contains(&c.voter));
        assert!(seen.insert((c.poll.clone(), c.voter)));
        let (options, method) = &options_of[&c.poll];
        ballot::validate(&c.content, options, *method).unwrap();
    }
    // Now and then a blank ballot, kept blank through the packing.
    assert!(casts.iter().any(|c| c.content.0.is_empty()));
    // The approvals the conferences and lists rank by are the ballots' own marks.
    let mut counted: HashMap<(String, String), u64> = HashMap::new();
    for c in &casts {
        for option in c.content.0.iter().flatten() {
            *counted
                .entry((c.poll.to_string(), option.clone()))
                .or_default() += 1;
        }
    }
    let approvals: HashMap<(String, String), u64> = plan
        .casts
        .approvals()
        .into_iter()
        .map(|((poll, option), n)| ((poll.to_string(), option.to_string()), n))
        .collect();
    assert!(!counted.is_empty());
    assert_eq!(approvals, counted);
    // Turnout about 84 % overall (each member counted once).
    let members = commands(Scale::Region, SEED)
        .filter(|e| matches!(e.command, Command::RegisterMember(RegisterMember { .. })))
        .count();
    assert!(n.casts > 2 * n.online_voters && n.station_marks >= n.stations * 2);
    let voted = n.online_voters + n.station_voters;
    let turnout = voted as f64 / members as f64;
    assert!((0.80..=0.88).contains(&turnout), "{turnout}");
}

/// When the CLI records a command: a minute after it was held.
fn pending(env: &Envelope) -> Pending {
    Pending::new(env.clone(), env.held_at.as_millisecond() + 60_000)
}

async fn apply(store: &Store, envelopes: impl IntoIterator<Item = Envelope>, what: &str) {
    let all: Vec<Envelope> = envelopes.into_iter().collect();
    let mut batch = store.begin().await.unwrap();
    for (c, chunk) in all.chunks(5000).enumerate() {
        let results = batch
            .push_chunk(chunk.iter().map(pending).collect())
            .await
            .unwrap();
        for (i, (env, result)) in chunk.iter().zip(results).enumerate() {
            if let Err(refused) = result {
                panic!(
                    "{what}: command {} refused: {refused}\n{}",
                    c * 5000 + i,
                    env.canonical()
                );
            }
        }
    }
    batch.commit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_store_accepts_the_region_primaries_from_nomination_to_the_count() {
    let started = Instant::now();
    let plan = primaries_plan(Scale::Region, SEED, TEST_TURNOUT);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("primaries.db");
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    apply(&store, commands(Scale::Region, SEED), "registry").await;
    let registry = started.elapsed();
    apply(&store, plan.before_vote.clone(), "before the vote").await;

    // Stations' marks and ballots in time order, ballots in batches of up to 200.
    let key = ServerKey::from_seed(&[7u8; 32]);
    let mut marks = plan.station_marks.iter().peekable();
    let all_casts: Vec<DemoCast> = plan.casts.iter().collect();
    let mut casts = all_casts.iter().peekable();
    let mut accepted = 0usize;
    let mut electronic: HashMap<Code, i64> = HashMap::new();
    while casts.peek().is_some() || marks.peek().is_some() {
        let next_cast = casts.peek().map(|c| c.at);
        if let Some(mark) = marks.peek()
            && next_cast.is_none_or(|at| mark.held_at <= at)
        {
            apply(&store, [(*mark).clone()], "station mark").await;
            marks.next();
            continue;
        }
        let mut batch = Vec::new();
        while let Some(c) = casts.peek() {
            let crosses_mark = marks.peek().is_some_and(|m| m.held_at <= c.at);
            if batch.len() == 200 || crosses_mark {
                break;
            }
            batch.push(*c);
            casts.next();
        }
        let now = batch.last().unwrap().at;
        let answers = store
            .cast_batch(
                batch
                    .iter()
                    .map(|c| Cast {
                        poll: c.poll.clone(),
                        voter: c.voter,
                        content: c.content.clone(),
                        device_nonce: Some(c.voter.to_string().into_bytes()),
                        request_key: format!("{}/{}", c.poll, c.voter),
                    })
                    .collect(),
                &key,
                now,
            )
            .await
            .unwrap();
        for (c, answer) in batch.iter().zip(answers) {
            match answer {
                CastAnswer::Accepted(_) => {
                    accepted += 1;
                    *electronic.entry(c.poll.clone()).or_default() += 1;
                }
                other => panic!("{} in {} at {}: {other:?}", c.voter, c.poll, c.at),
            }
        }
    }
    assert_eq!(accepted, plan.casts.len());
    let voted = started.elapsed();

    apply(&store, plan.after_close.clone(), "after the close").await;
    for (poll, at) in &plan.count {
        store
            .close_and_count(
                poll,
                "organizer:ALM",
                *at,
                "",
                None,
                DEFAULT_YOUTH_AGE_LIMIT,
                &key,
            )
            .await
            .unwrap()
            .unwrap_or_else(|e| panic!("{poll}: {e}"));
    }

    // Every list has its result, with women and youth in its ratings.
    let mut paper: HashMap<Code, i64> = HashMap::new();
    for env in &plan.after_close {
        if let Command::EnterStationReturn(EnterStationReturn {
            poll,
            per_option,
            spoiled,
            ..
        }) = &env.command
        {
            *paper.entry(poll.clone()).or_default() +=
                (per_option.values().sum::<u64>() + spoiled) as i64;
        }
    }
    let mut lists = 0;
    for env in campaign_commands(Scale::Region) {
        let Command::SetTarget(SetTarget { code, .. }) = env.command else {
            continue;
        };
        lists += 1;
        let poll = Code::parse(&primaries_poll_code(code.as_str())).unwrap();
        let result = store
            .poll_result(&poll)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{poll} has no result"));
        assert_eq!(result.electronic, electronic[&poll], "{poll}");
        assert_eq!(
            result.paper,
            paper.get(&poll).copied().unwrap_or(0),
            "{poll}"
        );
        let ratings: Ratings = serde_json::from_str(&result.ratings).unwrap();
        assert!(!ratings.overall.is_empty(), "{poll}");
        assert!(!ratings.women.is_empty(), "{poll}");
        assert!(!ratings.youth.is_empty(), "{poll}");
        assert!(ratings.overall.iter().all(|r| r.votes.is_some()));
    }
    assert_eq!(lists, 22);

    // The extended poll says so, with its reason.
    let extended = plan
        .before_vote
        .iter()
        .find_map(|e| match &e.command {
            Command::ExtendPoll(ExtendPoll { poll, .. }) => Some(poll.clone()),
            _ => None,
        })
        .unwrap();
    let snapshot = store.read_snapshot().await.unwrap();
    let poll = &snapshot.polls[&extended];
    assert!(
        poll.events
            .iter()
            .any(|e| e.action.starts_with("extended") && e.reason == EXTENSION_REASON),
        "{:?}",
        poll.events
    );
    assert_eq!(
        poll.closes_at,
        plan.before_vote
            .iter()
            .find_map(|e| match &e.command {
                Command::CreatePoll(CreatePoll { closes_at, .. }) => Some(*closes_at),
                _ => None,
            })
            .unwrap()
            + SignedDuration::from_hours(24)
    );

    store.verify(&[]).await.unwrap();
    println!(
        "registry in {registry:?}, primaries ({} casts) voted by {voted:?}, all done in {:?}",
        plan.casts.len(),
        started.elapsed()
    );
}

/// Every region of the national demo gets the same shape (slow in a debug build:
/// `cargo test --release -- --ignored`).
#[test]
#[ignore]
fn the_national_plan_gives_every_region_its_primaries() {
    let started = Instant::now();
    let plan = primaries_plan(Scale::National, SEED, DEMO_TURNOUT_PERMILLE);
    let generated = started.elapsed();
    let lists = campaign_commands(Scale::National)
        .iter()
        .filter(|e| matches!(e.command, Command::SetTarget(SetTarget { .. })))
        .count();
    let extended = plan
        .before_vote
        .iter()
        .filter(|e| matches!(e.command, Command::ExtendPoll(ExtendPoll { .. })))
        .count();
    let stations: HashSet<Code> = plan
        .station_marks
        .iter()
        .filter_map(|e| match &e.command {
            Command::MarkAtStation(MarkAtStation { station, .. }) => Some(station.clone()),
            _ => None,
        })
        .collect();
    println!(
        "national primaries generated in {generated:?}: {} commands before the vote, {} casts, {} stations, {} lists, {extended} extended",
        plan.before_vote.len(),
        plan.casts.len(),
        stations.len(),
        plan.count.len()
    );
    assert_eq!(plan.count.len(), lists);
    assert_eq!(extended, 17);
    assert!((17 * 3..=17 * 4).contains(&stations.len()));
    assert!(sorted(&plan.before_vote) && sorted(&plan.after_close));
}
