//! CSV statements as online banks export them. There is no standard: `;`
//! and a decimal comma mostly, dates `DD/MM/YYYY`, often Windows-1252,
//! sometimes one signed amount and sometimes a debit and a credit column,
//! often a few lines about the account before the table. A [`CsvLayout`]
//! says which is which; [`CsvLayout::guess`] recognises the usual French
//! headers.
//!
//! The rows themselves are cut by [`sheet`]'s CSV reader (delimiter sniffed
//! from the header line among `;`, `,` and tab; quotes; line numbers as a
//! text editor shows them), once the lines before the header are set aside
//! and the bytes decoded as the layout says.

use std::borrow::Cow;

use domain::Date;
use domain::members::fold;

use crate::amount;
use crate::dates;
use crate::statement::{Builder, collapse_spaces, whole_file};
use crate::text::{LineIndex, decode, latin1, numbered_lines};
use crate::{Format, Line, MAX_LINES, Problem, Reason, Statement};

/// How many lines are searched for the header row.
const HEADER_SEARCH: usize = 50;

/// How to read a bank's CSV export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvLayout {
    pub encoding: Encoding,
    /// Lines before the header row (or before the first data row when there
    /// is no header), which are not read: the account's name, the dates of
    /// the export, a balance. `None`: the header row is the first of the
    /// first 50 lines that holds every column named by `Column::Name` (or,
    /// with columns all given by position, the first line).
    pub skip_lines: Option<usize>,
    /// Whether the first line read is a header row. Without one, columns
    /// can only be given by position.
    pub header: bool,
    /// The booking date.
    pub date: Column,
    pub date_format: DateFormat,
    /// The value date, if the file has one.
    pub value_date: Option<Column>,
    /// The columns making the label, joined with a space in this order
    /// (empty cells left out): a label and its complement, say.
    pub label: Vec<Column>,
    pub amounts: Amounts,
    pub decimal: Decimal,
    /// A reference column (cheque number, operation number), if any.
    pub reference: Option<Column>,
    /// A currency column, if any: a line in another currency than the euro
    /// (`EUR`, `€`, `euro`, `euros`, in any case) is refused.
    pub currency: Option<Column>,
}

/// A column, by its header or its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// The header as written in the file. Compared without case, accents
    /// and punctuation: `Date d'opération` is `date d operation`.
    Name(String),
    /// The position, counted from 0 for the first column.
    Index(usize),
}

/// Where the amount is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amounts {
    /// One column: money in positive, money out negative.
    Signed(Column),
    /// Money out in one column, money in in another, one of them filled
    /// per row. The sign written in them does not matter: debits are taken
    /// as money out and credits as money in. (Both filled: the credit minus
    /// the debit.)
    DebitCredit { debit: Column, credit: Column },
}

/// What separates euros from cents. Spaces (also no-break) and `'` may
/// separate thousands either way, as can the other of `.` and `,` when it
/// separates groups of three digits: `1 234,56`, `1.234,56`, `1,234.56`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `12,50`: French banks.
    Comma,
    /// `12.50`: some online banks, English exports.
    Point,
}

impl Decimal {
    fn char(self) -> char {
        match self {
            Decimal::Comma => ',',
            Decimal::Point => '.',
        }
    }
}

/// How dates are written. The separator may be `/`, `-` or `.` in any of
/// them, and a time after the date (`25/01/2026 14:32`,
/// `2026-01-25T14:32:00Z`) is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// `DD/MM/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`, and `DD/MM/YY` (`26` is
    /// 2026: two-digit years are 1969 to 2068).
    DayMonthYear,
    /// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`.
    YearMonthDay,
    /// `MM/DD/YYYY`, `MM/DD/YY`: American exports.
    MonthDayYear,
}

impl DateFormat {
    const ALL: [DateFormat; 3] = [DateFormat::DayMonthYear, DateFormat::YearMonthDay, DateFormat::MonthDayYear];

