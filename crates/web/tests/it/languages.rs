//! Every page of the examples in Russian and in Kazakh is in that language: no three Latin-script words in a row outside names, codes and URLs; `Accept-Language` chooses the language when `?lang=` does not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::command::ConveneMeeting;
use mandat_core::{Command, Envelope};
use mandat_store::{Pending, Store};
use mandat_testkit::script::{html_text, latin_runs};

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

async fn apply(store: &Store, envelopes: &[Envelope]) {
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
}

/// The status and body of `GET path`, with an `Accept-Language` header when given.
async fn get(addr: std::net::SocketAddr, path: &str, accept: Option<&str>) -> (u16, String) {
    let mut client = mandat_testkit::Client::new(addr);
    client.accept_language = accept.map(str::to_owned);
    let response = client.get(path).await;
    assert!(
        response.header("transfer-encoding").is_none(),
        "pages are sent whole"
    );
    (response.status, response.text())
}

#[tokio::test]
async fn every_page_of_the_examples_is_in_one_language() {
    let db = mandat_testkit::sqlite();
    let store = Store::open(&db.url).await.unwrap();
    let mut envelopes = example("conference.jsonl");
    envelopes.extend(example("lists.jsonl"));
    apply(&store, &envelopes).await;
    let server = mandat_testkit::serve(mandat_web::router(store.clone())).await;
    let addr = server.addr;

    let mut paths = vec!["/".to_owned(), "/lists".to_owned()];
    for env in &envelopes {
        if let Command::ConveneMeeting(ConveneMeeting { code, .. }) = &env.command {
            paths.push(format!("/meetings/{code}/minutes"));
        }
    }
    let (_, lists) = get(addr, "/api/lists", None).await;
    let lists: Vec<serde_json::Value> = serde_json::from_str(&lists).unwrap();
    assert!(!lists.is_empty());
    for list in &lists {
        paths.push(format!(
            "/lists/{}/{}",
            list["campaign"].as_str().unwrap(),
            list["target"].as_str().unwrap()
        ));
    }
    assert!(paths.len() > 6, "{paths:?}");

    for lang in ["ru", "kk"] {
        for path in &paths {
            let (status, page) = get(addr, &format!("{path}?lang={lang}"), None).await;
            assert_eq!(status, 200, "{path}?lang={lang}: {page}");
            assert!(page.contains(&format!("lang=\"{lang}\"")), "{path}: {page}");
            let runs = latin_runs(&html_text(&page));
            assert!(runs.is_empty(), "{path}?lang={lang} has English: {runs:?}");
        }
    }

    // Without `?lang=`, the browser's language; without either, Russian.
    let (_, page) = get(addr, "/lists", Some("kk-KZ,ru;q=0.8")).await;
    assert!(page.contains("lang=\"kk\""), "{page}");
    assert!(page.contains("Партиялық тізімдер"), "{page}");
    let (_, page) = get(addr, "/", None).await;
    assert!(page.contains("lang=\"ru\""), "{page}");
    let (_, page) = get(addr, "/lists?lang=kk", Some("en")).await;
    assert!(page.contains("lang=\"kk\""), "the query wins: {page}");

    drop(server);
}
