//! Backups and restores.
//!
//! * SQLite: `VACUUM INTO` makes an online, consistent copy of the live file.
//! * Any backend: a portable export, JSON lines, one table after another in
//!   dependency order (`{"preau_backup":1,"schema":N}` then
//!   `{"table":T,"columns":[..]}` then one JSON array per row; bytes as
//!   `{"b64":".."}`). It restores into either backend.
//!
//! A restore goes only into an empty database: it never overwrites live data.

use crate::schema::{self, Schema, TypeClass};
use crate::{Db, Error, Result, migrate};
use base64::Engine as _;
use serde_json::{Value, json};
use std::io::{BufRead, Write};

const PAGE: i64 = 1000;

/// Copies a live SQLite database to `path` (which must not exist).
pub async fn vacuum_into(db: &Db, path: &std::path::Path) -> Result<()> {
    let Db::Sqlite(p) = db else {
        return Err(Error::Backup("VACUUM INTO is for SQLite only".into()));
    };
    if path.exists() {
        return Err(Error::Backup(format!("{} already exists / existe déjà", path.display())));
    }
    let target = path.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO $1").bind(target).execute(p).await?;
    Ok(())
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// Writes the portable export of every application table to `out`.
pub async fn export(db: &Db, out: &mut impl Write) -> Result<u64> {
    let schema = schema::describe(db).await?;
    let version = migrate::database_version(db).await?;
    let io = |e: std::io::Error| Error::Backup(format!("write failed: {e}"));
    writeln!(out, "{}", json!({"preau_backup": 1, "schema": version})).map_err(io)?;
    let mut rows_written = 0;
    for name in schema::dependency_order(&schema) {
        let table = &schema[&name];
        let columns: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        writeln!(out, "{}", json!({"table": name, "columns": columns})).map_err(io)?;
        let order = if table.primary_key.is_empty() { columns.join(", ") } else { table.primary_key.join(", ") };
        let mut offset = 0;
        loop {
            let sql =
                format!("SELECT {} FROM {name} ORDER BY {order} LIMIT {PAGE} OFFSET {offset}", columns.join(", "));
            let rows = read_rows(db, &sql, table.columns.iter().map(|c| c.class).collect()).await?;
            for r in &rows {
                writeln!(out, "{}", Value::Array(r.clone())).map_err(io)?;
            }
            rows_written += rows.len() as u64;
            if (rows.len() as i64) < PAGE {
                break;
            }
            offset += PAGE;
        }
    }
    out.flush().map_err(io)?;
    Ok(rows_written)
}

async fn read_rows(db: &Db, sql: &str, classes: Vec<TypeClass>) -> Result<Vec<Vec<Value>>> {
    use sqlx::Row;
    let sql = sql.to_string();
    on_db!(db, |p| {
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(p).await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut values = Vec::with_capacity(classes.len());
            for (i, class) in classes.iter().enumerate() {
                let v = match class {
                    TypeClass::Integer => row.try_get::<Option<i64>, _>(i)?.map(Value::from),
                    TypeClass::Boolean => row.try_get::<Option<bool>, _>(i)?.map(Value::from),
                    TypeClass::Bytes => row.try_get::<Option<Vec<u8>>, _>(i)?.map(|b| json!({"b64": b64().encode(b)})),
                    TypeClass::Text | TypeClass::Other => row.try_get::<Option<String>, _>(i)?.map(Value::from),
                };
                values.push(v.unwrap_or(Value::Null));
            }
            out.push(values);
        }
        Ok::<_, Error>(out)
    })
}

/// Whether the database holds any association or account.
pub async fn is_empty(db: &Db) -> Result<bool> {
    let n: i64 = on_db!(db, |p| sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM associations) + (SELECT COUNT(*) FROM users)"
    )
    .fetch_one(p)
    .await)?;
    Ok(n == 0)
}

