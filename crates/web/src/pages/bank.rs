//! Bank statements: the accounts statements go into; importing one (upload,
//! a check page showing how the file is read and every problem by line and
//! column, applied whole); an account's lines reconciled with the books,
//! entries made from them; and the rules that choose an entry's account
//! from a line's label.

use super::accounting::accounting_off;
use super::{Chrome, FormState, Options, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted, PostedFiles};
use crate::banking::{self, Shown};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use bank::{Amounts, Column, CsvLayout, CsvPreview, DATE_FORMATS, DECIMALS, Encoding, Format, Statement, code_of};
use domain::accounting::chart::{self, Kind};
use domain::{Grant, KeepBooks, TeamWork};
use store::accounting::Refused;
use store::accounting::bank::{self as statements, BankRefused, Counts, ImportRow, LineRow, Reconciliation};
use store::accounting::bank::{Rule, Suggestion};
use store::accounting::chart::Account;
use store::accounting::chart::label_of;

/// Lines per page of an account.
const PER_PAGE: i64 = 25;
/// Problems listed on the check page; the rest are counted.
const MAX_SHOWN: usize = 500;
/// Lines of the statement shown on the check page, to see they read right.
const SAMPLE_LINES: usize = 10;

/// A bank account as the front page lists it.
pub struct BankAccount {
    pub code: String,
    pub label: String,
    pub iban: String,
    pub lines: i64,
    pub to_reconcile: i64,
}

/// The accounts statements go into: bank accounts of the short chart or the
/// association's own, and any account already holding lines.
async fn bank_accounts(s: &AppState, ctx: &InAssociation) -> Result<(Vec<Account>, Vec<BankAccount>), AppError> {
    let a = ctx.association_id();
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let counts = statements::accounts_with_lines(&s.db, a).await?;
    let listed = accounts
        .iter()
        .filter(|acc| banking::takes_statements(&acc.code))
        .filter_map(|acc| {
            let (lines, to_reconcile) =
                counts.iter().find(|(code, ..)| *code == acc.code).map_or((0, 0), |(_, n, open)| (*n, *open));
            ((!acc.hidden && (acc.favourite || acc.own)) || lines > 0).then(|| BankAccount {
                code: acc.code.clone(),
                label: acc.label.clone(),
                iban: acc.iban.clone(),
                lines,
                to_reconcile,
            })
        })
        .collect();
    Ok((accounts, listed))
}

fn account_choices(listed: &[BankAccount]) -> Options {
    listed.iter().map(|b| (b.code.clone(), format!("{} – {}", b.code, b.label))).collect()
}

/// The accounts an entry made from a line may go to: visible, postable, the
/// short chart and the association's own, but not the bank account itself,
/// nor those money never moves through (contributions in kind, depreciation
/// and provisions).
fn counterpart_choices(accounts: &[Account], bank_account: &str) -> Options {
    accounts
        .iter()
        .filter(|acc| !acc.hidden && (acc.favourite || acc.own) && chart::is_postable(&acc.code))
        .filter(|acc| acc.code != bank_account && !matches!(acc.kind, Kind::InKindUse | Kind::InKindResource))
        .filter(|acc| !["28", "68", "78"].iter().any(|p| acc.code.starts_with(p)))
        .map(|acc| (acc.code.clone(), format!("{} – {}", acc.code, acc.label)))
        .collect()
}

#[derive(Template)]
#[template(path = "bank.html")]
struct BankPage {
    c: Chrome,
    f: FormState,
    accounts: Vec<BankAccount>,
    /// Whether any statement was imported yet.
    any_lines: bool,
    choices: Options,
    can_keep: bool,
}

async fn bank_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    mut f: FormState,
) -> Result<Response, AppError> {
    let (_, accounts) = bank_accounts(s, ctx).await?;
    let choices = account_choices(&accounts);
    if f.v("account").is_empty()
        && let Some(first) = accounts.first()
    {
        f.set("account", first.code.clone());
    }
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("bank-title"), "accounting", ctx).with_csrf(csrf);
    let any_lines = accounts.iter().any(|b| b.lines > 0);
    page(&BankPage { c, f, accounts, any_lines, choices, can_keep })
}

