//! Amounts as bank files write them, into signed cents. The euros and cents
//! themselves are read by [`domain::money::parse_cents`]; what comes first is
//! the sign and the separators, which differ from bank to bank.

use domain::money::parse_cents;

/// Reads a signed amount: `-1 234,56`, `1.234,56-`, `(12,50)`, `+3`,
/// `-1,234.56`, `12,50 €`, `EUR 12.50`. The sign is a leading `-`, `−` or
/// `+`, a trailing `-`, or parentheses. Spaces (also no-break) and `'`
/// between thousands are dropped.
///
/// With `decimal`, that character separates the cents and the other of `.`
/// and `,` may only separate groups of three digits. Without it (OFX, QIF,
/// whose writers differ), the last `.` or `,` separates the cents when both
/// appear or when it appears once; a separator that appears several times,
/// alone, separates thousands. At most two decimals; at most ten million
/// euros (as [`parse_cents`]).
pub(crate) fn parse(raw: &str, decimal: Option<char>) -> Option<i64> {
    let mut s = raw.trim();
    for currency in ["€", "EUR", "eur"] {
        s = s.strip_prefix(currency).unwrap_or(s).trim();
        s = s.strip_suffix(currency).unwrap_or(s).trim();
    }
    let (negative, s) = strip_sign(s)?;
    let s: String = s.chars().filter(|c| !(c.is_whitespace() || *c == '\'')).collect();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let decimal = decimal.or_else(|| guess_decimal(&s));
    let (units, cents) = match decimal.and_then(|d| s.rsplit_once(d)) {
        Some((units, cents)) => (units, Some(cents)),
        None => (s.as_str(), None),
    };
    let units = ungroup(units)?;
    let cents = match cents {
        Some(c) if !c.is_empty() => parse_cents(&format!("{units},{c}")).ok()?,
        _ => parse_cents(&units).ok()?,
    };
    Some(if negative { -cents } else { cents })
}

/// The sign, and the rest without it.
fn strip_sign(s: &str) -> Option<(bool, &str)> {
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        return Some((true, inner.trim()));
    }
    if let Some(rest) = s.strip_prefix(['-', '−']) {
        return Some((true, rest.trim_start()));
    }
    if let Some(rest) = s.strip_prefix('+') {
        return Some((false, rest.trim_start()));
    }
    if let Some(rest) = s.strip_suffix('-') {
        return Some((true, rest.trim_end()));
    }
    Some((false, s))
}

/// The decimal separator of an amount written by an unknown hand.
fn guess_decimal(s: &str) -> Option<char> {
    let last = s.rfind(['.', ','])?;
    let sep = char::from(s.as_bytes()[last]);
    let other = if sep == '.' { ',' } else { '.' };
    (s.contains(other) || s.matches(sep).count() == 1).then_some(sep)
}

/// The units without thousands separators (`1.234.567` or `1,234,567`), if
/// every group after the first has three digits. Leading zeros are dropped
/// (CFONB-like `0000000001.00`), nothing is `0` (`.50`).
fn ungroup(units: &str) -> Option<String> {
    let groups: Vec<&str> = units.split(['.', ',']).collect();
    if groups.len() > 1 && (!(1..=3).contains(&groups[0].len()) || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let digits = groups.concat();
    let digits = digits.trim_start_matches('0');
    Some(if digits.is_empty() { "0".to_string() } else { digits.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_writing() {
        let comma = Some(',');
        for (raw, cents) in [
            ("-12,50", -1250),
            ("12,5", 1250),
            ("1 234,56", 123_456),
            ("1\u{202f}234,56\u{a0}€", 123_456),
            ("1.234,56", 123_456),
            ("1.234.567,00", 123_456_700),
            ("12,50-", -1250),
            ("(12,50)", -1250),
            ("+3", 300),
            ("−0,05", -5),
            ("EUR 7", 700),
            ("0", 0),
        ] {
            assert_eq!(parse(raw, comma), Some(cents), "{raw}");
        }
        for raw in ["12,5O", "1.23,45", "12,505", "--12", "12,50 $", "1,2,3", "", "-", "123456789,00"] {
            assert_eq!(parse(raw, comma), None, "{raw}");
        }
    }

    #[test]
    fn english_writing() {
        assert_eq!(parse("-1,234.56", Some('.')), Some(-123_456));
        assert_eq!(parse("12.5", Some('.')), Some(1250));
        assert_eq!(parse("12,50", Some('.')), None);
    }

    #[test]
    fn unknown_hands() {
        for (raw, cents) in [
            ("-12.50", -1250),
            ("-12,50", -1250),
            ("1,234.56", 123_456),
            ("1.234,56", 123_456),
            ("1,234,567", 123_456_700),
            ("-.5", -50),
            ("100", 10_000),
            ("+0000000001.00", 100),
        ] {
            assert_eq!(parse(raw, None), Some(cents), "{raw}");
        }
        assert_eq!(parse("1,234", None), None, "three decimals: ambiguous, refused");
    }
}
