//! Meeting rules: quorum, decision rules for open votes, representation norms for delegate elections.
//!
//! Everything here is pure arithmetic on counts entered by people (the counting commission,
//! the registry of members): no I/O, no clock. Every threshold is computed with exact integer
//! arithmetic so that a borderline count (exactly half, exactly two thirds) always gets the
//! same answer, and every refusal is a [`MeetingError`] saying what is wrong and how to fix it.
//!
//! - [`quorum`]: is a meeting quorate ([`QuorumRule`], default more than half);
//! - [`open_vote`]: was a motion adopted in an open vote ([`DecisionRule`], default majority
//!   of those present);
//! - [`norms`]: how many delegates each unit sends to a conference ([`RepresentationNorm`]),
//!   and which units elected fewer than allotted.
//!
//! The sentences shown to people are all built in one private module (`text`), so that they
//! can be translated in one place later.

pub mod attention;
pub mod card;
mod error;
pub mod minutes;
pub mod minutes_text;
pub mod model;
pub mod norms;
pub mod open_vote;
pub mod progress;
pub mod quorum;
mod text;

pub use error::MeetingError;
pub use norms::{Allotment, RepresentationNorm, Shortfall, allot, shortfalls};
pub use open_vote::{DecisionRule, OpenVoteCount, OpenVoteResult, Verdict, decide};
pub use quorum::{Fraction, QuorumCheck, QuorumRule, assess_quorum, minimum_present, quorum_met};

#[cfg(test)]
mod properties;
