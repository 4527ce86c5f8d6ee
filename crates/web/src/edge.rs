//! The HTTP edge: security headers on every answer, the cross-site refusal, and the bounds on connections and requests (header-read and request timeouts, concurrency, body size, per-address rate).
//!
//! Two layers and a server loop. [`guard`] sits inside the router of [`crate::with_app`] (always
//! on, no settings): it refuses a cookie-driven state change sent from another site and puts the
//! security headers on the answer. [`bound`] wraps a router with the limits of an [`EdgeLimits`];
//! [`serve`] accepts connections with hyper's header-read timeout and hands each request its
//! client's address (`ConnectInfo<SocketAddr>`), as `axum::serve` did.

use crate::error::{WebError, render_errors};
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The cookies that make a request personal: the voter's session, a staff session, and a
/// sign-in in progress. A request carrying one is answered `no-store` and, when it changes
/// state, must come from this site.
pub const PERSONAL_COOKIES: [&str; 3] = ["mandat_session", "mandat_staff", "mandat_signin"];

/// Where the pages may load from: this site only, no inline or foreign scripts, no plugins, no
/// framing of these pages (clickjacking), frames inside them only from YouTube's no-cookie
/// player (a meeting's livestream), forms posting only here. Inline styles are still allowed because the
/// public pages carry a `<style>` block and computed indents; they cannot run code.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'; \
     frame-src https://www.youtube-nocookie.com";

/// The bounds the edge puts on connections and requests. Every number is per server process.
#[derive(Clone, Copy, Debug)]
pub struct EdgeLimits {
    /// How long a client may take to send a request's headers (and how long an idle kept-alive
    /// connection stays open): a client that trickles its headers ("slowloris") is cut off.
    /// Default 10 s, ample for a phone on 3G (a request's headers are under 2 KB). Zero: none.
    pub header_read_timeout: Duration,
    /// How long a request may take from its headers to the answer's headers, body reading
    /// included; over it the answer is 503 `timed_out`. Keep it above `--ballot-wait-ms`, since a
    /// ballot waits for its batch. Default 30 s. Streams (SSE) are not cut: the time ends when
    /// the answer starts. Zero: none.
    pub request_timeout: Duration,
    /// Requests handled at once; one more is answered 503 `busy` with `Retry-After` at once
    /// instead of queueing without bound. Default 1,024 (0 is taken as 1).
    pub max_in_flight: usize,
    /// The largest request body, in bytes (answer 413 `too_large`). Default 64 KiB: the largest
    /// JSON the API takes (a ranked ballot) is a few KB; no route takes uploads over HTTP.
    pub max_body_bytes: usize,
    /// Requests per second one address may keep up (a token bucket; 0 turns the limit off).
    /// Default 200: thousands of voters behind one mobile carrier's NAT or a hall's Wi-Fi, each
    /// loading a page now and then, stay well under it.
    pub per_address_rate: u32,
    /// Requests one address may send at once above the sustained rate. Default 1,000.
    pub per_address_burst: u32,
    /// Addresses whose buckets are kept (memory bound, about 100 bytes each); idle addresses
    /// whose buckets have refilled are forgotten first. When every kept address is busy, a new
    /// address is let through uncounted rather than refused. Default 100,000.
    pub max_addresses: usize,
}

impl Default for EdgeLimits {
    fn default() -> Self {
        EdgeLimits {
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_in_flight: 1024,
            max_body_bytes: 64 * 1024,
            per_address_rate: 200,
            per_address_burst: 1000,
            max_addresses: 100_000,
        }
    }
}

/// The limits of `limits` around `router`: per-address rate, concurrency, body size and request
/// timeout, their refusals written in the request's language and carrying the security headers.
pub fn bound(router: Router, limits: &EdgeLimits) -> Router {
    let edge = Arc::new(Edge {
        limits: *limits,
        in_flight: Arc::new(tokio::sync::Semaphore::new(limits.max_in_flight.max(1))),
        rates: Mutex::new(Rates::new(Instant::now())),
    });
    router
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(from_fn_with_state(edge, limit))
        .layer(from_fn(render_errors))
        .layer(from_fn(headers))
}

