//! Fiscal years: opening them, closing them (result, opening balances of the
//! next year, numbering and sealing every entry), and checking the seal.

use super::entries::{EntryRow, LineRow, with_lines};
use crate::{Db, Result};
use domain::accounting::chain::{self, Break, Sealed, Verifier};
use domain::accounting::entry::{self, Draft};
use domain::accounting::years::{Assignment, Bounds, ClosingProblem, Totals, opening_lines};
use domain::{AssociationId, Date, Grant, KeepBooks};

/// A year as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct YearRow {
    pub id: i64,
    pub starts_on: String,
    pub ends_on: String,
    pub closed_at: Option<i64>,
    pub last_hash: Option<String>,
}

impl YearRow {
    pub fn bounds(&self) -> Bounds {
        let day = |s: &str| Date::parse_iso(s).unwrap_or(Date::MIN);
        Bounds { start: day(&self.starts_on), end: day(&self.ends_on) }
    }

    pub fn is_closed(&self) -> bool {
        self.closed_at.is_some()
    }
}

const YEAR: &str = "id, starts_on, ends_on, closed_at, last_hash";

/// The association's years, latest first.
pub async fn list(db: &Db, a: AssociationId) -> Result<Vec<YearRow>> {
    let sql = format!("SELECT {YEAR} FROM fiscal_years WHERE association_id = $1 ORDER BY starts_on DESC");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?)
}

/// One year.
pub async fn get(db: &Db, a: AssociationId, id: i64) -> Result<Option<YearRow>> {
    let sql = format!("SELECT {YEAR} FROM fiscal_years WHERE association_id = $1 AND id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// The year covering `day`, if any.
pub async fn covering(db: &Db, a: AssociationId, day: Date) -> Result<Option<YearRow>> {
    let sql =
        format!("SELECT {YEAR} FROM fiscal_years WHERE association_id = $1 AND starts_on <= $2 AND ends_on >= $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(a.0)
        .bind(day.to_string())
        .fetch_optional(p)
        .await)?)
}

/// Opens a year; the caller has checked it against the others
/// ([`Bounds::check_new`]). `Error::Conflict` if one starts the same day.
pub async fn create(db: &Db, g: &Grant<KeepBooks>, b: Bounds) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "fiscal_years", 1);
        sqlx::query("INSERT INTO fiscal_years (association_id, id, starts_on, ends_on) VALUES ($1, $2, $3, $4)")
            .bind(a)
            .bind(id)
            .bind(b.start.to_string())
            .bind(b.end.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Every account's totals in a year, by code.
pub async fn totals(db: &Db, a: AssociationId, year: i64) -> Result<Vec<Totals>> {
    let rows: Vec<(String, i64, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT account, debit_cents, credit_cents FROM account_totals WHERE association_id = $1 AND year_id = $2 \
         AND (debit_cents <> 0 OR credit_cents <> 0) ORDER BY account"
    )
    .bind(a.0)
    .bind(year)
    .fetch_all(p)
    .await)?;
    Ok(rows.into_iter().map(|(account, debit, credit)| Totals { account, debit, credit }).collect())
}

/// Why a year cannot be closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CloseRefused {
    NotFound,
    AlreadyClosed,
    /// An earlier year is still open: years close in order.
    EarlierOpen,
    /// The next year would overlap one that exists.
    NextOverlaps,
    Books(ClosingProblem),
}

/// What closing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    /// The year's result in cents (positive: surplus).
    pub result: i64,
    pub entries: i64,
    /// The next year, created if it did not exist, holding the opening entry.
    pub next_year: i64,
    pub opening_entry: Option<i64>,
    pub last_hash: String,
}

/// Entries read at a time while sealing or verifying.
const PAGE: i64 = 1000;

