//! Tables across pages: header repeated, every row once and in order,
//! subtotals in bold, cells wrapped in their column, long tables in linear
//! time.

use std::time::Instant;

use pdf::{Column, PageSize, Row};

use crate::{check_structure, document, info_of, pages, text_of, words_of};

fn columns() -> [Column; 4] {
    [
        Column::new("N°", 0.6),
        Column::new("Désignation", 3.0),
        Column::new("Date", 1.2).center(),
        Column::new("Montant", 1.2).right(),
    ]
}

fn row(index: usize) -> Row {
    Row::from(vec![
        format!("{index}"),
        format!("Ligne {index:04} — cotisation de l’adhérent"),
        "15/01/2026".to_string(),
        format!("{},{:02} €", index * 3, index % 100),
    ])
}

#[test]
fn three_hundred_rows_over_several_pages() {
    let mut doc = document("Journal des cotisations");
    doc.page_numbers(|page, pages| format!("Page {page} / {pages}"));
    doc.heading("Journal des cotisations 2026", 1);
    let rows = (1..=300).flat_map(|index| {
        let mut rows = vec![row(index)];
        if index % 50 == 0 {
            rows.push(
                Row::from(vec![String::new(), format!("Sous-total {}", index / 50), String::new(), "x".into()])
                    .bold()
                    .shaded(),
            );
        }
        rows
    });
    doc.table(&columns(), rows);
    doc.paragraph("Fin du journal.");
    let pdf = doc.finish();
    let structure = check_structure(&pdf);
    assert_eq!(structure.count("/BaseFont /Helvetica-Bold"), 1, "bold rows and headers use Helvetica-Bold");

    let count: usize = info_of(&pdf)["Pages"].parse().unwrap();
    assert!(count >= 5, "{count} pages for 300 rows");
    let text = text_of(&pdf);
    let pages = pages(&text);
    assert_eq!(pages.len(), count);
    for (index, page) in pages.iter().enumerate() {
        let headers = page.lines().filter(|line| line.contains("Désignation")).count();
        assert_eq!(headers, 1, "header once on page {}:\n{page}", index + 1);
        // The header comes before every row of the page.
        let header_at = page.find("Désignation").unwrap();
        assert!(page.find("Ligne ").is_none_or(|first| header_at < first), "page {}", index + 1);
        assert!(page.contains(&format!("Page {} / {count}", index + 1)));
    }
    let mut last = 0;
    for index in 1..=300 {
        let needle = format!("Ligne {index:04} — cotisation de l’adhérent");
        assert_eq!(text.matches(&needle).count(), 1, "{needle}");
        let at = text.find(&needle).unwrap();
        assert!(at > last, "{needle} out of order");
        last = at;
    }
    for subtotal in 1..=6 {
        assert_eq!(text.matches(&format!("Sous-total {subtotal} ")).count(), 1);
    }
    assert!(text.contains("900,00 €") && text.contains("Fin du journal."));

    // Amounts are right-aligned: every amount ends at the same place.
    let words = words_of(&pdf);
    let euros: Vec<f64> = words.iter().filter(|w| w.text == "€").map(|w| w.x_max).collect();
    assert_eq!(euros.len(), 300);
    assert!(euros.iter().all(|x| (x - euros[0]).abs() < 0.1), "{euros:?}");
}

#[test]
fn five_thousand_rows_in_linear_time() {
    let started = Instant::now();
    let mut doc = document("Grand livre");
    doc.page_numbers(|page, pages| format!("Page {page} / {pages}"));
    doc.table(&columns(), (1..=5000).map(row));
    let pdf = doc.finish();
    let elapsed = started.elapsed();
    // About a tenth of a second in a debug build; quadratic behaviour would
    // take far longer.
    assert!(elapsed.as_secs() < 20, "5,000 rows took {elapsed:?}");
    check_structure(&pdf);
    let count: usize = info_of(&pdf)["Pages"].parse().unwrap();
    assert!(count > 80, "{count} pages");
    // Compressed: a few dozen bytes a row.
    assert!(pdf.len() < 5000 * 60, "{} bytes", pdf.len());
    let text = text_of(&pdf);
    assert_eq!(text.matches("Désignation").count(), count);
    for index in [1, 2, 999, 2500, 4999, 5000] {
        assert_eq!(text.matches(&format!("Ligne {index:04} ")).count(), 1);
    }
    assert_eq!(text.matches(" — cotisation de l’adhérent").count(), 5000);
}

#[test]
fn cells_wrap_within_their_column() {
    let long = "Remboursement de frais de déplacement pour la sortie annuelle au lac d’Annecy, \
                avec le détail des péages et du carburant";
    let mut doc = document("Cellules");
    doc.table(
        &[Column::new("Libellé", 1.0), Column::new("Note", 1.0), Column::new("Montant", 1.0).right()],
        [Row::from(vec![long, long, "12,50 €"])],
    );
    let pdf = doc.finish();
    let words = words_of(&pdf);
    let left = pdf::mm(20.0);
    let third = (PageSize::A4.width - 2.0 * left) / 3.0;
    let annecy: Vec<_> = words.iter().filter(|w| w.text == "d’Annecy,").collect();
    assert_eq!(annecy.len(), 2);
    assert!(annecy[0].x_max <= left + third && annecy[1].x_min >= left + third, "{annecy:?}");
    assert!(annecy[1].x_max <= left + 2.0 * third, "{annecy:?}");
    // The amount sits on the first line of the row, at the right edge.
    let amount = words.iter().find(|w| w.text == "€").unwrap();
    assert!((amount.x_max - (PageSize::A4.width - left - 4.0)).abs() < 0.5, "{amount:?}");
}

#[test]
fn a_row_taller_than_a_page_is_split() {
    let tall: Vec<String> = (1..=150).map(|n| format!("détail {n}")).collect();
    let mut doc = document("Grande ligne");
    doc.table(
        &[Column::new("Objet", 1.0), Column::new("Détail", 2.0)],
        [Row::from(vec!["Tout".to_string(), tall.join("\n")])],
    );
    let pdf = doc.finish();
    check_structure(&pdf);
    let text = text_of(&pdf);
    let pages = pages(&text);
    assert!(pages.len() >= 2);
    for page in &pages {
        assert_eq!(page.matches("Détail").count(), 1, "header on every page");
    }
    for n in 1..=150 {
        assert_eq!(text.matches(&format!("détail {n}\n")).count(), 1, "détail {n}");
    }
}

#[test]
fn odd_tables() {
    let mut doc = document("Tables");
    // No rows: the header alone. No columns: nothing at all.
    doc.table(&columns(), Vec::<Row>::new());
    doc.table(&[], [Row::from(vec!["ignoré"])]);
    // Shares that are not positive: equal columns. Missing cells are empty,
    // extra cells ignored.
    doc.table(
        &[Column::new("A", 0.0), Column::new("B", -1.0)],
        [Row::from(vec!["a1"]), Row::from(vec!["a2", "b2", "c2"])],
    );
    let pdf = doc.finish();
    let text = text_of(&pdf);
    assert!(text.contains("Désignation") && text.contains("a1") && text.contains("b2"));
    assert!(!text.contains("ignoré") && !text.contains("c2"));
    let words = words_of(&pdf);
    let b = words.iter().find(|w| w.text == "B").unwrap();
    assert!((b.x_min - (PageSize::A4.width / 2.0 + 4.0)).abs() < 0.5, "{b:?}");
}
