//! Submitting commands as an identified actor: one at a time (a form, a desk), or a whole file all or nothing (`mandat apply`).

use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::{Command, Envelope, RuleError};
use mandat_store::{Pending, Receipt};

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

impl App {
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

    /// Records numbered commands (each with its own actor) in one transaction, all or nothing:
    /// the first refused command is returned and nothing is applied. Answers the new journal head.
    pub async fn apply_all(
        &self,
        commands: Vec<(usize, Envelope)>,
        now: Timestamp,
    ) -> Result<Result<Receipt, Refused>, AppError> {
        let mut batch = self.store.begin().await?;
        let recorded_at = now.as_millisecond();
        let mut rest = commands.into_iter().peekable();
        while rest.peek().is_some() {
            let chunk: Vec<(usize, Envelope)> = rest.by_ref().take(CHUNK).collect();
            let lines: Vec<usize> = chunk.iter().map(|(n, _)| *n).collect();
            let names: Vec<&'static str> = chunk.iter().map(|(_, e)| e.command.name()).collect();
            let results = batch
                .push_chunk(
                    chunk
                        .into_iter()
                        .map(|(_, e)| Pending::new(e, recorded_at))
                        .collect(),
                )
                .await?;
            for ((line, name), result) in lines.into_iter().zip(names).zip(results) {
                if let Err(refused) = result {
                    batch.rollback().await?;
                    return Ok(Err(Refused {
                        line,
                        name,
                        refused,
                    }));
                }
            }
        }
        Ok(Ok(batch.commit().await?))
    }
}
