//! Rows of the meeting tables: how each meeting record is written, read back and loaded for decisions.

use crate::Backend;
use crate::error::{Doing, StoreError};
use crate::sql::{self, Bind, int, opt_text, text};
use jiff::Timestamp;
use mandat_core::Code;
use mandat_core::meeting::model::{
    Allotment, Attendance, Choice, Delegate, DelegateStatus, Excusal, Mandate, Meeting,
    MeetingKind, MeetingStatus, MotionKind, Presence, Representation, SetRule, SignedMinutes,
    Tally, Vote, VoteMark, VoteStatus,
};
use mandat_core::state::{MeetingDetail, Snapshot};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AssertSqlSafe, Row};

pub(crate) const MEETING_COLUMNS: &[&str] = &[
    "code",
    "campaign",
    "unit",
    "kind",
    "extraordinary",
    "convened_by",
    "phase",
    "scheduled_at",
    "venue",
    "capacity",
    "streams",
    "quorum",
    "entry_deadline",
    "rerun_of",
    "status",
    "electorate",
    "opened_at",
    "closed_at",
    "closed_seq",
    "failure",
    "chair",
    "secretary",
    "counting_commission",
    "agenda",
    "credentials",
    "failed",
    "speakers",
    "protocol_number",
    "projector_generation",
];
pub(crate) const REPRESENTATION_COLUMNS: &[&str] = &["campaign", "conference_unit", "norm"];
pub(crate) const SIGNED_MINUTES_COLUMNS: &[&str] =
    &["meeting", "sha256", "media_type", "size", "attached_at"];
pub(crate) const DECISION_RULE_COLUMNS: &[&str] =
    &["campaign", "meeting_kind", "motion", "rule", "decided_by"];
pub(crate) const ALLOTMENT_COLUMNS: &[&str] =
    &["campaign", "unit", "conference_unit", "members", "seats"];
pub(crate) const MANDATE_COLUMNS: &[&str] = &["meeting", "number", "member", "card"];
pub(crate) const ATTENDANCE_COLUMNS: &[&str] = &["meeting", "member", "mode", "present", "since"];
pub(crate) const VOTE_COLUMNS: &[&str] = &[
    "meeting",
    "number",
    "motion",
    "people",
    "rule",
    "status",
    "present_hall",
    "present_remote",
    "hall_for",
    "hall_against",
    "hall_abstain",
    "named_for",
    "named_against",
    "named_abstain",
    "named_hall",
    "counts",
    "verdict",
    "opened_at",
    "counted_at",
    "item",
];
pub(crate) const MARK_COLUMNS: &[&str] = &["meeting", "vote", "member", "choice"];
pub(crate) const DELEGATE_COLUMNS: &[&str] = &[
    "campaign",
    "conference_unit",
    "member",
    "from_unit",
    "from_meeting",
    "vote",
    "status",
    "note",
];
pub(crate) const EXCUSAL_COLUMNS: &[&str] = &["campaign", "unit", "reason"];

pub(crate) fn attendance_binds(a: &Attendance, out: &mut Vec<Bind>) {
    out.extend([
        code(&a.meeting),
        Bind::Int(a.member),
        Bind::Text(a.mode.as_str().into()),
        Bind::Int(a.present.into()),
        Bind::Int(a.since.as_millisecond()),
    ]);
}

pub(crate) fn code(c: &Code) -> Bind {
    Bind::Text(c.to_string())
}

pub(crate) fn json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value)
        .map_err(|e| StoreError::Corrupt(format!("cannot serialize a value: {e}")))
}

pub(crate) fn opt_time(t: Option<Timestamp>) -> Bind {
    t.map_or(Bind::NullInt, |t| Bind::Int(t.as_millisecond()))
}

fn opt_int(v: Option<i64>) -> Bind {
    v.map_or(Bind::NullInt, Bind::Int)
}

