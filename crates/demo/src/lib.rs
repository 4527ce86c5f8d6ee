//! mandat-demo: deterministic demo data for mandat.
//!
//! Two scales:
//! - [`Scale::Region`]: the Almaty regional branch of 2020 (`data/almaty-region-2020.csv`: the
//!   region, 17 district and 3 city branches) with 225 PPOs and 42,000 members, under the party's
//!   central office `NO` (its regional conference elects the region's delegates to the congress,
//!   which meets in the national demo only);
//! - [`Scale::National`]: a central office `NO` over the 17 regional branches of 2020 (14 oblasts
//!   in their 2020 borders and the cities of Nur-Sultan, Almaty and Shymkent), 202 district and city
//!   branches, 4,500 PPOs and 835,000 members. The Almaty region comes first and is the region demo
//!   itself: for the same seed the national member stream begins with the region's members.
//!
//! The same seed always gives byte-identical commands; another seed gives other people (and a
//! slightly different spread of PPOs over the branches). Everything is applied in the order
//! [`commands`] gives: units (parents first), the campaign with its calendar and party lists,
//! then members, all at [`HELD_AT`] by the actor [`ACTOR`], and every command passes
//! `mandat_core::decide`.

mod dates;
mod geo;
mod ladder;
mod lists;
pub mod live;
mod names;
mod people;
mod primaries;
mod rating_votes;
pub mod rehearsal;
mod rng;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use mandat_core::command::{
    CreateCampaign, CreateUnit, RegisterMember, SetEligibility, SetPhase, SetTarget,
};
use mandat_core::primaries::EligibilityRules;
use mandat_core::{Body, Code, Command, Envelope, UnitKind};
use serde::Serialize;
use std::fmt;
use std::io::Write;
use std::str::FromStr;

pub use geo::CENTRAL;
pub use ladder::{
    BRANCH_PHASE, PPO_PHASE, REGION_PHASE, ladder_commands, ladder_with_lists, meeting_code,
};
pub use lists::{
    ConferencePlan, ExpectedList, ExpectedWithdrawal, ListOutcome, ListPlan, ListSpec,
    conference_plan, expected_lists, list_plan,
};
pub use primaries::{
    DEMO_TURNOUT_PERMILLE, DemoBallots, DemoCast, EXTENSION_REASON, PrimariesPlan, primaries_plan,
    primaries_poll_code,
};
pub use rating_votes::{RatingVotes, rating_votes};

/// The Almaty region of 2020 as published: `code,parent,kind,name_ru,name_kk,name_en`.
pub const ALMATY_REGION_CSV: &str = geo::ALMATY_CSV;
/// The 2020 calendar: `phase,starts_local,ends_local,what` (local times in Asia/Almaty).
pub const CALENDAR_CSV: &str = include_str!("../../../data/calendar-2020.csv");

/// Who gives the demo's commands.
pub const ACTOR: &str = "demo";
/// When the demo's commands take effect: 2020-08-01 09:00 in Almaty, before nomination opens.
pub const HELD_AT: Timestamp = Timestamp::constant(1_596_250_800, 0);
/// The day of the elections the 2020 lists were for (ages for quotas are counted on it).
pub const ELECTION_DAY: Date = Date::constant(2021, 1, 10);
/// The campaign's time zone.
pub const TIME_ZONE: &str = "Asia/Almaty";
/// The last day a demo member can have joined.
pub const LAST_JOINED_ON: Date = Date::constant(2020, 7, 31);

/// How big a demo to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    /// The Almaty regional branch of 2020 (`ALM`, under the central office `NO`).
    Region,
    /// The whole party (root `NO`, the central office).
    National,
}

impl Scale {
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Region => "region",
            Scale::National => "national",
        }
    }

    /// The code of the demo campaign.
    pub fn campaign_code(self) -> &'static str {
        match self {
            Scale::Region => "almaty-2020",
            Scale::National => "national-2020",
        }
    }

    /// How many members [`member_commands`] gives.
    pub fn member_count(self) -> usize {
        match self {
            Scale::Region => geo::ALMATY_MEMBERS as usize,
            Scale::National => geo::NATIONAL_MEMBERS as usize,
        }
    }

    /// How many PPOs [`unit_commands`] creates.
    pub fn ppo_count(self) -> usize {
        match self {
            Scale::Region => geo::ALMATY_PPOS as usize,
            Scale::National => geo::NATIONAL_PPOS as usize,
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `region` or `national`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScale(pub String);

impl fmt::Display for UnknownScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown demo scale {:?}: use region or national", self.0)
    }
}

