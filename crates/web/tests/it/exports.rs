//! Exports of the member list: every format read back, filters, roles, the
//! module switch, the audit entry, and a large export arriving in pieces.

use super::*;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use domain::{Date, Grant, Membership, Role};
use futures_core::Stream;
use std::pin::Pin;
use tower::ServiceExt;

/// A download, read as bytes (the client's `get` reads text), and the number
/// of pieces its body came in.
struct Download {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Vec<u8>,
    chunks: usize,
}

impl Download {
    fn text(&self) -> String {
        String::from_utf8(self.bytes.clone()).expect("UTF-8")
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

async fn download(app: &TestApp, c: &Client, path: &str) -> Download {
    let cookie = c.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let req = Request::builder()
        .uri(path)
        .header("host", "preau.test")
        .header("accept-language", c.lang.as_str())
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let mut stream = res.into_body().into_data_stream();
    let (mut bytes, mut chunks) = (Vec::new(), 0);
    while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        bytes.extend_from_slice(&chunk.expect("the body streams without error"));
        chunks += 1;
    }
    Download { status, headers, bytes, chunks }
}

fn today() -> Date {
    Date::from_days(web::now().div_euclid(86_400)).unwrap()
}

/// What the status column may say for a `paid_until` (today, or tomorrow if
/// the test runs across midnight), in French.
fn status_labels(paid_until: &str) -> Vec<&'static str> {
    let label = |d: Date| match domain::dues::status(Date::parse_iso(paid_until), d, Default::default()) {
        domain::dues::Status::UpToDate => "à jour",
        domain::dues::Status::DueSoon => "à renouveler bientôt",
        domain::dues::Status::Late => "en retard",
        domain::dues::Status::Lapsed => "expirée",
        domain::dues::Status::Never => "jamais adhérent·e",
    };
    vec![label(today()), label(today().add_days(1))]
}

/// Three members in `amis`: Éloïse (Lyon, every field, in "Bureau", paid
/// up), Jean (Paris) and Zoé (Lyon, a long note).
async fn club(app: &TestApp) -> (testkit::app::Fixture, Client) {
    let (f, mut c) = admin_of(app, "amis").await;
    let eloise = [
        ("first_name", "Éloïse"),
        ("last_name", "Martin"),
        ("email", "eloise@exemple.fr"),
        ("phone", "06 12 34 56 78"),
        ("address", "3 rue des Lilas"),
        ("postal_code", "69001"),
        ("city", "Lyon"),
        ("birth_date", "14/07/1990"),
        ("notes", "Bénévole, buvette; dit \"Lou\""),
    ];
    assert_eq!(c.post("/members", &eloise).await.status, StatusCode::SEE_OTHER);
    c.post("/members", &[("first_name", "Jean"), ("last_name", "Dupont"), ("city", "Paris")]).await;
    let long = "Très longue note : ".to_string() + &"àéîõü€ ".repeat(30);
    c.post("/members", &[("first_name", "Zoé"), ("last_name", "Bernard"), ("city", "Lyon"), ("notes", &long)]).await;
    assert_eq!(c.post("/members/categories", &[("name", "Bureau")]).await.status, StatusCode::SEE_OTHER);
    c.post("/members/1/categories", &[("categories", "1")]).await;
    let tariff = [("name", "Adhésion"), ("rule", "calendar"), ("tariff", "fixed"), ("amount", "20")];
    assert_eq!(c.post("/members/types", &tariff).await.status, StatusCode::SEE_OTHER);
    let d = today();
    let paid_on = format!("{:02}/{:02}/{}", d.day(), d.month(), d.year());
    let paid = [("type", "1"), ("amount", "20"), ("paid_on", paid_on.as_str()), ("method", "cash")];
    assert_eq!(c.post("/members/1/payments", &paid).await.status, StatusCode::SEE_OTHER);
    (f, c)
}

async fn audit_details(app: &TestApp, f: &testkit::app::Fixture) -> Vec<String> {
    let admin = Membership { association_id: f.association, user_id: f.admin, role: Role::Administrator };
    let (entries, _) = store::audit::page(&app.db, &Grant::check(&admin).unwrap(), 0, 100).await.unwrap();
    entries.into_iter().filter(|e| e.action == "member.export").map(|e| e.detail).collect()
}

