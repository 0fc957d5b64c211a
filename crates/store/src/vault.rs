//! The end-to-end encrypted vault's storage. Everything here is opaque text
//! made in the browser (public keys, wrapped keys, sealed records, sealed
//! shares); the store checks only who may read or write which row. Holding
//! a collection's key is the real capability: the checks stop a member from
//! overwriting or deleting what they could not read anyway.

use crate::{Db, Result};
use domain::vault::{FileLimits, TooBig};
use domain::{Administer, AssociationId, Date, Grant, KeepRegistry, TeamWork, UserId};

/// A member's keys as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct MemberKeys {
    pub user_id: i64,
    pub name: String,
    pub public_keys: String,
    pub wrapped_keys: String,
}

/// The enrolled people of the team (with their public keys; the wrapped
/// private keys go only to their owner, see [`own_keys`]).
pub async fn members(db: &Db, a: AssociationId) -> Result<Vec<MemberKeys>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT v.user_id, u.display_name AS name, v.public_keys, '' AS wrapped_keys FROM vault_members v \
         JOIN users u ON u.id = v.user_id JOIN memberships m ON m.association_id = v.association_id \
         AND m.user_id = v.user_id WHERE v.association_id = $1 ORDER BY lower(u.display_name), v.user_id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// One's own keys (public and passphrase-wrapped), if enrolled.
pub async fn own_keys(db: &Db, g: &Grant<TeamWork>) -> Result<Option<MemberKeys>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT v.user_id, u.display_name AS name, v.public_keys, v.wrapped_keys FROM vault_members v \
         JOIN users u ON u.id = v.user_id WHERE v.association_id = $1 AND v.user_id = $2"
    )
    .bind(g.association_id().0)
    .bind(g.user_id().0)
    .fetch_optional(p)
    .await)?)
}

/// Enrols a member with new keys; false if already enrolled.
pub async fn enrol(db: &Db, g: &Grant<TeamWork>, public_keys: &str, wrapped_keys: &str, now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "INSERT INTO vault_members (association_id, user_id, public_keys, wrapped_keys, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT DO NOTHING"
    )
    .bind(g.association_id().0)
    .bind(g.user_id().0)
    .bind(public_keys)
    .bind(wrapped_keys)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// Replaces one's wrapped keys after a passphrase change (same public keys).
pub async fn rewrap(db: &Db, g: &Grant<TeamWork>, public_keys: &str, wrapped_keys: &str, now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE vault_members SET wrapped_keys = $4, updated_at = $5 \
         WHERE association_id = $1 AND user_id = $2 AND public_keys = $3"
    )
    .bind(g.association_id().0)
    .bind(g.user_id().0)
    .bind(public_keys)
    .bind(wrapped_keys)
    .bind(now)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// A collection one can open, with its key wrapped for one.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Collection {
    pub id: i64,
    pub sealed_name: String,
    pub key_version: i64,
    pub wrapped_key: String,
    pub recovery_wrapped: Option<String>,
    pub rotate_since: Option<i64>,
}

/// The collections one can open.
pub async fn collections(db: &Db, g: &Grant<TeamWork>) -> Result<Vec<Collection>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT c.id, c.sealed_name, c.key_version, x.wrapped_key, c.recovery_wrapped, c.rotate_since \
         FROM vault_collections c JOIN vault_access x ON x.association_id = c.association_id \
         AND x.collection_id = c.id WHERE c.association_id = $1 AND x.user_id = $2 ORDER BY c.id"
    )
    .bind(g.association_id().0)
    .bind(g.user_id().0)
    .fetch_all(p)
    .await)?)
}

/// Who can open a collection (for the sharing panel), if one can oneself.
pub async fn access_list(db: &Db, g: &Grant<TeamWork>, collection: i64) -> Result<Option<Vec<i64>>> {
    let a = g.association_id().0;
    let users: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT user_id FROM vault_access WHERE association_id = $1 AND collection_id = $2 ORDER BY user_id"
    )
    .bind(a)
    .bind(collection)
    .fetch_all(p)
    .await)?;
    Ok(users.contains(&g.user_id().0).then_some(users))
}

/// An entry as stored (sealed).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Entry {
    pub id: i64,
    pub collection_id: i64,
    pub sealed: String,
    pub version: i64,
    pub key_version: i64,
    pub change_since: Option<i64>,
    pub change_owner: Option<i64>,
    pub change_by: Option<String>,
    pub change_reason: String,
}

const ENTRY: &str = "e.id, e.collection_id, e.sealed, e.version, e.key_version, e.change_since, e.change_owner, \
                     e.change_by, e.change_reason";

