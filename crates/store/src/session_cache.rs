//! Voters' sessions kept in memory for the ballot's path: read from the database once, dropped at once when this node ends them and within [`ENDS_CHECK`] when another node does, their last use written in batches.
//!
//! Without it every ballot and every page of a signed-in member cost a database round trip for
//! the session, and a member's session older than a minute a write transaction of its own.
//! What other nodes end is read from `session_ends`, whose numbers become visible in commit
//! order (see migration 0016): a node that has read number N has seen every end before it.

use crate::error::{Doing, StoreError};
use crate::{Store, sql};
use jiff::{SignedDuration, Timestamp};
use mandat_core::Iin;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a node trusts its copies without reading which sessions other nodes ended: the most
/// a session signed out on one node lives on in another.
pub const ENDS_CHECK: Duration = Duration::from_secs(1);
/// How long the last uses gathered in memory wait to be written together (the idle expiry is
/// 30 minutes).
const TOUCH_FLUSH: Duration = Duration::from_secs(5);
/// A member's session records its last use at most this often: enough for the idle expiry.
const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(60);
/// Sessions one node keeps (about 200 bytes each); past it the expired ones go, then all.
const KEPT: usize = 250_000;
/// How long ended sessions stay listed for the other nodes. A node that has not read the list
/// for longer than [`FORGET_AFTER`] forgets every copy instead.
const ENDS_KEPT: SignedDuration = SignedDuration::from_hours(24);
const FORGET_AFTER: Duration = Duration::from_secs(3600);
/// Pruning the list runs once per this many ends, not at each.
const PRUNE_EVERY: i64 = 1024;

/// A session as read from the database, with its times.
#[derive(Clone, Debug)]
pub(crate) struct Kept {
    pub member: i64,
    pub iin: Iin,
    pub scope: String,
    pub expires_at: Timestamp,
    pub started_at: Timestamp,
    pub seen_at: Timestamp,
}

impl Kept {
    /// The session as its holder sees it at `now`, if it is live.
    pub(crate) fn live(&self, now: Timestamp) -> Option<crate::Session> {
        if self.expires_at <= now {
            return None;
        }
        let mut expires_at = self.expires_at;
        if self.is_member_session() {
            if !mandat_core::signin::member_session_live(self.started_at, self.seen_at, now) {
                return None;
            }
            expires_at = expires_at.min(now + mandat_core::signin::MEMBER_IDLE);
        }
        Some(crate::Session {
            member: self.member,
            iin: self.iin,
            scope: self.scope.clone(),
            expires_at,
        })
    }

    fn is_member_session(&self) -> bool {
        self.scope == crate::signin::MEMBER_SCOPE
    }
}

#[derive(Default)]
pub(crate) struct SessionCache {
    kept: Mutex<Copies>,
    /// One reader of the ends list at a time; the others wait for what it read.
    ends: tokio::sync::Mutex<EndsRead>,
    /// When the list was last read, looked at without waiting for the reader.
    ends_checked_at: Mutex<Option<Instant>>,
    touches: Mutex<Touches>,
}

#[derive(Default)]
struct Copies {
    by_token: HashMap<String, Kept>,
    /// Raised by every drop: a copy read from the database before a drop is not kept after it.
    drops: u64,
}

#[derive(Default)]
struct EndsRead {
    /// The last number read; `None` before the first read.
    seq: Option<i64>,
    checked_at: Option<Instant>,
}

#[derive(Default)]
struct Touches {
    /// Token hash → last use (Unix milliseconds) not yet written.
    pending: HashMap<String, i64>,
    /// Whether a flush is scheduled: the first use noted after a flush schedules the next.
    scheduled: bool,
}

impl SessionCache {
    /// Copies for a node that has read the ends list up to `seq` as it opened, before it could
    /// keep any copy.
    pub(crate) fn starting_at(seq: i64) -> SessionCache {
        let now = Instant::now();
        SessionCache {
            ends: tokio::sync::Mutex::new(EndsRead {
                seq: Some(seq),
                checked_at: Some(now),
            }),
            ends_checked_at: Mutex::new(Some(now)),
            ..SessionCache::default()
        }
    }

