//! Donations and tax receipts through the pages: forms refuse bad input on
//! the field at fault and write nothing; a receipt's PDF, read back by
//! poppler's `pdftotext`, carries every mandatory mention of Cerfa
//! 11580*05 (and 16216*01 for a company); a yearly receipt covers the
//! year's gifts; the link emailed to the donor serves the PDF, a wrong one
//! gets 404.

use super::*;
use axum::http::StatusCode;

/// A 6 × 3 RGBA PNG: the signature image.
pub const SIGNATURE_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x06, 0x00, 0x00, 0x00, 0x03, 0x08, 0x06, 0x00, 0x00, 0x00, 0xb0, 0x01, 0x7e, 0xfb, 0x00, 0x00, 0x00, 0x12, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x10, 0x11, 0x09, 0xf8, 0x8f, 0x0d, 0x33, 0x90, 0x2c, 0x01, 0x00, 0xc2, 0x58,
    0x1a, 0x5f, 0x5e, 0x9f, 0x5c, 0xe6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// An association ready to issue receipts: identity, receipt settings, signature.
async fn ready(app: &TestApp, slug: &str) -> (testkit::app::Fixture, Client) {
    let (f, mut c) = admin_of(app, slug).await;
    let identity = [
        ("name", "Les Amis du Préau"),
        ("address", "12 rue de la Paix, 75002 Paris"),
        ("rna", "W751234567"),
        ("fiscal_year_start_month", "1"),
        ("modules", "members"),
        ("modules", "accounting"),
    ];
    assert_eq!(c.post("/settings", &identity).await.status, StatusCode::SEE_OTHER);
    let page = c.get("/accounting/donations").await.body;
    assert!(page.contains("la catégorie et le signataire"), "what is missing is said: {page}");
    let settings = [
        ("object", "Éducation populaire et accès de tous à la culture"),
        ("category", "general-interest"),
        ("signatory_name", "Marie Curie"),
        ("signatory_capacity", "Présidente"),
        ("donations_account", "7541"),
        ("fees_account", "75412"),
    ];
    assert_eq!(c.post("/accounting/donations/settings", &settings).await.status, StatusCode::SEE_OTHER);
    let r =
        c.post_multipart("/accounting/donations/settings/signature", "signature", "signature.png", SIGNATURE_PNG).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(!c.get("/accounting/donations").await.body.contains("émettre des reçus, complétez"));
    (f, c)
}

fn camille() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "individual"),
        ("last_name", "Lefèvre"),
        ("first_names", "Camille Marie"),
        ("address", "3 rue de l'Église"),
        ("postal_code", "69001"),
        ("city", "Lyon"),
        ("email", "camille@donateurs.test"),
    ]
}

fn money(
    donor: &'static str,
    on: &'static str,
    amount: &'static str,
    method: &'static str,
) -> Vec<(&'static str, &'static str)> {
    vec![
        ("donor", donor),
        ("received_on", on),
        ("amount", amount),
        ("nature", "money"),
        ("method", method),
        ("form", "manual"),
        ("article", ""),
        ("description", ""),
    ]
}

