//! The members a bulk action of the list applies to: the rows ticked, or
//! everyone a search and its filters match.

use crate::members::{EXPORT_PAGE, Filter, export_page};
use crate::{Db, Result};
use domain::dues::Policy;
use domain::{AssociationId, Date, MemberId};

/// A selected member: what a bulk action needs to know.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Selected {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
}

impl Selected {
    /// The member's id.
    pub fn member(&self) -> MemberId {
        MemberId(self.id)
    }
}

/// Ids bound per statement of [`among`], well under either backend's limit.
const CHUNK: usize = 500;

/// The members of `a` among `ids`, by id; ids that `a` has no member for
/// (another association's, deleted, made up) are simply not found.
pub async fn among(db: &Db, a: AssociationId, ids: &[MemberId]) -> Result<Vec<Selected>> {
    let mut ids: Vec<i64> = ids.iter().map(|m| m.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        let sql = format!(
            "SELECT id, first_name, last_name, email FROM members WHERE association_id = $1 AND id IN ({}) \
             ORDER BY id",
            crate::db::placeholders(2, chunk.len())
        );
        let rows: Vec<Selected> = on_db!(db, |p| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0);
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(p).await
        })?;
        found.extend(rows);
    }
    Ok(found)
}

/// The members of `a` matching `filter` (the list's very conditions, read
/// through the export's keyset pages), by id.
pub async fn matching(db: &Db, a: AssociationId, filter: &Filter, day: (Date, Policy)) -> Result<Vec<Selected>> {
    let mut found = Vec::new();
    let mut after = 0;
    loop {
        let page = export_page(db, a, filter, day, after, EXPORT_PAGE).await?;
        let full = i64::try_from(page.len()).unwrap_or(i64::MAX) >= EXPORT_PAGE;
        for row in page {
            let m = row.member;
            after = m.id;
            found.push(Selected { id: m.id, first_name: m.first_name, last_name: m.last_name, email: m.email });
        }
        if !full {
            return Ok(found);
        }
    }
}
