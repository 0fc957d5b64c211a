//! Reading the books: the general journal, an account's ledger and the
//! trial balance of a year, a page at a time.

use super::Chrome;
use super::accounting::{Balance, accounting_off};
use crate::AppState;
use crate::auth::Authorized;
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::reports::{Cell as ReportCell, Column, Format, ReportWriter};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::TeamWork;
use domain::accounting::statements::{self, Level};
use domain::accounting::years::Totals;
use store::accounting::chart::label_of;
use store::accounting::entries::{EntryRow, LedgerLine, LineRow};
use store::accounting::years::YearRow;

/// Entries per page of the journal, lines per page of a ledger.
const PER_PAGE: i64 = 50;

async fn year_of(s: &AppState, who: &Authorized<TeamWork>, id: i64) -> Result<YearRow, AppError> {
    store::accounting::years::get(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)
}

fn year_name(tr: &Tr, y: &YearRow) -> String {
    tr.args("year-title", &[("start", tr.date(&y.starts_on)), ("end", tr.date(&y.ends_on))])
}

#[derive(Template)]
#[template(path = "journal.html")]
struct JournalPage {
    c: Chrome,
    year: YearRow,
    entries: Vec<(EntryRow, Vec<(LineRow, String)>)>,
    page: i64,
    more: bool,
}

/// The general journal of a year: every entry in date order with its lines.
pub async fn show_journal(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_of(&s, &who, id).await?;
    match format_of(tr, &q, &format!("/accounting/years/{id}/journal")) {
        Err(r) => return Ok(*r),
        Ok(Some(format)) => return journal_file(&s, tr, &who, year, format).await,
        Ok(None) => {}
    }
    let page_no = q.number();
    // One more than shown: whether a next page exists, without counting them all.
    let mut entries =
        store::accounting::entries::journal_page(&s.db, a, id, (page_no - 1) * PER_PAGE, PER_PAGE + 1).await?;
    let more = entries.len() as i64 > PER_PAGE;
    entries.truncate(PER_PAGE as usize);
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let entries = entries
        .into_iter()
        .map(|(e, lines)| {
            let named = lines
                .into_iter()
                .map(|l| {
                    let label = label_of(&accounts, &l.account);
                    (l, label)
                })
                .collect();
            (e, named)
        })
        .collect();
    let title = tr.t1("journal-title", "year", year_name(&tr, &year));
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx);
    page(&JournalPage { c, year, entries, page: page_no, more })
}

#[derive(Template)]
#[template(path = "ledger.html")]
struct LedgerPage {
    c: Chrome,
    year: YearRow,
    account: String,
    label: String,
    /// Each line with the balance after it.
    lines: Vec<(LedgerLine, i64)>,
    before: i64,
    page: i64,
    more: bool,
}

/// One account's ledger in a year, with the running balance.
pub async fn show_ledger(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path((id, account)): Path<(i64, String)>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_of(&s, &who, id).await?;
    if !domain::accounting::chart::is_valid_code(&account) {
        return Err(AppError::NotFound);
    }
    match format_of(tr, &q, &format!("/accounting/years/{id}/ledger/{account}")) {
        Err(r) => return Ok(*r),
        Ok(Some(format)) => return ledger_file(&s, tr, &who, (year, &account), format).await,
        Ok(None) => {}
    }
    let page_no = q.number();
    let (mut lines, before) =
        store::accounting::entries::ledger_page(&s.db, a, (id, &account), (page_no - 1) * PER_PAGE, PER_PAGE + 1)
            .await?;
    let more = lines.len() as i64 > PER_PAGE;
    lines.truncate(PER_PAGE as usize);
    let mut running = before;
    let lines = lines
        .into_iter()
        .map(|l| {
            running += l.debit_cents - l.credit_cents;
            (l, running)
        })
        .collect();
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let label = label_of(&accounts, &account);
    let title = tr.args("ledger-title", &[("account", account.clone()), ("year", year_name(&tr, &year))]);
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx);
    page(&LedgerPage { c, year, account, label, lines, before, page: page_no, more })
}