pub(crate) fn meeting_binds(m: &Meeting) -> Result<Vec<Bind>, StoreError> {
    Ok(vec![
        code(&m.code),
        code(&m.campaign),
        code(&m.unit),
        Bind::Text(m.kind.as_str().into()),
        Bind::Int(m.extraordinary.into()),
        Bind::Text(m.convened_by.clone()),
        code(&m.phase),
        Bind::Int(m.scheduled_at.as_millisecond()),
        Bind::Text(m.venue.clone()),
        Bind::Int(m.capacity.into()),
        Bind::Text(json(&m.streams)?),
        Bind::Text(json(&m.quorum)?),
        opt_time(m.entry_deadline),
        m.rerun_of.as_ref().map_or(Bind::NullText, code),
        Bind::Text(m.status.as_str().into()),
        Bind::Int(m.electorate.into()),
        opt_time(m.opened_at),
        opt_time(m.closed_at),
        opt_int(m.closed_seq),
        m.failure.clone().map_or(Bind::NullText, Bind::Text),
        opt_int(m.chair),
        opt_int(m.secretary),
        Bind::Text(json(&m.counting_commission)?),
        Bind::Text(json(&m.agenda)?),
        match &m.credentials {
            Some(c) => Bind::Text(json(c)?),
            None => Bind::NullText,
        },
        match &m.failed {
            Some(f) => Bind::Text(json(f)?),
            None => Bind::NullText,
        },
        Bind::Text(json(&m.speakers)?),
        m.protocol_number.clone().map_or(Bind::NullText, Bind::Text),
        Bind::Int(m.projector_generation.into()),
    ])
}

pub(crate) fn vote_binds(v: &Vote) -> Result<Vec<Bind>, StoreError> {
    Ok(vec![
        code(&v.meeting),
        Bind::Int(v.number.into()),
        Bind::Text(json(&v.motion)?),
        Bind::Text(json(&v.people)?),
        Bind::Text(json(&v.rule)?),
        Bind::Text(v.status.as_str().into()),
        Bind::Int(v.present_hall.into()),
        Bind::Int(v.present_remote.into()),
        Bind::Int(v.hall.for_.into()),
        Bind::Int(v.hall.against.into()),
        Bind::Int(v.hall.abstain.into()),
        Bind::Int(v.named.for_.into()),
        Bind::Int(v.named.against.into()),
        Bind::Int(v.named.abstain.into()),
        Bind::Int(v.named_hall.into()),
        Bind::Int(v.counts.into()),
        v.verdict.map_or(Bind::NullText, |verdict| {
            Bind::Text(
                match verdict {
                    mandat_core::meeting::Verdict::Adopted => "adopted",
                    mandat_core::meeting::Verdict::Rejected => "rejected",
                }
                .into(),
            )
        }),
        Bind::Int(v.opened_at.as_millisecond()),
        opt_time(v.counted_at),
        v.item.map_or(Bind::NullInt, |item| Bind::Int(item.into())),
    ])
}

pub(crate) fn delegate_status(s: DelegateStatus) -> &'static str {
    match s {
        DelegateStatus::Elected => "elected",
        DelegateStatus::Replaced => "replaced",
    }
}

// Reading back. A value the domain refuses means the row was damaged.

fn signed_minutes_from(row: &AnyRow) -> Result<SignedMinutes, StoreError> {
    let t = "signed_minutes";
    let key = text(row, "meeting")?;
    Ok(SignedMinutes {
        meeting: code_of(t, &key, &key)?,
        sha256: text(row, "sha256")?,
        media_type: text(row, "media_type")?,
        size: u64::try_from(int(row, "size")?).map_err(|e| damaged(t, &key, e))?,
        attached_at: time(t, &key, int(row, "attached_at")?)?,
    })
}

