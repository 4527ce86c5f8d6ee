//! The voter's ballot in the browser, without JavaScript: choose (one, up to k, or ranks), review, cast, the receipt; "already voted" and "closed" pages that reveal nothing; the public board page with the result and the check of a receipt.

use crate::extract::{self, OPENING_COOKIE, SignedIn, csrf_ok, random_hex, set_cookie, signed_in};
use crate::frame::{FieldError, Frame, page_lang, personal, personal_with};
use crate::language::LangQuery;
use crate::signin::local_time;
use crate::{AppState, WebError};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::Timestamp;
use mandat_app::CastOutcome;
use mandat_core::ballot::{BallotContent, Hash32};
use mandat_core::count::Method;
use mandat_core::poll::{Marked, Poll, PollStatus};
use mandat_core::{Code, Lang, i18n};
use mandat_store::ReceiptStanding;
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) struct ShownOption {
    pub code: String,
    pub label: String,
    pub withdrawn: bool,
    pub chosen: bool,
    /// The rank typed before (ranked ballots), or empty.
    pub rank: String,
}

#[derive(Template)]
#[template(path = "voter/ballot.html")]
struct BallotPage {
    frame: Frame,
    errors: Vec<FieldError>,
    code: String,
    title: String,
    closes: String,
    instruction: String,
    csrf: String,
    request_key: String,
    ranked: bool,
    single: bool,
    options: Vec<ShownOption>,
    profiles: Option<String>,
}

#[derive(Template)]
#[template(path = "voter/review.html")]
struct ReviewPage {
    frame: Frame,
    /// A ranking reads as a numbered list; a choice as a plain one.
    ranked: bool,
    code: String,
    title: String,
    lines: Vec<String>,
    csrf: String,
    request_key: String,
    ballot: String,
}

#[derive(Template)]
#[template(path = "voter/receipt.html")]
struct ReceiptPage {
    frame: Frame,
    /// Where "back to my votes" leads: the member's polls, or a delegate's meeting page.
    back: String,
    code: String,
    title: String,
    tracker: String,
    ballot_hash: String,
    time: String,
    key_id: String,
    signature: String,
}

#[derive(Template)]
#[template(path = "voter/notice.html")]
struct NoticePage {
    frame: Frame,
    heading: String,
    text: String,
    next_href: String,
    next_text: String,
}

struct ResultRow {
    place: String,
    name: String,
    votes: String,
}

#[derive(Template)]
#[template(path = "voter/board.html")]
struct BoardPage {
    frame: Frame,
    code: String,
    title: String,
    summary: String,
    result_words: String,
    result: Vec<ResultRow>,
    tracker: String,
    ballot_hash: String,
    finding: Option<String>,
    counted: bool,
    method: &'static str,
    seats: u32,
    /// The live turnout region while the poll is not counted.
    turnout: String,
}

#[derive(Template)]
#[template(path = "voter/_turnout.html")]
struct TurnoutRegion {
    voted: Option<String>,
    of_roll: String,
    hidden: String,
    step_note: String,
}

pub(crate) fn is_ranked(method: Method) -> bool {
    matches!(
        method,
        Method::Borda | Method::Schulze | Method::InstantRunoff | Method::Stv
    )
}

/// What the ballot asks, in words: choose one, up to k, or rank.
pub(crate) fn instruction(lang: Lang, poll: &Poll) -> String {
    match poll.method {
        Method::Plurality => i18n::message(lang, "voter-how-one"),
        Method::Approval {
            max_choices: Some(k),
        } => i18n::message_with(lang, "voter-how-up-to", &[("count", (k as i64).into())]),
        Method::Approval { max_choices: None } => i18n::message(lang, "voter-how-any"),
        _ => i18n::message_with(
            lang,
            "voter-how-rank",
            &[("count", (poll.options.len() as i64).into())],
        ),
    }
}

/// The page a voter's ballot pages lead back to: a delegate signed in with a meeting's code
/// goes to their meeting's page, a member to their polls.
fn home_of(who: &SignedIn, lang: Lang) -> String {
    match mandat_app::meeting_of_scope(&who.session.scope) {
        Some(meeting) => format!("/hall/{meeting}/me?lang={}", lang.as_str()),
        None => format!("/my?lang={}", lang.as_str()),
    }
}

/// The ballot's page frame, the member signed in, and the poll, or the page to show instead
/// (sign in, already voted, closed).
enum Gate {
    Ballot(Box<(SignedIn, Poll)>),
    Elsewhere(Response),
}

