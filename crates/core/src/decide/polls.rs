//! The rules of the primaries: eligibility and registration of candidates, debates, polls and their control, the roll, stations, sealing and the count.

use super::{
    FUTURE_SLACK, MAX_NAME, MAX_TEXT, RuleError, Term, campaign, existing_member, open_unit,
    target_of, text,
};
use crate::ballot::{self, BallotContent, Checkpoint, Hash32, StationCounts};
use crate::command::{Command, DebateMark, Envelope, OptionSpec};
use crate::count::{Method, TieBreak};
use crate::iin::Iin;
use crate::meeting::model::Presence;
use crate::model::Code;
use crate::poll::{
    Candidacy, CandidacyStatus, Debate, DebateAttendance, DebateSeat, Electorate, Marked,
    NominatedBy, Poll, PollEvent, PollOption, PollResult, PollStatus, RollEntry, SealedBallot,
    StationConflict, StationReturn,
};
use crate::primaries::{self, CandidateFacts, EligibilityRules, RatedCandidate};
use crate::state::{Change, PollDetail, Snapshot};
use jiff::Timestamp;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The campaign phase inside which candidates are nominated and registered.
pub const NOMINATION_PHASE: &str = "nomination";
/// Options on one ballot at most (a district list draws ~4 candidates per seat).
const MAX_OPTIONS: usize = 400;

