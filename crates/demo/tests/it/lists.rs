//! The demo's party lists from the primaries to December: every list approved by its conference,
//! every rule met, displacements, an edit and the December replacements, through core's rules
//! with the ballot box played in memory (the store test follows once the store keeps lists).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_core::ballot::{self, Hash32};
use mandat_core::command::ListRemoval;
use mandat_core::command::{
    ClosePoll, CountPoll, CreatePoll, DraftList, EditList, RecordBallots, RegisterMember,
    SealBallots, SetListRules,
};
use mandat_core::lists::ListStatus;
use mandat_core::poll::{Marked, PollStatus, RollEntry, SealedBallot};
use mandat_core::{Change, Code, Command, Envelope, Iin, MemberStatus, Snapshot, decide};
use mandat_demo::{
    ConferencePlan, DemoCast, Scale, commands, conference_plan, ladder_commands, primaries_plan,
};
use mandat_store::{Pending, Store};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use crate::common::{store_cast, store_count};

const SEED: u64 = 1;
/// A small turnout keeps the test fast in a debug build.
const TEST_TURNOUT: u32 = 100;

/// Core's rules over the demo's commands, with the ballot box played in memory.
struct Record {
    snapshot: Snapshot,
    seq: i64,
    /// Per poll: the ballots in the box, to seal at the close.
    boxes: HashMap<Code, Vec<SealedBallot>>,
    ballots: u64,
}

impl Record {
    /// A record under the current rules, as a new database adopts them first.
    fn new() -> Record {
        let mut record = Record {
            snapshot: Snapshot::default(),
            seq: 0,
            boxes: HashMap::new(),
            ballots: 0,
        };
        let adopt = crate::common::adopt_current_rules();
        record.apply(&adopt, mandat_demo::HELD_AT);
        record
    }

    fn apply(&mut self, env: &Envelope, recorded_at: Timestamp) {
        self.seq += 1;
        match decide(env, self.seq, recorded_at, &self.snapshot) {
            Ok(changes) => {
                for change in &changes {
                    self.snapshot.apply(change);
                    if let Change::FreezeMembersRoll { poll, units } = change {
                        // The store writes a members' roll: every active member of the units.
                        let units: HashSet<&Code> = units.iter().collect();
                        let roll = self
                            .snapshot
                            .members
                            .values()
                            .filter(|m| m.status == MemberStatus::Active && units.contains(&m.unit))
                            .map(|m| RollEntry {
                                poll: poll.clone(),
                                member: m.id,
                                unit: m.unit.clone(),
                                marked: Marked::NotYet,
                            })
                            .collect();
                        self.snapshot.apply(&Change::PutRoll(roll));
                    }
                }
            }
            Err(e) => panic!("entry {} refused: {e}\n{}", self.seq, env.canonical()),
        }
        if let Command::CreatePoll(CreatePoll { code, .. }) = &env.command {
            // The store loads the box with the poll; here it starts empty.
            let detail = self.snapshot.poll_details.entry(code.clone()).or_default();
            detail.leaves.get_or_insert_default();
            detail.sealed.get_or_insert_default();
        }
    }

    /// As the CLI records a generated command: a minute after it was held.
    fn all(&mut self, envelopes: impl IntoIterator<Item = Envelope>) {
        for env in envelopes {
            let recorded = env.held_at + SignedDuration::from_mins(1);
            self.apply(&env, recorded);
        }
    }

    /// Every poll's ballots as one batch of the box at its last ballot's time.
    fn cast(&mut self, casts: &[DemoCast]) {
        let mut by_poll: BTreeMap<&Code, Vec<&DemoCast>> = BTreeMap::new();
        for c in casts {
            by_poll.entry(&c.poll).or_default().push(c);
        }
        for (poll, casts) in by_poll {
            let mut voters = Vec::new();
            let mut leaves = Vec::new();
            for c in &casts {
                self.ballots += 1;
                let mut nonce = [0u8; 32];
                nonce[..8].copy_from_slice(&self.ballots.to_be_bytes());
                let tracker = ballot::tracker(poll, None, &nonce);
                let opening = Hash32(nonce);
                let hash = ballot::ballot_hash(poll, &tracker, &c.content, &opening);
                leaves.push(ballot::leaf(&tracker, &hash));
                voters.push(c.voter);
                self.boxes
                    .entry(poll.clone())
                    .or_default()
                    .push(SealedBallot {
                        tracker,
                        content: c.content.clone(),
                        opening,
                    });
            }
            voters.sort();
            let at = casts.iter().map(|c| c.at).max().unwrap();
            let env = Envelope {
                actor: "ballot-box".into(),
                held_at: at,
                command: Command::RecordBallots(RecordBallots {
                    poll: poll.clone(),
                    voters,
                    leaves: ballot::sorted_leaves(leaves),
                }),
            };
            self.apply(&env, at);
        }
    }

