//! The ballot box: casting in shuffled batches through one writer, receipts, checkpoints, sealing and the count.

use crate::error::{Doing, StoreError};
use crate::load;
use crate::polls;
use crate::sql::{self, Bind};
use crate::{Pending, Store};
use jiff::Timestamp;
use mandat_core::ballot::{
    self, BallotContent, Checkpoint, Hash32, Publication, Receipt, ServerKey,
};
use mandat_core::ballot::{BallotProblem, NotAdmitted};
use mandat_core::command::{ClosePoll, CountPoll, PublishCheckpoint, RecordBallots, SealBallots};
use mandat_core::decide::{RuleError, Term};
use mandat_core::poll::{Marked, PollStatus};
use mandat_core::state::PollDetail;
use mandat_core::{Code, Command, Envelope, Iin};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Who records ballot batches, checkpoints and scheduled actions in the journal.
pub const BALLOT_BOX_ACTOR: &str = "ballot-box";
/// Sealed ballots per journal entry at the close.
const SEAL_CHUNK: usize = 2000;

/// One voter's ballot as it reaches the box (the voter is identified by whoever signed them in).
#[derive(Clone, Debug)]
pub struct Cast {
    pub poll: Code,
    pub voter: Iin,
    pub content: BallotContent,
    /// The voter's device's nonce; `None` for a browser without JavaScript.
    pub device_nonce: Option<Vec<u8>>,
    /// The client's idempotency key (at least 128 random bits): a retry by the same voter with
    /// the same key and ballot gets the same receipt.
    pub request_key: String,
}

/// The answer to one cast. "Already voted" says nothing about the earlier ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CastAnswer {
    Accepted(Receipt),
    AlreadyVoted,
    NotOnRoll,
    /// The poll does not take ballots now (no such poll, not open, or its record refused the batch).
    PollNotOpen(RuleError),
    Invalid(BallotProblem),
    /// The box reached no decision on this ballot and recorded nothing: try again.
    Undecided,
}

fn random32() -> Result<[u8; 32], StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Corrupt(format!("no randomness from the system: {e}")))?;
    Ok(bytes)
}

/// Fisher–Yates with the system's randomness: the order rows reach the box says nothing.
fn shuffle<T>(items: &mut [T]) -> Result<(), StoreError> {
    let mut i = items.len();
    while i > 1 {
        let bytes = random32()?;
        let r = u64::from_le_bytes([
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
        ]);
        let j = (r % i as u64) as usize;
        i -= 1;
        items.swap(i, j);
    }
    Ok(())
}

struct Accepted {
    index: usize,
    voter: Iin,
    tracker: Hash32,
    content: BallotContent,
    opening: Hash32,
    request_hash: Hash32,
    server_only: bool,
    leaf: Hash32,
}

/// The leaves of one poll's ballots that are in the box but not yet committed to the journal,
/// as this node's writer knows them (rebuilt from the database when in doubt).
#[derive(Clone, Debug, Default)]
pub(crate) struct HeldBack {
    /// The leaves the journal had committed when this was last checked, sorted.
    committed: Vec<Hash32>,
    leaves: Vec<Hash32>,
}

/// Per poll: the latest checkpoint's root and the sorted leaves under it.
pub(crate) type CheckpointTrees = HashMap<Code, (Hash32, Arc<Vec<Hash32>>)>;

/// What a check of a live ballot box against the journal found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoxAudit {
    pub poll: Code,
    /// Members marked as having voted online.
    pub voters: u64,
    /// Ballots in the box.
    pub ballots: u64,
    /// Leaves committed to the journal (the rest are held back).
    pub committed: u64,
    /// What does not match, in words; empty when the box agrees with the journal.
    pub problems: Vec<String>,
}

/// Where a receipt's ballot stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptStanding {
    /// No ballot in the box has this tracker and ballot hash.
    NotFound,
    /// In the box, its leaf held back until its group is committed.
    HeldBack,
    /// Committed: in the latest checkpoint, with the inclusion proof of its leaf.
    Committed {
        checkpoint: Checkpoint,
        index: usize,
        size: usize,
        proof: Vec<Hash32>,
    },
}

impl Store {
    /// Casts a batch of ballots in one transaction: checks each, then writes the roll marks and
    /// the journal entry of who voted (sorted), the ballots (shuffled), and — when enough
    /// leaves are held back (the store's [`Publication`]) — a group of leaves with a signed checkpoint, and
    /// commits. An `Accepted` answer means the ballot is durable.
    pub async fn cast_batch(
        &self,
        casts: Vec<Cast>,
        key: &ServerKey,
        now: Timestamp,
    ) -> Result<Vec<CastAnswer>, StoreError> {
        Ok(self
            .decide_batch(casts, key, now)
            .await?
            .into_iter()
            .map(|answer| answer.signed(key))
            .collect())
    }

