//! Bulk actions of the member list: on the rows ticked or on everyone a
//! search matches; categories, email (previewed, then queued), export; roles.

use super::*;
use axum::http::StatusCode;
use domain::{CategoryId, Grant, MemberId, Membership, Role};

/// Three members in `amis` and a category "Bureau" (1): Éloïse Martin (Lyon,
/// with an email), Jean Dupont (Paris, none), Zoé Durand (Lyon, with an email).
async fn club(app: &TestApp) -> (testkit::app::Fixture, Client) {
    let (f, mut c) = admin_of(app, "amis").await;
    for fields in [
        [("first_name", "Éloïse"), ("last_name", "Martin"), ("city", "Lyon"), ("email", "eloise@exemple.fr")],
        [("first_name", "Jean"), ("last_name", "Dupont"), ("city", "Paris"), ("email", "")],
        [("first_name", "Zoé"), ("last_name", "Durand"), ("city", "Lyon"), ("email", "zoe@exemple.fr")],
    ] {
        assert_eq!(c.post("/members", &fields).await.status, StatusCode::SEE_OTHER);
    }
    assert_eq!(c.post("/members/categories", &[("name", "Bureau")]).await.status, StatusCode::SEE_OTHER);
    (f, c)
}

async fn in_bureau(app: &TestApp, f: &testkit::app::Fixture) -> Vec<i64> {
    let mut found = Vec::new();
    for id in 1..=3 {
        if store::categories::of_member(&app.db, f.association, MemberId(id)).await.unwrap().contains(&CategoryId(1)) {
            found.push(id);
        }
    }
    found
}

async fn audit(app: &TestApp, f: &testkit::app::Fixture, action: &str) -> Vec<String> {
    let admin = Membership { association_id: f.association, user_id: f.admin, role: Role::Administrator };
    let (entries, _) = store::audit::page(&app.db, &Grant::check(&admin).unwrap(), 0, 100).await.unwrap();
    entries.into_iter().filter(|e| e.action == action).map(|e| e.detail).collect()
}

testkit::web_test!(bulk_category_changes_on_ticked_rows_and_whole_searches, |app: TestApp| async move {
    let (f, mut c) = club(&app).await;
    let list = c.get("/members?q=lyon").await.body;
    assert!(list.contains("action=\"/members/bulk\""), "the list is a bulk form");
    assert!(list.contains("name=\"ids\" value=\"1\"") && list.contains("aria-label=\"Sélectionner Martin Éloïse\""));
    assert!(
        list.contains("<legend>Appliquer à</legend>") && list.contains("toutes les 2 personnes de cette recherche")
    );
    assert!(list.contains("<input type=\"hidden\" name=\"q\" value=\"lyon\">"), "the search travels with the form");
    // Ticked rows.
    let ticked = [("scope", "ticked"), ("ids", "1"), ("ids", "2"), ("action", "category-add"), ("bulk_category", "1")];
    let r = c.post("/members/bulk", &ticked).await;
    assert_eq!(r.location(), "/members?notice=notice-bulk-done");
    assert!(c.get(r.location()).await.body.contains("Catégorie mise à jour"));
    assert_eq!(in_bureau(&app, &f).await, vec![1, 2]);
    // Everyone of a search (the ids posted alongside are not what counts).
    let all = [("scope", "all"), ("q", "lyon"), ("ids", "2"), ("action", "category-remove"), ("bulk_category", "1")];
    let r = c.post("/members/bulk", &all).await;
    assert_eq!(r.location(), "/members?q=lyon&notice=notice-bulk-done");
    assert_eq!(in_bureau(&app, &f).await, vec![2], "Lyon's two out, Paris stays");
    let all = [("scope", "all"), ("q", "lyon"), ("sort", "city"), ("action", "category-add"), ("bulk_category", "1")];
    assert_eq!(c.post("/members/bulk", &all).await.status, StatusCode::SEE_OTHER);
    assert_eq!(in_bureau(&app, &f).await, vec![1, 2, 3]);
    let filtered =
        [("scope", "all"), ("category", "1"), ("q", "dupont"), ("action", "category-remove"), ("bulk_category", "1")];
    let r = c.post("/members/bulk", &filtered).await;
    assert_eq!(r.location(), "/members?q=dupont&category=1&notice=notice-bulk-done");
    assert_eq!(in_bureau(&app, &f).await, vec![1, 3], "the filters count too");
    let entries = audit(&app, &f, "member.bulk.category").await;
    assert_eq!(entries.len(), 4, "{entries:?}");
    assert!(
        entries.iter().any(|e| e.starts_with("add \"Bureau\" (#1): selected=2 changed=2 ticked=1,2")),
        "{entries:?}"
    );
    assert!(entries.iter().any(|e| e.contains("remove") && e.contains("search=\"q=lyon\"")), "{entries:?}");

    // Refused, with the reason by its field and the rows still ticked.
    let r = c.post("/members/bulk", &[("scope", "ticked"), ("action", "category-add"), ("bulk_category", "1")]).await;
    assert_refused(&r, "scope");
    let r = c.post("/members/bulk", &[("scope", "ticked"), ("ids", "2"), ("bulk_category", "1")]).await;
    assert_refused(&r, "action");
    assert!(r.body.contains("name=\"ids\" value=\"2\" checked"), "still ticked");
    let r = c.post("/members/bulk", &[("q", "lyon"), ("ids", "3"), ("action", "category-add")]).await;
    assert_refused(&r, "bulk_category");
    assert!(r.body.contains("name=\"ids\" value=\"3\" checked") && !r.body.contains("Dupont"), "the same list");
    let r = c.post("/members/bulk", &[("ids", "3"), ("action", "category-add"), ("bulk_category", "9")]).await;
    assert_refused(&r, "bulk_category");
    let r = c.post("/members/bulk", &[("ids", "3"), ("action", "export"), ("bulk_format", "pdf")]).await;
    assert_refused(&r, "bulk_format");
    let nobody = [("scope", "all"), ("q", "personne"), ("action", "category-add"), ("bulk_category", "1")];
    let r = c.post("/members/bulk", &nobody).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Aucune personne ne correspond à cette sélection."), "said, though the list is empty");
    let unknown = [("ids", "42"), ("action", "category-add"), ("bulk_category", "1")];
    assert_refused(&c.post("/members/bulk", &unknown).await, "scope");
    assert_eq!(in_bureau(&app, &f).await, vec![1, 3], "refusals change nothing");
    assert_eq!(audit(&app, &f, "member.bulk.category").await.len(), 4);
});

