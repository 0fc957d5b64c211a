//! Files that are not what they say, or not readable at all: each gets the
//! error the web layer can explain.

use std::io::{Cursor, Write};

use sheet::{Format, MAX_UNPACKED_BYTES, OutFormat, ReadError, SheetWriter, read};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

const XLSX: &[u8] = include_bytes!("../fixtures/members.xlsx");
const ODS: &[u8] = include_bytes!("../fixtures/members.ods");

fn not_what_it_says(extension: &str, found: Format) -> Result<sheet::Table, ReadError> {
    Err(ReadError::NotWhatItSays { extension: extension.into(), found })
}

#[test]
fn an_extension_that_disagrees_with_the_content_is_refused() {
    assert_eq!(read("membres.xlsx", b"nom;prenom\nDupont;Jean\n", 10), not_what_it_says("xlsx", Format::Csv));
    assert_eq!(read("membres.csv", ODS, 10), not_what_it_says("csv", Format::Ods));
    assert_eq!(read("membres.ODS", XLSX, 10), not_what_it_says("ods", Format::Xlsx));
    assert_eq!(read("dossier/membres.TXT", XLSX, 10), not_what_it_says("txt", Format::Xlsx));
    let message = read("membres.csv", ODS, 10).unwrap_err().to_string();
    assert_eq!(message, "the file is named .csv but its content is ODS: rename it, or save it again as CSV");
}

#[test]
fn old_binary_excel_is_named_as_such_whatever_its_name() {
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(4096, 0);
    for name in ["membres.xls", "membres.xlsx", "membres.csv", "membres"] {
        assert_eq!(read(name, &xls, 10), Err(ReadError::OldExcel), "{name}");
    }
    assert!(ReadError::OldExcel.to_string().contains("save it as XLSX, ODS or CSV"));
}

#[test]
fn a_password_protected_xlsx_is_recognised() {
    // Excel wraps an encrypted workbook in an OLE container holding an
    // "EncryptedPackage" stream.
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.resize(1024, 0);
    encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    encrypted.resize(4096, 0);
    assert_eq!(read("membres.xlsx", &encrypted, 10), Err(ReadError::PasswordProtected));
}

#[test]
fn a_password_protected_ods_is_recognised() {
    // LibreOffice encrypts each part and says how in the manifest.
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(
        b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
          <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">\
          <manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry></manifest:manifest>",
    )
    .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(&[0x8F, 0x12, 0xAB, 0x00, 0x33]).unwrap();
    let encrypted = zip.finish().unwrap().into_inner();
    assert_eq!(read("membres.ods", &encrypted, 10), Err(ReadError::PasswordProtected));
}

#[test]
fn a_zip_that_is_not_a_spreadsheet() {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(b"<w:document/>").unwrap();
    let docx = zip.finish().unwrap().into_inner();
    assert_eq!(read("membres.docx", &docx, 10), Err(ReadError::UnknownZip));
    assert_eq!(read("membres.xlsx", &docx, 10), Err(ReadError::UnknownZip));

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", SimpleFileOptions::default()).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
    let odt = zip.finish().unwrap().into_inner();
    assert_eq!(read("lettre.odt", &odt, 10), Err(ReadError::UnknownZip));
}

#[test]
fn binary_files_are_not_csv() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    assert_eq!(read("photo.png", png, 10), Err(ReadError::NotASpreadsheet));
    assert_eq!(read("photo.csv", png, 10), Err(ReadError::NotASpreadsheet));
}

