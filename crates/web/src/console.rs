//! The secretary's console for one meeting (`/console/{meeting}`): the present count and quorum, then the step the meeting is at — registration, credentials, opening, speakers, motions, counts, the close — each step a plain form with CSRF that records one command through the policy; requests to speak (`/hall/{meeting}/speak`); the minutes preview and the minutes PDF.
//!
//! Who may operate it is the policy's answer ([`mandat_core::authz::may_operate_console`]): a
//! person granted the meeting's secretary, registration desk or counting commission (signed in
//! with IIN and code), or an organizer or admin whose unit holds the meeting (staff cookie).
//! Every step is then authorized again as the command it records. A double submission has no
//! second effect: the rules refuse a second check-in, count, confirmation or vote number, and the
//! forms whose commands the rules would accept twice (a speaker, a recount, a card reissue) carry
//! what they expect to find (the speakers, counts or reissues so far) as their nonce.

use crate::extract::{SESSION_COOKIE, cookie, csrf_ok, csrf_token};
use crate::frame::{FieldError, Frame, page_lang, personal, personal_with};
use crate::language::{LangQuery, Words};
use crate::staff::STAFF_COOKIE;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use mandat_app::{AppError, Console, Credential, Floor};
use mandat_core::authz::{Denied, Signed};
use mandat_core::command::{
    CancelVote, CheckOut, CloseMeeting, ConfirmPresence, CountVote, FailMeeting, OpenMeeting,
    OpenRegistration, PutToVote, RecordSpeaker, ReissueCard, ReportCredentials,
};
use mandat_core::meeting::minutes_text;
use mandat_core::meeting::model::{
    FailureCause, MeetingStatus, Motion, Presence, Tally, VoteStatus,
};
use mandat_core::poll::DebateAttendance;
use mandat_core::{Code, Command, Iin, Lang, RuleError, i18n};
use mandat_store::{NewSpeakRequest, StoreError};
use serde::Deserialize;

/// The longest speaking time the console gives, in minutes.
const MAX_SPEAKING_MINUTES: u32 = 120;

/// Who operates the console, and the token their forms' CSRF tokens are derived from.
struct Operator {
    signed: Signed,
    token: String,
}

/// The staff session (cookie `mandat_staff`) or the person's member session (cookie
/// `mandat_session`) of the request; `None` when neither is live.
async fn operator(state: &AppState, headers: &HeaderMap) -> Result<Option<Operator>, WebError> {
    let now = Timestamp::now();
    if let Some(token) = cookie(headers, STAFF_COOKIE)
        && let Some(session) = state
            .app
            .staff_session(&token, now)
            .await
            .map_err(app_error)?
    {
        return Ok(Some(Operator {
            signed: Signed::Staff(session.login),
            token,
        }));
    }
    if let Some(token) = cookie(headers, SESSION_COOKIE)
        && let Some(session) = state.app.session(&token, now).await.map_err(app_error)?
        && session.scope == mandat_store::MEMBER_SCOPE
    {
        return Ok(Some(Operator {
            signed: Signed::Person(session.iin),
            token,
        }));
    }
    Ok(None)
}

fn app_error(e: AppError) -> WebError {
    match e {
        AppError::Store(e) => WebError::from(e),
        AppError::Refused(rule) => WebError::from(StoreError::Rule(rule)),
        AppError::NoTokenKey => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_sign_in"),
        AppError::NoBallotBox => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_ballot_box"),
        AppError::NoCodeDesk => WebError::api(StatusCode::SERVICE_UNAVAILABLE, "no_code_desk"),
    }
}

/// What a refused step says beside its field: the rule's sentence, or the policy's.
enum Refusal {
    Rule(RuleError),
    Denied(Denied),
}

impl Refusal {
    fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Rule(rule) => {
                crate::error::message_of(&WebError::from(StoreError::Rule(rule.clone())), lang)
            }
            Refusal::Denied(denied) => denied.message(lang),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Refusal::Rule(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::Denied(_) => StatusCode::FORBIDDEN,
        }
    }
}

/// A use case's answer split into a refusal to show beside the field and a failure.
fn refusal_of(e: AppError) -> Result<Refusal, WebError> {
    match e {
        AppError::Refused(rule) | AppError::Store(StoreError::Rule(rule))
            if !rule.is_internal() =>
        {
            Ok(Refusal::Rule(rule))
        }
        other => Err(app_error(other)),
    }
}

// ---- the page and its two live regions ----

#[derive(Template)]
#[template(path = "hall/console.html")]
struct ConsolePage {
    frame: Frame,
    title: String,
    /// Shown after a form came again and nothing was recorded a second time.
    again: bool,
    errors: Vec<FieldError>,
    head: String,
    step: String,
    live_head: String,
    live_step: String,
    console_script: String,
}

#[derive(Template)]
#[template(path = "hall/console_head.html")]
struct HeadFragment {
    words: Words,
    status: String,
    present: String,
    capacity: Option<String>,
    quorum: String,
    quorum_met: bool,
    quorum_known: bool,
}

#[derive(Template)]
#[template(path = "hall/console_step.html")]
struct StepFragment {
    words: Words,
    action: String,
    csrf: String,
    errors: Vec<FieldError>,
    planned: bool,
    registering: bool,
    open: bool,
    finished: bool,
    has_mandates: bool,
    credentials: Option<String>,
    presidium: Vec<(String, String)>,
    items: Vec<ItemView>,
    open_votes: Vec<OpenVoteView>,
    done_votes: Vec<DoneVoteView>,
    next_vote: u32,
    reissued: u32,
    by_mandate: bool,
    by_iin: bool,
    remote: bool,
    lists: Vec<ListChoice>,
    minutes_href: String,
    pdf_ru: String,
    pdf_kk: String,
}

/// A party list the meeting may put to the vote, with its places as they will be voted.
#[derive(Clone)]
struct ListChoice {
    /// `TARGET:REVISION`, the form's value.
    value: String,
    label: String,
    places: Vec<String>,
}

