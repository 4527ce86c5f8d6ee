//! The rules of meetings and conferences, by stage; here what every stage shares: finding the meeting, its status, its participants and its calendar.

mod convening;
mod delegates;
mod registration;
mod sitting;
mod votes;

use super::{
    MAX_NAME, MAX_TEXT, RuleError, Stamp, Term, campaign, open_unit, phase_window, text, zone_of,
};
use crate::iin::Iin;
use crate::meeting::model::{
    Allotment, Attendance, Delegate, DelegateStatus, Excusal, Failure, FailureCause, Mandate,
    Meeting, MeetingKind, MeetingStatus, Motion, MotionKind, Presence, QuorumShortfall,
    Representation, SetRule, Speaker, Tally, Vote, VoteMark, VoteStatus,
};
use crate::meeting::{DecisionRule, OpenVoteCount, Verdict, allot, minimum_present};
use crate::model::{Code, MemberStatus, UnitKind};
use crate::state::{MeetingDetail, Snapshot};
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

/// A protocol may be entered this long after its phase ends unless the organizer sets a deadline.
pub(crate) const DEFAULT_ENTRY_GRACE: SignedDuration = SignedDuration::from_hours(72);
/// Statuses of a meeting that has not ended.
const UNDER_WAY: &[MeetingStatus] = &[
    MeetingStatus::Planned,
    MeetingStatus::Registration,
    MeetingStatus::Open,
];
/// Statuses in which a meeting's electorate is frozen.
const SITTING: &[MeetingStatus] = &[MeetingStatus::Registration, MeetingStatus::Open];
/// How many missing units a refusal lists before it says "and N more".
const LIST_AT_MOST: usize = 12;

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A time in the campaign's zone as refusals write it, e.g. `2020-11-07 10:00`.
pub(super) fn local(t: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(zone.clone())
        .datetime()
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn meeting<'a>(state: &'a Snapshot, code: &Code) -> Result<&'a Meeting, RuleError> {
    state
        .meetings
        .get(code)
        .ok_or_else(|| RuleError::NoMeeting {
            meeting: code.clone(),
        })
}

fn detail<'a>(state: &'a Snapshot, code: &Code) -> Result<&'a MeetingDetail, RuleError> {
    static EMPTY: std::sync::OnceLock<MeetingDetail> = std::sync::OnceLock::new();
    // A meeting without any mandate, attendance or vote yet has no detail rows at all.
    Ok(state
        .detail(code)
        .unwrap_or_else(|| EMPTY.get_or_init(MeetingDetail::default)))
}

/// The meeting `code`, refused unless its status is one of `allowed`; `action` is the
/// catalogue's code for what was being done.
fn meeting_in<'a>(
    state: &'a Snapshot,
    code: &Code,
    allowed: &[MeetingStatus],
    action: &'static str,
) -> Result<&'a Meeting, RuleError> {
    let m = meeting(state, code)?;
    expect_status(m, allowed, action)?;
    Ok(m)
}

/// `action` is the catalogue's code for what was being done (`open_registration`, `check_in`, …).
fn expect_status(
    m: &Meeting,
    allowed: &[MeetingStatus],
    action: &'static str,
) -> Result<(), RuleError> {
    if allowed.contains(&m.status) {
        return Ok(());
    }
    let allowed: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
    Err(RuleError::MeetingStatus {
        meeting: m.code.clone(),
        status: Term::new("meeting_status", m.status.as_str()),
        action,
        allowed: super::Alternatives::new("meeting_status", allowed),
    })
}

/// Someone taking part, resolved from an IIN or a mandate number.
struct Participant<'a> {
    member: i64,
    mandate: Option<&'a Mandate>,
    label: String,
}

fn participant<'a>(
    state: &Snapshot,
    m: &Meeting,
    detail: &'a MeetingDetail,
    iin: Option<&Iin>,
    mandate: Option<u32>,
) -> Result<Participant<'a>, RuleError> {
    match (iin, mandate) {
        (Some(_), Some(_)) | (None, None) => Err(RuleError::NameParticipant),
        (None, Some(number)) => {
            if !m.kind.has_mandates() {
                return Err(RuleError::PpoNoMandates);
            }
            let held = detail
                .mandates
                .get(&number)
                .ok_or_else(|| no_mandate(m, number, state))?;
            Ok(Participant {
                member: held.member,
                mandate: Some(held),
                label: format!("mandate No. {number}"),
            })
        }
        (Some(iin), None) => {
            let member = state
                .member(iin)
                .ok_or_else(|| RuleError::NoMember { iin: iin.masked() })?;
            if m.kind.has_mandates() {
                let held = detail
                    .mandate_of(member.id)
                    .ok_or_else(|| RuleError::NoMandateOf {
                        iin: iin.masked(),
                        meeting: m.code.clone(),
                    })?;
                Ok(Participant {
                    member: member.id,
                    mandate: Some(held),
                    label: format!("mandate No. {}", held.number),
                })
            } else {
                if member.unit != m.unit || member.status != MemberStatus::Active {
                    return Err(RuleError::NotPpoMember {
                        iin: iin.masked(),
                        unit: m.unit.clone(),
                        status: Term::new("member_status", member.status.as_str()),
                        member_unit: member.unit.clone(),
                    });
                }
                Ok(Participant {
                    member: member.id,
                    mandate: None,
                    label: format!("member {}", iin.masked()),
                })
            }
        }
    }
}

