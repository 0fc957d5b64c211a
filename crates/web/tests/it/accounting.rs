//! The books through their pages: opening years, simple and advanced
//! entries with every refusal located, closing and the seal, reversals,
//! dues posted from the members module, the chart, roles and the module switch.

use super::*;
use axum::http::StatusCode;
use domain::Role;

/// `amis` with its 2026 fiscal year open.
async fn books(app: &TestApp) -> (testkit::app::Fixture, Client) {
    let (f, mut c) = admin_of(app, "amis").await;
    let r = c.post("/accounting/years", &[("start", "01/01/2026"), ("end", "31/12/2026")]).await;
    assert_eq!(r.location(), "/accounting?notice=notice-saved");
    (f, c)
}

fn expense<'a>(date: &'a str, label: &'a str, amount: &'a str) -> [(&'a str, &'a str); 6] {
    [
        ("kind", "expense"),
        ("date", date),
        ("label", label),
        ("amount", amount),
        ("category", "6064"),
        ("payment", "512"),
    ]
}

async fn entry_count(app: &TestApp, f: &testkit::app::Fixture) -> usize {
    let mut n = 0;
    for y in store::accounting::years::list(&app.db, f.association).await.unwrap() {
        n += store::accounting::entries::journal_page(&app.db, f.association, y.id, 0, 1000).await.unwrap().len();
    }
    n
}