/// The row of a signed scan.
pub(crate) fn signed_minutes_binds(s: &SignedMinutes) -> Vec<Bind> {
    vec![
        code(&s.meeting),
        Bind::Text(s.sha256.clone()),
        Bind::Text(s.media_type.clone()),
        Bind::Int(i64::try_from(s.size).unwrap_or(i64::MAX)),
        Bind::Int(s.attached_at.as_millisecond()),
    ]
}

/// A decision rule set by an organizer; `meeting_kind` '' is every kind of meeting.
fn decision_rule_from(row: &AnyRow) -> Result<SetRule, StoreError> {
    let t = "decision_rules";
    let motion = text(row, "motion")?;
    let key = format!("{}/{motion}", text(row, "campaign")?);
    let kind = text(row, "meeting_kind")?;
    Ok(SetRule {
        campaign: code_of(t, &key, &text(row, "campaign")?)?,
        meeting_kind: match kind.as_str() {
            "" => None,
            other => Some(
                MeetingKind::parse(other)
                    .ok_or_else(|| damaged(t, &key, format!("unknown meeting kind {other:?}")))?,
            ),
        },
        motion: MotionKind::parse(&motion)
            .ok_or_else(|| damaged(t, &key, format!("unknown motion {motion:?}")))?,
        rule: from_json(t, &key, &text(row, "rule")?)?,
        decided_by: text(row, "decided_by")?,
    })
}

/// The row of a decision rule.
pub(crate) fn decision_rule_binds(r: &SetRule) -> Result<Vec<Bind>, StoreError> {
    Ok(vec![
        code(&r.campaign),
        Bind::Text(r.meeting_kind.map_or("", |k| k.as_str()).to_string()),
        Bind::Text(r.motion.as_str().to_string()),
        Bind::Text(json(&r.rule)?),
        Bind::Text(r.decided_by.clone()),
    ])
}

pub(crate) fn damaged(table: &str, key: &str, what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{table} row {key}: {what}"))
}

pub(crate) fn code_of(table: &str, key: &str, value: &str) -> Result<Code, StoreError> {
    Code::parse(value).map_err(|e| damaged(table, key, e))
}

pub(crate) fn from_json<T: DeserializeOwned>(
    table: &str,
    key: &str,
    value: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(value).map_err(|e| damaged(table, key, e))
}

pub(crate) fn time(table: &str, key: &str, ms: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(ms).map_err(|e| damaged(table, key, e))
}

pub(crate) fn opt_int_of(row: &AnyRow, col: &str) -> Result<Option<i64>, StoreError> {
    row.try_get::<Option<i64>, _>(col)
        .map_err(|e| StoreError::Corrupt(format!("column {col}: {e}")))
}

fn small(table: &str, key: &str, v: i64) -> Result<u32, StoreError> {
    u32::try_from(v).map_err(|e| damaged(table, key, e))
}

