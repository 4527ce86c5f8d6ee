//! The frame of every voter page: its language (with the choice remembered), the language switch that keeps the place, the stylesheet and script, the sign-out form; and the error summary entries.

use crate::extract::{LANG_COOKIE, cookie, set_cookie};
use crate::language::{LangQuery, Words};
use crate::{AppState, WebError};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use mandat_core::{Lang, i18n};
use mandat_print::NavLink;

/// What every voter page shows around its content.
pub struct Frame {
    pub words: Words,
    pub languages: Vec<NavLink>,
    pub stylesheet: String,
    pub script: String,
    /// The live regions' script (pages with `data-live` regions load it).
    pub live_script: String,
    /// The CSRF token of the sign-out form, when someone is signed in.
    pub signout_csrf: Option<String>,
}

/// One problem in a form: the field's id (the summary links to it) and the sentence.
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// The language of a voter page: `?lang=`, then the remembered choice, then the browser's, else
/// Russian. Answers also whether `?lang=` was given (then the choice is remembered).
pub fn page_lang(q: &LangQuery, headers: &HeaderMap) -> Result<(Lang, bool), WebError> {
    if q.given() {
        return Ok((q.lang(headers)?, true));
    }
    if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(|c| Lang::parse(&c)) {
        return Ok((lang, false));
    }
    Ok((q.lang(headers)?, false))
}

impl Frame {
    /// The frame of the page at `path` (its query, if any, kept by the language links).
    pub fn new(lang: Lang, path: &str, signout_csrf: Option<String>) -> Frame {
        let (base, query) = match path.split_once('?') {
            Some((base, query)) => (base, Some(query)),
            None => (path, None),
        };
        let kept: Vec<&str> = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
            .collect();
        let languages = Lang::ALL
            .into_iter()
            .map(|l| {
                let mut href = format!("{base}?");
                for pair in &kept {
                    href.push_str(pair);
                    href.push('&');
                }
                href.push_str("lang=");
                href.push_str(l.as_str());
                NavLink {
                    href,
                    text: i18n::message(l, "language-name"),
                    current: l == lang,
                }
            })
            .collect();
        Frame {
            words: Words { lang },
            languages,
            stylesheet: crate::assets::stylesheet(),
            script: crate::assets::script(),
            live_script: crate::assets::live_script(),
            signout_csrf,
        }
    }
}

/// A rendered personal page: never cached, and the language remembered when it was chosen.
pub fn personal(state: &AppState, html: String, lang: Lang, remember: bool) -> Response {
    let mut response = Html(html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if remember {
        remember_lang(state, headers, lang);
    }
    response
}

/// A personal page answered with `status` (a refusal shown beside its field, "already voted").
pub fn personal_with(state: &AppState, html: String, lang: Lang, status: StatusCode) -> Response {
    let mut page = personal(state, html, lang, false);
    *page.status_mut() = status;
    page
}

/// Adds the `Set-Cookie` that remembers the language for a year.
pub fn remember_lang(state: &AppState, headers: &mut HeaderMap, lang: Lang) {
    let value = set_cookie(
        LANG_COOKIE,
        lang.as_str(),
        365 * 24 * 3600,
        state.settings.secure_cookies,
        true,
    );
    if let Ok(value) = HeaderValue::from_str(&value) {
        headers.append(header::SET_COOKIE, value);
    }
}
