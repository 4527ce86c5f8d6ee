//! Withdrawals from an approved list: a candidate leaves and those below move up, by a recorded decision.

use super::*;

impl Decide for WithdrawFromList {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let WithdrawFromList {
            campaign,
            target,
            iin,
            cause,
            decision,
        } = self;
        withdraw(state, campaign, target, iin, *cause, decision, at)
    }
}

/// A member expelled or suspended leaves every approved list they are on, each place going to
/// the next candidate by the list's rule as for a disqualification (rules version 2); the
/// decision behind the status change is the list's recorded decision.
pub(in crate::decide) fn left_the_party(
    state: &Snapshot,
    member: &Member,
    decision: &str,
    at: &Stamp,
    leaves: impl Fn(&Code, &Code) -> bool,
) -> Result<Vec<Change>, RuleError> {
    let mut changes = Vec::new();
    for (c, target) in state.lists_standing_for(&member.iin) {
        if !leaves(&c, &target) {
            continue;
        }
        let Some(list) = state.party_lists.get(&(c.clone(), target.clone())) else {
            continue;
        };
        let listed = list.entries.iter().any(|e| e.member == member.id);
        if matches!(list.status, ListStatus::Approved { .. }) && listed {
            changes.extend(withdraw(
                state,
                &c,
                &target,
                &member.iin,
                ListRemoval::Disqualified,
                decision,
                at,
            )?);
        }
    }
    Ok(changes)
}

#[allow(clippy::too_many_arguments)]
fn withdraw(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    iin: &Iin,
    cause: ListRemoval,
    decision: &str,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    text("decision", decision, MAX_TEXT)?;
    let rules = rules_of(state, c, target)?;
    let list = list_of(state, c, target)?;
    if !matches!(list.status, ListStatus::Approved { .. }) {
        return Err(RuleError::ListNotApproved {
            target: target.clone(),
        });
    }
    let member = existing_member(state, iin)?;
    if !list.entries.iter().any(|e| e.member == member.id) {
        return Err(not_listed(member, target));
    }
    let pool = Pool::load(state, c, target, rules)?;
    // The list as it stands: a listed candidate whose candidacy lapsed is still judged by IIN.
    let by_id: HashMap<i64, &Member> = state.members.values().map(|m| (m.id, m)).collect();
    let mut current = Vec::new();
    for e in &list.entries {
        let m = by_id.get(&e.member).ok_or_else(|| {
            RuleError::internal(format!("member {} of the list was not loaded", e.member))
        })?;
        current.push(Candidate::from_iin(
            i64::from(e.candidate_number),
            m.full_name.clone(),
            m.iin,
            e.rating,
        ));
    }
    let leaving = list
        .entries
        .iter()
        .find(|e| e.member == member.id)
        .map_or(0, |e| i64::from(e.candidate_number));
    let remaining: Vec<Candidate> = pool
        .ordered
        .iter()
        .filter(|candidate| {
            pool.members
                .get(&candidate.id)
                .is_some_and(|m| !list.removed.contains(&m.id) && m.id != member.id)
        })
        .cloned()
        .collect();
    let replaced = lists::replacement(
        &rules.rules,
        &current,
        leaving,
        &remaining,
        pool.election_day,
    )
    .map_err(|problem| RuleError::ListDraftFailed {
        target: target.clone(),
        problem,
    })?;
    let mut entries = list.entries.clone();
    let index = replaced.place - 1;
    let mut text = format!(
        "{} {} (place {})",
        member.full_name,
        match cause {
            ListRemoval::Withdrew => "withdrew",
            ListRemoval::Disqualified => "was disqualified",
        },
        replaced.place
    );
    let mut replacement = None;
    match replaced.candidate {
        Some(id) => {
            let entry = pool.entry(id)?;
            replacement = Some(Successor {
                name: pool.name(id),
                rated: entry.rating_position,
            });
            text.push_str(&format!(
                "; place {} goes to {} (rated {}), the highest-rated remaining candidate who keeps the rules the list met",
                replaced.place,
                pool.name(id),
                entry.rating_position
            ));
            if let Some(slot) = entries.get_mut(index) {
                *slot = entry;
            }
        }
        None => {
            text.push_str(
                "; no candidate is left to take the place, so it is struck and those below move up",
            );
            if index < entries.len() {
                entries.remove(index);
            }
        }
    }
    text.push_str("; ");
    text.push_str(&describe_violations(&replaced.violations));
    let mut removed = list.removed.clone();
    removed.push(member.id);
    let updated = PartyList {
        revision: list.revision + 1,
        entries,
        violations: replaced.violations,
        removed,
        updated_at: at.held_at,
        ..list.clone()
    };
    let kind = match cause {
        ListRemoval::Withdrew => "withdrawn",
        ListRemoval::Disqualified => "disqualified",
    };
    let detail = ListChange::Left {
        name: member.full_name.clone(),
        disqualified: cause == ListRemoval::Disqualified,
        place: count(replaced.place),
        replacement,
        violations: updated.violations.clone(),
    };
    Ok(record_change(
        updated,
        kind,
        (text, detail),
        decision.trim().to_string(),
        at,
    ))
}
