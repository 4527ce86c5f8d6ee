//! The checks every command shares, made once at the entry: an actor, and a time that is not in the future.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::{RuleError, decide};
use crate::command::Envelope;
use crate::state::Snapshot;
use jiff::Timestamp;

const RECORDED: &str = "2020-08-01T09:00:00Z";
const CREATE_UNIT: &str = r#""cmd":"create_unit","code":"R","kind":"region","parent":null,"names":{"ru":"Р","kk":"Р","en":"R"}"#;
const CREATE_CAMPAIGN: &str =
    r#""cmd":"create_campaign","code":"c","name":"2021","election_day":"2021-01-10""#;

fn decided(actor: &str, held_at: &str, command: &str) -> Result<(), RuleError> {
    let line = format!(r#"{{"actor":"{actor}","held_at":"{held_at}",{command}}}"#);
    let envelope = Envelope::parse(&line).unwrap();
    let recorded: Timestamp = RECORDED.parse().unwrap();
    decide(&envelope, 1, recorded, &Snapshot::default()).map(|_| ())
}

#[test]
fn a_registry_or_campaign_command_held_in_the_future_is_refused_as_any_other() {
    for command in [CREATE_UNIT, CREATE_CAMPAIGN] {
        // Ten minutes of clock skew between the desk and the server are tolerated.
        assert_eq!(decided("org", "2020-08-01T09:10:00Z", command), Ok(()));
        let refused = decided("org", "2020-08-01T09:10:01Z", command).unwrap_err();
        assert!(
            matches!(refused, RuleError::HeldInFuture { .. }),
            "{command}: {refused}"
        );
    }
}

#[test]
fn a_command_without_an_actor_is_refused_before_its_own_rules() {
    // Renaming a unit that does not exist: the missing actor is what is reported.
    let rename = r#""cmd":"rename_unit","code":"NOWHERE","names":{"ru":"Р","kk":"Р","en":"R"}"#;
    assert_eq!(decided(" ", RECORDED, rename), Err(RuleError::NoActor));
    assert!(matches!(
        decided("org", RECORDED, rename),
        Err(RuleError::NoUnit { .. })
    ));
}
