//! ODS and XLSX, read with calamine, with guards in front of it.
//!
//! calamine loads a whole ODS workbook when it opens it, and expands
//! "repeated" rows and columns, so a small file can ask for gigabytes. Before
//! handing an ODS over, `ods_precheck` streams its `content.xml` once, counting
//! filled rows (stopping at the first one past the limit) and the cells the
//! sheets will take. XLSX is read through calamine's streaming cell reader, in
//! two passes: one to count and find the first used column, one to build.
//! Both check the sizes the zip archive declares first.

use std::io::{BufRead, BufReader, Cursor, Read};

use calamine::{Data, DataRef, ExcelDateTime, Ods, OdsError, Reader, Xlsx};
use quick_xml::events::{BytesStart, Event};

use crate::dates::{hms, iso_duration, normalise_iso_datetime};
use crate::detect::open_zip;
use crate::table::{TableBuilder, trim};
use crate::{MAX_CELLS, MAX_UNPACKED_BYTES, ReadError, Table};

/// The largest sheet ODS and XLSX allow; calamine caps repeats there too.
const MAX_SHEET_ROWS: u64 = 1_048_576;
const MAX_SHEET_COLUMNS: u64 = 16_384;

pub(crate) fn read_ods(bytes: &[u8], max_rows: usize) -> Result<Table, ReadError> {
    let mut zip = open_zip(bytes)?;
    check_unpacked_sizes(&mut zip)?;
    if let Ok(manifest) = zip.by_name("META-INF/manifest.xml") {
        let mut text = String::new();
        let _ = manifest.take(1 << 20).read_to_string(&mut text);
        if text.contains("encryption-data") {
            return Err(ReadError::PasswordProtected);
        }
    }
    let content = zip.by_name("content.xml").map_err(unreadable)?;
    ods_precheck(BufReader::new(content), max_rows)?;

    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| match e {
        OdsError::Password => ReadError::PasswordProtected,
        e => unreadable(e),
    })?;
    let range = match book.worksheet_range_at(0) {
        None => return Err(ReadError::Empty),
        Some(range) => range.map_err(unreadable)?,
    };
    let Some((first_row, _)) = range.start() else {
        return Err(ReadError::Empty);
    };
    // The first column with something in it, so a table drawn from C3 reads
    // like one drawn from A1.
    let first_col = range.rows().filter_map(|row| row.iter().position(|c| !data_is_blank(c))).min().unwrap_or(0);
    let mut builder = TableBuilder::new(max_rows);
    for (i, row) in range.rows().enumerate() {
        let Some(last) = row.iter().rposition(|c| !data_is_blank(c)) else {
            continue;
        };
        let cells = row[first_col..=last].iter().cloned().map(data_text).collect();
        builder.push(first_row as usize + i + 1, cells)?;
    }
    builder.finish()
}

pub(crate) fn read_xlsx(bytes: &[u8], max_rows: usize) -> Result<Table, ReadError> {
    check_unpacked_sizes(&mut open_zip(bytes)?)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let Some(sheet) = book.sheet_names().into_iter().next() else {
        return Err(ReadError::Empty);
    };

    // First pass: how many filled rows (stopping early), where the table
    // starts, and how many cells it will take.
    let mut first_col = u32::MAX;
    let mut filled_rows = 0usize;
    let mut cells_from_a = 0usize;
    {
        let mut reader = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
        let mut current: Option<(u32, u32)> = None; // (row, last filled column)
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            if dataref_is_blank(cell.get_value()) {
                continue;
            }
            let (row, col) = cell.get_position();
            first_col = first_col.min(col);
            match &mut current {
                Some((r, last)) if *r == row => *last = (*last).max(col),
                _ => {
                    if let Some((_, last)) = current {
                        filled_rows += 1;
                        cells_from_a += last as usize + 1;
                        if filled_rows > max_rows.saturating_add(1) {
                            return Err(ReadError::TooManyRows { limit: max_rows });
                        }
                    }
                    current = Some((row, col));
                }
            }
        }
        if let Some((_, last)) = current {
            filled_rows += 1;
            cells_from_a += last as usize + 1;
        }
    }
    if filled_rows == 0 {
        return Err(ReadError::Empty);
    }
    if filled_rows > max_rows.saturating_add(1) {
        return Err(ReadError::TooManyRows { limit: max_rows });
    }
    if cells_from_a.saturating_sub(filled_rows * first_col as usize) > MAX_CELLS {
        return Err(ReadError::TooLarge);
    }

    // Second pass: the rows themselves.
    let mut builder = TableBuilder::new(max_rows);
    let mut reader = book.worksheet_cells_reader(&sheet).map_err(unreadable)?;
    let mut current_row: Option<u32> = None;
    let mut cells: Vec<String> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        if dataref_is_blank(cell.get_value()) {
            continue;
        }
        let (row, col) = cell.get_position();
        if current_row != Some(row) {
            if let Some(done) = current_row {
                builder.push(done as usize + 1, std::mem::take(&mut cells))?;
            }
            current_row = Some(row);
        }
        let index = (col - first_col) as usize;
        if cells.len() <= index {
            cells.resize(index + 1, String::new());
        }
        cells[index] = data_text(Data::from(cell.get_value().clone()));
    }
    if let Some(done) = current_row {
        builder.push(done as usize + 1, cells)?;
    }
    builder.finish()
}

