//! The cross-tenant suite: an administrator of A tries every route on B's
//! objects by their ids; each attempt gets 403/404 (or shows only A's data)
//! and B is unchanged. A new route must be added here (the last test checks).

use super::*;
use axum::http::StatusCode;
use domain::Role;

async fn b_state(app: &TestApp, b: &testkit::app::Fixture) -> String {
    let team = store::team::list(&app.db, b.association).await.unwrap();
    let inv = store::team::pending_invitations(&app.db, b.association, 0).await.unwrap();
    let a = store::associations::get(&app.db, b.association).await.unwrap().unwrap();
    let logo = store::associations::logo(&app.db, b.association).await.unwrap();
    let sessions = store::sessions::list_for_user(&app.db, b.admin, 0).await.unwrap();
    let everyone = store::members::Filter::default();
    let today = (domain::Date::parse_iso("2026-01-01").unwrap(), domain::dues::Policy::default());
    let members = store::members::page(&app.db, b.association, &everyone, today, store::members::Sort::Name, 0, 100)
        .await
        .unwrap()
        .0;
    let types = store::dues::types(&app.db, b.association).await.unwrap();
    let categories = store::categories::list(&app.db, b.association).await.unwrap();
    let dues = store::dues::of_member(&app.db, b.association, domain::MemberId(1)).await.unwrap();
    let household = store::dues::household(&app.db, b.association, domain::MemberId(1)).await.unwrap();
    let mine = store::categories::of_member(&app.db, b.association, domain::MemberId(1)).await.unwrap();
    let reminders = store::dues::settings(&app.db, b.association).await.unwrap();
    let consents = store::privacy::consent_history(&app.db, b.association, domain::MemberId(1)).await.unwrap();
    let erasures = store::privacy::erasure_requests(&app.db, b.association, None).await.unwrap();
    let purposes = store::privacy::purposes(&app.db, b.association).await.unwrap();
    let register = store::privacy::activities(&app.db, b.association).await.unwrap();
    let retention = store::privacy::retention(&app.db, b.association).await.unwrap();
    let fields = store::fields::list(&app.db, b.association, true).await.unwrap();
    let values = store::fields::values_of(&app.db, b.association, domain::MemberId(1)).await.unwrap();
    let erased =
        store::members::get(&app.db, b.association, domain::MemberId(1)).await.unwrap().map(|m| m.pseudonymised_at);
    format!(
        "{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        team.iter().map(|m| (m.user_id, m.role.clone())).collect::<Vec<_>>(),
        inv.iter().map(|i| (i.id, i.expires_at)).collect::<Vec<_>>(),
        a.name,
        a.modules,
        logo,
        sessions.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        members.iter().map(|m| (m.id, m.first_name.clone(), m.last_name.clone(), m.city.clone())).collect::<Vec<_>>(),
        types.iter().map(|t| (t.id, t.name.clone(), t.amount_cents, t.archived)).collect::<Vec<_>>(),
        categories.iter().map(|c| (c.id, c.name.clone(), c.members)).collect::<Vec<_>>(),
        (dues.0.len(), dues.1.iter().map(|p| p.amount_cents).collect::<Vec<_>>()),
        household.len(),
        mine,
        reminders,
    ) + &format!(
        "|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        consents.iter().map(|c| (c.granted, c.at)).collect::<Vec<_>>(),
        erasures.iter().map(|e| (e.id, e.status.clone())).collect::<Vec<_>>(),
        purposes.iter().map(|p| (p.id, p.label.clone(), p.version, p.archived)).collect::<Vec<_>>(),
        register.iter().map(|r| (r.id, r.name.clone(), r.updated_at)).collect::<Vec<_>>(),
        retention,
        erased,
    ) + &format!("|{:?}|{:?}", fields.iter().map(|f| (f.id, f.label.clone(), f.archived)).collect::<Vec<_>>(), values)
        + &books_state(app, b).await
        + &bank_state(app, b).await
}

/// B's bank statements: lines (and what they are reconciled with), imports, rules.
async fn bank_state(app: &TestApp, b: &testkit::app::Fixture) -> String {
    use store::accounting::bank;
    let a = b.association;
    let lines = bank::lines(&app.db, a, "512", 0, 100).await.unwrap();
    let imports = bank::imports(&app.db, a, "512", 100).await.unwrap();
    let rules = bank::rules(&app.db, a).await.unwrap();
    format!(
        "|{:?}|{:?}|{:?}",
        lines.iter().map(|l| (l.id, l.label.clone(), l.cents, l.entry_id)).collect::<Vec<_>>(),
        imports.iter().map(|i| (i.id, i.file_name.clone())).collect::<Vec<_>>(),
        rules,
    )
}

/// B's books: years, totals, journal, own accounts, payments to post.
async fn books_state(app: &TestApp, b: &testkit::app::Fixture) -> String {
    use store::accounting::{chart, entries, years};
    let a = b.association;
    let ys = years::list(&app.db, a).await.unwrap();
    let totals = years::totals(&app.db, a, 1).await.unwrap();
    let journal = entries::journal_page(&app.db, a, 1, 0, 100).await.unwrap();
    let own: Vec<_> = chart::accounts(&app.db, a).await.unwrap().into_iter().filter(|x| x.own || x.hidden).collect();
    let unposted = entries::unposted_payments(&app.db, a).await.unwrap();
    let projects = store::accounting::projects::list(&app.db, a, true).await.unwrap();
    let budget = store::accounting::projects::budget(&app.db, a, (1, 1)).await.unwrap();
    let attached = store::accounting::attachments::of_entry(&app.db, a, 1).await.unwrap();
    let recurring = store::accounting::recurring::list(&app.db, a).await.unwrap();
    format!(
        "|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        ys.iter().map(|y| (y.id, y.starts_on.clone(), y.closed_at)).collect::<Vec<_>>(),
        totals,
        journal.iter().map(|(e, l)| (e.id, e.label.clone(), e.on_date.clone(), l.len())).collect::<Vec<_>>(),
        own.iter().map(|x| (x.code.clone(), x.label.clone(), x.hidden, x.iban.clone())).collect::<Vec<_>>(),
        unposted,
        projects.iter().map(|p| (p.id, p.name.clone(), p.archived)).collect::<Vec<_>>(),
        budget,
        attached.iter().map(|x| (x.id, x.file_name.clone(), x.size)).collect::<Vec<_>>(),
        recurring.iter().map(|r| (r.id, r.next_on.clone(), r.archived)).collect::<Vec<_>>(),
    )
}

