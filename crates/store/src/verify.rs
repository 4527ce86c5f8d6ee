//! `mandat verify`: check the chain, replay the journal alone into an empty database, compare every record table.

use crate::error::{Doing, StoreError};
use crate::schema::{ColumnType, OPERATIONAL_TABLES, RECORD_TABLES, TYPED_LATER, TableSpec};
use crate::{Backend, Pending, Store};
use mandat_core::Envelope;
use mandat_core::ballot::Hash32;
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
/// A replay chunk also ends at this many bytes of command text: a sealed box's entry holds its
/// poll's ballots.
const REPLAY_CHUNK_BYTES: usize = 16 * 1024 * 1024;

/// The replay's database: a SQLite file in the system's temporary folder (`TMPDIR`), removed
/// with its WAL when dropped. Not in memory: the national record with its ballots is several
/// times the memory of a small server.
struct Replica {
    store: Store,
    path: std::path::PathBuf,
}

impl Replica {
    async fn create() -> Result<Replica, StoreError> {
        let mut nonce = [0u8; 8];
        getrandom::fill(&mut nonce)
            .map_err(|e| StoreError::Corrupt(format!("no randomness for a scratch file: {e}")))?;
        let path = std::env::temp_dir().join(format!(
            "mandat-verify-{}-{}.db",
            std::process::id(),
            hex::encode(nonce)
        ));
        let store = Store::open_sized(&path.to_string_lossy(), crate::Sizing::SCRATCH).await?;
        Ok(Replica { store, path })
    }

    async fn close(self) {
        self.store.close().await;
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = self.path.clone().into_os_string();
            file.push(suffix);
            // Already gone is fine; anything else leaves a file in the temporary folder only.
            let _ = std::fs::remove_file(file);
        }
    }
}

