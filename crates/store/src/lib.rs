//! mandat-store: the record on SQLite or PostgreSQL — migrations, the journal, command batches, replay and verify.

mod ballots;
mod batch;
mod cache;
mod error;
mod heads;
mod list_read;
mod lists;
mod load;
mod meeting_read;
mod meetings;
mod member_bulk;
mod notices;
mod poll_read;
mod polls;
mod read;
mod record;
mod scans;
pub mod schema;
mod session_cache;
mod sessions;
mod signin;
mod signin_writes;
mod speak;
mod sql;
mod staff;
mod verify;
mod write;

pub use ballots::{BALLOT_BOX_ACTOR, BallotQueue, BoxAudit, Cast, CastAnswer, ReceiptStanding};
pub use batch::{Batch, Pending, Receipt};
pub use cache::PublishedBoard;
pub use error::StoreError;
pub use heads::{HEAD_CATCH_UP, HEAD_CHANNEL};
pub use meeting_read::MandateCard;
pub use notices::{NoticeClaim, NoticeRow, Recipient};
pub use poll_read::{ConflictRow, PollResultRow, UnitTurnout};
pub use read::UnitRow;
pub use scans::scan_hash;
pub use session_cache::ENDS_CHECK;
pub use sessions::{Participant, Session};
pub use signin::{Contact, MEMBER_SCOPE, Person, RollEntry, binding_mac, code_mac};
pub use speak::{NewSpeakRequest, SpeakRequest};
pub use staff::{SignInFailure, StaffCredentials, StaffSession};
pub use verify::{VerifyError, VerifyReport};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, AssertSqlSafe, Executor};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

/// Which engine a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection to the record. Writes go through one writer at a time (the journal is a chain).
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    /// The writer's own connections: reads for pages cannot take every connection and leave a
    /// ballot batch or a command waiting.
    writer_pool: AnyPool,
    backend: Backend,
    writer: Arc<Mutex<()>>,
    /// Leaves in the ballot box not yet committed to the journal, per poll (see `ballots`).
    held_back:
        Arc<std::sync::Mutex<std::collections::HashMap<mandat_core::Code, ballots::HeldBack>>>,
    /// The leaves under each poll's latest checkpoint, for receipt proofs (see `ballots`).
    checkpoint_trees: Arc<std::sync::Mutex<ballots::CheckpointTrees>>,
    /// When held-back leaves are committed, and the step of live turnout figures.
    publication: mandat_core::ballot::Publication,
    url: String,
    /// Counted boards and member counts, built once (see `cache`).
    caches: Arc<cache::Caches>,
    /// The complete part of the record at the head, kept between transactions (see `record`).
    memory: Arc<record::Memory>,
    /// The journal head as this node learns of it, for live views (see `heads`).
    heads: Arc<heads::Heads>,
    /// Voters' sessions kept in memory (see `session_cache`).
    session_copies: Arc<session_cache::SessionCache>,
    /// Sign-in writes waiting for their group (see `signin_writes`).
    signin_writes: Arc<signin_writes::SigninWrites>,
}

/// Turns what a user typed (`mandat.db`, `sqlite://x.db`, `postgres://…`) into a URL sqlx accepts.
pub fn normalize_url(given: &str) -> Result<(String, Backend), StoreError> {
    let given = given.trim();
    if given.starts_with("postgres://") || given.starts_with("postgresql://") {
        return Ok((given.to_string(), Backend::Postgres));
    }
    if given == "sqlite::memory:" {
        return Ok((given.to_string(), Backend::Sqlite));
    }
    if let Some(rest) = given.strip_prefix("sqlite:") {
        let url = if rest.contains("mode=") {
            given.to_string()
        } else if rest.contains('?') {
            format!("{given}&mode=rwc")
        } else {
            format!("{given}?mode=rwc")
        };
        return Ok((url, Backend::Sqlite));
    }
    if given.contains("://") {
        return Err(StoreError::Url(format!(
            "{given:?}: only sqlite: and postgres:// databases are supported"
        )));
    }
    if given.is_empty() {
        return Err(StoreError::Url("the database path is empty".into()));
    }
    Ok((format!("sqlite://{given}?mode=rwc"), Backend::Sqlite))
}

/// How much of the machine a store's connections may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizing {
    /// Connections for reading (besides the one writer).
    pub readers: u32,
    /// SQLite's page cache per reading connection, in KiB.
    pub cache_kib: u32,
    /// SQLite's page cache of the one writing connection, in KiB. A ballot batch dirties pages
    /// all over the roll and the box: a cache smaller than a batch's pages spills them to the
    /// WAL mid-transaction and reads them back (BENCHMARKS.md, fifth round).
    pub writer_cache_kib: u32,
}

impl Sizing {
    /// A server's: eight readers, 64 MiB of cache each (the default 2 MB thrashes once the member
    /// indexes outgrow it: a national registry's are hundreds of MB), and 256 MiB for the writer.
    pub const SERVER: Sizing = Sizing {
        readers: 8,
        cache_kib: 64 * 1024,
        writer_cache_kib: 256 * 1024,
    };
    /// A throwaway database written once and read once (`verify`'s replay): one reader, 16 MiB,
    /// and 16 MiB for the writer. 128 MiB for the writer took the national `verify` from
    /// 1,011 s to 937 s but its peak from 779 MB to 1,112 MB, past its 1 GiB (BENCHMARKS.md).
    pub const SCRATCH: Sizing = Sizing {
        readers: 1,
        cache_kib: 16 * 1024,
        writer_cache_kib: 16 * 1024,
    };
}

