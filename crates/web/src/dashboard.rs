//! The organizer's dashboard: `GET /dashboard?unit=CODE` over the account's subtree (what needs attention first, every meeting with its numbers, the primaries' turnout as SVG charts), one fragment function per live region, and `POST /dashboard/meetings/{code}/notices` that sends a conference's delegates their convocation or reminder.

use crate::chart::{self, Bar, Point};
use crate::extract::{self, csrf_ok, csrf_token};
use crate::frame::{FieldError, Frame, page_lang, personal, personal_with};
use crate::language::{LangQuery, Words};
use crate::signin::local_time;
use crate::staff::app_error;
use crate::staff_pages::staff_of;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use mandat_app::{AppError, Dashboard, NoticeRefusal};
use mandat_core::authz::{Denied, Signed};
use mandat_core::i18n::{self, count, percent};
use mandat_core::meeting::attention::Concern;
use mandat_core::meeting::model::MeetingStatus;
use mandat_core::notice::DelegateNoticeKind;
use mandat_core::staff::Login;
use mandat_core::{Code, Lang};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    lang: Option<String>,
    unit: Option<String>,
    campaign: Option<String>,
    /// After sending notices: the meeting, and what the round did or why it was refused.
    notices: Option<String>,
    sent: Option<u64>,
    already: Option<u64>,
    no_phone: Option<u64>,
    failed: Option<u64>,
    refused: Option<String>,
    status: Option<String>,
}

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
struct DashboardPage {
    frame: Frame,
    errors: Vec<FieldError>,
    title: String,
    signed_in_as: String,
    campaign: String,
    unit: String,
    flash: String,
    live_base: &'static str,
    live_query: String,
    live_script: Option<String>,
    attention: String,
    meetings: String,
    turnout: String,
}

