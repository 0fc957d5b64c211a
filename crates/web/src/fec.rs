//! The FEC (fichier des écritures comptables) of a year, out and in, shared
//! by the pages and the command line.
//!
//! Out: [`FecExport`] reads the year's entries a page at a time in date
//! order and writes their lines, so memory stays flat whatever the year's
//! size. A closed year's entries carry their sealed numbers and the closing
//! day as validation date; an open year is a provisional file: entries are
//! numbered in date order as closing would, validated on their own date.
//!
//! In: [`check`] reads a file of books (a FEC, Paheko's journal export or
//! Dolibarr's ledger export, through `domain::accounting::books_in`) a
//! record at a time: any problem located by line and column, nothing
//! written. [`apply`] then reads it again and hands its entries one at a
//! time to `store::accounting::entries::post_stream`, which writes all of
//! them in one transaction or nothing. Memory holds a count of lines per
//! entry, never the file's lines.

use crate::i18n::Tr;
use domain::accounting::books_in::{self, Format, Record, Wanted};
use domain::accounting::chart::{self, ChartVersion};
use domain::accounting::entry::{Draft, Line};
use domain::accounting::fec::{self, FecLine};
use domain::accounting::years::Bounds;
use domain::{AssociationId, Date, Grant, KeepBooks};
use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};
use store::Db;
use store::accounting::chart::Account;
use store::accounting::entries::{EntryRow, Incoming};
use store::accounting::years::YearRow;

/// A journal's name in the file, for the codes Préau writes.
fn journal_name(code: &str) -> &str {
    match code {
        "BQ" => "Banque",
        "CA" => "Caisse",
        "OD" => "Opérations diverses",
        "AN" => "À-nouveaux",
        other => other,
    }
}

/// Entries read at a time.
const PAGE: i64 = 1000;

/// A FEC being written into `W`, page by page: [`FecExport::start`], then
/// [`FecExport::next_page`] until it answers false, then [`FecExport::finish`].
pub struct FecExport<W: Write> {
    db: Db,
    association: AssociationId,
    year: YearRow,
    accounts: Vec<Account>,
    /// The closing day for a closed year.
    validated: Option<Date>,
    out: W,
    offset: i64,
    number: i64,
    lines: u64,
    done: bool,
}

impl<W: Write> FecExport<W> {
    /// Starts the file of `year` (writes the header line).
    pub async fn start(db: &Db, association: AssociationId, year: YearRow, mut out: W) -> Result<Self, ExportError> {
        let accounts = store::accounting::chart::accounts(db, association).await?;
        let validated = year.closed_at.and_then(|at| Date::from_days(at.div_euclid(86_400)));
        out.write_all(&fec::to_latin9(&fec::header_line()))?;
        Ok(FecExport {
            db: db.clone(),
            association,
            year,
            accounts,
            validated,
            out,
            offset: 0,
            number: 0,
            lines: 0,
            done: false,
        })
    }

    /// The file's name: `SIRENFECAAAAMMJJ.txt`, or `FECAAAAMMJJ.txt` without a SIREN.
    pub fn file_name(&self, siren: Option<&str>) -> String {
        fec::file_name(siren, self.year.bounds().end)
    }

    /// Writes the next page of entries; false once all are written.
    pub async fn next_page(&mut self) -> Result<bool, ExportError> {
        if self.done {
            return Ok(false);
        }
        let page =
            store::accounting::entries::journal_page(&self.db, self.association, self.year.id, self.offset, PAGE)
                .await?;
        self.offset += page.len() as i64;
        for (e, lines) in &page {
            self.number += 1;
            let number = e.number.unwrap_or(self.number);
            for l in lines {
                let line = self.line(e, number, l);
                self.out.write_all(&fec::to_latin9(&fec::line(&line)))?;
                self.lines += 1;
            }
        }
        self.done = (page.len() as i64) < PAGE;
        Ok(!self.done)
    }

