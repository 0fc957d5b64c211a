//! The access registry: outside accounts, their holders, the registry's
//! settings and the reminders sent about them.

use crate::{Db, Result};
use domain::access::{Account, Due, Kind, TwoFactor};
use domain::{AccessAccountId, AssociationId, Date, Grant, KeepRegistry, UserId};

/// An account as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub kind: String,
    pub service: String,
    pub address: String,
    pub login: String,
    pub two_factor: String,
    pub recovery: String,
    pub critical: bool,
    pub expires_on: Option<String>,
    pub verified_on: Option<String>,
    pub vault_entry_id: Option<i64>,
    pub notes: String,
    pub updated_at: i64,
}

impl AccountRow {
    /// The account as the rules see it (unknown codes read as the safest guess).
    pub fn account(&self) -> Account {
        Account {
            kind: Kind::from_code(&self.kind).unwrap_or(Kind::Other),
            service: self.service.clone(),
            address: self.address.clone(),
            login: self.login.clone(),
            two_factor: TwoFactor::from_code(&self.two_factor).unwrap_or(TwoFactor::Unknown),
            recovery: self.recovery.clone(),
            critical: self.critical,
            expires_on: self.expires_on.as_deref().and_then(Date::parse_iso),
            verified_on: self.verified_on.as_deref().and_then(Date::parse_iso),
            notes: self.notes.clone(),
            vault_entry: self.vault_entry_id,
        }
    }
}

const COLUMNS: &str = "id, kind, service, address, login, two_factor, recovery, critical, expires_on, verified_on, \
                       vault_entry_id, notes, updated_at";

/// The registry: critical accounts first, then by kind and service.
pub async fn list(db: &Db, a: AssociationId) -> Result<Vec<AccountRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM access_accounts WHERE association_id = $1 ORDER BY critical DESC, kind, lower(service), id"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?)
}

/// One account.
pub async fn get(db: &Db, a: AssociationId, id: AccessAccountId) -> Result<Option<AccountRow>> {
    let sql = format!("SELECT {COLUMNS} FROM access_accounts WHERE association_id = $1 AND id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id.0).fetch_optional(p).await)?)
}

/// Every (account, holder) pair of the association, in account order.
pub async fn holders(db: &Db, a: AssociationId) -> Result<Vec<(i64, UserId)>> {
    let rows: Vec<(i64, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT account_id, user_id FROM access_holders WHERE association_id = $1 ORDER BY account_id, user_id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    Ok(rows.into_iter().map(|(acc, u)| (acc, UserId(u))).collect())
}

/// The holders of one account.
pub async fn holders_of(db: &Db, a: AssociationId, id: AccessAccountId) -> Result<Vec<UserId>> {
    let rows: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT user_id FROM access_holders WHERE association_id = $1 AND account_id = $2 ORDER BY user_id"
    )
    .bind(a.0)
    .bind(id.0)
    .fetch_all(p)
    .await)?;
    Ok(rows.into_iter().map(UserId).collect())
}

/// The accounts a person holds.
pub async fn held_by(db: &Db, a: AssociationId, user: UserId) -> Result<Vec<AccountRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM access_accounts WHERE association_id = $1 AND id IN \
         (SELECT account_id FROM access_holders WHERE association_id = $1 AND user_id = $2) \
         ORDER BY critical DESC, kind, lower(service), id"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(user.0).fetch_all(p).await)?)
}

/// Binds an account to a statement numbered as both writes number it: $1
/// the association, $2 the account's id, $3 to $12 its fields, $13 the
/// time, $14 its vault entry.
macro_rules! account_statement {
    ($sql:expr, ($a:expr, $id:expr, $account:expr, $now:expr)) => {{
        let account: &Account = $account;
        sqlx::query($sql)
            .bind($a)
            .bind($id)
            .bind(account.kind.code())
            .bind(&account.service)
            .bind(&account.address)
            .bind(&account.login)
            .bind(account.two_factor.code())
            .bind(&account.recovery)
            .bind(account.critical)
            .bind(account.expires_on.map(|d| d.to_string()))
            .bind(account.verified_on.map(|d| d.to_string()))
            .bind(&account.notes)
            .bind($now)
            .bind(account.vault_entry)
    }};
}

