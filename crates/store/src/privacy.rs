//! RGPD: consent purposes and the history of consents, the register of
//! processing activities, retention settings, erasure requests, removing a
//! member's identity (the books keep their payments), and the self-service link.

use crate::{Db, Result};
use domain::privacy::{Activity, Purpose};
use domain::{Administer, AssociationId, Date, Grant, MemberId, UserId};

/// A consent purpose.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PurposeRow {
    pub id: i64,
    pub code: String,
    pub label: String,
    pub text: String,
    pub version: i64,
    pub archived: bool,
}

/// The association's purposes, oldest first.
pub async fn purposes(db: &Db, a: AssociationId) -> Result<Vec<PurposeRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, code, label, text, version, archived FROM consent_purposes WHERE association_id = $1 ORDER BY id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// Adds the default purposes and register activities the association does
/// not have yet (by code; the register only when it is empty). Idempotent.
pub async fn ensure_defaults(
    db: &Db,
    a: AssociationId,
    purposes: &[(&str, Purpose)],
    activities: &[Activity],
    now: i64,
) -> Result<()> {
    let a = a.0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        for (code, purpose) in purposes {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM consent_purposes WHERE association_id = $1 AND code = $2")
                    .bind(a)
                    .bind(code)
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_none() {
                let id = next_ids!(&mut *tx, a, "consent_purposes", 1);
                sqlx::query(
                    "INSERT INTO consent_purposes (association_id, id, code, label, text, version) \
                     VALUES ($1, $2, $3, $4, $5, 1)",
                )
                .bind(a)
                .bind(id)
                .bind(code)
                .bind(&purpose.label)
                .bind(&purpose.text)
                .execute(&mut *tx)
                .await?;
            }
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM processing_activities WHERE association_id = $1")
            .bind(a)
            .fetch_one(&mut *tx)
            .await?;
        if count == 0 {
            for activity in activities {
                let id = next_ids!(&mut *tx, a, "processing_activities", 1);
                insert_activity!(&mut *tx, a, id, activity, now);
            }
        }
        tx.commit().await?;
        Ok(())
    })
}

/// Adds a purpose; `Error::Conflict` if the code is taken.
pub async fn create_purpose(db: &Db, g: &Grant<Administer>, code: &str, purpose: &Purpose) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "consent_purposes", 1);
        sqlx::query(
            "INSERT INTO consent_purposes (association_id, id, code, label, text, version) VALUES ($1, $2, $3, $4, $5, 1)",
        )
        .bind(a)
        .bind(id)
        .bind(code)
        .bind(&purpose.label)
        .bind(&purpose.text)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Changes a purpose; a new text is a new version (earlier consents name the
/// version they agreed to). False if there is no such purpose.
pub async fn update_purpose(
    db: &Db,
    g: &Grant<Administer>,
    id: i64,
    purpose: &Purpose,
    archived: bool,
) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE consent_purposes SET version = version + CASE WHEN text = $4 THEN 0 ELSE 1 END, label = $3, \
         text = $4, archived = $5 WHERE association_id = $1 AND id = $2"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(&purpose.label)
    .bind(&purpose.text)
    .bind(archived)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// Where a member stands on one purpose: their latest answer, if any.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentState {
    pub purpose_id: i64,
    pub code: String,
    pub label: String,
    pub text: String,
    pub version: i64,
    pub granted: Option<bool>,
    pub given_version: Option<i64>,
    pub at: Option<i64>,
    pub source: Option<String>,
}

/// A member's latest answer to each purpose in use.
pub async fn consents_of(db: &Db, a: AssociationId, member: MemberId) -> Result<Vec<ConsentState>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT cp.id AS purpose_id, cp.code, cp.label, cp.text, cp.version, c.granted, c.version AS given_version, \
         c.at, c.source FROM consent_purposes cp \
         LEFT JOIN consents c ON c.association_id = cp.association_id AND c.purpose_id = cp.id AND c.member_id = $2 \
           AND c.id = (SELECT MAX(l.id) FROM consents l WHERE l.association_id = cp.association_id \
             AND l.purpose_id = cp.id AND l.member_id = $2) \
         WHERE cp.association_id = $1 AND NOT cp.archived ORDER BY cp.id"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await)?)
}

