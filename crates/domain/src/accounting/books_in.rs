//! Books brought in from other software, read a record at a time so that an
//! import of any size holds one entry, not the file: the FEC (see
//! [`super::fec`]), Paheko's journal exports and Dolibarr's ledger export,
//! all read into the FEC's own record, [`FecLine`].
//!
//! An import reads the bytes twice. First [`open`] then [`Check`] over every
//! [`Record`]: each problem located by line and column, each entry checked to
//! balance and to keep one day, nothing kept but a count of lines per entry.
//! Then, once nothing is wrong, [`Entries`] reads the file again and hands out
//! one entry at a time, as soon as its last line is read.
//!
//! The formats, found from the first line by [`open`] unless the caller says
//! which ([`Wanted`]):
//! - **FEC**: a header of the 18 names (see [`super::fec`]).
//! - **Paheko, complete or grouped export** (journal général, "Export
//!   complet" or "groupé", CSV): one row per line, under the headers
//!   `Numéro d'écriture`, `Date`, `Libellé`, `Numéro pièce comptable`,
//!   `Numéro compte`, `Libellé compte`, `Débit`, `Crédit`, `Libellé ligne`
//!   (others ignored, any order). Rows of one entry share its number; in the
//!   grouped export the rows after an entry's first leave its columns empty.
//! - **Paheko, simplified export** ("Export simplifié"): one row per entry,
//!   `Compte de débit`, `Compte de crédit` and `Montant` instead of the line
//!   columns; it leaves out Paheko's advanced entries (several lines), so the
//!   complete export is the one to bring the whole books.
//! - **Dolibarr, "CSV configurable" export** of the ledger
//!   (`accounting_bookkeeping`): no header, ten columns in this order:
//!   transaction number (`piece_num`), date, document reference, label,
//!   account, subledger account, debit, credit, amount (debit minus credit,
//!   not read), journal code. A label holding the separator is wrapped in
//!   single quotes by Dolibarr: the columns are counted from both ends. A
//!   first line of names, if someone added one, is skipped.
//!
//! The CSV formats: `;`, `,` or tab (whichever the first line holds most,
//! outside quotes), fields in double quotes when needed (a quoted field may
//! hold line breaks), UTF-8 or else Windows-1252; dates as `AAAA-MM-JJ`,
//! `JJ/MM/AAAA` or `AAAAMMJJ` (a time after a space is ignored); amounts with
//! a comma or a dot, spaces as thousands separators allowed.
//!
//! Header and entry names in the problems are the file's own column names.

use std::borrow::Cow;
use std::collections::HashMap;

use super::fec::{self, FecLine, Layout, Problem, Reason};
use crate::dates::Date;

/// The format asked for: one, or whichever the first line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    Auto,
    Fec,
    Paheko,
    Dolibarr,
}

impl Wanted {
    /// From the code a form or `--format` gives: `auto`, `fec`, `paheko`, `dolibarr`.
    pub fn from_code(code: &str) -> Option<Wanted> {
        match code {
            "" | "auto" => Some(Wanted::Auto),
            "fec" => Some(Wanted::Fec),
            "paheko" => Some(Wanted::Paheko),
            "dolibarr" => Some(Wanted::Dolibarr),
            _ => None,
        }
    }
}

/// A format found in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Fec,
    /// Paheko's complete or grouped export: a row per line.
    PahekoFull,
    /// Paheko's simplified export: a row per entry of two lines.
    PahekoSimple,
    /// Dolibarr's configurable CSV export of the ledger.
    Dolibarr,
}

impl Format {
    /// `fec`, `paheko` or `dolibarr`: what imports are recorded under.
    pub fn code(self) -> &'static str {
        match self {
            Format::Fec => "fec",
            Format::PahekoFull | Format::PahekoSimple => "paheko",
            Format::Dolibarr => "dolibarr",
        }
    }

    /// The column that numbers entries, for an entry's problems.
    fn number_column(self) -> &'static str {
        match self {
            Format::Fec => "EcritureNum",
            Format::PahekoFull | Format::PahekoSimple => PAHEKO_ID,
            Format::Dolibarr => DOLIBARR[0],
        }
    }

    /// Whether the file names its journals (else the journal follows from
    /// the accounts, as for an entry typed in Préau).
    pub fn has_journals(self) -> bool {
        matches!(self, Format::Fec | Format::Dolibarr)
    }
}

/// An entry's key: its journal code (empty when the format has none) and number.
pub type Key = (String, String);

/// One line of an entry as read, or why it could not be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its line in the file (1 is the first line).
    pub line: usize,
    pub key: Key,
    pub read: Result<FecLine, Vec<Problem>>,
    /// The line's own label when the format keeps it apart from the
    /// entry's (Paheko's `Libellé ligne`), else empty.
    pub line_label: String,
    /// The columns its date and account come from, to locate a problem found later.
    pub date_column: &'static str,
    pub account_column: &'static str,
}

