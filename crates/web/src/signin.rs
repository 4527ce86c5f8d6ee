//! Members sign in with their IIN and a code sent to the phone on record: the JSON API (`/api/signin/code`, `/api/signin`, `/api/me`, `/api/signout`) and the pages (`/signin`, `/signin/code`, `/signin/help`, `/signout`, `/my`).
//!
//! A code request is answered before anything is looked up, the same way for every well-formed
//! IIN: status, headers and body do not depend on whether the IIN is anyone's (the browser's
//! binding cookie is echoed as it came). Only a malformed IIN is told so, which reveals nothing.

use crate::extract::{
    self, BINDING_COOKIE, SESSION_COOKIE, SignedIn, binding_shape_ok, cookie, csrf_ok, csrf_token,
    random_hex, set_cookie, signed_in,
};
use crate::frame::{FieldError, Frame, page_lang, personal, personal_with};
use crate::language::LangQuery;
use crate::{AppState, WebError};
use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use mandat_app::CodeAnswer;
use mandat_core::signin::CodeCheck;
use mandat_core::{Iin, Lang, i18n};
use serde::Deserialize;
use serde_json::json;

/// How long a binding cookie lives: long enough to read an SMS and type the code.
const BINDING_MAX_AGE_S: i64 = 15 * 60;

#[derive(Deserialize)]
pub struct CodeRequest {
    iin: String,
}

#[derive(Deserialize)]
pub struct CodeForm {
    iin: String,
    code: String,
}

/// The IIN as typed, or the refusal that says what is wrong with it (length, digits, check digit).
fn parse_iin(text: &str) -> Result<Iin, WebError> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    Iin::parse(&digits).map_err(|problem| WebError::Api {
        status: StatusCode::BAD_REQUEST,
        code: "bad_iin",
        params: Vec::new(),
        detail: Some(std::sync::Arc::new(problem)),
        retry_after: None,
    })
}

/// The request's binding cookie when it has the right shape, else a new one.
pub(crate) fn binding_of(headers: &HeaderMap) -> Result<String, WebError> {
    match cookie(headers, BINDING_COOKIE) {
        Some(b) if binding_shape_ok(&b) => Ok(b),
        _ => random_hex(),
    }
}

/// The binding cookie of a sign-in form (member's or staff's), for the form's lifetime.
pub(crate) fn binding_cookie(state: &AppState, binding: &str) -> String {
    set_cookie(
        BINDING_COOKIE,
        binding,
        BINDING_MAX_AGE_S,
        state.settings.secure_cookies,
        true,
    )
}

fn session_cookie(state: &AppState, token: &str) -> String {
    set_cookie(
        SESSION_COOKIE,
        token,
        mandat_core::signin::MEMBER_LIFETIME.as_secs(),
        state.settings.secure_cookies,
        true,
    )
}

pub(crate) fn cleared(state: &AppState, name: &str) -> String {
    set_cookie(name, "", 0, state.settings.secure_cookies, true)
}

/// The refusal of a typed code, as an API error.
fn code_refusal(check: CodeCheck) -> WebError {
    match check {
        CodeCheck::Wrong { tries_left } => WebError::with(
            StatusCode::UNAUTHORIZED,
            "signin_wrong_code",
            vec![("tries", i64::from(tries_left).into())],
        ),
        CodeCheck::Locked => WebError::api(StatusCode::UNAUTHORIZED, "signin_code_locked"),
        CodeCheck::Expired => WebError::api(StatusCode::UNAUTHORIZED, "signin_code_expired"),
        CodeCheck::NotAsked | CodeCheck::Accepted => {
            WebError::api(StatusCode::UNAUTHORIZED, "signin_not_asked")
        }
    }
}

fn app_error(e: mandat_app::AppError) -> WebError {
    match e {
        mandat_app::AppError::Store(e) => e.into(),
        mandat_app::AppError::NoCodeDesk => {
            WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_code_desk")
        }
        other => WebError::Internal(other.to_string()),
    }
}

