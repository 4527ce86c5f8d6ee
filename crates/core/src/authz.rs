//! The one authorization policy: which role may submit which command (a table), for which part of the party (the scope rule), decided against the record with a typed reason for every refusal.
//!
//! A principal is a staff account (admin or organizer, scoped to a unit and everything under
//! it) or a person signed in with IIN and code, holding grants (for a unit, a meeting or a
//! poll). A command names what it acts on ([`subjects`]); the record places each subject in a
//! unit ([`Locate`]). A command is allowed when the principal's role may submit it
//! ([`may`]) and every subject lies within the principal's scope — for a person, within one
//! grant that has not lapsed. The web's command API and any future entry point consult
//! [`authorize`] and nothing else.

use crate::command::Command;
use crate::i18n::Param;
use crate::iin::Iin;
use crate::model::Code;
use crate::staff::{Grant, GrantScope, GrantedRole, Login, StaffRole};
use crate::state::Snapshot;

/// Every role, staff or granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Admin,
    Organizer,
    Secretary,
    CountingCommission,
    RegistrationDesk,
    Observer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Organizer,
        Role::Secretary,
        Role::CountingCommission,
        Role::RegistrationDesk,
        Role::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organizer => "organizer",
            Role::Secretary => "secretary",
            Role::CountingCommission => "counting_commission",
            Role::RegistrationDesk => "registration_desk",
            Role::Observer => "observer",
        }
    }
}

impl From<StaffRole> for Role {
    fn from(role: StaffRole) -> Role {
        match role {
            StaffRole::Admin => Role::Admin,
            StaffRole::Organizer => Role::Organizer,
        }
    }
}

impl From<GrantedRole> for Role {
    fn from(role: GrantedRole) -> Role {
        match role {
            GrantedRole::Secretary => Role::Secretary,
            GrantedRole::CountingCommission => Role::CountingCommission,
            GrantedRole::RegistrationDesk => Role::RegistrationDesk,
            GrantedRole::Observer => Role::Observer,
        }
    }
}

/// What an organizer may not do that an admin may: the rules version and the accounts.
const ADMIN_ONLY: &[&str] = &["adopt_rules", "add_account", "disable_account"];

/// What a meeting's secretary runs: registration, the agenda, the votes, the close.
const SECRETARY: &[&str] = &[
    "open_registration",
    "check_in",
    "record_attendance",
    "check_out",
    "reissue_card",
    "report_credentials",
    "renew_projector_link",
    "open_meeting",
    "fail_meeting",
    "put_to_vote",
    "confirm_presence",
    "cast_named_vote",
    "record_speaker",
    "count_vote",
    "cancel_vote",
    "close_meeting",
];

/// What a registration desk does: participants in and out, cards, voters at a station.
const REGISTRATION_DESK: &[&str] = &[
    "check_in",
    "record_attendance",
    "check_out",
    "reissue_card",
    "mark_at_station",
];

/// What a counting commission does: a meeting's counts, a poll's returns, conflicts and count.
const COUNTING_COMMISSION: &[&str] = &[
    "count_vote",
    "renew_projector_link",
    "enter_station_return",
    "resolve_station_conflict",
    "count_poll",
];

/// Whether `role` may submit the command named `name` at all (its scope is checked apart).
/// Commands only the ballot box or a file-storing entry point writes are nobody's.
pub fn may(role: Role, name: &str) -> bool {
    match role {
        Role::Admin => true,
        Role::Organizer => !ADMIN_ONLY.contains(&name),
        Role::Secretary => SECRETARY.contains(&name),
        Role::RegistrationDesk => REGISTRATION_DESK.contains(&name),
        Role::CountingCommission => COUNTING_COMMISSION.contains(&name),
        // An observer reads; no command is theirs.
        Role::Observer => false,
    }
}

/// What a command acts on, as it names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The whole party: the rules, campaigns and their calendars, targets, decision rules.
    Root,
    Unit(Code),
    Meeting(Code),
    Poll(Code),
    Debate(Code),
    /// A campaign's target: its electorate unit.
    Target {
        campaign: Code,
        target: Code,
    },
    /// A member or registered person: their unit.
    Member(Iin),
    Account(Login),
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Subject::Root => f.write_str("party"),
            Subject::Unit(c) => write!(f, "unit:{c}"),
            Subject::Meeting(c) => write!(f, "meeting:{c}"),
            Subject::Poll(c) => write!(f, "poll:{c}"),
            Subject::Debate(c) => write!(f, "debate:{c}"),
            Subject::Target { campaign, target } => write!(f, "target:{campaign}/{target}"),
            Subject::Member(iin) => write!(f, "member:{}", iin.masked()),
            Subject::Account(login) => write!(f, "account:{login}"),
        }
    }
}

