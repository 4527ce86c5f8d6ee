//! Ballots and sign-ins under load through the real HTTP API: N members on a fresh database, one open poll, `mandat serve` with its shipped batching, every voter signed in with the code from the development outbox, then ballots by C concurrent connections against the same client on `GET /healthz`, and every acknowledgement checked against the box.

use crate::load::{self, Answer, Call, MakeCall, ReadAnswer, Run};
use crate::voter::{Server, percentile, request, round};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the command line chose.
pub struct Options {
    pub voters: usize,
    pub concurrency: usize,
    pub engine: String,
    /// An empty database to use instead of a fresh one.
    pub url: Option<String>,
}

impl Options {
    pub fn from_args(args: &[String], default_voters: usize) -> Result<Options, String> {
        let number = |name: &str, default: usize| -> Result<usize, String> {
            crate::flag(args, name).map_or(Ok(default), |v| {
                v.parse()
                    .map_err(|_| format!("{name} takes a number, not {v:?}"))
            })
        };
        let url = crate::flag(args, "--url").map(str::to_owned);
        let engine = match (crate::flag(args, "--engine"), &url) {
            (Some(engine), _) => engine.to_owned(),
            (None, Some(url)) if url.starts_with("postgres") => "postgres".to_owned(),
            _ => "sqlite".to_owned(),
        };
        Ok(Options {
            voters: number("--voters", default_voters)?,
            concurrency: number("--concurrency", 1000)?.max(1),
            engine,
            url,
        })
    }
}

/// Voters signed in per round: a code is good for 5 minutes, so a round's codes are checked
/// well within that whatever the rate; and the server's queue of code requests holds 50,000.
const SIGN_IN_ROUND: usize = 40_000;
/// The poll every member may vote in.
const POLL: &str = "BENCH-POLL";

/// A member from the generated CSV: IIN and the phone's last ten digits (how the outbox's
/// messages are matched to people, whatever form the server writes the number in).
struct Member {
    iin: String,
    phone: String,
}

/// A fresh database with N members and one open poll, and a server on it.
pub(crate) struct Prepared {
    dir: tempfile::TempDir,
    pub engine: String,
    pub db: String,
    /// The PostgreSQL server and database to drop afterwards.
    drop: Option<(String, String)>,
    pub server: Option<Server>,
    pub port: u16,
    members: Vec<Member>,
    pub filesystem: String,
    pub import_s: f64,
}

impl Prepared {
    fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox.jsonl")
    }

    /// Stops the server and drops a PostgreSQL database made for the run.
    pub fn finish(mut self, runtime: &tokio::runtime::Runtime) -> Result<(), String> {
        self.server = None;
        match self.drop.take() {
            Some((server, name)) => runtime.block_on(crate::command::drop_database(&server, &name)),
            None => Ok(()),
        }
    }
}

