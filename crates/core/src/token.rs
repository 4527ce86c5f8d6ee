//! The key that one-time codes and session tokens are stored under: HMAC-SHA-256, never bare hashes.
//!
//! A code or token is stored only as `HMAC-SHA-256(key, domain || 0 || normalized text)`. The key
//! is derived from the site secret (the file kept apart from the database) with its own label,
//! so a copy of the database or a backup cannot test guesses of an unused code offline: without
//! the key, the stored value says nothing about the code. The desks that issue codes and the
//! server that checks them both hold the site secret, so both derive the same key.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::fmt;

/// The label that separates this key from every other use of the site secret.
const LABEL: &[u8] = b"mandat/token-hmac/v1";

/// The HMAC key for stored codes and tokens.
#[derive(Clone)]
pub struct TokenKey([u8; 32]);

impl TokenKey {
    /// The key derived from the site secret: HMAC-SHA-256 of a fixed label under the secret.
    pub fn derive(site_secret: &[u8]) -> TokenKey {
        TokenKey(hmac(site_secret, &[LABEL]))
    }

    /// The stored form of a code or token in `domain`: 64 lowercase hex characters. The text
    /// is normalized as typed on a phone (case, spaces and dashes do not matter).
    pub fn mac(&self, domain: &str, secret: &str) -> String {
        let normalized = secret.trim().to_uppercase().replace(['-', ' '], "");
        hex::encode(hmac(
            &self.0,
            &[domain.as_bytes(), &[0u8], normalized.as_bytes()],
        ))
    }
}

impl fmt::Debug for TokenKey {
    /// Never prints the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenKey(…)")
    }
}

/// Whether two stored forms are equal, in time that does not depend on where they differ: a
/// guesser timing the answers learns nothing about how close a guess came.
pub fn same_mac(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    match <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            for part in parts {
                mac.update(part);
            }
            mac.finalize().into_bytes().into()
        }
        // HMAC takes keys of any length; this arm is never reached.
        Err(_) => [0u8; 32],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    #[test]
    fn the_stored_form_depends_on_the_key_and_is_not_a_bare_hash() {
        let a = TokenKey::derive(&[1u8; 32]);
        let b = TokenKey::derive(&[2u8; 32]);
        let code = "ABCD-EFGH-JKMN";
        assert_ne!(
            a.mac("mandat/credential/v1", code),
            b.mac("mandat/credential/v1", code)
        );
        assert_ne!(
            a.mac("mandat/credential/v1", code),
            a.mac("mandat/session/v1", code)
        );
        assert_eq!(
            a.mac("mandat/credential/v1", code),
            a.mac("mandat/credential/v1", " abcd efgh-jkmn ")
        );
        let mut bare = sha2::Sha256::new();
        bare.update(b"mandat/credential/v1\0ABCDEFGHJKMN");
        assert_ne!(
            a.mac("mandat/credential/v1", code),
            hex::encode(bare.finalize())
        );
    }
}
