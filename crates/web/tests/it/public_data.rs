//! No personal data on any public route: every GET route of the app, walked over the example
//! record (the registry and a counted primaries poll with its board; a conference with its
//! minutes and the party lists it approved), never shows a member's IIN, phone or full birth
//! date — on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_store::Store;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The smallest records that have polls with boards, minutes and lists: the documented examples.
const RECORDS: &[&[&str]] = &[
    &["registry.jsonl", "primaries.jsonl"],
    &["conference.jsonl", "lists.jsonl", "debates.jsonl"],
    &["congress.jsonl"],
];

async fn apply(store: &Store, name: &str) {
    mandat_testkit::apply_example(store, name).await;
}

async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String, Vec<u8>) {
    // A live region's stream never ends: its first event is the region as the page shows it.
    if path.split('?').next().unwrap_or(path).ends_with("/live") {
        return match mandat_testkit::Client::new(addr).events(path, None).await {
            Ok(mut events) => {
                let first = events
                    .next(std::time::Duration::from_secs(10))
                    .await
                    .unwrap_or_else(|| panic!("GET {path}: a live stream sends its region first"));
                (200, events.head.clone(), first.data.into_bytes())
            }
            Err(response) => (response.status, response.head, response.body),
        };
    }
    let response = mandat_testkit::Client::new(addr).get(path).await;
    (response.status, response.head, response.body)
}

/// The GET routes `mandat_web::app` declares, read from its source: a route added there and not
/// walked here fails this test. `/demo/outbox` exists only in a demo (`WebSettings::demo_outbox`),
/// where it shows the demo's made-up phones by design; the live-demo test walks it.
fn declared_get_routes() -> BTreeSet<String> {
    let source = include_str!("../../src/lib.rs");
    // A route may be written over several lines (`.route(\n    "/signin",\n    get(…)`).
    source
        .split(".route(")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix('"')?;
            let (path, after) = rest.split_once('"')?;
            after
                .trim_start_matches(',')
                .trim_start()
                .starts_with("get(")
                .then(|| path.to_string())
        })
        .filter(|path| path != "/demo/outbox")
        .collect()
}

/// What must never be shown: each member's IIN, phone (as stored and as its last ten digits)
/// and birth date in the two usual spellings.
async fn personal_data(store: &Store) -> Vec<(String, String)> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT iin, phone, birth_date FROM members")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert!(!rows.is_empty());
    let mut secrets = Vec::new();
    for (iin, phone, birth) in rows {
        let date: jiff::civil::Date = birth.parse().unwrap();
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        secrets.push((format!("IIN {iin}"), iin.clone()));
        secrets.push((format!("the phone of {iin}"), phone.clone()));
        secrets.push((
            format!("the phone of {iin}"),
            digits[digits.len().saturating_sub(10)..].to_string(),
        ));
        secrets.push((format!("the birth date of {iin}"), date.to_string()));
        secrets.push((
            format!("the birth date of {iin}"),
            date.strftime("%d.%m.%Y").to_string(),
        ));
    }
    secrets
}

