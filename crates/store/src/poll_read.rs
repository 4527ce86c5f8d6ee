//! Reads of polls for pages and the CLI: the poll, its result, its bulletin board, checkpoints, receipt checks.

use crate::Store;
use crate::cache::PublishedBoard;
use crate::error::{Doing, StoreError};
use crate::polls::{hash_of, poll_from};
use crate::sql;
use mandat_core::Code;
use mandat_core::ballot::Checkpoint;
use mandat_core::poll::{Board, Electorate, Poll, PollStatus, StationReturn};
use std::sync::Arc;

/// A member marked twice in a poll, as the counting commission sees it: who, where, and how it
/// was resolved.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ConflictRow {
    pub station: Code,
    /// The member's name: for the commission and the CLI, never on the public API.
    #[serde(skip)]
    pub full_name: String,
    /// The IIN with only its first two digits and its last one shown.
    pub iin: String,
    /// Where the member had already voted (`online`, `at station S`).
    pub already: String,
    pub resolution: Option<mandat_core::poll::ConflictResolution>,
}

/// Turnout of one unit in a poll: who may vote and how many have (never who, never how).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct UnitTurnout {
    pub unit: String,
    pub roll: i64,
    pub voted: i64,
}

/// A counted poll's result as stored: the outcome and ratings as JSON text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollResultRow {
    pub outcome: String,
    pub ratings: String,
    pub electronic: i64,
    pub paper: i64,
}

impl Store {
    pub async fn poll(&self, code: &Code) -> Result<Poll, StoreError> {
        let row = sqlx::query("SELECT code, body FROM polls WHERE code = $1")
            .bind(code.to_string())
            .fetch_optional(&self.pool)
            .await
            .doing("reading a poll")?
            .ok_or_else(|| StoreError::NotFound(mandat_core::Missing::Poll(code.clone())))?;
        poll_from(&row)
    }

    /// Who votes in a poll: fixed when the poll is made, so read once per node (the ballot's
    /// path asks it for every cast).
    pub async fn poll_electorate(&self, code: &Code) -> Result<Electorate, StoreError> {
        if let Some(electorate) = self.caches.electorate(code.as_str()) {
            return Ok(electorate);
        }
        let electorate = self.poll(code).await?.electorate;
        self.caches
            .keep_electorate(code.as_str(), electorate.clone());
        Ok(electorate)
    }

    pub async fn polls(&self) -> Result<Vec<Poll>, StoreError> {
        sqlx::query("SELECT code, body FROM polls ORDER BY code")
            .fetch_all(&self.pool)
            .await
            .doing("reading polls")?
            .iter()
            .map(poll_from)
            .collect()
    }

    pub async fn poll_result(&self, code: &Code) -> Result<Option<PollResultRow>, StoreError> {
        let row = sqlx::query(
            "SELECT outcome, ratings, electronic, paper FROM poll_results WHERE poll = $1",
        )
        .bind(code.to_string())
        .fetch_optional(&self.pool)
        .await
        .doing("reading a poll's result")?;
        row.map(|r| {
            Ok(PollResultRow {
                outcome: sql::text(&r, "outcome")?,
                ratings: sql::text(&r, "ratings")?,
                electronic: sql::int(&r, "electronic")?,
                paper: sql::int(&r, "paper")?,
            })
        })
        .transpose()
    }

    /// The bulletin board and its BLT file; only once the poll is counted (a live box is never shown).
    pub async fn board(&self, code: &Code) -> Result<(Board, String), StoreError> {
        let published = self.published_board(code).await?;
        Ok((published.board.clone(), published.blt.clone()))
    }

    /// The bulletin board of a counted poll with its BLT and JSON text, built on the first read
    /// after the count and kept: a counted poll's board never changes, so pages serve it from
    /// memory instead of reading every sealed ballot again.
    pub async fn published_board(&self, code: &Code) -> Result<Arc<PublishedBoard>, StoreError> {
        if let Some(kept) = self.caches.board(code.as_str()) {
            return Ok(kept);
        }
        let (board, blt) = self.build_board(code).await?;
        let json = serde_json::to_string(&board)
            .map_err(|e| StoreError::Corrupt(format!("poll {code}: the board as JSON: {e}")))?;
        let published = Arc::new(PublishedBoard { board, blt, json });
        self.caches.keep_board(code.as_str(), published.clone());
        Ok(published)
    }

