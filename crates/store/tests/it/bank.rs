//! Bank statements: each line imported once whatever file brings it again,
//! lines reconciled with entries (suggested, checked, undone), entries made
//! from lines by hand or by a rule, the reconciled balance, and one
//! association never reaching another's lines.

use domain::accounting::entry::{Draft, Line};
use domain::accounting::years::Bounds;
use domain::{Date, Grant, HostOperator, KeepBooks, Membership, Role};
use store::accounting::bank::{self, BankRefused, Counts};
use store::accounting::{Refused, entries, years};
use store::{Db, associations};

const NOW: i64 = 1_780_000_000;

async fn books(db: &Db, slug: &str) -> Grant<KeepBooks> {
    let a = associations::create(db, &HostOperator::console(), slug, slug, 1).await.unwrap();
    let user = store::users::create(db, &format!("tresorerie@{slug}.fr"), "Trésorière", None, 1).await.unwrap();
    Grant::check(&Membership { association_id: a, user_id: user, role: Role::Treasurer }).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse_iso(s).unwrap()
}

async fn year_2026(db: &Db, g: &Grant<KeepBooks>) -> i64 {
    years::create(db, g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap()
}

/// January's statement as a French bank exports it: header lines, `;`,
/// decimal comma, debit and credit columns, accents.
const JANUARY: &str = "Compte courant n° 12345678901;;;\n\
    Date;Libellé;Débit euros;Crédit euros\n\
    02/01/2026;VIR SEPA RECU HÉLÈNE DUPRÉ COTISATION;;45,00\n\
    03/01/2026;PRLV SEPA EDF Électricité;62,30;\n\
    05/01/2026;CB Café de la Gare;2,50;\n\
    05/01/2026;CB Café de la Gare;2,50;\n";

fn read(csv: &str) -> ::bank::Statement {
    ::bank::read("releve.csv", csv.as_bytes(), None).unwrap_or_else(|p| panic!("{p:?}"))
}

async fn post(db: &Db, g: &Grant<KeepBooks>, (date, label): (&str, &str), lines: Vec<Line>) -> i64 {
    let draft = Draft { date: d(date), label: label.into(), reference: String::new(), lines };
    entries::post(db, g, &draft, "simple", NOW).await.unwrap().unwrap()
}

async fn line_ids(db: &Db, g: &Grant<KeepBooks>, account: &str) -> Vec<(i64, String, i64, Option<i64>)> {
    bank::lines(db, g.association_id(), account, 0, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|l| (l.id, l.label, l.cents, l.entry_id))
        .collect()
}

testkit::both_backends!(a_statement_imported_twice_adds_nothing_the_second_time, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    let january = read(JANUARY);
    assert_eq!(bank::count_new(&db, a, "512", &january).await.unwrap(), Counts { added: 4, duplicates: 0 });
    let (first, counts) =
        bank::import(&db, &g, ("512", "janvier.csv"), &january, Some(g.user_id()), NOW).await.unwrap();
    assert_eq!(counts, Counts { added: 4, duplicates: 0 }, "two coffees the same day are two lines");
    let (second, again) = bank::import(&db, &g, ("512", "janvier.csv"), &january, None, NOW).await.unwrap();
    assert_eq!(again, Counts { added: 0, duplicates: 4 });
    assert_ne!(first, second, "each file is recorded");
    assert_eq!(line_ids(&db, &g, "512").await.len(), 4);

    // A later download overlapping January: only its new lines come in.
    let overlapping = format!("{JANUARY}06/01/2026;Remise chèque 1234567;;120,00\n");
    let (_, later) = bank::import(&db, &g, ("512", "fin-janvier.csv"), &read(&overlapping), None, NOW).await.unwrap();
    assert_eq!(later, Counts { added: 1, duplicates: 4 });
    let lines = bank::lines(&db, a, "512", 0, 100).await.unwrap();
    assert_eq!(
        lines.iter().map(|l| (l.on_date.as_str(), l.cents, l.label.as_str())).collect::<Vec<_>>(),
        [
            ("2026-01-02", 4500, "VIR SEPA RECU HÉLÈNE DUPRÉ COTISATION"),
            ("2026-01-03", -6230, "PRLV SEPA EDF Électricité"),
            ("2026-01-05", -250, "CB Café de la Gare"),
            ("2026-01-05", -250, "CB Café de la Gare"),
            ("2026-01-06", 12000, "Remise chèque 1234567"),
        ]
    );
    // The same file in another bank account is another account's lines.
    let (_, other) = bank::import(&db, &g, ("5121", "janvier.csv"), &january, None, NOW).await.unwrap();
    assert_eq!(other.added, 4);
    assert_eq!(bank::accounts_with_lines(&db, a).await.unwrap(), [("512".into(), 5, 5), ("5121".into(), 4, 4)]);
    let recorded = bank::imports(&db, a, "512", 10).await.unwrap();
    assert_eq!(
        recorded.iter().map(|i| (i.file_name.as_str(), i.format.as_str(), i.line_count)).collect::<Vec<_>>(),
        [("fin-janvier.csv", "csv", 5), ("janvier.csv", "csv", 4), ("janvier.csv", "csv", 4)]
    );
});

