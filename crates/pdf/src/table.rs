//! Blocks laid out in rows of cells: tables, key–value lists, boxed text.
//! A row that does not fit at the bottom of a page moves to the next one; a
//! row taller than a whole page is split between its lines.

use std::ops::Range;

use crate::canvas::Grey;
use crate::document::{Align, BLOCK_GAP, BODY_SIZE, Document, LEADING, aligned_x, baseline};
use crate::encoding::encode;
use crate::font::Font;
use crate::wrap::wrap;

/// Table text size, in points.
const TABLE_SIZE: f64 = 9.0;
/// Space between a cell's edge and its text, across.
const CELL_PAD_X: f64 = 4.0;
/// Space above and below a table cell's text.
const CELL_PAD_Y: f64 = 2.5;
/// Background of the header row, and of shaded rows.
const HEADER_GREY: Grey = 0.88;
const SHADE_GREY: Grey = 0.94;

/// A column of a [`Document::table`].
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Its header, repeated at the top of the table on every page.
    pub header: String,
    /// Its share of the table's width: shares are relative (0.5, 0.25, 0.25
    /// or 2, 1, 1 give the same columns). A share that is not positive
    /// counts as 0; if none is positive, columns are equal.
    pub width_fraction: f64,
    /// How its cells (and its header) are aligned: `Right` for amounts.
    pub align: Align,
}

impl Column {
    /// A left-aligned column.
    pub fn new(header: impl Into<String>, width_fraction: f64) -> Column {
        Column { header: header.into(), width_fraction, align: Align::Left }
    }

    /// The same column, right-aligned.
    pub fn right(self) -> Column {
        Column { align: Align::Right, ..self }
    }

    /// The same column, centred.
    pub fn center(self) -> Column {
        Column { align: Align::Center, ..self }
    }
}

/// A row of a [`Document::table`]: one text per column (missing ones are
/// empty, extra ones ignored); `\n` in a cell starts a new line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// One text per column, in order.
    pub cells: Vec<String>,
    /// In bold, for subtotals and totals.
    pub bold: bool,
    /// On a light grey background.
    pub shade: bool,
}

impl Row {
    /// A plain row.
    pub fn new(cells: Vec<String>) -> Row {
        Row { cells, bold: false, shade: false }
    }

    /// The same row in bold.
    pub fn bold(self) -> Row {
        Row { bold: true, ..self }
    }

    /// The same row shaded.
    pub fn shaded(self) -> Row {
        Row { shade: true, ..self }
    }
}

impl From<Vec<String>> for Row {
    fn from(cells: Vec<String>) -> Row {
        Row::new(cells)
    }
}

impl From<Vec<&str>> for Row {
    fn from(cells: Vec<&str>) -> Row {
        Row::new(cells.into_iter().map(str::to_string).collect())
    }
}

/// Text in a cell: already cut into lines.
struct Cell {
    /// Where the text may go, across.
    x: f64,
    width: f64,
    font: Font,
    align: Align,
    lines: Vec<Vec<u8>>,
}

/// How a row's box is drawn.
#[derive(Clone, Copy)]
enum Border {
    None,
    /// A line under the row.
    Below {
        width: f64,
        grey: Grey,
    },
    /// A frame around the row.
    Around {
        width: f64,
    },
}

/// One row of cells, ready to draw.
struct RowBox {
    cells: Vec<Cell>,
    size: f64,
    leading: f64,
    /// Space above and below the lines.
    pad: f64,
    /// The box across: for the background and the border.
    x: f64,
    width: f64,
    fill: Option<Grey>,
    border: Border,
}

impl RowBox {
    /// Lines of the tallest cell (at least one).
    fn line_count(&self) -> usize {
        self.cells.iter().map(|cell| cell.lines.len()).max().unwrap_or(0).max(1)
    }

    fn height(&self, lines: usize) -> f64 {
        2.0 * self.pad + lines as f64 * self.leading
    }
}

