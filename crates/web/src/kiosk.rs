//! The hall kiosk: a tablet opened by the secretary with the meeting's kiosk link, on which one delegate after another types the printed code, votes and sees the receipt's tracker; after each voter the session is ended on the server and its cookie cleared, so the next one starts from the empty form.
//!
//! Nothing is kept in the browser: the pages load no script (so nothing goes to localStorage),
//! the receipt's opening is not handed out, every page is `no-store`, and each kiosk page
//! returns to the empty form by itself (`<meta http-equiv="refresh">`, which is no script).

use crate::ballot::{
    ShownOption, checked_ballot, field, form_pairs, instruction, is_ranked, kept_choices,
};
use crate::extract::{self, cookie, csrf_ok, csrf_token, random_hex};
use crate::frame::{FieldError, Frame, page_lang, personal, personal_with};
use crate::hall::{app_error, gone};
use crate::language::LangQuery;
use crate::limits::ClientAddr;
use crate::{AppState, WebError};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use mandat_app::{CastOutcome, meeting_of_scope};
use mandat_core::count::Method;
use mandat_core::poll::Poll;
use mandat_core::token::HallLink;
use mandat_core::{Code, Lang, i18n};
use mandat_store::Session;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The kiosk link's token, kept by the tablet for the kiosk's own path only.
const KIOSK_COOKIE: &str = "mandat_kiosk";
/// The session of the delegate at the tablet now, for the kiosk's own path only.
const VOTER_COOKIE: &str = "mandat_kiosk_voter";
/// Seconds before a ballot left untouched returns to the empty form.
const BALLOT_RESET_S: u32 = 180;
/// Seconds the receipt's tracker stays on screen.
const RECEIPT_RESET_S: u32 = 20;

fn kiosk_cookie(state: &AppState, meeting: &Code, name: &str, value: &str, age: i64) -> String {
    let mut c =
        format!("{name}={value}; Path=/kiosk/{meeting}; HttpOnly; SameSite=Strict; Max-Age={age}");
    if state.settings.secure_cookies {
        c.push_str("; Secure");
    }
    c
}

/// The kiosk link's token the tablet holds, if it is the meeting's current one.
async fn kiosk_token(
    state: &AppState,
    headers: &HeaderMap,
    meeting: &Code,
) -> Result<Option<String>, WebError> {
    let Some(token) = cookie(headers, KIOSK_COOKIE) else {
        return Ok(None);
    };
    let ok = state
        .app
        .hall_link_ok(meeting, HallLink::Kiosk, &token)
        .await
        .map_err(app_error)?;
    Ok(ok.then_some(token))
}

/// The delegate's session at the tablet, if it is live and for this meeting.
async fn voter(
    state: &AppState,
    headers: &HeaderMap,
    meeting: &Code,
) -> Result<Option<(String, Session)>, WebError> {
    let Some(token) = cookie(headers, VOTER_COOKIE) else {
        return Ok(None);
    };
    match state.app.session(&token, Timestamp::now()).await {
        Ok(Some(session)) if meeting_of_scope(&session.scope).as_ref() == Some(meeting) => {
            Ok(Some((token, session)))
        }
        Ok(_) => Ok(None),
        Err(e) => Err(app_error(e)),
    }
}

#[derive(Template)]
#[template(path = "kiosk/code.html")]
struct CodePage {
    frame: Frame,
    meeting: String,
    errors: Vec<FieldError>,
    csrf: String,
}

#[derive(Template)]
#[template(path = "kiosk/ballot.html")]
struct BallotPage {
    frame: Frame,
    meeting: String,
    errors: Vec<FieldError>,
    poll: String,
    title: String,
    instruction: String,
    csrf: String,
    request_key: String,
    ranked: bool,
    single: bool,
    options: Vec<ShownOption>,
    reset_s: u32,
}

#[derive(Template)]
#[template(path = "kiosk/done.html")]
struct DonePage {
    frame: Frame,
    meeting: String,
    heading: String,
    text: String,
    tracker: Option<String>,
    reset_s: u32,
}