    /// The day `raw` means in this format, if it exists.
    pub fn parse(self, raw: &str) -> Option<Date> {
        let s = raw.trim();
        let s = s.split([' ', 'T']).next().unwrap_or(s);
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        match (self, parts.as_slice()) {
            (DateFormat::DayMonthYear, [d, m, y]) => dates::dmy(d, m, y),
            (DateFormat::MonthDayYear, [m, d, y]) => dates::dmy(d, m, y),
            (DateFormat::YearMonthDay, [y, m, d]) if y.len() == 4 => dates::dmy(d, m, y),
            (DateFormat::YearMonthDay, [ymd]) if ymd.len() == 8 => dates::iso_prefix(ymd),
            _ => None,
        }
    }
}

/// Which bytes a CSV file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (also UTF-16 with a byte order mark) when the bytes are that,
    /// Windows-1252 otherwise.
    Auto,
    /// UTF-8, with or without a byte order mark; other bytes are refused.
    Utf8,
    /// Latin-1 as Windows writes it (Windows-1252, which has `€` and `œ`).
    Latin1,
}

/// Header names of each column, folded (see [`Column::Name`]), best first.
const DATES: &[&str] = &[
    "date",
    "date de comptabilisation",
    "date comptable",
    "date operation",
    "date d operation",
    "date de l operation",
    "date de l ecriture",
    "date ecriture",
    "date op",
    "dateop",
    "booking date",
    "settlement date",
    "transaction date",
];
const VALUE_DATES: &[&str] = &["date de valeur", "date valeur", "dateval", "date val", "value date"];
const LABELS: &[&str] = &[
    "libelle",
    "libelle operation",
    "libelle de l operation",
    "libelle simplifie",
    "label",
    "description",
    "intitule",
    "intitule operation",
    "nature de l operation",
    "nature operation",
    "designation",
    "counterparty name",
];
/// Columns whose text follows the label.
const LABEL_MORE: &[&str] = &[
    "detail",
    "details",
    "detail de l ecriture",
    "informations complementaires",
    "libelle complementaire",
    "complement",
    "complement de libelle",
];
const DEBITS: &[&str] =
    &["debit", "debits", "montant debit", "debit euros", "sortie", "sorties", "decaissement", "depense", "depenses"];
const CREDITS: &[&str] = &[
    "credit",
    "credits",
    "montant credit",
    "credit euros",
    "entree",
    "entrees",
    "encaissement",
    "recette",
    "recettes",
];
const AMOUNTS: &[&str] = &[
    "montant",
    "montant operation",
    "montant de l operation",
    "montant euros",
    "montant en euros",
    "amount",
    "total amount",
    "somme",
];
const REFERENCES: &[&str] = &[
    "reference",
    "ref",
    "reference operation",
    "reference de l operation",
    "numero de piece",
    "n de piece",
    "piece",
    "numero d operation",
    "numero de cheque",
    "n cheque",
];
const CURRENCIES: &[&str] = &["devise", "currency", "monnaie"];
/// What may follow a known header: a unit or a format (`Débit (EUR)`,
/// `Date (JJ/MM/AAAA)`).
const UNITS: &[&str] = &[
    "eur",
    "euro",
    "euros",
    "utc",
    "jj mm aaaa",
    "jj mm aa",
    "aaaa mm jj",
    "dd mm yyyy",
    "yyyy mm dd",
    "incl vat",
    "ttc",
];

