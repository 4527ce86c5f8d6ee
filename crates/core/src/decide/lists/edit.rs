//! An organizer's edits to a draft list: moving, adding and removing a candidate, with the reason.

use super::*;

impl Decide for EditList {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
        needs.iins.push(*self.edit.iin());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let EditList {
            campaign,
            target,
            edit,
            reason,
        } = self;
        edit_list(state, campaign, target, edit, reason, at)
    }
}

#[allow(clippy::too_many_arguments)]
fn edit_list(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    edit: &ListEdit,
    reason: &str,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    text("reason", reason, MAX_TEXT)?;
    let rules = rules_of(state, c, target)?;
    let list = list_of(state, c, target)?;
    expect_draft(list, "edit")?;
    let pool = Pool::load(state, c, target, rules)?;
    let member = existing_member(state, edit.iin())?;
    let listed = list.entries.iter().position(|e| e.member == member.id);
    let mut entries = list.entries.clone();
    let length = entries.len();
    let (kind, mut text, detail) = match edit {
        ListEdit::Move { place, .. } => {
            let from = listed.ok_or_else(|| not_listed(member, target))?;
            let to = checked_place(*place, length)?;
            let entry = entries.remove(from);
            entries.insert(to - 1, entry);
            (
                "moved",
                format!("{} moved from place {} to {to}", member.full_name, from + 1),
                EditDetail::Moved {
                    from: count(from + 1),
                    to: count(to),
                },
            )
        }
        ListEdit::Add { place, .. } => {
            if let Some(at_place) = listed {
                return Err(RuleError::AlreadyOnList {
                    name: member.full_name.clone(),
                    place: at_place + 1,
                });
            }
            let id = pool
                .id_of(member.id)
                .ok_or_else(|| RuleError::NotRegisteredCandidate {
                    name: member.full_name.clone(),
                    target: target.clone(),
                })?;
            let to = checked_place(*place, length + 1)?;
            entries.insert(to - 1, pool.entry(id)?);
            let rated = pool.position(id).map_or(0, |p| p + 1);
            (
                "added",
                format!("{} added at place {to} (rated {rated})", member.full_name),
                EditDetail::Added {
                    place: count(to),
                    rated: count(rated),
                },
            )
        }
        ListEdit::Remove { .. } => {
            let from = listed.ok_or_else(|| not_listed(member, target))?;
            entries.remove(from);
            (
                "removed",
                format!(
                    "{} removed from place {}; those below move up",
                    member.full_name,
                    from + 1
                ),
                EditDetail::Removed {
                    place: count(from + 1),
                },
            )
        }
    };
    let violations = pool.validate(&rules.rules, &entries)?;
    text.push_str("; ");
    text.push_str(&describe_violations(&violations));
    let name = member.full_name.clone();
    let detail = match detail {
        EditDetail::Moved { from, to } => ListChange::Moved {
            name,
            from,
            to,
            violations: violations.clone(),
        },
        EditDetail::Added { place, rated } => ListChange::Added {
            name,
            place,
            rated,
            violations: violations.clone(),
        },
        EditDetail::Removed { place } => ListChange::Removed {
            name,
            place,
            violations: violations.clone(),
        },
    };
    let updated = PartyList {
        revision: list.revision + 1,
        entries,
        violations,
        updated_at: at.held_at,
        ..list.clone()
    };
    Ok(record_change(
        updated,
        kind,
        (text, detail),
        reason.trim().to_string(),
        at,
    ))
}

fn checked_place(place: u32, last: usize) -> Result<usize, RuleError> {
    let place = place as usize;
    if place == 0 || place > last {
        return Err(RuleError::NoSuchPlace { place, last });
    }
    Ok(place)
}

/// What an edit did, before the list's new violations are known.
enum EditDetail {
    Moved { from: u32, to: u32 },
    Added { place: u32, rated: u32 },
    Removed { place: u32 },
}
