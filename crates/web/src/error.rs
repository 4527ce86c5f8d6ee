//! One error type for the HTTP layer, and the one place that maps it to a status and a body.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    Store(#[from] mandat_store::StoreError),
    #[error("the page could not be drawn")]
    Render(#[from] askama::Error),
    #[error("{0}")]
    BadRequest(String),
    /// What the visitor asked for does not exist; the message says what is missing.
    #[error("{0}")]
    NotFound(String),
    /// Logged, never shown.
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match &self {
            WebError::Store(mandat_store::StoreError::Rule(rule)) => {
                (StatusCode::UNPROCESSABLE_ENTITY, rule.to_string()).into_response()
            }
            WebError::Store(mandat_store::StoreError::NotFound(what)) => {
                (StatusCode::NOT_FOUND, format!("there is no {what}")).into_response()
            }
            WebError::BadRequest(message) => {
                (StatusCode::BAD_REQUEST, message.clone()).into_response()
            }
            WebError::NotFound(message) => (StatusCode::NOT_FOUND, message.clone()).into_response(),
            other => {
                // Internal details go to the log, never to the visitor.
                tracing::error!(error = %other, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Internal error: the operators have been told. Try again in a minute.",
                )
                    .into_response()
            }
        }
    }
}
