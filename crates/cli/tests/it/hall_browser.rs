//! A district conference run end to end in three headless Chromium browsers against `mandat serve`: the secretary (a member granted the role) signs in with IIN and code and works the console — 12 check-ins (printed cards' QR text as a scanner types it, a mandate number, one remote), quorum, presidium, agenda, two speakers, a 45/40/15 delegates vote of 100 present shown rejected, the close and the minutes PDF read back with pdftotext — while the projector screen and the organizer's dashboard show each change without being reloaded; with `MANDAT_SCREENSHOTS=DIR`, the console, the screen and the dashboard in Russian and Kazakh at 360 and 1280 px.
//!
//! Needs `chromium`, `chromedriver` and `pdftotext`; without them the test fails and says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::browser::{
    MISSING_BROWSER, Organizer, PATIENCE, chromedriver, get, headless, mandat, on_path, serve,
    viewport, whole_page,
};
use fantoccini::{Client, Locator};
use jiff::{SignedDuration, Timestamp};
use mandat_core::meeting::card::card_payload;
use mandat_core::{Code, Iin, Sex};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub(crate) const CONFERENCE: &str = "R-D.2026";
const PPO_MEETING: &str = "R-D-P1.2026";
/// Members of the one PPO: 224; one delegate per two members makes 112 delegates.
const MEMBERS: usize = 224;
const DELEGATES: usize = 112;
/// Member 223 is the conference's secretary (not a delegate).
const SECRETARY: usize = 223;
const ORGANIZER: &str = "org.d";
const AT_THE_DOOR: &str = "door.d";
/// Candidates of the district's list who debated before the conference: not delegates.
const DEBATERS: [usize; 3] = [150, 151, 152];

const SURNAMES: [&str; 16] = [
    "Ахметов",
    "Искаков",
    "Есенов",
    "Омаров",
    "Абдрахманов",
    "Сейткалиев",
    "Шевченко",
    "Ким",
    "Нурланов",
    "Жумабаев",
    "Касымов",
    "Бекенов",
    "Сапаров",
    "Утегенов",
    "Байжанов",
    "Мухамеджанов",
];
const GIVEN: [&str; 14] = [
    "Серик",
    "Данияр",
    "Ерлан",
    "Бауыржан",
    "Асхат",
    "Нурлан",
    "Олег",
    "Марат",
    "Руслан",
    "Талгат",
    "Дмитрий",
    "Айдос",
    "Канат",
    "Арман",
];

pub(crate) fn name(n: usize) -> String {
    format!("{} {}", SURNAMES[n % 16], GIVEN[n / 16])
}

pub(crate) fn person(n: usize) -> Iin {
    let mut serial = u16::try_from(n).unwrap();
    loop {
        if let Some(i) = Iin::compose(jiff::civil::date(1979, 4, 21), Sex::Male, serial) {
            return i;
        }
        serial += 1000;
    }
}

fn phone(n: usize) -> String {
    format!("+7705{n:07}")
}

