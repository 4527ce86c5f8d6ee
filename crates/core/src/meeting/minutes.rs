//! What the minutes (протокол) of a meeting state, assembled from its records; rendering is in `minutes_text`.

use super::model::{
    Failure, Meeting, MeetingKind, MeetingStatus, Motion, Stream, Vote, VoteStatus,
};
use super::open_vote::{DecisionRule, OpenVoteCount, Verdict};
use super::quorum::{QuorumRule, minimum_present};
use crate::model::{Campaign, UnitNames};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use std::collections::HashMap;

/// A person as the minutes name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    pub full_name: String,
    /// The unit they come from (their PPO, or the unit that elected them as a delegate).
    pub unit: UnitNames,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinutesVote {
    pub number: u32,
    /// `credentials`, `presidium`, `agenda`, `delegates`, `party_list`, `resolution`.
    pub motion_kind: &'static str,
    /// What was put to the vote, in the words entered (agenda items, resolution text) or built
    /// from names (presidium, delegates).
    pub subject: Vec<String>,
    pub rule: DecisionRule,
    pub present: u32,
    pub present_remote: u32,
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
    /// 1 for a first count; 2 and more after recounts.
    pub counts: u32,
    /// `None`: put to the vote but never counted (the minutes say so).
    pub verdict: Option<Verdict>,
    /// The fewest votes for that would have adopted it.
    pub votes_needed: u64,
    /// The agenda item it decided (`None`: a procedural vote).
    pub item: Option<u32>,
}

/// One agenda item as the minutes give it: the classic СЛУШАЛИ (who spoke) and ПОСТАНОВИЛИ
/// (the votes that decided it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinutesItem {
    pub number: u32,
    pub text: String,
    pub speakers: Vec<super::model::Speaker>,
    /// Numbers of the votes on this item, in order.
    pub decided_by: Vec<u32>,
}

/// A debate of candidates held in the meeting's unit on the day of the meeting (before its
/// rating vote), as the minutes give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinutesDebate {
    pub target: String,
    pub starts_local: String,
    /// Each participant's name and attendance (`took_part`, `refused`, `absent`, `accepted`;
    /// `None` when nothing was recorded).
    pub participants: Vec<(String, Option<crate::poll::DebateAttendance>)>,
    pub recording: Option<String>,
}

/// The signed scan as the minutes mention it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignedScan {
    pub sha256: String,
    pub media_type: String,
    pub size: u64,
    pub attached_local: String,
}

/// Everything one meeting's minutes show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Minutes {
    /// The party and campaign (the campaign's name).
    pub campaign_name: String,
    pub meeting_code: String,
    pub unit: UnitNames,
    pub kind: MeetingKind,
    pub extraordinary: bool,
    pub status: MeetingStatus,
    pub convened_by: String,
    /// Local date and time it was opened (or scheduled, if it never opened), in the campaign's zone,
    /// e.g. `2020-11-07 10:00`, and the zone's name.
    pub held_local: String,
    pub time_zone: String,
    /// When the protocol was recorded, local, if on a later day than it was held (a paper protocol
    /// typed in afterwards): both dates are shown.
    pub recorded_local: Option<String>,
    pub venue: String,
    pub streams: Vec<Stream>,
    pub electorate: u32,
    pub in_hall: u32,
    pub remote: u32,
    pub credentials_text: Option<String>,
    pub quorum_rule: QuorumRule,
    pub quorum_minimum: u32,
    pub quorum_met: bool,
    /// Why it failed, in the English sentence recorded before failures were typed.
    pub failure: Option<String>,
    /// Why it failed, as data (see [`Meeting::failed`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<Failure>,
    pub chair: Option<Person>,
    pub secretary: Option<Person>,
    pub counting_commission: Vec<Person>,
    pub agenda: Vec<String>,
    /// The agenda items with their speakers and decisions (rules version 2; empty before).
    pub items: Vec<MinutesItem>,
    /// The protocol's number (rules version 2; `None` before, and while it is open).
    pub protocol_number: Option<String>,
    pub votes: Vec<MinutesVote>,
    /// The hand-signed scan attached to these minutes: its SHA-256, type, size and when.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed: Option<SignedScan>,
    /// Debates held in the unit on the meeting's day (rules version 2 records them as commands).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub debates: Vec<MinutesDebate>,
    /// Delegates elected to the conference above, and its unit.
    pub delegates: Vec<Person>,
    pub delegates_to: Option<UnitNames>,
    /// The journal head (`SEQ:HASH`) at the close, or at the moment of printing if still open.
    pub anchor: String,
    pub anchor_is_close: bool,
}

/// What the minutes are assembled from: one meeting's records, with the people it names resolved.
#[derive(Clone, Debug)]
pub struct MeetingRecord<'a> {
    pub meeting: &'a Meeting,
    pub campaign: &'a Campaign,
    pub unit: &'a UnitNames,
    pub votes: Vec<&'a Vote>,
    /// Present now (hall, remote); the credentials report's numbers are preferred when there is one.
    pub present: (u32, u32),
    /// Names and units of everyone the meeting's roles and delegates name, by member id.
    pub people: &'a HashMap<i64, Person>,
    /// Delegates this meeting elected (still elected), in order.
    pub delegates: Vec<i64>,
    pub delegates_to: Option<UnitNames>,
    /// The debates of the meeting's unit and campaign; those held on its day are shown (their
    /// participants' names are in `people`).
    pub debates: Vec<&'a crate::poll::Debate>,
    /// The signed scan attached, if any.
    pub signed: Option<&'a super::model::SignedMinutes>,
    /// `SEQ:HASH` of the closing entry (or of the head, if not closed) and when it was recorded.
    pub anchor: String,
    pub anchor_recorded_at: Option<Timestamp>,
}

