//! A batch of commands in one transaction: decided by core, written with their journal entries, all or nothing.

use crate::Store;
use crate::error::{Doing, StoreError};
use crate::load;
use crate::sql::{self, Bind};
use mandat_core::journal::Entry;
use mandat_core::{Change, Envelope, RuleError, Snapshot, decide};
use sqlx::{Any, Transaction};
use tokio::sync::OwnedMutexGuard;

/// A command waiting to be decided, with the time it is recorded.
#[derive(Clone, Debug)]
pub struct Pending {
    pub envelope: Envelope,
    /// Unix milliseconds; the journal's `recorded_at`.
    pub recorded_at: i64,
    /// The exact text to journal; `None` means the envelope's canonical text.
    /// Replay passes the original text so that it hashes the same bytes.
    pub text: Option<String>,
    /// Whether the ballot box itself (or a replay of its journal entries) submits this: only
    /// then are the box's own commands accepted (see [`mandat_core::Command::ballot_box_only`]).
    pub from_ballot_box: bool,
    /// Whether the entry point stores the command's file in the same batch (the signed scan of
    /// minutes, see [`mandat_core::Command::file_only`]).
    pub with_file: bool,
}

impl Pending {
    /// A command from a person's entry point (`mandat apply`, a form, an API call).
    pub fn new(envelope: Envelope, recorded_at: i64) -> Pending {
        Pending {
            envelope,
            recorded_at,
            text: None,
            from_ballot_box: false,
            with_file: false,
        }
    }

    /// A command the ballot box writes by itself (its batches, checkpoints and seal), or a
    /// replay of such an entry. Never for what a person typed or sent.
    pub fn from_ballot_box(envelope: Envelope, recorded_at: i64) -> Pending {
        Pending {
            from_ballot_box: true,
            ..Pending::new(envelope, recorded_at)
        }
    }
}

/// Where an accepted command stands in the journal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub seq: i64,
    pub hash: String,
}

// Rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound values.
const ROWS_PER_INSERT: usize = 400;

/// An open write transaction holding the writer lock. Dropping it without `commit` rolls back.
pub struct Batch {
    pub(crate) tx: Transaction<'static, Any>,
    pub(crate) backend: crate::Backend,
    _writer: OwnedMutexGuard<()>,
    snapshot: Snapshot,
    /// Where the snapshot goes back after the commit, when it holds the whole complete part
    /// (a light batch that loaded only the polls does not).
    memory: Option<std::sync::Arc<crate::record::Memory>>,
    /// Told of the new head after the commit, for this node's live views.
    heads: std::sync::Arc<crate::heads::Heads>,
    head_seq: i64,
    head_hash: String,
    /// The head's recorded time: entries never go back in time, even across nodes whose clocks differ.
    head_recorded_at: i64,
    new_members: Vec<Bind>,
    new_member_count: usize,
    journal: Vec<Bind>,
    journal_count: usize,
    /// Attendance rows waiting for one multi-row upsert (registration sheets check in hundreds at once).
    attendance: Vec<Bind>,
    attendance_keys: std::collections::HashSet<(mandat_core::Code, i64)>,
    /// Roll rows written in this transaction since PostgreSQL last gathered the roll's statistics.
    roll_rows_unanalyzed: u64,
    /// Whether a registry load may set the members' indexes aside (see `member_bulk`).
    member_keys: crate::member_bulk::MemberKeys,
    accepted: usize,
}

impl Store {
    /// Opens a write transaction: takes the writer lock, then the chain head under the database's write lock.
    pub async fn begin(&self) -> Result<Batch, StoreError> {
        self.begin_with(load::BaseLoad::Full).await
    }

    /// A transaction for ballot batches and checkpoints: their decisions look at polls and the
    /// roll only, so nothing else is loaded (they run every second while a poll is open).
    pub(crate) async fn begin_light(&self) -> Result<Batch, StoreError> {
        self.begin_with(load::BaseLoad::PollsOnly).await
    }

