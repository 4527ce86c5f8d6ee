//! Drafting a list: the closest order to the rating that meets every rule, each displacement explained.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::candidate::Candidate;
use super::feasibility::{Model, Progress, Targets};
use super::rules::{ListRules, RulesError};

/// One name on a drafted list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub candidate: i64,
    /// 1-based place on the list.
    pub place: usize,
    /// 1-based position in the rating order the list was drafted from.
    pub rating_position: usize,
}

/// A candidate placed ahead of a higher-rated one because a rule required it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Displacement {
    pub candidate: i64,
    /// Rating position (1-based).
    pub from: usize,
    /// Place on the list (1-based).
    pub to: usize,
    /// The highest-rated candidate still unplaced, who could not take this place.
    pub passed_over: i64,
    /// The labels of the rules that forced the choice: the smallest set of rules that placing
    /// `passed_over` here would have made impossible to meet.
    pub rules: Vec<String>,
    /// The other candidates rated above this one and still unplaced, who were passed over too,
    /// in rating order (empty in lists drafted under rules version 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_passed_over: Vec<i64>,
    /// The same in a sentence, e.g. `A. Sadykova moved up from 14 to 9 to meet the rule
    /// "party: at least 30 % women"`. A candidate who is not above their rating position (a
    /// higher-rated one was pushed down past them earlier) reads `… takes place 3 (rated 3)
    /// ahead of B. Omarov (rated 1) to meet …`.
    pub explanation: String,
}

/// A rule the candidate pool cannot meet, and by how much.
///
/// Counts are persons for a quota, bound blocks for the placement rule (blocks from the top
/// of the list that can hold every group), and names for the list size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shortfall {
    pub rule: String,
    pub needed: usize,
    pub available: usize,
}

/// A drafted list: the places in order, every displacement, and every rule the pool cannot meet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub places: Vec<Placed>,
    pub displacements: Vec<Displacement>,
    pub shortfalls: Vec<Shortfall>,
}

impl Draft {
    /// The candidate ids in list order.
    pub fn candidate_ids(&self) -> Vec<i64> {
        self.places.iter().map(|placed| placed.candidate).collect()
    }
}

/// The label of the list-size shortfall, when the pool holds fewer candidates than asked for.
pub const LIST_SIZE_RULE: &str = "list size";

/// Why a list operation was refused; each message says what to change.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ListError {
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error("a list of {length} names is outside the allowed sizes {min} to {max}")]
    LengthOutOfRange {
        length: usize,
        min: usize,
        max: usize,
    },
    #[error("candidate {0} appears twice; each candidate may be given once")]
    DuplicateCandidate(i64),
    #[error("candidate {0} is not on the list")]
    NotOnList(i64),
}

