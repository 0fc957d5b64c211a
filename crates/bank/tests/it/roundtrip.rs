//! Any statement written as a French bank's CSV reads back as it was.

use bank::{Format, read};
use domain::Date;
use proptest::prelude::*;

/// Labels with what makes CSV hard: accents, quotes, semicolons, commas, and
/// characters Windows-1252 has (€, œ) so the file can be written in it.
fn label() -> impl Strategy<Value = String> {
    let word = proptest::sample::select(vec![
        "Cotisation",
        "Hélène",
        "Dupré",
        "été",
        "Noël",
        "François",
        "cœur",
        "€",
        "\"les",
        "amis\"",
        ";",
        ",",
        "l'école",
        "N°",
        "12,50",
        "-3",
        "=SOMME(A1)",
        "CB",
        "àçèùï",
    ]);
    proptest::collection::vec(word, 1..6).prop_map(|words| words.join(" "))
}

fn line() -> impl Strategy<Value = (Date, i64, String)> {
    let day = (0i64..3650).prop_map(|n| Date::parse_iso("2020-01-01").unwrap().add_days(n));
    (day, -99_999_999i64..=99_999_999, label())
}

/// The amount as a French bank writes it, with thousands separated.
fn amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let (euros, cents) = (cents.unsigned_abs() / 100, cents.unsigned_abs() % 100);
    let digits = euros.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{cents:02}")
}

fn quoted(cell: &str) -> String {
    if cell.contains([';', '"', '\n']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell.to_string() }
}

proptest! {
    #[test]
    fn csv_lines_read_back_equal(lines in proptest::collection::vec(line(), 1..40), latin1 in any::<bool>()) {
        let mut text = String::from("Relevé du compte;\r\n;\r\nDate;Libellé;Montant\r\n");
        for (date, cents, label) in &lines {
            let day = format!("{:02}/{:02}/{}", date.day(), date.month(), date.year());
            text.push_str(&format!("{day};{};{}\r\n", quoted(label), amount(*cents)));
        }
        let bytes = if latin1 { encoding_rs::WINDOWS_1252.encode(&text).0.into_owned() } else { text.into_bytes() };
        let s = read("releve.csv", &bytes, None).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(s.format, Format::Csv);
        let read_back: Vec<(Date, i64, String)> = s.lines.iter().map(|l| (l.date, l.cents, l.label.clone())).collect();
        prop_assert_eq!(read_back, lines.clone());
        prop_assert_eq!(s.lines.iter().map(|l| l.at).collect::<Vec<_>>(), (4..4 + lines.len()).collect::<Vec<_>>());
    }
}
