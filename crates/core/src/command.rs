//! The command vocabulary: every change to the record is one of these, carried in an envelope with its actor and time.

use crate::ballot::{BallotContent, Checkpoint, Hash32};
use crate::count::Method;
use crate::iin::Iin;
use crate::lists::{PlacementRule, Precedence, Quota};
use crate::meeting::model::{Motion, Presence, Stream, Tally};
use crate::meeting::{DecisionRule, QuorumRule, RepresentationNorm};
use crate::model::{Body, Code, MemberStatus, UnitKind, UnitNames};
use crate::phone::Phone;
use crate::poll::{BoardMode, DebateAttendance, Electorate, NominatedBy, SealedBallot};
use crate::primaries::EligibilityRules;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One recorded command: who, when it took effect, and what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    /// Who gave the command (a staff login, `import:FILE`, `demo`).
    pub actor: String,
    /// When it took effect: a protocol typed in on 9 Nov for a meeting held on 8 Nov says 8 Nov.
    pub held_at: Timestamp,
    #[serde(flatten)]
    pub command: Command,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Command {
    CreateUnit {
        code: Code,
        kind: UnitKind,
        parent: Option<Code>,
        names: UnitNames,
    },
    RenameUnit {
        code: Code,
        names: UnitNames,
    },
    MoveUnit {
        code: Code,
        parent: Code,
        reason: String,
    },
    CloseUnit {
        code: Code,
        reason: String,
    },
    RegisterMember {
        iin: Iin,
        full_name: String,
        phone: Phone,
        unit: Code,
        joined_on: Date,
    },
    ChangeMemberPhone {
        iin: Iin,
        phone: Phone,
        reason: String,
        /// The decision of the unit above, required while the member is on a frozen voter roll.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decision: Option<String>,
    },
    TransferMember {
        iin: Iin,
        unit: Code,
        reason: String,
    },
    SetMemberStatus {
        iin: Iin,
        status: MemberStatus,
        reason: String,
    },
    CreateCampaign {
        code: Code,
        name: String,
        election_day: Date,
        #[serde(default = "default_time_zone")]
        time_zone: String,
    },
    SetPhase {
        campaign: Code,
        phase: Code,
        starts_local: DateTime,
        ends_local: DateTime,
        #[serde(default)]
        after: Vec<Code>,
        #[serde(default)]
        description: String,
    },
    RemovePhase {
        campaign: Code,
        phase: Code,
        reason: String,
    },
    SetTarget {
        campaign: Code,
        code: Code,
        body: Body,
        name: String,
        seats: u32,
        electorate_unit: Code,
    },
    RemoveTarget {
        campaign: Code,
        code: Code,
        reason: String,
    },
    /// Convenes a meeting or conference (its kind follows from its unit).
    ConveneMeeting {
        code: Code,
        campaign: Code,
        unit: Code,
        phase: Code,
        #[serde(default)]
        extraordinary: bool,
        /// The decision that convened it (body, number, date).
        convened_by: String,
        scheduled_at: Timestamp,
        venue: String,
        /// Seats in the hall; 0 or absent means no limit.
        #[serde(default)]
        capacity: u32,
        #[serde(default)]
        streams: Vec<Stream>,
        #[serde(default)]
        quorum: QuorumRule,
        #[serde(default)]
        entry_deadline: Option<Timestamp>,
        /// The failed meeting this one re-runs.
        #[serde(default)]
        rerun_of: Option<Code>,
    },
    SetEntryDeadline {
        meeting: Code,
        deadline: Timestamp,
        reason: String,
    },
    /// Sets how many delegates each unit below `conference_unit` sends to its conference.
    SetRepresentation {
        campaign: Code,
        conference_unit: Code,
        norm: RepresentationNorm,
    },
    /// Starts registration: the electorate is frozen (a PPO's active members, or the delegates elected to a conference).
    OpenRegistration {
        meeting: Code,
    },
    /// A participant arrives, in the hall or remote; identified by IIN, or by mandate number
    /// with the card's generation from its QR code (`card`), or without it after the desk checked an ID.
    CheckIn {
        meeting: Code,
        #[serde(default)]
        iin: Option<Iin>,
        #[serde(default)]
        mandate: Option<u32>,
        #[serde(default)]
        card: Option<u32>,
        mode: Presence,
    },
    /// A registration sheet entered in one go (a paper sheet typed in, or a desk that worked
    /// offline): everyone on it is checked in, as at their own `check_in`.
    RecordAttendance {
        meeting: Code,
        #[serde(default)]
        hall: Vec<Iin>,
        #[serde(default)]
        remote: Vec<Iin>,
    },
    CheckOut {
        meeting: Code,
        #[serde(default)]
        iin: Option<Iin>,
        #[serde(default)]
        mandate: Option<u32>,
    },
    /// A lost card is replaced: the old card (and its QR code) stops working.
    ReissueCard {
        meeting: Code,
        mandate: u32,
        reason: String,
    },
    /// A delegate who cannot attend is replaced where the party's rules allow, by a recorded decision.
    ReplaceDelegate {
        campaign: Code,
        conference_unit: Code,
        delegate: Iin,
        replacement: Iin,
        decision: String,
    },
    /// The credentials commission's report on those registered.
    ReportCredentials {
        meeting: Code,
        text: String,
    },
    OpenMeeting {
        meeting: Code,
    },
    /// Records that the meeting could not be held (no quorum); a re-run is convened separately.
    FailMeeting {
        meeting: Code,
        reason: String,
    },
    PutToVote {
        meeting: Code,
        vote: u32,
        #[serde(flatten)]
        motion: Motion,
        #[serde(default)]
        rule: DecisionRule,
    },
    /// A remote participant confirms presence for a vote (and so counts as present for it).
    ConfirmPresence {
        meeting: Code,
        vote: u32,
        #[serde(default)]
        iin: Option<Iin>,
        #[serde(default)]
        mandate: Option<u32>,
    },
    /// A vote recorded by name: a remote participant voting in the system, or a roll call in the hall.
    CastNamedVote {
        meeting: Code,
        vote: u32,
        #[serde(default)]
        iin: Option<Iin>,
        #[serde(default)]
        mandate: Option<u32>,
        choice: crate::meeting::model::Choice,
    },
    /// The counting commission's count of the hall; again, with a reason, for a recount.
    CountVote {
        meeting: Code,
        vote: u32,
        hall: Tally,
        #[serde(default)]
        recount_reason: Option<String>,
    },
    CancelVote {
        meeting: Code,
        vote: u32,
        reason: String,
    },
    CloseMeeting {
        meeting: Code,
    },
    /// An organizer lets the conference above open without this unit's meeting.
    ExcuseUnit {
        campaign: Code,
        unit: Code,
        reason: String,
    },
    /// Sets who may stand for a target (defaults by body otherwise: see docs/primaries.md).
    SetEligibility {
        campaign: Code,
        target: Code,
        #[serde(flatten)]
        rules: EligibilityRules,
    },
    /// Puts a member forward for a target; every eligibility rule the member fails is named.
    NominateCandidate {
        campaign: Code,
        target: Code,
        iin: Iin,
        nominated_by: NominatedBy,
        /// Years of residence the candidate declares in the target's territory.
        #[serde(default)]
        residency_years: u16,
        /// Whether the candidate has an unexpunged conviction (declared and checked by the committee).
        #[serde(default)]
        unexpunged_conviction: bool,
    },
    /// The organizing committee registers a nominated candidate.
    RegisterCandidate {
        campaign: Code,
        target: Code,
        iin: Iin,
        decision: String,
    },
    /// The organizing committee refuses a nomination, with the reason.
    RefuseCandidate {
        campaign: Code,
        target: Code,
        iin: Iin,
        reason: String,
    },
    WithdrawCandidate {
        campaign: Code,
        target: Code,
        iin: Iin,
        reason: String,
    },
    ScheduleDebate {
        code: Code,
        campaign: Code,
        target: Code,
        unit: Code,
        starts_at: Timestamp,
        participants: Vec<Iin>,
        #[serde(default)]
        streams: Vec<Stream>,
    },
    /// Records how a debate went: each participant's attendance and the recording.
    RecordDebate {
        debate: Code,
        #[serde(default)]
        recording: Option<String>,
        attendance: Vec<DebateMark>,
    },
    CreatePoll {
        code: Code,
        campaign: Code,
        title: String,
        #[serde(default)]
        target: Option<Code>,
        #[serde(default)]
        meeting: Option<Code>,
        options: Vec<OptionSpec>,
        method: Method,
        #[serde(default = "one_seat")]
        seats: u32,
        electorate: Electorate,
        roll_cutoff: Timestamp,
        opens_at: Timestamp,
        closes_at: Timestamp,
        #[serde(default)]
        board: BoardMode,
        /// SHA-256 of the seed that will break ties by lot, revealed at the count.
        #[serde(default)]
        lot_seed_hash: Option<Hash32>,
    },
    /// Freezes the voter roll: the electorate as it stands now (at or after the cutoff).
    FreezeRoll {
        poll: Code,
    },
    OpenPoll {
        poll: Code,
    },
    PausePoll {
        poll: Code,
        reason: String,
    },
    ResumePoll {
        poll: Code,
        reason: String,
    },
    /// Moves the close later (in 2020 the vote was extended by a day).
    ExtendPoll {
        poll: Code,
        closes_at: Timestamp,
        reason: String,
    },
    ClosePoll {
        poll: Code,
        #[serde(default)]
        reason: String,
    },
    /// Opens a closed (not yet counted) poll again until `closes_at`.
    ReopenPoll {
        poll: Code,
        closes_at: Timestamp,
        reason: String,
    },
    /// Written by the ballot box for each committed batch: who voted (sorted, never in casting
    /// order). No ballot content. Journals written before the leaves were held back also carry
    /// the batch's leaves here (sorted, as many as voters); the box no longer writes them, since
    /// they narrowed each ballot to the voters of its batch.
    RecordBallots {
        poll: Code,
        voters: Vec<Iin>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        leaves: Vec<Hash32>,
    },
    /// A signed checkpoint: voters marked online, the ballots committed under the Merkle root.
    /// `leaves` are the ballots committed with it (sorted): the box commits leaves in groups
    /// held back until they cannot narrow a ballot to fewer than 50 voters (docs/ballots.md).
    PublishCheckpoint {
        checkpoint: Checkpoint,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        leaves: Vec<Hash32>,
    },
    /// Members who voted at a polling station. Online (`offline` false) each must not have voted;
    /// a station's offline list is reconciled: conflicts go to the counting commission.
    MarkAtStation {
        poll: Code,
        station: Code,
        iins: Vec<Iin>,
        #[serde(default)]
        offline: bool,
    },
    /// A station's paper results: counts per option (choose-one, choose-up-to-k) or ballots one by one (ranked).
    EnterStationReturn {
        poll: Code,
        station: Code,
        #[serde(default)]
        per_option: BTreeMap<String, u64>,
        #[serde(default)]
        spoiled: u64,
        #[serde(default)]
        ballots: Vec<BallotContent>,
        commission: String,
    },
    /// Part of the ballot box sealed into the journal at the close, in tracker order.
    SealBallots {
        poll: Code,
        ballots: Vec<SealedBallot>,
    },
    /// Counts a closed, sealed poll; `lot_seed` must hash to the committed `lot_seed_hash`.
    CountPoll {
        poll: Code,
        #[serde(default)]
        lot_seed: Option<String>,
        /// Youth rating: younger than this on election day (29 in law, 35 in the party's 2020 rule).
        #[serde(default = "default_youth_age")]
        youth_age_limit: u16,
    },
    /// Sets a target's party-list rules (the seats are the target's) and how ratings combine.
    SetListRules {
        campaign: Code,
        target: Code,
        min_size: u32,
        max_size: u32,
        /// In priority order: when the pool cannot meet them all, earlier ones are met first.
        #[serde(default)]
        quotas: Vec<Quota>,
        #[serde(default)]
        placement: Option<PlacementRule>,
        precedence: Precedence,
    },
    /// Drafts the target's list of `length` names from the ratings (a new draft replaces the old).
    DraftList {
        campaign: Code,
        target: Code,
        length: u32,
        #[serde(default)]
        reason: String,
    },
    /// An organizer's change to a draft list, with the reason.
    EditList {
        campaign: Code,
        target: Code,
        #[serde(flatten)]
        edit: ListEdit,
        reason: String,
    },
    /// A candidate leaves an approved list; the recorded decision names the body and its act.
    WithdrawFromList {
        campaign: Code,
        target: Code,
        iin: Iin,
        cause: ListRemoval,
        decision: String,
    },
}