impl CsvLayout {
    /// The layout a header row suggests, when it has a date, a label and an
    /// amount (one signed column, or debit and credit columns): the headers
    /// of French banks' exports ("Date", "Date opération", "Date de
    /// comptabilisation", "Libellé", "Libellé opération", "Débit",
    /// "Crédit", "Montant", "Date de valeur", "Référence", "Devise"…) and a
    /// few English ones. A header may carry a unit: "Débit (EUR)",
    /// "Montant (€)". Columns are given by name, so the header is looked for
    /// in the first lines; dates are taken as `DD/MM/YYYY` and amounts with a
    /// decimal comma ([`crate::read`] without a layout adjusts both to the
    /// values).
    pub fn guess(headers: &[String]) -> Option<CsvLayout> {
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        let mut taken = vec![false; keys.len()];
        let wanted: [&[&str]; 8] = [VALUE_DATES, DATES, LABELS, DEBITS, CREDITS, AMOUNTS, REFERENCES, CURRENCIES];
        let mut found: [Option<usize>; 8] = [None; 8];
        for exact in [true, false] {
            for (field, aliases) in wanted.iter().enumerate() {
                if found[field].is_some() {
                    continue;
                }
                let best = keys
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !taken[*i])
                    .filter_map(|(i, key)| aliases.iter().position(|a| matches(key, a, exact)).map(|rank| (rank, i)))
                    .min();
                if let Some((_, i)) = best {
                    taken[i] = true;
                    found[field] = Some(i);
                }
            }
        }
        let column = |i: Option<usize>| i.map(|i| Column::Name(headers[i].clone()));
        let [value_date, date, label, debit, credit, amount, reference, currency] = found;
        let amounts = match (column(debit), column(credit), column(amount)) {
            (Some(debit), Some(credit), _) => Amounts::DebitCredit { debit, credit },
            (_, _, Some(amount)) => Amounts::Signed(amount),
            _ => return None,
        };
        let mut labels = vec![column(label)?];
        for (i, key) in keys.iter().enumerate() {
            if !taken[i] && LABEL_MORE.contains(&key.as_str()) {
                labels.push(Column::Name(headers[i].clone()));
            }
        }
        Some(CsvLayout {
            encoding: Encoding::Auto,
            skip_lines: None,
            header: true,
            date: column(date)?,
            date_format: DateFormat::DayMonthYear,
            value_date: column(value_date),
            label: labels,
            amounts,
            decimal: Decimal::Comma,
            reference: column(reference),
            currency: column(currency),
        })
    }

    fn named(&self) -> Vec<&str> {
        let mut columns = vec![&self.date];
        columns.extend(&self.value_date);
        columns.extend(&self.label);
        match &self.amounts {
            Amounts::Signed(c) => columns.push(c),
            Amounts::DebitCredit { debit, credit } => columns.extend([debit, credit]),
        }
        columns.extend(&self.reference);
        columns.extend(&self.currency);
        columns
            .into_iter()
            .filter_map(|c| match c {
                Column::Name(n) => Some(n.as_str()),
                Column::Index(_) => None,
            })
            .collect()
    }
}

/// A header as compared: folded, punctuation as spaces, single spaces.
fn header_key(header: &str) -> String {
    fold(header).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn matches(key: &str, alias: &str, exact: bool) -> bool {
    if exact {
        return key == alias;
    }
    key.strip_prefix(alias).and_then(|rest| rest.strip_prefix(' ')).is_some_and(|unit| UNITS.contains(&unit))
}

/// A column found in the file: where, and how to name it in messages.
struct Found {
    index: usize,
    name: String,
}

/// The layout's columns, found in the file.
struct Columns {
    date: Found,
    value_date: Option<Found>,
    label: Vec<Found>,
    /// The signed amount, or the debit when there is a credit.
    amount: Found,
    credit: Option<Found>,
    reference: Option<Found>,
    currency: Option<Found>,
}

pub(crate) fn read(bytes: &[u8], layout: Option<&CsvLayout>) -> Result<Statement, Vec<Problem>> {
    let text = decode_as(bytes, layout.map_or(Encoding::Auto, |l| l.encoding))?;
    let (skip, mut layout, guessed) = locate(&text, layout)?;
    let table = Table::after(&text, skip, layout.header);
    // Rows are read as they are cut, never all held: twice when the layout
    // is guessed (once to fit the date format and decimal separator to the
    // values, once to read them), so a large statement costs only its lines.
    let sheet_error = |e| vec![sheet_problem(e, skip)];
    let headers = table.headers().map_err(sheet_error)?;
    let mut b = Builder::new(Format::Csv);
    let Some(columns) = find_columns(&mut b, &layout, &headers, table.header_line + skip) else { return b.finish() };
    if guessed {
        let mut tally = Tally::default();
        for row in table.rows().map_err(sheet_error)? {
            tally.row(&columns, &row.map_err(sheet_error)?);
        }
        tally.fit(&mut layout);
    }
    for row in table.rows().map_err(sheet_error)? {
        let row = row.map_err(sheet_error)?;
        if let Some(line) = read_row(&mut b, &layout, &columns, &row, row.line + skip)
            && !b.push(line)
        {
            break;
        }
    }
    b.finish()
}

/// The table of a CSV statement: the text after the lines set aside, cut
/// into rows by [`sheet::CsvRows`] as many times as needed.
struct Table<'t> {
    text: &'t str,
    /// Whether the first row with something in it names the columns.
    header: bool,
    /// That row's line in `text`, 1-based.
    header_line: usize,
}

