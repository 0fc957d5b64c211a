//! A document being written: the flow that fills pages from top to bottom,
//! drawing at fixed places, and the assembly of the file at the end.

use std::fmt;

use crate::canvas::{Canvas, Grey};
use crate::encoding::{encode, encode_line, push_literal};
use crate::font::Font;
use crate::image::{Image, ImageData, ImageError};
use crate::metadata::{Layout, Metadata};
use crate::wrap::wrap;
use crate::writer::{ObjectId, Trailer, Writer, info_dictionary};

/// Line height over font size.
pub(crate) const LEADING: f64 = 1.3;
/// Size of body text, in points.
pub(crate) const BODY_SIZE: f64 = 10.0;
/// Space after a paragraph, a table, a list of key values, an image.
pub(crate) const BLOCK_GAP: f64 = 6.0;
/// Slack when comparing positions, in points.
pub(crate) const EPSILON: f64 = 0.01;

/// Size of the running header and of the page numbers.
const MARGINALIA_SIZE: f64 = 8.0;
/// Their grey.
const MARGINALIA_GREY: Grey = 0.3;

/// Where a line of text sits in the space it is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    /// Against the left edge (the default).
    #[default]
    Left,
    /// Against the right edge: amounts.
    Right,
    /// Centred.
    Center,
}

/// How a paragraph is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// The face.
    pub font: Font,
    /// In points; lines are 1.3 times as high.
    pub size: f64,
    /// Where each line sits across the flow.
    pub align: Align,
}

impl TextStyle {
    /// Body text: Helvetica 10 pt, left-aligned.
    pub const BODY: TextStyle = TextStyle { font: Font::Helvetica, size: BODY_SIZE, align: Align::Left };

    /// `font` at `size`, left-aligned.
    pub fn new(font: Font, size: f64) -> TextStyle {
        TextStyle { font, size, align: Align::Left }
    }

    /// The same, aligned otherwise.
    pub fn align(self, align: Align) -> TextStyle {
        TextStyle { align, ..self }
    }
}

/// An image added to a document with [`Document::add_image`], to place with
/// [`Document::image`] or [`Document::image_at`] as often as needed (it is
/// stored once).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageId(usize);

/// Text drawn on every page once the page count is known.
type PageText = Box<dyn Fn(usize, usize) -> String + Send + Sync>;

struct PlacedImage {
    object: ObjectId,
    aspect_ratio: f64,
}

/// A PDF document being written.
///
/// Content goes into a **flow** that fills each page from the top margin
/// down and continues on a new page when the bottom margin is reached:
/// [`heading`](Document::heading), [`paragraph`](Document::paragraph),
/// [`key_values`](Document::key_values), [`table`](Document::table) (its
/// header row repeated on every page it spans), [`boxed`](Document::boxed),
/// [`image`](Document::image), [`rule`](Document::rule),
/// [`spacer`](Document::spacer), [`page_break`](Document::page_break).
///
/// Forms are drawn at **fixed places** on the current page instead, in
/// points from the bottom-left corner of the page, y upwards (as PDF
/// counts): [`text_at`](Document::text_at), [`line`](Document::line),
/// [`rect`](Document::rect), [`image_at`](Document::image_at). They draw on
/// the page being filled (opening one if none is open) and do not move the
/// flow; [`cursor_y`](Document::cursor_y) tells where the flow is.
///
/// [`finish`](Document::finish) gives the file. Each page is compressed and
/// appended to the file as soon as it is full, so a long table costs the
/// memory of the file being built plus one page, and time in proportion to
/// its rows. Only the running header and the page numbers wait for the end,
/// since they need the page count.
///
/// Text is drawn in the standard fonts with WinAnsiEncoding: French text
/// comes out whole (accents, ç, œ, « », €, typographic apostrophes);
/// characters outside WinAnsi become `?` (see [`crate::winansi`]).
pub struct Document {
    pub(crate) writer: Writer,
    metadata: Metadata,
    pub(crate) layout: Layout,
    pages_id: ObjectId,
    resources_id: ObjectId,
    /// The content stream of each finished page.
    pages: Vec<ObjectId>,
    /// The page being drawn on, if one is open.
    page: Option<Canvas>,
    /// The top of the free space on the open page (page coordinates).
    pub(crate) y: f64,
    /// Which of [`Font::ALL`] some page uses.
    fonts: [bool; 5],
    images: Vec<PlacedImage>,
    header: Option<PageText>,
    footer: Option<PageText>,
    stroke_width: f64,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("metadata", &self.metadata)
            .field("layout", &self.layout)
            .field("pages", &self.page_count())
            .field("images", &self.images.len())
            .finish_non_exhaustive()
    }
}

