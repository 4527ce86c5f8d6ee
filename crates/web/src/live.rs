//! Live regions over Server-Sent Events: a page's region rendered again when the journal head moves, coalesced, resumable by `Last-Event-ID`, bounded per session and in total.
//!
//! One rendering path: the page embeds the region's fragment, and the stream sends the same
//! fragment again (`event: update`, `id:` the journal head it was rendered at) whenever it
//! changed; `assets/live.js` swaps it in. Without JavaScript the page is a static snapshot.
//!
//! - Authorization is the render itself: it runs at connect (an error answers the request with
//!   that error), after every move of the head, and every `recheck` for personal streams, so a
//!   revoked session or a lapsed grant ends the stream (`event: end`).
//! - Updates are coalesced: at most one per `min_gap` per stream, never one per ballot; the
//!   first change after a quiet spell goes out at once.
//! - A region the same for everyone (`shared`) is rendered once per head for all its subscribers.
//! - A reconnect sending `Last-Event-ID` equal to the current head gets nothing until the next
//!   change; an older id gets the current region once (the events are states, not deltas).

use crate::AppState;
use crate::error::WebError;
use crate::extract::{SESSION_COOKIE, cookie};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OnceCell, mpsc, watch};

/// Limits and rhythm of live streams.
#[derive(Clone, Debug)]
pub struct LiveSettings {
    /// The least time between two updates of one stream.
    pub min_gap: Duration,
    /// How often a personal stream is rendered again without a change of the head (sign-out
    /// and revocations do not move the journal head).
    pub recheck: Duration,
    /// A comment line on idle streams, so proxies and phones keep the connection.
    pub keep_alive: Duration,
    /// Streams open on this node at once.
    pub max_streams: usize,
    /// Streams open at once with one session cookie (a few tabs).
    pub max_per_session: usize,
}

impl Default for LiveSettings {
    fn default() -> LiveSettings {
        LiveSettings {
            min_gap: Duration::from_millis(250),
            recheck: Duration::from_secs(5),
            keep_alive: Duration::from_secs(15),
            max_streams: 20_000,
            max_per_session: 8,
        }
    }
}

/// A fragment rendered once per head for every subscriber of a shared region.
type Rendered = Arc<OnceCell<Option<Arc<str>>>>;

/// The node's live streams: their count and the shared regions' renderings.
#[derive(Default)]
pub struct Hub {
    open: AtomicUsize,
    per_session: Mutex<HashMap<String, usize>>,
    shared: Mutex<HashMap<String, (i64, Rendered)>>,
}

impl Hub {
    /// Streams open now on this node.
    pub fn open_streams(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }

    fn rendering(&self, key: &str, head: i64) -> Rendered {
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        match shared.get(key) {
            Some((at, rendered)) if *at >= head => rendered.clone(),
            _ => {
                let rendered = Rendered::default();
                shared.insert(key.to_owned(), (head, rendered.clone()));
                rendered
            }
        }
    }
}

/// One open stream, counted until dropped.
struct Seat {
    hub: Arc<Hub>,
    session: Option<String>,
}

impl Seat {
    fn take(hub: &Arc<Hub>, session: Option<String>, settings: &LiveSettings) -> Option<Seat> {
        if hub.open.fetch_add(1, Ordering::AcqRel) >= settings.max_streams {
            hub.open.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        if let Some(session) = &session {
            let mut per = hub.per_session.lock().unwrap_or_else(|e| e.into_inner());
            let count = per.entry(session.clone()).or_default();
            if *count >= settings.max_per_session {
                drop(per);
                hub.open.fetch_sub(1, Ordering::AcqRel);
                return None;
            }
            *count += 1;
        }
        Some(Seat {
            hub: hub.clone(),
            session,
        })
    }
}

impl Drop for Seat {
    fn drop(&mut self) {
        self.hub.open.fetch_sub(1, Ordering::AcqRel);
        if let Some(session) = &self.session {
            let mut per = self
                .hub
                .per_session
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if let Some(count) = per.get_mut(session) {
                *count -= 1;
                if *count == 0 {
                    per.remove(session);
                }
            }
        }
    }
}

tokio::task_local! {
    /// Set by the edge for each request: becomes true when the server shuts down, so that
    /// endless streams end and the shutdown need not wait for them.
    pub(crate) static CLOSING: watch::Receiver<bool>;
}

/// Answers `GET …/live` with a Server-Sent Events stream of one live region (see the module's
/// header): `render` authorizes and draws the region; `shared` names a region that is the same
/// for every subscriber.
pub(crate) async fn serve<R, F>(
    state: &AppState,
    headers: &HeaderMap,
    shared: Option<String>,
    render: R,
) -> Result<Response, WebError>
where
    R: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = Result<String, WebError>> + Send + 'static,
{
    let settings = state.settings.live.clone();
    // Counted per session cookie (hashed: the count's key outlives no request, but needs no secret).
    let session = cookie(headers, SESSION_COOKIE)
        .or_else(|| cookie(headers, crate::staff::STAFF_COOKIE))
        .map(|token| hex::encode(<sha2::Sha256 as sha2::Digest>::digest(token.as_bytes())));
    let Some(seat) = Seat::take(&state.live, session, &settings) else {
        return Err(WebError::Api {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "live_full",
            params: Vec::new(),
            detail: None,
            retry_after: Some(10),
        });
    };
    let store = state.app.store().clone();
    let mut heads = store.heads();
    let head = store.head().await?.seq.max(*heads.borrow_and_update());
    let region = Region {
        render,
        shared,
        hub: state.live.clone(),
    };
    // A crowd connecting to a shared region costs one rendering, not one each.
    let first = region.at(head).await?;
    let resumed_at = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let (sender, receiver) = mpsc::channel::<Event>(2);
    let closing = CLOSING.try_with(Clone::clone).ok();
    tokio::spawn(async move {
        run(
            seat, region, settings, heads, closing, sender, head, first, resumed_at,
        )
        .await;
    });
    let events = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver
            .recv()
            .await
            .map(|event| (Ok::<_, Infallible>(event), receiver))
    });
    let keep_alive = KeepAlive::new().interval(state.settings.live.keep_alive);
    let mut response = Sse::new(events).keep_alive(keep_alive).into_response();
    // A proxy that buffers would hold the updates back.
    response.headers_mut().insert(
        "x-accel-buffering",
        axum::http::HeaderValue::from_static("no"),
    );
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

