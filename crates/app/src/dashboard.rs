//! The organizer's dashboard as a use case: who may watch which unit (the policy in core), and everything the page shows of a subtree at `now` — the overview with what needs attention, the ladder's totals, and the primaries' turnout per unit and over time.

use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::authz::{Denied, Principal, Signed, may_watch};
use mandat_core::ballot::Checkpoint;
use mandat_core::meeting::attention::{Overview, overview, poll_unit, within};
use mandat_core::meeting::progress::Progress;
use mandat_core::poll::{Electorate, Poll, PollStatus};
use mandat_core::{Code, Missing, Snapshot};
use mandat_store::StoreError;
use std::collections::BTreeMap;

/// The polls with turnout charts at most, the latest opened first.
const MOST_POLLS: usize = 3;

/// One unit's turnout in a poll, as the dashboard may show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitShare {
    pub unit: Code,
    pub roll: u64,
    /// `None` while the poll is open and the count is not yet shown (steps of K, small rolls).
    pub voted: Option<u64>,
}

/// A primaries poll's turnout: per unit directly under the dashboard's unit, and the voters at
/// each published checkpoint.
#[derive(Clone, Debug)]
pub struct PollTurnout {
    pub poll: Poll,
    pub units: Vec<UnitShare>,
    pub checkpoints: Vec<Checkpoint>,
    /// Open or paused: live figures go in steps.
    pub live: bool,
}

/// What the dashboard shows of a unit's subtree.
#[derive(Clone)]
pub struct Dashboard {
    pub root: Code,
    pub snapshot: Snapshot,
    /// The campaign shown; `None` when the record has none.
    pub campaign: Option<Code>,
    pub overview: Overview,
    pub progress: Option<Progress>,
    pub turnout: Vec<PollTurnout>,
    pub zone: jiff::tz::TimeZone,
    /// The publication step K of live turnout.
    pub step: u64,
}

impl App {
    /// The unit `signed` may watch: `unit` when asked (refused by the policy when outside the
    /// account's unit), else the account's own. `None` when the session's login is no account.
    pub async fn watched_unit(
        &self,
        signed: &Signed,
        unit: Option<&Code>,
    ) -> Result<Result<(Principal, Code), Denied>, AppError> {
        let record = self.store.read_snapshot().await?;
        let Some(principal) = Principal::of(signed, &record) else {
            return Ok(Err(Denied::WatchersOnly));
        };
        let unit = match (unit, &principal) {
            (Some(u), _) => {
                if !record.units.contains_key(u) {
                    return Err(StoreError::NotFound(Missing::Unit(u.clone())).into());
                }
                u.clone()
            }
            (None, Principal::Staff { unit, .. }) => unit.clone(),
            (None, Principal::Person { .. } | Principal::Participant { .. }) => {
                return Ok(Err(Denied::WatchersOnly));
            }
        };
        Ok(may_watch(&principal, &unit, &record).map(|()| (principal, unit)))
    }

