//! Line breaking: greedy, at spaces, on WinAnsi bytes measured with the font
//! metrics. No hyphenation; a word wider than the line is cut where it
//! overflows.

use crate::font::Font;

/// Slack for rounding when comparing widths, in points.
const EPSILON: f64 = 1e-6;

/// `text` (WinAnsi bytes, `\n` for a forced break) cut into lines no wider
/// than `max_width` points at `size`. Runs of spaces collapse to one and
/// disappear at line ends; the no-break space (0xA0) never breaks, and
/// neither do the spaces French puts around some signs (see [`units`]).
/// Each forced break starts a line, so an empty text is one empty line.
pub(crate) fn wrap(text: &[u8], font: Font, size: f64, max_width: f64) -> Vec<Vec<u8>> {
    let mut lines = Lines { font, size, max_width, space: font.width_of(b" ", size), ..Lines::default() };
    for hard_line in text.split(|&b| b == b'\n') {
        for unit in units(hard_line) {
            lines.push_word(&unit);
        }
        lines.end_line();
    }
    lines.done
}

/// Lines being filled, greedily.
#[derive(Default)]
struct Lines {
    font: Font,
    size: f64,
    max_width: f64,
    space: f64,
    done: Vec<Vec<u8>>,
    line: Vec<u8>,
    width: f64,
}

impl Lines {
    /// Adds `word` (which may hold spaces that must not break) to the line,
    /// or to a new one.
    fn push_word(&mut self, word: &[u8]) {
        let word_width = self.font.width_of(word, self.size);
        if !self.line.is_empty() && self.width + self.space + word_width <= self.max_width + EPSILON {
            self.line.push(b' ');
            self.line.extend_from_slice(word);
            self.width += self.space + word_width;
            return;
        }
        if word_width > self.max_width + EPSILON && word.contains(&b' ') {
            // Words held together that no line can hold: apart, after all.
            for part in word.split(|&b| b == b' ') {
                self.push_word(part);
            }
            return;
        }
        if !self.line.is_empty() {
            self.done.push(std::mem::take(&mut self.line));
        }
        if word_width <= self.max_width + EPSILON {
            self.line.extend_from_slice(word);
            self.width = word_width;
        } else {
            let mut pieces = cut(word, self.font, self.size, self.max_width);
            // Every piece but the last fills a line; the last may share its
            // line with the words after it.
            self.line = pieces.pop().unwrap_or_default();
            self.width = self.font.width_of(&self.line, self.size);
            self.done.extend(pieces);
        }
    }

    /// Ends the line (a forced break, or the end of the text).
    fn end_line(&mut self) {
        self.done.push(std::mem::take(&mut self.line));
        self.width = 0.0;
    }
}

/// The words of a line, where a word standing alone as `«` is joined to the
/// next one, and one standing alone as `»` `:` `;` `!` `?` `€` or `%` to the
/// previous one: French sets a space there, typed as an ordinary space more
/// often than not, and a line must not break at it.
fn units(line: &[u8]) -> Vec<Vec<u8>> {
    let mut units: Vec<Vec<u8>> = Vec::new();
    let mut join_next = false;
    for word in line.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let joins_previous = matches!(word, [0xBB | b':' | b';' | b'!' | b'?' | 0x80 | b'%']);
        match units.last_mut() {
            Some(last) if join_next || joins_previous => {
                last.push(b' ');
                last.extend_from_slice(word);
            }
            _ => units.push(word.to_vec()),
        }
        join_next = word == [0xAB];
    }
    units
}

/// A word too long for a line, cut into pieces that fit (at least one
/// character each, however narrow the line).
fn cut(word: &[u8], font: Font, size: f64, max_width: f64) -> Vec<Vec<u8>> {
    let mut pieces = Vec::new();
    let mut piece = Vec::new();
    let mut width = 0.0;
    for &byte in word {
        let glyph = font.width_of(&[byte], size);
        if !piece.is_empty() && width + glyph > max_width + EPSILON {
            pieces.push(std::mem::take(&mut piece));
            width = 0.0;
        }
        piece.push(byte);
        width += glyph;
    }
    pieces.push(piece);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, max_width: f64) -> Vec<String> {
        // Courier: every glyph is 6 pt wide at size 10.
        wrap(text.as_bytes(), Font::Courier, 10.0, max_width)
            .into_iter()
            .map(|line| String::from_utf8(line).unwrap())
            .collect()
    }

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(lines("aa bb cc dd", 30.0), ["aa bb", "cc dd"]);
        assert_eq!(lines("aa bb cc dd", 29.9), ["aa", "bb", "cc", "dd"]);
        assert_eq!(lines("  aa   bb  ", 100.0), ["aa bb"]);
    }

    #[test]
    fn keeps_forced_breaks_and_blank_lines() {
        assert_eq!(lines("aa\n\nbb", 100.0), ["aa", "", "bb"]);
        assert_eq!(lines("", 100.0), [""]);
    }

    #[test]
    fn cuts_words_longer_than_the_line() {
        assert_eq!(lines("x abcdefgh y", 24.0), ["x", "abcd", "efgh", "y"]);
        assert_eq!(lines("abcdefg hi", 24.0), ["abcd", "efg", "hi"]);
        assert_eq!(lines("abc", 1.0), ["a", "b", "c"]);
    }

    #[test]
    fn no_break_space_holds() {
        let text = b"12\xA0000 \x80";
        let wrapped = wrap(text, Font::Courier, 10.0, 40.0);
        assert_eq!(wrapped, [b"12\xA0000".to_vec(), b"\x80".to_vec()]);
    }

    #[test]
    fn french_signs_stay_with_their_word() {
        let text = crate::encoding::encode("dit « oui » : 12 € !");
        let wrapped: Vec<Vec<u8>> = wrap(&text, Font::Courier, 10.0, 60.0);
        let expected = crate::encoding::encode("dit\n« oui » :\n12 € !");
        assert_eq!(wrapped, expected.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect::<Vec<_>>());
        // A sign at the start of a line has nothing to join.
        assert_eq!(lines("! a", 100.0), ["! a"]);
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let text = "Le conseil d’administration s’est réuni à l’unanimité des présents ; ".repeat(20);
        let bytes = crate::encoding::encode(&text);
        for font in [Font::Helvetica, Font::HelveticaBold, Font::TimesRoman] {
            for line in wrap(&bytes, font, 10.0, 200.0) {
                assert!(font.width_of(&line, 10.0) <= 200.0 + EPSILON);
            }
        }
    }
}
