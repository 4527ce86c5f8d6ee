//! The rules of party lists: their rules per target, drafting from the ratings, edits, the conference's vote, and withdrawals from an approved list.

use std::collections::HashMap;

use super::{Decide, MAX_TEXT, RuleError, Stamp, campaign, existing_member, target_of, text};
use crate::command::{
    DraftList, EditList, ListEdit, ListRemoval, Needs, SetListRules, WithdrawFromList,
};
use crate::iin::Iin;
use crate::lists::{
    self, Candidate, DraftMove, ListChange, ListEntry, ListEvent, ListRules, ListStatus, PartyList,
    RatingInputs, Successor, TargetListRules, Violation,
};
use crate::meeting::DecisionRule;
use crate::meeting::model::{Meeting, MeetingKind};
use crate::model::{Code, Member};
use crate::poll::{CandidacyStatus, PollStatus};
use crate::primaries::Ratings;
use crate::state::{Change, Snapshot};

impl Decide for SetListRules {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let SetListRules {
            campaign,
            target,
            min_size,
            max_size,
            quotas,
            placement,
            precedence,
        } = self;
        set_rules(
            state,
            campaign,
            target,
            ListRules {
                seats: 0,
                min_size: *min_size,
                max_size: *max_size,
                quotas: quotas.clone(),
                placement: placement.clone(),
            },
            *precedence,
            at,
        )
    }
}

impl Decide for DraftList {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let DraftList {
            campaign,
            target,
            length,
            reason,
        } = self;
        draft(state, campaign, target, *length, reason, at)
    }
}

impl Decide for EditList {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
        needs.iins.push(*self.edit.iin());
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let EditList {
            campaign,
            target,
            edit,
            reason,
        } = self;
        edit_list(state, campaign, target, edit, reason, at)
    }
}

impl Decide for WithdrawFromList {
    fn needs(&self, needs: &mut Needs) {
        needs
            .lists
            .push((self.campaign.clone(), self.target.clone()));
        needs.iins.push(self.iin);
    }

    fn decide(&self, state: &Snapshot, at: &Stamp<'_>) -> Result<Vec<Change>, RuleError> {
        let WithdrawFromList {
            campaign,
            target,
            iin,
            cause,
            decision,
        } = self;
        withdraw(state, campaign, target, iin, *cause, decision, at)
    }
}

fn rules_of<'a>(
    state: &'a Snapshot,
    c: &Code,
    target: &Code,
) -> Result<&'a TargetListRules, RuleError> {
    state
        .list_rules
        .get(&(c.clone(), target.clone()))
        .ok_or_else(|| RuleError::NoListRules {
            target: target.clone(),
        })
}

fn list_of<'a>(state: &'a Snapshot, c: &Code, target: &Code) -> Result<&'a PartyList, RuleError> {
    state
        .party_lists
        .get(&(c.clone(), target.clone()))
        .ok_or_else(|| RuleError::NoList {
            target: target.clone(),
        })
}

/// Refuses a change to a list that is not a draft.
fn expect_draft(list: &PartyList, doing: &'static str) -> Result<(), RuleError> {
    match &list.status {
        ListStatus::Draft => Ok(()),
        ListStatus::UnderVote { meeting, vote } => Err(RuleError::ListBeingVoted {
            target: list.target.clone(),
            meeting: meeting.clone(),
            vote: *vote,
            action: doing,
        }),
        ListStatus::Approved { meeting, vote, .. } => Err(RuleError::ListApproved {
            target: list.target.clone(),
            meeting: meeting.clone(),
            vote: *vote,
        }),
    }
}

