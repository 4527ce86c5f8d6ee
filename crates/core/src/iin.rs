//! The Kazakh individual identification number (IIN): a newtype that only holds a valid one.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A valid 12-digit IIN. Birth date and sex are derived from it, never typed twice.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; 12]);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

/// Why a string is not a valid IIN; each message says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    #[error("an IIN has exactly 12 digits, this one has {0} characters")]
    Length(usize),
    #[error("an IIN has digits only, found {0:?}")]
    NotDigit(char),
    #[error(
        "the 7th digit of an IIN (century and sex) must be 1 to 6, found {0} (the number is mistyped)"
    )]
    CenturyDigit(u8),
    #[error("the first six digits of an IIN are the birth date YYMMDD, and {0} is not a real date")]
    BirthDate(String),
    #[error(
        "the check digit (12th) of this IIN does not match: expected {expected}, found {found} (the number is mistyped)"
    )]
    CheckDigit { expected: u8, found: u8 },
    #[error(
        "this number can never be an IIN: its check digit cannot be computed (remainder 10 on both passes)"
    )]
    Uncheckable,
}

impl crate::i18n::Problem for IinError {
    fn code(&self) -> &'static str {
        match self {
            IinError::Length(_) => "iin_length",
            IinError::NotDigit(_) => "iin_not_digit",
            IinError::CenturyDigit(_) => "iin_century_digit",
            IinError::BirthDate(_) => "iin_birth_date",
            IinError::CheckDigit { .. } => "iin_check_digit",
            IinError::Uncheckable => "iin_uncheckable",
        }
    }

    fn params(&self, _: crate::Lang) -> Vec<(&'static str, crate::i18n::Param)> {
        match self {
            IinError::Length(length) => vec![("length", (*length).into())],
            IinError::NotDigit(found) => vec![("found", found.to_string().into())],
            IinError::CenturyDigit(found) => vec![("found", (*found).into())],
            IinError::BirthDate(date) => vec![("date", date.into())],
            IinError::CheckDigit { expected, found } => {
                vec![("expected", (*expected).into()), ("found", (*found).into())]
            }
            IinError::Uncheckable => Vec::new(),
        }
    }
}

const FIRST_PASS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_PASS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The check digit of the first 11 digits, or `None` when the standard two-pass weighting has no answer.
pub fn check_digit(first_eleven: &[u8; 11]) -> Option<u8> {
    let weighted = |weights: &[u32; 11]| {
        first_eleven
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(*d) * w)
            .sum::<u32>()
            % 11
    };
    match weighted(&FIRST_PASS) {
        10 => match weighted(&SECOND_PASS) {
            10 => None,
            r => Some(r as u8),
        },
        r => Some(r as u8),
    }
}

fn century_and_sex(digit: u8) -> Option<(i16, Sex)> {
    match digit {
        1 => Some((1800, Sex::Male)),
        2 => Some((1800, Sex::Female)),
        3 => Some((1900, Sex::Male)),
        4 => Some((1900, Sex::Female)),
        5 => Some((2000, Sex::Male)),
        6 => Some((2000, Sex::Female)),
        _ => None,
    }
}

impl Iin {
    pub fn parse(text: &str) -> Result<Iin, IinError> {
        let trimmed = text.trim();
        let count = trimmed.chars().count();
        if count != 12 {
            return Err(IinError::Length(count));
        }
        let mut digits = [0u8; 12];
        for (slot, ch) in digits.iter_mut().zip(trimmed.chars()) {
            *slot = ch.to_digit(10).ok_or(IinError::NotDigit(ch))? as u8;
        }
        let (century, _) = century_and_sex(digits[6]).ok_or(IinError::CenturyDigit(digits[6]))?;
        birth_date_of(&digits, century).ok_or_else(|| IinError::BirthDate(trimmed[..6].into()))?;
        let mut first = [0u8; 11];
        first.copy_from_slice(&digits[..11]);
        let expected = check_digit(&first).ok_or(IinError::Uncheckable)?;
        if expected != digits[11] {
            return Err(IinError::CheckDigit {
                expected,
                found: digits[11],
            });
        }
        Ok(Iin(digits))
    }

