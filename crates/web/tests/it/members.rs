use super::*;
use axum::http::StatusCode;
use domain::Role;

testkit::web_test!(a_secretary_adds_finds_and_corrects_members, |app: TestApp| async move {
    let f = app.association("amis").await;
    app.member(&f, "secretaire@amis.test", Role::Secretary).await;
    let mut c = app.logged_in("secretaire@amis.test").await;
    let empty = c.get("/members").await;
    assert!(empty.body.contains("Aucun·e adhérent·e pour"), "{}", empty.body);
    let fields = [
        ("first_name", "Éloïse"),
        ("last_name", "Martin"),
        ("email", "eloise@exemple.fr"),
        ("phone", "06 12 34 56 78"),
        ("address", "3 rue des Lilas"),
        ("postal_code", "69001"),
        ("city", "Lyon"),
        ("birth_date", "14/07/1990"),
        ("notes", "Bénévole à la buvette"),
    ];
    let r = c.post("/members", &fields).await;
    assert_eq!(r.location(), "/members/1?notice=notice-saved");
    let page = c.get("/members/1").await;
    assert!(page.body.contains("Éloïse Martin") && page.body.contains("14/07/1990") && page.body.contains("Bénévole"));
    let list = c.get("/members?q=eloise+lyon").await;
    assert!(list.body.contains("1 adhérent·e") && list.body.contains("/members/1"), "{}", list.body);
    assert!(c.get("/members?q=paris").await.body.contains("Personne ne correspond"));
    let edit = c.get("/members/1/edit").await;
    assert_eq!(field_value(&edit.body, "city").as_deref(), Some("Lyon"));
    let mut changed: Vec<(&str, &str)> = fields.to_vec();
    changed[6] = ("city", "Villeurbanne");
    assert_eq!(c.post("/members/1", &changed).await.status, StatusCode::SEE_OTHER);
    assert!(c.get("/members/1").await.body.contains("Villeurbanne"));
    let audit = store::audit::page(
        &app.db,
        &domain::Grant::check(&domain::Membership {
            association_id: f.association,
            user_id: f.admin,
            role: Role::Administrator,
        })
        .unwrap(),
        0,
        10,
    )
    .await
    .unwrap()
    .0;
    assert!(audit.iter().any(|e| e.action == "member.create") && audit.iter().any(|e| e.action == "member.update"));
});

testkit::web_test!(a_refused_member_form_keeps_input_and_changes_nothing, |app: TestApp| async move {
    let (_, mut c) = admin_of(&app, "amis").await;
    let cases = [
        ("first_name", ""),
        ("last_name", ""),
        ("email", "pas-une-adresse"),
        ("phone", "appelez-moi"),
        ("birth_date", "31/02/2001"),
        ("birth_date", "01/01/2999"),
    ];
    for (field, value) in cases {
        let mut fields = vec![("first_name", "Jean"), ("last_name", "Dupont"), ("city", "Paris")];
        fields.retain(|(k, _)| *k != field);
        fields.push((field, value));
        let r = c.post("/members", &fields).await;
        assert_refused(&r, field);
        if field != "city" {
            assert_eq!(field_value(&r.body, "city").as_deref(), Some("Paris"), "typed values are kept");
        }
    }
    assert!(c.get("/members").await.body.contains("Aucun·e adhérent·e"), "nothing was created");
    assert_eq!(c.post("/members/7", &[("first_name", "A"), ("last_name", "B")]).await.status, StatusCode::NOT_FOUND);
});

testkit::web_test!(members_follow_roles_and_the_module_switch, |app: TestApp| async move {
    let (f, mut admin) = admin_of(&app, "amis").await;
    admin.post("/members", &[("first_name", "Jean"), ("last_name", "Dupont")]).await;
    app.member(&f, "editor@amis.test", Role::Editor).await;
    app.member(&f, "member@amis.test", Role::Member).await;
    let mut editor = app.logged_in("editor@amis.test").await;
    assert_eq!(editor.get("/members").await.status, StatusCode::OK, "editors may read");
    assert!(!editor.get("/members").await.body.contains("/members/new"));
    assert_eq!(editor.get("/members/new").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        editor.post("/members/1", &[("first_name", "X"), ("last_name", "Y")]).await.status,
        StatusCode::FORBIDDEN
    );
    let mut member = app.logged_in("member@amis.test").await;
    assert_eq!(member.get("/members").await.status, StatusCode::FORBIDDEN);
    assert_eq!(member.get("/members/1").await.status, StatusCode::FORBIDDEN);
    // Switched off in the settings: the pages say so.
    admin
        .post("/settings", &[("name", "Association amis"), ("fiscal_year_start_month", "1"), ("modules", "accounting")])
        .await;
    let off = admin.get("/members").await;
    assert_eq!(off.status, StatusCode::NOT_FOUND);
    assert!(off.body.contains("Module désactivé"));
    assert!(!admin.get("/").await.body.contains("href=\"/members\""), "not in the menu");
});
