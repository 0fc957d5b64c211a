//! Exports, written row by row in constant memory.
//!
//! CSV goes straight to the writer, one `write_all` per row. ODS and XLSX are
//! zip archives written with `zip`'s streaming writer (no seeking back, so
//! the output can be an HTTP body): the small fixed parts first, then the
//! sheet, deflated as rows arrive, and the archive's directory at the end.
//! Streaming needs a "data descriptor" after each deflated part (its sizes,
//! known only at its end); the ODS `mimetype` part is the exception, stored
//! with its sizes up front, because ODF readers (LibreOffice since 24.8
//! among them) refuse a stored part with a data descriptor.

use std::io::{self, Write};

use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

use crate::dates::{french_from_iso, parse_iso_date, serial_from_iso};
use crate::detect::ODS_MIMETYPE;

/// The formats [`SheetWriter`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutFormat {
    /// RFC 4180: UTF-8 without byte order mark, `,` between cells, CRLF at
    /// the end of each row, `"` around cells that need it. Amounts as
    /// `12.50`, dates as `YYYY-MM-DD`. For other programs.
    Csv,
    /// What French Excel opens correctly on a double click: UTF-8 with a byte
    /// order mark (else Excel reads Windows-1252), `;` between cells, CRLF,
    /// amounts as `12,50`, dates as `DD/MM/YYYY`.
    CsvExcel,
    /// OpenDocument spreadsheet (LibreOffice, Excel, Numbers…).
    Ods,
    /// Excel workbook.
    Xlsx,
}

impl OutFormat {
    /// The extension for the download's file name, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            OutFormat::Csv | OutFormat::CsvExcel => "csv",
            OutFormat::Ods => "ods",
            OutFormat::Xlsx => "xlsx",
        }
    }

    /// The `Content-Type` of the download.
    pub fn content_type(&self) -> &'static str {
        match self {
            OutFormat::Csv | OutFormat::CsvExcel => "text/csv; charset=utf-8",
            OutFormat::Ods => ODS_MIMETYPE,
            OutFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// One cell to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Text, kept as text (a spreadsheet will not turn "0612345678" into a
    /// number in ODS or XLSX; in CSV the spreadsheet decides).
    Text(&'a str),
    /// A whole number.
    Int(i64),
    /// An amount in cents, shown in euros with two decimals: a number
    /// formatted `# ##0,00` in ODS and XLSX.
    Cents(i64),
    /// A date given as `YYYY-MM-DD`, written as a real date in ODS and XLSX.
    /// Anything else (not a valid date, or before 1900-03-01 in XLSX) is
    /// written as text.
    Date(&'a str),
    /// Nothing.
    Empty,
}

/// Writes one sheet: the header row on [`SheetWriter::new`], then one row per
/// [`SheetWriter::row`]. Call [`SheetWriter::finish`] at the end: without it,
/// an ODS or XLSX file is incomplete.
pub struct SheetWriter<W: Write> {
    inner: Inner<W>,
    /// The row being assembled, reused from row to row.
    buf: String,
}

enum Inner<W: Write> {
    Csv { out: W, excel: bool },
    Ods(ZipWriter<StreamWriter<W>>),
    Xlsx { zip: ZipWriter<StreamWriter<W>>, next_row: u64 },
}

impl<W: Write> SheetWriter<W> {
    /// Starts the file and writes the header row (bold in ODS and XLSX).
    /// `sheet_name` names the sheet in ODS and XLSX (characters a sheet name
    /// may not hold are replaced, and it is cut to 31 characters, as Excel
    /// wants); CSV has no sheet name.
    pub fn new(out: W, format: OutFormat, sheet_name: &str, headers: &[&str]) -> io::Result<Self> {
        let sheet_name = clean_sheet_name(sheet_name);
        let inner = match format {
            OutFormat::Csv => Inner::Csv { out, excel: false },
            OutFormat::CsvExcel => {
                let mut out = out;
                out.write_all(b"\xEF\xBB\xBF")?;
                Inner::Csv { out, excel: true }
            }
            OutFormat::Ods => Inner::Ods(ods::start(out, &sheet_name, headers.len())?),
            OutFormat::Xlsx => Inner::Xlsx { zip: xlsx::start(out, &sheet_name)?, next_row: 1 },
        };
        let mut writer = SheetWriter { inner, buf: String::with_capacity(1024) };
        let header_cells: Vec<Cell<'_>> = headers.iter().map(|h| Cell::Text(h)).collect();
        writer.write_row(&header_cells, true)?;
        Ok(writer)
    }

    /// Writes one row. Rows may have more or fewer cells than the header.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> io::Result<()> {
        self.write_row(cells, false)
    }

    /// Ends the file and gives the writer back.
    pub fn finish(self) -> io::Result<W> {
        match self.inner {
            Inner::Csv { mut out, .. } => {
                out.flush()?;
                Ok(out)
            }
            Inner::Ods(zip) => ods::finish(zip),
            Inner::Xlsx { zip, .. } => xlsx::finish(zip),
        }
    }

    fn write_row(&mut self, cells: &[Cell<'_>], header: bool) -> io::Result<()> {
        self.buf.clear();
        match &mut self.inner {
            Inner::Csv { out, excel } => {
                csv_row(&mut self.buf, cells, *excel);
                out.write_all(self.buf.as_bytes())
            }
            Inner::Ods(zip) => {
                ods::row(&mut self.buf, cells, header);
                zip.write_all(self.buf.as_bytes())
            }
            Inner::Xlsx { zip, next_row } => {
                xlsx::row(&mut self.buf, cells, *next_row, header);
                *next_row += 1;
                zip.write_all(self.buf.as_bytes())
            }
        }
    }
}

/// Whether a spreadsheet opening a CSV file would take this text for a
/// formula, so that the CSV writers put a `'` in front of it (the usual
/// defence against "CSV injection": a cell like `=HYPERLINK(…)` or
/// `-2+3+cmd|…` that runs when the export is opened).
///
/// The rule: text beginning with `=`, `@`, a tab or a carriage return is
/// guarded. Text beginning with `+` or `-` is guarded unless what follows
/// the sign is only digits and the separators of numbers and phone numbers
/// (space, no-break space, `.`, `,`, `-`, `/`, `(`, `)`), with at least one
/// digit: `-12`, `+3,5`, `+33 6 12 34 56 78`, `+1 (555) 123-4567` stay as
/// they are; without letters, cell references or operators other than `-`
/// they cannot do anything. A lone `-` or `+` stays too.
pub fn looks_like_formula(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => {
            let rest = chars.as_str();
            if rest.is_empty() {
                return false;
            }
            let harmless = rest.chars().any(|c| c.is_ascii_digit())
                && rest.chars().all(|c| {
                    c.is_ascii_digit() || matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '.' | ',' | '-' | '/' | '(' | ')')
                });
            !harmless
        }
        _ => false,
    }
}

