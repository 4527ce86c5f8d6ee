//! Loading the snapshot a batch of decisions needs.

use crate::error::{Doing, StoreError};
use crate::sql::{self, Bind};
use mandat_core::{Code, Iin, Phone, Snapshot};
use sqlx::{AnyConnection, AssertSqlSafe};

/// The chain head as the database holds it now.
pub(crate) async fn head(conn: &mut AnyConnection) -> Result<crate::record::Head, StoreError> {
    let row = sqlx::query("SELECT seq, hash FROM journal_head WHERE id = 1")
        .fetch_one(&mut *conn)
        .await
        .doing("reading the journal head")?;
    Ok(crate::record::Head {
        seq: sql::int(&row, "seq")?,
        hash: sql::text(&row, "hash")?,
    })
}

/// How much of the always-complete part to load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BaseLoad {
    /// Everything: what any decision may need.
    Full,
    /// The polls alone: ballot batches and checkpoints decide on nothing else, and run every second.
    PollsOnly,
}

/// Units, campaigns, phases, targets, active-member counts, the meetings' small tables and the
/// party lists with their rules: always complete.
pub(crate) async fn base_snapshot(
    conn: &mut AnyConnection,
    load: BaseLoad,
) -> Result<Snapshot, StoreError> {
    let mut snap = Snapshot {
        rules_version: rules_version(conn).await?,
        ..Snapshot::default()
    };
    if load == BaseLoad::PollsOnly {
        crate::polls::load_polls(conn, &mut snap).await?;
        return Ok(snap);
    }
    let rows =
        sqlx::query("SELECT code, kind, parent, name_ru, name_kk, name_en, closed FROM units")
            .fetch_all(&mut *conn)
            .await
            .doing("loading units")?;
    for row in &rows {
        let unit = sql::unit_from(row)?;
        snap.units.insert(unit.code.clone(), unit);
    }
    // One scan of the members: what a node pays at each load of the record (1 s nationally).
    let rows = sqlx::query(
        "SELECT unit, CAST(COUNT(*) AS BIGINT) AS n FROM members WHERE status = 'active' GROUP BY unit",
    )
    .fetch_all(&mut *conn)
    .await
    .doing("counting members")?;
    for row in &rows {
        let unit = sql::text(row, "unit")?;
        let code = Code::parse(&unit)
            .map_err(|e| StoreError::Corrupt(format!("members unit {unit:?}: {e}")))?;
        snap.active_members_by_unit
            .insert(code, sql::int(row, "n")? as u64);
    }
    for row in &sqlx::query("SELECT code, name, election_day, time_zone FROM campaigns")
        .fetch_all(&mut *conn)
        .await
        .doing("loading campaigns")?
    {
        let c = sql::campaign_from(row)?;
        snap.campaigns.insert(c.code.clone(), c);
    }
    for row in &sqlx::query(
        "SELECT campaign, code, starts_local, ends_local, after_phases, description FROM phases",
    )
    .fetch_all(&mut *conn)
    .await
    .doing("loading phases")?
    {
        let p = sql::phase_from(row)?;
        snap.phases.insert((p.campaign.clone(), p.code.clone()), p);
    }
    for row in
        &sqlx::query("SELECT campaign, code, body, name, seats, electorate_unit FROM targets")
            .fetch_all(&mut *conn)
            .await
            .doing("loading targets")?
    {
        let t = sql::target_from(row)?;
        snap.targets.insert((t.campaign.clone(), t.code.clone()), t);
    }
    crate::meetings::load_base(conn, &mut snap).await?;
    crate::polls::load_base(conn, &mut snap).await?;
    crate::lists::load_base(conn, &mut snap).await?;
    crate::staff::load_base(conn, &mut snap).await?;
    Ok(snap)
}