async fn gate(
    state: &AppState,
    headers: &HeaderMap,
    code: &Code,
    lang: Lang,
) -> Result<Gate, WebError> {
    let Some(who) = signed_in(state, headers).await? else {
        return Ok(Gate::Elsewhere(
            Redirect::to(&format!("/signin?lang={}", lang.as_str())).into_response(),
        ));
    };
    let poll = state.app.poll(code).await?;
    let key = extract::key(state)?;
    let back = (
        home_of(&who, lang),
        i18n::message(lang, "voter-back-to-polls"),
    );
    let notice = |heading: &str, text: &str, status: StatusCode| -> Result<Gate, WebError> {
        let html = NoticePage {
            frame: Frame::new(lang, &format!("/polls/{code}/vote"), Some(who.csrf(key))),
            heading: i18n::message(lang, heading),
            text: i18n::message(lang, text),
            next_href: back.0.clone(),
            next_text: back.1.clone(),
        }
        .render()?;
        let page = personal_with(state, html, lang, status);
        Ok(Gate::Elsewhere(page))
    };
    if !mandat_core::poll::scope_allows(&who.session.scope, &poll.electorate) {
        return notice(
            "voter-not-yours-title",
            "voter-not-yours",
            StatusCode::FORBIDDEN,
        );
    }
    match state
        .app
        .voter_status(&who.session, code)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
    {
        None => {
            return notice(
                "voter-not-yours-title",
                "voter-not-on-roll",
                StatusCode::FORBIDDEN,
            );
        }
        Some(Marked::NotYet) => {}
        Some(_) => return notice("voter-voted-title", "voter-voted", StatusCode::OK),
    }
    if !mandat_app::open_at(&poll, Timestamp::now()) {
        return notice("voter-closed-title", "voter-closed", StatusCode::OK);
    }
    Ok(Gate::Ballot(Box::new((who, poll))))
}

pub(crate) fn shown_options(
    poll: &Poll,
    chosen: &[String],
    ranks: &BTreeMap<String, String>,
) -> Vec<ShownOption> {
    poll.options
        .iter()
        .map(|o| ShownOption {
            code: o.code.clone(),
            label: o.label.clone(),
            withdrawn: poll.struck.contains(&o.code),
            chosen: chosen.contains(&o.code),
            rank: ranks.get(&o.code).cloned().unwrap_or_default(),
        })
        .collect()
}

fn profiles_of(poll: &Poll, lang: Lang) -> Option<String> {
    poll.target
        .as_ref()
        .map(|t| format!("/lists/{}/{t}?lang={}", poll.campaign, lang.as_str()))
}

/// `GET /polls/{code}/vote`: the ballot.
pub async fn vote_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let (lang, remember) = page_lang(&q, &headers)?;
    let (who, poll) = match gate(&state, &headers, &code, lang).await? {
        Gate::Ballot(found) => *found,
        Gate::Elsewhere(page) => return Ok(page),
    };
    let page = ballot_page(
        &state,
        &who,
        &poll,
        lang,
        Vec::new(),
        &[],
        &BTreeMap::new(),
        random_hex()?,
    )
    .await?;
    Ok(personal(&state, page, lang, remember))
}

#[allow(clippy::too_many_arguments)]
async fn ballot_page(
    state: &AppState,
    who: &SignedIn,
    poll: &Poll,
    lang: Lang,
    errors: Vec<FieldError>,
    chosen: &[String],
    ranks: &BTreeMap<String, String>,
    request_key: String,
) -> Result<String, WebError> {
    let key = extract::key(state)?;
    let zone = state
        .app
        .zone_of(poll)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(BallotPage {
        frame: Frame::new(
            lang,
            &format!("/polls/{}/vote", poll.code),
            Some(who.csrf(key)),
        ),
        errors,
        code: poll.code.to_string(),
        title: poll.title.clone(),
        closes: i18n::message_with(
            lang,
            "voter-closes",
            &[("at", local_time(lang, poll.closes_at, &zone).into())],
        ),
        instruction: instruction(lang, poll),
        csrf: who.csrf(key),
        request_key,
        ranked: is_ranked(poll.method),
        single: poll.method == Method::Plurality,
        options: shown_options(poll, chosen, ranks),
        profiles: profiles_of(poll, lang),
    }
    .render()?)
}