    fn line(&self, e: &EntryRow, number: i64, l: &store::accounting::entries::LineRow) -> FecLine {
        let day = Date::parse_iso(&e.on_date).unwrap_or(Date::MIN);
        let label = store::accounting::chart::label_of(&self.accounts, &l.account);
        FecLine {
            journal_code: e.journal.clone(),
            journal_lib: journal_name(&e.journal).to_string(),
            ecriture_num: number.to_string(),
            ecriture_date: day,
            compte_num: l.account.clone(),
            compte_lib: if label.is_empty() { l.account.clone() } else { label },
            comp_aux_num: String::new(),
            comp_aux_lib: String::new(),
            // A voucher is required: the entry's number stands in when it has none.
            piece_ref: if e.reference.is_empty() { number.to_string() } else { e.reference.clone() },
            piece_date: day,
            ecriture_lib: if l.label.is_empty() { e.label.clone() } else { l.label.clone() },
            debit: l.debit_cents,
            credit: l.credit_cents,
            ecriture_let: String::new(),
            date_let: None,
            valid_date: self.validated.unwrap_or(day),
            montant_devise: None,
            idevise: String::new(),
        }
    }

    /// Lines written so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// Ends the file and gives the writer back.
    pub fn finish(mut self) -> Result<W, ExportError> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Why an export stopped.
#[derive(Debug)]
pub enum ExportError {
    Store(store::Error),
    Io(io::Error),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Store(e) => write!(f, "{e}"),
            ExportError::Io(e) => write!(f, "writing the FEC: {e}"),
        }
    }
}

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

/// A located problem: `line 12, column CompteNum: …`.
pub fn problem(tr: &Tr, line: usize, column: &str, reason: &str, value: &str) -> String {
    let mut s = tr.args(
        "import-problem",
        &[("line", line.to_string()), ("column", column.to_string()), ("reason", reason.to_string())],
    );
    if !value.is_empty() {
        s += &format!(" ({value:?})");
    }
    s
}

/// The message for a problem the reader found in a file of `format` (none
/// when the header could not be read).
fn reason(tr: &Tr, p: &fec::Problem, format: Option<Format>, wanted: Wanted) -> String {
    let csv = format.is_some_and(|f| f != Format::Fec);
    match &p.reason {
        fec::Reason::WrongColumnCount { expected, found } => {
            tr.args("error-fec-column-count", &[("expected", expected.to_string()), ("found", found.to_string())])
        }
        fec::Reason::Unbalanced { entry, difference_cents } => tr.args(
            "error-fec-unbalanced",
            &[("entry", entry.clone()), ("difference", tr.money(difference_cents.abs()))],
        ),
        fec::Reason::EntryDateDiffers { entry } => tr.t1("error-fec-entry-date", "entry", entry.clone()),
        fec::Reason::BadHeader if wanted != Wanted::Fec && p.column.is_empty() => tr.t("error-books-header"),
        fec::Reason::BadHeader if wanted != Wanted::Fec && p.value.is_empty() => tr.t("error-books-column-missing"),
        fec::Reason::BadDate if csv => tr.t("error-books-date"),
        other => tr.t(other.key()),
    }
}

/// The numbering a file's accounts are in, as forms and `--numbering` name it.
pub fn chart_version(code: &str) -> Option<ChartVersion> {
    match code {
        "2025" => Some(ChartVersion::Pca2025),
        "2018" => Some(ChartVersion::Pca2018),
        "1999" => Some(ChartVersion::Pca1999),
        _ => None,
    }
}

/// A file of books checked and ready to write: what [`check`] found and
/// how many lines each entry has; [`apply`] reads the file again to write it.
pub struct Checked {
    pub format: Format,
    version: ChartVersion,
    counts: books_in::Counts,
    /// Accounts moved to the 2025 numbering: "870 → 875 : why", one per code.
    pub renumbered: Vec<String>,
    /// Sub-accounts the entries need (code, label).
    pub accounts: Vec<(String, String)>,
    /// Years to open first.
    pub years: Vec<Bounds>,
}

impl Checked {
    pub fn entries(&self) -> usize {
        self.counts.entries()
    }

