//! The primaries of the demo (August–October 2020): nominations and the organizing committees'
//! decisions, withdrawals, debates, one poll per party list, the members' online ballots, polling
//! stations on the last day, the close, the stations' paper results and the count.
//!
//! [`primaries_plan`] works from the registry of [`crate::commands`] (same scale and seed) and
//! follows the 2020 calendar (times are Almaty local time, UTC+6 in 2020):
//!
//! - **nomination** (17–28 Aug): about four candidates per seat of every party list
//!   ([`crate::campaign_commands`]), nominated on 17–24 Aug by their own PPO's decision (about two
//!   thirds) or by themselves; each is eligible (active, old enough on election day: 20 for a
//!   maslikhat, 25 for the Mazhilis) and stands for one list only. Every list has at least one
//!   woman and one candidate under 35 on the ballot. One to three days later the territorial
//!   organizing committee registers each candidate or, for about 2 %, refuses with a reason the
//!   committee found on checking the papers (a candidate the rules bar is never nominated: core
//!   refuses such a nomination outright). About 1.5 % of the registered withdraw on 26–28 Aug;
//! - the **poll** of each list is created on 28 Aug: the registered candidates still standing,
//!   in the order of their candidacy numbers (options `c1`, `c2`, ... by number, labelled with the
//!   full name), approval with at most three marks (plurality for a list of fewer than three
//!   seats), as many winners as seats, the active members of the list's unit and everything under
//!   it as the electorate, the roll frozen at the end of nomination (28 Aug 18:00), open 1 Oct
//!   00:00 – 3 Oct 14:00, a sealed board;
//! - **debates** (14–30 Sep): the candidates of each list in groups of four to six (announced on
//!   7–11 Sep, streamed on YouTube and Facebook), recorded the same evening with a few refusals
//!   and absences;
//! - the **vote**: every poll opens at 1 Oct 00:00; in each region one poll (a district or city
//!   list) is extended by a day at its opening, with the 2020 reason ([`EXTENSION_REASON`]);
//!   members vote online through the 62 hours of the window ([`PrimariesPlan::casts`]: each voter
//!   votes in every poll whose roll they are on, within a few minutes, more by day than by night;
//!   kept packed, 20 bytes a ballot, and turned into [`DemoCast`]s one at a time);
//!   on 3 Oct three or four polling stations per region (each in one PPO) mark a few dozen
//!   members who vote on paper;
//! - the **close** at 3 Oct 14:00 (the extended poll at 4 Oct 14:00), the stations' returns, and
//!   the count of every poll on 5 Oct (the `primary_results` phase).
//!
//! Every list has enough women and candidates under 35 standing for the 2020 quotas of its
//! longest list (more stand where the draw gave too few), so that every list can meet its
//! rules. Candidates' popularity is skewed (a few
//! strong, many weak; in every list one woman and one young candidate are among the strong), and
//! in a regional list voters favour candidates of their own district, so the ratings (overall,
//! women, youth) are worth reading.
//!
//! At [`Scale::National`] every region gets the same shape: its own lists' primaries, its own
//! three or four stations and its own extended poll. The same seed and turnout always give the
//! same plan.

use crate::geo;
use crate::people::People;
use crate::rng::Rng;
use crate::{ACTOR, ELECTION_DAY, HELD_AT, Scale, TIME_ZONE, campaign_commands};
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use mandat_core::ballot::BallotContent;
use mandat_core::command::{
    ClosePoll, CreatePoll, EnterStationReturn, ExtendPoll, FreezeRoll, MarkAtStation,
    NominateCandidate, OpenPoll, RecordDebate, RefuseCandidate, RegisterCandidate, ScheduleDebate,
    SetTarget, WithdrawCandidate,
};
use mandat_core::command::{DebateMark, OptionSpec};
use mandat_core::count::Method;
use mandat_core::meeting::model::{Platform, Stream};
use mandat_core::poll::{BoardMode, DebateAttendance, Electorate, NominatedBy};
use mandat_core::primaries::{CandidateFacts, EligibilityRules, age_on, check_eligibility};
use mandat_core::{Body, Code, Command, Envelope, Iin, MemberStatus, Sex, UnitKind};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The demo's turnout: 84 % of each roll voted (online or at a station).
pub const DEMO_TURNOUT_PERMILLE: u32 = 840;

/// Why one poll per region was extended by a day (as in 2020).
pub const EXTENSION_REASON: &str =
    "Перегрузка системы: голосование продлено на сутки решением партии";

/// Candidates under this age on election day are the youth of the ratings (the party's rule).
const YOUTH_UNDER: i16 = 35;

/// The code of the primaries poll of a party list (`ALM-AKSU.maslikhat.primaries`).
pub fn primaries_poll_code(target: &str) -> String {
    format!("{target}.primaries")
}

/// One member's online ballot in one poll, for `mandat_store::Store::cast_batch`.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoCast {
    pub poll: Code,
    pub voter: Iin,
    pub content: BallotContent,
    pub at: Timestamp,
}

/// The online ballots of a plan in time order, packed: 20 bytes a ballot (its second of the
/// vote, the voter's and the poll's index, up to three marks) instead of a [`DemoCast`] with its
/// strings on the heap, so that the national demo's 1.94 million ballots take about 40 MB
/// rather than 800. [`iter`](Self::iter) makes the [`DemoCast`]s one at a time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DemoBallots {
    /// The vote's opening; every ballot is cast a whole number of seconds after it.
    opens: Timestamp,
    /// Each primaries poll's code and option codes, by [`PackedBallot::poll`].
    papers: Vec<BallotPaper>,
    /// Every member of the registry, by [`PackedBallot::voter`].
    voters: Vec<Iin>,
    /// Sorted by time; ballots of the same second in the order they were drawn.
    ballots: Vec<PackedBallot>,
}

