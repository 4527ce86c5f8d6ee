//! A target's list rules: its size, quotas and placement, and how the stages' ratings combine.

use super::*;

impl Decide for SetListRules {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetListRules {
            campaign,
            target,
            min_size,
            max_size,
            quotas,
            placement,
            precedence,
        } = self;
        set_rules(
            state,
            campaign,
            target,
            ListRules {
                seats: 0,
                min_size: *min_size,
                max_size: *max_size,
                quotas: quotas.clone(),
                placement: placement.clone(),
            },
            *precedence,
            at,
        )
    }
}

fn set_rules(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    mut rules: ListRules,
    precedence: lists::Precedence,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    let t = target_of(state, c, target)?;
    rules.seats = t.seats;
    rules
        .check()
        .map_err(|problem| RuleError::ListRulesInvalid {
            target: target.clone(),
            problem,
        })?;
    for quota in &rules.quotas {
        text("quotas.label", &quota.label, crate::decide::MAX_NAME)?;
    }
    if let Some(p) = &rules.placement {
        text("placement.label", &p.label, crate::decide::MAX_NAME)?;
    }
    if rules.max_size < rules.seats {
        return Err(RuleError::ListTooShort {
            max_size: rules.max_size,
            seats: rules.seats,
            target: target.clone(),
        });
    }
    if let lists::Precedence::Weighted {
        primaries_per_mille,
        conference_per_mille,
    } = precedence
        && primaries_per_mille + conference_per_mille == 0
    {
        return Err(RuleError::ZeroWeights);
    }
    let record = TargetListRules {
        campaign: c.clone(),
        target: target.clone(),
        rules,
        precedence,
    };
    let mut changes = vec![Change::PutListRules(record.clone())];
    if let Some(list) = state.party_lists.get(&(c.clone(), target.clone())) {
        expect_draft(list, "change_rules")?;
        let pool = Pool::load(state, c, target, &record)?;
        let violations = pool.validate(&record.rules, &list.entries)?;
        let mut updated = list.clone();
        updated.revision += 1;
        updated.violations = violations;
        updated.updated_at = at.held_at;
        let text = format!(
            "the list rules changed; {}",
            describe_violations(&updated.violations)
        );
        let detail = ListChange::Rules {
            violations: updated.violations.clone(),
        };
        changes.extend(record_change(
            updated,
            "rules",
            (text, detail),
            String::new(),
            at,
        ));
    }
    Ok(changes)
}
