//! Test support: fresh databases on both backends, the application
//! in-process, a real SMTP server process that keeps what it receives, and an
//! independent checker of FEC files.

pub mod app;
pub mod fec_check;
pub mod smtp;

use store::Db;

/// A random hex string, for unique database names and emails.
pub fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    getrandom::fill(&mut b).expect("random bytes");
    hex::encode(b)
}

/// The PostgreSQL server the tests use (`PREAU_TEST_PG_URL`), by default
/// the local one with trust authentication.
pub fn pg_admin_url() -> String {
    std::env::var("PREAU_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A URL for a brand-new, empty database of `backend`.
pub async fn fresh_database_url(backend: Backend) -> String {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("preau-test-{}", random_hex(8)));
            std::fs::create_dir_all(&dir).expect("temp dir");
            format!("sqlite:{}", dir.join("preau.sqlite").display())
        }
        Backend::Postgres => {
            let name = format!("preau_test_{}", random_hex(8));
            let admin = Db::connect(&pg_admin_url())
                .await
                .unwrap_or_else(|e| panic!("PostgreSQL is required for the tests ({}): {e}", pg_admin_url()));
            let Db::Postgres(p) = &admin else { panic!("PREAU_TEST_PG_URL must be a postgres:// URL") };
            let sql = format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'");
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.expect("create test database");
            admin.close().await;
            let base = pg_admin_url();
            let cut = base.rfind('/').expect("database URL has a path");
            format!("{}/{name}", &base[..cut])
        }
    }
}

/// A fresh, migrated database of `backend`.
pub async fn migrated(backend: Backend) -> Db {
    let db = Db::connect(&fresh_database_url(backend).await).await.expect("connect");
    store::migrate::run(&db, 1_700_000_000).await.expect("migrate");
    db
}

/// Runs an async test body on SQLite and on PostgreSQL, as two tests:
/// `both_backends!(name, |db: Db| async move { ... });`
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::migrated($crate::Backend::Sqlite).await;
                ($body)(db).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::migrated($crate::Backend::Postgres).await;
                ($body)(db).await;
            }
        }
    };
}

/// Records a schema version the program does not know, as a newer program would.
pub async fn pretend_newer_schema(db: &Db) {
    let future = store::migrate::program_version() + 1;
    match db {
        Db::Sqlite(p) => sqlx::query("INSERT INTO schema_migrations VALUES ($1, 'future', 0)")
            .bind(future)
            .execute(p)
            .await
            .map(|_| ()),
        Db::Postgres(p) => sqlx::query("INSERT INTO schema_migrations VALUES ($1, 'future', 0)")
            .bind(future)
            .execute(p)
            .await
            .map(|_| ()),
    }
    .expect("insert a future schema version");
}

/// Runs a statement straight on the database, behind the application's back:
/// how a test plays someone editing the file or tables by hand.
pub async fn tamper(db: &Db, statement: &str) {
    match db {
        Db::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(statement)).execute(p).await.map(|_| ()),
        Db::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(statement)).execute(p).await.map(|_| ()),
    }
    .unwrap_or_else(|e| panic!("{statement}: {e}"));
}
