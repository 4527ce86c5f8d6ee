//! A district conference under way now, for the live demo (`serve --demo --live`): the 2020 ladder of the region replayed as a campaign of its own, moved so that one conference of 10 November opens half an hour from now while its delegates are checking in.
//!
//! The calendar moves by whole days (the 10th becomes today, so the PPO meetings were held two
//! and three days ago and their protocols are within their entry deadline); the one conference
//! then moves by the minutes that put its opening 30 minutes ahead. Whatever the ladder did up to
//! now is kept (earlier conferences of the day closed, the registration of this one half done);
//! everything after now is left to the people trying the demo: the rest of the check-ins, the
//! credentials report, the presidium, the votes.

use crate::live::Shift;
use crate::{BRANCH_PHASE, PPO_PHASE, REGION_PHASE, Scale, TIME_ZONE, ladder_commands};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use mandat_core::command::CreateCampaign;
use mandat_core::{Code, Command, Envelope, Iin};
use serde_json::Value;

/// The campaign of the rehearsal: its own, so that its calendar (today) and the primaries'
/// calendar (the vote open today) do not meet.
pub const REHEARSAL_CAMPAIGN: &str = "hall-rehearsal";

/// The day of 2020 whose conferences become today's.
const CONFERENCE_DAY: Date = date(2020, 11, 10);

/// How far ahead of now the conference opens.
const OPENS_IN: SignedDuration = SignedDuration::from_mins(30);

/// The rehearsal's commands (up to now, in time order) and its conference.
pub struct Rehearsal {
    pub commands: Vec<Envelope>,
    /// The conference opening half an hour from now.
    pub conference: Code,
    /// Its delegates already checked in, in the order they came.
    pub checked_in: Vec<Iin>,
    /// Its delegates not checked in yet.
    pub expected: Vec<Iin>,
}

/// The rehearsal for `now` from the region demo of `seed`, or `None` when the ladder has no
/// branch conference on the day (a generator change would show here first, in the tests).
pub fn rehearsal(seed: u64, now: Timestamp) -> Option<Rehearsal> {
    let zone = TimeZone::get(TIME_ZONE).unwrap_or(TimeZone::UTC);
    let ladder = ladder_commands(Scale::Region, seed);
    // The smallest conference of the day: the fewest delegates to check in by hand.
    let conference = ladder
        .iter()
        .filter_map(|e| match &e.command {
            Command::ConveneMeeting(c)
                if c.phase.as_str() == BRANCH_PHASE
                    && zone.to_datetime(c.scheduled_at).date() == CONFERENCE_DAY =>
            {
                Some(c)
            }
            _ => None,
        })
        .min_by_key(|c| (c.capacity, c.code.clone()))?
        .clone();
    let today = zone.to_datetime(now).date();
    let shift = Shift::by_days((today - CONFERENCE_DAY).get_days());
    let nudge = (now + OPENS_IN).duration_since(shift.instant(conference.scheduled_at));
    let from = Scale::Region.campaign_code();
    let mut commands: Vec<Envelope> = campaign()
        .into_iter()
        .chain(ladder)
        .filter_map(|e| {
            let mut moved = shift.moved(&e)?;
            let concerns = |code: &Code| match &moved.command {
                Command::ConveneMeeting(c) => &c.code == code,
                other => serde_json::to_value(other)
                    .ok()
                    .is_some_and(|v| v["meeting"] == code.as_str()),
            };
            if concerns(&conference.code) {
                match &mut moved.command {
                    Command::ConveneMeeting(c) => c.scheduled_at += nudge,
                    _ => moved.held_at += nudge,
                }
            }
            let mut value = serde_json::to_value(&moved).ok()?;
            if let Some(campaign) = value.get_mut("campaign")
                && campaign == from
            {
                *campaign = Value::String(REHEARSAL_CAMPAIGN.to_owned());
            }
            let renamed: Envelope = serde_json::from_value(value).ok()?;
            (renamed.held_at <= now).then_some(renamed)
        })
        .collect();
    commands.sort_by_key(|e| e.held_at);
    let mut checked_in = Vec::new();
    for e in &commands {
        if let Command::CheckIn(c) = &e.command
            && c.meeting == conference.code
            && let Some(iin) = c.iin
        {
            checked_in.push(iin);
        }
    }
    // The delegates are those the PPO meetings elected to this branch's conference.
    let mut expected = Vec::new();
    for e in ladder_commands(Scale::Region, seed) {
        if let Command::CheckIn(c) = &e.command
            && c.meeting == conference.code
            && let Some(iin) = c.iin
            && !checked_in.contains(&iin)
        {
            expected.push(iin);
        }
    }
    Some(Rehearsal {
        commands,
        conference: conference.code,
        checked_in,
        expected,
    })
}

/// `create_campaign` and the three ladder phases of the 2020 calendar, one after the other.
fn campaign() -> Vec<Envelope> {
    let Ok(code) = Code::parse(REHEARSAL_CAMPAIGN) else {
        return Vec::new();
    };
    let mut out = vec![crate::envelope(Command::CreateCampaign(CreateCampaign {
        code: code.clone(),
        name: "Репетиция конференции (демо)".to_owned(),
        election_day: crate::ELECTION_DAY,
        time_zone: TIME_ZONE.to_owned(),
    }))];
    let phases: Vec<crate::CalendarPhase> = crate::calendar()
        .into_iter()
        .filter(|p| [PPO_PHASE, BRANCH_PHASE, REGION_PHASE].contains(&p.code.as_str()))
        .collect();
    for i in 0..phases.len() {
        if let Some(set) = crate::phase_command(&code, &phases, i, None) {
            out.push(crate::envelope(Command::SetPhase(set)));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_conference_opens_half_an_hour_from_now_with_its_registration_half_done() {
        let now: Timestamp = "2026-12-07T05:10:00Z".parse().unwrap();
        let r = rehearsal(1, now).unwrap();
        assert!(r.commands.iter().all(|e| e.held_at <= now));
        assert!(r.commands.windows(2).all(|w| w[0].held_at <= w[1].held_at));
        let convened = r
            .commands
            .iter()
            .find_map(|e| match &e.command {
                Command::ConveneMeeting(c) if c.code == r.conference => Some(c.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(convened.scheduled_at, now + OPENS_IN);
        assert_eq!(convened.campaign.as_str(), REHEARSAL_CAMPAIGN);
        // Registration opened an hour before the start: half of it has passed.
        assert!(!r.checked_in.is_empty() && !r.expected.is_empty());
        // Nothing of the conference after its registration: no credentials report, no vote.
        assert!(!r.commands.iter().any(|e| matches!(&e.command,
            Command::ReportCredentials(c) if c.meeting == r.conference)));
        // The PPO meetings were held days ago and are in.
        assert!(
            r.commands
                .iter()
                .any(|e| matches!(&e.command, Command::CloseMeeting(_)))
        );
    }
}
