//! Nothing to build: this crate exists for its test, `tests/shamir_interop.rs`,
//! which checks the browser's Shamir code against the vsss-rs crate in both
//! directions. Kept apart so that vsss-rs is compiled for this test only.