testkit::both_backends!(a_long_statement_counts_a_repeated_bank_id_once_across_slices, |db: Db| async move {
    // Lines are looked up and written a slice at a time: a bank id met in
    // the first slice and again in the third is one line, counted the same
    // by the dry run and by the import.
    let g = books(&db, "amis").await;
    let a = g.association_id();
    let line = |n: usize, bank_id: Option<String>| ::bank::Line {
        at: n + 1,
        date: d("2026-03-01"),
        value_date: None,
        cents: -(n as i64) - 1,
        label: format!("CB achat {n}"),
        reference: None,
        bank_id,
        occurrence: 1,
    };
    let mut lines: Vec<::bank::Line> = (0..450).map(|n| line(n, (n % 2 == 0).then(|| format!("FIT{n}")))).collect();
    lines[420].bank_id = Some("FIT10".into());
    let statement = ::bank::Statement {
        format: ::bank::Format::Ofx,
        account: None,
        currency: Some("EUR".into()),
        opening: None,
        closing: None,
        lines,
    };
    let expected = Counts { added: 449, duplicates: 1 };
    assert_eq!(bank::count_new(&db, a, "512", &statement).await.unwrap(), expected);
    let (_, counts) = bank::import(&db, &g, ("512", "mars.ofx"), &statement, None, NOW).await.unwrap();
    assert_eq!(counts, expected);
    assert_eq!(bank::lines(&db, a, "512", 0, 1000).await.unwrap().len(), 449);
    let again = Counts { added: 0, duplicates: 450 };
    assert_eq!(bank::count_new(&db, a, "512", &statement).await.unwrap(), again);
    assert_eq!(bank::import(&db, &g, ("512", "mars.ofx"), &statement, None, NOW).await.unwrap().1, again);
    assert_eq!(bank::lines(&db, a, "512", 0, 1000).await.unwrap().len(), 449);
});

