//! Membership types, payments, periods of membership and the reminders they
//! call for. Recording a payment returns a [`Recorded`] the accounting module
//! posts to the ledger on its own (`payments.entry_id` links them).

use crate::{Db, Result};
use domain::dues::{MembershipType, Payment, PaymentMethod, Period, PeriodRule, Policy, ReminderOffsets, Tariff};
use domain::{
    Administer, AssociationId, CategoryId, Date, Grant, ManageMembers, MemberId, MembershipTypeId, PaymentId,
};

/// A membership type as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TypeRow {
    pub id: i64,
    pub name: String,
    pub rule: String,
    pub season_month: Option<i64>,
    pub season_day: Option<i64>,
    pub fixed_start: Option<String>,
    pub fixed_end: Option<String>,
    pub tariff: String,
    pub amount_cents: i64,
    pub household: bool,
    pub account: String,
    pub archived: bool,
    #[sqlx(skip)]
    pub prices: Vec<(CategoryId, i64)>,
}

impl TypeRow {
    /// The rule and tariff this row stores.
    pub fn to_domain(&self) -> MembershipType {
        let date = |d: &Option<String>| d.as_deref().and_then(Date::parse_iso).unwrap_or(Date::MIN);
        let rule = match self.rule.as_str() {
            "fiscal" => PeriodRule::FiscalYear,
            "rolling" => PeriodRule::Rolling12,
            "season" => PeriodRule::Season {
                month: self.season_month.unwrap_or(1) as u32,
                day: self.season_day.unwrap_or(1) as u32,
            },
            "fixed" => PeriodRule::Fixed { start: date(&self.fixed_start), end: date(&self.fixed_end) },
            "lifetime" => PeriodRule::Lifetime,
            "oneoff" => PeriodRule::OneOff,
            _ => PeriodRule::CalendarYear,
        };
        let tariff = match self.tariff.as_str() {
            "category" => Tariff::ByCategory { default: self.amount_cents, prices: self.prices.clone() },
            "free" => Tariff::Free { minimum: self.amount_cents },
            _ => Tariff::Fixed(self.amount_cents),
        };
        MembershipType {
            name: self.name.clone(),
            rule,
            tariff,
            household: self.household,
            account: self.account.clone(),
        }
    }
}

const TYPE_COLUMNS: &str = "id, name, rule, season_month, season_day, fixed_start, fixed_end, tariff, amount_cents, \
                            household, account, archived";

/// The association's membership types (archived ones last), with their category prices.
pub async fn types(db: &Db, a: AssociationId) -> Result<Vec<TypeRow>> {
    let sql = format!("SELECT {TYPE_COLUMNS} FROM dues_types WHERE association_id = $1 ORDER BY archived, name");
    let mut rows: Vec<TypeRow> = on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).fetch_all(p).await)?;
    let prices: Vec<(i64, i64, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT type_id, category_id, amount_cents FROM dues_type_prices WHERE association_id = $1 \
         ORDER BY type_id, category_id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    for row in &mut rows {
        row.prices = prices.iter().filter(|(t, _, _)| *t == row.id).map(|(_, c, p)| (CategoryId(*c), *p)).collect();
    }
    Ok(rows)
}

/// One membership type of `a`.
pub async fn get_type(db: &Db, a: AssociationId, id: MembershipTypeId) -> Result<Option<TypeRow>> {
    Ok(types(db, a).await?.into_iter().find(|t| t.id == id.0))
}

/// Adds a membership type; `Error::Conflict` if the name is taken.
pub async fn create_type(db: &Db, g: &Grant<ManageMembers>, t: &MembershipType) -> Result<MembershipTypeId> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "dues_types", 1);
        sqlx::query("INSERT INTO dues_types (association_id, id, name, rule, tariff, amount_cents) VALUES ($1, $2, '', '', '', 0)")
            .bind(a)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        write_type!(&mut *tx, a, id, t);
        tx.commit().await?;
        Ok(MembershipTypeId(id))
    })
}

