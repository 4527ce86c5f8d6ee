//! Names going up the ladder: the approved list of a unit below puts its names forward to the list of the unit above (the regions' Mazhilis nominees to the congress).

use super::*;
use crate::command::NominateFromList;
use crate::poll::{Candidacy, NominatedBy};

impl Decide for NominateFromList {
    fn needs(&self, needs: &mut Needs) {
        needs.lists.push((self.campaign.clone(), self.from.clone()));
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let NominateFromList {
            campaign: c,
            target,
            from,
            decision,
        } = self;
        text("decision", decision, MAX_TEXT)?;
        let above = target_of(state, c, target)?;
        let below = target_of(state, c, from)?;
        let parent = state
            .unit(&below.electorate_unit)
            .and_then(|u| u.parent.as_ref());
        if from == target || below.body != above.body || parent != Some(&above.electorate_unit) {
            return Err(RuleError::NotTheListBelow {
                from: from.clone(),
                target: target.clone(),
                unit: above.electorate_unit.clone(),
            });
        }
        let list = list_of(state, c, from)
            .map_err(|_| RuleError::ListBelowNotApproved { from: from.clone() })?;
        if !matches!(list.status, ListStatus::Approved { .. }) {
            return Err(RuleError::ListBelowNotApproved { from: from.clone() });
        }
        if let Some(existing) = state.party_lists.get(&(c.clone(), target.clone())) {
            expect_draft(existing, "nominate")?;
        }
        let standing = state
            .candidacies
            .range((c.clone(), target.clone(), i64::MIN)..=(c.clone(), target.clone(), i64::MAX));
        let mut number = 0;
        for (_, x) in standing {
            number = number.max(x.number);
            if matches!(&x.nominated_by, NominatedBy::List { target: t, .. } if t == from) {
                return Err(RuleError::AlreadyNominatedFrom {
                    from: from.clone(),
                    target: target.clone(),
                });
            }
        }
        let by_id: HashMap<i64, &Member> = state.members.values().map(|m| (m.id, m)).collect();
        let mut changes = Vec::with_capacity(list.entries.len());
        for (place, entry) in list.entries.iter().enumerate() {
            let member = by_id.get(&entry.member).ok_or_else(|| {
                RuleError::internal(format!(
                    "candidate No. {} of {from} was not loaded",
                    entry.candidate_number
                ))
            })?;
            crate::decide::polls::not_yet_candidate(state, c, target, member)?;
            // The facts declared for the list below stand for the list above.
            let declared = state
                .candidacies
                .get(&(c.clone(), from.clone(), member.id))
                .ok_or_else(|| {
                    RuleError::internal(format!(
                        "the candidacy of No. {} for {from} was not loaded",
                        entry.candidate_number
                    ))
                })?;
            number += 1;
            changes.push(Change::PutCandidacy(Candidacy {
                campaign: c.clone(),
                target: target.clone(),
                member: member.id,
                number,
                nominated_by: NominatedBy::List {
                    target: from.clone(),
                    place: count(place + 1),
                    decision: decision.trim().to_string(),
                },
                residency_years: declared.residency_years,
                unexpunged_conviction: declared.unexpunged_conviction,
                corruption_offence: declared.corruption_offence,
                record_source: declared.record_source.clone(),
                status: CandidacyStatus::Registered,
                decision: decision.trim().to_string(),
                nominated_at: at.held_at,
                decided_at: Some(at.held_at),
            }));
        }
        Ok(changes)
    }
}