    /// The one way into a write transaction (commands, ballots, check-ins, sessions and codes):
    /// this node's writer lock first, then a transaction that holds the database's write lock
    /// from its first statement. On SQLite that is `BEGIN IMMEDIATE`: a deferred transaction
    /// that reads and then writes fails with SQLITE_BUSY_SNAPSHOT when another writer (another
    /// process) committed in between, whereas `BEGIN IMMEDIATE` waits for the lock (busy_timeout).
    /// On PostgreSQL writers wait on the row locks they take.
    pub(crate) async fn begin_write(
        &self,
        doing: &'static str,
    ) -> Result<(OwnedMutexGuard<()>, Transaction<'static, Any>), StoreError> {
        let writer = self.writer.clone().lock_owned().await;
        let tx = match self.backend {
            crate::Backend::Sqlite => self.writer_pool.begin_with("BEGIN IMMEDIATE").await,
            crate::Backend::Postgres => self.writer_pool.begin().await,
        }
        .doing(doing)?;
        Ok((writer, tx))
    }

    async fn begin_with(&self, load: load::BaseLoad) -> Result<Batch, StoreError> {
        let (writer, mut tx) = self.begin_write("starting a transaction").await?;
        // Writing first takes SQLite's write lock and PostgreSQL's row lock on the head, so that
        // two nodes can never read the same head.
        sqlx::query("UPDATE journal_head SET seq = seq WHERE id = 1")
            .execute(&mut *tx)
            .await
            .doing("locking the journal head")?;
        let row = sqlx::query("SELECT seq, hash FROM journal_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await
            .doing("reading the journal head")?;
        let head_seq = sql::int(&row, "seq")?;
        let head_hash = sql::text(&row, "hash")?;
        let head_recorded_at = match sqlx::query("SELECT recorded_at FROM journal WHERE seq = $1")
            .bind(head_seq)
            .fetch_optional(&mut *tx)
            .await
            .doing("reading the journal head's time")?
        {
            Some(row) => sql::int(&row, "recorded_at")?,
            None => i64::MIN,
        };
        let head = crate::record::Head {
            seq: head_seq,
            hash: head_hash.clone(),
        };
        // The record kept in memory at this head is what a complete load would read; a load
        // only of the polls is not kept afterwards.
        let (snapshot, complete) = match self.memory.caught_up(&mut tx, &head).await? {
            Some(kept) => (kept, true),
            None => {
                self.memory.count_load();
                (
                    load::base_snapshot(&mut tx, load).await?,
                    load == load::BaseLoad::Full,
                )
            }
        };
        Ok(Batch {
            tx,
            backend: self.backend,
            _writer: writer,
            snapshot,
            memory: complete.then(|| self.memory.clone()),
            heads: self.heads.clone(),
            head_seq,
            head_hash,
            head_recorded_at,
            new_members: Vec::new(),
            new_member_count: 0,
            journal: Vec::new(),
            journal_count: 0,
            attendance: Vec::new(),
            attendance_keys: std::collections::HashSet::new(),
            roll_rows_unanalyzed: 0,
            member_keys: crate::member_bulk::MemberKeys::default(),
            accepted: 0,
        })
    }

    /// Decides and records one command in its own transaction.
    pub async fn submit(&self, pending: Pending) -> Result<Receipt, StoreError> {
        let mut batch = self.begin().await?;
        let mut results = batch.push_chunk(vec![pending]).await?;
        let receipt = results
            .pop()
            .ok_or_else(|| StoreError::Corrupt("a batch of one gave no answer".into()))??;
        batch.commit().await?;
        Ok(receipt)
    }
}

impl Store {
    /// Records that the commands from now on are decided under this build's rules (`mandat
    /// upgrade`); `None` when they are in force already. Older commands keep the rules they were
    /// recorded under: a replay reads the version from the journal.
    pub async fn adopt_current_rules(
        &self,
        actor: &str,
        now: jiff::Timestamp,
    ) -> Result<Option<Receipt>, StoreError> {
        let mut batch = self.begin().await?;
        if batch.snapshot.rules_version >= mandat_core::RulesVersion::CURRENT {
            batch.rollback().await?;
            return Ok(None);
        }
        let envelope = Envelope {
            actor: actor.to_string(),
            held_at: now,
            command: mandat_core::command::AdoptRules {
                version: mandat_core::RulesVersion::CURRENT,
            }
            .into(),
        };
        let mut results = batch
            .push_chunk(vec![Pending::new(envelope, now.as_millisecond())])
            .await?;
        match results.pop() {
            Some(Ok(receipt)) => {
                batch.commit().await?;
                Ok(Some(receipt))
            }
            Some(Err(refused)) => Err(StoreError::Corrupt(format!(
                "the current rules could not be adopted: {refused}"
            ))),
            None => Err(StoreError::Corrupt("a batch of one gave no answer".into())),
        }
    }
}

impl Batch {
    /// Decides each command in order against the record as it stands after the ones before it.
    /// A refused command changes nothing and gets its error back; the others are written.
    pub async fn push_chunk(
        &mut self,
        mut items: Vec<Pending>,
    ) -> Result<Vec<Result<Receipt, RuleError>>, StoreError> {
        // A new database records the rules it is kept under before its first command (a replay
        // carries its own journal, which says which rules it was recorded under).
        let adopting = self.head_seq == 0
            && self.snapshot.rules_version < mandat_core::RulesVersion::CURRENT
            && items.first().is_some_and(|first| {
                first.text.is_none()
                    && !matches!(first.envelope.command, mandat_core::Command::AdoptRules(_))
            });
        if adopting && let Some(first) = items.first() {
            let recorded_at = first.recorded_at;
            let adopt = Envelope {
                actor: "mandat".to_string(),
                held_at: jiff::Timestamp::from_millisecond(recorded_at).map_err(|e| {
                    StoreError::Corrupt(format!("recorded_at {recorded_at} is not a time: {e}"))
                })?,
                command: mandat_core::command::AdoptRules {
                    version: mandat_core::RulesVersion::CURRENT,
                }
                .into(),
            };
            items.insert(0, Pending::new(adopt, recorded_at));
        }
        let mut iins = Vec::new();
        let mut phones = Vec::new();
        let mut meetings = Vec::new();
        let mut polls = Vec::new();
        let mut lists = Vec::new();
        let mut lists_of = Vec::new();
        let mut poll_box = false;
        let mut poll_counts = false;
        for item in &items {
            let needs = item.envelope.command.needs();
            iins.extend(needs.iins);
            phones.extend(needs.phones);
            meetings.extend(needs.meetings);
            polls.extend(needs.polls);
            lists.extend(needs.lists);
            lists_of.extend(needs.lists_of);
            poll_box |= needs.poll_box;
            poll_counts |= needs.poll_counts;
        }
        self.prepare_member_indexes(&items).await?;
        self.members_into(&iins, &phones).await?;
        for iin in &lists_of {
            lists.extend(self.snapshot.lists_standing_for(iin));
        }
        // A poll counted or a candidate registered later in this chunk reaches the snapshot
        // through `apply`; what the record already holds is loaded here.
        crate::lists::needs_into(&mut self.tx, self.backend, &mut self.snapshot, &lists).await?;
        let polls = load::PollNeeds {
            polls,
            iins,
            with_box: poll_box,
            with_counts: poll_counts,
        };
        load::polls_into(
            &mut self.tx,
            self.backend,
            &mut self.snapshot,
            &polls,
            &mut meetings,
        )
        .await?;
        load::details_into(&mut self.tx, self.backend, &mut self.snapshot, &meetings).await?;
        let mut results = Vec::with_capacity(items.len());
        // The polls whose roll was frozen or put earlier in this chunk.
        let mut rolls_changed: Vec<mandat_core::Code> = Vec::new();
        for item in items {
            if !rolls_changed.is_empty() {
                // A roll frozen earlier in this chunk is in the database now, not in the snapshot:
                // those polls' details and the members' live rolls are read again (only those:
                // reading every poll of the chunk again after each freeze made the national
                // primaries' 220 freezes quadratic).
                self.flush_members().await?;
                for poll in rolls_changed.drain(..) {
                    self.snapshot.poll_details.remove(&poll);
                }
                self.snapshot.rolls_of_member.clear();
                load::polls_into(
                    &mut self.tx,
                    self.backend,
                    &mut self.snapshot,
                    &polls,
                    &mut Vec::new(),
                )
                .await?;
            }
            // A replay (marked as the box's) carries the hash alone: the file is already kept.
            if item.envelope.command.file_only() && !(item.with_file || item.from_ballot_box) {
                results.push(Err(RuleError::FileOnlyCommand {
                    command: item.envelope.command.name().to_string(),
                }));
                continue;
            }
            if item.envelope.command.ballot_box_only() && !item.from_ballot_box {
                results.push(Err(RuleError::BoxOnlyCommand {
                    command: item.envelope.command.name().to_string(),
                }));
                continue;
            }
            let seq = self.head_seq + 1;
            let recorded_at = item.recorded_at.max(self.head_recorded_at);
            let recorded = jiff::Timestamp::from_millisecond(recorded_at).map_err(|e| {
                StoreError::Corrupt(format!("recorded_at {recorded_at} is not a time: {e}"))
            })?;
            match decide(&item.envelope, seq, recorded, &self.snapshot) {
                // The rules found the snapshot incomplete: the store's fault, never a refusal.
                Err(RuleError::Internal { what }) => return Err(StoreError::Corrupt(what)),
                Err(refused) => results.push(Err(refused)),
                Ok(changes) => {
                    for change in &changes {
                        self.write(change, seq).await?;
                        self.snapshot.apply(change);
                        match change {
                            Change::FreezeMembersRoll { poll, .. } => {
                                rolls_changed.push(poll.clone());
                            }
                            Change::PutRoll(entries) => {
                                rolls_changed.extend(entries.iter().map(|e| e.poll.clone()));
                                rolls_changed.dedup();
                            }
                            _ => {}
                        }
                        // A conference poll created in this chunk freezes its roll from the
                        // meeting's attendance: have it loaded for the commands after it.
                        if let Change::PutPoll(p) = change
                            && let mandat_core::poll::Electorate::CheckedIn { meeting } =
                                &p.electorate
                            && !self.snapshot.details.contains_key(meeting)
                        {
                            self.flush_attendance().await?;
                            load::details_into(
                                &mut self.tx,
                                self.backend,
                                &mut self.snapshot,
                                std::slice::from_ref(meeting),
                            )
                            .await?;
                        }
                    }
                    let text = item.text.unwrap_or_else(|| item.envelope.canonical());
                    self.head_recorded_at = recorded_at;
                    let entry = Entry::new(
                        seq,
                        recorded_at,
                        item.envelope.actor.clone(),
                        text,
                        std::mem::take(&mut self.head_hash),
                    );
                    self.head_seq = seq;
                    self.head_hash = entry.hash.clone();
                    results.push(Ok(Receipt {
                        seq,
                        hash: entry.hash.clone(),
                    }));
                    self.journal.extend([
                        Bind::Int(entry.seq),
                        Bind::Int(entry.recorded_at),
                        Bind::Text(entry.actor),
                        Bind::Text(entry.command),
                        Bind::Text(entry.prev_hash),
                        Bind::Text(entry.hash),
                    ]);
                    self.journal_count += 1;
                    self.accepted += 1;
                    if self.journal_count >= ROWS_PER_INSERT {
                        self.flush_journal().await?;
                    }
                }
            }
        }
        self.flush_members().await?;
        self.flush_attendance().await?;
        self.flush_journal().await?;
        if adopting {
            if results.is_empty() || results.remove(0).is_err() {
                return Err(StoreError::Corrupt(
                    "a new database could not adopt the current rules".into(),
                ));
            }
            // What the caller gave is what `accepted` counts.
            self.accepted -= 1;
        }
        // Members were written; later chunks look them up again, which keeps memory bounded.
        self.snapshot.clear_loaded();
        Ok(results)
    }

