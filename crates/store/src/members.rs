//! Members (adhérent·es): records, search, sorting and pages of the list.

use crate::{Db, Result};
use domain::members::{Member, fold};
use domain::{AssociationId, Grant, ManageMembers, MemberId};

/// A member as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub birth_date: Option<String>,
    pub notes: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl MemberRow {
    /// The record as the domain sees it (to fill the edit form).
    pub fn member(&self) -> Member {
        Member {
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            address: self.address.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
            birth_date: self.birth_date.clone(),
            notes: self.notes.clone(),
        }
    }
}

const COLUMNS: &str =
    "id, first_name, last_name, email, phone, address, postal_code, city, birth_date, notes, created_at, updated_at";

/// Adds members in one transaction (ids taken as one range); returns the first id.
pub async fn create_many(db: &Db, g: &Grant<ManageMembers>, members: &[Member], now: i64) -> Result<MemberId> {
    let a = g.association_id().0;
    let count = i64::try_from(members.len()).unwrap_or(i64::MAX);
    on_db!(db, |p| {
        let mut tx = p.begin().await?;
        let first = next_ids!(&mut *tx, a, "members", count);
        for (i, m) in members.iter().enumerate() {
            sqlx::query(
                "INSERT INTO members (association_id, id, first_name, last_name, email, phone, address, postal_code, \
                 city, birth_date, notes, search, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
            )
            .bind(a)
            .bind(first + i as i64)
            .bind(&m.first_name)
            .bind(&m.last_name)
            .bind(&m.email)
            .bind(&m.phone)
            .bind(&m.address)
            .bind(&m.postal_code)
            .bind(&m.city)
            .bind(&m.birth_date)
            .bind(&m.notes)
            .bind(m.search_key())
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(MemberId(first))
    })
}

/// Adds one member.
pub async fn create(db: &Db, g: &Grant<ManageMembers>, m: &Member, now: i64) -> Result<MemberId> {
    create_many(db, g, std::slice::from_ref(m), now).await
}

/// Replaces a member's record; false if `a` has no such member.
pub async fn update(db: &Db, g: &Grant<ManageMembers>, id: MemberId, m: &Member, now: i64) -> Result<bool> {
    let n = exec!(db, |p| {
        sqlx::query(
        "UPDATE members SET first_name = $3, last_name = $4, email = $5, phone = $6, address = $7, postal_code = $8, \
         city = $9, birth_date = $10, notes = $11, search = $12, updated_at = $13 WHERE association_id = $1 AND id = $2"
    )
    .bind(g.association_id().0)
    .bind(id.0)
    .bind(&m.first_name)
    .bind(&m.last_name)
    .bind(&m.email)
    .bind(&m.phone)
    .bind(&m.address)
    .bind(&m.postal_code)
    .bind(&m.city)
    .bind(&m.birth_date)
    .bind(&m.notes)
    .bind(m.search_key())
    .bind(now)
    .execute(p)
    .await
    })?;
    Ok(n == 1)
}

/// One member of `a`.
pub async fn get(db: &Db, a: AssociationId, id: MemberId) -> Result<Option<MemberRow>> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE association_id = $1 AND id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id.0).fetch_optional(p).await)?)
}

/// How the list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    City,
    Newest,
}

impl Sort {
    /// From the `?sort=` value; unknown values sort by name.
    pub fn from_code(code: &str) -> Sort {
        match code {
            "city" => Sort::City,
            "newest" => Sort::Newest,
            _ => Sort::Name,
        }
    }

    /// The `?sort=` value.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::City => "city",
            Sort::Newest => "newest",
        }
    }

    fn order_by(self) -> &'static str {
        match self {
            Sort::Name => "last_name, first_name, id",
            Sort::City => "city, last_name, first_name, id",
            Sort::Newest => "id DESC",
        }
    }
}

/// One page of the list, and how many members match in all.
pub async fn page(
    db: &Db,
    a: AssociationId,
    search: &str,
    sort: Sort,
    offset: i64,
    limit: i64,
) -> Result<(Vec<MemberRow>, i64)> {
    let words: Vec<String> = fold(search)
        .split_whitespace()
        .take(5)
        .map(|w| format!("%{}%", w.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
        .collect();
    // One `search LIKE` per word; the placeholders are numbered, the words bound.
    let filter: String = (0..words.len()).map(|i| format!(" AND search LIKE ${} ESCAPE '\\'", i + 2)).collect();
    let rows_sql = format!(
        "SELECT {COLUMNS} FROM members WHERE association_id = $1{filter} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        sort.order_by()
    );
    let count_sql = format!("SELECT COUNT(*) FROM members WHERE association_id = $1{filter}");
    let rows = on_db!(db, |p| {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(rows_sql)).bind(a.0);
        for w in &words {
            q = q.bind(w);
        }
        q.fetch_all(p).await
    })?;
    let total = on_db!(db, |p| {
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)).bind(a.0);
        for w in &words {
            q = q.bind(w);
        }
        q.fetch_one(p).await
    })?;
    Ok((rows, total))
}
