//! The books' front page, fiscal years (opening, closing, checking the
//! seal) and the association's chart of accounts.

use super::members::today;
use super::{Chrome, FormState, NoticeQuery, Options, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::accounting::chain::Break;
use domain::accounting::chart::{self, Kind};
use domain::accounting::years::{Assignment, Bounds, ClosingProblem};
use domain::settings::Module;
use domain::{Date, Grant, KeepBooks, TeamWork};
use store::accounting::chart::{Account, label_of};
use store::accounting::years::{CloseRefused, YearRow};

/// The "module switched off" page when the association does not keep its books here.
pub fn accounting_off(tr: Tr, ctx: &InAssociation) -> Option<Response> {
    super::module_off(tr, ctx, Module::Accounting)
}

/// A balance to show: account, label, amount (debit minus credit).
pub struct Balance {
    pub code: String,
    pub label: String,
    pub cents: i64,
}

#[derive(Template)]
#[template(path = "accounting.html")]
struct AccountingPage {
    c: Chrome,
    f: FormState,
    years: Vec<YearRow>,
    current: Option<YearRow>,
    money: Vec<Balance>,
    result: i64,
    unposted: usize,
    can_keep: bool,
}

/// The year people work in: the open one covering today, else the latest open one.
fn current_year(years: &[YearRow]) -> Option<YearRow> {
    let day = today();
    years
        .iter()
        .find(|y| !y.is_closed() && y.bounds().contains(day))
        .or_else(|| years.iter().find(|y| !y.is_closed()))
        .cloned()
}

/// The fiscal year that covers today by the association's settings, to pre-fill the first year.
fn suggested_year(ctx: &InAssociation) -> Bounds {
    let month = u32::try_from(ctx.association.fiscal_year_start_month).unwrap_or(1).clamp(1, 12);
    let day = today();
    let start_year = if day.month() >= month { day.year() } else { day.year() - 1 };
    let start = Date::new(start_year, month, 1).unwrap_or(day);
    Bounds { start, end: start.add_months(12).add_days(-1) }
}

async fn accounting_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    mut f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let years = store::accounting::years::list(&s.db, a).await?;
    let current = current_year(&years);
    let (mut money, mut result) = (Vec::new(), 0);
    if let Some(y) = &current {
        let totals = store::accounting::years::totals(&s.db, a, y.id).await?;
        result = domain::accounting::years::result(&totals);
        let accounts = store::accounting::chart::accounts(&s.db, a).await?;
        money = totals
            .iter()
            .filter(|t| matches!(chart::kind(&t.account), Kind::Bank | Kind::Cash))
            .map(|t| Balance { code: t.account.clone(), label: label_of(&accounts, &t.account), cents: t.net() })
            .collect();
    }
    let unposted = if ctx.association.modules().contains(&Module::Members) {
        store::accounting::entries::unposted_payments(&s.db, a).await?.len()
    } else {
        0
    };
    if f.v("start").is_empty() {
        let b =
            years.iter().map(YearRow::bounds).max_by_key(|b| b.end).map_or_else(|| suggested_year(ctx), |b| b.next());
        f.set("start", tr.date(&b.start.to_string()));
        f.set("end", tr.date(&b.end.to_string()));
    }
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("accounting-title"), "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&AccountingPage { c, f, years, current, money, result, unposted, can_keep })
}

/// The books' front page: the current year's money, its result so far, the years.
pub async fn show_accounting(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    accounting_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// Opens a fiscal year: right after the last one (or before the first),
/// at most 24 months long.
pub async fn create_year(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &["start", "end"]);
    let start = domain::dates::parse_typed(posted.get("start"));
    let end = domain::dates::parse_typed(posted.get("end"));
    if start.is_none() {
        f.error(&tr, "start", "error-date-any");
    }
    if end.is_none() {
        f.error(&tr, "end", "error-date-any");
    }
    if let (Some(start), Some(end)) = (start, end) {
        let a = who.ctx.association_id();
        let existing: Vec<Bounds> =
            store::accounting::years::list(&s.db, a).await?.iter().map(YearRow::bounds).collect();
        match (Bounds { start, end }).check_new(&existing) {
            Ok(b) => match store::accounting::years::create(&s.db, &who.grant, b).await {
                Ok(id) => {
                    let detail = format!("#{id}: {} → {}", b.start, b.end);
                    store::audit::by(&s.db, &who.grant, "year.create", &detail, now()).await?;
                    return Ok(done("/accounting", "notice-saved"));
                }
                Err(store::Error::Conflict) => f.error(&tr, "start", "error-year-overlap"),
                Err(e) => return Err(e.into()),
            },
            Err((field, key)) => f.error(&tr, field, key),
        }
    }
    Ok(refused(accounting_page(&s, tr, &csrf, &who.ctx, f, None).await?))
}

