//! The tax receipt as a PDF, laid out like the Cerfa: n° 11580*05 for the
//! gifts of individuals (CGI art. 200 and 978), n° 16216*01 for those of
//! companies (art. 238 bis). It carries every mention the model asks for:
//! the order number; the beneficiary's name, SIREN or RNA, address, object
//! and category ticked; the donor's identity and address; the amount in
//! figures framed by asterisks and in words; the date of the gift or the
//! period of a cumulative receipt; the certification citing the article;
//! the form, nature and method of payment of the gifts; the date of issue,
//! the signatory's name and capacity and the signature image. Receipts are
//! French documents: this text is not translated.
//!
//! The file is drawn once, when the receipt is issued, and kept as it is.

use domain::Date;
use domain::donations::{Article, Category, Cerfa, CerfaMethod, DonorKind, Form, Nature, ReceiptDoc};
use domain::money::format_fr;
use pdf::{Align, Document, Font, Image, Metadata, TextStyle, pdf_date};

/// A ticked or empty box, in text (so that the receipt reads the same in any viewer and copied as text).
fn tick(on: bool) -> &'static str {
    if on { "[X]" } else { "[  ]" }
}

/// A day as French readers write it.
pub fn fr_date(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// The category line of the beneficiary, with its dates or its description.
fn category_line(doc: &ReceiptDoc, c: Category) -> String {
    let b = &doc.beneficiary;
    let on = b.category == c;
    let label = match c {
        Category::PublicUtility if on => format!(
            "{} par décret en date du {} publié au Journal officiel du {}",
            c.cerfa_label(),
            b.decree_on.map(fr_date).unwrap_or_default(),
            b.journal_on.map(fr_date).unwrap_or_default()
        ),
        Category::PublicUtility => {
            format!("{} par décret en date du … publié au Journal officiel du …", c.cerfa_label())
        }
        Category::Other if on => format!("{} : {}", c.cerfa_label(), b.other_category),
        _ => c.cerfa_label().to_string(),
    };
    format!("{} {label}", tick(on))
}

/// A row of boxes: "[X] Chèque   [  ] Remise d'espèces…", kept apart by
/// no-break spaces (the line still breaks at the plain ones around them).
fn boxes<T: PartialEq + Copy>(all: &[T], ticked: &[T], label: impl Fn(T) -> String) -> String {
    all.iter()
        .map(|x| format!("{} {}", tick(ticked.contains(x)), label(*x)))
        .collect::<Vec<_>>()
        .join(" \u{a0}\u{a0}\u{a0} ")
}

/// Draws the receipt; `created` (Unix seconds) is the file's creation date.
pub fn render(doc: &ReceiptDoc, created: i64) -> Vec<u8> {
    let cerfa = doc.article.cerfa();
    let b = &doc.beneficiary;
    let title = format!("Reçu fiscal n° {}", doc.number);
    let mut meta = Metadata::new(title, b.name.clone()).created(pdf_date(created));
    meta.creator = "Préau — reçus fiscaux".into();
    meta.subject = format!("Cerfa n° {}", cerfa.number());
    let mut pdf = Document::new(meta);
    pdf.page_numbers(|page, pages| format!("Page {page} / {pages}"));
    let small = TextStyle::new(Font::Helvetica, 8.5);
    let bold = TextStyle::new(Font::HelveticaBold, 10.0);

    // Header: the model's number at the left, the receipt's at the right.
    let (page, margin) = (pdf::PageSize::A4, pdf::mm(20.0));
    let top = page.height - 36.0;
    pdf.text_at(margin, top, 8.0, Font::Helvetica, &format!("Cerfa n° {}", cerfa.number()));
    pdf.text_aligned_at(
        595.28 - 56.7,
        top,
        10.0,
        Font::HelveticaBold,
        Align::Right,
        &format!("Reçu n° {}", doc.number),
    );
    match cerfa {
        Cerfa::Individuals => {
            pdf.boxed("Reçu au titre des dons à certains organismes d'intérêt général");
            pdf.paragraph_styled(
                "Articles 200, 238 bis et 978 du code général des impôts",
                TextStyle::new(Font::Helvetica, 9.0).align(Align::Center),
            );
        }
        Cerfa::Companies => {
            pdf.boxed(
                "Reçu des dons et versements effectués par les entreprises au titre de l'article 238 bis du code général des impôts",
            );
        }
    }
    pdf.key_values(&[("Numéro d'ordre du reçu :", doc.number.as_str())]);

    // The beneficiary.
    pdf.heading("Bénéficiaire des versements", 2);
    let identifiers = match (&b.siren, &b.rna) {
        (Some(siren), Some(rna)) => format!("SIREN {siren} – RNA {rna}"),
        (Some(siren), None) => format!("SIREN {siren}"),
        (None, Some(rna)) => format!("RNA {rna}"),
        (None, None) => String::new(),
    };
    pdf.key_values(&[
        ("Nom ou dénomination :", b.name.as_str()),
        ("N° SIREN ou RNA :", identifiers.as_str()),
        ("Adresse :", b.address.as_str()),
        ("Objet :", b.object.as_str()),
    ]);
    pdf.paragraph_styled("Catégorie de l'organisme :", bold);
    let categories: Vec<String> = Category::ALL.iter().map(|c| category_line(doc, *c)).collect();
    pdf.paragraph_styled(&categories.join("\n"), small);

    // The donor.
    pdf.heading("Donateur", 2);
    let d = &doc.donor;
    match d.kind {
        DonorKind::Individual => pdf.key_values(&[
            ("Nom :", d.last_name.as_str()),
            ("Prénoms :", d.first_names.as_str()),
            ("Adresse :", d.address.as_str()),
            ("Code postal :", d.postal_code.as_str()),
            ("Commune :", d.city.as_str()),
        ]),
        DonorKind::Organisation => pdf.key_values(&[
            ("Dénomination :", d.organisation.as_str()),
            ("Forme juridique :", d.legal_form.as_str()),
            ("N° SIREN :", d.siren.as_deref().unwrap_or("")),
            ("Adresse :", d.address.as_str()),
            ("Code postal :", d.postal_code.as_str()),
            ("Commune :", d.city.as_str()),
        ]),
    }

    // What was received.
    pdf.heading("Dons et versements", 2);
    pdf.paragraph(
        "Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant droit à réduction d'impôt, la somme de :",
    );
    pdf.boxed(&doc.framed_amount());
    let words = domain::donations::montant_en_lettres(doc.total());
    let when = if doc.cumulative {
        ("Période des versements :", format!("du {} au {}", fr_date(doc.period.0), fr_date(doc.period.1)))
    } else {
        ("Date du versement ou du don :", fr_date(doc.period.0))
    };
    pdf.key_values(&[("Somme en toutes lettres :", words.as_str()), (when.0, when.1.as_str())]);
    if cerfa == Cerfa::Companies {
        let (money, other) = doc.split_totals();
        pdf.key_values(&[
            ("Montant des dons en numéraire :", format_fr(money)),
            ("Valeur des dons en nature et autres :", format_fr(other)),
            ("Montant total :", format_fr(doc.total())),
        ]);
    }
    if doc.cumulative || doc.gifts.len() > 1 {
        let columns = [
            pdf::Column::new("Date", 1.0),
            pdf::Column::new("Nature", 2.5),
            pdf::Column::new("Mode de versement", 2.0),
            pdf::Column::new("Montant", 1.2).right(),
        ];
        pdf.table(
            &columns,
            doc.gifts.iter().map(|g| {
                pdf::Row::from(vec![
                    fr_date(g.received_on),
                    g.nature.cerfa_label().to_string(),
                    g.method.map(|m| CerfaMethod::of(m).cerfa_label()).unwrap_or("").to_string(),
                    format_fr(g.cents),
                ])
            }),
        );
    }

    // The certification and the boxes of the model.
    let articles: &[Article] = match cerfa {
        Cerfa::Individuals => &[Article::Ir200, Article::Is238Bis, Article::Ifi978],
        Cerfa::Companies => &[Article::Is238Bis],
    };
    pdf.paragraph(
        "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit ouvrent droit à la réduction d'impôt prévue à l'article :",
    );
    pdf.paragraph(&boxes(articles, &[doc.article], |a| format!("{} du CGI", a.cited())));
    pdf.paragraph_styled("Forme du don :", bold);
    pdf.paragraph(&boxes(&Form::ALL, &doc.forms(), |f| f.cerfa_label().to_string()));
    pdf.paragraph_styled("Nature du don :", bold);
    let natures: Vec<String> =
        Nature::ALL.iter().map(|n| format!("{} {}", tick(doc.natures().contains(n)), n.cerfa_label())).collect();
    pdf.paragraph(&natures.join("\n"));
    for g in doc.gifts.iter().filter(|g| g.nature != Nature::Money && !g.description.is_empty()) {
        let value = if g.nature == Nature::InKind { "valeur" } else { "montant" };
        pdf.paragraph_styled(
            &format!(
                "{} du {} : {} ({value} : {})",
                g.nature.cerfa_label(),
                fr_date(g.received_on),
                g.description,
                format_fr(g.cents)
            ),
            small,
        );
    }
    pdf.paragraph_styled("En cas de don en numéraire, mode de versement du don :", bold);
    pdf.paragraph(&boxes(&CerfaMethod::ALL, &doc.methods(), |m| m.cerfa_label().to_string()));
    if let Some(old) = &doc.replaces {
        pdf.paragraph_styled(&format!("Ce reçu annule et remplace le reçu n° {old}."), bold);
    }

    // Date and signature.
    pdf.spacer(6.0);
    let signatory = format!("{}, {}", doc.signatory_name, doc.signatory_capacity);
    pdf.key_values(&[("Date d'émission :", fr_date(doc.issued_on)), ("Nom et qualité du signataire :", signatory)]);
    pdf.paragraph("Signature :");
    let image = doc.signature.as_deref().and_then(|bytes| {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) { Image::jpeg(bytes).ok() } else { Image::png(bytes).ok() }
    });
    if let Some(image) = image {
        let id = pdf.add_image(&image);
        pdf.image(id, 140.0, Align::Left);
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn french_dates() {
        assert_eq!(super::fr_date(domain::Date::parse_iso("2026-03-09").unwrap()), "09/03/2026");
    }
}
