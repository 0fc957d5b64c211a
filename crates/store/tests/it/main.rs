//! Store tests: each runs on SQLite and on PostgreSQL.

mod access;
mod accounting;
mod accounts;
mod backup;
mod bank;
mod bulk;
mod checkup;
mod donations;
mod dues;
mod exports;
mod imports;
mod members;
mod privacy;
mod saved_searches;
mod schema;
mod vault;
