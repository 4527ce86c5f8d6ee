//! The hashes that tie a ballot to its poll and tracker without naming the voter: tracker, ballot hash, leaf, request hash, batch commitment.

use super::content::BallotContent;
use super::hash::{Hash32, Transcript};
use crate::model::Code;

pub const TRACKER_DOMAIN: &str = "mandat/tracker/v1";
pub const BALLOT_DOMAIN: &str = "mandat/ballot/v1";
pub const LEAF_DOMAIN: &str = "mandat/leaf/v1";
pub const REQUEST_DOMAIN: &str = "mandat/request/v2";
pub const BATCH_DOMAIN: &str = "mandat/batch/v1";

/// A ballot's tracker: SHA-256 over `"mandat/tracker/v1"`, the poll code, the device nonce
/// and the server nonce, each length-prefixed.
///
/// The device nonce is drawn by the voter's browser, so that the server alone cannot choose
/// the tracker (and so steer where the ballot lands in the sorted box); `None` is a browser
/// without JavaScript, whose tracker then comes from the server alone (the receipt says so).
/// `None` and an empty device nonce give the same tracker.
pub fn tracker(poll: &Code, device_nonce: Option<&[u8]>, server_nonce: &[u8; 32]) -> Hash32 {
    let mut transcript = Transcript::new(TRACKER_DOMAIN);
    transcript
        .field(poll.as_str().as_bytes())
        .field(device_nonce.unwrap_or_default())
        .field(server_nonce);
    transcript.finish()
}

/// A ballot's hash: SHA-256 over `"mandat/ballot/v1"`, the poll code, the tracker, the
/// content's [canonical JSON](BallotContent::canonical_json) and the opening, each
/// length-prefixed.
///
/// The opening is 32 random bytes known only to the voter (on the receipt) and the ballot
/// box: without it nobody can test guesses of the content against a published hash, since a
/// poll has few possible contents.
pub fn ballot_hash(
    poll: &Code,
    tracker: &Hash32,
    content: &BallotContent,
    opening: &Hash32,
) -> Hash32 {
    let mut transcript = Transcript::new(BALLOT_DOMAIN);
    transcript
        .field(poll.as_str().as_bytes())
        .field(&tracker.0)
        .field(content.canonical_json().as_bytes())
        .field(&opening.0);
    transcript.finish()
}

/// A ballot's leaf in the ballot-box Merkle tree: SHA-256 over `"mandat/leaf/v1"`, the
/// tracker and the ballot hash, each length-prefixed.
pub fn leaf(tracker: &Hash32, ballot_hash: &Hash32) -> Hash32 {
    let mut transcript = Transcript::new(LEAF_DOMAIN);
    transcript.field(&tracker.0).field(&ballot_hash.0);
    transcript.finish()
}

/// A request (idempotency) key as the ballot side stores it: SHA-256 over
/// `"mandat/request/v2"`, the poll code, the voter's IIN and the key, each length-prefixed.
///
/// The voter is inside the hash so that a key finds a stored ballot only for the voter who
/// cast it: another session presenting the same key computes another hash and finds nothing.
/// The key itself carries at least 128 random bits ([`request_key_problem`]), so whoever
/// reads the stored hash cannot test voters' IINs against it.
pub fn request_hash(poll: &Code, voter: &crate::Iin, request_key: &str) -> Hash32 {
    let mut transcript = Transcript::new(REQUEST_DOMAIN);
    transcript
        .field(poll.as_str().as_bytes())
        .field(voter.to_string().as_bytes())
        .field(request_key.as_bytes());
    transcript.finish()
}

/// Why a request key is refused, or `None` when it is good: a key is at least 128 random
/// bits written as 32 to 100 hex digits or 22 to 100 base64url characters (`A-Z a-z 0-9 - _`),
/// e.g. 32 hex digits from `crypto.getRandomValues`. The characters alone cannot prove
/// randomness; a key of one repeated character is refused as the obvious mistake.
pub fn request_key_problem(key: &str) -> Option<RequestKeyProblem> {
    // Hex digits carry 4 bits each, other base64url characters 6: a key of hex digits alone
    // is read as hex, whatever alphabet it was drawn from.
    let alphabet = key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let least = if key.bytes().all(|b| b.is_ascii_hexdigit()) {
        32
    } else {
        22
    };
    if key.len() > 100 {
        return Some(RequestKeyProblem::TooLong);
    }
    if !alphabet || key.len() < least {
        return Some(RequestKeyProblem::TooFewBits);
    }
    let first = key.as_bytes()[0];
    if key.bytes().all(|b| b == first) {
        return Some(RequestKeyProblem::Repeated);
    }
    None
}

/// What is wrong with a client's request key; its sentence is `problem-request-key-<code>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RequestKeyProblem {
    #[error("at most 100 characters")]
    TooLong,
    #[error(
        "at least 128 random bits: 32 or more hex digits, or 22 or more base64url characters (A-Z, a-z, 0-9, - and _)"
    )]
    TooFewBits,
    #[error("random bits, not one character repeated")]
    Repeated,
}

