//! Rows of the primaries tables: candidacies, debates, polls, rolls, leaves, the sealed box, stations and results.

use crate::Backend;
use crate::error::{Doing, StoreError};
use crate::meetings::{code_of, damaged, from_json, select, time};
use crate::sql::{self, Bind, int, opt_text, text};
use mandat_core::Code;
use mandat_core::ballot::{BallotContent, Hash32};
use mandat_core::poll::{
    Candidacy, CandidacyStatus, Debate, DebateQuota, Marked, Poll, RollEntry, SealedBallot,
    StationConflict, StationReturn,
};
use mandat_core::primaries::EligibilityRules;
use mandat_core::state::{PollDetail, Snapshot};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe};
use std::collections::{BTreeMap, BTreeSet};

/// Rows per multi-row statement (well under both engines' bound-value limits).
pub(crate) const CHUNK: usize = 400;

pub(crate) const ELIGIBILITY_COLUMNS: &[&str] = &[
    "campaign",
    "target",
    "min_age",
    "min_residency_years",
    "min_membership_days",
    "other_candidacies",
    "membership_required",
];
pub(crate) const CANDIDACY_COLUMNS: &[&str] = &[
    "campaign",
    "target",
    "member",
    "number",
    "nominated_by",
    "residency_years",
    "unexpunged_conviction",
    "status",
    "decision",
    "nominated_at",
    "decided_at",
    "corruption_offence",
    "record_source",
];
pub(crate) const DEBATE_COLUMNS: &[&str] = &[
    "code",
    "campaign",
    "target",
    "unit",
    "starts_at",
    "streams",
    "participants",
    "recording",
];
pub(crate) const DEBATE_QUOTA_COLUMNS: &[&str] = &[
    "campaign", "target", "unit", "members", "places", "debaters",
];
pub(crate) const POLL_COLUMNS: &[&str] = &["code", "campaign", "status", "body"];
pub(crate) const CHECKPOINT_COLUMNS: &[&str] = &[
    "poll",
    "at",
    "voters",
    "ballots",
    "root",
    "key_id",
    "signature",
];
pub(crate) const RETURN_COLUMNS: &[&str] = &[
    "poll",
    "station",
    "per_option",
    "spoiled",
    "ballots",
    "commission",
];
pub(crate) const CONFLICT_COLUMNS: &[&str] =
    &["poll", "station", "member", "already", "resolution"];
pub(crate) const RESULT_COLUMNS: &[&str] = &["poll", "outcome", "ratings", "electronic", "paper"];
pub(crate) const BOX_COLUMNS: &[&str] = &["poll", "tracker", "content", "opening", "request_hash"];

pub(crate) fn count(n: u64) -> Bind {
    Bind::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

pub(crate) fn placeholders(backend: Backend, from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| sql::placeholder(backend, i))
        .collect::<Vec<_>>()
        .join(",")
}

fn candidacy_from(row: &AnyRow) -> Result<Candidacy, StoreError> {
    let key = format!("{}/{}", text(row, "target")?, int(row, "member")?);
    let t = "candidacies";
    Ok(Candidacy {
        campaign: code_of(t, &key, &text(row, "campaign")?)?,
        target: code_of(t, &key, &text(row, "target")?)?,
        member: int(row, "member")?,
        number: u32::try_from(int(row, "number")?).map_err(|e| damaged(t, &key, e))?,
        nominated_by: from_json(t, &key, &text(row, "nominated_by")?)?,
        residency_years: u16::try_from(int(row, "residency_years")?)
            .map_err(|e| damaged(t, &key, e))?,
        unexpunged_conviction: int(row, "unexpunged_conviction")? != 0,
        corruption_offence: int(row, "corruption_offence")? != 0,
        record_source: opt_text(row, "record_source")?,
        status: candidacy_status(&text(row, "status")?)
            .ok_or_else(|| damaged(t, &key, "unknown candidacy status"))?,
        decision: text(row, "decision")?,
        nominated_at: time(t, &key, int(row, "nominated_at")?)?,
        decided_at: match crate::meetings::opt_int_of(row, "decided_at")? {
            Some(ms) => Some(time(t, &key, ms)?),
            None => None,
        },
    })
}