/// The bank accounts with their lines to reconcile, and the import form.
pub async fn show_bank(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    bank_page(&s, tr, &csrf, &who.ctx, FormState::default()).await
}

/// Receives a statement: refused with the reason when it is no statement at
/// all (empty, a PDF, a spreadsheet…), otherwise kept for its check page.
pub async fn upload_statement(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: PostedFiles,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted.fields, &["account"]);
    let (_, accounts) = bank_accounts(&s, &who.ctx).await?;
    let account = posted.fields.get("account");
    if !accounts.iter().any(|b| b.code == account) {
        f.error(&tr, "account", "error-unknown-choice");
    }
    match posted.file("file") {
        None => f.error(&tr, "file", "error-file-missing"),
        Some((name, bytes)) => {
            if bytes.len() > bank::MAX_BYTES || bank::detect(name, bytes).is_none() {
                let problem = bank::read(name, bytes, None).err().and_then(|p| p.into_iter().next());
                let message = problem.map_or_else(
                    || tr.t("bank-reason-not-a-statement"),
                    |p| banking::line(&tr, &banking::shown(&tr, &p)),
                );
                f.errors.push(("file".into(), message));
            }
        }
    }
    let Some((name, bytes)) = posted.file("file").filter(|_| !f.has_errors()) else {
        return Ok(refused(bank_page(&s, tr, &csrf, &who.ctx, f).await?));
    };
    let id = statements::keep_upload(&s.db, &who.grant, name, bytes, now()).await?;
    Ok(Redirect::to(&format!("/accounting/bank/import/{id}?account={account}")).into_response())
}

/// A column of a CSV file as the check page shows it.
pub struct FileColumn {
    pub header: String,
    pub samples: String,
}

/// A statement line as the check page shows it.
pub struct SampleLine {
    pub date: String,
    pub label: String,
    pub cents: i64,
}

#[derive(Template)]
#[template(path = "bank_check.html")]
struct CheckPage {
    c: Chrome,
    f: FormState,
    id: i64,
    file_name: String,
    /// The format found, in words; empty when the file is none we read.
    format: String,
    accounts: Options,
    /// For a CSV file: its columns, and the choices of each select.
    columns: Vec<FileColumn>,
    /// The columns chosen are those kept from the account's last import.
    kept: bool,
    column_choices: Options,
    date_formats: Options,
    decimals: Options,
    problems: Vec<Shown>,
    problem_count: usize,
    /// When the file reads: what it holds, and what the import would add.
    summary: String,
    balances: String,
    counts: String,
    sample: Vec<SampleLine>,
}

/// The selects of a CSV layout; the first two and an amount are required.
const LAYOUT_FIELDS: [&str; 9] =
    ["date", "label", "amount", "debit", "credit", "value_date", "label2", "reference", "currency"];

/// A layout's columns as the selects' values (the column's position).
fn layout_values(f: &mut FormState, layout: &CsvLayout, headers: &[String]) {
    let index = |c: &Column| match c {
        Column::Index(i) => i.to_string(),
        Column::Name(n) => headers.iter().position(|h| h == n).map_or(String::new(), |i| i.to_string()),
    };
    f.set("date", index(&layout.date));
    f.set("label", layout.label.first().map_or(String::new(), index));
    f.set("label2", layout.label.get(1).map_or(String::new(), index));
    match &layout.amounts {
        Amounts::Signed(c) => f.set("amount", index(c)),
        Amounts::DebitCredit { debit, credit } => {
            f.set("debit", index(debit));
            f.set("credit", index(credit));
        }
    }
    for (name, column) in
        [("value_date", &layout.value_date), ("reference", &layout.reference), ("currency", &layout.currency)]
    {
        f.set(name, column.as_ref().map_or(String::new(), index));
    }
    f.set("date_format", code_of(&DATE_FORMATS, layout.date_format));
    f.set("decimal", code_of(&DECIMALS, layout.decimal));
}