testkit::web_test!(csv_exports_follow_the_list_filters_and_language, |app: TestApp| async move {
    let (f, mut c) = club(&app).await;
    let paid_until =
        store::members::get(&app.db, f.association, domain::MemberId(1)).await.unwrap().unwrap().paid_until.unwrap();

    let all = download(&app, &c, "/members/export?format=csv").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.header("content-type"), "text/csv; charset=utf-8");
    let disposition = all.header("content-disposition");
    assert_eq!(disposition, format!("attachment; filename=\"adherents-{}.csv\"", today()).as_str(), "{disposition}");
    let text = all.text();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(
        lines[0],
        "Numéro,Nom,Prénom,Courriel,Téléphone,Adresse,Code postal,Ville,Date de naissance,Notes,État de la cotisation,Valable jusqu'au,Catégories"
    );
    assert_eq!(lines.len(), 4, "{text}");
    let eloise = status_labels(&paid_until)
        .iter()
        .map(|label| {
            format!(
                "1,Martin,Éloïse,eloise@exemple.fr,06 12 34 56 78,3 rue des Lilas,69001,Lyon,1990-07-14,\
                 \"Bénévole, buvette; dit \"\"Lou\"\"\",{label},{paid_until},Bureau"
            )
        })
        .collect::<Vec<_>>();
    assert!(eloise.iter().any(|l| l == lines[1]), "{}", lines[1]);
    assert_eq!(lines[2], "2,Dupont,Jean,,,,,Paris,,,jamais adhérent·e,,");
    assert!(lines[3].starts_with("3,Bernard,Zoé,"));

    // The list's search and filters: only the matching members.
    let lyon = download(&app, &c, "/members/export?format=csv&q=lyon&status=&category=&type=&year=").await.text();
    assert_eq!(lyon.lines().count(), 3, "{lyon}");
    assert!(lyon.contains("Martin") && lyon.contains("Bernard") && !lyon.contains("Dupont"), "{lyon}");
    let bureau = download(&app, &c, "/members/export?format=csv&q=lyon&category=1").await.text();
    assert_eq!(bureau.lines().skip(1).map(|l| &l[..8]).collect::<Vec<_>>(), ["1,Martin"]);
    let never = download(&app, &c, "/members/export?format=csv&status=never").await.text();
    assert!(!never.contains("Martin") && never.contains("Dupont") && never.contains("Bernard"), "{never}");

    // The person's language names the columns and the statuses.
    c.lang = "en".into();
    let en = download(&app, &c, "/members/export?format=csv&q=jean").await.text();
    assert_eq!(
        en,
        "Number,Last name,First name,Email,Phone,Address,Postal code,City,Date of birth,Notes,Membership status,Valid until,Categories\r\n\
         2,Dupont,Jean,,,,,Paris,,,never a member,,\r\n"
    );

    let details = audit_details(&app, &f).await;
    assert!(details.contains(&"format=csv rows=3".to_string()), "{details:?}");
    assert!(details.contains(&"format=csv rows=2 q=\"lyon\"".to_string()), "{details:?}");
    assert!(details.contains(&"format=csv rows=1 q=\"lyon\" category=1".to_string()), "{details:?}");
    assert!(details.contains(&"format=csv rows=2 status=never".to_string()), "{details:?}");
});

testkit::web_test!(every_format_holds_the_same_table, |app: TestApp| async move {
    let (_, c) = club(&app).await;
    let csv = download(&app, &c, "/members/export?format=csv").await;
    let reference = sheet::read("adherents.csv", &csv.bytes, 100).unwrap();
    let cells = |t: &sheet::Table| (t.headers.clone(), t.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>());
    assert_eq!(reference.rows.len(), 3);

    let excel = download(&app, &c, "/members/export?format=csv-excel").await;
    assert_eq!(excel.header("content-type"), "text/csv; charset=utf-8");
    assert!(excel.bytes.starts_with(b"\xEF\xBB\xBFNum\xC3\xA9ro;Nom;Pr\xC3\xA9nom;"), "a BOM and semicolons");
    let text = excel.text();
    assert!(text.contains(";14/07/1990;"), "French dates: {text}");
    assert!(text.contains("\"Bénévole, buvette; dit \"\"Lou\"\"\""), "{text}");
    let read = sheet::read("adherents.csv", &excel.bytes, 100).unwrap();
    assert_eq!(read.headers, reference.headers);
    assert_eq!(read.rows[1].cells, reference.rows[1].cells);

    for (format, content_type) in [
        ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ] {
        let d = download(&app, &c, &format!("/members/export?format={format}")).await;
        assert_eq!((d.status, d.header("content-type")), (StatusCode::OK, content_type));
        assert!(d.header("content-disposition").ends_with(&format!(".{format}\"")));
        let table = sheet::read(&format!("adherents.{format}"), &d.bytes, 100).unwrap();
        assert_eq!(cells(&table), cells(&reference), "{format} holds what the CSV holds");
    }
});