    /// Builds the IIN of a person born on `birth` of `sex` with a 4-digit serial number;
    /// `None` when that serial gives no check digit (take the next serial).
    pub fn compose(birth: Date, sex: Sex, serial: u16) -> Option<Iin> {
        let year = birth.year();
        let century_digit = match (year / 100, sex) {
            (18, Sex::Male) => 1,
            (18, Sex::Female) => 2,
            (19, Sex::Male) => 3,
            (19, Sex::Female) => 4,
            (20, Sex::Male) => 5,
            (20, Sex::Female) => 6,
            _ => return None,
        };
        if serial > 9999 {
            return None;
        }
        let yy = (year % 100) as u16;
        let mut first = [0u8; 11];
        let parts = [
            yy / 10,
            yy % 10,
            birth.month() as u16 / 10,
            birth.month() as u16 % 10,
            birth.day() as u16 / 10,
            birth.day() as u16 % 10,
            century_digit,
            serial / 1000,
            serial / 100 % 10,
            serial / 10 % 10,
            serial % 10,
        ];
        for (slot, value) in first.iter_mut().zip(parts) {
            *slot = value as u8;
        }
        let check = check_digit(&first)?;
        let mut digits = [0u8; 12];
        digits[..11].copy_from_slice(&first);
        digits[11] = check;
        Some(Iin(digits))
    }

    pub fn birth_date(&self) -> Date {
        let century = century_and_sex(self.0[6]).map_or(1900, |(c, _)| c);
        // A constructed Iin always holds a real date; the fallback is unreachable.
        birth_date_of(&self.0, century).unwrap_or(Date::ZERO)
    }

    pub fn sex(&self) -> Sex {
        century_and_sex(self.0[6]).map_or(Sex::Male, |(_, s)| s)
    }

    /// Whole years of age on `day` (e.g. the campaign's election day).
    pub fn age_on(&self, day: Date) -> i16 {
        let birth = self.birth_date();
        let mut age = day.year() - birth.year();
        if (day.month(), day.day()) < (birth.month(), birth.day()) {
            age -= 1;
        }
        age
    }

    /// The IIN with its serial hidden, for pages shown to roles that do not need it.
    /// The IIN as messages and pages show it: the first two digits and the last, so that a
    /// member can recognise their own while neither the birth date (digits 1–6, which with the
    /// sex give 7 of the 12 digits) nor the serial is shown.
    pub fn masked(&self) -> String {
        let s = self.to_string();
        format!("{}*********{}", &s[..2], &s[11..])
    }

    pub fn digits(&self) -> [u8; 12] {
        self.0
    }
}

fn birth_date_of(digits: &[u8; 12], century: i16) -> Option<Date> {
    let two = |i: usize| i16::from(digits[i]) * 10 + i16::from(digits[i + 1]);
    let year = century + two(0);
    Date::new(year, two(2) as i8, two(4) as i8).ok()
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One write of 12 ASCII digits: this runs for every imported row.
        let mut text = [0u8; 12];
        for (slot, d) in text.iter_mut().zip(self.0) {
            *slot = b'0' + d;
        }
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iin({self})")
    }
}

impl FromStr for Iin {
    type Err = IinError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Iin::parse(s)
    }
}

impl Serialize for Iin {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Iin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Iin::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {

    #[test]
    fn a_masked_iin_shows_neither_the_birth_date_nor_the_serial() {
        let iin = Iin::compose(jiff::civil::date(1985, 3, 14), Sex::Female, 1234).unwrap();
        let masked = iin.masked();
        assert_eq!(masked.len(), 12);
        assert_eq!(&masked[..2], "85");
        assert!(
            !masked.contains("850314") && !masked.contains("0314"),
            "{masked}"
        );
        assert_eq!(masked.matches('*').count(), 9);
        assert_eq!(masked.chars().last(), iin.to_string().chars().last());
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_known_valid_iin_yields_its_birth_date_and_sex() {
        let iin = Iin::compose(jiff::civil::date(1985, 3, 14), Sex::Female, 1234).unwrap();
        let again = Iin::parse(&iin.to_string()).unwrap();
        assert_eq!(again.birth_date(), jiff::civil::date(1985, 3, 14));
        assert_eq!(again.sex(), Sex::Female);
        assert_eq!(&again.to_string()[..7], "8503144");
    }

    #[test]
    fn the_published_example_iin_is_valid() {
        // Born 1 Jan 1990, male, serial 0001: the layout of the IINs printed on ID cards.
        let first: [u8; 11] = [9, 0, 0, 1, 0, 1, 3, 0, 0, 0, 1];
        let check = check_digit(&first).unwrap();
        let text = format!("90010130001{check}");
        let iin = Iin::parse(&text).unwrap();
        assert_eq!(iin.birth_date(), jiff::civil::date(1990, 1, 1));
        assert_eq!(iin.sex(), Sex::Male);
    }

    #[test]
    fn each_way_an_iin_can_be_wrong_has_its_own_message() {
        assert_eq!(Iin::parse("12345"), Err(IinError::Length(5)));
        assert_eq!(Iin::parse("85031440123a"), Err(IinError::NotDigit('a')));
        assert_eq!(Iin::parse("850314701234"), Err(IinError::CenturyDigit(7)));
        assert_eq!(Iin::parse("850314001234"), Err(IinError::CenturyDigit(0)));
        assert!(matches!(
            Iin::parse("850230401234"),
            Err(IinError::BirthDate(_))
        ));
        assert!(matches!(
            Iin::parse("851314401234"),
            Err(IinError::BirthDate(_))
        ));
    }

    #[test]
    fn the_second_pass_is_used_when_the_first_gives_ten() {
        // Search for an 11-digit prefix whose first pass gives 10, and check the IIN built from it.
        let mut found = false;
        for serial in 0..10000u16 {
            let base = Iin::compose(jiff::civil::date(1970, 6, 1), Sex::Male, serial);
            let digits: Vec<u8> = format!("7006013{serial:04}")
                .bytes()
                .map(|b| b - b'0')
                .collect();
            let first: [u8; 11] = digits.try_into().unwrap();
            let pass1: u32 = first
                .iter()
                .zip(FIRST_PASS)
                .map(|(d, w)| u32::from(*d) * w)
                .sum::<u32>()
                % 11;
            if pass1 == 10 {
                let pass2 = first
                    .iter()
                    .zip(SECOND_PASS)
                    .map(|(d, w)| u32::from(*d) * w)
                    .sum::<u32>()
                    % 11;
                if pass2 == 10 {
                    assert!(base.is_none());
                } else {
                    assert_eq!(base.unwrap().digits()[11], pass2 as u8);
                    found = true;
                }
            }
        }
        assert!(found);
    }

    #[test]
    fn an_uncheckable_number_is_refused() {
        // Find a prefix where both passes give 10, then any 12th digit is refused.
        for serial in 0..10000u16 {
            if Iin::compose(jiff::civil::date(1970, 6, 1), Sex::Male, serial).is_none() {
                let text = format!("7006013{serial:04}0");
                assert_eq!(Iin::parse(&text), Err(IinError::Uncheckable));
                return;
            }
        }
        unreachable!("some serial has no check digit");
    }

    #[test]
    fn age_is_counted_in_whole_years_on_the_day() {
        let iin = Iin::compose(jiff::civil::date(2000, 11, 16), Sex::Male, 1).unwrap();
        assert_eq!(iin.age_on(jiff::civil::date(2020, 11, 15)), 19);
        assert_eq!(iin.age_on(jiff::civil::date(2020, 11, 16)), 20);
    }

    fn any_birth() -> impl Strategy<Value = Date> {
        (1850i16..2099, 1i8..=12, 1i8..=31)
            .prop_filter_map("real date", |(y, m, d)| Date::new(y, m, d).ok())
    }

    fn any_sex() -> impl Strategy<Value = Sex> {
        prop_oneof![Just(Sex::Male), Just(Sex::Female)]
    }

    proptest! {
        #[test]
        fn every_composed_iin_parses_back_to_its_birth_date_and_sex(
            birth in any_birth(), sex in any_sex(), serial in 0u16..10000
        ) {
            if let Some(iin) = Iin::compose(birth, sex, serial) {
                let parsed = Iin::parse(&iin.to_string()).unwrap();
                prop_assert_eq!(parsed, iin);
                prop_assert_eq!(parsed.birth_date(), birth);
                prop_assert_eq!(parsed.sex(), sex);
            }
        }

        #[test]
        fn changing_the_check_digit_always_invalidates(
            birth in any_birth(), sex in any_sex(), serial in 0u16..10000, delta in 1u8..10
        ) {
            if let Some(iin) = Iin::compose(birth, sex, serial) {
                let mut text = iin.to_string().into_bytes();
                text[11] = b'0' + (text[11] - b'0' + delta) % 10;
                let changed = String::from_utf8(text).unwrap();
                prop_assert!(Iin::parse(&changed).is_err());
            }
        }

        #[test]
        fn a_seventh_digit_outside_one_to_six_is_refused(
            birth in any_birth(), serial in 0u16..10000, bad in prop_oneof![Just(0u8), 7u8..=9]
        ) {
            if let Some(iin) = Iin::compose(birth, Sex::Male, serial) {
                let mut text = iin.to_string().into_bytes();
                text[6] = b'0' + bad;
                let changed = String::from_utf8(text).unwrap();
                prop_assert_eq!(Iin::parse(&changed), Err(IinError::CenturyDigit(bad)));
            }
        }

        #[test]
        fn an_impossible_date_is_refused(month in 13u8..=99, day in 0u8..=99) {
            let text = format!("85{month:02}{day:02}300000");
            prop_assert!(matches!(Iin::parse(&text), Err(IinError::BirthDate(_))));
        }

        #[test]
        fn arbitrary_text_never_panics(text in ".{0,20}") {
            let _ = Iin::parse(&text);
        }
    }
}
