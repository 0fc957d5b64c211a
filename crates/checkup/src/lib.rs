//! The digital-hygiene check-up's automated checks: one domain's registration,
//! name servers and DNSSEC, its mail (MX and provider, SPF, DKIM, DMARC,
//! MTA-STS, TLS-RPT, STARTTLS) and its website (HTTPS, redirect, certificate,
//! HSTS, headers, cookies, third parties and trackers, hosting).
//!
//! Every network call takes its resolver, ports and URLs from [`Config`], so
//! the tests run against fixtures on loopback. Every check has its own time
//! limit and ends in a [`Status`] with a [`Message`] (a Fluent key and its
//! arguments: the words live in the web crate's `checkup.ftl`, French and
//! English) and, when something is to be done, the steps to fix it. A
//! [`Report`] is plain serde data: it can be stored as JSON and two runs
//! compared with [`changes`]. Scores follow internet.nl's model ([`score`]).
//!
//! No database, no web: the `preau checkup` command and, later, the web pages
//! and the scheduled re-checks call [`Checker::run`].

mod dns;
mod domain;
mod html;
mod http;
mod mail;
mod name;
mod rdap;
mod report;
mod score;
mod tables;
mod tls;
mod web;

pub use name::{DomainName, NameError};
pub use report::{Change, CheckId, CheckResult, Message, Report, Status, Theme, changes};
pub use score::{ScoreItem, Scores, ThemeScore, score};
pub use tables::{Category, hosting_by_address, mail_provider_of, tracker_of};

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where and how the checks reach the network.
#[derive(Clone)]
pub struct Config {
    /// The recursive resolver every DNS question goes to.
    pub resolver: SocketAddr,
    /// The RDAP base URL (`…/` before `domain/NAME`); `None` finds it in
    /// IANA's bootstrap file.
    pub rdap_base: Option<String>,
    /// Where IANA's RDAP bootstrap file is, when `rdap_base` is `None`.
    pub rdap_bootstrap: String,
    /// Port of URLs that name none, `http:` and `https:` (80 and 443 outside tests).
    pub http_port: u16,
    pub https_port: u16,
    /// Port the MX hosts are reached on for STARTTLS (25 outside tests).
    pub smtp_port: u16,
    /// Certificates trusted besides Mozilla's roots (a test root, an in-house CA).
    pub extra_roots: Vec<rustls::pki_types::CertificateDer<'static>>,
    /// Whether Mozilla's roots are trusted (off in tests, so only the test root is).
    pub mozilla_roots: bool,
    /// DNSSEC trust anchors; `None` trusts the root zone's keys.
    pub trust_anchors: Option<Arc<hickory_resolver::proto::dnssec::TrustAnchors>>,
    /// DKIM selectors to look for besides the common ones.
    pub dkim_selectors: Vec<String>,
    /// Time limit of each check.
    pub check_timeout: Duration,
    /// Time limit of one DNS question (one attempt).
    pub dns_timeout: Duration,
    /// Bytes of a page read at most: a bigger body is cut, never read whole.
    pub max_body_bytes: usize,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("resolver", &self.resolver)
            .field("rdap_base", &self.rdap_base)
            .field("ports", &(self.http_port, self.https_port, self.smtp_port))
            .field("extra_roots", &self.extra_roots.len())
            .field("trust_anchors", &self.trust_anchors.as_ref().map(|a| a.len()))
            .finish_non_exhaustive()
    }
}

impl Config {
    /// Defaults for the real Internet, asking `resolver`.
    pub fn new(resolver: SocketAddr) -> Config {
        Config {
            resolver,
            rdap_base: None,
            rdap_bootstrap: "https://data.iana.org/rdap/dns.json".into(),
            http_port: 80,
            https_port: 443,
            smtp_port: 25,
            extra_roots: Vec::new(),
            mozilla_roots: true,
            trust_anchors: None,
            dkim_selectors: Vec::new(),
            check_timeout: Duration::from_secs(15),
            dns_timeout: Duration::from_secs(3),
            max_body_bytes: 2 * 1024 * 1024,
        }
    }

