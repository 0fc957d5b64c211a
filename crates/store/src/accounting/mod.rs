//! The books: fiscal years and their closing, entries and their lines, the
//! totals the reports read, and bank statements reconciled with the entries.
//! All amounts are integer cents.

#[macro_use]
mod write;
pub mod attachments;
pub mod bank;
pub mod chart;
pub mod entries;
pub mod projects;
pub mod recurring;
pub mod years;

/// Why an entry cannot be written, changed or removed on its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// No fiscal year covers the date.
    NoYear,
    /// The year is closed: its entries are sealed; correct with a reversal.
    Closed,
    /// The entry does not balance, or a line is wrong.
    Invalid(Vec<domain::accounting::entry::Problem>),
    /// No such entry.
    NotFound,
    /// This very file was imported already.
    AlreadyImported,
}
