//! Staff over HTTP: sign-in with login, password and TOTP code, the staff session, and `POST /api/commands`, where every command is authorized by the one policy in core and recorded with the signed-in principal as its actor.

use crate::extract::bearer;
use crate::{AppState, WebError};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use jiff::Timestamp;
use mandat_app::{AppError, StaffRefusal};
use mandat_core::Envelope;
use mandat_core::authz::{Principal, Signed};
use serde::Deserialize;
use serde_json::json;

/// The cookie that carries a staff session's token for browsers.
pub const STAFF_COOKIE: &str = "mandat_staff";
/// The staff session's longest life, for the cookie (the server ends it earlier when idle).
pub(crate) const STAFF_COOKIE_AGE: i64 = 12 * 3600;

#[derive(Deserialize)]
pub struct SignIn {
    login: String,
    password: String,
    totp: String,
}

pub(crate) fn app_error(e: AppError) -> WebError {
    match e {
        AppError::Store(e) => WebError::from(e),
        AppError::Refused(rule) => WebError::from(mandat_store::StoreError::Rule(rule)),
        AppError::NoTokenKey => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_sign_in"),
        AppError::NoBallotBox => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_ballot_box"),
        AppError::NoCodeDesk => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_code_desk"),
    }
}

pub(crate) fn staff_cookie(state: &AppState, value: &str, age: i64) -> String {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{STAFF_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={age}{secure}")
}

/// `POST /api/staff/signin {login, password, totp}`: a staff session (cookie `mandat_staff`, and
/// the token in the body for API clients). 401 for any wrong part (which one is not said), 429
/// while the account is locked after ten failures in fifteen minutes, 403 when disabled.
pub async fn sign_in(
    State(state): State<AppState>,
    Json(form): Json<SignIn>,
) -> Result<Response, WebError> {
    let answer = state
        .app
        .staff_sign_in(&form.login, &form.password, &form.totp, Timestamp::now())
        .await
        .map_err(app_error)?;
    match answer {
        Ok((token, session)) => Ok((
            [(
                header::SET_COOKIE,
                staff_cookie(&state, &token, STAFF_COOKIE_AGE),
            )],
            Json(json!({
                "csrf": crate::extract::csrf_token(crate::extract::key(&state)?, &token),
                "token": token,
                "login": session.login.to_string(),
                "expires_at": session.expires_at,
            })),
        )
            .into_response()),
        Err(StaffRefusal::Failed) => Err(WebError::api(
            StatusCode::UNAUTHORIZED,
            "staff_signin_failed",
        )),
        Err(StaffRefusal::Locked { until }) => {
            let seconds = until
                .duration_since(Timestamp::now())
                .as_secs()
                .max(1)
                .unsigned_abs();
            Err(WebError::Api {
                status: StatusCode::TOO_MANY_REQUESTS,
                code: "staff_locked",
                params: vec![
                    ("minutes", seconds.div_ceil(60).into()),
                    ("after", until.strftime("%H:%M").to_string().into()),
                ],
                detail: None,
                retry_after: Some(seconds),
            })
        }
        Err(StaffRefusal::Disabled { login }) => Err(WebError::with(
            StatusCode::FORBIDDEN,
            "account_disabled_signin",
            vec![("login", login.into())],
        )),
    }
}

/// Who a request is signed in as: a staff session (bearer or cookie), else a person's member
/// session (bearer or cookie).
pub(crate) async fn signed_of(state: &AppState, headers: &HeaderMap) -> Result<Signed, WebError> {
    let now = Timestamp::now();
    let ended = || WebError::api(StatusCode::UNAUTHORIZED, "staff_session_ended");
    if let Some(token) = bearer(headers) {
        if let Some(session) = state
            .app
            .staff_session(&token, now)
            .await
            .map_err(app_error)?
        {
            return Ok(Signed::Staff(session.login));
        }
        return match state.app.session(&token, now).await.map_err(app_error)? {
            Some(s) if s.scope == mandat_store::MEMBER_SCOPE => Ok(Signed::Person(s.iin)),
            _ => Err(ended()),
        };
    }
    if let Some(token) = crate::extract::cookie(headers, STAFF_COOKIE) {
        return match state
            .app
            .staff_session(&token, now)
            .await
            .map_err(app_error)?
        {
            Some(session) => Ok(Signed::Staff(session.login)),
            None => Err(ended()),
        };
    }
    if let Some(token) = crate::extract::cookie(headers, crate::extract::SESSION_COOKIE) {
        return match state.app.session(&token, now).await.map_err(app_error)? {
            Some(s) if s.scope == mandat_store::MEMBER_SCOPE => Ok(Signed::Person(s.iin)),
            _ => Err(ended()),
        };
    }
    Err(WebError::api(
        StatusCode::UNAUTHORIZED,
        "staff_not_signed_in",
    ))
}

/// A state change driven by a cookie (not a bearer token) must carry the session's CSRF token in
/// `X-CSRF-Token` (the `csrf` of the sign-in answer): the edge's Origin / Sec-Fetch-Site check is
/// the other half.
fn cookie_csrf(state: &AppState, headers: &HeaderMap) -> Result<(), WebError> {
    if bearer(headers).is_some() {
        return Ok(());
    }
    let token = crate::extract::cookie(headers, STAFF_COOKIE)
        .or_else(|| crate::extract::cookie(headers, crate::extract::SESSION_COOKIE));
    let Some(token) = token else {
        return Ok(());
    };
    let given = headers
        .get(crate::extract::CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if crate::extract::csrf_ok(crate::extract::key(state)?, &token, given) {
        Ok(())
    } else {
        Err(WebError::api(StatusCode::FORBIDDEN, "csrf"))
    }
}

/// `GET /api/staff/signin-health` (admins): what the members' sign-in has done since this
/// server started — codes asked, sent, limited, dropped, the gateway's failures, failed checks —
/// and whether the alarm is up (failures across many IINs).
pub async fn signin_health(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let signed = signed_of(&state, &headers).await?;
    let principal = state.app.principal(&signed).await.map_err(app_error)?;
    match principal {
        Some(Principal::Staff {
            role: mandat_core::staff::StaffRole::Admin,
            disabled: false,
            ..
        }) => Ok((
            [(header::CACHE_CONTROL, "no-store")],
            Json(json!({ "signin": state.app.signin_health() })),
        )
            .into_response()),
        _ => Err(WebError::api(StatusCode::FORBIDDEN, "admins_only")),
    }
}

/// `POST /api/staff/signout`: ends the staff session and clears the cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    cookie_csrf(&state, &headers)?;
    let token = bearer(&headers).or_else(|| crate::extract::cookie(&headers, STAFF_COOKIE));
    if let Some(token) = token {
        state.app.staff_sign_out(&token).await.map_err(app_error)?;
    }
    Ok((
        [(header::SET_COOKIE, staff_cookie(&state, "", 0))],
        Json(json!({ "signed_out": true })),
    )
        .into_response())
}

/// `GET /api/staff/me`: who is signed in, with the role and unit of an account or the grants
/// of a person (each with the status that ended it, if it has lapsed). Never a full IIN.
pub async fn me(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, WebError> {
    let signed = signed_of(&state, &headers).await?;
    let principal = state.app.principal(&signed).await.map_err(app_error)?;
    let body = match principal {
        Some(Principal::Staff {
            login,
            role,
            unit,
            disabled,
        }) => json!({
            "kind": "staff",
            "login": login.to_string(),
            "role": role.as_str(),
            "unit": unit.to_string(),
            "disabled": disabled,
        }),
        Some(Principal::Person { iin, .. }) => {
            let grants: Vec<serde_json::Value> = state
                .app
                .grants(Some(iin))
                .await
                .map_err(app_error)?
                .into_iter()
                .map(|(g, lapsed)| {
                    json!({
                        "role": g.role.as_str(),
                        "scope": g.scope.to_string(),
                        "lapsed": lapsed,
                    })
                })
                .collect();
            json!({ "kind": "person", "iin": iin.masked(), "grants": grants })
        }
        Some(Principal::Participant { iin, meeting }) => {
            json!({ "kind": "participant", "iin": iin.masked(), "meeting": meeting.to_string() })
        }
        None => {
            return Err(WebError::api(
                StatusCode::UNAUTHORIZED,
                "staff_session_ended",
            ));
        }
    };
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// `POST /api/commands`: one command as JSON (a line of `mandat apply` input; `held_at`
/// defaults to now, and the `actor` sent is replaced by the signed-in principal's). Allowed by
/// the policy: 200 with the journal entry; outside the principal's role or scope: 403 with the
/// reason's code, nothing recorded; refused by the rules: 422. A cookie-driven request from another
/// site is refused before this by the edge (`cross_site`).
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: String,
) -> Result<Response, WebError> {
    // A cookie-driven request from another site never gets here: the edge refuses it.
    let signed = signed_of(&state, &headers).await?;
    cookie_csrf(&state, &headers)?;
    let bad = |detail: String| WebError::bad("bad_command", vec![("detail", detail.into())]);
    let mut value: serde_json::Value =
        serde_json::from_str(&body).map_err(|e| bad(e.to_string()))?;
    let Some(fields) = value.as_object_mut() else {
        return Err(bad("send one JSON object".to_owned()));
    };
    let now = Timestamp::now();
    // Whoever is signed in is the actor; what the client wrote there is not believed.
    fields.insert("actor".to_owned(), json!("-"));
    fields
        .entry("held_at")
        .or_insert_with(|| json!(now.to_string()));
    let envelope = Envelope::parse(&value.to_string()).map_err(|e| bad(e.to_string()))?;
    let answer = state
        .app
        .submit_signed(&signed, envelope.command, envelope.held_at, now)
        .await
        .map_err(app_error)?;
    match answer {
        Ok(receipt) => {
            Ok(Json(json!({ "seq": receipt.seq, "hash": receipt.hash })).into_response())
        }
        Err(denied) => Err(WebError::with(
            StatusCode::FORBIDDEN,
            denied.code(),
            denied.params(),
        )),
    }
}
