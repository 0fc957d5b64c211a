//! The digital-hygiene check-up: its settings (the domain watched), its runs
//! with the team's answers and the automated checks' report (kept as the
//! JSON the `checkup` crate writes), and the alerts the watch sent.

use crate::{Db, Result};
use domain::{Administer, AssociationId, Grant, TeamWork};
use std::collections::BTreeMap;

/// The check-up's settings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Settings {
    /// The association's domain, ASCII (punycode); empty when none.
    pub domain: String,
    /// Whether the domain is re-checked on a schedule.
    pub watch: bool,
    pub every_days: i64,
    /// The last scheduled check, and its report (JSON).
    pub last_checked_at: Option<i64>,
    pub last_report: Option<String>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { domain: String::new(), watch: true, every_days: 7, last_checked_at: None, last_report: None }
    }
}

/// The settings (no domain, weekly watch, until saved).
pub async fn settings(db: &Db, a: AssociationId) -> Result<Settings> {
    let row: Option<Settings> = on_db!(db, |p| {
        sqlx::query_as(
        "SELECT domain, watch, every_days, last_checked_at, last_report FROM checkup_settings WHERE association_id = $1"
    )
    .bind(a.0)
    .fetch_optional(p)
    .await
    })?;
    Ok(row.unwrap_or_default())
}

/// Saves the domain and the watch. A new domain forgets the last scheduled
/// report: the next check starts afresh rather than compare two domains.
pub async fn save_settings(db: &Db, g: &Grant<Administer>, domain: &str, watch: bool, every_days: i64) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO checkup_settings (association_id, domain, watch, every_days) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (association_id) DO UPDATE SET watch = $3, every_days = $4, domain = $2, \
         last_checked_at = CASE WHEN checkup_settings.domain = $2 THEN checkup_settings.last_checked_at END, \
         last_report = CASE WHEN checkup_settings.domain = $2 THEN checkup_settings.last_report END"
    )
    .bind(g.association_id().0)
    .bind(domain)
    .bind(watch)
    .bind(every_days)
    .execute(p)
    .await)?;
    Ok(())
}

/// A check-up run.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Run {
    pub id: i64,
    pub created_at: i64,
    pub created_by: Option<i64>,
    pub created_by_name: Option<String>,
    pub domain: String,
    /// none, running, done.
    pub check_state: String,
    pub check_started_at: Option<i64>,
    /// The automated checks' report (JSON), once done.
    pub report: Option<String>,
    /// How many questions are answered.
    pub answered: i64,
}

const RUN_SELECT: &str = "SELECT r.id, r.created_at, r.created_by, u.display_name AS created_by_name, r.domain, \
     r.check_state, r.check_started_at, r.report, \
     (SELECT COUNT(*) FROM checkup_answers x WHERE x.association_id = r.association_id AND x.run_id = r.id) AS answered \
     FROM checkup_runs r LEFT JOIN users u ON u.id = r.created_by WHERE r.association_id = $1";

/// Every run, newest first.
pub async fn runs(db: &Db, a: AssociationId) -> Result<Vec<Run>> {
    let sql = format!("{RUN_SELECT} ORDER BY r.id DESC");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?)
}

/// One run.
pub async fn run(db: &Db, a: AssociationId, id: i64) -> Result<Option<Run>> {
    let sql = format!("{RUN_SELECT} AND r.id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// The run before `id` (to compare with), if any.
pub async fn previous_run(db: &Db, a: AssociationId, id: i64) -> Result<Option<Run>> {
    let sql = format!("{RUN_SELECT} AND r.id < $2 ORDER BY r.id DESC LIMIT 1");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// Starts a run; its automated checks are `running` when a domain is given.
pub async fn create_run(db: &Db, g: &Grant<TeamWork>, domain: &str, now: i64) -> Result<i64> {
    let a = g.association_id().0;
    let state = if domain.is_empty() { "none" } else { "running" };
    let started = (!domain.is_empty()).then_some(now);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "checkup_runs", 1);
        sqlx::query(
            "INSERT INTO checkup_runs (association_id, id, created_at, created_by, domain, check_state, check_started_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a)
        .bind(id)
        .bind(now)
        .bind(g.actor().map(|u| u.0))
        .bind(domain)
        .bind(state)
        .bind(started)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Stores the report of a running check; false if the run is not running.
pub async fn finish_check(db: &Db, a: AssociationId, id: i64, report: &str) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE checkup_runs SET check_state = 'done', report = $3 \
         WHERE association_id = $1 AND id = $2 AND check_state = 'running'"
    )
    .bind(a.0)
    .bind(id)
    .bind(report)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// Starts the automated checks of a run again (after an interruption);
/// false if it has no domain or is running since after `stale_before`.
pub async fn restart_check(db: &Db, g: &Grant<TeamWork>, id: i64, stale_before: i64, now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE checkup_runs SET check_state = 'running', check_started_at = $4, report = NULL \
         WHERE association_id = $1 AND id = $2 AND domain <> '' \
         AND (check_state <> 'running' OR check_started_at < $3)"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(stale_before)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// An answer as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Answer {
    pub question: String,
    pub answer: String,
    pub answered_by: Option<i64>,
    pub answered_by_name: Option<String>,
    pub answered_at: i64,
}

/// A run's answers, by question.
pub async fn answers(db: &Db, a: AssociationId, run: i64) -> Result<Vec<Answer>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT x.question, x.answer, x.answered_by, u.display_name AS answered_by_name, x.answered_at \
         FROM checkup_answers x LEFT JOIN users u ON u.id = x.answered_by \
         WHERE x.association_id = $1 AND x.run_id = $2 ORDER BY x.question"
    )
    .bind(a.0)
    .bind(run)
    .fetch_all(p)
    .await)?)
}

