//! The ballot box: casting in shuffled batches through one writer, receipts, checkpoints, sealing and the count.

use crate::error::{Doing, StoreError};
use crate::load;
use crate::polls::{self, BOX_COLUMNS};
use crate::sql::{self, Bind};
use crate::{Pending, Store};
use jiff::Timestamp;
use mandat_core::ballot::{self, BallotContent, Checkpoint, Hash32, Receipt, ServerKey};
use mandat_core::poll::{Marked, PollStatus};
use mandat_core::{Code, Command, Envelope, Iin};
use std::collections::HashMap;
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
    /// The client's idempotency key: a retry with the same key gets the same receipt.
    pub request_key: String,
}

/// The answer to one cast. "Already voted" says nothing about the earlier ballot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CastAnswer {
    Accepted(Receipt),
    AlreadyVoted,
    NotOnRoll,
    PollNotOpen(String),
    Invalid(String),
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
    leaf: Hash32,
}

impl Store {
    /// Casts a batch of ballots in one transaction: checks each, then writes the roll marks, the
    /// journal entry (voters and leaves, sorted) and the ballots (shuffled), and commits. An
    /// `Accepted` answer means the ballot is durable.
    pub async fn cast_batch(
        &self,
        casts: Vec<Cast>,
        key: &ServerKey,
        now: Timestamp,
    ) -> Result<Vec<CastAnswer>, StoreError> {
        let mut answers: Vec<Option<CastAnswer>> = vec![None; casts.len()];
        let mut batch = self.begin_light().await?;
        let mut by_poll: HashMap<Code, Vec<usize>> = HashMap::new();
        for (i, c) in casts.iter().enumerate() {
            by_poll.entry(c.poll.clone()).or_default().push(i);
        }
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
                    answers[i] = Some(CastAnswer::PollNotOpen(format!(
                        "poll {poll_code} does not exist"
                    )));
                }
                continue;
            };
            let open =
                poll.status == PollStatus::Open && now >= poll.opens_at && now < poll.closes_at;
            let codes = poll.option_codes();
            let mut accepted: Vec<Accepted> = Vec::new();
            let mut request_seen: HashMap<Hash32, usize> = HashMap::new();
            for i in indexes {
                let cast = &casts[i];
                let request_hash = ballot::request_hash(&poll_code, &cast.request_key);
                // A retry: the same receipt, nothing stored.
                if let Some(found) = batch.ballot_by_request(&poll_code, &request_hash).await? {
                    answers[i] = Some(if found.content == cast.content {
                        CastAnswer::Accepted(receipt_for(
                            key,
                            &poll_code,
                            &found,
                            cast.device_nonce.is_none(),
                        ))
                    } else {
                        CastAnswer::Invalid(
                            "this request key was already used for another ballot: send a new key"
                                .into(),
                        )
                    });
                    continue;
                }
                if let Some(&earlier) = request_seen.get(&request_hash) {
                    answers[i] = Some(match &answers[earlier] {
                        Some(a) => a.clone(),
                        None => CastAnswer::AlreadyVoted,
                    });
                    continue;
                }
                if !open {
                    answers[i] = Some(CastAnswer::PollNotOpen(format!(
                        "poll {poll_code} is {} ({} .. {}): ballots are accepted only while it is open",
                        poll.status.as_str(),
                        poll.opens_at,
                        poll.closes_at
                    )));
                    continue;
                }
                if let Err(problem) = ballot::validate(&cast.content, &codes, poll.method) {
                    answers[i] = Some(CastAnswer::Invalid(problem.to_string()));
                    continue;
                }
                let snapshot = batch.snapshot();
                let entry = snapshot
                    .member(&cast.voter)
                    .and_then(|m| snapshot.poll_details.get(&poll_code)?.roll.get(&m.id));
                match entry.map(|e| &e.marked) {
                    None => {
                        answers[i] = Some(CastAnswer::NotOnRoll);
                        continue;
                    }
                    Some(Marked::NotYet) => {}
                    Some(_) => {
                        answers[i] = Some(CastAnswer::AlreadyVoted);
                        continue;
                    }
                }
                if accepted.iter().any(|a| a.voter == cast.voter) {
                    answers[i] = Some(CastAnswer::AlreadyVoted);
                    continue;
                }
                let server_nonce = random32()?;
                let tracker =
                    ballot::tracker(&poll_code, cast.device_nonce.as_deref(), &server_nonce);
                let opening = Hash32(random32()?);
                let hash = ballot::ballot_hash(&poll_code, &tracker, &cast.content, &opening);
                request_seen.insert(request_hash, i);
                answers[i] = Some(CastAnswer::Accepted(Receipt::issue(
                    key,
                    &poll_code,
                    tracker,
                    hash,
                    opening,
                    cast.device_nonce.is_none(),
                )));
                accepted.push(Accepted {
                    index: i,
                    voter: cast.voter,
                    tracker,
                    content: cast.content.clone(),
                    opening,
                    request_hash,
                    leaf: ballot::leaf(&tracker, &hash),
                });
            }
            if accepted.is_empty() {
                continue;
            }
            let mut voters: Vec<Iin> = accepted.iter().map(|a| a.voter).collect();
            voters.sort();
            let leaves = ballot::sorted_leaves(accepted.iter().map(|a| a.leaf));
            let envelope = Envelope {
                actor: BALLOT_BOX_ACTOR.into(),
                held_at: now,
                command: Command::RecordBallots {
                    poll: poll_code.clone(),
                    voters,
                    leaves,
                },
            };
            let mut results = batch
                .push_chunk(vec![Pending::new(envelope, now.as_millisecond())])
                .await?;
            if let Some(Err(refused)) = results.pop() {
                // The checks above mirror the rule; a refusal here means the record moved under us.
                for a in &accepted {
                    answers[a.index] = Some(CastAnswer::PollNotOpen(refused.to_string()));
                }
                continue;
            }
            shuffle(&mut accepted)?;
            written.push((poll_code, accepted));
        }
        for (poll_code, accepted) in &written {
            batch.insert_ballots(poll_code, accepted).await?;
        }
        batch.commit().await?;
        Ok(answers
            .into_iter()
            .map(|a| a.unwrap_or(CastAnswer::Invalid("not decided".into())))
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

    /// Signs and records a checkpoint of an open poll from the box as it is now. The record
    /// refuses it if the box no longer matches the journal's leaves (a ballot added or removed).
    pub async fn checkpoint(
        &self,
        poll: &Code,
        key: &ServerKey,
        now: Timestamp,
    ) -> Result<Result<Checkpoint, mandat_core::RuleError>, StoreError> {
        let leaves = self.box_leaves(poll).await?;
        let voters = sqlx::query(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM poll_roll WHERE poll = $1 AND marked = 'online'",
        )
        .bind(poll.to_string())
        .fetch_one(&self.pool)
        .await
        .doing("counting voters")?;
        let voters = u64::try_from(sql::int(&voters, "n")?).unwrap_or(0);
        let checkpoint = Checkpoint::sign(
            key,
            poll.clone(),
            now,
            voters,
            leaves.len() as u64,
            ballot::merkle_root(&leaves),
        );
        let envelope = Envelope {
            actor: BALLOT_BOX_ACTOR.into(),
            held_at: now,
            command: Command::PublishCheckpoint {
                checkpoint: checkpoint.clone(),
            },
        };
        let mut batch = self.begin_light().await?;
        let mut results = batch
            .push_chunk(vec![Pending::new(envelope, now.as_millisecond())])
            .await?;
        match results.pop() {
            Some(Ok(_)) => {
                batch.commit().await?;
                Ok(Ok(checkpoint))
            }
            Some(Err(refused)) => {
                batch.rollback().await?;
                Ok(Err(refused))
            }
            None => Err(StoreError::Corrupt("a checkpoint got no answer".into())),
        }
    }

    /// The leaves of the ballots in the box now (live and sealed), sorted.
    pub async fn box_leaves(&self, poll: &Code) -> Result<Vec<Hash32>, StoreError> {
        let mut leaves = Vec::new();
        for row in sqlx::query("SELECT tracker, content, opening FROM ballot_box WHERE poll = $1")
            .bind(poll.to_string())
            .fetch_all(&self.pool)
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

    /// Closes (if open), seals the box into the journal in tracker order and counts, in one
    /// transaction: all of it or none of it.
    pub async fn close_and_count(
        &self,
        poll: &Code,
        actor: &str,
        now: Timestamp,
        reason: &str,
        lot_seed: Option<String>,
        youth_age_limit: u16,
    ) -> Result<Result<crate::Receipt, mandat_core::RuleError>, StoreError> {
        let mut batch = self.begin().await?;
        let status = batch.snapshot().polls.get(poll).map(|p| p.status);
        let mut commands = Vec::new();
        if matches!(status, Some(PollStatus::Open | PollStatus::Paused)) {
            commands.push(Command::ClosePoll {
                poll: poll.clone(),
                reason: reason.to_string(),
            });
        }
        let live = batch.live_ballots(poll).await?;
        for chunk in live.chunks(SEAL_CHUNK) {
            commands.push(Command::SealBallots {
                poll: poll.clone(),
                ballots: chunk.to_vec(),
            });
        }
        commands.push(Command::CountPoll {
            poll: poll.clone(),
            lot_seed,
            youth_age_limit,
        });
        // One chunk: the box's leaves and sealed ballots are loaded once, not once per seal.
        let pending: Vec<Pending> = commands
            .into_iter()
            .map(|command| {
                // The box seals itself; the people close and count.
                let actor = if matches!(command, Command::SealBallots { .. }) {
                    BALLOT_BOX_ACTOR
                } else {
                    actor
                };
                let envelope = Envelope {
                    actor: actor.to_string(),
                    held_at: now,
                    command,
                };
                Pending::new(envelope, now.as_millisecond())
            })
            .collect();
        let mut last = None;
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
        if self.backend == crate::Backend::Sqlite {
            // The WAL holds pages in the order ballots were written: fold it into the database
            // and empty it now that the box is rebuilt in tracker order.
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await
            {
                tracing::warn!(error = %e, "the WAL could not be truncated after the seal; it will be at the next checkpoint");
            }
        }
        last.map(Ok)
            .ok_or_else(|| StoreError::Corrupt("nothing was recorded".into()))
    }
}

fn receipt_for(
    key: &ServerKey,
    poll: &Code,
    b: &mandat_core::poll::SealedBallot,
    server_only: bool,
) -> Receipt {
    let hash = ballot::ballot_hash(poll, &b.tracker, &b.content, &b.opening);
    Receipt::issue(key, poll, b.tracker, hash, b.opening, server_only)
}

impl crate::Batch {
    async fn ballot_by_request(
        &mut self,
        poll: &Code,
        request_hash: &Hash32,
    ) -> Result<Option<mandat_core::poll::SealedBallot>, StoreError> {
        // By the request hash alone (it already binds the poll): with the poll in the condition
        // too, SQLite's planner would walk the poll's whole box by its primary key.
        let row = sqlx::query(
            "SELECT poll, tracker, content, opening FROM ballot_box WHERE request_hash = $1",
        )
        .bind(request_hash.to_hex())
        .fetch_optional(&mut *self.tx)
        .await
        .doing("looking up a retried ballot")?;
        match row {
            Some(r) if sql::text(&r, "poll")? == poll.as_str() => {
                polls::ballot_from(poll, &r).map(Some)
            }
            _ => Ok(None),
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
                ]);
            }
            let statement =
                sql::insert_many(self.backend, "ballot_box", BOX_COLUMNS, chunk.len(), None);
            sql::execute(&mut self.tx, statement, values, "writing ballots").await?;
        }
        Ok(())
    }
}

/// A request waiting in the queue for its batch.
type Waiting = (Cast, oneshot::Sender<Result<CastAnswer, String>>);

/// Group commit for ballots: casts wait until at least `min_batch` are queued or `max_wait` has
/// passed since the first, then go to the box together, shuffled, in one transaction.
#[derive(Clone)]
pub struct BallotQueue {
    sender: mpsc::Sender<Waiting>,
}

impl BallotQueue {
    pub fn start(
        store: Store,
        key: Arc<ServerKey>,
        min_batch: usize,
        max_wait: Duration,
    ) -> BallotQueue {
        let (sender, mut receiver) = mpsc::channel::<Waiting>(min_batch.max(1) * 64);
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
                match store.cast_batch(casts, &key, Timestamp::now()).await {
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
        BallotQueue { sender }
    }

    /// Queues a cast and waits for its batch to commit.
    pub async fn cast(&self, cast: Cast) -> Result<CastAnswer, String> {
        let (reply, answer) = oneshot::channel();
        self.sender
            .send((cast, reply))
            .await
            .map_err(|_| "the ballot box is shutting down: try again".to_string())?;
        answer
            .await
            .map_err(|_| "the ballot box stopped before answering: try again".to_string())?
    }
}
