//! Checking a list against its rules, and choosing the replacement for a withdrawn candidate.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::candidate::Candidate;
use super::draft::{ListError, refuse_duplicates};
use super::rules::{Group, ListRules};

/// One rule a list breaks, with the shortfall.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Violation {
    TooShort {
        min_size: usize,
        length: usize,
    },
    TooLong {
        max_size: usize,
        length: usize,
    },
    Quota {
        rule: String,
        group: Group,
        needed: usize,
        found: usize,
    },
    /// A bound block (1-based places `first_place..=last_place`) lacks these groups.
    Block {
        rule: String,
        first_place: usize,
        last_place: usize,
        missing: Vec<Group>,
    },
    Duplicate {
        candidate: i64,
    },
}

impl Violation {
    /// The name of the broken rule, as shown to people.
    pub fn rule(&self) -> &str {
        match self {
            Violation::TooShort { .. } => "smallest list size",
            Violation::TooLong { .. } => "largest list size",
            Violation::Quota { rule, .. } | Violation::Block { rule, .. } => rule,
            Violation::Duplicate { .. } => "each candidate once",
        }
    }

    /// How far the list is from meeting the rule: persons (quota), names (size), groups
    /// missing (block), extra entries (duplicate).
    pub fn shortfall(&self) -> usize {
        match self {
            Violation::TooShort { min_size, length } => min_size.saturating_sub(*length),
            Violation::TooLong { max_size, length } => length.saturating_sub(*max_size),
            Violation::Quota { needed, found, .. } => needed.saturating_sub(*found),
            Violation::Block { missing, .. } => missing.len(),
            Violation::Duplicate { .. } => 1,
        }
    }

    /// What identifies the broken rule instance, so a list's violations can be compared with
    /// another version's.
    fn key(&self) -> (u8, &str, usize, i64) {
        match self {
            Violation::TooShort { .. } => (0, "", 0, 0),
            Violation::TooLong { .. } => (1, "", 0, 0),
            Violation::Quota { rule, .. } => (2, rule, 0, 0),
            Violation::Block {
                rule, first_place, ..
            } => (3, rule, *first_place, 0),
            Violation::Duplicate { candidate } => (4, "", 0, *candidate),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::TooShort { min_size, length } => write!(
                f,
                "the list has {length} names, at least {min_size} are required ({} short)",
                min_size.saturating_sub(*length)
            ),
            Violation::TooLong { max_size, length } => write!(
                f,
                "the list has {length} names, at most {max_size} are allowed ({} too many)",
                length.saturating_sub(*max_size)
            ),
            Violation::Quota {
                rule,
                group,
                needed,
                found,
            } => write!(
                f,
                "\"{rule}\": the list needs at least {needed} {group}, it has {found} ({} short)",
                needed.saturating_sub(*found)
            ),
            Violation::Block {
                rule,
                first_place,
                last_place,
                missing,
            } => {
                let names: Vec<String> = missing.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "\"{rule}\": places {first_place} to {last_place} hold none of: {}",
                    names.join("; ")
                )
            }
            Violation::Duplicate { candidate } => {
                write!(f, "candidate {candidate} appears more than once")
            }
        }
    }
}

/// Every rule `list` (in place order) breaks, with the shortfall; empty when it meets them all.
/// Run after every manual edit and before the list is put to the vote.
pub fn validate(rules: &ListRules, list: &[Candidate], election_day: Date) -> Vec<Violation> {
    let length = list.len();
    let mut violations = Vec::new();
    let mut seen = Vec::with_capacity(length);
    for candidate in list {
        if seen.contains(&candidate.id) {
            if !violations
                .iter()
                .any(|v| matches!(v, Violation::Duplicate { candidate: id } if *id == candidate.id))
            {
                violations.push(Violation::Duplicate {
                    candidate: candidate.id,
                });
            }
        } else {
            seen.push(candidate.id);
        }
    }
    let (min_size, max_size) = (rules.min_size as usize, rules.max_size as usize);
    if length < min_size {
        violations.push(Violation::TooShort { min_size, length });
    }
    if length > max_size {
        violations.push(Violation::TooLong { max_size, length });
    }
    for quota in &rules.quotas {
        let needed = quota.needed(length);
        let found = list
            .iter()
            .filter(|c| quota.group.contains(c, election_day))
            .count();
        if found < needed {
            violations.push(Violation::Quota {
                rule: quota.label.clone(),
                group: quota.group,
                needed,
                found,
            });
        }
    }
    if let Some(rule) = &rules.placement
        && rule.block_size() > 0
    {
        // `chunks_exact` leaves out the last, shorter block: it is exempt.
        for (index, block) in list.chunks_exact(rule.block_size()).enumerate() {
            let mut missing: Vec<Group> = Vec::new();
            for group in &rule.groups {
                let present = block.iter().any(|c| group.contains(c, election_day));
                if !present && !missing.contains(group) {
                    missing.push(*group);
                }
            }
            if !missing.is_empty() {
                violations.push(Violation::Block {
                    rule: rule.label.clone(),
                    first_place: index * rule.block_size() + 1,
                    last_place: (index + 1) * rule.block_size(),
                    missing,
                });
            }
        }
    }
    violations
}

