//! The project's own tables (`data/*.tsv`, CC0-1.0, see `data/README.md`):
//! mail providers by MX host, trackers by host, web and DNS hosts by
//! address block or host name. Read once from the binary.

use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::sync::LazyLock;

/// Who a provider or host is, as far as data protection goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A big US company: US law applies whatever the data centre.
    UsPlatform,
    /// A company established in the EU, Switzerland or the UK.
    EuCommercial,
    /// An association, a cooperative, a CHATONS member.
    Associative,
    /// Under the checked domain itself.
    SelfHosted,
}

impl Category {
    fn parse(code: &str) -> Option<Category> {
        match code {
            "us-platform" => Some(Category::UsPlatform),
            "eu-commercial" => Some(Category::EuCommercial),
            "associative" => Some(Category::Associative),
            "self-hosted" => Some(Category::SelfHosted),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Category::UsPlatform => "us-platform",
            Category::EuCommercial => "eu-commercial",
            Category::Associative => "associative",
            Category::SelfHosted => "self-hosted",
        }
    }
}

/// An organisation found in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub category: Category,
    pub country: String,
}

/// A tracker's owner and purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracker {
    /// The table's entry that matched.
    pub host: String,
    pub company: String,
    pub purpose: String,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').map(str::trim).collect())
}

static MAIL: LazyLock<Vec<(String, Organisation)>> = LazyLock::new(|| {
    rows(include_str!("../data/mail-providers.tsv"))
        .filter_map(|r| {
            let org = Organisation {
                name: r.get(1)?.to_string(),
                category: Category::parse(r.get(2)?)?,
                country: r.get(3)?.to_string(),
            };
            Some((r.first()?.to_string(), org))
        })
        .collect()
});

static TRACKERS: LazyLock<Vec<Tracker>> = LazyLock::new(|| {
    rows(include_str!("../data/trackers.tsv"))
        .filter_map(|r| {
            Some(Tracker {
                host: r.first()?.to_string(),
                company: r.get(1)?.to_string(),
                purpose: r.get(2)?.to_string(),
            })
        })
        .collect()
});

/// A block: first address and prefix length, as 128-bit numbers (IPv4 mapped).
type Block = (u128, u32);

/// Address blocks, then host-name suffixes.
type Hosts = (Vec<(Block, Organisation)>, Vec<(String, Organisation)>);

static HOSTING: LazyLock<Hosts> = LazyLock::new(|| {
    let mut blocks = Vec::new();
    let mut suffixes = Vec::new();
    for r in rows(include_str!("../data/hosting.tsv")) {
        let (Some(kind), Some(key), Some(name), Some(category), Some(country)) =
            (r.first(), r.get(1), r.get(2), r.get(3).and_then(|c| Category::parse(c)), r.get(4))
        else {
            continue;
        };
        let org = Organisation { name: name.to_string(), category, country: country.to_string() };
        match *kind {
            "cidr" => {
                if let Some(block) = parse_block(key) {
                    blocks.push((block, org));
                }
            }
            _ => suffixes.push((key.to_string(), org)),
        }
    }
    (blocks, suffixes)
});

fn as_u128(ip: IpAddr) -> (u128, u32) {
    match ip {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)) | 0xffff_0000_0000, 96),
        IpAddr::V6(v6) => (u128::from(v6), 0),
    }
}

fn parse_block(text: &str) -> Option<Block> {
    let (address, length) = text.split_once('/')?;
    let (start, offset) = as_u128(address.parse().ok()?);
    let length: u32 = length.parse().ok()?;
    Some((start, length + offset))
}

fn within(ip: IpAddr, (start, length): Block) -> bool {
    let (value, _) = as_u128(ip);
    let mask = if length == 0 { 0 } else { u128::MAX << (128 - length.min(128)) };
    value & mask == start & mask
}

/// `host` is `suffix` or ends with `.suffix`.
fn under(host: &str, suffix: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == suffix || host.ends_with(&format!(".{suffix}"))
}

