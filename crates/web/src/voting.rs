//! Voting over HTTP: sign in with the conference credential, see one's roll status, cast a ballot and get the receipt.

use crate::limits::ClientAddr;
use crate::{AppState, WebError};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use mandat_app::{AppError, CastOutcome};

use mandat_core::ballot::BallotContent;
use mandat_core::poll::Marked;
use mandat_store::Session;
use serde::Deserialize;
use serde_json::json;
use std::time::Instant;

use crate::extract::SESSION_COOKIE;

#[derive(Deserialize)]
pub struct SignIn {
    code: String,
}

/// `POST /api/session`: trades the one-time credential for a session (token and cookie).
/// Failed attempts are limited per client address and overall (see `limits`); over a limit the
/// answer is 429 with `Retry-After`, without trying the code.
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    Json(form): Json<SignIn>,
) -> Result<Response, WebError> {
    let (token, session) = match redeem(&state, address, &form.code).await? {
        Ok(signed_in) => signed_in,
        Err(refusal) => return Ok(refusal),
    };
    Ok((
        [(header::SET_COOKIE, session_cookie(&state, &token))],
        Json(json!({
            "token": token,
            "scope": session.scope,
            "expires_at": session.expires_at,
        })),
    )
        .into_response())
}

/// The cookie of a session opened with a meeting's e-vote code, for `path` (`/` for the
/// delegate's phone, the kiosk's own path on the hall tablet).
pub(crate) fn vote_session_cookie(state: &AppState, token: &str, path: &str) -> String {
    let mut cookie =
        format!("{SESSION_COOKIE}={token}; Path={path}; HttpOnly; SameSite=Strict; Max-Age=50400");
    if state.settings.secure_cookies {
        cookie.push_str("; Secure");
    }
    cookie
}

fn session_cookie(state: &AppState, token: &str) -> String {
    vote_session_cookie(state, token, "/")
}