/// The record before the conference, as an organizer applies it: a region, a district and one
/// PPO of 224 members whose meeting three hours ago elected 112 delegates to the district
/// conference, convened for now with 100 seats in the hall; member 223 is its secretary.
pub(crate) fn fixture(now: Timestamp) -> String {
    let almaty = jiff::tz::TimeZone::get("Asia/Almaty").unwrap();
    let hours = |h: i64| now + SignedDuration::from_hours(h);
    let local = |at: Timestamp| {
        at.to_zoned_datetime(almaty.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let mut lines: Vec<(Timestamp, Value)> = vec![
        (
            hours(-6),
            json!({"cmd":"create_unit","code":"R","kind":"region","parent":null,"names":{"ru":"Алматинская область","kk":"Алматы облысы","en":"Almaty Region"}}),
        ),
        (
            hours(-6),
            json!({"cmd":"create_unit","code":"R-D","kind":"district","parent":"R","names":{"ru":"Аксуский район","kk":"Ақсу ауданы","en":"Aksu District"}}),
        ),
        (
            hours(-6),
            json!({"cmd":"create_unit","code":"R-D-P1","kind":"primary","parent":"R-D","names":{"ru":"ППО села Жансугуров","kk":"Жансүгіров ауылының БПҰ","en":"PPO of Zhansugurov"}}),
        ),
        (
            hours(-6),
            json!({"cmd":"create_campaign","code":"c-2026","name":"Выборы 2026","election_day":"2027-01-10","time_zone":"Asia/Almaty"}),
        ),
        (
            hours(-6),
            json!({"cmd":"set_phase","campaign":"c-2026","phase":"ppo_meetings","starts_local":local(hours(-48)),"ends_local":local(hours(48)),"after":[],"description":"Собрания ППО"}),
        ),
        (
            hours(-6),
            json!({"cmd":"set_phase","campaign":"c-2026","phase":"branch_conferences","starts_local":local(hours(-48)),"ends_local":local(hours(48)),"after":[],"description":"Конференции филиалов"}),
        ),
    ];
    for n in 0..MEMBERS {
        lines.push((hours(-6), json!({"cmd":"register_member","iin":person(n).to_string(),"full_name":name(n),"phone":phone(n),"unit":"R-D-P1","joined_on":"2010-01-01"})));
    }
    // The district's list had its candidates' debate this morning, before the conference's
    // rating vote: three registered candidates, members 150–152, in their seats.
    let target = "R-D-maslikhat";
    lines.extend([
        (
            hours(-6),
            json!({"cmd":"set_phase","campaign":"c-2026","phase":"nomination","starts_local":local(hours(-48)),"ends_local":local(hours(48)),"after":[],"description":"Выдвижение"}),
        ),
        (
            hours(-6),
            json!({"cmd":"set_phase","campaign":"c-2026","phase":"debates","starts_local":local(hours(-48)),"ends_local":local(hours(48)),"after":[],"description":"Дебаты"}),
        ),
        (
            hours(-6),
            json!({"cmd":"set_target","campaign":"c-2026","code":target,"body":"local_maslikhat","name":"Аксуский районный маслихат","seats":10,"electorate_unit":"R-D"}),
        ),
    ]);
    for n in DEBATERS {
        lines.push((hours(-6), json!({"cmd":"nominate_candidate","campaign":"c-2026","target":target,"iin":person(n).to_string(),"nominated_by":"self","residency_years":10})));
        lines.push((hours(-6), json!({"cmd":"register_candidate","campaign":"c-2026","target":target,"iin":person(n).to_string(),"decision":"решение оргкомитета № 3"})));
    }
    let debaters: Vec<String> = DEBATERS.iter().map(|n| person(*n).to_string()).collect();
    lines.push((
        hours(-5),
        json!({"cmd":"schedule_debate","code":"R-D-debate-1","campaign":"c-2026","target":target,"unit":"R-D","starts_at":(now - SignedDuration::from_mins(1)).to_string(),"participants":debaters,"phase":"debates"}),
    ));
    let deadline = hours(240).to_string();
    lines.extend([
        (
            hours(-5),
            json!({"cmd":"set_representation","campaign":"c-2026","conference_unit":"R-D","norm":{"norm":"per_members","members_per_delegate":2}}),
        ),
        (
            hours(-5),
            json!({"cmd":"set_representation","campaign":"c-2026","conference_unit":"R","norm":{"norm":"per_members","members_per_delegate":20}}),
        ),
        (
            hours(-5),
            json!({"cmd":"convene_meeting","code":PPO_MEETING,"campaign":"c-2026","unit":"R-D-P1","phase":"ppo_meetings","convened_by":"решение бюро № 1","scheduled_at":hours(-3).to_string(),"venue":"Клуб","entry_deadline":deadline}),
        ),
        (
            hours(-5),
            json!({"cmd":"convene_meeting","code":CONFERENCE,"campaign":"c-2026","unit":"R-D","phase":"branch_conferences","convened_by":"решение политсовета № 2","scheduled_at":now.to_string(),"venue":"Дом культуры","capacity":100,"entry_deadline":deadline}),
        ),
    ]);
    let all: Vec<String> = (0..MEMBERS).map(|n| person(n).to_string()).collect();
    let delegates: Vec<String> = (0..DELEGATES).map(|n| person(n).to_string()).collect();
    let m = PPO_MEETING;
    let ppo = [
        json!({"cmd":"open_registration","meeting":m}),
        json!({"cmd":"record_attendance","meeting":m,"hall":all}),
        json!({"cmd":"open_meeting","meeting":m}),
        json!({"cmd":"put_to_vote","meeting":m,"vote":1,"motion":"presidium","chair":person(0).to_string(),"secretary":person(1).to_string(),"counting_commission":[person(2).to_string()]}),
        json!({"cmd":"count_vote","meeting":m,"vote":1,"hall":{"for":224,"against":0,"abstain":0}}),
        json!({"cmd":"put_to_vote","meeting":m,"vote":2,"motion":"agenda","items":["Делегаты на районную конференцию"]}),
        json!({"cmd":"count_vote","meeting":m,"vote":2,"hall":{"for":224,"against":0,"abstain":0}}),
        json!({"cmd":"put_to_vote","meeting":m,"vote":3,"motion":"delegates","candidates":delegates,"item":1}),
        json!({"cmd":"count_vote","meeting":m,"vote":3,"hall":{"for":224,"against":0,"abstain":0}}),
        json!({"cmd":"close_meeting","meeting":m}),
    ];
    for (n, body) in ppo.into_iter().enumerate() {
        let minutes = i64::try_from(n).unwrap();
        lines.push((hours(-3) + SignedDuration::from_mins(minutes), body));
    }
    lines.push((
        hours(-1),
        json!({"cmd":"grant_role","role":"secretary","iin":person(SECRETARY).to_string(),"meeting":CONFERENCE}),
    ));
    lines
        .into_iter()
        .map(|(at, mut line)| {
            line["actor"] = json!("organizer:R-D");
            line["held_at"] = json!(at.to_string());
            format!("{line}\n")
        })
        .collect()
}

/// One of the three browsers: who it is, and where it loads pages from.
struct Tab {
    who: &'static str,
    client: Client,
    base: String,
    size: (u32, u32),
}

impl Tab {
    async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    async fn text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until the text of the first element `css` satisfies `check`; answers that text.
    async fn until(&self, css: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(found) => found.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(&text) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{}: {css} did not come to show {what}; it shows {text:?}; the page:\n{}",
                self.who,
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits until the page says each of `words`.
    async fn says(&self, words: &[&str]) -> String {
        let all = words.join(" | ");
        self.until("body", &all, |text| words.iter().all(|w| text.contains(w)))
            .await
    }

    /// Types `text` into the field `css`, whatever it held (a live region may have been redrawn
    /// between finding the field and typing into it: the attempt is repeated).
    async fn fill(&self, css: &str, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let typed = async {
                let field = self.client.find(Locator::Css(css)).await?;
                field.clear().await?;
                field.send_keys(text).await?;
                field.prop("value").await
            }
            .await;
            if let Ok(Some(value)) = typed
                && value == text
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{}: cannot type into {css}:\n{}",
                self.who,
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Clicks the element `css`, repeating as `fill` does. It is scrolled to the middle of the
    /// screen first, as a person would, so that the console's sticky header does not cover it.
    async fn click(&self, css: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let clicked = async {
                let found = self.client.find(Locator::Css(css)).await?;
                self.client
                    .execute(
                        "arguments[0].scrollIntoView({block: 'center'});",
                        vec![serde_json::to_value(&found)?],
                    )
                    .await?;
                found.click().await
            }
            .await;
            if clicked.is_ok() {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{}: cannot click {css}: {clicked:?}\n{}",
                self.who,
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Marks the page so that a reload (which would drop the mark) shows.
    async fn mark(&self) {
        self.client
            .execute("window.mandatNoReload = 'kept';", vec![])
            .await
            .unwrap();
    }

    async fn not_reloaded(&self) {
        let mark = self
            .client
            .execute("return window.mandatNoReload || null;", vec![])
            .await
            .unwrap();
        assert_eq!(mark, json!("kept"), "{} was reloaded", self.who);
    }

    async fn attr(&self, css: &str, name: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{}: no {css}: {e}", self.who))
            .attr(name)
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Saves `path` in both languages at 360 and 1280 px wide, as `LANG-hall-NAME-WIDTH.png`:
    /// each page captured whole, or only its first `screenful` px at 1280 (a projector's screen
    /// does not scroll, and its type is sized by the screen's height); then leaves the browser on
    /// `path` in Russian again.
    async fn shots(&self, dir: &Path, path: &str, name: &str, screenful: Option<u32>) {
        let joiner = if path.contains('?') { '&' } else { '?' };
        for lang in ["ru", "kk"] {
            self.open(&format!("{path}{joiner}lang={lang}")).await;
            self.until("html", "the page", |t| !t.is_empty()).await;
            for width in [360, 1280] {
                let fixed = screenful.filter(|_| width > 360);
                viewport(&self.client, width, fixed.unwrap_or(800)).await;
                // The live regions are filled and laid out, and the clocks ticked once.
                tokio::time::sleep(Duration::from_millis(1100)).await;
                if fixed.is_some() {
                    let png = self.client.screenshot().await.unwrap();
                    std::fs::write(dir.join(format!("{lang}-hall-{name}-{width}.png")), png)
                        .unwrap();
                    continue;
                }
                let png = whole_page(&self.client, width, 800).await;
                std::fs::write(dir.join(format!("{lang}-hall-{name}-{width}.png")), png).unwrap();
            }
        }
        viewport(&self.client, self.size.0, self.size.1).await;
        self.open(&format!("{path}{joiner}lang=ru")).await;
    }
}

/// The 6-digit code of the last message to `to`, once the outbox has it.
async fn code_sent(outbox: &Path, to: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let text = std::fs::read_to_string(outbox).unwrap_or_default();
        let last = text
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .rfind(|m| m["to"] == to);
        if let Some(message) = last {
            let text = message["text"].as_str().unwrap();
            return text
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 6)
                .unwrap_or_else(|| panic!("no code in {text}"))
                .to_owned();
        }
        assert!(Instant::now() < deadline, "no message to {to}:\n{text}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// The text of a PDF, by `pdftotext`.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("minutes.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (Debian: poppler-utils): {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The counts `for / against / abstain` entered for vote `vote` on the console.
async fn count(console: &Tab, vote: u32, counts: [&str; 3]) {
    let section = format!("#vote-{vote}");
    for (field, n) in ["for", "against", "abstain"].into_iter().zip(counts) {
        console.fill(&format!("{section} #count-{field}"), n).await;
    }
    console
        .click(&format!("{section} form[action*='/count'] button"))
        .await;
    console
        .until_xpath(&result_of(vote), "the result", |t| !t.is_empty())
        .await;
}

/// The counted vote `vote` among the console's results.
fn result_of(vote: u32) -> String {
    format!(
        "//section[@id='results']/div[contains(@class, 'result')][h3[contains(., '№ {vote}:')]]"
    )
}

#[tokio::test]
async fn a_secretary_runs_a_conference_in_the_browser_while_the_projector_and_the_dashboard_follow_live()
 {
    let started = Instant::now();
    let chromedriver_path =
        on_path("chromedriver").unwrap_or_else(|| panic!("no chromedriver: {MISSING_BROWSER}"));
    let chromium = on_path("chromium").unwrap_or_else(|| panic!("no chromium: {MISSING_BROWSER}"));
    let shots = std::env::var_os("MANDAT_SCREENSHOTS").map(PathBuf::from);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mandat.db");
    let secret = dir.path().join("site.secret");
    mandat(&db, &secret, &["init"]);
    let record = dir.path().join("record.jsonl");
    std::fs::write(&record, fixture(Timestamp::now())).unwrap();
    mandat(&db, &secret, &["apply", record.to_str().unwrap()]);
    // The district's organizer at the dashboard, and a colleague at the door typing in the
    // paper sheet (a code of the authenticator signs in once: two people, two accounts).
    let organizer = Organizer::add(&db, &secret, ORGANIZER, "R-D");
    let at_the_door = Organizer::add(&db, &secret, AT_THE_DOOR, "R-D");

    let outbox = dir.path().join("outbox.jsonl");
    let (server, port) = serve(
        &db,
        &secret,
        &["--sms-outbox".as_ref(), outbox.as_os_str()],
        dir.path(),
    );
    let (driver, webdriver_port) = chromedriver(&chromedriver_path, dir.path());
    let base = format!("http://127.0.0.1:{port}");
    let tab = |who: &'static str, size: (u32, u32)| {
        let (chromium, profile, base) = (
            chromium.clone(),
            dir.path().join(format!("profile-{who}")),
            base.clone(),
        );
        async move {
            Tab {
                who,
                client: headless(webdriver_port, &chromium, &profile, Some(size), true).await,
                base,
                size,
            }
        }
    };
    let console = tab("the secretary's console", (1280, 900)).await;
    let screen = tab("the projector", (1920, 1080)).await;
    let dashboard = tab("the organizer's dashboard", (1280, 900)).await;

    // The organizer signs in with password and authenticator code, takes the projector link
    // and opens the dashboard over the district.
    dashboard.open("/staff/signin?lang=ru").await;
    dashboard.fill("#login", ORGANIZER).await;
    let (password, totp) = (organizer.password.clone(), organizer.totp());
    dashboard.fill("#password", &password).await;
    dashboard.fill("#totp", &totp).await;
    dashboard.click("main form button[type=submit]").await;
    dashboard
        .until("h1", "the dashboard", |h| {
            !h.is_empty() && !h.contains("Вход")
        })
        .await;
    dashboard
        .open(&format!("/meetings/{CONFERENCE}/projector?lang=ru"))
        .await;
    let screen_link = dashboard.attr("#screen-link", "href").await;
    assert!(
        screen_link.contains(&format!("/hall/{CONFERENCE}/screen/")),
        "{screen_link}"
    );
    dashboard.open("/dashboard?unit=R-D&lang=ru").await;
    let row = format!("//tr[th/a[normalize-space()='{CONFERENCE}']]");
    let meeting_row = format!("{row}/td[2]");
    dashboard.says(&[CONFERENCE, "назначено"]).await;
    dashboard.mark().await;

    screen.open(&screen_link).await;
    screen.says(&["Созвано"]).await;
    screen.mark().await;

    // The secretary signs in as a member does, with IIN and the code sent to the phone.
    console.open("/signin?lang=ru").await;
    console.fill("#iin", &person(SECRETARY).to_string()).await;
    console.click("main form button[type=submit]").await;
    console
        .until("h1", "the code page", |h| h == "Введите код")
        .await;
    let code = code_sent(&outbox, &phone(SECRETARY)).await;
    console.fill("#code", &code).await;
    console.click("main form button[type=submit]").await;
    console
        .until("h1", "my polls", |h| h == "Мои голосования")
        .await;
    console
        .open(&format!("/console/{CONFERENCE}?lang=ru"))
        .await;
    console.click("#registration form button").await;
    console.says(&["Зарегистрировать"]).await;
    screen
        .until(".screen-status", "registration", |t| {
            t == "Идёт регистрация"
        })
        .await;
    dashboard
        .until_xpath(&meeting_row, "registration", |t| t == "идёт регистрация")
        .await;

    // 89 delegates were registered on the paper sheet at the door, typed in by an organizer.
    let store = mandat_store::Store::open(db.to_str().unwrap())
        .await
        .unwrap();
    let conference = Code::parse(CONFERENCE).unwrap();
    let (_, cards) = mandat_app::App::new(store.clone())
        .mandate_cards(&conference)
        .await
        .unwrap();
    assert_eq!(cards.len(), DELEGATES);
    let by_name: HashMap<String, usize> = (0..MEMBERS).map(|n| (name(n), n)).collect();
    let iin_of = |card: usize| person(by_name[&cards[card].full_name]).to_string();
    let staff = mandat_testkit::Client::new(([127, 0, 0, 1], port).into());
    let (password, totp) = (at_the_door.password.clone(), at_the_door.totp());
    let signed = staff
        .post(
            "/api/staff/signin",
            &json!({"login": AT_THE_DOOR, "password": password, "totp": totp}),
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.text());
    let staff = staff.signed_in(signed.json()["token"].as_str().unwrap());
    let sheet: Vec<String> = (12..101).map(iin_of).collect();
    let sent = staff
        .post(
            "/api/commands",
            &json!({"cmd":"record_attendance","meeting":CONFERENCE,"hall":sheet}),
        )
        .await;
    assert_eq!(sent.status, 200, "{}", sent.text());
    screen.until("#present", "89 present", |t| t == "89").await;

    // The desk checks 12 in: ten printed cards' QR text, one by number, one remote.
    let site_secret = std::fs::read(&secret).unwrap();
    for (i, card) in cards.iter().take(12).enumerate() {
        let qr = card_payload(&site_secret, &conference, card.number, card.card);
        let (credential, by, mode) = match i {
            10 => (card.number.to_string(), "mandate", "hall"),
            11 => (qr, "card", "remote"),
            _ => (qr, "card", "hall"),
        };
        console.fill("#credential", &credential).await;
        console
            .click(&format!("#desk input[name=by][value={by}]"))
            .await;
        console
            .click(&format!("#desk input[name=mode][value={mode}]"))
            .await;
        console
            .click("#desk form.check-in button[type=submit]")
            .await;
        let vote_code = console
            .until("#vote-code", "the delegate's code", |t| t.len() >= 12)
            .await;
        assert!(!vote_code.contains(&iin_of(i)), "{vote_code}");
        console.click("main a.button").await;
        console
            .until("#credential", "the desk again", |_| true)
            .await;
    }
    let head = console
        .says(&[
            "Присутствуют: 101 (в зале 100, дистанционно 1)",
            "кворум есть",
        ])
        .await;
    assert!(head.contains("Кворум"), "{head}");
    screen
        .until("#present", "101 present", |t| t == "101")
        .await;
    screen
        .until("#quorum", "quorum", |t| t.starts_with("есть"))
        .await;
    dashboard
        .until_xpath(&format!("{row}/td[3]"), "101 present", |t| {
            t.starts_with("101")
        })
        .await;

    // Opening, presidium and agenda, each counted.
    console.click("#open button").await;
    console.says(&["Поставить президиум на голосование"]).await;
    screen
        .until(".screen-status", "open", |t| t == "Заседание идёт")
        .await;
    dashboard
        .until_xpath(&meeting_row, "open", |t| t == "открыто")
        .await;
    console.fill("#chair", &iin_of(12)).await;
    console.fill("#secretary", &iin_of(13)).await;
    console.fill("#commission", &iin_of(14)).await;
    console
        .click("#opening form[action*='/presidium'] button")
        .await;
    screen
        .until("#floor", "the presidium on the floor", |t| {
            t.contains("Голосование № 1")
        })
        .await;
    count(&console, 1, ["100", "0", "0"]).await;
    screen
        .until("#result", "the presidium elected", |t| t.contains("100"))
        .await;
    console
        .fill(
            "#items",
            "Выборы делегатов на областную конференцию\nРезолюция конференции",
        )
        .await;
    console
        .click("#opening form[action*='/agenda'] button")
        .await;
    count(&console, 2, ["100", "0", "0"]).await;

    // Two speakers on the first item: one given the floor, one who asked from the floor.
    console.click("#add-speaker-1 summary").await;
    console.fill("#speaker-name-1", "Сапарова Айгерим").await;
    console
        .fill("#speaker-role-1", "первый заместитель председателя филиала")
        .await;
    console.fill("#speaker-topic-1", "о кандидатах").await;
    console.fill("#speaker-minutes-1", "5").await;
    console
        .click("#add-speaker-1 form[action*='/speaker'] button")
        .await;
    screen
        .until("#speaker", "the first speaker", |t| {
            t.contains("Сапарова Айгерим")
        })
        .await;
    console.click("#add-speaker-1 summary").await;
    console.fill("#request-name-1", "Утегенов Болат").await;
    console.fill("#request-topic-1", "в поддержку").await;
    console
        .click("#add-speaker-1 form[action*='/speak-request'] button")
        .await;
    console.click("#item-1 form[action*='/floor'] button").await;
    screen
        .until("#speaker", "the second speaker", |t| {
            t.contains("Утегенов Болат")
        })
        .await;
    // The first debater speaks from their seat with one tap, and is marked as having spoken.
    let debater = console
        .until("#item-1 ol.debaters li", "the debaters", |t| {
            t.contains(&name(DEBATERS[0]))
        })
        .await;
    assert!(debater.contains("R-D-maslikhat"), "{debater}");
    console
        .click("#item-1 ol.debaters li:first-child button")
        .await;
    screen
        .until("#speaker", "the debater", |t| {
            t.contains(&name(DEBATERS[0]))
        })
        .await;
    // The screen counts the three minutes given down (2:59, 2:58, …).
    screen
        .until(".screen-clock", "the countdown", |t| t.starts_with("2:5"))
        .await;
    console
        .until("#item-1 ol.debaters li", "spoken", |t| {
            t.contains("выступил")
        })
        .await;
    assert_eq!(
        console
            .client
            .find_all(Locator::Css("#item-1 .countdown"))
            .await
            .unwrap()
            .len(),
        1,
        "only the one speaking counts down"
    );

    // The delegates vote: 45 / 40 / 15 of the 100 in the hall is rejected: 51 of the 101 present
    // were needed.
    console
        .click("#motion select#motion-item option[value='1']")
        .await;
    console
        .fill("#candidates", &format!("{} {}", iin_of(12), iin_of(13)))
        .await;
    console.click("#motion form button[type=submit]").await;
    screen
        .until("#floor", "the delegates vote on the floor", |t| {
            t.contains("№ 3")
        })
        .await;
    count(&console, 3, ["45", "40", "15"]).await;
    let result = console
        .until_xpath(&result_of(3), "the result", |t| !t.is_empty())
        .await;
    let class = console
        .client
        .find(Locator::XPath(&result_of(3)))
        .await
        .unwrap()
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(class.contains("rejected"), "{class}: {result}");
    assert!(result.contains("51"), "{result}");
    let shown = screen
        .until("#result", "the vote rejected", |t| t.contains("№ 3"))
        .await;
    assert!(shown.contains("51"), "{shown}");
    assert!(
        screen.attr("#result", "class").await.contains("rejected"),
        "{shown}"
    );
    for n in 0..MEMBERS {
        assert!(
            !shown.contains(&person(n).to_string()),
            "an IIN on the screen"
        );
    }

    // Neither the projector nor the dashboard was reloaded to see any of it.
    screen.not_reloaded().await;
    dashboard.not_reloaded().await;
    if let Some(shots) = &shots {
        std::fs::create_dir_all(shots).unwrap();
        let screen_path = screen_link.trim_start_matches(&base).to_owned();
        console
            .shots(shots, &format!("/console/{CONFERENCE}"), "console", None)
            .await;
        screen
            .shots(shots, &screen_path, "projector", Some(720))
            .await;
        dashboard
            .shots(shots, "/dashboard?unit=R-D", "dashboard", None)
            .await;
        dashboard.mark().await;
    }

    // The close: the public minutes, their PDF in both languages.
    console.fill("#protocol", "7").await;
    console.click("#close form button").await;
    let deadline = Instant::now() + PATIENCE;
    while !console
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .starts_with(&format!("/meetings/{CONFERENCE}/minutes"))
    {
        assert!(
            Instant::now() < deadline,
            "no minutes after the close:\n{}",
            console.text().await
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    screen
        .until(".screen-status", "closed", |t| t == "Заседание закрыто")
        .await;
    dashboard
        .until_xpath(&meeting_row, "closed", |t| t == "закрыто")
        .await;
    dashboard.not_reloaded().await;
    let pdf_link = console
        .attr(
            &format!("a[href*='/meetings/{CONFERENCE}/minutes.pdf?lang=ru']"),
            "href",
        )
        .await;
    assert!(pdf_link.ends_with("minutes.pdf?lang=ru"), "{pdf_link}");
    for lang in ["ru", "kk"] {
        let path = format!("/meetings/{CONFERENCE}/minutes.pdf?lang={lang}");
        let pdf = get(port, &path).unwrap();
        assert_eq!(pdf.status, 200, "{lang}");
        assert_eq!(pdf.content_type, "application/pdf");
        let text = pdf_text(&pdf.body);
        for said in ["Сапарова Айгерим", "Утегенов Болат", "45", "40", "15"]
        {
            assert!(text.contains(said), "{lang}: {said} not in\n{text}");
        }
        assert!(text.contains(&name(DEBATERS[0])), "{lang}: {text}");
    }

    for tab in [console, screen, dashboard] {
        tab.client.close().await.unwrap();
    }
    drop(driver);
    drop(server);
    eprintln!("hall browser test: {:?}", started.elapsed());
}

impl Tab {
    /// `until` for an element found by XPath (a table row by the meeting's code).
    async fn until_xpath(&self, xpath: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = match self.client.find(Locator::XPath(xpath)).await {
                Ok(found) => found.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(text.trim()) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{}: {xpath} did not come to show {what}; it shows {text:?}; the page:\n{}",
                self.who,
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}
