//! Meeting pages and JSON: the ladder's progress and a meeting's minutes as a page.

use crate::{AppState, WebError};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Html;

use mandat_core::meeting::progress::Progress;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct StatusQuery {
    unit: Option<String>,
    campaign: Option<String>,
}

/// `GET /api/status?unit=ALM&campaign=almaty-2020`: what `mandat status --json` prints.
pub async fn status_json(
    State(state): State<AppState>,
    Query(q): Query<StatusQuery>,
) -> Result<Json<Progress>, WebError> {
    let unit = q
        .unit
        .as_deref()
        .map(|u| WebError::parse_code("unit", u))
        .transpose()?;
    let campaign = q
        .campaign
        .as_deref()
        .map(|c| WebError::parse_code("campaign", c))
        .transpose()?;
    Ok(Json(
        state.app.progress(unit.as_ref(), campaign.as_ref()).await?,
    ))
}

/// `GET /meetings/{code}/minutes?lang=ru|kk|en`: the minutes as a page, the same document as the PDF under the language links.
pub async fn minutes_page(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
    Query(q): Query<crate::language::LangQuery>,
    headers: axum::http::HeaderMap,
) -> Result<Html<String>, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let lang = q.lang(&headers)?;
    let minutes = state.app.minutes(&meeting).await?;
    let aside = streams_of(&state, &meeting, lang).await?;
    let document = mandat_core::meeting::minutes_text::render(&minutes, lang);
    let here = format!("/meetings/{meeting}/minutes");
    let mut nav = vec![crate::language_links(&here, lang)];
    // The final minutes as PDF, once the meeting has ended.
    if matches!(
        minutes.status,
        mandat_core::meeting::model::MeetingStatus::Closed
            | mandat_core::meeting::model::MeetingStatus::Failed
    ) {
        nav.push(
            [mandat_core::Lang::Ru, mandat_core::Lang::Kk]
                .into_iter()
                .map(|pdf| mandat_print::NavLink {
                    href: format!("/meetings/{meeting}/minutes.pdf?lang={}", pdf.as_str()),
                    text: mandat_core::i18n::message(
                        lang,
                        &format!("console-minutes-pdf-{}", pdf.as_str()),
                    ),
                    current: false,
                })
                .collect(),
        );
    }
    // The hand-signed scan beside the generated minutes, when one is attached.
    if minutes.signed.is_some() {
        nav.push(vec![mandat_print::NavLink {
            href: format!("/meetings/{meeting}/signed"),
            text: mandat_core::i18n::message(lang, "page-signed-scan"),
            current: false,
        }]);
    }
    Ok(Html(mandat_print::html_with_nav_and_aside(
        &document, &nav, &aside,
    )))
}

/// The livestreams of a meeting and of the debates held in its unit for its campaign.
async fn streams_of(
    state: &AppState,
    meeting: &mandat_core::Code,
    lang: mandat_core::Lang,
) -> Result<String, WebError> {
    use crate::streams::{StreamGroup, aside};
    let snap = state.app.store().read_snapshot().await?;
    let Some(m) = snap.meetings.get(meeting) else {
        return Ok(String::new());
    };
    let mut groups = vec![StreamGroup {
        heading: mandat_core::i18n::message(lang, "dashboard-streams-meeting"),
        streams: m.streams.clone(),
    }];
    let mut debates: Vec<&mandat_core::poll::Debate> = snap
        .debates
        .values()
        .filter(|d| d.unit == m.unit && d.campaign == m.campaign)
        .collect();
    debates.sort_by(|a, b| (a.starts_at, &a.code).cmp(&(b.starts_at, &b.code)));
    for d in debates {
        groups.push(StreamGroup {
            heading: mandat_core::i18n::message_with(
                lang,
                "dashboard-streams-debate",
                &[("debate", d.code.as_str().into())],
            ),
            streams: d.streams.clone(),
        });
    }
    Ok(aside(lang, &groups))
}

/// `GET /meetings/{code}/signed`: the hand-signed scan of the minutes as attached, its SHA-256
/// (the one the journal recorded) in `ETag` and `X-Content-SHA256`.
pub async fn signed_scan(
    State(state): State<AppState>,
    Path(meeting): Path<String>,
) -> Result<impl axum::response::IntoResponse, WebError> {
    let meeting = WebError::parse_code("meeting", &meeting)?;
    let Some((signed, content)) = state.app.signed_minutes_file(&meeting).await? else {
        return Err(WebError::NotFound(mandat_core::Missing::SignedScan(
            meeting,
        )));
    };
    let extension = match signed.media_type.as_str() {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        _ => "png",
    };
    use axum::http::header;
    Ok((
        [
            (header::CONTENT_TYPE, signed.media_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{meeting}.signed.{extension}\""),
            ),
            (header::ETAG, format!("\"{}\"", signed.sha256)),
            (
                header::HeaderName::from_static("x-content-sha256"),
                signed.sha256.clone(),
            ),
        ],
        content,
    ))
}
