//! Signing people in with their IIN and a one-time code: the answer given before any lookup, the queue that looks the IIN up and sends the code, the limits on sending, the check of a typed code, and the alarm when failures spread over many IINs.

use crate::sms::SmsSender;
use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::signin::CodeCheck;
use mandat_core::{Iin, Lang, i18n};
use mandat_store::{Session, Store, binding_mac, code_mac};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, mpsc};

/// The limits on sending codes. Sending costs money and each message is a chance to annoy or
/// harass someone, so they are per IIN, per phone and overall; none is per client address (a
/// carrier's NAT puts thousands of voters behind one).
#[derive(Clone, Debug)]
pub struct SignInSettings {
    /// Codes one IIN may ask for within `iin_window`.
    pub codes_per_iin: u32,
    pub iin_window: Duration,
    /// Messages one phone number may receive within `phone_window`.
    pub codes_per_phone: u32,
    pub phone_window: Duration,
    /// Messages the whole server sends per minute; `None` switches the budget off (a load test).
    pub messages_per_minute: Option<u32>,
    /// Distinct IINs with a failed code check within `alarm_window` that raise the alarm.
    pub alarm_failed_iins: usize,
    pub alarm_window: Duration,
    /// Code requests waiting to be looked up and sent; beyond it requests are dropped (and counted).
    pub queue: usize,
    /// Messages on their way at once (a slow gateway must not hold up the queue).
    pub concurrent_sends: usize,
}

impl Default for SignInSettings {
    fn default() -> SignInSettings {
        SignInSettings {
            codes_per_iin: 3,
            iin_window: Duration::from_secs(10 * 60),
            codes_per_phone: 6,
            phone_window: Duration::from_secs(60 * 60),
            // 2020's 662,687 voters over 62 hours average 3 a second; this is 30 times that.
            messages_per_minute: Some(6_000),
            alarm_failed_iins: 200,
            alarm_window: Duration::from_secs(5 * 60),
            queue: 50_000,
            concurrent_sends: 64,
        }
    }
}

/// What the sign-in has done since the server started, for the admins.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct SignInHealth {
    /// Code requests answered (every one gets the same 202).
    pub requested: u64,
    /// Codes sent to a phone.
    pub sent: u64,
    /// Requests for an IIN nobody in the registry has.
    pub unknown: u64,
    /// Requests held back by a limit (per IIN, per phone, or the server's budget).
    pub limited: u64,
    /// Requests dropped because the queue was full.
    pub dropped: u64,
    /// Messages the sender failed to deliver.
    pub send_failures: u64,
    /// Code checks that failed.
    pub failed_checks: u64,
    /// Distinct IINs with a failed check within the alarm window.
    pub failing_iins: usize,
    /// Whether failures across many IINs suggest someone is guessing codes.
    pub alarm: bool,
}

/// What a typed code brought.
#[derive(Debug)]
pub enum CodeAnswer {
    /// Signed in: the new session's token (shown to this browser only) and the session.
    SignedIn(String, Session),
    /// Not signed in; why (for the person: wrong, expired, locked, not asked here).
    Refused(CodeCheck),
}

struct Request {
    iin: Iin,
    binding_hash: String,
    lang: Lang,
}

#[derive(Default)]
struct Counters {
    requested: AtomicU64,
    sent: AtomicU64,
    unknown: AtomicU64,
    limited: AtomicU64,
    dropped: AtomicU64,
    send_failures: AtomicU64,
    failed_checks: AtomicU64,
}

/// Counts per key within a fixed window from the key's first event.
struct Windowed<K> {
    limit: u32,
    window: Duration,
    seen: HashMap<K, (Instant, u32)>,
}

impl<K: std::hash::Hash + Eq> Windowed<K> {
    fn new(limit: u32, window: Duration) -> Windowed<K> {
        Windowed {
            limit,
            window,
            seen: HashMap::new(),
        }
    }

    /// Counts one event for `key` at `now`; false when the key is over its limit.
    fn admit(&mut self, key: K, now: Instant) -> bool {
        if self.seen.len() > 100_000 {
            let window = self.window;
            self.seen
                .retain(|_, (since, _)| now.duration_since(*since) < window);
        }
        let entry = self.seen.entry(key).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return false;
        }
        entry.1 += 1;
        true
    }
}

struct Limits {
    per_iin: Windowed<Iin>,
    per_phone: Windowed<String>,
    /// The server's budget: messages in the current minute.
    minute: (Instant, u32),
    /// The last failed check per IIN.
    failures: HashMap<Iin, Instant>,
    alarm_raised: bool,
}

/// The sign-in codes of one server: the queue, the sender and the limits. Cheap to clone.
#[derive(Clone)]
pub struct CodeDesk {
    inner: Arc<Inner>,
    queue: mpsc::Sender<Request>,
}

struct Inner {
    store: Store,
    key: mandat_core::token::TokenKey,
    sender: Arc<dyn SmsSender>,
    settings: SignInSettings,
    limits: Mutex<Limits>,
    counters: Counters,
}

