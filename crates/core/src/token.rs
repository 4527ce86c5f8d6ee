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

/// What a hall link opens: the same meeting's screen or its voting tablet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HallLink {
    Projector,
    Kiosk,
}

impl HallLink {
    pub fn as_str(self) -> &'static str {
        match self {
            HallLink::Projector => "projector",
            HallLink::Kiosk => "kiosk",
        }
    }
}

impl TokenKey {
    /// The secret part of a hall link (`/hall/{meeting}/screen/{token}`, the kiosk's): base64url
    /// of the first 16 bytes of HMAC-SHA-256 of `purpose|meeting|generation`. Derived, never
    /// stored; raising the meeting's generation (`renew_projector_link`) kills the earlier one.
    pub fn hall_link(&self, purpose: HallLink, meeting: &str, generation: u32) -> String {
        let text = format!("{}|{meeting}|{generation}", purpose.as_str());
        let mac = hmac(&self.0, &[text.as_bytes()]);
        base64url(&mac[..16])
    }

    /// Whether `given` is the current hall link's token, compared in constant time.
    pub fn hall_link_ok(
        &self,
        purpose: HallLink,
        meeting: &str,
        generation: u32,
        given: &str,
    ) -> bool {
        same_mac(&self.hall_link(purpose, meeting, generation), given)
    }
}

/// Base64url without padding (RFC 4648, section 5): safe in a URL path.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let letters = chunk.len() + 1;
        for i in 0..letters {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
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
    fn a_hall_link_is_22_url_safe_letters_and_changes_with_generation_purpose_and_meeting() {
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(base64url(b"Man"), "TWFu");
        let key = TokenKey::derive(&[7u8; 32]);
        let link = key.hall_link(HallLink::Projector, "ALM.2020", 0);
        assert_eq!(link.len(), 22);
        assert!(key.hall_link_ok(HallLink::Projector, "ALM.2020", 0, &link));
        assert!(!key.hall_link_ok(HallLink::Projector, "ALM.2020", 1, &link));
        assert!(!key.hall_link_ok(HallLink::Kiosk, "ALM.2020", 0, &link));
        assert!(!key.hall_link_ok(HallLink::Projector, "AST.2020", 0, &link));
    }

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