fn debate_from(row: &AnyRow) -> Result<Debate, StoreError> {
    let key = text(row, "code")?;
    let t = "debates";
    Ok(Debate {
        code: code_of(t, &key, &key)?,
        campaign: code_of(t, &key, &text(row, "campaign")?)?,
        target: code_of(t, &key, &text(row, "target")?)?,
        unit: code_of(t, &key, &text(row, "unit")?)?,
        starts_at: time(t, &key, int(row, "starts_at")?)?,
        streams: from_json(t, &key, &text(row, "streams")?)?,
        participants: from_json(t, &key, &text(row, "participants")?)?,
        recording: opt_text(row, "recording")?,
    })
}

pub(crate) fn poll_from(row: &AnyRow) -> Result<Poll, StoreError> {
    let key = text(row, "code")?;
    from_json("polls", &key, &text(row, "body")?)
}

/// Eligibility rules, candidacies, debates and polls: complete in every snapshot.
pub(crate) async fn load_base(
    conn: &mut AnyConnection,
    snap: &mut Snapshot,
) -> Result<(), StoreError> {
    for row in &sqlx::query(AssertSqlSafe(select(
        ELIGIBILITY_COLUMNS,
        "eligibility",
        "",
    )))
    .fetch_all(&mut *conn)
    .await
    .doing("loading eligibility rules")?
    {
        let key = text(row, "target")?;
        let small = |col: &str| -> Result<i64, StoreError> { int(row, col) };
        let rules = EligibilityRules {
            min_age: u16::try_from(small("min_age")?)
                .map_err(|e| damaged("eligibility", &key, e))?,
            min_residency_years: u16::try_from(small("min_residency_years")?)
                .map_err(|e| damaged("eligibility", &key, e))?,
            min_membership_days: u32::try_from(small("min_membership_days")?)
                .map_err(|e| damaged("eligibility", &key, e))?,
            other_candidacies: small("other_candidacies")? != 0,
            membership_required: small("membership_required")? != 0,
        };
        snap.eligibility.insert(
            (
                code_of("eligibility", &key, &text(row, "campaign")?)?,
                code_of("eligibility", &key, &key)?,
            ),
            rules,
        );
    }
    for row in &sqlx::query(AssertSqlSafe(select(CANDIDACY_COLUMNS, "candidacies", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading candidacies")?
    {
        let c = candidacy_from(row)?;
        snap.candidacies
            .insert((c.campaign.clone(), c.target.clone(), c.member), c);
    }
    for row in &sqlx::query(AssertSqlSafe(select(DEBATE_COLUMNS, "debates", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading debates")?
    {
        let d = debate_from(row)?;
        snap.debates.insert(d.code.clone(), d);
    }
    for row in &sqlx::query(AssertSqlSafe(select(
        DEBATE_QUOTA_COLUMNS,
        "debate_quotas",
        "",
    )))
    .fetch_all(&mut *conn)
    .await
    .doing("loading debate quotas")?
    {
        let q = debate_quota_from(row)?;
        snap.debate_quotas
            .insert((q.campaign.clone(), q.target.clone(), q.unit.clone()), q);
    }
    load_polls(conn, snap).await
}

fn debate_quota_from(row: &AnyRow) -> Result<DebateQuota, StoreError> {
    let t = "debate_quotas";
    let unit = text(row, "unit")?;
    let key = format!("{}/{unit}", text(row, "target")?);
    let number = |col: &str| -> Result<u32, StoreError> {
        u32::try_from(int(row, col)?).map_err(|e| damaged(t, &key, e))
    };
    Ok(DebateQuota {
        campaign: code_of(t, &key, &text(row, "campaign")?)?,
        target: code_of(t, &key, &text(row, "target")?)?,
        unit: code_of(t, &key, &unit)?,
        members: u64::try_from(int(row, "members")?).map_err(|e| damaged(t, &key, e))?,
        places: number("places")?,
        debaters: number("debaters")?,
    })
}

/// Every poll.
pub(crate) async fn load_polls(
    conn: &mut AnyConnection,
    snap: &mut Snapshot,
) -> Result<(), StoreError> {
    for row in &sqlx::query(AssertSqlSafe(select(POLL_COLUMNS, "polls", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading polls")?
    {
        let p = poll_from(row)?;
        snap.polls.insert(p.code.clone(), p);
    }
    Ok(())
}

/// Which polls' rolls hold the named members (for the phone lock and the roll checks).
pub(crate) async fn rolls_of_members(
    conn: &mut AnyConnection,
    backend: Backend,
    snap: &mut Snapshot,
    members: &[i64],
) -> Result<(), StoreError> {
    let live: std::collections::HashSet<&Code> = snap
        .polls
        .values()
        .filter(|p| {
            use mandat_core::poll::PollStatus::*;
            matches!(p.status, RollFrozen | Open | Paused)
        })
        .map(|p| &p.code)
        .collect();
    if live.is_empty() {
        return Ok(());
    }
    // A member's entry holds every live roll of theirs once read: a ballot batch reads its
    // voters' before deciding and would otherwise read them again for the journal entry.
    let members: Vec<i64> = members
        .iter()
        .copied()
        .filter(|m| !snap.rolls_of_member.contains_key(m))
        .collect();
    for chunk in members.chunks(CHUNK) {
        let query = format!(
            "SELECT poll, member FROM poll_roll WHERE member IN ({})",
            placeholders(backend, 1, chunk.len())
        );
        let arguments = sql::args(chunk.iter().map(|m| Bind::Int(*m)).collect())?;
        for row in &sqlx::query_with(AssertSqlSafe(query), arguments)
            .fetch_all(&mut *conn)
            .await
            .doing("looking up voter rolls")?
        {
            let poll = text(row, "poll")?;
            let poll = code_of("poll_roll", &poll, &poll)?;
            if live.contains(&poll) {
                snap.rolls_of_member
                    .entry(int(row, "member")?)
                    .or_default()
                    .push(poll);
            }
        }
    }
    Ok(())
}

/// Loads a poll's marks, the roll entries of `members`, its station returns and (with `with_box`) its leaves and sealed ballots.
pub(crate) async fn load_detail(
    conn: &mut AnyConnection,
    backend: Backend,
    poll: &Code,
    members: &[i64],
    with_box: bool,
    with_counts: bool,
) -> Result<PollDetail, StoreError> {
    let key = poll.to_string();
    let p1 = sql::placeholder(backend, 1);
    let mut detail = PollDetail::default();
    let count_query = format!(
        "SELECT marked, CAST(COUNT(*) AS BIGINT) AS n FROM poll_roll WHERE poll = {p1} AND marked <> '' GROUP BY marked"
    );
    // Counting scans the poll's roll: only for the decisions that need the numbers.
    let counted = if with_counts {
        sqlx::query(AssertSqlSafe(count_query))
            .bind(key.clone())
            .fetch_all(&mut *conn)
            .await
            .doing("counting the marked roll")?
    } else {
        Vec::new()
    };
    for row in &counted {
        let n = u64::try_from(int(row, "n")?).map_err(|e| damaged("poll_roll", &key, e))?;
        match Marked::parse(&text(row, "marked")?) {
            Some(Marked::Online) => detail.marked_online += n,
            Some(Marked::Station(s)) => {
                detail.marked_station += n;
                *detail.station_marks.entry(s).or_default() += n;
            }
            _ => {
                return Err(damaged(
                    "poll_roll",
                    &key,
                    "a mark that is not online or a station",
                ));
            }
        }
    }
    for chunk in members.chunks(CHUNK) {
        let query = format!(
            "SELECT member, unit, marked FROM poll_roll WHERE poll = {p1} AND member IN ({})",
            placeholders(backend, 2, chunk.len())
        );
        let mut values = vec![Bind::Text(key.clone())];
        values.extend(chunk.iter().map(|m| Bind::Int(*m)));
        for row in &sqlx::query_with(AssertSqlSafe(query), sql::args(values)?)
            .fetch_all(&mut *conn)
            .await
            .doing("loading roll entries")?
        {
            let member = int(row, "member")?;
            let marked = Marked::parse(&text(row, "marked")?)
                .ok_or_else(|| damaged("poll_roll", &key, "unknown mark"))?;
            detail.roll.insert(
                member,
                RollEntry {
                    poll: poll.clone(),
                    member,
                    unit: code_of("poll_roll", &key, &text(row, "unit")?)?,
                    marked,
                },
            );
        }
    }
    for row in &sqlx::query(AssertSqlSafe(select(
        RETURN_COLUMNS,
        "station_returns",
        &format!("WHERE poll = {p1} ORDER BY station"),
    )))
    .bind(key.clone())
    .fetch_all(&mut *conn)
    .await
    .doing("loading station returns")?
    {
        let station = text(row, "station")?;
        detail.returns.push(StationReturn {
            poll: poll.clone(),
            station: code_of("station_returns", &station, &station)?,
            per_option: from_json::<BTreeMap<String, u64>>(
                "station_returns",
                &station,
                &text(row, "per_option")?,
            )?,
            spoiled: u64::try_from(int(row, "spoiled")?)
                .map_err(|e| damaged("station_returns", &station, e))?,
            ballots: from_json::<Vec<BallotContent>>(
                "station_returns",
                &station,
                &text(row, "ballots")?,
            )?,
            commission: text(row, "commission")?,
        });
    }
    for row in &sqlx::query(AssertSqlSafe(select(
        CONFLICT_COLUMNS,
        "station_conflicts",
        &format!("WHERE poll = {p1} ORDER BY station, member"),
    )))
    .bind(key.clone())
    .fetch_all(&mut *conn)
    .await
    .doing("loading station conflicts")?
    {
        detail.conflicts.push(conflict_from(row)?);
    }
    if with_box {
        let mut leaves = BTreeSet::new();
        for row in &sqlx::query(AssertSqlSafe(format!(
            "SELECT leaf FROM poll_leaves WHERE poll = {p1}"
        )))
        .bind(key.clone())
        .fetch_all(&mut *conn)
        .await
        .doing("loading ballot leaves")?
        {
            leaves.insert(hash_of("poll_leaves", &key, &text(row, "leaf")?)?);
        }
        detail.leaves = Some(leaves);
        let last = sqlx::query(AssertSqlSafe(format!(
            "SELECT MAX(at) AS at FROM poll_checkpoints WHERE poll = {p1}"
        )))
        .bind(key.clone())
        .fetch_one(&mut *conn)
        .await
        .doing("reading the latest checkpoint")?;
        if let Some(ms) = crate::meetings::opt_int_of(&last, "at")? {
            detail.last_checkpoint = Some(time("poll_checkpoints", &key, ms)?);
        }
        detail.sealed = Some(sealed_ballots(conn, backend, poll).await?);
    }
    Ok(detail)
}

pub(crate) fn hash_of(table: &str, key: &str, value: &str) -> Result<Hash32, StoreError> {
    Hash32::from_hex(value).map_err(|e| damaged(table, key, e))
}

/// The sealed ballots of a poll in tracker order.
pub(crate) async fn sealed_ballots(
    conn: &mut AnyConnection,
    backend: Backend,
    poll: &Code,
) -> Result<Vec<SealedBallot>, StoreError> {
    let key = poll.to_string();
    let mut out = Vec::new();
    for row in &sqlx::query(AssertSqlSafe(format!(
        "SELECT tracker, content, opening FROM ballot_box WHERE poll = {} AND request_hash = '' ORDER BY tracker",
        sql::placeholder(backend, 1)
    )))
    .bind(key.clone())
    .fetch_all(&mut *conn)
    .await
    .doing("loading sealed ballots")?
    {
        out.push(ballot_from(poll, row)?);
    }
    Ok(out)
}

/// A row of the ballot box (tracker, content, opening), live or sealed.
pub(crate) fn ballot_from(poll: &Code, row: &AnyRow) -> Result<SealedBallot, StoreError> {
    let tracker = text(row, "tracker")?;
    Ok(SealedBallot {
        tracker: hash_of("ballot_box", poll.as_str(), &tracker)?,
        content: from_json("ballot_box", &tracker, &text(row, "content")?)?,
        opening: hash_of("ballot_box", &tracker, &text(row, "opening")?)?,
    })
}

/// A candidacy status from its stored text.
pub(crate) fn candidacy_status(text: &str) -> Option<CandidacyStatus> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

/// A member marked twice, with the commission's resolution once recorded.
pub(crate) fn conflict_from(row: &AnyRow) -> Result<StationConflict, StoreError> {
    let t = "station_conflicts";
    let station = text(row, "station")?;
    Ok(StationConflict {
        poll: code_of(t, &station, &text(row, "poll")?)?,
        station: code_of(t, &station, &station)?,
        member: int(row, "member")?,
        already: text(row, "already")?,
        resolution: opt_text(row, "resolution")?
            .map(|r| from_json(t, &station, &r))
            .transpose()?,
    })
}
