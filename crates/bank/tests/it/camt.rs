//! ISO 20022 camt.053 statements.

use bank::{Balance, Format, Reason};

use crate::{assert_adds_up, day, fixture, fixture_text, line_of, problem, read_err, read_ok, summary};

#[test]
fn camt_053_001_02_with_balances_parties_remittance_and_a_batch() {
    let bytes = fixture("camt053-v02.xml");
    let s = read_ok("releve.xml", &bytes);
    assert_eq!(s.format, Format::Camt053);
    assert_eq!(s.account.as_deref(), Some("FR7630004008230001234567890"));
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(s.opening, Some(Balance { date: day("2026-01-01"), cents: 100_000 }));
    assert_eq!(s.closing, Some(Balance { date: day("2026-01-31"), cents: 106_070 }));
    assert_eq!(
        summary(&s),
        [
            ("2026-01-02".into(), 4500, "Hélène Dupré Cotisation été 2026"),
            ("2026-01-03".into(), -6230, "EDF Électricité"),
            ("2026-01-08".into(), 8000, "REMISE CHEQUES N° 42 & 43"),
            ("2026-01-31".into(), -200, "FRAIS TENUE DE COMPTE"),
        ],
        "the pending entry is left out"
    );
    assert_adds_up(&s);
    let at: Vec<usize> = [1, 2, 3, 5].iter().map(|&n| line_of(&bytes, "<Ntry>", n)).collect();
    assert_eq!(s.lines.iter().map(|l| l.at).collect::<Vec<_>>(), at);
    assert_eq!(
        s.lines.iter().map(|l| l.reference.as_deref()).collect::<Vec<_>>(),
        [Some("COTIS-2026-042"), Some("RF18539007547034"), None, None]
    );
    assert_eq!(s.lines[0].bank_id.as_deref(), Some("ACSR-0001"));
    assert_eq!(s.lines[2].value_date, Some(day("2026-01-09")));
}

#[test]
fn camt_053_001_08_of_two_days_going_overdrawn() {
    let s = read_ok("releve.xml", &fixture("camt053-v08.xml"));
    assert_eq!(s.opening, Some(Balance { date: day("2026-01-31"), cents: 106_070 }), "PRCD of the first day");
    assert_eq!(s.closing, Some(Balance { date: day("2026-02-03"), cents: -3480 }), "CLBD of the last day, DBIT");
    assert_eq!(
        summary(&s),
        [
            ("2026-02-02".into(), 12_000, "Association Les Cœurs Unis Subvention exercice 2026"),
            ("2026-02-02".into(), -1550, "Boulangerie Françoise"),
            ("2026-02-03".into(), -120_000, "Location salle des fêtes"),
        ]
    );
    assert_adds_up(&s);
}

#[test]
fn every_version_from_02_to_13_is_read() {
    let v08 = fixture_text("camt053-v08.xml");
    let expected = read_ok("releve.xml", v08.as_bytes());
    for version in ["02", "03", "04", "09", "10", "11", "12", "13"] {
        let text = v08.replace("camt.053.001.08", &format!("camt.053.001.{version}"));
        assert_eq!(read_ok("releve.xml", text.as_bytes()), expected, "{version}");
    }
    let v01 = v08.replace("camt.053.001.08", "camt.053.001.01");
    assert_eq!(read_err("releve.xml", v01.as_bytes())[0].reason, Reason::NotAStatement);
}

