//! The commands of the primaries: candidacies, debates, polls and their control, the ballot box, stations and the count.

use crate::ballot::{BallotContent, Checkpoint, Hash32};
use crate::count::Method;
use crate::iin::Iin;
use crate::meeting::model::Stream;
use crate::model::Code;
use crate::poll::{BoardMode, DebateAttendance, Electorate, NominatedBy, SealedBallot};
use crate::primaries::EligibilityRules;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Sets who may stand for a target (defaults by body otherwise: see docs/primaries.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetEligibility {
    pub campaign: Code,
    pub target: Code,
    #[serde(flatten)]
    pub rules: EligibilityRules,
}

/// Puts a member forward for a target; every eligibility rule the member fails is named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NominateCandidate {
    pub campaign: Code,
    pub target: Code,
    pub iin: Iin,
    pub nominated_by: NominatedBy,
    /// Years of residence the candidate declares in the target's territory.
    #[serde(default)]
    pub residency_years: u16,
    /// Whether the candidate has an unexpunged conviction (declared and checked by the committee).
    #[serde(default)]
    pub unexpunged_conviction: bool,
    /// Whether the candidate committed a corruption offence (declared and checked by the
    /// committee, rules version 2: it bars the candidate, as in 2020).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corruption_offence: bool,
    /// Where the declared record comes from: the certificate and its number and date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_source: Option<String>,
}

/// The organizing committee registers a nominated candidate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterCandidate {
    pub campaign: Code,
    pub target: Code,
    pub iin: Iin,
    pub decision: String,
}

/// The organizing committee refuses a nomination, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefuseCandidate {
    pub campaign: Code,
    pub target: Code,
    pub iin: Iin,
    pub reason: String,
}

/// A candidate withdraws (their name stays on a ballot already made and is struck at the count).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WithdrawCandidate {
    pub campaign: Code,
    pub target: Code,
    pub iin: Iin,
    pub reason: String,
}

/// Schedules a debate between registered candidates of a target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleDebate {
    pub code: Code,
    pub campaign: Code,
    pub target: Code,
    pub unit: Code,
    pub starts_at: Timestamp,
    pub participants: Vec<Iin>,
    #[serde(default)]
    pub streams: Vec<Stream>,
    /// The campaign phase it is held in (required under rules version 2: `starts_at` inside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Code>,
}

/// Records each branch's share of a list's places and the debaters it invites (`places`
/// default: the target's seats; `method` default: largest remainder; `per_place` default 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetDebateQuotas {
    pub campaign: Code,
    pub target: Code,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<crate::count::Apportionment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_place: Option<u32>,
}

/// Invites a branch's top-rated candidates of a target to the debate before its conference's
/// rating vote: as many as its quota's debaters, by the primaries rating, ties at the cut
/// included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InviteToDebate {
    pub code: Code,
    pub campaign: Code,
    pub target: Code,
    pub unit: Code,
    pub starts_at: Timestamp,
    #[serde(default)]
    pub streams: Vec<Stream>,
    /// The campaign phase it is held in (required under rules version 2: `starts_at` inside it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Code>,
}

/// An invited candidate accepts or refuses the debate, before it starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerDebateInvitation {
    pub debate: Code,
    pub iin: Iin,
    pub answer: InvitationAnswer,
    /// The candidate's letter or statement (a refusal needs one).
    #[serde(default)]
    pub statement: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationAnswer {
    Accepted,
    Refused,
}

/// Records how a debate went: each participant's attendance and the recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordDebate {
    pub debate: Code,
    #[serde(default)]
    pub recording: Option<String>,
    pub attendance: Vec<DebateMark>,
}

/// Creates a poll: its options, counting method, electorate and times.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreatePoll {
    pub code: Code,
    pub campaign: Code,
    pub title: String,
    #[serde(default)]
    pub target: Option<Code>,
    #[serde(default)]
    pub meeting: Option<Code>,
    pub options: Vec<OptionSpec>,
    pub method: Method,
    #[serde(default = "one_seat")]
    pub seats: u32,
    pub electorate: Electorate,
    pub roll_cutoff: Timestamp,
    pub opens_at: Timestamp,
    pub closes_at: Timestamp,
    #[serde(default)]
    pub board: BoardMode,
    /// SHA-256 of the seed that will break ties by lot, revealed at the count.
    #[serde(default)]
    pub lot_seed_hash: Option<Hash32>,
    /// The campaign phase the vote belongs to (rules version 2: required for a members' poll;
    /// a conference's rating vote needs none). Its window holds the vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Code>,
    /// A conference's rating vote on a debate (`invite_to_debate`): its options are exactly the
    /// candidates who took part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debate: Option<Code>,
}

