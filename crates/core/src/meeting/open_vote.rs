//! Open votes: the counting commission enters the numbers for, against and abstaining
//! (checked against the number present), and the motion's decision rule says whether it
//! was adopted.
//!
//! Thresholds (exact integer arithmetic):
//! - majority of those present: for > present / 2, so abstentions and those present who did
//!   not vote count against the motion (51 of 100, 51 of 101);
//! - two thirds of those present: at least two thirds, for × 3 >= present × 2 (67 of 100,
//!   66 of 99);
//! - majority of votes cast: for > against; abstentions and those who did not vote are not
//!   counted at all, and a tie rejects the motion.

use serde::{Deserialize, Serialize};

use super::error::MeetingError;
use super::text;

/// How an open vote on a motion is decided; chosen per motion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionRule {
    /// More than half of those present vote for.
    #[default]
    MajorityOfPresent,
    /// At least two thirds of those present vote for.
    TwoThirdsOfPresent,
    /// More vote for than against; abstentions are not counted.
    MajorityOfVotesCast,
}

impl DecisionRule {
    /// The rule in words, e.g. "a majority of those present".
    pub fn describe(&self) -> &'static str {
        text::decision_rule(*self)
    }

    /// Every rule, from the weakest to the strictest.
    pub const ALL: [DecisionRule; 3] = [
        DecisionRule::MajorityOfVotesCast,
        DecisionRule::MajorityOfPresent,
        DecisionRule::TwoThirdsOfPresent,
    ];

    /// The rule's place from the weakest: a count that a rule adopts is adopted by every rule
    /// before it (tested over every count of up to 60 present), so a rule is weaker than another
    /// exactly when it comes before it.
    pub fn strictness(self) -> usize {
        match self {
            Self::MajorityOfVotesCast => 0,
            Self::MajorityOfPresent => 1,
            Self::TwoThirdsOfPresent => 2,
        }
    }

    /// The rule's code, as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MajorityOfPresent => "majority_of_present",
            Self::TwoThirdsOfPresent => "two_thirds_of_present",
            Self::MajorityOfVotesCast => "majority_of_votes_cast",
        }
    }

    /// The fewest votes for that adopt a motion under this rule, given the count.
    pub fn votes_needed(&self, count: &OpenVoteCount) -> u64 {
        let present = u64::from(count.present);
        match self {
            Self::MajorityOfPresent => present / 2 + 1,
            Self::TwoThirdsOfPresent => (present * 2).div_ceil(3),
            Self::MajorityOfVotesCast => u64::from(count.against) + 1,
        }
    }
}

/// The numbers of an open vote: those present, and the votes for, against and abstaining.
/// Valid by construction: the votes never add up to more than those present (some present
/// may not have voted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawOpenVoteCount")]
pub struct OpenVoteCount {
    present: u32,
    #[serde(rename = "for")]
    for_: u32,
    against: u32,
    abstain: u32,
}

/// A count as written in JSON, signed so that a negative entry gets a clear refusal.
#[derive(Deserialize)]
struct RawOpenVoteCount {
    present: i64,
    #[serde(rename = "for")]
    for_: i64,
    against: i64,
    abstain: i64,
}

impl TryFrom<RawOpenVoteCount> for OpenVoteCount {
    type Error = MeetingError;

    fn try_from(raw: RawOpenVoteCount) -> Result<Self, Self::Error> {
        Self::from_signed(raw.present, raw.for_, raw.against, raw.abstain)
    }
}

/// Converts one entered number, refusing negatives and numbers too large to hold.
fn entered(field: &'static str, value: i64) -> Result<u32, MeetingError> {
    if value < 0 {
        return Err(MeetingError::NegativeCount { field, value });
    }
    u32::try_from(value).map_err(|_| MeetingError::CountTooLarge {
        field,
        value,
        max: u32::MAX,
    })
}