/// Changes a membership type (periods already recorded keep their dates);
/// false if there is no such type.
pub async fn update_type(
    db: &Db,
    g: &Grant<ManageMembers>,
    id: MembershipTypeId,
    t: &MembershipType,
    archived: bool,
) -> Result<bool> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let found = sqlx::query("UPDATE dues_types SET archived = $3 WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(id.0)
            .bind(archived)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if found != 1 {
            return Ok(false);
        }
        write_type!(&mut *tx, a, id.0, t);
        tx.commit().await?;
        Ok(true)
    })
}

/// Writes a type's fields and category prices over an existing row.
macro_rules! write_type {
    ($tx:expr, $a:expr, $id:expr, $t:expr) => {{
        let t: &MembershipType = $t;
        let (season_month, season_day, fixed_start, fixed_end) = match t.rule {
            PeriodRule::Season { month, day } => (Some(i64::from(month)), Some(i64::from(day)), None, None),
            PeriodRule::Fixed { start, end } => (None, None, Some(start.to_string()), Some(end.to_string())),
            _ => (None, None, None, None),
        };
        let (amount, prices): (i64, &[(CategoryId, i64)]) = match &t.tariff {
            Tariff::Fixed(c) => (*c, &[]),
            Tariff::Free { minimum } => (*minimum, &[]),
            Tariff::ByCategory { default, prices } => (*default, prices),
        };
        sqlx::query(
            "UPDATE dues_types SET name = $3, rule = $4, season_month = $5, season_day = $6, fixed_start = $7, \
             fixed_end = $8, tariff = $9, amount_cents = $10, household = $11, account = $12 \
             WHERE association_id = $1 AND id = $2",
        )
        .bind($a)
        .bind($id)
        .bind(&t.name)
        .bind(t.rule.code())
        .bind(season_month)
        .bind(season_day)
        .bind(fixed_start)
        .bind(fixed_end)
        .bind(t.tariff.code())
        .bind(amount)
        .bind(t.household)
        .bind(&t.account)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("DELETE FROM dues_type_prices WHERE association_id = $1 AND type_id = $2")
            .bind($a)
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        for (category, cents) in prices {
            sqlx::query(
                "INSERT INTO dues_type_prices (association_id, type_id, category_id, amount_cents) \
                 SELECT $1, $2, id, $4 FROM categories WHERE association_id = $1 AND id = $3",
            )
            .bind($a)
            .bind($id)
            .bind(category.0)
            .bind(cents)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
use write_type;

/// What the accounting module needs to post a payment, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub payment: PaymentId,
    pub member: MemberId,
    pub amount: i64,
    pub paid_on: Date,
    pub method: PaymentMethod,
    /// The income account of the membership type (756 by default).
    pub account: String,
    /// The period paid for, and everyone it covers (the household when the type says so).
    pub period: Period,
    pub covered: Vec<MemberId>,
}

/// Records a payment and its period inside an open transaction `$tx`
/// (the member is known to exist); evaluates to the [`Recorded`].
macro_rules! record_in {
    ($tx:expr, $a:expr, $user:expr, $member:expr, $type_id:expr, $ty:expr, $pay:expr, $fiscal:expr, $now:expr) => {{
        let tx = $tx;
        let (a, member, type_id): (i64, domain::MemberId, domain::MembershipTypeId) = ($a, $member, $type_id);
        let domain_type: &domain::dues::MembershipType = $ty;
        let pay: &domain::dues::Payment = $pay;
        // A household payment is made by its payer and covers each person in it.
        let covered: Vec<i64> = if domain_type.household {
            let payer: i64 = sqlx::query_scalar(
                "SELECT COALESCE((SELECT payer_id FROM households WHERE association_id = $1 AND member_id = $2), $2)",
            )
            .bind(a)
            .bind(member.0)
            .fetch_one(&mut **tx)
            .await?;
            sqlx::query_scalar(
                "SELECT $2 UNION SELECT member_id FROM households WHERE association_id = $1 AND payer_id = $2 ORDER BY 1",
            )
            .bind(a)
            .bind(payer)
            .fetch_all(&mut **tx)
            .await?
        } else {
            vec![member.0]
        };
        let running: Option<String> = sqlx::query_scalar(
            "SELECT MAX(end_date) FROM dues_periods WHERE association_id = $1 AND member_id = $2 AND type_id = $3",
        )
        .bind(a)
        .bind(member.0)
        .bind(type_id.0)
        .fetch_one(&mut **tx)
        .await?;
        let period =
            domain_type.rule.period(pay.paid_on, $fiscal, running.as_deref().and_then(domain::Date::parse_iso));
        let end = period.end.unwrap_or(domain::Date::MAX).to_string();
        let payment = next_ids!(&mut **tx, a, "payments", 1);
        sqlx::query(
            "INSERT INTO payments (association_id, id, member_id, type_id, amount_cents, paid_on, method, reference, \
             recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(a)
        .bind(payment)
        .bind(member.0)
        .bind(type_id.0)
        .bind(pay.amount)
        .bind(pay.paid_on.to_string())
        .bind(pay.method.code())
        .bind(&pay.reference)
        .bind($user)
        .bind($now)
        .execute(&mut **tx)
        .await?;
        let first = next_ids!(&mut **tx, a, "dues_periods", covered.len() as i64);
        for (i, person) in covered.iter().enumerate() {
            sqlx::query(
                "INSERT INTO dues_periods (association_id, id, member_id, type_id, payment_id, start_date, end_date) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(a)
            .bind(first + i as i64)
            .bind(person)
            .bind(type_id.0)
            .bind(payment)
            .bind(period.start.to_string())
            .bind(&end)
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "UPDATE members SET paid_until = $3 WHERE association_id = $1 AND id = $2 \
                 AND (paid_until IS NULL OR paid_until < $3)",
            )
            .bind(a)
            .bind(person)
            .bind(&end)
            .execute(&mut **tx)
            .await?;
        }
        $crate::dues::Recorded {
            payment: domain::PaymentId(payment),
            member,
            amount: pay.amount,
            paid_on: pay.paid_on,
            method: pay.method,
            account: domain_type.account.clone(),
            period,
            covered: covered.into_iter().map(domain::MemberId).collect(),
        }
    }};
}
pub(crate) use record_in;

/// Records a payment for a membership and the period it pays for, in one
/// transaction. The period follows on from the payer's running period of the
/// same type; a household type covers the payer and everyone in their
/// household. `None` if the member or the type is not `a`'s, or the type is archived.
pub async fn record_payment(
    db: &Db,
    g: &Grant<ManageMembers>,
    member: MemberId,
    type_id: MembershipTypeId,
    pay: &Payment,
    fiscal_start_month: u32,
    now: i64,
) -> Result<Option<Recorded>> {
    let a = g.association_id();
    let Some(ty) = get_type(db, a, type_id).await?.filter(|t| !t.archived) else { return Ok(None) };
    let domain_type = ty.to_domain();
    let a = a.0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM members WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(member.0)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Ok(None);
        }
        let recorded =
            record_in!(&mut tx, a, Some(g.user_id().0), member, type_id, &domain_type, pay, fiscal_start_month, now);
        tx.commit().await?;
        Ok::<_, crate::Error>(Some(recorded))
    })
}

/// Puts `member` in the household paid for by `payer` (or takes them out of
/// any with `None`). False if either is not `a`'s, the payer is the member, or
/// the payer is in someone else's household (households have one level).
pub async fn set_household(
    db: &Db,
    g: &Grant<ManageMembers>,
    member: MemberId,
    payer: Option<MemberId>,
) -> Result<bool> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        sqlx::query("DELETE FROM households WHERE association_id = $1 AND member_id = $2")
            .bind(a)
            .bind(member.0)
            .execute(&mut *tx)
            .await?;
        let Some(payer) = payer else {
            tx.commit().await?;
            return Ok(true);
        };
        let n = sqlx::query(
            "INSERT INTO households (association_id, member_id, payer_id) \
             SELECT $1, m.id, pay.id FROM members m JOIN members pay ON pay.association_id = m.association_id \
             WHERE m.association_id = $1 AND m.id = $2 AND pay.id = $3 AND m.id <> pay.id \
             AND NOT EXISTS (SELECT 1 FROM households h WHERE h.association_id = $1 AND h.member_id = $3) \
             AND NOT EXISTS (SELECT 1 FROM households h WHERE h.association_id = $1 AND h.payer_id = $2)",
        )
        .bind(a)
        .bind(member.0)
        .bind(payer.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 1 {
            tx.commit().await?;
        }
        Ok(n == 1)
    })
}