    pub fn lines(&self) -> usize {
        self.counts.lines
    }

    /// "12 entries, 30 lines to import."
    pub fn counts(&self, tr: &Tr) -> String {
        tr.args("fec-counts", &[("entries", self.entries().to_string()), ("lines", self.lines().to_string())])
    }
}

/// What a check knows of the association: its accounts, fiscal years and first month.
pub struct Books<'a> {
    pub accounts: &'a [Account],
    pub years: &'a [YearRow],
    pub start_month: u32,
}

/// The first pass over a file of books (a FEC, a Paheko journal export or
/// Dolibarr's ledger export; `wanted`, or found from its first line) whose
/// accounts are in the `version` numbering: every problem located by line
/// and column, or what the file will write (accounts moved to the 2025
/// numbering, the 1999 870/875 swap among them). Reads the file a record at
/// a time and keeps only a count of lines per entry.
pub fn check(
    tr: &Tr,
    bytes: &[u8],
    (wanted, version): (Wanted, ChartVersion),
    books: &Books<'_>,
) -> Result<Checked, Vec<String>> {
    let located = |format: Option<Format>, problems: Vec<fec::Problem>| -> Vec<(usize, String)> {
        problems
            .iter()
            .map(|p| (p.line, problem(tr, p.line, p.column, &reason(tr, p, format, wanted), &p.value)))
            .collect()
    };
    let reader =
        books_in::open(bytes, wanted).map_err(|p| located(None, p).into_iter().map(|(_, s)| s).collect::<Vec<_>>())?;
    let format = reader.format();
    let mut check = books_in::Check::new(format);
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut renumbered: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut new_accounts: Vec<(String, String)> = Vec::new();
    let mut days: BTreeMap<Date, (usize, &'static str)> = BTreeMap::new();
    for record in reader {
        check.add(&record);
        let Ok(l) = &record.read else { continue };
        days.entry(l.ecriture_date).or_insert((record.line, record.date_column));
        let moved = chart::to_2025(&l.compte_num, version);
        if seen.insert(l.compte_num.clone()) && (moved.code != l.compte_num || moved.note.is_some()) {
            let why = moved.note.map(|k| format!(" : {}", tr.t(k))).unwrap_or_default();
            renumbered.push(format!("{} → {}{why}", l.compte_num, moved.code));
        }
        let code = moved.code.as_str();
        let known = books.accounts.binary_search_by(|a| a.code.as_str().cmp(code)).is_ok();
        if known || new_accounts.iter().any(|(c, _)| c == code) {
            continue;
        }
        if chart::is_postable(code) && chart::parent(code).is_some() {
            new_accounts.push((code.to_string(), account_label(l, code)));
        } else {
            let why = tr.t("error-fec-account-unknown");
            found.push((record.line, problem(tr, record.line, record.account_column, &why, code)));
        }
    }
    let counts = match check.finish() {
        Ok(counts) => Some(counts),
        Err(problems) => {
            found.extend(located(Some(format), problems));
            None
        }
    };
    // Every day in a year that is open, or that the import opens.
    let existing: Vec<Bounds> = books.years.iter().map(YearRow::bounds).collect();
    let all_days: Vec<Date> = days.keys().copied().collect();
    let years = domain::accounting::years::missing_years(&all_days, &existing, books.start_month);
    for (day, (line, column)) in &days {
        let covering = books.years.iter().find(|y| y.bounds().start <= *day && *day <= y.bounds().end);
        let why = match covering {
            Some(y) if y.is_closed() => tr.t("error-entry-closed-year"),
            Some(_) => continue,
            None if years.iter().any(|b| b.start <= *day && *day <= b.end) => continue,
            None => tr.t("error-entry-no-year"),
        };
        found.push((*line, problem(tr, *line, column, &why, &day.to_string())));
    }
    match counts {
        Some(counts) if found.is_empty() => {
            Ok(Checked { format, version, counts, renumbered, accounts: new_accounts, years })
        }
        _ => {
            found.sort_by_key(|(line, _)| *line);
            Err(found.into_iter().map(|(_, s)| s).collect())
        }
    }
}

/// A new sub-account's label: the file's, else the chart's for its parent, else its code.
fn account_label(l: &FecLine, code: &str) -> String {
    if !l.compte_lib.is_empty() && l.compte_num == code {
        return l.compte_lib.clone();
    }
    chart::find(code).or_else(|| chart::parent(code)).map_or_else(|| code.to_string(), |c| c.label.to_string())
}

/// The second pass: the checked file's entries, one at a time, as drafts
/// in the 2025 numbering.
pub fn incoming<'a>(bytes: &'a [u8], checked: &'a Checked) -> impl Iterator<Item = Incoming> + Send + 'a {
    let entries = books_in::Entries::new(bytes, checked.format, &checked.counts).ok();
    entries.into_iter().flatten().filter_map(move |records| draft(&records, checked))
}

fn draft(records: &[Record], checked: &Checked) -> Option<Incoming> {
    let first = records.first()?.read.as_ref().ok()?;
    let label = first.ecriture_lib.clone();
    let lines: Vec<Line> = records
        .iter()
        .filter_map(|r| {
            let l = r.read.as_ref().ok()?;
            let own = if !r.line_label.is_empty() && r.line_label != label {
                r.line_label.clone()
            } else if l.ecriture_lib != label {
                l.ecriture_lib.clone()
            } else {
                String::new()
            };
            Some(Line {
                account: chart::to_2025(&l.compte_num, checked.version).code,
                debit: l.debit,
                credit: l.credit,
                label: own,
                project: None,
            })
        })
        .collect();
    let journal = if checked.format.has_journals() {
        first.journal_code.clone()
    } else {
        domain::accounting::entry::journal(&lines).to_string()
    };
    let draft = Draft { date: first.ecriture_date, label, reference: first.piece_ref.clone(), lines };
    Some(Incoming { draft, journal, origin: "import" })
}

/// Writes a checked file in one transaction, entry by entry as the file is
/// read again: its accounts and years first, the file recorded so that it
/// is never imported twice. The entries written, or why nothing was.
pub async fn apply(
    tr: &Tr,
    db: &Db,
    g: &Grant<KeepBooks>,
    (bytes, file_name): (&[u8], &str),
    checked: &Checked,
    now: i64,
) -> Result<Result<usize, String>, store::Error> {
    let sha256 = fingerprint(bytes);
    let source = store::accounting::entries::Source { kind: checked.format.code(), sha256: &sha256, file_name };
    let batch = store::accounting::entries::Batch {
        entries: Vec::new(),
        accounts: checked.accounts.clone(),
        years: checked.years.clone(),
        source: Some(source),
    };
    let posted = store::accounting::entries::post_stream(db, g, &batch, incoming(bytes, checked), now).await?;
    Ok(posted.map_err(|(index, r)| refusal(tr, bytes, checked, index, &r)))
}

/// The message for a refusal of the store on the entry `index` of a file.
fn refusal(tr: &Tr, bytes: &[u8], checked: &Checked, index: usize, r: &store::accounting::Refused) -> String {
    if *r == store::accounting::Refused::AlreadyImported {
        return tr.t("error-fec-already-imported");
    }
    let first = books_in::Entries::new(bytes, checked.format, &checked.counts)
        .ok()
        .and_then(|mut e| e.nth(index))
        .and_then(|records| records.into_iter().next());
    let (line, column, day) = first
        .map(|r| (r.line, r.date_column, r.read.map(|l| l.ecriture_date.to_string()).unwrap_or_default()))
        .unwrap_or((0, "", String::new()));
    let why = match r {
        store::accounting::Refused::NoYear => tr.t("error-entry-no-year"),
        store::accounting::Refused::Closed => tr.t("error-entry-closed-year"),
        _ => tr.t("error-fec-invalid-entry"),
    };
    problem(tr, line, column, &why, &day)
}

/// A file's SHA-256 in hex: how an import recognises a file seen before.
pub fn fingerprint(bytes: &[u8]) -> String {
    hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes))
}