fn set_rules(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    mut rules: ListRules,
    precedence: lists::Precedence,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    let t = target_of(state, c, target)?;
    rules.seats = t.seats;
    rules.check().map_err(|e| RuleError::ListRulesInvalid {
        target: target.clone(),
        detail: e.to_string(),
    })?;
    for quota in &rules.quotas {
        text("quotas.label", &quota.label, super::MAX_NAME)?;
    }
    if let Some(p) = &rules.placement {
        text("placement.label", &p.label, super::MAX_NAME)?;
    }
    if rules.max_size < rules.seats {
        return Err(RuleError::ListTooShort {
            max_size: rules.max_size,
            seats: rules.seats,
            target: target.clone(),
        });
    }
    if let lists::Precedence::Weighted {
        primaries_per_mille,
        conference_per_mille,
    } = precedence
        && primaries_per_mille + conference_per_mille == 0
    {
        return Err(RuleError::ZeroWeights);
    }
    let record = TargetListRules {
        campaign: c.clone(),
        target: target.clone(),
        rules,
        precedence,
    };
    let mut changes = vec![Change::PutListRules(record.clone())];
    if let Some(list) = state.party_lists.get(&(c.clone(), target.clone())) {
        expect_draft(list, "change_rules")?;
        let pool = Pool::load(state, c, target, &record)?;
        let violations = pool.validate(&record.rules, &list.entries)?;
        let mut updated = list.clone();
        updated.revision += 1;
        updated.violations = violations;
        updated.updated_at = at.held_at;
        let text = format!(
            "the list rules changed; {}",
            describe_violations(&updated.violations)
        );
        let detail = ListChange::Rules {
            violations: updated.violations.clone(),
        };
        changes.extend(record_change(
            updated,
            "rules",
            (text, detail),
            String::new(),
            at,
        ));
    }
    Ok(changes)
}

/// The candidates who may stand on a target's list, with their ratings, best first.
struct Pool {
    election_day: jiff::civil::Date,
    /// In rating order.
    ordered: Vec<Candidate>,
    /// Candidacy number → member.
    members: HashMap<i64, Member>,
    primaries_place: HashMap<i64, u32>,
}

impl Pool {
    fn load(
        state: &Snapshot,
        c: &Code,
        target: &Code,
        rules: &TargetListRules,
    ) -> Result<Pool, RuleError> {
        let election_day = campaign(state, c)?.election_day;
        let by_id: HashMap<i64, &Member> = state.members.values().map(|m| (m.id, m)).collect();
        let ratings = stage_ratings(state, c, target)?;
        let mut candidates = Vec::new();
        let mut members = HashMap::new();
        let mut primaries_place = HashMap::new();
        for (_, x) in state
            .candidacies
            .range((c.clone(), target.clone(), i64::MIN)..=(c.clone(), target.clone(), i64::MAX))
            .filter(|(_, x)| x.status == CandidacyStatus::Registered)
        {
            let member = by_id.get(&x.member).ok_or_else(|| {
                RuleError::internal(format!(
                    "candidate No. {} of {target} was not loaded",
                    x.number
                ))
            })?;
            let id = i64::from(x.number);
            let rating = RatingInputs {
                primaries_votes: ratings.primaries.get(&x.member).map(|s| s.votes),
                conference_votes: ratings.conference.get(&x.member).map(|s| s.votes),
            };
            if let Some(s) = ratings.primaries.get(&x.member) {
                primaries_place.insert(id, s.place);
            }
            candidates.push(Candidate::from_iin(
                id,
                member.full_name.clone(),
                member.iin,
                rating,
            ));
            members.insert(id, (*member).clone());
        }
        Ok(Pool {
            election_day,
            ordered: lists::rating_order(&candidates, rules.precedence),
            members,
            primaries_place,
        })
    }

    fn position(&self, id: i64) -> Option<usize> {
        self.ordered.iter().position(|c| c.id == id)
    }

    fn entry(&self, id: i64) -> Result<ListEntry, RuleError> {
        let position = self.position(id).ok_or(RuleError::NotInPool { id })?;
        let candidate = &self.ordered[position];
        let member = self.members.get(&id).ok_or(RuleError::NotInPool { id })?;
        Ok(ListEntry {
            member: member.id,
            candidate_number: u32::try_from(id).unwrap_or(u32::MAX),
            rating: candidate.rating,
            rating_position: u32::try_from(position + 1).unwrap_or(u32::MAX),
            primaries_place: self.primaries_place.get(&id).copied(),
        })
    }

