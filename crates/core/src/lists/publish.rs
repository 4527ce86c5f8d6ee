//! A list sheet for readers: the public CSV and document (PDF, HTML) in Russian, Kazakh or English, and the election commission's export.
//!
//! Public output never carries an IIN: only the commission's export does, and only for an
//! approved list. Every word comes from one catalogue per language ([`Words`]); names, unit
//! names and recorded texts (event sentences, reasons, rule labels) are data and are shown as
//! entered. As in the minutes, a name follows a dash or a colon, so nothing needs declension.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;
use sha2::{Digest, Sha256};
use thiserror::Error;

use super::candidate::Candidate;
use super::draft::{Displacement, LIST_SIZE_RULE, Shortfall};
use super::record::{ListChange, ListStatus, TargetListRules};
use super::rules::{Group, Quota};
use super::sheet::{ListSheet, SheetRow};
use super::validate::Violation;
use crate::document::{Block, Document};
use crate::i18n::{self, Lang, Param};
use crate::iin::Sex;
use crate::model::{Body, Code, UnitNames};
use crate::poll::NominatedBy;

/// The byte-order mark that starts every CSV written here: without it Excel reads UTF-8 as the
/// local ANSI code page and shows Cyrillic and Kazakh letters as mojibake.
pub const UTF8_BOM: &str = "\u{feff}";

/// Why a list cannot be exported; each message says what to do.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum PublishError {
    #[error(
        "the list of {target} in {campaign} is {status}: the election commission receives approved lists only; put it to the conference's vote and approve it first (put_list_to_vote, then count the vote)"
    )]
    NotApproved {
        campaign: Code,
        target: Code,
        status: &'static str,
    },
}

/// The public list as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break
/// quoted, quotes doubled), UTF-8 with a byte-order mark so that Excel opens Cyrillic and Kazakh
/// letters correctly. The header row is in `lang`. No IIN, no full birth date: the year only.
pub fn public_csv(sheet: &ListSheet, lang: Lang) -> String {
    let words = &Words { lang };
    let mut out = String::with_capacity(256 + sheet.rows.len() * 160);
    out.push_str(UTF8_BOM);
    csv_row(&mut out, &words.row("list-sheet-csv-header", 10));
    for row in &sheet.rows {
        let (ppo, branch) = unit_and_branch(row, lang);
        csv_row(
            &mut out,
            &[
                row.place.to_string(),
                row.full_name.clone(),
                row.birth_date.year().to_string(),
                sex_word(words, row.sex),
                ppo.to_owned(),
                branch.to_owned(),
                nomination(words, row, lang),
                optional(row.primaries_place),
                optional(row.primaries_votes),
                optional(row.conference_votes),
            ],
        );
    }
    out
}

/// What the election commission receives: the CSV (with IINs) and its manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommissionExport {
    pub csv: String,
    pub manifest: CommissionManifest,
}

/// Written next to the commission's CSV: which list, in which state, and the CSV's checksum, so
/// the commission can check that the file it holds is the one the journal's anchor vouches for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommissionManifest {
    pub campaign: Code,
    pub target: Code,
    pub status: &'static str,
    pub approved_by: ApprovedBy,
    pub revision: u32,
    /// `SEQ:HASH` of the journal entry that last changed the list.
    pub anchor: String,
    /// SHA-256 of the CSV's bytes as written (byte-order mark included), in hex.
    pub sha256: String,
}

/// The conference vote that approved a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApprovedBy {
    pub meeting: Code,
    pub vote: u32,
    pub approved_at: Timestamp,
}

/// The export for the election commission: one header line (no comment lines above it), then a
/// row per place in Russian with the IIN and the date of birth as DD.MM.YYYY; UTF-8 with a
/// byte-order mark and RFC 4180 quoting like [`public_csv`]. Refused for a list that is not
/// approved, because the commission receives approved lists only.
pub fn commission_export(sheet: &ListSheet) -> Result<CommissionExport, PublishError> {
    let ListStatus::Approved {
        meeting,
        vote,
        approved_at,
    } = &sheet.list.status
    else {
        return Err(PublishError::NotApproved {
            campaign: sheet.campaign.clone(),
            target: sheet.target.clone(),
            status: sheet.list.status.as_str(),
        });
    };
    let words = &Words { lang: Lang::Ru };
    let mut csv = String::with_capacity(256 + sheet.rows.len() * 200);
    csv.push_str(UTF8_BOM);
    csv_row(
        &mut csv,
        &[
            "№",
            "Фамилия, имя, отчество",
            "Дата рождения",
            "ИИН",
            "Пол",
            "Партийная организация",
            "Кем выдвинут",
        ]
        .map(str::to_owned),
    );
    for row in &sheet.rows {
        let (ppo, branch) = unit_and_branch(row, Lang::Ru);
        let unit = if branch.is_empty() {
            ppo.to_owned()
        } else {
            format!("{ppo} — {branch}")
        };
        csv_row(
            &mut csv,
            &[
                row.place.to_string(),
                row.full_name.clone(),
                dotted(row.birth_date),
                row.iin.to_string(),
                sex_word(words, row.sex),
                unit,
                nomination(words, row, Lang::Ru),
            ],
        );
    }
    let sha256 = hex::encode(Sha256::digest(csv.as_bytes()));
    Ok(CommissionExport {
        manifest: CommissionManifest {
            campaign: sheet.campaign.clone(),
            target: sheet.target.clone(),
            status: sheet.list.status.as_str(),
            approved_by: ApprovedBy {
                meeting: meeting.clone(),
                vote: *vote,
                approved_at: *approved_at,
            },
            revision: sheet.list.revision,
            anchor: sheet.anchor.clone(),
            sha256,
        },
        csv,
    })
}

