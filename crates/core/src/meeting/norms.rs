//! Representation norms: how many delegates each unit (e.g. each PPO) sends to a
//! conference, and which units elected fewer than they were allotted.
//!
//! Units are keyed by whatever the caller uses (a unit code, usually); allotments come back
//! in input order. A unit with no members gets no delegates and is left out of any minimum,
//! since it has nobody to send.
//!
//! - [`RepresentationNorm::PerMembers`]: one delegate per N members, rounded **down**, with a
//!   minimum of one for every unit with members (120 members at one per 50 → 2; 30 → 1).
//!   Rounding down keeps the conference from growing on fractions; the minimum keeps small
//!   units represented.
//! - [`RepresentationNorm::FixedSize`]: a conference of a fixed size apportioned among the
//!   units by largest remainder (Hamilton, Hare quota) on their membership, using the shared
//!   [`crate::count::apportion`]; optionally at least one per unit with members. Equal claims
//!   on the last seat go to the unit with more members, then to the unit listed first.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::MeetingError;
use crate::count::{ApportionError, Apportionment, TieBreak, apportion};

/// How the delegates to a conference are shared among the units below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "norm")]
pub enum RepresentationNorm {
    /// One delegate per `members_per_delegate` members, rounded down, at least one for each
    /// unit with members.
    PerMembers { members_per_delegate: u64 },
    /// `size` delegates in all, apportioned by largest remainder on membership; with
    /// `at_least_one_per_unit`, every unit with members gets at least one.
    FixedSize {
        size: u64,
        at_least_one_per_unit: bool,
    },
}

/// The delegates allotted to one unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Allotment<K> {
    pub unit: K,
    pub members: u64,
    pub delegates: u64,
}

/// Allots delegates to `units` (each a key and its membership) by `norm`, in input order.
///
/// Refused when there are no units, a unit is listed twice, the norm is degenerate (one per
/// 0 members, a conference of 0), no unit has members (fixed size), or the minimums need more
/// than the conference size.
pub fn allot<K: Clone + PartialEq + fmt::Display>(
    norm: RepresentationNorm,
    units: &[(K, u64)],
) -> Result<Vec<Allotment<K>>, MeetingError> {
    if units.is_empty() {
        return Err(MeetingError::NoUnits);
    }
    if let Some(unit) = first_duplicate(units.iter().map(|(unit, _)| unit)) {
        return Err(MeetingError::DuplicateUnit {
            unit: unit.to_string(),
        });
    }
    let delegates = match norm {
        RepresentationNorm::PerMembers {
            members_per_delegate,
        } => per_members(members_per_delegate, units)?,
        RepresentationNorm::FixedSize {
            size,
            at_least_one_per_unit,
        } => fixed_size(size, u64::from(at_least_one_per_unit), units)?,
    };
    Ok(units
        .iter()
        .zip(delegates)
        .map(|((unit, members), delegates)| Allotment {
            unit: unit.clone(),
            members: *members,
            delegates,
        })
        .collect())
}

/// The first key that occurs twice, if any.
fn first_duplicate<'a, K: PartialEq + 'a>(
    keys: impl Iterator<Item = &'a K> + Clone,
) -> Option<&'a K> {
    keys.clone()
        .enumerate()
        .find(|&(index, key)| keys.clone().take(index).any(|earlier| earlier == key))
        .map(|(_, key)| key)
}

fn per_members<K>(members_per_delegate: u64, units: &[(K, u64)]) -> Result<Vec<u64>, MeetingError> {
    if members_per_delegate == 0 {
        return Err(MeetingError::ZeroMembersPerDelegate);
    }
    Ok(units
        .iter()
        .map(|&(_, members)| match members {
            0 => 0,
            _ => (members / members_per_delegate).max(1),
        })
        .collect())
}

fn fixed_size<K>(size: u64, minimum: u64, units: &[(K, u64)]) -> Result<Vec<u64>, MeetingError> {
    if size == 0 {
        return Err(MeetingError::ZeroConferenceSize);
    }
    // Units without members take no part, so the minimum is not given to them.
    let with_members: Vec<usize> = (0..units.len()).filter(|&i| units[i].1 > 0).collect();
    if with_members.is_empty() {
        return Err(MeetingError::NoMembers);
    }
    let membership: Vec<u64> = with_members.iter().map(|&i| units[i].1).collect();
    let allocation = apportion(
        Apportionment::LargestRemainder,
        &membership,
        size,
        minimum,
        &TieBreak::CandidateOrder,
    )
    .map_err(|error| match error {
        ApportionError::MinimumsExceedSeats {
            parties,
            minimum,
            seats,
        } => MeetingError::MinimumsExceedSize {
            units: parties,
            minimum,
            size: seats,
            needed: (parties as u64).saturating_mul(minimum),
        },
        other => MeetingError::from(other),
    })?;
    let mut delegates = vec![0; units.len()];
    for (&unit, seats) in with_members.iter().zip(allocation.seats) {
        delegates[unit] = seats;
    }
    Ok(delegates)
}

/// A unit that elected fewer delegates than it was allotted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shortfall<K> {
    pub unit: K,
    pub allotted: u64,
    pub elected: u64,
    /// `allotted - elected`.
    pub missing: u64,
}

