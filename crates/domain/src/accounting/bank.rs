//! Reconciling the bank's statement lines with the books: the entry a line
//! makes, the rules that choose its counterpart account from its label, and
//! the order in which entries already in the books are suggested for it.

use std::cmp::Reverse;

use super::entry::{Draft, Line};
use crate::Date;
use crate::members::fold;

/// How many days apart a line and an entry may be dated and still be
/// suggested for each other: a cheque is written before it is cashed, a
/// transfer booked a few days after it was ordered.
pub const SUGGEST_DAYS: i64 = 10;

/// Words that say how the money moved rather than who or what for: nearly
/// every line has one, so sharing one tells nothing.
const NOISE: &[&str] = &[
    "prlv",
    "prelevement",
    "sepa",
    "vir",
    "virement",
    "recu",
    "emis",
    "inst",
    "cb",
    "carte",
    "cheque",
    "chq",
    "remise",
    "paiement",
    "par",
    "pour",
    "des",
    "les",
    "sur",
    "aux",
];

/// A label's words as compared: folded (lower case, accents removed), cut at
/// anything that is not a letter or a digit.
pub fn words(label: &str) -> Vec<String> {
    fold(label).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Whether a rule's text is in a label, whatever the case, the accents, the
/// punctuation and the spacing: `edf` is in `PRLV SEPA EDF CLIENTS`,
/// `cafe de la gare` in `CB CAFÉ DE LA GARE 12/01`. An empty text matches
/// nothing.
pub fn rule_matches(contains: &str, label: &str) -> bool {
    let needle = words(contains).join(" ");
    !needle.is_empty() && words(label).join(" ").contains(&needle)
}

/// How many telling words two labels share, each counted once: words of at
/// least three characters that are not about the means of payment.
pub fn shared_words(a: &str, b: &str) -> usize {
    let telling = |label: &str| {
        let mut w: Vec<String> =
            words(label).into_iter().filter(|w| w.chars().count() >= 3 && !NOISE.contains(&w.as_str())).collect();
        w.sort();
        w.dedup();
        w
    };
    let theirs = telling(b);
    telling(a).iter().filter(|w| theirs.binary_search(w).is_ok()).count()
}

/// Where an entry ranks among the suggestions for a line: more shared words
/// first, then the closer date. Compare with `<`: the smallest is the best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Closeness {
    shared: Reverse<usize>,
    days_apart: i64,
}

impl Closeness {
    /// How many telling words the labels share.
    pub fn shared(&self) -> usize {
        self.shared.0
    }

    /// How many days separate the line and the entry.
    pub fn days_apart(&self) -> i64 {
        self.days_apart
    }
}

/// How close an entry (date and label) is to a statement line; `None` when
/// they are more than [`SUGGEST_DAYS`] apart. The amounts are the caller's
/// to compare: only an entry moving the same amount on the account is a
/// candidate at all.
pub fn closeness(line: (Date, &str), entry: (Date, &str)) -> Option<Closeness> {
    let days_apart = (line.0.days() - entry.0.days()).abs();
    (days_apart <= SUGGEST_DAYS).then(|| Closeness { shared: Reverse(shared_words(line.1, entry.1)), days_apart })
}

/// The entry a statement line makes: money in (positive cents) debits the
/// bank account and credits the counterpart (a membership fee, a
/// donation); money out credits the bank account and debits the
/// counterpart (an expense, a supplier). Dated on the line's booking date.
pub fn entry_for_line(
    (bank_account, counterpart): (&str, &str),
    date: Date,
    cents: i64,
    (label, reference): (String, String),
) -> Draft {
    let amount = cents.abs();
    let lines = if cents >= 0 {
        vec![Line::debit(bank_account, amount), Line::credit(counterpart, amount)]
    } else {
        vec![Line::debit(counterpart, amount), Line::credit(bank_account, amount)]
    };
    Draft { date, label, reference, lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(iso: &str) -> Date {
        Date::parse_iso(iso).unwrap()
    }

    #[test]
    fn rules_match_whatever_the_case_accents_and_punctuation() {
        assert!(rule_matches("EDF", "PRLV SEPA EDF CLIENTS PARTICULIERS"));
        assert!(rule_matches("café de la gare", "CB CAFE  DE-LA-GARE 12/01"));
        assert!(rule_matches("Électricité", "prlv electricite"));
        assert!(!rule_matches("gaz", "PRLV EDF"));
        assert!(!rule_matches("  ", "anything"), "an empty rule matches nothing");
    }

    #[test]
    fn suggestions_rank_shared_words_then_the_date() {
        let line = (day("2026-03-10"), "VIR SEPA RECU DUPONT HELENE COTISATION");
        let by_name = closeness(line, (day("2026-03-02"), "Cotisation – Hélène Dupont")).unwrap();
        let by_date = closeness(line, (day("2026-03-10"), "Adhésion")).unwrap();
        let too_far = closeness(line, (day("2026-03-21"), "Cotisation – Hélène Dupont"));
        assert_eq!((by_name.shared(), by_name.days_apart()), (3, 8));
        assert_eq!((by_date.shared(), by_date.days_apart()), (0, 0));
        assert!(by_name < by_date, "shared words first");
        assert_eq!(too_far, None);
        assert_eq!(shared_words("VIR SEPA", "virement sepa"), 0, "the means of payment tells nothing");
    }

    #[test]
    fn a_line_makes_a_balanced_entry_on_the_right_sides() {
        let money_in = entry_for_line(("512", "7561"), day("2026-01-02"), 4500, ("Cotisation".into(), String::new()));
        assert_eq!(money_in.lines, [Line::debit("512", 4500), Line::credit("7561", 4500)]);
        assert!(money_in.check().is_ok());
        let money_out = entry_for_line(("5121", "6061"), day("2026-01-03"), -6230, ("EDF".into(), "R-1".into()));
        assert_eq!(money_out.lines, [Line::debit("6061", 6230), Line::credit("5121", 6230)]);
        assert_eq!(money_out.reference, "R-1");
        assert!(money_out.check().is_ok());
    }
}