fn csv_row(buf: &mut String, cells: &[Cell<'_>], excel: bool) {
    let delimiter = if excel { ';' } else { ',' };
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            buf.push(delimiter);
        }
        match *cell {
            Cell::Text(text) => csv_text(buf, text, delimiter),
            Cell::Int(n) => buf.push_str(&n.to_string()),
            Cell::Cents(cents) => push_cents(buf, cents, if excel { ',' } else { '.' }),
            Cell::Date(date) => match (excel, parse_iso_date(date)) {
                (true, Some(_)) => buf.push_str(&french_from_iso(date).unwrap_or_default()),
                (false, Some(_)) => buf.push_str(date),
                (_, None) => csv_text(buf, date, delimiter),
            },
            Cell::Empty => {}
        }
    }
    buf.push_str("\r\n");
}

fn csv_text(buf: &mut String, text: &str, delimiter: char) {
    let guard = if looks_like_formula(text) { "'" } else { "" };
    if text.contains([delimiter, '"', '\r', '\n']) {
        buf.push('"');
        buf.push_str(guard);
        for c in text.chars() {
            if c == '"' {
                buf.push('"');
            }
            buf.push(c);
        }
        buf.push('"');
    } else {
        buf.push_str(guard);
        buf.push_str(text);
    }
}

/// Cents as a decimal number with exactly two decimals, exact for any `i64`.
fn push_cents(buf: &mut String, cents: i64, decimal_separator: char) {
    if cents < 0 {
        buf.push('-');
    }
    let abs = cents.unsigned_abs();
    buf.push_str(&(abs / 100).to_string());
    buf.push(decimal_separator);
    let rest = abs % 100;
    buf.push(char::from(b'0' + (rest / 10) as u8));
    buf.push(char::from(b'0' + (rest % 10) as u8));
}

