//! Dues: membership types and their tariffs, recording a payment on a
//! member's page, and the reminder settings with their preview.

use super::members::{members_off, today};
use super::{Chrome, FormState, Options, done, options, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::dues::{MembershipTypeInput, PaymentInput, PaymentMethod, Policy, ReminderOffsets};
use domain::{Administer, Grant, ManageMembers, MemberId, MembershipTypeId, TeamWork};
use store::dues::{DuesSettings, TypeRow};

/// A membership type as its list shows it.
struct TypeLine {
    id: i64,
    name: String,
    period: String,
    tariff: String,
    household: bool,
    archived: bool,
}

/// How a type's period rule reads.
fn describe_rule(tr: &Tr, t: &TypeRow) -> String {
    match t.rule.as_str() {
        "season" => tr.args(
            "rule-season-from",
            &[
                ("day", t.season_day.unwrap_or(1).to_string()),
                ("month", tr.t(&format!("month-{}", t.season_month.unwrap_or(1)))),
            ],
        ),
        "fixed" => tr.args(
            "rule-fixed-from",
            &[
                ("start", tr.date(t.fixed_start.as_deref().unwrap_or(""))),
                ("end", tr.date(t.fixed_end.as_deref().unwrap_or(""))),
            ],
        ),
        code => tr.t(&format!("rule-{code}")),
    }
}

/// How a type's tariff reads, with the category names it uses.
fn describe_tariff(tr: &Tr, t: &TypeRow, categories: &[store::categories::Category]) -> String {
    match t.tariff.as_str() {
        "free" => tr.t1("tariff-free-from", "amount", tr.money(t.amount_cents)),
        "category" => {
            let mut parts = vec![tr.money(t.amount_cents)];
            for (c, cents) in &t.prices {
                let name = categories.iter().find(|k| k.id == c.0).map_or("?", |k| k.name.as_str());
                parts.push(format!("{name} {}", tr.money(*cents)));
            }
            parts.join(" · ")
        }
        _ => tr.money(t.amount_cents),
    }
}

#[derive(Template)]
#[template(path = "dues_types.html")]
struct TypesPage {
    c: Chrome,
    types: Vec<TypeLine>,
    can_edit: bool,
}

/// The membership types.
pub async fn show_dues_types(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<super::NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let categories = store::categories::list(&s.db, a).await?;
    let types = store::dues::types(&s.db, a)
        .await?
        .iter()
        .map(|t| TypeLine {
            id: t.id,
            name: t.name.clone(),
            period: describe_rule(&tr, t),
            tariff: describe_tariff(&tr, t, &categories),
            household: t.household,
            archived: t.archived,
        })
        .collect();
    let can_edit = Grant::<ManageMembers>::check(&who.ctx.membership).is_some();
    let c =
        Chrome::inside(tr, &tr.t("dues-types-title"), "members", &who.ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    page(&TypesPage { c, types, can_edit })
}

#[derive(Template)]
#[template(path = "dues_type_form.html")]
struct TypeFormPage {
    c: Chrome,
    f: FormState,
    action: String,
    editing: bool,
    rules: Options,
    months: Options,
    tariffs: Options,
    /// `price-{id}` field name and category name.
    categories: Vec<(String, String)>,
}

const TYPE_FIELDS: [&str; 11] = [
    "name",
    "rule",
    "season_month",
    "season_day",
    "fixed_start",
    "fixed_end",
    "tariff",
    "amount",
    "household",
    "account",
    "archived",
];

async fn type_form(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    id: Option<i64>,
) -> Result<Response, AppError> {
    let categories = store::categories::list(&s.db, ctx.association_id())
        .await?
        .into_iter()
        .map(|c| (format!("price-{}", c.id), c.name))
        .collect();
    let (title, action) = match id {
        Some(id) => (tr.t("dues-type-edit-title"), format!("/members/types/{id}")),
        None => (tr.t("dues-type-new-title"), "/members/types".to_string()),
    };
    let c = Chrome::inside(tr, &title, "members", ctx).with_csrf(csrf);
    page(&TypeFormPage {
        c,
        f,
        action,
        editing: id.is_some(),
        rules: options(&tr, &domain::dues::PeriodRule::CODES, "rule-"),
        months: (1..=12).map(|m| (m.to_string(), tr.t(&format!("month-{m}")))).collect(),
        tariffs: options(&tr, &["fixed", "category", "free"], "tariff-"),
        categories,
    })
}

/// The form for a new membership type.
pub async fn show_new_dues_type(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::default();
    for (k, v) in [("rule", "calendar"), ("tariff", "fixed"), ("season_month", "9"), ("season_day", "1")] {
        f.set(k, v);
    }
    type_form(&s, tr, &csrf, &who.ctx, f, None).await
}

/// The form to change a membership type, filled in.
pub async fn edit_dues_type(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let t = store::dues::get_type(&s.db, who.ctx.association_id(), MembershipTypeId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let mut f = FormState::default();
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for (k, v) in [
        ("name", t.name.clone()),
        ("rule", t.rule.clone()),
        ("season_month", opt(t.season_month)),
        ("season_day", opt(t.season_day)),
        ("fixed_start", t.fixed_start.as_deref().map(|d| tr.date(d)).unwrap_or_default()),
        ("fixed_end", t.fixed_end.as_deref().map(|d| tr.date(d)).unwrap_or_default()),
        ("tariff", t.tariff.clone()),
        ("amount", domain::money::input_value(t.amount_cents)),
        ("household", if t.household { "on".into() } else { String::new() }),
        ("account", t.account.clone()),
        ("archived", if t.archived { "on".into() } else { String::new() }),
    ] {
        f.set(k, v);
    }
    for (c, cents) in &t.prices {
        f.set(&format!("price-{c}"), domain::money::input_value(*cents));
    }
    type_form(&s, tr, &csrf, &who.ctx, f, Some(id)).await
}

/// Adds a membership type.
pub async fn create_dues_type(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    posted: Posted,
) -> Result<Response, AppError> {
    save_type(&s, tr, &csrf, &who, None, &posted).await
}

/// Saves a changed membership type.
pub async fn save_dues_type(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    save_type(&s, tr, &csrf, &who, Some(id), &posted).await
}

async fn save_type(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    who: &Authorized<ManageMembers>,
    id: Option<i64>,
    posted: &Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let categories = store::categories::list(&s.db, a).await?;
    let input = MembershipTypeInput {
        name: posted.get("name").into(),
        rule: posted.get("rule").into(),
        season_month: posted.get("season_month").into(),
        season_day: posted.get("season_day").into(),
        fixed_start: posted.get("fixed_start").into(),
        fixed_end: posted.get("fixed_end").into(),
        tariff: posted.get("tariff").into(),
        amount: posted.get("amount").into(),
        category_prices: categories
            .iter()
            .map(|c| (domain::CategoryId(c.id), posted.get(&format!("price-{}", c.id)).to_string()))
            .collect(),
        household: posted.get("household") == "on",
        account: posted.get("account").into(),
    };
    let mut f = FormState::keep(posted, &TYPE_FIELDS);
    for c in &categories {
        let field = format!("price-{}", c.id);
        f.set(&field, posted.get(&field));
    }
    let refuse = |mut f: FormState, field: &str, key: &str| {
        f.error(&tr, field, key);
        f
    };
    let t = match input.validate() {
        Ok(t) => t,
        Err(inv) => {
            f.invalid(&tr, &inv);
            return Ok(refused(type_form(s, tr, csrf, &who.ctx, f, id).await?));
        }
    };
    let saved = match id {
        None => store::dues::create_type(&s.db, &who.grant, &t).await.map(|t| Some(t.0)),
        Some(id) => {
            let archived = posted.get("archived") == "on";
            store::dues::update_type(&s.db, &who.grant, MembershipTypeId(id), &t, archived)
                .await
                .map(|found| found.then_some(id))
        }
    };
    let id = match saved {
        Ok(Some(id)) => id,
        Ok(None) => return Err(AppError::NotFound),
        Err(store::Error::Conflict) => {
            let f = refuse(f, "name", "error-name-taken");
            return Ok(refused(type_form(s, tr, csrf, &who.ctx, f, id).await?));
        }
        Err(e) => return Err(e.into()),
    };
    store::audit::by(&s.db, &who.grant, "dues.type.save", &format!("{} (#{id})", t.name), now()).await?;
    Ok(done("/members/types", "notice-saved"))
}

#[derive(Template)]
#[template(path = "payment_form.html")]
struct PaymentPage {
    c: Chrome,
    f: FormState,
    member: store::members::MemberRow,
    name: String,
    types: Options,
    methods: Options,
}

const PAYMENT_FIELDS: [&str; 5] = ["type", "amount", "paid_on", "method", "reference"];

/// The active types offered to a member, each with its price for them.
async fn offered_types(
    s: &AppState,
    tr: &Tr,
    ctx: &InAssociation,
    member: MemberId,
) -> Result<Vec<(TypeRow, i64, String)>, AppError> {
    let a = ctx.association_id();
    let categories = store::categories::of_member(&s.db, a, member).await?;
    Ok(store::dues::types(&s.db, a)
        .await?
        .into_iter()
        .filter(|t| !t.archived)
        .map(|t| {
            let price = t.to_domain().tariff.price(&categories);
            let label = if t.tariff == "free" {
                format!("{} — {}", t.name, tr.t1("tariff-free-from", "amount", tr.money(price)))
            } else {
                format!("{} — {}", t.name, tr.money(price))
            };
            (t, price, label)
        })
        .collect())
}

async fn payment_form(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    member: store::members::MemberRow,
    f: FormState,
) -> Result<Response, AppError> {
    let types = offered_types(s, &tr, ctx, MemberId(member.id))
        .await?
        .into_iter()
        .map(|(t, _, l)| (t.id.to_string(), l))
        .collect();
    let methods =
        PaymentMethod::ALL.iter().map(|m| (m.code().to_string(), tr.t(&format!("method-{}", m.code())))).collect();
    let name = format!("{} {}", member.first_name, member.last_name);
    let title = tr.t1("payment-new-title", "name", &name);
    let c = Chrome::inside(tr, &title, "members", ctx).with_csrf(csrf);
    page(&PaymentPage { c, f, member, name, types, methods })
}

/// The form to record a payment for a member.
pub async fn show_new_payment(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let member = store::members::get(&s.db, who.ctx.association_id(), MemberId(id)).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::default();
    f.set("paid_on", tr.date(&today().to_string()));
    f.set("method", "cheque");
    payment_form(&s, tr, &csrf, &who.ctx, member, f).await
}

/// Records a payment and the period it pays for, with an audit entry.
pub async fn create_payment(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let member = store::members::get(&s.db, a, MemberId(id)).await?.ok_or(AppError::NotFound)?;
    let offered = offered_types(&s, &tr, &who.ctx, MemberId(id)).await?;
    let mut f = FormState::keep(&posted, &PAYMENT_FIELDS);
    let chosen = offered.iter().find(|(t, _, _)| t.id.to_string() == posted.get("type"));
    let Some((t, price, _)) = chosen else {
        f.error(&tr, "type", if offered.is_empty() { "error-no-dues-type" } else { "error-unknown-choice" });
        return Ok(refused(payment_form(&s, tr, &csrf, &who.ctx, member, f).await?));
    };
    let mut input = PaymentInput {
        amount: posted.get("amount").into(),
        paid_on: posted.get("paid_on").into(),
        method: posted.get("method").into(),
        reference: posted.get("reference").into(),
    };
    // No amount typed: the price of the membership.
    if input.amount.trim().is_empty() {
        input.amount = domain::money::input_value(*price);
    }
    let pay = match input.validate(*price, today()) {
        Ok(p) => p,
        Err(inv) => {
            f.invalid(&tr, &inv);
            // Say what the price is.
            if inv.for_field("amount") == Some("error-amount-below-price") {
                let message = tr.t1("error-amount-below-price", "price", tr.money(*price));
                f.errors.iter_mut().filter(|(k, _)| k == "amount").for_each(|(_, m)| *m = message.clone());
            }
            return Ok(refused(payment_form(&s, tr, &csrf, &who.ctx, member, f).await?));
        }
    };
    let fiscal = who.ctx.association.fiscal_year_start_month as u32;
    let recorded =
        store::dues::record_payment(&s.db, &who.grant, MemberId(id), MembershipTypeId(t.id), &pay, fiscal, now())
            .await?
            .ok_or(AppError::NotFound)?;
    let end = recorded.period.end.map_or_else(|| tr.t("date-never-ends"), |e| tr.date(&e.to_string()));
    let detail = format!(
        "{} {} (#{id}): {} {}, {} → {}",
        member.first_name,
        member.last_name,
        t.name,
        tr.money(pay.amount),
        tr.date(&recorded.period.start.to_string()),
        end
    );
    store::audit::record_about_member(
        &s.db,
        a,
        Some(who.grant.user_id()),
        ("payment.record", MemberId(id)),
        &detail,
        now(),
    )
    .await?;
    // Posting follows recording when the association keeps its books here
    // and a year is open on that date; otherwise the books page offers it later.
    if who.ctx.association.modules().contains(&domain::settings::Module::Accounting) {
        let _ = store::accounting::entries::post_payment(&s.db, &who.grant, recorded.payment, now()).await?;
    }
    Ok(done(&format!("/members/{id}"), "notice-payment-recorded"))
}

#[derive(Template)]
#[template(path = "reminders.html")]
struct RemindersPage {
    c: Chrome,
    f: FormState,
    /// The rendered subject and body for the first person due, when previewing.
    preview: Option<(String, String, String)>,
    upcoming: Vec<Upcoming>,
    failing: i64,
    enabled: bool,
}

/// A reminder the next 60 days will send.
pub struct Upcoming {
    pub day: String,
    pub name: String,
    pub email: String,
}

const REMINDER_FIELDS: [&str; 5] = ["due_soon_days", "grace_days", "offsets", "subject", "body"];

fn settings_form(d: &DuesSettings) -> FormState {
    let mut f = FormState::default();
    f.set("due_soon_days", d.policy.due_soon_days.to_string());
    f.set("grace_days", d.policy.grace_days.to_string());
    f.set("offsets", d.offsets.text());
    f.set("subject", d.subject.clone());
    f.set("body", d.body.clone());
    f
}

/// A fingerprint of what a preview showed, so enabling can require one.
fn preview_stamp(d: &DuesSettings) -> String {
    crate::crypto::token_hash(&format!("{}\u{0}{}\u{0}{}", d.offsets.text(), d.subject, d.body))
}

async fn reminders_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    mut f: FormState,
    d: &DuesSettings,
    (previewing, notice): (bool, Option<&str>),
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let today = today();
    let plan = crate::reminders::plan(&s.db, a, d, today, 60).await?;
    let upcoming = plan
        .iter()
        .map(|p| Upcoming {
            day: tr.date(&p.day.to_string()),
            name: format!("{} {}", p.renewal.first_name, p.renewal.last_name),
            email: p.renewal.email.clone().unwrap_or_default(),
        })
        .collect();
    let preview = if previewing {
        f.set("previewed", preview_stamp(d));
        let name = ctx.association.name.clone();
        Some(match plan.first() {
            Some(p) => {
                let (subject, body) = crate::reminders::render(&s.db, a, &name, d, &p.renewal).await?;
                (p.renewal.email.clone().unwrap_or_default(), subject, body)
            }
            None => {
                let (subject, body) = crate::reminders::render_sample(&name, d);
                (String::new(), subject, body)
            }
        })
    } else {
        None
    };
    let failing = store::dues::reminders_failing(&s.db, a).await?;
    let c = Chrome::inside(tr, &tr.t("reminders-title"), "members", ctx).with_csrf(csrf).notice(notice);
    page(&RemindersPage { c, f, preview, upcoming, failing, enabled: d.reminders_enabled })
}

/// The reminder settings, what they will send in the next 60 days, and a preview.
pub async fn show_reminders(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Query(q): Query<super::NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let d = store::dues::settings(&s.db, who.ctx.association_id()).await?;
    reminders_page(&s, tr, &csrf, &who.ctx, settings_form(&d), &d, (false, q.notice.as_deref())).await
}

/// Previews, saves, or saves and switches on the reminders. Switching on is
/// refused unless the texts and offsets posted are the ones last previewed.
pub async fn save_reminders(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &REMINDER_FIELDS);
    let days = |f: &mut FormState, field: &str, max: i64| match posted.get(field).trim().parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => n,
        _ => {
            f.error(&tr, field, "error-days");
            0
        }
    };
    let due_soon_days = days(&mut f, "due_soon_days", 365);
    let grace_days = days(&mut f, "grace_days", 730);
    let offsets = ReminderOffsets::parse(posted.get("offsets")).unwrap_or_else(|k| {
        f.error(&tr, "offsets", k);
        ReminderOffsets(vec![])
    });
    let subject = posted.get("subject").trim().to_string();
    if subject.chars().count() > 200 || subject.contains(['\r', '\n']) {
        f.error(&tr, "subject", "error-too-long");
    }
    let body = posted.get("body").trim().replace("\r\n", "\n");
    if body.chars().count() > 5000 {
        f.error(&tr, "body", "error-too-long");
    }
    let action = posted.get("action");
    let current = store::dues::settings(&s.db, who.ctx.association_id()).await?;
    let enable = match action {
        "enable" => true,
        "disable" => false,
        _ => current.reminders_enabled,
    };
    let d = DuesSettings {
        policy: Policy { due_soon_days, grace_days },
        offsets,
        reminders_enabled: enable,
        subject,
        body,
    };
    if action == "enable" && !f.has_errors() && posted.get("previewed") != preview_stamp(&d) {
        f.error(&tr, "offsets", "error-preview-first");
    }
    if f.has_errors() {
        return Ok(refused(reminders_page(&s, tr, &csrf, &who.ctx, f, &d, (false, None)).await?));
    }
    if action == "preview" {
        return reminders_page(&s, tr, &csrf, &who.ctx, f, &d, (true, None)).await;
    }
    store::dues::save_settings(&s.db, &who.grant, &d).await?;
    let detail = format!("{} ({})", d.offsets.text(), if enable { "on" } else { "off" });
    store::audit::by(&s.db, &who.grant, "dues.reminders", &detail, now()).await?;
    Ok(done("/members/reminders", "notice-saved"))
}
