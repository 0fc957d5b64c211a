//! The Fichier des Écritures Comptables (FEC): every accounting line of a
//! fiscal year in one flat file, laid out by article A47 A-1 of the Livre des
//! procédures fiscales, and the format French accounting software and
//! chartered accountants exchange books in. Writing and reading; pure: the
//! caller brings the lines or the bytes.
//!
//! What [`header_line`], [`line`] and [`write`] produce:
//! - the 18 names of [`HEADER`] on the first line, then one record per line;
//! - fields separated by a tab: the text asks for one unique, unambiguous
//!   separator, and a tab never occurs in a field because tabs and line breaks
//!   in text become spaces (and the text is trimmed);
//! - records ended by CR LF ([`LINE_END`]): the text allows CR, LF or both
//!   ("retour chariot et/ou fin de ligne"); CR LF meets every reading of it: a
//!   reader splitting at CR, at LF or at CR LF finds the same records;
//! - dates as `AAAAMMJJ`; amounts in euros with a comma before two decimals,
//!   no thousands separator, a `-` first when negative; an empty `DateLet` and
//!   `Montantdevise` when there is none;
//! - [`write`] encodes the whole file in ISO 8859-15, one of the charsets the
//!   text names (UTF-8 is not one of them), replacing what it cannot hold (see
//!   [`to_latin9`]); [`header_line`] and [`line`] return Unicode text for a
//!   caller that wants UTF-8 anyway.
//!
//! What [`parse`] reads, for importing books kept elsewhere:
//! - UTF-8, with or without a byte-order mark, when the bytes are valid UTF-8;
//!   otherwise ISO 8859-15, with bytes 0x80 to 0x9F (control characters there,
//!   which no text holds) read as Windows-1252 (`’`, `€`, `œ`), as French
//!   Windows software writes them. A Latin-1 file reads the same except for
//!   eight rare signs (¤ ¦ ¨ ´ ¸ ¼ ½ ¾) that ISO 8859-15 replaced by € Š š Ž ž Œ œ Ÿ;
//! - a tab or `|` separator, whichever the header line uses (tab first);
//! - records ended by CR, LF or CR LF; blank records are skipped; spaces around
//!   a field are padding and dropped;
//! - the header names in order, in any case, with `Montant` and `Sens` (`D` or
//!   `C`, `+1` or `-1`) allowed in place of `Debit` and `Credit`, the variant the
//!   administration's doctrine admits (BOI-CF-IOR-60-40-20); the columns of the
//!   cash-basis variant (`DateRglt`, `ModeRglt`, `NatOp`, then `IdClient`) may
//!   follow the 18 and are ignored;
//! - amounts: an optional sign first, digits (leading zeros allowed), a comma
//!   (or a dot: with no thousands separator it cannot be misread), at most two
//!   decimals (more only when they are zeros); an empty `Debit` or `Credit` is
//!   zero when the other one is filled.
//!
//! Every problem is listed with its line and column, and a file with any
//! problem gives no line at all: an import is all or nothing.

use std::collections::HashMap;

use crate::dates::Date;

/// The header: the 18 column names, in order.
pub const HEADER: [&str; 18] = [
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

/// What ends every record written.
pub const LINE_END: &str = "\r\n";

/// The columns of the cash-basis variant (bénéfices agricoles and non
/// commerciaux) that may follow the 18; `IdClient` only for the latter.
const CASH_BASIS: [&str; 4] = ["DateRglt", "ModeRglt", "NatOp", "IdClient"];

/// One line of an accounting entry, field for field as the FEC has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FecLine {
    /// The journal's code (`BQ`, `CA`, `OD`, `AN`…).
    pub journal_code: String,
    pub journal_lib: String,
    /// The entry's number, on a continuous sequence (per journal or overall).
    pub ecriture_num: String,
    /// The date the entry is booked on.
    pub ecriture_date: Date,
    /// The account; its first three characters are digits of the chart.
    pub compte_num: String,
    pub compte_lib: String,
    /// The auxiliary account (a member, a supplier), empty when none.
    pub comp_aux_num: String,
    pub comp_aux_lib: String,
    /// The supporting document's reference.
    pub piece_ref: String,
    pub piece_date: Date,
    pub ecriture_lib: String,
    /// In cents.
    pub debit: i64,
    /// In cents.
    pub credit: i64,
    /// The lettering code, empty when not lettered.
    pub ecriture_let: String,
    pub date_let: Option<Date>,
    /// When the entry became final; the file is in the order of these dates.
    pub valid_date: Date,
    /// The amount in the foreign currency, in its hundredths.
    pub montant_devise: Option<i64>,
    /// The foreign currency's code (ISO 4217), empty when none.
    pub idevise: String,
}

