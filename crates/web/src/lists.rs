//! Party lists for the public: an index, each list as a page, CSV and PDF, and JSON; never an IIN.

use crate::language::{self, LangQuery, Words};
use crate::{AppState, WebError};
use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse};
use jiff::tz::TimeZone;
use mandat_core::lists::publish::{document, public_csv, status_word};
use mandat_core::lists::{ListSheet, ListStatus, PartyList};
use mandat_core::{Code, Missing, Snapshot};
use mandat_core::{Lang, i18n};
use mandat_print::NavLink;
use serde::Serialize;

/// One list as the index and `GET /api/lists` show it.
#[derive(Serialize)]
pub struct ListSummary {
    campaign: Code,
    campaign_name: String,
    target: Code,
    target_name: String,
    #[serde(flatten)]
    status: ListStatus,
    revision: u32,
    names: usize,
    violations: usize,
    updated_at: jiff::Timestamp,
}

fn summaries(snap: &Snapshot, lists: Vec<PartyList>) -> Vec<ListSummary> {
    let mut out: Vec<ListSummary> = lists
        .into_iter()
        .map(|list| {
            let key = (list.campaign.clone(), list.target.clone());
            ListSummary {
                campaign_name: snap
                    .campaigns
                    .get(&list.campaign)
                    .map_or_else(String::new, |c| c.name.clone()),
                target_name: snap
                    .targets
                    .get(&key)
                    .map_or_else(String::new, |t| t.name.clone()),
                names: list.entries.len(),
                violations: list.violations.len(),
                campaign: list.campaign,
                target: list.target,
                status: list.status,
                revision: list.revision,
                updated_at: list.updated_at,
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.campaign, &a.target).cmp(&(&b.campaign, &b.target)));
    out
}

/// `GET /api/lists`: every list with its status, revision and counts.
pub async fn index_json(State(state): State<AppState>) -> Result<Json<Vec<ListSummary>>, WebError> {
    let snap = state.app.snapshot().await?;
    let lists = state.app.party_lists(None).await?;
    Ok(Json(summaries(&snap, lists)))
}

/// One line of the index page.
struct IndexLine {
    campaign: String,
    campaign_name: String,
    target: String,
    target_name: String,
    status: String,
    revision: u32,
    names: usize,
    violations: usize,
}

#[derive(Template)]
#[template(path = "lists.html")]
struct IndexPage {
    words: Words,
    languages: Vec<NavLink>,
    lines: Vec<IndexLine>,
    head: String,
}

/// `GET /lists`: the index of lists with their status and links to each list's page and files.
pub async fn index_page(
    State(state): State<AppState>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, WebError> {
    let lang = q.lang(&headers)?;
    let snap = state.app.snapshot().await?;
    let lists = state.app.party_lists(None).await?;
    let head = state.app.head().await?;
    let lines = summaries(&snap, lists)
        .into_iter()
        .map(|s| IndexLine {
            status: status_word(lang, &s.status),
            campaign: s.campaign.to_string(),
            campaign_name: s.campaign_name,
            target: s.target.to_string(),
            target_name: s.target_name,
            revision: s.revision,
            names: s.names,
            violations: s.violations,
        })
        .collect();
    Ok(Html(
        IndexPage {
            words: Words { lang },
            languages: language::links("/lists", lang),
            lines,
            head: head.to_string(),
        }
        .render()?,
    ))
}

/// The sheet of one list and its campaign's time zone; 404 with what is missing.
async fn sheet(
    state: &AppState,
    campaign: &str,
    target: &str,
) -> Result<(ListSheet, TimeZone), WebError> {
    let campaign = WebError::parse_code("campaign", campaign)?;
    let target = WebError::parse_code("target", target)?;
    let snap = state.app.snapshot().await?;
    let Some(found) = snap.campaigns.get(&campaign) else {
        return Err(WebError::NotFound(Missing::Campaign(campaign)));
    };
    // A zone name that cannot be resolved still shows the list, with dates in UTC.
    let zone = found.zone().unwrap_or(TimeZone::UTC);
    if !snap
        .targets
        .contains_key(&(campaign.clone(), target.clone()))
    {
        return Err(WebError::NotFound(Missing::Target { campaign, target }));
    }
    match state.app.list_sheet(&campaign, &target).await? {
        Some(sheet) => Ok((sheet, zone)),
        None => Err(WebError::NotFound(Missing::List { campaign, target })),
    }
}

/// `GET /api/lists/{campaign}/{target}`: the list as JSON, every place with its public particulars.
pub async fn one_json(
    State(state): State<AppState>,
    Path((campaign, target)): Path<(String, String)>,
) -> Result<Json<ListSheet>, WebError> {
    let (sheet, _) = sheet(&state, &campaign, &target).await?;
    Ok(Json(sheet))
}

/// `GET /lists/{campaign}/{target}?lang=ru|kk|en`: the list as a page, the same document as the PDF under a bar of links.
pub async fn page(
    State(state): State<AppState>,
    Path((campaign, target)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Html<String>, WebError> {
    let lang = q.lang(&headers)?;
    let (sheet, zone) = sheet(&state, &campaign, &target).await?;
    Ok(Html(mandat_print::html_with_nav(
        &document(&sheet, lang, &zone),
        &page_links(&sheet, lang),
    )))
}

/// The bar above a list's page: back to the index, the page in each language, its files in the
/// page's language, and the minutes of the meeting that votes on or approved the list.
fn page_links(sheet: &ListSheet, lang: Lang) -> Vec<Vec<NavLink>> {
    let here = format!("/lists/{}/{}", sheet.campaign, sheet.target);
    let link = |href: String, text: String| NavLink {
        href,
        text,
        current: false,
    };
    let mut groups = vec![
        vec![link(
            format!("/lists?lang={}", lang.as_str()),
            i18n::message(lang, "page-all-lists"),
        )],
        crate::language_links(&here, lang),
        vec![
            link(
                format!("{here}/list.csv?lang={}", lang.as_str()),
                "CSV".to_owned(),
            ),
            link(
                format!("{here}/list.pdf?lang={}", lang.as_str()),
                "PDF".to_owned(),
            ),
        ],
    ];
    if let ListStatus::UnderVote { meeting, .. } | ListStatus::Approved { meeting, .. } =
        &sheet.list.status
    {
        groups.push(vec![link(
            format!("/meetings/{meeting}/minutes?lang={}", lang.as_str()),
            minutes_of(lang, meeting.as_str()),
        )]);
    }
    groups
}

fn minutes_of(lang: Lang, meeting: &str) -> String {
    i18n::message_with(lang, "page-minutes-of", &[("meeting", meeting.into())])
}

/// `GET /lists/{campaign}/{target}/list.csv?lang=ru|kk`: the public CSV (UTF-8 with BOM, no IINs).
pub async fn csv(
    State(state): State<AppState>,
    Path((campaign, target)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, WebError> {
    let lang = q.lang(&headers)?;
    let (sheet, _) = sheet(&state, &campaign, &target).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, attachment(&sheet, lang, "csv")),
        ],
        public_csv(&sheet, lang),
    ))
}

/// `GET /lists/{campaign}/{target}/list.pdf?lang=ru|kk`: the list as PDF.
pub async fn pdf(
    State(state): State<AppState>,
    Path((campaign, target)): Path<(String, String)>,
    Query(q): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, WebError> {
    let lang = q.lang(&headers)?;
    let (sheet, zone) = sheet(&state, &campaign, &target).await?;
    // Laying out a PDF is CPU work: keep it off the threads that serve requests.
    let bytes = tokio::task::spawn_blocking(move || {
        mandat_print::pdf(&document(&sheet, lang, &zone)).map(|bytes| (bytes, sheet))
    })
    .await
    .map_err(|e| WebError::Internal(format!("the PDF worker stopped: {e}")))?
    .map_err(|e| WebError::Internal(format!("cannot lay out the list: {e}")))?;
    let (bytes, sheet) = bytes;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, attachment(&sheet, lang, "pdf")),
        ],
        bytes,
    ))
}

/// `inline; filename="TARGET.LANG.EXT"`: codes are Latin letters, digits, '-', '_' and '.', safe in a header.
fn attachment(sheet: &ListSheet, lang: Lang, extension: &str) -> String {
    format!(
        "inline; filename=\"{}.{}.{extension}\"",
        sheet.target,
        lang.as_str()
    )
}
