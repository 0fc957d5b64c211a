//! Configuration: command-line flags, then `PREAU_*` environment variables
//! (both handled by clap), then `preau.toml`, then defaults.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Options shared by every command that opens the database.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Common {
    /// Dossier des données (base SQLite, clé du serveur, sauvegardes) / data folder [default: ./preau-data]
    #[arg(long, env = "PREAU_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// URL de la base : sqlite:FICHIER ou postgres://… / database URL [default: SQLite in the data folder]
    #[arg(long, env = "PREAU_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Fichier de configuration / configuration file [default: DATA_DIR/preau.toml if present]
    #[arg(long, env = "PREAU_CONFIG", global = true)]
    pub config: Option<PathBuf>,
}

/// What `preau.toml` may contain. Unknown keys are refused, with their line.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub listen: Option<String>,
    pub public_url: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub trust_proxy: Option<bool>,
    pub max_body_bytes: Option<usize>,
    pub max_upload_bytes: Option<usize>,
    pub session_days: Option<i64>,
}

/// The resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub listen: SocketAddr,
    pub public_url: String,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub trust_proxy: bool,
    pub max_body_bytes: usize,
    pub max_upload_bytes: usize,
    pub session_days: i64,
}

/// A configuration problem, said in both languages with where it is.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads and parses a configuration file; errors name the file, line and key.
pub fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError(format!("{}: cannot read / lecture impossible: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map_or(String::new(), |l| format!(":{l}"));
        ConfigError(format!("{}{at}: {} / configuration invalide", path.display(), e.message().trim()))
    })
}

impl Config {
    /// Resolves the configuration. `listen` and `public_url` come from `serve`'s flags if given.
    pub fn resolve(common: &Common, listen: Option<&str>, public_url: Option<&str>) -> Result<Config, ConfigError> {
        let guess_dir = common.data_dir.clone().unwrap_or_else(|| PathBuf::from("preau-data"));
        let file_path = common.config.clone().or_else(|| {
            let p = guess_dir.join("preau.toml");
            p.exists().then_some(p)
        });
        let file = match &file_path {
            Some(p) => read_file(p)?,
            None => FileConfig::default(),
        };
        let data_dir = common.data_dir.clone().or(file.data_dir).unwrap_or_else(|| PathBuf::from("preau-data"));
        let database_url = common
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| format!("sqlite:{}", data_dir.join("preau.sqlite").display()));
        let listen_text = listen.map(str::to_string).or(file.listen).unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen: SocketAddr = listen_text.parse().map_err(|_| {
            ConfigError(format!(
                "listen = {listen_text:?}: expected ADDRESS:PORT, e.g. 127.0.0.1:8080 / adresse d'écoute invalide"
            ))
        })?;
        let public_url = public_url
            .map(str::to_string)
            .or(file.public_url)
            .unwrap_or_else(|| format!("http://{listen}"))
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError(format!(
                "public_url = {public_url:?}: must start with http:// or https:// / doit commencer par http(s)://"
            )));
        }
        let trust_proxy = env_or("PREAU_TRUST_PROXY", file.trust_proxy)?.unwrap_or(false);
        let max_body_bytes = env_or("PREAU_MAX_BODY_BYTES", file.max_body_bytes)?.unwrap_or(2 * 1024 * 1024);
        let max_upload_bytes = env_or("PREAU_MAX_UPLOAD_BYTES", file.max_upload_bytes)?.unwrap_or(32 * 1024 * 1024);
        let session_days = env_or("PREAU_SESSION_DAYS", file.session_days)?.unwrap_or(14);
        if session_days < 1 || max_body_bytes < 1024 || max_upload_bytes < 1024 {
            return Err(ConfigError(
                "session_days must be at least 1, max_body_bytes and max_upload_bytes at least 1024 \
                 / valeurs trop petites"
                    .into(),
            ));
        }
        Ok(Config {
            data_dir,
            database_url,
            listen,
            public_url,
            smtp_url: std::env::var("PREAU_SMTP_URL").ok().or(file.smtp_url),
            mail_from: std::env::var("PREAU_MAIL_FROM")
                .ok()
                .or(file.mail_from)
                .unwrap_or_else(|| "Préau <preau@localhost>".into()),
            trust_proxy,
            max_body_bytes,
            max_upload_bytes,
            session_days,
        })
    }
}

/// The environment variable `name` if set (parsed, or an error naming it), else the file's value.
fn env_or<T: std::str::FromStr>(name: &str, file: Option<T>) -> Result<Option<T>, ConfigError> {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| ConfigError(format!("{name}={v:?}: invalid value / valeur invalide"))),
        Err(_) => Ok(file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> PathBuf {
        let p = std::env::temp_dir().join(format!("preau-config-{}-{name}.toml", std::process::id()));
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn an_unknown_key_is_named_with_its_file_and_line() {
        let p = write("unknown", "listen = \"127.0.0.1:9000\"\nlisten_adress = \"x\"\n");
        let e = read_file(&p).unwrap_err().0;
        assert!(e.contains(&format!("{}:2", p.display())), "{e}");
        assert!(e.contains("listen_adress"), "{e}");
    }

    #[test]
    fn file_values_apply_and_flags_win() {
        let p = write("values", "listen = \"127.0.0.1:9000\"\npublic_url = \"https://asso.example/\"\n");
        let common = Common { config: Some(p), data_dir: Some("/tmp/x".into()), database_url: None };
        let c = Config::resolve(&common, None, None).unwrap();
        assert_eq!(c.listen.port(), 9000);
        assert_eq!(c.public_url, "https://asso.example");
        assert_eq!(c.database_url, "sqlite:/tmp/x/preau.sqlite");
        let c = Config::resolve(&common, Some("127.0.0.1:9100"), None).unwrap();
        assert_eq!(c.listen.port(), 9100);
        assert!(Config::resolve(&common, Some("nope"), None).is_err());
    }

    #[test]
    fn environment_values_are_parsed_and_named_when_wrong() {
        assert_eq!(env_or::<i64>("PREAU_TEST_UNSET_VARIABLE", Some(3)).unwrap(), Some(3));
        // SAFETY: no other test reads this variable.
        unsafe { std::env::set_var("PREAU_TEST_SESSION_DAYS", "abc") };
        let e = env_or::<i64>("PREAU_TEST_SESSION_DAYS", None).unwrap_err().0;
        assert!(e.contains("PREAU_TEST_SESSION_DAYS"), "{e}");
        unsafe { std::env::set_var("PREAU_TEST_SESSION_DAYS", "30") };
        assert_eq!(env_or::<i64>("PREAU_TEST_SESSION_DAYS", Some(3)).unwrap(), Some(30), "the environment wins");
    }
}