#[derive(Template)]
#[template(path = "year.html")]
struct YearPage {
    c: Chrome,
    f: FormState,
    year: YearRow,
    balances: Vec<Balance>,
    result: i64,
    in_kind: (i64, i64),
    /// Why closing would be refused, translated; empty when it may go ahead.
    blocker: String,
    assignments: Options,
    /// For a closed year: what the seal check found, translated (empty: intact).
    breaks: Vec<String>,
    can_keep: bool,
}

/// The message for a break in the seal.
fn describe_break(tr: &Tr, b: &Break) -> String {
    match b {
        Break::Changed { number } => tr.t1("seal-changed", "number", number),
        Break::Missing { after, next } => {
            tr.args("seal-missing", &[("after", after.to_string()), ("next", next.to_string())])
        }
        Break::Unsealed { id } => tr.t1("seal-unsealed", "id", id),
        Break::Head => tr.t("seal-head"),
    }
}

async fn year_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (year, f): (YearRow, FormState),
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let totals = store::accounting::years::totals(&s.db, a, year.id).await?;
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let balances: Vec<Balance> = totals
        .iter()
        .map(|t| Balance { code: t.account.clone(), label: label_of(&accounts, &t.account), cents: t.net() })
        .collect();
    let result = domain::accounting::years::result(&totals);
    let sum = |prefix: &str| totals.iter().filter(|t| t.account.starts_with(prefix)).map(|t| t.net()).sum::<i64>();
    let in_kind = (sum("86"), -sum("87"));
    let blocker = match domain::accounting::years::opening_lines(&totals, &Assignment::Pending) {
        _ if year.is_closed() => String::new(),
        Ok(_) => String::new(),
        Err(ClosingProblem::InKindUnbalanced(d)) => tr.t1("close-in-kind-unbalanced", "difference", tr.money(d.abs())),
        Err(ClosingProblem::Unbalanced(d)) => tr.t1("close-unbalanced", "difference", tr.money(d.abs())),
    };
    let breaks = match store::accounting::years::verify(&s.db, a, year.id).await? {
        Some(found) => found.iter().map(|b| describe_break(&tr, b)).collect(),
        None => Vec::new(),
    };
    let assignments = ["pending", "1068", "110"]
        .iter()
        .map(|code| (code.to_string(), tr.t(&format!("close-assign-{code}"))))
        .collect();
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let title = tr.args("year-title", &[("start", tr.date(&year.starts_on)), ("end", tr.date(&year.ends_on))]);
    let c = Chrome::inside(tr, &title, "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&YearPage { c, f, year, balances, result, in_kind, blocker, assignments, breaks, can_keep })
}

