//! The commands of meetings and conferences: convening, delegates, registration, the sitting and its votes.

use crate::iin::Iin;
use crate::meeting::model::{Motion, Presence, Stream, Tally};
use crate::meeting::{DecisionRule, QuorumRule, RepresentationNorm};
use crate::model::Code;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Convenes a meeting or conference (its kind follows from its unit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConveneMeeting {
    pub code: Code,
    pub campaign: Code,
    pub unit: Code,
    pub phase: Code,
    #[serde(default)]
    pub extraordinary: bool,
    /// The decision that convened it (body, number, date).
    pub convened_by: String,
    pub scheduled_at: Timestamp,
    pub venue: String,
    /// Seats in the hall; 0 or absent means no limit.
    #[serde(default)]
    pub capacity: u32,
    #[serde(default)]
    pub streams: Vec<Stream>,
    #[serde(default)]
    pub quorum: QuorumRule,
    #[serde(default)]
    pub entry_deadline: Option<Timestamp>,
    /// The failed meeting this one re-runs.
    #[serde(default)]
    pub rerun_of: Option<Code>,
}

/// Sets the time by which a meeting's protocol must be entered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetEntryDeadline {
    pub meeting: Code,
    pub deadline: Timestamp,
    pub reason: String,
}

/// Sets how a kind of motion is decided in a campaign, for every kind of meeting or for one
/// (rules version 2): `put_to_vote` may choose that rule or a stricter one, never a weaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetDecisionRule {
    pub campaign: Code,
    #[serde(default)]
    pub meeting_kind: Option<crate::meeting::model::MeetingKind>,
    pub motion: crate::meeting::model::MotionKind,
    pub rule: DecisionRule,
    /// The decision that set it (body, number, date).
    pub decided_by: String,
}

/// Attaches the hand-signed scan of a closed (or failed) meeting's minutes: its hash, type and
/// size. Only an entry point that stores the file with it submits this (`mandat
/// signed-minutes`); a later scan replaces the earlier, the journal keeping both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachSignedMinutes {
    pub meeting: Code,
    pub sha256: String,
    pub media_type: String,
    pub size: u64,
}

/// Sets how many delegates each unit below `conference_unit` sends to its conference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetRepresentation {
    pub campaign: Code,
    pub conference_unit: Code,
    pub norm: RepresentationNorm,
}

/// Starts registration: the electorate is frozen (a PPO's active members, or the delegates elected to a conference).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenRegistration {
    pub meeting: Code,
}

/// A participant arrives, in the hall or remote; identified by IIN, or by mandate number
/// with the card's generation from its QR code (`card`), or without it after the desk checked an ID.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckIn {
    pub meeting: Code,
    #[serde(default)]
    pub iin: Option<Iin>,
    #[serde(default)]
    pub mandate: Option<u32>,
    #[serde(default)]
    pub card: Option<u32>,
    pub mode: Presence,
}

/// A registration sheet entered in one go (a paper sheet typed in, or a desk that worked
/// offline): everyone on it is checked in, as at their own `check_in`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordAttendance {
    pub meeting: Code,
    #[serde(default)]
    pub hall: Vec<Iin>,
    #[serde(default)]
    pub remote: Vec<Iin>,
}

/// A participant leaves the meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckOut {
    pub meeting: Code,
    #[serde(default)]
    pub iin: Option<Iin>,
    #[serde(default)]
    pub mandate: Option<u32>,
}

/// A lost card is replaced: the old card (and its QR code) stops working.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReissueCard {
    pub meeting: Code,
    pub mandate: u32,
    pub reason: String,
}

/// A delegate who cannot attend is replaced where the party's rules allow, by a recorded decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplaceDelegate {
    pub campaign: Code,
    pub conference_unit: Code,
    pub delegate: Iin,
    pub replacement: Iin,
    pub decision: String,
}

/// The credentials commission's report on those registered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportCredentials {
    pub meeting: Code,
    pub text: String,
}

/// Renews the hall's secret links (the projector view and the kiosk): the earlier links stop
/// working. Nothing secret is journaled: the links are derived from the site secret and the
/// meeting's link generation, which this raises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenewProjectorLink {
    pub meeting: Code,
}

/// Opens the meeting, once a quorum is checked in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenMeeting {
    pub meeting: Code,
}

/// Records that the meeting could not be held (no quorum); a re-run is convened separately.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailMeeting {
    pub meeting: Code,
    pub reason: String,
    /// Why (required under rules version 2): `no_quorum`, refused when a quorum is checked in,
    /// or `other`, whose minutes give the reason alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<crate::meeting::model::FailureCause>,
}

/// Puts a motion to an open vote (presidium, agenda, delegates, a resolution, a party list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PutToVote {
    pub meeting: Code,
    pub vote: u32,
    #[serde(flatten)]
    pub motion: Motion,
    /// Absent: the rule set for this kind of motion (majority of those present by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<DecisionRule>,
    /// The agenda item (from 1) the motion decides; absent for a procedural vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
}

/// Records who spoke on an agenda item (the minutes' СЛУШАЛИ), in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordSpeaker {
    pub meeting: Code,
    /// The agenda item, from 1.
    pub item: u32,
    pub name: String,
    pub role: String,
    pub topic: String,
    /// The speaking time given, in seconds (the console's countdown); absent: none was set,
    /// which is how every speech recorded before it existed reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_s: Option<u32>,
}

/// A remote participant confirms presence for a vote (and so counts as present for it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmPresence {
    pub meeting: Code,
    pub vote: u32,
    #[serde(default)]
    pub iin: Option<Iin>,
    #[serde(default)]
    pub mandate: Option<u32>,
}

/// A vote recorded by name: a remote participant voting in the system, or a roll call in the hall.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CastNamedVote {
    pub meeting: Code,
    pub vote: u32,
    #[serde(default)]
    pub iin: Option<Iin>,
    #[serde(default)]
    pub mandate: Option<u32>,
    pub choice: crate::meeting::model::Choice,
}

/// The counting commission's count of the hall; again, with a reason, for a recount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountVote {
    pub meeting: Code,
    pub vote: u32,
    pub hall: Tally,
    #[serde(default)]
    pub recount_reason: Option<String>,
}

/// Cancels an open vote, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CancelVote {
    pub meeting: Code,
    pub vote: u32,
    pub reason: String,
}

/// Closes the meeting: its protocol is complete.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CloseMeeting {
    pub meeting: Code,
    /// The protocol's number as the secretary writes it; absent: the next of the unit's
    /// protocols that year (rules version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol_number: Option<String>,
}

/// An organizer lets the conference above open without this unit's meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExcuseUnit {
    pub campaign: Code,
    pub unit: Code,
    pub reason: String,
}