/// Serves `router` on `listener` over HTTP/1.1 until `shutdown` completes, then lets the requests
/// under way finish (for at most the request timeout). Each connection must send its headers
/// within `limits.header_read_timeout`; each request carries `ConnectInfo<SocketAddr>` of its
/// client. Give it a router already wrapped by [`bound`].
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: &EdgeLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt as _;

    let mut http = hyper::server::conn::http1::Builder::new();
    let header_timeout = limits.header_read_timeout;
    http.timer(TokioTimer::new())
        .header_read_timeout((!header_timeout.is_zero()).then_some(header_timeout));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    // Live streams never finish by themselves: they end when this turns true.
    let (closing, closing_seen) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let closing_seen = closing_seen.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
            let mut request = request.map(axum::body::Body::new);
            request.extensions_mut().insert(ConnectInfo(peer));
            crate::live::CLOSING.scope(closing_seen.clone(), router.clone().oneshot(request))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                // A header timeout, a client gone: the client's matter, not the server's.
                tracing::debug!(error = %e, client = %peer, "connection ended");
            }
        });
    }
    drop(listener);
    closing.send_replace(true);
    let patience = if limits.request_timeout.is_zero() {
        EdgeLimits::default().request_timeout
    } else {
        limits.request_timeout
    };
    if tokio::time::timeout(patience, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections were still open at shutdown");
    }
    Ok(())
}

/// Refuses a cookie-driven state change from another site (403 `cross_site`, before the handler
/// runs, so nothing changes) and puts the security headers on every answer.
pub async fn guard(request: Request, next: Next) -> Response {
    let personal = is_personal(request.headers());
    let response = if changes_state(request.method())
        && has_personal_cookie(request.headers())
        && !same_origin(request.headers(), request.uri())
    {
        tracing::info!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        WebError::api(StatusCode::FORBIDDEN, "cross_site").into_response()
    } else {
        next.run(request).await
    };
    secure(response, personal)
}

/// The security headers alone, for answers made outside the router (the limits' refusals).
async fn headers(request: Request, next: Next) -> Response {
    let personal = is_personal(request.headers());
    secure(next.run(request).await, personal)
}

fn changes_state(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// Whether a request is someone's own: it carries credentials.
fn is_personal(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION) || has_personal_cookie(headers)
}

fn has_personal_cookie(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.split_once('=').map(|(name, _)| name.trim()))
        .any(|name| PERSONAL_COOKIES.contains(&name))
}

/// Whether the browser says the request comes from a page of this site: `Sec-Fetch-Site`
/// (`same-origin`, or `none` for an address typed or bookmarked), else `Origin`, else `Referer`
/// (sent by our own pages under `Referrer-Policy: same-origin`), compared with `Host`. A request
/// that says nothing either way is refused: every browser in use sends one of them.
fn same_origin(headers: &HeaderMap, uri: &axum::http::Uri) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return site.eq_ignore_ascii_case("same-origin") || site.eq_ignore_ascii_case("none");
    }
    let Some(host) = text(header::HOST).or_else(|| uri.authority().map(|a| a.as_str())) else {
        return false;
    };
    let source = text(header::ORIGIN)
        .filter(|origin| *origin != "null")
        .or_else(|| text(header::REFERER));
    source.is_some_and(|source| origin_matches(source, host))
}

/// Whether the scheme://host[:port] at the start of `url` names `host` (a `Host` header's
/// value), a port left out meaning the scheme's own.
fn origin_matches(url: &str, host: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => "80",
        "https" => "443",
        _ => return false,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let split = |authority: &str| -> (String, String) {
        // An IPv6 literal's colons are inside the brackets.
        let port_at = authority
            .rfind(':')
            .filter(|&at| !authority[at..].contains(']'));
        match port_at {
            Some(at) => (
                authority[..at].to_ascii_lowercase(),
                authority[at + 1..].to_owned(),
            ),
            None => (authority.to_ascii_lowercase(), default_port.to_owned()),
        }
    };
    !authority.is_empty() && split(authority) == split(host)
}

