//! The books: entries in open years only, totals kept with them, closing
//! (numbering, seal, opening balances), the seal catching any change, dues
//! posted once, one association never reaching another's books, and a batch
//! written whole across many statements.

use domain::accounting::chain::Break;
use domain::accounting::entry::{Draft, Line, Problem};
use domain::accounting::years::{Assignment, Bounds, ClosingProblem};
use domain::{Date, Grant, HostOperator, KeepBooks, Membership, Role};
use store::accounting::Refused;
use store::accounting::entries;
use store::accounting::years::{self, CloseRefused};
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

fn entry(on: &str, label: &str, lines: Vec<Line>) -> Draft {
    Draft { date: d(on), label: label.into(), reference: String::new(), lines }
}

fn pay(on: &str, label: &str, expense: &str, cents: i64) -> Draft {
    entry(on, label, vec![Line::debit(expense, cents), Line::credit("512", cents)])
}

fn receive(on: &str, label: &str, income: &str, cents: i64) -> Draft {
    entry(on, label, vec![Line::debit("512", cents), Line::credit(income, cents)])
}

/// Debit minus credit of each account with a balance, from the kept totals.
async fn balances(db: &Db, g: &Grant<KeepBooks>, year: i64) -> Vec<(String, i64)> {
    years::totals(db, g.association_id(), year)
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.account.clone(), t.net()))
        .filter(|(_, n)| *n != 0)
        .collect()
}

testkit::both_backends!(entries_go_only_into_open_years_and_keep_the_totals, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    assert_eq!(
        entries::post(&db, &g, &pay("2026-02-01", "Papier", "6064", 1250), "advanced", NOW).await.unwrap(),
        Err(Refused::NoYear)
    );
    let y = years::create(&db, &g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();

    let paper =
        entries::post(&db, &g, &pay("2026-02-01", "Papier", "6064", 1250), "advanced", NOW).await.unwrap().unwrap();
    let dues = entries::post(&db, &g, &receive("2026-01-15", "Cotisations", "756", 50_000), "simple", NOW)
        .await
        .unwrap()
        .unwrap();
    let lopsided = entry("2026-03-01", "Erreur", vec![Line::debit("6064", 1000), Line::credit("512", 900)]);
    assert_eq!(
        entries::post(&db, &g, &lopsided, "advanced", NOW).await.unwrap(),
        Err(Refused::Invalid(vec![Problem::Unbalanced { debit: 1000, credit: 900, difference: 100 }]))
    );
    assert_eq!(balances(&db, &g, y).await, [("512".into(), 48_750), ("6064".into(), 1250), ("756".into(), -50_000)]);

    // The journal in date order, with the journal code the accounts call for.
    let journal = entries::journal_page(&db, a, y, 0, 10).await.unwrap();
    assert_eq!(journal.iter().map(|(e, _)| e.id).collect::<Vec<_>>(), [dues, paper]);
    assert_eq!(journal[0].0.journal, "BQ");
    assert_eq!(
        journal[1].1.iter().map(|l| (l.account.as_str(), l.debit_cents)).collect::<Vec<_>>(),
        [("6064", 1250), ("512", 0)]
    );

    // Changed and removed while the year is open; the totals follow.
    entries::update(&db, &g, paper, &pay("2026-02-02", "Papier et encre", "6064", 3000)).await.unwrap().unwrap();
    let (row, lines) = entries::get(&db, a, paper).await.unwrap().unwrap();
    assert_eq!(
        (row.label.as_str(), row.on_date.as_str(), lines[0].debit_cents),
        ("Papier et encre", "2026-02-02", 3000)
    );
    assert_eq!(balances(&db, &g, y).await, [("512".into(), 47_000), ("6064".into(), 3000), ("756".into(), -50_000)]);
    let extra =
        entries::post(&db, &g, &pay("2026-03-01", "Timbres", "626", 500), "simple", NOW).await.unwrap().unwrap();
    entries::delete(&db, &g, extra).await.unwrap().unwrap();
    assert!(entries::get(&db, a, extra).await.unwrap().is_none());
    assert_eq!(entries::delete(&db, &g, extra).await.unwrap(), Err(Refused::NotFound));
    assert_eq!(balances(&db, &g, y).await, [("512".into(), 47_000), ("6064".into(), 3000), ("756".into(), -50_000)]);

    // An account's ledger, page by page, with the balance carried.
    for i in 0..5 {
        entries::post(&db, &g, &pay(&format!("2026-04-0{}", i + 1), "Frais", "627", 100 + i), "simple", NOW)
            .await
            .unwrap()
            .unwrap();
    }
    let (first, before) = entries::ledger_page(&db, a, (y, "512"), 0, 3).await.unwrap();
    assert_eq!((first.len(), before), (3, 0));
    assert_eq!(first[0].label, "Cotisations");
    let (second, before) = entries::ledger_page(&db, a, (y, "512"), 3, 3).await.unwrap();
    assert_eq!(before, 50_000 - 3000 - 100);
    assert_eq!(second.iter().map(|l| l.credit_cents).collect::<Vec<_>>(), [101, 102, 103]);
});

