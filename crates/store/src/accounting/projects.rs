//! Analytic projects (a subsidised action, an event, a festival) and budgets,
//! per year, for the whole association (project 0) or one project.

use crate::{Db, Result};
use domain::accounting::years::Totals;
use domain::{AssociationId, Grant, KeepBooks};

/// A project as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProjectRow {
    pub id: i64,
    pub name: String,
    pub archived: bool,
}

/// The association's projects, by name (archived ones too if asked).
pub async fn list(db: &Db, a: AssociationId, with_archived: bool) -> Result<Vec<ProjectRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, name, archived FROM projects WHERE association_id = $1 AND (NOT archived OR $2) ORDER BY name"
    )
    .bind(a.0)
    .bind(with_archived)
    .fetch_all(p)
    .await)?)
}

/// One project.
pub async fn get(db: &Db, a: AssociationId, id: i64) -> Result<Option<ProjectRow>> {
    Ok(on_db!(db, |p| sqlx::query_as("SELECT id, name, archived FROM projects WHERE association_id = $1 AND id = $2")
        .bind(a.0)
        .bind(id)
        .fetch_optional(p)
        .await)?)
}

/// Adds a project; `Error::Conflict` if the name is taken.
pub async fn create(db: &Db, g: &Grant<KeepBooks>, name: &str) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "projects", 1);
        sqlx::query("INSERT INTO projects (association_id, id, name) VALUES ($1, $2, $3)")
            .bind(a)
            .bind(id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Renames or archives a project; false if there is none.
pub async fn update(db: &Db, g: &Grant<KeepBooks>, id: i64, (name, archived): (&str, bool)) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE projects SET name = $3, archived = $4 WHERE association_id = $1 AND id = $2"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(name)
    .bind(archived)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// A project's lines in a year, summed per account.
pub async fn totals(db: &Db, a: AssociationId, (year, project): (i64, i64)) -> Result<Vec<Totals>> {
    let rows: Vec<(String, i64, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT account, CAST(SUM(debit_cents) AS BIGINT), CAST(SUM(credit_cents) AS BIGINT) FROM entry_lines \
         WHERE association_id = $1 AND year_id = $2 AND project_id = $3 GROUP BY account ORDER BY account"
    )
    .bind(a.0)
    .bind(year)
    .bind(project)
    .fetch_all(p)
    .await)?;
    Ok(rows.into_iter().map(|(account, debit, credit)| Totals { account, debit, credit }).collect())
}

/// The budget of a year for the association (`project` 0) or a project: (account, cents).
pub async fn budget(db: &Db, a: AssociationId, (year, project): (i64, i64)) -> Result<Vec<(String, i64)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT account, amount_cents FROM budgets WHERE association_id = $1 AND year_id = $2 AND project_id = $3 \
         ORDER BY account"
    )
    .bind(a.0)
    .bind(year)
    .bind(project)
    .fetch_all(p)
    .await)?)
}

/// Replaces the budget of a year (and project; 0 for the association) by
/// `lines` (account, cents), in one transaction.
pub async fn set_budget(
    db: &Db,
    g: &Grant<KeepBooks>,
    (year, project): (i64, i64),
    lines: &[(String, i64)],
) -> Result<()> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        sqlx::query("DELETE FROM budgets WHERE association_id = $1 AND year_id = $2 AND project_id = $3")
            .bind(a)
            .bind(year)
            .bind(project)
            .execute(&mut *tx)
            .await?;
        for (account, cents) in lines {
            sqlx::query(
                "INSERT INTO budgets (association_id, year_id, project_id, account, amount_cents) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(a)
            .bind(year)
            .bind(project)
            .bind(account)
            .bind(cents)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    })
}