/// A year: its balances, its result, closing it or the state of its seal.
pub async fn show_year(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let year = store::accounting::years::get(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::default();
    f.set("assignment", "pending");
    year_page(&s, tr, &csrf, &who.ctx, (year, f), q.notice.as_deref()).await
}

/// Closes a year: the result assigned, the next year opened with its
/// opening balances, every entry numbered and sealed. Needs the box ticked.
pub async fn close_year(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = store::accounting::years::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::keep(&posted, &["assignment", "confirm"]);
    let assignment = match posted.get("assignment") {
        "pending" => Some(Assignment::Pending),
        code @ ("1068" | "110") => Some(Assignment::To(code.to_string())),
        _ => None,
    };
    let Some(assignment) = assignment else {
        f.error(&tr, "assignment", "error-unknown-choice");
        return Ok(refused(year_page(&s, tr, &csrf, &who.ctx, (year, f), None).await?));
    };
    if posted.get("confirm") != "on" {
        f.error(&tr, "confirm", "error-close-confirm");
        return Ok(refused(year_page(&s, tr, &csrf, &who.ctx, (year, f), None).await?));
    }
    let key = match store::accounting::years::close(&s.db, &who.grant, id, &assignment, now()).await? {
        Ok(closed) => {
            let detail = format!(
                "#{id} {} → {}: {} entries, result {}, seal {}",
                year.starts_on, year.ends_on, closed.entries, closed.result, closed.last_hash
            );
            store::audit::by(&s.db, &who.grant, "year.close", &detail, now()).await?;
            return Ok(done(&format!("/accounting/years/{id}"), "notice-year-closed"));
        }
        Err(CloseRefused::NotFound) => return Err(AppError::NotFound),
        Err(CloseRefused::AlreadyClosed) => "error-year-closed",
        Err(CloseRefused::EarlierOpen) => "error-year-earlier-open",
        Err(CloseRefused::NextOverlaps) => "error-year-next-overlaps",
        Err(CloseRefused::Books(_)) => "error-year-books",
    };
    f.error(&tr, "confirm", key);
    Ok(refused(year_page(&s, tr, &csrf, &who.ctx, (year, f), None).await?))
}

#[derive(Template)]
#[template(path = "accounts.html")]
struct AccountsPage {
    c: Chrome,
    f: FormState,
    accounts: Vec<Account>,
    /// Every account, not only the short chart (without their forms: too many).
    all: bool,
    /// One account alone, to change it.
    one: bool,
    can_keep: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct AccountsQuery {
    notice: Option<String>,
    all: Option<String>,
    code: Option<String>,
}

/// Which accounts the page lists.
enum Shown<'a> {
    /// The short chart, the association's own, hidden ones and bank accounts with an IBAN.
    Short,
    All,
    One(&'a str),
}

async fn accounts_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (f, shown): (FormState, Shown<'_>),
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let accounts = store::accounting::chart::accounts(&s.db, ctx.association_id())
        .await?
        .into_iter()
        .filter(|acc| match shown {
            Shown::Short => acc.favourite || acc.own || acc.hidden || !acc.iban.is_empty(),
            Shown::All => true,
            Shown::One(code) => acc.code == code,
        })
        .collect();
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let (all, one) = (matches!(shown, Shown::All), matches!(shown, Shown::One(_)));
    let c = Chrome::inside(tr, &tr.t("accounts-title"), "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&AccountsPage { c, f, accounts, all, one, can_keep })
}

/// The chart of accounts: the short chart, or every account with `?all=1`.
pub async fn show_accounts(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<AccountsQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let shown = match (&q.code, &q.all) {
        (Some(code), _) => Shown::One(code),
        (None, Some(_)) => Shown::All,
        (None, None) => Shown::Short,
    };
    accounts_page(&s, tr, &csrf, &who.ctx, (FormState::default(), shown), q.notice.as_deref()).await
}

/// Adds a sub-account under an account of the chart (`6064` → `60641`).
pub async fn create_account(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &["code", "label"]);
    let code = posted.get("code").trim();
    let label = domain::validate::line(posted.get("label"), 120);
    let known = store::accounting::chart::accounts(&s.db, who.ctx.association_id()).await?;
    if !chart::is_postable(code) {
        f.error(&tr, "code", "error-account-code");
    } else if known.iter().any(|acc| acc.code == code) {
        f.error(&tr, "code", "error-account-exists");
    } else if chart::parent(code).is_none() {
        f.error(&tr, "code", "error-account-parent");
    }
    if let Err(k) = &label {
        f.error(&tr, "label", k);
    }
    match label {
        Ok(label) if !f.has_errors() => {
            store::accounting::chart::add(&s.db, &who.grant, code, &label).await?;
            store::audit::by(&s.db, &who.grant, "account.create", &format!("{code} {label}"), now()).await?;
            Ok(done("/accounting/accounts", "notice-saved"))
        }
        _ => Ok(refused(accounts_page(&s, tr, &csrf, &who.ctx, (f, Shown::Short), None).await?)),
    }
}

/// Changes an account: its label, hidden or shown, a bank account's IBAN.
pub async fn save_account(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(code): Path<String>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let known = store::accounting::chart::accounts(&s.db, who.ctx.association_id()).await?;
    let account = known.iter().find(|acc| acc.code == code).ok_or(AppError::NotFound)?;
    let field = |name: &str| format!("{name}-{code}");
    let mut f = FormState::keep(&posted, &[&field("label"), &field("iban")]);
    let label = match domain::validate::line(posted.get(&field("label")), 120) {
        Ok(l) if !account.own && chart::find(&code).is_some_and(|c| c.label == l) => String::new(),
        Ok(l) if l.is_empty() && account.own => {
            f.error(&tr, &field("label"), "error-required");
            String::new()
        }
        Ok(l) => l,
        Err(k) => {
            f.error(&tr, &field("label"), k);
            String::new()
        }
    };
    let iban: String =
        posted.get(&field("iban")).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if !iban.is_empty() && !domain::validate::iban(&iban) {
        f.error(&tr, &field("iban"), "error-iban");
    }
    if f.has_errors() {
        return Ok(refused(accounts_page(&s, tr, &csrf, &who.ctx, (f, Shown::One(&code)), None).await?));
    }
    let hidden = posted.get(&field("hidden")) == "on";
    store::accounting::chart::update(&s.db, &who.grant, &code, (&label, hidden, &iban)).await?;
    store::audit::by(&s.db, &who.grant, "account.update", &format!("{code} hidden={hidden}"), now()).await?;
    Ok(done("/accounting/accounts", "notice-saved"))
}
