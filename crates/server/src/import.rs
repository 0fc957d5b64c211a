//! `preau import members` and `preau import bank`: the web imports' checks
//! from the command line. Any problem: every one listed as
//! `line N, column C: reason`, a non-zero exit, and nothing written.

use crate::ops::Failure;
use domain::import::{Duplicates, Source};
use domain::{AssociationId, HostOperator, KeepBooks, ManageMembers, UserId};
use std::path::Path;
use web::i18n::{Lang, Tr};
use web::importing;

/// What the command was asked.
pub struct Request<'a> {
    pub association: &'a str,
    pub file: &'a Path,
    pub format: &'a str,
    pub duplicates: &'a str,
    pub dry_run: bool,
}

/// Both languages, as the other commands speak: "French / English".
fn both(say: impl Fn(&Tr) -> String) -> String {
    format!("{} / {}", say(&Tr { lang: Lang::Fr }), say(&Tr { lang: Lang::En }))
}

/// Runs the import; the summary to print, or every reason it cannot.
pub async fn members(db: &store::Db, r: &Request<'_>, now: i64) -> Result<String, Failure> {
    let a = store::associations::by_slug(db, r.association)
        .await?
        .ok_or_else(|| Failure(format!("no association {:?} / association inconnue", r.association)))?;
    let source = Source::from_code(r.format).ok_or_else(|| {
        Failure(format!("--format {:?}: auto, galette, paheko, helloasso or csv / format inconnu", r.format))
    })?;
    let duplicates = Duplicates::from_code(r.duplicates)
        .ok_or_else(|| Failure(format!("--duplicates {:?}: skip, update or create / choix inconnu", r.duplicates)))?;
    let bytes = std::fs::read(r.file).map_err(|e| Failure(format!("{}: {e}", r.file.display())))?;
    let name = r.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let table = importing::read(&name, &bytes)
        .map_err(|e| Failure(format!("{}: {}", r.file.display(), both(|tr| importing::read_error(tr, &e)))))?;
    let today = domain::Date::from_days(now.div_euclid(86_400)).unwrap_or(domain::Date::MIN);
    let prepared = importing::prepare(db, AssociationId(a.id), table, source, None, duplicates, today).await?;
    let plan = &prepared.plan;
    if !plan.problems.is_empty() {
        let lines: Vec<String> = plan.problems.iter().map(|p| both(|tr| importing::problem(tr, p))).collect();
        return Err(Failure(format!(
            "{}\n{}",
            lines.join("\n"),
            both(|tr| tr.n("import-refused", "count", plan.problems.len()))
        )));
    }
    let counts = |tr: &Tr| {
        tr.args(
            "import-counts",
            &[
                ("created", plan.created().to_string()),
                ("updated", plan.updated().to_string()),
                ("skipped", plan.skipped().to_string()),
                ("payments", plan.payments().to_string()),
            ],
        )
    };
    if r.dry_run {
        return Ok(format!("{} ({})", both(counts), both(|tr| tr.t("import-dry-run"))));
    }
    // The console holds the database: it acts for the association, as no one in particular.
    let grant = HostOperator::console().grant::<ManageMembers>(AssociationId(a.id), UserId(0));
    let fiscal = a.fiscal_year_start_month as u32;
    let applied =
        store::imports::apply(db, &grant, &plan.rows, (None, &Default::default()), fiscal, now).await?.ok_or_else(
            || Failure("the association changed during the import; nothing was written / rien n'a été écrit".into()),
        )?;
    let detail = format!(
        "{name}: {} created, {} updated, {} skipped, {} payments (command line)",
        applied.created,
        applied.updated,
        applied.skipped,
        applied.payments.len()
    );
    store::audit::record(db, AssociationId(a.id), None, "member.import", &detail, now).await?;
    Ok(both(counts))
}

/// What `preau import bank` was asked.
pub struct BankRequest<'a> {
    pub association: &'a str,
    /// The bank account of the chart the lines go to (`512`, `5121`…).
    pub account: &'a str,
    pub file: &'a Path,
    pub dry_run: bool,
}

/// Imports a bank statement into one account (CSV columns as recognised
/// from the headers): the summary to print (lines added, lines already
/// there), or every reason it cannot, with nothing written.
pub async fn bank(db: &store::Db, r: &BankRequest<'_>, now: i64) -> Result<String, Failure> {
    let a = store::associations::by_slug(db, r.association)
        .await?
        .ok_or_else(|| Failure(format!("no association {:?} / association inconnue", r.association)))?;
    let a = AssociationId(a.id);
    let accounts = store::accounting::chart::accounts(db, a).await?;
    let account = accounts.iter().find(|acc| acc.code == r.account && web::banking::takes_statements(&acc.code));
    let Some(account) = account else {
        return Err(Failure(format!(
            "--account {:?}: not a bank account of the chart (512, 5121…) / pas un compte bancaire du plan comptable",
            r.account
        )));
    };
    let bytes = std::fs::read(r.file).map_err(|e| Failure(format!("{}: {e}", r.file.display())))?;
    let name = r.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let refused = |problems: Vec<String>| {
        let count = problems.len();
        Failure(format!("{}\n{}", problems.join("\n"), both(|tr| tr.n("bank-refused", "count", count))))
    };
    // A CSV file laid out like one imported into this account on the pages
    // is read with the columns chosen there.
    let kept = store::accounting::bank::csv_layouts(db, a, &account.code).await?;
    let layout = if kept.is_empty() || bank::detect(&name, &bytes) != Some(bank::Format::Csv) {
        None
    } else {
        bank::CsvLayout::preview(&bytes).and_then(|preview| preview.kept_layout(&kept))
    };
    let read = bank::read(&name, &bytes, layout.as_ref());
    // The file is not needed once read: a large one would double the peak.
    drop(bytes);
    let statement = match read {
        Ok(statement) => statement,
        Err(problems) => {
            let lines = problems.iter().map(|p| both(|tr| web::banking::line(tr, &web::banking::shown(tr, p))));
            return Err(refused(lines.collect()));
        }
    };
    if let Some(named) = web::banking::other_account(&statement, &account.iban) {
        let other = |tr: &Tr| {
            web::banking::line(tr, &web::banking::other_account_shown(tr, named, (&account.code, &account.iban)))
        };
        return Err(refused(vec![both(other)]));
    }
    let kept_note = if layout.is_some() { format!("\n{}", both(|tr| tr.t("bank-layout-kept"))) } else { String::new() };
    if r.dry_run {
        let counts = store::accounting::bank::count_new(db, a, &account.code, &statement).await?;
        let said = both(|tr| web::banking::counts(tr, counts));
        return Ok(format!("{said} ({}){kept_note}", both(|tr| tr.t("import-dry-run"))));
    }
    // The console holds the database: it acts for the association, as no one in particular.
    let grant = HostOperator::console().grant::<KeepBooks>(a, UserId(0));
    let (import, counts) =
        store::accounting::bank::import(db, &grant, (&account.code, &name), &statement, None, now).await?;
    let detail = format!(
        "#{import} {name} ({}) → {}: {} added, {} already there (command line)",
        statement.format, account.code, counts.added, counts.duplicates
    );
    store::audit::record(db, a, None, "bank.import", &detail, now).await?;
    Ok(format!("{}{kept_note}", both(|tr| web::banking::imported(tr, counts))))
}