/// The campaign's party lists while the meeting is open (none otherwise: no motion is put).
async fn list_choices(
    state: &AppState,
    lang: Lang,
    console: &Console,
) -> Result<Vec<ListChoice>, WebError> {
    if console.meeting.status != MeetingStatus::Open {
        return Ok(Vec::new());
    }
    let campaign = &console.meeting.campaign;
    let mut choices = Vec::new();
    for list in state.app.party_lists(Some(campaign)).await? {
        let places = state
            .app
            .list_sheet(campaign, &list.target)
            .await?
            .map(|sheet| {
                sheet
                    .rows
                    .iter()
                    .map(|r| format!("{}. {}", r.place, r.full_name))
                    .collect()
            })
            .unwrap_or_default();
        choices.push(ListChoice {
            value: format!("{}:{}", list.target, list.revision),
            label: i18n::message_with(
                lang,
                "console-list-choice",
                &[
                    ("target", list.target.to_string().into()),
                    ("revision", list.revision.into()),
                    ("places", list.entries.len().into()),
                ],
            ),
            places,
        });
    }
    Ok(choices)
}

struct ItemView {
    number: u32,
    text: String,
    speakers: Vec<SpeakerView>,
    /// The number of speakers recorded: the speaker form's nonce.
    spoken: usize,
    requests: Vec<RequestView>,
    debaters: Vec<DebaterView>,
    /// The item under discussion (the last speaker's, else the first): its debaters are in view,
    /// the other items' folded away.
    current: bool,
}

/// A debater of the rating vote held that day in the meeting's unit, in their seat's order:
/// the secretary gives each the floor with one tap.
struct DebaterView {
    name: String,
    /// Who they are, as the speech is recorded: a debater (the list is the topic).
    role: String,
    target: String,
    /// Already given the floor on this item.
    spoken: bool,
}

struct SpeakerView {
    name: String,
    role: String,
    topic: String,
    at: String,
    /// When the speaking time ends (unix milliseconds) and in words, if a time was given.
    ends_ms: Option<i64>,
    ends: String,
}

struct RequestView {
    id: i64,
    participant: String,
    topic: String,
    asked: String,
}

struct OpenVoteView {
    number: u32,
    /// Counted already: only a recount (with its reason) is offered.
    counted: bool,
    title: String,
    subject: Vec<String>,
    present: String,
    confirmed: u32,
    named: String,
    counts: u32,
}

struct DoneVoteView {
    title: String,
    subject: Vec<String>,
    rows: Vec<(String, String)>,
    /// `adopted`, `rejected`, or empty (cancelled): the result's colour.
    class: &'static str,
}

/// The local time of `at` in the meeting's zone, `HH:MM`.
fn clock(at: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    at.to_zoned_datetime(zone.clone())
        .strftime("%H:%M")
        .to_string()
}

fn zone_of(console: &Console) -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::get(&console.minutes.time_zone).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// The header region: status, present against capacity, the quorum.
fn head_fragment(lang: Lang, console: &Console) -> Result<String, WebError> {
    let m = &console.meeting;
    let (hall, remote) = console.detail.present();
    let present = hall.saturating_add(remote);
    let needed = console.minutes.quorum_minimum;
    let quorum_known = m.status != MeetingStatus::Planned;
    let capacity = (m.capacity > 0).then(|| {
        i18n::message_with(
            lang,
            "console-capacity",
            &[("hall", hall.into()), ("capacity", m.capacity.into())],
        )
    });
    Ok(HeadFragment {
        words: Words { lang },
        status: i18n::message(lang, &format!("console-status-{}", m.status.as_str())),
        present: i18n::message_with(
            lang,
            "console-present",
            &[
                ("present", present.into()),
                ("hall", hall.into()),
                ("remote", remote.into()),
            ],
        ),
        capacity,
        quorum: i18n::message_with(
            lang,
            "console-quorum",
            &[
                ("present", present.into()),
                ("needed", needed.into()),
                ("electorate", m.electorate.into()),
            ],
        ),
        quorum_met: quorum_known && present >= needed,
        quorum_known,
    }
    .render()?)
}

