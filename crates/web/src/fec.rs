//! The FEC (fichier des écritures comptables) of a year, out and in, shared
//! by the pages and the command line.
//!
//! Out: [`FecExport`] reads the year's entries a page at a time in date
//! order and writes their lines, so memory stays flat whatever the year's
//! size. A closed year's entries carry their sealed numbers and the closing
//! day as validation date; an open year is a provisional file: entries are
//! numbered in date order as closing would, validated on their own date.
//!
//! In: [`plan_import`] reads a file (any problem located by line and column,
//! nothing written), turns each entry into a draft and lists the
//! sub-accounts it needs; `store::accounting::entries::post_many` then writes
//! all of it in one transaction or nothing.

use crate::i18n::Tr;
use domain::accounting::chart::{self, ChartVersion};
use domain::accounting::entry::{Draft, Line};
use domain::accounting::fec::{self, FecLine};
use domain::{AssociationId, Date};
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

/// What an import will write: the entries, the sub-accounts they need, and
/// for each entry the file line it starts on (to locate a refusal).
pub struct Planned {
    /// Accounts moved to the 2025 numbering: "870 → 875 : why", one per code.
    pub renumbered: Vec<String>,
    pub entries: Vec<Incoming>,
    pub accounts: Vec<(String, String)>,
    pub first_lines: Vec<usize>,
    pub lines: usize,
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

/// The message for a problem the FEC reader found.
fn reason(tr: &Tr, r: &fec::Reason) -> String {
    match r {
        fec::Reason::WrongColumnCount { expected, found } => {
            tr.args("error-fec-column-count", &[("expected", expected.to_string()), ("found", found.to_string())])
        }
        fec::Reason::Unbalanced { entry, difference_cents } => tr.args(
            "error-fec-unbalanced",
            &[("entry", entry.clone()), ("difference", tr.money(difference_cents.abs()))],
        ),
        fec::Reason::EntryDateDiffers { entry } => tr.t1("error-fec-entry-date", "entry", entry.clone()),
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

/// Reads a FEC kept in the `version` numbering and plans its import into
/// the association whose accounts are `accounts`: every problem located, or
/// the entries to write with their accounts moved to the 2025 numbering (the
/// 1999 870/875 swap among them).
pub fn plan_import(tr: &Tr, bytes: &[u8], accounts: &[Account], version: ChartVersion) -> Result<Planned, Vec<String>> {
    let mut lines = fec::parse(bytes).map_err(|problems| {
        problems.iter().map(|p| problem(tr, p.line, p.column, &reason(tr, &p.reason), &p.value)).collect::<Vec<_>>()
    })?;
    let mut renumbered: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for l in &mut lines {
        let moved = chart::to_2025(&l.compte_num, version);
        if (moved.code != l.compte_num || moved.note.is_some()) && seen.insert(l.compte_num.clone()) {
            let why = moved.note.map(|k| format!(" : {}", tr.t(k))).unwrap_or_default();
            renumbered.push(format!("{} → {}{why}", l.compte_num, moved.code));
        }
        if moved.code != l.compte_num {
            // The label followed the old number; the new one reads as the chart says.
            if let Some(c) = chart::find(&moved.code) {
                l.compte_lib = c.label.to_string();
            }
            l.compte_num = moved.code;
        }
    }
    // Line numbers: the header is line 1, lines follow in order.
    let index: std::collections::HashMap<*const FecLine, usize> =
        lines.iter().enumerate().map(|(i, l)| (l as *const FecLine, i + 2)).collect();
    let line_of = |l: &FecLine| index.get(&(l as *const FecLine)).copied().unwrap_or(0);
    let mut found = Vec::new();
    let mut new_accounts: Vec<(String, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let code = l.compte_num.as_str();
        let known = accounts.binary_search_by(|a| a.code.as_str().cmp(code)).is_ok();
        if known || new_accounts.iter().any(|(c, _)| c == code) {
            continue;
        }
        if chart::is_postable(code) && chart::parent(code).is_some() {
            new_accounts.push((code.to_string(), l.compte_lib.clone()));
        } else {
            found.push(problem(tr, i + 2, "CompteNum", &tr.t("error-fec-account-unknown"), code));
        }
    }
    if !found.is_empty() {
        return Err(found);
    }
    let mut entries = Vec::new();
    let mut first_lines = Vec::new();
    for e in fec::entries(&lines) {
        let Some(first) = e.lines.first() else { continue };
        let label = first.ecriture_lib.clone();
        let draft = Draft {
            date: first.ecriture_date,
            label: label.clone(),
            reference: first.piece_ref.clone(),
            lines: e
                .lines
                .iter()
                .map(|l| Line {
                    account: l.compte_num.clone(),
                    debit: l.debit,
                    credit: l.credit,
                    label: if l.ecriture_lib == label { String::new() } else { l.ecriture_lib.clone() },
                    project: None,
                })
                .collect(),
        };
        first_lines.push(line_of(first));
        entries.push(Incoming { draft, journal: e.journal_code.to_string(), origin: "import" });
    }
    Ok(Planned { renumbered, entries, accounts: new_accounts, first_lines, lines: lines.len() })
}

/// The batch that writes a plan: its entries and accounts, the years they
/// need opened (twelve months from the association's first month), and the
/// file, so it is never imported twice.
pub async fn batch<'a>(
    db: &Db,
    a: AssociationId,
    plan: &Planned,
    start_month: u32,
    source: store::accounting::entries::Source<'a>,
) -> Result<store::accounting::entries::Batch<'a>, store::Error> {
    let existing: Vec<_> = store::accounting::years::list(db, a).await?.iter().map(YearRow::bounds).collect();
    let days: Vec<Date> = plan.entries.iter().map(|e| e.draft.date).collect();
    Ok(store::accounting::entries::Batch {
        entries: plan.entries.clone(),
        accounts: plan.accounts.clone(),
        years: domain::accounting::years::missing_years(&days, &existing, start_month),
        source: Some(source),
    })
}

/// The message for a refusal of the store on entry `index` of a plan.
pub fn refusal(tr: &Tr, plan: &Planned, index: usize, r: &store::accounting::Refused) -> String {
    if *r == store::accounting::Refused::AlreadyImported {
        return tr.t("error-fec-already-imported");
    }
    let line = plan.first_lines.get(index).copied().unwrap_or(0);
    let day = plan.entries.get(index).map(|e| e.draft.date.to_string()).unwrap_or_default();
    let why = match r {
        store::accounting::Refused::NoYear => tr.t("error-entry-no-year"),
        store::accounting::Refused::Closed => tr.t("error-entry-closed-year"),
        _ => tr.t("error-fec-invalid-entry"),
    };
    problem(tr, line, "EcritureDate", &why, &day)
}

/// A file's SHA-256 in hex: how an import recognises a file seen before.
pub fn fingerprint(bytes: &[u8]) -> String {
    hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes))
}
