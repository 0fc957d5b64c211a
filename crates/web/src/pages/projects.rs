//! Analytic projects (a subsidy's action, an event) with their compte rendu
//! financier laid out like Cerfa 15059*02, and budgets with budget against actual.

use super::accounting::accounting_off;
use super::books::{ReportQuery, StatementLine, download, format_of};
use super::{Chrome, FormState, NoticeQuery, Options, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::{Lang, Tr};
use crate::reports::{Cell as ReportCell, Column, ReportWriter};
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::accounting::statements::{self, Level};
use domain::{Grant, KeepBooks, TeamWork};
use store::accounting::chart::label_of;
use store::accounting::projects::ProjectRow;
use store::accounting::years::YearRow;

#[derive(Template)]
#[template(path = "projects.html")]
struct ProjectsPage {
    c: Chrome,
    f: FormState,
    projects: Vec<ProjectRow>,
    can_keep: bool,
}

async fn projects_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let projects = store::accounting::projects::list(&s.db, ctx.association_id(), true).await?;
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("projects-title"), "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&ProjectsPage { c, f, projects, can_keep })
}

/// The association's projects.
pub async fn show_projects(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    projects_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// A checked project name in `field`, or the form refused.
fn name_in(tr: &Tr, posted: &Posted, field: &str) -> Result<String, FormState> {
    match domain::validate::line(posted.get(field), 100) {
        Ok(n) if !n.is_empty() => Ok(n),
        Ok(_) => Err("error-required"),
        Err(k) => Err(k),
    }
    .map_err(|k| {
        let mut f = FormState::keep(posted, &[field]);
        f.error(tr, field, k);
        f
    })
}

/// Adds a project.
pub async fn create_project(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let f = match name_in(&tr, &posted, "name") {
        Ok(name) => match store::accounting::projects::create(&s.db, &who.grant, &name).await {
            Ok(id) => {
                store::audit::by(&s.db, &who.grant, "project.create", &format!("#{id} {name}"), now()).await?;
                return Ok(done("/accounting/projects", "notice-saved"));
            }
            Err(store::Error::Conflict) => {
                let mut f = FormState::keep(&posted, &["name"]);
                f.error(&tr, "name", "error-name-taken");
                f
            }
            Err(e) => return Err(e.into()),
        },
        Err(f) => f,
    };
    Ok(refused(projects_page(&s, tr, &csrf, &who.ctx, f, None).await?))
}

/// Renames a project, or archives it (`archived=on`).
pub async fn save_project(
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
    store::accounting::projects::get(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    let field = format!("name-{id}");
    let f = match name_in(&tr, &posted, &field) {
        Ok(name) => {
            let archived = posted.get(&format!("archived-{id}")) == "on";
            match store::accounting::projects::update(&s.db, &who.grant, id, (&name, archived)).await {
                Ok(_) => {
                    let detail = format!("#{id} {name} archived={archived}");
                    store::audit::by(&s.db, &who.grant, "project.update", &detail, now()).await?;
                    return Ok(done("/accounting/projects", "notice-saved"));
                }
                Err(store::Error::Conflict) => {
                    let mut f = FormState::keep(&posted, &[&field]);
                    f.error(&tr, &field, "error-name-taken");
                    f
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(f) => f,
    };
    Ok(refused(projects_page(&s, tr, &csrf, &who.ctx, f, None).await?))
}

/// `?year=` of a project's page (default: the latest year), `?format=` to download.
#[derive(serde::Deserialize, Default)]
pub struct ProjectQuery {
    year: Option<i64>,
    format: Option<String>,
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    c: Chrome,
    project: ProjectRow,
    years: Vec<YearRow>,
    year: Option<YearRow>,
    headers: Vec<String>,
    lines: Vec<StatementLine>,
}

/// A project's compte rendu financier for a year: budget, actual, gap.
pub async fn show_project(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<ProjectQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let project = store::accounting::projects::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let years = store::accounting::years::list(&s.db, a).await?;
    let year = match q.year {
        Some(y) => Some(years.iter().find(|x| x.id == y).cloned().ok_or(AppError::NotFound)?),
        None => years.first().cloned(),
    };
    let headers = vec![tr.t("statement-heading"), tr.t("budget-planned"), tr.t("budget-actual"), tr.t("budget-gap")];
    let mut lines = Vec::new();
    if let Some(y) = &year {
        let actual = store::accounting::projects::totals(&s.db, a, (y.id, id)).await?;
        let budget = store::accounting::projects::budget(&s.db, a, (y.id, id)).await?;
        let accounts = store::accounting::chart::accounts(&s.db, a).await?;
        for r in statements::compte_rendu_financier(&actual, &budget).rows {
            let mut label = if tr.lang == Lang::En { r.label_en.to_string() } else { r.label_fr.to_string() };
            // A funder's own sub-account reads by the name the association gave it.
            if let Some(code) = &r.account {
                label = format!("{code} {}", label_of(&accounts, code));
            }
            let heading = r.level == Level::Heading;
            let gap = r.gap_percent().map(|g| g * 100);
            let level = level_class(r.level);
            let amounts = if heading { vec![None, None, None] } else { vec![r.budget, Some(r.current), gap] };
            lines.push(StatementLine { label, amounts, level });
        }
    }
    let title = tr.t1("project-title", "name", project.name.clone());
    let back = format!("/accounting/projects/{id}");
    let rq = ReportQuery { page: None, format: q.format.clone() };
    match format_of(tr, &rq, &back) {
        Err(r) => return Ok(*r),
        Ok(Some(format)) => {
            let columns = [
                Column::text(headers[0].clone(), 3.0),
                Column::money(headers[1].clone()),
                Column::money(headers[2].clone()),
                Column::text(headers[3].clone(), 0.8),
            ];
            let subtitle = format!(
                "{} – {}",
                who.ctx.association.name,
                year.as_ref().map_or(String::new(), |y| format!("{} → {}", tr.date(&y.starts_on), tr.date(&y.ends_on)))
            );
            return download(format, &format!("compte-rendu-financier-{id}"), |out| {
                let mut w = ReportWriter::start(format, out, tr, (&title, &subtitle), &columns)?;
                for l in &lines {
                    let money = |v: Option<i64>| v.map_or(ReportCell::Empty, ReportCell::Money);
                    let gap = l.amounts[2].map_or(ReportCell::Empty, |g| ReportCell::Text(format!("{} %", g / 100)));
                    let cells = [ReportCell::Text(l.label.clone()), money(l.amounts[0]), money(l.amounts[1]), gap];
                    w.line(&cells, matches!(l.level, "subtotal" | "total" | "heading"))?;
                }
                w.finish().map(|_| ())
            });
        }
        Ok(None) => {}
    }
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx);
    page(&ProjectPage { c, project, years, year, headers, lines })
}

/// The CSS class of a statement row's level.
pub fn level_class(level: Level) -> &'static str {
    match level {
        Level::Heading => "heading",
        Level::Line => "line",
        Level::Detail => "detail",
        Level::Subtotal => "subtotal",
        Level::Total => "total",
    }
}

/// Budget rows the form shows, and adds when asked.
const BUDGET_STEP: usize = 6;

#[derive(Template)]
#[template(path = "budget.html")]
struct BudgetPage {
    c: Chrome,
    f: FormState,
    year: YearRow,
    projects: Options,
    project: i64,
    rows: Vec<usize>,
    /// Account, label, budget, actual, gap in percent.
    compared: Vec<(String, String, i64, i64, Option<i64>)>,
    can_keep: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct BudgetQuery {
    project: Option<i64>,
    notice: Option<String>,
}

async fn budget_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (year, project): (YearRow, i64),
    (mut f, rows, notice): (FormState, Option<usize>, Option<&str>),
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let budget = store::accounting::projects::budget(&s.db, a, (year.id, project)).await?;
    let actual = if project == 0 {
        store::accounting::years::totals(&s.db, a, year.id).await?
    } else {
        store::accounting::projects::totals(&s.db, a, (year.id, project)).await?
    };
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let compared = budget
        .iter()
        .map(|(code, planned)| {
            // Expenses count as debits, income as credits.
            let done: i64 = actual
                .iter()
                .filter(|t| t.account.starts_with(code.as_str()))
                .map(|t| if code.starts_with('7') || code.starts_with("87") { -t.net() } else { t.net() })
                .sum();
            let gap = (*planned != 0).then(|| ((done - planned) * 100) / planned);
            (code.clone(), label_of(&accounts, code), *planned, done, gap)
        })
        .collect();
    if !f.has_errors() && f.values.is_empty() {
        for (i, (code, cents)) in budget.iter().enumerate() {
            f.set(&format!("account-{i}"), code.clone());
            f.set(&format!("amount-{i}"), domain::money::input_value(*cents));
        }
    }
    let rows = rows.unwrap_or(budget.len() + BUDGET_STEP);
    let mut projects: Options = vec![("0".into(), tr.t("budget-whole"))];
    projects.extend(
        store::accounting::projects::list(&s.db, a, false).await?.into_iter().map(|p| (p.id.to_string(), p.name)),
    );
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let title = tr.args("budget-title", &[("start", tr.date(&year.starts_on)), ("end", tr.date(&year.ends_on))]);
    let c = Chrome::inside(tr, &title, "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&BudgetPage { c, f, year, projects, project, rows: (0..rows).collect(), compared, can_keep })
}

/// A year's budget (the association's, or a project's with `?project=`) against what was done.
pub async fn show_budget(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<BudgetQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = store::accounting::years::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let project = q.project.unwrap_or(0);
    if project != 0 {
        store::accounting::projects::get(&s.db, a, project).await?.ok_or(AppError::NotFound)?;
    }
    budget_page(&s, tr, &csrf, &who.ctx, (year, project), (FormState::default(), None, q.notice.as_deref())).await
}

/// Saves a budget: each row an account of the chart and an amount.
pub async fn save_budget(
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
    let project: i64 = posted.get("project").parse().unwrap_or(-1);
    if project != 0 && store::accounting::projects::get(&s.db, a, project).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let rows = (0..200).rev().find(|i| !posted.get(&format!("account-{i}")).is_empty()).map_or(0, |i| i + 1);
    let names: Vec<String> = (0..rows).flat_map(|i| [format!("account-{i}"), format!("amount-{i}")]).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut f = FormState::keep(&posted, &refs);
    f.set("project", project.to_string());
    if posted.get("action") == "more" {
        return budget_page(&s, tr, &csrf, &who.ctx, (year, project), (f, Some(rows + BUDGET_STEP), None)).await;
    }
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let mut lines: Vec<(String, i64)> = Vec::new();
    for i in 0..rows {
        let code = posted.get(&format!("account-{i}")).trim().to_string();
        if code.is_empty() {
            continue;
        }
        let class_ok =
            matches!(code.as_bytes().first(), Some(b'6' | b'7')) || code.starts_with("86") || code.starts_with("87");
        if !accounts.iter().any(|acc| acc.code == code) || !class_ok {
            f.error(&tr, &format!("account-{i}"), "error-budget-account");
        } else if lines.iter().any(|(c, _)| *c == code) {
            f.error(&tr, &format!("account-{i}"), "error-budget-twice");
        }
        match domain::money::parse_cents(posted.get(&format!("amount-{i}"))) {
            Ok(cents) => lines.push((code, cents)),
            Err(k) => f.error(&tr, &format!("amount-{i}"), k),
        }
    }
    if f.has_errors() {
        return Ok(refused(budget_page(&s, tr, &csrf, &who.ctx, (year, project), (f, Some(rows.max(1)), None)).await?));
    }
    store::accounting::projects::set_budget(&s.db, &who.grant, (id, project), &lines).await?;
    let detail = format!("year #{id} project #{project}: {} line(s)", lines.len());
    store::audit::by(&s.db, &who.grant, "budget.save", &detail, now()).await?;
    Ok(done(&format!("/accounting/years/{id}/budget?project={project}"), "notice-saved"))
}
