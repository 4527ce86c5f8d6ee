//! `mandat poll …`: the counting commission's tools — checkpoints, close and count, results, the bulletin board, the signing key.

use crate::failure::Failure;
use crate::words::say;
use mandat_app::ReceiptFinding;
use mandat_core::Code;
use mandat_core::ballot::{Receipt, ServerKey};
use mandat_store::Store;
use std::path::Path;

pub fn print_key(key: &ServerKey) {
    println!("key id     {}", key.key_id());
    println!("public key {}", key.public_hex());
}

/// Checks a poll's ballot box against the journal now and prints its latest signed checkpoint.
pub async fn checkpoint(app: &mandat_app::App, poll: &Code) -> Result<(), Failure> {
    app.poll(poll).await.map_err(Failure::store)?;
    let audit = app.audit_box(poll).await.map_err(Failure::store)?;
    println!(
        "{}",
        say(
            "box-audit",
            &[
                ("poll", poll.as_str().into()),
                ("voters", audit.voters.into()),
                ("ballots", audit.ballots.into()),
                ("committed", audit.committed.into()),
                ("held", audit.ballots.saturating_sub(audit.committed).into()),
            ],
        )
    );
    match app.checkpoints(poll).await.map_err(Failure::store)?.last() {
        Some(c) => println!(
            "{}",
            say(
                "latest-checkpoint",
                &[
                    ("at", c.at.to_string().into()),
                    ("voters", c.voters.into()),
                    ("ballots", c.ballots.into()),
                    ("root", c.root.to_string().into()),
                    ("key", c.key_id.to_string().into()),
                ],
            )
        ),
        None => println!("{}", say("no-checkpoint", &[])),
    }
    if audit.problems.is_empty() {
        return Ok(());
    }
    Err(Failure::check(
        "box-alarm",
        vec![
            ("poll", poll.as_str().into()),
            ("problems", audit.problems.join("; ").into()),
        ],
    ))
}

