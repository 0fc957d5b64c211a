//! Gifts and their tax receipts (reçus fiscaux): who gives (a person or an
//! organisation), what (money, waived expenses, securities, waived income, a
//! gift in kind), how it is booked, the receipt's contents as the Cerfa
//! 11580*05 (individuals, CGI art. 200 and 978) and 16216*01 (companies, CGI
//! art. 238 bis) ask for them, the amount in French words, the receipts'
//! order numbers and the yearly CGI art. 222 bis declaration. Pure: "today"
//! is an argument.

use crate::dates::{self, Date};
use crate::dues::PaymentMethod;
use crate::ids::MemberId;
use crate::money;
use crate::validate::{self, Invalid};

// ---- Donors ------------------------------------------------------------------

/// Whether a donor is a person (Cerfa 11580) or an organisation (Cerfa 16216).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DonorKind {
    Individual,
    Organisation,
}

impl DonorKind {
    pub const ALL: [DonorKind; 2] = [DonorKind::Individual, DonorKind::Organisation];

    /// The stable code stored in the database and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            DonorKind::Individual => "individual",
            DonorKind::Organisation => "organisation",
        }
    }

    pub fn from_code(code: &str) -> Option<DonorKind> {
        DonorKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The article a gift of this kind of donor is receipted under by default.
    pub fn default_article(self) -> Article {
        match self {
            DonorKind::Individual => Article::Ir200,
            DonorKind::Organisation => Article::Is238Bis,
        }
    }
}

/// A donor, checked: the identity and address a receipt must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Donor {
    pub kind: DonorKind,
    /// A person's last name ("" for an organisation).
    pub last_name: String,
    /// A person's first names ("" for an organisation).
    pub first_names: String,
    /// An organisation's name ("" for a person).
    pub organisation: String,
    /// An organisation's legal form (SAS, SARL, association…).
    pub legal_form: String,
    /// An organisation's SIREN (9 digits).
    pub siren: Option<String>,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub email: Option<String>,
    /// The member record this donor is, if any.
    pub member: Option<MemberId>,
}

impl Donor {
    /// The name to show: "Lefèvre Camille" or the organisation's.
    pub fn display_name(&self) -> String {
        display_name(self.kind, &self.last_name, &self.first_names, &self.organisation)
    }
}

/// A donor's name for lists and labels.
pub fn display_name(kind: DonorKind, last_name: &str, first_names: &str, organisation: &str) -> String {
    match kind {
        DonorKind::Individual => format!("{last_name} {first_names}").trim().to_string(),
        DonorKind::Organisation => organisation.to_string(),
    }
}

/// The donor form as typed.
#[derive(Debug, Clone, Default)]
pub struct DonorInput {
    pub kind: String,
    pub last_name: String,
    pub first_names: String,
    pub organisation: String,
    pub legal_form: String,
    pub siren: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub email: String,
    /// A member's number, or "".
    pub member: String,
}

impl DonorInput {
    /// The form's fields, in order.
    pub const FIELDS: [&'static str; 11] = [
        "kind",
        "last_name",
        "first_names",
        "organisation",
        "legal_form",
        "siren",
        "address",
        "postal_code",
        "city",
        "email",
        "member",
    ];

    /// Checks every field; all problems at once, each on its field. A
    /// person needs names, an organisation its name, legal form and SIREN;
    /// both a full address (the receipt carries it).
    pub fn validate(&self) -> Result<Donor, Invalid> {
        let mut inv = Invalid::default();
        let kind = DonorKind::from_code(self.kind.trim()).unwrap_or_else(|| {
            inv.add("kind", "error-unknown-choice");
            DonorKind::Individual
        });
        let mut required = |field: &'static str, raw: &str, max: usize| {
            validate::line(raw, max).unwrap_or_else(|k| {
                inv.add(field, k);
                String::new()
            })
        };
        let (mut last_name, mut first_names, mut organisation, mut legal_form) =
            (String::new(), String::new(), String::new(), String::new());
        let mut siren = None;
        match kind {
            DonorKind::Individual => {
                last_name = required("last_name", &self.last_name, 100);
                first_names = required("first_names", &self.first_names, 100);
            }
            DonorKind::Organisation => {
                organisation = required("organisation", &self.organisation, 200);
                legal_form = required("legal_form", &self.legal_form, 60);
            }
        }
        let address = required("address", &self.address, 300);
        let postal_code = required("postal_code", &self.postal_code, 10);
        let city = required("city", &self.city, 100);
        if kind == DonorKind::Organisation {
            if self.siren.trim().is_empty() {
                inv.add("siren", "error-required");
            } else {
                siren = validate::siren(&self.siren);
                if siren.is_none() {
                    inv.add("siren", "error-siren");
                }
            }
        }
        if !postal_code.is_empty() && !postal_code.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-') {
            inv.add("postal_code", "error-postal-code");
        }
        let email = match self.email.trim() {
            "" => None,
            raw => {
                let e = validate::email(raw);
                if e.is_none() {
                    inv.add("email", "error-email");
                }
                e
            }
        };
        let member = match self.member.trim() {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(n) if n > 0 => Some(MemberId(n)),
                _ => {
                    inv.add("member", "error-member-number");
                    None
                }
            },
        };
        inv.into_result(Donor {
            kind,
            last_name,
            first_names,
            organisation,
            legal_form,
            siren,
            address,
            postal_code,
            city,
            email,
            member,
        })
    }
}

// ---- Gifts -------------------------------------------------------------------

/// The legal form of a gift (the Cerfa's "Forme du don").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// Déclaration de don manuel: a hand-to-hand gift (the usual case).
    ManualGift,
    /// Acte authentique: before a notary.
    Authentic,
    /// Acte sous seing privé: a private deed.
    PrivateDeed,
    /// Autres.
    Other,
}

impl Form {
    /// In the Cerfa's order.
    pub const ALL: [Form; 4] = [Form::Authentic, Form::PrivateDeed, Form::ManualGift, Form::Other];