/// Closes a year in one transaction: numbers its entries in date order and
/// seals them in the hash chain (following the previous closed year's last
/// hash), writes the opening entry of the next year (created if missing)
/// with the result on the account `assignment` says, and locks the year.
pub async fn close(
    db: &Db,
    g: &Grant<KeepBooks>,
    id: i64,
    assignment: &Assignment,
    now: i64,
) -> Result<std::result::Result<Closed, CloseRefused>> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let year: Option<YearRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "UPDATE fiscal_years SET closed_at = closed_at WHERE association_id = $1 AND id = $2 RETURNING {YEAR}"
        )))
        .bind(a)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(year) = year else { return Ok(Err(CloseRefused::NotFound)) };
        if year.is_closed() {
            return Ok(Err(CloseRefused::AlreadyClosed));
        }
        let earlier_open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM fiscal_years WHERE association_id = $1 AND starts_on < $2 AND closed_at IS NULL",
        )
        .bind(a)
        .bind(&year.starts_on)
        .fetch_one(&mut *tx)
        .await?;
        if earlier_open > 0 {
            return Ok(Err(CloseRefused::EarlierOpen));
        }
        // Read under the year's lock: no entry can slip in meanwhile.
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT account, debit_cents, credit_cents FROM account_totals WHERE association_id = $1 AND year_id = $2 \
             ORDER BY account",
        )
        .bind(a)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let totals: Vec<Totals> =
            rows.into_iter().map(|(account, debit, credit)| Totals { account, debit, credit }).collect();
        let lines = match opening_lines(&totals, assignment) {
            Ok(l) => l,
            Err(p) => return Ok(Err(CloseRefused::Books(p))),
        };
        let result = domain::accounting::years::result(&totals);
        let start: String = sqlx::query_scalar(
            "SELECT COALESCE((SELECT last_hash FROM fiscal_years WHERE association_id = $1 AND closed_at IS NOT NULL \
             AND ends_on < $2 ORDER BY ends_on DESC LIMIT 1), $3)",
        )
        .bind(a)
        .bind(&year.starts_on)
        .bind(chain::GENESIS)
        .fetch_one(&mut *tx)
        .await?;
        // Number and seal the entries, a page at a time, in date order.
        let mut previous = start.clone();
        let mut number = 0_i64;
        let mut after: (String, i64) = (String::new(), 0);
        loop {
            let page: Vec<EntryRow> = sqlx::query_as(
                "SELECT e.id, e.year_id, e.number, e.on_date, e.journal, e.label, e.reference, e.origin, e.reverses, \
                 e.created_at, e.hash, FALSE AS locked FROM entries e WHERE e.association_id = $1 AND e.year_id = $2 \
                 AND (e.on_date > $3 OR (e.on_date = $3 AND e.id > $4)) ORDER BY e.on_date, e.id LIMIT $5",
            )
            .bind(a)
            .bind(id)
            .bind(&after.0)
            .bind(after.1)
            .bind(PAGE)
            .fetch_all(&mut *tx)
            .await?;
            if page.is_empty() {
                break;
            }
            let list = page.iter().map(|e| e.id.to_string()).collect::<Vec<_>>().join(", ");
            // Used once: not kept in the connection's statement cache.
            let lines: Vec<LineRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT entry_id, position, account, debit_cents, credit_cents, label, project_id FROM entry_lines \
                 WHERE association_id = $1 AND entry_id IN ({list}) ORDER BY entry_id, position"
            )))
            .persistent(false)
            .bind(a)
            .fetch_all(&mut *tx)
            .await?;
            for e in &page {
                number += 1;
                let own: Vec<_> = lines.iter().filter(|l| l.entry_id == e.id).map(LineRow::line).collect();
                let hash = chain::link(&previous, &sealed(e, number, &own));
                sqlx::query("UPDATE entries SET number = $3, hash = $4 WHERE association_id = $1 AND id = $2")
                    .bind(a)
                    .bind(e.id)
                    .bind(number)
                    .bind(&hash)
                    .execute(&mut *tx)
                    .await?;
                previous = hash;
            }
            let last = page.last().map(|e| (e.on_date.clone(), e.id)).unwrap_or_default();
            after = last;
        }
        // The next year: the one that starts the day after, or twelve months made for it.
        let next = year.bounds().next();
        let next_id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM fiscal_years WHERE association_id = $1 AND starts_on = $2")
                .bind(a)
                .bind(next.start.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        let next_id = match next_id {
            Some(n) => n,
            None => {
                let overlapping: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM fiscal_years WHERE association_id = $1 AND starts_on <= $3 AND ends_on >= $2",
                )
                .bind(a)
                .bind(next.start.to_string())
                .bind(next.end.to_string())
                .fetch_one(&mut *tx)
                .await?;
                if overlapping > 0 {
                    return Ok(Err(CloseRefused::NextOverlaps));
                }
                let n = next_ids!(&mut *tx, a, "fiscal_years", 1);
                sqlx::query(
                    "INSERT INTO fiscal_years (association_id, id, starts_on, ends_on) VALUES ($1, $2, $3, $4)",
                )
                .bind(a)
                .bind(n)
                .bind(next.start.to_string())
                .bind(next.end.to_string())
                .execute(&mut *tx)
                .await?;
                n
            }
        };
        sqlx::query(
            "UPDATE fiscal_years SET closed_at = $3, closed_by = $4, first_hash = $5, last_hash = $6 \
             WHERE association_id = $1 AND id = $2",
        )
        .bind(a)
        .bind(id)
        .bind(now)
        .bind(user)
        .bind(&start)
        .bind(&previous)
        .execute(&mut *tx)
        .await?;
        let opening_entry = if lines.is_empty() {
            None
        } else {
            let draft = Draft {
                date: next.start,
                label: format!("À-nouveaux {}", year.bounds().end.year()),
                reference: String::new(),
                lines: lines.clone(),
            };
            match insert_entry!(&mut tx, a, &draft, (entry::OPENING_JOURNAL, "opening", None, user), now) {
                Ok(e) => Some(e),
                // The next year was closed already: its opening balances cannot change.
                Err(_) => return Ok(Err(CloseRefused::NextOverlaps)),
            }
        };
        tx.commit().await?;
        Ok(Ok(Closed { result, entries: number, next_year: next_id, opening_entry, last_hash: previous }))
    })
}

