//! The domain itself: its registration (RDAP), its name servers, DNSSEC.

use crate::dns::{DnsError, Validation};
use crate::rdap::{self, RdapError};
use crate::report::{CheckId, CheckResult, Message, Outcome};
use crate::tables::hosting_by_name;
use crate::{Ctx, DomainName, limited};
use hickory_resolver::proto::rr::{RData, RecordType};

/// Days before expiry from which renewal is urged.
const EXPIRY_WARNING_DAYS: i64 = 30;

pub(crate) async fn checks(ctx: &Ctx, domain: &DomainName, now: i64) -> Vec<CheckResult> {
    let (registration, nameservers, dnssec) = tokio::join!(
        limited(ctx, CheckId::Registration, registration(ctx, domain, now)),
        limited(ctx, CheckId::NameServers, nameservers(ctx, domain)),
        limited(ctx, CheckId::Dnssec, dnssec(ctx, domain)),
    );
    vec![registration, nameservers, dnssec]
}

async fn registration(ctx: &Ctx, domain: &DomainName, now: i64) -> Outcome {
    let found = match rdap::lookup(ctx, domain.ascii()).await {
        Ok(found) => found,
        Err(e @ RdapError::NotFound) => {
            return Outcome::unknown(e.message(domain.unicode()))
                .fix(Message::new("checkup-domain-registration-fix-not-found"));
        }
        Err(e) => return Outcome::unknown(e.message(domain.unicode())),
    };
    let days = found.expires.map(|t| (t - now).div_euclid(86_400));
    let date =
        found.expires.and_then(|t| chrono::DateTime::from_timestamp(t, 0)).map(|d| d.format("%Y-%m-%d").to_string());
    let registrar = found.registrar.clone().unwrap_or_else(|| "?".into());
    let troubled = found.status.iter().find(|s| {
        ["redemption period", "pending delete", "client hold", "server hold", "inactive"].contains(&s.as_str())
    });
    let outcome = if let Some(status) = troubled {
        Outcome::fail(Message::new("checkup-domain-registration-troubled").arg("status", status))
            .fix(Message::new("checkup-domain-registration-fix-renew").arg("registrar", &registrar))
    } else {
        match (days, &date) {
            (Some(d), Some(date)) if d < 0 => {
                Outcome::fail(Message::new("checkup-domain-registration-expired").arg("date", date))
                    .fix(Message::new("checkup-domain-registration-fix-renew").arg("registrar", &registrar))
            }
            (Some(d), Some(date)) if d <= EXPIRY_WARNING_DAYS => Outcome::warning(
                5,
                Message::new("checkup-domain-registration-expires-soon").arg("date", date).arg("days", d),
            )
            .fix(Message::new("checkup-domain-registration-fix-renew").arg("registrar", &registrar)),
            (Some(d), Some(date)) => Outcome::pass(
                Message::new("checkup-domain-registration-ok")
                    .arg("registrar", &registrar)
                    .arg("date", date)
                    .arg("days", d),
            )
            .fix(Message::new("checkup-domain-registration-fix-holder")),
            _ => Outcome::pass(Message::new("checkup-domain-registration-no-expiry").arg("registrar", &registrar))
                .fix(Message::new("checkup-domain-registration-fix-holder")),
        }
    };
    outcome
        .fact("registrar", &found.registrar)
        .fact("expires", &date)
        .fact("status", &found.status)
        .fact("nameservers", &found.nameservers)
        .fact("delegation_signed", found.delegation_signed)
}

async fn nameservers(ctx: &Ctx, domain: &DomainName) -> Outcome {
    let names: Vec<String> = match ctx.dns.records(domain.ascii(), RecordType::NS).await {
        Ok(records) => records
            .into_iter()
            .filter_map(|r| match r {
                RData::NS(ns) => Some(ns.0.to_ascii().trim_end_matches('.').to_lowercase()),
                _ => None,
            })
            .collect(),
        Err(DnsError::NxDomain) => {
            return Outcome::fail(Message::new("checkup-domain-nameservers-nxdomain").arg("domain", domain.unicode()))
                .fix(Message::new("checkup-domain-nameservers-fix-nxdomain"));
        }
        Err(DnsError::NoData) => Vec::new(),
        Err(e) => return Outcome::unknown(e.message(domain.ascii())),
    };
    let mut hosts: Vec<String> = names.iter().filter_map(|n| hosting_by_name(n)).map(|o| o.name).collect();
    hosts.dedup();
    let host = if hosts.is_empty() { "?".to_string() } else { hosts.join(", ") };
    let list = names.join(", ");
    let outcome = match names.len() {
        0 => Outcome::fail(Message::new("checkup-domain-nameservers-none"))
            .fix(Message::new("checkup-domain-nameservers-fix-add")),
        1 => Outcome::warning(5, Message::new("checkup-domain-nameservers-one").arg("names", &list))
            .fix(Message::new("checkup-domain-nameservers-fix-add")),
        n => Outcome::pass(
            Message::new("checkup-domain-nameservers-ok").arg("count", n).arg("names", &list).arg("host", host),
        ),
    };
    outcome.fact("nameservers", &names).fact("dns_host", &hosts)
}

async fn dnssec(ctx: &Ctx, domain: &DomainName) -> Outcome {
    match ctx.dns.records(domain.ascii(), RecordType::DNSKEY).await {
        Ok(_) => {}
        Err(e) if e.is_empty() => {
            return Outcome::warning(2, Message::new("checkup-domain-dnssec-absent"))
                .fix(Message::new("checkup-domain-dnssec-fix-enable"))
                .fact("signed", false);
        }
        Err(e) => return Outcome::unknown(e.message(domain.ascii())),
    }
    match ctx.dns.validate(domain.ascii()).await {
        Ok(Validation::Secure) => {
            Outcome::pass(Message::new("checkup-domain-dnssec-ok")).fact("signed", true).fact("validation", "secure")
        }
        Ok(Validation::Bogus) => Outcome::fail(Message::new("checkup-domain-dnssec-bogus"))
            .fix(Message::new("checkup-domain-dnssec-fix-bogus"))
            .fact("signed", true)
            .fact("validation", "bogus"),
        Ok(Validation::Insecure) => Outcome::warning(2, Message::new("checkup-domain-dnssec-unchained"))
            .fix(Message::new("checkup-domain-dnssec-fix-ds"))
            .fact("signed", true)
            .fact("validation", "insecure"),
        Err(e) => Outcome::unknown(e.message(domain.ascii())),
    }
}
