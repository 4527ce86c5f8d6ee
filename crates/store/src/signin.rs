//! Members' sign-in: the phone on record by IIN, one pending code per IIN kept only as HMACs, the code checked in one transaction, member sessions ended one by one or everywhere.

use crate::error::{Doing, StoreError};
use crate::session_cache::note_ended;
use crate::sessions::{SESSION, new_token};
use crate::signin_writes::{SigninWrite, SigninWritten};
use crate::{Session, Store, sql};
use jiff::Timestamp;
use mandat_core::Iin;
use mandat_core::signin::CodeCheck;
use mandat_core::token::TokenKey;

/// Domains of the stored HMACs (see `mandat_core::token`).
const SIGNIN_CODE: &str = "mandat/signin-code/v1";
const SIGNIN_BINDING: &str = "mandat/signin-binding/v1";
/// The scope of a member's session: the polls of the member's own rolls.
pub const MEMBER_SCOPE: &str = "member";

/// Where a person's codes go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub member: i64,
    pub phone: String,
}

/// The signed-in person as their own pages show them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub full_name: String,
    pub status: mandat_core::model::MemberStatus,
    pub unit: String,
}

/// A poll on one of the person's rolls, with how they are marked on it (never how they voted).
#[derive(Clone, Debug)]
pub struct RollEntry {
    pub poll: mandat_core::poll::Poll,
    pub marked: mandat_core::poll::Marked,
}

/// The stored form of a code for an IIN: the IIN is part of it, so one code's MAC says nothing
/// about another person's.
pub fn code_mac(key: &TokenKey, iin: &Iin, code: &str) -> String {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    key.mac(SIGNIN_CODE, &format!("{iin}:{digits}"))
}

/// The stored form of a browser's sign-in cookie.
pub fn binding_mac(key: &TokenKey, binding: &str) -> String {
    key.mac(SIGNIN_BINDING, binding)
}

