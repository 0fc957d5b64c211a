//! Bank statements through the pages: upload, the check page (format, the
//! CSV columns as guessed and corrected, every problem by line and column),
//! the import applied whole and never twice, reconciliation, entries made by
//! a rule or by hand, and who may do what.

use super::*;
use axum::http::StatusCode;
use domain::Role;
use store::accounting::bank;

/// A French bank's export in Windows-1252: lines about the account first,
/// `;`, debit and credit columns with decimal commas, accents in labels.
fn january() -> Vec<u8> {
    let text = "Compte courant n° 12345678901;;;\r\n\
                Date;Libellé;Débit euros;Crédit euros\r\n\
                02/01/2026;VIR SEPA REÇU HÉLÈNE DUPRÉ COTISATION;;45,00\r\n\
                03/01/2026;PRLV SEPA EDF Électricité;62,30;\r\n\
                05/01/2026;CB Café de la Gare;2,50;\r\n\
                06/01/2026;Remise chèque n° 1234567;;1 234,56\r\n";
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            c if (c as u32) < 256 => c as u8,
            c => panic!("{c} is not in the test's Windows-1252 table"),
        })
        .collect()
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bank/tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The check page's choices (account, and a CSV file's columns) as fields to post back.
pub(crate) fn shown_layout(body: &str) -> Vec<(String, String)> {
    let names = ["account", "date", "date_format", "label", "label2", "amount", "debit", "credit", "decimal"];
    let more = ["value_date", "reference", "currency"];
    names
        .iter()
        .chain(&more)
        .filter_map(|name| {
            let at = body.find(&format!("<select id=\"{name}\" name=\"{name}\""))?;
            let select = &body[at..at + body[at..].find("</select>")?];
            let chosen = select
                .split("<option value=\"")
                .find(|o| o.contains("\" selected"))
                .map_or("", |o| &o[..o.find('"').unwrap_or(0)]);
            Some((name.to_string(), chosen.to_string()))
        })
        .collect()
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    fields.retain(|(k, _)| k != name);
    fields.push((name.into(), value.into()));
}

async fn lines(app: &TestApp, f: &testkit::app::Fixture, account: &str) -> Vec<bank::LineRow> {
    bank::lines(&app.db, f.association, account, 0, 1000).await.unwrap()
}

