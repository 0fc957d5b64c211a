//! Accounting: the books of an association and the files they travel in.

pub mod fec;