/// Decides a primaries or poll command; `None` when the command is not one of them.
pub(super) fn decide(
    envelope: &Envelope,
    seq: i64,
    recorded_at: Timestamp,
    state: &Snapshot,
) -> Option<Result<Vec<Change>, RuleError>> {
    let held_at = envelope.held_at;
    if is_poll_command(&envelope.command) && held_at > recorded_at + FUTURE_SLACK {
        return Some(Err(RuleError::HeldInFuture {
            held_at: held_at.to_string(),
            recorded_at: recorded_at.to_string(),
        }));
    }
    let result = match &envelope.command {
        Command::SetEligibility {
            campaign: c,
            target,
            rules,
        } => target_of(state, c, target).map(|_| {
            vec![Change::PutEligibility {
                campaign: c.clone(),
                target: target.clone(),
                rules: rules.clone(),
            }]
        }),
        Command::NominateCandidate {
            campaign: c,
            target,
            iin,
            nominated_by,
            residency_years,
            unexpunged_conviction,
        } => nominate(
            state,
            held_at,
            c,
            target,
            iin,
            nominated_by,
            *residency_years,
            *unexpunged_conviction,
        ),
        Command::RegisterCandidate {
            campaign: c,
            target,
            iin,
            decision,
        } => decide_candidacy(
            state,
            held_at,
            c,
            target,
            iin,
            decision,
            CandidacyStatus::Registered,
        ),
        Command::RefuseCandidate {
            campaign: c,
            target,
            iin,
            reason,
        } => decide_candidacy(
            state,
            held_at,
            c,
            target,
            iin,
            reason,
            CandidacyStatus::Refused,
        ),
        Command::WithdrawCandidate {
            campaign: c,
            target,
            iin,
            reason,
        } => withdraw(state, held_at, c, target, iin, reason),
        Command::ScheduleDebate {
            code,
            campaign: c,
            target,
            unit,
            starts_at,
            participants,
            streams,
        } => schedule_debate(
            state,
            code,
            c,
            target,
            unit,
            *starts_at,
            participants,
            streams,
        ),
        Command::RecordDebate {
            debate,
            recording,
            attendance,
        } => record_debate(state, held_at, debate, recording, attendance),
        Command::CreatePoll {
            code,
            campaign: c,
            title,
            target,
            meeting,
            options,
            method,
            seats,
            electorate,
            roll_cutoff,
            opens_at,
            closes_at,
            board,
            lot_seed_hash,
        } => (|| {
            if state.polls.contains_key(code) {
                return Err(RuleError::PollExists { poll: code.clone() });
            }
            campaign(state, c)?;
            text("title", title, MAX_NAME)?;
            if let Some(t) = target {
                target_of(state, c, t)?;
            }
            if let Some(m) = meeting
                && !state.meetings.contains_key(m)
            {
                return Err(RuleError::NoMeeting { meeting: m.clone() });
            }
            match electorate {
                Electorate::Members { unit } => {
                    open_unit(state, unit)?;
                }
                Electorate::CheckedIn { meeting } => {
                    if !state.meetings.contains_key(meeting) {
                        return Err(RuleError::NoMeeting {
                            meeting: meeting.clone(),
                        });
                    }
                }
            }
            if !(roll_cutoff <= opens_at && opens_at < closes_at) {
                return Err(RuleError::PollTimesOrder {
                    roll_cutoff: roll_cutoff.to_string(),
                    opens_at: opens_at.to_string(),
                    closes_at: closes_at.to_string(),
                });
            }
            let options = poll_options(state, c, target.as_ref(), meeting.is_none(), options)?;
            if *seats == 0 || *seats as usize > options.len() {
                return Err(RuleError::SeatsOutOfRange {
                    options: options.len(),
                    seats: *seats,
                });
            }
            if *method == Method::InstantRunoff && *seats != 1 {
                return Err(RuleError::InstantRunoffOneSeat);
            }
            Ok(vec![Change::PutPoll(Poll {
                code: code.clone(),
                campaign: c.clone(),
                title: title.trim().to_string(),
                target: target.clone(),
                meeting: meeting.clone(),
                options,
                method: *method,
                seats: *seats,
                electorate: electorate.clone(),
                roll_cutoff: *roll_cutoff,
                opens_at: *opens_at,
                closes_at: *closes_at,
                board: *board,
                lot_seed_hash: *lot_seed_hash,
                status: PollStatus::Scheduled,
                roll_size: 0,
                events: vec![event("created", envelope, "")],
                struck: Vec::new(),
            })])
        })(),
        Command::FreezeRoll { poll } => freeze_roll(state, envelope, poll),
        Command::OpenPoll { poll } => poll_of(state, poll).and_then(|p| {
            status_in(p, &[PollStatus::RollFrozen], "open")?;
            if held_at < p.opens_at || held_at >= p.closes_at {
                return Err(RuleError::OutsidePollWindow {
                    poll: poll.clone(),
                    opens_at: p.opens_at.to_string(),
                    closes_at: p.closes_at.to_string(),
                    held_at: held_at.to_string(),
                });
            }
            Ok(vec![with_status(
                p,
                PollStatus::Open,
                envelope,
                "opened",
                "",
            )])
        }),
        Command::PausePoll { poll, reason } => poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(p, &[PollStatus::Open], "pause")?;
            Ok(vec![with_status(
                p,
                PollStatus::Paused,
                envelope,
                "paused",
                reason,
            )])
        }),
        Command::ResumePoll { poll, reason } => poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(p, &[PollStatus::Paused], "resume")?;
            if held_at >= p.closes_at {
                return Err(RuleError::PollDueToClose {
                    poll: poll.clone(),
                    closes_at: p.closes_at.to_string(),
                });
            }
            Ok(vec![with_status(
                p,
                PollStatus::Open,
                envelope,
                "resumed",
                reason,
            )])
        }),
        Command::ExtendPoll {
            poll,
            closes_at,
            reason,
        } => poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(
                p,
                &[PollStatus::RollFrozen, PollStatus::Open, PollStatus::Paused],
                "extend",
            )?;
            if *closes_at <= p.closes_at {
                return Err(RuleError::ExtensionNotLater {
                    closes_at: p.closes_at.to_string(),
                    given: closes_at.to_string(),
                });
            }
            let mut next = with_status(p, p.status, envelope, "extended", reason);
            if let Change::PutPoll(ref mut n) = next {
                n.closes_at = *closes_at;
                if let Some(e) = n.events.last_mut() {
                    e.action = format!("extended to {closes_at}");
                }
            }
            Ok(vec![next])
        }),
        Command::ClosePoll { poll, reason } => poll_of(state, poll).and_then(|p| {
            status_in(p, &[PollStatus::Open, PollStatus::Paused], "close")?;
            if held_at < p.closes_at {
                text(
                    "reason (closing before the scheduled close)",
                    reason,
                    MAX_TEXT,
                )?;
            }
            Ok(vec![with_status(
                p,
                PollStatus::Closed,
                envelope,
                "closed",
                reason,
            )])
        }),
        Command::ReopenPoll {
            poll,
            closes_at,
            reason,
        } => poll_of(state, poll).and_then(|p| {
            text("reason", reason, MAX_TEXT)?;
            status_in(p, &[PollStatus::Closed], "reopen")?;
            if *closes_at <= held_at {
                return Err(RuleError::ReopenCloseInPast {
                    held_at: held_at.to_string(),
                    closes_at: closes_at.to_string(),
                });
            }
            let mut next = with_status(p, PollStatus::Open, envelope, "reopened", reason);
            if let Change::PutPoll(ref mut n) = next {
                n.closes_at = *closes_at;
            }
            Ok(vec![next])
        }),
        Command::RecordBallots {
            poll,
            voters,
            leaves,
        } => record_ballots(state, held_at, poll, voters, leaves),
        Command::PublishCheckpoint { checkpoint, leaves } => {
            publish_checkpoint(state, checkpoint, leaves)
        }
        Command::MarkAtStation {
            poll,
            station,
            iins,
            offline,
        } => mark_at_station(state, held_at, poll, station, iins, *offline),
        Command::EnterStationReturn {
            poll,
            station,
            per_option,
            spoiled,
            ballots,
            commission,
        } => poll_of(state, poll).and_then(|p| {
            text("commission", commission, MAX_NAME)?;
            status_in(p, &[PollStatus::Closed], "enter_station_results")?;
            let detail = detail_of(state, poll)?;
            if detail.returns.iter().any(|r| &r.station == station) {
                return Err(RuleError::StationAlreadyEntered {
                    station: station.clone(),
                    poll: poll.clone(),
                });
            }
            let codes = p.option_codes();
            let ranked = !matches!(p.method, Method::Plurality | Method::Approval { .. });
            if ranked && !per_option.is_empty() {
                return Err(RuleError::RankedNeedsBallots {
                    poll: poll.clone(),
                    method: p.method.name().to_string(),
                });
            }
            if let Some(unknown) = per_option.keys().find(|k| !codes.contains(k)) {
                return Err(RuleError::UnknownStationOption {
                    station: station.clone(),
                    option: unknown.to_string(),
                    poll: poll.clone(),
                    options: codes.iter().map(|c| c.to_string()).collect(),
                });
            }
            for (n, content) in ballots.iter().enumerate() {
                ballot::validate(content, &codes, p.method).map_err(|e| {
                    RuleError::PaperBallotInvalid {
                        station: station.clone(),
                        ballot: n + 1,
                        problem: e,
                    }
                })?;
            }
            let at_station = roll_marked_at(detail, station);
            let entered = if matches!(p.method, Method::Plurality) {
                per_option.values().sum::<u64>() + ballots.len() as u64 + spoiled
            } else {
                ballots.len() as u64 + spoiled
            };
            // Approval counts add up to more than the ballots; the others cannot exceed them.
            if (matches!(p.method, Method::Plurality) || ranked) && entered > at_station {
                return Err(RuleError::StationBallotsExceedVoters {
                    station: station.clone(),
                    entered,
                    marked: at_station,
                });
            }
            Ok(vec![Change::PutStationReturn(StationReturn {
                poll: poll.clone(),
                station: station.clone(),
                per_option: per_option.clone(),
                spoiled: *spoiled,
                ballots: ballots.clone(),
                commission: commission.trim().to_string(),
            })])
        }),
        Command::SealBallots { poll, ballots } => seal(state, poll, ballots),
        Command::CountPoll {
            poll,
            lot_seed,
            youth_age_limit,
        } => count_poll(state, envelope, poll, lot_seed.as_deref(), *youth_age_limit),
        _ => return None,
    };
    let _ = seq;
    Some(result)
}

