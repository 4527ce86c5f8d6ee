//! The party lists of the demo (October–December 2020): the 2020 rules of every list, the drafts the conferences approve, one organizer's edit, and the withdrawals of December.
//!
//! - **rules** (6 Oct, after the primaries' count): `set_list_rules` for every list with the
//!   2020 defaults ([`ListRules::kazakhstan_2020`]: at least the seats, at most 30 % more; the
//!   law's 30 % women or under 29, the party's 30 % women and 20 % under 35). A district or city
//!   list is drafted on its primaries alone (`primaries_then_conference`: no conference rates
//!   it); the regional maslikhat list and the Mazhilis nominees put the delegates' rating vote
//!   first (`conference_then_primaries`), the primaries breaking its ties and ranking those the
//!   conferences did not vote on;
//! - **the conference** that approves each list (a district or city conference for its
//!   maslikhat, the regional conference for the regional list and the Mazhilis nominees) drafts
//!   it at its longest (the seats and the reserve, or the whole pool if smaller), and puts it to
//!   the vote by name of its revision ([`crate::ladder_with_lists`] runs this inside the
//!   meeting). At one district conference the organizer first moves a candidate up a place, with
//!   the reason;
//! - **December**: a candidate on a district list withdraws (2 Dec) and one on another is
//!   disqualified (7 Dec); each place goes to the replacement core finds.
//!
//! [`ListPlan`] gives the commands; [`expected_lists`] recomputes, with core's own drafting
//! rules, what the lists will be, so that the withdrawals name candidates who are on them and
//! the demo can say what it built.

use crate::primaries::{DemoCast, PrimariesPlan, primaries_poll_code};
use crate::rating_votes::{RatingVotes, rating_votes};
use crate::rng::Rng;
use crate::{ELECTION_DAY, HELD_AT, Scale, TIME_ZONE, campaign_commands, geo};
use jiff::Timestamp;
use jiff::civil::date;
use jiff::tz::TimeZone;
use mandat_core::command::{
    CreatePoll, DraftList, EditList, EnterStationReturn, FreezeRoll, OpenPoll, SetListRules,
    SetTarget, WithdrawFromList,
};
use mandat_core::command::{ListEdit, ListRemoval};
use mandat_core::lists::{self, Candidate, ListRules, Precedence, RatingInputs};
use mandat_core::{Body, Code, Command, Envelope, Iin};
use std::collections::{BTreeMap, HashMap};

/// What a conference does with one list: the draft, perhaps an edit, then the vote on `revision`.
#[derive(Clone, Debug, PartialEq)]
pub struct ListSpec {
    pub target: Code,
    /// The list's organizer, who drafts and edits it (`organizer:ALM-AKSU`).
    pub actor: String,
    /// `draft_list`.
    pub draft: Command,
    /// `edit_list`, at one district conference.
    pub edit: Option<Command>,
    /// The revision the delegates vote on (1 after the draft, 2 after an edit).
    pub revision: u32,
    /// Drafted from the conferences' rating votes (the regional conference's lists): its part of
    /// the conference comes after those votes are counted.
    pub rated_by_conferences: bool,
}

/// The list commands of the demo, before the conferences.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListPlan {
    /// `set_list_rules` for every list with a primaries poll, on 6 Oct 2020, in target order.
    pub rules: Vec<Envelope>,
    /// What the approving conference does, by target code.
    pub conferences: BTreeMap<String, ListSpec>,
}

/// A list as core will draft, approve and change it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedList {
    pub target: Code,
    /// Place 1 first, as approved.
    pub approved: Vec<Iin>,
    /// The draft's displacements, in words.
    pub displacements: Vec<String>,
    /// Place 1 first, after the withdrawals of December.
    pub after_withdrawals: Vec<Iin>,
}

/// A withdrawal from an approved list and the replacement core will find.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedWithdrawal {
    pub target: Code,
    pub leaving: Iin,
    pub cause: ListRemoval,
    pub place: usize,
    /// `None` when nobody is left to take the place.
    pub replacement: Option<Iin>,
}

/// The lists of the demo as they will stand, and the December withdrawals that change them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListOutcome {
    pub lists: Vec<ExpectedList>,
    pub withdrawals: Vec<ExpectedWithdrawal>,
    /// `withdraw_from_list` in December, in time order.
    pub commands: Vec<Envelope>,
}

