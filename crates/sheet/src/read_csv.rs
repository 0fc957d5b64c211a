//! Delimited text as spreadsheet programs and people write it.
//!
//! A small parser rather than the `csv` crate: that one does not report an
//! unterminated quote (it ends the field at the end of the file), and counts
//! records or `\n` rather than the lines a text editor shows, which we need
//! for messages; both take a few lines here.

use std::borrow::Cow;

use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::table::Shaper;
use crate::{ReadError, Row, Table};

pub(crate) fn read(bytes: &[u8], max_rows: usize) -> Result<Table, ReadError> {
    let text = decode(bytes);
    let rows = CsvRows::new(&text, max_rows)?;
    let headers = rows.headers().to_vec();
    Ok(Table { headers, rows: rows.collect::<Result<_, _>>()? })
}

/// The rows of CSV text one at a time, under the same rules as [`crate::read`]
/// (delimiter sniffed, cells trimmed, empty rows left out, short rows padded,
/// the same limits), for a caller that reads a large file in passes and
/// keeps only what it makes of each row. The header row is read when the
/// rows are made ([`CsvRows::new`]); after an error the iterator ends.
pub struct CsvRows<'a> {
    parser: Parser<'a>,
    shaper: Shaper,
    done: bool,
}

impl<'a> CsvRows<'a> {
    /// Reads `text` up to its header row (the first row with anything in
    /// it): [`ReadError::Empty`] when there is none.
    pub fn new(text: &'a str, max_rows: usize) -> Result<Self, ReadError> {
        let parser = Parser { text, pos: 0, line: 1, delimiter: sniff_delimiter(text) };
        let mut rows = CsvRows { parser, shaper: Shaper::new(max_rows), done: false };
        while rows.shaper.headers().is_none() {
            let Some((line, cells)) = rows.parser.record()? else { return Err(ReadError::Empty) };
            rows.shaper.shape(line, cells)?;
        }
        Ok(rows)
    }

    /// The header row, trimmed, empty cells at its end dropped.
    pub fn headers(&self) -> &[String] {
        self.shaper.headers().unwrap_or_default()
    }
}

impl Iterator for CsvRows<'_> {
    type Item = Result<Row, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let shaped = match self.parser.record() {
                Ok(Some((line, cells))) => self.shaper.shape(line, cells),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => Err(e),
            };
            match shaped {
                Ok(Some(row)) => return Some(Ok(row)),
                Ok(None) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// UTF-8 (a byte order mark is dropped), UTF-16 when a byte order mark says
/// so (Excel's "Unicode text"), otherwise Windows-1252 (Excel's "CSV" on a
/// French Windows), which accepts any byte.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return UTF_8.decode_without_bom_handling(rest).0;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return UTF_16LE.decode_without_bom_handling(rest).0;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return UTF_16BE.decode_without_bom_handling(rest).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// The delimiter is the most frequent of `;`, `,` and tab outside quotes in
/// the header (the first line with something in it); `;` wins ties, as
/// French Excel writes it, then `,`. With none of them (one column), `;`.
fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b';', b',', b'\t'];
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut seen_content = false;
    for &b in text.as_bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                if seen_content {
                    break;
                }
            }
            _ if in_quotes => {}
            _ => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
                seen_content |= !b.is_ascii_whitespace();
            }
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// What ended a field.
enum Stop {
    Delimiter,
    LineEnd,
    EndOfFile,
}

struct Parser<'a> {
    text: &'a str,
    /// Byte offset of the next character to read. Every byte the parser
    /// stops on is ASCII, so slicing at it is always on a character boundary.
    pos: usize,
    /// Physical line (1-based) of the character at `pos`; CR LF, LF and a
    /// lone CR each end one line.
    line: usize,
    delimiter: u8,
}

impl<'a> Parser<'a> {
    /// The next record and the line it starts on, or `None` at the end.
    fn record(&mut self) -> Result<Option<(usize, Vec<String>)>, ReadError> {
        if self.pos >= self.text.len() {
            return Ok(None);
        }
        let line = self.line;
        let mut cells = Vec::new();
        loop {
            let (cell, end) = self.field()?;
            cells.push(cell);
            match end {
                Stop::Delimiter => {}
                Stop::LineEnd | Stop::EndOfFile => return Ok(Some((line, cells))),
            }
        }
    }

