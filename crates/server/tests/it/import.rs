//! `preau import members`: counts on success, every problem located on
//! failure, and nothing written then; on SQLite and PostgreSQL.

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
