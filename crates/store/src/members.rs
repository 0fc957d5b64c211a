//! Members (adhérent·es): records, search, sorting and pages of the list.

use crate::{Db, Result};
use domain::dues::{self, Policy, Status};
use domain::members::{Member, query_words};
use domain::{AssociationId, CategoryId, Date, Grant, ManageMembers, MemberId, MembershipTypeId};

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
    /// The last day memberships cover (`9999-12-31` for life), for the status.
    pub paid_until: Option<String>,
    /// When the identity was removed (RGPD retention or erasure).
    pub pseudonymised_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, first_name, last_name, email, phone, address, postal_code, city, birth_date, notes, paid_until, \
     pseudonymised_at, created_at, updated_at";

/// Adds members in one transaction (ids taken as one range); returns the first id.
pub async fn create_many(db: &Db, g: &Grant<ManageMembers>, members: &[Member], now: i64) -> Result<MemberId> {
    let a = g.association_id().0;
    let count = i64::try_from(members.len()).unwrap_or(i64::MAX);
    let first = on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
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
        sqlx::query("ANALYZE members (association_id), member_words (association_id)").execute(p).await?;
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
pub(crate) use bind_member;

/// The counter holding an association's number of members.
pub(crate) const TOTAL: &str = "members.total";

/// Inserts a member's search words, one statement for all of them.
macro_rules! insert_words {
    ($exec:expr, $a:expr, $id:expr, $member:expr) => {{
        let words = $member.search_words();
        $crate::members::insert_word_list!($exec, $a, $id, words);
    }};
}
pub(crate) use insert_words;

/// Inserts search words (sorted, each once), one statement for all of them.
macro_rules! insert_word_list {
    ($exec:expr, $a:expr, $id:expr, $words:expr) => {{
        let words: Vec<String> = $words;
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
pub(crate) use insert_word_list;

/// Rebuilds a member's search words inside a transaction, from their record
/// and the values of the association's own fields (searchable too).
macro_rules! rebuild_words {
    ($tx:expr, $a:expr, $id:expr) => {{
        let tx = $tx;
        let (a, id): (i64, i64) = ($a, $id);
        let (first_name, last_name, email, city): (String, String, Option<String>, String) = sqlx::query_as(
            "SELECT first_name, last_name, email, city FROM members WHERE association_id = $1 AND id = $2",
        )
        .bind(a)
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
        let values: Vec<String> =
            sqlx::query_scalar("SELECT value FROM member_field_values WHERE association_id = $1 AND member_id = $2")
                .bind(a)
                .bind(id)
                .fetch_all(&mut **tx)
                .await?;
        sqlx::query("DELETE FROM member_words WHERE association_id = $1 AND member_id = $2")
            .bind(a)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        let mut words =
            domain::members::Member { first_name, last_name, email, city, ..Default::default() }.search_words();
        words.extend(domain::members::words(&values.join(" ")));
        words.sort();
        words.dedup();
        $crate::members::insert_word_list!(&mut **tx, a, id, words);
    }};
}
pub(crate) use rebuild_words;

/// Adds one member.
pub async fn create(db: &Db, g: &Grant<ManageMembers>, m: &Member, now: i64) -> Result<MemberId> {
    create_many(db, g, std::slice::from_ref(m), now).await
}

/// Replaces a member's record; false if `a` has no such member.
pub async fn update(db: &Db, g: &Grant<ManageMembers>, id: MemberId, m: &Member, now: i64) -> Result<bool> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
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
        rebuild_words!(&mut tx, a, id.0);
        tx.commit().await?;
        Ok::<_, crate::Error>(true)
    })
}

/// A member's own corrections (phone, address, postal code, city: the rest
/// of `m` is ignored), with the search words rebuilt.
pub async fn update_own(db: &Db, own: &crate::privacy::OwnRecord, m: &Member, now: i64) -> Result<bool> {
    let (a, id) = (own.association_id().0, own.member_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let row: Option<(String, String, Option<String>)> = sqlx::query_as(
            "UPDATE members SET phone = $3, address = $4, postal_code = $5, city = $6, updated_at = $7 \
             WHERE association_id = $1 AND id = $2 AND pseudonymised_at IS NULL RETURNING first_name, last_name, email",
        )
        .bind(a)
        .bind(id)
        .bind(&m.phone)
        .bind(&m.address)
        .bind(&m.postal_code)
        .bind(&m.city)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        if row.is_none() {
            return Ok(false);
        }
        rebuild_words!(&mut tx, a, id);
        tx.commit().await?;
        Ok::<_, crate::Error>(true)
    })
}

/// What the list's filters offer, read in one query: the dues thresholds
/// (for the status), category names and membership type names.
#[derive(Debug, Clone, Default)]
pub struct ListChoices {
    pub policy: Policy,
    pub categories: Vec<(i64, String)>,
    pub types: Vec<(i64, String)>,
}

#[derive(sqlx::FromRow)]
struct ChoiceRow {
    kind: String,
    id: i64,
    name: String,
    n1: i64,
    n2: i64,
}

