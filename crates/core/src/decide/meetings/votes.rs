//! Open votes: motions put to the vote, remote presence, named votes, the count (and recount), and cancelling.

use super::*;
use crate::command::Needs;
use crate::command::{
    CancelVote, CastNamedVote, ConfirmPresence, CountVote, PutToVote, RecordSpeaker,
};
use crate::decide::{Decide, Stamp};
use crate::state::{Change, Snapshot};

impl Decide for PutToVote {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
        needs.iins.extend(self.motion.people().into_iter().copied());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let PutToVote {
            meeting: code,
            vote,
            motion,
            rule,
            item,
        } = self;
        put_to_vote(state, code, *vote, motion, *rule, *item, at)
    }
}

impl Decide for ConfirmPresence {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
        needs.iins.extend(self.iin);
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let ConfirmPresence {
            meeting: code,
            vote,
            iin,
            mandate,
        } = self;
        let (m, detail, v) = open_vote(state, code, *vote)?;
        let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
        let a = present_attendance(detail, &who)?;
        if a.mode != Presence::Remote {
            return Err(RuleError::InHallNoConfirmation {
                who: who.label.clone(),
            });
        }
        if detail.marks.contains_key(&(*vote, who.member)) {
            return Err(RuleError::AlreadyConfirmed {
                who: who.label.clone(),
                vote: *vote,
            });
        }
        Ok(vec![
            Change::PutVoteMark(VoteMark {
                meeting: code.clone(),
                vote: *vote,
                member: who.member,
                choice: None,
            }),
            Change::PutVote(Vote {
                present_remote: v.present_remote + 1,
                ..v.clone()
            }),
        ])
    }
}

impl Decide for CastNamedVote {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
        needs.iins.extend(self.iin);
    }

    fn decide(&self, state: &Snapshot, _: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CastNamedVote {
            meeting: code,
            vote,
            iin,
            mandate,
            choice,
        } = self;
        let (m, detail, v) = open_vote(state, code, *vote)?;
        let who = participant(state, m, detail, iin.as_ref(), *mandate)?;
        let a = present_attendance(detail, &who)?;
        let earlier = detail.marks.get(&(*vote, who.member));
        if earlier.is_some_and(|mark| mark.choice.is_some()) {
            return Err(RuleError::AlreadyVotedInVote {
                who: who.label.clone(),
                vote: *vote,
            });
        }
        let mut updated = v.clone();
        match a.mode {
            Presence::Remote if earlier.is_none() => updated.present_remote += 1,
            Presence::Remote => {}
            Presence::Hall => {
                if u64::from(updated.named_hall) + updated.hall.total()
                    >= u64::from(updated.present_hall)
                {
                    return Err(RuleError::HallAllCounted {
                        present: updated.present_hall,
                    });
                }
                updated.named_hall += 1;
            }
        }
        match choice {
            crate::meeting::model::Choice::For => updated.named.for_ += 1,
            crate::meeting::model::Choice::Against => updated.named.against += 1,
            crate::meeting::model::Choice::Abstain => updated.named.abstain += 1,
        }
        Ok(vec![
            Change::PutVoteMark(VoteMark {
                meeting: code.clone(),
                vote: *vote,
                member: who.member,
                choice: Some(*choice),
            }),
            Change::PutVote(updated),
        ])
    }
}

impl Decide for CountVote {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CountVote {
            meeting: code,
            vote,
            hall,
            recount_reason,
        } = self;
        count_vote(state, code, *vote, hall, recount_reason.as_deref(), at)
    }
}

impl Decide for CancelVote {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let CancelVote {
            meeting: code,
            vote,
            reason,
        } = self;
        text("reason", reason, MAX_TEXT)?;
        let (m, _, v) = open_vote(state, code, *vote)?;
        let mut changes = vec![Change::PutVote(Vote {
            status: VoteStatus::Cancelled,
            ..v.clone()
        })];
        if let Motion::PartyList { target, .. } = &v.motion {
            changes.extend(crate::decide::lists::list_vote_cancelled(
                state, m, *vote, target, reason, at,
            )?);
        }
        Ok(changes)
    }
}