/// Every route of the router, with what this suite does about it.
const COVERED: &[&str] = &[
    "/",
    "/members",
    "/members/new",
    "/members/export",
    "/members/searches",
    "/members/searches/{id}/delete",
    "/members/bulk",
    "/members/bulk/email",
    "/members/{id}",
    "/members/{id}/edit",
    "/members/{id}/categories",
    "/members/{id}/household",
    "/members/{id}/payments",
    "/members/{id}/payments/new",
    "/members/categories",
    "/members/categories/{id}",
    "/members/categories/{id}/delete",
    "/members/types",
    "/members/types/new",
    "/members/types/{id}",
    "/members/reminders",
    "/members/import",
    "/members/import/{id}",
    "/members/import/{id}/progress",
    "/members/{id}/consents",
    "/members/{id}/erase",
    "/members/privacy",
    "/members/fields",
    "/members/fields/new",
    "/members/fields/{id}",
    "/members/privacy/purposes",
    "/members/privacy/purposes/{id}",
    "/members/privacy/retention",
    "/members/privacy/erasures/{id}",
    "/members/privacy/register",
    "/members/privacy/register/new",
    "/members/privacy/register/{id}",
    "/members/privacy/register.csv",
    "/accounting",
    "/accounting/years",
    "/accounting/years/{id}",
    "/accounting/years/{id}/close",
    "/accounting/years/{id}/journal",
    "/accounting/years/{id}/balance",
    "/accounting/years/{id}/statement",
    "/accounting/years/{id}/balance-sheet",
    "/accounting/years/{id}/fec",
    "/accounting/fec",
    "/accounting/years/{id}/ledger/{account}",
    "/accounting/entries",
    "/accounting/entries/new",
    "/accounting/entries/advanced",
    "/accounting/entries/{id}",
    "/accounting/entries/{id}/edit",
    "/accounting/entries/{id}/delete",
    "/accounting/entries/{id}/reverse",
    "/accounting/entries/{id}/attachments",
    "/accounting/entries/{id}/repeat",
    "/accounting/recurring",
    "/accounting/recurring/{id}/stop",
    "/accounting/attachments/{id}",
    "/accounting/attachments/{id}/delete",
    "/accounting/payments",
    "/accounting/years/{id}/budget",
    "/accounting/projects",
    "/accounting/projects/{id}",
    "/accounting/donations",
    "/accounting/donations/new",
    "/accounting/donations/post",
    "/accounting/donations/{id}/receipt",
    "/accounting/donations/donors",
    "/accounting/donations/donors/new",
    "/accounting/donations/donors/{id}",
    "/accounting/donations/donors/{id}/edit",
    "/accounting/donations/donors/{id}/receipt",
    "/accounting/donations/receipts",
    "/accounting/donations/receipts/{id}",
    "/accounting/donations/receipts/{id}/pdf",
    "/accounting/donations/receipts/{id}/cancel",
    "/accounting/donations/receipts/{id}/send",
    "/accounting/donations/settings",
    "/accounting/donations/settings/signature",
    "/accounting/donations/summary",
    "/receipts/{token}",
    "/accounting/accounts",
    "/accounting/accounts/{code}",
    "/accounting/bank",
    "/accounting/bank/import",
    "/accounting/bank/import/{id}",
    "/accounting/bank/rules",
    "/accounting/bank/rules/{id}/delete",
    "/accounting/bank/lines/{id}/reconcile",
    "/accounting/bank/lines/{id}/entry",
    "/accounting/bank/lines/{id}/unreconcile",
    "/accounting/bank/{account}",
    "/access",
    "/access/new",
    "/access/settings",
    "/access/{id}",
    "/access/{id}/verified",
    "/access/{id}/delete",
    "/access/handovers",
    "/access/handovers/{id}",
    "/access/handovers/{id}/steps/{position}",
    "/access/handovers/{id}/complete",
    "/access/handovers/{id}/report.pdf",
    "/checkup",
    "/checkup/settings",
    "/checkup/runs",
    "/checkup/runs/{id}",
    "/checkup/runs/{id}/check",
    "/checkup/runs/{id}/questionnaire",
    "/checkup/runs/{id}/report.pdf",
    "/vault",
    "/vault/recovery/requests",
    "/vault/recovery/requests/{id}/cancel",
    "/vault/api/state",
    "/vault/api/enrol",
    "/vault/api/rewrap",
    "/vault/api/ids",
    "/vault/api/collections",
    "/vault/api/collections/{id}/access",
    "/vault/api/collections/{id}/share",
    "/vault/api/collections/{id}/rotate",
    "/vault/api/entries",
    "/vault/api/entries/{id}/delete",
    "/vault/api/entries/{id}/files",
    "/vault/api/files/{id}",
    "/vault/api/files/{id}/delete",
    "/vault/api/members/{user}/revoke",
    "/vault/api/recovery",
    "/vault/api/recovery/requests/{id}",
    "/vault/api/recovery/requests/{id}/approve",
    "/vault/api/recovery/requests/{id}/complete",
    "/me",
    "/me/consents",
    "/me/data",
    "/me/erasure",
    "/directory",
    "/switch",
    "/settings",
    "/settings/logo",
    "/logo",
    "/team",
    "/team/invitations",
    "/team/invitations/{id}/revoke",
    "/team/{user}/role",
    "/team/{user}/remove",
    "/audit",
    "/invitation/{token}",
    "/profile/sessions/{id}/revoke",
    "/host",
    "/host/mail",
    // Routes that reach only the signed-in person's own account, or nothing of a tenant:
    "/setup/{token}",
    "/login",
    "/login/2fa",
    "/logout",
    "/password/forgot",
    "/password/reset/{token}",
    "/profile",
    "/profile/password",
    "/profile/2fa",
    "/profile/2fa/disable",
    "/static/{name}",
    "/healthz",
];