/// The list as a document for PDF and HTML: title, status, the rules with each quota's needed
/// and found counts, the places, the displacements explained, what the list still breaks, the
/// history of its changes and the journal anchor. Dates are shown in `zone` (the campaign's).
pub fn document(sheet: &ListSheet, lang: Lang, zone: &TimeZone) -> Document {
    let words = &Words { lang };
    let mut doc = Document::new(words.title(&sheet.target_name), lang);
    doc.push(Block::Paragraph(sheet.campaign_name.clone()));
    doc.push(Block::KeyValues(vec![
        (
            words.get("list-sheet-body-label"),
            words.get(match sheet.body {
                Body::LocalMaslikhat => "list-sheet-body-local-maslikhat",
                Body::RegionalMaslikhat => "list-sheet-body-regional-maslikhat",
                Body::Mazhilis => "list-sheet-body-mazhilis",
            }),
        ),
        (words.get("list-sheet-seats"), sheet.seats.to_string()),
        (
            words.get("list-sheet-election-day"),
            words.date(sheet.election_day),
        ),
        (
            words.get("list-sheet-status-label"),
            status_sentence(lang, &sheet.list.status, zone),
        ),
        (
            words.get("list-sheet-revision"),
            sheet.list.revision.to_string(),
        ),
        (words.get("list-sheet-places"), sheet.rows.len().to_string()),
    ]));
    rules(&mut doc, words, sheet);
    places(&mut doc, words, sheet, lang);
    displacements(&mut doc, words, sheet);
    if !sheet.list.violations.is_empty() {
        doc.push(Block::Heading(words.get("list-sheet-violations")));
        doc.push(Block::List(
            sheet
                .list
                .violations
                .iter()
                .map(|violation| words.violation(violation))
                .collect(),
        ));
    }
    if !sheet.list.shortfalls.is_empty() {
        doc.push(Block::Heading(words.get("list-sheet-shortfalls")));
        doc.push(Block::List(
            sheet
                .list
                .shortfalls
                .iter()
                .map(|shortfall| words.shortfall(shortfall))
                .collect(),
        ));
    }
    history(&mut doc, words, sheet, zone, lang);
    doc.push(Block::Note(words.anchor(&sheet.anchor)));
    doc
}

/// The status in a sentence: draft, under vote (where), approved (where, when).
pub fn status_sentence(lang: Lang, status: &ListStatus, zone: &TimeZone) -> String {
    let words = &Words { lang };
    match status {
        ListStatus::Draft => words.get("list-sheet-draft"),
        ListStatus::UnderVote { meeting, vote } => words.under_vote(meeting.as_str(), *vote),
        ListStatus::Approved {
            meeting,
            vote,
            approved_at,
        } => words.approved(
            meeting.as_str(),
            *vote,
            &words.date(approved_at.to_zoned_datetime(zone.clone()).date()),
        ),
    }
}

fn rules(doc: &mut Document, words: &Words, sheet: &ListSheet) {
    doc.push(Block::Heading(words.get("list-sheet-rules")));
    let Some(TargetListRules { rules, .. }) = &sheet.rules else {
        doc.push(Block::Paragraph(words.get("list-sheet-no-rules")));
        return;
    };
    let length = sheet.rows.len();
    doc.push(Block::Paragraph(words.size(
        rules.min_size,
        rules.max_size,
        rules.seats,
        length,
    )));
    let candidates = candidates(sheet);
    if !rules.quotas.is_empty() {
        let rows = rules
            .quotas
            .iter()
            .map(|quota| {
                let found = candidates
                    .iter()
                    .filter(|c| quota.group.contains(c, sheet.election_day))
                    .count();
                vec![
                    rule_label(words.lang, &quota.label),
                    quota_words(words, quota),
                    quota.needed(length).to_string(),
                    found.to_string(),
                ]
            })
            .collect();
        doc.push(Block::Table {
            header: words.row("list-sheet-rules-header", 4),
            rows,
        });
    }
    if let Some(placement) = &rules.placement {
        let groups: Vec<String> = placement
            .groups
            .iter()
            .map(|group| words.group(*group))
            .collect();
        doc.push(Block::Paragraph(format!(
            "{}: {}",
            rule_label(words.lang, &placement.label),
            words.placement(placement.size, &groups.join("; "))
        )));
    }
}

fn quota_words(words: &Words, quota: &Quota) -> String {
    words.at_least(&quota.at_least.to_string(), &words.group(quota.group))
}

/// The listed persons as the rules see them (sex and birth date from the IIN).
fn candidates(sheet: &ListSheet) -> Vec<Candidate> {
    sheet
        .rows
        .iter()
        .map(|row| {
            Candidate::from_iin(
                row.member,
                row.full_name.clone(),
                row.iin,
                Default::default(),
            )
        })
        .collect()
}

fn places(doc: &mut Document, words: &Words, sheet: &ListSheet, lang: Lang) {
    doc.push(Block::Heading(words.get("list-sheet-list")));
    if sheet.rows.is_empty() {
        doc.push(Block::Paragraph(words.get("list-sheet-empty")));
        return;
    }
    let rows = sheet
        .rows
        .iter()
        .map(|row| {
            let (ppo, branch) = unit_and_branch(row, lang);
            let unit = if branch.is_empty() {
                ppo.to_owned()
            } else {
                format!("{ppo}\n{branch}")
            };
            let primaries = match (row.primaries_place, row.primaries_votes) {
                (Some(place), Some(votes)) => words.rated(place, votes),
                (Some(place), None) => place.to_string(),
                (None, Some(votes)) => votes.to_string(),
                (None, None) => "—".to_owned(),
            };
            vec![
                row.place.to_string(),
                row.full_name.clone(),
                format!("{}, {}", row.birth_date.year(), sex_word(words, row.sex)),
                unit,
                short_nomination(words, row),
                primaries,
                optional(row.conference_votes),
            ]
        })
        .collect();
    doc.push(Block::Paragraph(words.get("list-sheet-places-legend")));
    doc.push(Block::Table {
        header: words.row("list-sheet-places-header", 7),
        rows,
    });
}

fn displacements(doc: &mut Document, words: &Words, sheet: &ListSheet) {
    doc.push(Block::Heading(words.get("list-sheet-displacements")));
    if sheet.list.displacements.is_empty() {
        doc.push(Block::Paragraph(words.get("list-sheet-no-displacements")));
        return;
    }
    doc.push(Block::List(
        sheet
            .list
            .displacements
            .iter()
            .map(|displacement| explain(words, sheet, displacement))
            .collect(),
    ));
}