    /// [`Store::cast_batch`] for a caller that hands out no receipts (the demo's generated
    /// ballots): the same checks, writes and checkpoints, with `None` for an accepted ballot
    /// and its receipt never signed (signing was a tenth of the national demo's casting).
    pub async fn cast_batch_without_receipts(
        &self,
        casts: Vec<Cast>,
        key: &ServerKey,
        now: Timestamp,
    ) -> Result<Vec<Option<CastAnswer>>, StoreError> {
        Ok(self
            .decide_batch(casts, key, now)
            .await?
            .into_iter()
            .map(|answer| match answer {
                Decided::Accepted(_) => None,
                Decided::Done(answer) => Some(answer),
            })
            .collect())
    }

    /// [`Store::cast_batch`] with the receipts left to sign: the box's writer is one task, and
    /// signing is the largest part of its work per ballot that needs nothing from the database.
    async fn decide_batch(
        &self,
        casts: Vec<Cast>,
        key: &ServerKey,
        now: Timestamp,
    ) -> Result<Vec<Decided>, StoreError> {
        let publication = self.publication;
        let mut by_poll: HashMap<Code, Vec<usize>> = HashMap::new();
        for (i, c) in casts.iter().enumerate() {
            by_poll.entry(c.poll.clone()).or_default().push(i);
        }
        // Taken out while the batch runs and put back only after it commits: a batch that fails
        // leaves nothing behind that the box does not hold.
        let mut held: HashMap<Code, HeldBack> = {
            let mut map = self.held_back.lock().unwrap_or_else(|e| e.into_inner());
            by_poll
                .keys()
                .filter_map(|p| map.remove(p).map(|h| (p.clone(), h)))
                .collect()
        };
        let mut answers: Vec<Option<Decided>> = vec![None; casts.len()];
        let mut batch = self.begin_light().await?;
        let mut written = Vec::new();
        for (poll_code, indexes) in by_poll {
            // Each poll's entry clears the batch's loaded members and rolls: load per poll.
            let iins: Vec<Iin> = indexes.iter().map(|&i| casts[i].voter).collect();
            let needs = load::PollNeeds {
                polls: vec![poll_code.clone()],
                iins: iins.clone(),
                with_box: false,
                with_counts: false,
            };
            batch.load_for_casts(&iins, &needs).await?;
            let snapshot = batch.snapshot();
            let Some(poll) = snapshot.polls.get(&poll_code).cloned() else {
                for i in indexes {
                    answers[i] = Some(Decided::Done(CastAnswer::PollNotOpen(RuleError::NoPoll {
                        poll: poll_code.clone(),
                    })));
                }
                continue;
            };
            let mut accepted: Vec<Accepted> = Vec::new();
            for i in indexes {
                let cast = &casts[i];
                let request_hash = ballot::request_hash(&poll_code, &cast.voter, &cast.request_key);
                let snapshot = batch.snapshot();
                let earlier = accepted.iter().find(|a| a.voter == cast.voter);
                // A voter accepted earlier in this batch (a double tap) is marked online by it.
                let marked = if earlier.is_some() {
                    Some(Marked::Online)
                } else {
                    snapshot
                        .member(&cast.voter)
                        .and_then(|m| snapshot.poll_details.get(&poll_code)?.roll.get(&m.id))
                        .map(|e| e.marked.clone())
                };
                match ballot::admit(&poll, now, marked.as_ref(), &cast.content) {
                    Ok(()) => {}
                    Err(NotAdmitted::NotOnRoll) => {
                        answers[i] = Some(Decided::Done(CastAnswer::NotOnRoll));
                        continue;
                    }
                    Err(NotAdmitted::AlreadyVoted { online: true }) => {
                        // A retry by this voter, with the key and ballot they sent: the receipt
                        // as issued. Anything else is "already voted", whatever the key.
                        let already = Decided::Done(CastAnswer::AlreadyVoted);
                        answers[i] = Some(match earlier {
                            Some(earlier) => {
                                if earlier.request_hash == request_hash
                                    && earlier.content == cast.content
                                {
                                    answers[earlier.index].clone().unwrap_or(already)
                                } else {
                                    already
                                }
                            }
                            None => match batch.ballot_by_request(&poll_code, &request_hash).await?
                            {
                                Some((found, server_only)) if found.content == cast.content => {
                                    Decided::Accepted(ToSign::of(&poll_code, &found, server_only))
                                }
                                _ => already,
                            },
                        });
                        continue;
                    }
                    Err(NotAdmitted::AlreadyVoted { online: false }) => {
                        answers[i] = Some(Decided::Done(CastAnswer::AlreadyVoted));
                        continue;
                    }
                    Err(NotAdmitted::NotOpen {
                        poll,
                        status,
                        opens_at,
                        closes_at,
                    }) => {
                        answers[i] = Some(Decided::Done(CastAnswer::PollNotOpen(
                            RuleError::PollNotTakingBallots {
                                poll,
                                status: Term::new("poll_status", status),
                                opens_at: opens_at.to_string(),
                                closes_at: closes_at.to_string(),
                            },
                        )));
                        continue;
                    }
                    Err(NotAdmitted::Invalid(problem)) => {
                        answers[i] = Some(Decided::Done(CastAnswer::Invalid(problem)));
                        continue;
                    }
                }
                let server_nonce = random32()?;
                let tracker =
                    ballot::tracker(&poll_code, cast.device_nonce.as_deref(), &server_nonce);
                let opening = Hash32(random32()?);
                let hash = ballot::ballot_hash(&poll_code, &tracker, &cast.content, &opening);
                let server_only = cast.device_nonce.is_none();
                answers[i] = Some(Decided::Accepted(ToSign {
                    poll: poll_code.clone(),
                    tracker,
                    hash,
                    opening,
                    server_only,
                }));
                accepted.push(Accepted {
                    index: i,
                    voter: cast.voter,
                    tracker,
                    content: cast.content.clone(),
                    opening,
                    request_hash,
                    server_only,
                    leaf: ballot::leaf(&tracker, &hash),
                });
            }
            if accepted.is_empty() {
                continue;
            }
            let mut voters: Vec<Iin> = accepted.iter().map(|a| a.voter).collect();
            voters.sort();
            let envelope = Envelope {
                actor: BALLOT_BOX_ACTOR.into(),
                held_at: now,
                command: Command::RecordBallots(RecordBallots {
                    poll: poll_code.clone(),
                    voters,
                    leaves: Vec::new(),
                }),
            };
            let mut results = batch
                .push_chunk(vec![Pending::from_ballot_box(
                    envelope,
                    now.as_millisecond(),
                )])
                .await?;
            if let Some(Err(refused)) = results.pop() {
                // Admission above is the rule `record_ballots` applies again (`ballot::roll_admits`);
                // a refusal here means the record moved under us.
                for a in &accepted {
                    answers[a.index] =
                        Some(Decided::Done(CastAnswer::PollNotOpen(refused.clone())));
                }
                continue;
            }
            let mut pending = match held.remove(&poll_code) {
                Some(h) => h,
                None => batch.held_back_from_box(&poll_code).await?,
            };
            pending.leaves.extend(accepted.iter().map(|a| a.leaf));
            shuffle(&mut accepted)?;
            batch.insert_ballots(&poll_code, &accepted).await?;
            let (pending, refused) = batch
                .commit_group(&poll_code, pending, key, &publication, now, false)
                .await?;
            if let Some(refused) = refused {
                // The ballots are stored; their leaves stay held back, and the audit says more.
                tracing::error!(poll = %poll_code, %refused, "ALARM: the ballot box does not match the journal; its leaves stay held back");
            }
            held.insert(poll_code.clone(), pending);
            written.push(poll_code);
        }
        batch.commit().await?;
        let mut map = self.held_back.lock().unwrap_or_else(|e| e.into_inner());
        map.extend(held);
        Ok(answers
            .into_iter()
            .map(|a| a.unwrap_or(Decided::Done(CastAnswer::Undecided)))
            .collect())
    }

