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
    crate::dates::parse_typed(raw).map(|d| d.to_string())
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

/// A member as a vCard 4.0 (RFC 6350), for address books. Lines end with
/// CRLF; text is escaped (`\`, `,`, `;` and line ends); lines longer than
/// 75 octets are folded (CRLF and a space), never inside a UTF-8 character.
/// `number` is the member's number, kept as `X-PREAU-NUMBER` (address books
/// keep unknown `X-` properties without showing them); `categories` become
/// `CATEGORIES`. Empty fields are left out.
pub fn vcard(m: &Member, number: i64, categories: &[String]) -> String {
    let mut card = String::with_capacity(256);
    let mut line = |content: &str| fold_vcard_line(&mut card, content);
    line("BEGIN:VCARD");
    line("VERSION:4.0");
    line(&format!("FN:{}", vcard_text(format!("{} {}", m.first_name, m.last_name).trim())));
    line(&format!("N:{};{};;;", vcard_text(&m.last_name), vcard_text(&m.first_name)));
    if let Some(email) = &m.email {
        line(&format!("EMAIL:{}", vcard_text(email)));
    }
    if let Some(phone) = &m.phone {
        line(&format!("TEL:{}", vcard_text(phone)));
    }
    if !(m.address.is_empty() && m.postal_code.is_empty() && m.city.is_empty()) {
        // Post office box; extended address; street; locality; region; postal code; country.
        let (street, city, code) = (vcard_text(&m.address), vcard_text(&m.city), vcard_text(&m.postal_code));
        line(&format!("ADR:;;{street};{city};;{code};"));
    }
    if let Some(birth) = &m.birth_date {
        // RFC 6350 dates are ISO 8601 basic format: 19900714.
        line(&format!("BDAY:{}", birth.replace('-', "")));
    }
    if !m.notes.is_empty() {
        line(&format!("NOTE:{}", vcard_text(&m.notes)));
    }
    if !categories.is_empty() {
        let list: Vec<String> = categories.iter().map(|c| vcard_text(c)).collect();
        line(&format!("CATEGORIES:{}", list.join(",")));
    }
    line(&format!("X-PREAU-NUMBER:{number}"));
    line("END:VCARD");
    card
}

/// A text value escaped for a vCard: `\\`, `\,`, `\;`, and `\n` for a line
/// end (CRLF, CR or LF); other control characters but tab are dropped (RFC
/// 6350 does not allow them).
fn vcard_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no physical line is longer than
/// 75 octets (the CRLF not counted, the leading space of a continuation
/// counted), cutting only between characters.
fn fold_vcard_line(out: &mut String, content: &str) {
    const MAX_OCTETS: usize = 75;
    let mut width = 0;
    for c in content.chars() {
        if width + c.len_utf8() > MAX_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod vcard_tests {
    use super::*;

    fn unfold(card: &str) -> String {
        card.replace("\r\n ", "")
    }

    #[test]
    fn a_minimal_card() {
        let m = Member { first_name: "Jean".into(), last_name: "Dupont".into(), ..Default::default() };
        assert_eq!(
            vcard(&m, 7, &[]),
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jean Dupont\r\nN:Dupont;Jean;;;\r\nX-PREAU-NUMBER:7\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn every_field_in_order_and_escaped() {
        let m = Member {
            first_name: "Éloïse".into(),
            last_name: "Martin; dite \"Lou\"".into(),
            email: Some("eloise@exemple.fr".into()),
            phone: Some("06 12 34 56 78".into()),
            address: "3, rue des Lilas\r\nBâtiment B".into(),
            postal_code: "69001".into(),
            city: "Lyon".into(),
            birth_date: Some("1990-07-14".into()),
            notes: "Bénévole\\buvette\nclés: oui\u{7}".into(),
        };
        let card = vcard(&m, 12, &["Bureau".into(), "Jeunes, étudiant·es".into()]);
        let lines: Vec<&str> = card.split_terminator("\r\n").collect();
        assert_eq!(
            lines,
            [
                "BEGIN:VCARD",
                "VERSION:4.0",
                "FN:Éloïse Martin\\; dite \"Lou\"",
                "N:Martin\\; dite \"Lou\";Éloïse;;;",
                "EMAIL:eloise@exemple.fr",
                "TEL:06 12 34 56 78",
                "ADR:;;3\\, rue des Lilas\\nBâtiment B;Lyon;;69001;",
                "BDAY:19900714",
                "NOTE:Bénévole\\\\buvette\\nclés: oui",
                "CATEGORIES:Bureau,Jeunes\\, étudiant·es",
                "X-PREAU-NUMBER:12",
                "END:VCARD",
            ]
        );
        assert!(card.ends_with("END:VCARD\r\n"));
        assert!(!card.replace("\r\n", "").contains(['\r', '\n']), "no bare line ends");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        // Two-, three- and four-octet characters land on every possible cut.
        let notes: String = "é€😀a".repeat(40);
        let m = Member {
            first_name: "Zoé".into(),
            last_name: "Bernard".into(),
            notes: notes.clone(),
            ..Default::default()
        };
        let card = vcard(&m, 1, &[]);
        for physical in card.as_bytes().split(|b| *b == b'\n') {
            let physical = physical.strip_suffix(b"\r").unwrap_or(physical);
            assert!(physical.len() <= 75, "{} octets", physical.len());
            assert!(std::str::from_utf8(physical).is_ok(), "a character was cut");
        }
        let folded = card.lines().filter(|l| l.starts_with(' ')).count();
        assert!(folded >= 5, "the note was folded ({folded} continuation lines)");
        assert!(unfold(&card).contains(&format!("\r\nNOTE:{notes}\r\n")), "unfolding gives the line back");
        // A line of exactly 75 octets is not folded; 76 is.
        let mut out = String::new();
        fold_vcard_line(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
        out.clear();
        fold_vcard_line(&mut out, &"x".repeat(76));
        assert_eq!(out, format!("{}\r\n x\r\n", "x".repeat(75)));
    }
}
