//! E-vote credentials handed out at check-in, and voter sessions: operational, kept only as HMACs under the token key (not in the database), never journaled.

use crate::error::{Doing, StoreError};
use crate::meetings::{MEETING_COLUMNS, meeting_from, select};
use crate::session_cache::{Kept, note_ended};
use crate::{Store, sql};
use jiff::{SignedDuration, Timestamp};
use mandat_core::token::TokenKey;
use mandat_core::{Code, Iin, RuleError};
use sqlx::AssertSqlSafe;

/// How long a session lasts: a conference day.
const SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(14);
/// Letters of a credential: no 0/O, 1/I/L, easy to read out and type on a phone.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Who receives a credential: by IIN (PPO meetings) or mandate number (conferences).
#[derive(Clone, Copy, Debug)]
pub enum Participant {
    Iin(Iin),
    Mandate(u32),
}

/// A signed-in voter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub member: i64,
    pub iin: Iin,
    /// `meeting:CODE` for a conference credential, `member` for a member's sign-in.
    pub scope: String,
    pub expires_at: Timestamp,
}

/// Domains of the stored HMACs: a code and a token with the same text never store the same value.
const CREDENTIAL: &str = "mandat/credential/v1";
pub(crate) const SESSION: &str = "mandat/session/v1";

fn random_bytes<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Corrupt(format!("no randomness from the system: {e}")))?;
    Ok(bytes)
}

/// A new session token: 256 random bits as hex, shown to the browser once.
pub(crate) fn new_token() -> Result<String, StoreError> {
    Ok(hex::encode(random_bytes::<32>()?))
}

