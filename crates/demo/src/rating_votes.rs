//! The conference rating votes of the demo (November 2020).
//!
//! At every district and city conference the delegates rate the branch's candidates for the
//! regional maslikhat list after a debate, all of it recorded: the branches' quotas of that list
//! (`set_debate_quotas` on 2 Nov: its places shared on membership, largest remainder), the
//! invitations by the primaries rating (`invite_to_debate` on 9 Nov: two per place, ties at the
//! cut included), the answers (in each region one invitee refuses), the debate at the opening of
//! the conference (`record_debate`), and on the ballot exactly those who took part. At the regional conference the delegates rate
//! the top two per seat of the region's mazhilis candidates. Each vote is an approval poll of the
//! delegates checked in, with the list it rates as its target (its count is the list's conference
//! rating), created, frozen and opened a minute after the conference opens and closed a minute
//! before it closes; at a regional conference that drafts its lists
//! ([`crate::ladder_with_lists`]) it closes three minutes before the first draft instead, so that
//! it is counted first. About 90 % of the delegates vote, favouring the primaries' leaders.

use crate::ladder::meeting_code;
use crate::primaries::{DemoCast, PrimariesPlan, primaries_poll_code};
use crate::rng::Rng;
use crate::{ACTOR, Scale};
use jiff::{SignedDuration, Timestamp};
use mandat_core::ballot::BallotContent;
use mandat_core::command::OptionSpec;
use mandat_core::command::{
    AnswerDebateInvitation, CheckIn, CheckOut, CloseMeeting, CreatePoll, CreateUnit, DebateMark,
    DraftList, FreezeRoll, InvitationAnswer, InviteToDebate, OpenMeeting, OpenPoll, RecordDebate,
    RegisterMember, SetDebateQuotas, SetTarget,
};
use mandat_core::count::{Apportionment, Method};
use mandat_core::poll::DebateAttendance;
use mandat_core::poll::{BoardMode, Electorate};
use mandat_core::primaries::{DEFAULT_DEBATERS_PER_PLACE, branch_quotas, debaters_for};
use mandat_core::{Code, Command, Envelope, Iin, UnitKind};
use std::collections::{HashMap, HashSet};

/// The rating votes of the conferences, to merge into the ladder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RatingVotes {
    /// Commands to insert into the ladder right after the entry at the index (`create_poll`,
    /// `freeze_roll`, `open_poll`), in this order for equal indexes.
    pub inserts: Vec<(usize, Envelope)>,
    /// The delegates' ballots, sorted by time.
    pub casts: Vec<DemoCast>,
    /// Every rating poll with the time to close and count it (after its close).
    pub count: Vec<(Code, Timestamp)>,
}

/// What the ladder says about one conference.
#[derive(Default)]
struct Scan {
    open: Option<Timestamp>,
    close: Option<Timestamp>,
}

/// When the lists of the regional conference are first drafted ([`crate::ladder_with_lists`]).
fn first_drafts(ladder: &[Envelope]) -> HashMap<&Code, Timestamp> {
    let mut out: HashMap<&Code, Timestamp> = HashMap::new();
    for env in ladder {
        if let Command::DraftList(DraftList { target, .. }) = &env.command {
            out.entry(target).or_insert(env.held_at);
        }
    }
    out
}

/// One rating vote to plan.
struct Vote {
    poll: Code,
    title: String,
    /// The list the vote rates.
    target: Code,
    meeting: Code,
    seats: u32,
    options: Vec<(OptionSpec, u64)>,
    /// The vote closes before this (the conference's first list draft), if the ladder has one.
    before: Option<Timestamp>,
    /// The debate before a branch conference's vote: its code, the branch, and the invitee who
    /// refuses (if any); the others take part and are the options.
    debate: Option<(Code, Code, Option<usize>)>,
}

/// 2020-11-`day` at `hour`:`minute` in Almaty.
fn november(day: i8, hour: i8, minute: i8) -> Timestamp {
    let zone = jiff::tz::TimeZone::get(crate::TIME_ZONE)
        .unwrap_or_else(|_| jiff::tz::TimeZone::fixed(jiff::tz::offset(6)));
    jiff::civil::date(2020, 11, day)
        .at(hour, minute, 0, 0)
        .to_zoned_datetime(zone)
        .map(|z| z.timestamp())
        .unwrap_or(crate::HELD_AT)
}

