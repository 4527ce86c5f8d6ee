//! The HTTP server as a browser sees it: started on a free port against a fresh database on each engine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::Envelope;
use mandat_store::{Pending, Store};

/// 2020-08-01T03:01:00Z, a minute after the commands below were held: a command recorded more
/// than 10 minutes before it says it happened is refused.
const RECORDED_AT: i64 = 1_596_250_860_000;

async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let response = mandat_testkit::Client::new(addr).get(path).await;
    (response.status, response.text())
}

#[tokio::test]
async fn the_unit_page_and_health_show_the_tree_and_the_chain_head() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        let at = r#""actor":"org","held_at":"2020-08-01T03:00:00Z""#;
        for json in [
            format!(
                r#"{{"cmd":"create_unit",{at},"code":"ALM","kind":"region","parent":null,"names":{{"ru":"Алматинский областной филиал","kk":"Алматы облыстық филиалы","en":"Almaty"}}}}"#
            ),
            format!(
                r#"{{"cmd":"create_unit",{at},"code":"ALM-TEKELI","kind":"city","parent":"ALM","names":{{"ru":"Текелийский городской филиал","kk":"Текелі қалалық филиалы","en":"Tekeli"}}}}"#
            ),
        ] {
            store
                .submit(Pending::new(Envelope::parse(&json).unwrap(), RECORDED_AT))
                .await
                .unwrap();
        }
        let head = store.head().await.unwrap().to_string();
        let server = mandat_testkit::serve(mandat_web::router(store.clone())).await;
        let addr = server.addr;

        let (status, body) = get(addr, "/healthz").await;
        assert_eq!(status, 200, "{}", db.engine);
        let health: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(health["journal_head"], head);

        let (status, page) = get(addr, "/").await;
        assert_eq!(status, 200);
        assert!(page.contains("Алматинский областной филиал"), "{page}");
        assert!(page.contains("Текелі қалалық филиалы"), "{page}");
        assert!(page.contains(&head), "the page publishes the chain head");
        // The city is drawn under its region.
        assert!(page.find("ALM-TEKELI").unwrap() > page.find(">ALM<").unwrap());

        let (status, json) = get(addr, "/api/units").await;
        assert_eq!(status, 200);
        let units: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[1]["parent"], "ALM");

        let (status, _) = get(addr, "/no-such-page").await;
        assert_eq!(status, 404);
        drop(server);
        store.close().await;
    }
}

#[tokio::test]
async fn the_ladder_progress_and_the_minutes_are_served() {
    for db in mandat_testkit::engines().await {
        let store = Store::open(&db.url).await.unwrap();
        let example = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../docs/examples/conference.jsonl"),
        )
        .unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64;
        let commands: Vec<Pending> = example
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| Pending::new(Envelope::parse(l).unwrap(), now))
            .collect();
        let mut batch = store.begin().await.unwrap();
        for result in batch.push_chunk(commands).await.unwrap() {
            result.unwrap();
        }
        batch.commit().await.unwrap();
        let conference = store
            .read_snapshot()
            .await
            .unwrap()
            .meetings
            .values()
            .find(|m| m.kind.has_mandates())
            .map(|m| m.code.to_string())
            .unwrap();

        let server = mandat_testkit::serve(mandat_web::router(store.clone())).await;
        let addr = server.addr;

        let (status, body) = get(addr, "/api/status").await;
        assert_eq!(status, 200, "{}: {body}", db.engine);
        let progress: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            progress["meetings"]["branch_conference"]["held"], 1,
            "{progress}"
        );

        let (status, page) = get(addr, &format!("/meetings/{conference}/minutes?lang=kk")).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("lang=\"kk\""), "{page}");
        assert!(page.contains("Кворум"), "{page}");
        let head = store.head().await.unwrap();
        assert!(
            page.contains(&head.hash),
            "the page carries the closing anchor"
        );

        let (status, message) = get(addr, &format!("/meetings/{conference}/minutes?lang=de")).await;
        assert_eq!(status, 400);
        assert!(message.contains("choose ru, kk or en"), "{message}");
        let (status, _) = get(addr, "/meetings/NO-SUCH/minutes").await;
        assert_eq!(status, 404);
        let (status, _) = get(addr, "/api/status?unit=NOPE").await;
        assert_eq!(status, 404);
        drop(server);
    }
}