/// The layout the selects say, columns by position after the preview's
/// lines to skip; `None` with each mistake on its select.
fn posted_layout(tr: &Tr, posted: &Posted, preview: &CsvPreview, f: &mut FormState) -> Option<CsvLayout> {
    let mut column = |name: &str| -> Option<Column> {
        match posted.get(name) {
            "" => None,
            v => match v.parse::<usize>() {
                Ok(i) if i < preview.headers.len() => Some(Column::Index(i)),
                _ => {
                    f.error(tr, name, "error-unknown-choice");
                    None
                }
            },
        }
    };
    let date = column("date");
    let label = column("label");
    let amount = column("amount");
    let (debit, credit) = (column("debit"), column("credit"));
    let (value_date, label2, reference, currency) =
        (column("value_date"), column("label2"), column("reference"), column("currency"));
    if date.is_none() && f.e("date").is_empty() {
        f.error(tr, "date", "error-required");
    }
    if label.is_none() && f.e("label").is_empty() {
        f.error(tr, "label", "error-required");
    }
    let amounts = match (debit, credit, amount) {
        (Some(debit), Some(credit), _) => Some(Amounts::DebitCredit { debit, credit }),
        (None, None, Some(amount)) => Some(Amounts::Signed(amount)),
        _ => {
            f.error(tr, "amount", "bank-error-amount-columns");
            None
        }
    };
    let date_format = DATE_FORMATS.iter().find(|(c, _)| *c == posted.get("date_format")).map(|(_, d)| *d);
    if date_format.is_none() {
        f.error(tr, "date_format", "error-unknown-choice");
    }
    let decimal = DECIMALS.iter().find(|(c, _)| *c == posted.get("decimal")).map(|(_, d)| *d);
    if decimal.is_none() {
        f.error(tr, "decimal", "error-unknown-choice");
    }
    if f.has_errors() {
        return None;
    }
    Some(CsvLayout {
        encoding: Encoding::Auto,
        skip_lines: Some(preview.skip_lines),
        header: true,
        date: date?,
        date_format: date_format?,
        value_date,
        label: [label, label2].into_iter().flatten().collect(),
        amounts: amounts?,
        decimal: decimal?,
        reference,
        currency,
    })
}

/// An uploaded file, fetched once: its name and bytes, the format found,
/// and a CSV file's preview.
struct Upload {
    file_name: String,
    bytes: Vec<u8>,
    format: Option<Format>,
    preview: Option<CsvPreview>,
}

/// The file `id` the person uploaded, or 404.
async fn uploaded(s: &AppState, who: &Authorized<KeepBooks>, id: i64) -> Result<Upload, AppError> {
    let (file_name, bytes) = statements::upload(&s.db, &who.grant, id).await?.ok_or(AppError::NotFound)?;
    let format = bank::detect(&file_name, &bytes);
    let preview = (format == Some(Format::Csv)).then(|| CsvLayout::preview(&bytes)).flatten();
    Ok(Upload { file_name, bytes, format, preview })
}

/// A file read for an account: the statement and what importing it would
/// do, or every problem shown.
struct Checked {
    file_name: String,
    format: Option<Format>,
    preview: Option<CsvPreview>,
    read: Result<(Statement, Counts), Vec<Shown>>,
    /// Whether the columns are those kept from the account's last import.
    kept: bool,
}

/// Reads the file for `account` (`None` when the one asked is no bank
/// account: the file is still read) with `layout` (`None`: guessed).
async fn check(
    s: &AppState,
    tr: &Tr,
    who: &Authorized<KeepBooks>,
    upload: Upload,
    account: Option<&Account>,
    layout: Option<&CsvLayout>,
) -> Result<Checked, AppError> {
    let Upload { file_name, bytes, format, preview } = upload;
    let read = match bank::read(&file_name, &bytes, layout) {
        Err(problems) => Err(problems.iter().map(|p| banking::shown(tr, p)).collect()),
        Ok(statement) => match account {
            None => Err(Vec::new()),
            Some(acc) => match banking::other_account(&statement, &acc.iban) {
                Some(named) => Err(vec![banking::other_account_shown(tr, named, (&acc.code, &acc.iban))]),
                None => {
                    let counts = statements::count_new(&s.db, who.ctx.association_id(), &acc.code, &statement).await?;
                    Ok((statement, counts))
                }
            },
        },
    };
    Ok(Checked { file_name, format, preview, read, kept: false })
}

