//! Members vote in headless Chromium against `mandat serve --sms-outbox`: sign-in with the code from the outbox, a ranked, a choose-one and an up-to-two ballot, the receipt, "already voted", and after `mandat poll close` the receipt found on the board — in Russian, in Kazakh and with JavaScript off; with `MANDAT_SCREENSHOTS=DIR`, 360 px screenshots of every page.
//!
//! Needs `chromium` and `chromedriver` (Debian's `chromium` and `chromium-driver`); without them
//! the test fails and says so, as `browser.rs` does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::browser::{
    MISSING_BROWSER, PATIENCE, chromedriver, get, headless, mandat, on_path, serve, whole_page,
};
use fantoccini::{Client, Locator};
use jiff::{SignedDuration, Timestamp};
use mandat_core::{Iin, Sex};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const CAMPAIGN: &str = "aksu-2026";
const RANKED: &str = "rank-aksu";
const CHOOSE_ONE: &str = "vote-aksu";
const UP_TO_TWO: &str = "delegates-aksu";
/// The width of a cheap phone's screen, and its height.
const WIDTH: u32 = 360;
const HEIGHT: u32 = 800;
/// The candidates on every ballot, by option code.
const CANDIDATES: [(&str, &str); 4] = [
    ("a", "Ахметов Серик Болатович"),
    ("b", "Искакова Гульнара Маратовна"),
    ("c", "Есенов Данияр Айдарович"),
    ("d", "Шевченко Ольга Викторовна"),
];
/// The members: names and phones; 0 votes in Russian, 1 in Kazakh, 2 without JavaScript.
const MEMBERS: [&str; 4] = [
    "Сейткалиева Айгерим Нурлановна",
    "Омаров Бауыржан Кайратович",
    "Абдрахманов Ерлан Сакенович",
    "Ким Виктория Александровна",
];

fn label(code: &str) -> &'static str {
    CANDIDATES.iter().find(|(c, _)| *c == code).unwrap().1
}

fn person(n: usize) -> Iin {
    let mut serial = n as u16;
    loop {
        if let Some(i) = Iin::compose(jiff::civil::date(1980, 5, 17), Sex::Male, serial) {
            return i;
        }
        serial += 1000;
    }
}

fn phone(n: usize) -> String {
    format!("+770130000{n:02}")
}

fn title(poll: &str) -> &'static str {
    match poll {
        RANKED => "Рейтинговое голосование: Аксуский районный маслихат",
        CHOOSE_ONE => "Праймериз: кандидат в областной маслихат по Аксускому округу",
        _ => "Делегаты на областную конференцию",
    }
}

