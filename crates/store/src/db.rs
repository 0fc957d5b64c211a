//! The `Db` handle: a native SQLite or PostgreSQL pool chosen from the URL.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// A pool on one of the two supported databases. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code on whichever pool `$db` holds; the body is compiled
/// once per backend, so `sqlx::query_as::<_, T>` gets the native driver.
macro_rules! on_db {
    ($db:expr, |$p:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($p) => $body,
            $crate::db::Db::Postgres($p) => $body,
        }
    };
}

/// Begins a transaction on the pool `$p` that `on_db!` handed out. Every
/// transaction of the store writes, and on SQLite it takes the write lock
/// at once (`BEGIN IMMEDIATE`): a transaction that reads first cannot wait
/// for another writer when it comes to write (SQLite refuses the upgrade at
/// once, "database is locked", whatever the busy timeout), while one that
/// begins with the lock waits its turn. PostgreSQL locks rows as it goes.
macro_rules! begin_write {
    ($p:expr) => {
        $crate::db::BeginWrite::begin_write($p).await
    };
}

/// See `begin_write!`.
pub(crate) trait BeginWrite {
    type Database: sqlx::Database;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>;
}

impl BeginWrite for SqlitePool {
    type Database = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl BeginWrite for PgPool {
    type Database = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// Like `on_db!` for a statement run for its effect: evaluates to the
/// number of rows affected, whichever backend ran it.
macro_rules! exec {
    ($db:expr, |$p:ident| $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($p) => $body.map(|r| r.rows_affected()),
            $crate::db::Db::Postgres($p) => $body.map(|r| r.rows_affected()),
        }
    };
}

/// `$from, …, $(from + n - 1)`: the placeholders of `n` values, for a list
/// or a row of a multi-row insert. Values go there, never into the text:
/// values written into the text would make every call a statement of its
/// own, each kept in the connection's cache (on SQLite the server grew by
/// 50 MB over twenty FEC downloads). A list of any length is best bound as a
/// fixed number of values (see [`padded`]).
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|k| format!("${k}")).collect::<Vec<_>>().join(", ")
}

/// `values` made `n` long for [`placeholders`]: the last one repeated (a
/// value twice in `IN (…)` changes nothing). `values` holds 1 to `n`.
pub(crate) fn padded<T: Copy>(values: &[T], n: usize) -> impl Iterator<Item = T> + '_ {
    let last = values[values.len() - 1];
    (0..n).map(move |k| values.get(k).copied().unwrap_or(last))
}

impl Db {
    /// Opens a pool. SQLite URLs (`sqlite:path`) get WAL, foreign keys and a
    /// busy timeout; the file is created if missing.
    pub async fn connect(url: &str) -> crate::Result<Db> {
        if url.starts_with("sqlite:") {
            let memory = url.contains(":memory:") || url.contains("mode=memory");
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(if memory { SqliteJournalMode::Memory } else { SqliteJournalMode::Wal })
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(if memory { 1 } else { 8 })
                .min_connections(0)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let mut opts = PgConnectOptions::from_str(url)?.application_name("preau");
            // On the same machine TLS protects nothing and costs ~200 ms at
            // start-up (measured); elsewhere the URL's sslmode (default prefer) applies.
            let host = opts.get_host().to_string();
            if !url.contains("sslmode")
                && (host == "localhost" || host == "127.0.0.1" || host == "::1" || host.starts_with('/'))
            {
                opts = opts.ssl_mode(PgSslMode::Disable);
            }
            let pool = PgPoolOptions::new()
                // Measured on 2 cores: 8 connections serve more pages than 16 (less
                // switching between backends); a request waits for a free one.
                .max_connections(8)
                .min_connections(0)
                .acquire_timeout(Duration::from_secs(5))
                // sqlx pings every connection it hands out by default: a round trip
                // per query. Only one idle for a minute (the server may have gone) is checked.
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for > Duration::from_secs(60) {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(crate::Error::Backup(format!(
                "unsupported database URL {url:?}: use sqlite:FILE or postgres://… / URL de base non prise en charge"
            )))
        }
    }

    /// Checks the database answers.
    pub async fn ping(&self) -> crate::Result<()> {
        exec!(self, |p| sqlx::query("SELECT 1").execute(p).await)?;
        Ok(())
    }

    /// Closes every connection (used before a restore replaces the file).
    pub async fn close(&self) {
        on_db!(self, |p| p.close().await)
    }
}

/// Takes the next `$count` ids of `$name` in one association and evaluates
/// to the first. Ids of tenant tables are per association, so a row's key
/// `(association_id, id)` never depends on another association's rows.
/// A macro, not a function, so it runs on either backend's executor.
macro_rules! next_ids {
    ($exec:expr, $association:expr, $name:expr, $count:expr) => {{
        let count: i64 = $count;
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO counters (association_id, name, next) VALUES ($1, $2, $3) \
             ON CONFLICT (association_id, name) DO UPDATE SET next = counters.next + $3 RETURNING next",
        )
        .bind($association)
        .bind($name)
        .bind(count)
        .fetch_one($exec)
        .await?;
        last - count + 1
    }};
}
