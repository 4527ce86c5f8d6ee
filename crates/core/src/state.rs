//! What a decision sees of the record (a snapshot the store loads) and the changes a decision makes.

use crate::ballot::{Checkpoint, Hash32};
use crate::iin::Iin;
use crate::lists::{ListEvent, PartyList, TargetListRules};
use crate::meeting::model::{
    Allotment, Attendance, Delegate, Excusal, Mandate, Meeting, MeetingKind, MotionKind,
    Representation, SetRule, Vote, VoteMark,
};
use crate::model::{Campaign, Code, Member, MemberStatus, Phase, Target, Unit};
use crate::phone::Phone;
use crate::poll::{
    Candidacy, Debate, Marked, Poll, PollResult, RollEntry, SealedBallot, StationConflict,
    StationReturn,
};
use crate::primaries::EligibilityRules;
use std::collections::{BTreeMap, HashMap};

/// A persistent hash map: copies share their unchanged parts.
pub type Shared<K, V> = imbl::HashMap<K, V>;
/// A persistent ordered map: copies share their unchanged parts.
pub type SharedOrd<K, V> = imbl::OrdMap<K, V>;

/// One change to the projections; the store writes it, the snapshot absorbs it.
// Changes live for one decision; boxing the large meeting record would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A newer version of the rules, in force from the command after `adopted_seq`.
    PutRules {
        version: crate::rules::RulesVersion,
        adopted_seq: i64,
    },
    PutUnit(Unit),
    PutMember(Member),
    PutCampaign(Campaign),
    PutPhase(Phase),
    DeletePhase {
        campaign: Code,
        phase: Code,
    },
    PutTarget(Target),
    DeleteTarget {
        campaign: Code,
        target: Code,
    },
    PutMeeting(Meeting),
    PutRepresentation(Representation),
    PutDecisionRule(SetRule),
    PutDebateQuota(crate::poll::DebateQuota),
    PutSignedMinutes(crate::meeting::model::SignedMinutes),
    PutAllotment(Allotment),
    PutMandate(Mandate),
    PutAttendance(Attendance),
    PutVote(Vote),
    PutVoteMark(VoteMark),
    PutDelegate(Delegate),
    DeleteDelegate {
        campaign: Code,
        conference_unit: Code,
        member: i64,
    },
    PutExcusal(Excusal),
    PutEligibility {
        campaign: Code,
        target: Code,
        rules: EligibilityRules,
    },
    PutCandidacy(Candidacy),
    PutDebate(Debate),
    PutPoll(Poll),
    /// The roll of a members' poll: every active member of `units` (a subtree) at the freeze.
    FreezeMembersRoll {
        poll: Code,
        units: Vec<Code>,
    },
    /// The roll of a conference's rating vote: those checked in.
    PutRoll(Vec<RollEntry>),
    MarkRoll {
        poll: Code,
        members: Vec<i64>,
        marked: Marked,
    },
    PutLeaves {
        poll: Code,
        leaves: Vec<Hash32>,
    },
    PutCheckpoint(Checkpoint),
    PutStationReturn(StationReturn),
    PutStationConflict(StationConflict),
    /// Ballots sealed at the close: they replace the live rows of the box, in tracker order.
    PutSealed {
        poll: Code,
        ballots: Vec<SealedBallot>,
    },
    PutResult(PollResult),
    PutListRules(TargetListRules),
    PutList(PartyList),
    PutListEvent(ListEvent),
    /// A staff account, added or disabled.
    PutAccount(crate::staff::Account),
    /// A role granted to a person.
    PutGrant(crate::staff::Grant),
    /// A grant revoked.
    DeleteGrant {
        iin: Iin,
        role: crate::staff::GrantedRole,
        scope: crate::staff::GrantScope,
    },
    /// A message to a member's old phone (an outbox the SMS gateway drains).
    Notify {
        phone: Phone,
        /// The English text, as recorded since the first version (kept so that `verify` can
        /// check databases written before notices were typed).
        text: String,
        /// The notice as data: the gateway makes the text in the member's language.
        notice: crate::notice::Notice,
    },
}

