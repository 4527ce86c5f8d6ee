//! Rows of the party-list tables: how list rules, lists and their events are written, read back and loaded for decisions.

use crate::Backend;
use crate::error::{Doing, StoreError};
use crate::meetings::{code_of, damaged, from_json, select, time};
use crate::sql::{self, Bind, int, opt_text, text};
use mandat_core::lists::{ListEvent, PartyList, TargetListRules};
use mandat_core::poll::{PollResult, PollStatus};
use mandat_core::{Code, Snapshot};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe};
use std::collections::BTreeSet;

pub(crate) const RULES_COLUMNS: &[&str] = &["campaign", "target", "body"];
pub(crate) const LIST_COLUMNS: &[&str] = &["campaign", "target", "status", "revision", "body"];
pub(crate) const EVENT_COLUMNS: &[&str] = &[
    "campaign", "target", "number", "seq", "at", "actor", "kind", "text", "reason", "revision",
    "detail",
];

/// Poll results per statement (well under both engines' bound-value limits).
const CHUNK: usize = 400;

fn key_of(row: &AnyRow) -> Result<String, StoreError> {
    Ok(format!(
        "{}/{}",
        text(row, "campaign")?,
        text(row, "target")?
    ))
}

pub(crate) fn rules_from(row: &AnyRow) -> Result<TargetListRules, StoreError> {
    from_json("list_rules", &key_of(row)?, &text(row, "body")?)
}

pub(crate) fn list_from(row: &AnyRow) -> Result<PartyList, StoreError> {
    from_json("party_lists", &key_of(row)?, &text(row, "body")?)
}

pub(crate) fn event_from(row: &AnyRow) -> Result<ListEvent, StoreError> {
    let t = "list_events";
    let key = format!("{}/{}", key_of(row)?, int(row, "number")?);
    let small = |col: &str| -> Result<u32, StoreError> {
        u32::try_from(int(row, col)?).map_err(|e| damaged(t, &key, e))
    };
    Ok(ListEvent {
        campaign: code_of(t, &key, &text(row, "campaign")?)?,
        target: code_of(t, &key, &text(row, "target")?)?,
        number: small("number")?,
        seq: int(row, "seq")?,
        at: time(t, &key, int(row, "at")?)?,
        actor: text(row, "actor")?,
        kind: text(row, "kind")?,
        text: text(row, "text")?,
        reason: text(row, "reason")?,
        revision: small("revision")?,
        detail: opt_text(row, "detail")?
            .map(|d| from_json(t, &key, &d))
            .transpose()?,
    })
}

/// Every target's list rules and list: complete in every snapshot (one of each per target).
pub(crate) async fn load_base(
    conn: &mut AnyConnection,
    snap: &mut Snapshot,
) -> Result<(), StoreError> {
    for row in &sqlx::query(AssertSqlSafe(select(RULES_COLUMNS, "list_rules", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading list rules")?
    {
        let r = rules_from(row)?;
        snap.list_rules
            .insert((r.campaign.clone(), r.target.clone()), r);
    }
    for row in &sqlx::query(AssertSqlSafe(select(LIST_COLUMNS, "party_lists", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading party lists")?
    {
        let l = list_from(row)?;
        snap.party_lists
            .insert((l.campaign.clone(), l.target.clone()), l);
    }
    Ok(())
}

/// For each named list (campaign, target): every member with a candidacy for the target, in any
/// status (a listed candidate whose candidacy lapsed is still judged by their IIN), and the counts
/// of the campaign's counted polls rating the target (the primaries and the conferences' votes).
pub(crate) async fn needs_into(
    conn: &mut AnyConnection,
    backend: Backend,
    snap: &mut Snapshot,
    lists: &[(Code, Code)],
) -> Result<(), StoreError> {
    let lists: BTreeSet<(Code, Code)> = lists.iter().cloned().collect();
    let p = |n| sql::placeholder(backend, n);
    let member_columns: Vec<String> = sql::MEMBER_COLUMNS
        .iter()
        .map(|c| format!("m.{c}"))
        .collect();
    for (campaign, target) in &lists {
        let query = format!(
            "SELECT {} FROM members m JOIN candidacies c ON c.member = m.id \
             WHERE c.campaign = {} AND c.target = {}",
            member_columns.join(", "),
            p(1),
            p(2)
        );
        for row in &sqlx::query(AssertSqlSafe(query))
            .bind(campaign.to_string())
            .bind(target.to_string())
            .fetch_all(&mut *conn)
            .await
            .doing("loading a list's candidates")?
        {
            let member = sql::member_from(row)?;
            if snap.members.contains_key(&member.iin) {
                continue;
            }
            snap.phone_owners.insert(member.phone.clone(), member.iin);
            snap.members.insert(member.iin, member);
        }
    }
    let mut polls: Vec<String> = snap
        .polls
        .values()
        .filter(|poll| {
            poll.status == PollStatus::Counted
                && !snap.poll_results.contains_key(&poll.code)
                && poll
                    .target
                    .as_ref()
                    .is_some_and(|t| lists.contains(&(poll.campaign.clone(), t.clone())))
        })
        .map(|poll| poll.code.to_string())
        .collect();
    polls.sort();
    for chunk in polls.chunks(CHUNK) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(p).collect();
        let query = format!(
            "SELECT poll, outcome, ratings, electronic, paper FROM poll_results WHERE poll IN ({})",
            placeholders.join(",")
        );
        let arguments = sql::args(chunk.iter().map(|c| Bind::Text(c.clone())).collect())?;
        for row in &sqlx::query_with(AssertSqlSafe(query), arguments)
            .fetch_all(&mut *conn)
            .await
            .doing("loading the counts rating a list")?
        {
            let result = result_from(row)?;
            snap.poll_results.insert(result.poll.clone(), result);
        }
    }
    Ok(())
}

fn result_from(row: &AnyRow) -> Result<PollResult, StoreError> {
    let t = "poll_results";
    let key = text(row, "poll")?;
    let count = |col: &str| -> Result<u64, StoreError> {
        u64::try_from(int(row, col)?).map_err(|e| damaged(t, &key, e))
    };
    Ok(PollResult {
        poll: code_of(t, &key, &key)?,
        outcome: text(row, "outcome")?,
        ratings: text(row, "ratings")?,
        electronic: count("electronic")?,
        paper: count("paper")?,
    })
}
