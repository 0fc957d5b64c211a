use super::*;
use axum::http::StatusCode;
use store::tokens::Purpose;
use testkit::app::PASSWORD;

async fn setup_token(app: &TestApp, expires_in: i64) -> String {
    let token = web::crypto::token();
    let t = web::now();
    store::tokens::create(&app.db, &web::crypto::token_hash(&token), Purpose::Setup, None, t, t + expires_in)
        .await
        .unwrap();
    token
}

testkit::web_test!(the_setup_link_creates_the_first_association_once, |app: TestApp| async move {
    let token = setup_token(&app, 3600).await;
    let mut c = app.client();
    let page = c.get(&format!("/setup/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let fields = [
        ("association_name", "Les Amis du Préau"),
        ("slug", ""),
        ("display_name", "Ana Lefèvre"),
        ("email", "Ana@Amis.Example"),
        ("password", "une phrase de passe longue"),
        ("password_confirm", "une phrase de passe longue"),
    ];
    let r = c.post(&format!("/setup/{token}"), &fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let home = c.get("/").await;
    assert!(home.body.contains("Les Amis du Préau") && home.body.contains("Administrateur"), "{}", home.body);
    let a =
        store::associations::by_slug(&app.db, "les-amis-du-preau").await.unwrap().expect("slug derived from the name");
    let u = store::users::by_email(&app.db, "ana@amis.example").await.unwrap().unwrap();
    assert!(u.is_host_operator);
    assert_eq!(
        store::team::membership(&app.db, a.id(), u.id()).await.unwrap().unwrap().role,
        domain::Role::Administrator
    );
    // The link works once.
    let mut other = app.client();
    let again = other.get(&format!("/setup/{token}")).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains("Lien déjà utilisé"));
    let r = other.post(&format!("/setup/{token}"), &fields).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert_eq!(store::associations::count(&app.db).await.unwrap(), 1);
});

testkit::web_test!(expired_and_unknown_setup_links_say_so, |app: TestApp| async move {
    let token = setup_token(&app, -1).await;
    let mut c = app.client();
    let r = c.get(&format!("/setup/{token}")).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("Lien expiré"));
    let r = c.get(&format!("/setup/{}", "ab".repeat(32))).await;
    assert!(r.body.contains("Lien inconnu"));
});

testkit::web_test!(login_is_limited_per_account_with_a_clear_message, |app: TestApp| async move {
    let f = app.association("amis").await;
    let mut c = app.client();
    for _ in 0..web::LOGIN_ACCOUNT_LIMIT {
        let r = c.login(&f.admin_email, "wrong password!!").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Adresse ou mot de passe incorrect"));
        assert_eq!(super::field_value(&r.body, "email").as_deref(), Some(f.admin_email.as_str()), "the email is kept");
    }
    let r = c.login(&f.admin_email, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "locked even with the right password");
    assert!(r.body.contains("Trop de tentatives. Réessayez dans 15 minutes"), "{}", r.body);
    assert!(!c.cookies.contains_key("preau_session"));
    // Another account from the same address is not locked.
    app.member(&f, "bob@amis.test", domain::Role::Member).await;
    assert_eq!(c.login("bob@amis.test", PASSWORD).await.status, StatusCode::SEE_OTHER);
});