/// Characters XML 1.0 cannot hold at all (most control characters, U+FFFE,
/// U+FFFF) are dropped; CR LF and lone CR become LF, as an XML reader would
/// make them anyway.
fn xml_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = text.chars().peekable();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    return Some('\n');
                }
                '\t' | '\n' => return Some(c),
                '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => continue,
                _ => return Some(c),
            }
        }
    })
}

/// Escaped for XML text and attribute values (quotes included).
fn push_xml(buf: &mut String, text: &str) {
    for c in xml_chars(text) {
        push_xml_char(buf, c);
    }
}

fn push_xml_char(buf: &mut String, c: char) {
    match c {
        '&' => buf.push_str("&amp;"),
        '<' => buf.push_str("&lt;"),
        '>' => buf.push_str("&gt;"),
        '"' => buf.push_str("&quot;"),
        '\'' => buf.push_str("&apos;"),
        '\n' => buf.push_str("&#10;"),
        '\t' => buf.push_str("&#9;"),
        _ => buf.push(c),
    }
}

/// Sheet names may not hold `[ ] : * ? / \` in Excel, nor be empty or longer
/// than 31 characters.
fn clean_sheet_name(name: &str) -> String {
    let cleaned: String = xml_chars(name)
        .filter(|c| !c.is_control())
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c })
        .take(31)
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').to_string();
    if cleaned.is_empty() { "Sheet1".into() } else { cleaned }
}

fn zip_error(e: zip::result::ZipError) -> io::Error {
    io::Error::other(e)
}

/// Deflated parts, streamed: each ends with a data descriptor.
fn deflated() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

mod ods {
    use zip::write::PreparedZipFile;

    use super::*;

    const NAMESPACES: &str = concat!(
        r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
        r#"xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" "#,
        r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#,
        r#"office:version="1.2""#,
    );