/// The entries of every collection one can open.
pub async fn entries(db: &Db, g: &Grant<TeamWork>) -> Result<Vec<Entry>> {
    let sql = format!(
        "SELECT {ENTRY} FROM vault_entries e JOIN vault_access x ON x.association_id = e.association_id \
         AND x.collection_id = e.collection_id WHERE e.association_id = $1 AND x.user_id = $2 ORDER BY e.id"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(g.association_id().0)
        .bind(g.user_id().0)
        .fetch_all(p)
        .await)?)
}

/// Entries marked "to change", whoever can read them (the page lists them
/// by owner and deadline without their sealed content).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ToChange {
    pub id: i64,
    pub collection_id: i64,
    pub change_since: i64,
    pub owner_name: Option<String>,
    pub change_by: Option<String>,
    pub change_reason: String,
}

pub async fn to_change(db: &Db, a: AssociationId) -> Result<Vec<ToChange>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT e.id, e.collection_id, e.change_since, u.display_name AS owner_name, e.change_by, e.change_reason \
         FROM vault_entries e LEFT JOIN users u ON u.id = e.change_owner \
         WHERE e.association_id = $1 AND e.change_since IS NOT NULL ORDER BY e.change_by, e.id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// Reserves `count` ids for collections, entries or files the browser is
/// about to seal (the ids are bound into the ciphertext, so they come first).
pub async fn reserve_ids(db: &Db, g: &Grant<TeamWork>, kind: IdKind, count: i64) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let first = next_ids!(&mut *tx, a, kind.counter(), count);
        tx.commit().await?;
        Ok(first)
    })
}

/// What ids are reserved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Collection,
    Entry,
    File,
}

impl IdKind {
    fn counter(self) -> &'static str {
        match self {
            IdKind::Collection => "vault_collections",
            IdKind::Entry => "vault_entries",
            IdKind::File => "vault_files",
        }
    }
}

/// Why the vault refused a write.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// No such row, or not one this person can open.
    NotFound,
    /// The id was not reserved, or is taken.
    BadId,
    /// Written under an old key or over a newer version: reload and retry.
    Stale,
    /// The person to share with is not an enrolled member of the team.
    NotEnrolled,
    /// A rotation must list every entry and file of the collection and keep its author.
    Incomplete,
    /// A file over the size limit, or over what the association may keep.
    TooBig(TooBig),
}

pub type Outcome<T = ()> = std::result::Result<T, Refused>;

/// The first statement of a vault write: on PostgreSQL it locks the
/// writer's own key row, so one person's writes follow each other (on
/// SQLite `begin_write!` has taken the write lock already).
macro_rules! write_first {
    ($tx:expr, $a:expr, $user:expr) => {
        sqlx::query("UPDATE vault_members SET updated_at = updated_at WHERE association_id = $1 AND user_id = $2")
            .bind($a)
            .bind($user)
            .execute(&mut *$tx)
            .await?;
    };
}

/// Whether `user` is enrolled in the vault and still in the team: the only
/// people a key may be wrapped for.
macro_rules! enrolled_in_team {
    ($tx:expr, $a:expr, $user:expr) => {{
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT v.user_id FROM vault_members v JOIN memberships m ON m.association_id = v.association_id \
             AND m.user_id = v.user_id WHERE v.association_id = $1 AND v.user_id = $2",
        )
        .bind($a)
        .bind($user)
        .fetch_optional(&mut *$tx)
        .await?;
        found.is_some()
    }};
}

/// Whether `id` was reserved from `kind`'s counter.
macro_rules! reserved {
    ($tx:expr, $a:expr, $kind:expr, $id:expr) => {{
        let next: Option<i64> = sqlx::query_scalar("SELECT next FROM counters WHERE association_id = $1 AND name = $2")
            .bind($a)
            .bind($kind.counter())
            .fetch_optional(&mut *$tx)
            .await?;
        next.is_some_and(|n| $id >= 1 && $id <= n)
    }};
}

/// Whether `user` can open `collection`, at which key version.
macro_rules! key_version_for {
    ($tx:expr, $a:expr, $collection:expr, $user:expr) => {{
        let v: Option<i64> = sqlx::query_scalar(
            "SELECT c.key_version FROM vault_collections c JOIN vault_access x ON x.association_id = c.association_id \
             AND x.collection_id = c.id WHERE c.association_id = $1 AND c.id = $2 AND x.user_id = $3",
        )
        .bind($a)
        .bind($collection)
        .bind($user)
        .fetch_optional(&mut *$tx)
        .await?;
        v
    }};
}

/// The collection of an entry `user` can open.
macro_rules! readable_entry {
    ($tx:expr, $a:expr, $entry:expr, $user:expr) => {{
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT e.collection_id FROM vault_entries e JOIN vault_access x \
             ON x.association_id = e.association_id AND x.collection_id = e.collection_id \
             WHERE e.association_id = $1 AND e.id = $2 AND x.user_id = $3",
        )
        .bind($a)
        .bind($entry)
        .bind($user)
        .fetch_optional(&mut *$tx)
        .await?;
        found
    }};
}