/// Checks a voter's receipt file: the server's signature, then the ballot on the board (after
/// the count) or under the latest signed checkpoint with its inclusion proof (while open).
pub async fn check_receipt(store: &Store, file: &Path, public_key: &str) -> Result<(), Failure> {
    let text = crate::input::read_utf8(file)?;
    // The receipt as the voting API answers it, or the receipt object alone.
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        Failure::said(
            "receipt-not-json",
            vec![
                ("file", file.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
        )
    })?;
    let receipt: Receipt = serde_json::from_value(value.get("receipt").cloned().unwrap_or(value))
        .map_err(|e| {
        Failure::said(
            "not-a-receipt",
            vec![
                ("file", file.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
        )
    })?;
    let app = mandat_app::App::new(store.clone());
    let finding = app
        .check_receipt(&receipt, public_key)
        .await
        .map_err(Failure::app)?;
    if finding == ReceiptFinding::BadSignature {
        return Err(Failure::check(
            "receipt-bad-signature",
            vec![
                ("public_key", public_key.into()),
                ("key", receipt.key_id.to_string().into()),
            ],
        ));
    }
    let tracker = receipt.tracker.to_string();
    let poll = receipt.poll.to_string();
    println!(
        "{}",
        say(
            "receipt-signed",
            &[
                ("key", receipt.key_id.to_string().into()),
                ("tracker", tracker.as_str().into()),
                ("poll", poll.as_str().into()),
            ],
        )
    );
    let about = |key: &'static str| {
        Failure::check(
            key,
            vec![
                ("tracker", tracker.as_str().into()),
                ("poll", poll.as_str().into()),
            ],
        )
    };
    match finding {
        ReceiptFinding::BadSignature => Ok(()),
        ReceiptFinding::NotOnBoard => Err(about("receipt-not-on-board")),
        ReceiptFinding::OnBoard => {
            println!("{}", say("receipt-on-board", &[]));
            Ok(())
        }
        ReceiptFinding::NotInBox => Err(about("receipt-not-in-box")),
        ReceiptFinding::HeldBack => {
            println!("{}", say("receipt-held-back", &[]));
            Ok(())
        }
        ReceiptFinding::NotProven { checkpoint } => Err(Failure::check(
            "receipt-not-proven",
            vec![
                ("poll", poll.as_str().into()),
                ("at", checkpoint.at.to_string().into()),
            ],
        )),
        ReceiptFinding::Proven {
            checkpoint,
            index,
            size,
        } => {
            println!(
                "{}",
                say(
                    "receipt-proven",
                    &[
                        ("leaf", (index + 1).into()),
                        ("size", size.into()),
                        ("root", checkpoint.root.to_string().into()),
                        ("at", checkpoint.at.to_string().into()),
                    ],
                )
            );
            Ok(())
        }
    }
}

pub async fn close(
    store: &Store,
    poll: &Code,
    actor: String,
    reason: &str,
    lot_seed: Option<String>,
    youth_age_limit: u16,
    key: &ServerKey,
) -> Result<(), Failure> {
    let app = mandat_app::App::new(store.clone());
    let close = mandat_app::Close {
        reason: reason.to_string(),
        lot_seed,
        youth_age_limit,
    };
    let receipt = app
        .close_and_count(poll, &actor, close, key, jiff::Timestamp::now())
        .await
        .map_err(Failure::app)?;
    eprintln!(
        "{}",
        say(
            "poll-counted",
            &[
                ("poll", poll.as_str().into()),
                ("head", format!("{}:{}", receipt.seq, receipt.hash).into()),
            ],
        )
    );
    result(&app, poll, false).await
}

/// Where a member had already voted, as the record says it (`online`, `at station S`), in the
/// reader's language.
fn already_words(already: &str) -> String {
    match already.strip_prefix("at station ") {
        Some(station) => say("conflict-already-station", &[("station", station.into())]),
        None if already == "online" => say("conflict-already-online", &[]),
        None => already.to_string(),
    }
}

/// `mandat poll conflicts`: each member marked twice, with the commission's resolution.
pub async fn conflicts(app: &mandat_app::App, poll: &Code, json: bool) -> Result<(), Failure> {
    let rows = app.station_conflicts(poll).await.map_err(Failure::store)?;
    if json {
        let listed: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "station": r.station,
                    "full_name": r.full_name,
                    "iin": r.iin,
                    "already": r.already,
                    "resolution": r.resolution,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({ "poll": poll, "conflicts": listed })
        );
        return Ok(());
    }
    if rows.is_empty() {
        println!(
            "{}",
            say("conflicts-none", &[("poll", poll.as_str().into())])
        );
        return Ok(());
    }
    for r in &rows {
        let state = match &r.resolution {
            None => say("conflict-unresolved", &[]),
            Some(done) => say(
                "conflict-resolved",
                &[
                    (
                        "outcome",
                        say(&format!("conflict-outcome-{}", done.outcome.as_str()), &[]).into(),
                    ),
                    ("decision", done.decision.as_str().into()),
                ],
            ),
        };
        println!(
            "{}",
            say(
                "conflict-line",
                &[
                    ("station", r.station.as_str().into()),
                    ("name", r.full_name.as_str().into()),
                    ("iin", r.iin.as_str().into()),
                    ("already", already_words(&r.already).into()),
                    ("state", state.into()),
                ],
            )
        );
    }
    Ok(())
}