    pub fn code(self) -> &'static str {
        match self {
            Form::ManualGift => "manual",
            Form::Authentic => "authentic",
            Form::PrivateDeed => "private",
            Form::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The box's wording on the receipt.
    pub fn cerfa_label(self) -> &'static str {
        match self {
            Form::Authentic => "Acte authentique",
            Form::PrivateDeed => "Acte sous seing privé",
            Form::ManualGift => "Déclaration de don manuel",
            Form::Other => "Autres",
        }
    }
}

/// What is given (the Cerfa's "Nature du don").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Nature {
    /// Numéraire: money.
    Money,
    /// Titres de sociétés cotés: listed shares.
    Securities,
    /// Abandon exprès de revenus ou de produits (a waived rent, interest…).
    WaivedIncome,
    /// Frais engagés par un bénévole qui renonce expressément à leur remboursement.
    WaivedExpenses,
    /// Un don en nature (goods), described and valued.
    InKind,
}

impl Nature {
    pub const ALL: [Nature; 5] =
        [Nature::Money, Nature::Securities, Nature::WaivedIncome, Nature::WaivedExpenses, Nature::InKind];

    pub fn code(self) -> &'static str {
        match self {
            Nature::Money => "money",
            Nature::Securities => "securities",
            Nature::WaivedIncome => "income",
            Nature::WaivedExpenses => "expenses",
            Nature::InKind => "kind",
        }
    }

    pub fn from_code(code: &str) -> Option<Nature> {
        Nature::ALL.into_iter().find(|n| n.code() == code)
    }

    /// The box's wording on the receipt.
    pub fn cerfa_label(self) -> &'static str {
        match self {
            Nature::Money => "Numéraire",
            Nature::Securities => "Titres de sociétés cotés",
            Nature::WaivedIncome => "Abandon exprès de revenus ou de produits",
            Nature::WaivedExpenses => "Frais engagés par un bénévole, dont il renonce expressément au remboursement",
            Nature::InKind => "Don en nature",
        }
    }
}

/// How money was given: the Cerfa's three boxes ("Mode de versement").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CerfaMethod {
    Cash,
    Cheque,
    /// Virement, prélèvement, carte bancaire.
    Transfer,
}

impl CerfaMethod {
    pub const ALL: [CerfaMethod; 3] = [CerfaMethod::Cash, CerfaMethod::Cheque, CerfaMethod::Transfer];

    /// The box of a payment method.
    pub fn of(method: PaymentMethod) -> CerfaMethod {
        match method {
            PaymentMethod::Cash => CerfaMethod::Cash,
            PaymentMethod::Cheque => CerfaMethod::Cheque,
            PaymentMethod::Transfer | PaymentMethod::Card | PaymentMethod::DirectDebit | PaymentMethod::HelloAsso => {
                CerfaMethod::Transfer
            }
        }
    }

    /// The box's wording on the receipt.
    pub fn cerfa_label(self) -> &'static str {
        match self {
            CerfaMethod::Cash => "Remise d'espèces",
            CerfaMethod::Cheque => "Chèque",
            CerfaMethod::Transfer => "Virement, prélèvement, carte bancaire",
        }
    }
}

/// The tax reduction a gift opens, by article of the code général des impôts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Article {
    /// Art. 200: income tax of individuals.
    Ir200,
    /// Art. 238 bis: companies.
    Is238Bis,
    /// Art. 978: impôt sur la fortune immobilière.
    Ifi978,
}

impl Article {
    pub const ALL: [Article; 3] = [Article::Ir200, Article::Is238Bis, Article::Ifi978];

    pub fn code(self) -> &'static str {
        match self {
            Article::Ir200 => "200",
            Article::Is238Bis => "238bis",
            Article::Ifi978 => "978",
        }
    }

    pub fn from_code(code: &str) -> Option<Article> {
        Article::ALL.into_iter().find(|a| a.code() == code)
    }

    /// As the receipt cites it: "200", "238 bis", "978".
    pub fn cited(self) -> &'static str {
        match self {
            Article::Ir200 => "200",
            Article::Is238Bis => "238 bis",
            Article::Ifi978 => "978",
        }
    }

    /// Whether a donor of `kind` may be receipted under this article:
    /// people under 200 or 978, organisations under 238 bis.
    pub fn fits(self, kind: DonorKind) -> bool {
        match kind {
            DonorKind::Individual => matches!(self, Article::Ir200 | Article::Ifi978),
            DonorKind::Organisation => self == Article::Is238Bis,
        }
    }

    /// The Cerfa model the receipt follows.
    pub fn cerfa(self) -> Cerfa {
        match self {
            Article::Ir200 | Article::Ifi978 => Cerfa::Individuals,
            Article::Is238Bis => Cerfa::Companies,
        }
    }
}

/// The two receipt models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cerfa {
    /// Cerfa n° 11580*05, gifts of individuals (art. 200 and 978).
    Individuals,
    /// Cerfa n° 16216*01, gifts of companies (art. 238 bis).
    Companies,
}

impl Cerfa {
    /// "11580*05" or "16216*01".
    pub fn number(self) -> &'static str {
        match self {
            Cerfa::Individuals => "11580*05",
            Cerfa::Companies => "16216*01",
        }
    }
}

/// A gift, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Donation {
    pub received_on: Date,
    pub cents: i64,
    pub form: Form,
    pub nature: Nature,
    /// How the money came; only for a gift of money.
    pub method: Option<PaymentMethod>,
    pub article: Article,
    /// What was given (required for a gift in kind, securities and waived
    /// expenses or income; the receipt shows it).
    pub description: String,
}

/// The donation form as typed.
#[derive(Debug, Clone, Default)]
pub struct DonationInput {
    pub received_on: String,
    pub amount: String,
    pub form: String,
    pub nature: String,
    pub method: String,
    pub article: String,
    pub description: String,
}