fn check_page(
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (id, checked, accounts): (i64, Checked, Options),
    mut f: FormState,
) -> Result<Response, AppError> {
    let format = checked.format.map_or(String::new(), |x| x.to_string());
    let (mut columns, mut column_choices) = (Vec::new(), vec![(String::new(), tr.t("bank-column-none"))]);
    if let Some(p) = &checked.preview {
        for (i, h) in p.headers.iter().enumerate() {
            let header = if h.is_empty() { tr.t1("import-column-unnamed", "n", i + 1) } else { h.clone() };
            let samples: Vec<&str> =
                p.rows.iter().filter_map(|r| r.get(i)).map(String::as_str).filter(|c| !c.is_empty()).collect();
            column_choices.push((i.to_string(), header.clone()));
            columns.push(FileColumn { header, samples: samples.join(" · ") });
        }
        if f.v("date_format").is_empty() {
            match &p.layout {
                Some(layout) => layout_values(&mut f, layout, &p.headers),
                None => {
                    f.set("date_format", "dmy");
                    f.set("decimal", "comma");
                }
            }
        }
    }
    let (mut problems, mut summary, mut balances, mut counts, mut sample) =
        (Vec::new(), String::new(), String::new(), String::new(), Vec::new());
    match checked.read {
        Err(shown) => problems = shown,
        Ok((statement, c)) => {
            let (first, last) = (statement.lines.first(), statement.lines.last());
            summary = match (first, last) {
                (Some(first), Some(last)) => tr.args(
                    "bank-check-lines",
                    &[
                        ("count", statement.lines.len().to_string()),
                        ("from", tr.date(&first.date.to_string())),
                        ("to", tr.date(&last.date.to_string())),
                    ],
                ),
                _ => tr.t("bank-check-no-lines"),
            };
            let balance = |key: &str, b: Option<bank::Balance>| {
                b.map(|b| tr.args(key, &[("date", tr.date(&b.date.to_string())), ("amount", tr.money(b.cents))]))
            };
            balances =
                [balance("bank-check-opening", statement.opening), balance("bank-check-closing", statement.closing)]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
            counts = banking::counts(&tr, c);
            sample = statement
                .lines
                .iter()
                .take(SAMPLE_LINES)
                .map(|l| SampleLine { date: l.date.to_string(), label: l.label.clone(), cents: l.cents })
                .collect();
        }
    }
    let problem_count = problems.len();
    problems.truncate(MAX_SHOWN);
    let date_formats =
        DATE_FORMATS.iter().map(|(code, _)| (code.to_string(), tr.t(&format!("bank-date-{code}")))).collect();
    let decimals = DECIMALS.iter().map(|(code, _)| (code.to_string(), tr.t(&format!("bank-decimal-{code}")))).collect();
    let c = Chrome::inside(tr, &tr.t("bank-check-title"), "accounting", ctx).with_csrf(csrf);
    page(&CheckPage {
        c,
        f,
        id,
        file_name: checked.file_name,
        format,
        accounts,
        columns,
        kept: checked.kept,
        column_choices,
        date_formats,
        decimals,
        problems,
        problem_count,
        summary,
        balances,
        counts,
        sample,
    })
}

#[derive(serde::Deserialize, Default)]
pub struct CheckQuery {
    account: Option<String>,
}

/// The account a check page is about, from the query or the form.
async fn chosen_account(s: &AppState, ctx: &InAssociation, code: &str) -> Result<(Option<Account>, Options), AppError> {
    let (accounts, listed) = bank_accounts(s, ctx).await?;
    let choices = account_choices(&listed);
    let account =
        listed.iter().any(|b| b.code == code).then(|| accounts.into_iter().find(|a| a.code == code)).flatten();
    Ok((account, choices))
}

