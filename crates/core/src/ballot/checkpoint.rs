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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
