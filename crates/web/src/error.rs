//! One error type for the HTTP layer, the one place that maps it to a status and a code, and the middleware that writes the answer in the request's language.
//!
//! A handler's error becomes a response carrying an [`ErrorReport`] as an extension; the
//! [`render_errors`] middleware, which sees the request's `?lang=` and `Accept-Language`, writes
//! the body: `{"error":{"code":…,"field":…,"message":…,"params":{…}}}` for the JSON API
//! (`/api/…`, `….json`), the sentence alone for pages and files.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mandat_core::i18n::{self, Param, Problem};
use mandat_core::{Lang, RuleError};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    Store(#[from] mandat_store::StoreError),
    #[error("the page could not be drawn")]
    Render(#[from] askama::Error),
    /// What the visitor asked for is not in the record.
    #[error("{0}")]
    NotFound(mandat_core::Missing),
    /// An answer with its own code and catalogue sentence (`api-<code>` in `api.ftl`).
    #[error("{code}")]
    Api {
        status: StatusCode,
        code: &'static str,
        params: Vec<(&'static str, Param)>,
        /// What the ballot box or the rules said more, in the reader's language (`$detail`).
        detail: Option<Arc<dyn Problem>>,
        /// Seconds to wait, sent as `Retry-After`.
        retry_after: Option<u64>,
    },
    /// Logged, never shown.
    #[error("{0}")]
    Internal(String),
}

impl WebError {
    /// An API answer with `code` and no parameters.
    pub fn api(status: StatusCode, code: &'static str) -> WebError {
        WebError::with(status, code, Vec::new())
    }

    /// An answer with `code` and its parameters.
    pub fn with(
        status: StatusCode,
        code: &'static str,
        params: Vec<(&'static str, Param)>,
    ) -> WebError {
        WebError::Api {
            status,
            code,
            params,
            detail: None,
            retry_after: None,
        }
    }

    /// An answer with `code` whose sentence ends with what the box or the rules said (`$detail`).
    pub fn api_detail(
        status: StatusCode,
        code: &'static str,
        detail: impl Problem + 'static,
    ) -> WebError {
        WebError::Api {
            status,
            code,
            params: Vec::new(),
            detail: Some(Arc::new(detail)),
            retry_after: None,
        }
    }

    /// A code from the path or the query, or a 400 naming the field and what is wrong with it.
    pub fn parse_code(field: &'static str, text: &str) -> Result<mandat_core::Code, WebError> {
        mandat_core::Code::parse(text).map_err(|problem| WebError::Api {
            status: StatusCode::BAD_REQUEST,
            code: "bad_code",
            params: vec![("field", field.into()), ("value", text.into())],
            detail: Some(Arc::new(problem)),
            retry_after: None,
        })
    }

    /// A 400 for a request field that is not what it must be (`bad_<what>` in `api.ftl`).
    pub fn bad(code: &'static str, params: Vec<(&'static str, Param)>) -> WebError {
        WebError::with(StatusCode::BAD_REQUEST, code, params)
    }
}

/// What went wrong, before it is written in the reader's language.
#[derive(Clone, Debug)]
pub struct ErrorReport {
    pub status: StatusCode,
    pub what: Reported,
}

#[derive(Clone, Debug)]
pub enum Reported {
    /// A refusal of the rules: its code, field, parameters and catalogue sentence.
    Refusal(RuleError),
    /// Something asked for that the record does not hold.
    NotFound(mandat_core::Missing),
    /// An API answer whose sentence is the catalogue's `api-<code>` with `params`, and `detail`.
    Api {
        code: &'static str,
        params: Vec<(&'static str, Param)>,
        detail: Option<Arc<dyn Problem>>,
    },
    /// An internal failure: the detail is in the log, the visitor reads a general sentence.
    Internal,
}

impl ErrorReport {
    pub fn code(&self) -> &'static str {
        match &self.what {
            Reported::Refusal(refusal) => refusal.code(),
            Reported::NotFound(missing) => missing.code(),
            Reported::Api { code, .. } => code,
            Reported::Internal => "internal",
        }
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match &self.what {
            Reported::Refusal(refusal) => refusal.message(lang),
            Reported::NotFound(missing) => missing.message(lang),
            Reported::Api {
                code,
                params,
                detail,
            } => {
                let mut params = params.clone();
                if let Some(detail) = detail {
                    params.push(("detail", Param::Text(detail.message(lang))));
                }
                i18n::message_with(lang, &format!("api-{code}"), &params)
            }
            Reported::Internal => i18n::message(lang, "error-internal"),
        }
    }

    /// The JSON body: code, field, sentence and parameters.
    pub fn json(&self, lang: Lang) -> serde_json::Value {
        let (field, params) = match &self.what {
            Reported::Refusal(refusal) => (refusal.field(), refusal.params()),
            Reported::NotFound(missing) => (None, missing.params(lang)),
            Reported::Api { params, detail, .. } => {
                let mut params = params.clone();
                if let Some(detail) = detail {
                    params.push(("detail", Param::from(detail.code())));
                }
                (None, params)
            }
            Reported::Internal => (None, Vec::new()),
        };
        let params: serde_json::Map<String, serde_json::Value> = params
            .into_iter()
            .map(|(name, value)| {
                let value = match value {
                    Param::Text(text) => serde_json::Value::from(text),
                    Param::Number(n) => serde_json::Value::from(n),
                };
                (name.to_owned(), value)
            })
            .collect();
        serde_json::json!({
            "error": {
                "code": self.code(),
                "field": field,
                "message": self.message(lang),
                "params": params,
            }
        })
    }
}

/// The sentence of an error in `lang`, for a page that shows it beside a field.
pub fn message_of(error: &WebError, lang: Lang) -> String {
    error.report().message(lang)
}

impl WebError {
    fn report(&self) -> ErrorReport {
        let (status, what) = match self {
            WebError::Store(mandat_store::StoreError::Rule(rule)) if !rule.is_internal() => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Reported::Refusal(rule.clone()),
            ),
            WebError::Store(mandat_store::StoreError::NotFound(missing))
            | WebError::NotFound(missing) => {
                (StatusCode::NOT_FOUND, Reported::NotFound(missing.clone()))
            }
            WebError::Api {
                status,
                code,
                params,
                detail,
                ..
            } => (
                *status,
                Reported::Api {
                    code,
                    params: params.clone(),
                    detail: detail.clone(),
                },
            ),
            _ => (StatusCode::INTERNAL_SERVER_ERROR, Reported::Internal),
        };
        ErrorReport { status, what }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let report = self.report();
        if matches!(report.what, Reported::Internal) {
            // Internal details go to the log, never to the visitor.
            tracing::error!(error = %self, "request failed");
        }
        // The body written here (English) stands until `render_errors` writes it in the
        // request's language.
        let mut response = (
            report.status,
            [(header::CONTENT_TYPE, "application/json")],
            report.json(Lang::En).to_string(),
        )
            .into_response();
        if let WebError::Api {
            retry_after: Some(seconds),
            ..
        } = &self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, axum::http::HeaderValue::from(*seconds));
        }
        response.extensions_mut().insert(report);
        response
    }
}

