//! Importing members from a table (a CSV, ODS or XLSX file already read into
//! rows of text): recognising the columns of Galette, Paheko and HelloAsso
//! exports or of a plain spreadsheet, checking every cell, and finding
//! duplicates. Pure: the caller reads the file, lists what exists, and applies
//! the plan in one transaction only when it has no problem.

use crate::dates::{self, Date};
use crate::dues::{Payment, PaymentMethod};
use crate::members::{Member, MemberInput, fold};
use crate::money;

/// Where a file comes from: it decides defaults (a HelloAsso payment is paid through HelloAsso).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Plain,
    Galette,
    Paheko,
    HelloAsso,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Plain => "csv",
            Source::Galette => "galette",
            Source::Paheko => "paheko",
            Source::HelloAsso => "helloasso",
        }
    }

    /// `auto` (or nothing) is `None`: guess from the headers.
    pub fn from_code(code: &str) -> Option<Option<Source>> {
        match code {
            "" | "auto" => Some(None),
            "csv" | "plain" => Some(Some(Source::Plain)),
            "galette" => Some(Some(Source::Galette)),
            "paheko" => Some(Some(Source::Paheko)),
            "helloasso" => Some(Some(Source::HelloAsso)),
            _ => None,
        }
    }

    /// Guesses the source from the headers: Galette names its columns after
    /// its database (`nom_adh`), HelloAsso speaks of a "formule" and a
    /// "payeur", Paheko has "Nom & prénom" and "Date d'inscription".
    pub fn detect(headers: &[String]) -> Source {
        let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
        if keys.iter().any(|k| k.ends_with(" adh") || k == "id adh") {
            Source::Galette
        } else if keys.iter().any(|k| k == "formule" || k.contains("payeur")) {
            Source::HelloAsso
        } else if keys.iter().any(|k| k == "nom prenom" || k == "date d inscription") {
            Source::Paheko
        } else {
            Source::Plain
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Ignore,
    FirstName,
    LastName,
    /// First and last name in one cell ("Jean DUPONT" or "Dupont Jean").
    FullName,
    Email,
    Phone,
    Address,
    PostalCode,
    City,
    BirthDate,
    Notes,
    /// Category names separated by commas.
    Categories,
    /// A payment: amount, date, membership type and method.
    Amount,
    PaidOn,
    MembershipType,
    Method,
    /// One of the association's own fields (`store::fields`), by id.
    Custom(i64),
}

impl Field {
    pub const ALL: [Field; 16] = [
        Field::Ignore,
        Field::FirstName,
        Field::LastName,
        Field::FullName,
        Field::Email,
        Field::Phone,
        Field::Address,
        Field::PostalCode,
        Field::City,
        Field::BirthDate,
        Field::Notes,
        Field::Categories,
        Field::Amount,
        Field::PaidOn,
        Field::MembershipType,
        Field::Method,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Field::Ignore => "ignore",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::FullName => "full_name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::PostalCode => "postal_code",
            Field::City => "city",
            Field::BirthDate => "birth_date",
            Field::Notes => "notes",
            Field::Categories => "categories",
            Field::Amount => "amount",
            Field::PaidOn => "paid_on",
            Field::MembershipType => "membership_type",
            Field::Method => "method",
            Field::Custom(_) => "custom",
        }
    }

    /// The value of the mapping screen's select: the code, or `custom-{id}`.
    pub fn key(self) -> String {
        match self {
            Field::Custom(id) => format!("custom-{id}"),
            f => f.code().to_string(),
        }
    }

    /// Reads a [`Field::key`].
    pub fn from_key(key: &str) -> Option<Field> {
        match key.strip_prefix("custom-") {
            Some(id) => id.parse().ok().map(Field::Custom),
            None => Field::from_code(key),
        }
    }

    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }

    fn is_payment(self) -> bool {
        matches!(self, Field::Amount | Field::PaidOn | Field::MembershipType | Field::Method)
    }
}

