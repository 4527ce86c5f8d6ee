//! The secretary's console over HTTP, on both engines: a person granted the secretary of a district conference signs in with IIN and code, checks 12 delegates in (printed cards' QR text, a number, one remote), sees the quorum, is refused what must be refused (another meeting's card, a forged card, a second check-in, a full hall), opens the meeting, elects the presidium and adopts the agenda, gives the floor twice, sees a 45/40/15 delegates vote of 100 present rejected, cancels a vote with its reason, closes, and reads the minutes PDF back; a person without the grant gets 403 saying why, and nobody signed in goes to /signin.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_app::{App, CodeDesk, OutboxSender, SignInSettings};
use mandat_core::meeting::card::card_payload;
use mandat_core::token::TokenKey;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{Pending, Store};
use mandat_testkit::{Client, Response, Served};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const SECRET: &[u8] = b"the site secret of the console test, 32+ bytes long";
const BINDING: &str = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";
const CONFERENCE: &str = "R-D.2026";
const PPO_MEETING: &str = "R-D-P1.2026";
/// Members of the one PPO: 224, so that one delegate per two members makes 112 delegates.
const MEMBERS: u16 = 224;
const DELEGATES: u16 = 112;
/// Member 223 is the conference's secretary (not a delegate); 222 holds no grant.
const SECRETARY: u16 = 223;
const NO_GRANT: u16 = 222;

fn person(n: u16) -> Iin {
    mandat_testkit::iin(jiff::civil::date(1981, 3, 9), Sex::Female, n)
}

fn phone(n: u16) -> String {
    format!("+7702{:07}", n)
}

