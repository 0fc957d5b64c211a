//! Exports of the member list, or of any search or filter of it: CSV (plain,
//! or the flavour French Excel opens on a double click), ODS, XLSX and vCard.
//!
//! An export is streamed: [`MemberExport`] reads a page of members at a time
//! (keyset pagination, `store::members::export_page`) and writes its rows with
//! `sheet::SheetWriter` (or as vCards); the web handler drains what a page
//! wrote into the response body before reading the next one, so memory stays
//! the same for 100 rows or 100,000. The command line (`preau export members`)
//! drives the same [`MemberExport`] into a file or standard output.

use super::members::{ListQuery, members_off, today};
use crate::auth::Authorized;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::{AppState, now};
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::dues::{self, Policy, Status};
use domain::fields::Kind;
use domain::members::Member;
use domain::{AssociationId, Date, ManageMembers, UserId};
use sheet::{Cell, OutFormat, SheetWriter};
use std::fmt;
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use store::Db;
use store::members::{EXPORT_PAGE, ExportRow, Filter, MemberRow};

/// A format an export can be written in, as `?format=` and `--format` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// A table: CSV, CSV for Excel, ODS or XLSX.
    Sheet(OutFormat),
    /// One vCard 4.0 per member, for address books.
    Vcard,
}

impl ExportFormat {
    /// Every format's code, in the order the export form offers them.
    pub const CODES: [&'static str; 5] = ["csv", "csv-excel", "ods", "xlsx", "vcf"];

    /// From its code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<ExportFormat> {
        match code {
            "csv" => Some(ExportFormat::Sheet(OutFormat::Csv)),
            "csv-excel" => Some(ExportFormat::Sheet(OutFormat::CsvExcel)),
            "ods" => Some(ExportFormat::Sheet(OutFormat::Ods)),
            "xlsx" => Some(ExportFormat::Sheet(OutFormat::Xlsx)),
            "vcf" => Some(ExportFormat::Vcard),
            _ => None,
        }
    }

    /// Its code.
    pub fn code(self) -> &'static str {
        match self {
            ExportFormat::Sheet(OutFormat::Csv) => "csv",
            ExportFormat::Sheet(OutFormat::CsvExcel) => "csv-excel",
            ExportFormat::Sheet(OutFormat::Ods) => "ods",
            ExportFormat::Sheet(OutFormat::Xlsx) => "xlsx",
            ExportFormat::Vcard => "vcf",
        }
    }

    /// The file name's extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Sheet(f) => f.extension(),
            ExportFormat::Vcard => "vcf",
        }
    }

    /// The download's `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Sheet(f) => f.content_type(),
            ExportFormat::Vcard => "text/vcard; charset=utf-8",
        }
    }
}

/// The columns of a table export, as message ids, in order.
const COLUMNS: [&str; 13] = [
    "export-col-number",
    "export-col-last-name",
    "export-col-first-name",
    "export-col-email",
    "export-col-phone",
    "export-col-address",
    "export-col-postal-code",
    "export-col-city",
    "export-col-birth-date",
    "export-col-notes",
    "export-col-status",
    "export-col-paid-until",
    "export-col-categories",
];

