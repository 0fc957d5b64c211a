//! The website: found at the domain or at `www.`, fetched once over HTTPS and
//! once over HTTP (each with its redirects), then every web and privacy check
//! reads those answers.

use crate::dns::DnsError;
use crate::http::{self, FetchError, Response};
use crate::report::{CheckId, CheckResult, Message, Outcome};
use crate::tables::{Category, hosting_by_address, hosting_by_name, tracker_of, trackers};
use crate::tls::{Verdict, cert_facts};
use crate::{Ctx, DomainName, html, limited};
use std::collections::BTreeSet;
use std::time::Instant;
use url::Url;

/// Redirects followed from the first URL.
const MAX_REDIRECTS: usize = 5;
/// A year, internet.nl's minimum `max-age` for full points.
const HSTS_GOOD: u64 = 31_536_000;
/// Days before a certificate's end from which it is flagged.
const CERT_WARNING_DAYS: i64 = 14;
/// Cookie names that analytics and advertising scripts set.
const TRACKING_COOKIES: &[&str] = &[
    "_ga",
    "_gid",
    "_gat",
    "_gcl_au",
    "_fbp",
    "_fbc",
    "_hjid",
    "_hjsession",
    "_pk_id",
    "_pk_ses",
    "_uetsid",
    "_uetvid",
    "__utm",
    "_clck",
    "_clsk",
    "muid",
];

/// The site as found: where, and what both schemes answered.
struct Site {
    host: String,
    chain: Vec<String>,
    addresses: Vec<std::net::IpAddr>,
    https: Visit,
    http: Visit,
}

/// The responses of one visit, with their URLs, and the error that ended it.
struct Visit {
    hops: Vec<(Url, Response)>,
    error: Option<(Url, FetchError)>,
}

impl Visit {
    fn first(&self) -> Option<&Response> {
        self.hops.first().map(|(_, r)| r)
    }

    /// The page at the end of the redirects.
    fn page(&self) -> Option<&(Url, Response)> {
        self.hops.last().filter(|(_, r)| !r.is_redirect())
    }
}

pub(crate) async fn checks(ctx: &Ctx, domain: &DomainName, now: i64) -> Vec<CheckResult> {
    let started = Instant::now();
    let found = tokio::time::timeout(ctx.config.check_timeout, find(ctx, domain)).await;
    let site = match found {
        Ok(Ok(site)) => site,
        Ok(Err(message)) => return all_unknown(message, started),
        Err(_) => {
            return all_unknown(
                Message::new("checkup-unknown-timeout").arg("seconds", ctx.config.check_timeout.as_secs()),
                started,
            );
        }
    };
    let site = &site;
    vec![
        limited(ctx, CheckId::Https, async { https(site) }).await,
        limited(ctx, CheckId::Redirect, async { redirect(site) }).await,
        limited(ctx, CheckId::Certificate, async { certificate(site, now) }).await,
        limited(ctx, CheckId::Hsts, async { hsts(site) }).await,
        limited(ctx, CheckId::Headers, async { headers(site) }).await,
        limited(ctx, CheckId::Hosting, async { hosting(site) }).await,
        limited(ctx, CheckId::Cookies, async { cookies(site) }).await,
        limited(ctx, CheckId::ThirdParties, async { third_parties(site, domain) }).await,
        limited(ctx, CheckId::Trackers, async { trackers_found(site) }).await,
    ]
}

const WEB_CHECKS: [CheckId; 9] = [
    CheckId::Https,
    CheckId::Redirect,
    CheckId::Certificate,
    CheckId::Hsts,
    CheckId::Headers,
    CheckId::Hosting,
    CheckId::Cookies,
    CheckId::ThirdParties,
    CheckId::Trackers,
];

fn all_unknown(message: Message, started: Instant) -> Vec<CheckResult> {
    WEB_CHECKS.iter().map(|id| Outcome::unknown(message.clone()).into_result(*id, started.elapsed())).collect()
}

