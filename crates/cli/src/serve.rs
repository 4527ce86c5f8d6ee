//! `mandat serve`: the HTTP server, with the demo built first when asked and the database is empty.

use crate::failure::Failure;

/// How the ballot box groups ballots: at least `min_batch`, or whatever came within `max_wait`.
pub struct Batching {
    pub min_batch: usize,
    pub max_wait: std::time::Duration,
    /// When the box commits held-back leaves with a signed checkpoint.
    pub publication: mandat_core::ballot::Publication,
}

pub async fn run(
    db: &str,
    listen: &str,
    demo: bool,
    key_files: crate::keys::KeyFiles<'_>,
    batching: Batching,
    edge: mandat_web::EdgeLimits,
) -> Result<(), Failure> {
    let key = crate::keys::signing_key(key_files.signing)?;
    let token_key = crate::keys::token_key(key_files.secret)?;
    let store = mandat_store::Store::open(db)
        .await
        .map_err(Failure::store)?
        .with_publication(batching.publication);
    if demo {
        if store.head().await.map_err(Failure::store)?.seq == 0 {
            crate::demo::build(
                &store,
                mandat_demo::Scale::Region,
                1,
                crate::DemoPart::All,
                mandat_demo::DEMO_TURNOUT_PERMILLE,
                &key,
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
    let ballots = mandat_store::BallotQueue::start(
        store.clone(),
        std::sync::Arc::new(key.clone()),
        batching.min_batch,
        batching.max_wait,
    );
    let app = mandat_app::App::new(store)
        .with_token_key(token_key)
        .with_ballots(ballots);
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
        mandat_web::with_app(app, mandat_web::SignInLimits::default()),
        &edge,
    );
    mandat_web::edge::serve(listener, app, &edge, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    .map_err(|e| Failure::io("serving", e))
}