    /// The dashboard of `root` in `campaign` (by default the one with the latest election day)
    /// at `now`.
    pub async fn dashboard(
        &self,
        root: &Code,
        campaign: Option<&Code>,
        now: Timestamp,
    ) -> Result<Dashboard, AppError> {
        let snapshot = self.store.read_snapshot().await?;
        let campaign = match campaign {
            Some(c) if snapshot.campaigns.contains_key(c) => Some(c.clone()),
            Some(c) => return Err(StoreError::NotFound(Missing::Campaign(c.clone())).into()),
            None => snapshot
                .campaigns
                .values()
                .max_by(|a, b| (a.election_day, &a.code).cmp(&(b.election_day, &b.code)))
                .map(|c| c.code.clone()),
        };
        let zone = campaign
            .as_ref()
            .and_then(|c| snapshot.campaigns.get(c))
            .and_then(|c| c.zone().ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
        let (overview, progress) = match &campaign {
            Some(c) => {
                let present = self.store.present_counts().await?;
                let alarms = self.box_alarms(&snapshot, root);
                let overview = overview(&snapshot, root, c, &present, &alarms, now);
                (
                    overview,
                    Some(self.store.progress(Some(root), Some(c)).await?),
                )
            }
            None => (
                Overview {
                    attention: Vec::new(),
                    meetings: Vec::new(),
                },
                None,
            ),
        };
        let turnout = self.turnout_under(&snapshot, root).await?;
        Ok(Dashboard {
            root: root.clone(),
            campaign,
            overview,
            progress,
            turnout,
            zone,
            step: self.store.publication().step,
            snapshot,
        })
    }

    /// The live ballot boxes (open or paused polls) of the subtree that did not match the
    /// journal when the schedule last audited them (each minute): (poll, voters marked online,
    /// ballots in the box). Not audited again here: a dashboard is drawn at every change of the
    /// record, and an audit reads every ballot of the poll. A checkpoint's own counts differ by
    /// the leaves held back, by design, so they are not compared here.
    fn box_alarms(&self, snapshot: &Snapshot, root: &Code) -> Vec<(Code, u64, u64)> {
        let mut live: Vec<&Code> = snapshot
            .polls
            .values()
            .filter(|p| matches!(p.status, PollStatus::Open | PollStatus::Paused))
            .filter(|p| poll_unit(snapshot, p).is_some_and(|u| within(snapshot, &u, root)))
            .map(|p| &p.code)
            .collect();
        live.sort();
        let mut alarms = Vec::new();
        for poll in live {
            if let Some(audit) = self.latest_audit(poll)
                && !audit.problems.is_empty()
            {
                alarms.push((poll.clone(), audit.voters, audit.ballots));
            }
        }
        alarms
    }

    /// The primaries' polls that reach into `root` (their electorate is above, at or under it)
    /// and have opened, with their turnout per unit directly under `root`.
    async fn turnout_under(
        &self,
        snapshot: &Snapshot,
        root: &Code,
    ) -> Result<Vec<PollTurnout>, AppError> {
        let mut polls: Vec<&Poll> = snapshot
            .polls
            .values()
            .filter(|p| {
                matches!(
                    p.status,
                    PollStatus::Open
                        | PollStatus::Paused
                        | PollStatus::Closed
                        | PollStatus::Counted
                )
            })
            .filter(|p| match &p.electorate {
                Electorate::Members { unit } => {
                    within(snapshot, unit, root) || within(snapshot, root, unit)
                }
                Electorate::CheckedIn { .. } => false,
            })
            .collect();
        polls.sort_by(|a, b| (b.opens_at, &b.code).cmp(&(a.opens_at, &a.code)));
        let publication = self.store.publication();
        let mut out = Vec::new();
        for poll in polls.into_iter().take(MOST_POLLS) {
            let live = matches!(poll.status, PollStatus::Open | PollStatus::Paused);
            // Each PPO's figures summed into the unit directly under `root` that holds it.
            let mut by_unit: BTreeMap<Code, (u64, u64)> = BTreeMap::new();
            for row in self.store.turnout(&poll.code).await? {
                let Ok(unit) = Code::parse(&row.unit) else {
                    continue;
                };
                let Some(shown) = branch_under(snapshot, &unit, root) else {
                    continue;
                };
                let entry = by_unit.entry(shown).or_default();
                entry.0 += u64::try_from(row.roll).unwrap_or(0);
                entry.1 += u64::try_from(row.voted).unwrap_or(0);
            }
            let units = by_unit
                .into_iter()
                .map(|(unit, (roll, voted))| UnitShare {
                    unit,
                    roll,
                    voted: if live {
                        publication.live_count(roll, voted)
                    } else {
                        Some(voted)
                    },
                })
                .collect();
            out.push(PollTurnout {
                poll: poll.clone(),
                units,
                checkpoints: self.store.checkpoints(&poll.code).await?,
                live,
            });
        }
        Ok(out)
    }
}

/// The unit directly under `root` that holds `unit` (or `root` itself when `unit` is `root`);
/// `None` when `unit` lies outside `root`.
fn branch_under(snapshot: &Snapshot, unit: &Code, root: &Code) -> Option<Code> {
    if unit == root {
        return Some(root.clone());
    }
    let mut current = unit.clone();
    loop {
        let parent = snapshot.units.get(&current)?.parent.clone()?;
        if &parent == root {
            return Some(current);
        }
        current = parent;
    }
}
