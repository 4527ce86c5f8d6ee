//! The commands of staff accounts and role grants: journaled facts without any secret.

use crate::iin::Iin;
use crate::model::Code;
use crate::staff::{GrantedRole, Login, StaffRole};
use serde::{Deserialize, Serialize};

/// Adds a staff account scoped to a unit and everything under it. Its password and TOTP secret
/// are set apart from the journal (`mandat account add` prints them once).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AddAccount {
    pub login: Login,
    pub role: StaffRole,
    pub unit: Code,
}

/// Disables a staff account for good: it signs in no more, and its sessions end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DisableAccount {
    pub login: Login,
    pub reason: String,
}

/// Grants a person in the registry a role for exactly one of a unit (and everything under
/// it), a meeting or a poll.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GrantRole {
    pub role: GrantedRole,
    pub iin: Iin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll: Option<Code>,
}

/// Takes back a grant before its meeting or poll closes (or a unit's grant, which never lapses).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RevokeGrant {
    pub role: GrantedRole,
    pub iin: Iin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Code>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll: Option<Code>,
    pub reason: String,
}
