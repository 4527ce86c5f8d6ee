//! The party-list pages, files and JSON as a browser sees them, on the lists example (docs/examples/lists.jsonl after conference.jsonl): never an IIN, 404 and 400 with a clear message — on both engines.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_store::Store;
use mandat_testkit::Response;

const LIST: &str = "/lists/kerbulak-2020/ALM-KERBULAK-maslikhat";
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

async fn get(addr: std::net::SocketAddr, path: &str) -> Response {
    mandat_testkit::Client::new(addr).get(path).await
}

fn no_iin(text: &str, what: &str) {
    for iin in IINS {
        assert!(!text.contains(iin), "{what} shows the IIN {iin}:\n{text}");
    }
}

async fn apply(store: &Store, name: &str) {
    mandat_testkit::apply_example(store, name).await;
}

fn pdf_text(pdf: &[u8], engine: &str) -> String {
    let path = std::env::temp_dir().join(format!(
        "mandat-web-list-{}-{engine}.pdf",
        std::process::id()
    ));
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let _ = std::fs::remove_file(&path);
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

#[tokio::test]
async fn the_lists_are_published_as_pages_files_and_json_without_iins() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        apply(&store, "conference.jsonl").await;
        let server = mandat_testkit::serve(mandat_web::router(store.clone())).await;
        let addr = server.addr;

        // Before any list: an empty index, and a clear 404.
        let index = get(addr, "/lists?lang=en").await;
        assert_eq!(index.status, 200, "{}", db.engine);
        assert!(
            index.text().contains("No list has been drafted yet"),
            "{}",
            index.text()
        );
        let missing = get(addr, &format!("{LIST}?lang=en")).await;
        assert_eq!(missing.status, 404, "{}", db.engine);
        assert!(
            missing
                .text()
                .contains("campaign kerbulak-2020 has no target ALM-KERBULAK-maslikhat"),
            "{}",
            missing.text()
        );

        apply(&store, "lists.jsonl").await;
        let anchor = {
            let response = get(addr, &format!("/api{LIST}")).await;
            assert_eq!(response.status, 200, "{}: {}", db.engine, response.text());
            no_iin(&response.text(), "the JSON of a list");
            let sheet: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
            assert_eq!(sheet["list"]["status"]["status"], "approved");
            assert_eq!(sheet["rows"].as_array().unwrap().len(), 6);
            assert_eq!(sheet["rows"][0]["full_name"], "Ахметов Серик Болатович");
            assert!(sheet["rows"][0].get("iin").is_none());
            sheet["anchor"].as_str().unwrap().to_owned()
        };

        let index = get(addr, "/api/lists").await;
        assert_eq!(index.status, 200);
        let lists: Vec<serde_json::Value> = serde_json::from_slice(&index.body).unwrap();
        assert_eq!(lists.len(), 1, "{}", db.engine);
        assert_eq!(lists[0]["target"], "ALM-KERBULAK-maslikhat");
        assert_eq!(lists[0]["status"], "approved");
        assert_eq!(lists[0]["names"], 6);
        let page = get(addr, "/lists").await;
        assert_eq!(page.status, 200);
        let page = page.text();
        assert!(page.contains("Кербулакский районный маслихат"), "{page}");
        // One language a page: the status and the files in Russian here, in Kazakh below.
        assert!(page.contains("утверждён"), "{page}");
        assert!(page.contains(&format!("{LIST}/list.pdf?lang=ru")), "{page}");
        let page = get(addr, "/lists?lang=kk").await.text();
        assert!(page.contains("бекітілді"), "{page}");
        assert!(page.contains(&format!("{LIST}/list.pdf?lang=kk")), "{page}");

        for (lang, expected) in [
            ("ru", "Партийный список — Кербулакский районный маслихат"),
            ("kk", "Партиялық тізім — Кербулакский районный маслихат"),
            ("en", "Party list — Кербулакский районный маслихат"),
        ] {
            let response = get(addr, &format!("{LIST}?lang={lang}")).await;
            assert_eq!(response.status, 200, "{}", response.text());
            let html = response.text();
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
            assert!(html.contains(expected), "{html}");
            assert!(html.contains(&anchor), "the page carries the anchor");
            no_iin(&html, "the page");
        }

        let csv = get(addr, &format!("{LIST}/list.csv?lang=kk")).await;
        assert_eq!(csv.status, 200);
        assert!(
            csv.head
                .to_ascii_lowercase()
                .contains("content-type: text/csv; charset=utf-8"),
            "{}",
            csv.head
        );
        assert!(
            csv.head
                .contains("filename=\"ALM-KERBULAK-maslikhat.kk.csv\""),
            "{}",
            csv.head
        );
        assert!(
            csv.body.starts_with("\u{feff}".as_bytes()),
            "the CSV starts with a BOM"
        );
        let text = csv.text();
        assert!(text.contains("Тегі, аты, әкесінің аты"), "{text}");
        assert!(text.contains("Ахметов Серик Болатович,1968,ер,"), "{text}");
        no_iin(&text, "the CSV");

        let pdf = get(addr, &format!("{LIST}/list.pdf?lang=kk")).await;
        assert_eq!(pdf.status, 200);
        assert!(
            pdf.head
                .to_ascii_lowercase()
                .contains("content-type: application/pdf"),
            "{}",
            pdf.head
        );
        assert!(pdf.body.starts_with(b"%PDF-"));
        let text = pdf_text(&pdf.body, db.engine);
        let squeezed = squeeze(&text);
        for expected in [
            "Ахметов Серик Болатович",
            "Сейткалиева Динара Ерлановна рейтингтегі 8 позициядан тізімдегі 6 орынға көтерілді",
            &anchor,
        ] {
            assert!(
                squeezed.contains(&squeeze(expected)),
                "{expected:?} missing from\n{text}"
            );
        }
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
            assert!(text.contains(letter), "{letter} missing from\n{text}");
        }
        no_iin(&text, "the PDF");

        // A bad language is a 400 naming the choices; an unknown list a 404 saying what is missing.
        for path in [
            format!("{LIST}?lang=de"),
            format!("{LIST}/list.csv?lang=de"),
            format!("{LIST}/list.pdf?lang=xx"),
        ] {
            let response = get(addr, &path).await;
            assert_eq!(response.status, 400, "{path}");
            assert!(
                response.text().contains("choose ru, kk or en"),
                "{}",
                response.text()
            );
        }
        let response = get(addr, "/lists/kerbulak-2020/NOPE?lang=en").await;
        assert_eq!(response.status, 404);
        assert!(
            response.text().contains("has no target NOPE"),
            "{}",
            response.text()
        );
        let response = get(addr, "/api/lists/nope-2020/ALM-KERBULAK-maslikhat?lang=en").await;
        assert_eq!(response.status, 404);
        assert!(
            response.text().contains("there is no campaign nope-2020"),
            "{}",
            response.text()
        );
        let response = get(addr, "/lists/kerbulak-2020/bad%20code/list.csv").await;
        assert_eq!(response.status, 400, "{}", response.text());
        // Without a choice of language the answer is Russian, and names the field and the character.
        assert!(
            response.text().contains("target «bad code»") && response.text().contains("' '"),
            "{}",
            response.text()
        );
        let response = get(addr, "/lists/kerbulak-2020/NOPE").await;
        assert!(
            response.text().contains("нет выборов NOPE"),
            "{}",
            response.text()
        );
        drop(server);
        store.close().await;
    }
}