/// The email form's fields for members 1, 2 and 3 ticked, and `extra`.
fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    [&[("scope", "ticked"), ("ids", "1,2,3")], extra].concat()
}

testkit::web_test!(bulk_email_previews_then_queues_one_message_each, |app: TestApp| async move {
    let (f, mut c) = club(&app).await;
    let r = c.post("/members/bulk", &[("ids", "1"), ("ids", "2"), ("ids", "3"), ("action", "email")]).await;
    assert_eq!(r.location(), "/members/bulk/email?scope=ticked&ids=1%2C2%2C3");
    let form = c.get(r.location()).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Ce message partira à 2 personnes"), "{}", form.body);
    assert!(form.body.contains("Une personne choisie n"), "one has no email");
    assert_eq!(field_value(&form.body, "ids").as_deref(), Some("1,2,3"), "the selection travels as hidden fields");
    assert!(!form.body.contains("value=\"send\""), "no sending before a preview");
    // Refused: empty subject or body; sending before a preview.
    let r = c.post("/members/bulk/email", &with(&[("subject", " "), ("body", "Bonjour"), ("action", "preview")])).await;
    assert_refused(&r, "subject");
    assert!(r.body.contains("Bonjour</textarea>"), "the body typed is kept");
    let r = c
        .post("/members/bulk/email", &with(&[("subject", "Assemblée"), ("body", "\r\n "), ("action", "preview")]))
        .await;
    assert_refused(&r, "body");
    let mail = [("subject", "Assemblée, {prenom}"), ("body", "Bonjour {prenom} {nom},\r\nÀ bientôt. {association}")];
    let r = c.post("/members/bulk/email", &with(&[mail[0], mail[1], ("action", "send")])).await;
    assert_refused(&r, "subject");
    assert!(store::mail::counts(&app.db).await.unwrap().is_empty(), "nothing queued");
    // The preview shows the first message filled in.
    let preview = c.post("/members/bulk/email", &with(&[mail[0], mail[1], ("action", "preview")])).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("eloise@exemple.fr") && preview.body.contains("Assemblée, Éloïse"));
    assert!(preview.body.contains("Bonjour Éloïse Martin,\nÀ bientôt. Association amis"), "{}", preview.body);
    assert!(preview.body.contains("value=\"send\""));
    let stamp = field_value(&preview.body, "previewed").unwrap();
    // A text changed since the preview needs a new one.
    let changed = with(&[mail[0], ("body", "Autre"), ("previewed", &stamp), ("action", "send")]);
    assert_refused(&c.post("/members/bulk/email", &changed).await, "subject");
    let send = with(&[mail[0], mail[1], ("previewed", &stamp), ("action", "send")]);
    let r = c.post("/members/bulk/email", &send).await;
    assert_eq!(r.location(), "/members?notice=notice-bulk-mail");
    assert!(c.get(r.location()).await.body.contains("Les messages sont dans la file"));
    assert_eq!(store::mail::counts(&app.db).await.unwrap(), vec![("pending".to_string(), 2)]);
    let mut queued = store::mail::claim_due(&app.db, web::now() + 1, 60, 10).await.unwrap();
    queued.sort_by(|a, b| a.recipient.cmp(&b.recipient));
    let got: Vec<(&str, &str, &str)> =
        queued.iter().map(|m| (m.recipient.as_str(), m.subject.as_str(), m.body_text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("eloise@exemple.fr", "Assemblée, Éloïse", "Bonjour Éloïse Martin,\nÀ bientôt. Association amis"),
            ("zoe@exemple.fr", "Assemblée, Zoé", "Bonjour Zoé Durand,\nÀ bientôt. Association amis"),
        ]
    );
    let entries = audit(&app, &f, "member.bulk.email").await;
    assert_eq!(entries.len(), 1);
    assert!(entries[0].starts_with("messages=2 without_email=1"), "{entries:?}");
    // Everyone of a search; and a selection with no address at all offers no form.
    let r = c.post("/members/bulk", &[("scope", "all"), ("q", "paris"), ("action", "email")]).await;
    assert_eq!(r.location(), "/members/bulk/email?scope=all&q=paris");
    let page = c.get(r.location()).await.body;
    assert!(page.contains("Aucune des personnes choisies") && !page.contains("name=\"subject\""), "{page}");
    let lyon = c.get("/members/bulk/email?scope=all&q=lyon").await.body;
    assert!(lyon.contains("Ce message partira à 2 personnes") && !lyon.contains("choisie n"));
    assert_eq!(store::mail::counts(&app.db).await.unwrap(), vec![("pending".to_string(), 2)], "nothing more");
});