#[test]
fn a_truncated_xlsx_is_unreadable() {
    let mut w = SheetWriter::new(Vec::new(), OutFormat::Xlsx, "Membres", &["nom", "email"]).unwrap();
    for i in 0..50 {
        w.row(&[sheet::Cell::Text(&format!("Nom {i}")), sheet::Cell::Int(i)]).unwrap();
    }
    let whole = w.finish().unwrap();
    for cut in [whole.len() / 2, whole.len() - 10, 40] {
        match read("membres.xlsx", &whole[..cut], 10) {
            Err(ReadError::Unreadable { reason }) => assert!(!reason.is_empty()),
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    match read("membres.xlsx", &XLSX[..XLSX.len() - 100], 10) {
        Err(ReadError::Unreadable { .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_xlsx_whose_sheet_is_broken_xml_is_unreadable() {
    let mut source = zip::ZipArchive::new(Cursor::new(XLSX)).unwrap();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..source.len() {
        let part = source.by_index(i).unwrap();
        if part.name().unwrap() == "xl/worksheets/sheet1.xml" {
            drop(part);
            zip.start_file("xl/worksheets/sheet1.xml", SimpleFileOptions::default()).unwrap();
            zip.write_all(b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t>").unwrap();
        } else {
            zip.raw_copy_file(part).unwrap();
        }
    }
    let broken = zip.finish().unwrap().into_inner();
    match read("membres.xlsx", &broken, 10) {
        Err(ReadError::Unreadable { .. }) => {}
        other => panic!("{other:?}"),
    }
}

/// A zip archive by hand, whose single deflated part claims `declared`
/// bytes once unpacked (its data is an empty deflate stream; nothing gets
/// that far).
fn zip_claiming(name: &str, declared: u32) -> Vec<u8> {
    let data = [0x03u8, 0x00];
    let mut out = Vec::new();
    let le16 = |out: &mut Vec<u8>, v: u16| out.extend(v.to_le_bytes());
    let le32 = |out: &mut Vec<u8>, v: u32| out.extend(v.to_le_bytes());
    // Local header.
    le32(&mut out, 0x0403_4b50);
    for v in [20, 0, 8, 0, 0x21] {
        le16(&mut out, v);
    }
    for v in [0, data.len() as u32, declared] {
        le32(&mut out, v);
    }
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    out.extend(name.as_bytes());
    out.extend(data);
    // Central directory.
    let central = out.len() as u32;
    le32(&mut out, 0x0201_4b50);
    for v in [20, 20, 0, 8, 0, 0x21] {
        le16(&mut out, v);
    }
    for v in [0, data.len() as u32, declared] {
        le32(&mut out, v);
    }
    for v in [name.len() as u16, 0, 0, 0, 0] {
        le16(&mut out, v);
    }
    le32(&mut out, 0);
    le32(&mut out, 0);
    out.extend(name.as_bytes());
    let central_size = out.len() as u32 - central;
    // End of central directory.
    le32(&mut out, 0x0605_4b50);
    for v in [0, 0, 1, 1] {
        le16(&mut out, v);
    }
    le32(&mut out, central_size);
    le32(&mut out, central);
    le16(&mut out, 0);
    out
}

#[test]
fn a_zip_bomb_is_refused_before_anything_is_unpacked() {
    let bomb = zip_claiming("xl/workbook.xml", MAX_UNPACKED_BYTES as u32 + 1);
    assert_eq!(read("bomb.xlsx", &bomb, 10), Err(ReadError::TooLarge));
}

fn ods_with(tables: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("META-INF/manifest.xml", SimpleFileOptions::default()).unwrap();
    zip.write_all(
        b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
          <manifest:file-entry manifest:full-path=\"/\" \
          manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/></manifest:manifest>",
    )
    .unwrap();
    zip.start_file("content.xml", SimpleFileOptions::default()).unwrap();
    write!(
        zip,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    .unwrap();
    zip.finish().unwrap().into_inner()
}

const HEADER_ROW: &str = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>nom</text:p>\
                          </table:table-cell></table:table-row>";

fn repeated_rows(rows: u32, columns: u32) -> String {
    format!(
        "<table:table-row table:number-rows-repeated=\"{rows}\"><table:table-cell \
         table:number-columns-repeated=\"{columns}\" office:value-type=\"float\" office:value=\"1\">\
         <text:p>1</text:p></table:table-cell></table:table-row>"
    )
}

#[test]
fn repeated_ods_rows_are_expanded_and_counted() {
    let ods = ods_with(&format!("<table:table table:name=\"A\">{HEADER_ROW}{}</table:table>", repeated_rows(4, 1)));
    let t = read("r.ods", &ods, 4).unwrap();
    assert_eq!(t.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 4, 5]);
    assert_eq!(read("r.ods", &ods, 3), Err(ReadError::TooManyRows { limit: 3 }));
}

#[test]
fn an_ods_that_repeats_a_row_a_million_times_is_stopped_before_calamine_expands_it() {
    let rows =
        ods_with(&format!("<table:table table:name=\"A\">{HEADER_ROW}{}</table:table>", repeated_rows(1_000_000, 1)));
    assert_eq!(read("rows.ods", &rows, 100_000), Err(ReadError::TooManyRows { limit: 100_000 }));
    // A second sheet would spread over a hundred million cells.
    let cells = ods_with(&format!(
        "<table:table table:name=\"A\">{HEADER_ROW}</table:table><table:table table:name=\"B\">{}</table:table>",
        repeated_rows(100_000, 1000)
    ));
    assert_eq!(read("cells.ods", &cells, 100_000), Err(ReadError::TooLarge));
}
