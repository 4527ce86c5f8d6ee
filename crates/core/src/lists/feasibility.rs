//! The exact test behind drafting: can the places left still be filled so that every rule holds?
//!
//! Candidates are reduced to their *type*: the set (bit mask) of the rules' groups they belong
//! to. Whether a completion exists depends only on how many candidates of each type remain, so
//! the test works on those counts. The method and its proof are in `docs/lists.md`.

use jiff::civil::Date;

use super::candidate::Candidate;
use super::rules::{Group, ListRules};

/// The rules of one list at a fixed length, in the form the test needs.
#[derive(Clone, Debug)]
pub(super) struct Model {
    groups: Vec<Group>,
    /// The index in `groups` of each quota's group, in quota order.
    quota_groups: Vec<usize>,
    block: Option<BlockModel>,
    length: usize,
}

#[derive(Clone, Copy, Debug)]
struct BlockModel {
    size: usize,
    /// The groups every bound block must hold, as a mask over `Model::groups`.
    groups: u32,
}

/// What the rules currently ask for: the quotas' persons and how many leading blocks the
/// placement rule binds. Lowered below the rules' own numbers only when the pool cannot
/// meet them (see `draft`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Targets {
    pub quota: Vec<usize>,
    pub bound_blocks: usize,
}

/// How far a list has been filled, and what is left to fill it with.
#[derive(Clone, Debug)]
pub(super) struct Progress {
    placed: usize,
    /// Persons of each group already placed.
    have: Vec<usize>,
    /// Remaining candidates of each type, indexed by the type's mask.
    supply: Vec<usize>,
    /// The groups present so far in the block the last placed person is in.
    block_so_far: u32,
}

impl Model {
    /// `None` when the rules name more groups than a mask can hold; `ListRules::check` refuses those first.
    pub(super) fn new(rules: &ListRules, length: usize) -> Option<Model> {
        let groups = rules.distinct_groups();
        if groups.len() > 16 {
            return None;
        }
        let index_of = |group: &Group| groups.iter().position(|g| g == group);
        let quota_groups = rules
            .quotas
            .iter()
            .map(|quota| index_of(&quota.group))
            .collect::<Option<Vec<usize>>>()?;
        let block = match &rules.placement {
            Some(rule) if rule.block_size() > 0 => {
                let mut mask = 0u32;
                for group in &rule.groups {
                    mask |= 1 << index_of(group)?;
                }
                Some(BlockModel {
                    size: rule.block_size(),
                    groups: mask,
                })
            }
            _ => None,
        };
        Some(Model {
            groups,
            quota_groups,
            block,
            length,
        })
    }

    /// How many rules a rule set covers: each quota, then the placement rule.
    pub(super) fn rule_count(&self) -> usize {
        self.quota_groups.len() + 1
    }

