//! CFONB 120, the French banks' "relevé de compte sur support informatique"
//! (Comité français d'organisation et de normalisation bancaires): records of
//! 120 characters, one per line (or end to end on one line), each starting
//! with a two-digit record code:
//!
//! - `01` old balance, opening a statement (one account, one day or period);
//! - `04` a movement;
//! - `05` a complement to the movement before it (more label, the payer's or
//!   the payee's name, a reference);
//! - `07` new balance, closing the statement.
//!
//! A file may hold several statements one after the other (one per day is
//! common); they must be of one account, and each must add up.
//!
//! Positions used, 1-based and inclusive, as the specification numbers them:
//!
//! | Positions | All records | `01` / `07` | `04` | `05` |
//! |---|---|---|---|---|
//! | 1–2 | record code | | | |
//! | 3–7 | bank code | | | |
//! | 8–11 | | reserved | internal operation code | internal operation code |
//! | 12–16 | branch code | | | |
//! | 17–19 | currency (ISO 4217) | | | |
//! | 20 | number of decimals of the amount | | | |
//! | 22–32 | account number | | | |
//! | 33–34 | | reserved | interbank operation code | interbank operation code |
//! | 35–40 | | balance date `DDMMYY` | booking date `DDMMYY` | booking date |
//! | 41–42 | | | reject reason code | |
//! | 43–48 | | | value date `DDMMYY` | (46–48) qualifier: `LIB`, `NPY`… |
//! | 49–79 | | | label | (49–118) the complement |
//! | 82–88 | | | entry number | |
//! | 91–104 | | balance | amount | |
//! | 105–120 | | | reference | |
//!
//! Amounts (91–104) are 13 digits and a last character that carries both
//! the last digit and the sign: `{` is +0, `A` to `I` +1 to +9, `}` is −0,
//! `J` to `R` −1 to −9. Position 20 says how many of the digits are
//! decimals (2 for the euro; blank is taken as 2).
//!
//! Complements (`05`): `RCN` (the client's reference) and `REF` give the
//! line's reference when it has none; identifiers and figures (`IPY`, `IBE`,
//! `IBU`, `IPO`, `MMO`, `CBE`, `BDB`, `FEE`) are left out; every other
//! qualifier (`LIB`, `LCC`, `LC2`, `LCS`, `NPY`, `NBE`, `NBU`, `NPO`…) adds
//! its text to the label.
//!
//! Trailing spaces cut off a record by some tools are put back; a record
//! longer than 120 characters is refused.

use crate::dates::ddmmyy;
use crate::statement::{Builder, collapse_spaces};
use crate::text::{decode, numbered_lines};
use crate::{Balance, Format, Line, Problem, Reason, Statement};

const RECORD: usize = 120;

/// Complement qualifiers whose text is no label.
const NOT_LABELS: &[&str] = &["IPY", "IBE", "IBU", "IPO", "MMO", "CBE", "BDB", "FEE"];

/// Complement qualifiers that give a reference.
const REFERENCES: &[&str] = &["RCN", "REF"];

/// The records of a file and their numbers: its non-blank lines (numbered
/// as lines), or, for a file on one line longer than a record, its
/// 120-character slices (numbered from 1; the last may be short).
pub(crate) fn records(text: &str) -> Vec<(usize, &str)> {
    let body = text.trim_end_matches(['\r', '\n']);
    if !body.contains(['\r', '\n']) && body.chars().count() > RECORD {
        let mut out = Vec::new();
        let mut rest = body;
        while !rest.is_empty() {
            let cut = rest.char_indices().nth(RECORD).map_or(rest.len(), |(i, _)| i);
            out.push((out.len() + 1, &rest[..cut]));
            rest = &rest[cut..];
        }
        return out;
    }
    numbered_lines(text).filter(|(_, line)| !line.trim().is_empty()).collect()
}

/// Whether a record could be CFONB 120: a known code, a numeric bank code,
/// and the length of what its code carries (up to the amount, or up to the
/// qualifier for a complement).
pub(crate) fn plausible(record: &str) -> bool {
    let length = record.chars().count();
    let code_and_bank = record.get(..7).unwrap_or("");
    let shortest = if code_and_bank.starts_with("05") { 48 } else { 104 };
    length <= RECORD
        && length >= shortest
        && ["01", "04", "05", "07"].iter().any(|c| code_and_bank.starts_with(c))
        && code_and_bank.bytes().skip(2).all(|b| b.is_ascii_digit())
}

