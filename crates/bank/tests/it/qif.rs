//! QIF bank accounts.

use bank::{Balance, Format, Reason};

use crate::{day, fixture, line_of, problem, read_err, read_ok, summary};

#[test]
fn a_latin1_qif_with_quickens_opening_balance() {
    let bytes = fixture("releve.qif");
    let s = read_ok("releve.qif", &bytes);
    assert_eq!(s.format, Format::Qif);
    assert_eq!(s.account.as_deref(), Some("Compte chèques"));
    assert_eq!(s.currency, None);
    assert_eq!(s.opening, Some(Balance { date: day("2026-01-01"), cents: 100_000 }));
    assert_eq!(s.closing, None);
    assert_eq!(
        summary(&s),
        [
            ("2026-01-02".into(), 4500, "VIR SEPA Hélène Dupré Cotisation été 2026"),
            ("2026-01-05".into(), -350, "CB Boulangerie Françoise"),
            ("2026-01-12".into(), -123_456, "CHEQUE Librairie du Cœur"),
        ]
    );
    let at: Vec<usize> = ["D02/01", "D05/01", "D12/01"].iter().map(|d| line_of(&bytes, d, 1)).collect();
    assert_eq!(s.lines.iter().map(|l| l.at).collect::<Vec<_>>(), at);
    assert_eq!(s.lines[2].reference.as_deref(), Some("1234567"));
}

#[test]
fn month_first_when_the_file_can_only_be_read_so() {
    let text = "!Type:Bank\nD12/25/2025\nT-10.00\nPNoel\n^\nD1/2'26\nT20.00\nPNouvel an\n^\n";
    let s = read_ok("quicken.qif", text.as_bytes());
    assert_eq!(summary(&s), [("2025-12-25".into(), -1000, "Noel"), ("2026-01-02".into(), 2000, "Nouvel an")]);
    let french = text.replace("D12/25/2025", "D25/12/2025");
    assert_eq!(read_ok("banque.qif", french.as_bytes()).lines[1].date, day("2026-02-01"));
}

#[test]
fn every_bad_field_is_located_by_its_letter() {
    let text = "!Type:Bank\nD32/01/2026\nT-10,00\n^\nD02/01/2026\nT-1O,00\n^\nD03/01/2026\nPsans montant\n^\n";
    assert_eq!(
        read_err("releve.qif", text.as_bytes()),
        [
            problem(2, "D", Reason::BadDate, "32/01/2026"),
            problem(6, "T", Reason::BadAmount, "-1O,00"),
            problem(8, "T", Reason::MissingField, ""),
        ]
    );
}

#[test]
fn lists_are_skipped_and_investment_accounts_refused() {
    let text = "!Type:Cat\nNAlimentation\nE\n^\n!Type:Bank\nD02/01/2026\nT5\nPx\n^\n";
    assert_eq!(read_ok("x.qif", text.as_bytes()).lines.len(), 1);
    let invest = "!Type:Invst\nD02/01/2026\nNBuy\nYACME\n^\n";
    assert_eq!(read_err("x.qif", invest.as_bytes()), [problem(1, "!Type", Reason::NotAStatement, "Invst")]);
}
