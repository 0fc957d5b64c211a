//! Handovers (passations): the office changing hands, its checklist, and
//! when each step was done and by whom.

use crate::{Db, Result};
use domain::handover::Planned;
use domain::{AssociationId, Grant, HandoverId, KeepRegistry, UserId};

/// A handover with the names of the people involved.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HandoverRow {
    pub id: i64,
    pub office: String,
    pub leaving_user: i64,
    pub leaving_name: String,
    pub incoming_user: Option<i64>,
    pub incoming_name: Option<String>,
    pub started_by_name: Option<String>,
    pub started_at: i64,
    pub completed_at: Option<i64>,
    pub notes: String,
    pub steps: i64,
    pub steps_done: i64,
}

const SELECT: &str = "SELECT h.id, h.office, h.leaving_user, lu.display_name AS leaving_name, h.incoming_user, \
     iu.display_name AS incoming_name, su.display_name AS started_by_name, h.started_at, h.completed_at, h.notes, \
     (SELECT COUNT(*) FROM handover_steps s WHERE s.association_id = h.association_id AND s.handover_id = h.id) AS steps, \
     (SELECT COUNT(*) FROM handover_steps s WHERE s.association_id = h.association_id AND s.handover_id = h.id \
      AND s.done_at IS NOT NULL) AS steps_done \
     FROM handovers h JOIN users lu ON lu.id = h.leaving_user LEFT JOIN users iu ON iu.id = h.incoming_user \
     LEFT JOIN users su ON su.id = h.started_by";

/// The handovers, latest first.
pub async fn list(db: &Db, a: AssociationId) -> Result<Vec<HandoverRow>> {
    let sql = format!("{SELECT} WHERE h.association_id = $1 ORDER BY h.started_at DESC, h.id DESC");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?)
}

/// One handover.
pub async fn get(db: &Db, a: AssociationId, id: HandoverId) -> Result<Option<HandoverRow>> {
    let sql = format!("{SELECT} WHERE h.association_id = $1 AND h.id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id.0).fetch_optional(p).await)?)
}

/// A step of the checklist, with who ticked it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StepRow {
    pub position: i64,
    pub kind: String,
    pub account_id: Option<i64>,
    pub subject: String,
    pub done_at: Option<i64>,
    pub done_by_name: Option<String>,
    pub note: String,
}

/// The checklist, in order.
pub async fn steps(db: &Db, a: AssociationId, id: HandoverId) -> Result<Vec<StepRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT s.position, s.kind, s.account_id, s.subject, s.done_at, u.display_name AS done_by_name, s.note \
         FROM handover_steps s LEFT JOIN users u ON u.id = s.done_by \
         WHERE s.association_id = $1 AND s.handover_id = $2 ORDER BY s.position"
    )
    .bind(a.0)
    .bind(id.0)
    .fetch_all(p)
    .await)?)
}

/// Why a handover could not start.
#[derive(Debug, PartialEq, Eq)]
pub enum StartRefused {
    /// The leaving or incoming person is not in the team.
    NotInTeam,
}

/// Starts a handover with its checklist. Both people must be in the team
/// (the leaving person is still, until the handover ends).
pub async fn start(
    db: &Db,
    g: &Grant<KeepRegistry>,
    office: &str,
    leaving: UserId,
    incoming: Option<UserId>,
    plan: &[Planned],
    now: i64,
) -> Result<std::result::Result<HandoverId, StartRefused>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        // The id first (a refusal rolls it back).
        let id = next_ids!(&mut *tx, a, "handovers", 1);
        for person in std::iter::once(leaving).chain(incoming) {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT user_id FROM memberships WHERE association_id = $1 AND user_id = $2")
                    .bind(a)
                    .bind(person.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if found.is_none() {
                return Ok(Err(StartRefused::NotInTeam));
            }
        }
        sqlx::query(
            "INSERT INTO handovers (association_id, id, office, leaving_user, incoming_user, started_by, started_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a)
        .bind(id)
        .bind(office)
        .bind(leaving.0)
        .bind(incoming.map(|u| u.0))
        .bind(g.actor().map(|u| u.0))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        for (position, step) in (1i64..).zip(plan) {
            sqlx::query(
                "INSERT INTO handover_steps (association_id, handover_id, position, kind, account_id, subject) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(a)
            .bind(id)
            .bind(position)
            .bind(step.step.code())
            .bind(step.account.map(|acc| acc.0))
            .bind(&step.subject)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Ok(HandoverId(id)))
    })
}

/// Ticks (or unticks) a step of an open handover, with a note; false if
/// there is no such step or the handover is closed.
pub async fn mark_step(
    db: &Db,
    g: &Grant<KeepRegistry>,
    id: HandoverId,
    position: i64,
    done: bool,
    note: &str,
    now: i64,
) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE handover_steps SET done_at = $4, done_by = $5, note = $6 \
         WHERE association_id = $1 AND handover_id = $2 AND position = $3 AND EXISTS \
         (SELECT 1 FROM handovers h WHERE h.association_id = $1 AND h.id = $2 AND h.completed_at IS NULL)"
    )
    .bind(g.association_id().0)
    .bind(id.0)
    .bind(position)
    .bind(done.then_some(now))
    .bind(if done { g.actor().map(|u| u.0) } else { None })
    .bind(note)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// Closes a handover whose steps are all done; false otherwise (or if closed already).
pub async fn complete(db: &Db, g: &Grant<KeepRegistry>, id: HandoverId, notes: &str, now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE handovers SET completed_at = $3, notes = $4 WHERE association_id = $1 AND id = $2 \
         AND completed_at IS NULL AND NOT EXISTS (SELECT 1 FROM handover_steps s WHERE s.association_id = $1 \
         AND s.handover_id = $2 AND s.done_at IS NULL)"
    )
    .bind(g.association_id().0)
    .bind(id.0)
    .bind(now)
    .bind(notes)
    .execute(p)
    .await)?;
    Ok(n == 1)
}