struct Region<R> {
    render: R,
    shared: Option<String>,
    hub: Arc<Hub>,
}

impl<R, F> Region<R>
where
    R: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = Result<String, WebError>> + Send + 'static,
{
    /// The region at `head`: for a shared region, one rendering per head for all subscribers.
    async fn at(&self, head: i64) -> Result<Arc<str>, WebError> {
        let Some(key) = &self.shared else {
            return (self.render)().await.map(Arc::from);
        };
        let rendered = self.hub.rendering(key, head);
        let once = rendered
            .get_or_init(|| async { (self.render)().await.ok().map(Arc::from) })
            .await;
        match once {
            Some(html) => Ok(html.clone()),
            // Not kept: this subscriber renders for itself, to end with the real reason.
            None => (self.render)().await.map(Arc::from),
        }
    }
}

fn update(head: i64, html: &str) -> Event {
    Event::default()
        .event("update")
        .id(head.to_string())
        .data(html)
}

#[allow(clippy::too_many_arguments)]
async fn run<R, F>(
    _seat: Seat,
    region: Region<R>,
    settings: LiveSettings,
    mut heads: watch::Receiver<i64>,
    mut closing: Option<watch::Receiver<bool>>,
    sender: mpsc::Sender<Event>,
    mut head: i64,
    first: Arc<str>,
    resumed_at: Option<i64>,
) where
    R: Fn() -> F + Send + Sync + 'static,
    F: Future<Output = Result<String, WebError>> + Send + 'static,
{
    // A client resuming at the present head already shows this region.
    if resumed_at.is_none_or(|at| at < head) && sender.send(update(head, &first)).await.is_err() {
        return;
    }
    let mut last = first;
    let mut last_sent = tokio::time::Instant::now();
    let personal = region.shared.is_none();
    let mut recheck = tokio::time::interval(settings.recheck);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    recheck.tick().await;
    loop {
        tokio::select! {
            changed = heads.changed() => {
                if changed.is_err() {
                    return;
                }
            }
            _ = recheck.tick(), if personal => {}
            () = sender.closed() => return,
            () = closed(&mut closing) => return,
        }
        // Coalesce: the first change after a quiet spell is drawn at once; changes within the
        // gap after an update wait for its end and are drawn by one update.
        tokio::time::sleep_until(last_sent + settings.min_gap).await;
        head = head.max(*heads.borrow_and_update());
        match region.at(head).await {
            Ok(html) if html != last => {
                if sender.send(update(head, &html)).await.is_err() {
                    return;
                }
                last = html;
                last_sent = tokio::time::Instant::now();
            }
            Ok(_) => {}
            // Refused now (signed out, grant lapsed, gone): the stream ends for good.
            Err(WebError::Api { code, .. }) => {
                let _ = sender.send(Event::default().event("end").data(code)).await;
                return;
            }
            Err(WebError::NotFound(_)) => {
                let _ = sender
                    .send(Event::default().event("end").data("not_found"))
                    .await;
                return;
            }
            // A failure of this node (the database away): the stream closes and the browser
            // reconnects, resuming at the last head it saw.
            Err(e) => {
                tracing::warn!(error = %e, "drawing a live region");
                return;
            }
        }
    }
}

/// Resolves when the server shuts down; never without the edge's signal.
async fn closed(closing: &mut Option<watch::Receiver<bool>>) {
    match closing {
        Some(closing) => {
            if closing.wait_for(|closing| *closing).await.is_err() {
                std::future::pending::<()>().await;
            }
        }
        None => std::future::pending().await,
    }
}
