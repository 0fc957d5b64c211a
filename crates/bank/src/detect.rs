//! What a statement file is, from its first bytes.

use std::borrow::Cow;

use crate::Format;
use crate::cfonb;
use crate::text::decode;

/// How much of the file is looked at: every format says what it is well
/// before.
const SNIFF: usize = 64 * 1024;

/// The start of every camt message's namespace; the message id follows.
pub(crate) const ISO20022: &str = "urn:iso:std:iso:20022:tech:xsd:";

/// The format of a statement file, from its content:
///
/// - OFX: `OFXHEADER` (1.x header, or the 2.x processing instruction) or an
///   `<OFX>` tag;
/// - QIF: a first line `!Type:…` (or `!Account`, `!Option:…`, `!Clear:…`);
/// - camt.053: XML in the namespace `urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN`
///   with `NN` at least 02; other XML (camt.052, camt.054, pain, HTML) is
///   `None`;
/// - CFONB 120: records of at most 120 characters (one per line, or end to
///   end on a single line), each starting with a record code 01, 04, 05 or
///   07 and a five-digit bank code;
/// - otherwise CSV, if the file is text and its name does not say it is one
///   of the other formats (`.ofx`, `.qfx`, `.qif`, `.xml`): a broken OFX file
///   is not read as CSV.
///
/// `None` for empty or binary files (PDF, spreadsheets, pictures).
pub fn detect(file_name: &str, bytes: &[u8]) -> Option<Format> {
    if bytes.is_empty() || looks_binary(bytes) {
        return None;
    }
    let text = head(bytes);
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if contains_ignoring_case(text, "OFXHEADER") || contains_ignoring_case(text, "<OFX>") {
        return Some(Format::Ofx);
    }
    let first_line = text.lines().next().unwrap_or("").trim().to_ascii_lowercase();
    if ["!type:", "!account", "!option:", "!clear:"].iter().any(|p| first_line.starts_with(p)) {
        return Some(Format::Qif);
    }
    if text.starts_with('<') {
        return (camt053_version(text)? >= 2).then_some(Format::Camt053);
    }
    if looks_like_cfonb(text) {
        return Some(Format::Cfonb120);
    }
    let extension = file_name.rsplit(['/', '\\']).next().and_then(|base| base.rsplit_once('.')).map(|(_, e)| e);
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("ofx" | "qfx" | "qif" | "xml") => None,
        _ => Some(Format::Csv),
    }
}

/// The `NN` of a `camt.053.001.NN` namespace in `text`.
pub(crate) fn camt053_version(text: &str) -> Option<u32> {
    let prefix = format!("{ISO20022}camt.053.001.");
    let at = text.find(&prefix)? + prefix.len();
    let digits: String = text[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// What a file that is no statement seems to be, for the message: a kind of
/// file, or the ISO 20022 message it holds (`camt.054.001.08`).
pub(crate) fn what_it_is(bytes: &[u8]) -> String {
    let kinds: [(&[u8], &str); 6] = [
        (b"%PDF", "PDF"),
        (b"PK\x03\x04", "zip archive (spreadsheet or document)"),
        (&[0xD0, 0xCF, 0x11, 0xE0], "old Office file (.xls, .doc)"),
        (b"\x89PNG", "PNG image"),
        (&[0xFF, 0xD8, 0xFF], "JPEG image"),
        (b"GIF8", "GIF image"),
    ];
    if let Some((_, kind)) = kinds.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return kind.to_string();
    }
    let text = head(bytes);
    if let Some(at) = text.find(ISO20022) {
        let id: String =
            text[at + ISO20022.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
        return id;
    }
    if text.trim_start().starts_with('<') { "XML or HTML".to_string() } else { String::new() }
}

/// Text never holds a NUL byte, except UTF-16, which announces itself with a
/// byte order mark.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    bytes[..bytes.len().min(SNIFF)].contains(&0)
}

/// The first [`SNIFF`] bytes as text, without a character cut in two at the
/// end (which would make UTF-8 look like Latin-1).
fn head(bytes: &[u8]) -> Cow<'_, str> {
    let mut prefix = &bytes[..bytes.len().min(SNIFF)];
    if let Err(e) = std::str::from_utf8(prefix)
        && e.error_len().is_none()
    {
        prefix = &prefix[..e.valid_up_to()];
    }
    decode(prefix)
}

fn contains_ignoring_case(text: &str, needle: &str) -> bool {
    text.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The first record is a CFONB 120 record, and so are three quarters of the
/// first 20 (a damaged record should be reported as such, not make the file
/// something else).
fn looks_like_cfonb(text: &str) -> bool {
    let records: Vec<_> = cfonb::records(text).into_iter().take(20).collect();
    let plausible = records.iter().filter(|(_, record)| cfonb::plausible(record)).count();
    records.first().is_some_and(|(_, first)| cfonb::plausible(first)) && plausible * 4 >= records.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camt_versions_from_the_namespace() {
        let doc = |v: &str| format!("<?xml version=\"1.0\"?><Document xmlns=\"{ISO20022}camt.053.001.{v}\">");
        assert_eq!(camt053_version(&doc("02")), Some(2));
        assert_eq!(camt053_version(&doc("13")), Some(13));
        assert_eq!(detect("x.xml", doc("01").as_bytes()), None);
        assert_eq!(detect("x.xml", doc("08").as_bytes()), Some(Format::Camt053));
        let camt054 = format!("<Document xmlns=\"{ISO20022}camt.054.001.08\">");
        assert_eq!(detect("x.xml", camt054.as_bytes()), None);
        assert_eq!(what_it_is(camt054.as_bytes()), "camt.054.001.08");
    }

    #[test]
    fn a_name_saying_another_format_is_not_read_as_csv() {
        assert_eq!(detect("releve.ofx", b"Date;Montant\n"), None);
        assert_eq!(detect("releve.csv", b"Date;Montant\n"), Some(Format::Csv));
        assert_eq!(detect("releve", b"Date;Montant\n"), Some(Format::Csv));
        assert_eq!(detect("releve.csv", b"%PDF-1.7\n\0\0"), None);
        assert_eq!(what_it_is(b"%PDF-1.7\n\0\0"), "PDF");
    }
}
