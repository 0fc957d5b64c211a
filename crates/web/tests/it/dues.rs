use super::*;
use axum::http::StatusCode;
use domain::{Date, MemberId, Role};

/// Today as the server sees it, and a day relative to it as typed in a French form.
fn typed_day(offset: i64) -> String {
    let d = Date::from_days(web::now().div_euclid(86_400) + offset).unwrap();
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

async fn post(c: &mut Client, fields: Vec<(&str, String)>) -> TestResponse {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.post("/members/reminders", &f).await
}

async fn queued(app: &TestApp) -> i64 {
    store::mail::counts(&app.db).await.unwrap().iter().map(|(_, n)| n).sum()
}

testkit::web_test!(a_treasurer_sets_tariffs_and_records_dues, |app: TestApp| async move {
    let f = app.association("amis").await;
    app.member(&f, "tresoriere@amis.test", Role::Treasurer).await;
    let mut c = app.logged_in("tresoriere@amis.test").await;
    c.post("/members", &[("first_name", "Léa"), ("last_name", "Roux"), ("email", "lea@amis.test")]).await;
    c.post("/members", &[("first_name", "Noé"), ("last_name", "Roux")]).await;
    assert!(c.get("/members/types").await.body.contains("Aucun type d&#39;adhésion"), "empty state");
    assert!(c.get("/members/1/payments/new").await.body.contains("encore aucun type"));

    // Categories, then a type priced by category.
    assert_eq!(c.post("/members/categories", &[("name", "Étudiant·e")]).await.status, StatusCode::SEE_OTHER);
    assert_refused(&c.post("/members/categories", &[("name", "Étudiant·e")]).await, "name");
    assert_refused(&c.post("/members/categories", &[("name", " ")]).await, "name");
    let bad_type = [
        ("name", "Annuelle"),
        ("rule", "fixed"),
        ("fixed_start", "31/02/2026"),
        ("fixed_end", "01/01/2026"),
        ("tariff", "category"),
        ("amount", "12,5O €"),
        ("account", "411"),
    ];
    let r = c.post("/members/types", &bad_type).await;
    for field in ["fixed_start", "amount", "account"] {
        assert_refused(&r, field);
    }
    assert_eq!(field_value(&r.body, "amount").as_deref(), Some("12,5O €"), "typed value kept");
    assert!(store::dues::types(&app.db, f.association).await.unwrap().is_empty(), "nothing written");
    let season = [
        ("name", "Saison"),
        ("rule", "season"),
        ("season_month", "9"),
        ("season_day", "1"),
        ("tariff", "category"),
        ("amount", "30"),
        ("price-1", "15,50"),
        ("account", "7561"),
    ];
    assert_eq!(c.post("/members/types", &season).await.status, StatusCode::SEE_OTHER);
    let types = c.get("/members/types").await;
    assert!(types.body.contains("saison à partir du 1 septembre"), "{}", types.body);
    assert!(types.body.contains("Étudiant·e 15,50"), "{}", types.body);

    // Léa is a student: her price is 15,50 €; less is refused, with the price said.
    c.post("/members/1/categories", &[("categories", "1")]).await;
    let form = c.get("/members/1/payments/new").await;
    assert!(form.body.contains("Saison — 15,50"), "{}", form.body);
    let below = [("type", "1"), ("amount", "10"), ("paid_on", &typed_day(0)), ("method", "cheque")];
    let r = c.post("/members/1/payments", &below).await;
    assert_refused(&r, "amount");
    assert!(r.body.contains("inférieur au tarif (15,50"), "{}", r.body);
    let future = [("type", "1"), ("amount", ""), ("paid_on", &typed_day(2)), ("method", "bitcoin")];
    let r = c.post("/members/1/payments", &future).await;
    assert_refused(&r, "paid_on");
    assert_refused(&r, "method");
    assert_refused(&c.post("/members/1/payments", &[("type", "99"), ("paid_on", &typed_day(0))]).await, "type");
    assert!(store::dues::of_member(&app.db, f.association, MemberId(1)).await.unwrap().1.is_empty());

    // No amount typed: her price.
    let ok = [("type", "1"), ("amount", ""), ("paid_on", &typed_day(0)), ("method", "cheque"), ("reference", "n° 42")];
    assert_eq!(c.post("/members/1/payments", &ok).await.location(), "/members/1?notice=notice-payment-recorded");
    let (periods, payments) = store::dues::of_member(&app.db, f.association, MemberId(1)).await.unwrap();
    assert_eq!((payments[0].amount_cents, payments[0].method.as_str()), (1550, "cheque"));
    assert_eq!(periods.len(), 1);
    let page = c.get("/members/1").await;
    for text in ["à jour", "Saison", "15,50", "chèque", "n° 42", "Cotisation enregistrée", "Catégories changées"]
    {
        assert!(page.body.contains(text), "member page lacks {text}: {}", page.body);
    }
    // The list shows the status and filters on it.
    let up = c.get("/members?status=up-to-date").await;
    assert!(up.body.contains("/members/1\"") && !up.body.contains("/members/2\""), "{}", up.body);
    let never = c.get("/members?status=never&category=&type=&year=").await;
    assert!(never.body.contains("/members/2\"") && !never.body.contains("/members/1\""));
    assert!(c.get("/members?category=1").await.body.contains("1 adhérent·e"));

    // Households: Noé joins Léa's; a bad payer number is refused and changes nothing.
    assert_refused(&c.post("/members/2/household", &[("payer", "2")]).await, "payer");
    assert_refused(&c.post("/members/2/household", &[("payer", "abc")]).await, "payer");
    assert_eq!(c.post("/members/2/household", &[("payer", "#1")]).await.status, StatusCode::SEE_OTHER);
    assert!(c.get("/members/2").await.body.contains("paie pour le foyer"));

    // Members of the association see nothing of this.
    app.member(&f, "adherent@amis.test", Role::Member).await;
    let mut m = app.logged_in("adherent@amis.test").await;
    assert_eq!(m.get("/members/types").await.status, StatusCode::FORBIDDEN);
    assert_eq!(m.post("/members/1/payments", &ok).await.status, StatusCode::FORBIDDEN);
});

testkit::web_test!(reminders_are_previewed_then_sent_once_over_smtp, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    c.post("/members", &[("first_name", "Léa"), ("last_name", "Roux"), ("email", "lea@amis.test")]).await;
    let rolling = [("name", "Annuelle"), ("rule", "rolling"), ("tariff", "fixed"), ("amount", "20")];
    c.post("/members/types", &rolling).await;
    // Paid a year ago less ten days: the period ends in ten days.
    let paid = [("type", "1"), ("paid_on", &typed_day(-355)), ("method", "cash")];
    assert_eq!(c.post("/members/1/payments", &paid).await.status, StatusCode::SEE_OTHER);
    let settings = |action: &'static str, previewed: String| {
        vec![
            ("due_soon_days", "30".to_string()),
            ("grace_days", "90".into()),
            ("offsets", "-10, 0".into()),
            ("subject", "Cotisation {association}".into()),
            ("body", "Bonjour {prenom}, échéance le {echeance}, {montant}.".into()),
            ("action", action.into()),
            ("previewed", previewed),
        ]
    };
    // Switching on without a preview is refused.
    assert_refused(&post(&mut c, settings("enable", String::new())).await, "offsets");
    assert!(!store::dues::settings(&app.db, f.association).await.unwrap().reminders_enabled);
    assert_refused(&post(&mut c, vec![("offsets", "-400".into()), ("due_soon_days", "x".into())]).await, "offsets");
    // The preview shows the real text for the first person due, and who will get what.
    let preview = post(&mut c, settings("preview", String::new())).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("Bonjour Léa, échéance le"), "{}", preview.body);
    assert!(preview.body.contains("20,00") && preview.body.contains("lea@amis.test"));
    let stamp = field_value(&preview.body, "previewed").unwrap();
    assert!(!stamp.is_empty());
    // A preview of other texts does not switch these on.
    let mut changed = settings("enable", stamp.clone());
    changed[4].1 = "Autre texte".into();
    assert_refused(&post(&mut c, changed).await, "offsets");
    assert_eq!(post(&mut c, settings("enable", stamp)).await.status, StatusCode::SEE_OTHER);
    assert!(store::dues::settings(&app.db, f.association).await.unwrap().reminders_enabled);

    // The daily pass: ten days before the end, one reminder; run again, none.
    let today = Date::from_days(web::now().div_euclid(86_400)).unwrap();
    let before = queued(&app).await;
    assert_eq!(web::reminders::send_due(&app.db, today, web::now()).await.unwrap(), 1);
    assert_eq!(web::reminders::send_due(&app.db, today, web::now()).await.unwrap(), 0, "never twice");
    assert_eq!(queued(&app).await, before + 1);
    // Nine days before: nothing new (the -10 one is done, 0 not yet).
    assert_eq!(web::reminders::send_due(&app.db, today.add_days(1), web::now()).await.unwrap(), 0);

    // The mail server is down: the reminder waits, the team sees it.
    let dead = format!("smtp://127.0.0.1:{}", testkit::smtp::free_port());
    let mailer = server::mailer::Mailer::new(&dead, "Préau <preau@preau.test>").unwrap();
    server::mailer::send_due(&app.db, &mailer, web::now() + 1).await.unwrap();
    assert_eq!(store::dues::reminders_failing(&app.db, f.association).await.unwrap(), 1);
    assert!(c.get("/members/reminders").await.body.contains("Préau réessaie"));
    assert!(c.get("/").await.body.contains("Préau réessaie"), "the dashboard says so too");
    // Back up: delivered over SMTP, with the association's text.
    let sink = testkit::smtp::SmtpSink::start();
    let mailer = server::mailer::Mailer::new(&sink.url(), "Préau <preau@preau.test>").unwrap();
    server::mailer::send_due(&app.db, &mailer, web::now() + 4000).await.unwrap();
    let mail = sink.wait_for("lea@amis.test");
    assert!(mail.subject.contains("Cotisation Association amis"), "{}", mail.subject);
    assert!(mail.body.contains("Bonjour Léa") && mail.body.contains("20,00"), "{}", mail.body);
    assert_eq!(store::dues::reminders_failing(&app.db, f.association).await.unwrap(), 0);
    let page = c.get("/members/1").await;
    assert!(page.body.contains("Rappel pour l&#39;échéance") && page.body.contains("envoyé"), "{}", page.body);
});
