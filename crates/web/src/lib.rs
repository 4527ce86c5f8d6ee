//! mandat-web: the HTTP face of the record — health, the unit tree, the ladder's progress, minutes.

mod error;
mod meetings;
mod polls;
mod units;

use axum::Router;
use axum::routing::{get, post};
use mandat_store::Store;

pub use error::WebError;

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
}

/// The whole application.
pub fn router(store: Store) -> Router {
    Router::new()
        .route("/healthz", get(health))
        .route("/", get(units::tree_page))
        .route("/api/units", get(units::list_json))
        .route("/api/status", get(meetings::status_json))
        .route("/meetings/{code}/minutes", get(meetings::minutes_page))
        .route("/api/polls", get(polls::list))
        .route("/api/polls/{code}", get(polls::one))
        .route("/api/polls/{code}/receipt", post(polls::receipt))
        .route("/polls/{code}/board.json", get(polls::board_json))
        .route("/polls/{code}/ballots.blt", get(polls::board_blt))
        .with_state(AppState { store })
}

/// Liveness and the published chain head: a reader can note it and later run `mandat verify --anchor`.
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<axum::Json<serde_json::Value>, WebError> {
    let head = state.store.head().await?;
    Ok(axum::Json(serde_json::json!({
        "status": "ok",
        "journal_head": head.to_string(),
    })))
}