impl<'t> Table<'t> {
    /// The table after the first `skip` lines of `text`.
    fn after(text: &'t str, skip: usize, header: bool) -> Self {
        let text = &text[LineIndex::new(text).start_of(skip + 1, text.len())..];
        Table { text, header, header_line: first_filled_line(text) }
    }

    /// The column names (none when the table has no header row).
    fn headers(&self) -> Result<Vec<String>, sheet::ReadError> {
        let rows = sheet::CsvRows::new(self.text, MAX_LINES)?;
        Ok(if self.header { rows.headers().to_vec() } else { Vec::new() })
    }

    /// The data rows, from the first again; without a header row, the first
    /// row with something in it is one of them.
    fn rows(&self) -> Result<impl Iterator<Item = Result<sheet::Row, sheet::ReadError>> + 't, sheet::ReadError> {
        let rows = sheet::CsvRows::new(self.text, MAX_LINES)?;
        let first = (!self.header).then(|| sheet::Row { line: self.header_line, cells: rows.headers().to_vec() });
        Ok(first.map(Ok).into_iter().chain(rows))
    }
}

/// How many rows a [`CsvPreview`] keeps.
pub const PREVIEW_ROWS: usize = 3;

/// A CSV statement as a check screen shows it before reading it: where the
/// table starts, its headers, its first rows, and the layout [`crate::read`]
/// would guess, so the person can confirm it or correct it column by column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvPreview {
    /// Lines before the header row (the account's name, a balance…): give
    /// it as [`CsvLayout::skip_lines`] with columns by position.
    pub skip_lines: usize,
    /// The header row as written (a cell may be empty).
    pub headers: Vec<String>,
    /// The first [`PREVIEW_ROWS`] rows, cells as written.
    pub rows: Vec<Vec<String>>,
    /// The guessed layout, columns by name, with the date format and decimal
    /// separator fitted to the values; `None` when no header row of the
    /// first 50 lines is recognised (the table then starts at the first line
    /// with something in it).
    pub layout: Option<CsvLayout>,
}

impl CsvLayout {
    /// Previews a CSV statement: `None` when the bytes are no table at all
    /// (too large, an unterminated quote, nothing but blank lines), which
    /// [`crate::read`] reports with its line.
    pub fn preview(bytes: &[u8]) -> Option<CsvPreview> {
        if bytes.len() > crate::MAX_BYTES {
            return None;
        }
        let text = decode(bytes);
        let found = find_header(&text, CsvLayout::guess);
        let skip = found.as_ref().map_or_else(|| first_filled_line(&text) - 1, |(skip, _)| *skip);
        let table = Table::after(&text, skip, true);
        let headers = table.headers().ok()?;
        let mut layout = found.map(|(_, layout)| layout);
        let columns =
            layout.as_ref().and_then(|layout| find_columns(&mut Builder::new(Format::Csv), layout, &headers, 0));
        let mut tally = Tally::default();
        let mut rows = Vec::with_capacity(PREVIEW_ROWS);
        for row in table.rows().ok()? {
            let row = row.ok()?;
            if let Some(columns) = &columns {
                tally.row(columns, &row);
            }
            if rows.len() < PREVIEW_ROWS {
                rows.push(row.cells);
            }
        }
        if let (Some(layout), Some(_)) = (&mut layout, &columns) {
            tally.fit(layout);
        }
        Some(CsvPreview { skip_lines: skip, headers, rows, layout })
    }
}