/// The units, in allotment order, with fewer delegates `elected` than allotted.
///
/// A unit missing from `elected` elected none; a unit listed more than once has its numbers
/// added (e.g. delegates elected at two sittings). Delegates elected for a unit that has no
/// allotment are refused, since they point to a wrong unit code.
pub fn shortfalls<K: Clone + PartialEq + fmt::Display>(
    allotments: &[Allotment<K>],
    elected: &[(K, u64)],
) -> Result<Vec<Shortfall<K>>, MeetingError> {
    if let Some((unit, _)) = elected
        .iter()
        .find(|(unit, _)| !allotments.iter().any(|allotment| &allotment.unit == unit))
    {
        return Err(MeetingError::UnknownUnit {
            unit: unit.to_string(),
        });
    }
    Ok(allotments
        .iter()
        .filter_map(|allotment| {
            let elected_here = elected
                .iter()
                .filter(|(unit, _)| unit == &allotment.unit)
                .fold(0u64, |sum, (_, count)| sum.saturating_add(*count));
            (elected_here < allotment.delegates).then(|| Shortfall {
                unit: allotment.unit.clone(),
                allotted: allotment.delegates,
                elected: elected_here,
                missing: allotment.delegates - elected_here,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(members: &[u64]) -> Vec<(String, u64)> {
        members
            .iter()
            .enumerate()
            .map(|(i, &m)| (format!("PPO-{}", i + 1), m))
            .collect()
    }

    fn delegates(norm: RepresentationNorm, members: &[u64]) -> Result<Vec<u64>, MeetingError> {
        allot(norm, &units(members))
            .map(|allotments| allotments.into_iter().map(|a| a.delegates).collect())
    }

    const PER_50: RepresentationNorm = RepresentationNorm::PerMembers {
        members_per_delegate: 50,
    };

    fn fixed(size: u64, at_least_one_per_unit: bool) -> RepresentationNorm {
        RepresentationNorm::FixedSize {
            size,
            at_least_one_per_unit,
        }
    }

    #[test]
    fn one_per_n_rounds_down_with_at_least_one() {
        assert_eq!(
            delegates(PER_50, &[120, 30, 0, 50, 99, 100, 1]),
            Ok(vec![2, 1, 0, 1, 1, 2, 1])
        );
        assert_eq!(
            delegates(
                RepresentationNorm::PerMembers {
                    members_per_delegate: 0
                },
                &[10]
            ),
            Err(MeetingError::ZeroMembersPerDelegate)
        );
    }

    #[test]
    fn allotments_keep_keys_and_order() {
        let allotted = allot(PER_50, &[("B", 120), ("A", 30)]);
        assert_eq!(
            allotted,
            Ok(vec![
                Allotment {
                    unit: "B",
                    members: 120,
                    delegates: 2
                },
                Allotment {
                    unit: "A",
                    members: 30,
                    delegates: 1
                },
            ])
        );
    }

    #[test]
    fn fixed_size_by_largest_remainder() {
        assert_eq!(
            delegates(fixed(10, false), &[600, 300, 100]),
            Ok(vec![6, 3, 1])
        );
        // Quotas 3.5, 2.1, 1.05, 0.35: the one seat left goes to the largest remainder.
        assert_eq!(
            delegates(fixed(7, false), &[500, 300, 150, 50]),
            Ok(vec![4, 2, 1, 0])
        );
        // With the minimum the small unit gets 1 and the other 6 are shared among the rest.
        assert_eq!(
            delegates(fixed(7, true), &[500, 300, 150, 50]),
            Ok(vec![3, 2, 1, 1])
        );
        // Units without members get nothing, even with the minimum.
        assert_eq!(delegates(fixed(5, true), &[0, 10, 10]), Ok(vec![0, 3, 2]));
    }

    #[test]
    fn fixed_size_refusals() {
        assert_eq!(
            delegates(fixed(2, true), &[10, 10, 10]),
            Err(MeetingError::MinimumsExceedSize {
                units: 3,
                minimum: 1,
                size: 2,
                needed: 3
            })
        );
        assert_eq!(
            delegates(fixed(0, false), &[10]),
            Err(MeetingError::ZeroConferenceSize)
        );
        assert_eq!(
            delegates(fixed(3, false), &[0, 0]),
            Err(MeetingError::NoMembers)
        );
        assert_eq!(delegates(fixed(3, false), &[]), Err(MeetingError::NoUnits));
        assert_eq!(
            allot(fixed(3, false), &[("A", 1), ("B", 2), ("A", 3)]),
            Err(MeetingError::DuplicateUnit {
                unit: "A".to_owned()
            })
        );
        let message = delegates(fixed(2, true), &[10, 10, 10])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some(
                "a conference of 2 cannot give 1 delegate(s) to each of the 3 units with members: make the conference at least 3 or drop the minimum per unit"
            )
        );
    }

    #[test]
    fn shortfalls_list_units_electing_fewer_than_allotted() -> Result<(), MeetingError> {
        let allotted = allot(PER_50, &[("A", 120), ("B", 30), ("C", 200), ("D", 0)])?;
        let short = shortfalls(&allotted, &[("A", 2), ("C", 1), ("C", 1), ("B", 3)])?;
        assert_eq!(
            short,
            vec![Shortfall {
                unit: "C",
                allotted: 4,
                elected: 2,
                missing: 2
            }]
        );
        let none_elected = shortfalls(&allotted, &[])?;
        assert_eq!(
            none_elected.iter().map(|s| s.unit).collect::<Vec<_>>(),
            vec!["A", "B", "C"]
        );
        assert_eq!(
            shortfalls(&allotted, &[("Z", 1)]),
            Err(MeetingError::UnknownUnit {
                unit: "Z".to_owned()
            })
        );
        Ok(())
    }

    #[test]
    fn serde_shape() -> Result<(), serde_json::Error> {
        assert_eq!(
            serde_json::to_string(&fixed(300, true))?,
            r#"{"norm":"fixed_size","size":300,"at_least_one_per_unit":true}"#
        );
        assert_eq!(
            serde_json::from_str::<RepresentationNorm>(
                r#"{"norm":"per_members","members_per_delegate":50}"#
            )?,
            PER_50
        );
        Ok(())
    }
}