#[derive(Template)]
#[template(path = "balance.html")]
struct BalancePage {
    c: Chrome,
    year: YearRow,
    /// Each account: code, label, debits, credits.
    rows: Vec<(Balance, i64, i64)>,
    debit: i64,
    credit: i64,
}

/// The trial balance (balance générale): every account's debits, credits and balance.
pub async fn show_balance(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_of(&s, &who, id).await?;
    let totals = store::accounting::years::totals(&s.db, a, id).await?;
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let (debit, credit) = totals.iter().fold((0, 0), |(d, c), t| (d + t.debit, c + t.credit));
    let rows: Vec<(Balance, i64, i64)> = totals
        .into_iter()
        .map(|t| {
            let b = Balance { label: label_of(&accounts, &t.account), cents: t.net(), code: t.account };
            (b, t.debit, t.credit)
        })
        .collect();
    let title = tr.t1("balance-title", "year", year_name(&tr, &year));
    match format_of(tr, &q, &format!("/accounting/years/{id}/balance")) {
        Err(r) => return Ok(*r),
        Ok(Some(format)) => {
            let columns = [
                Column::text(tr.t("account"), 1.0),
                Column::text(tr.t("account-label"), 3.0),
                Column::money(tr.t("debit")),
                Column::money(tr.t("credit")),
                Column::money(tr.t("account-balance")),
            ];
            let name = format!("balance-{}", year.ends_on);
            let subtitle = who.ctx.association.name.clone();
            return download(format, &name, |out| {
                let mut w = ReportWriter::start(format, out, tr, (&title, &subtitle), &columns)?;
                for (b, d, c) in &rows {
                    let cells = [
                        ReportCell::Text(b.code.clone()),
                        ReportCell::Text(b.label.clone()),
                        ReportCell::Money(*d),
                        ReportCell::Money(*c),
                        ReportCell::Money(b.cents),
                    ];
                    w.line(&cells, false)?;
                }
                let total = [
                    ReportCell::Text(tr.t("total")),
                    ReportCell::Empty,
                    ReportCell::Money(debit),
                    ReportCell::Money(credit),
                    ReportCell::Money(debit - credit),
                ];
                w.line(&total, true)?;
                w.finish().map(|_| ())
            });
        }
        Ok(None) => {}
    }
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx);
    page(&BalancePage { c, year, rows, debit, credit })
}

/// `?page=` of a paginated report, `?format=` to download it instead.
#[derive(serde::Deserialize, Default)]
pub struct ReportQuery {
    pub page: Option<i64>,
    pub format: Option<String>,
}

impl ReportQuery {
    /// The page asked for, from 1.
    fn number(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 1_000_000)
    }
}

/// A report written whole into memory and sent as a download.
pub(super) fn download(
    format: Format,
    file_name: &str,
    write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Result<Response, AppError> {
    let mut bytes = Vec::new();
    write(&mut bytes).map_err(|e| AppError::Internal(format!("report: {e}")))?;
    super::file_download(format.content_type(), &format!("{file_name}.{}", format.extension()), bytes)
}

/// The format asked for, or the page saying which exist (400).
pub(super) fn format_of(tr: Tr, q: &ReportQuery, back: &str) -> Result<Option<Format>, Box<Response>> {
    match q.format.as_deref() {
        None | Some("") => Ok(None),
        Some(code) => Format::from_code(code).map(Some).ok_or_else(|| {
            let mut r = super::message(
                tr,
                &tr.t("export-bad-format-title"),
                &tr.t1("export-bad-format-text", "formats", Format::CODES.join(", ")),
                back,
                &tr.t("year-back"),
            )
            .unwrap_or_else(axum::response::IntoResponse::into_response);
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Box::new(r)
        }),
    }
}

/// One row of a statement as the page shows it: label, amounts, CSS level.
pub struct StatementLine {
    pub label: String,
    pub amounts: Vec<Option<i64>>,
    pub level: &'static str,
}

#[derive(Template)]
#[template(path = "statement.html")]
struct StatementPage {
    c: Chrome,
    year: YearRow,
    headers: Vec<String>,
    lines: Vec<StatementLine>,
    /// The other statement's page and its name.
    other: (String, String),
    path: String,
}

/// The year before `year` (ending the day before it starts), if any.
async fn previous_totals(
    s: &AppState,
    a: domain::AssociationId,
    year: &YearRow,
) -> Result<Option<Vec<Totals>>, AppError> {
    let before = year.bounds().start.add_days(-1);
    let years = store::accounting::years::list(&s.db, a).await?;
    match years.iter().find(|y| y.bounds().end == before) {
        Some(p) => Ok(Some(store::accounting::years::totals(&s.db, a, p.id).await?)),
        None => Ok(None),
    }
}

/// Which statement a page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Income,
    BalanceSheet,
}