const PAHEKO_ID: &str = "Numéro d'écriture";
const PAHEKO_DATE: &str = "Date";
const PAHEKO_LABEL: &str = "Libellé";
const PAHEKO_REFERENCE: &str = "Numéro pièce comptable";
const PAHEKO_ACCOUNT: &str = "Numéro compte";
const PAHEKO_ACCOUNT_LABEL: &str = "Libellé compte";
const PAHEKO_DEBIT: &str = "Débit";
const PAHEKO_CREDIT: &str = "Crédit";
const PAHEKO_LINE_LABEL: &str = "Libellé ligne";
const PAHEKO_DEBIT_ACCOUNT: &str = "Compte de débit";
const PAHEKO_CREDIT_ACCOUNT: &str = "Compte de crédit";
const PAHEKO_AMOUNT: &str = "Montant";

/// The complete export's columns, those that must be there first.
const PAHEKO_FULL: [&str; 9] = [
    PAHEKO_ID,
    PAHEKO_DATE,
    PAHEKO_LABEL,
    PAHEKO_ACCOUNT,
    PAHEKO_DEBIT,
    PAHEKO_CREDIT,
    PAHEKO_REFERENCE,
    PAHEKO_ACCOUNT_LABEL,
    PAHEKO_LINE_LABEL,
];
const PAHEKO_FULL_REQUIRED: usize = 6;

/// The simplified export's columns, those that must be there first.
const PAHEKO_SIMPLE: [&str; 7] = [
    PAHEKO_ID,
    PAHEKO_DATE,
    PAHEKO_LABEL,
    PAHEKO_DEBIT_ACCOUNT,
    PAHEKO_CREDIT_ACCOUNT,
    PAHEKO_AMOUNT,
    PAHEKO_REFERENCE,
];
const PAHEKO_SIMPLE_REQUIRED: usize = 6;

/// Dolibarr's columns, in order (its field names).
const DOLIBARR: [&str; 10] = [
    "piece_num",
    "doc_date",
    "doc_ref",
    "label_operation",
    "numero_compte",
    "subledger_account",
    "debit",
    "credit",
    "montant",
    "code_journal",
];

/// The records of a file: its lines, or with `quoted` CSV rows (a field in
/// double quotes may hold line breaks), each with the line it starts on and
/// decoded (UTF-8 when the whole file is, else an 8-bit charset).
struct Records<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The line the next record starts on.
    line: usize,
    utf8: bool,
    latin9: bool,
    quoted: bool,
}

impl<'a> Records<'a> {
    fn new(bytes: &'a [u8], latin9: bool) -> Self {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let utf8 = std::str::from_utf8(bytes).is_ok();
        Records { bytes, at: 0, line: 1, utf8, latin9, quoted: false }
    }