/// A poll's part of the record that a batch's commands need (see [`crate::command::Needs`]).
#[derive(Clone, Debug, Default)]
pub struct PollDetail {
    /// Roll entries of the members the commands name.
    pub roll: HashMap<i64, RollEntry>,
    /// Members marked as having voted, online and at stations (loaded when a command needs them).
    pub marked_online: u64,
    pub marked_station: u64,
    /// Members marked per polling station.
    pub station_marks: HashMap<Code, u64>,
    pub returns: Vec<StationReturn>,
    /// Members marked both online and at a station, or at two stations, and their resolutions.
    pub conflicts: Vec<StationConflict>,
    /// Loaded only when the decision needs the box (checkpoints, sealing, the count).
    pub leaves: Option<std::collections::BTreeSet<Hash32>>,
    pub sealed: Option<Vec<SealedBallot>>,
    /// When the latest checkpoint was taken (loaded with the box).
    pub last_checkpoint: Option<jiff::Timestamp>,
}

/// A meeting's mandates, attendance and votes: loaded for the meetings a batch's commands name.
#[derive(Clone, Debug, Default)]
pub struct MeetingDetail {
    pub mandates: BTreeMap<u32, Mandate>,
    pub attendance: HashMap<i64, Attendance>,
    pub votes: BTreeMap<u32, Vote>,
    pub marks: HashMap<(u32, i64), VoteMark>,
}

impl MeetingDetail {
    pub fn mandate_of(&self, member: i64) -> Option<&Mandate> {
        self.mandates.values().find(|m| m.member == member)
    }

    /// Those present now, in the hall and remote.
    pub fn present(&self) -> (u32, u32) {
        let mut hall = 0u32;
        let mut remote = 0u32;
        for a in self.attendance.values().filter(|a| a.present) {
            match a.mode {
                crate::meeting::model::Presence::Hall => hall += 1,
                crate::meeting::model::Presence::Remote => remote += 1,
            }
        }
        (hall, remote)
    }
}

/// The part of the record a batch of decisions needs.
///
/// Units, campaigns and member counts per unit are always complete (they are small); members and
/// phone owners are present for every IIN and phone the batch's commands name, and meeting details
/// for every meeting they name ([`crate::command::Command::needs`]) — the store guarantees that when
/// it loads the snapshot. Meetings, norms, allotments, delegates and excusals are complete (thousands
/// of rows nationally).
///
/// The complete parts are persistent maps ([`Shared`], [`SharedOrd`]): the store keeps the record
/// in memory between transactions, and a copy for a batch or a page costs nothing until it is
/// changed, and then only the path to what changed. The parts a batch loads for itself (members,
/// phone owners, details, rolls, results) are ordinary maps, empty in the record kept in memory.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The version of the rules in force: what decides every command from here on.
    pub rules_version: crate::rules::RulesVersion,
    pub units: Shared<Code, Unit>,
    pub active_members_by_unit: Shared<Code, u64>,
    pub members: HashMap<Iin, Member>,
    pub phone_owners: HashMap<Phone, Iin>,
    pub campaigns: Shared<Code, Campaign>,
    pub phases: Shared<(Code, Code), Phase>,
    pub targets: Shared<(Code, Code), Target>,
    pub meetings: Shared<Code, Meeting>,
    pub representations: Shared<(Code, Code), Representation>,
    /// The decision rules set per (campaign, meeting kind or every kind, motion).
    pub decision_rules: Shared<(Code, Option<MeetingKind>, MotionKind), SetRule>,
    /// Keyed by (campaign, unit sending the delegates).
    pub allotments: Shared<(Code, Code), Allotment>,
    /// Keyed by (campaign, target, unit).
    pub debate_quotas: SharedOrd<(Code, Code, Code), crate::poll::DebateQuota>,
    /// The signed scans of minutes, by meeting.
    pub signed_minutes: Shared<Code, crate::meeting::model::SignedMinutes>,
    /// Keyed by (campaign, conference unit, member id).
    pub delegates: SharedOrd<(Code, Code, i64), Delegate>,
    pub excusals: Shared<(Code, Code), Excusal>,
    pub details: HashMap<Code, MeetingDetail>,
    /// Keyed by (campaign, target).
    pub eligibility: Shared<(Code, Code), EligibilityRules>,
    /// Keyed by (campaign, target, member id); complete.
    pub candidacies: SharedOrd<(Code, Code, i64), Candidacy>,
    pub debates: Shared<Code, Debate>,
    pub polls: Shared<Code, Poll>,
    /// Polls with a frozen roll that is not yet closed, per member the batch names: the phone lock.
    pub rolls_of_member: HashMap<i64, Vec<Code>>,
    pub poll_details: HashMap<Code, PollDetail>,
    /// Keyed by (campaign, target); complete (one per target).
    pub list_rules: Shared<(Code, Code), TargetListRules>,
    /// Keyed by (campaign, target); complete.
    pub party_lists: Shared<(Code, Code), PartyList>,
    /// Counts of the polls rating the targets a batch's list commands name (their ratings).
    pub poll_results: HashMap<Code, PollResult>,
    /// Staff accounts by login; complete (hundreds).
    pub accounts: Shared<crate::staff::Login, crate::staff::Account>,
    /// Role grants by (IIN, role, scope); complete (some 20,000 in a national cycle).
    pub grants: SharedOrd<crate::staff::GrantKey, crate::staff::Grant>,
}

