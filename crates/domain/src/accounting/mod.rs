//! Double-entry bookkeeping for associations: the chart of accounts (the
//! plan comptable associatif, 2025 numbering), entries that balance, fiscal
//! years and their closing, the hash chain that seals a closed year, the
//! interchange formats, the annual statements built from a year's totals, and
//! reconciling the bank's statements with the books.

pub mod bank;
pub mod books_in;
pub mod chain;
pub mod chart;
pub mod entry;
pub mod fec;
pub mod statements;
pub mod years;