/// The commands this module decides.
fn is_poll_command(command: &Command) -> bool {
    crate::command::NAMES
        .iter()
        .skip_while(|n| **n != "set_eligibility")
        .any(|n| *n == command.name())
}

fn event(action: &str, envelope: &Envelope, reason: &str) -> PollEvent {
    PollEvent {
        action: action.to_string(),
        at: envelope.held_at,
        actor: envelope.actor.clone(),
        reason: reason.trim().to_string(),
    }
}

fn with_status(
    p: &Poll,
    status: PollStatus,
    envelope: &Envelope,
    action: &str,
    reason: &str,
) -> Change {
    let mut next = p.clone();
    next.status = status;
    next.events.push(event(action, envelope, reason));
    Change::PutPoll(next)
}

pub(super) fn poll_of<'a>(state: &'a Snapshot, code: &Code) -> Result<&'a Poll, RuleError> {
    state
        .polls
        .get(code)
        .ok_or_else(|| RuleError::NoPoll { poll: code.clone() })
}

fn detail_of<'a>(state: &'a Snapshot, poll: &Code) -> Result<&'a PollDetail, RuleError> {
    state
        .poll_details
        .get(poll)
        .ok_or_else(|| RuleError::internal(format!("the roll of {poll} was not loaded")))
}

fn status_in(p: &Poll, allowed: &[PollStatus], doing: &'static str) -> Result<(), RuleError> {
    if allowed.contains(&p.status) {
        return Ok(());
    }
    let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
    Err(RuleError::PollStatus {
        poll: p.code.clone(),
        status: Term::new("poll_status", p.status.as_str()),
        action: doing,
        allowed: super::Alternatives::new("poll_status", names),
    })
}

fn roll_marked_at(detail: &PollDetail, station: &Code) -> u64 {
    detail
        .station_marks
        .get(station)
        .copied()
        .unwrap_or_default()
}

