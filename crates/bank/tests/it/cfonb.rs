//! CFONB 120 records.

use bank::{Balance, Format, Reason};

use crate::{assert_adds_up, day, fixture, problem, read_err, read_ok, summary};

/// The fixture's records, as text (it is Windows-1252).
fn records() -> Vec<String> {
    let bytes = fixture("releve.cfonb");
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    text.lines().map(str::to_string).collect()
}

fn latin1(records: &[String], separator: &str) -> Vec<u8> {
    encoding_rs::WINDOWS_1252.encode(&(records.join(separator) + separator)).0.into_owned()
}

/// Positions `from` to `to` (1-based, inclusive) of a record replaced.
fn patch(record: &str, from: usize, value: &str) -> String {
    let mut chars: Vec<char> = record.chars().collect();
    chars.splice(from - 1..from - 1 + value.chars().count(), value.chars());
    chars.into_iter().collect()
}

#[test]
fn two_daily_statements_with_complements() {
    let s = read_ok("releve.cfonb", &fixture("releve.cfonb"));
    assert_eq!(s.format, Format::Cfonb120);
    assert_eq!(s.account.as_deref(), Some("30004 00823 00012345678"));
    assert_eq!(s.currency.as_deref(), Some("EUR"));
    assert_eq!(s.opening, Some(Balance { date: day("2026-01-01"), cents: 100_000 }));
    assert_eq!(s.closing, Some(Balance { date: day("2026-01-05"), cents: 112_570 }));
    assert_eq!(
        summary(&s),
        [
            ("2026-01-02".into(), 4500, "VIR SEPA RECU MME HELENE DUPRE COTISATION ÉTÉ 2026"),
            ("2026-01-03".into(), -6230, "PRLV SEPA EDF"),
            ("2026-01-05".into(), -350, "CB BOULANGERIE 04/01"),
            ("2026-01-05".into(), -350, "CB BOULANGERIE 04/01"),
            ("2026-01-05".into(), 15_000, "REMISE CHEQUES"),
        ]
    );
    assert_adds_up(&s);
    assert_eq!(s.lines.iter().map(|l| l.at).collect::<Vec<_>>(), [2, 6, 9, 10, 11]);
    assert_eq!(s.lines.iter().map(|l| l.occurrence).collect::<Vec<_>>(), [1, 1, 1, 2, 1]);
    assert_eq!(s.lines[0].reference.as_deref(), Some("COTIS-2026-042"), "from the RCN complement");
    assert_eq!(s.lines[4].reference.as_deref(), Some("0042"), "from positions 105-120");
    assert_eq!(s.lines[2].value_date, Some(day("2026-01-04")));
}

#[test]
fn records_end_to_end_on_one_line_or_with_their_trailing_spaces_cut() {
    let expected = read_ok("releve.cfonb", &fixture("releve.cfonb"));
    let one_line = latin1(&records(), "");
    assert_eq!(read_ok("releve.txt", &one_line), expected);
    let trimmed: Vec<String> = records().iter().map(|r| r.trim_end().to_string()).collect();
    assert_eq!(read_ok("releve.txt", &latin1(&trimmed, "\n")), expected);
}

#[test]
fn a_statement_that_does_not_add_up_is_refused() {
    let mut r = records();
    r[6] = patch(&r[6], 91, "0000000009827A");
    assert_eq!(
        read_err("releve.cfonb", &latin1(&r, "\r\n")),
        [
            problem(7, "", Reason::Unbalanced, "1000,00 - 17,30 = 982,70 ≠ 982,71"),
            problem(8, "", Reason::Unbalanced, "982,71 ≠ 982,70"),
        ]
    );
}

#[test]
fn bad_dates_and_amounts_are_located_by_record_and_field() {
    let mut r = records();
    r[1] = patch(&r[1], 35, "320126");
    r[5] = patch(&r[5], 91, "00000000006Z3}");
    assert_eq!(
        read_err("releve.cfonb", &latin1(&r, "\r\n")),
        [
            problem(2, "date de comptabilisation", Reason::BadDate, "320126"),
            problem(6, "montant", Reason::BadAmount, "00000000006Z3}"),
        ]
    );
}

#[test]
fn another_currency_or_account_is_refused() {
    let mut r = records();
    r[0] = patch(&r[0], 17, "USD");
    assert_eq!(
        read_err("releve.cfonb", &latin1(&r, "\r\n"))[0],
        problem(1, "devise", Reason::OtherCurrency("USD".into()), "USD")
    );

    let mut r = records();
    for record in &mut r[7..] {
        *record = patch(record, 22, "00098765432");
    }
    assert_eq!(
        read_err("releve.cfonb", &latin1(&r, "\r\n")),
        [problem(8, "compte", Reason::SeveralAccounts, "30004 00823 00098765432")]
    );
}

#[test]
fn records_out_of_place_too_long_or_unknown() {
    let mut r = records();
    r.insert(0, r[2].clone());
    r[4].push('X');
    r[9] = patch(&r[9], 1, "03");
    let problems = read_err("releve.cfonb", &latin1(&r, "\n"));
    assert_eq!(
        problems.iter().map(|p| (p.at, p.reason.clone())).collect::<Vec<_>>(),
        [
            (1, Reason::Malformed("a complement (record 05) without a movement (record 04) before it".into())),
            (5, Reason::Malformed("a record has 121 characters instead of 120".into())),
            (10, Reason::Malformed("unknown record code (expected 01, 04, 05 or 07)".into())),
        ]
    );
}