    fn decode(&self, raw: &'a [u8]) -> Cow<'a, str> {
        match std::str::from_utf8(raw) {
            Ok(s) if self.utf8 => Cow::Borrowed(s),
            _ => Cow::Owned(fec::decode_8bit(raw, self.latin9)),
        }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = (usize, Cow<'a, str>);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.bytes;
        if self.at >= b.len() {
            return None;
        }
        let (start, line) = (self.at, self.line);
        let mut i = start;
        let mut in_quotes = false;
        while i < b.len() {
            match b[i] {
                b'"' if self.quoted => in_quotes = !in_quotes,
                b'\r' | b'\n' => {
                    let end = i;
                    if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    self.line += 1;
                    if !in_quotes {
                        self.at = i + 1;
                        return Some((line, self.decode(&b[start..end])));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.at = b.len();
        Some((line, self.decode(&b[start..])))
    }
}

/// Whether a record holds nothing (spaces, or the Ctrl-Z some programs end a file with).
fn blank(record: &str) -> bool {
    record.trim_matches(|c: char| c.is_whitespace() || c == '\u{1a}').is_empty()
}

/// The CSV separator of a header: the most frequent of `;`, `,` and tab outside quotes.
fn separator(header: &str) -> char {
    let mut counts = [(';', 0), (',', 0), ('\t', 0)];
    let mut in_quotes = false;
    for c in header.chars() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (s, n) in counts.iter_mut() {
                if *s == c {
                    *n += 1;
                }
            }
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).map_or(';', |(s, _)| *s)
}

/// The fields of a CSV record: double quotes around a field (`""` inside is
/// one quote), spaces around a field dropped.
fn split_csv(record: &str, sep: char) -> Vec<String> {
    split_untrimmed(record, sep).into_iter().map(|f| f.trim().to_string()).collect()
}

/// The fields of a CSV record, spaces kept.
fn split_untrimmed(record: &str, sep: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = record.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => in_quotes = !in_quotes,
            c if c == sep && !in_quotes => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// A header name as compared: lower case, without accents, straight apostrophes.
fn fold(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'à' | 'â' | 'À' => 'a',
            'ô' | 'Ô' => 'o',
            'î' | 'ï' => 'i',
            'û' | 'ù' => 'u',
            'ç' => 'c',
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A date of the CSV formats: `AAAA-MM-JJ`, `JJ/MM/AAAA` or `AAAAMMJJ`,
/// a time after a space ignored.
fn csv_date(raw: &str) -> Option<Date> {
    let day = raw.split(' ').next().unwrap_or_default();
    if let Some(d) = Date::parse_iso(day) {
        return Some(d);
    }
    let parts: Vec<&str> = day.split('/').collect();
    if let [d, m, y] = parts[..] {
        if y.len() == 4 && d.len() <= 2 && m.len() <= 2 {
            return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
        return None;
    }
    fec::parse_date(day)
}

/// An amount of the CSV formats: spaces (thousands) dropped, then as the FEC reads it.
fn csv_amount(raw: &str) -> Option<i64> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    fec::parse_amount(&compact)
}

/// A file being read: the records after the header, as [`Record`]s.
pub struct Reader<'a> {
    records: Records<'a>,
    kind: Kind,
    /// A second line waiting (Paheko's simplified export gives two a row).
    waiting: Option<Record>,
}

enum Kind {
    Fec {
        separator: char,
        layout: Layout,
        width: usize,
    },
    /// The index of each of [`PAHEKO_FULL`]'s columns, and the entry the
    /// rows belong to (its key, date, label, reference) for the grouped
    /// export's following rows.
    PahekoFull {
        separator: char,
        columns: Vec<Option<usize>>,
        entry: Option<(Key, String, String, String)>,
    },
    PahekoSimple {
        separator: char,
        columns: Vec<Option<usize>>,
    },
    Dolibarr {
        separator: char,
    },
}

/// Opens a file in the format wanted (or whichever its first line shows):
/// the header read, or every problem with it.
pub fn open(bytes: &[u8], wanted: Wanted) -> Result<Reader<'_>, Vec<Problem>> {
    let latin9 = wanted == Wanted::Fec || (wanted == Wanted::Auto && looks_like_fec(bytes));
    let mut records = Records::new(bytes, latin9);
    let first = loop {
        match records.next() {
            None => return Err(vec![bad_header(1, "", String::new())]),
            Some((n, r)) if blank(&r) => {
                if n > 20 {
                    return Err(vec![bad_header(1, "", String::new())]);
                }
            }
            Some(first) => break first,
        }
    };
    let (line, header) = first;
    let format = match wanted {
        Wanted::Fec => Format::Fec,
        Wanted::Auto if latin9 => Format::Fec,
        _ => match paheko(&header) {
            Some(f) if wanted != Wanted::Dolibarr => f,
            _ if wanted == Wanted::Paheko => {
                return Err(vec![bad_header(line, PAHEKO_ID, header.into_owned())]);
            }
            _ if wanted == Wanted::Dolibarr || dolibarr_row(&header) => Format::Dolibarr,
            _ => return Err(vec![bad_header(line, "", header.into_owned())]),
        },
    };
    let kind = match format {
        Format::Fec => {
            let (separator, layout, width) = fec::read_header(&header)?;
            Kind::Fec { separator, layout, width }
        }
        Format::PahekoFull | Format::PahekoSimple => {
            let separator = separator(&header);
            let names: Vec<String> = split_csv(&header, separator).iter().map(|n| fold(n)).collect();
            let (wanted, required): (&[&'static str], usize) = if format == Format::PahekoFull {
                (&PAHEKO_FULL, PAHEKO_FULL_REQUIRED)
            } else {
                (&PAHEKO_SIMPLE, PAHEKO_SIMPLE_REQUIRED)
            };
            let columns: Vec<Option<usize>> = wanted.iter().map(|w| names.iter().position(|n| *n == fold(w))).collect();
            let missing: Vec<Problem> = columns[..required]
                .iter()
                .zip(wanted)
                .filter(|(c, _)| c.is_none())
                .map(|(_, w)| bad_header(line, w, String::new()))
                .collect();
            if !missing.is_empty() {
                return Err(missing);
            }
            if format == Format::PahekoFull {
                Kind::PahekoFull { separator, columns, entry: None }
            } else {
                Kind::PahekoSimple { separator, columns }
            }
        }
        Format::Dolibarr => {
            let separator = separator(&header);
            let fields = dolibarr_fields(&header, separator);
            if fields.len() < DOLIBARR.len() {
                return Err(vec![Problem {
                    line,
                    column: "",
                    reason: Reason::WrongColumnCount { expected: DOLIBARR.len(), found: fields.len() },
                    value: header.into_owned(),
                }]);
            }
            // A first line of data (it starts with a number) goes back to be read as one.
            if fields[0].bytes().all(|b| b.is_ascii_digit()) {
                records = Records::new(bytes, false);
            }
            Kind::Dolibarr { separator }
        }
    };
    records.quoted = format != Format::Fec;
    Ok(Reader { records, kind, waiting: None })
}

fn bad_header(line: usize, column: &'static str, value: String) -> Problem {
    Problem { line, column, reason: Reason::BadHeader, value }
}

/// Whether the first line names the FEC's first column.
fn looks_like_fec(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(400)];
    let first = head.split(|b| *b == b'\n' || *b == b'\r').find(|l| !l.is_empty()).unwrap_or_default();
    String::from_utf8_lossy(first).to_ascii_lowercase().contains("journalcode")
}

/// Paheko's exports, by their headers.
fn paheko(header: &str) -> Option<Format> {
    let names: Vec<String> = split_csv(header, separator(header)).iter().map(|n| fold(n)).collect();
    let has = |w: &str| names.contains(&fold(w));
    if has(PAHEKO_DEBIT_ACCOUNT) && has(PAHEKO_CREDIT_ACCOUNT) {
        Some(Format::PahekoSimple)
    } else if has(PAHEKO_ACCOUNT) && has(PAHEKO_DEBIT) {
        Some(Format::PahekoFull)
    } else {
        None
    }
}

/// A record's fields as Dolibarr wrote them: ten, the label rejoined when it
/// held the separator (counted from both ends) and its single quotes dropped.
fn dolibarr_fields(record: &str, separator: char) -> Vec<String> {
    let fields = split_untrimmed(record, separator);
    let n = DOLIBARR.len();
    if fields.len() <= n {
        return fields.iter().map(|f| f.trim().to_string()).collect();
    }
    let extra = fields.len() - n;
    let label = fields[3..4 + extra].join(&separator.to_string());
    let label = label.trim();
    let label = label.strip_prefix('\'').and_then(|l| l.strip_suffix('\'')).unwrap_or(label);
    let mut out: Vec<String> = fields[..3].to_vec();
    out.push(label.to_string());
    out.extend_from_slice(&fields[4 + extra..]);
    out.iter().map(|f| f.trim().to_string()).collect()
}

/// Whether a line reads as one of Dolibarr's rows: a transaction number, a date, an account.
fn dolibarr_row(record: &str) -> bool {
    let fields = dolibarr_fields(record, separator(record));
    fields.len() == DOLIBARR.len()
        && !fields[0].is_empty()
        && fields[0].bytes().all(|b| b.is_ascii_digit())
        && csv_date(&fields[1]).is_some()
        && fec::is_account(&fields[4])
}

impl Reader<'_> {
    /// What the file turned out to be.
    pub fn format(&self) -> Format {
        match self.kind {
            Kind::Fec { .. } => Format::Fec,
            Kind::PahekoFull { .. } => Format::PahekoFull,
            Kind::PahekoSimple { .. } => Format::PahekoSimple,
            Kind::Dolibarr { .. } => Format::Dolibarr,
        }
    }
}

impl Iterator for Reader<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(r) = self.waiting.take() {
            return Some(r);
        }
        loop {
            let (n, record) = self.records.next()?;
            if blank(&record) {
                continue;
            }
            return Some(match &mut self.kind {
                Kind::Fec { separator, layout, width } => fec_record(n, &record, *separator, *layout, *width),
                Kind::PahekoFull { separator, columns, entry } => paheko_full(n, &record, *separator, columns, entry),
                Kind::PahekoSimple { separator, columns } => {
                    let (first, second) = paheko_simple(n, &record, *separator, columns);
                    self.waiting = second;
                    first
                }
                Kind::Dolibarr { separator } => dolibarr(n, &record, *separator),
            });
        }
    }
}

fn fec_record(n: usize, record: &str, separator: char, layout: Layout, width: usize) -> Record {
    let fields: Vec<&str> = record.split(separator).map(str::trim).collect();
    let key = (fields[0].to_string(), fields.get(2).copied().unwrap_or_default().to_string());
    let read = if fields.len() != width {
        Err(vec![Problem {
            line: n,
            column: "",
            reason: Reason::WrongColumnCount { expected: width, found: fields.len() },
            value: record.to_string(),
        }])
    } else {
        let mut reader = fec::Reader { line: n, fields: &fields, layout, problems: Vec::new() };
        match reader.line() {
            Some(line) => Ok(line),
            None => Err(reader.problems),
        }
    };
    Record { line: n, key, read, line_label: String::new(), date_column: "EcritureDate", account_column: "CompteNum" }
}

/// Reads the fields of a CSV row into a line, noting each problem.
struct Fields<'a> {
    line: usize,
    cells: &'a [String],
    problems: Vec<Problem>,
}

impl Fields<'_> {
    fn at(&self, i: Option<usize>) -> &str {
        i.and_then(|i| self.cells.get(i)).map_or("", String::as_str)
    }

