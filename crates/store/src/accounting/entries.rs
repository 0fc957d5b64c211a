//! Entries: writing, changing and removing them while their year is open,
//! reversing them once it is closed, and reading them back a page at a time.

use super::Refused;
use crate::{Db, Result};
use domain::accounting::entry::{self, Draft, Line};
use domain::{AssociationId, Grant, KeepBooks};

/// An entry as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub year_id: i64,
    pub number: Option<i64>,
    pub on_date: String,
    pub journal: String,
    pub label: String,
    pub reference: String,
    pub origin: String,
    pub reverses: Option<i64>,
    pub created_at: i64,
    pub hash: Option<String>,
    /// Its year is closed: it can no longer change.
    pub locked: bool,
}

/// A line as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub entry_id: i64,
    pub position: i64,
    pub account: String,
    pub debit_cents: i64,
    pub credit_cents: i64,
    pub label: String,
    pub project_id: Option<i64>,
}

impl LineRow {
    /// The line as the domain sees it.
    pub fn line(&self) -> Line {
        Line {
            account: self.account.clone(),
            debit: self.debit_cents,
            credit: self.credit_cents,
            label: self.label.clone(),
            project: self.project_id,
        }
    }
}

const ENTRY: &str = "e.id, e.year_id, e.number, e.on_date, e.journal, e.label, e.reference, e.origin, e.reverses, \
                     e.created_at, e.hash, (y.closed_at IS NOT NULL) AS locked";
const LINE: &str = "entry_id, position, account, debit_cents, credit_cents, label, project_id";

/// Writes an entry in the open year covering its date, in the journal its
/// accounts call for; `origin` says how it came (`simple`, `advanced`, `dues`…).
pub async fn post(
    db: &Db,
    g: &Grant<KeepBooks>,
    draft: &Draft,
    origin: &str,
    now: i64,
) -> Result<std::result::Result<i64, Refused>> {
    if let Err(problems) = draft.check() {
        return Ok(Err(Refused::Invalid(problems)));
    }
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let posted = insert_entry!(&mut tx, a, draft, (entry::journal(&draft.lines), origin, None, user), now);
        if posted.is_ok() {
            tx.commit().await?;
        }
        Ok(posted)
    })
}

/// One entry and its lines.
pub async fn get(db: &Db, a: AssociationId, id: i64) -> Result<Option<(EntryRow, Vec<LineRow>)>> {
    let sql = format!(
        "SELECT {ENTRY} FROM entries e JOIN fiscal_years y ON y.association_id = e.association_id AND y.id = e.year_id \
         WHERE e.association_id = $1 AND e.id = $2"
    );
    let row: Option<EntryRow> =
        on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?;
    let Some(row) = row else { return Ok(None) };
    let lines = lines_of(db, a, &[id]).await?;
    Ok(Some((row, lines)))
}

/// Entries whose lines one statement reads (see [`crate::db::placeholders`]):
/// a journal page, a slice of a FEC.
const IDS_AT_ONCE: usize = 500;

