//! QIF (Quicken Interchange Format), as banks still export it: a header
//! line `!Type:Bank` (or `Cash`, `CCard`, `Oth A`, `Oth L`), then records
//! of one field per line, each line a letter and its value, each record
//! ended by `^`:
//!
//! - `D` the date; `T` the signed amount (`U` when there is no `T`);
//! - `P` the payee and `M` the memo, which make the label; `N` the number
//!   (cheque number, reference); `L` the category, only read to recognise
//!   the "Opening Balance" record Quicken writes first (payee `Opening
//!   Balance`, category `[account name]`), taken as the opening balance;
//! - anything else (cleared status, address, splits) is left out: the
//!   record's total is its amount.
//!
//! An `!Account` block names the account (`N`); lists (`!Type:Cat`,
//! `!Type:Class`, `!Type:Memorized`…) are skipped; an investment account
//! (`!Type:Invst`) is refused.
//!
//! Dates: QIF has no rule for the order of day and month, and Quicken's
//! American `MM/DD` meets the French banks' `DD/MM`. The whole file is read
//! one way: day first, as French banks write it, unless some date can only
//! be month first (its second number is over 12) and none can only be day
//! first. Years have four digits, or two after `/` (`26` is 2026, see
//! [`crate::dates::full_year`]) or after `'` (Quicken's mark for 2000 and
//! later: `D1/02'26`). `YYYY-MM-DD` is read too. Amounts take either
//! decimal separator (see [`crate::amount::parse`]).

use domain::Date;

use crate::amount;
use crate::dates;
use crate::statement::{Builder, collapse_spaces};
use crate::text::{decode, numbered_lines};
use crate::{Balance, Format, Line, Problem, Reason, Statement};

/// What the lines under the last `!` header are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before any header, or a list we skip.
    Skip,
    Account,
    Transactions,
}

/// One record: its first line and its fields with their lines.
#[derive(Default)]
struct Record {
    at: usize,
    fields: Vec<(char, String, usize)>,
}

impl Record {
    /// The first field with this letter: its value and line.
    fn get(&self, code: char) -> Option<(&str, usize)> {
        self.fields.iter().find(|(c, _, _)| *c == code).map(|(_, v, at)| (v.as_str(), *at))
    }

    fn text(&self, code: char) -> &str {
        self.get(code).map_or("", |(v, _)| v)
    }
}

/// A date as written, before the order of day and month is known.
#[derive(Clone, Copy)]
enum Written {
    Iso(Option<Date>),
    /// The two first numbers, and the year.
    Ambiguous(u32, u32, i32),
}

pub(crate) fn read(bytes: &[u8]) -> Result<Statement, Vec<Problem>> {
    let text = decode(bytes);
    let mut b = Builder::new(Format::Qif);
    let mut section = Section::Skip;
    let mut records = Vec::new();
    let mut record = Record::default();
    for (at, line) in numbered_lines(&text) {
        let line = line.trim();
        let Some(code) = line.chars().next() else { continue };
        let value = line[code.len_utf8()..].trim();
        if code == '!' {
            if !record.fields.is_empty() {
                records.push(std::mem::take(&mut record));
            }
            section = header(&mut b, at, value, section);
            continue;
        }
        match section {
            Section::Account if code == 'N' => b.account(at, "N", value),
            Section::Transactions if code == '^' => {
                if !record.fields.is_empty() {
                    records.push(std::mem::take(&mut record));
                }
            }
            Section::Transactions => {
                if record.fields.is_empty() {
                    record.at = at;
                }
                record.fields.push((code.to_ascii_uppercase(), value.to_string(), at));
            }
            Section::Account | Section::Skip => {}
        }
    }
    if !record.fields.is_empty() {
        records.push(record);
    }

    let written: Vec<Option<Option<Written>>> =
        records.iter().map(|r| r.get('D').map(|(d, _)| split_date(d))).collect();
    let day_first = day_first(&written);
    let mut opening = None;
    let mut lines = Vec::new();
    for (i, (record, written)) in records.iter().zip(written).enumerate() {
        let Some(line) = read_record(&mut b, record, written, day_first) else { continue };
        let is_opening = record.text('P').eq_ignore_ascii_case("Opening Balance") && record.text('L').starts_with('[');
        if i == 0 && is_opening {
            opening = Some(Balance { date: line.date, cents: line.cents });
        } else {
            lines.push(line);
        }
    }
    b.open_block(records.first().map_or(0, |r| r.at), opening);
    for line in lines {
        if !b.push(line) {
            break;
        }
    }
    b.close_block(0, None);
    b.finish()
}