/// A header as compared: folded, punctuation as spaces, single spaces.
fn header_key(header: &str) -> String {
    fold(header).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Header names each field is known by in Galette, Paheko, HelloAsso and
/// plain spreadsheets (folded), best first. A weaker alias (the payer's email
/// in a HelloAsso export) only counts when no stronger column is there.
const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::FirstName,
        &["prenom", "prenom adh", "first name", "firstname", "given name", "prenom adherent", "prenom participant"],
    ),
    (
        Field::LastName,
        &[
            "nom",
            "nom adh",
            "last name",
            "lastname",
            "surname",
            "family name",
            "nom de famille",
            "nom adherent",
            "nom participant",
        ],
    ),
    (Field::FullName, &["nom prenom", "nom et prenom", "prenom nom", "identite", "nom complet", "full name", "name"]),
    (
        Field::Email,
        &[
            "email",
            "e mail",
            "courriel",
            "mail",
            "adresse email",
            "adresse e mail",
            "adresse mail",
            "adresse electronique",
            "adresse courriel",
            "email adh",
            "email adherent",
            "email participant",
            "email payeur",
        ],
    ),
    (
        Field::Phone,
        &[
            "telephone",
            "tel",
            "tel adh",
            "portable",
            "mobile",
            "gsm adh",
            "phone",
            "numero de telephone",
            "telephone portable",
            "telephone mobile",
        ],
    ),
    (Field::Address, &["adresse", "adresse adh", "address", "adresse postale", "rue", "adresse 1"]),
    (Field::PostalCode, &["code postal", "cp", "cp adh", "postal code", "zip", "code postal adh"]),
    (Field::City, &["ville", "ville adh", "city", "commune", "localite"]),
    (
        Field::BirthDate,
        &["date de naissance", "ddn adh", "ddn", "naissance", "birth date", "date of birth", "birthdate"],
    ),
    (Field::Notes, &["notes", "note", "info adh", "info", "remarques", "commentaire", "commentaires", "observations"]),
    (Field::Categories, &["categorie", "categories", "groupe", "groupes", "category", "categories adherent", "group"]),
    (Field::Amount, &["montant", "montant adhesion", "cotisation", "amount", "montant paye", "montant tarif"]),
    (
        Field::PaidOn,
        &[
            "date de paiement",
            "date du paiement",
            "date paiement",
            "date adhesion",
            "date d adhesion",
            "date de la commande",
            "date cotisation",
            "payment date",
            "paid on",
            "date",
        ],
    ),
    (
        Field::MembershipType,
        &[
            "formule",
            "type adhesion",
            "type d adhesion",
            "type de cotisation",
            "tarif",
            "nom du tarif",
            "membership type",
        ],
    ),
    (
        Field::Method,
        &[
            "moyen de paiement",
            "mode de paiement",
            "moyen paiement",
            "payment method",
            "mode de reglement",
            "reglement",
        ],
    ),
];

/// The field each column holds, as recognised from its header. Each field
/// goes to at most one column: the one with the best alias, then the first.
/// Headers like "Montant (€)" match "montant"; unknown headers are ignored.
pub fn recognise(headers: &[String]) -> Vec<Field> {
    recognise_with(headers, &[])
}

/// Like [`recognise`], also finding the association's own fields (id, label)
/// by their label, after the exact names and before the prefixes.
pub fn recognise_with(headers: &[String], customs: &[(i64, String)]) -> Vec<Field> {
    let mut mapping = vec![Field::Ignore; headers.len()];
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    // Exact names first, so "Nom & prénom" is a full name before "nom" can claim it as a prefix.
    for exact in [true, false] {
        if !exact {
            for (id, label) in customs {
                let wanted = header_key(label);
                if let Some(i) = (0..keys.len()).find(|i| mapping[*i] == Field::Ignore && keys[*i] == wanted) {
                    mapping[i] = Field::Custom(*id);
                }
            }
        }
        for (field, aliases) in ALIASES {
            if mapping.contains(field) {
                continue;
            }
            let best = keys
                .iter()
                .enumerate()
                .filter(|(i, _)| mapping[*i] == Field::Ignore)
                .filter_map(|(i, key)| {
                    // "Montant (€)", "Date de naissance (JJ/MM/AAAA)": a known name and a unit.
                    let unit = |a: &str| key.strip_prefix(a).is_some_and(|r| r.starts_with(' ') && r.len() <= 12);
                    aliases.iter().position(|a| if exact { key == a } else { unit(a) }).map(|rank| (rank, i))
                })
                .min();
            if let Some((_, i)) = best {
                mapping[i] = *field;
            }
        }
    }
    mapping
}

