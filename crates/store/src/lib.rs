//! All of Préau's SQL. One portable dialect (`$N` placeholders, `RETURNING`,
//! `ON CONFLICT`, `CAST(SUM(..) AS BIGINT)`, no database clock) run on native
//! SQLite and PostgreSQL pools. Every tenant function takes an
//! `AssociationId` first, or a `Grant` that carries it.

#[macro_use]
mod db;
// Its macros (`insert_entry!`…) also serve `donations`, declared after it.
#[macro_use]
pub mod accounting;
pub mod access;
pub mod associations;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod categories;
pub mod checkup;
pub mod donations;
pub mod dues;
pub mod fields;
pub mod handovers;
pub mod imports;
pub mod mail;
pub mod members;
pub mod meta;
pub mod migrate;
pub mod privacy;
pub mod saved_searches;
pub mod schema;
pub mod sessions;
pub mod team;
pub mod throttle;
pub mod tokens;
pub mod users;
pub mod vault;

pub use db::Db;

/// What can go wrong in the store.
#[derive(Debug)]
pub enum Error {
    /// The database said no, or could not be reached.
    Sql(sqlx::Error),
    /// A unique constraint refused the row (a slug or email already taken).
    Conflict,
    /// The database's schema is newer than this program.
    SchemaTooNew { database: i64, program: i64 },
    /// A backup or restore could not proceed; the message says why.
    Backup(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Sql(e) => write!(f, "database error: {e}"),
            Error::Conflict => write!(f, "already exists"),
            Error::SchemaTooNew { database, program } => write!(
                f,
                "the database schema (version {database}) is newer than this program (version {program}); \
                 upgrade preau / le schéma de la base est plus récent que ce programme : mettez preau à jour"
            ),
            Error::Backup(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e.as_database_error() {
            Some(d) if d.is_unique_violation() => Error::Conflict,
            _ => Error::Sql(e),
        }
    }
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;
