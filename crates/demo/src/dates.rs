//! Day numbers (days since 1970-01-01) for fast date arithmetic in the member generator.

use jiff::civil::Date;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn day_number(year: i32, month: i32, day: i32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number: (year, month, day).
pub(crate) fn civil(days: i32) -> (i32, i32, i32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

pub(crate) fn date_of(days: i32) -> Date {
    let (y, m, d) = civil(days);
    // Every day number the generator makes lies in 1935..2021: the fallback is unreachable.
    Date::new(y as i16, m as i8, d as i8).unwrap_or(Date::ZERO)
}

#[cfg(test)]
pub(crate) fn day_of(date: Date) -> i32 {
    day_number(
        i32::from(date.year()),
        i32::from(date.month()),
        i32::from(date.day()),
    )
}

/// The first day on which someone born on `birth` is `years` old, as core counts age
/// (someone born on 29 February comes of age on 1 March).
pub(crate) fn anniversary(birth: i32, years: i32) -> i32 {
    let (y, m, d) = civil(birth);
    let target = y + years;
    let leap = target % 4 == 0 && (target % 100 != 0 || target % 400 == 0);
    if m == 2 && d == 29 && !leap {
        day_number(target, 3, 1)
    } else {
        day_number(target, m, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_match_jiff() {
        assert_eq!(day_number(1970, 1, 1), 0);
        for days in (-20_000..20_000).step_by(7) {
            let date = date_of(days);
            assert_eq!(day_of(date), days);
            let from_jiff = date
                .since(Date::constant(1970, 1, 1))
                .map(|s| s.get_days())
                .unwrap_or(i32::MIN);
            assert_eq!(from_jiff, days, "{date}");
        }
    }

    #[test]
    fn a_leap_day_birthday_comes_of_age_on_the_first_of_march() {
        let birth = day_number(2000, 2, 29);
        assert_eq!(civil(anniversary(birth, 18)), (2018, 3, 1));
        assert_eq!(civil(anniversary(birth, 20)), (2020, 2, 29));
    }
}
