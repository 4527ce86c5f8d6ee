//! The minutes rendered as a [`crate::document::Document`] in Russian, Kazakh or English.
//!
//! Every word shown comes from one message catalogue per language ([`Catalogue`]), so that a
//! translator edits one place. Unit names arrive already translated ([`UnitNames`]) and in the
//! nominative, so the sentences are built to need no declension of them: a name follows a dash
//! or a colon, never a preposition.

use super::minutes::{Minutes, MinutesVote, Person};
use super::model::{Failure, FailureCause, MeetingKind, MeetingStatus, Platform, QuorumShortfall};
use super::open_vote::{DecisionRule, Verdict};
use super::quorum::QuorumRule;
use crate::document::{Block, Document};
use crate::i18n::{self, Lang, Param};
use crate::model::UnitNames;

/// Builds the full minutes (протокол / хаттама) of a meeting in `lang`.
pub fn render(minutes: &Minutes, lang: Lang) -> Document {
    let words = &Catalogue { lang };
    let title = match &minutes.protocol_number {
        Some(number) => words.with("minutes-title-numbered", &[("number", number.into())]),
        None => words.get("minutes-title"),
    };
    let mut doc = Document::new(title, lang);
    header(&mut doc, words, minutes, lang);
    attendance(&mut doc, words, minutes);
    credentials(&mut doc, words, minutes);
    quorum(&mut doc, words, minutes, lang);
    working_bodies(&mut doc, words, minutes);
    if !minutes.agenda.is_empty() {
        doc.push(Block::Heading(words.get("minutes-agenda")));
        doc.push(Block::List(minutes.agenda.clone()));
    }
    if !minutes.votes.is_empty() {
        doc.push(Block::Heading(words.get("minutes-votes")));
        for vote in &minutes.votes {
            push_vote(&mut doc, words, vote);
        }
    }
    debates(&mut doc, words, minutes);
    items(&mut doc, words, minutes);
    delegates(&mut doc, words, minutes, lang);
    if !minutes.streams.is_empty() {
        doc.push(Block::Heading(words.get("minutes-streams")));
        let links = minutes
            .streams
            .iter()
            .map(|stream| format!("{}: {}", words.platform(stream.platform), stream.url))
            .collect();
        doc.push(Block::List(links));
    }
    doc.push(Block::Signatures(vec![
        words.get("minutes-chair"),
        words.get("minutes-secretary"),
    ]));
    commission_protocol(&mut doc, words, minutes);
    if let Some(scan) = &minutes.signed {
        doc.push(Block::Note(words.with(
            "minutes-signed-scan",
            &[
                ("attached", scan.attached_local.as_str().into()),
                ("size", scan.size.into()),
                ("sha256", scan.sha256.as_str().into()),
            ],
        )));
    }
    doc.push(Block::Note(
        words.anchor(minutes.anchor_is_close, &minutes.anchor),
    ));
    doc
}

