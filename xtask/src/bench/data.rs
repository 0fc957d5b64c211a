//! Generated bench data: the same on every run (fixed seed), French-looking,
//! and valid for the CLI (slugs of 2 to 40 `a-z0-9-`, dotted email domains).

/// A linear congruential generator (Knuth's MMIX constants): no dependency,
/// and plenty for picking names.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        // The high bits of an LCG are the random-looking ones.
        (self.0 >> 33) as u32
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next_u32() as usize % items.len()]
    }
}

pub struct Association {
    pub name: String,
    pub slug: String,
    pub admin_email: String,
}

const KINDS: &[&str] = &["Association", "Amicale", "Club", "Cercle", "Comité", "Foyer rural", "Union", "Collectif"];

const THEMES: &[&str] = &[
    "des randonneurs",
    "de pétanque",
    "du patrimoine",
    "des parents d'élèves",
    "de théâtre amateur",
    "des jardins partagés",
    "de la chorale",
    "de cyclotourisme",
    "des amis de la bibliothèque",
    "de judo",
    "des aînés",
    "de photographie",
    "des fêtes",
    "de l'école de musique",
];

const PLACES: &[&str] = &[
    "de Saint-Martin",
    "d'Orléans",
    "du Vieux-Port",
    "de Beaulieu",
    "des Quatre-Routes",
    "de Villeneuve",
    "de Montreuil",
    "de Sainte-Cécile",
    "du Val-d'Oise",
    "de Rochefort",
    "de Belleville",
    "de Fontenay",
    "de l'Étang-Salé",
    "de Châteaurenard",
];

/// `count` associations from `seed`, each with its administrator's email.
pub fn associations(count: usize, seed: u64) -> Vec<Association> {
    let mut rng = Lcg::new(seed);
    (1..=count)
        .map(|n| {
            let name = format!("{} {} {}", rng.pick(KINDS), rng.pick(THEMES), rng.pick(PLACES));
            // The number keeps slugs unique; the cut keeps them within 40 characters.
            let base: String = slugify(&name).chars().take(34).collect();
            let slug = format!("{}-{n:02}", base.trim_end_matches('-'));
            let admin_email = format!("presidence@{slug}.example");
            Association { name, slug, admin_email }
        })
        .collect()
}

/// Lower-case ASCII with accents folded and everything else turned into single dashes.
fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'â' | 'ä' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' => "i",
            'ô' | 'ö' => "o",
            'ù' | 'û' | 'ü' => "u",
            'œ' => "oe",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        if folded != "-" || !slug.ends_with('-') {
            slug.push_str(folded);
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_associations() {
        let a = associations(50, 7);
        let b = associations(50, 7);
        assert!(a.iter().zip(&b).all(|(a, b)| a.name == b.name && a.slug == b.slug));
        assert_ne!(associations(5, 8)[0].name, a[0].name);
    }

    #[test]
    fn slugs_are_valid_and_unique() {
        let all = associations(50, 2024);
        let mut slugs: Vec<&str> = all.iter().map(|a| a.slug.as_str()).collect();
        for slug in &slugs {
            assert!((2..=40).contains(&slug.len()), "{slug}");
            assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{slug}");
            assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug}");
        }
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 50);
    }

    #[test]
    fn slugify_folds_french() {
        assert_eq!(slugify("Comité des fêtes de l'Étang-Salé"), "comite-des-fetes-de-l-etang-sale");
        assert_eq!(slugify("  Œuvre  "), "oeuvre");
    }
}
