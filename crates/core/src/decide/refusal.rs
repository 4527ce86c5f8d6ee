//! Refusals as data: each situation a variant with a stable code, its parameters and a catalogue sentence.
//!
//! A refused command is answered with a `RuleError`. Its `code()` is stable snake_case (listed in
//! `docs/errors.md`); its parameters are data (numbers stay numbers), and its sentence is made from
//! the catalogue key `refusal-<code>` in the reader's language. `Display` is the English sentence.
//! `Internal` is not a refusal: it says the record given to the rules was incomplete, which is the
//! store's fault, never the user's.

use super::problems::Violations;
use crate::ballot::{BallotProblem, TallyError};
use crate::i18n::{self, Lang, Param};
use crate::lists::{ListError, RulesError};
use crate::meeting::MeetingError;
use crate::model::Code;
use crate::primaries::Ineligibility;
use crate::primaries::RatingError;
use std::fmt;

/// A parameter's value: data for an API answer (`lang` is `None`), or text for a sentence in `lang`.
pub trait RefusalParam {
    fn param(&self, lang: Option<Lang>) -> Param;
}

impl RefusalParam for String {
    fn param(&self, _: Option<Lang>) -> Param {
        Param::from(self.as_str())
    }
}

impl RefusalParam for &'static str {
    fn param(&self, _: Option<Lang>) -> Param {
        Param::from(*self)
    }
}

impl RefusalParam for Code {
    fn param(&self, _: Option<Lang>) -> Param {
        Param::from(self.as_str())
    }
}

macro_rules! number_refusal_param {
    ($($t:ty),*) => {$(
        impl RefusalParam for $t {
            fn param(&self, _: Option<Lang>) -> Param {
                Param::from(*self)
            }
        }
    )*};
}
number_refusal_param!(i16, i64, u32, u64, usize);

/// A list (codes, numbers), written with commas in every language.
impl<T: fmt::Display> RefusalParam for Vec<T> {
    fn param(&self, _: Option<Lang>) -> Param {
        let parts: Vec<String> = self.iter().map(ToString::to_string).collect();
        Param::Text(parts.join(", "))
    }
}

/// A state or kind named by its code (`open`, `roll_frozen`, `primary`): data in an API answer,
/// the catalogue's word `refusal-term-<family>-<code>` in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub family: &'static str,
    pub code: &'static str,
}

impl Term {
    pub fn new(family: &'static str, code: &'static str) -> Term {
        Term { family, code }
    }

    fn word(&self, lang: Lang) -> String {
        let key = format!("refusal-term-{}-{}", self.family, self.code);
        if i18n::has(lang, &key) {
            i18n::message(lang, &key)
        } else {
            self.code.to_owned()
        }
    }
}

impl RefusalParam for Term {
    fn param(&self, lang: Option<Lang>) -> Param {
        match lang {
            None => Param::from(self.code),
            Some(lang) => Param::Text(self.word(lang)),
        }
    }
}

/// The states something had to be in, one of which would have done: codes joined with commas as
/// data, the catalogue's words joined with the language's "or" in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternatives(pub Vec<Term>);

impl Alternatives {
    pub fn new(family: &'static str, codes: Vec<&'static str>) -> Alternatives {
        Alternatives(codes.into_iter().map(|c| Term::new(family, c)).collect())
    }
}

impl RefusalParam for Alternatives {
    fn param(&self, lang: Option<Lang>) -> Param {
        let (words, separator): (Vec<String>, String) = match lang {
            None => (
                self.0.iter().map(|t| t.code.to_owned()).collect(),
                ", ".to_owned(),
            ),
            Some(lang) => (
                self.0
                    .iter()
                    .map(|t| {
                        let word = Param::Text(t.word(lang));
                        i18n::message_with(lang, "refusal-word-quoted", &[("word", word)])
                    })
                    .collect(),
                format!(" {} ", i18n::message(lang, "refusal-word-or")),
            ),
        };
        Param::Text(words.join(&separator))
    }
}

/// An error of the meeting rules inside a refusal: its code as data, its sentence in a message.
impl RefusalParam for MeetingError {
    fn param(&self, lang: Option<Lang>) -> Param {
        match lang {
            None => Param::from(self.code()),
            Some(lang) => Param::Text(self.message(lang)),
        }
    }
}