/// How the kept file reads (the CSV layout guessed), and what importing it would do.
pub async fn show_statement_check(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    Query(q): Query<CheckQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let code = q.account.unwrap_or_default();
    let (account, choices) = chosen_account(&s, &who.ctx, &code).await?;
    let mut f = FormState::default();
    f.set("account", code);
    if account.is_none() {
        f.error(&tr, "account", "error-unknown-choice");
    }
    let upload = uploaded(&s, &who, id).await?;
    // A file laid out like one this account imported before is read with
    // the columns chosen then; any other, with the columns guessed.
    let kept = match (&upload.preview, &account) {
        (Some(preview), Some(account)) => {
            preview.kept_layout(&statements::csv_layouts(&s.db, who.ctx.association_id(), &account.code).await?)
        }
        _ => None,
    };
    if let (Some(layout), Some(preview)) = (&kept, &upload.preview) {
        layout_values(&mut f, layout, &preview.headers);
    }
    let mut checked = check(&s, &tr, &who, upload, account.as_ref(), kept.as_ref()).await?;
    checked.kept = kept.is_some();
    check_page(tr, &csrf, &who.ctx, (id, checked, choices), f)
}

/// Reads the file again as the selects now say, or imports it: all its new
/// lines in one transaction, only when nothing is wrong.
pub async fn apply_statement(
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
    let mut fields = vec!["account", "date_format", "decimal"];
    fields.extend(LAYOUT_FIELDS);
    let mut f = FormState::keep(&posted, &fields);
    let code = posted.get("account").to_string();
    let (account, choices) = chosen_account(&s, &who.ctx, &code).await?;
    if account.is_none() {
        f.error(&tr, "account", "error-unknown-choice");
    }
    let upload = uploaded(&s, &who, id).await?;
    let layout = upload.preview.as_ref().and_then(|p| posted_layout(&tr, &posted, p, &mut f));
    let apply = posted.get("action") == "apply";
    let checked = if upload.preview.is_some() && layout.is_none() {
        // The selects are wrong: show them, the file unread.
        let Upload { file_name, format, preview, .. } = upload;
        Checked { file_name, format, preview, read: Err(Vec::new()), kept: false }
    } else {
        check(&s, &tr, &who, upload, account.as_ref(), layout.as_ref()).await?
    };
    let (statement, account) = match (&checked.read, account, f.has_errors()) {
        (Ok((statement, _)), Some(account), false) if apply => (statement.clone(), account),
        (read, _, _) => {
            if apply && f.errors.is_empty() {
                let count = read.as_ref().err().map_or(0, Vec::len);
                f.errors.push(("problems".into(), tr.n("bank-refused", "count", count)));
            }
            let r = check_page(tr, &csrf, &who.ctx, (id, checked, choices), f)?;
            return Ok(if apply { refused(r) } else { r });
        }
    };
    let by = Some(who.grant.user_id());
    let name = checked.file_name;
    let (import, counts) = statements::import(&s.db, &who.grant, (&account.code, &name), &statement, by, now()).await?;
    let detail = format!(
        "#{import} {name} ({}) → {}: {} added, {} already there",
        statement.format, account.code, counts.added, counts.duplicates
    );
    store::audit::by(&s.db, &who.grant, "bank.import", &detail, now()).await?;
    statements::forget_upload(&s.db, &who.grant, id).await?;
    // The statement is in: columns not kept for next time are no reason to say otherwise.
    if let (Some(preview), Some(code)) = (&checked.preview, layout.as_ref().and_then(CsvLayout::to_code)) {
        let headers = preview.headers_key();
        if let Err(e) = statements::keep_csv_layout(&s.db, &who.grant, (&account.code, &headers), &code, now()).await {
            tracing::warn!(error = %e, "the CSV columns of an imported statement could not be kept");
        }
    }
    let to = format!("/accounting/bank/{}?added={}&duplicates={}", account.code, counts.added, counts.duplicates);
    Ok(Redirect::to(&to).into_response())
}

