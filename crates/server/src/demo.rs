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

/// Writes `count` generated members to a CSV file the way French Excel saves
/// one (`;`, UTF-8 with a byte order mark, dates as DD/MM/YYYY): a file to import.
pub fn write_csv(path: &std::path::Path, count: usize, seed: u64) -> Result<(), crate::ops::Failure> {
    use sheet::{Cell, OutFormat, SheetWriter};
    let fail = |e: std::io::Error| crate::ops::Failure(format!("{}: {e}", path.display()));
    let file = std::fs::File::create_new(path).map_err(fail)?;
    let headers = ["Prénom", "Nom", "Courriel", "Téléphone", "Adresse", "Code postal", "Ville", "Date de naissance"];
    let mut w =
        SheetWriter::new(std::io::BufWriter::new(file), OutFormat::CsvExcel, "Adhérents", &headers).map_err(fail)?;
    for (i, m) in members(count, seed).into_iter().enumerate() {
        // Everyone gets an address: without one, two made-up people with the
        // same names and birth date would be the same person to the import.
        let email = m.email.clone().unwrap_or_else(|| format!("membre{i}@exemple.fr"));
        w.row(&[
            Cell::Text(&m.first_name),
            Cell::Text(&m.last_name),
            Cell::Text(&email),
            m.phone.as_deref().map_or(Cell::Empty, Cell::Text),
            Cell::Text(&m.address),
            Cell::Text(&m.postal_code),
            Cell::Text(&m.city),
            m.birth_date.as_deref().map_or(Cell::Empty, Cell::Date),
        ])
        .map_err(fail)?;
    }
    w.finish().map_err(fail)?;
    Ok(())
}

/// Records `n` payments of a demonstration membership type (created if
/// missing) for the members numbered `first` to `first + count - 1`, one each
/// in turn, a year apart: 30,000 payments over 10,000 members cover three years.
pub async fn payments(
    db: &store::Db,
    g: &domain::Grant<domain::ManageMembers>,
    (first, count): (domain::MemberId, usize),
    n: usize,
    fiscal: u32,
    now: i64,
) -> Result<(), crate::ops::Failure> {
    use domain::dues::{MembershipType, Payment, PaymentMethod, PeriodRule, Tariff};
    let name = "Adhésion (démonstration)";
    let existing = store::dues::types(db, g.association_id()).await?.into_iter().find(|t| t.name == name);
    let type_id = match existing {
        Some(t) => domain::MembershipTypeId(t.id),
        None => {
            let ty = MembershipType {
                name: name.into(),
                rule: PeriodRule::CalendarYear,
                tariff: Tariff::Fixed(2000),
                household: false,
                account: "756".into(),
            };
            store::dues::create_type(db, g, &ty).await?
        }
    };
    let methods = PaymentMethod::ALL;
    let all: Vec<(domain::MemberId, Payment)> = (0..n)
        .map(|k| {
            let member = domain::MemberId(first.0 + (k % count) as i64);
            let year = 2024 + (k / count) as i32;
            let paid_on =
                domain::Date::new(year, 1 + (k % 12) as u32, 1 + (k % 28) as u32).unwrap_or(domain::Date::MIN);
            (member, Payment { amount: 2000, paid_on, method: methods[k % methods.len()], reference: String::new() })
        })
        .collect();
    for chunk in all.chunks(1000) {
        store::dues::record_payments(db, g, type_id, chunk, fiscal, now)
            .await?
            .ok_or_else(|| crate::ops::Failure("demo payments: a member is missing / adhérent·e introuvable".into()))?;
    }
    Ok(())
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