impl Snapshot {
    /// The complete part alone: what the store keeps in memory between transactions.
    pub fn clear_loaded(&mut self) {
        self.members.clear();
        self.phone_owners.clear();
        self.details.clear();
        self.poll_details.clear();
        self.rolls_of_member.clear();
        self.poll_results.clear();
    }

    /// The complete parts in which two snapshots differ, by name: the store's check that the
    /// record it keeps in memory is the record in the database.
    pub fn complete_parts_differing(&self, other: &Snapshot) -> Vec<&'static str> {
        let mut differing = Vec::new();
        let mut compare = |name: &'static str, same: bool| {
            if !same {
                differing.push(name);
            }
        };
        compare("rules_version", self.rules_version == other.rules_version);
        compare("units", self.units == other.units);
        compare(
            "active_members_by_unit",
            self.active_members_by_unit == other.active_members_by_unit,
        );
        compare("campaigns", self.campaigns == other.campaigns);
        compare("phases", self.phases == other.phases);
        compare("targets", self.targets == other.targets);
        compare("meetings", self.meetings == other.meetings);
        compare(
            "representations",
            self.representations == other.representations,
        );
        compare(
            "decision_rules",
            self.decision_rules == other.decision_rules,
        );
        compare("allotments", self.allotments == other.allotments);
        compare("debate_quotas", self.debate_quotas == other.debate_quotas);
        compare(
            "signed_minutes",
            self.signed_minutes == other.signed_minutes,
        );
        compare("delegates", self.delegates == other.delegates);
        compare("excusals", self.excusals == other.excusals);
        compare("eligibility", self.eligibility == other.eligibility);
        compare("candidacies", self.candidacies == other.candidacies);
        compare("debates", self.debates == other.debates);
        compare("polls", self.polls == other.polls);
        compare("list_rules", self.list_rules == other.list_rules);
        compare("party_lists", self.party_lists == other.party_lists);
        compare("accounts", self.accounts == other.accounts);
        compare("grants", self.grants == other.grants);
        differing
    }

    /// The party lists (campaign, target) the member stands for, in any status.
    pub fn lists_standing_for(&self, iin: &Iin) -> Vec<(Code, Code)> {
        let Some(member) = self.members.get(iin) else {
            return Vec::new();
        };
        self.candidacies
            .keys()
            .filter(|(_, _, id)| *id == member.id)
            .map(|(campaign, target, _)| (campaign.clone(), target.clone()))
            .collect()
    }

    pub fn unit(&self, code: &Code) -> Option<&Unit> {
        self.units.get(code)
    }

    pub fn member(&self, iin: &Iin) -> Option<&Member> {
        self.members.get(iin)
    }

    pub fn phone_owner(&self, phone: &Phone) -> Option<&Iin> {
        self.phone_owners.get(phone)
    }

    /// The chain of ancestors of `code`, nearest first.
    pub fn ancestors(&self, code: &Code) -> Vec<&Code> {
        let mut out = Vec::new();
        let mut current = self.units.get(code).and_then(|u| u.parent.as_ref());
        while let Some(parent) = current {
            if out.contains(&parent) {
                break; // a damaged tree must not loop forever
            }
            out.push(parent);
            current = self.units.get(parent).and_then(|u| u.parent.as_ref());
        }
        out
    }

    pub fn phases_of<'a>(&'a self, campaign: &'a Code) -> impl Iterator<Item = &'a Phase> + 'a {
        self.phases
            .values()
            .filter(move |p| &p.campaign == campaign)
    }

    pub fn detail(&self, meeting: &Code) -> Option<&MeetingDetail> {
        self.details.get(meeting)
    }

    fn detail_mut(&mut self, meeting: &Code) -> &mut MeetingDetail {
        self.details.entry(meeting.clone()).or_default()
    }

    /// A meeting of `unit` in `campaign` whose status is one of `statuses`.
    pub fn meeting_of_unit(
        &self,
        campaign: &Code,
        unit: &Code,
        statuses: &[crate::meeting::model::MeetingStatus],
    ) -> Option<&Meeting> {
        self.meetings
            .values()
            .find(|m| &m.campaign == campaign && &m.unit == unit && statuses.contains(&m.status))
    }

    /// Units directly under `code` that are not closed.
    pub fn open_children(&self, code: &Code) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = self
            .units
            .values()
            .filter(|u| !u.closed && u.parent.as_ref() == Some(code))
            .collect();
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    }

    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::PutRules { version, .. } => self.rules_version = *version,
            Change::PutUnit(unit) => {
                self.units.insert(unit.code.clone(), unit.clone());
            }
            Change::PutMember(member) => {
                if let Some(old) = self.members.get(&member.iin) {
                    if old.status == MemberStatus::Active {
                        decrement(&mut self.active_members_by_unit, &old.unit);
                    }
                    if old.phone != member.phone {
                        self.phone_owners.remove(&old.phone);
                    }
                }
                if member.status == MemberStatus::Active {
                    *self
                        .active_members_by_unit
                        .entry(member.unit.clone())
                        .or_default() += 1;
                }
                self.phone_owners.insert(member.phone.clone(), member.iin);
                self.members.insert(member.iin, member.clone());
            }
            Change::PutCampaign(c) => {
                self.campaigns.insert(c.code.clone(), c.clone());
            }
            Change::PutPhase(p) => {
                self.phases
                    .insert((p.campaign.clone(), p.code.clone()), p.clone());
            }
            Change::DeletePhase { campaign, phase } => {
                self.phases.remove(&(campaign.clone(), phase.clone()));
            }
            Change::PutTarget(t) => {
                self.targets
                    .insert((t.campaign.clone(), t.code.clone()), t.clone());
            }
            Change::DeleteTarget { campaign, target } => {
                self.targets.remove(&(campaign.clone(), target.clone()));
            }
            Change::PutMeeting(m) => {
                self.meetings.insert(m.code.clone(), m.clone());
            }
            Change::PutRepresentation(r) => {
                self.representations
                    .insert((r.campaign.clone(), r.conference_unit.clone()), r.clone());
            }
            Change::PutDecisionRule(r) => {
                self.decision_rules
                    .insert((r.campaign.clone(), r.meeting_kind, r.motion), r.clone());
            }
            Change::PutSignedMinutes(s) => {
                self.signed_minutes.insert(s.meeting.clone(), s.clone());
            }
            Change::PutDebateQuota(q) => {
                self.debate_quotas.insert(
                    (q.campaign.clone(), q.target.clone(), q.unit.clone()),
                    q.clone(),
                );
            }
            Change::PutAllotment(a) => {
                self.allotments
                    .insert((a.campaign.clone(), a.unit.clone()), a.clone());
            }
            Change::PutMandate(m) => {
                self.detail_mut(&m.meeting)
                    .mandates
                    .insert(m.number, m.clone());
            }
            Change::PutAttendance(a) => {
                self.detail_mut(&a.meeting)
                    .attendance
                    .insert(a.member, a.clone());
            }
            Change::PutVote(v) => {
                self.detail_mut(&v.meeting)
                    .votes
                    .insert(v.number, v.clone());
            }
            Change::PutVoteMark(m) => {
                self.detail_mut(&m.meeting)
                    .marks
                    .insert((m.vote, m.member), m.clone());
            }
            Change::PutDelegate(d) => {
                self.delegates.insert(
                    (d.campaign.clone(), d.conference_unit.clone(), d.member),
                    d.clone(),
                );
            }
            Change::DeleteDelegate {
                campaign,
                conference_unit,
                member,
            } => {
                self.delegates
                    .remove(&(campaign.clone(), conference_unit.clone(), *member));
            }
            Change::PutExcusal(e) => {
                self.excusals
                    .insert((e.campaign.clone(), e.unit.clone()), e.clone());
            }
            Change::PutEligibility {
                campaign,
                target,
                rules,
            } => {
                self.eligibility
                    .insert((campaign.clone(), target.clone()), rules.clone());
            }
            Change::PutCandidacy(c) => {
                self.candidacies
                    .insert((c.campaign.clone(), c.target.clone(), c.member), c.clone());
            }
            Change::PutDebate(d) => {
                self.debates.insert(d.code.clone(), d.clone());
            }
            Change::PutPoll(p) => {
                self.polls.insert(p.code.clone(), p.clone());
            }
            Change::PutRoll(entries) => {
                for e in entries {
                    self.poll_details
                        .entry(e.poll.clone())
                        .or_default()
                        .roll
                        .insert(e.member, e.clone());
                }
            }
            Change::MarkRoll {
                poll,
                members,
                marked,
            } => {
                let detail = self.poll_details.entry(poll.clone()).or_default();
                for m in members {
                    if let Some(entry) = detail.roll.get_mut(m) {
                        entry.marked = marked.clone();
                    }
                }
                let n = members.len() as u64;
                match marked {
                    Marked::Online => detail.marked_online += n,
                    Marked::Station(s) => {
                        detail.marked_station += n;
                        *detail.station_marks.entry(s.clone()).or_default() += n;
                    }
                    Marked::NotYet => {}
                }
            }
            Change::PutLeaves { poll, leaves } => {
                if let Some(set) = self
                    .poll_details
                    .get_mut(poll)
                    .and_then(|d| d.leaves.as_mut())
                {
                    set.extend(leaves.iter().copied());
                }
            }
            Change::PutStationConflict(c) => {
                let conflicts = &mut self
                    .poll_details
                    .entry(c.poll.clone())
                    .or_default()
                    .conflicts;
                match conflicts
                    .iter_mut()
                    .find(|x| x.station == c.station && x.member == c.member)
                {
                    Some(known) => *known = c.clone(),
                    None => conflicts.push(c.clone()),
                }
            }
            Change::PutStationReturn(r) => {
                self.poll_details
                    .entry(r.poll.clone())
                    .or_default()
                    .returns
                    .push(r.clone());
            }
            Change::PutSealed { poll, ballots } => {
                if let Some(sealed) = self
                    .poll_details
                    .get_mut(poll)
                    .and_then(|d| d.sealed.as_mut())
                {
                    sealed.extend(ballots.iter().cloned());
                }
            }
            Change::PutCheckpoint(c) => {
                if let Some(d) = self.poll_details.get_mut(&c.poll) {
                    d.last_checkpoint = Some(c.at);
                }
            }
            Change::PutResult(r) => {
                self.poll_results.insert(r.poll.clone(), r.clone());
            }
            Change::PutListRules(r) => {
                self.list_rules
                    .insert((r.campaign.clone(), r.target.clone()), r.clone());
            }
            Change::PutList(l) => {
                self.party_lists
                    .insert((l.campaign.clone(), l.target.clone()), l.clone());
            }
            Change::PutAccount(a) => {
                self.accounts.insert(a.login.clone(), a.clone());
            }
            Change::PutGrant(g) => {
                self.grants.insert(g.key(), g.clone());
            }
            Change::DeleteGrant { iin, role, scope } => {
                self.grants.remove(&(*iin, *role, scope.clone()));
            }
            // Written by the store; nothing later in a batch decides on them.
            Change::FreezeMembersRoll { .. } | Change::PutListEvent(_) | Change::Notify { .. } => {}
        }
    }

    /// `code` and every unit below it.
    pub fn subtree(&self, code: &Code) -> Vec<Code> {
        let mut children: HashMap<&Code, Vec<&Code>> = HashMap::new();
        for u in self.units.values() {
            if let Some(parent) = &u.parent {
                children.entry(parent).or_default().push(&u.code);
            }
        }
        let mut out = vec![code.clone()];
        let mut next = 0;
        while next < out.len() {
            if let Some(kids) = children.get(&out[next]) {
                let mut kids: Vec<Code> = kids.iter().map(|c| (*c).clone()).collect();
                kids.sort();
                out.extend(kids);
            }
            next += 1;
        }
        out
    }
}

fn decrement(counts: &mut Shared<Code, u64>, unit: &Code) {
    if let Some(n) = counts.get_mut(unit) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            counts.remove(unit);
        }
    }
}
