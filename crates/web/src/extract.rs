//! What a request brings: cookies, the bearer token, the signed-in person, the sign-in binding, and the CSRF token that forms and cookie-driven API calls must carry.

use crate::{AppState, WebError};
use axum::http::{HeaderMap, StatusCode, header};
use jiff::Timestamp;
use mandat_core::token::{TokenKey, same_mac};
use mandat_store::Session;

/// The session of a signed-in person or delegate.
pub const SESSION_COOKIE: &str = "mandat_session";
/// The browser's sign-in binding: a code is good only in the browser that asked for it.
pub const BINDING_COOKIE: &str = "mandat_signin";
/// The language chosen with the switch.
pub const LANG_COOKIE: &str = "mandat_lang";
/// The opening of the ballot just cast, for the page's script to keep in the browser.
pub const OPENING_COOKIE: &str = "mandat_opening";
/// The header a script sends the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
const CSRF_DOMAIN: &str = "mandat/csrf/v1";

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.to_string())
        })
}

/// The bearer token of `Authorization`, if any.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_string())
}

/// A `Set-Cookie` value: HttpOnly unless a script must read it, SameSite=Lax (a link from a
/// text message or another site still opens the voter's page signed in; every state change
/// is guarded by the CSRF token), Secure when the server is reached over TLS.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age_s: i64,
    secure: bool,
    http_only: bool,
) -> String {
    let mut cookie = format!("{name}={value}; Path=/; Max-Age={max_age_s}; SameSite=Lax");
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// The CSRF token of forms made for the holder of `secret` (a session or binding cookie):
/// derived, so that no node has to store it, and useless without that cookie.
pub fn csrf_token(key: &TokenKey, secret: &str) -> String {
    key.mac(CSRF_DOMAIN, secret)[..32].to_string()
}

/// Whether `given` is the CSRF token for `secret`.
pub fn csrf_ok(key: &TokenKey, secret: &str, given: &str) -> bool {
    same_mac(&csrf_token(key, secret), given.trim())
}

/// A fresh random value for a cookie or a request key: 256 bits as hex.
pub fn random_hex() -> Result<String, WebError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| WebError::Internal(format!("no randomness from the system: {e}")))?;
    Ok(hex::encode(bytes))
}

/// Whether a binding cookie has the shape this server gives (64 hex digits).
pub fn binding_shape_ok(binding: &str) -> bool {
    binding.len() == 64 && binding.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A signed-in request: the session, its token, and whether a cookie carried it (then a state
/// change needs the CSRF token too).
pub struct SignedIn {
    pub session: Session,
    pub token: String,
    pub by_cookie: bool,
}

impl SignedIn {
    /// The CSRF token of this session's forms.
    pub fn csrf(&self, key: &TokenKey) -> String {
        csrf_token(key, &self.token)
    }
}

/// The live session of the request (bearer first, then the cookie), or `None`.
pub async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, WebError> {
    let (token, by_cookie) = match bearer(headers) {
        Some(token) => (token, false),
        None => match cookie(headers, SESSION_COOKIE) {
            Some(token) => (token, true),
            None => return Ok(None),
        },
    };
    match state.app.session(&token, Timestamp::now()).await {
        Ok(Some(session)) => Ok(Some(SignedIn {
            session,
            token,
            by_cookie,
        })),
        Ok(None) => Ok(None),
        Err(mandat_app::AppError::Store(e)) => Err(e.into()),
        Err(_) => Err(WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_sign_in")),
    }
}

/// The token key, or the 503 that says this server signs no one in.
pub fn key(state: &AppState) -> Result<&TokenKey, WebError> {
    state
        .app
        .token_key()
        .ok_or_else(|| WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_sign_in"))
}

/// Refuses a cookie-driven API state change without the session's CSRF token in `X-CSRF-Token`.
pub fn require_csrf_header(
    state: &AppState,
    headers: &HeaderMap,
    who: &SignedIn,
) -> Result<(), WebError> {
    if !who.by_cookie {
        return Ok(());
    }
    let given = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if csrf_ok(key(state)?, &who.token, given) {
        Ok(())
    } else {
        Err(WebError::api(StatusCode::FORBIDDEN, "csrf"))
    }
}
