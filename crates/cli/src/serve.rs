//! `mandat serve`: the HTTP server, with the demo built first when asked and the database is empty.

use crate::failure::Failure;
use std::path::PathBuf;
use std::sync::Arc;

/// How members sign in and what the pages say: `mandat serve`'s sign-in options.
#[derive(clap::Args, Clone, Debug)]
pub struct SignInArgs {
    /// Write sign-in codes to FILE, one JSON line `{"to":…,"text":…}` per message, instead of
    /// sending them (development, tests, the demo). `--demo` writes to mandat-outbox.jsonl
    /// unless told otherwise.
    #[arg(long, value_name = "FILE", conflicts_with = "sms_gateway")]
    pub sms_outbox: Option<PathBuf>,
    /// Send sign-in codes through the SMS gateway at URL (https://…): POSTed as JSON
    /// `{"to":…,"text":…}`, with `{to}` and `{text}` in the URL replaced when present.
    #[arg(long, value_name = "URL")]
    pub sms_gateway: Option<String>,
    /// A file holding the gateway's bearer token (else the environment's MANDAT_SMS_TOKEN).
    #[arg(long, value_name = "FILE")]
    pub sms_gateway_token_file: Option<PathBuf>,
    /// Seconds one try of the gateway may take.
    #[arg(long, default_value_t = 10)]
    pub sms_timeout_s: u64,
    /// Tries after the first when the gateway fails or is busy.
    #[arg(long, default_value_t = 2)]
    pub sms_retries: u32,
    /// Messages the whole server may send per minute (a cost and abuse guard); 0 switches the
    /// budget off, for load tests only.
    #[arg(long, default_value_t = 6000)]
    pub sms_per_minute: u32,
    /// Mark cookies Secure: set it when people reach the server over TLS (through a proxy that
    /// terminates it); browsers drop Secure cookies over plain HTTP.
    #[arg(long)]
    pub secure_cookies: bool,
    /// The party hotline shown on the "my code never came" page.
    #[arg(long, default_value = "1414")]
    pub hotline: String,
}

/// The sender of sign-in codes the options ask for, if any.
pub(crate) fn code_sender(
    args: &SignInArgs,
    demo: bool,
) -> Result<Option<Arc<dyn mandat_app::SmsSender>>, Failure> {
    if let Some(url) = &args.sms_gateway {
        let token = match &args.sms_gateway_token_file {
            Some(path) => Some(
                std::fs::read_to_string(path)
                    .map_err(|e| Failure::io("reading the SMS gateway's token file", e))?
                    .trim()
                    .to_owned(),
            ),
            None => std::env::var("MANDAT_SMS_TOKEN").ok(),
        };
        let sender = mandat_app::HttpSender::new(mandat_app::GatewayConfig {
            url_template: url.clone(),
            token,
            timeout: std::time::Duration::from_secs(args.sms_timeout_s.max(1)),
            retries: args.sms_retries,
        })
        .map_err(|e| Failure::said("bad-sms-gateway", vec![("error", e.to_string().into())]))?;
        return Ok(Some(Arc::new(sender)));
    }
    let outbox = match (&args.sms_outbox, demo) {
        (Some(path), _) => path.clone(),
        (None, true) => PathBuf::from(DEMO_OUTBOX),
        (None, false) => return Ok(None),
    };
    Ok(Some(Arc::new(mandat_app::OutboxSender::new(outbox))))
}

/// Where `--demo` writes the codes when no sender is given.
pub const DEMO_OUTBOX: &str = "mandat-outbox.jsonl";

/// How the ballot box groups ballots: at least `min_batch`, or whatever came within `max_wait`.
pub struct Batching {
    pub min_batch: usize,
    pub max_wait: std::time::Duration,
    /// When the box commits held-back leaves with a signed checkpoint.
    pub publication: mandat_core::ballot::Publication,
}

/// Which demo `mandat serve` builds into an empty database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    Off,
    /// The whole 2020 cycle, finished (`--demo`).
    Finished,
    /// The region's primaries open now (`--demo --live`).
    Live,
}

