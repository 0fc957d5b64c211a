//! Reports out of the books as files: a table (columns, then lines of text
//! and amounts) written as CSV, CSV for French Excel, ODS, XLSX or PDF. The
//! pages render the same lines as HTML; the spreadsheets get real numbers
//! (amounts as euros with two decimals), the PDF a paginated table whose
//! header repeats on every page.

use crate::i18n::Tr;
use sheet::{OutFormat, SheetWriter};
use std::io::{self, Write};

/// A file format a report can be downloaded in, as `?format=` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Sheet(OutFormat),
    Pdf,
}

impl Format {
    pub const CODES: [&'static str; 5] = ["csv", "csv-excel", "ods", "xlsx", "pdf"];

    pub fn from_code(code: &str) -> Option<Format> {
        Some(match code {
            "csv" => Format::Sheet(OutFormat::Csv),
            "csv-excel" => Format::Sheet(OutFormat::CsvExcel),
            "ods" => Format::Sheet(OutFormat::Ods),
            "xlsx" => Format::Sheet(OutFormat::Xlsx),
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Sheet(f) => f.extension(),
            Format::Pdf => "pdf",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Sheet(f) => f.content_type(),
            Format::Pdf => "application/pdf",
        }
    }
}

/// A column: its header, whether it holds amounts, its share of a PDF page's width.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub money: bool,
    pub width: f64,
}

impl Column {
    pub fn text(header: String, width: f64) -> Column {
        Column { header, money: false, width }
    }

    pub fn money(header: String) -> Column {
        Column { header, money: true, width: 1.0 }
    }
}

/// A cell: text, an amount in cents, or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Money(i64),
    Empty,
}

/// A report being written, line by line, into `W`.
pub enum ReportWriter<W: Write> {
    Sheet(Box<SheetWriter<W>>),
    Pdf { doc: Box<pdf::Document>, columns: Vec<pdf::Column>, pending: Vec<pdf::Row>, out: W, tr: Tr },
}

/// Lines a PDF table takes at a time (each call repeats no header mid-page
/// unless the table is that long).
const PDF_CHUNK: usize = 2000;

impl<W: Write> ReportWriter<W> {
    /// Starts a report titled `title` (and `subtitle`, e.g. the association
    /// and the year) with `columns`.
    pub fn start(
        format: Format,
        out: W,
        tr: Tr,
        (title, subtitle): (&str, &str),
        columns: &[Column],
    ) -> io::Result<Self> {
        match format {
            Format::Sheet(f) => {
                let headers: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
                let sheet_name: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
                Ok(ReportWriter::Sheet(Box::new(SheetWriter::new(out, f, &sheet_name, &headers)?)))
            }
            Format::Pdf => {
                let landscape = columns.len() > 5;
                let mut layout = pdf::Layout::default();
                if landscape {
                    layout.size = layout.size.landscape();
                }
                let meta = pdf::Metadata::new(title, "Préau").created(pdf::pdf_date(crate::now()));
                let mut doc = pdf::Document::with_layout(meta, layout);
                let page = tr.t("pdf-page");
                doc.page_numbers(move |n, of| format!("{page} {n} / {of}"));
                doc.heading(title, 1);
                if !subtitle.is_empty() {
                    doc.paragraph(subtitle);
                }
                let columns = columns
                    .iter()
                    .map(|c| {
                        let col = pdf::Column::new(c.header.clone(), c.width);
                        if c.money { col.right() } else { col }
                    })
                    .collect();
                Ok(ReportWriter::Pdf { doc: Box::new(doc), columns, pending: Vec::new(), out, tr })
            }
        }
    }

    /// Writes one line; `bold` for subtotals and totals.
    pub fn line(&mut self, cells: &[Cell], bold: bool) -> io::Result<()> {
        match self {
            ReportWriter::Sheet(sheet) => {
                let row: Vec<sheet::Cell<'_>> = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => sheet::Cell::Text(t),
                        Cell::Money(m) => sheet::Cell::Cents(*m),
                        Cell::Empty => sheet::Cell::Empty,
                    })
                    .collect();
                sheet.row(&row)
            }
            ReportWriter::Pdf { doc, columns, pending, tr, .. } => {
                let texts = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(t) => t.clone(),
                        Cell::Money(m) => tr.money(*m),
                        Cell::Empty => String::new(),
                    })
                    .collect();
                let row = pdf::Row::new(texts);
                pending.push(if bold { row.bold().shaded() } else { row });
                if pending.len() >= PDF_CHUNK {
                    doc.table(columns, pending.drain(..));
                }
                Ok(())
            }
        }
    }

    /// Ends the file; gives the writer back.
    pub fn finish(self) -> io::Result<W> {
        match self {
            ReportWriter::Sheet(sheet) => sheet.finish(),
            ReportWriter::Pdf { mut doc, columns, mut pending, mut out, .. } => {
                if !pending.is_empty() || doc.page_count() == 0 {
                    doc.table(&columns, pending.drain(..));
                }
                out.write_all(&doc.finish())?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}
