//! Entering transactions: the simple mode (income, expense, transfer, debt,
//! receivable) and the advanced mode (any number of lines), an entry's page,
//! changing or removing it while its year is open, reversing it once sealed,
//! and posting the dues payments the members module recorded.

use super::accounting::accounting_off;
use super::members::today;
use super::{Chrome, FormState, Options, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::accounting::chart::{self, Kind};
use domain::accounting::entry::{Draft, Line, Problem, Simple, SimpleKind};
use domain::{Grant, KeepBooks, TeamWork};
use store::accounting::Refused;
use store::accounting::chart::Account;
use store::accounting::chart::label_of;
use store::accounting::entries::{EntryRow, LineRow};

const SIMPLE_FIELDS: [&str; 8] = ["kind", "date", "label", "amount", "category", "payment", "reference", "project"];

#[derive(Template)]
#[template(path = "entry_form.html")]
struct SimpleForm {
    c: Chrome,
    f: FormState,
    kind: SimpleKind,
    kinds: Options,
    categories: Options,
    payments: Options,
    projects: Options,
}

/// The accounts a select offers: visible, postable, of the kinds asked;
/// favourites (the short chart and the association's own) unless `all`.
fn choices(accounts: &[Account], kinds: &[Kind], all: bool) -> Options {
    accounts
        .iter()
        .filter(|acc| !acc.hidden && chart::is_postable(&acc.code) && kinds.contains(&acc.kind))
        .filter(|acc| all || acc.favourite || acc.own)
        .map(|acc| (acc.code.clone(), format!("{} – {}", acc.code, acc.label)))
        .collect()
}

/// The kinds of account each select offers for a kind of entry.
fn select_kinds(kind: SimpleKind) -> (&'static [Kind], &'static [Kind]) {
    match kind {
        SimpleKind::Income | SimpleKind::Receivable => {
            (&[Kind::Income], if kind == SimpleKind::Income { &[Kind::Bank, Kind::Cash] } else { &[Kind::ThirdParty] })
        }
        SimpleKind::Expense => (&[Kind::Expense], &[Kind::Bank, Kind::Cash]),
        SimpleKind::Debt => (&[Kind::Expense], &[Kind::ThirdParty]),
        SimpleKind::Transfer => (&[Kind::Bank, Kind::Cash], &[Kind::Bank, Kind::Cash]),
    }
}

async fn simple_form(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    kind: SimpleKind,
    mut f: FormState,
) -> Result<Response, AppError> {
    let accounts = store::accounting::chart::accounts(&s.db, ctx.association_id()).await?;
    let (category_kinds, payment_kinds) = select_kinds(kind);
    let mut categories = choices(&accounts, category_kinds, false);
    let mut payments = choices(&accounts, payment_kinds, kind != SimpleKind::Debt && kind != SimpleKind::Receivable);
    // A value chosen from the whole chart stays offered when the form comes back.
    for (options, field, kinds) in
        [(&mut categories, "category", category_kinds), (&mut payments, "payment", payment_kinds)]
    {
        let typed = f.v(field).to_string();
        if !typed.is_empty() && !options.iter().any(|(v, _)| *v == typed) {
            options.extend(choices(&accounts, kinds, true).into_iter().filter(|(v, _)| *v == typed));
        }
    }
    if f.v("date").is_empty() {
        f.set("date", tr.date(&today().to_string()));
    }
    f.set("kind", kind.code());
    let kinds =
        SimpleKind::ALL.iter().map(|k| (k.code().to_string(), tr.t(&format!("entry-kind-{}", k.code())))).collect();
    let projects = project_options(s, &tr, ctx).await?;
    let title = tr.t(&format!("entry-new-{}", kind.code()));
    let c = Chrome::inside(tr, &title, "accounting", ctx).with_csrf(csrf);
    page(&SimpleForm { c, f, kind, kinds, categories, payments, projects })
}

/// The projects an entry may count for: none, or an active one.
async fn project_options(s: &AppState, tr: &Tr, ctx: &InAssociation) -> Result<Options, AppError> {
    let mut options: Options = vec![(String::new(), tr.t("entry-no-project"))];
    let projects = store::accounting::projects::list(&s.db, ctx.association_id(), false).await?;
    options.extend(projects.into_iter().map(|p| (p.id.to_string(), p.name)));
    Ok(options)
}

/// The project chosen in `field`: `Ok(None)` for none, `Err` for one that is not offered.
async fn chosen_project(s: &AppState, ctx: &InAssociation, raw: &str) -> Result<Result<Option<i64>, ()>, AppError> {
    if raw.is_empty() {
        return Ok(Ok(None));
    }
    let Ok(id) = raw.parse::<i64>() else { return Ok(Err(())) };
    let active = store::accounting::projects::get(&s.db, ctx.association_id(), id).await?.filter(|p| !p.archived);
    Ok(active.map(|p| Some(p.id)).ok_or(()))
}

#[derive(serde::Deserialize, Default)]
pub struct NewEntryQuery {
    kind: Option<String>,
}

/// The simple-mode form for one kind of entry (`?kind=expense`).
pub async fn show_new_entry(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Query(q): Query<NewEntryQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let kind = q.kind.as_deref().and_then(SimpleKind::from_code).unwrap_or(SimpleKind::Expense);
    simple_form(&s, tr, &csrf, &who.ctx, kind, FormState::default()).await
}

/// The message of a refusal by the store, on the field it concerns.
fn refusal(tr: &Tr, f: &mut FormState, r: &Refused, date_field: &str) {
    match r {
        Refused::NoYear => f.error(tr, date_field, "error-entry-no-year"),
        Refused::Closed => f.error(tr, date_field, "error-entry-closed-year"),
        // Single entries come from no file.
        Refused::NotFound | Refused::AlreadyImported => f.error(tr, date_field, "error-not-found"),
        Refused::Invalid(problems) => problem_messages(tr, f, problems),
    }
}

/// Each problem of an entry on its field: `account-2`, `debit-0`, `lines`…
fn problem_messages(tr: &Tr, f: &mut FormState, problems: &[Problem]) {
    for p in problems {
        match p {
            Problem::NoLabel => f.error(tr, "label", "error-required"),
            Problem::TooFewLines => f.error(tr, "lines", "error-entry-too-few-lines"),
            Problem::EmptyLine(i) => f.error(tr, &format!("debit-{i}"), "error-entry-empty-line"),
            Problem::BothSides(i) => f.error(tr, &format!("debit-{i}"), "error-entry-both-sides"),
            Problem::Negative(i) => f.error(tr, &format!("debit-{i}"), "error-amount"),
            Problem::NoAccount(i) => f.error(tr, &format!("account-{i}"), "error-required"),
            Problem::Unbalanced { debit, credit, difference } => {
                let message = tr.args(
                    "error-entry-unbalanced",
                    &[
                        ("debit", tr.money(*debit)),
                        ("credit", tr.money(*credit)),
                        ("difference", tr.money(difference.abs())),
                    ],
                );
                if f.e("lines").is_empty() {
                    f.errors.push(("lines".into(), message));
                }
            }
        }
    }
}

/// Writes a simple-mode entry as its balanced double entry.
pub async fn create_entry(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let kind = SimpleKind::from_code(posted.get("kind")).unwrap_or(SimpleKind::Expense);
    let mut f = FormState::keep(&posted, &SIMPLE_FIELDS);
    let date = domain::dates::parse_typed(posted.get("date"));
    if date.is_none() {
        f.error(&tr, "date", "error-date-any");
    }
    let label = domain::validate::line(posted.get("label"), 200).unwrap_or_else(|k| {
        f.error(&tr, "label", k);
        String::new()
    });
    if label.is_empty() {
        f.error(&tr, "label", "error-required");
    }
    let amount = match domain::money::parse_cents(posted.get("amount")) {
        Ok(0) => {
            f.error(&tr, "amount", "error-amount-zero");
            0
        }
        Ok(c) => c,
        Err(k) => {
            f.error(&tr, "amount", k);
            0
        }
    };
    let accounts = store::accounting::chart::accounts(&s.db, who.ctx.association_id()).await?;
    let (category_kinds, payment_kinds) = select_kinds(kind);
    for (field, kinds) in [("category", category_kinds), ("payment", payment_kinds)] {
        let code = posted.get(field);
        if !choices(&accounts, kinds, true).iter().any(|(v, _)| v == code) {
            f.error(&tr, field, "error-unknown-choice");
        }
    }
    let reference = domain::validate::line(posted.get("reference"), 100).unwrap_or_default();
    let project = chosen_project(&s, &who.ctx, posted.get("project")).await?.unwrap_or_else(|()| {
        f.error(&tr, "project", "error-unknown-choice");
        None
    });
    let entry = date.map(|date| Simple {
        kind,
        date,
        label,
        reference,
        amount,
        category: posted.get("category").to_string(),
        payment: posted.get("payment").to_string(),
        project,
    });
    if let Some(e) = &entry {
        for (field, key) in e.check() {
            f.error(&tr, field, key);
        }
    }
    let (Some(entry), false) = (entry, f.has_errors()) else {
        return Ok(refused(simple_form(&s, tr, &csrf, &who.ctx, kind, f).await?));
    };
    match store::accounting::entries::post(&s.db, &who.grant, &entry.draft(), "simple", now()).await? {
        Ok(id) => {
            audit_entry(&s, &who.grant, "entry.create", id, &entry.draft()).await?;
            Ok(done(&format!("/accounting/entries/{id}"), "notice-entry-saved"))
        }
        Err(r) => {
            refusal(&tr, &mut f, &r, "date");
            Ok(refused(simple_form(&s, tr, &csrf, &who.ctx, kind, f).await?))
        }
    }
}

async fn audit_entry(s: &AppState, g: &Grant<KeepBooks>, action: &str, id: i64, d: &Draft) -> Result<(), AppError> {
    let (debit, _) = d.totals();
    let detail = format!("#{id} {} {}: {debit}", d.date, d.label);
    store::audit::by(&s.db, g, action, &detail, now()).await?;
    Ok(())
}

/// Lines the advanced form shows at first, and adds when asked.
const LINES_STEP: usize = 4;

#[derive(Template)]
#[template(path = "entry_advanced.html")]
struct AdvancedForm {
    c: Chrome,
    f: FormState,
    /// `/accounting/entries/advanced` or `/accounting/entries/{id}/edit`.
    action: String,
    rows: Vec<usize>,
    /// Accounts offered as suggestions while typing a code.
    suggestions: Options,
    projects: Options,
}

async fn advanced_form(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (action, rows): (String, usize),
    mut f: FormState,
) -> Result<Response, AppError> {
    let accounts = store::accounting::chart::accounts(&s.db, ctx.association_id()).await?;
    let suggestions = accounts
        .iter()
        .filter(|acc| !acc.hidden && (acc.favourite || acc.own) && chart::is_postable(&acc.code))
        .map(|acc| (acc.code.clone(), acc.label.clone()))
        .collect();
    if f.v("date").is_empty() {
        f.set("date", tr.date(&today().to_string()));
    }
    let projects = project_options(s, &tr, ctx).await?;
    let title = tr.t(if action.ends_with("/edit") { "entry-edit-title" } else { "entry-new-advanced" });
    let c = Chrome::inside(tr, &title, "accounting", ctx).with_csrf(csrf);
    page(&AdvancedForm { c, f, action, rows: (0..rows).collect(), suggestions, projects })
}

/// The advanced-mode form: date, label, reference and lines.
pub async fn show_new_advanced_entry(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let action = "/accounting/entries/advanced".to_string();
    advanced_form(&s, tr, &csrf, &who.ctx, (action, LINES_STEP), FormState::default()).await
}

/// The entry with `project` on its income, expense and in-kind lines (the
/// bank or third-party side of an entry belongs to no project).
fn with_project(mut d: Draft, project: Option<i64>) -> Draft {
    for l in &mut d.lines {
        let analytic = matches!(l.account.as_bytes().first(), Some(b'6' | b'7'))
            || l.account.starts_with("86")
            || l.account.starts_with("87");
        l.project = if analytic { project } else { None };
    }
    d
}

/// How many line rows were posted (`account-N` up to 200 lines).
fn posted_rows(posted: &Posted) -> usize {
    (0..200)
        .rev()
        .find(|i| {
            !posted.get(&format!("account-{i}")).is_empty()
                || !posted.get(&format!("debit-{i}")).is_empty()
                || !posted.get(&format!("credit-{i}")).is_empty()
        })
        .map_or(0, |i| i + 1)
}

/// Reads the advanced form: the entry if everything reads, else the form with its errors.
fn read_advanced(tr: &Tr, posted: &Posted, accounts: &[Account]) -> (FormState, Option<Draft>, usize) {
    let rows = posted_rows(posted).max(2);
    let mut names: Vec<String> = vec!["date".into(), "label".into(), "reference".into(), "project".into()];
    for i in 0..rows {
        for n in ["account", "debit", "credit", "line-label"] {
            names.push(format!("{n}-{i}"));
        }
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut f = FormState::keep(posted, &refs);
    let date = domain::dates::parse_typed(posted.get("date"));
    if date.is_none() {
        f.error(tr, "date", "error-date-any");
    }
    let label = domain::validate::line(posted.get("label"), 200).unwrap_or_default();
    let reference = domain::validate::line(posted.get("reference"), 100).unwrap_or_default();
    let mut lines = Vec::new();
    for i in 0..rows {
        let account = posted.get(&format!("account-{i}")).trim().to_string();
        let (debit, credit) = (posted.get(&format!("debit-{i}")), posted.get(&format!("credit-{i}")));
        if account.is_empty() && debit.trim().is_empty() && credit.trim().is_empty() {
            continue;
        }
        let mut amount = |field: String, raw: &str| {
            if raw.trim().is_empty() {
                return 0;
            }
            domain::money::parse_cents(raw).unwrap_or_else(|k| {
                f.error(tr, &field, k);
                0
            })
        };
        let debit = amount(format!("debit-{i}"), debit);
        let credit = amount(format!("credit-{i}"), credit);
        if !account.is_empty() && !accounts.iter().any(|acc| acc.code == account && chart::is_postable(&acc.code)) {
            f.error(tr, &format!("account-{i}"), "error-account-unknown");
        }
        let line_label = domain::validate::line(posted.get(&format!("line-label-{i}")), 200).unwrap_or_default();
        lines.push((i, Line { account, debit, credit, label: line_label, project: None }));
    }
    let Some(date) = date else { return (f, None, rows) };
    // Problems are numbered by the kept lines: point them back at the form's rows.
    let positions: Vec<usize> = lines.iter().map(|(i, _)| *i).collect();
    let draft = Draft { date, label, reference, lines: lines.into_iter().map(|(_, l)| l).collect() };
    if let Err(problems) = draft.check() {
        let renumbered: Vec<Problem> = problems
            .into_iter()
            .map(|p| match p {
                Problem::EmptyLine(i) => Problem::EmptyLine(positions[i]),
                Problem::BothSides(i) => Problem::BothSides(positions[i]),
                Problem::Negative(i) => Problem::Negative(positions[i]),
                Problem::NoAccount(i) => Problem::NoAccount(positions[i]),
                other => other,
            })
            .collect();
        problem_messages(tr, &mut f, &renumbered);
    }
    let ok = !f.has_errors();
    (f, ok.then_some(draft), rows)
}

/// The advanced form as posted: the entry, with the form state and rows to
/// show again if the store refuses it; or the page to answer at once (more
/// rows asked for, or the form refused).
async fn posted_advanced(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    action: &str,
    posted: &Posted,
) -> Result<Result<(Draft, FormState, usize), Response>, AppError> {
    let accounts = store::accounting::chart::accounts(&s.db, ctx.association_id()).await?;
    let (mut f, draft, rows) = read_advanced(&tr, posted, &accounts);
    let draft = match chosen_project(s, ctx, posted.get("project")).await? {
        Ok(project) => draft.map(|d| with_project(d, project)),
        Err(()) => {
            f.error(&tr, "project", "error-unknown-choice");
            None
        }
    };
    if posted.get("action") == "more" {
        f.errors.clear();
        return Ok(Err(advanced_form(s, tr, csrf, ctx, (action.to_string(), rows + LINES_STEP), f).await?));
    }
    match draft {
        Some(d) => Ok(Ok((d, f, rows))),
        None => Ok(Err(refused(advanced_form(s, tr, csrf, ctx, (action.to_string(), rows), f).await?))),
    }
}

/// Writes an advanced-mode entry; `action=more` shows more line rows instead.
pub async fn create_advanced_entry(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let action = "/accounting/entries/advanced".to_string();
    let (draft, mut f, rows) = match posted_advanced(&s, tr, &csrf, &who.ctx, &action, &posted).await? {
        Ok(read) => read,
        Err(page) => return Ok(page),
    };
    match store::accounting::entries::post(&s.db, &who.grant, &draft, "advanced", now()).await? {
        Ok(id) => {
            audit_entry(&s, &who.grant, "entry.create", id, &draft).await?;
            Ok(done(&format!("/accounting/entries/{id}"), "notice-entry-saved"))
        }
        Err(r) => {
            refusal(&tr, &mut f, &r, "date");
            Ok(refused(advanced_form(&s, tr, &csrf, &who.ctx, (action, rows), f).await?))
        }
    }
}

#[derive(Template)]
#[template(path = "entry.html")]
struct EntryPage {
    c: Chrome,
    entry: EntryRow,
    lines: Vec<(LineRow, String)>,
    total: i64,
    /// The member whose dues payment this entry posts.
    payment_member: Option<i64>,
    /// The donor whose gift this entry posts.
    donor: Option<i64>,
    attachments: Vec<store::accounting::attachments::AttachmentRow>,
    /// How often it may be repeated: months, and how that reads.
    repeat_every: Options,
    can_keep: bool,
}

/// One entry: its lines, where it came from, its seal; the actions its year allows.
pub async fn show_entry(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<super::NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let (entry, lines) = store::accounting::entries::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let total = lines.iter().map(|l| l.debit_cents).sum();
    let lines = lines.into_iter().map(|l| {
        let label = label_of(&accounts, &l.account);
        (l, label)
    });
    let payment_member = store::accounting::entries::payment_of(&s.db, a, id).await?.map(|(_, m)| m);
    let attachments = store::accounting::attachments::of_entry(&s.db, a, id).await?;
    let donor = store::donations::donation_of_entry(&s.db, a, id).await?.map(|(_, d)| d);
    let can_keep = Grant::<KeepBooks>::check(&who.ctx.membership).is_some();
    let title = tr.t1("entry-title", "label", entry.label.clone());
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    let repeat_every =
        [1_i64, 3, 6, 12].iter().map(|m| (m.to_string(), tr.n("recurring-months", "count", *m))).collect();
    let lines = lines.collect();
    page(&EntryPage { c, entry, lines, total, payment_member, donor, attachments, repeat_every, can_keep })
}

/// The advanced form filled with an entry of an open year.
pub async fn edit_entry(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let (entry, lines) =
        store::accounting::entries::get(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    if entry.locked {
        return Ok(done(&format!("/accounting/entries/{id}"), "notice-entry-locked"));
    }
    let mut f = FormState::default();
    f.set("date", tr.date(&entry.on_date));
    f.set("label", entry.label);
    f.set("reference", entry.reference);
    for (i, l) in lines.iter().enumerate() {
        f.set(&format!("account-{i}"), l.account.clone());
        let amount = |c: i64| if c == 0 { String::new() } else { domain::money::input_value(c) };
        f.set(&format!("debit-{i}"), amount(l.debit_cents));
        f.set(&format!("credit-{i}"), amount(l.credit_cents));
        f.set(&format!("line-label-{i}"), l.label.clone());
    }
    if let Some(p) = lines.iter().find_map(|l| l.project_id) {
        f.set("project", p.to_string());
    }
    let rows = lines.len().max(2) + 1;
    advanced_form(&s, tr, &csrf, &who.ctx, (format!("/accounting/entries/{id}/edit"), rows), f).await
}

/// Saves the changes to an entry of an open year.
pub async fn save_entry(
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
    store::accounting::entries::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let action = format!("/accounting/entries/{id}/edit");
    let (draft, mut f, rows) = match posted_advanced(&s, tr, &csrf, &who.ctx, &action, &posted).await? {
        Ok(read) => read,
        Err(page) => return Ok(page),
    };
    match store::accounting::entries::update(&s.db, &who.grant, id, &draft).await? {
        Ok(()) => {
            audit_entry(&s, &who.grant, "entry.update", id, &draft).await?;
            Ok(done(&format!("/accounting/entries/{id}"), "notice-entry-saved"))
        }
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(r) => {
            refusal(&tr, &mut f, &r, "date");
            Ok(refused(advanced_form(&s, tr, &csrf, &who.ctx, (action, rows), f).await?))
        }
    }
}

/// Removes an entry of an open year.
pub async fn delete_entry(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let (entry, _) = store::accounting::entries::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    match store::accounting::entries::delete(&s.db, &who.grant, id).await? {
        Ok(()) => {
            let detail = format!("#{id} {} {}", entry.on_date, entry.label);
            store::audit::by(&s.db, &who.grant, "entry.delete", &detail, now()).await?;
            Ok(done("/accounting", "notice-entry-deleted"))
        }
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(_) => Ok(done(&format!("/accounting/entries/{id}"), "notice-entry-locked")),
    }
}

/// Writes the entry that cancels this one, dated today (or the day typed).
pub async fn reverse_entry(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let (entry, _) = store::accounting::entries::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let day = domain::dates::parse_typed(posted.get("date")).unwrap_or_else(today);
    let label = tr.t1("entry-reversal-label", "label", entry.label.clone());
    match store::accounting::entries::reverse(&s.db, &who.grant, id, (day, &label), now()).await? {
        Ok(new) => {
            let detail = format!("#{new} reverses #{id} {}", entry.label);
            store::audit::by(&s.db, &who.grant, "entry.reverse", &detail, now()).await?;
            Ok(done(&format!("/accounting/entries/{new}"), "notice-entry-saved"))
        }
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(_) => Ok(done(&format!("/accounting/entries/{id}"), "notice-entry-no-open-year")),
    }
}

/// Posts every dues payment not posted yet whose date falls in an open year.
pub async fn post_payments(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let mut posted = 0;
    for p in store::accounting::entries::unposted_payments(&s.db, a).await? {
        if let Ok(Some(_)) = store::accounting::entries::post_payment(&s.db, &who.grant, p, now()).await? {
            posted += 1;
        }
    }
    store::audit::by(&s.db, &who.grant, "payments.post", &format!("{posted} payment(s)"), now()).await?;
    Ok(done("/accounting", "notice-payments-posted"))
}

/// The largest attachment kept (the server's upload limit may be lower:
/// `max_upload_bytes`, 32 MiB by default).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// The type of a receipt from its first bytes: PDF, JPEG or PNG; `None` for anything else.
fn attachment_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// Attaches a receipt or an invoice (PDF, JPEG, PNG) to an entry.
pub async fn add_attachment(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: crate::auth::PostedFiles,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    store::accounting::entries::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let to = format!("/accounting/entries/{id}");
    let Some((name, bytes)) = posted.file("file") else { return Ok(done(&to, "notice-attachment-missing")) };
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        return Ok(done(&to, "notice-attachment-too-large"));
    }
    let Some(kind) = attachment_type(bytes) else { return Ok(done(&to, "notice-attachment-type")) };
    let name: String = name.chars().filter(|c| !c.is_control() && !matches!(c, '"' | '/' | '\\')).take(120).collect();
    store::accounting::attachments::add(&s.db, &who.grant, id, (&name, kind, bytes), now())
        .await?
        .ok_or(AppError::NotFound)?;
    let detail = format!("entry #{id}: {name} ({} bytes)", bytes.len());
    store::audit::by(&s.db, &who.grant, "attachment.add", &detail, now()).await?;
    Ok(done(&to, "notice-attachment-added"))
}

/// Downloads an attachment.
pub async fn download_attachment(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let (row, bytes) =
        store::accounting::attachments::get(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    super::file_download(&row.content_type, &row.file_name, bytes)
}

/// Removes an attachment while the entry's year is open.
pub async fn delete_attachment(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let (row, _) = store::accounting::attachments::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let to = format!("/accounting/entries/{}", row.entry_id);
    if !store::accounting::attachments::delete(&s.db, &who.grant, id).await? {
        return Ok(done(&to, "notice-entry-locked"));
    }
    let detail = format!("entry #{}: {}", row.entry_id, row.file_name);
    store::audit::by(&s.db, &who.grant, "attachment.delete", &detail, now()).await?;
    Ok(done(&to, "notice-attachment-deleted"))
}

/// Starts repeating an entry every 1, 3, 6 or 12 months from a date (until an end date).
pub async fn repeat_entry(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let (entry, lines) = store::accounting::entries::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let to = format!("/accounting/entries/{id}");
    let every: i64 = match posted.get("every") {
        "1" => 1,
        "3" => 3,
        "6" => 6,
        "12" => 12,
        _ => return Ok(done(&to, "notice-repeat-invalid")),
    };
    let Some(first) = domain::dates::parse_typed(posted.get("first")) else {
        return Ok(done(&to, "notice-repeat-invalid"));
    };
    let until = match posted.get("until").trim() {
        "" => None,
        typed => match domain::dates::parse_typed(typed) {
            Some(d) if d >= first => Some(d),
            _ => return Ok(done(&to, "notice-repeat-invalid")),
        },
    };
    let draft = Draft {
        date: first,
        label: entry.label.clone(),
        reference: String::new(),
        lines: lines.iter().map(LineRow::line).collect(),
    };
    let rid = store::accounting::recurring::create(&s.db, &who.grant, &draft, (every, first, until)).await?;
    let detail = format!("#{rid} from entry #{id} every {every} month(s) from {first}");
    store::audit::by(&s.db, &who.grant, "recurring.create", &detail, now()).await?;
    Ok(done("/accounting/recurring", "notice-saved"))
}

#[derive(Template)]
#[template(path = "recurring.html")]
struct RecurringPage {
    c: Chrome,
    rows: Vec<store::accounting::recurring::RecurringRow>,
    can_keep: bool,
}

/// The recurring entries: what is written when, and a way to stop each.
pub async fn show_recurring(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<super::NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let rows = store::accounting::recurring::list(&s.db, who.ctx.association_id()).await?;
    let can_keep = Grant::<KeepBooks>::check(&who.ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("recurring-title"), "accounting", &who.ctx)
        .with_csrf(&csrf)
        .notice(q.notice.as_deref());
    page(&RecurringPage { c, rows, can_keep })
}

/// Stops a recurring entry; what it wrote stays.
pub async fn stop_recurring(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    if !store::accounting::recurring::stop(&s.db, &who.grant, id).await? {
        return Err(AppError::NotFound);
    }
    store::audit::by(&s.db, &who.grant, "recurring.stop", &format!("#{id}"), now()).await?;
    Ok(done("/accounting/recurring", "notice-saved"))
}