    /// Builds the board from the sealed box; refused unless the poll is counted.
    async fn build_board(&self, code: &Code) -> Result<(Board, String), StoreError> {
        let poll = self.poll(code).await?;
        if poll.status != PollStatus::Counted {
            return Err(StoreError::NotFound(mandat_core::Missing::Board {
                poll: code.clone(),
                status: poll.status.as_str(),
            }));
        }
        let mut conn = self.pool.acquire().await.doing("reading the board")?;
        let sealed = crate::polls::sealed_ballots(&mut conn, self.backend, code).await?;
        let detail =
            crate::polls::load_detail(&mut conn, self.backend, code, &[], false, false).await?;
        let stations: Vec<StationReturn> = detail.returns;
        let blt = mandat_core::poll::board_blt(&poll, &sealed, &stations)
            .map_err(|e| StoreError::Corrupt(format!("poll {code}: {e}")))?;
        Ok((mandat_core::poll::board(&poll, &sealed, &stations), blt))
    }

    pub async fn checkpoints(&self, code: &Code) -> Result<Vec<Checkpoint>, StoreError> {
        let key = code.to_string();
        sqlx::query(
            "SELECT at, voters, ballots, root, key_id, signature FROM poll_checkpoints WHERE poll = $1 ORDER BY at",
        )
        .bind(key.clone())
        .fetch_all(&self.pool)
        .await
        .doing("reading checkpoints")?
        .iter()
        .map(|r| {
            Ok(Checkpoint {
                poll: code.clone(),
                at: crate::meetings::time("poll_checkpoints", &key, sql::int(r, "at")?)?,
                voters: u64::try_from(sql::int(r, "voters")?).unwrap_or(0),
                ballots: u64::try_from(sql::int(r, "ballots")?).unwrap_or(0),
                root: hash_of("poll_checkpoints", &key, &sql::text(r, "root")?)?,
                key_id: sql::text(r, "key_id")?,
                signature: sql::text(r, "signature")?,
            })
        })
        .collect()
    }

    /// Turnout per unit (PPO) of a poll, from the roll's marks.
    pub async fn turnout(&self, code: &Code) -> Result<Vec<UnitTurnout>, StoreError> {
        sqlx::query(
            "SELECT unit, CAST(COUNT(*) AS BIGINT) AS roll, CAST(SUM(CASE WHEN marked <> '' THEN 1 ELSE 0 END) AS BIGINT) AS voted FROM poll_roll WHERE poll = $1 GROUP BY unit ORDER BY unit",
        )
        .bind(code.to_string())
        .fetch_all(&self.pool)
        .await
        .doing("counting turnout")?
        .iter()
        .map(|r| {
            Ok(UnitTurnout {
                unit: sql::text(r, "unit")?,
                roll: sql::int(r, "roll")?,
                voted: sql::int(r, "voted")?,
            })
        })
        .collect()
    }

    /// The members marked twice in a poll (online and at a station, or at two stations), by
    /// station and name, with the commission's resolution of each.
    pub async fn station_conflicts(&self, code: &Code) -> Result<Vec<ConflictRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.poll, c.station, c.member, c.already, c.resolution, m.full_name, m.iin \
             FROM station_conflicts c JOIN members m ON m.id = c.member \
             WHERE c.poll = $1 ORDER BY c.station, m.full_name",
        )
        .bind(code.to_string())
        .fetch_all(&self.pool)
        .await
        .doing("listing station conflicts")?;
        rows.iter()
            .map(|r| {
                let conflict = crate::polls::conflict_from(r)?;
                let iin = sql::text(r, "iin")?;
                let iin = mandat_core::Iin::parse(&iin)
                    .map_err(|e| StoreError::Corrupt(format!("members iin {iin:?}: {e}")))?;
                Ok(ConflictRow {
                    station: conflict.station,
                    full_name: sql::text(r, "full_name")?,
                    iin: iin.masked(),
                    already: conflict.already,
                    resolution: conflict.resolution,
                })
            })
            .collect()
    }
}