/// The language a request asks for: `?lang=`, then `Accept-Language`, then Russian.
pub fn request_lang(request: &Request) -> Lang {
    let from_query = request.uri().query().and_then(|query| {
        query
            .split('&')
            .filter_map(|pair| pair.strip_prefix("lang="))
            .find_map(Lang::parse)
    });
    from_query
        .or_else(|| {
            request
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::Ru)
}

/// Whether a path answers JSON (the API and the `.json` files) rather than a page or a file.
fn is_json_path(path: &str) -> bool {
    path.starts_with("/api/") || path.ends_with(".json")
}

/// Writes the body of an error response in the request's language: JSON for the API, the
/// sentence alone (plain text) for pages and files.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let lang = request_lang(&request);
    let json = is_json_path(request.uri().path());
    let response = next.run(request).await;
    let Some(report) = response.extensions().get::<ErrorReport>().cloned() else {
        return response;
    };
    let mut rendered = if json {
        (
            report.status,
            [(header::CONTENT_TYPE, "application/json")],
            report.json(lang).to_string(),
        )
            .into_response()
    } else {
        (
            report.status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            report.message(lang),
        )
            .into_response()
    };
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rendered.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rendered.extensions_mut().insert(report);
    rendered
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use axum::Router;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn refused() -> Result<(), WebError> {
        Err(WebError::Store(mandat_store::StoreError::Rule(
            RuleError::NoQuorum {
                present: 3,
                electorate: 10,
                needed: 6,
                action: "open_meeting",
            },
        )))
    }

    async fn broken() -> Result<(), WebError> {
        Err(WebError::Store(mandat_store::StoreError::Corrupt(
            "secret detail".into(),
        )))
    }

    /// (status line, body) of `GET path` with `extra` headers.
    async fn fetch(addr: std::net::SocketAddr, path: &str, extra: &str) -> (String, String) {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\n{extra}Connection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        let (head, body) = answer.split_once("\r\n\r\n").unwrap();
        (head.lines().next().unwrap().to_owned(), body.to_owned())
    }

    #[tokio::test]
    async fn errors_answer_a_code_and_a_sentence_in_the_request_language() {
        let app = Router::new()
            .route("/api/refused", axum::routing::get(refused))
            .route("/page", axum::routing::get(refused))
            .route("/api/broken", axum::routing::get(broken))
            .layer(axum::middleware::from_fn(render_errors));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app).await });

        let (status, body) = fetch(addr, "/api/refused", "Accept-Language: kk-KZ\r\n").await;
        assert!(status.contains("422"), "{status}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"]["code"], "no_quorum");
        assert_eq!(json["error"]["params"]["present"], 3);
        assert!(
            json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("кворум жоқ"),
            "{body}"
        );
        let (_, body) = fetch(addr, "/api/refused?lang=en", "Accept-Language: kk\r\n").await;
        assert!(body.contains("no quorum: 3 of 10 present"), "{body}");
        let (_, body) = fetch(addr, "/api/refused", "").await;
        assert!(body.contains("кворума нет"), "Russian by default: {body}");
        let (status, body) = fetch(addr, "/page?lang=en", "").await;
        assert!(status.contains("422"), "{status}");
        assert!(
            body.starts_with("no quorum"),
            "a page gets the sentence: {body}"
        );
        let (status, body) = fetch(addr, "/api/broken", "Accept-Language: en\r\n").await;
        assert!(status.contains("500"), "{status}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(json["error"]["code"], "internal");
        assert!(!body.contains("secret detail"), "{body}");
        server.abort();
    }
}
