//! A ledger entry: dated lines on accounts whose debits equal their credits,
//! and the simple mode that turns a volunteer's "expense of 12 € paid by card"
//! into those lines.

use crate::Date;

/// One line of an entry: an amount on one side of one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The account's code (`512`, `6064`, `41101`).
    pub account: String,
    pub debit: i64,
    pub credit: i64,
    /// The line's own label; empty means the entry's.
    pub label: String,
    /// The analytic project this line counts for.
    pub project: Option<i64>,
}

impl Line {
    /// A debit line.
    pub fn debit(account: &str, cents: i64) -> Line {
        Line { account: account.to_string(), debit: cents, credit: 0, label: String::new(), project: None }
    }

    /// A credit line.
    pub fn credit(account: &str, cents: i64) -> Line {
        Line { account: account.to_string(), debit: 0, credit: cents, label: String::new(), project: None }
    }

    /// Debit minus credit.
    pub fn net(&self) -> i64 {
        self.debit - self.credit
    }
}

/// An entry before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub date: Date,
    pub label: String,
    /// The voucher it rests on (invoice number, cheque number): the FEC's PieceRef.
    pub reference: String,
    pub lines: Vec<Line>,
}

/// What is wrong with an entry; lines are counted from 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No label.
    NoLabel,
    /// Fewer than two lines with an amount.
    TooFewLines,
    /// A line with neither a debit nor a credit.
    EmptyLine(usize),
    /// A line with both a debit and a credit.
    BothSides(usize),
    /// A negative amount.
    Negative(usize),
    /// A line without an account.
    NoAccount(usize),
    /// Debits and credits differ; `difference` is debits minus credits.
    Unbalanced { debit: i64, credit: i64, difference: i64 },
}

/// The largest amount a line may carry: ten million euros.
pub const MAX_LINE: i64 = 1_000_000_000;

impl Draft {
    /// Every problem of the entry, or nothing: an entry is written only if
    /// its debits equal its credits, each line on one side of one account.
    pub fn check(&self) -> Result<(), Vec<Problem>> {
        let mut found = Vec::new();
        if self.label.trim().is_empty() {
            found.push(Problem::NoLabel);
        }
        for (i, l) in self.lines.iter().enumerate() {
            if l.account.trim().is_empty() {
                found.push(Problem::NoAccount(i));
            }
            if l.debit < 0 || l.credit < 0 || l.debit > MAX_LINE || l.credit > MAX_LINE {
                found.push(Problem::Negative(i));
            } else if l.debit != 0 && l.credit != 0 {
                found.push(Problem::BothSides(i));
            } else if l.debit == 0 && l.credit == 0 {
                found.push(Problem::EmptyLine(i));
            }
        }
        if self.lines.iter().filter(|l| l.debit != 0 || l.credit != 0).count() < 2 {
            found.push(Problem::TooFewLines);
        }
        let (debit, credit) = self.totals();
        if debit != credit {
            found.push(Problem::Unbalanced { debit, credit, difference: debit - credit });
        }
        if found.is_empty() { Ok(()) } else { Err(found) }
    }

    /// Total debits and total credits.
    pub fn totals(&self) -> (i64, i64) {
        self.lines.iter().fold((0, 0), |(d, c), l| (d + l.debit, c + l.credit))
    }

    /// The entry that cancels this one: same accounts, sides swapped. A
    /// locked entry is never changed; it is corrected by its reversal.
    pub fn reversal(&self, date: Date, label: String) -> Draft {
        Draft {
            date,
            label,
            reference: self.reference.clone(),
            lines: self.lines.iter().map(|l| Line { debit: l.credit, credit: l.debit, ..l.clone() }).collect(),
        }
    }
}

/// The journal an entry goes to (the FEC's JournalCode): bank (`BQ`) when a
/// line is on a bank account (51), else cash (`CA`) when one is on the cash
/// box (53), else miscellaneous operations (`OD`). Opening entries use
/// [`OPENING_JOURNAL`].
pub fn journal(lines: &[Line]) -> &'static str {
    if lines.iter().any(|l| l.account.starts_with("51")) {
        "BQ"
    } else if lines.iter().any(|l| l.account.starts_with("53")) {
        "CA"
    } else {
        "OD"
    }
}