    pub(super) fn type_of(&self, candidate: &Candidate, election_day: Date) -> u32 {
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, group)| group.contains(candidate, election_day))
            .fold(0, |mask, (index, _)| mask | 1 << index)
    }

    pub(super) fn start(&self, pool_types: &[u32]) -> Progress {
        let mut supply = vec![0; 1 << self.groups.len()];
        for &mask in pool_types {
            if let Some(count) = supply.get_mut(mask as usize) {
                *count += 1;
            }
        }
        Progress {
            placed: 0,
            have: vec![0; self.groups.len()],
            supply,
            block_so_far: 0,
        }
    }

    pub(super) fn place(&self, progress: &mut Progress, mask: u32) {
        if let Some(block) = self.block
            && progress.placed.is_multiple_of(block.size)
        {
            progress.block_so_far = 0;
        }
        progress.block_so_far |= mask;
        progress.placed += 1;
        for group in bits(mask) {
            if let Some(count) = progress.have.get_mut(group) {
                *count += 1;
            }
        }
        if let Some(count) = progress.supply.get_mut(mask as usize) {
            *count = count.saturating_sub(1);
        }
    }

    /// Whether the places left can be filled from the remaining supply so that every rule in
    /// `enabled` (indexed as in [`Model::rule_count`]) meets `targets`. Exact.
    pub(super) fn feasible(
        &self,
        targets: &Targets,
        progress: &Progress,
        enabled: &[bool],
    ) -> bool {
        let places_left = self.length.saturating_sub(progress.placed);
        let supply: Vec<(u32, usize)> = progress
            .supply
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .map(|(mask, count)| (mask as u32, *count))
            .collect();
        let mut quota_deficits = vec![0; self.groups.len()];
        for (rule, (&group, &target)) in self.quota_groups.iter().zip(&targets.quota).enumerate() {
            if enabled.get(rule).copied().unwrap_or(false)
                && let (Some(deficit), Some(have)) =
                    (quota_deficits.get_mut(group), progress.have.get(group))
            {
                *deficit = (*deficit).max(target.saturating_sub(*have));
            }
        }
        let block_enabled = enabled
            .get(self.quota_groups.len())
            .copied()
            .unwrap_or(false);
        let Some(block) = self.block.filter(|_| block_enabled) else {
            return coverable(&quota_deficits, &supply, places_left);
        };
        let bound = targets.bound_blocks.min(self.length / block.size);
        let current = progress.placed / block.size;
        let fresh = progress.placed.is_multiple_of(block.size);
        // Earlier blocks were judged when the greedy chose their places; the one just closed
        // by the last placement is judged here.
        if fresh
            && (1..=bound).contains(&current)
            && block.groups & progress.block_so_far != block.groups
        {
            return false;
        }
        if current >= bound {
            return coverable(&quota_deficits, &supply, places_left);
        }
        let so_far = if fresh { 0 } else { progress.block_so_far };
        let missing_here = block.groups & !so_far;
        let places_here = (current + 1) * block.size - progress.placed;
        let later_blocks = bound - current - 1;
        // With at most two block groups and enough places in the current block, the blocks can
        // be served iff each block group has a person for every bound block still lacking it:
        // that is one more count per group, merged with the quotas' counts (proof in the docs).
        let with_block_needs = |mut deficits: Vec<usize>, needs_here: u32| {
            for group in bits(block.groups) {
                let need = later_blocks + usize::from(needs_here & (1 << group) != 0);
                if let Some(deficit) = deficits.get_mut(group) {
                    *deficit = (*deficit).max(need);
                }
            }
            deficits
        };
        if missing_here.count_ones() as usize <= places_here {
            let deficits = with_block_needs(quota_deficits, missing_here);
            return coverable(&deficits, &supply, places_left);
        }
        // Fewer places left in this block than groups it lacks: with two block groups that is
        // one place for two groups, so that place needs a person in both. Try each such type.
        supply.iter().enumerate().any(|(index, &(mask, _))| {
            if mask & missing_here != missing_here {
                return false;
            }
            let mut after_supply = supply.clone();
            if let Some(entry) = after_supply.get_mut(index) {
                entry.1 -= 1;
            }
            let mut after = quota_deficits.clone();
            for group in bits(mask) {
                if let Some(deficit) = after.get_mut(group) {
                    *deficit = deficit.saturating_sub(1);
                }
            }
            let after = with_block_needs(after, 0);
            coverable(&after, &after_supply, places_left.saturating_sub(1))
        })
    }
}

/// The indices of the set bits of `mask`.
fn bits(mask: u32) -> impl Iterator<Item = usize> {
    (0..32).filter(move |bit| mask & (1 << bit) != 0)
}