/// Inside the campaign's nomination phase (campaign time).
fn in_nomination(state: &Snapshot, c: &Code, held_at: Timestamp) -> Result<(), RuleError> {
    let phase: Code = NOMINATION_PHASE
        .parse()
        .map_err(|_| RuleError::internal("the nomination phase code is invalid"))?;
    let w = super::meetings::window_of(state, c, &phase)?;
    if held_at < w.0 || held_at > w.1 {
        return Err(RuleError::OutsideNomination {
            phase: NOMINATION_PHASE.to_string(),
            starts: w.0.to_string(),
            ends: w.1.to_string(),
            held_at: held_at.to_string(),
        });
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn nominate(
    state: &Snapshot,
    held_at: Timestamp,
    c: &Code,
    target: &Code,
    iin: &Iin,
    nominated_by: &NominatedBy,
    residency_years: u16,
    unexpunged_conviction: bool,
) -> Result<Vec<Change>, RuleError> {
    let camp = campaign(state, c)?;
    let t = target_of(state, c, target)?;
    in_nomination(state, c, held_at)?;
    let member = existing_member(state, iin)?;
    if let NominatedBy::Ppo { unit, decision } = nominated_by {
        text("nominated_by.ppo.decision", decision, MAX_TEXT)?;
        if &member.unit != unit {
            return Err(RuleError::NominatesOwnMembers {
                member_unit: member.unit.clone(),
                unit: unit.clone(),
            });
        }
    }
    if let Some(existing) = state
        .candidacies
        .get(&(c.clone(), target.clone(), member.id))
        .filter(|x| x.status != CandidacyStatus::Withdrawn)
    {
        return Err(RuleError::AlreadyCandidate {
            name: member.full_name.clone(),
            target: target.clone(),
            status: Term::new("candidacy_status", existing.status.as_str()),
        });
    }
    let rules = state
        .eligibility
        .get(&(c.clone(), target.clone()))
        .cloned()
        .unwrap_or_else(|| EligibilityRules::for_body(t.body));
    let facts = CandidateFacts {
        birth_date: iin.birth_date(),
        status: member.status,
        joined_on: member.joined_on,
        residency_years,
        unexpunged_conviction,
    };
    let failed = primaries::check_eligibility(&rules, &facts, camp.election_day);
    if !failed.is_empty() {
        return Err(RuleError::NotEligible {
            name: member.full_name.clone(),
            target: target.clone(),
            reasons: super::Reasons(failed),
        });
    }
    let number = state
        .candidacies
        .range((c.clone(), target.clone(), i64::MIN)..=(c.clone(), target.clone(), i64::MAX))
        .map(|(_, x)| x.number)
        .max()
        .unwrap_or(0)
        + 1;
    Ok(vec![Change::PutCandidacy(Candidacy {
        campaign: c.clone(),
        target: target.clone(),
        member: member.id,
        number,
        nominated_by: nominated_by.clone(),
        residency_years,
        unexpunged_conviction,
        status: CandidacyStatus::Nominated,
        decision: String::new(),
        nominated_at: held_at,
        decided_at: None,
    })])
}

fn candidacy_of<'a>(
    state: &'a Snapshot,
    c: &Code,
    target: &Code,
    iin: &Iin,
) -> Result<&'a Candidacy, RuleError> {
    let member = existing_member(state, iin)?;
    state
        .candidacies
        .get(&(c.clone(), target.clone(), member.id))
        .ok_or_else(|| RuleError::NotCandidate {
            name: member.full_name.clone(),
            target: target.clone(),
        })
}

fn decide_candidacy(
    state: &Snapshot,
    held_at: Timestamp,
    c: &Code,
    target: &Code,
    iin: &Iin,
    decision: &str,
    status: CandidacyStatus,
) -> Result<Vec<Change>, RuleError> {
    text(
        if status == CandidacyStatus::Refused {
            "reason"
        } else {
            "decision"
        },
        decision,
        MAX_TEXT,
    )?;
    in_nomination(state, c, held_at)?;
    let x = candidacy_of(state, c, target, iin)?;
    if x.status != CandidacyStatus::Nominated {
        return Err(RuleError::CandidacyNotNominated {
            status: Term::new("candidacy_status", x.status.as_str()),
        });
    }
    Ok(vec![Change::PutCandidacy(Candidacy {
        status,
        decision: decision.trim().to_string(),
        decided_at: Some(held_at),
        ..x.clone()
    })])
}

fn withdraw(
    state: &Snapshot,
    held_at: Timestamp,
    c: &Code,
    target: &Code,
    iin: &Iin,
    reason: &str,
) -> Result<Vec<Change>, RuleError> {
    text("reason", reason, MAX_TEXT)?;
    let x = candidacy_of(state, c, target, iin)?;
    if matches!(
        x.status,
        CandidacyStatus::Withdrawn | CandidacyStatus::Refused
    ) {
        return Err(RuleError::CandidacyAlready {
            status: Term::new("candidacy_status", x.status.as_str()),
        });
    }
    // Once a poll on the target exists, the name stays on its ballot and is struck at the count.
    Ok(vec![Change::PutCandidacy(Candidacy {
        status: CandidacyStatus::Withdrawn,
        decision: reason.trim().to_string(),
        decided_at: Some(held_at),
        ..x.clone()
    })])
}

#[allow(clippy::too_many_arguments)]
fn schedule_debate(
    state: &Snapshot,
    code: &Code,
    c: &Code,
    target: &Code,
    unit: &Code,
    starts_at: Timestamp,
    participants: &[Iin],
    streams: &[crate::meeting::model::Stream],
) -> Result<Vec<Change>, RuleError> {
    if state.debates.contains_key(code) {
        return Err(RuleError::DebateExists {
            debate: code.clone(),
        });
    }
    target_of(state, c, target)?;
    open_unit(state, unit)?;
    if participants.len() < 2 {
        return Err(RuleError::DebateTooFew);
    }
    let mut seats = Vec::new();
    let mut seen = HashSet::new();
    for iin in participants {
        let x = candidacy_of(state, c, target, iin)?;
        if x.status != CandidacyStatus::Registered {
            return Err(RuleError::DebaterNotRegistered {
                iin: iin.masked(),
                status: Term::new("candidacy_status", x.status.as_str()),
            });
        }
        if !seen.insert(x.member) {
            return Err(RuleError::ListedTwice { iin: iin.masked() });
        }
        seats.push(DebateSeat {
            member: x.member,
            attendance: None,
        });
    }
    for s in streams {
        let url = s.url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 500 {
            return Err(RuleError::DebateLivestreamUrl {
                url: url.to_string(),
            });
        }
    }
    Ok(vec![Change::PutDebate(Debate {
        code: code.clone(),
        campaign: c.clone(),
        target: target.clone(),
        unit: unit.clone(),
        starts_at,
        streams: streams.to_vec(),
        participants: seats,
        recording: None,
    })])
}

