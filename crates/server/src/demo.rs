//! Demonstration data: French-looking members, and books of the entries an
//! association writes, generated from a seed, to try Préau or measure it at
//! realistic sizes. The same seed gives the same people and the same books.

use crate::ops::Failure;
use domain::accounting::entry::{self, Draft, Line};
use domain::accounting::years::{Assignment, Bounds};
use domain::members::Member;
use domain::{AssociationId, Date, HostOperator, KeepBooks};
use store::accounting::entries::Incoming;

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

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
/// Bought and paid on the spot, by card: account, what, lowest and highest price in euros.
const PURCHASES: &[(&str, &str, usize, usize)] = &[
    ("6064", "Fournitures de bureau", 5, 120),
    ("6064", "Enveloppes et timbres pour l'assemblée générale", 20, 90),
    ("6063", "Produits d'entretien", 8, 90),
    ("6063", "Petit équipement (rallonges, ampoules)", 10, 200),
    ("6061", "Carburant pour la camionnette", 30, 110),
    ("6068", "Goûter de l'atelier des enfants", 10, 80),
];
const SHOPS: &[&str] = &[
    "Papeterie Dupré",
    "Bricomarché",
    "Intermarché",
    "Quincaillerie Gérard",
    "Boulangerie Lefèvre",
    "Épicerie du Marché",
];
/// Invoiced, paid later: supplier, account, what.
const INVOICED: &[(&str, &str, &str)] = &[
    ("Imprimerie Lenoir", "6064", "affiches et programmes"),
    ("Quincaillerie Gérard", "6063", "outillage du jardin"),
    ("Électricité de France", "6061", "électricité du local"),
    ("Eau du Bassin Rennais", "6061", "eau du local"),
    ("Traiteur Délices d'Émilie", "6068", "buffet de la fête d'été"),
];
const FUNDERS: &[&str] =
    &["Ville de Montreuil", "Département d'Ille-et-Vilaine", "Région Bretagne", "Caisse d'allocations familiales"];
const VOLUNTEERING: &[&str] = &[
    "tenue de la buvette",
    "encadrement des ateliers",
    "tenue de la comptabilité",
    "entretien du jardin partagé",
    "accueil du public",
    "préparation de la fête d'été",
];
/// What one hour given by a volunteer is worth in the books, in cents.
const HOURLY_VALUE: i64 = 1200;
/// Each month: the rent and the bank's fees; once a year: the insurance.
const RENT: i64 = 45_000;
const BANK_FEES: i64 = 650;
const INSURANCE: i64 = 38_250;

/// What a generated entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Dues,
    Purchase,
    Invoice,
    InvoicePaid,
    Donation,
    CashDeposit,
    Volunteering,
    GrantAwarded,
    GrantPaid,
    Rent,
    BankFees,
    Insurance,
}

/// The kinds drawn at random, and their weight out of 100; the rent, bank
/// fees and insurance come on their own calendar.
const WEIGHTS: &[(Kind, usize)] = &[
    (Kind::Dues, 49),
    (Kind::Purchase, 15),
    (Kind::Invoice, 6),
    (Kind::InvoicePaid, 6),
    (Kind::Donation, 9),
    (Kind::CashDeposit, 5),
    (Kind::Volunteering, 8),
    (Kind::GrantAwarded, 1),
    (Kind::GrantPaid, 1),
];