impl DonationInput {
    /// The form's fields, in order.
    pub const FIELDS: [&'static str; 7] =
        ["received_on", "amount", "form", "nature", "method", "article", "description"];

    /// Checks a gift of a donor of `kind` against `today` (nothing from the
    /// future, nothing before 1990): money needs its method, the other
    /// natures a description; the article must fit the donor (art. 978 only
    /// for money or listed shares, waived expenses only from a person).
    pub fn validate(&self, kind: DonorKind, today: Date) -> Result<Donation, Invalid> {
        let mut inv = Invalid::default();
        let received_on = match dates::parse_typed(&self.received_on) {
            Some(d) if d <= today && d.year() >= 1990 => d,
            Some(_) => {
                inv.add("received_on", "error-date-range");
                today
            }
            None => {
                inv.add("received_on", "error-date");
                today
            }
        };
        let cents = match money::parse_cents(&self.amount) {
            Ok(0) => {
                inv.add("amount", "error-amount-zero");
                0
            }
            Ok(c) => c,
            Err(k) => {
                inv.add("amount", k);
                0
            }
        };
        let form = Form::from_code(self.form.trim()).unwrap_or_else(|| {
            inv.add("form", "error-unknown-choice");
            Form::ManualGift
        });
        let nature = Nature::from_code(self.nature.trim());
        if nature.is_none() {
            inv.add("nature", "error-unknown-choice");
        }
        let nature = nature.unwrap_or(Nature::Money);
        let method = match (nature, self.method.trim()) {
            (Nature::Money, "") => {
                inv.add("method", "error-required");
                None
            }
            (Nature::Money, code) => {
                let m = PaymentMethod::from_code(code);
                if m.is_none() {
                    inv.add("method", "error-unknown-choice");
                }
                m
            }
            _ => None,
        };
        let article = match self.article.trim() {
            "" => kind.default_article(),
            code => Article::from_code(code).unwrap_or_else(|| {
                inv.add("article", "error-unknown-choice");
                kind.default_article()
            }),
        };
        if !article.fits(kind) {
            inv.add("article", "error-donation-article-donor");
        } else if article == Article::Ifi978 && !matches!(nature, Nature::Money | Nature::Securities) {
            inv.add("article", "error-donation-article-ifi");
        }
        if nature == Nature::WaivedExpenses && kind == DonorKind::Organisation {
            inv.add("nature", "error-donation-expenses-person");
        }
        let description = self.description.trim().to_string();
        if description.chars().count() > 500 || description.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
            inv.add("description", "error-too-long");
        } else if description.is_empty() && nature != Nature::Money {
            inv.add("description", "error-donation-description");
        }
        inv.into_result(Donation { received_on, cents, form, nature, method, article, description })
    }
}

// ---- Booking ---------------------------------------------------------------------

/// The accounts gifts are booked on, from the receipt settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounts {
    /// Dons manuels (7541 by default; 75411 is its sub-account).
    pub donations: String,
    /// Abandons de frais par les bénévoles (75412 by default).
    pub waived_expenses: String,
}

impl Default for Accounts {
    fn default() -> Accounts {
        Accounts { donations: DONATIONS_ACCOUNT.into(), waived_expenses: WAIVED_EXPENSES_ACCOUNT.into() }
    }
}

/// Dons manuels (ANC 2018-06, 2025 numbering).
pub const DONATIONS_ACCOUNT: &str = "7541";
/// Abandons de frais par les bénévoles.
pub const WAIVED_EXPENSES_ACCOUNT: &str = "75412";
/// Frais des bénévoles: the expense they advanced was credited here (D 6xx / C 4681).
pub const VOLUNTEER_EXPENSES_ACCOUNT: &str = "4681";
/// Abandons exprès de revenus ou de produits.
pub const WAIVED_INCOME_ACCOUNT: &str = "75413";
/// Autres comptes débiteurs ou créditeurs: what the association owed the donor (a rent, interest) before they waived it.
pub const WAIVED_INCOME_DEBT_ACCOUNT: &str = "467";
/// Actions: listed shares received.
pub const SECURITIES_ACCOUNT: &str = "503";
/// Dons en nature (contributions volontaires en nature, resources side).
pub const IN_KIND_ACCOUNT: &str = "870";
/// Secours en nature (contributions volontaires en nature, uses side).
pub const IN_KIND_USE_ACCOUNT: &str = "860";

impl Donation {
    /// The entry's lines: what is debited, what is credited.
    ///
    /// - money: D the account its method arrives on (530 cash, 5112 cheques,
    ///   5115 cards, 512 bank) / C dons manuels (7541);
    /// - waived expenses: D 4681 frais des bénévoles (the expense was booked
    ///   D 6xx / C 4681 when advanced) / C 75412;
    /// - waived income: D 467 (what the association owed) / C 75413;
    /// - listed shares: D 503 actions / C dons manuels;
    /// - a gift in kind: D 860 secours en nature / C 870 dons en nature, the
    ///   contributions volontaires en nature kept in class 8 and always
    ///   balanced (86 = 87), outside the result. Goods kept as a fixed asset
    ///   or sold are booked by hand besides.
    pub fn lines(&self, accounts: &Accounts) -> Vec<crate::accounting::entry::Line> {
        use crate::accounting::entry::Line;
        let (debit, credit): (&str, &str) = match self.nature {
            Nature::Money => (self.method.unwrap_or(PaymentMethod::Transfer).account(), &accounts.donations),
            Nature::WaivedExpenses => (VOLUNTEER_EXPENSES_ACCOUNT, &accounts.waived_expenses),
            Nature::WaivedIncome => (WAIVED_INCOME_DEBT_ACCOUNT, WAIVED_INCOME_ACCOUNT),
            Nature::Securities => (SECURITIES_ACCOUNT, &accounts.donations),
            Nature::InKind => (IN_KIND_USE_ACCOUNT, IN_KIND_ACCOUNT),
        };
        vec![Line::debit(debit, self.cents), Line::credit(credit, self.cents)]
    }
}

// ---- Receipt settings -------------------------------------------------------------