/// One change to a draft list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum ListEdit {
    /// Moves a listed candidate to `place` (1-based); those between shift by one.
    Move {
        iin: Iin,
        place: u32,
    },
    /// Puts a registered candidate of the target at `place` (1 to length + 1).
    Add {
        iin: Iin,
        place: u32,
    },
    Remove {
        iin: Iin,
    },
}

impl ListEdit {
    pub fn iin(&self) -> &Iin {
        match self {
            ListEdit::Move { iin, .. } | ListEdit::Add { iin, .. } | ListEdit::Remove { iin } => {
                iin
            }
        }
    }
}

/// Why a candidate leaves an approved list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListRemoval {
    Withdrew,
    Disqualified,
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

/// Every `cmd` tag, in the order of docs/commands.md. A test checks the docs, the JSON Schema and
/// the examples against it.
pub const NAMES: &[&str] = &[
    "create_unit",
    "rename_unit",
    "move_unit",
    "close_unit",
    "register_member",
    "change_member_phone",
    "transfer_member",
    "set_member_status",
    "create_campaign",
    "set_phase",
    "remove_phase",
    "set_target",
    "remove_target",
    "convene_meeting",
    "set_entry_deadline",
    "set_representation",
    "open_registration",
    "check_in",
    "record_attendance",
    "check_out",
    "reissue_card",
    "replace_delegate",
    "report_credentials",
    "open_meeting",
    "fail_meeting",
    "put_to_vote",
    "confirm_presence",
    "cast_named_vote",
    "count_vote",
    "cancel_vote",
    "close_meeting",
    "excuse_unit",
    "set_eligibility",
    "nominate_candidate",
    "register_candidate",
    "refuse_candidate",
    "withdraw_candidate",
    "schedule_debate",
    "record_debate",
    "create_poll",
    "freeze_roll",
    "open_poll",
    "pause_poll",
    "resume_poll",
    "extend_poll",
    "close_poll",
    "reopen_poll",
    "record_ballots",
    "publish_checkpoint",
    "mark_at_station",
    "enter_station_return",
    "seal_ballots",
    "count_poll",
    "set_list_rules",
    "draft_list",
    "edit_list",
    "withdraw_from_list",
];

