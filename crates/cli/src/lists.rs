//! `mandat list show|export|all`: a party list on the terminal, as CSV, PDF or HTML, and the election commission's export.

use crate::failure::Failure;
use crate::words;
use jiff::tz::TimeZone;
use mandat_core::lists::publish::{
    commission_export, document, public_csv, status_sentence, status_word, violation_words,
};
use mandat_core::lists::{ListSheet, ListStatus};
use mandat_core::{Code, Snapshot};
use mandat_core::{Lang, i18n};

use std::io::Write;
use std::path::{Path, PathBuf};

/// What `mandat list export` writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Pdf,
    Html,
    Commission,
}

/// The list of `target` with the campaign's time zone, or a refusal that says what to fix.
async fn sheet(
    app: &mandat_app::App,
    campaign: &Code,
    target: &Code,
) -> Result<(ListSheet, TimeZone), Failure> {
    let snap = app.snapshot().await.map_err(Failure::store)?;
    let zone = known_target(&snap, campaign, target)?;
    match app
        .list_sheet(campaign, target)
        .await
        .map_err(Failure::store)?
    {
        Some(sheet) => Ok((sheet, zone)),
        None => Err(Failure::said(
            "no-list-drafted",
            vec![
                ("target", target.as_str().into()),
                ("campaign", campaign.as_str().into()),
            ],
        )),
    }
}

/// The campaign's time zone, after checking that the campaign and its target exist.
fn known_target(snap: &Snapshot, campaign: &Code, target: &Code) -> Result<TimeZone, Failure> {
    let zone = known_campaign(snap, campaign)?;
    if snap
        .targets
        .contains_key(&(campaign.clone(), target.clone()))
    {
        return Ok(zone);
    }
    let mut targets: Vec<&str> = snap
        .targets
        .keys()
        .filter(|(c, _)| c == campaign)
        .map(|(_, t)| t.as_str())
        .collect();
    targets.sort_unstable();
    Err(Failure::said(
        if targets.is_empty() {
            "no-target-at-all"
        } else {
            "no-such-target"
        },
        vec![
            ("campaign", campaign.as_str().into()),
            ("target", target.as_str().into()),
            ("targets", targets.join(", ").into()),
        ],
    ))
}

fn known_campaign(snap: &Snapshot, campaign: &Code) -> Result<TimeZone, Failure> {
    match snap.campaigns.get(campaign) {
        // A zone name the database cannot resolve still prints, with dates in UTC.
        Some(c) => Ok(c.zone().unwrap_or(TimeZone::UTC)),
        None => {
            let mut known: Vec<&str> = snap.campaigns.keys().map(Code::as_str).collect();
            known.sort_unstable();
            Err(Failure::said(
                if known.is_empty() {
                    "no-campaign-at-all"
                } else {
                    "no-such-campaign"
                },
                vec![
                    ("campaign", campaign.as_str().into()),
                    ("campaigns", known.join(", ").into()),
                ],
            ))
        }
    }
}

