//! Drawing operators of a content stream, in page coordinates (points, from
//! the bottom-left corner, y upwards).

use std::fmt::Write as _;

use crate::encoding::push_literal;
use crate::font::Font;

/// A grey level for fills and strokes: 0 is black, 1 white.
pub(crate) type Grey = f64;

/// The operators of one content stream. Each drawing call sets the state it
/// needs (font, colour, line width), so calls can come in any order.
#[derive(Default)]
pub(crate) struct Canvas {
    ops: Vec<u8>,
    /// Which of [`Font::ALL`] this stream uses.
    pub fonts: [bool; 5],
}

impl Canvas {
    /// A stream that starts by saving the graphics state, so the next stream
    /// of the same page starts from the default one.
    pub fn new() -> Canvas {
        let mut canvas = Canvas::default();
        canvas.ops.extend_from_slice(b"q\n");
        canvas
    }

    /// The operators, the graphics state restored at the end.
    pub fn into_operators(mut self) -> Vec<u8> {
        self.ops.extend_from_slice(b"Q\n");
        self.ops
    }

    fn put(&mut self, operators: std::fmt::Arguments<'_>) {
        let mut text = String::new();
        let _ = text.write_fmt(operators);
        self.ops.extend_from_slice(text.as_bytes());
    }

    /// WinAnsi `bytes` with the baseline starting at (`x`, `y`).
    pub fn text(&mut self, font: Font, size: f64, x: f64, y: f64, grey: Grey, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.fonts[font.index()] = true;
        self.put(format_args!("BT {} g /F{} {} Tf {} {} Td ", num(grey), font.index() + 1, num(size), num(x), num(y)));
        push_literal(&mut self.ops, bytes);
        self.ops.extend_from_slice(b" Tj ET\n");
    }

    /// A straight line.
    pub fn line(&mut self, (x1, y1): (f64, f64), (x2, y2): (f64, f64), width: f64, grey: Grey) {
        self.put(format_args!(
            "{} G {} w {} {} m {} {} l S\n",
            num(grey),
            num(width),
            num(x1),
            num(y1),
            num(x2),
            num(y2)
        ));
    }

    /// The outline of a rectangle whose bottom-left corner is (`x`, `y`).
    pub fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, width: f64, grey: Grey) {
        self.put(format_args!("{} G {} w {} {} {} {} re S\n", num(grey), num(width), num(x), num(y), num(w), num(h)));
    }

    /// A filled rectangle whose bottom-left corner is (`x`, `y`).
    pub fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, grey: Grey) {
        self.put(format_args!("{} g {} {} {} {} re f\n", num(grey), num(x), num(y), num(w), num(h)));
    }

    /// Image `/Im{number}` stretched over the given rectangle.
    pub fn image(&mut self, number: usize, x: f64, y: f64, w: f64, h: f64) {
        self.put(format_args!("q {} 0 0 {} {} {} cm /Im{number} Do Q\n", num(w), num(h), num(x), num(y)));
    }
}

/// A number as PDF writes it: at most three decimals, no trailing zeros, no
/// exponent (a hundredth of a point is below what any printer shows; the
/// third decimal keeps grey levels and sizes exact).
pub(crate) fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let mut text = format!("{value:.3}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    if text == "-0" { "0".to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(595.276), "595.276");
        assert_eq!(num(10.0), "10");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(-12.25), "-12.25");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn text_operators() {
        let mut canvas = Canvas::new();
        canvas.text(Font::HelveticaBold, 12.0, 56.7, 800.0, 0.0, b"Re\xE7u (1)");
        let ops = canvas.into_operators();
        assert_eq!(ops, b"q\nBT 0 g /F2 12 Tf 56.7 800 Td (Re\xE7u \\(1\\)) Tj ET\nQ\n");
    }
}
