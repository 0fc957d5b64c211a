//! The access registry: every outside account the association depends on
//! (registrar, bank, mailboxes…), who holds each, and the risks that follow —
//! accounts one absence would lock, personal login addresses, no second
//! factor, nothing verified for a year, renewals about to lapse.

use crate::validate::{self, Invalid};
use crate::{Date, UserId};
use std::collections::BTreeSet;

/// What an outside account is for. Decides its default criticality and the
/// handover steps it brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Registrar,
    Dns,
    Hosting,
    Mailbox,
    Bank,
    Payments,
    Social,
    Insurer,
    Prefecture,
    Phone,
    Other,
}

impl Kind {
    /// Every kind, in the order the form offers them.
    pub const ALL: [Kind; 11] = [
        Kind::Registrar,
        Kind::Dns,
        Kind::Hosting,
        Kind::Mailbox,
        Kind::Bank,
        Kind::Payments,
        Kind::Social,
        Kind::Insurer,
        Kind::Prefecture,
        Kind::Phone,
        Kind::Other,
    ];

    /// The stable code stored and used in forms.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Registrar => "registrar",
            Kind::Dns => "dns",
            Kind::Hosting => "hosting",
            Kind::Mailbox => "mailbox",
            Kind::Bank => "bank",
            Kind::Payments => "payments",
            Kind::Social => "social",
            Kind::Insurer => "insurer",
            Kind::Prefecture => "prefecture",
            Kind::Phone => "phone",
            Kind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether losing this account stops the association: its name and mail
    /// (registrar, DNS, hosting, mailboxes) and its money (bank, payments).
    pub fn critical_by_default(self) -> bool {
        matches!(self, Kind::Registrar | Kind::Dns | Kind::Hosting | Kind::Mailbox | Kind::Bank | Kind::Payments)
    }
}

/// The second factor protecting an account's login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TwoFactor {
    Unknown,
    None,
    Sms,
    App,
    Key,
}

impl TwoFactor {
    pub const ALL: [TwoFactor; 5] =
        [TwoFactor::Unknown, TwoFactor::None, TwoFactor::Sms, TwoFactor::App, TwoFactor::Key];

    pub fn code(self) -> &'static str {
        match self {
            TwoFactor::Unknown => "unknown",
            TwoFactor::None => "none",
            TwoFactor::Sms => "sms",
            TwoFactor::App => "app",
            TwoFactor::Key => "key",
        }
    }

    pub fn from_code(code: &str) -> Option<TwoFactor> {
        TwoFactor::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// An account of the registry as checked and stored (holders apart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub kind: Kind,
    pub service: String,
    pub address: String,
    pub login: String,
    pub two_factor: TwoFactor,
    pub recovery: String,
    pub critical: bool,
    pub expires_on: Option<Date>,
    pub verified_on: Option<Date>,
    pub notes: String,
    /// The vault entry holding its secret, by number (the vault keeps the
    /// entry's name encrypted, so the registry knows only the number).
    pub vault_entry: Option<i64>,
}

/// The account form as typed.
#[derive(Debug, Clone, Default)]
pub struct AccountInput {
    pub kind: String,
    pub service: String,
    pub address: String,
    pub login: String,
    pub two_factor: String,
    pub recovery: String,
    /// "on" when ticked.
    pub critical: String,
    pub expires_on: String,
    pub verified_on: String,
    pub notes: String,
    pub vault_entry: String,
}

impl AccountInput {
    /// The form's fields, in order (holders are a list of their own).
    pub const FIELDS: [&'static str; 11] = [
        "kind",
        "service",
        "address",
        "login",
        "two_factor",
        "recovery",
        "critical",
        "expires_on",
        "verified_on",
        "notes",
        "vault_entry",
    ];

