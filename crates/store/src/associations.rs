//! Associations (tenants): creation by the host operator, settings, logo.

use crate::{Db, Result};
use domain::settings::{Module, Settings};
use domain::{Administer, AssociationId, Grant, HostOperator};

/// An association as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Association {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub address: String,
    pub siren: Option<String>,
    pub rna: Option<String>,
    pub contact_email: Option<String>,
    pub fiscal_year_start_month: i64,
    pub modules: String,
    pub created_at: i64,
}

impl Association {
    /// The typed id.
    pub fn id(&self) -> AssociationId {
        AssociationId(self.id)
    }

    /// The modules switched on.
    pub fn modules(&self) -> Vec<Module> {
        Module::split(&self.modules)
    }
}

const COLUMNS: &str =
    "id, slug, name, address, siren, rna, contact_email, fiscal_year_start_month, modules, created_at";

/// Creates an association; `Error::Conflict` if the slug is taken.
pub async fn create(db: &Db, _host: &HostOperator, slug: &str, name: &str, now: i64) -> Result<AssociationId> {
    let modules = Module::join(&[Module::Members, Module::Accounting]);
    let id: i64 = on_db!(db, |p| sqlx::query_scalar(
        "INSERT INTO associations (slug, name, modules, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(slug)
    .bind(name)
    .bind(&modules)
    .bind(now)
    .fetch_one(p)
    .await)?;
    Ok(AssociationId(id))
}

/// One association by id.
pub async fn get(db: &Db, a: AssociationId) -> Result<Option<Association>> {
    let sql = format!("SELECT {COLUMNS} FROM associations WHERE id = $1");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_optional(p).await)?)
}

/// One association by slug (command line and host operator only).
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<Association>> {
    let sql = format!("SELECT {COLUMNS} FROM associations WHERE slug = $1");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(p).await)?)
}

/// How many associations the server hosts.
pub async fn count(db: &Db) -> Result<i64> {
    Ok(on_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM associations").fetch_one(p).await)?)
}

/// An association with its size, for the host operator's page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hosted {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub created_at: i64,
    pub people: i64,
    pub audit_entries: i64,
}

/// Every association with its size, by name.
pub async fn list_hosted(db: &Db, _host: &HostOperator) -> Result<Vec<Hosted>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT a.id, a.slug, a.name, a.created_at, \
           (SELECT COUNT(*) FROM memberships m WHERE m.association_id = a.id) AS people, \
           (SELECT COUNT(*) FROM audit_log l WHERE l.association_id = a.id) AS audit_entries \
         FROM associations a ORDER BY lower(a.name), a.id"
    )
    .fetch_all(p)
    .await)?)
}

/// Saves the settings form.
pub async fn update_settings(db: &Db, g: &Grant<Administer>, s: &Settings) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "UPDATE associations SET name = $2, address = $3, siren = $4, rna = $5, contact_email = $6, \
         fiscal_year_start_month = $7, modules = $8 WHERE id = $1"
    )
    .bind(g.association_id().0)
    .bind(&s.name)
    .bind(&s.address)
    .bind(&s.siren)
    .bind(&s.rna)
    .bind(&s.contact_email)
    .bind(i64::from(s.fiscal_year_start_month))
    .bind(Module::join(&s.modules))
    .execute(p)
    .await)?;
    Ok(())
}

/// Replaces the logo.
pub async fn set_logo(db: &Db, g: &Grant<Administer>, content_type: &str, bytes: &[u8], now: i64) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO association_logos (association_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (association_id) DO UPDATE SET content_type = excluded.content_type, \
         bytes = excluded.bytes, updated_at = excluded.updated_at"
    )
    .bind(g.association_id().0)
    .bind(content_type)
    .bind(bytes)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(())
}

/// The logo's type and bytes, if any.
pub async fn logo(db: &Db, a: AssociationId) -> Result<Option<(String, Vec<u8>)>> {
    Ok(on_db!(db, |p| sqlx::query_as("SELECT content_type, bytes FROM association_logos WHERE association_id = $1")
        .bind(a.0)
        .fetch_optional(p)
        .await)?)
}
