//! Adopting a newer version of the rules.

use super::{Decide, RuleError, Stamp};
use crate::command::{AdoptRules, Needs};
use crate::rules::RulesVersion;
use crate::state::{Change, Snapshot};

impl Decide for AdoptRules {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        if self.version > RulesVersion::CURRENT {
            return Err(RuleError::RulesUnknown {
                version: self.version.0,
                newest: RulesVersion::CURRENT.0,
            });
        }
        if self.version <= state.rules_version {
            return Err(RuleError::RulesNotNewer {
                version: self.version.0,
                current: state.rules_version.0,
            });
        }
        Ok(vec![Change::PutRules {
            version: self.version,
            adopted_seq: at.seq,
        }])
    }
}