    fn flag(&mut self, column: &'static str, reason: Reason, value: &str) {
        self.problems.push(Problem { line: self.line, column, reason, value: value.to_string() });
    }

    fn text(&mut self, column: &'static str, i: Option<usize>, required: bool) -> String {
        let value = self.at(i).to_string();
        if required && value.is_empty() {
            self.flag(column, Reason::Missing, "");
        }
        value
    }

    fn date(&mut self, column: &'static str, i: Option<usize>) -> Option<Date> {
        let raw = self.at(i).to_string();
        if raw.is_empty() {
            self.flag(column, Reason::Missing, "");
            return None;
        }
        let d = csv_date(&raw);
        if d.is_none() {
            self.flag(column, Reason::BadDate, &raw);
        }
        d
    }

    fn account(&mut self, column: &'static str, i: Option<usize>) -> String {
        let code = self.text(column, i, true);
        if !code.is_empty() && !fec::is_account(&code) {
            self.flag(column, Reason::BadAccount, &code);
        }
        code
    }

    fn amount(&mut self, column: &'static str, i: Option<usize>) -> Option<i64> {
        let raw = self.at(i).to_string();
        if raw.is_empty() {
            return None;
        }
        let cents = csv_amount(&raw);
        if cents.is_none() {
            self.flag(column, Reason::BadAmount, &raw);
        }
        cents
    }

