//! The FEC of a year as a download, and a FEC brought in from other software.

use super::accounting::accounting_off;
use super::exports::{Chunks, Drained};
use super::{Chrome, FormState, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, PostedFiles};
use crate::error::{AppError, page};
use crate::fec::{Books, FecExport, apply, check};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::{KeepBooks, TeamWork};

/// Downloads a year's FEC, written a page of entries at a time.
pub async fn download_fec(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = store::accounting::years::get(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let buffer = Drained::default();
    let export = FecExport::start(&s.db, a, year, buffer.clone())
        .await
        .map_err(|e| AppError::Internal(format!("FEC export: {e}")))?;
    let name = export.file_name(who.ctx.association.siren.as_deref());
    store::audit::by(&s.db, &who.grant, "fec.export", &format!("year #{id}"), now()).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(2);
    tokio::spawn(async move {
        let mut export = export;
        loop {
            let more = match export.next_page().await {
                Ok(more) => more,
                Err(e) => {
                    tracing::error!("FEC export failed: {e}");
                    let _ = tx.send(Err(std::io::Error::other("export failed"))).await;
                    return;
                }
            };
            if tx.send(Ok(buffer.take())).await.is_err() || !more {
                return;
            }
        }
    });
    let mut r = Body::from_stream(Chunks(rx)).into_response();
    let h = r.headers_mut();
    // The FEC is ISO-8859-15 text.
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=iso-8859-15"));
    let disposition = format!("attachment; filename=\"{name}\"");
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// The formats the form offers, `auto` first.
const FORMATS: [&str; 4] = ["auto", "fec", "paheko", "dolibarr"];

#[derive(Template)]
#[template(path = "fec_import.html")]
struct FecImportPage {
    c: Chrome,
    f: FormState,
    /// The problems, or after a check the accounts renumbered.
    problems: Vec<String>,
    /// After a check without writing: what would be written.
    summary: Option<String>,
    numberings: super::Options,
    formats: super::Options,
}

fn import_page(
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (f, problems, summary): (FormState, Vec<String>, Option<String>),
) -> Result<Response, AppError> {
    let numberings =
        ["2025", "2018", "1999"].iter().map(|v| (v.to_string(), tr.t(&format!("fec-numbering-{v}")))).collect();
    let formats = FORMATS.iter().map(|v| (v.to_string(), tr.t(&format!("books-format-{v}")))).collect();
    let c = Chrome::inside(tr, &tr.t("fec-import-title"), "accounting", ctx).with_csrf(csrf);
    page(&FecImportPage { c, f, problems, summary, numberings, formats })
}

/// The form to bring in a FEC.
pub async fn show_fec_import(tr: Tr, csrf: CsrfToken, who: Authorized<KeepBooks>) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    import_page(tr, &csrf, &who.ctx, (FormState::default(), Vec::new(), None))
}

/// Checks a FEC and writes its entries, all or nothing (or only checks it).
pub async fn import_fec(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: PostedFiles,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted.fields, &["check_only", "numbering", "format"]);
    let version = match posted.fields.get("numbering") {
        "" => Some(domain::accounting::chart::ChartVersion::Pca2025),
        code => crate::fec::chart_version(code),
    };
    let Some(version) = version else {
        f.error(&tr, "numbering", "error-unknown-choice");
        return Ok(refused(import_page(tr, &csrf, &who.ctx, (f, Vec::new(), None))?));
    };
    let Some(wanted) = domain::accounting::books_in::Wanted::from_code(posted.fields.get("format")) else {
        f.error(&tr, "format", "error-unknown-choice");
        return Ok(refused(import_page(tr, &csrf, &who.ctx, (f, Vec::new(), None))?));
    };
    let Some((name, bytes)) = posted.file("file") else {
        f.error(&tr, "file", "error-file-missing");
        return Ok(refused(import_page(tr, &csrf, &who.ctx, (f, Vec::new(), None))?));
    };
    let name = name.to_string();
    let a = who.ctx.association_id();
    let accounts = store::accounting::chart::accounts(&s.db, a).await?;
    let years = store::accounting::years::list(&s.db, a).await?;
    let start_month = u32::try_from(who.ctx.association.fiscal_year_start_month).unwrap_or(1);
    let books = Books { accounts: &accounts, years: &years, start_month };
    let checked = match check(&tr, bytes, (wanted, version), &books) {
        Ok(c) => c,
        Err(problems) => {
            f.error(&tr, "file", "error-fec-refused");
            return Ok(refused(import_page(tr, &csrf, &who.ctx, (f, problems, None))?));
        }
    };
    let counts = checked.counts(&tr);
    if posted.fields.get("check_only") == "on" {
        return import_page(tr, &csrf, &who.ctx, (f, checked.renumbered.clone(), Some(counts)));
    }
    match apply(&tr, &s.db, &who.grant, (bytes, &name), &checked, now()).await? {
        Ok(n) => {
            let detail = format!(
                "{name} ({}): {n} entries, {} lines, {} new accounts, {} years opened",
                checked.format.code(),
                checked.lines(),
                checked.accounts.len(),
                checked.years.len()
            );
            store::audit::by(&s.db, &who.grant, "fec.import", &detail, now()).await?;
            Ok(done("/accounting", "notice-fec-imported"))
        }
        Err(problem) => {
            f.error(&tr, "file", "error-fec-refused");
            Ok(refused(import_page(tr, &csrf, &who.ctx, (f, vec![problem], None))?))
        }
    }
}
