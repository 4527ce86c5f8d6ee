//! The organizer's dashboard on both engines: staff sign in through the page, a meeting without quorum 30 minutes after its start is under attention (one 10 minutes late is not), a unit outside the account's is refused with 403 and why, the turnout charts are well-formed SVG with the figures, the delegates' notices go once through the outbox and are logged, the scheduler sends the day's reminder, and a meeting's YouTube stream is embedded under a CSP that allows that host only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_app::{App, CodeDesk, NewSecrets, OutboxSender, SignInSettings};
use mandat_core::staff::Login;
use mandat_core::token::TokenKey;
use mandat_store::Store;
use mandat_testkit::{Client, Response, Served, apply_lines, engines, example_text, serve};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Long enough for any update on a loaded machine.
const PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

fn key() -> TokenKey {
    TokenKey::derive(&[9u8; 32])
}

struct Site {
    store: Store,
    served: Served,
    secrets: std::collections::BTreeMap<String, NewSecrets>,
    outbox: PathBuf,
    _dir: tempfile::TempDir,
}

/// `text` applied, the accounts given secrets, served with an SMS outbox.
async fn site(url: &str, text: &str, logins: &[&str]) -> Site {
    let store = Store::open(url).await.unwrap();
    apply_lines(&store, text, "dashboard record").await;
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox.jsonl");
    let desk = CodeDesk::start(
        store.clone(),
        key(),
        Arc::new(OutboxSender::new(&outbox)),
        SignInSettings::default(),
    );
    let app = App::new(store.clone())
        .with_token_key(key())
        .with_code_desk(desk);
    let mut secrets = std::collections::BTreeMap::new();
    for login in logins {
        let new = app
            .reset_account(&Login::parse(login).unwrap(), Timestamp::now())
            .await
            .unwrap();
        secrets.insert((*login).to_owned(), new);
    }
    let served = serve(mandat_web::with_app(
        app,
        mandat_web::SignInLimits::default(),
    ))
    .await;
    Site {
        store,
        served,
        secrets,
        outbox,
        _dir: dir,
    }
}

impl Site {
    fn browser(&self) -> Client {
        self.served
            .client()
            .in_language("en")
            .with_header("Sec-Fetch-Site", "same-origin")
    }

    fn code(&self, login: &str) -> String {
        let secret = mandat_app::totp_secret_of_uri(&self.secrets[login].totp_uri).unwrap();
        mandat_app::totp_code(&secret, &Login::parse(login).unwrap(), Timestamp::now()).unwrap()
    }

    /// Signs `login` in through the page, as a browser without JavaScript.
    async fn signed_in(&self, login: &str) -> Client {
        let browser = self.browser();
        let page = browser.get("/staff/signin?lang=en").await;
        assert_eq!(page.status, 200, "{}", page.text());
        let browser = browser.keeping(&page);
        let csrf = csrf_of(&page.text());
        let password = &self.secrets[login].password;
        let answer = browser
            .post_form(
                "/staff/signin?lang=en",
                &format!(
                    "csrf={csrf}&login={login}&password={password}&totp={}",
                    self.code(login)
                ),
            )
            .await;
        assert_eq!(answer.status, 303, "{}", answer.text());
        assert_eq!(
            answer.header("location").as_deref(),
            Some("/dashboard?lang=en")
        );
        browser.keeping(&answer)
    }
}

/// The form's hidden `csrf` value in a page.
fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    page[at..at + 32].to_owned()
}

/// The text of the live region `name` of a dashboard page.
fn region<'a>(page: &'a str, name: &str) -> &'a str {
    let start = page
        .find(&format!("/dashboard/live/{name}"))
        .unwrap_or_else(|| panic!("no region {name} in {page}"));
    let rest = &page[start..];
    let end = rest.find("</section>").unwrap();
    &rest[..end]
}

