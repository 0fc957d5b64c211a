//! `preau export fec`, `preau import fec` and `preau verify-books`: the
//! books' files and seal from the command line, with the pages' code.

use crate::ops::Failure;
use domain::accounting::books_in::Wanted;
use domain::accounting::chain::Break;
use domain::{AssociationId, HostOperator, KeepBooks};
use std::io::{BufWriter, Write};
use std::path::Path;
use store::Db;
use store::accounting::years::YearRow;
use web::fec::{Books, FecExport, apply, check};
use web::i18n::{Lang, Tr};

/// Both languages, as the other commands speak: "French / English".
fn both(say: impl Fn(&Tr) -> String) -> String {
    format!("{} / {}", say(&Tr { lang: Lang::Fr }), say(&Tr { lang: Lang::En }))
}

async fn association(db: &Db, slug: &str) -> Result<store::associations::Association, Failure> {
    store::associations::by_slug(db, slug)
        .await?
        .ok_or_else(|| Failure(format!("--association {slug}: no such association / association inconnue")))
}

/// The year that ends in calendar year `year` (a year from September 2025
/// to August 2026 is 2026).
async fn year_ending(db: &Db, a: AssociationId, year: i32) -> Result<YearRow, Failure> {
    store::accounting::years::list(db, a).await?.into_iter().find(|y| y.bounds().end.year() == year).ok_or_else(|| {
        Failure(format!("--year {year}: no fiscal year ends that year / aucun exercice ne se termine cette année-là"))
    })
}

/// `preau export fec --association SLUG --year YYYY [--out FILE]`.
pub async fn export_fec(db: &Db, slug: &str, year: i32, out: Option<&Path>) -> Result<String, Failure> {
    let a = association(db, slug).await?;
    let y = year_ending(db, AssociationId(a.id), year).await?;
    let Some(path) = out else {
        write(db, AssociationId(a.id), y, BufWriter::with_capacity(1 << 16, std::io::stdout())).await?;
        return Ok(String::new());
    };
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Failure(format!("{}: {e} (never overwritten / jamais écrasé)", path.display())))?;
    match write(db, AssociationId(a.id), y, BufWriter::with_capacity(1 << 16, file)).await {
        Ok(lines) => Ok(format!("{lines} lines written to {} / lignes écrites", path.display())),
        Err(e) => {
            let _ = std::fs::remove_file(path);
            Err(e)
        }
    }
}

async fn write<W: Write>(db: &Db, a: AssociationId, y: YearRow, out: W) -> Result<u64, Failure> {
    let failed = |e: web::fec::ExportError| Failure(format!("FEC: {e}"));
    let id = y.id;
    let mut export = FecExport::start(db, a, y, out).await.map_err(failed)?;
    while export.next_page().await.map_err(failed)? {}
    let lines = export.lines();
    export.finish().map_err(failed)?;
    store::audit::record(db, a, None, "fec.export", &format!("year #{id} (command line)"), web::now()).await?;
    Ok(lines)
}

/// `preau import fec --association SLUG FILE [--format F] [--numbering N] [--dry-run]`:
/// every problem as `line N, column C: reason` and nothing written, or the
/// counts. The file is read twice, a record at a time: once to check it,
/// once to write it in one transaction.
pub async fn import_fec(
    db: &Db,
    slug: &str,
    (file, format, numbering): (&Path, &str, &str),
    dry_run: bool,
) -> Result<String, Failure> {
    let version = web::fec::chart_version(numbering)
        .ok_or_else(|| Failure(format!("--numbering {numbering}: 2025, 2018 or 1999 / numérotation inconnue")))?;
    let wanted = Wanted::from_code(format)
        .ok_or_else(|| Failure(format!("--format {format}: auto, fec, paheko or dolibarr / format inconnu")))?;
    let a = association(db, slug).await?;
    let id = AssociationId(a.id);
    let bytes = std::fs::read(file).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let accounts = store::accounting::chart::accounts(db, id).await?;
    let years = store::accounting::years::list(db, id).await?;
    let start_month = u32::try_from(a.fiscal_year_start_month).unwrap_or(1);
    let fr = Tr { lang: Lang::Fr };
    let books = Books { accounts: &accounts, years: &years, start_month };
    let checked = check(&fr, &bytes, (wanted, version), &books).map_err(|problems| {
        Failure(format!("{}\n{}", problems.join("\n"), both(|tr| tr.n("fec-problems", "count", problems.len()))))
    })?;
    let moved: String = checked.renumbered.iter().map(|m| format!("\n{m}")).collect();
    if dry_run {
        return Ok(format!("{} ({}){moved}", both(|tr| checked.counts(tr)), both(|tr| tr.t("import-dry-run"))));
    }
    let grant = HostOperator::console().console_grant::<KeepBooks>(id);
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match apply(&fr, db, &grant, (&bytes, &name), &checked, web::now()).await? {
        Ok(n) => {
            let detail =
                format!("{name} ({}): {n} entries, {} lines (command line)", checked.format.code(), checked.lines());
            store::audit::record(db, id, None, "fec.import", &detail, web::now()).await?;
            Ok(format!("{}{moved}", both(|tr| checked.counts(tr))))
        }
        Err(problem) => Err(Failure(format!("{problem}\n{}", both(|tr| tr.n("fec-problems", "count", 1_usize))))),
    }
}

/// `preau verify-books --association SLUG`: checks the seal of every closed
/// year; an error listing what changed if any did.
pub async fn verify(db: &Db, slug: &str) -> Result<String, Failure> {
    let a = association(db, slug).await?;
    let id = AssociationId(a.id);
    let years = store::accounting::years::list(db, id).await?;
    let mut report = Vec::new();
    let mut broken = false;
    for y in years.iter().rev().filter(|y| y.is_closed()) {
        let found = store::accounting::years::verify(db, id, y.id).await?.unwrap_or_default();
        let name = format!("{} → {}", y.starts_on, y.ends_on);
        if found.is_empty() {
            report.push(format!("{name}: intact / intact"));
        } else {
            broken = true;
            for b in &found {
                report.push(format!("{name}: {}", describe(b)));
            }
        }
    }
    if report.is_empty() {
        return Ok("no closed fiscal year yet / aucun exercice clôturé".into());
    }
    if broken { Err(Failure(report.join("\n"))) } else { Ok(report.join("\n")) }
}

fn describe(b: &Break) -> String {
    match b {
        Break::Changed { number } => format!("entry {number} changed since closing / écriture {number} modifiée"),
        Break::Missing { after, next } => {
            format!("entries missing between {after} and {next} / écritures manquantes entre {after} et {next}")
        }
        Break::Unsealed { id } => format!("entry id {id} added after closing / écriture ajoutée après la clôture"),
        Break::Head => "entries added or removed at the end / écritures ajoutées ou retirées à la fin".into(),
    }
}