    /// The list's entries as candidates, in place order. Entries of candidates who left the
    /// pool since (their candidacy withdrawn or refused) are still judged by their IIN.
    fn candidates(&self, entries: &[ListEntry]) -> Result<Vec<Candidate>, RuleError> {
        entries
            .iter()
            .map(|e| {
                let id = i64::from(e.candidate_number);
                match self.position(id) {
                    Some(p) => Ok(self.ordered[p].clone()),
                    None => Err(RuleError::NoLongerRegistered { id }),
                }
            })
            .collect()
    }

    fn validate(
        &self,
        rules: &ListRules,
        entries: &[ListEntry],
    ) -> Result<Vec<Violation>, RuleError> {
        Ok(lists::validate(
            rules,
            &self.candidates(entries)?,
            self.election_day,
        ))
    }

    fn sex(&self, id: i64) -> Option<crate::iin::Sex> {
        self.ordered.iter().find(|c| c.id == id).map(|c| c.sex)
    }

    fn name(&self, id: i64) -> String {
        self.members
            .get(&id)
            .map_or_else(|| format!("No. {id}"), |m| m.full_name.clone())
    }

    /// The pool's candidacy number of a member, if they are a registered candidate.
    fn id_of(&self, member: i64) -> Option<i64> {
        self.members
            .iter()
            .find(|(_, m)| m.id == member)
            .map(|(id, _)| *id)
    }
}

/// A candidate's score at one stage: votes and place in that stage's overall rating.
#[derive(Clone, Copy)]
struct StageScore {
    votes: u64,
    place: u32,
}

#[derive(Default)]
struct StageRatings {
    primaries: HashMap<i64, StageScore>,
    conference: HashMap<i64, StageScore>,
}

/// The counted polls rating `target`: the members' primaries (no meeting) and the conferences'
/// rating votes (a meeting). A member rated by several conference polls gets the sum.
fn stage_ratings(state: &Snapshot, c: &Code, target: &Code) -> Result<StageRatings, RuleError> {
    let mut out = StageRatings::default();
    let mut primaries_polls: Vec<&Code> = Vec::new();
    let mut polls: Vec<_> = state
        .polls
        .values()
        .filter(|p| {
            &p.campaign == c && p.target.as_ref() == Some(target) && p.status == PollStatus::Counted
        })
        .collect();
    polls.sort_by(|a, b| a.code.cmp(&b.code));
    for poll in polls {
        let result = state.poll_results.get(&poll.code).ok_or_else(|| {
            RuleError::internal(format!("the count of {} was not loaded", poll.code))
        })?;
        let ratings: Ratings = serde_json::from_str(&result.ratings).map_err(|e| {
            RuleError::internal(format!("the ratings of {} cannot be read ({e})", poll.code))
        })?;
        let stage = if poll.meeting.is_none() {
            primaries_polls.push(&poll.code);
            &mut out.primaries
        } else {
            &mut out.conference
        };
        let rows = ratings.overall.len();
        for row in &ratings.overall {
            let votes = row
                .votes
                .as_deref()
                .and_then(whole_votes)
                // A method without totals (Schulze) ranks only: the last place scores 1.
                .unwrap_or_else(|| (rows as u64 + 1).saturating_sub(u64::from(row.place)));
            let score = stage.entry(row.member).or_insert(StageScore {
                votes: 0,
                place: row.place,
            });
            score.votes = score.votes.saturating_add(votes);
        }
    }
    if primaries_polls.len() > 1 {
        return Err(RuleError::SeveralPrimaries {
            target: target.clone(),
            count: primaries_polls.len(),
            polls: primaries_polls.iter().map(|c| (*c).clone()).collect(),
        });
    }
    Ok(out)
}

/// The whole votes of a printed total ("1234", or "12.5" from a transfer: 12).
fn whole_votes(printed: &str) -> Option<u64> {
    printed.split(['.', '/']).next()?.trim().parse().ok()
}