/// A person of a household.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Housemate {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub is_payer: bool,
}

/// Everyone in `member`'s household, payer first; empty when they live alone.
pub async fn household(db: &Db, a: AssociationId, member: MemberId) -> Result<Vec<Housemate>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "WITH payer AS (SELECT COALESCE((SELECT payer_id FROM households WHERE association_id = $1 \
           AND member_id = $2), $2) AS id) \
         SELECT m.id, m.first_name, m.last_name, m.id = payer.id AS is_payer FROM members m, payer \
         WHERE m.association_id = $1 AND (m.id = payer.id OR m.id IN (SELECT member_id FROM households \
           WHERE association_id = $1 AND payer_id = payer.id)) \
         AND EXISTS (SELECT 1 FROM households WHERE association_id = $1 AND payer_id = payer.id) \
         ORDER BY is_payer DESC, m.last_name, m.first_name, m.id"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await)?)
}

/// Records many payments of one type in one transaction (bulk loads: demo
/// data, benchmarks); each member must be `g`'s, else nothing is written and
/// `Ok(None)`.
pub async fn record_payments(
    db: &Db,
    g: &Grant<ManageMembers>,
    type_id: MembershipTypeId,
    payments: &[(MemberId, Payment)],
    fiscal_start_month: u32,
    now: i64,
) -> Result<Option<usize>> {
    let a = g.association_id();
    let Some(ty) = get_type(db, a, type_id).await?.filter(|t| !t.archived) else { return Ok(None) };
    let domain_type = ty.to_domain();
    let (a, user) = (a.0, Some(g.user_id().0));
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        for (member, pay) in payments {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM members WHERE association_id = $1 AND id = $2")
                    .bind(a)
                    .bind(member.0)
                    .fetch_optional(&mut *tx)
                    .await?;
            if exists.is_none() {
                return Ok(None);
            }
            let _ = record_in!(&mut tx, a, user, *member, type_id, &domain_type, pay, fiscal_start_month, now);
        }
        tx.commit().await?;
        Ok::<_, crate::Error>(Some(payments.len()))
    })
}

