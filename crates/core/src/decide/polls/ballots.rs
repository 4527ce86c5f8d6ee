//! The ballot box's own entries: batches of voters marked online, signed checkpoints, and the seal at the close.

use super::*;
use crate::command::Needs;
use crate::command::{PublishCheckpoint, RecordBallots, SealBallots};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for RecordBallots {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
        needs.iins.extend(self.voters.iter().copied());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RecordBallots {
            poll,
            voters,
            leaves,
        } = self;
        let held_at = at.held_at;
        record_ballots(state, held_at, poll, voters, leaves)
    }
}

impl Decide for PublishCheckpoint {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.checkpoint.poll.clone());
        needs.poll_box = true;
        needs.poll_counts = true;
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let PublishCheckpoint { checkpoint, leaves } = self;
        publish_checkpoint(state, checkpoint, leaves)
    }
}

impl Decide for SealBallots {
    fn needs(&self, needs: &mut Needs) {
        needs.polls.push(self.poll.clone());
        needs.poll_box = true;
        needs.poll_counts = true;
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SealBallots { poll, ballots } = self;
        seal(state, poll, ballots)
    }
}

fn record_ballots(
    state: &Snapshot,
    held_at: Timestamp,
    code: &Code,
    voters: &[Iin],
    leaves: &[Hash32],
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Open], "cast_ballots")?;
    if held_at < p.opens_at || held_at > p.closes_at + FUTURE_SLACK {
        return Err(RuleError::BallotsOutsideWindow {
            poll: code.clone(),
            opens_at: p.opens_at.to_string(),
            closes_at: p.closes_at.to_string(),
            held_at: held_at.to_string(),
        });
    }
    // Older journals carry the batch's leaves beside its voters, one per voter.
    if voters.is_empty() || (!leaves.is_empty() && voters.len() != leaves.len()) {
        return Err(RuleError::BatchMismatch {
            voters: voters.len(),
            ballots: leaves.len(),
        });
    }
    if !voters.windows(2).all(|w| w[0] < w[1]) || !leaves.windows(2).all(|w| w[0] < w[1]) {
        return Err(RuleError::BatchUnsorted);
    }
    let detail = detail_of(state, code)?;
    let mut members = Vec::with_capacity(voters.len());
    for iin in voters {
        let member = existing_member(state, iin)?;
        // The same roll rule the box applies when it takes the ballot (`ballot::admit`).
        match ballot::roll_admits(detail.roll.get(&member.id).map(|r| &r.marked)) {
            Ok(()) => members.push(member.id),
            Err(ballot::NotAdmitted::NotOnRoll) => {
                return Err(RuleError::NotOnRoll {
                    iin: iin.masked(),
                    poll: code.clone(),
                });
            }
            Err(_) => {
                return Err(RuleError::AlreadyVoted {
                    iin: iin.masked(),
                    poll: code.clone(),
                });
            }
        }
    }
    members.sort_unstable();
    let mut changes = vec![Change::MarkRoll {
        poll: code.clone(),
        members,
        marked: Marked::Online,
    }];
    if !leaves.is_empty() {
        changes.push(Change::PutLeaves {
            poll: code.clone(),
            leaves: leaves.to_vec(),
        });
    }
    Ok(changes)
}

/// A checkpoint, with the group of leaves it commits: the root covers every committed leaf,
/// `ballots` counts them, `voters` is the count marked online (at least the ballots committed:
/// the rest are held back in the box until their group is committed).
fn publish_checkpoint(
    state: &Snapshot,
    checkpoint: &Checkpoint,
    leaves: &[Hash32],
) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, &checkpoint.poll)?;
    status_in(
        p,
        &[PollStatus::Open, PollStatus::Paused, PollStatus::Closed],
        "publish_checkpoint",
    )?;
    let detail = detail_of(state, &p.code)?;
    let committed = detail.leaves.as_ref().ok_or_else(|| {
        RuleError::internal(format!("the ballot leaves of {} were not loaded", p.code))
    })?;
    if let Some(last) = detail.last_checkpoint
        && checkpoint.at <= last
    {
        return Err(RuleError::CheckpointNotAfter {
            poll: p.code.clone(),
            last: last.to_string(),
            at: checkpoint.at.to_string(),
        });
    }
    if !leaves.windows(2).all(|w| w[0] < w[1]) {
        return Err(RuleError::CheckpointUnsorted);
    }
    if let Some(again) = leaves.iter().find(|l| committed.contains(l)) {
        return Err(RuleError::LeafCommitted {
            leaf: again.to_string(),
            poll: p.code.clone(),
        });
    }
    let mut all: Vec<Hash32> = committed.iter().copied().collect();
    all.extend(leaves.iter().copied());
    let all = ballot::sorted_leaves(all);
    let root = ballot::merkle_root(&all);
    if checkpoint.voters != detail.marked_online
        || checkpoint.ballots != all.len() as u64
        || checkpoint.ballots > checkpoint.voters
        || checkpoint.root != root
    {
        return Err(RuleError::CheckpointMismatch {
            poll: p.code.clone(),
            voters: checkpoint.voters,
            ballots: checkpoint.ballots,
            root: checkpoint.root.to_string(),
            marked: detail.marked_online,
            committed: all.len(),
            record_root: root.to_string(),
        });
    }
    let mut changes = Vec::new();
    if !leaves.is_empty() {
        changes.push(Change::PutLeaves {
            poll: p.code.clone(),
            leaves: leaves.to_vec(),
        });
    }
    changes.push(Change::PutCheckpoint(checkpoint.clone()));
    Ok(changes)
}

fn seal(state: &Snapshot, code: &Code, ballots: &[SealedBallot]) -> Result<Vec<Change>, RuleError> {
    let p = poll_of(state, code)?;
    status_in(p, &[PollStatus::Closed], "seal_ballots")?;
    let detail = detail_of(state, code)?;
    let (Some(leaves), Some(sealed)) = (&detail.leaves, &detail.sealed) else {
        return Err(RuleError::internal(format!(
            "the ballot box of {code} was not loaded"
        )));
    };
    if ballots.is_empty() {
        return Err(RuleError::Empty { field: "ballots" });
    }
    if !ballots.windows(2).all(|w| w[0].tracker < w[1].tracker) {
        return Err(RuleError::SealedUnsorted);
    }
    let already: HashSet<Hash32> = sealed.iter().map(|b| b.tracker).collect();
    let codes = p.option_codes();
    for (n, b) in ballots.iter().enumerate() {
        if already.contains(&b.tracker) {
            return Err(RuleError::BallotAlreadySealed {
                ballot: n + 1,
                tracker: b.tracker.to_string(),
            });
        }
        let hash = ballot::ballot_hash(code, &b.tracker, &b.content, &b.opening);
        if !leaves.contains(&ballot::leaf(&b.tracker, &hash)) {
            return Err(RuleError::BallotNotRecorded {
                ballot: n + 1,
                tracker: b.tracker.to_string(),
            });
        }
        ballot::validate(&b.content, &codes, p.method).map_err(|e| {
            RuleError::SealedBallotInvalid {
                ballot: n + 1,
                tracker: b.tracker.to_string(),
                problem: e,
            }
        })?;
    }
    Ok(vec![Change::PutSealed {
        poll: code.clone(),
        ballots: ballots.to_vec(),
    }])
}
