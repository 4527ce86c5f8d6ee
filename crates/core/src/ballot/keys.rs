//! The server's Ed25519 signing key for receipts and checkpoints, and signature checks anyone can run.
//!
//! The key is kept apart from the database (see the architecture's key decisions): whoever can
//! rewrite the database still cannot sign a checkpoint or a receipt. Signatures are plain
//! Ed25519 (RFC 8032) over the message bytes; checks use the strict rules (no small-order keys,
//! no malleable signatures), so one message has one valid signature per key.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The server's signing key.
#[derive(Clone)]
pub struct ServerKey {
    signing: SigningKey,
}

impl ServerKey {
    /// The key made from a 32-byte secret seed (RFC 8032's private key). The caller draws the
    /// seed and keeps it.
    pub fn from_seed(seed: &[u8; 32]) -> ServerKey {
        ServerKey {
            signing: SigningKey::from_bytes(seed),
        }
    }

    /// The public key, 64 lowercase hex characters: what verifiers are given.
    pub fn public_hex(&self) -> String {
        hex::encode(self.signing.verifying_key().to_bytes())
    }

    /// A short name of the public key: the first 16 hex characters of SHA-256 of its 32 bytes.
    /// Stored with each signature so that a verifier holding several keys (after a rotation)
    /// knows which to use.
    pub fn key_id(&self) -> String {
        key_id_of(&self.signing.verifying_key().to_bytes())
    }

    /// The Ed25519 signature of `message`, 128 lowercase hex characters. Deterministic.
    pub fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.signing.sign(message).to_bytes())
    }
}

impl fmt::Debug for ServerKey {
    /// Names the key by its id only, so that the secret never reaches a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ServerKey({})", self.key_id())
    }
}

fn key_id_of(public: &[u8; 32]) -> String {
    let mut id = hex::encode(Sha256::digest(public));
    id.truncate(16);
    id
}

/// The key id (see [`ServerKey::key_id`]) of a public key given in hex, or `None` when the
/// text is not 32 bytes of hex.
pub fn key_id_for(public_hex: &str) -> Option<String> {
    let mut public = [0u8; 32];
    hex::decode_to_slice(public_hex, &mut public).ok()?;
    Some(key_id_of(&public))
}

/// Whether `signature_hex` is a valid Ed25519 signature of `message` by the key
/// `public_hex`. False for any malformed key or signature.
pub fn verify_signature(public_hex: &str, message: &[u8], signature_hex: &str) -> bool {
    let mut public = [0u8; 32];
    let mut signature = [0u8; 64];
    if hex::decode_to_slice(public_hex, &mut public).is_err()
        || hex::decode_to_slice(signature_hex, &mut signature).is_err()
    {
        return false;
    }
    let Ok(key) = VerifyingKey::from_bytes(&public) else {
        return false;
    };
    key.verify_strict(message, &Signature::from_bytes(&signature))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_under_their_key_only() {
        let key = ServerKey::from_seed(&[1; 32]);
        let other = ServerKey::from_seed(&[2; 32]);
        let signature = key.sign(b"message");
        assert_eq!(key.public_hex().len(), 64);
        assert_eq!(signature.len(), 128);
        assert_eq!(signature, key.sign(b"message"), "Ed25519 is deterministic");
        assert!(verify_signature(&key.public_hex(), b"message", &signature));
        assert!(!verify_signature(&key.public_hex(), b"massage", &signature));
        assert!(!verify_signature(
            &other.public_hex(),
            b"message",
            &signature
        ));
        assert_eq!(key.key_id().len(), 16);
        assert_ne!(key.key_id(), other.key_id());
        assert_eq!(key_id_for(&key.public_hex()), Some(key.key_id()));
        assert!(!format!("{key:?}").contains(&hex::encode([1u8; 32])));
    }

    #[test]
    fn malformed_input_is_refused_not_fatal() {
        let key = ServerKey::from_seed(&[1; 32]);
        let signature = key.sign(b"m");
        let public = key.public_hex();
        for (public, signature) in [
            ("", signature.as_str()),
            ("zz", signature.as_str()),
            (&public[..62], signature.as_str()),
            (public.as_str(), ""),
            (public.as_str(), &signature[..126]),
            (public.as_str(), "g".repeat(128).as_str()),
            // All-zero bytes: a small-order point that strict checking refuses.
            (&"0".repeat(64), &"0".repeat(128)),
            (&"f".repeat(64), signature.as_str()),
        ] {
            assert!(!verify_signature(public, b"m", signature));
        }
        assert_eq!(key_id_for("abc"), None);
    }
}
