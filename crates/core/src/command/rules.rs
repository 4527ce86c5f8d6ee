//! The command that sets which version of the rules decides the commands after it.

use crate::rules::RulesVersion;
use serde::{Deserialize, Serialize};

/// Adopts a newer version of the rules: every command after it is decided under that version.
/// Recorded before the first command of a new database and by `mandat upgrade`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptRules {
    pub version: RulesVersion,
}
