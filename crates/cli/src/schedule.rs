//! The server's clock for polls: once a minute, the application layer's schedule looks at every poll (`mandat_app::tick`).

use jiff::Timestamp;
use std::time::Duration;

/// How often the schedule looks at the polls.
const TICK: Duration = Duration::from_secs(60);

/// Runs until the process ends.
pub async fn run(app: mandat_app::App) {
    let mut interval = tokio::time::interval(TICK);
    loop {
        interval.tick().await;
        if let Err(e) = mandat_app::tick(&app, Timestamp::now()).await {
            tracing::error!(error = %e, "the poll schedule could not run");
        }
    }
}