#[derive(Template)]
#[template(path = "staff/_attention.html")]
struct AttentionFragment {
    none: String,
    /// (kind for the style, sentence)
    concerns: Vec<(&'static str, String)>,
}

struct MeetingRow {
    code: String,
    unit: String,
    when: String,
    status_code: &'static str,
    status: String,
    present: String,
    remote: String,
    quorate: bool,
    delegates: String,
    waiting: String,
    flagged: bool,
    notices: bool,
}

#[derive(Template)]
#[template(path = "staff/_meetings.html")]
struct MeetingsFragment {
    words: Words,
    totals: String,
    none: String,
    rows: Vec<MeetingRow>,
    csrf: String,
    unit: String,
}

struct PollCharts {
    units_title: String,
    units_svg: String,
    time_title: String,
    time_svg: String,
    no_checkpoints: String,
    step_note: String,
}

#[derive(Template)]
#[template(path = "staff/_turnout.html")]
struct TurnoutFragment {
    none: String,
    polls: Vec<PollCharts>,
}

fn unit_name(d: &Dashboard, unit: &Code, lang: Lang) -> String {
    d.snapshot
        .units
        .get(unit)
        .map_or_else(|| unit.to_string(), |u| u.names.in_lang(lang).to_owned())
}

fn meeting_unit_name(d: &Dashboard, meeting: &Code, lang: Lang) -> String {
    d.snapshot
        .meetings
        .get(meeting)
        .map_or_else(String::new, |m| unit_name(d, &m.unit, lang))
}

/// The "needs attention" region.
pub fn attention_html(d: &Dashboard, lang: Lang) -> Result<String, WebError> {
    let at = |t: Timestamp| local_time(lang, t, &d.zone);
    let concerns = d
        .overview
        .attention
        .iter()
        .map(|c| {
            let params: Vec<(&str, i18n::Param)> = match c {
                Concern::CheckpointAlarm {
                    poll,
                    voters,
                    ballots,
                } => vec![
                    ("poll", poll.as_str().into()),
                    ("voters", count(lang, *voters).into()),
                    ("ballots", count(lang, *ballots).into()),
                ],
                Concern::NoQuorum {
                    meeting,
                    scheduled_at,
                    present,
                    needed,
                } => vec![
                    ("meeting", meeting.as_str().into()),
                    ("unit", meeting_unit_name(d, meeting, lang).into()),
                    ("at", at(*scheduled_at).into()),
                    ("present", count(lang, u64::from(*present)).into()),
                    ("needed", count(lang, u64::from(*needed)).into()),
                ],
                Concern::PastEnd { meeting, ended_at } => vec![
                    ("meeting", meeting.as_str().into()),
                    ("unit", meeting_unit_name(d, meeting, lang).into()),
                    ("at", at(*ended_at).into()),
                ],
                Concern::ProtocolOverdue { meeting, deadline } => vec![
                    ("meeting", meeting.as_str().into()),
                    ("unit", meeting_unit_name(d, meeting, lang).into()),
                    ("at", at(*deadline).into()),
                ],
                Concern::Shortfall {
                    unit,
                    allotted,
                    elected,
                } => vec![
                    ("unit", unit_name(d, unit, lang).into()),
                    ("allotted", count(lang, u64::from(*allotted)).into()),
                    ("elected", count(lang, u64::from(*elected)).into()),
                ],
                Concern::PollPaused { poll } => vec![("poll", poll.as_str().into())],
            };
            let kind = c.key().trim_start_matches("dashboard-concern-");
            (kind, i18n::message_with(lang, c.key(), &params))
        })
        .collect();
    Ok(AttentionFragment {
        none: i18n::message(lang, "dashboard-attention-none"),
        concerns,
    }
    .render()?)
}

/// The meetings region; `csrf` is the staff session's token for the notice forms.
pub fn meetings_html(d: &Dashboard, lang: Lang, csrf: &str) -> Result<String, WebError> {
    let dash = || "—".to_owned();
    let rows = d
        .overview
        .meetings
        .iter()
        .map(|l| {
            let kind = d.snapshot.meetings.get(&l.code).map(|m| m.kind);
            let conference = kind.is_some_and(|k| k.has_mandates());
            let present = l.hall + l.remote;
            MeetingRow {
                code: l.code.to_string(),
                unit: unit_name(d, &l.unit, lang),
                when: local_time(lang, l.scheduled_at, &d.zone),
                status_code: l.status.as_str(),
                status: i18n::message(lang, &format!("dashboard-status-{}", l.status.as_str())),
                present: i18n::message_with(
                    lang,
                    "dashboard-present",
                    &[
                        ("present", count(lang, u64::from(present)).into()),
                        ("quorum", count(lang, u64::from(l.quorum)).into()),
                    ],
                ),
                remote: if l.remote > 0 {
                    i18n::message_with(
                        lang,
                        "dashboard-present-remote",
                        &[("remote", count(lang, u64::from(l.remote)).into())],
                    )
                } else {
                    String::new()
                },
                quorate: present >= l.quorum,
                delegates: if l.allotted > 0 || l.elected > 0 {
                    format!(
                        "{} / {}",
                        count(lang, u64::from(l.elected)),
                        count(lang, u64::from(l.allotted))
                    )
                } else {
                    dash()
                },
                waiting: if conference {
                    count(lang, u64::from(l.waiting_on))
                } else {
                    dash()
                },
                flagged: l.flagged,
                notices: conference
                    && !matches!(l.status, MeetingStatus::Closed | MeetingStatus::Failed),
            }
        })
        .collect();
    let totals = d.progress.as_ref().map_or_else(String::new, |p| {
        let (mut all, mut held, mut failed) = (0u64, 0u64, 0u64);
        for c in p.meetings.values() {
            all += u64::from(c.planned + c.registration + c.open + c.held + c.failed);
            held += u64::from(c.held);
            failed += u64::from(c.failed);
        }
        i18n::message_with(
            lang,
            "dashboard-totals",
            &[
                ("held", count(lang, held).into()),
                ("all", count(lang, all).into()),
                ("failed", count(lang, failed).into()),
                ("elected", count(lang, p.delegates_elected).into()),
                ("allotted", count(lang, p.delegates_allotted).into()),
            ],
        )
    });
    Ok(MeetingsFragment {
        words: Words { lang },
        totals,
        none: i18n::message(lang, "dashboard-meetings-none"),
        rows,
        csrf: csrf.to_owned(),
        unit: d.root.to_string(),
    }
    .render()?)
}

/// The turnout region: per poll, a bar per unit under the dashboard's unit and the voters at
/// each published checkpoint, as SVG.
pub fn turnout_html(d: &Dashboard, lang: Lang) -> Result<String, WebError> {
    let mut polls = Vec::new();
    for (n, t) in d.turnout.iter().enumerate() {
        let poll_name = format!("{} ({})", t.poll.title, t.poll.code);
        let units_title = i18n::message_with(
            lang,
            "dashboard-turnout-units",
            &[("poll", poll_name.as_str().into())],
        );
        let bars: Vec<Bar> = t
            .units
            .iter()
            .map(|u| {
                let label = unit_name(d, &u.unit, lang);
                match u.voted {
                    Some(voted) => {
                        let share = percent(lang, voted, u.roll);
                        Bar {
                            per_mille: Some(
                                (voted.min(u.roll) * 1000).checked_div(u.roll).unwrap_or(0),
                            ),
                            figure: share.clone(),
                            sentence: i18n::message_with(
                                lang,
                                "dashboard-turnout-bar",
                                &[
                                    ("unit", label.as_str().into()),
                                    ("voted", count(lang, voted).into()),
                                    ("roll", count(lang, u.roll).into()),
                                    ("percent", share.into()),
                                ],
                            ),
                            label,
                        }
                    }
                    None => Bar {
                        per_mille: None,
                        figure: "—".to_owned(),
                        sentence: format!(
                            "{label}: {}",
                            i18n::message(lang, "dashboard-turnout-hidden")
                        ),
                        label,
                    },
                }
            })
            .collect();
        let step_note = if t.live {
            i18n::message_with(
                lang,
                "dashboard-turnout-step",
                &[("step", count(lang, d.step).into())],
            )
        } else {
            String::new()
        };
        let units_svg = chart::bars(
            &format!("turnout-units-{n}"),
            &units_title,
            &step_note,
            &bars,
        );
        let time_title = i18n::message_with(
            lang,
            "dashboard-turnout-time",
            &[("poll", poll_name.as_str().into())],
        );
        let time_svg = if t.checkpoints.is_empty() {
            String::new()
        } else {
            let points: Vec<Point> = t
                .checkpoints
                .iter()
                .map(|c| Point {
                    x: c.at.as_second(),
                    y: c.voters,
                    sentence: i18n::message_with(
                        lang,
                        "dashboard-turnout-point",
                        &[
                            ("at", local_time(lang, c.at, &d.zone).into()),
                            ("voters", count(lang, c.voters).into()),
                        ],
                    ),
                })
                .collect();
            let most = t
                .poll
                .roll_size
                .max(t.checkpoints.iter().map(|c| c.voters).max().unwrap_or(0));
            let (first, last) = (
                t.checkpoints.first().map(|c| c.at),
                t.checkpoints.last().map(|c| c.at),
            );
            let words = |at: Option<Timestamp>| {
                at.map(|a| local_time(lang, a, &d.zone)).unwrap_or_default()
            };
            chart::line(
                &format!("turnout-time-{n}"),
                &time_title,
                &time_title,
                &points,
                most,
                &count(lang, most),
                (&words(first), &words(last)),
            )
        };
        polls.push(PollCharts {
            units_title,
            units_svg,
            time_title,
            time_svg,
            no_checkpoints: i18n::message(lang, "dashboard-turnout-no-checkpoints"),
            step_note,
        });
    }
    Ok(TurnoutFragment {
        none: i18n::message(lang, "dashboard-turnout-none"),
        polls,
    }
    .render()?)
}

/// The unit a request asks for, or the field error that says what is wrong with its code.
fn asked_unit(q: &DashboardQuery, lang: Lang) -> Result<Option<Code>, FieldError> {
    match q.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => Ok(None),
        Some(text) => Code::parse(text).map(Some).map_err(|problem| FieldError {
            field: "unit",
            message: mandat_core::i18n::Problem::message(&problem, lang),
        }),
    }
}