/// The journal of opening balances (à-nouveaux).
pub const OPENING_JOURNAL: &str = "AN";

/// What a volunteer records in the simple mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimpleKind {
    /// Money received: the payment account is debited, an income account credited.
    Income,
    /// Money paid: an expense account debited, the payment account credited.
    Expense,
    /// Money moved between two of the association's accounts (bank to cash, to the savings book).
    Transfer,
    /// An expense not paid yet: an expense account debited, the third party (supplier, volunteer) credited.
    Debt,
    /// An income not received yet: the third party (member, funder) debited, an income account credited.
    Receivable,
}

impl SimpleKind {
    pub const ALL: [SimpleKind; 5] =
        [SimpleKind::Income, SimpleKind::Expense, SimpleKind::Transfer, SimpleKind::Debt, SimpleKind::Receivable];

    pub fn code(self) -> &'static str {
        match self {
            SimpleKind::Income => "income",
            SimpleKind::Expense => "expense",
            SimpleKind::Transfer => "transfer",
            SimpleKind::Debt => "debt",
            SimpleKind::Receivable => "receivable",
        }
    }

    pub fn from_code(code: &str) -> Option<SimpleKind> {
        SimpleKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The classes (first digits) the category account may start with.
    pub fn category_classes(self) -> &'static [&'static str] {
        match self {
            SimpleKind::Income | SimpleKind::Receivable => &["7"],
            SimpleKind::Expense | SimpleKind::Debt => &["6"],
            // Transfers go to a bank, cash or internal transfer account.
            SimpleKind::Transfer => &["5"],
        }
    }

    /// The classes the payment (or third-party) account may start with.
    pub fn payment_classes(self) -> &'static [&'static str] {
        match self {
            SimpleKind::Income | SimpleKind::Expense | SimpleKind::Transfer => &["5"],
            SimpleKind::Debt | SimpleKind::Receivable => &["4"],
        }
    }
}

/// A simple-mode entry: one amount, a category and the account it goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simple {
    pub kind: SimpleKind,
    pub date: Date,
    pub label: String,
    pub reference: String,
    pub amount: i64,
    /// The income or expense account (for a transfer: the account credited... see [`Simple::draft`]).
    pub category: String,
    /// The bank or cash account the money goes through; the third party for a debt or receivable.
    pub payment: String,
    pub project: Option<i64>,
}

impl Simple {
    /// The form fields that do not suit the kind: (`category` or `payment`, message key).
    pub fn check(&self) -> Vec<(&'static str, &'static str)> {
        let mut found = Vec::new();
        let fits = |code: &str, classes: &[&str]| classes.iter().any(|c| code.starts_with(c));
        if !fits(&self.category, self.kind.category_classes()) {
            found.push(("category", "error-entry-category"));
        }
        if !fits(&self.payment, self.kind.payment_classes()) {
            found.push(("payment", "error-entry-payment"));
        }
        if self.kind == SimpleKind::Transfer && self.category == self.payment {
            found.push(("category", "error-entry-same-account"));
        }
        found
    }

