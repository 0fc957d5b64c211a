//! Importing members: upload a file, check how its columns are read (and
//! correct it), see every problem by line and column, then apply it whole.

use super::members::{members_off, today};
use super::{Chrome, FormState, Options, done, options, refused};

/// The choices for someone already there.
const DUPLICATES: [&str; 3] = ["skip", "update", "create"];
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted, PostedFiles};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::importing::{self, Prepared};
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::ManageMembers;
use domain::import::{Duplicates, Field, Source};

#[derive(Template)]
#[template(path = "import.html")]
struct UploadPage {
    c: Chrome,
    f: FormState,
    formats: Options,
    duplicates: Options,
    max_rows: usize,
}

fn upload_page(tr: Tr, csrf: &CsrfToken, ctx: &InAssociation, f: FormState) -> Result<Response, AppError> {
    let c = Chrome::inside(tr, &tr.t("import-title"), "members", ctx).with_csrf(csrf);
    let formats = options(&tr, &["auto", "galette", "paheko", "helloasso", "csv"], "import-format-");
    let duplicates = options(&tr, &DUPLICATES, "import-duplicates-");
    page(&UploadPage { c, f, formats, duplicates, max_rows: importing::MAX_ROWS })
}

/// The upload form.
pub async fn show_import(tr: Tr, csrf: CsrfToken, who: Authorized<ManageMembers>) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::default();
    f.set("format", "auto");
    f.set("duplicates", "skip");
    upload_page(tr, &csrf, &who.ctx, f)
}

/// Receives the file: refused with the reason if it cannot be read as a
/// table, otherwise kept for the next step (the columns and the check).
pub async fn upload_import(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    posted: PostedFiles,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted.fields, &["format", "duplicates"]);
    let or = |v: &'static str, d: &'static str| match posted.fields.get(v) {
        "" => d,
        typed => typed,
    };
    let (format, duplicates) = (or("format", "auto"), or("duplicates", "skip"));
    if Source::from_code(format).is_none() {
        f.error(&tr, "format", "error-unknown-choice");
    }
    if Duplicates::from_code(duplicates).is_none() {
        f.error(&tr, "duplicates", "error-unknown-choice");
    }
    let Some((name, bytes)) = posted.file("file") else {
        f.error(&tr, "file", "error-file-missing");
        return Ok(refused(upload_page(tr, &csrf, &who.ctx, f)?));
    };
    if let Err(e) = importing::read(name, bytes) {
        f.errors.push(("file".into(), importing::read_error(&tr, &e)));
    }
    if f.has_errors() {
        return Ok(refused(upload_page(tr, &csrf, &who.ctx, f)?));
    }
    let id = store::imports::keep_upload(&s.db, &who.grant, name, bytes, now()).await?;
    let next = format!("/members/import/{id}?format={format}&duplicates={duplicates}");
    Ok(axum::response::IntoResponse::into_response(axum::response::Redirect::to(&next)))
}

/// A column as the mapping screen shows it.
pub struct Column {
    pub index: usize,
    pub header: String,
    pub samples: String,
    /// The field's key (`Field::key`).
    pub field: String,
}

#[derive(Template)]
#[template(path = "import_check.html")]
struct CheckPage {
    c: Chrome,
    f: FormState,
    id: i64,
    file_name: String,
    source: String,
    source_code: &'static str,
    columns: Vec<Column>,
    fields: Options,
    duplicates: Options,
    /// The problems in words, the first 500 of them.
    problems: Vec<String>,
    problem_count: usize,
    counts: String,
}

#[derive(serde::Deserialize, Default)]
pub struct CheckQuery {
    format: Option<String>,
    duplicates: Option<String>,
}