testkit::web_test!(years_open_one_after_another, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let page = c.get("/accounting").await;
    assert!(page.body.contains("Aucun exercice ouvert"), "{}", page.body);
    assert!(field_value(&page.body, "start").is_some_and(|v| v.starts_with("01/")), "the first year is suggested");
    assert_refused(&c.post("/accounting/years", &[("start", "31/02/2026"), ("end", "31/12/2026")]).await, "start");
    assert_refused(&c.post("/accounting/years", &[("start", "01/01/2026"), ("end", "01/01/2028")]).await, "end");
    assert!(store::accounting::years::list(&app.db, f.association).await.unwrap().is_empty(), "nothing written");
    // A first year of sixteen months, then the next right after it.
    assert_eq!(
        c.post("/accounting/years", &[("start", "01/09/2025"), ("end", "31/12/2026")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_refused(&c.post("/accounting/years", &[("start", "01/02/2027"), ("end", "31/12/2027")]).await, "start");
    assert_refused(&c.post("/accounting/years", &[("start", "01/06/2026"), ("end", "31/05/2027")]).await, "start");
    let page = c.get("/accounting").await;
    assert_eq!(field_value(&page.body, "start").as_deref(), Some("01/01/2027"), "the next year is suggested");
    assert_eq!(
        c.post("/accounting/years", &[("start", "01/01/2027"), ("end", "31/12/2027")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(store::accounting::years::list(&app.db, f.association).await.unwrap().len(), 2);
});

testkit::web_test!(a_simple_expense_becomes_a_balanced_entry, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    let form = c.get("/accounting/entries/new?kind=expense").await;
    assert!(form.body.contains("6064 – Fournitures administratives"), "{}", form.body);
    assert!(form.body.contains("<option value=\"512\""), "the bank is offered");
    assert!(!form.body.contains("<option value=\"756\""), "no income account for an expense");

    // Every refusal on its field; nothing written.
    let bad = [
        ("kind", "expense"),
        ("date", "30/02/2026"),
        ("label", ""),
        ("amount", "douze"),
        ("category", "756"),
        ("payment", "6064"),
    ];
    let r = c.post("/accounting/entries", &bad).await;
    for field in ["date", "label", "amount", "category", "payment"] {
        assert_refused(&r, field);
    }
    assert_eq!(field_value(&r.body, "amount").as_deref(), Some("douze"), "what was typed comes back");
    let r = c.post("/accounting/entries", &expense("14/03/2025", "Papier", "12,50")).await;
    assert_refused(&r, "date");
    assert!(r.body.contains("Aucun exercice ne couvre cette date"), "{}", r.body);
    assert_eq!(entry_count(&app, &f).await, 0);

    let r = c.post("/accounting/entries", &expense("14/03/2026", "Papier pour l'AG", "12,50")).await;
    assert_eq!(r.location(), "/accounting/entries/1?notice=notice-entry-saved");
    let page = c.get("/accounting/entries/1").await;
    assert!(page.body.contains("Papier pour l&#39;AG") || page.body.contains("Papier pour l'AG"), "{}", page.body);
    assert!(page.body.contains("Banque (BQ)"), "{}", page.body);
    let totals = store::accounting::years::totals(&app.db, f.association, 1).await.unwrap();
    assert_eq!(
        totals.iter().map(|t| (t.account.as_str(), t.net())).collect::<Vec<_>>(),
        [("512", -1250), ("6064", 1250)]
    );
    // The front page shows the money and the result so far.
    let front = c.get("/accounting").await.body;
    assert!(front.contains("Déficit à ce jour") && front.contains("12,50"), "{front}");
    // An income into the cash box.
    let income = [
        ("kind", "income"),
        ("date", "15/03/2026"),
        ("label", "Buvette"),
        ("amount", "80"),
        ("category", "7073"),
        ("payment", "530"),
    ];
    assert_eq!(c.post("/accounting/entries", &income).await.status, StatusCode::SEE_OTHER);
    let journal = c.get("/accounting/years/1/journal").await.body;
    assert!(journal.find("Papier").unwrap() < journal.find("Buvette").unwrap(), "in date order");
    let ledger = c.get("/accounting/years/1/ledger/530").await.body;
    assert!(ledger.contains("Buvette") && ledger.contains("80,00"), "{ledger}");
    let balance = c.get("/accounting/years/1/balance").await.body;
    assert!(balance.contains("92,50"), "total debits: {balance}");
});

testkit::web_test!(an_advanced_entry_must_balance_and_can_change_while_open, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    let lopsided = [
        ("date", "01/04/2026"),
        ("label", "Facture salle"),
        ("account-0", "6132"),
        ("debit-0", "300"),
        ("account-1", "401"),
        ("credit-1", "290"),
        ("account-2", "999"),
        ("debit-2", "1"),
        ("credit-2", "1"),
        ("action", "save"),
    ];
    let r = c.post("/accounting/entries/advanced", &lopsided).await;
    assert_refused(&r, "account-2");
    assert_refused(&r, "debit-2");
    assert_refused(&r, "lines");
    assert!(r.body.contains("écart de 10,00"), "the difference is shown: {}", r.body);
    assert_eq!(entry_count(&app, &f).await, 0);
    // More rows, keeping what was typed.
    let mut more = lopsided.to_vec();
    more.pop();
    more.push(("action", "more"));
    let r = c.post("/accounting/entries/advanced", &more).await;
    assert!(r.body.contains("name=\"account-6\""), "four more rows");
    assert_eq!(field_value(&r.body, "debit-0").as_deref(), Some("300"));

    let split = [
        ("date", "01/04/2026"),
        ("label", "Facture salle"),
        ("reference", "F-2026-12"),
        ("account-0", "6132"),
        ("debit-0", "300"),
        ("account-1", "512"),
        ("credit-1", "100"),
        ("account-3", "401"),
        ("credit-3", "200"),
        ("action", "save"),
    ];
    assert_eq!(
        c.post("/accounting/entries/advanced", &split).await.location(),
        "/accounting/entries/1?notice=notice-entry-saved"
    );
    let edit = c.get("/accounting/entries/1/edit").await;
    assert_eq!(field_value(&edit.body, "account-2").as_deref(), Some("401"), "rows renumbered from the stored lines");
    let mut changed: Vec<(&str, &str)> = split.to_vec();
    changed[1] = ("label", "Facture salle (mars)");
    assert_eq!(c.post("/accounting/entries/1/edit", &changed).await.status, StatusCode::SEE_OTHER);
    let (e, lines) = store::accounting::entries::get(&app.db, f.association, 1).await.unwrap().unwrap();
    assert_eq!((e.label.as_str(), e.reference.as_str(), lines.len()), ("Facture salle (mars)", "F-2026-12", 3));
    assert_eq!(c.post("/accounting/entries/1/delete", &[]).await.location(), "/accounting?notice=notice-entry-deleted");
    assert_eq!(entry_count(&app, &f).await, 0);
    assert!(store::accounting::years::totals(&app.db, f.association, 1).await.unwrap().is_empty());
});

testkit::web_test!(closing_seals_the_year_and_corrections_are_reversals, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    c.post("/accounting/entries", &expense("10/02/2026", "Papier", "40")).await;
    let dues = [
        ("kind", "income"),
        ("date", "11/02/2026"),
        ("label", "Cotisations"),
        ("amount", "200"),
        ("category", "756"),
        ("payment", "512"),
    ];
    c.post("/accounting/entries", &dues).await;
    let year = c.get("/accounting/years/1").await.body;
    assert!(year.contains("Excédent à ce jour") && year.contains("160,00"), "{year}");

    let r = c.post("/accounting/years/1/close", &[("assignment", "1068")]).await;
    assert_refused(&r, "confirm");
    assert!(store::accounting::years::get(&app.db, f.association, 1).await.unwrap().unwrap().closed_at.is_none());
    let r = c.post("/accounting/years/1/close", &[("assignment", "1068"), ("confirm", "on")]).await;
    assert_eq!(r.location(), "/accounting/years/1?notice=notice-year-closed");
    let year = c.get(r.location()).await.body;
    assert!(year.contains("Vérifié : les écritures sont exactement celles de la clôture"), "{year}");
    // The next year holds the opening balances, the result in reserves.
    let next = store::accounting::years::totals(&app.db, f.association, 2).await.unwrap();
    assert_eq!(
        next.iter().map(|t| (t.account.as_str(), t.net())).collect::<Vec<_>>(),
        [("1068", -16_000), ("512", 16_000)]
    );

    // A sealed entry: no change, no removal; a reversal in the open year.
    let page = c.get("/accounting/entries/1").await.body;
    assert!(page.contains("Scellée, n° 1"), "{page}");
    assert_eq!(
        c.get("/accounting/entries/1/edit").await.location(),
        "/accounting/entries/1?notice=notice-entry-locked"
    );
    assert_eq!(
        c.post("/accounting/entries/1/delete", &[]).await.location(),
        "/accounting/entries/1?notice=notice-entry-locked"
    );
    let r = c.post("/accounting/entries", &expense("12/02/2026", "Oubli", "5")).await;
    assert!(r.body.contains("exercice clôturé"), "{}", r.body);
    let r = c.post("/accounting/entries/1/reverse", &[("date", "05/01/2027")]).await;
    let reversal = r.location().split('?').next().unwrap().to_string();
    let page = c.get(&reversal).await.body;
    let reverses = page.contains("annule l&#39;écriture 1") || page.contains("annule l'écriture 1");
    assert!(page.contains("Annulation : Papier") && reverses, "{page}");
    assert_eq!(store::accounting::years::verify(&app.db, f.association, 1).await.unwrap(), Some(vec![]));

    // A change made behind Préau's back shows on the year's page.
    testkit::tamper(&app.db, "UPDATE entry_lines SET debit_cents = 1 WHERE entry_id = 1 AND position = 0").await;
    let year = c.get("/accounting/years/1").await.body;
    assert!(
        year.contains("L&#39;écriture n° 1 ne correspond plus") || year.contains("L'écriture n° 1 ne correspond plus"),
        "{year}"
    );
});

testkit::web_test!(dues_payments_are_posted_to_the_books, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    c.post("/members", &[("first_name", "Léa"), ("last_name", "Roux")]).await;
    let tariff = [("name", "Adhésion"), ("rule", "calendar"), ("tariff", "fixed"), ("amount", "20")];
    c.post("/members/types", &tariff).await;
    // Recorded before any year is open: waits to be posted.
    let paid = [("type", "1"), ("amount", "20"), ("paid_on", "02/01/2026"), ("method", "cheque")];
    assert_eq!(c.post("/members/1/payments", &paid).await.status, StatusCode::SEE_OTHER);
    c.post("/accounting/years", &[("start", "01/01/2026"), ("end", "31/12/2026")]).await;
    let front = c.get("/accounting").await.body;
    assert!(
        front.contains("Un paiement de cotisation n&#39;est pas encore")
            || front.contains("Un paiement de cotisation n'est pas encore"),
        "{front}"
    );
    assert_eq!(c.post("/accounting/payments", &[]).await.location(), "/accounting?notice=notice-payments-posted");
    assert!(store::accounting::entries::unposted_payments(&app.db, f.association).await.unwrap().is_empty());
    // Recorded in an open year: posted at once, linked both ways.
    let paid = [("type", "1"), ("amount", "25"), ("paid_on", "03/01/2026"), ("method", "cash")];
    c.post("/members/1/payments", &paid).await;
    let page = c.get("/accounting/entries/2").await.body;
    assert!(page.contains("Cotisation enregistrée") && page.contains("href=\"/members/1#payments\""), "{page}");
    let totals = store::accounting::years::totals(&app.db, f.association, 1).await.unwrap();
    assert_eq!(
        totals.iter().map(|t| (t.account.as_str(), t.net())).collect::<Vec<_>>(),
        [("5112", 2000), ("530", 2500), ("756", -4500)]
    );
});

testkit::web_test!(the_chart_takes_sub_accounts_and_ibans, |app: TestApp| async move {
    let (_, mut c) = books(&app).await;
    let chart = c.get("/accounting/accounts").await.body;
    assert!(chart.contains("Fournitures administratives"), "{chart}");
    assert_refused(&c.post("/accounting/accounts", &[("code", "12a"), ("label", "x")]).await, "code");
    assert_refused(&c.post("/accounting/accounts", &[("code", "6064"), ("label", "x")]).await, "code");
    assert_refused(&c.post("/accounting/accounts", &[("code", "99001"), ("label", "x")]).await, "code");
    assert_eq!(
        c.post("/accounting/accounts", &[("code", "5121"), ("label", "Crédit coopératif")]).await.status,
        StatusCode::SEE_OTHER
    );
    let bad_iban = [("label-5121", "Crédit coopératif"), ("iban-5121", "FR76 3000 6000 0112 3456 7890 188")];
    assert_refused(&c.post("/accounting/accounts/5121", &bad_iban).await, "iban-5121");
    let iban = [("label-5121", "Crédit coopératif"), ("iban-5121", "fr76 3000 6000 0112 3456 7890 189")];
    assert_eq!(c.post("/accounting/accounts/5121", &iban).await.status, StatusCode::SEE_OTHER);
    assert!(c.get("/accounting/accounts").await.body.contains("IBAN FR7630006000011234567890189"));
    // The new account is offered for payments; a hidden one is not.
    assert!(c.get("/accounting/entries/new?kind=expense").await.body.contains("<option value=\"5121\""));
    c.post("/accounting/accounts/530", &[("label-530", "Caisse"), ("hidden-530", "on")]).await;
    assert!(!c.get("/accounting/entries/new?kind=expense").await.body.contains("<option value=\"530\""));
    assert_eq!(c.post("/accounting/accounts/99999", &[("label-99999", "x")]).await.status, StatusCode::NOT_FOUND);
});

testkit::web_test!(the_books_follow_roles_and_the_module_switch, |app: TestApp| async move {
    let (f, mut admin) = books(&app).await;
    app.member(&f, "secretaire@amis.test", Role::Secretary).await;
    app.member(&f, "membre@amis.test", Role::Member).await;
    let mut secretary = app.logged_in("secretaire@amis.test").await;
    assert_eq!(secretary.get("/accounting").await.status, StatusCode::OK, "the team reads the books");
    assert!(
        !secretary.get("/accounting").await.body.contains("/accounting/entries/new"),
        "but is not offered to write"
    );
    assert_eq!(
        secretary.post("/accounting/entries", &expense("14/03/2026", "x", "1")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        secretary.post("/accounting/years/1/close", &[("confirm", "on"), ("assignment", "pending")]).await.status,
        StatusCode::FORBIDDEN
    );
    let mut member = app.logged_in("membre@amis.test").await;
    assert_eq!(member.get("/accounting").await.status, StatusCode::FORBIDDEN);
    admin.post("/settings", &[("name", "Amis"), ("fiscal_year_start_month", "1"), ("modules", "members")]).await;
    assert_eq!(admin.get("/accounting").await.status, StatusCode::NOT_FOUND);
    assert!(!admin.get("/").await.body.contains("href=\"/accounting\""), "not in the menu");
});

/// A FEC's lines reduced to what an import must keep: journal, date,
/// account, amounts and label (numbers and validation dates may differ).
fn fec_content(bytes: &[u8]) -> Vec<(String, String, String, i64, i64, String)> {
    domain::accounting::fec::parse(bytes)
        .unwrap()
        .into_iter()
        .map(|l| (l.journal_code, l.ecriture_date.to_string(), l.compte_num, l.debit, l.credit, l.ecriture_lib))
        .collect()
}

pub async fn download(app: &TestApp, c: &Client, path: &str) -> (String, Vec<u8>) {
    use tower::ServiceExt;
    let cookie = c.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let req = axum::http::Request::builder()
        .uri(path)
        .header("host", "preau.test")
        .header("cookie", cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let name = res.headers().get("content-disposition").unwrap().to_str().unwrap().to_string();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
    (name, bytes)
}

testkit::web_test!(a_years_fec_passes_an_independent_check_and_imports_back_the_same, |app: TestApp| async move {
    let (_, mut c) = books(&app).await;
    c.post("/accounting/entries", &expense("10/02/2026", "Papier « spécial » œuvres", "40,10")).await;
    let dues = [
        ("kind", "income"),
        ("date", "11/02/2026"),
        ("label", "Cotisations été"),
        ("amount", "200"),
        ("category", "756"),
        ("payment", "530"),
    ];
    c.post("/accounting/entries", &dues).await;
    let deposit = [
        ("kind", "transfer"),
        ("date", "12/02/2026"),
        ("label", "Dépôt espèces"),
        ("amount", "150"),
        ("category", "512"),
        ("payment", "530"),
    ];
    c.post("/accounting/entries", &deposit).await;
    let split = [
        ("date", "01/03/2026"),
        ("label", "Facture salle"),
        ("reference", "F-12"),
        ("account-0", "6132"),
        ("debit-0", "300"),
        ("account-1", "512"),
        ("credit-1", "100"),
        ("line-label-1", "Acompte"),
        ("account-2", "401"),
        ("credit-2", "200"),
        ("action", "save"),
    ];
    c.post("/accounting/entries/advanced", &split).await;
    c.post("/accounting/years/1/close", &[("assignment", "pending"), ("confirm", "on")]).await;

    let (name, fec) = download(&app, &c, "/accounting/years/1/fec").await;
    assert_eq!(name, "attachment; filename=\"FEC20261231.txt\"");
    assert_eq!(testkit::fec_check::check(&fec), Vec::<String>::new(), "the independent checker finds nothing");
    let content = fec_content(&fec);
    assert_eq!(content.len(), 9);
    assert!(content.iter().any(|l| l.5 == "Papier « spécial » œuvres"), "{content:?}");

    // Another association brings it in: its year is opened, the same entries land.
    let (g, mut d) = admin_of(&app, "voisins").await;
    let check = d
        .post_multipart_with("/accounting/fec", &[("check_only", "on")], ("file", &name[22..name.len() - 1], &fec))
        .await;
    assert!(check.body.contains("4 écriture(s), 9 ligne(s) à importer"), "{}", check.body);
    assert!(store::accounting::years::list(&app.db, g.association).await.unwrap().is_empty(), "a check writes nothing");
    let r = d.post_multipart("/accounting/fec", "file", "FEC20261231.txt", &fec).await;
    assert_eq!(r.location(), "/accounting?notice=notice-fec-imported");
    let years = store::accounting::years::list(&app.db, g.association).await.unwrap();
    assert_eq!((years.len(), years[0].starts_on.as_str(), years[0].ends_on.as_str()), (1, "2026-01-01", "2026-12-31"));
    let (_, again) = download(&app, &d, &format!("/accounting/years/{}/fec", years[0].id)).await;
    assert_eq!(testkit::fec_check::check(&again), Vec::<String>::new());
    assert_eq!(fec_content(&again), content, "exported again: the same entries and totals");
    // The same file a second time is refused whole.
    let r = d.post_multipart("/accounting/fec", "file", "FEC20261231.txt", &fec).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("déjà été importé"), "{}", r.body);
    assert_eq!(entry_count(&app, &g).await, 4);
});

testkit::web_test!(a_bad_fec_lists_every_problem_and_writes_nothing, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    let header = domain::accounting::fec::HEADER.join("\t");
    let row = |num: &str, date: &str, account: &str, debit: &str, credit: &str| {
        format!(
            "BQ\tBanque\t{num}\t{date}\t{account}\tCompte\t\t\tP1\t{date}\tLibellé\t{debit}\t{credit}\t\t\t20261231\t\t"
        )
    };
    let text = [
        header,
        row("1", "20260230", "512", "10,00", "0,00"),
        row("1", "20260230", "756", "0,00", "10,00"),
        row("2", "20260301", "512", "10,00", "0,00"),
        row("2", "20260301", "756", "0,00", "9,00"),
        row("3", "20260302", "99", "1,00", "0,00"),
        row("3", "20260302", "512", "0,00", "1,00"),
    ]
    .join("\r\n");
    let r = c.post_multipart("/accounting/fec", "file", "mauvais.txt", text.as_bytes()).await;
    assert_refused(&r, "file");
    for located in [
        "ligne 2, colonne « EcritureDate »",
        "ligne 3, colonne « EcritureDate »",
        "ligne 6, colonne « CompteNum »",
        "BQ 2",
    ] {
        assert!(r.body.contains(located), "{located}: {}", r.body);
    }
    assert_eq!(entry_count(&app, &f).await, 0);
    // Dated in no year, once the file reads: refused with the entry's line.
    let elsewhere = [
        domain::accounting::fec::HEADER.join("\t"),
        row("1", "20300105", "512", "5,00", "0,00"),
        row("1", "20300105", "756", "0,00", "5,00"),
    ]
    .join("\n");
    c.post(
        "/settings",
        &[("name", "Amis"), ("fiscal_year_start_month", "1"), ("modules", "members"), ("modules", "accounting")],
    )
    .await;
    let before = store::accounting::years::list(&app.db, f.association).await.unwrap().len();
    let r = c.post_multipart("/accounting/fec", "file", "futur.txt", elsewhere.as_bytes()).await;
    assert_refused(&r, "file");
    assert!(r.body.contains("ligne 2"), "{}", r.body);
    assert_eq!(store::accounting::years::list(&app.db, f.association).await.unwrap().len(), before, "no year opened");
});

/// A small file of books written for these tests (`tests/fixtures/books`).
fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books").join(name)).unwrap()
}