impl std::error::Error for UnknownScale {}

impl FromStr for Scale {
    type Err = UnknownScale;
    fn from_str(s: &str) -> Result<Scale, UnknownScale> {
        match s.trim() {
            "region" => Ok(Scale::Region),
            "national" => Ok(Scale::National),
            other => Err(UnknownScale(other.to_string())),
        }
    }
}

fn envelope(command: Command) -> Envelope {
    Envelope {
        actor: ACTOR.to_string(),
        held_at: HELD_AT,
        command,
    }
}

/// `create_unit` for every unit of the scale, parents first: the root, then each region followed
/// by its branches and their PPOs (`ALM-AKSU-P001`, ...).
pub fn unit_commands(scale: Scale, seed: u64) -> Vec<Envelope> {
    geo::tree(scale, seed)
        .units
        .into_iter()
        .filter_map(|row| {
            let code = Code::parse(&row.code).ok()?;
            let parent = match row.parent {
                Some(p) => Some(Code::parse(&p).ok()?),
                None => None,
            };
            Some(envelope(Command::CreateUnit(CreateUnit {
                code,
                kind: row.kind,
                parent,
                names: row.names,
            })))
        })
        .collect()
}

/// `register_member` for every member of the scale ([`Scale::member_count`] of them), generated
/// lazily, PPO after PPO in the order of [`unit_commands`].
pub fn member_commands(scale: Scale, seed: u64) -> impl Iterator<Item = Envelope> + Send {
    people::People::new(scale, seed, None).map(|p| {
        envelope(Command::RegisterMember(RegisterMember {
            iin: p.iin,
            full_name: p.full_name,
            phone: p.phone,
            unit: p.unit,
            joined_on: p.joined_on,
        }))
    })
}

/// One line of a members CSV (the import format).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    pub iin: String,
    pub full_name: String,
    pub phone: String,
    pub unit: String,
    /// `YYYY-MM-DD`
    pub joined_on: String,
}

/// `count` members spread over the scale's PPOs in proportion to their sizes, for a members CSV
/// of any size (with `count` = [`Scale::member_count`] these are the people of
/// [`member_commands`]). At most 120 million: the numbering plan has no more mobile numbers.
pub fn member_rows(
    scale: Scale,
    seed: u64,
    count: usize,
) -> impl Iterator<Item = MemberRow> + Send {
    people::People::new(scale, seed, Some(count as u64)).map(|p| MemberRow {
        iin: p.iin.to_string(),
        full_name: p.full_name,
        phone: p.phone.to_string(),
        unit: p.unit.to_string(),
        joined_on: p.joined_on.to_string(),
    })
}

/// Writes members as CSV with the header `iin,full_name,phone,unit,joined_on`.
pub fn write_members_csv(
    w: impl Write,
    rows: impl Iterator<Item = MemberRow>,
) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["iin", "full_name", "phone", "unit", "joined_on"])?;
    for row in rows {
        out.write_record([
            &row.iin,
            &row.full_name,
            &row.phone,
            &row.unit,
            &row.joined_on,
        ])?;
    }
    out.flush()
}

/// Writes the units of a scale as CSV with the header `code,parent,kind,name_ru,name_kk,name_en`
/// (the columns of `data/almaty-region-2020.csv`), parents first.
pub fn write_units_csv(w: impl Write, scale: Scale, seed: u64) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["code", "parent", "kind", "name_ru", "name_kk", "name_en"])?;
    for row in geo::tree(scale, seed).units {
        out.write_record([
            row.code.as_str(),
            row.parent.as_deref().unwrap_or(""),
            row.kind.as_str(),
            &row.names.ru,
            &row.names.kk,
            &row.names.en,
        ])?;
    }
    out.flush()
}

/// The order between phases that the calendar means: each phase and the phases it comes after.
/// A predecessor whose window has not ended when the phase starts is left out (with the 2020
/// calendar: the campaign runs through the debates and the vote, so neither comes after it).
const PHASE_ORDER: &[(&str, &[&str])] = &[
    ("campaign", &["nomination"]),
    ("debates", &["nomination"]),
    ("primary_vote", &["nomination", "debates", "campaign"]),
    ("primary_results", &["primary_vote", "campaign"]),
    ("ppo_meetings", &["primary_results"]),
    ("branch_conferences", &["ppo_meetings"]),
    ("regional_conference", &["branch_conferences"]),
    ("congress", &["regional_conference"]),
];