/// A displacement in `words`' language, rebuilt from its numbers (the recorded explanation is
/// English). A candidate is named through the list's entries; one passed over and no longer on
/// the list is named by candidacy number.
fn explain(words: &Words, sheet: &ListSheet, displacement: &Displacement) -> String {
    let row_of = |candidate: i64| {
        sheet
            .list
            .entries
            .iter()
            .find(|entry| i64::from(entry.candidate_number) == candidate)
            .and_then(|entry| sheet.rows.iter().find(|row| row.member == entry.member))
    };
    let moved = row_of(displacement.candidate);
    let name = moved.map_or_else(
        || words.candidate_number(displacement.candidate),
        |row| row.full_name.clone(),
    );
    let sex = moved.map(|row| row.sex);
    let passed = row_of(displacement.passed_over).map_or_else(
        || words.candidate_number(displacement.passed_over),
        |row| row.full_name.clone(),
    );
    let rules = words.rule_names(&displacement.rules);
    let sentence = if displacement.to < displacement.from {
        words.moved_up(&name, sex, displacement.from, displacement.to, &rules)
    } else {
        words.ahead_of(&name, displacement.to, displacement.from, &passed, &rules)
    };
    let others: Vec<String> = displacement
        .also_passed_over
        .iter()
        .map(|&id| {
            row_of(id).map_or_else(|| words.candidate_number(id), |row| row.full_name.clone())
        })
        .collect();
    words.with_passed_over(sentence, &passed, &others)
}

fn history(doc: &mut Document, words: &Words, sheet: &ListSheet, zone: &TimeZone, lang: Lang) {
    if sheet.events.is_empty() {
        return;
    }
    doc.push(Block::Heading(words.get("list-sheet-history")));
    let rows = sheet
        .events
        .iter()
        .map(|event| {
            vec![
                event.number.to_string(),
                words.date(event.at.to_zoned_datetime(zone.clone()).date()),
                event_kind(words.lang, &event.kind),
                event
                    .detail
                    .as_ref()
                    .map_or_else(|| event.text.clone(), |d| change_sentence(words, lang, d)),
                if event.reason.is_empty() {
                    "—".to_owned()
                } else {
                    event.reason.clone()
                },
            ]
        })
        .collect();
    doc.push(Block::Table {
        header: words.row("list-sheet-history-header", 5),
        rows,
    });
}

/// The candidate's PPO and branch names in `lang` (the branch empty when there is none).
/// What kind of change an event was, in `lang` (`list-kind-*` in lists.ftl); an unknown kind as
/// recorded, with spaces for underscores.
fn event_kind(lang: Lang, kind: &str) -> String {
    let key = format!("list-kind-{}", kind.replace('_', "-"));
    if i18n::has(lang, &key) {
        i18n::message(lang, &key)
    } else {
        kind.replace('_', " ")
    }
}

/// A recorded change in `lang`, from its data (events recorded before they were typed keep their
/// English sentence, shown as it was).
pub fn list_change_sentence(lang: Lang, change: &ListChange) -> String {
    change_sentence(&Words { lang }, lang, change)
}

fn change_sentence(words: &Words, lang: Lang, change: &ListChange) -> String {
    let say = |key: &str, params: &[(&str, Param)]| i18n::message_with(lang, key, params);
    let verdict = |violations: &[Violation]| {
        if violations.is_empty() {
            say("list-meets-every-rule", &[])
        } else {
            let parts: Vec<String> = violations.iter().map(|v| words.violation(v)).collect();
            say(
                "list-breaks-rules",
                &[("violations", parts.join("; ").into())],
            )
        }
    };
    let mut parts = Vec::new();
    match change {
        ListChange::Rules { violations } => parts.push(say(
            "list-event-rules",
            &[("verdict", verdict(violations).into())],
        )),
        ListChange::Drafted {
            names,
            candidates,
            moves,
            shortfalls,
        } => {
            parts.push(say(
                "list-event-drafted",
                &[
                    ("names", (*names).into()),
                    ("candidates", (*candidates).into()),
                ],
            ));
            if moves.is_empty() {
                parts.push(say("list-event-no-moves", &[]));
            }
            for m in moves {
                let rules = words.rule_names(&m.rules);
                let (from, to) = (m.from as usize, m.to as usize);
                let sentence = if to < from {
                    words.moved_up(&m.name, m.sex, from, to, &rules)
                } else {
                    words.ahead_of(&m.name, to, from, &m.passed_over, &rules)
                };
                let others: Vec<String> = m
                    .also_passed_over
                    .iter()
                    .map(|(name, _)| name.clone())
                    .collect();
                parts.push(words.with_passed_over(sentence, &m.passed_over, &others));
            }
            parts.extend(shortfalls.iter().map(|s| words.shortfall(s)));
        }
        ListChange::Moved {
            name,
            from,
            to,
            violations,
        } => {
            parts.push(say(
                "list-event-moved",
                &[
                    ("name", name.into()),
                    ("from", (*from).into()),
                    ("to", (*to).into()),
                ],
            ));
            parts.push(verdict(violations));
        }
        ListChange::Added {
            name,
            place,
            rated,
            violations,
        } => {
            parts.push(say(
                "list-event-added",
                &[
                    ("name", name.into()),
                    ("place", (*place).into()),
                    ("rated", (*rated).into()),
                ],
            ));
            parts.push(verdict(violations));
        }
        ListChange::Removed {
            name,
            place,
            violations,
        } => {
            parts.push(say(
                "list-event-removed",
                &[("name", name.into()), ("place", (*place).into())],
            ));
            parts.push(verdict(violations));
        }
        ListChange::Left {
            name,
            disqualified,
            place,
            replacement,
            violations,
        } => {
            let key = if *disqualified {
                "list-event-disqualified"
            } else {
                "list-event-withdrew"
            };
            parts.push(say(
                key,
                &[("name", name.into()), ("place", (*place).into())],
            ));
            parts.push(match replacement {
                Some(successor) => say(
                    "list-event-successor",
                    &[
                        ("place", (*place).into()),
                        ("name", (&successor.name).into()),
                        ("rated", successor.rated.into()),
                    ],
                ),
                None => say("list-event-no-successor", &[]),
            });
            parts.push(verdict(violations));
        }
        ListChange::PutToVote {
            revision,
            names,
            meeting,
            vote,
        } => parts.push(say(
            "list-event-put-to-vote",
            &[
                ("revision", (*revision).into()),
                ("names", (*names).into()),
                ("meeting", meeting.to_string().into()),
                ("vote", (*vote).into()),
            ],
        )),
        ListChange::Approved { meeting, vote }
        | ListChange::Rejected { meeting, vote }
        | ListChange::Cancelled { meeting, vote } => {
            let key = match change {
                ListChange::Approved { .. } => "list-event-approved",
                ListChange::Rejected { .. } => "list-event-rejected",
                _ => "list-event-cancelled",
            };
            parts.push(say(
                key,
                &[
                    ("meeting", meeting.to_string().into()),
                    ("vote", (*vote).into()),
                ],
            ));
        }
    }
    parts.join("; ")
}

