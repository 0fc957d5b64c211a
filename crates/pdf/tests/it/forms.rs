//! Drawing at fixed places, key–value lists, boxed text, rules: a tax
//! receipt laid out both ways.

use pdf::{Align, Font, PageSize, text_width};

use crate::{check_structure, document, text_of, words_of};

#[test]
fn text_lands_where_it_is_put() {
    let mut doc = document("Formulaire");
    doc.text_at(100.0, 700.0, 12.0, Font::Helvetica, "Gauche");
    doc.text_aligned_at(500.0, 650.0, 12.0, Font::HelveticaBold, Align::Right, "1 234,56 €");
    doc.text_aligned_at(300.0, 600.0, 12.0, Font::TimesRoman, Align::Center, "Centre");
    doc.text_at(100.0, 550.0, 12.0, Font::Courier, "ligne\nunique");
    doc.set_stroke_width(1.5);
    doc.line(100.0, 540.0, 500.0, 540.0);
    doc.rect(90.0, 530.0, 420.0, 200.0);
    doc.fill_rect(90.0, 500.0, 420.0, 20.0, 0.9);
    let pdf = doc.finish();
    check_structure(&pdf);
    let words = words_of(&pdf);
    let find = |text: &str| words.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("{text}: {words:?}"));
    let height = PageSize::A4.height;
    let gauche = find("Gauche");
    assert!((gauche.x_min - 100.0).abs() < 0.5);
    // pdftotext measures from the top; the baseline is a little above the box's bottom.
    assert!(gauche.y_max > height - 700.0 && gauche.y_min < height - 700.0, "{gauche:?}");
    let euro = find("€");
    assert!((euro.x_max - 500.0).abs() < 0.5, "{euro:?}");
    let one = find("1");
    assert!((one.x_min - (500.0 - text_width(Font::HelveticaBold, 12.0, "1 234,56 €"))).abs() < 0.5, "{one:?}");
    let centre = find("Centre");
    assert!(((centre.x_min + centre.x_max) / 2.0 - 300.0).abs() < 0.5, "{centre:?}");
    assert!((find("ligne").y_min - find("unique").y_min).abs() < 0.01, "one line");
}

#[test]
fn a_tax_receipt() {
    let mut doc = document("Reçu fiscal n° 2026-0042");
    doc.page_numbers(|page, pages| format!("Page {page} / {pages}"));
    doc.text_aligned_at(doc.content_width() + pdf::mm(20.0), 800.0, 9.0, Font::Helvetica, Align::Right, "N° 2026-0042");
    doc.boxed("Reçu au titre des dons à certains organismes d’intérêt général (articles 200, 238 bis et 885-0 V bis A du code général des impôts)");
    doc.heading("Bénéficiaire des versements", 2);
    doc.key_values(&[
        ("Nom ou dénomination :", "Les Amis du Préau"),
        ("Adresse :", "12, rue de l’Église\n75011 Paris"),
        ("Objet :", "Association d’éducation populaire œuvrant pour l’accès de tous à la culture, « reconnue d’intérêt général »"),
    ]);
    doc.rule();
    doc.heading("Donateur", 2);
    doc.key_values(&[("Nom :", "Camille Lefèvre"), ("Somme :", "150,00 € (cent cinquante euros)")]);
    let y = doc.cursor_y();
    doc.line(300.0, y - 40.0, 500.0, y - 40.0);
    doc.text_at(300.0, y - 52.0, 8.0, Font::HelveticaOblique, "Signature du trésorier");
    let pdf = doc.finish();
    check_structure(&pdf);
    let text = text_of(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Reçu au titre des dons à certains organismes d’intérêt général",
        "Nom ou dénomination : Les Amis du Préau",
        "12, rue de l’Église",
        "« reconnue d’intérêt général »",
        "Somme : 150,00 € (cent cinquante euros)",
        "Signature du trésorier",
        "N° 2026-0042",
        "Page 1 / 1",
    ] {
        assert!(flat.contains(expected), "{expected:?} in\n{text}");
    }
    // Values line up in one column per list, after its longest label.
    let words = words_of(&pdf);
    let start = |text: &str| words.iter().find(|w| w.text == text).unwrap().x_min;
    let left = pdf::mm(20.0);
    for (label, values) in
        [("Nom ou dénomination :", &["Les", "12,", "75011"][..]), ("Somme :", &["Camille", "150,00"])]
    {
        let expected = left + text_width(Font::HelveticaBold, 10.0, label) + 12.0;
        for &value in values {
            assert!((start(value) - expected).abs() < 0.5, "{value}: {} instead of {expected}", start(value));
        }
    }
    // The boxed text wraps inside its frame, centred.
    let impots = words.iter().find(|w| w.text == "impôts)").unwrap();
    assert!(impots.x_max < PageSize::A4.width - pdf::mm(20.0) - 10.0);
}