/// Records a consent given or withdrawn, at the purpose's current version;
/// false (nothing written) if the member or the purpose is not `a`'s.
pub async fn record_consent(
    db: &Db,
    a: AssociationId,
    member: MemberId,
    purpose: i64,
    granted: bool,
    (source, by): (domain::privacy::Source, Option<UserId>),
    now: i64,
) -> Result<bool> {
    let a = a.0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "consents", 1);
        let n = sqlx::query(
            "INSERT INTO consents (association_id, id, member_id, purpose_id, granted, version, source, at, recorded_by) \
             SELECT $1, $2, m.id, cp.id, $5, cp.version, $6, $7, $8 FROM members m \
             JOIN consent_purposes cp ON cp.association_id = m.association_id \
             WHERE m.association_id = $1 AND m.id = $3 AND cp.id = $4 AND NOT cp.archived",
        )
        .bind(a)
        .bind(id)
        .bind(member.0)
        .bind(purpose)
        .bind(granted)
        .bind(source.code())
        .bind(now)
        .bind(by.map(|u| u.0))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 1 {
            tx.commit().await?;
        }
        Ok(n == 1)
    })
}

/// One answer in a member's consent history.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct ConsentEvent {
    pub label: String,
    pub granted: bool,
    pub version: i64,
    pub source: String,
    pub at: i64,
    pub recorded_by: Option<String>,
}

/// Every consent a member gave or withdrew, newest first.
pub async fn consent_history(db: &Db, a: AssociationId, member: MemberId) -> Result<Vec<ConsentEvent>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT cp.label, c.granted, c.version, c.source, c.at, u.display_name AS recorded_by FROM consents c \
         JOIN consent_purposes cp ON cp.association_id = c.association_id AND cp.id = c.purpose_id \
         LEFT JOIN users u ON u.id = c.recorded_by \
         WHERE c.association_id = $1 AND c.member_id = $2 ORDER BY c.id DESC"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await)?)
}

/// An activity of the register.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActivityRow {
    pub id: i64,
    pub name: String,
    pub purpose: String,
    pub legal_basis: String,
    pub data_subjects: String,
    pub data_categories: String,
    pub recipients: String,
    pub retention: String,
    pub security: String,
    pub updated_at: i64,
}

impl ActivityRow {
    pub fn activity(&self) -> Activity {
        Activity {
            name: self.name.clone(),
            purpose: self.purpose.clone(),
            legal_basis: self.legal_basis.clone(),
            data_subjects: self.data_subjects.clone(),
            data_categories: self.data_categories.clone(),
            recipients: self.recipients.clone(),
            retention: self.retention.clone(),
            security: self.security.clone(),
        }
    }
}

macro_rules! insert_activity {
    ($tx:expr, $a:expr, $id:expr, $act:expr, $now:expr) => {{
        let act: &Activity = $act;
        sqlx::query(
            "INSERT INTO processing_activities (association_id, id, name, purpose, legal_basis, data_subjects, \
             data_categories, recipients, retention, security, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind($a)
        .bind($id)
        .bind(&act.name)
        .bind(&act.purpose)
        .bind(&act.legal_basis)
        .bind(&act.data_subjects)
        .bind(&act.data_categories)
        .bind(&act.recipients)
        .bind(&act.retention)
        .bind(&act.security)
        .bind($now)
        .execute($tx)
        .await?;
    }};
}
use insert_activity;

/// The register, in order of creation.
pub async fn activities(db: &Db, a: AssociationId) -> Result<Vec<ActivityRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, name, purpose, legal_basis, data_subjects, data_categories, recipients, retention, security, \
         updated_at FROM processing_activities WHERE association_id = $1 ORDER BY id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// Adds an activity (`id` none) or replaces one; its id, or `None` if there is no such activity.
pub async fn save_activity(
    db: &Db,
    g: &Grant<Administer>,
    id: Option<i64>,
    act: &Activity,
    now: i64,
) -> Result<Option<i64>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = match id {
            Some(id) => {
                let n = sqlx::query("DELETE FROM processing_activities WHERE association_id = $1 AND id = $2")
                    .bind(a)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if n != 1 {
                    return Ok(None);
                }
                id
            }
            None => next_ids!(&mut *tx, a, "processing_activities", 1),
        };
        insert_activity!(&mut *tx, a, id, act, now);
        tx.commit().await?;
        Ok(Some(id))
    })
}

/// Removes an activity from the register.
pub async fn delete_activity(db: &Db, g: &Grant<Administer>, id: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query("DELETE FROM processing_activities WHERE association_id = $1 AND id = $2")
        .bind(g.association_id().0)
        .bind(id)
        .execute(p)
        .await)?;
    Ok(n == 1)
}