fn unit_and_branch(row: &SheetRow, lang: Lang) -> (&str, &str) {
    let branch = row.branch_names.as_ref().map_or("", |b| name_in(b, lang));
    (name_in(&row.unit_names, lang), branch)
}

fn name_in(names: &UnitNames, lang: Lang) -> &str {
    names.in_lang(lang)
}

fn nomination(words: &Words, row: &SheetRow, lang: Lang) -> String {
    match &row.nominated_by {
        NominatedBy::SelfNominated => words.get("list-sheet-self-nominated"),
        NominatedBy::Ppo { unit, decision } => {
            // The sheet carries names for the candidate's own PPO, which is who nominates.
            let ppo = if unit == &row.unit {
                name_in(&row.unit_names, lang).to_owned()
            } else {
                unit.to_string()
            };
            words.ppo_decision(&ppo, decision)
        }
        NominatedBy::List {
            target,
            place,
            decision,
        } => words.list_nomination(target.as_str(), *place, decision),
    }
}

/// The nomination for the document's table, whose unit column already names the PPO.
fn short_nomination(words: &Words, row: &SheetRow) -> String {
    match &row.nominated_by {
        NominatedBy::Ppo { unit, decision } if unit == &row.unit => {
            words.ppo_decision_short(decision)
        }
        NominatedBy::Ppo { unit, decision } => words.ppo_decision(unit.as_str(), decision),
        NominatedBy::SelfNominated => words.get("list-sheet-self-nominated"),
        NominatedBy::List {
            target,
            place,
            decision,
        } => words.list_nomination(target.as_str(), *place, decision),
    }
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

fn dotted(date: Date) -> String {
    date.strftime("%d.%m.%Y").to_string()
}

/// Writes one CSV record with CRLF, as RFC 4180 has it.
fn csv_row(out: &mut String, fields: &[String]) {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        csv_field(out, field);
    }
    out.push_str("\r\n");
}

fn csv_field(out: &mut String, field: &str) {
    // A cell starting with = + - @ is a formula to Excel: a name or decision typed that way
    // would run when the file is opened. A leading apostrophe keeps it text (OWASP's advice).
    let guarded = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let needs_quotes = guarded || field.contains([',', '"', '\r', '\n']);
    if !needs_quotes {
        out.push_str(field);
        return;
    }
    out.push('"');
    if guarded {
        out.push('\'');
    }
    for character in field.chars() {
        if character == '"' {
            out.push('"');
        }
        out.push(character);
    }
    out.push('"');
}

/// Every word of a published list in one language, from the catalogue (`lists.ftl`): plain
/// labels through [`Words::get`], sentences with numbers or names through the methods below, so
/// that each language orders and inflects them itself.
struct Words {
    lang: Lang,
}

fn sex_word(words: &Words, sex: Sex) -> String {
    words.get(match sex {
        Sex::Male => "list-sheet-sex-male",
        Sex::Female => "list-sheet-sex-female",
    })
}

impl Words {
    /// A table's header: `count` words keyed `PREFIX-1` … `PREFIX-count`.
    fn row(&self, prefix: &str, count: usize) -> Vec<String> {
        (1..=count)
            .map(|column| self.get(&format!("{prefix}-{column}")))
            .collect()
    }

    /// A fixed word of the sheet in this language, from lists.ftl.
    fn get(&self, key: &str) -> String {
        i18n::message(self.lang, key)
    }

    fn with(&self, key: &str, params: &[(&str, Param)]) -> String {
        i18n::message_with(self.lang, key, params)
    }

    fn title(&self, target: &str) -> String {
        self.with("list-sheet-title", &[("target", target.into())])
    }

    /// A date as the language writes it (DD.MM.YYYY in Russian and Kazakh, ISO in English).
    fn date(&self, date: Date) -> String {
        date_words(self.lang, date)
    }

    fn under_vote(&self, meeting: &str, vote: u32) -> String {
        self.with(
            "list-sheet-under-vote",
            &[("meeting", meeting.into()), ("vote", vote.into())],
        )
    }

    fn approved(&self, meeting: &str, vote: u32, date: &str) -> String {
        self.with(
            "list-sheet-approved",
            &[
                ("meeting", meeting.into()),
                ("vote", vote.into()),
                ("date", date.into()),
            ],
        )
    }

    /// Smallest size, largest size, seats, names on the list.
    fn size(&self, min: u32, max: u32, seats: u32, length: usize) -> String {
        self.with(
            "list-sheet-size",
            &[
                ("min", min.into()),
                ("max", max.into()),
                ("seats", seats.into()),
                ("length", length.into()),
            ],
        )
    }

    fn at_least(&self, share: &str, group: &str) -> String {
        self.with(
            "list-sheet-at-least",
            &[("share", share.into()), ("group", group.into())],
        )
    }

    fn group(&self, group: Group) -> String {
        group_words(self.lang, group)
    }

    fn placement(&self, size: u32, groups: &str) -> String {
        self.with(
            "list-sheet-placement",
            &[("size", size.into()), ("groups", groups.into())],
        )
    }

    fn list_nomination(&self, list: &str, place: u32, decision: &str) -> String {
        self.with(
            "list-sheet-list-nomination",
            &[
                ("list", list.into()),
                ("place", place.into()),
                ("decision", decision.into()),
            ],
        )
    }

    fn ppo_decision(&self, ppo: &str, decision: &str) -> String {
        self.with(
            "list-sheet-ppo-decision",
            &[("ppo", ppo.into()), ("decision", decision.into())],
        )
    }

    fn ppo_decision_short(&self, decision: &str) -> String {
        self.with(
            "list-sheet-ppo-decision-short",
            &[("decision", decision.into())],
        )
    }

    /// Place and votes in the primaries: the same figures in every language.
    fn rated(&self, place: u32, votes: u64) -> String {
        format!("{place} ({votes})")
    }