/// The domain itself if it has an address, else `www.`; both fetched.
async fn find(ctx: &Ctx, domain: &DomainName) -> Result<Site, Message> {
    let www = format!("www.{}", domain.ascii());
    let (apex, sub) = tokio::join!(ctx.dns.host(domain.ascii()), ctx.dns.host(&www));
    let (host, (chain, addresses)) = match (apex, sub) {
        (Ok(found), _) => (domain.ascii().to_string(), found),
        (_, Ok(found)) => (www.clone(), found),
        (Err(DnsError::CnameLoop(at)), _) | (_, Err(DnsError::CnameLoop(at))) => {
            return Err(Message::new("checkup-unknown-cname-loop").arg("name", at));
        }
        (Err(e), _) if !e.is_empty() => return Err(e.message(domain.ascii())),
        _ => return Err(Message::new("checkup-web-none").arg("domain", domain.unicode()).arg("www", &www)),
    };
    let max = ctx.config.max_body_bytes;
    let (Ok(https_url), Ok(http_url)) =
        (Url::parse(&format!("https://{host}/")), Url::parse(&format!("http://{host}/")))
    else {
        return Err(Message::new("checkup-web-none").arg("domain", domain.unicode()).arg("www", &www));
    };
    let ((hops_s, error_s), (hops_h, error_h)) = tokio::join!(
        http::follow(ctx, &https_url, MAX_REDIRECTS, max),
        http::follow(ctx, &http_url, MAX_REDIRECTS, max)
    );
    Ok(Site {
        host,
        chain,
        addresses,
        https: Visit { hops: hops_s, error: error_s },
        http: Visit { hops: hops_h, error: error_h },
    })
}

fn https(site: &Site) -> Outcome {
    match (site.https.first(), &site.https.error) {
        (Some(first), _) => {
            let version = first.tls.as_ref().map(|t| t.version.clone()).unwrap_or_default();
            Outcome::pass(Message::new("checkup-web-https-ok").arg("host", &site.host).arg("version", &version))
                .fact("tls_version", version)
        }
        (None, Some((url, FetchError::Connect(reason) | FetchError::Tls(reason)))) => {
            Outcome::fail(Message::new("checkup-web-https-none").arg("url", url).arg("reason", reason))
                .fix(Message::new("checkup-web-https-fix"))
        }
        (None, Some((url, e))) => Outcome::unknown(e.message(url)),
        (None, None) => {
            Outcome::unknown(Message::new("checkup-unknown-http").arg("url", &site.host).arg("reason", "?"))
        }
    }
}

fn redirect(site: &Site) -> Outcome {
    let Some(first) = site.http.first() else {
        // No plain HTTP at all is fine (internet.nl): nothing to downgrade to.
        return match &site.http.error {
            Some((_, FetchError::Connect(_))) if site.https.first().is_some() => {
                Outcome::pass(Message::new("checkup-web-redirect-no-http"))
            }
            Some((url, e)) => Outcome::unknown(e.message(url)),
            None => Outcome::unknown(Message::new("checkup-unknown-http").arg("url", &site.host).arg("reason", "?")),
        };
    };
    let from = Url::parse(&format!("http://{}/", site.host)).ok();
    let target = from.as_ref().and_then(|from| first.location(from));
    match target {
        Some(to) if to.scheme() == "https" && to.host_str() == Some(site.host.as_str()) => {
            Outcome::pass(Message::new("checkup-web-redirect-ok").arg("to", &to)).fact("to", to.as_str())
        }
        Some(to) if to.scheme() == "https" => {
            Outcome::warning(5, Message::new("checkup-web-redirect-other-host").arg("to", &to))
                .fix(Message::new("checkup-web-redirect-fix-same-host"))
                .fact("to", to.as_str())
        }
        Some(to) => Outcome::fail(Message::new("checkup-web-redirect-plain").arg("to", &to))
            .fix(Message::new("checkup-web-redirect-fix"))
            .fact("to", to.as_str()),
        None => Outcome::fail(Message::new("checkup-web-redirect-none").arg("status", first.status))
            .fix(Message::new("checkup-web-redirect-fix")),
    }
}

