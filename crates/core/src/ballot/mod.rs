//! Secret ballots: contents, trackers, receipts, the Merkle tree of the ballot box and signed checkpoints.
//!
//! Pure constructions only: callers draw nonces, openings and keys and pass them in. The
//! exact encodings, and what a voter or an observer can check with them, are in
//! `docs/ballots.md`.

mod admission;
mod checkpoint;
mod commitments;
mod content;
mod hash;
mod keys;
mod merkle;
mod publication;
mod receipt;
mod tally;

pub use admission::{NotAdmitted, admit, is_open_at, roll_admits};
pub use checkpoint::{CHECKPOINT_DOMAIN, Checkpoint, signature_problems};
pub use commitments::{
    BALLOT_DOMAIN, BATCH_DOMAIN, LEAF_DOMAIN, REQUEST_DOMAIN, RequestKeyProblem, TRACKER_DOMAIN,
    ballot_hash, batch_commitment, leaf, request_hash, request_key_problem, tracker,
};
pub use content::{BallotContent, BallotProblem, validate};
pub use hash::{Hash32, HexError};
pub use keys::{ServerKey, key_id_for, verify_signature};
pub use merkle::{inclusion_proof, merkle_root, sorted_leaves, verify_inclusion};
pub use publication::{DEFAULT_STEP, MIN_ANONYMITY, Publication};
pub use receipt::{RECEIPT_DOMAIN, Receipt};
pub use tally::{StationCounts, TallyError, count_ballots};
