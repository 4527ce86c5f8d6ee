//! `mandat verify`: check the chain, replay the journal alone into an empty database, compare every record table.

use crate::error::{Doing, StoreError};
use crate::schema::{ColumnType, OPERATIONAL_TABLES, RECORD_TABLES, TableSpec};
use crate::{Backend, Pending, Store};
use futures_util::TryStreamExt;
use mandat_core::Envelope;
use mandat_core::journal::{Anchor, ChainChecker, ChainError, Entry};
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

/// What a successful verify checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyReport {
    pub head: Anchor,
    pub entries: i64,
    pub tables: Vec<(String, u64)>,
    pub anchors: usize,
}

/// The first thing found wrong.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("{0}")]
    Chain(#[from] ChainError),
    #[error("anchor {anchor}: {problem}")]
    Anchor { anchor: Anchor, problem: String },
    #[error("journal entry {seq}: {problem}")]
    Replay { seq: i64, problem: String },
    #[error("table {table}: {problem}")]
    Table { table: String, problem: String },
    #[error(
        "table {0} is not known to verify: every table must be record (compared) or operational (listed); the database may have been altered"
    )]
    UnknownTable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

const REPLAY_CHUNK: usize = 2000;

impl Store {
    /// Checks the chain (and every anchor), replays the journal into an empty in-memory database,
    /// and compares every record table row by row.
    pub async fn verify(&self, anchors: &[Anchor]) -> Result<VerifyReport, VerifyError> {
        self.check_known_tables().await?;
        let replica = Store::open("sqlite::memory:").await?;
        let mut replay = replica.begin().await?;
        let mut checker = ChainChecker::default();
        let mut pending: Vec<(Entry, Pending)> = Vec::with_capacity(REPLAY_CHUNK);
        let mut anchors_seen = vec![false; anchors.len()];
        let mut first_error: Option<VerifyError> = None;
        let mut entries = 0i64;

        let mut rows = sqlx::query(
            "SELECT seq, recorded_at, actor, command, prev_hash, hash FROM journal ORDER BY seq",
        )
        .fetch(&self.pool);
        while let Some(row) = rows.try_next().await.doing("reading the journal")? {
            let entry = entry_from(&row)?;
            checker.check(&entry)?;
            for (anchor, seen) in anchors.iter().zip(anchors_seen.iter_mut()) {
                if anchor.seq == entry.seq {
                    *seen = true;
                    if anchor.hash != entry.hash {
                        return Err(VerifyError::Anchor {
                            anchor: anchor.clone(),
                            problem: format!(
                                "the journal has {} at this place: history was rewritten after this head was published",
                                entry.hash
                            ),
                        });
                    }
                }
            }
            let envelope = Envelope::parse(&entry.command).map_err(|e| VerifyError::Replay {
                seq: entry.seq,
                problem: format!("the command text cannot be read: {e}"),
            })?;
            if envelope.actor != entry.actor {
                return Err(VerifyError::Replay {
                    seq: entry.seq,
                    problem: "the actor column differs from the actor inside the command".into(),
                });
            }
            let item = Pending {
                envelope,
                recorded_at: entry.recorded_at,
                text: Some(entry.command.clone()),
            };
            pending.push((entry, item));
            entries += 1;
            if pending.len() >= REPLAY_CHUNK {
                replay_chunk(&mut replay, &mut pending).await?;
            }
        }
        drop(rows);
        replay_chunk(&mut replay, &mut pending).await?;
        replay.commit().await?;

        if let Some((anchor, _)) = anchors.iter().zip(&anchors_seen).find(|(_, seen)| !**seen) {
            first_error.get_or_insert(VerifyError::Anchor {
                anchor: anchor.clone(),
                problem: format!(
                    "the journal has no entry {} (it ends at {}): entries were removed after this head was published",
                    anchor.seq,
                    checker.head().seq
                ),
            });
        }
        if let Some(e) = first_error {
            return Err(e);
        }

        let mut tables = Vec::new();
        for spec in RECORD_TABLES {
            let rows = compare_table(self, &replica, spec).await?;
            tables.push((spec.name.to_string(), rows));
        }
        replica.close().await;
        Ok(VerifyReport {
            head: checker.head(),
            entries,
            tables,
            anchors: anchors.len(),
        })
    }

    /// Every table in the database must be either record or operational.
    async fn check_known_tables(&self) -> Result<(), VerifyError> {
        for table in self.table_names().await? {
            let known = RECORD_TABLES.iter().any(|t| t.name == table)
                || OPERATIONAL_TABLES.contains(&table.as_str());
            if !known {
                return Err(VerifyError::UnknownTable(table));
            }
        }
        Ok(())
    }

    /// The names of the tables in the database.
    pub async fn table_names(&self) -> Result<Vec<String>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
                 WHERE table_schema = current_schema() ORDER BY 1"
            }
        };
        let rows = sqlx::query(sql)
            .fetch_all(&self.pool)
            .await
            .doing("listing tables")?;
        rows.iter().map(|r| crate::sql::text(r, "name")).collect()
    }
}

async fn replay_chunk(
    replay: &mut crate::Batch,
    pending: &mut Vec<(Entry, Pending)>,
) -> Result<(), VerifyError> {
    if pending.is_empty() {
        return Ok(());
    }
    let (entries, items): (Vec<Entry>, Vec<Pending>) = std::mem::take(pending).into_iter().unzip();
    let results = replay.push_chunk(items).await?;
    for (entry, result) in entries.iter().zip(results) {
        match result {
            Err(refused) => {
                return Err(VerifyError::Replay {
                    seq: entry.seq,
                    problem: format!("replaying the command is refused by the rules: {refused}"),
                });
            }
            Ok(receipt) if receipt.seq != entry.seq || receipt.hash != entry.hash => {
                return Err(VerifyError::Replay {
                    seq: entry.seq,
                    problem: format!(
                        "replay gives entry {} with hash {}, the journal has {}",
                        receipt.seq, receipt.hash, entry.hash
                    ),
                });
            }
            Ok(_) => {}
        }
    }
    Ok(())
}

