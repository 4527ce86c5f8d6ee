//! Candidates for a party list and their rating order from primaries and conference votes.

use std::cmp::Ordering;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::iin::{Iin, Sex};

/// The votes a candidate received at each stage; `None` when the candidate did not take part
/// in that stage (which ranks below any count, zero included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RatingInputs {
    pub primaries_votes: Option<u64>,
    pub conference_votes: Option<u64>,
}

/// A person who may be put on a party list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Candidate ids grow with nomination, so a lower id was nominated earlier; it is the
    /// last tie-break of every rating.
    pub id: i64,
    pub full_name: String,
    pub sex: Sex,
    pub birth_date: Date,
    pub rating: RatingInputs,
}

impl Candidate {
    /// A candidate whose sex and birth date come from the IIN, never typed twice.
    pub fn from_iin(id: i64, full_name: impl Into<String>, iin: Iin, rating: RatingInputs) -> Self {
        Candidate {
            id,
            full_name: full_name.into(),
            sex: iin.sex(),
            birth_date: iin.birth_date(),
            rating,
        }
    }

    /// Whole years of age on `day`, the same count as [`Iin::age_on`].
    pub fn age_on(&self, day: Date) -> i16 {
        let mut age = day.year() - self.birth_date.year();
        if (day.month(), day.day()) < (self.birth_date.month(), self.birth_date.day()) {
            age -= 1;
        }
        age
    }
}

/// How the primaries rating and the conference rating vote combine into one rating order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precedence {
    /// More conference votes first; equal (or both absent) → more primaries votes.
    ConferenceThenPrimaries,
    /// More primaries votes first; equal (or both absent) → more conference votes.
    PrimariesThenConference,
    /// Higher weighted sum of vote shares first, where a candidate's share at a stage is their
    /// votes over the votes of all the given candidates at that stage (absent counts as 0).
    Weighted {
        primaries_per_mille: u32,
        conference_per_mille: u32,
    },
}

/// The candidates best first under `precedence`; ties left by the votes go to the lower id
/// (earlier nomination), so the order is total and reproducible.
pub fn rating_order(candidates: &[Candidate], precedence: Precedence) -> Vec<Candidate> {
    let mut ordered = candidates.to_vec();
    match precedence {
        Precedence::ConferenceThenPrimaries => ordered.sort_by(|a, b| {
            more_votes_first(a.rating.conference_votes, b.rating.conference_votes)
                .then_with(|| more_votes_first(a.rating.primaries_votes, b.rating.primaries_votes))
                .then_with(|| a.id.cmp(&b.id))
        }),
        Precedence::PrimariesThenConference => ordered.sort_by(|a, b| {
            more_votes_first(a.rating.primaries_votes, b.rating.primaries_votes)
                .then_with(|| {
                    more_votes_first(a.rating.conference_votes, b.rating.conference_votes)
                })
                .then_with(|| a.id.cmp(&b.id))
        }),
        Precedence::Weighted {
            primaries_per_mille,
            conference_per_mille,
        } => {
            let total = |votes: fn(&RatingInputs) -> Option<u64>| {
                candidates
                    .iter()
                    .map(|c| u128::from(votes(&c.rating).unwrap_or(0)))
                    .sum::<u128>()
                    .max(1)
            };
            let primaries_total = total(|r| r.primaries_votes);
            let conference_total = total(|r| r.conference_votes);
            // Both shares brought to the common denominator primaries_total × conference_total,
            // which is the same for every candidate, so comparing numerators is exact.
            let score = |c: &Candidate| {
                let primaries = u128::from(c.rating.primaries_votes.unwrap_or(0));
                let conference = u128::from(c.rating.conference_votes.unwrap_or(0));
                u128::from(primaries_per_mille)
                    .saturating_mul(primaries)
                    .saturating_mul(conference_total)
                    .saturating_add(
                        u128::from(conference_per_mille)
                            .saturating_mul(conference)
                            .saturating_mul(primaries_total),
                    )
            };
            ordered.sort_by(|a, b| score(b).cmp(&score(a)).then_with(|| a.id.cmp(&b.id)));
        }
    }
    ordered
}

fn more_votes_first(a: Option<u64>, b: Option<u64>) -> Ordering {
    // Option orders None below Some(0), which is what "did not take part" should mean.
    b.cmp(&a)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use jiff::civil::date;

    fn rated(id: i64, primaries: Option<u64>, conference: Option<u64>) -> Candidate {
        Candidate {
            id,
            full_name: format!("Candidate {id}"),
            sex: Sex::Male,
            birth_date: date(1980, 1, 1),
            rating: RatingInputs {
                primaries_votes: primaries,
                conference_votes: conference,
            },
        }
    }

    fn ids(candidates: &[Candidate]) -> Vec<i64> {
        candidates.iter().map(|c| c.id).collect()
    }

    #[test]
    fn precedence_orders_by_one_stage_then_the_other_then_id() {
        let pool = vec![
            rated(1, Some(100), Some(5)),
            rated(2, Some(300), Some(5)),
            rated(3, Some(300), Some(9)),
            rated(4, Some(50), None),
            rated(5, Some(100), Some(5)),
            rated(6, None, Some(0)),
        ];
        assert_eq!(
            ids(&rating_order(&pool, Precedence::ConferenceThenPrimaries)),
            vec![3, 2, 1, 5, 6, 4]
        );
        assert_eq!(
            ids(&rating_order(&pool, Precedence::PrimariesThenConference)),
            vec![3, 2, 1, 5, 4, 6]
        );
    }

    #[test]
    fn weighted_precedence_compares_vote_shares_exactly() {
        // Primaries total 400, conference total 100. Scores (per mille × share):
        // 1: 700·300/400 + 300·10/100 = 525 + 30 = 555
        // 2: 700·100/400 + 300·90/100 = 175 + 270 = 445
        // 3: 700·0 + 300·0 = 0 (absent counts as no votes)
        let pool = vec![
            rated(3, None, None),
            rated(2, Some(100), Some(90)),
            rated(1, Some(300), Some(10)),
        ];
        let weighted = Precedence::Weighted {
            primaries_per_mille: 700,
            conference_per_mille: 300,
        };
        assert_eq!(ids(&rating_order(&pool, weighted)), vec![1, 2, 3]);
        let conference_heavy = Precedence::Weighted {
            primaries_per_mille: 300,
            conference_per_mille: 700,
        };
        assert_eq!(ids(&rating_order(&pool, conference_heavy)), vec![2, 1, 3]);
        // 1/3 against 1/3 must tie exactly (no floating point), then the lower id wins.
        let tied = vec![
            rated(9, Some(1), Some(0)),
            rated(8, Some(1), Some(0)),
            rated(7, Some(1), Some(0)),
        ];
        assert_eq!(ids(&rating_order(&tied, weighted)), vec![7, 8, 9]);
    }

    #[test]
    fn age_counts_whole_years_like_the_iin() {
        let iin = Iin::compose(date(1991, 11, 16), Sex::Female, 1)
            .or_else(|| Iin::compose(date(1991, 11, 16), Sex::Female, 2))
            .unwrap();
        let candidate = Candidate::from_iin(1, "A", iin, RatingInputs::default());
        assert_eq!(candidate.sex, Sex::Female);
        for day in [date(2021, 1, 10), date(2021, 11, 15), date(2021, 11, 16)] {
            assert_eq!(candidate.age_on(day), iin.age_on(day));
        }
        assert_eq!(candidate.age_on(date(2021, 11, 15)), 29);
        assert_eq!(candidate.age_on(date(2021, 11, 16)), 30);
    }
}
