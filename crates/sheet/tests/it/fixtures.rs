//! Files made by other programs (openpyxl and odfpy, see
//! `tests/fixtures/make_fixtures.py`), read as a person would expect.

use sheet::{Format, ReadError, detect, read};

use crate::{headers, read_ok, row};

const XLSX: &[u8] = include_bytes!("../fixtures/members.xlsx");
const ODS: &[u8] = include_bytes!("../fixtures/members.ods");

const HEADERS: [&str; 6] = ["Nom", "Prénom", "Date de naissance", "Cotisation", "Téléphone", "Ville"];

#[test]
fn an_xlsx_from_openpyxl() {
    assert_eq!(detect("members.xlsx", XLSX), Ok(Format::Xlsx));
    let t = read_ok("members.xlsx", XLSX);
    assert_eq!(headers(&t), HEADERS);
    assert_eq!(
        t.rows,
        [
            row(2, &["Dupré", "Hélène", "1985-07-14", "25", "06 12 34 56 78", "Besançon"]),
            row(3, &["Lefèvre", "François", "1990-02-28", "12.5", "", "Saint-Étienne"]),
            // Row 4 is empty in the file.
            row(5, &["Œuvray", "Zoë", "2001-12-01", "0", "+33 6 98 76 54 32", "L'Haÿ-les-Roses"]),
        ]
    );
}

#[test]
fn an_ods_from_odfpy_starting_at_b2() {
    assert_eq!(detect("members.ods", ODS), Ok(Format::Ods));
    let t = read_ok("Members.ODS", ODS);
    assert_eq!(headers(&t), HEADERS, "the empty column A is not part of the table");
    assert_eq!(
        t.rows,
        [
            row(3, &["Dupré", "Hélène", "1985-07-14", "25", "06 12 34 56 78", "Besançon"]),
            row(4, &["Lefèvre", "François", "1990-02-28", "12.5", "", "Saint-Étienne"]),
            row(5, &["Œuvray", "Zoë", "2001-12-01", "0", "+33 6 98 76 54 32", "L'Haÿ-les-Roses"]),
        ],
        "line numbers are the spreadsheet's: the header is on row 2"
    );
}

#[test]
fn without_a_known_extension_the_content_decides() {
    assert_eq!(read_ok("members", XLSX).rows.len(), 3);
    assert_eq!(read_ok("members.xls", ODS).rows.len(), 3);
    assert_eq!(read_ok("members.bin", b"a;b\n1;2").rows.len(), 1);
}

#[test]
fn the_row_limit_applies_to_spreadsheets_too() {
    assert_eq!(read("members.xlsx", XLSX, 2), Err(ReadError::TooManyRows { limit: 2 }));
    assert_eq!(read("members.ods", ODS, 2), Err(ReadError::TooManyRows { limit: 2 }));
    assert_eq!(read("members.ods", ODS, 3).map(|t| t.rows.len()), Ok(3));
    assert_eq!(read("members.xlsx", XLSX, 3).map(|t| t.rows.len()), Ok(3));
}