/// Adds a holder ($3) to an account ($2) if they are in the team, or if
/// `$4` says they already held it (someone who left stays listed until
/// handed over); a holder named twice is added once.
const ADD_HOLDER: &str = "INSERT INTO access_holders (association_id, account_id, user_id) \
     SELECT $1, $2, id FROM users WHERE id = $3 AND ($4 OR EXISTS \
     (SELECT 1 FROM memberships WHERE association_id = $1 AND user_id = $3)) ON CONFLICT DO NOTHING";

/// Adds an account; holders outside the team are ignored.
pub async fn create(
    db: &Db,
    g: &Grant<KeepRegistry>,
    account: &Account,
    holders: &[UserId],
    now: i64,
) -> Result<AccessAccountId> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "access_accounts", 1);
        account_statement!(
            "INSERT INTO access_accounts (association_id, id, kind, service, address, login, two_factor, recovery, \
             critical, expires_on, verified_on, notes, vault_entry_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14, $13, $13)",
            (a, id, account, now)
        )
        .execute(&mut *tx)
        .await?;
        for h in holders {
            sqlx::query(ADD_HOLDER).bind(a).bind(id).bind(h.0).bind(false).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(AccessAccountId(id))
    })
}

/// Corrects an account and sets its holders: people of the team, and those
/// who already held it (a former member stays until unticked); false if
/// there is no such account.
pub async fn update(
    db: &Db,
    g: &Grant<KeepRegistry>,
    id: AccessAccountId,
    account: &Account,
    holders: &[UserId],
    now: i64,
) -> Result<bool> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let n = account_statement!(
            "UPDATE access_accounts SET kind = $3, service = $4, address = $5, login = $6, two_factor = $7, \
             recovery = $8, critical = $9, expires_on = $10, verified_on = $11, notes = $12, updated_at = $13, \
             vault_entry_id = $14 WHERE association_id = $1 AND id = $2",
            (a, id.0, account, now)
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        let before: Vec<i64> =
            sqlx::query_scalar("SELECT user_id FROM access_holders WHERE association_id = $1 AND account_id = $2")
                .bind(a)
                .bind(id.0)
                .fetch_all(&mut *tx)
                .await?;
        sqlx::query("DELETE FROM access_holders WHERE association_id = $1 AND account_id = $2")
            .bind(a)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        for h in holders {
            let kept = before.contains(&h.0);
            sqlx::query(ADD_HOLDER).bind(a).bind(id.0).bind(h.0).bind(kept).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// Hands an account from one person to another (a handover step): the
/// newcomer holds it, the leaving person no longer does.
pub async fn hand_over(
    db: &Db,
    g: &Grant<KeepRegistry>,
    id: AccessAccountId,
    from: UserId,
    to: Option<UserId>,
    now: i64,
) -> Result<()> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        sqlx::query("DELETE FROM access_holders WHERE association_id = $1 AND account_id = $2 AND user_id = $3")
            .bind(a)
            .bind(id.0)
            .bind(from.0)
            .execute(&mut *tx)
            .await?;
        if let Some(to) = to {
            sqlx::query(
                "INSERT INTO access_holders (association_id, account_id, user_id) \
                 SELECT $1, acc.id, m.user_id FROM access_accounts acc JOIN memberships m \
                 ON m.association_id = acc.association_id AND m.user_id = $3 \
                 WHERE acc.association_id = $1 AND acc.id = $2 ON CONFLICT DO NOTHING",
            )
            .bind(a)
            .bind(id.0)
            .bind(to.0)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE access_accounts SET updated_at = $3 WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(id.0)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    })
}

