//! Fiscal years (exercices): their bounds, and what closing one computes:
//! the result and the opening balances (à-nouveaux) of the next.

use super::entry::Line;
use crate::Date;

/// A fiscal year's first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub start: Date,
    pub end: Date,
}

/// The longest a year may last: a first year may run up to 24 months.
pub const MAX_MONTHS: i32 = 24;

impl Bounds {
    /// Whether `day` falls in the year.
    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }

    /// The twelve months that follow.
    pub fn next(&self) -> Bounds {
        let start = self.end.add_days(1);
        Bounds { start, end: start.add_months(12).add_days(-1) }
    }

    /// Checks a new year against those that exist: it ends after it starts,
    /// lasts at most [`MAX_MONTHS`], and touches the existing years without
    /// overlap or gap (right after the last or right before the first).
    /// The message key says what is wrong.
    pub fn check_new(self, existing: &[Bounds]) -> Result<Bounds, (&'static str, &'static str)> {
        if self.end <= self.start {
            return Err(("end", "error-year-end-before-start"));
        }
        if self.end >= self.start.add_months(MAX_MONTHS) {
            return Err(("end", "error-year-too-long"));
        }
        if existing.iter().any(|y| self.start <= y.end && y.start <= self.end) {
            return Err(("start", "error-year-overlap"));
        }
        let first = existing.iter().map(|y| y.start).min();
        let last = existing.iter().map(|y| y.end).max();
        match (first, last) {
            (Some(first), Some(last)) if self.start != last.add_days(1) && self.end.add_days(1) != first => {
                Err(("start", "error-year-gap"))
            }
            _ => Ok(self),
        }
    }
}

/// The years to open so that every day of `days` falls in one: twelve
/// months from the association's first month (1 to 12), skipping any that
/// would overlap or leave a gap with `existing` (those days stay uncovered
/// and are refused by the caller with their line).
pub fn missing_years(days: &[Date], existing: &[Bounds], start_month: u32) -> Vec<Bounds> {
    let mut all: Vec<Bounds> = existing.to_vec();
    let mut wanted: Vec<Bounds> = Vec::new();
    let mut sorted: Vec<Date> = days.to_vec();
    sorted.sort();
    sorted.dedup();
    for day in sorted {
        if all.iter().any(|b| b.contains(day)) {
            continue;
        }
        let month = start_month.clamp(1, 12);
        let year = if day.month() >= month { day.year() } else { day.year() - 1 };
        let Some(start) = Date::new(year, month, 1) else { continue };
        let b = Bounds { start, end: start.add_months(12).add_days(-1) };
        // Years are opened one after another: only one touching the others fits.
        if b.check_new(&all).is_ok() || (all.is_empty() && wanted.is_empty()) {
            all.push(b);
            wanted.push(b);
        }
    }
    wanted
}

/// An account's totals over a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub account: String,
    pub debit: i64,
    pub credit: i64,
}

impl Totals {
    /// Debit minus credit.
    pub fn net(&self) -> i64 {
        self.debit - self.credit
    }
}

/// Whether an account is in the balance sheet (classes 1 to 5), which
/// carries over from year to year, rather than the income statement.
pub fn in_balance_sheet(code: &str) -> bool {
    matches!(code.as_bytes().first(), Some(b'1'..=b'5'))
}

/// The year's result in cents: income (class 7) minus expenses (class 6).
/// Positive is a surplus (excédent), negative a deficit. The in-kind
/// contributions (class 8) are shown beside it and never change it.
pub fn result(totals: &[Totals]) -> i64 {
    totals.iter().filter(|t| matches!(t.account.as_bytes().first(), Some(b'6' | b'7'))).map(|t| -t.net()).sum()
}

/// Why a year cannot be closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosingProblem {
    /// The in-kind uses (86) and resources (87) differ by this many cents.
    InKindUnbalanced(i64),
    /// The year's entries do not balance (debits minus credits): the books are damaged.
    Unbalanced(i64),
}

/// Where the result goes when the year is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignment {
    /// To 120 (excédent) or 129 (déficit), for the general assembly to assign later.
    Pending,
    /// Straight to an account the board chose: 1068 (reserves for the
    /// association's projects), 110/119 (report à nouveau)…
    To(String),
}

/// The surplus account and the deficit account the result goes to when
/// its assignment is pending.
pub const SURPLUS: &str = "120";
pub const DEFICIT: &str = "129";

