//! The sheet crate from the outside: reading CSV, ODS and XLSX files (ours,
//! other programs', broken ones), writing every format and reading it back.

mod csv;
mod errors;
mod fixtures;
mod formulas;
mod roundtrip;

use sheet::{Row, Table};

/// A row as the tests spell it.
pub fn row(line: usize, cells: &[&str]) -> Row {
    Row { line, cells: cells.iter().map(|c| c.to_string()).collect() }
}

pub fn headers(table: &Table) -> Vec<&str> {
    table.headers.iter().map(String::as_str).collect()
}

/// Reads, panicking with the error if it fails.
pub fn read_ok(name: &str, bytes: &[u8]) -> Table {
    sheet::read(name, bytes, 1000).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}
