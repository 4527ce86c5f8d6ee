//! A party list as people read it: every place with the candidate's public particulars, for pages, CSV, PDF and the election commission's export.

use jiff::civil::Date;
use serde::Serialize;

use super::record::{ListEvent, PartyList, TargetListRules};
use crate::iin::{Iin, Sex};
use crate::model::{Body, Code, UnitNames};
use crate::poll::NominatedBy;

/// One place of a list with what a reader needs to know about the candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SheetRow {
    pub place: u32,
    pub member: i64,
    pub full_name: String,
    /// Only for the election commission's export; never shown on public pages or files.
    #[serde(skip)]
    pub iin: Iin,
    /// Public pages and files carry the **year** of birth only (as `birth_year`): the full date,
    /// with the sex, gives 7 of the 12 IIN digits. The commission's export reads the full date.
    #[serde(rename = "birth_year", serialize_with = "year_only")]
    pub birth_date: Date,
    pub sex: Sex,
    /// The member's primary party organization.
    pub unit: Code,
    pub unit_names: UnitNames,
    /// The district or city branch above that unit, when there is one.
    pub branch: Option<Code>,
    pub branch_names: Option<UnitNames>,
    pub nominated_by: NominatedBy,
    /// 1-based place in the primaries' overall rating, with the votes.
    pub primaries_place: Option<u32>,
    pub primaries_votes: Option<u64>,
    pub conference_votes: Option<u64>,
    pub rating_position: u32,
}

fn year_only<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i16(date.year())
}

/// Everything printed about one list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListSheet {
    pub campaign: Code,
    pub campaign_name: String,
    pub election_day: Date,
    pub target: Code,
    pub target_name: String,
    pub body: Body,
    pub seats: u32,
    pub rules: Option<TargetListRules>,
    pub list: PartyList,
    pub rows: Vec<SheetRow>,
    pub events: Vec<ListEvent>,
    /// The journal entry that last changed the list (`SEQ:HASH`), so a reader can check it.
    pub anchor: String,
}
