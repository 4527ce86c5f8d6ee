//! Staff accounts and grants in the record (their projections), the accounts' secrets and sessions (operational, never journaled), and commands checked by the authorization policy inside their own write transaction.

use crate::Store;
use crate::batch::{Pending, Receipt};
use crate::error::{Doing, StoreError};
use crate::sql::{self, Bind};
use jiff::{SignedDuration, Timestamp};
use mandat_core::staff::{Account, Grant, GrantScope, GrantedRole, Login, StaffRole};
use mandat_core::token::TokenKey;
use mandat_core::{Code, Iin, RuleError, Snapshot};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

pub(crate) const ACCOUNT_COLUMNS: &[&str] = &["login", "role", "unit", "disabled", "added_seq"];
pub(crate) const GRANT_COLUMNS: &[&str] = &["iin", "role", "scope", "granted_seq"];

/// A staff session ends after this long without a request.
pub const STAFF_IDLE: SignedDuration = SignedDuration::from_mins(30);
/// A staff session ends this long after sign-in, however busy.
pub const STAFF_ABSOLUTE: SignedDuration = SignedDuration::from_hours(12);

/// The domain of the stored HMAC of a staff session token.
const STAFF_SESSION: &str = "mandat/staff-session/v1";

pub(crate) fn account_binds(a: &Account) -> Vec<Bind> {
    vec![
        Bind::Text(a.login.to_string()),
        Bind::Text(a.role.as_str().to_owned()),
        Bind::Text(a.unit.to_string()),
        Bind::Int(i64::from(a.disabled)),
        Bind::Int(a.added_seq),
    ]
}

pub(crate) fn grant_binds(g: &Grant) -> Vec<Bind> {
    vec![
        Bind::Text(g.iin.to_string()),
        Bind::Text(g.role.as_str().to_owned()),
        Bind::Text(g.scope.to_string()),
        Bind::Int(g.granted_seq),
    ]
}

fn damaged(table: &str, what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{table}: {what}"))
}

fn account_from(row: &AnyRow) -> Result<Account, StoreError> {
    let login = sql::text(row, "login")?;
    let role = sql::text(row, "role")?;
    let unit = sql::text(row, "unit")?;
    Ok(Account {
        login: Login::parse(&login).map_err(|e| damaged("staff_accounts", e))?,
        role: StaffRole::parse(&role)
            .ok_or_else(|| damaged("staff_accounts", format!("role {role:?}")))?,
        unit: Code::parse(&unit).map_err(|e| damaged("staff_accounts", e))?,
        disabled: sql::int(row, "disabled")? != 0,
        added_seq: sql::int(row, "added_seq")?,
    })
}

fn grant_from(row: &AnyRow) -> Result<Grant, StoreError> {
    let iin = sql::text(row, "iin")?;
    let role = sql::text(row, "role")?;
    let scope = sql::text(row, "scope")?;
    Ok(Grant {
        iin: Iin::parse(&iin).map_err(|e| damaged("grants", e))?,
        role: GrantedRole::parse(&role)
            .ok_or_else(|| damaged("grants", format!("role {role:?}")))?,
        scope: GrantScope::parse(&scope)
            .ok_or_else(|| damaged("grants", format!("scope {scope:?}")))?,
        granted_seq: sql::int(row, "granted_seq")?,
    })
}

/// Loads every account and grant into the complete part of the record.
pub(crate) async fn load_base(
    conn: &mut AnyConnection,
    snap: &mut Snapshot,
) -> Result<(), StoreError> {
    for row in &sqlx::query("SELECT login, role, unit, disabled, added_seq FROM staff_accounts")
        .fetch_all(&mut *conn)
        .await
        .doing("loading staff accounts")?
    {
        let account = account_from(row)?;
        snap.accounts.insert(account.login.clone(), account);
    }
    for row in &sqlx::query("SELECT iin, role, scope, granted_seq FROM grants")
        .fetch_all(&mut *conn)
        .await
        .doing("loading grants")?
    {
        let grant = grant_from(row)?;
        snap.grants.insert(grant.key(), grant);
    }
    Ok(())
}