/// A statement line as the account page shows it, with what can be done.
pub struct LineView {
    pub line: LineRow,
    pub suggestions: Vec<Suggestion>,
    /// The first rule matching its label.
    pub rule: Option<Rule>,
}

#[derive(Template)]
#[template(path = "bank_account.html")]
struct AccountPage {
    c: Chrome,
    f: FormState,
    code: String,
    r: Reconciliation,
    lines: Vec<LineView>,
    page: i64,
    more: bool,
    imports: Vec<ImportRow>,
    counterparts: Options,
    can_keep: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct AccountQuery {
    page: Option<i64>,
    notice: Option<String>,
    added: Option<usize>,
    duplicates: Option<usize>,
}

/// The bank account `code` of the association, or 404.
async fn bank_account(s: &AppState, ctx: &InAssociation, code: &str) -> Result<(Account, Vec<Account>), AppError> {
    let accounts = store::accounting::chart::accounts(&s.db, ctx.association_id()).await?;
    let account = accounts.iter().find(|a| a.code == code && banking::takes_statements(code)).cloned();
    Ok((account.ok_or(AppError::NotFound)?, accounts))
}

async fn account_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (code, page_no): (&str, i64),
    (f, notice): (FormState, Option<String>),
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let (account, accounts) = bank_account(s, ctx, code).await?;
    let mut rows = statements::lines(&s.db, a, code, (page_no - 1) * PER_PAGE, PER_PAGE + 1).await?;
    let more = rows.len() as i64 > PER_PAGE;
    rows.truncate(PER_PAGE as usize);
    let mut suggestions = statements::suggestions(&s.db, a, &rows).await?;
    let rules = statements::rules(&s.db, a).await?;
    let lines = rows
        .into_iter()
        .map(|line| LineView {
            suggestions: suggestions.remove(&line.id).unwrap_or_default(),
            rule: line.entry_id.is_none().then(|| statements::rule_for(&rules, &line.label).cloned()).flatten(),
            line,
        })
        .collect();
    let r = statements::reconciliation(&s.db, a, code).await?;
    let imports = statements::imports(&s.db, a, code, 5).await?;
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let counterparts = counterpart_choices(&accounts, code);
    let title = tr.args("bank-account-title", &[("code", code.to_string()), ("label", account.label.clone())]);
    let mut c = Chrome::inside(tr, &title, "accounting", ctx).with_csrf(csrf);
    c.notice = notice;
    let refusal = f.has_errors();
    let p =
        AccountPage { c, f, code: code.to_string(), r, lines, page: page_no, more, imports, counterparts, can_keep };
    Ok(if refusal { refused(page(&p)?) } else { page(&p)? })
}

/// A bank account's lines, those to reconcile first, with the entries that
/// may be theirs, the rule that would make theirs, and the reconciled
/// balance against the statements'.
pub async fn show_bank_account(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(code): Path<String>,
    Query(q): Query<AccountQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let page_no = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let notice = match (q.added, q.duplicates) {
        (Some(added), Some(duplicates)) => Some(banking::imported(&tr, Counts { added, duplicates })),
        _ => super::notice_text(&tr, q.notice.as_deref()),
    };
    account_page(&s, tr, &csrf, &who.ctx, (&code, page_no), (FormState::default(), notice)).await
}

/// The account page again with the refusal (422).
async fn refused_on_line(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (code, page_no): (&str, i64),
    f: FormState,
) -> Result<Response, AppError> {
    account_page(s, tr, csrf, ctx, (code, page_no), (f, None)).await
}

/// The page of the account the form was on.
fn posted_page(posted: &Posted) -> i64 {
    posted.get("page").parse::<i64>().unwrap_or(1).clamp(1, 1_000_000)
}

fn back_to(line: &LineRow, page_no: i64) -> String {
    format!("/accounting/bank/{}?page={page_no}", line.account)
}