/// A period of membership, for a member's page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PeriodLine {
    pub type_name: String,
    pub start_date: String,
    pub end_date: String,
    pub payment_id: i64,
}

/// A payment, for a member's page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentLine {
    pub id: i64,
    pub type_name: String,
    pub amount_cents: i64,
    pub paid_on: String,
    pub method: String,
    pub reference: String,
    pub recorded_by: Option<String>,
    pub entry_id: Option<i64>,
}

/// A member's periods and payments, newest first.
pub async fn of_member(db: &Db, a: AssociationId, member: MemberId) -> Result<(Vec<PeriodLine>, Vec<PaymentLine>)> {
    let periods = on_db!(db, |p| sqlx::query_as(
        "SELECT t.name AS type_name, d.start_date, d.end_date, d.payment_id FROM dues_periods d \
         JOIN dues_types t ON t.association_id = d.association_id AND t.id = d.type_id \
         WHERE d.association_id = $1 AND d.member_id = $2 ORDER BY d.end_date DESC, d.id DESC"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await)?;
    let payments = on_db!(db, |p| sqlx::query_as(
        "SELECT y.id, t.name AS type_name, y.amount_cents, y.paid_on, y.method, y.reference, \
         u.display_name AS recorded_by, y.entry_id FROM payments y \
         JOIN dues_types t ON t.association_id = y.association_id AND t.id = y.type_id \
         LEFT JOIN users u ON u.id = y.recorded_by \
         WHERE y.association_id = $1 AND y.member_id = $2 ORDER BY y.paid_on DESC, y.id DESC"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await)?;
    Ok((periods, payments))
}

/// The association's thresholds and reminder settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuesSettings {
    pub policy: Policy,
    pub offsets: ReminderOffsets,
    pub reminders_enabled: bool,
    pub subject: String,
    pub body: String,
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    due_soon_days: i64,
    grace_days: i64,
    reminder_offsets: String,
    reminders_enabled: bool,
    reminder_subject: String,
    reminder_body: String,
}

/// The settings of `a` (defaults until saved; an empty subject or body means the built-in text).
pub async fn settings(db: &Db, a: AssociationId) -> Result<DuesSettings> {
    let row: Option<SettingsRow> = on_db!(db, |p| sqlx::query_as(
        "SELECT due_soon_days, grace_days, reminder_offsets, reminders_enabled, reminder_subject, reminder_body \
         FROM dues_settings WHERE association_id = $1"
    )
    .bind(a.0)
    .fetch_optional(p)
    .await)?;
    let row = row.unwrap_or(SettingsRow {
        due_soon_days: 30,
        grace_days: 90,
        reminder_offsets: "-30, 0, 15".into(),
        reminders_enabled: false,
        reminder_subject: String::new(),
        reminder_body: String::new(),
    });
    Ok(DuesSettings {
        policy: Policy { due_soon_days: row.due_soon_days, grace_days: row.grace_days },
        offsets: ReminderOffsets::parse(&row.reminder_offsets).unwrap_or(ReminderOffsets(vec![])),
        reminders_enabled: row.reminders_enabled,
        subject: row.reminder_subject,
        body: row.reminder_body,
    })
}

/// Saves the settings of the association `g` is about.
pub async fn save_settings(db: &Db, g: &Grant<Administer>, s: &DuesSettings) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO dues_settings (association_id, due_soon_days, grace_days, reminder_offsets, \
             reminders_enabled, reminder_subject, reminder_body) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (association_id) DO UPDATE SET due_soon_days = $2, grace_days = $3, \
             reminder_offsets = $4, reminders_enabled = $5, reminder_subject = $6, reminder_body = $7"
    )
    .bind(g.association_id().0)
    .bind(s.policy.due_soon_days)
    .bind(s.policy.grace_days)
    .bind(s.offsets.text())
    .bind(s.reminders_enabled)
    .bind(&s.subject)
    .bind(&s.body)
    .execute(p)
    .await)?;
    Ok(())
}