    /// Checks every field, all problems at once. A verification date cannot
    /// be in the future (`today` comes from the caller: no clock here).
    pub fn validate(&self, today: Date) -> Result<Account, Invalid> {
        let mut inv = Invalid::default();
        let kind = Kind::from_code(self.kind.trim()).unwrap_or_else(|| {
            inv.add("kind", "error-unknown-choice");
            Kind::Other
        });
        let service = validate::line(&self.service, 120).unwrap_or_else(|k| {
            inv.add("service", k);
            String::new()
        });
        let mut optional = |field: &'static str, raw: &str, max: usize| -> String {
            let raw = raw.trim();
            if raw.chars().count() > max || raw.chars().any(char::is_control) {
                inv.add(field, "error-too-long");
                return String::new();
            }
            raw.to_string()
        };
        let address = optional("address", &self.address, 300);
        let login = optional("login", &self.login, 200);
        let recovery = optional("recovery", &self.recovery, 300);
        let notes = self.notes.trim().to_string();
        if notes.chars().count() > 2000 {
            inv.add("notes", "error-too-long");
        }
        if !address.is_empty() && !looks_like_address(&address) {
            inv.add("address", "error-web-address");
        }
        let two_factor = TwoFactor::from_code(self.two_factor.trim()).unwrap_or_else(|| {
            inv.add("two_factor", "error-unknown-choice");
            TwoFactor::Unknown
        });
        let mut date = |field: &'static str, raw: &str| match raw.trim() {
            "" => None,
            raw => {
                let d = crate::dates::parse_typed(raw);
                if d.is_none() {
                    inv.add(field, "error-date");
                }
                d
            }
        };
        let expires_on = date("expires_on", &self.expires_on);
        let verified_on = date("verified_on", &self.verified_on);
        if verified_on.is_some_and(|d| d > today) {
            inv.add("verified_on", "error-date-future");
        }
        let vault_entry = match self.vault_entry.trim().trim_start_matches('#') {
            "" => None,
            raw => match raw.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    inv.add("vault_entry", "error-number");
                    None
                }
            },
        };
        inv.into_result(Account {
            kind,
            service,
            address,
            login,
            two_factor,
            recovery,
            critical: self.critical == "on",
            expires_on,
            verified_on,
            notes,
            vault_entry,
        })
    }
}

/// A web address or a bare host name ("banque.fr/pro"): what people paste.
fn looks_like_address(raw: &str) -> bool {
    let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://")).unwrap_or(raw);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !raw.contains(char::is_whitespace) && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
}

/// The domain of an email address, lower case, if it is one.
pub fn email_domain(login: &str) -> Option<String> {
    let (local, domain) = login.trim().rsplit_once('@')?;
    (!local.is_empty() && domain.contains('.')).then(|| domain.to_lowercase())
}

/// Consumer mailbox providers: a login on one of them belongs to a person,
/// not to the association (used when the association named no domain).
const PERSONAL_PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "outlook.fr",
    "hotmail.com",
    "hotmail.fr",
    "live.fr",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.fr",
    "icloud.com",
    "me.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "neuf.fr",
    "laposte.net",
    "bbox.fr",
    "aol.com",
    "gmx.fr",
    "gmx.com",
    "proton.me",
    "protonmail.com",
    "tutanota.com",
    "tuta.io",
    "mailo.com",
    "netcourrier.com",
    "posteo.net",
    "disroot.org",
    "riseup.net",
];

/// What the risks are judged against.
#[derive(Debug, Clone)]
pub struct Context {
    pub today: Date,
    /// The association's own mail domains (lower case).
    pub own_domains: Vec<String>,
    /// The team's personal addresses (lower case): a login equal to one is a
    /// person's own account.
    pub team_emails: Vec<String>,
    /// Who is in the team today; a holder who left counts for nothing.
    pub team: BTreeSet<UserId>,
}

/// An account with what the risks need.
#[derive(Debug, Clone)]
pub struct Held<'a> {
    pub account: &'a Account,
    pub holders: &'a [UserId],
}

