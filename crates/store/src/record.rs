//! The record kept in memory: the complete part of the snapshot at the journal head, kept by each node and brought up to date by its own commits.
//!
//! A write transaction starts from it instead of loading units, meetings, polls and lists again,
//! and page reads share it. It is keyed on the chain head (sequence number and hash). When the
//! database's head is further on (another node wrote), the node reads the journal since its own
//! head: if every entry is a command that leaves the complete part as it was (check-ins, ballots,
//! checkpoints, station marks: [`mandat_core::Command::leaves_complete_record`]), the record is
//! taken forward to the new head as it is; otherwise the next complete load from the database
//! replaces it. Copies are cheap: the complete parts are persistent maps ([`mandat_core::Shared`]).

use crate::error::{Doing, StoreError};
use mandat_core::{Envelope, Snapshot};
use sqlx::AnyConnection;
use std::sync::Mutex;

/// The most journal entries a node reads to take its record forward; further behind, loading
/// the record again is cheaper.
const CATCH_UP_ENTRIES: i64 = 5_000;

/// The chain head a snapshot was read or written at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Head {
    pub seq: i64,
    pub hash: String,
}

struct Kept {
    head: Head,
    /// The complete part only, with the active members per unit ([`Snapshot::clear_loaded`]).
    snapshot: Snapshot,
}

#[derive(Default)]
pub(crate) struct Memory {
    kept: Mutex<Option<Kept>>,
    /// How many times this node loaded the record from the database.
    loads: std::sync::atomic::AtomicU64,
}

impl Memory {
    /// A copy of the record kept at `head`, if that is the head it is kept at.
    pub(crate) fn at(&self, head: &Head) -> Option<Snapshot> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|k| &k.head == head)
            .map(|k| k.snapshot.clone())
    }

    /// Keeps what this node's writer committed: the newest record there is, under the writer lock.
    pub(crate) fn keep_written(&self, head: Head, mut snapshot: Snapshot) {
        snapshot.clear_loaded();
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(Kept { head, snapshot });
    }

    /// Keeps what a read loaded from the database at `head` (the same head before and after the
    /// load, so nothing was committed in between), unless something newer is kept: a reader
    /// holds no lock, and a writer may have kept a later head meanwhile.
    pub(crate) fn offer_read(&self, head: Head, snapshot: &Snapshot) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let newer = match kept.as_ref() {
            None => true,
            Some(k) => {
                k.head.seq < head.seq || (k.head.seq == head.seq && k.head.hash != head.hash)
            }
        };
        if newer {
            let mut snapshot = snapshot.clone();
            snapshot.clear_loaded();
            *kept = Some(Kept { head, snapshot });
        }
    }

    /// The record kept, taken forward to `head` when the journal entries between its head and
    /// `head` all leave the complete part as it was (read through `conn`, inside the caller's
    /// transaction or not); `None` when they do not, or when the kept head is not on the chain.
    pub(crate) async fn caught_up(
        &self,
        conn: &mut AnyConnection,
        head: &Head,
    ) -> Result<Option<Snapshot>, StoreError> {
        if let Some(kept) = self.at(head) {
            return Ok(Some(kept));
        }
        let Some(kept_head) = self.head() else {
            return Ok(None);
        };
        if kept_head.seq >= head.seq || head.seq - kept_head.seq > CATCH_UP_ENTRIES {
            return Ok(None);
        }
        let rows = sqlx::query(
            "SELECT seq, hash, command FROM journal WHERE seq >= $1 AND seq <= $2 ORDER BY seq",
        )
        .bind(kept_head.seq.max(1))
        .bind(head.seq)
        .fetch_all(&mut *conn)
        .await
        .doing("reading the journal since the record kept")?;
        let mut expected = kept_head.seq.max(1);
        for row in &rows {
            let seq = crate::sql::int(row, "seq")?;
            if seq != expected {
                return Ok(None);
            }
            expected += 1;
            if seq == kept_head.seq {
                // The kept head must be on the chain the database holds.
                if crate::sql::text(row, "hash")? != kept_head.hash {
                    return Ok(None);
                }
                continue;
            }
            let text = crate::sql::text(row, "command")?;
            let leaves = Envelope::parse(&text).is_ok_and(|e| e.command.leaves_complete_record());
            if !leaves {
                return Ok(None);
            }
            if seq == head.seq && crate::sql::text(row, "hash")? != head.hash {
                return Ok(None);
            }
        }
        if expected != head.seq + 1 {
            return Ok(None);
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        match kept.as_mut() {
            // Nothing else moved it meanwhile (a writer of this node keeps under its own lock).
            Some(k) if k.head == kept_head => {
                k.head = head.clone();
                Ok(Some(k.snapshot.clone()))
            }
            _ => Ok(None),
        }
    }

    /// Counts one load of the record from the database.
    pub(crate) fn count_load(&self) {
        self.loads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Forgets the record kept: something was written outside the journal's batches.
    pub(crate) fn forget(&self) {
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The head the record is kept at, if any.
    pub(crate) fn head(&self) -> Option<Head> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref().map(|k| k.head.clone())
    }
}

impl crate::Store {
    /// How many times this node has loaded the record from the database (at its start, after
    /// another node's write that changed it, after a rolled-back batch): for tests and operators.
    pub fn record_loads(&self) -> u64 {
        self.memory.loads.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Compares the record kept in memory with the database: the complete parts that differ,
    /// by name, or `None` when nothing is kept at the database's head. Tests run it after every
    /// kind of write; an operator may too (`mandat` never needs it to be right by luck).
    pub async fn kept_record_differences(
        &self,
    ) -> Result<Option<Vec<&'static str>>, crate::StoreError> {
        use crate::error::Doing;
        let mut conn = self.pool.acquire().await.doing("connecting")?;
        let head = crate::load::head(&mut conn).await?;
        if self.memory.head().as_ref() != Some(&head) {
            return Ok(None);
        }
        let Some(kept) = self.memory.at(&head) else {
            return Ok(None);
        };
        let loaded = crate::load::base_snapshot(&mut conn, crate::load::BaseLoad::Full).await?;
        Ok(Some(kept.complete_parts_differing(&loaded)))
    }
}