/// One record, padded to 120 characters.
struct Record {
    at: usize,
    chars: Vec<char>,
}

impl Record {
    /// Positions `from` to `to`, 1-based and inclusive, as the specification
    /// numbers them.
    fn field(&self, from: usize, to: usize) -> String {
        self.chars[from - 1..to].iter().collect()
    }

    fn code(&self) -> String {
        self.field(1, 2)
    }

    fn account(&self) -> String {
        format!("{} {} {}", self.field(3, 7).trim(), self.field(12, 16).trim(), self.field(22, 32).trim())
    }

    fn currency(&self) -> String {
        self.field(17, 19)
    }

    /// The amount in 91–104 with the decimals of position 20.
    fn amount(&self) -> Option<i64> {
        signed_amount(&self.field(91, 104), &self.field(20, 20))
    }
}

pub(crate) fn read(bytes: &[u8]) -> Result<Statement, Vec<Problem>> {
    let text = decode(bytes);
    let mut b = Builder::new(Format::Cfonb120);
    // The last movement, which complements may still add to; `after_movement`
    // stays true after a movement too broken to read, whose complements are
    // then left out without a word.
    let mut movement: Option<Line> = None;
    let mut after_movement = false;
    let mut open = false;
    let mut last_at = 0;
    for (at, raw) in records(&text) {
        last_at = at;
        let mut chars: Vec<char> = raw.chars().collect();
        if chars.len() > RECORD {
            let what = format!("a record has {} characters instead of {RECORD}", chars.len());
            b.problem(at, "", Reason::Malformed(what), "");
            continue;
        }
        chars.resize(RECORD, ' ');
        let record = Record { at, chars };
        let code = record.code();
        if code != "05"
            && let Some(line) = movement.take()
            && !b.push(line)
        {
            break;
        }
        after_movement &= code == "05";
        match code.as_str() {
            "01" => {
                if open {
                    b.close_block(at, None);
                }
                b.account(at, "compte", &record.account());
                b.account_currency(at, "devise", &record.currency());
                let opening = balance(&mut b, &record);
                b.open_block(at, opening);
                open = true;
            }
            "04" => {
                movement = read_movement(&mut b, &record);
                after_movement = true;
            }
            "05" => match &mut movement {
                Some(line) => complement(line, &record),
                None if after_movement => {}
                None => {
                    let what = "a complement (record 05) without a movement (record 04) before it".to_string();
                    b.problem(at, "code enregistrement", Reason::Malformed(what), &code);
                }
            },
            "07" => {
                b.account(at, "compte", &record.account());
                let closing = balance(&mut b, &record);
                b.close_block(at, closing);
                open = false;
            }
            _ => {
                let what = "unknown record code (expected 01, 04, 05 or 07)".to_string();
                b.problem(at, "code enregistrement", Reason::Malformed(what), &code);
            }
        }
    }
    if let Some(line) = movement.take() {
        b.push(line);
    }
    if open {
        b.close_block(last_at, None);
    }
    b.finish()
}

/// The balance of a `01` or `07` record.
fn balance(b: &mut Builder, record: &Record) -> Option<Balance> {
    b.amount_currency(record.at, "devise", &record.currency());
    let date = day(b, record, 35, 40, "date");
    let cents = amount(b, record);
    match (date?, cents?) {
        (Some(date), cents) => Some(Balance { date, cents }),
        (None, _) => {
            b.problem(record.at, "date", Reason::MissingField, "");
            None
        }
    }
}

/// A `04` record as a line (its label still to be completed by `05`s).
fn read_movement(b: &mut Builder, record: &Record) -> Option<Line> {
    b.account(record.at, "compte", &record.account());
    b.amount_currency(record.at, "devise", &record.currency());
    let date = day(b, record, 35, 40, "date de comptabilisation");
    let value_date = day(b, record, 43, 48, "date de valeur");
    let cents = amount(b, record);
    let (Some(date), Some(value_date), Some(cents)) = (date, value_date, cents) else {
        return None;
    };
    let Some(date) = date else {
        b.problem(record.at, "date de comptabilisation", Reason::MissingField, "");
        return None;
    };
    let reference = record.field(105, 120).trim().to_string();
    Some(Line {
        at: record.at,
        date,
        value_date,
        cents,
        label: collapse_spaces(&record.field(49, 79)),
        reference: (!reference.is_empty()).then_some(reference),
        bank_id: None,
        occurrence: 0,
    })
}