/// The current-step region: the forms of the step the meeting is at.
fn step_fragment(
    lang: Lang,
    console: &Console,
    lists: &[ListChoice],
    csrf: &str,
    errors: Vec<FieldError>,
    desk: Desk,
) -> Result<String, WebError> {
    let m = &console.meeting;
    let zone = zone_of(console);
    let code = m.code.to_string();
    let person = |p: &Option<mandat_core::meeting::minutes::Person>| {
        p.as_ref().map(|p| p.full_name.clone()).unwrap_or_default()
    };
    let mut presidium = Vec::new();
    if m.chair.is_some() {
        presidium.push((
            i18n::message(lang, "console-chair"),
            person(&console.minutes.chair),
        ));
        presidium.push((
            i18n::message(lang, "console-secretary"),
            person(&console.minutes.secretary),
        ));
        presidium.push((
            i18n::message(lang, "console-counting-commission"),
            console
                .minutes
                .counting_commission
                .iter()
                .map(|p| p.full_name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    let speaking_now = m.speakers.last();
    let current_item = speaking_now.map_or(1, |s| s.item);
    // Who refused or stayed away has no seat to speak from.
    let debaters: Vec<(&str, &str)> = console
        .minutes
        .debates
        .iter()
        .flat_map(|d| {
            d.participants
                .iter()
                .filter(|(_, came)| {
                    !matches!(
                        came,
                        Some(DebateAttendance::Refused | DebateAttendance::Absent)
                    )
                })
                .map(|(name, _)| (name.as_str(), d.target.as_str()))
        })
        .collect();
    let items = m
        .agenda
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let number = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let speakers: Vec<SpeakerView> = m
                .speakers
                .iter()
                .filter(|s| s.item == number)
                .map(|s| {
                    // Only the one speaking now (the last given the floor) has a countdown.
                    let ends_at = s
                        .time_limit_s
                        .filter(|_| std::ptr::eq(s, speaking_now.unwrap_or(s)))
                        .map(|t| s.at + jiff::SignedDuration::from_secs(i64::from(t)));
                    SpeakerView {
                        name: s.name.clone(),
                        role: s.role.clone(),
                        topic: s.topic.clone(),
                        at: clock(s.at, &zone),
                        ends_ms: ends_at.map(|t| t.as_millisecond()),
                        ends: ends_at.map_or_else(String::new, |t| {
                            i18n::message_with(
                                lang,
                                "console-speaking-until",
                                &[(
                                    "at",
                                    t.to_zoned_datetime(zone.clone())
                                        .strftime("%H:%M:%S")
                                        .to_string()
                                        .into(),
                                )],
                            )
                        }),
                    }
                })
                .collect();
            let debaters = debaters
                .iter()
                .map(|(name, target)| DebaterView {
                    name: (*name).to_owned(),
                    role: i18n::message(lang, "console-debater-role"),
                    target: (*target).to_owned(),
                    spoken: m
                        .speakers
                        .iter()
                        .any(|s| s.item == number && s.name == *name),
                })
                .collect();
            ItemView {
                number,
                text: text.clone(),
                spoken: speakers.len(),
                speakers,
                debaters,
                current: number == current_item,
                requests: console
                    .requests
                    .iter()
                    .filter(|r| r.item == number)
                    .map(|r| RequestView {
                        id: r.id,
                        participant: r.participant.clone(),
                        topic: r.topic.clone(),
                        asked: clock(r.asked_at, &zone),
                    })
                    .collect(),
            }
        })
        .collect();
    let words_of = |number: u32| console.minutes.votes.iter().find(|v| v.number == number);
    let mut open_votes = Vec::new();
    let mut done_votes = Vec::new();
    for vote in console.detail.votes.values() {
        let minutes_vote = words_of(vote.number);
        let title = minutes_vote.map_or_else(
            || vote.number.to_string(),
            |v| minutes_text::vote_title(v, lang),
        );
        let subject = minutes_vote.map(|v| v.subject.clone()).unwrap_or_default();
        match vote.status {
            VoteStatus::Open => open_votes.push(OpenVoteView {
                number: vote.number,
                counted: false,
                title,
                subject,
                present: i18n::message_with(
                    lang,
                    "console-vote-present",
                    &[
                        ("hall", vote.present_hall.into()),
                        ("remote", vote.present_remote.into()),
                    ],
                ),
                confirmed: vote.present_remote,
                named: i18n::message_with(
                    lang,
                    "console-vote-named",
                    &[
                        ("for", vote.named.for_.into()),
                        ("against", vote.named.against.into()),
                        ("abstain", vote.named.abstain.into()),
                    ],
                ),
                counts: vote.counts,
            }),
            VoteStatus::Counted | VoteStatus::Cancelled => done_votes.push(DoneVoteView {
                title,
                subject,
                rows: if vote.status == VoteStatus::Cancelled {
                    vec![(
                        i18n::message(lang, "minutes-result"),
                        i18n::message(lang, "console-vote-cancelled"),
                    )]
                } else {
                    minutes_vote
                        .map(|v| minutes_text::vote_result(v, lang))
                        .unwrap_or_default()
                },
                class: match vote.verdict {
                    Some(mandat_core::meeting::open_vote::Verdict::Adopted) => "adopted",
                    Some(mandat_core::meeting::open_vote::Verdict::Rejected) => "rejected",
                    None => "",
                },
            }),
        }
    }
    // The latest vote, once counted, can be recounted (the rules refuse an earlier one).
    if let Some(vote) = console.detail.votes.values().next_back()
        && vote.status == VoteStatus::Counted
    {
        open_votes.push(OpenVoteView {
            number: vote.number,
            counted: true,
            title: words_of(vote.number).map_or_else(
                || vote.number.to_string(),
                |v| minutes_text::vote_title(v, lang),
            ),
            subject: Vec::new(),
            present: String::new(),
            confirmed: vote.present_remote,
            named: String::new(),
            counts: vote.counts,
        });
    }
    let next_vote = console
        .detail
        .votes
        .keys()
        .max()
        .map_or(1, |n| n.saturating_add(1));
    Ok(StepFragment {
        words: Words { lang },
        action: format!("/console/{code}"),
        csrf: csrf.to_owned(),
        errors,
        planned: m.status == MeetingStatus::Planned,
        registering: m.status == MeetingStatus::Registration,
        open: m.status == MeetingStatus::Open,
        finished: matches!(m.status, MeetingStatus::Closed | MeetingStatus::Failed),
        has_mandates: m.kind.has_mandates(),
        credentials: m.credentials.as_ref().map(|c| c.text.clone()),
        presidium,
        items,
        open_votes,
        done_votes,
        next_vote,
        reissued: reissues(console),
        by_mandate: desk.by == DeskBy::Mandate,
        by_iin: desk.by == DeskBy::Iin,
        remote: desk.remote,
        lists: lists.to_vec(),
        minutes_href: format!("/console/{code}/minutes?lang={}", lang.as_str()),
        pdf_ru: format!("/meetings/{code}/minutes.pdf?lang=ru"),
        pdf_kk: format!("/meetings/{code}/minutes.pdf?lang=kk"),
    }
    .render()?)
}

/// The console page of `meeting` for `who`, with `errors` beside their fields.
async fn console_page(
    state: &AppState,
    lang: Lang,
    meeting: &Code,
    who: &Operator,
    errors: Vec<FieldError>,
    again: bool,
    desk: Desk,
) -> Result<String, WebError> {
    let console = state.app.console(meeting).await.map_err(app_error)?;
    let lists = list_choices(state, lang, &console).await?;
    let csrf = csrf_token(crate::extract::key(state)?, &who.token);
    let head = head_fragment(lang, &console)?;
    // The summary at the top links to each field; the step shows the sentence beside it.
    let beside = errors
        .iter()
        .map(|e| FieldError {
            field: e.field,
            message: e.message.clone(),
        })
        .collect();
    let step = step_fragment(lang, &console, &lists, &csrf, beside, desk)?;
    let names = &console.minutes.unit;
    let unit = match lang {
        Lang::Ru => &names.ru,
        Lang::Kk => &names.kk,
        Lang::En => &names.en,
    };
    let title = i18n::message_with(
        lang,
        "console-title",
        &[
            ("meeting", meeting.to_string().into()),
            ("unit", unit.as_str().into()),
        ],
    );
    let here = format!("/console/{meeting}");
    // A person signed in with IIN and code signs out here too; staff sign out through their API.
    let signout = matches!(who.signed, Signed::Person(_)).then(|| csrf.clone());
    Ok(ConsolePage {
        frame: Frame::new(lang, &here, signout),
        title,
        again,
        errors,
        head,
        step,
        live_head: format!("{here}/live/head?lang={}", lang.as_str()),
        live_step: format!("{here}/live/step?lang={}", lang.as_str()),
        console_script: crate::assets::console_script(),
    }
    .render()?)
}

#[derive(Template)]
#[template(path = "hall/console_denied.html")]
struct DeniedPage {
    frame: Frame,
    reason: String,
}

/// The 403 page that says why this person may not operate this console.
fn denied_page(state: &AppState, lang: Lang, path: &str, denied: &Denied) -> Response {
    let html = DeniedPage {
        frame: Frame::new(lang, path, None),
        reason: denied.message(lang),
    }
    .render();
    match html {
        Ok(html) => personal_with(state, html, lang, StatusCode::FORBIDDEN),
        Err(e) => WebError::from(e).into_response(),
    }
}

fn signin_redirect(lang: Lang) -> Response {
    Redirect::to(&format!("/signin?lang={}", lang.as_str())).into_response()
}

/// A request to the console, let in: the language, the meeting and who operates it; or the
/// answer that sends them away (to sign in, or a 403 saying why).
struct LetIn {
    lang: Lang,
    meeting: Code,
    who: Operator,
}

async fn let_in(
    state: &AppState,
    headers: &HeaderMap,
    q: &LangQuery,
    meeting: &str,
    path: &str,
) -> Result<Result<LetIn, Response>, WebError> {
    let (lang, _) = page_lang(q, headers)?;
    let Some(who) = operator(state, headers).await? else {
        return Ok(Err(signin_redirect(lang)));
    };
    let meeting = WebError::parse_code("meeting", meeting)?;
    match state
        .app
        .may_operate_console(&who.signed, &meeting)
        .await
        .map_err(app_error)?
    {
        Ok(_) => Ok(Ok(LetIn { lang, meeting, who })),
        Err(denied) => Ok(Err(denied_page(state, lang, path, &denied))),
    }
}

/// The console's query: the language, and `again` after a repeated form recorded nothing.
#[derive(Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    again: Option<String>,
    /// The desk's last choices, kept for the next check-in: `by` and `mode`.
    by: Option<String>,
    mode: Option<String>,
}

/// How the desk checks people in, kept from one check-in to the next (a desk for remote
/// participants, or one typing mandate numbers, chooses once).
#[derive(Clone, Copy, Default)]
struct Desk {
    by: DeskBy,
    remote: bool,
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum DeskBy {
    /// The card's QR code (a PPO meeting, without cards, checks in by IIN).
    #[default]
    Card,
    Mandate,
    Iin,
}

impl Desk {
    fn of(by: Option<&str>, mode: Option<&str>) -> Desk {
        Desk {
            by: match by {
                Some("mandate") => DeskBy::Mandate,
                Some("iin") => DeskBy::Iin,
                _ => DeskBy::Card,
            },
            remote: mode == Some("remote"),
        }
    }
}

/// `GET /console/{meeting}`: the console (see the module's header).
pub async fn page(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let path = format!("/console/{meeting}");
    let lang_query = LangQuery::of(q.lang.clone());
    let ctx = match let_in(&state, &headers, &lang_query, &meeting, &path).await? {
        Ok(ctx) => ctx,
        Err(away) => return Ok(away),
    };
    let (_, remember) = page_lang(&lang_query, &headers)?;
    let html = console_page(
        &state,
        ctx.lang,
        &ctx.meeting,
        &ctx.who,
        Vec::new(),
        q.again.is_some(),
        Desk::of(q.by.as_deref(), q.mode.as_deref()),
    )
    .await?;
    Ok(personal(&state, html, ctx.lang, remember))
}

/// `GET /console/{meeting}/live/head?lang=`: the present / quorum header, live (Server-Sent
/// Events); authorization is checked at each render, so a lapsed grant or an ended session ends
/// the stream.
pub async fn live_head(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (for_stream, asked_with, lang) = (state.clone(), headers.clone(), q.lang);
    crate::live::serve(&state, &headers, None, move || {
        head_region(
            for_stream.clone(),
            asked_with.clone(),
            lang.clone(),
            meeting.clone(),
        )
    })
    .await
}

/// `GET /console/{meeting}/live/step?lang=`: the current-step panel, live, like
/// [`live_head`].
pub async fn live_step(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (for_stream, asked_with, lang) = (state.clone(), headers.clone(), q.lang);
    crate::live::serve(&state, &headers, None, move || {
        step_region(
            for_stream.clone(),
            asked_with.clone(),
            lang.clone(),
            meeting.clone(),
        )
    })
    .await
}

/// The header region alone (what `GET /console/{meeting}/live/head` streams).
/// Takes everything by value, so that a live stream's render closure can call it again and again.
pub async fn head_region(
    state: AppState,
    headers: HeaderMap,
    lang: Option<String>,
    meeting: String,
) -> Result<String, WebError> {
    let ctx = live_ctx(&state, &headers, &LangQuery::of(lang), &meeting).await?;
    let console = state.app.console(&ctx.meeting).await.map_err(app_error)?;
    head_fragment(ctx.lang, &console)
}

/// The current-step region alone (what `GET /console/{meeting}/live/step` streams).
/// Takes everything by value, like [`head_region`].
pub async fn step_region(
    state: AppState,
    headers: HeaderMap,
    lang: Option<String>,
    meeting: String,
) -> Result<String, WebError> {
    let ctx = live_ctx(&state, &headers, &LangQuery::of(lang), &meeting).await?;
    let console = state.app.console(&ctx.meeting).await.map_err(app_error)?;
    let lists = list_choices(&state, ctx.lang, &console).await?;
    let csrf = csrf_token(crate::extract::key(&state)?, &ctx.who.token);
    step_fragment(
        ctx.lang,
        &console,
        &lists,
        &csrf,
        Vec::new(),
        Desk::default(),
    )
}

/// A live region's request, let in or refused with the error that ends the stream.
async fn live_ctx(
    state: &AppState,
    headers: &HeaderMap,
    q: &LangQuery,
    meeting: &str,
) -> Result<LetIn, WebError> {
    let lang = q.lang(headers)?;
    let Some(who) = operator(state, headers).await? else {
        return Err(WebError::api(
            StatusCode::UNAUTHORIZED,
            "staff_not_signed_in",
        ));
    };
    let meeting = WebError::parse_code("meeting", meeting)?;
    match state
        .app
        .may_operate_console(&who.signed, &meeting)
        .await
        .map_err(app_error)?
    {
        Ok(_) => Ok(LetIn { lang, meeting, who }),
        Err(denied) => Err(WebError::with(
            StatusCode::FORBIDDEN,
            denied.code(),
            denied.params(),
        )),
    }
}

// ---- the steps ----

/// Every step's form: the CSRF token and whatever fields that step has.
#[derive(Deserialize, Default)]
pub struct StepForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    credential: String,
    #[serde(default)]
    by: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    who: String,
    #[serde(default)]
    mandate: String,
    #[serde(default)]
    card: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    cause: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    chair: String,
    #[serde(default)]
    secretary: String,
    #[serde(default)]
    commission: String,
    #[serde(default)]
    items: String,
    #[serde(default)]
    vote: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    candidates: String,
    #[serde(default)]
    list: String,
    #[serde(default)]
    item: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    spoken: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    counts: String,
    #[serde(default, rename = "for")]
    for_: String,
    #[serde(default)]
    against: String,
    #[serde(default)]
    abstain: String,
    #[serde(default)]
    protocol: String,
}

/// A field that does not parse: its id and the sentence saying what to type.
struct Bad {
    field: &'static str,
    key: &'static str,
}

fn bad(field: &'static str, key: &'static str) -> Bad {
    Bad { field, key }
}

fn number(field: &'static str, text: &str) -> Result<u32, Bad> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| bad(field, "console-need-number"))
}

fn iin(field: &'static str, text: &str) -> Result<Iin, Bad> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    Iin::parse(&digits).map_err(|_| bad(field, "console-need-iin"))
}

fn iins(field: &'static str, text: &str) -> Result<Vec<Iin>, Bad> {
    let list: Vec<Iin> = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| iin(field, w))
        .collect::<Result<_, _>>()?;
    if list.is_empty() {
        return Err(bad(field, "console-need-iin"));
    }
    Ok(list)
}

