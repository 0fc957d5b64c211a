//! The member import shared by the web pages and `preau import members`:
//! read the file, recognise its columns, check every row against what the
//! association holds, and say each problem in words.

use crate::i18n::Tr;
use domain::import::{self, Context, Duplicates, Field, Plan, Problem, Source};
use domain::{AssociationId, Date};
use sheet::ReadError;
use store::Db;

/// Imports of more rows than this run in the background, with a progress page.
pub const IN_BACKGROUND_FROM: usize = 2_000;

/// An import running in the background: rows written so far, of how many,
/// and its outcome once over (the audit detail, or what went wrong).
pub struct Job {
    pub done: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    pub total: usize,
    pub outcome: std::sync::Arc<std::sync::Mutex<Option<Result<String, String>>>>,
}

/// The background imports of this process, by (association, upload). Kept in
/// memory only: progress is shown by the process that runs the import; the
/// import itself is one transaction, so a restart leaves nothing half-written.
pub type Jobs = std::sync::Mutex<std::collections::HashMap<(i64, i64), Job>>;

/// The most data rows one import takes (a file of 500,000 lines is refused, not read).
pub const MAX_ROWS: usize = 100_000;

/// A file read and checked.
pub struct Prepared {
    pub headers: Vec<String>,
    pub mapping: Vec<Field>,
    pub source: Source,
    pub rows: Vec<(usize, Vec<String>)>,
    pub plan: Plan,
    /// The association's own fields a column may be read as: (id, label).
    pub custom_labels: Vec<(i64, String)>,
}

/// Reads a file's rows (the first step, before any mapping is chosen).
pub fn read(file_name: &str, bytes: &[u8]) -> Result<sheet::Table, ReadError> {
    sheet::read(file_name, bytes, MAX_ROWS)
}

/// Checks `table` against association `a`: with the `mapping` chosen on the
/// mapping screen, or the one recognised from the headers.
pub async fn prepare(
    db: &Db,
    a: AssociationId,
    table: sheet::Table,
    source: Option<Source>,
    mapping: Option<Vec<Field>>,
    duplicates: Duplicates,
    today: Date,
) -> store::Result<Prepared> {
    let source = source.unwrap_or_else(|| Source::detect(&table.headers));
    let fields = store::fields::list(db, a, false).await?;
    let custom_fields: Vec<(i64, domain::fields::FieldSpec)> = fields.iter().map(|f| (f.id, f.spec())).collect();
    let custom_labels: Vec<(i64, String)> = fields.iter().map(|f| (f.id, f.label.clone())).collect();
    let mapping = mapping.unwrap_or_else(|| import::recognise_with(&table.headers, &custom_labels));
    let existing = store::imports::existing(db, a).await?;
    let (categories, types) = store::imports::names(db, a).await?;
    let rows: Vec<(usize, Vec<String>)> = table.rows.into_iter().map(|r| (r.line, r.cells)).collect();
    let cx = Context {
        headers: &table.headers,
        mapping: &mapping,
        source,
        duplicates,
        today,
        existing: &existing,
        categories: &categories,
        types: &types,
        custom_fields: &custom_fields,
    };
    let plan = import::plan(&rows, &cx);
    Ok(Prepared { headers: table.headers, mapping, source, rows, plan, custom_labels })
}

/// Why a file could not be read, in words.
pub fn read_error(tr: &Tr, e: &ReadError) -> String {
    match e {
        ReadError::Empty => tr.t("error-file-empty"),
        ReadError::NotWhatItSays { extension, found } => tr.args(
            "error-file-not-what-it-says",
            &[("extension", extension.clone()), ("found", found.extension().to_uppercase())],
        ),
        ReadError::OldExcel => tr.t("error-file-old-excel"),
        ReadError::PasswordProtected => tr.t("error-file-password"),
        ReadError::UnknownZip | ReadError::NotASpreadsheet => tr.t("error-file-not-a-table"),
        ReadError::TooManyRows { limit } => tr.t1("error-file-too-many-rows", "limit", limit),
        ReadError::TooLarge => tr.t("error-file-too-large"),
        ReadError::Malformed { line, .. } => tr.t1("error-file-malformed", "line", line),
        ReadError::Unreadable { .. } => tr.t("error-file-unreadable"),
    }
}

/// One problem in words: `line 3, column "Courriel": … («value»)`.
pub fn problem(tr: &Tr, p: &Problem) -> String {
    let mut reason = match p.reason {
        "error-import-duplicate-in-file" => tr.t1(p.reason, "line", &p.value),
        key => tr.t(key),
    };
    if !p.value.is_empty() && p.reason != "error-import-duplicate-in-file" {
        reason = format!("{reason} ({})", tr.t1("import-value", "value", &p.value));
    }
    match p.column.as_str() {
        "" => tr.args("import-problem-line", &[("line", p.line.to_string()), ("reason", reason)]),
        column => tr.args(
            "import-problem",
            &[("line", p.line.to_string()), ("column", column.to_string()), ("reason", reason)],
        ),
    }
}