/// The beneficiary's category: the box ticked on the receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    /// Œuvre ou organisme d'intérêt général (an association loi 1901 of general interest).
    GeneralInterest,
    /// Association ou fondation reconnue d'utilité publique (decree and Journal officiel dates).
    PublicUtility,
    FoundationUniversity,
    FoundationCompany,
    Museum,
    Education,
    Research,
    /// Aide alimentaire, soins médicaux, logement des personnes en difficulté.
    HelpInDifficulty,
    /// Association cultuelle ou de bienfaisance, établissement public des cultes d'Alsace-Moselle.
    AlsaceMoselle,
    Festivals,
    Heritage,
    /// Entreprises d'insertion, associations intermédiaires, ateliers et chantiers d'insertion.
    Insertion,
    /// Another kind of body: described in words.
    Other,
}

impl Category {
    pub const ALL: [Category; 13] = [
        Category::GeneralInterest,
        Category::PublicUtility,
        Category::FoundationUniversity,
        Category::FoundationCompany,
        Category::Museum,
        Category::Education,
        Category::Research,
        Category::HelpInDifficulty,
        Category::AlsaceMoselle,
        Category::Festivals,
        Category::Heritage,
        Category::Insertion,
        Category::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::GeneralInterest => "general-interest",
            Category::PublicUtility => "public-utility",
            Category::FoundationUniversity => "foundation-university",
            Category::FoundationCompany => "foundation-company",
            Category::Museum => "museum",
            Category::Education => "education",
            Category::Research => "research",
            Category::HelpInDifficulty => "help",
            Category::AlsaceMoselle => "alsace-moselle",
            Category::Festivals => "festivals",
            Category::Heritage => "heritage",
            Category::Insertion => "insertion",
            Category::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The box's wording on the receipt (the Cerfa's, abridged where it is long).
    pub fn cerfa_label(self) -> &'static str {
        match self {
            Category::GeneralInterest => "Œuvre ou organisme d'intérêt général",
            Category::PublicUtility => "Association ou fondation reconnue d'utilité publique",
            Category::FoundationUniversity => "Fondation universitaire ou fondation partenariale",
            Category::FoundationCompany => "Fondation d'entreprise",
            Category::Museum => "Musée de France",
            Category::Education => {
                "Établissement d'enseignement supérieur ou d'enseignement artistique public ou privé, d'intérêt général, à but non lucratif"
            }
            Category::Research => "Établissement de recherche public ou privé, d'intérêt général, à but non lucratif",
            Category::HelpInDifficulty => {
                "Organisme qui fournit gratuitement une aide alimentaire ou des soins médicaux à des personnes en difficulté ou favorise leur logement"
            }
            Category::AlsaceMoselle => {
                "Association cultuelle ou de bienfaisance et établissement public des cultes reconnus d'Alsace-Moselle"
            }
            Category::Festivals => "Organisme ayant pour activité principale l'organisation de festivals",
            Category::Heritage => {
                "Fondation du patrimoine, ou fondation ou association qui lui affecte irrévocablement les dons"
            }
            Category::Insertion => {
                "Entreprise d'insertion, association intermédiaire, atelier et chantier d'insertion, entreprise adaptée"
            }
            Category::Other => "Autre organisme",
        }
    }
}

/// The receipt settings, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The association's object, as its statutes say it.
    pub object: String,
    pub category: Category,
    /// For a body reconnu d'utilité publique: the decree's date and its publication in the Journal officiel.
    pub decree_on: Option<Date>,
    pub journal_on: Option<Date>,
    /// For `Category::Other`: what kind of body.
    pub other_category: String,
    pub signatory_name: String,
    /// President, treasurer…
    pub signatory_capacity: String,
    pub accounts: Accounts,
}

/// The settings form as typed.
#[derive(Debug, Clone, Default)]
pub struct SettingsInput {
    pub object: String,
    pub category: String,
    pub decree_on: String,
    pub journal_on: String,
    pub other_category: String,
    pub signatory_name: String,
    pub signatory_capacity: String,
    pub donations_account: String,
    pub fees_account: String,
}

impl SettingsInput {
    pub const FIELDS: [&'static str; 9] = [
        "object",
        "category",
        "decree_on",
        "journal_on",
        "other_category",
        "signatory_name",
        "signatory_capacity",
        "donations_account",
        "fees_account",
    ];

    /// Checks every field. The accounts must be postable accounts of the
    /// générosité du public (754…).
    pub fn validate(&self) -> Result<Settings, Invalid> {
        let mut inv = Invalid::default();
        let mut required = |field: &'static str, raw: &str, max: usize| {
            validate::line(raw, max).unwrap_or_else(|k| {
                inv.add(field, k);
                String::new()
            })
        };
        let object = required("object", &self.object.replace(['\r', '\n'], " "), 1000);
        let signatory_name = required("signatory_name", &self.signatory_name, 100);
        let signatory_capacity = required("signatory_capacity", &self.signatory_capacity, 100);
        let category = Category::from_code(self.category.trim()).unwrap_or_else(|| {
            inv.add("category", "error-unknown-choice");
            Category::GeneralInterest
        });
        let mut date = |field: &'static str, raw: &str, needed: bool| match (raw.trim(), needed) {
            ("", false) => None,
            ("", true) => {
                inv.add(field, "error-required");
                None
            }
            (raw, _) => {
                let d = dates::parse_typed(raw);
                if d.is_none() {
                    inv.add(field, "error-date-any");
                }
                d
            }
        };
        let public_utility = category == Category::PublicUtility;
        let decree_on = date("decree_on", &self.decree_on, public_utility);
        let journal_on = date("journal_on", &self.journal_on, public_utility);
        let other_category = self.other_category.trim().to_string();
        if other_category.chars().count() > 200 || other_category.chars().any(char::is_control) {
            inv.add("other_category", "error-too-long");
        } else if other_category.is_empty() && category == Category::Other {
            inv.add("other_category", "error-required");
        }
        let mut account = |field: &'static str, raw: &str, default: &str| {
            let code = raw.trim();
            if code.is_empty() {
                return default.to_string();
            }
            if !(crate::accounting::chart::is_postable(code) && code.starts_with("754")) {
                inv.add(field, "error-donation-account");
            }
            code.to_string()
        };
        let donations = account("donations_account", &self.donations_account, DONATIONS_ACCOUNT);
        let waived_expenses = account("fees_account", &self.fees_account, WAIVED_EXPENSES_ACCOUNT);
        inv.into_result(Settings {
            object,
            category,
            decree_on: if public_utility { decree_on } else { None },
            journal_on: if public_utility { journal_on } else { None },
            other_category: if category == Category::Other { other_category } else { String::new() },
            signatory_name,
            signatory_capacity,
            accounts: Accounts { donations, waived_expenses },
        })
    }
}

