//! The record kept in memory: the complete part of the snapshot at the journal head, kept by each node and brought up to date by its own commits.
//!
//! A write transaction starts from it instead of loading units, meetings, polls and lists again,
//! and page reads share it. It is keyed on the chain head (sequence number and hash): when the
//! database's head is another (another node wrote, or a batch of this one was rolled back after
//! changing its copy), it is not used, and the next complete load from the database replaces it.
//! Copies are cheap: the complete parts are persistent maps ([`mandat_core::Shared`]).

use mandat_core::Snapshot;
use std::sync::Mutex;

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