/// A party list of the campaign, as `set_target` made it.
struct TargetInfo {
    code: Code,
    body: Body,
    seats: u32,
    unit: Code,
}

/// One name in a list's pool: the candidacy number and the option of the primaries.
struct PoolEntry {
    id: i64,
    name: String,
    iin: Iin,
    option: String,
}

/// Everything the drafts are computed from.
struct Inputs {
    campaign: Code,
    targets: Vec<TargetInfo>,
    /// By target code: the registered candidates (the options of its primaries poll).
    pools: HashMap<String, Vec<PoolEntry>>,
    /// (poll, option) → approvals online and on paper.
    primaries: HashMap<(String, String), u64>,
}

impl Inputs {
    fn new(scale: Scale, plan: &PrimariesPlan) -> Option<Inputs> {
        let campaign = Code::parse(scale.campaign_code()).ok()?;
        let targets = campaign_commands(scale)
            .into_iter()
            .filter_map(|env| match env.command {
                Command::SetTarget(SetTarget {
                    code,
                    body,
                    seats,
                    electorate_unit,
                    ..
                }) => Some(TargetInfo {
                    code,
                    body,
                    seats,
                    unit: electorate_unit,
                }),
                _ => None,
            })
            .collect();
        let mut pools: HashMap<String, Vec<PoolEntry>> = HashMap::new();
        for env in &plan.before_vote {
            if let Command::CreatePoll(CreatePoll {
                target: Some(target),
                meeting: None,
                options,
                ..
            }) = &env.command
            {
                let entries = options
                    .iter()
                    .filter_map(|o| {
                        Some(PoolEntry {
                            // The demo's options are `c{candidacy number}`.
                            id: o.code.strip_prefix('c')?.parse().ok()?,
                            name: o.label.clone(),
                            iin: o.candidate?,
                            option: o.code.clone(),
                        })
                    })
                    .collect();
                pools.insert(target.to_string(), entries);
            }
        }
        let mut primaries: HashMap<(String, String), u64> = plan
            .casts
            .approvals()
            .into_iter()
            .map(|((poll, option), n)| ((poll.to_string(), option.to_string()), n))
            .collect();
        for env in &plan.after_close {
            if let Command::EnterStationReturn(EnterStationReturn {
                poll, per_option, ..
            }) = &env.command
            {
                for (option, n) in per_option {
                    *primaries
                        .entry((poll.to_string(), option.clone()))
                        .or_default() += n;
                }
            }
        }
        Some(Inputs {
            campaign,
            targets,
            pools,
            primaries,
        })
    }

    /// The pool of a target in rating order, with the conference's votes when it has any.
    fn ordered(&self, target: &TargetInfo, conference: &HashMap<Iin, u64>) -> Vec<Candidate> {
        let Some(pool) = self.pools.get(target.code.as_str()) else {
            return Vec::new();
        };
        let poll = primaries_poll_code(target.code.as_str());
        let candidates: Vec<Candidate> = pool
            .iter()
            .map(|e| {
                let votes = self
                    .primaries
                    .get(&(poll.clone(), e.option.clone()))
                    .copied()
                    .unwrap_or(0);
                Candidate::from_iin(
                    e.id,
                    e.name.clone(),
                    e.iin,
                    RatingInputs {
                        primaries_votes: Some(votes),
                        conference_votes: conference.get(&e.iin).copied(),
                    },
                )
            })
            .collect();
        lists::rating_order(&candidates, precedence(target.body))
    }

    fn iin_of(&self, target: &TargetInfo, id: i64) -> Option<Iin> {
        self.pools
            .get(target.code.as_str())?
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.iin)
    }
}

/// The congress's national list (national scale): its rules with the others, and its draft at
/// the congress from every region's Mazhilis nominees the plan has a conference approve, at the
/// seats and the whole reserve or all of them if fewer.
fn national_list(inputs: &Inputs, out: &mut ListPlan, at: Timestamp) {
    let Some(target) = inputs
        .targets
        .iter()
        .find(|t| t.code.as_str() == crate::NATIONAL_LIST)
    else {
        return;
    };
    let pool: u32 = out
        .conferences
        .values()
        .filter(|spec| {
            inputs
                .targets
                .iter()
                .any(|t| t.code == spec.target && t.body == Body::Mazhilis)
        })
        .filter_map(|spec| match &spec.draft {
            Command::DraftList(d) => Some(d.length),
            _ => None,
        })
        .sum();
    let rules = ListRules::kazakhstan_2020(target.seats);
    out.rules.push(rules_envelope(inputs, target, &rules, at));
    let Some(length) = length(&rules, pool as usize) else {
        return;
    };
    let reason = format!(
        "Проект республиканского списка из кандидатов, выдвинутых областными конференциями: место за местом, в пределах места — по доле голосов праймериз в своём списке; {length} кандидатов ({} мандатов и резерв)",
        target.seats
    );
    out.conferences.insert(
        target.code.to_string(),
        approval(inputs, target, length, reason, false),
    );
}