testkit::both_backends!(lines_are_reconciled_with_entries_that_move_their_amount, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    year_2026(&db, &g).await;
    bank::import(&db, &g, ("512", "janvier.csv"), &read(JANUARY), None, NOW).await.unwrap();
    let lines = line_ids(&db, &g, "512").await;
    let (dues_line, edf_line, coffee) = (lines[0].0, lines[1].0, lines[2].0);
    let dues = |cents| vec![Line::debit("512", cents), Line::credit("756", cents)];
    let dupre = post(&db, &g, ("2026-01-01", "Cotisation – Hélène Dupré"), dues(4500)).await;
    let other_dues = post(&db, &g, ("2026-01-02", "Cotisation – Paul Martin"), dues(4500)).await;
    let far = post(&db, &g, ("2026-01-20", "Cotisation – Hélène Dupré"), dues(4500)).await;
    let refund = vec![Line::debit("756", 4500), Line::credit("512", 4500)];
    let paid_out = post(&db, &g, ("2026-01-02", "Remboursement"), refund).await;

    // Suggestions: same amount on the account, within ten days, shared words first.
    let page = bank::lines(&db, a, "512", 0, 100).await.unwrap();
    let suggested = bank::suggestions(&db, a, &page).await.unwrap();
    let for_dues: Vec<i64> = suggested[&dues_line].iter().map(|s| s.entry_id).collect();
    assert_eq!(for_dues, [dupre, other_dues], "Dupré's by name; Martin's by amount; not the far one nor the refund");
    assert!(!for_dues.contains(&far) && !for_dues.contains(&paid_out));
    assert!(!suggested.contains_key(&coffee), "no entry moves 2,50 €");

    // An entry that does not move the line's amount on the account is refused.
    assert_eq!(bank::reconcile(&db, &g, dues_line, paid_out).await.unwrap(), Err(BankRefused::NoMatch));
    assert_eq!(bank::reconcile(&db, &g, edf_line, dupre).await.unwrap(), Err(BankRefused::NoMatch));
    assert_eq!(bank::reconcile(&db, &g, dues_line, 999).await.unwrap(), Err(BankRefused::NoMatch));
    assert_eq!(bank::reconcile(&db, &g, 999, dupre).await.unwrap(), Err(BankRefused::NotFound));
    assert_eq!(bank::reconcile(&db, &g, dues_line, dupre).await.unwrap(), Ok(()));
    assert_eq!(bank::reconcile(&db, &g, dues_line, other_dues).await.unwrap(), Err(BankRefused::Reconciled));
    assert_eq!(bank::line(&db, a, dues_line).await.unwrap().unwrap().entry_id, Some(dupre));
    // Reconciled lines come after those still to do; the entry is no longer suggested.
    let page = bank::lines(&db, a, "512", 0, 100).await.unwrap();
    assert_eq!(page.last().unwrap().id, dues_line);
    assert!(bank::suggestions(&db, a, &page).await.unwrap().is_empty());
    // Page by page, across the two parts, the same lines in the same order.
    let mut one_by_one = Vec::new();
    for offset in 0..page.len() as i64 + 1 {
        one_by_one.extend(bank::lines(&db, a, "512", offset, 1).await.unwrap().into_iter().map(|l| l.id));
    }
    assert_eq!(one_by_one, page.iter().map(|l| l.id).collect::<Vec<_>>());

    // Un-reconciled, then reconciled again; an entry changed to another amount lets go of its line.
    assert_eq!(bank::unreconcile(&db, &g, dues_line).await.unwrap(), Ok(dupre));
    assert_eq!(bank::unreconcile(&db, &g, dues_line).await.unwrap(), Err(BankRefused::NotReconciled));
    bank::reconcile(&db, &g, dues_line, dupre).await.unwrap().unwrap();
    let changed = Draft {
        date: d("2026-01-01"),
        label: "Cotisation – Hélène Dupré".into(),
        reference: String::new(),
        lines: vec![Line::debit("512", 5000), Line::credit("756", 5000)],
    };
    entries::update(&db, &g, dupre, &changed).await.unwrap().unwrap();
    assert_eq!(bank::line(&db, a, dues_line).await.unwrap().unwrap().entry_id, None);
    // A removed entry lets go of its line too.
    bank::reconcile(&db, &g, dues_line, other_dues).await.unwrap().unwrap();
    entries::delete(&db, &g, other_dues).await.unwrap().unwrap();
    assert_eq!(bank::line(&db, a, dues_line).await.unwrap().unwrap().entry_id, None);
});

