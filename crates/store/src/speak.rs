//! Requests to speak at a meeting (operational, never journaled) and the live detail of one meeting that the secretary's console shows.

use crate::Store;
use crate::error::{Doing, StoreError};
use crate::sql::{int, text};
use jiff::Timestamp;
use mandat_core::Code;
use sqlx::Row;

/// One request to speak, as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpeakRequest {
    pub id: i64,
    pub meeting: Code,
    /// The agenda item, from 1.
    pub item: u32,
    /// The member who asked from their phone; `None` for one the secretary typed in.
    pub member: Option<i64>,
    /// Who asks, as the minutes will name them.
    pub participant: String,
    pub topic: String,
    pub asked_at: Timestamp,
    pub answered_at: Option<Timestamp>,
}

/// What a new request says.
#[derive(Clone, Debug)]
pub struct NewSpeakRequest<'a> {
    pub meeting: &'a Code,
    pub item: u32,
    pub member: Option<i64>,
    pub participant: &'a str,
    pub topic: &'a str,
}

fn request_from(row: &sqlx::any::AnyRow) -> Result<SpeakRequest, StoreError> {
    let id = int(row, "id")?;
    let damaged = |what: String| StoreError::Corrupt(format!("speak_requests row {id}: {what}"));
    let time = |ms: i64| Timestamp::from_millisecond(ms).map_err(|e| damaged(e.to_string()));
    Ok(SpeakRequest {
        id,
        meeting: Code::parse(&text(row, "meeting")?).map_err(|e| damaged(e.to_string()))?,
        item: u32::try_from(int(row, "item")?).map_err(|e| damaged(e.to_string()))?,
        member: row
            .try_get::<Option<i64>, _>("member")
            .map_err(|e| damaged(e.to_string()))?,
        participant: text(row, "participant")?,
        topic: text(row, "topic")?,
        asked_at: time(int(row, "asked_at")?)?,
        answered_at: row
            .try_get::<Option<i64>, _>("answered_at")
            .map_err(|e| damaged(e.to_string()))?
            .map(time)
            .transpose()?,
    })
}

const COLUMNS: &str = "id, meeting, item, member, participant, topic, asked_at, answered_at";

impl Store {
    /// A member's full name, as the minutes give it.
    pub async fn member_full_name(&self, member: i64) -> Result<String, StoreError> {
        let row = sqlx::query("SELECT full_name FROM members WHERE id = $1")
            .bind(member)
            .fetch_optional(&self.pool)
            .await
            .doing("reading a member's name")?
            .ok_or_else(|| StoreError::Corrupt(format!("no member with id {member}")))?;
        text(&row, "full_name")
    }

    /// Adds a request to speak; the same request still open (a double tap, a resent form) is
    /// not added again. Answers the request's id and whether it is new.
    pub async fn ask_to_speak(
        &self,
        request: NewSpeakRequest<'_>,
        now: Timestamp,
    ) -> Result<(i64, bool), StoreError> {
        let (_writer, mut tx) = self.begin_write("asking to speak").await?;
        let same = sqlx::query(
            "SELECT id FROM speak_requests WHERE meeting = $1 AND item = $2 AND participant = $3 \
             AND topic = $4 AND answered_at IS NULL",
        )
        .bind(request.meeting.to_string())
        .bind(i64::from(request.item))
        .bind(request.participant.to_string())
        .bind(request.topic.to_string())
        .fetch_optional(&mut *tx)
        .await
        .doing("looking for the same request to speak")?;
        if let Some(row) = same {
            let id = int(&row, "id")?;
            tx.commit().await.doing("asking to speak")?;
            return Ok((id, false));
        }
        let row = sqlx::query(
            "INSERT INTO speak_requests (meeting, item, member, participant, topic, asked_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(request.meeting.to_string())
        .bind(i64::from(request.item))
        .bind(request.member)
        .bind(request.participant.to_string())
        .bind(request.topic.to_string())
        .bind(now.as_millisecond())
        .fetch_one(&mut *tx)
        .await
        .doing("adding a request to speak")?;
        let id = int(&row, "id")?;
        tx.commit().await.doing("asking to speak")?;
        Ok((id, true))
    }

    /// The requests to speak at `meeting` not answered yet, in the order they were made.
    pub async fn open_speak_requests(
        &self,
        meeting: &Code,
    ) -> Result<Vec<SpeakRequest>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM speak_requests WHERE meeting = $1 AND answered_at IS NULL \
             ORDER BY asked_at, id"
        )))
        .bind(meeting.to_string())
        .fetch_all(&self.pool)
        .await
        .doing("reading the requests to speak")?;
        rows.iter().map(request_from).collect()
    }

    /// Marks request `id` of `meeting` answered, unless it already was: answers the request when
    /// this call answered it, `None` when it was answered before (a second tap) or is unknown.
    pub async fn answer_speak_request(
        &self,
        meeting: &Code,
        id: i64,
        now: Timestamp,
    ) -> Result<Option<SpeakRequest>, StoreError> {
        let (_writer, mut tx) = self.begin_write("answering a request to speak").await?;
        let done = sqlx::query(
            "UPDATE speak_requests SET answered_at = $1 WHERE id = $2 AND meeting = $3 \
             AND answered_at IS NULL",
        )
        .bind(now.as_millisecond())
        .bind(id)
        .bind(meeting.to_string())
        .execute(&mut *tx)
        .await
        .doing("answering a request to speak")?;
        if done.rows_affected() == 0 {
            tx.commit().await.doing("answering a request to speak")?;
            return Ok(None);
        }
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM speak_requests WHERE id = $1"
        )))
        .bind(id)
        .fetch_one(&mut *tx)
        .await
        .doing("reading a request to speak")?;
        tx.commit().await.doing("answering a request to speak")?;
        Ok(Some(request_from(&row)?))
    }

    /// Opens request `id` again (giving the floor was refused by the rules).
    pub async fn reopen_speak_request(&self, id: i64) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write("reopening a request to speak").await?;
        sqlx::query("UPDATE speak_requests SET answered_at = NULL WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .doing("reopening a request to speak")?;
        tx.commit().await.doing("reopening a request to speak")?;
        Ok(())
    }
}