/// `POST /api/signin/code {"iin"}`: 202 for every well-formed IIN, before any lookup; the code
/// goes by SMS to the phone on record, if the IIN has one.
pub async fn api_request_code(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    Json(form): Json<CodeRequest>,
) -> Result<Response, WebError> {
    let lang = q.lang(&headers)?;
    let iin = parse_iin(&form.iin)?;
    let binding = binding_of(&headers)?;
    state
        .app
        .request_code(iin, &binding, lang)
        .map_err(app_error)?;
    Ok((
        StatusCode::ACCEPTED,
        [
            (header::SET_COOKIE, binding_cookie(&state, &binding)),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(json!({
            "status": "accepted",
            "message": i18n::message(lang, "api-signin_code_requested"),
        })),
    )
        .into_response())
}

/// `POST /api/signin {"iin","code"}`: 200 with the session (cookie, and the token and the CSRF
/// token in the body for API clients); 401 with why otherwise.
pub async fn api_sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(form): Json<CodeForm>,
) -> Result<Response, WebError> {
    let iin = parse_iin(&form.iin)?;
    if !mandat_core::signin::code_shape_ok(&form.code) {
        return Err(WebError::bad("bad_signin_code", Vec::new()));
    }
    let Some(binding) = cookie(&headers, BINDING_COOKIE).filter(|b| binding_shape_ok(b)) else {
        return Err(code_refusal(CodeCheck::NotAsked));
    };
    let answer = state
        .app
        .sign_in_with_code(iin, &binding, &form.code, Timestamp::now())
        .await
        .map_err(app_error)?;
    match answer {
        CodeAnswer::SignedIn(token, session) => {
            let key = extract::key(&state)?;
            let mut response = Json(json!({
                "token": token,
                "csrf": csrf_token(key, &token),
                "expires_at": session.expires_at,
            }))
            .into_response();
            let h = response.headers_mut();
            append_cookie(h, &session_cookie(&state, &token));
            append_cookie(h, &cleared(&state, BINDING_COOKIE));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            Ok(response)
        }
        CodeAnswer::Refused(check) => Err(code_refusal(check)),
    }
}

pub(crate) fn append_cookie(headers: &mut HeaderMap, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        headers.append(header::SET_COOKIE, value);
    }
}

/// The signed-in member, or the 401 that says to sign in.
async fn member(state: &AppState, headers: &HeaderMap) -> Result<SignedIn, WebError> {
    signed_in(state, headers)
        .await?
        .ok_or_else(|| WebError::api(StatusCode::UNAUTHORIZED, "not_signed_in_member"))
}

/// `GET /api/me`: who is signed in, the polls open for them (each with its code and whether
/// they voted), and why they are on no roll when they are on none.
pub async fn api_me(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let lang = q.lang(&headers)?;
    let who = member(&state, &headers).await?;
    let mine = state
        .app
        .my_polls(&who.session, Timestamp::now())
        .await
        .map_err(app_error)?;
    let polls: Vec<_> = mine
        .polls
        .iter()
        .map(|p| {
            json!({
                "code": p.poll.code,
                "title": p.poll.title,
                "status": p.poll.status.as_str(),
                "opens_at": p.poll.opens_at,
                "closes_at": p.poll.closes_at,
                "open_now": p.open_now,
                "voted": p.voted,
            })
        })
        .collect();
    let mut response = Json(json!({
        "name": mine.full_name,
        "iin": who.session.iin.masked(),
        "scope": who.session.scope,
        "expires_at": who.session.expires_at,
        "polls": polls,
        "on_no_roll": mine.no_roll.map(|why| i18n::message(lang, why.key())),
    }))
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[derive(Deserialize, Default)]
pub struct SignOut {
    #[serde(default)]
    everywhere: bool,
}

/// `POST /api/signout {"everywhere": false}`: ends this session, or every session of the person.
pub async fn api_sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Option<Json<SignOut>>,
) -> Result<Response, WebError> {
    let who = member(&state, &headers).await?;
    extract::require_csrf_header(&state, &headers, &who)?;
    let everywhere = body.map(|Json(b)| b.everywhere).unwrap_or(false);
    end(&state, &who, everywhere).await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cleared(&state, SESSION_COOKIE))],
    )
        .into_response())
}