/// The record the test starts from, as an organizer applies it with `mandat apply`: a district
/// with one PPO and its members, a campaign whose members' vote is on now, and three open polls
/// of the district's members (ranked, choose one, up to two).
fn fixture(now: Timestamp) -> String {
    let at = |d: SignedDuration| (now + d).to_string();
    let almaty = jiff::tz::TimeZone::get("Asia/Almaty").unwrap();
    let local = |d: SignedDuration| {
        (now + d)
            .to_zoned_datetime(almaty.clone())
            .strftime("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let setup = at(SignedDuration::from_hours(-72));
    let mut lines = vec![
        json!({"cmd":"create_unit","code":"ALM","kind":"region","parent":null,"names":{"ru":"Алматинская область","kk":"Алматы облысы","en":"Almaty Region"}}),
        json!({"cmd":"create_unit","code":"ALM-AKSU","kind":"district","parent":"ALM","names":{"ru":"Аксуский район","kk":"Ақсу ауданы","en":"Aksu District"}}),
        json!({"cmd":"create_unit","code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{"ru":"ППО села Жансугуров","kk":"Жансүгіров ауылының БПҰ","en":"PPO of Zhansugurov"}}),
        json!({"cmd":"create_campaign","code":CAMPAIGN,"name":"Выборы 2026","election_day":(now + SignedDuration::from_hours(24 * 60)).to_zoned_datetime(almaty.clone()).date().to_string()}),
    ];
    for (n, name) in MEMBERS.iter().enumerate() {
        lines.push(json!({"cmd":"register_member","iin":person(n).to_string(),"full_name":name,"phone":phone(n),"unit":"ALM-AKSU-P001","joined_on":"2010-01-01"}));
    }
    let mut lines: Vec<Value> = lines
        .into_iter()
        .map(|mut l| {
            l["held_at"] = json!(setup);
            l
        })
        .collect();
    let mut phase = json!({"cmd":"set_phase","campaign":CAMPAIGN,"phase":"primary_vote","starts_local":local(SignedDuration::from_hours(-48)),"ends_local":local(SignedDuration::from_hours(72))});
    phase["held_at"] = json!(setup);
    lines.push(phase);
    let options: Vec<Value> = CANDIDATES
        .iter()
        .map(|(code, label)| json!({"code":code,"label":label}))
        .collect();
    let drawn = at(SignedDuration::from_hours(-2));
    let opened = at(SignedDuration::from_hours(-1));
    for (code, method) in [
        (RANKED, json!("schulze")),
        (CHOOSE_ONE, json!("plurality")),
        (UP_TO_TWO, json!({"approval":{"max_choices":2}})),
    ] {
        lines.push(json!({"cmd":"create_poll","held_at":drawn,"code":code,"campaign":CAMPAIGN,"title":title(code),"options":options,"method":method,"electorate":{"members":{"unit":"ALM-AKSU"}},"roll_cutoff":drawn,"opens_at":opened,"closes_at":at(SignedDuration::from_hours(24)),"board":"sealed","phase":"primary_vote"}));
        lines.push(json!({"cmd":"freeze_roll","held_at":drawn,"poll":code}));
        lines.push(json!({"cmd":"open_poll","held_at":opened,"poll":code}));
    }
    lines
        .into_iter()
        .map(|mut l| {
            l["actor"] = json!("organizer:ALM-AKSU");
            format!("{l}\n")
        })
        .collect()
}

/// The sentences a voter looks for, in one language.
struct Words {
    lang: &'static str,
    signin_title: &'static str,
    send_code: &'static str,
    code_title: &'static str,
    sign_in: &'static str,
    my_title: &'static str,
    greeting: &'static str,
    open: &'static str,
    voted: &'static str,
    review: &'static str,
    review_title: &'static str,
    cast: &'static str,
    receipt_title: &'static str,
    accepted: &'static str,
    already_title: &'static str,
    already: &'static str,
    problem: &'static str,
    too_many: &'static str,
    see_board: &'static str,
    counted: &'static str,
    /// How the ranked poll was counted, in words.
    schulze: &'static str,
    elected: &'static str,
    check: &'static str,
    on_board: &'static str,
}

const RU: Words = Words {
    lang: "ru",
    signin_title: "Вход для голосования",
    send_code: "Прислать код",
    code_title: "Введите код",
    sign_in: "Войти",
    my_title: "Мои голосования",
    greeting: "Вы вошли как",
    open: "Открыто: вы ещё не голосовали.",
    voted: "Вы проголосовали.",
    review: "Проверить бюллетень",
    review_title: "Проверьте бюллетень",
    cast: "Подать бюллетень",
    receipt_title: "Ваша квитанция",
    accepted: "Ваш бюллетень принят.",
    already_title: "Вы уже проголосовали",
    already: "Каждый член партии голосует один раз.",
    problem: "Есть ошибка",
    too_many: "Вы выбрали 3, а можно не больше 2. Снимите лишние отметки.",
    see_board: "Итоги и доска бюллетеней",
    counted: "Голоса подсчитаны.",
    elected: "Избраны:",
    schulze: "Подсчёт по методу Шульце: электронных бюллетеней — 3",
    check: "Проверить мой бюллетень",
    on_board: "Ваш бюллетень на доске в том виде, в каком подан, и учтён при подсчёте.",
};

const KK: Words = Words {
    lang: "kk",
    signin_title: "Дауыс беру үшін кіру",
    send_code: "Код жіберу",
    code_title: "Кодты енгізіңіз",
    sign_in: "Кіру",
    my_title: "Менің дауыс берулерім",
    greeting: "ретінде кірдіңіз",
    open: "Ашық: сіз әлі дауыс берген жоқсыз.",
    voted: "Сіз дауыс бердіңіз.",
    review: "Бюллетеньді тексеру",
    review_title: "Бюллетеньді тексеріңіз",
    cast: "Бюллетеньді беру",
    receipt_title: "Сіздің түбіртегіңіз",
    accepted: "Бюллетеніңіз қабылданды.",
    already_title: "Сіз дауыс беріп қойдыңыз",
    already: "Әр мүше бір рет дауыс береді.",
    problem: "Қате бар",
    too_many: "Сіз 3 кандидат таңдадыңыз, ал 2 артық болмауы керек.",
    see_board: "Қорытынды және бюллетеньдер тақтасы",
    counted: "Дауыстар саналды.",
    elected: "Сайланғандар:",
    schulze: "Шульце әдісімен саналды: электрондық бюллетень — 3",
    check: "Бюллетенімді тексеру",
    on_board: "Бюллетеніңіз тақтада берілген күйінде тұр және санақта есептелді.",
};

/// One member at one browser.
struct Voter<'a> {
    client: Client,
    base: String,
    words: &'a Words,
    n: usize,
    js: bool,
    outbox: PathBuf,
    /// Where the screenshots go (`MANDAT_SCREENSHOTS`), when taken in this flow.
    shots: Option<PathBuf>,
    taken: usize,
}

/// What a receipt page said.
struct Receipt {
    tracker: String,
    ballot_hash: String,
}

impl Voter<'_> {
    async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    async fn url_path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The page's visible text (empty while the page is changing).
    async fn text(&self) -> String {
        match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// Waits until the page's heading is `heading` and its text holds each of `also`.
    async fn expect(&self, heading: &str, also: &[&str]) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let h1 = match self.client.find(Locator::Css("h1")).await {
                Ok(h1) => h1.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            let text = self.text().await;
            if h1 == heading && also.iter().all(|t| text.contains(t)) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{} ({}): expected the heading {heading:?} and {also:?}, the page says:\n{text}",
                self.url_path().await,
                self.words.lang,
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The page is in the flow's language, as served.
    async fn in_language(&self) {
        let lang = self
            .client
            .find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(lang, self.words.lang, "{}", self.url_path().await);
    }

    async fn fill(&self, id: &str, text: &str) {
        let field = self.client.find(Locator::Id(id)).await.unwrap();
        field.clear().await.unwrap();
        if !text.is_empty() {
            field.send_keys(text).await.unwrap();
        }
    }

    /// Presses the button that says `text`.
    async fn press(&self, text: &str) {
        let xpath = format!("//main//button[normalize-space()='{text}']");
        match self.client.find(Locator::XPath(&xpath)).await {
            Ok(button) => button.click().await.unwrap(),
            Err(e) => panic!(
                "no button {text:?} on {}: {e}\n{}",
                self.url_path().await,
                self.text().await
            ),
        }
    }

    /// Taps the label of a radio button or a check box.
    async fn tick(&self, poll_option: &str) {
        self.client
            .find(Locator::Css(&format!("label[for='choice-{poll_option}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    async fn ticked(&self, poll_option: &str) -> bool {
        self.client
            .find(Locator::Id(&format!("choice-{poll_option}")))
            .await
            .unwrap()
            .prop("checked")
            .await
            .unwrap()
            .as_deref()
            == Some("true")
    }

    /// Follows the link whose address starts with `href`.
    async fn follow(&self, href: &str) {
        match self
            .client
            .find(Locator::Css(&format!("a[href^='{href}']")))
            .await
        {
            Ok(link) => link.click().await.unwrap(),
            Err(e) => panic!(
                "no link to {href} on {}: {e}\n{}",
                self.url_path().await,
                self.text().await
            ),
        }
    }

    /// Saves the page as `LANG-NN-name.png`, the whole page at 360 px wide.
    async fn shot(&mut self, name: &str) {
        let Some(dir) = &self.shots else { return };
        self.taken += 1;
        let png = whole_page(&self.client, WIDTH, HEIGHT).await;
        let file = dir.join(format!("{}-{:02}-{name}.png", self.words.lang, self.taken));
        std::fs::write(&file, png).unwrap();
    }

    /// The 6-digit code of the latest message to the member's phone, once the outbox has it.
    async fn code_from_outbox(&self) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let text = std::fs::read_to_string(&self.outbox).unwrap_or_default();
            let last = text
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .rfind(|m| m["to"] == phone(self.n));
            if let Some(message) = last {
                let text = message["text"].as_str().unwrap();
                return text
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|w| w.len() == 6)
                    .unwrap_or_else(|| panic!("no code in {text}"))
                    .to_owned();
            }
            assert!(
                Instant::now() < deadline,
                "no message to {} in the outbox:\n{text}",
                phone(self.n)
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// From the sign-in page (already in the flow's language) to "my polls".
    async fn sign_in(&mut self) {
        let w = self.words;
        self.expect(w.signin_title, &[]).await;
        self.in_language().await;
        self.shot("signin").await;
        self.fill("iin", &person(self.n).to_string()).await;
        self.press(w.send_code).await;
        self.expect(w.code_title, &[]).await;
        self.in_language().await;
        let code = self.code_from_outbox().await;
        self.fill("code", &code).await;
        self.shot("code").await;
        self.press(w.sign_in).await;
        let my = self
            .expect(w.my_title, &[w.greeting, MEMBERS[self.n]])
            .await;
        assert!(
            self.url_path().await.starts_with("/my"),
            "{}",
            self.url_path().await
        );
        for poll in [RANKED, CHOOSE_ONE, UP_TO_TWO] {
            assert!(my.contains(title(poll)), "{my}");
        }
        assert_eq!(my.matches(w.open).count(), 3, "{my}");
        assert!(!my.contains(&person(self.n).to_string()), "{my}");
        self.shot("my-polls").await;
    }

    /// Review, cast and the receipt, from a ballot filled in; the review reads back `expected`.
    async fn review_and_cast(&mut self, poll: &str, expected: &[&str]) -> Receipt {
        let w = self.words;
        self.press(w.review).await;
        self.expect(w.review_title, &[title(poll)]).await;
        let mut lines = Vec::new();
        for li in self
            .client
            .find_all(Locator::Css(".review li"))
            .await
            .unwrap()
        {
            lines.push(li.text().await.unwrap());
        }
        assert_eq!(lines, expected, "the review of {poll}");
        if poll == RANKED {
            self.shot("review").await;
        }
        self.press(w.cast).await;
        self.expect(w.receipt_title, &[w.accepted, title(poll), poll])
            .await;
        let receipt = self.client.find(Locator::Id("receipt")).await.unwrap();
        let tracker = receipt.attr("data-tracker").await.unwrap().unwrap();
        let ballot_hash = receipt.attr("data-ballot-hash").await.unwrap().unwrap();
        for hash in [&tracker, &ballot_hash] {
            assert!(
                hash.len() == 64 && hash.chars().all(|c| c.is_ascii_hexdigit()),
                "{hash}"
            );
        }
        let page = self.text().await;
        assert!(page.contains(&tracker), "the receipt shows its tracker");
        // The receipt cannot show how its holder voted.
        let source = self.client.source().await.unwrap();
        for name in expected {
            assert!(!source.contains(name), "the receipt names {name}");
        }
        if poll == RANKED {
            self.shot("receipt").await;
        }
        Receipt {
            tracker,
            ballot_hash,
        }
    }

    /// Votes in the three polls from "my polls", then is turned away from a second ballot.
    async fn vote(&mut self, port: u16) -> Vec<(&'static str, Receipt)> {
        let w = self.words;
        let lang = w.lang;
        let mut receipts = Vec::new();

        // Ranked: rank numbers typed in, one candidate left out.
        self.follow(&format!("/polls/{RANKED}/vote")).await;
        self.expect(title(RANKED), &[label("a"), label("d")]).await;
        self.in_language().await;
        let source = self.client.source().await.unwrap();
        let stylesheet = source
            .split("rel=\"stylesheet\" href=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_owned();
        let css = get(port, &stylesheet).unwrap();
        assert_eq!(css.status, 200, "{stylesheet}");
        assert!(
            source.len() + css.body.len() < 50 * 1024,
            "the ballot page and its stylesheet weigh {} + {} bytes",
            source.len(),
            css.body.len()
        );
        assert!(
            !source.contains("<script>") && !source.contains("style="),
            "inline script or style on the ballot"
        );
        for (option, rank) in [("a", "2"), ("b", "1"), ("c", ""), ("d", "3")] {
            self.fill(&format!("rank-{option}"), rank).await;
        }
        self.shot("ballot-ranked").await;
        receipts.push((
            RANKED,
            self.review_and_cast(RANKED, &[label("b"), label("a"), label("d")])
                .await,
        ));
        self.follow(&format!("/my?lang={lang}")).await;
        let my = self.expect(w.my_title, &[w.voted]).await;
        assert_eq!(my.matches(w.open).count(), 2, "{my}");

        // Choose one.
        self.follow(&format!("/polls/{CHOOSE_ONE}/vote")).await;
        self.expect(title(CHOOSE_ONE), &[label("c")]).await;
        self.tick("a").await;
        self.tick("c").await;
        assert!(self.ticked("c").await && !self.ticked("a").await);
        self.shot("ballot-choose-one").await;
        receipts.push((
            CHOOSE_ONE,
            self.review_and_cast(CHOOSE_ONE, &[label("c")]).await,
        ));
        self.follow(&format!("/my?lang={lang}")).await;
        self.expect(w.my_title, &[w.voted]).await;

        // Up to two: three ticks are refused beside the field, the choices kept; one untick.
        self.follow(&format!("/polls/{UP_TO_TWO}/vote")).await;
        self.expect(title(UP_TO_TWO), &[]).await;
        for option in ["a", "b", "d"] {
            self.tick(option).await;
        }
        self.press(w.review).await;
        let refused = self.expect(title(UP_TO_TWO), &[w.problem]).await;
        assert!(refused.contains(w.too_many), "{refused}");
        let beside = self
            .client
            .find(Locator::Css(
                "fieldset .error-message, .field-error .error-message",
            ))
            .await
            .unwrap_or_else(|e| panic!("no refusal beside the choices: {e}\n{refused}"))
            .text()
            .await
            .unwrap();
        assert!(beside.contains(w.too_many), "{beside}");
        for option in ["a", "b", "d"] {
            assert!(self.ticked(option).await, "{option} is kept");
        }
        self.shot("ballot-up-to-two-refused").await;
        self.tick("d").await;
        receipts.push((
            UP_TO_TWO,
            self.review_and_cast(UP_TO_TWO, &[label("a"), label("b")])
                .await,
        ));

        // A second ballot is refused, and the page tells nothing of the first. Without `?lang=`
        // in the address: the language chosen earlier is remembered.
        self.open(&format!("/polls/{RANKED}/vote")).await;
        let again = self.expect(w.already_title, &[w.already]).await;
        self.in_language().await;
        for (_, name) in CANDIDATES {
            assert!(!again.contains(name), "{again}");
        }
        self.shot("already-voted").await;
        self.follow(&format!("/my?lang={lang}")).await;
        let my = self.expect(w.my_title, &[]).await;
        assert_eq!(my.matches(w.voted).count(), 3, "{my}");
        assert!(!my.contains(w.open), "{my}");
        receipts
    }

    /// After the count: from "my polls" to each poll's board, where the receipt is found.
    async fn find_on_board(&mut self, receipts: &[(&'static str, Receipt)]) {
        let w = self.words;
        for (poll, receipt) in receipts {
            self.open("/my").await;
            let my = self.expect(w.my_title, &[w.see_board]).await;
            self.in_language().await;
            assert_eq!(my.matches(w.see_board).count(), 3, "{my}");
            self.follow(&format!("/polls/{poll}/board")).await;
            let board = self.expect(title(poll), &[w.counted]).await;
            self.in_language().await;
            if *poll == RANKED {
                // Everyone ranked Искакова first.
                assert!(board.contains(w.schulze), "{board}");
                assert!(
                    board.contains(&format!("{} {}.", w.elected, label("b"))),
                    "{board}"
                );
            }
            // With JavaScript, the board lists the trackers this browser cast in the poll.
            let stored = self
                .client
                .find(Locator::Id("stored-receipts"))
                .await
                .unwrap();
            let short = &receipt.tracker[..16];
            if self.js {
                let listed = stored.text().await.unwrap();
                assert!(listed.contains(short), "{poll}: {listed:?}");
            } else {
                assert!(!stored.is_displayed().await.unwrap());
            }
            self.fill("tracker", &receipt.tracker).await;
            self.fill("ballot_hash", &receipt.ballot_hash).await;
            self.press(w.check).await;
            let found = self.expect(title(poll), &[w.on_board]).await;
            assert!(
                self.url_path()
                    .await
                    .starts_with(&format!("/polls/{poll}/check?")),
                "{}",
                self.url_path().await
            );
            self.client
                .find(Locator::Id("finding"))
                .await
                .unwrap_or_else(|e| panic!("no finding: {e}\n{found}"));
            if *poll == RANKED {
                self.shot("board").await;
            }
        }
    }
}

#[tokio::test]
async fn members_sign_in_vote_get_receipts_and_find_them_on_the_board_in_russian_kazakh_and_without_javascript()
 {
    let started = Instant::now();
    let chromedriver_path =
        on_path("chromedriver").unwrap_or_else(|| panic!("no chromedriver: {MISSING_BROWSER}"));
    let chromium = on_path("chromium").unwrap_or_else(|| panic!("no chromium: {MISSING_BROWSER}"));
    let shots = std::env::var_os("MANDAT_SCREENSHOTS").map(PathBuf::from);
    if let Some(dir) = &shots {
        std::fs::create_dir_all(dir).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mandat.db");
    let secret = dir.path().join("site.secret");
    mandat(&db, &secret, &["init"]);
    let record = dir.path().join("record.jsonl");
    std::fs::write(&record, fixture(Timestamp::now())).unwrap();
    mandat(&db, &secret, &["apply", record.to_str().unwrap()]);

    let outbox = dir.path().join("outbox.jsonl");
    let (server, port) = serve(
        &db,
        &secret,
        &[
            "--ballot-batch".as_ref(),
            "1".as_ref(),
            "--ballot-wait-ms".as_ref(),
            "50".as_ref(),
            "--sms-outbox".as_ref(),
            outbox.as_os_str(),
        ],
        dir.path(),
    );
    let (driver, webdriver_port) = chromedriver(&chromedriver_path, dir.path());
    let base = format!("http://127.0.0.1:{port}");

    let mut voters = Vec::new();
    for (n, words, js) in [(0, &RU, true), (1, &KK, true), (2, &RU, false)] {
        let client = headless(
            webdriver_port,
            &chromium,
            &dir.path().join(format!("profile-{n}")),
            Some((WIDTH, HEIGHT)),
            js,
        )
        .await;
        let mut voter = Voter {
            client,
            base: base.clone(),
            words,
            n,
            js,
            outbox: outbox.clone(),
            shots: shots.clone().filter(|_| js),
            taken: 0,
        };
        // The browser asks for Russian; the Kazakh voter switches on the first page.
        voter.open("/signin").await;
        if words.lang == "kk" {
            voter.expect(RU.signin_title, &[]).await;
            voter.follow("/signin?lang=kk").await;
        }
        voter.sign_in().await;
        let receipts = voter.vote(port).await;
        voters.push((voter, receipts));
    }

    // The polls close and are counted at the command line, as the counting commission does.
    for poll in [RANKED, CHOOSE_ONE, UP_TO_TWO] {
        let counted = mandat(
            &db,
            &secret,
            &[
                "poll",
                "close",
                poll,
                "--reason",
                "the browser test is done",
            ],
        );
        assert!(!counted.is_empty(), "{poll}");
        let result = mandat(&db, &secret, &["poll", "result", poll, "--json"]);
        let result: Value = serde_json::from_str(&result).unwrap();
        assert_eq!(result["electronic"], 3, "{poll}: {result}");
    }
    for (voter, receipts) in &mut voters {
        voter.find_on_board(receipts).await;
    }

    for (voter, _) in voters {
        voter.client.close().await.unwrap();
    }
    drop(driver);
    drop(server);
    eprintln!("voter browser test: {:?}", started.elapsed());
}