pub fn default_time_zone() -> String {
    "Asia/Almaty".to_string()
}

impl Command {
    /// Whether only the ballot box writes this command: the people's entry points (`mandat
    /// apply`, HTTP) refuse it, so that nobody can record ballots, leaves, checkpoints or a seal
    /// that the box did not produce.
    pub fn ballot_box_only(&self) -> bool {
        matches!(
            self,
            Command::RecordBallots { .. }
                | Command::PublishCheckpoint { .. }
                | Command::SealBallots { .. }
        )
    }

    /// The `cmd` tag, as written in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Command::CreateUnit { .. } => "create_unit",
            Command::RenameUnit { .. } => "rename_unit",
            Command::MoveUnit { .. } => "move_unit",
            Command::CloseUnit { .. } => "close_unit",
            Command::RegisterMember { .. } => "register_member",
            Command::ChangeMemberPhone { .. } => "change_member_phone",
            Command::TransferMember { .. } => "transfer_member",
            Command::SetMemberStatus { .. } => "set_member_status",
            Command::CreateCampaign { .. } => "create_campaign",
            Command::SetPhase { .. } => "set_phase",
            Command::RemovePhase { .. } => "remove_phase",
            Command::SetTarget { .. } => "set_target",
            Command::RemoveTarget { .. } => "remove_target",
            Command::ConveneMeeting { .. } => "convene_meeting",
            Command::SetEntryDeadline { .. } => "set_entry_deadline",
            Command::SetRepresentation { .. } => "set_representation",
            Command::OpenRegistration { .. } => "open_registration",
            Command::CheckIn { .. } => "check_in",
            Command::RecordAttendance { .. } => "record_attendance",
            Command::CheckOut { .. } => "check_out",
            Command::ReissueCard { .. } => "reissue_card",
            Command::ReplaceDelegate { .. } => "replace_delegate",
            Command::ReportCredentials { .. } => "report_credentials",
            Command::OpenMeeting { .. } => "open_meeting",
            Command::FailMeeting { .. } => "fail_meeting",
            Command::PutToVote { .. } => "put_to_vote",
            Command::ConfirmPresence { .. } => "confirm_presence",
            Command::CastNamedVote { .. } => "cast_named_vote",
            Command::CountVote { .. } => "count_vote",
            Command::CancelVote { .. } => "cancel_vote",
            Command::CloseMeeting { .. } => "close_meeting",
            Command::ExcuseUnit { .. } => "excuse_unit",
            Command::SetEligibility { .. } => "set_eligibility",
            Command::NominateCandidate { .. } => "nominate_candidate",
            Command::RegisterCandidate { .. } => "register_candidate",
            Command::RefuseCandidate { .. } => "refuse_candidate",
            Command::WithdrawCandidate { .. } => "withdraw_candidate",
            Command::ScheduleDebate { .. } => "schedule_debate",
            Command::RecordDebate { .. } => "record_debate",
            Command::CreatePoll { .. } => "create_poll",
            Command::FreezeRoll { .. } => "freeze_roll",
            Command::OpenPoll { .. } => "open_poll",
            Command::PausePoll { .. } => "pause_poll",
            Command::ResumePoll { .. } => "resume_poll",
            Command::ExtendPoll { .. } => "extend_poll",
            Command::ClosePoll { .. } => "close_poll",
            Command::ReopenPoll { .. } => "reopen_poll",
            Command::RecordBallots { .. } => "record_ballots",
            Command::PublishCheckpoint { .. } => "publish_checkpoint",
            Command::MarkAtStation { .. } => "mark_at_station",
            Command::EnterStationReturn { .. } => "enter_station_return",
            Command::SealBallots { .. } => "seal_ballots",
            Command::CountPoll { .. } => "count_poll",
            Command::SetListRules { .. } => "set_list_rules",
            Command::DraftList { .. } => "draft_list",
            Command::EditList { .. } => "edit_list",
            Command::WithdrawFromList { .. } => "withdraw_from_list",
        }
    }

    /// What a decision on this command must see beyond the always-loaded part of the record:
    /// members by IIN and phone, and the meetings whose mandates, attendance and votes it touches.
    pub fn needs(&self) -> Needs {
        let mut needs = Needs::default();
        match self {
            Command::RegisterMember { iin, phone, .. }
            | Command::ChangeMemberPhone { iin, phone, .. } => {
                needs.iins.push(*iin);
                needs.phones.push(phone.clone());
            }
            Command::TransferMember { iin, .. } | Command::SetMemberStatus { iin, .. } => {
                needs.iins.push(*iin)
            }
            Command::ReplaceDelegate {
                delegate,
                replacement,
                ..
            } => needs.iins.extend([*delegate, *replacement]),
            Command::OpenRegistration { meeting }
            | Command::ReissueCard { meeting, .. }
            | Command::ReportCredentials { meeting, .. }
            | Command::OpenMeeting { meeting }
            | Command::FailMeeting { meeting, .. }
            | Command::CountVote { meeting, .. }
            | Command::CancelVote { meeting, .. }
            | Command::CloseMeeting { meeting } => needs.meetings.push(meeting.clone()),
            Command::CheckIn { meeting, iin, .. }
            | Command::CheckOut { meeting, iin, .. }
            | Command::ConfirmPresence { meeting, iin, .. }
            | Command::CastNamedVote { meeting, iin, .. } => {
                needs.meetings.push(meeting.clone());
                needs.iins.extend(iin.iter().copied());
            }
            Command::RecordAttendance {
                meeting,
                hall,
                remote,
            } => {
                needs.meetings.push(meeting.clone());
                needs.iins.extend(hall.iter().chain(remote).copied());
            }
            Command::PutToVote {
                meeting, motion, ..
            } => {
                needs.meetings.push(meeting.clone());
                needs.iins.extend(motion.people().into_iter().copied());
            }
            Command::NominateCandidate { iin, .. }
            | Command::RegisterCandidate { iin, .. }
            | Command::RefuseCandidate { iin, .. }
            | Command::WithdrawCandidate { iin, .. } => needs.iins.push(*iin),
            Command::ScheduleDebate { participants, .. } => {
                needs.iins.extend(participants.iter().copied())
            }
            Command::RecordDebate { attendance, .. } => {
                needs.iins.extend(attendance.iter().map(|a| a.iin))
            }
            Command::CreatePoll { options, .. } => needs
                .iins
                .extend(options.iter().filter_map(|o| o.candidate)),
            Command::FreezeRoll { poll }
            | Command::OpenPoll { poll }
            | Command::PausePoll { poll, .. }
            | Command::ResumePoll { poll, .. }
            | Command::ExtendPoll { poll, .. }
            | Command::ClosePoll { poll, .. }
            | Command::ReopenPoll { poll, .. } => needs.polls.push(poll.clone()),
            Command::EnterStationReturn { poll, .. } => {
                needs.polls.push(poll.clone());
                needs.poll_counts = true;
            }
            Command::RecordBallots { poll, voters, .. } => {
                needs.polls.push(poll.clone());
                needs.iins.extend(voters.iter().copied());
            }
            Command::MarkAtStation { poll, iins, .. } => {
                needs.polls.push(poll.clone());
                needs.iins.extend(iins.iter().copied());
            }
            Command::PublishCheckpoint { checkpoint, .. } => {
                needs.polls.push(checkpoint.poll.clone());
                needs.poll_box = true;
                needs.poll_counts = true;
            }
            Command::SealBallots { poll, .. } | Command::CountPoll { poll, .. } => {
                needs.polls.push(poll.clone());
                needs.poll_box = true;
                needs.poll_counts = true;
            }
            Command::SetListRules {
                campaign, target, ..
            }
            | Command::DraftList {
                campaign, target, ..
            } => needs.lists.push((campaign.clone(), target.clone())),
            Command::EditList {
                campaign,
                target,
                edit,
                ..
            } => {
                needs.lists.push((campaign.clone(), target.clone()));
                needs.iins.push(*edit.iin());
            }
            Command::WithdrawFromList {
                campaign,
                target,
                iin,
                ..
            } => {
                needs.lists.push((campaign.clone(), target.clone()));
                needs.iins.push(*iin);
            }
            _ => {}
        }
        needs
    }
}