/// The rating votes of every conference of `scale` for the registry of `seed`, the primaries
/// `plan` and the `ladder` ([`crate::ladder_commands`]).
pub fn rating_votes(
    scale: Scale,
    seed: u64,
    plan: &PrimariesPlan,
    ladder: &[Envelope],
) -> RatingVotes {
    let mut out = RatingVotes::default();
    let Ok(campaign) = Code::parse(scale.campaign_code()) else {
        return out;
    };
    // The registry: units, list seats and names, and every member's PPO.
    let mut parent: HashMap<Code, Code> = HashMap::new();
    let mut regions: Vec<Code> = Vec::new();
    let mut children: HashMap<Code, Vec<Code>> = HashMap::new();
    let mut targets: HashMap<String, (u32, String)> = HashMap::new();
    let mut member_unit: HashMap<Iin, Code> = HashMap::new();
    for env in crate::commands(scale, seed) {
        match env.command {
            Command::CreateUnit(CreateUnit {
                code,
                kind,
                parent: p,
                ..
            }) => {
                if kind == UnitKind::Region {
                    regions.push(code.clone());
                }
                if let Some(p) = p {
                    children.entry(p.clone()).or_default().push(code.clone());
                    parent.insert(code, p);
                }
            }
            Command::SetTarget(SetTarget {
                code, seats, name, ..
            }) => {
                targets.insert(code.to_string(), (seats, name));
            }
            Command::RegisterMember(RegisterMember { iin, unit, .. }) => {
                member_unit.insert(iin, unit);
            }
            _ => {}
        }
    }
    let region_set: HashSet<&Code> = regions.iter().collect();
    // The branch (a child of a region) of every unit under one.
    let branch_of = |unit: &Code| -> Option<Code> {
        let mut u = unit.clone();
        loop {
            let p = parent.get(&u)?;
            if region_set.contains(p) {
                return Some(u);
            }
            u = p.clone();
        }
    };
    let mut members_of_branch: HashMap<Code, u64> = HashMap::new();
    let mut branch_of_member: HashMap<Iin, Code> = HashMap::new();
    for (iin, unit) in &member_unit {
        if let Some(b) = branch_of(unit) {
            *members_of_branch.entry(b.clone()).or_default() += 1;
            branch_of_member.insert(*iin, b);
        }
    }
    // The primaries: the options of each poll, and their approvals online.
    let mut options_of: HashMap<&str, &[OptionSpec]> = HashMap::new();
    for env in &plan.before_vote {
        if let Command::CreatePoll(CreatePoll { code, options, .. }) = &env.command {
            options_of.insert(code.as_str(), options);
        }
    }
    let mut approvals: HashMap<(&str, &str), u64> = plan.casts.approvals();
    // The paper ballots of the polling stations count too, as in core's rating.
    for env in &plan.after_close {
        if let Command::EnterStationReturn(r) = &env.command {
            for (option, n) in &r.per_option {
                *approvals
                    .entry((r.poll.as_str(), option.as_str()))
                    .or_default() += *n;
            }
        }
    }
    // Options of a primaries poll, ranked by approvals (ties in ballot order).
    let ranked = |target: &str| -> Vec<(OptionSpec, u64)> {
        let poll = primaries_poll_code(target);
        let Some(options) = options_of.get(poll.as_str()) else {
            return Vec::new();
        };
        let mut rows: Vec<(OptionSpec, u64)> = options
            .iter()
            .map(|o| {
                let n = approvals
                    .get(&(poll.as_str(), o.code.as_str()))
                    .copied()
                    .unwrap_or(0);
                (o.clone(), n)
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1));
        rows
    };
    // The ladder: when each conference opens and closes.
    let mut scans: HashMap<Code, Scan> = HashMap::new();
    for env in ladder {
        match &env.command {
            Command::OpenMeeting(OpenMeeting { meeting }) => {
                scans.entry(meeting.clone()).or_default().open = Some(env.held_at);
            }
            Command::CloseMeeting(CloseMeeting { meeting, .. }) => {
                scans.entry(meeting.clone()).or_default().close = Some(env.held_at);
            }
            _ => {}
        }
    }

    let drafts = first_drafts(ladder);
    let mut votes: Vec<Vote> = Vec::new();
    let mut quota_commands: Vec<(Timestamp, Command)> = Vec::new();
    // Each branch debate's invitees, best rated first.
    let mut debates: Vec<(Code, Vec<(OptionSpec, u64)>)> = Vec::new();
    for region in &regions {
        let Some(branches) = children.get(region) else {
            continue;
        };
        // Branch conferences: the maslikhat list of the region.
        let list = format!("{region}.maslikhat");
        if let Some((seats, name)) = targets.get(&list) {
            // Shared as core shares them (`set_debate_quotas`): every branch, in code order.
            let mut counts: Vec<(Code, u64)> = branches
                .iter()
                .map(|b| (b.clone(), members_of_branch.get(b).copied().unwrap_or(0)))
                .collect();
            counts.sort_by(|a, b| a.0.cmp(&b.0));
            let quotas =
                branch_quotas(*seats, &counts, Apportionment::LargestRemainder).unwrap_or_default();
            if let Ok(target) = Code::parse(&list) {
                quota_commands.push((
                    november(2, 12, 0),
                    Command::SetDebateQuotas(SetDebateQuotas {
                        campaign: campaign.clone(),
                        target,
                        places: None,
                        method: None,
                        per_place: None,
                    }),
                ));
            }
            let rows = ranked(&list);
            let mut refused_in_region = false;
            for (branch, quota) in quotas {
                if quota == 0 {
                    continue;
                }
                let top = debaters_for(quota, DEFAULT_DEBATERS_PER_PLACE) as usize;
                let of_branch: Vec<(OptionSpec, u64)> = rows
                    .iter()
                    .filter(|(o, _)| {
                        o.candidate
                            .and_then(|iin| branch_of_member.get(&iin))
                            .is_some_and(|b| *b == branch)
                    })
                    .cloned()
                    .collect();
                // Core invites the top `top` and everyone tied with the last of them.
                let cut = of_branch.get(top.saturating_sub(1)).map(|r| r.1);
                let invited: Vec<(OptionSpec, u64)> = of_branch
                    .iter()
                    .enumerate()
                    .take_while(|(i, r)| *i < top || Some(r.1) == cut)
                    .map(|(_, r)| r.clone())
                    .collect();
                if invited.len() < 2 || top == 0 {
                    continue;
                }
                // In each region one invitee refuses the debate, where two others remain.
                let refuser = (!refused_in_region && invited.len() >= 3).then(|| invited.len() - 1);
                refused_in_region |= refuser.is_some();
                let options: Vec<(OptionSpec, u64)> = invited
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != refuser)
                    .map(|(_, r)| r.clone())
                    .collect();
                let Ok(debate) = Code::parse(&format!("debate-{branch}")) else {
                    continue;
                };
                debates.push((debate.clone(), invited));
                let (Ok(poll), Ok(meeting)) = (
                    Code::parse(&format!("rating-{branch}")),
                    Code::parse(&meeting_code(branch.as_str(), 1)),
                ) else {
                    continue;
                };
                let Ok(target) = Code::parse(&list) else {
                    continue;
                };
                votes.push(Vote {
                    poll,
                    title: format!("Рейтинговое голосование делегатов: {name} ({branch})"),
                    target,
                    meeting,
                    seats: quota.min(options.len() as u32),
                    options,
                    before: None,
                    debate: Some((debate, branch.clone(), refuser)),
                });
            }
        }
        // The regional conference: the mazhilis list.
        let list = format!("{region}.mazhilis");
        if let Some((seats, name)) = targets.get(&list) {
            let top = debaters_for(*seats, DEFAULT_DEBATERS_PER_PLACE) as usize;
            let options: Vec<(OptionSpec, u64)> = ranked(&list).into_iter().take(top).collect();
            if options.len() >= 2
                && *seats > 0
                && let (Ok(poll), Ok(meeting), Ok(target)) = (
                    Code::parse(&format!("rating-{region}-mazhilis")),
                    Code::parse(&meeting_code(region.as_str(), 1)),
                    Code::parse(&list),
                )
            {
                // The regional conference drafts its lists from the count of this vote (and of
                // the branch conferences'): it closes before the first of them is drafted.
                let before = [format!("{region}.maslikhat"), list.clone()]
                    .iter()
                    .filter_map(|t| Code::parse(t).ok())
                    .filter_map(|t| drafts.get(&t).copied())
                    .min();
                votes.push(Vote {
                    poll,
                    title: format!("Рейтинговое голосование делегатов: {name}"),
                    target,
                    meeting,
                    seats: (*seats).min(options.len() as u32),
                    options,
                    before,
                    debate: None,
                });
            }
        }
    }

    for vote in votes {
        let Some(Scan {
            open: Some(opened),
            close: Some(closed),
        }) = scans.get(&vote.meeting)
        else {
            continue;
        };
        let cutoff = *opened + SignedDuration::from_mins(1);
        // Counted a minute after the close, a minute before the first draft.
        let closes = match vote.before {
            Some(draft) => (draft - SignedDuration::from_mins(2)).min(*closed),
            None => *closed,
        } - SignedDuration::from_mins(1);
        if cutoff >= closes {
            continue;
        }
        // After the last ladder entry at or before the cutoff (the ladder is sorted by time).
        let at = ladder.partition_point(|e| e.held_at <= cutoff);
        let Some(index) = at.checked_sub(1) else {
            continue;
        };
        // Who is present at the freeze: checked in (by IIN) and not checked out.
        let mut present: Vec<Iin> = Vec::new();
        for env in &ladder[..at] {
            match &env.command {
                Command::CheckIn(CheckIn {
                    meeting,
                    iin: Some(iin),
                    ..
                }) if *meeting == vote.meeting && !present.contains(iin) => present.push(*iin),
                Command::CheckOut(CheckOut {
                    meeting,
                    iin: Some(iin),
                    ..
                }) if *meeting == vote.meeting => present.retain(|p| p != iin),
                _ => {}
            }
        }
        if present.is_empty() {
            continue;
        }
        let specs: Vec<OptionSpec> = vote.options.iter().map(|(o, _)| o.clone()).collect();
        let push = |out: &mut RatingVotes, command: Command| {
            out.inserts.push((
                index,
                Envelope {
                    actor: ACTOR.to_string(),
                    held_at: cutoff,
                    command,
                },
            ));
        };
        if let Some((debate, branch, refuser)) = &vote.debate {
            let invited = debates
                .iter()
                .find(|(d, _)| d == debate)
                .map(|(_, invited)| invited.as_slice())
                .unwrap_or_default();
            debate_commands(
                &mut out,
                ladder,
                &campaign,
                &vote,
                (debate, branch, *refuser),
                invited,
                *opened,
            );
        }
        push(
            &mut out,
            Command::CreatePoll(CreatePoll {
                code: vote.poll.clone(),
                campaign: campaign.clone(),
                title: vote.title,
                target: Some(vote.target),
                meeting: Some(vote.meeting.clone()),
                options: specs,
                method: Method::Approval {
                    max_choices: Some(vote.seats as usize),
                },
                seats: vote.seats,
                electorate: Electorate::CheckedIn {
                    meeting: vote.meeting.clone(),
                },
                roll_cutoff: cutoff,
                opens_at: cutoff,
                closes_at: closes,
                board: BoardMode::Sealed,
                lot_seed_hash: None,
                // The conference's own phase holds its rating vote.
                phase: None,
                debate: vote.debate.as_ref().map(|(d, _, _)| d.clone()),
            }),
        );
        push(
            &mut out,
            Command::FreezeRoll(FreezeRoll {
                poll: vote.poll.clone(),
            }),
        );
        push(
            &mut out,
            Command::OpenPoll(OpenPoll {
                poll: vote.poll.clone(),
            }),
        );
        // About 90 % of those present vote, each approving one to `seats` options.
        let mut rng = Rng::new(seed, &format!("rating:{}", vote.poll));
        let weights: Vec<u32> = vote
            .options
            .iter()
            .map(|(_, n)| u32::try_from(*n).unwrap_or(u32::MAX / 2).saturating_add(1))
            .collect();
        let span = (closes - cutoff).as_secs().max(2);
        for voter in present {
            if !rng.chance(900) {
                continue;
            }
            let wanted = (rng.between(1, i64::from(vote.seats)) as usize).min(weights.len());
            let mut picks: Vec<usize> = Vec::with_capacity(wanted);
            for _ in 0..wanted * 12 {
                if picks.len() == wanted {
                    break;
                }
                let p = rng.weighted(&weights);
                if !picks.contains(&p) {
                    picks.push(p);
                }
            }
            picks.sort_unstable();
            let at = cutoff + SignedDuration::from_secs(rng.between(1, span - 1));
            out.casts.push(DemoCast {
                poll: vote.poll.clone(),
                voter,
                content: BallotContent(vec![
                    picks
                        .into_iter()
                        .map(|p| vote.options[p].0.code.clone())
                        .collect(),
                ]),
                at,
            });
        }
        out.count
            .push((vote.poll, closes + SignedDuration::from_mins(1)));
    }
    for (at, command) in quota_commands {
        insert_at(&mut out, ladder, at, command);
    }
    out.inserts.sort_by_key(|(i, e)| (*i, e.held_at));
    out.casts.sort_by_key(|c| c.at);
    out.count.sort_by_key(|(_, t)| *t);
    out
}