fn required(field: &'static str, text: &str) -> Result<String, Bad> {
    let text = text.trim();
    if text.is_empty() {
        return Err(bad(field, "console-need-text"));
    }
    Ok(text.to_owned())
}

/// A participant named by mandate number (a conference) or IIN (12 digits).
fn participant(field: &'static str, text: &str) -> Result<(Option<Iin>, Option<u32>), Bad> {
    let text = text.trim();
    if text.len() == 12 {
        return Ok((Some(iin(field, text)?), None));
    }
    Ok((None, Some(number(field, text)?)))
}

/// How many cards of the meeting were reissued so far: the reissue form's nonce.
fn reissues(console: &Console) -> u32 {
    console
        .detail
        .mandates
        .values()
        .map(|m| m.card.saturating_sub(1))
        .fold(0u32, u32::saturating_add)
}

/// What one step records, or that a repeated form finds its work already done.
enum Step {
    Record(Box<Command>),
    AlreadyDone,
}

/// Parses a step's form into its command (`field` names where a refusal is shown).
fn step_command(
    step: &str,
    meeting: &Code,
    form: &StepForm,
    console: &Console,
) -> Result<(Step, &'static str), Bad> {
    let meeting = meeting.clone();
    let vote_number = || number("vote", &form.vote);
    let command = match step {
        "registration" => (
            Command::OpenRegistration(OpenRegistration { meeting }),
            "registration",
        ),
        "check-out" => {
            let (iin, mandate) = participant("who", &form.who)?;
            (
                Command::CheckOut(CheckOut {
                    meeting,
                    iin,
                    mandate,
                }),
                "who",
            )
        }
        "reissue" => {
            let mandate = number("mandate", &form.mandate)?;
            let reason = required("reason", &form.reason)?;
            // The reissues the form was made after: a second tap finds one more.
            if let Ok(reissued) = form.card.trim().parse::<u32>()
                && reissues(console) != reissued
            {
                return Ok((Step::AlreadyDone, "mandate"));
            }
            (
                Command::ReissueCard(ReissueCard {
                    meeting,
                    mandate,
                    reason,
                }),
                "mandate",
            )
        }
        "credentials" => (
            Command::ReportCredentials(ReportCredentials {
                meeting,
                text: required("text", &form.text)?,
            }),
            "text",
        ),
        "open" => (Command::OpenMeeting(OpenMeeting { meeting }), "open"),
        "fail" => (
            Command::FailMeeting(FailMeeting {
                meeting,
                reason: required("fail-reason", &form.reason)?,
                cause: Some(if form.cause == "other" {
                    FailureCause::Other
                } else {
                    FailureCause::NoQuorum
                }),
            }),
            "fail-reason",
        ),
        "presidium" => (
            Command::PutToVote(PutToVote {
                meeting,
                vote: vote_number()?,
                motion: Motion::Presidium {
                    chair: iin("chair", &form.chair)?,
                    secretary: iin("secretary", &form.secretary)?,
                    counting_commission: iins("commission", &form.commission)?,
                },
                rule: None,
                item: None,
            }),
            "chair",
        ),
        "agenda" => {
            let items: Vec<String> = form
                .items
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            if items.is_empty() {
                return Err(bad("items", "console-need-text"));
            }
            (
                Command::PutToVote(PutToVote {
                    meeting,
                    vote: vote_number()?,
                    motion: Motion::Agenda { items },
                    rule: None,
                    item: None,
                }),
                "items",
            )
        }
        "motion" => {
            let item = match form.item.trim() {
                "" => None,
                text => Some(number("motion-item", text)?),
            };
            let (motion, field) = match form.kind.as_str() {
                "delegates" => (
                    Motion::Delegates {
                        candidates: iins("candidates", &form.candidates)?,
                    },
                    "candidates",
                ),
                "party_list" => {
                    let (target, revision) = form
                        .list
                        .split_once(':')
                        .ok_or_else(|| bad("list", "console-need-list"))?;
                    (
                        Motion::PartyList {
                            target: Code::parse(target)
                                .map_err(|_| bad("list", "console-need-list"))?,
                            revision: number("list", revision)?,
                        },
                        "list",
                    )
                }
                _ => (
                    Motion::Resolution {
                        text: required("resolution", &form.text)?,
                    },
                    "resolution",
                ),
            };
            (
                Command::PutToVote(PutToVote {
                    meeting,
                    vote: vote_number()?,
                    motion,
                    rule: None,
                    item,
                }),
                field,
            )
        }
        "speaker" => {
            let item = number("speaker-name", &form.item)?;
            // The number of speakers the form was made after: a second tap finds one more.
            if let Ok(spoken) = form.spoken.trim().parse::<usize>()
                && console
                    .meeting
                    .speakers
                    .iter()
                    .filter(|s| s.item == item)
                    .count()
                    != spoken
            {
                return Ok((Step::AlreadyDone, "speaker-name"));
            }
            (
                Command::RecordSpeaker(RecordSpeaker {
                    meeting,
                    item,
                    name: required("speaker-name", &form.name)?,
                    role: required("speaker-role", &form.role)?,
                    topic: required("speaker-topic", &form.topic)?,
                    time_limit_s: speaking_time(&form.minutes)?,
                }),
                "speaker-name",
            )
        }
        "count" => {
            let vote = vote_number()?;
            let field = "count-for";
            // The count the form was made after: a second tap finds it already recorded.
            if let Ok(counts) = form.counts.trim().parse::<u32>()
                && let Some(v) = console.detail.votes.get(&vote)
                && v.counts != counts
            {
                return Ok((Step::AlreadyDone, field));
            }
            let reason = form.reason.trim();
            (
                Command::CountVote(CountVote {
                    meeting,
                    vote,
                    hall: Tally {
                        for_: number(field, &form.for_)?,
                        against: number("count-against", &form.against)?,
                        abstain: number("count-abstain", &form.abstain)?,
                    },
                    recount_reason: (!reason.is_empty()).then(|| reason.to_owned()),
                }),
                field,
            )
        }
        "confirm" => {
            let (iin, mandate) = participant("confirm-who", &form.who)?;
            (
                Command::ConfirmPresence(ConfirmPresence {
                    meeting,
                    vote: vote_number()?,
                    iin,
                    mandate,
                }),
                "confirm-who",
            )
        }
        "cancel" => (
            Command::CancelVote(CancelVote {
                meeting,
                vote: vote_number()?,
                reason: required("cancel-reason", &form.reason)?,
            }),
            "cancel-reason",
        ),
        "close" => {
            let protocol = form.protocol.trim();
            (
                Command::CloseMeeting(CloseMeeting {
                    meeting,
                    protocol_number: (!protocol.is_empty()).then(|| protocol.to_owned()),
                }),
                "close",
            )
        }
        _ => return Err(bad("step", "console-unknown-step")),
    };
    Ok((Step::Record(Box::new(command.0)), command.1))
}