fn local(at: Timestamp) -> String {
    at.to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Almaty").unwrap())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The staff example, and a campaign running now: a PPO meeting in Aksu scheduled 40 minutes
/// ago with nobody present, and one in Karatal 10 minutes ago.
fn live_record() -> String {
    let now = Timestamp::now();
    let at = |d: SignedDuration| (now + d).to_string();
    let mut text = example_text("staff.jsonl");
    let lines = [
        json!({"cmd":"create_campaign","actor":"admin:setup","held_at":at(SignedDuration::from_hours(-3)),"code":"live-2026","name":"Собрания ППО (сегодня)","election_day":(now + SignedDuration::from_hours(24*60)).to_zoned_datetime(jiff::tz::TimeZone::UTC).date().to_string(),"time_zone":"Asia/Almaty"}),
        json!({"cmd":"set_phase","actor":"admin:setup","held_at":at(SignedDuration::from_hours(-3)),"campaign":"live-2026","phase":"ppo_meetings","starts_local":local(now - SignedDuration::from_hours(24)),"ends_local":local(now + SignedDuration::from_hours(48)),"after":[],"description":"today"}),
        json!({"cmd":"convene_meeting","actor":"admin:setup","held_at":at(SignedDuration::from_hours(-2)),"code":"ALM-AKSU-P001.LIVE","campaign":"live-2026","unit":"ALM-AKSU-P001","phase":"ppo_meetings","convened_by":"Решение бюро № 20","scheduled_at":at(SignedDuration::from_mins(-40)),"venue":"Школа № 2","capacity":30}),
        json!({"cmd":"convene_meeting","actor":"admin:setup","held_at":at(SignedDuration::from_hours(-2)),"code":"ALM-KARATAL-P001.LIVE","campaign":"live-2026","unit":"ALM-KARATAL-P001","phase":"ppo_meetings","convened_by":"Решение бюро № 21","scheduled_at":at(SignedDuration::from_mins(-10)),"venue":"Дом культуры","capacity":30}),
    ];
    for line in lines {
        text.push_str(&line.to_string());
        text.push('\n');
    }
    text
}

#[tokio::test]
async fn staff_sign_in_through_the_page_and_see_what_needs_attention_in_their_scope_only() {
    for db in engines().await {
        let s = site(
            &db.url,
            &live_record(),
            &["alm.admin", "aksu.org", "karatal.org"],
        )
        .await;
        let what = db.engine;

        // Without a session the dashboard sends to the sign-in page.
        let anonymous = s.browser().get("/dashboard?lang=en").await;
        assert_eq!(anonymous.status, 303, "{what}");
        assert!(anonymous.head.contains("/staff/signin"), "{what}");

        // A wrong code is said beside the code field; empty fields beside theirs.
        let browser = s.browser();
        let page = browser.get("/staff/signin?lang=en").await;
        let browser = browser.keeping(&page);
        let csrf = csrf_of(&page.text());
        let wrong = browser
            .post_form(
                "/staff/signin?lang=en",
                &format!(
                    "csrf={csrf}&login=aksu.org&password={}&totp=000000",
                    s.secrets["aksu.org"].password
                ),
            )
            .await;
        assert_eq!(wrong.status, 401, "{what}");
        let text = wrong.text();
        assert!(text.contains("id=\"totp-error\""), "{what}: {text}");
        assert!(
            text.contains("the login, password or code is wrong"),
            "{what}"
        );
        assert!(
            text.contains("href=\"#totp\""),
            "{what}: the summary links to the field"
        );
        assert!(!wrong.set_cookies().iter().any(|(n, _)| n == "mandat_staff"));
        let empty = browser
            .post_form(
                "/staff/signin?lang=en",
                &format!("csrf={csrf}&login=aksu.org"),
            )
            .await;
        assert_eq!(empty.status, 400, "{what}");
        assert!(empty.text().contains("id=\"password-error\""), "{what}");
        // A form without the browser's token is refused.
        let forged = s
            .browser()
            .post_form(
                "/staff/signin",
                "csrf=nope&login=aksu.org&password=x&totp=1",
            )
            .await;
        assert_eq!(forged.status, 403, "{what}");

        // The district organizer: their own unit by default, the late meeting under attention.
        let aksu = s.signed_in("aksu.org").await;
        let page = aksu.get("/dashboard?lang=en").await;
        assert_eq!(page.status, 200, "{what}: {}", page.text());
        assert!(page.head.contains("no-store"), "{what}");
        let text = page.text();
        assert!(text.contains("Dashboard: Aksu district branch"), "{what}");
        let attention = region(&text, "attention");
        assert!(
            attention.contains("ALM-AKSU-P001.LIVE")
                && attention.contains("no quorum 30 minutes after the start"),
            "{what}: {attention}"
        );
        assert!(
            attention.contains("0 present, 1 needed"),
            "{what}: {attention}"
        );
        let meetings = region(&text, "meetings");
        assert!(meetings.contains("ALM-AKSU-P001.LIVE"), "{what}");
        assert!(
            !text.contains("ALM-KARATAL-P001.LIVE"),
            "{what}: another district shown"
        );

        // A unit outside the account's: 403, why beside the unit field, nothing of it shown.
        let outside = aksu.get("/dashboard?unit=ALM-KARATAL&lang=en").await;
        assert_eq!(outside.status, 403, "{what}");
        let text = outside.text();
        assert!(text.contains("id=\"unit-error\""), "{what}: {text}");
        assert!(
            text.contains("ALM-KARATAL is outside your unit (ALM-AKSU)"),
            "{what}: {text}"
        );
        assert!(!text.contains("ALM-KARATAL-P001.LIVE"), "{what}");
        let unknown = aksu.get("/dashboard?unit=NOWHERE&lang=en").await;
        assert_eq!(unknown.status, 404, "{what}");
        assert!(unknown.text().contains("id=\"unit-error\""), "{what}");

        // The region's admin sees both districts; the meeting 10 minutes late is listed, not
        // under attention.
        let admin = s.signed_in("alm.admin").await;
        let text = admin.get("/dashboard?unit=ALM&lang=ru").await.text();
        let attention = region(&text, "attention");
        assert!(attention.contains("ALM-AKSU-P001.LIVE"), "{what}");
        assert!(attention.contains("нет кворума"), "{what}: {attention}");
        assert!(!attention.contains("ALM-KARATAL-P001.LIVE"), "{what}");
        assert!(
            region(&text, "meetings").contains("ALM-KARATAL-P001.LIVE"),
            "{what}"
        );

        // The regions are live: the meetings region changes when the meeting opens its
        // registration, without a reload; a unit outside the account's streams nothing.
        let page = aksu.get("/dashboard?lang=en").await.text();
        assert!(
            page.contains("data-live=\"/dashboard/live/meetings?unit=ALM-AKSU"),
            "{what}"
        );
        assert!(
            page.contains("/assets/live."),
            "{what}: the live script is loaded"
        );
        let mut events = match aksu
            .events("/dashboard/live/meetings?unit=ALM-AKSU&lang=en", None)
            .await
        {
            Ok(events) => events,
            Err(refused) => panic!("{what}: {} {}", refused.status, refused.text()),
        };
        let first = events.next(PATIENCE).await.expect("the region at connect");
        assert!(
            first.data.contains("ALM-AKSU-P001.LIVE"),
            "{what}: {}",
            first.data
        );
        assert!(first.data.contains(">planned<"), "{what}: {}", first.data);
        apply_lines(
            &s.store,
            &json!({"cmd":"open_registration","actor":"admin:setup","held_at":Timestamp::now().to_string(),"meeting":"ALM-AKSU-P001.LIVE"}).to_string(),
            "open registration",
        )
        .await;
        let mut updated = false;
        while let Some(event) = events.next(PATIENCE).await {
            if event.data.contains(">registering<") {
                updated = true;
                break;
            }
        }
        assert!(updated, "{what}: the meetings region did not update");
        drop(events);
        for (path, status) in [
            ("/dashboard/live/attention?unit=ALM-KARATAL", 403),
            ("/dashboard/live/turnout?unit=ALM-AKSU", 401),
        ] {
            let client = if status == 403 {
                aksu.clone()
            } else {
                s.browser()
            };
            match client.events(path, None).await {
                Ok(_) => panic!("{what}: {path} streamed"),
                Err(refused) => assert_eq!(refused.status, status, "{what}: {path}"),
            }
        }

        // Signing out ends the session: the dashboard asks to sign in again.
        let csrf = csrf_of(&aksu.get("/dashboard?lang=en").await.text());
        assert_eq!(
            aksu.post_form("/staff/signout", "csrf=wrong").await.status,
            403,
            "{what}"
        );
        let out = aksu
            .post_form("/staff/signout?lang=en", &format!("csrf={csrf}"))
            .await;
        assert_eq!(out.status, 303, "{what}");
        assert_eq!(
            aksu.get("/dashboard?lang=en").await.status,
            303,
            "{what}: the old cookie still works"
        );
        s.store.close().await;
    }
}

/// Whether `svg` is well-formed XML whose root is an `<svg>` in the SVG namespace with a title.
fn assert_valid_svg(svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(root.children().any(|n| n.has_tag_name("title")));
}

/// Every `<svg …>…</svg>` in a page.
fn svgs(page: &str) -> Vec<&str> {
    page.match_indices("<svg ")
        .map(|(at, _)| {
            let end = page[at..].find("</svg>").unwrap() + at + "</svg>".len();
            &page[at..end]
        })
        .collect()
}

#[tokio::test]
async fn the_primaries_turnout_is_drawn_as_valid_svg_with_its_figures() {
    for db in engines().await {
        let mut text = example_text("registry.jsonl");
        text.push_str(&example_text("primaries.jsonl"));
        text.push_str(&json!({"cmd":"add_account","actor":"admin:setup","held_at":"2020-11-01T09:00:00+06:00","login":"alm.admin","role":"admin","unit":"ALM"}).to_string());
        text.push('\n');
        let s = site(&db.url, &text, &["alm.admin"]).await;
        let what = db.engine;
        let admin = s.signed_in("alm.admin").await;
        let page = admin.get("/dashboard?unit=ALM&lang=en").await;
        assert_eq!(page.status, 200, "{what}: {}", page.text());
        let text = page.text();
        let turnout = region(&text, "turnout");
        let charts = svgs(turnout);
        assert!(charts.len() >= 2, "{what}: {turnout}");
        for svg in &charts {
            assert_valid_svg(svg);
        }
        // The counted poll's figures per unit, as the turnout API has them, are in the bars.
        let polls: Value = s.browser().get("/api/polls").await.json();
        let poll = polls
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["status"] == "counted")
            .unwrap();
        let code = poll["code"].as_str().unwrap();
        let figures: Value = s
            .browser()
            .get(&format!("/api/polls/{code}/turnout"))
            .await
            .json();
        let (roll, voted) = (
            figures["roll"].as_u64().unwrap(),
            figures["voted"].as_u64().unwrap(),
        );
        assert!(roll > 0, "{what}");
        assert!(
            charts[0].contains(&format!("{voted} of {roll}"))
                || figures["units"].as_array().unwrap().iter().all(|u| {
                    charts[0].contains(&format!(
                        "{} of {}",
                        u["voted"].as_u64().unwrap(),
                        u["roll"].as_u64().unwrap()
                    ))
                }),
            "{what}: {}",
            charts[0]
        );
        // The checkpoint's voters are a point of the line.
        let checkpoint = example_text("primaries.jsonl")
            .lines()
            .find(|l| l.contains("\"publish_checkpoint\""))
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .unwrap();
        let voters = checkpoint["checkpoint"]["voters"].as_u64().unwrap();
        assert!(
            charts[1].contains(&format!(": {voters} voters")),
            "{what}: {}",
            charts[1]
        );
        s.store.close().await;
    }
}