/// Inserts `command` at `at` after the last ladder entry not later than it.
fn insert_at(out: &mut RatingVotes, ladder: &[Envelope], at: Timestamp, command: Command) {
    let index = ladder
        .partition_point(|e| e.held_at <= at)
        .saturating_sub(1);
    out.inserts.push((
        index,
        Envelope {
            actor: ACTOR.to_string(),
            held_at: at,
            command,
        },
    ));
}

/// The debate before a branch conference's rating vote: the invitations by rating on 9 Nov,
/// the answers (one refusal in the region), and the debate at the opening of the conference,
/// the others taking part.
fn debate_commands(
    out: &mut RatingVotes,
    ladder: &[Envelope],
    campaign: &Code,
    vote: &Vote,
    (debate, branch, refuser): (&Code, &Code, Option<usize>),
    invited: &[(OptionSpec, u64)],
    opened: Timestamp,
) {
    let Ok(phase) = Code::parse(crate::BRANCH_PHASE) else {
        return;
    };
    insert_at(
        out,
        ladder,
        november(9, 10, 0),
        Command::InviteToDebate(InviteToDebate {
            code: debate.clone(),
            campaign: campaign.clone(),
            target: vote.target.clone(),
            unit: branch.clone(),
            starts_at: opened,
            streams: Vec::new(),
            phase: Some(phase),
        }),
    );
    let mut marks = Vec::new();
    for (i, (option, _)) in invited.iter().enumerate() {
        let Some(iin) = option.candidate else {
            continue;
        };
        let refuses = Some(i) == refuser;
        insert_at(
            out,
            ladder,
            november(9, 15, 0) + SignedDuration::from_mins(i as i64),
            Command::AnswerDebateInvitation(AnswerDebateInvitation {
                debate: debate.clone(),
                iin,
                answer: if refuses {
                    InvitationAnswer::Refused
                } else {
                    InvitationAnswer::Accepted
                },
                statement: if refuses {
                    "Заявление кандидата: отказываюсь от участия в дебатах по семейным обстоятельствам".into()
                } else {
                    String::new()
                },
            }),
        );
        if !refuses {
            marks.push(DebateMark {
                iin,
                attendance: DebateAttendance::TookPart,
            });
        }
    }
    insert_at(
        out,
        ladder,
        opened + SignedDuration::from_secs(30),
        Command::RecordDebate(RecordDebate {
            debate: debate.clone(),
            recording: None,
            attendance: marks,
        }),
    );
}