/// What to do with a row that matches an existing member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplicates {
    Skip,
    Update,
    Create,
}

impl Duplicates {
    pub fn from_code(code: &str) -> Option<Duplicates> {
        match code {
            "skip" => Some(Duplicates::Skip),
            "update" => Some(Duplicates::Update),
            "create" => Some(Duplicates::Create),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Duplicates::Skip => "skip",
            Duplicates::Update => "update",
            Duplicates::Create => "create",
        }
    }
}

/// A member already there, by the keys duplicates are found with.
#[derive(Debug, Clone)]
pub struct Existing {
    pub id: i64,
    pub email: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<String>,
}

/// A membership type a payment may name.
#[derive(Debug, Clone)]
pub struct KnownType {
    pub id: i64,
    pub name: String,
}

/// A category a row may name.
#[derive(Debug, Clone)]
pub struct KnownCategory {
    pub id: i64,
    pub name: String,
}

/// One problem in the file: where and why (`reason` is a message key,
/// `value` what the cell held).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// The column's header as written in the file (empty for the whole row or file).
    pub column: String,
    pub reason: &'static str,
    pub value: String,
}

/// What a row becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Create,
    Update(i64),
    Skip(i64),
}

/// A checked row, ready to write.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub action: Action,
    pub member: Member,
    pub categories: Vec<i64>,
    /// A membership type id and the payment for it.
    pub payment: Option<(i64, Payment)>,
    /// Values of the association's own fields, checked ("" clears one).
    pub custom: Vec<(i64, String)>,
}

/// Everything an import would do, or every reason it cannot.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
}

impl Plan {
    pub fn count(&self, what: fn(&Action) -> bool) -> usize {
        self.rows.iter().filter(|r| what(&r.action)).count()
    }
    pub fn created(&self) -> usize {
        self.count(|a| matches!(a, Action::Create))
    }
    pub fn updated(&self) -> usize {
        self.count(|a| matches!(a, Action::Update(_)))
    }
    pub fn skipped(&self) -> usize {
        self.count(|a| matches!(a, Action::Skip(_)))
    }
    pub fn payments(&self) -> usize {
        self.rows.iter().filter(|r| r.payment.is_some() && !matches!(r.action, Action::Skip(_))).count()
    }
}

/// What the file and the association hold, for [`plan`].
pub struct Context<'a> {
    pub headers: &'a [String],
    pub mapping: &'a [Field],
    pub source: Source,
    pub duplicates: Duplicates,
    pub today: Date,
    pub existing: &'a [Existing],
    pub categories: &'a [KnownCategory],
    pub types: &'a [KnownType],
    /// The association's own fields, for columns mapped to them.
    pub custom_fields: &'a [(i64, crate::fields::FieldSpec)],
}

/// The key a person is found by when the row has no email: names and birth date, folded.
fn name_key(first: &str, last: &str, birth: Option<&str>) -> Option<String> {
    birth.map(|b| format!("{}|{}|{b}", fold(first.trim()), fold(last.trim())))
}

/// Splits "Jean DUPONT", "DUPONT Jean" or "Jean Dupont": words in capitals
/// are the last name; otherwise the first word is the first name.
pub fn split_full_name(full: &str) -> (String, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    let is_caps = |w: &&str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    let (caps, rest): (Vec<&str>, Vec<&str>) = words.iter().copied().partition(is_caps);
    if !caps.is_empty() && !rest.is_empty() {
        return (rest.join(" "), caps.join(" "));
    }
    match words.split_first() {
        Some((first, others)) if !others.is_empty() => (first.to_string(), others.join(" ")),
        _ => (String::new(), full.trim().to_string()),
    }
}

