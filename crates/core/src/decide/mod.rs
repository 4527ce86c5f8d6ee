//! The rules: whether a command may be carried out on the current record, and what it changes; the checks every command shares run here, once, at the entry, and each command's own rule in the module of its domain and stage.

mod campaign;
#[cfg(test)]
mod entry_tests;
#[cfg(test)]
mod list_tests;
mod lists;
#[cfg(test)]
mod meeting_tests;
pub(crate) mod meetings;
#[cfg(test)]
mod poll_tests;
mod polls;
mod problems;
mod refusal;
mod registry;
mod rules;
mod staff;

pub use problems::Violations;
pub use refusal::{Alternatives, Reasons, RefusalParam, RuleError, Term};
pub(crate) use staff::lapsed as staff_lapsed;

use crate::command::{Envelope, Needs};
use crate::model::{Campaign, Code, Member, Phase, Target, Unit, UnitKind};
use crate::state::{Change, Snapshot};
use jiff::Timestamp;
use jiff::tz::TimeZone;

const MAX_NAME: usize = 200;

/// Clock skew tolerated between the desk (or schedule) that records a command and the time the
/// command says it happened.
const FUTURE_SLACK: jiff::SignedDuration = jiff::SignedDuration::from_mins(10);

const MAX_TEXT: usize = 2000;

fn target_of<'a>(state: &'a Snapshot, c: &Code, target: &Code) -> Result<&'a Target, RuleError> {
    state
        .targets
        .get(&(c.clone(), target.clone()))
        .ok_or_else(|| RuleError::NoTarget {
            campaign: c.clone(),
            target: target.clone(),
        })
}

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

/// A command's own rule, implemented by every command struct. [`crate::command::Command`]'s
/// dispatch is generated from the one list of commands, so a command without it does not compile.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is in the list of commands but has no rule",
    label = "no `impl Decide for {Self}`",
    note = "implement `Decide` (its needs and its decision) in the module of its domain and stage under core/src/decide/"
)]
pub(crate) trait Decide {
    /// Adds what the decision must see beyond the always-loaded part of the record.
    fn needs(&self, needs: &mut Needs);

    /// What the command changes, or why it may not be carried out on `state`. The checks every
    /// command shares (an actor, not held in the future, within an open meeting) have passed.
    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError>;
}

/// Who gave a command, when it took effect and when it is recorded, and its journal number.
pub(crate) struct Stamp<'a> {
    /// The journal number the command will get: the id of what it creates, so that a replay
    /// gives the same ids.
    pub seq: i64,
    pub held_at: Timestamp,
    /// When it is being recorded (the journal's time), which entry deadlines are checked against.
    pub recorded_at: Timestamp,
    pub actor: &'a str,
}

/// Decides one command against the snapshot. `seq` is the journal number the command will get,
/// used as the id of what it creates so that a replay gives the same ids; `recorded_at` is when it
/// is being recorded (the journal's time), which entry deadlines are checked against.
pub fn decide(
    envelope: &Envelope,
    seq: i64,
    recorded_at: Timestamp,
    state: &Snapshot,
) -> Result<Vec<Change>, RuleError> {
    if envelope.actor.trim().is_empty() {
        return Err(RuleError::NoActor);
    }
    if envelope.held_at > recorded_at + FUTURE_SLACK {
        return Err(RuleError::HeldInFuture {
            held_at: envelope.held_at.to_string(),
            recorded_at: recorded_at.to_string(),
        });
    }
    let at = Stamp {
        seq,
        held_at: envelope.held_at,
        recorded_at,
        actor: &envelope.actor,
    };
    meetings::within_open_meeting(&envelope.command, state, &at)?;
    envelope.command.decide(state, &at)
}
