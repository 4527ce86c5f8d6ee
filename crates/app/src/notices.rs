//! Notices to a conference's delegates: the convocation (time, venue, livestream, how to check in) and the reminder on the day, sent through the sign-in codes' SMS sender and logged so that none goes twice; the scheduler's reminder.

use crate::sms::SmsSender;
use crate::{App, AppError};
use jiff::{SignedDuration, Timestamp};
use mandat_core::i18n::{self, Param};
use mandat_core::meeting::model::{Meeting, MeetingStatus};
use mandat_core::notice::{DelegateNotice, DelegateNoticeKind};
use mandat_core::{Code, Lang, Missing};
use mandat_store::{NoticeClaim, StoreError};
use std::sync::Arc;

/// The hour (in the campaign's zone) from which the scheduler sends the day's reminders.
pub const REMINDER_HOUR: i8 = 8;

/// What one round of notices did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct NoticeReport {
    /// Delegates the notice is for.
    pub delegates: usize,
    /// Sent now.
    pub sent: usize,
    /// Sent before (or being sent by another round): not sent again.
    pub already: usize,
    /// Without a phone on record.
    pub no_phone: usize,
    /// The sender failed; a later round tries these again.
    pub failed: usize,
}

/// Why no notice was sent at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeRefusal {
    /// Only a conference has delegates to notify.
    NotAConference { meeting: Code },
    /// The meeting is closed or failed: nobody is to come.
    Finished { meeting: Code, status: &'static str },
}

impl NoticeRefusal {
    /// Its sentence's key in `dashboard.ftl` and the parameters.
    pub fn key(&self) -> &'static str {
        match self {
            NoticeRefusal::NotAConference { .. } => "notices-not-a-conference",
            NoticeRefusal::Finished { .. } => "notices-finished",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let params: Vec<(&str, Param)> = match self {
            NoticeRefusal::NotAConference { meeting } => {
                vec![("meeting", meeting.as_str().into())]
            }
            NoticeRefusal::Finished { meeting, status } => vec![
                ("meeting", meeting.as_str().into()),
                (
                    "status",
                    i18n::message(lang, &format!("dashboard-status-{status}")).into(),
                ),
            ],
        };
        i18n::message_with(lang, self.key(), &params)
    }
}

/// The time of a meeting in its campaign's zone, in `lang`'s words.
fn local_when(lang: Lang, at: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    let zoned = at.to_zoned_datetime(zone.clone());
    format!(
        "{} {}",
        mandat_core::lists::publish::date_words(lang, zoned.date()),
        zoned.strftime("%H:%M")
    )
}

impl App {
    /// The sender the sign-in codes go through; notices use the same one.
    pub fn sms_sender(&self) -> Result<Arc<dyn SmsSender>, AppError> {
        match &self.sms {
            Some(sender) => Ok(sender.clone()),
            None => Ok(self.code_desk()?.sender()),
        }
    }

