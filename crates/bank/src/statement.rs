//! What every format does once its fields are read: problems kept in the
//! order of the file, one account, euros only, the line limit, balances
//! checked, identical lines numbered.

use crate::fingerprint::number_occurrences;
use crate::{Balance, Format, Line, MAX_LINES, Problem, Reason, Statement};

/// The only currency Préau keeps books in.
pub(crate) const EURO: &str = "EUR";

/// A problem about the whole file.
pub(crate) fn whole_file(reason: Reason, value: String) -> Problem {
    Problem { at: 0, column: String::new(), reason, value }
}

/// Collects a statement as a format reader finds it, and every problem on
/// the way. A file may hold several statements of one account one after the
/// other (a CFONB file of daily statements, a camt.053 message with several
/// `Stmt`): each is a block, opened with its opening balance and closed with
/// its closing one.
pub(crate) struct Builder {
    format: Format,
    problems: Vec<Problem>,
    account: Option<String>,
    /// Other accounts met, each refused once.
    other_accounts: Vec<String>,
    currency: Option<String>,
    opening: Option<Balance>,
    closing: Option<Balance>,
    lines: Vec<Line>,
    /// The current block: its opening balance, and the index of its first line.
    block: Option<(Option<Balance>, usize)>,
    /// The previous block's closing balance, which the next opening must equal.
    last_closing: Option<Balance>,
    too_large: bool,
}

impl Builder {
    pub(crate) fn new(format: Format) -> Self {
        Builder {
            format,
            problems: Vec::new(),
            account: None,
            other_accounts: Vec::new(),
            currency: None,
            opening: None,
            closing: None,
            lines: Vec::new(),
            block: None,
            last_closing: None,
            too_large: false,
        }
    }

    pub(crate) fn problem(&mut self, at: usize, column: &str, reason: Reason, value: &str) {
        self.problems.push(Problem { at, column: column.to_string(), reason, value: value.trim().to_string() });
    }

    pub(crate) fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// The account a block or line is about: the first one named is the
    /// statement's, any other is refused (once, where it first appears).
    pub(crate) fn account(&mut self, at: usize, column: &str, id: &str) {
        let id = collapse_spaces(id);
        if id.is_empty() || self.account.as_ref() == Some(&id) || self.other_accounts.contains(&id) {
            return;
        }
        if self.account.is_none() {
            self.account = Some(id);
        } else {
            self.problem(at, column, Reason::SeveralAccounts, &id);
            self.other_accounts.push(id);
        }
    }

    /// The account's currency, when the file declares it: anything but the
    /// euro is refused.
    pub(crate) fn account_currency(&mut self, at: usize, column: &str, code: &str) {
        let code = code.trim().to_ascii_uppercase();
        if code.is_empty() {
            return;
        }
        if code != EURO {
            self.problem(at, column, Reason::OtherCurrency(code.clone()), &code);
        }
        self.currency.get_or_insert(code);
    }

    /// The currency of one amount: refused when it is neither the euro nor
    /// the account's. An account in another currency is refused once, by
    /// [`Builder::account_currency`], not again at each of its lines.
    pub(crate) fn amount_currency(&mut self, at: usize, column: &str, code: &str) {
        let code = code.trim().to_ascii_uppercase();
        let account = self.currency.as_deref().unwrap_or(EURO);
        if !code.is_empty() && code != EURO && code != account {
            self.problem(at, column, Reason::OtherCurrency(code.clone()), &code);
        }
    }

    /// Starts a block at `at` (the line giving `opening`, if any). Its
    /// opening balance must be the previous block's closing one.
    pub(crate) fn open_block(&mut self, at: usize, opening: Option<Balance>) {
        if let (Some(previous), Some(opening)) = (self.last_closing, opening)
            && previous.cents != opening.cents
        {
            let value = format!("{} ≠ {}", euros(previous.cents), euros(opening.cents));
            self.problem(at, "", Reason::Unbalanced, &value);
        }
        if self.block.is_none() && self.lines.is_empty() && self.opening.is_none() {
            self.opening = opening;
        }
        self.block = Some((opening, self.lines.len()));
    }

    /// Ends the current block at `at` (the line giving `closing`): when both
    /// its balances are known and nothing else is wrong, the lines between
    /// must add up.
    pub(crate) fn close_block(&mut self, at: usize, closing: Option<Balance>) {
        let (opening, first) = self.block.take().unwrap_or((None, self.lines.len()));
        if let (Some(opening), Some(closing)) = (opening, closing)
            && !self.has_problems()
        {
            let moved: i64 = self.lines[first..].iter().map(|l| l.cents).sum();
            if opening.cents + moved != closing.cents {
                let value = format!(
                    "{} {} {} = {} ≠ {}",
                    euros(opening.cents),
                    if moved < 0 { '-' } else { '+' },
                    euros(moved.abs()),
                    euros(opening.cents + moved),
                    euros(closing.cents)
                );
                self.problem(at, "", Reason::Unbalanced, &value);
            }
        }
        if closing.is_some() {
            self.closing = closing;
        }
        self.last_closing = closing;
    }

    /// Adds a line; `false` once there are more than [`MAX_LINES`], when the
    /// reader should stop.
    pub(crate) fn push(&mut self, line: Line) -> bool {
        if self.lines.len() >= MAX_LINES {
            if !self.too_large {
                self.too_large = true;
                self.problems.push(whole_file(Reason::TooLarge, format!("more than {MAX_LINES} lines")));
            }
            return false;
        }
        self.lines.push(line);
        true
    }

    /// The statement, or every problem in the order of the file.
    pub(crate) fn finish(mut self) -> Result<Statement, Vec<Problem>> {
        if !self.problems.is_empty() {
            self.problems.sort_by_key(|p| p.at);
            return Err(self.problems);
        }
        if self.lines.is_empty() && self.opening.is_none() && self.closing.is_none() {
            return Err(vec![whole_file(Reason::Empty, String::new())]);
        }
        number_occurrences(&mut self.lines);
        Ok(Statement {
            format: self.format,
            account: self.account,
            currency: self.currency,
            opening: self.opening,
            closing: self.closing,
            lines: self.lines,
        })
    }
}

/// Runs of white space (line ends included) as one space, trimmed: labels
/// spread over several fields or records read as one line.
pub(crate) fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cents as a plain figure for messages: `-1234,50`.
pub(crate) fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{},{:02}", c / 100, c % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_keep_the_sign_below_one_euro() {
        assert_eq!(euros(-50), "-0,50");
        assert_eq!(euros(123_456), "1234,56");
        assert_eq!(euros(0), "0,00");
    }
}