#[test]
fn latin1_xml_keeps_its_accents() {
    let text = fixture_text("camt053-v02.xml").replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
    let (latin1, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    let s = read_ok("releve.xml", &latin1);
    assert_eq!(s.lines[0].label, "Hélène Dupré Cotisation été 2026");
}

#[test]
fn an_entry_booked_in_another_currency_is_refused() {
    let bytes = fixture("camt053-devises.xml");
    assert_eq!(
        read_err("releve.xml", &bytes),
        [problem(line_of(&bytes, "<Amt Ccy=\"USD\">25.00", 1), "Ccy", Reason::OtherCurrency("USD".into()), "USD")],
        "the euro entry instructed in dollars is accepted"
    );
    let text = fixture_text("camt053-v02.xml").replace("<Ccy>EUR</Ccy>", "<Ccy>GBP</Ccy>");
    let problems = read_err("releve.xml", text.as_bytes());
    assert_eq!(
        problems[0],
        problem(line_of(text.as_bytes(), "<Ccy>GBP", 1), "Ccy", Reason::OtherCurrency("GBP".into()), "GBP")
    );
}

#[test]
fn balances_that_do_not_add_up_are_refused() {
    let text =
        fixture_text("camt053-v02.xml").replacen("<Amt Ccy=\"EUR\">1060.70</Amt>", "<Amt Ccy=\"EUR\">1070.70</Amt>", 1);
    let clbd = line_of(text.as_bytes(), "<Bal>", 2);
    assert_eq!(
        read_err("releve.xml", text.as_bytes()),
        [problem(clbd, "", Reason::Unbalanced, "1000,00 + 60,70 = 1060,70 ≠ 1070,70")]
    );

    // The second day must open where the first closed.
    let text = fixture_text("camt053-v08.xml").replace(
        "<Amt Ccy=\"EUR\">1165.20</Amt><CdtDbtInd>CRDT</CdtDbtInd>\n        <Dt><Dt>2026-02-03",
        "<Amt Ccy=\"EUR\">1165.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>\n        <Dt><Dt>2026-02-03",
    );
    let second = line_of(text.as_bytes(), "<Stmt>", 2);
    let problems = read_err("releve.xml", text.as_bytes());
    assert_eq!(problems[0], problem(second, "", Reason::Unbalanced, "1165,20 ≠ 1165,00"));
}

#[test]
fn two_accounts_in_one_file_are_refused() {
    let text = fixture_text("camt053-v08.xml");
    let at = text.rfind("FR7630004008230001234567890").unwrap();
    let text = format!("{}FR7610278060000002038650128{}", &text[..at], &text[at + 27..]);
    let line = line_of(text.as_bytes(), "FR7610278", 1);
    assert_eq!(
        read_err("releve.xml", text.as_bytes()),
        [problem(line, "IBAN", Reason::SeveralAccounts, "FR7610278060000002038650128")]
    );
}

#[test]
fn bad_dates_amounts_and_indicators_are_located() {
    let text = fixture_text("camt053-v02.xml")
        .replace("<BookgDt><Dt>2026-01-03</Dt>", "<BookgDt><Dt>2026-13-03</Dt>")
        .replace(">62.30<", ">62,3O<")
        .replace(
            "<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>BOOK</Sts>\n        <BookgDt><Dt>2026-01-31",
            "<CdtDbtInd>DEBIT</CdtDbtInd>\n        <Sts>BOOK</Sts>\n        <BookgDt><Dt>2026-01-31",
        );
    let bytes = text.as_bytes();
    let problems = read_err("releve.xml", bytes);
    assert_eq!(
        problems.iter().map(|p| (p.at, p.column.as_str(), p.value.as_str())).collect::<Vec<_>>(),
        [
            (line_of(bytes, "62,3O", 1), "Amt", "62,3O"),
            (line_of(bytes, "2026-13-03", 1), "BookgDt", "2026-13-03"),
            (line_of(bytes, "DEBIT", 1), "CdtDbtInd", "DEBIT"),
        ]
    );
    assert_eq!(problems[0].reason, Reason::BadAmount);
    assert_eq!(problems[1].reason, Reason::BadDate);
}

#[test]
fn broken_xml_and_other_iso_messages() {
    let text = fixture_text("camt053-v02.xml");
    let cut = &text[..text.find("<AddtlNtryInf>PRLV").unwrap()];
    let problems = read_err("releve.xml", cut.as_bytes());
    assert_eq!(problems.len(), 1);
    assert!(matches!(problems[0].reason, Reason::Malformed(_)), "{:?}", problems[0]);

    let mismatched = text.replacen("</Acct>", "</Account>", 1);
    let problems = read_err("releve.xml", mismatched.as_bytes());
    assert_eq!(problems[0].at, line_of(mismatched.as_bytes(), "</Account>", 1));

    let camt054 = text.replace("camt.053.001.02", "camt.054.001.02");
    assert_eq!(read_err("avis.xml", camt054.as_bytes()), [problem(0, "", Reason::NotAStatement, "camt.054.001.02")]);
}