/// The flash after a round of notices (from the redirect's query).
fn flash_of(q: &DashboardQuery, lang: Lang) -> String {
    let Some(meeting) = q.notices.as_deref() else {
        return String::new();
    };
    let meeting_param = || -> Vec<(&str, i18n::Param)> { vec![("meeting", meeting.into())] };
    match q.refused.as_deref() {
        Some("no_sender") => i18n::message(lang, "notices-no-sender"),
        Some("bad_kind") => i18n::message(lang, "dashboard-notices-bad-kind"),
        Some("not_a_conference") => {
            i18n::message_with(lang, "notices-not-a-conference", &meeting_param())
        }
        Some("finished") => {
            let status = q
                .status
                .as_deref()
                .and_then(MeetingStatus::parse)
                .map_or("closed", MeetingStatus::as_str);
            let mut params = meeting_param();
            params.push((
                "status",
                i18n::message(lang, &format!("dashboard-status-{status}")).into(),
            ));
            i18n::message_with(lang, "notices-finished", &params)
        }
        _ => {
            let mut params = meeting_param();
            for (name, value) in [
                ("sent", q.sent),
                ("already", q.already),
                ("no_phone", q.no_phone),
                ("failed", q.failed),
            ] {
                params.push((name, count(lang, value.unwrap_or(0)).into()));
            }
            i18n::message_with(lang, "dashboard-notices-done", &params)
        }
    }
}