testkit::web_test!(two_factor_login_with_code_and_recovery_code, |app: TestApp| async move {
    let f = app.association("amis").await;
    let mut c = app.logged_in(&f.admin_email).await;
    let page = c.get("/profile/2fa").await;
    let secret_b32 = page.body.split("id=\"totp-secret\">").nth(1).unwrap().split('<').next().unwrap().to_string();
    let user = store::users::get(&app.db, f.admin).await.unwrap().unwrap();
    let sealed = user.totp_secret.clone().unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains(&secret_b32), "the seed is encrypted at rest");
    let key = web::ServerKey::from_bytes(&[42; 32]);
    let secret = key.open(&sealed).unwrap();
    assert_eq!(web::twofactor::base32(&secret), secret_b32);
    let bad = c.post("/profile/2fa", &[("code", "000000")]).await;
    assert_refused(&bad, "code");
    let code = web::twofactor::code_at(&secret, web::now());
    let ok = c.post("/profile/2fa", &[("code", &code)]).await;
    assert_eq!(ok.status, StatusCode::OK);
    let recovery: Vec<String> =
        ok.body.split("<li><code>").skip(1).map(|s| s.split('<').next().unwrap().to_string()).collect();
    assert_eq!(recovery.len(), 10);

    let mut d = app.client();
    let r = d.login(&f.admin_email, PASSWORD).await;
    assert!(r.location().starts_with("/login/2fa"), "{}", r.location());
    assert_eq!(d.get("/").await.location(), "/login/2fa", "no access before the second factor");
    assert_refused(&d.post("/login/2fa", &[("code", "123456")]).await, "code");
    // The next step: the current one was spent turning two-factor on.
    let next = web::twofactor::code_at(&secret, web::now() + 30);
    let r = d.post("/login/2fa", &[("code", &next), ("next", "/profile")]).await;
    assert_eq!(r.location(), "/profile", "{}", r.body);
    assert_eq!(d.get("/").await.status, StatusCode::OK);
    // The same code a second time is refused (RFC 6238 §5.2), even within its validity.
    let mut replay = app.client();
    replay.login(&f.admin_email, PASSWORD).await;
    assert_refused(&replay.post("/login/2fa", &[("code", &next)]).await, "code");

    let mut e = app.client();
    e.login(&f.admin_email, PASSWORD).await;
    assert!(e.post("/login/2fa", &[("code", &recovery[0])]).await.status.is_redirection());
    let mut g = app.client();
    g.login(&f.admin_email, PASSWORD).await;
    assert_refused(&g.post("/login/2fa", &[("code", &recovery[0])]).await, "code");
});

