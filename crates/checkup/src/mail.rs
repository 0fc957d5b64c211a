//! Mail: who receives it (MX and the provider), who may send it (SPF, DKIM,
//! DMARC), and how it travels (MTA-STS, TLS-RPT, STARTTLS on the MX hosts).

use crate::dns::DnsError;
use crate::http;
use crate::report::{CheckId, CheckResult, Message, Outcome};
use crate::tables::{Category, mail_provider_of};
use crate::tls::Verdict;
use crate::{Ctx, DomainName, limited};
use hickory_resolver::proto::rr::{RData, RecordType};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use url::Url;

/// Selectors that providers and common software use; configured ones are added.
const COMMON_SELECTORS: &[&str] = &[
    "default",
    "dkim",
    "mail",
    "google",
    "selector1",
    "selector2",
    "k1",
    "k2",
    "k3",
    "s1",
    "s2",
    "smtp",
    "mx",
    "protonmail",
    "protonmail2",
    "protonmail3",
    "fm1",
    "fm2",
    "fm3",
    "ovhmo-selector-1",
    "ovhmo-selector-2",
    "gandi",
    "mailjet",
    "mandrill",
    "sendinblue",
    "brevo",
    "zoho",
    "infomaniak",
    "dkim1",
    "key1",
];
/// SPF's limit on terms that cost a DNS lookup (RFC 7208 §4.6.4).
const SPF_LOOKUP_LIMIT: usize = 10;
/// MX hosts probed for STARTTLS.
const MAX_MX_PROBED: usize = 3;
const SMTP_LINE_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_POLICY_BYTES: usize = 64 * 1024;

/// The MX records, by preference.
#[derive(Debug, Clone)]
enum Mx {
    Hosts(Vec<(u16, String)>),
    /// `MX 0 .` (RFC 7505): this domain receives no mail.
    Null,
    None,
}

pub(crate) async fn checks(ctx: &Ctx, domain: &DomainName, _now: i64) -> Vec<CheckResult> {
    let mx = mx_records(ctx, domain).await;
    let (mx_result, provider, spf, dkim, dmarc, mta_sts, tls_rpt, starttls) = tokio::join!(
        limited(ctx, CheckId::Mx, async { mx_check(&mx, domain) }),
        limited(ctx, CheckId::MailProvider, async { provider(&mx, domain) }),
        limited(ctx, CheckId::Spf, spf(ctx, domain)),
        limited(ctx, CheckId::Dkim, dkim(ctx, domain, &mx)),
        limited(ctx, CheckId::Dmarc, dmarc(ctx, domain)),
        limited(ctx, CheckId::MtaSts, mta_sts(ctx, domain, &mx)),
        limited(ctx, CheckId::TlsRpt, tls_rpt(ctx, domain, &mx)),
        limited(ctx, CheckId::Starttls, starttls(ctx, &mx)),
    );
    vec![mx_result, provider, spf, dkim, dmarc, mta_sts, tls_rpt, starttls]
}

async fn mx_records(ctx: &Ctx, domain: &DomainName) -> Result<Mx, DnsError> {
    let records = match ctx.dns.records(domain.ascii(), RecordType::MX).await {
        Ok(records) => records,
        Err(e) if e.is_empty() => return Ok(Mx::None),
        Err(e) => return Err(e),
    };
    let mut hosts: Vec<(u16, String)> = records
        .into_iter()
        .filter_map(|r| match r {
            RData::MX(mx) => Some((mx.preference, mx.exchange.to_ascii().trim_end_matches('.').to_lowercase())),
            _ => None,
        })
        .collect();
    hosts.sort();
    if hosts.iter().all(|(_, h)| h.is_empty()) {
        return Ok(Mx::Null);
    }
    hosts.retain(|(_, h)| !h.is_empty());
    Ok(Mx::Hosts(hosts))
}