/// Why an export stopped.
#[derive(Debug)]
pub enum ExportError {
    Store(store::Error),
    Io(io::Error),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Store(e) => write!(f, "{e}"),
            ExportError::Io(e) => write!(f, "writing the export: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<store::Error> for ExportError {
    fn from(e: store::Error) -> Self {
        ExportError::Store(e)
    }
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> Self {
        ExportError::Io(e)
    }
}

/// The zip writers are large: boxed, so that a vCard export does not carry their room.
enum Out<W: Write> {
    Sheet(Box<SheetWriter<W>>),
    Vcard(W),
}

/// An export of members being written into `W`, a page at a time:
/// [`MemberExport::start`] (writes the header row), [`MemberExport::next_page`]
/// until it answers false, then [`MemberExport::finish`] (without which an
/// ODS or XLSX file is unreadable). Between pages the caller may drain `W`.
pub struct MemberExport<W: Write> {
    db: Db,
    association: AssociationId,
    filter: Filter,
    day: Date,
    policy: Policy,
    format: ExportFormat,
    /// Each status's label, translated once.
    statuses: Vec<(Status, String)>,
    /// What "valid until" says for a membership that never ends.
    never_ends: String,
    /// The association's own fields, one column each after the standard ones.
    fields: Vec<(i64, Kind)>,
    /// How a yes/no field's values read: (yes, no).
    yes_no: (String, String),
    out: Out<W>,
    /// The last member id read: the next page starts after it.
    after: i64,
    /// Only these members (sorted ids), when the list's rows were ticked.
    only: Option<Vec<i64>>,
    rows: u64,
    done: bool,
}

impl<W: Write> MemberExport<W> {
    /// Starts an export of the members of `association` matching `filter`,
    /// with headers in `tr`'s language; statuses are as of today.
    pub async fn start(
        db: &Db,
        association: AssociationId,
        filter: Filter,
        tr: Tr,
        format: ExportFormat,
        out: W,
    ) -> Result<Self, ExportError> {
        let policy = store::dues::settings(db, association).await?.policy;
        let own = store::fields::list(db, association, false).await?;
        let out = match format {
            ExportFormat::Sheet(f) => {
                // The association's own fields under their labels, which the
                // import recognises: an export imports back as it is.
                let headers: Vec<String> =
                    COLUMNS.iter().map(|k| tr.t(k)).chain(own.iter().map(|f| f.label.clone())).collect();
                let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
                Out::Sheet(Box::new(SheetWriter::new(out, f, &tr.t("export-sheet-name"), &headers)?))
            }
            ExportFormat::Vcard => Out::Vcard(out),
        };
        Ok(MemberExport {
            db: db.clone(),
            association,
            filter,
            day: today(),
            policy,
            format,
            statuses: Status::ALL.iter().map(|s| (*s, tr.t(&format!("status-{}", s.code())))).collect(),
            never_ends: tr.t("date-never-ends"),
            fields: own.iter().map(|f| (f.id, Kind::from_code(&f.kind).unwrap_or(Kind::Text))).collect(),
            yes_no: (tr.t("yes"), tr.t("no")),
            out,
            after: 0,
            only: None,
            rows: 0,
            done: false,
        })
    }

    /// Keeps only the members among `ids` (rows ticked on the list); pages
    /// start just before the first and stop after the last.
    pub fn only(mut self, mut ids: Vec<i64>) -> Self {
        ids.sort_unstable();
        ids.dedup();
        match ids.first() {
            Some(first) => self.after = first.saturating_sub(1),
            None => self.done = true,
        }
        self.only = Some(ids);
        self
    }

    /// Reads and writes the next page of members; false once all are written.
    pub async fn next_page(&mut self) -> Result<bool, ExportError> {
        if self.done {
            return Ok(false);
        }
        let page = store::members::export_page(
            &self.db,
            self.association,
            &self.filter,
            (self.day, self.policy),
            self.after,
            EXPORT_PAGE,
        )
        .await?;
        for row in &page {
            self.after = row.member.id;
            if self.only.as_ref().is_some_and(|ids| ids.binary_search(&row.member.id).is_err()) {
                continue;
            }
            self.write(row)?;
            self.rows += 1;
        }
        let past_last = self.only.as_ref().and_then(|ids| ids.last()).is_some_and(|last| self.after >= *last);
        self.done = i64::try_from(page.len()).unwrap_or(i64::MAX) < EXPORT_PAGE || past_last;
        Ok(!self.done)
    }

    /// Members written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// What the audit log says about this export: `format=csv rows=12`.
    pub fn audit_detail(&self) -> String {
        format!("format={} rows={}", self.format.code(), self.rows)
    }

    /// Ends the file and gives the writer back.
    pub fn finish(self) -> Result<W, ExportError> {
        let mut w = match self.out {
            Out::Sheet(sheet) => sheet.finish()?,
            Out::Vcard(w) => w,
        };
        w.flush()?;
        Ok(w)
    }