/// The lines of several entries, by entry then position.
pub async fn lines_of(db: &Db, a: AssociationId, ids: &[i64]) -> Result<Vec<LineRow>> {
    let sql = format!(
        "SELECT {LINE} FROM entry_lines WHERE association_id = $1 AND entry_id IN ({}) ORDER BY entry_id, position",
        crate::db::placeholders(2, IDS_AT_ONCE)
    );
    let mut all = Vec::new();
    for chunk in ids.chunks(IDS_AT_ONCE) {
        let rows: Vec<LineRow> = on_db!(db, |p| {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(a.0);
            for id in crate::db::padded(chunk, IDS_AT_ONCE) {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?;
        all.extend(rows);
    }
    Ok(all)
}

/// Replaces an entry of an open year by `draft` (its new date must be in an
/// open year too); its id stays. A statement line reconciled with it goes
/// back to "to reconcile" when the entry no longer moves the line's amount
/// on the line's account.
pub async fn update(db: &Db, g: &Grant<KeepBooks>, id: i64, draft: &Draft) -> Result<std::result::Result<(), Refused>> {
    if let Err(problems) = draft.check() {
        return Ok(Err(Refused::Invalid(problems)));
    }
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let old: Option<(i64, String)> =
            sqlx::query_as("SELECT year_id, on_date FROM entries WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((old_year, old_day)) = old else { return Ok(Err(Refused::NotFound)) };
        if let Err(r) = open_year_of!(&mut tx, a, old_day) {
            return Ok(Err(r));
        }
        let year = match open_year_of!(&mut tx, a, draft.date.to_string()) {
            Err(r) => return Ok(Err(r)),
            Ok(y) => y,
        };
        remove_lines!(&mut tx, a, id, old_year);
        sqlx::query(
            "UPDATE entries SET year_id = $3, on_date = $4, journal = $5, label = $6, reference = $7 \
             WHERE association_id = $1 AND id = $2",
        )
        .bind(a)
        .bind(id)
        .bind(year)
        .bind(draft.date.to_string())
        .bind(entry::journal(&draft.lines))
        .bind(&draft.label)
        .bind(&draft.reference)
        .execute(&mut *tx)
        .await?;
        insert_lines!(&mut tx, a, id, year, draft);
        // A statement line stays reconciled only while the entry still moves its amount on its account.
        sqlx::query(
            "UPDATE statement_lines SET entry_id = NULL WHERE association_id = $1 AND entry_id = $2 AND NOT EXISTS \
             (SELECT 1 FROM entry_lines l WHERE l.association_id = statement_lines.association_id \
             AND l.entry_id = statement_lines.entry_id AND l.account = statement_lines.account \
             AND l.debit_cents - l.credit_cents = statement_lines.cents)",
        )
        .bind(a)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// Removes an entry of an open year, with its attachments; a dues payment
/// it posted goes back to "not posted", a statement line reconciled with it
/// to "to reconcile".
pub async fn delete(db: &Db, g: &Grant<KeepBooks>, id: i64) -> Result<std::result::Result<(), Refused>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let old: Option<(i64, String)> =
            sqlx::query_as("SELECT year_id, on_date FROM entries WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((year, day)) = old else { return Ok(Err(Refused::NotFound)) };
        if let Err(r) = open_year_of!(&mut tx, a, day) {
            return Ok(Err(r));
        }
        remove_lines!(&mut tx, a, id, year);
        sqlx::query("UPDATE payments SET entry_id = NULL WHERE association_id = $1 AND entry_id = $2")
            .bind(a)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for sql in [
            "UPDATE statement_lines SET entry_id = NULL WHERE association_id = $1 AND entry_id = $2",
            "DELETE FROM attachments WHERE association_id = $1 AND entry_id = $2",
            // A gift it posted goes back to "not posted" too.
            "UPDATE donations SET entry_id = NULL WHERE association_id = $1 AND entry_id = $2",
            "DELETE FROM entries WHERE association_id = $1 AND id = $2",
        ] {
            sqlx::query(sql).bind(a).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// Writes the entry that cancels entry `id`, dated `day` (in an open year):
/// how a sealed entry is corrected. Evaluates to the reversal's id.
pub async fn reverse(
    db: &Db,
    g: &Grant<KeepBooks>,
    id: i64,
    (day, label): (domain::Date, &str),
    now: i64,
) -> Result<std::result::Result<i64, Refused>> {
    let a = g.association_id();
    let Some((row, lines)) = get(db, a, id).await? else { return Ok(Err(Refused::NotFound)) };
    let original = Draft {
        date: day,
        label: row.label.clone(),
        reference: row.reference.clone(),
        lines: lines.iter().map(LineRow::line).collect(),
    };
    let draft = original.reversal(day, label.to_string());
    let user = g.actor().map(|u| u.0);
    let a = a.0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let posted = insert_entry!(&mut tx, a, &draft, (entry::journal(&draft.lines), "reversal", Some(id), user), now);
        if posted.is_ok() {
            tx.commit().await?;
        }
        Ok(posted)
    })
}

/// A page of the general journal of a year: entries in date order with
/// their lines, and how many entries the year holds.
pub async fn journal_page(
    db: &Db,
    a: AssociationId,
    year: i64,
    offset: i64,
    limit: i64,
) -> Result<Vec<(EntryRow, Vec<LineRow>)>> {
    // The page's ids are counted off the index alone; only its own rows are
    // then read, so a page deep in the year skips index entries, not rows.
    let sql = format!(
        "WITH page AS (SELECT id FROM entries WHERE association_id = $1 AND year_id = $2 \
         ORDER BY on_date, id LIMIT $3 OFFSET $4) \
         SELECT {ENTRY} FROM page JOIN entries e ON e.association_id = $1 AND e.id = page.id \
         JOIN fiscal_years y ON y.association_id = e.association_id AND y.id = e.year_id ORDER BY e.on_date, e.id"
    );
    let rows: Vec<EntryRow> = on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(a.0)
        .bind(year)
        .bind(limit)
        .bind(offset)
        .fetch_all(p)
        .await)?;
    with_lines(db, a, rows).await
}

/// Pairs entries with their lines.
pub async fn with_lines(db: &Db, a: AssociationId, rows: Vec<EntryRow>) -> Result<Vec<(EntryRow, Vec<LineRow>)>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut by_id: std::collections::HashMap<i64, Vec<LineRow>> = std::collections::HashMap::new();
    for l in lines_of(db, a, &ids).await? {
        by_id.entry(l.entry_id).or_default().push(l);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let l = by_id.remove(&r.id).unwrap_or_default();
            (r, l)
        })
        .collect())
}

/// One line of an account's ledger.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LedgerLine {
    pub entry_id: i64,
    pub on_date: String,
    pub label: String,
    pub debit_cents: i64,
    pub credit_cents: i64,
}

