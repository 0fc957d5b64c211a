//! CSV as spreadsheet programs and people write it.

use std::time::{Duration, Instant};

use sheet::{ReadError, read};

use crate::{headers, read_ok, row};

#[test]
fn utf8_with_and_without_byte_order_mark() {
    let text = "nom;prénom;ville\nDupré;Hélène;Besançon\n";
    for bytes in [text.as_bytes().to_vec(), [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()] {
        let t = read_ok("membres.csv", &bytes);
        assert_eq!(headers(&t), ["nom", "prénom", "ville"], "the byte order mark is not part of the first header");
        assert_eq!(t.rows, [row(2, &["Dupré", "Hélène", "Besançon"])]);
    }
}

#[test]
fn windows_1252_from_a_french_excel() {
    // é è ç œ € as Excel writes them in "CSV (séparateur: point-virgule)".
    let bytes = b"Nom;Pr\xE9nom;Note\r\nL\xE8bre;Fran\xE7ois;c\x9Cur \x80 20\r\n";
    let t = read_ok("export.csv", bytes);
    assert_eq!(headers(&t), ["Nom", "Prénom", "Note"]);
    assert_eq!(t.rows, [row(2, &["Lèbre", "François", "cœur € 20"])]);
}

#[test]
fn utf16_unicode_text_from_excel() {
    let text = "Nom\tVille\r\nDupré\tSaint-Étienne\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let t = read_ok("export.txt", &bytes);
    assert_eq!(headers(&t), ["Nom", "Ville"]);
    assert_eq!(t.rows, [row(2, &["Dupré", "Saint-Étienne"])]);
}

#[test]
fn semicolon_comma_and_tab_are_each_recognised() {
    for delimiter in [";", ",", "\t"] {
        let text = ["nom", "email", "ville"].join(delimiter) + "\n" + &["Lo", "lo@example.org", "Lyon"].join(delimiter);
        let t = read_ok("m.csv", text.as_bytes());
        assert_eq!(headers(&t), ["nom", "email", "ville"], "delimiter {delimiter:?}");
        assert_eq!(t.rows, [row(2, &["Lo", "lo@example.org", "Lyon"])]);
    }
}

#[test]
fn the_delimiter_is_read_from_the_header_not_the_data() {
    // Commas in the data do not make it a comma file.
    let t = read_ok("m.csv", b"nom;adresse\nDupont;\"3, rue des Lilas\"\nMartin;1, place Bellecour\n");
    assert_eq!(t.rows, [row(2, &["Dupont", "3, rue des Lilas"]), row(3, &["Martin", "1, place Bellecour"])]);
}

#[test]
fn quoted_fields_with_delimiters_doubled_quotes_and_line_ends() {
    let text = "nom;adresse;note\r\n\
                \"Dupont; Jean\";\"12 rue Victor-Hugo\r\nBâtiment B\r\n69003 Lyon\";\"dit \"\"le grand\"\"\"\r\n\
                Martin;\"\";ok\r\n\
                \"Durand\";\"une\nligne\";\"\"\"\"\r\n";
    let t = read_ok("m.csv", text.as_bytes());
    assert_eq!(
        t.rows,
        [
            row(2, &["Dupont; Jean", "12 rue Victor-Hugo\nBâtiment B\n69003 Lyon", "dit \"le grand\""]),
            row(5, &["Martin", "", "ok"]),
            row(6, &["Durand", "une\nligne", "\""]),
        ],
        "a value spanning three lines pushes the next row to line 5"
    );
}

#[test]
fn crlf_lf_and_cr_line_ends() {
    for end in ["\r\n", "\n", "\r"] {
        let text = ["a;b", "1;2", "", "3;4", ""].join(end);
        let t = read_ok("m.csv", text.as_bytes());
        assert_eq!(t.rows, [row(2, &["1", "2"]), row(4, &["3", "4"])], "line end {end:?}");
    }
}

#[test]
fn cells_are_trimmed_and_blank_rows_dropped_with_line_numbers_kept() {
    let text = "\n  \n nom ;\u{A0}prénom\u{A0}\n;;\n  Dupont\t; Jean \n \u{A0}; \n\"  Martin  \";Lou\n";
    let t = read_ok("m.csv", text.as_bytes());
    assert_eq!(headers(&t), ["nom", "prénom"], "the header is the first line with something in it");
    assert_eq!(t.rows, [row(5, &["Dupont", "Jean"]), row(7, &["Martin", "Lou"])]);
}

#[test]
fn empty_and_blank_files_have_no_header() {
    assert_eq!(read("m.csv", b"", 10), Err(ReadError::Empty));
    assert_eq!(read("m.csv", b"\xEF\xBB\xBF", 10), Err(ReadError::Empty));
    assert_eq!(read("m.csv", b" \r\n;;;\r\n\t\r\n", 10), Err(ReadError::Empty));
}

#[test]
fn a_header_alone_is_a_table_without_rows() {
    let t = read_ok("m.csv", b"nom;email;;\r\n");
    assert_eq!(headers(&t), ["nom", "email"], "empty cells after the last header are dropped");
    assert!(t.rows.is_empty());
}

#[test]
fn ragged_rows_are_padded_and_extra_cells_kept() {
    let t = read_ok("m.csv", b"a;b;c\n1\n1;2;3;4;;\n1;2;3;;\n;;;x\n");
    assert_eq!(
        t.rows,
        [row(2, &["1", "", ""]), row(3, &["1", "2", "3", "4"]), row(4, &["1", "2", "3"]), row(5, &["", "", "", "x"]),]
    );
}

#[test]
fn too_many_rows_stops_early_on_a_huge_file() {
    let mut text = String::with_capacity(500_001 * 40);
    text.push_str("nom;prénom;email\n");
    for i in 0..500_000 {
        text.push_str(&format!("Nom{i};Prénom{i};m{i}@example.org\n"));
    }
    let started = Instant::now();
    assert_eq!(read("big.csv", text.as_bytes(), 100_000), Err(ReadError::TooManyRows { limit: 100_000 }));
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    // Exactly the limit is fine.
    let limit: String = text.lines().take(11).map(|l| format!("{l}\n")).collect();
    assert_eq!(read("ok.csv", limit.as_bytes(), 10).unwrap().rows.len(), 10);
    assert_eq!(read("ko.csv", limit.as_bytes(), 9), Err(ReadError::TooManyRows { limit: 9 }));
}

#[test]
fn an_unterminated_quote_is_malformed_at_its_line() {
    let text = "nom;note\nDupont;\"fine\nstill fine\"\nMartin;\"never closed\nDurand;x\n";
    match read("m.csv", text.as_bytes(), 10) {
        Err(ReadError::Malformed { line, reason }) => {
            assert_eq!(line, 4);
            assert!(reason.contains("never closed"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn text_after_a_closing_quote_is_kept() {
    let t = read_ok("m.csv", b"a;b\n\"x\"y;\"1\"\"\"2\n");
    assert_eq!(t.rows, [row(2, &["xy", "1\"2"])]);
}
