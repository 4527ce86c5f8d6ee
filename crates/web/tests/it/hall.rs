//! The hall over HTTP on both engines: the projector view behind its secret link (renewed, the old link is a plain 404), what it shows (present, quorum, the motion on the floor, the result in the minutes' words, never an IIN); the delegate's phone (sign-in with the check-in code, the open vote, casting once, confirming remote presence once); the kiosk that forgets each voter.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::{SignedDuration, Timestamp};
use mandat_app::App;
use mandat_core::ballot::ServerKey;
use mandat_core::staff::Login;
use mandat_core::token::TokenKey;
use mandat_core::{Code, Envelope, Iin, Sex};
use mandat_store::{BallotQueue, Participant, Pending, Store};
use mandat_testkit::{Client, Response, Served, engines, serve};
use serde_json::{Value, json};
use std::sync::Arc;

const MEETING: &str = "ALM-AKSU-P001.2020";
const POLL: &str = "rating-p001";

fn key() -> TokenKey {
    TokenKey::derive(&[5u8; 32])
}

fn member(n: u16) -> Iin {
    mandat_testkit::iin(jiff::civil::date(1978, 6, 21), Sex::Male, n)
}

fn cmd(held_at: &str, mut body: Value) -> Pending {
    body["actor"] = json!("org");
    body["held_at"] = json!(held_at);
    let envelope = Envelope::parse(&body.to_string()).unwrap_or_else(|e| panic!("{body}: {e}"));
    let at: Timestamp = held_at.parse().unwrap();
    Pending::new(envelope, at.as_millisecond() + 60_000)
}

async fn record(store: &Store, commands: Vec<Pending>) {
    let mut batch = store.begin().await.unwrap();
    for (n, r) in batch
        .push_chunk(commands)
        .await
        .unwrap()
        .into_iter()
        .enumerate()
    {
        r.unwrap_or_else(|e| panic!("command {n}: {e}"));
    }
    batch.commit().await.unwrap();
}