/// The text of a PDF (pdftotext), or `None` where poppler-utils is not installed.
fn pdf_text(pdf: &[u8]) -> Option<String> {
    let path = std::env::temp_dir().join(format!(
        "mandat-public-data-{}-{}.pdf",
        std::process::id(),
        pdf.len()
    ));
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .ok();
    let _ = std::fs::remove_file(&path);
    output
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

fn json(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap()
}

#[tokio::test]
async fn no_public_route_shows_an_iin_a_phone_or_a_full_birth_date() {
    let declared = declared_get_routes();
    assert!(declared.len() >= 15, "{declared:?}");
    let mut walked: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut pages = 0;
    // A fresh database per record: the examples each bring their own registry.
    for record in RECORDS {
        for db in mandat_testkit::engines().await {
            let store = Store::open(&db.url).await.unwrap();
            for name in *record {
                apply(&store, name).await;
            }
            // The secretary attaches the signed scan of the first closed meeting's minutes (here
            // the generated minutes themselves, as if printed, signed and scanned).
            let closed: Option<String> = sqlx::query_scalar(
                "SELECT code FROM meetings WHERE status = 'closed' ORDER BY code LIMIT 1",
            )
            .fetch_optional(store.pool())
            .await
            .unwrap();
            if let Some(code) = closed {
                let code = mandat_core::Code::parse(&code).unwrap();
                let app = mandat_app::App::new(store.clone());
                let minutes = app.minutes(&code).await.unwrap();
                let document =
                    mandat_core::meeting::minutes_text::render(&minutes, mandat_core::Lang::Ru);
                let scan = mandat_print::pdf(&document).unwrap();
                app.attach_signed_minutes(&code, "secretary:test", &scan, jiff::Timestamp::now())
                    .await
                    .unwrap();
            }
            let secrets = personal_data(&store).await;
            let server = mandat_testkit::serve(mandat_web::router(store.clone())).await;
            let addr = server.addr;

            // Every path, with its parameters filled from the data.
            let mut paths: Vec<(&str, String)> = vec![
                ("/healthz", "/healthz".into()),
                ("/", "/".into()),
                ("/api/units", "/api/units".into()),
                ("/api/status", "/api/status".into()),
                ("/lists", "/lists".into()),
                ("/api/lists", "/api/lists".into()),
                ("/api/polls", "/api/polls".into()),
            ];
            let units: Vec<String> = sqlx::query_scalar("SELECT code FROM units ORDER BY code")
                .fetch_all(store.pool())
                .await
                .unwrap();
            for unit in &units {
                paths.push(("/api/status", format!("/api/status?unit={unit}")));
            }
            let meetings: Vec<String> =
                sqlx::query_scalar("SELECT code FROM meetings ORDER BY code")
                    .fetch_all(store.pool())
                    .await
                    .unwrap();
            let signed: Vec<String> =
                sqlx::query_scalar("SELECT meeting FROM signed_minutes ORDER BY meeting")
                    .fetch_all(store.pool())
                    .await
                    .unwrap();
            for meeting in &signed {
                paths.push((
                    "/meetings/{code}/signed",
                    format!("/meetings/{meeting}/signed"),
                ));
            }
            for meeting in &meetings {
                for lang in ["ru", "kk", "en"] {
                    paths.push((
                        "/meetings/{code}/minutes",
                        format!("/meetings/{meeting}/minutes?lang={lang}"),
                    ));
                }
            }
            // The minutes PDF of every meeting that has ended (while one runs it answers 409).
            let ended: Vec<String> = sqlx::query_scalar(
                "SELECT code FROM meetings WHERE status IN ('closed', 'failed') ORDER BY code",
            )
            .fetch_all(store.pool())
            .await
            .unwrap();
            for meeting in &ended {
                for lang in ["ru", "kk"] {
                    paths.push((
                        "/meetings/{code}/minutes.pdf",
                        format!("/meetings/{meeting}/minutes.pdf?lang={lang}"),
                    ));
                }
            }
            let (_, _, lists) = get(addr, "/api/lists").await;
            for list in json(&lists).as_array().unwrap() {
                let list = list.get("list").unwrap_or(list);
                let base = format!(
                    "{}/{}",
                    list["campaign"].as_str().unwrap(),
                    list["target"].as_str().unwrap()
                );
                for lang in ["ru", "kk", "en"] {
                    paths.push((
                        "/lists/{campaign}/{target}",
                        format!("/lists/{base}?lang={lang}"),
                    ));
                    paths.push((
                        "/lists/{campaign}/{target}/list.csv",
                        format!("/lists/{base}/list.csv?lang={lang}"),
                    ));
                    paths.push((
                        "/lists/{campaign}/{target}/list.pdf",
                        format!("/lists/{base}/list.pdf?lang={lang}"),
                    ));
                }
                paths.push((
                    "/api/lists/{campaign}/{target}",
                    format!("/api/lists/{base}"),
                ));
            }
            let (_, _, polls) = get(addr, "/api/polls").await;
            for poll in json(&polls).as_array().unwrap() {
                let code = poll["code"].as_str().unwrap();
                paths.push(("/api/polls/{code}", format!("/api/polls/{code}")));
                paths.push((
                    "/api/polls/{code}/turnout",
                    format!("/api/polls/{code}/turnout"),
                ));
                paths.push((
                    "/api/polls/{code}/conflicts",
                    format!("/api/polls/{code}/conflicts"),
                ));
                paths.push(("/polls/{code}/board", format!("/polls/{code}/board")));
                paths.push((
                    "/polls/{code}/turnout/live",
                    format!("/polls/{code}/turnout/live"),
                ));
                paths.push((
                    "/polls/{code}/check",
                    format!(
                        "/polls/{code}/check?tracker={}&ballot_hash={}",
                        "ab".repeat(32),
                        "cd".repeat(32)
                    ),
                ));
                if poll["status"] == "counted" {
                    paths.push((
                        "/polls/{code}/board.json",
                        format!("/polls/{code}/board.json"),
                    ));
                    paths.push((
                        "/polls/{code}/ballots.blt",
                        format!("/polls/{code}/ballots.blt"),
                    ));
                }
            }

            paths.push(("/signin/help", "/signin/help?lang=kk".into()));
            let (_, _, help) = get(addr, "/signin/help").await;
            let help = String::from_utf8_lossy(&help).into_owned();
            for asset in help.split("\"/assets/").skip(1) {
                let name = asset.split('"').next().unwrap();
                paths.push(("/assets/{name}", format!("/assets/{name}")));
            }
            for (route, path) in &paths {
                let (status, head, body) = get(addr, path).await;
                assert_eq!(
                    status,
                    200,
                    "{}: GET {path}: {}",
                    db.engine,
                    String::from_utf8_lossy(&body)
                );
                walked
                    .entry(db.engine)
                    .or_default()
                    .insert((*route).to_string());
                let text = if head.contains("application/pdf") {
                    match pdf_text(&body) {
                        Some(text) => text,
                        None => {
                            eprintln!(
                                "note: {path}: pdftotext is not installed, the PDF's text is not checked"
                            );
                            continue;
                        }
                    }
                } else {
                    String::from_utf8_lossy(&body).into_owned()
                };
                for (what, secret) in &secrets {
                    assert!(
                        !text.contains(secret.as_str()),
                        "{}: GET {path} shows {what} ({secret})",
                        db.engine
                    );
                }
                pages += 1;
            }
            // The voter's own pages send whoever has no session to the sign-in page.
            for (route, path) in [
                ("/my", "/my".to_string()),
                (
                    "/polls/{code}/vote",
                    format!("/polls/{}/vote", json(&polls)[0]["code"].as_str().unwrap()),
                ),
            ] {
                let (status, head, _) = get(addr, &path).await;
                assert_eq!(status, 303, "{}: GET {path}", db.engine);
                assert!(head.contains("/signin"), "{head}");
                walked
                    .entry(db.engine)
                    .or_default()
                    .insert(route.to_string());
            }
            // The console's live regions answer nobody without a session.
            if let Some(meeting) = meetings.first() {
                for region in ["head", "step"] {
                    let route = format!("/console/{{meeting}}/live/{region}");
                    let path = format!("/console/{meeting}/live/{region}");
                    let (status, _, _) = get(addr, &path).await;
                    assert_eq!(status, 401, "{}: GET {path}", db.engine);
                    walked.entry(db.engine).or_default().insert(route);
                }
            }
            // This server runs without the site secret: the sign-in page says it signs no one in.
            let (status, _, _) = get(addr, "/signin").await;
            assert_eq!(status, 503, "{}: GET /signin", db.engine);
            walked
                .entry(db.engine)
                .or_default()
                .insert("/signin".to_string());
            let (status, _, _) = get(addr, "/my/live").await;
            assert_eq!(status, 401, "{}: GET /my/live", db.engine);
            walked
                .entry(db.engine)
                .or_default()
                .insert("/my/live".to_string());
            // The secretary's console and its minutes preview, too.
            if let Some(meeting) = meetings.first() {
                for (route, path) in [
                    ("/console/{meeting}", format!("/console/{meeting}")),
                    (
                        "/console/{meeting}/minutes",
                        format!("/console/{meeting}/minutes"),
                    ),
                ] {
                    let (status, head, _) = get(addr, &path).await;
                    assert_eq!(status, 303, "{}: GET {path}", db.engine);
                    assert!(head.contains("/signin"), "{head}");
                    walked
                        .entry(db.engine)
                        .or_default()
                        .insert(route.to_string());
                }
            }
            let (status, _, _) = get(addr, "/api/me").await;
            assert_eq!(status, 401, "{}: GET /api/me", db.engine);
            walked
                .entry(db.engine)
                .or_default()
                .insert("/api/me".to_string());
            // The one GET route that is not public answers nobody without a session.
            for poll in json(&polls).as_array().unwrap() {
                let path = format!("/api/polls/{}/me", poll["code"].as_str().unwrap());
                let (status, _, _) = get(addr, &path).await;
                assert_eq!(status, 401, "{}: GET {path}", db.engine);
                walked
                    .entry(db.engine)
                    .or_default()
                    .insert("/api/polls/{code}/me".to_string());
            }
            // Nor does the staff's own page.
            let (status, _, _) = get(addr, "/api/staff/me").await;
            assert_eq!(status, 401, "{}: GET /api/staff/me", db.engine);
            walked
                .entry(db.engine)
                .or_default()
                .insert("/api/staff/me".to_string());
            let (status, _, _) = get(addr, "/api/staff/signin-health").await;
            assert_eq!(status, 401, "{}: GET /api/staff/signin-health", db.engine);
            walked
                .entry(db.engine)
                .or_default()
                .insert("/api/staff/signin-health".to_string());
            // The organizer's dashboard sends whoever has no staff session to the sign-in page,
            // which a server without the site secret does not serve (it signs no one in).
            let (status, head, _) = get(addr, "/dashboard?unit=ALM").await;
            assert_eq!(status, 303, "{}: GET /dashboard", db.engine);
            assert!(head.contains("/staff/signin"), "{head}");
            walked
                .entry(db.engine)
                .or_default()
                .insert("/dashboard".to_string());
            for region in ["attention", "meetings", "turnout"] {
                let route = format!("/dashboard/live/{region}");
                let (status, _, _) = get(addr, &format!("{route}?unit=ALM")).await;
                assert_eq!(status, 401, "{}: GET {route}", db.engine);
                walked.entry(db.engine).or_default().insert(route);
            }
            let (status, _, _) = get(addr, "/staff/signin").await;
            assert_eq!(status, 503, "{}: GET /staff/signin", db.engine);
            walked
                .entry(db.engine)
                .or_default()
                .insert("/staff/signin".to_string());
            // The demo's outbox of codes is served only by a demo that writes one (`serve
            // --demo --live`); a site serves no such page.
            let (status, _, _) = get(addr, "/demo/outbox").await;
            assert_eq!(status, 404, "{}: GET /demo/outbox", db.engine);
            walked
                .entry(db.engine)
                .or_default()
                .insert("/demo/outbox".to_string());
            // The hall's pages: the projector and kiosk links are secrets (a wrong one is a plain
            // 404 that names nothing), the links' page and the delegate's page need a sign-in.
            for meeting in &meetings {
                let hall: [(&str, String, &[u16]); 8] = [
                    (
                        "/meetings/{meeting}/projector",
                        format!("/meetings/{meeting}/projector"),
                        &[401],
                    ),
                    (
                        "/hall/{meeting}/screen/{token}",
                        format!("/hall/{meeting}/screen/AAAAAAAAAAAAAAAAAAAAAA"),
                        &[404],
                    ),
                    (
                        "/hall/{meeting}/screen/{token}/live",
                        format!("/hall/{meeting}/screen/AAAAAAAAAAAAAAAAAAAAAA/live"),
                        &[404],
                    ),
                    ("/hall/{meeting}/me", format!("/hall/{meeting}/me"), &[303]),
                    (
                        "/hall/{meeting}/me/live",
                        format!("/hall/{meeting}/me/live"),
                        &[401],
                    ),
                    ("/hall/signin", "/hall/signin".to_string(), &[200, 503]),
                    ("/kiosk/{meeting}", format!("/kiosk/{meeting}"), &[404]),
                    (
                        "/kiosk/{meeting}/ballot",
                        format!("/kiosk/{meeting}/ballot"),
                        &[404],
                    ),
                ];
                for (route, path, statuses) in hall {
                    let (status, _, body) = get(addr, &path).await;
                    assert!(
                        statuses.contains(&status),
                        "{}: GET {path}: {status}",
                        db.engine
                    );
                    let text = String::from_utf8_lossy(&body);
                    for (what, secret) in &secrets {
                        assert!(!text.contains(secret.as_str()), "GET {path} shows {what}");
                    }
                    pages += 1;
                    walked
                        .entry(db.engine)
                        .or_default()
                        .insert(route.to_string());
                }
            }
            drop(server);
        }
    }
    for (engine, walked) in &walked {
        let missing: Vec<&String> = declared.difference(walked).collect();
        assert!(
            missing.is_empty(),
            "{engine}: public GET routes not walked (add them to this test): {missing:?}"
        );
    }
    eprintln!("{pages} public responses checked");
}

#[tokio::test]
async fn a_counted_board_is_built_once_and_then_served_from_memory() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        for name in RECORDS[0] {
            apply(&store, name).await;
        }
        let polls = store.polls().await.unwrap();
        let counted = polls
            .iter()
            .find(|p| p.status == mandat_core::poll::PollStatus::Counted)
            .expect("the primaries example counts its poll");
        let first = store.published_board(&counted.code).await.unwrap();
        let again = store.published_board(&counted.code).await.unwrap();
        assert!(
            std::sync::Arc::ptr_eq(&first, &again),
            "{}: the board was built twice",
            db.engine
        );
        // What is kept is what a fresh build gives (another store, with nothing kept yet).
        let fresh = Store::open(&db.url).await.unwrap();
        let (board, blt) = fresh.board(&counted.code).await.unwrap();
        fresh.close().await;
        assert_eq!(
            (serde_json::to_string(&board).unwrap(), blt),
            (first.json.clone(), first.blt.clone())
        );
        let server = mandat_testkit::serve(mandat_web::router(store.clone())).await;
        let addr = server.addr;
        let (status, head, body) = get(addr, &format!("/polls/{}/board.json", counted.code)).await;
        assert_eq!(status, 200);
        assert!(head.contains("application/json"), "{head}");
        assert_eq!(String::from_utf8(body).unwrap(), first.json);
        drop(server);
    }
}