    /// Debit and credit from two columns: one may be empty, not both, and one is zero.
    fn debit_credit(
        &mut self,
        (debit, credit): (&'static str, &'static str),
        i: (Option<usize>, Option<usize>),
    ) -> (i64, i64) {
        let (d, c) = (self.amount(debit, i.0), self.amount(credit, i.1));
        if self.at(i.0).is_empty() && self.at(i.1).is_empty() {
            self.flag(debit, Reason::Missing, "");
        }
        let (d, c) = (d.unwrap_or(0), c.unwrap_or(0));
        if d != 0 && c != 0 {
            let raw = self.at(i.1).to_string();
            self.flag(credit, Reason::BothDebitAndCredit, &raw);
        }
        (d, c)
    }
}

/// A line in the FEC's record from what the CSV formats give.
fn line_of(
    journal: &str,
    (number, date): (&str, Date),
    (account, account_label): (String, String),
    (reference, label): (&str, &str),
    (debit, credit): (i64, i64),
) -> FecLine {
    FecLine {
        journal_code: journal.to_string(),
        journal_lib: journal.to_string(),
        ecriture_num: number.to_string(),
        ecriture_date: date,
        compte_num: account,
        compte_lib: account_label,
        comp_aux_num: String::new(),
        comp_aux_lib: String::new(),
        piece_ref: reference.to_string(),
        piece_date: date,
        ecriture_lib: label.to_string(),
        debit,
        credit,
        ecriture_let: String::new(),
        date_let: None,
        valid_date: date,
        montant_devise: None,
        idevise: String::new(),
    }
}

fn paheko_full(
    n: usize,
    record: &str,
    separator: char,
    columns: &[Option<usize>],
    entry: &mut Option<(Key, String, String, String)>,
) -> Record {
    let cells = split_csv(record, separator);
    let mut f = Fields { line: n, cells: &cells, problems: Vec::new() };
    let [id, date, label, account, debit, credit, reference, account_label, line_label] =
        [0, 1, 2, 3, 4, 5, 6, 7, 8].map(|k| columns[k]);
    let own_id = f.at(id).to_string();
    // A row without a number, date and label follows the entry above it (the grouped export).
    let follows = own_id.is_empty() && f.at(date).is_empty() && f.at(label).is_empty() && entry.is_some();
    let (key, day, entry_label, entry_reference) = match (follows, entry.as_ref()) {
        (true, Some((key, day, l, r))) => (key.clone(), csv_date(day), l.clone(), r.clone()),
        _ => {
            let own_id = f.text(PAHEKO_ID, id, true);
            let day = f.date(PAHEKO_DATE, date);
            let entry_label = f.text(PAHEKO_LABEL, label, true);
            let entry_reference = f.text(PAHEKO_REFERENCE, reference, false);
            let key = (String::new(), own_id);
            *entry = Some((key.clone(), f.at(date).to_string(), entry_label.clone(), entry_reference.clone()));
            (key, day, entry_label, entry_reference)
        }
    };
    let code = f.account(PAHEKO_ACCOUNT, account);
    let code_label = f.text(PAHEKO_ACCOUNT_LABEL, account_label, false);
    let amounts = f.debit_credit((PAHEKO_DEBIT, PAHEKO_CREDIT), (debit, credit));
    let own_label = f.text(PAHEKO_LINE_LABEL, line_label, false);
    let read = match day {
        Some(day) if f.problems.is_empty() => {
            Ok(line_of("", (&key.1, day), (code, code_label), (&entry_reference, &entry_label), amounts))
        }
        _ => Err(f.problems),
    };
    Record { line: n, key, read, line_label: own_label, date_column: PAHEKO_DATE, account_column: PAHEKO_ACCOUNT }
}

fn paheko_simple(n: usize, record: &str, separator: char, columns: &[Option<usize>]) -> (Record, Option<Record>) {
    let cells = split_csv(record, separator);
    let mut f = Fields { line: n, cells: &cells, problems: Vec::new() };
    let [id, date, label, debit_account, credit_account, amount, reference] = [0, 1, 2, 3, 4, 5, 6].map(|k| columns[k]);
    let number = f.text(PAHEKO_ID, id, true);
    let day = f.date(PAHEKO_DATE, date);
    let label = f.text(PAHEKO_LABEL, label, true);
    let reference = f.text(PAHEKO_REFERENCE, reference, false);
    let debit_code = f.account(PAHEKO_DEBIT_ACCOUNT, debit_account);
    let credit_code = f.account(PAHEKO_CREDIT_ACCOUNT, credit_account);
    if f.at(amount).is_empty() {
        f.flag(PAHEKO_AMOUNT, Reason::Missing, "");
    }
    let cents = f.amount(PAHEKO_AMOUNT, amount).unwrap_or(0);
    let key = (String::new(), number.clone());
    let record = |read, account_column| Record {
        line: n,
        key: key.clone(),
        read,
        line_label: String::new(),
        date_column: PAHEKO_DATE,
        account_column,
    };
    match day {
        Some(day) if f.problems.is_empty() => {
            let head = (number.as_str(), day);
            let texts = (reference.as_str(), label.as_str());
            let debit = line_of("", head, (debit_code, String::new()), texts, (cents, 0));
            let credit = line_of("", head, (credit_code, String::new()), texts, (0, cents));
            (record(Ok(debit), PAHEKO_DEBIT_ACCOUNT), Some(record(Ok(credit), PAHEKO_CREDIT_ACCOUNT)))
        }
        _ => (record(Err(f.problems), PAHEKO_DEBIT_ACCOUNT), None),
    }
}