/// Who fills the place of a withdrawn or disqualified candidate on a frozen list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    pub withdrawn: i64,
    /// The vacated 1-based place.
    pub place: usize,
    /// `None` when nobody is left in the pool; the place is then struck and those below move up.
    pub candidate: Option<i64>,
    /// The list after the change, candidate ids in place order.
    pub list: Vec<i64>,
    /// What the list breaks after the change; empty whenever the pool allows it and the list
    /// met every rule before.
    pub violations: Vec<Violation>,
}

/// The replacement for `withdrawn` on `list` (in place order): the first candidate in the
/// remaining pool's rating order, not already on the list, who takes the vacated place
/// without breaking any rule the list met before and without deepening any shortfall it had.
///
/// Nobody else moves, so the rest of the list (and its approval) stands. When no one in the
/// pool keeps the rules, the candidate whose list breaks them least (smallest total shortfall,
/// then rating order) is proposed and the violations are reported for the recorded decision.
pub fn replacement(
    rules: &ListRules,
    list: &[Candidate],
    withdrawn: i64,
    remaining_pool_in_rating_order: &[Candidate],
    election_day: Date,
) -> Result<Replacement, ListError> {
    refuse_duplicates(list)?;
    let place_index = list
        .iter()
        .position(|c| c.id == withdrawn)
        .ok_or(ListError::NotOnList(withdrawn))?;
    let before = validate(rules, list, election_day);
    let no_worse = |after: &[Violation]| {
        after.iter().all(|violation| {
            before
                .iter()
                .any(|old| old.key() == violation.key() && violation.shortfall() <= old.shortfall())
        })
    };
    let with = |replacement: &Candidate| {
        let mut changed = list.to_vec();
        if let Some(slot) = changed.get_mut(place_index) {
            *slot = replacement.clone();
        }
        changed
    };
    let mut least_harm: Option<(usize, &Candidate, Vec<Violation>)> = None;
    for candidate in remaining_pool_in_rating_order {
        if list.iter().any(|c| c.id == candidate.id) {
            continue;
        }
        let changed = with(candidate);
        let violations = validate(rules, &changed, election_day);
        if no_worse(&violations) {
            return Ok(outcome(
                withdrawn,
                place_index,
                Some(candidate.id),
                &changed,
                violations,
            ));
        }
        let harm: usize = violations.iter().map(Violation::shortfall).sum();
        if least_harm.as_ref().is_none_or(|(best, _, _)| harm < *best) {
            least_harm = Some((harm, candidate, violations));
        }
    }
    Ok(match least_harm {
        Some((_, candidate, violations)) => outcome(
            withdrawn,
            place_index,
            Some(candidate.id),
            &with(candidate),
            violations,
        ),
        None => {
            let mut shorter = list.to_vec();
            shorter.remove(place_index);
            let violations = validate(rules, &shorter, election_day);
            outcome(withdrawn, place_index, None, &shorter, violations)
        }
    })
}

fn outcome(
    withdrawn: i64,
    place_index: usize,
    candidate: Option<i64>,
    list: &[Candidate],
    violations: Vec<Violation>,
) -> Replacement {
    Replacement {
        withdrawn,
        place: place_index + 1,
        candidate,
        list: list.iter().map(|c| c.id).collect(),
        violations,
    }
}
