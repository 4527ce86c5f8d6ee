//! Drafting a list from the counted ratings (the members' primaries and the conferences' rating votes).

use super::*;

impl Decide for DraftList {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let DraftList {
            campaign,
            target,
            length,
            reason,
        } = self;
        draft(state, campaign, target, *length, reason, at)
    }
}

/// A list is drafted from the primaries' ratings once every members' poll on its target is
/// counted (rules version 2); the refusal names the polls still missing their count.
fn primaries_counted(state: &Snapshot, c: &Code, target: &Code) -> Result<(), RuleError> {
    let mut pending: Vec<Code> = state
        .polls
        .values()
        .filter(|p| &p.campaign == c && p.target.as_ref() == Some(target))
        .filter(|p| p.meeting.is_none() && p.status != PollStatus::Counted)
        .map(|p| p.code.clone())
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    pending.sort();
    Err(RuleError::PrimariesNotCounted {
        target: target.clone(),
        polls: pending,
    })
}

#[allow(clippy::too_many_arguments)]
fn draft(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    length: u32,
    reason: &str,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    target_of(state, c, target)?;
    if state.rules_version.charter() {
        primaries_counted(state, c, target)?;
    }
    let rules = rules_of(state, c, target)?;
    if reason.chars().count() > MAX_TEXT {
        text("reason", reason, MAX_TEXT)?;
    }
    let existing = state.party_lists.get(&(c.clone(), target.clone()));
    if let Some(list) = existing {
        expect_draft(list, "draft_again")?;
    }
    let pool = Pool::load(state, c, target, rules)?;
    if pool.ordered.is_empty() {
        return Err(RuleError::NoRegisteredCandidates {
            target: target.clone(),
        });
    }
    let mut drafted = lists::draft(
        &rules.rules,
        &pool.ordered,
        pool.election_day,
        length as usize,
    )
    .map_err(|problem| RuleError::ListDraftFailed {
        target: target.clone(),
        problem,
    })?;
    if !state.rules_version.charter() {
        // Lists drafted under the first rules named the first candidate passed over only.
        for d in &mut drafted.displacements {
            d.also_passed_over.clear();
        }
    }
    let entries = drafted
        .candidate_ids()
        .into_iter()
        .map(|id| pool.entry(id))
        .collect::<Result<Vec<_>, _>>()?;
    let violations = pool.validate(&rules.rules, &entries)?;
    let mut text = format!(
        "drafted {} names from {} registered candidates in rating order",
        entries.len(),
        pool.ordered.len()
    );
    if drafted.displacements.is_empty() {
        text.push_str("; no one was moved");
    } else {
        for d in &drafted.displacements {
            text.push_str("; ");
            text.push_str(&d.explanation);
        }
    }
    for s in &drafted.shortfalls {
        text.push_str(&format!(
            "; the pool cannot meet \"{}\": {} needed, {} available",
            s.rule, s.needed, s.available
        ));
    }
    let moves = drafted
        .displacements
        .iter()
        .map(|d| DraftMove {
            name: pool.name(d.candidate),
            sex: pool.sex(d.candidate),
            from: count(d.from),
            to: count(d.to),
            passed_over: pool.name(d.passed_over),
            passed_over_from: pool.position(d.passed_over).map_or(0, |p| count(p + 1)),
            rules: d.rules.clone(),
            also_passed_over: d
                .also_passed_over
                .iter()
                .map(|&id| (pool.name(id), pool.position(id).map_or(0, |p| count(p + 1))))
                .collect(),
        })
        .collect();
    let detail = ListChange::Drafted {
        names: count(entries.len()),
        candidates: count(pool.ordered.len()),
        moves,
        shortfalls: drafted.shortfalls.clone(),
    };
    let list = PartyList {
        campaign: c.clone(),
        target: target.clone(),
        status: ListStatus::Draft,
        revision: existing.map_or(1, |l| l.revision + 1),
        entries,
        displacements: drafted.displacements,
        shortfalls: drafted.shortfalls,
        violations,
        removed: existing.map(|l| l.removed.clone()).unwrap_or_default(),
        events: existing.map_or(0, |l| l.events),
        updated_at: at.held_at,
    };
    Ok(record_change(
        list,
        "drafted",
        (text, detail),
        reason.trim().to_string(),
        at,
    ))
}
