//! List rules per target: size bounds, quotas over the whole list and the optional block placement rule.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::candidate::Candidate;
use crate::iin::Sex;

/// The most distinct groups the rules of one list may name (quotas and placement together).
/// The drafting feasibility test enumerates candidate types as subsets of these groups.
pub const MAX_GROUPS: usize = 8;

/// The most groups a placement rule may name; with at most two the block test reduces exactly
/// to counting (see `docs/lists.md`, "Feasibility").
pub const MAX_BLOCK_GROUPS: usize = 2;

/// An exact share such as 30 % (= 30/100) or 1/3; the denominator is never zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawShare", into = "RawShare")]
pub struct Share {
    numerator: u32,
    denominator: u32,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
struct RawShare {
    numerator: u32,
    denominator: u32,
}

impl TryFrom<RawShare> for Share {
    type Error = RulesError;

    fn try_from(raw: RawShare) -> Result<Share, RulesError> {
        Share::new(raw.numerator, raw.denominator).ok_or(RulesError::ZeroDenominator)
    }
}

impl From<Share> for RawShare {
    fn from(share: Share) -> RawShare {
        RawShare {
            numerator: share.numerator,
            denominator: share.denominator,
        }
    }
}

impl Share {
    /// `None` when the denominator is zero.
    pub fn new(numerator: u32, denominator: u32) -> Option<Share> {
        (denominator > 0).then_some(Share {
            numerator,
            denominator,
        })
    }

    pub fn percent(percent: u32) -> Share {
        Share {
            numerator: percent,
            denominator: 100,
        }
    }

    pub fn per_mille(per_mille: u32) -> Share {
        Share {
            numerator: per_mille,
            denominator: 1000,
        }
    }

    pub fn numerator(self) -> u32 {
        self.numerator
    }

    pub fn denominator(self) -> u32 {
        self.denominator
    }

    /// The smallest whole number of persons that is at least this share of `total`,
    /// in exact integer arithmetic: "at least 30 % of 17" is 6 (5.1 rounded up).
    pub fn of(self, total: usize) -> usize {
        let product = total as u128 * u128::from(self.numerator);
        let denominator = u128::from(self.denominator);
        usize::try_from(product.div_ceil(denominator)).unwrap_or(usize::MAX)
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.denominator {
            100 => write!(f, "{} %", self.numerator),
            1000 => write!(f, "{} ‰", self.numerator),
            _ => write!(f, "{}/{}", self.numerator, self.denominator),
        }
    }
}

/// A set of persons a rule counts. Ages are whole years on the election day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Women,
    /// Persons younger than the given age on election day.
    YouthUnder(u8),
    /// Women, and men younger than the given age: the law's combined rule, which counts
    /// each person once (a young woman is one person, not two).
    WomenOrYouthUnder(u8),
}

impl Group {
    pub fn contains(self, candidate: &Candidate, election_day: Date) -> bool {
        let is_woman = candidate.sex == Sex::Female;
        let is_young = |age: u8| candidate.age_on(election_day) < i16::from(age);
        match self {
            Group::Women => is_woman,
            Group::YouthUnder(age) => is_young(age),
            Group::WomenOrYouthUnder(age) => is_woman || is_young(age),
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Group::Women => f.write_str("women"),
            Group::YouthUnder(age) => write!(f, "persons under {age}"),
            Group::WomenOrYouthUnder(age) => {
                write!(
                    f,
                    "women and persons under {age} (each person counted once)"
                )
            }
        }
    }
}

/// "At least `at_least` of the list are in `group`", over the list's actual length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    pub group: Group,
    pub at_least: Share,
    /// How the rule is named to people, e.g. "party: at least 30 % women".
    pub label: String,
}

impl Quota {
    /// Persons of the group a list of `length` must hold.
    pub fn needed(&self, length: usize) -> usize {
        self.at_least.of(length)
    }
}

/// "At least one of each group in every block of `size` consecutive places".
///
/// Blocks are fixed, not sliding: places 1..=size, size+1..=2·size, and so on. A last block
/// shorter than `size` (when the list length is not a multiple of it) is exempt, because a
/// rule written for N places cannot fairly bind fewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacementRule {
    pub size: u32,
    pub groups: Vec<Group>,
    pub label: String,
}

impl PlacementRule {
    pub fn block_size(&self) -> usize {
        self.size as usize
    }

    /// How many blocks of a list of `length` the rule binds (the exempt partial one excluded).
    pub fn full_blocks(&self, length: usize) -> usize {
        length.checked_div(self.block_size()).unwrap_or(0)
    }
}

/// The rules one target's party list must meet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRules {
    pub seats: u32,
    pub min_size: u32,
    pub max_size: u32,
    /// In priority order: when the pool cannot meet them all, earlier quotas are met first
    /// (put the law's quota before the party's own).
    pub quotas: Vec<Quota>,
    /// Ranks after every quota when the pool cannot meet everything.
    pub placement: Option<PlacementRule>,
}

/// Why a set of list rules cannot be used; each message says what to change.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RulesError {
    #[error("a share needs a denominator above zero")]
    ZeroDenominator,
    #[error("the smallest list size ({min}) is larger than the largest ({max})")]
    SizeBounds { min: u32, max: u32 },
    #[error("the placement rule needs a block size of at least 1")]
    EmptyBlock,
    #[error("the placement rule names no group; remove it or name at least one group")]
    NoBlockGroups,
    #[error(
        "the placement rule names {0} groups; at most {MAX_BLOCK_GROUPS} are supported (split it into separate lists of rules or use quotas)"
    )]
    TooManyBlockGroups(usize),
    #[error(
        "the placement rule asks for {groups} groups in blocks of {size} places; a block needs at least one place per group"
    )]
    BlockTooSmall { size: u32, groups: usize },
    #[error("the rules name {0} distinct groups; at most {MAX_GROUPS} are supported")]
    TooManyGroups(usize),
}

