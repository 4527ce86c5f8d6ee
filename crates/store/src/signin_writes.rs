//! Group commit for sign-in writes: the codes kept and the codes checked by many people at once go to the database together, in one transaction each group, in the order they came.
//!
//! A morning of voters signing in is two writes per person (the code kept, the code spent and
//! the session started). One transaction and one disk flush per write made the single writer
//! the limit; a group pays one flush for all its writes. Nobody waits for a group to fill: the
//! first write starts a flush at once, and what arrives while it commits goes in the next.

use crate::error::{Doing, StoreError};
use crate::session_cache::Kept;
use crate::signin::MEMBER_SCOPE;
use crate::{Session, Store, sql};
use jiff::Timestamp;
use mandat_core::Iin;
use mandat_core::signin::{CodeCheck, PendingCode};
use mandat_core::token::same_mac;
use sqlx::AnyConnection;
use std::sync::Mutex;
use tokio::sync::oneshot;

/// Writes in one transaction at most: a group stays short enough that its first writer does
/// not wait long for the last.
const GROUP_MAX: usize = 256;

/// One sign-in write. The HMACs and the new session's token are made by the caller, so that
/// the group's transaction does nothing but read and write rows.
pub(crate) enum SigninWrite {
    /// A new code for an IIN, replacing any earlier one with its tries.
    KeepCode {
        iin: Iin,
        binding_hash: String,
        code_hash: String,
        expires_at: Timestamp,
    },
    /// A code typed for an IIN in the browser whose binding hashes to `binding_hash`.
    Redeem {
        iin: Iin,
        binding_hash: String,
        code_hash: String,
        /// The session's token if the code is right, and its HMAC (all that is stored).
        token: String,
        token_hash: String,
        now: Timestamp,
    },
}

/// What a write did.
pub(crate) enum SigninWritten {
    Kept,
    Redeemed(CodeCheck, Option<(String, Session)>),
}

type Waiting = (SigninWrite, oneshot::Sender<Result<SigninWritten, String>>);

/// The writes waiting for the next group, and whether a flush is under way.
#[derive(Default)]
pub(crate) struct SigninWrites {
    queue: Mutex<(Vec<Waiting>, bool)>,
}

impl SigninWrites {
    /// Queues a write; true when no flush is under way and the caller must start one.
    fn push(&self, waiting: Waiting) -> bool {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        queue.0.push(waiting);
        !std::mem::replace(&mut queue.1, true)
    }

    /// The next group, oldest first; when none is waiting the flush ends (under the same lock,
    /// so a write queued meanwhile starts a new one).
    fn next_group(&self) -> Vec<Waiting> {
        let mut queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        if queue.0.is_empty() {
            queue.1 = false;
            return Vec::new();
        }
        let n = queue.0.len().min(GROUP_MAX);
        queue.0.drain(..n).collect()
    }
}

/// When a flush ends before its queue is empty: marks it as no longer under way, and lets go of
/// the writes still waiting, whose callers are then told to try again.
struct Unfinished<'a>(&'a SigninWrites, bool);

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        if self.1 {
            let mut queue = self.0.queue.lock().unwrap_or_else(|e| e.into_inner());
            queue.0.clear();
            queue.1 = false;
        }
    }
}

impl Store {
    /// Does `write` in the next group and answers when that group has committed.
    pub(crate) async fn signin_write(
        &self,
        write: SigninWrite,
    ) -> Result<SigninWritten, StoreError> {
        let (reply, answer) = oneshot::channel();
        if self.signin_writes.push((write, reply)) {
            let store = self.clone();
            // Its own task: a caller that goes away (a closed connection) cannot cut the group
            // short for the others in it.
            match tokio::runtime::Handle::try_current() {
                Ok(runtime) => {
                    runtime.spawn(async move { store.flush_signin_writes().await });
                }
                Err(_) => store.flush_signin_writes().await,
            }
        }
        answer
            .await
            .map_err(|_| StoreError::Grouped {
                doing: "a sign-in",
                error: "the writer stopped before answering".into(),
            })?
            .map_err(|error| StoreError::Grouped {
                doing: "a sign-in",
                error,
            })
    }

    /// Writes the queued groups one after another until none is left.
    async fn flush_signin_writes(&self) {
        // Should this flush end early (its task dropped with the runtime, a panic), nobody waits
        // for it forever, and the next write starts a new one.
        let mut unfinished = Unfinished(&self.signin_writes, true);
        loop {
            let group = self.signin_writes.next_group();
            if group.is_empty() {
                unfinished.1 = false;
                return;
            }
            let (writes, replies): (Vec<SigninWrite>, Vec<_>) = group.into_iter().unzip();
            match self.write_signin_group(writes).await {
                Ok(done) => {
                    for (reply, written) in replies.into_iter().zip(done) {
                        let _ = reply.send(Ok(written));
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, size = replies.len(), "a group of sign-in writes was not stored");
                    let error = e.to_string();
                    for reply in replies {
                        let _ = reply.send(Err(error.clone()));
                    }
                }
            }
        }
    }