/// The provider of a mail host (an MX target), from the table.
pub fn mail_provider_of(mx_host: &str) -> Option<Organisation> {
    MAIL.iter().find(|(suffix, _)| under(mx_host, suffix)).map(|(_, o)| o.clone())
}

/// The tracker a host belongs to, the most specific entry first.
pub fn tracker_of(host: &str) -> Option<Tracker> {
    TRACKERS.iter().filter(|t| under(host, &t.host)).max_by_key(|t| t.host.len()).cloned()
}

/// Every tracker entry, to look for their names in a page's scripts.
pub(crate) fn trackers() -> &'static [Tracker] {
    &TRACKERS
}

/// The host of an address, from the table's blocks.
pub fn hosting_by_address(ip: IpAddr) -> Option<Organisation> {
    HOSTING.0.iter().filter(|(b, _)| within(ip, *b)).max_by_key(|((_, len), _)| *len).map(|(_, o)| o.clone())
}

/// The host behind a name (a CNAME target, a name server), from the table's suffixes.
pub(crate) fn hosting_by_name(host: &str) -> Option<Organisation> {
    HOSTING.1.iter().find(|(suffix, _)| under(host, suffix)).map(|(_, o)| o.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_read_whole() {
        assert!(MAIL.len() >= 40, "{}", MAIL.len());
        assert!(TRACKERS.len() >= 50);
        assert!(HOSTING.0.len() >= 70 && HOSTING.1.len() >= 20);
    }

    #[test]
    fn mail_providers_by_mx() {
        assert_eq!(mail_provider_of("ASPMX.L.GOOGLE.COM.").unwrap().name, "Google Workspace");
        let m365 = mail_provider_of("asso-exemple-fr.mail.protection.outlook.com").unwrap();
        assert_eq!((m365.name.as_str(), m365.category), ("Microsoft 365", Category::UsPlatform));
        assert_eq!(mail_provider_of("mx1.mail.ovh.net").unwrap().category, Category::EuCommercial);
        assert_eq!(mail_provider_of("mail.ouvaton.coop").unwrap().category, Category::Associative);
        assert_eq!(mail_provider_of("notgoogle.com"), None);
        assert_eq!(mail_provider_of("mx.exemple.fr"), None);
    }

    #[test]
    fn trackers_by_host() {
        assert_eq!(tracker_of("www.google-analytics.com").unwrap().purpose, "analytics");
        assert_eq!(tracker_of("connect.facebook.net").unwrap().purpose, "advertising");
        assert_eq!(tracker_of("static.facebook.net").unwrap().purpose, "social");
        assert_eq!(tracker_of("cdn.exemple.fr"), None);
        assert_eq!(tracker_of("evilgoogle-analytics.com"), None);
    }

    #[test]
    fn hosts_by_block_and_name() {
        assert_eq!(hosting_by_address("185.199.108.153".parse().unwrap()).unwrap().name, "GitHub Pages");
        assert_eq!(hosting_by_address("51.91.3.4".parse().unwrap()).unwrap().name, "OVHcloud");
        assert_eq!(hosting_by_address("2001:41d0:302::1".parse().unwrap()).unwrap().name, "OVHcloud");
        assert_eq!(hosting_by_address("2606:4700:3031::1".parse().unwrap()).unwrap().name, "Cloudflare");
        assert_eq!(hosting_by_address("192.0.2.1".parse().unwrap()), None);
        assert_eq!(hosting_by_address("127.0.0.1".parse().unwrap()), None);
        // An IPv4 block never matches an IPv6 address that shares its bits.
        assert_eq!(hosting_by_address("::3.1.2.3".parse().unwrap()), None);
        assert_eq!(hosting_by_name("asso.github.io.").unwrap().name, "GitHub Pages");
        assert_eq!(hosting_by_name("dns101.ovh.net").unwrap().category, Category::EuCommercial);
    }
}
