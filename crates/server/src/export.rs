//! `preau export …`: the exports of the web pages, from the command line.
//! The same code writes them (`web::MemberExport`), a page of members at a
//! time, into standard output or a new file, in constant memory.

use crate::ops::Failure;
use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::path::Path;
use store::Db;
use store::members::Filter;
use web::i18n::{Lang, Tr};
use web::{ExportFormat, MemberExport};

/// `preau export members --association SLUG --format FORMAT [--out FILE]`:
/// every member of the association, headers in French. Without `--out`, the
/// file goes to standard output; with it, a new file is created (never
/// overwritten; removed again if the export fails). Returns what to print.
pub async fn members(db: &Db, association: &str, format: &str, out: Option<&Path>) -> Result<String, Failure> {
    let format = ExportFormat::from_code(format).ok_or_else(|| {
        Failure(format!("--format {format}: expected one of / attendu : {}", ExportFormat::CODES.join(", ")))
    })?;
    let a = store::associations::by_slug(db, association)
        .await?
        .ok_or_else(|| Failure(format!("--association {association}: no such association / association inconnue")))?;
    let Some(path) = out else {
        // Standard output carries the file: nothing else is printed there.
        write(db, a.id(), format, BufWriter::with_capacity(1 << 16, std::io::stdout())).await?;
        return Ok(String::new());
    };
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    // Personal data: readable by the owner only, like the server key.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure(format!(
            "{}: already exists, never overwritten: choose another name / existe déjà, jamais écrasé : choisissez un autre nom",
            path.display()
        )),
        _ => Failure(format!("{}: {e}", path.display())),
    })?;
    match write(db, a.id(), format, BufWriter::with_capacity(1 << 16, file)).await {
        Ok(rows) => Ok(format!("{rows} members exported to {} / adhérent·es exporté·es", path.display())),
        Err(e) => {
            let _ = std::fs::remove_file(path);
            Err(e)
        }
    }
}

/// Writes the export page by page; returns the number of members written.
/// The audit entry is recorded once every row is written, before the file is
/// ended, as the web export does.
async fn write<W: Write>(db: &Db, a: domain::AssociationId, format: ExportFormat, out: W) -> Result<u64, Failure> {
    let tr = Tr { lang: Lang::Fr };
    let mut export = MemberExport::start(db, a, Filter::default(), tr, format, out).await.map_err(failed)?;
    while export.next_page().await.map_err(failed)? {}
    let detail = format!("{} source=command-line", export.audit_detail());
    store::audit::record(db, a, None, "member.export", &detail, web::now()).await?;
    let rows = export.rows();
    export.finish().map_err(failed)?;
    Ok(rows)
}

fn failed(e: impl std::fmt::Display) -> Failure {
    Failure(format!("export: {e}"))
}