/// What `command` acts on; a principal must hold every one of them in scope. One exhaustive
/// match, so that a new command does not compile until it says what it touches.
pub fn subjects(command: &Command) -> Vec<Subject> {
    use Command as C;
    let unit = |c: &Code| Subject::Unit(c.clone());
    let meeting = |c: &Code| Subject::Meeting(c.clone());
    let poll = |c: &Code| Subject::Poll(c.clone());
    let target = |campaign: &Code, target: &Code| Subject::Target {
        campaign: campaign.clone(),
        target: target.clone(),
    };
    let scoped = |u: &Option<Code>, m: &Option<Code>, p: &Option<Code>| {
        let mut out: Vec<Subject> = Vec::new();
        out.extend(u.iter().map(unit));
        out.extend(m.iter().map(meeting));
        out.extend(p.iter().map(poll));
        if out.is_empty() {
            out.push(Subject::Root);
        }
        out
    };
    match command {
        C::AdoptRules(_)
        | C::CreateCampaign(_)
        | C::SetPhase(_)
        | C::RemovePhase(_)
        | C::SetTarget(_)
        | C::RemoveTarget(_)
        | C::SetDecisionRule(_) => vec![Subject::Root],
        C::CreateUnit(c) => vec![c.parent.as_ref().map_or(Subject::Root, unit)],
        C::RenameUnit(c) => vec![unit(&c.code)],
        C::CloseUnit(c) => vec![unit(&c.code)],
        C::MoveUnit(c) => vec![unit(&c.code), unit(&c.parent)],
        C::RegisterMember(c) => vec![unit(&c.unit)],
        C::RegisterPerson(c) => vec![unit(&c.unit)],
        C::ChangeMemberPhone(c) => vec![Subject::Member(c.iin)],
        C::SetMemberStatus(c) => vec![Subject::Member(c.iin)],
        C::TransferMember(c) => vec![Subject::Member(c.iin), unit(&c.unit)],
        C::ConveneMeeting(c) => vec![unit(&c.unit)],
        C::SetEntryDeadline(c) => vec![meeting(&c.meeting)],
        C::SetRepresentation(c) => vec![unit(&c.conference_unit)],
        C::OpenRegistration(c) => vec![meeting(&c.meeting)],
        C::CheckIn(c) => vec![meeting(&c.meeting)],
        C::RecordAttendance(c) => vec![meeting(&c.meeting)],
        C::CheckOut(c) => vec![meeting(&c.meeting)],
        C::ReissueCard(c) => vec![meeting(&c.meeting)],
        C::ReplaceDelegate(c) => vec![unit(&c.conference_unit)],
        C::ReportCredentials(c) => vec![meeting(&c.meeting)],
        C::RenewProjectorLink(c) => vec![meeting(&c.meeting)],
        C::OpenMeeting(c) => vec![meeting(&c.meeting)],
        C::FailMeeting(c) => vec![meeting(&c.meeting)],
        C::PutToVote(c) => vec![meeting(&c.meeting)],
        C::ConfirmPresence(c) => vec![meeting(&c.meeting)],
        C::CastNamedVote(c) => vec![meeting(&c.meeting)],
        C::RecordSpeaker(c) => vec![meeting(&c.meeting)],
        C::CountVote(c) => vec![meeting(&c.meeting)],
        C::CancelVote(c) => vec![meeting(&c.meeting)],
        C::CloseMeeting(c) => vec![meeting(&c.meeting)],
        C::AttachSignedMinutes(c) => vec![meeting(&c.meeting)],
        C::ExcuseUnit(c) => vec![unit(&c.unit)],
        C::SetEligibility(c) => vec![target(&c.campaign, &c.target)],
        C::NominateCandidate(c) => vec![target(&c.campaign, &c.target)],
        C::RegisterCandidate(c) => vec![target(&c.campaign, &c.target)],
        C::RefuseCandidate(c) => vec![target(&c.campaign, &c.target)],
        C::WithdrawCandidate(c) => vec![target(&c.campaign, &c.target)],
        C::ScheduleDebate(c) => vec![unit(&c.unit)],
        C::SetDebateQuotas(c) => vec![target(&c.campaign, &c.target)],
        C::InviteToDebate(c) => vec![unit(&c.unit)],
        C::AnswerDebateInvitation(c) => vec![Subject::Debate(c.debate.clone())],
        C::RecordDebate(c) => vec![Subject::Debate(c.debate.clone())],
        C::CreatePoll(c) => match &c.electorate {
            crate::poll::Electorate::Members { unit: u } => vec![unit(u)],
            crate::poll::Electorate::CheckedIn { meeting: m } => vec![meeting(m)],
        },
        C::FreezeRoll(c) => vec![poll(&c.poll)],
        C::OpenPoll(c) => vec![poll(&c.poll)],
        C::PausePoll(c) => vec![poll(&c.poll)],
        C::ResumePoll(c) => vec![poll(&c.poll)],
        C::ExtendPoll(c) => vec![poll(&c.poll)],
        C::ClosePoll(c) => vec![poll(&c.poll)],
        C::ReopenPoll(c) => vec![poll(&c.poll)],
        C::RecordBallots(c) => vec![poll(&c.poll)],
        C::PublishCheckpoint(c) => vec![poll(&c.checkpoint.poll)],
        C::MarkAtStation(c) => vec![poll(&c.poll)],
        C::EnterStationReturn(c) => vec![poll(&c.poll)],
        C::ResolveStationConflict(c) => vec![poll(&c.poll)],
        C::SealBallots(c) => vec![poll(&c.poll)],
        C::CountPoll(c) => vec![poll(&c.poll)],
        C::SetListRules(c) => vec![target(&c.campaign, &c.target)],
        C::NominateFromList(c) => vec![target(&c.campaign, &c.target)],
        C::DraftList(c) => vec![target(&c.campaign, &c.target)],
        C::EditList(c) => vec![target(&c.campaign, &c.target)],
        C::WithdrawFromList(c) => vec![target(&c.campaign, &c.target)],
        C::AddAccount(c) => vec![unit(&c.unit)],
        C::DisableAccount(c) => vec![Subject::Account(c.login.clone())],
        C::GrantRole(c) => scoped(&c.unit, &c.meeting, &c.poll),
        C::RevokeGrant(c) => scoped(&c.unit, &c.meeting, &c.poll),
    }
}

