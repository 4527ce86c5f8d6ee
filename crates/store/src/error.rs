//! The store's errors: what failed, with enough context to act on.

use mandat_core::RuleError;

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
    #[error("the record is damaged: {0} (run `mandat verify` for a full check)")]
    Corrupt(String),
    #[error("there is no {0}")]
    NotFound(String),
    #[error("command refused: {0}")]
    Rule(#[from] RuleError),
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