/// The parts of the record a command's decision needs loaded (see [`Command::needs`]).
#[derive(Debug, Default)]
pub struct Needs {
    pub iins: Vec<Iin>,
    pub phones: Vec<Phone>,
    pub meetings: Vec<Code>,
    /// Polls whose roll entries (for `iins`), marks and station returns the decision needs.
    pub polls: Vec<Code>,
    /// Whether it also needs those polls' ballot leaves and sealed ballots.
    pub poll_box: bool,
    /// Whether it needs the number of voters marked (online and per station): a scan of the roll.
    pub poll_counts: bool,
    /// Party lists (campaign, target) whose candidates' members and counted polls (the
    /// ratings) the decision needs.
    pub lists: Vec<(Code, Code)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not a JSON command: {0}")]
    Json(String),
    #[error("unknown field `{0}` (check its spelling against docs/commands.md)")]
    UnknownField(String),
}

impl ParseError {
    /// Every code, for `docs/errors.md` and the catalogue.
    pub const CODES: &'static [&'static str] = &["not_json_command", "unknown_field"];

    /// The stable code of this error (listed in `docs/errors.md`).
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::Json(_) => "not_json_command",
            ParseError::UnknownField(_) => "unknown_field",
        }
    }

    /// The sentence in `lang`, from the catalogue key `refusal-<code>`; the JSON reader's own
    /// detail stays as it is (English).
    pub fn message(&self, lang: crate::Lang) -> String {
        let key = format!("refusal-{}", self.code());
        let params = match self {
            ParseError::Json(detail) => [("detail", crate::i18n::Param::from(detail))],
            ParseError::UnknownField(field) => [("field", crate::i18n::Param::from(field))],
        };
        crate::i18n::message_with(lang, &key, &params)
    }
}

