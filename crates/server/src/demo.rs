//! Demonstration data: French-looking members generated from a seed, to try
//! Préau or measure it at realistic sizes. The same seed gives the same people.

use domain::members::Member;

const FIRST: &[&str] = &[
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Zoé", "Éloïse", "Margaux", "Anaïs", "Lucas",
    "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Raphaël", "Théo", "Nathan", "Mathis", "Noé", "Étienne", "Nadia",
    "Yasmine", "Karim", "Mehdi", "Sofiane", "Aïcha", "Mamadou", "Fatou", "Thi", "Minh", "Giulia", "Pablo",
];
const LAST: &[&str] = &[
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "Diallo",
    "Nguyen",
    "Benali",
    "Da Silva",
    "Kowalski",
    "Le Gall",
];
const CITIES: &[(&str, &str)] = &[
    ("Paris", "75011"),
    ("Lyon", "69003"),
    ("Marseille", "13001"),
    ("Toulouse", "31000"),
    ("Nantes", "44000"),
    ("Lille", "59000"),
    ("Rennes", "35000"),
    ("Montpellier", "34000"),
    ("Strasbourg", "67000"),
    ("Brest", "29200"),
    ("Grenoble", "38000"),
    ("Dijon", "21000"),
    ("Besançon", "25000"),
    ("Limoges", "87000"),
    ("Quimper", "29000"),
];
const STREETS: &[&str] = &[
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "place de la Mairie",
    "chemin des Vignes",
    "rue du Moulin",
];

/// A small deterministic generator (64-bit LCG, high bits): enough for demo data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }
}

/// `count` members generated from `seed`.
pub fn members(count: usize, seed: u64) -> Vec<Member> {
    let mut r = Lcg(seed ^ 0x5eed_cafe);
    (0..count)
        .map(|i| {
            let first = FIRST[r.next(FIRST.len())];
            let last = LAST[r.next(LAST.len())];
            let (city, postal_code) = CITIES[r.next(CITIES.len())];
            let local: String = domain::members::fold(&format!("{first}.{last}"))
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            Member {
                first_name: first.into(),
                last_name: last.into(),
                email: (r.next(10) > 0).then(|| format!("{local}{i}@exemple.fr")),
                phone: (r.next(3) > 0)
                    .then(|| format!("06 {:02} {:02} {:02} {:02}", r.next(100), r.next(100), r.next(100), r.next(100))),
                address: format!("{} {}", 1 + r.next(120), STREETS[r.next(STREETS.len())]),
                postal_code: postal_code.into(),
                city: city.into(),
                birth_date: Some(format!("{}-{:02}-{:02}", 1940 + r.next(66), 1 + r.next(12), 1 + r.next(28))),
                notes: String::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_same_seed_gives_the_same_valid_people() {
        let a = super::members(50, 7);
        assert_eq!(a, super::members(50, 7));
        assert_ne!(a, super::members(50, 8));
        for m in &a {
            let input = domain::members::MemberInput {
                first_name: m.first_name.clone(),
                last_name: m.last_name.clone(),
                email: m.email.clone().unwrap_or_default(),
                phone: m.phone.clone().unwrap_or_default(),
                address: m.address.clone(),
                postal_code: m.postal_code.clone(),
                city: m.city.clone(),
                birth_date: m.birth_date.clone().unwrap_or_default(),
                notes: String::new(),
            };
            assert_eq!(input.validate("2026-01-01").as_ref(), Ok(m), "generated records pass the form's checks");
        }
    }
}
