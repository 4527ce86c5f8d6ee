//! Notices to members (SMS texts) as data, and their text in the reader's language.

use crate::i18n::{self, Lang};
use serde::{Deserialize, Serialize};

/// What a member is told; the text is made in their language when the notice is sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// To the old number after a phone change, so that a hijacked account is noticed.
    PhoneChanged {
        /// The new number, masked.
        new_phone: String,
        reason: String,
    },
}

impl Notice {
    /// The SMS text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::PhoneChanged { new_phone, reason } => i18n::message_with(
                lang,
                "sms-phone-changed",
                &[("phone", new_phone.into()), ("reason", reason.into())],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_change_notice_reads_in_each_language() {
        let notice = Notice::PhoneChanged {
            new_phone: "+7701***0007".to_owned(),
            reason: "заявление".to_owned(),
        };
        assert!(notice.text(Lang::Ru).contains("+7701***0007"));
        assert!(notice.text(Lang::Kk).contains("заявление"));
        assert_eq!(
            notice.text(Lang::En),
            "mandat: the phone of your party membership record was changed to +7701***0007 (заявление). If this was not you, contact your party office."
        );
    }
}

/// The notices a conference's delegates get: the convocation, and a reminder on the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DelegateNoticeKind {
    Convocation,
    Reminder,
}

impl DelegateNoticeKind {
    pub const ALL: [DelegateNoticeKind; 2] = [
        DelegateNoticeKind::Convocation,
        DelegateNoticeKind::Reminder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DelegateNoticeKind::Convocation => "convocation",
            DelegateNoticeKind::Reminder => "reminder",
        }
    }

    pub fn parse(text: &str) -> Option<DelegateNoticeKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == text.trim())
    }
}

/// What a delegate is told about a conference: when (in the campaign's zone, already written
/// in the reader's language), where, the livestream, and how to check in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DelegateNotice {
    pub kind: DelegateNoticeKind,
    pub conference: String,
    pub when: String,
    pub venue: String,
    /// The first livestream link, if any.
    pub stream: Option<String>,
    /// The delegate's mandate number, once issued.
    pub mandate: Option<u32>,
}

impl DelegateNotice {
    /// The SMS text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let key = match self.kind {
            DelegateNoticeKind::Convocation => "sms-convocation",
            DelegateNoticeKind::Reminder => "sms-reminder",
        };
        let mut text = i18n::message_with(
            lang,
            key,
            &[
                ("conference", self.conference.as_str().into()),
                ("when", self.when.as_str().into()),
                ("venue", self.venue.as_str().into()),
            ],
        );
        if let Some(stream) = &self.stream {
            text.push(' ');
            text.push_str(&i18n::message_with(
                lang,
                "sms-stream",
                &[("url", stream.as_str().into())],
            ));
        }
        text.push(' ');
        text.push_str(&match self.mandate {
            Some(n) => i18n::message_with(lang, "sms-check-in-mandate", &[("number", n.into())]),
            None => i18n::message(lang, "sms-check-in"),
        });
        text
    }
}
