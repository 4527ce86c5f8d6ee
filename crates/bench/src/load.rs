//! The load generator: C workers, each with its own HTTP/1.1 keep-alive connection from its own loopback address, sending numbered requests as fast as the server answers them.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// One request to send.
pub(crate) struct Call {
    pub method: hyper::Method,
    pub path: String,
    /// Extra headers (cookies, authorization); a body is sent as JSON.
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl Call {
    pub fn get(path: impl Into<String>) -> Call {
        Call {
            method: hyper::Method::GET,
            path: path.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn post_json(path: impl Into<String>, body: String) -> Call {
        Call {
            method: hyper::Method::POST,
            path: path.into(),
            headers: Vec::new(),
            body: Some(body),
        }
    }

    pub fn header(mut self, name: &'static str, value: String) -> Call {
        self.headers.push((name, value));
        self
    }
}

/// What the server answered.
pub(crate) struct Answer {
    pub status: u16,
    pub body: Bytes,
}

/// Builds request number `i`.
pub(crate) type MakeCall = Arc<dyn Fn(usize) -> Call + Send + Sync>;
/// Reads answer number `i`: what to keep of it, or why it is wrong.
pub(crate) type ReadAnswer =
    Arc<dyn Fn(usize, &Answer) -> Result<Option<String>, String> + Send + Sync>;

/// What a run measured.
pub(crate) struct Run {
    pub seconds: f64,
    /// Milliseconds from the first try of each request to its accepted answer, sorted.
    pub latencies_ms: Vec<f64>,
    /// What `read` kept of each answer, by request number.
    pub kept: Vec<Option<String>>,
    /// Tries answered 503 or 429 (busy, rate-limited) and sent again.
    pub retried: usize,
    /// Requests whose answer `read` refused, or that ran out of tries.
    pub failed: usize,
    pub first_failure: Option<String>,
}

impl Run {
    /// Requests answered as expected per second (failures do not count).
    pub fn per_second(&self) -> f64 {
        self.latencies_ms.len() as f64 / self.seconds.max(1e-9)
    }
}

/// Tries per request before it counts as failed (answers 503 and 429 are retried after a pause).
const TRIES: usize = 50;

/// The source address of worker `w`: 127.0.x.y from 127.0.0.2 on, one per connection, so that
/// no address comes near the edge's per-address rate (200 per second by default).
pub(crate) fn source_address(w: usize) -> Ipv4Addr {
    let n = w + 2;
    Ipv4Addr::new(
        127,
        0,
        u8::try_from(n / 250).unwrap_or(255),
        u8::try_from(n % 250).unwrap_or(255),
    )
}

/// A keep-alive connection from `source` to the server on `port`.
async fn connect(port: u16, source: Ipv4Addr) -> Result<SendRequest<Full<Bytes>>, String> {
    let socket = tokio::net::TcpSocket::new_v4().map_err(|e| format!("socket: {e}"))?;
    socket
        .bind(SocketAddr::new(IpAddr::V4(source), 0))
        .map_err(|e| format!("binding {source}: {e}"))?;
    let stream = socket
        .connect(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port))
        .await
        .map_err(|e| format!("connecting from {source}: {e}"))?;
    stream
        .set_nodelay(true)
        .map_err(|e| format!("nodelay: {e}"))?;
    let (sender, connection) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("handshake from {source}: {e}"))?;
    tokio::spawn(async move {
        // The connection ends when the server closes it; the worker then connects again.
        let _ = connection.await;
    });
    Ok(sender)
}

async fn send(sender: &mut SendRequest<Full<Bytes>>, call: &Call) -> Result<Answer, String> {
    sender
        .ready()
        .await
        .map_err(|e| format!("not ready: {e}"))?;
    let mut request = hyper::Request::builder()
        .method(call.method.clone())
        .uri(call.path.as_str())
        .header("host", "127.0.0.1")
        // As a browser's same-site fetch says; the edge refuses cross-site writes.
        .header("sec-fetch-site", "same-origin");
    for (name, value) in &call.headers {
        request = request.header(*name, value.as_str());
    }
    let body = match &call.body {
        Some(text) => {
            request = request.header("content-type", "application/json");
            Full::new(Bytes::from(text.clone()))
        }
        None => Full::new(Bytes::new()),
    };
    let request = request.body(body).map_err(|e| format!("request: {e}"))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("sending: {e}"))?;
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| format!("reading the answer: {e}"))?
        .to_bytes();
    Ok(Answer { status, body })
}

struct Worker {
    latencies_ms: Vec<f64>,
    kept: Vec<(usize, Option<String>)>,
    retried: usize,
    failed: usize,
    first_failure: Option<String>,
}

/// Sends requests 0..count over `concurrency` connections (opened before the clock starts), each
/// worker taking the next number as soon as its last answer is in.
pub(crate) async fn drive(
    port: u16,
    concurrency: usize,
    count: usize,
    make: MakeCall,
    read: ReadAnswer,
) -> Result<Run, String> {
    drive_for(port, concurrency, count, None, make, read).await
}