/// The version of the rules in force: version 1 until a journal entry adopted another.
async fn rules_version(conn: &mut AnyConnection) -> Result<mandat_core::RulesVersion, StoreError> {
    let row = sqlx::query("SELECT version FROM rules WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await
        .doing("reading the rules version")?;
    Ok(match row {
        Some(row) => {
            let version = sql::int(&row, "version")?;
            mandat_core::RulesVersion(u32::try_from(version).map_err(|_| {
                StoreError::Corrupt(format!("rules version {version} is not a version"))
            })?)
        }
        None => mandat_core::RulesVersion::FIRST,
    })
}

const LOOKUP_CHUNK: usize = 400;

/// Loads into the snapshot every member whose IIN or phone is named, unless it is there already.
pub(crate) async fn members_into(
    conn: &mut AnyConnection,
    backend: crate::Backend,
    snap: &mut Snapshot,
    iins: &[Iin],
    phones: &[Phone],
) -> Result<(), StoreError> {
    let iins: Vec<String> = iins
        .iter()
        .filter(|i| !snap.members.contains_key(*i))
        .map(|i| i.to_string())
        .collect();
    let phones: Vec<String> = phones
        .iter()
        .filter(|p| !snap.phone_owners.contains_key(*p))
        .map(|p| p.to_string())
        .collect();
    for (column, keys) in [("iin", iins), ("phone", phones)] {
        for chunk in keys.chunks(LOOKUP_CHUNK) {
            let placeholders: Vec<String> = (1..=chunk.len())
                .map(|n| sql::placeholder(backend, n))
                .collect();
            let query = format!(
                "SELECT {} FROM members WHERE {column} IN ({})",
                sql::MEMBER_COLUMNS.join(", "),
                placeholders.join(",")
            );
            let arguments = sql::args(chunk.iter().map(|k| Bind::Text(k.clone())).collect())?;
            let rows = sqlx::query_with(AssertSqlSafe(query), arguments)
                .fetch_all(&mut *conn)
                .await
                .doing("looking up members")?;
            for row in &rows {
                let member = sql::member_from(row)?;
                snap.phone_owners.insert(member.phone.clone(), member.iin);
                snap.members.insert(member.iin, member);
            }
        }
    }
    Ok(())
}

/// Loads the mandates, attendance and votes of every named meeting not loaded yet.
pub(crate) async fn details_into(
    conn: &mut AnyConnection,
    backend: crate::Backend,
    snap: &mut Snapshot,
    meetings: &[Code],
) -> Result<(), StoreError> {
    for code in meetings {
        if snap.details.contains_key(code) || !snap.meetings.contains_key(code) {
            continue;
        }
        let detail = crate::meetings::load_detail(conn, backend, code).await?;
        snap.details.insert(code.clone(), detail);
    }
    Ok(())
}

/// What a chunk of commands needs of its polls.
pub(crate) struct PollNeeds {
    pub polls: Vec<Code>,
    /// Members whose roll entries are needed (already loaded into the snapshot by IIN).
    pub iins: Vec<Iin>,
    pub with_box: bool,
    /// Count the voters marked (a scan of the poll's roll).
    pub with_counts: bool,
}

/// Loads the named polls' details, the rolls holding the named members, the candidates of polls
/// about to be counted, and adds the meetings whose check-ins make a roll to `meetings`.
pub(crate) async fn polls_into(
    conn: &mut AnyConnection,
    backend: crate::Backend,
    snap: &mut Snapshot,
    needs: &PollNeeds,
    meetings: &mut Vec<Code>,
) -> Result<(), StoreError> {
    let members: Vec<i64> = needs
        .iins
        .iter()
        .filter_map(|i| snap.members.get(i).map(|m| m.id))
        .collect();
    crate::polls::rolls_of_members(conn, backend, snap, &members).await?;
    let mut candidates = Vec::new();
    for code in &needs.polls {
        let Some(poll) = snap.polls.get(code) else {
            continue;
        };
        if let mandat_core::poll::Electorate::CheckedIn { meeting } = &poll.electorate {
            meetings.push(meeting.clone());
        }
        if needs.with_box {
            candidates.extend(poll.options.iter().filter_map(|o| o.member));
        }
        if snap.poll_details.contains_key(code) {
            continue;
        }
        let detail = crate::polls::load_detail(
            conn,
            backend,
            code,
            &members,
            needs.with_box,
            needs.with_counts,
        )
        .await?;
        snap.poll_details.insert(code.clone(), detail);
    }
    members_by_id_into(conn, backend, snap, &candidates).await
}

/// Loads members by id (candidates on a ballot, the members a registry load's keys name).
pub(crate) async fn members_by_id_into(
    conn: &mut AnyConnection,
    backend: crate::Backend,
    snap: &mut Snapshot,
    ids: &[i64],
) -> Result<(), StoreError> {
    for chunk in ids.chunks(LOOKUP_CHUNK) {
        let placeholders: Vec<String> = (1..=chunk.len())
            .map(|n| sql::placeholder(backend, n))
            .collect();
        let query = format!(
            "SELECT {} FROM members WHERE id IN ({})",
            sql::MEMBER_COLUMNS.join(", "),
            placeholders.join(",")
        );
        let arguments = sql::args(chunk.iter().map(|id| Bind::Int(*id)).collect())?;
        for row in &sqlx::query_with(AssertSqlSafe(query), arguments)
            .fetch_all(&mut *conn)
            .await
            .doing("looking up members by id")?
        {
            let member = sql::member_from(row)?;
            snap.phone_owners.insert(member.phone.clone(), member.iin);
            snap.members.insert(member.iin, member);
        }
    }
    Ok(())
}