#[derive(Clone, Debug, PartialEq)]
struct BallotPaper {
    code: Code,
    options: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct PackedBallot {
    /// Seconds after [`DemoBallots::opens`].
    second: u32,
    voter: u32,
    marks: Marks,
    poll: u16,
}

/// What a voter marked: option indexes in ballot order, or a blank ballot (no choice list).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Marks {
    /// How many of `options` are marked, or [`Marks::BLANK`].
    count: u8,
    options: [u16; 3],
}

impl Marks {
    /// A blank ballot: `BallotContent(vec![])`, as opposed to an empty choice list.
    const BLANK: u8 = u8::MAX;
}

impl DemoBallots {
    /// How many online ballots the plan casts.
    pub fn len(&self) -> usize {
        self.ballots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ballots.is_empty()
    }

    /// The ballots in time order, each made when it is asked for.
    pub fn iter(&self) -> impl Iterator<Item = DemoCast> + '_ {
        self.ballots.iter().filter_map(|b| self.unpack(b))
    }

    /// How many online ballots mark each option of each poll: `(poll, option)` → ballots.
    pub fn approvals(&self) -> HashMap<(&str, &str), u64> {
        let mut packed: HashMap<(u16, u16), u64> = HashMap::new();
        for b in &self.ballots {
            if b.marks.count == Marks::BLANK {
                continue;
            }
            for &option in b.marks.options.iter().take(usize::from(b.marks.count)) {
                *packed.entry((b.poll, option)).or_default() += 1;
            }
        }
        packed
            .into_iter()
            .filter_map(|((poll, option), n)| {
                let paper = self.papers.get(usize::from(poll))?;
                let option = paper.options.get(usize::from(option))?;
                Some(((paper.code.as_str(), option.as_str()), n))
            })
            .collect()
    }

    fn unpack(&self, b: &PackedBallot) -> Option<DemoCast> {
        let paper = self.papers.get(usize::from(b.poll))?;
        let content = if b.marks.count == Marks::BLANK {
            BallotContent(Vec::new())
        } else {
            let marked = b.marks.options.iter().take(usize::from(b.marks.count));
            BallotContent(vec![
                marked
                    .filter_map(|&o| paper.options.get(usize::from(o)).cloned())
                    .collect(),
            ])
        };
        Some(DemoCast {
            poll: paper.code.clone(),
            voter: *self.voters.get(b.voter as usize)?,
            content,
            at: self.opens + secs(i64::from(b.second)),
        })
    }
}

/// The demo primaries of a scale (see the module's documentation for the story).
///
/// Apply [`before_vote`](Self::before_vote) after the registry, then the
/// [`station_marks`](Self::station_marks) and the [`casts`](Self::casts) merged by time (a
/// station's mark before the ballots cast at or after its time; a batch of ballots is cast with
/// `now` = its last ballot's time), then [`after_close`](Self::after_close), then close and
/// count each poll of [`count`](Self::count) at its time. Every vector is in time order; the
/// vectors follow one another in time, except that station marks and ballots interleave. Every
/// ballot is cast before the regular close (3 Oct 14:00), so a batch never outlives its polls.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrimariesPlan {
    /// Nominations, committee decisions, withdrawals, polls, roll freezes, debates, the polls'
    /// opening and one extension per region, sorted by `held_at`.
    pub before_vote: Vec<Envelope>,
    /// The online ballots, sorted by time; never from a member marked at a station.
    pub casts: DemoBallots,
    /// `mark_at_station` (online) on 3 Oct, sorted by `held_at`.
    pub station_marks: Vec<Envelope>,
    /// `close_poll` for every poll at its close, and `enter_station_return` for every station
    /// and poll after it, sorted by `held_at`.
    pub after_close: Vec<Envelope>,
    /// Every poll with the time to close (already closed), seal and count it: 5 Oct 2020.
    pub count: Vec<(Code, Timestamp)>,
}

/// The primaries of every party list of `scale`, for the registry of `seed`, with about
/// `turnout_permille` / 1000 of every roll voting (online, or at a station on the last day).
pub fn primaries_plan(scale: Scale, seed: u64, turnout_permille: u32) -> PrimariesPlan {
    let Some(world) = World::new(scale, seed) else {
        return PrimariesPlan::default();
    };
    let mut plan = Planner {
        world: &world,
        clock: Clock::new(),
        seed,
        turnout: u64::from(turnout_permille.min(1000)),
        used: vec![false; world.members.len()],
        before: Vec::new(),
        marks: Vec::new(),
        after: Vec::new(),
        casts: Vec::new(),
        papers: Vec::new(),
        count: Vec::new(),
        polls: vec![None; world.targets.len()],
        poll_index: 0,
    };
    // The Bureau extends the vote by a day (as in 2020) before any poll is extended past it.
    if let Some(extension) = crate::extended_phase(
        &world.campaign,
        "primary_vote",
        jiff::civil::date(2020, 10, 4).at(14, 0, 0, 0),
    ) {
        let at = plan.clock.at(10, 1, 0, 0) - SignedDuration::from_mins(5);
        Planner::push(&mut plan.before, ACTOR, at, Command::SetPhase(extension));
    }
    for region in 0..world.regions.len() {
        plan.region(region);
    }
    let Planner {
        mut before,
        mut marks,
        mut after,
        mut casts,
        papers,
        count,
        clock,
        ..
    } = plan;
    for list in [&mut before, &mut marks, &mut after] {
        list.sort_by_key(|e| e.held_at);
    }
    // A stable sort: ballots of the same second stay in the order they were drawn.
    casts.sort_by_key(|c| c.second);
    PrimariesPlan {
        before_vote: before,
        casts: DemoBallots {
            opens: clock.at(10, 1, 0, 0),
            papers,
            voters: world.members.iter().map(|m| m.iin).collect(),
            ballots: casts,
        },
        station_marks: marks,
        after_close: after,
        count,
    }
}

