//! An independent checker of FEC files (Fichier des Écritures Comptables),
//! written from article A47 A-1 of the Livre des procédures fiscales and the
//! administration's doctrine (BOI-CF-IOR-60-40-20), not from Préau's writer
//! (`domain::accounting::fec`, which it does not use), so that tests catch the
//! writer's mistakes rather than repeat them.
//!
//! What [`check`] verifies, one message per place a rule is broken:
//! - **Charset**: ASCII or ISO 8859-15. A UTF-8 byte-order mark, or UTF-8 text
//!   beyond ASCII, is reported (UTF-8 is not among the charsets the text names);
//!   so is any control character other than the tab, including bytes 0x80 to
//!   0x9F (controls in ISO 8859-15: Windows-1252 text). EBCDIC is not recognised.
//! - **Records**: ended by CR LF, LF or CR, the same throughout (the first end
//!   decides); no stray CR or LF inside a record; no empty record (a final end
//!   of line is not one).
//! - **Header**: the first record holds the 18 names in order (case aside),
//!   `Montant` and `Sens` being allowed in place of `Debit` and `Credit`.
//! - **Separator**: a tab or `|`, the header's, and only one of them in the
//!   header; every line has 18 fields with it.
//! - **Filled fields**: JournalCode, JournalLib, EcritureNum, EcritureDate,
//!   CompteNum, CompteLib, PieceRef, PieceDate, EcritureLib, the amounts and
//!   ValidDate; CompAuxNum and CompAuxLib, EcritureLet and DateLet,
//!   Montantdevise and Idevise go in pairs (both or neither).
//! - **Dates**: EcritureDate, PieceDate, ValidDate and a filled DateLet are
//!   real days written `AAAAMMJJ`. Whether EcritureDate lies in the fiscal year
//!   cannot be known from the file and is not checked.
//! - **Amounts**: digits, then a comma and one or two decimals if any; no dot,
//!   no thousands separator; Debit, Credit and Montant are not negative (a `+`
//!   first is allowed), Montantdevise may be; Debit and Credit are not both
//!   other than zero; Sens is `D`, `C`, `+1` or `-1`.
//! - **Accounts**: CompteNum has at least 3 characters, the first three digits,
//!   the first from 1 to 8 (the classes of the chart).
//! - **Entries** (a JournalCode with an EcritureNum): their lines are together,
//!   on one EcritureDate, and the debits equal the credits.
//! - **Numbering** ("numérotation continue"): within a journal, taking entries
//!   in the order of their numbers, EcritureDate never goes back. Numbers
//!   compare piece by piece: runs of digits as integers, the rest as text
//!   (`E9` before `E10`). Gaps are not reported: the text allows explained ones.
//! - **Order**: the file follows the chronological order of validation, so
//!   ValidDate never decreases from one line to the next. The order of
//!   EcritureDate across journals is not required, and whether opening
//!   entries come first cannot be told from the file.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

const NAMES: [&str; 18] = [
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
];

/// Fields that must be filled, by index.
const FILLED: [usize; 12] = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15];
/// Fields that go in pairs, by index.
const PAIRS: [(usize, usize); 3] = [(6, 7), (13, 14), (16, 17)];

/// The violations of the FEC rules in `bytes`, as sentences; none when the
/// file is valid.
pub fn check(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let text = charset(bytes, &mut out);
    let records = records(&text, &mut out);
    let Some(header) = records.first() else {
        out.push("the file is empty: its first line must name the 18 fields".into());
        return out;
    };
    let Some((separator, names)) = header_of(header, &mut out) else {
        return out;
    };
    let mut lines = Vec::new();
    for (i, record) in records.iter().enumerate().skip(1) {
        if let Some(line) = check_line(i + 1, record, separator, &names, &mut out) {
            lines.push(line);
        }
    }
    check_entries(&lines, &mut out);
    check_numbering(&lines, &mut out);
    check_validation_order(&lines, &mut out);
    out
}