impl Store {
    /// Checks the chain (and every anchor), replays the journal into an empty database (a scratch
    /// file), and compares every record table row by row.
    pub async fn verify(&self, anchors: &[Anchor]) -> Result<VerifyReport, VerifyError> {
        // Each phase is logged with its time: on the national record verify runs for minutes,
        // and the operator (and a profile) needs to know where.
        let started = std::time::Instant::now();
        self.check_known_tables().await?;
        let (replica, head, entries) = self.replay_journal(anchors).await?;
        tracing::info!(
            entries,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "verify: the journal is replayed"
        );
        let mut tables = Vec::new();
        for spec in RECORD_TABLES {
            let phase = std::time::Instant::now();
            let rows = compare_table(self, &replica.store, spec).await?;
            tracing::info!(
                table = spec.name,
                rows,
                elapsed_ms = phase.elapsed().as_millis() as u64,
                "verify: table compared"
            );
            tables.push((spec.name.to_string(), rows));
        }
        replica.close().await;
        let phase = std::time::Instant::now();
        self.check_ballot_boxes().await?;
        tracing::info!(
            elapsed_ms = phase.elapsed().as_millis() as u64,
            "verify: ballot boxes checked"
        );
        self.check_signed_scans().await?;
        tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "verify: done"
        );
        Ok(VerifyReport {
            head,
            entries,
            tables,
            anchors: anchors.len(),
        })
    }

    /// Replays the journal alone into an empty database, checking the chain and the anchors on
    /// the way: the replica, the chain's head and the number of entries.
    async fn replay_journal(
        &self,
        anchors: &[Anchor],
    ) -> Result<(Replica, Anchor, i64), VerifyError> {
        let replica = Replica::create().await?;
        let mut replay = replica.store.begin().await?;
        let mut checker = ChainChecker::default();
        let mut pending: Vec<(Entry, Pending)> = Vec::with_capacity(REPLAY_CHUNK);
        let mut pending_bytes = 0usize;
        let mut anchors_seen = vec![false; anchors.len()];
        let mut entries = 0i64;

        let journal_spec = RECORD_TABLES
            .iter()
            .find(|t| t.name == "journal")
            .ok_or_else(|| StoreError::Corrupt("no journal table spec".into()))?;
        let mut page: std::vec::IntoIter<Vec<Value>> = Vec::new().into_iter();
        let mut after = 0i64;
        loop {
            let Some(row) = page.next() else {
                let next = fetch_page(self, journal_spec, after).await?;
                if next.is_empty() {
                    break;
                }
                page = next.into_iter();
                continue;
            };
            let mut entry = entry_from_values(&row)?;
            after = entry.seq;
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
            // The text goes to the replay; the entry keeps what the replay's receipt is checked against.
            let text = std::mem::take(&mut entry.command);
            pending_bytes += text.len();
            let item = Pending {
                envelope,
                recorded_at: entry.recorded_at,
                text: Some(text),
                // The journal is replayed as it was written, the box's own entries included.
                from_ballot_box: true,
                with_file: false,
            };
            pending.push((entry, item));
            entries += 1;
            if pending.len() >= REPLAY_CHUNK || pending_bytes >= REPLAY_CHUNK_BYTES {
                replay_chunk(&mut replay, &mut pending).await?;
                pending_bytes = 0;
            }
        }
        replay_chunk(&mut replay, &mut pending).await?;
        replay.commit().await?;

        if let Some((anchor, _)) = anchors.iter().zip(&anchors_seen).find(|(_, seen)| !**seen) {
            return Err(VerifyError::Anchor {
                anchor: anchor.clone(),
                problem: format!(
                    "the journal has no entry {} (it ends at {}): entries were removed after this head was published",
                    anchor.seq,
                    checker.head().seq
                ),
            });
        }
        Ok((replica, checker.head(), entries))
    }

    /// How many stored rows predate a typed column ([`TYPED_LATER`]) and still lack its value:
    /// their documents show the English sentence recorded with them until
    /// [`Store::fill_typed_later`] runs.
    pub async fn rows_missing_typed(&self) -> Result<u64, StoreError> {
        let mut missing = 0u64;
        for (table, column) in TYPED_LATER {
            let row = sqlx::query(AssertSqlSafe(format!(
                "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table} WHERE {column} IS NULL AND {}",
                typed_later_applies(table)
            )))
            .fetch_one(&self.pool)
            .await
            .doing("counting rows without their typed column")?;
            missing += crate::sql::int(&row, "n")?.max(0) as u64;
        }
        Ok(missing)
    }

    /// Fills the typed columns of rows recorded before they existed ([`TYPED_LATER`]: list
    /// events, a failed meeting's reason, SMS notices) from a replay of the journal, so that
    /// documents put them in the reader's language. Only NULL cells are written, under the
    /// node's writer; the journal and every other column stay as they are. Returns the cells filled.
    pub async fn fill_typed_later(&self) -> Result<u64, VerifyError> {
        if self.rows_missing_typed().await? == 0 {
            return Ok(0);
        }
        let (replica, _, _) = self.replay_journal(&[]).await?;
        let (_writer, mut tx) = self.begin_write("filling typed columns").await?;
        let mut filled = 0u64;
        for (table, column) in TYPED_LATER {
            let spec = RECORD_TABLES
                .iter()
                .find(|t| t.name == *table)
                .ok_or_else(|| StoreError::Corrupt(format!("no table spec for {table}")))?;
            let rows = sqlx::query(AssertSqlSafe(select_all(spec, replica.store.backend)))
                .fetch_all(&replica.store.pool)
                .await
                .doing("reading the replay's typed columns")?;
            let position = spec
                .columns
                .iter()
                .position(|(c, _)| c == column)
                .ok_or_else(|| StoreError::Corrupt(format!("{table} has no column {column}")))?;
            let keys: Vec<String> = spec
                .key
                .iter()
                .enumerate()
                .map(|(i, k)| format!("{k} = {}", crate::sql::placeholder(self.backend, i + 2)))
                .collect();
            let update = format!(
                "UPDATE {table} SET {column} = {} WHERE {} AND {column} IS NULL",
                crate::sql::placeholder(self.backend, 1),
                keys.join(" AND ")
            );
            for row in &rows {
                let values = values_of(row, spec)?;
                let Value::Text(typed) = &values[position] else {
                    continue;
                };
                let mut binds = vec![crate::sql::Bind::Text(typed.clone())];
                binds.extend(key_values(spec, &values).into_iter().map(|v| match v {
                    Value::Int(i) => crate::sql::Bind::Int(i),
                    Value::Text(t) => crate::sql::Bind::Text(t),
                    Value::Null => crate::sql::Bind::NullText,
                }));
                filled +=
                    crate::sql::execute(&mut tx, update.clone(), binds, "filling a typed column")
                        .await?;
            }
        }
        tx.commit().await.doing("committing the typed columns")?;
        // Failed meetings' reasons and list events are in the record kept in memory.
        self.memory.forget();
        replica.close().await;
        Ok(filled)
    }

    /// Checks every poll's checkpoints, and the checkpoint that signs each sealed box, against
    /// the ballot box's public key; [`Store::verify`] proves the checkpoints are the journal's, so
    /// both must pass (this one first: it takes seconds, the replay minutes). Returns the polls
    /// checked and the signatures checked.
    pub async fn verify_signatures(&self, public_hex: &str) -> Result<(u64, u64), VerifyError> {
        if mandat_core::ballot::key_id_for(public_hex).is_none() {
            return Err(VerifyError::Table {
                table: "poll_checkpoints".into(),
                problem: format!(
                    "{public_hex:?} is not a public key: give the 64 hex characters `mandat poll key` prints"
                ),
            });
        }
        let (mut polls_checked, mut signatures) = (0u64, 0u64);
        for poll in self.polls().await? {
            let checkpoints = self.checkpoints(&poll.code).await?;
            let mut conn = self.pool.acquire().await.doing("reading sealed ballots")?;
            let sealed = crate::polls::sealed_ballots(&mut conn, self.backend, &poll.code).await?;
            drop(conn);
            let leaves = mandat_core::ballot::sorted_leaves(sealed.iter().map(|b| {
                mandat_core::ballot::leaf(
                    &b.tracker,
                    &mandat_core::ballot::ballot_hash(
                        &poll.code, &b.tracker, &b.content, &b.opening,
                    ),
                )
            }));
            let problems =
                mandat_core::ballot::signature_problems(public_hex, &checkpoints, &leaves);
            if let Some(first) = problems.first() {
                return Err(VerifyError::Table {
                    table: "poll_checkpoints".into(),
                    problem: format!("poll {}: {first}", poll.code),
                });
            }
            polls_checked += 1;
            signatures += checkpoints.len() as u64;
        }
        Ok((polls_checked, signatures))
    }

    /// Every ballot in the box (live or sealed) must match a leaf the journal recorded, and every
    /// recorded leaf a ballot: a ballot added, dropped or altered outside the journal is found.
    async fn check_ballot_boxes(&self) -> Result<(), VerifyError> {
        use std::collections::{BTreeMap, BTreeSet};
        // One poll at a time, its rows streamed, so that memory holds the largest poll's leaves
        // (32 bytes a ballot), not the nation's rows.
        let mut polls: BTreeSet<String> = BTreeSet::new();
        for row in sqlx::query(
            "SELECT DISTINCT poll FROM poll_leaves UNION SELECT DISTINCT poll FROM ballot_box",
        )
        .fetch_all(&self.pool)
        .await
        .doing("listing the polls with ballots")?
        {
            polls.insert(crate::sql::text(&row, "poll")?);
        }
        // Ballots of a live box whose leaves are still held back are not in the journal yet:
        // there, only their number is checked (one per voter marked online).
        let mut live: BTreeMap<String, u64> = BTreeMap::new();
        for row in sqlx::query(
            "SELECT poll, CAST(COUNT(*) AS BIGINT) AS n FROM ballot_box WHERE request_hash <> '' GROUP BY poll",
        )
        .fetch_all(&self.pool)
        .await
        .doing("counting live ballots")?
        {
            live.insert(crate::sql::text(&row, "poll")?, crate::sql::int(&row, "n")? as u64);
        }
        let mut marked: BTreeMap<String, u64> = BTreeMap::new();
        for row in sqlx::query(
            "SELECT poll, CAST(COUNT(*) AS BIGINT) AS n FROM poll_roll WHERE marked = 'online' GROUP BY poll",
        )
        .fetch_all(&self.pool)
        .await
        .doing("counting voters")?
        {
            marked.insert(crate::sql::text(&row, "poll")?, crate::sql::int(&row, "n")? as u64);
        }
        for poll in &polls {
            let journal = self.journal_leaves_for_verify(poll).await?;
            let held = self.box_leaves_for_verify(poll).await?;
            let voters = marked.get(poll).copied().unwrap_or(0);
            if live.contains_key(poll) && held.len() as u64 != voters {
                return Err(VerifyError::Table {
                    table: "ballot_box".into(),
                    problem: format!(
                        "poll {poll}: the box holds {} ballots but {voters} voters are marked online: a ballot was added or removed",
                        held.len()
                    ),
                });
            }
            let (extra, missing) = first_unmatched(&held, &journal);
            if let Some(extra) = extra.filter(|_| !live.contains_key(poll)) {
                return Err(VerifyError::Table {
                    table: "ballot_box".into(),
                    problem: format!(
                        "poll {poll}: a ballot (leaf {extra}) is in the box but in no batch of the journal: it was added or altered; {} ballots in the box, {} in the journal",
                        held.len(),
                        journal.len()
                    ),
                });
            }
            if let Some(missing) = missing {
                return Err(VerifyError::Table {
                    table: "ballot_box".into(),
                    problem: format!(
                        "poll {poll}: the journal records a ballot (leaf {missing}) that is not in the box: it was removed or altered; {} ballots in the box, {} in the journal",
                        held.len(),
                        journal.len()
                    ),
                });
            }
        }
        Ok(())
    }

    /// The leaves the journal's batches recorded for a poll, sorted, without repeats.
    async fn journal_leaves_for_verify(&self, poll: &str) -> Result<Vec<Hash32>, VerifyError> {
        use futures_util::TryStreamExt;
        let mut leaves = Vec::new();
        let mut rows = sqlx::query("SELECT leaf FROM poll_leaves WHERE poll = $1")
            .bind(poll)
            .fetch(&self.pool);
        while let Some(row) = rows.try_next().await.doing("reading ballot leaves")? {
            leaves.push(crate::polls::hash_of(
                "poll_leaves",
                poll,
                &crate::sql::text(&row, "leaf")?,
            )?);
        }
        leaves.sort_unstable();
        leaves.dedup();
        Ok(leaves)
    }

    /// The leaves of every ballot in a poll's box (live or sealed), each read and hashed;
    /// sorted, without repeats.
    async fn box_leaves_for_verify(&self, poll_text: &str) -> Result<Vec<Hash32>, VerifyError> {
        use futures_util::TryStreamExt;
        use mandat_core::ballot::{self, BallotContent};
        let table = |problem: String| VerifyError::Table {
            table: "ballot_box".into(),
            problem,
        };
        let poll: mandat_core::Code = poll_text
            .parse()
            .map_err(|e| table(format!("poll {poll_text:?}: {e}")))?;
        let mut leaves = Vec::new();
        let mut rows =
            sqlx::query("SELECT tracker, content, opening FROM ballot_box WHERE poll = $1")
                .bind(poll_text)
                .fetch(&self.pool);
        while let Some(row) = rows.try_next().await.doing("reading the ballot box")? {
            let tracker_text = crate::sql::text(&row, "tracker")?;
            let tracker = crate::polls::hash_of("ballot_box", poll_text, &tracker_text)?;
            let opening = crate::polls::hash_of(
                "ballot_box",
                &tracker_text,
                &crate::sql::text(&row, "opening")?,
            )?;
            let content: BallotContent = serde_json::from_str(&crate::sql::text(&row, "content")?)
                .map_err(|e| {
                    table(format!(
                        "poll {poll}, tracker {tracker}: content unreadable: {e}"
                    ))
                })?;
            leaves.push(ballot::leaf(
                &tracker,
                &ballot::ballot_hash(&poll, &tracker, &content, &opening),
            ));
        }
        leaves.sort_unstable();
        leaves.dedup();
        Ok(leaves)
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

/// A journal row, in the column order of the journal's table spec.
fn entry_from_values(row: &[Value]) -> Result<Entry, StoreError> {
    let int = |i: usize| match row.get(i) {
        Some(Value::Int(v)) => Ok(*v),
        _ => Err(StoreError::Corrupt(format!(
            "journal column {i} is not an integer"
        ))),
    };
    let text = |i: usize| match row.get(i) {
        Some(Value::Text(v)) => Ok(v.clone()),
        _ => Err(StoreError::Corrupt(format!(
            "journal column {i} is not text"
        ))),
    };
    Ok(Entry {
        seq: int(0)?,
        recorded_at: int(1)?,
        actor: text(2)?,
        command: text(3)?,
        prev_hash: text(4)?,
        hash: text(5)?,
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

// Tables keyed by one integer are read in pages aggregated into one JSON text per page: sqlx's
// SQLite driver hands rows to the async side one at a time, which costs more than the row itself.
const PAGE_ROWS: i64 = 2000;

/// At most this many bytes of a table's heavy column in one page (the first row always comes):
/// a sealed box's journal entry carries every ballot of its poll, hundreds of KB, and 2,000 of
/// them in one page held gigabytes.
const PAGE_BYTES: i64 = 8 * 1024 * 1024;

/// The column whose size bounds a page, for the tables with one.
fn heavy_column(spec: &TableSpec) -> Option<&'static str> {
    match spec.name {
        "journal" => Some("command"),
        _ => None,
    }
}

fn paged(spec: &TableSpec) -> bool {
    spec.key.len() == 1 && column_type(spec, spec.key[0]) == ColumnType::Int
}

fn page_sql(spec: &TableSpec, backend: Backend) -> String {
    let columns: Vec<&str> = spec.columns.iter().map(|(c, _)| *c).collect();
    let key = spec.key[0];
    let (aggregate, array) = match backend {
        Backend::Sqlite => ("json_group_array", "json_array"),
        Backend::Postgres => ("json_agg", "json_build_array"),
    };
    let rows = format!(
        "SELECT {} FROM {} WHERE {key} > $1 ORDER BY {key} LIMIT {PAGE_ROWS}",
        columns.join(", "),
        spec.name
    );
    // A row is in the page when the heavy bytes before it are under the budget.
    let rows = match heavy_column(spec) {
        None => rows,
        Some(heavy) => format!(
            "SELECT {} FROM (SELECT r.*, SUM(LENGTH({heavy})) OVER (ORDER BY {key}) - LENGTH({heavy}) AS before \
             FROM ({rows}) AS r) AS w WHERE before < {PAGE_BYTES}",
            columns.join(", ")
        ),
    };
    format!(
        "SELECT CAST({aggregate}({array}({}) ORDER BY {key}) AS TEXT) AS page FROM ({rows}) AS p",
        columns.join(", "),
    )
}

/// The next page of rows after key `after`; empty at the end.
async fn fetch_page(
    store: &Store,
    spec: &TableSpec,
    after: i64,
) -> Result<Vec<Vec<Value>>, StoreError> {
    let row = sqlx::query(AssertSqlSafe(page_sql(spec, store.backend)))
        .bind(after)
        .fetch_one(&store.pool)
        .await
        .doing("reading a page of a table")?;
    let Some(text) = row
        .try_get::<Option<String>, _>("page")
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", spec.name)))?
    else {
        return Ok(Vec::new());
    };
    let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(&text)
        .map_err(|e| StoreError::Corrupt(format!("{}: page not readable: {e}", spec.name)))?;
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .zip(spec.columns)
                .map(|(v, (name, kind))| match (v, kind) {
                    (serde_json::Value::Null, _) => Ok(Value::Null),
                    (serde_json::Value::Number(n), ColumnType::Int) => {
                        n.as_i64().map(Value::Int).ok_or_else(|| {
                            StoreError::Corrupt(format!(
                                "{}.{name}: {n} is not an integer",
                                spec.name
                            ))
                        })
                    }
                    (serde_json::Value::String(t), ColumnType::Text) => Ok(Value::Text(t)),
                    (other, _) => Err(StoreError::Corrupt(format!(
                        "{}.{name}: unexpected value {other}",
                        spec.name
                    ))),
                })
                .collect()
        })
        .collect()
}

/// Which rows of a [`TYPED_LATER`] table carry its typed column (a meeting's reason only when it failed).
fn typed_later_applies(table: &str) -> &'static str {
    match table {
        "meetings" => "status = 'failed'",
        _ => "1 = 1",
    }
}

