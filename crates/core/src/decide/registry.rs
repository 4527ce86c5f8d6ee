//! The rules of the registry: units (created, renamed, moved, closed) and members (registered, moved, their phone and status).

use super::*;
use crate::command::Needs;
use crate::command::{
    ChangeMemberPhone, CloseUnit, CreateUnit, MoveUnit, RegisterMember, RegisterPerson, RenameUnit,
    SetMemberStatus, TransferMember,
};
use crate::decide::{Decide, Stamp};
use crate::model::MemberStatus;
use crate::state::{Change, Snapshot};
use crate::{Iin, Phone};
use jiff::ToSpan;
use jiff::tz::TimeZone;

impl Decide for CreateUnit {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CreateUnit {
            code,
            kind,
            parent,
            names,
        } = self;
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
}

impl Decide for RenameUnit {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RenameUnit { code, names } = self;
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
}

impl Decide for MoveUnit {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let MoveUnit {
            code,
            parent,
            reason,
        } = self;
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
}

impl Decide for CloseUnit {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CloseUnit { code, reason } = self;
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
}

impl Decide for RegisterMember {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
        needs.phones.push(self.phone.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RegisterMember {
            iin,
            full_name,
            phone,
            unit,
            joined_on,
        } = self;
        let seq = at.seq;
        new_person(state, iin, full_name, phone, unit)?;
        membership_not_frozen(state, &[unit])?;
        let held_day = at.held_at.to_zoned_datetime(TimeZone::UTC).date();
        // A day of slack: a member who joined today in Almaty may still be "yesterday" in UTC.
        if *joined_on > held_day.saturating_add(1.day()) {
            return Err(RuleError::JoinedInFuture {
                joined_on: joined_on.to_string(),
                held_at: at.held_at.to_string(),
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
}

/// A new entry of the registry: a name, an IIN and a phone nobody else has, under a PPO.
fn new_person(
    state: &Snapshot,
    iin: &Iin,
    full_name: &str,
    phone: &Phone,
    unit: &Code,
) -> Result<(), RuleError> {
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
    Ok(())
}

impl Decide for RegisterPerson {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
        needs.phones.push(self.phone.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RegisterPerson {
            iin,
            full_name,
            phone,
            unit,
        } = self;
        new_person(state, iin, full_name, phone, unit)?;
        Ok(vec![Change::PutMember(Member {
            id: at.seq,
            iin: *iin,
            full_name: full_name.trim().to_string(),
            phone: phone.clone(),
            unit: unit.clone(),
            status: MemberStatus::NonMember,
            // Not a joining date: the day the person was registered.
            joined_on: at.held_at.to_zoned_datetime(TimeZone::UTC).date(),
        })])
    }
}

impl Decide for ChangeMemberPhone {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
        needs.phones.push(self.phone.clone());
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ChangeMemberPhone {
            iin,
            phone,
            reason,
            decision,
        } = self;
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
}

impl Decide for TransferMember {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let TransferMember { iin, unit, reason } = self;
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
}

impl Decide for SetMemberStatus {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
        needs.lists_of.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetMemberStatus {
            iin,
            status,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        let member = existing_member(state, iin)?;
        if member.status == *status {
            return Err(RuleError::StatusUnchanged {
                status: Term::new("member_status", status.as_str()),
            });
        }
        membership_not_frozen(state, &[&member.unit])?;
        delegate_not_sitting(state, member.id)?;
        let mut changes = vec![Change::PutMember(Member {
            status: *status,
            ..member.clone()
        })];
        if state.rules_version.charter() {
            match status {
                MemberStatus::Suspended | MemberStatus::Expelled => {
                    changes.extend(candidacies_lapse(state, member, reason, at, |_, _| true)?);
                }
                // A member who leaves the party stands on only where members are not required.
                MemberStatus::NonMember => {
                    let members_only = |c: &Code, target: &Code| {
                        state
                            .eligibility
                            .get(&(c.clone(), target.clone()))
                            .is_none_or(|rules| rules.membership_required)
                    };
                    changes.extend(candidacies_lapse(state, member, reason, at, members_only)?);
                }
                MemberStatus::Active => {}
            }
        }
        Ok(changes)
    }
}

/// A member expelled or suspended no longer stands (nor one who left the party, for the lists
/// that require membership): each standing candidacy `lapses` picks lapses, with the decision as
/// its reason, and every approved list of those fills their place by its rule.
fn candidacies_lapse(
    state: &Snapshot,
    member: &Member,
    reason: &str,
    at: &Stamp<'_>,
    lapses: impl Fn(&Code, &Code) -> bool + Copy,
) -> Result<Vec<Change>, RuleError> {
    let mut changes: Vec<Change> = state
        .candidacies
        .values()
        .filter(|x| x.member == member.id && x.status.standing() && lapses(&x.campaign, &x.target))
        .map(|x| {
            Change::PutCandidacy(crate::poll::Candidacy {
                status: crate::poll::CandidacyStatus::Lapsed,
                decision: reason.trim().to_string(),
                decided_at: Some(at.held_at),
                ..x.clone()
            })
        })
        .collect();
    changes.extend(super::lists::left_the_party(
        state, member, reason, at, lapses,
    )?);
    Ok(changes)
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
