//! Accounting: the rules of the association's books, as pure data and
//! functions (no I/O, no clock). Today the chart of accounts (`chart`), the
//! *plan comptable associatif* in its 2025 numbering; entries, journals and
//! statements will sit beside it as sibling modules.

pub mod chart;