testkit::web_test!(a_user_of_a_never_reaches_b, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "alpha").await;
    let b = app.association("beta").await;
    let b_member = app.member(&b, "member@beta.test", Role::Treasurer).await;
    let mut b_client = app.logged_in(&b.admin_email).await;
    b_client.post("/team/invitations", &[("email", "newcomer@beta.test"), ("role", "member")]).await;
    b_client.post_multipart("/settings/logo", "logo", "b.png", b"\x89PNG\r\n\x1a\nBETA-LOGO").await;
    b_client.post("/members", &[("first_name", "Bérénice"), ("last_name", "Secret-Beta")]).await;
    b_client.post("/members", &[("first_name", "Basile"), ("last_name", "Beta")]).await;
    b_client.post("/members/categories", &[("name", "Catégorie-Beta")]).await;
    let tariff = [("name", "Tarif-Beta"), ("rule", "calendar"), ("tariff", "fixed"), ("amount", "20")];
    assert_eq!(b_client.post("/members/types", &tariff).await.status, StatusCode::SEE_OTHER);
    b_client.post("/members/1/categories", &[("categories", "1")]).await;
    b_client.post("/members/2/household", &[("payer", "1")]).await;
    let berthe = [("first_name", "Berthe"), ("last_name", "Mail-Beta"), ("email", "berthe@beta.test")];
    assert_eq!(b_client.post("/members", &berthe).await.status, StatusCode::SEE_OTHER);
    let search = [("q", "secret"), ("name", "Recherche-Beta"), ("shared", "on")];
    assert_eq!(b_client.post("/members/searches", &search).await.status, StatusCode::SEE_OTHER);
    let paid = [("type", "1"), ("amount", "20"), ("paid_on", "02/01/2026"), ("method", "cash")];
    assert_eq!(b_client.post("/members/1/payments", &paid).await.status, StatusCode::SEE_OTHER);
    let upload = b_client.post_multipart("/members/import", "file", "b.csv", b"Nom;Prenom\nImport-Beta;Secret\n").await;
    assert_eq!(upload.location(), "/members/import/1?format=auto&duplicates=skip");
    assert_eq!(b_client.get("/members/privacy").await.status, StatusCode::OK);
    b_client.post("/members/fields", &[("label", "Champ-Beta"), ("kind", "text")]).await;
    b_client
        .post("/members/1", &[("first_name", "Bérénice"), ("last_name", "Secret-Beta"), ("field-1", "Valeur-Beta")])
        .await;
    b_client.post("/members/1/consents", &[("consent-1", "on")]).await;
    store::privacy::request_erasure(&app.db, b.association, domain::MemberId(1), None, 1).await.unwrap();
    // B's books: a year (the payment above, made before it opened, waits to be posted), entries, an account.
    let year = [("start", "01/01/2026"), ("end", "31/12/2026")];
    assert_eq!(b_client.post("/accounting/years", &year).await.status, StatusCode::SEE_OTHER);
    let expense = [
        ("kind", "expense"),
        ("date", "03/01/2026"),
        ("label", "Achat-Beta"),
        ("amount", "12,50"),
        ("category", "6064"),
        ("payment", "512"),
    ];
    assert_eq!(b_client.post("/accounting/entries", &expense).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        b_client.post("/accounting/accounts", &[("code", "51201"), ("label", "Compte-Beta")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(b_client.post("/accounting/projects", &[("name", "Projet-Beta")]).await.status, StatusCode::SEE_OTHER);
    let receipt = b_client
        .post_multipart("/accounting/entries/1/attachments", "file", "Facture-Beta.pdf", b"%PDF-1.4 Piece-Beta")
        .await;
    assert_eq!(receipt.location(), "/accounting/entries/1?notice=notice-attachment-added");
    let repeat = [("every", "1"), ("first", "03/02/2026"), ("until", "")];
    assert_eq!(b_client.post("/accounting/entries/1/repeat", &repeat).await.status, StatusCode::SEE_OTHER);
    let budget = [("project", "1"), ("account-0", "6064"), ("amount-0", "777"), ("action", "save")];
    assert_eq!(b_client.post("/accounting/years/1/budget", &budget).await.status, StatusCode::SEE_OTHER);
    // B's bank: a statement imported into 512 (line 1 made into entry 2 by a rule), another upload
    // waiting for its check page, a rule.
    let statement = "Date;Libellé;Montant\n03/01/2026;CB Relevé-Beta;-12,50\n04/01/2026;VIR Ligne-Beta;30,00\n";
    let r = b_client
        .post_multipart_with("/accounting/bank/import", &[("account", "512")], ("file", "b.csv", statement.as_bytes()))
        .await;
    assert_eq!(r.location(), "/accounting/bank/import/2?account=512", "upload 1 is B's member import");
    let mut layout = vec![("account", "512"), ("date", "0"), ("date_format", "dmy"), ("label", "1")];
    layout.extend([("amount", "2"), ("decimal", "comma"), ("action", "apply")]);
    assert_eq!(b_client.post("/accounting/bank/import/2", &layout).await.status, StatusCode::SEE_OTHER);
    b_client
        .post_multipart_with("/accounting/bank/import", &[("account", "512")], ("file", "b.csv", statement.as_bytes()))
        .await;
    let rule = [("contains", "Relevé-Beta"), ("account", "6064"), ("label", "Règle-Beta")];
    assert_eq!(b_client.post("/accounting/bank/rules", &rule).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        b_client.post("/accounting/bank/lines/1/entry", &[("action", "rule")]).await.status,
        StatusCode::SEE_OTHER
    );
    let b_inv = store::team::pending_invitations(&app.db, b.association, 0).await.unwrap()[0].id;
    let b_session = store::sessions::list_for_user(&app.db, b.admin, 0).await.unwrap()[0].id.clone();
    let before = b_state(&app, &b).await;
    let secrets = [
        "Association beta",
        "member@beta.test",
        "newcomer@beta.test",
        "BETA-LOGO",
        &b.admin_email,
        "Secret-Beta",
        "Tarif-Beta",
        "Catégorie-Beta",
        "Import-Beta",
        "Champ-Beta",
        "Valeur-Beta",
        "Mail-Beta",
        "berthe@beta.test",
        "Recherche-Beta",
        "Achat-Beta",
        "Compte-Beta",
        "Relevé-Beta",
        "Ligne-Beta",
        "Règle-Beta",
    ];

    let reads = [
        "/",
        "/settings",
        "/team",
        "/audit",
        "/logo",
        "/profile",
        "/members",
        "/members?q=secret",
        "/members/1",
        "/members/1/edit",
        "/members/1/payments/new",
        "/members/types",
        "/members/types/1",
        "/members/categories",
        "/members/reminders",
        "/members?category=1&type=1&status=up-to-date",
        "/members/import",
        "/members/import/1",
        "/members/import/1/progress",
        "/members/privacy",
        "/members/fields",
        "/members/fields/1",
        "/members?q=valeur",
        "/members/privacy/register/1",
        "/members/privacy/register.csv",
        "/me",
        "/me/data?format=json",
        "/directory",
        "/members/export?format=csv",
        "/members/export?format=vcf&q=secret",
        "/members/export?format=csv-excel&category=1&type=1",
        "/members/export?format=csv&ids=1,2,3",
        "/members/bulk/email?scope=ticked&ids=1,2,3",
        "/members/bulk/email?scope=all&q=secret",
        "/accounting",
        "/accounting/years/1",
        "/accounting/years/1/journal",
        "/accounting/years/1/balance",
        "/accounting/years/1/balance?format=csv",
        "/accounting/years/1/journal?format=csv",
        "/accounting/years/1/ledger/6064?format=csv",
        "/accounting/years/1/statement",
        "/accounting/years/1/balance-sheet?format=csv",
        "/accounting/years/1/fec",
        "/accounting/fec",
        "/accounting/years/1/ledger/6064",
        "/accounting/entries/1",
        "/accounting/entries/1/edit",
        "/accounting/entries/new?kind=expense",
        "/accounting/entries/advanced",
        "/accounting/accounts",
        "/accounting/accounts?all=1",
        "/accounting/accounts?code=51201",
        "/accounting/projects",
        "/accounting/projects/1",
        "/accounting/projects/1?format=csv",
        "/accounting/years/1/budget",
        "/accounting/years/1/budget?project=1",
        "/accounting/attachments/1",
        "/accounting/recurring",
        "/accounting/bank",
        "/accounting/bank/512",
        "/accounting/bank/51201",
        "/accounting/bank/rules",
        "/accounting/bank/import/2?account=512",
        "/accounting/bank/import/3?account=512",
    ];
    for path in reads {
        let r = c.get(path).await;
        for s in secrets {
            assert!(!r.body.contains(s), "GET {path} shows {s}");
        }
    }
    let attempts: Vec<(String, Vec<(&str, String)>)> = vec![
        ("/switch".into(), vec![("association", b.association.0.to_string())]),
        (format!("/team/{}/role", b_member.0), vec![("role", "member".into())]),
        (format!("/team/{}/remove", b_member.0), vec![]),
        (format!("/team/{}/role", b.admin.0), vec![("role", "member".into())]),
        (format!("/team/invitations/{b_inv}/revoke"), vec![]),
        (format!("/profile/sessions/{b_session}/revoke"), vec![]),
        (format!("/invitation/{}-{}", a.association.0, "0".repeat(64)), vec![]),
        ("/members/1".into(), vec![("first_name", "Pirate".into()), ("last_name", "Pirate".into())]),
        ("/members/1/payments".into(), vec![("type", "1".into()), ("amount", "1".into()), ("method", "cash".into())]),
        ("/members/1/categories".into(), vec![("categories", "1".into())]),
        ("/members/2/household".into(), vec![("payer", "".into())]),
        ("/members/categories/1".into(), vec![("name-1", "Pirate".into())]),
        ("/members/categories/1/delete".into(), vec![]),
        ("/members/import/1".into(), vec![("column-0", "last_name".into()), ("action", "apply".into())]),
        ("/members/searches/1/delete".into(), vec![]),
        ("/members/1/consents".into(), vec![("consent-1", "".into())]),
        ("/members/fields/1".into(), vec![("label", "Pirate".into()), ("position", "1".into())]),
        ("/members/1/erase".into(), vec![("confirm", "on".into())]),
        ("/members/privacy/erasures/1".into(), vec![("action", "done".into())]),
        ("/me/consents".into(), vec![("consent-1", "on".into())]),
        ("/me/erasure".into(), vec![("confirm", "on".into())]),
        ("/accounting/years/1/close".into(), vec![("assignment", "pending".into()), ("confirm", "on".into())]),
        (
            "/accounting/entries/1/edit".into(),
            vec![
                ("date", "05/01/2026".into()),
                ("label", "Pirate".into()),
                ("account-0", "6064".into()),
                ("debit-0", "1".into()),
                ("account-1", "512".into()),
                ("credit-1", "1".into()),
            ],
        ),
        ("/accounting/entries/1/delete".into(), vec![]),
        ("/accounting/attachments/1/delete".into(), vec![]),
        ("/accounting/entries/1/repeat".into(), vec![("every", "1".into()), ("first", "01/02/2026".into())]),
        ("/accounting/recurring/1/stop".into(), vec![]),
        ("/accounting/projects/1".into(), vec![("name-1", "Pirate".into())]),
        (
            "/accounting/years/1/budget".into(),
            vec![("project", "1".into()), ("account-0", "6064".into()), ("amount-0", "1".into())],
        ),
        ("/accounting/entries/1/reverse".into(), vec![]),
        ("/accounting/accounts/51201".into(), vec![("label-51201", "Pirate".into()), ("hidden-51201", "on".into())]),
        ("/accounting/bank/import/3".into(), {
            let mut apply: Vec<(&str, String)> = vec![("account", "512".into()), ("date", "0".into())];
            apply.extend([("date_format", "dmy".into()), ("label", "1".into()), ("amount", "2".into())]);
            apply.extend([("decimal", "comma".into()), ("action", "apply".into())]);
            apply
        }),
        ("/accounting/bank/lines/1/unreconcile".into(), vec![]),
        ("/accounting/bank/lines/2/reconcile".into(), vec![("entry", "1".into())]),
        ("/accounting/bank/lines/2/entry".into(), vec![("account-2", "6064".into())]),
        ("/accounting/bank/lines/2/entry".into(), vec![("action", "rule".into())]),
        ("/accounting/bank/rules/1/delete".into(), vec![]),
        (
            "/members/types/1".into(),
            vec![
                ("name", "Pirate".into()),
                ("rule", "calendar".into()),
                ("tariff", "fixed".into()),
                ("amount", "1".into()),
            ],
        ),
    ];
    for (path, fields) in &attempts {
        let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = c.post(path, &f).await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN | StatusCode::GONE),
            "POST {path} → {}",
            r.status
        );
        assert_eq!(b_state(&app, &b).await, before, "POST {path} changed B");
    }
    let r = c.post_multipart("/accounting/entries/1/attachments", "file", "x.pdf", b"%PDF-1.4 pirate").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "no attachment on B's entry");
    assert_eq!(b_state(&app, &b).await, before, "an attachment attempt changed B");
    // Writes through A's own pages land in A only.
    c.post("/settings", &[("name", "Alpha renamed"), ("fiscal_year_start_month", "1"), ("modules", "files")]).await;
    c.post("/team/invitations", &[("email", "x@alpha.test"), ("role", "member")]).await;
    c.post_multipart("/settings/logo", "logo", "a.png", b"\x89PNG\r\n\x1a\nALPHA").await;
    let modules = [
        ("name", "Alpha renamed"),
        ("fiscal_year_start_month", "1"),
        ("modules", "members"),
        ("modules", "accounting"),
    ];
    c.post("/settings", &modules).await;
    c.post("/members/categories", &[("name", "Catégorie-Beta")]).await;
    let tariff = [("name", "Tarif-Beta"), ("rule", "rolling"), ("tariff", "fixed"), ("amount", "5")];
    assert_eq!(c.post("/members/types", &tariff).await.status, StatusCode::SEE_OTHER, "same names are fine in A");
    let reminders = [("due_soon_days", "10"), ("grace_days", "10"), ("offsets", "-1"), ("action", "save")];
    assert_eq!(c.post("/members/reminders", &reminders).await.status, StatusCode::SEE_OTHER);
    // A's own purposes and register bear the same numbers as B's: changing them leaves B's alone.
    c.post("/members/privacy/purposes/1", &[("label-1", "Pirate"), ("text-1", "Pirate")]).await;
    c.post("/members/privacy/register/1", &[("name", "Pirate"), ("purpose", "Pirate")]).await;
    c.post("/members/privacy/register/2", &[("action", "delete")]).await;
    c.post("/members/privacy/retention", &[("years", "1"), ("enabled", "on")]).await;
    // A's own books, numbered like B's: year 1, entry 1, its payments posted.
    assert_eq!(
        c.post("/accounting/years", &[("start", "01/01/2026"), ("end", "31/12/2026")]).await.status,
        StatusCode::SEE_OTHER
    );
    let expense = [
        ("kind", "expense"),
        ("date", "04/01/2026"),
        ("label", "Achat-Alpha"),
        ("amount", "3"),
        ("category", "6064"),
        ("payment", "530"),
    ];
    assert_eq!(
        c.post("/accounting/entries", &expense).await.location(),
        "/accounting/entries/1?notice=notice-entry-saved"
    );
    assert_eq!(c.post("/accounting/payments", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(c.post("/accounting/entries/1/delete", &[]).await.status, StatusCode::SEE_OTHER);
    assert!(!c.get("/accounting/years/1/journal").await.body.contains("Achat-Beta"));
    // A's own statement, lines and rule, numbered like B's.
    let statement = "Date;Libellé;Montant\n05/01/2026;CB Papeterie-Alpha;-4,00\n";
    let r = c
        .post_multipart_with("/accounting/bank/import", &[("account", "512")], ("file", "a.csv", statement.as_bytes()))
        .await;
    assert_eq!(r.location(), "/accounting/bank/import/1?account=512", "A's first upload");
    let check = c.get(r.location()).await;
    assert!(!check.body.contains("Relevé-Beta"), "B's upload is not A's");
    let mut apply = super::bank::shown_layout(&check.body);
    apply.push(("action".into(), "apply".into()));
    let applied = super::imports::post_fields(&mut c, "/accounting/bank/import/1", &apply).await;
    assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.body);
    let rule = [("contains", "papeterie"), ("account", "6064"), ("label", "")];
    assert_eq!(c.post("/accounting/bank/rules", &rule).await.status, StatusCode::SEE_OTHER);
    assert_eq!(c.post("/accounting/bank/lines/1/entry", &[("action", "rule")]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(c.post("/accounting/bank/lines/1/unreconcile", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(c.post("/accounting/bank/rules/1/delete", &[]).await.status, StatusCode::SEE_OTHER);
    let page = c.get("/accounting/bank/512").await.body;
    assert!(page.contains("Papeterie-Alpha") && !page.contains("Relevé-Beta"), "{page}");
    assert_eq!(b_state(&app, &b).await, before, "A's writes left B alone");
    // A's member 1 beside B's member 1 (in B's category 1): A's exports hold A only.
    c.post("/members", &[("first_name", "Alice"), ("last_name", "Alpha")]).await;
    for path in ["/members/export?format=csv", "/members/export?format=vcf", "/members/export?format=csv&category=1"] {
        let r = c.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "GET {path}");
        assert!(path.contains("category") || r.body.contains("Alpha"), "GET {path}: {}", r.body);
        for s in ["Secret-Beta", "Bérénice", "Basile", "Catégorie-Beta"] {
            assert!(!r.body.contains(s), "GET {path} shows {s}");
        }
    }
    // Bulk actions on B's member numbers from A reach A's members only (A's member 1, A's category 1).
    let (mails, saved) = (store::mail::counts(&app.db).await.unwrap(), b_client.get("/members").await.body);
    let bulk: [&[(&str, &str)]; 5] = [
        &[("ids", "1"), ("ids", "2"), ("ids", "3"), ("action", "category-add"), ("bulk_category", "1")],
        &[("scope", "all"), ("action", "category-remove"), ("bulk_category", "2")],
        &[("ids", "2,3"), ("action", "email")],
        &[("ids", "3"), ("action", "export"), ("bulk_format", "csv")],
        &[("scope", "all"), ("q", "secret"), ("action", "email")],
    ];
    for fields in bulk {
        let r = c.post("/members/bulk", fields).await;
        let answered = matches!(r.status, StatusCode::SEE_OTHER | StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answered, "{fields:?}: {}", r.status);
        let shown = if r.status == StatusCode::SEE_OTHER { c.get(r.location()).await.body } else { r.body };
        for s in ["Secret-Beta", "Bérénice", "Basile", "Mail-Beta", "berthe@beta.test", "Recherche-Beta"] {
            assert!(!shown.contains(s), "bulk {fields:?} shows {s}");
        }
        assert_eq!(b_state(&app, &b).await, before, "bulk {fields:?} changed B");
    }
    let send = [("ids", "1,2,3"), ("subject", "S"), ("body", "B"), ("action", "send")];
    assert_eq!(c.post("/members/bulk/email", &send).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(store::mail::counts(&app.db).await.unwrap(), mails, "no message queued for B's members");
    assert_eq!(b_client.get("/members").await.body, saved, "B's list and saved searches unchanged");
    let mine = store::categories::of_member(&app.db, a.association, domain::MemberId(1)).await.unwrap();
    assert_eq!(mine, vec![domain::CategoryId(1)], "A's member 1 went into A's category 1");
    assert!(c.get("/logo").await.body.contains("ALPHA"));
    assert_eq!(c.get("/host").await.status, StatusCode::FORBIDDEN, "not a host operator");
    let r = c.post("/host/mail", &[("smtp_url", "smtp://evil.test:25"), ("mail_from", "x@evil.test")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "only the host operator sets the mail server");
    assert!(store::meta::get(&app.db, web::mail_keys::URL).await.unwrap().is_none());
    // Still in A after trying to switch into B.
    assert!(c.get("/").await.body.contains("Alpha renamed"));
    assert_eq!(b_client.get("/").await.status, StatusCode::OK, "B's session survived");
});

/// B's donations: donors, gifts, receipts (with their files), settings, signature, declaration.
async fn donations_state(app: &TestApp, b: &testkit::app::Fixture) -> String {
    use store::donations as d;
    let a = b.association;
    let receipts = d::receipts(&app.db, a, 2026).await.unwrap();
    let mut files = Vec::new();
    for r in &receipts {
        files.push(d::receipt_pdf(&app.db, a, r.id).await.unwrap().map(|(_, pdf)| pdf.len()));
    }
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        d::donors(&app.db, a)
            .await
            .unwrap()
            .iter()
            .map(|x| (x.id, x.name(), x.city.clone(), x.member_id))
            .collect::<Vec<_>>(),
        d::donations(&app.db, a, 2026)
            .await
            .unwrap()
            .iter()
            .map(|g| (g.id, g.cents, g.entry_id, g.receipt_id))
            .collect::<Vec<_>>(),
        receipts.iter().map(|r| (r.id, r.number.clone(), r.cancelled_at, r.replaced_by)).collect::<Vec<_>>(),
        files,
        d::settings(&app.db, a).await.unwrap().map(|x| (x.object, x.signatory_name, x.donations_account)),
        d::signature(&app.db, a).await.unwrap(),
        d::declaration(&app.db, a, 2026).await.unwrap(),
        d::unposted_count(&app.db, a).await.unwrap(),
    )
}

testkit::web_test!(donations_of_b_stay_out_of_reach, |app: TestApp| async move {
    let sink = testkit::smtp::SmtpSink::start();
    let (a, mut c) = admin_of(&app, "alpha").await;
    let b = app.association("beta").await;
    let mut b_client = app.logged_in(&b.admin_email).await;
    // B: identity, receipt settings and signature, a donor who is a member, a gift posted in an open year,
    // a receipt emailed with its link, a second receipt cancelled and replaced.
    let identity = [
        ("name", "Beta"),
        ("address", "1 rue Beta"),
        ("rna", "W751234567"),
        ("fiscal_year_start_month", "1"),
        ("modules", "members"),
        ("modules", "accounting"),
    ];
    assert_eq!(b_client.post("/settings", &identity).await.status, StatusCode::SEE_OTHER);
    let settings = [
        ("object", "Objet-Beta"),
        ("category", "general-interest"),
        ("signatory_name", "Signataire-Beta"),
        ("signatory_capacity", "Présidente"),
    ];
    assert_eq!(b_client.post("/accounting/donations/settings", &settings).await.status, StatusCode::SEE_OTHER);
    let png = super::donations::SIGNATURE_PNG;
    assert_eq!(
        b_client.post_multipart("/accounting/donations/settings/signature", "signature", "s.png", png).await.status,
        StatusCode::SEE_OTHER
    );
    b_client.post("/members", &[("first_name", "Bérénice"), ("last_name", "Membre-Beta")]).await;
    b_client.post("/accounting/years", &[("start", "01/01/2026"), ("end", "31/12/2026")]).await;
    let donor = [
        ("kind", "individual"),
        ("last_name", "Donateur-Beta"),
        ("first_names", "Bob"),
        ("address", "2 rue Beta"),
        ("postal_code", "59000"),
        ("city", "Ville-Beta"),
        ("email", "donateur@beta.test"),
        ("member", "1"),
    ];
    assert_eq!(b_client.post("/accounting/donations/donors", &donor).await.status, StatusCode::SEE_OTHER);
    for day in ["10/02/2026", "11/02/2026"] {
        let gift = [
            ("donor", "1"),
            ("received_on", day),
            ("amount", "77"),
            ("nature", "money"),
            ("method", "cheque"),
            ("form", "manual"),
        ];
        assert_eq!(b_client.post("/accounting/donations", &gift).await.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(b_client.post("/accounting/donations/1/receipt", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(b_client.post("/accounting/donations/2/receipt", &[]).await.status, StatusCode::SEE_OTHER);
    let cancel = [("replace", "on"), ("confirm", "on")];
    assert_eq!(b_client.post("/accounting/donations/receipts/2/cancel", &cancel).await.status, StatusCode::SEE_OTHER);
    let send = [("email", "donateur@beta.test")];
    assert_eq!(b_client.post("/accounting/donations/receipts/1/send", &send).await.status, StatusCode::SEE_OTHER);
    super::deliver(&app, &sink).await;
    let b_link = sink.wait_for("donateur@beta.test").link_containing("/receipts/");
    let b_path = b_link.strip_prefix("http://preau.test").unwrap().to_string();
    let b_secret = b_path.rsplit('-').next().unwrap().to_string();
    let before = donations_state(&app, &b).await;
    let secrets = ["Objet-Beta", "Signataire-Beta", "Donateur-Beta", "Ville-Beta", "donateur@beta.test", "Membre-Beta"];

    // A (with receipts of its own ready) reads B's numbers: nothing of B shows.
    let a_identity = [
        ("name", "Alpha"),
        ("address", "1 rue Alpha"),
        ("rna", "W751234568"),
        ("fiscal_year_start_month", "1"),
        ("modules", "members"),
        ("modules", "accounting"),
    ];
    c.post("/settings", &a_identity).await;
    for path in [
        "/accounting/donations",
        "/accounting/donations?year=2026",
        "/accounting/donations/new",
        "/accounting/donations/new?donor=1",
        "/accounting/donations/donors",
        "/accounting/donations/donors/new",
        "/accounting/donations/donors/new?member=1",
        "/accounting/donations/donors/1",
        "/accounting/donations/donors/1/edit",
        "/accounting/donations/receipts",
        "/accounting/donations/receipts?year=2026",
        "/accounting/donations/receipts/1",
        "/accounting/donations/receipts/2",
        "/accounting/donations/receipts/1/pdf",
        "/accounting/donations/settings",
        "/accounting/donations/settings/signature",
        "/accounting/donations/summary?year=2026",
    ] {
        let r = c.get(path).await;
        assert!(matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND), "GET {path} → {}", r.status);
        for s in secrets {
            assert!(!r.body.contains(s), "GET {path} shows {s}");
        }
        let one_of_b = path.contains("/donors/1") || (path.contains("/receipts/") && !path.contains('?'));
        if path.ends_with("/pdf") || path.ends_with("/signature") || one_of_b {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "GET {path}");
        }
    }
    let summary = c.get("/accounting/donations/summary?year=2026").await.body;
    assert!(!summary.contains("154,00"), "B's total is not A's");
    // B's link, under A's number or with a wrong secret: 404.
    let anonymous = app.client();
    for path in [
        format!("/receipts/{}-{b_secret}", a.association.0),
        format!("/receipts/{}-{}", b.association.0, "0".repeat(b_secret.len())),
    ] {
        let r = anonymous.clone().get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "GET {path}");
    }
    assert_eq!(anonymous.clone().get(&b_path).await.status, StatusCode::OK, "B's own link works");

    // A writes on B's numbers: refused, B unchanged.
    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "/accounting/donations/donors/1",
            vec![
                ("kind", "individual"),
                ("last_name", "Pirate"),
                ("first_names", "P"),
                ("address", "x"),
                ("postal_code", "1"),
                ("city", "x"),
            ],
        ),
        ("/accounting/donations/1/receipt", vec![]),
        ("/accounting/donations/donors/1/receipt", vec![("year", "2026"), ("article", "200")]),
        ("/accounting/donations/receipts/1/cancel", vec![("replace", "on"), ("confirm", "on")]),
        ("/accounting/donations/receipts/1/send", vec![("email", "pirate@alpha.test")]),
        (
            "/accounting/donations",
            vec![
                ("donor", "1"),
                ("received_on", "10/02/2026"),
                ("amount", "1"),
                ("nature", "money"),
                ("method", "cash"),
                ("form", "manual"),
            ],
        ),
    ];
    for (path, fields) in &attempts {
        let r = c.post(path, fields).await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY),
            "POST {path} → {}",
            r.status
        );
        for s in secrets {
            assert!(!r.body.contains(s), "POST {path} shows {s}");
        }
        assert_eq!(donations_state(&app, &b).await, before, "POST {path} changed B");
    }
    // A's own writes, numbered like B's, land in A only; A's settings are A's.
    let a_settings = [
        ("object", "Objet-Alpha"),
        ("category", "general-interest"),
        ("signatory_name", "Signataire-Alpha"),
        ("signatory_capacity", "Trésorier"),
    ];
    assert_eq!(c.post("/accounting/donations/settings", &a_settings).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        c.post_multipart("/accounting/donations/settings/signature", "signature", "a.png", png).await.status,
        StatusCode::SEE_OTHER
    );
    c.post("/members", &[("first_name", "Anne"), ("last_name", "Alpha")]).await;
    let a_donor = [
        ("kind", "individual"),
        ("last_name", "Alpha"),
        ("first_names", "Anne"),
        ("address", "1 rue Alpha"),
        ("postal_code", "75001"),
        ("city", "Paris"),
        ("member", "1"),
    ];
    assert_eq!(
        c.post("/accounting/donations/donors", &a_donor).await.location(),
        "/accounting/donations/donors/1?notice=notice-saved"
    );
    let gift = [
        ("donor", "1"),
        ("received_on", "10/02/2026"),
        ("amount", "5"),
        ("nature", "money"),
        ("method", "cash"),
        ("form", "manual"),
    ];
    assert_eq!(c.post("/accounting/donations", &gift).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        c.post("/accounting/donations/1/receipt", &[]).await.location(),
        "/accounting/donations/receipts/1?notice=notice-receipt-issued"
    );
    let (_, pdf) = store::donations::receipt_pdf(&app.db, a.association, 1).await.unwrap().unwrap();
    let text = super::donations::receipt_text(&pdf);
    assert!(text.contains("Signataire-Alpha") && !text.contains("Beta"), "A's receipt holds nothing of B: {text}");
    assert_eq!(donations_state(&app, &b).await, before, "A's writes left B alone");
    assert_eq!(c.post("/accounting/donations/post", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(donations_state(&app, &b).await, before, "posting A's gifts left B's alone");
});

/// B's registry and handovers: accounts, holders, settings, steps.
async fn access_state(app: &TestApp, b: &testkit::app::Fixture) -> String {
    let a = b.association;
    let accounts = store::access::list(&app.db, a).await.unwrap();
    let handovers = store::handovers::list(&app.db, a).await.unwrap();
    let steps = store::handovers::steps(&app.db, a, domain::HandoverId(1)).await.unwrap();
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}",
        accounts.iter().map(|x| (x.id, x.service.clone(), x.verified_on.clone(), x.updated_at)).collect::<Vec<_>>(),
        store::access::holders(&app.db, a).await.unwrap(),
        store::access::settings(&app.db, a).await.unwrap(),
        handovers.iter().map(|h| (h.id, h.office.clone(), h.completed_at)).collect::<Vec<_>>(),
        steps.iter().map(|s| (s.position, s.done_at, s.note.clone())).collect::<Vec<_>>(),
    )
}

