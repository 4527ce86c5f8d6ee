//! Submitting commands as an identified actor: one at a time (a form, a desk), or a whole file all or nothing (`mandat apply`).

use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::{Command, Envelope, RuleError};
use mandat_store::{Batch, Pending, Receipt};

/// Commands decided per chunk of a file: bounded memory, one transaction for the whole file.
const CHUNK: usize = 2000;

/// A command of a file that was refused; nothing of the file was applied.
#[derive(Debug)]
pub struct Refused {
    /// The caller's number for the command (the file's line).
    pub line: usize,
    /// The command's name (`open_meeting`).
    pub name: &'static str,
    pub refused: RuleError,
}

/// The envelope of `command` given by `actor`, taking effect at `held_at`.
pub fn submit_as(actor: &str, command: Command, held_at: Timestamp) -> Envelope {
    Envelope {
        actor: actor.to_string(),
        held_at,
        command,
    }
}

/// Commands decided in one transaction, chunk after chunk (imports of millions of rows, files
/// of commands): nothing is recorded until `commit`, and `abandon` leaves the record as it was.
pub struct Bulk {
    batch: Batch,
    /// Unix milliseconds; every command's `recorded_at`.
    recorded_at: i64,
}

impl Bulk {
    /// Decides each command in order against the record as it stands after the ones before it;
    /// a refused command changes nothing and gets its refusal back.
    pub async fn decide(
        &mut self,
        commands: Vec<Envelope>,
    ) -> Result<Vec<Result<Receipt, RuleError>>, AppError> {
        let recorded_at = self.recorded_at;
        Ok(self
            .batch
            .push_chunk(
                commands
                    .into_iter()
                    .map(|e| Pending::new(e, recorded_at))
                    .collect(),
            )
            .await?)
    }

    /// How many commands were accepted so far.
    pub fn accepted(&self) -> usize {
        self.batch.accepted()
    }

    /// Records every accepted command; answers the new journal head.
    pub async fn commit(self) -> Result<Receipt, AppError> {
        Ok(self.batch.commit().await?)
    }

    /// Records nothing.
    pub async fn abandon(self) -> Result<(), AppError> {
        Ok(self.batch.rollback().await?)
    }
}

impl App {
    /// Opens a bulk of commands recorded at `now` (it holds the writer until committed or abandoned).
    pub async fn begin_bulk(&self, now: Timestamp) -> Result<Bulk, AppError> {
        Ok(Bulk {
            batch: self.store.begin().await?,
            recorded_at: now.as_millisecond(),
        })
    }

    /// Decides and records one command given by `actor`, taking effect at `held_at`, recorded at `now`.
    pub async fn submit(
        &self,
        actor: &str,
        command: Command,
        held_at: Timestamp,
        now: Timestamp,
    ) -> Result<Receipt, AppError> {
        self.submit_envelope(submit_as(actor, command, held_at), now)
            .await
    }

    /// Decides and records one command whose envelope (actor, time) is already made.
    pub async fn submit_envelope(
        &self,
        envelope: Envelope,
        now: Timestamp,
    ) -> Result<Receipt, AppError> {
        Ok(self
            .store
            .submit(Pending::new(envelope, now.as_millisecond()))
            .await?)
    }

    /// Attaches the hand-signed scan of a meeting's minutes (a PDF, JPEG or PNG, recognized by
    /// its first bytes): the file is stored and its hash journaled together, as `actor`.
    pub async fn attach_signed_minutes(
        &self,
        meeting: &mandat_core::Code,
        actor: &str,
        content: &[u8],
        now: Timestamp,
    ) -> Result<Receipt, AppError> {
        let media_type = scan_media_type(content).ok_or_else(|| {
            AppError::Refused(RuleError::ScanType {
                media_type: "?".into(),
            })
        })?;
        self.store
            .attach_signed_minutes(meeting, actor, media_type, content, now)
            .await?
            .map_err(AppError::Refused)
    }

    /// Records numbered commands (each with its own actor) in one transaction, all or nothing:
    /// the first refused command is returned and nothing is applied. Answers the new journal head.
    pub async fn apply_all(
        &self,
        commands: Vec<(usize, Envelope)>,
        now: Timestamp,
    ) -> Result<Result<Receipt, Refused>, AppError> {
        let mut bulk = self.begin_bulk(now).await?;
        let mut rest = commands.into_iter().peekable();
        while rest.peek().is_some() {
            let chunk: Vec<(usize, Envelope)> = rest.by_ref().take(CHUNK).collect();
            let lines: Vec<usize> = chunk.iter().map(|(n, _)| *n).collect();
            let names: Vec<&'static str> = chunk.iter().map(|(_, e)| e.command.name()).collect();
            let results = bulk
                .decide(chunk.into_iter().map(|(_, e)| e).collect())
                .await?;
            for ((line, name), result) in lines.into_iter().zip(names).zip(results) {
                if let Err(refused) = result {
                    bulk.abandon().await?;
                    return Ok(Err(Refused {
                        line,
                        name,
                        refused,
                    }));
                }
            }
        }
        Ok(Ok(bulk.commit().await?))
    }
}

/// The type of a scan by its first bytes (the name and the sender's word are not trusted).
pub fn scan_media_type(content: &[u8]) -> Option<&'static str> {
    if content.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if content.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}
