//! Memberships and dues: period rules, tariffs, payments, a member's status
//! and the reminders it calls for. Pure: "today" is always an argument.

use crate::dates::{self, Date};
use crate::ids::CategoryId;
use crate::money;
use crate::validate::{self, Invalid};

/// How a payment turns into a period of membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodRule {
    /// 1 January to 31 December.
    CalendarYear,
    /// The association's fiscal year (its start month comes from the settings).
    FiscalYear,
    /// Twelve months from the payment (or from the end of the running period).
    Rolling12,
    /// A school or sports season starting each year on `month`/`day`.
    Season { month: u32, day: u32 },
    /// The same dates for everyone.
    Fixed { start: Date, end: Date },
    /// Never ends.
    Lifetime,
    /// The payment day only: nothing to renew.
    OneOff,
}

/// A period of membership; `end` is `None` for a lifetime membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Option<Date>,
}

impl PeriodRule {
    /// The stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            PeriodRule::CalendarYear => "calendar",
            PeriodRule::FiscalYear => "fiscal",
            PeriodRule::Rolling12 => "rolling",
            PeriodRule::Season { .. } => "season",
            PeriodRule::Fixed { .. } => "fixed",
            PeriodRule::Lifetime => "lifetime",
            PeriodRule::OneOff => "oneoff",
        }
    }

    pub const CODES: [&'static str; 7] = ["calendar", "fiscal", "rolling", "season", "fixed", "lifetime", "oneoff"];

    /// Whether periods follow one another (and so call for reminders).
    pub fn renews(self) -> bool {
        !matches!(self, PeriodRule::Fixed { .. } | PeriodRule::Lifetime | PeriodRule::OneOff)
    }

    /// The period a payment made on `paid_on` pays for. When the member's
    /// running period of this type ends on or after that day (`running_end`),
    /// the payment is a renewal and pays for the period after it.
    pub fn period(self, paid_on: Date, fiscal_start_month: u32, running_end: Option<Date>) -> Period {
        let from = match running_end {
            Some(end) if end >= paid_on && self.renews() => end.add_days(1),
            _ => paid_on,
        };
        let yearly = |month: u32, day: u32| {
            let this_year = Date::in_year(from.year(), month, day);
            let start = if this_year <= from { this_year } else { Date::in_year(from.year() - 1, month, day) };
            let next = Date::in_year(start.year() + 1, month, day);
            Period { start, end: Some(next.add_days(-1)) }
        };
        match self {
            PeriodRule::CalendarYear => yearly(1, 1),
            PeriodRule::FiscalYear => yearly(fiscal_start_month.clamp(1, 12), 1),
            PeriodRule::Season { month, day } => yearly(month, day),
            PeriodRule::Rolling12 => Period { start: from, end: Some(from.add_months(12).add_days(-1)) },
            PeriodRule::Fixed { start, end } => Period { start, end: Some(end.max(start)) },
            PeriodRule::Lifetime => Period { start: paid_on, end: None },
            PeriodRule::OneOff => Period { start: paid_on, end: Some(paid_on) },
        }
    }
}

/// What a membership costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tariff {
    Fixed(i64),
    /// A price per member category (reduced, student, family…); the lowest
    /// price among the member's categories applies, else `default`.
    ByCategory {
        default: i64,
        prices: Vec<(CategoryId, i64)>,
    },
    /// Whatever the member gives, at least `minimum`.
    Free {
        minimum: i64,
    },
}

impl Tariff {
    pub fn code(&self) -> &'static str {
        match self {
            Tariff::Fixed(_) => "fixed",
            Tariff::ByCategory { .. } => "category",
            Tariff::Free { .. } => "free",
        }
    }

    /// The amount due by a member in `categories` (the least they may pay for a free amount).
    pub fn price(&self, categories: &[CategoryId]) -> i64 {
        match self {
            Tariff::Fixed(cents) => *cents,
            Tariff::ByCategory { default, prices } => {
                prices.iter().filter(|(c, _)| categories.contains(c)).map(|(_, p)| *p).min().unwrap_or(*default)
            }
            Tariff::Free { minimum } => *minimum,
        }
    }
}

/// A membership type, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipType {
    pub name: String,
    pub rule: PeriodRule,
    pub tariff: Tariff,
    /// One membership covers every person of the payer's household.
    pub household: bool,
    /// Income account the ledger posts these dues to (756 by default).
    pub account: String,
}

