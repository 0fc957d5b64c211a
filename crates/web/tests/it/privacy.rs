use super::*;
use axum::http::StatusCode;
use domain::{Date, MemberId, Role};

async fn purpose_id(app: &TestApp, f: &testkit::app::Fixture, code: &str) -> String {
    let purposes = store::privacy::purposes(&app.db, f.association).await.unwrap();
    purposes.iter().find(|p| p.code == code).unwrap().id.to_string()
}

testkit::web_test!(the_team_keeps_consents_register_retention_and_erases, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    c.post("/members", &[("first_name", "Léa"), ("last_name", "Roux"), ("email", "lea@amis.test")]).await;
    let types = [("name", "Annuelle"), ("rule", "calendar"), ("tariff", "fixed"), ("amount", "20")];
    c.post("/members/types", &types).await;
    c.post("/members/1/payments", &[("type", "1"), ("paid_on", "02/01/2025"), ("method", "cash")]).await;

    let page = c.get("/members/privacy").await;
    assert!(page.body.contains("Gestion des membres") && page.body.contains("Annuaire des membres"), "{}", page.body);
    assert_refused(&c.post("/members/privacy/purposes", &[("label", " "), ("text", "x")]).await, "label");
    assert_eq!(
        c.post("/members/privacy/purposes", &[("label", "Covoiturage"), ("text", "J'accepte…")]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(store::privacy::purposes(&app.db, f.association).await.unwrap().len(), 4);
    assert_refused(&c.post("/members/privacy/retention", &[("years", "0")]).await, "years");
    c.post("/members/privacy/retention", &[("years", "3"), ("enabled", "on")]).await;
    assert_eq!(store::privacy::retention(&app.db, f.association).await.unwrap(), (3, true));

    // The register: edited with located errors, exported.
    assert_refused(&c.post("/members/privacy/register/1", &[("name", ""), ("purpose", "")]).await, "name");
    let edit = [("name", "Gestion des membres"), ("purpose", "Tenir la liste"), ("recipients", "Le bureau")];
    assert_eq!(c.post("/members/privacy/register/1", &edit).await.status, StatusCode::SEE_OTHER);
    let csv = c.get("/members/privacy/register.csv").await;
    assert!(csv.body.starts_with('\u{feff}') && csv.body.contains("Tenir la liste;"), "{}", csv.body);
    assert!(csv.body.contains("Cotisations") && csv.body.contains("Comptabilité"));

    // Consents taken on paper, recorded with their source and version.
    let photos = purpose_id(&app, &f, "photos").await;
    c.post("/members/1/consents", &[(format!("consent-{photos}").as_str(), "on")]).await;
    // The form is the whole answer: the boxes left empty are recorded as refusals.
    let history = store::privacy::consent_history(&app.db, f.association, MemberId(1)).await.unwrap();
    let answers: Vec<(&str, bool, &str)> =
        history.iter().map(|h| (h.label.as_str(), h.granted, h.source.as_str())).collect();
    assert_eq!(answers.len(), 4);
    assert!(answers.contains(&("Photos", true, "team")) && answers.contains(&("Covoiturage", false, "team")));
    c.post("/members/1/consents", &[(format!("consent-{photos}").as_str(), "on")]).await;
    let again = store::privacy::consent_history(&app.db, f.association, MemberId(1)).await.unwrap();
    assert_eq!(again.len(), 4, "an unchanged answer is not recorded again");
    assert!(c.get("/members/1").await.body.contains("par l&#39;équipe"));

    // Erasure needs the box ticked; then the identity goes and the books stay.
    assert_eq!(c.post("/members/1/erase", &[]).await.location(), "/members/1?notice=notice-erase-unconfirmed");
    assert!(
        store::members::get(&app.db, f.association, MemberId(1)).await.unwrap().unwrap().pseudonymised_at.is_none()
    );
    c.post("/members/1/erase", &[("confirm", "on")]).await;
    let m = store::members::get(&app.db, f.association, MemberId(1)).await.unwrap().unwrap();
    assert_eq!((m.first_name.as_str(), m.email), ("", None));
    let (_, payments) = store::dues::of_member(&app.db, f.association, MemberId(1)).await.unwrap();
    assert_eq!(payments.iter().map(|p| p.amount_cents).sum::<i64>(), 2000, "the books keep the payment");
    let page = c.get("/members/1").await;
    assert!(page.body.contains("a été effacée") && !page.body.contains("lea@amis.test"), "{}", page.body);
    assert!(c.get("/audit").await.body.contains("member.pseudonymise"));
});

testkit::web_test!(a_member_sees_corrects_downloads_and_asks_erasure, |app: TestApp| async move {
    let (f, mut team) = admin_of(&app, "amis").await;
    team.post("/members", &[("first_name", "Léa"), ("last_name", "Roux"), ("email", "lea@amis.test")]).await;
    team.post("/members", &[("first_name", "Noé"), ("last_name", "Petit"), ("email", "noe@amis.test")]).await;
    team.post("/members/types", &[("name", "Annuelle"), ("rule", "rolling"), ("tariff", "fixed"), ("amount", "15")])
        .await;
    let today = Date::from_days(web::now().div_euclid(86_400)).unwrap();
    let paid_on = format!("{:02}/{:02}/{}", today.day(), today.month(), today.year());
    team.post("/members/1/payments", &[("type", "1"), ("paid_on", &paid_on), ("method", "card")]).await;

    // Léa's account, as an invitation would make it; her record is found by her address.
    app.member(&f, "lea@amis.test", Role::Member).await;
    let mut lea = app.logged_in("lea@amis.test").await;
    let me = lea.get("/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains("Léa Roux") && me.body.contains("15,00") && me.body.contains("à jour"), "{}", me.body);
    assert!(!me.body.contains("Noé"), "only her own record");
    assert_eq!(lea.get("/members").await.status, StatusCode::FORBIDDEN, "not the team's list");
    assert_eq!(lea.get("/members/2").await.status, StatusCode::FORBIDDEN);

    // Corrections: how to reach her only, checked like the team's form.
    assert_refused(&lea.post("/me", &[("phone", "appelez-moi"), ("city", "Lyon")]).await, "phone");
    let fields =
        [("phone", "06 12 34 56 78"), ("city", "Villeurbanne"), ("first_name", "Pirate"), ("email", "x@evil.test")];
    assert_eq!(lea.post("/me", &fields).await.location(), "/me?notice=notice-saved");
    let m = store::members::get(&app.db, f.association, MemberId(1)).await.unwrap().unwrap();
    assert_eq!(
        (m.city.as_str(), m.first_name.as_str(), m.email.as_deref()),
        ("Villeurbanne", "Léa", Some("lea@amis.test"))
    );

    // Consents: the directory shows her once she says yes.
    assert!(lea.get("/directory").await.body.contains("Personne n&#39;a encore choisi"));
    let directory = purpose_id(&app, &f, "directory").await;
    lea.post("/me/consents", &[(format!("consent-{directory}").as_str(), "on")]).await;
    let listed = lea.get("/directory").await;
    assert!(listed.body.contains("Léa Roux") && listed.body.contains("Villeurbanne") && !listed.body.contains("Noé"));
    let history = store::privacy::consent_history(&app.db, f.association, MemberId(1)).await.unwrap();
    let yes: Vec<_> = history.iter().filter(|h| h.granted).collect();
    assert_eq!((yes.len(), yes[0].source.as_str(), yes[0].version), (1, "member", 1));

    // Her data, as JSON and CSV.
    let json = lea.get("/me/data?format=json").await;
    assert!(json.header("content-disposition").contains("mes-donnees.json"));
    let data: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(data["record"]["city"], "Villeurbanne");
    assert_eq!(data["payments"][0]["amount_cents"], 1500);
    assert!(data["consents"].as_array().unwrap().iter().any(|c| c["granted"] == true));
    let csv = lea.get("/me/data?format=csv").await;
    assert!(
        csv.body.contains("record,first_name,Léa") && csv.body.contains("payment 1,amount_cents,1500"),
        "{}",
        csv.body
    );

    // Erasure: asked (confirmed), then done by the team.
    assert_refused(&lea.post("/me/erasure", &[]).await, "confirm");
    assert_eq!(lea.post("/me/erasure", &[("confirm", "on")]).await.location(), "/me?notice=notice-erasure-requested");
    assert!(lea.get("/me").await.body.contains("en cours de traitement"));
    let requests = store::privacy::erasure_requests(&app.db, f.association, None).await.unwrap();
    assert_eq!((requests.len(), requests[0].status.as_str()), (1, "pending"));
    let id = requests[0].id;
    assert_refused(
        &team.post(&format!("/members/privacy/erasures/{id}"), &[("action", "refuse")]).await,
        &format!("reason-{id}"),
    );
    team.post(&format!("/members/privacy/erasures/{id}"), &[("action", "done")]).await;
    let m = store::members::get(&app.db, f.association, MemberId(1)).await.unwrap().unwrap();
    assert!(m.pseudonymised_at.is_some() && m.city.is_empty());
    assert!(!lea.get("/directory").await.body.contains("Léa"));
    // Her member-only access to the association went with her identity.
    assert_ne!(lea.get("/me").await.status, StatusCode::OK);
});

testkit::web_test!(the_daily_retention_pass_erases_former_members_once, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    c.post("/members", &[("first_name", "Léa"), ("last_name", "Roux")]).await;
    c.post("/members/types", &[("name", "Annuelle"), ("rule", "calendar"), ("tariff", "fixed"), ("amount", "20")])
        .await;
    c.post("/members/1/payments", &[("type", "1"), ("paid_on", "02/01/2020"), ("method", "cash")]).await;
    let today = Date::from_days(web::now().div_euclid(86_400)).unwrap();
    // Off until switched on.
    assert_eq!(web::privacy::apply_retention(&app.db, today, web::now()).await.unwrap(), 0);
    c.post("/members/privacy/retention", &[("years", "3"), ("enabled", "on")]).await;
    assert_eq!(web::privacy::apply_retention(&app.db, today, web::now()).await.unwrap(), 1);
    assert_eq!(web::privacy::apply_retention(&app.db, today, web::now()).await.unwrap(), 0, "once");
    let m = store::members::get(&app.db, f.association, MemberId(1)).await.unwrap().unwrap();
    assert_eq!(m.last_name, "#1");
    assert_eq!(store::dues::of_member(&app.db, f.association, MemberId(1)).await.unwrap().1.len(), 1);
    let history = c.get("/members/1").await;
    assert!(history.body.contains("Identité effacée"), "{}", history.body);
});