/// Local times of 2020 in the campaign's time zone.
struct Clock {
    zone: TimeZone,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            zone: TimeZone::get(TIME_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(6))),
        }
    }

    fn at(&self, month: i8, day: i8, hour: i8, minute: i8) -> Timestamp {
        date(2020, month, day)
            .at(hour, minute, 0, 0)
            .to_zoned_datetime(self.zone.clone())
            .map(|z| z.timestamp())
            .unwrap_or(HELD_AT)
    }

    fn date(&self, at: Timestamp) -> Date {
        self.zone.to_datetime(at).date()
    }

    /// `17.08.2020`
    fn day_text(&self, at: Timestamp) -> String {
        let d = self.date(at);
        format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
    }
}

fn secs(n: i64) -> SignedDuration {
    SignedDuration::from_secs(n)
}

/// A party list as `set_target` made it.
struct Target {
    code: Code,
    body: Body,
    name: String,
    seats: u32,
    unit: Code,
    region: usize,
    /// A district or city list (its unit is a branch).
    local: bool,
}

struct Member {
    iin: Iin,
    full_name: String,
    ppo: u32,
    joined_on: Date,
}

struct PpoInfo {
    code: Code,
    branch: usize,
    /// The lists whose rolls hold its members, in the order of the targets.
    targets: Vec<usize>,
    members: Vec<u32>,
}

struct BranchInfo {
    code: String,
    has_list: bool,
    ppos: Vec<usize>,
}

struct RegionInfo {
    branches: Vec<usize>,
    targets: Vec<usize>,
    ppos: Vec<usize>,
}

/// The registry of the demo, as the primaries need it.
struct World {
    campaign: Code,
    targets: Vec<Target>,
    members: Vec<Member>,
    ppos: Vec<PpoInfo>,
    branches: Vec<BranchInfo>,
    regions: Vec<RegionInfo>,
}

impl World {
    fn new(scale: Scale, seed: u64) -> Option<World> {
        let campaign = Code::parse(scale.campaign_code()).ok()?;
        let tree = geo::tree(scale, seed);
        let mut branches = Vec::new();
        let mut regions = Vec::new();
        let mut branch_of: HashMap<&str, usize> = HashMap::new();
        let mut region_of: HashMap<&str, usize> = HashMap::new();
        for (r, region) in tree.regions.iter().enumerate() {
            region_of.insert(region.code.as_str(), r);
            let mut info = RegionInfo {
                branches: Vec::new(),
                targets: Vec::new(),
                ppos: Vec::new(),
            };
            for branch in &region.branches {
                branch_of.insert(branch.code.as_str(), branches.len());
                info.branches.push(branches.len());
                branches.push(BranchInfo {
                    code: branch.code.clone(),
                    has_list: false,
                    ppos: Vec::new(),
                });
            }
            regions.push(info);
        }
        let region_of_branch: Vec<usize> = regions
            .iter()
            .enumerate()
            .flat_map(|(r, info)| info.branches.iter().map(move |_| r))
            .collect();

        let mut targets = Vec::new();
        for env in campaign_commands(scale) {
            let Command::SetTarget(SetTarget {
                code,
                body,
                name,
                seats,
                electorate_unit,
                ..
            }) = env.command
            else {
                continue;
            };
            let (region, local) = if let Some(&b) = branch_of.get(electorate_unit.as_str()) {
                branches[b].has_list = true;
                (region_of_branch[b], true)
            } else if let Some(&r) = region_of.get(electorate_unit.as_str()) {
                (r, false)
            } else {
                continue;
            };
            regions[region].targets.push(targets.len());
            targets.push(Target {
                code,
                body,
                name,
                seats,
                unit: electorate_unit,
                region,
                local,
            });
        }

        let parent_of: HashMap<&str, &str> = tree
            .units
            .iter()
            .filter(|u| u.kind == UnitKind::Primary)
            .filter_map(|u| Some((u.code.as_str(), u.parent.as_deref()?)))
            .collect();
        let mut ppos = Vec::with_capacity(tree.ppos.len());
        let mut ppo_index: HashMap<Code, usize> = HashMap::with_capacity(tree.ppos.len());
        for p in &tree.ppos {
            let Some(&b) = parent_of
                .get(p.code.as_str())
                .and_then(|parent| branch_of.get(parent))
            else {
                continue;
            };
            let r = region_of_branch[b];
            let targets_of = regions[r]
                .targets
                .iter()
                .copied()
                .filter(|&t| !targets[t].local || targets[t].unit.as_str() == branches[b].code)
                .collect();
            branches[b].ppos.push(ppos.len());
            regions[r].ppos.push(ppos.len());
            ppo_index.insert(p.code.clone(), ppos.len());
            ppos.push(PpoInfo {
                code: p.code.clone(),
                branch: b,
                targets: targets_of,
                members: Vec::with_capacity(p.size as usize),
            });
        }

        let mut members = Vec::with_capacity(scale.member_count());
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
            let id = members.len() as u32;
            if let Some(p) = ppos.get_mut(index) {
                p.members.push(id);
            }
            members.push(Member {
                iin: person.iin,
                full_name: person.full_name,
                ppo: index as u32,
                joined_on: person.joined_on,
            });
        }
        Some(World {
            campaign,
            targets,
            members,
            ppos,
            branches,
            regions,
        })
    }

    /// The members on the roll of a list: every member of every PPO under its unit.
    fn pool(&self, target: &Target) -> Vec<u32> {
        let region = &self.regions[target.region];
        region
            .ppos
            .iter()
            .filter(|&&p| {
                !target.local || self.branches[self.ppos[p].branch].code == target.unit.as_str()
            })
            .flat_map(|&p| self.ppos[p].members.iter().copied())
            .collect()
    }

    fn branch_of_member(&self, member: u32) -> usize {
        self.ppos[self.members[member as usize].ppo as usize].branch
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Stands,
    Refused,
    Withdrawn,
}

