//! Branch quotas of places on a higher list, debaters per quota place, and who is invited to debate.

use std::collections::HashSet;

use crate::count::{ApportionError, Apportionment, TieBreak, apportion};
use crate::model::Code;

use super::ratings::{RatingRow, Ratings};

/// Debaters invited per quota place by default ("two debaters per seat").
pub const DEFAULT_DEBATERS_PER_PLACE: u32 = 2;

/// Why places could not be shared among branches.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuotaError {
    #[error("no branches to share the places among")]
    NoBranches,
    #[error("branch {0} is listed twice; list each branch once")]
    DuplicateBranch(Code),
    #[error("every branch has 0 members, so {places} places cannot be shared in proportion")]
    NoMembers { places: u32 },
    #[error(transparent)]
    Apportion(ApportionError),
}

/// Places on a higher list (e.g. the regional list, or Mazhilis nominees) shared among the
/// branches in proportion to their membership, by `method` (largest remainder by default at
/// the call site). Every branch is named in the result, in input order, 0 places included;
/// the places always sum to `places`. Equal claims on the last place go to the branch with
/// more members, then to the branch listed first.
pub fn branch_quotas(
    places: u32,
    branches: &[(Code, u64)],
    method: Apportionment,
) -> Result<Vec<(Code, u32)>, QuotaError> {
    let mut seen = HashSet::with_capacity(branches.len());
    for (code, _) in branches {
        if !seen.insert(code) {
            return Err(QuotaError::DuplicateBranch(code.clone()));
        }
    }
    let members: Vec<u64> = branches.iter().map(|(_, members)| *members).collect();
    let allocation = apportion(
        method,
        &members,
        u64::from(places),
        0,
        &TieBreak::CandidateOrder,
    )
    .map_err(|error| match error {
        ApportionError::NoParties => QuotaError::NoBranches,
        ApportionError::NoVotes => QuotaError::NoMembers { places },
        other => QuotaError::Apportion(other),
    })?;
    Ok(branches
        .iter()
        .zip(allocation.seats)
        // Every share is at most `places`, so it fits.
        .map(|((code, _), share)| (code.clone(), u32::try_from(share).unwrap_or(places)))
        .collect())
}

/// Debaters for a conference rating vote: `per_place` per quota place
/// ([`DEFAULT_DEBATERS_PER_PLACE`] by default).
pub fn debaters_for(quota: u32, per_place: u32) -> u32 {
    quota.saturating_mul(per_place)
}