/// Uploads a statement for 512 and returns the check page's address.
async fn upload(c: &mut Client, name: &str, bytes: &[u8]) -> String {
    let r = c.post_multipart_with("/accounting/bank/import", &[("account", "512")], ("file", name, bytes)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_string()
}

async fn open_year(c: &mut Client) {
    let year = [("start", "01/01/2026"), ("end", "31/12/2026")];
    assert_eq!(c.post("/accounting/years", &year).await.status, StatusCode::SEE_OTHER);
}

testkit::web_test!(a_french_csv_is_checked_then_imported_once, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let front = c.get("/accounting/bank").await;
    assert!(front.body.contains("512 – Banques") && front.body.contains("Aucun relevé importé"), "{}", front.body);

    let check_at = upload(&mut c, "releve-janvier.csv", &january()).await;
    assert_eq!(check_at, "/accounting/bank/import/1?account=512");
    let check = c.get(&check_at).await;
    assert_eq!(check.status, StatusCode::OK);
    assert!(check.body.contains("lu au format CSV"), "{}", check.body);
    for shown in ["VIR SEPA REÇU HÉLÈNE DUPRÉ COTISATION", "Café de la Gare", "Débit euros", "1\u{202f}234,56\u{a0}€"]
    {
        assert!(check.body.contains(shown), "{shown}: {}", check.body);
    }
    assert!(check.body.contains("4 ligne(s) du 02/01/2026 au 06/01/2026"), "{}", check.body);
    assert!(check.body.contains("4 ligne(s) à ajouter, 0 déjà importée(s)"), "{}", check.body);
    let mut fields = shown_layout(&check.body);
    let chosen: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for guessed in [("account", "512"), ("date", "0"), ("date_format", "dmy"), ("label", "1"), ("debit", "2")] {
        assert!(chosen.contains(&guessed), "{guessed:?} in {chosen:?}");
    }
    assert!(
        chosen.contains(&("credit", "3")) && chosen.contains(&("decimal", "comma")) && chosen.contains(&("amount", ""))
    );
    assert!(lines(&app, &f, "512").await.is_empty(), "checking writes nothing");

    fields.push(("action".into(), "apply".into()));
    let done = imports::post_fields(&mut c, "/accounting/bank/import/1", &fields).await;
    assert_eq!(done.location(), "/accounting/bank/512?added=4&duplicates=0");
    let page = c.get(done.location()).await;
    assert!(page.body.contains("Relevé importé : 4 ligne(s) ajoutée(s)"), "{}", page.body);
    let imported = lines(&app, &f, "512").await;
    assert_eq!(
        imported.iter().map(|l| (l.on_date.as_str(), l.cents, l.label.as_str())).collect::<Vec<_>>(),
        [
            ("2026-01-02", 4500, "VIR SEPA REÇU HÉLÈNE DUPRÉ COTISATION"),
            ("2026-01-03", -6230, "PRLV SEPA EDF Électricité"),
            ("2026-01-05", -250, "CB Café de la Gare"),
            ("2026-01-06", 123_456, "Remise chèque n° 1234567"),
        ]
    );
    assert_eq!(c.get("/accounting/bank/import/1?account=512").await.status, StatusCode::NOT_FOUND, "upload gone");

    // The same file again: every line is known, nothing is added.
    let again = upload(&mut c, "releve-janvier.csv", &january()).await;
    let check = c.get(&again).await;
    assert!(check.body.contains("0 ligne(s) à ajouter, 4 déjà importée(s)"), "{}", check.body);
    let mut fields = shown_layout(&check.body);
    fields.push(("action".into(), "apply".into()));
    let done = imports::post_fields(&mut c, "/accounting/bank/import/2", &fields).await;
    assert_eq!(done.location(), "/accounting/bank/512?added=0&duplicates=4");
    assert_eq!(lines(&app, &f, "512").await.len(), 4);
    let audit = c.get("/audit").await.body;
    assert!(audit.contains("bank.import") && audit.contains("0 added, 4 already there"), "{audit}");
    let front = c.get("/accounting/bank").await.body;
    assert!(front.contains("<td class=\"num\">4</td>"), "{front}");
});

