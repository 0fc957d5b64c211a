//! Days as bank files write them. The calendar itself is [`domain::Date`].

use domain::Date;

/// A two-digit year as the POSIX `%y` reads it: 69 to 99 are 1969 to 1999,
/// 00 to 68 are 2000 to 2068. Statements are about recent days, so `26` is
/// 2026.
pub(crate) fn full_year(two_digits: u32) -> i32 {
    let yy = two_digits as i32;
    if yy >= 69 { 1900 + yy } else { 2000 + yy }
}

/// A year of two or four digits.
pub(crate) fn year(digits: &str) -> Option<i32> {
    let n: u32 = number(digits, 2, 4)?;
    match digits.len() {
        2 => Some(full_year(n)),
        4 => Some(n as i32),
        _ => None,
    }
}

/// `s` as a number, if it is `min` to `max` ASCII digits and nothing else.
pub(crate) fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    ((min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Day, month and year written as digits, if that day exists.
pub(crate) fn dmy(day: &str, month: &str, year_digits: &str) -> Option<Date> {
    Date::new(year(year_digits)?, number(month, 1, 2)?, number(day, 1, 2)?)
}

/// `DDMMYY`, as CFONB writes it.
pub(crate) fn ddmmyy(s: &str) -> Option<Date> {
    if s.len() != 6 || !s.is_ascii() {
        return None;
    }
    dmy(&s[0..2], &s[2..4], &s[4..6])
}

/// `YYYYMMDD` followed by anything (OFX: `20260125120000.000[+1:CET]`), or
/// `YYYY-MM-DD` followed by anything (camt.053 `DtTm`: `2026-01-25T10:00:00+01:00`).
pub(crate) fn iso_prefix(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(head) = s.get(..10)
        && let Some(date) = Date::parse_iso(head)
    {
        return Some(date);
    }
    // OFX: the date, then optionally HHMM or HHMMSS, then anything.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if ![8, 12, 14].contains(&digits) {
        return None;
    }
    Date::new(number(&s[0..4], 4, 4)? as i32, number(&s[4..6], 2, 2)?, number(&s[6..8], 2, 2)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn two_digit_years_are_recent() {
        assert_eq!(full_year(26), 2026);
        assert_eq!(full_year(68), 2068);
        assert_eq!(full_year(69), 1969);
        assert_eq!(ddmmyy("250126"), Some(d("2026-01-25")));
        assert_eq!(ddmmyy("310226"), None);
        assert_eq!(ddmmyy("2501 6"), None);
    }

    #[test]
    fn iso_dates_with_a_time_after() {
        assert_eq!(iso_prefix("20260125"), Some(d("2026-01-25")));
        assert_eq!(iso_prefix("20260125120000.000[+1:CET]"), Some(d("2026-01-25")));
        assert_eq!(iso_prefix("2026-01-25T10:00:00+01:00"), Some(d("2026-01-25")));
        assert_eq!(iso_prefix("2026-01-25"), Some(d("2026-01-25")));
        assert_eq!(iso_prefix("20261325"), None);
        assert_eq!(iso_prefix("202601251200"), Some(d("2026-01-25")));
        assert_eq!(iso_prefix("202601251"), None);
        assert_eq!(iso_prefix("25/01/2026"), None);
    }
}
