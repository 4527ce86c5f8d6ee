//! Staff accounts and role grants as the record holds them: who may act, for which part of the party, and until when a grant lasts.
//!
//! An account (admin or organizer) is scoped to a unit and everything under it; its facts —
//! login, role, unit, disabled — are journaled (`add_account`, `disable_account`), its password
//! hash and TOTP secret are not (they live in the store's operational table). A grant gives a
//! person identified by IIN one of the other roles for a unit, a meeting or a poll
//! (`grant_role`, `revoke_grant`); a grant for a meeting or a poll lapses by itself when that
//! meeting or poll closes ([`Grant::lapsed`]), with no command.

use crate::iin::Iin;
use crate::meeting::model::MeetingStatus;
use crate::model::Code;
use crate::poll::PollStatus;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The longest login.
const MAX_LOGIN: usize = 40;

/// A staff account's login: 3 to 40 lowercase Latin letters, digits, `.`, `_` or `-`, starting
/// with a letter (so that it never reads as an IIN or a number in a log).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Debug)]
#[serde(transparent)]
pub struct Login(String);

/// Why a text is not a login.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    #[error("a login has 3 to {MAX_LOGIN} characters, this one {0}")]
    Length(usize),
    #[error(
        "a login starts with a lowercase Latin letter and has only lowercase Latin letters, digits, `.`, `_` and `-`; `{0}` is not allowed"
    )]
    Character(char),
}

impl Login {
    pub fn parse(text: &str) -> Result<Login, LoginError> {
        let text = text.trim();
        let len = text.chars().count();
        if !(3..=MAX_LOGIN).contains(&len) {
            return Err(LoginError::Length(len));
        }
        if let Some(first) = text.chars().next()
            && !first.is_ascii_lowercase()
        {
            return Err(LoginError::Character(first));
        }
        if let Some(bad) = text.chars().find(|c| {
            !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
        }) {
            return Err(LoginError::Character(bad));
        }
        Ok(Login(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Login {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Login {
    type Err = LoginError;

    fn from_str(text: &str) -> Result<Login, LoginError> {
        Login::parse(text)
    }
}

impl std::str::FromStr for StaffRole {
    type Err = String;

    fn from_str(text: &str) -> Result<StaffRole, String> {
        StaffRole::parse(text).ok_or_else(|| format!("{text:?}: choose admin or organizer"))
    }
}

impl std::str::FromStr for GrantedRole {
    type Err = String;

    fn from_str(text: &str) -> Result<GrantedRole, String> {
        GrantedRole::parse(text).ok_or_else(|| {
            format!(
                "{text:?}: choose secretary, counting_commission, registration_desk or observer"
            )
        })
    }
}

impl<'de> Deserialize<'de> for Login {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Login::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The role of a staff account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Everything within the unit, including the accounts under it.
    Admin,
    /// Everything within the unit but accounts and the rules version.
    Organizer,
}

impl StaffRole {
    pub const ALL: [StaffRole; 2] = [StaffRole::Admin, StaffRole::Organizer];

    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Admin => "admin",
            StaffRole::Organizer => "organizer",
        }
    }

    pub fn parse(text: &str) -> Option<StaffRole> {
        StaffRole::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
    }
}

/// A role granted to a person (signed in with IIN and a one-time code), never an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantedRole {
    /// Runs a meeting: registration, the agenda, votes, the close.
    Secretary,
    /// Counts: a meeting's votes, a poll's station returns, conflicts and the count.
    CountingCommission,
    /// Checks participants in at a meeting, marks voters at a polling station.
    RegistrationDesk,
    /// Watches: reads what the scope shows, changes nothing.
    Observer,
}

impl GrantedRole {
    pub const ALL: [GrantedRole; 4] = [
        GrantedRole::Secretary,
        GrantedRole::CountingCommission,
        GrantedRole::RegistrationDesk,
        GrantedRole::Observer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GrantedRole::Secretary => "secretary",
            GrantedRole::CountingCommission => "counting_commission",
            GrantedRole::RegistrationDesk => "registration_desk",
            GrantedRole::Observer => "observer",
        }
    }

    pub fn parse(text: &str) -> Option<GrantedRole> {
        GrantedRole::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
    }
}

/// What a grant covers: a unit and everything under it, one meeting, or one poll.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GrantScope {
    Unit(Code),
    Meeting(Code),
    Poll(Code),
}