/// Locks a collection's row until the transaction ends (a no-op write; on
/// SQLite the write lock is taken already). A rotation takes it before it
/// lists the collection's files, a new file before it checks the key
/// version: on PostgreSQL a file cannot slip in under the old key while the
/// rotation re-seals the others.
macro_rules! lock_collection {
    ($tx:expr, $a:expr, $collection:expr) => {
        sqlx::query("UPDATE vault_collections SET updated_at = updated_at WHERE association_id = $1 AND id = $2")
            .bind($a)
            .bind($collection)
            .execute(&mut *$tx)
            .await?;
    };
}

/// Creates a collection under a reserved id, opened by its creator.
pub async fn create_collection(
    db: &Db,
    g: &Grant<TeamWork>,
    id: i64,
    sealed_name: &str,
    wrapped_key: &str,
    recovery_wrapped: Option<&str>,
    now: i64,
) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        if !reserved!(tx, a, IdKind::Collection, id) {
            return Ok(Err(Refused::BadId));
        }
        let enrolled: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM vault_members WHERE association_id = $1 AND user_id = $2")
                .bind(a)
                .bind(me)
                .fetch_optional(&mut *tx)
                .await?;
        if enrolled.is_none() {
            return Ok(Err(Refused::NotEnrolled));
        }
        let inserted = sqlx::query(
            "INSERT INTO vault_collections (association_id, id, sealed_name, key_version, recovery_wrapped, \
             created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $5, $5) ON CONFLICT DO NOTHING",
        )
        .bind(a)
        .bind(id)
        .bind(sealed_name)
        .bind(recovery_wrapped)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            return Ok(Err(Refused::BadId));
        }
        sqlx::query(
            "INSERT INTO vault_access (association_id, collection_id, user_id, wrapped_key, key_version, granted_by, \
             granted_at) VALUES ($1, $2, $3, $4, 1, $3, $5)",
        )
        .bind(a)
        .bind(id)
        .bind(me)
        .bind(wrapped_key)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// Shares a collection one can open with an enrolled member of the team
/// (its current key, wrapped for them); replaces what they had.
pub async fn share(
    db: &Db,
    g: &Grant<TeamWork>,
    collection: i64,
    user: UserId,
    wrapped_key: &str,
    key_version: i64,
    now: i64,
) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        let Some(current) = key_version_for!(tx, a, collection, me) else { return Ok(Err(Refused::NotFound)) };
        if current != key_version {
            return Ok(Err(Refused::Stale));
        }
        if !enrolled_in_team!(tx, a, user.0) {
            return Ok(Err(Refused::NotEnrolled));
        }
        sqlx::query(
            "INSERT INTO vault_access (association_id, collection_id, user_id, wrapped_key, key_version, granted_by, \
             granted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (association_id, collection_id, user_id) \
             DO UPDATE SET wrapped_key = $4, key_version = $5, granted_by = $6, granted_at = $7",
        )
        .bind(a)
        .bind(collection)
        .bind(user.0)
        .bind(wrapped_key)
        .bind(key_version)
        .bind(me)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// An entry as the browser writes it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct EntryWrite {
    pub id: i64,
    pub collection_id: i64,
    pub sealed: String,
    pub version: i64,
    pub key_version: i64,
    /// The secret was changed: clears a "to change" mark.
    #[serde(default)]
    pub changed: bool,
}