/// Whether at most `budget` persons drawn from `supply` (type mask, count) can bring every
/// group's deficit to zero, a person counting once for each group of their type. Exact.
///
/// Recursion on the types: restricted to the groups still short, a type that is in all of
/// them is taken as far as useful (swapping any other chosen person for an unused one of
/// this type never loses coverage, so some best choice does this); otherwise the type in the
/// most short groups is tried at every useful count, largest first.
pub(super) fn coverable(deficits: &[usize], supply: &[(u32, usize)], budget: usize) -> bool {
    let short = deficits
        .iter()
        .enumerate()
        .filter(|(_, deficit)| **deficit > 0)
        .fold(0u32, |mask, (group, _)| mask | 1 << group);
    if short == 0 {
        return true;
    }
    let mut merged: Vec<(u32, usize)> = Vec::with_capacity(supply.len());
    for &(mask, count) in supply {
        let useful = mask & short;
        if useful == 0 || count == 0 {
            continue;
        }
        match merged.iter_mut().find(|(m, _)| *m == useful) {
            Some(entry) => entry.1 += count,
            None => merged.push((useful, count)),
        }
    }
    let deficit_of = |group: usize| deficits.get(group).copied().unwrap_or(0);
    let mut largest = 0;
    for group in bits(short) {
        let available: usize = merged
            .iter()
            .filter(|(mask, _)| mask & (1 << group) != 0)
            .map(|(_, count)| count)
            .sum();
        if available < deficit_of(group) {
            return false;
        }
        largest = largest.max(deficit_of(group));
    }
    if largest > budget {
        return false;
    }
    let Some(widest) =
        (0..merged.len()).max_by_key(|&i| merged.get(i).map_or(0, |(m, _)| m.count_ones()))
    else {
        return false;
    };
    let (mask, count) = merged.swap_remove(widest);
    let most_useful = bits(mask)
        .map(deficit_of)
        .max()
        .unwrap_or(0)
        .min(count)
        .min(budget);
    let after = |taken: usize| {
        deficits
            .iter()
            .enumerate()
            .map(|(group, deficit)| {
                if mask & (1 << group) != 0 {
                    deficit.saturating_sub(taken)
                } else {
                    *deficit
                }
            })
            .collect::<Vec<usize>>()
    };
    if mask == short {
        return coverable(&after(most_useful), &merged, budget - most_useful);
    }
    (0..=most_useful)
        .rev()
        .any(|taken| coverable(&after(taken), &merged, budget - taken))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use proptest::prelude::*;

    /// Tries every choice of counts per type: the slow definition `coverable` must match.
    fn coverable_by_enumeration(
        deficits: &[usize],
        supply: &[(u32, usize)],
        budget: usize,
    ) -> bool {
        fn go(deficits: &[usize], supply: &[(u32, usize)], budget: usize) -> bool {
            if deficits.iter().all(|d| *d == 0) {
                return true;
            }
            let Some(((mask, count), rest)) = supply.split_first() else {
                return false;
            };
            (0..=(*count).min(budget)).any(|taken| {
                let after: Vec<usize> = deficits
                    .iter()
                    .enumerate()
                    .map(|(g, d)| {
                        if mask & (1 << g) != 0 {
                            d.saturating_sub(taken)
                        } else {
                            *d
                        }
                    })
                    .collect();
                go(&after, rest, budget - taken)
            })
        }
        go(deficits, supply, budget)
    }

    #[test]
    fn two_quotas_each_needing_the_last_place_are_not_both_coverable() {
        // One place left; group 0 and group 1 each short by one; no person in both.
        let supply = [(0b01, 3), (0b10, 3)];
        assert!(!coverable(&[1, 1], &supply, 1));
        assert!(coverable(&[1, 1], &supply, 2));
        // A person in both groups fills that one place for both.
        assert!(coverable(&[1, 1], &[(0b01, 3), (0b10, 3), (0b11, 1)], 1));
    }

    #[test]
    fn three_pairwise_types_cover_three_groups_twice_only_with_three_persons() {
        let supply = [(0b011, 1), (0b101, 1), (0b110, 1)];
        assert!(coverable(&[2, 2, 2], &supply, 3));
        assert!(!coverable(&[2, 2, 2], &supply, 2));
        assert!(!coverable(&[2, 2, 3], &supply, 3));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn coverable_matches_enumeration(
            deficits in proptest::collection::vec(0usize..5, 3),
            counts in proptest::collection::vec(0usize..4, 8),
            budget in 0usize..10,
        ) {
            let supply: Vec<(u32, usize)> = counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .map(|(m, c)| (m as u32, *c))
                .collect();
            prop_assert_eq!(
                coverable(&deficits, &supply, budget),
                coverable_by_enumeration(&deficits, &supply, budget)
            );
        }
    }
}