    /// Sends the notice of `kind` to every delegate of the conference `meeting` who has not had
    /// it, at `now`. Each is claimed in the log before it goes, so that a second round (a
    /// double submission, the CLI and the scheduler at once) sends none of them again. The text
    /// is Russian: the record keeps no language for a member (the one they sign in with is
    /// not stored), and Russian is the party's default.
    pub async fn send_notices(
        &self,
        meeting: &Code,
        kind: DelegateNoticeKind,
        now: Timestamp,
    ) -> Result<Result<NoticeReport, NoticeRefusal>, AppError> {
        let sender = self.sms_sender()?;
        let snap = self.store.read_snapshot().await?;
        let m = snap
            .meetings
            .get(meeting)
            .ok_or_else(|| StoreError::NotFound(Missing::Meeting(meeting.clone())))?;
        if !m.kind.has_mandates() {
            return Ok(Err(NoticeRefusal::NotAConference {
                meeting: meeting.clone(),
            }));
        }
        if matches!(m.status, MeetingStatus::Closed | MeetingStatus::Failed) {
            return Ok(Err(NoticeRefusal::Finished {
                meeting: meeting.clone(),
                status: m.status.as_str(),
            }));
        }
        let recipients = self.store.conference_recipients(&snap, m).await?;
        let zone = snap
            .campaigns
            .get(&m.campaign)
            .and_then(|c| c.zone().ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
        let lang = Lang::Ru;
        let conference = snap
            .unit(&m.unit)
            .map_or_else(|| m.unit.to_string(), |u| u.names.in_lang(lang).to_owned());
        let mut report = NoticeReport {
            delegates: recipients.len(),
            ..NoticeReport::default()
        };
        for r in recipients {
            if self
                .store
                .claim_notice(meeting, r.member, kind.as_str(), now)
                .await?
                == NoticeClaim::AlreadySent
            {
                report.already += 1;
                continue;
            }
            if r.phone.trim().is_empty() {
                report.no_phone += 1;
                self.store
                    .finish_notice(meeting, r.member, kind.as_str(), "no_phone")
                    .await?;
                continue;
            }
            let text = notice_of(m, kind, &conference, lang, &zone, r.mandate).text(lang);
            let outcome = match sender.send(&r.phone, &text).await {
                Ok(()) => {
                    report.sent += 1;
                    "sent".to_owned()
                }
                Err(e) => {
                    report.failed += 1;
                    tracing::warn!(meeting = %meeting, member = r.member, error = %e, "a notice was not sent");
                    format!("failed: {e}")
                }
            };
            self.store
                .finish_notice(meeting, r.member, kind.as_str(), &outcome)
                .await?;
        }
        tracing::info!(meeting = %meeting, kind = kind.as_str(), sent = report.sent, already = report.already, "delegate notices");
        Ok(Ok(report))
    }
}

fn notice_of(
    m: &Meeting,
    kind: DelegateNoticeKind,
    conference: &str,
    lang: Lang,
    zone: &jiff::tz::TimeZone,
    mandate: Option<u32>,
) -> DelegateNotice {
    DelegateNotice {
        kind,
        conference: conference.to_owned(),
        when: local_when(lang, m.scheduled_at, zone),
        venue: m.venue.clone(),
        stream: m.streams.first().map(|s| s.url.clone()),
        mandate,
    }
}

/// Whether the reminder of `m` is due at `now`: the meeting's day in its campaign's zone, from
/// [`REMINDER_HOUR`] (or two hours before an earlier start), until the start.
pub fn reminder_due(m: &Meeting, zone: &jiff::tz::TimeZone, now: Timestamp) -> bool {
    let here = now.to_zoned_datetime(zone.clone());
    let day = m.scheduled_at.to_zoned_datetime(zone.clone());
    here.date() == day.date()
        && now < m.scheduled_at
        && (here.hour() >= REMINDER_HOUR || now + SignedDuration::from_hours(2) >= m.scheduled_at)
        && m.kind.has_mandates()
        && matches!(
            m.status,
            MeetingStatus::Planned | MeetingStatus::Registration
        )
}

/// The scheduler's look at the day's reminders: every conference whose reminder is due gets it
/// (the log keeps a second look, or another node, from sending it again). Without an SMS
/// sender there is nothing to do.
pub async fn send_due_reminders(app: &App, now: Timestamp) -> Result<(), StoreError> {
    if app.sms_sender().is_err() {
        return Ok(());
    }
    let snap = app.store().read_snapshot().await?;
    let due: Vec<Code> = snap
        .meetings
        .values()
        .filter(|m| {
            snap.campaigns
                .get(&m.campaign)
                .and_then(|c| c.zone().ok())
                .is_some_and(|zone| reminder_due(m, &zone, now))
        })
        .map(|m| m.code.clone())
        .collect();
    for meeting in due {
        match app
            .send_notices(&meeting, DelegateNoticeKind::Reminder, now)
            .await
        {
            Ok(Ok(report)) if report.sent > 0 => {
                tracing::info!(meeting = %meeting, sent = report.sent, "reminders sent")
            }
            Ok(_) => {}
            Err(AppError::Store(e)) => return Err(e),
            Err(e) => tracing::warn!(meeting = %meeting, error = %e, "reminders not sent"),
        }
    }
    Ok(())
}
