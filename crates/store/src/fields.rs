//! The association's own member fields and their values. Values are text
//! (checked by `domain::fields`); the search finds members by them too.

use crate::{Db, Result};
use domain::fields::{FieldSpec, Kind};
use domain::{Administer, AssociationId, Grant, ManageMembers, MemberId};

/// A field as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FieldRow {
    pub id: i64,
    pub label: String,
    pub kind: String,
    pub choices: String,
    pub required: bool,
    pub position: i64,
    pub member_sees: bool,
    pub member_edits: bool,
    pub in_directory: bool,
    pub archived: bool,
}

impl FieldRow {
    pub fn spec(&self) -> FieldSpec {
        FieldSpec {
            label: self.label.clone(),
            kind: Kind::from_code(&self.kind).unwrap_or(Kind::Text),
            choices: self.choices.lines().map(str::to_string).collect(),
            required: self.required,
            member_sees: self.member_sees,
            member_edits: self.member_edits,
            in_directory: self.in_directory,
        }
    }
}

/// The association's fields in form order (archived ones only if asked).
pub async fn list(db: &Db, a: AssociationId, with_archived: bool) -> Result<Vec<FieldRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, label, kind, choices, required, position, member_sees, member_edits, in_directory, archived \
         FROM member_fields WHERE association_id = $1 AND (NOT archived OR $2) ORDER BY position, id"
    )
    .bind(a.0)
    .bind(with_archived)
    .fetch_all(p)
    .await)?)
}

/// Adds a field at the end of the form.
pub async fn create(db: &Db, g: &Grant<Administer>, f: &FieldSpec) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "member_fields", 1);
        sqlx::query(
            "INSERT INTO member_fields (association_id, id, label, kind, choices, required, position, member_sees, \
             member_edits, in_directory) VALUES ($1, $2, $3, $4, $5, $6, $2, $7, $8, $9)",
        )
        .bind(a)
        .bind(id)
        .bind(&f.label)
        .bind(f.kind.code())
        .bind(f.choices.join("\n"))
        .bind(f.required)
        .bind(f.member_sees)
        .bind(f.member_edits)
        .bind(f.in_directory)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Changes a field (its kind stays: values already typed keep their meaning); false if there is none.
pub async fn update(
    db: &Db,
    g: &Grant<Administer>,
    id: i64,
    f: &FieldSpec,
    position: i64,
    archived: bool,
) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE member_fields SET label = $3, choices = $4, required = $5, member_sees = $6, member_edits = $7, \
         in_directory = $8, position = $9, archived = $10 WHERE association_id = $1 AND id = $2"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(&f.label)
    .bind(f.choices.join("\n"))
    .bind(f.required)
    .bind(f.member_sees)
    .bind(f.member_edits)
    .bind(f.in_directory)
    .bind(position)
    .bind(archived)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// A member's values, by field id.
pub async fn values_of(db: &Db, a: AssociationId, member: MemberId) -> Result<Vec<(i64, String)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT field_id, value FROM member_field_values WHERE association_id = $1 AND member_id = $2 ORDER BY field_id"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await)?)
}

/// Several members' values: (member, field, value).
pub async fn values_of_many(db: &Db, a: AssociationId, members: &[i64]) -> Result<Vec<(i64, i64, String)>> {
    // A page of the member list or the directory at a time (see `crate::db::placeholders`).
    const AT_ONCE: usize = 100;
    let sql = format!(
        "SELECT member_id, field_id, value FROM member_field_values WHERE association_id = $1 \
         AND member_id IN ({}) ORDER BY member_id, field_id",
        crate::db::placeholders(2, AT_ONCE)
    );
    let mut all = Vec::new();
    for chunk in members.chunks(AT_ONCE) {
        let rows: Vec<(i64, i64, String)> = on_db!(db, |p| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(a.0);
            for id in crate::db::padded(chunk, AT_ONCE) {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        all.extend(rows);
    }
    Ok(all)
}

/// Sets a member's values (the team's form); false if the member is not `g`'s.
pub async fn set_values(db: &Db, g: &Grant<ManageMembers>, member: MemberId, values: &[(i64, String)]) -> Result<bool> {
    write_values(db, g.association_id(), member, values).await
}

/// Sets the values a member may edit themselves (the caller keeps to those fields).
pub async fn set_own_values(db: &Db, own: &crate::privacy::OwnRecord, values: &[(i64, String)]) -> Result<bool> {
    write_values(db, own.association_id(), own.member_id(), values).await
}

/// Writes one value inside a transaction (an empty one removes it); the field
/// must be the association's.
macro_rules! write_field_value {
    ($tx:expr, $a:expr, $id:expr, $field:expr, $value:expr) => {{
        let tx = $tx;
        let (a, id, field, value): (i64, i64, i64, &str) = ($a, $id, $field, $value);
        sqlx::query("DELETE FROM member_field_values WHERE association_id = $1 AND member_id = $2 AND field_id = $3")
            .bind(a)
            .bind(id)
            .bind(field)
            .execute(&mut **tx)
            .await?;
        if !value.is_empty() {
            sqlx::query(
                "INSERT INTO member_field_values (association_id, member_id, field_id, value) \
                 SELECT $1, $2, id, $4 FROM member_fields WHERE association_id = $1 AND id = $3",
            )
            .bind(a)
            .bind(id)
            .bind(field)
            .bind(value)
            .execute(&mut **tx)
            .await?;
        }
    }};
}
pub(crate) use write_field_value;

/// Writes values (an empty one removes it) and rebuilds the member's search words.
async fn write_values(db: &Db, a: AssociationId, member: MemberId, values: &[(i64, String)]) -> Result<bool> {
    let (a, id) = (a.0, member.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM members WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(false);
        }
        for (field, value) in values {
            write_field_value!(&mut tx, a, id, *field, value.as_str());
        }
        crate::members::rebuild_words!(&mut tx, a, id);
        tx.commit().await?;
        Ok(true)
    })
}
