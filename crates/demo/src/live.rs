//! The demo on today's calendar (`mandat serve --demo --live`): the 2020 campaign moved forward by whole days, in the campaign's local time, so that the members' primaries are open now.
//!
//! Every time in every command moves: instants (`…Z`) through the campaign's local time, local
//! date-times and dates by the same number of days, so that a poll stays inside its phase's window
//! even across a change of the zone's offset (Kazakhstan moved from UTC+6 to UTC+5 in 2024).
//! Free text (a decision's "от 17.08.2020") keeps its words.

use crate::TIME_ZONE;
use jiff::civil::{Date, DateTime, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use mandat_core::Envelope;
use serde_json::Value;

/// The day of 2020 that today becomes: the second of the primaries' three days (they open on
/// 1 October at midnight and close on 3 October at 14:00, local time).
pub const LIVE_DAY: Date = date(2020, 10, 2);

/// A move of the calendar by whole days.
#[derive(Clone, Debug)]
pub struct Shift {
    days: i32,
    zone: TimeZone,
}

impl Shift {
    /// The shift that makes `LIVE_DAY` today (`now`, in the campaign's zone).
    pub fn to_today(now: Timestamp) -> Shift {
        let zone = TimeZone::get(TIME_ZONE).unwrap_or(TimeZone::UTC);
        let today = zone.to_datetime(now).date();
        let days = (today - LIVE_DAY).get_days();
        Shift { days, zone }
    }

    /// A move by `days` whole days of the campaign's local time.
    pub fn by_days(days: i32) -> Shift {
        let zone = TimeZone::get(TIME_ZONE).unwrap_or(TimeZone::UTC);
        Shift { days, zone }
    }

    pub fn days(&self) -> i32 {
        self.days
    }

    /// An instant moved by the shift's days of local time.
    pub fn instant(&self, at: Timestamp) -> Timestamp {
        let local = self.zone.to_datetime(at);
        local
            .checked_add(self.days.days())
            .ok()
            .and_then(|moved| moved.to_zoned_datetime(self.zone.clone()).ok())
            .map(|z| z.timestamp())
            .unwrap_or(at)
    }

    /// A command with every time in it moved; `None` when it would take effect after `now`.
    pub fn envelope(&self, envelope: &Envelope, now: Timestamp) -> Option<Envelope> {
        self.moved(envelope).filter(|moved| moved.held_at <= now)
    }

    /// A command with every time in it moved.
    pub fn moved(&self, envelope: &Envelope) -> Option<Envelope> {
        let mut value = serde_json::to_value(envelope).ok()?;
        self.walk(&mut value);
        serde_json::from_value(value).ok()
    }

    fn walk(&self, value: &mut Value) {
        match value {
            Value::String(text) => {
                if let Some(moved) = self.text(text) {
                    *text = moved;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.walk(v)),
            Value::Object(fields) => fields.values_mut().for_each(|v| self.walk(v)),
            _ => {}
        }
    }

    /// A time written as text, moved; `None` for any other text.
    fn text(&self, text: &str) -> Option<String> {
        let looks_like_date = text.len() >= 10
            && text.as_bytes()[4] == b'-'
            && text.as_bytes()[7] == b'-'
            && text.as_bytes()[..4].iter().all(u8::is_ascii_digit);
        if !looks_like_date {
            return None;
        }
        if text.ends_with('Z') {
            let at: Timestamp = text.parse().ok()?;
            return Some(self.instant(at).to_string());
        }
        match text.len() {
            10 => {
                let day: Date = text.parse().ok()?;
                Some(day.checked_add(self.days.days()).ok()?.to_string())
            }
            16 | 19 => {
                let at: DateTime = text.parse().ok()?;
                let moved = at.checked_add(self.days.days()).ok()?;
                let format = if text.len() == 16 {
                    "%Y-%m-%dT%H:%M"
                } else {
                    "%Y-%m-%dT%H:%M:%S"
                };
                Some(moved.strftime(format).to_string())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_second_day_of_the_vote_becomes_today_in_local_time() {
        let now: Timestamp = "2026-12-06T10:00:00Z".parse().unwrap();
        let shift = Shift::to_today(now);
        // 1 Oct 2020 00:00 at UTC+6 becomes 5 Dec 2026 00:00 at UTC+5.
        let opens: Timestamp = "2020-09-30T18:00:00Z".parse().unwrap();
        assert_eq!(shift.instant(opens).to_string(), "2026-12-04T19:00:00Z");
        assert_eq!(shift.text("2020-10-01T00:00").unwrap(), "2026-12-05T00:00");
        assert_eq!(shift.text("2020-10-01").unwrap(), "2026-12-05");
        assert_eq!(shift.text("ALM-AKSU.2020"), None);
        assert_eq!(shift.text("680314310004"), None);
    }
}
