//! The HTTP edge reached limit by limit: security headers, `no-store`, the cross-site refusal, the header-read and request timeouts, the concurrency limit, the body bound and the per-address rate.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::Router;
use axum::routing::{any, get};
use mandat_core::token::TokenKey;
use mandat_store::Store;
use mandat_web::EdgeLimits;
use mandat_web::edge;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// An answer as sent: status, the head (status line and headers) and the body.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        let wanted = format!("{}:", name.to_ascii_lowercase());
        self.head.lines().find_map(|line| {
            line.to_ascii_lowercase()
                .starts_with(&wanted)
                .then(|| line[wanted.len()..].trim().to_owned())
        })
    }

    fn code(&self) -> String {
        let json: serde_json::Value = serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body));
        json["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// Sends `raw` (a whole HTTP/1.1 request, `Connection: close`) from `from` (a loopback address)
/// and reads the answer.
async fn send(addr: SocketAddr, from: Ipv4Addr, raw: &str) -> Answer {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::new(from.into(), 0)).unwrap();
    let mut stream = socket.connect(addr).await.unwrap();
    stream.write_all(raw.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    Answer {
        status: head.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0),
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

const HOME: Ipv4Addr = Ipv4Addr::LOCALHOST;

/// A request with `extra` header lines (each ending in CRLF) and a JSON body when given.
fn request(method: &str, path: &str, extra: &str, body: Option<&str>) -> String {
    let body_headers = body.map_or(String::new(), |b| {
        format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            b.len()
        )
    });
    format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost:8080\r\nConnection: close\r\n{extra}{body_headers}\r\n{}",
        body.unwrap_or_default()
    )
}

