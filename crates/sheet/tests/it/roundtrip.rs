//! Every output format, written and read back.

use std::io::{Cursor, Read};

use sheet::{Cell, OutFormat, SheetWriter};

use crate::{headers, read_ok, row};

const HEADERS: [&str; 6] = ["Nom", "Prénom", "Note", "Adhésion", "Cotisation", "Né le"];

fn write(format: OutFormat) -> Vec<u8> {
    let mut w = SheetWriter::new(Vec::new(), format, "Membres 2024/2025", &HEADERS).unwrap();
    w.row(&[
        Cell::Text("Dupré"),
        Cell::Text("Hélène"),
        Cell::Text("dit \"la <grande>\" & co"),
        Cell::Date("2024-03-15"),
        Cell::Cents(1250),
        Cell::Date("1985-07-14"),
    ])
    .unwrap();
    w.row(&[
        Cell::Text("Œuvray"),
        Cell::Text("Zoë"),
        Cell::Text("deux  espaces\r\npuis une ligne"),
        Cell::Date("2023-12-31"),
        Cell::Cents(-5),
        Cell::Empty,
    ])
    .unwrap();
    w.row(&[
        Cell::Text("L'Haÿ"),
        Cell::Empty,
        Cell::Text("tab\tici; virgule, point-virgule"),
        Cell::Date("pas une date"),
        Cell::Cents(123_456_789),
        Cell::Int(-42),
    ])
    .unwrap();
    w.finish().unwrap()
}

/// What comes back, per format: amounts and dates as the format writes them.
fn expected(cents: [&str; 3], dates: [&str; 3], birth: &str) -> Vec<sheet::Row> {
    vec![
        row(2, &["Dupré", "Hélène", "dit \"la <grande>\" & co", dates[0], cents[0], birth]),
        row(3, &["Œuvray", "Zoë", "deux  espaces\npuis une ligne", dates[1], cents[1], ""]),
        row(5, &["L'Haÿ", "", "tab\tici; virgule, point-virgule", dates[2], cents[2], "-42"]),
    ]
}

fn with_csv_lines(mut rows: Vec<sheet::Row>) -> Vec<sheet::Row> {
    // In CSV the second row's note spans two lines, so the third row is on
    // line 5; in a spreadsheet it is on row 4.
    rows[2].line = 5;
    rows
}

fn with_sheet_rows(mut rows: Vec<sheet::Row>) -> Vec<sheet::Row> {
    rows[2].line = 4;
    rows
}

#[test]
fn csv_round_trip() {
    let bytes = write(OutFormat::Csv);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("Nom,Prénom,Note,Adhésion,Cotisation,Né le\r\n"), "{text}");
    assert!(text.contains(",\"dit \"\"la <grande>\"\" & co\",2024-03-15,12.50,1985-07-14\r\n"), "{text}");
    let t = read_ok("export.csv", &bytes);
    assert_eq!(headers(&t), HEADERS);
    assert_eq!(
        t.rows,
        with_csv_lines(expected(
            ["12.50", "-0.05", "1234567.89"],
            ["2024-03-15", "2023-12-31", "pas une date"],
            "1985-07-14"
        ))
    );
}

#[test]
fn csv_for_excel_round_trip() {
    let bytes = write(OutFormat::CsvExcel);
    assert!(bytes.starts_with(b"\xEF\xBB\xBFNom;Pr\xC3\xA9nom;"), "UTF-8 with a byte order mark, semicolons");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains(";15/03/2024;12,50;14/07/1985\r\n"), "{text}");
    let t = read_ok("export.csv", &bytes);
    assert_eq!(headers(&t), HEADERS);
    assert_eq!(
        t.rows,
        with_csv_lines(expected(
            ["12,50", "-0,05", "1234567,89"],
            ["15/03/2024", "31/12/2023", "pas une date"],
            "14/07/1985"
        ))
    );
}

#[test]
fn ods_round_trip() {
    let bytes = write(OutFormat::Ods);
    let t = read_ok("export.ods", &bytes);
    assert_eq!(headers(&t), HEADERS);
    assert_eq!(
        t.rows,
        with_sheet_rows(expected(
            ["12.5", "-0.05", "1234567.89"],
            ["2024-03-15", "2023-12-31", "pas une date"],
            "1985-07-14"
        ))
    );
}

