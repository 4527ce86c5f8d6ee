//! mandat-web: the HTTP face of the record — health, the unit tree, the ladder's progress, minutes, party lists.

mod assets;
mod ballot;
mod chart;
mod console;
mod dashboard;
pub mod edge;
mod error;
mod extract;
mod frame;
mod hall;
mod kiosk;
mod language;
mod limits;
mod lists;
pub mod live;
mod meetings;
mod polls;
mod signin;
mod staff;
mod staff_pages;
mod streams;
mod units;
mod voting;

use axum::Router;
use axum::routing::{get, post};
use mandat_store::Store;

pub use edge::EdgeLimits;
pub use error::{ErrorReport, WebError, request_lang};
pub use limits::SignInLimits;
use mandat_core::token::TokenKey;
use std::sync::Arc;

/// How this server is reached and what its pages tell people.
#[derive(Clone, Debug)]
pub struct WebSettings {
    /// Cookies marked `Secure`: set when people reach the server over TLS (behind a terminating
    /// proxy, say); a browser drops Secure cookies sent over plain HTTP.
    pub secure_cookies: bool,
    /// The party's hotline, on the "my code never came" page.
    pub hotline: String,
    /// In a demo that writes the codes to a file, that file: `/demo/outbox` shows its last
    /// messages. Never set on a real server.
    pub demo_outbox: Option<std::path::PathBuf>,
    /// The rhythm and bounds of live streams.
    pub live: live::LiveSettings,
}

