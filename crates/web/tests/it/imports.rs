use super::*;
use axum::http::StatusCode;
use domain::MemberId;

/// A HelloAsso export of memberships: UTF-8 with a byte order mark, `;`,
/// the payer's columns beside the member's, amounts in euros with a comma.
const HELLOASSO: &str = "\u{feff}Numéro;Formule;Montant (€);Statut;Nom;Prénom;Nom payeur;Email payeur;Date;Email;Date de naissance\n\
    101;Adhésion 2026;20,00;Validé;Lefèvre;Hélène;Lefèvre;payeur@exemple.fr;02/01/2026;helene@exemple.fr;12/03/1980\n\
    102;adhésion 2026;25,50;Validé;Cœur;Zoé;Cœur;zoe.p@exemple.fr;03/01/2026;zoe@exemple.fr;\n";

async fn member_count(app: &TestApp, f: &testkit::app::Fixture) -> i64 {
    let everyone = store::members::Filter::default();
    let today = (domain::Date::parse_iso("2026-01-10").unwrap(), domain::dues::Policy::default());
    store::members::page(&app.db, f.association, &everyone, today, store::members::Sort::Name, 0, 1).await.unwrap().1
}

/// The mapping the check page shows, as fields to post back.
pub(crate) fn shown_mapping(body: &str, columns: usize) -> Vec<(String, String)> {
    (0..columns)
        .map(|i| {
            let name = format!("column-{i}");
            let select = &body[body.find(&format!("name=\"{name}\"")).unwrap()..];
            let select = &select[..select.find("</select>").unwrap()];
            let chosen = select.split("<option value=\"").find(|o| o.contains("\" selected")).unwrap();
            (name, chosen[..chosen.find('"').unwrap()].to_string())
        })
        .collect()
}

pub(crate) async fn post_fields(c: &mut Client, path: &str, fields: &[(String, String)]) -> TestResponse {
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.post(path, &f).await
}

testkit::web_test!(a_helloasso_export_is_checked_then_imported_whole, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let fixed = [("name", "Adhésion 2026"), ("rule", "calendar"), ("tariff", "free"), ("amount", "10")];
    c.post("/members/types", &fixed).await;
    assert!(c.get("/members/import").await.body.contains("Galette"));

    let r = c.post_multipart("/members/import", "file", "export-helloasso.csv", HELLOASSO.as_bytes()).await;
    assert_eq!(r.location(), "/members/import/1?format=auto&duplicates=skip");
    let check = c.get(r.location()).await;
    assert_eq!(check.status, StatusCode::OK);
    assert!(check.body.contains("Export HelloAsso"), "{}", check.body);
    assert!(
        check.body.contains("2 fiche(s) à créer, 0 à mettre à jour, 0 ignorée(s), 2 cotisation(s)"),
        "{}",
        check.body
    );
    let mut fields = shown_mapping(&check.body, 11);
    assert_eq!(fields[1].1, "membership_type");
    assert_eq!(fields[7].1, "ignore", "the payer's email is not the member's");
    assert_eq!(member_count(&app, &f).await, 0, "checking writes nothing");
    fields.push(("duplicates".into(), "skip".into()));
    fields.push(("action".into(), "apply".into()));
    let done = post_fields(&mut c, "/members/import/1", &fields).await;
    assert_eq!(done.location(), "/members?notice=notice-imported");
    assert_eq!(member_count(&app, &f).await, 2);
    let zoe = store::members::get(&app.db, f.association, MemberId(2)).await.unwrap().unwrap();
    assert_eq!((zoe.first_name.as_str(), zoe.email.as_deref()), ("Zoé", Some("zoe@exemple.fr")));
    let (_, payments) = store::dues::of_member(&app.db, f.association, MemberId(2)).await.unwrap();
    assert_eq!((payments[0].amount_cents, payments[0].method.as_str()), (2550, "helloasso"));
    assert_eq!(zoe.paid_until.as_deref(), Some("2026-12-31"));
    assert_eq!(c.get("/members/import/1").await.status, StatusCode::NOT_FOUND, "the upload is gone once applied");
    let audit = c.get("/audit").await;
    assert!(audit.body.contains("member.import") && audit.body.contains("2 created"), "{}", audit.body);
});

testkit::web_test!(problems_are_located_and_nothing_is_written, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let bad =
        "Prénom;Nom;Email;Catégorie\nAna;Bret;ana@exemple.fr;\nLéo;;leo@exemple;Bureau\nAna;Bret;ANA@exemple.fr;\n";
    let r = c.post_multipart("/members/import", "file", "bad.csv", bad.as_bytes()).await;
    let check = c.get(r.location()).await;
    for located in [
        "ligne 3, colonne « Nom » : Ce champ est obligatoire.",
        "ligne 3, colonne « Email »",
        "ligne 3, colonne « Catégorie » : catégorie inconnue",
        "valeur « Bureau »",
        "ligne 4 : cette personne figure déjà à la ligne 2",
        "4 problèmes",
    ] {
        assert!(check.body.contains(&located.replace('\'', "&#39;")), "{located}: {}", check.body);
    }
    assert!(!check.body.contains("value=\"apply\""), "no import button while there are problems");
    let mut fields = shown_mapping(&check.body, 4);
    fields.push(("action".into(), "apply".into()));
    let refused = post_fields(&mut c, "/members/import/1", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("<title>Erreur : "));
    assert_eq!(member_count(&app, &f).await, 0, "all or nothing: Ana was not written either");

    // Files that are no table, or not what their name says.
    for (name, bytes, says) in [
        ("vide.csv", &b""[..], "Ce fichier est vide"),
        ("faux.xlsx", &b"Nom;Prenom\nA;B\n"[..], "se termine par .xlsx"),
        ("ancien.xls", &b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0"[..], "ancien fichier Excel"),
        ("guillemet.csv", &b"Nom;Prenom\n\"A;B\n"[..], "ligne 2"),
    ] {
        let r = c.post_multipart("/members/import", "file", name, bytes).await;
        assert_refused(&r, "file");
        assert!(r.body.contains(&says.replace('\'', "&#39;")), "{name}: {}", r.body);
    }
    let none = c.post_multipart("/members/import", "file", "", b"").await;
    assert_refused(&none, "file");
});

