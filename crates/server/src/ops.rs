//! What the commands do, kept apart from argument parsing so tests can call them.

use crate::config::Config;
use std::io::Read;
use std::path::{Path, PathBuf};
use store::Db;
use store::migrate::{self, Status};

/// A failure to report to the person at the console, then exit non-zero.
#[derive(Debug)]
pub struct Failure(pub String);

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<store::Error> for Failure {
    fn from(e: store::Error) -> Self {
        Failure(e.to_string())
    }
}

impl From<crate::config::ConfigError> for Failure {
    fn from(e: crate::config::ConfigError) -> Self {
        Failure(e.0)
    }
}

fn hide_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}

/// Opens the database (creating the data folder for SQLite); a clear message if unreachable.
pub async fn connect(config: &Config) -> Result<Db, Failure> {
    std::fs::create_dir_all(&config.data_dir).map_err(|e| {
        Failure(format!(
            "{}: cannot create the data folder / dossier des données impossible à créer: {e}",
            config.data_dir.display()
        ))
    })?;
    Db::connect(&config.database_url).await.map_err(|e| {
        Failure(format!(
            "cannot open the database {} / base de données inaccessible: {e}",
            hide_password(&config.database_url)
        ))
    })
}

/// Opens the database and brings its schema up to date. On SQLite, an
/// existing database is first copied to `DATA_DIR/backups/`.
pub async fn open_migrated(config: &Config) -> Result<Db, Failure> {
    let db = connect(config).await?;
    if let Status::Behind(from) = migrate::status(&db).await? {
        if from > 0 && matches!(db, Db::Sqlite(_)) {
            let dir = config.data_dir.join("backups");
            std::fs::create_dir_all(&dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
            let path = dir.join(format!("preau-before-v{}-{}.sqlite", migrate::program_version(), web::now()));
            store::backup::vacuum_into(&db, &path).await?;
            tracing::info!(path = %path.display(), "backup taken before upgrading the schema");
        }
        migrate::run(&db, web::now()).await?;
    }
    Ok(db)
}

/// Opens the database and refuses an out-of-date schema (for commands that do not migrate).
pub async fn open_current(config: &Config) -> Result<Db, Failure> {
    let db = connect(config).await?;
    match migrate::status(&db).await? {
        Status::Current => Ok(db),
        Status::Behind(v) => Err(Failure(format!(
            "the database schema is at version {v}, this program expects {}: run `preau migrate` / lancez `preau migrate`",
            migrate::program_version()
        ))),
    }
}

/// Reads the server key from the data folder, creating it on first start.
pub fn server_key(data_dir: &Path) -> Result<web::ServerKey, Failure> {
    let path = data_dir.join("server.key");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let k = web::crypto::random_bytes(32);
            write_private(&path, &k)?;
            tracing::info!(path = %path.display(), "server key created: back it up with the database");
            k
        }
        Err(e) => return Err(Failure(format!("{}: {e}", path.display()))),
    };
    let key: [u8; 32] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| Failure(format!("{}: expected 32 bytes / la clé doit faire 32 octets", path.display())))?;
    Ok(web::ServerKey::from_bytes(&key))
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    f.write_all(bytes).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

/// When no association exists yet, makes a new one-time setup link (older ones expire).
pub async fn setup_link(db: &Db, public_url: &str) -> Result<Option<String>, Failure> {
    if store::associations::count(db).await? > 0 {
        return Ok(None);
    }
    let t = web::now();
    store::tokens::expire_all(db, store::tokens::Purpose::Setup, None, t).await?;
    let token = web::crypto::token();
    store::tokens::create(db, &web::crypto::token_hash(&token), store::tokens::Purpose::Setup, None, t, t + 86_400)
        .await?;
    Ok(Some(format!("{public_url}/setup/{token}")))
}

/// `preau backup --out FILE`.
pub async fn backup(db: &Db, out: &Path, portable: bool) -> Result<String, Failure> {
    if out.exists() {
        return Err(Failure(format!("{} already exists: choose another name / existe déjà", out.display())));
    }
    if matches!(db, Db::Sqlite(_)) && !portable {
        store::backup::vacuum_into(db, out).await?;
        return Ok(format!("SQLite copy written to {} / copie écrite", out.display()));
    }
    let file = std::fs::File::create(out).map_err(|e| Failure(format!("{}: {e}", out.display())))?;
    let mut w = std::io::BufWriter::new(file);
    let rows = store::backup::export(db, &mut w).await?;
    Ok(format!("{rows} rows exported to {} / lignes exportées", out.display()))
}

/// `preau restore FILE`: into an empty database only.
pub async fn restore(db: &Db, file: &Path, scratch: &Path) -> Result<String, Failure> {
    let mut head = [0u8; 16];
    let mut f = std::fs::File::open(file).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let n = f.read(&mut head).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    if !store::backup::is_empty(db).await? {
        return Err(Failure(
            "the target database already holds data; nothing was changed. Restore into an empty database: \
             stop preau and move the SQLite file away, or create a new PostgreSQL database / \
             la base cible contient déjà des données ; rien n'a été modifié"
                .into(),
        ));
    }
    let rows = if n == 16 && &head == b"SQLite format 3\0" {
        // A SQLite copy: read it (from a scratch copy, so the backup itself is
        // never written to) through the same portable export.
        let work: PathBuf = scratch.join(format!("restore-{}.sqlite", web::now()));
        std::fs::copy(file, &work).map_err(|e| Failure(format!("{}: {e}", work.display())))?;
        let source = Db::connect(&format!("sqlite:{}", work.display())).await?;
        let dump: PathBuf = scratch.join(format!("restore-{}.jsonl", web::now()));
        {
            let mut w = std::io::BufWriter::new(
                std::fs::File::create(&dump).map_err(|e| Failure(format!("{}: {e}", dump.display())))?,
            );
            store::backup::export(&source, &mut w).await?;
        }
        source.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
        }
        let r = std::fs::File::open(&dump).map_err(|e| Failure(format!("{}: {e}", dump.display())))?;
        let rows = store::backup::import(db, std::io::BufReader::new(r)).await;
        let _ = std::fs::remove_file(&dump);
        rows?
    } else {
        let r = std::fs::File::open(file).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
        store::backup::import(db, std::io::BufReader::new(r)).await?
    };
    Ok(format!("{rows} rows restored / lignes restaurées"))
}