    /// Whether a member is on a poll's roll and whether they are marked as having voted (never how).
    pub async fn voter_status(
        &self,
        poll: &Code,
        voter: &Iin,
    ) -> Result<Option<Marked>, StoreError> {
        let row = sqlx::query(
            "SELECT r.marked FROM poll_roll r JOIN members m ON m.id = r.member WHERE r.poll = $1 AND m.iin = $2",
        )
        .bind(poll.to_string())
        .bind(voter.to_string())
        .fetch_optional(&self.pool)
        .await
        .doing("reading the voter roll")?;
        match row {
            None => Ok(None),
            Some(row) => Ok(Marked::parse(&sql::text(&row, "marked")?)),
        }
    }

    /// Checks a poll's box against the journal in one consistent read (a batch committing
    /// meanwhile cannot make it disagree): every committed leaf is a ballot in the box, and the
    /// box holds as many ballots as voters marked online. Problems are an ALARM: stop the poll.
    pub async fn audit_box(&self, poll: &Code) -> Result<BoxAudit, StoreError> {
        let mut tx = self.pool.begin().await.doing("starting a read")?;
        if self.backend == crate::Backend::Postgres {
            // One snapshot for every statement below (SQLite's read transaction already is one).
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                .execute(&mut *tx)
                .await
                .doing("starting a consistent read")?;
        }
        let held = box_leaves_in(&mut tx, poll).await?;
        let committed = committed_leaves_in(&mut tx, poll).await?;
        let voters = marked_online_in(&mut tx, poll).await?;
        tx.rollback().await.doing("ending a read")?;
        let held_set: BTreeSet<Hash32> = held.iter().copied().collect();
        let mut problems = Vec::new();
        let missing = committed.difference(&held_set).count();
        if missing > 0 {
            problems.push(format!(
                "{missing} ballots committed to the journal are not in the box as committed (removed or altered)"
            ));
        }
        if held.len() as u64 != voters {
            problems.push(format!(
                "the box holds {} ballots but {voters} voters are marked online",
                held.len()
            ));
        }
        Ok(BoxAudit {
            poll: poll.clone(),
            voters,
            ballots: held.len() as u64,
            committed: committed.len() as u64,
            problems,
        })
    }