/// Reads the kept file and checks it with the mapping posted (or recognised).
async fn check(
    s: &AppState,
    who: &Authorized<ManageMembers>,
    id: i64,
    format: &str,
    duplicates: &str,
    posted: Option<&Posted>,
) -> Result<(String, Prepared), AppError> {
    let (name, bytes) = store::imports::upload(&s.db, &who.grant, id).await?.ok_or(AppError::NotFound)?;
    // The file was read once already; a failure now is ours.
    let table = importing::read(&name, &bytes).map_err(|e| AppError::Internal(format!("import upload {id}: {e}")))?;
    let source = Source::from_code(format).flatten();
    let duplicates = Duplicates::from_code(duplicates).unwrap_or(Duplicates::Skip);
    let mapping = posted.map(|p| {
        (0..table.headers.len())
            .map(|i| Field::from_key(p.get(&format!("column-{i}"))).unwrap_or(Field::Ignore))
            .collect::<Vec<_>>()
    });
    let prepared =
        importing::prepare(&s.db, who.ctx.association_id(), table, source, mapping, duplicates, today()).await?;
    Ok((name, prepared))
}

fn check_page(
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    id: i64,
    (name, p): (String, Prepared),
    duplicates: &str,
    mut f: FormState,
) -> Result<Response, AppError> {
    let columns: Vec<Column> = p
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| Column {
            index: i,
            header: if h.is_empty() { tr.t1("import-column-unnamed", "n", i + 1) } else { h.clone() },
            samples: p
                .rows
                .iter()
                .filter_map(|(_, cells)| cells.get(i).filter(|c| !c.is_empty()))
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(" · "),
            field: p.mapping.get(i).copied().unwrap_or(Field::Ignore).key(),
        })
        .collect();
    for col in &columns {
        f.set(&format!("column-{}", col.index), col.field.clone());
    }
    f.set("duplicates", duplicates);
    let fields = Field::ALL
        .iter()
        .map(|fl| (fl.code().to_string(), tr.t(&format!("import-field-{}", fl.code().replace('_', "-")))))
        .chain(
            p.custom_labels
                .iter()
                .map(|(id, label)| (format!("custom-{id}"), tr.t1("import-field-custom", "label", label))),
        )
        .collect();
    let duplicate_choices = options(&tr, &DUPLICATES, "import-duplicates-");
    let problems = p.plan.problems.iter().take(500).map(|pr| importing::problem(&tr, pr)).collect();
    let counts = tr.args(
        "import-counts",
        &[
            ("created", p.plan.created().to_string()),
            ("updated", p.plan.updated().to_string()),
            ("skipped", p.plan.skipped().to_string()),
            ("payments", p.plan.payments().to_string()),
        ],
    );
    let c = Chrome::inside(tr, &tr.t("import-check-title"), "members", ctx).with_csrf(csrf);
    page(&CheckPage {
        c,
        f,
        id,
        file_name: name,
        source: tr.t(&format!("import-format-{}", p.source.code())),
        source_code: p.source.code(),
        columns,
        fields,
        duplicates: duplicate_choices,
        problem_count: p.plan.problems.len(),
        problems,
        counts,
    })
}

/// The columns as recognised, and what the import would do.
pub async fn show_import_check(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<CheckQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let format = q.format.unwrap_or_else(|| "auto".into());
    let duplicates = q.duplicates.unwrap_or_else(|| "skip".into());
    let checked = check(&s, &who, id, &format, &duplicates, None).await?;
    check_page(tr, &csrf, &who.ctx, id, checked, &duplicates, FormState::default())
}