/// A risk found on one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Risk {
    /// Nobody in the team holds it.
    NoHolder,
    /// One person holds it: their absence locks the association out.
    SingleHolder,
    /// Someone who left the team still holds it.
    FormerHolder,
    /// The login is a person's address, not the association's.
    PersonalLogin,
    /// No second factor (or not known).
    NoTwoFactor,
    /// Not checked for a year (or never).
    NotVerified,
    /// Lapsed already.
    Expired,
    /// Lapses within [`EXPIRY_WARNING_DAYS`].
    ExpiringSoon,
}

impl Risk {
    pub fn code(self) -> &'static str {
        match self {
            Risk::NoHolder => "no-holder",
            Risk::SingleHolder => "single-holder",
            Risk::FormerHolder => "former-holder",
            Risk::PersonalLogin => "personal-login",
            Risk::NoTwoFactor => "no-two-factor",
            Risk::NotVerified => "not-verified",
            Risk::Expired => "expired",
            Risk::ExpiringSoon => "expiring-soon",
        }
    }
}

/// A renewal this close is flagged (and reminded).
pub const EXPIRY_WARNING_DAYS: i64 = 30;
/// An account not verified for this long is flagged (and reminded).
pub const VERIFY_EVERY_DAYS: i64 = 365;

/// Whether `login` is a person's address rather than the association's.
pub fn is_personal_login(login: &str, ctx: &Context) -> bool {
    let Some(domain) = email_domain(login) else { return false };
    let login = login.trim().to_lowercase();
    if ctx.team_emails.contains(&login) {
        return true;
    }
    if ctx.own_domains.is_empty() {
        PERSONAL_PROVIDERS.contains(&domain.as_str())
    } else {
        !ctx.own_domains.iter().any(|own| domain == *own || domain.ends_with(&format!(".{own}")))
    }
}

/// The risks of one account, most serious first.
pub fn risks(held: &Held, ctx: &Context) -> Vec<Risk> {
    let a = held.account;
    let mut out = Vec::new();
    let present = held.holders.iter().filter(|h| ctx.team.contains(h)).count();
    match present {
        0 => out.push(Risk::NoHolder),
        1 => out.push(Risk::SingleHolder),
        _ => {}
    }
    if held.holders.iter().any(|h| !ctx.team.contains(h)) {
        out.push(Risk::FormerHolder);
    }
    if is_personal_login(&a.login, ctx) {
        out.push(Risk::PersonalLogin);
    }
    if matches!(a.two_factor, TwoFactor::None | TwoFactor::Unknown) {
        out.push(Risk::NoTwoFactor);
    }
    if a.verified_on.is_none_or(|d| ctx.today.days() - d.days() >= VERIFY_EVERY_DAYS) {
        out.push(Risk::NotVerified);
    }
    if let Some(end) = a.expires_on {
        let left = end.days() - ctx.today.days();
        if left < 0 {
            out.push(Risk::Expired);
        } else if left <= EXPIRY_WARNING_DAYS {
            out.push(Risk::ExpiringSoon);
        }
    }
    out
}

/// The association's bus factor: the smallest number of people whose
/// absence locks it out of a critical account. An account is lost when all
/// its present holders are away, so it is the fewest present holders of any
/// critical account (0 when one has none). `None` when nothing is critical.
pub fn bus_factor<'a>(accounts: impl IntoIterator<Item = Held<'a>>, team: &BTreeSet<UserId>) -> Option<usize> {
    accounts
        .into_iter()
        .filter(|h| h.account.critical)
        .map(|h| h.holders.iter().filter(|u| team.contains(u)).collect::<BTreeSet<_>>().len())
        .min()
}