    /// Decides one entry of the ballot box's own for `poll` against `known`: what the box's
    /// writer holds of that poll's box, checked in this transaction, instead of the box read
    /// back from the database (which the rules would otherwise load for the entry).
    pub(crate) async fn push_box_entry(
        &mut self,
        entry: Pending,
        poll: &mandat_core::Code,
        known: mandat_core::state::PollDetail,
    ) -> Result<Vec<Result<Receipt, RuleError>>, StoreError> {
        self.snapshot.poll_details.insert(poll.clone(), known);
        self.push_chunk(vec![entry]).await
    }

    /// The record as this batch sees it.
    pub(crate) fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// Loads the members `iins` name into the batch's record: what a check before a decision
    /// (the authorization policy) needs to place a member in their unit.
    pub(crate) async fn load_members(
        &mut self,
        iins: &[mandat_core::Iin],
    ) -> Result<(), StoreError> {
        self.members_into(iins, &[]).await
    }

    /// Loads the voters and their roll entries for a batch of casts.
    pub(crate) async fn load_for_casts(
        &mut self,
        iins: &[mandat_core::Iin],
        needs: &load::PollNeeds,
    ) -> Result<(), StoreError> {
        self.members_into(iins, &[]).await?;
        load::polls_into(
            &mut self.tx,
            self.backend,
            &mut self.snapshot,
            needs,
            &mut Vec::new(),
        )
        .await
    }

