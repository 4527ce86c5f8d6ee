//! The journal head this node knows of, as the signal live views wait on: moved by this node's commits, by other nodes' through PostgreSQL `LISTEN/NOTIFY`, and by a periodic catch-up from the database.
//!
//! A notification carries only the new head's sequence number and is sent once per committed
//! batch — never per ballot: `NOTIFY` takes a lock that serializes commits, so a batch of
//! thousands of ballots pays for it once. A notification lost with a dropped connection is made
//! good by the catch-up, which reads the head itself.

use crate::{Backend, Store};
use std::sync::Mutex;
use std::time::Duration;
use tokio::sync::watch;

/// The PostgreSQL channel the head's moves are announced on.
pub const HEAD_CHANNEL: &str = "mandat_head";

/// How often a node reads the head itself, whatever the notifications say. On SQLite this is how
/// a write by another process on the same file (`mandat apply` beside `mandat serve`) is seen.
pub const HEAD_CATCH_UP: Duration = Duration::from_secs(2);

pub(crate) struct Heads {
    latest: watch::Sender<i64>,
    /// Whether a follower task runs; taken together with the subscriber count, so that the last
    /// subscriber leaving and a new one arriving cannot both miss the follower.
    following: Mutex<bool>,
    catch_up: Duration,
}

impl Default for Heads {
    fn default() -> Heads {
        Heads::every(HEAD_CATCH_UP)
    }
}

impl Heads {
    pub(crate) fn every(catch_up: Duration) -> Heads {
        Heads {
            latest: watch::channel(0).0,
            following: Mutex::new(false),
            catch_up,
        }
    }

    /// Notes that the head reached `seq` (never moves it back: notifications may arrive late).
    pub(crate) fn moved(&self, seq: i64) {
        self.latest.send_if_modified(|latest| {
            let newer = seq > *latest;
            if newer {
                *latest = seq;
            }
            newer
        });
    }
}

impl Store {
    /// The same store reading the head itself every `catch_up` for live views (a test sets an
    /// hour to see that notifications alone carry other nodes' commits).
    pub fn with_head_catch_up(mut self, catch_up: Duration) -> Store {
        self.heads = std::sync::Arc::new(Heads::every(catch_up));
        self
    }

    /// The journal head's sequence number as this node learns of it, for live views: it changes
    /// when this node commits, when another node commits (PostgreSQL), and at the latest after a
    /// catch-up interval. The first call starts a follower task (inside a Tokio runtime); it stops
    /// when nobody holds a receiver any more. Starts at 0 until the follower has read the head:
    /// read [`Store::head`] for the present value.
    pub fn heads(&self) -> watch::Receiver<i64> {
        let mut following = self
            .heads
            .following
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let receiver = self.heads.latest.subscribe();
        if !*following && let Ok(runtime) = tokio::runtime::Handle::try_current() {
            *following = true;
            runtime.spawn(follow(self.clone()));
        }
        receiver
    }

    /// Announces a committed head to the other nodes, inside the committing transaction (a
    /// notification is delivered only if the transaction commits).
    pub(crate) async fn announce(
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        backend: Backend,
        seq: i64,
    ) -> Result<(), crate::StoreError> {
        use crate::error::Doing;
        if backend != Backend::Postgres {
            return Ok(());
        }
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(HEAD_CHANNEL)
            .bind(seq.to_string())
            .execute(&mut **tx)
            .await
            .doing("announcing the journal head")?;
        Ok(())
    }

    /// Whether the follower should stop: nobody listens any more. Decided under the same lock as
    /// [`Store::heads`] starts one.
    fn stop_following(&self) -> bool {
        let mut following = self
            .heads
            .following
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if self.heads.latest.receiver_count() == 0 {
            *following = false;
            return true;
        }
        false
    }

    async fn catch_up(&self) {
        match self.head().await {
            Ok(anchor) => self.heads.moved(anchor.seq),
            Err(e) => tracing::warn!(error = %e, "reading the journal head for live views"),
        }
    }
}

/// Keeps the node's head current until nobody listens.
async fn follow(store: Store) {
    let mut listener = None;
    let catch_up = store.heads.catch_up;
    let mut ticks = tokio::time::interval(catch_up);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        if store.stop_following() {
            return;
        }
        if listener.is_none() && store.backend == Backend::Postgres {
            listener = listen(&store.url, catch_up).await;
        }
        tokio::select! {
            _ = ticks.tick() => store.catch_up().await,
            heard = next_notification(&mut listener) => match heard {
                Ok(Some(seq)) => store.heads.moved(seq),
                // The connection dropped (sqlx reconnects on the next call): whatever was
                // announced meanwhile is read from the head itself.
                Ok(None) => store.catch_up().await,
                Err(e) => {
                    tracing::warn!(error = %e, "listening for other nodes' commits; reading the head every {}s until it works again", catch_up.as_secs());
                    listener = None;
                    ticks.tick().await;
                }
            },
        }
    }
}

async fn listen(url: &str, catch_up: Duration) -> Option<sqlx::postgres::PgListener> {
    let connected = async {
        let mut listener = sqlx::postgres::PgListener::connect(url).await?;
        listener.listen(HEAD_CHANNEL).await?;
        Ok::<_, sqlx::Error>(listener)
    };
    match connected.await {
        Ok(listener) => Some(listener),
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for other nodes' commits; reading the head every {}s", catch_up.as_secs());
            None
        }
    }
}

/// The next announced head; `Ok(None)` when the connection was lost; never resolves without a
/// listener (the catch-up ticks then carry the head alone).
async fn next_notification(
    listener: &mut Option<sqlx::postgres::PgListener>,
) -> Result<Option<i64>, sqlx::Error> {
    let Some(listener) = listener.as_mut() else {
        return std::future::pending().await;
    };
    loop {
        match listener.try_recv().await? {
            None => return Ok(None),
            Some(notification) => {
                if let Ok(seq) = notification.payload().parse::<i64>() {
                    return Ok(Some(seq));
                }
                // Not ours to read: another writer on the channel. Wait for the next.
            }
        }
    }
}