/// A page of one account's ledger in a year, in date order, with the
/// balance (debit minus credit) of the lines before the page. The page and
/// the balance are both counted off the `entry_lines_ledger` index, which
/// carries the amounts (migration 0015): a page deep in the year reads the
/// index up to it, not the rows.
pub async fn ledger_page(
    db: &Db,
    a: AssociationId,
    (year, account): (i64, &str),
    offset: i64,
    limit: i64,
) -> Result<(Vec<LedgerLine>, i64)> {
    let lines: Vec<LedgerLine> = on_db!(db, |p| sqlx::query_as(
        "WITH page AS (SELECT entry_id, position FROM entry_lines \
         WHERE association_id = $1 AND year_id = $2 AND account = $3 \
         ORDER BY on_date, entry_id, position LIMIT $4 OFFSET $5) \
         SELECT l.entry_id, l.on_date, CASE WHEN l.label = '' THEN e.label ELSE l.label END AS label, \
         l.debit_cents, l.credit_cents FROM page \
         JOIN entry_lines l ON l.association_id = $1 AND l.entry_id = page.entry_id AND l.position = page.position \
         JOIN entries e ON e.association_id = $1 AND e.id = l.entry_id \
         ORDER BY l.on_date, l.entry_id, l.position"
    )
    .bind(a.0)
    .bind(year)
    .bind(account)
    .bind(limit)
    .bind(offset)
    .fetch_all(p)
    .await)?;
    let before: i64 = if offset == 0 {
        0
    } else {
        on_db!(db, |p| {
            sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(debit_cents - credit_cents), 0) AS BIGINT) FROM (SELECT debit_cents, credit_cents \
             FROM entry_lines WHERE association_id = $1 AND year_id = $2 AND account = $3 \
             ORDER BY on_date, entry_id, position LIMIT $4) b"
        )
        .bind(a.0)
        .bind(year)
        .bind(account)
        .bind(offset)
        .fetch_one(p)
        .await
        })?
    };
    Ok((lines, before))
}

/// What posting a payment reads of it.
#[derive(sqlx::FromRow)]
struct ToPost {
    amount: i64,
    paid_on: String,
    method: String,
    reference: String,
    entry_id: Option<i64>,
    account: String,
    type_name: String,
    who: String,
}

/// Posts a dues payment to the ledger, once: the money on the account its
/// method calls for, the membership type's income account credited; the
/// payment then points at its entry. `Ok(None)` if it was posted already.
pub async fn post_payment<C: domain::PostsPayments>(
    db: &Db,
    g: &Grant<C>,
    payment: domain::PaymentId,
    now: i64,
) -> Result<std::result::Result<Option<i64>, Refused>> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        // Locks the payment: two posts at once cannot both pass.
        let found: Option<ToPost> = sqlx::query_as(
            "UPDATE payments SET entry_id = entry_id WHERE association_id = $1 AND id = $2 RETURNING amount_cents AS amount, \
             paid_on, method, reference, entry_id, \
             (SELECT account FROM dues_types t WHERE t.association_id = payments.association_id AND t.id = payments.type_id) \
             AS account, \
             (SELECT name FROM dues_types t WHERE t.association_id = payments.association_id AND t.id = payments.type_id) \
             AS type_name, \
             (SELECT first_name || ' ' || last_name FROM members m WHERE m.association_id = payments.association_id \
              AND m.id = payments.member_id) AS who",
        )
        .bind(a)
        .bind(payment.0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(ToPost { amount, paid_on, method, reference, entry_id, account, type_name, who }) = found else {
            return Ok(Err(Refused::NotFound));
        };
        if entry_id.is_some() {
            return Ok(Ok(None));
        }
        let method = domain::dues::PaymentMethod::from_code(&method).unwrap_or(domain::dues::PaymentMethod::Transfer);
        let draft = Draft {
            date: domain::Date::parse_iso(&paid_on).unwrap_or(domain::Date::MIN),
            label: format!("{type_name} – {who}"),
            reference,
            lines: vec![Line::debit(method.account(), amount), Line::credit(&account, amount)],
        };
        if let Err(problems) = draft.check() {
            return Ok(Err(Refused::Invalid(problems)));
        }
        let posted = insert_entry!(&mut tx, a, &draft, (entry::journal(&draft.lines), "dues", None, user), now);
        let Ok(entry) = posted else { return Ok(posted.map(Some)) };
        sqlx::query("UPDATE payments SET entry_id = $3 WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(payment.0)
            .bind(entry)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Ok(Some(entry)))
    })
}