impl CodeDesk {
    /// Starts the desk: a task takes code requests off the queue, looks each IIN up, and sends.
    pub fn start(
        store: Store,
        key: mandat_core::token::TokenKey,
        sender: Arc<dyn SmsSender>,
        settings: SignInSettings,
    ) -> CodeDesk {
        let (queue, mut requests) = mpsc::channel::<Request>(settings.queue.max(1));
        let sends = Arc::new(Semaphore::new(settings.concurrent_sends.max(1)));
        tracing::info!("sign-in codes go through {}", sender.describe());
        let inner = Arc::new(Inner {
            store,
            key,
            sender,
            limits: Mutex::new(Limits {
                per_iin: Windowed::new(settings.codes_per_iin, settings.iin_window),
                per_phone: Windowed::new(settings.codes_per_phone, settings.phone_window),
                minute: (Instant::now(), 0),
                failures: HashMap::new(),
                alarm_raised: false,
            }),
            settings,
            counters: Counters::default(),
        });
        let worker = inner.clone();
        tokio::spawn(async move {
            while let Some(request) = requests.recv().await {
                let Ok(permit) = sends.clone().acquire_owned().await else {
                    break;
                };
                let inner = worker.clone();
                tokio::spawn(async move {
                    inner.handle(request).await;
                    drop(permit);
                });
            }
        });
        CodeDesk { inner, queue }
    }

    /// Queues a code for `iin`, bound to the browser holding `binding`, written in `lang`. Never
    /// waits and never fails: the caller answers the same whatever becomes of it.
    pub fn request(&self, iin: Iin, binding: &str, lang: Lang) {
        self.inner
            .counters
            .requested
            .fetch_add(1, Ordering::Relaxed);
        let request = Request {
            iin,
            binding_hash: binding_mac(&self.inner.key, binding),
            lang,
        };
        if self.queue.try_send(request).is_err() {
            self.inner.counters.dropped.fetch_add(1, Ordering::Relaxed);
            tracing::warn!("the sign-in code queue is full: a request was dropped");
        }
    }

    /// The sender the codes go through (the delegates' notices use it too).
    pub fn sender(&self) -> Arc<dyn SmsSender> {
        self.inner.sender.clone()
    }

    /// The counts and the alarm, for the admins.
    pub fn health(&self) -> SignInHealth {
        let c = &self.inner.counters;
        let (failing_iins, alarm) = match self.inner.limits.lock() {
            Ok(mut limits) => {
                let n = self.inner.failing_iins(&mut limits, Instant::now());
                (n, limits.alarm_raised)
            }
            Err(_) => (0, false),
        };
        SignInHealth {
            requested: c.requested.load(Ordering::Relaxed),
            sent: c.sent.load(Ordering::Relaxed),
            unknown: c.unknown.load(Ordering::Relaxed),
            limited: c.limited.load(Ordering::Relaxed),
            dropped: c.dropped.load(Ordering::Relaxed),
            send_failures: c.send_failures.load(Ordering::Relaxed),
            failed_checks: c.failed_checks.load(Ordering::Relaxed),
            failing_iins,
            alarm,
        }
    }

    /// Notes a failed check for `iin`; raises the alarm when failures spread over many IINs.
    fn failed(&self, iin: Iin) {
        self.inner
            .counters
            .failed_checks
            .fetch_add(1, Ordering::Relaxed);
        let Ok(mut limits) = self.inner.limits.lock() else {
            return;
        };
        let now = Instant::now();
        limits.failures.insert(iin, now);
        let failing = self.inner.failing_iins(&mut limits, now);
        if failing >= self.inner.settings.alarm_failed_iins && !limits.alarm_raised {
            limits.alarm_raised = true;
            tracing::error!(
                failing,
                "ALARM: sign-in codes failed for {failing} different IINs within {} s: someone may be guessing codes",
                self.inner.settings.alarm_window.as_secs()
            );
        }
    }
}

impl Inner {
    /// Distinct IINs with a failure within the window; the alarm falls when they drop below half.
    fn failing_iins(&self, limits: &mut Limits, now: Instant) -> usize {
        let window = self.settings.alarm_window;
        limits
            .failures
            .retain(|_, at| now.duration_since(*at) < window);
        let n = limits.failures.len();
        if limits.alarm_raised && n < self.settings.alarm_failed_iins / 2 {
            limits.alarm_raised = false;
        }
        n
    }

