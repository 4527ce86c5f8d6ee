//! The rules of a campaign: its creation, the calendar of phases, and the targets (the bodies elected).

use super::*;
use crate::command::Needs;
use crate::command::{CreateCampaign, RemovePhase, RemoveTarget, SetPhase, SetTarget};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for CreateCampaign {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CreateCampaign {
            code,
            name,
            election_day,
            time_zone,
        } = self;
        if state.campaigns.contains_key(code) {
            return Err(RuleError::CampaignExists {
                campaign: code.clone(),
            });
        }
        text("name", name, MAX_NAME)?;
        let c = Campaign {
            code: code.clone(),
            name: name.trim().to_string(),
            election_day: *election_day,
            time_zone: time_zone.clone(),
        };
        zone_of(&c)?;
        Ok(vec![Change::PutCampaign(c)])
    }
}

impl Decide for SetPhase {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetPhase {
            campaign: code,
            phase,
            starts_local,
            ends_local,
            after,
            description,
        } = self;
        let c = campaign(state, code)?;
        let zone = zone_of(c)?;
        let new = Phase {
            campaign: code.clone(),
            code: phase.clone(),
            starts_local: *starts_local,
            ends_local: *ends_local,
            after: {
                let mut a = after.clone();
                a.sort();
                a.dedup();
                a
            },
            description: description.trim().to_string(),
        };
        let (starts, ends) = phase_window(&new, &zone, &c.time_zone)?;
        if ends <= starts {
            return Err(RuleError::EmptyWindow {
                phase: phase.clone(),
                starts: starts_local.to_string(),
                ends: ends_local.to_string(),
            });
        }
        for before in &new.after {
            if before == phase {
                return Err(RuleError::SelfOrder {
                    phase: phase.clone(),
                });
            }
            let earlier = state
                .phases
                .get(&(code.clone(), before.clone()))
                .ok_or_else(|| RuleError::NoPhase {
                    campaign: code.clone(),
                    phase: before.clone(),
                })?;
            let (_, earlier_ends) = phase_window(earlier, &zone, &c.time_zone)?;
            if starts < earlier_ends {
                return Err(RuleError::Order {
                    phase: phase.clone(),
                    starts: starts_local.to_string(),
                    before: before.clone(),
                    before_ends: earlier.ends_local.to_string(),
                });
            }
        }
        // Phases ordered after this one must still start after its (possibly new) end.
        for later in state.phases_of(code).filter(|p| p.after.contains(phase)) {
            let (later_starts, _) = phase_window(later, &zone, &c.time_zone)?;
            if later_starts < ends {
                return Err(RuleError::Order {
                    phase: later.code.clone(),
                    starts: later.starts_local.to_string(),
                    before: phase.clone(),
                    before_ends: ends_local.to_string(),
                });
            }
        }
        Ok(vec![Change::PutPhase(new)])
    }
}

impl Decide for RemovePhase {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RemovePhase {
            campaign: code,
            phase,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        campaign(state, code)?;
        if !state.phases.contains_key(&(code.clone(), phase.clone())) {
            return Err(RuleError::NoPhase {
                campaign: code.clone(),
                phase: phase.clone(),
            });
        }
        if let Some(by) = state.phases_of(code).find(|p| p.after.contains(phase)) {
            return Err(RuleError::PhaseNeeded {
                phase: phase.clone(),
                by: by.code.clone(),
            });
        }
        Ok(vec![Change::DeletePhase {
            campaign: code.clone(),
            phase: phase.clone(),
        }])
    }
}

impl Decide for SetTarget {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetTarget {
            campaign: code,
            code: target,
            body,
            name,
            seats,
            electorate_unit,
        } = self;
        campaign(state, code)?;
        text("name", name, MAX_NAME)?;
        if *seats == 0 {
            return Err(RuleError::NoSeats);
        }
        open_unit(state, electorate_unit)?;
        Ok(vec![Change::PutTarget(Target {
            campaign: code.clone(),
            code: target.clone(),
            body: *body,
            name: name.trim().to_string(),
            seats: *seats,
            electorate_unit: electorate_unit.clone(),
        })])
    }
}

impl Decide for RemoveTarget {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RemoveTarget {
            campaign: code,
            code: target,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        if !state.targets.contains_key(&(code.clone(), target.clone())) {
            return Err(RuleError::NoTarget {
                campaign: code.clone(),
                target: target.clone(),
            });
        }
        Ok(vec![Change::DeleteTarget {
            campaign: code.clone(),
            target: target.clone(),
        }])
    }
}
