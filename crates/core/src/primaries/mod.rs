//! Primaries: eligibility of candidates, ratings after the count, and branch quotas of list places.
//!
//! Pure rules, no I/O and no clock: every date (the campaign's election day) is passed in.
//! See `docs/primaries.md` for the rules in prose.

mod eligibility;
mod quotas;
mod ratings;

pub use eligibility::{
    CandidateFacts, EligibilityRules, Ineligibility, MASLIKHAT_MIN_AGE, MAZHILIS_MIN_AGE, age_on,
    check_eligibility,
};
pub use quotas::{
    BranchQuota, DEFAULT_DEBATERS_PER_PLACE, QuotaError, branch_quotas, debaters_for,
    invite_to_debate, quotas_under,
};
pub use ratings::{
    DEFAULT_YOUTH_AGE_LIMIT, RatedCandidate, RatingError, RatingRow, Ratings, ratings,
};