fn dolibarr(n: usize, record: &str, separator: char) -> Record {
    let cells = dolibarr_fields(record, separator);
    let key = (cells.get(9).cloned().unwrap_or_default(), cells.first().cloned().unwrap_or_default());
    let mut out = Record {
        line: n,
        key,
        read: Err(Vec::new()),
        line_label: String::new(),
        date_column: DOLIBARR[1],
        account_column: DOLIBARR[4],
    };
    if cells.len() != DOLIBARR.len() {
        out.read = Err(vec![Problem {
            line: n,
            column: "",
            reason: Reason::WrongColumnCount { expected: DOLIBARR.len(), found: cells.len() },
            value: record.to_string(),
        }]);
        return out;
    }
    let mut f = Fields { line: n, cells: &cells, problems: Vec::new() };
    let col = Some;
    let number = f.text(DOLIBARR[0], col(0), true);
    let day = f.date(DOLIBARR[1], col(1));
    let reference = f.text(DOLIBARR[2], col(2), false);
    let label = f.text(DOLIBARR[3], col(3), true);
    let account = f.account(DOLIBARR[4], col(4));
    let aux = f.text(DOLIBARR[5], col(5), false);
    let amounts = f.debit_credit((DOLIBARR[6], DOLIBARR[7]), (col(6), col(7)));
    let journal = f.text(DOLIBARR[9], col(9), true);
    out.read = match day {
        Some(day) if f.problems.is_empty() => {
            let mut line = line_of(&journal, (&number, day), (account, String::new()), (&reference, &label), amounts);
            line.comp_aux_lib = aux.clone();
            line.comp_aux_num = aux;
            Ok(line)
        }
        _ => Err(f.problems),
    };
    out
}

/// The first pass over a file: every problem, and how many lines each entry has.
pub struct Check {
    format: Format,
    entries: HashMap<Key, Seen>,
    problems: Vec<Problem>,
    lines: usize,
}

/// What the first pass keeps of an entry.
struct Seen {
    first_line: usize,
    day: Option<Date>,
    balance: i64,
    lines: u32,
    /// A line of it did not read: its balance is not checked.
    broken: bool,
}

/// What a file holds, once checked: the lines each entry has, for [`Entries`].
#[derive(Debug, Clone, Default)]
pub struct Counts {
    lines_of: HashMap<Key, u32>,
    pub lines: usize,
}

impl Counts {
    /// How many entries the file holds.
    pub fn entries(&self) -> usize {
        self.lines_of.len()
    }
}

impl Check {
    pub fn new(format: Format) -> Self {
        Check { format, entries: HashMap::new(), problems: Vec::new(), lines: 0 }
    }

    /// Notes one record: its problems, or its part in its entry.
    pub fn add(&mut self, r: &Record) {
        self.lines += 1;
        let seen = self.entries.entry(r.key.clone()).or_insert(Seen {
            first_line: r.line,
            day: None,
            balance: 0,
            lines: 0,
            broken: false,
        });
        seen.lines += 1;
        match &r.read {
            Err(problems) => {
                seen.broken = true;
                self.problems.extend(problems.iter().cloned());
            }
            Ok(l) => {
                seen.balance += l.debit - l.credit;
                match seen.day {
                    None => seen.day = Some(l.ecriture_date),
                    Some(day) if day != l.ecriture_date => self.problems.push(Problem {
                        line: r.line,
                        column: r.date_column,
                        reason: Reason::EntryDateDiffers { entry: entry_name(&r.key) },
                        value: fec::date(l.ecriture_date),
                    }),
                    Some(_) => {}
                }
            }
        }
    }

    /// Every problem sorted by line, or the count of lines of each entry.
    pub fn finish(mut self) -> Result<Counts, Vec<Problem>> {
        for (key, seen) in &self.entries {
            if !seen.broken && seen.balance != 0 {
                self.problems.push(Problem {
                    line: seen.first_line,
                    column: self.format.number_column(),
                    reason: Reason::Unbalanced { entry: entry_name(key), difference_cents: seen.balance },
                    value: key.1.clone(),
                });
            }
        }
        if self.problems.is_empty() {
            let lines_of = self.entries.into_iter().map(|(k, s)| (k, s.lines)).collect();
            Ok(Counts { lines_of, lines: self.lines })
        } else {
            self.problems.sort_by_key(|p| p.line);
            Err(self.problems)
        }
    }
}