/// A column added to hold as data what older rows kept as a sentence, NULL in such a row (see
/// [`TYPED_LATER`]): the replay fills it, the stored row predates it.
fn typed_later(spec: &TableSpec, column: usize, stored: &Value) -> bool {
    *stored == Value::Null
        && spec
            .columns
            .get(column)
            .is_some_and(|(name, _)| TYPED_LATER.contains(&(spec.name, *name)))
}

/// Walks two key-ordered lists of rows and names the first difference.
fn first_difference(
    spec: &TableSpec,
    stored: &[Vec<Value>],
    replayed: &[Vec<Value>],
) -> Option<String> {
    (0..)
        .map(|i| {
            same_row(
                spec,
                stored.get(i).map(Vec::as_slice),
                replayed.get(i).map(Vec::as_slice),
            )
        })
        .find_map(|step| match step {
            Ok(true) => None,
            Ok(false) => Some(None),
            Err(problem) => Some(Some(problem)),
        })
        .flatten()
}

/// One step of walking two key-ordered lists of rows: `Ok(true)` when both are the same row
/// with the same values, `Ok(false)` when both lists have ended, the first difference otherwise.
fn same_row(spec: &TableSpec, s: Option<&[Value]>, r: Option<&[Value]>) -> Result<bool, String> {
    match (s, r) {
        (None, None) => Ok(false),
        (Some(s), None) => Err(extra_row(spec, s)),
        (None, Some(r)) => Err(missing_row(spec, r)),
        (Some(s), Some(r)) => {
            let (sk, rk) = (key_values(spec, s), key_values(spec, r));
            if sk < rk {
                return Err(extra_row(spec, s));
            }
            if rk < sk {
                return Err(missing_row(spec, r));
            }
            match (0..s.len()).find(|&c| s[c] != r[c] && !typed_later(spec, c, &s[c])) {
                Some(c) => Err(changed_row(spec, s, r, c)),
                None => Ok(true),
            }
        }
    }
}