pub async fn run(
    db: &str,
    listen: &str,
    demo: Demo,
    key_files: crate::keys::KeyFiles<'_>,
    batching: Batching,
    sign_in: SignInArgs,
    edge: mandat_web::EdgeLimits,
) -> Result<(), Failure> {
    let sender = code_sender(&sign_in, demo != Demo::Off)?;
    let key = crate::keys::signing_key(key_files.signing)?;
    let token_key = crate::keys::token_key(key_files.secret)?;
    let store = mandat_store::Store::open(db)
        .await
        .map_err(Failure::store)?
        .with_publication(batching.publication);
    let empty = store.head().await.map_err(Failure::store)?.seq == 0;
    if demo == Demo::Live && empty {
        crate::demo::build_live(
            &store,
            1,
            mandat_demo::DEMO_TURNOUT_PERMILLE,
            &key,
            &token_key,
            jiff::Timestamp::now(),
        )
        .await?;
    } else if demo != Demo::Off {
        if empty && demo == Demo::Finished {
            crate::demo::build(
                &store,
                mandat_demo::Scale::Region,
                1,
                crate::DemoPart::All,
                mandat_demo::DEMO_TURNOUT_PERMILLE,
                &key,
                &crate::demo::StageLog::none(),
            )
            .await?;
        } else {
            tracing::info!("the database already has a record; --demo leaves it as it is");
        }
    }
    let listener = tokio::net::TcpListener::bind(listen).await.map_err(|e| {
        Failure::said(
            "cannot-listen",
            vec![("listen", listen.into()), ("error", e.to_string().into())],
        )
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| Failure::io("reading the listening address", e))?;
    tracing::info!(database = %store.display_url(), key_id = %key.key_id(), "mandat serves http://{local}/");
    if demo != Demo::Off {
        let outbox = sign_in
            .sms_outbox
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEMO_OUTBOX));
        print_demo_guide(&store, &local.to_string(), &outbox).await?;
    }
    let ballots = mandat_store::BallotQueue::start(
        store.clone(),
        std::sync::Arc::new(key.clone()),
        batching.min_batch,
        batching.max_wait,
    );
    let mut app = mandat_app::App::new(store.clone())
        .with_token_key(token_key.clone())
        .with_card_secret(&crate::keys::site_secret(key_files.secret)?)
        .with_ballots(ballots);
    match sender {
        Some(sender) => {
            let settings = mandat_app::SignInSettings {
                messages_per_minute: (sign_in.sms_per_minute > 0).then_some(sign_in.sms_per_minute),
                ..mandat_app::SignInSettings::default()
            };
            app = app.with_code_desk(mandat_app::CodeDesk::start(
                store, token_key, sender, settings,
            ));
        }
        None => tracing::warn!(
            "members cannot sign in with a code: no --sms-outbox or --sms-gateway was given"
        ),
    }
    let settings = mandat_web::WebSettings {
        secure_cookies: sign_in.secure_cookies,
        hotline: sign_in.hotline.clone(),
        // The page that shows the codes exists only in a demo that writes them to a file.
        demo_outbox: (demo != Demo::Off && sign_in.sms_gateway.is_none()).then(|| {
            sign_in
                .sms_outbox
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEMO_OUTBOX))
        }),
        live: mandat_web::live::LiveSettings::default(),
    };
    tokio::spawn(crate::schedule::run(app.clone()));
    if !edge.request_timeout.is_zero() && batching.max_wait >= edge.request_timeout {
        tracing::warn!(
            "--ballot-wait-ms is not below --request-timeout-secs: a ballot waiting for its batch \
             may be answered 503 although it is stored"
        );
    }
    // The edge's limits around the application; the accept loop gives each request its client's
    // address (the sign-in and rate limits count per address) and cuts off slow headers.
    let app = mandat_web::edge::bound(
        mandat_web::with_settings(app, mandat_web::SignInLimits::default(), settings),
        &edge,
    );
    mandat_web::edge::serve(listener, app, &edge, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| Failure::io("serving", e))
}

/// What a visitor of the demo needs: where to go, whom to sign in as, where the codes are.
async fn print_demo_guide(
    store: &mandat_store::Store,
    address: &str,
    outbox: &std::path::Path,
) -> Result<(), Failure> {
    let accounts = crate::demo::accounts(store).await?;
    println!(
        "{}",
        crate::words::say(
            "demo-guide",
            &[
                ("address", address.into()),
                ("outbox", outbox.display().to_string().into()),
            ],
        )
    );
    for voter in &accounts.members {
        println!("  {}  {}  ({})", voter.iin, voter.name, voter.poll);
    }
    for account in &accounts.staff {
        println!(
            "{}",
            crate::words::say(
                "demo-guide-account",
                &[
                    ("login", account.login.as_str().into()),
                    ("role", account.role.as_str().into()),
                    ("unit", account.unit.as_str().into()),
                    ("password", account.password.as_str().into()),
                    ("uri", account.totp_uri.as_str().into()),
                ],
            )
        );
    }
    for grant in &accounts.grants {
        println!(
            "{}",
            crate::words::say(
                "demo-guide-grant",
                &[
                    ("iin", grant.iin.as_str().into()),
                    ("name", grant.name.as_str().into()),
                    ("role", grant.role.as_str().into()),
                    ("scope", grant.scope.as_str().into()),
                ],
            )
        );
    }
    if accounts.members.is_empty() {
        println!("{}", crate::words::say("demo-guide-no-voters", &[]));
    }
    Ok(())
}
