//! Applying a member import: every row of a checked plan written in one
//! transaction, so an import lands whole or not at all.

use crate::dues::{Recorded, record_in};
use crate::members::{TOTAL, bind_member};
use crate::{Db, Result};
use domain::dues::{MembershipType, Payment};
use domain::import::{Action, Existing, KnownCategory, KnownType, Row};
use domain::members::Member;
use domain::{AssociationId, Grant, ManageMembers, MemberId, MembershipTypeId, UserId};

#[derive(sqlx::FromRow)]
struct ExistingRow {
    id: i64,
    email: Option<String>,
    first_name: String,
    last_name: String,
    birth_date: Option<String>,
}

/// The association's members by the keys duplicates are found with.
pub async fn existing(db: &Db, a: AssociationId) -> Result<Vec<Existing>> {
    let rows: Vec<ExistingRow> = on_db!(db, |p| sqlx::query_as(
        "SELECT id, email, first_name, last_name, birth_date FROM members WHERE association_id = $1 ORDER BY id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| Existing {
            id: r.id,
            email: r.email,
            first_name: r.first_name,
            last_name: r.last_name,
            birth_date: r.birth_date,
        })
        .collect())
}

/// The categories and active membership types a file may name.
pub async fn names(db: &Db, a: AssociationId) -> Result<(Vec<KnownCategory>, Vec<KnownType>)> {
    let categories =
        crate::categories::list(db, a).await?.into_iter().map(|c| KnownCategory { id: c.id, name: c.name }).collect();
    let types = crate::dues::types(db, a)
        .await?
        .into_iter()
        .filter(|t| !t.archived)
        .map(|t| KnownType { id: t.id, name: t.name })
        .collect();
    Ok((categories, types))
}

/// New members and their search words written in bulk, each backend its
/// fastest way; the caller's transaction makes it all or nothing.
trait InsertMembers {
    /// Members written to a batch (the caller counts progress between batches).
    const BATCH: usize;
    async fn insert_members(&mut self, a: i64, members: &[(i64, &Member)], now: i64) -> Result<()>;
}

