//! The standard fonts every PDF reader has, and their glyph widths.
//!
//! The widths are those of Adobe's Core 14 AFM files (Helvetica,
//! Helvetica-Bold and Times-Roman, version 002.000 of 1997: the metrics PDF
//! readers build in), in thousandths of the font size, indexed by
//! WinAnsiEncoding code. The euro, which those files predate, has the width
//! of their 1999 revision (003.001), the only other change of which is µ.
//! Codes WinAnsi leaves unassigned have width 0; text is never encoded to
//! them. Helvetica-Oblique has Helvetica's widths; Courier is
//! monospaced at 600.

/// One of the standard fonts, used with WinAnsiEncoding: nothing is embedded,
/// the reader supplies the font.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Font {
    /// Body text.
    #[default]
    Helvetica,
    /// Headings, table headers, labels, bold rows.
    HelveticaBold,
    /// Slanted Helvetica, for notes.
    HelveticaOblique,
    /// A serif face.
    TimesRoman,
    /// Monospaced, for codes and identifiers.
    Courier,
}

impl Font {
    /// Every font, in the order of their resource names (`/F1` …).
    pub const ALL: [Font; 5] =
        [Font::Helvetica, Font::HelveticaBold, Font::HelveticaOblique, Font::TimesRoman, Font::Courier];

    /// The PostScript name the reader knows the font by.
    pub fn base_font(self) -> &'static str {
        match self {
            Font::Helvetica => "Helvetica",
            Font::HelveticaBold => "Helvetica-Bold",
            Font::HelveticaOblique => "Helvetica-Oblique",
            Font::TimesRoman => "Times-Roman",
            Font::Courier => "Courier",
        }
    }

    /// Position in [`Font::ALL`].
    pub(crate) fn index(self) -> usize {
        match self {
            Font::Helvetica => 0,
            Font::HelveticaBold => 1,
            Font::HelveticaOblique => 2,
            Font::TimesRoman => 3,
            Font::Courier => 4,
        }
    }

    /// Width of the glyph at WinAnsi `code`, in thousandths of the size.
    pub fn glyph_width(self, code: u8) -> u16 {
        match self {
            Font::Helvetica | Font::HelveticaOblique => HELVETICA[code as usize],
            Font::HelveticaBold => HELVETICA_BOLD[code as usize],
            Font::TimesRoman => TIMES_ROMAN[code as usize],
            Font::Courier => COURIER,
        }
    }

    /// Width of WinAnsi-encoded `bytes` at `size`, in points.
    pub fn width_of(self, bytes: &[u8], size: f64) -> f64 {
        let units: u32 = bytes.iter().map(|&b| u32::from(self.glyph_width(b))).sum();
        f64::from(units) * size / 1000.0
    }
}

/// Width of `text` drawn in `font` at `size`, in points: to right-align or
/// centre something drawn with [`crate::Document::text_at`]. Characters
/// outside WinAnsi count as the `?` they become.
pub fn text_width(font: Font, size: f64, text: &str) -> f64 {
    font.width_of(&crate::encoding::encode_line(text), size)
}

/// Every glyph of Courier.
const COURIER: u16 = 600;