/// The header record, ended by [`LINE_END`].
pub fn header_line() -> String {
    let mut out = HEADER.join("\t");
    out.push_str(LINE_END);
    out
}

/// One record, ended by [`LINE_END`]: see the module's documentation for the layout.
pub fn line(l: &FecLine) -> String {
    let fields = [
        text(&l.journal_code),
        text(&l.journal_lib),
        text(&l.ecriture_num),
        date(l.ecriture_date),
        text(&l.compte_num),
        text(&l.compte_lib),
        text(&l.comp_aux_num),
        text(&l.comp_aux_lib),
        text(&l.piece_ref),
        date(l.piece_date),
        text(&l.ecriture_lib),
        amount(l.debit),
        amount(l.credit),
        text(&l.ecriture_let),
        l.date_let.map(date).unwrap_or_default(),
        date(l.valid_date),
        l.montant_devise.map(amount).unwrap_or_default(),
        text(&l.idevise),
    ];
    let mut out = fields.join("\t");
    out.push_str(LINE_END);
    out
}

/// The whole file, header first, in ISO 8859-15. The lines are written in the
/// order given: the caller sorts them by validation date, opening entries first.
pub fn write(lines: &[FecLine]) -> Vec<u8> {
    let mut out = to_latin9(&header_line());
    for l in lines {
        out.extend(to_latin9(&line(l)));
    }
    out
}

/// The file's name: `<SIREN>FEC<AAAAMMJJ>.txt`, the date being the fiscal
/// year's closing day. `siren` may hold spaces; without nine digits there, the
/// name is `FEC<AAAAMMJJ>.txt`: an association without a SIREN has no FEC
/// duty (it only arises with a tax audit, and a taxed association has a
/// SIREN), and putting its RNA number where software reads a SIREN would make
/// a name that looks standard and misleads; the shorter name keeps the
/// `FEC<AAAAMMJJ>.txt` ending that tools match.
pub fn file_name(siren: Option<&str>, closing: Date) -> String {
    let digits: String = siren.unwrap_or_default().chars().filter(|c| !c.is_whitespace()).collect();
    let prefix = if digits.len() == 9 && digits.bytes().all(|b| b.is_ascii_digit()) { digits } else { String::new() };
    format!("{prefix}FEC{}.txt", date(closing))
}

/// A field's text as written: control characters (tabs, line breaks) become
/// spaces, and the ends are trimmed.
fn text(s: &str) -> String {
    let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    clean.trim().to_string()
}

pub(crate) fn date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// Cents as the FEC writes them: `1234,50`, `-0,05`.
fn amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!("{sign}{},{:02}", c / 100, c % 100)
}

/// Encodes text in ISO 8859-15. Typographic quotes, dashes, the ellipsis and
/// the other spaces become their plain forms (`’` is `'`, `…` is `...`); the
/// Latin-1 signs ISO 8859-15 dropped are spelled out (`½` is `1/2`); any other
/// character outside the charset becomes `?`.
pub fn to_latin9(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if let Some(b) = latin9_byte(c) {
            out.push(b);
            continue;
        }
        let plain: &str = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' => "'",
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{a8}' => "\"",
            '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
            '\u{2026}' => "...",
            '\u{2022}' => "-",
            '\u{a6}' => "|",
            '\u{b8}' => ",",
            '\u{bc}' => "1/4",
            '\u{bd}' => "1/2",
            '\u{be}' => "3/4",
            '\u{2122}' => "TM",
            c if c.is_whitespace() => " ",
            _ => "?",
        };
        out.extend_from_slice(plain.as_bytes());
    }
    out
}

/// The ISO 8859-15 byte of `c`, if it has one.
fn latin9_byte(c: char) -> Option<u8> {
    match c {
        '\u{a4}' | '\u{a6}' | '\u{a8}' | '\u{b4}' | '\u{b8}' | '\u{bc}' | '\u{bd}' | '\u{be}' => None,
        '\0'..='\u{ff}' => Some(c as u8),
        _ => LATIN9_DIFFERENCES.iter().find(|(_, d)| *d == c).map(|(b, _)| *b),
    }
}

/// Where ISO 8859-15 differs from Latin-1.
const LATIN9_DIFFERENCES: [(u8, char); 8] =
    [(0xa4, '€'), (0xa6, 'Š'), (0xa8, 'š'), (0xb4, 'Ž'), (0xb8, 'ž'), (0xbc, 'Œ'), (0xbd, 'œ'), (0xbe, 'Ÿ')];

