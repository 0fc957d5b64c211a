//! A CSV layout kept between imports: once a treasurer has told which column
//! is which for their bank's export, the next file with the same headers is
//! read the same way. The layout is written as one line of text,
//! `key=value` pairs joined by `;`, columns by position:
//! `date=0;date_format=dmy;label=1,3;debit=2;credit=3;decimal=comma;encoding=auto`.

use crate::csv::{Amounts, Column, CsvLayout, CsvPreview, DateFormat, Decimal, Encoding};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Date formats by their code in a kept layout (and a form's select).
pub const DATE_FORMATS: [(&str, DateFormat); 3] =
    [("dmy", DateFormat::DayMonthYear), ("ymd", DateFormat::YearMonthDay), ("mdy", DateFormat::MonthDayYear)];
/// Decimal separators by their code in a kept layout (and a form's select).
pub const DECIMALS: [(&str, Decimal); 2] = [("comma", Decimal::Comma), ("point", Decimal::Point)];
const ENCODINGS: [(&str, Encoding); 3] =
    [("auto", Encoding::Auto), ("utf8", Encoding::Utf8), ("latin1", Encoding::Latin1)];

/// The code of `value` in one of the tables above ("" if it has none).
pub fn code_of<T: PartialEq + Copy>(table: &[(&'static str, T)], value: T) -> &'static str {
    table.iter().find(|(_, v)| *v == value).map_or("", |(c, _)| c)
}

fn value<T: Copy>(table: &[(&'static str, T)], code: &str) -> Option<T> {
    table.iter().find(|(c, _)| *c == code).map(|(_, v)| *v)
}

impl CsvLayout {
    /// The layout as one line of text, for [`CsvLayout::from_code`]. `None`
    /// when a column is given by name or there is no header row: only a
    /// layout tied to a header row by positions is kept.
    pub fn to_code(&self) -> Option<String> {
        let at = |c: &Column| match c {
            Column::Index(i) => Some(i.to_string()),
            Column::Name(_) => None,
        };
        let optional = |c: &Option<Column>| c.as_ref().map_or(Some(String::new()), at);
        if !self.header {
            return None;
        }
        let labels = self.label.iter().map(at).collect::<Option<Vec<_>>>()?.join(",");
        let amounts = match &self.amounts {
            Amounts::Signed(c) => format!("amount={}", at(c)?),
            Amounts::DebitCredit { debit, credit } => format!("debit={};credit={}", at(debit)?, at(credit)?),
        };
        Some(format!(
            "date={};date_format={};value_date={};label={labels};{amounts};decimal={};reference={};currency={};encoding={}",
            at(&self.date)?,
            code_of(&DATE_FORMATS, self.date_format),
            optional(&self.value_date)?,
            code_of(&DECIMALS, self.decimal),
            optional(&self.reference)?,
            optional(&self.currency)?,
            code_of(&ENCODINGS, self.encoding),
        ))
    }

    /// The layout a [`CsvLayout::to_code`] line says, for a file whose
    /// table starts after `skip_lines` lines; `None` for a line that is not
    /// one (a key unknown or twice, a value out of place, a column missing).
    pub fn from_code(code: &str, skip_lines: usize) -> Option<CsvLayout> {
        let mut pairs = std::collections::BTreeMap::new();
        for pair in code.split(';') {
            let (key, v) = pair.split_once('=')?;
            if pairs.insert(key, v).is_some() {
                return None;
            }
        }
        let column = |key: &str| -> Option<Option<Column>> {
            match pairs.get(key).copied() {
                None | Some("") => Some(None),
                Some(v) => v.parse().ok().map(|i| Some(Column::Index(i))),
            }
        };
        let known = [
            "date",
            "date_format",
            "value_date",
            "label",
            "amount",
            "debit",
            "credit",
            "decimal",
            "reference",
            "currency",
            "encoding",
        ];
        if pairs.keys().any(|k| !known.contains(k)) {
            return None;
        }
        // One or two label columns, as the check page offers.
        let label = match pairs.get("label").copied()? {
            "" => return None,
            list => list.split(',').map(|i| i.parse().ok().map(Column::Index)).collect::<Option<Vec<_>>>()?,
        };
        if label.len() > 2 {
            return None;
        }
        let amounts = match (column("amount")?, column("debit")?, column("credit")?) {
            (Some(amount), None, None) => Amounts::Signed(amount),
            (None, Some(debit), Some(credit)) => Amounts::DebitCredit { debit, credit },
            _ => return None,
        };
        Some(CsvLayout {
            encoding: value(&ENCODINGS, pairs.get("encoding")?)?,
            skip_lines: Some(skip_lines),
            header: true,
            date: column("date")??,
            date_format: value(&DATE_FORMATS, pairs.get("date_format")?)?,
            value_date: column("value_date")?,
            label,
            amounts,
            decimal: value(&DECIMALS, pairs.get("decimal")?)?,
            reference: column("reference")?,
            currency: column("currency")?,
        })
    }
}

impl CsvPreview {
    /// The SHA-256 of the header row (cells joined by the unit separator,
    /// which no header holds), in hexadecimal: how a file laid out like one
    /// read before is known, without keeping the row (for a file without
    /// headers it is a payer's line).
    pub fn headers_key(&self) -> String {
        let digest = Sha256::digest(self.headers.join("\u{1f}").as_bytes());
        digest.iter().fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
    }

    /// The layout kept for files with this header row, among `kept`
    /// (header rows and [`CsvLayout::to_code`] lines), when every column
    /// it names is one of this file's.
    pub fn kept_layout(&self, kept: &[(String, String)]) -> Option<CsvLayout> {
        let key = self.headers_key();
        let (_, code) = kept.iter().find(|(headers, _)| *headers == key)?;
        let layout = CsvLayout::from_code(code, self.skip_lines)?;
        let width = self.headers.len();
        let fits = |c: &Column| matches!(c, Column::Index(i) if *i < width);
        let mut columns = vec![&layout.date];
        columns.extend(&layout.label);
        columns.extend([&layout.value_date, &layout.reference, &layout.currency].into_iter().flatten());
        match &layout.amounts {
            Amounts::Signed(c) => columns.push(c),
            Amounts::DebitCredit { debit, credit } => columns.extend([debit, credit]),
        }
        columns.into_iter().all(fits).then_some(layout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(amounts: Amounts) -> CsvLayout {
        CsvLayout {
            encoding: Encoding::Latin1,
            skip_lines: Some(4),
            header: true,
            date: Column::Index(0),
            date_format: DateFormat::YearMonthDay,
            value_date: Some(Column::Index(5)),
            label: vec![Column::Index(1), Column::Index(4)],
            amounts,
            decimal: Decimal::Point,
            reference: None,
            currency: Some(Column::Index(6)),
        }
    }

    #[test]
    fn a_layout_reads_back_as_it_was() {
        for amounts in [
            Amounts::Signed(Column::Index(2)),
            Amounts::DebitCredit { debit: Column::Index(2), credit: Column::Index(3) },
        ] {
            let kept = layout(amounts);
            let code = kept.to_code().unwrap();
            assert_eq!(CsvLayout::from_code(&code, 4), Some(kept.clone()), "{code}");
            // The table may start elsewhere in the next file: that is the file's own.
            assert_eq!(CsvLayout::from_code(&code, 1).unwrap().skip_lines, Some(1));
        }
        let code = layout(Amounts::Signed(Column::Index(2))).to_code().unwrap();
        assert_eq!(
            code,
            "date=0;date_format=ymd;value_date=5;label=1,4;amount=2;decimal=point;reference=;currency=6;encoding=latin1"
        );
    }

    #[test]
    fn only_positions_under_a_header_are_kept() {
        let mut named = layout(Amounts::Signed(Column::Index(2)));
        named.label = vec![Column::Name("Libellé".into())];
        assert_eq!(named.to_code(), None);
        let mut headless = layout(Amounts::Signed(Column::Index(2)));
        headless.header = false;
        assert_eq!(headless.to_code(), None);
    }

    #[test]
    fn a_line_that_is_no_layout_reads_as_none() {
        let good = layout(Amounts::Signed(Column::Index(2))).to_code().unwrap();
        for bad in [
            String::new(),
            "date=0".to_string(),
            good.replace("date=0", "date="),
            good.replace("date_format=ymd", "date_format=jj"),
            good.replace("label=1,4", "label="),
            good.replace("label=1,4", "label=1,x"),
            good.replace("label=1,4", "label=1,4,5"),
            good.replace("amount=2", "amount=2;debit=3"),
            good.replace("amount=2", "debit=3"),
            good.replace("decimal=point", "decimal=dot"),
            good.replace("encoding=latin1", "encoding=ebcdic"),
            good.replace("currency=6", "currency=-1"),
            format!("{good};date=1"),
            format!("{good};colour=blue"),
            good.replace(';', ","),
        ] {
            assert_eq!(CsvLayout::from_code(&bad, 0), None, "{bad}");
        }
    }

    #[test]
    fn a_kept_layout_is_found_by_header_row_and_must_fit() {
        let code = layout(Amounts::Signed(Column::Index(2))).to_code().unwrap();
        let preview = |headers: &[&str]| CsvPreview {
            skip_lines: 2,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            layout: None,
        };
        let seven = ["a", "b", "c", "d", "e", "f", "g"];
        // SHA-256 of the cells joined by U+001F, as Python's hashlib gives it.
        let key = preview(&seven).headers_key();
        assert_eq!(key, "1c1baa1b0dcb924ee1bf27999ba54132489502b3a823502ad37e58e09e2f3f6b");
        let kept = vec![("0".repeat(64), "date=0".to_string()), (key, code.clone())];
        assert_eq!(preview(&seven).kept_layout(&kept).map(|l| l.skip_lines), Some(Some(2)));
        assert_eq!(preview(&["a", "b", "c", "d", "e", "f", "h"]).kept_layout(&kept), None, "other headers");
        // Kept for a wider file than this one (cannot happen with equal headers, but a kept line is data).
        let six = ["a", "b", "c", "d", "e", "f"];
        assert_eq!(preview(&six).kept_layout(&[(preview(&six).headers_key(), code)]), None);
    }
}
