//! Append-only migrations, one list per backend, embedded in the binary.
//!
//! Each migration runs in a transaction together with the row recording it.
//! A database whose schema is newer than the program is refused.

use crate::{Db, Error, Result};

/// One schema step.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

const SQLITE: &[Migration] = &[
    Migration { version: 1, name: "foundation", sql: include_str!("../migrations/sqlite/0001_foundation.sql") },
    Migration { version: 2, name: "totp_last_step", sql: include_str!("../migrations/sqlite/0002_totp_last_step.sql") },
    Migration { version: 3, name: "members", sql: include_str!("../migrations/sqlite/0003_members.sql") },
    Migration { version: 4, name: "dues", sql: include_str!("../migrations/sqlite/0004_dues.sql") },
    Migration { version: 5, name: "privacy", sql: include_str!("../migrations/sqlite/0005_privacy.sql") },
    Migration { version: 6, name: "accounting", sql: include_str!("../migrations/sqlite/0006_accounting.sql") },
    Migration { version: 7, name: "bank", sql: include_str!("../migrations/sqlite/0007_bank.sql") },
    Migration { version: 8, name: "donations", sql: include_str!("../migrations/sqlite/0008_donations.sql") },
    Migration {
        version: 9,
        name: "member_list_index",
        sql: include_str!("../migrations/sqlite/0009_member_list_index.sql"),
    },
    Migration { version: 10, name: "access", sql: include_str!("../migrations/sqlite/0010_access.sql") },
    Migration { version: 11, name: "vault", sql: include_str!("../migrations/sqlite/0011_vault.sql") },
    Migration {
        version: 12,
        name: "member_words_unchecked",
        sql: include_str!("../migrations/sqlite/0012_member_words_unchecked.sql"),
    },
    Migration { version: 13, name: "checkup", sql: include_str!("../migrations/sqlite/0013_checkup.sql") },
    Migration { version: 14, name: "vault_files", sql: include_str!("../migrations/sqlite/0014_vault_files.sql") },
    Migration { version: 15, name: "ledger_index", sql: include_str!("../migrations/sqlite/0015_ledger_index.sql") },
    Migration {
        version: 16,
        name: "bank_csv_layouts",
        sql: include_str!("../migrations/sqlite/0016_bank_csv_layouts.sql"),
    },
    Migration {
        version: 17,
        name: "statement_lines_to_reconcile",
        sql: include_str!("../migrations/sqlite/0017_statement_lines_to_reconcile.sql"),
    },
];

const POSTGRES: &[Migration] = &[
    Migration { version: 1, name: "foundation", sql: include_str!("../migrations/postgres/0001_foundation.sql") },
    Migration {
        version: 2,
        name: "totp_last_step",
        sql: include_str!("../migrations/postgres/0002_totp_last_step.sql"),
    },
    Migration { version: 3, name: "members", sql: include_str!("../migrations/postgres/0003_members.sql") },
    Migration { version: 4, name: "dues", sql: include_str!("../migrations/postgres/0004_dues.sql") },
    Migration { version: 5, name: "privacy", sql: include_str!("../migrations/postgres/0005_privacy.sql") },
    Migration { version: 6, name: "accounting", sql: include_str!("../migrations/postgres/0006_accounting.sql") },
    Migration { version: 7, name: "bank", sql: include_str!("../migrations/postgres/0007_bank.sql") },
    Migration { version: 8, name: "donations", sql: include_str!("../migrations/postgres/0008_donations.sql") },
    Migration {
        version: 9,
        name: "member_list_index",
        sql: include_str!("../migrations/postgres/0009_member_list_index.sql"),
    },
    Migration { version: 10, name: "access", sql: include_str!("../migrations/postgres/0010_access.sql") },
    Migration { version: 11, name: "vault", sql: include_str!("../migrations/postgres/0011_vault.sql") },
    Migration {
        version: 12,
        name: "member_words_unchecked",
        sql: include_str!("../migrations/postgres/0012_member_words_unchecked.sql"),
    },
    Migration { version: 13, name: "checkup", sql: include_str!("../migrations/postgres/0013_checkup.sql") },
    Migration { version: 14, name: "vault_files", sql: include_str!("../migrations/postgres/0014_vault_files.sql") },
    Migration { version: 15, name: "ledger_index", sql: include_str!("../migrations/postgres/0015_ledger_index.sql") },
    Migration {
        version: 16,
        name: "bank_csv_layouts",
        sql: include_str!("../migrations/postgres/0016_bank_csv_layouts.sql"),
    },
    Migration {
        version: 17,
        name: "statement_lines_to_reconcile",
        sql: include_str!("../migrations/postgres/0017_statement_lines_to_reconcile.sql"),
    },
];

/// The schema version this program expects.
pub fn program_version() -> i64 {
    SQLITE.last().map_or(0, |m| m.version)
}

fn list(db: &Db) -> &'static [Migration] {
    match db {
        Db::Sqlite(_) => SQLITE,
        Db::Postgres(_) => POSTGRES,
    }
}

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (\
    version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

/// The highest version applied to this database (0 for an empty one).
pub async fn database_version(db: &Db) -> Result<i64> {
    let exists: i64 = on_db!(db, |p| {
        let sql = match db {
            Db::Sqlite(_) => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            Db::Postgres(_) => {
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
            }
        };
        sqlx::query_scalar(sql).fetch_one(p).await
    })?;
    if exists == 0 {
        return Ok(0);
    }
    let v: Option<i64> =
        on_db!(db, |p| sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations").fetch_one(p).await)?;
    Ok(v.unwrap_or(0))
}

/// How this database stands against the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Current,
    /// Migrations to apply: from this version to the program's.
    Behind(i64),
}

/// Compares the database with the program; refuses a newer schema.
pub async fn status(db: &Db) -> Result<Status> {
    let database = database_version(db).await?;
    let program = program_version();
    if database > program {
        Err(Error::SchemaTooNew { database, program })
    } else if database < program {
        Ok(Status::Behind(database))
    } else {
        Ok(Status::Current)
    }
}

/// Applies every pending migration; returns how many ran.
pub async fn run(db: &Db, now: i64) -> Result<usize> {
    run_to(db, now, program_version()).await
}

/// Applies the pending migrations up to version `upto` (tests of upgrades).
pub async fn run_to(db: &Db, now: i64, upto: i64) -> Result<usize> {
    status(db).await?;
    exec!(db, |p| sqlx::raw_sql(CREATE_TABLE).execute(p).await)?;
    let current = database_version(db).await?;
    let mut applied = 0;
    for m in list(db).iter().filter(|m| m.version > current && m.version <= upto) {
        on_db!(db, |p| {
            let mut tx = begin_write!(p)?;
            sqlx::raw_sql(m.sql).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)")
                .bind(m.version)
                .bind(m.name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        })?;
        tracing::info!(version = m.version, name = m.name, "migration applied");
        applied += 1;
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lists_have_the_same_versions() {
        let v = |l: &[Migration]| l.iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
        assert_eq!(v(SQLITE), v(POSTGRES));
        // One after another from 1, without a gap.
        assert!(SQLITE.iter().enumerate().all(|(i, m)| m.version == i as i64 + 1));
    }
}