    /// Where a receipt's ballot stands: not in the box, held back, or committed (with its proof
    /// against the latest checkpoint).
    pub async fn receipt_standing(
        &self,
        poll: &Code,
        tracker: &Hash32,
        ballot_hash: &Hash32,
    ) -> Result<ReceiptStanding, StoreError> {
        let row = sqlx::query(
            "SELECT tracker, content, opening FROM ballot_box WHERE poll = $1 AND tracker = $2",
        )
        .bind(poll.to_string())
        .bind(tracker.to_hex())
        .fetch_optional(&self.pool)
        .await
        .doing("looking up a receipt")?;
        let Some(row) = row else {
            return Ok(ReceiptStanding::NotFound);
        };
        let b = polls::ballot_from(poll, &row)?;
        if ballot::ballot_hash(poll, &b.tracker, &b.content, &b.opening) != *ballot_hash {
            return Ok(ReceiptStanding::NotFound);
        }
        let leaf = ballot::leaf(tracker, ballot_hash);
        let Some(checkpoint) = self.checkpoints(poll).await?.into_iter().last() else {
            return Ok(ReceiptStanding::HeldBack);
        };
        let tree = self.checkpoint_tree(poll, &checkpoint).await?;
        match tree
            .as_deref()
            .map(|leaves| (leaves, leaves.binary_search(&leaf)))
        {
            Some((leaves, Ok(index))) => Ok(ReceiptStanding::Committed {
                proof: ballot::inclusion_proof(leaves, index).unwrap_or_default(),
                checkpoint,
                index,
                size: leaves.len(),
            }),
            // Not under the latest root yet (or an older journal's checkpoint that does not
            // cover every committed leaf): in the box, waiting for its group.
            _ => Ok(ReceiptStanding::HeldBack),
        }
    }

    /// The sorted leaves under a checkpoint's root, read once per checkpoint and kept: receipt
    /// checks are public, and each would otherwise read and hash the whole committed box.
    /// `None` when the committed leaves do not make that root.
    async fn checkpoint_tree(
        &self,
        poll: &Code,
        checkpoint: &Checkpoint,
    ) -> Result<Option<Arc<Vec<Hash32>>>, StoreError> {
        if let Some((root, leaves)) = self
            .checkpoint_trees
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(poll)
            && *root == checkpoint.root
        {
            return Ok(Some(leaves.clone()));
        }
        let mut conn = self.pool.acquire().await.doing("checking a receipt")?;
        let committed: Vec<Hash32> = committed_leaves_in(&mut conn, poll)
            .await?
            .into_iter()
            .collect();
        if ballot::merkle_root(&committed) != checkpoint.root {
            return Ok(None);
        }
        let leaves = Arc::new(committed);
        self.checkpoint_trees
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(poll.clone(), (checkpoint.root, leaves.clone()));
        Ok(Some(leaves))
    }