    /// The balanced entry: two lines. For a transfer, `payment` is the
    /// account the money leaves and `category` the one it reaches.
    pub fn draft(&self) -> Draft {
        let (debited, credited) = match self.kind {
            SimpleKind::Income | SimpleKind::Receivable => (&self.payment, &self.category),
            SimpleKind::Expense | SimpleKind::Debt | SimpleKind::Transfer => (&self.category, &self.payment),
        };
        let with_project = |mut l: Line| {
            // The project follows the income or expense, not the bank.
            if l.account == self.category && self.kind != SimpleKind::Transfer {
                l.project = self.project;
            }
            l
        };
        Draft {
            date: self.date,
            label: self.label.clone(),
            reference: self.reference.clone(),
            lines: vec![
                with_project(Line::debit(debited, self.amount)),
                with_project(Line::credit(credited, self.amount)),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> Date {
        Date::new(2026, 3, 14).unwrap()
    }

    fn draft(lines: Vec<Line>) -> Draft {
        Draft { date: day(), label: "Achat".into(), reference: String::new(), lines }
    }

    #[test]
    fn a_balanced_entry_passes_and_an_unbalanced_one_shows_the_difference() {
        assert_eq!(draft(vec![Line::debit("6064", 1250), Line::credit("512", 1250)]).check(), Ok(()));
        let lopsided = draft(vec![Line::debit("6064", 1250), Line::credit("512", 1200)]);
        assert_eq!(lopsided.check(), Err(vec![Problem::Unbalanced { debit: 1250, credit: 1200, difference: 50 }]));
    }

    #[test]
    fn every_bad_line_is_named() {
        let mut both = Line::debit("6064", 100);
        both.credit = 100;
        let e = Draft { label: " ".into(), ..draft(vec![both, Line::debit("", 0), Line::credit("512", -5)]) };
        assert_eq!(
            e.check().unwrap_err(),
            vec![
                Problem::NoLabel,
                Problem::BothSides(0),
                Problem::NoAccount(1),
                Problem::EmptyLine(1),
                Problem::Negative(2),
                Problem::Unbalanced { debit: 100, credit: 95, difference: 5 },
            ]
        );
    }

    #[test]
    fn one_line_is_not_an_entry() {
        assert!(
            draft(vec![Line::debit("512", 0), Line::credit("756", 0)])
                .check()
                .unwrap_err()
                .contains(&Problem::TooFewLines)
        );
    }

    #[test]
    fn a_reversal_cancels_the_entry() {
        let e = draft(vec![Line::debit("6064", 1250), Line::credit("512", 1250)]);
        let r = e.reversal(day().add_days(3), "Annulation".into());
        for (a, b) in e.lines.iter().zip(&r.lines) {
            assert_eq!((a.account.as_str(), a.net() + b.net()), (b.account.as_str(), 0));
        }
        assert_eq!(r.check(), Ok(()));
    }

    fn simple(kind: SimpleKind, category: &str, payment: &str) -> Simple {
        Simple {
            kind,
            date: day(),
            label: "x".into(),
            reference: String::new(),
            amount: 3000,
            category: category.into(),
            payment: payment.into(),
            project: Some(2),
        }
    }

    #[test]
    fn the_simple_mode_writes_the_right_sides() {
        let sides = |s: Simple| {
            assert!(s.check().is_empty(), "{:?}", s.check());
            let d = s.draft();
            assert_eq!(d.check(), Ok(()));
            d.lines.iter().map(|l| (l.account.clone(), l.net(), l.project)).collect::<Vec<_>>()
        };
        let own = |a: &str, n: i64, p: Option<i64>| (a.to_string(), n, p);
        assert_eq!(
            sides(simple(SimpleKind::Income, "756", "512")),
            [own("512", 3000, None), own("756", -3000, Some(2))]
        );
        assert_eq!(
            sides(simple(SimpleKind::Expense, "6064", "530")),
            [own("6064", 3000, Some(2)), own("530", -3000, None)]
        );
        assert_eq!(
            sides(simple(SimpleKind::Transfer, "530", "512")),
            [own("530", 3000, None), own("512", -3000, None)]
        );
        assert_eq!(
            sides(simple(SimpleKind::Debt, "6251", "4681")),
            [own("6251", 3000, Some(2)), own("4681", -3000, None)]
        );
        assert_eq!(
            sides(simple(SimpleKind::Receivable, "741", "441")),
            [own("441", 3000, None), own("741", -3000, Some(2))]
        );
    }

    #[test]
    fn the_simple_mode_refuses_accounts_that_do_not_fit() {
        assert_eq!(
            simple(SimpleKind::Income, "6064", "411").check(),
            [("category", "error-entry-category"), ("payment", "error-entry-payment")]
        );
        assert_eq!(simple(SimpleKind::Transfer, "512", "512").check(), [("category", "error-entry-same-account")]);
    }
}
