use super::*;
use axum::http::StatusCode;

testkit::web_test!(pages_carry_security_headers_and_no_script, |app: TestApp| async move {
    let mut c = app.client();
    let r = c.get("/login").await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.header("content-security-policy");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), "nosniff");
    assert_eq!(r.header("referrer-policy"), "no-referrer");
    assert!(r.header("set-cookie").contains("HttpOnly") && r.header("set-cookie").contains("SameSite=Strict"));
    assert!(!r.body.contains("<script"), "no script in the shell");
    assert!(!r.body.contains("style=\""), "no inline style");
    assert!(r.body.len() < 60 * 1024);
    // The stylesheet is served under its content hash, cached for a year.
    let css = r.body.split("href=\"/static/").nth(1).and_then(|s| s.split('"').next()).unwrap().to_string();
    let s = c.get(&format!("/static/{css}")).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.header("cache-control").contains("immutable"));
    assert_eq!(c.get("/static/style.0000.css").await.status, StatusCode::NOT_FOUND);
});

testkit::web_test!(unknown_pages_are_404_in_the_persons_language, |app: TestApp| async move {
    let mut c = app.client();
    let r = c.get("/nulle-part").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Page introuvable") && r.body.contains("lang=\"fr\""));
    c.lang = "en-GB,en;q=0.9".into();
    let r = c.get("/nowhere").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Page not found") && r.body.contains("lang=\"en\""));
    assert!(!r.header("content-security-policy").is_empty(), "error pages carry the headers too");
});

testkit::web_test!(oversized_bodies_get_413, |app: TestApp| async move {
    let small = TestApp {
        db: app.db.clone(),
        router: TestApp::start_with(app.backend, 1024).await.router,
        backend: app.backend,
    };
    let mut c = small.client();
    let big = "x".repeat(4096);
    let r = c.post("/login", &[("email", "a@b.test"), ("password", &big)]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("Envoi trop volumineux"), "{}", r.body);
});

testkit::web_test!(an_internal_error_shows_a_reference_never_a_trace, |app: TestApp| async move {
    let mut c = app.client();
    c.get("/login").await;
    app.db.close().await;
    let r = c.post("/login", &[("email", "a@b.test"), ("password", "whatever password")]).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(r.body.contains("Erreur du serveur"));
    let reference =
        r.body.split("serveur : ").nth(1).map(|s| s.chars().take(10).collect::<String>()).unwrap_or_default();
    assert_eq!(reference.len(), 10, "a 10-hex reference is shown: {}", r.body);
    assert!(reference.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(!r.body.contains("sqlx") && !r.body.contains("PoolClosed") && !r.body.contains("panicked"));
});

testkit::web_test!(forms_without_the_token_or_from_another_site_are_refused, |app: TestApp| async move {
    let f = app.association("amis").await;
    let mut c = app.client();
    c.get("/login").await;
    let body = testkit::app::encode(&[("email", &f.admin_email), ("password", testkit::app::PASSWORD)]);
    assert_eq!(c.post_raw("/login", &body).await.status, StatusCode::FORBIDDEN, "no token");
    let wrong = testkit::app::encode(&[
        ("csrf", "0".repeat(64).as_str()),
        ("email", &f.admin_email),
        ("password", testkit::app::PASSWORD),
    ]);
    assert_eq!(c.post_raw("/login", &wrong).await.status, StatusCode::FORBIDDEN, "wrong token");
    let cross = c
        .post_with(
            "/login",
            &[("email", &f.admin_email), ("password", testkit::app::PASSWORD)],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN, "cross-site");
    assert!(!c.cookies.contains_key("preau_session"), "no session was opened");
    assert!(c.login(&f.admin_email, testkit::app::PASSWORD).await.status.is_redirection());
});

testkit::web_test!(pages_need_a_session, |app: TestApp| async move {
    let mut c = app.client();
    for path in ["/", "/settings", "/team", "/audit", "/profile", "/host", "/profile/2fa", "/logo"] {
        let r = c.get(path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(r.location().starts_with("/login"), "{path} → {}", r.location());
    }
});
