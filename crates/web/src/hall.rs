//! The hall: the projector view behind a secret, revocable link (`/hall/{meeting}/screen/{token}`), its management page (`/meetings/{meeting}/projector`), and the delegate's phone (`/hall/signin`, `/hall/{meeting}/me`, `/hall/{meeting}/confirm`).
//!
//! Each live region is drawn by one function ([`screen_fragment`], [`me_fragment`]): the full page
//! embeds its HTML, and the live stream sends the same HTML again when the record moves.

use crate::extract::{self, SESSION_COOKIE, SignedIn, cookie, csrf_ok, csrf_token, signed_in};
use crate::frame::{FieldError, Frame, page_lang, personal, personal_with};
use crate::language::LangQuery;
use crate::limits::ClientAddr;
use crate::signin::local_time;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::Timestamp;
use mandat_app::{AppError, HallView, meeting_of_scope};
use mandat_core::authz::Signed;
use mandat_core::command::RenewProjectorLink;
use mandat_core::meeting::minutes_text::{meeting_title, vote_words};
use mandat_core::meeting::model::{MeetingStatus, Vote};
use mandat_core::token::HallLink;
use mandat_core::{Code, Command, Lang, i18n};
use serde::Deserialize;

pub(crate) fn app_error(e: AppError) -> WebError {
    match e {
        AppError::Store(e) => WebError::from(e),
        AppError::Refused(rule) => WebError::from(mandat_store::StoreError::Rule(rule)),
        AppError::NoTokenKey => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_sign_in"),
        AppError::NoBallotBox => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_ballot_box"),
        AppError::NoCodeDesk => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_code_desk"),
    }
}

/// The plain 404 of a hall link that is wrong or was renewed: it says nothing of the meeting.
#[derive(Template)]
#[template(path = "hall/gone.html")]
struct GonePage {
    lang: &'static str,
    heading: String,
    text: String,
}

pub(crate) fn gone(lang: Lang) -> Result<Response, WebError> {
    let html = GonePage {
        lang: lang.as_str(),
        heading: i18n::message(lang, "hall-gone-title"),
        text: i18n::message(lang, "hall-gone"),
    }
    .render()?;
    let mut page = (StatusCode::NOT_FOUND, Html(html)).into_response();
    page.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(page)
}

// ---- the projector view ----

/// A vote as the screen shows it: the heading, what was put, and the minutes' rows.
struct ShownVote {
    heading: String,
    subject: Vec<String>,
    rows: Vec<(String, String)>,
    adopted: bool,
}

#[derive(Template)]
#[template(path = "hall/_screen.html")]
struct ScreenFragment {
    title: String,
    status: String,
    present_label: String,
    present: String,
    present_detail: String,
    quorum_label: String,
    quorum: String,
    quorum_met: bool,
    item: Option<String>,
    speaker_label: String,
    speaker: Option<ShownSpeaker>,
    floor_label: String,
    on_the_floor: Option<ShownVote>,
    result_label: String,
    result: Option<ShownVote>,
}

struct ShownSpeaker {
    name: String,
    role: String,
    topic: String,
    since: String,
    /// When they were given the floor, in Unix milliseconds (the script counts from it).
    since_ms: i64,
    /// The speaking time given, in seconds: the clock counts down rather than up.
    limit_s: Option<u32>,
}

#[derive(Template)]
#[template(path = "hall/screen.html")]
struct ScreenPage {
    lang: &'static str,
    title: String,
    stylesheet: String,
    script: String,
    live_script: String,
    live: String,
    fragment: String,
}

fn shown_vote(view: &HallView, vote: &Vote, lang: Lang) -> Option<ShownVote> {
    let in_minutes = view
        .minutes
        .votes
        .iter()
        .find(|v| v.number == vote.number)?;
    let words = vote_words(in_minutes, lang);
    Some(ShownVote {
        heading: words.heading,
        subject: words.subject,
        rows: words.rows,
        adopted: vote.verdict == Some(mandat_core::meeting::open_vote::Verdict::Adopted),
    })
}

fn status_words(lang: Lang, status: MeetingStatus) -> String {
    i18n::message(lang, &format!("hall-status-{}", status.as_str()))
}

