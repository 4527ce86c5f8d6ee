//! Polling stations: members marked as voting at a station, and each station's paper return.

use super::*;
use crate::command::Needs;
use crate::command::{EnterStationReturn, MarkAtStation, ResolveStationConflict};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for MarkAtStation {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
        needs.iins.extend(self.iins.iter().copied());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let MarkAtStation {
            poll,
            station,
            iins,
            offline,
        } = self;
        let held_at = at.held_at;
        mark_at_station(state, held_at, poll, station, iins, *offline)
    }
}

impl Decide for EnterStationReturn {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
        needs.poll_counts = true;
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let EnterStationReturn {
            poll,
            station,
            per_option,
            spoiled,
            ballots,
            commission,
        } = self;
        poll_of(state, poll).and_then(|p| {
            text("commission", commission, MAX_NAME)?;
            status_in(p, &[PollStatus::Closed], "enter_station_results")?;
            let detail = detail_of(state, poll)?;
            if detail.returns.iter().any(|r| &r.station == station) {
                return Err(RuleError::StationAlreadyEntered {
                    station: station.clone(),
                    poll: poll.clone(),
                });
            }
            let codes = p.option_codes();
            let ranked = !matches!(p.method, Method::Plurality | Method::Approval { .. });
            if ranked && !per_option.is_empty() {
                return Err(RuleError::RankedNeedsBallots {
                    poll: poll.clone(),
                    method: p.method.name().to_string(),
                });
            }
            if let Some(unknown) = per_option.keys().find(|k| !codes.contains(k)) {
                return Err(RuleError::UnknownStationOption {
                    station: station.clone(),
                    option: unknown.to_string(),
                    poll: poll.clone(),
                    options: codes.iter().map(|c| c.to_string()).collect(),
                });
            }
            for (n, content) in ballots.iter().enumerate() {
                ballot::validate(content, &codes, p.method).map_err(|e| {
                    RuleError::PaperBallotInvalid {
                        station: station.clone(),
                        ballot: n + 1,
                        problem: e,
                    }
                })?;
            }
            let at_station = roll_marked_at(detail, station);
            let entered = if matches!(p.method, Method::Plurality) {
                per_option.values().sum::<u64>() + ballots.len() as u64 + spoiled
            } else {
                ballots.len() as u64 + spoiled
            };
            // Approval counts add up to more than the ballots; the others cannot exceed them.
            if (matches!(p.method, Method::Plurality) || ranked) && entered > at_station {
                return Err(RuleError::StationBallotsExceedVoters {
                    station: station.clone(),
                    entered,
                    marked: at_station,
                });
            }
            Ok(vec![Change::PutStationReturn(StationReturn {
                poll: poll.clone(),
                station: station.clone(),
                per_option: per_option.clone(),
                spoiled: *spoiled,
                ballots: ballots.clone(),
                commission: commission.trim().to_string(),
            })])
        })
    }
}

impl Decide for ResolveStationConflict {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ResolveStationConflict {
            poll,
            station,
            iin,
            outcome,
            decision,
        } = self;
        text("decision", decision, MAX_TEXT)?;
        let p = poll_of(state, poll)?;
        status_in(
            p,
            &[PollStatus::Open, PollStatus::Paused, PollStatus::Closed],
            "resolve_station_conflict",
        )?;
        let member = existing_member(state, iin)?;
        let conflict = detail_of(state, poll)?
            .conflicts
            .iter()
            .find(|c| &c.station == station && c.member == member.id)
            .ok_or_else(|| RuleError::NoStationConflict {
                poll: poll.clone(),
                station: station.clone(),
                iin: iin.masked(),
            })?;
        if let Some(done) = &conflict.resolution {
            return Err(RuleError::ConflictResolved {
                station: station.clone(),
                iin: iin.masked(),
                outcome: Term::new("conflict_outcome", done.outcome.as_str()),
            });
        }
        Ok(vec![Change::PutStationConflict(StationConflict {
            resolution: Some(ConflictResolution {
                outcome: *outcome,
                decision: decision.trim().to_string(),
                decided_at: at.held_at,
            }),
            ..conflict.clone()
        })])
    }
}

fn roll_marked_at(detail: &PollDetail, station: &Code) -> u64 {
    detail
        .station_marks
        .get(station)
        .copied()
        .unwrap_or_default()
}

fn mark_at_station(
    state: &Snapshot,
    held_at: Timestamp,
    code: &Code,
    station: &Code,
    iins: &[Iin],
    offline: bool,
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    if offline {
        // An offline list is entered after the fact, possibly after the close.
        status_in(
            p,
            &[PollStatus::Open, PollStatus::Paused, PollStatus::Closed],
            "reconcile_station",
        )?;
    } else {
        status_in(p, &[PollStatus::Open], "mark_station_voters")?;
        if held_at < p.opens_at || held_at > p.closes_at {
            return Err(RuleError::StationOutsideWindow {
                poll: code.clone(),
                opens_at: p.opens_at.to_string(),
                closes_at: p.closes_at.to_string(),
                held_at: held_at.to_string(),
            });
        }
    }
    if iins.is_empty() {
        return Err(RuleError::Empty { field: "iins" });
    }
    let detail = detail_of(state, code)?;
    let mut marked = Vec::new();
    let mut changes = Vec::new();
    let mut seen = HashSet::new();
    for iin in iins {
        let member = existing_member(state, iin)?;
        if !seen.insert(member.id) {
            return Err(RuleError::ListedTwice { iin: iin.masked() });
        }
        let already = match detail.roll.get(&member.id).map(|r| &r.marked) {
            None => {
                return Err(RuleError::StationNotOnRoll {
                    name: member.full_name.clone(),
                    iin: iin.masked(),
                    poll: code.clone(),
                });
            }
            Some(Marked::NotYet) => None,
            Some(Marked::Online) => Some("online".to_string()),
            Some(Marked::Station(s)) => Some(format!("at station {s}")),
        };
        match (already, offline) {
            (None, _) => marked.push(member.id),
            (Some(_), false) => {
                let station = match detail.roll.get(&member.id).map(|r| &r.marked) {
                    Some(Marked::Station(s)) => s.to_string(),
                    _ => "online".to_string(),
                };
                return Err(RuleError::StationAlreadyVoted {
                    name: member.full_name.clone(),
                    poll: code.clone(),
                    station,
                });
            }
            (Some(where_), true) => changes.push(Change::PutStationConflict(StationConflict {
                poll: code.clone(),
                station: station.clone(),
                member: member.id,
                already: where_,
                resolution: None,
            })),
        }
    }
    marked.sort_unstable();
    if !marked.is_empty() {
        changes.insert(
            0,
            Change::MarkRoll {
                poll: code.clone(),
                members: marked,
                marked: Marked::Station(station.clone()),
            },
        );
    }
    Ok(changes)
}
