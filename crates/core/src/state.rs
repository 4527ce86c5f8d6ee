//! What a decision sees of the record (a snapshot the store loads) and the changes a decision makes.

use crate::iin::Iin;
use crate::model::{Campaign, Code, Member, MemberStatus, Phase, Target, Unit};
use crate::phone::Phone;
use std::collections::HashMap;

/// One change to the projections; the store writes it, the snapshot absorbs it.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    PutUnit(Unit),
    PutMember(Member),
    PutCampaign(Campaign),
    PutPhase(Phase),
    DeletePhase { campaign: Code, phase: Code },
    PutTarget(Target),
    DeleteTarget { campaign: Code, target: Code },
}

/// The part of the record a batch of decisions needs.
///
/// Units, campaigns and member counts per unit are always complete (they are small); members and
/// phone owners are present for every IIN and phone the batch's commands name
/// ([`crate::command::Command::member_keys`]) — the store guarantees that when it loads the snapshot.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    pub units: HashMap<Code, Unit>,
    pub active_members_by_unit: HashMap<Code, u64>,
    pub members: HashMap<Iin, Member>,
    pub phone_owners: HashMap<Phone, Iin>,
    pub campaigns: HashMap<Code, Campaign>,
    pub phases: HashMap<(Code, Code), Phase>,
    pub targets: HashMap<(Code, Code), Target>,
}

impl Snapshot {
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

    pub fn apply(&mut self, change: &Change) {
        match change {
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
        }
    }
}

fn decrement(counts: &mut HashMap<Code, u64>, unit: &Code) {
    if let Some(n) = counts.get_mut(unit) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            counts.remove(unit);
        }
    }
}
