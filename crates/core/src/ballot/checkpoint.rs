//! Signed checkpoints of a ballot box: at a time, how many voted, how many ballots it holds, and the Merkle root over them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::hash::{Hash32, message};
use super::keys::{ServerKey, key_id_for, verify_signature};
use crate::model::Code;

pub const CHECKPOINT_DOMAIN: &str = "mandat/checkpoint/v1";

/// A signed statement of a poll's ballot box at one moment. Published as the poll runs, so
/// that a later box (with more ballots) can be checked to have kept every earlier one, and
/// that `voters == ballots` can be checked at each moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub poll: Code,
    /// Whole milliseconds: the precision that is signed.
    pub at: Timestamp,
    /// Members recorded as having voted.
    pub voters: u64,
    /// Ballots in the box.
    pub ballots: u64,
    /// [`merkle_root`](super::merkle_root) over the box's sorted leaves.
    pub root: Hash32,
    pub key_id: String,
    pub signature: String,
}

impl Checkpoint {
    /// The signed bytes: the domain `"mandat/checkpoint/v1"`, the poll code, `at` as unix
    /// milliseconds (i64), `voters` and `ballots` (u64), and the root, each length-prefixed,
    /// integers as 8 big-endian bytes.
    pub fn message(
        poll: &Code,
        at: Timestamp,
        voters: u64,
        ballots: u64,
        root: &Hash32,
    ) -> Vec<u8> {
        message(
            CHECKPOINT_DOMAIN,
            &[
                poll.as_str().as_bytes(),
                &at.as_millisecond().to_be_bytes(),
                &voters.to_be_bytes(),
                &ballots.to_be_bytes(),
                &root.0,
            ],
        )
    }

    /// The checkpoint signed by `key`. `at` is cut to whole milliseconds, so that the stored
    /// time is exactly the signed one.
    pub fn sign(
        key: &ServerKey,
        poll: Code,
        at: Timestamp,
        voters: u64,
        ballots: u64,
        root: Hash32,
    ) -> Checkpoint {
        let at = Timestamp::from_millisecond(at.as_millisecond()).unwrap_or(at);
        let signature = key.sign(&Checkpoint::message(&poll, at, voters, ballots, &root));
        Checkpoint {
            poll,
            at,
            voters,
            ballots,
            root,
            key_id: key.key_id(),
            signature,
        }
    }

    /// Whether the signature is valid under `public_hex` and the checkpoint names that key.
    pub fn verify(&self, public_hex: &str) -> bool {
        key_id_for(public_hex).as_deref() == Some(self.key_id.as_str())
            && verify_signature(
                public_hex,
                &Checkpoint::message(&self.poll, self.at, self.voters, self.ballots, &self.root),
                &self.signature,
            )
    }
}

/// What is wrong with a poll's signatures under `public_hex`: each checkpoint must be signed by
/// that key (its key id naming it), and a sealed box must be covered by a signed checkpoint
/// whose root and count are exactly the sealed ballots' leaves (the seal's signature).
/// `sealed_leaves` are sorted; empty for a poll not sealed.
pub fn signature_problems(
    public_hex: &str,
    checkpoints: &[Checkpoint],
    sealed_leaves: &[Hash32],
) -> Vec<String> {
    let mut problems: Vec<String> = checkpoints
        .iter()
        .filter(|c| !c.verify(public_hex))
        .map(|c| {
            format!(
                "checkpoint of {} at {} (key id {}) is not signed by this key",
                c.poll, c.at, c.key_id
            )
        })
        .collect();
    if !sealed_leaves.is_empty() {
        let root = super::merkle_root(sealed_leaves);
        let sealed = checkpoints.iter().any(|c| {
            c.root == root && c.ballots == sealed_leaves.len() as u64 && c.verify(public_hex)
        });
        if !sealed {
            let poll = checkpoints
                .first()
                .map(|c| c.poll.to_string())
                .unwrap_or_else(|| "the poll".into());
            problems.push(format!(
                "the sealed box of {poll} ({} ballots, root {root}) has no checkpoint signed by this key",
                sealed_leaves.len()
            ));
        }
    }
    problems
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_forged_or_missing_seal_signature_is_named() {
        let key = ServerKey::from_seed(&[3; 32]);
        let poll = Code::parse("p").unwrap();
        let leaves = super::super::sorted_leaves([Hash32([1; 32]), Hash32([2; 32])]);
        let root = super::super::merkle_root(&leaves);
        let at: Timestamp = "2025-06-01T10:00:00Z".parse().unwrap();
        let good = Checkpoint::sign(&key, poll.clone(), at, 2, 2, root);
        assert!(
            signature_problems(&key.public_hex(), std::slice::from_ref(&good), &leaves).is_empty()
        );
        // Signed with zeros, as a forger without the key would.
        let zeros = Checkpoint {
            signature: "0".repeat(128),
            ..good.clone()
        };
        let problems = signature_problems(&key.public_hex(), &[zeros], &leaves);
        assert_eq!(problems.len(), 2, "{problems:?}");
        // A key of another server.
        let other = ServerKey::from_seed(&[4; 32]);
        assert_eq!(
            signature_problems(&other.public_hex(), &[good], &leaves).len(),
            2
        );
        // Sealed with no checkpoint at all.
        assert_eq!(signature_problems(&key.public_hex(), &[], &leaves).len(), 1);
    }

    #[test]
    fn checkpoints_verify_and_catch_changes() {
        let key = ServerKey::from_seed(&[3; 32]);
        let poll = Code::parse("primary-2025").unwrap();
        let at: Timestamp = "2025-06-01T10:15:30.123456789Z".parse().unwrap();
        let checkpoint = Checkpoint::sign(&key, poll, at, 120, 120, Hash32([4; 32]));
        assert_eq!(checkpoint.at.to_string(), "2025-06-01T10:15:30.123Z");
        let public = key.public_hex();
        assert!(checkpoint.verify(&public));
        assert!(!checkpoint.verify(&ServerKey::from_seed(&[8; 32]).public_hex()));
        let json = serde_json::to_string(&checkpoint).unwrap();
        let back: Checkpoint = serde_json::from_str(&json).unwrap();
        assert!(back.verify(&public));
        let later: Timestamp = "2025-06-01T10:15:31Z".parse().unwrap();
        for (field, altered) in [
            (
                "poll",
                Checkpoint {
                    poll: Code::parse("x").unwrap(),
                    ..checkpoint.clone()
                },
            ),
            (
                "at",
                Checkpoint {
                    at: later,
                    ..checkpoint.clone()
                },
            ),
            (
                "voters",
                Checkpoint {
                    voters: 121,
                    ..checkpoint.clone()
                },
            ),
            (
                "ballots",
                Checkpoint {
                    ballots: 119,
                    ..checkpoint.clone()
                },
            ),
            (
                "root",
                Checkpoint {
                    root: Hash32([5; 32]),
                    ..checkpoint.clone()
                },
            ),
            (
                "key_id",
                Checkpoint {
                    key_id: "ffffffffffffffff".into(),
                    ..checkpoint.clone()
                },
            ),
            (
                "signature",
                Checkpoint {
                    signature: key.sign(b"x"),
                    ..checkpoint.clone()
                },
            ),
        ] {
            assert!(!altered.verify(&public), "{field}");
        }
    }
}
