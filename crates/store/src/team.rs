//! The association's team: who belongs, with which role, and invitations.

use crate::{Db, Error, Result};
use domain::{Administer, AssociationId, Grant, HostOperator, Membership, Role, UserId};

/// A person's membership of `a`, read for the session's authorisation.
pub async fn membership(db: &Db, a: AssociationId, user: UserId) -> Result<Option<Membership>> {
    let role: Option<String> =
        on_db!(db, |p| sqlx::query_scalar("SELECT role FROM memberships WHERE association_id = $1 AND user_id = $2")
            .bind(a.0)
            .bind(user.0)
            .fetch_optional(p)
            .await)?;
    Ok(role.and_then(|r| Role::from_code(&r)).map(|role| Membership { association_id: a, user_id: user, role }))
}

/// The team's size and the pending invitations, for the dashboard.
pub async fn summary(db: &Db, a: AssociationId, now: i64) -> Result<(i64, i64)> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM memberships WHERE association_id = $1), \
         (SELECT COUNT(*) FROM invitations WHERE association_id = $1 AND accepted_at IS NULL AND expires_at > $2)"
    )
    .bind(a.0)
    .bind(now)
    .fetch_one(p)
    .await)?)
}

/// Adds the first administrator (or any person) as the host operator.
pub async fn add_by_host(
    db: &Db,
    _host: &HostOperator,
    a: AssociationId,
    user: UserId,
    role: Role,
    now: i64,
) -> Result<()> {
    insert(db, a, user, role, now).await
}

async fn insert(db: &Db, a: AssociationId, user: UserId, role: Role, now: i64) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO memberships (association_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (association_id, user_id) DO UPDATE SET role = excluded.role"
    )
    .bind(a.0)
    .bind(user.0)
    .bind(role.code())
    .bind(now)
    .execute(p)
    .await)?;
    Ok(())
}

/// One person of the team.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamMember {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub totp_enabled: bool,
    pub created_at: i64,
}

/// The team, by name.
pub async fn list(db: &Db, a: AssociationId) -> Result<Vec<TeamMember>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.display_name, m.role, u.totp_enabled, m.created_at \
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.association_id = $1 \
         ORDER BY lower(u.display_name), u.id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// Why a team change was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum TeamRefusal {
    NotInTeam,
    LastAdministrator,
}

/// Changes a person's role; never leaves the association without an administrator.
pub async fn set_role(
    db: &Db,
    g: &Grant<Administer>,
    user: UserId,
    role: Role,
) -> Result<std::result::Result<(), TeamRefusal>> {
    change(db, g, user, Some(role)).await
}

/// Removes a person from the team; never the last administrator.
pub async fn remove(db: &Db, g: &Grant<Administer>, user: UserId) -> Result<std::result::Result<(), TeamRefusal>> {
    change(db, g, user, None).await
}

async fn change(
    db: &Db,
    g: &Grant<Administer>,
    user: UserId,
    role: Option<Role>,
) -> Result<std::result::Result<(), TeamRefusal>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let current: Option<String> =
            sqlx::query_scalar("SELECT role FROM memberships WHERE association_id = $1 AND user_id = $2")
                .bind(a)
                .bind(user.0)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(current) = current else {
            return Ok(Err(TeamRefusal::NotInTeam));
        };
        if current == Role::Administrator.code() && role != Some(Role::Administrator) {
            let admins: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM memberships WHERE association_id = $1 AND role = 'administrator'",
            )
            .bind(a)
            .fetch_one(&mut *tx)
            .await?;
            if admins <= 1 {
                return Ok(Err(TeamRefusal::LastAdministrator));
            }
        }
        match role {
            Some(r) => {
                sqlx::query("UPDATE memberships SET role = $3 WHERE association_id = $1 AND user_id = $2")
                    .bind(a)
                    .bind(user.0)
                    .bind(r.code())
                    .execute(&mut *tx)
                    .await?
            }
            None => {
                sqlx::query("DELETE FROM memberships WHERE association_id = $1 AND user_id = $2")
                    .bind(a)
                    .bind(user.0)
                    .execute(&mut *tx)
                    .await?
            }
        };
        tx.commit().await?;
        Ok::<_, Error>(Ok(()))
    })
}

/// An invitation to join the team.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Invitation {
    pub association_id: i64,
    pub id: i64,
    pub email: String,
    pub role: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}

/// Records an invitation whose secret token hashes to `token_hash`.
pub async fn invite(
    db: &Db,
    g: &Grant<Administer>,
    email: &str,
    role: Role,
    token_hash: &str,
    now: i64,
    expires_at: i64,
) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "invitations", 1);
        sqlx::query(
            "INSERT INTO invitations (association_id, id, email, role, token_hash, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(a)
        .bind(id)
        .bind(email)
        .bind(role.code())
        .bind(token_hash)
        .bind(g.user_id().0)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

const INVITATION_COLUMNS: &str = "association_id, id, email, role, created_at, expires_at, accepted_at";

/// The invitation of `a` whose token hashes to `token_hash`.
pub async fn invitation_by_token(db: &Db, a: AssociationId, token_hash: &str) -> Result<Option<Invitation>> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE association_id = $1 AND token_hash = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(token_hash).fetch_optional(p).await)?)
}

/// Invitations not yet accepted and not expired, newest first.
pub async fn pending_invitations(db: &Db, a: AssociationId, now: i64) -> Result<Vec<Invitation>> {
    let sql = format!(
        "SELECT {INVITATION_COLUMNS} FROM invitations WHERE association_id = $1 AND accepted_at IS NULL \
         AND expires_at > $2 ORDER BY id DESC"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(now).fetch_all(p).await)?)
}

/// Accepts an invitation once: marks it and adds the person with its role.
/// False if it was already used or has expired meanwhile.
pub async fn accept_invitation(db: &Db, a: AssociationId, id: i64, user: UserId, now: i64) -> Result<bool> {
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let role: Option<String> = sqlx::query_scalar(
            "UPDATE invitations SET accepted_at = $3 WHERE association_id = $1 AND id = $2 \
             AND accepted_at IS NULL AND expires_at > $3 RETURNING role",
        )
        .bind(a.0)
        .bind(id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(role) = role else { return Ok(false) };
        sqlx::query(
            "INSERT INTO memberships (association_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (association_id, user_id) DO NOTHING",
        )
        .bind(a.0)
        .bind(user.0)
        .bind(&role)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok::<_, Error>(true)
    })
}

/// Withdraws a pending invitation (it expires at once).
pub async fn revoke_invitation(db: &Db, g: &Grant<Administer>, id: i64, now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE invitations SET expires_at = $3 WHERE association_id = $1 AND id = $2 AND accepted_at IS NULL"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(n == 1)
}