/// The lines of the opening entry (à-nouveaux) of the next year: the
/// balance of every balance-sheet account, and the result on the account
/// `assignment` names. Balanced whenever the year is; refused when it is not
/// or when in-kind uses and resources differ (they must be equal).
pub fn opening_lines(totals: &[Totals], assignment: &Assignment) -> Result<Vec<Line>, ClosingProblem> {
    let all: i64 = totals.iter().map(Totals::net).sum();
    if all != 0 {
        return Err(ClosingProblem::Unbalanced(all));
    }
    let in_kind: i64 = totals.iter().filter(|t| t.account.starts_with('8')).map(Totals::net).sum();
    if in_kind != 0 {
        return Err(ClosingProblem::InKindUnbalanced(in_kind));
    }
    let mut lines: Vec<Line> = totals
        .iter()
        .filter(|t| in_balance_sheet(&t.account) && t.net() != 0)
        .map(|t| if t.net() > 0 { Line::debit(&t.account, t.net()) } else { Line::credit(&t.account, -t.net()) })
        .collect();
    let r = result(totals);
    if r != 0 {
        let account = match assignment {
            Assignment::To(code) => code.as_str(),
            Assignment::Pending if r > 0 => SURPLUS,
            Assignment::Pending => DEFICIT,
        };
        // The account may already carry a balance: merge into its line.
        match lines.iter_mut().find(|l| l.account == account) {
            Some(l) => {
                let net = l.net() - r;
                *l = if net >= 0 { Line::debit(account, net) } else { Line::credit(account, -net) };
            }
            None if r > 0 => lines.push(Line::credit(account, r)),
            None => lines.push(Line::debit(account, -r)),
        }
    }
    lines.retain(|l| l.net() != 0);
    lines.sort_by(|a, b| a.account.cmp(&b.account));
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn b(start: &str, end: &str) -> Bounds {
        Bounds { start: d(start), end: d(end) }
    }

    fn t(account: &str, debit: i64, credit: i64) -> Totals {
        Totals { account: account.into(), debit, credit }
    }

    #[test]
    fn years_follow_each_other_without_gap_or_overlap() {
        let first = b("2025-09-01", "2026-12-31");
        assert_eq!(first.check_new(&[]), Ok(first), "a first year of 16 months");
        assert_eq!(b("2025-01-01", "2026-12-31").check_new(&[]), Ok(b("2025-01-01", "2026-12-31")), "24 months");
        assert_eq!(b("2025-01-01", "2027-01-01").check_new(&[]), Err(("end", "error-year-too-long")));
        assert_eq!(b("2026-01-01", "2025-12-31").check_new(&[]), Err(("end", "error-year-end-before-start")));
        assert_eq!(first.next(), b("2027-01-01", "2027-12-31"));
        assert_eq!(first.next().check_new(&[first]), Ok(first.next()));
        assert_eq!(b("2027-02-01", "2027-12-31").check_new(&[first]), Err(("start", "error-year-gap")));
        assert_eq!(b("2026-06-01", "2027-05-31").check_new(&[first]), Err(("start", "error-year-overlap")));
        assert_eq!(b("2024-09-01", "2025-08-31").check_new(&[first]), Ok(b("2024-09-01", "2025-08-31")), "before");
        assert!(b("2024-09-01", "2024-12-31").next().contains(d("2025-08-31")));
    }

    #[test]
    fn missing_years_follow_the_fiscal_month_and_each_other() {
        let days = [d("2025-03-02"), d("2024-11-30"), d("2025-10-01")];
        assert_eq!(missing_years(&days, &[], 9), [b("2024-09-01", "2025-08-31"), b("2025-09-01", "2026-08-31")]);
        // A gap with what exists is not filled: those days stay uncovered.
        let existing = [b("2022-01-01", "2022-12-31")];
        assert_eq!(missing_years(&[d("2024-05-01")], &existing, 1), []);
        assert_eq!(
            missing_years(&[d("2023-05-01"), d("2024-05-01")], &existing, 1),
            [b("2023-01-01", "2023-12-31"), b("2024-01-01", "2024-12-31")]
        );
        assert_eq!(missing_years(&[d("2022-05-01")], &existing, 1), [], "covered");
    }

    #[test]
    fn closing_carries_balances_and_the_result() {
        // Dues 500 in the bank, 120 of supplies paid, 40 still owed to a supplier.
        let totals = [t("512", 50_000, 12_000), t("401", 0, 4_000), t("6064", 16_000, 0), t("756", 0, 50_000)];
        assert_eq!(result(&totals), 34_000);
        let lines = opening_lines(&totals, &Assignment::Pending).unwrap();
        let nets: Vec<(&str, i64)> = lines.iter().map(|l| (l.account.as_str(), l.net())).collect();
        assert_eq!(nets, [("120", -34_000), ("401", -4_000), ("512", 38_000)]);
        let to_reserves = opening_lines(&totals, &Assignment::To("1068".into())).unwrap();
        assert_eq!(
            to_reserves.iter().map(|l| (l.account.as_str(), l.net())).collect::<Vec<_>>(),
            [("1068", -34_000), ("401", -4_000), ("512", 38_000)]
        );
    }

    #[test]
    fn a_deficit_goes_to_129_and_merges_with_an_existing_balance() {
        let totals = [t("512", 10_000, 0), t("129", 5_000, 0), t("6064", 20_000, 0), t("102", 0, 35_000)];
        let nets: Vec<(String, i64)> = opening_lines(&totals, &Assignment::Pending)
            .unwrap()
            .into_iter()
            .map(|l| (l.account.clone(), l.net()))
            .collect();
        assert_eq!(nets, [("102".to_string(), -35_000), ("129".into(), 25_000), ("512".into(), 10_000)]);
    }

    #[test]
    fn in_kind_contributions_must_balance_and_never_change_the_result() {
        let ok = [t("512", 1_000, 0), t("756", 0, 1_000), t("864", 90_000, 0), t("875", 0, 90_000)];
        assert_eq!(result(&ok), 1_000);
        assert!(opening_lines(&ok, &Assignment::Pending).is_ok());
        let lopsided = [t("512", 0, 0), t("864", 90_000, 0), t("875", 0, 80_000), t("4718", 0, 10_000)];
        assert_eq!(opening_lines(&lopsided, &Assignment::Pending), Err(ClosingProblem::InKindUnbalanced(10_000)));
        assert_eq!(opening_lines(&[t("512", 1, 0)], &Assignment::Pending), Err(ClosingProblem::Unbalanced(1)));
    }
}