impl Store {
    /// The phone on record of the person with `iin` (a member or a registered non-member), if any.
    pub async fn contact(&self, iin: &Iin) -> Result<Option<Contact>, StoreError> {
        let row = sqlx::query("SELECT id, phone FROM members WHERE iin = $1")
            .bind(iin.to_string())
            .fetch_optional(&self.pool)
            .await
            .doing("looking up a phone on record")?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Contact {
            member: sql::int(&row, "id")?,
            phone: sql::text(&row, "phone")?,
        }))
    }

    /// Keeps a new code for `iin` (its HMAC, and the HMAC of the asking browser's binding),
    /// replacing any earlier one with its tries. Written with the other sign-ins of the moment
    /// (see `signin_writes`); kept once this returns.
    pub async fn put_signin_code(
        &self,
        iin: &Iin,
        binding_hash: &str,
        code_hash: &str,
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        self.signin_write(SigninWrite::KeepCode {
            iin: *iin,
            binding_hash: binding_hash.to_owned(),
            code_hash: code_hash.to_owned(),
            expires_at,
        })
        .await?;
        Ok(())
    }

    /// Checks a code typed for `iin` in the browser holding `binding`, at `now`, in one
    /// transaction: a wrong try is counted, a spent, locked or stale code is deleted, and a right
    /// one starts a member's session (its token is answered once, stored only as an HMAC).
    pub async fn redeem_signin_code(
        &self,
        key: &TokenKey,
        iin: &Iin,
        binding: &str,
        code: &str,
        now: Timestamp,
    ) -> Result<(CodeCheck, Option<(String, Session)>), StoreError> {
        let token = new_token()?;
        let written = self
            .signin_write(SigninWrite::Redeem {
                iin: *iin,
                binding_hash: binding_mac(key, binding),
                code_hash: code_mac(key, iin, code),
                token_hash: key.mac(SESSION, &token),
                token,
                now,
            })
            .await?;
        match written {
            SigninWritten::Redeemed(check, signed_in) => Ok((check, signed_in)),
            SigninWritten::Kept => Err(StoreError::Corrupt(
                "a code check was answered as a code kept".into(),
            )),
        }
    }

    /// Ends the session a token names (signing out on this device), on every node.
    pub async fn end_session(&self, key: &TokenKey, token: &str) -> Result<(), StoreError> {
        let token_hash = key.mac(SESSION, token);
        let (_writer, mut tx) = self.begin_write("signing out").await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE token_hash = $1 RETURNING member")
            .bind(&token_hash)
            .fetch_optional(&mut *tx)
            .await
            .doing("ending a session")?;
        if let Some(row) = &ended {
            note_ended(&mut tx, sql::int(row, "member")?, Timestamp::now()).await?;
        }
        tx.commit().await.doing("signing out")?;
        self.session_copies.forget(&token_hash);
        Ok(())
    }

    /// Ends every session of a person, on every device and every node (signing out everywhere).
    pub async fn end_all_sessions(&self, member: i64) -> Result<u64, StoreError> {
        let (_writer, mut tx) = self.begin_write("signing out everywhere").await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE member = $1")
            .bind(member)
            .execute(&mut *tx)
            .await
            .doing("ending sessions")?
            .rows_affected();
        note_ended(&mut tx, member, Timestamp::now()).await?;
        tx.commit().await.doing("signing out everywhere")?;
        self.session_copies.forget_members(&[member].into());
        Ok(ended)
    }

    /// Every poll whose roll holds the person, with their mark, in the order the polls close.
    pub async fn rolls_of(&self, member: i64) -> Result<Vec<RollEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.marked, p.body FROM poll_roll r JOIN polls p ON p.code = r.poll WHERE r.member = $1",
        )
        .bind(member)
        .fetch_all(&self.pool)
        .await
        .doing("reading the person's rolls")?;
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            let body = sql::text(&row, "body")?;
            let poll: mandat_core::poll::Poll = serde_json::from_str(&body)
                .map_err(|e| StoreError::Corrupt(format!("polls row: {e}")))?;
            let marked_text = sql::text(&row, "marked")?;
            let marked = mandat_core::poll::Marked::parse(&marked_text).ok_or_else(|| {
                StoreError::Corrupt(format!("poll_roll of {}: mark «{marked_text}»", poll.code))
            })?;
            entries.push(RollEntry { poll, marked });
        }
        entries.sort_by(|a, b| {
            (a.poll.closes_at, a.poll.code.as_str()).cmp(&(b.poll.closes_at, b.poll.code.as_str()))
        });
        Ok(entries)
    }

    /// The name and membership status of a signed-in person (their own, for their pages).
    pub async fn person(&self, member: i64) -> Result<Option<Person>, StoreError> {
        let row = sqlx::query("SELECT full_name, status, unit FROM members WHERE id = $1")
            .bind(member)
            .fetch_optional(&self.pool)
            .await
            .doing("reading the signed-in person")?;
        let Some(row) = row else { return Ok(None) };
        let status = sql::text(&row, "status")?;
        Ok(Some(Person {
            full_name: sql::text(&row, "full_name")?,
            status: mandat_core::model::MemberStatus::parse(&status).ok_or_else(|| {
                StoreError::Corrupt(format!("members row {member}: status «{status}»"))
            })?,
            unit: sql::text(&row, "unit")?,
        }))
    }

    /// Up to `limit` people on the roll of an open poll who have not voted yet, by IIN: whom a
    /// demo tells its visitors to sign in as.
    pub async fn unvoted_sample(
        &self,
        limit: i64,
    ) -> Result<Vec<(Iin, String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT m.iin, m.full_name, r.poll FROM poll_roll r JOIN members m ON m.id = r.member \
             JOIN polls p ON p.code = r.poll WHERE r.marked = '' AND p.status = 'open' ORDER BY m.iin, r.poll LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .doing("choosing demo voters")?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let iin_text = sql::text(&row, "iin")?;
            let iin: Iin = iin_text.parse().map_err(|e| {
                StoreError::Corrupt(format!("members row with IIN {iin_text}: {e}"))
            })?;
            out.push((iin, sql::text(&row, "full_name")?, sql::text(&row, "poll")?));
        }
        Ok(out)
    }
}
