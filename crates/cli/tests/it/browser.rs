//! The public party-list pages clicked through in headless Chromium, as a reader would: `mandat serve` on the lists example, driven over WebDriver.
//!
//! Needs `chromium` and `chromedriver` (Debian's `chromium` and `chromium-driver`, which
//! `bash .ci/run` installs); without them the test fails and says so rather than skip, so that
//! CI cannot pass without having looked at the pages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CAMPAIGN: &str = "kerbulak-2020";
const TARGET: &str = "ALM-KERBULAK-maslikhat";
/// The list's name as the index links it.
const TARGET_NAME: &str = "Кербулакский районный маслихат";
/// The conference that approved the list.
const CONFERENCE: &str = "ALM-KERBULAK.2020-list";
/// The approved list after the withdrawal, in order (as `mandat list show kerbulak-2020
/// ALM-KERBULAK-maslikhat` prints it).
const SURNAMES: [&str; 6] = [
    "Ахметов",
    "Абдрахманов",
    "Искакова",
    "Есенов",
    "Шевченко",
    "Сейткалиева",
];
/// The list as the conference voted it, in its minutes: place 4 was Омаров's until he withdrew
/// after the vote and Есенов took it.
const VOTED: [&str; 6] = [
    "Ахметов",
    "Абдрахманов",
    "Искакова",
    "Омаров",
    "Шевченко",
    "Сейткалиева",
];
/// The withdrawal's recorded decision, shown in the list's history.
const WITHDRAWAL: &str = "решение бюро политсовета № 21 от 1 декабря 2020 года";
/// Every IIN of the example: none may reach a public page.
const IINS: [&str; 8] = [
    "680314310004",
    "641205312221",
    "790811312967",
    "770725315188",
    "850303314443",
    "710917311851",
    "930421412598",
    "860130411483",
];
/// How long a server or the browser may take to answer before the test gives up.
pub(crate) const PATIENCE: Duration = Duration::from_secs(20);
pub(crate) const MISSING_BROWSER: &str = "the browser test needs `chromium` and `chromedriver` on the PATH: `bash .ci/run` installs them (Debian packages chromium and chromium-driver), or run `apt-get install chromium chromium-driver`";

/// A process started by the test, ended when the test ends, also on a panic.
pub(crate) struct Running {
    what: &'static str,
    child: Child,
    log: PathBuf,
}

impl Running {
    pub(crate) fn start(what: &'static str, command: &mut Command, log: PathBuf) -> Running {
        let log_file = std::fs::File::create(&log).unwrap();
        // Its own process group, so that ending it also ends what it started (chromedriver's
        // browser) rather than leave orphans behind.
        std::os::unix::process::CommandExt::process_group(command, 0);
        let child = command
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
        Running { what, child, log }
    }

    /// Waits until `path` on `port` answers 200, failing at once if the process has stopped.
    pub(crate) fn wait_for(&mut self, port: u16, path: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "{} stopped ({status}) before answering {path}:\n{}",
                    self.what,
                    self.output()
                );
            }
            if let Ok(response) = get(port, path)
                && response.status == 200
            {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "{} did not answer {path} on 127.0.0.1:{port} within {PATIENCE:?}:\n{}",
                    self.what,
                    self.output()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // The whole group: chromedriver's browser and its helpers too.
        let group = format!("-{}", self.child.id());
        let killed = Command::new("kill")
            .args(["-KILL", "--", &group])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !killed {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// `mandat serve` on `db` with the test's key files and `extra` arguments after `serve`, on a
/// free port, answering `/healthz`: the process (its log in `dir`) and the port.
pub(crate) fn serve(
    db: &Path,
    secret: &Path,
    extra: &[&std::ffi::OsStr],
    dir: &Path,
) -> (Running, u16) {
    let port = free_port();
    let mut server = Running::start(
        "mandat serve",
        Command::new(env!("CARGO_BIN_EXE_mandat"))
            .arg("--db")
            .arg(db)
            .arg("--secret-file")
            .arg(secret)
            .arg("--signing-key-file")
            .arg(secret.with_extension("signing"))
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(extra)
            .env("MANDAT_LOG", "warn")
            .env("MANDAT_LANG", "en"),
        dir.join("serve.log"),
    );
    server.wait_for(port, "/healthz");
    (server, port)
}

/// chromedriver on a free port, answering `/status`: the process (its log in `dir`) and the port.
pub(crate) fn chromedriver(chromedriver: &Path, dir: &Path) -> (Running, u16) {
    let port = free_port();
    let mut driver = Running::start(
        "chromedriver",
        Command::new(chromedriver).arg(format!("--port={port}")),
        dir.join("chromedriver.log"),
    );
    driver.wait_for(port, "/status");
    (driver, port)
}

/// A port free a moment ago: bound, read and released for the process about to use it.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The first `name` on the PATH.
pub(crate) fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) content_type: String,
    pub(crate) body: Vec<u8>,
}