/// `GET /dashboard?unit=CODE&campaign=CODE`: the dashboard of a unit within the signed-in
/// account's unit (its own by default). Without a staff session: the sign-in page. A unit
/// outside the account's: 403, said beside the unit field, nothing of it shown.
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<DashboardQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let (lang, remember) = page_lang(&LangQuery::of(q.lang.clone()), &headers)?;
    let Some((token, login)) = staff_of(&state, &headers).await? else {
        return Ok(Redirect::to(&format!("/staff/signin?lang={}", lang.as_str())).into_response());
    };
    let key = extract::key(&state)?;
    let csrf = csrf_token(key, &token);
    let mut query = String::new();
    if let Some(unit) = q.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        query.push_str(&format!("unit={}", urlencode(unit.trim())));
    }
    if let Some(c) = q.campaign.as_deref() {
        query.push_str(&format!("&campaign={}", urlencode(c)));
    }
    let here = format!("/dashboard?{query}");
    let frame = Frame::new(lang, &here, Some(csrf.clone()));
    let signed_in_as = i18n::message_with(
        lang,
        "dashboard-signed-in-as",
        &[("login", login.as_str().into())],
    );
    let refused = |frame: Frame, unit: String, message: String, status: StatusCode| {
        let html = DashboardPage {
            title: i18n::message_with(lang, "dashboard-title", &[("unit", unit.as_str().into())]),
            frame,
            errors: vec![FieldError {
                field: "unit",
                message,
            }],
            signed_in_as: signed_in_as.clone(),
            campaign: String::new(),
            unit,
            flash: String::new(),
            live_base: "/dashboard/live",
            live_query: String::new(),
            live_script: None,
            attention: String::new(),
            meetings: String::new(),
            turnout: String::new(),
        }
        .render()?;
        Ok::<Response, WebError>(personal_with(&state, html, lang, status))
    };
    let asked = match asked_unit(&q, lang) {
        Ok(asked) => asked,
        Err(e) => {
            let unit = q.unit.clone().unwrap_or_default();
            return refused(frame, unit, e.message, StatusCode::BAD_REQUEST);
        }
    };
    let campaign = q
        .campaign
        .as_deref()
        .map(|c| WebError::parse_code("campaign", c))
        .transpose()?;
    let watched = match state
        .app
        .watched_unit(&Signed::Staff(login.clone()), asked.as_ref())
        .await
    {
        Ok(w) => w,
        Err(AppError::Store(mandat_store::StoreError::NotFound(missing))) => {
            let unit = asked.map(|u| u.to_string()).unwrap_or_default();
            let message = mandat_core::i18n::Problem::message(&missing, lang);
            return refused(frame, unit, message, StatusCode::NOT_FOUND);
        }
        Err(e) => return Err(app_error(e)),
    };
    let root = match watched {
        Ok((_, root)) => root,
        Err(denied) => {
            let unit = asked.map(|u| u.to_string()).unwrap_or_default();
            return refused(frame, unit, denied.message(lang), StatusCode::FORBIDDEN);
        }
    };
    let d = state
        .app
        .dashboard(&root, campaign.as_ref(), Timestamp::now())
        .await
        .map_err(app_error)?;
    let campaign_words = match d
        .campaign
        .as_ref()
        .and_then(|c| d.snapshot.campaigns.get(c))
    {
        Some(c) => i18n::message_with(
            lang,
            "dashboard-campaign",
            &[("campaign", format!("{} ({})", c.name, c.code).into())],
        ),
        None => i18n::message(lang, "dashboard-no-campaign"),
    };
    let mut live_query = format!("?unit={}&lang={}", root, lang.as_str());
    if let Some(c) = &d.campaign {
        live_query.push_str(&format!("&campaign={c}"));
    }
    let html = DashboardPage {
        title: i18n::message_with(
            lang,
            "dashboard-title",
            &[("unit", unit_name(&d, &root, lang).into())],
        ),
        frame,
        errors: Vec::new(),
        signed_in_as,
        campaign: campaign_words,
        unit: root.to_string(),
        flash: flash_of(&q, lang),
        live_base: "/dashboard/live",
        live_query,
        live_script: Some(crate::assets::live_script()),
        attention: attention_html(&d, lang)?,
        meetings: meetings_html(&d, lang, &csrf)?,
        turnout: turnout_html(&d, lang)?,
    }
    .render()?;
    Ok(personal(&state, html, lang, remember))
}

