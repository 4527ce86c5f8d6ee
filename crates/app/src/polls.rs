//! The counting commission's close: close, seal and count a poll in one step, as an identified actor.

use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::Code;
use mandat_core::ballot::ServerKey;
use mandat_store::Receipt;

/// How the commission closes a poll.
#[derive(Clone, Debug)]
pub struct Close {
    pub reason: String,
    /// The seed that breaks ties by lot, revealed now (its hash was committed before the close).
    pub lot_seed: Option<String>,
    pub youth_age_limit: u16,
}

impl App {
    /// Closes `poll` (when still open), seals its box and counts it as `actor` at `now`, signing
    /// the last checkpoint with `key`. A refusal of the rules is `AppError::Store(Rule)`.
    pub async fn close_and_count(
        &self,
        poll: &Code,
        actor: &str,
        close: Close,
        key: &ServerKey,
        now: Timestamp,
    ) -> Result<Receipt, AppError> {
        let receipt = self
            .store
            .close_and_count(
                poll,
                actor,
                now,
                &close.reason,
                close.lot_seed,
                close.youth_age_limit,
                key,
            )
            .await?
            .map_err(mandat_store::StoreError::Rule)?;
        Ok(receipt)
    }
}