testkit::web_test!(paheko_and_dolibarr_journals_import_all_or_nothing_and_once, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    let mut total = 0;
    for (name, format) in
        [("paheko-complet.csv", "auto"), ("paheko-simplifie.csv", "paheko"), ("dolibarr-grand-livre.csv", "auto")]
    {
        let bytes = fixture(name);
        let r = c.post_multipart_with("/accounting/fec", &[("format", format)], ("file", name, &bytes)).await;
        assert_eq!(r.location(), "/accounting?notice=notice-fec-imported", "{name}: {}", r.body);
        total += 2;
        assert_eq!(entry_count(&app, &f).await, total, "{name}");
        let again = c.post_multipart_with("/accounting/fec", &[("format", format)], ("file", name, &bytes)).await;
        assert_refused(&again, "file");
        assert!(again.body.contains("déjà été importé"), "{name}: {}", again.body);
        assert_eq!(entry_count(&app, &f).await, total, "{name} twice creates nothing");
    }
    let year = store::accounting::years::list(&app.db, f.association).await.unwrap()[0].id;
    let journal = store::accounting::entries::journal_page(&app.db, f.association, year, 0, 100).await.unwrap();
    let entry = |label: &str| {
        let (e, lines) = journal.iter().find(|(e, _)| e.label == label).unwrap_or_else(|| panic!("{label}"));
        let shape: Vec<(String, i64, i64, String)> =
            lines.iter().map(|l| (l.account.clone(), l.debit_cents, l.credit_cents, l.label.clone())).collect();
        (e.journal.clone(), e.reference.clone(), shape)
    };
    let line = |account: &str, debit: i64, credit: i64, label: &str| (account.into(), debit, credit, label.into());
    assert_eq!(
        entry("Achats de février"),
        (
            "BQ".into(),
            "F42".into(),
            vec![line("606", 4550, 0, "Papeterie"), line("6063", 1200, 0, "Agrafeuse"), line("5121", 0, 5750, "")]
        ),
        "the grouped rows follow their entry"
    );
    assert_eq!(
        entry("Don de Léa Müller – merci !"),
        ("CA".into(), "R-3".into(), vec![line("530", 125_000, 0, ""), line("7541", 0, 125_000, "")]),
        "Windows-1252, `;`, a decimal comma and a thousands space"
    );
    assert_eq!(entry("Adhésion annuelle – Gérard").0, "VT", "Dolibarr's journal kept");
    let accounts = store::accounting::chart::accounts(&app.db, f.association).await.unwrap();
    assert!(accounts.iter().any(|a| a.code == "5121" && a.label == "Compte courant"), "a sub-account with its label");

    // A bad line: located by line and column, nothing written.
    let bad = String::from_utf8(fixture("dolibarr-grand-livre.csv"))
        .unwrap()
        .replace(";120.00;-120.00;VT", ";12O.00;-120.00;VT");
    let r = c.post_multipart("/accounting/fec", "file", "dolibarr-2.csv", bad.as_bytes()).await;
    assert_refused(&r, "file");
    assert!(r.body.contains("ligne 2, colonne « credit »"), "{}", r.body);
    let mut bad = fixture("paheko-simplifie.csv");
    let at = bad.windows(10).position(|w| w == b"31/03/2026").unwrap();
    bad[at + 3..at + 5].copy_from_slice(b"13");
    let r = c.post_multipart_with("/accounting/fec", &[("format", "paheko")], ("file", "p.csv", &bad)).await;
    assert_refused(&r, "file");
    assert!(r.body.contains("ligne 3, colonne « Date »"), "{}", r.body);
    let r = c.post_multipart_with("/accounting/fec", &[("format", "dolibarr")], ("file", "p.csv", &bad)).await;
    assert_refused(&r, "file");
    let r = c.post_multipart_with("/accounting/fec", &[("format", "sage")], ("file", "p.csv", &bad)).await;
    assert_refused(&r, "format");
    assert_eq!(entry_count(&app, &f).await, total);
});