/// Where the record places what commands name. [`Snapshot`] implements it; the policy's table
/// test uses a small map.
pub trait Locate {
    /// The unit a subject belongs to (a meeting's unit, a poll's electorate unit or meeting's
    /// unit, a member's PPO, a target's electorate unit); `None` when the record has no such
    /// thing. Never asked about [`Subject::Root`].
    fn unit_of(&self, subject: &Subject) -> Option<Code>;
    /// Whether `unit` has no unit above it (only an account there holds the whole party).
    fn is_root(&self, unit: &Code) -> bool;
    /// Whether `unit` is `ancestor` or lies under it.
    fn within(&self, unit: &Code, ancestor: &Code) -> bool;
    /// The meeting a poll is held at (a conference's rating vote), if any.
    fn meeting_of_poll(&self, poll: &Code) -> Option<Code>;
    /// Whether a grant's meeting or poll has ended for it: the status that ended it.
    fn lapsed(&self, grant: &Grant) -> Option<&'static str>;
}

impl Locate for Snapshot {
    fn unit_of(&self, subject: &Subject) -> Option<Code> {
        match subject {
            Subject::Root => None,
            Subject::Unit(c) => self.units.get(c).map(|u| u.code.clone()),
            Subject::Meeting(c) => self.meetings.get(c).map(|m| m.unit.clone()),
            Subject::Poll(c) => {
                let poll = self.polls.get(c)?;
                match &poll.electorate {
                    crate::poll::Electorate::Members { unit } => Some(unit.clone()),
                    crate::poll::Electorate::CheckedIn { meeting } => {
                        self.meetings.get(meeting).map(|m| m.unit.clone())
                    }
                }
            }
            Subject::Debate(c) => self.debates.get(c).map(|d| d.unit.clone()),
            Subject::Target { campaign, target } => self
                .targets
                .get(&(campaign.clone(), target.clone()))
                .map(|t| t.electorate_unit.clone()),
            Subject::Member(iin) => self.members.get(iin).map(|m| m.unit.clone()),
            Subject::Account(login) => self.accounts.get(login).map(|a| a.unit.clone()),
        }
    }