fn record_debate(
    state: &Snapshot,
    held_at: Timestamp,
    code: &Code,
    recording: &Option<String>,
    attendance: &[DebateMark],
) -> Result<Vec<Change>, RuleError> {
    let d = state.debates.get(code).ok_or_else(|| RuleError::NoDebate {
        debate: code.clone(),
    })?;
    if held_at < d.starts_at {
        return Err(RuleError::DebateNotHeldYet {
            debate: code.clone(),
            starts_at: d.starts_at.to_string(),
        });
    }
    if let Some(url) = recording {
        text("recording", url, MAX_TEXT)?;
    }
    let mut next = d.clone();
    for mark in attendance {
        let member = existing_member(state, &mark.iin)?;
        let seat = next
            .participants
            .iter_mut()
            .find(|s| s.member == member.id)
            .ok_or_else(|| RuleError::NotDebater {
                name: member.full_name.clone(),
                debate: code.clone(),
            })?;
        seat.attendance = Some(mark.attendance);
    }
    if recording.is_some() {
        next.recording = recording.clone();
    }
    Ok(vec![Change::PutDebate(next)])
}

fn poll_options(
    state: &Snapshot,
    c: &Code,
    target: Option<&Code>,
    whole_ballot: bool,
    specs: &[OptionSpec],
) -> Result<Vec<PollOption>, RuleError> {
    if specs.is_empty() || specs.len() > MAX_OPTIONS {
        return Err(RuleError::OptionCount {
            max: MAX_OPTIONS,
            given: specs.len(),
        });
    }
    let mut codes = HashSet::new();
    let mut out = Vec::new();
    for spec in specs {
        text("options.code", &spec.code, 40)?;
        text("options.label", &spec.label, MAX_NAME)?;
        if !codes.insert(spec.code.as_str()) {
            return Err(RuleError::OptionTwice {
                option: spec.code.to_string(),
            });
        }
        let member = match (&spec.candidate, target) {
            (Some(iin), Some(t)) => {
                let x = candidacy_of(state, c, t, iin)?;
                if x.status != CandidacyStatus::Registered {
                    return Err(RuleError::OptionNotRegistered {
                        option: spec.code.to_string(),
                        status: Term::new("candidacy_status", x.status.as_str()),
                    });
                }
                Some(x.member)
            }
            (Some(iin), None) => Some(existing_member(state, iin)?.id),
            (None, _) => None,
        };
        out.push(PollOption {
            code: spec.code.clone(),
            label: spec.label.trim().to_string(),
            member,
        });
    }
    // The members' primaries list every registered candidate; a conference's rating vote may
    // put a shortlist of them.
    if let Some(t) = target.filter(|_| whole_ballot) {
        let on_ballot: HashSet<i64> = out.iter().filter_map(|o| o.member).collect();
        let missing: Vec<u32> = state
            .candidacies
            .range((c.clone(), t.clone(), i64::MIN)..=(c.clone(), t.clone(), i64::MAX))
            .map(|(_, x)| x)
            .filter(|x| x.status == CandidacyStatus::Registered && !on_ballot.contains(&x.member))
            .map(|x| x.number)
            .collect();
        if !missing.is_empty() {
            return Err(RuleError::CandidatesMissing {
                target: t.clone(),
                numbers: missing.to_vec(),
            });
        }
    }
    Ok(out)
}

fn freeze_roll(
    state: &Snapshot,
    envelope: &Envelope,
    code: &Code,
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Scheduled], "freeze_roll")?;
    if envelope.held_at < p.roll_cutoff {
        return Err(RuleError::RollBeforeCutoff {
            poll: code.clone(),
            cutoff: p.roll_cutoff.to_string(),
        });
    }
    let mut next = p.clone();
    next.status = PollStatus::RollFrozen;
    let roll = match &p.electorate {
        Electorate::Members { unit } => {
            let units = state.subtree(unit);
            next.roll_size = units
                .iter()
                .map(|u| state.active_members_by_unit.get(u).copied().unwrap_or(0))
                .sum();
            Change::FreezeMembersRoll {
                poll: code.clone(),
                units,
            }
        }
        Electorate::CheckedIn { meeting } => {
            let detail = state.details.get(meeting).ok_or_else(|| {
                RuleError::internal(format!("the attendance of {meeting} was not loaded"))
            })?;
            let m = state
                .meetings
                .get(meeting)
                .ok_or_else(|| RuleError::NoMeeting {
                    meeting: meeting.clone(),
                })?;
            let mut present: Vec<i64> = detail
                .attendance
                .values()
                .filter(|a| a.present && matches!(a.mode, Presence::Hall | Presence::Remote))
                .map(|a| a.member)
                .collect();
            present.sort_unstable();
            next.roll_size = present.len() as u64;
            Change::PutRoll(
                present
                    .into_iter()
                    .map(|member| RollEntry {
                        poll: code.clone(),
                        member,
                        unit: m.unit.clone(),
                        marked: Marked::NotYet,
                    })
                    .collect(),
            )
        }
    };
    if next.roll_size == 0 {
        return Err(RuleError::EmptyElectorate { poll: code.clone() });
    }
    next.events.push(event(
        &format!("roll frozen: {} voters", next.roll_size),
        envelope,
        "",
    ));
    Ok(vec![roll, Change::PutPoll(next)])
}