    fn write(&mut self, row: &ExportRow) -> io::Result<()> {
        let m = &row.member;
        let sheet = match &mut self.out {
            Out::Vcard(w) => return w.write_all(domain::members::vcard(&record(m), m.id, &row.categories).as_bytes()),
            Out::Sheet(sheet) => sheet,
        };
        let paid_until = m.paid_until.as_deref().and_then(Date::parse_iso);
        let status = dues::status(paid_until, self.day, self.policy);
        let label = self.statuses.iter().find(|(s, _)| *s == status).map_or("", |(_, l)| l.as_str());
        let until = match (paid_until, m.paid_until.as_deref()) {
            (Some(d), _) if d == Date::MAX => Cell::Text(&self.never_ends),
            (_, Some(iso)) => Cell::Date(iso),
            (_, None) => Cell::Empty,
        };
        let categories = row.categories.join(", ");
        let own: Vec<(Kind, Option<&str>, String)> = self
            .fields
            .iter()
            .map(|(id, kind)| {
                let raw = row.fields.iter().find(|(f, _)| f == id).map(|(_, v)| v.as_str());
                let text = match (kind, raw) {
                    (_, None) => String::new(),
                    (Kind::YesNo, Some(v)) => if v == "yes" { &self.yes_no.0 } else { &self.yes_no.1 }.clone(),
                    (Kind::Multiple, Some(v)) => v.lines().collect::<Vec<_>>().join(", "),
                    (_, Some(v)) => v.to_string(),
                };
                (*kind, raw, text)
            })
            .collect();
        let mut cells = vec![
            Cell::Int(m.id),
            Cell::Text(&m.last_name),
            Cell::Text(&m.first_name),
            Cell::Text(m.email.as_deref().unwrap_or("")),
            Cell::Text(m.phone.as_deref().unwrap_or("")),
            Cell::Text(&m.address),
            Cell::Text(&m.postal_code),
            Cell::Text(&m.city),
            m.birth_date.as_deref().map_or(Cell::Empty, Cell::Date),
            Cell::Text(&m.notes),
            Cell::Text(label),
            until,
            Cell::Text(&categories),
        ];
        cells.extend(own.iter().map(|(kind, raw, text)| match (kind, raw) {
            (_, None) => Cell::Empty,
            (Kind::Date, Some(iso)) => Cell::Date(iso),
            (Kind::Number, Some(n)) => n.parse().map_or(Cell::Text(text), Cell::Int),
            _ => Cell::Text(text),
        }));
        sheet.row(&cells)
    }
}

/// The record part of a stored member, for the vCard.
fn record(m: &MemberRow) -> Member {
    Member {
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        email: m.email.clone(),
        phone: m.phone.clone(),
        address: m.address.clone(),
        postal_code: m.postal_code.clone(),
        city: m.city.clone(),
        birth_date: m.birth_date.clone(),
        notes: m.notes.clone(),
    }
}

/// The name of a download made on `day`: `adherents-2026-03-14.csv`.
pub fn file_name(format: ExportFormat, day: Date) -> String {
    format!("adherents-{day}.{}", format.extension())
}

/// The format asked for, and the rows ticked on the list (`ids=1,2,3`) if
/// any; the filter comes in the list's own query ([`ListQuery`]).
#[derive(serde::Deserialize, Default)]
pub struct ExportQuery {
    format: Option<String>,
    ids: Option<String>,
}

/// The filter in the audit detail: ` q=lyon status=late`, or nothing.
fn describe(f: &Filter) -> String {
    let mut s = String::new();
    if !f.search.trim().is_empty() {
        s += &format!(" q={:?}", f.search.trim());
    }
    if let Some(st) = f.status {
        s += &format!(" status={}", st.code());
    }
    if let Some(c) = f.category {
        s += &format!(" category={}", c.0);
    }
    if let Some(t) = f.type_id {
        s += &format!(" type={}", t.0);
    }
    if let Some(y) = f.year {
        s += &format!(" year={y}");
    }
    s
}

/// Downloads the members matching the list's filters, in the format asked.
/// Exports carry personal data: only those who may manage members may.
pub async fn export_members(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<ManageMembers>,
    Query(q): Query<ExportQuery>,
    Query(list): Query<ListQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let Some(format) = q.format.as_deref().and_then(ExportFormat::from_code) else {
        let mut r = super::message(
            tr,
            &tr.t("export-bad-format-title"),
            &tr.t1("export-bad-format-text", "formats", ExportFormat::CODES.join(", ")),
            "/members",
            &tr.t("members-back"),
        )?;
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(r);
    };
    let a = who.ctx.association_id();
    let filter = list.filter();
    let mut filtered = describe(&filter);
    let only = q.ids.as_deref().map(|ids| super::bulk::parse_ids([ids]));
    if let Some(ids) = &only {
        filtered += &format!(" ids={}", ids.len());
    }
    let buffer = Drained::default();
    let mut export = MemberExport::start(&s.db, a, filter, tr, format, buffer.clone())
        .await
        .map_err(|e| AppError::Internal(format!("member export: {e}")))?;
    if let Some(ids) = only {
        export = export.only(ids);
    }
    // A few pages in flight at most: a slow client slows the reading down.
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    tokio::spawn(pump(export, buffer, tx, (s.db.clone(), a, who.grant.user_id()), filtered));
    let mut r = Body::from_stream(Chunks(rx)).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    let disposition = format!("attachment; filename=\"{}\"", file_name(format, today()));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// Writes the export page by page into `buffer`, sending what each page
/// wrote to the response body before reading the next.
///
/// The audit entry is written once every row is written and *before* the
/// file's last bytes are sent (the last page, and for ODS and XLSX the zip
/// directory without which the file does not open): no complete export
/// leaves without its entry, and the entry can give the exact row count. A
/// download the person abandons is recorded too, as interrupted, with the
/// rows written so far. If the entry cannot be written, the download fails.
async fn pump(
    mut export: MemberExport<Drained>,
    buffer: Drained,
    tx: tokio::sync::mpsc::Sender<io::Result<Bytes>>,
    (db, a, actor): (Db, AssociationId, UserId),
    filtered: String,
) {
    let fail = |e: &dyn fmt::Display| {
        tracing::error!(association = a.0, "member export failed: {e}");
        io::Error::other("export failed")
    };
    loop {
        match export.next_page().await {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let err = fail(&e);
                let _ = tx.send(Err(err)).await;
                return;
            }
        }
        let chunk = buffer.take();
        let gone = if chunk.is_empty() { tx.is_closed() } else { tx.send(Ok(chunk)).await.is_err() };
        if gone {
            let detail = format!("{}{filtered} interrupted", export.audit_detail());
            if let Err(e) = store::audit::record(&db, a, Some(actor), "member.export", &detail, now()).await {
                fail(&e);
            }
            return;
        }
    }
    let detail = format!("{}{filtered}", export.audit_detail());
    let last = match store::audit::record(&db, a, Some(actor), "member.export", &detail, now()).await {
        Err(e) => Err(fail(&e)),
        Ok(()) => export.finish().map(|_| buffer.take()).map_err(|e| fail(&e)),
    };
    let _ = tx.send(last).await;
}

/// A growing buffer the export writes into, shared with the task that drains
/// it into the response after each page.
#[derive(Clone, Default)]
pub(super) struct Drained(Arc<Mutex<Vec<u8>>>);

impl Drained {
    /// What was written since the last call.
    pub(super) fn take(&self) -> Bytes {
        Bytes::from(std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner)))
    }
}

impl Write for Drained {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The receiving end of the export task, as the stream of a response body.
pub(super) struct Chunks(pub(super) tokio::sync::mpsc::Receiver<io::Result<Bytes>>);

impl futures_core::Stream for Chunks {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}
