//! The policy's table test: every command × every role × the whole party, inside the scope and outside it; then grants for one meeting and one poll, lapsed grants, disabled accounts and the actors recorded.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::command::NAMES;
use crate::staff::GrantedRole;

/// Who may submit each command, written out as the specification (not derived from the
/// policy's own lists): A admin, O organizer, S secretary, C counting commission, R
/// registration desk; an observer submits nothing. `-` marks what nobody submits (the ballot
/// box's own commands, and the scan recorded with its file).
const EXPECTED: &[(&str, &str)] = &[
    ("adopt_rules", "A"),
    ("create_unit", "AO"),
    ("rename_unit", "AO"),
    ("move_unit", "AO"),
    ("close_unit", "AO"),
    ("register_member", "AO"),
    ("register_person", "AO"),
    ("change_member_phone", "AO"),
    ("transfer_member", "AO"),
    ("set_member_status", "AO"),
    ("create_campaign", "AO"),
    ("set_phase", "AO"),
    ("remove_phase", "AO"),
    ("set_target", "AO"),
    ("remove_target", "AO"),
    ("convene_meeting", "AO"),
    ("set_entry_deadline", "AO"),
    ("set_decision_rule", "AO"),
    ("set_representation", "AO"),
    ("open_registration", "AOS"),
    ("check_in", "AOSR"),
    ("record_attendance", "AOSR"),
    ("check_out", "AOSR"),
    ("reissue_card", "AOSR"),
    ("replace_delegate", "AO"),
    ("report_credentials", "AOS"),
    ("renew_projector_link", "AOSC"),
    ("open_meeting", "AOS"),
    ("fail_meeting", "AOS"),
    ("put_to_vote", "AOS"),
    ("confirm_presence", "AOS"),
    ("cast_named_vote", "AOS"),
    ("record_speaker", "AOS"),
    ("count_vote", "AOSC"),
    ("cancel_vote", "AOS"),
    ("close_meeting", "AOS"),
    ("attach_signed_minutes", "-"),
    ("excuse_unit", "AO"),
    ("set_eligibility", "AO"),
    ("nominate_candidate", "AO"),
    ("register_candidate", "AO"),
    ("refuse_candidate", "AO"),
    ("withdraw_candidate", "AO"),
    ("schedule_debate", "AO"),
    ("set_debate_quotas", "AO"),
    ("invite_to_debate", "AO"),
    ("answer_debate_invitation", "AO"),
    ("record_debate", "AO"),
    ("create_poll", "AO"),
    ("freeze_roll", "AO"),
    ("open_poll", "AO"),
    ("pause_poll", "AO"),
    ("resume_poll", "AO"),
    ("extend_poll", "AO"),
    ("close_poll", "AO"),
    ("reopen_poll", "AO"),
    ("record_ballots", "-"),
    ("publish_checkpoint", "-"),
    ("mark_at_station", "AOR"),
    ("enter_station_return", "AOC"),
    ("resolve_station_conflict", "AOC"),
    ("seal_ballots", "-"),
    ("count_poll", "AOC"),
    ("set_list_rules", "AO"),
    ("nominate_from_list", "AO"),
    ("draft_list", "AO"),
    ("edit_list", "AO"),
    ("withdraw_from_list", "AO"),
    ("add_account", "A"),
    ("disable_account", "A"),
    ("grant_role", "AO"),
    ("revoke_grant", "AO"),
];

/// Commands whose examples act on the whole party (a root unit's account alone holds them).
const WHOLE_PARTY: &[&str] = &[
    "adopt_rules",
    "create_unit", // the first example creates a region, with no parent
    "create_campaign",
    "set_phase",
    "remove_phase",
    "set_target",
    "remove_target",
    "set_decision_rule",
];

fn letter(role: Role) -> char {
    match role {
        Role::Admin => 'A',
        Role::Organizer => 'O',
        Role::Secretary => 'S',
        Role::CountingCommission => 'C',
        Role::RegistrationDesk => 'R',
        Role::Observer => 'V',
    }
}