testkit::web_test!(unknown_columns_are_mapped_by_hand, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let file = "Famille,Appel,Joindre,Lieu\nMartin,Éloïse,eloise@exemple.fr,Lyon\n";
    let r = c.post_multipart("/members/import", "file", "liste.csv", file.as_bytes()).await;
    let check = c.get(r.location()).await;
    assert!(check.body.contains("Aucune colonne de nom"), "{}", check.body);
    let mut fields: Vec<(String, String)> =
        [("column-0", "last_name"), ("column-1", "first_name"), ("column-2", "email"), ("column-3", "city")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    fields.push(("action".into(), "check".into()));
    let checked = post_fields(&mut c, "/members/import/1", &fields).await;
    assert!(checked.body.contains("1 fiche(s) à créer"), "{}", checked.body);
    fields.pop();
    fields.push(("action".into(), "apply".into()));
    assert_eq!(post_fields(&mut c, "/members/import/1", &fields).await.status, StatusCode::SEE_OTHER);
    let m = store::members::get(&app.db, f.association, MemberId(1)).await.unwrap().unwrap();
    assert_eq!((m.last_name.as_str(), m.city.as_str()), ("Martin", "Lyon"));
    // Someone else's upload is not reachable, even in the same association.
    app.member(&f, "secretaire@amis.test", domain::Role::Secretary).await;
    let r = c.post_multipart("/members/import", "file", "liste.csv", file.as_bytes()).await;
    let mut other = app.logged_in("secretaire@amis.test").await;
    assert_eq!(other.get(r.location()).await.status, StatusCode::NOT_FOUND);
});

testkit::web_test!(a_large_file_is_imported_in_the_background_with_its_progress, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    let rows = web::importing::IN_BACKGROUND_FROM + 100;
    let mut file = String::from("Prénom;Nom;Courriel\n");
    for i in 0..rows {
        file.push_str(&format!("Prénom{i};Nom{i};personne{i}@exemple.fr\n"));
    }
    let r = c.post_multipart("/members/import", "file", "grand.csv", file.as_bytes()).await;
    let check = c.get(r.location()).await;
    let mut fields = shown_mapping(&check.body, 3);
    fields.push(("action".into(), "apply".into()));
    let started = post_fields(&mut c, "/members/import/1", &fields).await;
    assert_eq!(started.location(), "/members/import/1/progress");
    // Follow the progress page until it hands over to the list.
    for _ in 0..600 {
        let p = c.get("/members/import/1/progress").await;
        if p.status == StatusCode::SEE_OTHER {
            assert_eq!(p.location(), "/members?notice=notice-imported");
            break;
        }
        assert_eq!(p.status, StatusCode::OK);
        assert!(p.body.contains("<progress") && p.body.contains(&format!("sur {rows}")), "{}", p.body);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(member_count(&app, &f).await as usize, rows);
    assert_eq!(c.get("/members/import/1/progress").await.status, StatusCode::NOT_FOUND, "over and forgotten");
});

testkit::web_test!(columns_of_the_associations_own_fields_are_imported, |app: TestApp| async move {
    let (f, mut c) = admin_of(&app, "amis").await;
    c.post("/members/fields", &[("label", "Taille de t-shirt"), ("kind", "choice"), ("choices", "S\nM\nL")]).await;
    let file = "Prénom;Nom;Taille de t-shirt\nLéa;Roux;xl\n";
    let r = c.post_multipart("/members/import", "file", "tailles.csv", file.as_bytes()).await;
    let check = c.get(r.location()).await;
    assert!(check.body.contains("ligne 2, colonne « Taille de t-shirt »"), "{}", check.body);
    let mut fields = shown_mapping(&check.body, 3);
    assert_eq!(fields[2].1, "custom-1", "found by its label");
    let fixed = "Prénom;Nom;Taille de t-shirt\nLéa;Roux;m\n";
    let r = c.post_multipart("/members/import", "file", "tailles.csv", fixed.as_bytes()).await;
    assert_eq!(r.location(), "/members/import/2?format=auto&duplicates=skip");
    fields.push(("action".into(), "apply".into()));
    assert_eq!(post_fields(&mut c, "/members/import/2", &fields).await.status, StatusCode::SEE_OTHER);
    let values = store::fields::values_of(&app.db, f.association, MemberId(1)).await.unwrap();
    assert_eq!(values, vec![(1, "M".to_string())]);
    assert!(c.get("/members?q=m").await.body.contains("Roux"), "found by the value");
});
