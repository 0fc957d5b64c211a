use domain::{HostOperator, Role};
use store::{Db, associations, audit, backup, team, users};
use testkit::{Backend, migrated};

async fn sample(db: &Db) {
    let host = HostOperator::console();
    let a = associations::create(db, &host, "amis", "Les Amis du Préau", 1).await.unwrap();
    let u = users::create(db, "ana@amis.example", "Ana", Some("$argon2id$x"), 1).await.unwrap();
    team::add_by_host(db, &host, a, u, Role::Administrator, 1).await.unwrap();
    users::set_pending_totp(db, u, &[0, 1, 2, 255]).await.unwrap();
    audit::record(db, a, Some(u), "setup", "é ✓ \"quoted\"", 2).await.unwrap();
}

async fn export(db: &Db) -> String {
    let mut out = Vec::new();
    backup::export(db, &mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

async fn round_trip(from: Backend, to: Backend) {
    let source = migrated(from).await;
    sample(&source).await;
    let dump = export(&source).await;
    let target = migrated(to).await;
    let rows = backup::import(&target, dump.as_bytes()).await.unwrap();
    assert!(rows >= 5);
    assert_eq!(export(&target).await, dump, "{from:?} → {to:?} restores every row as it was");
    // New rows still get fresh ids after a restore.
    users::create(&target, "new@amis.example", "New", None, 3).await.unwrap();
    // Restoring again over live data is refused.
    let err = backup::import(&target, dump.as_bytes()).await.unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_to_postgres() {
    round_trip(Backend::Sqlite, Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_to_sqlite() {
    round_trip(Backend::Postgres, Backend::Sqlite).await;
}

testkit::both_backends!(a_malformed_backup_changes_nothing, |db: Db| async move {
    let source = migrated(Backend::Sqlite).await;
    sample(&source).await;
    let dump = export(&source).await;
    // Corrupt the last line: the first tables are valid, so an import that
    // wrote as it parsed would leave rows behind.
    let broken = format!("{}[1, \"unterminated\n", dump);
    let err = backup::import(&db, broken.as_bytes()).await.unwrap_err();
    assert!(err.to_string().contains("line"), "{err}");
    assert!(backup::is_empty(&db).await.unwrap());
    let err = backup::import(&db, "{\"hello\": 1}\n".as_bytes()).await.unwrap_err();
    assert!(err.to_string().contains("not a Préau backup"), "{err}");
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vacuum_into_copies_a_live_sqlite_database() {
    let db = migrated(Backend::Sqlite).await;
    sample(&db).await;
    let path = std::env::temp_dir().join(format!("preau-vacuum-{}.sqlite", testkit::random_hex(6)));
    backup::vacuum_into(&db, &path).await.unwrap();
    let copy = Db::connect(&format!("sqlite:{}", path.display())).await.unwrap();
    assert_eq!(export(&copy).await, export(&db).await);
    assert!(backup::vacuum_into(&db, &path).await.is_err(), "never overwrites");
}