/// What a receipt needs of the association that is still missing, as
/// message keys: its address, SIREN or RNA, the receipt settings, the
/// signature.
pub fn missing_for_receipts(
    association_address: &str,
    identifier: (Option<&str>, Option<&str>),
    settings: Option<&Settings>,
    has_signature: bool,
) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if association_address.trim().is_empty() {
        missing.push("receipt-missing-address");
    }
    if identifier.0.is_none_or(str::is_empty) && identifier.1.is_none_or(str::is_empty) {
        missing.push("receipt-missing-identifier");
    }
    if settings.is_none() {
        missing.push("receipt-missing-settings");
    }
    if !has_signature {
        missing.push("receipt-missing-signature");
    }
    missing
}

// ---- Receipts --------------------------------------------------------------------

/// A receipt's order number: the year it is issued in and its place in
/// that year, `2026-0001`. Numbers follow one another without gaps in each
/// association and are never reused (a cancelled receipt keeps its number).
pub fn receipt_number(year: i32, seq: i64) -> String {
    format!("{year}-{seq:04}")
}

/// The year and place of a receipt number.
pub fn parse_receipt_number(number: &str) -> Option<(i32, i64)> {
    let (year, seq) = number.split_once('-')?;
    let ok = year.len() == 4 && seq.len() >= 4 && (year.bytes().chain(seq.bytes())).all(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    Some((year.parse().ok()?, seq.parse().ok().filter(|s| *s > 0)?))
}

/// The beneficiary as a receipt shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beneficiary {
    pub name: String,
    pub siren: Option<String>,
    pub rna: Option<String>,
    pub address: String,
    pub object: String,
    pub category: Category,
    pub decree_on: Option<Date>,
    pub journal_on: Option<Date>,
    pub other_category: String,
}

/// One gift a receipt covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gift {
    pub received_on: Date,
    pub cents: i64,
    pub form: Form,
    pub nature: Nature,
    pub method: Option<PaymentMethod>,
    pub description: String,
}

/// Everything a receipt shows, frozen when it is issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDoc {
    pub number: String,
    pub issued_on: Date,
    pub article: Article,
    pub beneficiary: Beneficiary,
    pub donor: Donor,
    /// The gifts, in date order.
    pub gifts: Vec<Gift>,
    /// A yearly receipt covering the gifts of a period, rather than one gift.
    pub cumulative: bool,
    pub period: (Date, Date),
    pub signatory_name: String,
    pub signatory_capacity: String,
    /// The signature image (PNG or JPEG bytes).
    pub signature: Option<Vec<u8>>,
    /// The number of the cancelled receipt this one replaces.
    pub replaces: Option<String>,
}

impl ReceiptDoc {
    /// The total of the gifts.
    pub fn total(&self) -> i64 {
        self.gifts.iter().map(|g| g.cents).sum()
    }

    /// The total given in money (numéraire) and the rest (in kind, shares, waived sums).
    pub fn split_totals(&self) -> (i64, i64) {
        let money: i64 = self.gifts.iter().filter(|g| g.nature == Nature::Money).map(|g| g.cents).sum();
        (money, self.total() - money)
    }

    /// The forms, natures and payment boxes the gifts tick.
    pub fn forms(&self) -> Vec<Form> {
        sorted(self.gifts.iter().map(|g| g.form))
    }

    pub fn natures(&self) -> Vec<Nature> {
        sorted(self.gifts.iter().map(|g| g.nature))
    }

    pub fn methods(&self) -> Vec<CerfaMethod> {
        sorted(self.gifts.iter().filter_map(|g| g.method).map(CerfaMethod::of))
    }

    /// The amount framed by asterisks, as computer-made receipts show it: `***150,20 €***`.
    pub fn framed_amount(&self) -> String {
        format!("***{}***", money::format_fr(self.total()))
    }
}

fn sorted<T: Ord>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = items.collect();
    v.sort();
    v.dedup();
    v
}

/// What the yearly declaration needs of one receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceiptFacts {
    /// The year the gifts were received in (the first day of its period).
    pub gift_year: i32,
    pub cents: i64,
    pub article: Article,
    pub cancelled: bool,
}

/// The CGI art. 222 bis declaration of a year: how many receipts were
/// issued for gifts received that year and their total, in all and by
/// article; cancelled receipts do not count (their replacements do).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Declaration {
    pub year: i32,
    pub count: i64,
    pub total: i64,
    /// (article, count, total), for the articles with receipts.
    pub by_article: Vec<(Article, i64, i64)>,
}

/// The declaration of `year` from the association's receipts.
pub fn declaration(year: i32, receipts: &[ReceiptFacts]) -> Declaration {
    let mut d = Declaration { year, ..Declaration::default() };
    for article in Article::ALL {
        let of: Vec<&ReceiptFacts> =
            receipts.iter().filter(|r| r.gift_year == year && !r.cancelled && r.article == article).collect();
        if !of.is_empty() {
            let total = of.iter().map(|r| r.cents).sum();
            d.by_article.push((article, of.len() as i64, total));
            d.count += of.len() as i64;
            d.total += total;
        }
    }
    d
}

/// Where the declaration is made online when the association files no tax return.
pub const DECLARATION_URL: &str = "https://www.demarches-simplifiees.fr/commencer/declaration-des-dons";

// ---- Amounts in words ------------------------------------------------------------

const UNITS: [&str; 20] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
];
const TENS: [&str; 7] = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"];