/// Puts a meeting's records into the shape of its minutes.
pub fn assemble(record: &MeetingRecord<'_>) -> Minutes {
    let m = record.meeting;
    let zone = record.campaign.zone().unwrap_or(TimeZone::UTC);
    let local = |t: Timestamp| {
        t.to_zoned_datetime(zone.clone())
            .datetime()
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    };
    let held = m.opened_at.unwrap_or(m.scheduled_at);
    let held_day = held.to_zoned_datetime(zone.clone()).date();
    let recorded_local = record
        .anchor_recorded_at
        .filter(|r| r.to_zoned_datetime(zone.clone()).date() > held_day)
        .map(local);
    let (in_hall, remote) = match &m.credentials {
        Some(c) => (c.in_hall, c.remote),
        None => record.present,
    };
    let person = |id: &i64| record.people.get(id).cloned();
    let minimum = minimum_present(m.quorum, m.electorate);
    let votes = record
        .votes
        .iter()
        .filter(|v| v.status != VoteStatus::Cancelled)
        .map(|v| {
            let named = |ids: &[i64]| -> Vec<String> {
                ids.iter()
                    .filter_map(|id| record.people.get(id).map(|p| p.full_name.clone()))
                    .collect()
            };
            let subject = match &v.motion {
                Motion::Credentials => Vec::new(),
                Motion::Presidium { .. } => {
                    let names = named(&v.people);
                    let mut lines: Vec<String> = names.iter().take(2).cloned().collect();
                    lines.push(names.iter().skip(2).cloned().collect::<Vec<_>>().join(", "));
                    lines
                }
                Motion::Agenda { items } => items.clone(),
                Motion::Delegates { .. } => named(&v.people),
                Motion::Resolution { text } => vec![text.clone()],
                Motion::PartyList { target, revision } => {
                    let mut lines = vec![format!("{target} ({revision})")];
                    lines.extend(
                        named(&v.people)
                            .into_iter()
                            .enumerate()
                            .map(|(i, name)| format!("{}. {name}", i + 1)),
                    );
                    lines
                }
            };
            let for_ = v.hall.for_.saturating_add(v.named.for_);
            let against = v.hall.against.saturating_add(v.named.against);
            let abstain = v.hall.abstain.saturating_add(v.named.abstain);
            let votes_needed = OpenVoteCount::new(v.present(), for_, against, abstain)
                .map(|c| v.rule.votes_needed(&c))
                .unwrap_or_default();
            MinutesVote {
                number: v.number,
                motion_kind: v.motion.kind(),
                subject,
                rule: v.rule,
                present: v.present(),
                present_remote: v.present_remote,
                for_,
                against,
                abstain,
                counts: v.counts,
                verdict: v.verdict,
                votes_needed,
                item: v.item,
            }
        })
        .collect::<Vec<MinutesVote>>();
    let items = if m.speakers.is_empty() && votes.iter().all(|v| v.item.is_none()) {
        Vec::new()
    } else {
        (1u32..)
            .zip(&m.agenda)
            .map(|(number, text)| MinutesItem {
                number,
                text: text.clone(),
                speakers: m
                    .speakers
                    .iter()
                    .filter(|s| s.item == number)
                    .cloned()
                    .collect(),
                decided_by: votes
                    .iter()
                    .filter(|v| v.item == Some(number))
                    .map(|v| v.number)
                    .collect(),
            })
            .collect()
    };
    let debates = record
        .debates
        .iter()
        .filter(|d| d.starts_at.to_zoned_datetime(zone.clone()).date() == held_day)
        .map(|d| MinutesDebate {
            target: d.target.to_string(),
            starts_local: local(d.starts_at),
            participants: d
                .participants
                .iter()
                .map(|seat| {
                    let name = record
                        .people
                        .get(&seat.member)
                        .map_or_else(|| format!("No. {}", seat.member), |p| p.full_name.clone());
                    (name, seat.attendance)
                })
                .collect(),
            recording: d.recording.clone(),
        })
        .collect();
    Minutes {
        campaign_name: record.campaign.name.clone(),
        meeting_code: m.code.to_string(),
        unit: record.unit.clone(),
        kind: m.kind,
        extraordinary: m.extraordinary,
        status: m.status,
        convened_by: m.convened_by.clone(),
        held_local: local(held),
        time_zone: record.campaign.time_zone.clone(),
        recorded_local,
        venue: m.venue.clone(),
        streams: m.streams.clone(),
        electorate: m.electorate,
        in_hall,
        remote,
        credentials_text: m.credentials.as_ref().map(|c| c.text.clone()),
        quorum_rule: m.quorum,
        quorum_minimum: minimum,
        quorum_met: m.status != MeetingStatus::Failed && in_hall + remote >= minimum,
        failure: m.failure.clone(),
        failed: m.failed.clone(),
        chair: m.chair.as_ref().and_then(person),
        secretary: m.secretary.as_ref().and_then(person),
        counting_commission: m.counting_commission.iter().filter_map(person).collect(),
        agenda: m.agenda.clone(),
        items,
        protocol_number: m.protocol_number.clone(),
        votes,
        signed: record.signed.map(|s| SignedScan {
            sha256: s.sha256.clone(),
            media_type: s.media_type.clone(),
            size: s.size,
            attached_local: local(s.attached_at),
        }),
        debates,
        delegates: record.delegates.iter().filter_map(person).collect(),
        delegates_to: record.delegates_to.clone(),
        anchor: record.anchor.clone(),
        anchor_is_close: m.closed_seq.is_some(),
    }
}
