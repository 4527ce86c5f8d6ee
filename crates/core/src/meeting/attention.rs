//! The organizer's dashboard as data: every meeting of a subtree with its numbers, and what needs attention first (no quorum after the start, open past the end, a protocol overdue, a shortfall, a poll paused, a checkpoint alarm).
//!
//! Pure: the present counts and the polls whose checkpoints do not add up are read by the store
//! and passed in, and `now` is an argument. The ladder's totals come from [`super::progress`].

use super::model::{DelegateStatus, Meeting, MeetingStatus};
use super::quorum::minimum_present;
use crate::model::Code;
use crate::poll::{Electorate, PollStatus};
use crate::state::Snapshot;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

/// How long after the scheduled start a meeting without quorum is brought to attention.
pub const QUORUM_GRACE: SignedDuration = SignedDuration::from_mins(30);

/// One thing an organizer should look at, most urgent kinds first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Concern {
    /// The poll's live ballot box does not match the journal (the audit behind the checkpoints):
    /// the voters marked online and the ballots in the box.
    CheckpointAlarm {
        poll: Code,
        voters: u64,
        ballots: u64,
    },
    /// The meeting has no quorum 30 minutes after its scheduled start.
    NoQuorum {
        meeting: Code,
        scheduled_at: Timestamp,
        present: u32,
        needed: u32,
    },
    /// The meeting is still in registration or open after its scheduled end: the end of the
    /// campaign phase it must be held in (a meeting has no end time of its own).
    PastEnd {
        meeting: Code,
        ended_at: Timestamp,
    },
    /// The meeting's protocol is not in (neither closed nor failed) after its entry deadline:
    /// its own, or three days after its phase ends (the rule that refuses late protocols).
    ProtocolOverdue {
        meeting: Code,
        deadline: Timestamp,
    },
    /// A unit whose meeting closed with fewer delegates elected than allotted.
    Shortfall {
        unit: Code,
        allotted: u32,
        elected: u32,
    },
    PollPaused {
        poll: Code,
    },
}

impl Concern {
    /// The catalogue key of its sentence (`dashboard.ftl`).
    pub fn key(&self) -> &'static str {
        match self {
            Concern::CheckpointAlarm { .. } => "dashboard-concern-checkpoint",
            Concern::NoQuorum { .. } => "dashboard-concern-no-quorum",
            Concern::PastEnd { .. } => "dashboard-concern-past-end",
            Concern::ProtocolOverdue { .. } => "dashboard-concern-overdue",
            Concern::Shortfall { .. } => "dashboard-concern-shortfall",
            Concern::PollPaused { .. } => "dashboard-concern-paused",
        }
    }
}

/// A meeting of the subtree as the dashboard lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingLine {
    pub code: Code,
    pub unit: Code,
    pub status: MeetingStatus,
    pub scheduled_at: Timestamp,
    /// Present now: in the hall and remote.
    pub hall: u32,
    pub remote: u32,
    /// Present needed for quorum: of the frozen electorate once registration opened, before
    /// that of those entitled now (a PPO's active members, a conference's allotted seats).
    pub quorum: u32,
    /// Delegates this meeting's unit was allotted to the conference above, and elected.
    pub allotted: u32,
    pub elected: u32,
    /// For a conference: units below that have not held (or been excused from) their meeting.
    pub waiting_on: u32,
    /// Whether something about it is under attention.
    pub flagged: bool,
}

/// What the dashboard shows of a subtree in one campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    pub attention: Vec<Concern>,
    pub meetings: Vec<MeetingLine>,
}

/// Whether `unit` is `root` or lies under it.
pub fn within(state: &Snapshot, unit: &Code, root: &Code) -> bool {
    unit == root || state.ancestors(unit).contains(&root)
}

/// The unit a poll's electorate belongs to.
pub fn poll_unit(state: &Snapshot, poll: &crate::poll::Poll) -> Option<Code> {
    match &poll.electorate {
        Electorate::Members { unit } => Some(unit.clone()),
        Electorate::CheckedIn { meeting } => state.meetings.get(meeting).map(|m| m.unit.clone()),
    }
}

/// The end of the phase a meeting is held in, as an instant in the campaign's zone.
fn phase_end(state: &Snapshot, m: &Meeting) -> Option<Timestamp> {
    let campaign = state.campaigns.get(&m.campaign)?;
    let zone = campaign.zone().ok()?;
    let phase = state.phases.get(&(m.campaign.clone(), m.phase.clone()))?;
    phase.window(&zone).ok().map(|(_, ends)| ends)
}

