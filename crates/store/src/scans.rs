//! The hand-signed scans of minutes: the file stored beside the record and its hash journaled, in one transaction; reading it back; checking every file against its hash.

use crate::batch::Pending;
use crate::error::{Doing, StoreError};
use crate::verify::VerifyError;
use crate::{Receipt, Store};
use jiff::Timestamp;
use mandat_core::command::AttachSignedMinutes;
use mandat_core::meeting::model::SignedMinutes;
use mandat_core::{Code, Envelope, RuleError};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// Lowercase hex of the SHA-256 of `content`.
pub fn scan_hash(content: &[u8]) -> String {
    hex::encode(Sha256::digest(content))
}

impl Store {
    /// Attaches the signed scan of `meeting`'s minutes: journals `attach_signed_minutes` with
    /// the file's hash, type and size, and stores the file, in one transaction. A refusal
    /// stores nothing.
    pub async fn attach_signed_minutes(
        &self,
        meeting: &Code,
        actor: &str,
        media_type: &str,
        content: &[u8],
        now: Timestamp,
    ) -> Result<Result<Receipt, RuleError>, StoreError> {
        let sha256 = scan_hash(content);
        let envelope = Envelope {
            actor: actor.to_string(),
            held_at: now,
            command: AttachSignedMinutes {
                meeting: meeting.clone(),
                sha256: sha256.clone(),
                media_type: media_type.to_string(),
                size: content.len() as u64,
            }
            .into(),
        };
        let pending = Pending {
            with_file: true,
            ..Pending::new(envelope, now.as_millisecond())
        };
        let mut batch = self.begin().await?;
        let result = batch
            .push_chunk(vec![pending])
            .await?
            .pop()
            .ok_or_else(|| StoreError::Corrupt("a batch of one gave no answer".into()))?;
        match result {
            Ok(_) => {
                // The same scan attached twice is one file.
                let insert = "INSERT INTO signed_minutes_files (sha256, content) VALUES ($1, $2) \
                              ON CONFLICT (sha256) DO NOTHING";
                sqlx::query(insert)
                    .bind(sha256)
                    .bind(content.to_vec())
                    .execute(&mut *batch.tx)
                    .await
                    .doing("storing the signed scan")?;
                Ok(Ok(batch.commit().await?))
            }
            Err(refused) => {
                batch.rollback().await?;
                Ok(Err(refused))
            }
        }
    }

    /// The signed scan of `meeting`'s minutes and its file, if one is attached.
    pub async fn signed_minutes_file(
        &self,
        meeting: &Code,
    ) -> Result<Option<(SignedMinutes, Vec<u8>)>, StoreError> {
        let snap = self.read_snapshot().await?;
        let Some(signed) = snap.signed_minutes.get(meeting).cloned() else {
            return Ok(None);
        };
        let row = sqlx::query("SELECT content FROM signed_minutes_files WHERE sha256 = $1")
            .bind(signed.sha256.clone())
            .fetch_optional(&self.pool)
            .await
            .doing("reading the signed scan")?;
        let Some(row) = row else {
            return Err(StoreError::Corrupt(format!(
                "the signed scan of {meeting} (SHA-256 {}) is not stored",
                signed.sha256
            )));
        };
        let content: Vec<u8> = row
            .try_get("content")
            .map_err(|e| StoreError::Corrupt(format!("the signed scan of {meeting}: {e}")))?;
        Ok(Some((signed, content)))
    }

    /// Every signed scan the record names is stored, and its file has the journaled hash.
    pub(crate) async fn check_signed_scans(&self) -> Result<(), VerifyError> {
        let snap = self.read_snapshot().await?;
        for (meeting, signed) in snap.signed_minutes.iter() {
            let problem = match self.signed_minutes_file(meeting).await {
                Ok(Some((_, content))) if scan_hash(&content) == signed.sha256 => continue,
                Ok(Some((_, content))) => format!(
                    "the file of {meeting}'s signed scan has SHA-256 {}, the journal recorded {}",
                    scan_hash(&content),
                    signed.sha256
                ),
                Ok(None) => format!("{meeting}'s signed scan is not in the record"),
                Err(e) => e.to_string(),
            };
            return Err(VerifyError::Table {
                table: "signed_minutes_files".into(),
                problem,
            });
        }
        Ok(())
    }
}