/// The conference example up to the district conference convened (its delegates elected, not
/// yet registered), its Facebook stream moved to YouTube, and an organizer of the district.
fn conference_record() -> String {
    let mut out = String::new();
    for line in example_text("conference.jsonl").lines() {
        if line.contains("\"open_registration\"") && line.contains("\"ALM-KERBULAK.2020\"") {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    let out = out.replace(
        r#"{"platform":"facebook","url":"https://www.facebook.com/nurotan.kerbulak/live"}"#,
        r#"{"platform":"youtube","url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ"}"#,
    );
    format!(
        "{out}{}\n",
        json!({"cmd":"add_account","actor":"admin:setup","held_at":"2020-11-01T09:00:00+06:00","login":"kerbulak.org","role":"organizer","unit":"ALM-KERBULAK"})
    )
}

fn outbox_lines(outbox: &Path) -> Vec<Value> {
    std::fs::read_to_string(outbox)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

async fn logged(store: &Store, kind: &str) -> Vec<(i64, String)> {
    sqlx::query_as(
        "SELECT member, outcome FROM notices_sent WHERE meeting = 'ALM-KERBULAK.2020' AND kind = $1 ORDER BY member",
    )
    .bind(kind)
    .fetch_all(store.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn the_convocation_goes_once_to_every_delegate_and_the_reminder_on_the_day_by_the_scheduler()
{
    for db in engines().await {
        let s = site(&db.url, &conference_record(), &["kerbulak.org"]).await;
        let what = db.engine;
        let delegates: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM delegates WHERE conference_unit = 'ALM-KERBULAK' AND status = 'elected'",
        )
        .fetch_one(s.store.pool())
        .await
        .unwrap();
        assert!(delegates >= 5, "{what}: {delegates} delegates");

        let org = s.signed_in("kerbulak.org").await;
        let page = org.get("/dashboard?lang=en").await.text();
        let csrf = csrf_of(&page);
        assert!(
            page.contains("/dashboard/meetings/ALM-KERBULAK.2020/notices"),
            "{what}: no notices form for the conference"
        );
        let path = "/dashboard/meetings/ALM-KERBULAK.2020/notices?lang=en&unit=ALM-KERBULAK";
        let forged = org.post_form(path, "csrf=nope&kind=convocation").await;
        assert_eq!(forged.status, 403, "{what}");
        assert!(outbox_lines(&s.outbox).is_empty(), "{what}");

        let first = org
            .post_form(path, &format!("csrf={csrf}&kind=convocation"))
            .await;
        assert_eq!(first.status, 303, "{what}: {}", first.text());
        let location = first.header("location").unwrap();
        assert!(
            location.contains(&format!("sent={delegates}&already=0")),
            "{what}: {location}"
        );
        let sent = outbox_lines(&s.outbox);
        assert_eq!(sent.len(), usize::try_from(delegates).unwrap(), "{what}");
        for m in &sent {
            let text = m["text"].as_str().unwrap();
            assert!(text.contains("вы избраны делегатом"), "{what}: {text}");
            assert!(text.contains("11.11.2020 11:00"), "{what}: {text}");
            assert!(text.contains("Районный Дом культуры"), "{what}: {text}");
            assert!(
                text.contains("https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
                "{what}: {text}"
            );
            assert!(text.contains("Регистрация"), "{what}: {text}");
        }
        let shown = org.get(&location).await.text();
        assert!(
            shown.contains(&format!("{delegates} sent now, 0 sent before")),
            "{what}"
        );
        // A double submission sends nothing more.
        let again = org
            .post_form(path, &format!("csrf={csrf}&kind=convocation"))
            .await;
        assert!(
            again
                .header("location")
                .unwrap()
                .contains(&format!("sent=0&already={delegates}")),
            "{what}"
        );
        assert_eq!(outbox_lines(&s.outbox).len(), sent.len(), "{what}");
        let log = logged(&s.store, "convocation").await;
        assert_eq!(log.len(), sent.len(), "{what}");
        assert!(
            log.iter().all(|(_, outcome)| outcome == "sent"),
            "{what}: {log:?}"
        );

        // A PPO meeting has no delegates to notify: said, nothing sent.
        let ppo = org
            .post_form(
                "/dashboard/meetings/ALM-KERBULAK-P001.2020/notices?lang=en",
                &format!("csrf={csrf}&kind=convocation"),
            )
            .await;
        let location = ppo.header("location").unwrap();
        assert!(location.contains("refused=not_a_conference"), "{what}");
        assert!(
            org.get(&location)
                .await
                .text()
                .contains("notices go only to a conference"),
            "{what}"
        );

        // The scheduler: nothing the day before, the reminders once on the day after 08:00.
        let app = App::new(s.store.clone()).with_sms_sender(Arc::new(OutboxSender::new(&s.outbox)));
        let day_before: Timestamp = "2020-11-10T09:00:00+06:00".parse().unwrap();
        mandat_app::tick(&app, day_before).await.unwrap();
        assert_eq!(outbox_lines(&s.outbox).len(), sent.len(), "{what}");
        let early: Timestamp = "2020-11-11T07:00:00+06:00".parse().unwrap();
        mandat_app::tick(&app, early).await.unwrap();
        assert_eq!(outbox_lines(&s.outbox).len(), sent.len(), "{what}");
        let morning: Timestamp = "2020-11-11T08:30:00+06:00".parse().unwrap();
        mandat_app::tick(&app, morning).await.unwrap();
        mandat_app::tick(&app, morning + SignedDuration::from_mins(1))
            .await
            .unwrap();
        let all = outbox_lines(&s.outbox);
        let reminders: Vec<&Value> = all
            .iter()
            .filter(|m| m["text"].as_str().unwrap().contains("напоминаем"))
            .collect();
        assert_eq!(reminders.len(), sent.len(), "{what}");
        assert_eq!(
            logged(&s.store, "reminder").await.len(),
            sent.len(),
            "{what}"
        );
        s.store.close().await;
    }
}

#[tokio::test]
async fn a_meetings_youtube_stream_is_embedded_on_its_public_page_and_the_csp_allows_that_host_only()
 {
    for db in engines().await {
        let s = site(&db.url, &conference_record(), &[]).await;
        let what = db.engine;
        let page: Response = s
            .browser()
            .get("/meetings/ALM-KERBULAK.2020/minutes?lang=kk")
            .await;
        assert_eq!(page.status, 200, "{what}");
        let text = page.text();
        assert!(
            text.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\""),
            "{what}: {text}"
        );
        assert!(
            text.contains("href=\"https://www.instagram.com/nurotan_kerbulak/live\""),
            "{what}: Instagram as a link"
        );
        assert!(text.contains("Трансляциялар"), "{what}: in Kazakh");
        let csp = page.header("content-security-policy").unwrap();
        assert!(
            csp.contains("frame-src https://www.youtube-nocookie.com"),
            "{what}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
        assert!(!csp.contains("frame-src *"), "{what}: {csp}");
        s.store.close().await;
    }
}
