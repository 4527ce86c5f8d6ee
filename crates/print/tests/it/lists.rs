//! A party list printed from a hand-built sheet: `pdftotext` finds the names, the Kazakh letters, the anchor and the displacement explained, and the HTML shows no IIN.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use mandat_core::Lang;
use mandat_core::lists::publish::document;
use mandat_core::lists::{
    Displacement, ListEntry, ListEvent, ListRules, ListSheet, ListStatus, PartyList, Precedence,
    RatingInputs, SheetRow, TargetListRules,
};
use mandat_core::model::Body;
use mandat_core::poll::NominatedBy;
use mandat_core::{Code, Iin, Sex, UnitNames};

const KAZAKH_LETTERS: [char; 8] = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'];

fn extract_text(pdf: &[u8], name: &str) -> String {
    let path: PathBuf = std::env::temp_dir().join(format!(
        "mandat-print-list-{}-{name}.pdf",
        std::process::id()
    ));
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let _ = std::fs::remove_file(&path);
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn code(text: &str) -> Code {
    Code::parse(text).unwrap()
}

fn names(ru: &str, kk: &str, en: &str) -> UnitNames {
    UnitNames {
        ru: ru.to_owned(),
        kk: kk.to_owned(),
        en: en.to_owned(),
    }
}

fn iin(year: i16, day: i8, sex: Sex) -> Iin {
    let birth = Date::new(year, 3, day).unwrap();
    (1..100)
        .find_map(|serial| Iin::compose(birth, sex, serial))
        .unwrap()
}

const NAMES: [&str; 12] = [
    "Ахметов Серик Болатович",
    "Абдрахманов Нұрлан Қайратұлы",
    "Омаров Ерғали Төлегенұлы",
    "Шевченко Андрей Петрович",
    "Есенов Бауыржан Серікұлы",
    "Петров Игорь Викторович",
    "Сейтқалиева Әйгерім Ғалымжанқызы",
    "Исқақова Гүлнұр Өмірзаққызы",
    "Байжанов Мұрат Асқарұлы",
    "Тоқтарова Сәуле Ніязқызы",
    "Құрманов Дәулет Жеңісұлы",
    "Үсенова Айгүл Ұланқызы",
];

/// Twelve places (more than a page with the rules and history): the women, rated last,
/// are moved up by the quota.
fn sheet() -> ListSheet {
    let rows: Vec<SheetRow> = NAMES
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let sex = if name.ends_with("қызы") {
                Sex::Female
            } else {
                Sex::Male
            };
            let iin = iin(1960 + index as i16 * 3, 1 + index as i8, sex);
            SheetRow {
                place: index as u32 + 1,
                member: 100 + index as i64,
                full_name: (*name).to_owned(),
                iin,
                birth_date: iin.birth_date(),
                sex,
                unit: code("ALM-KERBULAK-P001"),
                unit_names: names(
                    "ППО села Сарыозек",
                    "Сарыөзек ауылының БПҰ",
                    "PPO of Saryozek village",
                ),
                branch: Some(code("ALM-KERBULAK")),
                branch_names: Some(names(
                    "Кербулакский районный филиал",
                    "Кербұлақ аудандық филиалы",
                    "Kerbulak district branch",
                )),
                nominated_by: if index % 2 == 0 {
                    NominatedBy::SelfNominated
                } else {
                    NominatedBy::Ppo {
                        unit: code("ALM-KERBULAK-P001"),
                        decision: "протокол собрания ППО № 3 от 17 августа 2020 года".to_owned(),
                    }
                },
                primaries_place: Some(index as u32 + 1),
                primaries_votes: Some(500 - index as u64 * 20),
                conference_votes: Some(40 - index as u64),
                rating_position: index as u32 + 1,
            }
        })
        .collect();
    let entries = rows
        .iter()
        .map(|row| ListEntry {
            member: row.member,
            candidate_number: row.place,
            rating: RatingInputs::default(),
            rating_position: row.place,
            primaries_place: row.primaries_place,
        })
        .collect();
    let at = |text: &str| text.parse::<jiff::Timestamp>().unwrap();
    ListSheet {
        campaign: code("kerbulak-2020"),
        campaign_name: "Выборы депутатов маслихатов 2021 года".to_owned(),
        election_day: Date::new(2021, 1, 10).unwrap(),
        target: code("ALM-KERBULAK-maslikhat"),
        target_name: "Кербулакский районный маслихат".to_owned(),
        body: Body::LocalMaslikhat,
        seats: 10,
        rules: Some(TargetListRules {
            campaign: code("kerbulak-2020"),
            target: code("ALM-KERBULAK-maslikhat"),
            rules: ListRules::kazakhstan_2020(10),
            precedence: Precedence::PrimariesThenConference,
        }),
        list: PartyList {
            campaign: code("kerbulak-2020"),
            target: code("ALM-KERBULAK-maslikhat"),
            status: ListStatus::Approved {
                meeting: code("ALM-KERBULAK.2020-list"),
                vote: 3,
                approved_at: at("2020-11-20T05:12:00Z"),
            },
            revision: 4,
            entries,
            displacements: vec![Displacement {
                candidate: 7,
                from: 12,
                to: 7,
                passed_over: 13,
                rules: vec!["партия: не менее 30 % женщин".to_owned()],
                also_passed_over: Vec::new(),
                explanation: String::new(),
            }],
            shortfalls: Vec::new(),
            violations: Vec::new(),
            removed: Vec::new(),
            events: 1,
            updated_at: at("2020-11-20T05:12:00Z"),
        },
        rows,
        events: vec![ListEvent {
            campaign: code("kerbulak-2020"),
            target: code("ALM-KERBULAK-maslikhat"),
            number: 1,
            seq: 140,
            at: at("2020-10-05T04:05:00Z"),
            actor: "organizer:ALM-KERBULAK".to_owned(),
            kind: "drafted".to_owned(),
            text: "drafted 12 names from 14 registered candidates in rating order".to_owned(),
            detail: None,
            reason: "проект списка по итогам праймериз".to_owned(),
            revision: 1,
        }],
        anchor: "151:5d41402abc4b2a76b9719d911017c592".to_owned(),
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn the_kazakh_list_pdf_has_the_names_letters_anchor_and_the_move_explained() {
    let zone = TimeZone::get("Asia/Almaty").unwrap();
    let sheet = sheet();
    let bytes = mandat_print::pdf(&document(&sheet, Lang::Kk, &zone)).unwrap();
    let text = extract_text(&bytes, "kk");
    let squeezed = squeeze(&text);
    for name in NAMES {
        assert!(
            squeezed.contains(&squeeze(name)),
            "{name} missing from\n{text}"
        );
    }
    for letter in KAZAKH_LETTERS {
        assert!(
            text.contains(letter),
            "letter {letter} missing from\n{text}"
        );
    }
    for expected in [
        "Партиялық тізім — Кербулакский районный маслихат",
        "151:5d41402abc4b2a76b9719d911017c592",
        "Сейтқалиева Әйгерім Ғалымжанқызы рейтингтегі 12 позициядан тізімдегі 7 орынға көтерілді",
        "бекітілді — ALM-KERBULAK.2020-list отырысы, № 3 дауыс беру, 20.11.2020",
    ] {
        assert!(
            squeezed.contains(&squeeze(expected)),
            "{expected:?} missing from\n{text}"
        );
    }
    for row in &sheet.rows {
        assert!(!text.contains(&row.iin.to_string()), "an IIN was printed");
    }
}

#[test]
fn the_russian_list_pdf_and_html_name_everyone_and_show_no_iin() {
    let zone = TimeZone::get("Asia/Almaty").unwrap();
    let sheet = sheet();
    let doc = document(&sheet, Lang::Ru, &zone);
    let text = extract_text(&mandat_print::pdf(&doc).unwrap(), "ru");
    let squeezed = squeeze(&text);
    for expected in [
        "Сейтқалиева Әйгерім Ғалымжанқызы перемещена с позиции 12 в рейтинге на место 7",
        "Правила списка",
        "История списка",
        "Ахметов Серик Болатович",
    ] {
        assert!(
            squeezed.contains(&squeeze(expected)),
            "{expected:?} missing from\n{text}"
        );
    }
    let page = mandat_print::html(&doc);
    assert!(page.contains("<html lang=\"ru\">"));
    assert!(page.contains("Үсенова Айгүл Ұланқызы"));
    for row in &sheet.rows {
        assert!(!page.contains(&row.iin.to_string()), "an IIN was shown");
    }
}