impl InsertMembers for sqlx::SqliteConnection {
    const BATCH: usize = 100;
    async fn insert_members(&mut self, a: i64, members: &[(i64, &Member)], now: i64) -> Result<()> {
        // $1 the association, $2 the time; then 10 values a member (its id and record).
        let values: Vec<String> =
            (0..members.len()).map(|i| format!("($1, {}, $2, $2)", crate::db::placeholders(3 + i * 10, 10))).collect();
        let sql = format!(
            "INSERT INTO members (association_id, id, first_name, last_name, email, phone, address, postal_code, \
             city, birth_date, notes, created_at, updated_at) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(a).bind(now);
        for (id, m) in members {
            q = bind_member!(q.bind(*id), m);
        }
        q.execute(&mut *self).await?;
        let words: Vec<(i64, String)> =
            members.iter().flat_map(|(id, m)| m.search_words().into_iter().map(move |w| (*id, w))).collect();
        // At most 3,000 words a statement: well under SQLite's limit on values.
        for chunk in words.chunks(3000) {
            let values: Vec<String> =
                (0..chunk.len()).map(|i| format!("($1, ${}, ${})", 2 + i * 2, 3 + i * 2)).collect();
            let sql =
                format!("INSERT INTO member_words (association_id, member_id, word) VALUES {}", values.join(", "));
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(a);
            for (id, w) in chunk {
                q = q.bind(*id).bind(w.as_str());
            }
            q.execute(&mut *self).await?;
        }
        Ok(())
    }
}

impl InsertMembers for sqlx::PgConnection {
    const BATCH: usize = 1000;
    /// `COPY … FROM STDIN`: PostgreSQL's bulk path, without the parsing and
    /// per-row executor work of multi-row `INSERT`s (measured on 10,000 members).
    async fn insert_members(&mut self, a: i64, members: &[(i64, &Member)], now: i64) -> Result<()> {
        let mut rows = String::with_capacity(members.len() * 160);
        for (id, m) in members {
            let texts = [
                Some(m.first_name.as_str()),
                Some(m.last_name.as_str()),
                m.email.as_deref(),
                m.phone.as_deref(),
                Some(m.address.as_str()),
                Some(m.postal_code.as_str()),
                Some(m.city.as_str()),
                m.birth_date.as_deref(),
                Some(m.notes.as_str()),
            ];
            rows.push_str(&format!("{a}\t{id}"));
            for t in texts {
                rows.push('\t');
                copy_text(&mut rows, t);
            }
            rows.push_str(&format!("\t{now}\t{now}\n"));
        }
        let mut copy = self
            .copy_in_raw(
                "COPY members (association_id, id, first_name, last_name, email, phone, address, postal_code, \
                 city, birth_date, notes, created_at, updated_at) FROM STDIN",
            )
            .await?;
        copy.send(rows.as_bytes()).await?;
        copy.finish().await?;
        let mut words = String::with_capacity(members.len() * 120);
        for (id, m) in members {
            for w in m.search_words() {
                words.push_str(&format!("{a}\t{id}\t"));
                copy_text(&mut words, Some(&w));
                words.push('\n');
            }
        }
        let mut copy = self.copy_in_raw("COPY member_words (association_id, member_id, word) FROM STDIN").await?;
        copy.send(words.as_bytes()).await?;
        copy.finish().await?;
        Ok(())
    }
}

/// The batch size of `c`'s backend.
fn batch<C: InsertMembers>(_: &C) -> usize {
    C::BATCH
}

/// A value in `COPY`'s text format: `\N` for NULL; backslash, tab, newline
/// and carriage return escaped, as anything else is taken literally.
fn copy_text(out: &mut String, value: Option<&str>) {
    let Some(value) = value else {
        out.push_str("\\N");
        return;
    };
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    /// The payments recorded, for the ledger to post.
    pub payments: Vec<Recorded>,
}

/// Writes the rows of a plan without problems, in one transaction: new
/// members (ids taken as one range), updated ones, their categories and
/// payments. Any failure rolls everything back. Rows naming a member or a
/// type that is not `g`'s are refused as a whole (`Ok(None)`), never half-applied.
/// Payments name `by` as their recorder (none from the command line);
/// `progress` counts the rows written, for a progress bar.
pub async fn apply(
    db: &Db,
    g: &Grant<ManageMembers>,
    rows: &[Row],
    (by, progress): (Option<UserId>, &std::sync::atomic::AtomicUsize),
    fiscal: u32,
    now: i64,
) -> Result<Option<Applied>> {
    let a = g.association_id();
    let types: Vec<(i64, MembershipType)> =
        crate::dues::types(db, a).await?.into_iter().filter(|t| !t.archived).map(|t| (t.id, t.to_domain())).collect();
    if rows.iter().any(|r| r.payment.as_ref().is_some_and(|(t, _)| !types.iter().any(|(id, _)| id == t))) {
        return Ok(None);
    }
    let (a, user) = (a.0, by.map(|u| u.0));
    let creates = rows.iter().filter(|r| r.action == Action::Create).count() as i64;
    let applied = on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let mut applied = Applied::default();
        let mut next = next_ids!(&mut *tx, a, "members", creates);
        let _ = next_ids!(&mut *tx, a, TOTAL, creates);
        // Each row's member: the new ones numbered in the order of their rows.
        let ids: Vec<Option<i64>> = rows
            .iter()
            .map(|r| match r.action {
                Action::Create => {
                    next += 1;
                    Some(next - 1)
                }
                Action::Update(id) => Some(id),
                Action::Skip(_) => None,
            })
            .collect();
        // New members first, a batch of records (then their words) at a time.
        let new: Vec<(i64, &Member)> = rows
            .iter()
            .zip(&ids)
            .filter(|(r, _)| r.action == Action::Create)
            .filter_map(|(r, id)| id.map(|id| (id, &r.member)))
            .collect();
        for chunk in new.chunks(batch(&*tx)) {
            tx.insert_members(a, chunk, now).await?;
            progress.fetch_add(chunk.len(), std::sync::atomic::Ordering::Relaxed);
        }
        applied.created = new.len();
        for (row, id) in rows.iter().zip(&ids) {
            let m = &row.member;
            let Some(id) = *id else {
                applied.skipped += 1;
                progress.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                continue;
            };
            if let Action::Update(_) = row.action {
                progress.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                // An update fills in and corrects; an empty cell never erases what is there.
                let q = sqlx::query_as(
                    "UPDATE members SET first_name = $3, last_name = $4, email = COALESCE($5, email), \
                     phone = COALESCE($6, phone), address = COALESCE(NULLIF($7, ''), address), \
                     postal_code = COALESCE(NULLIF($8, ''), postal_code), city = COALESCE(NULLIF($9, ''), city), \
                     birth_date = COALESCE($10, birth_date), notes = COALESCE(NULLIF($11, ''), notes), \
                     updated_at = $12 WHERE association_id = $1 AND id = $2 RETURNING first_name",
                )
                .bind(a)
                .bind(id);
                let merged: Option<(String,)> = bind_member!(q, m).bind(now).fetch_optional(&mut *tx).await?;
                if merged.is_none() {
                    return Ok(None);
                }
                crate::members::rebuild_words!(&mut tx, a, id);
                applied.updated += 1;
            }
            for c in &row.categories {
                sqlx::query(
                    "INSERT INTO member_categories (association_id, member_id, category_id) \
                     SELECT $1, $2, id FROM categories WHERE association_id = $1 AND id = $3 ON CONFLICT DO NOTHING",
                )
                .bind(a)
                .bind(id)
                .bind(c)
                .execute(&mut *tx)
                .await?;
            }
            if !row.custom.is_empty() {
                for (field, value) in &row.custom {
                    crate::fields::write_field_value!(&mut tx, a, id, *field, value.as_str());
                }
                crate::members::rebuild_words!(&mut tx, a, id);
            }
            if let Some((type_id, pay)) = &row.payment {
                let ty = types.iter().find(|(t, _)| t == type_id).map(|(_, ty)| ty).expect("checked above");
                let pay: &Payment = pay;
                let recorded =
                    record_in!(&mut tx, a, user, MemberId(id), MembershipTypeId(*type_id), ty, pay, fiscal, now);
                applied.payments.push(recorded);
            }
        }
        tx.commit().await?;
        Ok::<_, crate::Error>(Some(applied))
    })?;
    if let (Db::Postgres(p), Some(done)) = (db, &applied)
        && done.created >= 1000
    {
        // The row counts and the spread per association are what the planner
        // needs now; autovacuum fills in the other columns later.
        sqlx::query("ANALYZE members (association_id), member_words (association_id)").execute(p).await?;
    }
    Ok(applied)
}