impl GrantScope {
    /// `unit`, `meeting` or `poll`.
    pub fn kind(&self) -> &'static str {
        match self {
            GrantScope::Unit(_) => "unit",
            GrantScope::Meeting(_) => "meeting",
            GrantScope::Poll(_) => "poll",
        }
    }

    pub fn code(&self) -> &Code {
        match self {
            GrantScope::Unit(c) | GrantScope::Meeting(c) | GrantScope::Poll(c) => c,
        }
    }

    /// The scope from the three optional fields of a command: exactly one must be given.
    pub fn from_fields(
        unit: Option<&Code>,
        meeting: Option<&Code>,
        poll: Option<&Code>,
    ) -> Option<GrantScope> {
        match (unit, meeting, poll) {
            (Some(u), None, None) => Some(GrantScope::Unit(u.clone())),
            (None, Some(m), None) => Some(GrantScope::Meeting(m.clone())),
            (None, None, Some(p)) => Some(GrantScope::Poll(p.clone())),
            _ => None,
        }
    }

    /// `kind:CODE`, as stored and shown (`meeting:ALM-AKSU-P001-2020`).
    pub fn parse(text: &str) -> Option<GrantScope> {
        let (kind, code) = text.split_once(':')?;
        let code = Code::parse(code).ok()?;
        match kind {
            "unit" => Some(GrantScope::Unit(code)),
            "meeting" => Some(GrantScope::Meeting(code)),
            "poll" => Some(GrantScope::Poll(code)),
            _ => None,
        }
    }
}

impl fmt::Display for GrantScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind(), self.code())
    }
}

/// A staff account as the record holds it (no secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub login: Login,
    pub role: StaffRole,
    /// The unit it acts for, with everything under it.
    pub unit: Code,
    pub disabled: bool,
    /// The journal number of the `add_account` that made it.
    pub added_seq: i64,
}

/// A role granted to a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grant {
    pub iin: Iin,
    pub role: GrantedRole,
    pub scope: GrantScope,
    /// The journal number of the `grant_role` that made it: names the grant in the actor of
    /// what it is used for, without the IIN.
    pub granted_seq: i64,
}

/// The key of a grant in the record: one grant per person, role and scope.
pub type GrantKey = (Iin, GrantedRole, GrantScope);

impl Grant {
    pub fn key(&self) -> GrantKey {
        (self.iin, self.role, self.scope.clone())
    }

    /// Whether the grant has lapsed with its meeting or poll: a meeting's grants when it is
    /// closed or failed; a poll's when it is closed, except the counting commission's, whose
    /// work (station returns, conflicts, the count) comes after the close and ends with the
    /// count. A unit's grant lasts until revoked. `None` when it holds; otherwise the status
    /// that ended it.
    pub fn lapsed(
        &self,
        meeting_status: Option<MeetingStatus>,
        poll_status: Option<PollStatus>,
    ) -> Option<&'static str> {
        match &self.scope {
            GrantScope::Unit(_) => None,
            GrantScope::Meeting(_) => match meeting_status {
                Some(s @ (MeetingStatus::Closed | MeetingStatus::Failed)) => Some(s.as_str()),
                _ => None,
            },
            GrantScope::Poll(_) => match (poll_status, self.role) {
                (Some(PollStatus::Counted), _) => Some("counted"),
                (Some(PollStatus::Closed), role) if role != GrantedRole::CountingCommission => {
                    Some("closed")
                }
                _ => None,
            },
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_login_is_short_lowercase_and_starts_with_a_letter() {
        assert_eq!(Login::parse(" aksu.org ").unwrap().as_str(), "aksu.org");
        assert_eq!(Login::parse("ab"), Err(LoginError::Length(2)));
        assert_eq!(Login::parse("Aksu"), Err(LoginError::Character('A')));
        assert_eq!(Login::parse("1aksu"), Err(LoginError::Character('1')));
        assert_eq!(Login::parse("aksu org"), Err(LoginError::Character(' ')));
    }

    #[test]
    fn a_scope_reads_back_from_its_text() {
        let scope = GrantScope::Meeting(Code::parse("M-1").unwrap());
        assert_eq!(scope.to_string(), "meeting:M-1");
        assert_eq!(GrantScope::parse("meeting:M-1"), Some(scope));
        assert_eq!(GrantScope::parse("room:M-1"), None);
    }

    #[test]
    fn a_grant_lapses_with_its_meeting_or_poll_and_the_counters_last_until_the_count() {
        let iin = Iin::parse("850314400017").unwrap();
        let grant = |role, scope| Grant {
            iin,
            role,
            scope,
            granted_seq: 1,
        };
        let code = Code::parse("X").unwrap();
        let meeting = grant(GrantedRole::Secretary, GrantScope::Meeting(code.clone()));
        assert_eq!(meeting.lapsed(Some(MeetingStatus::Open), None), None);
        assert_eq!(
            meeting.lapsed(Some(MeetingStatus::Closed), None),
            Some("closed")
        );
        let desk = grant(
            GrantedRole::RegistrationDesk,
            GrantScope::Poll(code.clone()),
        );
        let counters = grant(GrantedRole::CountingCommission, GrantScope::Poll(code));
        assert_eq!(desk.lapsed(None, Some(PollStatus::Closed)), Some("closed"));
        assert_eq!(counters.lapsed(None, Some(PollStatus::Closed)), None);
        assert_eq!(
            counters.lapsed(None, Some(PollStatus::Counted)),
            Some("counted")
        );
    }
}