#[derive(Deserialize)]
pub struct KioskQuery {
    lang: Option<String>,
    key: Option<String>,
}

fn start(meeting: &Code, lang: Lang) -> Response {
    Redirect::to(&format!("/kiosk/{meeting}?lang={}", lang.as_str())).into_response()
}

/// Ends the delegate's session at the tablet, if one is there: the next voter cannot use it.
async fn end_voter(state: &AppState, headers: &HeaderMap) -> Result<(), WebError> {
    if let Some(token) = cookie(headers, VOTER_COOKIE) {
        state.app.sign_out(&token).await.map_err(app_error)?;
    }
    Ok(())
}

fn code_page(
    state: &AppState,
    meeting: &Code,
    lang: Lang,
    kiosk: &str,
    errors: Vec<FieldError>,
) -> Result<String, WebError> {
    let key = extract::key(state)?;
    Ok(CodePage {
        frame: Frame::new(lang, &format!("/kiosk/{meeting}"), None),
        meeting: meeting.to_string(),
        errors,
        csrf: csrf_token(key, kiosk),
    }
    .render()?)
}

/// `GET /kiosk/{meeting}`: the empty code form. Opened with `?key=` (the kiosk link), the tablet
/// keeps the key in a cookie for the kiosk's path and the address bar loses it. Any delegate's
/// session left at the tablet is ended here: this page is where every voter's turn ends.
pub async fn start_page(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<KioskQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let lang_query = LangQuery::of(q.lang.clone());
    let (lang, remember) = page_lang(&lang_query, &headers)?;
    let Ok(meeting) = Code::parse(&meeting) else {
        return gone(lang);
    };
    if let Some(key) = q.key.as_deref() {
        if !state
            .app
            .hall_link_ok(&meeting, HallLink::Kiosk, key)
            .await
            .map_err(app_error)?
        {
            return gone(lang);
        }
        let mut response = start(&meeting, lang);
        crate::signin::append_cookie(
            response.headers_mut(),
            &kiosk_cookie(&state, &meeting, KIOSK_COOKIE, key, 24 * 3600),
        );
        return Ok(response);
    }
    let Some(kiosk) = kiosk_token(&state, &headers, &meeting).await? else {
        return gone(lang);
    };
    end_voter(&state, &headers).await?;
    let html = code_page(&state, &meeting, lang, &kiosk, Vec::new())?;
    let mut page = personal(&state, html, lang, remember);
    crate::signin::append_cookie(
        page.headers_mut(),
        &kiosk_cookie(&state, &meeting, VOTER_COOKIE, "", 0),
    );
    Ok(page)
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /kiosk/{meeting}/code`: the printed code, traded for a session kept for the kiosk's
/// path only; a wrong or used code, or one of another meeting, is told beside the field.
pub async fn code_submit(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CodeForm>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let Ok(meeting) = Code::parse(&meeting) else {
        return gone(lang);
    };
    let Some(kiosk) = kiosk_token(&state, &headers, &meeting).await? else {
        return gone(lang);
    };
    if !csrf_ok(extract::key(&state)?, &kiosk, &form.csrf) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    let refuse = |message: String, status: StatusCode| -> Result<Response, WebError> {
        let errors = vec![FieldError {
            field: "code",
            message,
        }];
        let html = code_page(&state, &meeting, lang, &kiosk, errors)?;
        Ok(personal_with(&state, html, lang, status))
    };
    if form.code.trim().is_empty() {
        return refuse(
            i18n::message(lang, "hall-code-empty"),
            StatusCode::BAD_REQUEST,
        );
    }
    let (token, session) = match crate::voting::redeem(&state, address, &form.code).await {
        Ok(Ok(signed_in)) => signed_in,
        Ok(Err(answer)) => return Ok(answer),
        Err(refusal) => {
            let status = match &refusal {
                WebError::Api { status, .. } => *status,
                _ => StatusCode::UNAUTHORIZED,
            };
            return refuse(crate::error::message_of(&refusal, lang), status);
        }
    };
    if meeting_of_scope(&session.scope).as_ref() != Some(&meeting) {
        state.app.sign_out(&token).await.map_err(app_error)?;
        return refuse(
            i18n::message(lang, "voter-not-on-roll"),
            StatusCode::FORBIDDEN,
        );
    }
    let mut response =
        Redirect::to(&format!("/kiosk/{meeting}/ballot?lang={}", lang.as_str())).into_response();
    crate::signin::append_cookie(
        response.headers_mut(),
        &kiosk_cookie(&state, &meeting, VOTER_COOKIE, &token, 15 * 60),
    );
    Ok(response)
}

/// The poll the delegate at the tablet votes in now: the first open one they have not voted in.
async fn poll_to_vote(state: &AppState, session: &Session) -> Result<Option<Poll>, WebError> {
    let mine = state
        .app
        .my_polls(session, Timestamp::now())
        .await
        .map_err(app_error)?;
    Ok(mine
        .polls
        .into_iter()
        .find(|p| p.open_now && !p.voted)
        .map(|p| p.poll))
}

#[allow(clippy::too_many_arguments)]
fn ballot_page(
    state: &AppState,
    meeting: &Code,
    lang: Lang,
    token: &str,
    poll: &Poll,
    errors: Vec<FieldError>,
    chosen: &[String],
    ranks: &BTreeMap<String, String>,
) -> Result<String, WebError> {
    let key = extract::key(state)?;
    Ok(BallotPage {
        frame: Frame::new(lang, &format!("/kiosk/{meeting}/ballot"), None),
        meeting: meeting.to_string(),
        errors,
        poll: poll.code.to_string(),
        title: poll.title.clone(),
        instruction: instruction(lang, poll),
        csrf: csrf_token(key, token),
        request_key: random_hex()?,
        ranked: is_ranked(poll.method),
        single: poll.method == Method::Plurality,
        options: crate::ballot::shown_options(poll, chosen, ranks),
        reset_s: BALLOT_RESET_S,
    }
    .render()?)
}

async fn done_page(
    state: &AppState,
    meeting: &Code,
    lang: Lang,
    heading: &str,
    text: String,
    tracker: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let html = DonePage {
        frame: Frame::new(lang, &format!("/kiosk/{meeting}"), None),
        meeting: meeting.to_string(),
        heading: i18n::message(lang, heading),
        text,
        tracker,
        reset_s: RECEIPT_RESET_S,
    }
    .render()?;
    let mut page = personal_with(state, html, lang, status);
    crate::signin::append_cookie(
        page.headers_mut(),
        &kiosk_cookie(state, meeting, VOTER_COOKIE, "", 0),
    );
    Ok(page)
}

/// `GET /kiosk/{meeting}/ballot`: the ballot of the delegate at the tablet.
pub async fn ballot(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let Ok(meeting) = Code::parse(&meeting) else {
        return gone(lang);
    };
    if kiosk_token(&state, &headers, &meeting).await?.is_none() {
        return gone(lang);
    }
    let Some((token, session)) = voter(&state, &headers, &meeting).await? else {
        return Ok(start(&meeting, lang));
    };
    let Some(poll) = poll_to_vote(&state, &session).await? else {
        state.app.sign_out(&token).await.map_err(app_error)?;
        return done_page(
            &state,
            &meeting,
            lang,
            "kiosk-title",
            i18n::message(lang, "kiosk-no-poll"),
            None,
            StatusCode::OK,
        )
        .await;
    };
    let html = ballot_page(
        &state,
        &meeting,
        lang,
        &token,
        &poll,
        Vec::new(),
        &[],
        &BTreeMap::new(),
    )?;
    Ok(personal(&state, html, lang, false))
}

/// `POST /kiosk/{meeting}/cast`: casts the ballot, ends the delegate's session and shows the
/// tracker; a ballot that does not fit comes back with the problem beside it. A second press
/// finds the session ended and the next voter's empty form.
pub async fn cast(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let Ok(meeting) = Code::parse(&meeting) else {
        return gone(lang);
    };
    if kiosk_token(&state, &headers, &meeting).await?.is_none() {
        return gone(lang);
    }
    let Some((token, session)) = voter(&state, &headers, &meeting).await? else {
        return Ok(start(&meeting, lang));
    };
    let pairs = form_pairs(&body);
    if !csrf_ok(extract::key(&state)?, &token, field(&pairs, "csrf")) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    let code = WebError::parse_code("poll", field(&pairs, "poll"))?;
    let poll = state.app.poll(&code).await?;
    let ballot = match checked_ballot(lang, &poll, &pairs) {
        Ok(ballot) => ballot,
        Err(message) => {
            let (chosen, ranks) = kept_choices(&pairs);
            let errors = vec![FieldError {
                field: "how",
                message,
            }];
            let html = ballot_page(
                &state, &meeting, lang, &token, &poll, errors, &chosen, &ranks,
            )?;
            return Ok(personal_with(&state, html, lang, StatusCode::BAD_REQUEST));
        }
    };
    let outcome = state
        .app
        .cast(
            &session,
            &code,
            mandat_app::Cast {
                choices: ballot,
                device_nonce: None,
                request_key: field(&pairs, "request_key").to_owned(),
            },
        )
        .await
        .map_err(app_error)?;
    if let CastOutcome::Unavailable(why) = &outcome {
        // Nothing was recorded: the same voter tries again with the ballot as chosen.
        tracing::warn!(reason = %why, "the ballot box could not take a ballot at a kiosk");
        let (chosen, ranks) = kept_choices(&pairs);
        let errors = vec![FieldError {
            field: "how",
            message: i18n::message(lang, "api-box_unavailable"),
        }];
        let html = ballot_page(
            &state, &meeting, lang, &token, &poll, errors, &chosen, &ranks,
        )?;
        return Ok(personal_with(
            &state,
            html,
            lang,
            StatusCode::SERVICE_UNAVAILABLE,
        ));
    }
    // Whatever else the box answered, this voter's turn at the tablet is over.
    state.app.sign_out(&token).await.map_err(app_error)?;
    let (heading, text, tracker, status) = match outcome {
        CastOutcome::Accepted(receipt) => (
            "voter-receipt-title",
            i18n::message(lang, "kiosk-done"),
            Some(receipt.tracker.to_hex()),
            StatusCode::OK,
        ),
        CastOutcome::AlreadyVoted => (
            "voter-voted-title",
            i18n::message(lang, "voter-voted"),
            None,
            StatusCode::CONFLICT,
        ),
        CastOutcome::PollNotOpen(_) => (
            "voter-closed-title",
            i18n::message(lang, "voter-closed"),
            None,
            StatusCode::CONFLICT,
        ),
        CastOutcome::NotOnRoll | CastOutcome::OutOfScope { .. } => (
            "voter-not-yours-title",
            i18n::message(lang, "voter-not-on-roll"),
            None,
            StatusCode::FORBIDDEN,
        ),
        CastOutcome::Invalid(problem) => (
            "voter-problem-title",
            mandat_core::i18n::Problem::message(&problem, lang),
            None,
            StatusCode::BAD_REQUEST,
        ),
        CastOutcome::BadRequestKey(_) | CastOutcome::BadDeviceNonce => (
            "voter-problem-title",
            i18n::message(lang, "voter-form-damaged"),
            None,
            StatusCode::BAD_REQUEST,
        ),
        CastOutcome::Unavailable(_) => (
            "voter-problem-title",
            i18n::message(lang, "api-box_unavailable"),
            None,
            StatusCode::SERVICE_UNAVAILABLE,
        ),
    };
    done_page(&state, &meeting, lang, heading, text, tracker, status).await
}