/// Puts the security headers on `response` where its handler did not set its own, and
/// `no-store` on anything personal.
fn secure(mut response: Response, personal: bool) -> Response {
    let sets_cookie = response.headers().contains_key(header::SET_COOKIE);
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        // Our own pages still send the Referer the cross-site check can fall back on; no other
        // site learns an address of ours (which may name a poll or a meeting).
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if personal || sets_cookie {
        let already = headers
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("no-store"));
        if !already {
            // A shared cache (a carrier's proxy, a family's browser) must not keep someone's
            // own page, whatever the handler thought of it.
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
    }
    response
}

/// The limits' shared state: one per [`bound`] router.
struct Edge {
    limits: EdgeLimits,
    in_flight: Arc<tokio::sync::Semaphore>,
    rates: Mutex<Rates>,
}

/// Per-address rate, concurrency, body size and the request timeout, in that order: an address
/// over its rate does not take a place among the requests in flight.
async fn limit(State(edge): State<Arc<Edge>>, request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(client) = client {
        let refused = edge
            .rates
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take(&edge.limits, client, Instant::now());
        if let Err(wait) = refused {
            return refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                vec![("seconds", wait.into())],
                wait,
            );
        }
    }
    let Ok(_permit) = edge.in_flight.clone().try_acquire_owned() else {
        return refusal(StatusCode::SERVICE_UNAVAILABLE, "busy", Vec::new(), 1);
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let max = edge.limits.max_body_bytes;
    let too_large = || {
        WebError::with(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            vec![("limit", u64::try_from(max).unwrap_or(u64::MAX).into())],
        )
        .into_response()
    };
    if declared.is_some_and(|length| length > u64::try_from(max).unwrap_or(u64::MAX)) {
        return too_large();
    }
    let answered = if edge.limits.request_timeout.is_zero() {
        Ok(next.run(request).await)
    } else {
        tokio::time::timeout(edge.limits.request_timeout, next.run(request)).await
    };
    match answered {
        // A body sent without a length and cut off by `DefaultBodyLimit`: the extractor's own
        // answer, in the catalogue's words.
        Ok(response)
            if response.status() == StatusCode::PAYLOAD_TOO_LARGE
                && response
                    .extensions()
                    .get::<crate::error::ErrorReport>()
                    .is_none() =>
        {
            too_large()
        }
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(
                seconds = edge.limits.request_timeout.as_secs_f64(),
                "a request ran past the request timeout and was stopped"
            );
            refusal(StatusCode::SERVICE_UNAVAILABLE, "timed_out", Vec::new(), 1)
        }
    }
}