    fn is_root(&self, unit: &Code) -> bool {
        self.units.get(unit).is_some_and(|u| u.parent.is_none())
    }

    fn within(&self, unit: &Code, ancestor: &Code) -> bool {
        unit == ancestor || self.ancestors(unit).contains(&ancestor)
    }

    fn meeting_of_poll(&self, poll: &Code) -> Option<Code> {
        let poll = self.polls.get(poll)?;
        match &poll.electorate {
            crate::poll::Electorate::CheckedIn { meeting } => Some(meeting.clone()),
            crate::poll::Electorate::Members { .. } => poll.meeting.clone(),
        }
    }

    fn lapsed(&self, grant: &Grant) -> Option<&'static str> {
        crate::decide::staff_lapsed(self, grant)
    }
}

/// Who asks, as the record knows them at the moment of asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Staff {
        login: Login,
        role: StaffRole,
        unit: Code,
        disabled: bool,
    },
    /// A person signed in with IIN and code, with every grant the record holds for them.
    Person { iin: Iin, grants: Vec<Grant> },
    /// A participant signed in with the e-vote code handed out at one meeting's check-in: holds
    /// no role, and may only confirm their own presence for that meeting's open votes.
    Participant { iin: Iin, meeting: Code },
}

/// Who is signed in, before the record says what they hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signed {
    Staff(Login),
    Person(Iin),
    /// Signed in with the e-vote code of `meeting` (a delegate's phone).
    Participant {
        iin: Iin,
        meeting: Code,
    },
}

impl Principal {
    /// The principal as the record holds them now; `None` for a login that is not an account.
    pub fn of(signed: &Signed, state: &Snapshot) -> Option<Principal> {
        match signed {
            Signed::Staff(login) => state.accounts.get(login).map(|a| Principal::Staff {
                login: a.login.clone(),
                role: a.role,
                unit: a.unit.clone(),
                disabled: a.disabled,
            }),
            Signed::Person(iin) => Some(Principal::Person {
                iin: *iin,
                grants: state
                    .grants
                    .values()
                    .filter(|g| g.iin == *iin)
                    .cloned()
                    .collect(),
            }),
            Signed::Participant { iin, meeting } => Some(Principal::Participant {
                iin: *iin,
                meeting: meeting.clone(),
            }),
        }
    }
}

/// Why a command was refused to a principal; every one answers 403 and changes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Only the ballot box writes this command.
    BoxOnly {
        command: &'static str,
    },
    /// Only the entry point that stores its file writes this command.
    FileOnly {
        command: &'static str,
    },
    AccountDisabled {
        login: String,
    },
    /// The role may not submit this command anywhere.
    RoleMayNot {
        role: &'static str,
        command: &'static str,
    },
    /// The person holds no grant of a role that may submit this command.
    NoGrantFor {
        command: &'static str,
    },
    /// What the command acts on lies outside the principal's scope.
    OutsideScope {
        command: &'static str,
        subject: String,
        scope: String,
    },
    /// The grant that would allow it ended with its meeting or poll.
    GrantLapsed {
        scope: String,
        status: &'static str,
    },
    /// The command names something the record does not hold, so its scope is unknown.
    UnknownSubject {
        subject: String,
    },
    /// Only organizers and admins watch a unit's dashboard.
    WatchersOnly,
    /// The unit asked for lies outside the account's unit.
    WatchOutside {
        unit: String,
        scope: String,
    },
}