/// The dashboard's live regions.
#[derive(Clone, Copy)]
pub enum Region {
    Attention,
    Meetings,
    Turnout,
}

/// `GET /dashboard/live/attention`.
pub async fn attention_live(
    state: State<AppState>,
    q: Query<DashboardQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    live(state, q, headers, Region::Attention).await
}

/// `GET /dashboard/live/meetings`.
pub async fn meetings_live(
    state: State<AppState>,
    q: Query<DashboardQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    live(state, q, headers, Region::Meetings).await
}

/// `GET /dashboard/live/turnout`.
pub async fn turnout_live(
    state: State<AppState>,
    q: Query<DashboardQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    live(state, q, headers, Region::Turnout).await
}

/// `GET /dashboard/live/{region}?unit=&campaign=&lang=`: one region of the dashboard as
/// Server-Sent Events, with the staff session and the policy checked again at every render
/// (a session that ends or a unit no longer in scope ends the stream).
async fn live(
    State(state): State<AppState>,
    Query(q): Query<DashboardQuery>,
    headers: HeaderMap,
    region: Region,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&LangQuery::of(q.lang.clone()), &headers)?;
    let unit = asked_unit(&q, lang).map_err(|e| {
        WebError::bad(
            "bad_code",
            vec![("field", "unit".into()), ("value", e.message.into())],
        )
    })?;
    let campaign = q
        .campaign
        .as_deref()
        .map(|c| WebError::parse_code("campaign", c))
        .transpose()?;
    let for_stream = state.clone();
    let asked_with = headers.clone();
    crate::live::serve(&state, &headers, None, move || {
        let state = for_stream.clone();
        let headers = asked_with.clone();
        let (unit, campaign) = (unit.clone(), campaign.clone());
        async move {
            region_html(
                &state,
                &headers,
                region,
                unit.as_ref(),
                campaign.as_ref(),
                lang,
            )
            .await
        }
    })
    .await
}