/// Drafts a list of `length` names from `candidates_in_rating_order` (best first).
///
/// At each place, from the top, the highest-rated remaining candidate is taken unless that
/// would leave some rule impossible to meet with the places and candidates left; then the
/// highest-rated candidate that keeps every rule possible is taken. The result is the list
/// closest to the rating order in lexicographic terms (`docs/lists.md`).
///
/// When the pool holds fewer than `length` candidates, the list takes them all. When the pool
/// cannot meet every rule, rules are met in priority order (quotas in the order given, then the
/// placement rule) as far as the pool allows, and each rule left short is in `shortfalls`.
pub fn draft(
    rules: &ListRules,
    candidates_in_rating_order: &[Candidate],
    election_day: Date,
    length: usize,
) -> Result<Draft, ListError> {
    rules.check()?;
    let (min, max) = (rules.min_size as usize, rules.max_size as usize);
    if !(min..=max).contains(&length) {
        return Err(ListError::LengthOutOfRange { length, min, max });
    }
    refuse_duplicates(candidates_in_rating_order)?;

    let pool = candidates_in_rating_order;
    let list_length = length.min(pool.len());
    let mut shortfalls = Vec::new();
    if list_length < length {
        shortfalls.push(Shortfall {
            rule: LIST_SIZE_RULE.into(),
            needed: length,
            available: list_length,
        });
    }
    let model = Model::new(rules, list_length)
        .ok_or(RulesError::TooManyGroups(rules.distinct_groups().len()))?;
    let types: Vec<u32> = pool
        .iter()
        .map(|c| model.type_of(c, election_day))
        .collect();
    let mut progress = model.start(&types);
    let targets = reachable_targets(rules, &model, &progress, list_length, &mut shortfalls);
    let every_rule = vec![true; model.rule_count()];

    let mut taken = vec![false; pool.len()];
    let mut places = Vec::with_capacity(list_length);
    let mut displacements = Vec::new();
    for place in 1..=list_length {
        // Whether placing someone now keeps every rule reachable depends only on their type.
        let mut feasible_by_type: HashMap<u32, bool> = HashMap::new();
        let mut keeps_rules = |mask: u32, progress: &Progress| {
            *feasible_by_type.entry(mask).or_insert_with(|| {
                let mut after = progress.clone();
                model.place(&mut after, mask);
                model.feasible(&targets, &after, &every_rule)
            })
        };
        let remaining = || (0..pool.len()).filter(|&i| !taken.get(i).copied().unwrap_or(true));
        let Some(best) = remaining().next() else {
            break;
        };
        let chosen = remaining()
            .find(|&i| {
                types
                    .get(i)
                    .is_some_and(|&mask| keeps_rules(mask, &progress))
            })
            // Unreachable while the targets are reachable (see `docs/lists.md`); keeping the
            // rating order is the least surprising fallback.
            .unwrap_or(best);
        if chosen != best
            && let (Some(moved), Some(passed), Some(&passed_mask)) =
                (pool.get(chosen), pool.get(best), types.get(best))
        {
            let rules_hit = forcing_rules(rules, &model, &targets, &progress, passed_mask);
            let mut displacement = explain(moved, chosen + 1, place, passed, best + 1, rules_hit);
            displacement.also_passed_over = (best + 1..chosen)
                .filter(|&i| !taken.get(i).copied().unwrap_or(true))
                .filter_map(|i| pool.get(i).map(|c| c.id))
                .collect();
            displacements.push(displacement);
        }
        if let (Some(flag), Some(&mask), Some(candidate)) =
            (taken.get_mut(chosen), types.get(chosen), pool.get(chosen))
        {
            *flag = true;
            model.place(&mut progress, mask);
            places.push(Placed {
                candidate: candidate.id,
                place,
                rating_position: chosen + 1,
            });
        }
    }
    Ok(Draft {
        places,
        displacements,
        shortfalls,
    })
}

pub(super) fn refuse_duplicates(candidates: &[Candidate]) -> Result<(), ListError> {
    let mut seen = HashSet::with_capacity(candidates.len());
    for candidate in candidates {
        if !seen.insert(candidate.id) {
            return Err(ListError::DuplicateCandidate(candidate.id));
        }
    }
    Ok(())
}

/// The rules' own targets, each lowered only as far as the pool forces: quotas in priority
/// order, each to the most persons reachable while the earlier ones hold, then the placement
/// rule to the most leading blocks reachable while every quota holds. Records each shortfall.
fn reachable_targets(
    rules: &ListRules,
    model: &Model,
    start: &Progress,
    length: usize,
    shortfalls: &mut Vec<Shortfall>,
) -> Targets {
    let needed: Vec<usize> = rules.quotas.iter().map(|q| q.needed(length)).collect();
    let full_blocks = rules
        .placement
        .as_ref()
        .map_or(0, |rule| rule.full_blocks(length));
    let mut targets = Targets {
        quota: needed.clone(),
        bound_blocks: full_blocks,
    };
    let mut enabled = vec![false; model.rule_count()];
    for (rule, quota) in rules.quotas.iter().enumerate() {
        if let Some(flag) = enabled.get_mut(rule) {
            *flag = true;
        }
        let reachable = largest_reachable(quota.needed(length), |target| {
            let mut trial = targets.clone();
            if let Some(slot) = trial.quota.get_mut(rule) {
                *slot = target;
            }
            model.feasible(&trial, start, &enabled)
        });
        if let Some(slot) = targets.quota.get_mut(rule) {
            *slot = reachable;
        }
        if reachable < quota.needed(length) {
            shortfalls.push(Shortfall {
                rule: quota.label.clone(),
                needed: quota.needed(length),
                available: reachable,
            });
        }
    }
    if let Some(rule) = &rules.placement {
        enabled.iter_mut().for_each(|flag| *flag = true);
        let reachable = largest_reachable(full_blocks, |blocks| {
            let trial = Targets {
                quota: targets.quota.clone(),
                bound_blocks: blocks,
            };
            model.feasible(&trial, start, &enabled)
        });
        targets.bound_blocks = reachable;
        if reachable < full_blocks {
            shortfalls.push(Shortfall {
                rule: rule.label.clone(),
                needed: full_blocks,
                available: reachable,
            });
        }
    }
    targets
}

