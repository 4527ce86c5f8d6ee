//! Members sign in with their IIN and the code from the SMS outbox, see their polls, vote in the browser without JavaScript, and are refused what they must be refused: another browser's code, the sixth try, a stale code, a form from another site.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_app::{App, CodeDesk, OutboxSender, SignInSettings};
use mandat_core::ballot::ServerKey;
use mandat_core::signin::CodeCheck;
use mandat_core::token::TokenKey;
use mandat_core::{Envelope, Iin, Sex};
use mandat_store::{BallotQueue, Pending, Store};
use mandat_testkit::{Client, Response, Served};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const CHOOSE_ONE: &str = "vote-aksu";
const RANKED: &str = "rank-aksu";
pub(crate) const BINDING_A: &str =
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
pub(crate) const BINDING_B: &str =
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

pub(crate) fn person(n: u16) -> Iin {
    mandat_testkit::iin(jiff::civil::date(1980, 5, 17), Sex::Male, n)
}

pub(crate) fn phone(n: u16) -> String {
    format!("+770120000{n:02}")
}

pub(crate) fn cmd(held_at: &str, mut body: Value) -> Pending {
    body["actor"] = json!("org");
    body["held_at"] = json!(held_at);
    let envelope = Envelope::parse(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    Pending::new(envelope, Timestamp::now().as_millisecond())
}

/// A district with five members (the fifth suspended), and two open polls of its members:
/// choose one, and a ranking.
pub(crate) async fn setup(store: &Store) {
    let at = "2026-01-10T03:00:00Z";
    let mut commands = vec![
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM","kind":"region","parent":null,"names":{"ru":"Алматинская область","kk":"Алматы облысы","en":"Almaty Region"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU","kind":"district","parent":"ALM","names":{"ru":"Аксуский район","kk":"Ақсу ауданы","en":"Aksu District"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{"ru":"ППО 1","kk":"БПҰ 1","en":"PPO 1"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_campaign","code":"aksu-2026","name":"2026","election_day":"2027-01-10"}),
        ),
    ];
    for n in 0..5u16 {
        commands.push(cmd(at, json!({"cmd":"register_member","iin":person(n).to_string(),"full_name":format!("Member {n}"),"phone":phone(n),"unit":"ALM-AKSU-P001","joined_on":"2010-01-01"})));
    }
    commands.push(cmd(
        "2026-01-11T03:00:00Z",
        json!({"cmd":"set_member_status","iin":person(4).to_string(),"status":"suspended","reason":"arrears"}),
    ));
    let closes = (Timestamp::now() + SignedDuration::from_hours(24)).to_string();
    let phase_ends = (Timestamp::now() + SignedDuration::from_hours(72))
        .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Almaty").unwrap())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string();
    commands.push(cmd(at, json!({"cmd":"set_phase","campaign":"aksu-2026","phase":"primary_vote","starts_local":"2026-01-20T00:00","ends_local":phase_ends})));
    for (code, method) in [(CHOOSE_ONE, json!("plurality")), (RANKED, json!("schulze"))] {
        commands.push(cmd("2026-02-01T03:00:00Z", json!({"cmd":"create_poll","code":code,"campaign":"aksu-2026","title":format!("Poll {code}"),"options":[{"code":"a","label":"Alpha"},{"code":"b","label":"Beta"},{"code":"c","label":"Gamma"}],"method":method,"electorate":{"members":{"unit":"ALM-AKSU"}},"roll_cutoff":"2026-02-01T03:00:00Z","opens_at":"2026-02-01T04:00:00Z","closes_at":closes,"board":"sealed","phase":"primary_vote"})));
        commands.push(cmd(
            "2026-02-01T03:00:00Z",
            json!({"cmd":"freeze_roll","poll":code}),
        ));
        commands.push(cmd(
            "2026-02-01T04:00:00Z",
            json!({"cmd":"open_poll","poll":code}),
        ));
    }
    let mut batch = store.begin().await.unwrap();
    for (n, r) in batch
        .push_chunk(commands)
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        r.unwrap_or_else(|e| panic!("setup command {n}: {e}"));
    }
    batch.commit().await.unwrap();
}

pub(crate) struct Site {
    pub(crate) store: Store,
    pub(crate) key: TokenKey,
    pub(crate) outbox: PathBuf,
    pub(crate) server: Served,
    _dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn client(&self) -> Client {
        // The assertions read the English sentences.
        self.server
            .client()
            .in_language("en")
            .with_header("Sec-Fetch-Site", "same-origin")
    }
}

pub(crate) async fn site(db: &mandat_testkit::TestDb, settings: SignInSettings) -> Site {
    let store = Store::open(&db.url).await.unwrap();
    setup(&store).await;
    site_on(store, settings, mandat_web::WebSettings::default()).await
}

/// The site over a store already set up, with these web settings.
pub(crate) async fn site_on(
    store: Store,
    settings: SignInSettings,
    web: mandat_web::WebSettings,
) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox.jsonl");
    let key = TokenKey::derive(&[7u8; 32]);
    let queue = BallotQueue::start(
        store.clone(),
        Arc::new(ServerKey::from_seed(&[3u8; 32])),
        1,
        Duration::from_millis(10),
    );
    let desk = CodeDesk::start(
        store.clone(),
        key.clone(),
        Arc::new(OutboxSender::new(&outbox)),
        settings,
    );
    let app = App::new(store.clone())
        .with_token_key(key.clone())
        .with_ballots(queue)
        .with_code_desk(desk);
    let server = mandat_testkit::serve(mandat_web::with_settings(
        app,
        mandat_web::SignInLimits::default(),
        web,
    ))
    .await;
    Site {
        store,
        key,
        outbox,
        server,
        _dir: dir,
    }
}

