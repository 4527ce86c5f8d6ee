//! The records of a meeting: the meeting itself, its mandates, attendance, votes, and the delegates it elects.

use super::norms::RepresentationNorm;
use super::open_vote::{DecisionRule, Verdict};
use super::quorum::QuorumRule;
use crate::iin::Iin;
use crate::model::{Code, UnitKind};
use crate::rules::RulesVersion;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The rung of the ladder a meeting stands on; it follows from the kind of its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// A primary party organization's meeting: its electorate is the PPO's active members.
    PpoMeeting,
    /// A district or city branch conference: its electorate is the delegates the PPOs elected.
    BranchConference,
    /// The regional conference: its electorate is the delegates the branch conferences elected.
    RegionalConference,
    /// The party congress at the central office (rules version 2): its electorate is the
    /// delegates the regional conferences elected; it approves the national party list.
    Congress,
}

impl MeetingKind {
    pub fn for_unit(kind: UnitKind) -> Option<MeetingKind> {
        match kind {
            UnitKind::Primary => Some(MeetingKind::PpoMeeting),
            UnitKind::District | UnitKind::City => Some(MeetingKind::BranchConference),
            UnitKind::Region => Some(MeetingKind::RegionalConference),
            UnitKind::Central => Some(MeetingKind::Congress),
        }
    }

    /// The kind of meeting a unit holds under `rules`: the congress came with the charter's
    /// rules (version 2); before them the central office held no meeting.
    pub fn for_unit_under(kind: UnitKind, rules: RulesVersion) -> Option<MeetingKind> {
        MeetingKind::for_unit(kind).filter(|k| *k != MeetingKind::Congress || rules.charter())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::PpoMeeting => "ppo_meeting",
            MeetingKind::BranchConference => "branch_conference",
            MeetingKind::RegionalConference => "regional_conference",
            MeetingKind::Congress => "congress",
        }
    }

    pub fn parse(text: &str) -> Option<MeetingKind> {
        match text {
            "ppo_meeting" => Some(MeetingKind::PpoMeeting),
            "branch_conference" => Some(MeetingKind::BranchConference),
            "regional_conference" => Some(MeetingKind::RegionalConference),
            "congress" => Some(MeetingKind::Congress),
            _ => None,
        }
    }

    /// Whether those entitled to attend are delegates with mandate cards (conferences) or members.
    pub fn has_mandates(self) -> bool {
        self != MeetingKind::PpoMeeting
    }
}

/// planned → registration → open → closed; or failed (no quorum), after which a re-run is convened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    Registration,
    Open,
    Closed,
    Failed,
}

impl MeetingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "planned",
            MeetingStatus::Registration => "registration",
            MeetingStatus::Open => "open",
            MeetingStatus::Closed => "closed",
            MeetingStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<MeetingStatus> {
        match text {
            "planned" => Some(MeetingStatus::Planned),
            "registration" => Some(MeetingStatus::Registration),
            "open" => Some(MeetingStatus::Open),
            "closed" => Some(MeetingStatus::Closed),
            "failed" => Some(MeetingStatus::Failed),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    Facebook,
    Instagram,
    Youtube,
    Other,
}

/// A livestream of the meeting (conferences are broadcast on the party's pages).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stream {
    pub platform: Platform,
    pub url: String,
}

/// What the credentials (mandate) commission reported when registration closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialsReport {
    pub electorate: u32,
    pub in_hall: u32,
    pub remote: u32,
    /// The commission's own words (e.g. "two mandates transferred by decision of the branch bureau").
    pub text: String,
}

/// A meeting or conference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub code: Code,
    pub campaign: Code,
    pub unit: Code,
    pub kind: MeetingKind,
    pub extraordinary: bool,
    /// The decision that convened it (body, number, date).
    pub convened_by: String,
    /// The campaign phase whose window it must be held in.
    pub phase: Code,
    pub scheduled_at: Timestamp,
    pub venue: String,
    /// Seats in the hall (a sanitary limit); 0 means no limit.
    pub capacity: u32,
    pub streams: Vec<Stream>,
    pub quorum: QuorumRule,
    /// Protocols of this meeting may be entered until then; `None`: three days after the phase ends.
    pub entry_deadline: Option<Timestamp>,
    /// The failed meeting this one re-runs.
    pub rerun_of: Option<Code>,
    pub status: MeetingStatus,
    /// Those entitled to attend, frozen when registration opened.
    pub electorate: u32,
    /// When it was opened (held), as the protocol says.
    pub opened_at: Option<Timestamp>,
    /// When it was closed or recorded as failed.
    pub closed_at: Option<Timestamp>,
    /// The journal number of the command that closed it: its entry is the minutes' anchor.
    pub closed_seq: Option<i64>,
    /// Why it failed, in an English sentence (the reason given, then the quorum numbers), as
    /// recorded since the first version; shown only when `failed` is absent.
    pub failure: Option<String>,
    /// Why it failed, as data: put in words in the reader's language. `None` for a meeting that
    /// did not fail, or that failed before failures were typed.
    pub failed: Option<Failure>,
    /// Member ids of the chair, the secretary and the counting commission, once elected.
    pub chair: Option<i64>,
    pub secretary: Option<i64>,
    pub counting_commission: Vec<i64>,
    pub agenda: Vec<String>,
    pub credentials: Option<CredentialsReport>,
    /// Who spoke on each agenda item, in order (rules version 2).
    pub speakers: Vec<Speaker>,
    /// The protocol's number: typed by the secretary at the close, or the next of the unit's
    /// protocols in that year (rules version 2; `None` before).
    pub protocol_number: Option<String>,
    /// The generation of the hall's secret links (projector and kiosk): derived from it, never
    /// stored; `renew_projector_link` raises it, and the earlier links stop working.
    pub projector_generation: u32,
}