/// The retention rule: years after the last membership, and whether the daily job applies it.
pub async fn retention(db: &Db, a: AssociationId) -> Result<(i64, bool)> {
    let row: Option<(i64, bool)> = on_db!(db, |p| sqlx::query_as(
        "SELECT former_member_years, enabled FROM retention_settings WHERE association_id = $1"
    )
    .bind(a.0)
    .fetch_optional(p)
    .await)?;
    Ok(row.unwrap_or((3, false)))
}

pub async fn save_retention(db: &Db, g: &Grant<Administer>, years: i64, enabled: bool) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO retention_settings (association_id, former_member_years, enabled) VALUES ($1, $2, $3) \
         ON CONFLICT (association_id) DO UPDATE SET former_member_years = $2, enabled = $3"
    )
    .bind(g.association_id().0)
    .bind(years)
    .bind(enabled)
    .execute(p)
    .await)?;
    Ok(())
}

/// Associations whose retention rule is on, with its years.
pub async fn associations_retaining(db: &Db) -> Result<Vec<(AssociationId, i64)>> {
    let rows: Vec<(i64, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT association_id, former_member_years FROM retention_settings WHERE enabled ORDER BY association_id"
    )
    .fetch_all(p)
    .await)?;
    Ok(rows.into_iter().map(|(a, y)| (AssociationId(a), y)).collect())
}

/// Members whose identity is still there and whose last day (memberships,
/// else the record's creation) is before `cutoff`: the retention rule's due.
pub async fn due_for_retention(db: &Db, a: AssociationId, cutoff: Date) -> Result<Vec<MemberId>> {
    let cutoff_seconds = cutoff.days() * 86_400;
    let ids: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT id FROM members WHERE association_id = $1 AND pseudonymised_at IS NULL \
         AND ((paid_until IS NOT NULL AND paid_until < $2) OR (paid_until IS NULL AND created_at < $3)) ORDER BY id"
    )
    .bind(a.0)
    .bind(cutoff.to_string())
    .bind(cutoff_seconds)
    .fetch_all(p)
    .await)?;
    Ok(ids.into_iter().map(MemberId).collect())
}

/// Removes a member's identity, keeping the row and its payments (the books
/// must keep them ten years, balanced): names replaced by the member's
/// number, contact details, birth date and notes emptied, search words,
/// categories, household, self-service link and member-only team access
/// removed. False if there is no such member or it was already done.
pub async fn pseudonymise(db: &Db, g: &Grant<Administer>, member: MemberId, now: i64) -> Result<bool> {
    let (a, id) = (g.association_id().0, member.0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let user: Option<Option<i64>> = sqlx::query_scalar(
            "SELECT user_id FROM members WHERE association_id = $1 AND id = $2 AND pseudonymised_at IS NULL",
        )
        .bind(a)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE members SET first_name = '', last_name = $3, email = NULL, phone = NULL, address = '', \
             postal_code = '', city = '', birth_date = NULL, notes = '', pseudonymised_at = $4, updated_at = $4, \
             user_id = NULL WHERE association_id = $1 AND id = $2 AND pseudonymised_at IS NULL",
        )
        .bind(a)
        .bind(id)
        .bind(format!("#{id}"))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let Some(user) = user else { return Ok(false) };
        for sql in [
            "DELETE FROM member_words WHERE association_id = $1 AND member_id = $2",
            "DELETE FROM member_categories WHERE association_id = $1 AND member_id = $2",
            "DELETE FROM households WHERE association_id = $1 AND (member_id = $2 OR payer_id = $2)",
        ] {
            sqlx::query(sql).bind(a).bind(id).execute(&mut *tx).await?;
        }
        if let Some(user) = user {
            sqlx::query("DELETE FROM memberships WHERE association_id = $1 AND user_id = $2 AND role = 'member'")
                .bind(a)
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// An erasure request with the member's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ErasureRow {
    pub id: i64,
    pub member_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub requested_at: i64,
    pub status: String,
    pub decided_at: Option<i64>,
    pub reason: String,
}

/// Asks for a member's erasure; false if one is already pending.
pub async fn request_erasure(
    db: &Db,
    a: AssociationId,
    member: MemberId,
    by: Option<UserId>,
    now: i64,
) -> Result<bool> {
    let a = a.0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let pending: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM erasure_requests WHERE association_id = $1 AND member_id = $2 AND status = 'pending'",
        )
        .bind(a)
        .bind(member.0)
        .fetch_optional(&mut *tx)
        .await?;
        if pending.is_some() {
            return Ok(false);
        }
        let id = next_ids!(&mut *tx, a, "erasure_requests", 1);
        sqlx::query(
            "INSERT INTO erasure_requests (association_id, id, member_id, requested_at, requested_by) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(a)
        .bind(id)
        .bind(member.0)
        .bind(now)
        .bind(by.map(|u| u.0))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// The association's erasure requests, pending first, then the latest decided.
pub async fn erasure_requests(db: &Db, a: AssociationId, member: Option<MemberId>) -> Result<Vec<ErasureRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT r.id, r.member_id, m.first_name, m.last_name, r.requested_at, r.status, r.decided_at, r.reason \
         FROM erasure_requests r JOIN members m ON m.association_id = r.association_id AND m.id = r.member_id \
         WHERE r.association_id = $1 AND ($2 IS NULL OR r.member_id = $2) \
         ORDER BY CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END, r.id DESC LIMIT 200"
    )
    .bind(a.0)
    .bind(member.map(|m| m.0))
    .fetch_all(p)
    .await)?)
}

