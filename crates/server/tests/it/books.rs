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

    // Dolibarr's ledger export through the same path: `;`, decimal commas.
    let ledger = dir.join("grand-livre.csv");
    std::fs::write(
        &ledger,
        "7;2026-02-03;;Frais de tenue de compte;627;;2,50;0;2,50;BQ\n\
         7;2026-02-03;;Frais de tenue de compte;512;;0;2,50;-2,50;BQ\n",
    )
    .unwrap();
    let ledger = ledger.to_str().unwrap();
    let o = preau(&dir, db, &["import", "fec", "--association", "club", "--format", "paheko", ledger], None);
    assert!(!o.status.success() && err(&o).contains("ligne 1"), "not Paheko's: {}", err(&o));
    let o = preau(&dir, db, &["import", "fec", "--association", "club", "--format", "csv", ledger], None);
    assert!(!o.status.success() && err(&o).contains("--format csv"), "{}", err(&o));
    let o = preau(&dir, db, &["import", "fec", "--association", "club", "--format", "dolibarr", ledger], None);
    assert!(o.status.success() && out(&o).contains("1 écriture(s), 2 ligne(s)"), "{}", err(&o));
    let o = preau(&dir, db, &["import", "fec", "--association", "club", ledger], None);
    assert!(!o.status.success() && err(&o).contains("déjà été importé"), "found by itself, refused: {}", err(&o));

    // Out again, to standard output and to a file: the independent checker finds nothing.
    let o = preau(&dir, db, &["export", "fec", "--association", "club", "--year", "2026"], None);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(testkit::fec_check::check(&o.stdout), Vec::<String>::new());
    assert_eq!(domain::accounting::fec::parse(&o.stdout).unwrap().len(), 6);
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

/// What `demo-books` said of each year: its end (YYYY-MM-DD) and entries.
fn demo_years(stdout: &str) -> Vec<(String, usize)> {
    stdout
        .lines()
        .filter(|l| l.contains("(/accounting/years/"))
        .map(|l| {
            let end = l.split(" → ").nth(1).unwrap()[..10].to_string();
            let entries = l.split("): ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
            (end, entries)
        })
        .collect()
}

async fn check_demo_books(url: &str, slug: &str, entries: usize, lines: usize) {
    let db = store::Db::connect(url).await.unwrap();
    let a = domain::AssociationId(store::associations::by_slug(&db, slug).await.unwrap().unwrap().id);
    let mut years = store::accounting::years::list(&db, a).await.unwrap();
    years.reverse();
    assert_eq!(years.len(), 2);
    assert!(years[0].is_closed() && !years[1].is_closed());
    assert_eq!(years[0].bounds().next(), years[1].bounds());
    let (mut seen_entries, mut seen_lines) = (0, 0);
    for (i, y) in years.iter().enumerate() {
        // The trial balance of each year is zero.
        let totals = store::accounting::years::totals(&db, a, y.id).await.unwrap();
        let (debit, credit) = totals.iter().fold((0, 0), |(d, c), t| (d + t.debit, c + t.credit));
        assert!(debit > 0 && debit == credit, "year {}: {debit} against {credit}", y.id);
        let journal = store::accounting::entries::journal_page(&db, a, y.id, 0, 1_000_000).await.unwrap();
        for (n, (e, l)) in journal.iter().enumerate() {
            if i == 0 {
                assert_eq!(e.number, Some(n as i64 + 1), "the closed year's entries are numbered in date order");
            }
            if e.origin == "demo" {
                seen_entries += 1;
                seen_lines += l.len();
            } else {
                assert_eq!((i, e.origin.as_str(), e.journal.as_str()), (1, "opening", "AN"));
            }
        }
    }
    assert_eq!((seen_entries, seen_lines), (entries, lines));
}

fn demo_books_flow(db: Option<&str>, url: &str) {
    let dir = seeded(db);
    let url = if url.is_empty() { format!("sqlite:{}", dir.join("preau.sqlite").display()) } else { url.to_string() };
    let demo = ["admin", "demo-books", "--association", "club", "--entries", "400", "--seed", "7", "--close-first"];
    let o = preau(&dir, db, &demo, None);
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    let lines: usize = said.split(" entries, ").nth(1).and_then(|s| s.split(' ').next()).unwrap().parse().unwrap();
    assert!(said.starts_with("400 entries, ") && (800..900).contains(&lines), "{said}");
    let years = demo_years(&said);
    assert_eq!(years.len(), 2, "{said}");
    assert_eq!(years[0].1 + years[1].1, 400);
    assert!(said.contains(&format!("{} entries sealed", years[0].1)), "{said}");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(check_demo_books(&url, "club", 400, lines));

    let o = preau(&dir, db, &demo, None);
    assert!(!o.status.success() && err(&o).contains("fiscal years already"), "books once only: {}", err(&o));
    let o = preau(&dir, db, &["verify-books", "--association", "club"], None);
    assert!(o.status.success() && out(&o).contains("intact"), "{}", err(&o));

    // Out as FEC: what the independent checker accepts, the accents in Latin-9.
    let fec = |slug: &str, end: &str| {
        let o = preau(&dir, db, &["export", "fec", "--association", slug, "--year", &end[..4]], None);
        assert!(o.status.success(), "{}", err(&o));
        o.stdout
    };
    let sealed = fec("club", &years[0].0);
    assert_eq!(testkit::fec_check::check(&sealed), Vec::<String>::new());
    let parsed = domain::accounting::fec::parse(&sealed).unwrap();
    assert!(parsed.iter().any(|l| l.ecriture_lib.starts_with("Bénévolat - ")), "accents survive, the dash made plain");
    assert_eq!(domain::accounting::fec::entries(&parsed).len(), years[0].1);

    // The same seed elsewhere: the same books, to the byte.
    let o = preau(&dir, db, &["admin", "create-association", "--name", "Club 2", "--slug", "club2"], None);
    assert!(o.status.success(), "{}", err(&o));
    let other: Vec<&str> = demo.iter().map(|a| if *a == "club" { "club2" } else { a }).collect();
    let o = preau(&dir, db, &other, None);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(fec("club", &years[1].0), fec("club2", &years[1].0));
    let o = preau(&dir, db, &["admin", "demo-books", "--association", "nobody", "--entries", "1"], None);
    assert!(!o.status.success() && err(&o).contains("association inconnue"), "{}", err(&o));
}

#[test]
fn demo_books_on_sqlite() {
    demo_books_flow(None, "");
}

#[tokio::test]
async fn demo_books_on_postgres() {
    let url = fresh_database_url(Backend::Postgres).await;
    tokio::task::spawn_blocking(move || demo_books_flow(Some(&url), &url)).await.unwrap();
}