/// Prints a list: its status, places and names, and what it breaks; or the sheet as JSON (no IINs).
pub async fn show(
    app: &mandat_app::App,
    campaign: &Code,
    target: &Code,
    json: bool,
) -> Result<(), Failure> {
    let (sheet, zone) = sheet(app, campaign, target).await?;
    if json {
        let text = serde_json::to_string_pretty(&sheet)
            .map_err(|e| Failure::Internal(format!("cannot write JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    let lang = words::lang();
    println!(
        "{} — {} ({})",
        sheet.target, sheet.target_name, sheet.campaign_name
    );
    println!(
        "{}",
        words::say(
            "list-status",
            &[
                (
                    "status",
                    status_sentence(lang, &sheet.list.status, &zone).into()
                ),
                ("revision", sheet.list.revision.into()),
                ("names", sheet.rows.len().into()),
                ("seats", sheet.seats.into()),
            ],
        )
    );
    for row in &sheet.rows {
        let primaries = match (row.primaries_place, row.primaries_votes) {
            (Some(place), Some(votes)) => words::say(
                "list-primaries-votes",
                &[("place", place.into()), ("votes", votes.into())],
            ),
            (Some(place), None) => words::say("list-primaries", &[("place", place.into())]),
            _ => words::say("list-no-primaries", &[]),
        };
        let conference = row.conference_votes.map_or_else(String::new, |votes| {
            words::say("list-conference-votes", &[("votes", votes.into())])
        });
        let sex = i18n::message(
            lang,
            match row.sex {
                mandat_core::Sex::Male => "list-sheet-sex-male",
                mandat_core::Sex::Female => "list-sheet-sex-female",
            },
        );
        println!(
            "{:>4}. {}",
            row.place,
            words::say(
                "list-row",
                &[
                    ("name", row.full_name.as_str().into()),
                    ("born", row.birth_date.year().into()),
                    ("sex", sex.into()),
                    ("unit", row.unit_names.in_lang(lang).into()),
                    ("rated", row.rating_position.into()),
                    ("primaries", primaries.into()),
                    ("conference", conference.into()),
                ],
            )
        );
    }
    if sheet.list.violations.is_empty() {
        println!("{}", words::say("list-no-violations", &[]));
    } else {
        println!("{}", words::say("list-violations", &[]));
        for violation in &sheet.list.violations {
            println!("  - {}", violation_words(lang, violation));
        }
    }
    for shortfall in &sheet.list.shortfalls {
        println!(
            "{}",
            words::say(
                "list-shortfall",
                &[
                    ("rule", shortfall.rule.as_str().into()),
                    ("needed", shortfall.needed.into()),
                    ("available", shortfall.available.into()),
                ],
            )
        );
    }
    println!(
        "{}",
        words::say("anchor", &[("anchor", sheet.anchor.as_str().into())])
    );
    Ok(())
}

/// Writes one list in `format`. The commission's export (IINs) is created readable by its owner
/// only, with `FILE.manifest.json` beside it, always in Russian (the commission's language,
/// whatever `--lang` says); it is refused for a list that is not approved.
pub async fn export(
    app: &mandat_app::App,
    campaign: &Code,
    target: &Code,
    format: Format,
    lang: Option<Lang>,
    out: &Path,
) -> Result<(), Failure> {
    let lang = lang.unwrap_or(Lang::Ru);
    let (sheet, zone) = sheet(app, campaign, target).await?;
    match format {
        Format::Csv => write_file(out, public_csv(&sheet, lang).as_bytes())?,
        Format::Html => {
            write_file(
                out,
                mandat_print::html(&document(&sheet, lang, &zone)).as_bytes(),
            )?;
        }
        Format::Pdf => write_file(out, &pdf(&sheet, lang, &zone)?)?,
        Format::Commission => {
            let export = commission_export(&sheet).map_err(Failure::problem)?;
            // The commission's export carries IINs: owner only, like the journal export.
            let mut file = crate::journal::owner_only(out)?;
            file.write_all(export.csv.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| Failure::io(&format!("{}: cannot write", out.display()), e))?;
            let manifest_path = manifest_path(out);
            let manifest = serde_json::to_string_pretty(&export.manifest)
                .map_err(|e| Failure::Internal(format!("cannot write JSON: {e}")))?;
            write_file(&manifest_path, format!("{manifest}\n").as_bytes())?;
            eprintln!(
                "{}",
                words::say(
                    "commission-written",
                    &[
                        ("file", out.display().to_string().into()),
                        ("names", sheet.rows.len().into()),
                        ("manifest", manifest_path.display().to_string().into()),
                        ("sha256", export.manifest.sha256.as_str().into()),
                        ("anchor", export.manifest.anchor.to_string().into()),
                    ],
                )
            );
            return Ok(());
        }
    }
    eprintln!(
        "{}",
        words::say(
            "list-written",
            &[
                ("target", target.as_str().into()),
                (
                    "status",
                    status_word(words::lang(), &sheet.list.status).into()
                ),
                ("revision", sheet.list.revision.into()),
                ("anchor", sheet.anchor.as_str().into()),
                ("file", out.display().to_string().into()),
            ],
        )
    );
    Ok(())
}

/// Writes `DIR/<target>.<lang>.csv` and `.pdf` for every list of the campaign.
pub async fn all(
    app: &mandat_app::App,
    campaign: &Code,
    lang: Lang,
    dir: &Path,
) -> Result<(), Failure> {
    let snap = app.snapshot().await.map_err(Failure::store)?;
    let zone = known_campaign(&snap, campaign)?;
    let lists = app
        .party_lists(Some(campaign))
        .await
        .map_err(Failure::store)?;
    if lists.is_empty() {
        return Err(Failure::said(
            "no-lists-drafted",
            vec![("campaign", campaign.as_str().into())],
        ));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::io(&format!("{}: cannot create", dir.display()), e))?;
    let mut approved = 0;
    for list in &lists {
        let Some(sheet) = app
            .list_sheet(campaign, &list.target)
            .await
            .map_err(Failure::store)?
        else {
            continue;
        };
        let stem = format!("{}.{}", sheet.target, lang.as_str());
        write_file(
            &dir.join(format!("{stem}.csv")),
            public_csv(&sheet, lang).as_bytes(),
        )?;
        write_file(&dir.join(format!("{stem}.pdf")), &pdf(&sheet, lang, &zone)?)?;
        if matches!(sheet.list.status, ListStatus::Approved { .. }) {
            approved += 1;
        }
    }
    eprintln!(
        "{}",
        words::say(
            "lists-written",
            &[
                ("count", lists.len().into()),
                ("campaign", campaign.as_str().into()),
                ("approved", approved.into()),
                ("dir", dir.display().to_string().into()),
            ],
        )
    );
    Ok(())
}

fn pdf(sheet: &ListSheet, lang: Lang, zone: &TimeZone) -> Result<Vec<u8>, Failure> {
    mandat_print::pdf(&document(sheet, lang, zone))
        .map_err(|e| Failure::Internal(format!("cannot lay out the list of {}: {e}", sheet.target)))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::io(&format!("{}: cannot write", path.display()), e))
}

/// `FILE.manifest.json` beside `FILE`.
fn manifest_path(out: &Path) -> PathBuf {
    let mut name = out.as_os_str().to_owned();
    name.push(".manifest.json");
    PathBuf::from(name)
}
