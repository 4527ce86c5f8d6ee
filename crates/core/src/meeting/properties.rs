//! Property tests of the meeting rules: apportionment sums, thresholds and monotonicity.

use proptest::prelude::*;

use super::*;

fn count_strategy() -> impl Strategy<Value = OpenVoteCount> {
    (0u32..2_000, 0u32..2_000, 0u32..2_000, 0u32..2_000).prop_filter_map(
        "votes within those present",
        |(extra, for_, against, abstain)| {
            let present = extra
                .checked_add(for_)?
                .checked_add(against)?
                .checked_add(abstain)?;
            OpenVoteCount::new(present, for_, against, abstain).ok()
        },
    )
}

fn rule_strategy() -> impl Strategy<Value = DecisionRule> {
    prop_oneof![
        Just(DecisionRule::MajorityOfPresent),
        Just(DecisionRule::TwoThirdsOfPresent),
        Just(DecisionRule::MajorityOfVotesCast),
    ]
}

fn quorum_strategy() -> impl Strategy<Value = QuorumRule> {
    prop_oneof![
        Just(QuorumRule::MoreThanHalf),
        (1u32..20, 1u32..20).prop_filter_map("a fraction up to 1", |(n, d)| {
            Fraction::new(n, d)
                .ok()
                .map(|fraction| QuorumRule::AtLeast { fraction })
        }),
    ]
}

proptest! {
    #[test]
    fn fixed_size_sums_to_size_and_honours_the_minimum(
        members in prop::collection::vec(0u64..100_000, 1..40),
        size in 1u64..500,
        at_least_one in any::<bool>(),
    ) {
        let units: Vec<(usize, u64)> = members.iter().copied().enumerate().collect();
        let norm = RepresentationNorm::FixedSize { size, at_least_one_per_unit: at_least_one };
        let with_members = members.iter().filter(|&&m| m > 0).count() as u64;
        match allot(norm, &units) {
            Ok(allotments) => {
                prop_assert_eq!(allotments.iter().map(|a| a.delegates).sum::<u64>(), size);
                for allotment in &allotments {
                    if allotment.members == 0 {
                        prop_assert_eq!(allotment.delegates, 0);
                    } else if at_least_one {
                        prop_assert!(allotment.delegates >= 1);
                    }
                }
            }
            Err(MeetingError::NoMembers) => prop_assert_eq!(with_members, 0),
            Err(MeetingError::MinimumsExceedSize { units, needed, .. }) => {
                prop_assert!(at_least_one && size < with_members);
                prop_assert_eq!(units as u64, with_members);
                prop_assert_eq!(needed, with_members);
            }
            Err(other) => prop_assert!(false, "unexpected refusal: {}", other),
        }
    }

    #[test]
    fn per_members_gives_each_unit_with_members_at_least_one_and_never_more_than_members(
        members in prop::collection::vec(0u64..1_000_000, 1..40),
        per in 1u64..1_000,
    ) {
        let units: Vec<(usize, u64)> = members.iter().copied().enumerate().collect();
        let allotments = allot(RepresentationNorm::PerMembers { members_per_delegate: per }, &units);
        prop_assert!(allotments.is_ok());
        for allotment in allotments.unwrap_or_default() {
            prop_assert!(allotment.delegates <= allotment.members);
            prop_assert_eq!(allotment.delegates == 0, allotment.members == 0);
            prop_assert!(allotment.delegates * per <= allotment.members.max(per));
        }
    }

    #[test]
    fn default_rule_never_adopts_without_more_than_half(count in count_strategy()) {
        if let Ok(result) = decide(DecisionRule::MajorityOfPresent, &count) {
            let more_than_half = u64::from(count.for_()) * 2 > u64::from(count.present());
            prop_assert_eq!(result.adopted(), more_than_half);
        }
    }

    #[test]
    fn one_more_vote_for_never_rejects_an_adopted_motion(
        count in count_strategy(),
        rule in rule_strategy(),
        remote_present in 0u32..2,
    ) {
        // One more "for": either a remote participant joins, or someone present who did not
        // vote votes for.
        let one_more = if remote_present == 1 || count.not_voting() == 0 {
            OpenVoteCount::new(1, 1, 0, 0).and_then(|one_remote| count.add(&one_remote))
        } else {
            OpenVoteCount::new(count.present(), count.for_() + 1, count.against(), count.abstain())
        };
        prop_assert!(one_more.is_ok());
        if let (Ok(before), Ok(Ok(after))) = (decide(rule, &count), one_more.map(|c| decide(rule, &c))) {
            prop_assert!(!before.adopted() || after.adopted());
        }
    }

    #[test]
    fn changing_an_abstention_to_for_never_rejects_an_adopted_motion(
        count in count_strategy(),
        rule in rule_strategy(),
    ) {
        prop_assume!(count.abstain() > 0);
        let switched = OpenVoteCount::new(count.present(), count.for_() + 1, count.against(), count.abstain() - 1);
        if let (Ok(before), Ok(Ok(after))) = (decide(rule, &count), switched.map(|c| decide(rule, &c))) {
            prop_assert!(!before.adopted() || after.adopted());
        }
    }

    #[test]
    fn quorum_is_monotone_in_present(
        rule in quorum_strategy(),
        electorate in 0u32..100_000,
        present in 0u32..100_000,
    ) {
        if quorum_met(rule, electorate, present) {
            prop_assert!(quorum_met(rule, electorate, present.saturating_add(1)));
        }
        let minimum = minimum_present(rule, electorate);
        prop_assert!(minimum >= 1 && (electorate == 0 || minimum <= electorate));
        prop_assert!(quorum_met(rule, electorate, minimum));
        prop_assert!(!quorum_met(rule, electorate, minimum - 1));
    }

    #[test]
    fn counts_that_fit_survive_json(count in count_strategy()) {
        let json = serde_json::to_string(&count);
        prop_assert!(json.is_ok());
        let back = json.map(|json| serde_json::from_str::<OpenVoteCount>(&json).ok());
        prop_assert_eq!(back.ok().flatten(), Some(count));
    }
}