/// GET with the client's cookies, the body as bytes: (status, content type, bytes).
async fn get_bytes(app: &TestApp, c: &Client, path: &str) -> (StatusCode, String, Vec<u8>) {
    use tower::ServiceExt;
    let cookie = c.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
    let req = axum::http::Request::builder()
        .uri(path)
        .header("host", "preau.test")
        .header("cookie", cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let kind = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap().to_vec();
    (status, kind, bytes)
}

/// Runs a poppler tool on a PDF; fails clearly when poppler-utils is missing.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("preau-receipt-{}.pdf", testkit::random_hex(8)));
    std::fs::write(&path, pdf).unwrap();
    let mut all: Vec<&str> = args.to_vec();
    all.push(path.to_str().unwrap());
    if tool == "pdftotext" {
        all.push("-");
    }
    let out = std::process::Command::new(tool).args(&all).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}): install poppler-utils (apt-get install -y poppler-utils)")
    });
    let _ = std::fs::remove_file(&path);
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The receipt's text, one space between words (no-break spaces included).
pub fn receipt_text(pdf: &[u8]) -> String {
    let text = poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf).replace(['\u{a0}', '\u{202f}'], " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn today_fr() -> String {
    let d = domain::Date::from_days(web::now().div_euclid(86_400)).unwrap();
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

async fn counts(app: &TestApp, f: &testkit::app::Fixture) -> (usize, usize, usize) {
    let a = f.association;
    (
        store::donations::donors(&app.db, a).await.unwrap().len(),
        store::donations::donations(&app.db, a, 2026).await.unwrap().len(),
        store::donations::receipts(&app.db, a, 2026).await.unwrap().len(),
    )
}

testkit::web_test!(forms_refuse_bad_input_on_the_field_and_write_nothing, |app: TestApp| async move {
    let (f, mut c) = ready(&app, "refus").await;
    // Donors.
    let mut bad = camille();
    bad.retain(|(k, _)| !matches!(*k, "last_name" | "city" | "email"));
    bad.extend([("last_name", " "), ("city", ""), ("email", "camille@")]);
    let r = c.post("/accounting/donations/donors", &bad).await;
    for field in ["last_name", "city", "email"] {
        assert_refused(&r, field);
    }
    assert_eq!(field_value(&r.body, "first_names").as_deref(), Some("Camille Marie"), "what was typed stays");
    let company = [
        ("kind", "organisation"),
        ("organisation", "Boulangerie Martin"),
        ("legal_form", "SARL"),
        ("siren", "732 829 321"),
        ("address", "1 place du Marché"),
        ("postal_code", "69002"),
        ("city", "Lyon"),
    ];
    assert_refused(&c.post("/accounting/donations/donors", &company).await, "siren");
    let mut stranger = camille();
    stranger.push(("member", "999"));
    let r = c.post("/accounting/donations/donors", &stranger).await;
    assert_refused(&r, "member");
    assert!(r.body.contains("Aucun membre ne porte ce numéro"));
    assert_eq!(counts(&app, &f).await, (0, 0, 0), "no donor written");
    let r = c.post("/accounting/donations/donors", &camille()).await;
    assert_eq!(r.location(), "/accounting/donations/donors/1?notice=notice-saved");

    // Gifts: each mistake on its field.
    for (field, value, at_fault) in [
        ("amount", "12,5O", "amount"),
        ("amount", "0", "amount"),
        ("received_on", "31/02/2026", "received_on"),
        ("received_on", "01/01/2099", "received_on"),
        ("method", "", "method"),
        ("nature", "kind", "description"),
        ("nature", "robots", "nature"),
        ("article", "238bis", "article"),
        ("form", "oral", "form"),
        ("donor", "", "donor"),
        ("donor", "77", "donor"),
    ] {
        let mut gift = money("1", "12/03/2026", "150,20", "cheque");
        gift.retain(|(k, _)| *k != field);
        gift.push((field, value));
        let r = c.post("/accounting/donations", &gift).await;
        assert_refused(&r, at_fault);
    }
    let mut ifi = money("1", "12/03/2026", "10", "");
    ifi.retain(|(k, _)| !matches!(*k, "nature" | "description" | "article"));
    ifi.extend([("nature", "kind"), ("description", "Un vélo"), ("article", "978")]);
    assert_refused(&c.post("/accounting/donations", &ifi).await, "article");
    assert_eq!(counts(&app, &f).await, (1, 0, 0), "no gift written");

    // Settings.
    let rup =
        [("object", "Culture"), ("category", "public-utility"), ("signatory_name", "M"), ("signatory_capacity", "P")];
    let r = c.post("/accounting/donations/settings", &rup).await;
    assert_refused(&r, "decree_on");
    assert_refused(&r, "journal_on");
    let accounts = [
        ("object", "Culture"),
        ("category", "general-interest"),
        ("signatory_name", ""),
        ("signatory_capacity", "P"),
        ("donations_account", "512"),
    ];
    let r = c.post("/accounting/donations/settings", &accounts).await;
    assert_refused(&r, "signatory_name");
    assert_refused(&r, "donations_account");
    let r = c.post_multipart("/accounting/donations/settings/signature", "signature", "sig.png", b"not an image").await;
    assert_refused(&r, "signature");
    let kept = store::donations::settings(&app.db, f.association).await.unwrap().unwrap();
    assert_eq!((kept.signatory_name.as_str(), kept.donations_account.as_str()), ("Marie Curie", "7541"), "unchanged");

    // Receipts: a yearly one for a year with nothing, a bad year; cancelling unconfirmed; sending to no address.
    assert_eq!(
        c.post("/accounting/donations", &money("1", "12/03/2026", "20", "cash")).await.status,
        StatusCode::SEE_OTHER
    );
    let r = c.post("/accounting/donations/donors/1/receipt", &[("year", "deux mille"), ("article", "200")]).await;
    assert_refused(&r, "year");
    let r = c.post("/accounting/donations/donors/1/receipt", &[("year", "2025"), ("article", "200")]).await;
    assert_refused(&r, "year");
    let r = c.post("/accounting/donations/donors/1/receipt", &[("year", "2026"), ("article", "238bis")]).await;
    assert_refused(&r, "article");
    assert_eq!(counts(&app, &f).await, (1, 1, 0), "no receipt issued");
    assert_eq!(c.post("/accounting/donations/1/receipt", &[]).await.status, StatusCode::SEE_OTHER);
    let again = c.post("/accounting/donations/1/receipt", &[]).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "one valid receipt per gift");
    assert!(again.body.contains("déjà un reçu"), "{}", again.body);
    let r = c.post("/accounting/donations/receipts/1/cancel", &[("replace", "on")]).await;
    assert_refused(&r, "confirm");
    let mails = store::mail::counts(&app.db).await.unwrap();
    assert_refused(&c.post("/accounting/donations/receipts/1/send", &[("email", "pas une adresse")]).await, "email");
    assert_eq!(store::mail::counts(&app.db).await.unwrap(), mails, "nothing queued");
    let receipts = store::donations::receipts(
        &app.db,
        f.association,
        domain::Date::from_days(web::now() / 86_400).unwrap().year(),
    )
    .await
    .unwrap();
    assert_eq!(receipts.iter().map(|r| (r.number.len(), r.is_cancelled())).collect::<Vec<_>>(), [(9, false)]);
    // Reading is team work; writing is the treasurer's.
    // A donor with gifts keeps its kind.
    let mut now_a_company = camille();
    now_a_company.retain(|(k, _)| *k != "kind");
    now_a_company.extend([("kind", "organisation"), ("organisation", "Lefèvre SARL"), ("legal_form", "SARL")]);
    now_a_company.push(("siren", "732829320"));
    assert_refused(&c.post("/accounting/donations/donors/1", &now_a_company).await, "kind");
    assert_eq!(store::donations::donor(&app.db, f.association, 1).await.unwrap().unwrap().kind, "individual");
    app.member(&f, "editor@refus.test", domain::Role::Editor).await;
    let mut e = app.logged_in("editor@refus.test").await;
    assert_eq!(e.get("/accounting/donations").await.status, StatusCode::OK);
    assert_eq!(e.post("/accounting/donations/donors", &camille()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(e.post("/accounting/donations/1/receipt", &[]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(counts(&app, &f).await.0, 1);
});

testkit::web_test!(a_receipt_pdf_carries_every_mandatory_mention, |app: TestApp| async move {
    let (f, mut c) = ready(&app, "mentions").await;
    c.post("/accounting/years", &[("start", "01/01/2026"), ("end", "31/12/2026")]).await;
    assert_eq!(c.post("/accounting/donations/donors", &camille()).await.status, StatusCode::SEE_OTHER);
    let r = c.post("/accounting/donations", &money("1", "12/03/2026", "150,20", "cheque")).await;
    assert_eq!(r.location(), "/accounting/donations/donors/1?notice=notice-donation-posted", "{}", r.body);
    let gift = store::donations::donation(&app.db, f.association, 1).await.unwrap().unwrap();
    let entry = gift.entry_id.expect("posted with the books");
    let page = c.get(&format!("/accounting/entries/{entry}")).await.body;
    assert!(page.contains("Don – Lefèvre Camille Marie"), "{page}");
    assert!(page.contains("href=\"/accounting/donations/donors/1\""), "the entry links to its donor: {page}");
    let r = c.post("/accounting/donations/1/receipt", &[]).await;
    assert_eq!(r.location(), "/accounting/donations/receipts/1?notice=notice-receipt-issued");
    let page = c.get("/accounting/donations/receipts/1").await.body;
    let year = today_fr()[6..].to_string();
    let number = format!("{year}-0001");
    assert!(page.contains(&number), "{page}");

    let (status, kind, pdf) = get_bytes(&app, &c, "/accounting/donations/receipts/1/pdf").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    assert!(pdf.starts_with(b"%PDF-"));
    let text = receipt_text(&pdf);
    let mentions = [
        // The order number and the model.
        format!("Numéro d'ordre du reçu : {number}"),
        "Cerfa n° 11580*05".to_string(),
        "Reçu au titre des dons à certains organismes d'intérêt général".to_string(),
        // The beneficiary: name, RNA, address, object, category ticked.
        "Nom ou dénomination : Les Amis du Préau".to_string(),
        "RNA W751234567".to_string(),
        "Adresse : 12 rue de la Paix, 75002 Paris".to_string(),
        "Objet : Éducation populaire et accès de tous à la culture".to_string(),
        "[X] Œuvre ou organisme d'intérêt général".to_string(),
        "[ ] Association ou fondation reconnue d'utilité publique".to_string(),
        // The donor and their address.
        "Nom : Lefèvre".to_string(),
        "Prénoms : Camille Marie".to_string(),
        "Adresse : 3 rue de l'Église".to_string(),
        "Code postal : 69001".to_string(),
        "Commune : Lyon".to_string(),
        // The amount in figures, framed, and in words; the date of the gift.
        "***150,20 €***".to_string(),
        "Somme en toutes lettres : cent cinquante euros et vingt centimes".to_string(),
        "Date du versement ou du don : 12/03/2026".to_string(),
        // The certification citing the article ticked.
        "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit à la réduction d'impôt prévue à l'article :".to_string(),
        "[X] 200 du CGI".to_string(),
        "[ ] 238 bis du CGI".to_string(),
        "[ ] 978 du CGI".to_string(),
        // Form, nature, method.
        "[X] Déclaration de don manuel".to_string(),
        "[ ] Acte authentique".to_string(),
        "[X] Numéraire".to_string(),
        "[ ] Don en nature".to_string(),
        "[X] Chèque".to_string(),
        "[ ] Remise d'espèces".to_string(),
        // Date of issue, signatory's name and capacity.
        format!("Date d'émission : {}", today_fr()),
        "Nom et qualité du signataire : Marie Curie, Présidente".to_string(),
        "Signature :".to_string(),
    ];
    for m in &mentions {
        assert!(text.contains(m.as_str()), "missing « {m} » in:\n{text}");
    }
    let images = poppler("pdfimages", &["-list"], &pdf);
    assert!(
        images.lines().any(|l| l.contains(" image ") && l.contains(" 6 ") && l.contains(" 3 ")),
        "the signature: {images}"
    );

    // A later change of the settings never alters an issued receipt.
    let settings = [
        ("object", "Autre objet"),
        ("category", "other"),
        ("other_category", "Fonds de dotation"),
        ("signatory_name", "Pierre Curie"),
        ("signatory_capacity", "Trésorier"),
    ];
    assert_eq!(c.post("/accounting/donations/settings", &settings).await.status, StatusCode::SEE_OTHER);
    assert_eq!(get_bytes(&app, &c, "/accounting/donations/receipts/1/pdf").await.2, pdf, "frozen at issue");
    // Its replacement says what it replaces, with the settings of now.
    let r = c.post("/accounting/donations/receipts/1/cancel", &[("replace", "on"), ("confirm", "on")]).await;
    assert_eq!(r.location(), "/accounting/donations/receipts/2?notice=notice-receipt-replaced");
    let text = receipt_text(&get_bytes(&app, &c, "/accounting/donations/receipts/2/pdf").await.2);
    for m in [
        format!("Ce reçu annule et remplace le reçu n° {number}."),
        "[X] Autre organisme : Fonds de dotation".to_string(),
        "Pierre Curie, Trésorier".to_string(),
    ] {
        assert!(text.contains(m.as_str()), "missing « {m} » in:\n{text}");
    }
    assert!(c.get("/accounting/donations/receipts/1").await.body.contains("Ce reçu a été annulé"));

    // A company's receipt follows Cerfa 16216*01.
    let company = [
        ("kind", "organisation"),
        ("organisation", "Boulangerie Martin"),
        ("legal_form", "SARL"),
        ("siren", "732 829 320"),
        ("address", "1 place du Marché"),
        ("postal_code", "69002"),
        ("city", "Lyon"),
    ];
    assert_eq!(c.post("/accounting/donations/donors", &company).await.status, StatusCode::SEE_OTHER);
    let goods = [
        ("donor", "2"),
        ("received_on", "02/04/2026"),
        ("amount", "1 200"),
        ("nature", "kind"),
        ("method", ""),
        ("form", "manual"),
        ("article", "238bis"),
        ("description", "Trois ordinateurs portables"),
    ];
    assert_eq!(c.post("/accounting/donations", &goods).await.status, StatusCode::SEE_OTHER);
    assert_eq!(c.post("/accounting/donations/2/receipt", &[]).await.status, StatusCode::SEE_OTHER);
    let text = receipt_text(&get_bytes(&app, &c, "/accounting/donations/receipts/3/pdf").await.2);
    for m in [
        "Cerfa n° 16216*01",
        "Reçu des dons et versements effectués par les entreprises au titre de l'article 238 bis du code général des impôts",
        "Dénomination : Boulangerie Martin",
        "Forme juridique : SARL",
        "N° SIREN : 732829320",
        "***1 200,00 €***",
        "mille deux cents euros",
        "[X] 238 bis du CGI",
        "[X] Don en nature",
        "Trois ordinateurs portables (valeur : 1 200,00 €)",
        "Valeur des dons en nature et autres : 1 200,00 €",
        "Montant des dons en numéraire : 0,00 €",
    ] {
        assert!(text.contains(m), "missing « {m} » in:\n{text}");
    }
    let accounts: Vec<String> = store::accounting::entries::journal_page(&app.db, f.association, 1, 0, 10)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|(_, lines)| lines.into_iter().map(|l| l.account))
        .collect();
    assert_eq!(accounts, ["5112", "7541", "860", "870"], "money to 7541, the gift in kind in class 8");
});

testkit::web_test!(a_yearly_receipt_covers_the_years_gifts, |app: TestApp| async move {
    let (f, mut c) = ready(&app, "annuel").await;
    assert_eq!(c.post("/accounting/donations/donors", &camille()).await.status, StatusCode::SEE_OTHER);
    for (on, amount, method) in
        [("15/01/2026", "10", "debit"), ("15/02/2026", "10", "debit"), ("20/03/2026", "25,50", "cash")]
    {
        let r = c.post("/accounting/donations", &money("1", on, amount, method)).await;
        assert_eq!(r.location(), "/accounting/donations/donors/1?notice=notice-donation-unposted", "no year open");
    }
    assert_eq!(
        c.post("/accounting/donations", &money("1", "20/12/2025", "99", "cash")).await.status,
        StatusCode::SEE_OTHER
    );
    let r = c.post("/accounting/donations/donors/1/receipt", &[("year", "2026"), ("article", "200")]).await;
    assert_eq!(r.location(), "/accounting/donations/receipts/1?notice=notice-receipt-issued", "{}", r.body);
    let receipt = store::donations::receipt(&app.db, f.association, 1).await.unwrap().unwrap();
    assert_eq!((receipt.total_cents, receipt.cumulative), (4_550, true));
    let covered: Vec<String> = store::donations::donations_of_receipt(&app.db, f.association, 1)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.received_on)
        .collect();
    assert_eq!(covered, ["2026-01-15", "2026-02-15", "2026-03-20"], "the year's gifts, not December 2025's");
    let text = receipt_text(&get_bytes(&app, &c, "/accounting/donations/receipts/1/pdf").await.2);
    for m in [
        "***45,50 €***",
        "quarante-cinq euros et cinquante centimes",
        "Période des versements : du 01/01/2026 au 31/12/2026",
        "15/01/2026",
        "15/02/2026",
        "20/03/2026",
        "[X] Remise d'espèces",
        "[X] Virement, prélèvement, carte bancaire",
        "[ ] Chèque",
    ] {
        assert!(text.contains(m), "missing « {m} » in:\n{text}");
    }
    let year = c.get("/accounting/donations?year=2026").await.body;
    assert_eq!(year.matches("/accounting/donations/receipts/1\"").count(), 3, "each gift shows its receipt");
    // The 222 bis page counts it for 2026.
    let summary = c.get("/accounting/donations/summary?year=2026").await.body;
    assert!(summary.contains("45,50") && summary.contains("demarches-simplifiees.fr/commencer/declaration-des-dons"));
    // Opening the year posts the waiting gifts, once.
    c.post("/accounting/years", &[("start", "01/01/2026"), ("end", "31/12/2026")]).await;
    assert_eq!(c.post("/accounting/donations/post", &[]).await.status, StatusCode::SEE_OTHER);
    assert_eq!(store::donations::unposted_count(&app.db, f.association).await.unwrap(), 1, "December 2025 waits");
});

testkit::web_test!(the_emailed_link_serves_the_pdf_and_a_wrong_one_gets_404, |app: TestApp| async move {
    let sink = testkit::smtp::SmtpSink::start();
    let (f, mut c) = ready(&app, "lien").await;
    assert_eq!(c.post("/accounting/donations/donors", &camille()).await.status, StatusCode::SEE_OTHER);
    c.post("/accounting/donations", &money("1", "12/03/2026", "50", "transfer")).await;
    c.post("/accounting/donations/1/receipt", &[]).await;
    let r = c.post("/accounting/donations/receipts/1/send", &[("email", "camille@donateurs.test")]).await;
    assert_eq!(r.location(), "/accounting/donations/receipts/1?notice=notice-receipt-sent");
    deliver(&app, &sink).await;
    let mail = sink.wait_for("camille@donateurs.test");
    assert!(mail.subject.contains("-0001"), "the number in the subject: {}", mail.subject);
    assert!(mail.body.contains("50,00") && mail.body.contains("article 200"), "{}", mail.body);
    let link = mail.link_containing("/receipts/");
    let path = link.strip_prefix("http://preau.test").unwrap().to_string();
    assert!(path.starts_with(&format!("/receipts/{}-", f.association.0)), "{path}");
    let anonymous = app.client();
    let (status, kind, pdf) = get_bytes(&app, &anonymous, &path).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    let (_, stored) = store::donations::receipt_pdf(&app.db, f.association, 1).await.unwrap().unwrap();
    assert_eq!(pdf, stored, "the receipt as issued");
    let secret = path.rsplit('-').next().unwrap();
    let wrong = format!("/receipts/{}-{}", f.association.0, "0".repeat(secret.len()));
    let other = format!("/receipts/{}-{secret}", f.association.0 + 1);
    for bad in [wrong.as_str(), other.as_str(), "/receipts/nothing", "/receipts/1-"] {
        assert_eq!(get_bytes(&app, &anonymous, bad).await.0, StatusCode::NOT_FOUND, "{bad}");
    }
    // Cancelled: the link no longer opens it.
    c.post("/accounting/donations/receipts/1/cancel", &[("replace", ""), ("confirm", "on")]).await;
    assert_eq!(get_bytes(&app, &anonymous, &path).await.0, StatusCode::NOT_FOUND);
});
