//! Every form: bad input gives a located error, keeps what was typed, and changes nothing.

use super::*;
use axum::http::StatusCode;
use testkit::app::PASSWORD;

/// Every row of every table, to prove a refused form changed nothing.
async fn snapshot(app: &TestApp) -> String {
    let mut out = Vec::new();
    store::backup::export(&app.db, &mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

/// A form, the fields sent, the field expected in error, and a value expected kept.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str, Option<(&'a str, &'a str)>);

testkit::web_test!(refused_forms_keep_input_and_change_nothing, |app: TestApp| async move {
    let (f, mut admin) = admin_of(&app, "amis").await;
    // Two-factor on, so that its "turn off" form is on the profile page.
    store::users::set_pending_totp(&app.db, f.admin, &[1, 2, 3]).await.unwrap();
    store::users::enable_totp(&app.db, f.admin, &["h".into()]).await.unwrap();
    admin.get("/").await;
    let before = snapshot(&app).await;
    let cases: Vec<Case> = vec![
        ("/settings", vec![("name", " "), ("siren", "123"), ("fiscal_year_start_month", "9")], "name", None),
        (
            "/settings",
            vec![("name", "Les Amis"), ("siren", "123 456 789"), ("fiscal_year_start_month", "9")],
            "siren",
            Some(("name", "Les Amis")),
        ),
        (
            "/settings",
            vec![("name", "Les Amis"), ("rna", "X12"), ("fiscal_year_start_month", "1")],
            "rna",
            Some(("rna", "X12")),
        ),
        (
            "/settings",
            vec![("name", "Les Amis"), ("contact_email", "pas-une-adresse"), ("fiscal_year_start_month", "1")],
            "contact_email",
            Some(("contact_email", "pas-une-adresse")),
        ),
        ("/settings", vec![("name", "Les Amis"), ("fiscal_year_start_month", "13")], "fiscal_year_start_month", None),
        (
            "/settings",
            vec![("name", "Les Amis"), ("fiscal_year_start_month", "1"), ("modules", "teleport")],
            "modules",
            None,
        ),
        (
            "/team/invitations",
            vec![("email", "not-an-email"), ("role", "member")],
            "email",
            Some(("email", "not-an-email")),
        ),
        ("/team/invitations", vec![("email", "ok@amis.test"), ("role", "overlord")], "role", None),
        ("/profile", vec![("display_name", "")], "display_name", None),
        (
            "/profile/password",
            vec![("current_password", PASSWORD), ("new_password", "short"), ("new_password_confirm", "short")],
            "new_password",
            None,
        ),
        (
            "/profile/password",
            vec![
                ("current_password", PASSWORD),
                ("new_password", "long enough passphrase"),
                ("new_password_confirm", "different passphrase!"),
            ],
            "new_password_confirm",
            None,
        ),
        ("/profile/2fa/disable", vec![("password", "wrong wrong wrong")], "password", None),
        ("/host", vec![("name", ""), ("admin_email", "x")], "name", None),
    ];
    store::users::set_host_operator(&app.db, f.admin, true).await.unwrap();
    let before_host = snapshot(&app).await;
    assert_ne!(before, before_host);
    for (path, fields, field, kept) in cases {
        let r = admin.post(path, &fields).await;
        assert_refused(&r, field);
        if let Some((name, value)) = kept {
            assert_eq!(field_value(&r.body, name).as_deref(), Some(value), "{path} keeps {name}");
        }
        assert_eq!(snapshot(&app).await, before_host, "{path} with bad {field} changed nothing");
    }
    // A logo that is not an image, and one too large.
    assert_refused(&admin.post_multipart("/settings/logo", "logo", "x.svg", b"<svg onload=alert(1)>").await, "logo");
    assert_refused(&admin.post_multipart("/settings/logo", "logo", "big.png", &vec![0x89; 600 * 1024]).await, "logo");
    assert_eq!(snapshot(&app).await, before_host);
});

testkit::web_test!(refused_anonymous_forms_change_nothing, |app: TestApp| async move {
    let token = web::crypto::token();
    let t = web::now();
    store::tokens::create(&app.db, &web::crypto::token_hash(&token), store::tokens::Purpose::Setup, None, t, t + 60)
        .await
        .unwrap();
    let before = snapshot(&app).await;
    let mut c = app.client();
    let setup = format!("/setup/{token}");
    let good = [
        ("association_name", "Les Amis"),
        ("slug", ""),
        ("display_name", "Ana"),
        ("email", "ana@amis.test"),
        ("password", "long enough passphrase"),
        ("password_confirm", "long enough passphrase"),
    ];
    for (field, value) in [
        ("association_name", ""),
        ("slug", "Pas Bon"),
        ("display_name", ""),
        ("email", "ana"),
        ("password", "short"),
        ("password_confirm", "mismatch mismatch"),
    ] {
        let fields: Vec<(&str, &str)> =
            good.iter().map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) }).collect();
        let r = c.post(&setup, &fields).await;
        assert_refused(&r, field);
        if field != "email" {
            assert_eq!(field_value(&r.body, "email").as_deref(), Some("ana@amis.test"), "email kept");
        }
        assert!(!r.body.contains("long enough passphrase"), "passwords are never echoed");
        assert_eq!(snapshot(&app).await, before, "setup with bad {field}");
    }
    assert_refused(&c.post("/password/forgot", &[("email", "nope")]).await, "email");
    assert_eq!(snapshot(&app).await, before);
    // The link was not used up by the refused attempts.
    assert_eq!(c.post(&setup, &good).await.status, StatusCode::SEE_OTHER);
});