impl Document {
    /// An empty document on A4 portrait pages with 2 cm margins.
    pub fn new(metadata: Metadata) -> Document {
        Document::with_layout(metadata, Layout::default())
    }

    /// An empty document on other pages or margins.
    pub fn with_layout(metadata: Metadata, layout: Layout) -> Document {
        let mut writer = Writer::new(layout.compress);
        let pages_id = writer.reserve();
        let resources_id = writer.reserve();
        let y = layout.size.height - layout.margins.top;
        Document {
            writer,
            metadata,
            layout,
            pages_id,
            resources_id,
            pages: Vec::new(),
            page: None,
            y,
            fonts: [false; 5],
            images: Vec::new(),
            header: None,
            footer: None,
            stroke_width: 0.5,
        }
    }

    /// Numbers every page: `format(page, pages)` (page from 1) is drawn
    /// centred in the bottom margin, e.g.
    /// `doc.page_numbers(|page, pages| format!("Page {page} / {pages}"))`.
    pub fn page_numbers(&mut self, format: impl Fn(usize, usize) -> String + Send + Sync + 'static) {
        self.footer = Some(Box::new(format));
    }

    /// Puts `format(page, pages)` at the left of the top margin of every page
    /// (the association's name, the document's title…).
    pub fn running_header(&mut self, format: impl Fn(usize, usize) -> String + Send + Sync + 'static) {
        self.header = Some(Box::new(format));
    }

    /// Width of the flow (the page less the side margins), in points.
    pub fn content_width(&self) -> f64 {
        self.layout.size.width - self.layout.margins.left - self.layout.margins.right
    }

    /// Where the next flow content will start on the current page: its
    /// distance from the bottom of the page, in points (the top margin's
    /// edge when no page is open).
    pub fn cursor_y(&self) -> f64 {
        if self.page.is_some() { self.y } else { self.layout.size.height - self.layout.margins.top }
    }

    /// Pages so far, the one being filled included.
    pub fn page_count(&self) -> usize {
        self.pages.len() + usize::from(self.page.is_some())
    }

    // ---- Flow -----------------------------------------------------------

    /// A heading: level 1 (16 pt), 2 (13 pt) or 3 and beyond (11 pt), bold,
    /// with space above (except at the top of a page). It is never left
    /// alone at the bottom of a page: it moves to the next page unless two
    /// lines of text fit below it.
    pub fn heading(&mut self, text: &str, level: u8) {
        let (size, before, after) = match level {
            0 | 1 => (16.0, 14.0, 6.0),
            2 => (13.0, 10.0, 4.0),
            _ => (11.0, 8.0, 3.0),
        };
        let style = TextStyle::new(Font::HelveticaBold, size);
        let lines = wrap(&encode(text), style.font, size, self.content_width());
        let needed = before + lines.len() as f64 * size * LEADING + after + 2.0 * BODY_SIZE * LEADING;
        self.open_page_if_needed();
        if self.room() < needed && !self.at_top() {
            self.new_page();
        }
        if !self.at_top() {
            self.y -= before;
        }
        self.lines(&lines, style);
        self.y -= after;
    }