fn refusal(
    status: StatusCode,
    code: &'static str,
    params: Vec<(&'static str, mandat_core::i18n::Param)>,
    retry_after: u64,
) -> Response {
    WebError::Api {
        status,
        code,
        params,
        detail: None,
        retry_after: Some(retry_after),
    }
    .into_response()
}

/// Token buckets per address.
struct Rates {
    buckets: HashMap<IpAddr, Bucket>,
    swept: Instant,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Rates {
    fn new(now: Instant) -> Rates {
        Rates {
            buckets: HashMap::new(),
            swept: now,
        }
    }

    /// Takes a token for `client`, or says in how many seconds (at least 1) one will be there.
    fn take(&mut self, limits: &EdgeLimits, client: IpAddr, now: Instant) -> Result<(), u64> {
        if limits.per_address_rate == 0 {
            return Ok(());
        }
        let rate = f64::from(limits.per_address_rate);
        let burst = f64::from(limits.per_address_burst.max(1));
        let key = address_key(client);
        // Forget the addresses whose buckets have refilled: they are as good as new. Once a
        // minute, or at once (at most once a second) when the table is full.
        let since = now.saturating_duration_since(self.swept);
        let full = self.buckets.len() >= limits.max_addresses;
        if since >= Duration::from_secs(60) || (full && since >= Duration::from_secs(1)) {
            self.buckets
                .retain(|_, bucket| bucket.level(now, rate, burst) < burst);
            self.swept = now;
        }
        if !self.buckets.contains_key(&key) && self.buckets.len() >= limits.max_addresses {
            // Every kept address is busy: let a new one through uncounted rather than refuse a
            // voter; the concurrency limit still bounds the load.
            return Ok(());
        }
        let bucket = self.buckets.entry(key).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        bucket.tokens = bucket.level(now, rate, burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let seconds = ((1.0 - bucket.tokens) / rate).ceil().max(1.0);
            // At most a burst over the rate: a small, positive number of seconds.
            Err(seconds.min(86_400.0) as u64)
        }
    }
}

impl Bucket {
    fn level(&self, now: Instant, rate: f64, burst: f64) -> f64 {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + elapsed * rate).min(burst)
    }
}

/// The key an address is counted under: an IPv6 client is its /64 (one subscriber's network,
/// whose addresses it can change at will), an IPv4-mapped one its IPv4 address.
fn address_key(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V4(_) => addr,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn limits(rate: u32, burst: u32, max_addresses: usize) -> EdgeLimits {
        EdgeLimits {
            per_address_rate: rate,
            per_address_burst: burst,
            max_addresses,
            ..EdgeLimits::default()
        }
    }

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate_and_forgets_idle_addresses() {
        let limits = limits(10, 5, 2);
        let t0 = Instant::now();
        let mut rates = Rates::new(t0);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..5 {
            assert!(rates.take(&limits, a, t0).is_ok());
        }
        assert_eq!(rates.take(&limits, a, t0), Err(1));
        // A tenth of a second gives one token back.
        assert!(
            rates
                .take(&limits, a, t0 + Duration::from_millis(100))
                .is_ok()
        );
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!(rates.take(&limits, b, t0).is_ok());
        // The table is full of busy addresses: a third is let through uncounted.
        let c: IpAddr = "10.0.0.3".parse().unwrap();
        assert!(rates.take(&limits, c, t0).is_ok());
        assert_eq!(rates.buckets.len(), 2);
        // Later both have refilled and are forgotten, making room.
        let later = t0 + Duration::from_secs(2);
        assert!(rates.take(&limits, c, later).is_ok());
        assert_eq!(rates.buckets.len(), 1);
    }

    #[test]
    fn an_ipv6_network_is_one_address() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(address_key(mapped), "10.0.0.1".parse::<IpAddr>().unwrap());
    }

    fn answer(cache_control: Option<&str>, cookie: bool) -> Response {
        let mut response = "x".into_response();
        if let Some(value) = cache_control {
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_str(value).unwrap());
        }
        if cookie {
            response
                .headers_mut()
                .insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
        }
        response
    }

    fn cache(response: &Response) -> Option<&str> {
        response
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
    }

    #[test]
    fn personal_answers_and_cookies_are_not_stored_and_public_caching_stands() {
        let public = "public, max-age=31536000, immutable";
        assert_eq!(
            cache(&secure(answer(Some(public), false), false)),
            Some(public)
        );
        assert_eq!(cache(&secure(answer(None, false), false)), None);
        assert_eq!(
            cache(&secure(answer(Some(public), false), true)),
            Some("no-store")
        );
        assert_eq!(cache(&secure(answer(None, true), false)), Some("no-store"));
        let own = "no-store, private";
        assert_eq!(cache(&secure(answer(Some(own), true), true)), Some(own));
        // A handler's own policy stands; the others are added.
        let mut framed = answer(None, false);
        framed.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'self'"),
        );
        let framed = secure(framed, false);
        assert_eq!(
            framed.headers()[header::CONTENT_SECURITY_POLICY],
            "frame-ancestors 'self'"
        );
        assert_eq!(framed.headers()[header::X_FRAME_OPTIONS], "DENY");
    }

    #[test]
    fn origins_match_the_host_with_default_ports() {
        assert!(origin_matches("http://localhost:8080", "localhost:8080"));
        assert!(origin_matches("https://Vote.Example", "vote.example"));
        assert!(origin_matches("https://vote.example", "vote.example:443"));
        assert!(origin_matches("http://[::1]:8080/page?x", "[::1]:8080"));
        assert!(!origin_matches("http://evil.example", "vote.example"));
        assert!(!origin_matches(
            "http://vote.example:8081",
            "vote.example:8080"
        ));
        assert!(!origin_matches("https://vote.example", "vote.example:80"));
        assert!(!origin_matches("null", "vote.example"));
    }
}