/// 0 to 99. `last` says whether nothing follows but a noun (euros,
/// millions), which is when "quatre-vingts" keeps its s.
fn below_hundred(n: u64, last: bool) -> String {
    let n = n as usize;
    match n {
        0..=19 => UNITS[n].to_string(),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => TENS[t].to_string(),
                1 => format!("{} et un", TENS[t]),
                _ => format!("{}-{}", TENS[t], UNITS[u]),
            }
        }
        70..=79 if n == 71 => "soixante et onze".to_string(),
        70..=79 => format!("soixante-{}", UNITS[n - 60]),
        80 => if last { "quatre-vingts" } else { "quatre-vingt" }.to_string(),
        _ => format!("quatre-vingt-{}", UNITS[n - 80]),
    }
}

/// 0 to 999; `last` as for [`below_hundred`] ("deux cents", but "deux cent mille").
fn below_thousand(n: u64, last: bool) -> String {
    let (h, r) = (n / 100, n % 100);
    match (h, r) {
        (0, _) => below_hundred(r, last),
        (1, 0) => "cent".to_string(),
        (1, _) => format!("cent {}", below_hundred(r, last)),
        (_, 0) => format!("{} {}", UNITS[h as usize], if last { "cents" } else { "cent" }),
        (_, _) => format!("{} cent {}", UNITS[h as usize], below_hundred(r, last)),
    }
}

/// A whole number in French words, in the traditional spelling (the
/// Académie's): hyphens between tens and units below a hundred except around
/// "et" ("vingt et un", "soixante et onze", "quatre-vingt-onze"), spaces
/// around "cent", "mille", "million"; "vingt" and "cent" take an s when
/// multiplied and last ("quatre-vingts", "deux cents") or before "millions"
/// and "milliards", which are nouns, not before "mille", which never varies.
pub fn nombre_en_lettres(n: u64) -> String {
    if n == 0 {
        return UNITS[0].to_string();
    }
    let (milliards, millions, milliers, rest) =
        (n / 1_000_000_000, (n / 1_000_000) % 1000, (n / 1000) % 1000, n % 1000);
    let mut parts: Vec<String> = Vec::new();
    if milliards > 0 {
        let words = if milliards < 1000 { below_thousand(milliards, true) } else { nombre_en_lettres(milliards) };
        parts.push(format!("{words} milliard{}", if milliards > 1 { "s" } else { "" }));
    }
    if millions > 0 {
        parts.push(format!("{} million{}", below_thousand(millions, true), if millions > 1 { "s" } else { "" }));
    }
    match milliers {
        0 => {}
        1 => parts.push("mille".to_string()),
        _ => parts.push(format!("{} mille", below_thousand(milliers, false))),
    }
    if rest > 0 {
        parts.push(below_thousand(rest, true));
    }
    parts.join(" ")
}