/// Text of a PDF, read back by poppler's `pdftotext` (a real reader).
pub fn pdf_text(bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("preau-report-{}.pdf", testkit::random_hex(8)));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

testkit::web_test!(statements_and_reports_come_as_pages_sheets_and_pdf, |app: TestApp| async move {
    let (_, mut c) = books(&app).await;
    let dues = [
        ("kind", "income"),
        ("date", "11/02/2026"),
        ("label", "Cotisations"),
        ("amount", "500"),
        ("category", "756"),
        ("payment", "512"),
    ];
    c.post("/accounting/entries", &dues).await;
    c.post("/accounting/entries", &expense("12/02/2026", "Fournitures", "120")).await;
    let grant = [
        ("kind", "receivable"),
        ("date", "13/02/2026"),
        ("label", "Subvention mairie"),
        ("amount", "1000"),
        ("category", "741"),
        ("payment", "441"),
    ];
    c.post("/accounting/entries", &grant).await;

    let income = c.get("/accounting/years/1/statement").await.body;
    assert!(income.contains("Cotisations") && income.contains("500,00"), "{income}");
    assert!(income.contains("1 380,00") || income.contains("1\u{202f}380,00"), "the surplus: {income}");
    let sheet = c.get("/accounting/years/1/balance-sheet").await.body;
    assert!(sheet.contains("Bilan"), "{sheet}");

    // The same table in every format.
    for (format, kind) in
        [("csv", "text/csv"), ("xlsx", "spreadsheetml"), ("ods", "opendocument"), ("pdf", "application/pdf")]
    {
        let (name, bytes) = download(&app, &c, &format!("/accounting/years/1/statement?format={format}")).await;
        assert!(name.ends_with(&format!("statement-2026-12-31.{format}\"")), "{name}");
        if format == "pdf" {
            let text = pdf_text(&bytes);
            assert!(
                text.contains("Compte de résultat") && text.contains("Cotisations") && text.contains("1 380,00"),
                "{text}"
            );
        } else {
            let table = sheet::read(&format!("r.{format}"), &bytes, 1000).unwrap();
            let dues_row = table.rows.iter().find(|r| r.cells[0] == "Cotisations").expect("a dues row");
            assert!(
                dues_row.cells[1] == "500.00" || dues_row.cells[1] == "500" || dues_row.cells[1] == "500,00",
                "{kind}: {:?}",
                dues_row.cells
            );
        }
    }
    let (_, journal) = download(&app, &c, "/accounting/years/1/journal?format=csv").await;
    let journal = sheet::read("j.csv", &journal, 100).unwrap();
    assert_eq!(journal.rows.len(), 6, "two lines an entry");
    let (_, ledger) = download(&app, &c, "/accounting/years/1/ledger/512?format=pdf").await;
    assert!(pdf_text(&ledger).contains("380,00"), "the bank's balance after both");
    let (_, balance) = download(&app, &c, "/accounting/years/1/balance?format=xlsx").await;
    assert_eq!(sheet::read("b.xlsx", &balance, 100).unwrap().rows.len(), 6, "five accounts and the total");
    assert_eq!(c.get("/accounting/years/1/statement?format=doc").await.status, StatusCode::BAD_REQUEST);
});

