//! The HTTP sender of sign-in codes against a gateway that fails, then takes the message: retried on 5xx, never on 4xx, with the token and the JSON body the gateway expects.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use mandat_app::{GatewayConfig, HttpSender, SmsError, SmsSender};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Default)]
struct Gateway {
    /// Answers to give, in order; then 200.
    answers: Arc<Mutex<Vec<StatusCode>>>,
    received: Arc<Mutex<Vec<(String, Value)>>>,
}

async fn take(State(g): State<Gateway>, headers: HeaderMap, Json(body): Json<Value>) -> StatusCode {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    g.received.lock().unwrap().push((auth, body));
    let mut answers = g.answers.lock().unwrap();
    if answers.is_empty() {
        StatusCode::OK
    } else {
        answers.remove(0)
    }
}

async fn gateway(answers: Vec<StatusCode>) -> (String, Gateway) {
    let g = Gateway {
        answers: Arc::new(Mutex::new(answers)),
        ..Gateway::default()
    };
    let app = axum::Router::new()
        .route("/send", axum::routing::post(take))
        .with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}/send?to={{to}}"), g)
}

fn sender(url: String) -> HttpSender {
    HttpSender::new(GatewayConfig {
        url_template: url,
        token: Some("s3cret".into()),
        timeout: Duration::from_secs(5),
        retries: 2,
    })
    .unwrap()
}

#[tokio::test]
async fn a_busy_gateway_is_retried_and_the_message_goes_through_once_it_takes_it() {
    let (url, g) = gateway(vec![
        StatusCode::SERVICE_UNAVAILABLE,
        StatusCode::TOO_MANY_REQUESTS,
    ])
    .await;
    sender(url)
        .send("+77011234567", "mandat: code 123456")
        .await
        .unwrap();
    let received = g.received.lock().unwrap();
    assert_eq!(received.len(), 3);
    assert_eq!(received[2].0, "Bearer s3cret");
    assert_eq!(received[2].1["to"], "+77011234567");
    assert_eq!(received[2].1["text"], "mandat: code 123456");
}

#[tokio::test]
async fn a_refusal_is_not_retried_and_a_dead_gateway_gives_up_after_its_retries() {
    let (url, g) = gateway(vec![StatusCode::BAD_REQUEST]).await;
    let refused = sender(url).send("+77011234567", "x").await.unwrap_err();
    assert!(
        matches!(
            refused,
            SmsError::Refused {
                status: 400,
                tries: 1
            }
        ),
        "{refused}"
    );
    assert_eq!(g.received.lock().unwrap().len(), 1);

    let (url, g) = gateway(vec![StatusCode::BAD_GATEWAY; 5]).await;
    let gave_up = sender(url).send("+77011234567", "x").await.unwrap_err();
    assert!(
        matches!(
            gave_up,
            SmsError::Refused {
                status: 502,
                tries: 3
            }
        ),
        "{gave_up}"
    );
    assert_eq!(g.received.lock().unwrap().len(), 3);

    let unreachable = sender("http://127.0.0.1:9/send".into())
        .send("+77011234567", "x")
        .await
        .unwrap_err();
    assert!(
        matches!(unreachable, SmsError::Unreachable { tries: 3, .. }),
        "{unreachable}"
    );
}

#[test]
fn a_gateway_address_that_is_not_http_is_refused() {
    let e = HttpSender::new(GatewayConfig {
        url_template: "ftp://gw".into(),
        token: None,
        timeout: Duration::from_secs(1),
        retries: 0,
    })
    .err()
    .unwrap();
    assert!(e.to_string().contains("https://"), "{e}");
}