    fn candidate_number(&self, number: i64) -> String {
        self.with("list-sheet-candidate-number", &[("number", number.into())])
    }

    fn rule_names(&self, rules: &[String]) -> String {
        match rules {
            [one] => self.with(
                "list-sheet-rule-one",
                &[("rule", rule_label(self.lang, one).into())],
            ),
            many => self.with(
                "list-sheet-rule-many",
                &[("rules", quoted_list(self.lang, many).into())],
            ),
        }
    }

    /// Name, sex, rating position, place, rules.
    fn moved_up(
        &self,
        name: &str,
        sex: Option<Sex>,
        from: usize,
        to: usize,
        rules: &str,
    ) -> String {
        let sex = match sex {
            Some(Sex::Female) => "female",
            Some(Sex::Male) => "male",
            None => "unknown",
        };
        self.with(
            "list-sheet-moved-up",
            &[
                ("name", name.into()),
                ("sex", sex.into()),
                ("from", from.into()),
                ("to", to.into()),
                ("rules", rules.into()),
            ],
        )
    }

    /// Name, place, rating position, the one passed over, rules.
    /// A displacement's sentence and, when more than one candidate was passed over (rules
    /// version 2), every one of them, the first included.
    fn with_passed_over(&self, sentence: String, first: &str, others: &[String]) -> String {
        if others.is_empty() {
            return sentence;
        }
        let mut names = vec![first.to_string()];
        names.extend(others.iter().cloned());
        format!(
            "{sentence}; {}",
            self.with(
                "list-sheet-passed-over",
                &[("names", names.join(", ").into())]
            )
        )
    }

    fn ahead_of(&self, name: &str, place: usize, from: usize, passed: &str, rules: &str) -> String {
        self.with(
            "list-sheet-ahead-of",
            &[
                ("name", name.into()),
                ("place", place.into()),
                ("from", from.into()),
                ("passed", passed.into()),
                ("rules", rules.into()),
            ],
        )
    }

    fn violation(&self, violation: &Violation) -> String {
        violation_words(self.lang, violation)
    }

    fn shortfall(&self, shortfall: &Shortfall) -> String {
        let rule = if shortfall.rule == LIST_SIZE_RULE {
            self.get("list-sheet-list-size")
        } else {
            format!("«{}»", rule_label(self.lang, &shortfall.rule))
        };
        self.with(
            "list-sheet-shortfall",
            &[
                ("rule", rule.into()),
                ("needed", shortfall.needed.into()),
                ("available", shortfall.available.into()),
            ],
        )
    }

    fn anchor(&self, anchor: &str) -> String {
        self.with("list-sheet-anchor", &[("anchor", anchor.into())])
    }
}

/// A date as `lang` writes it (DD.MM.YYYY in Russian and Kazakh, ISO in English).
pub fn date_words(lang: Lang, date: Date) -> String {
    i18n::message_with(
        lang,
        "common-date",
        &[
            ("year", date.strftime("%Y").to_string().into()),
            ("month", date.strftime("%m").to_string().into()),
            ("day", date.strftime("%d").to_string().into()),
        ],
    )
}

/// A group of candidates a rule counts, in `lang`.
pub fn group_words(lang: Lang, group: Group) -> String {
    match group {
        Group::Women => i18n::message(lang, "list-group-women"),
        Group::YouthUnder(age) => {
            i18n::message_with(lang, "list-group-youth", &[("age", age.into())])
        }
        Group::WomenOrYouthUnder(age) => {
            i18n::message_with(lang, "list-group-women-or-youth", &[("age", age.into())])
        }
    }
}

/// One rule a list breaks, as a sentence in `lang`.
pub fn violation_words(lang: Lang, violation: &Violation) -> String {
    let say = |key: &str, params: &[(&str, Param)]| i18n::message_with(lang, key, params);
    match violation {
        Violation::TooShort { min_size, length } => say(
            "list-violation-too-short",
            &[
                ("length", (*length).into()),
                ("min", (*min_size).into()),
                ("short", min_size.saturating_sub(*length).into()),
            ],
        ),
        Violation::TooLong { max_size, length } => say(
            "list-violation-too-long",
            &[
                ("length", (*length).into()),
                ("max", (*max_size).into()),
                ("over", length.saturating_sub(*max_size).into()),
            ],
        ),
        Violation::Quota {
            rule,
            group,
            needed,
            found,
        } => say(
            "list-violation-quota",
            &[
                ("rule", rule_label(lang, rule).into()),
                ("group", group_words(lang, *group).into()),
                ("needed", (*needed).into()),
                ("found", (*found).into()),
                ("short", needed.saturating_sub(*found).into()),
            ],
        ),
        Violation::Block {
            rule,
            first_place,
            last_place,
            missing,
        } => say(
            "list-violation-block",
            &[
                ("rule", rule_label(lang, rule).into()),
                ("first", (*first_place).into()),
                ("last", (*last_place).into()),
                (
                    "groups",
                    missing
                        .iter()
                        .map(|group| group_words(lang, *group))
                        .collect::<Vec<_>>()
                        .join("; ")
                        .into(),
                ),
            ],
        ),
        Violation::Duplicate { candidate } => say(
            "list-violation-duplicate",
            &[("candidate", (*candidate).into())],
        ),
    }
}

