//! Server-side login sessions: the cookie holds a random token, the database
//! only its SHA-256, so a database leak yields no usable session.

use crate::{Db, Result};
use domain::{AssociationId, UserId};

/// A session as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub id: String,
    pub user_id: i64,
    pub current_association: Option<i64>,
    pub second_factor_pending: bool,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user_agent: String,
    pub ip: String,
}

const COLUMNS: &str =
    "id, user_id, current_association, second_factor_pending, created_at, last_seen_at, expires_at, user_agent, ip";

/// What a new session starts with.
pub struct NewSession<'a> {
    pub id: &'a str,
    pub user: UserId,
    pub association: Option<AssociationId>,
    pub second_factor_pending: bool,
    pub now: i64,
    pub expires_at: i64,
    pub user_agent: &'a str,
    pub ip: &'a str,
}

/// Stores a new session.
pub async fn create(db: &Db, s: &NewSession<'_>) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO sessions (id, user_id, current_association, second_factor_pending, created_at, last_seen_at, \
         expires_at, user_agent, ip) VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)"
    )
    .bind(s.id)
    .bind(s.user.0)
    .bind(s.association.map(|a| a.0))
    .bind(s.second_factor_pending)
    .bind(s.now)
    .bind(s.expires_at)
    .bind(s.user_agent)
    .bind(s.ip)
    .execute(p)
    .await)?;
    Ok(())
}

/// The live (unexpired) session with this id.
pub async fn get(db: &Db, id: &str, now: i64) -> Result<Option<Session>> {
    let sql = format!("SELECT {COLUMNS} FROM sessions WHERE id = $1 AND expires_at > $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).bind(now).fetch_optional(p).await)?)
}

/// A live session with its person and, if they still belong to it, the
/// session's current association and their role there: what every page
/// needs, in one query.
pub struct Context {
    pub session: Session,
    pub user: crate::users::User,
    pub current: Option<(domain::Role, crate::associations::Association)>,
}

/// The live session with this id, its person and current association.
pub async fn context(db: &Db, id: &str, now: i64) -> Result<Option<Context>> {
    let row: Option<ContextRow> = on_db!(db, |p| sqlx::query_as(
        "SELECT s.id, s.user_id, s.current_association, s.second_factor_pending, s.created_at, s.last_seen_at, \
         s.expires_at, s.user_agent, s.ip, u.email, u.display_name, u.password_hash, u.locale, u.totp_secret, \
         u.totp_enabled, u.is_host_operator, u.created_at AS user_created_at, m.role, a.slug, a.name, a.address, \
         a.siren, a.rna, a.contact_email, a.fiscal_year_start_month, a.modules, a.created_at AS association_created_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN memberships m ON m.association_id = s.current_association AND m.user_id = s.user_id \
         LEFT JOIN associations a ON a.id = m.association_id \
         WHERE s.id = $1 AND s.expires_at > $2"
    )
    .bind(id)
    .bind(now)
    .fetch_optional(p)
    .await)?;
    Ok(row.map(ContextRow::split))
}

#[derive(sqlx::FromRow)]
struct ContextRow {
    id: String,
    user_id: i64,
    current_association: Option<i64>,
    second_factor_pending: bool,
    created_at: i64,
    last_seen_at: i64,
    expires_at: i64,
    user_agent: String,
    ip: String,
    email: String,
    display_name: String,
    password_hash: Option<String>,
    locale: Option<String>,
    totp_secret: Option<Vec<u8>>,
    totp_enabled: bool,
    is_host_operator: bool,
    user_created_at: i64,
    role: Option<String>,
    slug: Option<String>,
    name: Option<String>,
    address: Option<String>,
    siren: Option<String>,
    rna: Option<String>,
    contact_email: Option<String>,
    fiscal_year_start_month: Option<i64>,
    modules: Option<String>,
    association_created_at: Option<i64>,
}

impl ContextRow {
    fn split(self) -> Context {
        let current = match (self.current_association, self.role.as_deref().and_then(domain::Role::from_code)) {
            (Some(id), Some(role)) => Some((
                role,
                crate::associations::Association {
                    id,
                    slug: self.slug.unwrap_or_default(),
                    name: self.name.unwrap_or_default(),
                    address: self.address.unwrap_or_default(),
                    siren: self.siren,
                    rna: self.rna,
                    contact_email: self.contact_email,
                    fiscal_year_start_month: self.fiscal_year_start_month.unwrap_or(1),
                    modules: self.modules.unwrap_or_default(),
                    created_at: self.association_created_at.unwrap_or_default(),
                },
            )),
            _ => None,
        };
        let user = crate::users::User {
            id: self.user_id,
            email: self.email,
            display_name: self.display_name,
            password_hash: self.password_hash,
            locale: self.locale,
            totp_secret: self.totp_secret,
            totp_enabled: self.totp_enabled,
            is_host_operator: self.is_host_operator,
            created_at: self.user_created_at,
        };
        let session = Session {
            id: self.id,
            user_id: self.user_id,
            current_association: self.current_association,
            second_factor_pending: self.second_factor_pending,
            created_at: self.created_at,
            last_seen_at: self.last_seen_at,
            expires_at: self.expires_at,
            user_agent: self.user_agent,
            ip: self.ip,
        };
        Context { session, user, current }
    }
}

/// Slides the expiry forward; called at most once a minute per session.
pub async fn touch(db: &Db, id: &str, now: i64, expires_at: i64) -> Result<()> {
    exec!(db, |p| sqlx::query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1")
        .bind(id)
        .bind(now)
        .bind(expires_at)
        .execute(p)
        .await)?;
    Ok(())
}

/// Marks the second factor as given.
pub async fn complete_second_factor(db: &Db, id: &str) -> Result<()> {
    exec!(db, |p| sqlx::query("UPDATE sessions SET second_factor_pending = FALSE WHERE id = $1")
        .bind(id)
        .execute(p)
        .await)?;
    Ok(())
}

/// Switches the session to another association (membership checked by the caller).
pub async fn switch_association(db: &Db, id: &str, a: AssociationId) -> Result<()> {
    exec!(db, |p| sqlx::query("UPDATE sessions SET current_association = $2 WHERE id = $1")
        .bind(id)
        .bind(a.0)
        .execute(p)
        .await)?;
    Ok(())
}

/// A person's live sessions, most recent first.
pub async fn list_for_user(db: &Db, user: UserId, now: i64) -> Result<Vec<Session>> {
    let sql =
        format!("SELECT {COLUMNS} FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(user.0).bind(now).fetch_all(p).await)?)
}

/// Ends one of a person's sessions; only their own.
pub async fn revoke(db: &Db, user: UserId, id: &str) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id = $2")
        .bind(user.0)
        .bind(id)
        .execute(p)
        .await)?;
    Ok(n == 1)
}

/// Ends every session of a person but `keep` (after a password change or reset).
pub async fn revoke_others(db: &Db, user: UserId, keep: Option<&str>) -> Result<u64> {
    Ok(exec!(db, |p| sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user.0)
        .bind(keep.unwrap_or(""))
        .execute(p)
        .await)?)
}

/// Forgets expired sessions.
pub async fn prune(db: &Db, now: i64) -> Result<u64> {
    Ok(exec!(db, |p| sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(p).await)?)
}
