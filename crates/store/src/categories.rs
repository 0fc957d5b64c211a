//! Member categories or groups, and who is in them.

use crate::{Db, Result};
use domain::{AssociationId, CategoryId, Grant, ManageMembers, MemberId};

/// A category and how many members it holds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub members: i64,
}

/// The association's categories, by name.
pub async fn list(db: &Db, a: AssociationId) -> Result<Vec<Category>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT c.id, c.name, CAST(COUNT(mc.member_id) AS BIGINT) AS members FROM categories c \
         LEFT JOIN member_categories mc ON mc.association_id = c.association_id AND mc.category_id = c.id \
         WHERE c.association_id = $1 GROUP BY c.id, c.name ORDER BY c.name"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// Adds a category; `Error::Conflict` when the name is taken.
pub async fn create(db: &Db, g: &Grant<ManageMembers>, name: &str) -> Result<CategoryId> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "categories", 1);
        sqlx::query("INSERT INTO categories (association_id, id, name) VALUES ($1, $2, $3)")
            .bind(a)
            .bind(id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(CategoryId(id))
    })
}

/// Renames a category; false if there is no such category, `Error::Conflict` if the name is taken.
pub async fn rename(db: &Db, g: &Grant<ManageMembers>, id: CategoryId, name: &str) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query("UPDATE categories SET name = $3 WHERE association_id = $1 AND id = $2")
        .bind(g.association_id().0)
        .bind(id.0)
        .bind(name)
        .execute(p)
        .await)?;
    Ok(n == 1)
}

/// Removes a category, taking its members out of it and its prices off the tariffs.
pub async fn delete(db: &Db, g: &Grant<ManageMembers>, id: CategoryId) -> Result<bool> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        for table in ["member_categories", "dues_type_prices"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE association_id = $1 AND category_id = $2"
            )))
            .bind(a)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        }
        let n = sqlx::query("DELETE FROM categories WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n == 1)
    })
}

/// The categories a member is in.
pub async fn of_member(db: &Db, a: AssociationId, member: MemberId) -> Result<Vec<CategoryId>> {
    let ids: Vec<i64> = on_db!(db, |p| {
        sqlx::query_scalar(
        "SELECT category_id FROM member_categories WHERE association_id = $1 AND member_id = $2 ORDER BY category_id"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await
    })?;
    Ok(ids.into_iter().map(CategoryId).collect())
}

/// Puts a member in exactly `categories` (ids of other associations are ignored).
pub async fn set_for_member(
    db: &Db,
    g: &Grant<ManageMembers>,
    member: MemberId,
    categories: &[CategoryId],
) -> Result<()> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        sqlx::query("DELETE FROM member_categories WHERE association_id = $1 AND member_id = $2")
            .bind(a)
            .bind(member.0)
            .execute(&mut *tx)
            .await?;
        for c in categories {
            sqlx::query(
                "INSERT INTO member_categories (association_id, member_id, category_id) \
                 SELECT $1, $2, id FROM categories WHERE association_id = $1 AND id = $3",
            )
            .bind(a)
            .bind(member.0)
            .bind(c.0)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    })
}

/// Adds members to a category (a bulk action); returns how many were added.
pub async fn add_members(db: &Db, g: &Grant<ManageMembers>, category: CategoryId, members: &[MemberId]) -> Result<u64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let mut added = 0;
        for m in members {
            added += sqlx::query(
                "INSERT INTO member_categories (association_id, member_id, category_id) \
                 SELECT $1, m.id, c.id FROM members m JOIN categories c ON c.association_id = m.association_id \
                 WHERE m.association_id = $1 AND m.id = $2 AND c.id = $3 ON CONFLICT DO NOTHING",
            )
            .bind(a)
            .bind(m.0)
            .bind(category.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(added)
    })
}

/// Takes members out of a category (a bulk action); returns how many were in it.
pub async fn remove_members(
    db: &Db,
    g: &Grant<ManageMembers>,
    category: CategoryId,
    members: &[MemberId],
) -> Result<u64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let mut removed = 0;
        for m in members {
            removed += sqlx::query(
                "DELETE FROM member_categories WHERE association_id = $1 AND member_id = $2 AND category_id = $3",
            )
            .bind(a)
            .bind(m.0)
            .bind(category.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(removed)
    })
}
