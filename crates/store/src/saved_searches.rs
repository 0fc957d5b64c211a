//! Saved searches of the member list: a name and the list's query string,
//! kept for the person who saved it, and shown to the rest of the team when shared.

use crate::{Db, Result};
use domain::{AssociationId, Grant, TeamWork, UserId};

/// A saved search as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SavedSearch {
    pub id: i64,
    pub user_id: i64,
    /// The display name of the person who saved it.
    pub owner: String,
    pub name: String,
    /// The list's query string, without `?`: `q=lyon&status=late`.
    pub query: String,
    pub shared: bool,
    pub created_at: i64,
}

/// Saves a search for the person holding `g`; `Error::Conflict` when they
/// already have one by that name.
pub async fn create(db: &Db, g: &Grant<TeamWork>, name: &str, query: &str, shared: bool, now: i64) -> Result<i64> {
    let (a, user) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "saved_searches", 1);
        sqlx::query(
            "INSERT INTO saved_searches (association_id, id, user_id, name, query, shared, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a)
        .bind(id)
        .bind(user)
        .bind(name)
        .bind(query)
        .bind(shared)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// The searches `user` may use in `a`: their own, and those others of the
/// team shared (while they are still in it); by name.
pub async fn visible(db: &Db, a: AssociationId, user: UserId) -> Result<Vec<SavedSearch>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT s.id, s.user_id, u.display_name AS owner, s.name, s.query, s.shared, s.created_at \
         FROM saved_searches s \
         JOIN memberships m ON m.association_id = s.association_id AND m.user_id = s.user_id \
         JOIN users u ON u.id = s.user_id \
         WHERE s.association_id = $1 AND (s.user_id = $2 OR s.shared) \
         ORDER BY s.name, s.id"
    )
    .bind(a.0)
    .bind(user.0)
    .fetch_all(p)
    .await)?)
}

/// Deletes one of the searches of the person holding `g`; false if they have
/// no such search (someone else's, or another association's, is not found).
pub async fn delete(db: &Db, g: &Grant<TeamWork>, id: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "DELETE FROM saved_searches WHERE association_id = $1 AND id = $2 AND user_id = $3"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(g.user_id().0)
    .execute(p)
    .await)?;
    Ok(n == 1)
}
