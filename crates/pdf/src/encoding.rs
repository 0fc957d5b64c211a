//! Text into bytes a PDF reader understands: WinAnsiEncoding for the text
//! drawn with the standard fonts, PDF string syntax, and the UTF-16 "text
//! strings" of the document information.

/// What a character outside WinAnsiEncoding becomes.
pub(crate) const REPLACEMENT: u8 = b'?';

/// The byte WinAnsiEncoding gives `c`, if it has one.
///
/// Codes 0x20–0x7E are ASCII and 0xA0–0xFF are Latin-1, as in Unicode;
/// 0x80–0x9F hold the Windows-1252 additions (€, typographic quotes, œ, Œ,
/// dashes, ellipsis…). Five codes of that range (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D) and the control characters are unassigned.
pub fn winansi(c: char) -> Option<u8> {
    let code = c as u32;
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(code as u8),
        _ => {
            let byte = match c {
                '€' => 0x80,
                '‚' => 0x82,
                'ƒ' => 0x83,
                '„' => 0x84,
                '…' => 0x85,
                '†' => 0x86,
                '‡' => 0x87,
                'ˆ' => 0x88,
                '‰' => 0x89,
                'Š' => 0x8A,
                '‹' => 0x8B,
                'Œ' => 0x8C,
                'Ž' => 0x8E,
                '\u{2018}' => 0x91,
                '\u{2019}' => 0x92,
                '\u{201C}' => 0x93,
                '\u{201D}' => 0x94,
                '•' => 0x95,
                '–' => 0x96,
                '—' => 0x97,
                '˜' => 0x98,
                '™' => 0x99,
                'š' => 0x9A,
                '›' => 0x9B,
                'œ' => 0x9C,
                'ž' => 0x9E,
                'Ÿ' => 0x9F,
                _ => return None,
            };
            Some(byte)
        }
    }
}

/// `text` in WinAnsiEncoding, ready to be measured and drawn.
///
/// Besides the plain mapping of [`winansi`]: a tab becomes a space; the
/// narrow and figure no-break spaces French typography puts before `:` `;`
/// `!` `?` `»` and in `1 000 €` become the no-break space (0xA0), which
/// WinAnsi has; the Unicode hyphen and non-breaking hyphen become `-`; a soft
/// hyphen (U+00AD) is dropped, since lines are never hyphenated. A line
/// break (`\n`, or `\r\n`) is kept as `\n` for the line breaker to see;
/// every other character outside WinAnsi becomes [`REPLACEMENT`] (`?`).
pub(crate) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' => out.push(b'\n'),
            '\t' => out.push(b' '),
            '\u{00AD}' => {}
            '\u{202F}' | '\u{2007}' => out.push(0xA0),
            '\u{2010}' | '\u{2011}' => out.push(b'-'),
            _ => out.push(winansi(c).unwrap_or(REPLACEMENT)),
        }
    }
    out
}

/// `text` on one line: [`encode`], with line breaks turned into spaces.
pub(crate) fn encode_line(text: &str) -> Vec<u8> {
    let mut bytes = encode(text);
    for byte in &mut bytes {
        if *byte == b'\n' {
            *byte = b' ';
        }
    }
    bytes
}

/// Appends `bytes` as a PDF literal string, parentheses included: `\`, `(`
/// and `)` are escaped, control bytes written in octal; other bytes (the
/// WinAnsi codes above 0x7F among them) go as they are.
pub(crate) fn push_literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &byte in bytes {
        match byte {
            b'\\' | b'(' | b')' => out.extend_from_slice(&[b'\\', byte]),
            0x00..=0x1F | 0x7F => out.extend_from_slice(format!("\\{byte:03o}").as_bytes()),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

/// Appends `text` as a PDF text string (for the document information: title,
/// author…): a literal string when it is printable ASCII, else UTF-16BE with
/// a byte order mark, written in hexadecimal, so any character survives.
pub(crate) fn push_text_string(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        push_literal(out, text.as_bytes());
    } else {
        out.extend_from_slice(b"<FEFF");
        for unit in text.encode_utf16() {
            out.extend_from_slice(format!("{unit:04X}").as_bytes());
        }
        out.push(b'>');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_text_maps_to_winansi() {
        assert_eq!(encode("é è ê à ç"), [0xE9, b' ', 0xE8, b' ', 0xEA, b' ', 0xE0, b' ', 0xE7]);
        assert_eq!(encode("œuvre Œ"), [0x9C, b'u', b'v', b'r', b'e', b' ', 0x8C]);
        assert_eq!(encode("« l’été » 12 €"), b"\xAB l\x92\xE9t\xE9 \xBB 12 \x80");
        assert_eq!(encode("“–—…"), [0x93, 0x96, 0x97, 0x85]);
        assert_eq!(encode("ÿŸ"), [0xFF, 0x9F]);
    }

    #[test]
    fn outside_winansi_is_a_question_mark() {
        assert_eq!(encode("ĳ漢🙂\u{7}"), b"????");
        assert_eq!(winansi('\u{81}'), None);
        assert_eq!(winansi('\u{7F}'), None);
    }

    #[test]
    fn french_spaces_and_breaks() {
        assert_eq!(encode("1\u{202F}000\u{00A0}€ ?\tx"), b"1\xA0000\xA0\x80 ? x");
        assert_eq!(encode("a\r\nb\u{00AD}c\u{2011}d"), b"a\nbc-d");
        assert_eq!(encode_line("a\nb"), b"a b");
    }

    #[test]
    fn literal_strings_are_escaped() {
        let mut out = Vec::new();
        push_literal(&mut out, b"a(b)c\\d\n\xE9");
        assert_eq!(out, b"(a\\(b\\)c\\\\d\\012\xE9)");
    }

    #[test]
    fn text_strings_are_utf16_when_needed() {
        let mut out = Vec::new();
        push_text_string(&mut out, "Plain (text)");
        assert_eq!(out, b"(Plain \\(text\\))");
        out.clear();
        push_text_string(&mut out, "Préau");
        assert_eq!(out, b"<FEFF0050007200E900610075>");
    }
}