testkit::both_backends!(entries_are_made_from_lines_by_hand_or_by_rule, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    bank::import(&db, &g, ("512", "janvier.csv"), &read(JANUARY), None, NOW).await.unwrap();
    let lines = line_ids(&db, &g, "512").await;
    let (dues_line, edf_line, coffee) = (lines[0].0, lines[1].0, lines[2].0);
    let edf = bank::add_rule(&db, &g, ("edf electricite", "6061", "Électricité")).await.unwrap();
    bank::add_rule(&db, &g, ("café", "6257", "")).await.unwrap();
    let rules = bank::rules(&db, a).await.unwrap();
    assert_eq!(
        rules.iter().map(|r| (r.contains.as_str(), r.position)).collect::<Vec<_>>(),
        [("edf electricite", 1), ("café", 2)]
    );
    assert_eq!(bank::rule_for(&rules, "PRLV SEPA EDF ÉLECTRICITÉ").map(|r| r.id), Some(edf));

    // No open year on the line's date: refused, nothing written.
    assert_eq!(bank::apply_rule(&db, &g, edf_line, NOW).await.unwrap(), Err(BankRefused::Books(Refused::NoYear)));
    assert_eq!(bank::line(&db, a, edf_line).await.unwrap().unwrap().entry_id, None);
    let y = year_2026(&db, &g).await;

    let (entry, rule) = bank::apply_rule(&db, &g, edf_line, NOW).await.unwrap().unwrap();
    assert_eq!(rule.id, edf);
    let (row, entry_lines) = entries::get(&db, a, entry).await.unwrap().unwrap();
    assert_eq!(
        (row.on_date.as_str(), row.label.as_str(), row.origin.as_str(), row.journal.as_str()),
        ("2026-01-03", "Électricité", "bank", "BQ")
    );
    assert_eq!(
        entry_lines.iter().map(|l| (l.account.as_str(), l.debit_cents, l.credit_cents)).collect::<Vec<_>>(),
        [("6061", 6230, 0), ("512", 0, 6230)],
        "money out: the expense debited, the bank credited"
    );
    assert_eq!(bank::line(&db, a, edf_line).await.unwrap().unwrap().entry_id, Some(entry));
    assert_eq!(bank::apply_rule(&db, &g, edf_line, NOW).await.unwrap(), Err(BankRefused::Reconciled));
    // A rule with no label keeps the line's.
    let (coffee_entry, _) = bank::apply_rule(&db, &g, coffee, NOW).await.unwrap().unwrap();
    assert_eq!(entries::get(&db, a, coffee_entry).await.unwrap().unwrap().0.label, "CB Café de la Gare");
    assert_eq!(bank::apply_rule(&db, &g, dues_line, NOW).await.unwrap(), Err(BankRefused::NoRule));

    // By hand: money in credits the counterpart; a bad account is refused.
    assert_eq!(bank::create_entry(&db, &g, dues_line, ("51", ""), NOW).await.unwrap(), Err(BankRefused::BadAccount));
    assert_eq!(bank::create_entry(&db, &g, dues_line, ("512", ""), NOW).await.unwrap(), Err(BankRefused::BadAccount));
    let dues = bank::create_entry(&db, &g, dues_line, ("756", "Cotisation Dupré"), NOW).await.unwrap().unwrap();
    let (row, entry_lines) = entries::get(&db, a, dues).await.unwrap().unwrap();
    assert_eq!(row.label, "Cotisation Dupré");
    assert_eq!(
        entry_lines.iter().map(|l| (l.account.as_str(), l.debit_cents, l.credit_cents)).collect::<Vec<_>>(),
        [("512", 4500, 0), ("756", 0, 4500)]
    );
    let totals = years::totals(&db, a, y).await.unwrap();
    let bank_balance = totals.iter().find(|t| t.account == "512").unwrap().net();
    assert_eq!(bank_balance, 4500 - 6230 - 250);

    assert!(bank::delete_rule(&db, &g, edf).await.unwrap());
    assert!(!bank::delete_rule(&db, &g, edf).await.unwrap());
    assert_eq!(bank::rules(&db, a).await.unwrap().len(), 1);
});