testkit::web_test!(vcards_are_one_per_member_and_folded, |app: TestApp| async move {
    let (_, c) = club(&app).await;
    let d = download(&app, &c, "/members/export?format=vcf").await;
    assert_eq!(d.status, StatusCode::OK);
    assert_eq!(d.header("content-type"), "text/vcard; charset=utf-8");
    assert!(d.header("content-disposition").ends_with(".vcf\""), "{}", d.header("content-disposition"));
    let text = d.text();
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 3);
    assert_eq!(text.matches("END:VCARD\r\n").count(), 3);
    assert!(text.ends_with("END:VCARD\r\n"));
    for line in d.bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        assert!(line.ends_with(b"\r"), "CRLF line ends");
        assert!(line.len() - 1 <= 75, "{} octets: {}", line.len() - 1, String::from_utf8_lossy(line));
        assert!(std::str::from_utf8(line).is_ok(), "no character cut in two");
    }
    assert!(text.contains("\r\n "), "the long note is folded");
    let unfolded = text.replace("\r\n ", "");
    for expected in [
        "FN:Éloïse Martin",
        "N:Martin;Éloïse;;;",
        "EMAIL:eloise@exemple.fr",
        "TEL:06 12 34 56 78",
        "ADR:;;3 rue des Lilas;Lyon;;69001;",
        "BDAY:19900714",
        "NOTE:Bénévole\\, buvette\\; dit \"Lou\"",
        "CATEGORIES:Bureau",
        "X-PREAU-NUMBER:3",
    ] {
        assert!(unfolded.contains(&format!("\r\n{expected}\r\n")), "{expected} in {unfolded}");
    }
    let filtered = download(&app, &c, "/members/export?format=vcf&q=paris").await.text();
    assert_eq!(filtered.matches("BEGIN:VCARD").count(), 1);
    assert!(filtered.contains("FN:Jean Dupont"));
});

testkit::web_test!(exports_need_the_right_to_manage_members, |app: TestApp| async move {
    let (f, mut admin) = club(&app).await;
    app.member(&f, "editor@amis.test", Role::Editor).await;
    app.member(&f, "member@amis.test", Role::Member).await;
    let list = admin.get("/members?q=lyon&category=1").await.body;
    assert!(list.contains("action=\"/members/export\""), "the list offers the export");
    assert!(list.contains("<label for=\"format\">"), "the format has a label");
    assert!(
        list.contains("name=\"q\" value=\"lyon\"") && list.contains("name=\"category\" value=\"1\""),
        "filters kept"
    );
    let mut editor = app.logged_in("editor@amis.test").await;
    assert!(!editor.get("/members").await.body.contains("/members/export"), "not offered to readers");
    assert_eq!(download(&app, &editor, "/members/export?format=csv").await.status, StatusCode::FORBIDDEN);
    let member = app.logged_in("member@amis.test").await;
    let refused = download(&app, &member, "/members/export?format=csv").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.text().contains("Martin"));
    assert_eq!(download(&app, &app.client(), "/members/export?format=csv").await.status, StatusCode::SEE_OTHER);

    // An unknown format is refused with a page that names the right ones.
    for path in ["/members/export?format=pdf", "/members/export"] {
        let r = admin.get(path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(r.body.contains("<h1>Format d&#39;export inconnu</h1>") && r.body.contains("csv-excel"), "{}", r.body);
    }
    assert!(audit_details(&app, &f).await.is_empty(), "nothing was exported");

    // Switched off in the settings: the module-off page.
    admin
        .post("/settings", &[("name", "Association amis"), ("fiscal_year_start_month", "1"), ("modules", "accounting")])
        .await;
    let off = admin.get("/members/export?format=csv").await;
    assert_eq!(off.status, StatusCode::NOT_FOUND);
    assert!(off.body.contains("Module désactivé") && !off.body.contains("Martin"));
});