impl Denied {
    /// Every code; its sentence is `api-<code>` in the catalogue (`staff.ftl`).
    pub const CODES: &'static [&'static str] = &[
        "command_box_only",
        "command_file_only",
        "account_disabled_signin",
        "role_may_not",
        "no_grant_for",
        "outside_scope",
        "grant_lapsed",
        "unknown_subject",
        "watchers_only",
        "watch_outside",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Denied::BoxOnly { .. } => "command_box_only",
            Denied::FileOnly { .. } => "command_file_only",
            Denied::AccountDisabled { .. } => "account_disabled_signin",
            Denied::RoleMayNot { .. } => "role_may_not",
            Denied::NoGrantFor { .. } => "no_grant_for",
            Denied::OutsideScope { .. } => "outside_scope",
            Denied::GrantLapsed { .. } => "grant_lapsed",
            Denied::UnknownSubject { .. } => "unknown_subject",
            Denied::WatchersOnly => "watchers_only",
            Denied::WatchOutside { .. } => "watch_outside",
        }
    }

    /// The parameters of its sentence, as data.
    pub fn params(&self) -> Vec<(&'static str, Param)> {
        match self {
            Denied::BoxOnly { command }
            | Denied::FileOnly { command }
            | Denied::NoGrantFor { command } => vec![("command", Param::from(*command))],
            Denied::AccountDisabled { login } => vec![("login", Param::from(login.as_str()))],
            Denied::RoleMayNot { role, command } => vec![
                ("role", Param::from(*role)),
                ("command", Param::from(*command)),
            ],
            Denied::OutsideScope {
                command,
                subject,
                scope,
            } => vec![
                ("command", Param::from(*command)),
                ("subject", Param::from(subject.as_str())),
                ("scope", Param::from(scope.as_str())),
            ],
            Denied::GrantLapsed { scope, status } => vec![
                ("scope", Param::from(scope.as_str())),
                ("status", Param::from(*status)),
            ],
            Denied::UnknownSubject { subject } => vec![("subject", Param::from(subject.as_str()))],
            Denied::WatchersOnly => Vec::new(),
            Denied::WatchOutside { unit, scope } => vec![
                ("unit", Param::from(unit.as_str())),
                ("scope", Param::from(scope.as_str())),
            ],
        }
    }

    /// The sentence in `lang`.
    pub fn message(&self, lang: crate::Lang) -> String {
        crate::i18n::message_with(lang, &format!("api-{}", self.code()), &self.params())
    }
}

impl std::fmt::Display for Denied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::Lang::En))
    }
}

impl std::error::Error for Denied {}

/// What an allowed command is recorded with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authority {
    /// The journal's actor: `staff:LOGIN`, or `person:IIN-MASKED/grant:SEQ` naming the grant
    /// that allowed it (the journal entry of that grant holds the IIN; the actor does not).
    pub actor: String,
}