impl OpenVoteCount {
    /// A count, refused if the votes add up to more than those present.
    pub fn new(present: u32, for_: u32, against: u32, abstain: u32) -> Result<Self, MeetingError> {
        // Summed in u64: three u32 cannot overflow it.
        let total = u64::from(for_) + u64::from(against) + u64::from(abstain);
        if total > u64::from(present) {
            return Err(MeetingError::VotesExceedPresent {
                present,
                for_,
                against,
                abstain,
                total,
            });
        }
        Ok(Self {
            present,
            for_,
            against,
            abstain,
        })
    }

    /// A count from numbers as entered by people (which may be negative or huge), refusing
    /// negatives, numbers above `u32::MAX`, and votes adding up to more than those present.
    pub fn from_signed(
        present: i64,
        for_: i64,
        against: i64,
        abstain: i64,
    ) -> Result<Self, MeetingError> {
        Self::new(
            entered("present", present)?,
            entered("for", for_)?,
            entered("against", against)?,
            entered("abstaining", abstain)?,
        )
    }

    /// The hall count and the remote count together (a hybrid meeting counts both).
    pub fn add(&self, other: &Self) -> Result<Self, MeetingError> {
        let sum = |field: &'static str, a: u32, b: u32| {
            a.checked_add(b).ok_or(MeetingError::CountOverflow {
                field,
                max: u32::MAX,
            })
        };
        // Each part is valid, so the sum of the votes stays within the sum of those present.
        Ok(Self {
            present: sum("present", self.present, other.present)?,
            for_: sum("for", self.for_, other.for_)?,
            against: sum("against", self.against, other.against)?,
            abstain: sum("abstaining", self.abstain, other.abstain)?,
        })
    }

    pub fn present(&self) -> u32 {
        self.present
    }

    pub fn for_(&self) -> u32 {
        self.for_
    }

    pub fn against(&self) -> u32 {
        self.against
    }

    pub fn abstain(&self) -> u32 {
        self.abstain
    }

    /// Those present who neither voted nor abstained.
    pub fn not_voting(&self) -> u32 {
        // Never negative: checked at construction.
        self.present - self.for_ - self.against - self.abstain
    }
}

/// Whether a motion passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Adopted,
    Rejected,
}

/// The result of an open vote: the verdict, the numbers and the rule applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenVoteResult {
    pub rule: DecisionRule,
    pub count: OpenVoteCount,
    /// The fewest votes for that would have adopted the motion.
    pub votes_needed: u64,
    pub verdict: Verdict,
}

impl OpenVoteResult {
    pub fn adopted(&self) -> bool {
        self.verdict == Verdict::Adopted
    }

    /// The result in words, e.g. "45 of 100 present voted for; a majority of those present
    /// needs 51: rejected".
    pub fn describe(&self) -> String {
        text::open_vote_result(self)
    }
}