/// Records that someone checked the account still works today.
pub async fn mark_verified(
    db: &Db,
    g: &Grant<KeepRegistry>,
    id: AccessAccountId,
    today: Date,
    now: i64,
) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE access_accounts SET verified_on = $3, updated_at = $4 WHERE association_id = $1 AND id = $2"
    )
    .bind(g.association_id().0)
    .bind(id.0)
    .bind(today.to_string())
    .bind(now)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// Removes an account, its holders and the record of its reminders.
pub async fn delete(db: &Db, g: &Grant<KeepRegistry>, id: AccessAccountId) -> Result<bool> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        for table in ["access_holders", "access_reminders"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE association_id = $1 AND account_id = $2"
            )))
            .bind(a)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        }
        let n = sqlx::query("DELETE FROM access_accounts WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(id.0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n == 1)
    })
}

/// The registry's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The association's own mail domains.
    pub domains: Vec<String>,
    /// Whether expiry and verification reminders are emailed.
    pub reminders: bool,
}

/// The settings (reminders on, no domain, until saved).
pub async fn settings(db: &Db, a: AssociationId) -> Result<Settings> {
    let row: Option<(String, bool)> =
        on_db!(db, |p| sqlx::query_as("SELECT domains, reminders FROM access_settings WHERE association_id = $1")
            .bind(a.0)
            .fetch_optional(p)
            .await)?;
    Ok(match row {
        Some((domains, reminders)) => {
            Settings { domains: domains.split(',').filter(|d| !d.is_empty()).map(str::to_string).collect(), reminders }
        }
        None => Settings { domains: Vec::new(), reminders: true },
    })
}

/// Saves the settings.
pub async fn save_settings(db: &Db, g: &Grant<KeepRegistry>, s: &Settings) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO access_settings (association_id, domains, reminders) VALUES ($1, $2, $3) \
         ON CONFLICT (association_id) DO UPDATE SET domains = $2, reminders = $3"
    )
    .bind(g.association_id().0)
    .bind(s.domains.join(","))
    .bind(s.reminders)
    .execute(p)
    .await)?;
    Ok(())
}

/// A reminder to queue: its mails go out with the record, or not at all.
pub struct Reminder<'a> {
    pub account: AccessAccountId,
    pub due: Due,
    pub due_on: Date,
    /// (recipient, subject, body) for each person told.
    pub mails: &'a [(String, String, String)],
}

/// Queues a reminder's mails and records it, in one transaction; false (and
/// nothing queued) if this account, subject and date was already reminded.
pub async fn queue_reminder(db: &Db, a: AssociationId, r: &Reminder<'_>, now: i64) -> Result<bool> {
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let n = sqlx::query(
            "INSERT INTO access_reminders (association_id, account_id, due, due_on, sent_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(a.0)
        .bind(r.account.0)
        .bind(r.due.code())
        .bind(r.due_on.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        for (to, subject, body) in r.mails {
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

/// Associations that keep a registry and want its reminders.
pub async fn associations_with_reminders(db: &Db) -> Result<Vec<AssociationId>> {
    let ids: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT DISTINCT acc.association_id FROM access_accounts acc LEFT JOIN access_settings s \
         ON s.association_id = acc.association_id WHERE s.reminders IS NULL OR s.reminders ORDER BY 1"
    )
    .fetch_all(p)
    .await)?;
    Ok(ids.into_iter().map(AssociationId).collect())
}

/// People who hold an account but are no longer in the team, with their names.
pub async fn former_holders(db: &Db, a: AssociationId) -> Result<Vec<(UserId, String)>> {
    let rows: Vec<(i64, String)> = on_db!(db, |p| sqlx::query_as(
        "SELECT DISTINCT u.id, u.display_name FROM access_holders h JOIN users u ON u.id = h.user_id \
         WHERE h.association_id = $1 AND NOT EXISTS \
         (SELECT 1 FROM memberships m WHERE m.association_id = $1 AND m.user_id = h.user_id) ORDER BY u.id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    Ok(rows.into_iter().map(|(id, name)| (UserId(id), name)).collect())
}