testkit::both_backends!(the_reconciled_balance_meets_the_statements_closing_balance, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    year_2026(&db, &g).await;
    let line = |at: usize, date: &str, cents: i64, label: &str| ::bank::Line {
        at,
        date: d(date),
        value_date: None,
        cents,
        label: label.into(),
        reference: None,
        bank_id: Some(format!("FIT-{at}")),
        occurrence: 1,
    };
    let statement = ::bank::Statement {
        format: ::bank::Format::Camt053,
        account: Some("FR7630004008230001234567890".into()),
        currency: Some("EUR".into()),
        opening: Some(::bank::Balance { date: d("2026-02-01"), cents: 100_000 }),
        closing: Some(::bank::Balance { date: d("2026-02-28"), cents: 100_000 + 4500 - 6230 }),
        lines: vec![line(1, "2026-02-02", 4500, "Cotisation"), line(2, "2026-02-03", -6230, "EDF")],
    };
    assert_eq!(bank::reconciliation(&db, a, "512").await.unwrap(), bank::Reconciliation::default());
    bank::import(&db, &g, ("512", "fevrier.xml"), &statement, None, NOW).await.unwrap();
    let r = bank::reconciliation(&db, a, "512").await.unwrap();
    assert_eq!((r.balance(), r.difference(), r.unreconciled_lines), (Some(100_000), Some(4500 - 6230), 2));
    let ids = line_ids(&db, &g, "512").await;
    bank::create_entry(&db, &g, ids[0].0, ("756", ""), NOW).await.unwrap().unwrap();
    bank::create_entry(&db, &g, ids[1].0, ("6061", ""), NOW).await.unwrap().unwrap();
    let r = bank::reconciliation(&db, a, "512").await.unwrap();
    assert_eq!((r.balance(), r.difference(), r.unreconciled, r.unreconciled_lines), (Some(98_270), Some(0), 0, 0));
    assert_eq!(r.closing, Some(("2026-02-28".into(), 98_270)));
});

testkit::both_backends!(one_association_never_reaches_anothers_lines, |db: Db| async move {
    let alpha = books(&db, "alpha").await;
    let beta = books(&db, "beta").await;
    year_2026(&db, &alpha).await;
    year_2026(&db, &beta).await;
    let january = read(JANUARY);
    bank::import(&db, &alpha, ("512", "janvier.csv"), &january, None, NOW).await.unwrap();
    // The same file in B is B's own: fingerprints are unique per association.
    let (_, counts) = bank::import(&db, &beta, ("512", "janvier.csv"), &january, None, NOW).await.unwrap();
    assert_eq!(counts.added, 4);
    bank::add_rule(&db, &alpha, ("edf", "6061", "")).await.unwrap();
    let dues = vec![Line::debit("512", 4500), Line::credit("756", 4500)];
    let alpha_entry = post(&db, &alpha, ("2026-01-02", "Cotisation Dupré"), dues).await;
    // A line of A and one of B share numbers; B's hands reach B's line only.
    let (b, a) = (beta.association_id(), alpha.association_id());
    assert_eq!(bank::line(&db, b, 1).await.unwrap().unwrap().label, "VIR SEPA RECU HÉLÈNE DUPRÉ COTISATION");
    bank::import(&db, &alpha, ("5121", "janvier.csv"), &january, None, NOW).await.unwrap();
    assert!(bank::line(&db, b, 5).await.unwrap().is_none(), "A's fifth line is not B's");
    assert_eq!(bank::reconcile(&db, &beta, 5, alpha_entry).await.unwrap(), Err(BankRefused::NotFound));
    assert_eq!(bank::create_entry(&db, &beta, 5, ("6061", ""), NOW).await.unwrap(), Err(BankRefused::NotFound));
    assert_eq!(bank::unreconcile(&db, &beta, 5).await.unwrap(), Err(BankRefused::NotFound));
    // B's own line 1 with A's entry 1: B has no entry 1 moving that amount.
    assert_eq!(bank::reconcile(&db, &beta, 1, alpha_entry).await.unwrap(), Err(BankRefused::NoMatch));
    assert_eq!(bank::apply_rule(&db, &beta, 2, NOW).await.unwrap(), Err(BankRefused::NoRule), "A's rules are A's");
    assert!(!bank::delete_rule(&db, &beta, 1).await.unwrap());
    assert_eq!(bank::rules(&db, a).await.unwrap().len(), 1);
    let b_page = bank::lines(&db, b, "512", 0, 100).await.unwrap();
    assert!(bank::suggestions(&db, b, &b_page).await.unwrap().is_empty(), "A's entries are never suggested to B");
    assert!(bank::lines(&db, b, "5121", 0, 100).await.unwrap().is_empty());
    assert_eq!(bank::accounts_with_lines(&db, b).await.unwrap(), [("512".into(), 4, 4)]);
    assert!(bank::imports(&db, b, "5121", 10).await.unwrap().is_empty());
    // An upload is its uploader's, in its association.
    let upload = bank::keep_upload(&db, &alpha, "janvier.csv", JANUARY.as_bytes(), NOW).await.unwrap();
    assert!(bank::upload(&db, &beta, upload).await.unwrap().is_none());
    assert_eq!(bank::upload(&db, &alpha, upload).await.unwrap().unwrap().0, "janvier.csv");
});

