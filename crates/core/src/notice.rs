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