    /// One transaction for the whole group: all of it is kept, or none of it.
    async fn write_signin_group(
        &self,
        writes: Vec<SigninWrite>,
    ) -> Result<Vec<SigninWritten>, StoreError> {
        let (_writer, mut tx) = self.begin_write("keeping sign-in codes").await?;
        let mut done = Vec::with_capacity(writes.len());
        let mut started = Vec::new();
        for write in writes {
            done.push(match write {
                SigninWrite::KeepCode {
                    iin,
                    binding_hash,
                    code_hash,
                    expires_at,
                } => {
                    keep_code(&mut tx, &iin, &binding_hash, &code_hash, expires_at).await?;
                    SigninWritten::Kept
                }
                SigninWrite::Redeem {
                    iin,
                    binding_hash,
                    code_hash,
                    token,
                    token_hash,
                    now,
                } => {
                    let (check, kept) =
                        redeem(&mut tx, &iin, &binding_hash, &code_hash, &token_hash, now).await?;
                    let signed_in = kept.as_ref().map(|kept| {
                        (
                            token,
                            Session {
                                member: kept.member,
                                iin,
                                scope: kept.scope.clone(),
                                expires_at: now + mandat_core::signin::MEMBER_IDLE,
                            },
                        )
                    });
                    if let Some(kept) = kept {
                        started.push((token_hash, kept, now));
                    }
                    SigninWritten::Redeemed(check, signed_in)
                }
            });
        }
        tx.commit().await.doing("keeping sign-in codes")?;
        for (token_hash, kept, now) in started {
            self.session_copies.started(token_hash, kept, now);
        }
        Ok(done)
    }
}

async fn keep_code(
    conn: &mut AnyConnection,
    iin: &Iin,
    binding_hash: &str,
    code_hash: &str,
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM signin_codes WHERE iin = $1")
        .bind(iin.to_string())
        .execute(&mut *conn)
        .await
        .doing("replacing an earlier sign-in code")?;
    sqlx::query(
        "INSERT INTO signin_codes (iin, binding_hash, code_hash, expires_at, tries) VALUES ($1, $2, $3, $4, 0)",
    )
    .bind(iin.to_string())
    .bind(binding_hash)
    .bind(code_hash)
    .bind(expires_at.as_millisecond())
    .execute(&mut *conn)
    .await
    .doing("keeping a sign-in code")?;
    Ok(())
}

/// Checks a code: a wrong try is counted, a spent, locked or stale code is deleted, and a right
/// one starts a member's session under `token_hash`.
async fn redeem(
    conn: &mut AnyConnection,
    iin: &Iin,
    binding_hash: &str,
    code_hash: &str,
    token_hash: &str,
    now: Timestamp,
) -> Result<(CodeCheck, Option<Kept>), StoreError> {
    let row = sqlx::query(
        "SELECT binding_hash, code_hash, expires_at, tries FROM signin_codes WHERE iin = $1",
    )
    .bind(iin.to_string())
    .fetch_optional(&mut *conn)
    .await
    .doing("reading a sign-in code")?;
    let (pending, same_browser, code_matches) = match &row {
        None => (None, false, false),
        Some(row) => (
            Some(PendingCode {
                expires_at: crate::meetings::time(
                    "signin_codes",
                    "",
                    sql::int(row, "expires_at")?,
                )?,
                tries: u32::try_from(sql::int(row, "tries")?).unwrap_or(u32::MAX),
            }),
            same_mac(&sql::text(row, "binding_hash")?, binding_hash),
            same_mac(&sql::text(row, "code_hash")?, code_hash),
        ),
    };
    let check = mandat_core::signin::check(pending.as_ref(), same_browser, code_matches, now);
    if check.spends_the_code() {
        sqlx::query("DELETE FROM signin_codes WHERE iin = $1")
            .bind(iin.to_string())
            .execute(&mut *conn)
            .await
            .doing("spending a sign-in code")?;
    } else if matches!(check, CodeCheck::Wrong { .. }) {
        sqlx::query("UPDATE signin_codes SET tries = tries + 1 WHERE iin = $1")
            .bind(iin.to_string())
            .execute(&mut *conn)
            .await
            .doing("counting a wrong try")?;
    }
    if check != CodeCheck::Accepted {
        return Ok((check, None));
    }
    let Some(member) = sqlx::query("SELECT id FROM members WHERE iin = $1")
        .bind(iin.to_string())
        .fetch_optional(&mut *conn)
        .await
        .doing("looking up the person")?
    else {
        return Ok((check, None));
    };
    let kept = Kept {
        member: sql::int(&member, "id")?,
        iin: *iin,
        scope: MEMBER_SCOPE.to_owned(),
        expires_at: now + mandat_core::signin::MEMBER_LIFETIME,
        started_at: now,
        seen_at: now,
    };
    sqlx::query(
        "INSERT INTO sessions (token_hash, member, scope, expires_at, started_at, seen_at) VALUES ($1, $2, $3, $4, $5, $5)",
    )
    .bind(token_hash)
    .bind(kept.member)
    .bind(MEMBER_SCOPE)
    .bind(kept.expires_at.as_millisecond())
    .bind(now.as_millisecond())
    .execute(&mut *conn)
    .await
    .doing("starting a session")?;
    Ok((check, Some(kept)))
}