#[allow(clippy::too_many_arguments)]
fn draft(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    length: u32,
    reason: &str,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    target_of(state, c, target)?;
    let rules = rules_of(state, c, target)?;
    if reason.chars().count() > MAX_TEXT {
        text("reason", reason, MAX_TEXT)?;
    }
    let existing = state.party_lists.get(&(c.clone(), target.clone()));
    if let Some(list) = existing {
        expect_draft(list, "draft_again")?;
    }
    let pool = Pool::load(state, c, target, rules)?;
    if pool.ordered.is_empty() {
        return Err(RuleError::NoRegisteredCandidates {
            target: target.clone(),
        });
    }
    let drafted = lists::draft(
        &rules.rules,
        &pool.ordered,
        pool.election_day,
        length as usize,
    )
    .map_err(|e| RuleError::ListDraftFailed {
        target: target.clone(),
        detail: e.to_string(),
    })?;
    let entries = drafted
        .candidate_ids()
        .into_iter()
        .map(|id| pool.entry(id))
        .collect::<Result<Vec<_>, _>>()?;
    let violations = pool.validate(&rules.rules, &entries)?;
    let mut text = format!(
        "drafted {} names from {} registered candidates in rating order",
        entries.len(),
        pool.ordered.len()
    );
    if drafted.displacements.is_empty() {
        text.push_str("; no one was moved");
    } else {
        for d in &drafted.displacements {
            text.push_str("; ");
            text.push_str(&d.explanation);
        }
    }
    for s in &drafted.shortfalls {
        text.push_str(&format!(
            "; the pool cannot meet \"{}\": {} needed, {} available",
            s.rule, s.needed, s.available
        ));
    }
    let moves = drafted
        .displacements
        .iter()
        .map(|d| DraftMove {
            name: pool.name(d.candidate),
            sex: pool.sex(d.candidate),
            from: count(d.from),
            to: count(d.to),
            passed_over: pool.name(d.passed_over),
            passed_over_from: pool.position(d.passed_over).map_or(0, |p| count(p + 1)),
            rules: d.rules.clone(),
        })
        .collect();
    let detail = ListChange::Drafted {
        names: count(entries.len()),
        candidates: count(pool.ordered.len()),
        moves,
        shortfalls: drafted.shortfalls.clone(),
    };
    let list = PartyList {
        campaign: c.clone(),
        target: target.clone(),
        status: ListStatus::Draft,
        revision: existing.map_or(1, |l| l.revision + 1),
        entries,
        displacements: drafted.displacements,
        shortfalls: drafted.shortfalls,
        violations,
        removed: existing.map(|l| l.removed.clone()).unwrap_or_default(),
        events: existing.map_or(0, |l| l.events),
        updated_at: at.held_at,
    };
    Ok(record_change(
        list,
        "drafted",
        (text, detail),
        reason.trim().to_string(),
        at,
    ))
}

