//! The conference's vote on a list: put to the vote, counted (adopted freezes it, rejected returns it to draft) or cancelled.

use super::*;

/// The conference's vote on a list: checks it may be put and marks it as under vote.
#[allow(clippy::too_many_arguments)]
pub(in crate::decide) fn put_list_to_vote(
    state: &Snapshot,
    m: &Meeting,
    vote: u32,
    target: &Code,
    revision: u32,
    rule: DecisionRule,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    let t = target_of(state, &m.campaign, target)?;
    if m.kind == MeetingKind::PpoMeeting || t.electorate_unit != m.unit {
        return Err(RuleError::WrongApprovingConference {
            target: target.clone(),
            unit: t.electorate_unit.clone(),
            meeting: m.code.clone(),
            meeting_unit: m.unit.clone(),
        });
    }
    if rule != DecisionRule::MajorityOfPresent {
        return Err(RuleError::ListRuleMajority);
    }
    let list = list_of(state, &m.campaign, target)?;
    expect_draft(list, "vote_again")?;
    if revision != list.revision {
        return Err(RuleError::RevisionMismatch {
            revision,
            target: target.clone(),
            current: list.revision,
        });
    }
    if !list.violations.is_empty() {
        return Err(RuleError::ListViolations {
            target: target.clone(),
            violations: super::super::Violations(list.violations.clone()),
        });
    }
    // A candidacy withdrawn or refused since the last edit leaves a name that may not stand.
    let lapsed: Vec<String> = list
        .entries
        .iter()
        .filter(|e| {
            state
                .candidacies
                .get(&(m.campaign.clone(), target.clone(), e.member))
                .is_none_or(|x| x.status != CandidacyStatus::Registered)
        })
        .map(|e| format!("No. {}", e.candidate_number))
        .collect();
    if !lapsed.is_empty() {
        return Err(RuleError::LapsedCandidates {
            lapsed: lapsed.iter().map(|l| l.to_string()).collect(),
            target: target.clone(),
        });
    }
    let updated = PartyList {
        status: ListStatus::UnderVote {
            meeting: m.code.clone(),
            vote,
        },
        ..list.clone()
    };
    let detail = ListChange::PutToVote {
        revision,
        names: count(list.entries.len()),
        meeting: m.code.clone(),
        vote,
    };
    Ok(record_change(
        updated,
        "put_to_vote",
        (
            format!(
                "revision {revision} ({} names) put to the vote at {}, vote {vote}",
                list.entries.len(),
                m.code
            ),
            detail,
        ),
        String::new(),
        at,
    ))
}

/// A counted (or recounted) vote on a list: adopted freezes it, rejected returns it to draft.
#[allow(clippy::too_many_arguments)]
pub(in crate::decide) fn list_vote_counted(
    state: &Snapshot,
    m: &Meeting,
    vote: u32,
    target: &Code,
    revision: u32,
    adopted: bool,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    let list = list_of(state, &m.campaign, target)?;
    let this_vote = match &list.status {
        ListStatus::UnderVote { meeting, vote: v }
        | ListStatus::Approved {
            meeting, vote: v, ..
        } => meeting == &m.code && *v == vote,
        ListStatus::Draft => list.revision == revision,
    };
    if !this_vote || list.revision != revision {
        return Err(RuleError::ListChangedSinceVote {
            target: target.clone(),
            vote,
            revision: list.revision,
        });
    }
    let meeting = m.code.clone();
    let (status, kind, text, detail) = if adopted {
        (
            ListStatus::Approved {
                meeting: m.code.clone(),
                vote,
                approved_at: at.held_at,
            },
            "approved",
            format!("approved by {}, vote {vote}: the list is frozen", m.code),
            ListChange::Approved { meeting, vote },
        )
    } else {
        (
            ListStatus::Draft,
            "rejected",
            format!(
                "not approved by {}, vote {vote}: the list is a draft again",
                m.code
            ),
            ListChange::Rejected { meeting, vote },
        )
    };
    if status == list.status {
        return Ok(Vec::new());
    }
    let updated = PartyList {
        status,
        ..list.clone()
    };
    Ok(record_change(
        updated,
        kind,
        (text, detail),
        String::new(),
        at,
    ))
}

/// A cancelled vote on a list returns it to draft.
pub(in crate::decide) fn list_vote_cancelled(
    state: &Snapshot,
    m: &Meeting,
    vote: u32,
    target: &Code,
    reason: &str,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    let list = list_of(state, &m.campaign, target)?;
    let updated = PartyList {
        status: ListStatus::Draft,
        ..list.clone()
    };
    Ok(record_change(
        updated,
        "cancelled",
        (
            format!(
                "vote {vote} at {} was cancelled: the list is a draft again",
                m.code
            ),
            ListChange::Cancelled {
                meeting: m.code.clone(),
                vote,
            },
        ),
        reason.trim().to_string(),
        at,
    ))
}