testkit::web_test!(bad_dates_and_amounts_are_listed_and_nothing_is_written, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let bad = "Date;Libellé;Montant\n02/01/2026;Cotisation;45,00\n31/02/2026;Date impossible;10,00\n05/01/2026;Montant faux;12,5O\n";
    let at = upload(&mut c, "releve.csv", bad.as_bytes()).await;
    let check = c.get(&at).await;
    assert_eq!(check.status, StatusCode::OK);
    let table = &check.body[check.body.find("class=\"problems\"").expect("a table of problems")..];
    for row in [
        "<td>ligne 3</td><td>Date</td><td>date invalide</td><td>31/02/2026</td>",
        "<td>ligne 4</td><td>Montant</td><td>montant invalide</td><td>12,5O</td>",
    ] {
        assert!(table.contains(row), "{row}: {table}");
    }
    assert!(check.body.contains("2 problèmes empêchent l&#39;import"), "{}", check.body);
    assert!(!check.body.contains("value=\"apply\""), "no import button while there are problems");
    let mut fields = shown_layout(&check.body);
    fields.push(("action".into(), "apply".into()));
    let refused = imports::post_fields(&mut c, "/accounting/bank/import/1", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("<title>Erreur : ") && refused.body.contains("href=\"#problems\""));
    assert!(lines(&app, &f, "512").await.is_empty(), "all or nothing: the good line was not written either");

    // Columns corrected on the check page: ISO dates read as day/month/year are all wrong, as ISO all right.
    let iso = "Quand;Quoi;Combien\n2026-01-02;Cotisation;45.00\n2026-01-03;EDF;-62.30\n";
    let at = upload(&mut c, "export.csv", iso.as_bytes()).await;
    let check = c.get(&at).await;
    assert!(check.body.contains("<td>ligne 1</td><td>Date</td><td>valeur manquante</td>"), "{}", check.body);
    let mut fields = shown_layout(&check.body);
    for (name, value) in [("date", "0"), ("label", "1"), ("amount", "2"), ("date_format", "dmy"), ("decimal", "point")]
    {
        set(&mut fields, name, value);
    }
    fields.push(("action".into(), "check".into()));
    let wrong = imports::post_fields(&mut c, "/accounting/bank/import/2", &fields).await;
    assert!(
        wrong.body.contains("<td>ligne 2</td><td>Quand</td><td>date invalide</td><td>2026-01-02</td>"),
        "{}",
        wrong.body
    );
    set(&mut fields, "date_format", "ymd");
    let right = imports::post_fields(&mut c, "/accounting/bank/import/2", &fields).await;
    assert!(right.body.contains("2 ligne(s) à ajouter"), "{}", right.body);
    // A select left empty is named.
    set(&mut fields, "amount", "");
    let none = imports::post_fields(&mut c, "/accounting/bank/import/2", &fields).await;
    assert!(none.body.contains("Choisissez la colonne du montant"), "{}", none.body);
    set(&mut fields, "amount", "2");
    set(&mut fields, "action", "apply");
    let done = imports::post_fields(&mut c, "/accounting/bank/import/2", &fields).await;
    assert_eq!(done.location(), "/accounting/bank/512?added=2&duplicates=0");

    // No statement at all: refused at the upload, with why.
    let pdf = c
        .post_multipart_with(
            "/accounting/bank/import",
            &[("account", "512")],
            ("file", "releve.pdf", b"%PDF-1.7\n\0\0"),
        )
        .await;
    assert_refused(&pdf, "file");
    assert!(pdf.body.contains("pas un relevé bancaire"), "{}", pdf.body);
    let nowhere = c
        .post_multipart_with("/accounting/bank/import", &[("account", "6064")], ("file", "x.csv", iso.as_bytes()))
        .await;
    assert_refused(&nowhere, "account");
});