pub(crate) fn meeting_from(row: &AnyRow) -> Result<Meeting, StoreError> {
    let key = text(row, "code")?;
    let t = "meetings";
    let kind = text(row, "kind")?;
    let status = text(row, "status")?;
    let opt_time = |col: &str| -> Result<Option<Timestamp>, StoreError> {
        opt_int_of(row, col)?
            .map(|ms| time(t, &key, ms))
            .transpose()
    };
    Ok(Meeting {
        code: code_of(t, &key, &key)?,
        campaign: code_of(t, &key, &text(row, "campaign")?)?,
        unit: code_of(t, &key, &text(row, "unit")?)?,
        kind: MeetingKind::parse(&kind)
            .ok_or_else(|| damaged(t, &key, format!("unknown kind {kind:?}")))?,
        extraordinary: int(row, "extraordinary")? != 0,
        convened_by: text(row, "convened_by")?,
        phase: code_of(t, &key, &text(row, "phase")?)?,
        scheduled_at: time(t, &key, int(row, "scheduled_at")?)?,
        venue: text(row, "venue")?,
        capacity: small(t, &key, int(row, "capacity")?)?,
        streams: from_json(t, &key, &text(row, "streams")?)?,
        quorum: from_json(t, &key, &text(row, "quorum")?)?,
        entry_deadline: opt_time("entry_deadline")?,
        rerun_of: opt_text(row, "rerun_of")?
            .map(|c| code_of(t, &key, &c))
            .transpose()?,
        status: MeetingStatus::parse(&status)
            .ok_or_else(|| damaged(t, &key, format!("unknown status {status:?}")))?,
        electorate: small(t, &key, int(row, "electorate")?)?,
        opened_at: opt_time("opened_at")?,
        closed_at: opt_time("closed_at")?,
        closed_seq: opt_int_of(row, "closed_seq")?,
        failure: opt_text(row, "failure")?,
        failed: opt_text(row, "failed")?
            .map(|f| from_json(t, &key, &f))
            .transpose()?,
        chair: opt_int_of(row, "chair")?,
        secretary: opt_int_of(row, "secretary")?,
        counting_commission: from_json(t, &key, &text(row, "counting_commission")?)?,
        agenda: from_json(t, &key, &text(row, "agenda")?)?,
        credentials: opt_text(row, "credentials")?
            .map(|c| from_json(t, &key, &c))
            .transpose()?,
        speakers: from_json(t, &key, &text(row, "speakers")?)?,
        protocol_number: opt_text(row, "protocol_number")?,
        projector_generation: small(t, &key, int(row, "projector_generation")?)?,
    })
}

pub(crate) fn vote_from(row: &AnyRow) -> Result<Vote, StoreError> {
    let t = "votes";
    let key = format!("{}/{}", text(row, "meeting")?, int(row, "number")?);
    let status = text(row, "status")?;
    let verdict = opt_text(row, "verdict")?;
    let n = |col: &str| -> Result<u32, StoreError> { small(t, &key, int(row, col)?) };
    Ok(Vote {
        meeting: code_of(t, &key, &text(row, "meeting")?)?,
        number: n("number")?,
        motion: from_json(t, &key, &text(row, "motion")?)?,
        people: from_json(t, &key, &text(row, "people")?)?,
        rule: from_json(t, &key, &text(row, "rule")?)?,
        status: VoteStatus::parse(&status)
            .ok_or_else(|| damaged(t, &key, format!("unknown status {status:?}")))?,
        present_hall: n("present_hall")?,
        present_remote: n("present_remote")?,
        hall: Tally {
            for_: n("hall_for")?,
            against: n("hall_against")?,
            abstain: n("hall_abstain")?,
        },
        named: Tally {
            for_: n("named_for")?,
            against: n("named_against")?,
            abstain: n("named_abstain")?,
        },
        named_hall: n("named_hall")?,
        counts: n("counts")?,
        verdict: match verdict.as_deref() {
            None => None,
            Some("adopted") => Some(mandat_core::meeting::Verdict::Adopted),
            Some("rejected") => Some(mandat_core::meeting::Verdict::Rejected),
            Some(other) => return Err(damaged(t, &key, format!("unknown verdict {other:?}"))),
        },
        opened_at: time(t, &key, int(row, "opened_at")?)?,
        item: opt_int_of(row, "item")?
            .map(|item| small(t, &key, item))
            .transpose()?,
        counted_at: opt_int_of(row, "counted_at")?
            .map(|ms| time(t, &key, ms))
            .transpose()?,
    })
}

pub(crate) fn delegate_from(row: &AnyRow) -> Result<Delegate, StoreError> {
    let t = "delegates";
    let key = format!(
        "{}/{}/{}",
        text(row, "campaign")?,
        text(row, "conference_unit")?,
        int(row, "member")?
    );
    let status = text(row, "status")?;
    Ok(Delegate {
        campaign: code_of(t, &key, &text(row, "campaign")?)?,
        conference_unit: code_of(t, &key, &text(row, "conference_unit")?)?,
        member: int(row, "member")?,
        from_unit: code_of(t, &key, &text(row, "from_unit")?)?,
        from_meeting: code_of(t, &key, &text(row, "from_meeting")?)?,
        vote: small(t, &key, int(row, "vote")?)?,
        status: match status.as_str() {
            "elected" => DelegateStatus::Elected,
            "replaced" => DelegateStatus::Replaced,
            other => return Err(damaged(t, &key, format!("unknown status {other:?}"))),
        },
        note: text(row, "note")?,
    })
}

