//! Mobile phone numbers, normalized to E.164 (+7 and ten digits).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A phone number of Kazakhstan's numbering plan (+7), in E.164 form.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("a phone number may hold digits, spaces, '+', '-', '(' and ')' only, found {0:?}")]
    Character(char),
    #[error(
        "a phone number needs 10 digits after the country code +7 (e.g. +7 701 234 56 78 or 8 701 234 56 78), found {0} digits"
    )]
    Digits(usize),
    #[error("only numbers of the +7 plan are accepted, this one starts with +{0}")]
    Country(String),
}

impl crate::i18n::Problem for PhoneError {
    fn code(&self) -> &'static str {
        match self {
            PhoneError::Character(_) => "phone_character",
            PhoneError::Digits(_) => "phone_digits",
            PhoneError::Country(_) => "phone_country",
        }
    }

    fn params(&self, _: crate::Lang) -> Vec<(&'static str, crate::i18n::Param)> {
        match self {
            PhoneError::Character(found) => vec![("found", found.to_string().into())],
            PhoneError::Digits(digits) => vec![("digits", (*digits).into())],
            PhoneError::Country(country) => vec![("country", country.into())],
        }
    }
}

impl Phone {
    /// Accepts the ways people write a number: `+7 701 234-56-78`, `8 (701) 2345678`, `7012345678`.
    pub fn parse(text: &str) -> Result<Phone, PhoneError> {
        let trimmed = text.trim();
        let mut digits = String::with_capacity(12);
        for ch in trimmed.chars() {
            match ch {
                '0'..='9' => digits.push(ch),
                ' ' | '-' | '(' | ')' | '+' | '\u{a0}' => {}
                other => return Err(PhoneError::Character(other)),
            }
        }
        let international = trimmed.starts_with('+');
        let national = match (international, digits.len()) {
            (true, 11) if digits.starts_with('7') => &digits[1..],
            (true, _) if !digits.starts_with('7') => {
                return Err(PhoneError::Country(digits.chars().take(3).collect()));
            }
            (true, n) => return Err(PhoneError::Digits(n.saturating_sub(1))),
            (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
            (false, 10) => &digits[..],
            (false, n) => return Err(PhoneError::Digits(n)),
        };
        Ok(Phone(format!("+7{national}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number with its middle hidden, for pages shown to roles that do not need it.
    pub fn masked(&self) -> String {
        format!("{}*****{}", &self.0[..5], &self.0[10..])
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Phone::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_usual_spellings_normalize_to_one_number() {
        for text in [
            "+7 701 234 56 78",
            "87012345678",
            "8 (701) 234-56-78",
            "7012345678",
            "+77012345678",
        ] {
            assert_eq!(
                Phone::parse(text).unwrap().as_str(),
                "+77012345678",
                "{text}"
            );
        }
    }

    #[test]
    fn wrong_numbers_are_refused_with_a_reason() {
        assert_eq!(Phone::parse("+7 701 234"), Err(PhoneError::Digits(6)));
        assert_eq!(Phone::parse("701-23"), Err(PhoneError::Digits(5)));
        assert!(matches!(
            Phone::parse("+996 555 123456"),
            Err(PhoneError::Country(_))
        ));
        assert_eq!(Phone::parse("701 ABC"), Err(PhoneError::Character('A')));
    }

    #[test]
    fn masking_keeps_the_operator_and_the_last_two_digits() {
        assert_eq!(
            Phone::parse("87012345678").unwrap().masked(),
            "+7701*****78"
        );
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in ".{0,24}") {
            let _ = Phone::parse(&text);
        }

        #[test]
        fn every_normalized_number_parses_to_itself(n in 7_000_000_000u64..7_999_999_999) {
            let phone = Phone::parse(&format!("8{n}")).unwrap();
            prop_assert_eq!(Phone::parse(phone.as_str()).unwrap(), phone);
        }
    }
}
