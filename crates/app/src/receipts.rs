//! Checking a voter's receipt: the box's signature, then the ballot on the board (after the count) or under the latest signed checkpoint with its inclusion proof (while the poll runs).

use crate::{App, AppError};
use mandat_core::ballot::{self, Checkpoint, Receipt};
use mandat_core::poll::PollStatus;
use mandat_store::ReceiptStanding;

/// What a check of a receipt found. Only `OnBoard`, `HeldBack` and `Proven` mean the ballot
/// stands as cast; the others are to be reported to the counting commission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReceiptFinding {
    /// The receipt's signature does not verify under the public key given.
    BadSignature,
    /// The poll is counted and the ballot is on its bulletin board as cast.
    OnBoard,
    /// The poll is counted and the ballot is not on its board.
    NotOnBoard,
    /// No ballot in the box has this tracker and ballot hash.
    NotInBox,
    /// In the box as cast, its leaf held back until its group is committed.
    HeldBack,
    /// Under the latest signed checkpoint: leaf `index` of `size`, the proof checked.
    Proven {
        checkpoint: Checkpoint,
        index: usize,
        size: usize,
    },
    /// The checkpoint's signature or the inclusion proof fails.
    NotProven { checkpoint: Checkpoint },
}

impl App {
    /// Checks `receipt` against the box's public key and the record as it stands.
    pub async fn check_receipt(
        &self,
        receipt: &Receipt,
        public_key: &str,
    ) -> Result<ReceiptFinding, AppError> {
        if !receipt.verify(public_key) {
            return Ok(ReceiptFinding::BadSignature);
        }
        let poll = self.store.poll(&receipt.poll).await?;
        if poll.status == PollStatus::Counted {
            let (board, _) = self.store.board(&receipt.poll).await?;
            let on_board = board
                .receipts
                .iter()
                .any(|r| r.tracker == receipt.tracker && r.ballot_hash == receipt.ballot_hash)
                || board.entries.iter().any(|e| {
                    e.tracker == receipt.tracker
                        && ballot::ballot_hash(&receipt.poll, &e.tracker, &e.ballot, &e.opening)
                            == receipt.ballot_hash
                });
            return Ok(if on_board {
                ReceiptFinding::OnBoard
            } else {
                ReceiptFinding::NotOnBoard
            });
        }
        Ok(
            match self
                .store
                .receipt_standing(&receipt.poll, &receipt.tracker, &receipt.ballot_hash)
                .await?
            {
                ReceiptStanding::NotFound => ReceiptFinding::NotInBox,
                ReceiptStanding::HeldBack => ReceiptFinding::HeldBack,
                ReceiptStanding::Committed {
                    checkpoint,
                    index,
                    size,
                    proof,
                } => {
                    let leaf = ballot::leaf(&receipt.tracker, &receipt.ballot_hash);
                    if checkpoint.verify(public_key)
                        && ballot::verify_inclusion(&leaf, index, size, &proof, &checkpoint.root)
                    {
                        ReceiptFinding::Proven {
                            checkpoint,
                            index,
                            size,
                        }
                    } else {
                        ReceiptFinding::NotProven { checkpoint }
                    }
                }
            },
        )
    }
}