async fn statement(
    s: &AppState,
    tr: Tr,
    who: &Authorized<TeamWork>,
    (id, which): (i64, Which),
    q: &ReportQuery,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_of(s, who, id).await?;
    let (path, title_key, other) = match which {
        Which::Income => ("statement", "statement-title", ("balance-sheet", "balance-sheet-title")),
        Which::BalanceSheet => ("balance-sheet", "balance-sheet-title", ("statement", "statement-title")),
    };
    let path = format!("/accounting/years/{id}/{path}");
    let format = match format_of(tr, q, &path) {
        Ok(f) => f,
        Err(r) => return Ok(*r),
    };
    let totals = store::accounting::years::totals(&s.db, a, id).await?;
    let previous = previous_totals(s, a, &year).await?;
    let st = match which {
        Which::Income => statements::compte_de_resultat(&totals, previous.as_deref()),
        Which::BalanceSheet => statements::bilan(&totals, previous.as_deref()),
    };
    let n = year_name(&tr, &year);
    let mut headers = vec![tr.t("statement-heading")];
    if which == Which::BalanceSheet {
        headers.push(tr.t("statement-gross"));
        headers.push(tr.t("statement-depreciation"));
    }
    headers.push(tr.t("statement-current"));
    if previous.is_some() {
        headers.push(tr.t("statement-previous"));
    }
    let lines: Vec<StatementLine> = st
        .rows
        .iter()
        .map(|r| {
            let mut amounts = Vec::new();
            if which == Which::BalanceSheet {
                amounts.push(r.gross);
                amounts.push(r.depreciation);
            }
            let heading = r.level == Level::Heading;
            amounts.push((!heading).then_some(r.current));
            if previous.is_some() {
                amounts.push(if heading { None } else { r.previous });
            }
            let label = if tr.lang == crate::i18n::Lang::En { r.label_en } else { r.label_fr };
            let level = super::projects::level_class(r.level);
            StatementLine { label: label.to_string(), amounts, level }
        })
        .collect();
    let title = tr.t1(title_key, "year", n.clone());
    if let Some(format) = format {
        let columns: Vec<Column> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| if i == 0 { Column::text(h.clone(), 3.0) } else { Column::money(h.clone()) })
            .collect();
        let name = format!("{}-{}", path.rsplit('/').next().unwrap_or("report"), year.ends_on);
        let subtitle = who.ctx.association.name.clone();
        return download(format, &name, |out| {
            let mut w = ReportWriter::start(format, out, tr, (&title, &subtitle), &columns)?;
            for l in &lines {
                let mut cells = vec![ReportCell::Text(l.label.clone())];
                cells.extend(l.amounts.iter().map(|a| a.map_or(ReportCell::Empty, ReportCell::Money)));
                w.line(&cells, matches!(l.level, "subtotal" | "total" | "heading"))?;
            }
            w.finish().map(|_| ())
        });
    }
    let other = (format!("/accounting/years/{id}/{}", other.0), tr.t1(other.1, "year", n));
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx);
    page(&StatementPage { c, year, headers, lines, other, path })
}

/// The compte de résultat of a year (ANC 2018-06 layout), with the year before beside it.
pub async fn show_statement(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    statement(&s, tr, &who, (id, Which::Income), &q).await
}

