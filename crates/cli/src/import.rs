//! `mandat import units|members`: every row checked, every bad row reported, nothing applied unless all are good.

use crate::failure::Failure;
use crate::input::read_utf8;
use indicatif::{ProgressBar, ProgressStyle};
use mandat_core::Envelope;
use mandat_core::Lang;
use mandat_core::i18n::{self, Problem};
use mandat_core::import::{self, DuplicateCheck, RowProblem};
use mandat_store::Store;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Units,
    Members,
}

pub struct Options {
    pub file: PathBuf,
    pub skip_invalid: bool,
    pub actor: Option<String>,
    pub held_at: Option<jiff::Timestamp>,
    /// The language of the reasons, in messages and in the reject file.
    pub lang: Lang,
}

/// A refused row: its line and byte offset in the file (to copy it into the reject file), and why.
struct Reject {
    line: u64,
    byte: u64,
    reason: RowProblem,
}

/// A row that passed its own checks and waits for the rules.
struct Row {
    line: u64,
    byte: u64,
    envelope: Envelope,
}

async fn decide_chunk(
    bulk: &mut mandat_app::Bulk,
    rows: Vec<Row>,
    rejects: &mut Vec<Reject>,
    progress: &ProgressBar,
) -> Result<(), Failure> {
    let places: Vec<(u64, u64)> = rows.iter().map(|r| (r.line, r.byte)).collect();
    let results = bulk
        .decide(rows.into_iter().map(|r| r.envelope).collect())
        .await
        .map_err(Failure::app)?;
    for ((line, byte), result) in places.iter().zip(results) {
        if let Err(refused) = result {
            rejects.push(Reject {
                line: *line,
                byte: *byte,
                reason: RowProblem::Refused(refused),
            });
        }
    }
    progress.inc(places.len() as u64);
    Ok(())
}

const CHUNK: usize = 5000;
const MAX_LISTED: usize = 200;

pub async fn run(store: &Store, kind: Kind, options: &Options) -> Result<(), Failure> {
    let path = &options.file;
    let text = read_utf8(path)?;
    let actor = options.actor.clone().unwrap_or_else(crate::default_actor);
    let held_at = options.held_at.unwrap_or_else(jiff::Timestamp::now);
    let expected = match kind {
        Kind::Units => import::UNIT_COLUMNS,
        Kind::Members => import::MEMBER_COLUMNS,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(Failure::said(
                "import-empty-file",
                vec![
                    ("file", path.display().to_string().into()),
                    ("header", expected.join(",").into()),
                ],
            ));
        }
        Some(Err(e)) => return Err(csv_failure(path, &e)),
        Some(Ok(h)) => h,
    };
    let header_fields: Vec<&str> = header.iter().collect();
    let positions = import::header_positions(&header_fields, expected).map_err(|problem| {
        Failure::said(
            "import-header",
            vec![
                ("file", path.display().to_string().into()),
                ("problem", problem.message(options.lang).into()),
            ],
        )
    })?;

    // Each row is parsed and checked on its own, then decided by the rules against the record and
    // the rows before it, all in one transaction. Units are put parent-first before deciding;
    // members stream through in chunks so that a file of millions of rows fits in memory.
    let mut rejects: Vec<Reject> = Vec::new();
    let mut duplicates = DuplicateCheck::default();
    let mut bulk = mandat_app::App::new(store.clone())
        .begin_bulk(jiff::Timestamp::now())
        .await
        .map_err(Failure::app)?;
    let progress = progress_bar(text.lines().count().saturating_sub(1) as u64);
    let mut pending: Vec<Row> = Vec::new();
    let mut rows_seen = 0usize;
    for record in records {
        let record = record.map_err(|e| csv_failure(path, &e))?;
        let (line, byte) = record.position().map_or((0, 0), |p| (p.line(), p.byte()));
        if record.len() == 1 && record.get(0).is_some_and(|f| f.trim().is_empty()) {
            continue; // a blank line
        }
        rows_seen += 1;
        if record.len() != header.len() {
            rejects.push(Reject {
                line,
                byte,
                reason: RowProblem::FieldCount {
                    found: record.len(),
                    header: header.len(),
                    columns: expected.join(","),
                },
            });
            continue;
        }
        let fields: Vec<&str> = positions
            .iter()
            .map(|&i| record.get(i).unwrap_or(""))
            .collect();
        let parsed = match kind {
            Kind::Units => import::unit_row(&fields, &actor, held_at),
            Kind::Members => import::member_row(&fields, &actor, held_at),
        };
        match parsed {
            Ok(envelope) => {
                let dup = duplicates.check(&envelope, line);
                if dup.is_empty() {
                    pending.push(Row {
                        line,
                        byte,
                        envelope,
                    });
                } else {
                    rejects.push(Reject {
                        line,
                        byte,
                        reason: RowProblem::Fields(dup),
                    });
                }
            }
            Err(errors) => rejects.push(Reject {
                line,
                byte,
                reason: RowProblem::Fields(errors),
            }),
        }
        if kind == Kind::Members && pending.len() >= CHUNK {
            decide_chunk(
                &mut bulk,
                std::mem::take(&mut pending),
                &mut rejects,
                &progress,
            )
            .await?;
        }
    }
    if rows_seen == 0 {
        return Err(Failure::said(
            "import-no-rows",
            vec![("file", path.display().to_string().into())],
        ));
    }
    if kind == Kind::Units {
        let lines: std::collections::HashMap<u64, u64> =
            pending.iter().map(|r| (r.line, r.byte)).collect();
        let (ordered, cycles) =
            import::parent_first(pending.into_iter().map(|r| (r.line, r.envelope)).collect());
        for (line, reason) in cycles {
            let byte = lines.get(&line).copied().unwrap_or(0);
            rejects.push(Reject { line, byte, reason });
        }
        pending = ordered
            .into_iter()
            .map(|(line, envelope)| Row {
                line,
                byte: lines.get(&line).copied().unwrap_or(0),
                envelope,
            })
            .collect();
    }
    while !pending.is_empty() {
        let rest = pending.split_off(pending.len().min(CHUNK));
        decide_chunk(&mut bulk, pending, &mut rejects, &progress).await?;
        pending = rest;
    }
    progress.finish_and_clear();
    rejects.sort_by_key(|r| r.line);

    let what = if kind == Kind::Units {
        "units"
    } else {
        "members"
    };
    let lang = options.lang;
    let file = path.display().to_string();
    if !rejects.is_empty() && !options.skip_invalid {
        bulk.abandon().await.map_err(Failure::app)?;
        return Err(Failure::said(
            "import-bad-rows",
            vec![
                ("listing", listing(path, &rejects, lang).into()),
                ("file", file.into()),
                ("count", rejects.len().into()),
            ],
        ));
    }
    let accepted = bulk.accepted();
    let head = bulk.commit().await.map_err(Failure::app)?;
    let head_text = format!("{}:{}", head.seq, head.hash);
    if rejects.is_empty() {
        eprintln!(
            "{}",
            i18n::message_with(
                lang,
                "cli-import-done",
                &[
                    ("file", file.into()),
                    ("accepted", accepted.into()),
                    ("what", what.into()),
                    ("head", head_text.into()),
                ],
            )
        );
        Ok(())
    } else {
        let reject_path = reject_file(path);
        write_rejects(&reject_path, &text, &header_fields, &rejects, lang)?;
        Err(Failure::said(
            "import-skipped",
            vec![
                ("listing", listing(path, &rejects, lang).into()),
                ("file", file.into()),
                ("accepted", accepted.into()),
                ("what", what.into()),
                ("count", rejects.len().into()),
                ("rejects", reject_path.display().to_string().into()),
                ("head", head_text.into()),
            ],
        ))
    }
}