/// The section a `!` header opens.
fn header(b: &mut Builder, at: usize, header: &str, current: Section) -> Section {
    let header: String = header.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    match header.as_str() {
        "type:bank" | "type:cash" | "type:ccard" | "type:otha" | "type:othl" => Section::Transactions,
        "account" => Section::Account,
        "type:invst" => {
            b.problem(at, "!Type", Reason::NotAStatement, "Invst");
            Section::Skip
        }
        h if h.starts_with("type:") => Section::Skip,
        // `!Option:AutoSwitch`, `!Clear:AutoSwitch`: no change of section.
        _ => current,
    }
}

fn read_record(b: &mut Builder, record: &Record, written: Option<Option<Written>>, day_first: bool) -> Option<Line> {
    let date = match (record.get('D'), written) {
        (Some((raw, at)), Some(written)) => {
            let date = written.and_then(|w| resolve(w, day_first));
            if date.is_none() {
                b.problem(at, "D", Reason::BadDate, raw);
            }
            date
        }
        _ => {
            b.problem(record.at, "D", Reason::MissingField, "");
            None
        }
    };
    let amount = record.get('T').or_else(|| record.get('U'));
    let cents = match amount {
        Some((raw, at)) => {
            let cents = amount::parse(raw, None);
            if cents.is_none() {
                b.problem(at, if record.get('T').is_some() { "T" } else { "U" }, Reason::BadAmount, raw);
            }
            cents
        }
        None => {
            b.problem(record.at, "T", Reason::MissingField, "");
            None
        }
    };
    let payee = collapse_spaces(record.text('P'));
    let memo = collapse_spaces(record.text('M'));
    let label = if memo.is_empty() || payee.contains(&memo) {
        payee
    } else if payee.is_empty() {
        memo
    } else {
        format!("{payee} {memo}")
    };
    let reference = record.text('N').trim();
    Some(Line {
        at: record.at,
        date: date?,
        value_date: None,
        cents: cents?,
        label,
        reference: (!reference.is_empty()).then(|| reference.to_string()),
        bank_id: None,
        occurrence: 0,
    })
}

/// Cuts a QIF date into its numbers; `None` when it is no date at all.
fn split_date(raw: &str) -> Option<Written> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if (s.len() == 10 && s.as_bytes().get(4) == Some(&b'-')) || (s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Written::Iso(dates::iso_prefix(&s)));
    }
    let (first_two, year) = match s.split_once('\'') {
        Some((days, yy)) => (days, dates::number(yy, 2, 4).map(|y| if y < 100 { 2000 + y as i32 } else { y as i32 })?),
        None => {
            let cut = s.rfind(['/', '-', '.'])?;
            (&s[..cut], dates::year(&s[cut + 1..])?)
        }
    };
    let (a, b) = first_two.split_once(['/', '-', '.'])?;
    Some(Written::Ambiguous(dates::number(a, 1, 2)?, dates::number(b, 1, 2)?, year))
}

/// Day first unless some date can only be month first and none can only be
/// day first.
fn day_first(written: &[Option<Option<Written>>]) -> bool {
    let ambiguous = written.iter().flatten().flatten().filter_map(|w| match w {
        Written::Ambiguous(a, b, _) => Some((*a, *b)),
        Written::Iso(_) => None,
    });
    let (mut only_day_first, mut only_month_first) = (false, false);
    for (a, b) in ambiguous {
        only_day_first |= a > 12;
        only_month_first |= b > 12;
    }
    only_day_first || !only_month_first
}

fn resolve(written: Written, day_first: bool) -> Option<Date> {
    match written {
        Written::Iso(date) => date,
        Written::Ambiguous(a, b, year) if day_first => Date::new(year, b, a),
        Written::Ambiguous(a, b, year) => Date::new(year, a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_dates(raw: &[&str]) -> Vec<Option<Date>> {
        let written: Vec<_> = raw.iter().map(|r| Some(split_date(r))).collect();
        let day_first = day_first(&written);
        written.into_iter().map(|w| w.flatten().and_then(|w| resolve(w, day_first))).collect()
    }

    fn d(s: &str) -> Option<Date> {
        Date::parse_iso(s)
    }

    #[test]
    fn day_first_unless_the_file_can_only_be_month_first() {
        assert_eq!(read_dates(&["01/02/2026", "03/04/26"]), [d("2026-02-01"), d("2026-04-03")]);
        assert_eq!(read_dates(&["01/02'26", "12/25'25"]), [d("2026-01-02"), d("2025-12-25")]);
        assert_eq!(read_dates(&[" 1/ 2'26", "25/12/2025"]), [d("2026-02-01"), d("2025-12-25")]);
        assert_eq!(read_dates(&["25/12/2025", "12/25/2025"]), [d("2025-12-25"), None]);
        assert_eq!(
            read_dates(&["2026-01-25", "25.01.2026", "31/02/2026", "hier"]),
            [d("2026-01-25"), d("2026-01-25"), None, None]
        );
    }
}