/// Entries of demonstration books over two fiscal years, in date order:
/// dues (756 against the bank 512 or the cash box 530, some paid online with
/// the platform's fee on 627), purchases (606x), invoices owed to suppliers
/// (401) and their payment, rent (6132), insurance (616), bank fees (627),
/// grants awarded (441 to 741) then paid, donations (75411, under 7541),
/// cash paid into the bank (530 to 512), volunteering valued in 864 and 875.
/// Two lines an entry, a few with three. The same seed gives the same entries.
pub struct BookEntries {
    r: Lcg,
    first: Date,
    days: i64,
    count: usize,
    made: usize,
    /// The fiscal years' first month: the insurance is paid then.
    start_month: u32,
    last_month: Option<(i32, u32)>,
    scheduled: Vec<Kind>,
    /// Invoices not paid yet: reference, supplier, amount.
    invoices: std::collections::VecDeque<(String, &'static str, i64)>,
    /// Grants awarded, not paid yet: funder, amount.
    grants: std::collections::VecDeque<(&'static str, i64)>,
    /// What the cash box holds, in cents.
    cash: i64,
    invoice_number: u32,
}

impl BookEntries {
    /// `count` entries spread over `years` (consecutive), from `seed`.
    pub fn new(years: (Bounds, Bounds), count: usize, seed: u64) -> BookEntries {
        let (first, second) = years;
        BookEntries {
            r: Lcg(seed ^ 0xb00c_5eed),
            first: first.start,
            days: second.end.days() - first.start.days() + 1,
            count,
            made: 0,
            start_month: first.start.month(),
            last_month: None,
            scheduled: Vec::new(),
            invoices: std::collections::VecDeque::new(),
            grants: std::collections::VecDeque::new(),
            cash: 0,
            invoice_number: 0,
        }
    }

    /// A price between `min` and `max` euros, cents included.
    fn price(&mut self, min: usize, max: usize) -> i64 {
        ((min + self.r.next(max - min + 1)) * 100 + self.r.next(100)) as i64
    }

    fn someone(&mut self) -> String {
        format!("{} {}", FIRST[self.r.next(FIRST.len())], LAST[self.r.next(LAST.len())])
    }

    fn kind(&mut self, day: Date) -> Kind {
        if self.last_month != Some((day.year(), day.month())) {
            self.last_month = Some((day.year(), day.month()));
            // Taken from the end: the rent first.
            self.scheduled = vec![Kind::BankFees, Kind::Rent];
            if day.month() == self.start_month {
                self.scheduled.insert(1, Kind::Insurance);
            }
        }
        if let Some(k) = self.scheduled.pop() {
            return k;
        }
        let mut pick = self.r.next(100);
        let kind = WEIGHTS
            .iter()
            .find(|(_, weight)| {
                let found = pick < *weight;
                pick = pick.saturating_sub(*weight);
                found
            })
            .map_or(Kind::Dues, |(k, _)| *k);
        match kind {
            Kind::InvoicePaid if self.invoices.is_empty() => Kind::Invoice,
            Kind::GrantPaid if self.grants.is_empty() => Kind::GrantAwarded,
            Kind::CashDeposit if self.cash < 5_000 => Kind::Dues,
            k => k,
        }
    }

    fn draft(&mut self, kind: Kind, day: Date) -> Draft {
        let month = format!("{} {}", MONTHS[day.month() as usize - 1], day.year());
        let two = |debit: &str, credit: &str, cents: i64| vec![Line::debit(debit, cents), Line::credit(credit, cents)];
        let (label, reference, lines) = match kind {
            Kind::Dues => {
                let who = self.someone();
                let amount = [1500, 2000, 2500, 3000, 4000, 5000][self.r.next(6)];
                match self.r.next(20) {
                    0 => {
                        // Paid online: the platform keeps its fee.
                        let fee = amount * 29 / 1000 + 25;
                        let lines = vec![
                            Line::debit("512", amount - fee),
                            Line::debit("627", fee),
                            Line::credit("756", amount),
                        ];
                        (format!("Cotisation {} en ligne – {who}", day.year()), String::new(), lines)
                    }
                    1..=4 => {
                        self.cash += amount;
                        (
                            format!("Cotisation {} en espèces – {who}", day.year()),
                            String::new(),
                            two("530", "756", amount),
                        )
                    }
                    n => {
                        let reference =
                            if n % 2 == 0 { format!("CHQ {:07}", self.r.next(10_000_000)) } else { String::new() };
                        (format!("Cotisation {} – {who}", day.year()), reference, two("512", "756", amount))
                    }
                }
            }
            Kind::Purchase => {
                let shop = SHOPS[self.r.next(SHOPS.len())];
                if self.r.next(5) == 0 {
                    let (office, cleaning) = (self.price(5, 60), self.price(5, 60));
                    let lines = vec![
                        Line::debit("6064", office),
                        Line::debit("6063", cleaning),
                        Line::credit("512", office + cleaning),
                    ];
                    (format!("Achats chez {shop} : papeterie et entretien"), String::new(), lines)
                } else {
                    let (account, what, min, max) = PURCHASES[self.r.next(PURCHASES.len())];
                    let amount = self.price(min, max);
                    (format!("{what} – {shop}"), String::new(), two(account, "512", amount))
                }
            }
            Kind::Invoice => {
                self.invoice_number += 1;
                let (supplier, account, what) = INVOICED[self.r.next(INVOICED.len())];
                let reference = format!("F{}-{:04}", day.year(), self.invoice_number);
                let amount = self.price(40, 900);
                self.invoices.push_back((reference.clone(), supplier, amount));
                (format!("Facture {reference} – {supplier} ({what})"), reference, two(account, "401", amount))
            }
            Kind::InvoicePaid => {
                let (reference, supplier, amount) = self.invoices.pop_front().unwrap_or_default();
                (format!("Règlement de la facture {reference} – {supplier}"), reference, two("401", "512", amount))
            }
            Kind::Donation => {
                let who = self.someone();
                let amount = if self.r.next(10) == 0 { self.price(300, 2000) } else { self.price(10, 150) };
                if self.r.next(5) == 0 {
                    self.cash += amount;
                    (format!("Don en espèces de {who}"), String::new(), two("530", "75411", amount))
                } else {
                    (format!("Don de {who}"), String::new(), two("512", "75411", amount))
                }
            }
            Kind::CashDeposit => {
                let amount = self.cash - self.cash % 1000;
                self.cash -= amount;
                let reference = format!("BRD {:06}", self.r.next(1_000_000));
                ("Remise d'espèces en banque".to_string(), reference, two("512", "530", amount))
            }
            Kind::Volunteering => {
                let what = VOLUNTEERING[self.r.next(VOLUNTEERING.len())];
                let hours = 2 + self.r.next(11) as i64;
                (format!("Bénévolat – {what} ({hours} h)"), String::new(), two("864", "875", hours * HOURLY_VALUE))
            }
            Kind::GrantAwarded => {
                let funder = FUNDERS[self.r.next(FUNDERS.len())];
                let amount = (5 + self.r.next(46)) as i64 * 10_000;
                self.grants.push_back((funder, amount));
                (format!("Subvention de fonctionnement accordée – {funder}"), String::new(), two("441", "741", amount))
            }
            Kind::GrantPaid => {
                let (funder, amount) = self.grants.pop_front().unwrap_or(("", 0));
                (format!("Versement de la subvention – {funder}"), String::new(), two("512", "441", amount))
            }
            Kind::Rent => (format!("Loyer du local – {month}"), String::new(), two("6132", "512", RENT)),
            Kind::BankFees => {
                (format!("Frais de tenue de compte – {month}"), String::new(), two("627", "512", BANK_FEES))
            }
            Kind::Insurance => {
                (format!("Assurance multirisque {} – MAIF", day.year()), String::new(), two("616", "512", INSURANCE))
            }
        };
        Draft { date: day, label, reference, lines }
    }
}

impl Iterator for BookEntries {
    type Item = Incoming;

    fn next(&mut self) -> Option<Incoming> {
        if self.made >= self.count {
            return None;
        }
        // Spread evenly over the two years, in date order.
        let offset = (self.made as i128 * self.days as i128 / self.count as i128) as i64;
        let day = self.first.add_days(offset);
        self.made += 1;
        let kind = self.kind(day);
        let draft = self.draft(kind, day);
        Some(Incoming { journal: entry::journal(&draft.lines).to_string(), draft, origin: "demo" })
    }
}

/// Entries written in one transaction by `preau admin demo-books`.
const BOOKS_BATCH: usize = 5_000;

/// `preau admin demo-books`: opens the two fiscal years before the one
/// covering today (from the association's first month), writes `count`
/// generated entries over them a batch at a time, and closes the first year
/// when asked, so its entries carry sealed numbers. Refused when the
/// association already has fiscal years. Says what it wrote.
pub async fn books(
    db: &store::Db,
    a: &store::associations::Association,
    (count, seed): (usize, u64),
    close_first: bool,
    now: i64,
) -> Result<String, Failure> {
    use store::accounting::{entries, years};
    let id = AssociationId(a.id);
    if !years::list(db, id).await?.is_empty() {
        return Err(Failure(format!(
            "{}: this association has fiscal years already; demo-books fills empty books / \
             cette association a déjà des exercices",
            a.slug
        )));
    }
    let month = u32::try_from(a.fiscal_year_start_month).unwrap_or(1).clamp(1, 12);
    let today = Date::from_days(now.div_euclid(86_400)).unwrap_or(Date::MIN);
    let current = if today.month() >= month { today.year() } else { today.year() - 1 };
    let start = Date::new(current - 2, month, 1).ok_or_else(|| Failure("demo-books: no such date".into()))?;
    let first = Bounds { start, end: start.add_months(12).add_days(-1) };
    let second = first.next();
    let g = HostOperator::console().console_grant::<KeepBooks>(id);
    let ids = [years::create(db, &g, first).await?, years::create(db, &g, second).await?];
    let (mut in_first, mut lines) = (0, 0);
    let mut generated = BookEntries::new((first, second), count, seed);
    loop {
        let batch: Vec<Incoming> = generated.by_ref().take(BOOKS_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        in_first += batch.iter().filter(|e| first.contains(e.draft.date)).count();
        lines += batch.iter().map(|e| e.draft.lines.len()).sum::<usize>();
        let batch = entries::Batch { entries: batch, ..Default::default() };
        if let Err((i, why)) = entries::post_many(db, &g, &batch, now).await? {
            let entry = &batch.entries[i].draft;
            return Err(Failure(format!("demo-books: entry {:?} of {} refused: {why:?}", entry.label, entry.date)));
        }
    }
    let mut report = vec![format!("{count} entries, {lines} lines written to {} / écritures écrites", a.slug)];
    let mut state = ["open / ouvert".to_string(), "open / ouvert".to_string()];
    if close_first {
        match years::close(db, &g, ids[0], &Assignment::Pending, now).await? {
            Ok(closed) => state[0] = format!("closed, {} entries sealed / clôturé et scellé", closed.entries),
            Err(why) => return Err(Failure(format!("demo-books: the first year could not be closed: {why:?}"))),
        }
    }
    let opening = if close_first { " and the opening one / et les à-nouveaux" } else { "" };
    let years = [(first, ids[0], in_first, ""), (second, ids[1], count - in_first, opening)];
    for ((b, id, n, extra), state) in years.iter().zip(&state) {
        report.push(format!("{} → {} (/accounting/years/{id}): {n} entries{extra}, {state}", b.start, b.end));
    }
    Ok(report.join("\n"))
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

    fn two_years() -> (super::Bounds, super::Bounds) {
        let start = super::Date::new(2024, 9, 1).unwrap();
        let first = super::Bounds { start, end: start.add_months(12).add_days(-1) };
        (first, first.next())
    }

    #[test]
    fn the_same_seed_gives_the_same_books() {
        let drafts = |seed| super::BookEntries::new(two_years(), 500, seed).map(|e| e.draft).collect::<Vec<_>>();
        assert_eq!(drafts(3), drafts(3));
        assert_ne!(drafts(3), drafts(4));
    }

    #[test]
    fn generated_books_are_sound_and_look_like_an_association() {
        use domain::accounting::chart;
        let (first, second) = two_years();
        let all: Vec<_> = super::BookEntries::new((first, second), 20_000, 9).collect();
        assert_eq!(all.len(), 20_000);
        let mut previous = first.start;
        let (mut lines, mut three, mut in_kind) = (0, 0, (0, 0));
        let mut accounts = std::collections::BTreeMap::<String, i64>::new();
        for e in &all {
            assert_eq!(e.draft.check(), Ok(()), "{:?}", e.draft);
            assert!(e.draft.date >= previous && (first.contains(e.draft.date) || second.contains(e.draft.date)));
            previous = e.draft.date;
            assert_eq!(e.journal, domain::accounting::entry::journal(&e.draft.lines));
            lines += e.draft.lines.len();
            three += usize::from(e.draft.lines.len() == 3);
            for l in &e.draft.lines {
                assert!(chart::is_postable(&l.account) && chart::find(&l.account).is_some(), "{}", l.account);
                *accounts.entry(l.account.clone()).or_default() += l.net();
                match l.account.as_str() {
                    "864" => in_kind.0 += l.debit,
                    "875" => in_kind.1 += l.credit,
                    _ => {}
                }
            }
        }
        assert!((2..2 * all.len() / 10).contains(&three), "some entries have three lines: {three}");
        assert_eq!(lines, 2 * all.len() + three);
        assert_eq!(in_kind.0, in_kind.1, "in-kind uses and resources balance, so the year can close");
        for code in ["512", "530", "756", "6064", "6063", "6132", "616", "627", "741", "441", "75411", "401", "864"] {
            assert!(accounts.contains_key(code), "{code} used");
        }
        assert!(accounts["530"] >= 0, "the cash box never goes below zero: {}", accounts["530"]);
        assert!(accounts["512"] > 0, "money is left in the bank: {}", accounts["512"]);
        assert!(all.iter().any(|e| e.draft.label.contains("Loyer du local – février 2025")));
        assert!(all.iter().filter(|e| e.draft.label.starts_with("Assurance multirisque")).count() == 2);
    }
}