/// The whole body of the projector view: the one live region of the screen.
pub(crate) async fn screen_fragment(
    state: &AppState,
    meeting: &Code,
    lang: Lang,
) -> Result<String, WebError> {
    let view = state.app.hall_view(meeting).await.map_err(app_error)?;
    let m = &view.meeting;
    let present = view.in_hall.saturating_add(view.remote);
    let item = view.current_item.and_then(|n| {
        let text = m.agenda.get(usize::try_from(n).ok()?.checked_sub(1)?)?;
        Some(i18n::message_with(
            lang,
            "hall-item",
            &[
                ("number", i64::from(n).into()),
                ("text", text.as_str().into()),
            ],
        ))
    });
    let speaker = view.speaker.as_ref().map(|s| ShownSpeaker {
        name: s.name.clone(),
        role: s.role.clone(),
        topic: s.topic.clone(),
        since: i18n::message_with(
            lang,
            "hall-speaker-since",
            &[("at", local_time(lang, s.at, &view.zone).into())],
        ),
        since_ms: s.at.as_millisecond(),
        limit_s: s.time_limit_s,
    });
    Ok(ScreenFragment {
        title: meeting_title(&view.minutes, lang),
        status: status_words(lang, m.status),
        present_label: i18n::message(lang, "hall-present"),
        present: present.to_string(),
        present_detail: i18n::message_with(
            lang,
            "hall-present-detail",
            &[
                ("hall", i64::from(view.in_hall).into()),
                ("remote", i64::from(view.remote).into()),
                ("electorate", i64::from(m.electorate).into()),
            ],
        ),
        quorum_label: i18n::message(lang, "hall-quorum"),
        quorum: i18n::message_with(
            lang,
            if view.quorum_met {
                "hall-quorum-met"
            } else {
                "hall-quorum-not-met"
            },
            &[("minimum", i64::from(view.quorum_minimum).into())],
        ),
        quorum_met: view.quorum_met,
        item,
        speaker_label: i18n::message(lang, "hall-speaker"),
        speaker,
        floor_label: i18n::message(lang, "hall-on-the-floor"),
        on_the_floor: view
            .on_the_floor
            .as_ref()
            .and_then(|v| shown_vote(&view, v, lang)),
        result_label: i18n::message(lang, "hall-result"),
        // The last result stays up until the next motion is put: the hall reads one at a time.
        result: view
            .last_counted
            .as_ref()
            .filter(|_| view.on_the_floor.is_none())
            .and_then(|v| shown_vote(&view, v, lang)),
    }
    .render()?)
}