/// The message of a refusal about a line.
fn refusal_key(r: &BankRefused) -> &'static str {
    match r {
        BankRefused::NotFound => "error-not-found",
        BankRefused::Reconciled => "bank-error-reconciled",
        BankRefused::NotReconciled => "bank-error-not-reconciled",
        BankRefused::NoMatch => "bank-error-no-match",
        BankRefused::EntryTaken => "bank-error-entry-taken",
        BankRefused::BadAccount => "error-account-unknown",
        BankRefused::NoRule => "bank-error-no-rule",
        BankRefused::Books(Refused::NoYear) => "error-entry-no-year",
        BankRefused::Books(Refused::Closed) => "error-entry-closed-year",
        BankRefused::Books(Refused::NotFound | Refused::AlreadyImported) => "error-not-found",
        BankRefused::Books(Refused::Invalid(_)) => "bank-error-entry-invalid",
    }
}

/// A line of the association, or 404.
async fn line_of(s: &AppState, ctx: &InAssociation, id: i64) -> Result<LineRow, AppError> {
    statements::line(&s.db, ctx.association_id(), id).await?.ok_or(AppError::NotFound)
}

/// Reconciles a line with an entry already in the books (a suggestion).
pub async fn reconcile_line(
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
    let line = line_of(&s, &who.ctx, id).await?;
    let page_no = posted_page(&posted);
    let entry = posted.get("entry").parse::<i64>().map_err(|_| AppError::NotFound)?;
    match statements::reconcile(&s.db, &who.grant, id, entry).await? {
        Ok(()) => {
            let detail = format!("line #{id} ({} {} {}) ↔ entry #{entry}", line.account, line.on_date, line.cents);
            store::audit::by(&s.db, &who.grant, "bank.reconcile", &detail, now()).await?;
            Ok(super::done(&back_to(&line, page_no), "notice-bank-reconciled"))
        }
        Err(BankRefused::NotFound) => Err(AppError::NotFound),
        Err(r) => {
            let mut f = FormState::default();
            f.error(&tr, &format!("line-{id}"), refusal_key(&r));
            refused_on_line(&s, tr, &csrf, &who.ctx, (&line.account, page_no), f).await
        }
    }
}

/// Makes the entry of a line (with the account chosen, or by the matching
/// rule when `action=rule`) and reconciles the line with it.
pub async fn create_line_entry(
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
    let line = line_of(&s, &who.ctx, id).await?;
    let page_no = posted_page(&posted);
    let (account_field, label_field) = (format!("account-{id}"), format!("label-{id}"));
    let mut f = FormState::keep(&posted, &[&account_field, &label_field]);
    let outcome = if posted.get("action") == "rule" {
        statements::apply_rule(&s.db, &who.grant, id, now()).await?.map(|(entry, rule)| (entry, Some(rule)))
    } else {
        let accounts = store::accounting::chart::accounts(&s.db, who.ctx.association_id()).await?;
        let counterpart = posted.get(&account_field).trim();
        if counterpart.is_empty() {
            f.error(&tr, &account_field, "error-required");
        } else if !counterpart_choices(&accounts, &line.account).iter().any(|(code, _)| code == counterpart) {
            f.error(&tr, &account_field, "error-unknown-choice");
        }
        let label = match posted.get(&label_field).trim() {
            "" => String::new(),
            typed => domain::validate::line(typed, 200).unwrap_or_else(|k| {
                f.error(&tr, &label_field, k);
                String::new()
            }),
        };
        if f.has_errors() {
            return refused_on_line(&s, tr, &csrf, &who.ctx, (&line.account, page_no), f).await;
        }
        statements::create_entry(&s.db, &who.grant, id, (counterpart, &label), now()).await?.map(|e| (e, None))
    };
    match outcome {
        Ok((entry, rule)) => {
            let by = rule.map_or(String::new(), |r| format!(" by rule #{} «{}»", r.id, r.contains));
            let detail =
                format!("entry #{entry} from line #{id} ({} {} {}){by}", line.account, line.on_date, line.cents);
            store::audit::by(&s.db, &who.grant, "bank.entry", &detail, now()).await?;
            Ok(super::done(&back_to(&line, page_no), "notice-bank-entry"))
        }
        Err(BankRefused::NotFound) => Err(AppError::NotFound),
        Err(r) => {
            let field = match r {
                BankRefused::Books(Refused::Invalid(_)) => &label_field,
                _ => &account_field,
            };
            let key = match r {
                BankRefused::Books(Refused::Invalid(_)) if line.label.is_empty() => "bank-error-label-needed",
                _ => refusal_key(&r),
            };
            f.error(&tr, field, key);
            refused_on_line(&s, tr, &csrf, &who.ctx, (&line.account, page_no), f).await
        }
    }
}