/// Closes a pending request as done or refused (with the reason); the
/// member concerned, or `None` if there is no such pending request.
pub async fn decide_erasure(
    db: &Db,
    g: &Grant<Administer>,
    id: i64,
    done: bool,
    reason: &str,
    now: i64,
) -> Result<Option<MemberId>> {
    let member: Option<i64> = on_db!(db, |p| sqlx::query_scalar(
        "UPDATE erasure_requests SET status = $3, decided_at = $4, decided_by = $5, reason = $6 \
         WHERE association_id = $1 AND id = $2 AND status = 'pending' RETURNING member_id"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(if done { "done" } else { "refused" })
    .bind(now)
    .bind(g.user_id().0)
    .bind(reason)
    .fetch_optional(p)
    .await)?;
    Ok(member.map(MemberId))
}

/// Proof that a signed-in person holds a member record: what lets them
/// correct it and read it. Only [`member_of_user`] makes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnRecord {
    association: AssociationId,
    member: MemberId,
}

impl OwnRecord {
    pub fn association_id(&self) -> AssociationId {
        self.association
    }
    pub fn member_id(&self) -> MemberId {
        self.member
    }
}

/// The member record of a signed-in person. A person with no linked record
/// is linked, once, to the one record of the association with their email
/// address that no one holds yet (accounts are created from an emailed link,
/// so the address is theirs).
pub async fn member_of_user(db: &Db, a: AssociationId, user: UserId, email: &str) -> Result<Option<OwnRecord>> {
    let own = |id: i64| OwnRecord { association: a, member: MemberId(id) };
    let linked: Option<i64> =
        on_db!(db, |p| sqlx::query_scalar("SELECT id FROM members WHERE association_id = $1 AND user_id = $2")
            .bind(a.0)
            .bind(user.0)
            .fetch_optional(p)
            .await)?;
    if let Some(id) = linked {
        return Ok(Some(own(id)));
    }
    let candidates: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT id FROM members WHERE association_id = $1 AND email = $2 AND user_id IS NULL \
         AND pseudonymised_at IS NULL ORDER BY id LIMIT 2"
    )
    .bind(a.0)
    .bind(email.to_lowercase())
    .fetch_all(p)
    .await)?;
    let [id] = candidates[..] else { return Ok(None) };
    let n = exec!(db, |p| sqlx::query(
        "UPDATE members SET user_id = $3 WHERE association_id = $1 AND id = $2 AND user_id IS NULL"
    )
    .bind(a.0)
    .bind(id)
    .bind(user.0)
    .execute(p)
    .await)?;
    Ok((n == 1).then(|| own(id)))
}

/// Someone in the members' directory.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DirectoryEntry {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub city: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Members whose latest answer to the `directory` purpose is yes, by name.
pub async fn directory(db: &Db, a: AssociationId) -> Result<Vec<DirectoryEntry>> {
    Ok(on_db!(db, |p| {
        sqlx::query_as(
        "SELECT m.id, m.first_name, m.last_name, m.city, m.email, m.phone FROM members m \
         JOIN consent_purposes cp ON cp.association_id = m.association_id AND cp.code = 'directory' AND NOT cp.archived \
         JOIN consents c ON c.association_id = m.association_id AND c.member_id = m.id AND c.purpose_id = cp.id \
         WHERE m.association_id = $1 AND m.pseudonymised_at IS NULL AND c.granted \
         AND c.id = (SELECT MAX(l.id) FROM consents l WHERE l.association_id = m.association_id \
           AND l.member_id = m.id AND l.purpose_id = cp.id) \
         ORDER BY m.last_name, m.first_name, m.id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await
    })?)
}
