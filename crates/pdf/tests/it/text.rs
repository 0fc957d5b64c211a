//! Text round trip: what is written comes back from a real extractor, with
//! its accents, and lines stay within the page.

use pdf::{Align, Font, PageSize, TextStyle, text_width};

use crate::{check_structure, document, info_of, pages, text_of, words_of};

const FRENCH: &str = "« Reçu n° 42 » : l’association a bien reçu 150,00 € — merci ! \
                      Œuvre, cœur, sœur, à côté, où, Noël, naïf, garçon, déjà, Ève, été, ÇA ; “guillemets” et ‘apostrophes’… 2 × 3 ≈ 6";

#[test]
fn french_text_comes_back_exactly() {
    let mut doc = document("Texte");
    doc.heading("Assemblée générale de l’Élan", 1);
    doc.paragraph(FRENCH);
    let pdf = doc.finish();
    check_structure(&pdf);
    let text = text_of(&pdf);
    // Lines as pdftotext lays them out, joined back with single spaces.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Assemblée générale de l’Élan"), "{text}");
    // ≈ is not in WinAnsi: it becomes a question mark; everything else survives.
    let expected = FRENCH.replace('≈', "?");
    let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&expected), "expected\n{expected}\nin\n{flat}");
}

#[test]
fn each_special_character_is_mapped() {
    let characters = "é è ê ë à â ä ç î ï ô ö ù û ü ÿ œ æ É È Ê À Ç Œ Æ Ÿ « » € ’ ‘ “ ” – — … • ° § ½ ©";
    let mut doc = document("Caractères");
    doc.paragraph(characters);
    let pdf = doc.finish();
    // Word by word: `pdftotext -layout` runs one-letter words together.
    let got: Vec<String> = words_of(&pdf).into_iter().map(|word| word.text).collect();
    let want: Vec<&str> = characters.split_whitespace().collect();
    assert_eq!(got, want);
}

#[test]
fn long_paragraph_wraps_within_the_page() {
    let sentence = "Le bureau rappelle que les cotisations de l’exercice doivent être réglées avant \
                    l’assemblée générale, faute de quoi le droit de vote ne pourra être exercé. ";
    let long = sentence.repeat(12);
    let mut doc = document("Paragraphe");
    doc.paragraph(&long);
    doc.paragraph_styled(&long, TextStyle::new(Font::HelveticaBold, 11.0));
    doc.paragraph_styled(&long, TextStyle::new(Font::TimesRoman, 12.0).align(Align::Right));
    doc.paragraph_styled("Centré", TextStyle::BODY.align(Align::Center));
    let pdf = doc.finish();
    check_structure(&pdf);
    let (left, right) = (pdf::mm(20.0), PageSize::A4.width - pdf::mm(20.0));
    let words = words_of(&pdf);
    assert!(words.len() > 300, "{} words", words.len());
    for word in &words {
        assert!(word.x_min >= left - 0.5 && word.x_max <= right + 0.5, "{word:?} outside [{left}, {right}]");
    }
    // Many lines, each well filled: the text wrapped, it was not cut.
    let text = text_of(&pdf);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("cotisations") || l.contains("bureau")).collect();
    assert!(lines.len() >= 12, "{text}");
    let original_words = long.split_whitespace().count() * 3 + 1;
    assert_eq!(words.len(), original_words, "every word drawn once");
    // Right-aligned lines end at the right margin.
    let times: Vec<_> = words.iter().filter(|w| w.text == "Centré").collect();
    assert_eq!(times.len(), 1);
    let centre = (times[0].x_min + times[0].x_max) / 2.0;
    assert!((centre - PageSize::A4.width / 2.0).abs() < 1.0, "{centre}");
}

/// The widths used to wrap and align are the ones the reader draws with:
/// compare with poppler's own measure of each word, for every WinAnsi
/// character in both Helvetica weights.
#[test]
fn widths_agree_with_the_reader() {
    let mut all = String::new();
    for code in 0x21..=0xFFu8 {
        if matches!(code, 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D | 0xA0 | 0xAD) {
            continue;
        }
        let decoded = if (0x80..0xA0).contains(&code) {
            // Windows-1252 additions, in WinAnsi order.
            "€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ".chars().nth(usize::from(code - 0x80)).unwrap()
        } else {
            char::from(code)
        };
        all.push(decoded);
    }
    // Short words, so a mismatch points at a few characters.
    let chunks: Vec<String> = all.chars().collect::<Vec<_>>().chunks(6).map(|c| c.iter().collect()).collect();
    // Not Courier: poppler gives its ± 603 units, where Adobe's AFM has 600
    // for every glyph, as this crate does.
    for font in [Font::Helvetica, Font::HelveticaBold, Font::TimesRoman] {
        let mut doc = document("Largeurs");
        let mut y = 800.0;
        for chunk in &chunks {
            doc.text_at(60.0, y, 20.0, font, chunk);
            y -= 22.0;
            if y < 40.0 {
                doc.page_break();
                y = 800.0;
            }
        }
        let pdf = doc.finish();
        let words = words_of(&pdf);
        assert_eq!(words.len(), chunks.len(), "{font:?}: {words:?}");
        for (word, chunk) in words.iter().zip(&chunks) {
            let ours = text_width(font, 20.0, chunk);
            let theirs = word.x_max - word.x_min;
            assert!((ours - theirs).abs() < 0.05, "{font:?} {chunk:?}: ours {ours}, poppler {theirs} ({})", word.text);
        }
    }
}