/// A PPO meeting of five members: three in the hall and one remote, open, with an agenda item,
/// a speaker, an adopted resolution (4 of 4), a second resolution on the floor, and an open
/// electronic rating vote of those checked in; an admin account for the region.
async fn setup(store: &Store) {
    let at = "2020-08-01T03:00:00Z";
    let mut commands = vec![
        cmd(at, json!({"cmd":"adopt_rules","version":2})),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM","kind":"region","parent":null,"names":{"ru":"Алматинский филиал","kk":"Алматы филиалы","en":"Almaty branch"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU","kind":"district","parent":"ALM","names":{"ru":"Аксу","kk":"Ақсу","en":"Aksu"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_unit","code":"ALM-AKSU-P001","kind":"primary","parent":"ALM-AKSU","names":{"ru":"ППО №1","kk":"№1 БПҰ","en":"PPO No. 1"}}),
        ),
        cmd(
            at,
            json!({"cmd":"create_campaign","code":"almaty-2020","name":"2020","election_day":"2021-01-10"}),
        ),
        cmd(
            at,
            json!({"cmd":"set_phase","campaign":"almaty-2020","phase":"ppo_meetings","starts_local":"2020-11-07T00:00","ends_local":"2020-11-08T23:59"}),
        ),
        cmd(
            at,
            json!({"cmd":"add_account","login":"alm.admin","role":"admin","unit":"ALM"}),
        ),
    ];
    for n in 0..5u16 {
        commands.push(cmd(at, json!({"cmd":"register_member","iin":member(n).to_string(),"full_name":format!("Member {n}"),"phone":format!("+7701000001{n}"),"unit":"ALM-AKSU-P001","joined_on":"2010-01-01"})));
    }
    commands.push(cmd("2020-11-03T04:00:00Z", json!({"cmd":"convene_meeting","code":MEETING,"campaign":"almaty-2020","unit":"ALM-AKSU-P001","phase":"ppo_meetings","convened_by":"bureau No. 1","scheduled_at":"2020-11-07T04:00:00Z","venue":"school hall","entry_deadline":"2099-12-31T00:00:00Z"})));
    commands.push(cmd(
        "2020-11-07T03:40:00Z",
        json!({"cmd":"open_registration","meeting":MEETING}),
    ));
    for n in 0..3u16 {
        commands.push(cmd(
            "2020-11-07T03:50:00Z",
            json!({"cmd":"check_in","meeting":MEETING,"iin":member(n).to_string(),"mode":"hall"}),
        ));
    }
    commands.push(cmd(
        "2020-11-07T03:51:00Z",
        json!({"cmd":"check_in","meeting":MEETING,"iin":member(3).to_string(),"mode":"remote"}),
    ));
    commands.extend([
        cmd(
            "2020-11-07T04:00:00Z",
            json!({"cmd":"open_meeting","meeting":MEETING}),
        ),
        cmd(
            "2020-11-07T04:01:00Z",
            json!({"cmd":"put_to_vote","meeting":MEETING,"vote":1,"motion":"presidium","chair":member(0).to_string(),"secretary":member(1).to_string(),"counting_commission":[member(2).to_string()]}),
        ),
        cmd(
            "2020-11-07T04:01:30Z",
            json!({"cmd":"count_vote","meeting":MEETING,"vote":1,"hall":{"for":3,"against":0,"abstain":0}}),
        ),
        cmd(
            "2020-11-07T04:02:00Z",
            json!({"cmd":"put_to_vote","meeting":MEETING,"vote":2,"motion":"agenda","items":["Election of delegates to the district conference"]}),
        ),
        cmd(
            "2020-11-07T04:03:00Z",
            json!({"cmd":"count_vote","meeting":MEETING,"vote":2,"hall":{"for":3,"against":0,"abstain":0}}),
        ),
        cmd(
            "2020-11-07T04:05:00Z",
            json!({"cmd":"record_speaker","meeting":MEETING,"item":1,"name":"Serik Akhmetov","role":"chair","topic":"the delegates' list"}),
        ),
        cmd(
            "2020-11-07T04:10:00Z",
            json!({"cmd":"put_to_vote","meeting":MEETING,"vote":3,"motion":"resolution","text":"Approve the hall's seating plan","item":1}),
        ),
    ]);
    let closes = (Timestamp::now() + SignedDuration::from_hours(24)).to_string();
    commands.push(cmd("2020-11-07T05:00:00Z", json!({"cmd":"create_poll","code":POLL,"campaign":"almaty-2020","title":"Rating vote","meeting":MEETING,"options":[{"code":"a","label":"Candidate Alpha"},{"code":"b","label":"Candidate Beta"},{"code":"c","label":"Candidate Gamma"}],"method":"plurality","electorate":{"checked_in":{"meeting":MEETING}},"roll_cutoff":"2020-11-07T05:00:00Z","opens_at":"2020-11-07T05:01:00Z","closes_at":closes,"board":"open"})));
    commands.push(cmd(
        "2020-11-07T05:00:00Z",
        json!({"cmd":"freeze_roll","poll":POLL}),
    ));
    commands.push(cmd(
        "2020-11-07T05:01:00Z",
        json!({"cmd":"open_poll","poll":POLL}),
    ));
    record(store, commands).await;
}

struct Hall {
    store: Store,
    served: Served,
    admin: String,
}

async fn hall(url: &str) -> Hall {
    let store = Store::open(url).await.unwrap();
    setup(&store).await;
    let app = App::new(store.clone()).with_token_key(key());
    let secrets = app
        .reset_account(&Login::parse("alm.admin").unwrap(), Timestamp::now())
        .await
        .unwrap();
    let queue = BallotQueue::start(
        store.clone(),
        Arc::new(ServerKey::from_seed(&[9u8; 32])),
        1,
        std::time::Duration::from_millis(20),
    );
    let served = serve(mandat_web::with_app(
        app.with_ballots(queue),
        mandat_web::SignInLimits::default(),
    ))
    .await;
    let login = Login::parse("alm.admin").unwrap();
    let totp = mandat_app::totp_code(
        &mandat_app::totp_secret_of_uri(&secrets.totp_uri).unwrap(),
        &login,
        Timestamp::now(),
    )
    .unwrap();
    let answer = served
        .client()
        .post(
            "/api/staff/signin",
            &json!({"login":"alm.admin","password":secrets.password,"totp":totp}),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let admin = answer.json()["token"].as_str().unwrap().to_owned();
    Hall {
        store,
        served,
        admin,
    }
}

/// The value of the first `name="NAME" value="…"` in a page.
fn form_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {page}"))
        + marker.len();
    page[start..][..page[start..].find('"').unwrap()].to_owned()
}