/// ISO 8859-15's character for a byte (Latin-1 but for eight places).
fn iso_8859_15(b: u8) -> char {
    match b {
        0xa4 => '€',
        0xa6 => 'Š',
        0xa8 => 'š',
        0xb4 => 'Ž',
        0xb8 => 'ž',
        0xbc => 'Œ',
        0xbd => 'œ',
        0xbe => 'Ÿ',
        _ => char::from(b),
    }
}

fn charset(bytes: &[u8], out: &mut Vec<String>) -> String {
    let mut bytes = bytes;
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        out.push("a UTF-8 byte-order mark opens the file: the charset must be ASCII or ISO 8859-15".into());
        bytes = rest;
    }
    if !bytes.is_ascii()
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        out.push("the text is UTF-8 beyond ASCII: the charset must be ASCII, ISO 8859-15 or EBCDIC".into());
        return text.to_string();
    }
    bytes.iter().map(|&b| iso_8859_15(b)).collect()
}

/// The records, split at the first kind of line end met.
fn records(text: &str, out: &mut Vec<String>) -> Vec<String> {
    let end = match text.find(['\r', '\n']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text[i..].starts_with('\r') => "\r",
        Some(_) => "\n",
        None => "\n",
    };
    let shown = match end {
        "\r\n" => "CR LF",
        "\r" => "CR",
        _ => "LF",
    };
    let mut records: Vec<String> = text.split(end).map(str::to_string).collect();
    if records.last().is_some_and(String::is_empty) {
        records.pop();
    }
    for (i, record) in records.iter().enumerate() {
        let n = i + 1;
        if record.contains(['\r', '\n']) {
            out.push(format!("line {n}: a stray CR or LF inside the record (records here end with {shown})"));
        }
        if record.is_empty() {
            out.push(format!("line {n}: empty record"));
        }
        if let Some(c) = record.chars().find(|&c| c.is_control() && !matches!(c, '\t' | '\r' | '\n')) {
            out.push(format!(
                "line {n}: control character U+{:04X}, outside the charset (Windows-1252 text?)",
                u32::from(c)
            ));
        }
    }
    records
}