/// The membership type form as typed. Category prices come as
/// `(category, typed amount)`; an empty amount means "the default price".
#[derive(Debug, Clone, Default)]
pub struct MembershipTypeInput {
    pub name: String,
    pub rule: String,
    pub season_month: String,
    pub season_day: String,
    pub fixed_start: String,
    pub fixed_end: String,
    pub tariff: String,
    pub amount: String,
    pub category_prices: Vec<(CategoryId, String)>,
    pub household: bool,
    pub account: String,
}

impl MembershipTypeInput {
    pub fn validate(&self) -> Result<MembershipType, Invalid> {
        let mut inv = Invalid::default();
        let name = validate::line(&self.name, 80).unwrap_or_else(|k| {
            inv.add("name", k);
            String::new()
        });
        let rule = match self.rule.as_str() {
            "calendar" => PeriodRule::CalendarYear,
            "fiscal" => PeriodRule::FiscalYear,
            "rolling" => PeriodRule::Rolling12,
            "lifetime" => PeriodRule::Lifetime,
            "oneoff" => PeriodRule::OneOff,
            "season" => {
                let month = self.season_month.trim().parse::<u32>().ok().filter(|m| (1..=12).contains(m));
                let day = self.season_day.trim().parse::<u32>().ok();
                match (month, day) {
                    (Some(month), Some(day)) if (1..=dates::days_in_month(2024, month)).contains(&day) => {
                        PeriodRule::Season { month, day }
                    }
                    (None, _) => {
                        inv.add("season_month", "error-month");
                        PeriodRule::CalendarYear
                    }
                    _ => {
                        inv.add("season_day", "error-day");
                        PeriodRule::CalendarYear
                    }
                }
            }
            "fixed" => {
                let start = dates::parse_typed(&self.fixed_start);
                let end = dates::parse_typed(&self.fixed_end);
                if start.is_none() {
                    inv.add("fixed_start", "error-date-any");
                }
                match (start, end) {
                    (Some(start), Some(end)) if end >= start => PeriodRule::Fixed { start, end },
                    (_, Some(_)) if start.is_some() => {
                        inv.add("fixed_end", "error-end-before-start");
                        PeriodRule::CalendarYear
                    }
                    _ => {
                        if end.is_none() {
                            inv.add("fixed_end", "error-date-any");
                        }
                        PeriodRule::CalendarYear
                    }
                }
            }
            _ => {
                inv.add("rule", "error-unknown-choice");
                PeriodRule::CalendarYear
            }
        };
        let amount = match self.amount.trim() {
            "" if self.tariff == "free" => Ok(0),
            raw => money::parse_cents(raw),
        }
        .unwrap_or_else(|k| {
            inv.add("amount", k);
            0
        });
        let tariff = match self.tariff.as_str() {
            "fixed" => Tariff::Fixed(amount),
            "free" => Tariff::Free { minimum: amount },
            "category" => {
                let mut prices = Vec::new();
                for (category, raw) in &self.category_prices {
                    match raw.trim() {
                        "" => {}
                        raw => match money::parse_cents(raw) {
                            Ok(p) => prices.push((*category, p)),
                            Err(k) => inv.add("category_prices", k),
                        },
                    }
                }
                Tariff::ByCategory { default: amount, prices }
            }
            _ => {
                inv.add("tariff", "error-unknown-choice");
                Tariff::Fixed(0)
            }
        };
        let account = match self.account.trim() {
            "" => "756".to_string(),
            a if a.len() <= 12 && a.bytes().all(|b| b.is_ascii_alphanumeric()) && a.starts_with('7') => a.to_string(),
            _ => {
                inv.add("account", "error-income-account");
                String::new()
            }
        };
        inv.into_result(MembershipType { name, rule, tariff, household: self.household, account })
    }
}

/// How a payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentMethod {
    Cash,
    Cheque,
    Transfer,
    Card,
    DirectDebit,
    HelloAsso,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 6] = [
        PaymentMethod::Cash,
        PaymentMethod::Cheque,
        PaymentMethod::Transfer,
        PaymentMethod::Card,
        PaymentMethod::DirectDebit,
        PaymentMethod::HelloAsso,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Cheque => "cheque",
            PaymentMethod::Transfer => "transfer",
            PaymentMethod::Card => "card",
            PaymentMethod::DirectDebit => "debit",
            PaymentMethod::HelloAsso => "helloasso",
        }
    }

    pub fn from_code(code: &str) -> Option<PaymentMethod> {
        PaymentMethod::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The account the money arrives on when the payment is posted: the cash
    /// box (530), cheques waiting to be paid in (5112), card payments waiting
    /// for the bank (5115), else the bank (512).
    pub fn account(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "530",
            PaymentMethod::Cheque => "5112",
            PaymentMethod::Card => "5115",
            PaymentMethod::Transfer | PaymentMethod::DirectDebit | PaymentMethod::HelloAsso => "512",
        }
    }
}

