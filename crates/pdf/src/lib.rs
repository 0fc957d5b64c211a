//! Printable documents: tax receipts, reports, handover sheets. A small PDF
//! 1.7 writer, standard library and `flate2` only.
//!
//! **Writing** starts with a [`Document`] and its [`Metadata`] (title,
//! author, creation date given by the caller: this crate has no clock), on A4
//! portrait pages with 2 cm margins unless another [`Layout`] is given. Then
//! content goes into the flow, which fills pages from the top and continues
//! on the next page by itself: headings, paragraphs, key–value lists,
//! tables (rows streamed, the header row repeated on every page), boxed
//! text, images, rules. Forms draw at fixed places instead (`text_at`,
//! `line`, `rect`, `image_at`). [`Document::page_numbers`] and
//! [`Document::running_header`] put text on every page once the page count
//! is known. [`Document::finish`] gives the bytes of the file.
//!
//! ```
//! use pdf::{Column, Document, Metadata, Row, pdf_date};
//!
//! let mut doc = Document::new(
//!     Metadata::new("Reçu fiscal n° 2026-0042", "Les Amis du Préau").created(pdf_date(1_768_469_400)),
//! );
//! doc.page_numbers(|page, pages| format!("Page {page} / {pages}"));
//! doc.boxed("Reçu au titre des dons à certains organismes d’intérêt général");
//! doc.key_values(&[("Donateur", "Camille Lefèvre"), ("Montant", "150,00 €")]);
//! doc.table(
//!     &[Column::new("Date", 1.0), Column::new("Montant", 1.0).right()],
//!     [Row::from(vec!["12/03/2026", "150,00 €"])],
//! );
//! let bytes = doc.finish();
//! assert!(bytes.starts_with(b"%PDF-1.7"));
//! ```
//!
//! **Text** uses the standard fonts every reader has ([`Font`]: Helvetica,
//! Helvetica-Bold, Helvetica-Oblique, Times-Roman, Courier) in
//! WinAnsiEncoding, so no font file is embedded and the files stay small.
//! French needs nothing more: é è ê à ç œ « » € ’ are all in WinAnsi
//! ([`winansi`] tells whether a character is). The narrow and figure
//! no-break spaces become the no-break space, the Unicode hyphens `-`, a tab
//! a space; soft hyphens are dropped; any other character outside WinAnsi is
//! drawn as `?`. Lines are broken at spaces with the fonts' published glyph
//! widths ([`text_width`]), never at a no-break space nor between a word and
//! a lone « » : ; ! ? € or % next to it.
//!
//! **Images** ([`Image`]): JPEG embedded as it is, PNG of 8 bits per channel
//! (grey, RGB, with or without alpha) decoded and recompressed, its alpha as
//! a soft mask. Anything else is refused with an [`ImageError`], never a
//! panic.
//!
//! **The file**: one object per page content (compressed with Flate, written
//! as soon as the page is full), shared resources, an information dictionary
//! (producer "Préau"), a cross-reference table with the byte offset of every
//! object, and a file identifier hashed from the content, so the same input
//! gives the same bytes.

mod canvas;
mod document;
mod encoding;
mod font;
mod image;
mod jpeg;
mod metadata;
mod png;
mod table;
mod wrap;
mod writer;

pub use document::{Align, Document, ImageId, TextStyle};
pub use encoding::winansi;
pub use font::{Font, text_width};
pub use image::{Image, ImageError, ImageFormat, MAX_PIXELS};
pub use metadata::{Layout, Margins, Metadata, PageSize, mm, pdf_date};
pub use table::{Column, Row};