/// Refuses an archive whose parts claim to unpack to more than
/// [`MAX_UNPACKED_BYTES`]. The zip reader stops each part at its declared
/// size, so a part cannot claim little and unpack to more.
fn check_unpacked_sizes<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Result<(), ReadError> {
    let mut total = 0u64;
    for i in 0..zip.len() {
        total = total.saturating_add(zip.by_index_raw(i).map_err(unreadable)?.size());
    }
    if total > MAX_UNPACKED_BYTES { Err(ReadError::TooLarge) } else { Ok(()) }
}

fn unreadable(e: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable { reason: e.to_string() }
}

/// Checks an ODS `content.xml` without keeping any of it: the first sheet
/// must not have more than `max_rows` filled rows under its header, and all
/// sheets together must not spread over more than [`MAX_CELLS`] cells as
/// calamine will lay them out (from column A to the last filled column, from
/// the first filled row to the last, repeats expanded). A cell counts as
/// filled when it has a value type, a formula or any content.
fn ods_precheck(content: impl BufRead, max_rows: usize) -> Result<(), ReadError> {
    #[derive(Default)]
    struct TableScan {
        /// The next row's index, repeats counted.
        row: u64,
        first_filled: Option<u64>,
        /// One past the last filled row.
        end: u64,
        /// One past the last filled column in any row.
        width: u64,
        filled_rows: u64,
    }
    struct RowScan {
        repeats: u64,
        col: u64,
        /// One past the last filled column.
        end: u64,
    }
    struct CellScan {
        repeats: u64,
        filled: bool,
        /// Depth of the element being read inside the cell (0: the cell).
        depth: u32,
    }

    let mut xml = quick_xml::Reader::from_reader(content);
    xml.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut tables_seen = 0usize;
    let mut cells_total = 0u64;
    let (mut table, mut row, mut cell) = (None::<TableScan>, None::<RowScan>, None::<CellScan>);
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if let Some(c) = &mut cell {
                    c.depth += 1;
                    c.filled = true;
                } else if row.is_some() && (name == "table:table-cell" || name == "table:covered-table-cell") {
                    cell = Some(CellScan {
                        repeats: repeat_count(&e, "table:number-columns-repeated")?,
                        filled: has_value(&e)?,
                        depth: 0,
                    });
                } else if table.is_some() && row.is_none() && name == "table:table-row" {
                    row = Some(RowScan { repeats: repeat_count(&e, "table:number-rows-repeated")?, col: 0, end: 0 });
                } else if table.is_none() && name == "table:table" {
                    tables_seen += 1;
                    table = Some(TableScan::default());
                }
            }
            Event::Text(t) => {
                if let Some(c) = &mut cell
                    && !AsRef::<str>::as_ref(&t).trim().is_empty()
                {
                    c.filled = true;
                }
            }
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if let Some(c) = &mut cell {
                    if c.depth > 0 {
                        c.depth -= 1;
                    } else if let Some(r) = &mut row {
                        let repeats = c.repeats.min(MAX_SHEET_COLUMNS.saturating_sub(r.col));
                        r.col += repeats;
                        if c.filled && repeats > 0 {
                            r.end = r.col;
                        }
                        cell = None;
                    }
                } else if name == "table:table-row"
                    && let (Some(r), Some(t)) = (row.take(), &mut table)
                {
                    let repeats = r.repeats.min(MAX_SHEET_ROWS.saturating_sub(t.row));
                    if r.end > 0 && repeats > 0 {
                        t.first_filled.get_or_insert(t.row);
                        t.end = t.row + repeats;
                        t.width = t.width.max(r.end);
                        t.filled_rows += repeats;
                        if tables_seen == 1 && t.filled_rows > max_rows as u64 + 1 {
                            return Err(ReadError::TooManyRows { limit: max_rows });
                        }
                    }
                    t.row += repeats;
                } else if name == "table:table"
                    && row.is_none()
                    && let Some(t) = table.take()
                    && let Some(first) = t.first_filled
                {
                    cells_total = cells_total.saturating_add((t.end - first).saturating_mul(t.width));
                    if cells_total > MAX_CELLS as u64 {
                        return Err(ReadError::TooLarge);
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn repeat_count(e: &BytesStart<'_>, attribute: &str) -> Result<u64, ReadError> {
    match e.try_get_attribute(attribute).map_err(unreadable)? {
        None => Ok(1),
        Some(a) => a.value.trim().parse().map_err(unreadable),
    }
}

fn has_value(e: &BytesStart<'_>) -> Result<bool, ReadError> {
    for attribute in e.attributes().with_checks(false) {
        let key = attribute.map_err(unreadable)?.key;
        if key.as_ref().starts_with("office:") || key.as_ref() == "table:formula" {
            return Ok(true);
        }
    }
    Ok(false)
}

fn data_is_blank(value: &Data) -> bool {
    match value {
        Data::Empty | Data::Error(_) => true,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => trim(s).is_empty(),
        Data::Float(f) => !f.is_finite(),
        Data::Int(_) | Data::Bool(_) | Data::DateTime(_) => false,
    }
}

fn dataref_is_blank(value: &DataRef<'_>) -> bool {
    match value {
        DataRef::Empty | DataRef::Error(_) => true,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => trim(s).is_empty(),
        DataRef::SharedString(s) => trim(s).is_empty(),
        DataRef::Float(f) => !f.is_finite(),
        DataRef::Int(_) | DataRef::Bool(_) | DataRef::DateTime(_) => false,
    }
}

/// A cell as text: numbers without a useless `.0`, in their shortest exact
/// form with a `.`; booleans `true`/`false`; dates in ISO 8601 (a time only
/// when there is one); errors as nothing.
fn data_text(value: Data) -> String {
    match value {
        Data::String(s) => s,
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_datetime_text(&d),
        Data::DateTimeIso(s) => normalise_iso_datetime(&s),
        Data::DurationIso(s) => iso_duration(&s),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// Rust's `Display` for `f64` is already the shortest text that reads back
/// to the same number, never in exponent form, and without `.0` for whole
/// numbers.
fn float_text(f: f64) -> String {
    if !f.is_finite() {
        String::new()
    } else if f == 0.0 {
        "0".into()
    } else {
        f.to_string()
    }
}

fn excel_datetime_text(d: &ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_duration() || (0.0..1.0).contains(&serial) {
        // A duration, or a time of day without a date.
        return hms((serial * 86_400.0).round() as i64);
    }
    let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_people_wrote_them() {
        assert_eq!(float_text(1985.0), "1985");
        assert_eq!(float_text(12.5), "12.5");
        assert_eq!(float_text(-0.0), "0");
        assert_eq!(float_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_text(1e21), "1000000000000000000000");
        assert_eq!(float_text(f64::NAN), "");
        assert_eq!(data_text(Data::Bool(true)), "true");
        assert_eq!(data_text(Data::Int(-7)), "-7");
    }

    #[test]
    fn excel_dates_become_iso() {
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        assert_eq!(excel_datetime_text(&ExcelDateTime::new(45_366.0, DateTime, false)), "2024-03-15");
        assert_eq!(excel_datetime_text(&ExcelDateTime::new(45_366.437_5, DateTime, false)), "2024-03-15T10:30:00");
        assert_eq!(excel_datetime_text(&ExcelDateTime::new(0.75, DateTime, false)), "18:00:00");
        assert_eq!(excel_datetime_text(&ExcelDateTime::new(1.5, TimeDelta, false)), "36:00:00");
    }

    fn precheck(rows: &str, max_rows: usize) -> Result<(), ReadError> {
        let xml = format!(
            "<office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"A\">{rows}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        );
        ods_precheck(xml.as_bytes(), max_rows)
    }

    const CELL: &str = "<table:table-cell office:value-type=\"string\"><text:p>x</text:p></table:table-cell>";

    #[test]
    fn precheck_counts_repeated_filled_rows_and_ignores_empty_ones() {
        let header = format!("<table:table-row>{CELL}</table:table-row>");
        let data = format!("<table:table-row table:number-rows-repeated=\"3\">{CELL}</table:table-row>");
        let trailing = "<table:table-row table:number-rows-repeated=\"1048000\">\
                        <table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>";
        assert_eq!(precheck(&format!("{header}{data}{trailing}"), 3), Ok(()));
        assert_eq!(precheck(&format!("{header}{data}"), 2), Err(ReadError::TooManyRows { limit: 2 }));
    }

    #[test]
    fn precheck_refuses_sheets_that_would_spread_over_too_many_cells() {
        let wide = format!(
            "<table:table-row>{CELL}</table:table-row>\
             <table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/>{CELL}</table:table-row>"
        );
        assert_eq!(precheck(&wide, 10), Err(ReadError::TooLarge));
    }
}