fn extra_row(spec: &TableSpec, row: &[Value]) -> String {
    format!(
        "row {} is in the database but not in the replay of the journal (inserted outside the journal?)",
        key_text(spec, row)
    )
}

fn missing_row(spec: &TableSpec, row: &[Value]) -> String {
    format!(
        "row {} is missing from the database (deleted?) but the journal creates it",
        key_text(spec, row)
    )
}

fn changed_row(spec: &TableSpec, stored: &[Value], replayed: &[Value], column: usize) -> String {
    format!(
        "row {}: column {} is {} in the database but {} in the replay of the journal (edited?)",
        key_text(spec, stored),
        spec.columns[column].0,
        stored[column],
        replayed[column]
    )
}

async fn compare_paged(
    store: &Store,
    replica: &Store,
    spec: &TableSpec,
) -> Result<u64, VerifyError> {
    let mut after = i64::MIN;
    let mut rows = 0u64;
    let last_key = |page: &[Vec<Value>]| match page.last().map(|row| key_values(spec, row)) {
        Some(key) => match key.first() {
            Some(Value::Int(k)) => Some(*k),
            _ => None,
        },
        None => None,
    };
    loop {
        let (mut stored, mut replayed) = tokio::try_join!(
            fetch_page(store, spec, after),
            fetch_page(replica, spec, after)
        )?;
        // Pages bounded by bytes can end at different rows when a row differs in size: compare
        // up to the shorter one's end, and go on from there.
        let end = match (last_key(&stored), last_key(&replayed)) {
            (Some(s), Some(r)) => Some(s.min(r)),
            _ => None,
        };
        if let Some(end) = end {
            let within = |row: &Vec<Value>| match key_values(spec, row).first() {
                Some(Value::Int(k)) => *k <= end,
                _ => true,
            };
            stored.retain(within);
            replayed.retain(within);
        }
        if let Some(problem) = first_difference(spec, &stored, &replayed) {
            return Err(VerifyError::Table {
                table: spec.name.to_string(),
                problem,
            });
        }
        match end {
            Some(end) => {
                rows += stored.len() as u64;
                after = end;
            }
            // Both ended (a difference would have been found above otherwise).
            None => return Ok(rows + stored.len() as u64),
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
    let filter = crate::schema::PARTLY_COMPARED
        .iter()
        .find(|(name, _)| *name == spec.name)
        .map_or(String::new(), |(_, condition)| format!("WHERE {condition}"));
    format!(
        "SELECT {} FROM {} {filter} ORDER BY {}",
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

/// Compares a table of the database with the replay's, in key order, naming the first row that differs.
async fn compare_table(
    store: &Store,
    replica: &Store,
    spec: &TableSpec,
) -> Result<u64, VerifyError> {
    if paged(spec) {
        return compare_paged(store, replica, spec).await;
    }
    // Tables with text keys: both read as streams in byte order on both engines, a row of each
    // at a time (the national rolls and boxes are millions of rows: read whole, the two copies
    // took gigabytes).
    use futures_util::StreamExt;
    let mut stored = sqlx::query(AssertSqlSafe(select_all(spec, store.backend))).fetch(&store.pool);
    let mut replayed =
        sqlx::query(AssertSqlSafe(select_all(spec, replica.backend))).fetch(&replica.pool);
    let values = |row: Option<Result<AnyRow, sqlx::Error>>| {
        row.transpose()
            .doing("reading a table")?
            .map(|r| values_of(&r, spec))
            .transpose()
    };
    let mut rows = 0u64;
    loop {
        let s = values(stored.next().await)?;
        let r = values(replayed.next().await)?;
        match same_row(spec, s.as_deref(), r.as_deref()) {
            Ok(true) => rows += 1,
            Ok(false) => return Ok(rows),
            Err(problem) => {
                return Err(VerifyError::Table {
                    table: spec.name.to_string(),
                    problem,
                });
            }
        }
    }
}

/// The first leaf of the box that the journal lacks, and the first leaf of the journal that the
/// box lacks, walking both sorted lists once.
fn first_unmatched(held: &[Hash32], journal: &[Hash32]) -> (Option<Hash32>, Option<Hash32>) {
    let (mut extra, mut missing) = (None, None);
    let (mut h, mut j) = (held.iter().peekable(), journal.iter().peekable());
    loop {
        match (h.peek(), j.peek()) {
            (Some(a), Some(b)) if a == b => {
                h.next();
                j.next();
            }
            (Some(a), Some(b)) if a < b => {
                extra = extra.or(Some(**a));
                h.next();
            }
            (Some(_), Some(b)) => {
                missing = missing.or(Some(**b));
                j.next();
            }
            (Some(a), None) => {
                extra = extra.or(Some(**a));
                h.next();
            }
            (None, Some(b)) => {
                missing = missing.or(Some(**b));
                j.next();
            }
            (None, None) => return (extra, missing),
        }
        if extra.is_some() && missing.is_some() {
            return (extra, missing);
        }
    }
}