/// An account's secrets and attempt counters, as stored (the TOTP secret still sealed).
#[derive(Clone, Debug)]
pub struct StaffCredentials {
    pub login: Login,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// The TOTP secret sealed under the token key (hex), and the nonce that picks its pad.
    pub totp_sealed: String,
    pub totp_nonce: String,
    /// Failed attempts since `failures_since`.
    pub failures: i64,
    pub failures_since: Timestamp,
    /// The last TOTP time step that signed in: a code is used once.
    pub last_step: i64,
}

/// A signed-in staff account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffSession {
    pub login: Login,
    pub started_at: Timestamp,
    /// When the session ends if nothing happens: the idle limit, capped by the absolute one.
    pub expires_at: Timestamp,
}

/// Why a staff sign-in that passed the password and code checks still did not start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInFailure {
    /// The code's time step was used already (a replayed code) or is older.
    StepUsed,
    /// The account locked meanwhile (another request's failures).
    Locked,
}

fn random_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Corrupt(format!("no randomness from the system: {e}")))?;
    Ok(hex::encode(bytes))
}

impl Store {
    /// The secrets and counters of `login`, if it has an account with credentials.
    pub async fn staff_credentials(
        &self,
        login: &Login,
    ) -> Result<Option<StaffCredentials>, StoreError> {
        let row = sqlx::query(
            "SELECT login, password_hash, totp_sealed, totp_nonce, failures, failures_since, last_step FROM staff_credentials WHERE login = $1",
        )
        .bind(login.to_string())
        .fetch_optional(&self.pool)
        .await
        .doing("reading staff credentials")?;
        let Some(row) = row else {
            return Ok(None);
        };
        Ok(Some(StaffCredentials {
            login: login.clone(),
            password_hash: sql::text(&row, "password_hash")?,
            totp_sealed: sql::text(&row, "totp_sealed")?,
            totp_nonce: sql::text(&row, "totp_nonce")?,
            failures: sql::int(&row, "failures")?,
            failures_since: crate::meetings::time(
                "staff_credentials",
                login.as_str(),
                sql::int(&row, "failures_since")?,
            )?,
            last_step: sql::int(&row, "last_step")?,
        }))
    }

    /// Sets (or resets) an account's password hash and sealed TOTP secret: failures are
    /// forgotten, any TOTP step may sign in again, and every session of the account ends. The
    /// account must be in the record and not disabled.
    pub async fn set_staff_credentials(
        &self,
        login: &Login,
        password_hash: &str,
        totp_sealed: &str,
        totp_nonce: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write("setting staff credentials").await?;
        let row = sqlx::query("SELECT disabled FROM staff_accounts WHERE login = $1")
            .bind(login.to_string())
            .fetch_optional(&mut *tx)
            .await
            .doing("reading the account")?
            .ok_or_else(|| {
                StoreError::Rule(RuleError::NoAccount {
                    login: login.to_string(),
                })
            })?;
        if sql::int(&row, "disabled")? != 0 {
            return Err(StoreError::Rule(RuleError::AccountDisabled {
                login: login.to_string(),
            }));
        }
        let upsert = sql::insert_many(
            self.backend,
            "staff_credentials",
            &[
                "login",
                "password_hash",
                "totp_sealed",
                "totp_nonce",
                "failures",
                "failures_since",
                "last_step",
                "changed_at",
            ],
            1,
            Some(&["login"]),
        );
        let values = vec![
            Bind::Text(login.to_string()),
            Bind::Text(password_hash.to_owned()),
            Bind::Text(totp_sealed.to_owned()),
            Bind::Text(totp_nonce.to_owned()),
            Bind::Int(0),
            Bind::Int(0),
            Bind::Int(-1),
            Bind::Int(now.as_millisecond()),
        ];
        sqlx::query_with(sqlx::AssertSqlSafe(upsert), sql::args(values)?)
            .execute(&mut *tx)
            .await
            .doing("writing staff credentials")?;
        sqlx::query("DELETE FROM staff_sessions WHERE login = $1")
            .bind(login.to_string())
            .execute(&mut *tx)
            .await
            .doing("ending the account's sessions")?;
        tx.commit().await.doing("setting staff credentials")?;
        Ok(())
    }