/// The top of a rating to invite to the conference debate: the first `n` rows of
/// `ratings.overall`, and also every row tied with the `n`-th (they share its place and are
/// flagged `tied`), so nobody is cut off by the order within a tie.
pub fn invite_to_debate(ratings: &Ratings, n: u32) -> Vec<RatingRow> {
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    let Some(last) = n.checked_sub(1).and_then(|i| ratings.overall.get(i)) else {
        // n = 0 invites nobody; n past the end invites everyone.
        return ratings.overall.iter().take(n).cloned().collect();
    };
    let cut = last.place;
    ratings
        .overall
        .iter()
        .enumerate()
        .take_while(|(i, row)| *i < n || row.place == cut)
        .map(|(_, row)| row.clone())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code(text: &str) -> Code {
        Code::parse(text).unwrap()
    }

    fn quotas(places: u32, branches: &[(&str, u64)], method: Apportionment) -> Vec<(String, u32)> {
        let branches: Vec<(Code, u64)> = branches.iter().map(|(c, m)| (code(c), *m)).collect();
        branch_quotas(places, &branches, method)
            .unwrap()
            .into_iter()
            .map(|(c, q)| (c.to_string(), q))
            .collect()
    }

    #[test]
    fn largest_remainder_shares_places_by_membership() {
        // 10 places, 20 000 members: quota 2 000. Whole quotas 4, 2, 1, 0, 1 (8 places); of
        // the remainders 1 000, 1 600, 500, 900, 0 the two largest give the last places to B, A.
        let shared = quotas(
            10,
            &[
                ("A", 9_000),
                ("B", 5_600),
                ("C", 2_500),
                ("D", 900),
                ("E", 2_000),
            ],
            Apportionment::LargestRemainder,
        );
        assert_eq!(
            shared,
            [
                ("A".into(), 5),
                ("B".into(), 3),
                ("C".into(), 1),
                ("D".into(), 0),
                ("E".into(), 1),
            ]
        );
    }

    #[test]
    fn every_branch_is_named_even_with_no_places() {
        let shared = quotas(1, &[("A", 10), ("B", 1), ("C", 0)], Apportionment::DHondt);
        assert_eq!(shared, [("A".into(), 1), ("B".into(), 0), ("C".into(), 0)]);
        let none = quotas(0, &[("A", 0), ("B", 0)], Apportionment::LargestRemainder);
        assert_eq!(none, [("A".into(), 0), ("B".into(), 0)]);
    }

    #[test]
    fn equal_claims_go_to_the_branch_listed_first() {
        let shared = quotas(
            1,
            &[("B", 100), ("A", 100)],
            Apportionment::LargestRemainder,
        );
        assert_eq!(shared, [("B".into(), 1), ("A".into(), 0)]);
    }

    #[test]
    fn impossible_requests_are_refused() {
        let m = Apportionment::LargestRemainder;
        assert_eq!(branch_quotas(3, &[], m), Err(QuotaError::NoBranches));
        assert_eq!(
            branch_quotas(3, &[(code("A"), 0), (code("B"), 0)], m),
            Err(QuotaError::NoMembers { places: 3 })
        );
        assert_eq!(
            branch_quotas(3, &[(code("A"), 1), (code("A"), 2)], m),
            Err(QuotaError::DuplicateBranch(code("A")))
        );
        assert!(matches!(
            branch_quotas(u32::MAX, &[(code("A"), 1)], Apportionment::DHondt),
            Err(QuotaError::Apportion(ApportionError::TooManySeats { .. }))
        ));
    }

    #[test]
    fn two_debaters_per_place() {
        assert_eq!(debaters_for(4, DEFAULT_DEBATERS_PER_PLACE), 8);
        assert_eq!(debaters_for(0, 2), 0);
        assert_eq!(debaters_for(u32::MAX, 2), u32::MAX);
    }

    fn row(place: u32, tied: bool, option: &str) -> RatingRow {
        RatingRow {
            place,
            tied,
            option: option.into(),
            member: 0,
            full_name: option.into(),
            votes: None,
            women: false,
            youth: false,
            refused_debate: false,
        }
    }

    fn invited(ratings: &Ratings, n: u32) -> Vec<String> {
        invite_to_debate(ratings, n)
            .into_iter()
            .map(|r| r.option)
            .collect()
    }

    #[test]
    fn a_tie_at_the_cut_is_invited_whole() {
        let ratings = Ratings {
            youth_age_limit: 35,
            overall: vec![
                row(1, false, "A"),
                row(2, true, "B"),
                row(2, true, "C"),
                row(4, true, "D"),
                row(4, true, "E"),
                row(4, true, "F"),
                row(7, false, "G"),
            ],
            women: vec![],
            youth: vec![],
        };
        assert!(invited(&ratings, 0).is_empty());
        assert_eq!(invited(&ratings, 1), ["A"]);
        assert_eq!(invited(&ratings, 2), ["A", "B", "C"]);
        assert_eq!(invited(&ratings, 3), ["A", "B", "C"]);
        assert_eq!(invited(&ratings, 4), ["A", "B", "C", "D", "E", "F"]);
        assert_eq!(invited(&ratings, 7).len(), 7);
        assert_eq!(invited(&ratings, 100).len(), 7);
        assert!(invite_to_debate(&ratings, 4)[3..].iter().all(|r| r.tied));
    }

    fn any_method() -> impl Strategy<Value = Apportionment> {
        prop_oneof![
            Just(Apportionment::LargestRemainder),
            Just(Apportionment::DHondt),
            Just(Apportionment::SainteLague),
        ]
    }

    proptest! {
        #[test]
        fn quotas_always_sum_to_the_places(
            places in 0u32..500,
            members in prop::collection::vec(0u64..100_000, 1..25),
            method in any_method(),
        ) {
            prop_assume!(places == 0 || members.iter().any(|&m| m > 0));
            let branches: Vec<(Code, u64)> = members
                .iter()
                .enumerate()
                .map(|(i, &m)| (code(&format!("B{i}")), m))
                .collect();
            let shared = branch_quotas(places, &branches, method).unwrap();
            prop_assert_eq!(shared.len(), branches.len());
            prop_assert_eq!(shared.iter().map(|(_, q)| u64::from(*q)).sum::<u64>(), u64::from(places));
            for ((code, _), (named, _)) in branches.iter().zip(&shared) {
                prop_assert_eq!(code, named);
            }
        }
    }
}

/// One branch's share of a higher list's places, with the debaters it sends to the rating vote.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BranchQuota {
    pub branch: Code,
    /// Active members of the branch and everything under it.
    pub members: u64,
    pub places: u32,
    /// Candidates invited to debate at the branch conference: `per_place` per place.
    pub debaters: u32,
}

/// The places of `places` on a list whose electorate is `unit`, shared among the open units
/// directly under it by their active membership (from the snapshot's counts).
pub fn quotas_under(
    state: &crate::state::Snapshot,
    unit: &Code,
    places: u32,
    method: Apportionment,
    per_place: u32,
) -> Result<Vec<BranchQuota>, QuotaError> {
    let branches: Vec<(Code, u64)> = state
        .open_children(unit)
        .into_iter()
        .map(|b| {
            let members = state
                .subtree(&b.code)
                .iter()
                .map(|u| state.active_members_by_unit.get(u).copied().unwrap_or(0))
                .sum();
            (b.code.clone(), members)
        })
        .collect();
    let shares = branch_quotas(places, &branches, method)?;
    Ok(branches
        .into_iter()
        .zip(shares)
        .map(|((branch, members), (_, places))| BranchQuota {
            branch,
            members,
            places,
            debaters: debaters_for(places, per_place),
        })
        .collect())
}
