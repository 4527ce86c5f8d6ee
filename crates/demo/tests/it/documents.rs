//! Every document of the examples — the minutes of every meeting (a failed one among them), the list sheets and their CSV, the mandate cards — in Russian and in Kazakh has no English: no three Latin-script words in a row outside names, codes and URLs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::tz::TimeZone;
use mandat_core::command::ConveneMeeting;
use mandat_core::document::{Block, Document};
use mandat_core::lists::publish::{document, public_csv};
use mandat_core::meeting::card::card_words;
use mandat_core::meeting::minutes_text;
use mandat_core::meeting::model::MeetingStatus;
use mandat_core::{Command, Envelope, Lang};
use mandat_store::{Pending, Store};
use mandat_testkit::script::latin_runs;

fn example(name: &str) -> Vec<Envelope> {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/examples")
            .join(name),
    )
    .unwrap()
    .lines()
    .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    .map(|l| Envelope::parse(l).unwrap())
    .collect()
}

/// A document's text, a heading, paragraph or cell a line.
fn text_of(doc: &Document) -> String {
    let mut lines = vec![doc.title.clone()];
    for block in &doc.blocks {
        match block {
            Block::Heading(t) | Block::Paragraph(t) | Block::Note(t) => lines.push(t.clone()),
            Block::KeyValues(pairs) => {
                for (k, v) in pairs {
                    lines.push(k.clone());
                    lines.push(v.clone());
                }
            }
            Block::Table { header, rows } => {
                lines.extend(header.iter().cloned());
                lines.extend(rows.iter().flatten().cloned());
            }
            Block::List(items) | Block::Signatures(items) => lines.extend(items.iter().cloned()),
        }
    }
    lines.join("\n")
}

fn no_english(what: &str, lang: Lang, text: &str) {
    let runs = latin_runs(text);
    assert!(
        runs.is_empty(),
        "{what} in {} has English: {runs:?}\n{text}",
        lang.as_str()
    );
}

#[tokio::test]
async fn every_document_of_the_examples_is_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("docs.db").display());
    let store = Store::open(&url).await.unwrap();
    let mut envelopes = example("conference.jsonl");
    envelopes.extend(example("lists.jsonl"));
    let now = jiff::Timestamp::now().as_millisecond();
    let mut batch = store.begin().await.unwrap();
    let pending = envelopes
        .iter()
        .map(|e| Pending::new(e.clone(), now))
        .collect();
    for result in batch.push_chunk(pending).await.unwrap() {
        result.unwrap();
    }
    batch.commit().await.unwrap();

    let meetings: Vec<_> = envelopes
        .iter()
        .filter_map(|e| match &e.command {
            Command::ConveneMeeting(ConveneMeeting { code, .. }) => Some(code.clone()),
            _ => None,
        })
        .collect();
    let (mut failed, mut cards) = (0, 0);
    for code in &meetings {
        let minutes = store.minutes(code).await.unwrap();
        if minutes.status == MeetingStatus::Failed {
            failed += 1;
            assert!(minutes.failed.is_some(), "{code}: the failure is data");
        }
        for lang in [Lang::Ru, Lang::Kk] {
            let doc = minutes_text::render(&minutes, lang);
            no_english(&format!("the minutes of {code}"), lang, &text_of(&doc));
        }
        let (meeting, mandates) = store.mandate_cards(code).await.unwrap();
        if !meeting.kind.has_mandates() || mandates.is_empty() {
            continue;
        }
        for lang in [Lang::Ru, Lang::Kk] {
            let (heading, footer) = card_words(lang, &meeting.code, meeting.kind);
            let mut text = vec![heading, footer];
            for card in &mandates {
                cards += 1;
                text.push(card.full_name.clone());
                text.push(if lang == Lang::Kk {
                    card.unit.kk.clone()
                } else {
                    card.unit.ru.clone()
                });
            }
            no_english(
                &format!("the mandate cards of {code}"),
                lang,
                &text.join("\n"),
            );
        }
    }
    assert!(failed > 0, "the examples have a failed meeting");
    assert!(cards > 0, "the examples have mandate cards");

    let lists = store.party_lists(None).await.unwrap();
    assert!(!lists.is_empty());
    for list in &lists {
        let sheet = store
            .list_sheet(&list.campaign, &list.target)
            .await
            .unwrap()
            .unwrap();
        assert!(
            sheet.events.iter().all(|e| e.detail.is_some()),
            "every event is data"
        );
        let zone = TimeZone::get("Asia/Almaty").unwrap();
        for lang in [Lang::Ru, Lang::Kk] {
            let what = format!("the list sheet of {}", list.target);
            no_english(&what, lang, &text_of(&document(&sheet, lang, &zone)));
            no_english(
                &format!("{what} (CSV)"),
                lang,
                &public_csv(&sheet, lang).replace(',', "\n"),
            );
        }
    }
}