/// Helvetica (and Helvetica-Oblique), by WinAnsi code.
#[rustfmt::skip]
static HELVETICA: [u16; 256] = [
    // 0x00–0x1F: control codes.
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    // 0x20: space ! " # $ % & ' ( ) * + , - . /
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30: 0–9 : ; < = > ?
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    // 0x40: @ A–O
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    // 0x50: P–Z [ \ ] ^ _
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    // 0x60: ` a–o
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    // 0x70: p–z { | } ~ (0x7F unassigned)
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    // 0x80: € _ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ _ Ž _
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    // 0x90: _ ‘ ’ “ ” • – — ˜ ™ š › œ _ ž Ÿ
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    // 0xA0: nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ shy ® ¯
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xB0: ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xC0: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xD0: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xE0: à á â ã ä å æ ç è é ê ë ì í î ï
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xF0: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold, by WinAnsi code.
#[rustfmt::skip]
static HELVETICA_BOLD: [u16; 256] = [
    // 0x00–0x1F: control codes.
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    // 0x20: space ! " # $ % & ' ( ) * + , - . /
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    // 0x30: 0–9 : ; < = > ?
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    // 0x40: @ A–O
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    // 0x50: P–Z [ \ ] ^ _
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    // 0x60: ` a–o
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    // 0x70: p–z { | } ~ (0x7F unassigned)
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    // 0x80: € _ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ _ Ž _
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    // 0x90: _ ‘ ’ “ ” • – — ˜ ™ š › œ _ ž Ÿ
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    // 0xA0: nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ shy ® ¯
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    // 0xB0: ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    // 0xC0: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    // 0xD0: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    // 0xE0: à á â ã ä å æ ç è é ê ë ì í î ï
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    // 0xF0: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

/// Times-Roman, by WinAnsi code.
#[rustfmt::skip]
static TIMES_ROMAN: [u16; 256] = [
    // 0x00–0x1F: control codes.
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    // 0x20: space ! " # $ % & ' ( ) * + , - . /
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    // 0x30: 0–9 : ; < = > ?
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    // 0x40: @ A–O
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    // 0x50: P–Z [ \ ] ^ _
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    // 0x60: ` a–o
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    // 0x70: p–z { | } ~ (0x7F unassigned)
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 0,
    // 0x80: € _ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ _ Ž _
    500, 0, 333, 500, 444, 1000, 500, 500, 333, 1000, 556, 333, 889, 0, 611, 0,
    // 0x90: _ ‘ ’ “ ” • – — ˜ ™ š › œ _ ž Ÿ
    0, 333, 333, 444, 444, 350, 500, 1000, 333, 980, 389, 333, 722, 0, 444, 722,
    // 0xA0: nbsp ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ shy ® ¯
    250, 333, 500, 500, 500, 500, 200, 500, 333, 760, 276, 500, 564, 333, 760, 333,
    // 0xB0: ° ± ² ³ ´ µ ¶ · ¸ ¹ º » ¼ ½ ¾ ¿
    400, 564, 300, 300, 333, 500, 453, 250, 333, 300, 310, 500, 750, 750, 750, 444,
    // 0xC0: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    722, 722, 722, 722, 722, 722, 889, 667, 611, 611, 611, 611, 333, 333, 333, 333,
    // 0xD0: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    722, 722, 722, 722, 722, 722, 722, 564, 722, 722, 722, 722, 722, 722, 556, 500,
    // 0xE0: à á â ã ä å æ ç è é ê ë ì í î ï
    444, 444, 444, 444, 444, 444, 667, 444, 444, 444, 444, 444, 278, 278, 278, 278,
    // 0xF0: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    500, 500, 500, 500, 500, 500, 500, 564, 500, 500, 500, 500, 500, 500, 500, 500,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_known_glyphs() {
        // A few values straight from the AFM files.
        assert_eq!(Font::Helvetica.glyph_width(b'W'), 944);
        assert_eq!(Font::Helvetica.glyph_width(b'@'), 1015);
        assert_eq!(Font::Helvetica.glyph_width(0xE9), 556); // é
        assert_eq!(Font::Helvetica.glyph_width(0x80), 556); // €
        assert_eq!(Font::HelveticaBold.glyph_width(b'a'), 556);
        assert_eq!(Font::HelveticaBold.glyph_width(b'b'), 611);
        assert_eq!(Font::HelveticaBold.glyph_width(0x9C), 944); // œ
        assert_eq!(Font::TimesRoman.glyph_width(b' '), 250);
        assert_eq!(Font::HelveticaOblique.glyph_width(b'i'), 222);
        assert_eq!(Font::Courier.glyph_width(b'i'), 600);
    }

    #[test]
    fn every_drawable_code_has_a_width() {
        for font in Font::ALL.into_iter().filter(|font| *font != Font::Courier) {
            for code in 0x20..=0xFFu8 {
                let assigned = !matches!(code, 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D);
                assert_eq!(font.glyph_width(code) > 0, assigned, "{font:?} {code:#x}");
            }
        }
    }

    #[test]
    fn text_width_in_points() {
        // "Reçu": R 722 + e 556 + ç 500 + u 556 = 2334 units.
        assert!((text_width(Font::Helvetica, 10.0, "Reçu") - 23.34).abs() < 1e-9);
        assert!((text_width(Font::Courier, 12.0, "abc") - 21.6).abs() < 1e-9);
    }
}
