//! `mandat journal export` and `mandat verify`.

use crate::failure::Failure;
use mandat_core::journal::Anchor;
use mandat_store::Store;
use std::io::Write;
use std::path::Path;

pub async fn export(store: &Store, out: Option<&Path>) -> Result<(), Failure> {
    let mut writer: Box<dyn Write> = match out {
        Some(path) => Box::new(std::io::BufWriter::new(owner_only(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut failed: Option<std::io::Error> = None;
    let mut count = 0u64;
    store
        .each_entry(|entry| {
            if failed.is_none() {
                let line = serde_json::json!({
                    "seq": entry.seq,
                    "recorded_at": entry.recorded_at,
                    "recorded_at_utc": jiff::Timestamp::from_millisecond(entry.recorded_at)
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    "actor": entry.actor,
                    "command": entry.command,
                    "prev_hash": entry.prev_hash,
                    "hash": entry.hash,
                });
                if let Err(e) = writeln!(writer, "{line}") {
                    failed = Some(e);
                }
                count += 1;
            }
            Ok(())
        })
        .await
        .map_err(Failure::store)?;
    if let Some(e) = failed {
        return Err(Failure::io("writing the export", e));
    }
    writer
        .flush()
        .map_err(|e| Failure::io("writing the export", e))?;
    if let Some(path) = out {
        eprintln!(
            "{}",
            crate::words::say(
                "journal-exported",
                &[
                    ("file", path.display().to_string().into()),
                    ("count", count.into()),
                ],
            )
        );
    }
    Ok(())
}

/// Creates the file readable and writable by its owner only, for files with personal data (the
/// journal, the election commission's list file).
pub(crate) fn owner_only(path: &Path) -> Result<std::fs::File, Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options
        .open(path)
        .map_err(|e| Failure::io(&format!("{}: cannot create", path.display()), e))?;
    #[cfg(unix)]
    {
        // An existing file keeps its old mode on open: set it explicitly.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| Failure::io(&format!("{}: cannot restrict", path.display()), e))?;
    }
    Ok(file)
}

pub async fn verify(
    store: &Store,
    anchors: &[Anchor],
    public_key: Option<&str>,
) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let failed = |problem: mandat_store::VerifyError| match problem {
        mandat_store::VerifyError::Store(e) => Failure::store(e),
        problem => Failure::check(
            "verify-failed",
            vec![("problem", problem.to_string().into())],
        ),
    };
    // Signatures first: they take seconds, the replay minutes, and both must hold (the replay
    // then proves the signed checkpoints are the journal's).
    let signed = match public_key {
        Some(key) => {
            let (polls, signatures) = store.verify_signatures(key.trim()).await.map_err(failed)?;
            crate::words::say(
                "verify-signed",
                &[("signatures", signatures.into()), ("polls", polls.into())],
            )
        }
        None => String::new(),
    };
    let report = store.verify(anchors).await.map_err(failed)?;
    let rows: u64 = report.tables.iter().map(|(_, n)| n).sum();
    println!(
        "{}",
        crate::words::say(
            "verify-ok",
            &[
                ("entries", report.entries.into()),
                ("head", report.head.to_string().into()),
                ("anchors", report.anchors.into()),
                ("rows", rows.into()),
                ("tables", report.tables.len().into()),
                ("signed", signed.into()),
                (
                    "seconds",
                    format!("{:.1}", started.elapsed().as_secs_f64()).into()
                ),
            ],
        )
    );
    Ok(())
}

/// `mandat upgrade`: fills the typed columns of rows an older version wrote, from a replay.
pub async fn upgrade(store: &Store, lang: mandat_core::Lang) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let missing = store.rows_missing_typed().await.map_err(Failure::store)?;
    let filled = store
        .fill_typed_later()
        .await
        .map_err(|problem| match problem {
            mandat_store::VerifyError::Store(e) => Failure::store(e),
            problem => Failure::check(
                "upgrade-failed",
                vec![("problem", problem.to_string().into())],
            ),
        })?;
    let adopted = store
        .adopt_current_rules("mandat upgrade", jiff::Timestamp::now())
        .await
        .map_err(Failure::store)?;
    if let Some(receipt) = adopted {
        println!(
            "{}",
            mandat_core::i18n::message_with(
                lang,
                "cli-upgrade-rules",
                &[
                    ("version", mandat_core::RulesVersion::CURRENT.0.into()),
                    ("seq", receipt.seq.into()),
                ],
            )
        );
    }
    println!(
        "{}",
        mandat_core::i18n::message_with(
            lang,
            "cli-upgrade-done",
            &[
                ("missing", missing.into()),
                ("filled", filled.into()),
                (
                    "seconds",
                    format!("{:.1}", started.elapsed().as_secs_f64()).into()
                ),
            ],
        )
    );
    Ok(())
}
