//! What the document says about itself, and the page it is laid out on.

/// Points (1/72 inch) in `millimetres`: `mm(20.0)` is a 2 cm margin.
pub fn mm(millimetres: f64) -> f64 {
    millimetres * 72.0 / 25.4
}

/// The document information a reader shows in its properties window (and,
/// for the title, in its window title).
#[derive(Clone, Debug, PartialEq)]
pub struct Metadata {
    /// "Reçu fiscal n° 2026-0042".
    pub title: String,
    /// Who the document is from: the association's name.
    pub author: String,
    /// Optional; left out when empty.
    pub subject: String,
    /// The part of the application that made it ("Préau — reçus fiscaux");
    /// left out when empty. The producer is always "Préau".
    pub creator: String,
    /// When it was made, as a PDF date (`D:20260115093000Z`): build it with
    /// [`pdf_date`] from the time the caller read, since this crate has no
    /// clock. Left out when empty.
    pub created: String,
    /// The language of the text (`fr-FR`), for screen readers.
    pub language: String,
}

impl Metadata {
    /// A title and an author; no subject, creator or date, French text.
    pub fn new(title: impl Into<String>, author: impl Into<String>) -> Metadata {
        Metadata {
            title: title.into(),
            author: author.into(),
            subject: String::new(),
            creator: String::new(),
            created: String::new(),
            language: "fr-FR".to_string(),
        }
    }

    /// The same, made at `created` (a PDF date, see [`pdf_date`]).
    pub fn created(mut self, created: impl Into<String>) -> Metadata {
        self.created = created.into();
        self
    }
}

/// The PDF date (`D:YYYYMMDDHHmmSSZ`, in UTC) of a Unix time in seconds, for
/// [`Metadata::created`]. Years outside 0–9999 cannot be written and are
/// clamped to that range.
pub fn pdf_date(unix_seconds: i64) -> String {
    const DAY: i64 = 86_400;
    let min = -62_167_219_200; // 0000-01-01T00:00:00Z
    let max = 253_402_300_799; // 9999-12-31T23:59:59Z
    let seconds = unix_seconds.clamp(min, max);
    let (year, month, day) = civil_from_days(seconds.div_euclid(DAY));
    let time = seconds.rem_euclid(DAY);
    format!("D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z", time / 3600, time % 3600 / 60, time % 60)
}

/// Year, month and day of a count of days since 1970-01-01, in the proleptic
/// Gregorian calendar (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The size of a page, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSize {
    /// Across.
    pub width: f64,
    /// Up and down.
    pub height: f64,
}

impl PageSize {
    /// 210 × 297 mm, portrait.
    pub const A4: PageSize = PageSize { width: 595.28, height: 841.89 };

    /// The same page turned sideways (wider than tall).
    pub fn landscape(self) -> PageSize {
        PageSize { width: self.width.max(self.height), height: self.width.min(self.height) }
    }
}

/// Blank space around the flow, in points. The running header is drawn in
/// the middle of the top margin and the page numbers in the middle of the
/// bottom one, so those need room (the default 2 cm is plenty).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    /// Above the flow; the running header sits in it.
    pub top: f64,
    /// Right of the flow.
    pub right: f64,
    /// Below the flow; the page numbers sit in it.
    pub bottom: f64,
    /// Left of the flow, and the origin of every line of it.
    pub left: f64,
}

impl Margins {
    /// The same margin on every side.
    pub fn uniform(points: f64) -> Margins {
        Margins { top: points, right: points, bottom: points, left: points }
    }
}

impl Default for Margins {
    /// 2 cm on every side.
    fn default() -> Margins {
        Margins::uniform(mm(20.0))
    }
}

/// The page every page of a document is laid out on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Every page's size (one size per document).
    pub size: PageSize,
    /// Every page's margins.
    pub margins: Margins,
    /// Whether content streams are compressed. Leave it on; off only to read
    /// the drawing operators while debugging.
    pub compress: bool,
}

impl Default for Layout {
    /// A4 portrait, 2 cm margins, compressed.
    fn default() -> Layout {
        Layout { size: PageSize::A4, margins: Margins::default(), compress: true }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_768_469_400), "D:20260115093000Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
        assert_eq!(pdf_date(-1), "D:19691231235959Z");
        assert_eq!(pdf_date(i64::MAX), "D:99991231235959Z");
        assert_eq!(pdf_date(i64::MIN), "D:00000101000000Z");
    }

    #[test]
    fn sizes() {
        assert!((mm(210.0) - PageSize::A4.width).abs() < 0.01);
        assert!((mm(297.0) - PageSize::A4.height).abs() < 0.01);
        assert_eq!(PageSize::A4.landscape(), PageSize { width: 841.89, height: 595.28 });
        assert_eq!(PageSize::A4.landscape().landscape(), PageSize::A4.landscape());
    }
}
