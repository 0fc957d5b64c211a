//! Bank statements, shared by the pages and `preau import bank`: which
//! accounts take statements, the account a file names checked against the
//! IBAN on record, and each problem in words.

use crate::i18n::Tr;
use bank::{Format, Problem, Reason, Statement};
use domain::accounting::chart::{self, Kind};
use store::accounting::bank::Counts;

/// Whether statements go into this account: a bank account (`512` and its
/// sub-accounts, `514`, `517` for payment platforms…), not the cheques and
/// card payments on their way to the bank (`511`), which no bank sends a
/// statement of.
pub fn takes_statements(code: &str) -> bool {
    chart::is_postable(code) && chart::kind(code) == Kind::Bank && !code.starts_with("511")
}

/// The account a statement names, when it is not the one whose IBAN is on
/// record (`iban`, "" when none): a file downloaded from the wrong account.
/// Only account numbers are compared (camt.053's IBAN, OFX's account id,
/// CFONB's bank, branch and account numbers, each found in the IBAN); a QIF
/// file names the account in words, and a CSV file not at all.
pub fn other_account<'s>(statement: &'s Statement, iban: &str) -> Option<&'s str> {
    let named = statement.account.as_deref()?;
    if iban.is_empty() || !matches!(statement.format, Format::Camt053 | Format::Ofx | Format::Cfonb120) {
        return None;
    }
    let compact = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_uppercase();
    let (named_c, iban_c) = (compact(named), compact(iban));
    let same = named_c.is_empty() || iban_c.contains(&named_c) || named_c.contains(&iban_c);
    (!same).then_some(named)
}

/// A problem as shown: where (line 0: the whole file), why, what was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub line: usize,
    pub column: String,
    pub reason: String,
    pub value: String,
}

/// Why a file or a line is refused, in words.
pub fn reason(tr: &Tr, reason: &Reason) -> String {
    match reason {
        Reason::Empty => tr.t("bank-reason-empty"),
        Reason::TooLarge => tr.args(
            "bank-reason-too-large",
            &[("mib", (bank::MAX_BYTES / 1024 / 1024).to_string()), ("lines", bank::MAX_LINES.to_string())],
        ),
        Reason::NotAStatement => tr.t("bank-reason-not-a-statement"),
        Reason::Malformed(what) => tr.t1("bank-reason-malformed", "what", what),
        Reason::MissingField => tr.t("bank-reason-missing"),
        Reason::BadDate => tr.t("bank-reason-bad-date"),
        Reason::BadAmount => tr.t("bank-reason-bad-amount"),
        Reason::OtherCurrency(code) => tr.t1("bank-reason-other-currency", "currency", code),
        Reason::SeveralAccounts => tr.t("bank-reason-several-accounts"),
        Reason::Unbalanced => tr.t("bank-reason-unbalanced"),
    }
}

/// A problem of the file, shown.
pub fn shown(tr: &Tr, p: &Problem) -> Shown {
    Shown { line: p.at, column: p.column.clone(), reason: reason(tr, &p.reason), value: p.value.clone() }
}

/// The problem of a file naming another account than `account`'s IBAN.
pub fn other_account_shown(tr: &Tr, named: &str, (account, iban): (&str, &str)) -> Shown {
    let reason = tr.args("bank-reason-other-account", &[("account", account.to_string()), ("iban", iban.to_string())]);
    Shown { line: 0, column: String::new(), reason, value: named.to_string() }
}

/// One problem on one line: `ligne 3, colonne « Date » : date invalide (valeur « 31/02/2026 »)`.
pub fn line(tr: &Tr, s: &Shown) -> String {
    let reason = if s.value.is_empty() {
        s.reason.clone()
    } else {
        format!("{} ({})", s.reason, tr.t1("import-value", "value", &s.value))
    };
    match (s.line, s.column.as_str()) {
        (0, "") => reason,
        (0, column) => format!("{column}: {reason}"),
        (at, "") => tr.args("import-problem-line", &[("line", at.to_string()), ("reason", reason)]),
        (at, column) => {
            tr.args("import-problem", &[("line", at.to_string()), ("column", column.to_string()), ("reason", reason)])
        }
    }
}

/// What an import would add and leave out, in words.
pub fn counts(tr: &Tr, c: Counts) -> String {
    tr.args("bank-counts", &[("added", c.added.to_string()), ("duplicates", c.duplicates.to_string())])
}

/// What an import added and left out, in words.
pub fn imported(tr: &Tr, c: Counts) -> String {
    tr.args("bank-imported", &[("added", c.added.to_string()), ("duplicates", c.duplicates.to_string())])
}