/// Payments not posted yet (no year open on their date when they were
/// recorded, or their entry was removed): ids, oldest first.
pub async fn unposted_payments(db: &Db, a: AssociationId) -> Result<Vec<domain::PaymentId>> {
    let ids: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT id FROM payments WHERE association_id = $1 AND entry_id IS NULL ORDER BY paid_on, id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    Ok(ids.into_iter().map(domain::PaymentId).collect())
}

/// The payment an entry posts, if any: (payment, member).
pub async fn payment_of(db: &Db, a: AssociationId, entry: i64) -> Result<Option<(i64, i64)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, member_id FROM payments WHERE association_id = $1 AND entry_id = $2"
    )
    .bind(a.0)
    .bind(entry)
    .fetch_optional(p)
    .await)?)
}

/// A file an import comes from: its kind (`fec`), SHA-256 and name. The
/// same file is never imported twice.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub kind: &'a str,
    pub sha256: &'a str,
    pub file_name: &'a str,
}

/// An entry written in bulk (imports): the draft, its journal and how it came.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub draft: Draft,
    pub journal: String,
    pub origin: &'static str,
}

/// Entries inserted a statement at a time, and lines too, on SQLite then on
/// PostgreSQL: well under either database's limit on bound values. SQLite
/// finds each `$N` by walking the statement's list of names as it binds it,
/// so a statement's binding grows with the square of its values: a thousand
/// lines (9,000 values) a statement cost it 150 µs a line, fifty cost 15 µs.
const ENTRIES_AT_ONCE: (usize, usize) = (50, 500);
const LINES_AT_ONCE: (usize, usize) = (50, 1000);

/// What an import writes in one go.
#[derive(Debug, Clone, Default)]
pub struct Batch<'a> {
    pub entries: Vec<Incoming>,
    /// Sub-accounts the entries need (code, label); those that exist are kept.
    pub accounts: Vec<(String, String)>,
    /// Years to open first (checked by the caller against those that exist).
    pub years: Vec<domain::accounting::years::Bounds>,
    /// The file, recorded so that it is never imported twice.
    pub source: Option<Source<'a>>,
}

/// Writes a batch in one transaction, all or nothing: each entry must be
/// valid and dated in an open year, else the first that is not is returned
/// with its index and nothing is written. Multi-row statements and one
/// update of the totals per account keep 100,000 lines within seconds.
pub async fn post_many(
    db: &Db,
    g: &Grant<KeepBooks>,
    batch: &Batch<'_>,
    now: i64,
) -> Result<std::result::Result<usize, (usize, Refused)>> {
    let head = Batch { entries: Vec::new(), ..batch.clone() };
    post_stream(db, g, &head, batch.entries.iter().cloned(), now).await
}

