//! The access registry, its risks panel and handovers, through the pages.

use super::*;
use axum::http::StatusCode;
use domain::Role;

/// Switches the vault and registry module on (with members and accounting).
pub async fn vault_on(c: &mut Client, name: &str) {
    let settings = [
        ("name", name),
        ("fiscal_year_start_month", "1"),
        ("modules", "members"),
        ("modules", "accounting"),
        ("modules", "vault"),
    ];
    assert_eq!(c.post("/settings", &settings).await.status, StatusCode::SEE_OTHER);
}

fn account<'a>(kind: &'a str, service: &'a str, login: &'a str, holders: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![("kind", kind), ("service", service), ("login", login), ("two_factor", "app")];
    f.push(("verified_on", "2026-11-01"));
    f.extend(holders.iter().map(|h| ("holder", *h)));
    if domain::access::Kind::from_code(kind).is_some_and(|k| k.critical_by_default()) {
        f.push(("critical", "on"));
    }
    f
}

testkit::web_test!(the_registry_shows_risks_and_the_bus_factor, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    assert_eq!(c.get("/access").await.status, StatusCode::NOT_FOUND, "module off");
    vault_on(&mut c, "Amis").await;
    let empty = c.get("/access").await;
    assert!(empty.body.contains("Le registre est vide"), "{}", empty.body);
    assert!(empty.body.contains("/access/new?kind=registrar"));
    let tresoriere = app.member(&a, "tresoriere@amis.test", Role::Treasurer).await;
    let admin = a.admin.0.to_string();
    let t = tresoriere.0.to_string();
    // The bank held by two, the registrar by one on a personal address.
    let mut bank = account("bank", "Crédit Coopératif", "tresorerie@amis.org", &[&admin, &t]);
    bank.push(("vault_entry", "#7"));
    assert_eq!(c.post("/access", &bank).await.status, StatusCode::SEE_OTHER);
    let registrar = account("registrar", "Gandi", "admin@gmail.com", &[&admin, "999999"]);
    assert_eq!(c.post("/access", &registrar).await.status, StatusCode::SEE_OTHER);
    let holders = store::access::holders_of(&app.db, a.association, domain::AccessAccountId(2)).await.unwrap();
    assert_eq!(holders, [a.admin], "someone outside the team cannot be a holder");
    let page = c.get("/access").await.body;
    assert!(page.contains("absence : 1."), "the registrar rests on one person");
    assert!(page.contains("data-risk=\"single-holder\""));
    assert!(page.contains("data-risk=\"personal-login\""), "gmail.com with no own domain named");
    assert!(!page.contains("Le registre est vide"));
    assert!(page.contains("href=\"/vault#entry-7\""), "the bank's secret is in vault entry 7");
    // Naming the association's domain: a login elsewhere is personal.
    let r = c.post("/access/settings", &[("domains", "amis.org"), ("reminders", "on")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let settings = store::access::settings(&app.db, a.association).await.unwrap();
    assert_eq!(settings.domains, ["amis.org"]);
    // Adding a second holder lifts the bus factor to 2.
    let mut fixed = registrar.clone();
    fixed.retain(|(k, _)| *k != "holder");
    fixed.extend([("holder", admin.as_str()), ("holder", t.as_str())]);
    fixed.retain(|(k, _)| *k != "login");
    fixed.push(("login", "domaine@amis.org"));
    assert_eq!(c.post("/access/2", &fixed).await.status, StatusCode::SEE_OTHER);
    let page = c.get("/access").await.body;
    assert!(page.contains("absence : 2."), "{page}");
    assert!(!page.contains("data-risk=\"personal-login\""));
    // Checked today clears "not verified"; the audit log has it.
    let old = [("kind", "social"), ("service", "Mastodon"), ("two_factor", "none"), ("holder", t.as_str())];
    assert_eq!(c.post("/access", &old).await.status, StatusCode::SEE_OTHER);
    assert!(c.get("/access").await.body.contains("data-risk=\"not-verified\""));
    assert_eq!(c.post("/access/3/verified", &[]).await.status, StatusCode::SEE_OTHER);
    let row = store::access::get(&app.db, a.association, domain::AccessAccountId(3)).await.unwrap().unwrap();
    let today = domain::Date::from_days(web::now().div_euclid(86_400)).unwrap().to_string();
    assert_eq!(row.verified_on.as_deref(), Some(today.as_str()));
    assert!(c.get("/audit").await.body.contains("access.verify"));
    // Removing it leaves the others.
    assert_eq!(c.post("/access/3/delete", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(store::access::list(&app.db, a.association).await.unwrap().len(), 2);
    assert_eq!(c.post("/access/3/delete", &[]).await.status, StatusCode::NOT_FOUND);
});

testkit::web_test!(a_bad_account_form_is_refused_field_by_field_and_changes_nothing, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    vault_on(&mut c, "Amis").await;
    let bad = [
        ("kind", "castle"),
        ("service", ""),
        ("address", "pas une adresse"),
        ("two_factor", "pigeon"),
        ("expires_on", "31/02/2027"),
        ("verified_on", "01/01/2999"),
        ("vault_entry", "la banque"),
    ];
    let r = c.post("/access", &bad).await;
    for field in ["kind", "service", "address", "two_factor", "expires_on", "verified_on", "vault_entry"] {
        assert_refused(&r, field);
    }
    assert_eq!(field_value(&r.body, "address").as_deref(), Some("pas une adresse"), "what was typed stays");
    assert!(store::access::list(&app.db, a.association).await.unwrap().is_empty());
    let r = c.post("/access/settings", &[("domains", "amis")]).await;
    assert_refused(&r, "domains");
    assert!(store::access::settings(&app.db, a.association).await.unwrap().domains.is_empty());
    // A plain member reads nothing; an editor reads but cannot write.
    app.member(&a, "editeur@amis.test", Role::Editor).await;
    let mut e = app.logged_in("editeur@amis.test").await;
    assert_eq!(e.get("/access").await.status, StatusCode::OK);
    assert!(!e.get("/access").await.body.contains("/access/new"), "no add link for readers");
    let good = account("bank", "Banque", "", &[]);
    assert_eq!(e.post("/access", &good).await.status, StatusCode::FORBIDDEN);
    app.member(&a, "membre@amis.test", Role::Member).await;
    let mut m = app.logged_in("membre@amis.test").await;
    assert_eq!(m.get("/access").await.status, StatusCode::FORBIDDEN);
});

testkit::web_test!(a_handover_walks_the_leaving_persons_accounts, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    vault_on(&mut c, "Amis").await;
    let leaving = app.member(&a, "ancienne@amis.test", Role::Treasurer).await;
    let incoming = app.member(&a, "nouveau@amis.test", Role::Member).await;
    let (l, i) = (leaving.0.to_string(), incoming.0.to_string());
    assert_eq!(c.post("/access", &account("bank", "Banque-Solidaire", "", &[&l])).await.status, StatusCode::SEE_OTHER);
    assert_eq!(c.post("/access", &account("social", "Mastodon", "", &[&l])).await.status, StatusCode::SEE_OTHER);
    let admin = a.admin.0.to_string();
    assert_eq!(c.post("/access", &account("mailbox", "Boîte", "", &[&admin])).await.status, StatusCode::SEE_OTHER);
    // Bad input: nobody leaving, the same person twice.
    let r = c.post("/access/handovers", &[("office", ""), ("leaving", ""), ("incoming", "")]).await;
    assert_refused(&r, "office");
    assert_refused(&r, "leaving");
    let r = c.post("/access/handovers", &[("office", "Trésorerie"), ("leaving", &l), ("incoming", &l)]).await;
    assert_refused(&r, "incoming");
    assert!(store::handovers::list(&app.db, a.association).await.unwrap().is_empty());
    let start = [("office", "Trésorerie"), ("leaving", l.as_str()), ("incoming", i.as_str())];
    let r = c.post("/access/handovers", &start).await;
    assert_eq!(r.location(), "/access/handovers/1?notice=notice-saved");
    let steps = store::handovers::steps(&app.db, a.association, domain::HandoverId(1)).await.unwrap();
    let kinds: Vec<_> = steps.iter().map(|s| (s.kind.as_str(), s.subject.as_str())).collect();
    assert_eq!(
        kinds,
        [
            ("account", "Banque-Solidaire"),
            ("bank-mandate", "Banque-Solidaire"),
            ("account", "Mastodon"),
            ("vault", ""),
            ("recovery-shares", ""),
            ("fingerprint", ""),
            ("roles", "")
        ],
        "the mailbox is not hers"
    );
    let page = c.get("/access/handovers/1").await.body;
    assert!(page.contains("accès à Banque-Solidaire"));
    assert!(page.contains("Changer les mandataires chez Banque-Solidaire"));
    // Completing early is refused.
    let r = c.post("/access/handovers/1/complete", &[("notes", "")]).await;
    assert_refused(&r, "notes");
    // Ticking the bank's access step hands it over in the registry.
    let r = c.post("/access/handovers/1/steps/1", &[("done", "on"), ("note", "Mot de passe changé")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let holders = store::access::holders_of(&app.db, a.association, domain::AccessAccountId(1)).await.unwrap();
    assert_eq!(holders, [incoming]);
    for position in 2..=7 {
        let r = c.post(&format!("/access/handovers/1/steps/{position}"), &[("done", "on"), ("note", "")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(c.post("/access/handovers/1/steps/99", &[("done", "on")]).await.status, StatusCode::NOT_FOUND);
    let r = c.post("/access/handovers/1/complete", &[("notes", "Chéquier remis en main propre")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let h = store::handovers::get(&app.db, a.association, domain::HandoverId(1)).await.unwrap().unwrap();
    assert!(h.completed_at.is_some());
    assert_eq!((h.steps, h.steps_done), (7, 7));
    // Closed: steps no longer change.
    assert_eq!(c.post("/access/handovers/1/steps/1", &[("done", "off")]).await.status, StatusCode::NOT_FOUND);
    // The report for the board, as a PDF read back as text.
    assert_eq!(c.get("/access/handovers/1/report.pdf").await.header("content-type"), "application/pdf");
    let (_, pdf) = super::accounting::download(&app, &c, "/access/handovers/1/report.pdf").await;
    let text = super::accounting::pdf_text(&pdf);
    for expected in ["Passation : Trésorerie", "Banque-Solidaire", "Mot de passe changé", "Chéquier remis", "ancienne"]
    {
        assert!(text.contains(expected), "the report says {expected}: {text}");
    }
    let audit = c.get("/audit").await.body;
    assert!(audit.contains("handover.start") && audit.contains("handover.complete"));
});

testkit::web_test!(registry_reminders_go_once_to_holders_and_administrators, |app: TestApp| async move {
    let (a, mut c) = admin_of(&app, "amis").await;
    vault_on(&mut c, "Amis").await;
    let t = app.member(&a, "tresoriere@amis.test", Role::Treasurer).await;
    let today = domain::Date::parse_iso("2026-12-01").unwrap();
    let mut gandi = account("registrar", "Gandi", "", &[]);
    let holder = t.0.to_string();
    gandi.push(("holder", &holder));
    gandi.retain(|(k, _)| *k != "verified_on");
    gandi.push(("verified_on", "2026-06-01"));
    gandi.push(("expires_on", "2026-12-20"));
    assert_eq!(c.post("/access", &gandi).await.status, StatusCode::SEE_OTHER);
    let n = web::access::send_due(&app.db, today, 100, "http://preau.test").await.unwrap();
    assert_eq!(n, 1, "the expiry");
    assert_eq!(web::access::send_due(&app.db, today, 101, "http://preau.test").await.unwrap(), 0, "once");
    let sink = testkit::smtp::SmtpSink::start();
    deliver(&app, &sink).await;
    let to_treasurer = sink.wait_for("tresoriere@amis.test");
    assert!(to_treasurer.body.contains("Gandi") && to_treasurer.body.contains("20/12/2026"), "{}", to_treasurer.body);
    sink.wait_for(&a.admin_email);
    // Switched off: nothing more, even when a verification falls due.
    c.post("/access/settings", &[("domains", "")]).await;
    let later = domain::Date::parse_iso("2027-07-01").unwrap();
    assert_eq!(web::access::send_due(&app.db, later, 200, "http://preau.test").await.unwrap(), 0);
});
