//! The rules every format shares once its rows are cut: trimming, the header,
//! dropping empty rows, padding, and the limits.

use crate::{MAX_CELLS, ReadError, Row, Table};

/// The rules applied to each row as it is cut, whether the rows are kept
/// ([`TableBuilder`]) or handed out one at a time ([`crate::CsvRows`]).
pub(crate) struct Shaper {
    max_rows: usize,
    headers: Option<Vec<String>>,
    rows: usize,
    cells: usize,
}

impl Shaper {
    pub(crate) fn new(max_rows: usize) -> Self {
        Shaper { max_rows, headers: None, rows: 0, cells: 0 }
    }

    /// The header row, once met.
    pub(crate) fn headers(&self) -> Option<&[String]> {
        self.headers.as_deref()
    }

    pub(crate) fn into_headers(self) -> Option<Vec<String>> {
        self.headers
    }

    /// Takes one row as cut from the file (untrimmed), with its line number:
    /// the data row it makes, or `None` for an empty row or the header row
    /// (kept). Refuses as soon as a limit is passed.
    pub(crate) fn shape(&mut self, line: usize, mut cells: Vec<String>) -> Result<Option<Row>, ReadError> {
        cells.iter_mut().for_each(trim_in_place);
        let Some(last_filled) = cells.iter().rposition(|c| !c.is_empty()) else {
            return Ok(None);
        };
        let Some(headers) = &self.headers else {
            cells.truncate(last_filled + 1);
            self.cells = cells.len();
            self.headers = Some(cells);
            return Ok(None);
        };
        if self.rows >= self.max_rows {
            return Err(ReadError::TooManyRows { limit: self.max_rows });
        }
        cells.truncate(headers.len().max(last_filled + 1));
        cells.resize(headers.len().max(cells.len()), String::new());
        self.cells += cells.len();
        if self.cells > MAX_CELLS {
            return Err(ReadError::TooLarge);
        }
        self.rows += 1;
        Ok(Some(Row { line, cells }))
    }
}

/// Builds a [`Table`] from rows pushed one at a time, refusing as soon as a
/// limit is passed so nothing beyond it is ever held.
pub(crate) struct TableBuilder {
    shaper: Shaper,
    rows: Vec<Row>,
}

impl TableBuilder {
    pub(crate) fn new(max_rows: usize) -> Self {
        TableBuilder { shaper: Shaper::new(max_rows), rows: Vec::new() }
    }

    /// Takes one row as cut from the file (untrimmed), with its line number.
    pub(crate) fn push(&mut self, line: usize, cells: Vec<String>) -> Result<(), ReadError> {
        if let Some(row) = self.shaper.shape(line, cells)? {
            self.rows.push(row);
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<Table, ReadError> {
        let headers = self.shaper.into_headers().ok_or(ReadError::Empty)?;
        Ok(Table { headers, rows: self.rows })
    }
}

/// White space as Unicode defines it (which includes the no-break spaces
/// U+00A0 and U+202F that French typing puts everywhere), and a stray byte
/// order mark.
pub(crate) fn is_trimmed_away(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(is_trimmed_away)
}

fn trim_in_place(s: &mut String) {
    let trimmed = trim(s);
    if trimmed.len() == s.len() {
        return;
    }
    let start = trimmed.as_ptr() as usize - s.as_ptr() as usize;
    let end = start + trimmed.len();
    s.truncate(end);
    s.drain(..start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn trims_no_break_spaces_and_keeps_inner_ones() {
        let mut s = "\u{A0} Jean\u{A0}Paul \t\u{202F}".to_string();
        trim_in_place(&mut s);
        assert_eq!(s, "Jean\u{A0}Paul");
        let mut blank = " \u{A0} ".to_string();
        trim_in_place(&mut blank);
        assert_eq!(blank, "");
    }

    #[test]
    fn header_then_padded_rows_with_extras_kept_and_empty_rows_dropped() {
        let mut b = TableBuilder::new(10);
        b.push(1, strings(&["", " ", ""])).unwrap();
        b.push(2, strings(&["nom", " prénom ", "", "ville", "", ""])).unwrap();
        b.push(3, strings(&["Dupont"])).unwrap();
        b.push(4, strings(&[" ", ""])).unwrap();
        b.push(5, strings(&["a", "b", "c", "d", "", "extra", "", ""])).unwrap();
        let t = b.finish().unwrap();
        assert_eq!(t.headers, strings(&["nom", "prénom", "", "ville"]));
        assert_eq!(t.rows[0], Row { line: 3, cells: strings(&["Dupont", "", "", ""]) });
        assert_eq!(t.rows[1], Row { line: 5, cells: strings(&["a", "b", "c", "d", "", "extra"]) });
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn the_row_after_the_limit_is_refused() {
        let mut b = TableBuilder::new(1);
        b.push(1, strings(&["h"])).unwrap();
        b.push(2, strings(&["1"])).unwrap();
        assert_eq!(b.push(3, strings(&["2"])), Err(ReadError::TooManyRows { limit: 1 }));
        assert_eq!(TableBuilder::new(5).finish(), Err(ReadError::Empty));
    }
}