/// A payment, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub amount: i64,
    pub paid_on: Date,
    pub method: PaymentMethod,
    pub reference: String,
}

/// The payment form as typed.
#[derive(Debug, Clone, Default)]
pub struct PaymentInput {
    pub amount: String,
    pub paid_on: String,
    pub method: String,
    pub reference: String,
}

impl PaymentInput {
    /// Checks the payment against what the membership costs (`price`, the least
    /// accepted) and `today` (no payment from the future, none before 1990).
    pub fn validate(&self, price: i64, today: Date) -> Result<Payment, Invalid> {
        let mut inv = Invalid::default();
        let amount = match money::parse_cents(&self.amount) {
            Ok(a) if a < price => {
                inv.add("amount", "error-amount-below-price");
                a
            }
            Ok(a) => a,
            Err(k) => {
                inv.add("amount", k);
                0
            }
        };
        let paid_on = match dates::parse_typed(&self.paid_on) {
            Some(d) if d <= today && d.year() >= 1990 => d,
            Some(_) => {
                inv.add("paid_on", "error-date-range");
                today
            }
            None => {
                inv.add("paid_on", "error-date");
                today
            }
        };
        let method = PaymentMethod::from_code(&self.method).unwrap_or_else(|| {
            inv.add("method", "error-unknown-choice");
            PaymentMethod::Cash
        });
        let reference = self.reference.trim().to_string();
        if reference.chars().count() > 100 {
            inv.add("reference", "error-too-long");
        }
        inv.into_result(Payment { amount, paid_on, method, reference })
    }
}

/// Where a member stands with their dues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    UpToDate,
    /// Up to date, but the period ends within `due_soon_days`.
    DueSoon,
    /// The period ended less than `grace_days` ago.
    Late,
    /// The period ended longer ago.
    Lapsed,
    /// Never had a membership.
    Never,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::UpToDate, Status::DueSoon, Status::Late, Status::Lapsed, Status::Never];

    pub fn code(self) -> &'static str {
        match self {
            Status::UpToDate => "up-to-date",
            Status::DueSoon => "due-soon",
            Status::Late => "late",
            Status::Lapsed => "lapsed",
            Status::Never => "never",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The association's thresholds for the status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub due_soon_days: i64,
    pub grace_days: i64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { due_soon_days: 30, grace_days: 90 }
    }
}

/// A member's status from the last day their memberships cover (`paid_until`,
/// `Date::MAX` for a lifetime membership).
pub fn status(paid_until: Option<Date>, today: Date, policy: Policy) -> Status {
    match paid_until {
        None => Status::Never,
        Some(end) if end < today.add_days(-policy.grace_days) => Status::Lapsed,
        Some(end) if end < today => Status::Late,
        Some(end) if end <= today.add_days(policy.due_soon_days) => Status::DueSoon,
        Some(_) => Status::UpToDate,
    }
}

/// The `paid_until` days of members in `status`, as an inclusive range
/// (`None` for "never"), so a list can filter with an index instead of
/// computing every member's status. Agrees with [`status`] (tested).
pub fn paid_until_range(status: Status, today: Date, policy: Policy) -> Option<(Date, Date)> {
    let grace_start = today.add_days(-policy.grace_days);
    let soon_end = today.add_days(policy.due_soon_days);
    match status {
        Status::Never => None,
        Status::Lapsed => Some((Date::MIN, grace_start.add_days(-1))),
        Status::Late => Some((grace_start, today.add_days(-1))),
        Status::DueSoon => Some((today, soon_end)),
        Status::UpToDate => Some((soon_end.add_days(1), Date::MAX)),
    }
}

/// When to remind: days relative to the end of a period (−30 is thirty days
/// before, 0 the day itself, 15 a fortnight after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderOffsets(pub Vec<i64>);