/// Writes an entry: a new one under a reserved id at version 1, or the next
/// version of an existing one (same collection, current key).
pub async fn save_entry(db: &Db, g: &Grant<TeamWork>, e: &EntryWrite, now: i64) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        let Some(current) = key_version_for!(tx, a, e.collection_id, me) else { return Ok(Err(Refused::NotFound)) };
        if current != e.key_version {
            return Ok(Err(Refused::Stale));
        }
        let existing: Option<(i64, i64)> =
            sqlx::query_as("SELECT collection_id, version FROM vault_entries WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(e.id)
                .fetch_optional(&mut *tx)
                .await?;
        match existing {
            None => {
                if e.version != 1 || !reserved!(tx, a, IdKind::Entry, e.id) {
                    return Ok(Err(Refused::BadId));
                }
                sqlx::query(
                    "INSERT INTO vault_entries (association_id, id, collection_id, sealed, version, key_version, \
                     created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6, $6)",
                )
                .bind(a)
                .bind(e.id)
                .bind(e.collection_id)
                .bind(&e.sealed)
                .bind(e.key_version)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            Some((collection, version)) => {
                if collection != e.collection_id {
                    return Ok(Err(Refused::NotFound));
                }
                if e.version != version + 1 {
                    return Ok(Err(Refused::Stale));
                }
                sqlx::query(
                    "UPDATE vault_entries SET sealed = $3, version = $4, key_version = $5, updated_at = $6, \
                     change_since = CASE WHEN $7 THEN NULL ELSE change_since END, \
                     change_owner = CASE WHEN $7 THEN NULL ELSE change_owner END, \
                     change_by = CASE WHEN $7 THEN NULL ELSE change_by END \
                     WHERE association_id = $1 AND id = $2",
                )
                .bind(a)
                .bind(e.id)
                .bind(&e.sealed)
                .bind(e.version)
                .bind(e.key_version)
                .bind(now)
                .bind(e.changed)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// Deletes an entry of a collection one can open, with its files.
pub async fn delete_entry(db: &Db, g: &Grant<TeamWork>, id: i64) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        if readable_entry!(tx, a, id, me).is_none() {
            return Ok(Err(Refused::NotFound));
        }
        for sql in [
            "DELETE FROM vault_file_contents WHERE association_id = $1 AND file_id IN \
             (SELECT id FROM vault_files WHERE association_id = $1 AND entry_id = $2)",
            "DELETE FROM vault_files WHERE association_id = $1 AND entry_id = $2",
            "DELETE FROM vault_entries WHERE association_id = $1 AND id = $2",
        ] {
            sqlx::query(sql).bind(a).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    })
}

// ---- Files ---------------------------------------------------------------------

/// A file attached to an entry, as listed: never its content.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct FileMeta {
    pub id: i64,
    pub entry_id: i64,
    pub collection_id: i64,
    /// Name, media type, size and the file's own key, sealed under the collection key.
    pub sealed_meta: String,
    pub key_version: i64,
    /// Sealed bytes (what the limits count).
    pub size: i64,
    pub created_at: i64,
}

/// The files of every entry one can open, or of one entry.
pub async fn files(db: &Db, g: &Grant<TeamWork>, entry: Option<i64>) -> Result<Vec<FileMeta>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT f.id, f.entry_id, e.collection_id, f.sealed_meta, f.key_version, f.size, f.created_at \
         FROM vault_files f JOIN vault_entries e ON e.association_id = f.association_id AND e.id = f.entry_id \
         JOIN vault_access x ON x.association_id = e.association_id AND x.collection_id = e.collection_id \
         WHERE f.association_id = $1 AND x.user_id = $2 AND ($3 IS NULL OR f.entry_id = $3) ORDER BY f.id"
    )
    .bind(g.association_id().0)
    .bind(g.user_id().0)
    .bind(entry)
    .fetch_all(p)
    .await)?)
}

/// What the association's files take, in sealed bytes.
pub async fn files_used(db: &Db, a: AssociationId) -> Result<i64> {
    Ok(on_db!(db, |p| sqlx::query_scalar(FILES_USED).bind(a.0).fetch_one(p).await)?)
}

const FILES_USED: &str = "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM vault_files WHERE association_id = $1";

/// A file as the browser sends it: its content and metadata sealed.
#[derive(Debug, Clone)]
pub struct NewFile<'a> {
    pub id: i64,
    pub entry_id: i64,
    pub key_version: i64,
    pub sealed_meta: &'a str,
    pub content: &'a [u8],
}

/// Attaches a file under a reserved id to an entry one can open, sealed
/// under the collection's current key; refused whole when it is too big for
/// the file limit or for what the association may keep.
pub async fn add_file(db: &Db, g: &Grant<TeamWork>, f: &NewFile<'_>, limits: &FileLimits, now: i64) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    let size = f.content.len() as i64;
    if let Err(e @ TooBig::File { .. }) = limits.check(size, 0) {
        return Ok(Err(Refused::TooBig(e)));
    }
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        let Some(collection) = readable_entry!(tx, a, f.entry_id, me) else { return Ok(Err(Refused::NotFound)) };
        lock_collection!(tx, a, collection);
        // One file added at a time per association, so two cannot both fit
        // under the total that only one of them fits under.
        sqlx::query("UPDATE counters SET next = next WHERE association_id = $1 AND name = $2")
            .bind(a)
            .bind(IdKind::File.counter())
            .execute(&mut *tx)
            .await?;
        if key_version_for!(tx, a, collection, me) != Some(f.key_version) {
            return Ok(Err(Refused::Stale));
        }
        if !reserved!(tx, a, IdKind::File, f.id) {
            return Ok(Err(Refused::BadId));
        }
        let used: i64 = sqlx::query_scalar(FILES_USED).bind(a).fetch_one(&mut *tx).await?;
        if let Err(e) = limits.check(size, used) {
            return Ok(Err(Refused::TooBig(e)));
        }
        let inserted = sqlx::query(
            "INSERT INTO vault_files (association_id, id, entry_id, sealed_meta, key_version, size, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT DO NOTHING",
        )
        .bind(a)
        .bind(f.id)
        .bind(f.entry_id)
        .bind(f.sealed_meta)
        .bind(f.key_version)
        .bind(size)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            return Ok(Err(Refused::BadId));
        }
        sqlx::query("INSERT INTO vault_file_contents (association_id, file_id, content) VALUES ($1, $2, $3)")
            .bind(a)
            .bind(f.id)
            .bind(f.content)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// The sealed content of a file one can open.