/// The hand-signed scan of a meeting's minutes: its SHA-256 is journaled, the file is kept
/// beside the record (`attach_signed_minutes`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedMinutes {
    pub meeting: Code,
    /// Lowercase hex of the file's SHA-256.
    pub sha256: String,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub media_type: String,
    pub size: u64,
    pub attached_at: Timestamp,
}

/// The file types a signed scan may be.
pub const SCAN_MEDIA_TYPES: &[&str] = &["application/pdf", "image/jpeg", "image/png"];
/// The largest signed scan accepted (25 MiB: a few pages scanned at 300 dpi).
pub const MAX_SCAN_BYTES: u64 = 25 * 1024 * 1024;

/// One speech on an agenda item, as the minutes record it (СЛУШАЛИ).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The agenda item, from 1.
    pub item: u32,
    pub name: String,
    /// Who they are (a delegate, the branch's first secretary, a guest).
    pub role: String,
    /// What they spoke about.
    pub topic: String,
    pub at: Timestamp,
    /// The speaking time given, in seconds; absent when none was set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_s: Option<u32>,
}

/// A numbered mandate of a conference, held by one delegate; `card` counts reissues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mandate {
    pub meeting: Code,
    pub number: u32,
    pub member: i64,
    /// The card's generation: a reissued card has a higher one and the older QR codes stop working.
    pub card: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Hall,
    Remote,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Hall => "hall",
            Presence::Remote => "remote",
        }
    }

    pub fn parse(text: &str) -> Option<Presence> {
        match text {
            "hall" => Some(Presence::Hall),
            "remote" => Some(Presence::Remote),
            _ => None,
        }
    }
}

/// One participant's attendance: checked in (in the hall or remote) or checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub meeting: Code,
    pub member: i64,
    pub mode: Presence,
    pub present: bool,
    /// When they last checked in or out.
    pub since: Timestamp,
}

/// What a motion does when adopted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "motion")]
pub enum Motion {
    /// Approve the credentials commission's report.
    Credentials,
    /// Elect the chair, the secretary and the counting commission.
    Presidium {
        chair: Iin,
        secretary: Iin,
        counting_commission: Vec<Iin>,
    },
    Agenda {
        items: Vec<String>,
    },
    /// Elect delegates to the conference of the unit above (a slate, or one candidate).
    Delegates {
        candidates: Vec<Iin>,
    },
    /// Approve a target's party list as it stands at `revision` (the one the delegates were shown).
    PartyList {
        target: Code,
        revision: u32,
    },
    /// Any other decision, in its own words.
    Resolution {
        text: String,
    },
}

/// The kinds of motion, for the decision rules an organizer sets for each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MotionKind {
    Credentials,
    Presidium,
    Agenda,
    Delegates,
    PartyList,
    Resolution,
}