fn cmd(held_at: Timestamp, mut body: Value) -> Pending {
    body["actor"] = json!("org");
    body["held_at"] = json!(held_at.to_string());
    let envelope = Envelope::parse(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    Pending::new(envelope, Timestamp::now().as_millisecond())
}

async fn record(store: &Store, commands: Vec<Pending>) {
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

fn local(at: Timestamp) -> String {
    at.to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Almaty").unwrap())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

/// A region, a district and one PPO of 224 members; the PPO's meeting (held three hours ago)
/// elected 112 delegates to the district conference, which is convened for now with 100 seats
/// in the hall; member 223 is granted its secretary.
async fn setup(store: &Store) {
    let now = Timestamp::now();
    let hours = |h: i64| now + SignedDuration::from_hours(h);
    let t0 = hours(-6);
    let mut commands = vec![
        cmd(
            t0,
            json!({"cmd":"create_unit","code":"R","kind":"region","parent":null,"names":{"ru":"Область","kk":"Облыс","en":"Region"}}),
        ),
        cmd(
            t0,
            json!({"cmd":"create_unit","code":"R-D","kind":"district","parent":"R","names":{"ru":"Район","kk":"Аудан","en":"District"}}),
        ),
        cmd(
            t0,
            json!({"cmd":"create_unit","code":"R-D-P1","kind":"primary","parent":"R-D","names":{"ru":"ППО 1","kk":"БПҰ 1","en":"PPO 1"}}),
        ),
        cmd(
            t0,
            json!({"cmd":"create_campaign","code":"c-2026","name":"Конференция 2026","election_day":"2027-01-10","time_zone":"Asia/Almaty"}),
        ),
        cmd(
            t0,
            json!({"cmd":"set_phase","campaign":"c-2026","phase":"ppo_meetings","starts_local":local(hours(-48)),"ends_local":local(hours(48)),"after":[],"description":"PPO meetings"}),
        ),
        cmd(
            t0,
            json!({"cmd":"set_phase","campaign":"c-2026","phase":"branch_conferences","starts_local":local(hours(-48)),"ends_local":local(hours(48)),"after":[],"description":"conferences"}),
        ),
    ];
    for n in 0..MEMBERS {
        commands.push(cmd(t0, json!({"cmd":"register_member","iin":person(n).to_string(),"full_name":format!("Member {n}"),"phone":phone(n),"unit":"R-D-P1","joined_on":"2010-01-01"})));
    }
    let t1 = hours(-5);
    commands.push(cmd(t1, json!({"cmd":"set_representation","campaign":"c-2026","conference_unit":"R-D","norm":{"norm":"per_members","members_per_delegate":2}})));
    commands.push(cmd(t1, json!({"cmd":"set_representation","campaign":"c-2026","conference_unit":"R","norm":{"norm":"per_members","members_per_delegate":20}})));
    let deadline = hours(240).to_string();
    commands.push(cmd(t1, json!({"cmd":"convene_meeting","code":PPO_MEETING,"campaign":"c-2026","unit":"R-D-P1","phase":"ppo_meetings","convened_by":"bureau decision 1","scheduled_at":hours(-3).to_string(),"venue":"Club","entry_deadline":deadline})));
    commands.push(cmd(t1, json!({"cmd":"convene_meeting","code":CONFERENCE,"campaign":"c-2026","unit":"R-D","phase":"branch_conferences","convened_by":"council decision 2","scheduled_at":hours(0).to_string(),"venue":"House of culture","capacity":100,"entry_deadline":deadline})));
    let all: Vec<String> = (0..MEMBERS).map(|n| person(n).to_string()).collect();
    let delegates: Vec<String> = (0..DELEGATES).map(|n| person(n).to_string()).collect();
    let m = PPO_MEETING;
    let at = |minutes: i64| hours(-3) + SignedDuration::from_mins(minutes);
    let ppo = [
        json!({"cmd":"open_registration","meeting":m}),
        json!({"cmd":"record_attendance","meeting":m,"hall":all}),
        json!({"cmd":"open_meeting","meeting":m}),
        json!({"cmd":"put_to_vote","meeting":m,"vote":1,"motion":"presidium","chair":person(0).to_string(),"secretary":person(1).to_string(),"counting_commission":[person(2).to_string()]}),
        json!({"cmd":"count_vote","meeting":m,"vote":1,"hall":{"for":224,"against":0,"abstain":0}}),
        json!({"cmd":"put_to_vote","meeting":m,"vote":2,"motion":"agenda","items":["Delegates to the district conference"]}),
        json!({"cmd":"count_vote","meeting":m,"vote":2,"hall":{"for":224,"against":0,"abstain":0}}),
        json!({"cmd":"put_to_vote","meeting":m,"vote":3,"motion":"delegates","candidates":delegates,"item":1}),
        json!({"cmd":"count_vote","meeting":m,"vote":3,"hall":{"for":224,"against":0,"abstain":0}}),
        json!({"cmd":"close_meeting","meeting":m}),
    ];
    for (n, body) in ppo.into_iter().enumerate() {
        commands.push(cmd(at(i64::try_from(n).unwrap()), body));
    }
    commands.push(cmd(
        hours(-1),
        json!({"cmd":"grant_role","role":"secretary","iin":person(SECRETARY).to_string(),"meeting":CONFERENCE}),
    ));
    record(store, commands).await;
}

struct Site {
    store: Store,
    outbox: PathBuf,
    server: Served,
    _dir: tempfile::TempDir,
}

impl Site {
    fn client(&self) -> Client {
        self.server
            .client()
            .in_language("en")
            .with_header("Sec-Fetch-Site", "same-origin")
    }
}

async fn site(db: &mandat_testkit::TestDb) -> Site {
    let store = Store::open(&db.url).await.unwrap();
    setup(&store).await;
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox.jsonl");
    let key = TokenKey::derive(SECRET);
    let desk = CodeDesk::start(
        store.clone(),
        key.clone(),
        Arc::new(OutboxSender::new(&outbox)),
        SignInSettings::default(),
    );
    let app = App::new(store.clone())
        .with_token_key(key)
        .with_card_secret(SECRET)
        .with_code_desk(desk);
    let server = mandat_testkit::serve(mandat_web::with_app(
        app,
        mandat_web::SignInLimits::default(),
    ))
    .await;
    Site {
        store,
        outbox,
        server,
        _dir: dir,
    }
}

/// The code of the first message to `to` (waiting for the queue to send it).
async fn code_sent(outbox: &Path, to: &str) -> String {
    for _ in 0..250 {
        let text = std::fs::read_to_string(outbox).unwrap_or_default();
        let found = text
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .find(|m| m["to"] == to);
        if let Some(m) = found {
            return m["text"]
                .as_str()
                .unwrap()
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .unwrap()
                .to_owned();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("no message to {to} in the outbox");
}

/// Member `n` signs in with IIN and code: a client carrying the session cookie.
async fn signed_in(site: &Site, n: u16) -> Client {
    let client = site.client().with_cookie("mandat_signin", BINDING);
    let asked = client
        .post("/api/signin/code", &json!({"iin": person(n).to_string()}))
        .await;
    assert_eq!(asked.status, 202, "{}", asked.text());
    let code = code_sent(&site.outbox, &phone(n)).await;
    let signed = client
        .post(
            "/api/signin",
            &json!({"iin": person(n).to_string(), "code": code}),
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.text());
    let token = signed.json()["token"].as_str().unwrap().to_owned();
    site.client().with_cookie("mandat_session", &token)
}

fn encode(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// The CSRF token of the console's forms.
fn csrf_of(page: &Response) -> String {
    let text = page.text();
    let at = text
        .find("name=\"csrf\" value=\"")
        .unwrap_or_else(|| panic!("no form in {text}"));
    text[at + 19..].split('"').next().unwrap().to_owned()
}

/// Posts step `step` of the console with `fields` (and the CSRF token).
async fn post(client: &Client, csrf: &str, step: &str, fields: &[(&str, &str)]) -> Response {
    let mut all = vec![("csrf", csrf)];
    all.extend_from_slice(fields);
    client
        .post_form(
            &format!("/console/{CONFERENCE}/{step}?lang=en"),
            &encode(&all),
        )
        .await
}

/// Posts a step that must succeed: 303 back to the console.
async fn step_ok(client: &Client, csrf: &str, step: &str, fields: &[(&str, &str)]) {
    let answer = post(client, csrf, step, fields).await;
    assert_eq!(answer.status, 303, "{step}: {}", answer.text());
    assert!(
        answer
            .header("location")
            .unwrap()
            .starts_with(&format!("/console/{CONFERENCE}?lang=en")),
        "{}",
        answer.head
    );
}

async fn console(client: &Client) -> String {
    let page = client.get(&format!("/console/{CONFERENCE}?lang=en")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page.header("cache-control").unwrap().contains("no-store"));
    page.text()
}

#[tokio::test]
async fn a_secretary_runs_a_conference_from_check_in_to_the_minutes_pdf() {
    for db in mandat_testkit::engines().await {
        let site = site(&db).await;
        let engine = db.engine;

        // Nobody signed in is sent to sign in; a member without the grant is told why.
        let away = site
            .client()
            .get(&format!("/console/{CONFERENCE}?lang=en"))
            .await;
        assert_eq!(away.status, 303, "{engine}");
        assert!(away.header("location").unwrap().starts_with("/signin"));
        let stranger = signed_in(&site, NO_GRANT).await;
        let refused = stranger
            .get(&format!("/console/{CONFERENCE}?lang=en"))
            .await;
        assert_eq!(refused.status, 403, "{engine}: {}", refused.text());
        assert!(
            refused.text().contains("You cannot operate this console")
                && refused.text().contains("check_in"),
            "{}",
            refused.text()
        );

        // The secretary opens registration.
        let secretary = signed_in(&site, SECRETARY).await;
        let first = secretary
            .get(&format!("/console/{CONFERENCE}?lang=en"))
            .await;
        assert_eq!(first.status, 200, "{engine}: {}", first.text());
        let csrf = csrf_of(&first);
        assert!(first.text().contains("registration not open yet"));
        let forged_csrf = post(&secretary, "0000", "registration", &[]).await;
        assert_eq!(forged_csrf.status, 403, "{}", forged_csrf.text());
        step_ok(&secretary, &csrf, "registration", &[]).await;
        // A second tap is refused by the rules, with the reason beside the button.
        let again = post(&secretary, &csrf, "registration", &[]).await;
        assert_eq!(again.status, 422, "{}", again.text());

        // 89 delegates were registered on a paper sheet; the desk checks the next 12 in.
        let app = App::new(site.store.clone());
        let conference = Code::parse(CONFERENCE).unwrap();
        let (_, cards) = app.mandate_cards(&conference).await.unwrap();
        assert_eq!(cards.len(), usize::from(DELEGATES));
        let member_of = |name: &str| -> u16 { name.trim_start_matches("Member ").parse().unwrap() };
        let sheet: Vec<String> = cards[12..101]
            .iter()
            .map(|c| person(member_of(&c.full_name)).to_string())
            .collect();
        record(
            &site.store,
            vec![cmd(
                Timestamp::now(),
                json!({"cmd":"record_attendance","meeting":CONFERENCE,"hall":sheet}),
            )],
        )
        .await;
        let qr = |i: usize| card_payload(SECRET, &conference, cards[i].number, cards[i].card);
        let mut first_code = String::new();
        for i in 0..10 {
            let answer = post(
                &secretary,
                &csrf,
                "check-in",
                &[("credential", &qr(i)), ("by", "card"), ("mode", "hall")],
            )
            .await;
            assert_eq!(answer.status, 200, "{engine}: card {i}: {}", answer.text());
            assert!(answer.text().contains("Checked in, in the hall"));
            let page = answer.text();
            let code = page
                .split("class=\"vote-code\" id=\"vote-code\">")
                .nth(1)
                .unwrap_or_else(|| panic!("no code in {page}"))
                .split('<')
                .next()
                .unwrap()
                .to_owned();
            if i == 0 {
                first_code = code;
            }
            assert!(answer.header("cache-control").unwrap().contains("no-store"));
        }
        let by_number = cards[10].number.to_string();
        let answer = post(
            &secretary,
            &csrf,
            "check-in",
            &[
                ("credential", &by_number),
                ("by", "mandate"),
                ("mode", "hall"),
            ],
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.text());
        let answer = post(
            &secretary,
            &csrf,
            "check-in",
            &[("credential", &qr(11)), ("by", "card"), ("mode", "remote")],
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert!(answer.text().contains("Checked in, remote"));
        // "Next check-in" keeps the desk's choices.
        let next = answer
            .text()
            .split("class=\"button\" href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&#38;", "&");
        assert!(next.contains("by=card&mode=remote"), "{next}");
        let kept = secretary.get(&next).await.text();
        assert!(
            kept.contains("name=\"mode\" value=\"remote\" checked"),
            "{kept}"
        );

        // Refusals, each beside the field: another meeting's card, a forged card, a second
        // check-in, and the hall full (100 seats).
        let other = Code::parse(PPO_MEETING).unwrap();
        let refusals = [
            card_payload(SECRET, &other, 1, 1),
            card_payload(
                b"another secret altogether",
                &conference,
                cards[101].number,
                1,
            ),
            qr(0),
            qr(101),
        ];
        for (n, text) in refusals.iter().enumerate() {
            let answer = post(
                &secretary,
                &csrf,
                "check-in",
                &[("credential", text), ("by", "card"), ("mode", "hall")],
            )
            .await;
            assert_eq!(
                answer.status,
                422,
                "{engine}: refusal {n}: {}",
                answer.text()
            );
            assert!(
                answer.text().contains("id=\"credential-error\""),
                "{}",
                answer.text()
            );
        }
        // A lost card is reissued once, however often the form is sent; the old QR code is dead.
        let page = console(&secretary).await;
        let reissued = page
            .split("name=\"card\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        assert_eq!(reissued, "0");
        let lost = cards[111].number.to_string();
        for _ in 0..2 {
            step_ok(
                &secretary,
                &csrf,
                "reissue",
                &[
                    ("mandate", &lost),
                    ("reason", "lost on the way"),
                    ("card", &reissued),
                ],
            )
            .await;
        }
        let (_, now_cards) = app.mandate_cards(&conference).await.unwrap();
        assert_eq!(now_cards[111].card, 2, "{engine}");
        let old_card = post(
            &secretary,
            &csrf,
            "check-in",
            &[("credential", &qr(111)), ("by", "card"), ("mode", "remote")],
        )
        .await;
        assert_eq!(old_card.status, 422, "{}", old_card.text());
        let page = console(&secretary).await;
        assert!(
            page.contains("Present: 101 (in the hall 100, remote 1)"),
            "{page}"
        );
        assert!(
            page.contains("Seats in the hall: 100 of 100 taken"),
            "{page}"
        );
        assert!(page.contains("quorum reached"), "{page}");

        // The header is live: its stream's first event is the region as the page shows it,
        // and a check-out elsewhere brings the next.
        let mut live = secretary
            .events(&format!("/console/{CONFERENCE}/live/head?lang=en"), None)
            .await
            .unwrap_or_else(|r| panic!("{} {}", r.status, r.text()));
        let first = live.next(Duration::from_secs(10)).await.unwrap();
        assert!(first.data.contains("Present: 101"), "{}", first.data);
        step_ok(&secretary, &csrf, "check-out", &[("who", &by_number)]).await;
        let next = live.next(Duration::from_secs(10)).await.unwrap();
        assert!(
            next.data.contains("Present: 100 (in the hall 99"),
            "{}",
            next.data
        );
        drop(live);
        let back = post(
            &secretary,
            &csrf,
            "check-in",
            &[
                ("credential", &by_number),
                ("by", "mandate"),
                ("mode", "hall"),
            ],
        )
        .await;
        assert_eq!(back.status, 200, "{}", back.text());
        let step_live = stranger
            .events(&format!("/console/{CONFERENCE}/live/step"), None)
            .await
            .err()
            .unwrap();
        assert_eq!(step_live.status, 403, "{}", step_live.text());
        // Opening: the presidium and the agenda, each voted and counted.
        step_ok(&secretary, &csrf, "open", &[]).await;
        let chair = person(member_of(&cards[12].full_name)).to_string();
        let clerk = person(member_of(&cards[13].full_name)).to_string();
        let counter = person(member_of(&cards[14].full_name)).to_string();
        step_ok(
            &secretary,
            &csrf,
            "presidium",
            &[
                ("vote", "1"),
                ("chair", &chair),
                ("secretary", &clerk),
                ("commission", &counter),
            ],
        )
        .await;
        let all_for = [("for", "100"), ("against", "0"), ("abstain", "0")];
        let count = |vote: &'static str| {
            let mut fields = vec![("vote", vote), ("counts", "0")];
            fields.extend_from_slice(&all_for);
            fields
        };
        step_ok(&secretary, &csrf, "count", &count("1")).await;
        // The same count tapped twice: its nonce finds it recorded, nothing happens, and the
        // console says so.
        let twice = post(&secretary, &csrf, "count", &count("1")).await;
        assert_eq!(twice.status, 303, "{}", twice.text());
        let notice = secretary.get(&twice.header("location").unwrap()).await;
        assert!(
            notice.text().contains("nothing was recorded a second time"),
            "{}",
            notice.text()
        );
        step_ok(
            &secretary,
            &csrf,
            "agenda",
            &[
                ("vote", "2"),
                (
                    "items",
                    "Delegates to the regional conference\nResolution of the conference",
                ),
            ],
        )
        .await;
        step_ok(&secretary, &csrf, "count", &count("2")).await;

        // Two speakers on item 1: one given the floor at once, one asked from the floor.
        step_ok(
            &secretary,
            &csrf,
            "speaker",
            &[
                ("item", "1"),
                ("spoken", "0"),
                ("name", "Aigerim Speaker"),
                ("role", "first secretary of the branch"),
                ("topic", "the candidates"),
                ("minutes", "5"),
            ],
        )
        .await;
        // The same form again: its nonce (speakers so far) finds the speech recorded.
        step_ok(
            &secretary,
            &csrf,
            "speaker",
            &[
                ("item", "1"),
                ("spoken", "0"),
                ("name", "Aigerim Speaker"),
                ("role", "first secretary of the branch"),
                ("topic", "the candidates"),
                ("minutes", "5"),
            ],
        )
        .await;
        step_ok(
            &secretary,
            &csrf,
            "speak-request",
            &[
                ("item", "1"),
                ("name", "Bolat Floor"),
                ("topic", "in support"),
            ],
        )
        .await;
        // A delegate asks from the phone, signed in with the code from the check-in.
        let delegate = site
            .client()
            .post("/api/session", &json!({ "code": first_code }))
            .await;
        assert_eq!(delegate.status, 200, "{}", delegate.text());
        let token = delegate.json()["token"].as_str().unwrap().to_owned();
        let phone_client = site.client().signed_in(&token);
        let speak = format!("/hall/{CONFERENCE}/speak");
        let asked = phone_client
            .post_form(&speak, &encode(&[("topic", "the regional list")]))
            .await;
        assert_eq!(asked.status, 202, "{}", asked.text());
        assert_eq!(asked.json()["item"], 1);
        let twice = phone_client
            .post_form(&speak, &encode(&[("topic", "the regional list")]))
            .await;
        assert_eq!(twice.json()["new"], false, "{}", twice.text());
        // A browser's form goes back to the page it came from.
        let from_page = phone_client
            .with_header("Accept", "text/html")
            .with_header("Referer", "http://localhost/hall/phone?lang=kk")
            .post_form(&speak, &encode(&[("topic", "the regional list")]))
            .await;
        assert_eq!(from_page.status, 303, "{}", from_page.text());
        assert_eq!(from_page.header("location").unwrap(), "/hall/phone?lang=kk");
        // By its cookie, the form must carry the session's CSRF token.
        let forged = site
            .client()
            .with_cookie("mandat_session", &token)
            .post_form(&speak, &encode(&[("csrf", "nope"), ("topic", "x")]))
            .await;
        assert_eq!(forged.status, 403, "{}", forged.text());
        // The secretary's member session is no delegate's session of this meeting.
        let not_delegate = secretary
            .post_form(&speak, &encode(&[("csrf", &csrf), ("topic", "x")]))
            .await;
        assert_eq!(not_delegate.status, 403, "{}", not_delegate.text());
        let page = console(&secretary).await;
        assert!(page.contains("Bolat Floor"), "{page}");
        assert!(page.contains("the regional list"), "{page}");
        // Requests are listed in the order asked: the floor's first, then the phone's.
        let first_asked = page
            .split("name=\"request\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        step_ok(
            &secretary,
            &csrf,
            "floor",
            &[("request", &first_asked), ("minutes", "2")],
        )
        .await;
        let page = console(&secretary).await;
        let id = page
            .split("name=\"request\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        step_ok(
            &secretary,
            &csrf,
            "floor",
            &[("request", &id), ("minutes", "3")],
        )
        .await;
        step_ok(
            &secretary,
            &csrf,
            "floor",
            &[("request", &id), ("minutes", "3")],
        )
        .await;
        let page = console(&secretary).await;
        assert_eq!(
            page.matches("Aigerim Speaker</strong>").count(),
            1,
            "{page}"
        );
        assert_eq!(page.matches("Bolat Floor</strong>").count(), 1, "{page}");
        assert!(
            page.contains(&format!("{}</strong>", cards[0].full_name)),
            "{page}"
        );
        // Only the one speaking now counts down.
        assert_eq!(page.matches("class=\"countdown\"").count(), 1, "{page}");
        assert!(!page.contains("name=\"request\""), "{page}");

        // The delegates vote: 45 / 40 / 15 of 100 present is rejected (51 needed).
        let candidates = format!("{chair} {clerk}");
        step_ok(
            &secretary,
            &csrf,
            "motion",
            &[
                ("vote", "3"),
                ("kind", "delegates"),
                ("item", "1"),
                ("candidates", &candidates),
            ],
        )
        .await;
        step_ok(
            &secretary,
            &csrf,
            "count",
            &[
                ("vote", "3"),
                ("counts", "0"),
                ("for", "45"),
                ("against", "40"),
                ("abstain", "15"),
            ],
        )
        .await;
        let page = console(&secretary).await;
        assert!(page.contains("class=\"result rejected\""), "{page}");
        assert!(page.contains("51"), "{page}");
        // Counts above those present are refused beside the field.
        let too_many = post(
            &secretary,
            &csrf,
            "motion",
            &[
                ("vote", "4"),
                ("kind", "resolution"),
                ("item", "2"),
                ("text", "To thank the organizers"),
            ],
        )
        .await;
        assert_eq!(too_many.status, 303, "{}", too_many.text());
        // The remote delegate confirms by phone; the secretary records it once.
        let remote = cards[11].number.to_string();
        step_ok(
            &secretary,
            &csrf,
            "confirm",
            &[("vote", "4"), ("who", &remote)],
        )
        .await;
        let again = post(
            &secretary,
            &csrf,
            "confirm",
            &[("vote", "4"), ("who", &remote)],
        )
        .await;
        assert_eq!(again.status, 422, "{}", again.text());
        assert!(
            again.text().contains("id=\"confirm-who-error\""),
            "{}",
            again.text()
        );
        let page = console(&secretary).await;
        assert!(
            page.contains("Remote participants confirmed: <strong>1</strong>"),
            "{page}"
        );
        let over = post(
            &secretary,
            &csrf,
            "count",
            &[
                ("vote", "4"),
                ("counts", "0"),
                ("for", "101"),
                ("against", "0"),
                ("abstain", "0"),
            ],
        )
        .await;
        assert_eq!(over.status, 422, "{}", over.text());
        assert!(
            over.text().contains("id=\"count-for-error\""),
            "{}",
            over.text()
        );
        step_ok(
            &secretary,
            &csrf,
            "cancel",
            &[("vote", "4"), ("reason", "the text is to be redrafted")],
        )
        .await;
        let page = console(&secretary).await;
        assert!(page.contains("cancelled"), "{page}");

        // The preview while it runs; the PDF only once closed.
        let preview = secretary
            .get(&format!("/console/{CONFERENCE}/minutes?lang=ru"))
            .await;
        assert_eq!(preview.status, 200, "{}", preview.text());
        assert!(preview.text().contains("Aigerim Speaker"));
        let early = site
            .client()
            .get(&format!("/meetings/{CONFERENCE}/minutes.pdf?lang=ru"))
            .await;
        assert_eq!(early.status, 409, "{}", early.text());
        let closed = post(&secretary, &csrf, "close", &[("protocol", "7")]).await;
        assert_eq!(closed.status, 303, "{}", closed.text());
        let minutes = closed.header("location").unwrap();
        assert_eq!(minutes, format!("/meetings/{CONFERENCE}/minutes?lang=en"));
        let public = site.client().get(&minutes).await;
        assert!(
            public
                .text()
                .contains(&format!("/meetings/{CONFERENCE}/minutes.pdf?lang=kk")),
            "{}",
            public.text()
        );
        // The close ended the secretary's grant: the console says so.
        let after = secretary
            .get(&format!("/console/{CONFERENCE}?lang=en"))
            .await;
        assert_eq!(after.status, 403, "{}", after.text());
        assert!(after.text().contains("ended when it became closed"));
        for lang in ["ru", "kk"] {
            let pdf = site
                .client()
                .get(&format!("/meetings/{CONFERENCE}/minutes.pdf?lang={lang}"))
                .await;
            assert_eq!(pdf.status, 200, "{engine} {lang}: {}", pdf.text());
            assert_eq!(pdf.header("content-type").unwrap(), "application/pdf");
            let text = pdf_text(&pdf.body);
            assert!(text.contains("Aigerim Speaker"), "{text}");
            assert!(text.contains("Bolat Floor"), "{text}");
            assert!(text.contains("45"), "{text}");
        }
    }
}

/// The text of a PDF, by `pdftotext` (installed where these tests run).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn an_organizer_over_the_meeting_operates_its_console_and_one_beside_it_is_refused() {
    for db in mandat_testkit::engines().await {
        let site = site(&db).await;
        let at = Timestamp::now();
        record(
            &site.store,
            vec![
                cmd(
                    at,
                    json!({"cmd":"create_unit","code":"R-X","kind":"district","parent":"R","names":{"ru":"Другой","kk":"Басқа","en":"Other"}}),
                ),
                cmd(
                    at,
                    json!({"cmd":"add_account","login":"org.d","role":"organizer","unit":"R-D"}),
                ),
                cmd(
                    at,
                    json!({"cmd":"add_account","login":"org.x","role":"organizer","unit":"R-X"}),
                ),
            ],
        )
        .await;
        let app = App::new(site.store.clone()).with_token_key(TokenKey::derive(SECRET));
        let mut staff = Vec::new();
        for login in ["org.d", "org.x"] {
            let login = mandat_core::staff::Login::parse(login).unwrap();
            let secrets = app.reset_account(&login, Timestamp::now()).await.unwrap();
            let totp = mandat_app::totp_secret_of_uri(&secrets.totp_uri).unwrap();
            let signed = site
                .client()
                .post(
                    "/api/staff/signin",
                    &json!({
                        "login": login.to_string(),
                        "password": secrets.password,
                        "totp": mandat_app::totp_code(&totp, &login, Timestamp::now()).unwrap(),
                    }),
                )
                .await;
            assert_eq!(signed.status, 200, "{}", signed.text());
            let token = signed.json()["token"].as_str().unwrap().to_owned();
            staff.push(site.client().with_cookie("mandat_staff", &token));
        }
        let beside = staff[1]
            .get(&format!("/console/{CONFERENCE}?lang=en"))
            .await;
        assert_eq!(beside.status, 403, "{}", beside.text());
        assert!(
            beside.text().contains("is outside your scope (unit:R-X)"),
            "{}",
            beside.text()
        );
        let organizer = &staff[0];
        let page = organizer
            .get(&format!("/console/{CONFERENCE}?lang=en"))
            .await;
        assert_eq!(page.status, 200, "{}", page.text());
        let csrf = csrf_of(&page);
        step_ok(organizer, &csrf, "registration", &[]).await;
        let delegate = person(5).to_string();
        let answer = post(
            organizer,
            &csrf,
            "check-in",
            &[("credential", &delegate), ("by", "iin"), ("mode", "hall")],
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert!(answer.text().contains("class=\"vote-code\""));
        // Recorded with the organizer as the journal's actor.
        let actor: String =
            sqlx::query_scalar("SELECT actor FROM journal ORDER BY seq DESC LIMIT 1")
                .fetch_one(site.store.pool())
                .await
                .unwrap();
        assert_eq!(actor, "staff:org.d");
        // The organizer beside it cannot post a step either, even with a token of its own.
        let page = staff[1].get(&format!("/console/{CONFERENCE}")).await;
        assert_eq!(page.status, 403);
        let refused = post(&staff[1], &csrf, "open", &[]).await;
        assert_eq!(refused.status, 403, "{}", refused.text());
    }
}