    async fn handle(&self, request: Request) {
        let now = Instant::now();
        let admitted = match self.limits.lock() {
            Ok(mut limits) => limits.per_iin.admit(request.iin, now),
            Err(_) => false,
        };
        if !admitted {
            self.counters.limited.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let contact = match self.store.contact(&request.iin).await {
            Ok(Some(contact)) => contact,
            Ok(None) => {
                self.counters.unknown.fetch_add(1, Ordering::Relaxed);
                return;
            }
            Err(e) => {
                tracing::warn!("sign-in: looking an IIN up failed: {e}");
                return;
            }
        };
        let admitted = match self.limits.lock() {
            Ok(mut limits) => {
                let budget = match self.settings.messages_per_minute {
                    None => true,
                    Some(per_minute) => {
                        if now.duration_since(limits.minute.0) >= Duration::from_secs(60) {
                            limits.minute = (now, 0);
                        }
                        limits.minute.1 < per_minute
                    }
                };
                let admitted = budget && limits.per_phone.admit(contact.phone.clone(), now);
                if admitted {
                    limits.minute.1 += 1;
                }
                admitted
            }
            Err(_) => false,
        };
        if !admitted {
            self.counters.limited.fetch_add(1, Ordering::Relaxed);
            return;
        }
        let code = match draw_code() {
            Ok(code) => code,
            Err(e) => {
                tracing::error!("sign-in: {e}");
                return;
            }
        };
        let expires_at = Timestamp::now() + mandat_core::signin::CODE_LIFETIME;
        if let Err(e) = self
            .store
            .put_signin_code(
                &request.iin,
                &request.binding_hash,
                &code_mac(&self.key, &request.iin, &code),
                expires_at,
            )
            .await
        {
            tracing::warn!("sign-in: keeping a code failed: {e}");
            return;
        }
        let text = i18n::message_with(
            request.lang,
            "sms-signin-code",
            &[("code", code.as_str().into())],
        );
        match self.sender.send(&contact.phone, &text).await {
            Ok(()) => {
                self.counters.sent.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => {
                self.counters.send_failures.fetch_add(1, Ordering::Relaxed);
                tracing::warn!(
                    "sign-in: a code to {} was not sent: {e}",
                    mandat_core::phone::Phone::parse(&contact.phone)
                        .map(|p| p.masked())
                        .unwrap_or_default()
                );
            }
        }
    }
}

/// Six decimal digits from the system's randomness, without bias.
fn draw_code() -> Result<String, String> {
    // The largest multiple of a million below 2^32: values above it would favour low codes.
    const FAIR: u32 = 4_294_000_000;
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| format!("no randomness from the system: {e}"))?;
        let n = u32::from_le_bytes(bytes);
        if n < FAIR {
            return Ok(format!("{:06}", n % 1_000_000));
        }
    }
}

impl App {
    /// The same application signing people in with codes from `desk`.
    pub fn with_code_desk(mut self, desk: CodeDesk) -> App {
        self.codes = Some(desk);
        self
    }

    pub(crate) fn code_desk(&self) -> Result<&CodeDesk, AppError> {
        self.codes.as_ref().ok_or(AppError::NoCodeDesk)
    }

    /// Asks for a code for `iin` in the browser holding `binding`. Answers at once, before any
    /// lookup: the same whether or not the IIN is anyone's.
    pub fn request_code(&self, iin: Iin, binding: &str, lang: Lang) -> Result<(), AppError> {
        self.code_desk()?.request(iin, binding, lang);
        Ok(())
    }

    /// Checks a code typed for `iin` in the browser holding `binding`, at `now`.
    pub async fn sign_in_with_code(
        &self,
        iin: Iin,
        binding: &str,
        code: &str,
        now: Timestamp,
    ) -> Result<CodeAnswer, AppError> {
        let desk = self.code_desk()?;
        let key = self.key()?;
        let (check, signed_in) = self
            .store
            .redeem_signin_code(key, &iin, binding, code, now)
            .await?;
        match signed_in {
            Some((token, session)) => Ok(CodeAnswer::SignedIn(token, session)),
            None => {
                desk.failed(iin);
                Ok(CodeAnswer::Refused(if check == CodeCheck::Accepted {
                    // The person left the registry between the code and the check.
                    CodeCheck::NotAsked
                } else {
                    check
                }))
            }
        }
    }

    /// Ends the session of `token` (signing out on this device).
    pub async fn sign_out(&self, token: &str) -> Result<(), AppError> {
        Ok(self.store.end_session(self.key()?, token).await?)
    }

    /// Ends every session of the signed-in person.
    pub async fn sign_out_everywhere(&self, session: &Session) -> Result<u64, AppError> {
        Ok(self.store.end_all_sessions(session.member).await?)
    }

    /// The sign-in's counts and alarm; `None` when this server signs no one in with codes.
    pub fn signin_health(&self) -> Option<SignInHealth> {
        self.codes.as_ref().map(CodeDesk::health)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_key_over_its_limit_waits_for_its_window() {
        let mut w = Windowed::new(2, Duration::from_secs(60));
        let t0 = Instant::now();
        assert!(w.admit("a", t0));
        assert!(w.admit("a", t0));
        assert!(!w.admit("a", t0 + Duration::from_secs(30)));
        assert!(w.admit("b", t0 + Duration::from_secs(30)));
        assert!(w.admit("a", t0 + Duration::from_secs(60)));
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let code = draw_code().unwrap();
            assert!(mandat_core::signin::code_shape_ok(&code), "{code}");
        }
    }
}
