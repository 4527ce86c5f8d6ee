//! The dashboard's read that the snapshot does not hold (the present counts) and the log of notices sent to delegates, claimed row by row so that none goes twice.

use crate::error::{Doing, StoreError};
use crate::{Store, sql};
use jiff::Timestamp;
use mandat_core::Code;
use mandat_core::meeting::model::{DelegateStatus, Meeting};
use mandat_core::state::Snapshot;
use std::collections::HashMap;

/// A delegate a notice goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub member: i64,
    pub phone: String,
    /// The mandate's number, once the conference's mandates are issued.
    pub mandate: Option<u32>,
}

/// One notice in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeRow {
    pub member: i64,
    pub kind: String,
    pub sent_at: Timestamp,
    pub outcome: String,
}

/// Whether this caller may send a notice: it claimed the row, or another sending (or an
/// earlier one that succeeded) holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeClaim {
    Claimed,
    AlreadySent,
}

fn code_of(table: &str, text: &str) -> Result<Code, StoreError> {
    Code::parse(text).map_err(|e| StoreError::Corrupt(format!("{table}: {text:?}: {e}")))
}

impl Store {
    /// Those present now in every meeting that has anyone present: (in the hall, remote).
    pub async fn present_counts(&self) -> Result<HashMap<Code, (u32, u32)>, StoreError> {
        let rows = sqlx::query(
            "SELECT meeting, mode, CAST(COUNT(*) AS BIGINT) AS n FROM attendance WHERE present = 1 GROUP BY meeting, mode",
        )
        .fetch_all(&self.pool)
        .await
        .doing("counting those present")?;
        let mut out: HashMap<Code, (u32, u32)> = HashMap::new();
        for row in &rows {
            let meeting = code_of("attendance", &sql::text(row, "meeting")?)?;
            let n = u32::try_from(sql::int(row, "n")?).unwrap_or(u32::MAX);
            let entry = out.entry(meeting).or_default();
            if sql::text(row, "mode")? == "remote" {
                entry.1 += n;
            } else {
                entry.0 += n;
            }
        }
        Ok(out)
    }

    /// The delegates elected to the conference `m` (replaced ones are not; their replacements
    /// are), with the phone on record and the mandate's number where issued, by member id.
    pub async fn conference_recipients(
        &self,
        snap: &Snapshot,
        m: &Meeting,
    ) -> Result<Vec<Recipient>, StoreError> {
        let mut members: Vec<i64> = snap
            .delegates
            .values()
            .filter(|d| {
                d.campaign == m.campaign
                    && d.conference_unit == m.unit
                    && d.status == DelegateStatus::Elected
            })
            .map(|d| d.member)
            .collect();
        members.sort_unstable();
        members.dedup();
        let mandates: HashMap<i64, u32> =
            sqlx::query("SELECT member, number FROM mandates WHERE meeting = $1")
                .bind(m.code.to_string())
                .fetch_all(&self.pool)
                .await
                .doing("reading the mandates of a conference")?
                .iter()
                .map(|r| {
                    Ok((
                        sql::int(r, "member")?,
                        u32::try_from(sql::int(r, "number")?).unwrap_or(0),
                    ))
                })
                .collect::<Result<_, StoreError>>()?;
        let mut out = Vec::with_capacity(members.len());
        for member in members {
            let phone: Option<String> = match sqlx::query("SELECT phone FROM members WHERE id = $1")
                .bind(member)
                .fetch_optional(&self.pool)
                .await
                .doing("reading a delegate's phone")?
            {
                Some(row) => Some(sql::text(&row, "phone")?),
                None => None,
            };
            out.push(Recipient {
                member,
                phone: phone.unwrap_or_default(),
                mandate: mandates.get(&member).copied(),
            });
        }
        Ok(out)
    }

    /// Claims the notice of `kind` for `member` of `meeting` at `now`: a new row, or one whose
    /// earlier sending failed; refused when it was sent or is being sent. Under the one writer,
    /// so that two organizers (or the scheduler on two nodes) never both send it.
    pub async fn claim_notice(
        &self,
        meeting: &Code,
        member: i64,
        kind: &str,
        now: Timestamp,
    ) -> Result<NoticeClaim, StoreError> {
        let (_writer, mut tx) = self.begin_write("claiming a notice").await?;
        let inserted = sqlx::query(
            "INSERT INTO notices_sent (meeting, member, kind, sent_at, outcome) VALUES ($1, $2, $3, $4, 'sending') ON CONFLICT (meeting, member, kind) DO NOTHING",
        )
        .bind(meeting.to_string())
        .bind(member)
        .bind(kind)
        .bind(now.as_millisecond())
        .execute(&mut *tx)
        .await
        .doing("claiming a notice")?
        .rows_affected();
        let claimed = if inserted == 1 {
            true
        } else {
            // A failed sending may be tried again; a sent one, or one on its way, may not.
            sqlx::query(
                "UPDATE notices_sent SET outcome = 'sending', sent_at = $4 WHERE meeting = $1 AND member = $2 AND kind = $3 AND outcome LIKE 'failed%'",
            )
            .bind(meeting.to_string())
            .bind(member)
            .bind(kind)
            .bind(now.as_millisecond())
            .execute(&mut *tx)
            .await
            .doing("claiming a notice again")?
            .rows_affected()
                == 1
        };
        tx.commit().await.doing("claiming a notice")?;
        Ok(if claimed {
            NoticeClaim::Claimed
        } else {
            NoticeClaim::AlreadySent
        })
    }

    /// Records how a claimed notice went (`sent`, `no_phone`, `failed: …`).
    pub async fn finish_notice(
        &self,
        meeting: &Code,
        member: i64,
        kind: &str,
        outcome: &str,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write("recording a notice").await?;
        sqlx::query(
            "UPDATE notices_sent SET outcome = $4 WHERE meeting = $1 AND member = $2 AND kind = $3",
        )
        .bind(meeting.to_string())
        .bind(member)
        .bind(kind)
        .bind(outcome)
        .execute(&mut *tx)
        .await
        .doing("recording a notice")?;
        tx.commit().await.doing("recording a notice")?;
        Ok(())
    }

    /// The notices of a meeting, by kind and member.
    pub async fn notices(&self, meeting: &Code) -> Result<Vec<NoticeRow>, StoreError> {
        sqlx::query(
            "SELECT member, kind, sent_at, outcome FROM notices_sent WHERE meeting = $1 ORDER BY kind, member",
        )
        .bind(meeting.to_string())
        .fetch_all(&self.pool)
        .await
        .doing("reading the notices of a meeting")?
        .iter()
        .map(|r| {
            Ok(NoticeRow {
                member: sql::int(r, "member")?,
                kind: sql::text(r, "kind")?,
                sent_at: crate::meetings::time("notices_sent", "", sql::int(r, "sent_at")?)?,
                outcome: sql::text(r, "outcome")?,
            })
        })
        .collect()
    }
}