testkit::web_test!(a_large_export_streams_page_by_page, |app: TestApp| async move {
    let (f, c) = admin_of(&app, "amis").await;
    let grant =
        Grant::check(&Membership { association_id: f.association, user_id: f.admin, role: Role::Secretary }).unwrap();
    let count = 2_500;
    let people: Vec<domain::members::Member> = (0..count)
        .map(|i| domain::members::Member {
            first_name: format!("Prénom{i}"),
            last_name: "Nom".into(),
            ..Default::default()
        })
        .collect();
    for chunk in people.chunks(1000) {
        store::members::create_many(&app.db, &grant, chunk, 1).await.unwrap();
    }
    let csv = download(&app, &c, "/members/export?format=csv").await;
    let text = csv.text();
    assert_eq!(text.lines().count(), count + 1);
    assert!(text.contains("\r\n2500,Nom,Prénom2499,"));
    assert!(csv.chunks >= 3, "sent a page at a time, not whole ({} pieces)", csv.chunks);
    let xlsx = download(&app, &c, "/members/export?format=xlsx").await;
    assert!(xlsx.chunks >= 3, "{} pieces", xlsx.chunks);
    assert_eq!(sheet::read("a.xlsx", &xlsx.bytes, 10_000).unwrap().rows.len(), count);
    let details = audit_details(&app, &f).await;
    assert!(details.contains(&"format=xlsx rows=2500".to_string()), "{details:?}");
});

/// The fields `amis` and `voisins` both define, in the same order.
async fn define_fields(c: &mut Client) {
    let fields: [&[(&str, &str)]; 5] = [
        &[("label", "Taille"), ("kind", "choice"), ("choices", "S\nM\nL")],
        &[("label", "Compétences"), ("kind", "multiple"), ("choices", "Cuisine\nBricolage\nCompta")],
        &[("label", "Certificat médical"), ("kind", "date")],
        &[("label", "Bénévole"), ("kind", "yesno")],
        &[("label", "Enfants"), ("kind", "number")],
    ];
    for field in fields {
        assert_eq!(c.post("/members/fields", field).await.status, StatusCode::SEE_OTHER);
    }
}

testkit::web_test!(the_associations_own_fields_are_exported_and_import_back, |app: TestApp| async move {
    let (_, mut c) = admin_of(&app, "amis").await;
    define_fields(&mut c).await;
    let lea = [
        ("first_name", "Léa"),
        ("last_name", "Roux"),
        ("email", "lea@amis.test"),
        ("field-1", "m"),
        ("field-2", "Cuisine"),
        ("field-2", "Compta"),
        ("field-3", "01/09/2026"),
        ("field-4", "on"),
        ("field-5", "2"),
    ];
    assert_eq!(c.post("/members", &lea).await.status, StatusCode::SEE_OTHER);
    c.post("/members", &[("first_name", "Jean"), ("last_name", "Dupont")]).await;

    let csv = download(&app, &c, "/members/export?format=csv").await.text();
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert!(lines[0].ends_with(",Catégories,Taille,Compétences,Certificat médical,Bénévole,Enfants"), "{}", lines[0]);
    assert!(lines[1].ends_with(",M,\"Cuisine, Compta\",2026-09-01,oui,2"), "{}", lines[1]);
    assert!(lines[2].ends_with(",,,,non,"), "unset fields empty, an unticked box no: {}", lines[2]);
    // Typed cells in a spreadsheet: a real date and a real number.
    let xlsx = download(&app, &c, "/members/export?format=xlsx").await;
    let table = sheet::read("adherents.xlsx", &xlsx.bytes, 100).unwrap();
    assert_eq!(table.rows[0].cells[13..], ["M", "Cuisine, Compta", "2026-09-01", "oui", "2"]);

    // Another association with the same fields imports the file as it is.
    let (g, mut d) = admin_of(&app, "voisins").await;
    define_fields(&mut d).await;
    let r = d.post_multipart("/members/import", "file", "adherents.csv", csv.as_bytes()).await;
    let check = d.get(r.location()).await;
    let mut mapping = crate::imports::shown_mapping(&check.body, 18);
    assert_eq!(
        mapping[13..].iter().map(|(_, v)| v.as_str()).collect::<Vec<_>>(),
        ["custom-1", "custom-2", "custom-3", "custom-4", "custom-5"]
    );
    mapping.push(("action".into(), "apply".into()));
    let done = crate::imports::post_fields(&mut d, "/members/import/1", &mapping).await;
    assert_eq!(done.location(), "/members?notice=notice-imported", "{:?} {}", mapping, done.body);
    let values = store::fields::values_of(&app.db, g.association, domain::MemberId(1)).await.unwrap();
    let expected = [(1, "M"), (2, "Cuisine\nCompta"), (3, "2026-09-01"), (4, "yes"), (5, "2")];
    assert_eq!(values, expected.map(|(id, v)| (id, v.to_string())));
});