/// Like [`post_many`], the entries pulled from `entries` a statement's worth
/// at a time while the transaction runs (the batch's own entries are not
/// written): an import of any size holds a few dozen entries, not the file.
pub async fn post_stream(
    db: &Db,
    g: &Grant<KeepBooks>,
    batch: &Batch<'_>,
    mut entries: impl Iterator<Item = Incoming> + Send,
    now: i64,
) -> Result<std::result::Result<usize, (usize, Refused)>> {
    let (accounts, source) = (&batch.accounts, batch.source.as_ref());
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    let sqlite = matches!(db, Db::Sqlite(_));
    let pick = |(on_sqlite, on_postgres): (usize, usize)| if sqlite { on_sqlite } else { on_postgres };
    let (entries_at_once, lines_at_once) = (pick(ENTRIES_AT_ONCE), pick(LINES_AT_ONCE));
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        for b in &batch.years {
            let id = next_ids!(&mut *tx, a, "fiscal_years", 1);
            sqlx::query("INSERT INTO fiscal_years (association_id, id, starts_on, ends_on) VALUES ($1, $2, $3, $4)")
                .bind(a)
                .bind(id)
                .bind(b.start.to_string())
                .bind(b.end.to_string())
                .execute(&mut *tx)
                .await?;
        }
        // Locks every year of the association: none closes meanwhile.
        let years: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
            "UPDATE fiscal_years SET closed_at = closed_at WHERE association_id = $1 \
             RETURNING id, starts_on, ends_on, closed_at",
        )
        .bind(a)
        .fetch_all(&mut *tx)
        .await?;
        if let Some(src) = source {
            let fresh = sqlx::query(
                "INSERT INTO imported_files (association_id, kind, sha256, file_name, imported_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (association_id, kind, sha256) DO NOTHING",
            )
            .bind(a)
            .bind(src.kind)
            .bind(src.sha256)
            .bind(src.file_name)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if fresh == 0 {
                return Ok(Err((0, Refused::AlreadyImported)));
            }
        }
        for (code, label) in accounts {
            sqlx::query(
                "INSERT INTO accounts (association_id, code, label) VALUES ($1, $2, $3) \
                 ON CONFLICT (association_id, code) DO NOTHING",
            )
            .bind(a)
            .bind(code)
            .bind(label)
            .execute(&mut *tx)
            .await?;
        }
        let mut totals: std::collections::BTreeMap<(i64, String), (i64, i64)> = std::collections::BTreeMap::new();
        let mut written = 0;
        let mut chunk: Vec<Incoming> = Vec::with_capacity(entries_at_once);
        loop {
            chunk.clear();
            chunk.extend(entries.by_ref().take(entries_at_once));
            if chunk.is_empty() {
                break;
            }
            let mut year_of = Vec::with_capacity(chunk.len());
            for (k, e) in chunk.iter().enumerate() {
                if let Err(problems) = e.draft.check() {
                    return Ok(Err((written + k, Refused::Invalid(problems))));
                }
                let day = e.draft.date.to_string();
                match years.iter().find(|(_, s, end, _)| *s <= day && day <= *end) {
                    None => return Ok(Err((written + k, Refused::NoYear))),
                    Some((_, _, _, Some(_))) => return Ok(Err((written + k, Refused::Closed))),
                    Some((id, _, _, None)) => year_of.push(*id),
                }
            }
            let first = next_ids!(&mut *tx, a, "entries", chunk.len() as i64);
            // $1 association, $2 time, $3 user; then 7 values an entry.
            let values: Vec<String> =
                (0..chunk.len()).map(|i| format!("($1, {}, $2, $3)", crate::db::placeholders(4 + i * 7, 7))).collect();
            let sql = format!(
                "INSERT INTO entries (association_id, id, year_id, on_date, journal, label, reference, origin, \
                 created_at, created_by) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(a).bind(now).bind(user);
            for (k, e) in chunk.iter().enumerate() {
                q = q
                    .bind(first + k as i64)
                    .bind(year_of[k])
                    .bind(e.draft.date.to_string())
                    .bind(&e.journal)
                    .bind(&e.draft.label)
                    .bind(&e.draft.reference)
                    .bind(e.origin);
            }
            q.execute(&mut *tx).await?;
            let lines: Vec<(usize, usize, &Line)> = chunk
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.draft.lines.iter().enumerate().map(move |(pos, l)| (i, pos, l)))
                .collect();
            for part in lines.chunks(lines_at_once) {
                // $1 association; then 9 values a line.
                let values: Vec<String> =
                    (0..part.len()).map(|i| format!("($1, {})", crate::db::placeholders(2 + i * 9, 9))).collect();
                let sql = format!(
                    "INSERT INTO entry_lines (association_id, entry_id, position, year_id, on_date, account, \
                     debit_cents, credit_cents, label, project_id) VALUES {}",
                    values.join(", ")
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(a);
                for (i, pos, l) in part {
                    let t = totals.entry((year_of[*i], l.account.clone())).or_default();
                    t.0 += l.debit;
                    t.1 += l.credit;
                    q = q
                        .bind(first + *i as i64)
                        .bind(*pos as i64)
                        .bind(year_of[*i])
                        .bind(chunk[*i].draft.date.to_string())
                        .bind(&l.account)
                        .bind(l.debit)
                        .bind(l.credit)
                        .bind(&l.label)
                        .bind(l.project);
                }
                q.execute(&mut *tx).await?;
            }
            written += chunk.len();
        }
        for ((year, account), (debit, credit)) in totals {
            sqlx::query(
                "INSERT INTO account_totals (association_id, year_id, account, debit_cents, credit_cents) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (association_id, year_id, account) DO UPDATE SET \
                 debit_cents = account_totals.debit_cents + excluded.debit_cents, \
                 credit_cents = account_totals.credit_cents + excluded.credit_cents",
            )
            .bind(a)
            .bind(year)
            .bind(account)
            .bind(debit)
            .bind(credit)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Ok(written))
    })
}