pub async fn file_content(db: &Db, g: &Grant<TeamWork>, id: i64) -> Result<Option<Vec<u8>>> {
    Ok(on_db!(db, |p| sqlx::query_scalar(
        "SELECT b.content FROM vault_file_contents b JOIN vault_files f ON f.association_id = b.association_id \
         AND f.id = b.file_id JOIN vault_entries e ON e.association_id = f.association_id AND e.id = f.entry_id \
         JOIN vault_access x ON x.association_id = e.association_id AND x.collection_id = e.collection_id \
         WHERE b.association_id = $1 AND b.file_id = $2 AND x.user_id = $3"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(g.user_id().0)
    .fetch_optional(p)
    .await)?)
}

/// Deletes a file of an entry one can open.
pub async fn delete_file(db: &Db, g: &Grant<TeamWork>, id: i64) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        let entry: Option<i64> =
            sqlx::query_scalar("SELECT entry_id FROM vault_files WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(entry) = entry else { return Ok(Err(Refused::NotFound)) };
        if readable_entry!(tx, a, entry, me).is_none() {
            return Ok(Err(Refused::NotFound));
        }
        for sql in [
            "DELETE FROM vault_file_contents WHERE association_id = $1 AND file_id = $2",
            "DELETE FROM vault_files WHERE association_id = $1 AND id = $2",
        ] {
            sqlx::query(sql).bind(a).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// A rotation: the collection's new key wrapped for everyone who keeps
/// access (its author included), for the recovery key, and every entry and
/// every file's metadata sealed again under it (a file's content stays: it
/// is under the file's own key, which the metadata carries).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Rotation {
    pub key_version: i64,
    pub sealed_name: String,
    pub recovery_wrapped: Option<String>,
    pub access: Vec<(i64, String)>,
    pub entries: Vec<(i64, String, i64)>,
    /// (file, its metadata sealed again).
    #[serde(default)]
    pub files: Vec<(i64, String)>,
}

/// Rotates a collection's key (after someone lost access): all or nothing.
pub async fn rotate(db: &Db, g: &Grant<TeamWork>, collection: i64, r: &Rotation, now: i64) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        lock_collection!(tx, a, collection);
        let Some(current) = key_version_for!(tx, a, collection, me) else { return Ok(Err(Refused::NotFound)) };
        if r.key_version != current + 1 {
            return Ok(Err(Refused::Stale));
        }
        let mut ids: Vec<(i64, i64)> =
            sqlx::query_as("SELECT id, version FROM vault_entries WHERE association_id = $1 AND collection_id = $2")
                .bind(a)
                .bind(collection)
                .fetch_all(&mut *tx)
                .await?;
        ids.sort_unstable();
        let mut given: Vec<(i64, i64)> = r.entries.iter().map(|(id, _, v)| (*id, v - 1)).collect();
        given.sort_unstable();
        let mut files: Vec<i64> = sqlx::query_scalar(
            "SELECT f.id FROM vault_files f JOIN vault_entries e ON e.association_id = f.association_id \
             AND e.id = f.entry_id WHERE f.association_id = $1 AND e.collection_id = $2",
        )
        .bind(a)
        .bind(collection)
        .fetch_all(&mut *tx)
        .await?;
        files.sort_unstable();
        let mut given_files: Vec<i64> = r.files.iter().map(|(id, _)| *id).collect();
        given_files.sort_unstable();
        if ids != given || files != given_files || !r.access.iter().any(|(u, _)| *u == me) {
            return Ok(Err(Refused::Incomplete));
        }
        sqlx::query("DELETE FROM vault_access WHERE association_id = $1 AND collection_id = $2")
            .bind(a)
            .bind(collection)
            .execute(&mut *tx)
            .await?;
        for (user, wrapped) in &r.access {
            let n = sqlx::query(
                "INSERT INTO vault_access (association_id, collection_id, user_id, wrapped_key, key_version, \
                 granted_by, granted_at) SELECT v.association_id, $2, v.user_id, $4, $5, $6, $7 FROM vault_members v \
                 JOIN memberships m ON m.association_id = v.association_id AND m.user_id = v.user_id \
                 WHERE v.association_id = $1 AND v.user_id = $3",
            )
            .bind(a)
            .bind(collection)
            .bind(user)
            .bind(wrapped)
            .bind(r.key_version)
            .bind(me)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Ok(Err(Refused::NotEnrolled));
            }
        }
        for (id, sealed, version) in &r.entries {
            sqlx::query(
                "UPDATE vault_entries SET sealed = $3, version = $4, key_version = $5, updated_at = $6 \
                 WHERE association_id = $1 AND id = $2",
            )
            .bind(a)
            .bind(id)
            .bind(sealed)
            .bind(version)
            .bind(r.key_version)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        for (id, sealed_meta) in &r.files {
            sqlx::query(
                "UPDATE vault_files SET sealed_meta = $3, key_version = $4, updated_at = $5 \
                 WHERE association_id = $1 AND id = $2",
            )
            .bind(a)
            .bind(id)
            .bind(sealed_meta)
            .bind(r.key_version)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE vault_collections SET key_version = $3, sealed_name = $4, recovery_wrapped = $5, \
             rotate_since = NULL, updated_at = $6 WHERE association_id = $1 AND id = $2",
        )
        .bind(a)
        .bind(collection)
        .bind(r.key_version)
        .bind(&r.sealed_name)
        .bind(r.recovery_wrapped.as_deref())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// Takes a member out of the vault (they left or lost the office): their
/// keys and access go, every collection they could open waits for a key
/// rotation, and every entry in it is marked "to change", owned by `owner`,
/// due by `deadline`. Returns the collections to rotate.
pub async fn revoke(
    db: &Db,
    g: &Grant<KeepRegistry>,
    user: UserId,
    owner: UserId,
    deadline: Date,
    reason: &str,
    now: i64,
) -> Result<Vec<i64>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, user.0);
        let collections: Vec<i64> = sqlx::query_scalar(
            "SELECT collection_id FROM vault_access WHERE association_id = $1 AND user_id = $2 ORDER BY collection_id",
        )
        .bind(a)
        .bind(user.0)
        .fetch_all(&mut *tx)
        .await?;
        for table in ["vault_access", "vault_members"] {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE association_id = $1 AND user_id = $2")))
                .bind(a)
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        }
        for c in &collections {
            sqlx::query(
                "UPDATE vault_collections SET rotate_since = COALESCE(rotate_since, $3) \
                 WHERE association_id = $1 AND id = $2",
            )
            .bind(a)
            .bind(c)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE vault_entries SET change_since = COALESCE(change_since, $3), change_owner = $4, change_by = $5, \
                 change_reason = $6 WHERE association_id = $1 AND collection_id = $2",
            )
            .bind(a)
            .bind(c)
            .bind(now)
            .bind(owner.0)
            .bind(deadline.to_string())
            .bind(reason)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(collections)
    })
}