#[test]
fn xlsx_round_trip() {
    let bytes = write(OutFormat::Xlsx);
    let t = read_ok("export.xlsx", &bytes);
    assert_eq!(headers(&t), HEADERS);
    assert_eq!(
        t.rows,
        with_sheet_rows(expected(
            ["12.5", "-0.05", "1234567.89"],
            ["2024-03-15", "2023-12-31", "pas une date"],
            "1985-07-14"
        ))
    );
}

#[test]
fn ods_mimetype_comes_first_stored_with_its_sizes_up_front() {
    let bytes = write(OutFormat::Ods);
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!(&bytes[0..4], b"PK\x03\x04");
    assert_eq!(u16_at(6) & 0x08, 0, "no data descriptor: LibreOffice refuses a stored part with one");
    assert_eq!(u16_at(8), 0, "stored");
    assert_ne!(u32_at(14), 0, "CRC in the local header");
    assert_eq!(u32_at(18), 46, "compressed size in the local header");
    assert_eq!(u32_at(22), 46, "size in the local header");
    assert_eq!(u16_at(28), 0, "no extra field");
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..84], b"application/vnd.oasis.opendocument.spreadsheet");

    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert_eq!(names, ["mimetype", "META-INF/manifest.xml", "styles.xml", "content.xml"]);
    let mut content = String::new();
    zip.by_name("content.xml").unwrap().read_to_string(&mut content).unwrap();
    assert!(content.contains(r#"office:value-type="date" office:date-value="2024-03-15""#), "{content}");
    assert!(content.contains(r#"office:value="12.50""#), "{content}");
    assert!(content.contains(r#"table:name="Membres 2024_2025""#), "{content}");
}

#[test]
fn xlsx_has_the_parts_excel_needs_with_real_dates_and_amounts() {
    let bytes = write(OutFormat::Xlsx);
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml"
        ]
    );
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut sheet).unwrap();
    assert!(sheet.contains(r#"<c r="D2" s="2"><v>45366</v></c><c r="E2" s="3"><v>12.50</v></c>"#), "{sheet}");
    assert!(sheet.contains(r#"<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Nom</t></is></c>"#));
    let mut styles = String::new();
    zip.by_name("xl/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    assert!(styles.contains(r##"formatCode="#,##0.00""##) && styles.contains(r#"formatCode="dd/mm/yyyy""#));
}

#[test]
fn extensions_and_content_types() {
    let all = [OutFormat::Csv, OutFormat::CsvExcel, OutFormat::Ods, OutFormat::Xlsx];
    assert_eq!(all.map(|f| f.extension()), ["csv", "csv", "ods", "xlsx"]);
    assert_eq!(
        all.map(|f| f.content_type()),
        [
            "text/csv; charset=utf-8",
            "text/csv; charset=utf-8",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ]
    );
}

#[test]
fn a_sheet_with_only_its_header() {
    for format in [OutFormat::Csv, OutFormat::CsvExcel, OutFormat::Ods, OutFormat::Xlsx] {
        let bytes = SheetWriter::new(Vec::new(), format, "", &["nom", "email"]).unwrap().finish().unwrap();
        let t = read_ok(&format!("vide.{}", format.extension()), &bytes);
        assert_eq!(headers(&t), ["nom", "email"], "{format:?}");
        assert!(t.rows.is_empty());
    }
}

#[test]
fn characters_xml_cannot_hold_are_dropped_from_spreadsheets() {
    for format in [OutFormat::Ods, OutFormat::Xlsx] {
        let mut w = SheetWriter::new(Vec::new(), format, "x\u{0}", &["a\u{1b}"]).unwrap();
        w.row(&[Cell::Text("bip\u{7} \u{b}ok\u{FFFF}")]).unwrap();
        let t = read_ok(&format!("x.{}", format.extension()), &w.finish().unwrap());
        assert_eq!(headers(&t), ["a"]);
        assert_eq!(t.rows, [row(2, &["bip ok"])], "{format:?}");
    }
}

#[test]
fn a_writer_can_be_moved_to_another_thread() {
    fn send<T: Send>() {}
    send::<SheetWriter<Vec<u8>>>();
    send::<sheet::ReadError>();
    send::<sheet::Table>();
}