    /// Closes (if open), commits the last held-back leaves with the final signed checkpoint,
    /// seals the box into the journal in tracker order and counts, in one transaction: all of it
    /// or none of it.
    #[allow(clippy::too_many_arguments)]
    pub async fn close_and_count(
        &self,
        poll: &Code,
        actor: &str,
        now: Timestamp,
        reason: &str,
        lot_seed: Option<String>,
        youth_age_limit: u16,
        key: &ServerKey,
    ) -> Result<Result<crate::Receipt, mandat_core::RuleError>, StoreError> {
        let kept = self
            .held_back
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(poll);
        let mut batch = self.begin().await?;
        let status = batch.snapshot().polls.get(poll).map(|p| p.status);
        let mut last = None;
        if matches!(status, Some(PollStatus::Open | PollStatus::Paused)) {
            let close = Envelope {
                actor: actor.to_string(),
                held_at: now,
                command: Command::ClosePoll(ClosePoll {
                    poll: poll.clone(),
                    reason: reason.to_string(),
                }),
            };
            match batch
                .push_chunk(vec![Pending::new(close, now.as_millisecond())])
                .await?
                .pop()
            {
                Some(Ok(receipt)) => last = Some(receipt),
                Some(Err(refused)) => {
                    batch.rollback().await?;
                    return Ok(Err(refused));
                }
                None => {}
            }
        }
        if matches!(
            status,
            Some(PollStatus::Open | PollStatus::Paused | PollStatus::Closed)
        ) {
            let pending = batch.held_back_at_close(poll, kept).await?;
            // The final checkpoint signs the sealed box: without it, nothing is sealed or counted.
            if let (_, Some(refused)) = batch
                .commit_group(poll, pending, key, &Publication::default(), now, true)
                .await?
            {
                batch.rollback().await?;
                return Ok(Err(mandat_core::RuleError::FinalCheckpointRefused {
                    poll: poll.clone(),
                    refusal: Box::new(refused),
                }));
            }
        }
        let mut commands = Vec::new();
        let live = batch.live_ballots(poll).await?;
        for chunk in live.chunks(SEAL_CHUNK) {
            commands.push(Command::SealBallots(SealBallots {
                poll: poll.clone(),
                ballots: chunk.to_vec(),
            }));
        }
        commands.push(Command::CountPoll(CountPoll {
            poll: poll.clone(),
            lot_seed,
            youth_age_limit,
        }));
        // One chunk: the box's leaves and sealed ballots are loaded once, not once per seal.
        let pending: Vec<Pending> = commands
            .into_iter()
            .map(|command| {
                // The box seals itself; the people count.
                let from_box = command.ballot_box_only();
                let envelope = Envelope {
                    actor: if from_box { BALLOT_BOX_ACTOR } else { actor }.to_string(),
                    held_at: now,
                    command,
                };
                if from_box {
                    Pending::from_ballot_box(envelope, now.as_millisecond())
                } else {
                    Pending::new(envelope, now.as_millisecond())
                }
            })
            .collect();
        for result in batch.push_chunk(pending).await? {
            match result {
                Ok(receipt) => last = Some(receipt),
                Err(refused) => {
                    batch.rollback().await?;
                    return Ok(Err(refused));
                }
            }
        }
        batch.commit().await?;
        // The live rows were written batch by batch: on SQLite the WAL holds pages in that order
        // (fold it into the database and empty it); on PostgreSQL their dead tuples carry each
        // batch's transaction id (let VACUUM reclaim them).
        let (statement, what) = match self.backend {
            crate::Backend::Sqlite => ("PRAGMA wal_checkpoint(TRUNCATE)", "truncated"),
            crate::Backend::Postgres => ("VACUUM ballot_box", "vacuumed"),
        };
        if let Err(e) = sqlx::raw_sql(statement).execute(&self.pool).await {
            tracing::warn!(error = %e, "the ballot box could not be {what} after the seal; run `{statement}` by hand");
        }
        last.map(Ok)
            .ok_or_else(|| StoreError::Corrupt("nothing was recorded".into()))
    }
}

/// What the box decided on one cast, before any receipt is signed.
#[derive(Clone, Debug)]
enum Decided {
    /// Durable once the batch commits; the receipt is signed by whoever hands it out.
    Accepted(ToSign),
    Done(CastAnswer),
}

impl Decided {
    fn signed(self, key: &ServerKey) -> CastAnswer {
        match self {
            Decided::Accepted(receipt) => CastAnswer::Accepted(receipt.sign(key)),
            Decided::Done(answer) => answer,
        }
    }
}

/// A receipt's content, to be signed off the box's writer.
#[derive(Clone, Debug)]
struct ToSign {
    poll: Code,
    tracker: Hash32,
    hash: Hash32,
    opening: Hash32,
    server_only: bool,
}

