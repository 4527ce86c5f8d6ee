//! `mandat list show|export|all` on the lists example (docs/examples/lists.jsonl after conference.jsonl): the public files carry no IIN, the commission's file is owner-only with a manifest, refusals say what to fix — on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{Run, example_path as example};
use mandat_testkit::{TestDb, engines};
use std::path::Path;

const CAMPAIGN: &str = "kerbulak-2020";
const TARGET: &str = "ALM-KERBULAK-maslikhat";
/// The IINs of the candidates the example lists.
const IINS: [&str; 8] = [
    "680314310004",
    "641205312221",
    "790811312967",
    "770725315188",
    "850303314443",
    "710917311851",
    "930421412598",
    "860130411483",
];

/// The binary with the test's own site secret in `dir`.
fn mandat(db: &TestDb, dir: &Path, args: &[&str]) -> Run {
    crate::common::mandat(db, &dir.join("site.secret"), args)
}

fn ok(db: &TestDb, run: Run, what: &str) -> Run {
    assert_eq!(
        run.code, 0,
        "{} / {what}: {}\n{}",
        db.engine, run.stderr, run.stdout
    );
    run
}

fn refused(db: &TestDb, run: Run, what: &str) -> String {
    assert_eq!(
        run.code, 2,
        "{} / {what} was not refused: {}\n{}",
        db.engine, run.stderr, run.stdout
    );
    run.stderr
}

fn apply_examples(db: &TestDb, dir: &Path) {
    for name in ["conference.jsonl", "lists.jsonl"] {
        let file = example(name);
        ok(
            db,
            mandat(db, dir, &["apply", file.to_str().unwrap()]),
            name,
        );
    }
}

fn pdf_text(path: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

fn no_iin(text: &str, what: &str) {
    for iin in IINS {
        assert!(!text.contains(iin), "{what} shows the IIN {iin}:\n{text}");
    }
}

#[tokio::test]
async fn the_approved_example_list_is_shown_and_exported_in_every_format() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        apply_examples(&db, dir);

        let show = ok(
            &db,
            mandat(&db, dir, &["list", "show", CAMPAIGN, TARGET]),
            "show",
        );
        assert!(
            show.stdout.contains(
                "status: approved — meeting ALM-KERBULAK.2020-list, vote No. 3, 2020-11-20"
            ),
            "{}",
            show.stdout
        );
        assert!(
            show.stdout.contains("Искакова Айжан Нурлановна"),
            "{}",
            show.stdout
        );
        assert!(show.stdout.contains("violations: none"), "{}", show.stdout);
        no_iin(&show.stdout, "list show");
        let json = ok(
            &db,
            mandat(&db, dir, &["list", "show", CAMPAIGN, TARGET, "--json"]),
            "show --json",
        );
        no_iin(&json.stdout, "list show --json");
        let sheet: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(sheet["list"]["status"]["status"], "approved");
        let rows = sheet["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 6, "{}", db.engine);
        // The withdrawn candidate (790811312967, Омаров) is no longer on the approved list.
        assert!(
            rows.iter()
                .all(|row| !row["full_name"].as_str().unwrap().starts_with("Омаров")),
            "{}",
            json.stdout
        );
        let anchor = sheet["anchor"].as_str().unwrap().to_owned();

        // Public CSV in Kazakh: BOM, Kazakh header, no IIN, no full birth date.
        let csv_path = dir.join("list.kk.csv");
        let export = |format: &str, lang: Option<&str>, out: &Path| {
            let mut args = vec![
                "list",
                "export",
                CAMPAIGN,
                TARGET,
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ];
            if let Some(lang) = lang {
                args.extend(["--lang", lang]);
            }
            mandat(&db, dir, &args)
        };
        ok(&db, export("csv", Some("kk"), &csv_path), "export csv");
        let csv = std::fs::read_to_string(&csv_path).unwrap();
        assert!(
            csv.starts_with("\u{feff}№,\"Тегі, аты, әкесінің аты\",Туған жылы,Жынысы,"),
            "{csv}"
        );
        assert_eq!(csv.lines().count(), 7, "{csv}");
        assert!(
            csv.contains("Ахметов Серик Болатович,1968,ер,Сарыөзек ауылының БПҰ"),
            "{csv}"
        );
        no_iin(&csv, "the public CSV");
        assert!(!csv.contains("14.03.1968"), "{csv}");

        // PDF in Kazakh: names, Kazakh letters, the anchor and a displacement explained.
        let pdf_path = dir.join("list.kk.pdf");
        ok(&db, export("pdf", Some("kk"), &pdf_path), "export pdf");
        let text = pdf_text(&pdf_path);
        let squeezed = squeeze(&text);
        for expected in [
            "Партиялық тізім — Кербулакский районный маслихат",
            "Ахметов Серик Болатович",
            "Искакова Айжан Нурлановна рейтингтегі 7 позициядан тізімдегі 5 орынға көтерілді",
            &anchor,
        ] {
            assert!(
                squeezed.contains(&squeeze(expected)),
                "{}: {expected:?} missing from\n{text}",
                db.engine
            );
        }
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
            assert!(text.contains(letter), "{letter} missing from\n{text}");
        }
        no_iin(&text, "the PDF");

        // HTML in Russian.
        let html_path = dir.join("list.ru.html");
        ok(&db, export("html", Some("ru"), &html_path), "export html");
        let html = std::fs::read_to_string(&html_path).unwrap();
        assert!(html.contains("<html lang=\"ru\">"), "{html}");
        assert!(html.contains("Партийный список — Кербулакский районный маслихат"));
        assert!(
            html.contains("перемещена с позиции 7 в рейтинге на место 5"),
            "{html}"
        );
        no_iin(&html, "the HTML");

        // The commission's file: IINs, owner-only, with a manifest whose checksum matches.
        let commission = dir.join("commission.csv");
        ok(
            &db,
            export("commission", None, &commission),
            "export commission",
        );
        let text = std::fs::read_to_string(&commission).unwrap();
        let first = text.trim_start_matches('\u{feff}').lines().next().unwrap();
        assert_eq!(
            first,
            "№,\"Фамилия, имя, отчество\",Дата рождения,ИИН,Пол,Партийная организация,Кем выдвинут"
        );
        assert!(
            text.contains("1,Ахметов Серик Болатович,14.03.1968,680314310004,мужской,"),
            "{text}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&commission).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o777,
                0o600,
                "the commission's file must be owner-only"
            );
        }
        let manifest: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("commission.csv.manifest.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(manifest["campaign"], CAMPAIGN);
        assert_eq!(manifest["target"], TARGET);
        assert_eq!(manifest["status"], "approved");
        assert_eq!(manifest["approved_by"]["meeting"], "ALM-KERBULAK.2020-list");
        assert_eq!(manifest["approved_by"]["vote"], 3);
        assert_eq!(manifest["anchor"], anchor.as_str());
        assert_eq!(manifest["revision"], sheet["list"]["revision"]);
        // Checked as the commission would, with the usual tool.
        let sum = std::process::Command::new("sha256sum")
            .arg(&commission)
            .output()
            .expect("sha256sum (coreutils) runs");
        let sum = String::from_utf8(sum.stdout).unwrap();
        let sha = sum.split_whitespace().next().unwrap();
        assert_eq!(manifest["sha256"], sha);

        // Every list of the campaign, CSV and PDF.
        let out_dir = dir.join("all");
        let all = ok(
            &db,
            mandat(
                &db,
                dir,
                &[
                    "list",
                    "all",
                    CAMPAIGN,
                    "--out-dir",
                    out_dir.to_str().unwrap(),
                    "--lang",
                    "ru",
                ],
            ),
            "all",
        );
        // `--lang ru` chooses the language of the documents and of what the command says.
        assert!(
            all.stderr
                .contains("списки кампании kerbulak-2020 (1, утверждено 1)"),
            "{}",
            all.stderr
        );
        for extension in ["csv", "pdf"] {
            assert!(
                out_dir.join(format!("{TARGET}.ru.{extension}")).is_file(),
                "{extension} missing"
            );
        }
    }
}