/// Decides a motion by `rule` on `count`; refused when nobody is present.
pub fn decide(rule: DecisionRule, count: &OpenVoteCount) -> Result<OpenVoteResult, MeetingError> {
    if count.present == 0 {
        return Err(MeetingError::NobodyPresent);
    }
    let votes_needed = rule.votes_needed(count);
    let verdict = if u64::from(count.for_) >= votes_needed {
        Verdict::Adopted
    } else {
        Verdict::Rejected
    };
    Ok(OpenVoteResult {
        rule,
        count: *count,
        votes_needed,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stricter_rule_never_adopts_what_a_weaker_one_rejects() {
        for present in 1..=60u32 {
            for for_ in 0..=present {
                for against in 0..=present - for_ {
                    for abstain in 0..=present - for_ - against {
                        let c = count(present, for_, against, abstain);
                        let adopted =
                            |rule| decide(rule, &c).is_ok_and(|r| r.verdict == Verdict::Adopted);
                        for weaker in DecisionRule::ALL {
                            for stricter in DecisionRule::ALL {
                                if weaker.strictness() < stricter.strictness() {
                                    assert!(
                                        !adopted(stricter) || adopted(weaker),
                                        "{stricter:?} adopts and {weaker:?} rejects {c:?}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    fn count(present: u32, for_: u32, against: u32, abstain: u32) -> OpenVoteCount {
        match OpenVoteCount::new(present, for_, against, abstain) {
            Ok(count) => count,
            Err(error) => unreachable!("{error}"),
        }
    }

    fn verdict(rule: DecisionRule, count: &OpenVoteCount) -> Option<Verdict> {
        decide(rule, count).ok().map(|result| result.verdict)
    }

    #[test]
    fn forty_five_of_a_hundred() {
        let count = count(100, 45, 40, 15);
        assert_eq!(
            verdict(DecisionRule::MajorityOfPresent, &count),
            Some(Verdict::Rejected)
        );
        assert_eq!(
            verdict(DecisionRule::MajorityOfVotesCast, &count),
            Some(Verdict::Adopted)
        );
        assert_eq!(
            verdict(DecisionRule::TwoThirdsOfPresent, &count),
            Some(Verdict::Rejected)
        );
        assert_eq!(
            decide(DecisionRule::default(), &count).map(|r| r.describe()),
            Ok(
                "45 of 100 present voted for; a majority of those present needs 51: rejected"
                    .to_owned()
            )
        );
        assert_eq!(
            decide(DecisionRule::MajorityOfVotesCast, &count).map(|r| r.describe()),
            Ok("45 voted for and 40 against (15 abstentions and 0 not voting are not counted); a majority of votes cast needs more for than against: adopted".to_owned())
        );
    }

    #[test]
    fn fifty_one_of_a_hundred() {
        let count = count(100, 51, 30, 19);
        assert_eq!(
            verdict(DecisionRule::MajorityOfPresent, &count),
            Some(Verdict::Adopted)
        );
        assert_eq!(
            verdict(DecisionRule::MajorityOfVotesCast, &count),
            Some(Verdict::Adopted)
        );
        assert_eq!(
            verdict(DecisionRule::TwoThirdsOfPresent, &count),
            Some(Verdict::Rejected)
        );
    }

    #[test]
    fn exactly_half_is_not_a_majority() {
        assert_eq!(
            verdict(DecisionRule::MajorityOfPresent, &count(100, 50, 50, 0)),
            Some(Verdict::Rejected)
        );
        assert_eq!(
            verdict(DecisionRule::MajorityOfVotesCast, &count(100, 50, 50, 0)),
            Some(Verdict::Rejected)
        );
        assert_eq!(
            verdict(DecisionRule::MajorityOfPresent, &count(101, 51, 0, 0)),
            Some(Verdict::Adopted)
        );
    }

    #[test]
    fn exactly_two_thirds_is_enough() {
        assert_eq!(
            verdict(DecisionRule::TwoThirdsOfPresent, &count(99, 66, 33, 0)),
            Some(Verdict::Adopted)
        );
        assert_eq!(
            verdict(DecisionRule::TwoThirdsOfPresent, &count(99, 65, 34, 0)),
            Some(Verdict::Rejected)
        );
        assert_eq!(
            verdict(DecisionRule::TwoThirdsOfPresent, &count(100, 67, 0, 0)),
            Some(Verdict::Adopted)
        );
        assert_eq!(
            verdict(DecisionRule::TwoThirdsOfPresent, &count(100, 66, 0, 0)),
            Some(Verdict::Rejected)
        );
        assert_eq!(
            decide(DecisionRule::TwoThirdsOfPresent, &count(100, 66, 0, 0)).map(|r| r.describe()),
            Ok(
                "66 of 100 present voted for; two thirds of those present needs 67: rejected"
                    .to_owned()
            )
        );
    }

    #[test]
    fn those_not_voting_count_against_under_majority_of_present() {
        // 40 for, 10 against, 50 present who did not vote: not a majority of those present.
        let count = count(100, 40, 10, 0);
        assert_eq!(count.not_voting(), 50);
        assert_eq!(
            verdict(DecisionRule::MajorityOfPresent, &count),
            Some(Verdict::Rejected)
        );
        assert_eq!(
            verdict(DecisionRule::MajorityOfVotesCast, &count),
            Some(Verdict::Adopted)
        );
    }

    #[test]
    fn more_votes_than_present_are_refused() {
        assert_eq!(
            OpenVoteCount::new(100, 50, 40, 11),
            Err(MeetingError::VotesExceedPresent {
                present: 100,
                for_: 50,
                against: 40,
                abstain: 11,
                total: 101
            })
        );
        let huge = OpenVoteCount::new(u32::MAX, u32::MAX, u32::MAX, u32::MAX);
        assert!(matches!(huge, Err(MeetingError::VotesExceedPresent { .. })));
    }

    #[test]
    fn negative_and_huge_entries_are_refused() {
        assert_eq!(
            OpenVoteCount::from_signed(100, 50, -1, 0),
            Err(MeetingError::NegativeCount {
                field: "against",
                value: -1
            })
        );
        assert_eq!(
            OpenVoteCount::from_signed(1 << 40, 0, 0, 0),
            Err(MeetingError::CountTooLarge {
                field: "present",
                value: 1 << 40,
                max: u32::MAX
            })
        );
        assert_eq!(
            OpenVoteCount::from_signed(100, 45, 40, 15),
            Ok(count(100, 45, 40, 15))
        );
        let message = OpenVoteCount::from_signed(-3, 0, 0, 0)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            message.as_deref(),
            Some("the number present cannot be negative (it was entered as -3): enter 0 or more")
        );
    }

    #[test]
    fn nobody_present_cannot_decide() {
        assert_eq!(
            decide(DecisionRule::default(), &count(0, 0, 0, 0)),
            Err(MeetingError::NobodyPresent)
        );
    }

    #[test]
    fn remote_votes_add_to_the_hall() {
        let hall = count(80, 40, 30, 10);
        let remote = count(20, 11, 5, 2);
        assert_eq!(hall.add(&remote), Ok(count(100, 51, 35, 12)));
        assert_eq!(
            hall.add(&remote)
                .and_then(|total| decide(DecisionRule::default(), &total))
                .map(|r| r.verdict),
            Ok(Verdict::Adopted)
        );
        let full = count(u32::MAX, 0, 0, 0);
        assert_eq!(
            full.add(&count(1, 0, 0, 0)),
            Err(MeetingError::CountOverflow {
                field: "present",
                max: u32::MAX
            })
        );
    }

    #[test]
    fn serde_shape_and_validation() -> Result<(), serde_json::Error> {
        let count = count(100, 45, 40, 15);
        let json = serde_json::to_string(&count)?;
        assert_eq!(
            json,
            r#"{"present":100,"for":45,"against":40,"abstain":15}"#
        );
        assert_eq!(serde_json::from_str::<OpenVoteCount>(&json)?, count);
        let negative = serde_json::from_str::<OpenVoteCount>(
            r#"{"present":100,"for":-1,"against":40,"abstain":15}"#,
        );
        assert!(negative.is_err_and(|e| e.to_string().contains("cannot be negative")));
        let too_many = serde_json::from_str::<OpenVoteCount>(
            r#"{"present":10,"for":5,"against":5,"abstain":1}"#,
        );
        assert!(too_many.is_err_and(|e| e.to_string().contains("more than the 10 present")));
        assert_eq!(
            serde_json::to_string(&DecisionRule::TwoThirdsOfPresent)?,
            r#""two_thirds_of_present""#
        );
        assert_eq!(
            serde_json::from_str::<DecisionRule>(r#""majority_of_votes_cast""#)?,
            DecisionRule::MajorityOfVotesCast
        );
        let result = decide(DecisionRule::default(), &count);
        assert!(result.is_ok_and(|result| {
            serde_json::to_string(&result).is_ok_and(|json| {
                json.contains(r#""verdict":"rejected""#) && json.contains(r#""votes_needed":51"#)
            })
        }));
        Ok(())
    }
}