struct CalendarPhase {
    code: String,
    starts: DateTime,
    ends: DateTime,
    what: String,
}

/// `set_phase` for phase `i` of the calendar, in its order after the phases before it, ending at
/// `ends` instead of the calendar's end when given (the Bureau extends a phase).
fn phase_command(
    campaign: &Code,
    phases: &[CalendarPhase],
    i: usize,
    ends: Option<DateTime>,
) -> Option<SetPhase> {
    let phase = phases.get(i)?;
    let code = Code::parse(&phase.code).ok()?;
    let wanted = PHASE_ORDER
        .iter()
        .find(|(p, _)| *p == phase.code)
        .map_or(&[][..], |(_, after)| *after);
    let after = wanted
        .iter()
        .filter_map(|w| phases[..i].iter().find(|p| p.code == *w))
        .filter(|before| before.ends <= phase.starts)
        .filter_map(|before| Code::parse(&before.code).ok())
        .collect();
    Some(SetPhase {
        campaign: campaign.clone(),
        phase: code,
        starts_local: phase.starts,
        ends_local: ends.unwrap_or(phase.ends),
        after,
        description: phase.what.clone(),
    })
}

/// The calendar's `phase` extended to end at `ends` (local time): the 2020 vote was extended by
/// a day, and a poll may not run past its phase.
pub(crate) fn extended_phase(campaign: &Code, phase: &str, ends: DateTime) -> Option<SetPhase> {
    let phases = calendar();
    let i = phases.iter().position(|p| p.code == phase)?;
    phase_command(campaign, &phases, i, Some(ends))
}

fn calendar() -> Vec<CalendarPhase> {
    let mut reader = csv::ReaderBuilder::new().from_reader(CALENDAR_CSV.as_bytes());
    reader
        .records()
        .flatten()
        .filter_map(|record| {
            Some(CalendarPhase {
                code: record.get(0)?.trim().to_string(),
                starts: record.get(1)?.trim().parse().ok()?,
                ends: record.get(2)?.trim().parse().ok()?,
                what: record.get(3).unwrap_or("").trim().to_string(),
            })
        })
        .collect()
}

/// Seats of a district or city maslikhat, by population (thousands).
fn local_seats(weight: u32) -> u32 {
    match weight {
        0..30 => 15,
        30..60 => 17,
        60..100 => 19,
        100..200 => 21,
        200..400 => 23,
        _ => 25,
    }
}

/// Seats of a regional maslikhat (or of the maslikhat of a city of republican significance).
fn regional_seats(population: u32) -> u32 {
    match population {
        0..600 => 29,
        600..800 => 31,
        800..1000 => 33,
        1000..1500 => 35,
        _ => 37,
    }
}

/// The region's nominees for the party's Mazhilis list.
fn mazhilis_seats(population: u32) -> u32 {
    match population {
        0..1000 => 2,
        1000..1500 => 3,
        _ => 4,
    }
}