    /// Body text, wrapped to the width of the flow and aligned left; `\n`
    /// starts a new line. Long paragraphs continue on the next page.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_styled(text, TextStyle::BODY);
    }

    /// A paragraph in another font, size or alignment (small print, a
    /// centred mention…).
    pub fn paragraph_styled(&mut self, text: &str, style: TextStyle) {
        let style = TextStyle { size: positive_or(style.size, BODY_SIZE), ..style };
        let lines = wrap(&encode(text), style.font, style.size, self.content_width());
        self.open_page_if_needed();
        self.lines(&lines, style);
        self.y -= BLOCK_GAP;
    }

    /// Lines across the flow, each moved to the next page if it does not fit.
    fn lines(&mut self, lines: &[Vec<u8>], style: TextStyle) {
        let leading = style.size * LEADING;
        let (left, width) = (self.layout.margins.left, self.content_width());
        for line in lines {
            self.ensure_room(leading);
            let x = aligned_x(left, width, style.font.width_of(line, style.size), style.align);
            let baseline = baseline(self.y, style.size, leading);
            self.canvas().text(style.font, style.size, x, baseline, 0.0, line);
            self.y -= leading;
        }
    }

    /// Empty vertical space. Space running past the bottom of the page ends
    /// the page: the next content starts at the top of the next one.
    pub fn spacer(&mut self, points: f64) {
        self.open_page_if_needed();
        self.y -= positive_or(points, 0.0);
        if self.y < self.layout.margins.bottom - EPSILON {
            self.close_page();
        }
    }

    /// Ends the current page: the next content starts on a new one. Does
    /// nothing when no page is open (at the start, or right after another
    /// break), so it never makes a blank page.
    pub fn page_break(&mut self) {
        self.close_page();
    }

    /// A thin horizontal line across the flow, with a little space around.
    pub fn rule(&mut self) {
        self.ensure_room(12.0);
        self.y -= 6.0;
        let (left, right) = (self.layout.margins.left, self.layout.size.width - self.layout.margins.right);
        let y = self.y;
        self.canvas().line((left, y), (right, y), 0.5, 0.0);
        self.y -= 6.0;
    }

    /// Adds `image` to the document (its pixels are written once, now) and
    /// gives the handle to place it with.
    pub fn add_image(&mut self, image: &Image) -> ImageId {
        let (width, height) = (image.width, image.height);
        let object = self.writer.reserve();
        let base = format!("/Type /XObject /Subtype /Image /Width {width} /Height {height} /BitsPerComponent 8");
        match &image.data {
            ImageData::Jpeg { bytes, components, inverted_cmyk } => {
                let space = match components {
                    1 => "/DeviceGray",
                    4 => "/DeviceCMYK",
                    _ => "/DeviceRGB",
                };
                let decode = if *inverted_cmyk { " /Decode [1 0 1 0 1 0 1 0]" } else { "" };
                let entries = format!("{base} /ColorSpace {space} /Filter /DCTDecode{decode}");
                self.writer.stream(object, &entries, bytes);
            }
            ImageData::Flate { colors, color, alpha, color_key } => {
                let mut entries = format!(
                    "{base} /ColorSpace {} /Filter /FlateDecode",
                    if *colors == 1 { "/DeviceGray" } else { "/DeviceRGB" }
                );
                if let Some(alpha) = alpha {
                    let mask = self.writer.reserve();
                    let mask_entries = format!("{base} /ColorSpace /DeviceGray /Filter /FlateDecode");
                    self.writer.stream(mask, &mask_entries, alpha);
                    entries.push_str(&format!(" /SMask {mask} 0 R"));
                }
                if let Some(key) = color_key {
                    let ranges: Vec<String> = key.iter().map(|v| format!("{v} {v}")).collect();
                    entries.push_str(&format!(" /Mask [{}]", ranges.join(" ")));
                }
                self.writer.stream(object, &entries, color);
            }
        }
        self.images.push(PlacedImage { object, aspect_ratio: image.aspect_ratio() });
        ImageId(self.images.len() - 1)
    }

    /// Places an image in the flow, `width` points wide (at most the width
    /// of the flow; less if it would be taller than a page), its height
    /// following from its proportions.
    pub fn image(&mut self, id: ImageId, width: f64, align: Align) {
        let aspect_ratio = self.images[id.0].aspect_ratio;
        let body = self.layout.size.height - self.layout.margins.top - self.layout.margins.bottom;
        let mut width = positive_or(width, 0.0).min(self.content_width());
        if width * aspect_ratio > body {
            width = body / aspect_ratio;
        }
        let height = width * aspect_ratio;
        self.ensure_room(height);
        let x = aligned_x(self.layout.margins.left, self.content_width(), width, align);
        let bottom = self.y - height;
        self.canvas().image(id.0 + 1, x, bottom, width, height);
        self.y = bottom - BLOCK_GAP;
    }

    /// Reads a JPEG, adds it and places it in the flow at the left, `width`
    /// points wide; the handle places it again.
    pub fn image_jpeg(&mut self, bytes: &[u8], width: f64) -> Result<ImageId, ImageError> {
        let id = self.add_image(&Image::jpeg(bytes)?);
        self.image(id, width, Align::Left);
        Ok(id)
    }

    /// Reads a PNG (8-bit grey, RGB or RGBA, not interlaced), adds it and
    /// places it in the flow at the left, `width` points wide; the handle
    /// places it again.
    pub fn image_png(&mut self, bytes: &[u8], width: f64) -> Result<ImageId, ImageError> {
        let id = self.add_image(&Image::png(bytes)?);
        self.image(id, width, Align::Left);
        Ok(id)
    }

    // ---- Fixed places -----------------------------------------------------

    /// One line of text whose baseline starts at (`x`, `y`); line breaks
    /// become spaces. Use [`crate::text_width`] to measure it first.
    pub fn text_at(&mut self, x: f64, y: f64, size: f64, font: Font, text: &str) {
        self.canvas().text(font, size, x, y, 0.0, &encode_line(text));
    }

    /// One line of text on the baseline `y`, starting at `x` (`Left`),
    /// ending at `x` (`Right`: amounts in a column) or centred on `x`.
    pub fn text_aligned_at(&mut self, x: f64, y: f64, size: f64, font: Font, align: Align, text: &str) {
        let bytes = encode_line(text);
        let width = font.width_of(&bytes, size);
        let start = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        self.canvas().text(font, size, start, y, 0.0, &bytes);
    }

    /// The width of lines and rectangle outlines drawn from now on by
    /// [`line`](Document::line) and [`rect`](Document::rect), in points
    /// (0.5 at first).
    pub fn set_stroke_width(&mut self, points: f64) {
        self.stroke_width = points.max(0.0);
    }

    /// A black line from (`x1`, `y1`) to (`x2`, `y2`).
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64) {
        let width = self.stroke_width;
        self.canvas().line((x1, y1), (x2, y2), width, 0.0);
    }

    /// The black outline of a rectangle whose bottom-left corner is
    /// (`x`, `y`).
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64) {
        let stroke = self.stroke_width;
        self.canvas().stroke_rect(x, y, width, height, stroke, 0.0);
    }

    /// A rectangle filled with `grey` (0 black, 1 white), for shading.
    pub fn fill_rect(&mut self, x: f64, y: f64, width: f64, height: f64, grey: f64) {
        self.canvas().fill_rect(x, y, width, height, grey.clamp(0.0, 1.0));
    }

    /// Places an image with its bottom-left corner at (`x`, `y`), stretched
    /// to `width` × `height` points.
    pub fn image_at(&mut self, id: ImageId, x: f64, y: f64, width: f64, height: f64) {
        self.canvas().image(id.0 + 1, x, y, width, height);
    }

    // ---- Pages ------------------------------------------------------------

    /// The open page's operators, a page opened if none is.
    pub(crate) fn canvas(&mut self) -> &mut Canvas {
        self.page.get_or_insert_with(|| {
            self.y = self.layout.size.height - self.layout.margins.top;
            Canvas::new()
        })
    }

    pub(crate) fn open_page_if_needed(&mut self) {
        self.canvas();
    }

    /// Compresses the open page into the file, if one is open.
    fn close_page(&mut self) {
        if let Some(canvas) = self.page.take() {
            self.write_page(canvas);
        }
    }

    fn write_page(&mut self, canvas: Canvas) {
        for (used, page_uses) in self.fonts.iter_mut().zip(canvas.fonts) {
            *used |= page_uses;
        }
        let id = self.writer.reserve();
        self.writer.content(id, &canvas.into_operators());
        self.pages.push(id);
    }

    pub(crate) fn new_page(&mut self) {
        self.close_page();
        self.open_page_if_needed();
    }

    /// Free height below the cursor on the open page.
    pub(crate) fn room(&self) -> f64 {
        self.y - self.layout.margins.bottom
    }

    /// Whether nothing of the flow is on the open page yet (or no page is
    /// open): moving to a new page would gain nothing.
    pub(crate) fn at_top(&self) -> bool {
        self.page.is_none() || self.y >= self.layout.size.height - self.layout.margins.top - EPSILON
    }

    /// Makes sure `height` points are free below the cursor, on a new page if
    /// needed (unless this one is still empty: then the content overflows).
    pub(crate) fn ensure_room(&mut self, height: f64) {
        self.open_page_if_needed();
        if self.room() < height - EPSILON && !self.at_top() {
            self.new_page();
        }
    }

    /// The finished file.
    pub fn finish(mut self) -> Vec<u8> {
        self.close_page();
        if self.pages.is_empty() {
            self.write_page(Canvas::new());
        }
        let extras = self.marginalia();
        let fonts = self.write_fonts();
        self.write_resources(&fonts);
        let (width, height) = (self.layout.size.width, self.layout.size.height);
        let mut kids = String::new();
        for (content, extra) in self.pages.iter().zip(&extras) {
            let page = self.writer.reserve();
            let contents = match extra {
                Some(extra) => format!("[{content} 0 R {extra} 0 R]"),
                None => format!("{content} 0 R"),
            };
            let body = format!(
                "<< /Type /Page /Parent {} 0 R /Resources {} 0 R /Contents {contents} >>",
                self.pages_id, self.resources_id
            );
            self.writer.object(page, body.as_bytes());
            kids.push_str(&format!("{page} 0 R "));
        }
        let pages = format!(
            "<< /Type /Pages /MediaBox [0 0 {} {}] /Count {} /Kids [{}] >>",
            crate::canvas::num(width),
            crate::canvas::num(height),
            self.pages.len(),
            kids.trim_end()
        );
        self.writer.object(self.pages_id, pages.as_bytes());

        let info = self.writer.reserve();
        let meta = &self.metadata;
        let dictionary = info_dictionary(&[
            ("Title", &meta.title),
            ("Author", &meta.author),
            ("Subject", &meta.subject),
            ("Creator", &meta.creator),
            ("Producer", "Préau"),
            ("CreationDate", &meta.created),
        ]);
        self.writer.object(info, &dictionary);

        let root = self.writer.reserve();
        let mut catalog = format!("<< /Type /Catalog /Pages {} 0 R", self.pages_id).into_bytes();
        if !meta.language.is_empty() {
            catalog.extend_from_slice(b" /Lang ");
            push_literal(&mut catalog, meta.language.as_bytes());
        }
        catalog.extend_from_slice(b" /ViewerPreferences << /DisplayDocTitle true >> >>");
        self.writer.object(root, &catalog);
        self.writer.finish(Trailer { root, info })
    }

    /// The running header and page numbers, one small content stream per
    /// page, now that the page count is known.
    fn marginalia(&mut self) -> Vec<Option<ObjectId>> {
        let pages = self.pages.len();
        if self.header.is_none() && self.footer.is_none() {
            return vec![None; pages];
        }
        let Layout { size, margins, .. } = self.layout;
        let font = Font::Helvetica;
        let mut extras = Vec::with_capacity(pages);
        for page in 1..=pages {
            let mut canvas = Canvas::new();
            if let Some(header) = &self.header {
                let y = size.height - margins.top / 2.0 - MARGINALIA_SIZE * 0.3;
                let text = encode_line(&header(page, pages));
                canvas.text(font, MARGINALIA_SIZE, margins.left, y, MARGINALIA_GREY, &text);
            }
            if let Some(footer) = &self.footer {
                let y = margins.bottom / 2.0 - MARGINALIA_SIZE * 0.3;
                let text = encode_line(&footer(page, pages));
                let x = (size.width - font.width_of(&text, MARGINALIA_SIZE)) / 2.0;
                canvas.text(font, MARGINALIA_SIZE, x, y, MARGINALIA_GREY, &text);
            }
            for (used, page_uses) in self.fonts.iter_mut().zip(canvas.fonts) {
                *used |= page_uses;
            }
            let id = self.writer.reserve();
            self.writer.content(id, &canvas.into_operators());
            extras.push(Some(id));
        }
        extras
    }

    /// One font dictionary per font used: `(resource number, object)`.
    fn write_fonts(&mut self) -> Vec<(usize, ObjectId)> {
        let mut fonts = Vec::new();
        for font in Font::ALL.into_iter().filter(|font| self.fonts[font.index()]) {
            let id = self.writer.reserve();
            let body =
                format!("<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>", font.base_font());
            self.writer.object(id, body.as_bytes());
            fonts.push((font.index() + 1, id));
        }
        fonts
    }

    /// The one resource dictionary every page shares: all fonts used and all
    /// images added.
    fn write_resources(&mut self, fonts: &[(usize, ObjectId)]) {
        let mut body = String::from("<< /ProcSet [/PDF /Text /ImageB /ImageC]");
        if !fonts.is_empty() {
            body.push_str(" /Font <<");
            for (number, id) in fonts {
                body.push_str(&format!(" /F{number} {id} 0 R"));
            }
            body.push_str(" >>");
        }
        if !self.images.is_empty() {
            body.push_str(" /XObject <<");
            for (index, image) in self.images.iter().enumerate() {
                body.push_str(&format!(" /Im{} {} 0 R", index + 1, image.object));
            }
            body.push_str(" >>");
        }
        body.push_str(" >>");
        self.writer.object(self.resources_id, body.as_bytes());
    }
}

/// `value` if it is a positive number, else `fallback`: a NaN or a negative
/// size must not throw the flow's cursor off the page for good.
pub(crate) fn positive_or(value: f64, fallback: f64) -> f64 {
    if value.is_finite() && value > 0.0 { value } else { fallback }
}

/// Where a line `width` wide starts in the space from `left`, `available`
/// wide.
pub(crate) fn aligned_x(left: f64, available: f64, width: f64, align: Align) -> f64 {
    match align {
        Align::Left => left,
        Align::Right => left + available - width,
        Align::Center => left + (available - width) / 2.0,
    }
}

/// The baseline of a line of text at `size` in a line box `leading` high
/// whose top is `top`: the glyphs' height (ascender to descender, about
/// 0.93 of the size in Helvetica) centred in the box.
pub(crate) fn baseline(top: f64, size: f64, leading: f64) -> f64 {
    top - (leading - size) / 2.0 - size * 0.78
}