testkit::web_test!(bulk_export_holds_the_ticked_rows_or_the_search, |app: TestApp| async move {
    let (f, mut c) = club(&app).await;
    let r = c.post("/members/bulk", &[("ids", "3"), ("ids", "1"), ("action", "export"), ("bulk_format", "csv")]).await;
    assert_eq!(r.location(), "/members/export?format=csv&ids=1,3");
    let csv = c.get(r.location()).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("Martin") && csv.body.contains("Durand") && !csv.body.contains("Dupont"), "{}", csv.body);
    assert_eq!(csv.body.lines().count(), 3, "header and two rows");
    let only_two = c.get("/members/export?format=csv&ids=2,99").await.body;
    assert!(only_two.contains("Dupont") && only_two.lines().count() == 2, "{only_two}");
    assert_eq!(c.get("/members/export?format=csv&ids=").await.body.lines().count(), 1, "no ids: no rows");
    assert_eq!(c.get("/members/export?format=csv&ids=1,2&q=lyon").await.body.lines().count(), 2, "and the filter");
    let r = c
        .post("/members/bulk", &[("scope", "all"), ("q", "paris"), ("action", "export"), ("bulk_format", "vcf")])
        .await;
    assert_eq!(r.location(), "/members/export?format=vcf&q=paris");
    let vcf = c.get(r.location()).await.body;
    assert!(vcf.contains("Dupont") && !vcf.contains("Martin"));
    let admin = Membership { association_id: f.association, user_id: f.admin, role: Role::Administrator };
    let (entries, _) = store::audit::page(&app.db, &Grant::check(&admin).unwrap(), 0, 100).await.unwrap();
    assert!(
        entries.iter().any(|e| e.action == "member.export" && e.detail == "format=csv rows=2 ids=2"),
        "{entries:?}"
    );
});

testkit::web_test!(bulk_actions_need_the_right_to_manage_members, |app: TestApp| async move {
    let (f, _) = club(&app).await;
    app.member(&f, "editor@amis.test", Role::Editor).await;
    app.member(&f, "member@amis.test", Role::Member).await;
    for email in ["editor@amis.test", "member@amis.test"] {
        let mut c = app.logged_in(email).await;
        let ticked = [("ids", "1"), ("action", "category-add"), ("bulk_category", "1")];
        assert_eq!(c.post("/members/bulk", &ticked).await.status, StatusCode::FORBIDDEN, "{email}");
        assert_eq!(c.get("/members/bulk/email?scope=all").await.status, StatusCode::FORBIDDEN, "{email}");
        let send = [("scope", "all"), ("subject", "S"), ("body", "B"), ("action", "send")];
        assert_eq!(c.post("/members/bulk/email", &send).await.status, StatusCode::FORBIDDEN, "{email}");
    }
    let list = app.logged_in("editor@amis.test").await.get("/members").await.body;
    assert!(!list.contains("name=\"ids\"") && !list.contains("/members/bulk"), "no bulk form for readers");
    assert!(list.contains("action=\"/members/searches\""), "readers may still save searches");
    assert_eq!(in_bureau(&app, &f).await, Vec::<i64>::new());
    assert!(store::mail::counts(&app.db).await.unwrap().is_empty());
});