/// A form body with repeated fields (`choice=a&choice=b`), as pairs in order.
pub(crate) fn form_pairs(body: &Bytes) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub(crate) fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// The ballot a form describes, checked against the poll's method, or the sentence that says
/// what to fix.
pub(crate) fn checked_ballot(
    lang: Lang,
    poll: &Poll,
    pairs: &[(String, String)],
) -> Result<BallotContent, String> {
    ballot_of(lang, poll, pairs).and_then(|ballot| {
        mandat_core::ballot::validate(&ballot, &poll.option_codes(), poll.method)
            .map(|()| ballot)
            .map_err(|problem| mandat_core::i18n::Problem::message(&problem, lang))
    })
}

/// What a refused ballot form held, to draw it again as the voter left it: the ticks, and the
/// ranks as typed.
pub(crate) fn kept_choices(pairs: &[(String, String)]) -> (Vec<String>, BTreeMap<String, String>) {
    let chosen = pairs
        .iter()
        .filter(|(k, _)| k == "choice")
        .map(|(_, v)| v.clone())
        .collect();
    let ranks = pairs
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("rank.").map(|c| (c.to_owned(), v.clone())))
        .collect();
    (chosen, ranks)
}

/// The ballot a form describes, or the sentence that says what to fix.
pub(crate) fn ballot_of(
    lang: Lang,
    poll: &Poll,
    pairs: &[(String, String)],
) -> Result<BallotContent, String> {
    if is_ranked(poll.method) {
        let mut by_rank: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for option in &poll.options {
            let typed = field(pairs, &format!("rank.{}", option.code)).trim();
            if typed.is_empty() {
                continue;
            }
            match typed.parse::<u32>() {
                Ok(rank) if rank >= 1 && rank as usize <= poll.options.len() => {
                    by_rank.entry(rank).or_default().push(option.code.clone());
                }
                _ => {
                    return Err(i18n::message_with(
                        lang,
                        "voter-rank-wrong",
                        &[
                            ("name", option.label.as_str().into()),
                            ("count", (poll.options.len() as i64).into()),
                        ],
                    ));
                }
            }
        }
        return Ok(BallotContent(by_rank.into_values().collect()));
    }
    let chosen: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "choice")
        .map(|(_, v)| v.clone())
        .collect();
    if let Method::Approval {
        max_choices: Some(k),
    } = poll.method
        && chosen.len() > k
    {
        return Err(i18n::message_with(
            lang,
            "voter-too-many",
            &[
                ("count", (k as i64).into()),
                ("chosen", (chosen.len() as i64).into()),
            ],
        ));
    }
    if chosen.is_empty() {
        return Ok(BallotContent::blank());
    }
    Ok(BallotContent(vec![chosen]))
}

/// The review lines: one per preference (ranked) or per choice.
fn review_lines(lang: Lang, poll: &Poll, ballot: &BallotContent) -> Vec<String> {
    let label = |code: &String| {
        poll.options
            .iter()
            .find(|o| &o.code == code)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| code.clone())
    };
    if is_ranked(poll.method) {
        ballot
            .0
            .iter()
            .map(|group| {
                let names: Vec<String> = group.iter().map(label).collect();
                if names.len() > 1 {
                    i18n::message_with(
                        lang,
                        "voter-review-equal",
                        &[("names", names.join(", ").into())],
                    )
                } else {
                    names.join("")
                }
            })
            .collect()
    } else {
        ballot.0.iter().flatten().map(label).collect()
    }
}

/// `POST /polls/{code}/review`: the ballot read back before it is cast; a ballot that does not
/// fit comes back with the problem at the top and the choices kept.
pub async fn review_submit(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let (lang, _) = page_lang(&q, &headers)?;
    let (who, poll) = match gate(&state, &headers, &code, lang).await? {
        Gate::Ballot(found) => *found,
        Gate::Elsewhere(page) => return Ok(page),
    };
    let pairs = form_pairs(&body);
    let key = extract::key(&state)?;
    if !csrf_ok(key, &who.token, field(&pairs, "csrf")) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    let request_key = match field(&pairs, "request_key") {
        k if mandat_core::ballot::request_key_problem(k).is_none() => k.to_owned(),
        _ => random_hex()?,
    };
    let ballot = match checked_ballot(lang, &poll, &pairs) {
        Ok(ballot) => ballot,
        Err(message) => {
            let (chosen, ranks) = kept_choices(&pairs);
            let html = ballot_page(
                &state,
                &who,
                &poll,
                lang,
                vec![FieldError {
                    field: "how",
                    message,
                }],
                &chosen,
                &ranks,
                request_key,
            )
            .await?;
            let page = personal_with(&state, html, lang, StatusCode::BAD_REQUEST);
            return Ok(page);
        }
    };
    let html = ReviewPage {
        frame: Frame::new(lang, &format!("/polls/{code}/vote"), Some(who.csrf(key))),
        code: code.to_string(),
        title: poll.title.clone(),
        lines: review_lines(lang, &poll, &ballot),
        ranked: is_ranked(poll.method),
        csrf: who.csrf(key),
        request_key,
        ballot: serde_json::to_string(&ballot.0).unwrap_or_default(),
    }
    .render()?;
    Ok(personal(&state, html, lang, false))
}

