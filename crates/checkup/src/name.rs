//! The domain to check, as typed: Unicode or punycode, any case, a final dot
//! or not. Refused with a reason when it cannot be a registered domain name.

use std::fmt;

/// A checked domain name, in both spellings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DomainName {
    ascii: String,
    unicode: String,
}

/// Why a name was refused. [`NameError::key`] gives the message key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    /// A URL or an email address rather than a name.
    NotAName,
    /// An IP address.
    Address,
    /// One label only (`localhost`, `fr`).
    SingleLabel,
    /// Characters or lengths DNS does not allow, or invalid punycode.
    Invalid,
}

impl NameError {
    pub fn key(&self) -> &'static str {
        match self {
            NameError::Empty => "checkup-error-domain-empty",
            NameError::NotAName => "checkup-error-domain-not-a-name",
            NameError::Address => "checkup-error-domain-address",
            NameError::SingleLabel => "checkup-error-domain-single-label",
            NameError::Invalid => "checkup-error-domain-invalid",
        }
    }
}

impl fmt::Display for NameError {
    /// Both languages, for the command line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameError::Empty => "no domain given / aucun domaine indiqué",
            NameError::NotAName => {
                "give the domain alone, without http:// nor an address (example.org) / indiquez le domaine seul, sans http:// ni adresse (exemple.fr)"
            }
            NameError::Address => "an IP address is not a domain / une adresse IP n'est pas un domaine",
            NameError::SingleLabel => {
                "a domain has at least two parts (example.org) / un domaine a au moins deux parties (exemple.fr)"
            }
            NameError::Invalid => {
                "not a valid domain name (letters, digits and hyphens, 63 characters a part) / nom de domaine invalide"
            }
        })
    }
}

impl std::error::Error for NameError {}

impl DomainName {
    /// Reads a typed domain.
    pub fn parse(input: &str) -> Result<DomainName, NameError> {
        let trimmed = input.trim();
        let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
        if trimmed.is_empty() {
            return Err(NameError::Empty);
        }
        if trimmed.contains("://") || trimmed.contains(['@', '/', '?', '#']) {
            return Err(NameError::NotAName);
        }
        if trimmed.parse::<std::net::IpAddr>().is_ok()
            || trimmed.trim_start_matches('[').trim_end_matches(']').parse::<std::net::Ipv6Addr>().is_ok()
        {
            return Err(NameError::Address);
        }
        let ascii = idna::domain_to_ascii_strict(trimmed).map_err(|_| NameError::Invalid)?;
        if ascii.is_empty() {
            return Err(NameError::Invalid);
        }
        let labels: Vec<&str> = ascii.split('.').collect();
        if labels.len() < 2 {
            return Err(NameError::SingleLabel);
        }
        let ldh = |l: &&str| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        if ascii.len() > 253 || !labels.iter().all(ldh) {
            return Err(NameError::Invalid);
        }
        // An all-digit last label is an address written oddly, not a domain.
        if labels.last().is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit())) {
            return Err(NameError::Address);
        }
        let (unicode, checked) = idna::domain_to_unicode(&ascii);
        checked.map_err(|_| NameError::Invalid)?;
        Ok(DomainName { ascii, unicode })
    }

    /// As asked in DNS (`xn--…` for international names).
    pub fn ascii(&self) -> &str {
        &self.ascii
    }

    /// As people write it.
    pub fn unicode(&self) -> &str {
        &self.unicode
    }

    /// Whether `host` is this domain or one of its sub-domains.
    pub fn covers(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        host == self.ascii || host.ends_with(&format!(".{}", self.ascii))
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.unicode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_and_punycode_both_ways() {
        let typed = DomainName::parse("Élysée.FR.").unwrap();
        assert_eq!(typed.ascii(), "xn--lyse-9oad.fr");
        assert_eq!(typed.unicode(), "élysée.fr");
        let puny = DomainName::parse("xn--lyse-9oad.fr").unwrap();
        assert_eq!(puny, typed);
        assert_eq!(DomainName::parse(" asso-exemple.fr ").unwrap().ascii(), "asso-exemple.fr");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(DomainName::parse("  "), Err(NameError::Empty));
        assert_eq!(DomainName::parse("https://exemple.fr/"), Err(NameError::NotAName));
        assert_eq!(DomainName::parse("contact@exemple.fr"), Err(NameError::NotAName));
        assert_eq!(DomainName::parse("192.0.2.1"), Err(NameError::Address));
        assert_eq!(DomainName::parse("[2001:db8::1]"), Err(NameError::Address));
        assert_eq!(DomainName::parse("localhost"), Err(NameError::SingleLabel));
        assert_eq!(DomainName::parse("exa mple.fr"), Err(NameError::Invalid));
        assert_eq!(DomainName::parse("-bad.fr"), Err(NameError::Invalid));
        assert_eq!(DomainName::parse("under_score.fr"), Err(NameError::Invalid));
        assert_eq!(DomainName::parse("a..b.fr"), Err(NameError::Invalid));
        assert_eq!(DomainName::parse(&format!("{}.fr", "a".repeat(64))), Err(NameError::Invalid));
        assert_eq!(DomainName::parse("xn--zz.fr"), Err(NameError::Invalid));
        for error in [NameError::Empty, NameError::Invalid] {
            assert!(error.to_string().contains(" / "));
        }
    }

    #[test]
    fn covers_its_sub_domains_only() {
        let d = DomainName::parse("exemple.fr").unwrap();
        assert!(d.covers("exemple.fr") && d.covers("www.Exemple.fr.") && d.covers("a.b.exemple.fr"));
        assert!(!d.covers("autre-exemple.fr") && !d.covers("exemple.fr.evil.com"));
    }
}
