//! Telling the formats apart from their content.

use bank::{Format, Reason, detect};

use crate::{fixture, problem, read_err};

#[test]
fn each_fixture_is_recognised_whatever_its_name() {
    for (name, format) in [
        ("releve-utf8.csv", Format::Csv),
        ("releve-latin1.csv", Format::Csv),
        ("releve-iso.csv", Format::Csv),
        ("releve-1x.ofx", Format::Ofx),
        ("releve-2x.ofx", Format::Ofx),
        ("releve.qif", Format::Qif),
        ("camt053-v02.xml", Format::Camt053),
        ("camt053-v08.xml", Format::Camt053),
        ("releve.cfonb", Format::Cfonb120),
    ] {
        let bytes = fixture(name);
        assert_eq!(detect(name, &bytes), Some(format), "{name}");
        assert_eq!(detect("telechargement", &bytes), Some(format), "{name} without extension");
        if format != Format::Csv {
            assert_eq!(detect("releve.csv", &bytes), Some(format), "{name} named .csv");
        }
    }
}

#[test]
fn what_is_no_statement_is_named() {
    assert_eq!(detect("x.csv", b""), None);
    assert_eq!(read_err("x.csv", b""), [problem(0, "", Reason::Empty, "")]);
    assert_eq!(read_err("x.csv", b" \r\n\n"), [problem(0, "", Reason::Empty, "")]);
    for (bytes, kind) in [
        (b"%PDF-1.7\n%\xE2\xE3\0\0".as_slice(), "PDF"),
        (b"PK\x03\x04\x14\0\0\0\x08\0", "zip archive (spreadsheet or document)"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image"),
        (b"<html><body><table><tr><td>Date</td></tr></table></body></html>", "XML or HTML"),
        (
            b"<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.008.001.02\">",
            "pain.008.001.02",
        ),
    ] {
        assert_eq!(detect("releve", bytes), None, "{kind}");
        assert_eq!(read_err("releve", bytes), [problem(0, "", Reason::NotAStatement, kind)]);
    }
    let message = read_err("releve.pdf", b"%PDF-1.7\n\0")[0].to_string();
    assert_eq!(message, "this is not a bank statement in a format Préau reads: \"PDF\"");
}

#[test]
fn a_file_named_as_another_format_is_not_read_as_csv() {
    let csv = b"Date;Libelle;Montant\n02/01/2026;x;1,00\n";
    assert_eq!(detect("releve.ofx", csv), None);
    assert_eq!(detect("releve.QIF", csv), None);
    assert_eq!(detect("releve.txt", csv), Some(Format::Csv));
}