/// Freezes the voter roll: the electorate as it stands now (at or after the cutoff).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FreezeRoll {
    pub poll: Code,
}

/// Opens a poll whose roll is frozen, inside its window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenPoll {
    pub poll: Code,
}

/// Pauses an open poll, with the reason.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PausePoll {
    pub poll: Code,
    pub reason: String,
}

/// Resumes a paused poll before its close.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResumePoll {
    pub poll: Code,
    pub reason: String,
}

/// Moves the close later (in 2020 the vote was extended by a day).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtendPoll {
    pub poll: Code,
    pub closes_at: Timestamp,
    pub reason: String,
}

/// Closes a poll (before the scheduled close only with a reason).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosePoll {
    pub poll: Code,
    #[serde(default)]
    pub reason: String,
}

/// Opens a closed (not yet counted) poll again until `closes_at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReopenPoll {
    pub poll: Code,
    pub closes_at: Timestamp,
    pub reason: String,
}

/// Written by the ballot box for each committed batch: who voted (sorted, never in casting
/// order). No ballot content. Journals written before the leaves were held back also carry
/// the batch's leaves here (sorted, as many as voters); the box no longer writes them, since
/// they narrowed each ballot to the voters of its batch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordBallots {
    pub poll: Code,
    pub voters: Vec<Iin>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaves: Vec<Hash32>,
}

/// A signed checkpoint: voters marked online, the ballots committed under the Merkle root.
/// `leaves` are the ballots committed with it (sorted): the box commits leaves in groups
/// held back until they cannot narrow a ballot to fewer than 50 voters (docs/ballots.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishCheckpoint {
    pub checkpoint: Checkpoint,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaves: Vec<Hash32>,
}

/// Members who voted at a polling station. Online (`offline` false) each must not have voted;
/// a station's offline list is reconciled: conflicts go to the counting commission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkAtStation {
    pub poll: Code,
    pub station: Code,
    pub iins: Vec<Iin>,
    #[serde(default)]
    pub offline: bool,
}

/// The counting commission resolves a member marked twice (online and at `station`, or at two
/// stations) by a recorded decision, before the count (rules version 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResolveStationConflict {
    pub poll: Code,
    pub station: Code,
    pub iin: Iin,
    pub outcome: crate::poll::ConflictOutcome,
    pub decision: String,
}

/// A station's paper results: counts per option (choose-one, choose-up-to-k) or ballots one by one (ranked).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnterStationReturn {
    pub poll: Code,
    pub station: Code,
    #[serde(default)]
    pub per_option: BTreeMap<String, u64>,
    #[serde(default)]
    pub spoiled: u64,
    #[serde(default)]
    pub ballots: Vec<BallotContent>,
    pub commission: String,
}

/// Part of the ballot box sealed into the journal at the close, in tracker order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SealBallots {
    pub poll: Code,
    pub ballots: Vec<SealedBallot>,
}

/// Counts a closed, sealed poll; `lot_seed` must hash to the committed `lot_seed_hash`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountPoll {
    pub poll: Code,
    #[serde(default)]
    pub lot_seed: Option<String>,
    /// Youth rating: younger than this on election day (29 in law, 35 in the party's 2020 rule).
    #[serde(default = "default_youth_age")]
    pub youth_age_limit: u16,
}

/// A debate participant's attendance as recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebateMark {
    pub iin: Iin,
    pub attendance: DebateAttendance,
}

/// An option as given in `create_poll`: a candidate (by IIN) or a plain option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionSpec {
    pub code: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<Iin>,
}

fn one_seat() -> u32 {
    1
}

fn default_youth_age() -> u16 {
    35
}
