//! The little calendar arithmetic the formats need: ISO dates in and out,
//! spreadsheet serial numbers, ISO 8601 durations.

/// A valid proleptic Gregorian date written exactly `YYYY-MM-DD`.
pub(crate) fn parse_iso_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = &s[range];
        if digits.bytes().all(|c| c.is_ascii_digit()) { digits.parse().ok() } else { None }
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let year = year as i32;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given date (negative before).
pub(crate) fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    // Count in eras of 400 years starting on 1 March, so the leap day is last.
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The spreadsheet serial number of a date (days since 1899-12-30, as Excel,
/// LibreOffice and XLSX files count), for dates from 1900-03-01 on: before
/// that Excel counts a 29 February 1900 that never was, so earlier dates are
/// not given a number.
pub(crate) fn serial_from_iso(s: &str) -> Option<i64> {
    let (year, month, day) = parse_iso_date(s)?;
    let serial = days_from_civil(year, month, day) - days_from_civil(1899, 12, 30);
    (serial >= 61).then_some(serial)
}

/// `YYYY-MM-DD` as `DD/MM/YYYY`, if it is a valid date.
pub(crate) fn french_from_iso(s: &str) -> Option<String> {
    let (year, month, day) = parse_iso_date(s)?;
    Some(format!("{day:02}/{month:02}/{year:04}"))
}

/// A clock or a duration in seconds as `H:MM:SS` (hours not wrapped at 24).
pub(crate) fn hms(total_seconds: i64) -> String {
    let sign = if total_seconds < 0 { "-" } else { "" };
    let s = total_seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// An ODS `office:date-value` (`2024-03-15` or `2024-03-15T10:30:00.123`)
/// as `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS` when there is a time other than
/// midnight; fractions of seconds dropped.
pub(crate) fn normalise_iso_datetime(s: &str) -> String {
    let s = s.trim();
    match s.split_once('T') {
        None => s.to_string(),
        Some((date, time)) => {
            let time = time.split(['.', 'Z', '+']).next().unwrap_or("");
            if time.is_empty() || time.bytes().all(|b| b == b'0' || b == b':') {
                date.to_string()
            } else {
                format!("{date}T{time}")
            }
        }
    }
}

/// An ISO 8601 duration as ODS writes time cells (`PT10H30M00S`,
/// `-P1DT2H`), as `H:MM:SS`; anything else is returned as it is.
pub(crate) fn iso_duration(s: &str) -> String {
    fn parse(s: &str) -> Option<i64> {
        let (negative, s) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let s = s.strip_prefix('P')?;
        let mut seconds = 0f64;
        let mut in_time = false;
        let mut number = String::new();
        for c in s.chars() {
            match c {
                'T' if number.is_empty() => in_time = true,
                '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
                _ => {
                    let value: f64 = number.parse().ok()?;
                    number.clear();
                    seconds += value
                        * match (c, in_time) {
                            ('D', false) => 86_400.0,
                            ('H', true) => 3_600.0,
                            ('M', true) => 60.0,
                            ('S', true) => 1.0,
                            _ => return None,
                        };
                }
            }
        }
        if !number.is_empty() {
            return None;
        }
        let seconds = seconds.round() as i64;
        Some(if negative { -seconds } else { seconds })
    }
    parse(s.trim()).map(hms).unwrap_or_else(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_checked_against_the_calendar() {
        assert_eq!(parse_iso_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("1900-02-29"), None);
        assert_eq!(parse_iso_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_iso_date("2024-13-01"), None);
        assert_eq!(parse_iso_date("2024-1-01"), None);
        assert_eq!(parse_iso_date("+024-01-01"), None);
        assert_eq!(parse_iso_date("2024-04-31"), None);
    }

    #[test]
    fn serial_numbers_match_excel() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(serial_from_iso("1900-03-01"), Some(61));
        assert_eq!(serial_from_iso("2024-03-15"), Some(45_366));
        assert_eq!(serial_from_iso("1985-07-14"), Some(31_242));
        assert_eq!(serial_from_iso("1900-02-28"), None);
        assert_eq!(serial_from_iso("nonsense"), None);
    }

    #[test]
    fn ods_values_become_iso_text() {
        assert_eq!(normalise_iso_datetime("2024-03-15"), "2024-03-15");
        assert_eq!(normalise_iso_datetime("2024-03-15T00:00:00"), "2024-03-15");
        assert_eq!(normalise_iso_datetime("2024-03-15T10:30:05.250"), "2024-03-15T10:30:05");
        assert_eq!(iso_duration("PT10H30M00S"), "10:30:00");
        assert_eq!(iso_duration("-P1DT2H0M0.6S"), "-26:00:01");
        assert_eq!(iso_duration("PT"), "00:00:00");
        assert_eq!(iso_duration("soon"), "soon");
        assert_eq!(french_from_iso("2024-03-05").as_deref(), Some("05/03/2024"));
    }
}