testkit::web_test!(the_access_registry_of_b_stays_out_of_reach, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "alpha").await;
    let b = app.association("beta").await;
    let mut b_client = app.logged_in(&b.admin_email).await;
    super::access::vault_on(&mut b_client, "Beta").await;
    super::access::vault_on(&mut c, "Alpha").await;
    let b_treasurer = app.member(&b, "tresorier@beta.test", Role::Treasurer).await;
    let holder = b_treasurer.0.to_string();
    let bank = [("kind", "bank"), ("service", "Banque-Beta"), ("login", "compte@beta.test"), ("two_factor", "app")];
    let mut bank = bank.to_vec();
    bank.extend([("holder", holder.as_str()), ("critical", "on"), ("notes", "Note-Beta")]);
    assert_eq!(b_client.post("/access", &bank).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        b_client.post("/access/settings", &[("domains", "domaine-beta.org")]).await.status,
        StatusCode::SEE_OTHER
    );
    let start = [("office", "Trésorerie-Beta"), ("leaving", holder.as_str()), ("incoming", "")];
    assert_eq!(b_client.post("/access/handovers", &start).await.status, StatusCode::SEE_OTHER);
    let before = access_state(&app, &b).await;
    let secrets = ["Banque-Beta", "compte@beta.test", "Note-Beta", "domaine-beta.org", "Trésorerie-Beta", "tresorier"];
    for path in [
        "/access",
        "/access/new",
        "/access/1",
        "/access/handovers",
        "/access/handovers/1",
        "/access/handovers/1/report.pdf",
    ] {
        let r = c.get(path).await;
        assert!(matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND), "GET {path} → {}", r.status);
        for s in secrets {
            assert!(!r.body.contains(s), "GET {path} shows {s}");
        }
        if path.contains('1') {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "GET {path}");
        }
    }
    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/access/1", vec![("kind", "bank"), ("service", "Pirate"), ("two_factor", "none")]),
        ("/access/1/verified", vec![]),
        ("/access/1/delete", vec![]),
        ("/access/handovers/1/steps/1", vec![("done", "on"), ("note", "Pirate")]),
        ("/access/handovers/1/complete", vec![("notes", "Pirate")]),
        ("/access/handovers", vec![("office", "Pirate"), ("leaving", holder.as_str())]),
    ];
    for (path, fields) in &attempts {
        let r = c.post(path, fields).await;
        assert!(
            matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY),
            "POST {path} → {}",
            r.status
        );
        assert_eq!(access_state(&app, &b).await, before, "POST {path} changed B");
    }
    // A's own account cannot take B's person as a holder; A's settings are A's.
    let mine = [("kind", "social"), ("service", "Alpha-Social"), ("two_factor", "none"), ("holder", holder.as_str())];
    assert_eq!(c.post("/access", &mine).await.status, StatusCode::SEE_OTHER);
    assert!(store::access::holders(&app.db, a.association).await.unwrap().is_empty(), "B's treasurer is not in A");
    assert_eq!(c.post("/access/settings", &[("domains", "alpha.org")]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(access_state(&app, &b).await, before, "A's writes left B alone");
});