/// `POST /polls/{code}/cast`: casts the reviewed ballot and shows the receipt. A second press of
/// the button (same request key) gets the same receipt and casts nothing more.
pub async fn cast_submit(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let (lang, _) = page_lang(&q, &headers)?;
    let Some(who) = signed_in(&state, &headers).await? else {
        return Ok(Redirect::to(&format!("/signin?lang={}", lang.as_str())).into_response());
    };
    let pairs = form_pairs(&body);
    let key = extract::key(&state)?;
    if !csrf_ok(key, &who.token, field(&pairs, "csrf")) {
        return Err(WebError::api(StatusCode::FORBIDDEN, "csrf_form"));
    }
    let poll = state.app.poll(&code).await?;
    let choices: Vec<Vec<String>> = serde_json::from_str(field(&pairs, "ballot"))
        .map_err(|_| WebError::bad("bad_ballot_form", Vec::new()))?;
    let nonce = field(&pairs, "device_nonce").trim();
    let cast = mandat_app::Cast {
        choices: BallotContent(choices),
        device_nonce: (!nonce.is_empty()).then(|| nonce.to_owned()),
        request_key: field(&pairs, "request_key").to_owned(),
    };
    let outcome = state
        .app
        .cast(&who.session, &code, cast)
        .await
        .map_err(|e| match e {
            mandat_app::AppError::Store(e) => WebError::from(e),
            other => WebError::Internal(other.to_string()),
        })?;
    let notice = |heading: &str, text: String, status: StatusCode| -> Result<Response, WebError> {
        let html = NoticePage {
            frame: Frame::new(lang, "/my", Some(who.csrf(key))),
            heading: i18n::message(lang, heading),
            text,
            next_href: home_of(&who, lang),
            next_text: i18n::message(lang, "voter-back-to-polls"),
        }
        .render()?;
        let page = personal_with(&state, html, lang, status);
        Ok(page)
    };
    let receipt = match outcome {
        CastOutcome::Accepted(receipt) => receipt,
        CastOutcome::AlreadyVoted => {
            return notice(
                "voter-voted-title",
                i18n::message(lang, "voter-voted"),
                StatusCode::CONFLICT,
            );
        }
        CastOutcome::PollNotOpen(_) => {
            return notice(
                "voter-closed-title",
                i18n::message(lang, "voter-closed"),
                StatusCode::CONFLICT,
            );
        }
        CastOutcome::NotOnRoll | CastOutcome::OutOfScope { .. } => {
            return notice(
                "voter-not-yours-title",
                i18n::message(lang, "voter-not-on-roll"),
                StatusCode::FORBIDDEN,
            );
        }
        CastOutcome::Invalid(problem) => {
            return notice(
                "voter-problem-title",
                mandat_core::i18n::Problem::message(&problem, lang),
                StatusCode::BAD_REQUEST,
            );
        }
        CastOutcome::BadRequestKey(_) | CastOutcome::BadDeviceNonce => {
            return notice(
                "voter-problem-title",
                i18n::message(lang, "voter-form-damaged"),
                StatusCode::BAD_REQUEST,
            );
        }
        CastOutcome::Unavailable(why) => {
            tracing::warn!(reason = %why, "the ballot box could not take a ballot");
            return notice(
                "voter-problem-title",
                i18n::message(lang, "api-box_unavailable"),
                StatusCode::SERVICE_UNAVAILABLE,
            );
        }
    };
    let zone = state
        .app
        .zone_of(&poll)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let tracker = receipt.tracker.to_hex();
    let html = ReceiptPage {
        frame: Frame::new(lang, "/my", Some(who.csrf(key))),
        back: home_of(&who, lang),
        code: code.to_string(),
        title: poll.title.clone(),
        tracker: tracker.clone(),
        ballot_hash: receipt.ballot_hash.to_hex(),
        time: local_time(lang, Timestamp::now(), &zone),
        key_id: receipt.key_id.clone(),
        signature: receipt.signature.clone(),
    }
    .render()?;
    let mut page = personal(&state, html, lang, false);
    // The opening goes to the page's script only (see assets/voter.js), never into the page.
    let opening = set_cookie(
        OPENING_COOKIE,
        &format!("{tracker}.{}", receipt.opening.to_hex()),
        120,
        state.settings.secure_cookies,
        false,
    );
    if let Ok(value) = HeaderValue::from_str(&opening) {
        page.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(page)
}

#[derive(Deserialize)]
pub struct CheckQuery {
    lang: Option<String>,
    #[serde(default)]
    tracker: String,
    #[serde(default)]
    ballot_hash: String,
}

/// `GET /polls/{code}/board`: the poll's public page: the result in words and numbers once
/// counted, the board's downloads, how to recount, and the form to check a receipt.
pub async fn board_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<CheckQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    render_board(&state, &code, q, &headers, false).await
}