/// The amount of a record, or `None` with a problem.
fn amount(b: &mut Builder, record: &Record) -> Option<i64> {
    let cents = record.amount();
    if cents.is_none() {
        b.problem(record.at, "montant", Reason::BadAmount, &record.field(91, 104));
    }
    cents
}

/// A date field: `Some(None)` when blank, `None` (with a problem) when it
/// is no date.
fn day(b: &mut Builder, record: &Record, from: usize, to: usize, column: &str) -> Option<Option<domain::Date>> {
    let raw = record.field(from, to);
    if raw.trim().is_empty() {
        return Some(None);
    }
    match ddmmyy(&raw) {
        Some(date) => Some(Some(date)),
        None => {
            b.problem(record.at, column, Reason::BadDate, &raw);
            None
        }
    }
}

/// Adds a `05` record's text to the movement it follows.
fn complement(line: &mut Line, record: &Record) {
    let qualifier = record.field(46, 48);
    let text = collapse_spaces(&record.field(49, 118));
    if text.is_empty() || NOT_LABELS.contains(&qualifier.as_str()) {
        return;
    }
    if REFERENCES.contains(&qualifier.as_str()) {
        if line.reference.is_none() {
            line.reference = Some(text);
        }
        return;
    }
    if !line.label.is_empty() {
        line.label.push(' ');
    }
    line.label.push_str(&text);
}

/// A 14-character amount whose last character carries the last digit and
/// the sign, with `decimals` digits after the comma, in cents; at most ten
/// million euros, as everywhere in Préau.
fn signed_amount(field: &str, decimals: &str) -> Option<i64> {
    let (digits, last) = field.split_at_checked(13)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (negative, last_digit) = match last.chars().next()? {
        '{' => (false, 0),
        c @ 'A'..='I' => (false, c as i64 - 'A' as i64 + 1),
        '}' => (true, 0),
        c @ 'J'..='R' => (true, c as i64 - 'J' as i64 + 1),
        _ => return None,
    };
    let value = digits.parse::<i64>().ok()? * 10 + last_digit;
    let decimals: u32 = match decimals.trim() {
        "" => 2,
        d => d.parse().ok()?,
    };
    let cents = if decimals <= 2 {
        value.checked_mul(10_i64.pow(2 - decimals))?
    } else {
        let unit = 10_i64.checked_pow(decimals - 2)?;
        if value % unit != 0 {
            return None;
        }
        value / unit
    };
    if cents > 1_000_000_000 {
        return None;
    }
    Some(if negative { -cents } else { cents })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_character_carries_the_sign_and_the_last_digit() {
        assert_eq!(signed_amount("0000000012345{", "2"), Some(123_450));
        assert_eq!(signed_amount("0000000012345A", "2"), Some(123_451));
        assert_eq!(signed_amount("0000000012345I", "2"), Some(123_459));
        assert_eq!(signed_amount("0000000000000}", "2"), Some(0));
        assert_eq!(signed_amount("0000000000032J", "2"), Some(-321));
        assert_eq!(signed_amount("0000000000032R", "2"), Some(-329));
        assert_eq!(signed_amount("0000000000032R", " "), Some(-329));
        assert_eq!(signed_amount("0000000000032R", "0"), Some(-32_900));
        assert_eq!(signed_amount("0000000000032{", "3"), Some(32));
        assert_eq!(signed_amount("0000000000032A", "3"), None, "a tenth of a cent");
        assert_eq!(signed_amount("00000000000 2A", "2"), None);
        assert_eq!(signed_amount("0000000000032S", "2"), None);
        assert_eq!(signed_amount("000000000003", "2"), None);
    }

    #[test]
    fn one_line_files_are_cut_into_records() {
        let record = format!("{:<120}", "01");
        let text = record.repeat(3);
        assert_eq!(records(&text).len(), 3);
        assert_eq!(records(&format!("{record}\r\n\r\n{record}\n")).iter().map(|r| r.0).collect::<Vec<_>>(), [1, 3]);
    }
}