fn put_to_vote(
    state: &Snapshot,
    code: &Code,
    number: u32,
    motion: &Motion,
    given: Option<DecisionRule>,
    item: Option<u32>,
    at: &Stamp<'_>,
) -> Result<Vec<Change>, RuleError> {
    let held_at = at.held_at;
    let m = meeting_in(state, code, &[MeetingStatus::Open], "put_to_vote")?;
    let detail = detail(state, code)?;
    if number == 0 {
        return Err(RuleError::VoteNumberZero);
    }
    if detail.votes.contains_key(&number) {
        return Err(RuleError::VoteNumberTaken {
            meeting: code.clone(),
            number,
            next: detail.votes.keys().max().map_or(1, |n| n + 1),
        });
    }
    if let Some(open) = detail.votes.values().find(|v| v.status == VoteStatus::Open) {
        return Err(RuleError::VoteStillOpen { vote: open.number });
    }
    in_time_order(state, m, detail, held_at, Step::Every)?;
    if let Some(item) = item {
        agenda_item(m, item)?;
    }
    let rule = if state.rules_version.charter() {
        let set = rule_set_for(state, m, motion.motion_kind());
        let rule = given.unwrap_or(set);
        if rule.strictness() < set.strictness() {
            return Err(RuleError::WeakerRule {
                motion: Term::new("motion", motion.motion_kind().as_str()),
                rule: Term::new("decision_rule", rule.as_str()),
                set: Term::new("decision_rule", set.as_str()),
            });
        }
        rule
    } else {
        given.unwrap_or_default()
    };
    let (hall, remote) = detail.present();
    let needed = minimum_present(m.quorum, m.electorate);
    if hall + remote < needed {
        return Err(RuleError::NoQuorum {
            present: hall + remote,
            electorate: m.electorate,
            needed,
            action: "put_to_vote",
        });
    }
    let mut list_changes = Vec::new();
    let mut people = Vec::new();
    for iin in motion.people() {
        let member = state
            .member(iin)
            .ok_or_else(|| RuleError::NoMember { iin: iin.masked() })?;
        if people.contains(&member.id) {
            return Err(RuleError::NamedTwiceInMotion { iin: iin.masked() });
        }
        people.push(member.id);
    }
    match motion {
        Motion::Credentials => {}
        Motion::Presidium {
            counting_commission,
            ..
        } => {
            if counting_commission.is_empty() {
                return Err(RuleError::NoCountingCommission);
            }
            for (iin, id) in motion.people().into_iter().zip(&people) {
                if !detail.attendance.get(id).is_some_and(|a| a.present) {
                    return Err(RuleError::NotPresent { iin: iin.masked() });
                }
            }
        }
        Motion::Agenda { items } => {
            if items.is_empty() {
                return Err(RuleError::Empty { field: "items" });
            }
            for item in items {
                text("items", item, MAX_TEXT)?;
            }
        }
        Motion::Delegates { candidates } => {
            require_presidium(m)?;
            if candidates.is_empty() {
                return Err(RuleError::Empty {
                    field: "candidates",
                });
            }
            let allotment = delegate_allotment(state, m)?;
            let elected = state
                .delegates
                .values()
                .filter(|d| {
                    d.campaign == m.campaign
                        && d.conference_unit == allotment.conference_unit
                        && d.from_unit == m.unit
                        && d.status == DelegateStatus::Elected
                })
                .count();
            if elected + candidates.len() > allotment.seats as usize {
                return Err(RuleError::AllotmentExceeded {
                    unit: m.unit.clone(),
                    seats: allotment.seats,
                    elected,
                    proposed: candidates.len(),
                    most: allotment.seats.saturating_sub(elected as u32),
                });
            }
            for (iin, id) in candidates.iter().zip(&people) {
                let member = state
                    .member(iin)
                    .ok_or_else(|| RuleError::NoMember { iin: iin.masked() })?;
                if member.status != MemberStatus::Active
                    || !in_subtree(state, &member.unit, &m.unit)
                {
                    return Err(RuleError::CandidateNotMember {
                        iin: iin.masked(),
                        unit: m.unit.clone(),
                        status: Term::new("member_status", member.status.as_str()),
                        member_unit: member.unit.clone(),
                    });
                }
                if state.delegates.contains_key(&(
                    m.campaign.clone(),
                    allotment.conference_unit.clone(),
                    *id,
                )) {
                    return Err(RuleError::CandidateAlreadyDelegate {
                        iin: iin.masked(),
                        unit: allotment.conference_unit.clone(),
                    });
                }
            }
        }
        Motion::Resolution { text: words } => {
            require_presidium(m)?;
            text("text", words, MAX_TEXT)?;
        }
        Motion::PartyList { target, revision } => {
            require_presidium(m)?;
            list_changes = crate::decide::lists::put_list_to_vote(
                state, m, number, target, *revision, rule, at,
            )?;
            // The minutes name the candidates as put to the vote, in list order.
            people = state
                .party_lists
                .get(&(m.campaign.clone(), target.clone()))
                .map(|list| list.members().collect())
                .unwrap_or_default();
        }
    }
    Ok(vec![Change::PutVote(Vote {
        meeting: code.clone(),
        number,
        motion: motion.clone(),
        people,
        rule,
        status: VoteStatus::Open,
        present_hall: hall,
        present_remote: 0,
        hall: Tally::default(),
        named: Tally::default(),
        named_hall: 0,
        counts: 0,
        verdict: None,
        opened_at: held_at,
        item,
        counted_at: None,
    })]
    .into_iter()
    .chain(list_changes)
    .collect())
}