/// `GET /polls/{code}/check?tracker=&ballot_hash=`: the same page with what the check found.
pub async fn check_page(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<CheckQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    render_board(&state, &code, q, &headers, true).await
}

async fn render_board(
    state: &AppState,
    code: &str,
    q: CheckQuery,
    headers: &HeaderMap,
    check: bool,
) -> Result<Response, WebError> {
    let code = WebError::parse_code("poll", code)?;
    let lang_query = LangQuery::of(q.lang.clone());
    let (lang, remember) = page_lang(&lang_query, headers)?;
    let poll = state.app.poll(&code).await?;
    let counted = poll.status == PollStatus::Counted;
    let (mut result_words, mut result) = (String::new(), Vec::new());
    if counted && let Some(r) = state.app.poll_result(&code).await? {
        let ratings: Option<mandat_core::primaries::Ratings> =
            serde_json::from_str(&r.ratings).ok();
        let outcome: serde_json::Value = serde_json::from_str(&r.outcome).unwrap_or_default();
        let label = |c: &str| {
            poll.options
                .iter()
                .find(|o| o.code == c)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| c.to_owned())
        };
        let winners: Vec<String> = outcome["winners"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|w| w.as_str())
            .map(label)
            .collect();
        result_words = i18n::message_with(
            lang,
            "voter-board-outcome",
            &[
                ("method", poll.method.name().into()),
                ("electronic", (r.electronic).into()),
                ("paper", (r.paper).into()),
                ("winners", winners.join(", ").into()),
            ],
        );
        result = match ratings {
            Some(ratings) => ratings
                .overall
                .iter()
                .map(|row| ResultRow {
                    place: row.place.to_string(),
                    name: row.full_name.clone(),
                    votes: row.votes.clone().unwrap_or_default(),
                })
                .collect(),
            None => outcome["ranking"]
                .as_array()
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, group)| {
                    let codes: Vec<&str> = group
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|c| c.as_str())
                        .collect();
                    ResultRow {
                        place: (i + 1).to_string(),
                        name: codes
                            .iter()
                            .map(|c| label(c))
                            .collect::<Vec<_>>()
                            .join(", "),
                        votes: codes
                            .iter()
                            .filter_map(|c| last_round_votes(&outcome, c))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                })
                .collect(),
        };
    }
    let finding = if check {
        Some(finding(state, &poll, lang, q.tracker.trim(), q.ballot_hash.trim()).await?)
    } else {
        None
    };
    let summary = i18n::message_with(
        lang,
        if counted {
            "voter-board-counted"
        } else {
            "voter-board-not-yet"
        },
        &[("status", poll.status.as_str().into())],
    );
    let html = BoardPage {
        frame: Frame::new(lang, &format!("/polls/{code}/board"), None),
        code: code.to_string(),
        title: poll.title.clone(),
        summary,
        result_words,
        result,
        tracker: q.tracker,
        ballot_hash: q.ballot_hash,
        finding,
        counted,
        method: poll.method.name(),
        seats: poll.seats,
        turnout: if counted {
            String::new()
        } else {
            turnout_region(state, &code, lang).await?
        },
    }
    .render()?;
    let mut page = Html(html).into_response();
    if remember {
        crate::frame::remember_lang(state, page.headers_mut(), lang);
    }
    Ok(page)
}

