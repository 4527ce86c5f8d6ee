//! Which version of the charter's rules decides a command: journals recorded before a rule changed replay under the rules they were recorded with.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The version of the rules in force. A journal without `adopt_rules` was recorded under
/// version 1; a new database records the current version before its first command, and
/// `mandat upgrade` records it for an older one. Every rule that changed says from which version
/// it applies ([`RulesVersion::charter`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RulesVersion(pub u32);

impl RulesVersion {
    /// The rules of the first journals: no `adopt_rules` recorded.
    pub const FIRST: RulesVersion = RulesVersion(1);
    /// The charter's rules as a party runs them: one candidacy per person, time order inside a
    /// meeting, decision rules set by the organizer, candidacies that lapse with membership,
    /// failures that say why, and station conflicts resolved before the count.
    pub const CHARTER: RulesVersion = RulesVersion(2);
    /// What this build records for new databases and upgrades to.
    pub const CURRENT: RulesVersion = RulesVersion::CHARTER;

    /// Whether the charter's rules (version 2) apply.
    pub fn charter(self) -> bool {
        self >= RulesVersion::CHARTER
    }
}

impl Default for RulesVersion {
    fn default() -> RulesVersion {
        RulesVersion::FIRST
    }
}

impl fmt::Display for RulesVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