impl ToSign {
    fn of(poll: &Code, b: &mandat_core::poll::SealedBallot, server_only: bool) -> ToSign {
        ToSign {
            poll: poll.clone(),
            tracker: b.tracker,
            hash: ballot::ballot_hash(poll, &b.tracker, &b.content, &b.opening),
            opening: b.opening,
            server_only,
        }
    }

    fn sign(self, key: &ServerKey) -> Receipt {
        Receipt::issue(
            key,
            &self.poll,
            self.tracker,
            self.hash,
            self.opening,
            self.server_only,
        )
    }
}

/// The columns a live ballot is written with (the seal rewrites it without the last two).
const LIVE_BOX_COLUMNS: &[&str] = &[
    "poll",
    "tracker",
    "content",
    "opening",
    "request_hash",
    "server_only",
];

/// The leaves of every ballot in a poll's box (live and sealed), sorted.
async fn box_leaves_in(
    conn: &mut sqlx::AnyConnection,
    poll: &Code,
) -> Result<Vec<Hash32>, StoreError> {
    let mut leaves = Vec::new();
    for row in sqlx::query("SELECT tracker, content, opening FROM ballot_box WHERE poll = $1")
        .bind(poll.to_string())
        .fetch_all(&mut *conn)
        .await
        .doing("reading the ballot box")?
    {
        let b = polls::ballot_from(poll, &row)?;
        leaves.push(ballot::leaf(
            &b.tracker,
            &ballot::ballot_hash(poll, &b.tracker, &b.content, &b.opening),
        ));
    }
    Ok(ballot::sorted_leaves(leaves))
}

/// The leaves the journal has committed for a poll.
async fn committed_leaves_in(
    conn: &mut sqlx::AnyConnection,
    poll: &Code,
) -> Result<BTreeSet<Hash32>, StoreError> {
    let key = poll.to_string();
    let mut leaves = BTreeSet::new();
    for row in sqlx::query("SELECT leaf FROM poll_leaves WHERE poll = $1")
        .bind(key.clone())
        .fetch_all(&mut *conn)
        .await
        .doing("reading committed leaves")?
    {
        leaves.insert(polls::hash_of(
            "poll_leaves",
            &key,
            &sql::text(&row, "leaf")?,
        )?);
    }
    Ok(leaves)
}

async fn marked_online_in(conn: &mut sqlx::AnyConnection, poll: &Code) -> Result<u64, StoreError> {
    let row = sqlx::query(
        "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM poll_roll WHERE poll = $1 AND marked = 'online'",
    )
    .bind(poll.to_string())
    .fetch_one(&mut *conn)
    .await
    .doing("counting voters")?;
    Ok(u64::try_from(sql::int(&row, "n")?).unwrap_or(0))
}

impl crate::Batch {
    /// A retried ballot of the voter whose request hash this is, with the flag its receipt signed.
    async fn ballot_by_request(
        &mut self,
        poll: &Code,
        request_hash: &Hash32,
    ) -> Result<Option<(mandat_core::poll::SealedBallot, bool)>, StoreError> {
        // By the request hash alone (it already binds the poll and the voter): with the poll in
        // the condition too, SQLite's planner would walk the poll's whole box by its primary key.
        let row = sqlx::query(
            "SELECT poll, tracker, content, opening, server_only FROM ballot_box WHERE request_hash = $1",
        )
        .bind(request_hash.to_hex())
        .fetch_optional(&mut *self.tx)
        .await
        .doing("looking up a retried ballot")?;
        match row {
            Some(r) if sql::text(&r, "poll")? == poll.as_str() => Ok(Some((
                polls::ballot_from(poll, &r)?,
                sql::int(&r, "server_only")? != 0,
            ))),
            _ => Ok(None),
        }
    }

    /// What the box holds that the journal has not committed, read from the database.
    async fn held_back_from_box(&mut self, poll: &Code) -> Result<HeldBack, StoreError> {
        let committed = committed_leaves_in(&mut self.tx, poll).await?;
        let leaves = box_leaves_in(&mut self.tx, poll)
            .await?
            .into_iter()
            .filter(|l| !committed.contains(l))
            .collect();
        Ok(HeldBack {
            committed: committed.into_iter().collect(),
            leaves,
        })
    }