/// Trades a meeting's one-time e-vote code for a session, within the sign-in limits: failed
/// attempts are counted per client address and overall, and over a limit the answer is 429
/// with `Retry-After` without trying the code. `Err` is a refusal of the code itself (wrong,
/// used), ready to answer; the API and the hall's pages share this one path.
pub(crate) async fn redeem(
    state: &AppState,
    address: std::net::IpAddr,
    code: &str,
) -> Result<Result<(String, Session), Response>, WebError> {
    if state.app.token_key().is_none() {
        return Err(WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_sign_in"));
    }
    if let Err(too_many) = state.sign_in.check(address, Instant::now()) {
        let seconds = too_many.retry_after.as_secs().max(1);
        let at = Timestamp::now() + jiff::SignedDuration::from_secs(seconds.cast_signed());
        return Err(WebError::Api {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: if too_many.overall {
                "too_many_sign_ins_on_server"
            } else {
                "too_many_sign_ins_from_network"
            },
            params: vec![
                ("seconds", seconds.into()),
                ("after", at.strftime("%H:%M:%S").to_string().into()),
            ],
            detail: None,
            retry_after: Some(seconds),
        });
    }
    match state.app.sign_in(code, Timestamp::now()).await {
        Ok(signed_in) => Ok(Ok(signed_in)),
        Err(AppError::Store(e)) => {
            if matches!(e, mandat_store::StoreError::Rule(_)) {
                state.sign_in.failed(address, Instant::now());
                let (failures, refused) = state.sign_in.counts();
                // Never the code: only where the attempt came from and the running counts.
                tracing::warn!(%address, failures, refused, "e-vote sign-in failed: {e}");
            }
            Err(e.into())
        }
        Err(other) => Ok(Err(app_error(other))),
    }
}

/// An application error that is not the store's: the server lacks what the request needs.
fn app_error(e: AppError) -> Response {
    match e {
        AppError::Store(e) => WebError::from(e).into_response(),
        AppError::Refused(rule) => {
            WebError::from(mandat_store::StoreError::Rule(rule)).into_response()
        }
        AppError::NoTokenKey => {
            WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_sign_in").into_response()
        }
        AppError::NoBallotBox => {
            WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_ballot_box").into_response()
        }
        AppError::NoCodeDesk => {
            WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_code_desk").into_response()
        }
    }
}

/// The bearer token, else the session cookie.
fn token_of(headers: &HeaderMap) -> Option<String> {
    crate::extract::bearer(headers)
        .or_else(|| crate::extract::cookie(headers, crate::extract::SESSION_COOKIE))
}

async fn session_of(state: &AppState, headers: &HeaderMap) -> Result<Session, Response> {
    let unauthorized = |code| WebError::api(StatusCode::UNAUTHORIZED, code).into_response();
    let Some(token) = token_of(headers) else {
        return Err(unauthorized("not_signed_in"));
    };
    match state.app.session(&token, Timestamp::now()).await {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(unauthorized("session_ended")),
        Err(e) => Err(app_error(e)),
    }
}

/// `GET /api/polls/{code}/me`: whether the signed-in voter is on the roll and marked as having voted (never how).
pub async fn me(
    State(state): State<AppState>,
    Path(code): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let session = match session_of(&state, &headers).await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let marked = match state.app.voter_status(&session, &code).await {
        Ok(marked) => marked,
        Err(e) => return Ok(app_error(e)),
    };
    Ok(Json(json!({
        "poll": code,
        "on_roll": marked.is_some(),
        "voted": marked.as_ref().is_some_and(|m| *m != Marked::NotYet),
        "where": marked.map(|m| m.as_text()),
    }))
    .into_response())
}

#[derive(Deserialize)]
pub struct BallotForm {
    /// Preference groups of option codes: `[["c2"]]`, `[["c1","c4"]]`, `[["b"],["a"]]`; `[]` is blank.
    choices: BallotContent,
    /// The device's nonce (hex, made by the page's script); absent without JavaScript.
    #[serde(default)]
    device_nonce: Option<String>,
    /// The client's idempotency key (at least 128 random bits): a retry by the same voter with
    /// it and the same ballot gets the same receipt.
    request_key: String,
}

/// `POST /api/polls/{code}/ballot`: casts the signed-in voter's ballot; answers once it is durable.
pub async fn cast(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<crate::language::LangQuery>,
    headers: HeaderMap,
    Json(form): Json<BallotForm>,
) -> Result<Response, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    // An unknown `?lang=` is refused before the ballot is cast, not after.
    let lang = q.lang(&headers)?;
    let session = match session_of(&state, &headers).await {
        Ok(s) => s,
        Err(r) => return Ok(r),
    };
    let cast = mandat_app::Cast {
        choices: form.choices,
        device_nonce: form.device_nonce,
        request_key: form.request_key,
    };
    let outcome = match state.app.cast(&session, &code, cast).await {
        Ok(outcome) => outcome,
        Err(AppError::Store(e)) => return Err(e.into()),
        Err(other) => return Ok(app_error(other)),
    };
    Ok(match outcome {
        CastOutcome::Accepted(receipt) => Json(json!({
            "receipt": receipt,
            "keep": mandat_core::i18n::message(lang, "api-keep_receipt"),
        }))
        .into_response(),
        CastOutcome::AlreadyVoted => {
            WebError::api(StatusCode::CONFLICT, "already_voted").into_response()
        }
        CastOutcome::NotOnRoll => {
            WebError::api(StatusCode::FORBIDDEN, "not_on_roll").into_response()
        }
        CastOutcome::OutOfScope { scope, poll } => WebError::with(
            StatusCode::FORBIDDEN,
            "out_of_scope",
            vec![("scope", scope.into()), ("poll", poll.as_str().into())],
        )
        .into_response(),
        CastOutcome::PollNotOpen(refusal) => {
            WebError::api_detail(StatusCode::CONFLICT, "poll_not_open", refusal).into_response()
        }
        CastOutcome::Invalid(problem) => {
            WebError::api_detail(StatusCode::BAD_REQUEST, "invalid_ballot", problem).into_response()
        }
        CastOutcome::BadRequestKey(problem) => {
            WebError::api_detail(StatusCode::BAD_REQUEST, "bad_request_key", problem)
                .into_response()
        }
        CastOutcome::BadDeviceNonce => {
            WebError::api(StatusCode::BAD_REQUEST, "bad_device_nonce").into_response()
        }
        CastOutcome::Unavailable(why) => {
            // The reason is the server's, for its log; the voter is told to try again.
            tracing::warn!(reason = %why, "the ballot box could not take a ballot");
            WebError::api(StatusCode::SERVICE_UNAVAILABLE, "box_unavailable").into_response()
        }
    })
}