/// An amount in euros and cents in French words, as a receipt writes it:
/// `15020` → "cent cinquante euros et vingt centimes", `100` → "un euro",
/// `5` → "cinq centimes", `100_000_000` → "un million d'euros".
pub fn montant_en_lettres(cents: i64) -> String {
    let sign = if cents < 0 { "moins " } else { "" };
    let c = cents.unsigned_abs();
    let (euros, centimes) = (c / 100, c % 100);
    let euro_part = match euros {
        0 => String::new(),
        1 => "un euro".to_string(),
        e if e % 1_000_000 == 0 => format!("{} d'euros", nombre_en_lettres(e)),
        e => format!("{} euros", nombre_en_lettres(e)),
    };
    let cent_part = match centimes {
        0 => String::new(),
        1 => "un centime".to_string(),
        c => format!("{} centimes", below_hundred(c, true)),
    };
    let words = match (euro_part.is_empty(), cent_part.is_empty()) {
        (true, true) => "zéro euro".to_string(),
        (false, true) => euro_part,
        (true, false) => cent_part,
        (false, false) => format!("{euro_part} et {cent_part}"),
    };
    format!("{sign}{words}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    /// Reads French number words back (the test's own parser, written from
    /// the rules rather than from the writer).
    fn parse_amount(words: &str) -> Option<i64> {
        let (negative, words) = match words.strip_prefix("moins ") {
            Some(rest) => (true, rest),
            None => (false, words),
        };
        let tokens: Vec<&str> = words.split(' ').collect();
        let unit = tokens.iter().position(|t| matches!(*t, "euro" | "euros" | "d'euros"));
        let (euros, cent_tokens) = match unit {
            Some(i) => {
                let number = tokens[..i].join(" ");
                let n = parse_number(&number)?;
                let by_noun = number.ends_with("million")
                    || number.ends_with("millions")
                    || number.ends_with("milliard")
                    || number.ends_with("milliards");
                let unit_ok = match tokens[i] {
                    "euro" => n <= 1,
                    "d'euros" => by_noun,
                    _ => n > 1 && !by_noun,
                };
                if !unit_ok {
                    return None;
                }
                match &tokens[i + 1..] {
                    [] => (n, &[][..]),
                    ["et", rest @ ..] if !rest.is_empty() => (n, rest),
                    _ => return None,
                }
            }
            None => (0, &tokens[..]),
        };
        let centimes = match cent_tokens.split_last() {
            None => 0,
            Some((last, number)) => {
                let n = parse_number(&number.join(" "))?;
                let unit_ok = if n == 1 { *last == "centime" } else { *last == "centimes" };
                if n == 0 || n > 99 || !unit_ok {
                    return None;
                }
                n
            }
        };
        let total = i64::try_from(euros).ok()? * 100 + i64::try_from(centimes).ok()?;
        Some(if negative { -total } else { total })
    }

    fn parse_number(words: &str) -> Option<u64> {
        let value = |w: &str| -> Option<u64> {
            Some(match w {
                "zéro" => 0,
                "un" => 1,
                "deux" => 2,
                "trois" => 3,
                "quatre" => 4,
                "cinq" => 5,
                "six" => 6,
                "sept" => 7,
                "huit" => 8,
                "neuf" => 9,
                "dix" => 10,
                "onze" => 11,
                "douze" => 12,
                "treize" => 13,
                "quatorze" => 14,
                "quinze" => 15,
                "seize" => 16,
                "vingt" | "vingts" => 20,
                "trente" => 30,
                "quarante" => 40,
                "cinquante" => 50,
                "soixante" => 60,
                _ => return None,
            })
        };
        let (mut total, mut current, mut previous) = (0u64, 0u64, "");
        for w in words.split([' ', '-']) {
            match w {
                "et" => {}
                "cent" | "cents" => current = current.max(1) * 100,
                "mille" => {
                    total += current.max(1) * 1000;
                    current = 0;
                }
                "million" | "millions" => {
                    total += current * 1_000_000;
                    current = 0;
                }
                "milliard" | "milliards" => {
                    total = (total + current) * 1_000_000_000;
                    current = 0;
                }
                "vingt" | "vingts" if previous == "quatre" => current += 76,
                w => current += value(w)?,
            }
            previous = w;
        }
        Some(total + current)
    }

    #[test]
    fn amounts_in_words_known_values() {
        for (cents, words) in [
            (15_020, "cent cinquante euros et vingt centimes"),
            (0, "zéro euro"),
            (1, "un centime"),
            (5, "cinq centimes"),
            (100, "un euro"),
            (101, "un euro et un centime"),
            (200, "deux euros"),
            (2_100, "vingt et un euros"),
            (7_100, "soixante et onze euros"),
            (7_200, "soixante-douze euros"),
            (8_000, "quatre-vingts euros"),
            (8_100, "quatre-vingt-un euros"),
            (9_100, "quatre-vingt-onze euros"),
            (9_900, "quatre-vingt-dix-neuf euros"),
            (10_000, "cent euros"),
            (20_000, "deux cents euros"),
            (20_100, "deux cent un euros"),
            (28_000, "deux cent quatre-vingts euros"),
            (100_000, "mille euros"),
            (100_100, "mille un euros"),
            (200_000, "deux mille euros"),
            (8_000_000, "quatre-vingt mille euros"),
            (20_000_000, "deux cent mille euros"),
            (100_000_000, "un million d'euros"),
            (100_000_100, "un million un euros"),
            (300_000_000, "trois millions d'euros"),
            (8_000_000_000, "quatre-vingts millions d'euros"),
            (20_000_000_000, "deux cents millions d'euros"),
            (100_000_000_000, "un milliard d'euros"),
            (
                123_456_789,
                "un million deux cent trente-quatre mille cinq cent soixante-sept euros et quatre-vingt-neuf centimes",
            ),
            (3_180, "trente et un euros et quatre-vingts centimes"),
            (-2_000, "moins vingt euros"),
        ] {
            assert_eq!(montant_en_lettres(cents), words, "{cents}");
            assert_eq!(parse_amount(words), Some(cents), "{words}");
        }
    }

    proptest! {
        #[test]
        fn amounts_in_words_read_back(cents in 0i64..100_000_000_000_000) {
            let words = montant_en_lettres(cents);
            prop_assert_eq!(parse_amount(&words), Some(cents), "{}", words);
            // Plain words: single spaces, no "un mille", "cent" never preceded by "un".
            prop_assert!(!words.contains("  ") && !words.starts_with(' ') && !words.ends_with(' '));
            let tokens: Vec<&str> = words.split(' ').collect();
            for w in tokens.windows(3) {
                let alone = matches!(w[0], "million" | "millions" | "milliard" | "milliards");
                prop_assert!(!(w[1] == "un" && alone && matches!(w[2], "mille" | "cent")), "{}", words);
            }
            prop_assert!(!(tokens.len() > 1 && tokens[0] == "un" && matches!(tokens[1], "mille" | "cent")), "{}", words);
        }

        #[test]
        fn plural_s_only_when_last_or_before_a_noun(n in 1u64..1_000_000_000_000) {
            let words = nombre_en_lettres(n);
            let tokens: Vec<&str> = words.split(' ').collect();
            for (i, t) in tokens.iter().enumerate() {
                let next = tokens.get(i + 1).copied();
                if t.ends_with("vingts") || *t == "cents" {
                    prop_assert!(matches!(next, None | Some("millions" | "milliards" | "million" | "milliard")), "{}", words);
                }
                let multiplied = i > 0 && matches!(tokens[i - 1], "deux" | "trois" | "quatre" | "cinq" | "six" | "sept" | "huit" | "neuf");
                if (*t == "cent" && multiplied) || t.ends_with("quatre-vingt") {
                    prop_assert!(next.is_some(), "{} ends with a bare {}", words, t);
                }
            }
        }
    }

    #[test]
    fn receipt_numbers() {
        assert_eq!(receipt_number(2026, 1), "2026-0001");
        assert_eq!(receipt_number(2026, 12_345), "2026-12345");
        assert_eq!(parse_receipt_number("2026-0042"), Some((2026, 42)));
        for bad in ["2026-42", "26-0001", "2026-0000", "2026_0001", "2026-00a1"] {
            assert_eq!(parse_receipt_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_declaration_counts_issued_receipts_of_the_gifts_year() {
        let r = |gift_year, cents, article, cancelled| ReceiptFacts { gift_year, cents, article, cancelled };
        let receipts = [
            r(2025, 10_000, Article::Ir200, false),
            r(2025, 5_000, Article::Ir200, true),
            r(2025, 6_000, Article::Ir200, false),
            r(2025, 100_000, Article::Is238Bis, false),
            r(2026, 7_000, Article::Ir200, false),
        ];
        let d = declaration(2025, &receipts);
        assert_eq!((d.count, d.total), (3, 116_000));
        assert_eq!(d.by_article, [(Article::Ir200, 2, 16_000), (Article::Is238Bis, 1, 100_000)]);
        assert_eq!(declaration(2024, &receipts), Declaration { year: 2024, ..Declaration::default() });
    }

    fn person() -> DonorInput {
        DonorInput {
            kind: "individual".into(),
            last_name: "Lefèvre".into(),
            first_names: "Camille Marie".into(),
            address: "12 rue de l'Église".into(),
            postal_code: "75011".into(),
            city: "Paris".into(),
            ..DonorInput::default()
        }
    }

    #[test]
    fn donors_need_an_identity_and_an_address() {
        let p = person().validate().unwrap();
        assert_eq!(p.display_name(), "Lefèvre Camille Marie");
        let bad = DonorInput { last_name: " ".into(), city: String::new(), email: "x@".into(), ..person() };
        let fields: Vec<_> = bad.validate().unwrap_err().0.iter().map(|e| (e.field, e.key)).collect();
        assert_eq!(fields, [("last_name", "error-required"), ("city", "error-required"), ("email", "error-email")]);
        let company = DonorInput {
            kind: "organisation".into(),
            organisation: "Boulangerie Martin".into(),
            legal_form: "SARL".into(),
            siren: "732 829 320".into(),
            ..person()
        };
        let c = company.validate().unwrap();
        assert_eq!((c.siren.as_deref(), c.last_name.as_str()), (Some("732829320"), ""));
        let no_siren = DonorInput { siren: "123".into(), ..company.clone() };
        assert_eq!(no_siren.validate().unwrap_err().for_field("siren"), Some("error-siren"));
        assert_eq!(
            DonorInput { member: "abc".into(), ..person() }.validate().unwrap_err().for_field("member"),
            Some("error-member-number")
        );
        assert_eq!(
            DonorInput { kind: "robot".into(), ..person() }.validate().unwrap_err().for_field("kind"),
            Some("error-unknown-choice")
        );
    }

    fn gift() -> DonationInput {
        DonationInput {
            received_on: "12/03/2026".into(),
            amount: "150,20".into(),
            form: "manual".into(),
            nature: "money".into(),
            method: "cheque".into(),
            article: "200".into(),
            description: String::new(),
        }
    }

    #[test]
    fn gifts_are_checked_against_their_donor() {
        let today = d("2026-06-01");
        let g = gift().validate(DonorKind::Individual, today).unwrap();
        assert_eq!((g.cents, g.method, g.article), (15_020, Some(PaymentMethod::Cheque), Article::Ir200));
        let errors = |input: DonationInput, kind| -> Vec<(&str, &str)> {
            input.validate(kind, today).unwrap_err().0.iter().map(|e| (e.field, e.key)).collect()
        };
        assert_eq!(
            errors(
                DonationInput { received_on: "01/07/2026".into(), amount: "0".into(), ..gift() },
                DonorKind::Individual
            ),
            [("received_on", "error-date-range"), ("amount", "error-amount-zero")]
        );
        assert_eq!(
            errors(DonationInput { method: String::new(), ..gift() }, DonorKind::Individual),
            [("method", "error-required")]
        );
        assert_eq!(errors(gift(), DonorKind::Organisation), [("article", "error-donation-article-donor")]);
        let in_kind = DonationInput { nature: "kind".into(), method: "cheque".into(), ..gift() };
        assert_eq!(errors(in_kind.clone(), DonorKind::Individual), [("description", "error-donation-description")]);
        let described = DonationInput { description: "Un ordinateur portable".into(), ..in_kind };
        assert_eq!(described.validate(DonorKind::Individual, today).unwrap().method, None, "no method for goods");
        let ifi = DonationInput { article: "978".into(), ..described.clone() };
        assert_eq!(errors(ifi, DonorKind::Individual), [("article", "error-donation-article-ifi")]);
        let fees = DonationInput { nature: "expenses".into(), article: "238bis".into(), ..described };
        assert_eq!(errors(fees, DonorKind::Organisation), [("nature", "error-donation-expenses-person")]);
        let company = DonationInput { article: String::new(), ..gift() };
        assert_eq!(company.validate(DonorKind::Organisation, today).unwrap().article, Article::Is238Bis);
    }

    #[test]
    fn gifts_are_booked_by_nature() {
        let today = d("2026-06-01");
        let accounts = Accounts::default();
        let booked = |input: DonationInput| -> Vec<(String, i64, i64)> {
            let g = input.validate(DonorKind::Individual, today).unwrap();
            g.lines(&accounts).into_iter().map(|l| (l.account, l.debit, l.credit)).collect()
        };
        let line = |a: &str, d, c| (a.to_string(), d, c);
        assert_eq!(booked(gift()), [line("5112", 15_020, 0), line("7541", 0, 15_020)]);
        assert_eq!(
            booked(DonationInput { method: "cash".into(), ..gift() }),
            [line("530", 15_020, 0), line("7541", 0, 15_020)]
        );
        let described = |nature: &str| DonationInput { nature: nature.into(), description: "x".into(), ..gift() };
        assert_eq!(booked(described("expenses")), [line("4681", 15_020, 0), line("75412", 0, 15_020)]);
        assert_eq!(booked(described("kind")), [line("860", 15_020, 0), line("870", 0, 15_020)]);
        assert_eq!(booked(described("income")), [line("467", 15_020, 0), line("75413", 0, 15_020)]);
        assert_eq!(booked(described("securities")), [line("503", 15_020, 0), line("7541", 0, 15_020)]);
    }

    #[test]
    fn receipt_settings() {
        let input = SettingsInput {
            object: "Éducation populaire".into(),
            category: "public-utility".into(),
            signatory_name: "Marie Curie".into(),
            signatory_capacity: "Présidente".into(),
            ..SettingsInput::default()
        };
        let fields: Vec<_> = input.validate().unwrap_err().0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["decree_on", "journal_on"]);
        let ok = SettingsInput { decree_on: "02/05/1990".into(), journal_on: "10/05/1990".into(), ..input.clone() };
        let s = ok.validate().unwrap();
        assert_eq!((s.decree_on, s.accounts.clone()), (Some(d("1990-05-02")), Accounts::default()));
        let wrong = SettingsInput { donations_account: "512".into(), fees_account: "75499x".into(), ..ok };
        let fields: Vec<_> = wrong.validate().unwrap_err().0.iter().map(|e| (e.field, e.key)).collect();
        assert_eq!(
            fields,
            [("donations_account", "error-donation-account"), ("fees_account", "error-donation-account")]
        );
        assert_eq!(
            missing_for_receipts("", (None, Some("")), Some(&s), false),
            ["receipt-missing-address", "receipt-missing-identifier", "receipt-missing-signature"]
        );
        assert!(missing_for_receipts("1 rue", (None, Some("W751234567")), Some(&s), true).is_empty());
    }
}
