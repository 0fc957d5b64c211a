//! Bank statements in: the files French banks hand out, read into the lines a
//! treasurer reconciles with the books.
//!
//! **Formats** ([`Format`], found by [`detect`] from the content): CSV as
//! online banks export it (laid out by a [`CsvLayout`], guessed from the
//! headers when none is given), OFX 1.x (SGML) and 2.x (XML), QIF, ISO 20022
//! camt.053 (versions `.001.02` and later) and CFONB 120. Each module says
//! which fields it reads, and where.
//!
//! **Reading** ([`read`]) gives a [`Statement`] or every [`Problem`] of the
//! file, each located (line or record, column or tag) with the value that
//! was there, never a partial statement: a file with one bad line is refused
//! whole, so an import is all or nothing and the person fixes the file once.
//! Text comes in as UTF-8 (with or without a byte order mark), UTF-16 with a
//! byte order mark, or Windows-1252 (the Latin-1 of French Windows) when it
//! is not valid UTF-8: accents in labels come through either way.
//!
//! **Refused on purpose**: files over [`MAX_BYTES`] or with more than
//! [`MAX_LINES`] statement lines ([`Reason::TooLarge`]); any amount in a
//! currency other than the euro ([`Reason::OtherCurrency`]: Préau keeps
//! euro books); files covering several accounts ([`Reason::SeveralAccounts`]);
//! statements whose closing balance is not the opening balance plus the lines
//! ([`Reason::Unbalanced`]: lines are missing, or the file is damaged).
//!
//! **The same line twice**: [`fingerprint`] gives each line a key that stays
//! the same when the same statement, or one overlapping it, is read again.
//!
//! Pure: no I/O, no clock. Amounts are integer cents, days are
//! [`domain::Date`].

mod amount;
mod camt;
mod cfonb;
mod csv;
mod dates;
mod detect;
mod fingerprint;
mod kept;
mod ofx;
mod qif;
mod statement;
mod text;

use std::fmt;

use domain::Date;

pub use csv::{Amounts, Column, CsvLayout, CsvPreview, DateFormat, Decimal, Encoding, PREVIEW_ROWS};
pub use detect::detect;
pub use fingerprint::fingerprint;
pub use kept::{DATE_FORMATS, DECIMALS, code_of};

/// Files larger than this (50 MiB) are refused before anything is decoded,
/// with [`Reason::TooLarge`]. A year of an association's account is a few
/// hundred kilobytes in any format; the limit bounds the memory one upload
/// can take (an XML file is held whole while it is read).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// At most this many statement lines (transactions) are read from one file:
/// beyond, [`Reason::TooLarge`], found as soon as the line after the limit is
/// met. CSV files count their data rows against it, whatever they hold.
pub const MAX_LINES: usize = 200_000;

/// A statement format that [`read`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Delimited text from an online bank, read with a [`CsvLayout`].
    Csv,
    /// Open Financial Exchange, 1.x (SGML, leaf tags left open) or 2.x (XML).
    Ofx,
    /// Quicken Interchange Format, bank, cash and card accounts.
    Qif,
    /// ISO 20022 "bank to customer statement", `camt.053.001.02` and later.
    Camt053,
    /// The French banks' "relevé de compte" on 120-character records.
    Cfonb120,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Csv => "CSV",
            Format::Ofx => "OFX",
            Format::Qif => "QIF",
            Format::Camt053 => "camt.053",
            Format::Cfonb120 => "CFONB 120",
        })
    }
}

/// One bank account's statement, as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The format the file was read as.
    pub format: Format,
    /// The account as the file names it: an IBAN (camt.053), an account id
    /// (OFX `ACCTID`), bank, branch and account numbers separated by spaces
    /// (CFONB: `30004 00823 00012345678`), the account's name (QIF). `None`
    /// when the file does not say (CSV).
    pub account: Option<String>,
    /// The account's currency as the file gives it (`EUR`); `None` when the
    /// file does not say (QIF, CSV without a currency column). Never another
    /// currency: those are refused.
    pub currency: Option<String>,
    /// The balance before the first line, when the file gives it (camt.053
    /// `OPBD` or `PRCD`, CFONB record 01, a QIF "Opening Balance").
    pub opening: Option<Balance>,
    /// The balance after the last line, when the file gives it (camt.053
    /// `CLBD`, CFONB record 07, OFX `LEDGERBAL`). When both balances are
    /// given, `closing` is `opening` plus the lines' amounts: [`read`]
    /// checks it.
    pub closing: Option<Balance>,
    /// The lines in the order of the file.
    pub lines: Vec<Line>,
}

/// An account's balance at the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Balance {
    pub date: Date,
    /// Signed: negative when the account is overdrawn.
    pub cents: i64,
}