fn certificate(site: &Site, now: i64) -> Outcome {
    let Some(first) = site.https.first() else {
        return Outcome::unknown(Message::new("checkup-web-no-https"));
    };
    let Some(handshake) = &first.tls else { return Outcome::unknown(Message::new("checkup-web-no-https")) };
    let facts = handshake.certificate.as_ref().and_then(cert_facts);
    let (until, days) = match &facts {
        Some(f) => (
            chrono::DateTime::from_timestamp(f.not_after, 0)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            (f.not_after - now).div_euclid(86_400),
        ),
        None => (String::new(), 0),
    };
    let names = facts.as_ref().map(|f| f.names.join(", ")).unwrap_or_default();
    let outcome = match &handshake.verdict {
        Verdict::Valid if days < CERT_WARNING_DAYS => Outcome::warning(
            5,
            Message::new("checkup-web-certificate-expires-soon").arg("date", &until).arg("days", days),
        )
        .fix(Message::new("checkup-web-certificate-fix-renew")),
        Verdict::Valid => {
            Outcome::pass(Message::new("checkup-web-certificate-ok").arg("date", &until).arg("days", days))
        }
        Verdict::Expired => Outcome::fail(Message::new("checkup-web-certificate-expired").arg("date", &until))
            .fix(Message::new("checkup-web-certificate-fix-renew")),
        Verdict::NotYetValid => Outcome::fail(Message::new("checkup-web-certificate-not-yet-valid"))
            .fix(Message::new("checkup-web-certificate-fix-renew")),
        Verdict::WrongName => Outcome::fail(
            Message::new("checkup-web-certificate-wrong-name").arg("host", &site.host).arg("names", &names),
        )
        .fix(Message::new("checkup-web-certificate-fix-name")),
        Verdict::UnknownIssuer => Outcome::fail(Message::new("checkup-web-certificate-untrusted"))
            .fix(Message::new("checkup-web-certificate-fix-renew")),
        Verdict::Other(reason) => Outcome::fail(Message::new("checkup-web-certificate-invalid").arg("reason", reason))
            .fix(Message::new("checkup-web-certificate-fix-renew")),
    };
    let outcome = outcome
        .fact("verdict", &handshake.verdict)
        .fact("expires", &until)
        .fact("names", facts.as_ref().map(|f| &f.names));
    match &facts {
        Some(f) => outcome.fact("issuer", &f.issuer),
        None => outcome,
    }
}

/// `max-age` of a `Strict-Transport-Security` value.
fn max_age(value: &str) -> Option<u64> {
    value.split(';').find_map(|d| {
        let (k, v) = d.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("max-age")).then(|| v.trim().trim_matches('"').parse().ok()).flatten()
    })
}

fn hsts(site: &Site) -> Outcome {
    // On first contact, before any redirect (internet.nl).
    let Some(first) = site.https.first() else { return Outcome::unknown(Message::new("checkup-web-no-https")) };
    let Some(value) = first.header("strict-transport-security") else {
        return Outcome::fail(Message::new("checkup-web-hsts-none")).fix(Message::new("checkup-web-hsts-fix"));
    };
    let outcome = match max_age(value) {
        Some(age) if age >= HSTS_GOOD => Outcome::pass(Message::new("checkup-web-hsts-ok").arg("days", age / 86_400)),
        Some(age) => Outcome::warning(2, Message::new("checkup-web-hsts-short").arg("days", age / 86_400))
            .fix(Message::new("checkup-web-hsts-fix")),
        None => Outcome::fail(Message::new("checkup-web-hsts-invalid").arg("value", value))
            .fix(Message::new("checkup-web-hsts-fix")),
    };
    outcome.fact("value", value)
}

