//! The conference ladder of the demo: PPO meetings (7–8 Nov 2020), district and city conferences (10–12 Nov), regional conferences (16 Nov), the party congress (25 Nov, national scale).
//!
//! Everything after the registry that the article describes, for every unit of the scale:
//! - `set_representation` for every branch (one delegate per N members, at least one per PPO,
//!   N chosen per branch so that its conference has about 80 delegates) and for every region (a
//!   conference of 150 to 300 delegates apportioned on membership, at least one per branch),
//!   decided by the regional bureau on 2 Nov;
//! - every PPO meeting: convened on 3 Nov, held on 7 or 8 Nov with a registration sheet
//!   (`record_attendance`, 55–85 % turnout, a few members remote when the hall is full), the
//!   credentials report, the presidium, the agenda and the slate of delegates. A few PPOs per
//!   region fail quorum on 7 Nov and are re-run on 8 Nov; one per region fails twice and is
//!   excused by the branch bureau on 9 Nov;
//! - every district and city conference on 10–12 Nov: delegates check in by IIN (a few remote,
//!   who confirm their presence or vote by name in each vote, and a few latecomers), livestreams,
//!   the procedure votes, the party-list resolution (recounted at a few conferences), a motion from
//!   the floor rejected under the majority-of-present rule at a few, and the delegates to the
//!   regional conference;
//! - every regional conference on 16 Nov, with its resolutions on the regional list and the
//!   Mazhilis nominees, and its delegates to the party congress, one per 2,000 members, under
//!   the central office's norm of 2 Nov (both scales: the central office heads the region demo);
//! - (national scale) the regions' Mazhilis nominees put forward to the national list on 17 Nov
//!   (`nominate_from_list`, with the lists), and the extraordinary congress of 25 Nov in
//!   Nur-Sultan approving the national list (or its resolution in words, without the lists).
//!
//! [`ladder_with_lists`] is the same ladder with the party lists ([`crate::list_plan`]): where a
//! conference approves a list, its organizer drafts it (and edits it, once in the region) and the
//! delegates vote on it by its revision (`party_list`, majority of those present) instead of the
//! resolution in words.
//!
//! Times are local (Asia/Almaty), minutes apart and increasing within each meeting; the whole
//! ladder is sorted by `held_at` (stably), so it can be recorded in order with `recorded_at` just
//! after each `held_at`. The same seed gives the same commands.

use crate::geo::{self, Branch, Region};
use crate::lists::{ListPlan, ListSpec};
use crate::names::{KAZAKH, full_name};

/// A speaker's name (the branch's officials and delegates who speak; their own stream of names).
fn speaker(names: &mut Rng) -> String {
    let female = names.chance(400);
    full_name(names, KAZAKH, female)
}
use crate::people::People;
use crate::rng::Rng;
use crate::{ACTOR, HELD_AT, Scale, TIME_ZONE};
use jiff::civil::date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use mandat_core::command::{
    CastNamedVote, CheckIn, CheckOut, CloseMeeting, ConfirmPresence, ConveneMeeting, CountVote,
    ExcuseUnit, FailMeeting, NominateFromList, OpenMeeting, OpenRegistration, PutToVote,
    RecordAttendance, RecordSpeaker, ReportCredentials, SetRepresentation,
};
use mandat_core::meeting::model::{
    Choice, FailureCause, Motion, Platform, Presence, Stream, Tally,
};
use mandat_core::meeting::{DecisionRule, QuorumRule, RepresentationNorm, allot};
use mandat_core::{Code, Command, Envelope, Iin, UnitKind};
use std::collections::HashMap;

/// The campaign phase of the PPO meetings.
pub const PPO_PHASE: &str = "ppo_meetings";
/// The campaign phase of the district and city conferences.
pub const BRANCH_PHASE: &str = "branch_conferences";
/// The campaign phase of the regional conferences.
pub const REGION_PHASE: &str = "regional_conference";
/// The campaign phase of the party congress (national scale).
pub const CONGRESS_PHASE: &str = "congress";
/// Members per delegate to the congress (one per 2,000: about 420 delegates for 835,000).
const CONGRESS_NORM: u64 = 2_000;

/// The code of the meeting of `unit` (a PPO, a branch or a region); `attempt` 1 is the first,
/// 2 and 3 are re-runs of a failed PPO meeting.
pub fn meeting_code(unit: &str, attempt: u32) -> String {
    if attempt <= 1 {
        format!("{unit}.2020")
    } else {
        format!("{unit}.2020-r{attempt}")
    }
}

struct PpoPlan {
    code: Code,
    members: Vec<Iin>,
}

struct BranchPlan<'t> {
    branch: &'t Branch,
    code: Code,
    /// Where its meetings are held: `Аксуский район`, `г. Текели`.
    place: String,
    /// A city branch or a district of a city: halls are urban.
    urban: bool,
    ppos: Vec<usize>,
    members: u64,
}

/// How a vote goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Adopted by a clear majority of those present.
    Adopted,
    /// Adopted; the count is challenged and entered again with other numbers.
    Recounted,
    /// 45 % for, 40 % against, 15 % abstaining: rejected under the majority of those present
    /// (it would pass under a majority of the votes cast).
    Split,
}

/// The whole ladder after the registry ([`crate::commands`]), sorted by `held_at`; the
/// conferences vote on their party lists by resolutions in words (no list is drafted).
pub fn ladder_commands(scale: Scale, seed: u64) -> Vec<Envelope> {
    ladder(scale, seed, &ListPlan::default())
}

/// The ladder with the party lists: each conference that approves a list of `lists` drafts it
/// (and edits it, where the plan says so) and votes on it by its revision, in place of the
/// resolution in words of [`ladder_commands`]. Everything else is as there.
pub fn ladder_with_lists(scale: Scale, seed: u64, lists: &ListPlan) -> Vec<Envelope> {
    ladder(scale, seed, lists)
}