/// `GET /hall/{meeting}/screen/{token}`: the projector view, no sign-in; a wrong or renewed
/// link answers a plain 404.
pub async fn screen_page(
    State(state): State<AppState>,
    Path((meeting, token)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let lang = q.lang(&headers)?;
    let Ok(meeting) = Code::parse(&meeting) else {
        return gone(lang);
    };
    if !state
        .app
        .hall_link_ok(&meeting, HallLink::Projector, &token)
        .await
        .map_err(app_error)?
    {
        return gone(lang);
    }
    let fragment = screen_fragment(&state, &meeting, lang).await?;
    let html = ScreenPage {
        lang: lang.as_str(),
        title: i18n::message(lang, "hall-screen-title"),
        stylesheet: crate::assets::stylesheet(),
        script: crate::assets::projector_script(),
        live_script: crate::assets::live_script(),
        live: format!("/hall/{meeting}/screen/{token}/live?lang={}", lang.as_str()),
        fragment,
    }
    .render()?;
    // The link is the secret: the page is not kept by caches or the browser's history store.
    let mut page = Html(html).into_response();
    page.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    page.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Ok(page)
}

/// `GET /hall/{meeting}/screen/{token}/live`: the projector view's body, live (the same for
/// everyone holding the link: one rendering per journal head and language). A renewed link ends
/// the stream at the next change.
pub async fn screen_live(
    State(state): State<AppState>,
    Path((meeting, token)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let lang = q.lang(&headers)?;
    let meeting = WebError::parse_code("meeting", &meeting)?;
    // The token is part of the key: holders of an old link never share a rendering with the new.
    let key = format!("screen/{meeting}/{token}/{}", lang.as_str());
    let for_stream = state.clone();
    crate::live::serve(&state, &headers, Some(key), move || {
        let state = for_stream.clone();
        let meeting = meeting.clone();
        let token = token.clone();
        async move {
            if !state
                .app
                .hall_link_ok(&meeting, HallLink::Projector, &token)
                .await
                .map_err(app_error)?
            {
                return Err(WebError::NotFound(mandat_core::Missing::Meeting(meeting)));
            }
            screen_fragment(&state, &meeting, lang).await
        }
    })
    .await
}

// ---- managing the hall links ----

#[derive(Template)]
#[template(path = "hall/projector.html")]
struct ProjectorPage {
    frame: Frame,
    title: String,
    meeting: String,
    screen_link: String,
    kiosk_link: String,
    csrf: String,
    renewed: bool,
}

/// The token whose CSRF token guards the hall-management forms: the staff session's, else the
/// person's session.
fn management_token(headers: &HeaderMap) -> Option<String> {
    extract::bearer(headers)
        .or_else(|| cookie(headers, crate::staff::STAFF_COOKIE))
        .or_else(|| cookie(headers, SESSION_COOKIE))
}

/// Who is signed in, allowed by the policy to manage this meeting's hall links, or why not.
async fn manager(
    state: &AppState,
    headers: &HeaderMap,
    meeting: &Code,
) -> Result<Signed, WebError> {
    let signed = crate::staff::signed_of(state, headers).await?;
    match state
        .app
        .may_manage_hall(&signed, meeting)
        .await
        .map_err(app_error)?
    {
        Ok(()) => Ok(signed),
        Err(denied) => Err(WebError::with(
            StatusCode::FORBIDDEN,
            denied.code(),
            denied.params(),
        )),
    }
}

#[derive(Deserialize)]
pub struct ProjectorQuery {
    lang: Option<String>,
    #[serde(default)]
    renewed: Option<String>,
}

/// `GET /meetings/{meeting}/projector`: the current projector and kiosk links and the form that
/// renews them, for whoever may submit `renew_projector_link` for the meeting.
pub async fn projector_page(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<ProjectorQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let (lang, remember) = page_lang(&LangQuery::of(q.lang.clone()), &headers)?;
    manager(&state, &headers, &meeting).await?;
    let key = extract::key(&state)?;
    let token = management_token(&headers).unwrap_or_default();
    let view = state.app.hall_view(&meeting).await.map_err(app_error)?;
    let screen = state
        .app
        .hall_link(&meeting, HallLink::Projector)
        .await
        .map_err(app_error)?;
    let kiosk = state
        .app
        .hall_link(&meeting, HallLink::Kiosk)
        .await
        .map_err(app_error)?;
    let html = ProjectorPage {
        frame: Frame::new(lang, &format!("/meetings/{meeting}/projector"), None),
        title: meeting_title(&view.minutes, lang),
        meeting: meeting.to_string(),
        screen_link: format!("/hall/{meeting}/screen/{screen}"),
        kiosk_link: format!("/kiosk/{meeting}?key={kiosk}"),
        csrf: csrf_token(key, &token),
        renewed: q.renewed.is_some(),
    }
    .render()?;
    Ok(personal(&state, html, lang, remember))
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /meetings/{meeting}/projector`: renews the hall links (`renew_projector_link`); the old
/// ones answer 404 from now on.
pub async fn projector_renew(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CsrfForm>,
) -> Result<Response, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let (lang, _) = page_lang(&q, &headers)?;
    let signed = manager(&state, &headers, &meeting).await?;
    let key = extract::key(&state)?;
    let token = management_token(&headers).unwrap_or_default();
    if token.is_empty() || !csrf_ok(key, &token, &form.csrf) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    let now = Timestamp::now();
    let command = Command::RenewProjectorLink(RenewProjectorLink {
        meeting: meeting.clone(),
    });
    match state
        .app
        .submit_signed(&signed, command, now, now)
        .await
        .map_err(app_error)?
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/meetings/{meeting}/projector?renewed=1&lang={}",
            lang.as_str()
        ))
        .into_response()),
        Err(denied) => Err(WebError::with(
            StatusCode::FORBIDDEN,
            denied.code(),
            denied.params(),
        )),
    }
}

// ---- the delegate's phone ----

#[derive(Template)]
#[template(path = "hall/signin.html")]
struct SignInPage {
    frame: Frame,
    errors: Vec<FieldError>,
    csrf: String,
}

/// `GET /hall/signin`: the form for the e-vote code handed out at check-in (no SMS).
pub async fn signin_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, remember) = page_lang(&q, &headers)?;
    if let Some(who) = signed_in(&state, &headers).await?
        && let Some(meeting) = meeting_of_scope(&who.session.scope)
    {
        return Ok(
            Redirect::to(&format!("/hall/{meeting}/me?lang={}", lang.as_str())).into_response(),
        );
    }
    let key = extract::key(&state)?;
    let binding = crate::signin::binding_of(&headers)?;
    let html = SignInPage {
        frame: Frame::new(lang, "/hall/signin", None),
        errors: Vec::new(),
        csrf: csrf_token(key, &binding),
    }
    .render()?;
    Ok(crate::signin::with_binding(
        &state,
        personal(&state, html, lang, remember),
        &binding,
    ))
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /hall/signin`: trades the code for the e-vote session (the same one as `POST
/// /api/session`) and goes to the delegate's page; a wrong or used code is told beside the field.
pub async fn signin_submit(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<CodeForm>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&q, &headers)?;
    let binding = crate::signin::form_binding(&state, &headers, &form.csrf)?;
    let key = extract::key(&state)?;
    let refuse = |message: String, status: StatusCode| -> Result<Response, WebError> {
        let html = SignInPage {
            frame: Frame::new(lang, "/hall/signin", None),
            errors: vec![FieldError {
                field: "code",
                message,
            }],
            csrf: csrf_token(key, &binding),
        }
        .render()?;
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
            let status = refusal_status(&refusal);
            return refuse(crate::error::message_of(&refusal, lang), status);
        }
    };
    let Some(meeting) = meeting_of_scope(&session.scope) else {
        return Ok(Redirect::to(&format!("/my?lang={}", lang.as_str())).into_response());
    };
    let mut response =
        Redirect::to(&format!("/hall/{meeting}/me?lang={}", lang.as_str())).into_response();
    let h = response.headers_mut();
    crate::signin::append_cookie(h, &crate::voting::vote_session_cookie(&state, &token, "/"));
    crate::signin::append_cookie(h, &crate::signin::cleared(&state, extract::BINDING_COOKIE));
    Ok(response)
}

/// The status a refused sign-in is answered with (the page still shows the form).
fn refusal_status(refusal: &WebError) -> StatusCode {
    match refusal {
        WebError::Api { status, .. } => *status,
        _ => StatusCode::UNAUTHORIZED,
    }
}

struct OpenPoll {
    href: String,
    title: String,
    closes: String,
    voted: bool,
}

struct Confirmable {
    number: u32,
    heading: String,
    confirmed: bool,
}

#[derive(Template)]
#[template(path = "hall/_me.html")]
struct MeFragment {
    words: crate::language::Words,
    meeting: String,
    csrf: String,
    title: String,
    status: String,
    present: String,
    quorum: String,
    item: Option<String>,
    on_the_floor: Option<String>,
    polls: Vec<OpenPoll>,
    confirmable: Vec<Confirmable>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "hall/me.html")]