/// The largest value in `0..=ceiling` that `reachable` accepts, for a test that only gets
/// easier as the value falls (0 is always accepted by the callers).
fn largest_reachable(ceiling: usize, reachable: impl Fn(usize) -> bool) -> usize {
    if reachable(ceiling) {
        return ceiling;
    }
    let (mut low, mut high) = (0, ceiling);
    // Invariant: `low` is reachable (or 0), `high` is not.
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if reachable(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    low
}

/// The labels of the smallest set of rules (the earliest such set in rule order) that placing
/// a candidate of type `passed_mask` now would make impossible to meet.
fn forcing_rules(
    rules: &ListRules,
    model: &Model,
    targets: &Targets,
    progress: &Progress,
    passed_mask: u32,
) -> Vec<String> {
    let mut after = progress.clone();
    model.place(&mut after, passed_mask);
    let labels: Vec<&str> = rules
        .quotas
        .iter()
        .map(|quota| quota.label.as_str())
        .chain(rules.placement.as_ref().map(|rule| rule.label.as_str()))
        .collect();
    let indices: Vec<usize> = (0..model.rule_count())
        .filter(|&rule| rule < rules.quotas.len() || rules.placement.is_some())
        .collect();
    for size in 1..=indices.len() {
        for subset in subsets_of_size(&indices, size) {
            let mut enabled = vec![false; model.rule_count()];
            for &rule in &subset {
                if let Some(flag) = enabled.get_mut(rule) {
                    *flag = true;
                }
            }
            if !model.feasible(targets, &after, &enabled) {
                return subset
                    .iter()
                    .filter_map(|&rule| labels.get(rule).map(|label| (*label).to_string()))
                    .collect();
            }
        }
    }
    labels.iter().map(|label| (*label).to_string()).collect()
}

/// Every subset of `items` with `size` elements, in lexicographic order of positions.
fn subsets_of_size(items: &[usize], size: usize) -> Vec<Vec<usize>> {
    if size == 0 {
        return vec![Vec::new()];
    }
    let mut subsets = Vec::new();
    for (position, &first) in items.iter().enumerate() {
        let rest = items.get(position + 1..).unwrap_or(&[]);
        for mut tail in subsets_of_size(rest, size - 1) {
            tail.insert(0, first);
            subsets.push(tail);
        }
    }
    subsets
}

fn explain(
    candidate: &Candidate,
    from: usize,
    to: usize,
    passed_over: &Candidate,
    passed_over_from: usize,
    rules: Vec<String>,
) -> Displacement {
    let quoted: Vec<String> = rules.iter().map(|label| format!("\"{label}\"")).collect();
    let rule_words = match quoted.as_slice() {
        [one] => format!("the rule {one}"),
        [init @ .., last] => format!("the rules {} and {last}", init.join(", ")),
        [] => "the list rules".to_string(),
    };
    let name = &candidate.full_name;
    let explanation = if to < from {
        format!("{name} moved up from {from} to {to} to meet {rule_words}")
    } else {
        format!(
            "{name} takes place {to} (rated {from}) ahead of {} (rated {passed_over_from}) to meet {rule_words}",
            passed_over.full_name
        )
    };
    Displacement {
        candidate: candidate.id,
        from,
        to,
        passed_over: passed_over.id,
        rules,
        also_passed_over: Vec::new(),
        explanation,
    }
}