impl ReminderOffsets {
    /// Reads "-30, 0, 15": at most six offsets between −365 and 365, sorted, once each.
    pub fn parse(raw: &str) -> Result<ReminderOffsets, &'static str> {
        let mut offsets = Vec::new();
        for part in raw.split([',', ';', ' ']).filter(|p| !p.trim().is_empty()) {
            let part = part.trim().replace('\u{2212}', "-");
            let n: i64 = part.strip_prefix('+').unwrap_or(&part).parse().map_err(|_| "error-offsets")?;
            if !(-365..=365).contains(&n) {
                return Err("error-offsets");
            }
            offsets.push(n);
        }
        offsets.sort_unstable();
        offsets.dedup();
        if offsets.len() > 6 {
            return Err("error-offsets");
        }
        Ok(ReminderOffsets(offsets))
    }

    /// The stored and typed form: "-30, 0, 15".
    pub fn text(&self) -> String {
        self.0.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
    }

    /// The offsets whose day (`period_end + offset`) has come, at most
    /// `catch_up_days` ago: a server that was off for a day still reminds,
    /// one off for a month does not send stale reminders. The caller keeps
    /// the (member, period end, offset) already sent, so none goes twice.
    pub fn due(&self, period_end: Date, today: Date, catch_up_days: i64) -> Vec<i64> {
        self.0
            .iter()
            .copied()
            .filter(|o| {
                let day = period_end.add_days(*o);
                day <= today && day > today.add_days(-catch_up_days - 1)
            })
            .collect()
    }
}

/// The words a reminder may use, filled in for one member.
pub struct ReminderFields<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub association: &'a str,
    /// The end of the period, as the member reads it.
    pub end: &'a str,
    /// What renewing costs, as the member reads it.
    pub amount: &'a str,
}

