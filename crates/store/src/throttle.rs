//! Failed-login counting per account and per address, kept in the database
//! so that several server processes share it.

use crate::{Db, Result};

/// Records one failure for `subject` (`account:EMAIL` or `ip:ADDR`).
pub async fn record_failure(db: &Db, subject: &str, now: i64) -> Result<()> {
    exec!(db, |p| sqlx::query("INSERT INTO login_attempts (subject, at) VALUES ($1, $2)")
        .bind(subject)
        .bind(now)
        .execute(p)
        .await)?;
    Ok(())
}

/// Failures for `subject` since `since`, and the oldest of them.
pub async fn failures_since(db: &Db, subject: &str, since: i64) -> Result<(i64, Option<i64>)> {
    Ok(on_db!(db, |p| sqlx::query_as("SELECT COUNT(*), MIN(at) FROM login_attempts WHERE subject = $1 AND at > $2")
        .bind(subject)
        .bind(since)
        .fetch_one(p)
        .await)?)
}

/// Forgets the failures of `subject` (after a successful login).
pub async fn clear(db: &Db, subject: &str) -> Result<()> {
    exec!(db, |p| sqlx::query("DELETE FROM login_attempts WHERE subject = $1").bind(subject).execute(p).await)?;
    Ok(())
}

/// Forgets failures older than `before`.
pub async fn prune(db: &Db, before: i64) -> Result<u64> {
    Ok(exec!(db, |p| sqlx::query("DELETE FROM login_attempts WHERE at <= $1").bind(before).execute(p).await)?)
}
