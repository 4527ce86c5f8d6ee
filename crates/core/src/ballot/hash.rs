//! The 32-byte digest type and the length-prefixed SHA-256 encoding every ballot construction uses.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// A 32-byte digest (SHA-256 output, or 32 random bytes such as a nonce or an opening).
///
/// Written as 64 lowercase hex characters in JSON, in `Display` and by [`Hash32::to_hex`];
/// parsing also accepts uppercase, since people copy trackers by hand. Orders as its bytes,
/// which is also the order of the hex strings.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hash32(pub [u8; 32]);

/// Why a text is not a [`Hash32`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HexError {
    #[error("a 32-byte hash is written as 64 hex characters, this one has {found}")]
    Length { found: usize },
    #[error(
        "{character:?} at position {position} is not a hex digit: a hash holds only 0-9 and a-f"
    )]
    NotHex { position: usize, character: char },
}

impl Hash32 {
    /// The 64 lowercase hex characters.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses 64 hex characters (either case), saying which problem a bad text has.
    pub fn from_hex(text: &str) -> Result<Hash32, HexError> {
        let mut bytes = [0u8; 32];
        // The common case first: a verify reads millions of leaves and trackers.
        if hex::decode_to_slice(text, &mut bytes).is_ok() {
            return Ok(Hash32(bytes));
        }
        // Non-hex characters are reported before the length, so that a text of the right
        // length with one stray character (or a multi-byte one) names that character.
        if let Some((position, character)) = text
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_hexdigit())
        {
            return Err(HexError::NotHex {
                position,
                character,
            });
        }
        Err(HexError::Length { found: text.len() })
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash32({})", self.to_hex())
    }
}

impl FromStr for Hash32 {
    type Err = HexError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Hash32::from_hex(text)
    }
}

impl Serialize for Hash32 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Hash32 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        Hash32::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

/// Appends one field as its byte length (8 bytes, big-endian) and its bytes, so that no two
/// different field lists share an encoding.
pub(crate) fn push_field(out: &mut Vec<u8>, field: &[u8]) {
    out.extend_from_slice(&(field.len() as u64).to_be_bytes());
    out.extend_from_slice(field);
}

/// A signed message: the domain tag and then the fields, each length-prefixed.
pub(crate) fn message(domain: &str, fields: &[&[u8]]) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(16 + domain.len() + fields.iter().map(|f| 8 + f.len()).sum::<usize>());
    push_field(&mut out, domain.as_bytes());
    for field in fields {
        push_field(&mut out, field);
    }
    out
}

/// SHA-256 over a domain tag and length-prefixed fields, fed piece by piece so that a long
/// field (a batch of leaves) need not be copied into one buffer.
pub(crate) struct Transcript(Sha256);

impl Transcript {
    /// Starts with the domain tag, itself length-prefixed: the tag keeps a hash made for one
    /// purpose from ever being accepted for another.
    pub(crate) fn new(domain: &str) -> Self {
        let mut transcript = Transcript(Sha256::new());
        transcript.field(domain.as_bytes());
        transcript
    }

    pub(crate) fn field(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update((bytes.len() as u64).to_be_bytes());
        self.0.update(bytes);
        self
    }

    /// Announces a field of `length` bytes that the caller then feeds with [`Self::raw`].
    pub(crate) fn field_length(&mut self, length: u64) -> &mut Self {
        self.0.update(length.to_be_bytes());
        self
    }

    pub(crate) fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(bytes);
        self
    }

    pub(crate) fn finish(self) -> Hash32 {
        Hash32(self.0.finalize().into())
    }
}

/// Plain SHA-256 of the concatenated parts (the Merkle tree's own encoding, which has no
/// length prefixes: its inputs have fixed sizes).
pub(crate) fn sha256(parts: &[&[u8]]) -> Hash32 {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    Hash32(hasher.finalize().into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (i * 37 + 5) as u8;
        }
        let hash = Hash32(bytes);
        let text = hash.to_hex();
        assert_eq!(text.len(), 64);
        assert_eq!(text, text.to_lowercase());
        assert_eq!(Hash32::from_hex(&text).unwrap(), hash);
        assert_eq!(text.parse::<Hash32>().unwrap(), hash);
        assert_eq!(Hash32::from_hex(&text.to_uppercase()).unwrap(), hash);
        assert_eq!(hash.to_string(), text);
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<Hash32>(&json).unwrap(), hash);
    }

    #[test]
    fn bad_hex_names_the_problem() {
        assert_eq!(Hash32::from_hex("abcd"), Err(HexError::Length { found: 4 }));
        assert_eq!(Hash32::from_hex(""), Err(HexError::Length { found: 0 }));
        assert_eq!(
            Hash32::from_hex(&"a".repeat(66)),
            Err(HexError::Length { found: 66 })
        );
        let mut text = "0".repeat(64);
        text.replace_range(10..11, "g");
        assert_eq!(
            Hash32::from_hex(&text),
            Err(HexError::NotHex {
                position: 10,
                character: 'g'
            })
        );
        assert!(matches!(
            Hash32::from_hex(&format!("{}é", "0".repeat(62))),
            Err(HexError::NotHex {
                character: 'é', ..
            })
        ));
        assert!(serde_json::from_str::<Hash32>("\"xyz\"").is_err());
        assert!(serde_json::from_str::<Hash32>("42").is_err());
    }

    #[test]
    fn length_prefixes_keep_fields_apart() {
        let joined = |a: &[u8], b: &[u8]| {
            let mut t = Transcript::new("test");
            t.field(a).field(b);
            t.finish()
        };
        assert_ne!(joined(b"ab", b"c"), joined(b"a", b"bc"));
        let mut streamed = Transcript::new("test");
        streamed.field_length(3).raw(b"a").raw(b"bc");
        let mut whole = Transcript::new("test");
        whole.field(b"abc");
        assert_eq!(streamed.finish(), whole.finish());
    }
}