testkit::web_test!(projects_gather_entries_and_budgets_compare_with_them, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    assert!(c.get("/accounting/projects").await.body.contains("Aucun projet"));
    assert_refused(&c.post("/accounting/projects", &[("name", " ")]).await, "name");
    assert_eq!(c.post("/accounting/projects", &[("name", "Fête de quartier")]).await.status, StatusCode::SEE_OTHER);
    assert_refused(&c.post("/accounting/projects", &[("name", "Fête de quartier")]).await, "name");

    let mut paper = expense("02/05/2026", "Affiches", "60").to_vec();
    paper.push(("project", "1"));
    assert_eq!(c.post("/accounting/entries", &paper).await.status, StatusCode::SEE_OTHER);
    let mut stray = expense("02/05/2026", "Affiches", "60").to_vec();
    stray.push(("project", "99"));
    assert_refused(&c.post("/accounting/entries", &stray).await, "project");
    let grant = [
        ("date", "03/05/2026"),
        ("label", "Subvention ville"),
        ("project", "1"),
        ("account-0", "512"),
        ("debit-0", "400"),
        ("account-1", "7411"),
        ("credit-1", "400"),
        ("action", "save"),
    ];
    let r = c.post("/accounting/entries/advanced", &grant).await;
    assert_refused(&r, "account-1");
    c.post("/accounting/accounts", &[("code", "7411"), ("label", "Subvention Ville de Lyon")]).await;
    assert_eq!(c.post("/accounting/entries/advanced", &grant).await.status, StatusCode::SEE_OTHER);
    let (_, lines) = store::accounting::entries::get(&app.db, f.association, 2).await.unwrap().unwrap();
    assert_eq!(
        lines.iter().map(|l| (l.account.as_str(), l.project_id)).collect::<Vec<_>>(),
        [("512", None), ("7411", Some(1))]
    );

    // The project's report, like the Cerfa: the funder by the association's own name.
    let report = c.get("/accounting/projects/1").await.body;
    assert!(
        report.contains("7411 Subvention Ville de Lyon") && report.contains("400,00") && report.contains("60,00"),
        "{report}"
    );
    let (_, csv) = download(&app, &c, "/accounting/projects/1?format=csv").await;
    assert!(String::from_utf8(csv).unwrap().contains("Subvention Ville de Lyon"));

    // A budget for the project: refused lines named, then compared with what was done.
    let bad = [
        ("project", "1"),
        ("account-0", "512"),
        ("amount-0", "10"),
        ("account-1", "6064"),
        ("amount-1", "dix"),
        ("action", "save"),
    ];
    let r = c.post("/accounting/years/1/budget", &bad).await;
    assert_refused(&r, "account-0");
    assert_refused(&r, "amount-1");
    assert!(store::accounting::projects::budget(&app.db, f.association, (1, 1)).await.unwrap().is_empty());
    let good = [
        ("project", "1"),
        ("account-0", "6064"),
        ("amount-0", "50"),
        ("account-1", "7411"),
        ("amount-1", "500"),
        ("action", "save"),
    ];
    assert_eq!(
        c.post("/accounting/years/1/budget", &good).await.location(),
        "/accounting/years/1/budget?project=1&notice=notice-saved"
    );
    let page = c.get("/accounting/years/1/budget?project=1").await.body;
    assert!(page.contains("20 %") && page.contains("-20 %"), "60 spent for 50 planned, 400 received for 500: {page}");
    assert_eq!(field_value(&page, "amount-1").as_deref(), Some("500,00"), "the form shows the budget");
    let report = c.get("/accounting/projects/1").await.body;
    assert!(report.contains("500,00"), "the report shows the budget: {report}");
    // Archived: no longer offered.
    c.post("/accounting/projects/1", &[("name-1", "Fête de quartier"), ("archived-1", "on")]).await;
    assert!(!c.get("/accounting/entries/new?kind=expense").await.body.contains("Fête de quartier"));
});