testkit::both_backends!(closing_seals_the_year_and_opens_the_next, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    let y = years::create(&db, &g, Bounds { start: d("2025-09-01"), end: d("2026-08-31") }).await.unwrap();
    entries::post(&db, &g, &receive("2025-10-01", "Cotisations", "756", 80_000), "simple", NOW).await.unwrap().unwrap();
    let paper =
        entries::post(&db, &g, &pay("2025-09-20", "Papier", "6064", 12_000), "simple", NOW).await.unwrap().unwrap();
    let owed = entry("2026-08-30", "Facture salle", vec![Line::debit("6132", 30_000), Line::credit("401", 30_000)]);
    entries::post(&db, &g, &owed, "advanced", NOW).await.unwrap().unwrap();
    // In-kind contributions: beside the result, never in it.
    let volunteers = entry("2026-06-01", "Bénévolat", vec![Line::debit("864", 90_000), Line::credit("875", 90_000)]);
    entries::post(&db, &g, &volunteers, "advanced", NOW).await.unwrap().unwrap();

    let closed = years::close(&db, &g, y, &Assignment::To("1068".into()), NOW).await.unwrap().unwrap();
    assert_eq!((closed.result, closed.entries), (80_000 - 12_000 - 30_000, 4));
    assert_eq!(years::close(&db, &g, y, &Assignment::Pending, NOW).await.unwrap(), Err(CloseRefused::AlreadyClosed));
    // Numbers in date order; the opening entry carries the balance sheet and the result.
    let journal = entries::journal_page(&db, a, y, 0, 10).await.unwrap();
    assert_eq!(journal.iter().map(|(e, _)| e.number).collect::<Vec<_>>(), [Some(1), Some(2), Some(3), Some(4)]);
    assert_eq!(journal[0].0.id, paper);
    assert!(journal.iter().all(|(e, _)| e.locked && e.hash.as_deref().is_some_and(|h| h.len() == 64)));
    let next = closed.next_year;
    let next_row = years::get(&db, a, next).await.unwrap().unwrap();
    assert_eq!((next_row.starts_on.as_str(), next_row.ends_on.as_str()), ("2026-09-01", "2027-08-31"));
    assert_eq!(
        balances(&db, &g, next).await,
        [("1068".into(), -38_000), ("401".into(), -30_000), ("512".into(), 68_000)]
    );
    let (opening, _) = entries::get(&db, a, closed.opening_entry.unwrap()).await.unwrap().unwrap();
    assert_eq!((opening.journal.as_str(), opening.on_date.as_str()), ("AN", "2026-09-01"));

    // Sealed: no change, no removal, no new entry on a closed date; a reversal corrects.
    assert_eq!(
        entries::update(&db, &g, paper, &pay("2025-09-20", "Papier", "6064", 1)).await.unwrap(),
        Err(Refused::Closed)
    );
    assert_eq!(entries::delete(&db, &g, paper).await.unwrap(), Err(Refused::Closed));
    assert_eq!(
        entries::post(&db, &g, &pay("2026-01-01", "Oubli", "6064", 1), "simple", NOW).await.unwrap(),
        Err(Refused::Closed)
    );
    let undo = entries::reverse(&db, &g, paper, (d("2026-09-05"), "Annulation papier"), NOW).await.unwrap().unwrap();
    let (r, lines) = entries::get(&db, a, undo).await.unwrap().unwrap();
    assert_eq!((r.reverses, r.origin.as_str(), lines[0].credit_cents), (Some(paper), "reversal", 12_000));
    assert_eq!(years::verify(&db, a, y).await.unwrap(), Some(vec![]));
    assert_eq!(years::verify(&db, a, next).await.unwrap(), None, "an open year has no seal yet");

    // The next year's seal follows this one's.
    let second = years::close(&db, &g, next, &Assignment::Pending, NOW).await.unwrap().unwrap();
    assert_eq!(years::verify(&db, a, next).await.unwrap(), Some(vec![]));
    assert_ne!(second.last_hash, closed.last_hash);
});

