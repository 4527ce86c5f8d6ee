//! The rules of party lists, by stage; here what every stage shares: the list and its rules, the pool of rated candidates, and the event that records each change.

mod draft;
mod edit;
mod nominate;
mod rules;
mod vote;
mod withdraw;

pub(super) use withdraw::left_the_party;

pub(super) use vote::{list_vote_cancelled, list_vote_counted, put_list_to_vote};

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
use crate::poll::{CandidacyStatus, NominatedBy, PollStatus};
use crate::primaries::Ratings;
use crate::state::{Change, Snapshot};

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
        let below = ListsBelow::of(state, c, target);
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
            let mut rating = RatingInputs {
                primaries_votes: ratings.primaries.get(&x.member).map(|s| s.votes),
                conference_votes: ratings.conference.get(&x.member).map(|s| s.votes),
            };
            if let Some(s) = ratings.primaries.get(&x.member) {
                primaries_place.insert(id, s.place);
            }
            // A name put forward by a list below carries its rating from there.
            if let Some(entry) = below.entry(&x.nominated_by, x.member) {
                rating = entry.rating;
                if let Some(place) = entry.primaries_place {
                    primaries_place.insert(id, place);
                }
            }
            candidates.push(Candidate::from_iin(
                id,
                member.full_name.clone(),
                member.iin,
                rating,
            ));
            members.insert(id, (*member).clone());
        }
        let ordered = if below.is_empty() {
            lists::rating_order(&candidates, rules.precedence)
        } else {
            below.order(&candidates, state, c, target)
        };
        Ok(Pool {
            election_day,
            ordered,
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

/// The approved lists below whose names were put forward to a list (`nominate_from_list`).
struct ListsBelow<'a> {
    lists: HashMap<&'a Code, &'a PartyList>,
}

impl<'a> ListsBelow<'a> {
    fn of(state: &'a Snapshot, c: &Code, target: &Code) -> ListsBelow<'a> {
        let lists = state
            .candidacies
            .range((c.clone(), target.clone(), i64::MIN)..=(c.clone(), target.clone(), i64::MAX))
            .filter_map(|(_, x)| match &x.nominated_by {
                NominatedBy::List { target: from, .. } => Some(from),
                _ => None,
            })
            .filter_map(|from| {
                state
                    .party_lists
                    .get(&(c.clone(), from.clone()))
                    .map(|l| (&l.target, l))
            })
            .collect();
        ListsBelow { lists }
    }

    fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    fn entry(&self, nominated_by: &NominatedBy, member: i64) -> Option<&'a ListEntry> {
        let NominatedBy::List { target, .. } = nominated_by else {
            return None;
        };
        self.lists
            .get(target)?
            .entries
            .iter()
            .find(|e| e.member == member)
    }

    /// The order of a list drafted from the lists below: place by place (every list's first
    /// names, then every list's second names, …), and within a place by the share of the
    /// primaries votes the name won among all the names of its own list, so that a big region
    /// does not outrank a small one by its size; then the earlier nomination. Names nominated
    /// otherwise come after all of them, by nomination.
    fn order(
        &self,
        candidates: &[Candidate],
        state: &Snapshot,
        c: &Code,
        target: &Code,
    ) -> Vec<Candidate> {
        let totals: HashMap<&Code, u64> = self
            .lists
            .iter()
            .map(|(code, list)| {
                let total = list
                    .entries
                    .iter()
                    .filter_map(|e| e.rating.primaries_votes)
                    .sum::<u64>();
                (*code, total)
            })
            .collect();
        let by_number: HashMap<u32, &NominatedBy> = state
            .candidacies
            .range((c.clone(), target.clone(), i64::MIN)..=(c.clone(), target.clone(), i64::MAX))
            .map(|(_, x)| (x.number, &x.nominated_by))
            .collect();
        let key = |candidate: &Candidate| -> (u32, std::cmp::Reverse<u64>, i64) {
            let nominated = u32::try_from(candidate.id)
                .ok()
                .and_then(|n| by_number.get(&n));
            match nominated {
                Some(NominatedBy::List { target, place, .. }) => {
                    let total = totals.get(target).copied().unwrap_or(0).max(1);
                    let votes = candidate.rating.primaries_votes.unwrap_or(0);
                    let share = votes.saturating_mul(1_000_000) / total;
                    (*place, std::cmp::Reverse(share), candidate.id)
                }
                _ => (u32::MAX, std::cmp::Reverse(0), candidate.id),
            }
        };
        let mut ordered = candidates.to_vec();
        ordered.sort_by_key(key);
        ordered
    }
}

/// "the list meets every rule", or each broken rule with its shortfall.
pub fn describe_violations(violations: &[Violation]) -> String {
    if violations.is_empty() {
        return "the list meets every rule".into();
    }
    let parts: Vec<String> = violations.iter().map(ToString::to_string).collect();
    format!("the list breaks: {}", parts.join("; "))
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

fn not_listed(member: &Member, target: &Code) -> RuleError {
    RuleError::NotOnList {
        name: member.full_name.clone(),
        target: target.clone(),
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
