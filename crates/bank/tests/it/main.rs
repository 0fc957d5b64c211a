//! The bank crate from the outside: each format's fixtures read into the
//! statement they hold, every problem located, formats told apart, lines
//! recognised when a statement is read again.

mod camt;
mod cfonb;
mod csv;
mod detect;
mod fingerprint;
mod limits;
mod ofx;
mod qif;
mod roundtrip;

use std::path::Path;

use bank::{Problem, Reason, Statement};
use domain::Date;

/// A fixture's bytes.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads, panicking with the problems if it fails.
pub fn read_ok(name: &str, bytes: &[u8]) -> Statement {
    bank::read(name, bytes, None).unwrap_or_else(|problems| panic!("{name}: {}", listing(&problems)))
}

/// Reads, panicking with the statement if it succeeds.
pub fn read_err(name: &str, bytes: &[u8]) -> Vec<Problem> {
    match bank::read(name, bytes, None) {
        Ok(statement) => panic!("{name} should be refused, read as {statement:#?}"),
        Err(problems) => problems,
    }
}

pub fn listing(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("\n  {p}")).collect()
}

pub fn day(iso: &str) -> Date {
    Date::parse_iso(iso).unwrap()
}

pub fn problem(at: usize, column: &str, reason: Reason, value: &str) -> Problem {
    Problem { at, column: column.into(), reason, value: value.into() }
}

/// Each line as (date, cents, label), for short assertions.
pub fn summary(statement: &Statement) -> Vec<(String, i64, &str)> {
    statement.lines.iter().map(|l| (l.date.to_string(), l.cents, l.label.as_str())).collect()
}

/// The opening balance plus the lines is the closing balance.
pub fn assert_adds_up(statement: &Statement) {
    let opening = statement.opening.expect("an opening balance").cents;
    let closing = statement.closing.expect("a closing balance").cents;
    let moved: i64 = statement.lines.iter().map(|l| l.cents).sum();
    assert_eq!(opening + moved, closing, "opening {opening} + lines {moved} = closing {closing}");
}

/// The 1-based line of the `nth` (from 1) occurrence of `needle` in a
/// fixture, whatever its encoding (line ends are ASCII).
pub fn line_of(bytes: &[u8], needle: &str, nth: usize) -> usize {
    let text = String::from_utf8_lossy(bytes);
    let at = text.match_indices(needle).nth(nth - 1).unwrap_or_else(|| panic!("{needle:?} #{nth} not found")).0;
    1 + text[..at].matches('\n').count()
}

/// The text of a UTF-8 fixture, to change before reading it.
pub fn fixture_text(name: &str) -> String {
    String::from_utf8(fixture(name)).unwrap()
}