/// The speaking time typed in minutes, as seconds; empty: none.
fn speaking_time(text: &str) -> Result<Option<u32>, Bad> {
    match text.trim() {
        "" => Ok(None),
        text => {
            let minutes = number("speaker-minutes", text)?;
            if minutes == 0 || minutes > MAX_SPEAKING_MINUTES {
                return Err(bad("speaker-minutes", "console-speaking-time"));
            }
            Ok(Some(minutes * 60))
        }
    }
}

/// The console again with one refusal beside its field.
async fn refused(
    state: &AppState,
    ctx: &LetIn,
    field: &'static str,
    message: String,
    status: StatusCode,
) -> Result<Response, WebError> {
    let html = console_page(
        state,
        ctx.lang,
        &ctx.meeting,
        &ctx.who,
        vec![FieldError { field, message }],
        false,
        Desk::default(),
    )
    .await?;
    Ok(personal_with(state, html, ctx.lang, status))
}

fn back_to_console(ctx: &LetIn, anchor: &str) -> Response {
    Redirect::to(&format!(
        "/console/{}?lang={}#{anchor}",
        ctx.meeting,
        ctx.lang.as_str()
    ))
    .into_response()
}

/// A posted step let in: the CSRF token checked too.
async fn let_in_form(
    state: &AppState,
    headers: &HeaderMap,
    q: &LangQuery,
    meeting: &str,
    csrf: &str,
) -> Result<Result<LetIn, Response>, WebError> {
    let path = format!("/console/{meeting}");
    let ctx = match let_in(state, headers, q, meeting, &path).await? {
        Ok(ctx) => ctx,
        Err(away) => return Ok(Err(away)),
    };
    if !csrf_ok(crate::extract::key(state)?, &ctx.who.token, csrf) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    Ok(Ok(ctx))
}