/// A plain HTTP/1.1 GET on the loopback (chromedriver refuses HTTP/1.0, and keeps the
/// connection open whatever is asked, so the body is read by its length).
pub(crate) fn get(port: u16, path: &str) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(PATIENCE))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    let mut buffer = [0; 16 * 1024];
    let (head, body_start) = loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break (
                String::from_utf8_lossy(&raw[..split]).into_owned(),
                split + 4,
            );
        }
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            return Err(std::io::Error::other(
                "the connection closed before the headers ended",
            ));
        }
        raw.extend_from_slice(&buffer[..read]);
    };
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status in {head:?}")))?;
    let header = |wanted: &str| {
        head.lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case(wanted)
                    .then(|| value.trim().to_owned())
            })
            .unwrap_or_default()
    };
    let chunked = header("transfer-encoding").eq_ignore_ascii_case("chunked");
    let length: Option<usize> = header("content-length").parse().ok();
    loop {
        let received = raw.len() - body_start;
        let complete = match length {
            Some(length) => received >= length,
            None => chunked && raw.ends_with(b"0\r\n\r\n"),
        };
        if complete {
            break;
        }
        let read = stream.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        raw.extend_from_slice(&buffer[..read]);
    }
    let body = &raw[body_start..];
    Ok(Response {
        status,
        content_type: header("content-type"),
        body: if chunked {
            dechunk(body)?
        } else {
            body.to_vec()
        },
    })
}

/// The body of a chunked response: each chunk's size in hex on its own line, then the chunk.
fn dechunk(mut data: &[u8]) -> std::io::Result<Vec<u8>> {
    let bad = || std::io::Error::other("a malformed chunked body");
    let mut body = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").ok_or_else(bad)?;
        let size_line = String::from_utf8_lossy(&data[..line_end]).into_owned();
        let size_text = size_line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| bad())?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(data.get(..size).ok_or_else(bad)?);
        data = data.get(size + 2..).ok_or_else(bad)?;
    }
}

/// A staff account made by `mandat account add LOGIN --role organizer --unit UNIT`: what its
/// person types to sign in.
pub(crate) struct Organizer {
    pub(crate) login: String,
    pub(crate) password: String,
    totp_secret: Vec<u8>,
    parsed: mandat_core::staff::Login,
}

impl Organizer {
    pub(crate) fn add(db: &Path, secret: &Path, login: &str, unit: &str) -> Organizer {
        let added = mandat(
            db,
            secret,
            &[
                "account",
                "add",
                login,
                "--role",
                "organizer",
                "--unit",
                unit,
            ],
        );
        let after = |label: &str| -> String {
            added
                .lines()
                .find_map(|l| l.trim().strip_prefix(label))
                .unwrap_or_else(|| panic!("no {label} in {added}"))
                .trim()
                .to_owned()
        };
        Organizer {
            login: login.to_owned(),
            password: after("password:"),
            totp_secret: mandat_app::totp_secret_of_uri(&after(
                "authenticator (otpauth URI, add it to the app):",
            ))
            .unwrap(),
            parsed: mandat_core::staff::Login::parse(login).unwrap(),
        }
    }