/// Checks again with the columns as corrected, or applies the import: all
/// rows in one transaction, only when no row has a problem.
pub async fn apply_import(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let duplicates = posted.get("duplicates").to_string();
    let format = match posted.get("format") {
        "" => "auto",
        f => f,
    };
    let (name, prepared) = check(&s, &who, id, format, &duplicates, Some(&posted)).await?;
    let apply = posted.get("action") == "apply";
    if !apply || !prepared.plan.problems.is_empty() {
        let mut f = FormState::default();
        if apply {
            f.errors.push(("problems".into(), tr.n("import-refused", "count", prepared.plan.problems.len())));
        }
        let r = check_page(tr, &csrf, &who.ctx, id, (name, prepared), &duplicates, f)?;
        return Ok(if apply { refused(r) } else { r });
    }
    let fiscal = who.ctx.association.fiscal_year_start_month as u32;
    let rows = prepared.plan.rows;
    let a = who.grant.association_id();
    if rows.len() < importing::IN_BACKGROUND_FROM {
        apply_rows(&s, &who.grant, id, &name, &rows, fiscal, &Default::default()).await?.ok_or(AppError::NotFound)?;
        return Ok(done("/members", "notice-imported"));
    }
    // A large file: written in the background, followed on a progress page.
    let job = importing::Job { done: Default::default(), total: rows.len(), outcome: Default::default() };
    let (done_rows, outcome) = (job.done.clone(), job.outcome.clone());
    s.imports.lock().unwrap_or_else(|e| e.into_inner()).insert((a.0, id), job);
    let (state, grant) = (s.clone(), who.grant);
    tokio::spawn(async move {
        let result = match apply_rows(&state, &grant, id, &name, &rows, fiscal, &done_rows).await {
            Ok(Some(detail)) => Ok(detail),
            Ok(None) => Err("the association changed during the import".to_string()),
            Err(e) => {
                tracing::error!("import {id} of association {}: {e:?}", grant.association_id());
                Err(format!("{e:?}"))
            }
        };
        *outcome.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
    });
    Ok(axum::response::IntoResponse::into_response(axum::response::Redirect::to(&format!(
        "/members/import/{id}/progress"
    ))))
}

/// Writes a checked plan in one transaction, forgets the upload and records
/// the audit entry; the entry's detail, or `None` if the plan no longer fits.
async fn apply_rows(
    s: &AppState,
    grant: &domain::Grant<ManageMembers>,
    id: i64,
    name: &str,
    rows: &[domain::import::Row],
    fiscal: u32,
    progress: &std::sync::atomic::AtomicUsize,
) -> Result<Option<String>, AppError> {
    let by = Some(grant.user_id());
    let Some(applied) = store::imports::apply(&s.db, grant, rows, (by, progress), fiscal, now()).await? else {
        return Ok(None);
    };
    store::imports::forget_upload(&s.db, grant, id).await?;
    let detail = format!(
        "{name}: {} created, {} updated, {} skipped, {} payments",
        applied.created,
        applied.updated,
        applied.skipped,
        applied.payments.len()
    );
    store::audit::by(&s.db, grant, "member.import", &detail, now()).await?;
    Ok(Some(detail))
}

#[derive(Template)]
#[template(path = "import_progress.html")]
struct ProgressPage {
    c: Chrome,
    id: i64,
    done: usize,
    total: usize,
    percent: usize,
}

/// How far a background import is; once over, the list (or what went wrong).
pub async fn show_import_progress(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let key = (who.ctx.association_id().0, id);
    let (done_rows, total, outcome) = {
        let jobs = s.imports.lock().unwrap_or_else(|e| e.into_inner());
        let job = jobs.get(&key).ok_or(AppError::NotFound)?;
        let outcome = job.outcome.lock().unwrap_or_else(|e| e.into_inner()).clone();
        (job.done.load(std::sync::atomic::Ordering::Relaxed), job.total, outcome)
    };
    match outcome {
        Some(Ok(_)) => {
            s.imports.lock().unwrap_or_else(|e| e.into_inner()).remove(&key);
            Ok(done("/members", "notice-imported"))
        }
        Some(Err(e)) => Err(AppError::Internal(format!("background import {id}: {e}"))),
        None => {
            let c = Chrome::inside(tr, &tr.t("import-progress-title"), "members", &who.ctx);
            let percent = (done_rows * 100).checked_div(total).unwrap_or(0);
            page(&ProgressPage { c, id, done: done_rows, total, percent })
        }
    }
}
