//! `preau checkup DOMAIN`: the automated checks of the digital-hygiene
//! check-up, without an association nor a database. The exit code says
//! whether the checks could run, never what they found.

use crate::ops::Failure;
use checkup::{Checker, Config, DomainName, Report, Status, Theme};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use web::i18n::{Lang, Tr};

/// What the command line gave.
#[derive(Debug, Default)]
pub struct Request {
    pub domain: Option<String>,
    pub format: String,
    pub lang: String,
    pub resolver: Option<String>,
    pub rdap_url: Option<String>,
    pub dkim_selectors: Vec<String>,
    pub batch: Option<PathBuf>,
    pub concurrency: usize,
    pub timeout: Option<u64>,
    // For tests and the bench, hidden from `--help`.
    pub http_port: Option<u16>,
    pub https_port: Option<u16>,
    pub smtp_port: Option<u16>,
    pub extra_root: Option<PathBuf>,
    pub no_mozilla_roots: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Reads the options into a configuration; refuses what cannot work.
fn config(request: &Request) -> Result<Config, Failure> {
    let resolver = match &request.resolver {
        Some(text) => text
            .parse::<SocketAddr>()
            .or_else(|_| text.parse::<std::net::IpAddr>().map(|ip| SocketAddr::new(ip, 53)))
            .map_err(|_| {
                Failure(format!("--resolver {text}: expected ADDRESS:PORT, say 127.0.0.1:53 / attendu ADRESSE:PORT"))
            })?,
        None => Config::system_resolver().ok_or_else(|| {
            Failure(
                "no resolver in /etc/resolv.conf: give --resolver ADDRESS:PORT / aucun résolveur : indiquez --resolver"
                    .into(),
            )
        })?,
    };
    let mut config = Config::new(resolver);
    if let Some(url) = &request.rdap_url {
        let parsed = url::Url::parse(url).map_err(|e| Failure(format!("--rdap-url {url}: {e} / adresse invalide")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Failure(format!("--rdap-url {url}: http:// or https:// / adresse http(s) attendue")));
        }
        config.rdap_base = Some(url.clone());
    }
    config.dkim_selectors = request.dkim_selectors.clone();
    if let Some(seconds) = request.timeout {
        config.check_timeout = std::time::Duration::from_secs(seconds.max(1));
    }
    config.http_port = request.http_port.unwrap_or(config.http_port);
    config.https_port = request.https_port.unwrap_or(config.https_port);
    config.smtp_port = request.smtp_port.unwrap_or(config.smtp_port);
    if let Some(path) = &request.extra_root {
        let roots: Result<Vec<CertificateDer<'static>>, _> =
            CertificateDer::pem_file_iter(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?.collect();
        config.extra_roots = roots.map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    }
    config.mozilla_roots = !request.no_mozilla_roots;
    Ok(config)
}

/// The check-up's network configuration of the running server (its pages
/// and the watch): the system resolver, else a local one on port 53.
pub fn server_config() -> Config {
    Config::new(Config::system_resolver().unwrap_or(SocketAddr::from(([127, 0, 0, 1], 53))))
}

/// `preau checkup --all-associations`: re-checks the watched domain of every
/// association (due or not), `--concurrency` at a time, and queues the alerts
/// (sent by the running server's mail queue). Prints what it did.
pub async fn run_all(db: &store::Db, request: &Request, public_url: &str) -> Result<(), Failure> {
    let config = config(request)?;
    let done = web::checkup::watch(db, &config, now(), public_url, true, request.concurrency)
        .await
        .map_err(|e| Failure(format!("check-up: {e}")))?;
    println!(
        "{} domaines vérifiés, {} alertes mises en file / {} domains checked, {} alerts queued",
        done.checked, done.alerts, done.checked, done.alerts
    );
    Ok(())
}

/// Runs the command; prints the report(s) on standard output.
pub async fn run(request: Request) -> Result<(), Failure> {
    let format = match request.format.as_str() {
        "text" => Format::Text,
        "json" => Format::Json,
        other => return Err(Failure(format!("--format {other}: text or json / text ou json"))),
    };
    let lang = Lang::from_code(&request.lang)
        .ok_or_else(|| Failure(format!("--lang {}: fr or en / fr ou en", request.lang)))?;
    // Every domain is read before any network call: a typo fails at once.
    let domains: Vec<DomainName> = match (&request.domain, &request.batch) {
        (Some(domain), None) => vec![parse(domain)?],
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            let lines = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'));
            lines.map(parse).collect::<Result<_, _>>()?
        }
        (Some(_), Some(_)) => {
            return Err(Failure("a DOMAIN or --batch FILE, not both / un DOMAINE ou --batch, pas les deux".into()));
        }
        (None, None) => return Err(Failure("which domain? preau checkup DOMAIN / quel domaine ?".into())),
    };
    let checker = Checker::new(config(&request)?).map_err(Failure)?;
    let tr = Tr { lang };
    if request.batch.is_some() {
        // One JSON line (or one text block) a domain, as each ends.
        let mut out = std::io::stdout().lock();
        let mut failed = None;
        checker
            .run_many(domains, request.concurrency, now(), |report| {
                let written = match format {
                    Format::Json => serde_json::to_string(&report).map(|line| writeln!(out, "{line}")),
                    Format::Text => Ok(writeln!(out, "{}", text(&report, &tr))),
                };
                if let Ok(Err(e)) | Err(e) = written.map_err(std::io::Error::other) {
                    failed.get_or_insert(e.to_string());
                }
            })
            .await;
        return failed.map_or(Ok(()), |e| Err(Failure(format!("standard output: {e}"))));
    }
    let report = checker.run(&domains[0], now()).await;
    let printed = match format {
        Format::Json => serde_json::to_string_pretty(&report).map_err(|e| Failure(e.to_string()))?,
        Format::Text => text(&report, &tr),
    };
    println!("{printed}");
    Ok(())
}

fn parse(domain: &str) -> Result<DomainName, Failure> {
    DomainName::parse(domain).map_err(|e| Failure(format!("{domain:?}: {e}")))
}

fn render(tr: &Tr, message: &checkup::Message) -> String {
    tr.message(&message.key, message.args.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// The report for a terminal: theme by theme, each check's status, what was
/// found and what to do; the scores.
pub fn text(report: &Report, tr: &Tr) -> String {
    let mut out = String::new();
    out.push_str(&tr.message("checkup-report-title", [("domain", report.unicode.as_str())]));
    out.push('\n');
    for theme in Theme::ALL {
        let checks: Vec<_> = report.checks.iter().filter(|c| c.theme == theme).collect();
        if checks.is_empty() {
            continue;
        }
        out.push_str(&format!("\n== {}", tr.t(&format!("checkup-theme-{}", theme.code()))));
        if let Some(score) = report.scores.theme(theme.code()) {
            let percent = format!("{}", score.percent);
            out.push_str(&format!(" — {}", tr.message("checkup-report-score", [("percent", percent.as_str())])));
        }
        out.push('\n');
        for check in checks {
            let mark = match check.status {
                Status::Pass => "[ok]",
                Status::Info => "[i] ",
                Status::Warning => "[!] ",
                Status::Fail => "[X] ",
                Status::Unknown => "[?] ",
            };
            out.push_str(&format!(
                "{mark} {} ({}): {}\n",
                tr.t(&format!("checkup-{}-title", check.id.key())),
                tr.t(&format!("checkup-status-{}", check.status.code())),
                render(tr, &check.message)
            ));
            if let Some(fix) = &check.fix {
                out.push_str(&format!("      → {}\n", render(tr, fix)));
            }
        }
    }
    out.push('\n');
    match report.scores.overall {
        Some(overall) => {
            let percent = format!("{overall}");
            out.push_str(&tr.message("checkup-report-overall", [("percent", percent.as_str())]));
        }
        None => out.push_str(&tr.t("checkup-report-no-score")),
    }
    out.push('\n');
    let millis = report.millis.to_string();
    out.push_str(&tr.message("checkup-report-took", [("millis", millis.as_str())]));
    out
}