/// What the approving conference does with `target`: its organizer drafts `length` names with
/// `reason`, and the delegates vote on that first revision.
fn approval(
    inputs: &Inputs,
    target: &TargetInfo,
    length: u32,
    reason: String,
    rated_by_conferences: bool,
) -> ListSpec {
    ListSpec {
        target: target.code.clone(),
        actor: organizer(&target.unit),
        draft: Command::DraftList(DraftList {
            campaign: inputs.campaign.clone(),
            target: target.code.clone(),
            length,
            reason,
        }),
        edit: None,
        revision: 1,
        rated_by_conferences,
    }
}

/// `set_list_rules` of `target` with `rules`, by its organizer at `at`.
fn rules_envelope(
    inputs: &Inputs,
    target: &TargetInfo,
    rules: &ListRules,
    at: Timestamp,
) -> Envelope {
    Envelope {
        actor: organizer(&target.unit),
        held_at: at,
        command: Command::SetListRules(SetListRules {
            campaign: inputs.campaign.clone(),
            target: target.code.clone(),
            min_size: rules.min_size,
            max_size: rules.max_size,
            quotas: rules.quotas.clone(),
            placement: rules.placement.clone(),
            precedence: precedence(target.body),
        }),
    }
}

/// District and city lists follow their primaries; the regional conference's lists put the
/// delegates' rating vote first.
fn precedence(body: Body) -> Precedence {
    match body {
        Body::LocalMaslikhat => Precedence::PrimariesThenConference,
        Body::RegionalMaslikhat | Body::Mazhilis => Precedence::ConferenceThenPrimaries,
    }
}

/// The drafted length: the seats and the whole reserve, or the whole pool if it is smaller
/// (`None` when the pool cannot fill the seats).
fn length(rules: &ListRules, pool: usize) -> Option<u32> {
    let pool = u32::try_from(pool).ok()?;
    let length = rules.max_size.min(pool);
    (length >= rules.min_size).then_some(length)
}

fn local(month: i8, day: i8, hour: i8, minute: i8) -> Timestamp {
    let zone = TimeZone::get(TIME_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(6)));
    date(2020, month, day)
        .at(hour, minute, 0, 0)
        .to_zoned_datetime(zone)
        .map(|z| z.timestamp())
        .unwrap_or(HELD_AT)
}

fn organizer(unit: &Code) -> String {
    format!("organizer:{unit}")
}

/// `Аксуского районного филиала` for a branch, `Алматинского областного филиала` for a region.
fn unit_genitive(scale: Scale, unit: &Code) -> String {
    for region in geo::regions(scale) {
        if region.code == unit.as_str() {
            return crate::ladder::genitive(&region.names.ru);
        }
        if let Some(b) = region.branches.iter().find(|b| b.code == unit.as_str()) {
            return crate::ladder::genitive(&b.names.ru);
        }
    }
    format!("филиала {unit}")
}