/// Windows-1252's characters for bytes 0x80 to 0x9F (the five it leaves
/// undefined stay the control characters of the same number).
const WINDOWS_1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Reads bytes as UTF-8 when they are valid UTF-8 (a byte-order mark is
/// dropped), else as ISO 8859-15 with Windows-1252 in 0x80 to 0x9F.
#[cfg(test)]
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => decode_8bit(bytes, true),
    }
}

/// Reads bytes of an 8-bit charset: Windows-1252 in 0x80 to 0x9F, then
/// ISO 8859-15 (`latin9`) or Latin-1 (which makes the whole Windows-1252).
pub(crate) fn decode_8bit(bytes: &[u8], latin9: bool) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => WINDOWS_1252_C1[usize::from(b - 0x80)],
            _ if latin9 => LATIN9_DIFFERENCES.iter().find(|(d, _)| *d == b).map_or(char::from(b), |(_, c)| *c),
            _ => char::from(b),
        })
        .collect()
}

/// Why a line, a field or an entry cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The first line is not the FEC header: no tab or `|` between names, or a
    /// name other than the one expected at its place.
    BadHeader,
    /// A line has more or fewer fields than the header.
    WrongColumnCount { expected: usize, found: usize },
    /// A field that must be filled is empty.
    Missing,
    /// Not a real day written `AAAAMMJJ`.
    BadDate,
    /// Not an amount: digits, a comma and at most two decimals.
    BadAmount,
    /// `Sens` is none of `D`, `C`, `+1`, `-1`.
    BadSens,
    /// `CompteNum` does not start with three digits, the first from 1 to 8.
    BadAccount,
    /// Both `Debit` and `Credit` are other than zero.
    BothDebitAndCredit,
    /// The entry's debits and credits differ; `entry` is its journal code and
    /// number (`BQ 12`), `difference_cents` the debits minus the credits.
    Unbalanced { entry: String, difference_cents: i64 },
    /// A line of the entry is booked on another day than its first line.
    EntryDateDiffers { entry: String },
}

impl Reason {
    /// The message key that explains it to people.
    pub fn key(&self) -> &'static str {
        match self {
            Reason::BadHeader => "error-fec-header",
            Reason::WrongColumnCount { .. } => "error-fec-column-count",
            Reason::Missing => "error-required",
            Reason::BadDate => "error-fec-date",
            Reason::BadAmount => "error-fec-amount",
            Reason::BadSens => "error-fec-sens",
            Reason::BadAccount => "error-fec-account",
            Reason::BothDebitAndCredit => "error-fec-debit-and-credit",
            Reason::Unbalanced { .. } => "error-fec-unbalanced",
            Reason::EntryDateDiffers { .. } => "error-fec-entry-date",
        }
    }
}

/// One problem in the file: its line (1 is the header), the FEC column (empty
/// for the whole line), why, and what the field held (the whole line for a
/// line's problem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: &'static str,
    pub reason: Reason,
    pub value: String,
}

/// How amounts are given: two columns, or an amount and its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    DebitCredit,
    MontantSens,
}

impl Layout {
    /// The name of column `i` (0-based) in this layout.
    fn column(self, i: usize) -> &'static str {
        match (self, i) {
            (Layout::MontantSens, 11) => "Montant",
            (Layout::MontantSens, 12) => "Sens",
            (_, i) if i < 18 => HEADER[i],
            (_, i) => CASH_BASIS.get(i - 18).copied().unwrap_or(""),
        }
    }
}

/// Reads a FEC file into its lines, or lists every problem in it. See the
/// module's documentation for what is accepted. Beyond each field, it checks
/// that each entry (a journal code and a number) balances and is booked on
/// one day, and that an auxiliary account has a label, a foreign amount a
/// currency, and a lettering date a lettering code. It holds every line: an
/// import reads the file twice with [`super::books_in`] instead, in constant
/// memory.
pub fn parse(bytes: &[u8]) -> Result<Vec<FecLine>, Vec<Problem>> {
    let reader = super::books_in::open(bytes, super::books_in::Wanted::Fec)?;
    let mut check = super::books_in::Check::new(reader.format());
    let mut lines = Vec::new();
    for record in reader {
        check.add(&record);
        if let Ok(line) = record.read {
            lines.push(line);
        }
    }
    check.finish()?;
    Ok(lines)
}