/// The association's own domains as typed: "asso.fr, asso.org".
pub fn parse_domains(raw: &str) -> Result<Vec<String>, &'static str> {
    let mut out: Vec<String> = Vec::new();
    for part in raw.split([',', ' ', ';', '\n']).map(str::trim).filter(|p| !p.is_empty()) {
        let d = part.trim_start_matches('@').trim_end_matches('.').to_lowercase();
        let ok = d.len() <= 253
            && d.contains('.')
            && d.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !ok {
            return Err("error-domain");
        }
        if !out.contains(&d) {
            out.push(d);
        }
    }
    Ok(out)
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The account lapses on the date.
    Expiry,
    /// The yearly check falls on the date.
    Verification,
}

impl Due {
    pub fn code(self) -> &'static str {
        match self {
            Due::Expiry => "expiry",
            Due::Verification => "verification",
        }
    }
}

/// The reminder an account calls for today, with the date it is about
/// (reminders are recorded per date, so each is sent once): an expiry
/// within [`EXPIRY_WARNING_DAYS`] (or passed less than a month ago), a
/// verification that is due.
pub fn reminders_due(a: &Account, today: Date) -> Vec<(Due, Date)> {
    let mut out = Vec::new();
    if let Some(end) = a.expires_on {
        let left = end.days() - today.days();
        if (-EXPIRY_WARNING_DAYS..=EXPIRY_WARNING_DAYS).contains(&left) {
            out.push((Due::Expiry, end));
        }
    }
    // A never-verified account is due from today; one verified counts a year on.
    let due = a.verified_on.map_or(today, |d| d.add_days(VERIFY_EVERY_DAYS));
    if due <= today {
        out.push((Due::Verification, due));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn account(kind: Kind) -> Account {
        Account {
            kind,
            service: "Banque".into(),
            address: String::new(),
            login: "tresorerie@asso.fr".into(),
            two_factor: TwoFactor::App,
            recovery: String::new(),
            critical: kind.critical_by_default(),
            expires_on: None,
            verified_on: Some(day("2026-06-01")),
            notes: String::new(),
            vault_entry: None,
        }
    }

    fn ctx(team: &[i64]) -> Context {
        Context {
            today: day("2026-12-01"),
            own_domains: vec!["asso.fr".into()],
            team_emails: vec!["alice@gmail.com".into()],
            team: team.iter().map(|&u| UserId(u)).collect(),
        }
    }

    #[test]
    fn a_well_kept_account_has_no_risk() {
        let a = account(Kind::Bank);
        assert!(risks(&Held { account: &a, holders: &[UserId(1), UserId(2)] }, &ctx(&[1, 2])).is_empty());
    }

    #[test]
    fn each_risk_is_found() {
        let mut a = account(Kind::Bank);
        a.login = "alice@gmail.com".into();
        a.two_factor = TwoFactor::Unknown;
        a.verified_on = Some(day("2025-12-01"));
        a.expires_on = Some(day("2026-12-31"));
        let found = risks(&Held { account: &a, holders: &[UserId(1), UserId(9)] }, &ctx(&[1]));
        assert_eq!(
            found,
            [
                Risk::SingleHolder,
                Risk::FormerHolder,
                Risk::PersonalLogin,
                Risk::NoTwoFactor,
                Risk::NotVerified,
                Risk::ExpiringSoon
            ]
        );
        a.expires_on = Some(day("2026-11-30"));
        assert!(risks(&Held { account: &a, holders: &[] }, &ctx(&[1])).contains(&Risk::Expired));
        assert_eq!(risks(&Held { account: &a, holders: &[] }, &ctx(&[1]))[0], Risk::NoHolder);
    }

    #[test]
    fn verified_just_under_a_year_ago_is_fine() {
        let mut a = account(Kind::Bank);
        a.verified_on = Some(day("2025-12-02"));
        assert!(
            !risks(&Held { account: &a, holders: &[UserId(1), UserId(2)] }, &ctx(&[1, 2])).contains(&Risk::NotVerified)
        );
    }

    #[test]
    fn personal_logins() {
        let with_domain = ctx(&[]);
        assert!(!is_personal_login("bureau@asso.fr", &with_domain));
        assert!(!is_personal_login("bureau@lists.asso.fr", &with_domain));
        assert!(is_personal_login("bureau@free.fr", &with_domain));
        assert!(is_personal_login("ALICE@gmail.com", &with_domain));
        assert!(!is_personal_login("identifiant-123", &with_domain), "not an address: cannot tell");
        let mut no_domain = ctx(&[]);
        no_domain.own_domains.clear();
        assert!(is_personal_login("asso.quartier@gmail.com", &no_domain));
        assert!(!is_personal_login("contact@quartier-vivant.org", &no_domain));
        assert!(!is_personal_login("contact@notasso.fr", &no_domain), "unknown domain, no own domain named");
    }

    #[test]
    fn bus_factor_is_the_fewest_present_holders_of_a_critical_account() {
        let bank = account(Kind::Bank);
        let registrar = account(Kind::Registrar);
        let social = account(Kind::Social);
        let team: BTreeSet<UserId> = [1, 2, 3].map(UserId).into();
        let three = [UserId(1), UserId(2), UserId(3)];
        let two = [UserId(1), UserId(2), UserId(7)];
        let one = [UserId(3)];
        let held = [
            Held { account: &bank, holders: &three },
            Held { account: &registrar, holders: &two },
            Held { account: &social, holders: &one },
        ];
        assert_eq!(bus_factor(held.iter().cloned(), &team), Some(2), "social is not critical; 7 left the team");
        assert_eq!(bus_factor([Held { account: &social, holders: &one }], &team), None);
        assert_eq!(bus_factor([Held { account: &bank, holders: &[] }], &team), Some(0));
    }

    #[test]
    fn the_form_is_checked_field_by_field() {
        let input = AccountInput {
            kind: "bank".into(),
            service: "Crédit Coopératif".into(),
            address: "https://www.credit-cooperatif.coop".into(),
            login: "tresorerie@asso.fr".into(),
            two_factor: "app".into(),
            critical: "on".into(),
            expires_on: "31/12/2027".into(),
            verified_on: "2026-11-30".into(),
            ..Default::default()
        };
        let a = input.validate(day("2026-12-01")).unwrap();
        assert_eq!((a.kind, a.critical, a.expires_on), (Kind::Bank, true, Some(day("2027-12-31"))));
        let bad = AccountInput {
            kind: "castle".into(),
            service: " ".into(),
            address: "not an address".into(),
            two_factor: "pigeon".into(),
            expires_on: "32/13/2027".into(),
            verified_on: "2027-01-01".into(),
            ..Default::default()
        };
        let inv = bad.validate(day("2026-12-01")).unwrap_err();
        let fields: Vec<_> = inv.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kind", "service", "address", "two_factor", "expires_on", "verified_on"]);
    }

    #[test]
    fn domains_are_read_leniently_and_checked() {
        assert_eq!(parse_domains("Asso.fr, @asso.org asso.fr").unwrap(), ["asso.fr", "asso.org"]);
        assert_eq!(parse_domains("").unwrap(), Vec::<String>::new());
        assert_eq!(parse_domains("asso"), Err("error-domain"));
        assert_eq!(parse_domains("-bad.fr"), Err("error-domain"));
        assert_eq!(parse_domains("école.fr").unwrap(), ["école.fr"]);
    }

    #[test]
    fn reminders_fall_once_per_date() {
        let mut a = account(Kind::Registrar);
        a.expires_on = Some(day("2026-12-20"));
        a.verified_on = Some(day("2025-11-15"));
        let today = day("2026-12-01");
        assert_eq!(
            reminders_due(&a, today),
            [(Due::Expiry, day("2026-12-20")), (Due::Verification, day("2026-11-15"))]
        );
        a.expires_on = Some(day("2027-06-01"));
        a.verified_on = Some(day("2026-06-01"));
        assert!(reminders_due(&a, today).is_empty());
        a.verified_on = None;
        assert_eq!(reminders_due(&a, today), [(Due::Verification, today)]);
    }
}
