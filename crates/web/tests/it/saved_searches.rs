//! Saved searches of the member list: saved from the list's current query,
//! listed as links, shared or not, deleted by their author only.

use super::*;
use axum::http::StatusCode;
use domain::Role;

/// The id of `email`'s search called `name`.
async fn search_id(app: &TestApp, f: &testkit::app::Fixture, email: &str, name: &str) -> i64 {
    let user = store::users::by_email(&app.db, email).await.unwrap().unwrap().id();
    let all = store::saved_searches::visible(&app.db, f.association, user).await.unwrap();
    all.into_iter().find(|s| s.name == name).map(|s| s.id).unwrap()
}

testkit::web_test!(a_team_member_saves_shares_and_deletes_searches, |app: TestApp| async move {
    let (f, mut admin) = admin_of(&app, "amis").await;
    admin.post("/members", &[("first_name", "Éloïse"), ("last_name", "Martin"), ("city", "Lyon")]).await;
    admin.post("/members", &[("first_name", "Jean"), ("last_name", "Dupont"), ("city", "Paris")]).await;
    app.member(&f, "editor@amis.test", Role::Editor).await;
    let mut editor = app.logged_in("editor@amis.test").await;
    let list = editor.get("/members?q=lyon&sort=city").await;
    assert!(list.body.contains("Enregistrer cette recherche") && list.body.contains("Aucune recherche enregistrée"));
    assert!(list.body.contains("action=\"/members/searches\""));
    // Only the list's keys are kept, checked and re-encoded: not the page, the notice or junk.
    let fields = [
        ("q", "lyon"),
        ("sort", "city"),
        ("status", "bogus"),
        ("category", "x"),
        ("page", "3"),
        ("notice", "notice-saved"),
        ("evil", "1"),
        ("name", "  Lyon  "),
    ];
    let r = editor.post("/members/searches", &fields).await;
    assert_eq!(r.location(), "/members?q=lyon&sort=city&notice=notice-search-saved");
    let page = editor.get(r.location()).await;
    assert!(page.body.contains("Recherche enregistrée."), "the notice shows");
    assert!(page.body.contains("href=\"/members?q=lyon&#38;sort=city\">Lyon</a>"), "{}", page.body);
    let search = [("q", "jean dupont"), ("status", "never"), ("year", "2026"), ("name", "Jean, jamais")];
    let r = editor.post("/members/searches", &search).await;
    assert_eq!(r.location(), "/members?q=jean%20dupont&status=never&year=2026&notice=notice-search-saved");
    // Refused: an empty name, a name already taken; the list comes back with the search kept.
    let r = editor.post("/members/searches", &[("q", "paris"), ("name", "  ")]).await;
    assert_refused(&r, "name");
    assert_eq!(field_value(&r.body, "q").as_deref(), Some("paris"), "the search is still shown");
    assert!(r.body.contains("Dupont") && !r.body.contains(">Martin<"), "the list of that search");
    let r = editor.post("/members/searches", &[("q", "paris"), ("name", "Lyon"), ("shared", "on")]).await;
    assert_refused(&r, "name");
    assert!(r.body.contains("Vous avez déjà une recherche de ce nom."));
    assert_eq!(field_value(&r.body, "name").as_deref(), Some("Lyon"), "what was typed is kept");
    // Shared with the team, or kept private.
    let shared = [("q", "paris"), ("name", "Parisiens"), ("shared", "on")];
    assert_eq!(editor.post("/members/searches", &shared).await.status, StatusCode::SEE_OTHER);
    let private = [("status", "late"), ("name", "Retards privés")];
    assert_eq!(editor.post("/members/searches", &private).await.status, StatusCode::SEE_OTHER);
    let mine = editor.get("/members").await.body;
    assert!(mine.contains("Parisiens") && mine.contains("Retards privés") && mine.contains("partagée avec l"));
    let theirs = admin.get("/members").await.body;
    assert!(theirs.contains("href=\"/members?q=paris\">Parisiens</a>"), "{theirs}");
    assert!(theirs.contains("partagée par editor"), "who shared it");
    assert!(!theirs.contains("Retards privés") && !theirs.contains("Lyon</a>"), "private searches stay private");
    // The same name is free for someone else.
    assert_eq!(admin.post("/members/searches", &[("name", "Lyon")]).await.status, StatusCode::SEE_OTHER);
    // Deleting: one's own only; back to the list one was on.
    let parisiens = search_id(&app, &f, "editor@amis.test", "Parisiens").await;
    let r = admin.post(&format!("/members/searches/{parisiens}/delete"), &[]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "not the administrator's to delete");
    let lyon = search_id(&app, &f, "editor@amis.test", "Lyon").await;
    let r = editor.post(&format!("/members/searches/{lyon}/delete"), &[("q", "lyon"), ("page", "2")]).await;
    assert_eq!(r.location(), "/members?q=lyon&notice=notice-removed");
    let after = editor.get("/members").await.body;
    assert!(!after.contains(">Lyon</a>") && after.contains("Parisiens"));
    assert_eq!(editor.post(&format!("/members/searches/{lyon}/delete"), &[]).await.status, StatusCode::NOT_FOUND);
    // A member without a team role has no list, and saves nothing.
    app.member(&f, "member@amis.test", Role::Member).await;
    let mut member = app.logged_in("member@amis.test").await;
    assert_eq!(member.post("/members/searches", &[("name", "X")]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(member.post(&format!("/members/searches/{parisiens}/delete"), &[]).await.status, StatusCode::FORBIDDEN);
    assert!(admin.get("/members").await.body.contains("Parisiens"), "still there");
});