fn headers(site: &Site) -> Outcome {
    let Some((_, page)) = site.https.page().or(site.http.page()) else {
        return Outcome::unknown(Message::new("checkup-web-no-page"));
    };
    let csp = page.header("content-security-policy").unwrap_or_default().to_ascii_lowercase();
    let nosniff = page.header("x-content-type-options").is_some_and(|v| v.trim().eq_ignore_ascii_case("nosniff"));
    let frames = page
        .header("x-frame-options")
        .is_some_and(|v| ["deny", "sameorigin"].contains(&v.trim().to_ascii_lowercase().as_str()))
        || csp.contains("frame-ancestors");
    // The last value of a list wins (internet.nl).
    let referrer =
        page.header("referrer-policy").and_then(|v| v.split(',').next_back()).map(|v| v.trim().to_ascii_lowercase());
    let referrer_ok = referrer.as_deref().is_some_and(|r| {
        ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].contains(&r)
    });
    let mut missing = Vec::new();
    for (ok, name) in [
        (nosniff, "X-Content-Type-Options"),
        (frames, "X-Frame-Options"),
        (referrer_ok, "Referrer-Policy"),
        (!csp.is_empty(), "Content-Security-Policy"),
    ] {
        if !ok {
            missing.push(name);
        }
    }
    let outcome = if missing.is_empty() {
        Outcome::pass(Message::new("checkup-web-headers-ok"))
    } else {
        Outcome::warning(5, Message::new("checkup-web-headers-missing").arg("headers", missing.join(", ")))
            .fix(Message::new("checkup-web-headers-fix"))
    };
    outcome.fact("missing", &missing)
}

fn hosting(site: &Site) -> Outcome {
    let by_name = site.chain.iter().skip(1).find_map(|n| hosting_by_name(n));
    let by_address = site.addresses.iter().find_map(|a| hosting_by_address(*a));
    let addresses: Vec<String> = site.addresses.iter().map(|a| a.to_string()).collect();
    let outcome = match by_name.or(by_address) {
        Some(org) => {
            let key = match org.category {
                Category::UsPlatform => "checkup-web-hosting-us-platform",
                _ => "checkup-web-hosting-known",
            };
            Outcome::info(Message::new(key).arg("host", &org.name).arg("country", &org.country))
                .fact("host", &org.name)
                .fact("category", org.category)
                .fact("country", &org.country)
        }
        None => Outcome::info(Message::new("checkup-web-hosting-unknown").arg("addresses", addresses.join(", "))),
    };
    let server = site.https.first().or(site.http.first()).and_then(|r| r.header("server")).map(str::to_string);
    outcome.fact("addresses", &addresses).fact("cnames", &site.chain[1..]).fact("server", server)
}

/// The cookie names the site sets on a first visit, on every response seen.
fn cookie_names(site: &Site) -> BTreeSet<String> {
    site.https
        .hops
        .iter()
        .chain(site.http.hops.iter())
        .flat_map(|(_, r)| r.all("set-cookie"))
        .filter_map(|c| c.split_once('=').map(|(n, _)| n.trim().to_string()))
        .collect()
}

fn cookies(site: &Site) -> Outcome {
    if site.https.hops.is_empty() && site.http.hops.is_empty() {
        return Outcome::unknown(Message::new("checkup-web-no-page"));
    }
    let names = cookie_names(site);
    let tracking: Vec<&String> =
        names.iter().filter(|n| TRACKING_COOKIES.iter().any(|t| n.to_ascii_lowercase().starts_with(t))).collect();
    let list = names.iter().cloned().collect::<Vec<_>>().join(", ");
    let outcome = if !tracking.is_empty() {
        Outcome::fail(Message::new("checkup-privacy-cookies-tracking").arg("names", &list))
            .fix(Message::new("checkup-privacy-cookies-fix-tracking"))
    } else if !names.is_empty() {
        Outcome::warning(5, Message::new("checkup-privacy-cookies-some").arg("count", names.len()).arg("names", &list))
            .fix(Message::new("checkup-privacy-cookies-fix-some"))
    } else {
        Outcome::pass(Message::new("checkup-privacy-cookies-none"))
    };
    outcome.fact("cookies", &names)
}