    fn ends_due(&self) -> bool {
        self.ends_checked_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none_or(|at| at.elapsed() >= ENDS_CHECK)
    }

    fn copies(&self) -> std::sync::MutexGuard<'_, Copies> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn touches(&self) -> std::sync::MutexGuard<'_, Touches> {
        self.touches.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The copy of a session and how many drops there have been (for [`SessionCache::keep`]).
    pub(crate) fn get(&self, token_hash: &str) -> (Option<Kept>, u64) {
        let copies = self.copies();
        (copies.by_token.get(token_hash).cloned(), copies.drops)
    }

    /// Keeps a copy read from the database, unless a session was dropped since `drops` was read
    /// (the copy may be of a session ended meanwhile).
    pub(crate) fn keep(&self, token_hash: String, kept: Kept, drops: u64, now: Timestamp) {
        let mut copies = self.copies();
        if copies.drops != drops {
            return;
        }
        copies.make_room(now);
        copies.by_token.insert(token_hash, kept);
    }

    /// Keeps a session this node has just started.
    pub(crate) fn started(&self, token_hash: String, kept: Kept, now: Timestamp) {
        let mut copies = self.copies();
        copies.make_room(now);
        copies.by_token.insert(token_hash, kept);
    }

    pub(crate) fn forget(&self, token_hash: &str) {
        let mut copies = self.copies();
        copies.by_token.remove(token_hash);
        copies.drops += 1;
    }

    /// Drops every copy of these members' sessions.
    pub(crate) fn forget_members(&self, members: &HashSet<i64>) {
        if members.is_empty() {
            return;
        }
        let mut copies = self.copies();
        copies.by_token.retain(|_, k| !members.contains(&k.member));
        copies.drops += 1;
    }

    fn forget_all(&self) {
        let mut copies = self.copies();
        copies.by_token.clear();
        copies.drops += 1;
    }

    /// Notes a use of a member's session at `now`; the copy's last use moves at once, the
    /// database's at the next flush. Answers whether the caller must schedule that flush.
    pub(crate) fn used(&self, token_hash: &str, kept: &Kept, now: Timestamp) -> bool {
        if !kept.is_member_session() || now - kept.seen_at < TOUCH_EVERY {
            return false;
        }
        if let Some(copy) = self.copies().by_token.get_mut(token_hash) {
            copy.seen_at = now;
        }
        let mut touches = self.touches();
        touches
            .pending
            .insert(token_hash.to_owned(), now.as_millisecond());
        !std::mem::replace(&mut touches.scheduled, true)
    }

    fn take_touches(&self) -> HashMap<String, i64> {
        std::mem::take(&mut self.touches().pending)
    }

    /// After a flush: puts back what could not be written; answers whether uses are waiting
    /// (then the flush stays scheduled and runs again).
    fn flushed(&self, unwritten: Option<HashMap<String, i64>>) -> bool {
        let mut touches = self.touches();
        if let Some(unwritten) = unwritten {
            for (token, at) in unwritten {
                touches.pending.entry(token).or_insert(at);
            }
        }
        touches.scheduled = !touches.pending.is_empty();
        touches.scheduled
    }
}

impl Copies {
    fn make_room(&mut self, now: Timestamp) {
        if self.by_token.len() < KEPT {
            return;
        }
        self.by_token.retain(|_, k| k.live(now).is_some());
        if self.by_token.len() >= KEPT {
            self.by_token.clear();
        }
    }
}

impl Store {
    /// Starts this node's copies where the ends list stands as the store opens.
    pub(crate) async fn open_session_copies(&mut self) -> Result<(), StoreError> {
        let row = sqlx::query("SELECT seq FROM session_ends_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .doing("reading which sessions ended")?;
        self.session_copies =
            std::sync::Arc::new(SessionCache::starting_at(sql::int(&row, "seq")?));
        Ok(())
    }

    /// Reads which sessions other nodes ended, when the last read is older than [`ENDS_CHECK`],
    /// and drops this node's copies of them. Called before a copy is used.
    pub(crate) async fn check_session_ends(&self) -> Result<(), StoreError> {
        if !self.session_copies.ends_due() {
            return Ok(());
        }
        let due = |read: &EndsRead| read.checked_at.is_none_or(|at| at.elapsed() >= ENDS_CHECK);
        let mut read = self.session_copies.ends.lock().await;
        if !due(&read) {
            return Ok(());
        }
        let stale = read
            .checked_at
            .is_none_or(|at| at.elapsed() >= FORGET_AFTER);
        match read.seq {
            Some(last) if !stale => {
                let rows =
                    sqlx::query("SELECT seq, member FROM session_ends WHERE seq > $1 ORDER BY seq")
                        .bind(last)
                        .fetch_all(&self.pool)
                        .await
                        .doing("reading which sessions ended")?;
                let mut members = HashSet::new();
                let mut seq = last;
                for row in &rows {
                    seq = seq.max(sql::int(row, "seq")?);
                    members.insert(sql::int(row, "member")?);
                }
                self.session_copies.forget_members(&members);
                read.seq = Some(seq);
            }
            // So long since the last read that the list may have been pruned (or never read):
            // start from the present, with no copies.
            _ => {
                let row = sqlx::query("SELECT seq FROM session_ends_head WHERE id = 1")
                    .fetch_one(&self.pool)
                    .await
                    .doing("reading which sessions ended")?;
                self.session_copies.forget_all();
                read.seq = Some(sql::int(&row, "seq")?);
            }
        }
        let now = Instant::now();
        read.checked_at = Some(now);
        *self
            .session_copies
            .ends_checked_at
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(now);
        Ok(())
    }

    /// Writes the uses noted in the next [`TOUCH_FLUSH`] in one transaction, off the request
    /// that noted the first of them, and again while more are noted.
    pub(crate) fn schedule_session_uses(&self) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            // Without a runtime (a test's store) the uses are written at the next flush.
            self.session_copies.touches().scheduled = false;
            return;
        };
        let store = self.clone();
        runtime.spawn(async move {
            loop {
                tokio::time::sleep(TOUCH_FLUSH).await;
                let uses = store.session_copies.take_touches();
                let written = store.write_session_uses(&uses).await;
                if let Err(e) = &written {
                    tracing::warn!(error = %e, "writing sessions' last use; kept for the next flush");
                }
                if !store.session_copies.flushed(written.is_err().then_some(uses)) {
                    return;
                }
            }
        });
    }