fn method_of(text: &str) -> Option<PaymentMethod> {
    let key = header_key(text);
    Some(match key.as_str() {
        "especes" | "espece" | "liquide" | "cash" => PaymentMethod::Cash,
        "cheque" | "cheques" | "chq" => PaymentMethod::Cheque,
        "virement" | "virement bancaire" | "transfer" | "bank transfer" | "vir" => PaymentMethod::Transfer,
        "carte" | "carte bancaire" | "cb" | "card" | "carte bleue" => PaymentMethod::Card,
        "prelevement" | "prelevement sepa" | "direct debit" | "debit" => PaymentMethod::DirectDebit,
        "helloasso" | "hello asso" => PaymentMethod::HelloAsso,
        _ => return None,
    })
}

/// Checks every row and decides what each becomes. The plan can be applied
/// only when `problems` is empty: an import is all or nothing.
pub fn plan(rows: &[(usize, Vec<String>)], cx: &Context) -> Plan {
    let mut out = Plan::default();
    let column_of = |field: Field| cx.mapping.iter().position(|f| *f == field);
    let has_name = [Field::FirstName, Field::LastName, Field::FullName].iter().any(|f| column_of(*f).is_some());
    if !has_name {
        out.problems.push(Problem {
            line: 1,
            column: String::new(),
            reason: "error-import-no-name-column",
            value: String::new(),
        });
        return out;
    }
    let header = |i: usize| cx.headers.get(i).cloned().unwrap_or_default();
    // Existing members by email and by names with birth date.
    let mut by_email = std::collections::HashMap::new();
    let mut by_name = std::collections::HashMap::new();
    for e in cx.existing {
        if let Some(m) = &e.email {
            by_email.entry(m.to_lowercase()).or_insert(e.id);
        }
        if let Some(k) = name_key(&e.first_name, &e.last_name, e.birth_date.as_deref()) {
            by_name.entry(k).or_insert(e.id);
        }
    }
    let mut seen_email: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut seen_name: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let payment_columns = cx.mapping.iter().any(|f| f.is_payment());
    for (line, cells) in rows {
        let line = *line;
        let cell = |field: Field| column_of(field).and_then(|i| cells.get(i)).map_or("", |s| s.as_str());
        let mut found = Vec::new();
        let at = |field: Field, reason: &'static str, value: Option<&str>| {
            let i = column_of(field);
            let value = value.map(str::to_string).or_else(|| i.and_then(|i| cells.get(i)).cloned());
            Problem { line, column: i.map(header).unwrap_or_default(), reason, value: value.unwrap_or_default() }
        };
        let (mut first, mut last) = (cell(Field::FirstName).to_string(), cell(Field::LastName).to_string());
        if column_of(Field::FullName).is_some() && (first.is_empty() || last.is_empty()) {
            let (f, l) = split_full_name(cell(Field::FullName));
            if first.is_empty() {
                first = f;
            }
            if last.is_empty() {
                last = l;
            }
        }
        let input = MemberInput {
            first_name: first,
            last_name: last,
            email: cell(Field::Email).into(),
            phone: cell(Field::Phone).into(),
            address: cell(Field::Address).into(),
            postal_code: cell(Field::PostalCode).into(),
            city: cell(Field::City).into(),
            birth_date: cell(Field::BirthDate).into(),
            notes: cell(Field::Notes).into(),
        };
        let member = match input.validate(&cx.today.to_string()) {
            Ok(m) => Some(m),
            Err(inv) => {
                for e in &inv.0 {
                    let field = match e.field {
                        "first_name" if column_of(Field::FirstName).is_none() => Field::FullName,
                        "last_name" if column_of(Field::LastName).is_none() => Field::FullName,
                        other => Field::ALL.into_iter().find(|f| f.code() == other).unwrap_or(Field::Ignore),
                    };
                    found.push(at(field, e.key, None));
                }
                None
            }
        };
        let mut categories = Vec::new();
        for name in cell(Field::Categories).split([',', ';', '|']).map(str::trim).filter(|n| !n.is_empty()) {
            match cx.categories.iter().find(|c| fold(&c.name) == fold(name)) {
                Some(c) => categories.push(c.id),
                None => found.push(at(Field::Categories, "error-import-unknown-category", Some(name))),
            }
        }
        let mut custom = Vec::new();
        for (i, field) in cx.mapping.iter().enumerate() {
            let Field::Custom(id) = field else { continue };
            let Some((_, spec)) = cx.custom_fields.iter().find(|(f, _)| f == id) else { continue };
            match spec.check(&[cells.get(i).cloned().unwrap_or_default()]) {
                Ok(v) => custom.push((*id, v)),
                Err(k) => found.push(at(*field, k, None)),
            }
        }
        let payment = if payment_columns
            && [Field::Amount, Field::PaidOn, Field::MembershipType].iter().any(|f| !cell(*f).is_empty())
        {
            payment_of(cell, cx, &mut |f, r| found.push(at(f, r, None)))
        } else {
            None
        };
        let had_problems = !found.is_empty();
        out.problems.append(&mut found);
        let Some(member) = member.filter(|_| !had_problems) else { continue };
        // Duplicates: within the file (always a problem), then against the association.
        let email_key = member.email.clone();
        let name_key = name_key(&member.first_name, &member.last_name, member.birth_date.as_deref());
        // By email when the row has one (two addresses, two people); else by names and birth date.
        let earlier = match &email_key {
            Some(k) => seen_email.get(k),
            None => name_key.as_ref().and_then(|k| seen_name.get(k)),
        };
        if let Some(earlier) = earlier {
            out.problems.push(Problem {
                line,
                column: String::new(),
                reason: "error-import-duplicate-in-file",
                value: earlier.to_string(),
            });
            continue;
        }
        if let Some(k) = &email_key {
            seen_email.insert(k.clone(), line);
        }
        if let Some(k) = &name_key {
            seen_name.insert(k.clone(), line);
        }
        let existing = match email_key {
            Some(k) => by_email.get(&k).copied(),
            None => name_key.and_then(|k| by_name.get(&k).copied()),
        };
        let action = match (existing, cx.duplicates) {
            (None, _) | (Some(_), Duplicates::Create) => Action::Create,
            (Some(id), Duplicates::Update) => Action::Update(id),
            (Some(id), Duplicates::Skip) => Action::Skip(id),
        };
        out.rows.push(Row { line, action, member, categories, payment, custom });
    }
    out
}

