//! Validation of what people type. Errors name the field and a message key
//! (translated by the web layer), so a form can show each error next to its field.

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's name.
    pub field: &'static str,
    /// The Fluent message key explaining the problem.
    pub key: &'static str,
}

/// Everything wrong with one submission.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    /// Records a problem with `field`.
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        self.0.push(FieldError { field, key });
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn into_result<T>(self, value: T) -> Result<T, Invalid> {
        if self.0.is_empty() { Ok(value) } else { Err(self) }
    }

    /// The first problem recorded for `field`.
    pub fn for_field(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.key)
    }
}

/// Normalises and checks an email address: trimmed, lower-cased, one `@`,
/// a dotted domain, no spaces. Deliberately simple: the real test is the mail sent.
pub fn email(raw: &str) -> Option<String> {
    let e = raw.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let ok = !local.is_empty()
        && local.len() <= 64
        && e.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !e.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
        && !domain.contains('@');
    ok.then_some(e)
}

/// A slug: 2 to 40 characters among `a-z`, `0-9` and `-`, not starting or ending with `-`.
pub fn slug(raw: &str) -> Option<String> {
    let s = raw.trim();
    let ok = (2..=40).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    ok.then(|| s.to_string())
}

/// Builds a slug from a name: accents folded, other characters turned into dashes.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            'æ' => {
                out.push('a');
                'e'
            }
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if folded != '-' || !out.ends_with('-') {
            out.push(folded);
        }
    }
    let trimmed: String = out.trim_matches('-').chars().take(40).collect();
    let trimmed = trimmed.trim_end_matches('-').to_string();
    if trimmed.len() < 2 { format!("asso-{trimmed}").trim_end_matches('-').to_string() } else { trimmed }
}

/// Minimum password length (ANSSI and CNIL guidance for passwords alone: 12).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Checks a new password: long enough, not absurdly long (Argon2 input bound).
pub fn password(raw: &str) -> Result<(), &'static str> {
    let n = raw.chars().count();
    if n < MIN_PASSWORD_CHARS {
        Err("error-password-short")
    } else if raw.len() > 1024 {
        Err("error-too-long")
    } else {
        Ok(())
    }
}

/// A required one-line text of at most `max` characters, trimmed.
pub fn line(raw: &str, max: usize) -> Result<String, &'static str> {
    let s = raw.trim();
    if s.is_empty() {
        Err("error-required")
    } else if s.chars().count() > max || s.chars().any(char::is_control) {
        Err("error-too-long")
    } else {
        Ok(s.to_string())
    }
}

/// A SIREN number: 9 digits with a valid Luhn checksum (spaces allowed).
pub fn siren(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) && luhn(&digits)).then_some(digits)
}

/// An RNA number: `W` followed by 9 digits (the associations' national register).
pub fn rna(raw: &str) -> Option<String> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    (s.len() == 10 && s.starts_with('W') && s[1..].bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// An IBAN (spaces allowed, any case): two letters, two check digits, up
/// to 30 letters or digits, and the ISO 13616 checksum (mod 97 = 1).
pub fn iban(raw: &str) -> bool {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if !(15..=34).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let (head, rest) = s.split_at(4);
    if !head[..2].bytes().all(|b| b.is_ascii_uppercase()) || !head[2..].bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    // Move the first four characters to the end, letters as 10..35, and reduce digit by digit.
    let remainder = rest.bytes().chain(head.bytes()).fold(0_u32, |r, b| {
        let v = if b.is_ascii_digit() { u32::from(b - b'0') } else { u32::from(b - b'A') + 10 };
        if v >= 10 { (r * 100 + v) % 97 } else { (r * 10 + v) % 97 }
    });
    remainder == 1
}

fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {

    #[test]
    fn ibans_are_checked_by_their_checksum() {
        assert!(iban("FR76 3000 6000 0112 3456 7890 189"));
        assert!(iban("de89370400440532013000"));
        assert!(!iban("FR76 3000 6000 0112 3456 7890 188"), "one digit off");
        assert!(!iban("FR76"));
        assert!(!iban("7630 0060 0001 1234 5678 9018 9"));
    }

    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email(" Alice@Example.ORG "), Some("alice@example.org".into()));
        for bad in ["", "alice", "alice@", "@x.org", "a@b", "a b@x.org", "a@x..org", "a@@x.org", "a@x.org."] {
            assert_eq!(email(bad), None, "{bad}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("les-amis-du-preau"), Some("les-amis-du-preau".into()));
        for bad in ["a", "Les-Amis", "-x", "x-", "a b", &"x".repeat(41)] {
            assert_eq!(slug(bad), None, "{bad}");
        }
        assert_eq!(slugify("Les Amis du Préau !"), "les-amis-du-preau");
        assert_eq!(slugify("Œuvre d'art"), "oeuvre-d-art");
        assert!(slug(&slugify("é")).is_some());
    }

    #[test]
    fn passwords() {
        assert_eq!(password("court"), Err("error-password-short"));
        assert_eq!(password("assez-long-maintenant"), Ok(()));
    }

    #[test]
    fn siren_and_rna() {
        assert_eq!(siren("732 829 320"), Some("732829320".into()));
        assert_eq!(siren("732829321"), None);
        assert_eq!(siren("12345678"), None);
        assert_eq!(rna("w751234567"), Some("W751234567".into()));
        assert_eq!(rna("751234567"), None);
    }

    #[test]
    fn lines() {
        assert_eq!(line("  x ", 3), Ok("x".into()));
        assert_eq!(line("   ", 3), Err("error-required"));
        assert_eq!(line("abcd", 3), Err("error-too-long"));
    }
}