/// The bilan of a year (ANC 2018-06 layout), with the year before beside it.
pub async fn show_balance_sheet(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, AppError> {
    statement(&s, tr, &who, (id, Which::BalanceSheet), &q).await
}

/// The whole journal of a year as a file, read a thousand entries at a time.
async fn journal_file(
    s: &AppState,
    tr: Tr,
    who: &Authorized<TeamWork>,
    year: YearRow,
    format: Format,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let title = tr.t1("journal-title", "year", year_name(&tr, &year));
    let columns = [
        Column::text(tr.t("entry-date"), 1.0),
        Column::text(tr.t("entry-number"), 0.6),
        Column::text(tr.t("entry-label"), 3.0),
        Column::text(tr.t("account"), 2.5),
        Column::money(tr.t("debit")),
        Column::money(tr.t("credit")),
    ];
    let subtitle = who.ctx.association.name.clone();
    let mut bytes = Vec::new();
    let mut w = ReportWriter::start(format, &mut bytes, tr, (&title, &subtitle), &columns)
        .map_err(|e| AppError::Internal(format!("journal: {e}")))?;
    let mut offset = 0;
    loop {
        let page = store::accounting::entries::journal_page(&s.db, a, year.id, offset, 1000).await?;
        for (i, (e, lines)) in page.iter().enumerate() {
            let number = e.number.unwrap_or(offset + i as i64 + 1).to_string();
            for l in lines {
                let cells = [
                    ReportCell::Text(tr.date(&e.on_date)),
                    ReportCell::Text(number.clone()),
                    ReportCell::Text(if l.label.is_empty() { e.label.clone() } else { l.label.clone() }),
                    ReportCell::Text(format!("{} {}", l.account, label_of(&accounts, &l.account))),
                    ReportCell::Money(l.debit_cents),
                    ReportCell::Money(l.credit_cents),
                ];
                w.line(&cells, false).map_err(|e| AppError::Internal(format!("journal: {e}")))?;
            }
        }
        offset += page.len() as i64;
        if page.len() < 1000 {
            break;
        }
    }
    w.finish().map_err(|e| AppError::Internal(format!("journal: {e}")))?;
    download(format, &format!("journal-{}", year.ends_on), |out| {
        *out = bytes;
        Ok(())
    })
}

/// An account's whole ledger in a year as a file, with the running balance.
async fn ledger_file(
    s: &AppState,
    tr: Tr,
    who: &Authorized<TeamWork>,
    (year, account): (YearRow, &str),
    format: Format,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let title = tr.args("ledger-title", &[("account", account.to_string()), ("year", year_name(&tr, &year))]);
    let columns = [
        Column::text(tr.t("entry-date"), 1.0),
        Column::text(tr.t("entry-label"), 3.0),
        Column::money(tr.t("debit")),
        Column::money(tr.t("credit")),
        Column::money(tr.t("account-balance")),
    ];
    let subtitle = format!("{} – {account} {}", who.ctx.association.name, label_of(&accounts, account));
    let mut bytes = Vec::new();
    let mut w = ReportWriter::start(format, &mut bytes, tr, (&title, &subtitle), &columns)
        .map_err(|e| AppError::Internal(format!("ledger: {e}")))?;
    let (mut offset, mut running) = (0, 0);
    loop {
        let (lines, _) = store::accounting::entries::ledger_page(&s.db, a, (year.id, account), offset, 1000).await?;
        for l in &lines {
            running += l.debit_cents - l.credit_cents;
            let cells = [
                ReportCell::Text(tr.date(&l.on_date)),
                ReportCell::Text(l.label.clone()),
                ReportCell::Money(l.debit_cents),
                ReportCell::Money(l.credit_cents),
                ReportCell::Money(running),
            ];
            w.line(&cells, false).map_err(|e| AppError::Internal(format!("ledger: {e}")))?;
        }
        offset += lines.len() as i64;
        if lines.len() < 1000 {
            break;
        }
    }
    w.finish().map_err(|e| AppError::Internal(format!("ledger: {e}")))?;
    download(format, &format!("grand-livre-{account}-{}", year.ends_on), |out| {
        *out = bytes;
        Ok(())
    })
}