/// Keeps an uploaded file for the next steps of its import; its id.
pub async fn keep_upload(db: &Db, g: &Grant<ManageMembers>, file_name: &str, bytes: &[u8], now: i64) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "import_uploads", 1);
        sqlx::query(
            "INSERT INTO import_uploads (association_id, id, user_id, file_name, bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(a)
        .bind(id)
        .bind(g.user_id().0)
        .bind(file_name)
        .bind(bytes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// An uploaded file of `a`, by the person who uploaded it: its name and bytes.
pub async fn upload(db: &Db, g: &Grant<ManageMembers>, id: i64) -> Result<Option<(String, Vec<u8>)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT file_name, bytes FROM import_uploads WHERE association_id = $1 AND id = $2 AND user_id = $3 \
         AND kind = 'members'"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(g.user_id().0)
    .fetch_optional(p)
    .await)?)
}

/// Forgets an uploaded file (applied, or abandoned).
pub async fn forget_upload(db: &Db, g: &Grant<ManageMembers>, id: i64) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "DELETE FROM import_uploads WHERE association_id = $1 AND id = $2 AND kind = 'members'"
    )
    .bind(g.association_id().0)
    .bind(id)
    .execute(p)
    .await)?;
    Ok(())
}

/// Forgets uploads older than `before` (abandoned imports); how many.
pub async fn prune_uploads(db: &Db, before: i64) -> Result<u64> {
    Ok(exec!(db, |p| sqlx::query("DELETE FROM import_uploads WHERE created_at < $1").bind(before).execute(p).await)?)
}
