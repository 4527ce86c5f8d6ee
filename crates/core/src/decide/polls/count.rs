//! The count of a closed, sealed poll: withdrawn candidates struck, ties broken by the committed lot, and the ratings.

use super::*;
use crate::command::CountPoll;
use crate::command::Needs;
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for CountPoll {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
        needs.poll_box = true;
        needs.poll_counts = true;
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CountPoll {
            poll,
            lot_seed,
            youth_age_limit,
        } = self;
        count_poll(state, at, poll, lot_seed.as_deref(), *youth_age_limit)
    }
}

fn count_poll(
    state: &Snapshot,
    at: &Stamp<'_>,
    code: &Code,
    lot_seed: Option<&str>,
    youth_age_limit: u16,
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Closed], "count")?;
    let detail = detail_of(state, code)?;
    let (Some(leaves), Some(sealed)) = (&detail.leaves, &detail.sealed) else {
        return Err(RuleError::internal(format!(
            "the ballot box of {code} was not loaded"
        )));
    };
    let unresolved = detail
        .conflicts
        .iter()
        .filter(|c| c.resolution.is_none())
        .count();
    if state.rules_version.charter() && unresolved > 0 {
        return Err(RuleError::ConflictsUnresolved {
            poll: code.clone(),
            unresolved,
        });
    }
    if sealed.len() != leaves.len() || leaves.len() as u64 != detail.marked_online {
        return Err(RuleError::NotAllSealed {
            poll: code.clone(),
            marked: detail.marked_online,
            recorded: leaves.len(),
            sealed: sealed.len(),
        });
    }
    let tie = match (&p.lot_seed_hash, lot_seed) {
        (Some(hash), Some(seed)) => {
            let digest: [u8; 32] = Sha256::digest(seed.as_bytes()).into();
            if Hash32(digest) != *hash {
                return Err(RuleError::SeedMismatch {
                    poll: code.clone(),
                    hash: hash.to_string(),
                });
            }
            TieBreak::lot(seed.as_bytes().to_vec())
        }
        (Some(hash), None) => {
            return Err(RuleError::SeedNeeded {
                poll: code.clone(),
                hash: hash.to_string(),
            });
        }
        (None, Some(_)) => {
            return Err(RuleError::SeedNotCommitted { poll: code.clone() });
        }
        (None, None) => TieBreak::CandidateOrder,
    };
    // A candidate who withdrew (or whose candidacy lapsed) after the ballot was made is struck from every ballot; votes
    // for them alone on a station's count become void (counted as spoiled).
    let struck: HashSet<String> = match &p.target {
        Some(t) => p
            .options
            .iter()
            .filter(|o| {
                o.member.is_some_and(|m| {
                    state
                        .candidacies
                        .get(&(p.campaign.clone(), t.clone(), m))
                        .is_some_and(|x| {
                            matches!(
                                x.status,
                                CandidacyStatus::Withdrawn | CandidacyStatus::Lapsed
                            )
                        })
                })
            })
            .map(|o| o.code.clone())
            .collect(),
        None => HashSet::new(),
    };
    let strike = |content: &BallotContent| {
        BallotContent(
            content
                .0
                .iter()
                .map(|g| {
                    g.iter()
                        .filter(|c| !struck.contains(*c))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .filter(|g| !g.is_empty())
                .collect(),
        )
    };
    let codes: Vec<String> = p
        .option_codes()
        .into_iter()
        .filter(|c| !struck.contains(c))
        .collect();
    let stations: Vec<StationCounts> = detail
        .returns
        .iter()
        .filter(|r| !r.per_option.is_empty() || r.spoiled > 0)
        .map(|r| StationCounts {
            per_option: r
                .per_option
                .iter()
                .filter(|(c, _)| !struck.contains(*c))
                .map(|(c, n)| (c.clone(), *n))
                .collect(),
            spoiled: r.spoiled
                + r.per_option
                    .iter()
                    .filter(|(c, _)| struck.contains(*c))
                    .map(|(_, n)| *n)
                    .sum::<u64>(),
        })
        .collect();
    let electronic: Vec<BallotContent> = sealed.iter().map(|b| strike(&b.content)).collect();
    let paper: Vec<BallotContent> = detail
        .returns
        .iter()
        .flat_map(|r| &r.ballots)
        .map(strike)
        .collect();
    let outcome = ballot::count_ballots(
        &codes,
        p.method,
        p.seats as usize,
        electronic.iter(),
        paper.iter(),
        &stations,
        tie,
    )
    .map_err(|problem| RuleError::CannotCount {
        poll: code.clone(),
        problem,
    })?;
    let ratings = if p.target.is_some() {
        let campaign = campaign(state, &p.campaign)?;
        let mut candidates = Vec::new();
        for o in p.options.iter().filter(|o| !struck.contains(&o.code)) {
            let Some(member_id) = o.member else { continue };
            let member = state
                .members
                .values()
                .find(|m| m.id == member_id)
                .ok_or_else(|| {
                    RuleError::internal(format!("candidate {} was not loaded", o.code))
                })?;
            let (refusals, absences) = debate_record(state, member_id);
            candidates.push(RatedCandidate {
                option: o.code.clone(),
                member: member_id,
                full_name: member.full_name.clone(),
                sex: member.iin.sex(),
                birth_date: member.iin.birth_date(),
                debate_refusals: refusals,
                debate_absences: absences,
            });
        }
        let r = primaries::ratings(
            &outcome,
            &candidates,
            campaign.election_day,
            youth_age_limit,
        )
        .map_err(|problem| RuleError::RatingsFailed {
            poll: code.clone(),
            problem,
        })?;
        serde_json::to_string(&r).unwrap_or_default()
    } else {
        String::new()
    };
    let paper_count = detail
        .returns
        .iter()
        .map(|r| r.ballots.len() as u64 + r.spoiled + r.per_option.values().sum::<u64>())
        .sum();
    let mut next = p.clone();
    next.status = PollStatus::Counted;
    next.struck = p
        .option_codes()
        .into_iter()
        .filter(|c| struck.contains(c))
        .collect();
    next.events.push(event("counted", at, ""));
    Ok(vec![
        Change::PutResult(PollResult {
            poll: code.clone(),
            outcome: serde_json::to_string(&outcome).unwrap_or_default(),
            ratings,
            electronic: sealed.len() as u64,
            paper: paper_count,
        }),
        Change::PutPoll(next),
    ])
}
