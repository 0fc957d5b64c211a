//! The file's skeleton: header, objects at the offsets the cross-reference
//! table gives, trailer, object counts; compressed and uncompressed.

use pdf::{Column, Document, Layout, Margins, Metadata, PageSize, Row};

use crate::{check_structure, document, info_of, poppler, text_of};

#[test]
fn empty_document() {
    let pdf = document("Vide").finish();
    let structure = check_structure(&pdf);
    // Pages, resources, one content stream, one page, info, catalog: no font
    // since nothing was written.
    assert_eq!(structure.size, 7);
    assert_eq!(structure.count("/Type /Page "), 1);
    assert_eq!(structure.count("/Type /Font"), 0);
    assert_eq!(info_of(&pdf)["Pages"], "1");
}

#[test]
fn objects_of_a_full_document() {
    let mut doc = document("Complet");
    doc.page_numbers(|page, pages| format!("Page {page} / {pages}"));
    doc.heading("Titre", 1);
    doc.paragraph("Texte.");
    doc.page_break();
    doc.page_break(); // A second break in a row makes no blank page.
    doc.table(&[Column::new("A", 1.0)], (0..3).map(|i| Row::from(vec![format!("{i}")])));
    doc.text_at(100.0, 100.0, 10.0, pdf::Font::Courier, "code");
    let pdf = doc.finish();
    let structure = check_structure(&pdf);
    assert_eq!(structure.count("/Type /Page "), 2);
    assert_eq!(structure.count("/Type /Pages"), 1);
    assert_eq!(structure.count("/Type /Catalog"), 1);
    // Helvetica, Helvetica-Bold, Courier; each once.
    assert_eq!(structure.count("/Type /Font"), 3);
    assert_eq!(structure.count("/Encoding /WinAnsiEncoding"), 3);
    // Two content streams per page (the page's, then its page number), all compressed.
    assert_eq!(structure.count("/Filter /FlateDecode"), 4);
    assert_eq!(structure.count("/Count 2 "), 1);
    assert!(structure.objects.values().any(|o| o.contains("/MediaBox [0 0 595.28 841.89]")));
    assert!(structure.objects.values().any(|o| o.contains("/Lang (fr-FR)")));
    // pages + resources + 4 streams + 2 pages + 3 fonts + info + catalog, and entry 0.
    assert_eq!(structure.size, 14);
    poppler("pdftotext", &["{}", "/dev/null"], &pdf);
}

#[test]
fn uncompressed_streams_read_the_same() {
    let make = |compress: bool| {
        let layout = Layout { compress, ..Layout::default() };
        let mut doc = Document::with_layout(Metadata::new("Brut", "Préau"), layout);
        doc.paragraph("Reçu « brut » : 10 €");
        doc.finish()
    };
    let (packed, plain) = (make(true), make(false));
    check_structure(&plain);
    let structure = check_structure(&packed);
    assert_eq!(structure.count("/FlateDecode"), 1);
    assert!(String::from_utf8_lossy(&plain).contains(" Tj ET"));
    assert_eq!(text_of(&packed), text_of(&plain));
}

#[test]
fn landscape_pages_and_other_margins() {
    let layout = Layout { size: PageSize::A4.landscape(), margins: Margins::uniform(30.0), compress: true };
    let mut doc = Document::with_layout(Metadata::new("Paysage", "Préau"), layout);
    assert!((doc.content_width() - (841.89 - 60.0)).abs() < 1e-9);
    doc.paragraph("Large");
    let pdf = doc.finish();
    check_structure(&pdf);
    assert!(info_of(&pdf)["Page size"].starts_with("841.89 x 595.28 pts"));
}

#[test]
fn spacer_past_the_bottom_ends_the_page() {
    let mut doc = document("Espaces");
    doc.spacer(100.0);
    let y = doc.cursor_y();
    assert!((y - (841.89 - pdf::mm(20.0) - 100.0)).abs() < 1e-9, "{y}");
    doc.paragraph("Premier");
    doc.spacer(2000.0);
    doc.paragraph("Second");
    doc.rule();
    assert_eq!(doc.page_count(), 2);
    let pdf = doc.finish();
    check_structure(&pdf);
    assert_eq!(info_of(&pdf)["Pages"], "2");
}

#[test]
fn a_document_can_be_built_on_another_thread() {
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Document>();
    send_and_sync::<pdf::Image>();
}

#[test]
fn nonsense_numbers_do_not_break_the_flow() {
    let mut doc = document("Nombres");
    doc.spacer(f64::NAN);
    doc.spacer(-50.0);
    doc.paragraph_styled("taille absurde", pdf::TextStyle::new(pdf::Font::Helvetica, f64::NAN));
    doc.text_at(f64::INFINITY, f64::NAN, -3.0, pdf::Font::Helvetica, "perdu");
    doc.set_stroke_width(f64::NAN);
    doc.rect(f64::NAN, 0.0, 10.0, 10.0);
    doc.fill_rect(10.0, 10.0, 10.0, 10.0, f64::NAN);
    assert!(doc.cursor_y().is_finite());
    doc.paragraph("Toujours là");
    assert_eq!(doc.page_count(), 1);
    let pdf = doc.finish();
    check_structure(&pdf);
    let text = text_of(&pdf);
    assert!(text.contains("taille absurde") && text.contains("Toujours là"), "{text}");
}
