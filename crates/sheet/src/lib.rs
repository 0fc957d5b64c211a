//! Tabular files in and out, for member imports and exports.
//!
//! **Reading** ([`read`]): CSV (any of `;`, `,` or tab; UTF-8, UTF-16 with a
//! byte order mark, or Windows-1252), ODS and XLSX. The format is taken from
//! the bytes, never from the name alone: a name whose extension says another
//! format is refused ([`ReadError::NotWhatItSays`]). The first sheet of a
//! spreadsheet is read; the first row with anything in it is the header. Every
//! cell comes back as trimmed text (numbers in `.` notation, dates in ISO
//! 8601), with the line number a person sees in their spreadsheet program or
//! text editor, so an import can say "line 12: …".
//!
//! Reading never holds more than one table's worth of cells: it stops as soon
//! as there are more data rows than asked for ([`ReadError::TooManyRows`]), and
//! refuses files that would unpack or expand to much more than they weigh
//! ([`ReadError::TooLarge`], see [`MAX_CELLS`] and [`MAX_UNPACKED_BYTES`]).
//!
//! **Writing** ([`SheetWriter`]): CSV (plain RFC 4180, or the flavour French
//! Excel opens on a double click), ODS and XLSX, row by row into any
//! [`std::io::Write`] in constant memory: nothing is kept per row, the zip
//! formats are deflated as they go. Text cells in CSV that a spreadsheet would
//! take for a formula are neutralised (see [`looks_like_formula`]).

mod dates;
mod detect;
mod read_csv;
mod read_zipped;
mod table;
mod write;

use std::fmt;

pub use detect::detect;
pub use read_csv::CsvRows;
pub use write::{Cell, OutFormat, SheetWriter, looks_like_formula};

/// At most this many cells (rows times columns, counting the empty cells
/// between filled ones) are held while reading one file, whatever `max_rows`
/// allows: 100,000 members with 40 columns. That bounds memory to some
/// hundred megabytes at worst (while calamine lays out an ODS workbook, which
/// it holds whole). Above it, [`ReadError::TooLarge`].
pub const MAX_CELLS: usize = 4_000_000;

/// At most this many bytes may be declared, all parts together, inside an ODS
/// or XLSX file (a zip archive): a "zip bomb" of a few kilobytes that unpacks
/// to gigabytes is refused before anything is unpacked, with
/// [`ReadError::TooLarge`]. The zip reader also stops at each part's declared
/// size, so the declaration cannot lie.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// A file format that [`read`] understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Delimited text: `.csv`, `.txt`, `.tsv`.
    Csv,
    /// OpenDocument spreadsheet (LibreOffice, OnlyOffice…): `.ods`.
    Ods,
    /// Office Open XML workbook (Excel 2007 and later): `.xlsx`.
    Xlsx,
}

impl Format {
    /// The usual extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ods => "ods",
            Format::Xlsx => "xlsx",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Csv => "CSV text",
            Format::Ods => "ODS",
            Format::Xlsx => "XLSX",
        })
    }
}

/// What [`read`] found: the header row and the data rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The first row with anything in it, trimmed. Empty cells at its end are
    /// dropped; empty cells between named ones are kept as `""` (the caller
    /// decides whether a column without a name is an error).
    pub headers: Vec<String>,
    /// The data rows, entirely empty rows left out.
    pub rows: Vec<Row>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number as a spreadsheet program or a text editor shows it:
    /// in a CSV file the physical line where the row starts (a quoted value
    /// spanning lines pushes the later numbers on), in a spreadsheet its row
    /// number. Empty rows that were left out still count.
    pub line: usize,
    /// Trimmed cells (spaces, tabs, line ends and no-break spaces at either
    /// end removed). At least as many as there are headers: short rows are
    /// padded with `""`. Cells beyond the headers are kept up to the last
    /// filled one, so the caller can report them.
    pub cells: Vec<String>,
}

/// Why a file could not be read. Each variant is one message for the person
/// who uploaded the file; `Display` gives it in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Zero bytes, or no row with anything in it (so no header row either).
    Empty,
    /// The name's extension announces one format and the content is another,
    /// e.g. a `.xlsx` that is really text, or a `.csv` that is an ODS.
    /// `extension` is lower case, without the dot.
    NotWhatItSays { extension: String, found: Format },
    /// An old binary Excel file (`.xls`, Excel 97–2003): save it as XLSX, ODS
    /// or CSV.
    OldExcel,
    /// An encrypted workbook (Excel or LibreOffice "protect with a
    /// password"): remove the password and save again.
    PasswordProtected,
    /// A zip archive that is neither ODS nor XLSX (a Word or Writer document,
    /// a folder of files…).
    UnknownZip,
    /// Binary content that is neither a zip archive nor an old Excel file (a
    /// picture, a PDF…).
    NotASpreadsheet,
    /// More than `limit` data rows; reading stopped at the first one too many.
    TooManyRows { limit: usize },
    /// The file would take too much memory to read: it holds more than
    /// [`MAX_CELLS`] cells, or its parts unpack to more than
    /// [`MAX_UNPACKED_BYTES`].
    TooLarge,
    /// A CSV file that cannot be cut into rows. `line` is where the trouble
    /// starts (for an unterminated quote, the line of the opening quote).
    Malformed { line: usize, reason: String },
    /// A damaged ODS or XLSX file (or a damaged zip archive); `reason` is what
    /// the reader said, in English, for the logs.
    Unreadable { reason: String },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Empty => f.write_str("the file is empty: there is no header row"),
            ReadError::NotWhatItSays { extension, found } => {
                write!(
                    f,
                    "the file is named .{extension} but its content is {found}: rename it, or save it again as {}",
                    extension.to_uppercase()
                )
            }
            ReadError::OldExcel => f.write_str(
                "this is an old Excel file (.xls, Excel 97-2003): save it as XLSX, ODS or CSV and try again",
            ),
            ReadError::PasswordProtected => {
                f.write_str("the file is protected by a password: remove the password, save it and try again")
            }
            ReadError::UnknownZip => {
                f.write_str("the file is a zip archive but not a spreadsheet (expected ODS or XLSX)")
            }
            ReadError::NotASpreadsheet => {
                f.write_str("the file is neither a spreadsheet (ODS, XLSX) nor a CSV text file")
            }
            ReadError::TooManyRows { limit } => write!(f, "the file has more than {limit} rows"),
            ReadError::TooLarge => f.write_str("the file is too large to read"),
            ReadError::Malformed { line, reason } => write!(f, "line {line}: {reason}"),
            ReadError::Unreadable { reason } => write!(f, "the spreadsheet is damaged and cannot be read ({reason})"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads an uploaded table: detects the format from `bytes` (checking it
/// against the extension of `file_name`, if it has a known one: `.csv`,
/// `.txt`, `.tsv`, `.ods`, `.xlsx`), then reads the header and at most
/// `max_rows` data rows. See [`ReadError`] for what can go wrong.
pub fn read(file_name: &str, bytes: &[u8], max_rows: usize) -> Result<Table, ReadError> {
    match detect(file_name, bytes)? {
        Format::Csv => read_csv::read(bytes, max_rows),
        Format::Ods => read_zipped::read_ods(bytes, max_rows),
        Format::Xlsx => read_zipped::read_xlsx(bytes, max_rows),
    }
}
