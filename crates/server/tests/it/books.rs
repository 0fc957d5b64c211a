//! `preau import fec`, `preau export fec` and `preau verify-books` with the
//! real binary, on SQLite and PostgreSQL.

use super::*;

/// A small FEC: dues received in cash, then paid into the bank.
fn fec() -> String {
    let header = domain::accounting::fec::HEADER.join("\t");
    let row = |num: &str, date: &str, account: &str, label: &str, debit: &str, credit: &str| {
        format!(
            "CA\tCaisse\t{num}\t{date}\t{account}\t{label}\t\t\tR{num}\t{date}\tCotisations été\t{debit}\t{credit}\t\t\t20260105\t\t"
        )
    };
    [
        header,
        row("1", "20260102", "530", "Caisse", "60,00", "0,00"),
        row("1", "20260102", "756", "Cotisations", "0,00", "60,00"),
        row("2", "20260104", "512", "Banque", "60,00", "0,00"),
        row("2", "20260104", "530", "Caisse", "0,00", "60,00"),
    ]
    .join("\r\n")
}

async fn close_first_year(url: &str) {
    let db = store::Db::connect(url).await.unwrap();
    let a = store::associations::by_slug(&db, "club").await.unwrap().unwrap();
    let a = domain::AssociationId(a.id);
    let g = domain::HostOperator::console().console_grant::<domain::KeepBooks>(a);
    let year = store::accounting::years::list(&db, a).await.unwrap()[0].id;
    store::accounting::years::close(&db, &g, year, &domain::accounting::years::Assignment::Pending, 1)
        .await
        .unwrap()
        .unwrap();
}

fn books_flow(db: Option<&str>, url: &str) {
    let dir = seeded(db);
    let file = dir.join("FEC.txt");
    std::fs::write(&file, fec()).unwrap();
    let path = file.to_str().unwrap();
    let o =
        preau(&dir, db, &["import", "fec", "--association", "club", path, "--dry-run", "--numbering", "2025"], None);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("2 écriture(s), 4 ligne(s) à importer") && out(&o).contains("2 entries, 4 lines"),
        "{}",
        out(&o)
    );
    let o = preau(&dir, db, &["import", "fec", "--association", "club", path], None);
    assert!(o.status.success(), "{}", err(&o));
    let o = preau(&dir, db, &["import", "fec", "--association", "club", path], None);
    assert!(!o.status.success() && err(&o).contains("déjà été importé"), "the same file twice: {}", err(&o));

    // A bad file: every problem located, nothing written.
    let bad = dir.join("bad.txt");
    std::fs::write(
        &bad,
        fec().replace("20260104\t512", "20260199\t512").replace(
            "0,00\t60,00\t\t\t20260105\t\t\r\nCA\tCaisse\t2",
            "0,00\t6x,00\t\t\t20260105\t\t\r\nCA\tCaisse\t2",
        ),
    )
    .unwrap();
    let o = preau(&dir, db, &["import", "fec", "--association", "club", bad.to_str().unwrap()], None);
    assert!(!o.status.success());
    let e = err(&o);
    assert!(e.contains("ligne 3, colonne « Credit »") && e.contains("ligne 4, colonne « EcritureDate »"), "{e}");

    // Out again, to standard output and to a file: the independent checker finds nothing.
    let o = preau(&dir, db, &["export", "fec", "--association", "club", "--year", "2026"], None);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(testkit::fec_check::check(&o.stdout), Vec::<String>::new());
    assert_eq!(domain::accounting::fec::parse(&o.stdout).unwrap().len(), 4);
    let target = dir.join("out.txt");
    let o = preau(
        &dir,
        db,
        &["export", "fec", "--association", "club", "--year", "2026", "--out", target.to_str().unwrap()],
        None,
    );
    assert!(o.status.success() && std::fs::read(&target).unwrap().starts_with(b"JournalCode\t"), "{}", err(&o));
    let o = preau(
        &dir,
        db,
        &["export", "fec", "--association", "club", "--year", "2026", "--out", target.to_str().unwrap()],
        None,
    );
    assert!(!o.status.success() && err(&o).contains("jamais écrasé"), "{}", err(&o));
    let o = preau(&dir, db, &["export", "fec", "--association", "club", "--year", "1999"], None);
    assert!(!o.status.success() && err(&o).contains("--year 1999"), "{}", err(&o));

    // The seal: nothing to check, then intact, then broken.
    let o = preau(&dir, db, &["verify-books", "--association", "club"], None);
    assert!(o.status.success() && out(&o).contains("aucun exercice clôturé"), "{}", out(&o));
    let url = if url.is_empty() { format!("sqlite:{}", dir.join("preau.sqlite").display()) } else { url.to_string() };
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(close_first_year(&url));
    let o = preau(&dir, db, &["verify-books", "--association", "club"], None);
    assert!(o.status.success() && out(&o).contains("2026-01-01 → 2026-12-31: intact"), "{}", out(&o));
    rt.block_on(async {
        let db = store::Db::connect(&url).await.unwrap();
        testkit::tamper(&db, "UPDATE entries SET label = 'Autre chose' WHERE number = 2").await;
    });
    let o = preau(&dir, db, &["verify-books", "--association", "club"], None);
    assert!(!o.status.success() && err(&o).contains("entry 2 changed since closing"), "{}", err(&o));
}

#[test]
fn books_commands_on_sqlite() {
    books_flow(None, "");
}

#[tokio::test]
async fn books_commands_on_postgres() {
    let url = fresh_database_url(Backend::Postgres).await;
    tokio::task::spawn_blocking(move || books_flow(Some(&url), &url)).await.unwrap();
}