/// One region drawn for whoever the request's staff session is, within the policy.
async fn region_html(
    state: &AppState,
    headers: &HeaderMap,
    region: Region,
    unit: Option<&Code>,
    campaign: Option<&Code>,
    lang: Lang,
) -> Result<String, WebError> {
    let Some((token, login)) = staff_of(state, headers).await? else {
        return Err(WebError::api(
            StatusCode::UNAUTHORIZED,
            "staff_not_signed_in",
        ));
    };
    let root = match state
        .app
        .watched_unit(&Signed::Staff(login), unit)
        .await
        .map_err(app_error)?
    {
        Ok((_, root)) => root,
        Err(denied) => return Err(denied_error(&denied)),
    };
    let d = state
        .app
        .dashboard(&root, campaign, Timestamp::now())
        .await
        .map_err(app_error)?;
    match region {
        Region::Attention => attention_html(&d, lang),
        Region::Meetings => meetings_html(&d, lang, &csrf_token(extract::key(state)?, &token)),
        Region::Turnout => turnout_html(&d, lang),
    }
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[derive(Deserialize)]
pub struct NoticesForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
}

/// `POST /dashboard/meetings/{code}/notices` (`kind` = convocation | reminder): sends the
/// conference's delegates the notice (each at most once, whatever the number of submissions)
/// and goes back to the dashboard, which says what was sent. An organizer of another unit: 403.
pub async fn send_notices(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<DashboardQuery>,
    headers: HeaderMap,
    axum::Form(form): axum::Form<NoticesForm>,
) -> Result<Response, WebError> {
    let (lang, _) = page_lang(&LangQuery::of(q.lang.clone()), &headers)?;
    let Some((token, login)) = staff_of(&state, &headers).await? else {
        return Ok(Redirect::to(&format!("/staff/signin?lang={}", lang.as_str())).into_response());
    };
    if !csrf_ok(extract::key(&state)?, &token, &form.csrf) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    let meeting = WebError::parse_code("meeting", &code)?;
    let unit = state
        .app
        .store()
        .read_snapshot()
        .await?
        .meetings
        .get(&meeting)
        .map(|m| m.unit.clone())
        .ok_or_else(|| WebError::NotFound(mandat_core::Missing::Meeting(meeting.clone())))?;
    allowed(&state, &login, &unit).await?;
    let back_unit = q
        .unit
        .as_deref()
        .filter(|u| Code::parse(u).is_ok())
        .unwrap_or(unit.as_str())
        .to_owned();
    let back = |rest: String| {
        Redirect::to(&format!(
            "/dashboard?lang={}&unit={}&notices={}{rest}",
            lang.as_str(),
            urlencode(&back_unit),
            meeting
        ))
        .into_response()
    };
    let Some(kind) = DelegateNoticeKind::parse(&form.kind) else {
        return Ok(back("&refused=bad_kind".to_owned()));
    };
    match state
        .app
        .send_notices(&meeting, kind, Timestamp::now())
        .await
    {
        Ok(Ok(r)) => {
            tracing::info!(login = %login, meeting = %meeting, kind = kind.as_str(), sent = r.sent, "notices sent from the dashboard");
            Ok(back(format!(
                "&sent={}&already={}&no_phone={}&failed={}",
                r.sent, r.already, r.no_phone, r.failed
            )))
        }
        Ok(Err(NoticeRefusal::NotAConference { .. })) => {
            Ok(back("&refused=not_a_conference".to_owned()))
        }
        Ok(Err(NoticeRefusal::Finished { status, .. })) => {
            Ok(back(format!("&refused=finished&status={status}")))
        }
        Err(AppError::NoCodeDesk) => Ok(back("&refused=no_sender".to_owned())),
        Err(e) => Err(app_error(e)),
    }
}

/// The policy's answer for `login` watching `unit`, as the 403 that says why.
async fn allowed(state: &AppState, login: &Login, unit: &Code) -> Result<(), WebError> {
    match state
        .app
        .watched_unit(&Signed::Staff(login.clone()), Some(unit))
        .await
        .map_err(app_error)?
    {
        Ok(_) => Ok(()),
        Err(denied) => Err(denied_error(&denied)),
    }
}

fn denied_error(denied: &Denied) -> WebError {
    WebError::with(StatusCode::FORBIDDEN, denied.code(), denied.params())
}