testkit::both_backends!(the_seal_catches_edits_removals_and_insertions, |db: Db| async move {
    let g = books(&db, "amis").await;
    let a = g.association_id();
    let id = a.0;
    let y = years::create(&db, &g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();
    for i in 1..=4 {
        entries::post(&db, &g, &pay(&format!("2026-0{i}-10"), "Loyer", "6132", 40_000), "simple", NOW)
            .await
            .unwrap()
            .unwrap();
    }
    years::close(&db, &g, y, &Assignment::Pending, NOW).await.unwrap().unwrap();
    assert_eq!(years::verify(&db, a, y).await.unwrap(), Some(vec![]));

    testkit::tamper(
        &db,
        &format!(
            "UPDATE entry_lines SET debit_cents = 4000 WHERE association_id = {id} AND entry_id = 2 AND position = 0"
        ),
    )
    .await;
    assert_eq!(years::verify(&db, a, y).await.unwrap(), Some(vec![Break::Changed { number: 2 }]));
    testkit::tamper(
        &db,
        &format!(
            "UPDATE entry_lines SET debit_cents = 40000 WHERE association_id = {id} AND entry_id = 2 AND position = 0"
        ),
    )
    .await;
    testkit::tamper(&db, &format!("UPDATE entries SET label = 'Loyer!' WHERE association_id = {id} AND id = 3")).await;
    assert_eq!(years::verify(&db, a, y).await.unwrap(), Some(vec![Break::Changed { number: 3 }]));
    testkit::tamper(&db, &format!("UPDATE entries SET label = 'Loyer' WHERE association_id = {id} AND id = 3")).await;
    assert_eq!(years::verify(&db, a, y).await.unwrap(), Some(vec![]), "put back as it was");

    testkit::tamper(&db, &format!("DELETE FROM entry_lines WHERE association_id = {id} AND entry_id = 4")).await;
    testkit::tamper(&db, &format!("DELETE FROM entries WHERE association_id = {id} AND id = 4")).await;
    assert_eq!(years::verify(&db, a, y).await.unwrap(), Some(vec![Break::Head]), "the last entry removed");
    testkit::tamper(
        &db,
        &format!(
            "INSERT INTO entries (association_id, id, year_id, on_date, journal, label, origin, created_at) \
         VALUES ({id}, 99, {y}, '2026-02-01', 'OD', 'Ajout', 'advanced', 0)"
        ),
    )
    .await;
    assert_eq!(years::verify(&db, a, y).await.unwrap(), Some(vec![Break::Unsealed { id: 99 }, Break::Head]));
    testkit::tamper(&db, &format!("DELETE FROM entries WHERE association_id = {id} AND id = 99")).await;
    testkit::tamper(&db, &format!("DELETE FROM entry_lines WHERE association_id = {id} AND entry_id = 1")).await;
    testkit::tamper(&db, &format!("DELETE FROM entries WHERE association_id = {id} AND id = 1")).await;
    let found = years::verify(&db, a, y).await.unwrap().unwrap();
    assert!(
        found.contains(&Break::Missing { after: 0, next: 2 }) && found.contains(&Break::Changed { number: 2 }),
        "{found:?}"
    );
});

testkit::both_backends!(closing_refuses_unbalanced_in_kind_and_years_out_of_order, |db: Db| async move {
    let g = books(&db, "amis").await;
    let y1 = years::create(&db, &g, Bounds { start: d("2025-01-01"), end: d("2025-12-31") }).await.unwrap();
    let y2 = years::create(&db, &g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();
    assert_eq!(years::close(&db, &g, y2, &Assignment::Pending, NOW).await.unwrap(), Err(CloseRefused::EarlierOpen));
    let uses =
        entry("2025-05-01", "Mise à disposition", vec![Line::debit("8611", 50_000), Line::credit("4718", 50_000)]);
    entries::post(&db, &g, &uses, "advanced", NOW).await.unwrap().unwrap();
    assert_eq!(
        years::close(&db, &g, y1, &Assignment::Pending, NOW).await.unwrap(),
        Err(CloseRefused::Books(ClosingProblem::InKindUnbalanced(50_000)))
    );
    assert!(years::get(&db, g.association_id(), y1).await.unwrap().unwrap().closed_at.is_none(), "nothing changed");
    assert_eq!(years::totals(&db, g.association_id(), y2).await.unwrap(), vec![], "no opening entry written");
});

testkit::both_backends!(a_dues_payment_is_posted_once_with_a_link_both_ways, |db: Db| async move {
    use domain::dues::{MembershipType, Payment, PaymentMethod, PeriodRule, Tariff};
    let g = books(&db, "amis").await;
    let a = g.association_id();
    let members: Grant<domain::ManageMembers> =
        Grant::check(&Membership { association_id: a, user_id: g.user_id(), role: Role::Treasurer }).unwrap();
    let lea = domain::members::Member { first_name: "Léa".into(), last_name: "Roux".into(), ..Default::default() };
    store::members::create_many(&db, &members, &[lea], NOW).await.unwrap();
    let ty = MembershipType {
        name: "Adhésion".into(),
        rule: PeriodRule::CalendarYear,
        tariff: Tariff::Fixed(2000),
        household: false,
        account: "7561".into(),
    };
    let t = store::dues::create_type(&db, &members, &ty).await.unwrap();
    let paid =
        Payment { amount: 2000, paid_on: d("2026-03-02"), method: PaymentMethod::Cheque, reference: "n° 7".into() };
    let rec = store::dues::record_payment(&db, &members, domain::MemberId(1), t, &paid, 1, NOW).await.unwrap().unwrap();
    assert_eq!(entries::post_payment(&db, &g, rec.payment, NOW).await.unwrap(), Err(Refused::NoYear));
    assert_eq!(entries::unposted_payments(&db, a).await.unwrap(), [rec.payment]);

    let y = years::create(&db, &g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();
    let posted = entries::post_payment(&db, &g, rec.payment, NOW).await.unwrap().unwrap().unwrap();
    assert_eq!(entries::post_payment(&db, &g, rec.payment, NOW).await.unwrap(), Ok(None), "once");
    assert!(entries::unposted_payments(&db, a).await.unwrap().is_empty());
    let (e, lines) = entries::get(&db, a, posted).await.unwrap().unwrap();
    assert_eq!((e.origin.as_str(), e.label.as_str(), e.reference.as_str()), ("dues", "Adhésion – Léa Roux", "n° 7"));
    assert_eq!(
        lines.iter().map(|l| (l.account.as_str(), l.debit_cents - l.credit_cents)).collect::<Vec<_>>(),
        [("5112", 2000), ("7561", -2000)]
    );
    assert_eq!(balances(&db, &g, y).await, [("5112".into(), 2000), ("7561".into(), -2000)]);
    // Removing the entry puts the payment back among those to post.
    entries::delete(&db, &g, posted).await.unwrap().unwrap();
    assert_eq!(entries::unposted_payments(&db, a).await.unwrap(), [rec.payment]);
});

testkit::both_backends!(one_associations_books_are_out_of_anothers_reach, |db: Db| async move {
    let ga = books(&db, "amis").await;
    let gb = books(&db, "voisins").await;
    let ya = years::create(&db, &ga, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();
    let ea = entries::post(&db, &ga, &pay("2026-02-01", "Papier", "6064", 1250), "simple", NOW).await.unwrap().unwrap();
    // B has no year: its grant cannot post on A's year, nor touch A's entry of the same number.
    assert_eq!(
        entries::post(&db, &gb, &pay("2026-02-01", "x", "6064", 1), "simple", NOW).await.unwrap(),
        Err(Refused::NoYear)
    );
    assert_eq!(entries::delete(&db, &gb, ea).await.unwrap(), Err(Refused::NotFound));
    assert_eq!(
        entries::update(&db, &gb, ea, &pay("2026-02-01", "x", "6064", 1)).await.unwrap(),
        Err(Refused::NotFound)
    );
    assert_eq!(years::close(&db, &gb, ya, &Assignment::Pending, NOW).await.unwrap(), Err(CloseRefused::NotFound));
    assert!(entries::get(&db, gb.association_id(), ea).await.unwrap().is_none());
    assert!(years::get(&db, gb.association_id(), ya).await.unwrap().is_none());
    assert!(entries::journal_page(&db, gb.association_id(), ya, 0, 10).await.unwrap().is_empty());
    assert_eq!(balances(&db, &ga, ya).await, [("512".into(), -1250), ("6064".into(), 1250)]);
});

testkit::both_backends!(recurring_entries_are_written_when_due_once, |db: Db| async move {
    use store::accounting::recurring;
    let g = books(&db, "amis").await;
    let a = g.association_id();
    let y = years::create(&db, &g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();
    let rent = pay("2026-01-05", "Loyer du local", "6132", 40_000);
    let r = recurring::create(&db, &g, &rent, (1, d("2026-01-05"), Some(d("2026-03-31")))).await.unwrap();
    assert_eq!(recurring::post_due(&db, d("2026-01-04"), NOW).await.unwrap(), 0, "not due yet");
    assert_eq!(recurring::post_due(&db, d("2026-02-10"), NOW).await.unwrap(), 2, "January and February");
    assert_eq!(recurring::post_due(&db, d("2026-02-10"), NOW).await.unwrap(), 0, "never twice");
    assert_eq!(recurring::post_due(&db, d("2026-12-31"), NOW).await.unwrap(), 1, "March, then it ends");
    let rows = recurring::list(&db, a).await.unwrap();
    assert_eq!((rows[0].id, rows[0].archived), (r, true));
    let journal = entries::journal_page(&db, a, y, 0, 10).await.unwrap();
    let dates: Vec<&str> = journal.iter().map(|(e, _)| e.on_date.as_str()).collect();
    assert_eq!(dates, ["2026-01-05", "2026-02-05", "2026-03-05"]);
    assert!(journal.iter().all(|(e, _)| e.origin == "recurring"));
    // Past the year: waits for the next year to be opened, then catches up.
    let insurance = pay("2026-12-01", "Assurance", "616", 9_000);
    recurring::create(&db, &g, &insurance, (1, d("2026-12-01"), None)).await.unwrap();
    assert_eq!(recurring::post_due(&db, d("2027-01-15"), NOW).await.unwrap(), 1, "December only");
    years::create(&db, &g, Bounds { start: d("2027-01-01"), end: d("2027-12-31") }).await.unwrap();
    assert_eq!(recurring::post_due(&db, d("2027-01-15"), NOW).await.unwrap(), 1, "January once the year is open");
    assert!(recurring::stop(&db, &g, 2).await.unwrap());
    assert_eq!(recurring::post_due(&db, d("2027-06-15"), NOW).await.unwrap(), 0, "stopped");
});

testkit::both_backends!(a_batch_is_written_whole_across_many_statements, |db: Db| async move {
    let g = books(&db, "lot").await;
    let a = g.association_id();
    // More entries and lines than one statement carries on either backend,
    // some with three lines so that entries straddle statements.
    let drafts: Vec<Draft> = (0..1234_i64)
        .map(|i| {
            let day = format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
            if i % 7 == 0 {
                let lines = vec![Line::debit("512", 1000 + i), Line::debit("627", 30), Line::credit("756", 1030 + i)];
                entry(&day, &format!("Cotisation en ligne {i}"), lines)
            } else {
                receive(&day, &format!("Cotisation {i}"), "756", 1000 + i)
            }
        })
        .collect();
    let incoming = |drafts: &[Draft]| -> Vec<entries::Incoming> {
        drafts.iter().map(|d| entries::Incoming { draft: d.clone(), journal: "BQ".into(), origin: "import" }).collect()
    };
    let year = Bounds { start: d("2026-01-01"), end: d("2026-12-31") };
    // One wrong entry far in: nothing at all is written.
    let mut wrong = drafts.clone();
    wrong[1100].date = d("2027-02-01");
    let batch = entries::Batch { entries: incoming(&wrong), years: vec![year], ..Default::default() };
    assert_eq!(entries::post_many(&db, &g, &batch, NOW).await.unwrap(), Err((1100, Refused::NoYear)));
    assert!(years::list(&db, a).await.unwrap().is_empty(), "not even the year");

    let batch = entries::Batch { entries: incoming(&drafts), years: vec![year], ..Default::default() };
    assert_eq!(entries::post_many(&db, &g, &batch, NOW).await.unwrap(), Ok(1234));
    let y = years::list(&db, a).await.unwrap()[0].id;
    let journal = entries::journal_page(&db, a, y, 0, 10_000).await.unwrap();
    assert_eq!(journal.len(), 1234);
    let written: usize = journal.iter().map(|(_, l)| l.len()).sum();
    assert_eq!(written, drafts.iter().map(|d| d.lines.len()).sum::<usize>());
    for (e, lines) in &journal {
        let i: usize = e.label.rsplit(' ').next().unwrap().parse().unwrap();
        assert_eq!(e.on_date, drafts[i].date.to_string());
        let amounts: Vec<(&str, i64, i64)> =
            lines.iter().map(|l| (l.account.as_str(), l.debit_cents, l.credit_cents)).collect();
        let expected: Vec<(&str, i64, i64)> =
            drafts[i].lines.iter().map(|l| (l.account.as_str(), l.debit, l.credit)).collect();
        assert_eq!(amounts, expected, "entry {i}: its own lines, in order");
    }
    let income: i64 = drafts.iter().flat_map(|d| &d.lines).filter(|l| l.account == "756").map(|l| l.credit).sum();
    let fees = 30 * (0..1234).filter(|i| i % 7 == 0).count() as i64;
    assert_eq!(
        balances(&db, &g, y).await,
        [("512".into(), income - fees), ("627".into(), fees), ("756".into(), -income)]
    );
});

testkit::both_backends!(a_write_waits_for_another_writer_instead_of_failing, |db: Db| async move {
    let g = books(&db, "amis").await;
    years::create(&db, &g, Bounds { start: d("2026-01-01"), end: d("2026-12-31") }).await.unwrap();
    let id = entries::post(&db, &g, &pay("2026-02-01", "Papier", "6064", 1250), "simple", NOW).await.unwrap().unwrap();
    // Another writer holds the database for a moment (on SQLite, its write lock).
    let (locked, is_locked) = tokio::sync::oneshot::channel();
    let holder = tokio::spawn({
        let db = db.clone();
        async move {
            let touch = "UPDATE associations SET name = name";
            match &db {
                Db::Sqlite(p) => {
                    let mut tx = p.begin_with("BEGIN IMMEDIATE").await.unwrap();
                    sqlx::query(touch).execute(&mut *tx).await.unwrap();
                    locked.send(()).unwrap();
                    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                    tx.commit().await.unwrap();
                }
                Db::Postgres(p) => {
                    let mut tx = p.begin().await.unwrap();
                    sqlx::query(touch).execute(&mut *tx).await.unwrap();
                    locked.send(()).unwrap();
                    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
                    tx.commit().await.unwrap();
                }
            }
        }
    });
    is_locked.await.unwrap();
    // Deleting reads the entry, then writes: it waits its turn rather than
    // failing on SQLite's lock upgrade ("database is locked").
    assert_eq!(entries::delete(&db, &g, id).await.unwrap(), Ok(()));
    holder.await.unwrap();
    assert!(entries::get(&db, g.association_id(), id).await.unwrap().is_none());
});
