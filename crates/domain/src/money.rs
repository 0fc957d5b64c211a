//! Amounts of money: integer cents everywhere, read the way French people
//! type them ("12,50 €", "1 234,5") and written back the same way.

/// Reads an amount in euros into cents. Accepts a comma or a dot before at
/// most two decimals, spaces (also non-breaking) between thousands and a `€`
/// before or after. Refuses signs, letters ("12,5O €"), three decimals and
/// anything above ten million euros, with the message key saying why.
pub fn parse_cents(raw: &str) -> Result<i64, &'static str> {
    let s: String = raw.trim().trim_start_matches('€').trim_end_matches('€').trim().to_string();
    if s.is_empty() {
        return Err("error-required");
    }
    let s: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
    let (units, decimals) = match s.find([',', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s.as_str(), ""),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if units.is_empty() || !digits(units) || !digits(decimals) {
        return Err("error-amount");
    }
    if decimals.len() > 2 {
        return Err("error-amount-decimals");
    }
    if units.len() > 8 {
        return Err("error-amount-too-large");
    }
    let euros: i64 = units.parse().map_err(|_| "error-amount")?;
    let cents: i64 = format!("{decimals:0<2}").parse().map_err(|_| "error-amount")?;
    let total = euros * 100 + cents;
    if total > 1_000_000_000 { Err("error-amount-too-large") } else { Ok(total) }
}

/// Cents as French people read them: `1 234,50 €` (narrow no-break space
/// between thousands, no-break space before the sign).
pub fn format_fr(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{},{:02}\u{a0}€", group(c / 100, '\u{202f}'), c % 100)
}

/// Cents as English readers expect them: `€1,234.50`.
pub fn format_en(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}€{}.{:02}", group(c / 100, ','), c % 100)
}

/// Cents in a form field: `12,50` (what `parse_cents` reads back).
pub fn input_value(cents: i64) -> String {
    format!("{},{:02}", cents / 100, cents.unsigned_abs() % 100)
}

fn group(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_typed() {
        for (raw, cents) in [
            ("12", 1200),
            ("12,5", 1250),
            ("12.50", 1250),
            ("12,50 €", 1250),
            ("€ 3", 300),
            ("1 234,56", 123_456),
            ("1\u{202f}234,56\u{a0}€", 123_456),
            ("0,05", 5),
        ] {
            assert_eq!(parse_cents(raw), Ok(cents), "{raw}");
        }
        for (raw, key) in [
            ("12,5O €", "error-amount"),
            ("-5", "error-amount"),
            ("", "error-required"),
            (" € ", "error-required"),
            ("1,234,5", "error-amount"),
            ("12,505", "error-amount-decimals"),
            ("123456789", "error-amount-too-large"),
            (",50", "error-amount"),
            ("douze", "error-amount"),
        ] {
            assert_eq!(parse_cents(raw), Err(key), "{raw}");
        }
    }

    #[test]
    fn amounts_as_read() {
        assert_eq!(format_fr(123_450), "1\u{202f}234,50\u{a0}€");
        assert_eq!(format_fr(5), "0,05\u{a0}€");
        assert_eq!(format_en(123_450), "€1,234.50");
        assert_eq!(format_en(-1200), "-€12.00");
        assert_eq!(input_value(1250), "12,50");
        assert_eq!(parse_cents(&input_value(99_999)), Ok(99_999));
    }
}