fn mx_check(mx: &Result<Mx, DnsError>, domain: &DomainName) -> Outcome {
    match mx {
        Ok(Mx::Hosts(hosts)) => {
            let names: Vec<&str> = hosts.iter().map(|(_, h)| h.as_str()).collect();
            Outcome::pass(Message::new("checkup-mail-mx-ok").arg("count", hosts.len()).arg("hosts", names.join(", ")))
                .fact("mx", &names)
        }
        Ok(Mx::Null) => Outcome::info(Message::new("checkup-mail-mx-null")).fact("mx", Vec::<String>::new()),
        Ok(Mx::None) => Outcome::warning(0, Message::new("checkup-mail-mx-none"))
            .fix(Message::new("checkup-mail-mx-fix-none"))
            .fact("mx", Vec::<String>::new()),
        Err(e) => Outcome::unknown(e.message(domain.ascii())),
    }
}

fn provider(mx: &Result<Mx, DnsError>, domain: &DomainName) -> Outcome {
    let hosts = match mx {
        Ok(Mx::Hosts(hosts)) => hosts,
        Ok(_) => return Outcome::info(Message::new("checkup-mail-provider-no-mail")),
        Err(e) => return Outcome::unknown(e.message(domain.ascii())),
    };
    let (_, first) = &hosts[0];
    let found = mail_provider_of(first);
    let (name, category, country) = match &found {
        Some(org) => (org.name.clone(), org.category, org.country.clone()),
        None if domain.covers(first) => (first.clone(), Category::SelfHosted, String::new()),
        None => {
            return Outcome::info(Message::new("checkup-mail-provider-unknown").arg("host", first))
                .fact("provider", Option::<String>::None);
        }
    };
    let message = Message::new(format!("checkup-mail-provider-{}", category.code())).arg("provider", &name);
    let outcome = Outcome::info(message).fact("provider", &name).fact("category", category).fact("country", &country);
    match category {
        Category::UsPlatform => outcome.fix(Message::new("checkup-mail-provider-fix-us-platform")),
        _ => outcome,
    }
}

/// An SPF record read: its `all` qualifier and the DNS lookups it costs.
#[derive(Debug, Default, PartialEq)]
struct SpfReading {
    all: Option<char>,
    redirect: bool,
    lookups: usize,
    /// An include or redirect whose record could not be read.
    broken: Vec<String>,
}