    /// The authenticator's code now.
    pub(crate) fn totp(&self) -> String {
        mandat_app::totp_code(&self.totp_secret, &self.parsed, jiff::Timestamp::now()).unwrap()
    }
}

pub(crate) fn mandat(db: &Path, secret: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mandat"))
        .arg("--db")
        .arg(db)
        .arg("--secret-file")
        .arg(secret)
        .arg("--signing-key-file")
        .arg(secret.with_extension("signing"))
        .args(args)
        .env("MANDAT_LOG", "warn")
        .env("MANDAT_LANG", "en")
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "mandat {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
}

/// Headless Chromium through chromedriver, with the flags a root container needs, asking for
/// Russian (pages follow Accept-Language); its window `size` when given, JavaScript on or off.
pub(crate) async fn headless(
    webdriver_port: u16,
    chromium: &Path,
    profile: &Path,
    size: Option<(u32, u32)>,
    javascript: bool,
) -> Client {
    let mut args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-gpu".to_owned(),
        "--hide-scrollbars".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        "--lang=ru".to_owned(),
    ];
    if let Some((width, height)) = size {
        args.push(format!("--window-size={width},{height}"));
    }
    let mut prefs = json!({ "intl.accept_languages": "ru-RU,ru" });
    if !javascript {
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({ "binary": chromium, "args": args, "prefs": prefs }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = tokio::time::timeout(
        PATIENCE,
        ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{webdriver_port}")),
    )
    .await
    .unwrap_or_else(|_| panic!("chromedriver did not start Chromium within {PATIENCE:?}"))
    .unwrap_or_else(|e| panic!("chromedriver could not start Chromium: {e}; {MISSING_BROWSER}"));
    client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            None,
            Some(PATIENCE),
            None,
        ))
        .await
        .unwrap();
    if let Some((width, height)) = size {
        viewport(&client, width, height).await;
    }
    client
}

/// A Chrome DevTools command through chromedriver (`goog/cdp/execute`): the screen's size and
/// the full-page screenshots.
#[derive(Debug)]
pub(crate) struct Cdp {
    pub(crate) cmd: &'static str,
    pub(crate) params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(json!({"cmd": self.cmd, "params": self.params}).to_string()),
        )
    }
}

/// The page laid out on a screen `width` × `height` (a phone's below 600 px wide).
pub(crate) async fn viewport(client: &Client, width: u32, height: u32) {
    client
        .issue_cmd(Cdp {
            cmd: "Emulation.setDeviceMetricsOverride",
            params: json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        })
        .await
        .unwrap();
}

/// The whole page at `width` px wide as PNG (the screen made as tall as the page, at least
/// `height`), then the screen `width` × `height` again.
pub(crate) async fn whole_page(client: &Client, width: u32, height: u32) -> Vec<u8> {
    let metrics = client
        .issue_cmd(Cdp {
            cmd: "Page.getLayoutMetrics",
            params: json!({}),
        })
        .await
        .unwrap();
    let metrics = metrics.get("value").unwrap_or(&metrics);
    let page = metrics["cssContentSize"]["height"]
        .as_f64()
        .unwrap_or(f64::from(height))
        .ceil() as u32;
    viewport(client, width, page.max(height)).await;
    let png = client.screenshot().await.unwrap();
    viewport(client, width, height).await;
    png
}

/// A reader's view of one page: clicks a link by its text and waits for where it leads.
struct Reader {
    client: Client,
    base: String,
}