impl MotionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MotionKind::Credentials => "credentials",
            MotionKind::Presidium => "presidium",
            MotionKind::Agenda => "agenda",
            MotionKind::Delegates => "delegates",
            MotionKind::PartyList => "party_list",
            MotionKind::Resolution => "resolution",
        }
    }

    pub fn parse(text: &str) -> Option<MotionKind> {
        [
            MotionKind::Credentials,
            MotionKind::Presidium,
            MotionKind::Agenda,
            MotionKind::Delegates,
            MotionKind::PartyList,
            MotionKind::Resolution,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// The rule an organizer set for a kind of motion in a campaign (rules version 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetRule {
    pub campaign: Code,
    /// `None`: every kind of meeting of the campaign; a kind's own rule overrides it.
    pub meeting_kind: Option<MeetingKind>,
    pub motion: MotionKind,
    pub rule: DecisionRule,
    /// The decision that set it (body, number, date).
    pub decided_by: String,
}

impl Motion {
    pub fn motion_kind(&self) -> MotionKind {
        match self {
            Motion::Credentials => MotionKind::Credentials,
            Motion::Presidium { .. } => MotionKind::Presidium,
            Motion::Agenda { .. } => MotionKind::Agenda,
            Motion::Delegates { .. } => MotionKind::Delegates,
            Motion::PartyList { .. } => MotionKind::PartyList,
            Motion::Resolution { .. } => MotionKind::Resolution,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Motion::Credentials => "credentials",
            Motion::Presidium { .. } => "presidium",
            Motion::Agenda { .. } => "agenda",
            Motion::Delegates { .. } => "delegates",
            Motion::PartyList { .. } => "party_list",
            Motion::Resolution { .. } => "resolution",
        }
    }

    /// The IINs the motion names (so that the store loads those members before deciding).
    pub fn people(&self) -> Vec<&Iin> {
        match self {
            Motion::Presidium {
                chair,
                secretary,
                counting_commission,
            } => [chair, secretary]
                .into_iter()
                .chain(counting_commission)
                .collect(),
            Motion::Delegates { candidates } => candidates.iter().collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteStatus {
    /// Put to the vote: remote participants confirm and vote; the hall count is awaited.
    Open,
    Counted,
    /// Withdrawn before it was counted (e.g. presence fell below quorum).
    Cancelled,
}

impl VoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteStatus::Open => "open",
            VoteStatus::Counted => "counted",
            VoteStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<VoteStatus> {
        match text {
            "open" => Some(VoteStatus::Open),
            "counted" => Some(VoteStatus::Counted),
            "cancelled" => Some(VoteStatus::Cancelled),
            _ => None,
        }
    }
}

/// Votes for, against and abstaining.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tally {
    #[serde(rename = "for")]
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

impl Tally {
    pub fn total(&self) -> u64 {
        u64::from(self.for_) + u64::from(self.against) + u64::from(self.abstain)
    }
}

/// An open vote on one motion. The numbers present are taken when it is put to the vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    pub meeting: Code,
    pub number: u32,
    pub motion: Motion,
    /// Member ids of the people the motion names, in the order of [`Motion::people`]; for a
    /// party list, its candidates in list order as put to the vote.
    pub people: Vec<i64>,
    pub rule: DecisionRule,
    pub status: VoteStatus,
    /// In the hall when it was put to the vote.
    pub present_hall: u32,
    /// Remote participants who confirmed their presence for this vote.
    pub present_remote: u32,
    /// The counting commission's count of the hall.
    pub hall: Tally,
    /// Votes recorded by name: remote participants voting in the system, and roll-call votes in the hall.
    pub named: Tally,
    /// How many of the named votes were cast in the hall (roll call): the hall count excludes them.
    pub named_hall: u32,
    /// 0 until counted; 2 and more after recounts.
    pub counts: u32,
    pub verdict: Option<Verdict>,
    pub opened_at: Timestamp,
    /// The agenda item it decides (rules version 2; `None`: a procedural vote).
    pub item: Option<u32>,
    /// When the counting commission's latest count was taken (rules version 2; `None` before).
    pub counted_at: Option<Timestamp>,
}

impl Vote {
    pub fn present(&self) -> u32 {
        self.present_hall.saturating_add(self.present_remote)
    }
}

/// A named mark in a vote: a remote participant's confirmation (and vote), or a roll-call vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VoteMark {
    pub meeting: Code,
    pub vote: u32,
    pub member: i64,
    /// `None`: confirmed presence, not voted yet.
    pub choice: Option<Choice>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    For,
    Against,
    Abstain,
}

impl Choice {
    pub fn as_str(self) -> &'static str {
        match self {
            Choice::For => "for",
            Choice::Against => "against",
            Choice::Abstain => "abstain",
        }
    }

    pub fn parse(text: &str) -> Option<Choice> {
        match text {
            "for" => Some(Choice::For),
            "against" => Some(Choice::Against),
            "abstain" => Some(Choice::Abstain),
            _ => None,
        }
    }
}

/// How the delegates to one conference are shared among the units below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Representation {
    pub campaign: Code,
    /// The unit whose conference the delegates go to.
    pub conference_unit: Code,
    pub norm: RepresentationNorm,
}

/// The delegates one unit sends to the conference above, fixed when the norm was set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allotment {
    pub campaign: Code,
    pub unit: Code,
    pub conference_unit: Code,
    pub members: u64,
    pub seats: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelegateStatus {
    Elected,
    /// Replaced by another member under the party's rules (the replacement is a delegate of its own).
    Replaced,
}

/// A delegate elected by a meeting to the conference of the unit above.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delegate {
    pub campaign: Code,
    pub conference_unit: Code,
    pub member: i64,
    pub from_unit: Code,
    pub from_meeting: Code,
    /// The vote that elected them; 0 for a replacement.
    pub vote: u32,
    pub status: DelegateStatus,
    /// Why they were replaced, or whom they replaced.
    pub note: String,
}

/// An organizer's recorded exception: the conference above may open without this unit's meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excusal {
    pub campaign: Code,
    pub unit: Code,
    pub reason: String,
}

/// Why a meeting failed: the reason given and, when registration was open, how far the
/// attendance fell short of the quorum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub reason: String,
    pub quorum: Option<QuorumShortfall>,
    /// Why, as the secretary recorded it (rules version 2); `None` before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<FailureCause>,
}

/// Why a meeting could not be held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureCause {
    /// Too few of those entitled checked in: the numbers are recorded.
    NoQuorum,
    /// Another reason, in the secretary's words (a sanitary closure, the venue unavailable).
    Other,
}

/// Present against the quorum when a meeting was recorded as failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumShortfall {
    pub present: u32,
    pub electorate: u32,
    pub needed: u32,
}