pub async fn result(app: &mandat_app::App, poll: &Code, json: bool) -> Result<(), Failure> {
    let row = app
        .poll_result(poll)
        .await
        .map_err(Failure::store)?
        .ok_or_else(|| Failure::said("not-counted-yet", vec![("poll", poll.as_str().into())]))?;
    if json {
        println!(
            "{{\"poll\":{},\"electronic\":{},\"paper\":{},\"outcome\":{},\"ratings\":{}}}",
            serde_json::Value::String(poll.to_string()),
            row.electronic,
            row.paper,
            row.outcome,
            if row.ratings.is_empty() {
                "null"
            } else {
                &row.ratings
            }
        );
        return Ok(());
    }
    let p = app.poll(poll).await.map_err(Failure::store)?;
    let outcome: serde_json::Value = serde_json::from_str(&row.outcome)
        .map_err(|e| Failure::Internal(format!("{poll}: stored outcome unreadable: {e}")))?;
    let label = |code: &str| {
        p.options
            .iter()
            .find(|o| o.code == code)
            .map_or(code.to_string(), |o| o.label.clone())
    };
    println!("{} — {}", p.code, p.title);
    println!(
        "{}",
        say(
            "poll-ballots",
            &[
                ("online", row.electronic.into()),
                ("paper", row.paper.into()),
                ("method", p.method.name().into()),
            ],
        )
    );
    if let Some(ranking) = outcome["ranking"].as_array() {
        for (place, group) in ranking.iter().enumerate() {
            let names: Vec<String> = group
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|c| c.as_str())
                .map(label)
                .collect();
            println!("{:>3}. {}", place + 1, names.join(" = "));
        }
    }
    Ok(())
}

pub async fn board(
    app: &mandat_app::App,
    poll: &Code,
    json_out: Option<&Path>,
    blt_out: Option<&Path>,
) -> Result<(), Failure> {
    let (board, blt) = app.board(poll).await.map_err(Failure::store)?;
    let json = serde_json::to_string_pretty(&board)
        .map_err(|e| Failure::Internal(format!("board of {poll}: {e}")))?;
    match json_out {
        Some(path) => std::fs::write(path, json)
            .map_err(|e| Failure::io(&format!("{}: cannot write", path.display()), e))?,
        None if blt_out.is_none() => println!("{json}"),
        None => {}
    }
    if let Some(path) = blt_out {
        std::fs::write(path, blt)
            .map_err(|e| Failure::io(&format!("{}: cannot write", path.display()), e))?;
        eprintln!(
            "{}",
            say(
                "recount-with",
                &[
                    ("method", method_arg(board.method).into()),
                    ("file", path.display().to_string().into()),
                ],
            )
        );
    }
    Ok(())
}

fn method_arg(method: mandat_core::count::Method) -> String {
    match method {
        mandat_core::count::Method::Approval {
            max_choices: Some(k),
        } => format!("approval:{k}"),
        other => other.name().to_string(),
    }
}

/// Shares a list's places among the branches under its electorate unit, with debaters.
pub async fn quotas(
    app: &mandat_app::App,
    campaign: &Code,
    target: &Code,
    places: Option<u32>,
    method: mandat_core::count::Apportionment,
    json: bool,
) -> Result<(), Failure> {
    let snap = app.snapshot().await.map_err(Failure::store)?;
    let t = snap
        .targets
        .get(&(campaign.clone(), target.clone()))
        .ok_or_else(|| {
            Failure::said(
                "no-such-target",
                vec![
                    ("campaign", campaign.as_str().into()),
                    ("target", target.as_str().into()),
                    ("targets", String::new().into()),
                ],
            )
        })?;
    let places = places.unwrap_or(t.seats);
    let shares = mandat_core::primaries::quotas_under(
        &snap,
        &t.electorate_unit,
        places,
        method,
        mandat_core::primaries::DEFAULT_DEBATERS_PER_PLACE,
    )
    .map_err(Failure::problem)?;
    if json {
        let text = serde_json::to_string(&shares)
            .map_err(|e| Failure::Internal(format!("quotas: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    println!(
        "{}",
        say(
            "quotas-heading",
            &[
                ("places", places.into()),
                ("target", t.code.as_str().into()),
                ("name", t.name.as_str().into()),
                ("unit", t.electorate_unit.as_str().into()),
                ("method", method.to_string().into()),
            ],
        )
    );
    println!(
        "{:<24} {:>9} {:>7} {:>9}",
        say("quotas-unit", &[]),
        say("quotas-members", &[]),
        say("quotas-places", &[]),
        say("quotas-debaters", &[])
    );
    for s in &shares {
        println!(
            "{:<24} {:>9} {:>7} {:>9}",
            s.branch.as_str(),
            s.members,
            s.places,
            s.debaters
        );
    }
    Ok(())
}