/// The poll's turnout in words: while it runs, only in steps of the publication step (and
/// nothing for a roll under it), as `GET /api/polls/{code}/turnout` shows it.
async fn turnout_region(state: &AppState, code: &Code, lang: Lang) -> Result<String, WebError> {
    let poll = state.app.poll(code).await?;
    let units = state.app.turnout(code).await?;
    let roll: i64 = units.iter().map(|u| u.roll).sum();
    let voted: i64 = units.iter().map(|u| u.voted).sum();
    let running = !matches!(poll.status, PollStatus::Closed | PollStatus::Counted);
    let publication = state.app.publication();
    let shown = if running {
        publication
            .live_count(
                u64::try_from(roll).unwrap_or(0),
                u64::try_from(voted).unwrap_or(0),
            )
            .map(|n| n.to_string())
    } else {
        Some(voted.to_string())
    };
    let step = i64::try_from(publication.step).unwrap_or(i64::MAX);
    Ok(TurnoutRegion {
        voted: shown.clone(),
        of_roll: i18n::message_with(lang, "voter-turnout-of-roll", &[("roll", roll.into())]),
        hidden: i18n::message_with(lang, "voter-turnout-hidden", &[("step", step.into())]),
        step_note: if running && shown.is_some() {
            i18n::message_with(lang, "voter-turnout-step", &[("step", step.into())])
        } else {
            String::new()
        },
    }
    .render()?)
}

/// `GET /polls/{code}/turnout/live`: the board page's turnout region, live (the same for
/// everyone: one rendering per journal head and language).
pub async fn turnout_live(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let code = WebError::parse_code("poll", &code)?;
    let (lang, _) = page_lang(&q, &headers)?;
    let key = format!("turnout/{code}/{}", lang.as_str());
    let for_stream = state.clone();
    crate::live::serve(&state, &headers, Some(key), move || {
        let state = for_stream.clone();
        let code = code.clone();
        async move { turnout_region(&state, &code, lang).await }
    })
    .await
}

/// A candidate's votes in the count's last round (none for Schulze, which counts pairs).
fn last_round_votes(outcome: &serde_json::Value, candidate: &str) -> Option<String> {
    let last = outcome["rounds"].as_array()?.last()?;
    let found = last["tallies"]
        .as_array()?
        .iter()
        .find(|t| t["candidate"] == candidate)?;
    Some(match &found["votes"] {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    })
}

/// What a check of a tracker (and ballot hash) found, in words.
async fn finding(
    state: &AppState,
    poll: &Poll,
    lang: Lang,
    tracker: &str,
    ballot_hash: &str,
) -> Result<String, WebError> {
    let Ok(tracker) = Hash32::from_hex(tracker) else {
        return Ok(i18n::message(lang, "voter-check-bad-tracker"));
    };
    if poll.status == PollStatus::Counted {
        let published = state.app.published_board(&poll.code).await?;
        let board = &published.board;
        let open = board.entries.iter().find(|e| e.tracker == tracker);
        let sealed = board.receipts.iter().find(|e| e.tracker == tracker);
        return Ok(match (open, sealed) {
            (Some(_), _) => i18n::message(lang, "voter-check-on-board"),
            (None, Some(entry)) => match Hash32::from_hex(ballot_hash) {
                Ok(hash) if hash == entry.ballot_hash => {
                    i18n::message(lang, "voter-check-on-board")
                }
                Ok(_) => i18n::message(lang, "voter-check-hash-differs"),
                Err(_) => i18n::message(lang, "voter-check-on-board-tracker"),
            },
            (None, None) => i18n::message(lang, "voter-check-not-on-board"),
        });
    }
    let Ok(hash) = Hash32::from_hex(ballot_hash) else {
        return Ok(i18n::message(lang, "voter-check-need-hash"));
    };
    Ok(
        match state
            .app
            .receipt_standing(&poll.code, &tracker, &hash)
            .await?
        {
            ReceiptStanding::NotFound => i18n::message(lang, "voter-check-not-found"),
            ReceiptStanding::HeldBack => i18n::message(lang, "voter-check-held-back"),
            ReceiptStanding::Committed { size, .. } => i18n::message_with(
                lang,
                "voter-check-committed",
                &[("size", (size as i64).into())],
            ),
        },
    )
}