/// Item `item` (from 1) of the agenda the meeting adopted.
fn agenda_item(m: &Meeting, item: u32) -> Result<(), RuleError> {
    require_presidium(m)?;
    if item == 0 || item as usize > m.agenda.len() {
        return Err(RuleError::NoAgendaItem {
            item,
            items: count_u32(m.agenda.len()),
        });
    }
    Ok(())
}

impl Decide for RecordSpeaker {
    fn needs(&self, needs: &mut Needs) {
        needs.meetings.push(self.meeting.clone());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let RecordSpeaker {
            meeting: code,
            item,
            name,
            role,
            topic,
            time_limit_s,
        } = self;
        let m = meeting_in(state, code, &[MeetingStatus::Open], "record_speaker")?;
        agenda_item(m, *item)?;
        text("name", name, MAX_NAME)?;
        text("role", role, MAX_NAME)?;
        text("topic", topic, MAX_TEXT)?;
        let mut speakers = m.speakers.clone();
        speakers.push(Speaker {
            item: *item,
            name: name.trim().to_string(),
            role: role.trim().to_string(),
            topic: topic.trim().to_string(),
            at: at.held_at,
            time_limit_s: *time_limit_s,
        });
        Ok(vec![Change::PutMeeting(Meeting {
            speakers,
            ..m.clone()
        })])
    }
}

fn require_presidium(m: &Meeting) -> Result<(), RuleError> {
    if m.chair.is_none() || m.agenda.is_empty() {
        return Err(RuleError::PresidiumFirst);
    }
    Ok(())
}

fn delegate_allotment<'a>(state: &'a Snapshot, m: &Meeting) -> Result<&'a Allotment, RuleError> {
    let parent = state.unit(&m.unit).and_then(|u| u.parent.clone());
    // Under the charter's rules a regional conference elects the congress's delegates, where
    // the party's tree has a central office above it; the congress itself is the top.
    let top = match m.kind {
        MeetingKind::Congress => true,
        MeetingKind::RegionalConference => !state.rules_version.charter() || parent.is_none(),
        MeetingKind::PpoMeeting | MeetingKind::BranchConference => false,
    };
    if top {
        return Err(RuleError::TopOfLadder);
    }
    let parent = parent.ok_or_else(|| RuleError::NoUnitAbove {
        unit: m.unit.clone(),
    })?;
    state
        .allotments
        .get(&(m.campaign.clone(), m.unit.clone()))
        .filter(|a| a.conference_unit == parent)
        .ok_or_else(|| RuleError::NoAllotment {
            unit: m.unit.clone(),
            parent: parent.clone(),
        })
}

