use store::schema::{self, Schema};
use testkit::{Backend, migrated};

async fn both() -> (Schema, Schema) {
    let s = migrated(Backend::Sqlite).await;
    let p = migrated(Backend::Postgres).await;
    (schema::describe(&s).await.unwrap(), schema::describe(&p).await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_have_the_same_schema() {
    let (sqlite, postgres) = both().await;
    assert_eq!(sqlite.keys().collect::<Vec<_>>(), postgres.keys().collect::<Vec<_>>(), "same tables");
    for (name, s) in &sqlite {
        let p = &postgres[name];
        assert_eq!(s.columns, p.columns, "columns of {name} (name, type class, nullability)");
        assert_eq!(s.primary_key, p.primary_key, "primary key of {name}");
        assert_eq!(s.uniques, p.uniques, "unique constraints of {name}");
        assert_eq!(s.foreign_keys, p.foreign_keys, "foreign keys of {name}");
        for c in &s.columns {
            assert_ne!(c.class, schema::TypeClass::Other, "{name}.{} has an unportable type", c.name);
        }
    }
    assert!(sqlite.len() >= 10, "the foundation tables exist");
}

/// The tenancy rules that let the database itself keep associations apart
/// (and let a host distribute tables by association_id with Citus).
fn check_tenancy(schema: &Schema) {
    let tenants: Vec<&String> = schema.iter().filter(|(_, t)| t.is_tenant()).map(|(n, _)| n).collect();
    assert!(tenants.len() >= 5, "tenant tables found: {tenants:?}");
    for name in &tenants {
        let t = &schema[*name];
        let col = t.columns.iter().find(|c| c.name == "association_id").unwrap();
        assert!(!col.nullable, "{name}.association_id must be NOT NULL");
        assert!(
            t.primary_key.contains(&"association_id".to_string()),
            "{name}: primary key {:?} lacks association_id",
            t.primary_key
        );
        for u in &t.uniques {
            assert!(u.contains(&"association_id".to_string()), "{name}: unique {u:?} lacks association_id");
        }
        for fk in &t.foreign_keys {
            if schema.get(&fk.table).is_some_and(|r| r.is_tenant()) {
                let pos = fk.columns.iter().position(|c| c == "association_id");
                assert!(
                    pos.is_some_and(|i| fk.references[i] == "association_id"),
                    "{name}: foreign key {fk:?} to a tenant table must match on association_id"
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tenant_keys_include_the_association_on_both_backends() {
    let (sqlite, postgres) = both().await;
    check_tenancy(&sqlite);
    check_tenancy(&postgres);
}

testkit::both_backends!(migrations_are_idempotent_and_refuse_a_newer_schema, |db: store::Db| async move {
    use store::migrate;
    assert_eq!(migrate::run(&db, 1).await.unwrap(), 0, "nothing left to apply");
    assert_eq!(migrate::status(&db).await.unwrap(), migrate::Status::Current);
    let future = migrate::program_version() + 1;
    match &db {
        store::Db::Sqlite(p) => {
            sqlx::query("INSERT INTO schema_migrations VALUES ($1, 'future', 0)")
                .bind(future)
                .execute(p)
                .await
                .unwrap();
        }
        store::Db::Postgres(p) => {
            sqlx::query("INSERT INTO schema_migrations VALUES ($1, 'future', 0)")
                .bind(future)
                .execute(p)
                .await
                .unwrap();
        }
    }
    assert!(matches!(migrate::status(&db).await, Err(store::Error::SchemaTooNew { .. })));
    assert!(migrate::run(&db, 1).await.is_err(), "never migrates a newer schema");
});
