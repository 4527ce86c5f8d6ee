//! SQL text shared by the store: multi-row inserts and the rows of each projection.

use crate::Backend;
use crate::error::{Doing, StoreError};
use mandat_core::{Campaign, Code, Member, Phase, Target, Unit};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{Arguments, AssertSqlSafe, Row};

/// A value bound into a statement.
#[derive(Clone, Debug)]
pub(crate) enum Bind {
    Int(i64),
    Text(String),
    NullText,
    NullInt,
}

pub(crate) fn args(values: Vec<Bind>) -> Result<AnyArguments, StoreError> {
    let mut out = AnyArguments::default();
    for v in values {
        let added = match v {
            Bind::Int(i) => out.add(i),
            Bind::Text(s) => out.add(s),
            Bind::NullText => out.add(Option::<String>::None),
            Bind::NullInt => out.add(Option::<i64>::None),
        };
        added.map_err(|e| StoreError::Corrupt(format!("cannot bind a value: {e}")))?;
    }
    Ok(out)
}

/// `INSERT INTO table (cols) VALUES ($1,..),($k,..)` for `rows` rows.
/// The `n`th (1-based) bound parameter. SQLite gets anonymous `?`: sqlx looks up every named
/// parameter by a linear scan, which makes a 3,600-parameter insert quadratic.
pub(crate) fn placeholder(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_string(),
        Backend::Postgres => format!("${n}"),
    }
}

/// `INSERT INTO table (cols) VALUES (…),(…)` for `rows` rows.
pub(crate) fn insert_many(
    backend: Backend,
    table: &str,
    columns: &[&str],
    rows: usize,
    upsert_key: Option<&[&str]>,
) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push(',');
            }
            sql.push_str(&placeholder(backend, n));
            n += 1;
        }
        sql.push(')');
    }
    if let Some(key) = upsert_key {
        let updates: Vec<String> = columns
            .iter()
            .filter(|c| !key.contains(c))
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        sql.push_str(&format!(
            " ON CONFLICT ({}) DO UPDATE SET {}",
            key.join(", "),
            updates.join(", ")
        ));
    }
    sql
}

pub(crate) async fn execute(
    conn: &mut sqlx::AnyConnection,
    sql: String,
    values: Vec<Bind>,
    doing: &'static str,
) -> Result<u64, StoreError> {
    let arguments = args(values)?;
    let done = sqlx::query_with(AssertSqlSafe(sql), arguments)
        .execute(&mut *conn)
        .await
        .doing(doing)?;
    Ok(done.rows_affected())
}

pub(crate) const UNIT_COLUMNS: &[&str] = &[
    "code", "kind", "parent", "name_ru", "name_kk", "name_en", "closed",
];
pub(crate) const MEMBER_COLUMNS: &[&str] = &[
    "id",
    "iin",
    "full_name",
    "phone",
    "unit",
    "status",
    "joined_on",
    "birth_date",
    "sex",
];
pub(crate) const CAMPAIGN_COLUMNS: &[&str] = &["code", "name", "election_day", "time_zone"];
pub(crate) const PHASE_COLUMNS: &[&str] = &[
    "campaign",
    "code",
    "starts_local",
    "ends_local",
    "after_phases",
    "description",
];
pub(crate) const TARGET_COLUMNS: &[&str] = &[
    "campaign",
    "code",
    "body",
    "name",
    "seats",
    "electorate_unit",
];
pub(crate) const JOURNAL_COLUMNS: &[&str] = &[
    "seq",
    "recorded_at",
    "actor",
    "command",
    "prev_hash",
    "hash",
];

pub(crate) fn unit_binds(u: &Unit) -> Vec<Bind> {
    vec![
        Bind::Text(u.code.to_string()),
        Bind::Text(u.kind.as_str().into()),
        u.parent
            .as_ref()
            .map_or(Bind::NullText, |p| Bind::Text(p.to_string())),
        Bind::Text(u.names.ru.clone()),
        Bind::Text(u.names.kk.clone()),
        Bind::Text(u.names.en.clone()),
        Bind::Int(i64::from(u.closed)),
    ]
}

pub(crate) fn member_binds(m: &Member, out: &mut Vec<Bind>) {
    out.extend([
        Bind::Int(m.id),
        Bind::Text(m.iin.to_string()),
        Bind::Text(m.full_name.clone()),
        Bind::Text(m.phone.to_string()),
        Bind::Text(m.unit.to_string()),
        Bind::Text(m.status.as_str().into()),
        Bind::Text(m.joined_on.to_string()),
        Bind::Text(m.birth_date().to_string()),
        Bind::Text(m.sex().as_str().into()),
    ]);
}

pub(crate) fn campaign_binds(c: &Campaign) -> Vec<Bind> {
    vec![
        Bind::Text(c.code.to_string()),
        Bind::Text(c.name.clone()),
        Bind::Text(c.election_day.to_string()),
        Bind::Text(c.time_zone.clone()),
    ]
}

pub(crate) fn phase_binds(p: &Phase) -> Vec<Bind> {
    let after: Vec<&str> = p.after.iter().map(Code::as_str).collect();
    vec![
        Bind::Text(p.campaign.to_string()),
        Bind::Text(p.code.to_string()),
        Bind::Text(p.starts_local.to_string()),
        Bind::Text(p.ends_local.to_string()),
        Bind::Text(after.join(",")),
        Bind::Text(p.description.clone()),
    ]
}