fn count_vote(
    state: &Snapshot,
    code: &Code,
    number: u32,
    hall: &Tally,
    recount_reason: Option<&str>,
    at: &Stamp<'_>,
) -> Result<Vec<Change>, RuleError> {
    let m = meeting_in(state, code, &[MeetingStatus::Open], "count_vote")?;
    let detail = detail(state, code)?;
    let v = detail
        .votes
        .get(&number)
        .ok_or_else(|| RuleError::NoSuchVote {
            meeting: code.clone(),
            vote: number,
        })?;
    match (v.status, recount_reason) {
        (VoteStatus::Open, None) => {}
        (VoteStatus::Open, Some(_)) => {
            return Err(RuleError::RecountNotCounted { vote: number });
        }
        (VoteStatus::Counted, None) => {
            return Err(RuleError::RecountNeedsReason { vote: number });
        }
        (VoteStatus::Counted, Some(reason)) => {
            text("recount_reason", reason, MAX_TEXT)?;
            if let Some(later) = detail.votes.keys().find(|n| **n > number) {
                return Err(RuleError::RecountNotLatest { later: *later });
            }
        }
        (VoteStatus::Cancelled, _) => {
            return Err(RuleError::VoteCancelled { vote: number });
        }
    }
    in_time_order(state, m, detail, at.held_at, Step::OwnVote(number))?;
    let hall_votes = hall.total() + u64::from(v.named_hall);
    if hall_votes > u64::from(v.present_hall) {
        return Err(RuleError::VotesExceedPresent {
            votes: hall_votes,
            present: v.present_hall,
        });
    }
    let present = v.present();
    let needed = minimum_present(m.quorum, m.electorate);
    if present < needed {
        return Err(RuleError::NoQuorumForVote {
            present,
            electorate: m.electorate,
            needed,
            vote: number,
        });
    }
    let total = |a: u32, b: u32| a.checked_add(b).ok_or(RuleError::CountTooLarge);
    let count = OpenVoteCount::new(
        present,
        total(hall.for_, v.named.for_)?,
        total(hall.against, v.named.against)?,
        total(hall.abstain, v.named.abstain)?,
    )
    .map_err(|error| RuleError::VoteCountInvalid { error })?;
    let result = crate::meeting::decide(v.rule, &count)
        .map_err(|error| RuleError::VoteCountInvalid { error })?;
    let counted = Vote {
        status: VoteStatus::Counted,
        hall: *hall,
        counts: v.counts + 1,
        verdict: Some(result.verdict),
        counted_at: state.rules_version.charter().then_some(at.held_at),
        ..v.clone()
    };
    let mut changes = vec![Change::PutVote(counted.clone())];
    let was_adopted = v.verdict == Some(Verdict::Adopted);
    let adopted = result.verdict == Verdict::Adopted;
    if let Motion::Delegates { .. } = &v.motion
        && was_adopted != adopted
    {
        let allotment = delegate_allotment(state, m)?;
        for member in &v.people {
            if adopted {
                changes.push(Change::PutDelegate(Delegate {
                    campaign: m.campaign.clone(),
                    conference_unit: allotment.conference_unit.clone(),
                    member: *member,
                    from_unit: m.unit.clone(),
                    from_meeting: m.code.clone(),
                    vote: number,
                    status: DelegateStatus::Elected,
                    note: String::new(),
                }));
            } else {
                changes.push(Change::DeleteDelegate {
                    campaign: m.campaign.clone(),
                    conference_unit: allotment.conference_unit.clone(),
                    member: *member,
                });
            }
        }
    }
    // The presidium and agenda follow from the latest adopted vote of each kind, so a recount
    // that reverses a vote also reverses its effect.
    let mut votes = detail.votes.clone();
    votes.insert(number, counted);
    let mut updated = m.clone();
    updated.chair = None;
    updated.secretary = None;
    updated.counting_commission = Vec::new();
    updated.agenda = Vec::new();
    for vote in votes
        .values()
        .filter(|v| v.verdict == Some(Verdict::Adopted))
    {
        match &vote.motion {
            Motion::Presidium { .. } => {
                updated.chair = vote.people.first().copied();
                updated.secretary = vote.people.get(1).copied();
                updated.counting_commission = vote.people.iter().skip(2).copied().collect();
            }
            Motion::Agenda { items } => updated.agenda = items.clone(),
            _ => {}
        }
    }
    if &updated != m {
        changes.push(Change::PutMeeting(updated));
    }
    if let Motion::PartyList { target, revision } = &v.motion {
        changes.extend(crate::decide::lists::list_vote_counted(
            state, m, number, target, *revision, adopted, at,
        )?);
    }
    Ok(changes)
}
