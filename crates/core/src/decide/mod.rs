//! The rules: whether a command may be carried out on the current record, and what it changes.

#[cfg(test)]
mod list_tests;
mod lists;
#[cfg(test)]
mod meeting_tests;
mod meetings;
mod polls;
mod problems;
mod refusal;

pub use problems::Violations;
pub use refusal::{Alternatives, Reasons, RefusalParam, RuleError, Term};

use crate::command::{Command, Envelope};
use crate::model::{Campaign, Code, Member, MemberStatus, Phase, Target, Unit, UnitKind};
use crate::state::{Change, Snapshot};
use jiff::ToSpan;
use jiff::tz::TimeZone;

const MAX_NAME: usize = 200;
/// Clock skew tolerated between the desk (or schedule) that records a command and the time the
/// command says it happened.
const FUTURE_SLACK: jiff::SignedDuration = jiff::SignedDuration::from_mins(10);

fn target_of<'a>(state: &'a Snapshot, c: &Code, target: &Code) -> Result<&'a Target, RuleError> {
    state
        .targets
        .get(&(c.clone(), target.clone()))
        .ok_or_else(|| RuleError::NoTarget {
            campaign: c.clone(),
            target: target.clone(),
        })
}
const MAX_TEXT: usize = 2000;

fn text(field: &'static str, value: &str, max: usize) -> Result<(), RuleError> {
    let len = value.trim().chars().count();
    if len == 0 {
        return Err(RuleError::Empty { field });
    }
    if len > max {
        return Err(RuleError::TooLong { field, len, max });
    }
    Ok(())
}

fn open_unit<'a>(state: &'a Snapshot, code: &Code) -> Result<&'a Unit, RuleError> {
    let unit = state
        .unit(code)
        .ok_or_else(|| RuleError::NoUnit { unit: code.clone() })?;
    if unit.closed {
        return Err(RuleError::UnitClosed { unit: code.clone() });
    }
    Ok(unit)
}

fn check_parent(state: &Snapshot, kind: UnitKind, parent: Option<&Code>) -> Result<(), RuleError> {
    match parent {
        None if kind.may_be_root() => Ok(()),
        None => Err(RuleError::NeedsParent {
            kind: Term::new("unit_kind", kind.as_str()),
        }),
        Some(code) => {
            let parent = open_unit(state, code)?;
            if kind.allowed_parents().contains(&parent.kind) {
                Ok(())
            } else {
                Err(RuleError::WrongParentKind {
                    kind: Term::new("unit_kind", kind.as_str()),
                    parent_kind: Term::new("unit_kind", parent.kind.as_str()),
                    parent: code.clone(),
                })
            }
        }
    }
}

fn primary_unit(state: &Snapshot, code: &Code) -> Result<(), RuleError> {
    let unit = open_unit(state, code)?;
    if unit.kind != UnitKind::Primary {
        return Err(RuleError::NotPrimary {
            unit: code.clone(),
            kind: Term::new("unit_kind", unit.kind.as_str()),
        });
    }
    Ok(())
}

fn existing_member<'a>(
    state: &'a Snapshot,
    iin: &crate::iin::Iin,
) -> Result<&'a Member, RuleError> {
    state
        .member(iin)
        .ok_or_else(|| RuleError::NoMember { iin: iin.masked() })
}

fn campaign<'a>(state: &'a Snapshot, code: &Code) -> Result<&'a Campaign, RuleError> {
    state
        .campaigns
        .get(code)
        .ok_or_else(|| RuleError::NoCampaign {
            campaign: code.clone(),
        })
}

fn zone_of(c: &Campaign) -> Result<TimeZone, RuleError> {
    c.zone().map_err(|_| RuleError::TimeZone {
        zone: c.time_zone.clone(),
    })
}

fn phase_window(
    phase: &Phase,
    zone: &TimeZone,
    zone_name: &str,
) -> Result<(jiff::Timestamp, jiff::Timestamp), RuleError> {
    phase.window(zone).map_err(|_| RuleError::LocalTime {
        phase: phase.code.clone(),
        local: format!("{} .. {}", phase.starts_local, phase.ends_local),
        zone: zone_name.to_string(),
    })
}