testkit::web_test!(receipts_are_attached_to_entries, |app: TestApp| async move {
    let (_, mut c) = books(&app).await;
    c.post("/accounting/entries", &expense("10/02/2026", "Papier", "40")).await;
    let pdf = b"%PDF-1.4\n% facture n\xc2\xb0 12\n";
    let r = c.post_multipart("/accounting/entries/1/attachments", "file", "facture-12.pdf", pdf).await;
    assert_eq!(r.location(), "/accounting/entries/1?notice=notice-attachment-added");
    let r = c.post_multipart("/accounting/entries/1/attachments", "file", "virus.exe", b"MZ\x90\x00").await;
    assert_eq!(r.location(), "/accounting/entries/1?notice=notice-attachment-type");
    // A scan is larger than any form: it takes the upload limit, not the
    // form limit (2 MiB), which still holds for forms without a file.
    let (form_limit, upload_limit) = testkit::app::LIMITS;
    let mut scan = b"%PDF-1.7\n".to_vec();
    scan.resize(form_limit + 1024 * 1024, b'0');
    assert!(scan.len() < upload_limit);
    let r = c.post_multipart("/accounting/entries/1/attachments", "file", "scan.pdf", &scan).await;
    assert_eq!(r.location(), "/accounting/entries/1?notice=notice-attachment-added");
    let mut huge = b"%PDF-1.7\n".to_vec();
    huge.resize(upload_limit + 1, b'0');
    let r = c.post_multipart("/accounting/entries/1/attachments", "file", "huge.pdf", &huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    let note = "x".repeat(form_limit + 1024);
    let r = c.post("/accounting/entries/1/repeat", &[("every", "month"), ("note", &note)]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "a form without a file keeps the form limit");
    let page = c.get("/accounting/entries/1").await.body;
    assert!(page.contains("facture-12.pdf") && page.contains("scan.pdf") && !page.contains("huge.pdf"), "{page}");
    let (name, bytes) = download(&app, &c, "/accounting/attachments/1").await;
    assert_eq!((name.as_str(), bytes.as_slice()), ("attachment; filename=\"facture-12.pdf\"", &pdf[..]));
    assert_eq!(download(&app, &c, "/accounting/attachments/2").await.1, scan);
    // What a sealed entry rests on stays.
    c.post("/accounting/years/1/close", &[("assignment", "pending"), ("confirm", "on")]).await;
    assert_eq!(
        c.post("/accounting/attachments/1/delete", &[]).await.location(),
        "/accounting/entries/1?notice=notice-entry-locked"
    );
    assert_eq!(download(&app, &c, "/accounting/attachments/1").await.1, pdf.to_vec());
});

testkit::web_test!(a_fec_in_the_1999_numbering_has_its_in_kind_accounts_swapped, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    let header = domain::accounting::fec::HEADER.join("\t");
    let row = |account: &str, label: &str, debit: &str, credit: &str| {
        format!(
            "OD\tDivers\t1\t20260315\t{account}\t{label}\t\t\tP1\t20260315\tBénévolat de mars\t{debit}\t{credit}\t\t\t20260320\t\t"
        )
    };
    let text = [header, row("864", "Personnel bénévole", "300,00", "0,00"), row("870", "Bénévolat", "0,00", "300,00")]
        .join("\n");
    let check = c
        .post_multipart_with(
            "/accounting/fec",
            &[("check_only", "on"), ("numbering", "1999")],
            ("file", "ancien.txt", text.as_bytes()),
        )
        .await;
    assert!(check.body.contains("870 → 875"), "{}", check.body);
    let r = c
        .post_multipart_with("/accounting/fec", &[("numbering", "1999")], ("file", "ancien.txt", text.as_bytes()))
        .await;
    assert_eq!(r.location(), "/accounting?notice=notice-fec-imported");
    let totals = store::accounting::years::totals(&app.db, f.association, 1).await.unwrap();
    assert_eq!(
        totals.iter().map(|t| (t.account.as_str(), t.net())).collect::<Vec<_>>(),
        [("864", 30_000), ("875", -30_000)]
    );
    let r =
        c.post_multipart_with("/accounting/fec", &[("numbering", "1985")], ("file", "x.txt", text.as_bytes())).await;
    assert_refused(&r, "numbering");
});