    /// How many commands this batch has accepted so far.
    pub fn accepted(&self) -> usize {
        self.accepted
    }

    /// Whether the members' indexes are set aside for a registry load (built again before any
    /// other chunk and at the commit).
    pub fn member_indexes_aside(&self) -> bool {
        self.member_keys.indexes_down()
    }

    pub fn head(&self) -> Receipt {
        Receipt {
            seq: self.head_seq,
            hash: self.head_hash.clone(),
        }
    }

    /// Before a chunk: a chunk of registrations alone, large enough, into a table whose every
    /// row the batch knows, sets the members' indexes aside; any other chunk builds them first.
    async fn prepare_member_indexes(&mut self, items: &[Pending]) -> Result<(), StoreError> {
        use mandat_core::Command;
        let registering = items
            .iter()
            .filter(|item| {
                matches!(
                    item.envelope.command,
                    Command::RegisterMember(_) | Command::RegisterPerson(_)
                )
            })
            .count();
        if registering > 0 {
            self.member_keys.look(&mut self.tx).await?;
        }
        if registering == items.len() && registering >= crate::member_bulk::AT_LEAST {
            self.member_keys.take_down(&mut self.tx).await
        } else {
            self.flush_members().await?;
            self.member_keys.build(&mut self.tx).await
        }
    }

