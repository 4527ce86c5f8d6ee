//! Attempt limits on the e-vote code sign-in: failed attempts per client address and overall, per
//! fixed window. Successes are never counted. Kept in the process (one node's own counts).

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How many failed sign-ins are allowed per window. A hall's phones often share one address
/// (the venue's Wi-Fi behind NAT), so the per-address limit is generous: a typo or two per
/// delegate, not 59 bits' worth of guesses.
#[derive(Clone, Copy, Debug)]
pub struct SignInLimits {
    /// Failures allowed from one client address per window.
    pub per_address: u32,
    /// Failures allowed from all addresses together per window.
    pub overall: u32,
    pub window: Duration,
}

impl Default for SignInLimits {
    fn default() -> Self {
        SignInLimits {
            per_address: 60,
            overall: 600,
            window: Duration::from_secs(60),
        }
    }
}

/// The client's address as the connection gives it (`ConnectInfo`); unspecified (0.0.0.0) when
/// the server was started without connection info, so such clients share one count.
pub struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip()),
        ))
    }
}

/// Failed sign-ins counted in fixed windows.
pub struct Limiter {
    limits: SignInLimits,
    window: Mutex<Window>,
    failures: AtomicU64,
    refused: AtomicU64,
}

struct Window {
    /// When the current window began: at the first attempt after the last one ran out.
    started: Option<Instant>,
    overall: u32,
    by_address: HashMap<IpAddr, u32>,
}

/// Why an attempt is refused before it is tried, and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooMany {
    pub retry_after: Duration,
    /// True when the limit of all addresses together was reached, not this address's own.
    pub overall: bool,
}

impl Limiter {
    pub fn new(limits: SignInLimits) -> Limiter {
        Limiter {
            limits,
            window: Mutex::new(Window {
                started: None,
                overall: 0,
                by_address: HashMap::new(),
            }),
            failures: AtomicU64::new(0),
            refused: AtomicU64::new(0),
        }
    }

    /// The window as of `now` and when it began: a new one starts at the first attempt after
    /// the last one ran out.
    fn current(&self, now: Instant) -> (std::sync::MutexGuard<'_, Window>, Instant) {
        let mut w = self
            .window
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let started = match w.started {
            Some(at) if now.saturating_duration_since(at) < self.limits.window => at,
            _ => {
                w.overall = 0;
                w.by_address.clear();
                w.started = Some(now);
                now
            }
        };
        (w, started)
    }

    /// Whether `addr` may try a code now.
    pub fn check(&self, addr: IpAddr, now: Instant) -> Result<(), TooMany> {
        let (w, started) = self.current(now);
        let retry_after = self
            .limits
            .window
            .saturating_sub(now.saturating_duration_since(started))
            .max(Duration::from_secs(1));
        let refuse = |overall| {
            self.refused.fetch_add(1, Ordering::Relaxed);
            Err(TooMany {
                retry_after,
                overall,
            })
        };
        if w.overall >= self.limits.overall {
            return refuse(true);
        }
        if w.by_address.get(&addr).copied().unwrap_or(0) >= self.limits.per_address {
            return refuse(false);
        }
        Ok(())
    }

    /// Counts a failed attempt from `addr`.
    pub fn failed(&self, addr: IpAddr, now: Instant) {
        self.failures.fetch_add(1, Ordering::Relaxed);
        let (mut w, _) = self.current(now);
        w.overall = w.overall.saturating_add(1);
        let n = w.by_address.entry(addr).or_insert(0);
        *n = n.saturating_add(1);
    }

    /// Failed sign-ins since the start, and attempts refused by a limit.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.failures.load(Ordering::Relaxed),
            self.refused.load(Ordering::Relaxed),
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn limits() -> SignInLimits {
        SignInLimits {
            per_address: 2,
            overall: 3,
            window: Duration::from_secs(60),
        }
    }

    #[test]
    fn an_address_is_stopped_after_its_failures_and_others_are_not_until_the_overall_limit() {
        let limiter = Limiter::new(limits());
        let t0 = Instant::now();
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        limiter.failed(a, t0);
        assert!(limiter.check(a, t0).is_ok());
        limiter.failed(a, t0);
        let refused = limiter.check(a, t0 + Duration::from_secs(20)).unwrap_err();
        assert!(!refused.overall);
        assert_eq!(refused.retry_after, Duration::from_secs(40));
        assert!(limiter.check(b, t0).is_ok());
        limiter.failed(b, t0);
        assert!(limiter.check(b, t0).unwrap_err().overall);
        // A new window forgets the old counts.
        assert!(limiter.check(a, t0 + Duration::from_secs(60)).is_ok());
        assert_eq!(limiter.counts(), (3, 2));
    }
}
