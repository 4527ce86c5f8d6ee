//! Quorum: whether enough of those entitled to attend (the electorate: elected delegates, or
//! a PPO's members) are present for a meeting to take decisions.
//!
//! Thresholds are exact: "more than half" of 100 is 51, of 101 is 51; "at least two thirds"
//! of 100 is 67 (rounded up, since 66 is less than two thirds). A meeting with nobody present
//! is never quorate, so the minimum is always at least 1, even for an empty electorate.

use serde::{Deserialize, Serialize};

use super::error::MeetingError;
use super::text;

/// A fraction between 0 (exclusive) and 1 (inclusive), e.g. 2/3; valid by construction,
/// also when read from JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawFraction")]
pub struct Fraction {
    numerator: u32,
    denominator: u32,
}

/// A fraction as written in JSON, before it is checked.
#[derive(Deserialize)]
struct RawFraction {
    numerator: u32,
    denominator: u32,
}

impl TryFrom<RawFraction> for Fraction {
    type Error = MeetingError;

    fn try_from(raw: RawFraction) -> Result<Self, Self::Error> {
        Self::new(raw.numerator, raw.denominator)
    }
}

impl Fraction {
    /// Two thirds, the usual qualified quorum.
    pub const TWO_THIRDS: Self = Self {
        numerator: 2,
        denominator: 3,
    };

    /// `numerator / denominator`, refused unless `0 < numerator <= denominator`.
    pub fn new(numerator: u32, denominator: u32) -> Result<Self, MeetingError> {
        if denominator == 0 || numerator == 0 || numerator > denominator {
            return Err(MeetingError::InvalidFraction {
                numerator,
                denominator,
            });
        }
        Ok(Self {
            numerator,
            denominator,
        })
    }

    pub fn numerator(&self) -> u32 {
        self.numerator
    }

    pub fn denominator(&self) -> u32 {
        self.denominator
    }

    /// The smallest whole number `k` with `k >= whole × self` (rounding up).
    fn at_least_of(&self, whole: u32) -> u32 {
        let scaled = u64::from(whole) * u64::from(self.numerator);
        let denominator = u64::from(self.denominator);
        // numerator <= denominator, so the result is at most `whole` and fits in u32.
        u32::try_from(scaled.div_ceil(denominator)).unwrap_or(whole)
    }
}

/// How many must be present for a meeting to be quorate; configured per kind of meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum QuorumRule {
    /// More than half of the electorate: present > electorate / 2.
    #[default]
    MoreThanHalf,
    /// At least the given fraction of the electorate: present >= electorate × fraction.
    AtLeast { fraction: Fraction },
}

/// The fewest present that make a meeting of `electorate` quorate under `rule` (at least 1).
pub fn minimum_present(rule: QuorumRule, electorate: u32) -> u32 {
    let minimum = match rule {
        QuorumRule::MoreThanHalf => electorate / 2 + 1,
        QuorumRule::AtLeast { fraction } => fraction.at_least_of(electorate),
    };
    minimum.max(1)
}

/// Whether `present` of `electorate` make the meeting quorate under `rule`.
///
/// Pure arithmetic: it does not check that `present <= electorate` (see [`assess_quorum`]).
pub fn quorum_met(rule: QuorumRule, electorate: u32, present: u32) -> bool {
    present >= minimum_present(rule, electorate)
}

/// A quorum check with its numbers, ready to be shown or written into the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumCheck {
    pub rule: QuorumRule,
    pub electorate: u32,
    pub present: u32,
    pub minimum_present: u32,
    pub met: bool,
}

impl QuorumCheck {
    /// The check in words, e.g. "60 of 100 present; more than half needs at least 51:
    /// quorum met".
    pub fn describe(&self) -> String {
        text::quorum_check(self)
    }
}