    /// Loads into the batch's record the members these IINs or phones name: through the
    /// indexes, or while they are set aside, through the batch's own keys and the primary key.
    async fn members_into(
        &mut self,
        iins: &[mandat_core::Iin],
        phones: &[mandat_core::Phone],
    ) -> Result<(), StoreError> {
        if !self.member_keys.indexes_down() {
            return load::members_into(
                &mut self.tx,
                self.backend,
                &mut self.snapshot,
                iins,
                phones,
            )
            .await;
        }
        let ids = self.member_keys.candidates(iins, phones);
        if ids.is_empty() {
            return Ok(());
        }
        self.flush_members().await?;
        load::members_by_id_into(&mut self.tx, self.backend, &mut self.snapshot, &ids).await
    }

    /// On PostgreSQL, gathers the roll's statistics again once this transaction has written more
    /// than a tenth of the rows they know of (autovacuum's own rule, which only acts after the
    /// commit). Without them, a roll frozen earlier in the same transaction looks empty to the
    /// planner, which then reads a poll's whole roll for every chunk of members it looks up: the
    /// national primaries' nominations took over a second per lookup.
    async fn analyze_roll_if_grown(&mut self) -> Result<(), StoreError> {
        const AT_LEAST: u64 = 10_000;
        if self.backend != crate::Backend::Postgres || self.roll_rows_unanalyzed < AT_LEAST {
            return Ok(());
        }
        let known = sqlx::query(
            "SELECT CAST(GREATEST(reltuples, 0) AS BIGINT) AS n FROM pg_class WHERE oid = CAST('poll_roll' AS regclass)",
        )
        .fetch_one(&mut *self.tx)
        .await
        .doing("reading the roll's statistics")?;
        let known = u64::try_from(sql::int(&known, "n")?).unwrap_or(0);
        if self.roll_rows_unanalyzed * 10 < known {
            return Ok(());
        }
        sqlx::query("ANALYZE poll_roll")
            .execute(&mut *self.tx)
            .await
            .doing("gathering the roll's statistics")?;
        self.roll_rows_unanalyzed = 0;
        Ok(())
    }

