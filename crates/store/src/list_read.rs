//! Reads of party lists for pages, the CLI and exports: every list, and one list's sheet with the candidates' particulars.

use crate::error::{Doing, StoreError};
use crate::lists::{EVENT_COLUMNS, LIST_COLUMNS, RULES_COLUMNS, event_from, list_from, rules_from};
use crate::load;
use crate::meetings::{from_json, select};
use crate::sql::{self, Bind};
use crate::{Backend, Store};
use mandat_core::lists::{ListSheet, PartyList, SheetRow};
use mandat_core::poll::NominatedBy;
use mandat_core::{Code, Member, Unit, UnitKind};
use sqlx::{AnyConnection, AssertSqlSafe};
use std::collections::HashMap;

impl Store {
    /// Every party list, or those of one campaign, ordered by campaign and target.
    pub async fn party_lists(&self, campaign: Option<&Code>) -> Result<Vec<PartyList>, StoreError> {
        let query = match campaign {
            Some(c) => sqlx::query(AssertSqlSafe(select(
                LIST_COLUMNS,
                "party_lists",
                "WHERE campaign = $1",
            )))
            .bind(c.to_string()),
            None => sqlx::query(AssertSqlSafe(select(LIST_COLUMNS, "party_lists", ""))),
        };
        let mut lists = query
            .fetch_all(&self.pool)
            .await
            .doing("reading party lists")?
            .iter()
            .map(list_from)
            .collect::<Result<Vec<_>, _>>()?;
        // Sorted here rather than in SQL: byte order of the codes on both engines.
        lists.sort_by(|a, b| (&a.campaign, &a.target).cmp(&(&b.campaign, &b.target)));
        Ok(lists)
    }

    /// One list as people read it: each place with the candidate's particulars, the rules, the
    /// history, and the journal entry of the latest change. `None` when the target has no list.
    pub async fn list_sheet(
        &self,
        campaign: &Code,
        target: &Code,
    ) -> Result<Option<ListSheet>, StoreError> {
        let now = {
            let mut conn = self.pool.acquire().await.doing("connecting")?;
            load::head(&mut conn).await?
        };
        if let Some(kept) = self.caches.sheet(&now, campaign, target) {
            return Ok(kept.map(|sheet| (*sheet).clone()));
        }
        // One read transaction, so the places, the history and the anchor are of one moment,
        // and the head it is kept under is that moment's.
        let mut tx = self.pool.begin().await.doing("starting a read")?;
        if self.backend == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await
                .doing("starting a read")?;
        }
        // On an error the transaction is dropped, which ends it.
        let head = load::head(&mut tx).await?;
        let sheet = sheet_in(&mut tx, self.backend, campaign, target).await?;
        tx.rollback().await.doing("ending a read")?;
        self.caches.keep_sheet(
            &head,
            campaign,
            target,
            sheet.clone().map(std::sync::Arc::new),
        );
        Ok(sheet)
    }
}