impl Example for MeetingError {
    fn example() -> MeetingError {
        MeetingError::PresentExceedsElectorate {
            present: 12,
            electorate: 10,
        }
    }
}

/// The eligibility rules a candidate fails: their codes as data, their sentences joined with `; `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reasons(pub Vec<Ineligibility>);

impl RefusalParam for Reasons {
    fn param(&self, lang: Option<Lang>) -> Param {
        let parts: Vec<String> = match lang {
            None => self.0.iter().map(|r| r.code().to_owned()).collect(),
            Some(lang) => self.0.iter().map(|r| r.message(lang)).collect(),
        };
        Param::Text(parts.join(if lang.is_some() { "; " } else { ", " }))
    }
}

impl Example for Reasons {
    fn example() -> Reasons {
        Reasons(vec![
            Ineligibility::Conviction,
            Ineligibility::Residency { years: 2, min: 5 },
        ])
    }
}

/// What is wrong with a ballot: its code as data, its sentence in a message.
impl RefusalParam for BallotProblem {
    fn param(&self, lang: Option<Lang>) -> Param {
        match lang {
            None => Param::from(self.code()),
            Some(lang) => Param::Text(self.message(lang)),
        }
    }
}

impl Example for BallotProblem {
    fn example() -> BallotProblem {
        BallotProblem::TooManyChoices { given: 3, max: 2 }
    }
}

/// A refusal inside another (an entry of an attendance sheet): its code as data, its sentence in
/// a message.
impl RefusalParam for Box<RuleError> {
    fn param(&self, lang: Option<Lang>) -> Param {
        match lang {
            None => Param::from(self.code()),
            Some(lang) => Param::Text(self.message(lang)),
        }
    }
}

/// A value of each parameter type, to build one refusal of every kind (`RuleError::examples`).
pub trait Example {
    fn example() -> Self;
}

impl Example for String {
    fn example() -> String {
        "Example".to_owned()
    }
}

impl Example for &'static str {
    fn example() -> &'static str {
        "example"
    }
}

impl Example for Code {
    fn example() -> Code {
        Code::example()
    }
}

macro_rules! number_example {
    ($($t:ty),*) => {$(
        impl Example for $t {
            fn example() -> $t {
                2
            }
        }
    )*};
}
number_example!(i16, i64, u32, u64, usize);

impl<T: Example> Example for Vec<T> {
    fn example() -> Vec<T> {
        vec![T::example(), T::example()]
    }
}

impl Example for Term {
    fn example() -> Term {
        Term::new("meeting_status", "open")
    }
}

impl Example for Alternatives {
    fn example() -> Alternatives {
        Alternatives::new("meeting_status", vec!["planned", "registration"])
    }
}

impl Example for Box<RuleError> {
    fn example() -> Box<RuleError> {
        Box::new(RuleError::CountedTwice)
    }
}

macro_rules! refusals {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident $({ $($name:ident : $ty:ty),* $(,)? })? => $code:literal $(@ $field:literal)?
    ),* $(,)?) => {
        /// A refused command: which rule it breaks and what to do about it (or, for `Internal`, a
        /// record the store did not load as it should).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum RuleError {
            $(
                $(#[doc = $doc])*
                $variant $({ $($name: $ty),* })?,
            )*
        }

        impl RuleError {
            /// Every code, in declaration order: `docs/errors.md` and the catalogue cover each.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// One refusal of every kind, with example parameters: for the catalogue and docs tests.
            pub fn examples() -> Vec<RuleError> {
                vec![$(
                    RuleError::$variant $({ $($name: Example::example()),* })?,
                )*]
            }

            /// The stable snake_case code of this situation.
            pub fn code(&self) -> &'static str {
                match self {
                    $(RuleError::$variant { .. } => $code,)*
                }
            }

            fn fixed_field(&self) -> Option<&'static str> {
                match self {
                    $(RuleError::$variant { .. } => refusals!(@field $($field)?),)*
                }
            }

            pub(super) fn params_in(&self, lang: Option<Lang>) -> Vec<(&'static str, Param)> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        RuleError::$variant $({ $($name),* })? => vec![
                            $($( (stringify!($name), RefusalParam::param($name, lang)) ),*)?
                        ],
                    )*
                }
            }
        }
    };
    (@field) => { None };
    (@field $field:literal) => { Some($field) };
}

