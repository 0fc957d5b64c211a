//! People who can log in (server level: one account, several associations).

use crate::{Db, Result};
use domain::{AssociationId, Role, UserId};

/// A person's account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub locale: Option<String>,
    pub totp_secret: Option<Vec<u8>>,
    pub totp_enabled: bool,
    pub is_host_operator: bool,
    pub created_at: i64,
}

impl User {
    /// The typed id.
    pub fn id(&self) -> UserId {
        UserId(self.id)
    }
}

const COLUMNS: &str =
    "id, email, display_name, password_hash, locale, totp_secret, totp_enabled, is_host_operator, created_at";

/// Creates an account; `Error::Conflict` if the email is taken.
pub async fn create(db: &Db, email: &str, display_name: &str, password_hash: Option<&str>, now: i64) -> Result<UserId> {
    let id: i64 = on_db!(db, |p| sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(email)
    .bind(display_name)
    .bind(password_hash)
    .bind(now)
    .fetch_one(p)
    .await)?;
    Ok(UserId(id))
}

/// One account by id.
pub async fn get(db: &Db, id: UserId) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(p).await)?)
}

/// One account by (normalised) email.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(p).await)?)
}

/// Replaces the password hash.
pub async fn set_password(db: &Db, id: UserId, hash: &str) -> Result<()> {
    exec!(db, |p| sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(id.0)
        .bind(hash)
        .execute(p)
        .await)?;
    Ok(())
}

/// Saves the profile's name and language (`None`: follow the browser).
pub async fn set_profile(db: &Db, id: UserId, display_name: &str, locale: Option<&str>) -> Result<()> {
    exec!(db, |p| sqlx::query("UPDATE users SET display_name = $2, locale = $3 WHERE id = $1")
        .bind(id.0)
        .bind(display_name)
        .bind(locale)
        .execute(p)
        .await)?;
    Ok(())
}

/// Flags or unflags the host operator.
pub async fn set_host_operator(db: &Db, id: UserId, yes: bool) -> Result<()> {
    exec!(db, |p| sqlx::query("UPDATE users SET is_host_operator = $2 WHERE id = $1")
        .bind(id.0)
        .bind(yes)
        .execute(p)
        .await)?;
    Ok(())
}

/// Stores a pending (not yet confirmed) encrypted TOTP secret.
pub async fn set_pending_totp(db: &Db, id: UserId, encrypted_secret: &[u8]) -> Result<()> {
    exec!(db, |p| sqlx::query("UPDATE users SET totp_secret = $2 WHERE id = $1 AND totp_enabled = FALSE")
        .bind(id.0)
        .bind(encrypted_secret)
        .execute(p)
        .await)?;
    Ok(())
}

/// Turns two-factor on and replaces the recovery codes, in one transaction.
pub async fn enable_totp(db: &Db, id: UserId, recovery_code_hashes: &[String]) -> Result<()> {
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        sqlx::query("UPDATE users SET totp_enabled = TRUE WHERE id = $1 AND totp_secret IS NOT NULL")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(id.0).execute(&mut *tx).await?;
        for h in recovery_code_hashes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(id.0)
                .bind(h)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await
    })?;
    Ok(())
}

/// Accepts a TOTP time step once: false if this step (or a later one) was already used.
pub async fn accept_totp_step(db: &Db, id: UserId, step: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)"
    )
    .bind(id.0)
    .bind(step)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// Turns two-factor off and forgets the secret and recovery codes.
pub async fn disable_totp(db: &Db, id: UserId) -> Result<()> {
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        sqlx::query("UPDATE users SET totp_enabled = FALSE, totp_secret = NULL WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(id.0).execute(&mut *tx).await?;
        tx.commit().await
    })?;
    Ok(())
}

/// Uses a recovery code once; true if it was valid and unused.
pub async fn use_recovery_code(db: &Db, id: UserId, code_hash: &str, now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL"
    )
    .bind(id.0)
    .bind(code_hash)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// How many recovery codes remain unused.
pub async fn recovery_codes_left(db: &Db, id: UserId) -> Result<i64> {
    Ok(on_db!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"
    )
    .bind(id.0)
    .fetch_one(p)
    .await)?)
}

/// One of a person's associations, for the switcher.
#[derive(Debug, Clone)]
pub struct Belonging {
    pub association_id: AssociationId,
    pub slug: String,
    pub name: String,
    pub role: Role,
}

/// The associations a person belongs to, by name.
pub async fn belongings(db: &Db, id: UserId) -> Result<Vec<Belonging>> {
    let rows: Vec<(i64, String, String, String)> = on_db!(db, |p| sqlx::query_as(
        "SELECT a.id, a.slug, a.name, m.role FROM memberships m JOIN associations a ON a.id = m.association_id \
         WHERE m.user_id = $1 ORDER BY lower(a.name), a.id"
    )
    .bind(id.0)
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(aid, slug, name, role)| {
            Role::from_code(&role).map(|role| Belonging { association_id: AssociationId(aid), slug, name, role })
        })
        .collect())
}