    /// Closes (if still open), seals and counts each poll at its time, as the store does.
    fn count(&mut self, polls: &[(Code, Timestamp)]) {
        for (poll, at) in polls {
            let now = |command| Envelope {
                actor: "counting-commission".into(),
                held_at: *at,
                command,
            };
            if self.snapshot.polls[poll].status == PollStatus::Open {
                let close = now(Command::ClosePoll(ClosePoll {
                    poll: poll.clone(),
                    reason: String::new(),
                }));
                self.apply(&close, *at);
            }
            let mut sealed = self.boxes.remove(poll).unwrap_or_default();
            sealed.sort_by_key(|b| b.tracker);
            if !sealed.is_empty() {
                let seal = now(Command::SealBallots(SealBallots {
                    poll: poll.clone(),
                    ballots: sealed,
                }));
                self.apply(&seal, *at);
            }
            let count = now(Command::CountPoll(CountPoll {
                poll: poll.clone(),
                lot_seed: None,
                youth_age_limit: 35,
            }));
            self.apply(&count, *at);
        }
    }
}

fn iin_of(snapshot: &Snapshot) -> HashMap<i64, Iin> {
    snapshot.members.values().map(|m| (m.id, m.iin)).collect()
}

#[test]
fn the_ladder_alone_has_no_list_commands() {
    let ladder = ladder_commands(Scale::Region, SEED);
    assert!(!ladder.iter().any(|e| matches!(
        e.command,
        Command::SetListRules(SetListRules { .. })
            | Command::DraftList(DraftList { .. })
            | Command::EditList(EditList { .. })
    )));
}

#[test]
fn core_approves_every_list_of_the_region_as_the_demo_expects() {
    let started = Instant::now();
    let plan = primaries_plan(Scale::Region, SEED, TEST_TURNOUT);
    let conferences: ConferencePlan = conference_plan(Scale::Region, SEED, &plan).unwrap();
    let generated = started.elapsed();
    // Same seed, same commands.
    assert_eq!(
        conferences,
        conference_plan(Scale::Region, SEED, &plan).unwrap()
    );
    assert!(
        conferences
            .before_count
            .windows(2)
            .all(|w| w[0].held_at <= w[1].held_at)
    );

    let mut record = Record::new();
    record.all(commands(Scale::Region, SEED));
    record.all(plan.before_vote.clone());
    record.all(plan.station_marks.clone());
    record.cast(&plan.casts.iter().collect::<Vec<_>>());
    record.all(plan.after_close.clone());
    record.count(&plan.count);
    let primaries = started.elapsed();
    record.all(conferences.before_count.clone());
    record.cast(&conferences.casts);
    record.count(&conferences.count);
    record.all(conferences.after_count.clone());
    let applied = started.elapsed();

    let snapshot = &record.snapshot;
    let iins = iin_of(snapshot);
    let lists: BTreeMap<String, _> = snapshot
        .party_lists
        .values()
        .map(|l| (l.target.to_string(), l))
        .collect();
    assert_eq!(lists.len(), 22, "{:?}", lists.keys());
    assert_eq!(snapshot.list_rules.len(), 22);
    let mut names = 0;
    let mut displaced_lists = 0;
    for (target, list) in &lists {
        assert!(
            matches!(list.status, ListStatus::Approved { .. }),
            "{target}: {:?}",
            list.status
        );
        assert!(
            list.violations.is_empty(),
            "{target}: {:?}",
            list.violations
        );
        assert!(
            list.shortfalls.is_empty(),
            "{target}: {:?}",
            list.shortfalls
        );
        let rules = &snapshot.list_rules[&(list.campaign.clone(), list.target.clone())];
        assert!(list.entries.len() >= rules.rules.min_size as usize);
        assert!(list.entries.len() <= rules.rules.max_size as usize);
        names += list.entries.len();
        displaced_lists += usize::from(!list.displacements.is_empty());
        // The demo knew what core would draft.
        let expected = conferences
            .lists
            .lists
            .iter()
            .find(|e| e.target.as_str() == target)
            .unwrap();
        let got: Vec<Iin> = list.entries.iter().map(|e| iins[&e.member]).collect();
        assert_eq!(got, expected.after_withdrawals, "{target}");
        assert_eq!(list.displacements.len(), expected.displacements.len());
    }
    assert!(displaced_lists >= 1, "no list needed a quota displacement");
    // The regional lists were rated by the conferences first.
    let regional = lists["ALM.maslikhat"];
    assert_eq!(regional.entries.len(), 37 + 12);
    assert!(regional.entries[0].rating.conference_votes.is_some());
    assert_eq!(lists["ALM.mazhilis"].entries.len(), 4 + 2);
    assert!(
        lists["ALM.mazhilis"].entries[0]
            .rating
            .conference_votes
            .is_some()
    );
    assert!(
        conferences
            .count
            .iter()
            .any(|(poll, _)| poll.as_str() == "rating-ALM-mazhilis")
    );
    // One edit, and two withdrawals each replaced by a candidate who keeps the rules.
    assert_eq!(
        lists
            .values()
            .filter(|l| l.revision == 2 && l.removed.is_empty())
            .count(),
        1
    );
    assert_eq!(conferences.lists.withdrawals.len(), 2);
    for w in &conferences.lists.withdrawals {
        let list = lists[w.target.as_str()];
        let leaving = snapshot.members[&w.leaving].id;
        assert!(list.removed.contains(&leaving), "{}", w.target);
        assert!(!list.members().any(|m| m == leaving));
        let replacement = w.replacement.expect("someone takes the place");
        assert_eq!(iins[&list.entries[w.place - 1].member], replacement);
    }
    assert_eq!(
        conferences
            .lists
            .withdrawals
            .iter()
            .map(|w| w.cause)
            .collect::<Vec<_>>(),
        [ListRemoval::Withdrew, ListRemoval::Disqualified]
    );
    println!(
        "{} lists, {names} names, {displaced_lists} with displacements ({} in all); generated in {:.1} s, primaries in memory {:.1} s, conferences and lists {:.1} s",
        lists.len(),
        lists.values().map(|l| l.displacements.len()).sum::<usize>(),
        generated.as_secs_f64(),
        (primaries - generated).as_secs_f64(),
        (applied - primaries).as_secs_f64()
    );
}

