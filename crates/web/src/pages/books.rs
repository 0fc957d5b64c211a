//! Reading the books: the general journal, an account's ledger and the
//! trial balance of a year, a page at a time.

use super::Chrome;
use super::accounting::{Balance, accounting_off};
use crate::AppState;
use crate::auth::Authorized;
use crate::error::{AppError, page};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::TeamWork;
use store::accounting::chart::label_of;
use store::accounting::entries::{EntryRow, LedgerLine, LineRow};
use store::accounting::years::YearRow;

/// Entries per page of the journal, lines per page of a ledger.
const PER_PAGE: i64 = 50;

#[derive(serde::Deserialize, Default)]
pub struct PageQuery {
    page: Option<i64>,
}

impl PageQuery {
    /// The page asked for, from 1.
    fn number(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, 1_000_000)
    }
}

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
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_of(&s, &who, id).await?;
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
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_of(&s, &who, id).await?;
    if !domain::accounting::chart::is_valid_code(&account) {
        return Err(AppError::NotFound);
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
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_of(&s, &who, id).await?;
    let totals = store::accounting::years::totals(&s.db, a, id).await?;
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let (debit, credit) = totals.iter().fold((0, 0), |(d, c), t| (d + t.debit, c + t.credit));
    let rows = totals
        .into_iter()
        .map(|t| {
            let b = Balance { label: label_of(&accounts, &t.account), cents: t.net(), code: t.account };
            (b, t.debit, t.credit)
        })
        .collect();
    let title = tr.t1("balance-title", "year", year_name(&tr, &year));
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx);
    page(&BalancePage { c, year, rows, debit, credit })
}