fn ladder(scale: Scale, seed: u64, lists: &ListPlan) -> Vec<Envelope> {
    let tree = geo::tree(scale, seed);
    let (Ok(campaign), Ok(ppo_phase), Ok(branch_phase), Ok(region_phase)) = (
        Code::parse(scale.campaign_code()),
        Code::parse(PPO_PHASE),
        Code::parse(BRANCH_PHASE),
        Code::parse(REGION_PHASE),
    ) else {
        return Vec::new();
    };
    let zone = TimeZone::get(TIME_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(6)));

    // Branches by code, PPOs in the generator's order with their branch.
    let mut branch_index: HashMap<&str, (usize, usize)> = HashMap::new();
    for (r, region) in tree.regions.iter().enumerate() {
        for (b, branch) in region.branches.iter().enumerate() {
            branch_index.insert(branch.code.as_str(), (r, b));
        }
    }
    let mut branches: Vec<Vec<BranchPlan>> = tree
        .regions
        .iter()
        .map(|region| {
            region
                .branches
                .iter()
                .filter_map(|branch| {
                    Some(BranchPlan {
                        branch,
                        code: Code::parse(&branch.code).ok()?,
                        place: place(region, branch),
                        urban: branch.kind == UnitKind::City || region.city,
                        ppos: Vec::new(),
                        members: 0,
                    })
                })
                .collect()
        })
        .collect();
    let parent_of: HashMap<&str, &str> = tree
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::Primary)
        .filter_map(|u| Some((u.code.as_str(), u.parent.as_deref()?)))
        .collect();
    let mut ppos: Vec<PpoPlan> = Vec::with_capacity(tree.ppos.len());
    let mut ppo_index: HashMap<Code, usize> = HashMap::with_capacity(tree.ppos.len());
    for p in &tree.ppos {
        let Some((r, b)) = parent_of
            .get(p.code.as_str())
            .and_then(|parent| branch_index.get(parent))
        else {
            continue;
        };
        let Some(plan) = branches.get_mut(*r).and_then(|bs| bs.get_mut(*b)) else {
            continue;
        };
        plan.ppos.push(ppos.len());
        ppo_index.insert(p.code.clone(), ppos.len());
        ppos.push(PpoPlan {
            code: p.code.clone(),
            members: Vec::with_capacity(p.size as usize),
        });
    }
    // The members, PPO after PPO (the registry's own stream, so the IINs are those registered).
    let mut current: Option<(Code, usize)> = None;
    for person in People::new(scale, seed, None) {
        let index = match &current {
            Some((code, i)) if *code == person.unit => *i,
            _ => {
                let Some(i) = ppo_index.get(&person.unit).copied() else {
                    continue;
                };
                current = Some((person.unit.clone(), i));
                i
            }
        };
        if let Some(p) = ppos.get_mut(index) {
            p.members.push(person.iin);
        }
    }
    for plan in branches.iter_mut().flatten() {
        plan.members = plan
            .ppos
            .iter()
            .map(|i| ppos[*i].members.len() as u64)
            .sum();
    }

    let mut ladder = Ladder {
        out: Vec::new(),
        zone,
        campaign,
        ppo_phase,
        branch_phase,
        region_phase,
        seed,
        lists,
    };
    // The congress's delegates, one per CONGRESS_NORM members of each region, where the tree
    // has the central office above the regions (the national scale).
    let congress_seats: HashMap<String, usize> =
        if tree.units.iter().any(|u| u.kind == UnitKind::Central) {
            ladder.congress_norm(&tree.regions, &branches)
        } else {
            HashMap::new()
        };
    let mut congress = Vec::new();
    for (region, plans) in tree.regions.iter().zip(&branches) {
        let seats = congress_seats.get(&region.code).copied().unwrap_or(0);
        congress.extend(ladder.region(region, plans, &ppos, seats));
    }
    // The region demo shows its delegates to the congress; the congress itself is national.
    if scale == Scale::National && !congress_seats.is_empty() {
        ladder.congress(&tree.regions, &congress);
    }
    let mut out = ladder.out;
    out.sort_by_key(|e| e.held_at);
    out
}

struct Ladder<'l> {
    out: Vec<Envelope>,
    zone: TimeZone,
    campaign: Code,
    ppo_phase: Code,
    branch_phase: Code,
    region_phase: Code,
    seed: u64,
    lists: &'l ListPlan,
}

/// One delegate per `n` members, `n` a multiple of 5 that gives the branch about 80 delegates.
fn members_per_delegate(members: u64) -> u64 {
    ((members / 80 + 2) / 5 * 5).clamp(10, 60)
}

/// A regional conference of 150 to 300 delegates, about one per 200 members.
fn regional_size(members: u64) -> u64 {
    ((members / 200 + 5) / 10 * 10).clamp(150, 300)
}