impl Reader {
    async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    /// Clicks the link whose text is `text` and waits until the browser is at `expected` (a path
    /// with its query).
    async fn click(&self, text: &str, expected: &str) {
        let link = match self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::LinkText(text))
            .await
        {
            Ok(link) => link,
            Err(e) => panic!("no link {text:?} on {}: {e}", self.url_path().await),
        };
        link.click().await.unwrap();
        let deadline = Instant::now() + PATIENCE;
        loop {
            let at = self.url_path().await;
            if at == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "clicking {text:?} led to {at}, not {expected}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn url_path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The page's visible text.
    async fn text(&self) -> String {
        self.client
            .find(Locator::Css("body"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// The page as served, checked for IINs.
    async fn source_without_iins(&self) -> String {
        let source = self.client.source().await.unwrap();
        for iin in IINS {
            assert!(
                !source.contains(iin),
                "{} shows the IIN {iin}",
                self.url_path().await
            );
        }
        source
    }

    /// The texts of the cells of `column` in the table whose header's first cells are `header`.
    async fn column(&self, header: &[&str], column: usize) -> Vec<String> {
        for table in self.client.find_all(Locator::Css("table")).await.unwrap() {
            let mut heads = Vec::new();
            for th in table.find_all(Locator::Css("thead th")).await.unwrap() {
                heads.push(th.text().await.unwrap());
            }
            if heads.len() < header.len() || heads[..header.len()] != *header {
                continue;
            }
            let mut cells = Vec::new();
            for row in table.find_all(Locator::Css("tbody tr")).await.unwrap() {
                let cell = row
                    .find(Locator::Css(&format!("td:nth-child({})", column + 1)))
                    .await
                    .unwrap();
                cells.push(cell.text().await.unwrap());
            }
            return cells;
        }
        panic!(
            "no table headed {header:?} on {}:\n{}",
            self.url_path().await,
            self.text().await
        )
    }
}

fn in_order(names: &[String], what: &str) {
    assert_eq!(names.len(), SURNAMES.len(), "{what}: {names:?}");
    for (name, surname) in names.iter().zip(SURNAMES) {
        assert!(name.starts_with(surname), "{what}: {names:?}");
    }
}

#[tokio::test]
async fn a_reader_clicks_from_the_index_to_the_approved_list_its_files_and_the_minutes() {
    let started = Instant::now();
    // Both looked up first, so that a machine without them fails at once and says why.
    let chromedriver =
        on_path("chromedriver").unwrap_or_else(|| panic!("no chromedriver: {MISSING_BROWSER}"));
    let chromium = on_path("chromium").unwrap_or_else(|| panic!("no chromium: {MISSING_BROWSER}"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mandat.db");
    let secret = dir.path().join("site.secret");
    mandat(&db, &secret, &["init"]);
    for name in ["conference.jsonl", "lists.jsonl"] {
        mandat(&db, &secret, &["apply", example(name).to_str().unwrap()]);
    }
    let shown = mandat(&db, &secret, &["list", "show", CAMPAIGN, TARGET]);
    for surname in SURNAMES {
        assert!(shown.contains(surname), "{shown}");
    }

    let (server, port) = serve(&db, &secret, &[], dir.path());
    let (driver, webdriver_port) = self::chromedriver(&chromedriver, dir.path());
    let ready = Instant::now();

    let reader = Reader {
        client: headless(
            webdriver_port,
            &chromium,
            &dir.path().join("profile"),
            None,
            true,
        )
        .await,
        base: format!("http://127.0.0.1:{port}"),
    };

    // The unit tree, then the index of lists by its link.
    reader.open("/").await;
    reader.source_without_iins().await;
    reader.click("Партийные списки", "/lists?lang=ru").await;
    let index = reader.text().await;
    assert!(index.contains("Партийные списки"), "{index}");
    reader.source_without_iins().await;

    // The Kerbulak list from the index, in Russian.
    let list = format!("/lists/{CAMPAIGN}/{TARGET}");
    reader.click(TARGET_NAME, &format!("{list}?lang=ru")).await;
    let page = reader.text().await;
    let source = reader.source_without_iins().await;
    assert!(source.contains("<html lang=\"ru\">"), "{source}");
    assert!(
        page.contains(&format!("утверждён — заседание {CONFERENCE}")),
        "{page}"
    );
    in_order(
        &reader.column(&["№", "Фамилия, имя, отчество"], 1).await,
        "the places",
    );
    assert!(
        page.contains("Перемещения по правилам списка при составлении проекта"),
        "{page}"
    );
    assert!(page.contains("перемещена с позиции"), "{page}");
    let events = reader.column(&["№", "Дата", "Событие"], 2).await;
    let reasons = reader.column(&["№", "Дата", "Событие"], 4).await;
    let withdrawal = events
        .iter()
        .position(|event| event == "кандидат выбыл")
        .unwrap_or_else(|| panic!("no withdrawal in the history: {events:?}"));
    assert!(reasons[withdrawal].contains(WITHDRAWAL), "{reasons:?}");
    let anchor = page
        .split("mandat verify --anchor ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no anchor on the page:\n{page}"));
    assert!(
        shown.contains(&format!("anchor: {anchor}")),
        "the page's anchor {anchor} is not the one `mandat list show` prints:\n{shown}"
    );

    // The same list in Kazakh, by the page's language link; its files in Kazakh.
    reader.click("Қазақша", &format!("{list}?lang=kk")).await;
    let page = reader.text().await;
    let source = reader.source_without_iins().await;
    assert!(source.contains("<html lang=\"kk\">"), "{source}");
    assert!(page.contains("бекітілді"), "{page}");
    assert!(page.contains("Тізім тарихы"), "{page}");
    assert!(page.contains(anchor), "the same anchor in Kazakh:\n{page}");
    for (text, file, content_type, starts) in [
        (
            "CSV",
            "list.csv",
            "text/csv; charset=utf-8",
            "\u{feff}".as_bytes(),
        ),
        ("PDF", "list.pdf", "application/pdf", b"%PDF-".as_slice()),
    ] {
        let href = reader
            .client
            .find(Locator::LinkText(text))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(href, format!("{list}/{file}?lang=kk"));
        let download = get(port, &href).unwrap();
        assert_eq!(download.status, 200, "{href}");
        assert_eq!(download.content_type, content_type, "{href}");
        assert!(download.body.starts_with(starts), "{href}");
        let body = String::from_utf8_lossy(&download.body);
        for iin in IINS {
            assert!(!body.contains(iin), "{href} carries the IIN {iin}");
        }
    }

    // Back to Russian, then the minutes of the conference that approved the list.
    reader.click("Русский", &format!("{list}?lang=ru")).await;
    reader
        .click(
            &format!("Протокол заседания {CONFERENCE}"),
            &format!("/meetings/{CONFERENCE}/minutes?lang=ru"),
        )
        .await;
    let minutes = reader.text().await;
    reader.source_without_iins().await;
    let vote = minutes
        .split("утверждение партийного списка")
        .nth(1)
        .and_then(|rest| rest.split("Итог").next())
        .unwrap_or_else(|| panic!("no list vote in the minutes:\n{minutes}"));
    let voted: Vec<&str> = vote
        .lines()
        .filter(|line| {
            line.chars().next().is_some_and(|c| c.is_ascii_digit()) && line.contains(". ")
        })
        .collect();
    assert_eq!(voted.len(), VOTED.len(), "{vote}");
    for (place, (line, surname)) in voted.iter().zip(VOTED).enumerate() {
        assert!(
            line.starts_with(&format!("{}. {surname}", place + 1)),
            "{vote}"
        );
    }

    reader.client.close().await.unwrap();
    drop(driver);
    drop(server);
    eprintln!(
        "browser test: {:?} in all, {:?} in the browser",
        started.elapsed(),
        ready.elapsed()
    );
}
