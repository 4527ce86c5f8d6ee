//! The hash chain of the journal: how an entry's hash is computed and how a chain is checked.

use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One journal entry as stored.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    pub seq: i64,
    /// Unix milliseconds when the entry was written (not when the command took effect).
    pub recorded_at: i64,
    pub actor: String,
    /// The exact canonical command text that was hashed.
    pub command: String,
    pub prev_hash: String,
    pub hash: String,
}

/// SHA-256 over the length-prefixed fields, so no two different entries share an encoding.
pub fn entry_hash(
    seq: i64,
    recorded_at: i64,
    actor: &str,
    command: &str,
    prev_hash: &str,
) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"mandat-journal-v1");
    for field in [
        &seq.to_be_bytes()[..],
        &recorded_at.to_be_bytes()[..],
        actor.as_bytes(),
        command.as_bytes(),
        prev_hash.as_bytes(),
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field);
    }
    hex::encode(hasher.finalize())
}

impl Entry {
    pub fn new(
        seq: i64,
        recorded_at: i64,
        actor: String,
        command: String,
        prev_hash: String,
    ) -> Entry {
        let hash = entry_hash(seq, recorded_at, &actor, &command, &prev_hash);
        Entry {
            seq,
            recorded_at,
            actor,
            command,
            prev_hash,
            hash,
        }
    }
}

/// A published chain head `SEQ:HASH`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
}

impl std::str::FromStr for Anchor {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (seq, hash) = s.split_once(':').ok_or_else(|| {
            format!("an anchor is SEQ:HASH as printed by `mandat journal head`, got {s:?}")
        })?;
        let seq = seq
            .parse::<i64>()
            .map_err(|_| format!("the SEQ of an anchor is a whole number, got {seq:?}"))?;
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "the HASH of an anchor is 64 hex digits, got {hash:?}"
            ));
        }
        Ok(Anchor {
            seq,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

/// What is wrong with a chain, naming the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error(
        "journal entry {found} follows entry {previous}: sequence numbers must run 1, 2, 3 … without gaps (a row was deleted, inserted or renumbered)"
    )]
    Sequence { previous: i64, found: i64 },
    #[error("journal entry {seq}: prev_hash does not equal the hash of entry {}", seq - 1)]
    Link { seq: i64 },
    #[error("journal entry {seq}: its hash does not match its contents (the row was edited)")]
    Hash { seq: i64 },
    #[error("journal entry {seq}: recorded before entry {}", seq - 1)]
    Clock { seq: i64 },
}

/// Checks entries one by one, in order; feed it every entry of the journal.
#[derive(Debug)]
pub struct ChainChecker {
    last_seq: i64,
    last_hash: String,
    last_recorded: i64,
}

impl Default for ChainChecker {
    fn default() -> Self {
        ChainChecker {
            last_seq: 0,
            last_hash: GENESIS_HASH.to_string(),
            last_recorded: i64::MIN,
        }
    }
}

impl ChainChecker {
    pub fn check(&mut self, entry: &Entry) -> Result<(), ChainError> {
        if entry.seq != self.last_seq + 1 {
            return Err(ChainError::Sequence {
                previous: self.last_seq,
                found: entry.seq,
            });
        }
        if entry.prev_hash != self.last_hash {
            return Err(ChainError::Link { seq: entry.seq });
        }
        let expected = entry_hash(
            entry.seq,
            entry.recorded_at,
            &entry.actor,
            &entry.command,
            &entry.prev_hash,
        );
        if expected != entry.hash {
            return Err(ChainError::Hash { seq: entry.seq });
        }
        if entry.recorded_at < self.last_recorded {
            return Err(ChainError::Clock { seq: entry.seq });
        }
        self.last_seq = entry.seq;
        self.last_hash = entry.hash.clone();
        self.last_recorded = entry.recorded_at;
        Ok(())
    }

    pub fn head(&self) -> Anchor {
        Anchor {
            seq: self.last_seq,
            hash: self.last_hash.clone(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Entry> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n)
            .map(|seq| {
                let e = Entry::new(
                    seq,
                    seq * 10,
                    "a".into(),
                    format!("{{\"n\":{seq}}}"),
                    prev.clone(),
                );
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    fn check_all(entries: &[Entry]) -> Result<Anchor, ChainError> {
        let mut c = ChainChecker::default();
        for e in entries {
            c.check(e)?;
        }
        Ok(c.head())
    }

    #[test]
    fn an_intact_chain_checks() {
        let entries = chain(5);
        assert_eq!(check_all(&entries).unwrap().hash, entries[4].hash);
    }

    #[test]
    fn an_edited_deleted_or_reordered_entry_is_named() {
        let mut edited = chain(5);
        edited[2].command = "{\"n\":99}".into();
        assert_eq!(check_all(&edited), Err(ChainError::Hash { seq: 3 }));

        let mut deleted = chain(5);
        deleted.remove(2);
        assert_eq!(
            check_all(&deleted),
            Err(ChainError::Sequence {
                previous: 2,
                found: 4
            })
        );

        let mut swapped = chain(5);
        swapped.swap(1, 2);
        assert!(check_all(&swapped).is_err());
    }

    #[test]
    fn length_prefixes_keep_fields_apart() {
        assert_ne!(
            entry_hash(1, 1, "ab", "c", "x"),
            entry_hash(1, 1, "a", "bc", "x")
        );
    }

    #[test]
    fn anchors_parse_and_refuse_nonsense() {
        let a: Anchor = format!("12:{}", "A".repeat(64)).parse().unwrap();
        assert_eq!(a.seq, 12);
        assert!("12".parse::<Anchor>().is_err());
        assert!("x:00".parse::<Anchor>().is_err());
    }
}