/// Loads a portable export into `db`, which must be migrated and empty.
/// All or nothing: one transaction. Returns the number of rows.
pub async fn import(db: &Db, input: impl BufRead) -> Result<u64> {
    if !is_empty(db).await? {
        return Err(Error::Backup(
            "the target database is not empty: restore into a new, empty database / \
             la base cible n'est pas vide : restaurez dans une base neuve et vide"
                .into(),
        ));
    }
    let schema = schema::describe(db).await?;
    let program = migrate::program_version();
    let mut lines = input.lines().enumerate();
    let bad = |n: usize, why: &str| {
        Error::Backup(format!("backup line {}: {why} / ligne {} : fichier invalide", n + 1, n + 1))
    };
    let (n0, header) = lines.next().ok_or_else(|| bad(0, "empty file"))?;
    let header: Value =
        serde_json::from_str(&header.map_err(|e| bad(n0, &e.to_string()))?).map_err(|e| bad(n0, &e.to_string()))?;
    if header.get("preau_backup") != Some(&json!(1)) {
        return Err(bad(n0, "not a Préau backup"));
    }
    let version = header.get("schema").and_then(Value::as_i64).unwrap_or(-1);
    if version != program {
        return Err(Error::Backup(format!(
            "the backup has schema version {version}, this program {program}: restore it with the matching preau version, then upgrade"
        )));
    }
    // Parse everything first so a malformed file changes nothing.
    let mut batches: Vec<(String, Vec<String>, Vec<Vec<Value>>)> = Vec::new();
    for (n, line) in lines {
        let line = line.map_err(|e| bad(n, &e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).map_err(|e| bad(n, &e.to_string()))?;
        match v {
            Value::Object(o) => {
                let table = o.get("table").and_then(Value::as_str).ok_or_else(|| bad(n, "table name missing"))?;
                let t = schema.get(table).ok_or_else(|| bad(n, &format!("unknown table {table}")))?;
                let columns: Vec<String> = o
                    .get("columns")
                    .and_then(Value::as_array)
                    .ok_or_else(|| bad(n, "columns missing"))?
                    .iter()
                    .map(|c| c.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(|| bad(n, "bad column list"))?;
                if let Some(c) = columns.iter().find(|c| !t.columns.iter().any(|tc| &tc.name == *c)) {
                    return Err(bad(n, &format!("unknown column {table}.{c}")));
                }
                batches.push((table.to_string(), columns, Vec::new()));
            }
            Value::Array(values) => {
                let (_, columns, rows) = batches.last_mut().ok_or_else(|| bad(n, "row before any table"))?;
                if values.len() != columns.len() {
                    return Err(bad(n, "wrong number of values"));
                }
                rows.push(values);
            }
            _ => return Err(bad(n, "unexpected value")),
        }
    }
    let mut total = 0u64;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        for (table, columns, rows) in &batches {
            let t = &schema[table];
            let classes: Vec<TypeClass> = columns
                .iter()
                .map(|c| t.columns.iter().find(|tc| &tc.name == c).map_or(TypeClass::Other, |tc| tc.class))
                .collect();
            let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
            let sql = format!("INSERT INTO {table} ({}) VALUES ({})", columns.join(", "), placeholders.join(", "));
            for row in rows {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
                for (v, class) in row.iter().zip(&classes) {
                    q = match class {
                        TypeClass::Integer => q.bind(v.as_i64()),
                        TypeClass::Boolean => q.bind(v.as_bool().or_else(|| v.as_i64().map(|i| i != 0))),
                        TypeClass::Bytes => {
                            q.bind(v.get("b64").and_then(Value::as_str).and_then(|s| b64().decode(s).ok()))
                        }
                        TypeClass::Text | TypeClass::Other => q.bind(v.as_str().map(str::to_string)),
                    };
                }
                q.execute(&mut *tx).await?;
                total += 1;
            }
        }
        tx.commit().await
    })?;
    if let Db::Postgres(p) = db {
        reset_identities(p, &schema).await?;
    }
    Ok(total)
}

/// After explicit ids were inserted, moves each identity sequence past them.
async fn reset_identities(p: &sqlx::PgPool, schema: &Schema) -> Result<()> {
    for (name, t) in schema {
        let integer_id = t.columns.iter().any(|c| c.name == "id" && c.class == TypeClass::Integer);
        if t.primary_key == ["id"] && integer_id && !t.is_tenant() {
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await?;
        }
    }
    Ok(())
}
