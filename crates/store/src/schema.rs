//! Reads the live schema of either backend into one shape, for the schema
//! comparison and tenancy tests and for portable backups.

use crate::{Db, Result};
use std::collections::BTreeMap;

/// A column's type, by class (what the application may rely on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeClass {
    Integer,
    Boolean,
    Text,
    Bytes,
    Other,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub class: TypeClass,
    pub nullable: bool,
}

/// A foreign key: local columns point at `table`'s columns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub table: String,
    pub references: Vec<String>,
}

/// One table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    /// Unique constraints and unique indexes, each a list of columns.
    pub uniques: Vec<Vec<String>>,
    pub foreign_keys: Vec<ForeignKey>,
}

impl Table {
    /// A tenant table carries `association_id`.
    pub fn is_tenant(&self) -> bool {
        self.columns.iter().any(|c| c.name == "association_id")
    }
}

/// Every application table by name (the migrations' own table excluded).
pub type Schema = BTreeMap<String, Table>;

fn class_of(declared: &str) -> TypeClass {
    let t = declared.to_ascii_lowercase();
    if t.contains("int") {
        TypeClass::Integer
    } else if t.contains("bool") {
        TypeClass::Boolean
    } else if t.contains("text") || t.contains("char") {
        TypeClass::Text
    } else if t.contains("blob") || t.contains("bytea") {
        TypeClass::Bytes
    } else {
        TypeClass::Other
    }
}

/// Reads the schema.
pub async fn describe(db: &Db) -> Result<Schema> {
    match db {
        Db::Sqlite(p) => describe_sqlite(p).await,
        Db::Postgres(p) => describe_postgres(p).await,
    }
}

async fn describe_sqlite(p: &sqlx::SqlitePool) -> Result<Schema> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> 'schema_migrations' ORDER BY name",
    )
    .fetch_all(p)
    .await?;
    let mut schema = Schema::new();
    for name in names {
        let mut t = Table::default();
        let cols: Vec<(String, String, bool, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1) ORDER BY cid")
                .bind(&name)
                .fetch_all(p)
                .await?;
        let mut pk: Vec<(i64, String)> = Vec::new();
        for (col, ty, notnull, pk_pos) in cols {
            if pk_pos > 0 {
                pk.push((pk_pos, col.clone()));
            }
            // SQLite lets an INTEGER PRIMARY KEY be NULL on paper; it is the rowid, never NULL.
            let nullable = !notnull && pk_pos == 0;
            t.columns.push(Column { name: col, class: class_of(&ty), nullable });
        }
        pk.sort();
        t.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        let indexes: Vec<(String, bool, String)> =
            sqlx::query_as("SELECT name, \"unique\", origin FROM pragma_index_list($1) ORDER BY name")
                .bind(&name)
                .fetch_all(p)
                .await?;
        for (index, unique, origin) in indexes {
            if !unique || origin == "pk" {
                continue;
            }
            let cols: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&index)
                .fetch_all(p)
                .await?;
            t.uniques.push(cols);
        }
        let fks: Vec<(i64, String, String, Option<String>)> =
            sqlx::query_as("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list($1) ORDER BY id, seq")
                .bind(&name)
                .fetch_all(p)
                .await?;
        let mut grouped: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        for (id, table, from, to) in fks {
            let fk = grouped.entry(id).or_insert_with(|| ForeignKey {
                columns: vec![],
                table: table.clone(),
                references: vec![],
            });
            fk.columns.push(from);
            // An omitted target column means the target's primary key (always `id` here).
            fk.references.push(to.unwrap_or_else(|| "id".into()));
        }
        t.foreign_keys = grouped.into_values().collect();
        t.foreign_keys.sort();
        t.uniques.sort();
        schema.insert(name, t);
    }
    Ok(schema)
}

/// A primary key, unique or foreign-key constraint as PostgreSQL lists it.
#[derive(sqlx::FromRow)]
struct ConstraintRow {
    table_name: String,
    kind: String,
    columns: Vec<String>,
    ref_table: Option<String>,
    ref_columns: Vec<String>,
}

async fn describe_postgres(p: &sqlx::PgPool) -> Result<Schema> {
    let cols: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.data_type::text, c.is_nullable::text \
         FROM information_schema.columns c JOIN information_schema.tables t \
           ON t.table_name = c.table_name AND t.table_schema = c.table_schema \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
           AND c.table_name <> 'schema_migrations' ORDER BY c.table_name, c.ordinal_position",
    )
    .fetch_all(p)
    .await?;
    let mut schema = Schema::new();
    for (table, col, ty, nullable) in cols {
        schema.entry(table).or_default().columns.push(Column {
            name: col,
            class: class_of(&ty),
            nullable: nullable == "YES",
        });
    }
    // Constraints with their columns in key order; unique indexes that are not constraints too.
    let cons: Vec<ConstraintRow> = sqlx::query_as(
        "SELECT cl.relname::text AS table_name, co.contype::text AS kind, \
           ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(n, i) \
                 JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns, \
           rc.relname::text AS ref_table, \
           COALESCE(ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(n, i) \
                 JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.i), '{}') AS ref_columns \
         FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid \
         JOIN pg_namespace ns ON ns.oid = cl.relnamespace LEFT JOIN pg_class rc ON rc.oid = co.confrelid \
         WHERE ns.nspname = current_schema() AND co.contype IN ('p', 'u', 'f') ORDER BY cl.relname, co.conname",
    )
    .fetch_all(p)
    .await?;
    for c in cons {
        let Some(t) = schema.get_mut(&c.table_name) else { continue };
        match c.kind.as_str() {
            "p" => t.primary_key = c.columns,
            "u" => t.uniques.push(c.columns),
            _ => t.foreign_keys.push(ForeignKey {
                columns: c.columns,
                table: c.ref_table.unwrap_or_default(),
                references: c.ref_columns,
            }),
        }
    }
    let idx: Vec<(String, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, ARRAY(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(n, i) \
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.i) \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid \
         JOIN pg_namespace ns ON ns.oid = t.relnamespace \
         WHERE ns.nspname = current_schema() AND ix.indisunique AND NOT ix.indisprimary \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)",
    )
    .fetch_all(p)
    .await?;
    for (table, columns) in idx {
        if let Some(t) = schema.get_mut(&table) {
            t.uniques.push(columns);
        }
    }
    schema.remove("schema_migrations");
    for t in schema.values_mut() {
        t.uniques.sort();
        t.foreign_keys.sort();
    }
    Ok(schema)
}

/// Tables in an order where every table comes after those it references.
pub fn dependency_order(schema: &Schema) -> Vec<String> {
    let mut done: Vec<String> = Vec::new();
    while done.len() < schema.len() {
        let before = done.len();
        for (name, t) in schema {
            if done.contains(name) {
                continue;
            }
            if t.foreign_keys.iter().all(|fk| fk.table == *name || done.contains(&fk.table)) {
                done.push(name.clone());
            }
        }
        if done.len() == before {
            // A cycle: keep the remaining tables in name order rather than loop forever.
            done.extend(schema.keys().filter(|n| !done.contains(n)).cloned().collect::<Vec<_>>());
        }
    }
    done
}