/// Whether a person is enrolled in the vault.
pub async fn is_enrolled(db: &Db, a: AssociationId, user: UserId) -> Result<bool> {
    let found: Option<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT user_id FROM vault_members WHERE association_id = $1 AND user_id = $2"
    )
    .bind(a.0)
    .bind(user.0)
    .fetch_optional(p)
    .await)?;
    Ok(found.is_some())
}

// ---- Recovery ------------------------------------------------------------------

/// The recovery set-up.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Recovery {
    pub split: i64,
    pub threshold: i64,
    pub delay_hours: i64,
    pub check_blob: String,
    pub public_key: String,
    pub sealed_private: String,
    pub created_at: i64,
}

pub async fn recovery(db: &Db, a: AssociationId) -> Result<Option<Recovery>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT split, threshold, delay_hours, check_blob, public_key, sealed_private, created_at \
         FROM vault_recovery WHERE association_id = $1"
    )
    .bind(a.0)
    .fetch_optional(p)
    .await)?)
}

/// A new recovery split, as the administrator's browser made it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct NewRecovery {
    pub split: i64,
    pub threshold: i64,
    pub delay_hours: i64,
    pub check_blob: String,
    pub public_key: String,
    pub sealed_private: String,
    /// (holder, share sealed to them).
    pub shares: Vec<(i64, String)>,
    /// (collection, its key sealed to the recovery public key).
    pub collections: Vec<(i64, String)>,
}