/// The separator and the 18 names (with `Montant`/`Sens` when the file uses them).
fn header_of(header: &str, out: &mut Vec<String>) -> Option<(char, [&'static str; 18])> {
    let (tab, pipe) = (header.contains('\t'), header.contains('|'));
    if tab && pipe {
        out.push("header: both a tab and | appear; the field separator must be unique".into());
    }
    let separator = match (tab, pipe) {
        (true, _) => '\t',
        (false, true) => '|',
        (false, false) => {
            out.push(format!("header: no tab or | between the field names: '{header}'"));
            return None;
        }
    };
    let found: Vec<&str> = header.split(separator).collect();
    if found.len() != 18 {
        out.push(format!("header: {} fields, 18 expected", found.len()));
        return None;
    }
    let mut names = NAMES;
    if found[11].eq_ignore_ascii_case("Montant") {
        (names[11], names[12]) = ("Montant", "Sens");
    }
    let before = out.len();
    for (i, (got, want)) in found.iter().zip(names).enumerate() {
        if !got.eq_ignore_ascii_case(want) {
            out.push(format!("header: field {} is '{got}', '{want}' expected", i + 1));
        }
    }
    (out.len() == before).then_some((separator, names))
}

/// What the later checks need of a line.
struct Line {
    n: usize,
    journal: String,
    number: String,
    /// `AAAAMMJJ` when it is a real day.
    date: Option<String>,
    valid: Option<String>,
    /// Debit and credit in cents, when both read.
    amounts: Option<(i128, i128)>,
}

fn check_line(n: usize, record: &str, separator: char, names: &[&str; 18], out: &mut Vec<String>) -> Option<Line> {
    if record.is_empty() {
        return None;
    }
    let f: Vec<&str> = record.split(separator).collect();
    if f.len() != 18 {
        let other = if separator == '\t' { '|' } else { '\t' };
        let hint = if record.contains(other) {
            format!("; it holds {other:?}: one separator throughout")
        } else {
            String::new()
        };
        out.push(format!("line {n}: {} fields, 18 expected{hint}", f.len()));
        // Its entry cannot be added up without it.
        return (f.len() >= 3).then(|| Line {
            n,
            journal: f[0].to_string(),
            number: f[2].to_string(),
            date: None,
            valid: None,
            amounts: None,
        });
    }
    let blank = |i: usize| f[i].trim().is_empty();
    for i in FILLED.into_iter().filter(|&i| blank(i)) {
        out.push(format!("line {n}: {} is empty", names[i]));
    }
    for (a, b) in PAIRS {
        if blank(a) != blank(b) {
            let (filled, empty) = if blank(a) { (b, a) } else { (a, b) };
            out.push(format!("line {n}: {} is filled but {} is empty", names[filled], names[empty]));
        }
    }
    let mut date = |i: usize| -> Option<String> {
        let ok = is_day(f[i]);
        if !ok && !f[i].is_empty() {
            out.push(format!("line {n}: {} '{}' is not a real day written AAAAMMJJ", names[i], f[i]));
        }
        ok.then(|| f[i].to_string())
    };
    let entry_date = date(3);
    date(9);
    date(14);
    let valid = date(15);
    let account = f[4];
    let b = account.as_bytes();
    let chart = b.len() >= 3 && (b'1'..=b'8').contains(&b[0]) && b[1..3].iter().all(u8::is_ascii_digit);
    if !account.is_empty() && !chart {
        out.push(format!("line {n}: CompteNum '{account}' must start with three digits, the first from 1 to 8"));
    }
    let amount = |i: usize, signed: bool, out: &mut Vec<String>| -> Option<i128> {
        if f[i].is_empty() {
            return None;
        }
        let cents = cents(f[i], signed);
        if let Err(why) = &cents {
            out.push(format!("line {n}: {} '{}' {why}", names[i], f[i]));
        }
        cents.ok()
    };
    let amounts = if names[11] == "Montant" {
        let montant = amount(11, false, out);
        let sens = match f[12] {
            "D" | "+1" => Some(true),
            "C" | "-1" => Some(false),
            "" => None,
            other => {
                out.push(format!("line {n}: Sens '{other}' is none of D, C, +1, -1"));
                None
            }
        };
        montant.zip(sens).map(|(m, debit)| if debit { (m, 0) } else { (0, m) })
    } else {
        amount(11, false, out).zip(amount(12, false, out))
    };
    amount(16, true, out);
    if let Some((d, c)) = amounts
        && d != 0
        && c != 0
    {
        out.push(format!("line {n}: both Debit ({}) and Credit ({}) are filled", f[11], f[12]));
    }
    Some(Line { n, journal: f[0].to_string(), number: f[2].to_string(), date: entry_date, valid, amounts })
}

/// A real day written `AAAAMMJJ`.
fn is_day(s: &str) -> bool {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (y, m, d): (u32, u32, u32) =
        (s[..4].parse().unwrap_or(0), s[4..6].parse().unwrap_or(0), s[6..].parse().unwrap_or(0));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let last = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    y >= 1 && (1..=last).contains(&d)
}

/// An amount in cents, or why it is not one.
fn cents(s: &str, signed: bool) -> Result<i128, &'static str> {
    let (negative, body) = match (s.strip_prefix('-'), s.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (_, Some(rest)) => (false, rest),
        _ => (false, s),
    };
    if negative && !signed {
        return Err("is negative: the direction is the column, not a sign");
    }
    if body.contains('.') {
        return Err("has a dot: the decimal separator is a comma");
    }
    if body.contains([' ', '\u{a0}', '\u{202f}', '\'']) {
        return Err("has a thousands separator");
    }
    let (units, decimals) = body.split_once(',').unwrap_or((body, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if units.is_empty() || !digits(units) || !digits(decimals) || (body.contains(',') && decimals.is_empty()) {
        return Err("is not digits with a decimal comma");
    }
    if decimals.len() > 2 {
        return Err("has more than two decimals");
    }
    if units.len() > 30 {
        return Err("is too long");
    }
    let value = units.parse::<i128>().map_err(|_| "is not a number")? * 100
        + format!("{decimals:0<2}").parse::<i128>().map_err(|_| "is not a number")?;
    Ok(if negative { -value } else { value })
}

fn euros(cents: i128) -> String {
    format!("{}{},{:02}", if cents < 0 { "-" } else { "" }, cents.abs() / 100, cents.abs() % 100)
}

/// Entries: lines together, one date, balanced.
fn check_entries(lines: &[Line], out: &mut Vec<String>) {
    struct Entry {
        first: usize,
        date: Option<String>,
        debit: i128,
        credit: i128,
        readable: bool,
        resumed: bool,
    }
    let mut order: Vec<(String, String)> = Vec::new();
    let mut entries: HashMap<(String, String), Entry> = HashMap::new();
    let mut previous: Option<(String, String)> = None;
    for line in lines {
        let key = (line.journal.clone(), line.number.clone());
        let name = format!("{} {}", key.0, key.1);
        let continues = previous.as_ref() == Some(&key);
        let entry = entries.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Entry { first: line.n, date: line.date.clone(), debit: 0, credit: 0, readable: true, resumed: false }
        });
        if entry.first != line.n && !continues && !entry.resumed {
            entry.resumed = true;
            out.push(format!(
                "line {}: entry {name} started on line {} and resumes after other lines: an entry's lines are together",
                line.n, entry.first
            ));
        }
        if let (Some(first), Some(here)) = (&entry.date, &line.date)
            && first != here
        {
            out.push(format!("line {}: entry {name} is dated {here} here and {first} on line {}", line.n, entry.first));
        }
        match line.amounts {
            Some((d, c)) => {
                entry.debit += d;
                entry.credit += c;
            }
            None => entry.readable = false,
        }
        previous = Some(key);
    }
    for key in order {
        let e = &entries[&key];
        if e.readable && e.debit != e.credit {
            out.push(format!(
                "line {}: entry {} {} does not balance: debits {} and credits {}",
                e.first,
                key.0,
                key.1,
                euros(e.debit),
                euros(e.credit)
            ));
        }
    }
}