impl Envelope {
    /// Parses one command line, refusing fields that the command does not have (a typo would otherwise be dropped silently).
    pub fn parse(text: &str) -> Result<Envelope, ParseError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| ParseError::Json(e.to_string()))?;
        let envelope: Envelope =
            serde_json::from_value(value.clone()).map_err(|e| ParseError::Json(e.to_string()))?;
        let echoed =
            serde_json::to_value(&envelope).map_err(|e| ParseError::Json(e.to_string()))?;
        if let Some(field) = first_unknown_field(&value, &echoed, "") {
            return Err(ParseError::UnknownField(field));
        }
        Ok(envelope)
    }

    /// The canonical text of the command: what is stored in the journal and hashed.
    pub fn canonical(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn first_unknown_field(
    given: &serde_json::Value,
    echoed: &serde_json::Value,
    path: &str,
) -> Option<String> {
    match (given, echoed) {
        (serde_json::Value::Object(g), serde_json::Value::Object(e)) => {
            for (key, value) in g {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match e.get(key) {
                    None if !value.is_null() => return Some(here),
                    None => {}
                    Some(inner) => {
                        if let Some(found) = first_unknown_field(value, inner, &here) {
                            return Some(found);
                        }
                    }
                }
            }
            None
        }
        (serde_json::Value::Array(g), serde_json::Value::Array(e)) => g
            .iter()
            .zip(e)
            .enumerate()
            .find_map(|(i, (gv, ev))| first_unknown_field(gv, ev, &format!("{path}[{i}]"))),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_command_line_round_trips_through_its_canonical_text() {
        let line = r#"{"cmd":"create_unit","actor":"org","held_at":"2020-11-07T10:00:00+06:00","code":"ALM","kind":"region","parent":null,"names":{"ru":"А","kk":"Ә","en":"A"}}"#;
        let env = Envelope::parse(line).unwrap();
        assert_eq!(env.held_at.to_string(), "2020-11-07T04:00:00Z");
        let again = Envelope::parse(&env.canonical()).unwrap();
        assert_eq!(again, env);
        assert!(env.canonical().contains(r#""cmd":"create_unit""#));
    }

    #[test]
    fn a_misspelled_field_is_refused_by_name() {
        let line = r#"{"cmd":"set_target","actor":"org","held_at":"2020-11-07T10:00:00Z","campaign":"c","code":"t","body":"mazhilis","name":"n","seats":3,"seets":4,"electorate_unit":"ALM"}"#;
        assert_eq!(
            Envelope::parse(line),
            Err(ParseError::UnknownField("seets".into()))
        );
    }

    #[test]
    fn an_unknown_command_and_a_bad_value_are_refused() {
        let unknown = r#"{"cmd":"fly","actor":"a","held_at":"2020-11-07T10:00:00Z"}"#;
        assert!(matches!(Envelope::parse(unknown), Err(ParseError::Json(_))));
        let bad_iin = r#"{"cmd":"set_member_status","actor":"a","held_at":"2020-11-07T10:00:00Z","iin":"123","status":"active","reason":"r"}"#;
        let err = Envelope::parse(bad_iin).unwrap_err().to_string();
        assert!(err.contains("12 digits"), "{err}");
    }
}