/// How many lines come before the table, the layout to read it with, and
/// whether that layout was guessed.
fn locate(text: &str, layout: Option<&CsvLayout>) -> Result<(usize, CsvLayout, bool), Vec<Problem>> {
    let Some(layout) = layout else {
        return match find_header(text, CsvLayout::guess) {
            Some((skip, guessed)) => Ok((skip, guessed, true)),
            None => Err(missing_header(text, &["Date", "Libellé", "Montant"])),
        };
    };
    if let Some(skip) = layout.skip_lines {
        return Ok((skip, layout.clone(), false));
    }
    let named = layout.named();
    match find_header(text, |cells| has_all(cells, &named).then_some(())) {
        Some((skip, ())) => Ok((skip, layout.clone(), false)),
        None => Err(missing_header(text, &named)),
    }
}

/// Finds the layout's columns among the headers (or, without headers, takes
/// their positions); each one missing is a problem at the header line.
fn find_columns(b: &mut Builder, layout: &CsvLayout, headers: &[String], header_line: usize) -> Option<Columns> {
    let mut find = |column: &Column| -> Option<Found> {
        let found = match column {
            Column::Name(name) => headers
                .iter()
                .position(|h| header_key(h) == header_key(name))
                .map(|index| Found { index, name: headers[index].clone() }),
            Column::Index(index) if layout.header && *index >= headers.len() => None,
            Column::Index(index) => Some(Found {
                index: *index,
                name: headers.get(*index).filter(|h| !h.is_empty()).cloned().unwrap_or(format!("#{}", index + 1)),
            }),
        };
        if found.is_none() {
            let name = match column {
                Column::Name(name) => name.clone(),
                Column::Index(index) => format!("#{}", index + 1),
            };
            b.problem(header_line, &name, Reason::MissingField, "");
        }
        found
    };
    let date = find(&layout.date);
    let value_date = layout.value_date.as_ref().map(&mut find);
    let label: Vec<Option<Found>> = layout.label.iter().map(&mut find).collect();
    let (amount, credit) = match &layout.amounts {
        Amounts::Signed(c) => (find(c), None),
        Amounts::DebitCredit { debit, credit } => (find(debit), Some(find(credit))),
    };
    let reference = layout.reference.as_ref().map(&mut find);
    let currency = layout.currency.as_ref().map(&mut find);
    if b.has_problems() {
        return None;
    }
    Some(Columns {
        date: date?,
        value_date: value_date.flatten(),
        label: label.into_iter().flatten().collect(),
        amount: amount?,
        credit: credit.flatten(),
        reference: reference.flatten(),
        currency: currency.flatten(),
    })
}

/// What a guessed layout learns from the values, row after row (the
/// headers cannot tell): which decimal separator the amounts end with, which
/// date format reads the dates.
#[derive(Debug, Default)]
struct Tally {
    commas: usize,
    points: usize,
    /// Dates each of [`DateFormat::ALL`] reads.
    dates: [usize; DateFormat::ALL.len()],
}

impl Tally {
    fn row(&mut self, columns: &Columns, row: &sheet::Row) {
        for column in std::iter::once(&columns.amount).chain(&columns.credit) {
            self.amount(cell(row, column));
        }
        self.date(cell(row, &columns.date));
    }

    /// Counts an amount ending with a `.` or `,` then one or two digits.
    fn amount(&mut self, cell: &str) {
        let cell = cell.trim_end_matches(|c: char| !c.is_ascii_digit());
        if let Some(at) = cell.rfind(['.', ',']) {
            let decimals = cell.len() - at - 1;
            if (1..=2).contains(&decimals) {
                if cell.as_bytes()[at] == b',' {
                    self.commas += 1;
                } else {
                    self.points += 1;
                }
            }
        }
    }

    fn date(&mut self, cell: &str) {
        if cell.is_empty() {
            return;
        }
        for (read, format) in self.dates.iter_mut().zip(DateFormat::ALL) {
            *read += usize::from(format.parse(cell).is_some());
        }
    }

    /// The separator most amounts end with; a comma when none says.
    fn decimal(&self) -> Decimal {
        if self.points > self.commas { Decimal::Point } else { Decimal::Comma }
    }