fn pending(env: &Envelope) -> Pending {
    Pending::new(env.clone(), env.held_at.as_millisecond() + 60_000)
}

async fn store_apply(store: &Store, envelopes: &[Envelope], what: &str) {
    let mut batch = store.begin().await.unwrap();
    for (c, chunk) in envelopes.chunks(5000).enumerate() {
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

/// Casts in time order; a batch ends before the first close of its polls (`closes`).
/// The whole demo after the registry through a real store on SQLite, in the CLI's order.
#[tokio::test(flavor = "multi_thread")]
async fn the_store_approves_every_list_of_the_region_and_verifies() {
    let started = Instant::now();
    let plan = primaries_plan(Scale::Region, SEED, TEST_TURNOUT);
    let conferences = conference_plan(Scale::Region, SEED, &plan).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lists.db");
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    let registry: Vec<Envelope> = commands(Scale::Region, SEED).collect();
    store_apply(&store, &registry, "registry").await;
    store_apply(&store, &plan.before_vote, "primaries").await;
    store_apply(&store, &plan.station_marks, "stations").await;
    store_cast(
        &store,
        &plan.casts.iter().collect::<Vec<_>>(),
        &HashMap::new(),
    )
    .await;
    store_apply(&store, &plan.after_close, "primaries close").await;
    store_count(&store, &plan.count).await;

    store_apply(&store, &conferences.before_count, "before the rating count").await;
    let closes: HashMap<&Code, Timestamp> = conferences
        .count
        .iter()
        .map(|(poll, at)| (poll, *at - SignedDuration::from_mins(1)))
        .collect();
    store_cast(&store, &conferences.casts, &closes).await;
    store_count(&store, &conferences.count).await;
    store_apply(&store, &conferences.after_count, "after the rating count").await;

    let snapshot = store.read_snapshot().await.unwrap();
    // A member's id is the journal entry that registered them (the snapshot holds no members);
    // a new database's first entry is `adopt_rules`, so the registry starts at entry 2.
    let iins: HashMap<i64, Iin> = registry
        .iter()
        .enumerate()
        .filter_map(|(i, env)| match &env.command {
            Command::RegisterMember(RegisterMember { iin, .. }) => Some((i as i64 + 2, *iin)),
            _ => None,
        })
        .collect();
    assert_eq!(snapshot.party_lists.len(), 22);
    for list in snapshot.party_lists.values() {
        assert!(
            matches!(list.status, ListStatus::Approved { .. }),
            "{}",
            list.target
        );
        assert!(list.violations.is_empty(), "{}", list.target);
        let expected = conferences
            .lists
            .lists
            .iter()
            .find(|e| e.target == list.target)
            .unwrap();
        let got: Vec<Iin> = list.entries.iter().map(|e| iins[&e.member]).collect();
        assert_eq!(got, expected.after_withdrawals, "{}", list.target);
    }
    store.verify(&[]).await.unwrap();
    println!(
        "through the store in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