/// One example of every command, from the documented examples.
fn examples() -> Vec<Command> {
    let files = [
        include_str!("../../../docs/examples/registry.jsonl"),
        include_str!("../../../docs/examples/conference.jsonl"),
        include_str!("../../../docs/examples/primaries.jsonl"),
        include_str!("../../../docs/examples/lists.jsonl"),
        include_str!("../../../docs/examples/congress.jsonl"),
        include_str!("../../../docs/examples/debates.jsonl"),
        include_str!("../../../docs/examples/staff.jsonl"),
        // Recorded with its file, so it is in no example file.
        r#"{"cmd":"attach_signed_minutes","actor":"a","held_at":"2020-11-07T10:00:00Z","meeting":"M","sha256":"0000000000000000000000000000000000000000000000000000000000000000","media_type":"application/pdf","size":10}"#,
    ];
    let mut found: Vec<Command> = Vec::new();
    for line in files.iter().flat_map(|f| f.lines()) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let command = crate::Envelope::parse(line)
            .unwrap_or_else(|e| panic!("{line}: {e}"))
            .command;
        if !found.iter().any(|c| c.name() == command.name()) {
            found.push(command);
        }
    }
    for name in NAMES {
        assert!(
            found.iter().any(|c| c.name() == *name),
            "no example of {name}"
        );
    }
    found
}

/// A party of two districts under a root: everything a command names is placed in `placed`.
struct Party {
    placed: &'static str,
    meeting_of_poll: Option<&'static str>,
    lapsed: Option<&'static str>,
}

impl Locate for Party {
    fn unit_of(&self, _: &Subject) -> Option<Code> {
        Some(Code::parse(self.placed).unwrap())
    }
    fn is_root(&self, unit: &Code) -> bool {
        unit.as_str() == "ROOT"
    }
    fn within(&self, unit: &Code, ancestor: &Code) -> bool {
        unit == ancestor
            || ancestor.as_str() == "ROOT"
            || unit.as_str().starts_with(&format!("{ancestor}-"))
    }
    fn meeting_of_poll(&self, _: &Code) -> Option<Code> {
        self.meeting_of_poll.map(|m| Code::parse(m).unwrap())
    }
    fn lapsed(&self, _: &Grant) -> Option<&'static str> {
        self.lapsed
    }
}

fn iin() -> Iin {
    Iin::parse("680314310004").unwrap()
}

fn principal(role: Role, unit: &str) -> Principal {
    let unit = Code::parse(unit).unwrap();
    let staff = |role| Principal::Staff {
        login: Login::parse("someone").unwrap(),
        role,
        unit: unit.clone(),
        disabled: false,
    };
    let person = |role| Principal::Person {
        iin: iin(),
        grants: vec![Grant {
            iin: iin(),
            role,
            scope: GrantScope::Unit(unit.clone()),
            granted_seq: 42,
        }],
    };
    match role {
        Role::Admin => staff(StaffRole::Admin),
        Role::Organizer => staff(StaffRole::Organizer),
        Role::Secretary => person(GrantedRole::Secretary),
        Role::CountingCommission => person(GrantedRole::CountingCommission),
        Role::RegistrationDesk => person(GrantedRole::RegistrationDesk),
        Role::Observer => person(GrantedRole::Observer),
    }
}

