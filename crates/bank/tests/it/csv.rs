//! CSV exports as French online banks write them.

use bank::{Amounts, Column, CsvLayout, DateFormat, Decimal, Encoding, Format, Reason, read};

use crate::{day, fixture, listing, problem, read_err, read_ok, summary};

fn statement_lines() -> Vec<(String, i64, &'static str)> {
    vec![
        ("2026-01-02".into(), 4500, "COTISATION ANNUELLE ; Hélène Dupré"),
        ("2026-01-03".into(), -6230, "PRLV SEPA EDF Électricité"),
        ("2026-01-05".into(), -350, "CB Boulangerie Françoise"),
        ("2026-01-05".into(), 15000, "VIR \"Les Cœurs Unis\" don"),
        ("2026-01-10".into(), -200, "FRAIS TENUE DE COMPTE 2€"),
        ("2026-01-12".into(), -123_456, "CHEQUE 1234567 Librairie"),
    ]
}

#[test]
fn utf8_with_or_without_bom_and_latin1_read_the_same_lines() {
    let utf8 = fixture("releve-utf8.csv");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
    let latin1 = fixture("releve-latin1.csv");
    assert!(std::str::from_utf8(&latin1).is_err(), "the Latin-1 fixture is not UTF-8");
    for (name, bytes) in [("releve-utf8.csv", &utf8), ("avec-bom.csv", &with_bom), ("releve-latin1.csv", &latin1)] {
        let s = read_ok(name, bytes);
        assert_eq!(s.format, Format::Csv);
        assert_eq!(summary(&s), statement_lines(), "{name}");
        // Five lines about the account, then the header on line 6.
        assert_eq!(s.lines.iter().map(|l| l.at).collect::<Vec<_>>(), [7, 8, 9, 10, 11, 12], "{name}");
        assert_eq!((&s.account, &s.currency, s.opening, s.closing), (&None, &None, None, None));
        assert!(s.lines.iter().all(|l| l.value_date.is_none() && l.reference.is_none() && l.bank_id.is_none()));
    }
}

#[test]
fn the_guessed_layout_names_the_columns_by_their_headers() {
    let headers: Vec<String> = ["Date", "Libellé", "Débit euros", "Crédit euros", ""].map(String::from).to_vec();
    let layout = CsvLayout::guess(&headers).unwrap();
    assert_eq!(
        layout,
        CsvLayout {
            encoding: Encoding::Auto,
            skip_lines: None,
            header: true,
            date: Column::Name("Date".into()),
            date_format: DateFormat::DayMonthYear,
            value_date: None,
            label: vec![Column::Name("Libellé".into())],
            amounts: Amounts::DebitCredit {
                debit: Column::Name("Débit euros".into()),
                credit: Column::Name("Crédit euros".into())
            },
            decimal: Decimal::Comma,
            reference: None,
            currency: None,
        }
    );
    // The same layout, given, reads both encodings; Latin-1 may be forced.
    for (name, encoding) in [("releve-utf8.csv", Encoding::Utf8), ("releve-latin1.csv", Encoding::Latin1)] {
        let given = CsvLayout { encoding, skip_lines: Some(5), ..layout.clone() };
        let s = read(name, &fixture(name), Some(&given)).unwrap_or_else(|p| panic!("{}", listing(&p)));
        assert_eq!(summary(&s), statement_lines(), "{name}");
    }
}

#[test]
fn forcing_utf8_on_latin1_says_where_and_what_to_try() {
    let layout = CsvLayout {
        encoding: Encoding::Utf8,
        ..CsvLayout::guess(&["Date".into(), "Libellé".into(), "Montant".into()]).unwrap()
    };
    let problems = read("releve.csv", &fixture("releve-latin1.csv"), Some(&layout)).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].at, 1);
    assert_eq!(problems[0].reason, Reason::Malformed("not UTF-8 text: try Latin-1 (Windows-1252)".into()));
}

