use super::*;
use axum::http::StatusCode;
use domain::Role;
use testkit::app::PASSWORD;

testkit::web_test!(an_invitation_by_email_creates_the_account_once, |app: TestApp| async move {
    let sink = testkit::smtp::SmtpSink::start();
    let (f, mut admin) = admin_of(&app, "amis").await;
    let r = admin.post("/team/invitations", &[("email", "Chloe@Amis.Test"), ("role", "treasurer")]).await;
    assert_eq!(r.location(), "/team?notice=notice-invited");
    assert!(admin.get("/team").await.body.contains("chloe@amis.test"), "pending invitation listed");
    deliver(&app, &sink).await;
    let mail = sink.wait_for("chloe@amis.test");
    assert!(mail.body.contains("Association amis") && mail.body.contains("Trésorier"), "{}", mail.body);
    let path = mail.link_containing("/invitation/").trim_start_matches("http://preau.test").to_string();
    let mut chloe = app.client();
    let page = chloe.get(&path).await;
    assert!(page.body.contains("Rejoindre Association amis"), "{}", page.body);
    assert_refused(
        &chloe.post(&path, &[("display_name", "Chloé"), ("password", "x"), ("password_confirm", "x")]).await,
        "password",
    );
    let r = chloe
        .post(
            &path,
            &[
                ("display_name", "Chloé"),
                ("password", "chloe's long passphrase"),
                ("password_confirm", "chloe's long passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = chloe.get("/").await;
    assert!(home.body.contains("Trésorier"), "{}", home.body);
    let u = store::users::by_email(&app.db, "chloe@amis.test").await.unwrap().unwrap();
    assert_eq!(store::team::membership(&app.db, f.association, u.id()).await.unwrap().unwrap().role, Role::Treasurer);
    let again = app.client().get(&path).await;
    assert_eq!(again.status, StatusCode::GONE);
    let audit = admin.get("/audit").await;
    assert!(audit.body.contains("team.invite") && audit.body.contains("team.join"));
});

testkit::web_test!(an_existing_person_joins_a_second_association_and_switches, |app: TestApp| async move {
    let sink = testkit::smtp::SmtpSink::start();
    let (amis, _) = admin_of(&app, "amis").await;
    let (_, mut voisins) = admin_of(&app, "voisins").await;
    voisins.post("/team/invitations", &[("email", &amis.admin_email), ("role", "secretary")]).await;
    deliver(&app, &sink).await;
    let path = sink
        .wait_for(&amis.admin_email)
        .link_containing("/invitation/")
        .trim_start_matches("http://preau.test")
        .to_string();
    let mut anon = app.client();
    let r = anon.post(&path, &[]).await;
    assert!(r.location().starts_with("/login?next=/invitation/"), "log in first: {}", r.location());
    let mut c = app.logged_in(&amis.admin_email).await;
    assert!(c.get(&path).await.body.contains("connecté·e en tant que admin@amis.test"));
    c.post(&path, &[]).await;
    let home = c.get("/").await;
    assert!(home.body.contains("Association voisins") && home.body.contains("Secrétaire"), "now in voisins");
    let r = c.post("/switch", &[("association", &amis.association.0.to_string())]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(c.get("/").await.body.contains("<h1>Association amis</h1>"));
});

testkit::web_test!(roles_gate_the_pages, |app: TestApp| async move {
    let f = app.association("amis").await;
    app.member(&f, "member@amis.test", Role::Member).await;
    app.member(&f, "editor@amis.test", Role::Editor).await;
    let mut member = app.logged_in("member@amis.test").await;
    for path in ["/settings", "/team", "/audit"] {
        assert_eq!(member.get(path).await.status, StatusCode::FORBIDDEN, "member {path}");
    }
    assert_eq!(member.get("/host").await.status, StatusCode::FORBIDDEN, "not host operator");
    assert_eq!(member.get("/").await.status, StatusCode::OK);
    let mut editor = app.logged_in("editor@amis.test").await;
    assert_eq!(editor.get("/team").await.status, StatusCode::OK);
    assert!(!editor.get("/team").await.body.contains("/team/invitations"), "no invite form for editors");
    for (path, fields) in [
        ("/team/invitations", vec![("email", "x@y.test"), ("role", "administrator")]),
        ("/settings", vec![("name", "Pirate"), ("fiscal_year_start_month", "1")]),
        (&format!("/team/{}/role", f.admin.0) as &str, vec![("role", "member")]),
    ] {
        assert_eq!(editor.post(path, &fields).await.status, StatusCode::FORBIDDEN, "editor POST {path}");
    }
    assert_eq!(
        store::team::membership(&app.db, f.association, f.admin).await.unwrap().unwrap().role,
        Role::Administrator
    );
    assert!(store::team::pending_invitations(&app.db, f.association, 0).await.unwrap().is_empty());
    assert_eq!(store::associations::get(&app.db, f.association).await.unwrap().unwrap().name, "Association amis");
    let _ = PASSWORD;
});

testkit::web_test!(the_last_administrator_cannot_leave, |app: TestApp| async move {
    let (f, mut admin) = admin_of(&app, "amis").await;
    let r = admin.post(&format!("/team/{}/role", f.admin.0), &[("role", "member")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("au moins une personne administratrice"));
    let bob = app.member(&f, "bob@amis.test", Role::Member).await;
    assert_eq!(
        admin.post(&format!("/team/{}/role", bob.0), &[("role", "administrator")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(admin.post(&format!("/team/{}/remove", bob.0), &[]).await.status, StatusCode::SEE_OTHER);
    assert!(store::team::membership(&app.db, f.association, bob).await.unwrap().is_none());
});

testkit::web_test!(settings_and_logo_are_saved, |app: TestApp| async move {
    let (f, mut admin) = admin_of(&app, "amis").await;
    let r = admin
        .post(
            "/settings",
            &[
                ("name", "Les Amis"),
                ("address", "1 rue du Préau\n75011 Paris"),
                ("siren", "732 829 320"),
                ("rna", "W751234567"),
                ("contact_email", "bureau@amis.test"),
                ("fiscal_year_start_month", "9"),
                ("modules", "members"),
                ("modules", "vault"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/settings?notice=notice-saved");
    let a = store::associations::get(&app.db, f.association).await.unwrap().unwrap();
    assert_eq!(
        (a.name.as_str(), a.siren.as_deref(), a.fiscal_year_start_month, a.modules.as_str()),
        ("Les Amis", Some("732829320"), 9, "members,vault")
    );
    let png = b"\x89PNG\r\n\x1a\n0000";
    assert_eq!(admin.post_multipart("/settings/logo", "logo", "logo.png", png).await.status, StatusCode::SEE_OTHER);
    let logo = admin.get("/logo").await;
    assert_eq!(logo.header("content-type"), "image/png");
});

testkit::web_test!(the_host_page_lists_associations_and_creates_them, |app: TestApp| async move {
    let (f, mut admin) = admin_of(&app, "amis").await;
    store::users::set_host_operator(&app.db, f.admin, true).await.unwrap();
    app.association("voisins").await;
    let page = admin.get("/host").await;
    assert!(page.body.contains("Association amis") && page.body.contains("Association voisins"));
    assert!(page.body.contains("2 associations hébergées"));
    let r =
        admin.post("/host", &[("name", "Club de lecture"), ("slug", ""), ("admin_email", "lecture@club.test")]).await;
    assert_eq!(r.location(), "/host?notice=notice-association-created");
    let a = store::associations::by_slug(&app.db, "club-de-lecture").await.unwrap().expect("created");
    assert_eq!(store::team::pending_invitations(&app.db, a.id(), 0).await.unwrap()[0].email, "lecture@club.test");
});

testkit::web_test!(the_host_sets_the_mail_server_and_its_password_is_sealed, |app: TestApp| async move {
    let sink = testkit::smtp::SmtpSink::start();
    let (f, mut admin) = admin_of(&app, "amis").await;
    store::users::set_host_operator(&app.db, f.admin, true).await.unwrap();
    let bad = admin.post("/host/mail", &[("smtp_url", "http://x"), ("mail_from", "Préau <p@amis.test>")]).await;
    assert_refused(&bad, "smtp_url");
    let bad = admin.post("/host/mail", &[("smtp_url", &sink.url()), ("mail_from", "Préau <nope")]).await;
    assert_refused(&bad, "mail_from");
    assert!(store::meta::get(&app.db, web::mail_keys::URL).await.unwrap().is_none(), "nothing saved");
    let secret = "s3cr3t-smtp-passw0rd";
    let fields = [
        ("smtp_url", sink.url()),
        ("smtp_username", "preau".into()),
        ("smtp_password", secret.into()),
        ("mail_from", "Préau <preau@amis.test>".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(admin.post("/host/mail", &fields).await.location(), "/host?notice=notice-saved");
    // The password is nowhere in the database in clear, nor shown back.
    let mut dump = Vec::new();
    store::backup::export(&app.db, &mut dump).await.unwrap();
    assert!(!String::from_utf8_lossy(&dump).contains(secret));
    assert!(!admin.get("/host").await.body.contains(secret));
    // Saving again without a password keeps the saved one.
    let keep: Vec<(&str, &str)> = fields.iter().filter(|(k, _)| *k != "smtp_password").copied().collect();
    admin.post("/host/mail", &keep).await;
    // The mail job unseals it and authenticates to the SMTP server.
    let key = web::ServerKey::from_bytes(&[42; 32]);
    let (_, mailer) = server::mailer::from_settings(&app.db, &key).await.unwrap().expect("configured");
    admin.post("/team/invitations", &[("email", "new@amis.test"), ("role", "member")]).await;
    server::mailer::send_due(&app.db, &mailer, web::now() + 1).await.unwrap();
    let mail = sink.wait_for("new@amis.test");
    assert_eq!(mail.auth, format!("preau:{secret}"));
    let wrong_key = web::ServerKey::from_bytes(&[7; 32]);
    assert!(server::mailer::from_settings(&app.db, &wrong_key).await.is_err(), "another key cannot read it");
});
