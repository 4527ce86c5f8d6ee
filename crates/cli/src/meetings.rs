//! `mandat minutes`, `mandat mandates`, `mandat status` and `mandat check-in`: the meeting commands that need more than `apply`.

use crate::failure::Failure;
use mandat_core::meeting::card::card_payload;
use mandat_core::meeting::minutes_text::render;
use mandat_core::meeting::model::{MeetingKind, Presence};
use mandat_core::{Code, Lang};
use mandat_store::Store;
use std::path::Path;

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::io(&format!("{}: cannot write", path.display()), e))
}

/// Writes the minutes of a meeting as PDF, or as HTML when the file name ends in .html.
/// `mandat signed-minutes`: stores the scan and journals its hash; prints the hash and the entry.
pub async fn attach_signed_minutes(
    app: &mandat_app::App,
    meeting: &Code,
    file: &Path,
    actor: &str,
) -> Result<(), Failure> {
    let content = std::fs::read(file).map_err(|e| {
        Failure::said(
            "cannot-read",
            vec![
                ("file", file.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
        )
    })?;
    let receipt = app
        .attach_signed_minutes(meeting, actor, &content, jiff::Timestamp::now())
        .await
        .map_err(Failure::app)?;
    println!(
        "{}",
        crate::words::say(
            "signed-minutes",
            &[
                ("meeting", meeting.as_str().into()),
                ("sha256", mandat_store::scan_hash(&content).into()),
                ("size", (content.len() as u64).into()),
                ("seq", receipt.seq.into()),
            ],
        )
    );
    Ok(())
}

pub async fn minutes(
    app: &mandat_app::App,
    meeting: &Code,
    lang: Lang,
    out: &Path,
) -> Result<(), Failure> {
    let minutes = app.minutes(meeting).await.map_err(Failure::store)?;
    let document = render(&minutes, lang);
    let is_html = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if is_html {
        write_file(out, mandat_print::html(&document).as_bytes())?;
    } else {
        let pdf = mandat_print::pdf(&document)
            .map_err(|e| Failure::Internal(format!("cannot lay out the minutes: {e}")))?;
        write_file(out, &pdf)?;
    }
    eprintln!(
        "{}",
        crate::words::say(
            "minutes-written",
            &[
                ("meeting", meeting.as_str().into()),
                (
                    "status",
                    mandat_core::i18n::message(
                        lang,
                        &format!("minutes-status-{}", minutes.status.as_str()),
                    )
                    .into()
                ),
                ("anchor", minutes.anchor.as_str().into()),
                ("file", out.display().to_string().into()),
            ],
        )
    );
    Ok(())
}

/// Writes the minutes of every closed or failed meeting as `DIR/<meeting>.<lang>.pdf`.
pub async fn minutes_all(app: &mandat_app::App, lang: Lang, dir: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::io(&format!("{}: cannot create", dir.display()), e))?;
    let started = std::time::Instant::now();
    let snap = app.snapshot().await.map_err(Failure::store)?;
    let codes = Store::finished_meetings(&snap);
    let mut all = Vec::with_capacity(codes.len());
    for code in &codes {
        all.push((
            code,
            app.minutes_in(&snap, code).await.map_err(Failure::store)?,
        ));
    }
    // Laying out a PDF is CPU work: spread it over the cores while the reads above stay serial.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_worker = all.len().div_ceil(workers.max(1)).max(1);
    std::thread::scope(|scope| {
        let jobs: Vec<_> = all
            .chunks(per_worker)
            .map(|chunk| {
                scope.spawn(move || -> Result<(), Failure> {
                    for (code, minutes) in chunk {
                        let pdf = mandat_print::pdf(&render(minutes, lang)).map_err(|e| {
                            Failure::Internal(format!("{code}: cannot lay out the minutes: {e}"))
                        })?;
                        write_file(&dir.join(format!("{code}.{}.pdf", lang.as_str())), &pdf)?;
                    }
                    Ok(())
                })
            })
            .collect();
        jobs.into_iter().try_for_each(|job| {
            job.join()
                .map_err(|_| Failure::Internal("a minutes worker stopped".into()))?
        })
    })?;
    eprintln!(
        "{}",
        crate::words::say(
            "minutes-all-written",
            &[
                ("count", codes.len().into()),
                ("dir", dir.display().to_string().into()),
                (
                    "seconds",
                    format!("{:.1}", started.elapsed().as_secs_f64()).into()
                ),
            ],
        )
    );
    Ok(())
}

/// Prints the mandate cards of a conference, with QR codes signed by the site secret, with the
/// cards' words in `lang`.
pub async fn mandates(
    app: &mandat_app::App,
    secret: &[u8],
    meeting: &Code,
    lang: Lang,
    out: &Path,
) -> Result<(), Failure> {
    let (m, cards) = app.mandate_cards(meeting).await.map_err(Failure::store)?;
    if !m.kind.has_mandates() {
        return Err(Failure::said(
            "no-cards-at-ppo",
            vec![("meeting", meeting.as_str().into())],
        ));
    }
    if cards.is_empty() {
        return Err(Failure::said(
            "no-mandates-yet",
            vec![("meeting", meeting.as_str().into())],
        ));
    }
    let (heading, footer) = mandat_core::meeting::card::card_words(lang, &m.code, m.kind);
    let printed: Vec<mandat_print::Card> = cards
        .iter()
        .map(|c| mandat_print::Card {
            heading: heading.clone(),
            full_name: c.full_name.clone(),
            // The unit's name in the cards' language, Russian when it has none.
            unit: match lang {
                Lang::Kk if !c.unit.kk.is_empty() => c.unit.kk.clone(),
                Lang::En if !c.unit.en.is_empty() => c.unit.en.clone(),
                _ => c.unit.ru.clone(),
            },
            number: c.number,
            qr_payload: card_payload(secret, meeting, c.number, c.card),
            footer: footer.clone(),
        })
        .collect();
    let pdf = mandat_print::mandate_cards(&printed)
        .map_err(|e| Failure::Internal(format!("cannot lay out the cards: {e}")))?;
    write_file(out, &pdf)?;
    eprintln!(
        "{}",
        crate::words::say(
            "cards-written",
            &[
                ("count", printed.len().into()),
                ("meeting", meeting.as_str().into()),
                ("file", out.display().to_string().into()),
            ],
        )
    );
    Ok(())
}

/// Prints the ladder's progress under a unit, as text or JSON.
pub async fn status(
    app: &mandat_app::App,
    unit: Option<&Code>,
    campaign: Option<&Code>,
    json: bool,
) -> Result<(), Failure> {
    let p = app.progress(unit, campaign).await.map_err(Failure::store)?;
    if json {
        let text = serde_json::to_string_pretty(&p)
            .map_err(|e| Failure::Internal(format!("cannot write JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    use crate::words::say;
    println!(
        "{}",
        say(
            "status-heading",
            &[
                ("unit", p.unit.as_str().into()),
                ("campaign", p.campaign.as_str().into()),
            ],
        )
    );
    // Up the ladder: PPO meetings first.
    let ladder = [
        MeetingKind::PpoMeeting,
        MeetingKind::BranchConference,
        MeetingKind::RegionalConference,
        MeetingKind::Congress,
    ];
    for (kind, n) in ladder
        .iter()
        .filter_map(|k| p.units.get(k.as_str()).map(|n| (k.as_str(), n)))
    {
        let c = p.meetings.get(kind).cloned().unwrap_or_default();
        println!(
            "  {}",
            say(
                "status-kind",
                &[
                    ("kind", say(&format!("status-kind-{kind}"), &[]).into()),
                    ("units", (*n).into()),
                    ("held", c.held.into()),
                    ("failed", c.failed.into()),
                    ("open", c.open.into()),
                    ("registration", c.registration.into()),
                    ("planned", c.planned.into()),
                ],
            )
        );
    }
    println!(
        "  {}",
        say("status-pending", &[("count", p.units_pending.into())])
    );
    println!(
        "  {}",
        say(
            "status-delegates",
            &[
                ("elected", p.delegates_elected.into()),
                ("allotted", p.delegates_allotted.into()),
            ],
        )
    );
    for s in &p.shortfalls {
        println!(
            "  {}",
            say(
                "status-shortfall",
                &[
                    ("unit", s.unit.to_string().into()),
                    ("elected", s.elected.into()),
                    ("allotted", s.allotted.into()),
                ],
            )
        );
    }
    for c in &p.conferences_now {
        println!(
            "  {}",
            say(
                "status-now",
                &[
                    ("meeting", c.meeting.to_string().into()),
                    ("unit", c.unit.to_string().into()),
                    ("status", c.status.to_string().into()),
                ],
            )
        );
    }
    Ok(())
}

/// Checks a participant in at the registration desk through the application layer (a QR code
/// is checked against the site secret first) and prints the e-vote code handed out with it;
/// the code is stored as its HMAC under the token key (from the same secret).
pub async fn check_in(
    store: &Store,
    secret: &[u8],
    meeting: &Code,
    credential: mandat_app::Credential,
    remote: bool,
    actor: String,
) -> Result<(), Failure> {
    let app = mandat_app::App::new(store.clone())
        .with_token_key(mandat_core::token::TokenKey::derive(secret));
    let presence = if remote {
        Presence::Remote
    } else {
        Presence::Hall
    };
    let checked_in = app
        .check_in(
            secret,
            meeting,
            credential,
            presence,
            &actor,
            jiff::Timestamp::now(),
        )
        .await
        .map_err(Failure::app)?;
    eprintln!(
        "{}",
        crate::words::say(
            "checked-in",
            &[(
                "head",
                format!("{}:{}", checked_in.receipt.seq, checked_in.receipt.hash).into()
            )],
        )
    );
    // Shown once, here: no SMS is needed when a vote opens.
    if let Some(code) = checked_in.vote_code {
        println!(
            "{}",
            crate::words::say("vote-code", &[("code", code.into())])
        );
    }
    Ok(())
}
