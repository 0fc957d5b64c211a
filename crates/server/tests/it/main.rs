//! The `preau` binary from the outside: commands, exit codes, messages.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use testkit::{Backend, fresh_database_url, random_hex};

mod books;
mod checkup;
mod export;
mod import;

fn data_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("preau-cli-{}", random_hex(6)));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn preau(dir: &Path, db: Option<&str>, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_preau"));
    cmd.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default()).env("PREAU_LOG", "warn");
    cmd.arg("--data-dir").arg(dir);
    if let Some(url) = db {
        cmd.arg("--database-url").arg(url);
    }
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_is_bilingual() {
    let o = Command::new(env!("CARGO_BIN_EXE_preau")).arg("--help").output().unwrap();
    let text = out(&o);
    assert!(text.contains("Démarre le serveur") && text.contains("start the web server"), "{text}");
    let o = Command::new(env!("CARGO_BIN_EXE_preau")).args(["admin", "create-user", "--help"]).output().unwrap();
    assert!(out(&o).contains("--password-stdin"));
}

#[test]
fn an_unreachable_database_is_a_clear_error_not_a_panic() {
    let dir = data_dir();
    let o = preau(&dir, Some("postgres://postgres:secret@127.0.0.1:1/nothing"), &["check"], None);
    assert!(!o.status.success());
    let e = err(&o);
    assert!(e.contains("base de données inaccessible") && e.contains("cannot open the database"), "{e}");
    assert!(!e.contains("secret"), "the password is not printed: {e}");
    assert!(!e.contains("panicked"), "{e}");
}

#[test]
fn a_malformed_config_names_file_line_and_key() {
    let dir = data_dir();
    let cfg = dir.join("preau.toml");
    std::fs::write(&cfg, "listen = \"127.0.0.1:9999\"\n\nlisten_port = 8080\n").unwrap();
    let o = preau(&dir, None, &["check"], None);
    assert!(!o.status.success());
    let e = err(&o);
    assert!(e.contains(&format!("{}:3", cfg.display())) && e.contains("listen_port"), "{e}");
    std::fs::write(&cfg, "listen = [oops\n").unwrap();
    let e = err(&preau(&dir, None, &["check"], None));
    assert!(e.contains(&format!("{}:1", cfg.display())), "{e}");
}

fn admin_flow(db: Option<&str>) {
    let dir = data_dir();
    let o = preau(&dir, db, &["admin", "create-association", "--name", "Les Amis du Préau"], None);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(out(&o).trim(), "les-amis-du-preau");
    let o = preau(&dir, db, &["admin", "create-association", "--name", "Autre", "--slug", "les-amis-du-preau"], None);
    assert!(!o.status.success() && err(&o).contains("already taken"));
    let o = preau(
        &dir,
        db,
        &[
            "admin",
            "create-user",
            "--association",
            "les-amis-du-preau",
            "--email",
            "ana@amis.test",
            "--role",
            "boss",
            "--password-stdin",
        ],
        Some("long enough password\n"),
    );
    assert!(!o.status.success() && err(&o).contains("administrator"), "{}", err(&o));
    let o = preau(
        &dir,
        db,
        &[
            "admin",
            "create-user",
            "--association",
            "les-amis-du-preau",
            "--email",
            "ana@amis.test",
            "--role",
            "administrator",
            "--password-stdin",
        ],
        Some("short\n"),
    );
    assert!(!o.status.success() && err(&o).contains("12"), "{}", err(&o));
    let o = preau(
        &dir,
        db,
        &[
            "admin",
            "create-user",
            "--association",
            "les-amis-du-preau",
            "--email",
            "Ana@Amis.test",
            "--role",
            "administrator",
            "--password-stdin",
        ],
        Some("long enough password\n"),
    );
    assert!(o.status.success(), "{}", err(&o));
    let o = preau(&dir, db, &["admin", "list-associations"], None);
    assert!(out(&o).contains("les-amis-du-preau\tLes Amis du Préau\t1 people"), "{}", out(&o));
    let o = preau(&dir, db, &["admin", "reset-password", "--email", "ana@amis.test"], None);
    assert!(out(&o).contains("/password/reset/"), "{}", out(&o));
    let o = preau(&dir, db, &["check"], None);
    assert!(o.status.success() && out(&o).contains("database: reachable"), "{}", err(&o));
}

#[test]
fn admin_commands_on_sqlite() {
    admin_flow(None);
}

#[tokio::test]
async fn admin_commands_on_postgres() {
    let url = fresh_database_url(Backend::Postgres).await;
    tokio::task::spawn_blocking(move || admin_flow(Some(&url))).await.unwrap();
}

fn seeded(db: Option<&str>) -> PathBuf {
    let dir = data_dir();
    assert!(
        preau(&dir, db, &["admin", "create-association", "--name", "Club", "--slug", "club"], None).status.success()
    );
    let o = preau(
        &dir,
        db,
        &[
            "admin",
            "create-user",
            "--association",
            "club",
            "--email",
            "a@club.test",
            "--role",
            "treasurer",
            "--password-stdin",
        ],
        Some("long enough password\n"),
    );
    assert!(o.status.success());
    dir
}

