//! `mandat apply FILE.jsonl`: commands one per line, all or nothing, the first failing line named.

use crate::failure::Failure;
use crate::input::read_utf8;
use mandat_core::Envelope;
use mandat_store::Store;
use std::path::Path;

pub async fn run(store: &Store, path: &Path) -> Result<(), Failure> {
    let text = read_utf8(path)?;
    let mut commands: Vec<(usize, Envelope)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let envelope = Envelope::parse(trimmed).map_err(|e| {
            Failure::Rejected(format!(
                "{}: line {number}: {e}; nothing was applied",
                path.display()
            ))
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
    let app = mandat_app::App::new(store.clone());
    let head = match app
        .apply_all(commands, jiff::Timestamp::now())
        .await
        .map_err(crate::failure::Failure::app)?
    {
        Ok(head) => head,
        Err(refused) => {
            return Err(Failure::Rejected(format!(
                "{}: line {}: {} refused: {}; nothing was applied",
                path.display(),
                refused.line,
                refused.name,
                refused.refused
            )));
        }
    };
    eprintln!(
        "{}: applied {total} commands; journal head {}:{}",
        path.display(),
        head.seq,
        head.hash
    );
    Ok(())
}
