//! The persistent outgoing mail queue. Messages are claimed with a lease so
//! several server processes never send the same message twice at once.

use crate::{Db, Result};

/// A queued message.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
}

/// Queues a message for sending as soon as possible.
pub async fn enqueue(db: &Db, recipient: &str, subject: &str, body_text: &str, now: i64) -> Result<i64> {
    Ok(on_db!(db, |p| sqlx::query_scalar(
        "INSERT INTO mail_queue (recipient, subject, body_text, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id"
    )
    .bind(recipient)
    .bind(subject)
    .bind(body_text)
    .bind(now)
    .fetch_one(p)
    .await)?)
}

/// Claims up to `limit` due messages for `lease` seconds.
pub async fn claim_due(db: &Db, now: i64, lease: i64, limit: i64) -> Result<Vec<Mail>> {
    let due: Vec<Mail> = on_db!(db, |p| sqlx::query_as(
        "SELECT id, recipient, subject, body_text, attempts, next_attempt_at FROM mail_queue \
         WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, id LIMIT $2"
    )
    .bind(now)
    .bind(limit)
    .fetch_all(p)
    .await)?;
    let mut claimed = Vec::with_capacity(due.len());
    for m in due {
        let n = exec!(db, |p| {
            sqlx::query(
            "UPDATE mail_queue SET next_attempt_at = $3 WHERE id = $1 AND status = 'pending' AND next_attempt_at = $2"
        )
        .bind(m.id)
        .bind(m.next_attempt_at)
        .bind(now + lease)
        .execute(p)
        .await
        })?;
        if n == 1 {
            claimed.push(m);
        }
    }
    Ok(claimed)
}

/// Records a successful delivery.
pub async fn mark_sent(db: &Db, id: i64, now: i64) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "UPDATE mail_queue SET status = 'sent', sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1"
    )
    .bind(id)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up when `None`.
pub async fn mark_failed(db: &Db, id: i64, error: &str, retry_at: Option<i64>) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "UPDATE mail_queue SET attempts = attempts + 1, last_error = $2, \
         status = CASE WHEN $3 IS NULL THEN 'failed' ELSE 'pending' END, \
         next_attempt_at = COALESCE($3, next_attempt_at) WHERE id = $1"
    )
    .bind(id)
    .bind(error)
    .bind(retry_at)
    .execute(p)
    .await)?;
    Ok(())
}

/// Counts by status, for the host operator and `preau check`.
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>> {
    Ok(on_db!(db, |p| sqlx::query_as("SELECT status, COUNT(*) FROM mail_queue GROUP BY status ORDER BY status")
        .fetch_all(p)
        .await)?)
}