    async fn write_session_uses(&self, uses: &HashMap<String, i64>) -> Result<(), StoreError> {
        if uses.is_empty() {
            return Ok(());
        }
        let (_writer, mut tx) = self.begin_write("noting sessions' use").await?;
        for (token_hash, at) in uses {
            sqlx::query("UPDATE sessions SET seen_at = $1 WHERE token_hash = $2 AND seen_at < $1")
                .bind(*at)
                .bind(token_hash.as_str())
                .execute(&mut *tx)
                .await
                .doing("noting a session's use")?;
        }
        tx.commit().await.doing("noting sessions' use")?;
        Ok(())
    }
}

/// Lists a member's sessions as ended, inside the transaction that ends them, for the other
/// nodes' copies. The head's row lock orders the numbers by commit across nodes.
pub(crate) async fn note_ended(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    member: i64,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE session_ends_head SET seq = seq + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await
        .doing("numbering an ended session")?;
    let row = sqlx::query("SELECT seq FROM session_ends_head WHERE id = 1")
        .fetch_one(&mut **tx)
        .await
        .doing("numbering an ended session")?;
    let seq = sql::int(&row, "seq")?;
    sqlx::query("INSERT INTO session_ends (seq, member, ended_at) VALUES ($1, $2, $3)")
        .bind(seq)
        .bind(member)
        .bind(now.as_millisecond())
        .execute(&mut **tx)
        .await
        .doing("listing an ended session")?;
    if seq % PRUNE_EVERY == 0 {
        sqlx::query("DELETE FROM session_ends WHERE ended_at < $1")
            .bind((now - ENDS_KEPT).as_millisecond())
            .execute(&mut **tx)
            .await
            .doing("pruning the ended sessions")?;
    }
    Ok(())
}
