//! The append-only audit log of each association (triggers refuse UPDATE and DELETE).

use crate::{Db, Result};
use domain::{Administer, AssociationId, Grant, UserId};

/// Appends an entry.
pub async fn record(
    db: &Db,
    a: AssociationId,
    actor: Option<UserId>,
    action: &str,
    detail: &str,
    now: i64,
) -> Result<()> {
    record_about(db, a, actor, (action, None), detail, now).await
}

/// Appends an entry by the holder of a proof, in the association it is about.
pub async fn by<C: domain::Capability>(db: &Db, g: &Grant<C>, action: &str, detail: &str, now: i64) -> Result<()> {
    record(db, g.association_id(), Some(g.user_id()), action, detail, now).await
}

/// What an entry is about, for a record's history: `member:12`.
fn member_subject(id: domain::MemberId) -> String {
    format!("member:{id}")
}

/// Appends an entry about one member, shown in its history.
pub async fn record_about_member(
    db: &Db,
    a: AssociationId,
    actor: Option<UserId>,
    (action, member): (&str, domain::MemberId),
    detail: &str,
    now: i64,
) -> Result<()> {
    record_about(db, a, actor, (action, Some(&member_subject(member))), detail, now).await
}

/// Appends an entry about one record (`subject`, see [`member_subject`]).
async fn record_about(
    db: &Db,
    a: AssociationId,
    actor: Option<UserId>,
    (action, subject): (&str, Option<&str>),
    detail: &str,
    now: i64,
) -> Result<()> {
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a.0, "audit_log", 1);
        sqlx::query(
            "INSERT INTO audit_log (association_id, id, at, actor, action, detail, subject) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a.0)
        .bind(id)
        .bind(now)
        .bind(actor.map(|u| u.0))
        .bind(action)
        .bind(detail)
        .bind(subject)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })?;
    Ok(())
}

/// An entry with the actor's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    pub id: i64,
    pub at: i64,
    pub actor_name: Option<String>,
    pub action: String,
    pub detail: String,
}

/// One page of the log, newest first, and the total count.
pub async fn page(db: &Db, g: &Grant<Administer>, offset: i64, limit: i64) -> Result<(Vec<Entry>, i64)> {
    let a = g.association_id().0;
    let rows = on_db!(db, |p| sqlx::query_as(
        "SELECT l.id, l.at, u.display_name AS actor_name, l.action, l.detail FROM audit_log l \
         LEFT JOIN users u ON u.id = l.actor WHERE l.association_id = $1 ORDER BY l.id DESC LIMIT $2 OFFSET $3"
    )
    .bind(a)
    .bind(limit)
    .bind(offset)
    .fetch_all(p)
    .await)?;
    let total = on_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE association_id = $1")
        .bind(a)
        .fetch_one(p)
        .await)?;
    Ok((rows, total))
}

/// The entries about one member, newest first (at most `limit`). Reading a
/// record's history is team work, so no `Administer` proof is asked.
pub async fn about_member(db: &Db, a: AssociationId, member: domain::MemberId, limit: i64) -> Result<Vec<Entry>> {
    about(db, a, &member_subject(member), limit).await
}

async fn about(db: &Db, a: AssociationId, subject: &str, limit: i64) -> Result<Vec<Entry>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT l.id, l.at, u.display_name AS actor_name, l.action, l.detail FROM audit_log l \
         LEFT JOIN users u ON u.id = l.actor WHERE l.association_id = $1 AND l.subject = $2 \
         ORDER BY l.id DESC LIMIT $3"
    )
    .bind(a.0)
    .bind(subject)
    .bind(limit)
    .fetch_all(p)
    .await)?)
}