/// Every SQLite connection's settings, with a page cache of `cache_kib`.
fn with_sqlite_pragmas(options: AnyPoolOptions, cache_kib: u32) -> AnyPoolOptions {
    let cache = format!("PRAGMA cache_size = -{cache_kib}");
    options.after_connect(move |conn, _meta| {
        let cache = cache.clone();
        Box::pin(async move {
            for pragma in [
                "PRAGMA journal_mode = WAL",
                "PRAGMA synchronous = FULL",
                "PRAGMA busy_timeout = 30000",
                "PRAGMA foreign_keys = ON",
                cache.as_str(),
                "PRAGMA temp_store = MEMORY",
                // Deleted rows (live ballots replaced at the seal, request hashes) are
                // overwritten, not left in free pages.
                "PRAGMA secure_delete = ON",
            ] {
                conn.execute(AssertSqlSafe(pragma)).await?;
            }
            Ok(())
        })
    })
}

impl Store {
    /// Opens (creating a SQLite file when missing) and migrates the database.
    pub async fn open(given_url: &str) -> Result<Store, StoreError> {
        Store::open_sized(given_url, Sizing::SERVER).await
    }

    /// The same with `sizing`'s connections and caches.
    pub async fn open_sized(given_url: &str, sizing: Sizing) -> Result<Store, StoreError> {
        install_default_drivers();
        let (url, backend) = normalize_url(given_url)?;
        let memory = url.contains(":memory:");
        if backend == Backend::Sqlite && !memory {
            create_owner_only(&url)?;
        }
        let mut options = AnyPoolOptions::new()
            .max_connections(if memory { 1 } else { sizing.readers.max(1) })
            .acquire_timeout(Duration::from_secs(30));
        if memory {
            // One connection that never closes: an in-memory database lives only as long as it.
            options = options
                .idle_timeout(None)
                .max_lifetime(None)
                .min_connections(1);
        }
        // One connection: every write holds the writer lock anyway, and a second one would find
        // its page cache stale after each write of the first (SQLite drops it and rereads).
        let mut writer_options = options.clone().max_connections(1).min_connections(0);
        if backend == Backend::Sqlite {
            options = with_sqlite_pragmas(options, sizing.cache_kib);
            writer_options = with_sqlite_pragmas(writer_options, sizing.writer_cache_kib);
        }
        let connect = |options: AnyPoolOptions| {
            let url = url.clone();
            async move {
                options
                    .connect(&url)
                    .await
                    .map_err(|e| StoreError::Connect {
                        url: redact(&url),
                        source: e,
                    })
            }
        };
        let pool = connect(options).await?;
        // An in-memory database exists once, in its one connection: the writer shares it.
        let writer_pool = if memory {
            pool.clone()
        } else {
            connect(writer_options).await?
        };
        let mut store = Store {
            pool,
            writer_pool,
            backend,
            writer: Arc::new(Mutex::new(())),
            held_back: Arc::default(),
            checkpoint_trees: Arc::default(),
            publication: mandat_core::ballot::Publication::default(),
            url,
            caches: Arc::new(cache::Caches::default()),
            memory: Arc::default(),
            heads: Arc::default(),
            session_copies: Arc::default(),
            signin_writes: Arc::default(),
        };
        store.migrate().await?;
        store.open_session_copies().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
        };
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))
    }

    /// The same store with another publication rule (`mandat serve --checkpoint-step`).
    pub fn with_publication(mut self, publication: mandat_core::ballot::Publication) -> Store {
        self.publication = publication;
        self
    }

    /// When held-back leaves are committed, and the step of live turnout figures.
    pub fn publication(&self) -> mandat_core::ballot::Publication {
        self.publication
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL with any password hidden, for messages.
    pub fn display_url(&self) -> String {
        redact(&self.url)
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
        self.writer_pool.close().await;
    }
}

/// The file of a SQLite URL (`sqlite://PATH?…` or `sqlite:PATH?…`).
fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.starts_with(':')).then(|| std::path::PathBuf::from(path))
}

/// Creates a missing SQLite database file readable and writable by its owner only (0600), before
/// SQLite opens it: SQLite gives the `-wal` and `-shm` files it makes the database file's mode,
/// so the whole database is owner-only. An existing file is left as it is; a URL that does not
/// allow creating the file (`mode=ro`, `mode=rw`) is left to SQLite to refuse.
fn create_owner_only(url: &str) -> Result<(), StoreError> {
    let Some(path) = sqlite_path(url) else {
        return Ok(());
    };
    let creates = url
        .split_once('?')
        .is_none_or(|(_, q)| q.split('&').any(|p| p == "mode=rwc"));
    if !creates || path.exists() {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(&path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Url(format!(
            "{}: cannot create the database file ({e}); check that its folder exists and is writable",
            path.display()
        ))),
    }
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_becomes_a_creatable_sqlite_url() {
        assert_eq!(
            normalize_url("mandat.db").unwrap(),
            ("sqlite://mandat.db?mode=rwc".into(), Backend::Sqlite)
        );
        assert_eq!(
            normalize_url("sqlite://x.db").unwrap().0,
            "sqlite://x.db?mode=rwc"
        );
        assert_eq!(
            normalize_url("postgres://u@h/db").unwrap().1,
            Backend::Postgres
        );
        assert!(normalize_url("mysql://h/db").is_err());
    }

    #[test]
    fn the_file_of_a_sqlite_url_is_found() {
        assert_eq!(
            sqlite_path("sqlite://dir/x.db?mode=rwc"),
            Some("dir/x.db".into())
        );
        assert_eq!(sqlite_path("sqlite:x.db"), Some("x.db".into()));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://h/db"), None);
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
    }
}