refusals! {
    NoActor => "no_actor" @ "actor",
    RulesUnknown { version: u32, newest: u32 } => "rules_unknown" @ "version",
    RulesNotNewer { version: u32, current: u32 } => "rules_not_newer" @ "version",
    Empty { field: &'static str } => "empty",
    TooLong { field: &'static str, len: usize, max: usize } => "too_long",
    UnitExists { unit: Code } => "unit_exists" @ "code",
    NoUnit { unit: Code } => "no_unit",
    UnitClosed { unit: Code } => "unit_closed",
    /// The allowed parent kinds follow from `kind`, so the catalogue chooses them from it.
    WrongParentKind { kind: Term, parent_kind: Term, parent: Code } => "wrong_parent_kind" @ "parent",
    NeedsParent { kind: Term } => "needs_parent" @ "parent",
    Cycle { unit: Code, parent: Code } => "cycle" @ "parent",
    UnitNotEmpty { unit: Code, open_children: usize, active_members: u64 } => "unit_not_empty",
    IinTaken { iin: String, unit: Code } => "iin_taken" @ "iin",
    PhoneTaken { phone: String, unit: String } => "phone_taken" @ "phone",
    NoMember { iin: String } => "no_member" @ "iin",
    NotPrimary { unit: Code, kind: Term } => "not_primary" @ "unit",
    TooYoungToJoin { age: i16, joined_on: String } => "too_young_to_join" @ "iin",
    JoinedInFuture { joined_on: String, held_at: String } => "joined_in_future" @ "joined_on",
    UnitNamesUnchanged { unit: Code } => "unit_names_unchanged" @ "names",
    AlreadyUnderParent { unit: Code, parent: Code } => "already_under_parent" @ "parent",
    PhoneUnchanged => "phone_unchanged" @ "phone",
    AlreadyInUnit { unit: Code } => "already_in_unit" @ "unit",
    StatusUnchanged { status: Term } => "status_unchanged" @ "status",
    PhoneChangeNeedsDecision { poll: Code } => "phone_change_needs_decision" @ "decision",
    CampaignExists { campaign: Code } => "campaign_exists" @ "code",
    NoCampaign { campaign: Code } => "no_campaign" @ "campaign",
    TimeZone { zone: String } => "time_zone" @ "time_zone",
    EmptyWindow { phase: Code, starts: String, ends: String } => "empty_window",
    LocalTime { phase: Code, local: String, zone: String } => "local_time",
    NoPhase { campaign: Code, phase: Code } => "no_phase" @ "phase",
    SelfOrder { phase: Code } => "self_order" @ "after",
    Order { phase: Code, starts: String, before: Code, before_ends: String } => "order" @ "after",
    PhaseNeeded { phase: Code, by: Code } => "phase_needed",
    NoSeats => "no_seats" @ "seats",
    NoTarget { campaign: Code, target: Code } => "no_target" @ "target",
    HeldInFuture { held_at: String, recorded_at: String } => "held_in_future" @ "held_at",
    MeetingExists { meeting: Code } => "meeting_exists" @ "code",
    NoMeeting { meeting: Code } => "no_meeting" @ "meeting",
    /// `what` is `scheduled` or `held`.
    OutsideWindow { what: &'static str, when: String, phase: Code, starts: String, ends: String } => "outside_window" @ "held_at",
    EntryDeadline { meeting: Code, deadline: String } => "entry_deadline",
    /// `action` is a code the catalogue turns into words (`open_registration`, `check_in`, …).
    MeetingStatus { meeting: Code, status: Term, action: &'static str, allowed: Alternatives } => "meeting_status",
    CardRevoked { mandate: u32, given: u32, current: u32 } => "card_revoked" @ "card",
    HallFull { capacity: u32 } => "hall_full",
    /// `action` is `open_meeting` or `put_to_vote`.
    NoQuorum { present: u32, electorate: u32, needed: u32, action: &'static str } => "no_quorum",
    NoQuorumForVote { present: u32, electorate: u32, needed: u32, vote: u32 } => "no_quorum_for_vote",
    /// `units` lists at most ten; `more` counts the rest.
    MeetingsMissing { meeting: Code, count: usize, units: Vec<String>, more: usize } => "meetings_missing",
    /// `most` is how many more may be proposed.
    AllotmentExceeded { unit: Code, seats: u32, elected: usize, proposed: usize, most: u32 } => "allotment_exceeded",
    VotesExceedPresent { votes: u64, present: u32 } => "votes_exceed_present",
    MembershipFrozen { unit: Code, meeting: Code, status: Term } => "membership_frozen",
    MeetingUnitKind { unit: Code, kind: Term } => "meeting_unit_kind" @ "unit",
    LivestreamUrl { url: String } => "livestream_url" @ "livestream_url",
    DeadlineBeforeMeeting { deadline: String, scheduled_at: String } => "deadline_before_meeting" @ "entry_deadline",
    NotARerun { failed: Code, status: Term, unit: Code } => "not_a_rerun" @ "rerun_of",
    UnitHasLiveMeeting { unit: Code, meeting: Code, status: Term } => "unit_has_live_meeting",
    OtherMeetingLive { meeting: Code, status: Term } => "other_meeting_live",
    NoDelegatesElected { meeting: Code } => "no_delegates_elected",
    NoActiveMembers { meeting: Code } => "no_active_members",
    CardWithoutMandate => "card_without_mandate" @ "card",
    NotACard => "not_a_card" @ "qr",
    ForgedCard => "forged_card" @ "qr",
    CardForOtherMeeting { card_meeting: Code, meeting: Code } => "card_for_other_meeting" @ "qr",
    /// `mode` is how they attend (`hall`, `remote`).
    AlreadyCheckedIn { who: String, mode: Term } => "already_checked_in",
    /// One entry of an attendance sheet was refused: `refusal` says why.
    SheetEntry { entry: usize, mode: Term, iin: String, refusal: Box<RuleError> } => "sheet_entry" @ "entries",
    CountedTwice => "counted_twice" @ "entries",
    NotCheckedIn { who: String } => "not_checked_in",
    InHallNoConfirmation { who: String } => "in_hall_no_confirmation",
    AlreadyConfirmed { who: String, vote: u32 } => "already_confirmed",
    AlreadyVotedInVote { who: String, vote: u32 } => "already_voted_in_vote",
    HallAllCounted { present: u32 } => "hall_all_counted",
    VoteStillOpen { vote: u32 } => "vote_still_open",
    NoPresidium => "no_presidium",
    NoAgendaItem { item: u32, items: u32 } => "no_agenda_item" @ "item",
    NotExcusable { unit: Code, kind: Term } => "not_excusable" @ "unit",
    UnitHasMeeting { unit: Code, meeting: Code, status: Term } => "unit_has_meeting" @ "unit",
    NameParticipant => "name_participant" @ "iin",
    PpoNoMandates => "ppo_no_mandates" @ "mandate",
    NoMandateOf { iin: String, meeting: Code } => "no_mandate_of" @ "iin",
    NotPpoMember { iin: String, unit: Code, status: Term, member_unit: Code } => "not_ppo_member" @ "iin",
    NoSuchMandate { meeting: Code, number: u32, issued: usize } => "no_such_mandate" @ "mandate",
    NoSuchVote { meeting: Code, vote: u32 } => "no_such_vote" @ "number",
    VoteNotOpen { vote: u32, status: Term } => "vote_not_open" @ "number",
    HeldBeforeOpened { meeting: Code, opened: String, held_at: String } => "held_before_opened" @ "held_at",
    FailureCauseNeeded => "failure_cause_needed" @ "cause",
    QuorumPresent { present: u32, electorate: u32, needed: u32 } => "quorum_present" @ "cause",
    OutOfTimeOrder { meeting: Code, held_at: String, step: &'static str, vote: u32, at: String } => "out_of_time_order" @ "held_at",
    ConferenceUnitKind { unit: Code, kind: Term } => "conference_unit_kind" @ "conference_unit",
    NormFrozen { unit: Code } => "norm_frozen",
    AllotmentInvalid { unit: Code, error: MeetingError } => "allotment_invalid",
    NotConferenceDelegate { iin: String, unit: Code } => "not_conference_delegate" @ "delegate",
    AlreadyDelegate { iin: String } => "already_delegate" @ "replacement",
    ReplacementNotMember { unit: Code } => "replacement_not_member" @ "replacement",
    MandatesFrozen { conference: Code, status: Term } => "mandates_frozen",
    VoteNumberZero => "vote_number_zero" @ "number",
    VoteNumberTaken { meeting: Code, number: u32, next: u32 } => "vote_number_taken" @ "number",
    NamedTwiceInMotion { iin: String } => "named_twice_in_motion",
    NoCountingCommission => "no_counting_commission",
    NotPresent { iin: String } => "not_present",
    CandidateNotMember { iin: String, unit: Code, status: Term, member_unit: Code } => "candidate_not_member",
    CandidateAlreadyDelegate { iin: String, unit: Code } => "candidate_already_delegate",
    PresidiumFirst => "presidium_first",
    TopOfLadder => "top_of_ladder",
    NoUnitAbove { unit: Code } => "no_unit_above",
    NoAllotment { unit: Code, parent: Code } => "no_allotment",
    RecountNotCounted { vote: u32 } => "recount_not_counted" @ "recount_reason",
    RecountNeedsReason { vote: u32 } => "recount_needs_reason" @ "recount_reason",
    RecountNotLatest { later: u32 } => "recount_not_latest" @ "number",
    VoteCancelled { vote: u32 } => "vote_cancelled" @ "number",
    CountTooLarge => "count_too_large",
    /// The counts entered do not make a valid result: `error` says how.
    VoteCountInvalid { error: MeetingError } => "vote_count_invalid",
    PollExists { poll: Code } => "poll_exists" @ "code",
    PollTimesOrder { roll_cutoff: String, opens_at: String, closes_at: String } => "poll_times_order" @ "opens_at",
    PhaseMissing { what: &'static str } => "phase_missing" @ "phase",
    OutsidePhase { phase: Code, starts: String, ends: String, from: String, to: String } => "outside_phase" @ "phase",
    SeatsOutOfRange { options: usize, seats: u32 } => "seats_out_of_range" @ "seats",
    InstantRunoffOneSeat => "instant_runoff_one_seat" @ "seats",
    OutsidePollWindow { poll: Code, opens_at: String, closes_at: String, held_at: String } => "outside_poll_window" @ "held_at",
    PollDueToClose { poll: Code, closes_at: String } => "poll_due_to_close",
    ExtensionNotLater { closes_at: String, given: String } => "extension_not_later" @ "closes_at",
    ReopenCloseInPast { held_at: String, closes_at: String } => "reopen_close_in_past" @ "closes_at",
    StationAlreadyEntered { station: Code, poll: Code } => "station_already_entered" @ "station",
    NoStationConflict { poll: Code, station: Code, iin: String } => "no_station_conflict" @ "iin",
    ConflictResolved { station: Code, iin: String, outcome: Term } => "conflict_resolved" @ "iin",
    ConflictsUnresolved { poll: Code, unresolved: usize } => "conflicts_unresolved" @ "poll",
    RankedNeedsBallots { poll: Code, method: String } => "ranked_needs_ballots" @ "per_option",
    UnknownStationOption { station: Code, option: String, poll: Code, options: Vec<String> } => "unknown_station_option" @ "per_option",
    PaperBallotInvalid { station: Code, ballot: usize, problem: BallotProblem } => "paper_ballot_invalid" @ "ballots",
    StationBallotsExceedVoters { station: Code, entered: u64, marked: u64 } => "station_ballots_exceed_voters",
    NoPoll { poll: Code } => "no_poll" @ "poll",
    PollNotTakingBallots { poll: Code, status: Term, opens_at: String, closes_at: String } => "poll_not_taking_ballots" @ "poll",
    /// `action` is a code the catalogue turns into words (`open`, `cast_ballots`, …).
    PollStatus { poll: Code, status: Term, action: &'static str, allowed: Alternatives } => "poll_status",
    OutsideNomination { phase: String, starts: String, ends: String, held_at: String } => "outside_nomination" @ "held_at",
    NominatesOwnMembers { member_unit: Code, unit: Code } => "nominates_own_members" @ "iin",
    AlreadyCandidate { name: String, target: Code, status: Term } => "already_candidate" @ "iin",
    CandidateElsewhere { name: String, first: Code, status: Term } => "candidate_elsewhere" @ "target",
    /// `reasons` are the eligibility rules the candidate fails.
    NotEligible { name: String, target: Code, reasons: Reasons } => "not_eligible" @ "iin",
    NotCandidate { name: String, target: Code } => "not_candidate" @ "iin",
    CandidacyNotNominated { status: Term } => "candidacy_not_nominated",
    CandidacyAlready { status: Term } => "candidacy_already",
    DebateExists { debate: Code } => "debate_exists" @ "code",
    DebateTooFew => "debate_too_few" @ "participants",
    DebaterNotRegistered { iin: String, status: Term } => "debater_not_registered" @ "participants",
    ListedTwice { iin: String } => "listed_twice",
    DebateLivestreamUrl { url: String } => "debate_livestream_url" @ "livestream_url",
    NoDebate { debate: Code } => "no_debate" @ "debate",
    DebateQuotasFrozen { target: Code, debate: Code } => "debate_quotas_frozen" @ "target",
    DebateQuotasInvalid { target: Code, problem: String } => "debate_quotas_invalid" @ "places",
    NoDebateQuota { unit: Code, target: Code } => "no_debate_quota" @ "unit",
    DebateStarted { debate: Code, starts_at: String } => "debate_started" @ "held_at",
    OptionsNotDebaters { debate: Code, missing: Vec<String>, extra: Vec<String> } => "options_not_debaters" @ "options",
    DebateNotOfMeeting { debate: Code, unit: Code, target: Code } => "debate_not_of_meeting" @ "debate",
    DebateNotHeldYet { debate: Code, starts_at: String } => "debate_not_held_yet" @ "held_at",
    NotDebater { name: String, debate: Code } => "not_debater",
    OptionCount { max: usize, given: usize } => "option_count" @ "options",
    OptionTwice { option: String } => "option_twice" @ "options",
    OptionNotRegistered { option: String, status: Term } => "option_not_registered" @ "options",
    CandidatesMissing { target: Code, numbers: Vec<u32> } => "candidates_missing" @ "options",
    RollBeforeCutoff { poll: Code, cutoff: String } => "roll_before_cutoff" @ "held_at",
    EmptyElectorate { poll: Code } => "empty_electorate",
    BallotsOutsideWindow { poll: Code, opens_at: String, closes_at: String, held_at: String } => "ballots_outside_window" @ "held_at",
    BatchMismatch { voters: usize, ballots: usize } => "batch_mismatch",
    BatchUnsorted => "batch_unsorted",
    NotOnRoll { iin: String, poll: Code } => "not_on_roll" @ "iin",
    AlreadyVoted { iin: String, poll: Code } => "already_voted" @ "iin",
    CheckpointNotAfter { poll: Code, last: String, at: String } => "checkpoint_not_after" @ "at",
    CheckpointUnsorted => "checkpoint_unsorted",
    LeafCommitted { leaf: String, poll: Code } => "leaf_committed",
    CheckpointMismatch { poll: Code, voters: u64, ballots: u64, root: String, marked: u64, committed: usize, record_root: String } => "checkpoint_mismatch",
    StationOutsideWindow { poll: Code, opens_at: String, closes_at: String, held_at: String } => "station_outside_window" @ "held_at",
    StationNotOnRoll { name: String, iin: String, poll: Code } => "station_not_on_roll" @ "iin",
    /// `station` is `online` when they voted online.
    StationAlreadyVoted { name: String, poll: Code, station: String } => "station_already_voted" @ "iin",
    SealedUnsorted => "sealed_unsorted",
    BallotAlreadySealed { ballot: usize, tracker: String } => "ballot_already_sealed",
    BallotNotRecorded { ballot: usize, tracker: String } => "ballot_not_recorded",
    SealedBallotInvalid { ballot: usize, tracker: String, problem: BallotProblem } => "sealed_ballot_invalid",
    NotAllSealed { poll: Code, marked: u64, recorded: usize, sealed: usize } => "not_all_sealed",
    SeedMismatch { poll: Code, hash: String } => "seed_mismatch" @ "lot_seed",
    SeedNeeded { poll: Code, hash: String } => "seed_needed" @ "lot_seed",
    SeedNotCommitted { poll: Code } => "seed_not_committed" @ "lot_seed",
    CannotCount { poll: Code, problem: TallyError } => "cannot_count",
    RatingsFailed { poll: Code, problem: RatingError } => "ratings_failed",
    NoListRules { target: Code } => "no_list_rules" @ "target",
    NoList { target: Code } => "no_list" @ "target",
    /// `action` is a code the catalogue turns into words (`change_rules`, `edit`, …).
    ListBeingVoted { target: Code, meeting: Code, vote: u32, action: &'static str } => "list_being_voted",
    ListApproved { target: Code, meeting: Code, vote: u32 } => "list_approved",
    ListRulesInvalid { target: Code, problem: RulesError } => "list_rules_invalid" @ "rules",
    ListTooShort { max_size: u32, seats: u32, target: Code } => "list_too_short" @ "max_size",
    ZeroWeights => "zero_weights" @ "weights",
    NotInPool { id: i64 } => "not_in_pool",
    NoLongerRegistered { id: i64 } => "no_longer_registered",
    SeveralPrimaries { target: Code, count: usize, polls: Vec<Code> } => "several_primaries",
    PrimariesNotCounted { target: Code, polls: Vec<Code> } => "primaries_not_counted" @ "target",
    NoRegisteredCandidates { target: Code } => "no_registered_candidates",
    ListDraftFailed { target: Code, problem: ListError } => "list_draft_failed",
    AlreadyOnList { name: String, place: usize } => "already_on_list" @ "iin",
    NotRegisteredCandidate { name: String, target: Code } => "not_registered_candidate" @ "iin",
    NotOnList { name: String, target: Code } => "not_on_list" @ "iin",
    NoSuchPlace { place: usize, last: usize } => "no_such_place" @ "place",
    ListNotApproved { target: Code } => "list_not_approved",
    NotTheListBelow { from: Code, target: Code, unit: Code } => "not_the_list_below" @ "from",
    ListBelowNotApproved { from: Code } => "list_below_not_approved" @ "from",
    AlreadyNominatedFrom { from: Code, target: Code } => "already_nominated_from" @ "from",
    NominatedByList => "nominated_by_list" @ "nominated_by",
    WrongApprovingConference { target: Code, unit: Code, meeting: Code, meeting_unit: Code } => "wrong_approving_conference" @ "meeting",
    ListRuleMajority => "list_rule_majority" @ "rule",
    WeakerRule { motion: Term, rule: Term, set: Term } => "weaker_rule" @ "rule",
    RevisionMismatch { revision: u32, target: Code, current: u32 } => "revision_mismatch" @ "revision",
    /// `violations` describes the list rules the list breaks.
    ListViolations { target: Code, violations: Violations } => "list_violations",
    LapsedCandidates { lapsed: Vec<String>, target: Code } => "lapsed_candidates",
    ListChangedSinceVote { target: Code, vote: u32, revision: u32 } => "list_changed_since_vote",
    UnknownMandate { meeting: Code, number: u32 } => "unknown_mandate" @ "mandate",
    CredentialMeetingStatus { meeting: Code, status: Term } => "credential_meeting_status",
    CredentialNotCheckedIn { meeting: Code } => "credential_not_checked_in",
    InvalidCode => "invalid_code" @ "code",
    CodeUsed => "code_used" @ "code",
    BoxOnlyCommand { command: String } => "box_only_command",
    FileOnlyCommand { command: String } => "file_only_command",
    MinutesNotFinal { meeting: Code, status: Term } => "minutes_not_final" @ "meeting",
    ScanHash => "scan_hash" @ "sha256",
    ScanType { media_type: String } => "scan_type" @ "media_type",
    ScanSize { size: u64, max: u64 } => "scan_size" @ "size",
    /// The ballot box's own final checkpoint was refused: `refusal` says why.
    FinalCheckpointRefused { poll: Code, refusal: Box<RuleError> } => "final_checkpoint_refused",
    AccountExists { login: String } => "account_exists" @ "login",
    NoAccount { login: String } => "no_account" @ "login",
    AccountDisabled { login: String } => "account_disabled" @ "login",
    /// A grant names exactly one of a unit, a meeting or a poll.
    GrantScopeOne => "grant_scope_one",
    GrantExists { role: &'static str, iin: String, scope: String } => "grant_exists" @ "iin",
    NoGrant { role: &'static str, iin: String, scope: String } => "no_grant" @ "iin",
    /// The meeting or poll of a new grant has ended already (`status`).
    GrantScopeEnded { scope: String, status: &'static str } => "grant_scope_ended",
    /// Not a refusal: the record given to the rules lacks something the store should have loaded.
    Internal { what: String } => "internal",
}

impl RuleError {
    /// The command field or object this refusal concerns, where there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            RuleError::Empty { field } | RuleError::TooLong { field, .. } => Some(field),
            other => other.fixed_field(),
        }
    }

    /// The parameters as data (numbers as numbers, codes as text), for an API answer.
    pub fn params(&self) -> Vec<(&'static str, Param)> {
        self.params_in(None)
    }

    /// The sentence in `lang`, from the catalogue key `refusal-<code>`.
    pub fn message(&self, lang: Lang) -> String {
        let key = format!("refusal-{}", self.code());
        i18n::message_with(lang, &key, &self.params_in(Some(lang)))
    }

    /// Whether this is an internal failure (the store's fault) rather than the user's.
    pub fn is_internal(&self) -> bool {
        matches!(self, RuleError::Internal { .. })
    }

    pub(crate) fn internal(what: impl Into<String>) -> RuleError {
        RuleError::Internal { what: what.into() }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RuleError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_a_sentence_in_every_language() {
        let examples = RuleError::examples();
        assert_eq!(examples.len(), RuleError::CODES.len());
        for refusal in examples {
            for lang in Lang::ALL {
                let key = format!("refusal-{}", refusal.code());
                assert!(i18n::has(lang, &key), "{key} is missing in {lang:?}");
                let text = refusal.message(lang);
                assert!(
                    !text.contains('{') && !text.contains("refusal-"),
                    "{key} in {lang:?} does not render: {text}"
                );
            }
        }
    }

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in RuleError::CODES {
            assert!(seen.insert(*code), "{code} is used twice");
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code} is not snake_case"
            );
        }
    }

    #[test]
    fn a_refusal_carries_code_field_params_and_sentences() {
        let refusal = RuleError::NoQuorum {
            present: 3,
            electorate: 10,
            needed: 6,
            action: "open_meeting",
        };
        assert_eq!(refusal.code(), "no_quorum");
        assert_eq!(refusal.params()[0], ("present", Param::Number(3)));
        assert_eq!(
            refusal.to_string(),
            "no quorum: 3 of 10 present, at least 6 needed to open the meeting"
        );
        assert_eq!(
            refusal.message(Lang::Ru),
            "кворума нет: присутствуют 3 из 10, чтобы открыть заседание, нужно не менее 6"
        );
        let status = RuleError::MeetingStatus {
            meeting: Code::example(),
            status: Term::new("meeting_status", "open"),
            action: "check_in",
            allowed: Alternatives::new("meeting_status", vec!["planned", "registration"]),
        };
        assert_eq!(
            status.to_string(),
            "meeting ALM-AKSU is open: to check in it must be planned or registration"
        );
        assert!(status.message(Lang::Kk).contains("немесе"));
        assert!(
            status
                .message(Lang::Ru)
                .contains("нужен статус «запланировано» или «идёт регистрация участников»"),
            "{}",
            status.message(Lang::Ru)
        );
        let empty = RuleError::Empty { field: "reason" };
        assert_eq!(empty.field(), Some("reason"));
        assert_eq!(
            RuleError::MeetingsMissing {
                meeting: Code::example(),
                count: 12,
                units: vec!["A".into(), "B".into()],
                more: 2,
            }
            .to_string(),
            "ALM-AKSU cannot start: 12 units below it have not held their meetings: A, B and 2 more (hold them, or record excuse_unit with a reason)"
        );
    }
}
