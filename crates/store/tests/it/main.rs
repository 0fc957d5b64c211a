//! Store tests: each runs on SQLite and on PostgreSQL.

mod accounts;
mod backup;
mod members;
mod schema;
