//! Members of an association (adhérent·es): their record and its checks.

use crate::validate::{self, Invalid};

/// A member's record, checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Member {
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    /// ISO date, `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    pub notes: String,
}

impl Member {
    /// The words a member is found by: names, email and city, folded and
    /// split on anything that is not a letter or digit, each once.
    pub fn search_words(&self) -> Vec<String> {
        let text =
            format!("{} {} {} {}", self.first_name, self.last_name, self.email.as_deref().unwrap_or(""), self.city);
        let mut words = words(&text);
        words.sort();
        words.dedup();
        words
    }
}

/// Folded words of a text, at most 40 characters each.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(40).collect())
        .collect()
}

/// The words of a search (at most five): each must start one of a member's words.
pub fn query_words(query: &str) -> Vec<String> {
    words(query).into_iter().take(5).collect()
}

/// The member form as typed.
#[derive(Debug, Clone, Default)]
pub struct MemberInput {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub birth_date: String,
    pub notes: String,
}

impl MemberInput {
    /// Checks every field; `today` (ISO) bounds the birth date.
    pub fn validate(&self, today: &str) -> Result<Member, Invalid> {
        let mut inv = Invalid::default();
        let mut line = |field: &'static str, raw: &str, max: usize, required: bool| -> String {
            match validate::line(raw, max) {
                Ok(s) => s,
                Err("error-required") if !required => String::new(),
                Err(k) => {
                    inv.add(field, k);
                    String::new()
                }
            }
        };
        let first_name = line("first_name", &self.first_name, 100, true);
        let last_name = line("last_name", &self.last_name, 100, true);
        let postal_code = line("postal_code", &self.postal_code, 12, false);
        let city = line("city", &self.city, 100, false);
        let address = self.address.trim().to_string();
        if address.chars().count() > 300 {
            inv.add("address", "error-too-long");
        }
        let notes = self.notes.trim().to_string();
        if notes.chars().count() > 5000 {
            inv.add("notes", "error-too-long");
        }
        let email = match self.email.trim() {
            "" => None,
            raw => {
                let e = validate::email(raw);
                if e.is_none() {
                    inv.add("email", "error-email");
                }
                e
            }
        };
        let phone = match self.phone.trim() {
            "" => None,
            raw => {
                let p = phone(raw);
                if p.is_none() {
                    inv.add("phone", "error-phone");
                }
                p
            }
        };
        let birth_date = match self.birth_date.trim() {
            "" => None,
            raw => match date(raw) {
                Some(d) if d.as_str() <= today && d.as_str() >= "1900-01-01" => Some(d),
                _ => {
                    inv.add("birth_date", "error-date");
                    None
                }
            },
        };
        inv.into_result(Member { first_name, last_name, email, phone, address, postal_code, city, birth_date, notes })
    }
}

/// A phone number: digits with spaces, dots, dashes or a leading `+`; 6 to 20 digits.
pub fn phone(raw: &str) -> Option<String> {
    let s = raw.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let ok = (6..=20).contains(&digits)
        && s.chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0));
    ok.then(|| s.to_string())
}

/// A calendar date typed as `YYYY-MM-DD` or `DD/MM/YYYY`, as ISO.
pub fn date(raw: &str) -> Option<String> {
    let s = raw.trim();
    let (y, m, d) = if let Some((d, rest)) = s.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        (y, m, d)
    } else {
        let mut it = s.splitn(3, '-');
        (it.next()?, it.next()?, it.next()?)
    };
    if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Lower-cases and removes French accents, for searching.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ÿ' => 'y',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MemberInput {
        MemberInput { first_name: "Éloïse".into(), last_name: "Martin".into(), ..Default::default() }
    }

    #[test]
    fn a_minimal_member_is_valid() {
        let m = input().validate("2026-11-25").unwrap();
        assert_eq!((m.first_name.as_str(), m.email.as_deref(), m.birth_date.as_deref()), ("Éloïse", None, None));
        assert_eq!(m.search_words(), vec!["eloise", "martin"]);
        let full = Member { email: Some("e.martin@exemple.fr".into()), city: "Saint-Étienne".into(), ..m };
        assert_eq!(full.search_words(), vec!["e", "eloise", "etienne", "exemple", "fr", "martin", "saint"]);
        assert_eq!(query_words(" ÉLOÏSE, mar% _ a b c d"), vec!["eloise", "mar", "a", "b", "c"]);
    }

    #[test]
    fn errors_are_tied_to_fields() {
        let bad = MemberInput {
            first_name: " ".into(),
            last_name: "x".repeat(101),
            email: "nope".into(),
            phone: "12".into(),
            birth_date: "31/02/2001".into(),
            ..Default::default()
        };
        let e = bad.validate("2026-11-25").unwrap_err();
        for (f, k) in [
            ("first_name", "error-required"),
            ("last_name", "error-too-long"),
            ("email", "error-email"),
            ("phone", "error-phone"),
            ("birth_date", "error-date"),
        ] {
            assert_eq!(e.for_field(f), Some(k), "{f}");
        }
        let future = MemberInput { birth_date: "2030-01-01".into(), ..input() };
        assert_eq!(future.validate("2026-11-25").unwrap_err().for_field("birth_date"), Some("error-date"));
    }

    #[test]
    fn dates_and_phones() {
        assert_eq!(date("29/02/2024").as_deref(), Some("2024-02-29"));
        assert_eq!(date("2023-02-29"), None);
        assert_eq!(date("1990-7-4").as_deref(), Some("1990-07-04"));
        assert_eq!(date("04/07/90"), None);
        assert_eq!(phone("+33 6 12 34 56 78").as_deref(), Some("+33 6 12 34 56 78"));
        assert_eq!(phone("06.12.34.56.78").as_deref(), Some("06.12.34.56.78"));
        assert_eq!(phone("06 12 3a"), None);
        assert_eq!(phone("6+12345678"), None);
    }
}