impl Store {
    /// Hands a checked-in participant the one-time code for the meeting's electronic votes
    /// (12 letters, ~59 bits), stored only as its HMAC under `key`. Handing a new one cancels
    /// the earlier one and ends the sessions opened with it.
    pub async fn issue_vote_credential(
        &self,
        key: &TokenKey,
        meeting: &Code,
        who: Participant,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let (_writer, mut tx) = self.begin_write("issuing a credential").await?;
        let row = sqlx::query(AssertSqlSafe(select(
            MEETING_COLUMNS,
            "meetings",
            "WHERE code = $1",
        )))
        .bind(meeting.to_string())
        .fetch_optional(&mut *tx)
        .await
        .doing("reading the meeting")?
        .ok_or_else(|| StoreError::NotFound(mandat_core::Missing::Meeting(meeting.clone())))?;
        let m = meeting_from(&row)?;
        let member = match who {
            Participant::Iin(iin) => sqlx::query("SELECT id FROM members WHERE iin = $1")
                .bind(iin.to_string())
                .fetch_optional(&mut *tx)
                .await
                .doing("looking up the member")?
                .ok_or_else(|| StoreError::Rule(RuleError::NoMember { iin: iin.masked() }))?,
            Participant::Mandate(n) => {
                sqlx::query("SELECT member AS id FROM mandates WHERE meeting = $1 AND number = $2")
                    .bind(meeting.to_string())
                    .bind(i64::from(n))
                    .fetch_optional(&mut *tx)
                    .await
                    .doing("looking up the mandate")?
                    .ok_or_else(|| {
                        StoreError::Rule(RuleError::UnknownMandate {
                            meeting: meeting.clone(),
                            number: n,
                        })
                    })?
            }
        };
        let member = sql::int(&member, "id")?;
        let attendance = crate::meetings::attendance_of(&mut tx, meeting, member).await?;
        mandat_core::poll::may_receive_credential(&m, attendance.as_ref())
            .map_err(StoreError::from)?;
        let bytes: [u8; 12] = random_bytes()?;
        let code: String = bytes
            .iter()
            .map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char)
            .collect();
        let code = format!("{}-{}-{}", &code[0..4], &code[4..8], &code[8..12]);
        sqlx::query("DELETE FROM vote_credentials WHERE meeting = $1 AND member = $2")
            .bind(meeting.to_string())
            .bind(member)
            .execute(&mut *tx)
            .await
            .doing("cancelling an earlier credential")?;
        // A session opened with the earlier code ends with it: a reissue is how a desk takes
        // back a code that someone else may have seen.
        let ended = sqlx::query("DELETE FROM sessions WHERE member = $1 AND scope = $2")
            .bind(member)
            .bind(format!("meeting:{meeting}"))
            .execute(&mut *tx)
            .await
            .doing("ending the sessions of the earlier credential")?
            .rows_affected();
        if ended > 0 {
            note_ended(&mut tx, member, now).await?;
        }
        sqlx::query(
            "INSERT INTO vote_credentials (code_hash, meeting, member, issued_at, used) VALUES ($1, $2, $3, $4, 0)",
        )
        .bind(key.mac(CREDENTIAL, &code))
        .bind(meeting.to_string())
        .bind(member)
        .bind(now.as_millisecond())
        .execute(&mut *tx)
        .await
        .doing("storing a credential")?;
        tx.commit().await.doing("issuing a credential")?;
        if ended > 0 {
            self.session_copies.forget_members(&[member].into());
        }
        Ok(code)
    }

    /// Signs in with a credential (once): returns the session token, shown to the phone only.
    pub async fn redeem_credential(
        &self,
        key: &TokenKey,
        code: &str,
        now: Timestamp,
    ) -> Result<(String, Session), StoreError> {
        let (_writer, mut tx) = self.begin_write("signing in").await?;
        let hash = key.mac(CREDENTIAL, code);
        let row = sqlx::query(
            "SELECT c.meeting, c.member, c.used, m.iin FROM vote_credentials c JOIN members m ON m.id = c.member WHERE c.code_hash = $1",
        )
        .bind(hash.clone())
        .fetch_optional(&mut *tx)
        .await
        .doing("looking up a credential")?
        .ok_or_else(|| {
            StoreError::Rule(RuleError::InvalidCode)
        })?;
        if sql::int(&row, "used")? != 0 {
            return Err(StoreError::Rule(RuleError::CodeUsed));
        }
        let member = sql::int(&row, "member")?;
        let iin_text = sql::text(&row, "iin")?;
        let iin: Iin = iin_text
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("members row {member}: {e}")))?;
        let scope = format!("meeting:{}", sql::text(&row, "meeting")?);
        // Conditional, so that two nodes redeeming the same code at once cannot both succeed.
        let used =
            sqlx::query("UPDATE vote_credentials SET used = 1 WHERE code_hash = $1 AND used = 0")
                .bind(hash)
                .execute(&mut *tx)
                .await
                .doing("using a credential")?;
        if used.rows_affected() != 1 {
            return Err(StoreError::Rule(RuleError::CodeUsed));
        }
        // One live session per credential scope: a new sign-in ends the old one.
        let ended = sqlx::query("DELETE FROM sessions WHERE member = $1 AND scope = $2")
            .bind(member)
            .bind(scope.clone())
            .execute(&mut *tx)
            .await
            .doing("ending an earlier session")?
            .rows_affected();
        if ended > 0 {
            note_ended(&mut tx, member, now).await?;
        }
        let token = new_token()?;
        let token_hash = key.mac(SESSION, &token);
        let expires_at = now + SESSION_LIFETIME;
        sqlx::query(
            "INSERT INTO sessions (token_hash, member, scope, expires_at, started_at, seen_at) VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&token_hash)
        .bind(member)
        .bind(scope.clone())
        .bind(expires_at.as_millisecond())
        .bind(now.as_millisecond())
        .execute(&mut *tx)
        .await
        .doing("starting a session")?;
        tx.commit().await.doing("signing in")?;
        if ended > 0 {
            self.session_copies.forget_members(&[member].into());
        }
        self.session_copies.started(
            token_hash,
            Kept {
                member,
                iin,
                scope: scope.clone(),
                expires_at,
                started_at: now,
                seen_at: now,
            },
            now,
        );
        Ok((
            token,
            Session {
                member,
                iin,
                scope,
                expires_at,
            },
        ))
    }

    /// The session a token names, if it is live at `now`. A member's session also ends after
    /// [`mandat_core::signin::MEMBER_IDLE`] without use; its last use is recorded here (in
    /// memory at once, in the database within seconds). Read from this node's copy when it has
    /// one: a session ended on another node lives on here for at most [`crate::ENDS_CHECK`].
    pub async fn session(
        &self,
        key: &TokenKey,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<Session>, StoreError> {
        let token_hash = key.mac(SESSION, token);
        self.check_session_ends().await?;
        let (copy, drops) = self.session_copies.get(&token_hash);
        // A copy that looks idle may have been used on another node: the database decides.
        let had_copy = copy.is_some();
        let kept = match copy.filter(|k| k.live(now).is_some()) {
            Some(kept) => kept,
            None => {
                let Some(kept) = self.session_row(&token_hash).await? else {
                    if had_copy {
                        self.session_copies.forget(&token_hash);
                    }
                    return Ok(None);
                };
                if kept.live(now).is_none() {
                    return Ok(None);
                }
                self.session_copies
                    .keep(token_hash.clone(), kept.clone(), drops, now);
                kept
            }
        };
        if self.session_copies.used(&token_hash, &kept, now) {
            self.schedule_session_uses();
        }
        Ok(kept.live(now))
    }

    async fn session_row(&self, token_hash: &str) -> Result<Option<Kept>, StoreError> {
        let row = sqlx::query(
            "SELECT s.member, s.scope, s.expires_at, s.started_at, s.seen_at, m.iin FROM sessions s JOIN members m ON m.id = s.member WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .doing("reading a session")?;
        let Some(row) = row else { return Ok(None) };
        let time = |column| crate::meetings::time("sessions", "", sql::int(&row, column)?);
        let member = sql::int(&row, "member")?;
        let iin: Iin = sql::text(&row, "iin")?
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("members row {member}: {e}")))?;
        Ok(Some(Kept {
            member,
            iin,
            scope: sql::text(&row, "scope")?,
            expires_at: time("expires_at")?,
            started_at: time("started_at")?,
            seen_at: time("seen_at")?,
        }))
    }
}