    const MANIFEST: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
        r#"</manifest:manifest>"#,
    );

    /// Number formats: dates `DD/MM/YYYY`, amounts with two decimals and
    /// thousands grouping (`# ##0,00` in a French LibreOffice); the header bold.
    const AUTOMATIC_STYLES: &str = concat!(
        "<office:automatic-styles>",
        r#"<number:date-style style:name="N_DATE"><number:day number:style="long"/><number:text>/</number:text>"#,
        r#"<number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>"#,
        r#"<number:number-style style:name="N_MONEY"><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>"#,
        r#"<style:style style:name="ceHead" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>"#,
        r#"<style:style style:name="ceDate" style:family="table-cell" style:data-style-name="N_DATE"/>"#,
        r#"<style:style style:name="ceMoney" style:family="table-cell" style:data-style-name="N_MONEY"/>"#,
        "</office:automatic-styles>",
    );

    pub(super) fn start<W: Write>(out: W, sheet_name: &str, columns: usize) -> io::Result<ZipWriter<StreamWriter<W>>> {
        let mut zip = ZipWriter::new_stream(out);
        // First, stored, no extra field, sizes in the local header (no data
        // descriptor): external attributes 0 is what keeps the zip writer
        // from adding one while streaming.
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).external_attributes(0);
        let mimetype = PreparedZipFile::from_data("mimetype", stored, ODS_MIMETYPE.as_bytes()).map_err(zip_error)?;
        zip.add_prepared_file(mimetype).map_err(zip_error)?;

        zip.start_file("META-INF/manifest.xml", deflated()).map_err(zip_error)?;
        zip.write_all(MANIFEST.as_bytes())?;
        zip.start_file("styles.xml", deflated()).map_err(zip_error)?;
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NAMESPACES}><office:styles/></office:document-styles>"#
        )?;

        zip.start_file("content.xml", deflated()).map_err(zip_error)?;
        let mut head = String::new();
        head.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        head.push_str(&format!("<office:document-content {NAMESPACES}>"));
        head.push_str(AUTOMATIC_STYLES);
        head.push_str(r#"<office:body><office:spreadsheet><table:table table:name=""#);
        push_xml(&mut head, sheet_name);
        head.push_str(&format!(r#""><table:table-column table:number-columns-repeated="{}"/>"#, columns.max(1)));
        zip.write_all(head.as_bytes())?;
        Ok(zip)
    }

    pub(super) fn row(buf: &mut String, cells: &[Cell<'_>], header: bool) {
        buf.push_str("<table:table-row>");
        for cell in cells {
            match *cell {
                Cell::Text(text) => text_cell(buf, text, header),
                Cell::Int(n) => {
                    buf.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    ));
                }
                Cell::Cents(cents) => {
                    let mut value = String::new();
                    push_cents(&mut value, cents, '.');
                    buf.push_str(&format!(
                        r#"<table:table-cell table:style-name="ceMoney" office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>"#
                    ));
                }
                Cell::Date(date) => match french_from_iso(date) {
                    Some(shown) => buf.push_str(&format!(
                        r#"<table:table-cell table:style-name="ceDate" office:value-type="date" office:date-value="{date}"><text:p>{shown}</text:p></table:table-cell>"#
                    )),
                    None => text_cell(buf, date, header),
                },
                Cell::Empty => buf.push_str("<table:table-cell/>"),
            }
        }
        buf.push_str("</table:table-row>");
    }

    fn text_cell(buf: &mut String, text: &str, header: bool) {
        buf.push_str("<table:table-cell");
        if header {
            buf.push_str(r#" table:style-name="ceHead""#);
        }
        buf.push_str(r#" office:value-type="string">"#);
        push_paragraphs(buf, text);
        buf.push_str("</table:table-cell>");
    }

    /// Text as ODF wants it: one `<text:p>` per line, runs of spaces as
    /// `<text:s/>` and tabs as `<text:tab/>` (plain white space in ODF text
    /// collapses to one space).
    fn push_paragraphs(buf: &mut String, text: &str) {
        buf.push_str("<text:p>");
        let mut spaces = 0usize;
        let mut at_line_start = true;
        let flush = |buf: &mut String, spaces: &mut usize, at_line_start: bool| {
            match (*spaces, at_line_start) {
                (0, _) => {}
                (1, false) => buf.push(' '),
                (n, false) => buf.push_str(&format!(r#" <text:s text:c="{}"/>"#, n - 1)),
                (1, true) => buf.push_str("<text:s/>"),
                (n, true) => buf.push_str(&format!(r#"<text:s text:c="{n}"/>"#)),
            }
            *spaces = 0;
        };
        for c in xml_chars(text) {
            match c {
                ' ' => spaces += 1,
                '\n' => {
                    flush(buf, &mut spaces, at_line_start);
                    buf.push_str("</text:p><text:p>");
                    at_line_start = true;
                }
                '\t' => {
                    flush(buf, &mut spaces, at_line_start);
                    buf.push_str("<text:tab/>");
                    at_line_start = false;
                }
                _ => {
                    flush(buf, &mut spaces, at_line_start);
                    push_xml_char(buf, c);
                    at_line_start = false;
                }
            }
        }
        // Trailing spaces are written as <text:s/> so they survive too.
        if spaces > 0 {
            buf.push_str(&format!(r#"<text:s text:c="{spaces}"/>"#));
        }
        buf.push_str("</text:p>");
    }

    pub(super) fn finish<W: Write>(mut zip: ZipWriter<StreamWriter<W>>) -> io::Result<W> {
        zip.write_all(b"</table:table></office:spreadsheet></office:body></office:document-content>")?;
        Ok(zip.finish().map_err(zip_error)?.into_inner())
    }
}

mod xlsx {
    use super::*;

    const CONTENT_TYPES: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        r#"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#,
        r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        "</Types>",
    );

    const ROOT_RELS: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
        "</Relationships>",
    );

    const WORKBOOK_RELS: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        "</Relationships>",
    );

    /// Cell formats (the `s` attribute): 0 plain, 1 bold (header), 2 date
    /// `dd/mm/yyyy`, 3 amount `#,##0.00` (shown `# ##0,00` by a French Excel:
    /// format codes are stored in the neutral notation).
    const STYLES: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r##"<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts>"##,
        r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
        r#"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
        r#"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#,
        r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
        r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
        r#"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
        r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
        r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
        r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#,
        r#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
        "</styleSheet>",
    );

    const SHEET_START: &str = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
        r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#,
        "<sheetData>",
    );

    pub(super) fn start<W: Write>(out: W, sheet_name: &str) -> io::Result<ZipWriter<StreamWriter<W>>> {
        let mut zip = ZipWriter::new_stream(out);
        for (name, text) in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/styles.xml", STYLES),
        ] {
            zip.start_file(name, deflated()).map_err(zip_error)?;
            zip.write_all(text.as_bytes())?;
        }
        zip.start_file("xl/workbook.xml", deflated()).map_err(zip_error)?;
        let mut workbook = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<sheets><sheet name=""#,
        ));
        push_xml(&mut workbook, sheet_name);
        workbook.push_str(r#"" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
        zip.write_all(workbook.as_bytes())?;

        zip.start_file("xl/worksheets/sheet1.xml", deflated()).map_err(zip_error)?;
        zip.write_all(SHEET_START.as_bytes())?;
        Ok(zip)
    }

    pub(super) fn row(buf: &mut String, cells: &[Cell<'_>], row: u64, header: bool) {
        buf.push_str(&format!(r#"<row r="{row}">"#));
        for (i, cell) in cells.iter().enumerate() {
            let at = format!("{}{row}", column_name(i));
            match *cell {
                Cell::Text(text) => text_cell(buf, &at, text, header),
                Cell::Int(n) => buf.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
                Cell::Cents(cents) => {
                    buf.push_str(&format!(r#"<c r="{at}" s="3"><v>"#));
                    push_cents(buf, cents, '.');
                    buf.push_str("</v></c>");
                }
                Cell::Date(date) => match serial_from_iso(date) {
                    Some(serial) => buf.push_str(&format!(r#"<c r="{at}" s="2"><v>{serial}</v></c>"#)),
                    None => text_cell(buf, &at, date, header),
                },
                Cell::Empty => {}
            }
        }
        buf.push_str("</row>");
    }

    fn text_cell(buf: &mut String, at: &str, text: &str, header: bool) {
        let style = if header { r#" s="1""# } else { "" };
        buf.push_str(&format!(r#"<c r="{at}"{style} t="inlineStr"><is><t xml:space="preserve">"#));
        for c in xml_chars(text) {
            match c {
                // In element content, line ends and tabs are kept as they are.
                '\n' | '\t' => buf.push(c),
                _ => push_xml_char(buf, c),
            }
        }
        buf.push_str("</t></is></c>");
    }

    /// 0 → A, 25 → Z, 26 → AA…
    pub(super) fn column_name(mut index: usize) -> String {
        let mut letters = Vec::new();
        loop {
            letters.push(b'A' + (index % 26) as u8);
            if index < 26 {
                break;
            }
            index = index / 26 - 1;
        }
        letters.reverse();
        String::from_utf8(letters).unwrap_or_default()
    }

    pub(super) fn finish<W: Write>(mut zip: ZipWriter<StreamWriter<W>>) -> io::Result<W> {
        zip.write_all(b"</sheetData></worksheet>")?;
        Ok(zip.finish().map_err(zip_error)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_go_past_z() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702, 16_383].map(xlsx::column_name).into();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    }

    #[test]
    fn cents_are_exact() {
        let mut s = String::new();
        for (cents, sep) in [(1250, ','), (-5, '.'), (0, '.'), (i64::MIN, '.'), (100, ',')] {
            push_cents(&mut s, cents, sep);
            s.push(' ');
        }
        assert_eq!(s, "12,50 -0.05 0.00 -92233720368547758.08 1,00 ");
    }

    #[test]
    fn xml_is_escaped_and_invalid_characters_are_dropped() {
        let mut s = String::new();
        push_xml(&mut s, "a<b>&\"c'\u{1}\u{FFFF}\r\nd");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c&apos;&#10;d");
    }

    #[test]
    fn sheet_names_are_made_acceptable() {
        assert_eq!(clean_sheet_name("Membres 2024/2025 [actifs]"), "Membres 2024_2025 _actifs_");
        assert_eq!(clean_sheet_name("  "), "Sheet1");
        assert_eq!(clean_sheet_name(&"é".repeat(40)).chars().count(), 31);
    }

    #[test]
    fn ods_text_keeps_its_spaces_lines_and_tabs() {
        let mut s = String::new();
        ods::row(&mut s, &[Cell::Text(" a  b\tc\n<d> ")], false);
        assert!(
            s.contains(r#"<text:p><text:s/>a <text:s text:c="1"/>b<text:tab/>c</text:p><text:p>&lt;d&gt;<text:s text:c="1"/></text:p>"#),
            "{s}"
        );
    }
}