/// The first `href` that starts with `prefix`, with `&amp;` read back.
fn link(page: &str, prefix: &str) -> String {
    let marker = format!("href=\"{prefix}");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no link {prefix} in {page}"))
        + "href=\"".len();
    page[start..][..page[start..].find('"').unwrap()].replace("&amp;", "&")
}

/// A browser reading English that sends its forms from this site's pages.
fn en(client: &Client) -> Client {
    client
        .in_language("en")
        .with_header("Sec-Fetch-Site", "same-origin")
}

async fn code_for(store: &Store, n: u16) -> String {
    store
        .issue_vote_credential(
            &key(),
            &MEETING.parse::<Code>().unwrap(),
            Participant::Iin(member(n)),
            Timestamp::now(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn the_projector_link_shows_the_hall_and_a_renewed_link_kills_the_old_one() {
    for db in engines().await {
        let hall = hall(&db.url).await;
        let anonymous = en(&hall.served.client());
        let admin = anonymous.signed_in(&hall.admin);
        let page = anonymous
            .get(&format!("/meetings/{MEETING}/projector"))
            .await;
        assert_eq!(page.status, 401, "{}: {}", db.engine, page.text());
        let page = admin.get(&format!("/meetings/{MEETING}/projector")).await;
        assert_eq!(page.status, 200, "{}: {}", db.engine, page.text());
        assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
        let text = page.text();
        let screen = link(&text, &format!("/hall/{MEETING}/screen/"));
        let token = screen.rsplit('/').next().unwrap().to_owned();
        assert_eq!(token.len(), 22, "{screen}");
        assert!(link(&text, &format!("/kiosk/{MEETING}?key=")).len() > 30);

        let shown = anonymous.get(&screen).await;
        assert_eq!(shown.status, 200, "{}: {}", db.engine, shown.text());
        let body = shown.text();
        // Present 4 of 5 (3 in the hall, 1 remote); a quorum of more than half is 3.
        assert!(body.contains(r#"id="present">4<"#), "{body}");
        assert!(body.contains("3 in the hall, 1 remote, of 5"), "{body}");
        assert!(body.contains("reached (at least 3 needed)"), "{body}");
        assert!(
            body.contains("Election of delegates to the district conference"),
            "{body}"
        );
        assert!(body.contains("Serik Akhmetov"), "{body}");
        assert!(body.contains("data-since="), "{body}");
        assert!(body.contains(r#"id="floor""#), "{body}");
        assert!(body.contains("seating plan"), "{body}");
        for n in 0..5 {
            assert!(
                !body.contains(&member(n).to_string()),
                "an IIN on the screen"
            );
        }
        assert!(!body.contains("signout"), "the screen has no chrome");

        // Counted (1 for of 3 present for it), the result replaces the motion, with the rule in
        // the minutes' words.
        record(
            &hall.store,
            vec![cmd(
                "2020-11-07T04:12:00Z",
                json!({"cmd":"count_vote","meeting":MEETING,"vote":3,"hall":{"for":1,"against":1,"abstain":1}}),
            )],
        )
        .await;
        let body = anonymous.get(&screen).await.text();
        assert!(!body.contains(r#"id="floor""#), "{body}");
        assert!(body.contains(r#"id="result""#), "{body}");
        assert!(body.contains("Vote No. 3"), "{body}");
        assert!(body.contains("seating plan"), "{body}");
        assert!(body.contains("a majority of those present"), "{body}");
        assert!(body.contains("votes for needed to adopt — 2"), "{body}");
        assert!(body.contains("Rejected"), "{body}");
        assert!(body.contains("screen-result rejected"), "{body}");
        for n in 0..5 {
            assert!(
                !body.contains(&member(n).to_string()),
                "an IIN on the screen"
            );
        }
        // Russian and Kazakh from the catalogue.
        let ru = anonymous.get(&format!("{screen}?lang=ru")).await.text();
        assert!(ru.contains("Кворум"), "{ru}");
        let kk = anonymous.get(&format!("{screen}?lang=kk")).await.text();
        assert!(kk.contains("Кворум") && kk.contains("Қатысып отыр"), "{kk}");

        // A wrong token: a plain 404.
        let wrong = anonymous
            .get(&format!("/hall/{MEETING}/screen/AAAAAAAAAAAAAAAAAAAAAA"))
            .await;
        assert_eq!(wrong.status, 404);
        assert!(!wrong.text().contains("Member"), "{}", wrong.text());

        // Renewing needs the form's CSRF token, then the old link is gone and the new one works.
        let refused = admin
            .post_form(&format!("/meetings/{MEETING}/projector"), "csrf=nope")
            .await;
        assert_eq!(refused.status, 403, "{}", refused.text());
        assert_eq!(anonymous.get(&screen).await.status, 200);
        let csrf = form_value(&text, "csrf");
        let renewed = admin
            .post_form(
                &format!("/meetings/{MEETING}/projector"),
                &format!("csrf={csrf}"),
            )
            .await;
        assert_eq!(renewed.status, 303, "{}", renewed.text());
        assert_eq!(anonymous.get(&screen).await.status, 404);
        let page = admin
            .get(&format!("/meetings/{MEETING}/projector?renewed=1"))
            .await
            .text();
        assert!(page.contains("the old ones no longer work"), "{page}");
        let new_screen = link(&page, &format!("/hall/{MEETING}/screen/"));
        assert_ne!(new_screen, screen);
        assert_eq!(anonymous.get(&new_screen).await.status, 200);
        // The journal holds the command and no secret.
        let mut last = String::new();
        hall.store
            .each_entry(|e| {
                last = format!("{} {}", e.actor, e.command);
                Ok(())
            })
            .await
            .unwrap();
        assert!(last.contains("renew_projector_link"), "{last}");
        assert!(!last.contains(&token), "{last}");
    }
}

#[tokio::test]
async fn a_delegate_signs_in_with_the_check_in_code_votes_once_and_confirms_remote_presence_once() {
    for db in engines().await {
        let hall = hall(&db.url).await;
        let browser = en(&hall.served.client());
        // The sign-in form, with the binding cookie its CSRF token belongs to.
        let form = browser.get("/hall/signin").await;
        assert_eq!(form.status, 200, "{}: {}", db.engine, form.text());
        let browser = browser.keeping(&form);
        let csrf = form_value(&form.text(), "csrf");
        let wrong = browser
            .post_form("/hall/signin", &format!("csrf={csrf}&code=WRONG-CODE-0000"))
            .await;
        assert!(wrong.status >= 400, "{}", wrong.text());
        assert!(
            wrong.text().contains(r#"id="code-error""#),
            "{}",
            wrong.text()
        );

        // The remote delegate (member 3).
        let code = code_for(&hall.store, 3).await;
        let signed = browser
            .post_form("/hall/signin", &format!("csrf={csrf}&code={code}"))
            .await;
        assert_eq!(signed.status, 303, "{}", signed.text());
        assert!(
            signed
                .header("location")
                .unwrap()
                .starts_with(&format!("/hall/{MEETING}/me"))
        );
        let phone = browser.keeping(&signed);
        let me = phone.get(&format!("/hall/{MEETING}/me")).await;
        assert_eq!(me.status, 200, "{}", me.text());
        assert_eq!(me.header("cache-control").as_deref(), Some("no-store"));
        let page = me.text();
        assert!(page.contains("Rating vote"), "{page}");
        assert!(page.contains(&format!("/polls/{POLL}/vote")), "{page}");
        assert!(
            page.contains(&format!(r#"data-live="/hall/{MEETING}/me/live"#)),
            "{page}"
        );
        assert!(
            page.contains(&format!(r#"action="/hall/{MEETING}/speak"#)),
            "{page}"
        );
        assert!(page.contains(r#"name="topic""#), "{page}");
        // A remote delegate confirms presence for the vote on the floor, once.
        assert!(
            page.contains(&format!(r#"action="/hall/{MEETING}/confirm"#)),
            "{page}"
        );
        let csrf = form_value(&page, "csrf");
        let confirmed = phone
            .post_form(
                &format!("/hall/{MEETING}/confirm"),
                &format!("csrf={csrf}&vote=3"),
            )
            .await;
        assert_eq!(confirmed.status, 303, "{}", confirmed.text());
        let page = phone.get(&format!("/hall/{MEETING}/me")).await.text();
        assert!(page.contains(r#"id="confirmed""#), "{page}");
        let again = phone
            .post_form(
                &format!("/hall/{MEETING}/confirm"),
                &format!("csrf={csrf}&vote=3"),
            )
            .await;
        assert_eq!(again.status, 409, "{}", again.text());
        assert!(
            again.text().contains(r#"id="confirm-error""#),
            "{}",
            again.text()
        );
        let mut actors = Vec::new();
        hall.store
            .each_entry(|e| {
                if e.command.contains("confirm_presence") {
                    actors.push(e.actor);
                }
                Ok(())
            })
            .await
            .unwrap();
        assert_eq!(actors.len(), 1, "one confirmation recorded: {actors:?}");
        assert!(actors[0].starts_with("participant:"), "{actors:?}");
        // Only for themselves: another participant's confirmation is refused by the policy.
        let app = App::new(hall.store.clone()).with_token_key(key());
        let session = hall
            .store
            .session(
                &key(),
                phone
                    .cookies
                    .iter()
                    .find(|(n, _)| n == "mandat_session")
                    .unwrap()
                    .1
                    .as_str(),
                Timestamp::now(),
            )
            .await
            .unwrap()
            .unwrap();
        let other = mandat_core::authz::authorize(
            &mandat_core::authz::Principal::Participant {
                iin: session.iin,
                meeting: MEETING.parse().unwrap(),
            },
            &mandat_core::Command::ConfirmPresence(mandat_core::command::ConfirmPresence {
                meeting: MEETING.parse().unwrap(),
                vote: 3,
                iin: Some(member(0)),
                mandate: None,
            }),
            &app.snapshot().await.unwrap(),
        );
        assert!(other.is_err(), "{other:?}");

        // The ballot pages take the delegate's session; a second vote is refused.
        let ballot = phone.get(&format!("/polls/{POLL}/vote")).await;
        assert_eq!(ballot.status, 200, "{}", ballot.text());
        let text = ballot.text();
        let csrf = form_value(&text, "csrf");
        let request_key = form_value(&text, "request_key");
        let review = phone
            .post_form(
                &format!("/polls/{POLL}/review"),
                &format!("csrf={csrf}&request_key={request_key}&choice=b"),
            )
            .await;
        assert_eq!(review.status, 200, "{}", review.text());
        let ballot_field = form_value(&review.text(), "ballot")
            .replace("&quot;", "\"")
            .replace("&#34;", "\"");
        let encoded: String =
            url::form_urlencoded::byte_serialize(ballot_field.as_bytes()).collect();
        let cast = phone
            .post_form(
                &format!("/polls/{POLL}/cast"),
                &format!("csrf={csrf}&request_key={request_key}&ballot={encoded}"),
            )
            .await;
        assert_eq!(cast.status, 200, "{}", cast.text());
        assert!(
            cast.text().contains(&format!("/hall/{MEETING}/me")),
            "{}",
            cast.text()
        );
        let page = phone.get(&format!("/hall/{MEETING}/me")).await.text();
        assert!(page.contains("You have voted."), "{page}");
        let twice = phone
            .post_form(
                &format!("/polls/{POLL}/cast"),
                &format!(
                    "csrf={csrf}&request_key=a3f9c2e17b4d8065f1e2d3c4b5a69788&ballot={encoded}"
                ),
            )
            .await;
        assert_eq!(twice.status, 409, "{}", twice.text());

        // A delegate in the hall (member 0) is not asked to confirm presence.
        let code = code_for(&hall.store, 0).await;
        let other = en(&hall.served.client());
        let form = other.get("/hall/signin").await;
        let other = other.keeping(&form);
        let csrf = form_value(&form.text(), "csrf");
        let signed = other
            .post_form("/hall/signin", &format!("csrf={csrf}&code={code}"))
            .await;
        let other = other.keeping(&signed);
        let page = other.get(&format!("/hall/{MEETING}/me")).await.text();
        assert!(!page.contains("/confirm"), "{page}");
        // Another meeting's page sends them to sign in.
        let elsewhere = other.get("/hall/ALM-AKSU-P002.2020/me").await;
        assert_eq!(elsewhere.status, 303);
    }
}

#[tokio::test]
async fn the_kiosk_takes_a_printed_code_casts_shows_the_tracker_and_forgets_the_voter() {
    for db in engines().await {
        let hall = hall(&db.url).await;
        let admin = en(&hall.served.client()).signed_in(&hall.admin);
        let page = admin
            .get(&format!("/meetings/{MEETING}/projector"))
            .await
            .text();
        let kiosk_link = link(&page, &format!("/kiosk/{MEETING}?key="));
        let tablet = en(&hall.served.client());
        // Without the link the kiosk is a plain 404.
        assert_eq!(tablet.get(&format!("/kiosk/{MEETING}")).await.status, 404);
        let opened = tablet.get(&kiosk_link).await;
        assert_eq!(opened.status, 303, "{}", opened.text());
        let tablet = tablet.keeping(&opened);
        let start: Response = tablet.get(&format!("/kiosk/{MEETING}")).await;
        assert_eq!(start.status, 200, "{}: {}", db.engine, start.text());
        assert!(
            !start.text().contains("<script"),
            "the kiosk runs no script"
        );
        let csrf = form_value(&start.text(), "csrf");

        let code = code_for(&hall.store, 1).await;
        let signed = tablet
            .post_form(
                &format!("/kiosk/{MEETING}/code"),
                &format!("csrf={csrf}&code={code}"),
            )
            .await;
        assert_eq!(signed.status, 303, "{}", signed.text());
        let voter_cookie = signed
            .set_cookies()
            .into_iter()
            .find(|(n, _)| n == "mandat_kiosk_voter")
            .unwrap()
            .1;
        let with_voter = tablet.keeping(&signed);
        let ballot = with_voter.get(&format!("/kiosk/{MEETING}/ballot")).await;
        assert_eq!(ballot.status, 200, "{}", ballot.text());
        let text = ballot.text();
        assert!(text.contains("Candidate Beta"), "{text}");
        assert!(text.contains("http-equiv=\"refresh\""), "{text}");
        let csrf = form_value(&text, "csrf");
        let request_key = form_value(&text, "request_key");
        let cast = with_voter
            .post_form(
                &format!("/kiosk/{MEETING}/cast"),
                &format!("csrf={csrf}&poll={POLL}&request_key={request_key}&choice=a"),
            )
            .await;
        assert_eq!(cast.status, 200, "{}", cast.text());
        assert!(cast.text().contains(r#"id="tracker""#), "{}", cast.text());
        assert!(
            cast.set_cookies()
                .iter()
                .any(|(n, v)| n == "mandat_kiosk_voter" && v.is_empty()),
            "the voter's cookie is cleared: {}",
            cast.head
        );
        assert!(
            !cast.head.contains("mandat_opening"),
            "no opening is left in the browser"
        );
        // The session is ended on the server: the old cookie (a browser that kept it) and the
        // token as a bearer both fail, and the tablet is back at the empty form.
        let kept = tablet.with_cookie("mandat_kiosk_voter", &voter_cookie);
        let again = kept.get(&format!("/kiosk/{MEETING}/ballot")).await;
        assert_eq!(again.status, 303, "{}", again.text());
        let api = en(&hall.served.client())
            .signed_in(&voter_cookie)
            .get(&format!("/api/polls/{POLL}/me"))
            .await;
        assert_eq!(api.status, 401, "{}", api.text());
        let next = kept.get(&format!("/kiosk/{MEETING}")).await;
        assert_eq!(next.status, 200);
        let next = next.text();
        assert!(!next.contains("Candidate"), "{next}");
        assert!(!next.contains("tracker"), "{next}");
        assert!(next.contains(r#"name="code""#), "{next}");
        assert!(!next.contains(&code), "{next}");
    }
}

#[tokio::test]
async fn the_screen_and_the_phone_update_live_and_a_renewed_link_ends_the_old_stream() {
    let wait = std::time::Duration::from_secs(10);
    for db in engines().await {
        let hall = hall(&db.url).await;
        let anonymous = en(&hall.served.client());
        let admin = anonymous.signed_in(&hall.admin);
        let page = admin
            .get(&format!("/meetings/{MEETING}/projector"))
            .await
            .text();
        let screen = link(&page, &format!("/hall/{MEETING}/screen/"));
        let shown = anonymous.get(&screen).await.text();
        assert!(
            shown.contains(&format!(r#"data-live="{screen}/live?lang=en""#)),
            "{shown}"
        );
        let mut stream = anonymous
            .events(&format!("{screen}/live?lang=en"), None)
            .await
            .unwrap_or_else(|r| panic!("{}: {}", r.status, r.text()));
        let first = stream.next(wait).await.unwrap();
        assert!(first.data.contains(r#"id="present">4<"#), "{}", first.data);

        // The phone of the delegate in the hall (member 1).
        let code = code_for(&hall.store, 1).await;
        let browser = en(&hall.served.client());
        let form = browser.get("/hall/signin").await;
        let browser = browser.keeping(&form);
        let csrf = form_value(&form.text(), "csrf");
        let signed = browser
            .post_form("/hall/signin", &format!("csrf={csrf}&code={code}"))
            .await;
        let phone = browser.keeping(&signed);
        let mut mine = phone
            .events(&format!("/hall/{MEETING}/me/live?lang=en"), None)
            .await
            .unwrap_or_else(|r| panic!("{}: {}", r.status, r.text()));
        let first = mine.next(wait).await.unwrap();
        assert!(first.data.contains("Rating vote"), "{}", first.data);

        // The fifth member checks in: the screen shows 5 without a reload; the poll closes:
        // the phone no longer offers it.
        record(
            &hall.store,
            vec![
                cmd(
                    "2020-11-07T04:11:00Z",
                    json!({"cmd":"check_in","meeting":MEETING,"iin":member(4).to_string(),"mode":"hall"}),
                ),
                cmd(
                    "2020-11-07T05:30:00Z",
                    json!({"cmd":"close_poll","poll":POLL,"reason":"the rating vote ended early"}),
                ),
            ],
        )
        .await;
        let mut updated = String::new();
        while let Some(event) = stream.next(wait).await {
            if event.event == "update" {
                updated = event.data;
                break;
            }
        }
        assert!(updated.contains(r#"id="present">5<"#), "{updated}");
        let mut mine_updated = String::new();
        while let Some(event) = mine.next(wait).await {
            if event.event == "update" {
                mine_updated = event.data;
                break;
            }
        }
        assert!(mine_updated.contains(r#"id="no-polls""#), "{mine_updated}");

        // Renewed, the old link's stream ends.
        let csrf = form_value(&page, "csrf");
        let renewed = admin
            .post_form(
                &format!("/meetings/{MEETING}/projector"),
                &format!("csrf={csrf}"),
            )
            .await;
        assert_eq!(renewed.status, 303);
        let mut ended = false;
        while let Some(event) = stream.next(wait).await {
            if event.event == "end" {
                ended = true;
                break;
            }
        }
        assert!(ended || stream.ended, "the old link's stream ends");
        let gone = anonymous.events(&format!("{screen}/live"), None).await;
        assert_eq!(gone.err().map(|r| r.status), Some(404));
    }
}