#[test]
fn page_numbers_and_running_header() {
    let mut doc = document("Rapport moral");
    doc.running_header(|_, _| "Les Amis du Préau — rapport moral".to_string());
    doc.page_numbers(|page, pages| format!("Page {page} / {pages}"));
    for chapter in 1..=3 {
        doc.heading(&format!("Chapitre {chapter}"), 1);
        for _ in 0..40 {
            doc.paragraph("Une ligne de texte pour remplir la page.");
        }
    }
    let pdf = doc.finish();
    check_structure(&pdf);
    let info = info_of(&pdf);
    let count: usize = info["Pages"].parse().unwrap();
    assert!(count >= 3, "{count} pages");
    let text = text_of(&pdf);
    let pages = pages(&text);
    assert_eq!(pages.len(), count);
    for (index, page) in pages.iter().enumerate() {
        let numbers: Vec<&str> = page.lines().filter(|line| line.contains("Page ")).map(str::trim).collect();
        assert_eq!(numbers, [format!("Page {} / {count}", index + 1)], "page {}", index + 1);
        assert!(page.lines().next().unwrap().contains("Les Amis du Préau — rapport moral"), "{page}");
    }
    // The page number sits in the bottom margin, centred.
    let words = words_of(&pdf);
    let slash: Vec<_> = words.iter().filter(|w| w.text == "/").collect();
    assert_eq!(slash.len(), count);
    for word in slash {
        assert!(word.y_min > PageSize::A4.height - pdf::mm(20.0), "{word:?}");
        assert!(((word.x_min + word.x_max) / 2.0 - PageSize::A4.width / 2.0).abs() < 12.0, "{word:?}");
    }
}

#[test]
fn information_dictionary() {
    let mut doc = pdf::Document::new(
        pdf::Metadata {
            subject: "Dons 2025".to_string(),
            creator: "Préau 0.1 — reçus fiscaux".to_string(),
            ..pdf::Metadata::new("Reçu fiscal n° 2026-0042", "Les Amis du Préau")
        }
        .created(pdf::pdf_date(1_768_469_400)),
    );
    doc.paragraph("Bonjour");
    let pdf = doc.finish();
    let info = info_of(&pdf);
    assert_eq!(info["Title"], "Reçu fiscal n° 2026-0042");
    assert_eq!(info["Author"], "Les Amis du Préau");
    assert_eq!(info["Subject"], "Dons 2025");
    assert_eq!(info["Creator"], "Préau 0.1 — reçus fiscaux");
    assert_eq!(info["Producer"], "Préau");
    assert_eq!(info["Pages"], "1");
    assert_eq!(info["PDF version"], "1.7");
    assert!(info["Page size"].starts_with("595.28 x 841.89 pts (A4)"), "{}", info["Page size"]);
    assert!(info["CreationDate"].contains("2026") && info["CreationDate"].contains("09:30:00"), "{info:?}");
    // Without a date there is no CreationDate, and an empty document still has a page.
    let pdf = pdf::Document::new(pdf::Metadata::new("Vide", "")).finish();
    check_structure(&pdf);
    let info = info_of(&pdf);
    assert_eq!(info["Pages"], "1");
    assert!(!info.contains_key("CreationDate") && !info.contains_key("Author"), "{info:?}");
}

#[test]
fn same_input_same_bytes() {
    let make = |text: &str| {
        let mut doc = document("Stable");
        doc.paragraph(text);
        doc.finish()
    };
    assert_eq!(make("un"), make("un"));
    assert_ne!(make("un"), make("deux"));
}

#[test]
fn headings_keep_with_what_follows() {
    let mut doc = document("Titres");
    // Fill the page to about three lines from the bottom.
    let body = PageSize::A4.height - 2.0 * pdf::mm(20.0);
    let lines = (body / 13.0) as usize - 3;
    let filler: Vec<String> = (0..lines).map(|index| format!("ligne {index}")).collect();
    doc.paragraph(&filler.join("\n"));
    doc.heading("Titre orphelin", 2);
    doc.paragraph("Le texte qui suit le titre.");
    let pdf = doc.finish();
    let text = text_of(&pdf);
    let pages = pages(&text);
    assert_eq!(pages.len(), 2);
    assert!(pages[1].contains("Titre orphelin") && !pages[0].contains("Titre orphelin"), "{text}");
}