    /// The format that reads the most dates; day first on ties.
    fn date_format(&self) -> DateFormat {
        let mut best = (0, DateFormat::DayMonthYear);
        for (&read, format) in self.dates.iter().zip(DateFormat::ALL) {
            if read > best.0 {
                best = (read, format);
            }
        }
        best.1
    }

    fn fit(&self, layout: &mut CsvLayout) {
        layout.decimal = self.decimal();
        layout.date_format = self.date_format();
    }
}

fn cell<'r>(row: &'r sheet::Row, column: &Found) -> &'r str {
    row.cells.get(column.index).map_or("", |c| c.as_str())
}

/// One row as a line (`None` when it has problems, or is a note between
/// lines: neither date nor amount).
fn read_row(b: &mut Builder, layout: &CsvLayout, columns: &Columns, row: &sheet::Row, at: usize) -> Option<Line> {
    let raw_date = cell(row, &columns.date);
    let raw_amount = cell(row, &columns.amount);
    let raw_credit = columns.credit.as_ref().map_or("", |c| cell(row, c));
    if raw_date.is_empty() && raw_amount.is_empty() && raw_credit.is_empty() {
        return None;
    }
    let date = if raw_date.is_empty() {
        b.problem(at, &columns.date.name, Reason::MissingField, "");
        None
    } else {
        let parsed = layout.date_format.parse(raw_date);
        if parsed.is_none() {
            b.problem(at, &columns.date.name, Reason::BadDate, raw_date);
        }
        parsed
    };
    let value_date = columns.value_date.as_ref().and_then(|column| {
        let raw = cell(row, column);
        let parsed = layout.date_format.parse(raw);
        if parsed.is_none() && !raw.is_empty() {
            b.problem(at, &column.name, Reason::BadDate, raw);
        }
        parsed
    });
    let cents = match &columns.credit {
        None => signed(b, at, &columns.amount, raw_amount, layout.decimal),
        Some(credit) => debit_credit(b, at, (&columns.amount, raw_amount), (credit, raw_credit), layout.decimal),
    };
    if let Some(column) = &columns.currency {
        let raw = cell(row, column);
        match raw.to_lowercase().as_str() {
            "" => {}
            "eur" | "€" | "euro" | "euros" => b.account_currency(at, &column.name, "EUR"),
            _ => b.amount_currency(at, &column.name, raw),
        }
    }
    let label = columns.label.iter().map(|c| cell(row, c)).collect::<Vec<_>>().join(" ");
    let reference = columns.reference.as_ref().map(|c| cell(row, c)).filter(|r| !r.is_empty());
    Some(Line {
        at,
        date: date?,
        value_date,
        cents: cents?,
        label: collapse_spaces(&label),
        reference: reference.map(str::to_string),
        bank_id: None,
        occurrence: 0,
    })
}
/// One signed amount, or `None` with a problem.
fn signed(b: &mut Builder, at: usize, column: &Found, raw: &str, decimal: Decimal) -> Option<i64> {
    if raw.is_empty() {
        b.problem(at, &column.name, Reason::MissingField, "");
        return None;
    }
    let cents = amount::parse(raw, Some(decimal.char()));
    if cents.is_none() {
        b.problem(at, &column.name, Reason::BadAmount, raw);
    }
    cents
}

/// A debit and a credit cell as one signed amount, or `None` with problems.
fn debit_credit(
    b: &mut Builder,
    at: usize,
    (debit, raw_debit): (&Found, &str),
    (credit, raw_credit): (&Found, &str),
    decimal: Decimal,
) -> Option<i64> {
    if raw_debit.is_empty() && raw_credit.is_empty() {
        b.problem(at, &format!("{} / {}", debit.name, credit.name), Reason::MissingField, "");
        return None;
    }
    let mut total = Some(0);
    for (column, raw, sign) in [(debit, raw_debit, -1), (credit, raw_credit, 1)] {
        if raw.is_empty() {
            continue;
        }
        match amount::parse(raw, Some(decimal.char())) {
            Some(cents) => total = total.map(|t| t + sign * cents.abs()),
            None => {
                b.problem(at, &column.name, Reason::BadAmount, raw);
                total = None;
            }
        }
    }
    total
}

