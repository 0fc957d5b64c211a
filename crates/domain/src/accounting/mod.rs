//! Double-entry bookkeeping for associations: the chart of accounts, entries
//! that balance, fiscal years and their closing, the hash chain that seals a
//! closed year, and the interchange formats (FEC).

pub mod chain;
pub mod entry;
pub mod years;