testkit::web_test!(password_reset_by_email_over_smtp, |app: TestApp| async move {
    let sink = testkit::smtp::SmtpSink::start();
    let f = app.association("amis").await;
    let mut old = app.logged_in(&f.admin_email).await;
    let mut c = app.client();
    let r = c.post("/password/forgot", &[("email", "nobody@amis.test")]).await;
    assert!(r.body.contains("Vérifiez vos courriels"), "same answer for unknown accounts");
    c.post("/password/forgot", &[("email", &f.admin_email)]).await;
    deliver(&app, &sink).await;
    let mail = sink.wait_for(&f.admin_email);
    assert!(mail.subject.contains("nouveau mot de passe") || mail.subject.contains("=?utf-8?"), "{}", mail.subject);
    assert_eq!(sink.messages().len(), 1, "nothing sent to unknown addresses");
    let link = mail.link_containing("/password/reset/");
    let path = link.trim_start_matches("http://preau.test");
    assert_eq!(c.get(path).await.status, StatusCode::OK);
    assert_refused(&c.post(path, &[("password", "short"), ("password_confirm", "short")]).await, "password");
    let r =
        c.post(path, &[("password", "a brand new passphrase"), ("password_confirm", "a brand new passphrase")]).await;
    assert_eq!(r.location(), "/login?notice=notice-reset-done");
    assert_eq!(old.get("/").await.status, StatusCode::SEE_OTHER, "old sessions are closed");
    assert_eq!(c.login(&f.admin_email, PASSWORD).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(c.login(&f.admin_email, "a brand new passphrase").await.status, StatusCode::SEE_OTHER);
    let reused = app.client().get(path).await;
    assert_eq!(reused.status, StatusCode::GONE);
    assert!(reused.body.contains("Lien déjà utilisé"));
});

testkit::web_test!(mail_is_retried_when_the_server_is_down, |app: TestApp| async move {
    store::mail::enqueue(&app.db, "x@y.test", "Sujet", "Corps", web::now()).await.unwrap();
    let dead = format!("smtp://127.0.0.1:{}", testkit::smtp::free_port());
    let mailer = server::mailer::Mailer::new(&dead, "preau@preau.test").unwrap();
    assert_eq!(server::mailer::send_due(&app.db, &mailer, web::now()).await.unwrap(), 0);
    assert_eq!(store::mail::counts(&app.db).await.unwrap(), vec![("pending".to_string(), 1)]);
    let sink = testkit::smtp::SmtpSink::start();
    let mailer = server::mailer::Mailer::new(&sink.url(), "preau@preau.test").unwrap();
    assert_eq!(server::mailer::send_due(&app.db, &mailer, web::now()).await.unwrap(), 0, "not before the backoff");
    assert_eq!(server::mailer::send_due(&app.db, &mailer, web::now() + 61).await.unwrap(), 1);
    assert_eq!(sink.wait_for("x@y.test").body.trim(), "Corps");
    assert_eq!(store::mail::counts(&app.db).await.unwrap(), vec![("sent".to_string(), 1)]);
});

testkit::web_test!(sessions_are_listed_and_revocable, |app: TestApp| async move {
    let f = app.association("amis").await;
    let mut phone = app.logged_in(&f.admin_email).await;
    let mut laptop = app.logged_in(&f.admin_email).await;
    let page = laptop.get("/profile").await;
    let ids: Vec<String> =
        page.body.split("/profile/sessions/").skip(1).map(|s| s.split('/').next().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 1, "one other session, with a close button; this one is marked current");
    assert!(page.body.contains("Cette session"));
    assert_eq!(laptop.post(&format!("/profile/sessions/{}/revoke", ids[0]), &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(phone.get("/").await.status, StatusCode::SEE_OTHER, "the phone is logged out");
    assert_eq!(laptop.get("/").await.status, StatusCode::OK);
    laptop.post("/logout", &[]).await;
    assert_eq!(laptop.get("/").await.status, StatusCode::SEE_OTHER);
});

testkit::web_test!(changing_the_password_checks_the_current_one, |app: TestApp| async move {
    let f = app.association("amis").await;
    let mut other = app.logged_in(&f.admin_email).await;
    let mut c = app.logged_in(&f.admin_email).await;
    let r = c
        .post(
            "/profile/password",
            &[
                ("current_password", "nope nope nope"),
                ("new_password", "another long passphrase"),
                ("new_password_confirm", "another long passphrase"),
            ],
        )
        .await;
    assert_refused(&r, "current_password");
    let r = c
        .post(
            "/profile/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "another long passphrase"),
                ("new_password_confirm", "another long passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(c.get("/").await.status, StatusCode::OK, "this session stays");
    assert_eq!(other.get("/").await.status, StatusCode::SEE_OTHER, "others are closed");
});

testkit::web_test!(the_profile_language_applies, |app: TestApp| async move {
    let f = app.association("amis").await;
    let mut c = app.logged_in(&f.admin_email).await;
    assert!(c.get("/").await.body.contains("Tableau de bord"));
    assert_eq!(c.post("/profile", &[("display_name", "Admin"), ("locale", "en")]).await.status, StatusCode::SEE_OTHER);
    assert!(c.get("/").await.body.contains("Dashboard"));
    assert_refused(&c.post("/profile", &[("display_name", "Admin"), ("locale", "klingon")]).await, "locale");
    let mut fresh = app.logged_in(&f.admin_email).await;
    fresh.lang = "fr".into();
    assert!(fresh.get("/").await.body.contains("Dashboard"), "the saved language follows the person");
});

testkit::web_test!(login_is_limited_per_address_too, |app: TestApp| async move {
    let f = app.association("amis").await;
    let mut c = app.client();
    // Many accounts tried from one address: each below its own limit.
    for i in 0..web::LOGIN_ADDRESS_LIMIT {
        let r = c.login(&format!("guess{i}@amis.test"), "wrong password!!").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = c.login(&f.admin_email, PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Trop de tentatives"));
});

testkit::web_test!(an_expired_invitation_says_so, |app: TestApp| async move {
    let f = app.association("amis").await;
    let grant = domain::Grant::<domain::Administer>::check(&domain::Membership {
        association_id: f.association,
        user_id: f.admin,
        role: domain::Role::Administrator,
    })
    .unwrap();
    let secret = web::crypto::token();
    let t = web::now();
    store::team::invite(
        &app.db,
        &grant,
        "late@amis.test",
        domain::Role::Member,
        &web::crypto::token_hash(&secret),
        t - 10,
        t - 1,
    )
    .await
    .unwrap();
    let path = format!("/invitation/{}-{secret}", f.association.0);
    let mut c = app.client();
    let r = c.get(&path).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.body.contains("Lien expiré"));
    let r = c
        .post(
            &path,
            &[
                ("display_name", "Late"),
                ("password", "long enough passphrase"),
                ("password_confirm", "long enough passphrase"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(store::users::by_email(&app.db, "late@amis.test").await.unwrap().is_none());
});