async fn spf_records(ctx: &Ctx, name: &str) -> Result<Vec<String>, DnsError> {
    match ctx.dns.txt(name).await {
        Ok(txt) => Ok(txt.into_iter().filter(|t| is_spf(t)).collect()),
        Err(e) if e.is_empty() => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

fn is_spf(txt: &str) -> bool {
    let lower = txt.trim().to_ascii_lowercase();
    lower == "v=spf1" || lower.starts_with("v=spf1 ")
}

/// Counts the lookup terms through includes and redirects, as receivers do.
async fn read_spf(ctx: &Ctx, record: &str) -> SpfReading {
    let mut reading = SpfReading::default();
    let mut pending: Vec<(String, usize)> = vec![(record.to_string(), 0)];
    let mut seen: Vec<String> = Vec::new();
    let mut top = true;
    while let Some((text, depth)) = pending.pop() {
        for term in text.split_whitespace().skip(1) {
            let lower = term.to_ascii_lowercase();
            let (qualifier, mechanism) = match lower.chars().next() {
                Some(q @ ('+' | '-' | '~' | '?')) => (q, &lower[1..]),
                _ => ('+', lower.as_str()),
            };
            let name = mechanism.split_once([':', '=']).map(|(_, n)| n.to_string());
            let kind = mechanism.split([':', '=', '/']).next().unwrap_or_default();
            match kind {
                "all" if top => reading.all = Some(qualifier),
                "include" | "redirect" => {
                    reading.lookups += 1;
                    if kind == "redirect" && top {
                        reading.redirect = true;
                    }
                    let Some(name) = name else { continue };
                    if seen.contains(&name) || depth >= 10 || reading.lookups > SPF_LOOKUP_LIMIT {
                        continue;
                    }
                    seen.push(name.clone());
                    match spf_records(ctx, &name).await {
                        Ok(found) if found.len() == 1 => pending.push((found[0].clone(), depth + 1)),
                        _ => reading.broken.push(name),
                    }
                }
                "a" | "mx" | "ptr" | "exists" => reading.lookups += 1,
                _ => {}
            }
        }
        top = false;
    }
    reading
}

async fn spf(ctx: &Ctx, domain: &DomainName) -> Outcome {
    let records = match spf_records(ctx, domain.ascii()).await {
        Ok(records) => records,
        Err(e) => return Outcome::unknown(e.message(domain.ascii())),
    };
    let record = match records.as_slice() {
        [] => {
            return Outcome::fail(Message::new("checkup-mail-spf-none")).fix(Message::new("checkup-mail-spf-fix-none"));
        }
        [one] => one.clone(),
        _ => {
            return Outcome::fail(Message::new("checkup-mail-spf-several").arg("count", records.len()))
                .fix(Message::new("checkup-mail-spf-fix-several"))
                .fact("records", &records);
        }
    };
    let reading = read_spf(ctx, &record).await;
    let outcome = if reading.lookups > SPF_LOOKUP_LIMIT {
        Outcome::fail(Message::new("checkup-mail-spf-too-many-lookups").arg("count", reading.lookups))
            .fix(Message::new("checkup-mail-spf-fix-lookups"))
    } else if !reading.broken.is_empty() {
        Outcome::fail(Message::new("checkup-mail-spf-broken-include").arg("names", reading.broken.join(", ")))
            .fix(Message::new("checkup-mail-spf-fix-include"))
    } else {
        match reading.all {
            Some('-') | Some('~') => Outcome::pass(Message::new("checkup-mail-spf-ok").arg("record", &record)),
            Some('+') => Outcome::fail(Message::new("checkup-mail-spf-pass-all").arg("record", &record))
                .fix(Message::new("checkup-mail-spf-fix-all")),
            None if reading.redirect => Outcome::pass(Message::new("checkup-mail-spf-ok").arg("record", &record)),
            _ => Outcome::warning(2, Message::new("checkup-mail-spf-weak").arg("record", &record))
                .fix(Message::new("checkup-mail-spf-fix-all")),
        }
    };
    outcome.fact("record", &record).fact("lookups", reading.lookups)
}

async fn dkim(ctx: &Ctx, domain: &DomainName, mx: &Result<Mx, DnsError>) -> Outcome {
    let mut selectors: Vec<String> = ctx.config.dkim_selectors.clone();
    selectors.extend(COMMON_SELECTORS.iter().map(|s| s.to_string()));
    selectors.dedup();
    let lookups = selectors.iter().map(|s| {
        let name = format!("{s}._domainkey.{}", domain.ascii());
        async move { (s.clone(), ctx.dns.txt(&name).await) }
    });
    let mut found = Vec::new();
    let mut failure = None;
    for (selector, answer) in join_all(lookups).await {
        match answer {
            Ok(txt) if txt.iter().any(|t| is_dkim_key(t)) => found.push(selector),
            Ok(_) => {}
            Err(e) if e.is_empty() => {}
            Err(e) => failure = Some(e),
        }
    }
    if !found.is_empty() {
        return Outcome::pass(Message::new("checkup-mail-dkim-ok").arg("selectors", found.join(", ")))
            .fact("selectors", &found);
    }
    if let Some(e) = failure {
        return Outcome::unknown(e.message(&format!("_domainkey.{}", domain.ascii())));
    }
    if matches!(mx, Ok(Mx::Null) | Ok(Mx::None)) {
        return Outcome::unknown(Message::new("checkup-mail-dkim-no-mail"));
    }
    // internet.nl's rule: `_domainkey` answering NOERROR means keys exist
    // under selectors not guessed; NXDOMAIN means none at all.
    match ctx.dns.txt(&format!("_domainkey.{}", domain.ascii())).await {
        Err(DnsError::NxDomain) => {
            Outcome::fail(Message::new("checkup-mail-dkim-none")).fix(Message::new("checkup-mail-dkim-fix-none"))
        }
        _ => Outcome::unknown(Message::new("checkup-mail-dkim-unknown-selector"))
            .fix(Message::new("checkup-mail-dkim-fix-selector")),
    }
}

fn is_dkim_key(txt: &str) -> bool {
    let tags: Vec<(String, String)> = txt
        .split(';')
        .filter_map(|t| t.split_once('=').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())))
        .collect();
    tags.iter().any(|(k, v)| k == "p" && !v.is_empty())
        && tags.iter().all(|(k, v)| k != "v" || v.eq_ignore_ascii_case("DKIM1"))
}