/// `POST /console/{meeting}/{step}`: one step (`registration`, `check-out`, `reissue`,
/// `credentials`, `open`, `fail`, `presidium`, `agenda`, `motion`, `speaker`, `confirm`,
/// `count`, `cancel`, `close`; and `check-in`, `speak-request`, `floor`), recorded as its command through the policy; back to the console, or the
/// console with the refusal beside the field.
pub async fn step(
    State(state): State<AppState>,
    Path((meeting, step)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<StepForm>,
) -> Result<Response, WebError> {
    let ctx = match let_in_form(&state, &headers, &q, &meeting, &form.csrf).await? {
        Ok(ctx) => ctx,
        Err(away) => return Ok(away),
    };
    match step.as_str() {
        "check-in" => return check_in(&state, &ctx, &form).await,
        "speak-request" => return floor_request(&state, &ctx, &form).await,
        "floor" => return give_floor(&state, &ctx, &form).await,
        _ => {}
    }
    let console = state.app.console(&ctx.meeting).await.map_err(app_error)?;
    let (command, field) = match step_command(&step, &ctx.meeting, &form, &console) {
        Ok(parsed) => parsed,
        Err(bad) => {
            let message = i18n::message(ctx.lang, bad.key);
            return refused(&state, &ctx, bad.field, message, StatusCode::BAD_REQUEST).await;
        }
    };
    let Step::Record(command) = command else {
        return Ok(Redirect::to(&format!(
            "/console/{}?lang={}&again=1#{field}",
            ctx.meeting,
            ctx.lang.as_str()
        ))
        .into_response());
    };
    let now = Timestamp::now();
    let answer = state
        .app
        .submit_signed(&ctx.who.signed, *command, now, now)
        .await;
    let refusal = match answer {
        // A closed or failed meeting ends the grants that let its secretary in: the minutes,
        // public from now on, are where to go next.
        Ok(Ok(_)) if matches!(step.as_str(), "close" | "fail") => {
            return Ok(Redirect::to(&format!(
                "/meetings/{}/minutes?lang={}",
                ctx.meeting,
                ctx.lang.as_str()
            ))
            .into_response());
        }
        Ok(Ok(_)) => return Ok(back_to_console(&ctx, field)),
        Ok(Err(denied)) => Refusal::Denied(denied),
        Err(e) => refusal_of(e)?,
    };
    refused(
        &state,
        &ctx,
        field,
        refusal.message(ctx.lang),
        refusal.status(),
    )
    .await
}

#[derive(Template)]
#[template(path = "hall/console_checked_in.html")]
struct CheckedInPage {
    frame: Frame,
    back: String,
    done: String,
    vote_code: Option<String>,
}

/// Checks a participant in (by card, mandate number or IIN; in the hall or remote) and shows
/// the e-vote code once; a refusal goes beside the field.
async fn check_in(state: &AppState, ctx: &LetIn, form: &StepForm) -> Result<Response, WebError> {
    let field = "credential";
    let text = form.credential.trim();
    let credential = match form.by.as_str() {
        "mandate" => number(field, text).map(Credential::Mandate),
        "iin" => iin(field, text).map(Credential::Iin),
        _ if text.is_empty() => Err(bad(field, "console-need-card")),
        _ => Ok(Credential::Qr(text.to_owned())),
    };
    let credential = match credential {
        Ok(c) => c,
        Err(bad) => {
            let message = i18n::message(ctx.lang, bad.key);
            return refused(state, ctx, bad.field, message, StatusCode::BAD_REQUEST).await;
        }
    };
    let presence = if form.mode == "remote" {
        Presence::Remote
    } else {
        Presence::Hall
    };
    let answer = state
        .app
        .check_in_signed(
            &ctx.who.signed,
            &ctx.meeting,
            credential,
            presence,
            Timestamp::now(),
        )
        .await;
    let refusal = match answer {
        Ok(Ok(done)) => {
            let html = CheckedInPage {
                frame: Frame::new(ctx.lang, &format!("/console/{}", ctx.meeting), None),
                back: format!(
                    "/console/{}?lang={}&by={}&mode={}#credential",
                    ctx.meeting,
                    ctx.lang.as_str(),
                    match form.by.as_str() {
                        "mandate" => "mandate",
                        "iin" => "iin",
                        _ => "card",
                    },
                    presence.as_str()
                ),
                done: i18n::message(
                    ctx.lang,
                    match presence {
                        Presence::Hall => "console-checked-in-hall",
                        Presence::Remote => "console-checked-in-remote",
                    },
                ),
                vote_code: done.vote_code,
            }
            .render()?;
            return Ok(personal(state, html, ctx.lang, false));
        }
        Ok(Err(denied)) => Refusal::Denied(denied),
        Err(e) => refusal_of(e)?,
    };
    refused(
        state,
        ctx,
        field,
        refusal.message(ctx.lang),
        refusal.status(),
    )
    .await
}

/// The secretary adds a request to speak from the floor.
async fn floor_request(
    state: &AppState,
    ctx: &LetIn,
    form: &StepForm,
) -> Result<Response, WebError> {
    let parsed = (|| {
        Ok::<_, Bad>((
            number("request-name", &form.item)?,
            required("request-name", &form.name)?,
            required("request-topic", &form.topic)?,
        ))
    })();
    let (item, name, topic) = match parsed {
        Ok(p) => p,
        Err(bad) => {
            let message = i18n::message(ctx.lang, bad.key);
            return refused(state, ctx, bad.field, message, StatusCode::BAD_REQUEST).await;
        }
    };
    state
        .app
        .ask_to_speak(
            NewSpeakRequest {
                meeting: &ctx.meeting,
                item,
                member: None,
                participant: &name,
                topic: &topic,
            },
            Timestamp::now(),
        )
        .await
        .map_err(app_error)?;
    Ok(back_to_console(ctx, "request-name"))
}

/// "Give the floor": a request becomes a recorded speech with its speaking time.
async fn give_floor(state: &AppState, ctx: &LetIn, form: &StepForm) -> Result<Response, WebError> {
    let field = "floor";
    let Ok(id) = form.request.trim().parse::<i64>() else {
        let message = i18n::message(ctx.lang, "console-need-number");
        return refused(state, ctx, field, message, StatusCode::BAD_REQUEST).await;
    };
    let time = match speaking_time(&form.minutes) {
        Ok(t) => t,
        Err(bad) => {
            let message = i18n::message(ctx.lang, bad.key);
            return refused(state, ctx, field, message, StatusCode::BAD_REQUEST).await;
        }
    };
    let role = match form.role.trim() {
        "" => i18n::message(ctx.lang, "console-role-delegate"),
        role => role.to_owned(),
    };
    let answer = state
        .app
        .give_floor(
            &ctx.who.signed,
            &ctx.meeting,
            id,
            &role,
            time,
            Timestamp::now(),
        )
        .await;
    let refusal = match answer {
        Ok(Ok(Floor::Given(_) | Floor::AlreadyGiven)) => {
            return Ok(back_to_console(ctx, field));
        }
        Ok(Err(denied)) => Refusal::Denied(denied),
        Err(e) => refusal_of(e)?,
    };
    refused(
        state,
        ctx,
        field,
        refusal.message(ctx.lang),
        refusal.status(),
    )
    .await
}

// ---- the delegate's request to speak ----

#[derive(Deserialize)]
pub struct SpeakForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    item: Option<String>,
}

