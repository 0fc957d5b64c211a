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
    let members = store::members::page(&app.db, b.association, "", store::members::Sort::Name, 0, 100).await.unwrap().0;
    format!(
        "{:?}|{:?}|{}|{}|{:?}|{:?}|{:?}",
        team.iter().map(|m| (m.user_id, m.role.clone())).collect::<Vec<_>>(),
        inv.iter().map(|i| (i.id, i.expires_at)).collect::<Vec<_>>(),
        a.name,
        a.modules,
        logo,
        sessions.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        members.iter().map(|m| (m.id, m.first_name.clone(), m.last_name.clone(), m.city.clone())).collect::<Vec<_>>()
    )
}

/// Every route of the router, with what this suite does about it.
const COVERED: &[&str] = &[
    "/",
    "/members",
    "/members/new",
    "/members/{id}",
    "/members/{id}/edit",
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
    let b_inv = store::team::pending_invitations(&app.db, b.association, 0).await.unwrap()[0].id;
    let b_session = store::sessions::list_for_user(&app.db, b.admin, 0).await.unwrap()[0].id.clone();
    let before = b_state(&app, &b).await;
    let secrets =
        ["Association beta", "member@beta.test", "newcomer@beta.test", "BETA-LOGO", &b.admin_email, "Secret-Beta"];

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
    // Writes through A's own pages land in A only.
    c.post("/settings", &[("name", "Alpha renamed"), ("fiscal_year_start_month", "1"), ("modules", "files")]).await;
    c.post("/team/invitations", &[("email", "x@alpha.test"), ("role", "member")]).await;
    c.post_multipart("/settings/logo", "logo", "a.png", b"\x89PNG\r\n\x1a\nALPHA").await;
    assert_eq!(b_state(&app, &b).await, before, "A's writes left B alone");
    assert!(c.get("/logo").await.body.contains("ALPHA"));
    assert_eq!(c.get("/host").await.status, StatusCode::FORBIDDEN, "not a host operator");
    let r = c.post("/host/mail", &[("smtp_url", "smtp://evil.test:25"), ("mail_from", "x@evil.test")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "only the host operator sets the mail server");
    assert!(store::meta::get(&app.db, web::mail_keys::URL).await.unwrap().is_none());
    // Still in A after trying to switch into B.
    assert!(c.get("/").await.body.contains("Alpha renamed"));
    assert_eq!(b_client.get("/").await.status, StatusCode::OK, "B's session survived");
});

#[test]
fn every_route_is_covered_by_the_cross_tenant_suite() {
    let router = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let routes: Vec<&str> = router.split(".route(\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert!(routes.len() > 20);
    for r in routes {
        assert!(COVERED.contains(&r), "route {r} is missing from the cross-tenant suite");
    }
}