/// Those entitled to attend `m`: the frozen electorate, or before registration the PPO's active
/// members or the seats allotted to the conference.
fn entitled(state: &Snapshot, m: &Meeting) -> u32 {
    if m.electorate > 0 {
        return m.electorate;
    }
    let n: u64 = if m.kind.has_mandates() {
        state
            .allotments
            .values()
            .filter(|a| a.campaign == m.campaign && a.conference_unit == m.unit)
            .map(|a| u64::from(a.seats))
            .sum()
    } else {
        state
            .active_members_by_unit
            .get(&m.unit)
            .copied()
            .unwrap_or(0)
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The overview of `campaign` under `root` at `now`. `present` holds each meeting's present
/// count (hall, remote); `alarms` the polls whose box the audit found not matching the journal.
pub fn overview(
    state: &Snapshot,
    root: &Code,
    campaign: &Code,
    present: &HashMap<Code, (u32, u32)>,
    alarms: &[(Code, u64, u64)],
    now: Timestamp,
) -> Overview {
    let mut attention = Vec::new();
    for (poll, voters, ballots) in alarms {
        attention.push(Concern::CheckpointAlarm {
            poll: poll.clone(),
            voters: *voters,
            ballots: *ballots,
        });
    }
    let mut elected: HashMap<&Code, u32> = HashMap::new();
    for d in state
        .delegates
        .values()
        .filter(|d| &d.campaign == campaign && d.status == DelegateStatus::Elected)
    {
        *elected.entry(&d.from_meeting).or_default() += 1;
    }
    let held: std::collections::HashSet<&Code> = state
        .meetings
        .values()
        .filter(|m| &m.campaign == campaign && m.status == MeetingStatus::Closed)
        .map(|m| &m.unit)
        .collect();
    // Each part of the record walked once (a national dashboard has thousands of meetings
    // and allotments): seats per unit, and per conference the units below yet to meet.
    let mut allotted_to: HashMap<&Code, u32> = HashMap::new();
    let mut waiting_for: HashMap<&Code, u32> = HashMap::new();
    for a in state
        .allotments
        .values()
        .filter(|a| &a.campaign == campaign)
    {
        *allotted_to.entry(&a.unit).or_default() += a.seats;
        if !held.contains(&a.unit)
            && !state
                .excusals
                .contains_key(&(campaign.clone(), a.unit.clone()))
        {
            *waiting_for.entry(&a.conference_unit).or_default() += 1;
        }
    }
    let mut meetings: Vec<&Meeting> = state
        .meetings
        .values()
        .filter(|m| &m.campaign == campaign && within(state, &m.unit, root))
        .collect();
    meetings.sort_by(|a, b| (a.scheduled_at, &a.code).cmp(&(b.scheduled_at, &b.code)));
    let mut lines = Vec::with_capacity(meetings.len());
    let mut overdue = Vec::new();
    let mut past_end = Vec::new();
    for m in meetings {
        let (hall, remote) = present.get(&m.code).copied().unwrap_or((0, 0));
        let quorum = minimum_present(m.quorum, entitled(state, m));
        let unfinished = matches!(
            m.status,
            MeetingStatus::Planned | MeetingStatus::Registration | MeetingStatus::Open
        );
        let mut flagged = false;
        if matches!(
            m.status,
            MeetingStatus::Planned | MeetingStatus::Registration
        ) && now >= m.scheduled_at + QUORUM_GRACE
            && hall + remote < quorum
        {
            flagged = true;
            attention.push(Concern::NoQuorum {
                meeting: m.code.clone(),
                scheduled_at: m.scheduled_at,
                present: hall + remote,
                needed: quorum,
            });
        }
        let ends = phase_end(state, m);
        if let Some(ends) = ends
            && matches!(m.status, MeetingStatus::Registration | MeetingStatus::Open)
            && now > ends
        {
            flagged = true;
            past_end.push(Concern::PastEnd {
                meeting: m.code.clone(),
                ended_at: ends,
            });
        }
        let deadline = m
            .entry_deadline
            .or(ends.map(|e| e + crate::decide::meetings::DEFAULT_ENTRY_GRACE));
        if let Some(deadline) = deadline
            && unfinished
            && now > deadline
        {
            flagged = true;
            overdue.push(Concern::ProtocolOverdue {
                meeting: m.code.clone(),
                deadline,
            });
        }
        let allotted = allotted_to.get(&m.unit).copied().unwrap_or(0);
        let elected_here = elected.get(&m.code).copied().unwrap_or(0);
        if m.status == MeetingStatus::Closed && elected_here < allotted {
            flagged = true;
        }
        let waiting_on = if m.kind.has_mandates() && unfinished {
            waiting_for.get(&m.unit).copied().unwrap_or(0)
        } else {
            0
        };
        lines.push(MeetingLine {
            code: m.code.clone(),
            unit: m.unit.clone(),
            status: m.status,
            scheduled_at: m.scheduled_at,
            hall,
            remote,
            quorum,
            allotted,
            elected: elected_here,
            waiting_on,
            flagged,
        });
    }
    attention.extend(past_end);
    attention.extend(overdue);
    let progress = super::progress::progress(state, root, campaign);
    for s in progress.shortfalls {
        if let Ok(unit) = Code::parse(&s.unit) {
            attention.push(Concern::Shortfall {
                unit,
                allotted: s.allotted,
                elected: s.elected,
            });
        }
    }
    let mut paused: Vec<Code> = state
        .polls
        .values()
        .filter(|p| p.status == PollStatus::Paused)
        .filter(|p| poll_unit(state, p).is_some_and(|u| within(state, &u, root)))
        .map(|p| p.code.clone())
        .collect();
    paused.sort();
    attention.extend(paused.into_iter().map(|poll| Concern::PollPaused { poll }));
    // Flagged meetings first, each group in the order of their start.
    lines.sort_by_key(|l| !l.flagged);
    Overview {
        attention,
        meetings: lines,
    }
}