/// The separator, the amounts' layout and the number of columns, from the header.
pub(crate) fn read_header(header: &str) -> Result<(char, Layout, usize), Vec<Problem>> {
    let bad = |column: &'static str, value: &str| Problem {
        line: 1,
        column,
        reason: Reason::BadHeader,
        value: value.to_string(),
    };
    let separator = if header.contains('\t') {
        '\t'
    } else if header.contains('|') {
        '|'
    } else {
        return Err(vec![bad("", header)]);
    };
    let names: Vec<&str> = header.split(separator).map(|n| n.trim().trim_start_matches('\u{feff}')).collect();
    if !matches!(names.len(), 18 | 21 | 22) {
        return Err(vec![Problem {
            line: 1,
            column: "",
            reason: Reason::WrongColumnCount { expected: 18, found: names.len() },
            value: header.to_string(),
        }]);
    }
    let layout = if names[11].eq_ignore_ascii_case("Montant") { Layout::MontantSens } else { Layout::DebitCredit };
    let problems: Vec<Problem> = names
        .iter()
        .enumerate()
        .filter(|(i, name)| !name.eq_ignore_ascii_case(layout.column(*i)))
        .map(|(i, name)| bad(layout.column(i), name))
        .collect();
    if problems.is_empty() { Ok((separator, layout, names.len())) } else { Err(problems) }
}

/// Reads the fields of one line, noting each problem.
pub(crate) struct Reader<'a> {
    pub(crate) line: usize,
    pub(crate) fields: &'a [&'a str],
    pub(crate) layout: Layout,
    pub(crate) problems: Vec<Problem>,
}

impl Reader<'_> {
    fn flag(&mut self, i: usize, reason: Reason) {
        let problem =
            Problem { line: self.line, column: self.layout.column(i), reason, value: self.fields[i].to_string() };
        self.problems.push(problem);
    }

    fn text(&mut self, i: usize, required: bool) -> String {
        if required && self.fields[i].is_empty() {
            self.flag(i, Reason::Missing);
        }
        self.fields[i].to_string()
    }

    fn date(&mut self, i: usize) -> Option<Date> {
        let d = self.optional_date(i);
        if self.fields[i].is_empty() {
            self.flag(i, Reason::Missing);
        }
        d
    }

    fn optional_date(&mut self, i: usize) -> Option<Date> {
        let raw = self.fields[i];
        if raw.is_empty() {
            return None;
        }
        let d = parse_date(raw);
        if d.is_none() {
            self.flag(i, Reason::BadDate);
        }
        d
    }

    /// An amount, `None` when empty (without a problem) or unreadable (with one).
    fn amount(&mut self, i: usize) -> Option<i64> {
        let raw = self.fields[i];
        if raw.is_empty() {
            return None;
        }
        let cents = parse_amount(raw);
        if cents.is_none() {
            self.flag(i, Reason::BadAmount);
        }
        cents
    }

    /// Debit and credit, whichever way the file gives them.
    fn amounts(&mut self) -> Option<(i64, i64)> {
        let (debit, credit) = match self.layout {
            Layout::DebitCredit => {
                let (d, c) = (self.amount(11), self.amount(12));
                let (dr, cr) = (self.fields[11], self.fields[12]);
                if dr.is_empty() && cr.is_empty() {
                    self.flag(11, Reason::Missing);
                    return None;
                }
                match (d, c) {
                    (Some(d), Some(c)) => (d, c),
                    (Some(d), None) if cr.is_empty() => (d, 0),
                    (None, Some(c)) if dr.is_empty() => (0, c),
                    _ => return None,
                }
            }
            Layout::MontantSens => {
                let amount = self.amount(11);
                if self.fields[11].is_empty() {
                    self.flag(11, Reason::Missing);
                }
                let debit = match self.fields[12].to_ascii_uppercase().as_str() {
                    "" => {
                        self.flag(12, Reason::Missing);
                        None
                    }
                    "D" | "+1" | "1" => Some(true),
                    "C" | "-1" => Some(false),
                    _ => {
                        self.flag(12, Reason::BadSens);
                        None
                    }
                };
                let (amount, debit) = (amount?, debit?);
                if debit { (amount, 0) } else { (0, amount) }
            }
        };
        if debit != 0 && credit != 0 {
            self.flag(12, Reason::BothDebitAndCredit);
            return None;
        }
        Some((debit, credit))
    }

    /// The line, or `None` with its problems noted.
    pub(crate) fn line(&mut self) -> Option<FecLine> {
        let journal_code = self.text(0, true);
        let journal_lib = self.text(1, true);
        let ecriture_num = self.text(2, true);
        let ecriture_date = self.date(3);
        let compte_num = self.text(4, true);
        if !compte_num.is_empty() && !is_account(&compte_num) {
            self.flag(4, Reason::BadAccount);
        }
        let compte_lib = self.text(5, true);
        let comp_aux_num = self.text(6, false);
        let comp_aux_lib = self.text(7, !comp_aux_num.is_empty());
        let piece_ref = self.text(8, false);
        let piece_date = self.date(9);
        let ecriture_lib = self.text(10, true);
        let amounts = self.amounts();
        let date_let = self.optional_date(14);
        let ecriture_let = self.text(13, date_let.is_some());
        let valid_date = self.date(15);
        let montant_devise = self.amount(16);
        let idevise = self.text(17, montant_devise.is_some());
        if !self.problems.is_empty() {
            return None;
        }
        let (debit, credit) = amounts?;
        Some(FecLine {
            journal_code,
            journal_lib,
            ecriture_num,
            ecriture_date: ecriture_date?,
            compte_num,
            compte_lib,
            comp_aux_num,
            comp_aux_lib,
            piece_ref,
            piece_date: piece_date?,
            ecriture_lib,
            debit,
            credit,
            ecriture_let,
            date_let,
            valid_date: valid_date?,
            montant_devise,
            idevise,
        })
    }
}