fn no_mandate(m: &Meeting, number: u32, state: &Snapshot) -> RuleError {
    let issued = state.detail(&m.code).map_or(0, |d| d.mandates.len());
    RuleError::NoSuchMandate {
        meeting: m.code.clone(),
        number,
        issued,
    }
}

fn present_attendance<'a>(
    detail: &'a MeetingDetail,
    who: &Participant<'_>,
) -> Result<&'a Attendance, RuleError> {
    detail
        .attendance
        .get(&who.member)
        .filter(|a| a.present)
        .ok_or_else(|| RuleError::NotCheckedIn {
            who: who.label.clone(),
        })
}

fn open_vote<'a>(
    state: &'a Snapshot,
    code: &Code,
    number: u32,
) -> Result<(&'a Meeting, &'a MeetingDetail, &'a Vote), RuleError> {
    let m = meeting_in(state, code, &[MeetingStatus::Open], "vote")?;
    let detail = detail(state, code)?;
    let v = detail
        .votes
        .get(&number)
        .ok_or_else(|| RuleError::NoSuchVote {
            meeting: code.clone(),
            vote: number,
        })?;
    if v.status != VoteStatus::Open {
        return Err(RuleError::VoteNotOpen {
            vote: number,
            status: Term::new("vote_status", v.status.as_str()),
        });
    }
    Ok((m, detail, v))
}

/// A phase window as instants, with the campaign's zone to show times in.
struct Window<'a> {
    phase: &'a crate::model::Phase,
    zone: jiff::tz::TimeZone,
    starts: Timestamp,
    ends: Timestamp,
}

fn window<'a>(
    state: &'a Snapshot,
    campaign_code: &Code,
    phase: &Code,
) -> Result<Window<'a>, RuleError> {
    let c = campaign(state, campaign_code)?;
    let zone = zone_of(c)?;
    let p = state
        .phases
        .get(&(campaign_code.clone(), phase.clone()))
        .ok_or_else(|| RuleError::NoPhase {
            campaign: campaign_code.clone(),
            phase: phase.clone(),
        })?;
    let (starts, ends) = phase_window(p, &zone, &c.time_zone)?;
    Ok(Window {
        phase: p,
        zone,
        starts,
        ends,
    })
}

/// A phase's window as instants (campaign time zone applied).
pub(super) fn window_of(
    state: &Snapshot,
    campaign_code: &Code,
    phase: &Code,
) -> Result<(Timestamp, Timestamp), RuleError> {
    window(state, campaign_code, phase).map(|w| (w.starts, w.ends))
}

/// Within the phase window, when it was held; recorded before the entry deadline.
fn check_calendar(
    state: &Snapshot,
    m: &Meeting,
    held_at: Timestamp,
    recorded_at: Timestamp,
) -> Result<(), RuleError> {
    let w = window(state, &m.campaign, &m.phase)?;
    if held_at < w.starts || held_at >= w.ends {
        return Err(RuleError::OutsideWindow {
            what: "held",
            when: local(held_at, &w.zone),
            phase: w.phase.code.clone(),
            starts: w.phase.starts_local.to_string(),
            ends: w.phase.ends_local.to_string(),
        });
    }
    check_entry_deadline(m, &w, recorded_at)
}

/// Protocols are entered by the meeting's deadline: its own, or three days after its phase.
fn check_entry_deadline(
    m: &Meeting,
    w: &Window<'_>,
    recorded_at: Timestamp,
) -> Result<(), RuleError> {
    let deadline = m.entry_deadline.unwrap_or(w.ends + DEFAULT_ENTRY_GRACE);
    if recorded_at > deadline {
        return Err(RuleError::EntryDeadline {
            meeting: m.code.clone(),
            deadline: local(deadline, &w.zone),
        });
    }
    Ok(())
}

/// A command acting in an open meeting (the first it needs loaded) happens after the meeting
/// opened, and its protocol is entered by the deadline. Checked at the entry for every command.
pub(super) fn within_open_meeting(
    command: &crate::command::Command,
    state: &Snapshot,
    at: &Stamp<'_>,
) -> Result<(), RuleError> {
    let Some(m) = command
        .needs()
        .meetings
        .first()
        .and_then(|code| state.meetings.get(code))
        .filter(|m| m.status == MeetingStatus::Open)
    else {
        return Ok(());
    };
    if let Some(opened) = m.opened_at
        && at.held_at < opened
    {
        return Err(RuleError::HeldBeforeOpened {
            meeting: m.code.clone(),
            opened: opened.to_string(),
            held_at: at.held_at.to_string(),
        });
    }
    check_entry_deadline(m, &window(state, &m.campaign, &m.phase)?, at.recorded_at)
}