/// `create_campaign`, `set_phase` for every phase of the 2020 calendar (in its order, with the
/// order between phases), `set_target` for every party list and its `set_eligibility` (the
/// body's defaults, membership not required): the maslikhat of each district
/// and city branch (`ALM-AKSU.maslikhat`), the regional maslikhat (`ALM.maslikhat`) and the
/// region's Mazhilis nominees (`ALM.mazhilis`). City districts of Nur-Sultan, Almaty and Shymkent
/// had no maslikhats of their own in 2020 and get no list.
pub fn campaign_commands(scale: Scale) -> Vec<Envelope> {
    let mut out = Vec::new();
    let Ok(campaign) = Code::parse(scale.campaign_code()) else {
        return out;
    };
    let name = match scale {
        Scale::Region => "Праймериз и партийные списки 2020: Алматинский областной филиал",
        Scale::National => "Праймериз и партийные списки 2020",
    };
    out.push(envelope(Command::CreateCampaign(CreateCampaign {
        code: campaign.clone(),
        name: name.to_string(),
        election_day: ELECTION_DAY,
        time_zone: TIME_ZONE.to_string(),
    })));
    let phases = calendar();
    for i in 0..phases.len() {
        if let Some(set) = phase_command(&campaign, &phases, i, None) {
            out.push(envelope(Command::SetPhase(set)));
        }
    }
    let mut target = |code: String, body: Body, name: String, seats: u32, unit: &str| {
        if let (Ok(code), Ok(unit)) = (Code::parse(&code), Code::parse(unit)) {
            out.push(envelope(Command::SetTarget(SetTarget {
                campaign: campaign.clone(),
                code,
                body,
                name,
                seats,
                electorate_unit: unit,
            })));
        }
    };
    for region in geo::regions(scale) {
        if !region.city {
            for branch in &region.branches {
                let level = if branch.kind == UnitKind::City {
                    "городской"
                } else {
                    "районный"
                };
                target(
                    format!("{}.maslikhat", branch.code),
                    Body::LocalMaslikhat,
                    format!("{} {level} маслихат", branch.ru_adj),
                    local_seats(branch.weight),
                    &branch.code,
                );
            }
        }
        let level = if region.city {
            "городской"
        } else {
            "областной"
        };
        target(
            format!("{}.maslikhat", region.code),
            Body::RegionalMaslikhat,
            format!("{} {level} маслихат", region.ru_adj),
            regional_seats(region.population),
            &region.code,
        );
        target(
            format!("{}.mazhilis", region.code),
            Body::Mazhilis,
            format!(
                "Кандидаты от {} в партийный список в Мажилис",
                region.ru_gen
            ),
            mazhilis_seats(region.population),
            &region.code,
        );
    }
    if scale == Scale::National {
        // The national list the congress approves, drafted from the regions' nominees: as many
        // seats as they are (the Mazhilis had 98 party-list seats in 2021).
        let seats = geo::regions(scale)
            .iter()
            .map(|r| mazhilis_seats(r.population))
            .sum::<u32>()
            .min(98);
        target(
            NATIONAL_LIST.to_string(),
            Body::Mazhilis,
            "Партийный список кандидатов в депутаты Мажилиса Парламента Республики Казахстан"
                .to_string(),
            seats,
            geo::CENTRAL,
        );
    }
    // As in 2020, any citizen with electoral rights may stand in the primaries (only members
    // vote): every list's eligibility is its body's default, membership not required.
    let eligibility: Vec<Envelope> = out
        .iter()
        .filter_map(|env| match &env.command {
            Command::SetTarget(t) => Some(envelope(Command::SetEligibility(SetEligibility {
                campaign: t.campaign.clone(),
                target: t.code.clone(),
                rules: EligibilityRules {
                    membership_required: false,
                    ..EligibilityRules::defaults(t.body, mandat_core::RulesVersion::CURRENT)
                },
            }))),
            _ => None,
        })
        .collect();
    out.extend(eligibility);
    out
}

/// The code of the national Mazhilis list (the national scale's congress approves it).
pub const NATIONAL_LIST: &str = "NO.mazhilis";

/// Every command of the demo in an order that core accepts: units, then the campaign, then the
/// members (lazily).
pub fn commands(scale: Scale, seed: u64) -> impl Iterator<Item = Envelope> + Send {
    unit_commands(scale, seed)
        .into_iter()
        .chain(campaign_commands(scale))
        .chain(member_commands(scale, seed))
}

/// The registry ([`commands`]) and then the whole conference ladder ([`ladder_commands`]: PPO
/// meetings on 7–8 Nov 2020, branch conferences on 10–12 Nov, regional conferences on 16 Nov),
/// in `held_at` order. The ladder is generated when the registry has been consumed.
///
/// Its meeting protocols are checked against entry deadlines (three days after each phase) with
/// the journal's `recorded_at`: record each command at its own `held_at` plus a minute, not at
/// today's time.
pub fn full_demo(scale: Scale, seed: u64) -> impl Iterator<Item = Envelope> + Send {
    commands(scale, seed)
        .chain(std::iter::once(()).flat_map(move |()| ladder_commands(scale, seed)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seat_numbers_are_plausible() {
        assert_eq!(local_seats(41), 17);
        assert_eq!(local_seats(300), 23);
        assert_eq!(regional_seats(2055), 37);
        assert_eq!(mazhilis_seats(2055), 4);
    }

    #[test]
    fn scales_parse_from_their_names() {
        assert_eq!("region".parse::<Scale>(), Ok(Scale::Region));
        assert_eq!(" national".parse::<Scale>(), Ok(Scale::National));
        assert!("world".parse::<Scale>().is_err());
        assert_eq!(Scale::National.to_string(), "national");
    }

    #[test]
    fn the_calendar_parses_completely() {
        let phases = calendar();
        // The seed's eight phases and the congress of 25 Nov.
        assert_eq!(phases.len(), 9);
        assert_eq!(phases[0].code, "nomination");
        assert_eq!(phases[8].code, "congress");
        assert_eq!(phases[0].starts.to_string(), "2020-08-17T00:00:00");
    }
}