struct MePage {
    frame: Frame,
    live: String,
    fragment: String,
    csrf: String,
    meeting: String,
}

/// The delegate's live region: the meeting now, their open electronic votes, and the
/// confirmation of presence for each open vote (a remote delegate).
pub(crate) async fn me_fragment(
    state: &AppState,
    who: &SignedIn,
    meeting: &Code,
    lang: Lang,
    error: Option<String>,
) -> Result<String, WebError> {
    let key = extract::key(state)?;
    let view = state.app.hall_view(meeting).await.map_err(app_error)?;
    let now = Timestamp::now();
    let mine = state
        .app
        .my_polls(&who.session, now)
        .await
        .map_err(app_error)?;
    let polls = mine
        .polls
        .iter()
        .filter(|p| p.open_now)
        .map(|p| OpenPoll {
            href: format!("/polls/{}/vote?lang={}", p.poll.code, lang.as_str()),
            title: p.poll.title.clone(),
            closes: i18n::message_with(
                lang,
                "voter-closes",
                &[("at", local_time(lang, p.poll.closes_at, &p.zone).into())],
            ),
            voted: p.voted,
        })
        .collect();
    let standing = state
        .app
        .my_standing(&who.session, meeting)
        .await
        .map_err(app_error)?;
    let confirmable = match (&view.on_the_floor, standing.remote && standing.present) {
        (Some(vote), true) => vec![Confirmable {
            number: vote.number,
            heading: shown_vote(&view, vote, lang)
                .map(|v| v.heading)
                .unwrap_or_default(),
            confirmed: standing.confirmed.contains(&vote.number),
        }],
        _ => Vec::new(),
    };
    let present = view.in_hall.saturating_add(view.remote);
    Ok(MeFragment {
        words: crate::language::Words { lang },
        meeting: meeting.to_string(),
        csrf: who.csrf(key),
        title: meeting_title(&view.minutes, lang),
        status: status_words(lang, view.meeting.status),
        present: i18n::message_with(
            lang,
            "hall-me-present",
            &[
                ("present", i64::from(present).into()),
                ("electorate", i64::from(view.meeting.electorate).into()),
            ],
        ),
        quorum: i18n::message_with(
            lang,
            if view.quorum_met {
                "hall-quorum-met"
            } else {
                "hall-quorum-not-met"
            },
            &[("minimum", i64::from(view.quorum_minimum).into())],
        ),
        item: view.current_item.and_then(|n| {
            let text = view
                .meeting
                .agenda
                .get(usize::try_from(n).ok()?.checked_sub(1)?)?;
            Some(i18n::message_with(
                lang,
                "hall-item",
                &[
                    ("number", i64::from(n).into()),
                    ("text", text.as_str().into()),
                ],
            ))
        }),
        on_the_floor: view
            .on_the_floor
            .as_ref()
            .and_then(|v| shown_vote(&view, v, lang))
            .map(|v| {
                let mut text = v.heading;
                for line in v.subject {
                    text.push_str(" — ");
                    text.push_str(&line);
                }
                text
            }),
        polls,
        confirmable,
        error,
    }
    .render()?)
}

