//! `mandat notices send` as an organizer runs it, on both engines: the convocation to every delegate of a conference through the outbox, none sent twice, and refusals that say why.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{example_text, mandat};
use mandat_testkit::engines;

/// The conference example up to the district conference convened: its delegates are elected.
fn convened() -> String {
    let mut out = String::new();
    for line in example_text("conference.jsonl").lines() {
        if line.contains("\"open_registration\"") && line.contains("\"ALM-KERBULAK.2020\"") {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[tokio::test]
async fn the_convocation_goes_to_every_delegate_once() {
    for db in engines().await {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("site.secret");
        let record = dir.path().join("convened.jsonl");
        std::fs::write(&record, convened()).unwrap();
        let run = mandat(&db, &secret, &["apply", record.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}: apply: {}", db.engine, run.stderr);
        let outbox = dir.path().join("outbox.jsonl");
        let send = |meeting: &str, outbox: Option<&std::path::Path>| {
            let mut args = vec![
                "notices",
                "send",
                "--meeting",
                meeting,
                "--kind",
                "convocation",
            ];
            if let Some(path) = outbox {
                args.push("--sms-outbox");
                args.push(path.to_str().unwrap());
            }
            mandat(&db, &secret, &args)
        };
        let first = send("ALM-KERBULAK.2020", Some(&outbox));
        assert_eq!(first.code, 0, "{}: {}", db.engine, first.stderr);
        let messages = std::fs::read_to_string(&outbox).unwrap();
        let sent = messages.lines().count();
        assert!(sent >= 5, "{}: {messages}", db.engine);
        assert!(
            first
                .stdout
                .contains(&format!("{sent} sent now, 0 sent before")),
            "{}: {}",
            db.engine,
            first.stdout
        );
        let second = send("ALM-KERBULAK.2020", Some(&outbox));
        assert_eq!(second.code, 0, "{}: {}", db.engine, second.stderr);
        assert!(
            second
                .stdout
                .contains(&format!("0 sent now, {sent} sent before")),
            "{}: {}",
            db.engine,
            second.stdout
        );
        assert_eq!(
            std::fs::read_to_string(&outbox).unwrap().lines().count(),
            sent
        );
        let ppo = send("ALM-KERBULAK-P001.2020", Some(&outbox));
        assert_eq!(ppo.code, 2, "{}", db.engine);
        assert!(
            ppo.stderr.contains("notices go only to a conference"),
            "{}: {}",
            db.engine,
            ppo.stderr
        );
        let no_sender = send("ALM-KERBULAK.2020", None);
        assert_eq!(no_sender.code, 2, "{}", db.engine);
        assert!(
            no_sender.stderr.contains("--sms-outbox"),
            "{}: {}",
            db.engine,
            no_sender.stderr
        );
    }
}