#[test]
fn every_command_for_every_role_inside_and_outside_the_scope() {
    let expected: std::collections::BTreeMap<&str, &str> = EXPECTED.iter().copied().collect();
    assert_eq!(
        expected
            .keys()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        NAMES.iter().copied().collect(),
        "the table names every command once"
    );
    let mut checked = 0;
    for command in examples() {
        let name = command.name();
        let allowed_roles = expected[name];
        for role in Role::ALL {
            let allowed = allowed_roles.contains(letter(role));
            let is_staff = matches!(role, Role::Admin | Role::Organizer);
            // (principal's unit, where the command's subjects are, whether that is in scope)
            let cases = [
                ("ROOT", "IN-P1", true),
                ("IN", "IN-P1", !WHOLE_PARTY.contains(&name)),
                ("IN", "OUT-P1", false),
            ];
            for (scope, placed, inside) in cases {
                let at = Party {
                    placed,
                    meeting_of_poll: None,
                    lapsed: None,
                };
                let got = authorize(&principal(role, scope), &command, &at);
                let case = format!("{name} by {} of {scope} on {placed}", role.as_str());
                match got {
                    Ok(authority) => {
                        assert!(allowed && inside, "{case}: allowed, must be refused");
                        if is_staff {
                            assert_eq!(authority.actor, "staff:someone", "{case}");
                        } else {
                            assert_eq!(authority.actor, "person:68*********4/grant:42", "{case}");
                        }
                    }
                    Err(denied) => {
                        let want = if allowed_roles == "-" {
                            if command.ballot_box_only() {
                                "command_box_only"
                            } else {
                                "command_file_only"
                            }
                        } else if !allowed {
                            if is_staff {
                                "role_may_not"
                            } else {
                                "no_grant_for"
                            }
                        } else {
                            assert!(!inside, "{case}: refused ({denied:?}), must be allowed");
                            "outside_scope"
                        };
                        assert_eq!(denied.code(), want, "{case}: {denied:?}");
                        assert!(
                            !denied.message(crate::Lang::Ru).contains("api-"),
                            "{case}: the sentence exists"
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, NAMES.len() * Role::ALL.len() * 3);
}

fn meeting_grant(role: GrantedRole, meeting: &str) -> Principal {
    Principal::Person {
        iin: iin(),
        grants: vec![Grant {
            iin: iin(),
            role,
            scope: GrantScope::Meeting(Code::parse(meeting).unwrap()),
            granted_seq: 7,
        }],
    }
}

fn command(line: &str) -> Command {
    crate::Envelope::parse(line).unwrap().command
}

const OPEN_M1: &str =
    r#"{"cmd":"open_meeting","actor":"x","held_at":"2020-11-07T10:00:00Z","meeting":"M1"}"#;
const OPEN_M2: &str =
    r#"{"cmd":"open_meeting","actor":"x","held_at":"2020-11-07T10:00:00Z","meeting":"M2"}"#;
const COUNT_P1: &str = r#"{"cmd":"count_poll","actor":"x","held_at":"2020-11-07T10:00:00Z","poll":"P1","youth_age_limit":35}"#;

#[test]
fn a_secretary_of_one_meeting_runs_it_and_not_another() {
    let at = Party {
        placed: "IN-P1",
        meeting_of_poll: None,
        lapsed: None,
    };
    let secretary = meeting_grant(GrantedRole::Secretary, "M1");
    assert_eq!(
        authorize(&secretary, &command(OPEN_M1), &at).unwrap().actor,
        "person:68*********4/grant:7"
    );
    let denied = authorize(&secretary, &command(OPEN_M2), &at).unwrap_err();
    assert_eq!(
        denied,
        Denied::OutsideScope {
            command: "open_meeting",
            subject: "meeting:M2".into(),
            scope: "meeting:M1".into(),
        }
    );
    assert!(
        denied
            .message(crate::Lang::En)
            .contains("meeting:M2 is outside your scope (meeting:M1)")
    );
}

#[test]
fn a_meeting_grant_covers_the_polls_held_at_it_and_a_poll_grant_only_its_poll() {
    let counters = meeting_grant(GrantedRole::CountingCommission, "M1");
    let at_m1 = Party {
        placed: "IN-P1",
        meeting_of_poll: Some("M1"),
        lapsed: None,
    };
    assert!(authorize(&counters, &command(COUNT_P1), &at_m1).is_ok());
    let elsewhere = Party {
        meeting_of_poll: None,
        ..at_m1
    };
    assert_eq!(
        authorize(&counters, &command(COUNT_P1), &elsewhere)
            .unwrap_err()
            .code(),
        "outside_scope"
    );
    let poll_counters = Principal::Person {
        iin: iin(),
        grants: vec![Grant {
            iin: iin(),
            role: GrantedRole::CountingCommission,
            scope: GrantScope::Poll(Code::parse("P2").unwrap()),
            granted_seq: 9,
        }],
    };
    assert_eq!(
        authorize(&poll_counters, &command(COUNT_P1), &elsewhere)
            .unwrap_err()
            .code(),
        "outside_scope"
    );
}

#[test]
fn a_lapsed_grant_says_so_and_a_disabled_account_is_refused() {
    let at = Party {
        placed: "IN-P1",
        meeting_of_poll: None,
        lapsed: Some("closed"),
    };
    let secretary = meeting_grant(GrantedRole::Secretary, "M1");
    assert_eq!(
        authorize(&secretary, &command(OPEN_M1), &at).unwrap_err(),
        Denied::GrantLapsed {
            scope: "meeting:M1".into(),
            status: "closed",
        }
    );
    let disabled = Principal::Staff {
        login: Login::parse("gone").unwrap(),
        role: StaffRole::Admin,
        unit: Code::parse("ROOT").unwrap(),
        disabled: true,
    };
    assert_eq!(
        authorize(&disabled, &command(OPEN_M1), &at)
            .unwrap_err()
            .code(),
        "account_disabled_signin"
    );
}

#[test]
fn a_person_without_grants_submits_nothing() {
    let nobody = Principal::Person {
        iin: iin(),
        grants: Vec::new(),
    };
    let at = Party {
        placed: "IN-P1",
        meeting_of_poll: None,
        lapsed: None,
    };
    assert_eq!(
        authorize(&nobody, &command(OPEN_M1), &at).unwrap_err(),
        Denied::NoGrantFor {
            command: "open_meeting"
        }
    );
}

#[test]
fn the_record_places_subjects_and_an_unknown_one_is_named() {
    let mut state = Snapshot::default();
    for (code, parent) in [("R", None), ("R-D1", Some("R")), ("R-D1-P1", Some("R-D1"))] {
        state.units.insert(
            Code::parse(code).unwrap(),
            crate::Unit {
                code: Code::parse(code).unwrap(),
                kind: crate::UnitKind::Region,
                parent: parent.map(|p| Code::parse(p).unwrap()),
                names: crate::UnitNames {
                    ru: code.into(),
                    kk: code.into(),
                    en: code.into(),
                },
                closed: false,
            },
        );
    }
    let r = Code::parse("R").unwrap();
    let p1 = Code::parse("R-D1-P1").unwrap();
    assert!(state.is_root(&r));
    assert!(state.within(&p1, &r));
    assert!(!state.within(&r, &p1));
    let organizer = Principal::Staff {
        login: Login::parse("org").unwrap(),
        role: StaffRole::Organizer,
        unit: Code::parse("R-D1").unwrap(),
        disabled: false,
    };
    assert_eq!(
        authorize(&organizer, &command(OPEN_M1), &state).unwrap_err(),
        Denied::UnknownSubject {
            subject: "meeting:M1".into()
        }
    );
    let rename = command(
        r#"{"cmd":"rename_unit","actor":"x","held_at":"2020-11-07T10:00:00Z","code":"R-D1-P1","names":{"ru":"a","kk":"a","en":"a"}}"#,
    );
    assert!(authorize(&organizer, &rename, &state).is_ok());
    let rename_root = command(
        r#"{"cmd":"rename_unit","actor":"x","held_at":"2020-11-07T10:00:00Z","code":"R","names":{"ru":"a","kk":"a","en":"a"}}"#,
    );
    assert_eq!(
        authorize(&organizer, &rename_root, &state)
            .unwrap_err()
            .code(),
        "outside_scope"
    );
}

#[test]
fn a_dashboard_is_watched_by_staff_of_the_unit_or_above_and_by_nobody_else() {
    let party = Party {
        placed: "ROOT-D1",
        meeting_of_poll: None,
        lapsed: None,
    };
    let d1 = Code::parse("ROOT-D1").unwrap();
    let d1_ppo = Code::parse("ROOT-D1-P1").unwrap();
    let d2 = Code::parse("ROOT-D2").unwrap();
    let organizer = principal(Role::Organizer, "ROOT-D1");
    assert_eq!(may_watch(&organizer, &d1, &party), Ok(()));
    assert_eq!(may_watch(&organizer, &d1_ppo, &party), Ok(()));
    assert_eq!(
        may_watch(&organizer, &d2, &party),
        Err(Denied::WatchOutside {
            unit: "ROOT-D2".into(),
            scope: "ROOT-D1".into()
        })
    );
    assert_eq!(
        may_watch(&principal(Role::Admin, "ROOT"), &d2, &party),
        Ok(())
    );
    // A person's grants run meetings; they do not open the organizer's dashboard.
    for role in [Role::Secretary, Role::Observer] {
        assert_eq!(
            may_watch(&principal(role, "ROOT"), &d1, &party),
            Err(Denied::WatchersOnly)
        );
    }
    let disabled = Principal::Staff {
        login: Login::parse("gone").unwrap(),
        role: StaffRole::Organizer,
        unit: d1.clone(),
        disabled: true,
    };
    assert_eq!(
        may_watch(&disabled, &d1, &party).unwrap_err().code(),
        "account_disabled_signin"
    );
    for denied in [
        Denied::WatchersOnly,
        Denied::WatchOutside {
            unit: "ROOT-D2".into(),
            scope: "ROOT-D1".into(),
        },
    ] {
        assert!(Denied::CODES.contains(&denied.code()));
        for lang in crate::Lang::ALL {
            let text = denied.message(lang);
            assert!(!text.contains('{') && !text.starts_with("api-"), "{text}");
        }
    }
}

#[test]
fn the_console_of_a_meeting_is_for_its_secretary_counting_commission_and_staff_over_it() {
    let at = Party {
        placed: "R-D1-P1",
        meeting_of_poll: None,
        lapsed: None,
    };
    let m1 = Code::parse("M1").unwrap();
    let m2 = Code::parse("M2").unwrap();
    for role in [
        GrantedRole::Secretary,
        GrantedRole::CountingCommission,
        GrantedRole::RegistrationDesk,
    ] {
        let person = meeting_grant(role, "M1");
        assert!(may_operate_console(&person, &m1, &at).is_ok(), "{role:?}");
        assert_eq!(
            may_operate_console(&person, &m2, &at).unwrap_err().code(),
            "outside_scope",
            "{role:?}"
        );
    }
    // An observer reads the record; the console changes it.
    let observer = meeting_grant(GrantedRole::Observer, "M1");
    assert_eq!(
        may_operate_console(&observer, &m1, &at).unwrap_err(),
        Denied::NoGrantFor {
            command: "check_in"
        }
    );
    let nobody = Principal::Person {
        iin: iin(),
        grants: Vec::new(),
    };
    assert_eq!(
        may_operate_console(&nobody, &m1, &at).unwrap_err().code(),
        "no_grant_for"
    );
    // Staff: an organizer whose unit holds the meeting, not one beside it.
    let over = principal(Role::Organizer, "R-D1");
    assert_eq!(
        may_operate_console(&over, &m1, &at).unwrap().actor,
        "staff:someone"
    );
    let beside = principal(Role::Organizer, "R-D2");
    assert_eq!(
        may_operate_console(&beside, &m1, &at).unwrap_err().code(),
        "outside_scope"
    );
    assert!(may_operate_console(&principal(Role::Admin, "ROOT"), &m1, &at).is_ok());
    // The meeting's grant ended with it.
    let closed = Party {
        lapsed: Some("closed"),
        ..at
    };
    assert_eq!(
        may_operate_console(&meeting_grant(GrantedRole::Secretary, "M1"), &m1, &closed)
            .unwrap_err()
            .code(),
        "grant_lapsed"
    );
}