/// `router` behind the edge's limits and accept loop on a free loopback port; stopped when the
/// handle is dropped.
struct Edge {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for Edge {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn serve(router: Router, limits: EdgeLimits) -> Edge {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let router = edge::bound(router, &limits);
    tokio::spawn(async move {
        edge::serve(listener, router, &limits, async {
            let _ = stopped.await;
        })
        .await
    });
    Edge {
        addr,
        stop: Some(stop),
    }
}

fn the_app(store: &Store) -> Router {
    mandat_web::app(store.clone(), None, TokenKey::derive(&[5u8; 32]))
}

fn assert_secured(answer: &Answer, what: &str) {
    let csp = answer
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP in {}", answer.head));
    assert!(csp.contains("script-src 'self'"), "{what}: {csp}");
    assert!(
        !csp.contains("script-src 'self' 'unsafe-inline'"),
        "{what}: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        answer.header("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        answer.header("referrer-policy").as_deref(),
        Some("same-origin"),
        "{what}"
    );
    assert_eq!(
        answer.header("x-frame-options").as_deref(),
        Some("DENY"),
        "{what}"
    );
}

#[tokio::test]
async fn every_answer_carries_the_security_headers_and_a_personal_one_is_not_stored() {
    let db = mandat_testkit::sqlite();
    let store = Store::open(&db.url).await.unwrap();
    let server = mandat_testkit::serve(the_app(&store)).await;
    let addr = server.addr;
    let page = send(addr, HOME, &request("GET", "/", "", None)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_secured(&page, "page");
    let json = send(addr, HOME, &request("GET", "/api/units", "", None)).await;
    assert_eq!(json.status, 200, "{}", json.body);
    assert_secured(&json, "JSON");
    let missing = send(addr, HOME, &request("GET", "/no-such-page", "", None)).await;
    assert_eq!(missing.status, 404);
    assert_secured(&missing, "404");
    let refused = send(addr, HOME, &request("GET", "/api/polls/x%20y", "", None)).await;
    assert_secured(&refused, "a refusal");

    // Anonymous: the handler's caching stands. Signed in (cookie or bearer): never stored.
    assert_eq!(json.header("cache-control"), None);
    for credential in [
        "Cookie: theme=dark; mandat_session=abc\r\n",
        "Cookie: mandat_staff=abc\r\n",
        "Cookie: mandat_signin=abc\r\n",
        "Authorization: Bearer abc\r\n",
    ] {
        let personal = send(addr, HOME, &request("GET", "/api/units", credential, None)).await;
        assert_eq!(personal.status, 200, "{credential}");
        assert_eq!(
            personal.header("cache-control").as_deref(),
            Some("no-store"),
            "{credential}"
        );
    }
    let other_cookie = send(
        addr,
        HOME,
        &request("GET", "/api/units", "Cookie: theme=dark\r\n", None),
    )
    .await;
    assert_eq!(other_cookie.header("cache-control"), None);
    store.close().await;
}

/// A state change counted, so that a refusal can be seen to have changed nothing.
fn counting(changes: Arc<AtomicUsize>) -> Router {
    Router::new()
        .route(
            "/change",
            any(move || {
                let changes = changes.clone();
                async move {
                    changes.fetch_add(1, Ordering::SeqCst);
                    "changed"
                }
            }),
        )
        .layer(axum::middleware::from_fn(edge::guard))
}

#[tokio::test]
async fn a_cross_site_state_change_with_a_cookie_is_refused_and_changes_nothing() {
    let changes = Arc::new(AtomicUsize::new(0));
    let server = mandat_testkit::serve(counting(changes.clone())).await;
    let addr = server.addr;
    let cookie = "Cookie: mandat_session=abc\r\n";
    for (from_where, headers) in [
        ("another site", "Sec-Fetch-Site: cross-site\r\n"),
        ("a sibling site", "Sec-Fetch-Site: same-site\r\n"),
        ("another origin", "Origin: http://evil.example\r\n"),
        ("another port", "Origin: http://localhost:8081\r\n"),
        ("an opaque origin", "Origin: null\r\n"),
        (
            "another site's page",
            "Referer: http://evil.example/form\r\n",
        ),
        ("nowhere said", ""),
    ] {
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            let answer = send(
                addr,
                HOME,
                &request(method, "/change", &format!("{cookie}{headers}"), Some("{}")),
            )
            .await;
            assert_eq!(answer.status, 403, "{from_where} {method}");
            assert_eq!(answer.code(), "cross_site", "{from_where}");
            assert_secured(&answer, from_where);
            assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
        }
    }
    assert_eq!(changes.load(Ordering::SeqCst), 0, "nothing changed");
    // Reading is not a state change: a link from another site still opens the page.
    let read = send(
        addr,
        HOME,
        &request(
            "GET",
            "/change",
            &format!("{cookie}Sec-Fetch-Site: cross-site\r\n"),
            None,
        ),
    )
    .await;
    assert_eq!(read.status, 200);

    for (from_where, headers) in [
        ("this site", "Sec-Fetch-Site: same-origin\r\n"),
        ("a bookmark", "Sec-Fetch-Site: none\r\n"),
        ("this origin", "Origin: http://localhost:8080\r\n"),
        (
            "this site's page",
            "Referer: http://localhost:8080/polls/x\r\n",
        ),
    ] {
        let answer = send(
            addr,
            HOME,
            &request("POST", "/change", &format!("{cookie}{headers}"), Some("{}")),
        )
        .await;
        assert_eq!(answer.status, 200, "{from_where}: {}", answer.body);
    }
    // Without a cookie of ours (an API client with a bearer token, a stranger) the browser's
    // cookies cannot be abused, so the request passes.
    for headers in [
        "Authorization: Bearer abc\r\nOrigin: http://evil.example\r\n",
        "Cookie: theme=dark\r\nSec-Fetch-Site: cross-site\r\n",
    ] {
        let answer = send(addr, HOME, &request("POST", "/change", headers, Some("{}"))).await;
        assert_eq!(answer.status, 200, "{headers}");
    }
    assert_eq!(changes.load(Ordering::SeqCst), 7);
}

#[tokio::test]
async fn the_applications_sign_in_is_refused_cross_site_in_the_requests_language() {
    let db = mandat_testkit::sqlite();
    let store = Store::open(&db.url).await.unwrap();
    let server = mandat_testkit::serve(the_app(&store)).await;
    let body = r#"{"code":"AAAA-AAAA-AAAA"}"#;
    let refused = send(
        server.addr,
        HOME,
        &request(
            "POST",
            "/api/session",
            "Cookie: mandat_session=old\r\nSec-Fetch-Site: cross-site\r\nAccept-Language: kk\r\n",
            Some(body),
        ),
    )
    .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(refused.code(), "cross_site");
    assert!(
        refused.body.contains("басқа сайттан") || refused.body.contains("осы сайттың"),
        "{}",
        refused.body
    );
    // From this site the code is tried (and found wrong).
    let tried = send(
        server.addr,
        HOME,
        &request(
            "POST",
            "/api/session",
            "Cookie: mandat_session=old\r\nSec-Fetch-Site: same-origin\r\n",
            Some(body),
        ),
    )
    .await;
    assert_eq!(tried.status, 422, "{}", tried.body);
    store.close().await;
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let limits = EdgeLimits {
        header_read_timeout: Duration::from_millis(300),
        ..EdgeLimits::default()
    };
    let server = serve(Router::new().route("/", get(|| async { "ok" })), limits).await;
    let mut stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut rest)).await;
    let took = started.elapsed();
    assert!(closed.is_ok(), "the connection was not closed");
    assert!(
        took >= Duration::from_millis(250),
        "closed too early: {took:?}"
    );
    assert!(
        !String::from_utf8_lossy(&rest).contains("200 OK"),
        "{}",
        String::from_utf8_lossy(&rest)
    );
    // A client that sends its headers in time is served.
    let answer = send(server.addr, HOME, &request("GET", "/", "", None)).await;
    assert_eq!(answer.status, 200);
}

