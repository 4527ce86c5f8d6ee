//! The command vocabulary: every change to the record is one of these, carried in an envelope with its actor and time.

mod campaign;
mod lists;
mod meetings;
mod primaries;
mod registry;
mod rules;
mod staff;

pub use campaign::*;
pub use lists::*;
pub use meetings::*;
pub use primaries::*;
pub use registry::*;
pub use rules::*;
pub use staff::*;

use crate::decide::{Decide, RuleError, Stamp};
use crate::iin::Iin;
use crate::model::Code;
use crate::phone::Phone;
use crate::state::{Change, Snapshot};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Generates, from one list of `Struct = "tag"` pairs, the [`Command`] enum (each variant wraps
/// the struct of the same name and is tagged `cmd` as given), [`NAMES`], and the exhaustive
/// dispatch of [`Command::name`], [`Command::needs`] and [`Command::decide`].
macro_rules! vocabulary {
    ($($(#[$attr:meta])* $command:ident = $name:literal,)+) => {
        /// Every command: internally tagged by `cmd`, each variant the struct of its domain
        /// module. Serialized as the struct's fields after the tag, exactly as the journal holds it.
        #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "cmd")]
        pub enum Command {
            $($(#[$attr])* #[serde(rename = $name)] $command($command),)+
        }

        /// Every `cmd` tag, in the order of docs/commands.md. A test checks the docs, the JSON
        /// Schema and the examples against it.
        pub const NAMES: &[&str] = &[$($name),+];

        $(
            impl $command {
                /// The `cmd` tag, as written in JSON.
                pub const NAME: &'static str = $name;
            }

            impl From<$command> for Command {
                fn from(command: $command) -> Command {
                    Command::$command(command)
                }
            }
        )+

        impl Command {
            /// The `cmd` tag, as written in JSON.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Command::$command(_) => $name,)+
                }
            }

            /// What a decision on this command must see beyond the always-loaded part of the
            /// record: members by IIN and phone, the meetings, polls and lists it touches.
            pub fn needs(&self) -> Needs {
                let mut needs = Needs::default();
                match self {
                    $(Command::$command(command) => <$command as Decide>::needs(command, &mut needs),)+
                }
                needs
            }

            /// The command's own rule (the checks every command shares run before, in
            /// [`crate::decide::decide`]).
            pub(crate) fn decide(
                &self,
                state: &Snapshot,
                at: &Stamp<'_>,
            ) -> Result<Vec<Change>, RuleError> {
                match self {
                    $(Command::$command(command) => <$command as Decide>::decide(command, state, at),)+
                }
            }
        }
    };
}

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

// The one list of commands: the enum, its `cmd` tags, `NAMES`, and the dispatch of needs and
// decisions are all generated from it, so that a command without its rule (an implementation of
// `Decide`) does not compile.
vocabulary! {
    // The rules in force
    AdoptRules = "adopt_rules",
    // Registry
    CreateUnit = "create_unit",
    RenameUnit = "rename_unit",
    MoveUnit = "move_unit",
    CloseUnit = "close_unit",
    RegisterMember = "register_member",
    RegisterPerson = "register_person",
    ChangeMemberPhone = "change_member_phone",
    TransferMember = "transfer_member",
    SetMemberStatus = "set_member_status",
    // Campaign
    CreateCampaign = "create_campaign",
    SetPhase = "set_phase",
    RemovePhase = "remove_phase",
    SetTarget = "set_target",
    RemoveTarget = "remove_target",
    // Meetings
    ConveneMeeting = "convene_meeting",
    SetEntryDeadline = "set_entry_deadline",
    SetDecisionRule = "set_decision_rule",
    SetRepresentation = "set_representation",
    OpenRegistration = "open_registration",
    CheckIn = "check_in",
    RecordAttendance = "record_attendance",
    CheckOut = "check_out",
    ReissueCard = "reissue_card",
    ReplaceDelegate = "replace_delegate",
    ReportCredentials = "report_credentials",
    RenewProjectorLink = "renew_projector_link",
    OpenMeeting = "open_meeting",
    FailMeeting = "fail_meeting",
    PutToVote = "put_to_vote",
    ConfirmPresence = "confirm_presence",
    CastNamedVote = "cast_named_vote",
    RecordSpeaker = "record_speaker",
    CountVote = "count_vote",
    CancelVote = "cancel_vote",
    CloseMeeting = "close_meeting",
    AttachSignedMinutes = "attach_signed_minutes",
    ExcuseUnit = "excuse_unit",
    // Primaries
    SetEligibility = "set_eligibility",
    NominateCandidate = "nominate_candidate",
    RegisterCandidate = "register_candidate",
    RefuseCandidate = "refuse_candidate",
    WithdrawCandidate = "withdraw_candidate",
    ScheduleDebate = "schedule_debate",
    SetDebateQuotas = "set_debate_quotas",
    InviteToDebate = "invite_to_debate",
    AnswerDebateInvitation = "answer_debate_invitation",
    RecordDebate = "record_debate",
    CreatePoll = "create_poll",
    FreezeRoll = "freeze_roll",
    OpenPoll = "open_poll",
    PausePoll = "pause_poll",
    ResumePoll = "resume_poll",
    ExtendPoll = "extend_poll",
    ClosePoll = "close_poll",
    ReopenPoll = "reopen_poll",
    RecordBallots = "record_ballots",
    PublishCheckpoint = "publish_checkpoint",
    MarkAtStation = "mark_at_station",
    EnterStationReturn = "enter_station_return",
    ResolveStationConflict = "resolve_station_conflict",
    SealBallots = "seal_ballots",
    CountPoll = "count_poll",
    // Lists
    SetListRules = "set_list_rules",
    NominateFromList = "nominate_from_list",
    DraftList = "draft_list",
    EditList = "edit_list",
    WithdrawFromList = "withdraw_from_list",
    // Staff accounts and role grants
    AddAccount = "add_account",
    DisableAccount = "disable_account",
    GrantRole = "grant_role",
    RevokeGrant = "revoke_grant",
}

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
            Command::RecordBallots(_) | Command::PublishCheckpoint(_) | Command::SealBallots(_)
        )
    }

    /// Whether only an entry point that stores a file with it submits this command (the signed
    /// scan of minutes): `mandat apply` and the command API refuse it, so that no hash is
    /// recorded without its file.
    pub fn file_only(&self) -> bool {
        matches!(self, Command::AttachSignedMinutes(_))
    }

    /// Whether the command changes only what a batch loads for itself — attendance, vote marks,
    /// roll marks, ballots and leaves, checkpoints, station returns, a member's own row at the
    /// same unit and status — and never the complete part of the record (units, member counts,
    /// meetings, delegates, candidacies, polls, lists). A server node that keeps the record at an
    /// earlier head takes it forward over such journal entries without reading it again: they
    /// are most of what another node writes while a vote runs. The store's tests check every
    /// example of these commands against this promise.
    pub fn leaves_complete_record(&self) -> bool {
        matches!(
            self,
            Command::CheckIn(_)
                | Command::RecordAttendance(_)
                | Command::CheckOut(_)
                | Command::ConfirmPresence(_)
                | Command::CastNamedVote(_)
                | Command::RecordBallots(_)
                | Command::PublishCheckpoint(_)
                | Command::MarkAtStation(_)
                | Command::EnterStationReturn(_)
                | Command::ChangeMemberPhone(_)
        )
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
    /// Members whose candidacies' party lists the decision needs, as in `lists` (found once
    /// the members are loaded: a change of membership status reaches the lists they stand on).
    pub lists_of: Vec<Iin>,
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
