//! Mandate card QR codes: an unguessable token per card, keyed by the site's secret, good for check-in only.
//!
//! The QR code holds `MANDAT-CARD:<meeting>:<number>:<generation>:<mac>`, where the MAC is
//! HMAC-SHA-256 under a secret kept outside the database, truncated to 128 bits. Without the
//! secret nobody can make a working code for another number, and a reissued card has a new
//! generation, so the old code stops working. The code never authorizes a vote: cards are seen
//! on livestreams.

use crate::i18n::{self, Lang};
use crate::meeting::model::MeetingKind;
use crate::model::Code;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

const PREFIX: &str = "MANDAT-CARD";

/// The words printed on a conference's mandate cards in `lang`: the heading (the meeting's code
/// and kind) and the small print.
pub fn card_words(lang: Lang, meeting: &Code, kind: MeetingKind) -> (String, String) {
    let key = match kind {
        MeetingKind::RegionalConference => "card-heading-regional",
        MeetingKind::Congress => "card-heading-congress",
        _ => "card-heading-branch",
    };
    (
        i18n::message_with(lang, key, &[("meeting", meeting.as_str().into())]),
        i18n::message(lang, "card-footer"),
    )
}
const MAC_BYTES: usize = 16;

/// A card as read from its QR code, after the MAC was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardRef {
    pub meeting: Code,
    pub number: u32,
    pub generation: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error("this is not a mandate card code (it should start with {PREFIX}:)")]
    NotACard,
    #[error(
        "the card code is damaged or was not issued by this system: check the card by its number and an ID at the desk"
    )]
    Forged,
}

fn mac(secret: &[u8], meeting: &Code, number: u32, generation: u32) -> Option<Hmac<Sha256>> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).ok()?;
    mac.update(format!("mandat-card-v1|{meeting}|{number}|{generation}").as_bytes());
    Some(mac)
}

/// The text of a card's QR code.
pub fn card_payload(secret: &[u8], meeting: &Code, number: u32, generation: u32) -> String {
    let tag = mac(secret, meeting, number, generation)
        .map(|m| hex::encode(&m.finalize().into_bytes()[..MAC_BYTES]))
        .unwrap_or_default();
    format!("{PREFIX}:{meeting}:{number}:{generation}:{tag}")
}

/// Reads a QR code, refusing anything this secret did not sign.
pub fn read_card(secret: &[u8], payload: &str) -> Result<CardRef, CardError> {
    let parts: Vec<&str> = payload.trim().split(':').collect();
    let [prefix, meeting, number, generation, tag] = parts.as_slice() else {
        return Err(CardError::NotACard);
    };
    if *prefix != PREFIX {
        return Err(CardError::NotACard);
    }
    let meeting = Code::parse(meeting).map_err(|_| CardError::Forged)?;
    let number: u32 = number.parse().map_err(|_| CardError::Forged)?;
    let generation: u32 = generation.parse().map_err(|_| CardError::Forged)?;
    let tag = hex::decode(tag).map_err(|_| CardError::Forged)?;
    if tag.len() != MAC_BYTES {
        return Err(CardError::Forged);
    }
    let expected = mac(secret, &meeting, number, generation).ok_or(CardError::Forged)?;
    // Constant-time comparison of the truncated tag.
    expected
        .verify_truncated_left(&tag)
        .map_err(|_| CardError::Forged)?;
    Ok(CardRef {
        meeting,
        number,
        generation,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_card_reads_back_and_a_changed_one_is_refused() {
        let secret = b"0123456789abcdef0123456789abcdef";
        let meeting = Code::parse("ALM-AKSU.conf").unwrap();
        let payload = card_payload(secret, &meeting, 17, 2);
        assert_eq!(
            read_card(secret, &payload).unwrap(),
            CardRef {
                meeting: meeting.clone(),
                number: 17,
                generation: 2
            }
        );
        let other_number = payload.replace(":17:", ":18:");
        assert_eq!(read_card(secret, &other_number), Err(CardError::Forged));
        assert_eq!(
            read_card(b"another secret", &payload),
            Err(CardError::Forged)
        );
        assert_eq!(read_card(secret, "17"), Err(CardError::NotACard));
        // The number itself is not the token.
        assert!(!payload.ends_with(":17"));
    }
}