/// The payment a row records, or `None` with its problems reported.
fn payment_of<'c>(
    cell: impl Fn(Field) -> &'c str,
    cx: &Context,
    problem: &mut dyn FnMut(Field, &'static str),
) -> Option<(i64, Payment)> {
    let type_id = match cell(Field::MembershipType) {
        "" if cx.types.len() == 1 => Some(cx.types[0].id),
        "" => {
            problem(Field::MembershipType, "error-import-type-missing");
            None
        }
        name => {
            let found = cx.types.iter().find(|t| fold(t.name.trim()) == fold(name)).map(|t| t.id);
            if found.is_none() {
                problem(Field::MembershipType, "error-import-unknown-type");
            }
            found
        }
    };
    let amount = money::parse_cents(cell(Field::Amount)).map_err(|k| problem(Field::Amount, k)).ok();
    let paid_on = match dates::parse_typed(cell(Field::PaidOn)) {
        Some(d) if d <= cx.today && d.year() >= 1990 => Some(d),
        Some(_) => {
            problem(Field::PaidOn, "error-date-range");
            None
        }
        None => {
            problem(Field::PaidOn, if cell(Field::PaidOn).is_empty() { "error-required" } else { "error-date-any" });
            None
        }
    };
    let method = match (cell(Field::Method), cx.mapping.contains(&Field::Method)) {
        (_, false) | ("", true) if cx.source == Source::HelloAsso => Some(PaymentMethod::HelloAsso),
        (_, false) => Some(PaymentMethod::Cash),
        ("", true) => {
            problem(Field::Method, "error-required");
            None
        }
        (text, true) => {
            let m = method_of(text);
            if m.is_none() {
                problem(Field::Method, "error-unknown-choice");
            }
            m
        }
    };
    Some((type_id?, Payment { amount: amount?, paid_on: paid_on?, method: method?, reference: String::new() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_of_each_source_are_recognised() {
        let galette =
            strings(&["id_adh", "nom_adh", "prenom_adh", "email_adh", "ville_adh", "cp_adh", "ddn_adh", "tel_adh"]);
        assert_eq!(Source::detect(&galette), Source::Galette);
        assert_eq!(
            recognise(&galette),
            vec![
                Field::Ignore,
                Field::LastName,
                Field::FirstName,
                Field::Email,
                Field::City,
                Field::PostalCode,
                Field::BirthDate,
                Field::Phone
            ]
        );
        let paheko = strings(&[
            "Numéro",
            "Nom & prénom",
            "Adresse E-Mail",
            "Adresse postale",
            "Code postal",
            "Ville",
            "Date d'inscription",
        ]);
        assert_eq!(Source::detect(&paheko), Source::Paheko);
        assert_eq!(
            recognise(&paheko),
            vec![
                Field::Ignore,
                Field::FullName,
                Field::Email,
                Field::Address,
                Field::PostalCode,
                Field::City,
                Field::Ignore
            ]
        );
        let helloasso = strings(&[
            "Numéro",
            "Formule",
            "Montant (€)",
            "Statut",
            "Nom",
            "Prénom",
            "Nom payeur",
            "Email payeur",
            "Date",
            "Email",
            "Date de naissance",
        ]);
        assert_eq!(Source::detect(&helloasso), Source::HelloAsso);
        let m = recognise(&helloasso);
        assert_eq!(m[1], Field::MembershipType);
        assert_eq!(m[2], Field::Amount);
        assert_eq!((m[4], m[5], m[6]), (Field::LastName, Field::FirstName, Field::Ignore));
        assert_eq!((m[7], m[9]), (Field::Ignore, Field::Email), "the member's email wins over the payer's");
        assert_eq!((m[8], m[10]), (Field::PaidOn, Field::BirthDate));
        assert_eq!(Source::detect(&strings(&["Prénom", "Nom", "Courriel"])), Source::Plain);
    }

    #[test]
    fn full_names_are_split() {
        assert_eq!(split_full_name("Jean DUPONT"), ("Jean".into(), "DUPONT".into()));
        assert_eq!(split_full_name("DE LA TOUR Marie-Anne"), ("Marie-Anne".into(), "DE LA TOUR".into()));
        assert_eq!(split_full_name("Jean Dupont"), ("Jean".into(), "Dupont".into()));
        assert_eq!(split_full_name("Cher"), ("".into(), "Cher".into()));
    }

    fn context<'a>(
        headers: &'a [String],
        mapping: &'a [Field],
        existing: &'a [Existing],
        d: Duplicates,
    ) -> Context<'a> {
        const TYPES: &[KnownType] = &[];
        Context {
            headers,
            mapping,
            source: Source::Plain,
            duplicates: d,
            today: Date::parse_iso("2026-11-30").unwrap(),
            existing,
            categories: &[],
            types: TYPES,
            custom_fields: &[],
        }
    }

    #[test]
    fn every_problem_is_located_and_duplicates_follow_the_choice() {
        let headers = strings(&["Prénom", "Nom", "Courriel", "Date de naissance", "Catégorie"]);
        let mapping = recognise(&headers);
        let rows = vec![
            (2, strings(&["Léa", "Roux", "LEA@ex.fr", "", ""])),
            (3, strings(&["Jean", "Dupont", "pas une adresse", "31/02/2024", "Bureau"])),
            (4, strings(&["Léa", "Roux", "lea@ex.fr", "", ""])),
            (5, strings(&["Zoé", "Petit", "", "01/02/2000", ""])),
        ];
        let existing = vec![Existing {
            id: 7,
            email: None,
            first_name: "zoe".into(),
            last_name: "PETIT".into(),
            birth_date: Some("2000-02-01".into()),
        }];
        let p = plan(&rows, &context(&headers, &mapping, &existing, Duplicates::Update));
        let found: Vec<(usize, &str, &str)> =
            p.problems.iter().map(|p| (p.line, p.column.as_str(), p.reason)).collect();
        assert_eq!(
            found,
            vec![
                (3, "Courriel", "error-email"),
                (3, "Date de naissance", "error-date"),
                (3, "Catégorie", "error-import-unknown-category"),
                (4, "", "error-import-duplicate-in-file"),
            ]
        );
        assert_eq!(
            p.rows.iter().map(|r| (r.line, r.action.clone())).collect::<Vec<_>>(),
            vec![(2, Action::Create), (5, Action::Update(7))]
        );
        let skip = plan(&rows[3..], &context(&headers, &mapping, &existing, Duplicates::Skip));
        assert_eq!((skip.skipped(), skip.created()), (1, 0));
        let create = plan(&rows[3..], &context(&headers, &mapping, &existing, Duplicates::Create));
        assert_eq!(create.created(), 1);
    }

    #[test]
    fn the_associations_own_fields_are_found_and_checked() {
        use crate::fields::{FieldSpec, Kind};
        let headers = strings(&["Nom", "Prénom", "Taille de T-shirt", "Remarques"]);
        let mapping = recognise_with(&headers, &[(7, "Taille de t-shirt".into()), (8, "Remarques".into())]);
        assert_eq!(mapping[2], Field::Custom(7));
        assert_eq!(mapping[3], Field::Notes, "a known name wins over a field of the same name");
        assert_eq!(Field::from_key(&Field::Custom(7).key()), Some(Field::Custom(7)));
        let size = FieldSpec {
            label: "Taille de t-shirt".into(),
            kind: Kind::Choice,
            choices: vec!["S".into(), "M".into()],
            required: false,
            member_sees: false,
            member_edits: false,
            in_directory: false,
        };
        let fields = [(7, size)];
        let mut cx = context(&headers, &mapping, &[], Duplicates::Skip);
        cx.custom_fields = &fields;
        let p = plan(&[(2, strings(&["Roux", "Léa", "m", ""])), (3, strings(&["Petit", "Zoé", "XL", ""]))], &cx);
        assert_eq!(p.rows[0].custom, vec![(7, "M".to_string())]);
        assert_eq!(
            (p.problems[0].line, p.problems[0].column.as_str(), p.problems[0].reason),
            (3, "Taille de T-shirt", "error-unknown-choice")
        );
    }

    #[test]
    fn a_file_without_a_name_column_is_refused() {
        let headers = strings(&["Foo", "Bar"]);
        let p = plan(&[(2, strings(&["a", "b"]))], &context(&headers, &recognise(&headers), &[], Duplicates::Skip));
        assert_eq!(p.problems[0].reason, "error-import-no-name-column");
    }

    #[test]
    fn payments_are_checked() {
        let headers = strings(&["Nom", "Prénom", "Montant", "Date", "Formule", "Moyen de paiement"]);
        let mapping = recognise(&headers);
        let types = vec![KnownType { id: 3, name: "Adhésion 2026".into() }];
        let mut cx = context(&headers, &mapping, &[], Duplicates::Skip);
        cx.types = &types;
        let rows = vec![
            (2, strings(&["Roux", "Léa", "20,00 €", "14/09/2026", "adhésion 2026", "Chèque"])),
            (3, strings(&["Petit", "Zoé", "12,5O €", "2026-13-01", "Bienfaiteur", "Bitcoin"])),
            (4, strings(&["Martin", "Éloïse", "", "", "", ""])),
        ];
        let p = plan(&rows, &cx);
        let (ty, pay) = p.rows[0].payment.clone().unwrap();
        assert_eq!((ty, pay.amount, pay.method), (3, 2000, PaymentMethod::Cheque));
        assert_eq!((p.rows[1].line, p.rows[1].payment.is_none()), (4, true), "nothing filled: no payment");
        let found: Vec<(&str, &str)> = p.problems.iter().map(|p| (p.column.as_str(), p.reason)).collect();
        assert_eq!(
            found,
            vec![
                ("Formule", "error-import-unknown-type"),
                ("Montant", "error-amount"),
                ("Date", "error-date-any"),
                ("Moyen de paiement", "error-unknown-choice")
            ]
        );
    }
}
