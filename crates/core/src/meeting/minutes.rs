//! What the minutes (протокол) of a meeting state, resolved to names and numbers; rendering is in `minutes_text`.

use super::model::{MeetingKind, MeetingStatus, Stream};
use super::open_vote::{DecisionRule, Verdict};
use super::quorum::QuorumRule;
use crate::model::UnitNames;
use serde::Serialize;

/// The language of a rendered document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Ru,
    Kk,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "ru" => Some(Lang::Ru),
            "kk" => Some(Lang::Kk),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::Kk => "kk",
            Lang::En => "en",
        }
    }
}

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
    /// `credentials`, `presidium`, `agenda`, `delegates`, `resolution`.
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
    pub failure: Option<String>,
    pub chair: Option<Person>,
    pub secretary: Option<Person>,
    pub counting_commission: Vec<Person>,
    pub agenda: Vec<String>,
    pub votes: Vec<MinutesVote>,
    /// Delegates elected to the conference above, and its unit.
    pub delegates: Vec<Person>,
    pub delegates_to: Option<UnitNames>,
    /// The journal head (`SEQ:HASH`) at the close, or at the moment of printing if still open.
    pub anchor: String,
    pub anchor_is_close: bool,
}
