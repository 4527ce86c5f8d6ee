//! The registry's records: units, members, campaigns with their phases and targets.

use crate::iin::{Iin, Sex};
use crate::phone::Phone;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A stable code chosen by people (`ALM-AKSU`, `almaty-2020`): letters, digits, `-`, `_`, `.`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Debug)]
#[serde(transparent)]
pub struct Code(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a code cannot be empty")]
    Empty,
    #[error("a code is at most 64 characters, this one has {0}")]
    TooLong(usize),
    #[error("a code holds Latin letters, digits, '-', '_' and '.' only, found {0:?}")]
    Character(char),
}

impl crate::i18n::Problem for CodeError {
    fn code(&self) -> &'static str {
        match self {
            CodeError::Empty => "code_empty",
            CodeError::TooLong(_) => "code_too_long",
            CodeError::Character(_) => "code_character",
        }
    }

    fn params(&self, _: crate::Lang) -> Vec<(&'static str, crate::i18n::Param)> {
        match self {
            CodeError::Empty => Vec::new(),
            CodeError::TooLong(length) => vec![("length", (*length).into())],
            CodeError::Character(character) => vec![("character", character.to_string().into())],
        }
    }
}

impl Code {
    pub fn parse(text: &str) -> Result<Code, CodeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CodeError::Empty);
        }
        if text.len() > 64 {
            return Err(CodeError::TooLong(text.len()));
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        {
            return Err(CodeError::Character(bad));
        }
        Ok(Code(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A fixed code for examples (the catalogue of refusals); never for input.
    pub(crate) fn example() -> Code {
        Code("ALM-AKSU".to_owned())
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Code {
    type Err = CodeError;

    fn from_str(text: &str) -> Result<Code, CodeError> {
        Code::parse(text)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Code::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A level of the party's organization.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// The central office, root of a national tree.
    Central,
    Region,
    District,
    City,
    /// A primary party organization (PPO).
    Primary,
}

impl UnitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Central => "central",
            UnitKind::Region => "region",
            UnitKind::District => "district",
            UnitKind::City => "city",
            UnitKind::Primary => "primary",
        }
    }

    pub fn parse(text: &str) -> Option<UnitKind> {
        match text.trim() {
            "central" => Some(UnitKind::Central),
            "region" => Some(UnitKind::Region),
            "district" => Some(UnitKind::District),
            "city" => Some(UnitKind::City),
            "primary" | "ppo" => Some(UnitKind::Primary),
            _ => None,
        }
    }

    /// The kinds a unit of this kind may sit under; an empty list means it is a root.
    pub fn allowed_parents(self) -> &'static [UnitKind] {
        match self {
            UnitKind::Central => &[],
            UnitKind::Region => &[UnitKind::Central],
            UnitKind::District | UnitKind::City => &[UnitKind::Region],
            UnitKind::Primary => &[UnitKind::District, UnitKind::City],
        }
    }

    /// Whether a unit of this kind may stand at the top of the tree.
    pub fn may_be_root(self) -> bool {
        matches!(self, UnitKind::Central | UnitKind::Region)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitNames {
    pub ru: String,
    pub kk: String,
    pub en: String,
}

impl UnitNames {
    /// The name in `lang`, as the registry holds it.
    pub fn in_lang(&self, lang: crate::Lang) -> &str {
        match lang {
            crate::Lang::Ru => &self.ru,
            crate::Lang::Kk => &self.kk,
            crate::Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub code: Code,
    pub kind: UnitKind,
    pub parent: Option<Code>,
    pub names: UnitNames,
    pub closed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    Active,
    Suspended,
    Expelled,
    /// A citizen in the registry who is not a party member: a candidate where the eligibility
    /// rules let non-members stand (`register_person`). Never on a roll, never counted.
    NonMember,
}

impl MemberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Suspended => "suspended",
            MemberStatus::Expelled => "expelled",
            MemberStatus::NonMember => "non_member",
        }
    }

    pub fn parse(text: &str) -> Option<MemberStatus> {
        match text.trim() {
            "active" => Some(MemberStatus::Active),
            "suspended" => Some(MemberStatus::Suspended),
            "expelled" => Some(MemberStatus::Expelled),
            "non_member" => Some(MemberStatus::NonMember),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The journal sequence number of the command that registered the member: stable on replay.
    pub id: i64,
    pub iin: Iin,
    pub full_name: String,
    pub phone: Phone,
    pub unit: Code,
    pub status: MemberStatus,
    pub joined_on: Date,
}

impl Member {
    pub fn sex(&self) -> Sex {
        self.iin.sex()
    }
    pub fn birth_date(&self) -> Date {
        self.iin.birth_date()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Campaign {
    pub code: Code,
    pub name: String,
    /// Ages for eligibility and quotas are counted on this day.
    pub election_day: Date,
    /// IANA name; calendar windows are defined and shown in this zone.
    pub time_zone: String,
}

impl Campaign {
    pub fn zone(&self) -> Result<TimeZone, jiff::Error> {
        TimeZone::get(&self.time_zone)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phase {
    pub campaign: Code,
    pub code: Code,
    pub starts_local: DateTime,
    pub ends_local: DateTime,
    /// Phases whose end this one must not start before.
    pub after: Vec<Code>,
    pub description: String,
}

impl Phase {
    /// The phase window as instants, in the campaign's zone.
    pub fn window(&self, zone: &TimeZone) -> Result<(Timestamp, Timestamp), jiff::Error> {
        Ok((
            self.starts_local
                .to_zoned_datetime(zone.clone())?
                .timestamp(),
            self.ends_local.to_zoned_datetime(zone.clone())?.timestamp(),
        ))
    }
}

/// The body a party list is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// A district or city maslikhat (local council).
    LocalMaslikhat,
    /// The regional maslikhat.
    RegionalMaslikhat,
    /// The Mazhilis of Parliament (the region's nominees to the party's national list).
    Mazhilis,
}

impl Body {
    pub fn as_str(self) -> &'static str {
        match self {
            Body::LocalMaslikhat => "local_maslikhat",
            Body::RegionalMaslikhat => "regional_maslikhat",
            Body::Mazhilis => "mazhilis",
        }
    }

    pub fn parse(text: &str) -> Option<Body> {
        match text {
            "local_maslikhat" => Some(Body::LocalMaslikhat),
            "regional_maslikhat" => Some(Body::RegionalMaslikhat),
            "mazhilis" => Some(Body::Mazhilis),
            _ => None,
        }
    }
}

/// A party list the campaign produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub campaign: Code,
    pub code: Code,
    pub body: Body,
    pub name: String,
    pub seats: u32,
    /// The unit whose members (its whole subtree) form the electorate.
    pub electorate_unit: Code,
}