/// `AAAAMMJJ`, a real day.
pub(crate) fn parse_date(raw: &str) -> Option<Date> {
    if raw.len() != 8 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::new(raw[0..4].parse().ok()?, raw[4..6].parse().ok()?, raw[6..8].parse().ok()?)
}

/// An amount in cents: a sign first, digits, then a comma or a dot and at most
/// two decimals (more when the others are zeros). At most 15 digits of units.
pub(crate) fn parse_amount(raw: &str) -> Option<i64> {
    let (negative, unsigned) = match raw.as_bytes().first() {
        Some(b'-') => (true, &raw[1..]),
        Some(b'+') => (false, &raw[1..]),
        _ => (false, raw),
    };
    let (units, decimals) = match unsigned.find([',', '.']) {
        Some(i) => (&unsigned[..i], &unsigned[i + 1..]),
        None => (unsigned, "00"),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(units) || !digits(decimals) || !decimals.bytes().skip(2).all(|b| b == b'0') {
        return None;
    }
    let units = units.trim_start_matches('0');
    if units.len() > 15 {
        return None;
    }
    let euros: i64 = if units.is_empty() { 0 } else { units.parse().ok()? };
    let cents: i64 = format!("{:0<2}", &decimals[..decimals.len().min(2)]).parse().ok()?;
    let total = euros * 100 + cents;
    Some(if negative { -total } else { total })
}

/// An account of the chart: three digits first, the class from 1 to 8.
pub(crate) fn is_account(num: &str) -> bool {
    let b = num.as_bytes();
    b.len() >= 3 && (b'1'..=b'8').contains(&b[0]) && b[1..3].iter().all(u8::is_ascii_digit)
}

/// The lines of one entry: those of a journal that share a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub journal_code: &'a str,
    pub ecriture_num: &'a str,
    /// In the order of the file.
    pub lines: Vec<&'a FecLine>,
}

impl Entry<'_> {
    /// Debits minus credits, in cents: zero when the entry balances.
    pub fn balance(&self) -> i64 {
        self.lines.iter().map(|l| l.debit - l.credit).sum()
    }
}