fn record_ballots(
    state: &Snapshot,
    held_at: Timestamp,
    code: &Code,
    voters: &[Iin],
    leaves: &[Hash32],
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Open], "cast_ballots")?;
    if held_at < p.opens_at || held_at > p.closes_at + FUTURE_SLACK {
        return Err(RuleError::BallotsOutsideWindow {
            poll: code.clone(),
            opens_at: p.opens_at.to_string(),
            closes_at: p.closes_at.to_string(),
            held_at: held_at.to_string(),
        });
    }
    // Older journals carry the batch's leaves beside its voters, one per voter.
    if voters.is_empty() || (!leaves.is_empty() && voters.len() != leaves.len()) {
        return Err(RuleError::BatchMismatch {
            voters: voters.len(),
            ballots: leaves.len(),
        });
    }
    if !voters.windows(2).all(|w| w[0] < w[1]) || !leaves.windows(2).all(|w| w[0] < w[1]) {
        return Err(RuleError::BatchUnsorted);
    }
    let detail = detail_of(state, code)?;
    let mut members = Vec::with_capacity(voters.len());
    for iin in voters {
        let member = existing_member(state, iin)?;
        // The same roll rule the box applies when it takes the ballot (`ballot::admit`).
        match ballot::roll_admits(detail.roll.get(&member.id).map(|r| &r.marked)) {
            Ok(()) => members.push(member.id),
            Err(ballot::NotAdmitted::NotOnRoll) => {
                return Err(RuleError::NotOnRoll {
                    iin: iin.masked(),
                    poll: code.clone(),
                });
            }
            Err(_) => {
                return Err(RuleError::AlreadyVoted {
                    iin: iin.masked(),
                    poll: code.clone(),
                });
            }
        }
    }
    members.sort_unstable();
    let mut changes = vec![Change::MarkRoll {
        poll: code.clone(),
        members,
        marked: Marked::Online,
    }];
    if !leaves.is_empty() {
        changes.push(Change::PutLeaves {
            poll: code.clone(),
            leaves: leaves.to_vec(),
        });
    }
    Ok(changes)
}

/// A checkpoint, with the group of leaves it commits: the root covers every committed leaf,
/// `ballots` counts them, `voters` is the count marked online (at least the ballots committed:
/// the rest are held back in the box until their group is committed).
fn publish_checkpoint(
    state: &Snapshot,
    checkpoint: &Checkpoint,
    leaves: &[Hash32],
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, &checkpoint.poll)?;
    status_in(
        p,
        &[PollStatus::Open, PollStatus::Paused, PollStatus::Closed],
        "publish_checkpoint",
    )?;
    let detail = detail_of(state, &p.code)?;
    let committed = detail.leaves.as_ref().ok_or_else(|| {
        RuleError::internal(format!("the ballot leaves of {} were not loaded", p.code))
    })?;
    if let Some(last) = detail.last_checkpoint
        && checkpoint.at <= last
    {
        return Err(RuleError::CheckpointNotAfter {
            poll: p.code.clone(),
            last: last.to_string(),
            at: checkpoint.at.to_string(),
        });
    }
    if !leaves.windows(2).all(|w| w[0] < w[1]) {
        return Err(RuleError::CheckpointUnsorted);
    }
    if let Some(again) = leaves.iter().find(|l| committed.contains(l)) {
        return Err(RuleError::LeafCommitted {
            leaf: again.to_string(),
            poll: p.code.clone(),
        });
    }
    let mut all: Vec<Hash32> = committed.iter().copied().collect();
    all.extend(leaves.iter().copied());
    let all = ballot::sorted_leaves(all);
    let root = ballot::merkle_root(&all);
    if checkpoint.voters != detail.marked_online
        || checkpoint.ballots != all.len() as u64
        || checkpoint.ballots > checkpoint.voters
        || checkpoint.root != root
    {
        return Err(RuleError::CheckpointMismatch {
            poll: p.code.clone(),
            voters: checkpoint.voters,
            ballots: checkpoint.ballots,
            root: checkpoint.root.to_string(),
            marked: detail.marked_online,
            committed: all.len(),
            record_root: root.to_string(),
        });
    }
    let mut changes = Vec::new();
    if !leaves.is_empty() {
        changes.push(Change::PutLeaves {
            poll: p.code.clone(),
            leaves: leaves.to_vec(),
        });
    }
    changes.push(Change::PutCheckpoint(checkpoint.clone()));
    Ok(changes)
}