pub(crate) fn select(columns: &[&str], table: &str, filter: &str) -> String {
    format!("SELECT {} FROM {table} {filter}", columns.join(", "))
}

/// Meetings, norms, allotments, delegates and excusals: the complete part of the snapshot.
pub(crate) async fn load_base(
    conn: &mut AnyConnection,
    snap: &mut Snapshot,
) -> Result<(), StoreError> {
    for row in &sqlx::query(AssertSqlSafe(select(MEETING_COLUMNS, "meetings", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading meetings")?
    {
        let m = meeting_from(row)?;
        snap.meetings.insert(m.code.clone(), m);
    }
    for row in &sqlx::query(AssertSqlSafe(select(
        REPRESENTATION_COLUMNS,
        "representations",
        "",
    )))
    .fetch_all(&mut *conn)
    .await
    .doing("loading representation norms")?
    {
        let key = text(row, "conference_unit")?;
        let r = Representation {
            campaign: code_of("representations", &key, &text(row, "campaign")?)?,
            conference_unit: code_of("representations", &key, &key)?,
            norm: from_json("representations", &key, &text(row, "norm")?)?,
        };
        snap.representations
            .insert((r.campaign.clone(), r.conference_unit.clone()), r);
    }
    for row in &sqlx::query(AssertSqlSafe(select(
        SIGNED_MINUTES_COLUMNS,
        "signed_minutes",
        "",
    )))
    .fetch_all(&mut *conn)
    .await
    .doing("loading signed minutes")?
    {
        let s = signed_minutes_from(row)?;
        snap.signed_minutes.insert(s.meeting.clone(), s);
    }
    for row in &sqlx::query(AssertSqlSafe(select(
        DECISION_RULE_COLUMNS,
        "decision_rules",
        "",
    )))
    .fetch_all(&mut *conn)
    .await
    .doing("loading decision rules")?
    {
        let r = decision_rule_from(row)?;
        snap.decision_rules
            .insert((r.campaign.clone(), r.meeting_kind, r.motion), r);
    }
    for row in &sqlx::query(AssertSqlSafe(select(ALLOTMENT_COLUMNS, "allotments", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading allotments")?
    {
        let key = text(row, "unit")?;
        let a = Allotment {
            campaign: code_of("allotments", &key, &text(row, "campaign")?)?,
            unit: code_of("allotments", &key, &key)?,
            conference_unit: code_of("allotments", &key, &text(row, "conference_unit")?)?,
            members: u64::try_from(int(row, "members")?)
                .map_err(|e| damaged("allotments", &key, e))?,
            seats: small("allotments", &key, int(row, "seats")?)?,
        };
        snap.allotments
            .insert((a.campaign.clone(), a.unit.clone()), a);
    }
    for row in &sqlx::query(AssertSqlSafe(select(DELEGATE_COLUMNS, "delegates", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading delegates")?
    {
        let d = delegate_from(row)?;
        snap.delegates
            .insert((d.campaign.clone(), d.conference_unit.clone(), d.member), d);
    }
    for row in &sqlx::query(AssertSqlSafe(select(EXCUSAL_COLUMNS, "excusals", "")))
        .fetch_all(&mut *conn)
        .await
        .doing("loading excusals")?
    {
        let key = text(row, "unit")?;
        let e = Excusal {
            campaign: code_of("excusals", &key, &text(row, "campaign")?)?,
            unit: code_of("excusals", &key, &key)?,
            reason: text(row, "reason")?,
        };
        snap.excusals
            .insert((e.campaign.clone(), e.unit.clone()), e);
    }
    Ok(())
}

/// One meeting's mandates, attendance, votes and marks.
pub(crate) async fn load_detail(
    conn: &mut AnyConnection,
    backend: Backend,
    meeting: &Code,
) -> Result<MeetingDetail, StoreError> {
    let filter = format!("WHERE meeting = {}", sql::placeholder(backend, 1));
    let key = meeting.to_string();
    let mut detail = MeetingDetail::default();
    for row in &sqlx::query(AssertSqlSafe(select(MANDATE_COLUMNS, "mandates", &filter)))
        .bind(key.clone())
        .fetch_all(&mut *conn)
        .await
        .doing("loading mandates")?
    {
        let number = small("mandates", &key, int(row, "number")?)?;
        detail.mandates.insert(
            number,
            Mandate {
                meeting: meeting.clone(),
                number,
                member: int(row, "member")?,
                card: small("mandates", &key, int(row, "card")?)?,
            },
        );
    }
    for row in &sqlx::query(AssertSqlSafe(select(
        ATTENDANCE_COLUMNS,
        "attendance",
        &filter,
    )))
    .bind(key.clone())
    .fetch_all(&mut *conn)
    .await
    .doing("loading attendance")?
    {
        let member = int(row, "member")?;
        let mode = text(row, "mode")?;
        detail.attendance.insert(
            member,
            Attendance {
                meeting: meeting.clone(),
                member,
                mode: Presence::parse(&mode)
                    .ok_or_else(|| damaged("attendance", &key, format!("mode {mode:?}")))?,
                present: int(row, "present")? != 0,
                since: time("attendance", &key, int(row, "since")?)?,
            },
        );
    }
    for row in &sqlx::query(AssertSqlSafe(select(VOTE_COLUMNS, "votes", &filter)))
        .bind(key.clone())
        .fetch_all(&mut *conn)
        .await
        .doing("loading votes")?
    {
        let v = vote_from(row)?;
        detail.votes.insert(v.number, v);
    }
    for row in &sqlx::query(AssertSqlSafe(select(MARK_COLUMNS, "vote_marks", &filter)))
        .bind(key.clone())
        .fetch_all(&mut *conn)
        .await
        .doing("loading vote marks")?
    {
        let vote = small("vote_marks", &key, int(row, "vote")?)?;
        let member = int(row, "member")?;
        let choice = opt_text(row, "choice")?
            .map(|c| Choice::parse(&c).ok_or_else(|| damaged("vote_marks", &key, format!("{c:?}"))))
            .transpose()?;
        detail.marks.insert(
            (vote, member),
            VoteMark {
                meeting: meeting.clone(),
                vote,
                member,
                choice,
            },
        );
    }
    Ok(detail)
}

/// One participant's attendance at a meeting, if they ever checked in.
pub(crate) async fn attendance_of(
    conn: &mut AnyConnection,
    meeting: &Code,
    member: i64,
) -> Result<Option<Attendance>, StoreError> {
    let key = meeting.to_string();
    let row = sqlx::query(AssertSqlSafe(select(
        ATTENDANCE_COLUMNS,
        "attendance",
        "WHERE meeting = $1 AND member = $2",
    )))
    .bind(key.clone())
    .bind(member)
    .fetch_optional(&mut *conn)
    .await
    .doing("reading attendance")?;
    let Some(row) = row else { return Ok(None) };
    let mode = text(&row, "mode")?;
    Ok(Some(Attendance {
        meeting: meeting.clone(),
        member,
        mode: Presence::parse(&mode)
            .ok_or_else(|| damaged("attendance", &key, format!("mode {mode:?}")))?,
        present: int(&row, "present")? != 0,
        since: time("attendance", &key, int(&row, "since")?)?,
    }))
}