/// Groups lines into entries by journal code and number, in the order each
/// entry first appears; a line of an entry met again later joins it.
pub fn entries(lines: &[FecLine]) -> Vec<Entry<'_>> {
    let mut out: Vec<Entry<'_>> = Vec::new();
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    for l in lines {
        let key = (l.journal_code.as_str(), l.ecriture_num.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            out.push(Entry { journal_code: key.0, ecriture_num: key.1, lines: Vec::new() });
            out.len() - 1
        });
        out[i].lines.push(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn sample(num: &str, account: &str, debit: i64, credit: i64) -> FecLine {
        FecLine {
            journal_code: "BQ".into(),
            journal_lib: "Banque".into(),
            ecriture_num: num.into(),
            ecriture_date: d("2025-03-14"),
            compte_num: account.into(),
            compte_lib: "Compte".into(),
            comp_aux_num: String::new(),
            comp_aux_lib: String::new(),
            piece_ref: "R12".into(),
            piece_date: d("2025-03-13"),
            ecriture_lib: "Cotisation Zoé".into(),
            debit,
            credit,
            ecriture_let: String::new(),
            date_let: None,
            valid_date: d("2025-03-15"),
            montant_devise: None,
            idevise: String::new(),
        }
    }

    /// A file written by hand with `|` for readability: `tab` turns it into tabs.
    fn file(records: &[&str], tab: bool) -> Vec<u8> {
        let text = records.join("\r\n") + "\r\n";
        if tab { text.replace('|', "\t").into_bytes() } else { text.into_bytes() }
    }

    const HEAD: &str = "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|\
        PieceRef|PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise";
    const L1: &str = "BQ|Banque|1|20250314|512000|Banque|||R12|20250313|Cotisation|50,00|0,00|||20250315||";
    const L2: &str = "BQ|Banque|1|20250314|756000|Cotisations|||R12|20250313|Cotisation|0,00|50,00|||20250315||";

    fn problems(records: &[&str]) -> Vec<(usize, &'static str, Reason, String)> {
        parse(&file(records, true)).unwrap_err().into_iter().map(|p| (p.line, p.column, p.reason, p.value)).collect()
    }

    #[test]
    fn writes_the_layout_of_the_text() {
        assert_eq!(header_line(), HEAD.replace('|', "\t") + "\r\n");
        let mut l = sample("7", "512000", 123_450, 0);
        l.ecriture_lib = "Don\tde M. Dupont\r\nmerci ".into();
        l.date_let = Some(d("2025-04-01"));
        l.ecriture_let = "AB".into();
        l.montant_devise = Some(-5);
        l.idevise = "USD".into();
        assert_eq!(
            line(&l),
            "BQ\tBanque\t7\t20250314\t512000\tCompte\t\t\tR12\t20250313\tDon de M. Dupont  merci\t\
             1234,50\t0,00\tAB\t20250401\t20250315\t-0,05\tUSD\r\n"
        );
        assert_eq!(amount(0), "0,00");
        assert_eq!(amount(5), "0,05");
        assert_eq!(amount(-123_456_789), "-1234567,89");
    }

    #[test]
    fn file_names() {
        let closing = d("2025-12-31");
        assert_eq!(file_name(Some("732 829 320"), closing), "732829320FEC20251231.txt");
        assert_eq!(file_name(None, closing), "FEC20251231.txt");
        assert_eq!(file_name(Some(""), closing), "FEC20251231.txt");
        assert_eq!(file_name(Some("W751234567"), closing), "FEC20251231.txt");
    }

    #[test]
    fn latin9_encoding() {
        assert_eq!(to_latin9("é€œŸ"), vec![0xe9, 0xa4, 0xbd, 0xbe]);
        assert_eq!(to_latin9("l’été… ½ — 🎉"), b"l'\xe9t\xe9... 1/2 - ?".to_vec());
        assert_eq!(decode(&[0xe9, 0xa4, 0xbd, 0xbe, 0x92, 0x80]), "é€œŸ’€");
        assert_eq!(decode("\u{feff}é".as_bytes()), "é");
    }

    #[test]
    fn reads_both_separators_and_line_ends() {
        let expected = vec![sample("1", "512000", 5000, 0), sample("1", "756000", 0, 5000)];
        let fix = |mut v: Vec<FecLine>| {
            v[0].compte_lib = "Banque".into();
            v[1].compte_lib = "Cotisations".into();
            v.iter_mut().for_each(|l| l.ecriture_lib = "Cotisation".into());
            v
        };
        let expected = fix(expected);
        assert_eq!(parse(&file(&[HEAD, L1, L2], true)), Ok(expected.clone()));
        assert_eq!(parse(&file(&[HEAD, L1, L2], false)), Ok(expected.clone()));
        let lf = [HEAD, L1, "", L2].join("\n").replace('|', "\t");
        assert_eq!(parse(lf.as_bytes()), Ok(expected.clone()));
        let cr = [HEAD, L1, L2].join("\r");
        assert_eq!(parse(cr.as_bytes()), Ok(expected.clone()));
        // Header names in any case, fields padded with spaces, a final Ctrl-Z.
        let loose = [&HEAD.to_lowercase(), &L1.replace("|Banque|", "|Banque   |"), L2, "\u{1a}"].join("\r\n");
        assert_eq!(parse(loose.as_bytes()), Ok(expected.clone()));
        // The header alone is an empty book.
        assert_eq!(parse(&file(&[HEAD], true)), Ok(vec![]));
    }

    #[test]
    fn reads_latin1_and_windows_1252() {
        let mut bytes = HEAD.replace('|', "\t").into_bytes();
        bytes.extend(b"\r\n");
        let latin1 = |s: String| s.replace('|', "\t").chars().map(|c| c as u8).collect::<Vec<u8>>();
        bytes.extend(latin1(L1.replace("|Cotisation|", "|Cotisation de Zo\u{e9} \u{a4}|")));
        bytes.extend(b"\r\n");
        bytes.extend(latin1(L2.replace("|Cotisation|", "|L\u{92}\u{9c}uvre|")));
        let lines = parse(&bytes).unwrap();
        assert_eq!(lines[0].ecriture_lib, "Cotisation de Zoé €");
        assert_eq!(lines[1].ecriture_lib, "L’œuvre");
        assert_eq!(lines[1].compte_lib, "Cotisations");
    }

    #[test]
    fn reads_montant_and_sens() {
        let head = HEAD.replace("Debit|Credit", "Montant|Sens");
        let records = [
            head.as_str(),
            "BQ|Banque|1|20250314|512000|Banque|||R12|20250313|Don|50,00|D|||20250315||",
            "BQ|Banque|1|20250314|75411|Dons|||R12|20250313|Don|30|+1|||20250315||",
            "BQ|Banque|1|20250314|75411|Dons|||R12|20250313|Don|80,0|c|||20250315||",
        ];
        let lines = parse(&file(&records, true)).unwrap();
        let amounts: Vec<(i64, i64)> = lines.iter().map(|l| (l.debit, l.credit)).collect();
        assert_eq!(amounts, [(5000, 0), (3000, 0), (0, 8000)]);
        let bad = [head.as_str(), "BQ|Banque|1|20250314|512000|Banque|||R12|20250313|Don|50,00|X|||20250315||"];
        assert_eq!(problems(&bad), [(2, "Sens", Reason::BadSens, "X".into())]);
        let empty = [head.as_str(), "BQ|Banque|1|20250314|512000|Banque|||R12|20250313|Don|||||20250315||"];
        assert_eq!(
            problems(&empty),
            [(2, "Montant", Reason::Missing, String::new()), (2, "Sens", Reason::Missing, String::new())]
        );
    }

    #[test]
    fn accepts_the_cash_basis_columns() {
        let head = format!("{HEAD}|DateRglt|ModeRglt|NatOp");
        let tail = "|20250314|CHQ|";
        let lines = parse(&file(&[&head, &format!("{L1}{tail}"), &format!("{L2}{tail}")], true)).unwrap();
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn amounts_as_files_write_them() {
        for (raw, cents) in [
            ("0", 0),
            ("12", 1200),
            ("12,5", 1250),
            ("12.50", 1250),
            ("00001234,56", 123_456),
            ("-3,20", -320),
            ("+3,20", 320),
            ("7,500", 750),
            ("999999999999999,99", 99_999_999_999_999_999),
        ] {
            assert_eq!(parse_amount(raw), Some(cents), "{raw}");
        }
        for raw in ["", "-", ",50", "12,", "12,345", "1 234,56", "1.234,56", "12€", "--1", "1e3", "1000000000000000"]
        {
            assert_eq!(parse_amount(raw), None, "{raw}");
        }
    }

    #[test]
    fn every_problem_is_located() {
        // No separator, then a wrong name.
        assert_eq!(
            problems(&["JournalCode;JournalLib", L1]),
            [(1, "", Reason::BadHeader, "JournalCode;JournalLib".into())]
        );
        let misnamed = HEAD.replace("PieceRef", "Piece").replace("Idevise", "Devise");
        assert_eq!(
            problems(&[&misnamed, L1]),
            [(1, "PieceRef", Reason::BadHeader, "Piece".into()), (1, "Idevise", Reason::BadHeader, "Devise".into())]
        );
        assert_eq!(parse(b"").unwrap_err()[0].reason, Reason::BadHeader);
        let short = "JournalCode|JournalLib";
        assert_eq!(problems(&[short])[0].2, Reason::WrongColumnCount { expected: 18, found: 2 });
        // Lines.
        let l = |from: &str, to: &str| L1.replacen(from, to, 1);
        let cases: Vec<(String, &str, Reason, &str)> = vec![
            (l("|Cotisation|", "||"), "EcritureLib", Reason::Missing, ""),
            (l("|20250315|", "||"), "ValidDate", Reason::Missing, ""),
            (l("20250314", "20250230"), "EcritureDate", Reason::BadDate, "20250230"),
            (l("20250313", "13/03/2025"), "PieceDate", Reason::BadDate, "13/03/2025"),
            (l("|||20250315", "||2025041|20250315"), "DateLet", Reason::BadDate, "2025041"),
            (l("|||20250315", "||20250401|20250315"), "EcritureLet", Reason::Missing, ""),
            (l("50,00", "50,0O"), "Debit", Reason::BadAmount, "50,0O"),
            (l("50,00|0,00", "|"), "Debit", Reason::Missing, ""),
            (l("|0,00|", "|2,00|"), "Credit", Reason::BothDebitAndCredit, "2,00"),
            (l("512000", "A12"), "CompteNum", Reason::BadAccount, "A12"),
            (l("512000", "912"), "CompteNum", Reason::BadAccount, "912"),
            (l("|||R12", "|411Z||R12"), "CompAuxLib", Reason::Missing, ""),
            (l("20250315||", "20250315|10,00|"), "Idevise", Reason::Missing, ""),
        ];
        for (record, column, reason, value) in cases {
            let balance = L1.replace("50,00|0,00", "0,00|50,00").replace("512000", "756000");
            let found = problems(&[HEAD, &record, &balance]);
            assert_eq!(found, [(2, column, reason.clone(), value.to_string())], "{record}");
        }
        // Without a journal code the line is alone in its entry.
        let found = problems(&[HEAD, &l("BQ|Banque", "|Banque"), L2]);
        assert_eq!(found[0], (2, "JournalCode", Reason::Missing, String::new()));
        assert_eq!(found[1].2, Reason::Unbalanced { entry: "BQ 1".into(), difference_cents: -5000 });
        let count = problems(&[HEAD, L1, "BQ|Banque|1", L2]);
        assert_eq!(count[0].0, 3);
        assert_eq!(count[0].2, Reason::WrongColumnCount { expected: 18, found: 3 });
        // A field holding the separator shifts the line.
        let shifted = L2.replace("Cotisations", "Cotisations|2025");
        assert_eq!(
            problems(&[HEAD, L1, &shifted])[..],
            [(3, "", Reason::WrongColumnCount { expected: 18, found: 19 }, shifted.replace('|', "\t"))]
        );
    }

    #[test]
    fn entries_balance_and_keep_one_day() {
        let short = L2.replace("50,00", "49,99");
        assert_eq!(
            problems(&[HEAD, L1, &short]),
            [(2, "EcritureNum", Reason::Unbalanced { entry: "BQ 1".into(), difference_cents: 1 }, "1".into())]
        );
        // The same number in another journal is another entry.
        let other = L2.replace("BQ|Banque", "CA|Caisse");
        let found = problems(&[HEAD, L1, &other]);
        assert_eq!(found[0].2, Reason::Unbalanced { entry: "BQ 1".into(), difference_cents: 5000 });
        assert_eq!(found[1].2, Reason::Unbalanced { entry: "CA 1".into(), difference_cents: -5000 });
        let later = L2.replacen("20250314", "20250316", 1);
        assert_eq!(
            problems(&[HEAD, L1, &later]),
            [(3, "EcritureDate", Reason::EntryDateDiffers { entry: "BQ 1".into() }, "20250316".into())]
        );
        // A line that does not read leaves its entry's balance unchecked.
        let unread = L2.replace("20250313", "2025");
        assert_eq!(problems(&[HEAD, L1, &unread]).len(), 1);
    }

    #[test]
    fn nothing_is_partial() {
        let bad = L2.replace("50,00", "cinquante");
        let found = parse(&file(&[HEAD, L1, L2, L1, &bad], true)).unwrap_err();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].line, 5);
    }

    #[test]
    fn entries_group_lines_in_order() {
        let mut lines = vec![
            sample("1", "512", 100, 0),
            sample("2", "512", 0, 300),
            sample("1", "756", 0, 100),
            sample("2", "606", 300, 0),
        ];
        lines.push(FecLine { journal_code: "CA".into(), ..sample("1", "530", 0, 0) });
        let grouped = entries(&lines);
        let shape: Vec<(&str, &str, usize, i64)> =
            grouped.iter().map(|e| (e.journal_code, e.ecriture_num, e.lines.len(), e.balance())).collect();
        assert_eq!(shape, [("BQ", "1", 2, 0), ("BQ", "2", 2, 0), ("CA", "1", 1, 0)]);
        assert_eq!(grouped[0].lines[1].compte_num, "756");
    }

    #[test]
    fn problem_keys() {
        assert_eq!(Reason::BadDate.key(), "error-fec-date");
        assert_eq!(Reason::Unbalanced { entry: String::new(), difference_cents: 1 }.key(), "error-fec-unbalanced");
    }
}
