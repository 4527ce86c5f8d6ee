//! Reading the record: the chain head, the journal, the unit tree, members.

use crate::Store;
use crate::error::{Doing, StoreError};
use crate::sql;
use futures_util::TryStreamExt;
use mandat_core::journal::{Anchor, Entry};
use std::sync::Arc;

/// A unit as listed on pages and in reports.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnitRow {
    pub code: String,
    pub kind: String,
    pub parent: Option<String>,
    pub name_ru: String,
    pub name_kk: String,
    pub name_en: String,
    pub closed: bool,
    /// Active members of this unit itself (not of its subtree).
    pub active_members: i64,
}

impl Store {
    /// The chain head `SEQ:HASH` as stored.
    pub async fn head(&self) -> Result<Anchor, StoreError> {
        let row = sqlx::query("SELECT seq, hash FROM journal_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .doing("reading the journal head")?;
        Ok(Anchor {
            seq: sql::int(&row, "seq")?,
            hash: sql::text(&row, "hash")?,
        })
    }

    /// Calls `each` for every journal entry in order, streaming (the journal can be large).
    pub async fn each_entry(
        &self,
        mut each: impl FnMut(Entry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut rows = sqlx::query(
            "SELECT seq, recorded_at, actor, command, prev_hash, hash FROM journal ORDER BY seq",
        )
        .fetch(&self.pool);
        while let Some(row) = rows.try_next().await.doing("reading the journal")? {
            each(Entry {
                seq: sql::int(&row, "seq")?,
                recorded_at: sql::int(&row, "recorded_at")?,
                actor: sql::text(&row, "actor")?,
                command: sql::text(&row, "command")?,
                prev_hash: sql::text(&row, "prev_hash")?,
                hash: sql::text(&row, "hash")?,
            })?;
        }
        Ok(())
    }

    /// Every unit with its own count of active members, ordered by code. Counted once per
    /// journal head: every change of a member or a unit is a journal entry, so the counts read
    /// at a head hold until the head moves.
    pub async fn units(&self) -> Result<Arc<Vec<UnitRow>>, StoreError> {
        // The head first: units read after it are at least as new, never older.
        let seq = self.head().await?.seq;
        if let Some(kept) = self.caches.units(seq) {
            return Ok(kept);
        }
        let units = Arc::new(self.count_units().await?);
        self.caches.keep_units(seq, units.clone());
        Ok(units)
    }

    async fn count_units(&self) -> Result<Vec<UnitRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT u.code, u.kind, u.parent, u.name_ru, u.name_kk, u.name_en, u.closed, \
             CAST(COALESCE(m.n, 0) AS BIGINT) AS active_members \
             FROM units u LEFT JOIN (SELECT unit, COUNT(*) AS n FROM members WHERE status = 'active' GROUP BY unit) m \
             ON m.unit = u.code ORDER BY u.code",
        )
        .fetch_all(&self.pool)
        .await
        .doing("listing units")?;
        rows.iter()
            .map(|row| {
                Ok(UnitRow {
                    code: sql::text(row, "code")?,
                    kind: sql::text(row, "kind")?,
                    parent: sql::opt_text(row, "parent")?,
                    name_ru: sql::text(row, "name_ru")?,
                    name_kk: sql::text(row, "name_kk")?,
                    name_en: sql::text(row, "name_en")?,
                    closed: sql::int(row, "closed")? != 0,
                    active_members: sql::int(row, "active_members")?,
                })
            })
            .collect()
    }

    /// Number of members in the record, in any status.
    pub async fn member_count(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM members")
            .fetch_one(&self.pool)
            .await
            .doing("counting members")?;
        sql::int(&row, "n")
    }
}
