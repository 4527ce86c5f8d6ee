//! Secret ballots: contents, trackers, receipts, the Merkle tree of the ballot box and signed checkpoints.