    async fn write(&mut self, change: &Change, seq: i64) -> Result<(), StoreError> {
        match change {
            // Registrations are the bulk of every import: buffered into multi-row inserts.
            Change::PutMember(m) if m.id == seq => {
                self.member_keys.registered(m.id, &m.iin, &m.phone);
                sql::member_binds(m, &mut self.new_members);
                self.new_member_count += 1;
                if self.new_member_count >= ROWS_PER_INSERT {
                    self.flush_members().await?;
                }
                Ok(())
            }
            Change::PutAttendance(a) => {
                // One multi-row upsert may not touch a row twice: flush first if it would.
                if !self.attendance_keys.insert((a.meeting.clone(), a.member)) {
                    self.flush_attendance().await?;
                    self.attendance_keys.insert((a.meeting.clone(), a.member));
                }
                crate::meetings::attendance_binds(a, &mut self.attendance);
                if self.attendance_keys.len() >= ROWS_PER_INSERT {
                    self.flush_attendance().await?;
                }
                Ok(())
            }
            // Every other change is written at once, by the one exhaustive dispatch over `Change`.
            change => {
                self.flush_members().await?;
                if let Change::PutMember(_) = change {
                    self.member_keys.build(&mut self.tx).await?;
                    self.member_keys.changed();
                }
                let mut written = 0;
                for (sql, values, doing) in crate::write::statements(self.backend, change, seq)? {
                    written += sql::execute(&mut self.tx, sql, values, doing).await?;
                }
                if matches!(
                    change,
                    Change::FreezeMembersRoll { .. } | Change::PutRoll(_)
                ) {
                    self.roll_rows_unanalyzed += written;
                    self.analyze_roll_if_grown().await?;
                }
                Ok(())
            }
        }
    }

    async fn flush_members(&mut self) -> Result<(), StoreError> {
        if self.new_member_count == 0 {
            return Ok(());
        }
        let sql = sql::insert_many(
            self.backend,
            "members",
            sql::MEMBER_COLUMNS,
            self.new_member_count,
            None,
        );
        let values = std::mem::take(&mut self.new_members);
        self.new_member_count = 0;
        sql::execute(&mut self.tx, sql, values, "writing members").await?;
        Ok(())
    }

    async fn flush_attendance(&mut self) -> Result<(), StoreError> {
        if self.attendance_keys.is_empty() {
            return Ok(());
        }
        let sql = sql::insert_many(
            self.backend,
            "attendance",
            crate::meetings::ATTENDANCE_COLUMNS,
            self.attendance_keys.len(),
            Some(&["meeting", "member"]),
        );
        let values = std::mem::take(&mut self.attendance);
        self.attendance_keys.clear();
        sql::execute(&mut self.tx, sql, values, "writing attendance").await?;
        Ok(())
    }

    async fn flush_journal(&mut self) -> Result<(), StoreError> {
        if self.journal_count == 0 {
            return Ok(());
        }
        let sql = sql::insert_many(
            self.backend,
            "journal",
            sql::JOURNAL_COLUMNS,
            self.journal_count,
            None,
        );
        let values = std::mem::take(&mut self.journal);
        self.journal_count = 0;
        sql::execute(&mut self.tx, sql, values, "writing the journal").await?;
        Ok(())
    }

    /// Writes the new chain head and commits: after this returns, every accepted command is durable.
    pub async fn commit(mut self) -> Result<Receipt, StoreError> {
        self.flush_members().await?;
        self.member_keys.build(&mut self.tx).await?;
        self.flush_attendance().await?;
        self.flush_journal().await?;
        sqlx::query("UPDATE journal_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(self.head_seq)
            .bind(self.head_hash.clone())
            .execute(&mut *self.tx)
            .await
            .doing("writing the journal head")?;
        let head = self.head();
        if self.accepted > 0 {
            Store::announce(&mut self.tx, self.backend, head.seq).await?;
        }
        self.tx.commit().await.doing("committing")?;
        self.heads.moved(head.seq);
        if let Some(memory) = self.memory.take() {
            let written = crate::record::Head {
                seq: head.seq,
                hash: head.hash.clone(),
            };
            memory.keep_written(written, std::mem::take(&mut self.snapshot));
        }
        Ok(head)
    }

    /// Abandons every change of the batch.
    pub async fn rollback(self) -> Result<(), StoreError> {
        self.tx.rollback().await.doing("rolling back")
    }
}