/// The bytes as text, as `encoding` says.
fn decode_as(bytes: &[u8], encoding: Encoding) -> Result<Cow<'_, str>, Vec<Problem>> {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match encoding {
        Encoding::Auto => Ok(decode(bytes)),
        Encoding::Latin1 => Ok(latin1(without_bom)),
        Encoding::Utf8 => match std::str::from_utf8(without_bom) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => {
                let before = &without_bom[..e.valid_up_to()];
                let at = 1 + before.iter().filter(|&&b| b == b'\n').count();
                let what = "not UTF-8 text: try Latin-1 (Windows-1252)".to_string();
                Err(vec![Problem { at, column: String::new(), reason: Reason::Malformed(what), value: String::new() }])
            }
        },
    }
}

/// The first of the first lines whose cells `fit`: the number of lines
/// before it, and what `fit` made of them.
fn find_header<T>(text: &str, fit: impl Fn(&[String]) -> Option<T>) -> Option<(usize, T)> {
    numbered_lines(text).take(HEADER_SEARCH).find_map(|(n, line)| Some((n - 1, fit(&cells(line))?)))
}

/// Whether every name is among the headers.
fn has_all(headers: &[String], names: &[&str]) -> bool {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    names.iter().all(|n| keys.contains(&header_key(n)))
}

/// No header row found: each column missing from the line that has most of
/// them (the header row the person meant), or from the first line with
/// something in it.
fn missing_header(text: &str, names: &[&str]) -> Vec<Problem> {
    let keys = |line: &str| cells(line).iter().map(|h| header_key(h)).collect::<Vec<_>>();
    let found = |line: &str| {
        let keys = keys(line);
        names.iter().filter(|n| keys.contains(&header_key(n))).count()
    };
    let candidates: Vec<(usize, &str)> =
        numbered_lines(text).take(HEADER_SEARCH).filter(|(_, l)| !l.trim().is_empty()).collect();
    let Some(&(at, line)) = candidates.iter().rev().max_by_key(|(_, l)| found(l)) else {
        return vec![whole_file(Reason::Empty, String::new())];
    };
    let keys = keys(line);
    let missing: Vec<Problem> = names
        .iter()
        .filter(|n| !keys.contains(&header_key(n)))
        .map(|n| Problem { at, column: n.to_string(), reason: Reason::MissingField, value: String::new() })
        .collect();
    if missing.is_empty() {
        // Every name is there but no layout fits (a debit without a credit, say).
        return vec![Problem { at, column: String::new(), reason: Reason::NotAStatement, value: line.trim().into() }];
    }
    missing
}