/// The rules of every list (set on 6 Oct 2020) and what each approving conference does.
pub fn list_plan(scale: Scale, seed: u64, plan: &PrimariesPlan) -> ListPlan {
    let mut out = ListPlan::default();
    let Some(inputs) = Inputs::new(scale, plan) else {
        return out;
    };
    let mut at = local(10, 6, 10, 0);
    let mut drafted: Vec<(&TargetInfo, Vec<Candidate>, Vec<i64>)> = Vec::new();
    for target in &inputs.targets {
        let ordered = inputs.ordered(target, &HashMap::new());
        if ordered.is_empty() {
            continue;
        }
        let rules = ListRules::kazakhstan_2020(target.seats);
        at += jiff::SignedDuration::from_secs(40);
        out.rules.push(rules_envelope(&inputs, target, &rules, at));
        let Some(length) = length(&rules, ordered.len()) else {
            continue;
        };
        let basis = match target.body {
            Body::LocalMaslikhat => "по рейтингу праймериз",
            Body::RegionalMaslikhat | Body::Mazhilis => {
                "по рейтинговому голосованию делегатов конференций, при равенстве голосов и далее — по рейтингу праймериз"
            }
        };
        let reason = format!(
            "Проект списка {basis}: {length} кандидатов ({} мандатов и резерв)",
            target.seats
        );
        out.conferences.insert(
            target.code.to_string(),
            approval(
                &inputs,
                target,
                length,
                reason,
                target.body != Body::LocalMaslikhat,
            ),
        );
        if target.body == Body::LocalMaslikhat
            && let Ok(d) = lists::draft(&rules, &ordered, ELECTION_DAY, length as usize)
        {
            drafted.push((target, ordered, d.candidate_ids()));
        }
    }
    national_list(&inputs, &mut out, at + jiff::SignedDuration::from_secs(40));
    // At one district conference the organizer moves the third name up a place. With no
    // placement rule the quotas count the whole list, so the move keeps every rule.
    let mut rng = Rng::new(seed, "lists:edit");
    if !drafted.is_empty() {
        let (target, _, ids) = &drafted[rng.index(drafted.len())];
        if let (Some(&id), Some(spec)) = (ids.get(2), out.conferences.get_mut(target.code.as_str()))
            && let Some(iin) = inputs.iin_of(target, id)
        {
            spec.edit = Some(Command::EditList(EditList {
                campaign: inputs.campaign.clone(),
                target: target.code.clone(),
                edit: ListEdit::Move { iin, place: 2 },
                reason: format!(
                    "Предложение бюро политического совета {}: кандидат — председатель общественного совета района, второе место по согласию кандидата, стоявшего на нём",
                    unit_genitive(scale, &target.unit)
                ),
            }));
            spec.revision = 2;
        }
    }
    out
}

