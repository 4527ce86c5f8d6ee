//! The secretary's console: who may operate one meeting's console, what it shows (the meeting, its live detail, its minutes so far, the requests to speak), and giving the floor.

use crate::{App, AppError};
use jiff::Timestamp;
use mandat_core::authz::{self, Authority, Denied, Principal, Signed};
use mandat_core::command::RecordSpeaker;
use mandat_core::meeting::minutes::Minutes;
use mandat_core::meeting::model::Meeting;
use mandat_core::state::MeetingDetail;
use mandat_core::{Code, Command, Missing};
use mandat_store::{NewSpeakRequest, Receipt, SpeakRequest, StoreError};

/// Everything one meeting's console shows, read at one moment.
#[derive(Clone, Debug)]
pub struct Console {
    pub meeting: Meeting,
    pub detail: MeetingDetail,
    /// The minutes as they stand: names of the presidium, the votes in the minutes' words.
    pub minutes: Minutes,
    /// Requests to speak not answered yet, oldest first.
    pub requests: Vec<SpeakRequest>,
}

/// What giving the floor to a request did.
#[derive(Clone, Debug)]
pub enum Floor {
    /// The speech was recorded.
    Given(Receipt),
    /// The request was answered before (a second tap): nothing was recorded.
    AlreadyGiven,
}

impl App {
    /// Whether `signed` may operate the console of `meeting` (see
    /// [`authz::may_operate_console`]); a login that is no account is refused as disabled.
    pub async fn may_operate_console(
        &self,
        signed: &Signed,
        meeting: &Code,
    ) -> Result<Result<Authority, Denied>, AppError> {
        let record = self.store.read_snapshot().await?;
        if !record.meetings.contains_key(meeting) {
            return Err(AppError::Store(StoreError::NotFound(Missing::Meeting(
                meeting.clone(),
            ))));
        }
        let Some(principal) = Principal::of(signed, &record) else {
            return Ok(Err(Denied::AccountDisabled {
                login: match signed {
                    Signed::Staff(login) => login.to_string(),
                    Signed::Person(iin) | Signed::Participant { iin, .. } => iin.masked(),
                },
            }));
        };
        Ok(authz::may_operate_console(&principal, meeting, &record))
    }

    /// What the console of `meeting` shows now.
    pub async fn console(&self, meeting: &Code) -> Result<Console, AppError> {
        let record = self.store.read_snapshot().await?;
        let m = record
            .meetings
            .get(meeting)
            .ok_or_else(|| StoreError::NotFound(Missing::Meeting(meeting.clone())))?
            .clone();
        let detail = self.store.meeting_detail(meeting).await?;
        let minutes = self.store.minutes_in(&record, meeting).await?;
        let requests = self.store.open_speak_requests(meeting).await?;
        Ok(Console {
            meeting: m,
            detail,
            minutes,
            requests,
        })
    }

    /// A member's full name (who asks to speak from their phone).
    pub async fn member_name(&self, member: i64) -> Result<String, AppError> {
        Ok(self.store.member_full_name(member).await?)
    }

    /// Adds a request to speak (from a delegate's phone or the floor); the same request still
    /// open is not added twice. Answers whether it was new.
    pub async fn ask_to_speak(
        &self,
        request: NewSpeakRequest<'_>,
        now: Timestamp,
    ) -> Result<bool, AppError> {
        Ok(self.store.ask_to_speak(request, now).await?.1)
    }

    /// Gives the floor to request `id`: records the speech (`record_speaker`, authorized for
    /// `signed`) with the speaking time given. A request answered before records nothing; a
    /// refusal (of the policy or the rules) leaves the request open.
    pub async fn give_floor(
        &self,
        signed: &Signed,
        meeting: &Code,
        id: i64,
        role: &str,
        time_limit_s: Option<u32>,
        now: Timestamp,
    ) -> Result<Result<Floor, Denied>, AppError> {
        let Some(request) = self.store.answer_speak_request(meeting, id, now).await? else {
            return Ok(Ok(Floor::AlreadyGiven));
        };
        let command = Command::RecordSpeaker(RecordSpeaker {
            meeting: meeting.clone(),
            item: request.item,
            name: request.participant.clone(),
            role: role.to_owned(),
            topic: request.topic.clone(),
            time_limit_s,
        });
        match self.submit_signed(signed, command, now, now).await {
            Ok(Ok(receipt)) => Ok(Ok(Floor::Given(receipt))),
            Ok(Err(denied)) => {
                self.store.reopen_speak_request(id).await?;
                Ok(Err(denied))
            }
            Err(e) => {
                self.store.reopen_speak_request(id).await?;
                Err(e)
            }
        }
    }
}