/// Runs the futures together (so the DNS questions or SMTP sessions go out
/// at once) and returns their outputs in order.
async fn join_all<F: std::future::Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut futures: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut results: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, slot) in futures.iter_mut().zip(results.iter_mut()) {
            if slot.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *slot = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    results.into_iter().flatten().collect()
}

/// `v=DMARC1; p=…` tags, lower-cased names.
fn tags(record: &str) -> Vec<(String, String)> {
    record
        .split(';')
        .filter_map(|t| t.split_once('=').map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())))
        .collect()
}

async fn dmarc(ctx: &Ctx, domain: &DomainName) -> Outcome {
    let name = format!("_dmarc.{}", domain.ascii());
    let records: Vec<String> = match ctx.dns.txt(&name).await {
        Ok(txt) => txt.into_iter().filter(|t| t.trim().to_ascii_lowercase().starts_with("v=dmarc1")).collect(),
        Err(e) if e.is_empty() => Vec::new(),
        Err(e) => return Outcome::unknown(e.message(&name)),
    };
    let record = match records.as_slice() {
        [] => {
            return Outcome::fail(Message::new("checkup-mail-dmarc-none"))
                .fix(Message::new("checkup-mail-dmarc-fix-none"));
        }
        [one] => one.clone(),
        _ => {
            return Outcome::fail(Message::new("checkup-mail-dmarc-several"))
                .fix(Message::new("checkup-mail-dmarc-fix-none"))
                .fact("records", &records);
        }
    };
    let tags = tags(&record);
    let tag = |name: &str| tags.iter().find(|(k, _)| k == name).map(|(_, v)| v.to_ascii_lowercase());
    let policy = tag("p").unwrap_or_default();
    let reports = tag("rua").unwrap_or_default();
    let outcome = match policy.as_str() {
        "reject" | "quarantine" if tag("pct").is_none_or(|p| p == "100") => {
            Outcome::pass(Message::new("checkup-mail-dmarc-ok").arg("policy", &policy))
        }
        "reject" | "quarantine" => {
            Outcome::warning(2, Message::new("checkup-mail-dmarc-partial").arg("policy", &policy))
                .fix(Message::new("checkup-mail-dmarc-fix-none-policy"))
        }
        "none" => Outcome::warning(2, Message::new("checkup-mail-dmarc-monitoring"))
            .fix(Message::new("checkup-mail-dmarc-fix-none-policy")),
        _ => Outcome::fail(Message::new("checkup-mail-dmarc-invalid").arg("record", &record))
            .fix(Message::new("checkup-mail-dmarc-fix-none")),
    };
    outcome.fact("record", &record).fact("policy", &policy).fact("rua", &reports)
}

