//! One-time tokens (setup link, password reset), stored as SHA-256 hashes.

use crate::{Db, Result};
use domain::UserId;

/// What a token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Setup,
    Reset,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Setup => "setup",
            Purpose::Reset => "reset",
        }
    }
}

/// Why a token cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenProblem {
    Unknown,
    Expired,
    Used,
}

/// Stores a token.
pub async fn create(
    db: &Db,
    hash: &str,
    purpose: Purpose,
    user: Option<UserId>,
    now: i64,
    expires_at: i64,
) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(hash)
    .bind(purpose.code())
    .bind(user.map(|u| u.0))
    .bind(now)
    .bind(expires_at)
    .execute(p)
    .await)?;
    Ok(())
}

/// Makes every unused token of this purpose (and person) expire now.
pub async fn expire_all(db: &Db, purpose: Purpose, user: Option<UserId>, now: i64) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "UPDATE one_time_tokens SET expires_at = $3 WHERE purpose = $1 AND used_at IS NULL AND expires_at > $3 \
         AND (user_id = $2 OR ($2 IS NULL AND user_id IS NULL))"
    )
    .bind(purpose.code())
    .bind(user.map(|u| u.0))
    .bind(now)
    .execute(p)
    .await)?;
    Ok(())
}

/// Whether the token could be used now, without using it; its person if any.
pub async fn check(
    db: &Db,
    hash: &str,
    purpose: Purpose,
    now: i64,
) -> Result<std::result::Result<Option<UserId>, TokenProblem>> {
    let row: Option<(Option<i64>, i64, Option<i64>)> = on_db!(db, |p| sqlx::query_as(
        "SELECT user_id, expires_at, used_at FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2"
    )
    .bind(hash)
    .bind(purpose.code())
    .fetch_optional(p)
    .await)?;
    Ok(match row {
        None => Err(TokenProblem::Unknown),
        Some((_, _, Some(_))) => Err(TokenProblem::Used),
        Some((_, expires, None)) if expires <= now => Err(TokenProblem::Expired),
        Some((user, _, None)) => Ok(user.map(UserId)),
    })
}

/// Uses the token atomically: only one request can succeed.
pub async fn consume(
    db: &Db,
    hash: &str,
    purpose: Purpose,
    now: i64,
) -> Result<std::result::Result<Option<UserId>, TokenProblem>> {
    let row: Option<(Option<i64>,)> = on_db!(db, |p| sqlx::query_as(
        "UPDATE one_time_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL \
         AND expires_at > $3 RETURNING user_id"
    )
    .bind(hash)
    .bind(purpose.code())
    .bind(now)
    .fetch_optional(p)
    .await)?;
    match row {
        Some((user,)) => Ok(Ok(user.map(UserId))),
        None => Ok(check(db, hash, purpose, now).await?.and(Err(TokenProblem::Used))),
    }
}