/// A line cut at its most frequent delimiter (`;` on ties), quotes removed:
/// enough to recognise a header row.
fn cells(line: &str) -> Vec<String> {
    let count = |d: char| line.chars().filter(|&c| c == d).count();
    let delimiter = [';', ',', '\t'].into_iter().max_by_key(|&d| (count(d), d == ';')).unwrap_or(';');
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => cells.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

/// The 1-based number of the first line of `text` with more than
/// delimiters, quotes and spaces: where [`sheet`] finds the header row.
fn first_filled_line(text: &str) -> usize {
    numbered_lines(text)
        .find(|(_, l)| l.chars().any(|c| !(c.is_whitespace() || matches!(c, ';' | ',' | '\t' | '"'))))
        .map_or(1, |(n, _)| n)
}

fn sheet_problem(e: sheet::ReadError, skip: usize) -> Problem {
    match e {
        sheet::ReadError::Malformed { line, reason } => {
            Problem { at: line + skip, column: String::new(), reason: Reason::Malformed(reason), value: String::new() }
        }
        sheet::ReadError::Empty => whole_file(Reason::Empty, String::new()),
        sheet::ReadError::TooManyRows { .. } | sheet::ReadError::TooLarge => {
            whole_file(Reason::TooLarge, format!("more than {MAX_LINES} lines"))
        }
        other => whole_file(Reason::NotAStatement, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn name(n: &str) -> Column {
        Column::Name(n.into())
    }

    #[test]
    fn french_banks_headers() {
        let ca = CsvLayout::guess(&strings(&["Date", "Libellé", "Débit euros", "Crédit euros", ""])).unwrap();
        assert_eq!(ca.date, name("Date"));
        assert_eq!(ca.label, [name("Libellé")]);
        assert_eq!(ca.amounts, Amounts::DebitCredit { debit: name("Débit euros"), credit: name("Crédit euros") });

        let ce = CsvLayout::guess(&strings(&[
            "Date de comptabilisation",
            "Libelle simplifie",
            "Libelle operation",
            "Reference",
            "Informations complementaires",
            "Type operation",
            "Debit",
            "Credit",
            "Date operation",
            "Date de valeur",
        ]))
        .unwrap();
        assert_eq!(ce.date, name("Date de comptabilisation"));
        assert_eq!(ce.value_date, Some(name("Date de valeur")));
        assert_eq!(ce.label, [name("Libelle operation"), name("Informations complementaires")]);
        assert_eq!(ce.reference, Some(name("Reference")));

        let sg = CsvLayout::guess(&strings(&[
            "Date de l'opération",
            "Libellé",
            "Détail de l'écriture",
            "Montant de l'opération",
            "Devise",
        ]))
        .unwrap();
        assert_eq!(sg.label, [name("Libellé"), name("Détail de l'écriture")]);
        assert_eq!(sg.amounts, Amounts::Signed(name("Montant de l'opération")));
        assert_eq!(sg.currency, Some(name("Devise")));

        let units = CsvLayout::guess(&strings(&["Date (JJ/MM/AAAA)", "Libellé", "Montant (€)"])).unwrap();
        assert_eq!(units.date, name("Date (JJ/MM/AAAA)"));

        assert_eq!(CsvLayout::guess(&strings(&["Date", "Libellé", "Débit"])), None, "a debit without a credit");
        assert_eq!(CsvLayout::guess(&strings(&["Nom", "Prénom", "Montant"])), None);
    }

    #[test]
    fn dates_in_each_format() {
        let d = |s: &str| Date::parse_iso(s);
        assert_eq!(DateFormat::DayMonthYear.parse("25/01/2026"), d("2026-01-25"));
        assert_eq!(DateFormat::DayMonthYear.parse("25-01-26"), d("2026-01-25"));
        assert_eq!(DateFormat::DayMonthYear.parse("5.1.2026 14:32"), d("2026-01-05"));
        assert_eq!(DateFormat::YearMonthDay.parse("2026-01-25T10:00:00Z"), d("2026-01-25"));
        assert_eq!(DateFormat::YearMonthDay.parse("20260125"), d("2026-01-25"));
        assert_eq!(DateFormat::MonthDayYear.parse("01/25/2026"), d("2026-01-25"));
        assert_eq!(DateFormat::DayMonthYear.parse("01/25/2026"), None);
        assert_eq!(DateFormat::DayMonthYear.parse("2026-01-25"), None);
    }

    #[test]
    fn guesses_from_values() {
        let tally = |amounts: &[&str], dates: &[&str]| {
            let mut t = Tally::default();
            amounts.iter().for_each(|a| t.amount(a));
            dates.iter().for_each(|d| t.date(d));
            (t.decimal(), t.date_format())
        };
        assert_eq!(tally(&["-12.50", "3", "1,234.5"], &[]).0, Decimal::Point);
        assert_eq!(tally(&["-12,50", "1.234"], &[]).0, Decimal::Comma);
        assert_eq!(tally(&["12"], &[]).0, Decimal::Comma);
        assert_eq!(tally(&[], &["2026-01-25", ""]).1, DateFormat::YearMonthDay);
        assert_eq!(tally(&[], &["01/02/2026"]).1, DateFormat::DayMonthYear);
        assert_eq!(tally(&[], &["01/25/2026", "02/01/2026"]).1, DateFormat::MonthDayYear);
    }

    #[test]
    fn header_cells_with_quotes() {
        assert_eq!(cells("\"Date\";\"Libellé; long\";Montant"), strings(&["Date", "Libellé; long", "Montant"]));
        assert_eq!(cells("a,b;c,d"), strings(&["a", "b;c", "d"]));
        assert_eq!(cells("Compte courant"), strings(&["Compte courant"]));
    }
}