/// Decides one command against the snapshot. `seq` is the journal number the command will get,
/// used as the id of what it creates so that a replay gives the same ids; `recorded_at` is when it
/// is being recorded (the journal's time), which entry deadlines are checked against.
pub fn decide(
    envelope: &Envelope,
    seq: i64,
    recorded_at: jiff::Timestamp,
    state: &Snapshot,
) -> Result<Vec<Change>, RuleError> {
    if envelope.actor.trim().is_empty() {
        return Err(RuleError::NoActor);
    }
    if let Some(decided) = polls::decide(envelope, seq, recorded_at, state) {
        return decided;
    }
    if let Some(decided) = lists::decide(envelope, seq, recorded_at, state) {
        return decided;
    }
    match &envelope.command {
        Command::CreateUnit {
            code,
            kind,
            parent,
            names,
        } => {
            if state.unit(code).is_some() {
                return Err(RuleError::UnitExists { unit: code.clone() });
            }
            text("names.ru", &names.ru, MAX_NAME)?;
            check_parent(state, *kind, parent.as_ref())?;
            Ok(vec![Change::PutUnit(Unit {
                code: code.clone(),
                kind: *kind,
                parent: parent.clone(),
                names: names.clone(),
                closed: false,
            })])
        }
        Command::RenameUnit { code, names } => {
            let unit = state
                .unit(code)
                .ok_or_else(|| RuleError::NoUnit { unit: code.clone() })?;
            text("names.ru", &names.ru, MAX_NAME)?;
            if &unit.names == names {
                return Err(RuleError::UnitNamesUnchanged { unit: code.clone() });
            }
            Ok(vec![Change::PutUnit(Unit {
                names: names.clone(),
                ..unit.clone()
            })])
        }
        Command::MoveUnit {
            code,
            parent,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            let unit = open_unit(state, code)?;
            if unit.parent.as_ref() == Some(parent) {
                return Err(RuleError::AlreadyUnderParent {
                    unit: code.clone(),
                    parent: parent.clone(),
                });
            }
            if parent == code || state.ancestors(parent).contains(&code) {
                return Err(RuleError::Cycle {
                    unit: code.clone(),
                    parent: parent.clone(),
                });
            }
            check_parent(state, unit.kind, Some(parent))?;
            Ok(vec![Change::PutUnit(Unit {
                parent: Some(parent.clone()),
                ..unit.clone()
            })])
        }
        Command::CloseUnit { code, reason } => {
            text("reason", reason, MAX_TEXT)?;
            let unit = open_unit(state, code)?;
            let open_children = state
                .units
                .values()
                .filter(|u| !u.closed && u.parent.as_ref() == Some(code))
                .count();
            let active_members = state.active_members_by_unit.get(code).copied().unwrap_or(0);
            if open_children > 0 || active_members > 0 {
                return Err(RuleError::UnitNotEmpty {
                    unit: code.clone(),
                    open_children,
                    active_members,
                });
            }
            Ok(vec![Change::PutUnit(Unit {
                closed: true,
                ..unit.clone()
            })])
        }
        Command::RegisterMember {
            iin,
            full_name,
            phone,
            unit,
            joined_on,
        } => {
            text("full_name", full_name, MAX_NAME)?;
            if let Some(existing) = state.member(iin) {
                return Err(RuleError::IinTaken {
                    iin: iin.masked(),
                    unit: existing.unit.clone(),
                });
            }
            if let Some(owner) = state.phone_owner(phone) {
                return Err(phone_taken(state, phone, owner));
            }
            primary_unit(state, unit)?;
            membership_not_frozen(state, &[unit])?;
            let held_day = envelope.held_at.to_zoned_datetime(TimeZone::UTC).date();
            // A day of slack: a member who joined today in Almaty may still be "yesterday" in UTC.
            if *joined_on > held_day.saturating_add(1.day()) {
                return Err(RuleError::JoinedInFuture {
                    joined_on: joined_on.to_string(),
                    held_at: envelope.held_at.to_string(),
                });
            }
            let age = iin.age_on(*joined_on);
            if age < 18 {
                return Err(RuleError::TooYoungToJoin {
                    age,
                    joined_on: joined_on.to_string(),
                });
            }
            Ok(vec![Change::PutMember(Member {
                id: seq,
                iin: *iin,
                full_name: full_name.trim().to_string(),
                phone: phone.clone(),
                unit: unit.clone(),
                status: MemberStatus::Active,
                joined_on: *joined_on,
            })])
        }
        Command::ChangeMemberPhone {
            iin,
            phone,
            reason,
            decision,
        } => {
            text("reason", reason, MAX_TEXT)?;
            let member = existing_member(state, iin)?;
            if &member.phone == phone {
                return Err(RuleError::PhoneUnchanged);
            }
            if let Some(owner) = state.phone_owner(phone) {
                return Err(phone_taken(state, phone, owner));
            }
            if let Some(poll) = polls::phone_locked_by(state, member.id) {
                match decision {
                    Some(d) => text("decision", d, MAX_TEXT)?,
                    None => {
                        return Err(RuleError::PhoneChangeNeedsDecision { poll: poll.clone() });
                    }
                }
            }
            Ok(vec![
                Change::PutMember(Member {
                    phone: phone.clone(),
                    ..member.clone()
                }),
                // The old number hears of the change: a hijacked account is noticed.
                Change::Notify {
                    phone: member.phone.clone(),
                    text: format!(
                        "mandat: the phone of your party membership record was changed to {} ({}). If this was not you, contact your party office.",
                        phone.masked(),
                        reason.trim()
                    ),
                    notice: crate::notice::Notice::PhoneChanged {
                        new_phone: phone.masked(),
                        reason: reason.trim().to_string(),
                    },
                },
            ])
        }
        Command::TransferMember { iin, unit, reason } => {
            text("reason", reason, MAX_TEXT)?;
            let member = existing_member(state, iin)?;
            if &member.unit == unit {
                return Err(RuleError::AlreadyInUnit { unit: unit.clone() });
            }
            primary_unit(state, unit)?;
            membership_not_frozen(state, &[&member.unit, unit])?;
            Ok(vec![Change::PutMember(Member {
                unit: unit.clone(),
                ..member.clone()
            })])
        }
        Command::SetMemberStatus {
            iin,
            status,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            let member = existing_member(state, iin)?;
            if member.status == *status {
                return Err(RuleError::StatusUnchanged {
                    status: Term::new("member_status", status.as_str()),
                });
            }
            membership_not_frozen(state, &[&member.unit])?;
            delegate_not_sitting(state, member.id)?;
            Ok(vec![Change::PutMember(Member {
                status: *status,
                ..member.clone()
            })])
        }
        Command::CreateCampaign {
            code,
            name,
            election_day,
            time_zone,
        } => {
            if state.campaigns.contains_key(code) {
                return Err(RuleError::CampaignExists {
                    campaign: code.clone(),
                });
            }
            text("name", name, MAX_NAME)?;
            let c = Campaign {
                code: code.clone(),
                name: name.trim().to_string(),
                election_day: *election_day,
                time_zone: time_zone.clone(),
            };
            zone_of(&c)?;
            Ok(vec![Change::PutCampaign(c)])
        }
        Command::SetPhase {
            campaign: code,
            phase,
            starts_local,
            ends_local,
            after,
            description,
        } => {
            let c = campaign(state, code)?;
            let zone = zone_of(c)?;
            let new = Phase {
                campaign: code.clone(),
                code: phase.clone(),
                starts_local: *starts_local,
                ends_local: *ends_local,
                after: {
                    let mut a = after.clone();
                    a.sort();
                    a.dedup();
                    a
                },
                description: description.trim().to_string(),
            };
            let (starts, ends) = phase_window(&new, &zone, &c.time_zone)?;
            if ends <= starts {
                return Err(RuleError::EmptyWindow {
                    phase: phase.clone(),
                    starts: starts_local.to_string(),
                    ends: ends_local.to_string(),
                });
            }
            for before in &new.after {
                if before == phase {
                    return Err(RuleError::SelfOrder {
                        phase: phase.clone(),
                    });
                }
                let earlier = state
                    .phases
                    .get(&(code.clone(), before.clone()))
                    .ok_or_else(|| RuleError::NoPhase {
                        campaign: code.clone(),
                        phase: before.clone(),
                    })?;
                let (_, earlier_ends) = phase_window(earlier, &zone, &c.time_zone)?;
                if starts < earlier_ends {
                    return Err(RuleError::Order {
                        phase: phase.clone(),
                        starts: starts_local.to_string(),
                        before: before.clone(),
                        before_ends: earlier.ends_local.to_string(),
                    });
                }
            }
            // Phases ordered after this one must still start after its (possibly new) end.
            for later in state.phases_of(code).filter(|p| p.after.contains(phase)) {
                let (later_starts, _) = phase_window(later, &zone, &c.time_zone)?;
                if later_starts < ends {
                    return Err(RuleError::Order {
                        phase: later.code.clone(),
                        starts: later.starts_local.to_string(),
                        before: phase.clone(),
                        before_ends: ends_local.to_string(),
                    });
                }
            }
            Ok(vec![Change::PutPhase(new)])
        }
        Command::RemovePhase {
            campaign: code,
            phase,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            campaign(state, code)?;
            if !state.phases.contains_key(&(code.clone(), phase.clone())) {
                return Err(RuleError::NoPhase {
                    campaign: code.clone(),
                    phase: phase.clone(),
                });
            }
            if let Some(by) = state.phases_of(code).find(|p| p.after.contains(phase)) {
                return Err(RuleError::PhaseNeeded {
                    phase: phase.clone(),
                    by: by.code.clone(),
                });
            }
            Ok(vec![Change::DeletePhase {
                campaign: code.clone(),
                phase: phase.clone(),
            }])
        }
        Command::SetTarget {
            campaign: code,
            code: target,
            body,
            name,
            seats,
            electorate_unit,
        } => {
            campaign(state, code)?;
            text("name", name, MAX_NAME)?;
            if *seats == 0 {
                return Err(RuleError::NoSeats);
            }
            open_unit(state, electorate_unit)?;
            Ok(vec![Change::PutTarget(Target {
                campaign: code.clone(),
                code: target.clone(),
                body: *body,
                name: name.trim().to_string(),
                seats: *seats,
                electorate_unit: electorate_unit.clone(),
            })])
        }
        Command::RemoveTarget {
            campaign: code,
            code: target,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            if !state.targets.contains_key(&(code.clone(), target.clone())) {
                return Err(RuleError::NoTarget {
                    campaign: code.clone(),
                    target: target.clone(),
                });
            }
            Ok(vec![Change::DeleteTarget {
                campaign: code.clone(),
                target: target.clone(),
            }])
        }
        _ => meetings::decide(envelope, seq, recorded_at, state),
    }
}

