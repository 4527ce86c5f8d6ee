//! A signed-in person's own view: the polls whose roll holds them, open or not, whether they voted (never how), and why they are on no roll when they are on none.

use crate::{App, AppError};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use mandat_core::model::MemberStatus;
use mandat_core::poll::{Marked, Poll, PollStatus, scope_allows};
use mandat_store::Session;

/// The person's polls.
#[derive(Clone, Debug)]
pub struct MyPolls {
    pub full_name: String,
    /// In the order they close.
    pub polls: Vec<MyPoll>,
    /// Set when no poll holds them: why.
    pub no_roll: Option<NoRoll>,
}

/// One poll of the person.
#[derive(Clone, Debug)]
pub struct MyPoll {
    pub poll: Poll,
    /// Takes ballots now.
    pub open_now: bool,
    /// Marked as having voted, online or at a station.
    pub voted: bool,
    /// The campaign's time zone, for the times shown.
    pub zone: TimeZone,
}

/// Why a person is on no roll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoRoll {
    /// In the registry as a candidate, not a party member: members vote.
    NotAMember,
    Suspended,
    Expelled,
    /// An active member whom no roll holds: the rolls froze before they joined or moved, or
    /// their unit has no vote now.
    NoPoll,
}

impl NoRoll {
    /// The catalogue key of the sentence that explains it.
    pub fn key(self) -> &'static str {
        match self {
            NoRoll::NotAMember => "voter-no-roll-not-member",
            NoRoll::Suspended => "voter-no-roll-suspended",
            NoRoll::Expelled => "voter-no-roll-expelled",
            NoRoll::NoPoll => "voter-no-roll-none",
        }
    }
}

/// Whether `poll` takes ballots at `now`.
pub fn open_at(poll: &Poll, now: Timestamp) -> bool {
    poll.status == PollStatus::Open && poll.opens_at <= now && now < poll.closes_at
}

impl App {
    /// The polls the signed-in person may vote in with this sign-in, at `now`.
    pub async fn my_polls(&self, session: &Session, now: Timestamp) -> Result<MyPolls, AppError> {
        let person = self.store.person(session.member).await?.ok_or_else(|| {
            AppError::Store(mandat_store::StoreError::Corrupt(format!(
                "the session's person (member row {}) is not in the registry",
                session.member
            )))
        })?;
        let snapshot = self.store.read_snapshot().await?;
        let polls: Vec<MyPoll> = self
            .store
            .rolls_of(session.member)
            .await?
            .into_iter()
            .filter(|entry| scope_allows(&session.scope, &entry.poll.electorate))
            .map(|entry| {
                let zone = snapshot
                    .campaigns
                    .get(&entry.poll.campaign)
                    .and_then(|c| c.zone().ok())
                    .unwrap_or(TimeZone::UTC);
                MyPoll {
                    open_now: open_at(&entry.poll, now),
                    voted: entry.marked != Marked::NotYet,
                    poll: entry.poll,
                    zone,
                }
            })
            .collect();
        let no_roll = polls.is_empty().then_some(match person.status {
            MemberStatus::Active => NoRoll::NoPoll,
            MemberStatus::Suspended => NoRoll::Suspended,
            MemberStatus::Expelled => NoRoll::Expelled,
            MemberStatus::NonMember => NoRoll::NotAMember,
        });
        Ok(MyPolls {
            full_name: person.full_name,
            polls,
            no_roll,
        })
    }

    /// The time zone of a poll's campaign (UTC if the campaign names none that is known).
    pub async fn zone_of(&self, poll: &Poll) -> Result<TimeZone, AppError> {
        let snapshot = self.store.read_snapshot().await?;
        Ok(snapshot
            .campaigns
            .get(&poll.campaign)
            .and_then(|c| c.zone().ok())
            .unwrap_or(TimeZone::UTC))
    }
}
