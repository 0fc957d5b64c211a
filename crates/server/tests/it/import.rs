//! `preau import members` and `preau import bank`: counts on success, every
//! problem located on failure, and nothing written then; on SQLite and
//! PostgreSQL.

use super::*;

/// Text as Windows-1252 bytes (what Excel saves as "CSV" on a French Windows).
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            'œ' => 0x9c,
            c if (c as u32) < 256 => c as u8,
            c => panic!("{c} is not in the test's Windows-1252 table"),
        })
        .collect()
}

/// A Galette export: its database column names, `;`, Windows-1252, CRLF.
const GALETTE: &str = "id_adh;nom_adh;prenom_adh;email_adh;ville_adh;cp_adh;ddn_adh;tel_adh\r\n\
                       1;Lefèvre;Hélène;helene@exemple.fr;Besançon;25000;12/03/1980;06 11 22 33 44\r\n\
                       2;Dupont;Jean-François;;Saint-Étienne;42000;;\r\n\
                       3;Cœur;Zoé;zoe@exemple.fr;Lyon;69001;2001-05-06;\r\n";

fn import_flow(db: Option<&str>) {
    let dir = seeded(db);
    let file = dir.join("galette.csv");
    std::fs::write(&file, cp1252(GALETTE)).unwrap();
    let path = file.to_str().unwrap();
    let members = |dir: &Path| {
        let o = preau(dir, db, &["import", "members", "--association", "club", path, "--dry-run"], None);
        assert!(o.status.success(), "{}", err(&o));
        out(&o)
    };
    // A dry run counts and writes nothing: a second dry run says the same.
    let first = members(&dir);
    assert!(first.contains("3 fiche(s) à créer") && first.contains("3 record(s) to create"), "{first}");
    assert_eq!(members(&dir), first);

    let o = preau(&dir, db, &["import", "members", "--association", "club", path, "--format", "galette"], None);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("3 fiche(s) à créer"), "{}", out(&o));
    // The same file again: those found by email are skipped (the default);
    // Jean-François has neither email nor birth date, so he cannot be recognised.
    let o = preau(&dir, db, &["import", "members", "--association", "club", path], None);
    assert!(out(&o).contains("1 fiche(s) à créer, 0 à mettre à jour, 2 ignorée(s)"), "{}", out(&o));

    // A file with problems: each located, a failure exit, nothing written.
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "Prénom,Nom,Courriel,Date de naissance\nAna,Bret,ana@exemple.fr,31/02/2024\nLéo,,leo@exemple,\n",
    )
    .unwrap();
    let o = preau(&dir, db, &["import", "members", "--association", "club", bad.to_str().unwrap()], None);
    assert!(!o.status.success());
    let e = err(&o);
    for located in [
        "ligne 2, colonne « Date de naissance »",
        "line 2, column \"Date de naissance\"",
        "ligne 3, colonne « Nom »",
        "ligne 3, colonne « Courriel »",
        "3 problèmes",
    ] {
        assert!(e.contains(located), "{located} missing from: {e}");
    }
    assert!(!e.contains("panicked"), "{e}");
    // Nothing of the bad file was written: Ana is not there.
    let again = dir.join("ana.csv");
    std::fs::write(&again, "Prénom,Nom,Courriel\nAna,Bret,ana@exemple.fr\n").unwrap();
    let o =
        preau(&dir, db, &["import", "members", "--association", "club", again.to_str().unwrap(), "--dry-run"], None);
    assert!(out(&o).contains("1 fiche(s) à créer"), "{}", out(&o));

    // Files that are not what they say, and bad arguments.
    let fake = dir.join("fake.xlsx");
    std::fs::write(&fake, "Nom;Prénom\nA;B\n").unwrap();
    let o = preau(&dir, db, &["import", "members", "--association", "club", fake.to_str().unwrap()], None);
    assert!(!o.status.success() && err(&o).contains(".xlsx"), "{}", err(&o));
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let o = preau(&dir, db, &["import", "members", "--association", "club", empty.to_str().unwrap()], None);
    assert!(!o.status.success() && err(&o).contains("vide"), "{}", err(&o));
    let o = preau(&dir, db, &["import", "members", "--association", "nope", path], None);
    assert!(!o.status.success() && err(&o).contains("association"), "{}", err(&o));
    let o = preau(&dir, db, &["import", "members", "--association", "club", path, "--format", "excel"], None);
    assert!(!o.status.success() && err(&o).contains("--format"), "{}", err(&o));
}

#[test]
fn import_members_on_sqlite() {
    import_flow(None);
}

#[tokio::test]
async fn import_members_on_postgres() {
    let url = fresh_database_url(Backend::Postgres).await;
    tokio::task::spawn_blocking(move || import_flow(Some(&url))).await.unwrap();
}

/// A French bank's CSV export: Windows-1252, `;`, decimal commas, a debit
/// and a credit column, lines about the account before the header.
const STATEMENT: &str = "Compte courant n° 12345678901;;;\r\n\
                         Date;Libellé;Débit euros;Crédit euros\r\n\
                         02/01/2026;VIR SEPA REÇU HÉLÈNE DUPRÉ;;45,00\r\n\
                         03/01/2026;PRLV SEPA EDF Électricité;62,30;\r\n\
                         05/01/2026;CB Café de la Gare;2,50;\r\n";

