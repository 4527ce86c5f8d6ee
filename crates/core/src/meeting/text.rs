//! Every sentence the meeting rules show to people, in one place so that it can be
//! translated later (the minutes are in Russian or Kazakh). English for now.
//!
//! Error messages live with [`super::MeetingError`].

use super::open_vote::{DecisionRule, OpenVoteResult, Verdict};
use super::quorum::{QuorumCheck, QuorumRule};

pub(super) fn quorum_rule(rule: QuorumRule) -> String {
    match rule {
        QuorumRule::MoreThanHalf => "more than half of those entitled to attend".to_owned(),
        QuorumRule::AtLeast { fraction } => format!(
            "at least {}/{} of those entitled to attend",
            fraction.numerator(),
            fraction.denominator()
        ),
    }
}

pub(super) fn quorum_check(check: &QuorumCheck) -> String {
    format!(
        "{} of {} present; {} needs at least {}: {}",
        check.present,
        check.electorate,
        quorum_rule(check.rule),
        check.minimum_present,
        if check.met { "quorum met" } else { "no quorum" }
    )
}

pub(super) fn decision_rule(rule: DecisionRule) -> &'static str {
    match rule {
        DecisionRule::MajorityOfPresent => "a majority of those present",
        DecisionRule::TwoThirdsOfPresent => "two thirds of those present",
        DecisionRule::MajorityOfVotesCast => "a majority of votes cast",
    }
}

fn verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Adopted => "adopted",
        Verdict::Rejected => "rejected",
    }
}

pub(super) fn open_vote_result(result: &OpenVoteResult) -> String {
    let count = &result.count;
    match result.rule {
        DecisionRule::MajorityOfPresent | DecisionRule::TwoThirdsOfPresent => format!(
            "{} of {} present voted for; {} needs {}: {}",
            count.for_(),
            count.present(),
            decision_rule(result.rule),
            result.votes_needed,
            verdict(result.verdict)
        ),
        DecisionRule::MajorityOfVotesCast => format!(
            "{} voted for and {} against ({} abstentions and {} not voting are not counted); {} needs more for than against: {}",
            count.for_(),
            count.against(),
            count.abstain(),
            count.not_voting(),
            decision_rule(result.rule),
            verdict(result.verdict)
        ),
    }
}