testkit::web_test!(columns_chosen_once_are_kept_for_the_accounts_next_file, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let january = "Quand;Quoi;Combien\n2026-01-02;Cotisation;45.00\n2026-01-03;EDF;-62.30\n";
    let at = upload(&mut c, "janvier.csv", january.as_bytes()).await;
    let check = c.get(&at).await;
    assert!(check.body.contains("a reconnu les colonnes") && !check.body.contains("aux mêmes titres"));
    let mut fields = shown_layout(&check.body);
    for (name, value) in [("date", "0"), ("label", "1"), ("amount", "2"), ("date_format", "ymd"), ("decimal", "point")]
    {
        set(&mut fields, name, value);
    }
    // Columns only checked are not kept: the file is not imported with them.
    fields.push(("action".into(), "check".into()));
    let checked = imports::post_fields(&mut c, "/accounting/bank/import/1", &fields).await;
    assert!(checked.body.contains("2 ligne(s) à ajouter"), "{}", checked.body);
    assert!(bank::csv_layouts(&app.db, f.association, "512").await.unwrap().is_empty());
    set(&mut fields, "action", "apply");
    let done = imports::post_fields(&mut c, "/accounting/bank/import/1", &fields).await;
    assert_eq!(done.location(), "/accounting/bank/512?added=2&duplicates=0");

    // February's file has the same headers: read with January's columns, and said so.
    let february =
        "Quand;Quoi;Combien\n2026-02-02;Cotisation;45.00\n2026-02-05;Assurance;-120.00\n2026-02-06;Don;20.50\n";
    let at = upload(&mut c, "fevrier.csv", february.as_bytes()).await;
    let check = c.get(&at).await;
    assert!(check.body.contains("celles choisies au dernier import d&#39;un fichier de ce compte"), "{}", check.body);
    assert!(check.body.contains("3 ligne(s) à ajouter, 0 déjà importée(s)"), "{}", check.body);
    let mut fields = shown_layout(&check.body);
    let chosen: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for kept in [("date", "0"), ("label", "1"), ("amount", "2"), ("date_format", "ymd"), ("decimal", "point")] {
        assert!(chosen.contains(&kept), "{kept:?} in {chosen:?}");
    }
    fields.push(("action".into(), "apply".into()));
    let done = imports::post_fields(&mut c, "/accounting/bank/import/2", &fields).await;
    assert_eq!(done.location(), "/accounting/bank/512?added=3&duplicates=0");
    let cents: Vec<i64> = lines(&app, &f, "512").await.iter().map(|l| l.cents).collect();
    assert_eq!(cents, [4500, -6230, 4500, -12_000, 2050]);

    // A file with other headers is guessed, as before.
    let bank_file = "Date;Libellé;Montant\n10/02/2026;Cotisation;45,00\n";
    let at = upload(&mut c, "autre.csv", bank_file.as_bytes()).await;
    let check = c.get(&at).await;
    assert!(check.body.contains("a reconnu les colonnes") && !check.body.contains("aux mêmes titres"));
    assert!(check.body.contains("1 ligne(s) à ajouter"), "{}", check.body);
});

testkit::web_test!(other_currencies_and_other_accounts_are_refused, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let at = upload(&mut c, "devises.xml", &fixture("camt053-devises.xml")).await;
    let check = c.get(&at).await;
    assert!(check.body.contains("lu au format camt.053"), "{}", check.body);
    assert!(check.body.contains("montant en USD : Préau tient les comptes en euros"), "{}", check.body);
    let mut fields = shown_layout(&check.body);
    fields.push(("action".into(), "apply".into()));
    assert_eq!(
        imports::post_fields(&mut c, "/accounting/bank/import/1", &fields).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(lines(&app, &f, "512").await.is_empty());

    // 512's IBAN is on record: a statement of another account is refused.
    let iban = [("label-512", "Banques"), ("iban-512", "FR1420041010050500013M02606")];
    assert_eq!(c.post("/accounting/accounts/512", &iban).await.status, StatusCode::SEE_OTHER);
    let at = upload(&mut c, "fevrier.xml", &fixture("camt053-v08.xml")).await;
    let check = c.get(&at).await;
    assert!(check.body.contains("celui d&#39;un autre compte que le 512"), "{}", check.body);
    assert!(check.body.contains("FR7630004008230001234567890"));
    // (The fixture's IBAN is made up, its check digits wrong: take the IBAN off record instead.)
    let no_iban = [("label-512", "Banques"), ("iban-512", "")];
    assert_eq!(c.post("/accounting/accounts/512", &no_iban).await.status, StatusCode::SEE_OTHER);
    let check = c.get(&at).await;
    assert!(check.body.contains("Solde au 31/01/2026 : 1\u{202f}060,70\u{a0}€"), "{}", check.body);
    let mut fields = shown_layout(&check.body);
    fields.push(("action".into(), "apply".into()));
    let done = imports::post_fields(&mut c, "/accounting/bank/import/2", &fields).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = c.get("/accounting/bank/512").await.body;
    assert!(page.contains("Solde du relevé au 03/02/2026") && page.contains("-34,80\u{a0}€"), "{page}");
    assert!(page.contains("Solde initial au 31/01/2026"), "{page}");
});