/// The messages the outbox holds for `to`, oldest first.
pub(crate) fn messages_to(outbox: &Path, to: &str) -> Vec<String> {
    std::fs::read_to_string(outbox)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|m| m["to"] == to)
        .map(|m| m["text"].as_str().unwrap().to_owned())
        .collect()
}

/// The code of the `nth` message to `to` (waiting for the queue to send it).
pub(crate) async fn code_sent(outbox: &Path, to: &str, nth: usize) -> String {
    for _ in 0..250 {
        if let Some(text) = messages_to(outbox, to).get(nth) {
            let digits: String = text
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .unwrap_or_else(|| panic!("no code in {text}"))
                .to_owned();
            return digits;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no message {nth} to {to} in the outbox");
}

/// Asks for a code for person `n` from the browser holding `binding`.
pub(crate) async fn ask(client: &Client, n: u16, binding: &str) -> Response {
    client
        .with_cookie("mandat_signin", binding)
        .post("/api/signin/code", &json!({"iin": person(n).to_string()}))
        .await
}

pub(crate) async fn sign_in(client: &Client, n: u16, binding: &str, code: &str) -> Response {
    client
        .with_cookie("mandat_signin", binding)
        .post(
            "/api/signin",
            &json!({"iin": person(n).to_string(), "code": code}),
        )
        .await
}

/// The head without its `date:` line.
fn head_without_date(r: &Response) -> String {
    r.head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("date:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_members_iin_and_an_iin_of_nobody_get_byte_identical_answers_and_a_malformed_one_is_told()
{
    for db in mandat_testkit::engines().await {
        let site = site(&db, SignInSettings::default()).await;
        let client = site.client();
        let member = ask(&client, 0, BINDING_A).await;
        let nobody = ask(&client, 60, BINDING_A).await;
        assert_eq!(member.status, 202, "{}: {}", db.engine, member.text());
        assert_eq!(head_without_date(&member), head_without_date(&nobody));
        assert_eq!(member.body, nobody.body);
        // The member's code goes out; nobody's phone is looked up, and no part of it is shown.
        code_sent(&site.outbox, &phone(0), 0).await;
        assert!(!member.text().contains("+7701"), "{}", member.text());
        let mut wrong = person(0).to_string();
        let last = wrong.pop().unwrap();
        wrong.push(if last == '9' { '0' } else { '9' });
        let malformed = client
            .post("/api/signin/code", &json!({"iin": wrong}))
            .await;
        assert_eq!(malformed.status, 400, "{}", malformed.text());
        assert!(
            malformed.text().contains("check digit"),
            "{}",
            malformed.text()
        );
        let short = client
            .post("/api/signin/code", &json!({"iin": "12345"}))
            .await;
        assert_eq!(short.status, 400, "{}", short.text());
    }
}

#[tokio::test]
async fn a_member_signs_in_with_the_code_sees_the_open_polls_votes_once_and_signs_out() {
    for db in mandat_testkit::engines().await {
        let site = site(&db, SignInSettings::default()).await;
        let client = site.client();
        assert_eq!(ask(&client, 1, BINDING_A).await.status, 202);
        let code = code_sent(&site.outbox, &phone(1), 0).await;
        let signed = sign_in(&client, 1, BINDING_A, &code).await;
        assert_eq!(signed.status, 200, "{}: {}", db.engine, signed.text());
        assert!(signed.header("cache-control").unwrap().contains("no-store"));
        let body = signed.json();
        let token = body["token"].as_str().unwrap().to_owned();
        let cookies = signed.set_cookies();
        assert!(
            cookies
                .iter()
                .any(|(n, v)| n == "mandat_session" && v == &token)
        );
        assert!(signed.head.contains("HttpOnly"), "{}", signed.head);
        // The code is spent.
        assert_eq!(sign_in(&client, 1, BINDING_A, &code).await.status, 401);

        let me = client.signed_in(&token).get("/api/me").await;
        assert_eq!(me.status, 200, "{}", me.text());
        let me = me.json();
        assert_eq!(me["name"], "Member 1");
        let codes: Vec<&str> = me["polls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes.len(), 2, "{me}");
        assert!(
            codes.contains(&CHOOSE_ONE) && codes.contains(&RANKED),
            "{me}"
        );
        assert!(
            me["polls"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["open_now"] == true && p["voted"] == false)
        );

        let cast = client
            .signed_in(&token)
            .post(
                &format!("/api/polls/{CHOOSE_ONE}/ballot"),
                &json!({"choices":[["b"]],"request_key":"11112222333344445555666677778888"}),
            )
            .await;
        assert_eq!(cast.status, 200, "{}", cast.text());
        let again = client
            .signed_in(&token)
            .post(
                &format!("/api/polls/{CHOOSE_ONE}/ballot"),
                &json!({"choices":[["a"]],"request_key":"99992222333344445555666677778888"}),
            )
            .await;
        assert_eq!(again.status, 409, "{}", again.text());
        let me = client.signed_in(&token).get("/api/me").await.json();
        let voted = me["polls"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == CHOOSE_ONE)
            .unwrap()["voted"]
            .clone();
        assert_eq!(voted, true, "{me}");

        let out = client
            .signed_in(&token)
            .post("/api/signout", &json!({}))
            .await;
        assert_eq!(out.status, 204, "{}", out.text());
        assert_eq!(client.signed_in(&token).get("/api/me").await.status, 401);
    }
}

#[tokio::test]
async fn the_fifth_wrong_try_locks_the_code_and_a_code_asked_in_another_browser_is_refused() {
    for db in mandat_testkit::engines().await {
        let site = site(&db, SignInSettings::default()).await;
        let client = site.client();
        ask(&client, 2, BINDING_A).await;
        let code = code_sent(&site.outbox, &phone(2), 0).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        // Another browser, even with the right code, gets nothing, and costs the owner no try.
        let elsewhere = sign_in(&client, 2, BINDING_B, &code).await;
        assert_eq!(elsewhere.status, 401);
        assert!(
            elsewhere.text().contains("no code was asked"),
            "{}",
            elsewhere.text()
        );
        for left in (1..=4).rev() {
            let r = sign_in(&client, 2, BINDING_A, wrong).await;
            assert_eq!(r.status, 401);
            assert!(
                r.text().contains(&format!("{left} tr")),
                "{left}: {}",
                r.text()
            );
        }
        let fifth = sign_in(&client, 2, BINDING_A, wrong).await;
        assert!(fifth.text().contains("5 times"), "{}", fifth.text());
        let right_too_late = sign_in(&client, 2, BINDING_A, &code).await;
        assert_eq!(right_too_late.status, 401, "{}", right_too_late.text());
        // A new code works again.
        tokio::time::sleep(Duration::from_millis(5)).await;
        ask(&client, 2, BINDING_A).await;
        let fresh = code_sent(&site.outbox, &phone(2), 1).await;
        assert_eq!(sign_in(&client, 2, BINDING_A, &fresh).await.status, 200);
        assert!(site.server.addr.port() > 0);
    }
}

#[tokio::test]
async fn a_code_expires_after_five_minutes_and_a_new_request_replaces_the_old_code() {
    for db in mandat_testkit::engines().await {
        let site = site(&db, SignInSettings::default()).await;
        let client = site.client();
        ask(&client, 3, BINDING_A).await;
        let first = code_sent(&site.outbox, &phone(3), 0).await;
        let later = Timestamp::now() + SignedDuration::from_secs(5 * 60 + 1);
        let (check, session) = site
            .store
            .redeem_signin_code(&site.key, &person(3), BINDING_A, &first, later)
            .await
            .unwrap();
        assert_eq!(check, CodeCheck::Expired, "{}", db.engine);
        assert!(session.is_none());
        ask(&client, 3, BINDING_A).await;
        let second = code_sent(&site.outbox, &phone(3), 1).await;
        if second != first {
            assert_eq!(sign_in(&client, 3, BINDING_A, &first).await.status, 401);
        }
        assert_eq!(sign_in(&client, 3, BINDING_A, &second).await.status, 200);
    }
}

#[tokio::test]
async fn codes_per_iin_are_limited_and_a_suspended_member_is_told_why_no_poll_is_theirs() {
    for db in mandat_testkit::engines().await {
        let settings = SignInSettings {
            codes_per_iin: 2,
            ..SignInSettings::default()
        };
        let site = site(&db, settings).await;
        let client = site.client();
        for _ in 0..4 {
            assert_eq!(ask(&client, 4, BINDING_A).await.status, 202);
        }
        let code = code_sent(&site.outbox, &phone(4), 1).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(
            messages_to(&site.outbox, &phone(4)).len(),
            2,
            "{}",
            db.engine
        );
        let token = sign_in(&client, 4, BINDING_A, &code).await.json()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let me = client.signed_in(&token).get("/api/me").await.json();
        assert_eq!(me["polls"].as_array().unwrap().len(), 0, "{me}");
        assert!(
            me["on_no_roll"].as_str().unwrap().contains("suspended"),
            "{me}"
        );
    }
}

/// The form's hidden `csrf` value in a page.
fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    page[at..at + 32].to_owned()
}

fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {page}"))
        + marker.len();
    let end = page[at..].find('"').unwrap();
    page[at..at + end]
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn without_javascript_a_member_signs_in_reviews_casts_gets_the_receipt_and_cannot_vote_twice()
{
    for db in mandat_testkit::engines().await {
        let site = site(&db, SignInSettings::default()).await;
        let browser = site.client();
        let page = browser.get("/signin?lang=en").await;
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(page.header("cache-control").unwrap().contains("no-store"));
        let browser = browser.keeping(&page);
        let csrf = csrf_of(&page.text());
        let iin = person(0).to_string();

        // A form from another site (no valid token) is refused and sends nothing.
        let forged = browser
            .post_form("/signin", &format!("iin={iin}&csrf=0123"))
            .await;
        assert_eq!(forged.status, 403, "{}", forged.text());

        let typo = browser
            .post_form("/signin?lang=en", &format!("iin=123&csrf={csrf}"))
            .await;
        assert_eq!(typo.status, 400);
        assert!(typo.text().contains("error-summary"), "{}", typo.text());

        let code_page = browser
            .post_form("/signin?lang=en", &format!("iin={iin}&csrf={csrf}"))
            .await;
        assert_eq!(code_page.status, 200, "{}", code_page.text());
        assert!(
            code_page.text().contains("a 6-digit code has been sent"),
            "{}",
            code_page.text()
        );
        let code = code_sent(&site.outbox, &phone(0), 0).await;
        let signed = browser
            .post_form(
                "/signin/code?lang=en",
                &format!("iin={iin}&code={code}&csrf={csrf}"),
            )
            .await;
        assert_eq!(signed.status, 303, "{}", signed.text());
        let browser = browser.keeping(&signed);

        let my = browser.get("/my?lang=en").await;
        assert_eq!(my.status, 200, "{}", my.text());
        assert!(my.text().contains("Member 0"), "{}", my.text());
        assert!(
            my.text().contains(&format!("/polls/{RANKED}/vote")),
            "{}",
            my.text()
        );

        // The ranked ballot: numbers, not drag and drop; a rank out of range is told.
        let ballot = browser.get(&format!("/polls/{RANKED}/vote?lang=en")).await;
        assert_eq!(ballot.status, 200, "{}", ballot.text());
        assert!(
            ballot.text().contains("name=\"rank.a\""),
            "{}",
            ballot.text()
        );
        assert!(ballot.body.len() < 50 * 1024);
        let csrf = csrf_of(&ballot.text());
        let key = hidden(&ballot.text(), "request_key");
        let bad = browser
            .post_form(
                &format!("/polls/{RANKED}/review?lang=en"),
                &format!("csrf={csrf}&request_key={key}&rank.a=9&rank.b=1"),
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.text().contains("from 1 to 3"), "{}", bad.text());
        let review = browser
            .post_form(
                &format!("/polls/{RANKED}/review?lang=en"),
                &format!("csrf={csrf}&request_key={key}&rank.a=2&rank.b=1&rank.c="),
            )
            .await;
        assert_eq!(review.status, 200, "{}", review.text());
        let text = review.text();
        let beta = text.find("<li>Beta</li>").expect("Beta first");
        let alpha = text.find("<li>Alpha</li>").expect("Alpha second");
        assert!(beta < alpha, "{text}");
        let ballot_json = hidden(&text, "ballot");
        let cast_form = format!(
            "csrf={csrf}&request_key={key}&ballot={}&device_nonce=",
            encode(&ballot_json)
        );
        let receipt = browser
            .post_form(&format!("/polls/{RANKED}/cast?lang=en"), &cast_form)
            .await;
        assert_eq!(receipt.status, 200, "{}", receipt.text());
        let tracker = hidden(
            &receipt
                .text()
                .replace("data-tracker=\"", "name=\"tracker\" value=\""),
            "tracker",
        );
        assert_eq!(tracker.len(), 64, "{}", receipt.text());
        // The opening is not in the page, only in the script's short-lived cookie.
        let opening = receipt
            .set_cookies()
            .into_iter()
            .find(|(n, _)| n == "mandat_opening")
            .expect("the opening cookie")
            .1;
        let opening = opening.split('.').nth(1).unwrap().to_owned();
        assert!(!receipt.text().contains(&opening));
        // A double tap: the same request key gets the same receipt and casts nothing more.
        let double = browser
            .post_form(&format!("/polls/{RANKED}/cast?lang=en"), &cast_form)
            .await;
        assert_eq!(double.status, 200, "{}", double.text());
        assert!(double.text().contains(&tracker), "{}", double.text());
        let again = browser.get(&format!("/polls/{RANKED}/vote?lang=en")).await;
        assert!(
            again.text().contains("You have already voted"),
            "{}",
            again.text()
        );
        assert!(
            !again.text().contains("Beta"),
            "the page reveals nothing of the ballot"
        );

        // The receipt checks while the poll is open.
        let ballot_hash = hidden(
            &receipt
                .text()
                .replace("data-ballot-hash=\"", "name=\"bh\" value=\""),
            "bh",
        );
        let check = browser
            .get(&format!(
                "/polls/{RANKED}/check?tracker={tracker}&ballot_hash={ballot_hash}&lang=en"
            ))
            .await;
        assert!(
            check.text().contains("in the ballot box as cast"),
            "{}",
            check.text()
        );

        // Signing out ends the session; its forms need the token too.
        let my = browser.get("/my?lang=en").await;
        let csrf = csrf_of(&my.text());
        assert_eq!(browser.post_form("/signout", "csrf=nope").await.status, 403);
        let out = browser
            .post_form("/signout?lang=en", &format!("csrf={csrf}"))
            .await;
        assert_eq!(out.status, 303);
        let gone = browser.keeping(&out).get("/my?lang=en").await;
        assert_eq!(gone.status, 303, "{}", gone.text());
        drop(site.store);
    }
}

#[tokio::test]
async fn a_cookie_driven_api_call_needs_the_csrf_token() {
    for db in mandat_testkit::engines().await {
        let site = site(&db, SignInSettings::default()).await;
        let client = site.client();
        ask(&client, 1, BINDING_A).await;
        let code = code_sent(&site.outbox, &phone(1), 0).await;
        let signed = sign_in(&client, 1, BINDING_A, &code).await.json();
        let token = signed["token"].as_str().unwrap();
        let csrf = signed["csrf"].as_str().unwrap();
        let by_cookie = client.with_cookie("mandat_session", token);
        let refused = by_cookie.post("/api/signout", &json!({})).await;
        assert_eq!(refused.status, 403, "{}: {}", db.engine, refused.text());
        assert_eq!(by_cookie.get("/api/me").await.status, 200);
        let done = by_cookie
            .with_header("X-CSRF-Token", csrf)
            .post("/api/signout", &json!({}))
            .await;
        assert_eq!(done.status, 204, "{}", done.text());
    }
}