testkit::both_backends!(csv_layouts_are_kept_per_account_and_header_row, |db: Db| async move {
    let g = books(&db, "amis").await;
    let other = books(&db, "voisins").await;
    let (a, b) = (g.association_id(), other.association_id());
    let headers = "Quand\u{1f}Quoi\u{1f}Combien";
    assert!(bank::csv_layouts(&db, a, "512").await.unwrap().is_empty());
    bank::keep_csv_layout(&db, &g, ("512", headers), "date=0;first", NOW).await.unwrap();
    bank::keep_csv_layout(&db, &g, ("512", "Date\u{1f}Libellé"), "date=0;other", NOW).await.unwrap();
    // Kept again with other columns: the new ones replace the old.
    bank::keep_csv_layout(&db, &g, ("512", headers), "date=0;second", NOW + 1).await.unwrap();
    assert_eq!(
        bank::csv_layouts(&db, a, "512").await.unwrap(),
        [("Date\u{1f}Libellé".to_string(), "date=0;other".to_string()), (headers.into(), "date=0;second".into())]
    );
    // Another account of the association, and another association, keep their own.
    assert!(bank::csv_layouts(&db, a, "5121").await.unwrap().is_empty());
    assert!(bank::csv_layouts(&db, b, "512").await.unwrap().is_empty());
    bank::keep_csv_layout(&db, &other, ("512", headers), "date=2;theirs", NOW).await.unwrap();
    assert_eq!(bank::csv_layouts(&db, a, "512").await.unwrap()[1].1, "date=0;second");
    assert_eq!(bank::csv_layouts(&db, b, "512").await.unwrap(), [(headers.to_string(), "date=2;theirs".to_string())]);
    // Only the account's ten latest stay.
    for i in 0..12 {
        bank::keep_csv_layout(&db, &g, ("512", &format!("row{i:02}")), "date=0;many", NOW + 10 + i).await.unwrap();
    }
    let kept: Vec<String> = bank::csv_layouts(&db, a, "512").await.unwrap().into_iter().map(|(h, _)| h).collect();
    assert_eq!(kept, (2..12).map(|i| format!("row{i:02}")).collect::<Vec<_>>());
    assert_eq!(bank::csv_layouts(&db, b, "512").await.unwrap().len(), 1, "B's are B's");
});

testkit::both_backends!(every_line_of_a_long_page_gets_its_suggestion, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    year_2026(&db, &g).await;
    // More distinct amounts than one suggestions statement takes.
    let mut csv = String::from("Date;Libellé;Montant\n");
    let mut expected = Vec::new();
    for i in 0..45_i64 {
        let cents = 1000 + i * 7;
        csv.push_str(&format!("{:02}/03/2026;VIR DON {i};{},{:02}\n", 1 + i % 28, cents / 100, cents % 100));
        let day = format!("2026-03-{:02}", 1 + i % 28);
        let entry =
            post(&db, &g, (&day, &format!("Don {i}")), vec![Line::debit("512", cents), Line::credit("754", cents)])
                .await;
        expected.push((cents, entry));
    }
    bank::import(&db, &g, ("512", "mars.csv"), &read(&csv), None, NOW).await.unwrap();
    let page = bank::lines(&db, a, "512", 0, 100).await.unwrap();
    assert_eq!(page.len(), 45);
    let suggested = bank::suggestions(&db, a, &page).await.unwrap();
    for line in &page {
        let (_, entry) = expected.iter().find(|(cents, _)| *cents == line.cents).unwrap();
        let first = suggested.get(&line.id).and_then(|s| s.first()).map(|s| s.entry_id);
        assert_eq!(first, Some(*entry), "{}", line.label);
    }
});