#[allow(clippy::too_many_arguments)]
fn edit_list(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    edit: &ListEdit,
    reason: &str,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    text("reason", reason, MAX_TEXT)?;
    let rules = rules_of(state, c, target)?;
    let list = list_of(state, c, target)?;
    expect_draft(list, "edit")?;
    let pool = Pool::load(state, c, target, rules)?;
    let member = existing_member(state, edit.iin())?;
    let listed = list.entries.iter().position(|e| e.member == member.id);
    let mut entries = list.entries.clone();
    let length = entries.len();
    let (kind, mut text, detail) = match edit {
        ListEdit::Move { place, .. } => {
            let from = listed.ok_or_else(|| not_listed(member, target))?;
            let to = checked_place(*place, length)?;
            let entry = entries.remove(from);
            entries.insert(to - 1, entry);
            (
                "moved",
                format!("{} moved from place {} to {to}", member.full_name, from + 1),
                EditDetail::Moved {
                    from: count(from + 1),
                    to: count(to),
                },
            )
        }
        ListEdit::Add { place, .. } => {
            if let Some(at_place) = listed {
                return Err(RuleError::AlreadyOnList {
                    name: member.full_name.clone(),
                    place: at_place + 1,
                });
            }
            let id = pool
                .id_of(member.id)
                .ok_or_else(|| RuleError::NotRegisteredCandidate {
                    name: member.full_name.clone(),
                    target: target.clone(),
                })?;
            let to = checked_place(*place, length + 1)?;
            entries.insert(to - 1, pool.entry(id)?);
            let rated = pool.position(id).map_or(0, |p| p + 1);
            (
                "added",
                format!("{} added at place {to} (rated {rated})", member.full_name),
                EditDetail::Added {
                    place: count(to),
                    rated: count(rated),
                },
            )
        }
        ListEdit::Remove { .. } => {
            let from = listed.ok_or_else(|| not_listed(member, target))?;
            entries.remove(from);
            (
                "removed",
                format!(
                    "{} removed from place {}; those below move up",
                    member.full_name,
                    from + 1
                ),
                EditDetail::Removed {
                    place: count(from + 1),
                },
            )
        }
    };
    let violations = pool.validate(&rules.rules, &entries)?;
    text.push_str("; ");
    text.push_str(&describe_violations(&violations));
    let name = member.full_name.clone();
    let detail = match detail {
        EditDetail::Moved { from, to } => ListChange::Moved {
            name,
            from,
            to,
            violations: violations.clone(),
        },
        EditDetail::Added { place, rated } => ListChange::Added {
            name,
            place,
            rated,
            violations: violations.clone(),
        },
        EditDetail::Removed { place } => ListChange::Removed {
            name,
            place,
            violations: violations.clone(),
        },
    };
    let updated = PartyList {
        revision: list.revision + 1,
        entries,
        violations,
        updated_at: at.held_at,
        ..list.clone()
    };
    Ok(record_change(
        updated,
        kind,
        (text, detail),
        reason.trim().to_string(),
        at,
    ))
}

fn not_listed(member: &Member, target: &Code) -> RuleError {
    RuleError::NotOnList {
        name: member.full_name.clone(),
        target: target.clone(),
    }
}

fn checked_place(place: u32, last: usize) -> Result<usize, RuleError> {
    let place = place as usize;
    if place == 0 || place > last {
        return Err(RuleError::NoSuchPlace { place, last });
    }
    Ok(place)
}

/// "the list meets every rule", or each broken rule with its shortfall.
pub fn describe_violations(violations: &[Violation]) -> String {
    if violations.is_empty() {
        return "the list meets every rule".into();
    }
    let parts: Vec<String> = violations.iter().map(ToString::to_string).collect();
    format!("the list breaks: {}", parts.join("; "))
}