async fn end(state: &AppState, who: &SignedIn, everywhere: bool) -> Result<(), WebError> {
    if everywhere {
        state
            .app
            .sign_out_everywhere(&who.session)
            .await
            .map_err(app_error)?;
    } else {
        state.app.sign_out(&who.token).await.map_err(app_error)?;
    }
    Ok(())
}

// ---- pages ----

#[derive(Template)]
#[template(path = "voter/signin.html")]
struct SignInPage {
    frame: Frame,
    errors: Vec<FieldError>,
    csrf: String,
    iin: String,
}

#[derive(Template)]
#[template(path = "voter/code.html")]
struct CodePage {
    frame: Frame,
    errors: Vec<FieldError>,
    csrf: String,
    iin: String,
}

#[derive(Template)]
#[template(path = "voter/help.html")]
struct HelpPage {
    frame: Frame,
    hotline: String,
}

#[derive(Template)]
#[template(path = "voter/my.html")]
struct MyPage {
    frame: Frame,
    greeting: String,
    /// The live region of the member's polls.
    polls: String,
}

#[derive(Template)]
#[template(path = "voter/_my_polls.html")]
struct MyPollsRegion {
    lang: &'static str,
    no_roll: String,
    vote: String,
    see_board: String,
    polls: Vec<PollLine>,
}

struct PollLine {
    code: String,
    title: String,
    when: String,
    state: String,
    can_vote: bool,
    counted: bool,
}

/// A page that sets the binding cookie (the sign-in pages), never cached.
pub(crate) fn with_binding(state: &AppState, page: Response, binding: &str) -> Response {
    let mut page = page;
    append_cookie(page.headers_mut(), &binding_cookie(state, binding));
    page
}

/// `GET /signin`: the IIN form (a signed-in member goes to their polls).
pub async fn signin_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, remember) = page_lang(&q, &headers)?;
    if signed_in(&state, &headers).await?.is_some() {
        return Ok(Redirect::to(&format!("/my?lang={}", lang.as_str())).into_response());
    }
    let key = extract::key(&state)?;
    let binding = binding_of(&headers)?;
    let html = SignInPage {
        frame: Frame::new(lang, "/signin", None),
        errors: Vec::new(),
        csrf: csrf_token(key, &binding),
        iin: String::new(),
    }
    .render()?;
    Ok(with_binding(
        &state,
        personal(&state, html, lang, remember),
        &binding,
    ))
}

#[derive(Deserialize)]
pub struct IinForm {
    #[serde(default)]
    iin: String,
    #[serde(default)]
    csrf: String,
}

/// The form's CSRF token checked against the binding cookie, or the 403.
pub(crate) fn form_binding(
    state: &AppState,
    headers: &HeaderMap,
    csrf: &str,
) -> Result<String, WebError> {
    let key = extract::key(state)?;
    match cookie(headers, BINDING_COOKIE) {
        Some(b) if binding_shape_ok(&b) && csrf_ok(key, &b, csrf) => Ok(b),
        _ => Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form")),
    }
}

/// `POST /signin`: asks for a code and shows the code form; a malformed IIN is told beside the field.
pub async fn signin_submit(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<IinForm>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let binding = form_binding(&state, &headers, &form.csrf)?;
    let key = extract::key(&state)?;
    let csrf = csrf_token(key, &binding);
    let digits: String = form.iin.chars().filter(|c| !c.is_whitespace()).collect();
    let iin = match Iin::parse(&digits) {
        Ok(iin) => iin,
        Err(problem) => {
            let html = SignInPage {
                frame: Frame::new(lang, "/signin", None),
                errors: vec![FieldError {
                    field: "iin",
                    message: i18n::message_with(
                        lang,
                        "voter-iin-wrong",
                        &[(
                            "detail",
                            mandat_core::i18n::Problem::message(&problem, lang).into(),
                        )],
                    ),
                }],
                csrf,
                iin: form.iin,
            }
            .render()?;
            let page = personal_with(&state, html, lang, StatusCode::BAD_REQUEST);
            return Ok(page);
        }
    };
    state
        .app
        .request_code(iin, &binding, lang)
        .map_err(app_error)?;
    let html = CodePage {
        frame: Frame::new(lang, "/signin", None),
        errors: Vec::new(),
        csrf,
        iin: iin.to_string(),
    }
    .render()?;
    Ok(personal(&state, html, lang, false))
}

