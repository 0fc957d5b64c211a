//! Recurring entries: an entry written again every N months (rent, an
//! insurance, a subscription) by the hourly job, in the open year covering
//! each date, until an end date or until stopped.

use super::Refused;
use crate::{Db, Result};
use domain::accounting::entry::{self, Draft, Line};
use domain::{AssociationId, Date, Grant, KeepBooks};

/// A recurring entry as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecurringRow {
    pub id: i64,
    pub label: String,
    pub every_months: i64,
    pub next_on: String,
    pub ends_on: Option<String>,
    /// One line per line: account, debit, credit, project (tab separated).
    pub lines: String,
    pub archived: bool,
}

impl RecurringRow {
    /// The entry to write on `date`.
    pub fn draft(&self, date: Date) -> Draft {
        let lines = self
            .lines
            .lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let account = f.next()?.to_string();
                let debit = f.next()?.parse().ok()?;
                let credit = f.next()?.parse().ok()?;
                let project = f.next().and_then(|p| p.parse().ok());
                Some(Line { account, debit, credit, label: String::new(), project })
            })
            .collect();
        Draft { date, label: self.label.clone(), reference: String::new(), lines }
    }
}

/// The stored form of an entry's lines.
pub fn encode(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| {
            format!("{}\t{}\t{}\t{}", l.account, l.debit, l.credit, l.project.map_or(String::new(), |p| p.to_string()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const COLUMNS: &str = "id, label, every_months, next_on, ends_on, lines, archived";

/// The association's recurring entries, the running ones first.
pub async fn list(db: &Db, a: AssociationId) -> Result<Vec<RecurringRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM recurring_entries WHERE association_id = $1 ORDER BY archived, next_on, id");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?)
}

/// Starts repeating `draft` every `every_months` months from `first` (until `ends_on`).
pub async fn create(
    db: &Db,
    g: &Grant<KeepBooks>,
    draft: &Draft,
    (every_months, first, ends_on): (i64, Date, Option<Date>),
) -> Result<i64> {
    let a = g.association_id().0;
    let user = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "recurring_entries", 1);
        sqlx::query(
            "INSERT INTO recurring_entries (association_id, id, label, every_months, next_on, ends_on, lines, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(a)
        .bind(id)
        .bind(&draft.label)
        .bind(every_months)
        .bind(first.to_string())
        .bind(ends_on.map(|d| d.to_string()))
        .bind(encode(&draft.lines))
        .bind(user)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Stops a recurring entry (kept, archived); false if there is none.
pub async fn stop(db: &Db, g: &Grant<KeepBooks>, id: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE recurring_entries SET archived = TRUE WHERE association_id = $1 AND id = $2"
    )
    .bind(g.association_id().0)
    .bind(id)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// Writes every occurrence due by `today`, for every association, each in
/// its own transaction with the step forward of its date. An occurrence
/// whose date falls in no year waits (the year may be opened later); one in
/// a closed year is skipped. Returns the entries written.
pub async fn post_due(db: &Db, today: Date, now: i64) -> Result<usize> {
    let sql = format!(
        "SELECT association_id, {COLUMNS} FROM recurring_entries WHERE NOT archived AND next_on <= $1 ORDER BY association_id, id"
    );
    let due: Vec<Due> =
        on_db!(db, |p| { sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(today.to_string()).fetch_all(p).await })?;
    let mut written = 0;
    for d in due {
        written += post_row(db, d.association_id, &d.row, today, now).await?;
    }
    Ok(written)
}

/// A recurring entry due, with its association.
#[derive(sqlx::FromRow)]
struct Due {
    association_id: i64,
    #[sqlx(flatten)]
    row: RecurringRow,
}

async fn post_row(db: &Db, a: i64, row: &RecurringRow, today: Date, now: i64) -> Result<usize> {
    let end = row.ends_on.as_deref().and_then(Date::parse_iso);
    let mut next = Date::parse_iso(&row.next_on).unwrap_or(today);
    let mut written = 0;
    while next <= today && end.is_none_or(|e| next <= e) {
        let draft = row.draft(next);
        if draft.check().is_err() {
            break;
        }
        let following = next.add_months(i32::try_from(row.every_months.clamp(1, 120)).unwrap_or(1));
        let finished = end.is_some_and(|e| following > e);
        let posted = on_db!(db, |p| {
            let mut tx = begin_write!(p)?;
            let posted =
                insert_entry!(&mut tx, a, &draft, (entry::journal(&draft.lines), "recurring", None, None), now);
            if matches!(posted, Ok(_) | Err(Refused::Closed)) {
                sqlx::query(
                    "UPDATE recurring_entries SET next_on = $3, archived = $4 WHERE association_id = $1 AND id = $2",
                )
                .bind(a)
                .bind(row.id)
                .bind(following.to_string())
                .bind(finished)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
            }
            Ok::<_, crate::Error>(posted)
        })?;
        match posted {
            Ok(_) => written += 1,
            Err(Refused::Closed) => {}
            // No year yet: try again at the next run.
            Err(_) => break,
        }
        next = following;
    }
    Ok(written)
}