/// The lists as core will draft and approve them from the primaries `plan`, the conferences'
/// `rating` votes and the `lists` commands, and the withdrawals of December.
pub fn expected_lists(
    scale: Scale,
    seed: u64,
    plan: &PrimariesPlan,
    lists_plan: &ListPlan,
    rating: &RatingVotes,
) -> ListOutcome {
    let mut out = ListOutcome::default();
    let Some(inputs) = Inputs::new(scale, plan) else {
        return out;
    };
    // The conferences' approvals per target (summed over their polls).
    let mut poll_target: HashMap<&Code, &Code> = HashMap::new();
    for (_, env) in &rating.inserts {
        if let Command::CreatePoll(CreatePoll {
            code,
            target: Some(target),
            ..
        }) = &env.command
        {
            poll_target.insert(code, target);
        }
    }
    let mut conference: HashMap<&Code, HashMap<Iin, u64>> = HashMap::new();
    let options: HashMap<(&Code, &str), Iin> = rating
        .inserts
        .iter()
        .filter_map(|(_, env)| match &env.command {
            Command::CreatePoll(CreatePoll { code, options, .. }) => Some((code, options)),
            _ => None,
        })
        .flat_map(|(code, options)| {
            options
                .iter()
                .filter_map(move |o| Some(((code, o.code.as_str()), o.candidate?)))
        })
        .collect();
    for c in &rating.casts {
        let Some(target) = poll_target.get(&c.poll) else {
            continue;
        };
        let votes = conference.entry(target).or_default();
        for option in c.content.0.iter().flatten() {
            if let Some(iin) = options.get(&(&c.poll, option.as_str())) {
                *votes.entry(*iin).or_default() += 1;
            }
        }
        // A candidate on a ballot whom nobody marked still took part (0 votes).
    }
    for ((poll, _), iin) in &options {
        if let Some(target) = poll_target.get(poll) {
            conference
                .entry(target)
                .or_default()
                .entry(*iin)
                .or_default();
        }
    }

    struct Drafted<'t> {
        target: &'t TargetInfo,
        rules: ListRules,
        ordered: Vec<Candidate>,
        list: Vec<Candidate>,
    }
    let empty = HashMap::new();
    let mut drafted: Vec<Drafted> = Vec::new();
    for target in &inputs.targets {
        let Some(spec) = lists_plan.conferences.get(target.code.as_str()) else {
            continue;
        };
        let Command::DraftList(DraftList { length, .. }) = &spec.draft else {
            continue;
        };
        let votes = conference.get(&target.code).unwrap_or(&empty);
        let ordered = inputs.ordered(target, votes);
        let rules = ListRules::kazakhstan_2020(target.seats);
        let Ok(draft) = lists::draft(&rules, &ordered, ELECTION_DAY, *length as usize) else {
            continue;
        };
        let mut list: Vec<Candidate> = draft
            .candidate_ids()
            .iter()
            .filter_map(|id| ordered.iter().find(|c| c.id == *id).cloned())
            .collect();
        if let Some(Command::EditList(EditList {
            edit: ListEdit::Move { iin, place },
            ..
        })) = &spec.edit
            && let Some(from) = list
                .iter()
                .position(|c| inputs.iin_of(target, c.id) == Some(*iin))
        {
            let moved = list.remove(from);
            let to = (*place as usize).clamp(1, list.len() + 1);
            list.insert(to - 1, moved);
        }
        out.lists.push(ExpectedList {
            target: target.code.clone(),
            approved: list
                .iter()
                .filter_map(|c| inputs.iin_of(target, c.id))
                .collect(),
            displacements: draft
                .displacements
                .iter()
                .map(|d| d.explanation.clone())
                .collect(),
            after_withdrawals: Vec::new(),
        });
        drafted.push(Drafted {
            target,
            rules,
            ordered,
            list,
        });
    }

    // December: on a district list with displacements a candidate the quotas moved up
    // withdraws (so the replacement must keep the quota); on another one a candidate is
    // disqualified.
    let mut rng = Rng::new(seed, "lists:withdrawals");
    let districts: Vec<usize> = (0..drafted.len())
        .filter(|&i| drafted[i].target.body == Body::LocalMaslikhat && drafted[i].list.len() > 1)
        .collect();
    let displaced: Vec<usize> = districts
        .iter()
        .copied()
        .filter(|&i| !out.lists[i].displacements.is_empty())
        .collect();
    let first = if displaced.is_empty() {
        districts.first().copied()
    } else {
        Some(displaced[rng.index(displaced.len())])
    };
    let others: Vec<usize> = districts
        .iter()
        .copied()
        .filter(|&i| Some(i) != first)
        .collect();
    let second = (!others.is_empty()).then(|| others[rng.index(others.len())]);
    let plans = [
        (first, ListRemoval::Withdrew, local(12, 2, 11, 30)),
        (second, ListRemoval::Disqualified, local(12, 7, 15, 10)),
    ];
    for (index, cause, at) in plans {
        let Some(i) = index else {
            continue;
        };
        let d = &mut drafted[i];
        // The one the quotas moved up furthest, else a name in the lower half of the seats.
        let moved_up = d
            .list
            .iter()
            .enumerate()
            .filter_map(|(place, c)| {
                let rated = d.ordered.iter().position(|o| o.id == c.id)?;
                (rated > place).then_some((rated - place, c.id))
            })
            .max_by_key(|(gain, id)| (*gain, std::cmp::Reverse(*id)))
            .map(|(_, id)| id);
        let leaving = match (cause, moved_up) {
            (ListRemoval::Withdrew, Some(id)) => id,
            _ => {
                let seats = (d.target.seats as usize).min(d.list.len());
                let place = rng.index(seats.div_ceil(2)) + seats / 2;
                match d.list.get(place.min(d.list.len() - 1)) {
                    Some(c) => c.id,
                    None => continue,
                }
            }
        };
        let remaining: Vec<Candidate> = d
            .ordered
            .iter()
            .filter(|c| c.id != leaving)
            .cloned()
            .collect();
        let Ok(replaced) = lists::replacement(&d.rules, &d.list, leaving, &remaining, ELECTION_DAY)
        else {
            continue;
        };
        let Some(leaving_iin) = inputs.iin_of(d.target, leaving) else {
            continue;
        };
        let index = replaced.place - 1;
        match replaced.candidate {
            Some(id) => {
                if let (Some(slot), Some(c)) =
                    (d.list.get_mut(index), d.ordered.iter().find(|c| c.id == id))
                {
                    *slot = c.clone();
                }
            }
            None => {
                if index < d.list.len() {
                    d.list.remove(index);
                }
            }
        }
        let branch = unit_genitive(scale, &d.target.unit);
        let decision = match cause {
            ListRemoval::Withdrew => format!(
                "Заявление кандидата от 1 декабря 2020 года о снятии своей кандидатуры по состоянию здоровья; решение бюро политического совета {branch} № 58 от 2 декабря 2020 года"
            ),
            ListRemoval::Disqualified => format!(
                "Решение бюро политического совета {branch} № 61 от 7 декабря 2020 года: кандидат исключён из списка, не представив в срок декларацию о доходах и имуществе"
            ),
        };
        out.commands.push(Envelope {
            actor: organizer(&d.target.unit),
            held_at: at,
            command: Command::WithdrawFromList(WithdrawFromList {
                campaign: inputs.campaign.clone(),
                target: d.target.code.clone(),
                iin: leaving_iin,
                cause,
                decision,
            }),
        });
        out.withdrawals.push(ExpectedWithdrawal {
            target: d.target.code.clone(),
            leaving: leaving_iin,
            cause,
            place: replaced.place,
            replacement: replaced
                .candidate
                .and_then(|id| inputs.iin_of(d.target, id)),
        });
    }
    for (expected, d) in out.lists.iter_mut().zip(&drafted) {
        expected.after_withdrawals = d
            .list
            .iter()
            .filter_map(|c| inputs.iin_of(d.target, c.id))
            .collect();
    }
    out
}