    /// The first `nameserver` of `/etc/resolv.conf`, port 53.
    pub fn system_resolver() -> Option<SocketAddr> {
        let text = std::fs::read_to_string("/etc/resolv.conf").ok()?;
        text.lines().find_map(|line| {
            let address = line.trim().strip_prefix("nameserver")?.trim();
            // A scoped IPv6 address (`fe80::1%eth0`) is left for `--resolver`.
            address.parse::<std::net::IpAddr>().ok().map(|ip| SocketAddr::new(ip, 53))
        })
    }
}

/// Runs check-ups with one resolver and one trust store, shared by every
/// domain checked (a batch reuses the DNS cache and the roots).
pub struct Checker {
    ctx: Arc<Ctx>,
}

/// What every check works with.
pub(crate) struct Ctx {
    pub config: Config,
    pub dns: dns::Dns,
    pub trust: tls::Trust,
    pub rdap_bootstrap: tokio::sync::OnceCell<Result<rdap::Services, String>>,
}

impl Checker {
    /// Builds the resolvers and the trust store. Fails only on a broken
    /// configuration (no root at all).
    pub fn new(config: Config) -> Result<Checker, String> {
        let dns = dns::Dns::new(&config)?;
        let trust = tls::Trust::new(&config)?;
        let ctx = Ctx { config, dns, trust, rdap_bootstrap: tokio::sync::OnceCell::new() };
        Ok(Checker { ctx: Arc::new(ctx) })
    }

    /// Every automated check of `domain`; `now` (Unix seconds) dates the
    /// report and counts the days left before expiries.
    pub async fn run(&self, domain: &DomainName, now: i64) -> Report {
        let started = Instant::now();
        let ctx = &*self.ctx;
        let (mut checks, mail, web) = tokio::join!(
            domain::checks(ctx, domain, now),
            mail::checks(ctx, domain, now),
            web::checks(ctx, domain, now)
        );
        checks.extend(mail);
        checks.extend(web);
        checks.sort_by_key(|c| c.id);
        let scores = Report::scores_of(&checks);
        Report {
            version: report::VERSION,
            domain: domain.ascii().to_string(),
            unicode: domain.unicode().to_string(),
            checked_at: now,
            millis: started.elapsed().as_millis() as u64,
            checks,
            scores,
        }
    }

    /// Check-ups of many domains, at most `concurrency` at a time; `each`
    /// receives every report as soon as it is done (in no set order).
    pub async fn run_many(&self, domains: Vec<DomainName>, concurrency: usize, now: i64, mut each: impl FnMut(Report)) {
        let limit = Arc::new(tokio::sync::Semaphore::new(concurrency.max(1)));
        let mut tasks = tokio::task::JoinSet::new();
        for domain in domains {
            // Waiting here, not in the task, keeps at most `concurrency`
            // tasks (and their buffers) alive at once.
            let permit = loop {
                tokio::select! {
                    permit = limit.clone().acquire_owned() => break permit,
                    Some(done) = tasks.join_next() => {
                        if let Ok(report) = done { each(report) }
                    }
                }
            };
            let Ok(permit) = permit else { break };
            let checker = Checker { ctx: self.ctx.clone() };
            tasks.spawn(async move {
                let report = checker.run(&domain, now).await;
                drop(permit);
                report
            });
        }
        while let Some(done) = tasks.join_next().await {
            if let Ok(report) = done {
                each(report);
            }
        }
    }
}

/// Runs `work` within the configured time limit of one check; past it, the
/// check could not conclude.
pub(crate) async fn limited(
    ctx: &Ctx,
    id: CheckId,
    work: impl std::future::Future<Output = report::Outcome>,
) -> CheckResult {
    let started = Instant::now();
    let outcome = match tokio::time::timeout(ctx.config.check_timeout, work).await {
        Ok(outcome) => outcome,
        Err(_) => report::Outcome::unknown(
            Message::new("checkup-unknown-timeout").arg("seconds", ctx.config.check_timeout.as_secs()),
        ),
    };
    outcome.into_result(id, started.elapsed())
}
