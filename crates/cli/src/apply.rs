//! `mandat apply FILE.jsonl`: commands one per line, all or nothing, the first failing line named.

use crate::failure::Failure;
use crate::input::read_utf8;
use mandat_core::Envelope;
use mandat_store::{Pending, Store};
use std::path::Path;

const CHUNK: usize = 2000;

pub async fn run(store: &Store, path: &Path) -> Result<(), Failure> {
    let text = read_utf8(path)?;
    let mut commands: Vec<(usize, Envelope)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let envelope = Envelope::parse(trimmed).map_err(|error| Failure::UnreadableInFile {
            file: path.display().to_string(),
            line: number,
            error,
        })?;
        commands.push((number, envelope));
    }
    if commands.is_empty() {
        return Err(Failure::Rejected(format!(
            "{}: no commands in the file (one JSON object per line; see docs/commands.md)",
            path.display()
        )));
    }
    let total = commands.len();
    let mut batch = store.begin().await.map_err(Failure::store)?;
    let recorded_at = crate::now_ms();
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
            .await
            .map_err(Failure::store)?;
        for ((line, name), result) in lines.iter().zip(names).zip(results) {
            if let Err(refused) = result {
                batch.rollback().await.map_err(Failure::store)?;
                if refused.is_internal() {
                    return Err(Failure::refused(refused));
                }
                return Err(Failure::RefusedInFile {
                    file: path.display().to_string(),
                    line: *line,
                    command: name,
                    refusal: Box::new(refused),
                });
            }
        }
    }
    let head = batch.commit().await.map_err(Failure::store)?;
    eprintln!(
        "{}: applied {total} commands; journal head {}:{}",
        path.display(),
        head.seq,
        head.hash
    );
    Ok(())
}