    /// Counts a failed sign-in of `login`: a new window starts at `now` when the last one began
    /// before `window_start`.
    pub async fn staff_failure(
        &self,
        login: &Login,
        window_start: Timestamp,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write("counting a failed sign-in").await?;
        sqlx::query(
            "UPDATE staff_credentials SET \
             failures = CASE WHEN failures_since < $2 THEN 1 ELSE failures + 1 END, \
             failures_since = CASE WHEN failures_since < $2 THEN $3 ELSE failures_since END \
             WHERE login = $1",
        )
        .bind(login.to_string())
        .bind(window_start.as_millisecond())
        .bind(now.as_millisecond())
        .execute(&mut *tx)
        .await
        .doing("counting a failed sign-in")?;
        tx.commit().await.doing("counting a failed sign-in")?;
        Ok(())
    }

    /// Starts a session for `login`, whose password and code (of TOTP time step `step`) were
    /// right: conditional on the step being newer than the last one used and on the account
    /// not having locked meanwhile (`max_failures` since `window_start`), so that one code
    /// signs in once even from two nodes at once. Failures are forgotten. Answers the token
    /// (shown to the client only) and the session.
    pub async fn start_staff_session(
        &self,
        key: &TokenKey,
        login: &Login,
        step: i64,
        max_failures: i64,
        window_start: Timestamp,
        now: Timestamp,
    ) -> Result<Result<(String, StaffSession), SignInFailure>, StoreError> {
        let (_writer, mut tx) = self.begin_write("signing staff in").await?;
        let used = sqlx::query(
            "UPDATE staff_credentials SET last_step = $2, failures = 0 \
             WHERE login = $1 AND last_step < $2 AND (failures < $3 OR failures_since < $4)",
        )
        .bind(login.to_string())
        .bind(step)
        .bind(max_failures)
        .bind(window_start.as_millisecond())
        .execute(&mut *tx)
        .await
        .doing("using a TOTP step")?;
        if used.rows_affected() != 1 {
            let row = sqlx::query("SELECT last_step FROM staff_credentials WHERE login = $1")
                .bind(login.to_string())
                .fetch_optional(&mut *tx)
                .await
                .doing("reading staff credentials")?;
            tx.rollback().await.doing("signing staff in")?;
            let stepped = match row {
                Some(row) => sql::int(&row, "last_step")? >= step,
                None => false,
            };
            return Ok(Err(if stepped {
                SignInFailure::StepUsed
            } else {
                SignInFailure::Locked
            }));
        }
        let token = random_token()?;
        let expires_at = now + STAFF_IDLE;
        sqlx::query(
            "INSERT INTO staff_sessions (token_hash, login, started_at, seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(key.mac(STAFF_SESSION, &token))
        .bind(login.to_string())
        .bind(now.as_millisecond())
        .bind((now + STAFF_ABSOLUTE).as_millisecond())
        .execute(&mut *tx)
        .await
        .doing("starting a staff session")?;
        tx.commit().await.doing("signing staff in")?;
        Ok(Ok((
            token,
            StaffSession {
                login: login.clone(),
                started_at: now,
                expires_at,
            },
        )))
    }

    /// The live staff session a token names at `now`, its idle clock restarted; `None` when it
    /// is unknown, idle for 30 minutes, older than 12 hours, or its account is disabled or gone
    /// (such a session is deleted).
    pub async fn staff_session(
        &self,
        key: &TokenKey,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<StaffSession>, StoreError> {
        let hash = key.mac(STAFF_SESSION, token);
        let row = sqlx::query(
            "SELECT s.login, s.started_at, s.seen_at, s.expires_at, a.disabled FROM staff_sessions s LEFT JOIN staff_accounts a ON a.login = s.login WHERE s.token_hash = $1",
        )
        .bind(hash.clone())
        .fetch_optional(&self.pool)
        .await
        .doing("reading a staff session")?;
        let Some(row) = row else {
            return Ok(None);
        };
        let login_text = sql::text(&row, "login")?;
        let login = Login::parse(&login_text).map_err(|e| damaged("staff_sessions", e))?;
        let time = |col: &str| -> Result<Timestamp, StoreError> {
            crate::meetings::time("staff_sessions", &login_text, sql::int(&row, col)?)
        };
        let started_at = time("started_at")?;
        let seen_at = time("seen_at")?;
        let absolute = time("expires_at")?;
        let disabled = crate::meetings::opt_int_of(&row, "disabled")?.is_none_or(|d| d != 0);
        let (_writer, mut tx) = self.begin_write("touching a staff session").await?;
        if disabled || now >= absolute || now >= seen_at + STAFF_IDLE {
            sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
                .bind(hash)
                .execute(&mut *tx)
                .await
                .doing("ending a staff session")?;
            tx.commit().await.doing("ending a staff session")?;
            return Ok(None);
        }
        sqlx::query("UPDATE staff_sessions SET seen_at = $2 WHERE token_hash = $1")
            .bind(hash)
            .bind(now.as_millisecond())
            .execute(&mut *tx)
            .await
            .doing("touching a staff session")?;
        tx.commit().await.doing("touching a staff session")?;
        Ok(Some(StaffSession {
            login,
            started_at,
            expires_at: (now + STAFF_IDLE).min(absolute),
        }))
    }

    /// Ends the staff session a token names (signing out); nothing when it is unknown.
    pub async fn end_staff_session(&self, key: &TokenKey, token: &str) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write("signing staff out").await?;
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(key.mac(STAFF_SESSION, token))
            .execute(&mut *tx)
            .await
            .doing("ending a staff session")?;
        tx.commit().await.doing("signing staff out")?;
        Ok(())
    }

    /// Ends every session of `login` (the account was disabled, or its secrets were reset).
    pub async fn end_staff_sessions(&self, login: &Login) -> Result<(), StoreError> {
        let (_writer, mut tx) = self.begin_write("ending staff sessions").await?;
        sqlx::query("DELETE FROM staff_sessions WHERE login = $1")
            .bind(login.to_string())
            .execute(&mut *tx)
            .await
            .doing("ending staff sessions")?;
        tx.commit().await.doing("ending staff sessions")?;
        Ok(())
    }

    /// Decides and records one command after `check` has allowed it against the record in the
    /// same write transaction (the members it names loaded), so that a grant revoked or an
    /// account disabled a moment before cannot slip between the check and the write. `check`
    /// may also make the envelope (the actor it finds). A refused check records nothing.
    pub async fn submit_checked<E>(
        &self,
        command: mandat_core::Command,
        check: impl FnOnce(&Snapshot, &mandat_core::Command) -> Result<Pending, E>,
    ) -> Result<Result<Receipt, E>, StoreError> {
        let mut batch = self.begin().await?;
        let iins = command.needs().iins;
        batch.load_members(&iins).await?;
        let pending = match check(batch.snapshot(), &command) {
            Ok(pending) => pending,
            Err(refused) => {
                batch.rollback().await?;
                return Ok(Err(refused));
            }
        };
        let mut results = batch.push_chunk(vec![pending]).await?;
        let receipt = results
            .pop()
            .ok_or_else(|| StoreError::Corrupt("a batch of one gave no answer".into()))??;
        batch.commit().await?;
        Ok(Ok(receipt))
    }
}