#[tokio::test]
async fn refusals_say_what_is_wrong_and_how_to_fix_it() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        ok(
            &db,
            mandat(
                &db,
                dir,
                &["apply", example("conference.jsonl").to_str().unwrap()],
            ),
            "conference",
        );
        // The target exists but no list is drafted yet: the first lines of the lists example.
        let lists = std::fs::read_to_string(example("lists.jsonl")).unwrap();
        let partial: String = lists
            .lines()
            .take_while(|line| !line.contains("\"cmd\":\"set_list_rules\""))
            .map(|line| format!("{line}\n"))
            .collect();
        let file = dir.join("partial.jsonl");
        std::fs::write(&file, partial).unwrap();
        ok(
            &db,
            mandat(&db, dir, &["apply", file.to_str().unwrap()]),
            "partial",
        );

        let message = refused(
            &db,
            mandat(&db, dir, &["list", "show", CAMPAIGN, TARGET]),
            "no list",
        );
        assert!(message.contains("no list drafted yet"), "{message}");
        assert!(message.contains("draft_list"), "{message}");
        let message = refused(
            &db,
            mandat(&db, dir, &["list", "show", CAMPAIGN, "NOPE"]),
            "target",
        );
        assert!(message.contains("has no target NOPE"), "{message}");
        assert!(
            message.contains(TARGET),
            "names the targets there are: {message}"
        );
        let message = refused(
            &db,
            mandat(&db, dir, &["list", "show", "nope", TARGET]),
            "campaign",
        );
        assert!(message.contains("there is no campaign nope"), "{message}");
        let message = refused(
            &db,
            mandat(
                &db,
                dir,
                &[
                    "list",
                    "all",
                    CAMPAIGN,
                    "--out-dir",
                    dir.join("x").to_str().unwrap(),
                ],
            ),
            "all without lists",
        );
        assert!(message.contains("no lists drafted yet"), "{message}");

        // Drafted but not approved: the commission's export is refused and no file is written.
        let rest: String = lists
            .lines()
            .skip_while(|line| !line.contains("\"cmd\":\"set_list_rules\""))
            .take_while(|line| !line.contains("\"cmd\":\"edit_list\""))
            .map(|line| format!("{line}\n"))
            .collect();
        std::fs::write(&file, rest).unwrap();
        ok(
            &db,
            mandat(&db, dir, &["apply", file.to_str().unwrap()]),
            "draft",
        );
        let out = dir.join("commission.csv");
        let message = refused(
            &db,
            mandat(
                &db,
                dir,
                &[
                    "list",
                    "export",
                    CAMPAIGN,
                    TARGET,
                    "--format",
                    "commission",
                    "--out",
                    out.to_str().unwrap(),
                ],
            ),
            "commission export of a draft",
        );
        assert!(message.contains("is draft"), "{message}");
        assert!(message.contains("approved lists only"), "{message}");
        assert!(!out.exists(), "nothing is written for a refused export");
        // The public files of a draft are fine.
        let csv = dir.join("draft.csv");
        ok(
            &db,
            mandat(
                &db,
                dir,
                &[
                    "list",
                    "export",
                    CAMPAIGN,
                    TARGET,
                    "--format",
                    "csv",
                    "--out",
                    csv.to_str().unwrap(),
                ],
            ),
            "csv of a draft",
        );
    }
}
