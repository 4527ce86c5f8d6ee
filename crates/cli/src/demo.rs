//! `mandat demo` and `mandat demo-files`: the generated Almaty-region or national record.

use crate::DemoPart;
use crate::failure::Failure;
use mandat_core::Envelope;
use mandat_core::ballot::ServerKey;
use mandat_demo::Scale;
use mandat_store::{Cast, Pending, Store};
use std::path::Path;

const CHUNK: usize = 5000;

/// Where the demo writes one JSON line per stage (`mandat demo --stages FILE`): what a benchmark
/// reads, since the summaries on stderr are translated sentences.
#[derive(Default)]
pub struct StageLog {
    file: Option<std::sync::Mutex<std::fs::File>>,
}

impl StageLog {
    /// A log that writes nothing.
    pub fn none() -> StageLog {
        StageLog::default()
    }

    /// A log into `path`, created empty.
    pub fn to_file(path: &Path) -> Result<StageLog, Failure> {
        let file = std::fs::File::create(path)
            .map_err(|e| Failure::io(&format!("{}: cannot create", path.display()), e))?;
        Ok(StageLog {
            file: Some(std::sync::Mutex::new(file)),
        })
    }

    /// Appends `{"stage": stage, "seconds": …, …figures}`.
    fn record(
        &self,
        stage: &str,
        started: std::time::Instant,
        figures: &[(&str, serde_json::Value)],
    ) -> Result<(), Failure> {
        use std::io::Write;
        let Some(file) = &self.file else {
            return Ok(());
        };
        let mut line = serde_json::Map::new();
        line.insert("stage".into(), stage.into());
        let seconds = (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
        line.insert("seconds".into(), seconds.into());
        for (name, value) in figures {
            line.insert((*name).into(), value.clone());
        }
        let mut file = file
            .lock()
            .map_err(|_| Failure::Internal("the demo's stage log was poisoned".into()))?;
        writeln!(file, "{}", serde_json::Value::Object(line))
            .map_err(|e| Failure::io("writing the demo's stage log", e))
    }
}

/// Builds the demo: the registry into an empty database, the primaries of August–October 2020
/// (with `turnout_permille` of each roll voting), then the ladder of November with the party
/// lists, in three steps: the list rules and the meetings up to the regional conference's lists
/// (the district lists are approved at their conferences), then the conferences' rating ballots
/// and the count of every rating poll, then the regional lists (drafted from those counts), the
/// rest of the ladder and the withdrawals of December. Each stage commits on its own; each
/// command is recorded a minute after it took effect, as if typed in on the day, so that the
/// entry deadlines of 2020 hold. Ballots go through the real ballot box.
pub async fn build(
    store: &Store,
    scale: Scale,
    seed: u64,
    part: DemoPart,
    turnout_permille: u32,
    key: &ServerKey,
    stages: &StageLog,
) -> Result<(), Failure> {
    let head = store.head().await.map_err(Failure::store)?;
    let onto_registry = matches!(part, DemoPart::Ladder | DemoPart::Primaries);
    if onto_registry {
        if head.seq == 0 {
            return Err(Failure::said("demo-needs-registry", Vec::new()));
        }
    } else if head.seq > 0 {
        return Err(Failure::said(
            "demo-needs-empty-database",
            vec![
                ("db", store.display_url().into()),
                ("entries", head.seq.into()),
            ],
        ));
    }
    if matches!(part, DemoPart::All | DemoPart::Registry) {
        apply(
            store,
            "registry",
            mandat_demo::commands(scale, seed),
            stages,
        )
        .await?;
    }
    let planning = std::time::Instant::now();
    let plan = matches!(part, DemoPart::All | DemoPart::Primaries)
        .then(|| mandat_demo::primaries_plan(scale, seed, turnout_permille));
    // The ladder with the conferences' rating votes and the party lists: they rate and draft
    // from the primaries' candidates, so they come only with the whole demo (`--part ladder`
    // alone builds the meetings onto a registry without primaries, as the ladder benchmark does).
    let conferences = match (&plan, part) {
        (Some(plan), DemoPart::All) => Some(
            mandat_demo::conference_plan(scale, seed, plan).map_err(|e| {
                Failure::Internal(format!(
                    "the demo's conferences and lists do not fit together ({e}); please report this"
                ))
            })?,
        ),
        _ => None,
    };
    if let Some(plan) = &plan {
        stages.record(
            "plan",
            planning,
            &[("online_ballots", plan.casts.len().into())],
        )?;
    }
    if let Some(plan) = plan {
        primaries(store, plan, key, stages).await?;
    }
    if part == DemoPart::Ladder {
        apply(
            store,
            "ladder",
            mandat_demo::ladder_commands(scale, seed),
            stages,
        )
        .await?;
    }
    if let Some(conferences) = conferences {
        let started = std::time::Instant::now();
        let mandat_demo::ConferencePlan {
            before_count,
            casts,
            count,
            after_count,
            lists,
        } = conferences;
        apply(store, "ladder-before-count", before_count, stages).await?;
        rating_votes(store, casts, &count, key, stages).await?;
        apply(store, "ladder-after-count", after_count, stages).await?;
        let reading = std::time::Instant::now();
        // The summary reads the lists back from the record, not from the plan.
        let recorded = store.party_lists(None).await.map_err(Failure::store)?;
        let approved = recorded
            .iter()
            .filter(|l| matches!(l.status, mandat_core::lists::ListStatus::Approved { .. }))
            .count();
        let names: usize = recorded.iter().map(|l| l.entries.len()).sum();
        let displaced = recorded
            .iter()
            .filter(|l| !l.displacements.is_empty())
            .count();
        let displacements: usize = recorded.iter().map(|l| l.displacements.len()).sum();
        let left: usize = recorded.iter().map(|l| l.removed.len()).sum();
        eprintln!(
            "{}",
            crate::words::say(
                "demo-lists",
                &[
                    ("approved", approved.into()),
                    ("lists", recorded.len().into()),
                    ("names", names.into()),
                    ("displacements", displacements.into()),
                    ("displaced", displaced.into()),
                    ("left", left.into()),
                    ("planned", lists.withdrawals.len().into()),
                    (
                        "seconds",
                        format!("{:.1}", started.elapsed().as_secs_f64()).into()
                    ),
                ],
            )
        );
        // Only the reading back: the stages before it have their own lines.
        stages.record(
            "lists-read-back",
            reading,
            &[
                ("lists", recorded.len().into()),
                ("approved", approved.into()),
                ("names", names.into()),
            ],
        )?;
    }
    Ok(())
}

/// The conferences' rating votes: the delegates' ballots through the ballot box in time order,
/// then the close and count of every rating poll.
async fn rating_votes(
    store: &Store,
    casts: Vec<mandat_demo::DemoCast>,
    count: &[(mandat_core::Code, jiff::Timestamp)],
    key: &ServerKey,
    stages: &StageLog,
) -> Result<(), Failure> {
    if count.is_empty() {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut ballots = 0usize;
    // A batch is cast at its last ballot's time, so it ends before the first of its polls closes
    // (each is counted a minute after its close).
    let closes: std::collections::HashMap<&mandat_core::Code, jiff::Timestamp> = count
        .iter()
        .map(|(poll, at)| (poll, *at - jiff::SignedDuration::from_mins(1)))
        .collect();
    let mut casts = casts.into_iter().peekable();
    while casts.peek().is_some() {
        let mut batch: Vec<mandat_demo::DemoCast> = Vec::new();
        let mut first_close: Option<jiff::Timestamp> = None;
        while let Some(c) = casts.next_if(|c| {
            batch.len() < DEMO_BALLOT_BATCH && first_close.is_none_or(|close| c.at < close)
        }) {
            if let Some(close) = closes.get(&c.poll) {
                first_close = Some(first_close.map_or(*close, |f| f.min(*close)));
            }
            batch.push(c);
        }
        let Some(now) = batch.last().map(|c| c.at) else {
            continue;
        };
        ballots += cast(store, batch, key, now).await?;
    }
    for (poll, at) in count {
        store
            .close_and_count(
                poll,
                "counting-commission:rating",
                *at,
                "",
                None,
                35,
                key,
            )
            .await
            .map_err(Failure::store)?
            .map_err(|refused| {
                Failure::Internal(format!(
                    "the demo's rating poll {poll} could not be counted ({refused}); please report this"
                ))
            })?;
    }
    eprintln!(
        "{}",
        crate::words::say(
            "demo-rating-votes",
            &[
                ("polls", count.len().into()),
                ("ballots", ballots.into()),
                (
                    "seconds",
                    format!("{:.1}", started.elapsed().as_secs_f64()).into()
                ),
            ],
        )
    );
    stages.record(
        "rating-votes",
        started,
        &[("polls", count.len().into()), ("ballots", ballots.into())],
    )
}

/// Casts a batch of demo ballots with `now`; every one must be accepted.
async fn cast(
    store: &Store,
    batch: Vec<mandat_demo::DemoCast>,
    key: &ServerKey,
    now: jiff::Timestamp,
) -> Result<usize, Failure> {
    let mut to_cast = Vec::with_capacity(batch.len());
    for c in batch {
        // Random request keys and device nonces, as phones make them: nothing derived from the voter.
        to_cast.push(Cast {
            poll: c.poll,
            voter: c.voter,
            content: c.content,
            device_nonce: Some(random_hex()?.into_bytes()),
            request_key: random_hex()?,
        });
    }
    // Nobody is handed the demo's receipts: they are not signed.
    let answers = store
        .cast_batch_without_receipts(to_cast, key, now)
        .await
        .map_err(Failure::store)?;
    if let Some(other) = answers.iter().flatten().next() {
        return Err(Failure::Internal(format!(
            "the demo generator made a ballot the box refuses ({other:?}); please report this"
        )));
    }
    Ok(answers.len())
}

/// Applies generated commands in one transaction; `stage` names it in the catalogue
/// (`cli-demo-stage-{stage}`).
async fn apply(
    store: &Store,
    stage: &str,
    commands: impl IntoIterator<Item = Envelope>,
    stages: &StageLog,
) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    let mut batch = store.begin().await.map_err(Failure::store)?;
    let mut commands = commands.into_iter().peekable();
    let progress = crate::import::progress_bar(0);
    while commands.peek().is_some() {
        let chunk: Vec<Pending> = commands
            .by_ref()
            .take(CHUNK)
            .map(|e| {
                let recorded_at = e.held_at.as_millisecond() + 60_000;
                Pending::new(e, recorded_at)
            })
            .collect();
        let count = chunk.len() as u64;
        let names: Vec<&'static str> = chunk.iter().map(|p| p.envelope.command.name()).collect();
        let results = batch.push_chunk(chunk).await.map_err(Failure::store)?;
        if let Some((name, Err(refused))) = names.iter().zip(results).find(|(_, r)| r.is_err()) {
            return Err(Failure::Internal(format!(
                "the demo generator made a command the rules refuse ({name}: {refused}); please report this"
            )));
        }
        progress.inc(count);
    }
    progress.finish_and_clear();
    let accepted = batch.accepted();
    let head = batch.commit().await.map_err(Failure::store)?;
    // A station's single mark is not worth a line of its own.
    if accepted > 1 {
        eprintln!(
            "{}",
            crate::words::say(
                "demo-stage",
                &[
                    (
                        "stage",
                        crate::words::say(&format!("demo-stage-{stage}"), &[]).into()
                    ),
                    ("accepted", accepted.into()),
                    (
                        "seconds",
                        format!("{:.1}", started.elapsed().as_secs_f64()).into()
                    ),
                    ("head", format!("{}:{}", head.seq, head.hash).into()),
                ],
            )
        );
        stages.record(stage, started, &[("commands", accepted.into())])?;
    }
    Ok(())
}

/// Ballots per batch in the demo (the server's batches are smaller and held by time). Each poll
/// a batch touches costs its own statements and journal entry, and a batch in time order spans
/// every poll of the scale: 20,000 cast the region's primaries in 9.5 s instead of 17.2 s with
/// 2,000 (BENCHMARKS.md, 2026-12-07).
const DEMO_BALLOT_BATCH: usize = 20_000;

/// The primaries: nominations to polls, then the stations' marks and the online ballots in time
/// order through the ballot box, then the returns, the seal and the count of every poll.
async fn primaries(
    store: &Store,
    plan: mandat_demo::PrimariesPlan,
    key: &ServerKey,
    stages: &StageLog,
) -> Result<(), Failure> {
    let started = std::time::Instant::now();
    apply(store, "primaries-before-vote", plan.before_vote, stages).await?;
    let voting = std::time::Instant::now();
    let mut batches = 0usize;
    let mut stations = 0usize;
    let mut marks = plan.station_marks.into_iter().peekable();
    let mut casts = plan.casts.iter().peekable();
    let mut accepted = 0usize;
    let progress = crate::import::progress_bar(0);
    while casts.peek().is_some() || marks.peek().is_some() {
        let next_cast = casts.peek().map(|c| c.at);
        if let Some(mark) = marks.next_if(|m| next_cast.is_none_or(|at| m.held_at <= at)) {
            apply(store, "station", [mark], stages).await?;
            stations += 1;
            continue;
        }
        let mut batch = Vec::new();
        while let Some(c) = casts.next_if(|c| marks.peek().is_none_or(|m| m.held_at > c.at)) {
            batch.push(c);
            if batch.len() == DEMO_BALLOT_BATCH {
                break;
            }
        }
        let Some(now) = batch.last().map(|c| c.at) else {
            continue;
        };
        let count = batch.len() as u64;
        accepted += cast(store, batch, key, now).await?;
        batches += 1;
        progress.inc(count);
    }
    progress.finish_and_clear();
    stages.record(
        "primaries-ballots",
        voting,
        &[
            ("ballots", accepted.into()),
            ("batches", batches.into()),
            ("station_marks", stations.into()),
        ],
    )?;
    let voted = started.elapsed();
    apply(store, "primaries-after-close", plan.after_close, stages).await?;
    let counting = std::time::Instant::now();
    for (poll, at) in &plan.count {
        store
            .close_and_count(poll, "organizer:ALM", *at, "", None, 35, key)
            .await
            .map_err(Failure::store)?
            .map_err(|refused| {
                Failure::Internal(format!(
                    "the demo's poll {poll} could not be counted ({refused}); please report this"
                ))
            })?;
    }
    stages.record(
        "primaries-seal-and-count",
        counting,
        &[("polls", plan.count.len().into())],
    )?;
    eprintln!(
        "{}",
        crate::words::say(
            "demo-primaries",
            &[
                ("accepted", accepted.into()),
                ("voting", format!("{:.1}", voted.as_secs_f64()).into()),
                ("polls", plan.count.len().into()),
                (
                    "counting",
                    format!("{:.1}", (started.elapsed() - voted).as_secs_f64()).into()
                ),
            ],
        )
    );
    Ok(())
}

fn random_hex() -> Result<String, Failure> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Failure::Internal(format!("no random source: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

pub fn write_files(
    scale: Scale,
    seed: u64,
    count: Option<usize>,
    dir: &Path,
) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::io(&format!("{}: cannot create", dir.display()), e))?;
    let units_path = dir.join("units.csv");
    let members_path = dir.join("members.csv");
    let create = |p: &Path| {
        std::fs::File::create(p)
            .map(std::io::BufWriter::new)
            .map_err(|e| Failure::io(&format!("{}: cannot create", p.display()), e))
    };
    mandat_demo::write_units_csv(create(&units_path)?, scale, seed)
        .map_err(|e| Failure::io(&format!("{}: cannot write", units_path.display()), e))?;
    let count = count.unwrap_or_else(|| mandat_demo::member_commands(scale, seed).count());
    mandat_demo::write_members_csv(
        create(&members_path)?,
        mandat_demo::member_rows(scale, seed, count),
    )
    .map_err(|e| Failure::io(&format!("{}: cannot write", members_path.display()), e))?;
    eprintln!(
        "{}",
        crate::words::say(
            "demo-files",
            &[
                ("units", units_path.display().to_string().into()),
                ("members", members_path.display().to_string().into()),
                ("count", count.into()),
            ],
        )
    );
    Ok(())
}

/// Builds the demo on today's calendar (`mandat serve --demo --live`): the region's registry and
/// its primaries moved forward by whole days so that the members' polls are open `now`, with
/// the ballots of 2020 cast up to this hour of the second day, and nothing after: no close, no
/// count, no ladder. Members who have not voted can sign in and vote.
pub async fn build_live(
    store: &Store,
    seed: u64,
    turnout_permille: u32,
    key: &ServerKey,
    token_key: &mandat_core::token::TokenKey,
    now: jiff::Timestamp,
) -> Result<(), Failure> {
    let head = store.head().await.map_err(Failure::store)?;
    if head.seq > 0 {
        return Err(Failure::said(
            "demo-needs-empty-database",
            vec![
                ("db", store.display_url().into()),
                ("entries", head.seq.into()),
            ],
        ));
    }
    let shift = mandat_demo::live::Shift::to_today(now);
    let scale = Scale::Region;
    apply(
        store,
        "registry",
        mandat_demo::commands(scale, seed).filter_map(|e| shift.envelope(&e, now)),
        &StageLog::none(),
    )
    .await?;
    let plan = mandat_demo::primaries_plan(scale, seed, turnout_permille);
    apply(
        store,
        "primaries-before-vote",
        plan.before_vote
            .iter()
            .filter_map(|e| shift.envelope(e, now)),
        &StageLog::none(),
    )
    .await?;
    let mut casts = plan
        .casts
        .iter()
        .map(|mut c| {
            c.at = shift.instant(c.at);
            c
        })
        .filter(|c| c.at <= now)
        .peekable();
    let mut accepted = 0;
    while casts.peek().is_some() {
        let batch: Vec<_> = casts.by_ref().take(DEMO_BALLOT_BATCH).collect();
        let Some(at) = batch.last().map(|c| c.at) else {
            break;
        };
        accepted += cast(store, batch, key, at).await?;
    }
    eprintln!(
        "{}",
        crate::words::say(
            "demo-live",
            &[("days", shift.days().into()), ("accepted", accepted.into())],
        )
    );
    // A district conference of the rehearsal campaign opens half an hour from now, its
    // registration half done: the hall's pages have a meeting to run.
    let rehearsal = mandat_demo::rehearsal::rehearsal(seed, now).ok_or_else(|| {
        Failure::Internal(
            "the demo ladder has no conference to rehearse; please report this".into(),
        )
    })?;
    apply(
        store,
        "rehearsal",
        rehearsal.commands.iter().cloned(),
        &StageLog::none(),
    )
    .await?;
    staff(store, token_key, now, &rehearsal).await
}

/// Where a demo keeps its staff accounts' secrets, beside the database: a throwaway demo's
/// convenience (a real site shows them once, with `mandat account add`).
pub const DEMO_STAFF_FILE: &str = "mandat-demo-staff.json";

/// A demo's staff: its accounts with their one-time secrets, and the people holding grants.
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub struct DemoStaff {
    pub accounts: Vec<DemoAccount>,
    pub grants: Vec<DemoGrant>,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct DemoAccount {
    pub login: String,
    pub role: String,
    pub unit: String,
    pub password: String,
    pub totp_uri: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct DemoGrant {
    pub iin: String,
    pub name: String,
    pub role: String,
    pub scope: String,
}

/// The demo's staff: an admin of the central office, an organizer of the region, a counting
/// commission and an observer of the regional primaries poll, each made as an operator would.
async fn staff(
    store: &Store,
    token_key: &mandat_core::token::TokenKey,
    now: jiff::Timestamp,
    rehearsal: &mandat_demo::rehearsal::Rehearsal,
) -> Result<(), Failure> {
    use mandat_core::command::{AddAccount, GrantRole};
    use mandat_core::staff::{GrantedRole, StaffRole};
    let app = mandat_app::App::new(store.clone()).with_token_key(token_key.clone());
    let mut demo = DemoStaff::default();
    let code = |text: &str| {
        mandat_core::Code::parse(text).map_err(|e| Failure::Internal(format!("{text}: {e:?}")))
    };
    for (login, role, unit) in [
        ("admin", StaffRole::Admin, mandat_demo::CENTRAL),
        ("organizer-alm", StaffRole::Organizer, "ALM"),
    ] {
        let account = AddAccount {
            login: login
                .parse()
                .map_err(|e| Failure::Internal(format!("{login}: {e}")))?,
            role,
            unit: code(unit)?,
        };
        let (_, secrets) = app
            .add_account("demo", account, now)
            .await
            .map_err(Failure::app)?;
        demo.accounts.push(DemoAccount {
            login: login.to_owned(),
            role: role.as_str().to_owned(),
            unit: unit.to_owned(),
            password: secrets.password,
            totp_uri: secrets.totp_uri,
        });
    }
    let people = store.unvoted_sample(200).await.map_err(Failure::store)?;
    let poll = "ALM.mazhilis.primaries";
    for ((iin, name, _), role) in people
        .iter()
        .rev()
        .zip([GrantedRole::CountingCommission, GrantedRole::Observer])
    {
        let grant = GrantRole {
            role,
            iin: *iin,
            unit: None,
            meeting: None,
            poll: Some(code(poll)?),
        };
        app.submit("staff:organizer-alm", grant.into(), now, now)
            .await
            .map_err(Failure::app)?;
        demo.grants.push(DemoGrant {
            iin: iin.to_string(),
            name: name.clone(),
            role: role.as_str().to_owned(),
            scope: format!("poll:{poll}"),
        });
    }
    // The conference's secretary and the chair of its counting commission: two of its
    // delegates already in the hall, who sign in with IIN and code like any member.
    let conference = &rehearsal.conference;
    for (iin, role) in rehearsal
        .checked_in
        .iter()
        .zip([GrantedRole::Secretary, GrantedRole::CountingCommission])
    {
        let grant = GrantRole {
            role,
            iin: *iin,
            unit: None,
            meeting: Some(conference.clone()),
            poll: None,
        };
        app.submit("staff:organizer-alm", grant.into(), now, now)
            .await
            .map_err(Failure::app)?;
        let name = match store.contact(iin).await.map_err(Failure::store)? {
            Some(contact) => store
                .person(contact.member)
                .await
                .map_err(Failure::store)?
                .map(|p| p.full_name)
                .unwrap_or_default(),
            None => String::new(),
        };
        demo.grants.push(DemoGrant {
            iin: iin.to_string(),
            name,
            role: role.as_str().to_owned(),
            scope: format!("meeting:{conference}"),
        });
    }
    let text = serde_json::to_string_pretty(&demo).map_err(|e| Failure::Internal(e.to_string()))?;
    std::fs::write(DEMO_STAFF_FILE, text)
        .map_err(|e| Failure::io("writing the demo's staff accounts", e))?;
    Ok(())
}

/// The demo's staff as `build_live` wrote them, if this directory holds them.
pub fn demo_staff() -> DemoStaff {
    std::fs::read_to_string(DEMO_STAFF_FILE)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Whom a demo's visitors sign in as.
#[derive(serde::Serialize)]
pub struct DemoAccounts {
    /// Members on the roll of an open poll who have not voted yet.
    pub members: Vec<DemoVoter>,
    /// Staff accounts with their secrets (a live demo only, from `mandat-demo-staff.json`).
    pub staff: Vec<DemoAccount>,
    /// People holding granted roles; they sign in as members, with IIN and code.
    pub grants: Vec<DemoGrant>,
}

#[derive(serde::Serialize)]
pub struct DemoVoter {
    pub iin: String,
    pub name: String,
    pub poll: String,
}

/// The demo's accounts as the record holds them now.
pub async fn accounts(store: &Store) -> Result<DemoAccounts, Failure> {
    let sample = store.unvoted_sample(60).await.map_err(Failure::store)?;
    let mut members: Vec<DemoVoter> = Vec::new();
    for (iin, name, poll) in sample {
        if members.iter().any(|m| m.iin == iin.to_string()) {
            continue;
        }
        members.push(DemoVoter {
            iin: iin.to_string(),
            name,
            poll,
        });
        if members.len() == 5 {
            break;
        }
    }
    let DemoStaff { accounts, grants } = demo_staff();
    Ok(DemoAccounts {
        members,
        staff: accounts,
        grants,
    })
}

/// The current code of a demo staff account's authenticator.
pub fn totp_now(login: &str) -> Result<String, Failure> {
    let staff = demo_staff();
    let account = staff
        .accounts
        .iter()
        .find(|a| a.login == login)
        .ok_or_else(|| Failure::said("demo-no-account", vec![("login", login.into())]))?;
    let secret = mandat_app::totp_secret_of_uri(&account.totp_uri)
        .ok_or_else(|| Failure::Internal(format!("the demo's URI for {login} is damaged")))?;
    let parsed = login
        .parse()
        .map_err(|e| Failure::Internal(format!("{login}: {e}")))?;
    mandat_app::totp_code(&secret, &parsed, jiff::Timestamp::now()).map_err(Failure::app)
}
