//! Every check against the offline fixtures (`checkup-fixtures`): DNS,
//! HTTPS, SMTP and RDAP servers on loopback, nothing leaves the machine.

use checkup::{CheckId, Checker, Config, DomainName, Report, Status, changes};
use checkup_fixtures::{Fixtures, Options};
use std::time::{Duration, Instant};

fn config(f: &Fixtures) -> Config {
    let mut config = Config::new(f.dns);
    config.rdap_base = Some(f.rdap_url.clone());
    config.http_port = f.http_port;
    config.https_port = f.https_port;
    config.smtp_port = f.smtp_port;
    config.extra_roots = vec![f.root.clone()];
    config.mozilla_roots = false;
    config.trust_anchors = Some(f.trust_anchors.clone());
    config.check_timeout = Duration::from_secs(10);
    config.dns_timeout = Duration::from_secs(2);
    config
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

async fn check(domain: &str) -> Report {
    let fixtures = checkup_fixtures::start(Options::default()).await.unwrap();
    let checker = Checker::new(config(&fixtures)).unwrap();
    checker.run(&DomainName::parse(domain).unwrap(), now()).await
}

fn status(report: &Report, id: CheckId) -> Status {
    report.check(id).unwrap_or_else(|| panic!("no {id:?}")).status
}

fn key(report: &Report, id: CheckId) -> String {
    report.check(id).unwrap().message.key.clone()
}

/// Every status, to read in a failure message.
fn summary(report: &Report) -> String {
    report.checks.iter().map(|c| format!("{}: {:?} {}\n", c.id.code(), c.status, c.message.key)).collect()
}

#[tokio::test]
async fn a_good_domain_passes_everything_it_can() {
    let started = Instant::now();
    let report = check("good.test").await;
    let took = started.elapsed();
    let s = summary(&report);
    assert_eq!(report.checks.len(), CheckId::ALL.len(), "{s}");
    for id in [
        CheckId::Registration,
        CheckId::NameServers,
        CheckId::Mx,
        CheckId::Spf,
        CheckId::Dkim,
        CheckId::Dmarc,
        CheckId::MtaSts,
        CheckId::TlsRpt,
        CheckId::Starttls,
        CheckId::Https,
        CheckId::Redirect,
        CheckId::Certificate,
        CheckId::Hsts,
        CheckId::Headers,
        CheckId::Cookies,
        CheckId::ThirdParties,
        CheckId::Trackers,
    ] {
        assert_eq!(status(&report, id), Status::Pass, "{id:?}\n{s}");
    }
    // Unsigned: a warning with internet.nl's 2 points for "insecure".
    assert_eq!(status(&report, CheckId::Dnssec), Status::Warning, "{s}");
    assert_eq!(key(&report, CheckId::MailProvider), "checkup-mail-provider-self-hosted");
    assert_eq!(status(&report, CheckId::Hosting), Status::Info);
    let registration = report.check(CheckId::Registration).unwrap();
    assert_eq!(registration.message.args["registrar"], "Registrar of Tests");
    assert_eq!(registration.facts["nameservers"], serde_json::json!(["ns1.good.test", "ns2.good.test"]));
    // Domain 2 of 3 scored checks full, DNSSEC 2 points: (10+10+2)/30.
    assert_eq!(report.scores.theme("domain").unwrap().percent, 73.3);
    assert_eq!(report.scores.theme("web").unwrap().percent, 100.0);
    assert!(report.scores.overall.unwrap() > 90.0);
    assert!(took < Duration::from_secs(2), "a full check-up took {took:?}");

    // Stored as JSON and read back, the same report.
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.contains("\"id\":\"mail.spf\"") && json.contains("\"status\":\"pass\""));
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
}