    fn field(&mut self) -> Result<(String, Stop), ReadError> {
        if self.text.as_bytes().get(self.pos) != Some(&b'"') {
            let (raw, end) = self.unquoted();
            return Ok((raw.to_string(), end));
        }
        let bytes = self.text.as_bytes();
        let opened_on = self.line;
        self.pos += 1;
        let mut value = String::new();
        let mut from = self.pos;
        loop {
            match bytes.get(self.pos) {
                None => {
                    return Err(ReadError::Malformed {
                        line: opened_on,
                        reason: "a quoted value is never closed (a \" is missing)".into(),
                    });
                }
                Some(b'"') if bytes.get(self.pos + 1) == Some(&b'"') => {
                    value.push_str(&self.text[from..=self.pos]);
                    self.pos += 2;
                    from = self.pos;
                }
                Some(b'"') => {
                    value.push_str(&self.text[from..self.pos]);
                    self.pos += 1;
                    break;
                }
                Some(b'\r') => {
                    // Line ends inside a value become "\n", whatever the file used.
                    value.push_str(&self.text[from..self.pos]);
                    value.push('\n');
                    self.pos += if bytes.get(self.pos + 1) == Some(&b'\n') { 2 } else { 1 };
                    self.line += 1;
                    from = self.pos;
                }
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                Some(_) => self.pos += 1,
            }
        }
        // Leniently, as spreadsheet programs do, text after the closing quote
        // (`"ab"cd`) is kept as is.
        let (rest, end) = self.unquoted();
        value.push_str(rest);
        Ok((value, end))
    }

    /// Up to the next delimiter or line end, which is consumed.
    fn unquoted(&mut self) -> (&'a str, Stop) {
        let text = self.text;
        let bytes = text.as_bytes();
        let start = self.pos;
        while let Some(&b) = bytes.get(self.pos) {
            let at = self.pos;
            if b == self.delimiter {
                self.pos += 1;
                return (&text[start..at], Stop::Delimiter);
            }
            if b == b'\n' || b == b'\r' {
                self.pos += if b == b'\r' && bytes.get(at + 1) == Some(&b'\n') { 2 } else { 1 };
                self.line += 1;
                return (&text[start..at], Stop::LineEnd);
            }
            self.pos += 1;
        }
        (&text[start..], Stop::EndOfFile)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, ReadError> {
        let mut p = Parser { text, pos: 0, line: 1, delimiter: sniff_delimiter(text) };
        let mut out = Vec::new();
        while let Some(r) = p.record()? {
            out.push(r);
        }
        Ok(out)
    }

    fn r(line: usize, cells: &[&str]) -> (usize, Vec<String>) {
        (line, cells.iter().map(|c| c.to_string()).collect())
    }

    #[test]
    fn delimiter_is_the_most_frequent_outside_quotes_and_semicolon_wins_ties() {
        assert_eq!(sniff_delimiter("a;b;c\n1,2,3,4,5"), b';');
        assert_eq!(sniff_delimiter("a,b;c,d"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc,d"), b'\t');
        assert_eq!(sniff_delimiter("a,b;c"), b';');
        assert_eq!(sniff_delimiter("\"a;b;c\",d"), b',');
        assert_eq!(sniff_delimiter("\n\r\n  \nnom,prénom"), b',');
        assert_eq!(sniff_delimiter("email"), b';');
    }

    #[test]
    fn lines_count_physical_line_ends_of_every_kind() {
        let text = "a;b\r\n\"x\r\ny\";z\rc;\"d\"\"e\"\n\nlast;\"q\"r";
        assert_eq!(
            records(text).unwrap(),
            vec![r(1, &["a", "b"]), r(2, &["x\ny", "z"]), r(4, &["c", "d\"e"]), r(5, &[""]), r(6, &["last", "qr"])]
        );
    }

    #[test]
    fn an_unterminated_quote_names_the_line_it_opens_on() {
        assert_eq!(
            records("a;b\n1;2\n3;\"never\nclosed\n"),
            Err(ReadError::Malformed { line: 3, reason: "a quoted value is never closed (a \" is missing)".into() })
        );
    }

    #[test]
    fn rows_one_at_a_time_end_at_the_first_error() {
        let text = "\n nom ; ville ;\nDupont;Lyon\n;\n\"Durand\";\"Paris\nnord\"\nx;\"open\n";
        let mut rows = CsvRows::new(text, 10).unwrap();
        assert_eq!(rows.headers(), ["nom", "ville"]);
        let first = rows.next().unwrap().unwrap();
        assert_eq!((first.line, first.cells), (3, vec!["Dupont".to_string(), "Lyon".to_string()]));
        assert_eq!(rows.next().unwrap().unwrap().line, 5, "the empty row 4 is left out");
        assert!(matches!(rows.next(), Some(Err(ReadError::Malformed { line: 7, .. }))));
        assert!(rows.next().is_none());
        assert_eq!(CsvRows::new(" ; \n", 10).err(), Some(ReadError::Empty));
        let mut limited = CsvRows::new("h\n1\n2\n", 1).unwrap();
        assert!(limited.next().unwrap().is_ok());
        assert_eq!(limited.next().unwrap().err(), Some(ReadError::TooManyRows { limit: 1 }));
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        assert_eq!(decode(b"caf\xE9 \x80"), "café €");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9"), "café");
    }
}