    /// What the box holds that the journal has not committed, at the close: what this node's
    /// writer kept, when the box and the committed leaves count exactly that many (no other
    /// node wrote or committed since); otherwise read from the database. Reading and hashing
    /// every ballot again was an eighth of the national demo's seal.
    async fn held_back_at_close(
        &mut self,
        poll: &Code,
        kept: Option<HeldBack>,
    ) -> Result<HeldBack, StoreError> {
        let Some(kept) = kept else {
            return self.held_back_from_box(poll).await;
        };
        let row = sqlx::query(
            "SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM ballot_box WHERE poll = $1) AS ballots, \
             (SELECT CAST(COUNT(*) AS BIGINT) FROM poll_leaves WHERE poll = $1) AS committed",
        )
        .bind(poll.to_string())
        .fetch_one(&mut *self.tx)
        .await
        .doing("counting the ballot box")?;
        let ballots = u64::try_from(sql::int(&row, "ballots")?).ok();
        let committed = u64::try_from(sql::int(&row, "committed")?).ok();
        let known = kept.committed.len() as u64;
        if committed == Some(known) && ballots == Some(known + kept.leaves.len() as u64) {
            Ok(kept)
        } else {
            self.held_back_from_box(poll).await
        }
    }

    /// Commits a random group of the held-back leaves with a signed checkpoint when the
    /// publication rule allows (at the close: all of them, and the checkpoint even with none),
    /// and returns what stays held back, with the rules' refusal when the group was refused.
    async fn commit_group(
        &mut self,
        poll: &Code,
        mut held: HeldBack,
        key: &ServerKey,
        publication: &Publication,
        now: Timestamp,
        closing: bool,
    ) -> Result<(HeldBack, Option<mandat_core::RuleError>), StoreError> {
        let to_commit = |held: &HeldBack| {
            publication.to_commit(
                held.leaves.len() as u64,
                held.committed.len() as u64,
                closing,
            ) as usize
        };
        if to_commit(&held) == 0 && !closing {
            return Ok((held, None));
        }
        let started = std::time::Instant::now();
        let row =
            sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM poll_leaves WHERE poll = $1")
                .bind(poll.to_string())
                .fetch_one(&mut *self.tx)
                .await
                .doing("counting committed leaves")?;
        if u64::try_from(sql::int(&row, "n")?).ok() != Some(held.committed.len() as u64) {
            // Another writer (a node, or the close) committed meanwhile: start again from the box.
            held = self.held_back_from_box(poll).await?;
        }
        let n = to_commit(&held);
        if n == 0 && !closing {
            return Ok((held, None));
        }
        let last = sqlx::query("SELECT MAX(at) AS at FROM poll_checkpoints WHERE poll = $1")
            .bind(poll.to_string())
            .fetch_one(&mut *self.tx)
            .await
            .doing("reading the latest checkpoint")?;
        let time = |ms: i64| {
            Timestamp::from_millisecond(ms)
                .map_err(|e| StoreError::Corrupt(format!("checkpoint time {ms}: {e}")))
        };
        let last_checkpoint = crate::meetings::opt_int_of(&last, "at")?
            .map(time)
            .transpose()?;
        let at = match last_checkpoint {
            // Checkpoints are strictly ordered in time; two in one millisecond move the second on.
            Some(last) if last >= now => time(last.as_millisecond() + 1)?,
            _ => now,
        };
        shuffle(&mut held.leaves)?;
        let keep = held.leaves.split_off(n);
        let group = ballot::sorted_leaves(held.leaves.iter().copied());
        let all = ballot::sorted_leaves(held.committed.iter().chain(group.iter()).copied());
        let voters = marked_online_in(&mut self.tx, poll).await?;
        let checkpoint = Checkpoint::sign(
            key,
            poll.clone(),
            at,
            voters,
            all.len() as u64,
            ballot::merkle_root(&all),
        );
        let envelope = Envelope {
            actor: BALLOT_BOX_ACTOR.into(),
            held_at: at,
            command: Command::PublishCheckpoint(PublishCheckpoint {
                checkpoint,
                leaves: group.clone(),
            }),
        };
        // What the rules check the checkpoint against is what this writer holds, counted
        // against the table above in this transaction: reading every committed leaf back made
        // each checkpoint of a large box take a second.
        let known = PollDetail {
            leaves: Some(held.committed.iter().copied().collect()),
            last_checkpoint,
            marked_online: voters,
            ..PollDetail::default()
        };
        let decided = self
            .push_box_entry(
                Pending::from_ballot_box(envelope, at.as_millisecond()),
                poll,
                known,
            )
            .await?
            .pop();
        tracing::debug!(
            %poll,
            leaves = all.len(),
            group = group.len(),
            elapsed_ms = started.elapsed().as_secs_f64() * 1e3,
            "a checkpoint"
        );
        match decided {
            Some(Ok(_)) => Ok((
                HeldBack {
                    committed: all,
                    leaves: keep,
                },
                None,
            )),
            Some(Err(refused)) => {
                let mut leaves = keep;
                leaves.extend(group);
                Ok((
                    HeldBack {
                        committed: held.committed,
                        leaves,
                    },
                    Some(refused),
                ))
            }
            None => Err(StoreError::Corrupt("a checkpoint got no answer".into())),
        }
    }