#[tokio::test]
async fn no_mx_and_a_tracking_site() {
    let report = check("nomx.test").await;
    let s = summary(&report);
    assert_eq!(key(&report, CheckId::Mx), "checkup-mail-mx-none", "{s}");
    assert_eq!(status(&report, CheckId::Starttls), Status::Unknown, "{s}");
    assert_eq!(status(&report, CheckId::Spf), Status::Pass, "{s}");
    assert_eq!(status(&report, CheckId::Dmarc), Status::Fail, "{s}");
    assert_eq!(status(&report, CheckId::Redirect), Status::Fail, "{s}");
    assert_eq!(status(&report, CheckId::Hsts), Status::Fail, "{s}");
    assert_eq!(status(&report, CheckId::Headers), Status::Warning, "{s}");
    assert_eq!(status(&report, CheckId::Cookies), Status::Fail, "{s}");
    assert!(report.check(CheckId::Cookies).unwrap().message.args["names"].contains("_ga"));
    assert_eq!(status(&report, CheckId::Trackers), Status::Fail, "{s}");
    let trackers = &report.check(CheckId::Trackers).unwrap().message.args["companies"];
    assert!(trackers.contains("Google (tag-manager)"), "{trackers}");
    let third = report.check(CheckId::ThirdParties).unwrap();
    assert_eq!(third.status, Status::Warning);
    assert_eq!(
        third.facts["hosts"],
        serde_json::json!(["cdn.example.net", "fonts.googleapis.com", "www.googletagmanager.com", "www.youtube.com"])
    );
    // RDAP: expires in 10 days.
    assert_eq!(key(&report, CheckId::Registration), "checkup-domain-registration-expires-soon", "{s}");
    assert_eq!(report.check(CheckId::Registration).unwrap().points, Some(5));
}

#[tokio::test]
async fn no_website_no_starttls_weak_spf_and_rdap_404() {
    let report = check("noweb.test").await;
    let s = summary(&report);
    for id in [CheckId::Https, CheckId::Certificate, CheckId::Cookies, CheckId::Trackers] {
        assert_eq!(status(&report, id), Status::Unknown, "{s}");
        assert_eq!(key(&report, id), "checkup-web-none", "{s}");
    }
    assert_eq!(status(&report, CheckId::Starttls), Status::Fail, "{s}");
    assert_eq!(report.check(CheckId::Starttls).unwrap().message.args["hosts"], "mx.noweb.test");
    assert_eq!(status(&report, CheckId::Spf), Status::Warning, "{s}");
    assert_eq!(key(&report, CheckId::Dmarc), "checkup-mail-dmarc-monitoring", "{s}");
    assert_eq!(key(&report, CheckId::Registration), "checkup-unknown-rdap-not-found", "{s}");
    assert_eq!(status(&report, CheckId::Registration), Status::Unknown);
    // Web and privacy not scored at all: their themes are left out.
    assert!(report.scores.theme("web").is_none() && report.scores.theme("privacy").is_none());
}