#[tokio::test]
async fn a_request_slower_than_the_request_timeout_is_answered_503() {
    let limits = EdgeLimits {
        request_timeout: Duration::from_millis(200),
        ..EdgeLimits::default()
    };
    let router = Router::new().route(
        "/api/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            "late"
        }),
    );
    let server = serve(router, limits).await;
    let started = Instant::now();
    let answer = send(
        server.addr,
        HOME,
        &request("GET", "/api/slow", "Accept-Language: en\r\n", None),
    )
    .await;
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert_eq!(answer.code(), "timed_out");
    assert!(
        answer.body.contains("did not answer in time"),
        "{}",
        answer.body
    );
    assert_eq!(answer.header("retry-after").as_deref(), Some("1"));
    assert_secured(&answer, "a timeout");
}

#[tokio::test]
async fn requests_over_the_concurrency_limit_are_shed_with_503() {
    let limits = EdgeLimits {
        max_in_flight: 1,
        ..EdgeLimits::default()
    };
    let started = Arc::new(tokio::sync::Notify::new());
    let release = Arc::new(tokio::sync::Notify::new());
    let router = {
        let (started, release) = (started.clone(), release.clone());
        Router::new().route(
            "/api/hold",
            get(move || {
                let (started, release) = (started.clone(), release.clone());
                async move {
                    started.notify_one();
                    release.notified().await;
                    "held"
                }
            }),
        )
    };
    let server = serve(router, limits).await;
    let addr = server.addr;
    let first =
        tokio::spawn(async move { send(addr, HOME, &request("GET", "/api/hold", "", None)).await });
    started.notified().await;
    let shed = send(addr, HOME, &request("GET", "/api/hold", "", None)).await;
    assert_eq!(shed.status, 503, "{}", shed.body);
    assert_eq!(shed.code(), "busy");
    assert_eq!(shed.header("retry-after").as_deref(), Some("1"));
    release.notify_one();
    assert_eq!(first.await.unwrap().status, 200);
    // The place is free again.
    let again =
        tokio::spawn(async move { send(addr, HOME, &request("GET", "/api/hold", "", None)).await });
    started.notified().await;
    release.notify_one();
    assert_eq!(again.await.unwrap().status, 200);
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let db = mandat_testkit::sqlite();
    let store = Store::open(&db.url).await.unwrap();
    let limits = EdgeLimits {
        max_body_bytes: 1024,
        ..EdgeLimits::default()
    };
    let server = serve(the_app(&store), limits).await;
    let big = format!(r#"{{"code":"{}"}}"#, "A".repeat(2000));
    let answer = send(
        server.addr,
        HOME,
        &request("POST", "/api/session", "", Some(&big)),
    )
    .await;
    assert_eq!(answer.status, 413, "{}", answer.body);
    assert_eq!(answer.code(), "too_large");
    assert_secured(&answer, "413");
    // Sent without a length, in chunks: cut off while read, the same answer.
    let chunked = format!(
        "POST /api/session HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{big}\r\n0\r\n\r\n",
        big.len()
    );
    let answer = send(server.addr, HOME, &chunked).await;
    assert_eq!(answer.status, 413, "{}", answer.body);
    assert!(answer.body.contains("too_large"), "{}", answer.body);
    // A body within the bound reaches the handler (a wrong code: 422).
    let small = send(
        server.addr,
        HOME,
        &request(
            "POST",
            "/api/session",
            "",
            Some(r#"{"code":"AAAA-AAAA-AAAA"}"#),
        ),
    )
    .await;
    assert_eq!(small.status, 422, "{}", small.body);
    store.close().await;
}

#[tokio::test]
async fn an_address_over_its_rate_is_answered_429_while_another_gets_through() {
    let limits = EdgeLimits {
        per_address_rate: 1,
        per_address_burst: 3,
        ..EdgeLimits::default()
    };
    let server = serve(
        Router::new().route("/api/ping", get(|| async { "pong" })),
        limits,
    )
    .await;
    let busy = Ipv4Addr::new(127, 0, 0, 2);
    let other = Ipv4Addr::new(127, 0, 0, 3);
    for _ in 0..3 {
        let answer = send(server.addr, busy, &request("GET", "/api/ping", "", None)).await;
        assert_eq!(answer.status, 200);
    }
    let refused = send(
        server.addr,
        busy,
        &request("GET", "/api/ping", "Accept-Language: en\r\n", None),
    )
    .await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert_eq!(refused.code(), "too_many_requests");
    assert_eq!(refused.header("retry-after").as_deref(), Some("1"));
    assert!(
        refused.body.contains("try again in 1 second"),
        "{}",
        refused.body
    );
    assert_secured(&refused, "429");
    let answer = send(server.addr, other, &request("GET", "/api/ping", "", None)).await;
    assert_eq!(answer.status, 200, "another address still gets through");
}