fn listing(path: &Path, rejects: &[Reject], lang: Lang) -> String {
    let mut out: Vec<String> = rejects
        .iter()
        .take(MAX_LISTED)
        .map(|r| {
            i18n::message_with(
                lang,
                "cli-import-line",
                &[
                    ("file", path.display().to_string().into()),
                    ("line", r.line.into()),
                    ("reason", r.reason.message(lang).into()),
                ],
            )
        })
        .collect();
    if rejects.len() > MAX_LISTED {
        out.push(i18n::message_with(
            lang,
            "cli-import-more",
            &[("count", (rejects.len() - MAX_LISTED).into())],
        ));
    }
    out.join("\n")
}

fn csv_failure(path: &Path, e: &csv::Error) -> Failure {
    let line = e.position().map_or(0, |p| p.line());
    Failure::said(
        "import-csv",
        vec![
            ("file", path.display().to_string().into()),
            ("line", line.into()),
            ("error", e.to_string().into()),
        ],
    )
}

fn reject_file(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".rejects.csv");
    PathBuf::from(name)
}

/// The reject file: the header with `line` and `reason` added, and each bad row as it was in the file.
fn write_rejects(
    path: &Path,
    text: &str,
    header: &[&str],
    rejects: &[Reject],
    lang: Lang,
) -> Result<(), Failure> {
    let failure =
        |e: csv::Error| Failure::Internal(format!("{}: cannot write: {e}", path.display()));
    let mut writer = csv::Writer::from_path(path).map_err(failure)?;
    let mut head: Vec<&str> = vec!["line"];
    head.extend(header);
    head.push("reason");
    writer.write_record(&head).map_err(failure)?;
    for r in rejects {
        let mut row = vec![r.line.to_string()];
        row.extend(original_record(text, r.byte));
        row.push(r.reason.message(lang));
        writer.write_record(&row).map_err(failure)?;
    }
    writer
        .flush()
        .map_err(|e| Failure::io(&format!("{}: cannot write", path.display()), e))
}

/// The fields of the record that starts at `byte` of the file.
fn original_record(text: &str, byte: u64) -> Vec<String> {
    let rest = text.get(byte as usize..).unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(rest.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .unwrap_or_default()
}

pub fn progress_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} rows  {per_sec}  eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
