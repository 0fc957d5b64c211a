//! Receipts and invoices attached to an entry, kept in the database so a
//! backup carries them.

use crate::{Db, Result};
use domain::{AssociationId, Grant, KeepBooks};

/// An attachment without its bytes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub entry_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub created_at: i64,
}

/// The attachments of an entry, oldest first.
pub async fn of_entry(db: &Db, a: AssociationId, entry: i64) -> Result<Vec<AttachmentRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, entry_id, file_name, content_type, size, created_at FROM attachments \
         WHERE association_id = $1 AND entry_id = $2 ORDER BY id"
    )
    .bind(a.0)
    .bind(entry)
    .fetch_all(p)
    .await)?)
}

/// Attaches a file to an entry of the association; `None` if there is no such entry.
pub async fn add(
    db: &Db,
    g: &Grant<KeepBooks>,
    entry: i64,
    (file_name, content_type, bytes): (&str, &str, &[u8]),
    now: i64,
) -> Result<Option<i64>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM entries WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(entry)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(None);
        }
        let id = next_ids!(&mut *tx, a, "attachments", 1);
        sqlx::query(
            "INSERT INTO attachments (association_id, id, entry_id, file_name, content_type, size, bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(a)
        .bind(id)
        .bind(entry)
        .bind(file_name)
        .bind(content_type)
        .bind(bytes.len() as i64)
        .bind(bytes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(id))
    })
}

/// An attachment and its bytes.
pub async fn get(db: &Db, a: AssociationId, id: i64) -> Result<Option<(AttachmentRow, Vec<u8>)>> {
    let row: Option<AttachmentRow> = on_db!(db, |p| sqlx::query_as(
        "SELECT id, entry_id, file_name, content_type, size, created_at FROM attachments \
         WHERE association_id = $1 AND id = $2"
    )
    .bind(a.0)
    .bind(id)
    .fetch_optional(p)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    let bytes: Vec<u8> =
        on_db!(db, |p| sqlx::query_scalar("SELECT bytes FROM attachments WHERE association_id = $1 AND id = $2")
            .bind(a.0)
            .bind(id)
            .fetch_one(p)
            .await)?;
    Ok(Some((row, bytes)))
}

/// Removes an attachment of an entry whose year is open; false if there is
/// none or the year is closed (what a sealed entry rests on stays).
pub async fn delete(db: &Db, g: &Grant<KeepBooks>, id: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "DELETE FROM attachments WHERE association_id = $1 AND id = $2 AND entry_id IN (SELECT e.id FROM entries e \
         JOIN fiscal_years y ON y.association_id = e.association_id AND y.id = e.year_id \
         WHERE e.association_id = $1 AND y.closed_at IS NULL)"
    )
    .bind(g.association_id().0)
    .bind(id)
    .execute(p)
    .await)?;
    Ok(n == 1)
}