/// B's vault: keys, collections, entries, files, recovery and its requests.
async fn vault_state(app: &TestApp, b: &testkit::app::Fixture, b_grant: &domain::Grant<domain::TeamWork>) -> String {
    let a = b.association;
    let files = store::vault::files(&app.db, b_grant, None).await.unwrap();
    let mut contents = Vec::new();
    for f in &files {
        contents.push(store::vault::file_content(&app.db, b_grant, f.id).await.unwrap());
    }
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        store::vault::members(&app.db, a)
            .await
            .unwrap()
            .iter()
            .map(|m| (m.user_id, m.public_keys.clone()))
            .collect::<Vec<_>>(),
        store::vault::collections(&app.db, b_grant).await.unwrap(),
        store::vault::entries(&app.db, b_grant).await.unwrap(),
        store::vault::recovery(&app.db, a).await.unwrap(),
        store::vault::holders(&app.db, a).await.unwrap(),
        store::vault::requests(&app.db, a).await.unwrap(),
        store::vault::to_change(&app.db, a).await.unwrap().iter().map(|t| t.id).collect::<Vec<_>>(),
        files,
        contents,
        store::vault::files_used(&app.db, a).await.unwrap(),
    )
}

testkit::web_test!(the_vault_of_b_stays_out_of_reach, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "alpha").await;
    let b = app.association("beta").await;
    let mut bc = app.logged_in(&b.admin_email).await;
    super::access::vault_on(&mut bc, "Beta").await;
    super::access::vault_on(&mut c, "Alpha").await;
    let keys = |who: &str| {
        format!(
            r#"{{"public_keys":"{{\"encryption\":\"Pub-{who}\",\"signing\":\"S\"}}","wrapped_keys":"{{\"kind\":\"preau-member-keys\",\"x\":\"Wrapped-{who}\"}}"}}"#
        )
    };
    assert_eq!(bc.post_json("/vault/api/enrol", &keys("Beta"), None).await.status, StatusCode::OK);
    let b_holder = app.member(&b, "gardien@beta.test", Role::Secretary).await;
    let mut bh = app.logged_in("gardien@beta.test").await;
    assert_eq!(bh.post_json("/vault/api/enrol", &keys("Gardien"), None).await.status, StatusCode::OK);
    bc.post_json("/vault/api/ids", r#"{"kind":"collection","count":1}"#, None).await;
    let collection = r#"{"id":1,"sealed_name":"Nom-Beta","wrapped_key":"Cle-Beta","recovery_wrapped":"Secours-Beta"}"#;
    assert_eq!(bc.post_json("/vault/api/collections", collection, None).await.status, StatusCode::OK);
    bc.post_json("/vault/api/ids", r#"{"kind":"entry","count":1}"#, None).await;
    let entry = r#"{"id":1,"collection_id":1,"sealed":"Entree-Beta","version":1,"key_version":1}"#;
    assert_eq!(bc.post_json("/vault/api/entries", entry, None).await.status, StatusCode::OK);
    bc.post_json("/vault/api/ids", r#"{"kind":"file","count":1}"#, None).await;
    let file = [("x-vault-file-id", "1"), ("x-vault-key-version", "1"), ("x-vault-sealed-meta", "Meta-Beta")];
    let r =
        bc.post_bytes("/vault/api/entries/1/files", b"Fichier-Beta-contenu-chiffre-0123456789".to_vec(), &file).await;
    assert_eq!(r.status, StatusCode::OK);
    let setup = format!(
        r#"{{"split":1,"threshold":2,"delay_hours":1,"check_blob":"Check-Beta","public_key":"RecPub-Beta","sealed_private":"RecPriv-Beta",
            "shares":[[{},"Part-Beta-1"],[{},"Part-Beta-2"]],"collections":[[1,"Secours-Beta"]]}}"#,
        b.admin.0, b_holder.0
    );
    assert_eq!(bc.post_json("/vault/api/recovery", &setup, None).await.status, StatusCode::OK);
    assert_eq!(bh.post("/vault/recovery/requests", &[("reason", "Motif-Beta")]).await.status, StatusCode::SEE_OTHER);
    let b_grant = domain::HostOperator::console().grant::<domain::TeamWork>(b.association, b.admin);
    let before = vault_state(&app, &b, &b_grant).await;
    let secrets = ["Beta", "Part-Beta", "Motif-Beta", "gardien"];

    // A is enrolled too, with its own ids 1.
    assert_eq!(c.post_json("/vault/api/enrol", &keys("Alpha"), None).await.status, StatusCode::OK);
    let paths = [
        "/vault",
        "/vault/api/state",
        "/vault/api/collections/1/access",
        "/vault/api/recovery/requests/1",
        "/vault/api/files/1",
    ];
    for path in paths {
        let r = c.get(path).await;
        assert!(matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND), "GET {path} → {}", r.status);
        for s in secrets {
            assert!(!r.body.contains(s), "GET {path} shows {s}");
        }
    }
    let attempts: Vec<(String, String)> = vec![
        (
            "/vault/api/collections/1/share".into(),
            format!(r#"{{"user_id":{},"wrapped_key":"X","key_version":1}}"#, a.admin.0),
        ),
        (
            "/vault/api/collections/1/rotate".into(),
            r#"{"key_version":2,"sealed_name":"X","recovery_wrapped":null,"access":[],"entries":[[1,"X",2]]}"#.into(),
        ),
        ("/vault/api/entries".into(), r#"{"id":1,"collection_id":1,"sealed":"X","version":2,"key_version":1}"#.into()),
        ("/vault/api/entries/1/delete".into(), "{}".into()),
        ("/vault/api/files/1/delete".into(), "{}".into()),
        (
            format!("/vault/api/members/{}/revoke", b_holder.0),
            format!(r#"{{"owner":{},"deadline":"2027-01-01"}}"#, a.admin.0),
        ),
        ("/vault/api/recovery/requests/1/approve".into(), r#"{"sealed_share":"X"}"#.into()),
        ("/vault/api/recovery/requests/1/complete".into(), r#"{"keys":[[1,1,"X"]]}"#.into()),
        (
            "/vault/api/collections".into(),
            r#"{"id":1,"sealed_name":"X","wrapped_key":"X","recovery_wrapped":null}"#.into(),
        ),
        ("/vault/api/rewrap".into(), keys("Beta")),
    ];
    for (path, body) in &attempts {
        let r = c.post_json(path, body, None).await;
        assert!(
            matches!(
                r.status,
                StatusCode::NOT_FOUND | StatusCode::FORBIDDEN | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::OK
            ),
            "POST {path} → {}",
            r.status
        );
        assert_eq!(vault_state(&app, &b, &b_grant).await, before, "POST {path} changed B");
    }
    // A file for B's entry, under an id A reserved: A has no entry 1.
    c.post_json("/vault/api/ids", r#"{"kind":"file","count":1}"#, None).await;
    let file = [("x-vault-file-id", "1"), ("x-vault-key-version", "1"), ("x-vault-sealed-meta", "X")];
    let r = c.post_bytes("/vault/api/entries/1/files", b"X-contenu-0123456789012345678901234567".to_vec(), &file).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "POST a file to B's entry");
    assert_eq!(vault_state(&app, &b, &b_grant).await, before, "A's file went nowhere in B");
    let r = c.post("/vault/recovery/requests/1/cancel", &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(vault_state(&app, &b, &b_grant).await, before, "B's request still pending");
});

/// B's check-up: settings, runs, answers, alerts.
async fn checkup_state(app: &TestApp, b: &testkit::app::Fixture) -> String {
    let a = b.association;
    let runs = store::checkup::runs(&app.db, a).await.unwrap();
    let mut answers = Vec::new();
    for r in &runs {
        answers.push(store::checkup::answers(&app.db, a, r.id).await.unwrap());
    }
    format!(
        "{:?}|{:?}|{:?}|{:?}",
        store::checkup::settings(&app.db, a).await.unwrap(),
        runs,
        answers,
        store::checkup::alerts(&app.db, a).await.unwrap()
    )
}

testkit::web_test!(the_checkup_of_b_stays_out_of_reach, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "alpha").await;
    let b = app.association("beta").await;
    let mut bc = app.logged_in(&b.admin_email).await;
    super::checkup::checkup_on(&mut bc, "Beta").await;
    super::checkup::checkup_on(&mut c, "Alpha").await;
    assert_eq!(bc.post("/checkup/runs", &[]).await.status, StatusCode::SEE_OTHER);
    let answers = [("g1", "member"), ("p1", "one")];
    assert_eq!(bc.post("/checkup/runs/1/questionnaire", &answers).await.status, StatusCode::SEE_OTHER);
    let settings = [("domain", "domaine-beta.test"), ("watch", "on"), ("every_days", "7")];
    assert_eq!(bc.post("/checkup/settings", &settings).await.status, StatusCode::SEE_OTHER);
    let before = checkup_state(&app, &b).await;
    let secrets = ["domaine-beta.test", "Un membre, à titre personnel"];
    for path in ["/checkup", "/checkup/runs/1", "/checkup/runs/1/questionnaire", "/checkup/runs/1/report.pdf"] {
        let r = c.get(path).await;
        assert!(matches!(r.status, StatusCode::OK | StatusCode::NOT_FOUND), "GET {path} → {}", r.status);
        for s in secrets {
            assert!(!r.body.contains(s), "GET {path} shows {s}");
        }
        if path.contains('1') {
            assert_eq!(r.status, StatusCode::NOT_FOUND, "GET {path}");
        }
    }
    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/checkup/runs/1/questionnaire", vec![("g1", "association"), ("p1", "manager")]),
        ("/checkup/runs/1/check", vec![]),
    ];
    for (path, fields) in &attempts {
        let r = c.post(path, fields).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "POST {path}");
        assert_eq!(checkup_state(&app, &b).await, before, "POST {path} changed B");
    }
    // A's own run and settings are A's; B's stay as they were.
    assert_eq!(c.post("/checkup/runs", &[]).await.location(), "/checkup/runs/1?notice=notice-saved");
    assert_eq!(c.post("/checkup/runs/1/questionnaire", &[("g1", "association")]).await.status, StatusCode::SEE_OTHER);
    let mine = [("domain", "alpha.test"), ("every_days", "7")];
    assert_eq!(c.post("/checkup/settings", &mine).await.status, StatusCode::SEE_OTHER);
    assert_eq!(store::checkup::settings(&app.db, a.association).await.unwrap().domain, "alpha.test");
    assert_eq!(checkup_state(&app, &b).await, before, "A's writes left B alone");
    assert!(!c.get("/checkup").await.body.contains("domaine-beta.test"));
});

#[test]
fn every_route_is_covered_by_the_cross_tenant_suite() {
    let router = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    // `.route(` then the path, on the same line or (rustfmt's choice) the next.
    let routes: Vec<&str> =
        router.split(".route(").skip(1).filter_map(|s| s.trim_start().strip_prefix('"')?.split('"').next()).collect();
    assert!(routes.len() > 20);
    for r in routes {
        assert!(COVERED.contains(&r), "route {r} is missing from the cross-tenant suite");
    }
}
