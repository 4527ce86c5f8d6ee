//! `mandat demo` and `mandat demo-files`: the generated Almaty-region or national record.

use crate::failure::Failure;
use mandat_demo::Scale;
use mandat_store::{Pending, Store};
use std::path::Path;

const CHUNK: usize = 5000;

/// Applies the demo (units, campaign, members) in one transaction into an empty database.
pub async fn build(store: &Store, scale: Scale, seed: u64) -> Result<(), Failure> {
    let head = store.head().await.map_err(Failure::store)?;
    if head.seq > 0 {
        return Err(Failure::Rejected(format!(
            "the database {} already has {} journal entries; the demo is built into an empty one (choose another with --db)",
            store.display_url(),
            head.seq
        )));
    }
    let started = std::time::Instant::now();
    let recorded_at = crate::now_ms();
    let mut batch = store.begin().await.map_err(Failure::store)?;
    let mut commands = mandat_demo::commands(scale, seed).peekable();
    let progress = crate::import::progress_bar(0);
    while commands.peek().is_some() {
        let chunk: Vec<Pending> = commands
            .by_ref()
            .take(CHUNK)
            .map(|e| Pending::new(e, recorded_at))
            .collect();
        let count = chunk.len() as u64;
        let names: Vec<&'static str> = chunk.iter().map(|p| p.envelope.command.name()).collect();
        let results = batch.push_chunk(chunk).await.map_err(Failure::store)?;
        if let Some((name, Err(refused))) = names.iter().zip(results).find(|(_, r)| r.is_err()) {
            return Err(Failure::Internal(format!(
                "the demo generator made a command the rules refuse ({name}: {refused}); please report this"
            )));
        }
        progress.inc(count);
    }
    progress.finish_and_clear();
    let accepted = batch.accepted();
    let head = batch.commit().await.map_err(Failure::store)?;
    eprintln!(
        "demo: {accepted} commands applied in {:.1} s; journal head {}:{}",
        started.elapsed().as_secs_f64(),
        head.seq,
        head.hash
    );
    Ok(())
}

pub fn write_files(
    scale: Scale,
    seed: u64,
    count: Option<usize>,
    dir: &Path,
) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::io(&format!("{}: cannot create", dir.display()), e))?;
    let units_path = dir.join("units.csv");
    let members_path = dir.join("members.csv");
    let create = |p: &Path| {
        std::fs::File::create(p)
            .map(std::io::BufWriter::new)
            .map_err(|e| Failure::io(&format!("{}: cannot create", p.display()), e))
    };
    mandat_demo::write_units_csv(create(&units_path)?, scale, seed)
        .map_err(|e| Failure::io(&format!("{}: cannot write", units_path.display()), e))?;
    let count = count.unwrap_or_else(|| mandat_demo::member_commands(scale, seed).count());
    mandat_demo::write_members_csv(
        create(&members_path)?,
        mandat_demo::member_rows(scale, seed, count),
    )
    .map_err(|e| Failure::io(&format!("{}: cannot write", members_path.display()), e))?;
    eprintln!(
        "wrote {} and {} ({count} members; personal data of invented people)",
        units_path.display(),
        members_path.display()
    );
    Ok(())
}
