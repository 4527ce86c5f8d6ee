//! The rules of meetings and conferences: convening, registration, quorum, open votes, delegate elections, the calendar.

use super::{
    FUTURE_SLACK, MAX_NAME, MAX_TEXT, RuleError, Term, campaign, open_unit, phase_window, text,
    zone_of,
};
use crate::command::{Command, Envelope};
use crate::iin::Iin;
use crate::meeting::model::{
    Allotment, Attendance, Delegate, DelegateStatus, Excusal, Failure, Mandate, Meeting,
    MeetingKind, MeetingStatus, Motion, Presence, QuorumShortfall, Representation, Tally, Vote,
    VoteMark, VoteStatus,
};
use crate::meeting::{OpenVoteCount, Verdict, allot, minimum_present};
use crate::model::{Code, MemberStatus, UnitKind};
use crate::state::{Change, MeetingDetail, Snapshot};
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

/// A protocol may be entered this long after its phase ends unless the organizer sets a deadline.
const DEFAULT_ENTRY_GRACE: SignedDuration = SignedDuration::from_hours(72);
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

/// Decides a meeting command. `seq` is its journal number, `recorded_at` when it is being recorded.
pub(super) fn decide(
    envelope: &Envelope,
    seq: i64,
    recorded_at: Timestamp,
    state: &Snapshot,
) -> Result<Vec<Change>, RuleError> {
    let held_at = envelope.held_at;
    if held_at > recorded_at + FUTURE_SLACK {
        return Err(RuleError::HeldInFuture {
            held_at: held_at.to_string(),
            recorded_at: recorded_at.to_string(),
        });
    }
    if let Some(m) = envelope
        .command
        .needs()
        .meetings
        .first()
        .and_then(|code| state.meetings.get(code))
        .filter(|m| m.status == MeetingStatus::Open)
    {
        within_open_meeting(state, m, held_at, recorded_at)?;
    }
    match &envelope.command {
        Command::ConveneMeeting {
            code,
            campaign: campaign_code,
            unit,
            phase,
            extraordinary,
            convened_by,
            scheduled_at,
            venue,
            capacity,
            streams,
            quorum,
            entry_deadline,
            rerun_of,
        } => {
            if state.meetings.contains_key(code) {
                return Err(RuleError::MeetingExists {
                    meeting: code.clone(),
                });
            }
            campaign(state, campaign_code)?;
            let u = open_unit(state, unit)?;
            let kind = MeetingKind::for_unit(u.kind).ok_or_else(|| RuleError::MeetingUnitKind {
                unit: unit.clone(),
                kind: Term::new("unit_kind", u.kind.as_str()),
            })?;
            text("convened_by", convened_by, MAX_TEXT)?;
            text("venue", venue, MAX_NAME)?;
            for stream in streams {
                let url = stream.url.trim();
                if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 500 {
                    return Err(RuleError::LivestreamUrl {
                        url: url.to_string(),
                    });
                }
            }
            let Window {
                phase: p,
                zone,
                starts,
                ends,
            } = window(state, campaign_code, phase)?;
            if *scheduled_at < starts || *scheduled_at >= ends {
                return Err(RuleError::OutsideWindow {
                    what: "scheduled",
                    when: local(*scheduled_at, &zone),
                    phase: phase.clone(),
                    starts: p.starts_local.to_string(),
                    ends: p.ends_local.to_string(),
                });
            }
            if let Some(deadline) = entry_deadline
                && deadline <= scheduled_at
            {
                return Err(RuleError::DeadlineBeforeMeeting {
                    deadline: deadline.to_string(),
                    scheduled_at: scheduled_at.to_string(),
                });
            }
            if let Some(failed) = rerun_of {
                let earlier = meeting(state, failed)?;
                if earlier.status != MeetingStatus::Failed
                    || &earlier.unit != unit
                    || &earlier.campaign != campaign_code
                {
                    return Err(RuleError::NotARerun {
                        failed: failed.clone(),
                        status: Term::new("meeting_status", earlier.status.as_str()),
                        unit: earlier.unit.clone(),
                    });
                }
            }
            if let Some(live) = state.meeting_of_unit(campaign_code, unit, UNDER_WAY) {
                return Err(RuleError::UnitHasLiveMeeting {
                    unit: unit.clone(),
                    meeting: live.code.clone(),
                    status: Term::new("meeting_status", live.status.as_str()),
                });
            }
            Ok(vec![Change::PutMeeting(Meeting {
                code: code.clone(),
                campaign: campaign_code.clone(),
                unit: unit.clone(),
                kind,
                extraordinary: *extraordinary,
                convened_by: convened_by.trim().to_string(),
                phase: phase.clone(),
                scheduled_at: *scheduled_at,
                venue: venue.trim().to_string(),
                capacity: *capacity,
                streams: streams.clone(),
                quorum: *quorum,
                entry_deadline: *entry_deadline,
                rerun_of: rerun_of.clone(),
                status: MeetingStatus::Planned,
                electorate: 0,
                opened_at: None,
                closed_at: None,
                closed_seq: None,
                failure: None,
                failed: None,
                chair: None,
                secretary: None,
                counting_commission: Vec::new(),
                agenda: Vec::new(),
                credentials: None,
            })])
        }
        Command::SetEntryDeadline {
            meeting: code,
            deadline,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            let m = meeting(state, code)?;
            if *deadline <= m.scheduled_at {
                return Err(RuleError::DeadlineBeforeMeeting {
                    deadline: deadline.to_string(),
                    scheduled_at: m.scheduled_at.to_string(),
                });
            }
            Ok(vec![Change::PutMeeting(Meeting {
                entry_deadline: Some(*deadline),
                ..m.clone()
            })])
        }
        Command::SetRepresentation {
            campaign: campaign_code,
            conference_unit,
            norm,
        } => set_representation(state, campaign_code, conference_unit, *norm),
        Command::OpenRegistration { meeting: code } => {
            let m = meeting(state, code)?;
            expect_status(m, &[MeetingStatus::Planned], "open_registration")?;
            // `m` itself is still planned, so this finds only another meeting.
            if let Some(live) = state.meeting_of_unit(&m.campaign, &m.unit, SITTING) {
                return Err(RuleError::OtherMeetingLive {
                    meeting: live.code.clone(),
                    status: Term::new("meeting_status", live.status.as_str()),
                });
            }
            let mut changes = Vec::new();
            let electorate = if m.kind.has_mandates() {
                check_meetings_below(state, m)?;
                let mut delegates: Vec<&Delegate> = state
                    .delegates
                    .values()
                    .filter(|d| {
                        d.campaign == m.campaign
                            && d.conference_unit == m.unit
                            && d.status == DelegateStatus::Elected
                    })
                    .collect();
                delegates.sort_by(|a, b| (&a.from_unit, a.member).cmp(&(&b.from_unit, b.member)));
                for (i, d) in delegates.iter().enumerate() {
                    changes.push(Change::PutMandate(Mandate {
                        meeting: m.code.clone(),
                        number: count_u32(i + 1),
                        member: d.member,
                        card: 1,
                    }));
                }
                count_u32(delegates.len())
            } else {
                count_u32(
                    state
                        .active_members_by_unit
                        .get(&m.unit)
                        .copied()
                        .unwrap_or(0) as usize,
                )
            };
            if electorate == 0 {
                return Err(if m.kind.has_mandates() {
                    RuleError::NoDelegatesElected {
                        meeting: code.clone(),
                    }
                } else {
                    RuleError::NoActiveMembers {
                        meeting: code.clone(),
                    }
                });
            }
            changes.insert(
                0,
                Change::PutMeeting(Meeting {
                    status: MeetingStatus::Registration,
                    electorate,
                    ..m.clone()
                }),
            );
            Ok(changes)
        }
        Command::CheckIn {
            meeting: code,
            iin,
            mandate,
            card,
            mode,
        } => {
            let m = meeting(state, code)?;
            expect_status(
                m,
                &[MeetingStatus::Registration, MeetingStatus::Open],
                "check_in",
            )?;
            let detail = detail(state, code)?;
            let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
            if let Some(given) = card {
                let held = who.mandate.ok_or(RuleError::CardWithoutMandate)?;
                if *given != held.card {
                    return Err(RuleError::CardRevoked {
                        mandate: held.number,
                        given: *given,
                        current: held.card,
                    });
                }
            }
            if let Some(a) = detail.attendance.get(&who.member).filter(|a| a.present) {
                return Err(RuleError::AlreadyCheckedIn {
                    who: who.label.clone(),
                    mode: Term::new("presence", a.mode.as_str()),
                });
            }
            let (hall, _) = detail.present();
            if *mode == Presence::Hall && m.capacity > 0 && hall >= m.capacity {
                return Err(RuleError::HallFull {
                    capacity: m.capacity,
                });
            }
            Ok(vec![Change::PutAttendance(Attendance {
                meeting: code.clone(),
                member: who.member,
                mode: *mode,
                present: true,
                since: held_at,
            })])
        }
        Command::RecordAttendance {
            meeting: code,
            hall,
            remote,
        } => {
            if hall.is_empty() && remote.is_empty() {
                return Err(RuleError::Empty { field: "hall" });
            }
            let m = meeting(state, code)?;
            expect_status(
                m,
                &[MeetingStatus::Registration, MeetingStatus::Open],
                "record_attendance",
            )?;
            let detail = detail(state, code)?;
            let (mut in_hall, _) = detail.present();
            let mut seen = std::collections::HashSet::new();
            let mut changes = Vec::new();
            let entries = hall
                .iter()
                .map(|i| (i, Presence::Hall))
                .chain(remote.iter().map(|i| (i, Presence::Remote)));
            for (line, (iin, mode)) in entries.enumerate() {
                let on_sheet = |e: RuleError| RuleError::SheetEntry {
                    entry: line + 1,
                    mode: Term::new("presence", mode.as_str()),
                    iin: iin.masked(),
                    refusal: Box::new(e),
                };
                let who = participant(state, m, detail, Some(iin), None).map_err(on_sheet)?;
                if !seen.insert(who.member)
                    || detail
                        .attendance
                        .get(&who.member)
                        .is_some_and(|a| a.present)
                {
                    return Err(on_sheet(RuleError::CountedTwice));
                }
                if mode == Presence::Hall {
                    if m.capacity > 0 && in_hall >= m.capacity {
                        return Err(on_sheet(RuleError::HallFull {
                            capacity: m.capacity,
                        }));
                    }
                    in_hall += 1;
                }
                changes.push(Change::PutAttendance(Attendance {
                    meeting: code.clone(),
                    member: who.member,
                    mode,
                    present: true,
                    since: held_at,
                }));
            }
            Ok(changes)
        }
        Command::CheckOut {
            meeting: code,
            iin,
            mandate,
        } => {
            let m = meeting(state, code)?;
            expect_status(
                m,
                &[MeetingStatus::Registration, MeetingStatus::Open],
                "check_out",
            )?;
            let detail = detail(state, code)?;
            let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
            let a = detail
                .attendance
                .get(&who.member)
                .filter(|a| a.present)
                .ok_or_else(|| RuleError::NotCheckedIn {
                    who: who.label.clone(),
                })?;
            Ok(vec![Change::PutAttendance(Attendance {
                present: false,
                since: held_at,
                ..a.clone()
            })])
        }
        Command::ReissueCard {
            meeting: code,
            mandate,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            let m = meeting(state, code)?;
            expect_status(
                m,
                &[MeetingStatus::Registration, MeetingStatus::Open],
                "reissue_card",
            )?;
            let held = detail(state, code)?
                .mandates
                .get(mandate)
                .ok_or_else(|| no_mandate(m, *mandate, state))?;
            Ok(vec![Change::PutMandate(Mandate {
                card: held.card + 1,
                ..held.clone()
            })])
        }
        Command::ReplaceDelegate {
            campaign: campaign_code,
            conference_unit,
            delegate,
            replacement,
            decision,
        } => replace_delegate(
            state,
            campaign_code,
            conference_unit,
            delegate,
            replacement,
            decision,
        ),
        Command::ReportCredentials {
            meeting: code,
            text: report,
        } => {
            text("text", report, MAX_TEXT)?;
            let m = meeting(state, code)?;
            expect_status(
                m,
                &[MeetingStatus::Registration, MeetingStatus::Open],
                "report_credentials",
            )?;
            let (in_hall, remote) = detail(state, code)?.present();
            Ok(vec![Change::PutMeeting(Meeting {
                credentials: Some(crate::meeting::model::CredentialsReport {
                    electorate: m.electorate,
                    in_hall,
                    remote,
                    text: report.trim().to_string(),
                }),
                ..m.clone()
            })])
        }
        Command::OpenMeeting { meeting: code } => {
            let m = meeting(state, code)?;
            expect_status(m, &[MeetingStatus::Registration], "open_meeting")?;
            check_calendar(state, m, held_at, recorded_at)?;
            if m.kind.has_mandates() {
                check_meetings_below(state, m)?;
            }
            let (hall, remote) = detail(state, code)?.present();
            let present = hall + remote;
            let needed = minimum_present(m.quorum, m.electorate);
            if present < needed {
                return Err(RuleError::NoQuorum {
                    present,
                    electorate: m.electorate,
                    needed,
                    action: "open_meeting",
                });
            }
            Ok(vec![Change::PutMeeting(Meeting {
                status: MeetingStatus::Open,
                opened_at: Some(held_at),
                ..m.clone()
            })])
        }
        Command::FailMeeting {
            meeting: code,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            let m = meeting(state, code)?;
            expect_status(
                m,
                &[MeetingStatus::Planned, MeetingStatus::Registration],
                "record_failed",
            )?;
            let (hall, remote) = state.detail(code).map(|d| d.present()).unwrap_or((0, 0));
            let quorum = (m.status == MeetingStatus::Registration).then(|| QuorumShortfall {
                present: hall + remote,
                electorate: m.electorate,
                needed: minimum_present(m.quorum, m.electorate),
            });
            let failure = match quorum {
                Some(q) => format!(
                    "{}: {} of {} present, at least {} needed",
                    reason.trim(),
                    q.present,
                    q.electorate,
                    q.needed
                ),
                None => reason.trim().to_string(),
            };
            Ok(vec![Change::PutMeeting(Meeting {
                status: MeetingStatus::Failed,
                closed_at: Some(held_at),
                closed_seq: Some(seq),
                failure: Some(failure),
                failed: Some(Failure {
                    reason: reason.trim().to_string(),
                    quorum,
                }),
                ..m.clone()
            })])
        }
        Command::PutToVote {
            meeting: code,
            vote,
            motion,
            rule,
        } => put_to_vote(
            state,
            code,
            *vote,
            motion,
            *rule,
            &super::lists::Stamp {
                seq,
                held_at,
                actor: &envelope.actor,
            },
        ),
        Command::ConfirmPresence {
            meeting: code,
            vote,
            iin,
            mandate,
        } => {
            let (m, detail, v) = open_vote(state, code, *vote)?;
            let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
            let a = present_attendance(detail, &who)?;
            if a.mode != Presence::Remote {
                return Err(RuleError::InHallNoConfirmation {
                    who: who.label.clone(),
                });
            }
            if detail.marks.contains_key(&(*vote, who.member)) {
                return Err(RuleError::AlreadyConfirmed {
                    who: who.label.clone(),
                    vote: *vote,
                });
            }
            Ok(vec![
                Change::PutVoteMark(VoteMark {
                    meeting: code.clone(),
                    vote: *vote,
                    member: who.member,
                    choice: None,
                }),
                Change::PutVote(Vote {
                    present_remote: v.present_remote + 1,
                    ..v.clone()
                }),
            ])
        }
        Command::CastNamedVote {
            meeting: code,
            vote,
            iin,
            mandate,
            choice,
        } => {
            let (m, detail, v) = open_vote(state, code, *vote)?;
            let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
            let a = present_attendance(detail, &who)?;
            let earlier = detail.marks.get(&(*vote, who.member));
            if earlier.is_some_and(|mark| mark.choice.is_some()) {
                return Err(RuleError::AlreadyVotedInVote {
                    who: who.label.clone(),
                    vote: *vote,
                });
            }
            let mut updated = v.clone();
            match a.mode {
                Presence::Remote if earlier.is_none() => updated.present_remote += 1,
                Presence::Remote => {}
                Presence::Hall => {
                    if u64::from(updated.named_hall) + updated.hall.total()
                        >= u64::from(updated.present_hall)
                    {
                        return Err(RuleError::HallAllCounted {
                            present: updated.present_hall,
                        });
                    }
                    updated.named_hall += 1;
                }
            }
            match choice {
                crate::meeting::model::Choice::For => updated.named.for_ += 1,
                crate::meeting::model::Choice::Against => updated.named.against += 1,
                crate::meeting::model::Choice::Abstain => updated.named.abstain += 1,
            }
            Ok(vec![
                Change::PutVoteMark(VoteMark {
                    meeting: code.clone(),
                    vote: *vote,
                    member: who.member,
                    choice: Some(*choice),
                }),
                Change::PutVote(updated),
            ])
        }
        Command::CountVote {
            meeting: code,
            vote,
            hall,
            recount_reason,
        } => count_vote(
            state,
            code,
            *vote,
            hall,
            recount_reason.as_deref(),
            &super::lists::Stamp {
                seq,
                held_at,
                actor: &envelope.actor,
            },
        ),
        Command::CancelVote {
            meeting: code,
            vote,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            let (m, _, v) = open_vote(state, code, *vote)?;
            let mut changes = vec![Change::PutVote(Vote {
                status: VoteStatus::Cancelled,
                ..v.clone()
            })];
            if let Motion::PartyList { target, .. } = &v.motion {
                changes.extend(super::lists::list_vote_cancelled(
                    state,
                    m,
                    *vote,
                    target,
                    reason,
                    &super::lists::Stamp {
                        seq,
                        held_at,
                        actor: &envelope.actor,
                    },
                )?);
            }
            Ok(changes)
        }
        Command::CloseMeeting { meeting: code } => {
            let m = meeting(state, code)?;
            expect_status(m, &[MeetingStatus::Open], "close_meeting")?;
            if let Some(v) = detail(state, code)?
                .votes
                .values()
                .find(|v| v.status == VoteStatus::Open)
            {
                return Err(RuleError::VoteStillOpen { vote: v.number });
            }
            if m.chair.is_none() || m.secretary.is_none() {
                return Err(RuleError::NoPresidium);
            }
            Ok(vec![Change::PutMeeting(Meeting {
                status: MeetingStatus::Closed,
                closed_at: Some(held_at),
                closed_seq: Some(seq),
                ..m.clone()
            })])
        }
        Command::ExcuseUnit {
            campaign: campaign_code,
            unit,
            reason,
        } => {
            text("reason", reason, MAX_TEXT)?;
            campaign(state, campaign_code)?;
            let u = open_unit(state, unit)?;
            if !matches!(
                u.kind,
                UnitKind::Primary | UnitKind::District | UnitKind::City
            ) {
                return Err(RuleError::NotExcusable {
                    unit: unit.clone(),
                    kind: Term::new("unit_kind", u.kind.as_str()),
                });
            }
            if let Some(m) = state.meeting_of_unit(
                campaign_code,
                unit,
                &[
                    MeetingStatus::Registration,
                    MeetingStatus::Open,
                    MeetingStatus::Closed,
                ],
            ) {
                return Err(RuleError::UnitHasMeeting {
                    unit: unit.clone(),
                    meeting: m.code.clone(),
                    status: Term::new("meeting_status", m.status.as_str()),
                });
            }
            Ok(vec![Change::PutExcusal(Excusal {
                campaign: campaign_code.clone(),
                unit: unit.clone(),
                reason: reason.trim().to_string(),
            })])
        }
        _ => Err(RuleError::internal(format!(
            "{} is not a meeting command",
            envelope.command.name()
        ))),
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn local(t: Timestamp, zone: &jiff::tz::TimeZone) -> String {
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
    let m = meeting(state, code)?;
    expect_status(m, &[MeetingStatus::Open], "vote")?;
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

/// What happens in an open meeting happens after it opened, and its protocol is entered by the deadline.
fn within_open_meeting(
    state: &Snapshot,
    m: &Meeting,
    held_at: Timestamp,
    recorded_at: Timestamp,
) -> Result<(), RuleError> {
    if let Some(opened) = m.opened_at
        && held_at < opened
    {
        return Err(RuleError::HeldBeforeOpened {
            meeting: m.code.clone(),
            opened: opened.to_string(),
            held_at: held_at.to_string(),
        });
    }
    check_entry_deadline(m, &window(state, &m.campaign, &m.phase)?, recorded_at)
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

fn set_representation(
    state: &Snapshot,
    campaign_code: &Code,
    conference_unit: &Code,
    norm: crate::meeting::RepresentationNorm,
) -> Result<Vec<Change>, RuleError> {
    campaign(state, campaign_code)?;
    let unit = open_unit(state, conference_unit)?;
    if !matches!(
        unit.kind,
        UnitKind::District | UnitKind::City | UnitKind::Region
    ) {
        return Err(RuleError::ConferenceUnitKind {
            unit: conference_unit.clone(),
            kind: Term::new("unit_kind", unit.kind.as_str()),
        });
    }
    if let Some(d) = state
        .delegates
        .values()
        .find(|d| &d.campaign == campaign_code && &d.conference_unit == conference_unit)
    {
        return Err(RuleError::NormFrozen {
            unit: d.from_unit.clone(),
        });
    }
    let children = state.open_children(conference_unit);
    let units: Vec<(Code, u64)> = children
        .iter()
        .map(|c| (c.code.clone(), subtree_active_members(state, &c.code)))
        .collect();
    let allotted = allot(norm, &units).map_err(|error| RuleError::AllotmentInvalid {
        unit: conference_unit.clone(),
        error,
    })?;
    let mut changes = vec![Change::PutRepresentation(Representation {
        campaign: campaign_code.clone(),
        conference_unit: conference_unit.clone(),
        norm,
    })];
    for a in allotted {
        changes.push(Change::PutAllotment(Allotment {
            campaign: campaign_code.clone(),
            unit: a.unit,
            conference_unit: conference_unit.clone(),
            members: a.members,
            seats: u32::try_from(a.delegates).unwrap_or(u32::MAX),
        }));
    }
    Ok(changes)
}

fn replace_delegate(
    state: &Snapshot,
    campaign_code: &Code,
    conference_unit: &Code,
    delegate: &Iin,
    replacement: &Iin,
    decision: &str,
) -> Result<Vec<Change>, RuleError> {
    text("decision", decision, MAX_TEXT)?;
    let leaving = state.member(delegate).ok_or_else(|| RuleError::NoMember {
        iin: delegate.masked(),
    })?;
    let incoming = state
        .member(replacement)
        .ok_or_else(|| RuleError::NoMember {
            iin: replacement.masked(),
        })?;
    let key = (campaign_code.clone(), conference_unit.clone(), leaving.id);
    let elected = state
        .delegates
        .get(&key)
        .filter(|d| d.status == DelegateStatus::Elected)
        .ok_or_else(|| RuleError::NotConferenceDelegate {
            iin: delegate.masked(),
            unit: conference_unit.clone(),
        })?;
    if state
        .delegates
        .contains_key(&(campaign_code.clone(), conference_unit.clone(), incoming.id))
    {
        return Err(RuleError::AlreadyDelegate {
            iin: replacement.masked(),
        });
    }
    if incoming.status != MemberStatus::Active
        || !in_subtree(state, &incoming.unit, &elected.from_unit)
    {
        return Err(RuleError::ReplacementNotMember {
            unit: elected.from_unit.clone(),
        });
    }
    if let Some(conf) = state.meeting_of_unit(
        campaign_code,
        conference_unit,
        &[
            MeetingStatus::Registration,
            MeetingStatus::Open,
            MeetingStatus::Closed,
        ],
    ) {
        return Err(RuleError::MandatesFrozen {
            conference: conf.code.clone(),
            status: Term::new("meeting_status", conf.status.as_str()),
        });
    }
    Ok(vec![
        Change::PutDelegate(Delegate {
            status: DelegateStatus::Replaced,
            note: format!("replaced by {}: {}", incoming.full_name, decision.trim()),
            ..elected.clone()
        }),
        Change::PutDelegate(Delegate {
            member: incoming.id,
            vote: 0,
            status: DelegateStatus::Elected,
            note: format!("replaces {}: {}", leaving.full_name, decision.trim()),
            ..elected.clone()
        }),
    ])
}

fn put_to_vote(
    state: &Snapshot,
    code: &Code,
    number: u32,
    motion: &Motion,
    rule: crate::meeting::DecisionRule,
    at: &super::lists::Stamp,
) -> Result<Vec<Change>, RuleError> {
    let held_at = at.held_at;
    let m = meeting(state, code)?;
    expect_status(m, &[MeetingStatus::Open], "put_to_vote")?;
    let detail = detail(state, code)?;
    if number == 0 {
        return Err(RuleError::VoteNumberZero);
    }
    if detail.votes.contains_key(&number) {
        return Err(RuleError::VoteNumberTaken {
            meeting: code.clone(),
            number,
            next: detail.votes.keys().max().map_or(1, |n| n + 1),
        });
    }
    if let Some(open) = detail.votes.values().find(|v| v.status == VoteStatus::Open) {
        return Err(RuleError::VoteStillOpen { vote: open.number });
    }
    let (hall, remote) = detail.present();
    let needed = minimum_present(m.quorum, m.electorate);
    if hall + remote < needed {
        return Err(RuleError::NoQuorum {
            present: hall + remote,
            electorate: m.electorate,
            needed,
            action: "put_to_vote",
        });
    }
    let mut list_changes = Vec::new();
    let mut people = Vec::new();
    for iin in motion.people() {
        let member = state
            .member(iin)
            .ok_or_else(|| RuleError::NoMember { iin: iin.masked() })?;
        if people.contains(&member.id) {
            return Err(RuleError::NamedTwiceInMotion { iin: iin.masked() });
        }
        people.push(member.id);
    }
    match motion {
        Motion::Credentials => {}
        Motion::Presidium {
            counting_commission,
            ..
        } => {
            if counting_commission.is_empty() {
                return Err(RuleError::NoCountingCommission);
            }
            for (iin, id) in motion.people().into_iter().zip(&people) {
                if !detail.attendance.get(id).is_some_and(|a| a.present) {
                    return Err(RuleError::NotPresent { iin: iin.masked() });
                }
            }
        }
        Motion::Agenda { items } => {
            if items.is_empty() {
                return Err(RuleError::Empty { field: "items" });
            }
            for item in items {
                text("items", item, MAX_TEXT)?;
            }
        }
        Motion::Delegates { candidates } => {
            require_presidium(m)?;
            if candidates.is_empty() {
                return Err(RuleError::Empty {
                    field: "candidates",
                });
            }
            let allotment = delegate_allotment(state, m)?;
            let elected = state
                .delegates
                .values()
                .filter(|d| {
                    d.campaign == m.campaign
                        && d.conference_unit == allotment.conference_unit
                        && d.from_unit == m.unit
                        && d.status == DelegateStatus::Elected
                })
                .count();
            if elected + candidates.len() > allotment.seats as usize {
                return Err(RuleError::AllotmentExceeded {
                    unit: m.unit.clone(),
                    seats: allotment.seats,
                    elected,
                    proposed: candidates.len(),
                    most: allotment.seats.saturating_sub(elected as u32),
                });
            }
            for (iin, id) in candidates.iter().zip(&people) {
                let member = state
                    .member(iin)
                    .ok_or_else(|| RuleError::NoMember { iin: iin.masked() })?;
                if member.status != MemberStatus::Active
                    || !in_subtree(state, &member.unit, &m.unit)
                {
                    return Err(RuleError::CandidateNotMember {
                        iin: iin.masked(),
                        unit: m.unit.clone(),
                        status: Term::new("member_status", member.status.as_str()),
                        member_unit: member.unit.clone(),
                    });
                }
                if state.delegates.contains_key(&(
                    m.campaign.clone(),
                    allotment.conference_unit.clone(),
                    *id,
                )) {
                    return Err(RuleError::CandidateAlreadyDelegate {
                        iin: iin.masked(),
                        unit: allotment.conference_unit.clone(),
                    });
                }
            }
        }
        Motion::Resolution { text: words } => {
            require_presidium(m)?;
            text("text", words, MAX_TEXT)?;
        }
        Motion::PartyList { target, revision } => {
            require_presidium(m)?;
            list_changes =
                super::lists::put_list_to_vote(state, m, number, target, *revision, rule, at)?;
            // The minutes name the candidates as put to the vote, in list order.
            people = state
                .party_lists
                .get(&(m.campaign.clone(), target.clone()))
                .map(|list| list.members().collect())
                .unwrap_or_default();
        }
    }
    Ok(vec![Change::PutVote(Vote {
        meeting: code.clone(),
        number,
        motion: motion.clone(),
        people,
        rule,
        status: VoteStatus::Open,
        present_hall: hall,
        present_remote: 0,
        hall: Tally::default(),
        named: Tally::default(),
        named_hall: 0,
        counts: 0,
        verdict: None,
        opened_at: held_at,
    })]
    .into_iter()
    .chain(list_changes)
    .collect())
}

fn require_presidium(m: &Meeting) -> Result<(), RuleError> {
    if m.chair.is_none() || m.agenda.is_empty() {
        return Err(RuleError::PresidiumFirst);
    }
    Ok(())
}

fn delegate_allotment<'a>(state: &'a Snapshot, m: &Meeting) -> Result<&'a Allotment, RuleError> {
    if m.kind == MeetingKind::RegionalConference {
        return Err(RuleError::TopOfLadder);
    }
    let parent = state
        .unit(&m.unit)
        .and_then(|u| u.parent.clone())
        .ok_or_else(|| RuleError::NoUnitAbove {
            unit: m.unit.clone(),
        })?;
    state
        .allotments
        .get(&(m.campaign.clone(), m.unit.clone()))
        .filter(|a| a.conference_unit == parent)
        .ok_or_else(|| RuleError::NoAllotment {
            unit: m.unit.clone(),
            parent: parent.clone(),
        })
}

fn count_vote(
    state: &Snapshot,
    code: &Code,
    number: u32,
    hall: &Tally,
    recount_reason: Option<&str>,
    at: &super::lists::Stamp,
) -> Result<Vec<Change>, RuleError> {
    let m = meeting(state, code)?;
    expect_status(m, &[MeetingStatus::Open], "count_vote")?;
    let detail = detail(state, code)?;
    let v = detail
        .votes
        .get(&number)
        .ok_or_else(|| RuleError::NoSuchVote {
            meeting: code.clone(),
            vote: number,
        })?;
    match (v.status, recount_reason) {
        (VoteStatus::Open, None) => {}
        (VoteStatus::Open, Some(_)) => {
            return Err(RuleError::RecountNotCounted { vote: number });
        }
        (VoteStatus::Counted, None) => {
            return Err(RuleError::RecountNeedsReason { vote: number });
        }
        (VoteStatus::Counted, Some(reason)) => {
            text("recount_reason", reason, MAX_TEXT)?;
            if let Some(later) = detail.votes.keys().find(|n| **n > number) {
                return Err(RuleError::RecountNotLatest { later: *later });
            }
        }
        (VoteStatus::Cancelled, _) => {
            return Err(RuleError::VoteCancelled { vote: number });
        }
    }
    let hall_votes = hall.total() + u64::from(v.named_hall);
    if hall_votes > u64::from(v.present_hall) {
        return Err(RuleError::VotesExceedPresent {
            votes: hall_votes,
            present: v.present_hall,
        });
    }
    let present = v.present();
    let needed = minimum_present(m.quorum, m.electorate);
    if present < needed {
        return Err(RuleError::NoQuorumForVote {
            present,
            electorate: m.electorate,
            needed,
            vote: number,
        });
    }
    let total = |a: u32, b: u32| a.checked_add(b).ok_or(RuleError::CountTooLarge);
    let count = OpenVoteCount::new(
        present,
        total(hall.for_, v.named.for_)?,
        total(hall.against, v.named.against)?,
        total(hall.abstain, v.named.abstain)?,
    )
    .map_err(|error| RuleError::VoteCountInvalid { error })?;
    let result = crate::meeting::decide(v.rule, &count)
        .map_err(|error| RuleError::VoteCountInvalid { error })?;
    let counted = Vote {
        status: VoteStatus::Counted,
        hall: *hall,
        counts: v.counts + 1,
        verdict: Some(result.verdict),
        ..v.clone()
    };
    let mut changes = vec![Change::PutVote(counted.clone())];
    let was_adopted = v.verdict == Some(Verdict::Adopted);
    let adopted = result.verdict == Verdict::Adopted;
    if let Motion::Delegates { .. } = &v.motion
        && was_adopted != adopted
    {
        let allotment = delegate_allotment(state, m)?;
        for member in &v.people {
            if adopted {
                changes.push(Change::PutDelegate(Delegate {
                    campaign: m.campaign.clone(),
                    conference_unit: allotment.conference_unit.clone(),
                    member: *member,
                    from_unit: m.unit.clone(),
                    from_meeting: m.code.clone(),
                    vote: number,
                    status: DelegateStatus::Elected,
                    note: String::new(),
                }));
            } else {
                changes.push(Change::DeleteDelegate {
                    campaign: m.campaign.clone(),
                    conference_unit: allotment.conference_unit.clone(),
                    member: *member,
                });
            }
        }
    }
    // The presidium and agenda follow from the latest adopted vote of each kind, so a recount
    // that reverses a vote also reverses its effect.
    let mut votes = detail.votes.clone();
    votes.insert(number, counted);
    let mut updated = m.clone();
    updated.chair = None;
    updated.secretary = None;
    updated.counting_commission = Vec::new();
    updated.agenda = Vec::new();
    for vote in votes
        .values()
        .filter(|v| v.verdict == Some(Verdict::Adopted))
    {
        match &vote.motion {
            Motion::Presidium { .. } => {
                updated.chair = vote.people.first().copied();
                updated.secretary = vote.people.get(1).copied();
                updated.counting_commission = vote.people.iter().skip(2).copied().collect();
            }
            Motion::Agenda { items } => updated.agenda = items.clone(),
            _ => {}
        }
    }
    if &updated != m {
        changes.push(Change::PutMeeting(updated));
    }
    if let Motion::PartyList { target, revision } = &v.motion {
        changes.extend(super::lists::list_vote_counted(
            state, m, number, target, *revision, adopted, at,
        )?);
    }
    Ok(changes)
}