/// The counting commission's protocol of every vote it counted, attached to the minutes: who
/// was present, the counts including those who did not vote, the result, and a signature line
/// for each member of the commission.
fn commission_protocol(doc: &mut Document, words: &Catalogue, minutes: &Minutes) {
    if minutes.counting_commission.is_empty() {
        return;
    }
    let rows: Vec<Vec<String>> = minutes
        .votes
        .iter()
        .filter_map(|vote| {
            let verdict = vote.verdict?;
            let voted = vote.for_ + vote.against + vote.abstain;
            // `present` counts those attending remotely too.
            let present = vote.present;
            Some(vec![
                vote.number.to_string(),
                motion_words(words, vote.motion_kind),
                present.to_string(),
                format!("{} / {} / {}", vote.for_, vote.against, vote.abstain),
                present.saturating_sub(voted).to_string(),
                words.get(match verdict {
                    Verdict::Adopted => "minutes-adopted",
                    Verdict::Rejected => "minutes-rejected",
                }),
            ])
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    doc.push(Block::Heading(words.get("minutes-commission-protocol")));
    let members: Vec<&str> = minutes
        .counting_commission
        .iter()
        .map(|person| person.full_name.as_str())
        .collect();
    doc.push(Block::Paragraph(words.with(
        "minutes-commission-intro",
        &[
            ("meeting", minutes.meeting_code.as_str().into()),
            ("members", members.join(", ").into()),
        ],
    )));
    doc.push(Block::Table {
        header: vec![
            "№".to_owned(),
            words.get("minutes-commission-motion"),
            words.get("minutes-commission-present"),
            words.get("minutes-commission-counts"),
            words.get("minutes-commission-not-voted"),
            words.get("minutes-result"),
        ],
        rows,
    });
    doc.push(Block::Signatures(
        members
            .iter()
            .map(|name| words.with("minutes-commission-member", &[("name", (*name).into())]))
            .collect(),
    ));
}

fn header(doc: &mut Document, words: &Catalogue, minutes: &Minutes, lang: Lang) {
    doc.push(Block::Paragraph(minutes.campaign_name.clone()));
    doc.push(Block::Heading(format!(
        "{} — {}",
        meeting_words(words, minutes.kind, minutes.extraordinary),
        unit_name(&minutes.unit, lang)
    )));
    let mut facts = vec![(
        words.get("minutes-held"),
        format!(
            "{} ({})",
            words.date(&minutes.held_local),
            minutes.time_zone
        ),
    )];
    if let Some(recorded) = &minutes.recorded_local {
        facts.push((words.get("minutes-recorded"), words.date(recorded)));
    }
    facts.push((words.get("minutes-venue"), minutes.venue.clone()));
    if !minutes.convened_by.is_empty() {
        facts.push((
            words.get("minutes-convened-by"),
            minutes.convened_by.clone(),
        ));
    }
    facts.push((
        words.get("minutes-meeting-code"),
        minutes.meeting_code.clone(),
    ));
    facts.push((
        words.get("minutes-status-label"),
        words.get(&format!("minutes-status-{}", minutes.status.as_str())),
    ));
    doc.push(Block::KeyValues(facts));
}

fn attendance(doc: &mut Document, words: &Catalogue, minutes: &Minutes) {
    doc.push(Block::Heading(words.get("minutes-attendance")));
    doc.push(Block::KeyValues(vec![
        (
            words.get("minutes-electorate"),
            minutes.electorate.to_string(),
        ),
        (words.get("minutes-in-hall"), minutes.in_hall.to_string()),
        (words.get("minutes-remote"), minutes.remote.to_string()),
        (
            words.get("minutes-present-total"),
            present(minutes).to_string(),
        ),
    ]));
}

fn present(minutes: &Minutes) -> u64 {
    u64::from(minutes.in_hall) + u64::from(minutes.remote)
}

fn credentials(doc: &mut Document, words: &Catalogue, minutes: &Minutes) {
    // A PPO meeting has no mandates and so no credentials commission, unless one reported.
    let text = match (&minutes.credentials_text, minutes.kind.has_mandates()) {
        (Some(text), _) => text.clone(),
        (None, true) => words.get("minutes-credentials-missing"),
        (None, false) => return,
    };
    doc.push(Block::Heading(words.get("minutes-credentials")));
    doc.push(Block::Paragraph(text));
}

fn quorum(doc: &mut Document, words: &Catalogue, minutes: &Minutes, lang: Lang) {
    doc.push(Block::Heading(words.get("minutes-quorum")));
    doc.push(Block::KeyValues(vec![
        (
            words.get("minutes-quorum-rule"),
            words.quorum_rule_words(minutes.quorum_rule),
        ),
        (
            words.get("minutes-quorum-minimum"),
            minutes.quorum_minimum.to_string(),
        ),
        (words.get("minutes-present"), present(minutes).to_string()),
    ]));
    // A meeting that failed for another reason (rules version 2) did not fail for want of a
    // quorum, and its minutes do not say so.
    let other_cause = minutes
        .failed
        .as_ref()
        .is_some_and(|f| f.cause == Some(FailureCause::Other));
    if !other_cause {
        let verdict = if minutes.quorum_met {
            words.get("minutes-quorum-met")
        } else {
            words.get("minutes-quorum-not-met")
        };
        doc.push(Block::Paragraph(verdict.to_owned()));
    }
    if minutes.status == MeetingStatus::Failed {
        doc.push(Block::Paragraph(words.get(if other_cause {
            "minutes-failed-other"
        } else {
            "minutes-failed"
        })));
    }
    let recorded = minutes.failure.as_deref().and_then(failure_from_sentence);
    match (
        minutes.failed.as_ref().or(recorded.as_ref()),
        &minutes.failure,
    ) {
        (Some(failed), _) => {
            let mut grounds = failed.reason.clone();
            if let Some(q) = failed.quorum {
                grounds.push_str("; ");
                grounds.push_str(&i18n::message_with(
                    lang,
                    "minutes-failed-quorum",
                    &[
                        ("present", q.present.into()),
                        ("electorate", q.electorate.into()),
                        ("needed", q.needed.into()),
                    ],
                ));
            }
            doc.push(Block::Paragraph(format!(
                "{}: {grounds}",
                words.get("minutes-grounds")
            )));
        }
        (None, Some(failure)) => {
            doc.push(Block::Paragraph(format!(
                "{}: {failure}",
                words.get("minutes-grounds")
            )));
        }
        (None, None) => {}
    }
}

/// The failure of a meeting recorded before failures were typed, read back from the sentence
/// `fail_meeting` wrote then (`REASON: P of E present, at least N needed`), so that the
/// minutes give the numbers in the reader's language; any other sentence is shown as recorded.
fn failure_from_sentence(sentence: &str) -> Option<Failure> {
    let (reason, numbers) = sentence.rsplit_once(": ")?;
    let numbers = numbers.strip_suffix(" needed")?;
    let (present, rest) = numbers.split_once(" of ")?;
    let (electorate, needed) = rest.split_once(" present, at least ")?;
    Some(Failure {
        reason: reason.to_owned(),
        quorum: Some(QuorumShortfall {
            present: present.parse().ok()?,
            electorate: electorate.parse().ok()?,
            needed: needed.parse().ok()?,
        }),
        cause: None,
    })
}

fn working_bodies(doc: &mut Document, words: &Catalogue, minutes: &Minutes) {
    if minutes.chair.is_none()
        && minutes.secretary.is_none()
        && minutes.counting_commission.is_empty()
    {
        return;
    }
    let name = |person: &Option<Person>| {
        person
            .as_ref()
            .map_or_else(|| "—".to_owned(), |person| person.full_name.clone())
    };
    let commission = if minutes.counting_commission.is_empty() {
        "—".to_owned()
    } else {
        minutes
            .counting_commission
            .iter()
            .map(|person| person.full_name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    doc.push(Block::Heading(words.get("minutes-working-bodies")));
    doc.push(Block::KeyValues(vec![
        (words.get("minutes-chair"), name(&minutes.chair)),
        (words.get("minutes-secretary"), name(&minutes.secretary)),
        (words.get("minutes-counting-commission"), commission),
    ]));
}

fn push_vote(doc: &mut Document, words: &Catalogue, vote: &MinutesVote) {
    let shown = vote_words_in(words, vote);
    doc.push(Block::Heading(shown.heading));
    for line in shown.subject {
        doc.push(Block::Paragraph(line));
    }
    doc.push(Block::KeyValues(shown.rows));
}

/// One vote as the minutes word it: the heading (number and motion), what was put, and the
/// rows (present, the votes, the rule in words with the votes needed, recounts, the result).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteWords {
    pub heading: String,
    pub subject: Vec<String>,
    pub rows: Vec<(String, String)>,
}

/// A vote in the minutes' words in `lang` (the projector view shows a result the same way).
pub fn vote_words(vote: &MinutesVote, lang: Lang) -> VoteWords {
    vote_words_in(&Catalogue { lang }, vote)
}

/// A vote's heading in `lang` as the minutes give it (the secretary's console lists votes so).
pub fn vote_title(vote: &MinutesVote, lang: Lang) -> String {
    vote_words(vote, lang).heading
}

/// A vote's numbers and result in `lang`, in the minutes' words (the console's results).
pub fn vote_result(vote: &MinutesVote, lang: Lang) -> Vec<(String, String)> {
    vote_words(vote, lang).rows
}

/// The meeting's title as the minutes give it: its kind, then its unit's name in `lang`.
pub fn meeting_title(minutes: &Minutes, lang: Lang) -> String {
    let words = &Catalogue { lang };
    format!(
        "{} — {}",
        meeting_words(words, minutes.kind, minutes.extraordinary),
        unit_name(&minutes.unit, lang)
    )
}

fn vote_words_in(words: &Catalogue, vote: &MinutesVote) -> VoteWords {
    let heading = words.vote_heading(vote.number, &motion_words(words, vote.motion_kind));
    let subject = vote.subject.clone();
    let present = if vote.present_remote > 0 {
        words.present_with_remote(vote.present, vote.present_remote)
    } else {
        vote.present.to_string()
    };
    let mut rows = vec![(words.get("minutes-present"), present)];
    let Some(verdict) = vote.verdict else {
        rows.push((
            words.get("minutes-result"),
            words.get("minutes-not-counted"),
        ));
        return VoteWords {
            heading,
            subject,
            rows,
        };
    };
    rows.extend([
        (
            words.get("minutes-voted"),
            words.tally(vote.for_, vote.against, vote.abstain),
        ),
        (
            words.get("minutes-decision-rule"),
            format!(
                "{}; {}",
                words.get(match vote.rule {
                    DecisionRule::MajorityOfPresent => "minutes-rule-majority-of-present",
                    DecisionRule::TwoThirdsOfPresent => "minutes-rule-two-thirds-of-present",
                    DecisionRule::MajorityOfVotesCast => "minutes-rule-majority-of-votes-cast",
                }),
                words.votes_needed(vote.votes_needed)
            ),
        ),
    ]);
    if vote.counts > 1 {
        rows.push((
            words.get("minutes-recount"),
            words.recount_number(vote.counts - 1),
        ));
    }
    let decision = match verdict {
        Verdict::Adopted => words.get("minutes-adopted"),
        Verdict::Rejected => words.get("minutes-rejected"),
    };
    rows.push((words.get("minutes-result"), decision.to_owned()));
    VoteWords {
        heading,
        subject,
        rows,
    }
}

/// The debates of candidates held in the unit that day, before the delegates' rating vote.
fn debates(doc: &mut Document, words: &Catalogue, minutes: &Minutes) {
    if minutes.debates.is_empty() {
        return;
    }
    doc.push(Block::Heading(words.get("minutes-debates")));
    for d in &minutes.debates {
        doc.push(Block::Paragraph(words.with(
            "minutes-debate",
            &[
                ("target", d.target.as_str().into()),
                ("starts", d.starts_local.as_str().into()),
            ],
        )));
        doc.push(Block::List(
            d.participants
                .iter()
                .map(|(name, attendance)| {
                    let said = words.get(match attendance {
                        Some(crate::poll::DebateAttendance::TookPart) => "minutes-debate-took-part",
                        Some(crate::poll::DebateAttendance::Refused) => "minutes-debate-refused",
                        Some(crate::poll::DebateAttendance::Absent) => "minutes-debate-absent",
                        Some(crate::poll::DebateAttendance::Accepted) | None => {
                            "minutes-debate-not-recorded"
                        }
                    });
                    format!("{name} — {said}")
                })
                .collect(),
        ));
        if let Some(url) = &d.recording {
            doc.push(Block::Paragraph(words.with(
                "minutes-debate-recording",
                &[("url", url.as_str().into())],
            )));
        }
    }
}

/// Each agenda item: who spoke (СЛУШАЛИ) and what was decided (ПОСТАНОВИЛИ), by vote.
fn items(doc: &mut Document, words: &Catalogue, minutes: &Minutes) {
    if minutes.items.is_empty() {
        return;
    }
    doc.push(Block::Heading(words.get("minutes-items")));
    for item in &minutes.items {
        doc.push(Block::Paragraph(format!("{}. {}", item.number, item.text)));
        doc.push(Block::Paragraph(words.get("minutes-heard")));
        if item.speakers.is_empty() {
            doc.push(Block::Paragraph(words.get("minutes-no-speakers")));
        } else {
            doc.push(Block::List(
                item.speakers
                    .iter()
                    .map(|s| format!("{} ({}): {}", s.name, s.role, s.topic))
                    .collect(),
            ));
        }
        doc.push(Block::Paragraph(words.get("minutes-resolved")));
        let decided: Vec<String> = minutes
            .votes
            .iter()
            .filter(|v| item.decided_by.contains(&v.number))
            .map(|v| {
                let verdict = match v.verdict {
                    Some(Verdict::Adopted) => words.get("minutes-adopted"),
                    Some(Verdict::Rejected) => words.get("minutes-rejected"),
                    None => words.get("minutes-not-counted"),
                };
                let subject = v.subject.join("; ");
                format!(
                    "{}: {} — {} ({})",
                    words.vote_heading(v.number, &motion_words(words, v.motion_kind)),
                    subject,
                    verdict,
                    words.tally(v.for_, v.against, v.abstain)
                )
            })
            .collect();
        if decided.is_empty() {
            doc.push(Block::Paragraph(words.get("minutes-nothing-decided")));
        } else {
            doc.push(Block::List(decided));
        }
    }
}

fn delegates(doc: &mut Document, words: &Catalogue, minutes: &Minutes, lang: Lang) {
    if minutes.delegates.is_empty() {
        return;
    }
    doc.push(Block::Heading(words.get("minutes-delegates")));
    if let Some(to) = &minutes.delegates_to {
        doc.push(Block::Paragraph(format!(
            "{}: {}",
            words.get("minutes-delegates-to"),
            unit_name(to, lang)
        )));
    }
    let rows = minutes
        .delegates
        .iter()
        .zip(1u32..)
        .map(|(person, number)| {
            vec![
                number.to_string(),
                person.full_name.clone(),
                unit_name(&person.unit, lang).to_owned(),
            ]
        })
        .collect();
    doc.push(Block::Table {
        header: vec![
            "№".to_owned(),
            words.get("minutes-full-name"),
            words.get("minutes-unit"),
        ],
        rows,
    });
}

fn unit_name(names: &UnitNames, lang: Lang) -> &str {
    names.in_lang(lang)
}

/// Every sentence of the minutes in one language, from the catalogue (`minutes.ftl`): plain
/// labels through [`Catalogue::get`], sentences with numbers through the methods below, so that
/// each language orders and inflects them itself.
struct Catalogue {
    lang: Lang,
}

/// What a vote was on, from its motion's kind (`minutes-motion-*`); an unknown kind as recorded.
fn motion_words(words: &Catalogue, kind: &str) -> String {
    let key = format!("minutes-motion-{}", kind.replace('_', "-"));
    if i18n::has(words.lang, &key) {
        words.get(&key)
    } else {
        kind.to_owned()
    }
}

/// What kind of meeting it was, as the minutes' heading names it.
fn meeting_words(words: &Catalogue, kind: MeetingKind, extraordinary: bool) -> String {
    words.get(match (kind, extraordinary) {
        (MeetingKind::PpoMeeting, false) => "minutes-meeting-ppo",
        (MeetingKind::PpoMeeting, true) => "minutes-meeting-ppo-extraordinary",
        (MeetingKind::Congress, false) => "minutes-meeting-congress",
        (MeetingKind::Congress, true) => "minutes-meeting-congress-extraordinary",
        (_, false) => "minutes-meeting-conference",
        (_, true) => "minutes-meeting-conference-extraordinary",
    })
}

impl Catalogue {
    /// A fixed word of the minutes in this language, from minutes.ftl.
    fn get(&self, key: &str) -> String {
        i18n::message(self.lang, key)
    }

    fn with(&self, key: &str, params: &[(&str, Param)]) -> String {
        i18n::message_with(self.lang, key, params)
    }

    /// A local time `2020-11-07 10:00` as the language writes dates (`07.11.2020 10:00` in
    /// Russian and Kazakh); anything not in that shape is shown as given.
    fn date(&self, local: &str) -> String {
        let (date, time) = local.split_once(' ').unwrap_or((local, ""));
        let mut parts = date.split('-');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(year), Some(month), Some(day), None)
                if year.len() == 4 && month.len() == 2 && day.len() == 2 =>
            {
                self.with(
                    "common-local-time",
                    &[
                        ("year", year.into()),
                        ("month", month.into()),
                        ("day", day.into()),
                        ("time", time.into()),
                    ],
                )
                .trim_end()
                .to_owned()
            }
            _ => local.to_owned(),
        }
    }

    fn quorum_rule_words(&self, rule: QuorumRule) -> String {
        match rule {
            QuorumRule::MoreThanHalf => self.get("minutes-quorum-more-than-half"),
            QuorumRule::AtLeast { fraction } => self.with(
                "minutes-quorum-at-least",
                &[
                    ("numerator", fraction.numerator().into()),
                    ("denominator", fraction.denominator().into()),
                ],
            ),
        }
    }

    fn vote_heading(&self, number: u32, motion: &str) -> String {
        self.with(
            "minutes-vote-heading",
            &[("number", number.into()), ("motion", motion.into())],
        )
    }

    fn present_with_remote(&self, present: u32, remote: u32) -> String {
        self.with(
            "minutes-present-with-remote",
            &[("present", present.into()), ("remote", remote.into())],
        )
    }

    fn tally(&self, for_: u32, against: u32, abstain: u32) -> String {
        self.with(
            "minutes-tally",
            &[
                ("for", for_.into()),
                ("against", against.into()),
                ("abstain", abstain.into()),
            ],
        )
    }

    fn votes_needed(&self, needed: u64) -> String {
        self.with("minutes-votes-needed", &[("needed", needed.into())])
    }

    fn recount_number(&self, number: u32) -> String {
        self.with("minutes-recount-number", &[("number", number.into())])
    }

    /// Platform names are brands, the same in every language, except "other".
    fn platform(&self, platform: Platform) -> String {
        match platform {
            Platform::Facebook => "Facebook".to_owned(),
            Platform::Instagram => "Instagram".to_owned(),
            Platform::Youtube => "YouTube".to_owned(),
            Platform::Other => self.get("minutes-platform-other"),
        }
    }

    fn anchor(&self, at_close: bool, anchor: &str) -> String {
        let key = if at_close {
            "minutes-anchor-at-close"
        } else {
            "minutes-anchor-at-printing"
        };
        self.with(key, &[("anchor", anchor.into())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::model::Stream;

    fn names(ru: &str, kk: &str, en: &str) -> UnitNames {
        UnitNames {
            ru: ru.to_owned(),
            kk: kk.to_owned(),
            en: en.to_owned(),
        }
    }

    fn person(full_name: &str) -> Person {
        Person {
            full_name: full_name.to_owned(),
            unit: names(
                "ППО №5 Аксуского района",
                "Ақсу ауданының №5 БПҰ",
                "PPO No. 5 of Aksu district",
            ),
        }
    }

    fn held_conference() -> Minutes {
        Minutes {
            campaign_name: "Праймериз партии, 2020".to_owned(),
            meeting_code: "ALM-AKSU-C1".to_owned(),
            unit: names(
                "Аксуский районный филиал",
                "Ақсу аудандық филиалы",
                "Aksu district branch",
            ),
            kind: MeetingKind::BranchConference,
            extraordinary: true,
            status: MeetingStatus::Closed,
            convened_by: "Решение бюро № 12 от 01.11.2020".to_owned(),
            held_local: "2020-11-11 10:00".to_owned(),
            time_zone: "Asia/Almaty".to_owned(),
            recorded_local: Some("2020-11-12 09:30".to_owned()),
            venue: "Жансугуров, Дом культуры".to_owned(),
            streams: vec![Stream {
                platform: Platform::Facebook,
                url: "https://facebook.com/aksu/live".to_owned(),
            }],
            electorate: 137,
            in_hall: 101,
            remote: 7,
            credentials_text: Some("Зарегистрировано 108 делегатов.".to_owned()),
            quorum_rule: QuorumRule::MoreThanHalf,
            quorum_minimum: 69,
            quorum_met: true,
            failure: None,
            failed: None,
            chair: Some(person("Гауһар Сәрсенбаева")),
            secretary: Some(person("Ержан Нұрланұлы Өмірбеков")),
            counting_commission: vec![person("Айгүл Қасымова"), person("Дәурен Мұқанов")],
            agenda: vec!["Об избрании делегатов на областную конференцию".to_owned()],
            items: Vec::new(),
            protocol_number: None,
            votes: vec![
                MinutesVote {
                    number: 1,
                    motion_kind: "agenda",
                    subject: vec!["Повестка дня".to_owned()],
                    rule: DecisionRule::MajorityOfPresent,
                    present: 108,
                    present_remote: 7,
                    for_: 45,
                    against: 40,
                    abstain: 15,
                    counts: 2,
                    verdict: Some(Verdict::Rejected),
                    votes_needed: 55,
                    item: None,
                },
                MinutesVote {
                    number: 2,
                    motion_kind: "delegates",
                    subject: vec!["Гауһар Сәрсенбаева".to_owned()],
                    rule: DecisionRule::TwoThirdsOfPresent,
                    present: 108,
                    present_remote: 0,
                    for_: 0,
                    against: 0,
                    abstain: 0,
                    counts: 1,
                    verdict: None,
                    votes_needed: 72,
                    item: Some(1),
                },
            ],
            signed: None,
            debates: Vec::new(),
            delegates: vec![person("Гауһар Сәрсенбаева")],
            delegates_to: Some(names(
                "Алматинский областной филиал",
                "Алматы облыстық филиалы",
                "Almaty regional branch",
            )),
            anchor: "4711:9f86d081884c7d65".to_owned(),
            anchor_is_close: true,
        }
    }

    fn text_of(doc: &Document) -> String {
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
                Block::Table { header, rows } => header
                    .iter()
                    .chain(rows.iter().flatten())
                    .cloned()
                    .collect(),
                Block::List(items) | Block::Signatures(items) => items.clone(),
            };
            for part in parts {
                text.push('\n');
                text.push_str(&part);
            }
        }
        text
    }

    #[test]
    fn russian_minutes_show_every_number_and_both_dates() {
        let text = text_of(&render(&held_conference(), Lang::Ru));
        for expected in [
            "ПРОТОКОЛ",
            "Внеочередная конференция — Аксуский районный филиал",
            "11.11.2020 10:00 (Asia/Almaty)",
            "Внесён в систему: 12.11.2020 09:30",
            "Имеют право участвовать: 137",
            "Зарегистрированы в зале: 101",
            "Участвуют удалённо: 7",
            "Всего присутствуют: 108",
            "Необходимый минимум: 69",
            "Кворум имеется.",
            "Присутствуют: 108, в том числе удалённо — 7",
            "Голосовали: «за» — 45, «против» — 40, «воздержались» — 15",
            "Правило принятия решения: большинство от числа присутствующих; необходимо голосов «за» — 55",
            "Пересчёт голосов: № 1",
            "Итог: Решение не принято",
            "Итог: Голоса не подсчитаны",
            "Конференция: Алматинский областной филиал",
            "Председатель: Гауһар Сәрсенбаева",
            "https://facebook.com/aksu/live",
            "на момент закрытия: 4711:9f86d081884c7d65",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
    }

    #[test]
    fn kazakh_minutes_use_kazakh_letters_and_words() {
        let text = text_of(&render(&held_conference(), Lang::Kk));
        for expected in [
            "ХАТТАМА",
            "Кезектен тыс конференция — Ақсу аудандық филиалы",
            "Кворум бар.",
            "Дауыс беру нәтижесі: «жақтады» — 45, «қарсы» — 40, «қалыс қалды» — 15",
            "қатысушылардың көпшілік даусы; қабылдау үшін кемінде 55 «жақтады» дауысы қажет",
            "Шешім қабылданбады",
            "Төраға",
            "Хатшы",
            "Есеп комиссиясы",
            "Күн тәртібі",
            "Сайланған делегаттар",
            "Қатысуға құқылы: 137",
            "108, оның ішінде қашықтан — 7",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'] {
            assert!(text.contains(letter), "missing {letter} in\n{text}");
        }
    }

    #[test]
    fn an_adopted_vote_says_so_in_each_language() {
        let mut minutes = held_conference();
        minutes.votes[0].verdict = Some(Verdict::Adopted);
        let adopted = [
            (Lang::Ru, "Решение принято"),
            (Lang::Kk, "Шешім қабылданды"),
            (Lang::En, "Result: Adopted"),
        ];
        for (lang, expected) in adopted {
            let text = text_of(&render(&minutes, lang));
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
    }

    #[test]
    fn the_debate_before_the_rating_vote_is_in_the_minutes_with_who_took_part() {
        let mut minutes = held_conference();
        minutes.debates = vec![crate::meeting::minutes::MinutesDebate {
            target: "ALM.maslikhat".to_owned(),
            starts_local: "2020-11-11 09:30".to_owned(),
            participants: vec![
                (
                    "Айгүл Қасымова".to_owned(),
                    Some(crate::poll::DebateAttendance::TookPart),
                ),
                (
                    "Дәурен Мұқанов".to_owned(),
                    Some(crate::poll::DebateAttendance::Refused),
                ),
            ],
            recording: None,
        }];
        let ru = text_of(&render(&minutes, Lang::Ru));
        assert!(
            ru.contains("Дебаты кандидатов в ALM.maslikhat, 2020-11-11 09:30")
                && ru.contains("Айгүл Қасымова — участвовал(а)")
                && ru.contains("Дәурен Мұқанов — отказался(ась) от участия"),
            "{ru}"
        );
        let kk = text_of(&render(&minutes, Lang::Kk));
        assert!(kk.contains("Дәурен Мұқанов — қатысудан бас тартты"), "{kk}");
    }

    #[test]
    fn the_counting_commission_signs_its_protocol_of_every_vote_it_counted() {
        let minutes = held_conference();
        let ru = text_of(&render(&minutes, Lang::Ru));
        let annex = ru.split("Протокол счётной комиссии").nth(1).unwrap_or("");
        assert!(!annex.is_empty(), "no commission protocol: {ru}");
        // Vote 1 was counted: 108 present, 45 / 40 / 15, 8 did not vote. Vote 2 never was.
        assert!(
            annex.contains("45 / 40 / 15") && annex.contains("\n8\n"),
            "{annex}"
        );
        assert!(!annex.contains("избрание делегатов"), "{annex}");
        for name in ["Айгүл Қасымова", "Дәурен Мұқанов"] {
            assert!(
                annex.contains(&format!("Член счётной комиссии {name}")),
                "{annex}"
            );
        }
        let kk = text_of(&render(&minutes, Lang::Kk));
        assert!(
            kk.contains("Санақ комиссиясының хаттамасы") && kk.contains("Дауыс бермегендер"),
            "{kk}"
        );
        // A meeting without a counting commission has no annex.
        let mut ppo = held_conference();
        ppo.counting_commission.clear();
        assert!(!text_of(&render(&ppo, Lang::Ru)).contains("Протокол счётной комиссии"));
    }

    #[test]
    fn an_item_says_who_spoke_and_what_was_resolved_and_the_title_carries_the_number() {
        let mut minutes = held_conference();
        minutes.protocol_number = Some("7".to_owned());
        minutes.items = vec![crate::meeting::minutes::MinutesItem {
            number: 1,
            text: minutes.agenda[0].clone(),
            speakers: vec![crate::meeting::model::Speaker {
                item: 1,
                name: "Гауһар Сәрсенбаева".to_owned(),
                role: "первый заместитель председателя филиала".to_owned(),
                topic: "о кандидатах в делегаты".to_owned(),
                at: jiff::Timestamp::UNIX_EPOCH,
                time_limit_s: None,
            }],
            decided_by: vec![2],
        }];
        let ru = text_of(&render(&minutes, Lang::Ru));
        assert!(ru.contains("ПРОТОКОЛ № 7"), "{ru}");
        assert!(
            ru.contains("СЛУШАЛИ:") && ru.contains("ПОСТАНОВИЛИ:"),
            "{ru}"
        );
        assert!(
            ru.contains(
                "Гауһар Сәрсенбаева (первый заместитель председателя филиала): о кандидатах в делегаты"
            ),
            "{ru}"
        );
        let kk = text_of(&render(&minutes, Lang::Kk));
        assert!(
            kk.contains("ХАТТАМА № 7") && kk.contains("ТЫҢДАЛДЫ:") && kk.contains("ҚАУЛЫ ЕТТІ:"),
            "{kk}"
        );
    }

    #[test]
    fn a_failed_meeting_says_so() {
        let mut minutes = held_conference();
        minutes.kind = MeetingKind::PpoMeeting;
        minutes.extraordinary = false;
        minutes.status = MeetingStatus::Failed;
        minutes.in_hall = 40;
        minutes.remote = 0;
        minutes.quorum_met = false;
        minutes.failure = Some("40 of 137 present; needs at least 69: no quorum".to_owned());
        minutes.chair = None;
        minutes.secretary = None;
        minutes.counting_commission.clear();
        minutes.agenda.clear();
        minutes.votes.clear();
        minutes.delegates.clear();
        minutes.anchor_is_close = false;
        let ru = text_of(&render(&minutes, Lang::Ru));
        assert!(ru.contains("Кворума нет."), "{ru}");
        assert!(ru.contains("признано несостоявшимся"), "{ru}");
        assert!(ru.contains("Основание: 40 of 137 present"), "{ru}");
        assert!(ru.contains("Статус: не состоялось"), "{ru}");
        assert!(ru.contains("на момент печати"), "{ru}");
        assert!(!ru.contains("Рабочие органы"), "{ru}");
        // The sentence `fail_meeting` recorded before failures were typed: numbers in Kazakh.
        let mut recorded = minutes.clone();
        recorded.failure = Some("нет кворума: 40 of 137 present, at least 69 needed".to_owned());
        let text = text_of(&render(&recorded, Lang::Kk));
        assert!(
            text.contains(
                "Негіздеме: нет кворума; қатысуға құқылы 137 адамның 40 қатысты, кемінде 69 қажет"
            ),
            "{text}"
        );
        let kk = text_of(&render(&minutes, Lang::Kk));
        assert!(kk.contains("Кворум жоқ."), "{kk}");
        assert!(kk.contains("отырыс өтпеді деп танылды"), "{kk}");
        assert!(kk.contains("Бастауыш партия ұйымының жиналысы"), "{kk}");
        let en = text_of(&render(&minutes, Lang::En));
        assert!(en.contains("not held for want of a quorum"), "{en}");
        assert!(en.contains("Journal head at printing"), "{en}");
    }

    #[test]
    fn english_keeps_the_iso_date_and_a_fractional_quorum_rule() {
        let mut minutes = held_conference();
        minutes.quorum_rule = QuorumRule::AtLeast {
            fraction: crate::meeting::Fraction::TWO_THIRDS,
        };
        let text = text_of(&render(&minutes, Lang::En));
        assert!(
            text.contains("Held on: 2020-11-11 10:00 (Asia/Almaty)"),
            "{text}"
        );
        assert!(
            text.contains("at least 2/3 of those entitled to attend"),
            "{text}"
        );
        assert!(
            text.contains("Vote No. 1: approval of the agenda"),
            "{text}"
        );
        assert!(text.contains("Recount: No. 1"), "{text}");
    }

    #[test]
    fn odd_dates_are_shown_as_given() {
        let russian = Catalogue { lang: Lang::Ru };
        assert_eq!(russian.date("2020-11-07"), "07.11.2020");
        assert_eq!(russian.date("2020-11-07 10:00"), "07.11.2020 10:00");
        assert_eq!(russian.date("7 Nov 2020"), "7 Nov 2020");
        let english = Catalogue { lang: Lang::En };
        assert_eq!(english.date("2020-11-07 10:00"), "2020-11-07 10:00");
    }
}