#[allow(clippy::too_many_arguments)]
fn withdraw(
    state: &Snapshot,
    c: &Code,
    target: &Code,
    iin: &Iin,
    cause: ListRemoval,
    decision: &str,
    at: &Stamp,
) -> Result<Vec<Change>, RuleError> {
    text("decision", decision, MAX_TEXT)?;
    let rules = rules_of(state, c, target)?;
    let list = list_of(state, c, target)?;
    if !matches!(list.status, ListStatus::Approved { .. }) {
        return Err(RuleError::ListNotApproved {
            target: target.clone(),
        });
    }
    let member = existing_member(state, iin)?;
    if !list.entries.iter().any(|e| e.member == member.id) {
        return Err(not_listed(member, target));
    }
    let pool = Pool::load(state, c, target, rules)?;
    // The list as it stands: a listed candidate whose candidacy lapsed is still judged by IIN.
    let by_id: HashMap<i64, &Member> = state.members.values().map(|m| (m.id, m)).collect();
    let mut current = Vec::new();
    for e in &list.entries {
        let m = by_id.get(&e.member).ok_or_else(|| {
            RuleError::internal(format!("member {} of the list was not loaded", e.member))
        })?;
        current.push(Candidate::from_iin(
            i64::from(e.candidate_number),
            m.full_name.clone(),
            m.iin,
            e.rating,
        ));
    }
    let leaving = list
        .entries
        .iter()
        .find(|e| e.member == member.id)
        .map_or(0, |e| i64::from(e.candidate_number));
    let remaining: Vec<Candidate> = pool
        .ordered
        .iter()
        .filter(|candidate| {
            pool.members
                .get(&candidate.id)
                .is_some_and(|m| !list.removed.contains(&m.id) && m.id != member.id)
        })
        .cloned()
        .collect();
    let replaced = lists::replacement(
        &rules.rules,
        &current,
        leaving,
        &remaining,
        pool.election_day,
    )
    .map_err(|e| RuleError::ListDraftFailed {
        target: target.clone(),
        detail: e.to_string(),
    })?;
    let mut entries = list.entries.clone();
    let index = replaced.place - 1;
    let mut text = format!(
        "{} {} (place {})",
        member.full_name,
        match cause {
            ListRemoval::Withdrew => "withdrew",
            ListRemoval::Disqualified => "was disqualified",
        },
        replaced.place
    );
    let mut replacement = None;
    match replaced.candidate {
        Some(id) => {
            let entry = pool.entry(id)?;
            replacement = Some(Successor {
                name: pool.name(id),
                rated: entry.rating_position,
            });
            text.push_str(&format!(
                "; place {} goes to {} (rated {}), the highest-rated remaining candidate who keeps the rules the list met",
                replaced.place,
                pool.name(id),
                entry.rating_position
            ));
            if let Some(slot) = entries.get_mut(index) {
                *slot = entry;
            }
        }
        None => {
            text.push_str(
                "; no candidate is left to take the place, so it is struck and those below move up",
            );
            if index < entries.len() {
                entries.remove(index);
            }
        }
    }
    text.push_str("; ");
    text.push_str(&describe_violations(&replaced.violations));
    let mut removed = list.removed.clone();
    removed.push(member.id);
    let updated = PartyList {
        revision: list.revision + 1,
        entries,
        violations: replaced.violations,
        removed,
        updated_at: at.held_at,
        ..list.clone()
    };
    let kind = match cause {
        ListRemoval::Withdrew => "withdrawn",
        ListRemoval::Disqualified => "disqualified",
    };
    let detail = ListChange::Left {
        name: member.full_name.clone(),
        disqualified: cause == ListRemoval::Disqualified,
        place: count(replaced.place),
        replacement,
        violations: updated.violations.clone(),
    };
    Ok(record_change(
        updated,
        kind,
        (text, detail),
        decision.trim().to_string(),
        at,
    ))
}

/// What an edit did, before the list's new violations are known.
enum EditDetail {
    Moved { from: u32, to: u32 },
    Added { place: u32, rated: u32 },
    Removed { place: u32 },
}

/// A count or place as recorded (lists are far below `u32::MAX` names).
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The list and the event that explains the change: `(text, detail)` is the English sentence
/// recorded since the first version and the same change as data.
fn record_change(
    mut list: PartyList,
    kind: &str,
    (text, detail): (String, ListChange),
    reason: String,
    at: &Stamp,
) -> Vec<Change> {
    list.events += 1;
    let event = ListEvent {
        campaign: list.campaign.clone(),
        target: list.target.clone(),
        number: list.events,
        seq: at.seq,
        at: at.held_at,
        actor: at.actor.to_string(),
        kind: kind.to_string(),
        text,
        detail: Some(detail),
        reason,
        revision: list.revision,
    };
    vec![Change::PutList(list), Change::PutListEvent(event)]
}

/// The conference's vote on a list: checks it may be put and marks it as under vote.
#[allow(clippy::too_many_arguments)]
pub(super) fn put_list_to_vote(
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
            violations: describe_violations(&list.violations),
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
pub(super) fn list_vote_counted(
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
pub(super) fn list_vote_cancelled(
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
