//! The HTTP server as a browser sees it: started on a free port against a fresh database on each engine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mandat_core::Envelope;
use mandat_store::{Pending, Store};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
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
                .submit(Pending::new(Envelope::parse(&json).unwrap(), 1))
                .await
                .unwrap();
        }
        let head = store.head().await.unwrap().to_string();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = mandat_web::router(store.clone());
        let server = tokio::spawn(async move { axum::serve(listener, app).await });

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
        server.abort();
        store.close().await;
    }
}