/// What the chain commits to of a stored entry.
fn sealed<'a>(e: &'a EntryRow, number: i64, lines: &'a [domain::accounting::entry::Line]) -> Sealed<'a> {
    Sealed {
        number,
        date: Date::parse_iso(&e.on_date).unwrap_or(Date::MIN),
        journal: &e.journal,
        label: &e.label,
        reference: &e.reference,
        lines,
    }
}

/// Checks a closed year's entries against their seal; `None` if the year is
/// not closed. Nothing found: the year is as it was closed.
pub async fn verify(db: &Db, a: AssociationId, id: i64) -> Result<Option<Vec<Break>>> {
    let seal: Option<(Option<String>, Option<String>)> = on_db!(db, |p| {
        sqlx::query_as(
        "SELECT first_hash, last_hash FROM fiscal_years WHERE association_id = $1 AND id = $2 AND closed_at IS NOT NULL"
    )
    .bind(a.0)
    .bind(id)
    .fetch_optional(p)
    .await
    })?;
    let Some((Some(first), Some(last))) = seal else { return Ok(None) };
    let mut v = Verifier::new(&first);
    let mut after = (-1_i64, 0_i64);
    loop {
        // Unnumbered entries (added after closing) come last.
        let page: Vec<EntryRow> = on_db!(db, |p| sqlx::query_as(
            "SELECT e.id, e.year_id, e.number, e.on_date, e.journal, e.label, e.reference, e.origin, e.reverses, \
             e.created_at, e.hash, TRUE AS locked FROM entries e WHERE e.association_id = $1 AND e.year_id = $2 \
             AND (COALESCE(e.number, 9223372036854775807) > $3 OR (COALESCE(e.number, 9223372036854775807) = $3 \
             AND e.id > $4)) ORDER BY COALESCE(e.number, 9223372036854775807), e.id LIMIT $5"
        )
        .bind(a.0)
        .bind(id)
        .bind(after.0)
        .bind(after.1)
        .bind(PAGE)
        .fetch_all(p)
        .await)?;
        if page.is_empty() {
            break;
        }
        let last_of_page = page.last().map(|e| (e.number.unwrap_or(i64::MAX), e.id)).unwrap_or_default();
        for (e, lines) in with_lines(db, a, page).await? {
            match (e.number, e.hash.as_deref()) {
                (Some(n), Some(h)) => {
                    let own: Vec<_> = lines.iter().map(LineRow::line).collect();
                    v.check(&sealed(&e, n, &own), h);
                }
                _ => v.unsealed(e.id),
            }
        }
        after = last_of_page;
    }
    Ok(Some(v.finish(&last)))
}