/// One line of a statement: money in or out of the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Line {
    /// Where the line starts in the file, 1-based, for messages: the text
    /// line as an editor numbers it (CSV, QIF; OFX and camt.053: the line of
    /// `<STMTTRN>` or `<Ntry>`; CFONB: the line of the `04` record), or the
    /// record's number in a CFONB file whose records are end to end on one
    /// line.
    pub at: usize,
    /// The booking date (when the bank wrote it in the account).
    pub date: Date,
    /// The value date (from when it counts for interest), when given.
    pub value_date: Option<Date>,
    /// Signed cents: money in (credit) is positive, money out (debit)
    /// negative.
    pub cents: i64,
    /// What the bank says about the line, spaces collapsed; may be empty.
    pub label: String,
    /// A reference the bank or the payer gave (cheque number, end-to-end id,
    /// creditor reference), when there is one.
    pub reference: Option<String>,
    /// An id the bank promises unique for the account (OFX `FITID`,
    /// camt.053 `AcctSvcrRef`), when it gives one.
    pub bank_id: Option<String>,
    /// 1 for the first line of the file with this date, amount and label
    /// (compared as [`fingerprint`] does), 2 for the second, and so on: two
    /// coffees of the same price on the same day are two lines. Set by
    /// [`read`]; part of the [`fingerprint`] when there is no `bank_id`.
    pub occurrence: u32,
}

/// One problem in a file: where, why, and what was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line (or CFONB record) where the problem is, 1-based; 0 when it is
    /// about the whole file (empty, too large, not a statement).
    pub at: usize,
    /// Where on that line: the column's header as the file writes it (CSV;
    /// `#3` for the third column of a file without headers), the tag (OFX:
    /// `TRNAMT`; camt.053: `BookgDt`), the field letter (QIF: `D`) or the
    /// field's name (CFONB: `montant`). Empty when it is about the whole line
    /// or file.
    pub column: String,
    pub reason: Reason,
    /// What the file held there (trimmed), or what was expected; may be empty.
    pub value: String,
}

/// Why a file or a line is refused. `Display` says it in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No bytes, or nothing but blank lines or headers: no line to read.
    Empty,
    /// More than [`MAX_BYTES`] bytes or [`MAX_LINES`] lines.
    TooLarge,
    /// Not a statement in a format we read: a picture, a PDF, a spreadsheet,
    /// another ISO 20022 message (camt.052, camt.054, pain…), an investment
    /// account, or a CSV file without the columns a statement has.
    NotAStatement,
    /// A file that cannot be cut into lines or fields: an unterminated quote,
    /// broken XML, a CFONB record of the wrong length or an unknown code.
    /// The text says what, in English.
    Malformed(String),
    /// A required column, tag or field is not there, or is empty.
    MissingField,
    /// A date that does not exist or is not written the expected way.
    BadDate,
    /// An amount that is not a number of euros and cents (or is over ten
    /// million euros).
    BadAmount,
    /// An amount or account in this currency (ISO 4217 code as written):
    /// Préau keeps its books in euros and refuses other currencies rather
    /// than convert them.
    OtherCurrency(String),
    /// The file holds the statements of more than one account; `value` is
    /// the second account met.
    SeveralAccounts,
    /// The closing balance is not the opening balance plus the lines between;
    /// `value` gives both figures.
    Unbalanced,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Empty => f.write_str("the file holds no statement line"),
            Reason::TooLarge => write!(
                f,
                "the file is too large (at most {} MiB and {MAX_LINES} lines are read)",
                MAX_BYTES / 1024 / 1024
            ),
            Reason::NotAStatement => f.write_str("this is not a bank statement in a format Préau reads"),
            Reason::Malformed(what) => f.write_str(what),
            Reason::MissingField => f.write_str("missing"),
            Reason::BadDate => f.write_str("not a date"),
            Reason::BadAmount => f.write_str("not an amount"),
            Reason::OtherCurrency(code) => write!(f, "in {code}, not in euros"),
            Reason::SeveralAccounts => f.write_str("the file holds more than one account"),
            Reason::Unbalanced => f.write_str("the balances do not add up"),
        }
    }
}

impl fmt::Display for Problem {
    /// `line 12, Débit: not an amount: "12,5O"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at > 0 {
            write!(f, "line {}", self.at)?;
            if !self.column.is_empty() {
                write!(f, ", {}", self.column)?;
            }
            f.write_str(": ")?;
        } else if !self.column.is_empty() {
            write!(f, "{}: ", self.column)?;
        }
        write!(f, "{}", self.reason)?;
        if !self.value.is_empty() {
            write!(f, ": {:?}", self.value)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

/// Reads a bank statement. The format is [`detect`]ed from `bytes` (and
/// `file_name`'s extension, only to refuse a file that says it is OFX or QIF
/// but is not). `layout` says how to read a CSV file; `None` guesses it from
/// the headers ([`CsvLayout::guess`]) and the date format and decimal
/// separator from the values. It is ignored for the other formats, which say
/// what each field is.
///
/// On error, every problem found is returned, in the order of the file.
pub fn read(file_name: &str, bytes: &[u8], layout: Option<&CsvLayout>) -> Result<Statement, Vec<Problem>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![statement::whole_file(Reason::TooLarge, format!("{} bytes", bytes.len()))]);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(vec![statement::whole_file(Reason::Empty, String::new())]);
    }
    let Some(format) = detect(file_name, bytes) else {
        return Err(vec![statement::whole_file(Reason::NotAStatement, detect::what_it_is(bytes))]);
    };
    match format {
        Format::Csv => csv::read(bytes, layout),
        Format::Ofx => ofx::read(bytes),
        Format::Qif => qif::read(bytes),
        Format::Camt053 => camt::read(bytes),
        Format::Cfonb120 => cfonb::read(bytes),
    }
}
