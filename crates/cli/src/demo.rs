//! `mandat demo` and `mandat demo-files`: the generated Almaty-region or national record.

use crate::DemoPart;
use crate::failure::Failure;
use mandat_demo::Scale;
use mandat_store::{Pending, Store};
use std::path::Path;

const CHUNK: usize = 5000;

/// Applies the demo in one transaction: the registry into an empty database, then (or only) the
/// ladder. Each command is recorded a minute after it took effect, as if typed in on the day, so
/// that the entry deadlines of November 2020 hold.
pub async fn build(store: &Store, scale: Scale, seed: u64, part: DemoPart) -> Result<(), Failure> {
    let head = store.head().await.map_err(Failure::store)?;
    let commands: Box<dyn Iterator<Item = mandat_core::Envelope> + Send> = match part {
        DemoPart::All => Box::new(mandat_demo::full_demo(scale, seed)),
        DemoPart::Registry => Box::new(mandat_demo::commands(scale, seed)),
        DemoPart::Ladder => Box::new(mandat_demo::ladder_commands(scale, seed).into_iter()),
    };
    if part == DemoPart::Ladder {
        if head.seq == 0 {
            return Err(Failure::Rejected(
                "the ladder is built onto the demo registry: run `mandat demo --part registry` with the same scale and seed first".into(),
            ));
        }
    } else if head.seq > 0 {
        return Err(Failure::Rejected(format!(
            "the database {} already has {} journal entries; the demo is built into an empty one (choose another with --db)",
            store.display_url(),
            head.seq
        )));
    }
    let started = std::time::Instant::now();
    let mut batch = store.begin().await.map_err(Failure::store)?;
    let mut commands = commands.peekable();
    let progress = crate::import::progress_bar(0);
    while commands.peek().is_some() {
        let chunk: Vec<Pending> = commands
            .by_ref()
            .take(CHUNK)
            .map(|e| {
                let recorded_at = e.held_at.as_millisecond() + 60_000;
                Pending::new(e, recorded_at)
            })
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
