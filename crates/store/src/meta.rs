//! Server-level settings (not an association's): a small key-value table.

use crate::{Db, Result};

/// A setting's value.
pub async fn get(db: &Db, key: &str) -> Result<Option<String>> {
    Ok(on_db!(db, |p| sqlx::query_scalar("SELECT value FROM server_meta WHERE key = $1")
        .bind(key)
        .fetch_optional(p)
        .await)?)
}

/// Sets a setting.
pub async fn set(db: &Db, key: &str, value: &str) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    )
    .bind(key)
    .bind(value)
    .execute(p)
    .await)?;
    Ok(())
}
