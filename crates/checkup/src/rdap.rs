//! RDAP (RFC 9082/9083): the registry's record of a domain. The base URL is
//! the configured one, else the one IANA's bootstrap file (RFC 9224) gives
//! for the domain's TLD.

use crate::Ctx;
use crate::http::{self, FetchError};
use crate::report::Message;
use serde::Serialize;
use serde_json::Value;
use url::Url;

/// An RDAP answer is small; a bigger one is not read further.
const MAX_RDAP_BYTES: usize = 1024 * 1024;
const MAX_BOOTSTRAP_BYTES: usize = 4 * 1024 * 1024;

/// IANA's bootstrap: the TLDs of each RDAP service, and its base URL.
pub(crate) type Services = Vec<(Vec<String>, String)>;

/// What the registry says of a domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Registration {
    pub registrar: Option<String>,
    /// Unix seconds.
    pub expires: Option<i64>,
    pub registered: Option<i64>,
    pub status: Vec<String>,
    pub nameservers: Vec<String>,
    pub delegation_signed: Option<bool>,
}

/// Why there is no registration to show.
#[derive(Debug, Clone)]
pub(crate) enum RdapError {
    NotFound,
    RateLimited(Option<String>),
    NoServer(String),
    Status(u16),
    Fetch(Url, FetchError),
    Invalid(String),
}

impl RdapError {
    pub fn message(&self, domain: &str) -> Message {
        match self {
            RdapError::NotFound => Message::new("checkup-unknown-rdap-not-found").arg("domain", domain),
            RdapError::RateLimited(after) => Message::new("checkup-unknown-rdap-rate-limited")
                .arg("after", after.clone().unwrap_or_else(|| "?".into())),
            RdapError::NoServer(tld) => Message::new("checkup-unknown-rdap-no-server").arg("tld", tld),
            RdapError::Status(code) => Message::new("checkup-unknown-rdap-status").arg("status", code),
            RdapError::Fetch(url, e) => e.message(url),
            RdapError::Invalid(reason) => Message::new("checkup-unknown-rdap-invalid").arg("reason", reason),
        }
    }
}

async fn base_url(ctx: &Ctx, domain: &str) -> Result<String, RdapError> {
    if let Some(base) = &ctx.config.rdap_base {
        return Ok(base.clone());
    }
    let services = ctx
        .rdap_bootstrap
        .get_or_init(|| async {
            let url = Url::parse(&ctx.config.rdap_bootstrap).map_err(|e| e.to_string())?;
            let response = http::get(ctx, &url, MAX_BOOTSTRAP_BYTES).await.map_err(|e| format!("{e:?}"))?;
            let json: Value = serde_json::from_slice(&response.body).map_err(|e| e.to_string())?;
            Ok(bootstrap_services(&json))
        })
        .await;
    let tld = domain.rsplit('.').next().unwrap_or_default().to_string();
    let services = services.as_ref().map_err(|_| RdapError::NoServer(tld.clone()))?;
    services
        .iter()
        .find(|(tlds, _)| tlds.iter().any(|t| t.eq_ignore_ascii_case(&tld)))
        .map(|(_, url)| url.clone())
        .ok_or(RdapError::NoServer(tld))
}

/// `services: [[["fr","re"], ["https://rdap.nic.fr/"]], …]`, the HTTPS URL of each.
fn bootstrap_services(json: &Value) -> Services {
    let Some(services) = json.get("services").and_then(Value::as_array) else { return Vec::new() };
    services
        .iter()
        .filter_map(|service| {
            let tlds = service.get(0)?.as_array()?.iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
            let urls = service.get(1)?.as_array()?;
            let url =
                urls.iter().filter_map(Value::as_str).find(|u| u.starts_with("https://")).or(urls.first()?.as_str())?;
            Some((tlds, url.to_string()))
        })
        .collect()
}