/// Sets a run's answers to `answers`: a changed or new answer is recorded as
/// given by this person now; an unchanged one keeps its author; one left
/// empty is removed. `None` if there is no such run; else how many changed.
pub async fn save_answers(
    db: &Db,
    g: &Grant<TeamWork>,
    run: i64,
    answers: &BTreeMap<String, String>,
    now: i64,
) -> Result<Option<usize>> {
    let a = g.association_id().0;
    let by = g.actor().map(|u| u.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT id FROM checkup_runs WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(run)
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_none() {
            return Ok(None);
        }
        let before: Vec<(String, String)> =
            sqlx::query_as("SELECT question, answer FROM checkup_answers WHERE association_id = $1 AND run_id = $2")
                .bind(a)
                .bind(run)
                .fetch_all(&mut *tx)
                .await?;
        let before: BTreeMap<String, String> = before.into_iter().collect();
        let mut changed = 0;
        for question in before.keys().filter(|q| !answers.contains_key(*q)) {
            sqlx::query("DELETE FROM checkup_answers WHERE association_id = $1 AND run_id = $2 AND question = $3")
                .bind(a)
                .bind(run)
                .bind(question)
                .execute(&mut *tx)
                .await?;
            changed += 1;
        }
        for (question, answer) in answers.iter().filter(|(q, ans)| before.get(*q) != Some(*ans)) {
            sqlx::query(
                "INSERT INTO checkup_answers (association_id, run_id, question, answer, answered_by, answered_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (association_id, run_id, question) \
                 DO UPDATE SET answer = $4, answered_by = $5, answered_at = $6",
            )
            .bind(a)
            .bind(run)
            .bind(question)
            .bind(answer)
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            changed += 1;
        }
        tx.commit().await?;
        Ok(Some(changed))
    })
}

/// A domain to re-check: its association, the domain, the last report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    pub association: AssociationId,
    pub domain: String,
    pub last_report: Option<String>,
}

/// Domains watched whose re-check is due at `now` (`all`: every watched
/// domain, due or not, for the host operator's batch).
pub async fn watched(db: &Db, now: i64, all: bool) -> Result<Vec<Watched>> {
    let rows: Vec<(i64, String, Option<String>)> = on_db!(db, |p| sqlx::query_as(
        "SELECT association_id, domain, last_report FROM checkup_settings WHERE watch AND domain <> '' \
         AND ($2 OR last_checked_at IS NULL OR last_checked_at + every_days * 86400 <= $1) ORDER BY association_id"
    )
    .bind(now)
    .bind(all)
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(a, domain, last_report)| Watched { association: AssociationId(a), domain, last_report })
        .collect())
}

/// Keeps a scheduled check's report, if the domain is still the one watched.
pub async fn record_watch(db: &Db, a: AssociationId, domain: &str, checked_at: i64, report: &str) -> Result<bool> {
    let n = exec!(db, |p| {
        sqlx::query(
        "UPDATE checkup_settings SET last_checked_at = $3, last_report = $4 WHERE association_id = $1 AND domain = $2"
    )
    .bind(a.0)
    .bind(domain)
    .bind(checked_at)
    .bind(report)
    .execute(p)
    .await
    })?;
    Ok(n == 1)
}

/// Queues an alert's mails and records it, in one transaction; false (and
/// nothing queued) if this alert was already sent.
pub async fn queue_alert(
    db: &Db,
    a: AssociationId,
    alert: &str,
    mails: &[(String, String, String)],
    now: i64,
) -> Result<bool> {
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let n = sqlx::query(
            "INSERT INTO checkup_alerts (association_id, alert, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(a.0)
        .bind(alert)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        for (to, subject, body) in mails {
            sqlx::query(
                "INSERT INTO mail_queue (recipient, subject, body_text, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(to)
            .bind(subject)
            .bind(body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// The alerts sent, newest first.
pub async fn alerts(db: &Db, a: AssociationId) -> Result<Vec<(String, i64)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT alert, sent_at FROM checkup_alerts WHERE association_id = $1 ORDER BY sent_at DESC, alert"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}