async fn mta_sts(ctx: &Ctx, domain: &DomainName, mx: &Result<Mx, DnsError>) -> Outcome {
    if matches!(mx, Ok(Mx::Null) | Ok(Mx::None)) {
        return Outcome::unknown(Message::new("checkup-mail-no-mx"));
    }
    let name = format!("_mta-sts.{}", domain.ascii());
    let record = match ctx.dns.txt(&name).await {
        Ok(txt) => txt.into_iter().find(|t| t.trim().to_ascii_lowercase().starts_with("v=stsv1")),
        Err(e) if e.is_empty() => None,
        Err(e) => return Outcome::unknown(e.message(&name)),
    };
    let Some(record) = record else {
        return Outcome::warning(0, Message::new("checkup-mail-mta-sts-none"))
            .fix(Message::new("checkup-mail-mta-sts-fix"));
    };
    let Ok(url) = Url::parse(&format!("https://mta-sts.{}/.well-known/mta-sts.txt", domain.ascii())) else {
        return Outcome::unknown(Message::new("checkup-mail-mta-sts-no-policy"));
    };
    let policy = match http::get(ctx, &url, MAX_POLICY_BYTES).await {
        Ok(r) if r.status == 200 && r.tls.as_ref().is_some_and(|t| t.verdict == Verdict::Valid) => {
            String::from_utf8_lossy(&r.body).into_owned()
        }
        _ => {
            return Outcome::warning(0, Message::new("checkup-mail-mta-sts-no-policy"))
                .fix(Message::new("checkup-mail-mta-sts-fix"))
                .fact("record", &record);
        }
    };
    let mode = policy
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.trim() == "mode").map(|(_, v)| v.trim().to_string()))
        .unwrap_or_default();
    let outcome = match mode.as_str() {
        "enforce" => Outcome::pass(Message::new("checkup-mail-mta-sts-ok")),
        _ => Outcome::warning(5, Message::new("checkup-mail-mta-sts-testing").arg("mode", &mode))
            .fix(Message::new("checkup-mail-mta-sts-fix")),
    };
    outcome.fact("record", &record).fact("mode", &mode)
}

async fn tls_rpt(ctx: &Ctx, domain: &DomainName, mx: &Result<Mx, DnsError>) -> Outcome {
    if matches!(mx, Ok(Mx::Null) | Ok(Mx::None)) {
        return Outcome::unknown(Message::new("checkup-mail-no-mx"));
    }
    let name = format!("_smtp._tls.{}", domain.ascii());
    match ctx.dns.txt(&name).await {
        Ok(txt) => match txt.into_iter().find(|t| t.trim().to_ascii_lowercase().starts_with("v=tlsrptv1")) {
            Some(record) => Outcome::pass(Message::new("checkup-mail-tls-rpt-ok")).fact("record", record),
            None => Outcome::warning(0, Message::new("checkup-mail-tls-rpt-none"))
                .fix(Message::new("checkup-mail-tls-rpt-fix")),
        },
        Err(e) if e.is_empty() => {
            Outcome::warning(0, Message::new("checkup-mail-tls-rpt-none")).fix(Message::new("checkup-mail-tls-rpt-fix"))
        }
        Err(e) => Outcome::unknown(e.message(&name)),
    }
}

/// What one MX host said to STARTTLS.
#[derive(Debug, Clone, serde::Serialize)]
struct Probe {
    host: String,
    starttls: Option<bool>,
    tls_version: Option<String>,
    certificate: Option<Verdict>,
    error: Option<String>,
}

async fn starttls(ctx: &Ctx, mx: &Result<Mx, DnsError>) -> Outcome {
    let hosts = match mx {
        Ok(Mx::Hosts(hosts)) => hosts,
        Ok(_) => return Outcome::unknown(Message::new("checkup-mail-no-mx")),
        Err(e) => return Outcome::unknown(e.message("MX")),
    };
    let probes = join_all(hosts.iter().take(MAX_MX_PROBED).map(|(_, host)| probe(ctx, host))).await;
    let without: Vec<&str> = probes.iter().filter(|p| p.starttls == Some(false)).map(|p| p.host.as_str()).collect();
    let failed: Vec<&Probe> = probes.iter().filter(|p| p.starttls.is_none()).collect();
    let outcome = if !without.is_empty() {
        Outcome::fail(Message::new("checkup-mail-starttls-missing").arg("hosts", without.join(", ")))
            .fix(Message::new("checkup-mail-starttls-fix"))
    } else if failed.len() == probes.len() {
        let first = failed.first().map(|p| (p.host.clone(), p.error.clone().unwrap_or_default())).unwrap_or_default();
        Outcome::unknown(Message::new("checkup-unknown-smtp").arg("host", first.0).arg("reason", first.1))
    } else {
        let names: Vec<&str> = probes.iter().filter(|p| p.starttls == Some(true)).map(|p| p.host.as_str()).collect();
        let bad_certificate = probes.iter().any(|p| p.certificate.as_ref().is_some_and(|c| *c != Verdict::Valid));
        let message = if bad_certificate { "checkup-mail-starttls-ok-certificate" } else { "checkup-mail-starttls-ok" };
        Outcome::pass(Message::new(message).arg("hosts", names.join(", ")))
    };
    outcome.fact("probes", &probes)
}

