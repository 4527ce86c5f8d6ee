//! The hall: a meeting as the projector and the delegates' phones show it, its secret hall links, and a participant confirming their own presence for a vote.

use crate::{App, AppError};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use mandat_core::authz::{Denied, Signed};
use mandat_core::command::{ConfirmPresence, RenewProjectorLink};
use mandat_core::meeting::minutes::Minutes;
use mandat_core::meeting::model::{Meeting, Presence, Speaker, Vote, VoteStatus};
use mandat_core::meeting::quorum::{minimum_present, quorum_met};
use mandat_core::token::HallLink;
use mandat_core::{Code, Command};
use mandat_store::{Receipt, Session, StoreError};

/// One meeting as it stands now, for the hall's screens.
#[derive(Clone, Debug)]
pub struct HallView {
    pub meeting: Meeting,
    /// The minutes as they would read now: the title's words and each vote in words.
    pub minutes: Minutes,
    pub zone: TimeZone,
    pub in_hall: u32,
    pub remote: u32,
    /// The fewest present for a quorum, and whether as many are present now.
    pub quorum_minimum: u32,
    pub quorum_met: bool,
    /// The agenda item being dealt with (from 1): that of the latest speaker or vote.
    pub current_item: Option<u32>,
    /// The latest speaker recorded.
    pub speaker: Option<Speaker>,
    /// The vote put and not yet counted (the motion on the floor), if any.
    pub on_the_floor: Option<Vote>,
    /// The vote counted last, if any.
    pub last_counted: Option<Vote>,
}

/// What a participant signed in with a meeting's e-vote code sees of their own standing.
#[derive(Clone, Debug, Default)]
pub struct MyStanding {
    /// Checked in remote (so they confirm their presence for each vote).
    pub remote: bool,
    /// Checked in and present now.
    pub present: bool,
    /// The votes they have confirmed their presence for.
    pub confirmed: Vec<u32>,
}

impl App {
    /// The meeting `code` as the hall sees it now.
    pub async fn hall_view(&self, code: &Code) -> Result<HallView, AppError> {
        let snapshot = self.store.read_snapshot().await?;
        let meeting = snapshot
            .meetings
            .get(code)
            .cloned()
            .ok_or_else(|| StoreError::NotFound(mandat_core::Missing::Meeting(code.clone())))?;
        let zone = snapshot
            .campaigns
            .get(&meeting.campaign)
            .and_then(|c| c.zone().ok())
            .unwrap_or(TimeZone::UTC);
        let minutes = self.store.minutes_in(&snapshot, code).await?;
        let detail = self.store.meeting_detail(code).await?;
        let (in_hall, remote) = detail.present();
        let present = in_hall.saturating_add(remote);
        let on_the_floor = detail
            .votes
            .values()
            .rev()
            .find(|v| v.status == VoteStatus::Open)
            .cloned();
        let last_counted = detail
            .votes
            .values()
            .filter(|v| v.verdict.is_some())
            .max_by_key(|v| (v.counted_at.unwrap_or(v.opened_at), v.number))
            .cloned();
        let speaker = meeting.speakers.iter().max_by_key(|s| s.at).cloned();
        // The item in hand: whichever came last, a speaker on an item or a vote deciding one.
        let by_speaker = speaker.as_ref().map(|s| (s.at, s.item));
        let by_vote = detail
            .votes
            .values()
            .filter_map(|v| v.item.map(|item| (v.opened_at, item)))
            .max();
        let current_item = by_speaker.into_iter().chain(by_vote).max().map(|(_, i)| i);
        Ok(HallView {
            quorum_minimum: minimum_present(meeting.quorum, meeting.electorate),
            quorum_met: quorum_met(meeting.quorum, meeting.electorate, present),
            meeting,
            minutes,
            zone,
            in_hall,
            remote,
            current_item,
            speaker,
            on_the_floor,
            last_counted,
        })
    }

    /// The meeting's current hall link of `purpose` (the token of its URL), from the site
    /// secret and the meeting's link generation.
    pub async fn hall_link(&self, code: &Code, purpose: HallLink) -> Result<String, AppError> {
        let key = self.key()?;
        let generation = self.link_generation(code).await?;
        Ok(key.hall_link(purpose, code.as_str(), generation))
    }

    /// Whether `token` is the meeting's current hall link of `purpose`; an unknown meeting has
    /// none (so a guess at a code learns nothing either).
    pub async fn hall_link_ok(
        &self,
        code: &Code,
        purpose: HallLink,
        token: &str,
    ) -> Result<bool, AppError> {
        // Without the site secret no hall link exists.
        let Some(key) = self.token_key() else {
            return Ok(false);
        };
        let snapshot = self.store.read_snapshot().await?;
        Ok(snapshot.meetings.get(code).is_some_and(|m| {
            key.hall_link_ok(purpose, code.as_str(), m.projector_generation, token)
        }))
    }

    async fn link_generation(&self, code: &Code) -> Result<u32, AppError> {
        let snapshot = self.store.read_snapshot().await?;
        Ok(snapshot
            .meetings
            .get(code)
            .ok_or_else(|| StoreError::NotFound(mandat_core::Missing::Meeting(code.clone())))?
            .projector_generation)
    }

    /// Whether `signed` may manage the meeting's hall links (submit `renew_projector_link`):
    /// the policy decides, as it would for the command itself.
    pub async fn may_manage_hall(
        &self,
        signed: &Signed,
        code: &Code,
    ) -> Result<Result<(), Denied>, AppError> {
        let snapshot = self.store.read_snapshot().await?;
        let command = Command::RenewProjectorLink(RenewProjectorLink {
            meeting: code.clone(),
        });
        let Some(principal) = mandat_core::authz::Principal::of(signed, &snapshot) else {
            return Ok(Err(Denied::NoGrantFor {
                command: RenewProjectorLink::NAME,
            }));
        };
        Ok(mandat_core::authz::authorize(&principal, &command, &snapshot).map(|_| ()))
    }

    /// The standing of the participant signed in with `session` at the meeting `code`.
    pub async fn my_standing(
        &self,
        session: &Session,
        code: &Code,
    ) -> Result<MyStanding, AppError> {
        let detail = self.store.meeting_detail(code).await?;
        let Some(attendance) = detail.attendance.get(&session.member) else {
            return Ok(MyStanding::default());
        };
        Ok(MyStanding {
            remote: attendance.mode == Presence::Remote,
            present: attendance.present,
            confirmed: detail
                .marks
                .keys()
                .filter(|(_, member)| *member == session.member)
                .map(|(vote, _)| *vote)
                .collect(),
        })
    }

    /// A remote participant, signed in with the meeting's e-vote code, confirms their own
    /// presence for `vote` at `now`: recorded as `confirm_presence` naming them, allowed by the
    /// policy only for themselves at that meeting. A second confirmation is refused by the rule.
    pub async fn confirm_own_presence(
        &self,
        session: &Session,
        code: &Code,
        vote: u32,
        now: Timestamp,
    ) -> Result<Result<Receipt, Denied>, AppError> {
        let signed = Signed::Participant {
            iin: session.iin,
            meeting: code.clone(),
        };
        let command = Command::ConfirmPresence(ConfirmPresence {
            meeting: code.clone(),
            vote,
            iin: Some(session.iin),
            mandate: None,
        });
        self.submit_signed(&signed, command, now, now).await
    }
}

/// The meeting a session opened with a meeting's e-vote code belongs to (`meeting:CODE`).
pub fn meeting_of_scope(scope: &str) -> Option<Code> {
    scope.strip_prefix("meeting:")?.parse().ok()
}
