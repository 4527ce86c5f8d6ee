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
        let envelope = Envelope::parse(trimmed).map_err(|error| Failure::UnreadableInFile {
            file: path.display().to_string(),
            line: number,
            error,
        })?;
        commands.push((number, envelope));
    }
    if commands.is_empty() {
        return Err(Failure::said(
            "no-commands",
            vec![("file", path.display().to_string().into())],
        ));
    }
    let total = commands.len();
    let app = mandat_app::App::new(store.clone());
    let head = match app
        .apply_all(commands, jiff::Timestamp::now())
        .await
        .map_err(Failure::app)?
    {
        Ok(head) => head,
        Err(refused) if refused.refused.is_internal() => {
            return Err(Failure::refused(refused.refused));
        }
        Err(refused) => {
            return Err(Failure::RefusedInFile {
                file: path.display().to_string(),
                line: refused.line,
                command: refused.name,
                refusal: Box::new(refused.refused),
            });
        }
    };
    eprintln!(
        "{}",
        crate::words::say(
            "applied",
            &[
                ("file", path.display().to_string().into()),
                ("total", total.into()),
                ("head", format!("{}:{}", head.seq, head.hash).into()),
            ],
        )
    );
    Ok(())
}
