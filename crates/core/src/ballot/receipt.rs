//! The voter's receipt: a signed statement that the ballot box holds this tracker and ballot hash, with the opening that lets the voter check their vote.

use serde::{Deserialize, Serialize};

use super::commitments::ballot_hash;
use super::content::BallotContent;
use super::hash::{Hash32, message};
use super::keys::{ServerKey, key_id_for, verify_signature};
use crate::model::Code;

pub const RECEIPT_DOMAIN: &str = "mandat/receipt/v1";

/// What a voter takes away after voting.
///
/// The signature covers the poll, tracker, ballot hash and `server_only`, not the opening or
/// the content: the voter can show the signed part to anyone (to prove the server accepted
/// their ballot) without showing their vote. The opening is still bound, because the ballot
/// hash commits to it: a changed opening no longer [opens](Receipt::opens_to) the ballot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub poll: Code,
    pub tracker: Hash32,
    pub ballot_hash: Hash32,
    /// The salt the voter needs to open their ballot hash on a sealed board; anyone who sees
    /// it with the receipt can learn the vote.
    pub opening: Hash32,
    /// True when the tracker has no device part (a browser without JavaScript).
    pub server_only: bool,
    pub key_id: String,
    pub signature: String,
}

impl Receipt {
    /// The signed bytes: the domain `"mandat/receipt/v1"`, the poll code, the tracker, the
    /// ballot hash and one byte `server_only` (1 or 0), each length-prefixed.
    pub fn message(
        poll: &Code,
        tracker: &Hash32,
        ballot_hash: &Hash32,
        server_only: bool,
    ) -> Vec<u8> {
        message(
            RECEIPT_DOMAIN,
            &[
                poll.as_str().as_bytes(),
                &tracker.0,
                &ballot_hash.0,
                &[u8::from(server_only)],
            ],
        )
    }

    /// The receipt for a ballot the box accepted, signed by `key`. Deterministic.
    pub fn issue(
        key: &ServerKey,
        poll: &Code,
        tracker: Hash32,
        ballot_hash: Hash32,
        opening: Hash32,
        server_only: bool,
    ) -> Receipt {
        let signature = key.sign(&Receipt::message(poll, &tracker, &ballot_hash, server_only));
        Receipt {
            poll: poll.clone(),
            tracker,
            ballot_hash,
            opening,
            server_only,
            key_id: key.key_id(),
            signature,
        }
    }

    /// Whether the signature is valid under `public_hex` and the receipt names that key.
    pub fn verify(&self, public_hex: &str) -> bool {
        key_id_for(public_hex).as_deref() == Some(self.key_id.as_str())
            && verify_signature(
                public_hex,
                &Receipt::message(
                    &self.poll,
                    &self.tracker,
                    &self.ballot_hash,
                    self.server_only,
                ),
                &self.signature,
            )
    }

    /// Whether this receipt's ballot hash opens to `content` (the voter's own check on a
    /// sealed board, where contents are not shown).
    pub fn opens_to(&self, content: &BallotContent) -> bool {
        ballot_hash(&self.poll, &self.tracker, content, &self.opening) == self.ballot_hash
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::commitments::tracker;
    use super::*;

    fn setup() -> (ServerKey, BallotContent, Receipt) {
        let key = ServerKey::from_seed(&[5; 32]);
        let poll = Code::parse("primary-2025").unwrap();
        let content = BallotContent(vec![
            vec!["ivanova".to_owned()],
            vec!["petrov".to_owned(), "sidorov".to_owned()],
        ]);
        let t = tracker(&poll, Some(b"device"), &[6; 32]);
        let opening = Hash32([7; 32]);
        let hash = ballot_hash(&poll, &t, &content, &opening);
        let receipt = Receipt::issue(&key, &poll, t, hash, opening, false);
        (key, content, receipt)
    }

    #[test]
    fn a_receipt_verifies_and_opens_to_its_content() {
        let (key, content, receipt) = setup();
        assert!(receipt.verify(&key.public_hex()));
        assert!(receipt.opens_to(&content));
        assert!(!receipt.opens_to(&BallotContent::blank()));
        let again = Receipt::issue(
            &key,
            &receipt.poll,
            receipt.tracker,
            receipt.ballot_hash,
            receipt.opening,
            receipt.server_only,
        );
        assert_eq!(again, receipt);
        let other = ServerKey::from_seed(&[9; 32]);
        assert!(!receipt.verify(&other.public_hex()));
        assert!(!receipt.verify("not a key"));
    }

    #[test]
    fn altering_any_field_is_caught() {
        let (key, content, receipt) = setup();
        let public = key.public_hex();
        let altered: Vec<(&str, Receipt)> = vec![
            (
                "poll",
                Receipt {
                    poll: Code::parse("other").unwrap(),
                    ..receipt.clone()
                },
            ),
            (
                "tracker",
                Receipt {
                    tracker: Hash32([0; 32]),
                    ..receipt.clone()
                },
            ),
            (
                "ballot_hash",
                Receipt {
                    ballot_hash: Hash32([0; 32]),
                    ..receipt.clone()
                },
            ),
            (
                "server_only",
                Receipt {
                    server_only: true,
                    ..receipt.clone()
                },
            ),
            (
                "key_id",
                Receipt {
                    key_id: "0000000000000000".into(),
                    ..receipt.clone()
                },
            ),
            (
                "signature",
                Receipt {
                    signature: ServerKey::from_seed(&[1; 32]).sign(b"x"),
                    ..receipt.clone()
                },
            ),
        ];
        for (field, receipt) in altered {
            assert!(!receipt.verify(&public), "{field}");
        }
        // The opening is not signed (so the signed part can be shown without the vote) but
        // the ballot hash commits to it.
        let other_opening = Receipt {
            opening: Hash32([0; 32]),
            ..receipt.clone()
        };
        assert!(other_opening.verify(&public));
        assert!(!other_opening.opens_to(&content));
        // Signed under another key with the same fields: the other key's id and signature.
        let by_other = Receipt::issue(
            &ServerKey::from_seed(&[9; 32]),
            &receipt.poll,
            receipt.tracker,
            receipt.ballot_hash,
            receipt.opening,
            false,
        );
        assert!(!by_other.verify(&public));
    }

    #[test]
    fn the_serialized_receipt_names_no_option() {
        let (_, content, receipt) = setup();
        let json = serde_json::to_string(&receipt).unwrap();
        for code in content.0.iter().flatten() {
            assert!(!json.contains(code.as_str()), "{json} shows {code}");
        }
        assert_eq!(serde_json::from_str::<Receipt>(&json).unwrap(), receipt);
    }
}