struct Nominee {
    member: u32,
    fate: Fate,
    /// The PPO's decision, or `None` for a self-nomination.
    ppo_decision: Option<String>,
    residency_years: u16,
    nominated: Timestamp,
    decided: Timestamp,
    withdrawn: Timestamp,
    number: u32,
}

/// A poll's ballot as the voters see it: options and how much each candidate attracts.
#[derive(Clone)]
struct Ballot {
    code: Code,
    options: Vec<String>,
    /// Its index in [`DemoBallots::papers`].
    paper: u16,
    /// Running sums of the candidates' appeal (inclusive).
    cumulative: Vec<u64>,
    /// Per branch (a regional list): the candidates from it, with running sums of their appeal.
    by_branch: HashMap<usize, (Vec<usize>, Vec<u64>)>,
    max_marks: usize,
    closes_at: Timestamp,
}

impl Ballot {
    fn draw(cumulative: &[u64], rng: &mut Rng) -> Option<usize> {
        let total = *cumulative.last()?;
        if total == 0 {
            return None;
        }
        let x = rng.below(total);
        Some(cumulative.partition_point(|&c| c <= x))
    }

    /// What one voter from `branch` marks: one to `max_marks` candidates, by appeal, favouring
    /// their own district's candidates on a regional list; now and then a blank ballot.
    fn marks(&self, branch: usize, rng: &mut Rng) -> Marks {
        if rng.chance(3) || self.options.is_empty() {
            return Marks {
                count: Marks::BLANK,
                options: [0; 3],
            };
        }
        let wanted = if self.max_marks <= 1 {
            1
        } else {
            (rng.weighted(&[25, 30, 45]) + 1).min(self.max_marks)
        }
        .min(self.options.len());
        let own = self.by_branch.get(&branch);
        let mut picks: Vec<usize> = Vec::with_capacity(wanted);
        for _ in 0..wanted * 12 {
            if picks.len() == wanted {
                break;
            }
            let pick = match own {
                Some((indexes, cumulative)) if rng.chance(450) => {
                    Ballot::draw(cumulative, rng).and_then(|i| indexes.get(i).copied())
                }
                _ => Ballot::draw(&self.cumulative, rng),
            };
            if let Some(p) = pick
                && !picks.contains(&p)
            {
                picks.push(p);
            }
        }
        picks.sort_unstable();
        let mut marks = Marks {
            count: 0,
            options: [0; 3],
        };
        // At most three marks (`max_marks`), each an index of `options`, which a `u16` holds.
        for (slot, &p) in marks.options.iter_mut().zip(&picks) {
            *slot = p as u16;
            marks.count += 1;
        }
        marks
    }

    /// One option for a paper ballot at a station, by appeal.
    fn paper_choice(&self, rng: &mut Rng) -> Option<&String> {
        Ballot::draw(&self.cumulative, rng).and_then(|i| self.options.get(i))
    }
}