#[test]
fn iso_dates_a_decimal_point_value_dates_and_references_are_recognised() {
    let s = read_ok("export.csv", &fixture("releve-iso.csv"));
    assert_eq!(
        summary(&s),
        [
            ("2026-01-02".into(), 4500, "Cotisation, Hélène Dupré"),
            ("2026-01-03".into(), -6230, "Électricité"),
            ("2026-01-05".into(), -123_450, "Achat \"fournitures\" Noël"),
        ]
    );
    assert_eq!(s.lines[0].value_date, Some(day("2026-01-03")));
    assert_eq!(s.lines[2].value_date, None);
    assert_eq!(
        s.lines.iter().map(|l| l.reference.as_deref()).collect::<Vec<_>>(),
        [Some("REF-1"), None, Some("REF-3")]
    );
}

#[test]
fn a_bad_date_and_a_bad_amount_are_reported_together_with_line_and_column() {
    let problems = read_err("problemes.csv", &fixture("problemes.csv"));
    assert_eq!(
        problems,
        [problem(3, "Date", Reason::BadDate, "31/02/2026"), problem(4, "Montant", Reason::BadAmount, "12,5O")]
    );
    assert_eq!(problems[0].to_string(), "line 3, Date: not a date: \"31/02/2026\"");
    assert_eq!(problems[1].to_string(), "line 4, Montant: not an amount: \"12,5O\"");
}

#[test]
fn a_file_without_header_read_by_position() {
    // LCL writes no header: date, amount, type, label.
    let text = "02/01/2026;45,00;Virement;Hélène Dupré\r\n03/01/2026;-62,30;Prélèvement;EDF\r\n";
    let layout = CsvLayout {
        encoding: Encoding::Auto,
        skip_lines: None,
        header: false,
        date: Column::Index(0),
        date_format: DateFormat::DayMonthYear,
        value_date: None,
        label: vec![Column::Index(2), Column::Index(3)],
        amounts: Amounts::Signed(Column::Index(1)),
        decimal: Decimal::Comma,
        reference: None,
        currency: None,
    };
    let s = read("lcl.csv", text.as_bytes(), Some(&layout)).unwrap_or_else(|p| panic!("{}", listing(&p)));
    assert_eq!(
        summary(&s),
        [("2026-01-02".into(), 4500, "Virement Hélène Dupré"), ("2026-01-03".into(), -6230, "Prélèvement EDF")]
    );
    assert_eq!(s.lines.iter().map(|l| l.at).collect::<Vec<_>>(), [1, 2]);

    let bad = "02/01/2026;4S,00;Virement;Hélène Dupré\r\n";
    let problems = read("lcl.csv", bad.as_bytes(), Some(&layout)).unwrap_err();
    assert_eq!(problems, [problem(1, "#2", Reason::BadAmount, "4S,00")]);
}

#[test]
fn columns_the_file_does_not_have_are_named_at_the_header() {
    let text = "Compte 123\nDate;Libellé;Montant\n02/01/2026;Cotisation;45,00\n";
    let layout = CsvLayout {
        date: Column::Name("Date d'opération".into()),
        reference: Some(Column::Name("Référence".into())),
        ..CsvLayout::guess(&["Date".into(), "Libellé".into(), "Montant".into()]).unwrap()
    };
    let problems = read("x.csv", text.as_bytes(), Some(&layout)).unwrap_err();
    assert_eq!(
        problems,
        [problem(2, "Date d'opération", Reason::MissingField, ""), problem(2, "Référence", Reason::MissingField, "")],
        "no line has them all: reported on the one with most of them"
    );
    let with_skip = CsvLayout { skip_lines: Some(1), ..layout };
    let problems = read("x.csv", text.as_bytes(), Some(&with_skip)).unwrap_err();
    assert_eq!(problems[0], problem(2, "Date d'opération", Reason::MissingField, ""));

    let unknown = "Nom;Prénom;Ville\nDupré;Hélène;Lyon\n";
    assert_eq!(
        read_err("membres.csv", unknown.as_bytes()),
        [
            problem(1, "Date", Reason::MissingField, ""),
            problem(1, "Libellé", Reason::MissingField, ""),
            problem(1, "Montant", Reason::MissingField, "")
        ]
    );
}