/// The hosts the page loads from, other than the site's own domain.
fn third_party_hosts(site: &Site, domain: &DomainName) -> Option<BTreeSet<String>> {
    let (url, page) = site.https.page().or(site.http.page())?;
    let text = String::from_utf8_lossy(&page.body);
    Some(
        html::resources(&text)
            .iter()
            .filter_map(|r| url.join(r).ok())
            .filter(|u| u.scheme() == "http" || u.scheme() == "https")
            .filter_map(|u| u.host_str().map(|h| h.trim_end_matches('.').to_ascii_lowercase()))
            .filter(|h| !domain.covers(h))
            .collect(),
    )
}

fn third_parties(site: &Site, domain: &DomainName) -> Outcome {
    let Some(hosts) = third_party_hosts(site, domain) else {
        return Outcome::unknown(Message::new("checkup-web-no-page"));
    };
    let list: Vec<&String> = hosts.iter().collect();
    let outcome = if hosts.is_empty() {
        Outcome::pass(Message::new("checkup-privacy-third-parties-none"))
    } else {
        Outcome::warning(
            5,
            Message::new("checkup-privacy-third-parties-some")
                .arg("count", hosts.len())
                .arg("hosts", list.iter().map(|h| h.as_str()).collect::<Vec<_>>().join(", ")),
        )
        .fix(Message::new("checkup-privacy-third-parties-fix"))
    };
    let truncated = site.https.page().or(site.http.page()).is_some_and(|(_, p)| p.truncated);
    outcome.fact("hosts", &list).fact("page_truncated", truncated)
}

fn trackers_found(site: &Site) -> Outcome {
    let Some((url, page)) = site.https.page().or(site.http.page()) else {
        return Outcome::unknown(Message::new("checkup-web-no-page"));
    };
    let text = String::from_utf8_lossy(&page.body).to_ascii_lowercase();
    let mut found: Vec<crate::tables::Tracker> = Vec::new();
    // Loaded by the page…
    for resource in html::resources(&text) {
        if let Some(tracker) = url.join(&resource).ok().and_then(|u| u.host_str().and_then(tracker_of)) {
            found.push(tracker);
        }
    }
    // …or named in its scripts, which load them once run.
    for tracker in trackers() {
        if tracker.purpose != "content" && text.contains(&tracker.host) {
            found.push(tracker.clone());
        }
    }
    found.sort_by(|a, b| a.host.cmp(&b.host));
    found.dedup_by(|a, b| a.host == b.host);
    let mut companies: Vec<String> = found.iter().map(|t| format!("{} ({})", t.company, t.purpose)).collect();
    companies.dedup();
    let tracking = found.iter().any(|t| t.purpose != "content");
    let outcome = if tracking {
        Outcome::fail(Message::new("checkup-privacy-trackers-found").arg("companies", companies.join(", ")))
            .fix(Message::new("checkup-privacy-trackers-fix"))
    } else if !found.is_empty() {
        Outcome::warning(5, Message::new("checkup-privacy-trackers-content").arg("companies", companies.join(", ")))
            .fix(Message::new("checkup-privacy-trackers-fix-content"))
    } else {
        Outcome::pass(Message::new("checkup-privacy-trackers-none"))
    };
    outcome.fact("trackers", &found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hsts_max_age() {
        assert_eq!(max_age("max-age=31536000; includeSubDomains"), Some(31_536_000));
        assert_eq!(max_age("includeSubDomains; Max-Age=\"60\""), Some(60));
        assert_eq!(max_age("max-age=soon"), None);
        assert_eq!(max_age(""), None);
    }
}