fn entry_from(row: &AnyRow) -> Result<Entry, StoreError> {
    Ok(Entry {
        seq: crate::sql::int(row, "seq")?,
        recorded_at: crate::sql::int(row, "recorded_at")?,
        actor: crate::sql::text(row, "actor")?,
        command: crate::sql::text(row, "command")?,
        prev_hash: crate::sql::text(row, "prev_hash")?,
        hash: crate::sql::text(row, "hash")?,
    })
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => f.write_str("NULL"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Text(s) => write!(f, "{s:?}"),
        }
    }
}

fn select_all(spec: &TableSpec, backend: Backend) -> String {
    let columns: Vec<&str> = spec.columns.iter().map(|(c, _)| *c).collect();
    // Byte order on both engines, so two streams of rows line up.
    let order: Vec<String> = spec
        .key
        .iter()
        .map(|k| match (backend, column_type(spec, k)) {
            (Backend::Postgres, ColumnType::Text) => format!("{k} COLLATE \"C\""),
            _ => (*k).to_string(),
        })
        .collect();
    format!(
        "SELECT {} FROM {} ORDER BY {}",
        columns.join(", "),
        spec.name,
        order.join(", ")
    )
}

fn column_type(spec: &TableSpec, name: &str) -> ColumnType {
    spec.columns
        .iter()
        .find(|(c, _)| *c == name)
        .map_or(ColumnType::Text, |(_, t)| *t)
}

fn values_of(row: &AnyRow, spec: &TableSpec) -> Result<Vec<Value>, StoreError> {
    spec.columns
        .iter()
        .map(|(name, kind)| {
            let bad = |e: sqlx::Error| StoreError::Corrupt(format!("{}.{name}: {e}", spec.name));
            Ok(match kind {
                ColumnType::Int => row
                    .try_get::<Option<i64>, _>(*name)
                    .map_err(bad)?
                    .map_or(Value::Null, Value::Int),
                ColumnType::Text => row
                    .try_get::<Option<String>, _>(*name)
                    .map_err(bad)?
                    .map_or(Value::Null, Value::Text),
            })
        })
        .collect()
}

fn key_text(spec: &TableSpec, values: &[Value]) -> String {
    spec.key
        .iter()
        .filter_map(|k| {
            let i = spec.columns.iter().position(|(c, _)| c == k)?;
            Some(format!("{k}={}", values[i]))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn key_values(spec: &TableSpec, values: &[Value]) -> Vec<Value> {
    spec.key
        .iter()
        .filter_map(|k| spec.columns.iter().position(|(c, _)| c == k))
        .map(|i| values[i].clone())
        .collect()
}

/// Streams both tables in key order and names the first row that differs.
async fn compare_table(
    store: &Store,
    replica: &Store,
    spec: &TableSpec,
) -> Result<u64, VerifyError> {
    let problem = |p: String| VerifyError::Table {
        table: spec.name.to_string(),
        problem: p,
    };
    let stored_sql = select_all(spec, store.backend);
    let replay_sql = select_all(spec, replica.backend);
    let mut stored = sqlx::query(AssertSqlSafe(stored_sql)).fetch(&store.pool);
    let mut replayed = sqlx::query(AssertSqlSafe(replay_sql)).fetch(&replica.pool);
    let mut rows = 0u64;
    let mut next_stored = stored.try_next().await.doing("reading a table")?;
    let mut next_replayed = replayed.try_next().await.doing("reading the replay")?;
    loop {
        match (&next_stored, &next_replayed) {
            (None, None) => return Ok(rows),
            (Some(s), None) => {
                let values = values_of(s, spec)?;
                return Err(problem(format!(
                    "row {} is in the database but not in the replay of the journal (inserted outside the journal?)",
                    key_text(spec, &values)
                )));
            }
            (None, Some(r)) => {
                let values = values_of(r, spec)?;
                return Err(problem(format!(
                    "row {} is missing from the database (deleted?) but the journal creates it",
                    key_text(spec, &values)
                )));
            }
            (Some(s), Some(r)) => {
                let sv = values_of(s, spec)?;
                let rv = values_of(r, spec)?;
                let (sk, rk) = (key_values(spec, &sv), key_values(spec, &rv));
                if sk < rk {
                    return Err(problem(format!(
                        "row {} is in the database but not in the replay of the journal (inserted outside the journal?)",
                        key_text(spec, &sv)
                    )));
                }
                if rk < sk {
                    return Err(problem(format!(
                        "row {} is missing from the database (deleted?) but the journal creates it",
                        key_text(spec, &rv)
                    )));
                }
                if let Some(i) = (0..sv.len()).find(|&i| sv[i] != rv[i]) {
                    return Err(problem(format!(
                        "row {}: column {} is {} in the database but {} in the replay of the journal (edited?)",
                        key_text(spec, &sv),
                        spec.columns[i].0,
                        sv[i],
                        rv[i]
                    )));
                }
                rows += 1;
                next_stored = stored.try_next().await.doing("reading a table")?;
                next_replayed = replayed.try_next().await.doing("reading the replay")?;
            }
        }
    }
}