/// `POST /hall/{meeting}/speak` (`csrf`, `topic`, optional `item`): a delegate signed in with
/// the e-vote code of this meeting asks to speak on the current agenda item (the last one
/// spoken or voted on, else the first). The same open request is not added twice. A browser's
/// form (one that accepts HTML) goes back to the page it came from, 303; a script gets 202 with
/// JSON (`asked`, `new`, `item`).
pub async fn speak(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<SpeakForm>,
) -> Result<Response, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let Some(who) = crate::extract::signed_in(&state, &headers).await? else {
        return Err(WebError::api(
            StatusCode::UNAUTHORIZED,
            "not_signed_in_member",
        ));
    };
    if who.by_cookie && !csrf_ok(crate::extract::key(&state)?, &who.token, &form.csrf) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    if who.session.scope != format!("meeting:{meeting}") {
        return Err(WebError::api(
            StatusCode::FORBIDDEN,
            "speak_not_this_meeting",
        ));
    }
    let topic = form.topic.trim();
    if topic.is_empty() || topic.chars().count() > 2000 {
        return Err(WebError::bad("speak_topic", Vec::new()));
    }
    let console = state.app.console(&meeting).await.map_err(app_error)?;
    if console.meeting.status != MeetingStatus::Open || console.meeting.agenda.is_empty() {
        return Err(WebError::api(StatusCode::CONFLICT, "speak_not_now"));
    }
    let items = u32::try_from(console.meeting.agenda.len()).unwrap_or(u32::MAX);
    let current = console
        .meeting
        .speakers
        .iter()
        .map(|s| s.item)
        .chain(console.detail.votes.values().filter_map(|v| v.item))
        .max()
        .unwrap_or(1);
    let item = match form.item.as_deref().map(str::trim) {
        None | Some("") => current,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=items).contains(n))
            .ok_or_else(|| WebError::bad("speak_item", vec![("items", items.into())]))?,
    };
    let name = state
        .app
        .member_name(who.session.member)
        .await
        .map_err(app_error)?;
    let new = state
        .app
        .ask_to_speak(
            NewSpeakRequest {
                meeting: &meeting,
                item,
                member: Some(who.session.member),
                participant: &name,
                topic,
            },
            Timestamp::now(),
        )
        .await
        .map_err(app_error)?;
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    if wants_html {
        return Ok(Redirect::to(&back_from(&headers)).into_response());
    }
    Ok((
        StatusCode::ACCEPTED,
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({ "asked": true, "new": new, "item": item })),
    )
        .into_response())
}

