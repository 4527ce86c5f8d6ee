//! `mandat poll …`: the counting commission's tools — checkpoints, close and count, results, the bulletin board, the signing key.

use crate::failure::Failure;
use mandat_core::Code;
use mandat_core::ballot::ServerKey;
use mandat_store::Store;
use std::path::Path;

pub fn print_key(key: &ServerKey) {
    println!("key id     {}", key.key_id());
    println!("public key {}", key.public_hex());
}

pub async fn checkpoint(store: &Store, key: &ServerKey, poll: &Code) -> Result<(), Failure> {
    match store
        .checkpoint(poll, key, jiff::Timestamp::now())
        .await
        .map_err(Failure::store)?
    {
        Ok(c) => {
            println!(
                "{} at {}: {} voters, {} ballots, root {} (key {})",
                c.poll, c.at, c.voters, c.ballots, c.root, c.key_id
            );
            Ok(())
        }
        Err(refused) if refused.to_string().contains("does not match the record") => {
            Err(Failure::Check(format!(
                "ALARM: the ballot box of {poll} does not match the journal — {refused}. Stop the poll (pause_poll) and call the counting commission."
            )))
        }
        Err(refused) => Err(Failure::Rejected(refused.to_string())),
    }
}

pub async fn close(
    store: &Store,
    poll: &Code,
    actor: String,
    reason: &str,
    lot_seed: Option<String>,
    youth_age_limit: u16,
) -> Result<(), Failure> {
    let receipt = store
        .close_and_count(
            poll,
            &actor,
            jiff::Timestamp::now(),
            reason,
            lot_seed,
            youth_age_limit,
        )
        .await
        .map_err(Failure::store)?
        .map_err(|refused| Failure::Rejected(refused.to_string()))?;
    eprintln!(
        "{poll} closed, sealed and counted (journal {}:{})",
        receipt.seq, receipt.hash
    );
    result(store, poll, false).await
}

pub async fn result(store: &Store, poll: &Code, json: bool) -> Result<(), Failure> {
    let row = store
        .poll_result(poll)
        .await
        .map_err(Failure::store)?
        .ok_or_else(|| Failure::Rejected(format!("{poll} is not counted yet")))?;
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
    let p = store.poll(poll).await.map_err(Failure::store)?;
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
        "ballots: {} online, {} on paper; method {}",
        row.electronic,
        row.paper,
        p.method.name()
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
    store: &Store,
    poll: &Code,
    json_out: Option<&Path>,
    blt_out: Option<&Path>,
) -> Result<(), Failure> {
    let (board, blt) = store.board(poll).await.map_err(Failure::store)?;
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
            "recount with: mandat tally --method {} {}",
            method_arg(board.method),
            path.display()
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
    store: &Store,
    campaign: &Code,
    target: &Code,
    places: Option<u32>,
    method: mandat_core::count::Apportionment,
    json: bool,
) -> Result<(), Failure> {
    let snap = store
        .read_snapshot_with_counts()
        .await
        .map_err(Failure::store)?;
    let t = snap
        .targets
        .get(&(campaign.clone(), target.clone()))
        .ok_or_else(|| {
            Failure::Rejected(format!(
                "target {target} of campaign {campaign} does not exist"
            ))
        })?;
    let places = places.unwrap_or(t.seats);
    let shares = mandat_core::primaries::quotas_under(
        &snap,
        &t.electorate_unit,
        places,
        method,
        mandat_core::primaries::DEFAULT_DEBATERS_PER_PLACE,
    )
    .map_err(|e| Failure::Rejected(format!("{target}: {e}")))?;
    if json {
        let text = serde_json::to_string(&shares)
            .map_err(|e| Failure::Internal(format!("quotas: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    println!(
        "{} places of {} ({}) among the units under {} by {}:",
        places, t.code, t.name, t.electorate_unit, method
    );
    println!(
        "{:<24} {:>9} {:>7} {:>9}",
        "unit", "members", "places", "debaters"
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