async fn probe(ctx: &Ctx, host: &str) -> Probe {
    let mut probe = Probe { host: host.to_string(), starttls: None, tls_version: None, certificate: None, error: None };
    if let Err(e) = talk(ctx, host, &mut probe).await {
        probe.error = Some(e);
    }
    probe
}

/// Banner, EHLO, STARTTLS, handshake, QUIT.
async fn talk(ctx: &Ctx, host: &str, probe: &mut Probe) -> Result<(), String> {
    let addresses = http::addresses(ctx, host).await.map_err(|e| format!("{e:?}"))?;
    let (stream, _) = http::connect(&addresses, ctx.config.smtp_port).await?;
    let mut stream = BufReader::new(stream);
    reply(&mut stream, "220").await?;
    stream.get_mut().write_all(b"EHLO checkup.preau.invalid\r\n").await.map_err(|e| e.to_string())?;
    let lines = reply(&mut stream, "250").await?;
    let offered = lines.iter().any(|l| l.get(4..).is_some_and(|k| k.trim().eq_ignore_ascii_case("STARTTLS")));
    probe.starttls = Some(offered);
    if !offered {
        let _ = stream.get_mut().write_all(b"QUIT\r\n").await;
        return Ok(());
    }
    stream.get_mut().write_all(b"STARTTLS\r\n").await.map_err(|e| e.to_string())?;
    reply(&mut stream, "220").await?;
    let (mut tls, handshake) = ctx.trust.connect(stream.into_inner(), host).await?;
    probe.tls_version = Some(handshake.version);
    probe.certificate = Some(handshake.verdict);
    let _ = tls.write_all(b"QUIT\r\n").await;
    let _ = tls.shutdown().await;
    Ok(())
}

/// Reads one SMTP reply (its continuation lines too); it must have `code`.
async fn reply<R: tokio::io::AsyncBufRead + Unpin>(reader: &mut R, code: &str) -> Result<Vec<String>, String> {
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        let read = tokio::time::timeout(SMTP_LINE_TIMEOUT, reader.read_line(&mut line))
            .await
            .map_err(|_| "no answer".to_string())?
            .map_err(|e| e.to_string())?;
        if read == 0 || line.len() > 2048 || lines.len() > 100 {
            return Err("connection closed".into());
        }
        let line = line.trim_end().to_string();
        let last = line.as_bytes().get(3) != Some(&b'-');
        if !line.starts_with(code) {
            return Err(format!("unexpected reply: {line}"));
        }
        lines.push(line);
        if last {
            return Ok(lines);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dkim_keys_need_a_public_key() {
        assert!(is_dkim_key("v=DKIM1; k=rsa; p=MIIBIjANBg"));
        assert!(is_dkim_key("p=abc"));
        assert!(!is_dkim_key("v=DKIM1; p="));
        assert!(!is_dkim_key("v=spf1 -all"));
    }

    #[test]
    fn spf_records_are_recognised() {
        assert!(is_spf("v=spf1 -all") && is_spf("V=SPF1 include:_spf.google.com ~all") && is_spf("v=spf1"));
        assert!(!is_spf("v=spf10") && !is_spf("google-site-verification=x"));
    }

    #[test]
    fn dmarc_tags() {
        let t = tags("v=DMARC1; p=Quarantine; rua=mailto:d@exemple.fr;");
        assert_eq!(t[1], ("p".to_string(), "Quarantine".to_string()));
        assert_eq!(t.len(), 3);
    }
}