/// The delegate signed in with this meeting's code, or the page to go to instead.
async fn delegate(
    state: &AppState,
    headers: &HeaderMap,
    meeting: &Code,
    lang: Lang,
) -> Result<Result<SignedIn, Response>, WebError> {
    let to_signin =
        || Redirect::to(&format!("/hall/signin?lang={}", lang.as_str())).into_response();
    let Some(who) = signed_in(state, headers).await? else {
        return Ok(Err(to_signin()));
    };
    if meeting_of_scope(&who.session.scope).as_ref() != Some(meeting) {
        return Ok(Err(to_signin()));
    }
    Ok(Ok(who))
}

async fn me_response(
    state: &AppState,
    who: &SignedIn,
    meeting: &Code,
    lang: Lang,
    error: Option<String>,
) -> Result<String, WebError> {
    let key = extract::key(state)?;
    let fragment = me_fragment(state, who, meeting, lang, error).await?;
    Ok(MePage {
        frame: Frame::new(lang, &format!("/hall/{meeting}/me"), Some(who.csrf(key))),
        live: format!("/hall/{meeting}/me/live?lang={}", lang.as_str()),
        fragment,
        csrf: who.csrf(key),
        meeting: meeting.to_string(),
    }
    .render()?)
}

/// `GET /hall/{meeting}/me`: the delegate's page.
pub async fn me_page(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let (lang, remember) = page_lang(&q, &headers)?;
    let who = match delegate(&state, &headers, &meeting, lang).await? {
        Ok(who) => who,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let html = me_response(&state, &who, &meeting, lang, None).await?;
    Ok(personal(&state, html, lang, remember))
}

/// `GET /hall/{meeting}/me/live`: the delegate's region, live, for as long as the session lasts:
/// a vote opening or closing shows without a reload.
pub async fn me_live(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let (lang, _) = page_lang(&q, &headers)?;
    let for_stream = state.clone();
    let asked_with = headers.clone();
    crate::live::serve(&state, &headers, None, move || {
        let state = for_stream.clone();
        let headers = asked_with.clone();
        let meeting = meeting.clone();
        async move {
            let Some(who) = signed_in(&state, &headers).await? else {
                return Err(WebError::api(StatusCode::UNAUTHORIZED, "session_ended"));
            };
            if meeting_of_scope(&who.session.scope).as_ref() != Some(&meeting) {
                return Err(WebError::api(StatusCode::UNAUTHORIZED, "session_ended"));
            }
            me_fragment(&state, &who, &meeting, lang, None).await
        }
    })
    .await
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    vote: String,
}

/// `POST /hall/{meeting}/confirm`: a remote delegate confirms their presence for the open vote;
/// a second press is refused by the rule and said beside the button, nothing recorded twice.
pub async fn confirm_submit(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<ConfirmForm>,
) -> Result<Response, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let (lang, _) = page_lang(&q, &headers)?;
    let who = match delegate(&state, &headers, &meeting, lang).await? {
        Ok(who) => who,
        Err(elsewhere) => return Ok(elsewhere),
    };
    if !csrf_ok(extract::key(&state)?, &who.token, &form.csrf) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    let Ok(vote) = form.vote.trim().parse::<u32>() else {
        return Err(WebError::bad("bad_ballot_form", Vec::new()));
    };
    let refused = match state
        .app
        .confirm_own_presence(&who.session, &meeting, vote, Timestamp::now())
        .await
    {
        Ok(Ok(_)) => {
            return Ok(
                Redirect::to(&format!("/hall/{meeting}/me?lang={}", lang.as_str())).into_response(),
            );
        }
        Ok(Err(denied)) => denied.message(lang),
        Err(AppError::Store(mandat_store::StoreError::Rule(rule))) => {
            crate::error::message_of(&WebError::from(mandat_store::StoreError::Rule(rule)), lang)
        }
        Err(other) => return Err(app_error(other)),
    };
    let html = me_response(&state, &who, &meeting, lang, Some(refused)).await?;
    Ok(personal_with(&state, html, lang, StatusCode::CONFLICT))
}
