use super::*;
use axum::http::StatusCode;
use domain::{MemberId, Role};

testkit::web_test!(custom_fields_are_checked_searched_and_shown_to_whom_they_should, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    assert!(c.get("/members/fields").await.body.contains("Aucun champ"));
    assert_refused(
        &c.post("/members/fields", &[("label", "Taille"), ("kind", "choice"), ("choices", "")]).await,
        "choices",
    );
    let size = [("label", "Taille de t-shirt"), ("kind", "choice"), ("choices", "S\nM\nL"), ("member_edits", "on")];
    assert_eq!(c.post("/members/fields", &size).await.status, StatusCode::SEE_OTHER);
    let skills =
        [("label", "Compétences"), ("kind", "multiple"), ("choices", "Cuisine\nBricolage"), ("in_directory", "on")];
    c.post("/members/fields", &skills).await;
    let cert = [("label", "Certificat médical"), ("kind", "date"), ("required", "on")];
    c.post("/members/fields", &cert).await;
    c.post("/members/fields", &[("label", "Notes du bureau"), ("kind", "text")]).await;

    // The member form checks each value where it is typed; nothing is written when refused.
    let form = c.get("/members/new").await;
    assert!(form.body.contains("Taille de t-shirt") && form.body.contains("name=\"field-2\""), "{}", form.body);
    let bad = [
        ("first_name", "Léa"),
        ("last_name", "Roux"),
        ("email", "lea@amis.test"),
        ("field-1", "XL"),
        ("field-3", "31/02/2026"),
    ];
    let r = c.post("/members", &bad).await;
    assert_refused(&r, "field-1");
    assert_refused(&r, "field-3");
    assert_eq!(field_value(&r.body, "field-3").as_deref(), Some("31/02/2026"), "typed value kept");
    assert!(store::members::get(&app.db, f.association, MemberId(1)).await.unwrap().is_none());
    let ok = [
        ("first_name", "Léa"),
        ("last_name", "Roux"),
        ("email", "lea@amis.test"),
        ("field-1", "m"),
        ("field-2", "Cuisine"),
        ("field-2", "Bricolage"),
        ("field-3", "01/09/2026"),
        ("field-4", "Très motivée"),
    ];
    assert_eq!(c.post("/members", &ok).await.location(), "/members/1?notice=notice-saved");
    let page = c.get("/members/1").await;
    for text in ["Taille de t-shirt", ">M<", "Cuisine, Bricolage", "01/09/2026", "Très motivée"] {
        assert!(page.body.contains(text), "{text}: {}", page.body);
    }
    // Found by any field's value.
    assert!(c.get("/members?q=motivee").await.body.contains("/members/1\""));
    assert!(c.get("/members?q=bricol").await.body.contains("1 adhérent·e"));
    // Correcting the record keeps the values searchable.
    let mut again = ok.to_vec();
    again[1] = ("last_name", "Roux-Martin");
    c.post("/members/1", &again).await;
    assert!(c.get("/members?q=cuisine").await.body.contains("Roux-Martin"));

    // Léa sees the size (and may change it), not the board's notes.
    app.member(&f, "lea@amis.test", Role::Member).await;
    let mut lea = app.logged_in("lea@amis.test").await;
    let me = lea.get("/me").await;
    assert!(me.body.contains("Taille de t-shirt") && !me.body.contains("Très motivée"), "{}", me.body);
    assert_refused(&lea.post("/me", &[("field-1", "XXL")]).await, "field-1");
    // A field she may not edit is ignored if posted.
    lea.post("/me", &[("field-1", "L"), ("field-4", "pirate")]).await;
    let values = store::fields::values_of(&app.db, f.association, MemberId(1)).await.unwrap();
    assert!(values.contains(&(1, "L".into())) && values.contains(&(4, "Très motivée".into())), "{values:?}");
    // The directory shows the fields marked for it, for those who joined it.
    let directory = store::privacy::purposes(&app.db, f.association).await.unwrap();
    let id = directory.iter().find(|p| p.code == "directory").unwrap().id;
    lea.post("/me/consents", &[(format!("consent-{id}").as_str(), "on")]).await;
    let listed = lea.get("/directory").await;
    assert!(listed.body.contains("Compétences") && listed.body.contains("Cuisine, Bricolage"), "{}", listed.body);
    assert!(!listed.body.contains("Taille de t-shirt"));
    // Only administrators shape the records.
    assert_eq!(lea.get("/members/fields").await.status, StatusCode::FORBIDDEN);
});