/// Un-reconciles a line; the entry stays in the books.
pub async fn unreconcile_line(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let line = line_of(&s, &who.ctx, id).await?;
    match statements::unreconcile(&s.db, &who.grant, id).await? {
        Ok(entry) => {
            let detail = format!("line #{id} ({} {} {}) ↮ entry #{entry}", line.account, line.on_date, line.cents);
            store::audit::by(&s.db, &who.grant, "bank.unreconcile", &detail, now()).await?;
        }
        Err(BankRefused::NotFound) => return Err(AppError::NotFound),
        // Undone already (a second click): nothing to do.
        Err(_) => {}
    }
    Ok(super::done(&back_to(&line, posted_page(&posted)), "notice-bank-unreconciled"))
}

#[derive(Template)]
#[template(path = "bank_rules.html")]
struct RulesPage {
    c: Chrome,
    f: FormState,
    /// Each rule with its account's label.
    rules: Vec<(Rule, String)>,
    counterparts: Options,
    can_keep: bool,
}

async fn rules_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    done_what: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let rules = statements::rules(&s.db, a)
        .await?
        .into_iter()
        .map(|r| {
            let label = label_of(&accounts, &r.account);
            (r, label)
        })
        .collect();
    let counterparts = counterpart_choices(&accounts, "");
    let can_keep = Grant::<KeepBooks>::check(&ctx.membership).is_some();
    let mut c = Chrome::inside(tr, &tr.t("bank-rules-title"), "accounting", ctx).with_csrf(csrf);
    c.notice = super::notice_text(&tr, done_what);
    page(&RulesPage { c, f, rules, counterparts, can_keep })
}

/// The rules, in the order they are tried, and the form to add one.
pub async fn show_bank_rules(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<super::NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    rules_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// Adds a rule: a text found in labels, the account their entries go to,
/// and the entries' label (empty: the line's).
pub async fn create_bank_rule(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &["contains", "account", "label"]);
    let contains = domain::validate::line(posted.get("contains"), 100).unwrap_or_else(|k| {
        f.error(&tr, "contains", k);
        String::new()
    });
    if !contains.is_empty() && domain::accounting::bank::words(&contains).is_empty() {
        f.error(&tr, "contains", "bank-error-rule-words");
    }
    let accounts = store::accounting::chart::accounts(&s.db, who.ctx.association_id()).await?;
    let account = posted.get("account");
    if !counterpart_choices(&accounts, "").iter().any(|(code, _)| code == account) {
        f.error(&tr, "account", "error-unknown-choice");
    }
    let label = match posted.get("label").trim() {
        "" => String::new(),
        typed => domain::validate::line(typed, 200).unwrap_or_else(|k| {
            f.error(&tr, "label", k);
            String::new()
        }),
    };
    if f.has_errors() {
        return Ok(refused(rules_page(&s, tr, &csrf, &who.ctx, f, None).await?));
    }
    let id = statements::add_rule(&s.db, &who.grant, (&contains, account, &label)).await?;
    let detail = format!("#{id} «{contains}» → {account}");
    store::audit::by(&s.db, &who.grant, "bank.rule.create", &detail, now()).await?;
    Ok(super::done("/accounting/bank/rules", "notice-bank-rule-saved"))
}

/// Removes a rule (entries it made stay).
pub async fn delete_bank_rule(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    if !statements::delete_rule(&s.db, &who.grant, id).await? {
        return Err(AppError::NotFound);
    }
    store::audit::by(&s.db, &who.grant, "bank.rule.delete", &format!("#{id}"), now()).await?;
    Ok(super::done("/accounting/bank/rules", "notice-bank-rule-deleted"))
}