fn running_sums(weights: impl Iterator<Item = u64>) -> Vec<u64> {
    weights
        .scan(0u64, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .collect()
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

fn slug(code: &str) -> String {
    code.to_ascii_lowercase().replace(['-', '.'], "_")
}

fn video_id(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    (0..11)
        .map(|_| char::from(ALPHABET[rng.index(ALPHABET.len())]))
        .collect()
}

const REFUSALS: [&str; 3] = [
    "Не представлены документы, подтверждающие сведения анкеты кандидата; замечания оргкомиссии не устранены в установленный срок",
    "Заявление о согласии баллотироваться не подписано кандидатом",
    "Сведения об отсутствии непогашенной судимости не подтверждены справкой уполномоченного органа",
];
const PPO_REFUSAL: &str = "Решение о выдвижении принято собранием ППО в отсутствие кворума";
const WITHDRAWALS: [&str; 4] = [
    "Заявление кандидата о снятии своей кандидатуры по семейным обстоятельствам",
    "Заявление кандидата о снятии своей кандидатуры по состоянию здоровья",
    "Заявление кандидата о снятии своей кандидатуры в связи с переходом на другую работу",
    "Заявление кандидата о снятии своей кандидатуры в связи с переездом",
];

/// Online votes by hour of the day (local), per mille of the busiest hour.
const HOURLY: [u32; 24] = [
    30, 18, 10, 8, 8, 12, 30, 60, 90, 120, 130, 130, 110, 100, 100, 100, 100, 110, 120, 130, 130,
    110, 80, 50,
];

struct Planner<'w> {
    world: &'w World,
    clock: Clock,
    seed: u64,
    turnout: u64,
    /// Members already standing somewhere (one candidacy each).
    used: Vec<bool>,
    before: Vec<Envelope>,
    marks: Vec<Envelope>,
    after: Vec<Envelope>,
    casts: Vec<PackedBallot>,
    /// The primaries polls' codes and options, in the order they were created.
    papers: Vec<BallotPaper>,
    count: Vec<(Code, Timestamp)>,
    /// The ballot of each target's poll, once created.
    polls: Vec<Option<Ballot>>,
    poll_index: i64,
}

impl Planner<'_> {
    fn push(list: &mut Vec<Envelope>, actor: &str, at: Timestamp, command: Command) {
        list.push(Envelope {
            actor: actor.to_string(),
            held_at: at,
            command,
        });
    }

    fn region(&mut self, region: usize) {
        let world = self.world;
        let targets = world.regions[region].targets.clone();
        for &t in &targets {
            self.list(t);
        }
        let opens = self.clock.at(10, 1, 0, 0);
        let closes = self.clock.at(10, 3, 14, 0);
        let extended_to = self.clock.at(10, 4, 14, 0);
        // The poll extended by a day: a district or city list (the regional one in a city).
        let mut rng = Rng::new(self.seed, &format!("primaries:extend:{region}"));
        let locals: Vec<usize> = targets
            .iter()
            .copied()
            .filter(|&t| world.targets[t].local)
            .collect();
        let extended = if locals.is_empty() {
            targets.first().copied()
        } else {
            Some(*rng.pick(&locals))
        };
        for &t in &targets {
            let Some(ballot) = self.polls[t].as_mut() else {
                continue;
            };
            let actor = format!("organizer:{}", world.targets[t].unit);
            let poll = ballot.code.clone();
            Planner::push(
                &mut self.before,
                &actor,
                opens,
                Command::OpenPoll(OpenPoll { poll: poll.clone() }),
            );
            if Some(t) == extended {
                ballot.closes_at = extended_to;
                Planner::push(
                    &mut self.before,
                    &actor,
                    opens,
                    Command::ExtendPoll(ExtendPoll {
                        poll,
                        closes_at: extended_to,
                        reason: EXTENSION_REASON.to_string(),
                    }),
                );
            }
        }
        let stations = self.stations(region);
        self.online(region, &stations, opens, closes);
        // The close, the stations' returns, the count.
        for &t in &targets {
            if let Some(ballot) = &self.polls[t] {
                Planner::push(
                    &mut self.after,
                    &format!("organizer:{}", world.targets[t].unit),
                    ballot.closes_at,
                    Command::ClosePoll(ClosePoll {
                        poll: ballot.code.clone(),
                        reason: String::new(),
                    }),
                );
            }
        }
        let mut rng = Rng::new(self.seed, &format!("primaries:returns:{region}"));
        for (s, (station, ppo, voters)) in stations.iter().enumerate() {
            for (j, &t) in world.ppos[*ppo].targets.iter().enumerate() {
                let Some(ballot) = &self.polls[t] else {
                    continue;
                };
                let n = voters.len() as u64;
                let spoiled = rng.below(3).min(n);
                let mut per_option: BTreeMap<String, u64> = BTreeMap::new();
                for _ in 0..n - spoiled {
                    if let Some(code) = ballot.paper_choice(&mut rng) {
                        *per_option.entry(code.clone()).or_default() += 1;
                    }
                }
                let at =
                    ballot.closes_at + SignedDuration::from_mins(60 + 15 * s as i64 + 3 * j as i64);
                Planner::push(
                    &mut self.after,
                    &format!("organizer:{}", world.targets[t].unit),
                    at,
                    Command::EnterStationReturn(EnterStationReturn {
                        poll: ballot.code.clone(),
                        station: station.clone(),
                        per_option,
                        spoiled,
                        ballots: Vec::new(),
                        commission: format!(
                            "Участковая счётная комиссия {station}, протокол № 1 от {}",
                            self.clock.day_text(at)
                        ),
                    }),
                );
            }
        }
        let counted = self.clock.at(10, 5, 10, 0);
        for &t in &targets {
            if let Some(ballot) = &self.polls[t] {
                let at = counted + SignedDuration::from_mins(2 * self.poll_index);
                self.poll_index += 1;
                self.count.push((ballot.code.clone(), at));
            }
        }
    }

    /// Candidates, committee decisions, withdrawals, the poll and its roll, the debates.
    fn list(&mut self, t: usize) {
        let world = self.world;
        let target = &world.targets[t];
        let mut rng = Rng::new(self.seed, &format!("primaries:{}", target.code));
        let committee = format!("organizer:{}", target.unit);
        let rules = EligibilityRules::defaults(target.body, mandat_core::RulesVersion::CURRENT);
        let pool = world.pool(target);
        if pool.is_empty() {
            return;
        }
        let seats = target.seats.max(1);
        let spread = i64::from(seats / 5);
        let standing = (i64::from(seats) * 4 + rng.between(-spread, spread))
            .max(i64::from(seats) * 3)
            .max(2) as usize;
        let refused = (standing * 20 + rng.index(1000)) / 1000;
        let withdrawn = (standing * 15 + rng.index(1000)) / 1000;

        // Who: a woman and a young candidate first (both stand), then everyone else; then, where
        // those standing are too few women or too few under 35 for the 2020 quotas of the
        // longest list, more of them stand, so that every list can meet its rules.
        let longest = mandat_core::lists::ListRules::kazakhstan_2020(seats).max_size as usize;
        let women_needed = (longest * 30).div_ceil(100);
        let young_needed = (longest * 20).div_ceil(100);
        let (mut women, mut young) = (0usize, 0usize);
        let mut nominees: Vec<Nominee> = Vec::new();
        let slots = standing + refused + withdrawn;
        for slot in 0.. {
            #[derive(PartialEq)]
            enum Want {
                Woman,
                Young,
                Anyone,
            }
            let (fate, want) = if slot < slots {
                let fate = if slot < 2 || slot >= 2 + refused + withdrawn {
                    Fate::Stands
                } else if slot < 2 + refused {
                    Fate::Refused
                } else {
                    Fate::Withdrawn
                };
                let want = match slot {
                    0 => Want::Woman,
                    1 => Want::Young,
                    _ => Want::Anyone,
                };
                (fate, want)
            } else if women < women_needed {
                (Fate::Stands, Want::Woman)
            } else if young < young_needed {
                (Fate::Stands, Want::Young)
            } else {
                break;
            };
            // Give up on a quota the pool cannot fill (20,000 draws found nobody).
            if slot > slots + longest {
                break;
            }
            let Some((member, age)) =
                self.draw_candidate(&pool, &rules, &mut rng, |m, age| match want {
                    Want::Woman => m.iin.sex() == Sex::Female,
                    Want::Young => age < YOUTH_UNDER,
                    Want::Anyone => true,
                })
            else {
                continue;
            };
            if fate == Fate::Stands {
                women += usize::from(world.members[member as usize].iin.sex() == Sex::Female);
                young += usize::from(age < YOUTH_UNDER);
            }
            let m = &world.members[member as usize];
            let day = rng.between(17, 24) as i8;
            let nominated =
                self.clock
                    .at(8, day, rng.between(9, 19) as i8, rng.between(0, 59) as i8)
                    + secs(rng.between(0, 59));
            let decided_day = (day + rng.between(1, 3) as i8).min(27);
            let decided = self.clock.at(
                8,
                decided_day,
                rng.between(10, 17) as i8,
                rng.between(0, 59) as i8,
            );
            let withdrawal_from =
                (decided + SignedDuration::from_hours(1)).max(self.clock.at(8, 26, 9, 0));
            let withdrawal_until = self.clock.at(8, 28, 8, 0);
            let window = withdrawal_until.duration_since(withdrawal_from).as_secs();
            let withdrawn_at = withdrawal_from + secs(rng.between(0, window.max(1) - 1));
            let ppo_decision = rng.chance(650).then(|| {
                let decided_on = i64::from(day) - rng.between(1, 5);
                format!(
                    "Протокол собрания ППО {} № {} от {:02}.08.2020",
                    world.ppos[m.ppo as usize].code,
                    rng.between(2, 9),
                    decided_on
                )
            });
            // At least the residence the list asks (10 years for the Mazhilis since rules version 2).
            let least = i64::from(rules.min_residency_years).max(3);
            let residency_years = rng.between(least, i64::from(age - 17).max(least)).min(60) as u16;
            nominees.push(Nominee {
                member,
                fate,
                ppo_decision,
                residency_years,
                nominated,
                decided,
                withdrawn: withdrawn_at,
                number: 0,
            });
        }
        nominees.sort_by_key(|n| (n.nominated, n.member));
        for (i, n) in nominees.iter_mut().enumerate() {
            n.number = i as u32 + 1;
        }

        for n in &nominees {
            let m = &world.members[n.member as usize];
            let nominated_by = match &n.ppo_decision {
                Some(decision) => NominatedBy::Ppo {
                    unit: world.ppos[m.ppo as usize].code.clone(),
                    decision: decision.clone(),
                },
                None => NominatedBy::SelfNominated,
            };
            Planner::push(
                &mut self.before,
                ACTOR,
                n.nominated,
                Command::NominateCandidate(NominateCandidate {
                    campaign: world.campaign.clone(),
                    target: target.code.clone(),
                    iin: m.iin,
                    nominated_by,
                    residency_years: n.residency_years,
                    unexpunged_conviction: false,
                    corruption_offence: false,
                    record_source: Some(format!(
                        "справка о наличии либо отсутствии судимости от {}",
                        self.clock.date(n.nominated)
                    )),
                }),
            );
            let sitting = self.clock.date(n.decided);
            let command = if n.fate == Fate::Refused {
                let reason = if n.ppo_decision.is_some() && rng.chance(250) {
                    PPO_REFUSAL
                } else {
                    *rng.pick(&REFUSALS)
                };
                Command::RefuseCandidate(RefuseCandidate {
                    campaign: world.campaign.clone(),
                    target: target.code.clone(),
                    iin: m.iin,
                    reason: reason.to_string(),
                })
            } else {
                Command::RegisterCandidate(RegisterCandidate {
                    campaign: world.campaign.clone(),
                    target: target.code.clone(),
                    iin: m.iin,
                    decision: format!(
                        "Решение территориальной организационной комиссии № {} от {}",
                        sitting.day() - 17,
                        self.clock.day_text(n.decided)
                    ),
                })
            };
            Planner::push(&mut self.before, &committee, n.decided, command);
            if n.fate == Fate::Withdrawn {
                Planner::push(
                    &mut self.before,
                    ACTOR,
                    n.withdrawn,
                    Command::WithdrawCandidate(WithdrawCandidate {
                        campaign: world.campaign.clone(),
                        target: target.code.clone(),
                        iin: m.iin,
                        reason: rng.pick(&WITHDRAWALS).to_string(),
                    }),
                );
            }
        }

        // The ballot: those standing, by number; a few strong candidates, many weak ones.
        let on_ballot: Vec<&Nominee> = nominees.iter().filter(|n| n.fate == Fate::Stands).collect();
        if on_ballot.len() < 2 {
            return;
        }
        let mut appeal: Vec<u64> = on_ballot
            .iter()
            .map(|_| {
                let x = rng.below(1000);
                40 + x * x * x / 1_000_000
            })
            .collect();
        // One woman and one young candidate are among the strongest.
        let woman = on_ballot
            .iter()
            .position(|n| world.members[n.member as usize].iin.sex() == Sex::Female);
        let young = on_ballot.iter().position(|n| {
            age_on(
                world.members[n.member as usize].iin.birth_date(),
                ELECTION_DAY,
            ) < YOUTH_UNDER
        });
        if let Some(i) = woman {
            appeal[i] = rng.between(900, 1300) as u64;
        }
        if let Some(i) = young
            && Some(i) != woman
        {
            appeal[i] = rng.between(800, 1200) as u64;
        }
        let options: Vec<OptionSpec> = on_ballot
            .iter()
            .map(|n| {
                let m = &world.members[n.member as usize];
                OptionSpec {
                    code: format!("c{}", n.number),
                    label: m.full_name.clone(),
                    candidate: Some(m.iin),
                }
            })
            .collect();
        let mut by_branch: HashMap<usize, (Vec<usize>, Vec<u64>)> = HashMap::new();
        if !target.local {
            let mut grouped: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for (i, n) in on_ballot.iter().enumerate() {
                grouped
                    .entry(world.branch_of_member(n.member))
                    .or_default()
                    .push(i);
            }
            for (branch, indexes) in grouped {
                let sums = running_sums(indexes.iter().map(|&i| appeal[i]));
                by_branch.insert(branch, (indexes, sums));
            }
        }
        let Ok(poll) = Code::parse(&primaries_poll_code(target.code.as_str())) else {
            return;
        };
        let method = if target.seats >= 3 {
            Method::Approval {
                max_choices: Some(3),
            }
        } else {
            Method::Plurality
        };
        let cutoff = self.clock.at(8, 28, 18, 0);
        let opens = self.clock.at(10, 1, 0, 0);
        let closes = self.clock.at(10, 3, 14, 0);
        let created = self.clock.at(8, 28, 10, 0) + SignedDuration::from_mins(t as i64);
        Planner::push(
            &mut self.before,
            &committee,
            created,
            Command::CreatePoll(CreatePoll {
                code: poll.clone(),
                campaign: world.campaign.clone(),
                title: format!("Праймериз: {}", target.name),
                target: Some(target.code.clone()),
                meeting: None,
                options: options.clone(),
                method,
                seats: target.seats.min(options.len() as u32),
                electorate: Electorate::Members {
                    unit: target.unit.clone(),
                },
                roll_cutoff: cutoff,
                opens_at: opens,
                closes_at: closes,
                board: BoardMode::Sealed,
                lot_seed_hash: None,
                phase: Code::parse("primary_vote").ok(),
                debate: None,
            }),
        );
        Planner::push(
            &mut self.before,
            &committee,
            cutoff,
            Command::FreezeRoll(FreezeRoll { poll: poll.clone() }),
        );
        let option_codes: Vec<String> = options.iter().map(|o| o.code.clone()).collect();
        let paper = self.papers.len() as u16;
        self.papers.push(BallotPaper {
            code: poll.clone(),
            options: option_codes.clone(),
        });
        self.polls[t] = Some(Ballot {
            code: poll,
            options: option_codes,
            paper,
            cumulative: running_sums(appeal.iter().copied()),
            by_branch,
            max_marks: if method == Method::Plurality { 1 } else { 3 },
            closes_at: closes,
        });

        // Debates: groups of four to six, 14–30 Sep at 11:00, 15:00 or 19:00.
        let mut order: Vec<Iin> = on_ballot
            .iter()
            .map(|n| world.members[n.member as usize].iin)
            .collect();
        for i in (1..order.len()).rev() {
            let j = rng.index(i + 1);
            order.swap(i, j);
        }
        let n = order.len();
        let fewest = n.div_ceil(6);
        let most = (n / 4).max(fewest);
        let groups = rng.between(fewest as i64, most as i64) as usize;
        const SLOTS: usize = 17 * 3;
        let slot_list: Vec<usize> = (0..SLOTS).collect();
        let mut slots = sample(&slot_list, groups.min(SLOTS), &mut rng);
        slots.sort_unstable();
        let announced = self.clock.at(9, 7 + (t % 5) as i8, 10, 0);
        let streams = vec![
            Stream {
                platform: Platform::Youtube,
                url: format!(
                    "https://www.youtube.com/@nurotan_{}/live",
                    slug(target.unit.as_str())
                ),
            },
            Stream {
                platform: Platform::Facebook,
                url: format!(
                    "https://www.facebook.com/nurotan.{}/live",
                    slug(target.unit.as_str())
                ),
            },
        ];
        let mut start = 0;
        for g in 0..groups {
            let size = n / groups + usize::from(g < n % groups);
            let participants: Vec<Iin> = order[start..(start + size).min(n)].to_vec();
            start += size;
            if participants.len() < 2 {
                continue;
            }
            let slot = slots.get(g).copied().unwrap_or(g % SLOTS);
            let starts_at = self
                .clock
                .at(9, 14 + (slot / 3) as i8, [11, 15, 19][slot % 3], 0);
            let Ok(code) = Code::parse(&format!("{}.debate-{:02}", target.code, g + 1)) else {
                continue;
            };
            Planner::push(
                &mut self.before,
                &committee,
                announced + SignedDuration::from_mins(g as i64),
                Command::ScheduleDebate(ScheduleDebate {
                    code: code.clone(),
                    campaign: world.campaign.clone(),
                    target: target.code.clone(),
                    unit: target.unit.clone(),
                    starts_at,
                    participants: participants.clone(),
                    streams: streams.clone(),
                    phase: Code::parse("debates").ok(),
                }),
            );
            let attendance = participants
                .iter()
                .map(|&iin| DebateMark {
                    iin,
                    attendance: match rng.below(1000) {
                        0..30 => DebateAttendance::Refused,
                        30..60 => DebateAttendance::Absent,
                        _ => DebateAttendance::TookPart,
                    },
                })
                .collect();
            Planner::push(
                &mut self.before,
                &committee,
                starts_at + SignedDuration::from_mins(120 + rng.between(0, 40)),
                Command::RecordDebate(RecordDebate {
                    debate: code,
                    recording: Some(format!(
                        "https://www.youtube.com/watch?v={}",
                        video_id(&mut rng)
                    )),
                    attendance,
                }),
            );
        }
    }

    /// A member of `pool` not yet standing anywhere, eligible for the list, and `wanted`.
    fn draw_candidate(
        &mut self,
        pool: &[u32],
        rules: &EligibilityRules,
        rng: &mut Rng,
        wanted: impl Fn(&Member, i16) -> bool,
    ) -> Option<(u32, i16)> {
        for _ in 0..20_000 {
            let id = *rng.pick(pool);
            if self.used[id as usize] {
                continue;
            }
            let m = &self.world.members[id as usize];
            let age = age_on(m.iin.birth_date(), ELECTION_DAY);
            let facts = CandidateFacts {
                birth_date: m.iin.birth_date(),
                status: MemberStatus::Active,
                joined_on: m.joined_on,
                residency_years: rules.min_residency_years,
                unexpunged_conviction: false,
                corruption_offence: false,
            };
            if !wanted(m, age) || !check_eligibility(rules, &facts, ELECTION_DAY).is_empty() {
                continue;
            }
            self.used[id as usize] = true;
            return Some((id, age));
        }
        None
    }

    /// Three or four polling stations on 3 Oct, each in a PPO of its own district: who voted
    /// there, marked in two to four lists during the morning. Returns (station, PPO, voters).
    fn stations(&mut self, region: usize) -> Vec<(Code, usize, Vec<Iin>)> {
        let world = self.world;
        let mut rng = Rng::new(self.seed, &format!("primaries:stations:{region}"));
        let info = &world.regions[region];
        let mut branches: Vec<usize> = info
            .branches
            .iter()
            .copied()
            .filter(|&b| world.branches[b].has_list && !world.branches[b].ppos.is_empty())
            .collect();
        if branches.is_empty() {
            branches = info
                .branches
                .iter()
                .copied()
                .filter(|&b| !world.branches[b].ppos.is_empty())
                .collect();
        }
        let count = rng.between(3, 4) as usize;
        let mut out = Vec::new();
        for b in sample(&branches, count, &mut rng) {
            let branch = &world.branches[b];
            let big: Vec<usize> = branch
                .ppos
                .iter()
                .copied()
                .filter(|&p| world.ppos[p].members.len() >= 30)
                .collect();
            let candidates = if big.is_empty() { &branch.ppos } else { &big };
            let ppo = *rng.pick(candidates);
            let Ok(station) = Code::parse(&format!("{}-S{:02}", branch.code, rng.between(1, 9)))
            else {
                continue;
            };
            let size = rng.between(24, 45) as usize;
            let members = sample(&world.ppos[ppo].members, size, &mut rng);
            let voters: Vec<Iin> = members
                .iter()
                .map(|&m| world.members[m as usize].iin)
                .collect();
            let lists = rng.between(2, 4) as usize;
            let mut times: Vec<Timestamp> = (0..lists)
                .map(|_| {
                    self.clock
                        .at(10, 3, rng.between(8, 13) as i8, rng.between(0, 59) as i8)
                        + secs(rng.between(0, 59))
                })
                .collect();
            times.sort_unstable();
            let per_list = voters.len().div_ceil(lists).max(1);
            for (chunk, at) in voters.chunks(per_list).zip(&times) {
                let mut iins = chunk.to_vec();
                iins.sort_unstable();
                for &t in &world.ppos[ppo].targets {
                    let Some(ballot) = &self.polls[t] else {
                        continue;
                    };
                    Planner::push(
                        &mut self.marks,
                        &format!("organizer:{}", branch.code),
                        *at,
                        Command::MarkAtStation(MarkAtStation {
                            poll: ballot.code.clone(),
                            station: station.clone(),
                            iins: iins.clone(),
                            offline: false,
                        }),
                    );
                }
            }
            out.push((station, ppo, voters));
        }
        out
    }

    /// The online ballots of a region: each voter votes in all their polls within minutes.
    fn online(
        &mut self,
        region: usize,
        stations: &[(Code, usize, Vec<Iin>)],
        opens: Timestamp,
        closes: Timestamp,
    ) {
        let world = self.world;
        let at_station: HashSet<Iin> = stations
            .iter()
            .flat_map(|(_, _, voters)| voters.iter().copied())
            .collect();
        let hours = closes.duration_since(opens).as_hours().max(1) as usize;
        let weights: Vec<u32> = (0..hours)
            .map(|h| {
                // More on the first day, and a last rush before the close.
                let day = match h / 24 {
                    0 => 130,
                    1 => 100,
                    _ => 95,
                };
                let rush = if h + 3 >= hours { 140 } else { 100 };
                HOURLY[h % 24] * day * rush / 10_000
            })
            .collect();
        for &p in &world.regions[region].ppos {
            let ppo = &world.ppos[p];
            let mut rng = Rng::new(self.seed, &format!("primaries:votes:{}", ppo.code));
            let turnout = if self.turnout == 0 {
                0
            } else {
                (self.turnout as i64 + rng.between(-50, 50)).clamp(0, 1000) as u64
            };
            for &id in &ppo.members {
                let m = &world.members[id as usize];
                if at_station.contains(&m.iin) || !rng.chance(turnout) {
                    continue;
                }
                let hour = rng.weighted(&weights) as u32;
                // Seconds after the opening: under 62 hours and a few minutes, well within u32.
                let mut second = hour * 3600 + rng.between(0, 3300) as u32;
                for &t in &ppo.targets {
                    let Some(ballot) = &self.polls[t] else {
                        continue;
                    };
                    self.casts.push(PackedBallot {
                        second,
                        voter: id,
                        marks: ballot.marks(ppo.branch, &mut rng),
                        poll: ballot.paper,
                    });
                    second += rng.between(15, 80) as u32;
                }
            }
        }
    }
}