/// Whether `principal` may submit `command`, against the record `at`.
pub fn authorize(
    principal: &Principal,
    command: &Command,
    at: &impl Locate,
) -> Result<Authority, Denied> {
    let name = command.name();
    if command.ballot_box_only() {
        return Err(Denied::BoxOnly { command: name });
    }
    if command.file_only() {
        return Err(Denied::FileOnly { command: name });
    }
    // Each subject with its unit; `None` for the whole party.
    let mut placed: Vec<(Subject, Option<Code>)> = Vec::new();
    for subject in subjects(command) {
        let unit = match &subject {
            Subject::Root => None,
            other => Some(at.unit_of(other).ok_or_else(|| Denied::UnknownSubject {
                subject: other.to_string(),
            })?),
        };
        placed.push((subject, unit));
    }
    match principal {
        Principal::Staff {
            login,
            role,
            unit: scope,
            disabled,
        } => {
            if *disabled {
                return Err(Denied::AccountDisabled {
                    login: login.to_string(),
                });
            }
            let role = Role::from(*role);
            if !may(role, name) {
                return Err(Denied::RoleMayNot {
                    role: role.as_str(),
                    command: name,
                });
            }
            for (subject, unit) in &placed {
                let inside = match unit {
                    None => at.is_root(scope),
                    Some(unit) => at.within(unit, scope),
                };
                if !inside {
                    return Err(Denied::OutsideScope {
                        command: name,
                        subject: subject.to_string(),
                        scope: format!("unit:{scope}"),
                    });
                }
            }
            Ok(Authority {
                actor: format!("staff:{login}"),
            })
        }
        Principal::Participant { iin, meeting } => match command {
            // Their own presence, at their own meeting, named by IIN: nothing else.
            Command::ConfirmPresence(c)
                if &c.meeting == meeting && c.iin == Some(*iin) && c.mandate.is_none() =>
            {
                Ok(Authority {
                    actor: format!("participant:{}/meeting:{meeting}", iin.masked()),
                })
            }
            _ => Err(Denied::NoGrantFor { command: name }),
        },
        Principal::Person { iin, grants } => {
            let usable: Vec<&Grant> = grants
                .iter()
                .filter(|g| may(Role::from(g.role), name))
                .collect();
            if usable.is_empty() {
                return Err(Denied::NoGrantFor { command: name });
            }
            let mut lapsed = None;
            for grant in &usable {
                if !placed.iter().all(|(s, u)| covers(grant, s, u.as_ref(), at)) {
                    continue;
                }
                if let Some(status) = at.lapsed(grant) {
                    lapsed.get_or_insert(Denied::GrantLapsed {
                        scope: grant.scope.to_string(),
                        status,
                    });
                    continue;
                }
                return Ok(Authority {
                    actor: format!("person:{}/grant:{}", iin.masked(), grant.granted_seq),
                });
            }
            Err(lapsed.unwrap_or_else(|| Denied::OutsideScope {
                command: name,
                subject: placed
                    .first()
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_default(),
                scope: usable
                    .iter()
                    .map(|g| g.scope.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            }))
        }
    }
}

/// Whether `principal` may watch the dashboard of `unit` (and send its notices): an enabled
/// staff account, admin or organizer, whose unit is `unit` or lies above it. Reading, like
/// submitting, is decided here and nowhere else.
pub fn may_watch(principal: &Principal, unit: &Code, at: &impl Locate) -> Result<(), Denied> {
    match principal {
        Principal::Staff {
            login,
            unit: scope,
            disabled,
            ..
        } => {
            if *disabled {
                return Err(Denied::AccountDisabled {
                    login: login.to_string(),
                });
            }
            if at.within(unit, scope) {
                Ok(())
            } else {
                Err(Denied::WatchOutside {
                    unit: unit.to_string(),
                    scope: scope.to_string(),
                })
            }
        }
        Principal::Person { .. } | Principal::Participant { .. } => Err(Denied::WatchersOnly),
    }
}

/// Whether `principal` may operate the console of `meeting`: the policy's answer to "may they
/// submit `check_in` for that meeting" (a secretary, a registration desk, an organizer or admin
/// whose unit holds it) or, failing that, `count_vote` for it (the counting commission, who
/// enters the counts at the same console). Each step the console takes is authorized again as
/// the command it is; this only decides who sees the console at all. The refusal is the one
/// for `check_in`, unless only a counting commission's grant came near.
pub fn may_operate_console(
    principal: &Principal,
    meeting: &Code,
    at: &impl Locate,
) -> Result<Authority, Denied> {
    use crate::command::{CheckIn, CountVote};
    use crate::meeting::model::{Presence, Tally};
    let check_in = Command::CheckIn(CheckIn {
        meeting: meeting.clone(),
        iin: None,
        mandate: None,
        card: None,
        mode: Presence::Hall,
    });
    let refused = match authorize(principal, &check_in, at) {
        Ok(authority) => return Ok(authority),
        Err(denied) => denied,
    };
    let count = Command::CountVote(CountVote {
        meeting: meeting.clone(),
        vote: 0,
        hall: Tally::default(),
        recount_reason: None,
    });
    authorize(principal, &count, at).map_err(|counting| match (&refused, &counting) {
        // A counting commission is told why its own grant does not reach this meeting.
        (Denied::NoGrantFor { .. }, other) if !matches!(other, Denied::NoGrantFor { .. }) => {
            counting
        }
        _ => refused,
    })
}

/// Whether one grant covers one subject: a unit's grant everything placed under the unit; a
/// meeting's grant that meeting and the polls held at it; a poll's grant that poll.
fn covers(grant: &Grant, subject: &Subject, unit: Option<&Code>, at: &impl Locate) -> bool {
    match (&grant.scope, subject) {
        (GrantScope::Unit(scope), _) => unit.is_some_and(|u| at.within(u, scope)),
        (GrantScope::Meeting(m), Subject::Meeting(c)) => m == c,
        (GrantScope::Meeting(m), Subject::Poll(p)) => at.meeting_of_poll(p).as_ref() == Some(m),
        (GrantScope::Poll(p), Subject::Poll(c)) => p == c,
        _ => false,
    }
}

#[cfg(test)]
#[path = "authz_tests.rs"]
mod tests;