#[derive(Deserialize)]
pub struct CodeFormPage {
    #[serde(default)]
    iin: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /signin/code`: checks the code; signed in, goes to the member's polls, else says why
/// beside the field.
pub async fn code_submit(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CodeFormPage>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let binding = form_binding(&state, &headers, &form.csrf)?;
    let key = extract::key(&state)?;
    let retry = |message: String| -> Result<Response, WebError> {
        let html = CodePage {
            frame: Frame::new(lang, "/signin", None),
            errors: vec![FieldError {
                field: "code",
                message,
            }],
            csrf: csrf_token(key, &binding),
            iin: form.iin.clone(),
        }
        .render()?;
        let page = personal_with(&state, html, lang, StatusCode::UNAUTHORIZED);
        Ok(page)
    };
    let Ok(iin) = Iin::parse(form.iin.trim()) else {
        return Ok(Redirect::to(&format!("/signin?lang={}", lang.as_str())).into_response());
    };
    if !mandat_core::signin::code_shape_ok(&form.code) {
        return retry(i18n::message(lang, "api-bad_signin_code"));
    }
    let answer = state
        .app
        .sign_in_with_code(iin, &binding, &form.code, Timestamp::now())
        .await
        .map_err(app_error)?;
    match answer {
        CodeAnswer::SignedIn(token, _) => {
            let mut response = Redirect::to(&format!("/my?lang={}", lang.as_str())).into_response();
            let h = response.headers_mut();
            append_cookie(h, &session_cookie(&state, &token));
            append_cookie(h, &cleared(&state, BINDING_COOKIE));
            Ok(response)
        }
        CodeAnswer::Refused(check) => {
            let report = code_refusal(check);
            retry(crate::error::message_of(&report, lang))
        }
    }
}

#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    everywhere: Option<String>,
}

/// `POST /signout`: ends the session (or all of them) and goes to the sign-in page.
pub async fn signout_submit(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<SignOutForm>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    if let Some(who) = signed_in(&state, &headers).await? {
        if !csrf_ok(extract::key(&state)?, &who.token, &form.csrf) {
            return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
        }
        end(&state, &who, form.everywhere.is_some()).await?;
    }
    let mut response = Redirect::to(&format!("/signin?lang={}", lang.as_str())).into_response();
    append_cookie(response.headers_mut(), &cleared(&state, SESSION_COOKIE));
    Ok(response)
}

/// `GET /signin/help`: what to do when the code never came.
pub async fn help_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, remember) = page_lang(&q, &headers)?;
    let hotline = i18n::message_with(
        lang,
        "voter-help-hotline",
        &[("phone", state.settings.hotline.as_str().into())],
    );
    let html = HelpPage {
        frame: Frame::new(lang, "/signin/help", None),
        hotline,
    }
    .render()?;
    Ok(personal(&state, html, lang, remember))
}

/// The time a poll closes or opens, in the campaign's time zone and the language's words.
pub fn local_time(lang: Lang, at: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    let zoned = at.to_zoned_datetime(zone.clone());
    format!(
        "{} {}",
        mandat_core::lists::publish::date_words(lang, zoned.date()),
        zoned.strftime("%H:%M")
    )
}

/// `GET /my`: the member's polls (open, voted, coming, closed), with a link to vote in each
/// open one; the list is a live region (a poll opening or closing shows without reloading).
pub async fn my_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, remember) = page_lang(&q, &headers)?;
    let Some(who) = signed_in(&state, &headers).await? else {
        return Ok(Redirect::to(&format!("/signin?lang={}", lang.as_str())).into_response());
    };
    let key = extract::key(&state)?;
    let (full_name, polls) = my_polls_region(&state, &who, lang).await?;
    let html = MyPage {
        frame: Frame::new(lang, "/my", Some(who.csrf(key))),
        greeting: i18n::message_with(lang, "voter-greeting", &[("name", full_name.into())]),
        polls,
    }
    .render()?;
    Ok(personal(&state, html, lang, remember))
}

/// `GET /my/live`: the member's polls region, live, for as long as the session lasts.
pub async fn my_live(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let for_stream = state.clone();
    let asked_with = headers.clone();
    crate::live::serve(&state, &headers, None, move || {
        let state = for_stream.clone();
        let headers = asked_with.clone();
        async move {
            let Some(who) = signed_in(&state, &headers).await? else {
                return Err(WebError::api(StatusCode::UNAUTHORIZED, "session_ended"));
            };
            Ok(my_polls_region(&state, &who, lang).await?.1)
        }
    })
    .await
}

/// The member's name and the region listing their polls.
async fn my_polls_region(
    state: &AppState,
    who: &SignedIn,
    lang: Lang,
) -> Result<(String, String), WebError> {
    let now = Timestamp::now();
    let mine = state
        .app
        .my_polls(&who.session, now)
        .await
        .map_err(app_error)?;
    let polls = mine
        .polls
        .iter()
        .map(|p| {
            let closes = local_time(lang, p.poll.closes_at, &p.zone);
            let opens = local_time(lang, p.poll.opens_at, &p.zone);
            let (when, state_key) = if p.voted {
                (
                    i18n::message_with(lang, "voter-closes", &[("at", closes.into())]),
                    "voter-state-voted",
                )
            } else if p.open_now {
                (
                    i18n::message_with(lang, "voter-closes", &[("at", closes.into())]),
                    "voter-state-open",
                )
            } else if p.poll.opens_at > now {
                (
                    i18n::message_with(lang, "voter-opens", &[("at", opens.into())]),
                    "voter-state-not-yet",
                )
            } else {
                (
                    i18n::message_with(lang, "voter-closed-at", &[("at", closes.into())]),
                    "voter-state-closed",
                )
            };
            PollLine {
                code: p.poll.code.to_string(),
                title: p.poll.title.clone(),
                when,
                state: i18n::message(lang, state_key),
                can_vote: p.open_now && !p.voted,
                counted: p.poll.status == mandat_core::poll::PollStatus::Counted,
            }
        })
        .collect();
    let region = MyPollsRegion {
        lang: lang.as_str(),
        no_roll: mine
            .no_roll
            .map(|why| i18n::message(lang, why.key()))
            .unwrap_or_default(),
        vote: i18n::message(lang, "voter-vote"),
        see_board: i18n::message(lang, "voter-see-board"),
        polls,
    }
    .render()?;
    Ok((mine.full_name, region))
}

#[derive(Template)]
#[template(path = "voter/outbox.html")]
struct OutboxPage {
    frame: Frame,
    messages: Vec<(String, String)>,
}

/// `GET /demo/outbox` (a demo only): the last messages the demo "sent", newest first, so that a
/// visitor without the server's console can read their code.
pub async fn demo_outbox_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, remember) = page_lang(&q, &headers)?;
    let Some(path) = &state.settings.demo_outbox else {
        return Err(WebError::api(StatusCode::NOT_FOUND, "no_code_desk"));
    };
    let text = tokio::fs::read_to_string(path).await.unwrap_or_default();
    // Sign-in codes first: a burst of conference notices must not bury the code a visitor
    // just asked for.
    let code_openings: Vec<String> = Lang::ALL
        .iter()
        .filter_map(|lang| {
            let marked = i18n::message_with(*lang, "sms-signin-code", &[("code", "\u{1}".into())]);
            marked.split('\u{1}').next().map(str::to_owned)
        })
        .filter(|opening| !opening.is_empty())
        .collect();
    let (mut codes, mut others) = (Vec::new(), Vec::new());
    for m in text
        .lines()
        .rev()
        .take(2000)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
    {
        let to = m["to"].as_str().unwrap_or_default().to_owned();
        let body = m["text"].as_str().unwrap_or_default().to_owned();
        if code_openings.iter().any(|o| body.starts_with(o.as_str())) {
            if codes.len() < 20 {
                codes.push((to, body));
            }
        } else if others.len() < 10 {
            others.push((to, body));
        }
    }
    let messages: Vec<(String, String)> = codes.into_iter().chain(others).collect();
    let html = OutboxPage {
        frame: Frame::new(lang, "/demo/outbox", None),
        messages,
    }
    .render()?;
    Ok(personal(&state, html, lang, remember))
}