testkit::web_test!(lines_are_reconciled_and_made_into_entries_by_rule_or_by_hand, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    open_year(&mut c).await;
    let dues = [
        ("kind", "income"),
        ("date", "01/01/2026"),
        ("label", "Cotisation Hélène Dupré"),
        ("amount", "45"),
        ("category", "756"),
        ("payment", "512"),
    ];
    assert_eq!(
        c.post("/accounting/entries", &dues).await.location(),
        "/accounting/entries/1?notice=notice-entry-saved"
    );
    let at = upload(&mut c, "janvier.csv", &january()).await;
    let mut fields = shown_layout(&c.get(&at).await.body);
    fields.push(("action".into(), "apply".into()));
    imports::post_fields(&mut c, "/accounting/bank/import/1", &fields).await;

    // The entry already in the books is suggested for the line of the same amount.
    let page = c.get("/accounting/bank/512").await.body;
    assert!(page.contains("Rapprocher de « Cotisation Hélène Dupré » du 01/01/2026 (écriture n° 1)"), "{page}");
    let r = c.post("/accounting/bank/lines/1/reconcile", &[("entry", "1"), ("page", "1")]).await;
    assert_eq!(r.location(), "/accounting/bank/512?page=1&notice=notice-bank-reconciled");
    assert_eq!(bank::line(&app.db, f.association, 1).await.unwrap().unwrap().entry_id, Some(1));
    assert!(c.get(r.location()).await.body.contains("Ligne rapprochée."));
    // An entry that does not move the line's amount is refused on the line.
    let wrong = c.post("/accounting/bank/lines/2/reconcile", &[("entry", "1")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("id=\"line-2-error\"") && wrong.body.contains("href=\"#line-2\""), "{}", wrong.body);

    // A rule makes the electricity bill's entry.
    let rule = [("contains", "edf électricité"), ("account", "6061"), ("label", "Électricité janvier")];
    assert_eq!(
        c.post("/accounting/bank/rules", &rule).await.location(),
        "/accounting/bank/rules?notice=notice-bank-rule-saved"
    );
    let rules = c.get("/accounting/bank/rules").await.body;
    assert!(rules.contains("edf électricité") && rules.contains("Fournitures non stockables"), "{rules}");
    let page = c.get("/accounting/bank/512").await.body;
    assert!(page.contains("Appliquer la règle « edf électricité » → 6061"), "{page}");
    let r = c.post("/accounting/bank/lines/2/entry", &[("action", "rule")]).await;
    assert_eq!(r.location(), "/accounting/bank/512?page=1&notice=notice-bank-entry");
    let entry = c.get("/accounting/entries/2").await.body;
    assert!(entry.contains("Électricité janvier") && entry.contains("Relevé bancaire"), "{entry}");
    assert!(entry.contains("6061") && entry.contains("62,30"), "{entry}");
    let none = c.post("/accounting/bank/lines/3/entry", &[("action", "rule")]).await;
    assert_refused(&none, "account-3");
    assert!(none.body.contains("Aucune règle ne correspond"), "{}", none.body);

    // By hand: an account must be chosen; then the coffee goes to 6064 with its own label.
    let unchosen = c.post("/accounting/bank/lines/3/entry", &[("account-3", ""), ("label-3", "")]).await;
    assert_refused(&unchosen, "account-3");
    // The accounts are offered once for the page, whatever its number of lines; a number typed must be one of them.
    assert_eq!(unchosen.body.matches("<datalist id=\"counterparts\">").count(), 1);
    assert!(unchosen.body.contains("list=\"counterparts\"") && unchosen.body.contains("<option value=\"6064\">"));
    let unknown = c.post("/accounting/bank/lines/3/entry", &[("account-3", "512"), ("label-3", "")]).await;
    assert_refused(&unknown, "account-3");
    assert!(unknown.body.contains("Choisissez une valeur de la liste"), "{}", unknown.body);
    let r = c.post("/accounting/bank/lines/3/entry", &[("account-3", "6064"), ("label-3", "")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(c.get("/accounting/entries/3").await.body.contains("CB Café de la Gare"));
    assert_eq!(lines(&app, &f, "512").await.iter().filter(|l| l.entry_id.is_some()).count(), 3);

    // Undo a reconciliation: the entry stays.
    let r = c.post("/accounting/bank/lines/2/unreconcile", &[("page", "1")]).await;
    assert_eq!(r.location(), "/accounting/bank/512?page=1&notice=notice-bank-unreconciled");
    assert_eq!(bank::line(&app.db, f.association, 2).await.unwrap().unwrap().entry_id, None);
    assert_eq!(c.get("/accounting/entries/2").await.status, StatusCode::OK);
    let page = c.get("/accounting/bank/512").await.body;
    assert!(page.contains("Rapprocher de « Électricité janvier »"), "the entry is suggested again: {page}");
    assert!(page.contains("Rapprochée de l&#39;écriture n° 1"), "{page}");
    assert!(
        c.post("/accounting/bank/rules/1/delete", &[]).await.location().ends_with("notice=notice-bank-rule-deleted")
    );
    assert!(c.get("/accounting/bank/rules").await.body.contains("Aucune règle"));
    let audit = c.get("/audit").await.body;
    for action in ["bank.reconcile", "bank.entry", "bank.unreconcile", "bank.rule.create", "bank.rule.delete"] {
        assert!(audit.contains(action), "{action}");
    }
});

testkit::web_test!(the_team_reads_the_bank_pages_and_only_the_treasury_changes_them, |app: TestApp| async move {
    let (f, mut admin) = admin_of(&app, "amis").await;
    open_year(&mut admin).await;
    let at = upload(&mut admin, "janvier.csv", &january()).await;
    let mut fields = shown_layout(&admin.get(&at).await.body);
    fields.push(("action".into(), "apply".into()));
    imports::post_fields(&mut admin, "/accounting/bank/import/1", &fields).await;
    let waiting = upload(&mut admin, "janvier.csv", &january()).await;

    app.member(&f, "secretaire@amis.test", Role::Secretary).await;
    let mut secretary = app.logged_in("secretaire@amis.test").await;
    for path in ["/accounting/bank", "/accounting/bank/512", "/accounting/bank/rules"] {
        let r = secretary.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(!r.body.contains("<form method=\"post\" action=\"/accounting/bank"), "{path} offers no change");
    }
    assert!(secretary.get("/accounting/bank/512").await.body.contains("PRLV SEPA EDF Électricité"));
    let r = secretary
        .post_multipart_with("/accounting/bank/import", &[("account", "512")], ("file", "x.csv", &january()))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(secretary.get(&waiting).await.status, StatusCode::FORBIDDEN);
    for (path, fields) in [
        ("/accounting/bank/import/2", vec![("action", "apply")]),
        ("/accounting/bank/lines/1/entry", vec![("account-1", "756")]),
        ("/accounting/bank/lines/1/reconcile", vec![("entry", "1")]),
        ("/accounting/bank/lines/1/unreconcile", vec![]),
        ("/accounting/bank/rules", vec![("contains", "edf"), ("account", "6061")]),
    ] {
        assert_eq!(secretary.post(path, &fields).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    assert!(lines(&app, &f, "512").await.iter().all(|l| l.entry_id.is_none()));
    // A plain member does not see the books at all.
    app.member(&f, "membre@amis.test", Role::Member).await;
    let mut member = app.logged_in("membre@amis.test").await;
    assert_eq!(member.get("/accounting/bank/512").await.status, StatusCode::FORBIDDEN);
    // The books switched off: the pages say so.
    let off = [("name", "Association amis"), ("fiscal_year_start_month", "1"), ("modules", "members")];
    admin.post("/settings", &off).await;
    assert_eq!(admin.get("/accounting/bank").await.status, StatusCode::NOT_FOUND);
});
