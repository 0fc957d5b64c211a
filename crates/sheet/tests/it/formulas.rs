//! The CSV writers neutralise text a spreadsheet would run as a formula.

use sheet::{Cell, OutFormat, SheetWriter, looks_like_formula};

#[test]
fn the_rule_with_examples() {
    for guarded in [
        "=1+1",
        "=HYPERLINK(\"http://example.org\";\"clic\")",
        "@SUM(A1)",
        "\tcalc",
        "\rcalc",
        "+1+1",
        "-2+3+cmd|' /C calc'!A0",
        "-A1",
        "+SUM(A1:A3)",
        "- tiret puis texte",
        "-12e5",
        "+33 6 12 34 56 78 poste 4",
    ] {
        assert!(looks_like_formula(guarded), "{guarded:?} should be guarded");
    }
    for untouched in [
        "",
        "Dupont",
        "-",
        "+",
        "-12",
        "+12",
        "-0,75",
        "+3.5",
        "+33 6 12 34 56 78",
        "+33\u{A0}6\u{A0}12\u{A0}34\u{A0}56\u{A0}78",
        "+1 (555) 123-4567",
        "+33-6-12-34-56-78",
        "06 12 34 56 78",
        "1+1",
        "a=b",
        " =1+1",
        "jean@example.org",
    ] {
        assert!(!looks_like_formula(untouched), "{untouched:?} should be left alone");
    }
}

fn csv(format: OutFormat, cells: &[Cell<'_>]) -> String {
    let mut w = SheetWriter::new(Vec::new(), format, "x", &["a"]).unwrap();
    w.row(cells).unwrap();
    String::from_utf8(w.finish().unwrap()).unwrap()
}

#[test]
fn both_csv_flavours_put_a_quote_in_front() {
    let cells = [Cell::Text("=1+1"), Cell::Text("-12"), Cell::Text("+33 6 12 34 56 78"), Cell::Text("@x;y")];
    assert_eq!(csv(OutFormat::Csv, &cells), "a\r\n'=1+1,-12,+33 6 12 34 56 78,'@x;y\r\n");
    assert_eq!(csv(OutFormat::CsvExcel, &cells), "\u{FEFF}a\r\n'=1+1;-12;+33 6 12 34 56 78;\"'@x;y\"\r\n");
    // A date that is not a date is text, and guarded as text.
    assert_eq!(csv(OutFormat::Csv, &[Cell::Date("=cmd")]), "a\r\n'=cmd\r\n");
}

#[test]
fn spreadsheet_formats_keep_the_text_as_it_is() {
    // In ODS and XLSX a text cell is text: nothing to neutralise.
    for format in [OutFormat::Ods, OutFormat::Xlsx] {
        let mut w = SheetWriter::new(Vec::new(), format, "x", &["a"]).unwrap();
        w.row(&[Cell::Text("=1+1")]).unwrap();
        let bytes = w.finish().unwrap();
        let t = sheet::read(&format!("x.{}", format.extension()), &bytes, 10).unwrap();
        assert_eq!(t.rows[0].cells, ["=1+1"]);
    }
}