#[test]
fn lines_in_another_currency_are_refused() {
    let text = "Date de l'opération;Libellé;Détail de l'écriture;Montant de l'opération;Devise\n\
                02/01/2026;VIR RECU;Hélène Dupré;45,00;EUR\n\
                03/01/2026;CB AMAZON.COM;Livres;-12,00;USD\n\
                04/01/2026;CB Boulangerie;;-3,50;€\n";
    assert_eq!(read_err("sg.csv", text.as_bytes()), [problem(3, "Devise", Reason::OtherCurrency("USD".into()), "USD")]);
    let euros = text.replace("USD", "eur");
    let s = read_ok("sg.csv", euros.as_bytes());
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(s.lines[0].label, "VIR RECU Hélène Dupré");
}

#[test]
fn debits_are_money_out_whatever_their_sign_and_notes_are_left_out() {
    let text = "Date;Libellé;Débit;Crédit\n\
                02/01/2026;Avec signe;-62,30;\n\
                ;suite du libellé sans date ni montant;;\n\
                03/01/2026;Sans signe;62,30;\n\
                04/01/2026;Crédit;;1.234,56\n\
                05/01/2026;Ni débit ni crédit;;\n";
    let problems = read_err("bp.csv", text.as_bytes());
    assert_eq!(problems, [problem(6, "Débit / Crédit", Reason::MissingField, "")]);
    let s = read_ok("bp.csv", text.replace("05/01/2026;Ni débit ni crédit;;\n", "").as_bytes());
    assert_eq!(s.lines.iter().map(|l| (l.at, l.cents)).collect::<Vec<_>>(), [(2, -6230), (4, -6230), (5, 123_456)]);
}

#[test]
fn a_header_without_lines_is_empty_and_an_unterminated_quote_is_located() {
    assert_eq!(read_err("x.csv", b"Date;Libelle;Montant\n"), [problem(0, "", Reason::Empty, "")]);
    let broken = "Date;Libellé;Montant\n02/01/2026;\"jamais fermé;45,00\n03/01/2026;x;1\n";
    let problems = read_err("x.csv", broken.as_bytes());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].at, 2);
    assert!(matches!(problems[0].reason, Reason::Malformed(_)), "{:?}", problems[0]);
}

#[test]
fn a_preview_shows_the_table_and_the_guess_fitted_to_the_values() {
    let p = CsvLayout::preview(&fixture("releve-latin1.csv")).unwrap();
    assert_eq!(p.skip_lines, 5, "five lines about the account before the header");
    assert_eq!(p.headers, ["Date", "Libellé", "Débit euros", "Crédit euros"]);
    assert_eq!(p.rows.len(), bank::PREVIEW_ROWS);
    assert_eq!(p.rows[0][1], "COTISATION ANNUELLE ; Hélène Dupré");
    let guessed = p.layout.unwrap();
    assert_eq!((guessed.date_format, guessed.decimal), (DateFormat::DayMonthYear, Decimal::Comma));

    let iso = CsvLayout::preview(&fixture("releve-iso.csv")).unwrap().layout.unwrap();
    assert_eq!((iso.date_format, iso.decimal), (DateFormat::YearMonthDay, Decimal::Point));

    // Columns given by position with the preview's lines to skip read the same lines.
    let by_position = CsvLayout {
        encoding: Encoding::Auto,
        skip_lines: Some(p.skip_lines),
        header: true,
        date: Column::Index(0),
        date_format: DateFormat::DayMonthYear,
        value_date: None,
        label: vec![Column::Index(1)],
        amounts: Amounts::DebitCredit { debit: Column::Index(2), credit: Column::Index(3) },
        decimal: Decimal::Comma,
        reference: None,
        currency: None,
    };
    let s = read("releve.csv", &fixture("releve-utf8.csv"), Some(&by_position)).unwrap();
    assert_eq!(summary(&s), statement_lines());

    // Headers nobody knows: no guess, the table from the first line with something in it.
    let unknown = CsvLayout::preview(b"\n\nQuand;Quoi;Combien\n02/01/2026;Cotisation;45,00\n").unwrap();
    assert_eq!((unknown.skip_lines, unknown.layout), (2, None));
    assert_eq!(unknown.headers, ["Quand", "Quoi", "Combien"]);
    assert_eq!(CsvLayout::preview(b"Date;\"Libell\n"), None, "an unterminated quote is no table");
}