impl Document {
    /// A table across the flow. `rows` is read one at a time and each row is
    /// drawn before the next is read, so rows can come straight from a
    /// database cursor. A row that does not fit moves to the next page,
    /// where the header row is drawn again; the header is never left alone
    /// at the bottom of a page. Cells wrap within their column.
    ///
    /// ```
    /// # use pdf::{Column, Document, Metadata, Row};
    /// let mut doc = Document::new(Metadata::new("Cotisations", "Les Amis du Préau"));
    /// let columns = [Column::new("Membre", 3.0), Column::new("Montant", 1.0).right()];
    /// doc.table(&columns, [
    ///     Row::from(vec!["Camille Lefèvre", "30,00 €"]),
    ///     Row::from(vec!["Total", "30,00 €"]).bold().shaded(),
    /// ]);
    /// ```
    pub fn table<R: Into<Row>>(&mut self, columns: &[Column], rows: impl IntoIterator<Item = R>) {
        if columns.is_empty() {
            return;
        }
        let spans = self.column_spans(columns);
        let header_cells = columns.iter().map(|column| (column.header.as_str(), column.align));
        let header =
            self.table_row(&spans, header_cells, true, Some(HEADER_GREY), Border::Below { width: 0.8, grey: 0.0 });
        let mut header_drawn = false;
        for row in rows {
            let row: Row = row.into();
            let texts = columns
                .iter()
                .enumerate()
                .map(|(index, column)| (row.cells.get(index).map_or("", String::as_str), column.align));
            let fill = row.shade.then_some(SHADE_GREY);
            let row = self.table_row(&spans, texts, row.bold, fill, Border::Below { width: 0.4, grey: 0.7 });
            if !header_drawn {
                self.open_page_if_needed();
                let needed = header.height(header.line_count()) + row.height(row.line_count());
                if self.room() < needed && !self.at_top() {
                    self.new_page();
                }
                self.draw_row(&header, 0..header.line_count());
                header_drawn = true;
            }
            self.place_row(&row, Some(&header));
        }
        if !header_drawn {
            self.ensure_room(header.height(header.line_count()));
            self.draw_row(&header, 0..header.line_count());
        }
        self.y -= BLOCK_GAP;
    }

    /// Each column's left edge and width.
    fn column_spans(&self, columns: &[Column]) -> Vec<(f64, f64)> {
        let share = |column: &Column| {
            if column.width_fraction.is_finite() && column.width_fraction > 0.0 { column.width_fraction } else { 0.0 }
        };
        let total: f64 = columns.iter().map(share).sum();
        let width = self.content_width();
        let mut x = self.layout.margins.left;
        columns
            .iter()
            .map(|column| {
                let fraction = if total > 0.0 { share(column) / total } else { 1.0 / columns.len() as f64 };
                let span = (x, fraction * width);
                x += span.1;
                span
            })
            .collect()
    }

    fn table_row<'a>(
        &self,
        spans: &[(f64, f64)],
        texts: impl Iterator<Item = (&'a str, Align)>,
        bold: bool,
        fill: Option<Grey>,
        border: Border,
    ) -> RowBox {
        let font = if bold { Font::HelveticaBold } else { Font::Helvetica };
        let cells = spans
            .iter()
            .zip(texts)
            .map(|(&(x, width), (text, align))| {
                let inner = (width - 2.0 * CELL_PAD_X).max(1.0);
                let lines = wrap(&encode(text), font, TABLE_SIZE, inner);
                Cell { x: x + CELL_PAD_X, width: inner, font, align, lines }
            })
            .collect();
        RowBox {
            cells,
            size: TABLE_SIZE,
            leading: TABLE_SIZE * 1.25,
            pad: CELL_PAD_Y,
            x: self.layout.margins.left,
            width: self.content_width(),
            fill,
            border,
        }
    }