/// Refuses a membership change while the member's PPO (or the one they move to) is meeting.
fn membership_not_frozen(state: &Snapshot, units: &[&Code]) -> Result<(), RuleError> {
    use crate::meeting::model::MeetingStatus;
    match state.meetings.values().find(|m| {
        units.contains(&&m.unit)
            && matches!(m.status, MeetingStatus::Registration | MeetingStatus::Open)
    }) {
        Some(m) => Err(RuleError::MembershipFrozen {
            unit: m.unit.clone(),
            meeting: m.code.clone(),
            status: Term::new("meeting_status", m.status.as_str()),
        }),
        None => Ok(()),
    }
}

/// A delegate's status cannot change while their conference registers or sits: their mandate
/// would otherwise stay valid for someone suspended or expelled.
fn delegate_not_sitting(state: &Snapshot, member: i64) -> Result<(), RuleError> {
    use crate::meeting::model::{DelegateStatus, MeetingStatus};
    for d in state
        .delegates
        .values()
        .filter(|d| d.member == member && d.status == DelegateStatus::Elected)
    {
        if let Some(m) = state.meeting_of_unit(
            &d.campaign,
            &d.conference_unit,
            &[MeetingStatus::Registration, MeetingStatus::Open],
        ) {
            return Err(RuleError::MembershipFrozen {
                unit: m.unit.clone(),
                meeting: m.code.clone(),
                status: Term::new("meeting_status", m.status.as_str()),
            });
        }
    }
    Ok(())
}

fn phone_taken(
    state: &Snapshot,
    phone: &crate::phone::Phone,
    owner: &crate::iin::Iin,
) -> RuleError {
    RuleError::PhoneTaken {
        phone: phone.masked(),
        unit: state
            .member(owner)
            .map_or_else(|| "another unit".to_string(), |m| m.unit.to_string()),
    }
}