/// The path (and query) of the page a form was sent from, by its `Referer`; `/my` without one.
/// Only the path is kept, so that the redirect never leaves this site.
fn back_from(headers: &HeaderMap) -> String {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| url::Url::parse(r).ok())
        .map(|u| match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        })
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_else(|| "/my".to_owned())
}

// ---- the minutes ----

/// `GET /console/{meeting}/minutes`: the minutes as they stand, while the meeting runs (the
/// public renderer; for the console's operators only, never cached).
pub async fn minutes_preview(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let path = format!("/console/{meeting}/minutes");
    let ctx = match let_in(&state, &headers, &q, &meeting, &path).await? {
        Ok(ctx) => ctx,
        Err(away) => return Ok(away),
    };
    let minutes = state.app.minutes(&ctx.meeting).await?;
    let document = minutes_text::render(&minutes, ctx.lang);
    let nav = vec![
        crate::language_links(&path, ctx.lang),
        vec![mandat_print::NavLink {
            href: format!("/console/{}?lang={}", ctx.meeting, ctx.lang.as_str()),
            text: i18n::message(ctx.lang, "console-back"),
            current: false,
        }],
    ];
    let html = mandat_print::html_with_nav(&document, &nav);
    Ok(personal(&state, html, ctx.lang, false))
}

/// `GET /meetings/{meeting}/minutes.pdf?lang=ru|kk|en`: the minutes of a closed (or failed)
/// meeting as PDF, public like the minutes page; 409 while it runs.
pub async fn minutes_pdf(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let lang = q.lang(&headers)?;
    let minutes = state.app.minutes(&meeting).await?;
    if !matches!(
        minutes.status,
        MeetingStatus::Closed | MeetingStatus::Failed
    ) {
        return Err(WebError::with(
            StatusCode::CONFLICT,
            "minutes_not_final",
            vec![("meeting", meeting.to_string().into())],
        ));
    }
    let document = minutes_text::render(&minutes, lang);
    let pdf = mandat_print::pdf(&document)
        .map_err(|e| WebError::Internal(format!("cannot lay out the minutes of {meeting}: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{meeting}.{}.pdf\"", lang.as_str()),
            ),
        ],
        pdf,
    )
        .into_response())
}