    /// The unsealed ballots of a poll, in tracker order.
    async fn live_ballots(
        &mut self,
        poll: &Code,
    ) -> Result<Vec<mandat_core::poll::SealedBallot>, StoreError> {
        let rows = sqlx::query(
            "SELECT tracker, content, opening FROM ballot_box WHERE poll = $1 AND request_hash <> '' ORDER BY tracker",
        )
        .bind(poll.to_string())
        .fetch_all(&mut *self.tx)
        .await
        .doing("reading the live ballot box")?;
        rows.iter().map(|r| polls::ballot_from(poll, r)).collect()
    }

    async fn insert_ballots(
        &mut self,
        poll: &Code,
        accepted: &[Accepted],
    ) -> Result<(), StoreError> {
        for chunk in accepted.chunks(400) {
            let mut values = Vec::new();
            for a in chunk {
                values.extend([
                    Bind::Text(poll.to_string()),
                    Bind::Text(a.tracker.to_hex()),
                    Bind::Text(a.content.canonical_json()),
                    Bind::Text(a.opening.to_hex()),
                    Bind::Text(a.request_hash.to_hex()),
                    Bind::Int(i64::from(a.server_only)),
                ]);
            }
            let statement = sql::insert_many(
                self.backend,
                "ballot_box",
                LIVE_BOX_COLUMNS,
                chunk.len(),
                None,
            );
            sql::execute(&mut self.tx, statement, values, "writing ballots").await?;
        }
        Ok(())
    }
}

/// A request waiting in the queue for its batch.
type Waiting = (Cast, oneshot::Sender<Result<Decided, String>>);

/// Group commit for ballots: casts wait until at least `min_batch` are queued or `max_wait` has
/// passed since the first, then go to the box together, shuffled, in one transaction.
#[derive(Clone)]
pub struct BallotQueue {
    sender: mpsc::Sender<Waiting>,
    key: Arc<ServerKey>,
}

impl BallotQueue {
    pub fn start(
        store: Store,
        key: Arc<ServerKey>,
        min_batch: usize,
        max_wait: Duration,
    ) -> BallotQueue {
        let (sender, mut receiver) = mpsc::channel::<Waiting>(min_batch.max(1) * 64);
        let queue = BallotQueue {
            sender,
            key: key.clone(),
        };
        tokio::spawn(async move {
            while let Some(first) = receiver.recv().await {
                let mut waiting = vec![first];
                let deadline = tokio::time::Instant::now() + max_wait;
                while waiting.len() < min_batch.max(1) {
                    match tokio::time::timeout_at(deadline, receiver.recv()).await {
                        Ok(Some(next)) => waiting.push(next),
                        Ok(None) | Err(_) => break,
                    }
                }
                // Whatever else is already queued goes in the same batch.
                while let Ok(next) = receiver.try_recv() {
                    waiting.push(next);
                    if waiting.len() >= 5000 {
                        break;
                    }
                }
                let (casts, replies): (Vec<Cast>, Vec<_>) = waiting.into_iter().unzip();
                let started = std::time::Instant::now();
                let size = casts.len();
                let decided = store.decide_batch(casts, &key, Timestamp::now()).await;
                tracing::debug!(
                    size,
                    elapsed_ms = started.elapsed().as_secs_f64() * 1e3,
                    "a ballot batch"
                );
                match decided {
                    Ok(answers) => {
                        for (reply, answer) in replies.into_iter().zip(answers) {
                            let _ = reply.send(Ok(answer));
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "a ballot batch could not be stored");
                        for reply in replies {
                            let _ = reply.send(Err("the ballot box could not store the batch; nothing was recorded: try again".into()));
                        }
                    }
                }
            }
        });
        queue
    }

    /// Queues a cast and waits for its batch to commit; signs the receipt here, in the
    /// caller's task, so that the writer goes on to the next batch.
    pub async fn cast(&self, cast: Cast) -> Result<CastAnswer, String> {
        let (reply, answer) = oneshot::channel();
        self.sender
            .send((cast, reply))
            .await
            .map_err(|_| "the ballot box is shutting down: try again".to_string())?;
        let decided = answer
            .await
            .map_err(|_| "the ballot box stopped before answering: try again".to_string())??;
        Ok(decided.signed(&self.key))
    }
}