/// The registry's record of `domain` (ASCII).
pub(crate) async fn lookup(ctx: &Ctx, domain: &str) -> Result<Registration, RdapError> {
    let base = base_url(ctx, domain).await?;
    let base = if base.ends_with('/') { base } else { format!("{base}/") };
    let url = Url::parse(&base)
        .and_then(|b| b.join(&format!("domain/{domain}")))
        .map_err(|e| RdapError::Invalid(format!("{base}: {e}")))?;
    let response = http::get(ctx, &url, MAX_RDAP_BYTES).await.map_err(|e| RdapError::Fetch(url.clone(), e))?;
    match response.status {
        200 => {}
        404 => return Err(RdapError::NotFound),
        429 => return Err(RdapError::RateLimited(response.header("retry-after").map(str::to_string))),
        other => return Err(RdapError::Status(other)),
    }
    if let Some(handshake) = &response.tls
        && handshake.verdict != crate::tls::Verdict::Valid
    {
        return Err(RdapError::Invalid(format!("certificate: {:?}", handshake.verdict)));
    }
    let json: Value = serde_json::from_slice(&response.body).map_err(|e| RdapError::Invalid(e.to_string()))?;
    Ok(parse(&json))
}

pub(crate) fn parse(json: &Value) -> Registration {
    let event = |action: &str| {
        json.get("events")?.as_array()?.iter().find_map(|e| {
            (e.get("eventAction")?.as_str()? == action)
                .then(|| e.get("eventDate")?.as_str())
                .flatten()
                .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
                .map(|d| d.timestamp())
        })
    };
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_lowercase)).collect())
            .unwrap_or_default()
    };
    let registrar = json.get("entities").and_then(Value::as_array).and_then(|entities| {
        entities.iter().find_map(|e| {
            let roles = strings(e.get("roles"));
            roles.iter().any(|r| r == "registrar").then(|| vcard_name(e)).flatten()
        })
    });
    let nameservers = json
        .get("nameservers")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|n| n.get("ldhName")?.as_str().map(|s| s.trim_end_matches('.').to_lowercase()))
                .collect()
        })
        .unwrap_or_default();
    Registration {
        registrar,
        expires: event("expiration"),
        registered: event("registration"),
        status: strings(json.get("status")),
        nameservers,
        delegation_signed: json.get("secureDNS").and_then(|s| s.get("delegationSigned")).and_then(Value::as_bool),
    }
}

/// The `fn` of a jCard (`["vcard", [["fn", {}, "text", "Gandi SAS"], …]]`), else its handle.
fn vcard_name(entity: &Value) -> Option<String> {
    let card = entity.get("vcardArray")?.get(1)?.as_array();
    card.and_then(|props| {
        props
            .iter()
            .find_map(|p| (p.get(0)?.as_str()? == "fn").then(|| p.get(3)?.as_str().map(str::to_string)).flatten())
    })
    .or_else(|| entity.get("handle")?.as_str().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_afnic_like_answer() {
        let json: Value = serde_json::from_str(
            r#"{"objectClassName":"domain","ldhName":"exemple.fr","status":["active","client transfer prohibited"],
            "events":[{"eventAction":"registration","eventDate":"2010-03-01T10:00:00Z"},
                      {"eventAction":"expiration","eventDate":"2027-03-01T10:00:00Z"}],
            "entities":[{"roles":["registrar"],"handle":"1234","vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Gandi SAS"]]]},
                        {"roles":["registrant"],"handle":"X"}],
            "nameservers":[{"ldhName":"NS1.Gandi.net."},{"ldhName":"ns2.gandi.net"}],
            "secureDNS":{"delegationSigned":true}}"#,
        )
        .unwrap();
        let r = parse(&json);
        assert_eq!(r.registrar.as_deref(), Some("Gandi SAS"));
        assert_eq!(r.expires, Some(1_803_895_200));
        assert_eq!(r.status, ["active", "client transfer prohibited"]);
        assert_eq!(r.nameservers, ["ns1.gandi.net", "ns2.gandi.net"]);
        assert_eq!(r.delegation_signed, Some(true));
        assert_eq!(parse(&Value::Null), Registration::default());
    }

    #[test]
    fn bootstrap_prefers_https() {
        let json: Value = serde_json::from_str(
            r#"{"services":[[["fr","re"],["http://x/","https://rdap.nic.fr/"]],[["com"],["https://rdap.verisign.com/com/v1/"]]]}"#,
        )
        .unwrap();
        let services = bootstrap_services(&json);
        assert_eq!(services[0], (vec!["fr".to_string(), "re".to_string()], "https://rdap.nic.fr/".to_string()));
        assert_eq!(services.len(), 2);
    }
}