#[tokio::test]
async fn backup_and_restore_across_backends_and_never_over_live_data() {
    let pg = fresh_database_url(Backend::Postgres).await;
    let pg2 = fresh_database_url(Backend::Postgres).await;
    tokio::task::spawn_blocking(move || {
        // SQLite → VACUUM INTO copy → restored into a new SQLite data folder.
        let src = seeded(None);
        let copy = src.join("copy.sqlite");
        let o = preau(&src, None, &["backup", "--out", copy.to_str().unwrap()], None);
        assert!(o.status.success(), "{}", err(&o));
        assert!(
            !preau(&src, None, &["backup", "--out", copy.to_str().unwrap()], None).status.success(),
            "never overwrites"
        );
        let fresh = data_dir();
        let o = preau(&fresh, None, &["restore", copy.to_str().unwrap()], None);
        assert!(o.status.success(), "{}", err(&o));
        assert!(out(&preau(&fresh, None, &["admin", "list-associations"], None)).contains("club\tClub\t1 people"));
        // The same copy into PostgreSQL.
        let o = preau(&fresh, Some(&pg), &["restore", copy.to_str().unwrap()], None);
        assert!(o.status.success(), "{}", err(&o));
        assert!(out(&preau(&fresh, Some(&pg), &["admin", "list-associations"], None)).contains("club\tClub\t1 people"));
        // PostgreSQL → portable export → another PostgreSQL database and a SQLite one.
        let dump = fresh.join("pg.jsonl");
        assert!(preau(&fresh, Some(&pg), &["backup", "--out", dump.to_str().unwrap()], None).status.success());
        assert!(preau(&fresh, Some(&pg2), &["restore", dump.to_str().unwrap()], None).status.success());
        let other = data_dir();
        assert!(preau(&other, None, &["restore", dump.to_str().unwrap()], None).status.success());
        assert!(out(&preau(&other, None, &["admin", "list-associations"], None)).contains("club\tClub\t1 people"));
        // Restoring over live data is refused and changes nothing.
        assert!(preau(&src, None, &["admin", "create-association", "--name", "Second"], None).status.success());
        let o = preau(&src, None, &["restore", dump.to_str().unwrap()], None);
        assert!(!o.status.success());
        assert!(err(&o).contains("already holds data"), "{}", err(&o));
        let list = out(&preau(&src, None, &["admin", "list-associations"], None));
        assert_eq!(list.lines().count(), 2, "{list}");
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn a_newer_schema_is_refused() {
    let url = fresh_database_url(Backend::Postgres).await;
    let dir = data_dir();
    assert!(preau(&dir, Some(&url), &["migrate"], None).status.success());
    testkit::pretend_newer_schema(&store::Db::connect(&url).await.unwrap()).await;
    let url2 = url.clone();
    let o = tokio::task::spawn_blocking(move || preau(&dir, Some(&url2), &["serve", "--listen", "127.0.0.1:0"], None))
        .await
        .unwrap();
    assert!(!o.status.success());
    assert!(err(&o).contains("newer than this program"), "{}", err(&o));
}

#[test]
fn first_start_prints_a_setup_link_that_works() {
    let dir = data_dir();
    let port = testkit::smtp::free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_preau"))
        .args(["serve", "--listen", &format!("127.0.0.1:{port}"), "--data-dir"])
        .arg(&dir)
        .env("PREAU_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    assert!(first.contains(&format!("http://127.0.0.1:{port}")), "{first}");
    lines.next();
    let link = lines.next().unwrap().unwrap().trim().to_string();
    assert!(link.starts_with(&format!("http://127.0.0.1:{port}/setup/")), "{link}");
    let path = link.trim_start_matches(&format!("http://127.0.0.1:{port}"));
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("Installer Préau"));
    assert!(dir.join("server.key").exists() && dir.join("preau.sqlite").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(dir.join("server.key")).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[tokio::test]
async fn upgrading_a_sqlite_database_backs_it_up_first() {
    let dir = data_dir();
    let url = format!("sqlite:{}", dir.join("preau.sqlite").display());
    let db = store::Db::connect(&url).await.unwrap();
    store::migrate::run_to(&db, 1, 1).await.unwrap();
    db.close().await;
    let d = dir.clone();
    let o = tokio::task::spawn_blocking(move || preau(&d, None, &["migrate"], None)).await.unwrap();
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains(&format!("version 1 → {}", store::migrate::program_version())), "{}", out(&o));
    let backups: Vec<_> = std::fs::read_dir(dir.join("backups")).unwrap().collect();
    assert_eq!(backups.len(), 1, "one copy taken before the upgrade");
    let copy = store::Db::connect(&format!("sqlite:{}", backups[0].as_ref().unwrap().path().display())).await.unwrap();
    assert_eq!(store::migrate::database_version(&copy).await.unwrap(), 1, "the copy is the old schema");
    let d = dir.clone();
    let o = tokio::task::spawn_blocking(move || preau(&d, None, &["check"], None)).await.unwrap();
    assert!(o.status.success(), "{}", err(&o));
}
