//! The staff's sign-in as pages: `GET/POST /staff/signin` (login, password, authenticator code; every refusal beside its field) and `POST /staff/signout`, landing on the dashboard.
//!
//! Before sign-in the form's CSRF token is bound to the browser's sign-in cookie (as on the
//! members' page); after it, to the staff session's token.

use crate::extract::{self, BINDING_COOKIE, cookie, csrf_ok, csrf_token};
use crate::frame::{FieldError, Frame, page_lang, personal, personal_with};
use crate::language::LangQuery;
use crate::signin::{append_cookie, binding_cookie, binding_of, cleared, form_binding};
use crate::staff::{STAFF_COOKIE, STAFF_COOKIE_AGE, staff_cookie};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use mandat_app::StaffRefusal;
use mandat_core::{Lang, i18n};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "staff/signin.html")]
struct SignInPage {
    frame: Frame,
    errors: Vec<FieldError>,
    csrf: String,
    login: String,
    /// The field the cursor starts in: the first one in error, else the login.
    focus: &'static str,
}

impl SignInPage {
    /// The message beside field `field`, or an empty string.
    fn error_for(&self, field: &str) -> String {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
            .unwrap_or_default()
    }
}

/// The live staff session of the request's cookie: its token and login.
pub async fn staff_of(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(String, mandat_core::staff::Login)>, WebError> {
    let Some(token) = cookie(headers, STAFF_COOKIE) else {
        return Ok(None);
    };
    if state.app.token_key().is_none() {
        return Ok(None);
    }
    match state.app.staff_session(&token, Timestamp::now()).await {
        Ok(Some(session)) => Ok(Some((token, session.login))),
        Ok(None) => Ok(None),
        Err(mandat_app::AppError::Store(e)) => Err(e.into()),
        Err(e) => Err(WebError::Internal(e.to_string())),
    }
}

fn render(
    state: &AppState,
    lang: Lang,
    binding: &str,
    login: String,
    errors: Vec<FieldError>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let key = extract::key(state)?;
    let focus = errors.first().map_or("login", |e| e.field);
    let html = SignInPage {
        frame: Frame::new(lang, "/staff/signin", None),
        errors,
        csrf: csrf_token(key, binding),
        login,
        focus,
    }
    .render()?;
    let mut page = if status == StatusCode::OK {
        personal(state, html, lang, false)
    } else {
        personal_with(state, html, lang, status)
    };
    append_cookie(page.headers_mut(), &binding_cookie(state, binding));
    Ok(page)
}

/// `GET /staff/signin`: the form (someone already signed in goes to the dashboard).
pub async fn signin_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, remember) = page_lang(&q, &headers)?;
    extract::key(&state)?;
    if staff_of(&state, &headers).await?.is_some() {
        return Ok(Redirect::to(&format!("/dashboard?lang={}", lang.as_str())).into_response());
    }
    let binding = binding_of(&headers)?;
    let mut page = render(
        &state,
        lang,
        &binding,
        String::new(),
        Vec::new(),
        StatusCode::OK,
    )?;
    if remember {
        crate::frame::remember_lang(&state, page.headers_mut(), lang);
    }
    Ok(page)
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    totp: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /staff/signin`: signs in and goes to the dashboard; an empty field, a wrong login,
/// password or code, a locked or disabled account is said beside the field it concerns.
pub async fn signin_submit(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<SignInForm>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let binding = form_binding(&state, &headers, &form.csrf)?;
    let missing = |field: &'static str, label: &str| FieldError {
        field,
        message: i18n::message_with(
            lang,
            "dashboard-field-missing",
            &[("field", i18n::message(lang, label).to_lowercase().into())],
        ),
    };
    let mut errors = Vec::new();
    if form.login.trim().is_empty() {
        errors.push(missing("login", "dashboard-login-label"));
    }
    if form.password.is_empty() {
        errors.push(missing("password", "dashboard-password-label"));
    }
    if form.totp.trim().is_empty() {
        errors.push(missing("totp", "dashboard-totp-label"));
    }
    if !errors.is_empty() {
        return render(
            &state,
            lang,
            &binding,
            form.login,
            errors,
            StatusCode::BAD_REQUEST,
        );
    }
    let answer = state
        .app
        .staff_sign_in(
            form.login.trim(),
            &form.password,
            form.totp.trim(),
            Timestamp::now(),
        )
        .await
        .map_err(crate::staff::app_error)?;
    let refusal = match answer {
        Ok((token, _)) => {
            let mut response =
                Redirect::to(&format!("/dashboard?lang={}", lang.as_str())).into_response();
            let h = response.headers_mut();
            append_cookie(h, &staff_cookie(&state, &token, STAFF_COOKIE_AGE));
            append_cookie(h, &cleared(&state, BINDING_COOKIE));
            return Ok(response);
        }
        Err(refusal) => refusal,
    };
    let (field, status, message) = match refusal {
        // Which part was wrong is not said; the code is the likeliest, and it is typed last.
        StaffRefusal::Failed => (
            "totp",
            StatusCode::UNAUTHORIZED,
            i18n::message(lang, "api-staff_signin_failed"),
        ),
        StaffRefusal::Locked { until } => {
            let minutes = until
                .duration_since(Timestamp::now())
                .as_secs()
                .max(1)
                .unsigned_abs()
                .div_ceil(60);
            (
                "login",
                StatusCode::TOO_MANY_REQUESTS,
                i18n::message_with(
                    lang,
                    "api-staff_locked",
                    &[
                        ("minutes", minutes.into()),
                        ("after", until.strftime("%H:%M").to_string().into()),
                    ],
                ),
            )
        }
        StaffRefusal::Disabled { login } => (
            "login",
            StatusCode::FORBIDDEN,
            i18n::message_with(
                lang,
                "api-account_disabled_signin",
                &[("login", login.into())],
            ),
        ),
    };
    render(
        &state,
        lang,
        &binding,
        form.login,
        vec![FieldError { field, message }],
        status,
    )
}

#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /staff/signout`: ends the staff session and goes to the sign-in page.
pub async fn signout_submit(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<SignOutForm>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    if let Some((token, _)) = staff_of(&state, &headers).await? {
        if !csrf_ok(extract::key(&state)?, &token, &form.csrf) {
            return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
        }
        state
            .app
            .staff_sign_out(&token)
            .await
            .map_err(crate::staff::app_error)?;
    }
    let mut response =
        Redirect::to(&format!("/staff/signin?lang={}", lang.as_str())).into_response();
    append_cookie(response.headers_mut(), &staff_cookie(&state, "", 0));
    Ok(response)
}