/// As [`drive`], but no request is started after `budget` (slow pages would take hours for a
/// fixed count): the figures are of the requests answered.
pub(crate) async fn drive_for(
    port: u16,
    concurrency: usize,
    count: usize,
    budget: Option<Duration>,
    make: MakeCall,
    read: ReadAnswer,
) -> Result<Run, String> {
    let mut senders = Vec::with_capacity(concurrency);
    for w in 0..concurrency {
        senders.push(connect(port, source_address(w)).await?);
    }
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(concurrency);
    for (w, sender) in senders.into_iter().enumerate() {
        let next = Arc::clone(&next);
        let make = Arc::clone(&make);
        let read = Arc::clone(&read);
        tasks.push(tokio::spawn(work(
            port,
            source_address(w),
            sender,
            next,
            (count, started, budget),
            make,
            read,
        )));
    }
    let mut run = Run {
        seconds: 0.0,
        latencies_ms: Vec::with_capacity(count),
        kept: vec![None; count],
        retried: 0,
        failed: 0,
        first_failure: None,
    };
    for task in tasks {
        let worker = task.await.map_err(|e| format!("a worker failed: {e}"))?;
        run.latencies_ms.extend(worker.latencies_ms);
        for (i, kept) in worker.kept {
            if let Some(slot) = run.kept.get_mut(i) {
                *slot = kept;
            }
        }
        run.retried += worker.retried;
        run.failed += worker.failed;
        if run.first_failure.is_none() {
            run.first_failure = worker.first_failure;
        }
    }
    run.seconds = started.elapsed().as_secs_f64();
    run.latencies_ms.sort_by(f64::total_cmp);
    Ok(run)
}

async fn work(
    port: u16,
    source: Ipv4Addr,
    mut sender: SendRequest<Full<Bytes>>,
    next: Arc<AtomicUsize>,
    (count, started_all, budget): (usize, Instant, Option<Duration>),
    make: MakeCall,
    read: ReadAnswer,
) -> Worker {
    let mut worker = Worker {
        latencies_ms: Vec::new(),
        kept: Vec::new(),
        retried: 0,
        failed: 0,
        first_failure: None,
    };
    loop {
        if budget.is_some_and(|b| started_all.elapsed() >= b) {
            return worker;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= count {
            return worker;
        }
        let call = make(i);
        let started = Instant::now();
        let mut outcome = Err("no try".to_owned());
        for attempt in 0..TRIES {
            if attempt > 0 && budget.is_some_and(|b| started_all.elapsed() >= b) {
                // Out of time: a refused try is not tried again (a slow page would otherwise
                // keep the run going long after its time).
                break;
            }
            match send(&mut sender, &call).await {
                Ok(answer) if answer.status == 503 || answer.status == 429 => {
                    worker.retried += 1;
                    outcome = Err(format!(
                        "answered {} after {TRIES} tries: {}",
                        answer.status,
                        String::from_utf8_lossy(&answer.body)
                    ));
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                Ok(answer) => {
                    outcome = read(i, &answer);
                    break;
                }
                Err(e) => {
                    // The connection was closed (idle timeout, or the server's choice): the same
                    // request again on a new one (ballots carry their request key, so a retry
                    // of a stored ballot gets the same receipt).
                    worker.retried += 1;
                    outcome = Err(e);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    if let Ok(fresh) = connect(port, source).await {
                        sender = fresh;
                    }
                }
            }
        }
        match outcome {
            Ok(kept) => {
                worker
                    .latencies_ms
                    .push(started.elapsed().as_secs_f64() * 1000.0);
                if kept.is_some() {
                    worker.kept.push((i, kept));
                }
            }
            Err(e) => {
                worker.failed += 1;
                if worker.first_failure.is_none() {
                    worker.first_failure = Some(format!("request {i}: {e}"));
                }
            }
        }
    }
}

/// A JSON field of an answer's body.
pub(crate) fn json_field(answer: &Answer, pointer: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_slice(&answer.body)
        .map_err(|e| format!("answer {} is not JSON: {e}", answer.status))?;
    value
        .pointer(pointer)
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "answer {} has no {pointer}: {}",
                answer.status,
                String::from_utf8_lossy(&answer.body)
            )
        })
}

/// A 2xx answer kept whole as nothing: for loads whose answers are only counted.
pub(crate) fn expect_success() -> ReadAnswer {
    Arc::new(|_, answer| {
        if (200..300).contains(&answer.status) {
            Ok(None)
        } else {
            Err(format!(
                "answered {}: {}",
                answer.status,
                String::from_utf8_lossy(&answer.body)
            ))
        }
    })
}

/// A tokio runtime with two workers: the machine's cores, shared with the server.
pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("no async runtime: {e}"))
}
