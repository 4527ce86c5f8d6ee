//! The language of a page: `?lang=` first, then `Accept-Language`, else Russian; and its words.

use crate::WebError;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use mandat_core::{Lang, i18n};
use mandat_print::NavLink;

/// The language a page is shown in: `?lang=` (an unknown one is a 400 naming the choices), then
/// the browser's `Accept-Language`, else Russian.
pub fn chosen(query: Option<&str>, headers: &HeaderMap) -> Result<Lang, WebError> {
    if let Some(text) = query {
        return Lang::parse(text)
            .ok_or_else(|| WebError::bad("bad_language", vec![("value", text.into())]));
    }
    Ok(headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or(Lang::Ru))
}

/// `?lang=` of a page or an API call.
#[derive(serde::Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

impl LangQuery {
    /// The query of a handler that reads `lang` among other fields.
    pub fn of(lang: Option<String>) -> LangQuery {
        LangQuery { lang }
    }

    /// Whether the request named a language.
    pub fn given(&self) -> bool {
        self.lang.is_some()
    }

    /// `?lang=`, then the browser's `Accept-Language`, else Russian; an unknown `lang` is a 400
    /// that names the choices.
    pub fn lang(&self, headers: &HeaderMap) -> Result<Lang, WebError> {
        chosen(self.lang.as_deref(), headers)
    }
}

/// The fixed words of a page in its language, for templates: `{{ words.get("key") }}`.
pub struct Words {
    pub lang: Lang,
}

impl Words {
    pub fn get(&self, key: &str) -> String {
        i18n::message(self.lang, key)
    }

    pub fn code(&self) -> &'static str {
        self.lang.as_str()
    }
}

/// The same page in each language, each named in its own language; the page shown is marked.
pub fn links(path: &str, shown: Lang) -> Vec<NavLink> {
    Lang::ALL
        .into_iter()
        .map(|lang| NavLink {
            href: format!("{path}?lang={}", lang.as_str()),
            text: i18n::message(lang, "language-name"),
            current: lang == shown,
        })
        .collect()
}