/// Fills `{prenom}`, `{nom}`, `{association}`, `{echeance}` and `{montant}`
/// in a reminder's text; other braces are left as typed.
pub fn fill_reminder(template: &str, f: &ReminderFields) -> String {
    template
        .replace("{prenom}", f.first_name)
        .replace("{nom}", f.last_name)
        .replace("{association}", f.association)
        .replace("{echeance}", f.end)
        .replace("{montant}", f.amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn p(rule: PeriodRule, paid: &str, running: Option<&str>) -> (String, String) {
        let period = rule.period(d(paid), 9, running.map(d));
        (period.start.to_string(), period.end.map(|e| e.to_string()).unwrap_or_default())
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn each_rule_gives_its_period() {
        assert_eq!(p(PeriodRule::CalendarYear, "2025-06-10", None), pair("2025-01-01", "2025-12-31"));
        // Renewing in December before the end pays for next year.
        assert_eq!(p(PeriodRule::CalendarYear, "2025-12-10", Some("2025-12-31")), pair("2026-01-01", "2026-12-31"));
        // After a lapse, the year of the payment.
        assert_eq!(p(PeriodRule::CalendarYear, "2027-03-01", Some("2025-12-31")), pair("2027-01-01", "2027-12-31"));
        assert_eq!(p(PeriodRule::FiscalYear, "2025-06-10", None), pair("2024-09-01", "2025-08-31"));
        assert_eq!(p(PeriodRule::FiscalYear, "2025-09-01", None), pair("2025-09-01", "2026-08-31"));
        let season = PeriodRule::Season { month: 9, day: 15 };
        assert_eq!(p(season, "2025-09-14", None), pair("2024-09-15", "2025-09-14"));
        assert_eq!(p(season, "2025-09-15", None), pair("2025-09-15", "2026-09-14"));
        assert_eq!(p(PeriodRule::Rolling12, "2024-02-29", None), pair("2024-02-29", "2025-02-27"));
        assert_eq!(p(PeriodRule::Rolling12, "2025-03-10", Some("2025-04-30")), pair("2025-05-01", "2026-04-30"));
        let fixed = PeriodRule::Fixed { start: d("2025-07-01"), end: d("2025-08-31") };
        assert_eq!(p(fixed, "2025-06-01", Some("2025-08-31")), pair("2025-07-01", "2025-08-31"));
        assert_eq!(p(PeriodRule::Lifetime, "2025-06-01", None), pair("2025-06-01", ""));
        assert_eq!(p(PeriodRule::OneOff, "2025-06-01", Some("2025-12-31")), pair("2025-06-01", "2025-06-01"));
        // A season starting on 29 February starts on the 28th in common years.
        let leap = PeriodRule::Season { month: 2, day: 29 };
        assert_eq!(p(leap, "2025-03-01", None), pair("2025-02-28", "2026-02-27"));
        assert_eq!(p(leap, "2024-03-01", None), pair("2024-02-29", "2025-02-27"));
    }

    #[test]
    fn status_follows_the_end_of_the_last_period() {
        let today = d("2025-06-15");
        let policy = Policy::default();
        for (end, expected) in [
            (None, Status::Never),
            (Some("2025-12-31"), Status::UpToDate),
            (Some("2025-07-15"), Status::DueSoon),
            (Some("2025-06-15"), Status::DueSoon),
            (Some("2025-06-14"), Status::Late),
            (Some("2025-03-17"), Status::Late),
            (Some("2025-03-16"), Status::Lapsed),
        ] {
            assert_eq!(status(end.map(d), today, policy), expected, "{end:?}");
        }
        assert_eq!(status(Some(Date::MAX), today, policy), Status::UpToDate);
    }

    #[test]
    fn reminders_come_on_their_day_once_caught_up() {
        let offsets = ReminderOffsets::parse("15, -30,0, −30").unwrap();
        assert_eq!(offsets.0, vec![-30, 0, 15]);
        assert_eq!(offsets.text(), "-30, 0, 15");
        let end = d("2025-12-31");
        assert_eq!(offsets.due(end, d("2025-12-01"), 3), vec![-30]);
        assert_eq!(offsets.due(end, d("2025-12-04"), 3), vec![-30]);
        assert_eq!(offsets.due(end, d("2025-12-05"), 3), Vec::<i64>::new());
        assert_eq!(offsets.due(end, d("2026-01-15"), 3), vec![15]);
        for bad in ["-400", "a", "1,2,3,4,5,6,7", "1.5"] {
            assert_eq!(ReminderOffsets::parse(bad), Err("error-offsets"), "{bad}");
        }
    }

    #[test]
    fn tariffs_and_types() {
        let t = Tariff::ByCategory { default: 2000, prices: vec![(CategoryId(2), 1000), (CategoryId(3), 500)] };
        assert_eq!(t.price(&[]), 2000);
        assert_eq!(t.price(&[CategoryId(2), CategoryId(3)]), 500);
        let input = MembershipTypeInput {
            name: "Adhésion".into(),
            rule: "season".into(),
            season_month: "9".into(),
            season_day: "1".into(),
            tariff: "category".into(),
            amount: "20".into(),
            category_prices: vec![(CategoryId(2), "10,00".into()), (CategoryId(3), "".into())],
            ..Default::default()
        };
        let ty = input.validate().unwrap();
        assert_eq!(ty.rule, PeriodRule::Season { month: 9, day: 1 });
        assert_eq!(ty.tariff, Tariff::ByCategory { default: 2000, prices: vec![(CategoryId(2), 1000)] });
        assert_eq!(ty.account, "756");
        let bad = MembershipTypeInput {
            rule: "fixed".into(),
            fixed_start: "2025-09-01".into(),
            fixed_end: "2025-08-01".into(),
            tariff: "fixed".into(),
            amount: "12,5O".into(),
            account: "411".into(),
            ..Default::default()
        };
        let e = bad.validate().unwrap_err();
        for (f, k) in [
            ("name", "error-required"),
            ("fixed_end", "error-end-before-start"),
            ("amount", "error-amount"),
            ("account", "error-income-account"),
        ] {
            assert_eq!(e.for_field(f), Some(k), "{f}");
        }
    }

    #[test]
    fn payments_are_checked() {
        let today = d("2025-06-15");
        let ok = PaymentInput {
            amount: "25".into(),
            paid_on: "14/06/2025".into(),
            method: "cheque".into(),
            reference: " n° 1234 ".into(),
        };
        let pay = ok.validate(2000, today).unwrap();
        assert_eq!(
            (pay.amount, pay.paid_on, pay.method, pay.reference.as_str()),
            (2500, d("2025-06-14"), PaymentMethod::Cheque, "n° 1234")
        );
        let bad = PaymentInput { amount: "10".into(), paid_on: "2025-06-16".into(), method: "bitcoin".into(), ..ok };
        let e = bad.validate(2000, today).unwrap_err();
        assert_eq!(e.for_field("amount"), Some("error-amount-below-price"));
        assert_eq!(e.for_field("paid_on"), Some("error-date-range"));
        assert_eq!(e.for_field("method"), Some("error-unknown-choice"));
    }

    #[test]
    fn reminder_text_is_filled() {
        let f = ReminderFields {
            first_name: "Léa",
            last_name: "Roux",
            association: "Les Amis",
            end: "31/12/2025",
            amount: "20,00 €",
        };
        assert_eq!(
            fill_reminder("Bonjour {prenom} {nom}, {association} : {echeance}, {montant} {autre}", &f),
            "Bonjour Léa Roux, Les Amis : 31/12/2025, 20,00 € {autre}"
        );
    }
}
