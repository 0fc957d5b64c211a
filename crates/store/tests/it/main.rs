//! Store tests: each runs on SQLite and on PostgreSQL.

mod accounts;
mod backup;
mod dues;
mod exports;
mod members;
mod schema;