/// The filesystem type under `path` (`ext2/ext3`, `tmpfs`, …): figures count only on a disk.
pub(crate) fn filesystem(path: &Path) -> String {
    Command::new("stat")
        .args(["-f", "-c", "%T"])
        .arg(path)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The database, the members imported (untimed for the scenario), the poll applied, the server
/// started with the shipped batching and the SMS budget switched off.
pub(crate) fn prepare(
    mandat: &Path,
    options: &Options,
    runtime: &tokio::runtime::Runtime,
) -> Result<Prepared, String> {
    let dir = crate::temp_dir()?;
    let (db, drop) = match (&options.url, options.engine.as_str()) {
        (Some(url), _) => (url.clone(), None),
        (None, "sqlite") => (dir.path().join("bench.db").display().to_string(), None),
        (None, "postgres") => {
            let server = std::env::var(crate::command::POSTGRES_VAR)
                .unwrap_or_else(|_| crate::command::LOCAL_POSTGRES.into());
            let name = format!("mandat_bench_{}", random_hex(8));
            let url = runtime.block_on(crate::command::create_database(&server, &name))?;
            (url, Some((server, name)))
        }
        (None, other) => return Err(format!("unknown engine {other:?}: sqlite or postgres")),
    };
    let mut prepared = Prepared {
        filesystem: filesystem(dir.path()),
        dir,
        engine: options.engine.clone(),
        db,
        drop,
        server: None,
        port: 0,
        members: Vec::new(),
        import_s: 0.0,
    };
    let folder = prepared.dir.path().to_path_buf();
    let folder_text = folder.display().to_string();
    let db = prepared.db.clone();
    crate::run_in(mandat, &folder, &db, &["init"])?;
    crate::run_in(
        mandat,
        &folder,
        &db,
        &[
            "demo-files",
            "--scale",
            "region",
            "--count",
            &options.voters.to_string(),
            "--out-dir",
            &folder_text,
        ],
    )?;
    let units = folder.join("units.csv");
    let members = folder.join("members.csv");
    let started = Instant::now();
    crate::run_in(
        mandat,
        &folder,
        &db,
        &["import", "units", &units.display().to_string()],
    )?;
    crate::run_in(
        mandat,
        &folder,
        &db,
        &["import", "members", &members.display().to_string()],
    )?;
    prepared.import_s = started.elapsed().as_secs_f64();
    prepared.members = read_members(&members)?;
    let root = root_unit(&units)?;
    let poll = folder.join("poll.jsonl");
    std::fs::write(&poll, poll_commands(&root)?).map_err(|e| format!("poll.jsonl: {e}"))?;
    crate::run_in(
        mandat,
        &folder,
        &db,
        &["apply", &poll.display().to_string()],
    )?;

    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let child = Command::new(mandat)
        .current_dir(&folder)
        .args(["--db", &db, "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--sms-outbox")
        .arg(prepared.outbox())
        // The SMS budget guards cost, not capacity: off for a load test.
        .args(["--sms-per-minute", "0"])
        // MANDAT_BENCH_SERVER_LOG=mandat_store=debug shows each ballot batch's size and time.
        .env(
            "MANDAT_LOG",
            std::env::var("MANDAT_BENCH_SERVER_LOG").unwrap_or_else(|_| "warn".to_owned()),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("starting mandat serve: {e}"))?;
    prepared.server = Some(Server(child));
    prepared.port = port;
    let deadline = Instant::now() + Duration::from_secs(300);
    while request(port, "GET", "/healthz", &[], "", "").is_err() {
        if Instant::now() > deadline {
            return Err("mandat serve did not start".into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, body) = request(port, "GET", "/api/polls", &[], "", "")?;
    let roll = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| {
            v.as_array()?
                .iter()
                .find(|p| p["code"] == POLL)?
                .get("roll_size")?
                .as_u64()
        });
    if status != 200 || roll != Some(options.voters as u64) {
        return Err(format!(
            "the poll's roll holds {roll:?} members, not {} ({status}: {body})",
            options.voters
        ));
    }
    Ok(prepared)
}

fn read_members(path: &Path) -> Result<Vec<Member>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .skip(1)
        .map(|line| {
            // iin,full_name,phone,unit,joined_on: names hold no comma in the generated file,
            // but the phone is found from the end to be safe.
            let fields: Vec<&str> = line.split(',').collect();
            let iin = fields.first().ok_or("an empty row")?;
            let phone = fields
                .len()
                .checked_sub(3)
                .and_then(|i| fields.get(i))
                .ok_or_else(|| format!("a short row: {line}"))?;
            Ok(Member {
                iin: (*iin).to_owned(),
                phone: last_ten_digits(phone),
            })
        })
        .collect()
}

fn last_ten_digits(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(10)..].iter().collect()
}

/// The code of the unit without a parent (the first row: parents come first).
fn root_unit(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .nth(1)
        .and_then(|l| l.split(',').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: no unit", path.display()))
}

/// A campaign and one plurality poll of every member under `root`, open from now for a day.
fn poll_commands(root: &str) -> Result<String, String> {
    let now = jiff::Timestamp::now();
    let later = now
        .checked_add(jiff::SignedDuration::from_hours(24))
        .map_err(|e| e.to_string())?;
    let at = now.to_string();
    // The charter's rules (which the import adopts) hold a members' vote inside a campaign phase.
    let local = |t: jiff::Timestamp, days: i64| -> Result<String, String> {
        let zoned = t.in_tz("Asia/Almaty").map_err(|e| e.to_string())?;
        let moved = zoned
            .checked_add(jiff::Span::new().days(days))
            .map_err(|e| e.to_string())?;
        Ok(moved.strftime("%Y-%m-%dT%H:%M").to_string())
    };
    let (phase_start, phase_end) = (local(now, -1)?, local(now, 3)?);
    let organizer = format!("organizer:{root}");
    let commission = format!("counting-commission:{root}");
    let lines = [
        json!({"cmd":"create_campaign","actor":organizer,"held_at":at,"code":"bench",
            "name":"Нагрузочный тест","election_day":"2027-01-10","time_zone":"Asia/Almaty"}),
        json!({"cmd":"set_phase","actor":organizer,"held_at":at,"campaign":"bench",
            "phase":"primary_vote","starts_local":phase_start,"ends_local":phase_end,"after":[]}),
        json!({"cmd":"create_poll","actor":commission,"held_at":at,"code":POLL,"campaign":"bench",
            "title":"Нагрузочный тест","options":[{"code":"a","label":"A"},{"code":"b","label":"B"}],
            "method":"plurality","seats":1,"electorate":{"members":{"unit":root}},
            "roll_cutoff":at,"opens_at":at,"closes_at":later.to_string(),"board":"sealed","phase":"primary_vote"}),
        json!({"cmd":"freeze_roll","actor":commission,"held_at":at,"poll":POLL}),
        json!({"cmd":"open_poll","actor":commission,"held_at":at,"poll":POLL}),
    ];
    Ok(lines.iter().map(|l| format!("{l}\n")).collect())
}

/// Hex digits from the process's random hash keys (the bench needs no cryptographic quality:
/// request keys and binding cookies only have to differ).
fn random_hex(bytes: usize) -> String {
    let state = std::collections::hash_map::RandomState::new();
    let mut out = String::with_capacity(bytes * 2);
    let mut counter = 0u64;
    while out.len() < bytes * 2 {
        let mut h = state.build_hasher();
        h.write_u64(counter);
        counter += 1;
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out.truncate(bytes * 2);
    out
}

/// What the sign-ins of every voter measured: the code requests, the wait for the outbox, and
/// the code checks, each summed over the rounds.
pub(crate) struct SignIns {
    pub tokens: Vec<String>,
    pub request_s: f64,
    pub delivery_s: f64,
    pub check_s: f64,
    pub request_ms: Vec<f64>,
    pub check_ms: Vec<f64>,
    pub retried: usize,
    pub failed: usize,
    pub first_failure: Option<String>,
}

/// Signs every member in through `POST /api/signin/code` and `POST /api/signin`, the codes read
/// from the outbox, in rounds of [`SIGN_IN_ROUND`].
pub(crate) async fn sign_in_all(
    prepared: &Prepared,
    concurrency: usize,
) -> Result<SignIns, String> {
    let port = prepared.port;
    let salt = random_hex(24);
    let bindings: Arc<Vec<String>> = Arc::new(
        (0..prepared.members.len())
            .map(|i| format!("{salt}{i:016x}"))
            .collect(),
    );
    let iins: Arc<Vec<String>> = Arc::new(prepared.members.iter().map(|m| m.iin.clone()).collect());
    let by_phone: HashMap<&str, usize> = prepared
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.phone.as_str(), i))
        .collect();
    let mut out = SignIns {
        tokens: vec![String::new(); iins.len()],
        request_s: 0.0,
        delivery_s: 0.0,
        check_s: 0.0,
        request_ms: Vec::new(),
        check_ms: Vec::new(),
        retried: 0,
        failed: 0,
        first_failure: None,
    };
    let outbox = prepared.outbox();
    let mut outbox_read = 0usize;
    let mut codes: Vec<Option<String>> = vec![None; iins.len()];
    let mut first = 0;
    while first < iins.len() {
        let last = (first + SIGN_IN_ROUND).min(iins.len());
        let round = last - first;
        let (b, n) = (Arc::clone(&bindings), Arc::clone(&iins));
        let ask: MakeCall = Arc::new(move |k| {
            let i = first + k;
            Call::post_json("/api/signin/code", json!({ "iin": n[i] }).to_string())
                .header("cookie", format!("mandat_signin={}", b[i]))
        });
        let asked = load::drive(port, concurrency, round, ask, load::expect_success()).await?;
        out.request_s += asked.seconds;
        absorb(&mut out, &asked);
        out.request_ms.extend(&asked.latencies_ms);

        // The codes go out from the server's background task: wait until this round's are in.
        let waited = Instant::now();
        let mut have = (first..last).filter(|&i| codes[i].is_some()).count();
        while have < round {
            if waited.elapsed() > Duration::from_secs(300) {
                return Err(format!(
                    "{have} of {round} codes reached the outbox in 300 s"
                ));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
            // Only what was appended since the last look (the file grows to N lines).
            let text = read_from(&outbox, outbox_read).await;
            let Some(end) = text.iter().rposition(|&b| b == b'\n').map(|p| p + 1) else {
                continue;
            };
            // Only whole lines; a line being written is read next time.
            for line in String::from_utf8_lossy(&text[..end]).lines() {
                let message: serde_json::Value =
                    serde_json::from_str(line).map_err(|e| format!("outbox: {e}"))?;
                let to = last_ten_digits(message["to"].as_str().unwrap_or_default());
                let code = message["text"].as_str().and_then(|t| {
                    t.split(|c: char| !c.is_ascii_digit())
                        .find(|w| w.len() == 6)
                });
                if let (Some(&i), Some(code)) = (by_phone.get(to.as_str()), code) {
                    if codes[i].is_none() && (first..last).contains(&i) {
                        have += 1;
                    }
                    codes[i] = Some(code.to_owned());
                }
            }
            outbox_read += end;
        }
        out.delivery_s += waited.elapsed().as_secs_f64();

        let round_codes: Arc<Vec<String>> = Arc::new(
            codes[first..last]
                .iter()
                .map(|c| c.clone().unwrap_or_default())
                .collect(),
        );
        let (b, n) = (Arc::clone(&bindings), Arc::clone(&iins));
        let check: MakeCall = Arc::new(move |k| {
            let i = first + k;
            Call::post_json(
                "/api/signin",
                json!({ "iin": n[i], "code": round_codes[k] }).to_string(),
            )
            .header("cookie", format!("mandat_signin={}", b[i]))
        });
        let token: ReadAnswer = Arc::new(|_, answer: &Answer| {
            if answer.status == 200 {
                load::json_field(answer, "/token").map(Some)
            } else {
                Err(format!(
                    "sign-in answered {}: {}",
                    answer.status,
                    String::from_utf8_lossy(&answer.body)
                ))
            }
        });
        let checked = load::drive(port, concurrency, round, check, token).await?;
        out.check_s += checked.seconds;
        absorb(&mut out, &checked);
        out.check_ms.extend(&checked.latencies_ms);
        for (k, kept) in checked.kept.into_iter().enumerate() {
            if let Some(token) = kept {
                out.tokens[first + k] = token;
            }
        }
        first = last;
    }
    out.request_ms.sort_by(f64::total_cmp);
    out.check_ms.sort_by(f64::total_cmp);
    Ok(out)
}

/// The bytes of `path` from `offset` on (none when it cannot be read yet).
async fn read_from(path: &Path, offset: usize) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let mut bytes = Vec::new();
    if let Ok(mut file) = tokio::fs::File::open(path).await
        && file
            .seek(std::io::SeekFrom::Start(offset as u64))
            .await
            .is_ok()
    {
        let _ = file.read_to_end(&mut bytes).await;
    }
    bytes
}

fn absorb(out: &mut SignIns, run: &Run) {
    out.retried += run.retried;
    out.failed += run.failed;
    if out.first_failure.is_none() {
        out.first_failure.clone_from(&run.first_failure);
    }
}

/// `GET /healthz` by the same client at the same concurrency: the ceiling of this machine,
/// server and client together.
pub(crate) async fn ceiling(port: u16, concurrency: usize, count: usize) -> Result<Run, String> {
    let healthz: MakeCall = Arc::new(|_| Call::get("/healthz"));
    load::drive(port, concurrency, count, healthz, load::expect_success()).await
}

/// A second ceiling that touches no database: a stylesheet the pages link (served from memory
/// through the same edge), found on the sign-in page; `None` when the page links none.
pub(crate) async fn static_ceiling(
    port: u16,
    concurrency: usize,
    count: usize,
) -> Result<Option<Run>, String> {
    let (_, page) = request(port, "GET", "/signin", &[], "", "")?;
    let Some(at) = page.find("/assets/") else {
        return Ok(None);
    };
    let path = page[at..]
        .split(['"', '\'', ' ', '>', '?'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let asset: MakeCall = Arc::new(move |_| Call::get(path.clone()));
    load::drive_for(
        port,
        concurrency,
        count,
        Some(Duration::from_secs(15)),
        asset,
        load::expect_success(),
    )
    .await
    .map(Some)
}

/// The `ballots` scenario: prints one JSON line.
pub fn run(mandat: &Path, options: &Options) -> Result<(), String> {
    let runtime = load::runtime()?;
    let prepared = prepare(mandat, options, &runtime)?;
    let measured = runtime.block_on(cast_all(&prepared, options));
    let finished = prepared.finish(&runtime);
    let line = measured?;
    finished?;
    println!("{line}");
    Ok(())
}

async fn cast_all(prepared: &Prepared, options: &Options) -> Result<serde_json::Value, String> {
    let signed = sign_in_all(prepared, options.concurrency).await?;
    if signed.failed > 0 {
        return Err(format!(
            "{} sign-ins failed: {}",
            signed.failed,
            signed.first_failure.unwrap_or_default()
        ));
    }
    let tokens = Arc::new(signed.tokens);
    // For a profiler to attach to the server for the timed part (`perf record -p PID`).
    eprintln!(
        "ballots: casting now; server pid {}",
        prepared.server.as_ref().map_or(0, |s| s.0.id())
    );
    let salt = random_hex(8);
    let path = format!("/api/polls/{POLL}/ballot");
    let make: MakeCall = Arc::new(move |i| {
        let choice = if i % 3 == 0 { "b" } else { "a" };
        Call::post_json(
            path.clone(),
            json!({ "choices": [[choice]], "request_key": format!("{salt}{i:016x}") }).to_string(),
        )
        .header("authorization", format!("Bearer {}", tokens[i]))
    });
    let receipt: ReadAnswer = Arc::new(|_, answer: &Answer| {
        if answer.status == 200 {
            load::json_field(answer, "/receipt/tracker").map(Some)
        } else {
            Err(format!(
                "the ballot was answered {}: {}",
                answer.status,
                String::from_utf8_lossy(&answer.body)
            ))
        }
    });
    let cast = load::drive(
        prepared.port,
        options.concurrency,
        options.voters,
        make,
        receipt,
    )
    .await?;
    eprintln!("ballots: cast; the ceiling on /healthz now");
    let ceiling = ceiling(prepared.port, options.concurrency, options.voters).await?;
    let in_memory = static_ceiling(prepared.port, options.concurrency, options.voters).await?;

    // Every acknowledgement against the box, read from the database after the run.
    let acknowledged: Vec<&str> = cast.kept.iter().flatten().map(String::as_str).collect();
    let box_trackers = read_box(&prepared.db).await?;
    let in_box: HashSet<&str> = box_trackers.0.iter().map(String::as_str).collect();
    let mut seen = HashSet::new();
    let repeated_acks = acknowledged.iter().filter(|t| !seen.insert(**t)).count();
    let lost = acknowledged
        .iter()
        .filter(|t| !in_box.contains(**t))
        .count();
    // A box row that no acknowledgement names is a ballot more than were acknowledged.
    let unacknowledged = box_trackers.0.len().saturating_sub(seen.len() - lost);
    let ballots_per_s = cast.latencies_ms.len() as f64 / cast.seconds;
    let baseline = ceiling.per_second();
    Ok(json!({
        "bench": "ballots",
        "engine": prepared.engine,
        "durability": durability(&prepared.engine),
        "filesystem": prepared.filesystem,
        "voters": options.voters,
        "concurrency": options.concurrency,
        "ballots_per_s": ballots_per_s.round(),
        "p50_ms": round(percentile(&cast.latencies_ms, 0.5)),
        "p99_ms": round(percentile(&cast.latencies_ms, 0.99)),
        "baseline_rps": baseline.round(),
        "baseline_p50_ms": round(percentile(&ceiling.latencies_ms, 0.5)),
        "baseline_p99_ms": round(percentile(&ceiling.latencies_ms, 0.99)),
        "ratio": round(ballots_per_s / baseline),
        "static_asset_rps": in_memory.as_ref().map(|r| r.per_second().round()),
        "static_asset_p99_ms": in_memory.as_ref().map(|r| round(percentile(&r.latencies_ms, 0.99))),
        "acknowledged": acknowledged.len(),
        "failed": cast.failed,
        "first_failure": cast.first_failure,
        "retried": cast.retried,
        "box_rows": box_trackers.0.len(),
        "voters_marked": box_trackers.1,
        "lost": lost,
        "duplicates": repeated_acks + unacknowledged,
        "batching": "shipped defaults (--ballot-batch 20 --ballot-wait-ms 2000)",
        "client": format!("{} keep-alive HTTP/1.1 connections, one per loopback address from 127.0.0.2 (the edge's default per-address limits left on)", options.concurrency),
        "sms_budget": "off (--sms-per-minute 0) for the untimed sign-ins",
        "signin_s": round(signed.request_s + signed.delivery_s + signed.check_s),
        "members_import_s": round(prepared.import_s),
    }))
}

pub(crate) fn durability(engine: &str) -> &'static str {
    if engine == "postgres" {
        "synchronous_commit=on, fsync=on"
    } else {
        "synchronous=FULL"
    }
}

/// The box's trackers and the members marked as having voted online.
async fn read_box(db: &str) -> Result<(Vec<String>, i64), String> {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let url = if db.contains("://") {
        db.to_owned()
    } else {
        format!("sqlite://{db}")
    };
    let mut connection = sqlx::AnyConnection::connect(&url)
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let trackers: Vec<String> =
        sqlx::query_scalar("SELECT tracker FROM ballot_box WHERE poll = $1")
            .bind(POLL)
            .fetch_all(&mut connection)
            .await
            .map_err(|e| format!("reading the box: {e}"))?;
    let marked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM poll_roll WHERE poll = $1 AND marked = 'online'")
            .bind(POLL)
            .fetch_one(&mut connection)
            .await
            .map_err(|e| format!("reading the roll: {e}"))?;
    let _ = connection.close().await;
    Ok((trackers, marked))
}

/// The `signin` scenario: completed sign-ins per second (code request, the code from the
/// outbox, code check) over all N members; prints one JSON line.
pub fn signin(mandat: &Path, options: &Options) -> Result<(), String> {
    let runtime = load::runtime()?;
    let prepared = prepare(mandat, options, &runtime)?;
    let measured = runtime.block_on(async {
        let signed = sign_in_all(&prepared, options.concurrency).await?;
        let ceiling = ceiling(prepared.port, options.concurrency, options.voters).await?;
        let static_rps = static_ceiling(prepared.port, options.concurrency, options.voters)
            .await?
            .map(|r| r.per_second().round());
        let seconds = signed.request_s + signed.delivery_s + signed.check_s;
        let completed = signed.tokens.iter().filter(|t| !t.is_empty()).count();
        let per_s = completed as f64 / seconds;
        let baseline = ceiling.per_second();
        Ok::<_, String>(json!({
            "bench": "signin",
            "engine": prepared.engine,
            "durability": durability(&prepared.engine),
            "filesystem": prepared.filesystem,
            "voters": options.voters,
            "concurrency": options.concurrency,
            "signins_per_s": per_s.round(),
            "completed": completed,
            "failed": signed.failed,
            "first_failure": signed.first_failure,
            "retried": signed.retried,
            "code_request_s": round(signed.request_s),
            "code_delivery_wait_s": round(signed.delivery_s),
            "code_check_s": round(signed.check_s),
            "code_requests_per_s": (options.voters as f64 / signed.request_s).round(),
            "code_checks_per_s": (options.voters as f64 / signed.check_s).round(),
            "request_p50_ms": round(percentile(&signed.request_ms, 0.5)),
            "request_p99_ms": round(percentile(&signed.request_ms, 0.99)),
            "p50_ms": round(percentile(&signed.check_ms, 0.5)),
            "p99_ms": round(percentile(&signed.check_ms, 0.99)),
            "baseline_rps": baseline.round(),
            "ratio": round(per_s / baseline),
            "static_asset_rps": static_rps,
            "sms_budget": "off (--sms-per-minute 0)",
            "sender": "the development outbox file (--sms-outbox)",
            "client": format!("{} keep-alive HTTP/1.1 connections, one per loopback address from 127.0.0.2", options.concurrency),
            "rounds_of": SIGN_IN_ROUND,
        }))
    });
    let finished = prepared.finish(&runtime);
    let line = measured?;
    finished?;
    println!("{line}");
    Ok(())
}