    /// Labels in bold and their values, in two columns: the labels' column
    /// as wide as the longest label (at most 40 % of the flow), the values
    /// wrapped in the rest. For a receipt's "Nom :", "Adresse :", "Montant :".
    pub fn key_values<L: AsRef<str>, V: AsRef<str>>(&mut self, pairs: &[(L, V)]) {
        let width = self.content_width();
        let gap = 12.0;
        let longest = pairs
            .iter()
            .map(|(label, _)| {
                let lines = wrap(&encode(label.as_ref()), Font::HelveticaBold, BODY_SIZE, f64::INFINITY);
                lines.iter().map(|line| Font::HelveticaBold.width_of(line, BODY_SIZE)).fold(0.0, f64::max)
            })
            .fold(0.0, f64::max);
        let label_width = longest.min(width * 0.4);
        let left = self.layout.margins.left;
        let value_x = left + label_width + gap;
        let value_width = (width - label_width - gap).max(1.0);
        for (label, value) in pairs {
            let label_lines = wrap(&encode(label.as_ref()), Font::HelveticaBold, BODY_SIZE, label_width.max(1.0));
            let value_lines = wrap(&encode(value.as_ref()), Font::Helvetica, BODY_SIZE, value_width);
            let row = RowBox {
                cells: vec![
                    Cell {
                        x: left,
                        width: label_width,
                        font: Font::HelveticaBold,
                        align: Align::Left,
                        lines: label_lines,
                    },
                    Cell {
                        x: value_x,
                        width: value_width,
                        font: Font::Helvetica,
                        align: Align::Left,
                        lines: value_lines,
                    },
                ],
                size: BODY_SIZE,
                leading: BODY_SIZE * LEADING,
                pad: 1.5,
                x: left,
                width,
                fill: None,
                border: Border::None,
            };
            self.place_row(&row, None);
        }
        self.y -= BLOCK_GAP;
    }

    /// Text in a frame across the flow, bold and centred: the "Reçu au titre
    /// des dons à certains organismes d'intérêt général" of a tax receipt.
    pub fn boxed(&mut self, text: &str) {
        let size = 11.0;
        let width = self.content_width();
        let inner = (width - 20.0).max(1.0);
        let left = self.layout.margins.left;
        let row = RowBox {
            cells: vec![Cell {
                x: left + 10.0,
                width: inner,
                font: Font::HelveticaBold,
                align: Align::Center,
                lines: wrap(&encode(text), Font::HelveticaBold, size, inner),
            }],
            size,
            leading: size * LEADING,
            pad: 7.0,
            x: left,
            width,
            fill: None,
            border: Border::Around { width: 1.0 },
        };
        self.place_row(&row, None);
        self.y -= 2.0 * BLOCK_GAP;
    }

    /// Puts `row` in the flow: whole on this page if it fits, else whole on
    /// the next (after `header`, if any), else split between its lines.
    fn place_row(&mut self, row: &RowBox, header: Option<&RowBox>) {
        let lines = row.line_count();
        self.open_page_if_needed();
        let mut fresh = false;
        if self.room() < row.height(lines) && !self.at_top() {
            self.next_page_with(header);
            fresh = true;
        }
        let mut start = 0;
        while start < lines {
            let fit = ((self.room() - 2.0 * row.pad) / row.leading + 1e-6).floor().max(0.0) as usize;
            if fit == 0 && !fresh && !self.at_top() {
                self.next_page_with(header);
                fresh = true;
                continue;
            }
            let end = lines.min(start + fit.max(1));
            self.draw_row(row, start..end);
            start = end;
            if start < lines {
                self.next_page_with(header);
                fresh = true;
            }
        }
    }

    fn next_page_with(&mut self, header: Option<&RowBox>) {
        self.new_page();
        if let Some(header) = header {
            self.draw_row(header, 0..header.line_count());
        }
    }

    /// Draws lines `range` of `row` at the cursor and moves the cursor below.
    fn draw_row(&mut self, row: &RowBox, range: Range<usize>) {
        let top = self.y;
        let height = row.height(range.len());
        let bottom = top - height;
        let canvas = self.canvas();
        if let Some(grey) = row.fill {
            canvas.fill_rect(row.x, bottom, row.width, height, grey);
        }
        for cell in &row.cells {
            let end = range.end.min(cell.lines.len());
            let start = range.start.min(end);
            for (index, line) in cell.lines[start..end].iter().enumerate() {
                let line_top = top - row.pad - index as f64 * row.leading;
                let x = aligned_x(cell.x, cell.width, cell.font.width_of(line, row.size), cell.align);
                canvas.text(cell.font, row.size, x, baseline(line_top, row.size, row.leading), 0.0, line);
            }
        }
        match row.border {
            Border::None => {}
            Border::Below { width, grey } => canvas.line((row.x, bottom), (row.x + row.width, bottom), width, grey),
            Border::Around { width } => canvas.stroke_rect(row.x, bottom, row.width, height, width, 0.0),
        }
        self.y = bottom;
    }
}
