//! A registry loaded into an empty members table: its indexes come down for the load and are built once at its end, the batch's own keys standing in for them meanwhile.
//!
//! Inserting a million members one B-tree step at a time into the random-keyed IIN and phone
//! indexes was most of an import's time; building an index from the finished table sorts once.
//! This is only safe while the batch knows every row of the table: the table was empty when it
//! first looked, and nothing but registrations has written to it since. The indexes are down
//! only while the batch decides chunks made of registrations alone, whose only reads of the
//! table are by IIN and phone (answered here) and by id (the primary key stays); any other
//! chunk, and the commit, build them first. Dropping and creating indexes is transactional on
//! both engines: a batch that is abandoned or fails leaves the indexes as they were.

use crate::error::{Doing, StoreError};
use mandat_core::{Iin, Phone};
use sqlx::AnyConnection;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// A chunk of at least this many registrations takes the indexes down: for fewer, building
/// them again costs more than it saves.
pub(crate) const AT_LEAST: usize = 1_000;

/// The members' indexes as the migrations make them (0001 and 0017), built again after a load.
const INDEXES: [(&str, &str); 3] = [
    (
        "members_iin",
        "CREATE UNIQUE INDEX members_iin ON members (iin)",
    ),
    (
        "members_phone",
        "CREATE UNIQUE INDEX members_phone ON members (phone)",
    ),
    (
        "members_unit",
        "CREATE INDEX members_unit ON members (unit, status)",
    ),
];

/// What a batch knows of the members table.
#[derive(Default)]
pub(crate) enum MemberKeys {
    /// Not looked at yet.
    #[default]
    Unknown,
    /// Every row of the table, by the hash of its IIN and of its phone: a hit is read by id
    /// (a hash that collides reads a member the rules then see is someone else).
    Tracked {
        iins: HashMap<u64, i64>,
        phones: HashMap<u64, i64>,
        indexes_down: bool,
    },
    /// The table held members, or one was changed: lookups use the indexes.
    Untracked,
}

fn key<T: Hash + ?Sized>(value: &T) -> u64 {
    // SipHash with fixed keys: the same value always gives the same key within the batch.
    let mut hasher = std::hash::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

impl MemberKeys {
    /// Before a chunk that registers members: looks whether the table is empty, once per batch.
    pub(crate) async fn look(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        if !matches!(self, MemberKeys::Unknown) {
            return Ok(());
        }
        let any = sqlx::query("SELECT id FROM members LIMIT 1")
            .fetch_optional(&mut *conn)
            .await
            .doing("looking whether the registry is empty")?;
        *self = match any {
            None => MemberKeys::Tracked {
                iins: HashMap::new(),
                phones: HashMap::new(),
                indexes_down: false,
            },
            Some(_) => MemberKeys::Untracked,
        };
        Ok(())
    }

    /// Whether lookups by IIN and phone must come from here (the indexes are down).
    pub(crate) fn indexes_down(&self) -> bool {
        matches!(
            self,
            MemberKeys::Tracked {
                indexes_down: true,
                ..
            }
        )
    }

    /// Takes the indexes down when every row is known and they are up.
    pub(crate) async fn take_down(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        let MemberKeys::Tracked { indexes_down, .. } = self else {
            return Ok(());
        };
        if *indexes_down {
            return Ok(());
        }
        for (name, _) in INDEXES {
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX {name}")))
                .execute(&mut *conn)
                .await
                .doing("setting the members' indexes aside for a load")?;
        }
        *indexes_down = true;
        Ok(())
    }

    /// Builds the indexes again when they are down. A duplicate IIN or phone (which the rules
    /// refuse before it is written) would fail here and with it the whole batch.
    pub(crate) async fn build(&mut self, conn: &mut AnyConnection) -> Result<(), StoreError> {
        let MemberKeys::Tracked { indexes_down, .. } = self else {
            return Ok(());
        };
        if !*indexes_down {
            return Ok(());
        }
        for (_, create) in INDEXES {
            sqlx::query(create)
                .execute(&mut *conn)
                .await
                .doing("building the members' indexes after a load")?;
        }
        *indexes_down = false;
        Ok(())
    }

    /// A new member written with id `id`.
    pub(crate) fn registered(&mut self, id: i64, iin: &Iin, phone: &Phone) {
        if let MemberKeys::Tracked { iins, phones, .. } = self {
            iins.insert(key(iin), id);
            phones.insert(key(phone), id);
        }
    }

    /// A member changed otherwise than by registering: the keys no longer tell every row. Only
    /// called with the indexes up.
    pub(crate) fn changed(&mut self) {
        *self = MemberKeys::Untracked;
    }

    /// The ids of the members that may hold these IINs or phones.
    pub(crate) fn candidates(&self, iins: &[Iin], phones: &[Phone]) -> Vec<i64> {
        let MemberKeys::Tracked {
            iins: by_iin,
            phones: by_phone,
            ..
        } = self
        else {
            return Vec::new();
        };
        let mut ids: Vec<i64> = iins
            .iter()
            .filter_map(|i| by_iin.get(&key(i)))
            .chain(phones.iter().filter_map(|p| by_phone.get(&key(p))))
            .copied()
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}