fn bank_flow(db: Option<&str>) {
    let dir = seeded(db);
    let file = dir.join("releve.csv");
    std::fs::write(&file, cp1252(STATEMENT)).unwrap();
    let path = file.to_str().unwrap();
    let bank = |args: &[&str]| {
        let mut all = vec!["import", "bank", "--association", "club"];
        all.extend(args);
        preau(&dir, db, &all, None)
    };
    // A dry run counts and writes nothing.
    let o = bank(&["--account", "512", path, "--dry-run"]);
    assert!(o.status.success(), "{}", err(&o));
    let counted = out(&o);
    assert!(counted.contains("3 ligne(s) à ajouter, 0 déjà importée(s)"), "{counted}");
    assert!(counted.contains("3 line(s) to add, 0 already imported") && counted.contains("dry run"), "{counted}");
    assert_eq!(out(&bank(&["--account", "512", path, "--dry-run"])), counted);

    let o = bank(&["--account", "512", path]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("3 ligne(s) ajoutée(s), 0 déjà importée(s)"), "{}", out(&o));
    // The same file again adds nothing; a longer one only its new line.
    let o = bank(&["--account", "512", path]);
    assert!(out(&o).contains("0 ligne(s) ajoutée(s), 3 déjà importée(s)"), "{}", out(&o));
    let longer = dir.join("releve-suite.csv");
    std::fs::write(&longer, cp1252(&format!("{STATEMENT}06/01/2026;Remise chèque;;120,00\r\n"))).unwrap();
    let o = bank(&["--account", "512", longer.to_str().unwrap()]);
    assert!(out(&o).contains("1 ligne(s) ajoutée(s), 3 déjà importée(s)"), "{}", out(&o));

    // A file with problems: each located, a failure exit, nothing written.
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "Date;Libellé;Montant\n07/01/2026;Cotisation;45,00\n31/02/2026;Date impossible;10,00\n08/01/2026;Montant faux;12,5O\n",
    )
    .unwrap();
    let o = bank(&["--account", "512", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    let e = err(&o);
    for located in [
        "ligne 3, colonne « Date » : date invalide (valeur « 31/02/2026 »)",
        "line 3, column \"Date\": not a date (value \"31/02/2026\")",
        "ligne 4, colonne « Montant » : montant invalide",
        "line 4, column \"Montant\": not an amount",
        "2 problèmes empêchent l'import",
    ] {
        assert!(e.contains(located), "{located} missing from: {e}");
    }
    assert!(!e.contains("panicked"), "{e}");
    // Nothing of the bad file was written: its good line is still new.
    let good = dir.join("good.csv");
    std::fs::write(&good, "Date;Libellé;Montant\n07/01/2026;Cotisation;45,00\n").unwrap();
    let o = bank(&["--account", "512", good.to_str().unwrap(), "--dry-run"]);
    assert!(out(&o).contains("1 ligne(s) à ajouter"), "{}", out(&o));

    // Other currencies, no statement, no bank account, no association.
    let usd = dir.join("usd.csv");
    std::fs::write(&usd, "Date;Libellé;Montant;Devise\n07/01/2026;Logiciel;-25,00;USD\n").unwrap();
    let o = bank(&["--account", "512", usd.to_str().unwrap()]);
    assert!(!o.status.success() && err(&o).contains("ligne 2, colonne « Devise » : montant en USD"), "{}", err(&o));
    let pdf = dir.join("releve.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n\0\0").unwrap();
    let o = bank(&["--account", "512", pdf.to_str().unwrap()]);
    assert!(!o.status.success() && err(&o).contains("pas un relevé bancaire"), "{}", err(&o));
    let o = bank(&["--account", "6064", path]);
    assert!(!o.status.success() && err(&o).contains("--account"), "{}", err(&o));
    let o = preau(&dir, db, &["import", "bank", "--association", "nope", "--account", "512", path], None);
    assert!(!o.status.success() && err(&o).contains("association"), "{}", err(&o));

    // Headers no bank writes are not guessed; once their columns are chosen
    // on the pages for this account, the command reads such files that way.
    let iso = dir.join("export.csv");
    let iso_text = "Quand;Quoi;Combien\n2026-01-09;Cotisation;45.00\n2026-01-10;EDF;-62.30\n";
    std::fs::write(&iso, iso_text).unwrap();
    let headers = bank::CsvLayout::preview(iso_text.as_bytes()).unwrap().headers_key();
    let iso = iso.to_str().unwrap();
    let o = bank(&["--account", "512", iso, "--dry-run"]);
    assert!(!o.status.success() && err(&o).contains("Date"), "{}", err(&o));
    let url = db.map_or_else(|| format!("sqlite:{}", dir.join("preau.sqlite").display()), str::to_string);
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = store::Db::connect(&url).await.unwrap();
        let a = domain::AssociationId(store::associations::by_slug(&db, "club").await.unwrap().unwrap().id);
        let grant = domain::HostOperator::console().grant::<domain::KeepBooks>(a, domain::UserId(0));
        let layout =
            "date=0;date_format=ymd;value_date=;label=1;amount=2;decimal=point;reference=;currency=;encoding=auto";
        store::accounting::bank::keep_csv_layout(&db, &grant, ("512", &headers), layout, 1).await.unwrap();
    });
    let o = bank(&["--account", "512", iso]);
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    assert!(said.contains("2 ligne(s) ajoutée(s), 0 déjà importée(s)"), "{said}");
    assert!(said.contains("Colonnes lues comme au dernier import") && said.contains("Columns read as"), "{said}");
}

#[test]
fn import_bank_on_sqlite() {
    bank_flow(None);
}

#[tokio::test]
async fn import_bank_on_postgres() {
    let url = fresh_database_url(Backend::Postgres).await;
    tokio::task::spawn_blocking(move || bank_flow(Some(&url))).await.unwrap();
}
