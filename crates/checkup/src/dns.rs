//! DNS questions, always to the configured resolver: one plain resolver and
//! one that validates DNSSEC (asked only for signed zones).

use crate::Config;
use crate::report::Message;
use hickory_resolver::config::{NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::dnssec::{Proof, TrustAnchors};
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use hickory_resolver::{Resolver, TokioResolver};
use std::net::IpAddr;
use std::sync::Arc;

/// Longest CNAME chain followed.
const MAX_CNAMES: usize = 8;

pub(crate) struct Dns {
    plain: TokioResolver,
    validating: TokioResolver,
}

/// Why a DNS question got no records.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DnsError {
    /// The name does not exist.
    NxDomain,
    /// The name exists, without records of that type.
    NoData,
    /// A CNAME chain that comes back on itself (or is too long).
    CnameLoop(String),
    /// The resolver did not answer, or answered with an error.
    Failed(String),
}

impl DnsError {
    /// True when the answer is a clear "nothing there".
    pub fn is_empty(&self) -> bool {
        matches!(self, DnsError::NxDomain | DnsError::NoData)
    }

    /// The reason a check could not conclude.
    pub fn message(&self, name: &str) -> Message {
        match self {
            DnsError::CnameLoop(at) => Message::new("checkup-unknown-cname-loop").arg("name", at),
            DnsError::Failed(reason) => Message::new("checkup-unknown-dns").arg("name", name).arg("reason", reason),
            DnsError::NxDomain | DnsError::NoData => Message::new("checkup-unknown-no-record").arg("name", name),
        }
    }
}

/// DNSSEC's verdict on an answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Validation {
    Secure,
    Insecure,
    Bogus,
}

impl Dns {
    pub fn new(config: &Config) -> Result<Dns, String> {
        let build = |anchors: Option<Arc<TrustAnchors>>, validate: bool| {
            let mut server = NameServerConfig::udp_and_tcp(config.resolver.ip());
            for connection in &mut server.connections {
                connection.port = config.resolver.port();
            }
            let mut options = ResolverOpts::default();
            options.timeout = config.dns_timeout;
            options.attempts = 1;
            options.cache_size = 4096;
            options.ndots = 0;
            options.validate = validate;
            options.try_tcp_on_error = true;
            let builder = Resolver::builder_with_config(
                ResolverConfig::from_name_servers(vec![server]),
                TokioRuntimeProvider::default(),
            )
            .with_options(options);
            let builder = match anchors {
                Some(anchors) => builder.with_trust_anchor(anchors),
                None => builder,
            };
            builder.build().map_err(|e| format!("resolver: {e}"))
        };
        Ok(Dns { plain: build(None, false)?, validating: build(config.trust_anchors.clone(), true)? })
    }

    /// The records of `rtype` at `name` (CNAMEs on the way left out).
    pub async fn records(&self, name: &str, rtype: RecordType) -> Result<Vec<RData>, DnsError> {
        let records = self.answer(&self.plain, name, rtype).await?;
        let wanted: Vec<RData> = records.into_iter().filter(|r| r.record_type() == rtype).map(|r| r.data).collect();
        if wanted.is_empty() { Err(DnsError::NoData) } else { Ok(wanted) }
    }

    async fn answer(&self, resolver: &TokioResolver, name: &str, rtype: RecordType) -> Result<Vec<Record>, DnsError> {
        let fqdn = Name::from_ascii(format!("{}.", name.trim_end_matches('.')))
            .map_err(|e| DnsError::Failed(format!("{name}: {e}")))?;
        match resolver.lookup(fqdn, rtype).await {
            Ok(lookup) => Ok(lookup.answers().to_vec()),
            Err(e) if e.is_nx_domain() => Err(DnsError::NxDomain),
            Err(e) if e.is_no_records_found() => Err(DnsError::NoData),
            Err(e) => {
                let text = e.to_string();
                if text.contains("CNAME") || text.contains("cname") || text.contains("depth") {
                    Err(DnsError::CnameLoop(name.to_string()))
                } else {
                    Err(DnsError::Failed(text))
                }
            }
        }
    }

    /// The TXT strings at `name`, each record's pieces joined.
    pub async fn txt(&self, name: &str) -> Result<Vec<String>, DnsError> {
        Ok(self
            .records(name, RecordType::TXT)
            .await?
            .into_iter()
            .filter_map(|r| match r {
                RData::TXT(txt) => {
                    Some(txt.txt_data.iter().map(|piece| String::from_utf8_lossy(piece).into_owned()).collect())
                }
                _ => None,
            })
            .collect())
    }

    /// Where `name` ends after its CNAMEs: the chain followed, then its
    /// addresses. A loop is an error, found by walking the chain ourselves.
    pub async fn host(&self, name: &str) -> Result<(Vec<String>, Vec<IpAddr>), DnsError> {
        let mut chain = vec![name.trim_end_matches('.').to_ascii_lowercase()];
        loop {
            let current = chain.last().cloned().unwrap_or_default();
            match self.records(&current, RecordType::CNAME).await {
                Ok(found) => {
                    let Some(RData::CNAME(target)) = found.into_iter().next() else { break };
                    let target = target.0.to_ascii().trim_end_matches('.').to_ascii_lowercase();
                    if chain.contains(&target) || chain.len() > MAX_CNAMES {
                        return Err(DnsError::CnameLoop(name.to_string()));
                    }
                    chain.push(target);
                }
                Err(DnsError::NoData) => break,
                Err(e) => return Err(e),
            }
        }
        let last = chain.last().cloned().unwrap_or_default();
        let (v4, v6) = tokio::join!(self.records(&last, RecordType::A), self.records(&last, RecordType::AAAA));
        let mut addresses: Vec<IpAddr> = Vec::new();
        for records in [&v4, &v6].into_iter().flatten() {
            addresses.extend(records.iter().filter_map(|r| match r {
                RData::A(a) => Some(IpAddr::V4(a.0)),
                RData::AAAA(a) => Some(IpAddr::V6(a.0)),
                _ => None,
            }));
        }
        if addresses.is_empty() {
            // Both empty: say so; a failure of either: report it.
            return Err(match (v4, v6) {
                (Err(e), _) if !e.is_empty() => e,
                (_, Err(e)) if !e.is_empty() => e,
                (Err(DnsError::NxDomain), _) => DnsError::NxDomain,
                _ => DnsError::NoData,
            });
        }
        Ok((chain, addresses))
    }

    /// DNSSEC's verdict on `name`'s SOA, asked of the validating resolver.
    pub async fn validate(&self, name: &str) -> Result<Validation, DnsError> {
        match self.answer(&self.validating, name, RecordType::SOA).await {
            Ok(records) => {
                let soa: Vec<&Record> = records.iter().filter(|r| r.record_type() == RecordType::SOA).collect();
                if soa.is_empty() {
                    return Err(DnsError::NoData);
                }
                Ok(if soa.iter().all(|r| r.proof == Proof::Secure) {
                    Validation::Secure
                } else if soa.iter().any(|r| r.proof == Proof::Bogus) {
                    Validation::Bogus
                } else {
                    Validation::Insecure
                })
            }
            Err(DnsError::Failed(reason)) if reason.contains("DNSSEC") || reason.to_lowercase().contains("bogus") => {
                Ok(Validation::Bogus)
            }
            Err(e) => Err(e),
        }
    }
}
