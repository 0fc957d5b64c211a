//! Bytes to text, and byte offsets to the line numbers a text editor shows.

use std::borrow::Cow;

use encoding_rs::{UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// UTF-8 (a byte order mark is dropped), UTF-16 when a byte order mark says
/// so, otherwise Windows-1252, which accepts any byte: French banks and
/// French Windows write Latin-1 that way, with `€` and `œ` where ISO 8859-1
/// has control characters. Text that is valid UTF-8 is taken as UTF-8: a
/// Latin-1 file with accents is never valid UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
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
        Err(_) => latin1(bytes),
    }
}

/// Windows-1252, whatever the bytes.
pub(crate) fn latin1(bytes: &[u8]) -> Cow<'_, str> {
    WINDOWS_1252.decode_without_bom_handling(bytes).0
}

/// The 1-based line of each byte offset of a text, where CR LF, LF and a
/// lone CR each end one line.
pub(crate) struct LineIndex {
    /// Byte offset where each line starts (the first is 0).
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 2;
                }
                b'\r' | b'\n' => {
                    starts.push(i + 1);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        LineIndex { starts }
    }

    /// The line holding the byte at `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Byte offset where `line` (1-based) starts; the end of the text for a
    /// line past the last.
    pub(crate) fn start_of(&self, line: usize, text_len: usize) -> usize {
        self.starts.get(line.saturating_sub(1)).copied().unwrap_or(text_len)
    }
}

/// The lines of a text with their 1-based numbers, line ends removed (CR LF,
/// LF, or a lone CR).
pub(crate) fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let index = LineIndex::new(text);
    let starts = index.starts;
    let len = text.len();
    (0..starts.len()).map(move |i| {
        let start = starts[i];
        let end = starts.get(i + 1).copied().unwrap_or(len);
        (i + 1, text[start..end].trim_end_matches(['\r', '\n']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_when_not_utf8_and_byte_order_marks_dropped() {
        assert_eq!(decode(b"caf\xE9 \x80 \x9C"), "café € œ");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9"), "café");
        assert_eq!(decode(b"\xFF\xFEc\0a\0"), "ca");
    }

    #[test]
    fn lines_of_every_ending() {
        let text = "a\r\nb\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!([0, 2, 3, 5, 6, 7].map(|o| index.line_of(o)), [1, 1, 2, 3, 3, 4]);
        assert_eq!(numbered_lines(text).collect::<Vec<_>>(), [(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        assert_eq!(index.start_of(3, text.len()), 5);
        assert_eq!(index.start_of(9, text.len()), text.len());
    }
}