/// A member whose renewable membership ends within a window: a reminder candidate.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Renewal {
    pub member_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub paid_until: String,
    /// The type of the period ending then (the one to renew).
    pub type_id: i64,
}

/// Members whose last period ends between `from` and `to` (inclusive) and is
/// of a type that renews, by end date.
pub async fn renewals(db: &Db, a: AssociationId, from: Date, to: Date) -> Result<Vec<Renewal>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT m.id AS member_id, m.first_name, m.last_name, m.email, m.paid_until, \
         (SELECT d.type_id FROM dues_periods d WHERE d.association_id = m.association_id AND d.member_id = m.id \
          AND d.end_date = m.paid_until ORDER BY d.id DESC LIMIT 1) AS type_id \
         FROM members m WHERE m.association_id = $1 AND m.paid_until >= $2 AND m.paid_until <= $3 \
         AND EXISTS (SELECT 1 FROM dues_periods d JOIN dues_types t ON t.association_id = d.association_id \
           AND t.id = d.type_id WHERE d.association_id = m.association_id AND d.member_id = m.id \
           AND d.end_date = m.paid_until AND t.rule IN ('calendar', 'fiscal', 'rolling', 'season')) \
         ORDER BY m.paid_until, m.last_name, m.id"
    )
    .bind(a.0)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(p)
    .await)?)
}

