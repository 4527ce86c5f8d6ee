//! Test support: every test gets a fresh database on each engine — a temporary SQLite file, and a new PostgreSQL database when `MANDAT_TEST_POSTGRES_URL` is set.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

pub mod script;

use sqlx::Connection;
use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh, empty database for one test.
pub struct TestDb {
    /// `sqlite` or `postgres`, for messages.
    pub engine: &'static str,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// For PostgreSQL: the server URL and the database to drop when the test is done.
    drop_with: Option<(String, String)>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.drop_with.take() else {
            return;
        };
        // Drop runs inside the test's runtime: do the async work on a thread of its own.
        let label = name.clone();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let mut admin = sqlx::AnyConnection::connect(&admin_url).await.ok()?;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut admin)
                .await
                .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            eprintln!("note: test database {label} was left behind");
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The variable naming a PostgreSQL server (and a database on it to connect to) for tests.
pub const POSTGRES_VAR: &str = "MANDAT_TEST_POSTGRES_URL";

/// One fresh database per engine. On PostgreSQL a new database is created; when the variable is
/// set but the server cannot be reached, the test fails rather than passing unseen.
pub async fn engines() -> Vec<TestDb> {
    let mut out = vec![sqlite()];
    match std::env::var(POSTGRES_VAR) {
        Ok(base) if !base.trim().is_empty() => out.push(postgres(&base).await),
        _ => eprintln!("note: PostgreSQL part skipped: {POSTGRES_VAR} is not set"),
    }
    out
}

pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("test.db");
    TestDb {
        engine: "sqlite",
        url: format!("sqlite://{}?mode=rwc", path.display()),
        _dir: Some(dir),
        drop_with: None,
    }
}

async fn postgres(base: &str) -> TestDb {
    sqlx::any::install_default_drivers();
    let mut admin = sqlx::AnyConnection::connect(base)
        .await
        .unwrap_or_else(|e| {
            panic!("{POSTGRES_VAR}={base} is set but the server cannot be reached: {e}")
        });
    let name = format!(
        "mandat_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("cannot create the test database {name}: {e}"));
    let _ = admin.close().await;
    TestDb {
        engine: "postgres",
        url: with_database(base, &name),
        _dir: None,
        drop_with: Some((base.to_string(), name)),
    }
}

/// The URL with its database name replaced.
pub fn with_database(url: &str, name: &str) -> String {
    let (main, query) = match url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (url, None),
    };
    let scheme_end = main.find("://").map_or(0, |i| i + 3);
    let base = match main[scheme_end..].find('/') {
        Some(slash) => &main[..scheme_end + slash],
        None => main,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            with_database("postgres://u@h:5432/ci", "t1"),
            "postgres://u@h:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u@h/ci?sslmode=disable", "t1"),
            "postgres://u@h/t1?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "t1"), "postgres://u@h/t1");
    }
}
