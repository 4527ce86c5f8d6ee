//! The conferences' rating votes as the CLI records them: merged into the ladder after the
//! primaries, every command, ballot, close and count accepted by a real store.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_core::command::CreatePoll;
use mandat_core::{Code, Envelope};
use mandat_demo::{Scale, commands, ladder_commands, primaries_plan, rating_votes};
use mandat_store::{Pending, Store};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

use crate::common::{store_cast, store_count};

const SEED: u64 = 1;
/// A small turnout keeps the store test fast in a debug build.
const TEST_TURNOUT: u32 = 100;

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
async fn the_store_accepts_the_conferences_rating_votes() {
    let started = Instant::now();
    let plan = primaries_plan(Scale::Region, SEED, TEST_TURNOUT);
    let ladder = ladder_commands(Scale::Region, SEED);
    let rating = rating_votes(Scale::Region, SEED, &plan, &ladder);
    assert_eq!(rating, rating_votes(Scale::Region, SEED, &plan, &ladder));
    let polls: Vec<String> = rating.count.iter().map(|(p, _)| p.to_string()).collect();
    let branch_polls = polls.iter().filter(|p| !p.ends_with("-mazhilis")).count();
    assert!((15..=20).contains(&branch_polls), "{polls:?}");
    assert!(
        polls.contains(&"rating-ALM-mazhilis".to_string()),
        "{polls:?}"
    );
    let count = |name: &str| {
        rating
            .inserts
            .iter()
            .filter(|(_, e)| e.command.name() == name)
            .count()
    };
    for name in ["create_poll", "freeze_roll", "open_poll"] {
        assert_eq!(count(name), polls.len(), "{name}");
    }
    // Every branch vote follows its debate, recorded: the shares of the regional list, the
    // invitations by rating, the answers (one refusal in the region) and the debate held.
    assert_eq!(count("set_debate_quotas"), 1);
    assert_eq!(count("invite_to_debate"), branch_polls);
    assert_eq!(count("record_debate"), branch_polls);
    let refusals = rating
        .inserts
        .iter()
        .filter(|(_, e)| {
            matches!(&e.command, mandat_core::Command::AnswerDebateInvitation(a)
                if a.answer == mandat_core::command::InvitationAnswer::Refused)
        })
        .count();
    assert_eq!(refusals, 1);
    // A branch's rating ballot holds exactly those who took part in its debate.
    for (_, env) in &rating.inserts {
        if let mandat_core::Command::CreatePoll(CreatePoll {
            options, debate, ..
        }) = &env.command
            && let Some(debate) = debate
        {
            let took_part: Vec<_> = rating
                .inserts
                .iter()
                .find_map(|(_, e)| match &e.command {
                    mandat_core::Command::RecordDebate(r) if &r.debate == debate => {
                        Some(r.attendance.iter().map(|m| m.iin).collect::<Vec<_>>())
                    }
                    _ => None,
                })
                .unwrap_or_default();
            let on_ballot: Vec<_> = options.iter().filter_map(|o| o.candidate).collect();
            assert_eq!(on_ballot, took_part, "{debate}");
        }
    }
    // Each vote rates a list: its count is that list's conference rating.
    for (_, env) in &rating.inserts {
        if let mandat_core::Command::CreatePoll(CreatePoll { code, target, .. }) = &env.command {
            let expected = if code.as_str().ends_with("-mazhilis") {
                "ALM.mazhilis"
            } else {
                "ALM.maslikhat"
            };
            assert_eq!(target.as_ref().map(Code::as_str), Some(expected), "{code}");
        }
    }
    assert!(rating.casts.windows(2).all(|w| w[0].at <= w[1].at));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rating.db");
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    apply(&store, commands(Scale::Region, SEED), "registry").await;
    // The primaries, counted: the branches invite their debaters by the primaries rating.
    apply(&store, plan.before_vote.clone(), "primaries").await;
    apply(&store, plan.station_marks.clone(), "stations").await;
    store_cast(
        &store,
        &plan.casts.iter().collect::<Vec<_>>(),
        &HashMap::new(),
    )
    .await;
    apply(&store, plan.after_close.clone(), "primaries close").await;
    store_count(&store, &plan.count).await;

    let mut merged = Vec::new();
    let mut inserts = rating.inserts.iter().peekable();
    for (i, env) in ladder.iter().enumerate() {
        merged.push(env.clone());
        while let Some((_, insert)) = inserts.next_if(|(at, _)| *at == i) {
            merged.push(insert.clone());
        }
    }
    assert!(inserts.peek().is_none());
    assert!(merged.windows(2).all(|w| w[0].held_at <= w[1].held_at));
    apply(&store, merged, "ladder").await;

    // A batch is cast at its last ballot's time: it ends before the first of its polls closes.
    let closes: HashMap<&Code, Timestamp> = rating
        .count
        .iter()
        .map(|(p, at)| (p, *at - SignedDuration::from_mins(1)))
        .collect();
    // Every ballot is accepted (the helper checks each answer).
    store_cast(&store, &rating.casts, &closes).await;
    let accepted = rating.casts.len();
    let voted: HashSet<_> = rating.casts.iter().map(|c| c.poll.clone()).collect();
    assert_eq!(voted.len(), polls.len());
    store_count(&store, &rating.count).await;
    for (poll, _) in &rating.count {
        assert!(store.poll_result(poll).await.unwrap().is_some(), "{poll}");
    }
    store.verify(&[]).await.unwrap();
    eprintln!(
        "{} rating polls ({branch_polls} branch), {accepted} ballots; {:.1} s",
        polls.len(),
        started.elapsed().as_secs_f64()
    );
}
