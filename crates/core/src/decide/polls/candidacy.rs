//! Candidacy: who may stand for a target, nomination, the committee's registration or refusal, and withdrawal.

use super::*;
use crate::command::Needs;
use crate::command::{
    NominateCandidate, RefuseCandidate, RegisterCandidate, SetEligibility, WithdrawCandidate,
};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for SetEligibility {
    fn needs(&self, _: &mut Needs) {}

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetEligibility {
            campaign: c,
            target,
            rules,
        } = self;
        target_of(state, c, target).map(|_| {
            vec![Change::PutEligibility {
                campaign: c.clone(),
                target: target.clone(),
                rules: rules.clone(),
            }]
        })
    }
}

impl Decide for NominateCandidate {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        nominate(state, at.held_at, self)
    }
}

impl Decide for RegisterCandidate {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RegisterCandidate {
            campaign: c,
            target,
            iin,
            decision,
        } = self;
        let held_at = at.held_at;
        decide_candidacy(
            state,
            held_at,
            c,
            target,
            iin,
            decision,
            CandidacyStatus::Registered,
        )
    }
}

impl Decide for RefuseCandidate {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RefuseCandidate {
            campaign: c,
            target,
            iin,
            reason,
        } = self;
        let held_at = at.held_at;
        decide_candidacy(
            state,
            held_at,
            c,
            target,
            iin,
            reason,
            CandidacyStatus::Refused,
        )
    }
}

impl Decide for WithdrawCandidate {
    fn needs(&self, needs: &mut Needs) {
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let WithdrawCandidate {
            campaign: c,
            target,
            iin,
            reason,
        } = self;
        let held_at = at.held_at;
        withdraw(state, held_at, c, target, iin, reason)
    }
}

fn nominate(
    state: &Snapshot,
    held_at: Timestamp,
    nomination: &NominateCandidate,
) -> Result<Vec<Change>, RuleError> {
    let NominateCandidate {
        campaign: c,
        target,
        iin,
        nominated_by,
        residency_years,
        unexpunged_conviction,
        corruption_offence,
        record_source,
    } = nomination;
    let (residency_years, unexpunged_conviction) = (*residency_years, *unexpunged_conviction);
    if let Some(source) = record_source {
        text("record_source", source, MAX_TEXT)?;
    }
    let camp = campaign(state, c)?;
    let t = target_of(state, c, target)?;
    in_nomination(state, c, held_at)?;
    let member = existing_member(state, iin)?;
    if matches!(nominated_by, NominatedBy::List { .. }) {
        return Err(RuleError::NominatedByList);
    }
    if let NominatedBy::Ppo { unit, decision } = nominated_by {
        text("nominated_by.ppo.decision", decision, MAX_TEXT)?;
        if &member.unit != unit {
            return Err(RuleError::NominatesOwnMembers {
                member_unit: member.unit.clone(),
                unit: unit.clone(),
            });
        }
    }
    not_yet_candidate(state, c, target, member)?;
    let rules = state
        .eligibility
        .get(&(c.clone(), target.clone()))
        .cloned()
        .unwrap_or_else(|| EligibilityRules::defaults(t.body, state.rules_version));
    if state.rules_version.charter() {
        one_candidacy(state, c, target, &rules, member)?;
    }
    let facts = CandidateFacts {
        birth_date: iin.birth_date(),
        status: member.status,
        joined_on: member.joined_on,
        residency_years,
        unexpunged_conviction,
        corruption_offence: *corruption_offence,
    };
    let failed = primaries::check_eligibility(&rules, &facts, camp.election_day);
    if !failed.is_empty() {
        return Err(RuleError::NotEligible {
            name: member.full_name.clone(),
            target: target.clone(),
            reasons: crate::decide::Reasons(failed),
        });
    }
    let number = state
        .candidacies
        .range((c.clone(), target.clone(), i64::MIN)..=(c.clone(), target.clone(), i64::MAX))
        .map(|(_, x)| x.number)
        .max()
        .unwrap_or(0)
        + 1;
    Ok(vec![Change::PutCandidacy(Candidacy {
        campaign: c.clone(),
        target: target.clone(),
        member: member.id,
        number,
        nominated_by: nominated_by.clone(),
        residency_years,
        unexpunged_conviction,
        corruption_offence: *corruption_offence,
        record_source: record_source.as_ref().map(|s| s.trim().to_string()),
        status: CandidacyStatus::Nominated,
        decision: String::new(),
        nominated_at: held_at,
        decided_at: None,
    })])
}