/// One reminder to queue.
pub struct Reminder<'a> {
    pub member: MemberId,
    pub period_end: &'a str,
    pub offset: i64,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Queues a reminder's mail and records it, in one transaction; false (and
/// nothing queued) if this member, period end and offset was already reminded.
pub async fn queue_reminder(db: &Db, a: AssociationId, r: &Reminder<'_>, now: i64) -> Result<bool> {
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let mail_id: i64 = sqlx::query_scalar(
            "INSERT INTO mail_queue (recipient, subject, body_text, next_attempt_at, created_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(r.recipient)
        .bind(r.subject)
        .bind(r.body)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let n = sqlx::query(
            "INSERT INTO reminders_sent (association_id, member_id, period_end, offset_days, mail_id, sent_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(a.0)
        .bind(r.member.0)
        .bind(r.period_end)
        .bind(r.offset)
        .bind(mail_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 1 {
            tx.commit().await?;
        }
        Ok(n == 1)
    })
}

/// Whether a reminder was already queued for this member, period end and offset.
pub async fn was_reminded(db: &Db, a: AssociationId, member: MemberId, period_end: &str, offset: i64) -> Result<bool> {
    let found: Option<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT offset_days FROM reminders_sent WHERE association_id = $1 AND member_id = $2 \
         AND period_end = $3 AND offset_days = $4"
    )
    .bind(a.0)
    .bind(member.0)
    .bind(period_end)
    .bind(offset)
    .fetch_optional(p)
    .await)?;
    Ok(found.is_some())
}

/// A reminder as the member's page shows it, with its mail's fate.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReminderLine {
    pub period_end: String,
    pub offset_days: i64,
    pub sent_at: i64,
    pub status: Option<String>,
    pub last_error: Option<String>,
}

/// A member's reminders, newest first.
pub async fn reminders_of(db: &Db, a: AssociationId, member: MemberId) -> Result<Vec<ReminderLine>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT r.period_end, r.offset_days, r.sent_at, q.status, q.last_error FROM reminders_sent r \
         LEFT JOIN mail_queue q ON q.id = r.mail_id \
         WHERE r.association_id = $1 AND r.member_id = $2 ORDER BY r.sent_at DESC, r.offset_days DESC"
    )
    .bind(a.0)
    .bind(member.0)
    .fetch_all(p)
    .await)?)
}

/// How many of the association's reminders are waiting for a retry or have failed.
pub async fn reminders_failing(db: &Db, a: AssociationId) -> Result<i64> {
    Ok(on_db!(db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM reminders_sent r JOIN mail_queue q ON q.id = r.mail_id \
         WHERE r.association_id = $1 AND (q.status = 'failed' OR (q.status = 'pending' AND q.attempts > 0))"
    )
    .bind(a.0)
    .fetch_one(p)
    .await)?)
}

/// Associations with reminders switched on.
pub async fn associations_reminding(db: &Db) -> Result<Vec<AssociationId>> {
    let ids: Vec<i64> = on_db!(db, |p| sqlx::query_scalar(
        "SELECT association_id FROM dues_settings WHERE reminders_enabled ORDER BY association_id"
    )
    .fetch_all(p)
    .await)?;
    Ok(ids.into_iter().map(AssociationId).collect())
}