fn mark_at_station(
    state: &Snapshot,
    held_at: Timestamp,
    code: &Code,
    station: &Code,
    iins: &[Iin],
    offline: bool,
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    if offline {
        // An offline list is entered after the fact, possibly after the close.
        status_in(
            p,
            &[PollStatus::Open, PollStatus::Paused, PollStatus::Closed],
            "reconcile_station",
        )?;
    } else {
        status_in(p, &[PollStatus::Open], "mark_station_voters")?;
        if held_at < p.opens_at || held_at > p.closes_at {
            return Err(RuleError::StationOutsideWindow {
                poll: code.clone(),
                opens_at: p.opens_at.to_string(),
                closes_at: p.closes_at.to_string(),
                held_at: held_at.to_string(),
            });
        }
    }
    if iins.is_empty() {
        return Err(RuleError::Empty { field: "iins" });
    }
    let detail = detail_of(state, code)?;
    let mut marked = Vec::new();
    let mut changes = Vec::new();
    let mut seen = HashSet::new();
    for iin in iins {
        let member = existing_member(state, iin)?;
        if !seen.insert(member.id) {
            return Err(RuleError::ListedTwice { iin: iin.masked() });
        }
        let already = match detail.roll.get(&member.id).map(|r| &r.marked) {
            None => {
                return Err(RuleError::StationNotOnRoll {
                    name: member.full_name.clone(),
                    iin: iin.masked(),
                    poll: code.clone(),
                });
            }
            Some(Marked::NotYet) => None,
            Some(Marked::Online) => Some("online".to_string()),
            Some(Marked::Station(s)) => Some(format!("at station {s}")),
        };
        match (already, offline) {
            (None, _) => marked.push(member.id),
            (Some(_), false) => {
                let station = match detail.roll.get(&member.id).map(|r| &r.marked) {
                    Some(Marked::Station(s)) => s.to_string(),
                    _ => "online".to_string(),
                };
                return Err(RuleError::StationAlreadyVoted {
                    name: member.full_name.clone(),
                    poll: code.clone(),
                    station,
                });
            }
            (Some(where_), true) => changes.push(Change::PutStationConflict(StationConflict {
                poll: code.clone(),
                station: station.clone(),
                member: member.id,
                already: where_,
            })),
        }
    }
    marked.sort_unstable();
    if !marked.is_empty() {
        changes.insert(
            0,
            Change::MarkRoll {
                poll: code.clone(),
                members: marked,
                marked: Marked::Station(station.clone()),
            },
        );
    }
    Ok(changes)
}

fn seal(state: &Snapshot, code: &Code, ballots: &[SealedBallot]) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Closed], "seal_ballots")?;
    let detail = detail_of(state, code)?;
    let (Some(leaves), Some(sealed)) = (&detail.leaves, &detail.sealed) else {
        return Err(RuleError::internal(format!(
            "the ballot box of {code} was not loaded"
        )));
    };
    if ballots.is_empty() {
        return Err(RuleError::Empty { field: "ballots" });
    }
    if !ballots.windows(2).all(|w| w[0].tracker < w[1].tracker) {
        return Err(RuleError::SealedUnsorted);
    }
    let already: HashSet<Hash32> = sealed.iter().map(|b| b.tracker).collect();
    let codes = p.option_codes();
    for (n, b) in ballots.iter().enumerate() {
        if already.contains(&b.tracker) {
            return Err(RuleError::BallotAlreadySealed {
                ballot: n + 1,
                tracker: b.tracker.to_string(),
            });
        }
        let hash = ballot::ballot_hash(code, &b.tracker, &b.content, &b.opening);
        if !leaves.contains(&ballot::leaf(&b.tracker, &hash)) {
            return Err(RuleError::BallotNotRecorded {
                ballot: n + 1,
                tracker: b.tracker.to_string(),
            });
        }
        ballot::validate(&b.content, &codes, p.method).map_err(|e| {
            RuleError::SealedBallotInvalid {
                ballot: n + 1,
                tracker: b.tracker.to_string(),
                problem: e,
            }
        })?;
    }
    Ok(vec![Change::PutSealed {
        poll: code.clone(),
        ballots: ballots.to_vec(),
    }])
}