/// One candidacy per person per campaign, unless the eligibility rules of both targets let a
/// candidate stand for others too: a second nomination is refused naming the first.
fn one_candidacy(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    rules: &EligibilityRules,
    member: &crate::model::Member,
) -> Result<(), RuleError> {
    let standing = state
        .candidacies
        .iter()
        .filter(|((campaign, other, id), _)| campaign == c && other != target && *id == member.id)
        .map(|(_, x)| x)
        .find(|x| x.status.standing());
    let Some(first) = standing else {
        return Ok(());
    };
    let first_allows = state
        .eligibility
        .get(&(c.clone(), first.target.clone()))
        .is_some_and(|r| r.other_candidacies);
    if rules.other_candidacies && first_allows {
        return Ok(());
    }
    Err(RuleError::CandidateElsewhere {
        name: member.full_name.clone(),
        first: first.target.clone(),
        status: Term::new("candidacy_status", first.status.as_str()),
    })
}

fn decide_candidacy(
    state: &Snapshot,
    held_at: Timestamp,
    c: &Code,
    target: &Code,
    iin: &Iin,
    decision: &str,
    status: CandidacyStatus,
) -> Result<Vec<Change>, RuleError> {
    text(
        if status == CandidacyStatus::Refused {
            "reason"
        } else {
            "decision"
        },
        decision,
        MAX_TEXT,
    )?;
    in_nomination(state, c, held_at)?;
    let x = candidacy_of(state, c, target, iin)?;
    if x.status != CandidacyStatus::Nominated {
        return Err(RuleError::CandidacyNotNominated {
            status: Term::new("candidacy_status", x.status.as_str()),
        });
    }
    Ok(vec![Change::PutCandidacy(Candidacy {
        status,
        decision: decision.trim().to_string(),
        decided_at: Some(held_at),
        ..x.clone()
    })])
}

fn withdraw(
    state: &Snapshot,
    held_at: Timestamp,
    c: &Code,
    target: &Code,
    iin: &Iin,
    reason: &str,
) -> Result<Vec<Change>, RuleError> {
    text("reason", reason, MAX_TEXT)?;
    let x = candidacy_of(state, c, target, iin)?;
    if !x.status.standing() {
        return Err(RuleError::CandidacyAlready {
            status: Term::new("candidacy_status", x.status.as_str()),
        });
    }
    // Once a poll on the target exists, the name stays on its ballot and is struck at the count.
    Ok(vec![Change::PutCandidacy(Candidacy {
        status: CandidacyStatus::Withdrawn,
        decision: reason.trim().to_string(),
        decided_at: Some(held_at),
        ..x.clone()
    })])
}

/// Refuses a second candidacy of `member` for `target` while the first stands (a withdrawn one
/// may be followed by a new nomination).
pub(in crate::decide) fn not_yet_candidate(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    member: &crate::model::Member,
) -> Result<(), RuleError> {
    match state
        .candidacies
        .get(&(c.clone(), target.clone(), member.id))
        .filter(|x| x.status != CandidacyStatus::Withdrawn)
    {
        Some(existing) => Err(RuleError::AlreadyCandidate {
            name: member.full_name.clone(),
            target: target.clone(),
            status: Term::new("candidacy_status", existing.status.as_str()),
        }),
        None => Ok(()),
    }
}
