//! The `mandat` binary: parses the command line and wires the store, the web server and the importers together.

mod apply;
mod demo;
mod failure;
mod import;
mod input;
mod journal;
mod keys;
mod lists;
mod meetings;
mod notices;
mod polls;
mod schedule;
mod serve;
mod staff;
mod tally;
mod words;

use clap::{Parser, Subcommand, ValueEnum};
use failure::Failure;
use std::path::PathBuf;
use std::process::ExitCode;

/// mandat runs a party's candidate-selection cycle: the member registry, primaries, the ladder of
/// meetings and conferences, and the party lists. Every change is a command recorded in a
/// hash-chained journal that `mandat verify` checks.
///
/// Start here: `mandat serve --demo` builds the Almaty-region demo in ./mandat.db and serves it
/// on http://127.0.0.1:8080. A real site starts with `mandat init`, which makes the site secret
/// and the signing key.
#[derive(Parser)]
#[command(name = "mandat", version, propagate_version = true)]
struct Cli {
    /// The database: a SQLite file path (created when missing), `sqlite://FILE`, or `postgres://USER@HOST/DB`.
    #[arg(long, global = true, env = "MANDAT_DB", default_value = "mandat.db")]
    db: String,

    /// The site secret: signs mandate-card QR codes and keys the stored e-vote codes and
    /// sessions. Made by `mandat init` (owner-only); the serving node and the check-in desks hold
    /// it. Keep it apart from the database and backed up: printed cards stop working without it.
    #[arg(
        long,
        global = true,
        env = "MANDAT_SECRET_FILE",
        default_value = "mandat.secret"
    )]
    secret_file: PathBuf,

    /// The Ed25519 key (32-byte seed) that signs receipts and checkpoints. Made by `mandat init`
    /// (owner-only); only the serving node holds it (serve, demo, poll key, poll checkpoint).
    #[arg(
        long,
        global = true,
        env = "MANDAT_SIGNING_KEY_FILE",
        default_value = "mandat.signing.key"
    )]
    signing_key_file: PathBuf,

    /// The language of messages (refusals, errors) and of documents (minutes, list sheets,
    /// mandate cards): ru, kk or en. Default ru.
    #[arg(long, global = true, env = "MANDAT_LANG", value_enum)]
    lang: Option<Language>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// First run: make the missing site secret (--secret-file) and signing key
    /// (--signing-key-file), 32 random bytes each, owner-only; never overwrites. Prints what it
    /// made and where, and the public key to publish.
    Init,
    /// Run the HTTP server (needs the site secret and the signing key: run `mandat init` first).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Build the Almaty-region demo first when the database is empty (a throwaway demo: the
        /// site secret and signing key are made when missing, and it says so).
        #[arg(long)]
        demo: bool,
        /// Ballots wait until at least this many are queued (or --ballot-wait-ms passes) and are
        /// stored together, shuffled: a larger batch hides the casting order better.
        #[arg(long, default_value_t = 20)]
        ballot_batch: usize,
        /// The longest a ballot waits for its batch, in milliseconds.
        #[arg(long, default_value_t = 2000)]
        ballot_wait_ms: u64,
        /// New ballots between two signed checkpoint roots (at least 50), and the step in which
        /// live turnout moves: smaller steps would date ballots more finely.
        #[arg(long, default_value_t = mandat_core::ballot::DEFAULT_STEP)]
        checkpoint_step: u64,
        /// With --demo: the region's primaries on today's calendar, open now, for visitors to
        /// sign in and vote (the 2020 dates moved forward by whole days).
        #[arg(long, requires = "demo")]
        live: bool,
        #[command(flatten)]
        sign_in: serve::SignInArgs,
        /// Seconds a client may take to send a request's headers (and an idle connection stays
        /// open) before the connection is closed (0: no limit).
        #[arg(long, default_value_t = 10)]
        header_timeout_secs: u64,
        /// Seconds a request may take until its answer starts; over it, 503 (0: no limit). Keep
        /// it above --ballot-wait-ms.
        #[arg(long, default_value_t = 30)]
        request_timeout_secs: u64,
        /// Requests handled at once; more are refused at once with 503 and Retry-After.
        #[arg(long, default_value_t = 1024)]
        max_in_flight: usize,
        /// The largest request body in bytes (413 beyond).
        #[arg(long, default_value_t = 65536)]
        max_body_bytes: usize,
        /// Requests per second one client address may keep up (429 beyond; 0: no limit, e.g.
        /// behind a reverse proxy, where every client has the proxy's address).
        #[arg(long, default_value_t = 200)]
        rate_per_address: u32,
        /// Requests one client address may send at once above that rate.
        #[arg(long, default_value_t = 1000)]
        burst_per_address: u32,
    },
    /// Build the demo into an empty database: the registry (units, members, campaign) and the
    /// whole ladder of meetings and conferences of November 2020, each recorded at its own date.
    /// A throwaway demo: a missing site secret or signing key is made, and it says so.
    Demo {
        #[arg(long, value_enum, default_value_t = Scale::Region)]
        scale: Scale,
        /// Seed of the generator: the same seed gives the same people.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Which part to build: all, the registry only, or the ladder only (onto the registry
        /// built earlier with the same scale and seed).
        #[arg(long, value_enum, default_value_t = DemoPart::All)]
        part: DemoPart,
        /// Members voting online in the primaries, per thousand of each roll (2020: about 840).
        #[arg(long, default_value_t = mandat_demo::DEMO_TURNOUT_PERMILLE)]
        turnout: u32,
        /// Write one JSON line per stage (its name, seconds, commands or ballots) to this file,
        /// for benchmarks.
        #[arg(long)]
        stages: Option<PathBuf>,
        #[command(subcommand)]
        about: Option<DemoAbout>,
    },
    /// Write the demo's units and members as CSV files for `mandat import` (e.g. for benchmarks).
    DemoFiles {
        #[arg(long, value_enum, default_value_t = Scale::Region)]
        scale: Scale,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of member rows to write (default: the scale's own number).
        #[arg(long)]
        count: Option<usize>,
        /// Folder to write units.csv and members.csv into.
        #[arg(long, default_value = ".")]
        out_dir: PathBuf,
    },
    /// Import units or members from a CSV file (UTF-8, with or without BOM). All or nothing unless --skip-invalid.
    #[command(subcommand)]
    Import(ImportWhat),
    /// Apply a file of commands, one JSON object per line (see docs/commands.md). All or nothing.
    Apply { file: PathBuf },
    /// Read the journal.
    #[command(subcommand)]
    Journal(JournalWhat),
    /// Count ballots from a BLT or CSV file (the bulletin board's recount tool). Exit 2 on malformed input.
    Tally(TallyArgs),
    /// Check the journal's chain, replay it into an empty database and compare every table.
    ///
    /// Exit 0 when all holds; exit 1 naming the first bad journal entry, or the table and row that differ.
    Verify {
        /// A chain head published earlier (`SEQ:HASH`, from `mandat journal head`, the portal or
        /// minutes). Catches a journal rewritten and re-hashed after that head was published.
        #[arg(long = "anchor", value_name = "SEQ:HASH")]
        anchors: Vec<mandat_core::journal::Anchor>,
        /// The ballot box's public key (64 hex characters, as `mandat poll key` printed it and
        /// the portal publishes it): every checkpoint's signature and key id is checked, and
        /// every sealed box must be covered by a checkpoint signed with it.
        #[arg(long, value_name = "HEX")]
        public_key: Option<String>,
    },
    /// After installing a newer mandat: fill what it records beside rows written by an older one
    /// (list events, failed meetings' reasons and SMS notices as data), from a replay of the
    /// journal, so that documents show them in the reader's language. The journal is not touched;
    /// run it once, then `mandat verify`.
    Upgrade,
    /// Check a voter's receipt.
    #[command(subcommand)]
    Receipt(ReceiptWhat),
    /// Write a meeting's minutes (протокол) as PDF, or as HTML when FILE ends in .html; with
    /// --all, the minutes of every closed or failed meeting into --out-dir.
    Minutes {
        #[arg(required_unless_present = "all")]
        meeting: Option<mandat_core::Code>,
        #[arg(long, required_unless_present = "all")]
        out: Option<PathBuf>,
        #[arg(long, conflicts_with_all = ["meeting", "out"], requires = "out_dir")]
        all: bool,
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// Attach the hand-signed scan of a closed meeting's minutes (PDF, JPEG or PNG): the file is
    /// stored and its SHA-256 journaled; the minutes then name it, and the site serves it.
    SignedMinutes {
        meeting: mandat_core::Code,
        file: PathBuf,
        /// Who attaches it (recorded in the journal); defaults to `cli:$USER`.
        #[arg(long)]
        actor: Option<String>,
    },
    /// Print a conference's mandate cards (number, name, unit, QR code for check-in) as PDF.
    Mandates {
        meeting: mandat_core::Code,
        #[arg(long)]
        out: PathBuf,
    },
    /// Progress of the meetings ladder under a unit: meetings held / failed / open, delegates.
    Status {
        /// The unit (default: the root of the tree).
        unit: Option<mandat_core::Code>,
        /// The campaign (default: the only one).
        #[arg(long)]
        campaign: Option<mandat_core::Code>,
        #[arg(long)]
        json: bool,
    },
    /// Polls of the primaries and rating votes: checkpoints, close and count, results, the board.
    #[command(subcommand)]
    Poll(PollWhat),
    /// Party lists: show one, export it (CSV, PDF, HTML, the election commission's file), or
    /// write every list of a campaign.
    #[command(subcommand)]
    List(ListWhat),
    /// Staff accounts (admins and organizers, each scoped to a unit and everything under it): add
    /// one or reset its secrets (the one-time password and the authenticator's `otpauth://` URI
    /// are printed once), or disable it. Needs the site secret.
    #[command(subcommand)]
    Account(AccountWhat),
    /// Role grants to people in the registry, by IIN: secretary, counting commission,
    /// registration desk or observer, for a unit, a meeting or a poll (a meeting's or poll's
    /// grant lapses when it closes). Add, revoke, list.
    #[command(subcommand)]
    Grant(GrantWhat),
    /// Notices by SMS to a conference's delegates: the convocation (time, venue, livestream,
    /// how to check in) or the reminder on the day, each sent to a delegate at most once,
    /// through the sender the sign-in codes use (--sms-outbox FILE or --sms-gateway URL).
    #[command(subcommand)]
    Notices(NoticesWhat),
    /// Check a participant in at the registration desk: by the card's QR code, by mandate number
    /// (after checking an ID), or by IIN at a PPO meeting.
    CheckIn {
        meeting: mandat_core::Code,
        /// The text read from the card's QR code.
        #[arg(long, conflicts_with_all = ["mandate", "iin"])]
        qr: Option<String>,
        #[arg(long, conflicts_with = "iin")]
        mandate: Option<u32>,
        #[arg(long)]
        iin: Option<mandat_core::Iin>,
        /// The participant attends remotely (hybrid meeting).
        #[arg(long)]
        remote: bool,
        /// Who is at the desk (recorded in the journal); defaults to `cli:$USER`.
        #[arg(long)]
        actor: Option<String>,
    },
}

#[derive(Subcommand)]
enum PollWhat {
    /// Check the ballot box against the journal now (the server does this every minute while a
    /// poll is open) and print the latest signed checkpoint. Exit 1 with an alarm when the box
    /// no longer matches the journal.
    Checkpoint { poll: mandat_core::Code },
    /// Close the poll (if open), seal its ballot box into the journal and count it.
    Close {
        poll: mandat_core::Code,
        /// Why, when closing before the scheduled close.
        #[arg(long, default_value = "")]
        reason: String,
        /// The seed committed (by its hash) before the close, to break ties by lot.
        #[arg(long)]
        lot_seed: Option<String>,
        /// Youth rating: younger than this on election day (29 in law, 35 in the party's 2020 rule).
        #[arg(long, default_value_t = 35)]
        youth_age: u16,
        /// Who closes (recorded in the journal); defaults to `cli:$USER`.
        #[arg(long)]
        actor: Option<String>,
    },
    /// List the members marked twice (online and at a station, or at two stations) and the
    /// counting commission's resolution of each; the count waits until every one is resolved.
    Conflicts {
        poll: mandat_core::Code,
        #[arg(long)]
        json: bool,
    },
    /// Print a counted poll's ranking (or, with --json, its outcome and ratings).
    Result {
        poll: mandat_core::Code,
        #[arg(long)]
        json: bool,
    },
    /// Write the bulletin board of a counted poll as JSON and its ballots as BLT for `mandat tally`.
    Board {
        poll: mandat_core::Code,
        #[arg(long)]
        json: Option<PathBuf>,
        #[arg(long)]
        blt: Option<PathBuf>,
    },
    /// Print the public key that signs receipts and checkpoints (publish it before the vote).
    Key,
    /// Share a list's places (default: its seats) among the branches under its electorate by
    /// active membership, with two debaters per place for the branch conferences' rating votes.
    Quotas {
        #[arg(long)]
        campaign: mandat_core::Code,
        target: mandat_core::Code,
        #[arg(long)]
        places: Option<u32>,
        /// largest-remainder, dhondt or sainte-lague.
        #[arg(long, default_value = "largest-remainder")]
        method: mandat_core::count::Apportionment,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ReceiptWhat {
    /// Check a receipt file (as saved from the voting page or API): the server's signature, then
    /// the ballot on the bulletin board after the count, or under the latest signed checkpoint
    /// with its inclusion proof while the poll runs. Exit 1 when any check fails.
    Check {
        file: PathBuf,
        /// The ballot box's public key (default: the key of this node's signing key file).
        #[arg(long, value_name = "HEX")]
        public_key: Option<String>,
    },
}

#[derive(Subcommand)]
enum ListWhat {
    /// Print a list: status, places and names, the rules it breaks (or, with --json, the whole
    /// sheet without IINs).
    Show {
        campaign: mandat_core::Code,
        target: mandat_core::Code,
        #[arg(long)]
        json: bool,
    },
    /// Write a list as CSV (UTF-8 with BOM for Excel), PDF or HTML, or the election commission's
    /// CSV with IINs (approved lists only; owner-only file, FILE.manifest.json beside it).
    Export {
        campaign: mandat_core::Code,
        target: mandat_core::Code,
        #[arg(long, value_enum)]
        format: ListFormat,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write every list of a campaign into --out-dir as TARGET.LANG.csv and TARGET.LANG.pdf.
    All {
        campaign: mandat_core::Code,
        #[arg(long)]
        out_dir: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Csv,
    Pdf,
    Html,
    Commission,
}

impl From<ListFormat> for lists::Format {
    fn from(f: ListFormat) -> Self {
        match f {
            ListFormat::Csv => Self::Csv,
            ListFormat::Pdf => Self::Pdf,
            ListFormat::Html => Self::Html,
            ListFormat::Commission => Self::Commission,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Language {
    Ru,
    Kk,
    En,
}

impl From<Language> for mandat_core::Lang {
    fn from(l: Language) -> Self {
        match l {
            Language::Ru => Self::Ru,
            Language::Kk => Self::Kk,
            Language::En => Self::En,
        }
    }
}

#[derive(clap::Args)]
struct TallyArgs {
    /// A ballot file: BLT (`=` joins equal preferences), or CSV when the name ends in .csv
    /// (a header of candidate names; each row a ballot with a rank per candidate, empty = unranked).
    file: PathBuf,
    /// plurality, approval, approval:K (choose up to K), borda, schulze, irv, stv.
    #[arg(long)]
    method: String,
    /// Seats to fill (default: the BLT file's own number; 1 for CSV).
    #[arg(long)]
    seats: Option<usize>,
    /// Print one JSON object: method, seats, winners, ranking, rounds, ties, detail.
    #[arg(long)]
    json: bool,
    /// Break remaining ties by lot from this seed (published before the close) instead of by
    /// candidate order in the file.
    #[arg(long)]
    tie_seed: Option<String>,
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Units: columns code,parent,kind,name_ru,name_kk,name_en (kind: central, region, district, city, primary).
    Units(ImportArgs),
    /// Members: columns iin,full_name,phone,unit,joined_on (joined_on as YYYY-MM-DD; unit: a PPO code).
    Members(ImportArgs),
}

#[derive(clap::Args)]
struct ImportArgs {
    file: PathBuf,
    /// Apply the good rows and write the bad ones, with the reason, to FILE.rejects.csv.
    #[arg(long)]
    skip_invalid: bool,
    /// Who is importing (recorded in the journal); defaults to `cli:$USER`.
    #[arg(long)]
    actor: Option<String>,
    /// When the rows took effect (RFC 3339, e.g. 2020-08-01T09:00:00+05:00); defaults to now.
    #[arg(long)]
    held_at: Option<jiff::Timestamp>,
}

#[derive(Subcommand)]
enum AccountWhat {
    /// Add an account (journaled, without any secret) and print its one-time password and TOTP URI.
    Add {
        login: mandat_core::staff::Login,
        /// admin or organizer.
        #[arg(long)]
        role: mandat_core::staff::StaffRole,
        /// The unit it acts for, with everything under it.
        #[arg(long)]
        unit: mandat_core::Code,
        /// Who adds it (recorded in the journal); defaults to `cli:$USER`.
        #[arg(long)]
        actor: Option<String>,
    },
    /// New password and TOTP secret for an account, printed once; its sessions end and its
    /// failed attempts are forgotten (not journaled: secrets never are).
    Reset { login: mandat_core::staff::Login },
    /// Disable an account for good: it signs in no more and its sessions end.
    Disable {
        login: mandat_core::staff::Login,
        #[arg(long)]
        reason: String,
        /// Who disables it (recorded in the journal); defaults to `cli:$USER`.
        #[arg(long)]
        actor: Option<String>,
    },
}

/// Where a grant applies: exactly one of a unit, a meeting or a poll.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
struct GrantScopeArgs {
    #[arg(long)]
    unit: Option<mandat_core::Code>,
    #[arg(long)]
    meeting: Option<mandat_core::Code>,
    #[arg(long)]
    poll: Option<mandat_core::Code>,
}

impl From<GrantScopeArgs> for staff::Scope {
    fn from(a: GrantScopeArgs) -> staff::Scope {
        staff::Scope {
            unit: a.unit,
            meeting: a.meeting,
            poll: a.poll,
        }
    }
}

#[derive(Subcommand)]
enum GrantWhat {
    /// Grant a role to a person in the registry.
    Add {
        iin: mandat_core::Iin,
        /// secretary, counting_commission, registration_desk or observer.
        #[arg(long)]
        role: mandat_core::staff::GrantedRole,
        #[command(flatten)]
        scope: GrantScopeArgs,
        /// Who grants it (recorded in the journal); defaults to `cli:$USER`.
        #[arg(long)]
        actor: Option<String>,
    },
    /// Revoke a grant before its meeting or poll closes.
    Revoke {
        iin: mandat_core::Iin,
        #[arg(long)]
        role: mandat_core::staff::GrantedRole,
        #[command(flatten)]
        scope: GrantScopeArgs,
        #[arg(long)]
        reason: String,
        /// Who revokes it (recorded in the journal); defaults to `cli:$USER`.
        #[arg(long)]
        actor: Option<String>,
    },
    /// List the grants (IINs masked), lapsed ones marked with the status that ended them.
    List {
        /// Only this person's grants.
        #[arg(long)]
        iin: Option<mandat_core::Iin>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum JournalWhat {
    /// Write the journal as JSON lines: seq, recorded_at, actor, command, prev_hash, hash.
    ///
    /// The journal carries personal data (IINs, phone numbers, names): the file is created readable
    /// by its owner only. Keep it like a members list.
    Export {
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the chain head as SEQ:HASH (publish it; check later with `mandat verify --anchor`).
    Head,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DemoPart {
    All,
    Registry,
    Primaries,
    Ladder,
}

/// What to tell about a demo already built.
#[derive(Subcommand)]
enum DemoAbout {
    /// Whom to sign in as: members on the roll of an open poll who have not voted yet.
    Accounts {
        /// As JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// The current six-digit code of a demo staff account's authenticator (instead of an app).
    Totp {
        /// The account's login (`admin`, `organizer-alm`).
        account: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Scale {
    /// The Almaty region of 2020: 20 branches, about 225 PPOs, about 42,000 members.
    Region,
    /// 20 regions, about 202 branches, 4,500 PPOs, 835,000 members.
    National,
}

impl From<Scale> for mandat_demo::Scale {
    fn from(s: Scale) -> Self {
        match s {
            Scale::Region => mandat_demo::Scale::Region,
            Scale::National => mandat_demo::Scale::National,
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MANDAT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let lang = cli.lang.map_or(mandat_core::Lang::Ru, Into::into);
    // Batch commands run on one thread: sqlx's SQLite worker hands rows over one by one, and a
    // second async worker thread only adds wake-ups. The server gets the multi-threaded runtime.
    let runtime = if matches!(cli.command, Command::Serve { .. }) {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    };
    let runtime = match runtime {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(lang),
    }
}

async fn run(cli: Cli) -> Result<(), Failure> {
    let db = cli.db;
    // Documents follow the same language as messages (`--lang`, or MANDAT_LANG).
    let chosen_lang: Option<mandat_core::Lang> = cli.lang.map(Into::into);
    let lang = chosen_lang.unwrap_or(mandat_core::Lang::Ru);
    words::choose(lang);
    let key_files = keys::KeyFiles {
        secret: &cli.secret_file,
        signing: &cli.signing_key_file,
    };
    match cli.command {
        Command::Init => keys::init(key_files, lang),
        Command::Serve {
            listen,
            demo,
            ballot_batch,
            ballot_wait_ms,
            checkpoint_step,
            sign_in,
            live,
            header_timeout_secs,
            request_timeout_secs,
            max_in_flight,
            max_body_bytes,
            rate_per_address,
            burst_per_address,
        } => {
            let batching = serve::Batching {
                min_batch: ballot_batch,
                max_wait: std::time::Duration::from_millis(ballot_wait_ms),
                publication: mandat_core::ballot::Publication::with_step(checkpoint_step).map_err(
                    |e| Failure::said("bad-checkpoint-step", vec![("error", e.to_string().into())]),
                )?,
            };
            if demo {
                keys::make_for_demo(key_files, "serve --demo", lang)?;
            }
            let edge = mandat_web::EdgeLimits {
                header_read_timeout: std::time::Duration::from_secs(header_timeout_secs),
                request_timeout: std::time::Duration::from_secs(request_timeout_secs),
                max_in_flight,
                max_body_bytes,
                per_address_rate: rate_per_address,
                per_address_burst: burst_per_address,
                ..mandat_web::EdgeLimits::default()
            };
            let demo = match (demo, live) {
                (false, _) => serve::Demo::Off,
                (true, false) => serve::Demo::Finished,
                (true, true) => serve::Demo::Live,
            };
            serve::run(&db, &listen, demo, key_files, batching, sign_in, edge).await
        }
        Command::Demo {
            scale,
            seed,
            part,
            turnout,
            stages,
            about,
        } => {
            if let Some(DemoAbout::Totp { account }) = &about {
                println!("{}", demo::totp_now(account)?);
                return Ok(());
            }
            if let Some(DemoAbout::Accounts { json }) = about {
                let store = open(&db).await?;
                let accounts = demo::accounts(&store).await?;
                store.close().await;
                if json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&accounts)
                            .map_err(|e| Failure::Internal(e.to_string()))?
                    );
                } else {
                    for voter in &accounts.members {
                        println!("{}  {}  ({})", voter.iin, voter.name, voter.poll);
                    }
                    for account in &accounts.staff {
                        println!(
                            "{} ({} {}): {}  {}",
                            account.login,
                            account.role,
                            account.unit,
                            account.password,
                            account.totp_uri
                        );
                    }
                    for grant in &accounts.grants {
                        println!(
                            "{}  {}: {} {}",
                            grant.iin, grant.name, grant.role, grant.scope
                        );
                    }
                }
                return Ok(());
            }
            if turnout > 1000 {
                return Err(Failure::said(
                    "bad-turnout",
                    vec![("turnout", turnout.into())],
                ));
            }
            keys::make_for_demo(key_files, "demo", lang)?;
            let key = keys::signing_key(key_files.signing)?;
            let stage_log = match &stages {
                Some(path) => demo::StageLog::to_file(path)?,
                None => demo::StageLog::none(),
            };
            let store = open(&db).await?;
            demo::build(&store, scale.into(), seed, part, turnout, &key, &stage_log).await?;
            store.close().await;
            Ok(())
        }
        Command::DemoFiles {
            scale,
            seed,
            count,
            out_dir,
        } => demo::write_files(scale.into(), seed, count, &out_dir),
        Command::Import(what) => {
            let store = open(&db).await?;
            let result = match what {
                ImportWhat::Units(args) => {
                    import::run(&store, import::Kind::Units, &args.options(lang)).await
                }
                ImportWhat::Members(args) => {
                    import::run(&store, import::Kind::Members, &args.options(lang)).await
                }
            };
            store.close().await;
            result
        }
        Command::Apply { file } => {
            let store = open(&db).await?;
            let result = apply::run(&store, &file).await;
            store.close().await;
            result
        }
        Command::Journal(JournalWhat::Export { out }) => {
            let store = open(&db).await?;
            journal::export(&store, out.as_deref()).await
        }
        Command::Journal(JournalWhat::Head) => {
            let store = open(&db).await?;
            println!("{}", store.head().await.map_err(Failure::store)?);
            Ok(())
        }
        Command::Tally(args) => tally::run(&tally::Options {
            file: &args.file,
            method: &args.method,
            seats: args.seats,
            json: args.json,
            tie_seed: args.tie_seed.as_deref(),
        }),
        Command::Verify {
            anchors,
            public_key,
        } => {
            let store = open(&db).await?;
            journal::verify(&store, &anchors, public_key.as_deref()).await
        }
        Command::Upgrade => {
            let store = open(&db).await?;
            let result = journal::upgrade(&store, lang).await;
            store.close().await;
            result
        }
        Command::Receipt(ReceiptWhat::Check { file, public_key }) => {
            let public_key = match public_key {
                Some(k) => k,
                None => keys::signing_key(key_files.signing)?.public_hex(),
            };
            let store = open(&db).await?;
            let result = polls::check_receipt(&store, &file, public_key.trim()).await;
            store.close().await;
            result
        }
        Command::Minutes {
            meeting,
            out,
            out_dir,
            ..
        } => {
            let store = open(&db).await?;
            match (meeting, out, out_dir) {
                (Some(meeting), Some(out), _) => {
                    meetings::minutes(&mandat_app::App::new(store.clone()), &meeting, lang, &out)
                        .await
                }
                (_, _, Some(dir)) => {
                    meetings::minutes_all(&mandat_app::App::new(store.clone()), lang, &dir).await
                }
                _ => Err(Failure::said("minutes-what", Vec::new())),
            }
        }
        Command::SignedMinutes {
            meeting,
            file,
            actor,
        } => {
            let store = open(&db).await?;
            meetings::attach_signed_minutes(
                &mandat_app::App::new(store),
                &meeting,
                &file,
                &actor.unwrap_or_else(default_actor),
            )
            .await
        }
        Command::Mandates { meeting, out } => {
            let secret = keys::site_secret(key_files.secret)?;
            let store = open(&db).await?;
            meetings::mandates(
                &mandat_app::App::new(store.clone()),
                &secret,
                &meeting,
                lang,
                &out,
            )
            .await
        }
        Command::Status {
            unit,
            campaign,
            json,
        } => {
            let store = open(&db).await?;
            meetings::status(
                &mandat_app::App::new(store.clone()),
                unit.as_ref(),
                campaign.as_ref(),
                json,
            )
            .await
        }
        Command::Poll(what) => {
            if let PollWhat::Key = what {
                polls::print_key(&keys::signing_key(key_files.signing)?);
                return Ok(());
            }
            let store = open(&db).await?;
            let result = match what {
                PollWhat::Checkpoint { poll } => {
                    polls::checkpoint(&mandat_app::App::new(store.clone()), &poll).await
                }
                PollWhat::Close {
                    poll,
                    reason,
                    lot_seed,
                    youth_age,
                    actor,
                } => {
                    let key = keys::signing_key(key_files.signing)?;
                    polls::close(
                        &store,
                        &poll,
                        actor.unwrap_or_else(default_actor),
                        &reason,
                        lot_seed,
                        youth_age,
                        &key,
                    )
                    .await
                }
                PollWhat::Conflicts { poll, json } => {
                    polls::conflicts(&mandat_app::App::new(store.clone()), &poll, json).await
                }
                PollWhat::Result { poll, json } => {
                    polls::result(&mandat_app::App::new(store.clone()), &poll, json).await
                }
                PollWhat::Board { poll, json, blt } => {
                    polls::board(
                        &mandat_app::App::new(store.clone()),
                        &poll,
                        json.as_deref(),
                        blt.as_deref(),
                    )
                    .await
                }
                PollWhat::Quotas {
                    campaign,
                    target,
                    places,
                    method,
                    json,
                } => {
                    polls::quotas(
                        &mandat_app::App::new(store.clone()),
                        &campaign,
                        &target,
                        places,
                        method,
                        json,
                    )
                    .await
                }
                PollWhat::Key => Ok(()),
            };
            store.close().await;
            result
        }
        Command::List(what) => {
            let store = open(&db).await?;
            let result = match what {
                ListWhat::Show {
                    campaign,
                    target,
                    json,
                } => {
                    lists::show(
                        &mandat_app::App::new(store.clone()),
                        &campaign,
                        &target,
                        json,
                    )
                    .await
                }
                ListWhat::Export {
                    campaign,
                    target,
                    format,
                    out,
                } => {
                    let lang = chosen_lang;
                    lists::export(
                        &mandat_app::App::new(store.clone()),
                        &campaign,
                        &target,
                        format.into(),
                        lang,
                        &out,
                    )
                    .await
                }
                ListWhat::All { campaign, out_dir } => {
                    lists::all(
                        &mandat_app::App::new(store.clone()),
                        &campaign,
                        lang,
                        &out_dir,
                    )
                    .await
                }
            };
            store.close().await;
            result
        }
        Command::Account(what) => {
            let store = open(&db).await?;
            let app = mandat_app::App::new(store.clone());
            let result = match what {
                AccountWhat::Add {
                    login,
                    role,
                    unit,
                    actor,
                } => {
                    let app = app.with_token_key(keys::token_key(key_files.secret)?);
                    staff::add(
                        &app,
                        login,
                        role,
                        unit,
                        &actor.unwrap_or_else(default_actor),
                    )
                    .await
                }
                AccountWhat::Reset { login } => {
                    let app = app.with_token_key(keys::token_key(key_files.secret)?);
                    staff::reset(&app, login).await
                }
                AccountWhat::Disable {
                    login,
                    reason,
                    actor,
                } => {
                    staff::disable(&app, login, reason, &actor.unwrap_or_else(default_actor)).await
                }
            };
            store.close().await;
            result
        }
        Command::Grant(what) => {
            let store = open(&db).await?;
            let app = mandat_app::App::new(store.clone());
            let result = match what {
                GrantWhat::Add {
                    iin,
                    role,
                    scope,
                    actor,
                } => {
                    staff::grant(
                        &app,
                        iin,
                        role,
                        scope.into(),
                        &actor.unwrap_or_else(default_actor),
                    )
                    .await
                }
                GrantWhat::Revoke {
                    iin,
                    role,
                    scope,
                    reason,
                    actor,
                } => {
                    staff::revoke(
                        &app,
                        iin,
                        role,
                        scope.into(),
                        reason,
                        &actor.unwrap_or_else(default_actor),
                    )
                    .await
                }
                GrantWhat::List { iin, json } => staff::list(&app, iin, json).await,
            };
            store.close().await;
            result
        }
        Command::CheckIn {
            meeting,
            qr,
            mandate,
            iin,
            remote,
            actor,
        } => {
            let credential = match (qr, mandate, iin) {
                (Some(q), _, _) => mandat_app::Credential::Qr(q),
                (_, Some(n), _) => mandat_app::Credential::Mandate(n),
                (_, _, Some(i)) => mandat_app::Credential::Iin(i),
                _ => {
                    return Err(Failure::said("check-in-who", Vec::new()));
                }
            };
            // The desk needs the site secret: to check a QR code, and to store the e-vote code
            // it hands out under the token key.
            let secret = keys::site_secret(key_files.secret)?;
            let store = open(&db).await?;
            meetings::check_in(
                &store,
                &secret,
                &meeting,
                credential,
                remote,
                actor.unwrap_or_else(default_actor),
            )
            .await
        }
        Command::Notices(NoticesWhat::Send { meeting, kind, sms }) => {
            let kind = match kind {
                NoticeKind::Convocation => mandat_core::notice::DelegateNoticeKind::Convocation,
                NoticeKind::Reminder => mandat_core::notice::DelegateNoticeKind::Reminder,
            };
            let store = open(&db).await?;
            let result = notices::send(&store, &meeting, kind, &sms).await;
            store.close().await;
            result
        }
    }
}

#[derive(Subcommand)]
enum NoticesWhat {
    /// Send the notice of KIND to every delegate of the conference who has not had it yet.
    Send {
        #[arg(long)]
        meeting: mandat_core::Code,
        #[arg(long, value_enum)]
        kind: NoticeKind,
        #[command(flatten)]
        sms: serve::SignInArgs,
    },
}

/// The notices a delegate gets.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum NoticeKind {
    /// The convocation: when and where, the livestream, how to check in.
    Convocation,
    /// The reminder on the conference's day.
    Reminder,
}

impl ImportArgs {
    fn options(self, lang: mandat_core::Lang) -> import::Options {
        import::Options {
            file: self.file,
            skip_invalid: self.skip_invalid,
            actor: self.actor,
            held_at: self.held_at,
            lang,
        }
    }
}

async fn open(db: &str) -> Result<mandat_store::Store, Failure> {
    mandat_store::Store::open(db).await.map_err(Failure::store)
}

/// Milliseconds since the epoch: the journal's `recorded_at`.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// The default actor for commands given at this terminal.
pub fn default_actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}
