//! The dashboard's ballot-box alarm on both engines: a ballot slipped into an open poll's box is shown once the schedule's audit has found it, and the dashboard itself never reads the box.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::Timestamp;
use mandat_app::App;
use mandat_core::ballot::{BallotContent, ServerKey};
use mandat_core::meeting::attention::Concern;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{Cast, Pending, Store};
use serde_json::{Value, json};

const POLL: &str = "aksu-primaries";

fn member(n: u16) -> Iin {
    mandat_testkit::iin(jiff::civil::date(1980, 2, 11), Sex::Male, n)
}

fn cmd(held_at: &str, mut body: Value) -> Pending {
    body["actor"] = json!("org");
    body["held_at"] = json!(held_at);
    let envelope = Envelope::parse(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let at: Timestamp = held_at.parse().unwrap();
    Pending::new(envelope, at.as_millisecond() + 60_000)
}

/// While the poll is open.
fn during() -> Timestamp {
    "2020-10-01T06:00:00Z".parse().unwrap()
}

/// A district of 8 members voting on three of them, the poll open.
async fn open_poll(url: &str) -> Store {
    let store = Store::open(url).await.unwrap();
    let at = "2020-08-01T03:00:00Z";
    let mut setup = vec![
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM","kind":"region","parent":null,"names":{"ru":"А","kk":"А","en":"A"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU","kind":"district","parent":"ALM","names":{"ru":"Б","kk":"Б","en":"B"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{"ru":"В","kk":"В","en":"C"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_campaign","code":"almaty-2020","name":"Праймериз 2020","election_day":"2021-01-10"}),
        ),
        cmd(
            at,
            json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"nomination","starts_local":"2020-08-17T00:00","ends_local":"2020-08-28T18:00"}),
        ),
        cmd(
            at,
            json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"primary_vote","starts_local":"2020-10-01T00:00","ends_local":"2020-10-03T14:00","after":["nomination"]}),
        ),
        cmd(
            at,
            json!({"cmd":"set_target","campaign":"almaty-2020","code":"aksu","body":"local_maslikhat","name":"Аксуский районный маслихат","seats":2,"electorate_unit":"ALM-AKSU"}),
        ),
    ];
    for n in 0..8u16 {
        setup.push(cmd(at, json!({"cmd":"register_member","iin":member(n).to_string(),"full_name":format!("Member {n}"),"phone":format!("+7701{n:07}"),"unit":"ALM-AKSU-P001","joined_on":"2019-06-01"})));
    }
    let nominated = "2020-08-20T05:00:00Z";
    for n in 0..3u16 {
        setup.push(cmd(nominated, json!({"cmd":"nominate_candidate","campaign":"almaty-2020","target":"aksu","iin":member(n).to_string(),"nominated_by":"self"})));
        setup.push(cmd(nominated, json!({"cmd":"register_candidate","campaign":"almaty-2020","target":"aksu","iin":member(n).to_string(),"decision":"committee No. 1"})));
    }
    let options: Vec<Value> = (0..3u16)
        .map(|n| json!({"code":format!("c{n}"),"label":format!("Member {n}"),"candidate":member(n).to_string()}))
        .collect();
    setup.push(cmd("2020-08-29T05:00:00Z", json!({"cmd":"create_poll","code":POLL,"campaign":"almaty-2020","title":"Primaries: Aksu district maslikhat","target":"aksu","options":options,"method":"plurality","seats":2,"electorate":{"members":{"unit":"ALM-AKSU"}},"roll_cutoff":"2020-08-30T00:00:00Z","opens_at":"2020-09-30T19:00:00Z","closes_at":"2020-10-03T08:00:00Z","phase":"primary_vote"})));
    setup.push(cmd(
        "2020-08-30T00:00:00Z",
        json!({"cmd":"freeze_roll","poll":POLL}),
    ));
    setup.push(cmd(
        "2020-09-30T19:00:00Z",
        json!({"cmd":"open_poll","poll":POLL}),
    ));
    let mut batch = store.begin().await.unwrap();
    for (n, result) in batch
        .push_chunk(setup)
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        result.unwrap_or_else(|e| panic!("command {n}: {e}"));
    }
    batch.commit().await.unwrap();
    store
}

async fn alarms(app: &App) -> Vec<(Code, u64, u64)> {
    let root = Code::parse("ALM").unwrap();
    app.dashboard(&root, None, during())
        .await
        .unwrap()
        .overview
        .attention
        .into_iter()
        .filter_map(|c| match c {
            Concern::CheckpointAlarm {
                poll,
                voters,
                ballots,
            } => Some((poll, voters, ballots)),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_ballot_slipped_into_the_box_is_an_alarm_once_the_schedule_has_audited_it() {
    for db in mandat_testkit::engines().await {
        let store = open_poll(&db.url).await;
        let casts: Vec<Cast> = (3..8u16)
            .map(|n| Cast {
                poll: POLL.parse().unwrap(),
                voter: member(n),
                content: BallotContent(vec![vec!["c1".to_owned()]]),
                device_nonce: None,
                request_key: format!("request-{n}"),
            })
            .collect();
        store
            .cast_batch(casts, &ServerKey::from_seed(&[7u8; 32]), during())
            .await
            .unwrap();
        let app = App::new(store.clone());
        mandat_app::tick(&app, during()).await.unwrap();
        assert!(alarms(&app).await.is_empty(), "{}", db.engine);

        // An insider adds a ballot directly to the box: nothing shows until the audit runs.
        sqlx::query("INSERT INTO ballot_box (poll, tracker, content, opening, request_hash) VALUES ('aksu-primaries', 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', '[[\"c1\"]]', '0000000000000000000000000000000000000000000000000000000000000000', 'x')")
            .execute(store.pool())
            .await
            .unwrap();
        assert!(alarms(&app).await.is_empty(), "{}", db.engine);
        mandat_app::tick(&app, during()).await.unwrap();
        let poll = Code::parse(POLL).unwrap();
        assert_eq!(alarms(&app).await, vec![(poll, 5, 6)], "{}", db.engine);

        // Every clone of the application (the web's, the schedule's) sees the same audit.
        assert_eq!(alarms(&app.clone()).await.len(), 1, "{}", db.engine);
    }
}