/// November and December of the whole demo, in three steps: the commands up to the regional
/// conferences' lists, then the conferences' rating ballots and the count of every rating poll
/// (which the regional lists are drafted from), then the rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConferencePlan {
    /// The list rules (6 Oct), then the ladder with the rating polls and the district lists, up
    /// to the first list draft at a regional conference (all in time order).
    pub before_count: Vec<Envelope>,
    /// The delegates' rating ballots, sorted by time (cast after `before_count`).
    pub casts: Vec<DemoCast>,
    /// Every rating poll with the time to close and count it.
    pub count: Vec<(Code, Timestamp)>,
    /// The regional conferences' lists, the rest of the ladder, then the December withdrawals.
    pub after_count: Vec<Envelope>,
    /// What the lists will be.
    pub lists: ListOutcome,
}

/// The conference ladder with the rating votes and the party lists, for the primaries `plan`
/// of the same scale and seed. Errs (with what went wrong) if the generator's parts disagree.
pub fn conference_plan(
    scale: Scale,
    seed: u64,
    plan: &PrimariesPlan,
) -> Result<ConferencePlan, String> {
    let lists_plan = list_plan(scale, seed, plan);
    let ladder = crate::ladder_with_lists(scale, seed, &lists_plan);
    let rating = rating_votes(scale, seed, plan, &ladder);
    let lists = expected_lists(scale, seed, plan, &lists_plan, &rating);
    let mut merged =
        Vec::with_capacity(lists_plan.rules.len() + ladder.len() + rating.inserts.len());
    merged.extend(lists_plan.rules.iter().cloned());
    let mut inserts = rating.inserts.iter().peekable();
    for (i, env) in ladder.into_iter().enumerate() {
        merged.push(env);
        while let Some((_, insert)) = inserts.next_if(|(at, _)| *at == i) {
            merged.push(insert.clone());
        }
    }
    if inserts.peek().is_some() {
        return Err("the rating votes point past the ladder".into());
    }
    let rated: Vec<&Code> = lists_plan
        .conferences
        .values()
        .filter(|spec| spec.rated_by_conferences)
        .map(|spec| &spec.target)
        .collect();
    let split = merged
        .iter()
        .position(|env| matches!(&env.command, Command::DraftList(DraftList { target, .. }) if rated.contains(&target)))
        .unwrap_or(merged.len());
    let after_count: Vec<Envelope> = merged.split_off(split);
    let polls: Vec<&Code> = rating.count.iter().map(|(poll, _)| poll).collect();
    if let Some(late) = after_count.iter().find(|env| match &env.command {
        Command::CreatePoll(CreatePoll { code: poll, .. })
        | Command::FreezeRoll(FreezeRoll { poll })
        | Command::OpenPoll(OpenPoll { poll }) => polls.contains(&poll),
        _ => false,
    }) {
        return Err(format!(
            "a rating poll is opened after the regional lists are drafted: {}",
            late.command.name()
        ));
    }
    let mut after_count = after_count;
    after_count.extend(lists.commands.iter().cloned());
    Ok(ConferencePlan {
        before_count: merged,
        casts: rating.casts,
        count: rating.count,
        after_count,
        lists,
    })
}