/// Checks the quorum, refusing more present than the electorate.
pub fn assess_quorum(
    rule: QuorumRule,
    electorate: u32,
    present: u32,
) -> Result<QuorumCheck, MeetingError> {
    if present > electorate {
        return Err(MeetingError::PresentExceedsElectorate {
            present,
            electorate,
        });
    }
    Ok(QuorumCheck {
        rule,
        electorate,
        present,
        minimum_present: minimum_present(rule, electorate),
        met: quorum_met(rule, electorate, present),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fraction(numerator: u32, denominator: u32) -> QuorumRule {
        match Fraction::new(numerator, denominator) {
            Ok(fraction) => QuorumRule::AtLeast { fraction },
            Err(error) => unreachable!("{error}"),
        }
    }

    #[test]
    fn more_than_half_is_strict() {
        let rule = QuorumRule::default();
        assert_eq!(minimum_present(rule, 100), 51);
        assert_eq!(minimum_present(rule, 101), 51);
        assert_eq!(minimum_present(rule, 1), 1);
        assert!(!quorum_met(rule, 100, 50));
        assert!(quorum_met(rule, 100, 51));
        assert!(!quorum_met(rule, 101, 50));
        assert!(quorum_met(rule, 101, 51));
    }

    #[test]
    fn at_least_two_thirds_rounds_up() {
        let rule = fraction(2, 3);
        assert_eq!(minimum_present(rule, 100), 67);
        assert_eq!(minimum_present(rule, 99), 66);
        assert!(!quorum_met(rule, 99, 65));
        assert!(quorum_met(rule, 99, 66));
        assert_eq!(minimum_present(fraction(1, 1), 40), 40);
        assert_eq!(minimum_present(fraction(1, 2), 100), 50);
    }

    #[test]
    fn nobody_present_is_never_quorate() {
        assert_eq!(minimum_present(QuorumRule::default(), 0), 1);
        assert_eq!(minimum_present(fraction(2, 3), 0), 1);
        assert!(!quorum_met(fraction(1, 3), 0, 0));
    }

    #[test]
    fn large_electorates_do_not_overflow() {
        assert_eq!(minimum_present(fraction(2, 3), u32::MAX), 2_863_311_530);
        assert_eq!(
            minimum_present(QuorumRule::default(), u32::MAX),
            2_147_483_648
        );
    }

    #[test]
    fn invalid_fractions_are_refused() {
        for (n, d) in [(0, 3), (1, 0), (4, 3), (0, 0)] {
            assert_eq!(
                Fraction::new(n, d),
                Err(MeetingError::InvalidFraction {
                    numerator: n,
                    denominator: d
                })
            );
        }
    }

    #[test]
    fn assess_refuses_more_present_than_electorate_and_describes() {
        assert_eq!(
            assess_quorum(QuorumRule::default(), 10, 11),
            Err(MeetingError::PresentExceedsElectorate {
                present: 11,
                electorate: 10
            })
        );
        let check = assess_quorum(QuorumRule::default(), 100, 60);
        assert_eq!(
            check.map(|check| check.describe()),
            Ok("60 of 100 present; more than half of those entitled to attend needs at least 51: quorum met".to_owned())
        );
        let check = assess_quorum(fraction(2, 3), 100, 60);
        assert_eq!(
            check.map(|check| check.describe()),
            Ok("60 of 100 present; at least 2/3 of those entitled to attend needs at least 67: no quorum".to_owned())
        );
    }

    #[test]
    fn serde_shape_and_validation() -> Result<(), serde_json::Error> {
        assert_eq!(
            serde_json::to_string(&QuorumRule::default())?,
            r#"{"rule":"more_than_half"}"#
        );
        let rule: QuorumRule = serde_json::from_str(
            r#"{"rule":"at_least","fraction":{"numerator":2,"denominator":3}}"#,
        )?;
        assert_eq!(rule, fraction(2, 3));
        let refused = serde_json::from_str::<QuorumRule>(
            r#"{"rule":"at_least","fraction":{"numerator":3,"denominator":2}}"#,
        );
        assert!(refused.is_err_and(|e| e.to_string().contains("numerator from 1 up to")));
        Ok(())
    }
}