/// `Аксуский районный филиал` → `Аксуского районного филиала`.
pub(crate) fn genitive(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|word| {
            if let Some(stem) = word
                .strip_suffix("ий")
                .or_else(|| word.strip_suffix("ый"))
                .or_else(|| word.strip_suffix("ой"))
            {
                format!("{stem}ого")
            } else if word == "филиал" {
                "филиала".to_string()
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Аксуский район`, `г. Текели`, `Алмалинский район, г. Алматы`.
fn place(region: &Region, branch: &Branch) -> String {
    let city_of = |genitive: &str| {
        genitive
            .strip_prefix("города ")
            .map(|city| format!("г. {city}"))
    };
    if branch.kind == UnitKind::City {
        city_of(&branch.ppo_ru).unwrap_or_else(|| branch.ppo_ru.clone())
    } else if region.city {
        match city_of(&region.ru_gen) {
            Some(city) => format!("{} район, {city}", branch.ru_adj),
            None => format!("{} район", branch.ru_adj),
        }
    } else {
        format!("{} район", branch.ru_adj)
    }
}

fn slug(code: &Code) -> String {
    code.as_str().to_ascii_lowercase().replace(['-', '.'], "_")
}

fn streams(code: &Code, youtube: bool) -> Vec<Stream> {
    let s = slug(code);
    let mut out = vec![
        Stream {
            platform: Platform::Facebook,
            url: format!("https://www.facebook.com/nurotan.{s}/live"),
        },
        Stream {
            platform: Platform::Instagram,
            url: format!("https://www.instagram.com/nurotan_{s}/live"),
        },
    ];
    if youtube {
        out.push(Stream {
            platform: Platform::Youtube,
            url: format!("https://www.youtube.com/@nurotan_{s}/live"),
        });
    }
    out
}

/// The smallest usual hall size that seats `people`.
fn hall_size(people: usize, rng: &mut Rng) -> u32 {
    const SIZES: [u32; 12] = [30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400];
    let wanted = people as u32 + rng.below(10) as u32;
    SIZES
        .iter()
        .copied()
        .find(|s| *s >= wanted)
        .unwrap_or(wanted.div_ceil(50) * 50)
}

/// The first `k` of a random permutation of `items` (partial Fisher–Yates).
fn sample<T: Copy>(items: &[T], k: usize, rng: &mut Rng) -> Vec<T> {
    let mut pool = items.to_vec();
    let k = k.min(pool.len());
    for i in 0..k {
        let j = i + rng.index(pool.len() - i);
        pool.swap(i, j);
    }
    pool.truncate(k);
    pool
}

fn shuffle<T>(items: &mut [T], rng: &mut Rng) {
    for i in (1..items.len()).rev() {
        let j = rng.index(i + 1);
        items.swap(i, j);
    }
}

fn quorum(electorate: usize) -> usize {
    electorate / 2 + 1
}

impl Ladder<'_> {
    fn local(&self, day: i8, hour: i8, minute: i8) -> Timestamp {
        date(2020, 11, day)
            .at(hour, minute, 0, 0)
            .to_zoned_datetime(self.zone.clone())
            .map(|z| z.timestamp())
            .unwrap_or(HELD_AT)
    }

    fn push(&mut self, at: Timestamp, command: Command) {
        self.out.push(Envelope {
            actor: ACTOR.to_string(),
            held_at: at,
            command,
        });
    }

    /// `set_representation` of the congress (the central bureau's decision of 2 Nov) and the
    /// seats it allots to each region, as core will allot them.
    fn congress_norm(
        &mut self,
        regions: &[Region],
        branches: &[Vec<BranchPlan>],
    ) -> HashMap<String, usize> {
        let Ok(central) = Code::parse(geo::CENTRAL) else {
            return HashMap::new();
        };
        let norm = RepresentationNorm::PerMembers {
            members_per_delegate: CONGRESS_NORM,
        };
        self.push(
            self.local(2, 10, 30),
            Command::SetRepresentation(SetRepresentation {
                campaign: self.campaign.clone(),
                conference_unit: central,
                norm,
            }),
        );
        let units: Vec<(String, u64)> = regions
            .iter()
            .zip(branches)
            .map(|(r, plans)| (r.code.clone(), plans.iter().map(|p| p.members).sum()))
            .collect();
        allot(norm, &units)
            .map(|all| {
                all.into_iter()
                    .map(|a| (a.unit, a.delegates as usize))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The regions' nominees put forward to the national list (17 Nov), and the extraordinary
    /// congress of 25 Nov in Nur-Sultan: the delegates the regional conferences elected approve
    /// the national list.
    fn congress(&mut self, regions: &[Region], delegates: &[Iin]) {
        let (Ok(central), Ok(phase), Ok(meeting)) = (
            Code::parse(geo::CENTRAL),
            Code::parse(CONGRESS_PHASE),
            Code::parse(&meeting_code(geo::CENTRAL, 1)),
        ) else {
            return;
        };
        let national = self.lists.conferences.get(crate::NATIONAL_LIST).cloned();
        if let Some(spec) = &national {
            let mut at = self.local(17, 10, 0);
            for region in regions {
                let from = format!("{}.mazhilis", region.code);
                if !self.lists.conferences.contains_key(&from) {
                    continue;
                }
                let Ok(from) = Code::parse(&from) else {
                    continue;
                };
                at += SignedDuration::from_mins(3);
                self.push(
                    at,
                    Command::NominateFromList(NominateFromList {
                        campaign: self.campaign.clone(),
                        target: spec.target.clone(),
                        from,
                        decision: format!(
                            "Протокол внеочередной конференции {} от 16 ноября 2020 года",
                            genitive(&region.names.ru)
                        ),
                    }),
                );
                if let Some(last) = self.out.last_mut() {
                    last.actor = spec.actor.clone();
                }
            }
        }
        let mut rng = Rng::new(self.seed, "conference:congress");
        let mut names = Rng::new(self.seed, "speakers:congress");
        let mut s = self.conference(
            ConferenceSetup {
                code: meeting,
                unit: central,
                phase,
                convened_by: "Решение Политического совета партии от 4 ноября 2020 года о созыве внеочередного съезда партии".into(),
                convened_at: self.local(4, 15, 0),
                scheduled: self.local(25, 11, 0),
                venue: "Дворец Независимости, г. Нур-Султан".into(),
                youtube: true,
                remote: (20, 60),
            },
            delegates,
            &mut rng,
        );
        let Some(s) = s.as_mut() else {
            return;
        };
        s.procedure(vec![
            "Об утверждении партийного списка кандидатов в депутаты Мажилиса Парламента Республики Казахстан".into(),
        ]);
        s.latecomers();
        s.speeches(
            1,
            vec![
                (
                    speaker(&mut names),
                    "первый заместитель председателя партии",
                    "о партийном списке кандидатов в депутаты Мажилиса".into(),
                ),
                (
                    speaker(&mut names),
                    "делегат съезда",
                    "о кандидатах, выдвинутых областными конференциями".into(),
                ),
            ],
        );
        match &national {
            Some(spec) => s.party_list(spec, Outcome::Adopted),
            None => s.vote(
                Motion::Resolution {
                    text: "Утвердить партийный список кандидатов в депутаты Мажилиса Парламента Республики Казахстан из кандидатов, выдвинутых областными конференциями".into(),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Adopted,
            ),
        }
        let m = s.meeting.clone();
        s.emit(
            120,
            400,
            Command::CloseMeeting(CloseMeeting {
                meeting: m,
                protocol_number: None,
            }),
        );
    }

    /// The ladder of one region; returns the delegates its conference elected to the congress
    /// (`congress_seats` of them).
    fn region(
        &mut self,
        region: &Region,
        plans: &[BranchPlan],
        ppos: &[PpoPlan],
        congress_seats: usize,
    ) -> Vec<Iin> {
        let Ok(region_code) = Code::parse(&region.code) else {
            return Vec::new();
        };
        let mut rng = Rng::new(self.seed, &format!("ladder:{}", region.code));
        let region_gen = genitive(&region.names.ru);

        // The norms, decided by the regional bureau on 2 Nov.
        let mut at = self.local(2, 11, 0) + SignedDuration::from_secs(rng.between(0, 300));
        let total: u64 = plans.iter().map(|p| p.members).sum();
        let size = regional_size(total);
        self.push(
            at,
            Command::SetRepresentation(SetRepresentation {
                campaign: self.campaign.clone(),
                conference_unit: region_code.clone(),
                norm: RepresentationNorm::FixedSize {
                    size,
                    at_least_one_per_unit: true,
                },
            }),
        );
        let mut per_branch = Vec::with_capacity(plans.len());
        for plan in plans {
            at += SignedDuration::from_secs(rng.between(40, 90));
            let n = members_per_delegate(plan.members);
            per_branch.push(n);
            self.push(
                at,
                Command::SetRepresentation(SetRepresentation {
                    campaign: self.campaign.clone(),
                    conference_unit: plan.code.clone(),
                    norm: RepresentationNorm::PerMembers {
                        members_per_delegate: n,
                    },
                }),
            );
        }
        // Core apportions among the branches in the order of their codes.
        let mut units: Vec<(Code, u64)> =
            plans.iter().map(|p| (p.code.clone(), p.members)).collect();
        units.sort_by(|a, b| a.0.cmp(&b.0));
        let regional_seats: HashMap<Code, u64> = allot(
            RepresentationNorm::FixedSize {
                size,
                at_least_one_per_unit: true,
            },
            &units,
        )
        .map(|all| all.into_iter().map(|a| (a.unit, a.delegates)).collect())
        .unwrap_or_default();

        // PPOs that fail quorum on 7 Nov (the first of them again on 8 Nov).
        let all_ppos: Vec<(usize, usize)> = plans
            .iter()
            .enumerate()
            .flat_map(|(b, plan)| plan.ppos.iter().map(move |p| (b, *p)))
            .collect();
        let failing = 3 + all_ppos.len() / 150;
        let mut fails: HashMap<usize, u32> = HashMap::new();
        for (i, (_, p)) in sample(&all_ppos, failing, &mut rng).into_iter().enumerate() {
            fails.insert(p, if i == 0 { 2 } else { 1 });
        }

        // Branch conferences: which recount the list vote, which reject a motion from the floor.
        let order: Vec<usize> =
            sample(&(0..plans.len()).collect::<Vec<_>>(), plans.len(), &mut rng);
        let recounts = (plans.len() / 7).max(2).min(plans.len());
        let splits = (plans.len() / 10).max(1);
        let mut regional_electorate = Vec::new();
        let mut excused = 0i64;
        for (b, plan) in plans.iter().enumerate() {
            let mut delegates = Vec::new();
            for (i, p) in plan.ppos.iter().enumerate() {
                let ppo = &ppos[*p];
                let seats = (ppo.members.len() as u64 / per_branch[b]).max(1) as usize;
                let failures = fails.get(p).copied().unwrap_or(0);
                let elected = self.ppo(plan, ppo, i, seats, failures);
                if failures >= 2 {
                    let when = self.local(9, 10, 0) + SignedDuration::from_mins(7 * excused);
                    excused += 1;
                    self.push(
                        when,
                        Command::ExcuseUnit(ExcuseUnit {
                            campaign: self.campaign.clone(),
                            unit: ppo.code.clone(),
                            reason: format!(
                                "{}: собрание дважды не набрало кворума (7 и 8 ноября 2020 года); бюро политического совета {} разрешило провести конференцию без делегатов этой организации",
                                ppo.code,
                                genitive(&plan.branch.names.ru)
                            ),
                        }),
                    );
                }
                delegates.extend(elected);
            }
            let position = order.iter().position(|o| *o == b).unwrap_or(0);
            let list_vote = if position < recounts {
                Outcome::Recounted
            } else {
                Outcome::Adopted
            };
            let split = position >= recounts && position < recounts + splits;
            let seats = regional_seats.get(&plan.code).copied().unwrap_or(1) as usize;
            let elected =
                self.branch_conference(region, plan, b, &delegates, seats, list_vote, split);
            regional_electorate.extend(elected);
        }
        self.regional_conference(
            region,
            &region_code,
            &region_gen,
            &regional_electorate,
            congress_seats,
        )
    }

    /// The meeting(s) of one PPO; returns the delegates it elected (none if it failed twice).
    fn ppo(
        &mut self,
        plan: &BranchPlan,
        ppo: &PpoPlan,
        index: usize,
        seats: usize,
        failures: u32,
    ) -> Vec<Iin> {
        let mut rng = Rng::new(self.seed, &format!("ppo:{}", ppo.code));
        let branch_gen = genitive(&plan.branch.names.ru);
        let place = &plan.place;
        let day = if failures > 0 || rng.chance(750) {
            7
        } else {
            8
        };
        let slot = rng.between(0, 14);
        let mut scheduled = self.local(day, 10, 0) + SignedDuration::from_mins(30 * slot);
        let mut convened_at = self.local(3, 9, 30)
            + SignedDuration::from_secs(150 * index as i64 + rng.between(0, 100));
        let mut decision = format!(
            "Решение бюро политического совета {branch_gen} № {} от 3 ноября 2020 года",
            40 + index
        );
        let mut previous: Option<Code> = None;
        let attempts = failures.min(1) + 1;
        for attempt in 1..=attempts {
            let failing = attempt <= failures;
            let Ok(code) = Code::parse(&meeting_code(ppo.code.as_str(), attempt)) else {
                return Vec::new();
            };
            let n = ppo.members.len();
            let present = if failing {
                (n * rng.between(280, 460) as usize / 1000).clamp(1, quorum(n) - 1)
            } else {
                (n * rng.between(550, 850) as usize)
                    .div_ceil(1000)
                    .max(quorum(n))
                    .min(n)
            };
            let attending = sample(&ppo.members, present, &mut rng);
            let remote = if !failing && present >= 30 && rng.chance(100) {
                rng.between(1, 5) as usize
            } else {
                0
            };
            let (hall, away) = attending.split_at(present - remote);
            let capacity = if remote > 0 {
                hall.len() as u32
            } else {
                hall_size(hall.len(), &mut rng)
            };
            const RURAL: [&str; 6] = [
                "Актовый зал средней школы № {n}",
                "Зал сельского Дома культуры",
                "Конференц-зал аппарата акима сельского округа",
                "Актовый зал колледжа",
                "Зал заседаний районной больницы",
                "Актовый зал производственного предприятия",
            ];
            const URBAN: [&str; 6] = [
                "Актовый зал школы-гимназии № {n}",
                "Конференц-зал бизнес-центра",
                "Актовый зал колледжа",
                "Зал заседаний городской поликлиники № {n}",
                "Актовый зал производственного предприятия",
                "Конференц-зал аппарата акима района",
            ];
            let venue = rng
                .pick(if plan.urban { &URBAN } else { &RURAL })
                .replace("{n}", &rng.between(1, 40).to_string());
            self.push(
                convened_at,
                Command::ConveneMeeting(ConveneMeeting {
                    code: code.clone(),
                    campaign: self.campaign.clone(),
                    unit: ppo.code.clone(),
                    phase: self.ppo_phase.clone(),
                    extraordinary: false,
                    convened_by: decision.clone(),
                    scheduled_at: scheduled,
                    venue: format!("{venue}, {place}"),
                    capacity,
                    streams: Vec::new(),
                    quorum: QuorumRule::default(),
                    entry_deadline: None,
                    rerun_of: previous.clone(),
                }),
            );
            let mut s = Session::new(
                &mut self.out,
                code.clone(),
                scheduled - SignedDuration::from_mins(30),
                rng.clone(),
                true,
            );
            s.emit(
                0,
                120,
                Command::OpenRegistration(OpenRegistration {
                    meeting: code.clone(),
                }),
            );
            s.wait_until(scheduled - SignedDuration::from_mins(8));
            s.emit(
                0,
                240,
                Command::RecordAttendance(RecordAttendance {
                    meeting: code.clone(),
                    hall: hall.to_vec(),
                    remote: away.to_vec(),
                }),
            );
            s.hall = hall.to_vec();
            s.remote = away.to_vec();
            if failing {
                s.wait_until(scheduled + SignedDuration::from_mins(15));
                s.emit(
                    0,
                    120,
                    Command::ReportCredentials(ReportCredentials {
                        meeting: code.clone(),
                        text: format!("Из {n} членов ППО зарегистрировано {present}: кворума нет"),
                    }),
                );
                s.emit(
                    600,
                    900,
                    Command::FailMeeting(FailMeeting {
                        meeting: code.clone(),
                        reason: if attempt == 1 {
                            rng.pick(&[
                                "Собрание не состоялось: нет кворума (часть членов ППО на сезонных работах)",
                                "Собрание не состоялось: нет кворума (члены ППО на самоизоляции из-за COVID-19)",
                                "Собрание не состоялось: нет кворума (дороги в отдалённые сёла закрыты из-за непогоды)",
                            ])
                            .to_string()
                        } else {
                            "Повторное собрание не состоялось: нет кворума".to_string()
                        },
                        cause: Some(FailureCause::NoQuorum),
                    }),
                );
                let failed_at = s.t;
                rng = s.rng.clone();
                drop(s);
                previous = Some(code);
                convened_at = failed_at + SignedDuration::from_mins(rng.between(45, 120));
                scheduled =
                    self.local(8, 10, 0) + SignedDuration::from_mins(30 * rng.between(0, 10));
                decision = format!(
                    "Решение бюро политического совета {branch_gen} № {} от 7 ноября 2020 года о повторном собрании",
                    90 + index
                );
                continue;
            }
            s.wait_until(scheduled);
            s.emit(
                30,
                90,
                Command::ReportCredentials(ReportCredentials {
                    meeting: code.clone(),
                    text: format!(
                        "На учёте в ППО {n} членов партии, зарегистрировано {present} ({} в зале, {remote} дистанционно). Кворум имеется, собрание правомочно.",
                        hall.len()
                    ),
                }),
            );
            s.emit(
                30,
                90,
                Command::OpenMeeting(OpenMeeting {
                    meeting: code.clone(),
                }),
            );
            s.procedure(vec![format!(
                "Об избрании делегатов на внеочередную конференцию {branch_gen}"
            )]);
            let slate = s.slate(seats);
            s.vote(
                Motion::Delegates {
                    candidates: slate.clone(),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Adopted,
            );
            s.emit(
                120,
                400,
                Command::CloseMeeting(CloseMeeting {
                    meeting: code,
                    protocol_number: None,
                }),
            );
            return slate;
        }
        Vec::new()
    }

    #[allow(clippy::too_many_arguments)]
    fn branch_conference(
        &mut self,
        region: &Region,
        plan: &BranchPlan,
        index: usize,
        delegates: &[Iin],
        seats: usize,
        list_vote: Outcome,
        split: bool,
    ) -> Vec<Iin> {
        let Ok(code) = Code::parse(&meeting_code(plan.code.as_str(), 1)) else {
            return Vec::new();
        };
        let mut rng = Rng::new(self.seed, &format!("conference:{}", plan.code));
        let branch = plan.branch;
        let branch_gen = genitive(&branch.names.ru);
        let region_gen = genitive(&region.names.ru);
        let day = 10 + rng.between(0, 2) as i8;
        let hour = *rng.pick(&[10i8, 11, 14, 15]);
        let scheduled = self.local(day, hour, 0);
        let convened_at = self.local(5, 10, 0)
            + SignedDuration::from_secs(420 * index as i64 + rng.between(0, 200));
        let venue = if plan.urban {
            rng.pick(&[
                "Городской Дворец культуры",
                "Конференц-зал акимата",
                "Актовый зал филиала партии",
                "Зал заседаний маслихата",
            ])
        } else {
            rng.pick(&[
                "Районный Дом культуры",
                "Конференц-зал акимата района",
                "Актовый зал филиала партии",
                "Зал заседаний районного маслихата",
            ])
        }
        .to_string();
        let (list_item, list_text) = if region.city {
            (
                format!(
                    "О кандидатах от {} в партийный список в маслихат {}",
                    branch.ppo_ru, region.ru_gen
                ),
                format!(
                    "Рекомендовать кандидатов с наибольшим рейтингом праймериз в {} для партийного списка в маслихат {}",
                    branch.ppo_ru, region.ru_gen
                ),
            )
        } else {
            let maslikhat = format!(
                "{} {} маслихата",
                genitive(&branch.ru_adj),
                if branch.kind == UnitKind::City {
                    "городского"
                } else {
                    "районного"
                }
            );
            (
                format!("О партийном списке кандидатов в депутаты {maslikhat}"),
                format!(
                    "Утвердить партийный список кандидатов в депутаты {maslikhat} по итогам праймериз и рейтингового голосования делегатов"
                ),
            )
        };
        let agenda = vec![
            list_item,
            format!("Об избрании делегатов на внеочередную конференцию {region_gen}"),
        ];
        let list = self
            .lists
            .conferences
            .get(&format!("{}.maslikhat", plan.code))
            .cloned();
        let mut names = Rng::new(self.seed, &format!("speakers:{}", plan.code));
        let mut s = self.conference(
            ConferenceSetup {
                code,
                unit: plan.code.clone(),
                phase: self.branch_phase.clone(),
                convened_by: format!(
                    "Решение политического совета {branch_gen} № {} от 5 ноября 2020 года о созыве внеочередной конференции",
                    3 + index % 4
                ),
                convened_at,
                scheduled,
                venue: format!("{venue}, {}", plan.place),
                youtube: false,
                remote: (1, 5),
            },
            delegates,
            &mut rng,
        );
        let Some(s) = s.as_mut() else {
            return Vec::new();
        };
        s.procedure(agenda);
        s.latecomers();
        s.speeches(
            1,
            vec![
                (
                    speaker(&mut names),
                    "первый заместитель председателя филиала",
                    "о проекте партийного списка по итогам праймериз и рейтингового голосования"
                        .into(),
                ),
                (
                    speaker(&mut names),
                    "делегат конференции",
                    "в поддержку проекта решения".into(),
                ),
            ],
        );
        if split && s.hall.len() >= 40 {
            s.vote(
                Motion::Resolution {
                    text: "Предложение делегата из зала: отложить утверждение партийного списка до повторного обсуждения в первичных организациях".into(),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Split,
            );
        }
        match &list {
            Some(spec) => s.party_list(spec, list_vote),
            None => s.vote(
                Motion::Resolution { text: list_text },
                DecisionRule::MajorityOfPresent,
                list_vote,
            ),
        }
        s.leaves();
        s.speeches(
            2,
            vec![(
                speaker(&mut names),
                "председатель счётной комиссии",
                "о кандидатах в делегаты областной конференции".into(),
            )],
        );
        let slate = s.slate(seats);
        s.vote(
            Motion::Delegates {
                candidates: slate.clone(),
            },
            DecisionRule::MajorityOfPresent,
            Outcome::Adopted,
        );
        let meeting = s.meeting.clone();
        s.emit(
            120,
            400,
            Command::CloseMeeting(CloseMeeting {
                meeting,
                protocol_number: None,
            }),
        );
        slate
    }

    fn regional_conference(
        &mut self,
        region: &Region,
        code: &Code,
        region_gen: &str,
        delegates: &[Iin],
        congress_seats: usize,
    ) -> Vec<Iin> {
        let Ok(meeting) = Code::parse(&meeting_code(code.as_str(), 1)) else {
            return Vec::new();
        };
        let mut rng = Rng::new(self.seed, &format!("conference:{code}"));
        let mut names = Rng::new(self.seed, &format!("speakers:{code}"));
        let maslikhat = if region.city {
            format!("маслихата {}", region.ru_gen)
        } else {
            format!("{} областного маслихата", genitive(&region.ru_adj))
        };
        let regional_list = self
            .lists
            .conferences
            .get(&format!("{code}.maslikhat"))
            .cloned();
        let mazhilis_list = self
            .lists
            .conferences
            .get(&format!("{code}.mazhilis"))
            .cloned();
        let seat = if region.code == "ALM" {
            ", г. Талдыкорган"
        } else {
            ""
        };
        let mut s = self.conference(
            ConferenceSetup {
                code: meeting,
                unit: code.clone(),
                phase: self.region_phase.clone(),
                convened_by: format!(
                    "Решение бюро политического совета {region_gen} № 41 от 2 ноября 2020 года о созыве внеочередной конференции"
                ),
                convened_at: self.local(5, 9, 0) + SignedDuration::from_secs(rng.between(0, 900)),
                scheduled: self.local(16, 11, 0),
                venue: format!("Конференц-зал {region_gen}{seat}"),
                youtube: true,
                remote: (3, 8),
            },
            delegates,
            &mut rng,
        );
        let Some(s) = s.as_mut() else {
            return Vec::new();
        };
        let mut agenda = vec![
            format!("О партийном списке кандидатов в депутаты {maslikhat}"),
            format!(
                "О кандидатах от {} в партийный список для выборов в Мажилис Парламента",
                region.ru_gen
            ),
        ];
        if congress_seats > 0 {
            agenda.push("Об избрании делегатов на внеочередной съезд партии".into());
        }
        s.procedure(agenda);
        s.latecomers();
        s.speeches(
            1,
            vec![(
                speaker(&mut names),
                "первый заместитель председателя филиала",
                format!("о партийном списке кандидатов в депутаты {maslikhat}"),
            )],
        );
        if s.hall.len() >= 40 {
            s.vote(
                Motion::Resolution {
                    text: "Предложение делегата из зала: провести по партийному списку поимённое голосование каждого кандидата".into(),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Split,
            );
        }
        match &regional_list {
            Some(spec) => s.party_list(spec, Outcome::Adopted),
            None => s.vote(
                Motion::Resolution {
                    text: format!(
                        "Утвердить партийный список кандидатов в депутаты {maslikhat} по итогам праймериз и рейтингового голосования делегатов"
                    ),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Adopted,
            ),
        }
        s.leaves();
        s.speeches(
            2,
            vec![(
                speaker(&mut names),
                "секретарь политического совета филиала",
                "о кандидатах в партийный список на выборах в Мажилис Парламента".into(),
            )],
        );
        match &mazhilis_list {
            Some(spec) => s.party_list(spec, Outcome::Adopted),
            None => s.vote(
                Motion::Resolution {
                    text: format!(
                        "Одобрить кандидатуры от {} для включения в партийный список партии «Nur Otan» на выборах депутатов Мажилиса Парламента",
                        region.ru_gen
                    ),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Adopted,
            ),
        }
        let mut to_congress = Vec::new();
        if congress_seats > 0 {
            s.speeches(
                3,
                vec![(
                    speaker(&mut names),
                    "председатель счётной комиссии",
                    "о кандидатах в делегаты внеочередного съезда партии".into(),
                )],
            );
            to_congress = s.slate(congress_seats);
            s.vote(
                Motion::Delegates {
                    candidates: to_congress.clone(),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Adopted,
            );
        }
        let m = s.meeting.clone();
        s.emit(
            120,
            400,
            Command::CloseMeeting(CloseMeeting {
                meeting: m,
                protocol_number: None,
            }),
        );
        to_congress
    }

    /// Convenes a conference, registers its delegates and opens it; `None` if nobody was elected.
    fn conference<'s>(
        &'s mut self,
        setup: ConferenceSetup,
        delegates: &[Iin],
        rng: &mut Rng,
    ) -> Option<Session<'s>> {
        let electorate = delegates.len();
        if electorate == 0 {
            return None;
        }
        let turnout = rng.between(850, 970) as usize;
        let present = (electorate * turnout)
            .div_ceil(1000)
            .max(quorum(electorate))
            .min(electorate);
        let mut attending = sample(delegates, electorate, rng);
        let absent = attending.split_off(present);
        let remote = if present >= 30 {
            rng.between(setup.remote.0, setup.remote.1) as usize
        } else {
            0
        };
        let late = if absent.is_empty() {
            0
        } else {
            rng.between(0, 2.min(absent.len() as i64)) as usize
        };
        let mut arrivals: Vec<(Iin, Presence)> = attending
            .iter()
            .enumerate()
            .map(|(i, iin)| {
                let mode = if i < remote {
                    Presence::Remote
                } else {
                    Presence::Hall
                };
                (*iin, mode)
            })
            .collect();
        shuffle(&mut arrivals, rng);
        let capacity = hall_size(present - remote + late + 5, rng);
        self.push(
            setup.convened_at,
            Command::ConveneMeeting(ConveneMeeting {
                code: setup.code.clone(),
                campaign: self.campaign.clone(),
                unit: setup.unit.clone(),
                phase: setup.phase,
                extraordinary: true,
                convened_by: setup.convened_by,
                scheduled_at: setup.scheduled,
                venue: setup.venue,
                capacity,
                streams: streams(&setup.unit, setup.youtube),
                quorum: QuorumRule::default(),
                entry_deadline: None,
                rerun_of: None,
            }),
        );
        let registration = if setup.youtube { 90 } else { 60 };
        let mut s = Session::new(
            &mut self.out,
            setup.code.clone(),
            setup.scheduled - SignedDuration::from_mins(registration),
            rng.clone(),
            false,
        );
        s.late = absent[..late].to_vec();
        s.emit(
            0,
            60,
            Command::OpenRegistration(OpenRegistration {
                meeting: setup.code.clone(),
            }),
        );
        let window = (registration - 8) * 60;
        let step = (window / arrivals.len() as i64).max(2);
        for (iin, mode) in arrivals {
            s.emit(
                step / 2,
                step * 3 / 2,
                Command::CheckIn(CheckIn {
                    meeting: setup.code.clone(),
                    iin: Some(iin),
                    mandate: None,
                    card: None,
                    mode,
                }),
            );
            match mode {
                Presence::Hall => s.hall.push(iin),
                Presence::Remote => s.remote.push(iin),
            }
        }
        s.wait_until(setup.scheduled - SignedDuration::from_mins(1));
        let text = format!(
            "Избрано делегатов: {electorate}; зарегистрировано {} ({} в зале, {} дистанционно). Полномочия делегатов подтверждены, конференция правомочна.",
            s.hall.len() + s.remote.len(),
            s.hall.len(),
            s.remote.len()
        );
        s.emit(
            30,
            90,
            Command::ReportCredentials(ReportCredentials {
                meeting: setup.code.clone(),
                text,
            }),
        );
        s.emit(
            30,
            90,
            Command::OpenMeeting(OpenMeeting {
                meeting: setup.code,
            }),
        );
        Some(s)
    }
}

struct ConferenceSetup {
    code: Code,
    unit: Code,
    phase: Code,
    convened_by: String,
    convened_at: Timestamp,
    scheduled: Timestamp,
    venue: String,
    youtube: bool,
    /// How many delegates attend remotely (from, to).
    remote: (i64, i64),
}

/// One meeting being run: the clock, who is present, and the votes so far.
struct Session<'o> {
    out: &'o mut Vec<Envelope>,
    meeting: Code,
    t: Timestamp,
    rng: Rng,
    hall: Vec<Iin>,
    remote: Vec<Iin>,
    /// Delegates who arrive after the meeting opened.
    late: Vec<Iin>,
    votes: u32,
    /// Remote members of a PPO vote by name in every vote (few, and they are counted).
    remote_votes_by_name: bool,
    /// The agenda item the next votes decide (`None`: procedural votes).
    item: Option<u32>,
}

impl<'o> Session<'o> {
    fn new(
        out: &'o mut Vec<Envelope>,
        meeting: Code,
        start: Timestamp,
        rng: Rng,
        remote_votes_by_name: bool,
    ) -> Session<'o> {
        Session {
            out,
            meeting,
            t: start,
            rng,
            hall: Vec::new(),
            remote: Vec::new(),
            late: Vec::new(),
            votes: 0,
            remote_votes_by_name,
            item: None,
        }
    }

    /// Speeches on agenda item `item` (name, role, topic), and the votes after them decide it.
    fn speeches(&mut self, item: u32, speakers: Vec<(String, &str, String)>) {
        self.item = Some(item);
        for (name, role, topic) in speakers {
            let meeting = self.meeting.clone();
            self.emit(
                120,
                420,
                Command::RecordSpeaker(RecordSpeaker {
                    meeting,
                    item,
                    name,
                    role: role.to_string(),
                    topic,
                    time_limit_s: None,
                }),
            );
        }
    }

    /// Records `command` between `lo` and `hi` seconds after the previous one (at least one).
    fn emit(&mut self, lo: i64, hi: i64, command: Command) {
        let step = self.rng.between(lo, hi).max(1);
        self.t += SignedDuration::from_secs(step);
        self.out.push(Envelope {
            actor: ACTOR.to_string(),
            held_at: self.t,
            command,
        });
    }

    /// Records `command` as `actor` (the list's organizer), like [`Session::emit`].
    fn emit_as(&mut self, actor: &str, lo: i64, hi: i64, command: Command) {
        self.emit(lo, hi, command);
        if let Some(last) = self.out.last_mut() {
            last.actor = actor.to_string();
        }
    }

    /// The organizer drafts the list (and edits it), the delegates vote on its revision.
    fn party_list(&mut self, spec: &ListSpec, outcome: Outcome) {
        self.emit_as(&spec.actor, 60, 180, spec.draft.clone());
        if let Some(edit) = &spec.edit {
            self.emit_as(&spec.actor, 120, 300, edit.clone());
        }
        self.vote(
            Motion::PartyList {
                target: spec.target.clone(),
                revision: spec.revision,
            },
            DecisionRule::MajorityOfPresent,
            outcome,
        );
    }

    fn wait_until(&mut self, t: Timestamp) {
        if t > self.t {
            self.t = t;
        }
    }

    /// Credentials, presidium (from those in the hall) and agenda.
    fn procedure(&mut self, agenda: Vec<String>) {
        self.vote(
            Motion::Credentials,
            DecisionRule::MajorityOfPresent,
            Outcome::Adopted,
        );
        let commission = if self.hall.len() >= 20 { 3 } else { 1 };
        let people = self
            .hall
            .iter()
            .take(2 + commission)
            .copied()
            .collect::<Vec<_>>();
        if let [chair, secretary, rest @ ..] = people.as_slice() {
            self.vote(
                Motion::Presidium {
                    chair: *chair,
                    secretary: *secretary,
                    counting_commission: rest.to_vec(),
                },
                DecisionRule::MajorityOfPresent,
                Outcome::Adopted,
            );
        }
        self.vote(
            Motion::Agenda { items: agenda },
            DecisionRule::MajorityOfPresent,
            Outcome::Adopted,
        );
    }

    /// Latecomers check in (in the hall) after the procedure votes.
    fn latecomers(&mut self) {
        for iin in std::mem::take(&mut self.late) {
            let meeting = self.meeting.clone();
            self.emit(
                20,
                120,
                Command::CheckIn(CheckIn {
                    meeting,
                    iin: Some(iin),
                    mandate: None,
                    card: None,
                    mode: Presence::Hall,
                }),
            );
            self.hall.push(iin);
        }
    }

    /// Now and then a delegate (not of the presidium) leaves the hall.
    fn leaves(&mut self) {
        if self.hall.len() > 30 && self.rng.chance(300) {
            let i = 5 + self.rng.index(self.hall.len() - 5);
            let iin = self.hall.remove(i);
            let meeting = self.meeting.clone();
            self.emit(
                30,
                180,
                Command::CheckOut(CheckOut {
                    meeting,
                    iin: Some(iin),
                    mandate: None,
                }),
            );
        }
    }

    /// `seats` of those present, at random.
    fn slate(&mut self, seats: usize) -> Vec<Iin> {
        let present: Vec<Iin> = self.hall.iter().chain(&self.remote).copied().collect();
        sample(&present, seats, &mut self.rng)
    }

    /// Puts a motion to the vote, lets the remote participants confirm or vote, and counts.
    fn vote(&mut self, motion: Motion, rule: DecisionRule, outcome: Outcome) {
        self.votes += 1;
        let number = self.votes;
        let meeting = self.meeting.clone();
        self.emit(
            60,
            150,
            Command::PutToVote(PutToVote {
                meeting: meeting.clone(),
                vote: number,
                motion,
                rule: Some(rule),
                item: self.item,
            }),
        );
        let hall = self.hall.len() as u32;
        let mut named = Tally::default();
        let mut confirmed = 0u32;
        for iin in self.remote.clone() {
            let roll = self.rng.below(1000);
            let by_name = self.remote_votes_by_name || (outcome != Outcome::Split && roll < 600);
            if by_name {
                let choice = if self.remote_votes_by_name || self.rng.chance(920) {
                    Choice::For
                } else if self.rng.chance(500) {
                    Choice::Against
                } else {
                    Choice::Abstain
                };
                match choice {
                    Choice::For => named.for_ += 1,
                    Choice::Against => named.against += 1,
                    Choice::Abstain => named.abstain += 1,
                }
                confirmed += 1;
                self.emit(
                    5,
                    25,
                    Command::CastNamedVote(CastNamedVote {
                        meeting: meeting.clone(),
                        vote: number,
                        iin: Some(iin),
                        mandate: None,
                        choice,
                    }),
                );
            } else if roll < 920 {
                confirmed += 1;
                self.emit(
                    5,
                    25,
                    Command::ConfirmPresence(ConfirmPresence {
                        meeting: meeting.clone(),
                        vote: number,
                        iin: Some(iin),
                        mandate: None,
                    }),
                );
            }
        }
        let present = hall + confirmed;
        let counts: Vec<(Tally, Option<String>)> = match outcome {
            Outcome::Adopted => vec![(self.clear_majority(hall, present, named), None)],
            Outcome::Recounted => {
                let right = self.clear_majority(hall, present, named);
                let moved = (self.rng.between(2, 4) as u32).min(right.for_);
                let first = Tally {
                    for_: right.for_ - moved,
                    against: right.against + moved,
                    abstain: right.abstain,
                };
                vec![
                    (first, None),
                    (
                        right,
                        Some("Делегаты оспорили подсчёт: счётная комиссия пересчитала голоса по рядам; в первом подсчёте часть голосов «за» ошибочно учтена как голоса «против»".to_string()),
                    ),
                ]
            }
            Outcome::Split => {
                let mut for_ = present * 45 / 100;
                let mut against = present * 40 / 100;
                if for_ + against > hall {
                    for_ = hall * 45 / 100;
                    against = hall * 40 / 100;
                }
                let abstain = (present - for_ - against).min(hall - for_ - against);
                vec![(
                    Tally {
                        for_,
                        against,
                        abstain,
                    },
                    None,
                )]
            }
        };
        for (tally, recount_reason) in counts {
            self.emit(
                60,
                200,
                Command::CountVote(CountVote {
                    meeting: meeting.clone(),
                    vote: number,
                    hall: tally,
                    recount_reason,
                }),
            );
        }
    }

    /// A hall count that adopts the motion: a few against and abstaining, one or two not voting.
    fn clear_majority(&mut self, hall: u32, present: u32, named: Tally) -> Tally {
        let against = self.rng.below(u64::from(hall / 30) + 1) as u32;
        let abstain = self.rng.below(u64::from(hall / 20) + 1) as u32;
        let idle = self.rng.below(u64::from((hall / 40).min(2)) + 1) as u32;
        let taken = against + abstain + idle;
        let tally = Tally {
            for_: hall.saturating_sub(taken),
            against,
            abstain,
        };
        if taken > hall || 2 * u64::from(tally.for_ + named.for_) <= u64::from(present) {
            return Tally {
                for_: hall,
                against: 0,
                abstain: 0,
            };
        }
        tally
    }
}