testkit::web_test!(an_entry_repeats_every_month_until_stopped, |app: TestApp| async move {
    let (f, mut c) = books(&app).await;
    c.post("/accounting/entries", &expense("05/01/2026", "Loyer", "400")).await;
    let bad = [("every", "2"), ("first", "05/02/2026")];
    assert_eq!(
        c.post("/accounting/entries/1/repeat", &bad).await.location(),
        "/accounting/entries/1?notice=notice-repeat-invalid"
    );
    let backwards = [("every", "1"), ("first", "05/02/2026"), ("until", "01/01/2026")];
    assert_eq!(
        c.post("/accounting/entries/1/repeat", &backwards).await.location(),
        "/accounting/entries/1?notice=notice-repeat-invalid"
    );
    let monthly = [("every", "1"), ("first", "05/02/2026"), ("until", "")];
    assert_eq!(
        c.post("/accounting/entries/1/repeat", &monthly).await.location(),
        "/accounting/recurring?notice=notice-saved"
    );
    let list = c.get("/accounting/recurring").await.body;
    assert!(list.contains("Loyer") && list.contains("05/02/2026"), "{list}");
    let today = domain::Date::parse_iso("2026-03-10").unwrap();
    assert_eq!(store::accounting::recurring::post_due(&app.db, today, 1).await.unwrap(), 2);
    assert_eq!(entry_count(&app, &f).await, 3);
    assert_eq!(c.post("/accounting/recurring/1/stop", &[]).await.status, StatusCode::SEE_OTHER);
    assert!(c.get("/accounting/recurring").await.body.contains("arrêtée"));
});
