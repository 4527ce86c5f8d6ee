//! The rules of staff accounts and role grants: a login once, an open unit, a person in the registry, a meeting or poll that has not ended.

use super::*;
use crate::command::{AddAccount, DisableAccount, GrantRole, Needs, RevokeGrant};
use crate::decide::{Decide, Stamp};
use crate::meeting::model::MeetingStatus;
use crate::poll::PollStatus;
use crate::staff::{Account, Grant, GrantScope};
use crate::state::{Change, Snapshot};

impl Decide for AddAccount {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let AddAccount { login, role, unit } = self;
        if state.accounts.contains_key(login) {
            return Err(RuleError::AccountExists {
                login: login.to_string(),
            });
        }
        open_unit(state, unit)?;
        Ok(vec![Change::PutAccount(Account {
            login: login.clone(),
            role: *role,
            unit: unit.clone(),
            disabled: false,
            added_seq: at.seq,
        })])
    }
}

impl Decide for DisableAccount {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let DisableAccount { login, reason } = self;
        text("reason", reason, MAX_TEXT)?;
        let account = state
            .accounts
            .get(login)
            .ok_or_else(|| RuleError::NoAccount {
                login: login.to_string(),
            })?;
        if account.disabled {
            return Err(RuleError::AccountDisabled {
                login: login.to_string(),
            });
        }
        Ok(vec![Change::PutAccount(Account {
            disabled: true,
            ..account.clone()
        })])
    }
}

/// The scope a grant command names, which must exist (a unit open, a meeting or poll not ended
/// when `new`).
fn grant_scope(
    state: &Snapshot,
    unit: Option<&Code>,
    meeting: Option<&Code>,
    poll: Option<&Code>,
) -> Result<GrantScope, RuleError> {
    let scope = GrantScope::from_fields(unit, meeting, poll).ok_or(RuleError::GrantScopeOne)?;
    match &scope {
        GrantScope::Unit(code) => {
            open_unit(state, code)?;
        }
        GrantScope::Meeting(code) => {
            if !state.meetings.contains_key(code) {
                return Err(RuleError::NoMeeting {
                    meeting: code.clone(),
                });
            }
        }
        GrantScope::Poll(code) => {
            if !state.polls.contains_key(code) {
                return Err(RuleError::NoPoll { poll: code.clone() });
            }
        }
    }
    Ok(scope)
}

/// Whether a grant's meeting or poll has ended for it, by the rule of [`Grant::lapsed`].
pub(crate) fn lapsed(state: &Snapshot, grant: &Grant) -> Option<&'static str> {
    let meeting: Option<MeetingStatus> = match &grant.scope {
        GrantScope::Meeting(code) => state.meetings.get(code).map(|m| m.status),
        _ => None,
    };
    let poll: Option<PollStatus> = match &grant.scope {
        GrantScope::Poll(code) => state.polls.get(code).map(|p| p.status),
        _ => None,
    };
    grant.lapsed(meeting, poll)
}

impl Decide for GrantRole {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let GrantRole {
            role,
            iin,
            unit,
            meeting,
            poll,
        } = self;
        let scope = grant_scope(state, unit.as_ref(), meeting.as_ref(), poll.as_ref())?;
        existing_member(state, iin)?;
        let grant = Grant {
            iin: *iin,
            role: *role,
            scope,
            granted_seq: at.seq,
        };
        if state.grants.contains_key(&grant.key()) {
            return Err(RuleError::GrantExists {
                role: role.as_str(),
                iin: iin.masked(),
                scope: grant.scope.to_string(),
            });
        }
        if let Some(status) = lapsed(state, &grant) {
            return Err(RuleError::GrantScopeEnded {
                scope: grant.scope.to_string(),
                status,
            });
        }
        Ok(vec![Change::PutGrant(grant)])
    }
}

impl Decide for RevokeGrant {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RevokeGrant {
            role,
            iin,
            unit,
            meeting,
            poll,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        let scope = GrantScope::from_fields(unit.as_ref(), meeting.as_ref(), poll.as_ref())
            .ok_or(RuleError::GrantScopeOne)?;
        let key = (*iin, *role, scope);
        if !state.grants.contains_key(&key) {
            return Err(RuleError::NoGrant {
                role: role.as_str(),
                iin: iin.masked(),
                scope: key.2.to_string(),
            });
        }
        Ok(vec![Change::DeleteGrant {
            iin: key.0,
            role: key.1,
            scope: key.2,
        }])
    }
}
