//! Sending text messages: the trait the sign-in codes go through, a development outbox file, and an HTTP sender for a real SMS gateway.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("the outbox file {path}: {error}")]
    Outbox { path: String, error: std::io::Error },
    #[error("the SMS gateway answered {status} after {tries} tries")]
    Refused { status: u16, tries: u32 },
    #[error("the SMS gateway could not be reached after {tries} tries: {error}")]
    Unreachable { tries: u32, error: String },
    #[error("the SMS gateway is configured wrongly: {0}")]
    Config(String),
}

/// A sending in progress.
pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<(), SmsError>> + Send + 'a>>;

/// Something that sends a text to a phone number.
pub trait SmsSender: Send + Sync {
    /// Sends `text` to `to` (`+7…`); answers once the gateway took it (or gave up).
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> Sending<'a>;
    /// What this sender is, for the operator's log.
    fn describe(&self) -> String;
}

/// The development sender: one JSON line `{"to":"+7…","text":"…"}` per message, appended to a
/// file (`mandat serve --sms-outbox FILE`); a tester reads the codes from it.
pub struct OutboxSender {
    path: PathBuf,
    /// One writer at a time, so that lines never interleave.
    lock: tokio::sync::Mutex<()>,
}

impl OutboxSender {
    pub fn new(path: impl Into<PathBuf>) -> OutboxSender {
        OutboxSender {
            path: path.into(),
            lock: tokio::sync::Mutex::new(()),
        }
    }
}

impl SmsSender for OutboxSender {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> Sending<'a> {
        Box::pin(async move {
            use tokio::io::AsyncWriteExt;
            let mut line = serde_json::json!({ "to": to, "text": text }).to_string();
            line.push('\n');
            let outbox_error = |error| SmsError::Outbox {
                path: self.path.display().to_string(),
                error,
            };
            let _one_at_a_time = self.lock.lock().await;
            let mut file = tokio::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.path)
                .await
                .map_err(outbox_error)?;
            file.write_all(line.as_bytes())
                .await
                .map_err(outbox_error)?;
            file.flush().await.map_err(outbox_error)
        })
    }

    fn describe(&self) -> String {
        format!("the outbox file {}", self.path.display())
    }
}

/// How to reach a real SMS gateway.
#[derive(Clone, Debug)]
pub struct GatewayConfig {
    /// The address to POST to; `{to}` and `{text}` in it are replaced by the URL-encoded
    /// number and text. The body is always the JSON `{"to":…,"text":…}`.
    pub url_template: String,
    /// Sent as `Authorization: Bearer …` when set (read from a file or the environment, never
    /// from the command line, so that it does not show in the process list).
    pub token: Option<String>,
    /// How long one try may take.
    pub timeout: Duration,
    /// Tries after the first, on a network failure, a 429 or a 5xx.
    pub retries: u32,
}

/// Sends through an HTTP gateway, retrying what may pass on a second try.
pub struct HttpSender {
    config: GatewayConfig,
    client: reqwest::Client,
}

impl HttpSender {
    pub fn new(config: GatewayConfig) -> Result<HttpSender, SmsError> {
        if !config.url_template.starts_with("https://")
            && !config.url_template.starts_with("http://")
        {
            return Err(SmsError::Config(format!(
                "the gateway address «{}» must start with https:// (or http:// for a gateway on this machine)",
                config.url_template
            )));
        }
        // The process's TLS provider; an earlier install (another sender) is just as good. ring
        // rather than aws-lc-rs keeps the build free of cmake and a long C compile; the gateway
        // link carries one-time codes that live 5 minutes, for which classical key exchange is
        // enough (the post-quantum exchange guards secrets that must last years).
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        let _ = provider.install_default();
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .build()
            .map_err(|e| SmsError::Config(e.to_string()))?;
        Ok(HttpSender { config, client })
    }

    fn url(&self, to: &str, text: &str) -> String {
        let encode =
            |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        self.config
            .url_template
            .replace("{to}", &encode(to))
            .replace("{text}", &encode(text))
    }
}

impl SmsSender for HttpSender {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> Sending<'a> {
        Box::pin(async move {
            let url = self.url(to, text);
            let body = serde_json::json!({ "to": to, "text": text });
            let mut tries = 0;
            loop {
                tries += 1;
                let mut request = self.client.post(&url).json(&body);
                if let Some(token) = &self.config.token {
                    request = request.bearer_auth(token);
                }
                let retry = match request.send().await {
                    Ok(answer) if answer.status().is_success() => return Ok(()),
                    Ok(answer) => {
                        let status = answer.status();
                        if !(status.is_server_error() || status.as_u16() == 429) {
                            return Err(SmsError::Refused {
                                status: status.as_u16(),
                                tries,
                            });
                        }
                        SmsError::Refused {
                            status: status.as_u16(),
                            tries,
                        }
                    }
                    Err(e) => SmsError::Unreachable {
                        tries,
                        error: e.to_string(),
                    },
                };
                if tries > self.config.retries {
                    return Err(retry);
                }
                // 250 ms, 500 ms, 1 s, …: a gateway that is briefly overloaded gets room.
                tokio::time::sleep(Duration::from_millis(250 << (tries - 1).min(5))).await;
            }
        })
    }

    fn describe(&self) -> String {
        let shown = self
            .config
            .url_template
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        format!("the SMS gateway at {shown}")
    }
}
