//! The `preau` program: command line, configuration, start-up, and the
//! background jobs (mail queue, clean-up). The binary's `main` only calls `run`.

pub mod books;
pub mod checkup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod export;
pub mod import;
pub mod jobs;
pub mod mailer;
pub mod ops;

pub use cli::run;