impl Default for WebSettings {
    fn default() -> WebSettings {
        WebSettings {
            secure_cookies: false,
            hotline: "1414".to_owned(),
            demo_outbox: None,
            live: live::LiveSettings::default(),
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The application layer: every use case (sign-in, casting, check-in) goes through it.
    pub app: mandat_app::App,
    /// Failed e-vote sign-ins per address and overall.
    pub sign_in: Arc<limits::Limiter>,
    pub settings: Arc<WebSettings>,
    /// This node's live streams.
    pub live: Arc<live::Hub>,
}

/// The public application without the ballot box and without sign-in (pages, JSON, receipt checks).
pub fn router(store: Store) -> Router {
    with_app(mandat_app::App::new(store), SignInLimits::default())
}

/// The whole application; ballots go to `ballots`, codes and sessions are checked under
/// `token_key`, with the default sign-in limits. Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` so that the limits see each client's
/// address.
pub fn app(
    store: Store,
    ballots: Option<mandat_store::BallotQueue>,
    token_key: TokenKey,
) -> Router {
    app_with_limits(store, ballots, token_key, SignInLimits::default())
}

/// [`app`] with other sign-in limits.
pub fn app_with_limits(
    store: Store,
    ballots: Option<mandat_store::BallotQueue>,
    token_key: TokenKey,
    limits: SignInLimits,
) -> Router {
    let mut app = mandat_app::App::new(store).with_token_key(token_key);
    if let Some(ballots) = ballots {
        app = app.with_ballots(ballots);
    }
    with_app(app, limits)
}

/// The HTTP face of an application layer already put together (the CLI's `serve`, tests).
pub fn with_app(app: mandat_app::App, limits: SignInLimits) -> Router {
    with_settings(app, limits, WebSettings::default())
}

/// [`with_app`] with other settings.
pub fn with_settings(app: mandat_app::App, limits: SignInLimits, settings: WebSettings) -> Router {
    let mut router = Router::new();
    if settings.demo_outbox.is_some() {
        router = router.route("/demo/outbox", get(signin::demo_outbox_page));
    }
    router
        .route("/assets/{name}", get(assets::serve))
        .route(
            "/signin",
            get(signin::signin_page).post(signin::signin_submit),
        )
        .route("/signin/code", post(signin::code_submit))
        .route("/signin/help", get(signin::help_page))
        .route("/signout", post(signin::signout_submit))
        .route("/my", get(signin::my_page))
        .route("/my/live", get(signin::my_live))
        .route("/polls/{code}/vote", get(ballot::vote_page))
        .route("/polls/{code}/review", post(ballot::review_submit))
        .route("/polls/{code}/cast", post(ballot::cast_submit))
        .route("/polls/{code}/board", get(ballot::board_page))
        .route("/polls/{code}/check", get(ballot::check_page))
        .route("/polls/{code}/turnout/live", get(ballot::turnout_live))
        .route("/api/signin/code", post(signin::api_request_code))
        .route("/api/signin", post(signin::api_sign_in))
        .route("/api/me", get(signin::api_me))
        .route("/api/signout", post(signin::api_sign_out))
        .route("/healthz", get(health))
        .route("/", get(units::tree_page))
        .route("/api/units", get(units::list_json))
        .route("/api/status", get(meetings::status_json))
        .route("/meetings/{code}/minutes", get(meetings::minutes_page))
        .route("/meetings/{code}/signed", get(meetings::signed_scan))
        .route(
            "/meetings/{meeting}/projector",
            get(hall::projector_page).post(hall::projector_renew),
        )
        .route("/hall/{meeting}/screen/{token}", get(hall::screen_page))
        .route(
            "/hall/{meeting}/screen/{token}/live",
            get(hall::screen_live),
        )
        .route(
            "/hall/signin",
            get(hall::signin_page).post(hall::signin_submit),
        )
        .route("/hall/{meeting}/me", get(hall::me_page))
        .route("/hall/{meeting}/me/live", get(hall::me_live))
        .route("/hall/{meeting}/confirm", post(hall::confirm_submit))
        .route("/kiosk/{meeting}", get(kiosk::start_page))
        .route("/kiosk/{meeting}/code", post(kiosk::code_submit))
        .route("/kiosk/{meeting}/ballot", get(kiosk::ballot))
        .route("/kiosk/{meeting}/cast", post(kiosk::cast))
        .route("/meetings/{code}/minutes.pdf", get(console::minutes_pdf))
        .route("/console/{meeting}", get(console::page))
        .route("/console/{meeting}/minutes", get(console::minutes_preview))
        .route("/console/{meeting}/live/head", get(console::live_head))
        .route("/console/{meeting}/live/step", get(console::live_step))
        .route("/console/{meeting}/{step}", post(console::step))
        .route("/hall/{meeting}/speak", post(console::speak))
        .route("/lists", get(lists::index_page))
        .route("/lists/{campaign}/{target}", get(lists::page))
        .route("/lists/{campaign}/{target}/list.csv", get(lists::csv))
        .route("/lists/{campaign}/{target}/list.pdf", get(lists::pdf))
        .route("/api/lists", get(lists::index_json))
        .route("/api/lists/{campaign}/{target}", get(lists::one_json))
        .route("/api/polls", get(polls::list))
        .route("/api/polls/{code}", get(polls::one))
        .route("/api/polls/{code}/receipt", post(polls::receipt))
        .route("/api/polls/{code}/turnout", get(polls::turnout))
        .route("/api/polls/{code}/conflicts", get(polls::conflicts))
        .route("/api/session", post(voting::sign_in))
        .route("/api/polls/{code}/me", get(voting::me))
        .route("/api/polls/{code}/ballot", post(voting::cast))
        .route(
            "/staff/signin",
            get(staff_pages::signin_page).post(staff_pages::signin_submit),
        )
        .route("/staff/signout", post(staff_pages::signout_submit))
        .route("/dashboard", get(dashboard::page))
        .route("/dashboard/live/attention", get(dashboard::attention_live))
        .route("/dashboard/live/meetings", get(dashboard::meetings_live))
        .route("/dashboard/live/turnout", get(dashboard::turnout_live))
        .route(
            "/dashboard/meetings/{code}/notices",
            post(dashboard::send_notices),
        )
        .route("/api/staff/signin", post(staff::sign_in))
        .route("/api/staff/signout", post(staff::sign_out))
        .route("/api/staff/me", get(staff::me))
        .route("/api/staff/signin-health", get(staff::signin_health))
        .route("/api/commands", post(staff::submit))
        .route("/polls/{code}/board.json", get(polls::board_json))
        .route("/polls/{code}/ballots.blt", get(polls::board_blt))
        .with_state(AppState {
            app,
            sign_in: Arc::new(limits::Limiter::new(limits)),
            settings: Arc::new(settings),
            live: Arc::default(),
        })
        .layer(axum::middleware::from_fn(edge::guard))
        .layer(axum::middleware::from_fn(error::render_errors))
}

/// Liveness and the published chain head: a reader can note it and later run `mandat verify --anchor`.
async fn health(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<axum::Json<serde_json::Value>, WebError> {
    let head = state.app.head().await?;
    Ok(axum::Json(serde_json::json!({
        "status": "ok",
        "journal_head": head.to_string(),
    })))
}

/// The same page in each language, each named in its own language; the page shown is marked.
fn language_links(path: &str, shown: mandat_core::Lang) -> Vec<mandat_print::NavLink> {
    language::links(path, shown)
}
