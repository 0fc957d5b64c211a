//! The hash chain that seals a closed year: each entry's hash commits to its
//! content and to the hash before it, so changing, removing or inserting an
//! entry breaks every hash from there on, and the year's last hash (kept on
//! the year) catches entries removed or added at the end.

use super::entry::Line;
use crate::Date;
use sha2::{Digest, Sha256};

/// What the chain commits to of one entry.
#[derive(Debug, Clone, Copy)]
pub struct Sealed<'a> {
    /// Its number in the year, from 1, in date order.
    pub number: i64,
    pub date: Date,
    pub journal: &'a str,
    pub label: &'a str,
    pub reference: &'a str,
    pub lines: &'a [Line],
}

/// The hash the first entry of the first closed year follows.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An unambiguous encoding: every field length-prefixed, so no two
/// different entries encode the same way ("ab"+"c" is not "a"+"bc").
fn canonical(e: &Sealed<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut put = |s: &str| {
        out.extend_from_slice(format!("{}:", s.len()).as_bytes());
        out.extend_from_slice(s.as_bytes());
        out.push(b';');
    };
    put("preau-entry-v1");
    put(&e.number.to_string());
    put(&e.date.to_string());
    put(e.journal);
    put(e.label);
    put(e.reference);
    put(&e.lines.len().to_string());
    for l in e.lines {
        put(&l.account);
        put(&l.debit.to_string());
        put(&l.credit.to_string());
        put(&l.label);
        put(&l.project.map_or(String::new(), |p| p.to_string()));
    }
    out
}

/// The hash of `e` following `previous` (hex, lowercase).
pub fn link(previous: &str, e: &Sealed<'_>) -> String {
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    h.update(canonical(e));
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a verification found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// This entry's content or position no longer matches its hash.
    Changed { number: i64 },
    /// Numbers jump here: entries are missing between `after` and `next`.
    Missing { after: i64, next: i64 },
    /// An entry without a number or hash sits in the closed year: it was added after closing.
    Unsealed { id: i64 },
    /// The last hash is not the one recorded when the year was closed:
    /// entries were added or removed at the end.
    Head,
}

/// Checks a closed year's entries one at a time, in number order, without
/// holding them all: [`Verifier::check`] each, then [`Verifier::finish`].
#[derive(Debug, Clone)]
pub struct Verifier {
    previous: String,
    expected: i64,
    found: Vec<Break>,
}

impl Verifier {
    /// Starts from the hash the year follows (the previous closed year's
    /// last hash, or [`GENESIS`]).
    pub fn new(start: &str) -> Verifier {
        Verifier { previous: start.to_string(), expected: 1, found: Vec::new() }
    }

    /// Checks the next entry against its stored hash.
    pub fn check(&mut self, e: &Sealed<'_>, stored: &str) {
        if e.number != self.expected {
            self.found.push(Break::Missing { after: self.expected - 1, next: e.number });
        }
        if link(&self.previous, e) != stored {
            self.found.push(Break::Changed { number: e.number });
        }
        self.previous = stored.to_string();
        self.expected = e.number + 1;
    }

    /// Notes an entry that carries no number or hash.
    pub fn unsealed(&mut self, id: i64) {
        self.found.push(Break::Unsealed { id });
    }

    /// Everything found, checking the last hash against the one recorded at
    /// closing. Nothing found means the year is as it was closed.
    pub fn finish(mut self, head: &str) -> Vec<Break> {
        if self.previous != head {
            self.found.push(Break::Head);
        }
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_sha256_of_the_previous_and_the_encoding() {
        let lines = [Line::debit("512", 1000), Line::credit("756", 1000)];
        let e = Sealed {
            number: 1,
            date: Date::new(2026, 1, 2).unwrap(),
            journal: "BQ",
            label: "Cotisation",
            reference: "",
            lines: &lines,
        };
        let h = link(GENESIS, &e);
        assert_eq!(h.len(), 64);
        assert_ne!(h, link(&h, &e), "the previous hash counts");
        let other = [Line::debit("512", 1000), Line::credit("7561", 1000)];
        assert_ne!(h, link(GENESIS, &Sealed { lines: &other, ..e }));
        let shifted = Sealed { label: "Cotisatio", reference: "n", ..e };
        assert_ne!(h, link(GENESIS, &shifted), "fields cannot bleed into each other");
    }
}
