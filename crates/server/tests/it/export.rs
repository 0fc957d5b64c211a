//! `preau export members` from the outside: the real binary, on SQLite and
//! PostgreSQL, writing to standard output or a new file.

use super::*;

fn export_flow(db: Option<&str>) {
    let dir = data_dir();
    let ok = |o: Output| {
        assert!(o.status.success(), "{}", err(&o));
        o
    };
    ok(preau(&dir, db, &["admin", "create-association", "--name", "Club", "--slug", "club"], None));
    ok(preau(&dir, db, &["admin", "create-association", "--name", "Autre", "--slug", "autre"], None));
    ok(preau(
        &dir,
        db,
        &["admin", "create-user", "--association", "club", "--email", "a@club.test", "--role", "administrator"],
        None,
    ));
    // More than one page of 1,000.
    ok(preau(&dir, db, &["admin", "demo-members", "--association", "club", "--count", "1234"], None));

    // CSV on standard output: the header, then every member once.
    let o = ok(preau(&dir, db, &["export", "members", "--association", "club", "--format", "csv"], None));
    let csv = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert!(lines[0].starts_with("Numéro,Nom,Prénom,Courriel,"), "{}", lines[0]);
    assert_eq!(lines.len(), 1235);
    let numbers: Vec<i64> = lines[1..].iter().map(|l| l.split(',').next().unwrap().parse().unwrap()).collect();
    assert_eq!(numbers, (1..=1234).collect::<Vec<_>>());
    let empty = ok(preau(&dir, db, &["export", "members", "--association", "autre", "--format", "csv-excel"], None));
    assert!(empty.stdout.starts_with(b"\xEF\xBB\xBFNum\xC3\xA9ro;Nom;"), "a BOM and semicolons");
    assert_eq!(String::from_utf8(empty.stdout).unwrap().lines().count(), 1, "the header only");

    // Into a new file: never over an existing one.
    let xlsx = dir.join("adherents.xlsx");
    let o = ok(preau(
        &dir,
        db,
        &["export", "members", "--association", "club", "--format", "xlsx", "--out", xlsx.to_str().unwrap()],
        None,
    ));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("1234 members exported"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let bytes = std::fs::read(&xlsx).unwrap();
    let table = sheet::read("adherents.xlsx", &bytes, 10_000).unwrap();
    assert_eq!((table.headers.len(), table.rows.len()), (13, 1234));
    let reference = sheet::read("adherents.csv", csv.as_bytes(), 10_000).unwrap();
    assert_eq!(cells(&table), cells(&reference), "the workbook holds what the CSV holds");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&xlsx).unwrap().permissions().mode() & 0o777, 0o600, "personal data");
    }
    let o = preau(
        &dir,
        db,
        &["export", "members", "--association", "club", "--format", "csv", "--out", xlsx.to_str().unwrap()],
        None,
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("already exists") && err(&o).contains("jamais écrasé"), "{}", err(&o));
    assert_eq!(std::fs::read(&xlsx).unwrap(), bytes, "the file is left as it was");

    let ods = dir.join("adherents.ods");
    ok(preau(
        &dir,
        db,
        &["export", "members", "--association", "club", "--format", "ods", "--out", ods.to_str().unwrap()],
        None,
    ));
    let table = sheet::read("adherents.ods", &std::fs::read(&ods).unwrap(), 10_000).unwrap();
    assert_eq!(cells(&table), cells(&reference));
    let vcf = ok(preau(&dir, db, &["export", "members", "--association", "club", "--format", "vcf"], None));
    let cards = String::from_utf8(vcf.stdout).unwrap();
    assert_eq!(cards.matches("BEGIN:VCARD\r\n").count(), 1234);
    assert!(cards.lines().all(|l| l.len() <= 75));

    // Clear refusals, in both languages, and no file left behind.
    let pdf = dir.join("adherents.pdf");
    let o = preau(
        &dir,
        db,
        &["export", "members", "--association", "club", "--format", "pdf", "--out", pdf.to_str().unwrap()],
        None,
    );
    assert!(!o.status.success());
    assert!(
        err(&o).contains("--format pdf") && err(&o).contains("attendu") && err(&o).contains("csv-excel"),
        "{}",
        err(&o)
    );
    let o = preau(
        &dir,
        db,
        &["export", "members", "--association", "nope", "--format", "csv", "--out", pdf.to_str().unwrap()],
        None,
    );
    assert!(!o.status.success());
    assert!(err(&o).contains("no such association / association inconnue"), "{}", err(&o));
    assert!(!pdf.exists(), "nothing was created");
    assert!(!err(&o).contains("panicked"));
}

/// A table's header and cells, without line numbers.
fn cells(t: &sheet::Table) -> (Vec<String>, Vec<Vec<String>>) {
    (t.headers.clone(), t.rows.iter().map(|r| r.cells.clone()).collect())
}

#[test]
fn export_members_on_sqlite() {
    export_flow(None);
}

#[tokio::test]
async fn export_members_on_postgres() {
    let url = fresh_database_url(Backend::Postgres).await;
    tokio::task::spawn_blocking(move || export_flow(Some(&url))).await.unwrap();
}