/// Replaces the recovery set-up: the old shares are worth nothing after
/// (the secret changed). Holders must be enrolled members of the team.
pub async fn set_recovery(db: &Db, g: &Grant<Administer>, r: &NewRecovery, now: i64) -> Result<Outcome> {
    let a = g.association_id().0;
    let n = r.shares.len() as i64;
    if !(2..=n).contains(&r.threshold) || n > 255 || !(1..=24 * 30).contains(&r.delay_hours) {
        return Ok(Err(Refused::Incomplete));
    }
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, g.actor().map_or(0, |u| u.0));
        for (holder, _) in &r.shares {
            if !enrolled_in_team!(tx, a, holder) {
                return Ok(Err(Refused::NotEnrolled));
            }
        }
        sqlx::query("DELETE FROM vault_shares WHERE association_id = $1").bind(a).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO vault_recovery (association_id, split, threshold, delay_hours, check_blob, public_key, \
             sealed_private, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (association_id) DO UPDATE SET split = $2, threshold = $3, delay_hours = $4, \
             check_blob = $5, public_key = $6, sealed_private = $7, created_by = $8, created_at = $9",
        )
        .bind(a)
        .bind(r.split)
        .bind(r.threshold)
        .bind(r.delay_hours)
        .bind(&r.check_blob)
        .bind(&r.public_key)
        .bind(&r.sealed_private)
        .bind(g.actor().map(|u| u.0))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        for (holder, sealed) in &r.shares {
            sqlx::query(
                "INSERT INTO vault_shares (association_id, split, holder, sealed_share) VALUES ($1, $2, $3, $4)",
            )
            .bind(a)
            .bind(r.split)
            .bind(holder)
            .bind(sealed)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("UPDATE vault_collections SET recovery_wrapped = NULL WHERE association_id = $1")
            .bind(a)
            .execute(&mut *tx)
            .await?;
        for (collection, wrapped) in &r.collections {
            sqlx::query("UPDATE vault_collections SET recovery_wrapped = $3 WHERE association_id = $1 AND id = $2")
                .bind(a)
                .bind(collection)
                .bind(wrapped)
                .execute(&mut *tx)
                .await?;
        }
        // Requests made against the old split can never gather its shares again.
        sqlx::query(
            "UPDATE vault_recovery_requests SET cancelled_at = $2 WHERE association_id = $1 \
             AND cancelled_at IS NULL AND completed_at IS NULL",
        )
        .bind(a)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// The holders of the current split, with their names.
pub async fn holders(db: &Db, a: AssociationId) -> Result<Vec<(i64, String)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT s.holder, u.display_name FROM vault_shares s JOIN vault_recovery r \
         ON r.association_id = s.association_id AND r.split = s.split JOIN users u ON u.id = s.holder \
         WHERE s.association_id = $1 ORDER BY lower(u.display_name), s.holder"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// One's own sealed share of the current split.
pub async fn own_share(db: &Db, g: &Grant<TeamWork>) -> Result<Option<(i64, String)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT s.split, s.sealed_share FROM vault_shares s JOIN vault_recovery r \
         ON r.association_id = s.association_id AND r.split = s.split WHERE s.association_id = $1 AND s.holder = $2"
    )
    .bind(g.association_id().0)
    .bind(g.user_id().0)
    .fetch_optional(p)
    .await)?)
}

/// A recovery request with its state.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Request {
    pub id: i64,
    pub split: i64,
    pub requester: i64,
    pub requester_name: String,
    pub request_key: String,
    pub reason: String,
    pub started_at: i64,
    pub opens_at: i64,
    pub cancelled_at: Option<i64>,
    pub cancelled_by_name: Option<String>,
    pub completed_at: Option<i64>,
    pub approvals: i64,
}

const REQUEST: &str = "SELECT q.id, q.split, q.requester, u.display_name AS requester_name, q.request_key, q.reason, \
     q.started_at, q.opens_at, q.cancelled_at, cu.display_name AS cancelled_by_name, q.completed_at, \
     (SELECT COUNT(*) FROM vault_recovery_approvals v WHERE v.association_id = q.association_id \
      AND v.request_id = q.id) AS approvals \
     FROM vault_recovery_requests q JOIN users u ON u.id = q.requester LEFT JOIN users cu ON cu.id = q.cancelled_by";

/// The requests, latest first.
pub async fn requests(db: &Db, a: AssociationId) -> Result<Vec<Request>> {
    let sql = format!("{REQUEST} WHERE q.association_id = $1 ORDER BY q.id DESC");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?)
}

pub async fn request(db: &Db, a: AssociationId, id: i64) -> Result<Option<Request>> {
    let sql = format!("{REQUEST} WHERE q.association_id = $1 AND q.id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// Opens a recovery request for oneself: it opens after the association's
/// delay. `None` when no recovery is set up or one is already pending.
pub async fn open_request(db: &Db, g: &Grant<TeamWork>, reason: &str, now: i64) -> Result<Option<i64>> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        let setup: Option<(i64, i64)> =
            sqlx::query_as("SELECT split, delay_hours FROM vault_recovery WHERE association_id = $1")
                .bind(a)
                .fetch_optional(&mut *tx)
                .await?;
        let key: Option<String> =
            sqlx::query_scalar("SELECT public_keys FROM vault_members WHERE association_id = $1 AND user_id = $2")
                .bind(a)
                .bind(me)
                .fetch_optional(&mut *tx)
                .await?;
        let pending: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM vault_recovery_requests WHERE association_id = $1 AND requester = $2 \
             AND cancelled_at IS NULL AND completed_at IS NULL",
        )
        .bind(a)
        .bind(me)
        .fetch_optional(&mut *tx)
        .await?;
        let (Some((split, delay)), Some(key), None) = (setup, key, pending) else { return Ok(None) };
        let id = next_ids!(&mut *tx, a, "vault_recovery_requests", 1);
        sqlx::query(
            "INSERT INTO vault_recovery_requests (association_id, id, split, requester, request_key, reason, \
             started_at, opens_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(a)
        .bind(id)
        .bind(split)
        .bind(me)
        .bind(&key)
        .bind(reason)
        .bind(now)
        .bind(now + delay * 3600)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some(id))
    })
}