impl ListRules {
    /// The 2020 defaults: the law's 30 % women and persons under 29 combined, the party's
    /// 30 % women and 20 % under 35; at least `seats` names and a reserve of 30 % of the
    /// seats (rounded up) on top.
    pub fn kazakhstan_2020(seats: u32) -> ListRules {
        let reserve = Share::percent(30).of(seats as usize);
        let max_size = u32::try_from(seats as usize + reserve).unwrap_or(u32::MAX);
        ListRules {
            seats,
            min_size: seats,
            max_size,
            quotas: vec![
                Quota {
                    group: Group::WomenOrYouthUnder(29),
                    at_least: Share::percent(30),
                    label: "law: at least 30 % women and persons under 29, combined".into(),
                },
                Quota {
                    group: Group::Women,
                    at_least: Share::percent(30),
                    label: "party: at least 30 % women".into(),
                },
                Quota {
                    group: Group::YouthUnder(35),
                    at_least: Share::percent(20),
                    label: "party: at least 20 % under 35".into(),
                },
            ],
            placement: None,
        }
    }

    /// Checks the rules can be drafted against; run when a target's rules are configured.
    pub fn check(&self) -> Result<(), RulesError> {
        if self.min_size > self.max_size {
            return Err(RulesError::SizeBounds {
                min: self.min_size,
                max: self.max_size,
            });
        }
        if let Some(block) = &self.placement {
            if block.size == 0 {
                return Err(RulesError::EmptyBlock);
            }
            let mut block_groups = block.groups.clone();
            dedup_keep_order(&mut block_groups);
            if block_groups.is_empty() {
                return Err(RulesError::NoBlockGroups);
            }
            if block_groups.len() > MAX_BLOCK_GROUPS {
                return Err(RulesError::TooManyBlockGroups(block_groups.len()));
            }
            if block.block_size() < block_groups.len() {
                return Err(RulesError::BlockTooSmall {
                    size: block.size,
                    groups: block_groups.len(),
                });
            }
        }
        let distinct = self.distinct_groups().len();
        if distinct > MAX_GROUPS {
            return Err(RulesError::TooManyGroups(distinct));
        }
        Ok(())
    }

    /// Every group some rule names, each once, quotas first, in the order named.
    pub fn distinct_groups(&self) -> Vec<Group> {
        let mut groups: Vec<Group> = self.quotas.iter().map(|quota| quota.group).collect();
        if let Some(block) = &self.placement {
            groups.extend(block.groups.iter().copied());
        }
        dedup_keep_order(&mut groups);
        groups
    }
}

fn dedup_keep_order(groups: &mut Vec<Group>) {
    let mut seen = Vec::with_capacity(groups.len());
    groups.retain(|group| {
        if seen.contains(group) {
            false
        } else {
            seen.push(*group);
            true
        }
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn shares_round_up_exactly() {
        assert_eq!(Share::percent(30).of(17), 6);
        assert_eq!(Share::percent(30).of(10), 3);
        assert_eq!(Share::percent(20).of(10), 2);
        assert_eq!(Share::percent(20).of(11), 3);
        assert_eq!(Share::per_mille(300).of(7), 3);
        assert_eq!(Share::new(1, 3).unwrap().of(9), 3);
        assert_eq!(Share::new(1, 3).unwrap().of(10), 4);
        assert_eq!(Share::percent(0).of(10), 0);
        assert!(Share::new(1, 0).is_none());
    }

    #[test]
    fn kazakhstan_defaults_carry_a_rounded_up_reserve() {
        let rules = ListRules::kazakhstan_2020(17);
        assert_eq!(rules.min_size, 17);
        assert_eq!(rules.max_size, 17 + 6);
        assert_eq!(rules.quotas.len(), 3);
        assert!(rules.check().is_ok());
        assert_eq!(rules.distinct_groups().len(), 3);
    }

    #[test]
    fn rules_round_trip_through_json_and_refuse_a_zero_denominator() {
        let mut rules = ListRules::kazakhstan_2020(10);
        rules.placement = Some(PlacementRule {
            size: 3,
            groups: vec![Group::Women],
            label: "one woman in every three places".into(),
        });
        let text = serde_json::to_string(&rules).unwrap();
        let back: ListRules = serde_json::from_str(&text).unwrap();
        assert_eq!(back, rules);
        let broken = text.replacen("\"denominator\":100", "\"denominator\":0", 1);
        assert!(serde_json::from_str::<ListRules>(&broken).is_err());
    }

    #[test]
    fn unusable_rules_are_refused_with_a_reason() {
        let mut rules = ListRules::kazakhstan_2020(10);
        rules.min_size = 20;
        assert!(matches!(rules.check(), Err(RulesError::SizeBounds { .. })));
        let mut rules = ListRules::kazakhstan_2020(10);
        rules.placement = Some(PlacementRule {
            size: 1,
            groups: vec![Group::Women, Group::YouthUnder(35)],
            label: "block".into(),
        });
        assert!(matches!(
            rules.check(),
            Err(RulesError::BlockTooSmall { .. })
        ));
        rules.placement = Some(PlacementRule {
            size: 5,
            groups: vec![Group::Women, Group::YouthUnder(35), Group::YouthUnder(29)],
            label: "block".into(),
        });
        assert!(matches!(
            rules.check(),
            Err(RulesError::TooManyBlockGroups(3))
        ));
        rules.placement = Some(PlacementRule {
            size: 0,
            groups: vec![Group::Women],
            label: "block".into(),
        });
        assert_eq!(rules.check(), Err(RulesError::EmptyBlock));
    }
}
