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
    let document = mandat_core::meeting::minutes_text::render(&minutes, lang);
    let here = format!("/meetings/{meeting}/minutes");
    Ok(Html(mandat_print::html_with_nav(
        &document,
        &[crate::language_links(&here, lang)],
    )))
}
