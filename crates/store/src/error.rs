//! The store's errors: what failed, with enough context to act on.

use mandat_core::{Missing, RuleError};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL: {0}")]
    Url(String),
    #[error("cannot open the database {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot bring the database schema up to date: {0}")]
    Migrate(String),
    #[error("database error while {doing}: {source}")]
    Database {
        doing: &'static str,
        source: sqlx::Error,
    },
    /// A write done in a group with others (see `signin_writes`) failed with its group: none of
    /// the group was kept, and trying again is safe.
    #[error(
        "{doing} was not stored: its group of writes failed ({error}); nothing of it was kept, try again"
    )]
    Grouped { doing: &'static str, error: String },
    #[error("the record is damaged: {0} (run `mandat verify` for a full check)")]
    Corrupt(String),
    /// What the reader asked for is not in the record; its sentence is in the catalogue.
    #[error("{0}")]
    NotFound(Missing),
    /// A refusal for the user: never `RuleError::Internal` (the conversion below makes that
    /// `Corrupt`).
    #[error("command refused: {0}")]
    Rule(RuleError),
}

impl From<RuleError> for StoreError {
    /// An internal failure of the rules means the store loaded less than it should: the
    /// record's fault, not the user's.
    fn from(e: RuleError) -> StoreError {
        match e {
            RuleError::Internal { what } => StoreError::Corrupt(what),
            refused => StoreError::Rule(refused),
        }
    }
}

/// Adds what the store was doing to a database error.
pub(crate) trait Doing<T> {
    fn doing(self, what: &'static str) -> Result<T, StoreError>;
}

impl<T> Doing<T> for Result<T, sqlx::Error> {
    fn doing(self, what: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Database {
            doing: what,
            source,
        })
    }
}