fn count_poll(
    state: &Snapshot,
    envelope: &Envelope,
    code: &Code,
    lot_seed: Option<&str>,
    youth_age_limit: u16,
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Closed], "count")?;
    let detail = detail_of(state, code)?;
    let (Some(leaves), Some(sealed)) = (&detail.leaves, &detail.sealed) else {
        return Err(RuleError::internal(format!(
            "the ballot box of {code} was not loaded"
        )));
    };
    if sealed.len() != leaves.len() || leaves.len() as u64 != detail.marked_online {
        return Err(RuleError::NotAllSealed {
            poll: code.clone(),
            marked: detail.marked_online,
            recorded: leaves.len(),
            sealed: sealed.len(),
        });
    }
    let tie = match (&p.lot_seed_hash, lot_seed) {
        (Some(hash), Some(seed)) => {
            let digest: [u8; 32] = Sha256::digest(seed.as_bytes()).into();
            if Hash32(digest) != *hash {
                return Err(RuleError::SeedMismatch {
                    poll: code.clone(),
                    hash: hash.to_string(),
                });
            }
            TieBreak::lot(seed.as_bytes().to_vec())
        }
        (Some(hash), None) => {
            return Err(RuleError::SeedNeeded {
                poll: code.clone(),
                hash: hash.to_string(),
            });
        }
        (None, Some(_)) => {
            return Err(RuleError::SeedNotCommitted { poll: code.clone() });
        }
        (None, None) => TieBreak::CandidateOrder,
    };
    // A candidate who withdrew after the ballot was made is struck from every ballot; votes
    // for them alone on a station's count become void (counted as spoiled).
    let struck: HashSet<String> = match &p.target {
        Some(t) => p
            .options
            .iter()
            .filter(|o| {
                o.member.is_some_and(|m| {
                    state
                        .candidacies
                        .get(&(p.campaign.clone(), t.clone(), m))
                        .is_some_and(|x| x.status == CandidacyStatus::Withdrawn)
                })
            })
            .map(|o| o.code.clone())
            .collect(),
        None => HashSet::new(),
    };
    let strike = |content: &BallotContent| {
        BallotContent(
            content
                .0
                .iter()
                .map(|g| {
                    g.iter()
                        .filter(|c| !struck.contains(*c))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .filter(|g| !g.is_empty())
                .collect(),
        )
    };
    let codes: Vec<String> = p
        .option_codes()
        .into_iter()
        .filter(|c| !struck.contains(c))
        .collect();
    let stations: Vec<StationCounts> = detail
        .returns
        .iter()
        .filter(|r| !r.per_option.is_empty() || r.spoiled > 0)
        .map(|r| StationCounts {
            per_option: r
                .per_option
                .iter()
                .filter(|(c, _)| !struck.contains(*c))
                .map(|(c, n)| (c.clone(), *n))
                .collect(),
            spoiled: r.spoiled
                + r.per_option
                    .iter()
                    .filter(|(c, _)| struck.contains(*c))
                    .map(|(_, n)| *n)
                    .sum::<u64>(),
        })
        .collect();
    let electronic: Vec<BallotContent> = sealed.iter().map(|b| strike(&b.content)).collect();
    let paper: Vec<BallotContent> = detail
        .returns
        .iter()
        .flat_map(|r| &r.ballots)
        .map(strike)
        .collect();
    let outcome = ballot::count_ballots(
        &codes,
        p.method,
        p.seats as usize,
        electronic.iter(),
        paper.iter(),
        &stations,
        tie,
    )
    .map_err(|problem| RuleError::CannotCount {
        poll: code.clone(),
        problem,
    })?;
    let ratings = if p.target.is_some() {
        let campaign = campaign(state, &p.campaign)?;
        let mut candidates = Vec::new();
        for o in p.options.iter().filter(|o| !struck.contains(&o.code)) {
            let Some(member_id) = o.member else { continue };
            let member = state
                .members
                .values()
                .find(|m| m.id == member_id)
                .ok_or_else(|| {
                    RuleError::internal(format!("candidate {} was not loaded", o.code))
                })?;
            let (refusals, absences) = debate_record(state, member_id);
            candidates.push(RatedCandidate {
                option: o.code.clone(),
                member: member_id,
                full_name: member.full_name.clone(),
                sex: member.iin.sex(),
                birth_date: member.iin.birth_date(),
                debate_refusals: refusals,
                debate_absences: absences,
            });
        }
        let r = primaries::ratings(
            &outcome,
            &candidates,
            campaign.election_day,
            youth_age_limit,
        )
        .map_err(|problem| RuleError::RatingsFailed {
            poll: code.clone(),
            problem,
        })?;
        serde_json::to_string(&r).unwrap_or_default()
    } else {
        String::new()
    };
    let paper_count = detail
        .returns
        .iter()
        .map(|r| r.ballots.len() as u64 + r.spoiled + r.per_option.values().sum::<u64>())
        .sum();
    let mut next = p.clone();
    next.status = PollStatus::Counted;
    next.struck = p
        .option_codes()
        .into_iter()
        .filter(|c| struck.contains(c))
        .collect();
    next.events.push(event("counted", envelope, ""));
    Ok(vec![
        Change::PutResult(PollResult {
            poll: code.clone(),
            outcome: serde_json::to_string(&outcome).unwrap_or_default(),
            ratings,
            electronic: sealed.len() as u64,
            paper: paper_count,
        }),
        Change::PutPoll(next),
    ])
}

/// Debates a member refused and missed, over every debate of the record.
pub fn debate_record(state: &Snapshot, member: i64) -> (u32, u32) {
    let mut refused = 0;
    let mut absent = 0;
    for seat in state
        .debates
        .values()
        .flat_map(|d| &d.participants)
        .filter(|s| s.member == member)
    {
        match seat.attendance {
            Some(DebateAttendance::Refused) => refused += 1,
            Some(DebateAttendance::Absent) => absent += 1,
            _ => {}
        }
    }
    (refused, absent)
}

/// Members whose phone is locked: on a frozen roll of a poll not yet closed.
pub(super) fn phone_locked_by(state: &Snapshot, member: i64) -> Option<&Code> {
    state.rolls_of_member.get(&member).and_then(|polls| {
        polls.iter().find(|code| {
            state.polls.get(*code).is_some_and(|p| {
                matches!(
                    p.status,
                    PollStatus::RollFrozen | PollStatus::Open | PollStatus::Paused
                )
            })
        })
    })
}