fn quoted_list(lang: Lang, rules: &[String]) -> String {
    rules
        .iter()
        .map(|rule| format!("«{}»", rule_label(lang, rule)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The labels of the 2020 defaults ([`super::ListRules::kazakhstan_2020`]), recorded in English
/// by every list that took them, and the catalogue's name for each.
const DEFAULT_LABELS: [(&str, &str); 3] = [
    (
        "law: at least 30 % women and persons under 29, combined",
        "list-rule-law-women-youth",
    ),
    ("party: at least 30 % women", "list-rule-party-women"),
    ("party: at least 20 % under 35", "list-rule-party-youth"),
];

/// A rule's label as a reader reads it: a default rule's in the reader's language, any other
/// as the organizer entered it.
fn rule_label(lang: Lang, label: &str) -> String {
    DEFAULT_LABELS
        .iter()
        .find(|(english, _)| *english == label)
        .map_or_else(|| label.to_owned(), |(_, key)| i18n::message(lang, key))
}

/// The status of a list as one word in `lang`, for indexes.
pub fn status_word(lang: Lang, status: &ListStatus) -> String {
    i18n::message(
        lang,
        match status {
            ListStatus::Draft => "list-status-draft",
            ListStatus::UnderVote { .. } => "list-status-under-vote",
            ListStatus::Approved { .. } => "list-status-approved",
        },
    )
}

/// The document as one string, a line per heading, pair, table row or item (for tests).
#[cfg(test)]
fn text_of(doc: &Document) -> String {
    use std::fmt::Write as _;
    let mut text = doc.title.clone();
    for block in &doc.blocks {
        let parts: Vec<String> = match block {
            Block::Heading(line) | Block::Paragraph(line) | Block::Note(line) => {
                vec![line.clone()]
            }
            Block::KeyValues(pairs) => pairs
                .iter()
                .map(|(key, value)| format!("{key}: {value}"))
                .collect(),
            Block::Table { header, rows } => std::iter::once(header)
                .chain(rows)
                .map(|row| row.join(" | "))
                .collect(),
            Block::List(items) | Block::Signatures(items) => items.clone(),
        };
        for part in parts {
            let _ = write!(text, "\n{part}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iin::Iin;
    use crate::lists::{
        ListEntry, ListEvent, ListRules, PartyList, Precedence, RatingInputs, TargetListRules,
    };

    fn code(text: &str) -> Code {
        Code::parse(text).unwrap_or_else(|e| unreachable!("{text}: {e}"))
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap_or_else(|e| unreachable!("{text}: {e}"))
    }

    fn names(ru: &str, kk: &str, en: &str) -> UnitNames {
        UnitNames {
            ru: ru.to_owned(),
            kk: kk.to_owned(),
            en: en.to_owned(),
        }
    }

    fn iin(year: i16, month: i8, day: i8, sex: Sex) -> Iin {
        let birth = Date::new(year, month, day).unwrap_or_else(|e| unreachable!("{e}"));
        (1..100)
            .find_map(|serial| Iin::compose(birth, sex, serial))
            .unwrap_or_else(|| unreachable!("some serial has a check digit"))
    }

    fn row(
        place: u32,
        member: i64,
        full_name: &str,
        iin: Iin,
        nominated_by: NominatedBy,
    ) -> SheetRow {
        SheetRow {
            place,
            member,
            full_name: full_name.to_owned(),
            iin,
            birth_date: iin.birth_date(),
            sex: iin.sex(),
            unit: code("ALM-AKSU-P001"),
            unit_names: names(
                "ППО села Жансугуров",
                "Жансүгіров ауылының БПҰ",
                "PPO of Zhansugurov village",
            ),
            branch: Some(code("ALM-AKSU")),
            branch_names: Some(names(
                "Аксуский районный филиал",
                "Ақсу аудандық филиалы",
                "Aksu district branch",
            )),
            nominated_by,
            primaries_place: Some(place),
            primaries_votes: Some(u64::from(100 - place)),
            conference_votes: None,
            rating_position: place,
        }
    }

    fn entry(member: i64, candidate_number: u32, rating_position: u32) -> ListEntry {
        ListEntry {
            member,
            candidate_number,
            rating: RatingInputs::default(),
            rating_position,
            primaries_place: Some(rating_position),
        }
    }

    /// Three places: two men, then a woman moved up from 4 to 3 by the women's quota.
    fn sheet() -> ListSheet {
        let ppo = |decision: &str| NominatedBy::Ppo {
            unit: code("ALM-AKSU-P001"),
            decision: decision.to_owned(),
        };
        let man = iin(1978, 4, 12, Sex::Male);
        let quoted = iin(1990, 12, 3, Sex::Male);
        let woman = iin(1986, 9, 23, Sex::Female);
        let mut rules = ListRules::kazakhstan_2020(3);
        rules.quotas.truncate(2);
        ListSheet {
            campaign: code("almaty-2020"),
            campaign_name: "Выборы в маслихаты 2021".to_owned(),
            election_day: Date::new(2021, 1, 10).unwrap_or_else(|e| unreachable!("{e}")),
            target: code("aksu-maslikhat"),
            target_name: "Аксуский районный маслихат".to_owned(),
            body: Body::LocalMaslikhat,
            seats: 3,
            rules: Some(TargetListRules {
                campaign: code("almaty-2020"),
                target: code("aksu-maslikhat"),
                rules,
                precedence: Precedence::PrimariesThenConference,
            }),
            list: PartyList {
                campaign: code("almaty-2020"),
                target: code("aksu-maslikhat"),
                status: ListStatus::Approved {
                    meeting: code("ALM-AKSU.2020"),
                    vote: 4,
                    approved_at: at("2020-11-11T10:40:00Z"),
                },
                revision: 3,
                entries: vec![entry(11, 1, 1), entry(12, 2, 2), entry(13, 3, 4)],
                displacements: vec![Displacement {
                    candidate: 3,
                    from: 4,
                    to: 3,
                    passed_over: 4,
                    rules: vec!["party: at least 30 % women".to_owned()],
                    also_passed_over: Vec::new(),
                    explanation: "Жаксылыкова moved up from 4 to 3".to_owned(),
                }],
                shortfalls: vec![Shortfall {
                    rule: LIST_SIZE_RULE.to_owned(),
                    needed: 4,
                    available: 3,
                }],
                violations: Vec::new(),
                removed: Vec::new(),
                events: 2,
                updated_at: at("2020-11-11T10:40:00Z"),
            },
            rows: vec![
                row(
                    1,
                    11,
                    "Байсеитов Ерлан Маратович",
                    man,
                    ppo("Протокол № 3, 01.09.2020"),
                ),
                row(
                    2,
                    12,
                    "Оспанов \"Дархан\", мл.",
                    quoted,
                    NominatedBy::SelfNominated,
                ),
                row(
                    3,
                    13,
                    "Жақсылықова Әйгерім Ғабитқызы",
                    woman,
                    ppo("=HYPERLINK(\"x\")"),
                ),
            ],
            events: vec![
                ListEvent {
                    campaign: code("almaty-2020"),
                    target: code("aksu-maslikhat"),
                    number: 1,
                    seq: 90,
                    at: at("2020-11-10T19:30:00Z"),
                    actor: "organizer:ALM-AKSU".to_owned(),
                    kind: "drafted".to_owned(),
                    text: "drafted 3 names from 4 registered candidates in rating order".to_owned(),
                    detail: None,
                    reason: String::new(),
                    revision: 1,
                },
                ListEvent {
                    campaign: code("almaty-2020"),
                    target: code("aksu-maslikhat"),
                    number: 2,
                    seq: 97,
                    at: at("2020-11-11T10:40:00Z"),
                    actor: "organizer:ALM-AKSU".to_owned(),
                    kind: "approved".to_owned(),
                    text: "approved by ALM-AKSU.2020 vote 4".to_owned(),
                    detail: None,
                    reason: "Решение конференции".to_owned(),
                    revision: 3,
                },
            ],
            anchor: "97:9f86d081884c7d65".to_owned(),
        }
    }

    fn almaty() -> TimeZone {
        TimeZone::get("Asia/Almaty").unwrap_or_else(|e| unreachable!("{e}"))
    }

    #[test]
    fn the_public_csv_starts_with_a_bom_quotes_per_rfc_4180_and_holds_no_iin() {
        let sheet = sheet();
        let csv = public_csv(&sheet, Lang::Ru);
        assert!(csv.starts_with("\u{feff}№,\"Фамилия, имя, отчество\",Год рождения,Пол,"));
        let lines: Vec<&str> = csv.trim_start_matches(UTF8_BOM).split("\r\n").collect();
        assert_eq!(
            lines.len(),
            5,
            "header, three rows, and the empty rest: {csv:?}"
        );
        assert_eq!(lines[4], "");
        assert_eq!(
            lines[1],
            "1,Байсеитов Ерлан Маратович,1978,мужской,ППО села Жансугуров,Аксуский районный филиал,\"решение ППО — ППО села Жансугуров: Протокол № 3, 01.09.2020\",1,99,"
        );
        assert!(
            lines[2].starts_with("2,\"Оспанов \"\"Дархан\"\", мл.\",1990,мужской,"),
            "{}",
            lines[2]
        );
        assert!(lines[2].contains(",самовыдвижение,"), "{}", lines[2]);
        // A formula typed as a decision stays text in Excel.
        assert!(
            lines[3].contains("\"решение ППО — ППО села Жансугуров: =HYPERLINK(\"\"x\"\")\""),
            "{}",
            lines[3]
        );
        for row in &sheet.rows {
            assert!(!csv.contains(&row.iin.to_string()), "an IIN leaked: {csv}");
            assert!(
                !csv.contains(&dotted(row.birth_date)),
                "a birth date leaked"
            );
        }
    }

    #[test]
    fn a_cell_starting_like_a_formula_is_kept_as_text() {
        let mut out = String::new();
        csv_row(
            &mut out,
            &[
                "=1+1".to_owned(),
                "-2".to_owned(),
                "plain".to_owned(),
                String::new(),
            ],
        );
        assert_eq!(out, "\"'=1+1\",\"'-2\",plain,\r\n");
    }

    #[test]
    fn the_kazakh_csv_has_kazakh_headers_units_and_words() {
        let csv = public_csv(&sheet(), Lang::Kk);
        assert!(csv.starts_with(
            "\u{feff}№,\"Тегі, аты, әкесінің аты\",Туған жылы,Жынысы,Бастауыш партия ұйымы,Филиал,Кім ұсынды,Праймериз рейтингіндегі орны,Праймериздегі дауыстар,Конференциядағы дауыстар\r\n"
        ));
        assert!(
            csv.contains(",ер,Жансүгіров ауылының БПҰ,Ақсу аудандық филиалы,"),
            "{csv}"
        );
        assert!(csv.contains(",өзін-өзі ұсыну,"), "{csv}");
        assert!(csv.contains(",әйел,"), "{csv}");
        assert!(
            csv.contains("БПҰ шешімі — Жансүгіров ауылының БПҰ: "),
            "{csv}"
        );
    }

    #[test]
    fn the_russian_document_states_status_rules_places_moves_history_and_anchor() {
        let text = text_of(&document(&sheet(), Lang::Ru, &almaty()));
        for expected in [
            "Партийный список — Аксуский районный маслихат",
            "Выборы в маслихаты 2021",
            "Представительный орган: районный (городской) маслихат",
            "День выборов: 10.01.2021",
            // 10:40 UTC is 16:40 in Almaty (UTC+6 in 2020): the same day.
            "Статус: утверждён — заседание ALM-AKSU.2020, голосование № 4, 11.11.2020",
            "Редакция: 3",
            "Размер списка: от 3 до 4 кандидатов (мандатов — 3); в списке — 3.",
            "закон: не менее 30 % женщин и лиц моложе 29 лет | не менее 30 % — женщины и лица моложе 29 лет (каждый учитывается один раз) | 1 | 1",
            "партия: не менее 30 % женщин | не менее 30 % — женщины | 1 | 1",
            "1 | Байсеитов Ерлан Маратович | 1978, мужской | ППО села Жансугуров\nАксуский районный филиал | решение ППО: Протокол № 3, 01.09.2020 | 1 (99) | ",
            "Жақсылықова Әйгерім Ғабитқызы перемещена с позиции 4 в рейтинге на место 3: этого требует правило «партия: не менее 30 % женщин»",
            "размер списка: нужно 4, среди кандидатов есть 3",
            // 19:30 UTC on the 10th is already the 11th in Almaty.
            "1 | 11.11.2020 | составлен | drafted 3 names from 4 registered candidates in rating order | —",
            "2 | 11.11.2020 | утверждён | approved by ALM-AKSU.2020 vote 4 | Решение конференции",
            "Запись журнала, последней изменившая список: 97:9f86d081884c7d65",
            "mandat verify --anchor 97:9f86d081884c7d65",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        assert!(!text.contains("Нарушения правил"), "{text}");
        for row in &sheet().rows {
            assert!(
                !text.contains(&row.iin.to_string()),
                "an IIN leaked: {text}"
            );
        }
    }

    #[test]
    fn the_kazakh_document_uses_kazakh_words_and_letters() {
        let mut sheet = sheet();
        sheet.list.status = ListStatus::Draft;
        sheet.list.violations = vec![Violation::Quota {
            rule: "party: at least 30 % women".to_owned(),
            group: Group::Women,
            needed: 2,
            found: 1,
        }];
        let text = text_of(&document(&sheet, Lang::Kk, &almaty()));
        for expected in [
            "Партиялық тізім — Аксуский районный маслихат",
            "Мәртебесі: жоба",
            "Тізім ережелері",
            "кемінде 30 % — әйелдер",
            "Жақсылықова Әйгерім Ғабитқызы рейтингтегі 4 позициядан тізімдегі 3 орынға көтерілді: мұны «партия: әйелдер кемінде 30 %» ережесі талап етеді",
            "Ережелердің бұзылуы",
            "«партия: әйелдер кемінде 30 %»: кемінде 2 қажет (әйелдер), тізімде 1",
            "Тізім тарихы",
            "бекітілді",
            "Тізімді соңғы өзгерткен журнал жазбасы: 97:9f86d081884c7d65",
            "Жансүгіров ауылының БПҰ\nАқсу аудандық филиалы",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
            assert!(text.contains(letter), "missing {letter} in\n{text}");
        }
    }

    #[test]
    fn a_typed_event_is_told_in_the_readers_language_and_an_old_one_as_recorded() {
        let mut sheet = sheet();
        sheet.events[0].detail = Some(ListChange::Drafted {
            names: 3,
            candidates: 4,
            moves: vec![super::super::DraftMove {
                name: "Жақсылықова Әйгерім Ғабитқызы".to_owned(),
                sex: Some(Sex::Female),
                from: 4,
                to: 3,
                passed_over: "Оспанов Дархан".to_owned(),
                passed_over_from: 3,
                rules: vec!["party: at least 30 % women".to_owned()],
                also_passed_over: Vec::new(),
            }],
            shortfalls: Vec::new(),
        });
        let kazakh = text_of(&document(&sheet, Lang::Kk, &almaty()));
        assert!(
            kazakh.contains("тіркелген 4 кандидаттың 3 кандидаты рейтинг ретімен тізімге енгізілді; Жақсылықова Әйгерім Ғабитқызы рейтингтегі 4 позициядан тізімдегі 3 орынға көтерілді: мұны «партия: әйелдер кемінде 30 %» ережесі талап етеді"),
            "{kazakh}"
        );
        let russian = text_of(&document(&sheet, Lang::Ru, &almaty()));
        assert!(
            russian.contains("в порядке рейтинга в список включены 3 кандидата из 4 зарегистрированных; Жақсылықова Әйгерім Ғабитқызы перемещена"),
            "{russian}"
        );
        assert!(!russian.contains("drafted"), "{russian}");
        // The second event was recorded before events were typed: shown as it was.
        assert!(
            russian.contains("approved by ALM-AKSU.2020 vote 4"),
            "{russian}"
        );
        let english = list_change_sentence(
            Lang::En,
            &ListChange::Approved {
                meeting: code("ALM-AKSU.2020"),
                vote: 4,
            },
        );
        assert_eq!(
            english,
            "approved by ALM-AKSU.2020, vote 4: the list is frozen"
        );
    }

    #[test]
    fn a_candidate_pushed_down_earlier_is_explained_as_taking_a_place_ahead() {
        let mut sheet = sheet();
        sheet.list.displacements = vec![Displacement {
            candidate: 2,
            from: 2,
            to: 2,
            passed_over: 9,
            rules: vec!["a".to_owned(), "b".to_owned()],
            also_passed_over: Vec::new(),
            explanation: String::new(),
        }];
        let ru = text_of(&document(&sheet, Lang::Ru, &TimeZone::UTC));
        assert!(
            ru.contains("занимает место 2 (позиция в рейтинге 2) выше кандидата с более высоким рейтингом — кандидат № 9: этого требует правила «a», «b»"),
            "{ru}"
        );
        let en = text_of(&document(&sheet, Lang::En, &TimeZone::UTC));
        assert!(en.contains("Election day: 2021-01-10"), "{en}");
        assert!(en.contains("takes place 2 (rating position 2) ahead of a higher-rated candidate — candidate No. 9, as required by the rules «a», «b»"), "{en}");
    }

    #[test]
    fn the_commission_export_is_refused_until_the_list_is_approved() {
        let mut sheet = sheet();
        sheet.list.status = ListStatus::UnderVote {
            meeting: code("ALM-AKSU.2020"),
            vote: 4,
        };
        let refused = commission_export(&sheet);
        let Err(error) = refused else {
            unreachable!("a list under vote was exported")
        };
        let message = error.to_string();
        assert!(message.contains("is under_vote"), "{message}");
        assert!(message.contains("approved lists only"), "{message}");
    }

    #[test]
    fn the_commission_export_has_iins_dotted_birth_dates_and_a_matching_manifest() {
        let sheet = sheet();
        let export = commission_export(&sheet).unwrap_or_else(|e| unreachable!("{e}"));
        let body = export.csv.trim_start_matches(UTF8_BOM);
        let mut lines = body.split("\r\n");
        assert_eq!(
            lines.next(),
            Some(
                "№,\"Фамилия, имя, отчество\",Дата рождения,ИИН,Пол,Партийная организация,Кем выдвинут"
            )
        );
        let first = lines.next().unwrap_or_default();
        let iin = sheet.rows[0].iin.to_string();
        assert!(
            first.starts_with(&format!(
                "1,Байсеитов Ерлан Маратович,12.04.1978,{iin},мужской,ППО села Жансугуров — Аксуский районный филиал,"
            )),
            "{first}"
        );
        let manifest = serde_json::to_value(&export.manifest).unwrap_or_default();
        assert_eq!(manifest["campaign"], "almaty-2020");
        assert_eq!(manifest["target"], "aksu-maslikhat");
        assert_eq!(manifest["status"], "approved");
        assert_eq!(manifest["approved_by"]["meeting"], "ALM-AKSU.2020");
        assert_eq!(manifest["approved_by"]["vote"], 4);
        assert_eq!(manifest["revision"], 3);
        assert_eq!(manifest["anchor"], "97:9f86d081884c7d65");
        assert_eq!(
            manifest["sha256"],
            hex::encode(Sha256::digest(export.csv.as_bytes()))
        );
    }

    #[test]
    fn the_sheet_json_never_carries_the_iin() {
        let sheet = sheet();
        let json = serde_json::to_string(&sheet).unwrap_or_default();
        assert!(json.contains("Жақсылықова"));
        for row in &sheet.rows {
            assert!(!json.contains(&row.iin.to_string()), "{json}");
        }
    }
}
