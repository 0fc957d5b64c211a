//! Members (adhérent·es): records, search, sorting and pages of the list.

use crate::{Db, Result};
use domain::members::{Member, query_words};
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

const COLUMNS: &str =
    "id, first_name, last_name, email, phone, address, postal_code, city, birth_date, notes, created_at, updated_at";

/// Adds members in one transaction (ids taken as one range); returns the first id.
pub async fn create_many(db: &Db, g: &Grant<ManageMembers>, members: &[Member], now: i64) -> Result<MemberId> {
    let a = g.association_id().0;
    let count = i64::try_from(members.len()).unwrap_or(i64::MAX);
    let first = on_db!(db, |p| {
        let mut tx = p.begin().await?;
        let first = next_ids!(&mut *tx, a, "members", count);
        // The association's member count, kept so the list need not count every time.
        let _ = next_ids!(&mut *tx, a, TOTAL, count);
        for (i, m) in members.iter().enumerate() {
            let id = first + i as i64;
            let q = sqlx::query(
                "INSERT INTO members (association_id, id, first_name, last_name, email, phone, address, postal_code, \
                 city, birth_date, notes, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
            )
            .bind(a)
            .bind(id);
            bind_member!(q, m).bind(now).execute(&mut *tx).await?;
            insert_words!(&mut *tx, a, id, m);
        }
        tx.commit().await?;
        Ok::<_, crate::Error>(first)
    })?;
    // A large load changes the table's shape: let PostgreSQL's planner know now
    // rather than when autovacuum gets to it.
    if let (Db::Postgres(p), true) = (db, count >= 1000) {
        sqlx::query("ANALYZE members, member_words").execute(p).await?;
    }
    Ok(MemberId(first))
}

/// Binds a member's nine fields, in the order the statements list them.
macro_rules! bind_member {
    ($q:expr, $m:expr) => {
        $q.bind(&$m.first_name)
            .bind(&$m.last_name)
            .bind(&$m.email)
            .bind(&$m.phone)
            .bind(&$m.address)
            .bind(&$m.postal_code)
            .bind(&$m.city)
            .bind(&$m.birth_date)
            .bind(&$m.notes)
    };
}
use bind_member;

/// The counter holding an association's number of members.
const TOTAL: &str = "members.total";

/// Inserts a member's search words, one statement for all of them.
macro_rules! insert_words {
    ($exec:expr, $a:expr, $id:expr, $member:expr) => {{
        let words = $member.search_words();
        if !words.is_empty() {
            let values: Vec<String> = (0..words.len()).map(|i| format!("($1, ${}, $2)", i + 3)).collect();
            let sql =
                format!("INSERT INTO member_words (association_id, word, member_id) VALUES {}", values.join(", "));
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind($a).bind($id);
            for w in &words {
                q = q.bind(w.as_str());
            }
            q.execute($exec).await?;
        }
    }};
}
use insert_words;

/// Adds one member.
pub async fn create(db: &Db, g: &Grant<ManageMembers>, m: &Member, now: i64) -> Result<MemberId> {
    create_many(db, g, std::slice::from_ref(m), now).await
}

/// Replaces a member's record; false if `a` has no such member.
pub async fn update(db: &Db, g: &Grant<ManageMembers>, id: MemberId, m: &Member, now: i64) -> Result<bool> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = p.begin().await?;
        let q = sqlx::query(
            "UPDATE members SET first_name = $3, last_name = $4, email = $5, phone = $6, address = $7, \
             postal_code = $8, city = $9, birth_date = $10, notes = $11, updated_at = $12 \
             WHERE association_id = $1 AND id = $2",
        )
        .bind(a)
        .bind(id.0);
        let n = bind_member!(q, m).bind(now).execute(&mut *tx).await?.rows_affected();
        if n != 1 {
            return Ok(false);
        }
        sqlx::query("DELETE FROM member_words WHERE association_id = $1 AND member_id = $2")
            .bind(a)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        insert_words!(&mut *tx, a, id.0, m);
        tx.commit().await?;
        Ok::<_, crate::Error>(true)
    })
}

/// One member of `a`.
pub async fn get(db: &Db, a: AssociationId, id: MemberId) -> Result<Option<MemberRow>> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE association_id = $1 AND id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id.0).fetch_optional(p).await)?)
}

/// A line of the list: only what the list shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberLine {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub city: String,
}

#[derive(sqlx::FromRow)]
struct CountedLine {
    #[sqlx(flatten)]
    line: MemberLine,
    total: i64,
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

/// One page of the list, and how many members match in all. Each word of
/// the search must begin one of the member's words (names, email, city).
pub async fn page(
    db: &Db,
    a: AssociationId,
    search: &str,
    sort: Sort,
    offset: i64,
    limit: i64,
) -> Result<(Vec<MemberLine>, i64)> {
    let words = query_words(search);
    // Each word is a range of the word index: [word, word + U+10FFFF).
    let bounds: Vec<(String, String)> = words.iter().map(|w| (w.clone(), format!("{w}\u{10FFFF}"))).collect();
    let filter: String = (0..bounds.len())
        .map(|i| {
            format!(
                " AND id IN (SELECT member_id FROM member_words WHERE association_id = $1 AND word >= ${} AND word < ${})",
                2 * i + 2,
                2 * i + 3
            )
        })
        .collect();
    if bounds.is_empty() {
        let rows_sql = format!(
            "SELECT id, first_name, last_name, email, city FROM members WHERE association_id = $1 \
             ORDER BY {} LIMIT {limit} OFFSET {offset}",
            sort.order_by()
        );
        let rows = on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(rows_sql)).bind(a.0).fetch_all(p).await)?;
        let total: Option<i64> =
            on_db!(db, |p| sqlx::query_scalar("SELECT next FROM counters WHERE association_id = $1 AND name = $2")
                .bind(a.0)
                .bind(TOTAL)
                .fetch_optional(p)
                .await)?;
        return Ok((rows, total.unwrap_or(0)));
    }
    // A search counts its matches in the same pass (a window over the filtered rows).
    let rows_sql = format!(
        "SELECT id, first_name, last_name, email, city, COUNT(*) OVER () AS total FROM members \
         WHERE association_id = $1{filter} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        sort.order_by()
    );
    let counted: Vec<CountedLine> = on_db!(db, |p| {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(rows_sql)).bind(a.0);
        for (low, high) in &bounds {
            q = q.bind(low).bind(high);
        }
        q.fetch_all(p).await
    })?;
    let total = match counted.first() {
        Some(c) => c.total,
        None if offset == 0 => 0,
        // Past the last page: count on its own.
        None => {
            let count_sql = format!("SELECT COUNT(*) FROM members WHERE association_id = $1{filter}");
            on_db!(db, |p| {
                let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)).bind(a.0);
                for (low, high) in &bounds {
                    q = q.bind(low).bind(high);
                }
                q.fetch_one(p).await
            })?
        }
    };
    let rows = counted.into_iter().map(|c| c.line).collect();
    Ok((rows, total))
}