/// Cancels a pending request: any share holder, administrator or the requester may.
pub async fn cancel_request(db: &Db, g: &Grant<TeamWork>, id: i64, now: i64) -> Result<bool> {
    let n = exec!(db, |p| sqlx::query(
        "UPDATE vault_recovery_requests SET cancelled_at = $3, cancelled_by = $4 WHERE association_id = $1 \
         AND id = $2 AND cancelled_at IS NULL AND completed_at IS NULL"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(now)
    .bind(g.user_id().0)
    .execute(p)
    .await)?;
    Ok(n == 1)
}

/// A holder approves: their share, sealed to the requester's key. Only a
/// holder of the request's split, on a pending request, and not one's own.
pub async fn approve(db: &Db, g: &Grant<TeamWork>, id: i64, sealed_share: &str, now: i64) -> Result<Outcome> {
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        write_first!(tx, a, me);
        let ok: Option<i64> = sqlx::query_scalar(
            "SELECT q.id FROM vault_recovery_requests q JOIN vault_shares s ON s.association_id = q.association_id \
             AND s.split = q.split AND s.holder = $3 WHERE q.association_id = $1 AND q.id = $2 \
             AND q.cancelled_at IS NULL AND q.completed_at IS NULL AND q.requester <> $3",
        )
        .bind(a)
        .bind(id)
        .bind(me)
        .fetch_optional(&mut *tx)
        .await?;
        if ok.is_none() {
            return Ok(Err(Refused::NotFound));
        }
        sqlx::query(
            "INSERT INTO vault_recovery_approvals (association_id, request_id, holder, sealed_share, approved_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (association_id, request_id, holder) \
             DO UPDATE SET sealed_share = $4, approved_at = $5",
        )
        .bind(a)
        .bind(id)
        .bind(me)
        .bind(sealed_share)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// What a requester gets once the delay has passed and enough holders
/// approved: the approvals (sealed to them), the recovery set-up and every
/// collection's key sealed to the recovery key. Nothing before.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Opened {
    pub approvals: Vec<(i64, String)>,
    pub recovery: Recovery,
    pub collections: Vec<(i64, i64, String)>,
}

pub async fn opened(db: &Db, g: &Grant<TeamWork>, id: i64, now: i64) -> Result<Option<Opened>> {
    let a = g.association_id();
    let Some(q) = request(db, a, id).await? else { return Ok(None) };
    let Some(recovery) = recovery(db, a).await? else { return Ok(None) };
    let ready = q.requester == g.user_id().0
        && q.cancelled_at.is_none()
        && q.completed_at.is_none()
        && q.split == recovery.split
        && now >= q.opens_at
        && q.approvals >= recovery.threshold;
    if !ready {
        return Ok(None);
    }
    let approvals: Vec<(i64, String)> = on_db!(db, |p| sqlx::query_as(
        "SELECT holder, sealed_share FROM vault_recovery_approvals WHERE association_id = $1 AND request_id = $2 \
         ORDER BY holder"
    )
    .bind(a.0)
    .bind(id)
    .fetch_all(p)
    .await)?;
    let collections: Vec<(i64, i64, String)> = on_db!(db, |p| sqlx::query_as(
        "SELECT id, key_version, recovery_wrapped FROM vault_collections WHERE association_id = $1 \
         AND recovery_wrapped IS NOT NULL ORDER BY id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    Ok(Some(Opened { approvals, recovery, collections }))
}

/// The requester, with an opened request, takes the collections back: each
/// key wrapped for them (at its current version). Closes the request.
pub async fn complete_request(
    db: &Db,
    g: &Grant<TeamWork>,
    id: i64,
    keys: &[(i64, i64, String)],
    now: i64,
) -> Result<Outcome> {
    if opened(db, g, id, now).await?.is_none() {
        return Ok(Err(Refused::NotFound));
    }
    let (a, me) = (g.association_id().0, g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        for (collection, version, wrapped) in keys {
            let n = sqlx::query(
                "INSERT INTO vault_access (association_id, collection_id, user_id, wrapped_key, key_version, \
                 granted_by, granted_at) SELECT association_id, id, $3, $4, key_version, $3, $5 FROM vault_collections \
                 WHERE association_id = $1 AND id = $2 AND key_version = $6 \
                 ON CONFLICT (association_id, collection_id, user_id) DO UPDATE SET wrapped_key = $4, \
                 key_version = $6, granted_by = $3, granted_at = $5",
            )
            .bind(a)
            .bind(collection)
            .bind(me)
            .bind(wrapped)
            .bind(now)
            .bind(version)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                return Ok(Err(Refused::Stale));
            }
        }
        sqlx::query("UPDATE vault_recovery_requests SET completed_at = $3 WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}
