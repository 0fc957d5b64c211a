//! OFX 1.x (SGML) and 2.x (XML).

use bank::{Balance, Format, Reason};

use crate::{day, fixture, fixture_text, line_of, problem, read_err, read_ok, summary};

fn lines() -> Vec<(String, i64, &'static str)> {
    vec![
        ("2026-01-02".into(), 4500, "VIR SEPA Hélène Dupré Cotisation été 2026"),
        ("2026-01-05".into(), -350, "CB Boulangerie Françoise"),
        ("2026-01-12".into(), -123_456, "CHEQUE 1234567 Librairie du Cœur & Co"),
    ]
}

#[test]
fn ofx_1x_sgml_in_windows_1252() {
    let bytes = fixture("releve-1x.ofx");
    let s = read_ok("releve.ofx", &bytes);
    assert_eq!(s.format, Format::Ofx);
    assert_eq!(s.account.as_deref(), Some("00012345678"));
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(s.opening, None);
    assert_eq!(s.closing, Some(Balance { date: day("2026-01-31"), cents: 100_000 }));
    assert_eq!(summary(&s), lines());
    let at: Vec<usize> = (1..=3).map(|n| line_of(&bytes, "<STMTTRN>", n)).collect();
    assert_eq!(s.lines.iter().map(|l| l.at).collect::<Vec<_>>(), at);
    assert_eq!(
        s.lines.iter().map(|l| l.bank_id.as_deref()).collect::<Vec<_>>(),
        [Some("2026010200001"), Some("2026010500002"), Some("2026011200003")]
    );
    assert_eq!(s.lines[1].value_date, Some(day("2026-01-04")));
    assert_eq!(s.lines[2].reference.as_deref(), Some("1234567"));
}

#[test]
fn ofx_2x_xml_reads_the_same_statement() {
    let one = read_ok("releve.ofx", &fixture("releve-1x.ofx"));
    let two = read_ok("releve.ofx", &fixture("releve-2x.ofx"));
    let without_at = |s: &bank::Statement| {
        let mut s = s.clone();
        s.lines.iter_mut().for_each(|l| l.at = 0);
        s
    };
    assert_eq!(without_at(&two), without_at(&one));
}

#[test]
fn a_line_in_another_currency_is_refused_and_a_converted_one_is_not() {
    let bytes = fixture("devises.ofx");
    assert_eq!(
        read_err("devises.ofx", &bytes),
        [problem(line_of(&bytes, "<CURSYM>USD", 1), "CURRENCY", Reason::OtherCurrency("USD".into()), "USD")]
    );
    let without =
        fixture_text("devises.ofx").replace("<CURSYM>USD</CURSYM></CURRENCY>", "<CURSYM>EUR</CURSYM></CURRENCY>");
    assert_eq!(read_ok("devises.ofx", without.as_bytes()).lines.len(), 2);
}

#[test]
fn an_account_in_another_currency_is_refused_once() {
    let text = fixture_text("releve-2x.ofx").replace("<CURDEF>EUR", "<CURDEF>CHF");
    assert_eq!(
        read_err("releve.ofx", text.as_bytes()),
        [problem(line_of(text.as_bytes(), "<CURDEF>", 1), "CURDEF", Reason::OtherCurrency("CHF".into()), "CHF")]
    );
}

#[test]
fn bad_and_missing_fields_are_located_at_their_tag() {
    let text = fixture_text("releve-2x.ofx")
        .replace("<DTPOSTED>20260105</DTPOSTED>", "<DTPOSTED>20260231</DTPOSTED>")
        .replace("<TRNAMT>-1234.56</TRNAMT>", "<TRNAMT>-12a4.56</TRNAMT>")
        .replace("<TRNAMT>45.00</TRNAMT>", "");
    let bytes = text.as_bytes();
    assert_eq!(
        read_err("releve.ofx", bytes),
        [
            problem(line_of(bytes, "<STMTTRN>", 1), "TRNAMT", Reason::MissingField, ""),
            problem(line_of(bytes, "<DTPOSTED>20260231", 1), "DTPOSTED", Reason::BadDate, "20260231"),
            problem(line_of(bytes, "<TRNAMT>-12a4", 1), "TRNAMT", Reason::BadAmount, "-12a4.56"),
        ]
    );
}

#[test]
fn an_ofx_file_without_statement_is_not_one() {
    let text = "OFXHEADER:100\nDATA:OFXSGML\n\n<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>15500\n</STATUS>\n</SONRS>\n</SIGNONMSGSRSV1>\n</OFX>\n";
    let problems = read_err("vide.ofx", text.as_bytes());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].reason, Reason::NotAStatement);
}

#[test]
fn card_statements_and_several_statements_of_one_account() {
    let card = |id: &str, fitid: &str| {
        format!(
            "<CCSTMTRS><CURDEF>EUR<CCACCTFROM><ACCTID>{id}</CCACCTFROM><BANKTRANLIST>\
             <STMTTRN><DTPOSTED>20260110<TRNAMT>-9.90<FITID>{fitid}<NAME>Librairie</STMTTRN>\
             </BANKTRANLIST></CCSTMTRS>"
        )
    };
    let text =
        format!("<OFX><CREDITCARDMSGSRSV1>{}{}</CREDITCARDMSGSRSV1></OFX>", card("4970", "A"), card("4970", "B"));
    let s = read_ok("carte.ofx", text.as_bytes());
    assert_eq!(s.account.as_deref(), Some("4970"));
    assert_eq!(s.lines.iter().map(|l| l.bank_id.as_deref()).collect::<Vec<_>>(), [Some("A"), Some("B")]);

    let two = format!("<OFX><CREDITCARDMSGSRSV1>{}{}</CREDITCARDMSGSRSV1></OFX>", card("4970", "A"), card("5132", "B"));
    assert_eq!(read_err("cartes.ofx", two.as_bytes()), [problem(1, "ACCTID", Reason::SeveralAccounts, "5132")]);
}