pub(crate) fn target_binds(t: &Target) -> Vec<Bind> {
    vec![
        Bind::Text(t.campaign.to_string()),
        Bind::Text(t.code.to_string()),
        Bind::Text(t.body.as_str().into()),
        Bind::Text(t.name.clone()),
        Bind::Int(i64::from(t.seats)),
        Bind::Text(t.electorate_unit.to_string()),
    ]
}

// Reading rows back into domain types; a value the domain refuses means the row was damaged.

fn corrupt(table: &str, key: &str, what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{table} row {key}: {what}"))
}

pub(crate) fn text(row: &AnyRow, col: &str) -> Result<String, StoreError> {
    row.try_get::<String, _>(col)
        .map_err(|e| StoreError::Corrupt(format!("column {col}: {e}")))
}

pub(crate) fn opt_text(row: &AnyRow, col: &str) -> Result<Option<String>, StoreError> {
    row.try_get::<Option<String>, _>(col)
        .map_err(|e| StoreError::Corrupt(format!("column {col}: {e}")))
}

pub(crate) fn int(row: &AnyRow, col: &str) -> Result<i64, StoreError> {
    row.try_get::<i64, _>(col)
        .map_err(|e| StoreError::Corrupt(format!("column {col}: {e}")))
}

fn code(table: &str, key: &str, value: &str) -> Result<Code, StoreError> {
    Code::parse(value).map_err(|e| corrupt(table, key, e))
}

pub(crate) fn unit_from(row: &AnyRow) -> Result<Unit, StoreError> {
    let key = text(row, "code")?;
    let kind_text = text(row, "kind")?;
    Ok(Unit {
        code: code("units", &key, &key)?,
        kind: mandat_core::UnitKind::parse(&kind_text)
            .ok_or_else(|| corrupt("units", &key, format!("unknown kind {kind_text:?}")))?,
        parent: opt_text(row, "parent")?
            .map(|p| code("units", &key, &p))
            .transpose()?,
        names: mandat_core::UnitNames {
            ru: text(row, "name_ru")?,
            kk: text(row, "name_kk")?,
            en: text(row, "name_en")?,
        },
        closed: int(row, "closed")? != 0,
    })
}

pub(crate) fn member_from(row: &AnyRow) -> Result<Member, StoreError> {
    let id = int(row, "id")?;
    let key = id.to_string();
    let status_text = text(row, "status")?;
    Ok(Member {
        id,
        iin: mandat_core::Iin::parse(&text(row, "iin")?)
            .map_err(|e| corrupt("members", &key, e))?,
        full_name: text(row, "full_name")?,
        phone: mandat_core::Phone::parse(&text(row, "phone")?)
            .map_err(|e| corrupt("members", &key, e))?,
        unit: code("members", &key, &text(row, "unit")?)?,
        status: mandat_core::MemberStatus::parse(&status_text)
            .ok_or_else(|| corrupt("members", &key, format!("unknown status {status_text:?}")))?,
        joined_on: text(row, "joined_on")?
            .parse()
            .map_err(|e| corrupt("members", &key, e))?,
    })
}

pub(crate) fn campaign_from(row: &AnyRow) -> Result<Campaign, StoreError> {
    let key = text(row, "code")?;
    Ok(Campaign {
        code: code("campaigns", &key, &key)?,
        name: text(row, "name")?,
        election_day: text(row, "election_day")?
            .parse()
            .map_err(|e| corrupt("campaigns", &key, e))?,
        time_zone: text(row, "time_zone")?,
    })
}

pub(crate) fn phase_from(row: &AnyRow) -> Result<Phase, StoreError> {
    let key = format!("{}/{}", text(row, "campaign")?, text(row, "code")?);
    let after_text = text(row, "after_phases")?;
    Ok(Phase {
        campaign: code("phases", &key, &text(row, "campaign")?)?,
        code: code("phases", &key, &text(row, "code")?)?,
        starts_local: text(row, "starts_local")?
            .parse()
            .map_err(|e| corrupt("phases", &key, e))?,
        ends_local: text(row, "ends_local")?
            .parse()
            .map_err(|e| corrupt("phases", &key, e))?,
        after: after_text
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| code("phases", &key, s))
            .collect::<Result<_, _>>()?,
        description: text(row, "description")?,
    })
}

pub(crate) fn target_from(row: &AnyRow) -> Result<Target, StoreError> {
    let key = format!("{}/{}", text(row, "campaign")?, text(row, "code")?);
    let body_text = text(row, "body")?;
    Ok(Target {
        campaign: code("targets", &key, &text(row, "campaign")?)?,
        code: code("targets", &key, &text(row, "code")?)?,
        body: mandat_core::Body::parse(&body_text)
            .ok_or_else(|| corrupt("targets", &key, format!("unknown body {body_text:?}")))?,
        name: text(row, "name")?,
        seats: u32::try_from(int(row, "seats")?).map_err(|e| corrupt("targets", &key, e))?,
        electorate_unit: code("targets", &key, &text(row, "electorate_unit")?)?,
    })
}
