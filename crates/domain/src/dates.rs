//! Calendar dates without a clock: what membership periods are made of.
//! Stored and shown as ISO `YYYY-MM-DD`; counted as days since 1970-01-01
//! (proleptic Gregorian calendar) for arithmetic.

use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// The day, if it exists (years 1000 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (strict: what the database and forms store).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u32 {
        self.month
    }
    pub fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        // Count from 1 March so the leap day is the last day of the "year".
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let m = i64::from(self.month);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01, if it lies in years 1000 to 9999.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// `n` days later (earlier when negative), saturating at the ends of the range.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n).unwrap_or(if n < 0 { Date::MIN } else { Date::MAX })
    }

    /// `n` months later, on the same day or the month's last day when it is shorter
    /// (31 January + 1 month = 28 or 29 February).
    pub fn add_months(self, n: i32) -> Date {
        let index = self.year * 12 + self.month as i32 - 1 + n;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        if !(1000..=9999).contains(&year) {
            return if n < 0 { Date::MIN } else { Date::MAX };
        }
        Date { year, month, day: self.day.min(days_in_month(year, month)) }
    }

    /// This year's `month`/`day`, the 29 February becoming the 28th in common years.
    pub fn in_year(year: i32, month: u32, day: u32) -> Date {
        let year = year.clamp(1000, 9999);
        Date { year, month, day: day.min(days_in_month(year, month)) }
    }

    pub const MIN: Date = Date { year: 1000, month: 1, day: 1 };
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date as people type it: `YYYY-MM-DD`, `DD/MM/YYYY` (also with `-` or `.`
/// between day, month and year). Two-digit years are refused: 01/02/03 is ambiguous.
pub fn parse_typed(raw: &str) -> Option<Date> {
    let s = raw.trim();
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else { return None };
    let (y, m, d) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    if !s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'-' | b'.')) {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn days_are_counted_from_1970() {
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2000-03-01").days(), 11_017);
        assert_eq!(d("1969-12-31").days(), -1);
        assert_eq!(Date::from_days(19_782), Some(d("2024-02-29")));
        assert_eq!(d("2024-02-29").add_days(366), d("2025-03-01"));
    }

    #[test]
    fn months_keep_the_day_or_take_the_last() {
        assert_eq!(d("2025-01-31").add_months(1), d("2025-02-28"));
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2024-02-29").add_months(12), d("2025-02-28"));
        assert_eq!(d("2025-11-15").add_months(-12), d("2024-11-15"));
        assert_eq!(d("2025-12-15").add_months(1), d("2026-01-15"));
        assert_eq!(Date::in_year(2025, 2, 29), d("2025-02-28"));
    }

    #[test]
    fn typed_dates() {
        assert_eq!(parse_typed("29/02/2024"), Some(d("2024-02-29")));
        assert_eq!(parse_typed("31/02/2024"), None);
        assert_eq!(parse_typed("1990-7-4"), Some(d("1990-07-04")));
        assert_eq!(parse_typed("04.07.1990"), Some(d("1990-07-04")));
        assert_eq!(parse_typed("04/07/90"), None);
        assert_eq!(parse_typed("2024-02-30"), None);
        assert_eq!(parse_typed("+4/07/1990"), None);
        assert_eq!(Date::parse_iso("2024-2-03"), None);
    }
}