#[tokio::test]
async fn a_cname_loop_and_rdap_429() {
    let started = Instant::now();
    let report = check("loop.test").await;
    let s = summary(&report);
    assert_eq!(key(&report, CheckId::Https), "checkup-unknown-cname-loop", "{s}");
    assert_eq!(report.check(CheckId::Https).unwrap().message.args["name"], "www.loop.test");
    assert_eq!(key(&report, CheckId::Registration), "checkup-unknown-rdap-rate-limited", "{s}");
    assert_eq!(report.check(CheckId::Registration).unwrap().message.args["after"], "60");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn expired_and_mismatched_certificates() {
    let fixtures = checkup_fixtures::start(Options::default()).await.unwrap();
    let checker = Checker::new(config(&fixtures)).unwrap();
    let expired = checker.run(&DomainName::parse("expired.test").unwrap(), now()).await;
    let certificate = expired.check(CheckId::Certificate).unwrap();
    assert_eq!(
        (certificate.status, certificate.message.key.as_str()),
        (Status::Fail, "checkup-web-certificate-expired")
    );
    assert_eq!(certificate.message.args["date"], "2021-01-01");
    // The page behind the bad certificate is still read.
    assert_eq!(status(&expired, CheckId::Hsts), Status::Pass);

    let wrong = checker.run(&DomainName::parse("wrongname.test").unwrap(), now()).await;
    let certificate = wrong.check(CheckId::Certificate).unwrap();
    assert_eq!(certificate.message.key, "checkup-web-certificate-wrong-name");
    assert_eq!(certificate.message.args["names"], "other.test");
}

#[tokio::test]
async fn a_50_mb_home_page_is_cut_not_read() {
    let started = Instant::now();
    let report = check("big.test").await;
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    let third = report.check(CheckId::ThirdParties).unwrap();
    assert_eq!(third.facts["page_truncated"], serde_json::json!(true), "{}", summary(&report));
    assert_eq!(third.status, Status::Pass);
}

#[tokio::test]
async fn international_names_in_either_spelling() {
    for typed in ["café.test", "CAFÉ.test.", "xn--caf-dma.test"] {
        let report = check(typed).await;
        assert_eq!((report.domain.as_str(), report.unicode.as_str()), ("xn--caf-dma.test", "café.test"));
        assert_eq!(status(&report, CheckId::Certificate), Status::Pass, "{}", summary(&report));
        assert_eq!(status(&report, CheckId::Spf), Status::Pass);
    }
}

#[tokio::test]
async fn dnssec_signed_and_bogus() {
    let fixtures = checkup_fixtures::start(Options::default()).await.unwrap();
    let checker = Checker::new(config(&fixtures)).unwrap();
    let signed = checker.run(&DomainName::parse("signed.test").unwrap(), now()).await;
    let dnssec = signed.check(CheckId::Dnssec).unwrap();
    assert_eq!((dnssec.status, dnssec.message.key.as_str()), (Status::Pass, "checkup-domain-dnssec-ok"), "{dnssec:?}");
    let bogus = checker.run(&DomainName::parse("bogus.test").unwrap(), now()).await;
    let dnssec = bogus.check(CheckId::Dnssec).unwrap();
    assert_eq!(
        (dnssec.status, dnssec.message.key.as_str()),
        (Status::Fail, "checkup-domain-dnssec-bogus"),
        "{dnssec:?}"
    );
}

#[tokio::test]
async fn a_resolver_that_never_answers() {
    let fixtures = checkup_fixtures::start(Options::default()).await.unwrap();
    let mut config = config(&fixtures);
    config.resolver = fixtures.silent_dns;
    config.dns_timeout = Duration::from_millis(300);
    config.check_timeout = Duration::from_secs(2);
    let started = Instant::now();
    let report = Checker::new(config).unwrap().run(&DomainName::parse("good.test").unwrap(), now()).await;
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
    for check in &report.checks {
        // RDAP's URL is an address: it still answers.
        if check.id != CheckId::Registration {
            assert_eq!(check.status, Status::Unknown, "{}", summary(&report));
        }
    }
    assert!(report.scores.theme("mail").is_none());
}

#[tokio::test]
async fn a_batch_and_the_changes_between_runs() {
    let fixtures = checkup_fixtures::start(Options { bench_domains: 20 }).await.unwrap();
    let checker = Checker::new(config(&fixtures)).unwrap();
    let domains: Vec<DomainName> = (0..20).map(|n| DomainName::parse(&format!("d{n}.bench.test")).unwrap()).collect();
    let mut reports = Vec::new();
    checker.run_many(domains, 4, now(), |r| reports.push(r)).await;
    assert_eq!(reports.len(), 20);
    assert!(reports.iter().all(|r| r.check(CheckId::Starttls).unwrap().status == Status::Pass));

    let good = checker.run(&DomainName::parse("good.test").unwrap(), now()).await;
    let bad = checker.run(&DomainName::parse("noweb.test").unwrap(), now()).await;
    let found = changes(&good, &bad);
    let mx = found.iter().find(|c| c.id == CheckId::Mx).unwrap();
    assert!(mx.facts.contains(&"mx".to_string()));
    let dmarc = found.iter().find(|c| c.id == CheckId::Dmarc).unwrap();
    assert!(dmarc.is_regression());
    assert!(changes(&good, &good).iter().all(|c| c.id == CheckId::Registration || !c.facts.is_empty()));
}
