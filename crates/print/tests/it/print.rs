//! End-to-end checks of the printed PDFs: the text `pdftotext` extracts holds the numbers, names and Kazakh letters.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::ErrorKind;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use mandat_core::Lang;
use mandat_core::UnitNames;
use mandat_core::document::{Block, Document};
use mandat_core::meeting::minutes::{Minutes, MinutesVote, Person};
use mandat_core::meeting::minutes_text;
use mandat_core::meeting::model::{MeetingKind, MeetingStatus, Platform, Stream};
use mandat_core::meeting::{DecisionRule, QuorumRule, Verdict};
use mandat_print::{Card, mandate_cards, pdf, qr_modules};

const KAZAKH_LETTERS: [char; 9] = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];

/// The text of a PDF as `pdftotext` (Debian package poppler-utils) extracts it.
fn extract_text(pdf: &[u8], name: &str) -> String {
    let path: PathBuf =
        std::env::temp_dir().join(format!("mandat-print-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdftotext")
        // Raw order is the order the text was laid out in (label before its value); the
        // default mode also drops spaces around one-character words ("1 / 3" as "1/3").
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output();
    let _ = std::fs::remove_file(&path);
    match output {
        Ok(output) => {
            assert!(
                output.status.success(),
                "pdftotext refused the PDF: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout).unwrap()
        }
        Err(error) if error.kind() == ErrorKind::NotFound => panic!(
            "pdftotext is missing: install poppler-utils (apt-get install poppler-utils) to check the PDF text"
        ),
        Err(error) => panic!("pdftotext could not run: {error}"),
    }
}

fn names(ru: &str, kk: &str, en: &str) -> UnitNames {
    UnitNames {
        ru: ru.to_owned(),
        kk: kk.to_owned(),
        en: en.to_owned(),
    }
}

fn delegate(full_name: &str, number: u32) -> Person {
    Person {
        full_name: full_name.to_owned(),
        unit: names(
            &format!("ППО №{number} Аксуского района"),
            &format!("Ақсу ауданының №{number} БПҰ"),
            &format!("PPO No. {number} of Aksu district"),
        ),
    }
}

fn vote(
    number: u32,
    motion_kind: &'static str,
    for_: u32,
    against: u32,
    abstain: u32,
) -> MinutesVote {
    MinutesVote {
        number,
        motion_kind,
        subject: vec![format!("Мәселе {number}: Ақсу аудандық филиалының шешімі")],
        rule: DecisionRule::MajorityOfPresent,
        present: 108,
        present_remote: 7,
        for_,
        against,
        abstain,
        counts: 1,
        verdict: Some(if for_ > 54 {
            Verdict::Adopted
        } else {
            Verdict::Rejected
        }),
        votes_needed: 55,
        item: None,
    }
}

/// A branch conference the size of a real one: five votes and twenty-five delegates elected.
fn conference() -> Minutes {
    let delegates = (1..=25)
        .map(|n| delegate(&format!("Сәрсенбаева Гауһар Мұхамбетқызы {n}"), n))
        .collect();
    let mut recounted = vote(4, "resolution", 45, 40, 15);
    recounted.counts = 2;
    Minutes {
        campaign_name: "Праймериз партии, 2020".to_owned(),
        meeting_code: "ALM-AKSU-C1".to_owned(),
        unit: names(
            "Аксуский районный филиал",
            "Ақсу аудандық филиалы",
            "Aksu district branch",
        ),
        kind: MeetingKind::BranchConference,
        extraordinary: false,
        status: MeetingStatus::Closed,
        convened_by: "Решение бюро № 12 от 01.11.2020".to_owned(),
        held_local: "2020-11-11 10:00".to_owned(),
        time_zone: "Asia/Almaty".to_owned(),
        recorded_local: Some("2020-11-12 09:30".to_owned()),
        venue: "Жансугуров, Дом культуры, ул. Абая 1".to_owned(),
        streams: vec![Stream {
            platform: Platform::Youtube,
            url: "https://youtube.com/live/aksu-2020".to_owned(),
        }],
        electorate: 137,
        in_hall: 101,
        remote: 7,
        credentials_text: Some(
            "Из 137 избранных делегатов зарегистрировано 108: 101 в зале и 7 удалённо.".to_owned(),
        ),
        quorum_rule: QuorumRule::MoreThanHalf,
        quorum_minimum: 69,
        quorum_met: true,
        failure: None,
        failed: None,
        chair: Some(delegate("Өмірбеков Ержан Нұрланұлы", 3)),
        secretary: Some(delegate("Қасымова Айгүл Серікқызы", 4)),
        counting_commission: vec![
            delegate("Мұқанов Дәурен", 5),
            delegate("Ғабитова Әсел", 6),
            delegate("Үсенов Ілияс", 7),
        ],
        agenda: vec![
            "Об избрании делегатов на конференцию Алматинского областного филиала".to_owned(),
            "О партийном списке кандидатов в депутаты районного маслихата".to_owned(),
        ],
        items: Vec::new(),
        protocol_number: Some("14".to_owned()),
        votes: vec![
            vote(1, "credentials", 100, 3, 5),
            vote(2, "presidium", 98, 5, 5),
            vote(3, "agenda", 101, 2, 5),
            recounted,
            vote(5, "delegates", 90, 10, 8),
        ],
        signed: None,
        debates: Vec::new(),
        delegates,
        delegates_to: Some(names(
            "Алматинский областной филиал",
            "Алматы облыстық филиалы",
            "Almaty regional branch",
        )),
        anchor: "48213:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".to_owned(),
        anchor_is_close: true,
    }
}

/// What most of the ~4,700 minutes are: a PPO meeting of a few dozen members that elects
/// its delegates in three votes, on one or two pages.
fn ppo_meeting() -> Minutes {
    let mut minutes = conference();
    minutes.unit = delegate("", 5).unit;
    minutes.kind = MeetingKind::PpoMeeting;
    minutes.electorate = 31;
    minutes.in_hall = 19;
    minutes.remote = 2;
    minutes.credentials_text = None;
    minutes.quorum_minimum = 16;
    minutes.counting_commission.truncate(1);
    minutes.agenda.truncate(1);
    minutes.votes = vec![
        vote(1, "presidium", 19, 1, 1),
        vote(2, "agenda", 21, 0, 0),
        vote(3, "delegates", 18, 2, 1),
    ];
    for vote in &mut minutes.votes {
        vote.present = 21;
        vote.present_remote = 2;
        vote.votes_needed = 11;
        vote.verdict = Some(Verdict::Adopted);
    }
    minutes.delegates.truncate(2);
    minutes.delegates_to = Some(conference().unit);
    minutes
}

/// pdftotext may break a long line where the layout wrapped it; compare without whitespace.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn kazakh_minutes_pdf_has_extractable_kazakh_text_and_numbers() {
    let doc = minutes_text::render(&conference(), Lang::Kk);
    let bytes = pdf(&doc).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = extract_text(&bytes, "kk");
    for letter in KAZAKH_LETTERS {
        assert!(
            text.contains(letter),
            "letter {letter} missing from\n{text}"
        );
    }
    for expected in [
        "ХАТТАМА",
        "Ақсу аудандық филиалы",
        "Кворум бар.",
        "«жақтады» — 90",
        "«қалыс қалды» — 8",
        "Шешім қабылданды",
        "Шешім қабылданбады",
        "Төраға",
        "Есеп комиссиясы",
        "137",
        "108",
        "69",
        "Сәрсенбаева Гауһар Мұхамбетқызы 25",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
    let squeezed = squeeze(&text);
    assert!(
        squeezed.contains("48213:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
        "anchor missing from\n{text}"
    );
}

#[test]
fn russian_minutes_pdf_has_the_numbers_and_breaks_pages() {
    let doc = minutes_text::render(&conference(), Lang::Ru);
    let bytes = pdf(&doc).unwrap();
    let text = extract_text(&bytes, "ru");
    for expected in [
        "ПРОТОКОЛ",
        "Конференция — Аксуский районный филиал",
        "11.11.2020 10:00",
        "12.11.2020 09:30",
        "Кворум имеется.",
        "«воздержались» — 15",
        "Решение не принято",
        "Пересчёт голосов",
        "Председатель",
        "Секретарь",
        "https://youtube.com/live/aksu-2020",
        "1 / ",
        "2 / ",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
    // Form feeds separate pages in pdftotext's output.
    assert!(text.matches('\u{c}').count() >= 2, "expected several pages");
}

#[test]
fn a_mixed_document_with_a_long_table_repeats_its_header() {
    let mut doc = Document::new("Қазақша және русский", Lang::Kk);
    doc.push(Block::Paragraph("ә ғ қ ң ө ұ ү һ і — ё й ъ".to_owned()));
    doc.push(Block::Table {
        header: vec!["№".to_owned(), "Аты-жөні".to_owned(), "Ұйым".to_owned()],
        rows: (1..=80)
            .map(|n| {
                vec![
                    n.to_string(),
                    format!("Ұлан Әбілқайыр {n}"),
                    "Ақсу ауданының бастауыш партия ұйымы, өте ұзын атау, екі жолға бөлінуі керек"
                        .to_owned(),
                ]
            })
            .collect(),
    });
    let text = extract_text(&pdf(&doc).unwrap(), "table");
    assert!(text.contains("Ұлан Әбілқайыр 80"), "{text}");
    assert!(
        text.matches("Аты-жөні").count() >= 2,
        "header not repeated:\n{text}"
    );
}

fn cards(count: u32) -> Vec<Card> {
    (1..=count)
        .map(|number| Card {
            heading: "Ақсу аудандық филиалының конференциясы, 11.11.2020".to_owned(),
            full_name: format!("Сәрсенбаева Гауһар {number}"),
            unit: format!("Ақсу ауданының №{number} БПҰ"),
            number: 100 + number,
            qr_payload: format!("https://mandat.example/c/4QkX9mZpT2vR8sLw{number:04}"),
            footer: "Тек тіркеу үшін / Только для регистрации".to_owned(),
        })
        .collect()
}

#[test]
fn card_sheet_shows_names_numbers_and_units() {
    let bytes = mandate_cards(&cards(10)).unwrap();
    let text = extract_text(&bytes, "cards");
    // A long name wraps in the card's narrow column; compare without the line breaks.
    let squeezed = squeeze(&text);
    for expected in [
        "№ 101",
        "№ 110",
        "Сәрсенбаева Гауһар 1",
        "Сәрсенбаева Гауһар 10",
        "Ақсу ауданының №7 БПҰ",
        "Только для регистрации",
    ] {
        assert!(
            squeezed.contains(&squeeze(expected)),
            "{expected:?} missing from\n{text}"
        );
    }
    assert!(
        !text.contains("4QkX9mZpT2vR8sLw"),
        "the token must be in the QR code only"
    );
    assert_eq!(
        text.matches('\u{c}').count(),
        2,
        "ten cards take two sheets"
    );
}

#[test]
fn qr_payload_becomes_a_square_matrix() {
    let qr = qr_modules("https://mandat.example/c/4QkX9mZpT2vR8sLw0001").unwrap();
    assert_eq!(qr.modules().len(), qr.width() * qr.width());
    assert!(
        qr.width() >= 21 && (qr.width() - 17).is_multiple_of(4),
        "width {}",
        qr.width()
    );
    // The three finder patterns: dark corners top left, top right and bottom left.
    let last = qr.width() - 1;
    assert!(qr.is_dark(0, 0) && qr.is_dark(last, 0) && qr.is_dark(0, last));
    assert!(!qr.is_dark(last, last) || qr.width() > 21);
}

#[test]
fn an_empty_card_list_still_makes_a_valid_pdf() {
    assert!(mandate_cards(&[]).unwrap().starts_with(b"%PDF-"));
}

/// The best time of several batches, since other work on the machine only ever adds time.
fn time_pdf(doc: &Document) -> (std::time::Duration, usize) {
    let mut best = std::time::Duration::MAX;
    let mut size = 0;
    for _ in 0..10 {
        let start = Instant::now();
        for _ in 0..10 {
            size = pdf(doc).unwrap().len();
        }
        best = best.min(start.elapsed() / 10);
    }
    (best, size)
}

/// A benchmark renders minutes for every meeting of the national ladder (~4,700): one
/// typical minutes PDF must stay a few milliseconds in a release build.
#[test]
fn typical_minutes_pdf_is_fast() {
    let ppo = minutes_text::render(&ppo_meeting(), Lang::Kk);
    pdf(&ppo).unwrap(); // loads the fonts once, as a long-running process does
    let (each, size) = time_pdf(&ppo);
    eprintln!("one PPO meeting's minutes PDF: {each:?}, {size} bytes");
    let (large, large_size) = time_pdf(&minutes_text::render(&conference(), Lang::Ru));
    eprintln!("one conference's minutes PDF (3 pages): {large:?}, {large_size} bytes");
    // Generous, for unoptimized test builds on busy machines; release builds are far below.
    assert!(each.as_millis() < 250, "one minutes PDF took {each:?}");
}