/// Compares entry numbers piece by piece: runs of digits as integers, the rest as text.
fn compare_numbers(a: &str, b: &str) -> Ordering {
    fn pieces(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    for (x, y) in pieces(a).into_iter().zip(pieces(b)) {
        let order = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then(x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    pieces(a).len().cmp(&pieces(b).len()).then(a.cmp(b))
}

/// Within each journal, a higher number is never dated earlier.
fn check_numbering(lines: &[Line], out: &mut Vec<String>) {
    // Each entry once: journal, number, date, first line.
    let mut seen = HashSet::new();
    let mut journals: HashMap<&str, Vec<(&str, &str, usize)>> = HashMap::new();
    let mut journal_order = Vec::new();
    for l in lines {
        let Some(date) = &l.date else { continue };
        if !seen.insert((&l.journal, &l.number)) {
            continue;
        }
        let list = journals.entry(&l.journal).or_default();
        if list.is_empty() {
            journal_order.push(l.journal.as_str());
        }
        list.push((l.number.as_str(), date.as_str(), l.n));
    }
    for journal in journal_order {
        let mut list = journals.remove(journal).unwrap_or_default();
        list.sort_by(|a, b| compare_numbers(a.0, b.0));
        let mut latest: Option<(&str, &str, usize)> = None;
        for entry in list {
            match latest {
                Some(before) if entry.1 < before.1 => out.push(format!(
                    "line {}: journal {journal}: entry {} is dated {}, before entry {} (line {}) dated {}: \
                     numbers must follow the chronological order",
                    entry.2, entry.0, entry.1, before.0, before.2, before.1
                )),
                _ => latest = Some(entry),
            }
        }
    }
}

/// ValidDate never decreases from one line to the next.
fn check_validation_order(lines: &[Line], out: &mut Vec<String>) {
    let mut latest: Option<(&str, usize)> = None;
    for l in lines {
        let Some(valid) = &l.valid else { continue };
        match latest {
            Some((before, at)) if valid.as_str() < before => out.push(format!(
                "line {}: ValidDate {valid} comes after {before} (line {at}): lines follow the order of validation",
                l.n
            )),
            Some((before, _)) if valid.as_str() == before => {}
            _ => latest = Some((valid, l.n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|\
        PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise";

    /// A good book: two bank entries and a cash one, written with `|` for
    /// readability (`file` puts tabs in).
    const GOOD: [&str; 7] = [
        "BQ|Banque|1|20250105|512000|Banque|||R1|20250105|Cotisation Zoé|50,00|0,00|||20250106||",
        "BQ|Banque|1|20250105|411000|Adhérents|M12|Zoé Martin|R1|20250105|Cotisation Zoé|0,00|50,00|L|20250110|20250106||",
        "CA|Caisse|1|20250107|530000|Caisse|||T4|20250107|Buvette|12,5|0|||20250108||",
        "CA|Caisse|1|20250107|707000|Ventes|||T4|20250107|Buvette|0|12,50|||20250108||",
        "BQ|Banque|2|20250201|606300|Fournitures|||F7|20250130|Achat|100,00|0,00|||20250202|108,20|USD",
        "BQ|Banque|2|20250201|401000|Fournisseurs|F3|Papeterie|F7|20250130|Achat|0,00|90,00|||20250202||",
        "BQ|Banque|2|20250201|401000|Fournisseurs|F3|Papeterie|F7|20250130|Achat|0,00|10,00|||20250202||",
    ];

    fn file(records: &[&str]) -> Vec<u8> {
        let mut text = std::iter::once(HEAD).chain(records.iter().copied()).collect::<Vec<_>>().join("\r\n");
        text.push_str("\r\n");
        latin9(&text.replace('|', "\t"))
    }

    fn latin9(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| match c {
                '€' => 0xa4,
                'œ' => 0xbd,
                c => u8::try_from(u32::from(c)).expect("a Latin-1 character"),
            })
            .collect()
    }

    /// The good book with line `i` (0-based, in GOOD) replaced.
    fn with(i: usize, record: &str) -> Vec<u8> {
        let mut records = GOOD.to_vec();
        records[i] = record;
        file(&records)
    }

    #[track_caller]
    fn one(bytes: &[u8], expected: &str) {
        let found = check(bytes);
        assert!(found.len() == 1 && found[0].contains(expected), "expected one '{expected}', found {found:#?}");
    }

    #[test]
    fn good_files_pass() {
        assert_eq!(check(&file(&GOOD)), Vec::<String>::new());
        // `|` as the separator, LF or CR alone, no final line end, plain ASCII.
        let text = std::iter::once(HEAD).chain(GOOD).collect::<Vec<_>>().join("\n");
        assert_eq!(check(&latin9(&text)), Vec::<String>::new());
        assert_eq!(check(&latin9(&text.replace('\n', "\r"))), Vec::<String>::new());
        assert_eq!(
            check(
                b"JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t\
            CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\t\
            Montantdevise\tIdevise\r\n"
            ),
            Vec::<String>::new()
        );
        // Montant and Sens.
        let records = [
            HEAD.replace("Debit|Credit", "montant|sens"),
            "OD|Divers|1|20250105|512000|Banque|||R1|20250105|Don|80,00|D|||20250106||".into(),
            "OD|Divers|1|20250105|75411|Dons|||R1|20250105|Don|30,00|-1|||20250106||".into(),
            "OD|Divers|1|20250105|75411|Dons|||R1|20250105|Don|50|C|||20250106||".into(),
        ];
        assert_eq!(check(&latin9(&records.join("\r\n"))), Vec::<String>::new());
        // ISO 8859-15 letters.
        let euro = GOOD[2].replace("Buvette", "Buvette € œuvre");
        assert_eq!(check(&with(2, &euro)), Vec::<String>::new());
    }

    #[test]
    fn charset() {
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend(file(&GOOD[2..4]));
        one(&bom, "byte-order mark");
        let utf8 = std::iter::once(HEAD).chain(GOOD).collect::<Vec<_>>().join("\r\n");
        one(utf8.as_bytes(), "UTF-8 beyond ASCII");
        let mut windows = file(&GOOD);
        let at = windows.iter().position(|&b| b == b'Z').unwrap();
        windows[at] = 0x92;
        one(&windows, "line 2: control character U+0092");
        one(&with(4, &GOOD[4].replace("Achat", "Achat\u{7}")), "line 6: control character U+0007");
    }

    #[test]
    fn records() {
        let mut crlf = file(&GOOD[2..4]);
        crlf.extend(b"\r\n");
        one(&crlf, "line 4: empty record");
        one(
            &with(2, &GOOD[2].replace("Buvette", "Buv\nette")),
            "line 4: a stray CR or LF inside the record (records here end with CR LF)",
        );
        one(b"", "the file is empty");
    }

    #[test]
    fn header() {
        let mut records = vec![HEAD.replace("PieceRef", "Piece").replace('|', "\t")];
        records.push(GOOD[0].replace('|', "\t"));
        one(&latin9(&records.join("\r\n")), "header: field 9 is 'Piece', 'PieceRef' expected");
        one(HEAD.replace("|Idevise", "").as_bytes(), "header: 17 fields, 18 expected");
        one(HEAD.replace('|', ";").as_bytes(), "header: no tab or |");
        let both = HEAD.replacen('|', "\t", 3);
        let found = check(both.as_bytes());
        assert!(found[0].contains("both a tab and |"), "{found:?}");
    }

    #[test]
    fn fields_and_separators() {
        one(&with(0, &GOOD[0].replace("Banque|||R1", "Banque|||R1|x")), "line 2: 19 fields, 18 expected");
        let mut mixed = file(&GOOD);
        mixed.extend(latin9(&format!("{}\r\n", GOOD[0])));
        one(&mixed, "line 9: 1 fields, 18 expected; it holds '|': one separator throughout");
        one(&with(0, &GOOD[0].replace("|20250106|", "||")), "line 2: ValidDate is empty");
        one(&with(0, &GOOD[0].replace("|R1|", "||")), "line 2: PieceRef is empty");
        one(&with(0, &GOOD[0].replace("|Cotisation Zoé|", "| |")), "line 2: EcritureLib is empty");
        one(&with(1, &GOOD[1].replace("|M12|", "||")), "line 3: CompAuxLib is filled but CompAuxNum is empty");
        one(&with(1, &GOOD[1].replace("|L|", "||")), "line 3: DateLet is filled but EcritureLet is empty");
        one(&with(4, &GOOD[4].replace("|USD", "|")), "line 6: Montantdevise is filled but Idevise is empty");
    }

    #[test]
    fn dates() {
        one(&with(0, &GOOD[0].replace("|20250106|", "|20250230|")), "line 2: ValidDate '20250230' is not a real day");
        one(&with(0, &GOOD[0].replace("|R1|20250105|", "|R1|2025-01-05|")), "line 2: PieceDate '2025-01-05'");
        one(&with(1, &GOOD[1].replace("|20250110|", "|250110|")), "line 3: DateLet '250110'");
        let leap = GOOD[2..4].iter().map(|l| l.replace("20250107", "20240229")).collect::<Vec<_>>();
        let leap: Vec<&str> = leap.iter().map(String::as_str).collect();
        assert_eq!(check(&file(&leap)), Vec::<String>::new());
        let not_leap = leap.iter().map(|l| l.replace("20240229", "21000229")).collect::<Vec<_>>();
        let found = check(&file(&not_leap.iter().map(String::as_str).collect::<Vec<_>>()));
        assert_eq!(found.len(), 4, "{found:#?}");
    }

    #[test]
    fn amounts() {
        let debit = |to: &str| with(4, &GOOD[4].replace("|100,00|", &format!("|{to}|")));
        one(&debit("100.00"), "Debit '100.00' has a dot");
        one(&debit("1 00,00"), "has a thousands separator");
        one(&debit("100,000"), "has more than two decimals");
        one(&debit("100,"), "is not digits with a decimal comma");
        one(&debit("cent"), "is not digits");
        assert_eq!(check(&debit("+100,00")), Vec::<String>::new());
        let negative = [GOOD[2].replace("|12,5|0|", "|0|-12,50|"), GOOD[3].replace("|0|12,50|", "|-12,50|0|")];
        let found = check(&file(&[&negative[0], &negative[1]]));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("Credit '-12,50' is negative"));
        assert_eq!(check(&with(4, &GOOD[4].replace("108,20", "-108,20"))), Vec::<String>::new());
        let both = [GOOD[2].replace("|12,5|0|", "|12,50|1,00|"), GOOD[3].replace("|0|12,50|", "|1,00|12,50|")];
        let found = check(&file(&[&both[0], &both[1]]));
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("line 2: both Debit (12,50) and Credit (1,00) are filled"));
        let sens = [HEAD.replace("Debit|Credit", "Montant|Sens"), GOOD[2].replace("|12,5|0|", "|12,5|X|")];
        one(&latin9(&sens.join("\n").replace('|', "\t")), "line 2: Sens 'X' is none of D, C, +1, -1");
    }

    #[test]
    fn accounts() {
        for account in ["41", "912000", "A12000", "4A1", "012"] {
            let bad = GOOD[0].replace("|512000|", &format!("|{account}|"));
            one(&with(0, &bad), &format!("line 2: CompteNum '{account}' must start with three digits"));
        }
    }

    #[test]
    fn entries() {
        one(
            &with(6, &GOOD[6].replace("10,00", "9,99")),
            "line 6: entry BQ 2 does not balance: debits 100,00 and credits 99,99",
        );
        let moved = [GOOD[0], GOOD[2], GOOD[1], GOOD[3]];
        let found = check(&file(&moved));
        assert!(found.iter().any(|m| m.contains("line 4: entry BQ 1 started on line 2 and resumes")), "{found:#?}");
        // The same number in another journal is another entry.
        let found = check(&file(&[GOOD[0], &GOOD[1].replace("BQ|Banque", "OD|Divers")]));
        assert_eq!(found.len(), 2, "{found:#?}");
        one(
            &with(1, &GOOD[1].replacen("20250105", "20250104", 1)),
            "line 3: entry BQ 1 is dated 20250104 here and 20250105 on line 2",
        );
    }

    #[test]
    fn numbering_follows_the_calendar() {
        // Entry 2 of the bank dated before entry 1.
        let early: Vec<String> =
            GOOD[4..].iter().map(|l| l.replace("20250201", "20250101").replace("20250202", "20250108")).collect();
        let records: Vec<&str> = GOOD[..4].iter().copied().chain(early.iter().map(String::as_str)).collect();
        one(&file(&records), "line 6: journal BQ: entry 2 is dated 20250101, before entry 1 (line 2) dated 20250105");
        // Numbers compare as numbers: E9 comes before E10.
        let renumbered: Vec<String> =
            GOOD.iter().map(|l| l.replacen("|1|", "|E9|", 1).replacen("|2|", "|E10|", 1)).collect();
        assert_eq!(check(&file(&renumbered.iter().map(String::as_str).collect::<Vec<_>>())), Vec::<String>::new());
        assert_eq!(compare_numbers("E9", "E10"), Ordering::Less);
        assert_eq!(compare_numbers("2025-010", "2025-9"), Ordering::Greater);
        assert_eq!(compare_numbers("007", "8"), Ordering::Less);
        assert_eq!(compare_numbers("A", "A1"), Ordering::Less);
    }

    #[test]
    fn validation_order() {
        let late: Vec<String> = GOOD[2..4].iter().map(|l| l.replace("20250108", "20250301")).collect();
        let records = [GOOD[0], GOOD[1], &late[0], &late[1], GOOD[4], GOOD[5], GOOD[6]];
        let found = check(&file(&records));
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].contains("line 6: ValidDate 20250202 comes after 20250301 (line 4)"));
    }

    /// The writer of `domain`, fed generated books, writes files this checker accepts.
    #[test]
    fn the_domain_writer_passes() {
        use domain::Date;
        use domain::accounting::fec::{self, FecLine};
        // A small deterministic generator (xorshift), so the test needs no dependency.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let journals = [("BQ", "Banque"), ("CA", "Caisse"), ("OD", "Opérations diverses")];
        let labels = [
            "Cotisation de Zoé",
            "Don «spécial» | 50%",
            "L'œuvre\tcommune",
            "Reçu n°12\r\n",
            " Buvette € ",
            "Ÿvonne; \"Ça\"",
        ];
        for round in 0..20 {
            let mut lines = Vec::new();
            let mut numbers = HashMap::new();
            let mut day = Date::new(2025, 1, 1).unwrap();
            for _ in 0..next(60) {
                day = day.add_days(next(4) as i64);
                let (code, lib) = journals[next(3) as usize];
                let number = numbers.entry(code).or_insert(0);
                *number += 1;
                let label = labels[next(labels.len() as u64) as usize];
                let mut total = 0;
                let count = 1 + next(4);
                let base = FecLine {
                    journal_code: code.into(),
                    journal_lib: lib.into(),
                    ecriture_num: number.to_string(),
                    ecriture_date: day,
                    compte_num: String::new(),
                    compte_lib: String::new(),
                    comp_aux_num: String::new(),
                    comp_aux_lib: String::new(),
                    piece_ref: format!("P{}", next(1000)),
                    piece_date: day.add_days(-(next(10) as i64)),
                    ecriture_lib: label.into(),
                    debit: 0,
                    credit: 0,
                    ecriture_let: String::new(),
                    date_let: None,
                    valid_date: day,
                    montant_devise: None,
                    idevise: String::new(),
                };
                for _ in 0..count {
                    let amount = next(1_000_000) as i64;
                    total += amount;
                    let lettered = next(4) == 0;
                    lines.push(FecLine {
                        compte_num: format!("{}{:05}", 6 + next(2), next(100_000)),
                        compte_lib: labels[next(labels.len() as u64) as usize].into(),
                        debit: amount,
                        ecriture_let: if lettered { "AB".into() } else { String::new() },
                        date_let: lettered.then(|| day.add_days(5)),
                        montant_devise: (next(5) == 0).then(|| -(next(10_000) as i64)),
                        idevise: String::new(),
                        ..base.clone()
                    });
                    if let Some(last) = lines.last_mut()
                        && last.montant_devise.is_some()
                    {
                        last.idevise = "CHF".into();
                    }
                }
                lines.push(FecLine {
                    compte_num: "512000".into(),
                    compte_lib: "Banque".into(),
                    comp_aux_num: "M7".into(),
                    comp_aux_lib: "Zoé\tMartin".into(),
                    credit: total,
                    ..base
                });
            }
            assert_eq!(check(&fec::write(&lines)), Vec::<String>::new(), "round {round}");
            // The same text in UTF-8 breaks only the charset rule.
            let mut utf8 = fec::header_line();
            lines.iter().for_each(|l| utf8.push_str(&fec::line(l)));
            let found = check(utf8.as_bytes());
            assert!(found.len() <= 1 && found.iter().all(|m| m.contains("UTF-8")), "round {round}: {found:#?}");
        }
    }
}