/// An entry's name in a message: its journal and number (`BQ 12`), or its number.
fn entry_name(key: &Key) -> String {
    if key.0.is_empty() { key.1.clone() } else { format!("{} {}", key.0, key.1) }
}

/// The second pass: a checked file's entries, each handed out as soon as its
/// last line is read (in the file's order when entries are not interleaved).
/// Only entries not complete yet are held.
pub struct Entries<'a> {
    reader: Reader<'a>,
    counts: &'a Counts,
    waiting: HashMap<Key, Vec<Record>>,
}

impl<'a> Entries<'a> {
    /// Reads `bytes` again; `counts` is what [`Check::finish`] gave for them.
    pub fn new(bytes: &'a [u8], format: Format, counts: &'a Counts) -> Result<Self, Vec<Problem>> {
        let wanted = match format {
            Format::Fec => Wanted::Fec,
            Format::PahekoFull | Format::PahekoSimple => Wanted::Paheko,
            Format::Dolibarr => Wanted::Dolibarr,
        };
        Ok(Entries { reader: open(bytes, wanted)?, counts, waiting: HashMap::new() })
    }
}

impl Iterator for Entries<'_> {
    /// An entry's lines, all read well (a line that did not is left out).
    type Item = Vec<Record>;

    fn next(&mut self) -> Option<Vec<Record>> {
        loop {
            let Some(r) = self.reader.next() else {
                // Entries the counts did not foresee: not for a checked file.
                let key = self.waiting.keys().next()?.clone();
                return self.waiting.remove(&key);
            };
            if r.read.is_err() {
                continue;
            }
            let expected = self.counts.lines_of.get(&r.key).copied().unwrap_or(1) as usize;
            if expected == 1 && !self.waiting.contains_key(&r.key) {
                return Some(vec![r]);
            }
            let key = r.key.clone();
            let lines = self.waiting.entry(key.clone()).or_default();
            lines.push(r);
            if lines.len() >= expected {
                return self.waiting.remove(&key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], wanted: Wanted) -> Result<(Format, Vec<Vec<Record>>), Vec<Problem>> {
        let reader = open(bytes, wanted)?;
        let format = reader.format();
        let mut c = Check::new(format);
        reader.for_each(|r| c.add(&r));
        let counts = c.finish()?;
        let entries: Vec<Vec<Record>> = Entries::new(bytes, format, &counts)?.collect();
        assert_eq!(entries.len(), counts.entries());
        Ok((format, entries))
    }

    fn lines(entry: &[Record]) -> Vec<(String, i64, i64)> {
        entry
            .iter()
            .map(|r| {
                let l = r.read.as_ref().unwrap();
                (l.compte_num.clone(), l.debit, l.credit)
            })
            .collect()
    }

    const PAHEKO_FULL_CSV: &str = "\"Numéro d'écriture\",\"Type\",\"Statut\",\"Libellé\",\"Date\",\"Remarques\",\
        \"Numéro pièce comptable\",\"Numéro compte\",\"Libellé compte\",\"Débit\",\"Crédit\",\"Référence ligne\",\
        \"Libellé ligne\",\"Rapprochement\",\"Projet analytique\",\"Membres associés\"\n\
        12,Recette,,\"Cotisation Zoé\",14/03/2025,\"sur\ndeux lignes\",P1,512A,Banque,\"50,00\",\"0,00\",,,,,\n\
        12,Recette,,\"Cotisation Zoé\",14/03/2025,,P1,756,Cotisations,\"0,00\",\"50,00\",,\"Zoé\",,,\n\
        13,Dépense,,Timbres,15/03/2025,,,626,Poste,\"1 234,5\",,,,,,\n\
        ,,,,,,,530,Caisse,,\"1234,50\",,,,,\n";

    #[test]
    fn paheko_complete_and_grouped() {
        let (format, entries) = check(PAHEKO_FULL_CSV.as_bytes(), Wanted::Auto).unwrap();
        assert_eq!(format, Format::PahekoFull);
        assert_eq!(entries.len(), 2);
        assert_eq!(lines(&entries[0]), [("512A".into(), 5000, 0), ("756".into(), 0, 5000)]);
        assert_eq!(entries[0][1].line, 4, "the quoted line break counts");
        assert_eq!(entries[0][1].line_label, "Zoé");
        assert_eq!(entries[1][1].read.as_ref().unwrap().ecriture_lib, "Timbres");
        assert_eq!(lines(&entries[1]), [("626".into(), 123_450, 0), ("530".into(), 0, 123_450)]);
    }

    #[test]
    fn paheko_simplified_in_windows_1252() {
        let text = "Numéro d'écriture;Type;Statut;Libellé;Date;Remarques;Numéro pièce comptable;Référence paiement;\
            Compte de débit;Compte de crédit;Montant;Projet analytique;Membres associés\r\n\
            1;Recette;;Don de Léa – merci;2025-01-05;;;;5112;7541;80,00;;\r\n";
        let bytes: Vec<u8> = text
            .chars()
            .map(|c| match c {
                '–' => 0x96,
                c => c as u32 as u8,
            })
            .collect();
        let (format, entries) = check(&bytes, Wanted::Paheko).unwrap();
        assert_eq!(format, Format::PahekoSimple);
        assert_eq!(lines(&entries[0]), [("5112".into(), 8000, 0), ("7541".into(), 0, 8000)]);
        assert_eq!(entries[0][0].read.as_ref().unwrap().ecriture_lib, "Don de Léa – merci");
    }

    #[test]
    fn dolibarr_configurable_csv() {
        let text = "7,2025-02-01,FA2502-0001,Adhésion; février,411,CU0001,60,0,60,VT\n\
            7,2025-02-01,FA2502-0001,'Adhésion, février',756,,0,60,-60,VT\n\
            8,2025-02-03,,Frais,627,,\"2,5\",0,\"2,5\",BQ\n8,2025-02-03,,Frais,512,,0,2.50,-2.5,BQ\n";
        let (format, entries) = check(text.as_bytes(), Wanted::Auto).unwrap();
        assert_eq!(format, Format::Dolibarr);
        assert_eq!(entries.len(), 2);
        let first = entries[0][0].read.as_ref().unwrap();
        assert_eq!((first.journal_code.as_str(), first.comp_aux_num.as_str()), ("VT", "CU0001"));
        assert_eq!(entries[0][1].read.as_ref().unwrap().ecriture_lib, "Adhésion, février");
        assert_eq!(lines(&entries[1]), [("627".into(), 250, 0), ("512".into(), 0, 250)]);
        // A line of names added on top is skipped.
        let named = format!("piece_num,doc_date,doc_ref,label,account,aux,debit,credit,amount,journal\n{text}");
        assert_eq!(check(named.as_bytes(), Wanted::Dolibarr).unwrap().1.len(), 2);
    }

    #[test]
    fn problems_are_located() {
        let bad = PAHEKO_FULL_CSV.replace("\"0,00\",\"50,00\"", "\"0,00\",\"5O,00\"");
        let found = check(bad.as_bytes(), Wanted::Auto).unwrap_err();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column, &found[0].reason), (4, "Crédit", &Reason::BadAmount));
        let unbalanced = PAHEKO_FULL_CSV.replace("\"0,00\",\"50,00\"", "\"0,00\",\"40,00\"");
        let found = check(unbalanced.as_bytes(), Wanted::Auto).unwrap_err();
        assert_eq!(found[0].reason, Reason::Unbalanced { entry: "12".into(), difference_cents: 1000 });
        assert_eq!((found[0].line, found[0].column), (2, PAHEKO_ID));
        let dolibarr = "1,2025-13-01,,X,512,,1,0,1,BQ\n1,2025-01-01,,X,512,,0,1,-1,BQ\n";
        let found = check(dolibarr.as_bytes(), Wanted::Dolibarr).unwrap_err();
        assert_eq!((found[0].line, found[0].column, &found[0].reason), (1, "doc_date", &Reason::BadDate));
        // Nothing recognised.
        assert_eq!(check(b"a;b;c\n1;2;3\n", Wanted::Auto).unwrap_err()[0].reason, Reason::BadHeader);
        let missing = check("Numéro compte;Débit\n".as_bytes(), Wanted::Paheko).unwrap_err();
        let columns: Vec<&str> = missing.iter().map(|p| p.column).collect();
        assert_eq!(columns, [PAHEKO_ID, PAHEKO_DATE, PAHEKO_LABEL, PAHEKO_CREDIT]);
    }

    #[test]
    fn interleaved_entries_come_out_whole() {
        let text = "1,2025-02-01,,A,512,,10,0,10,BQ\n2,2025-02-01,,B,512,,20,0,20,BQ\n\
            1,2025-02-01,,A,756,,0,10,-10,BQ\n2,2025-02-01,,B,756,,0,20,-20,BQ\n";
        let (_, entries) = check(text.as_bytes(), Wanted::Dolibarr).unwrap();
        let shapes: Vec<Vec<(String, i64, i64)>> = entries.iter().map(|e| lines(e)).collect();
        assert_eq!(shapes[0], [("512".into(), 1000, 0), ("756".into(), 0, 1000)]);
        assert_eq!(shapes[1], [("512".into(), 2000, 0), ("756".into(), 0, 2000)]);
    }

    #[test]
    fn dates_and_amounts() {
        assert_eq!(csv_date("2025-03-01"), Date::new(2025, 3, 1));
        assert_eq!(csv_date("01/03/2025"), Date::new(2025, 3, 1));
        assert_eq!(csv_date("1/3/2025 00:00:00"), Date::new(2025, 3, 1));
        assert_eq!(csv_date("20250301"), Date::new(2025, 3, 1));
        assert_eq!(csv_date("31/02/2025"), None);
        assert_eq!(csv_amount("1 234,56"), Some(123_456));
        assert_eq!(csv_amount("1\u{a0}234.5"), Some(123_450));
        assert_eq!(csv_amount("12,345"), None);
    }
}