/// The protocol number of a meeting closed or failed at `at` (rules version 2): the one the
/// secretary typed, or the next of the unit's numbered protocols in that calendar year.
fn protocol_number(
    state: &Snapshot,
    m: &Meeting,
    at: Timestamp,
    typed: Option<&str>,
) -> Result<Option<String>, RuleError> {
    if !state.rules_version.charter() {
        return Ok(None);
    }
    if let Some(typed) = typed {
        text("protocol_number", typed, 50)?;
        return Ok(Some(typed.trim().to_string()));
    }
    let zone = zone_of(campaign(state, &m.campaign)?)?;
    let year = zone.to_datetime(at).year();
    let earlier = state
        .meetings
        .values()
        .filter(|other| other.unit == m.unit && other.protocol_number.is_some())
        .filter(|other| {
            other
                .closed_at
                .is_some_and(|closed| zone.to_datetime(closed).year() == year)
        })
        .count();
    Ok(Some((earlier + 1).to_string()))
}

/// The rule a motion of this kind is decided by at meeting `m`: the one set for its kind of
/// meeting, else the one set for every kind, else a majority of those present.
fn rule_set_for(state: &Snapshot, m: &Meeting, motion: MotionKind) -> DecisionRule {
    [Some(m.kind), None]
        .into_iter()
        .find_map(|kind| {
            state
                .decision_rules
                .get(&(m.campaign.clone(), kind, motion))
        })
        .map_or(DecisionRule::MajorityOfPresent, |set| set.rule)
}

/// A step of a meeting that later steps must not precede (rules version 2).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Any vote put to the meeting: check-ins and check-outs count for the votes put after them.
    VotePut,
    /// The opening, and every vote put and counted: a motion, a close.
    Every,
    /// This vote put and its earlier counts: its (re)count.
    OwnVote(u32),
}

/// Time order inside a meeting under the charter's rules: a check-in or check-out counts for the
/// votes put after it, a count follows its vote, a motion follows the steps before it and the
/// close follows the last count. Refused naming the step it would precede.
fn in_time_order(
    state: &Snapshot,
    m: &Meeting,
    detail: &MeetingDetail,
    held_at: Timestamp,
    after: Step,
) -> Result<(), RuleError> {
    if !state.rules_version.charter() {
        return Ok(());
    }
    let mut latest: Option<(Timestamp, u32, &'static str)> = None;
    let mut consider = |at: Timestamp, vote: u32, step: &'static str| {
        if latest.is_none_or(|(t, _, _)| at > t) {
            latest = Some((at, vote, step));
        }
    };
    if after == Step::Every
        && let Some(opened) = m.opened_at
    {
        consider(opened, 0, "opened");
    }
    for v in detail.votes.values() {
        let counts = match after {
            Step::VotePut => false,
            Step::Every => true,
            Step::OwnVote(number) if number == v.number => true,
            Step::OwnVote(_) => continue,
        };
        consider(v.opened_at, v.number, "vote_put");
        if counts && let Some(counted) = v.counted_at {
            consider(counted, v.number, "vote_counted");
        }
    }
    match latest {
        Some((at, vote, step)) if held_at < at => {
            let zone = zone_of(campaign(state, &m.campaign)?)?;
            Err(RuleError::OutOfTimeOrder {
                meeting: m.code.clone(),
                held_at: local(held_at, &zone),
                step,
                vote,
                at: local(at, &zone),
            })
        }
        _ => Ok(()),
    }
}

/// A conference needs every unit below to have held its meeting, or an excusal.
fn check_meetings_below(state: &Snapshot, m: &Meeting) -> Result<(), RuleError> {
    let missing: Vec<String> = state
        .open_children(&m.unit)
        .into_iter()
        .filter(|child| {
            !state
                .excusals
                .contains_key(&(m.campaign.clone(), child.code.clone()))
                && state
                    .meeting_of_unit(&m.campaign, &child.code, &[MeetingStatus::Closed])
                    .is_none()
        })
        .map(|child| child.code.to_string())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let total = missing.len();
    Err(RuleError::MeetingsMissing {
        meeting: m.code.clone(),
        count: total,
        units: missing.into_iter().take(LIST_AT_MOST).collect(),
        more: total.saturating_sub(LIST_AT_MOST),
    })
}

fn subtree_active_members(state: &Snapshot, root: &Code) -> u64 {
    let mut children: HashMap<&Code, Vec<&Code>> = HashMap::new();
    for u in state.units.values() {
        if let Some(parent) = &u.parent {
            children.entry(parent).or_default().push(&u.code);
        }
    }
    let mut total = 0;
    let mut stack = vec![root];
    let mut seen = std::collections::HashSet::new();
    while let Some(code) = stack.pop() {
        if !seen.insert(code) {
            continue;
        }
        total += state.active_members_by_unit.get(code).copied().unwrap_or(0);
        stack.extend(children.get(code).into_iter().flatten());
    }
    total
}

fn in_subtree(state: &Snapshot, unit: &Code, root: &Code) -> bool {
    unit == root || state.ancestors(unit).contains(&root)
}