impl crate::i18n::Problem for RequestKeyProblem {
    fn code(&self) -> &'static str {
        match self {
            RequestKeyProblem::TooLong => "request_key_too_long",
            RequestKeyProblem::TooFewBits => "request_key_too_few_bits",
            RequestKeyProblem::Repeated => "request_key_repeated",
        }
    }

    fn params(&self, _: crate::Lang) -> Vec<(&'static str, crate::i18n::Param)> {
        Vec::new()
    }
}

/// The commitment journaled with a batch of ballots: SHA-256 over `"mandat/batch/v1"` and
/// one field holding the batch's leaves, sorted ascending, concatenated (32 bytes each).
/// Sorted so that the journal does not keep the order the ballots arrived in.
pub fn batch_commitment(sorted_leaves: &[Hash32]) -> Hash32 {
    let mut transcript = Transcript::new(BATCH_DOMAIN);
    transcript.field_length((sorted_leaves.len() as u64) * 32);
    for leaf in sorted_leaves {
        transcript.raw(&leaf.0);
    }
    transcript.finish()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn poll() -> Code {
        Code::parse("primary-2025").unwrap()
    }

    fn content(code: &str) -> BallotContent {
        BallotContent(vec![vec![code.to_owned()]])
    }

    #[test]
    fn request_keys_carry_128_random_bits() {
        for good in [
            "0123456789abcdef0123456789abcdef",
            "9F86D081884C7D659A2FEAA0C55AD015",
            "q83vEjRWeJq83vEjRWeJqw",
        ] {
            assert_eq!(request_key_problem(good), None, "{good}");
        }
        for bad in [
            "",
            "7f3c9a2e-1",
            "q83vEjRWeJq83vEjRWeJq",
            "0123456789abcdef012345",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "a key with spaces in it, long enough",
            &"a1".repeat(51),
        ] {
            assert!(request_key_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn tracker_is_deterministic_and_depends_on_every_input() {
        let server = [7u8; 32];
        let with_device = tracker(&poll(), Some(b"device nonce"), &server);
        assert_eq!(
            with_device,
            tracker(&poll(), Some(b"device nonce"), &server)
        );
        let server_only = tracker(&poll(), None, &server);
        assert_eq!(server_only, tracker(&poll(), None, &server));
        assert_ne!(with_device, server_only);
        assert_ne!(with_device, tracker(&poll(), Some(b"other nonce"), &server));
        assert_ne!(
            with_device,
            tracker(&poll(), Some(b"device nonce"), &[8; 32])
        );
        let other_poll = Code::parse("primary-2026").unwrap();
        assert_ne!(server_only, tracker(&other_poll, None, &server));
    }

    #[test]
    fn ballot_hash_changes_with_every_input() {
        let t = tracker(&poll(), None, &[1; 32]);
        let opening = Hash32([2; 32]);
        let base = ballot_hash(&poll(), &t, &content("ivanova"), &opening);
        assert_eq!(
            base,
            ballot_hash(&poll(), &t, &content("ivanova"), &opening)
        );
        assert_ne!(
            base,
            ballot_hash(&poll(), &t, &content("ivanova"), &Hash32([3; 32]))
        );
        assert_ne!(base, ballot_hash(&poll(), &t, &content("petrov"), &opening));
        assert_ne!(
            base,
            ballot_hash(&poll(), &t, &BallotContent::blank(), &opening)
        );
        assert_ne!(
            base,
            ballot_hash(&poll(), &Hash32([9; 32]), &content("ivanova"), &opening)
        );
        let other_poll = Code::parse("other").unwrap();
        assert_ne!(
            base,
            ballot_hash(&other_poll, &t, &content("ivanova"), &opening)
        );
    }

    #[test]
    fn domains_keep_constructions_apart() {
        let a = Hash32([1; 32]);
        let b = Hash32([2; 32]);
        assert_ne!(leaf(&a, &b), leaf(&b, &a));
        let voter = |serial| {
            let birth = jiff::civil::date(1985, 3, 14);
            (serial..serial + 100)
                .find_map(|s| crate::Iin::compose(birth, crate::Sex::Female, s))
                .unwrap()
        };
        let (first, second) = (voter(1), voter(200));
        assert_ne!(first, second);
        assert_ne!(
            request_hash(&poll(), &first, "k1"),
            request_hash(&poll(), &first, "k2")
        );
        // The same key from another voter finds nothing of the first voter's ballot.
        assert_ne!(
            request_hash(&poll(), &first, "k1"),
            request_hash(&poll(), &second, "k1")
        );
        assert_ne!(batch_commitment(&[a, b]), batch_commitment(&[a]));
        assert_ne!(batch_commitment(&[]), batch_commitment(&[a]));
    }

    #[test]
    fn a_batch_commitment_is_one_length_prefixed_field() {
        let a = Hash32([1; 32]);
        let b = Hash32([2; 32]);
        let mut whole = Transcript::new(BATCH_DOMAIN);
        whole.field(&[a.0, b.0].concat());
        assert_eq!(batch_commitment(&[a, b]), whole.finish());
    }
}