async fn sheet_in(
    conn: &mut AnyConnection,
    backend: Backend,
    campaign: &Code,
    target: &Code,
) -> Result<Option<ListSheet>, StoreError> {
    let p = |n| sql::placeholder(backend, n);
    let by_list = format!("WHERE campaign = {} AND target = {}", p(1), p(2));
    let keys = || {
        sql::args(vec![
            Bind::Text(campaign.to_string()),
            Bind::Text(target.to_string()),
        ])
    };
    let Some(row) = sqlx::query_with(
        AssertSqlSafe(select(LIST_COLUMNS, "party_lists", &by_list)),
        keys()?,
    )
    .fetch_optional(&mut *conn)
    .await
    .doing("reading a party list")?
    else {
        return Ok(None);
    };
    let list = list_from(&row)?;
    let rules = sqlx::query_with(
        AssertSqlSafe(select(RULES_COLUMNS, "list_rules", &by_list)),
        keys()?,
    )
    .fetch_optional(&mut *conn)
    .await
    .doing("reading list rules")?
    .map(|row| rules_from(&row))
    .transpose()?;
    let key = format!("{campaign}/{target}");
    let campaign_row = sqlx::query_with(
        AssertSqlSafe(select(
            sql::CAMPAIGN_COLUMNS,
            "campaigns",
            &format!("WHERE code = {}", p(1)),
        )),
        sql::args(vec![Bind::Text(campaign.to_string())])?,
    )
    .fetch_optional(&mut *conn)
    .await
    .doing("reading a campaign")?
    .ok_or_else(|| StoreError::Corrupt(format!("party list {key}: its campaign is missing")))?;
    let the_campaign = sql::campaign_from(&campaign_row)?;
    let target_row = sqlx::query_with(
        AssertSqlSafe(select(
            sql::TARGET_COLUMNS,
            "targets",
            &format!("WHERE campaign = {} AND code = {}", p(1), p(2)),
        )),
        keys()?,
    )
    .fetch_optional(&mut *conn)
    .await
    .doing("reading a target")?
    .ok_or_else(|| StoreError::Corrupt(format!("party list {key}: its target is missing")))?;
    let the_target = sql::target_from(&target_row)?;

    // Every candidate of the target with their nomination: the listed are among them.
    let member_columns: Vec<String> = sql::MEMBER_COLUMNS
        .iter()
        .map(|c| format!("m.{c}"))
        .collect();
    let mut candidates: HashMap<i64, (Member, NominatedBy)> = HashMap::new();
    for row in &sqlx::query_with(
        AssertSqlSafe(format!(
            "SELECT {}, c.nominated_by FROM members m JOIN candidacies c ON c.member = m.id \
             WHERE c.campaign = {} AND c.target = {}",
            member_columns.join(", "),
            p(1),
            p(2)
        )),
        keys()?,
    )
    .fetch_all(&mut *conn)
    .await
    .doing("reading a list's candidates")?
    {
        let member = sql::member_from(row)?;
        let nominated_by = from_json(
            "candidacies",
            &format!("{key}/{}", member.id),
            &sql::text(row, "nominated_by")?,
        )?;
        candidates.insert(member.id, (member, nominated_by));
    }

    // The candidates' units and every unit above them, for the names and the branch.
    let units = units_above_candidates(conn, backend, campaign, target).await?;

    let mut rows = Vec::with_capacity(list.entries.len());
    for (index, entry) in list.entries.iter().enumerate() {
        let (member, nominated_by) = candidates.get(&entry.member).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "party list {key}: member {} at place {} has no candidacy for the target",
                entry.member,
                index + 1
            ))
        })?;
        let branch = branch_of(&units, &member.unit);
        rows.push(SheetRow {
            place: u32::try_from(index + 1).unwrap_or(u32::MAX),
            member: member.id,
            full_name: member.full_name.clone(),
            iin: member.iin,
            birth_date: member.birth_date(),
            sex: member.sex(),
            unit: member.unit.clone(),
            unit_names: units
                .get(&member.unit)
                .map_or_else(|| plain_names(&member.unit), |u| u.names.clone()),
            branch: branch.map(|b| b.code.clone()),
            branch_names: branch.map(|b| b.names.clone()),
            nominated_by: nominated_by.clone(),
            primaries_place: entry.primaries_place,
            primaries_votes: entry.rating.primaries_votes,
            conference_votes: entry.rating.conference_votes,
            rating_position: entry.rating_position,
        });
    }

    let events = sqlx::query_with(
        AssertSqlSafe(select(
            EVENT_COLUMNS,
            "list_events",
            &format!("{by_list} ORDER BY number"),
        )),
        keys()?,
    )
    .fetch_all(&mut *conn)
    .await
    .doing("reading a list's history")?
    .iter()
    .map(event_from)
    .collect::<Result<Vec<_>, _>>()?;

    // The latest event's journal entry; a list always has one, but the head stands in if not.
    let anchor_row = match events.last() {
        Some(latest) => sqlx::query_with(
            AssertSqlSafe(format!(
                "SELECT seq, hash FROM journal WHERE seq = {}",
                p(1)
            )),
            sql::args(vec![Bind::Int(latest.seq)])?,
        )
        .fetch_optional(&mut *conn)
        .await
        .doing("reading the list's journal entry")?
        .ok_or_else(|| {
            StoreError::Corrupt(format!(
                "party list {key}: event {} names journal entry {}, which does not exist",
                latest.number, latest.seq
            ))
        })?,
        None => sqlx::query("SELECT seq, hash FROM journal_head WHERE id = 1")
            .fetch_one(&mut *conn)
            .await
            .doing("reading the journal head")?,
    };
    let anchor = format!(
        "{}:{}",
        sql::int(&anchor_row, "seq")?,
        sql::text(&anchor_row, "hash")?
    );

    Ok(Some(ListSheet {
        campaign: the_campaign.code,
        campaign_name: the_campaign.name,
        election_day: the_campaign.election_day,
        target: the_target.code,
        target_name: the_target.name,
        body: the_target.body,
        seats: the_target.seats,
        rules,
        list,
        rows,
        events,
        anchor,
    }))
}

/// The units of a target's candidates and all their ancestors, by code (one recursive query).
async fn units_above_candidates(
    conn: &mut AnyConnection,
    backend: Backend,
    campaign: &Code,
    target: &Code,
) -> Result<HashMap<Code, Unit>, StoreError> {
    let p = |n| sql::placeholder(backend, n);
    let columns = sql::UNIT_COLUMNS.join(", ");
    let parent_columns: Vec<String> = sql::UNIT_COLUMNS.iter().map(|c| format!("u.{c}")).collect();
    // UNION (not UNION ALL) drops repeats, so a damaged tree with a cycle still ends.
    let query = format!(
        "WITH RECURSIVE up ({columns}) AS ( \
           SELECT {columns} FROM units WHERE code IN ( \
             SELECT m.unit FROM members m JOIN candidacies c ON c.member = m.id \
             WHERE c.campaign = {} AND c.target = {}) \
           UNION \
           SELECT {} FROM units u JOIN up ON u.code = up.parent) \
         SELECT {columns} FROM up",
        p(1),
        p(2),
        parent_columns.join(", ")
    );
    let mut units = HashMap::new();
    for row in &sqlx::query(AssertSqlSafe(query))
        .bind(campaign.to_string())
        .bind(target.to_string())
        .fetch_all(&mut *conn)
        .await
        .doing("reading the candidates' units")?
    {
        let unit = sql::unit_from(row)?;
        units.insert(unit.code.clone(), unit);
    }
    Ok(units)
}

/// The nearest district or city branch above a unit.
fn branch_of<'a>(units: &'a HashMap<Code, Unit>, unit: &Code) -> Option<&'a Unit> {
    let mut seen = vec![unit];
    let mut current = units.get(unit)?.parent.as_ref();
    while let Some(code) = current {
        if seen.contains(&code) {
            return None; // a damaged tree must not loop forever
        }
        seen.push(code);
        let parent = units.get(code)?;
        if matches!(parent.kind, UnitKind::District | UnitKind::City) {
            return Some(parent);
        }
        current = parent.parent.as_ref();
    }
    None
}

fn plain_names(code: &Code) -> mandat_core::UnitNames {
    mandat_core::UnitNames {
        ru: code.to_string(),
        kk: code.to_string(),
        en: code.to_string(),
    }
}