/// The list's choices, one round trip instead of three (the list is the busiest page).
pub async fn list_choices(db: &Db, a: AssociationId) -> Result<ListChoices> {
    let rows: Vec<ChoiceRow> = on_db!(db, |p| sqlx::query_as(
        "SELECT 'c' AS kind, id, name, CAST(0 AS BIGINT) AS n1, CAST(0 AS BIGINT) AS n2 FROM categories \
         WHERE association_id = $1 \
         UNION ALL SELECT 't', id, name, CAST(CASE WHEN archived THEN 1 ELSE 0 END AS BIGINT), CAST(0 AS BIGINT) \
         FROM dues_types WHERE association_id = $1 \
         UNION ALL SELECT 's', CAST(0 AS BIGINT), '', due_soon_days, grace_days FROM dues_settings \
         WHERE association_id = $1"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    let mut choices = ListChoices::default();
    let mut types = Vec::new();
    for r in rows {
        match r.kind.as_str() {
            "c" => choices.categories.push((r.id, r.name)),
            "t" => types.push((r.n1, r.id, r.name)),
            _ => choices.policy = Policy { due_soon_days: r.n1, grace_days: r.n2 },
        }
    }
    // The same order on both databases (their collations differ): folded names.
    choices.categories.sort_by_key(|(id, name)| (domain::members::fold(name), *id));
    types.sort_by_key(|(archived, id, name)| (*archived, domain::members::fold(name), *id));
    choices.types = types.into_iter().map(|(_, id, name)| (id, name)).collect();
    Ok(choices)
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
    /// The last day memberships cover, for the status.
    pub paid_until: Option<String>,
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

/// What the list is narrowed to. Empty: every member.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Each word must begin one of the member's words (names, email, city).
    pub search: String,
    pub status: Option<Status>,
    pub category: Option<CategoryId>,
    /// Members who had a membership of this type (in `year` when given).
    pub type_id: Option<MembershipTypeId>,
    /// Members whose memberships covered a day of this year.
    pub year: Option<i32>,
}

enum Value {
    Text(String),
    Int(i64),
}

impl Filter {
    /// The SQL conditions after `association_id = $1`, and their values ($2 on).
    fn conditions(&self, today: Date, policy: Policy) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut values = Vec::new();
        let mut next = |v: Value| {
            values.push(v);
            format!("${}", values.len() + 1)
        };
        // Each search word is a range of the word index: [word, word + U+10FFFF).
        for w in query_words(&self.search) {
            let (low, high) = (next(Value::Text(w.clone())), next(Value::Text(format!("{w}\u{10FFFF}"))));
            sql += &format!(
                " AND id IN (SELECT member_id FROM member_words WHERE association_id = $1 AND word >= {low} AND word < {high})"
            );
        }
        match self.status.map(|s| (s, dues::paid_until_range(s, today, policy))) {
            None => {}
            Some((_, None)) => sql += " AND paid_until IS NULL",
            Some((_, Some((from, to)))) => {
                let (from, to) = (next(Value::Text(from.to_string())), next(Value::Text(to.to_string())));
                sql += &format!(" AND paid_until >= {from} AND paid_until <= {to}");
            }
        }
        if let Some(c) = self.category {
            let c = next(Value::Int(c.0));
            sql += &format!(
                " AND id IN (SELECT member_id FROM member_categories WHERE association_id = $1 AND category_id = {c})"
            );
        }
        if self.type_id.is_some() || self.year.is_some() {
            let mut periods = String::new();
            if let Some(t) = self.type_id {
                periods += &format!(" AND type_id = {}", next(Value::Int(t.0)));
            }
            if let Some(y) = self.year {
                let (first, last) =
                    (next(Value::Text(format!("{y:04}-01-01"))), next(Value::Text(format!("{y:04}-12-31"))));
                periods += &format!(" AND start_date <= {last} AND end_date >= {first}");
            }
            sql += &format!(" AND id IN (SELECT member_id FROM dues_periods WHERE association_id = $1{periods})");
        }
        (sql, values)
    }
}

/// Binds filter values after the association.
macro_rules! bind_values {
    ($q:expr, $values:expr) => {{
        let mut q = $q;
        for v in $values {
            q = match v {
                Value::Text(t) => q.bind(t.as_str()),
                Value::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}

/// A list line read with the member total beside it.
#[derive(sqlx::FromRow)]
struct LineWithTotal {
    #[sqlx(flatten)]
    line: MemberLine,
    total: Option<i64>,
}

/// One page of the list, and how many members match in all.
pub async fn page(
    db: &Db,
    a: AssociationId,
    filter: &Filter,
    (today, policy): (Date, Policy),
    sort: Sort,
    offset: i64,
    limit: i64,
) -> Result<(Vec<MemberLine>, i64)> {
    let (conditions, values) = filter.conditions(today, policy);
    if conditions.is_empty() {
        // The total rides along with the page (one statement, one round trip);
        // a page past the end reads it alone.
        let rows_sql = format!(
            "SELECT {LINE}, (SELECT next FROM counters WHERE association_id = $1 AND name = $2) AS total \
             FROM members WHERE association_id = $1 ORDER BY {} LIMIT {limit} OFFSET {offset}",
            sort.order_by()
        );
        let rows: Vec<LineWithTotal> =
            on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(rows_sql)).bind(a.0).bind(TOTAL).fetch_all(p).await)?;
        let total = match rows.first() {
            Some(r) => r.total,
            None => {
                on_db!(db, |p| sqlx::query_scalar("SELECT next FROM counters WHERE association_id = $1 AND name = $2")
                    .bind(a.0)
                    .bind(TOTAL)
                    .fetch_optional(p)
                    .await)?
            }
        };
        return Ok((rows.into_iter().map(|r| r.line).collect(), total.unwrap_or(0)));
    }
    // A filtered list counts its matches in the same pass (a window over the filtered rows).
    let rows_sql = format!(
        "SELECT {LINE}, COUNT(*) OVER () AS total FROM members \
         WHERE association_id = $1{conditions} ORDER BY {} LIMIT {limit} OFFSET {offset}",
        sort.order_by()
    );
    let counted: Vec<CountedLine> =
        on_db!(db, |p| bind_values!(sqlx::query_as(sqlx::AssertSqlSafe(rows_sql)).bind(a.0), &values)
            .fetch_all(p)
            .await)?;
    let total = match counted.first() {
        Some(c) => c.total,
        None if offset == 0 => 0,
        // Past the last page: count on its own.
        None => {
            let count_sql = format!("SELECT COUNT(*) FROM members WHERE association_id = $1{conditions}");
            on_db!(db, |p| bind_values!(sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)).bind(a.0), &values)
                .fetch_one(p)
                .await)?
        }
    };
    let rows = counted.into_iter().map(|c| c.line).collect();
    Ok((rows, total))
}

/// The columns of a list line.
const LINE: &str = "id, first_name, last_name, email, city, paid_until";

/// A member as an export writes it: the whole record, the names of the
/// member's categories and the values of the association's own fields.
#[derive(Debug, Clone)]
pub struct ExportRow {
    pub member: MemberRow,
    /// Category names, in folded alphabetical order.
    pub categories: Vec<String>,
    /// (field id, stored value), by field id.
    pub fields: Vec<(i64, String)>,
}

/// Rows an export reads at a time ([`export_page`]).
pub const EXPORT_PAGE: i64 = 1000;

/// The next page of members matching `filter` for an export: those with an id
/// above `after`, by id, at most `limit` (keyset pagination: each page costs
/// the same however deep the export is, and members added meanwhile cannot
/// shift a member into two pages). Pass the last id of a page as the next
/// `after`, starting from 0; an empty or short page is the last.
pub async fn export_page(
    db: &Db,
    a: AssociationId,
    filter: &Filter,
    (today, policy): (Date, Policy),
    after: i64,
    limit: i64,
) -> Result<Vec<ExportRow>> {
    let (conditions, values) = filter.conditions(today, policy);
    let after_at = values.len() + 2;
    let sql = format!(
        "SELECT {COLUMNS} FROM members WHERE association_id = $1{conditions} AND id > ${after_at} \
         ORDER BY id LIMIT {}",
        limit.clamp(1, EXPORT_PAGE)
    );
    let members: Vec<MemberRow> =
        on_db!(db, |p| bind_values!(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0), &values)
            .bind(after)
            .fetch_all(p)
            .await)?;
    if members.is_empty() {
        return Ok(Vec::new());
    }
    // The page's categories in a second query keyed by its ids: the same SQL
    // on both backends (no GROUP_CONCAT / STRING_AGG).
    let sql = format!(
        "SELECT mc.member_id, c.name FROM member_categories mc \
         JOIN categories c ON c.association_id = mc.association_id AND c.id = mc.category_id \
         WHERE mc.association_id = $1 AND mc.member_id IN ({})",
        crate::db::placeholders(2, members.len())
    );
    let named: Vec<(i64, String)> = on_db!(db, |p| {
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0);
        for m in &members {
            q = q.bind(m.id);
        }
        q.fetch_all(p).await
    })?;
    let mut by_member: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (member, name) in named {
        by_member.entry(member).or_default().push(name);
    }
    let page_ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let mut values: std::collections::HashMap<i64, Vec<(i64, String)>> = std::collections::HashMap::new();
    for (member, field, value) in crate::fields::values_of_many(db, a, &page_ids).await? {
        values.entry(member).or_default().push((field, value));
    }
    Ok(members
        .into_iter()
        .map(|member| {
            let mut categories = by_member.remove(&member.id).unwrap_or_default();
            categories.sort_by_cached_key(|c| (domain::members::fold(c), c.clone()));
            let fields = values.remove(&member.id).unwrap_or_default();
            ExportRow { member, categories, fields }
        })
        .collect())
}
