//! ISO 20022 camt.053, the "bank to customer statement" (end of day), in
//! versions `camt.053.001.02` to `.13` (later ones are read the same way:
//! the elements below have kept their names and places). Elements are
//! matched by their local name, whatever the namespace prefix.
//!
//! Read, under `Document/BkToCstmrStmt`, for each `Stmt`:
//!
//! - `Acct/Id/IBAN` (or `Acct/Id/Othr/Id`), the account; `Acct/Ccy`, its
//!   currency;
//! - `Bal`: its type `Tp/CdOrPrtry/Cd`, `OPBD` (opening booked) or, failing
//!   that, `PRCD` (previous closing booked) for the opening balance, `CLBD`
//!   (closing booked) for the closing one, other types left out; `Amt` with
//!   its `Ccy`, `CdtDbtInd` (`DBIT` makes it negative), `Dt/Dt` or
//!   `Dt/DtTm`;
//! - each `Ntry` (one line per entry, as on the paper statement; a batch's
//!   transactions are not split): `Amt` and its `Ccy` (refused when it is not
//!   the account's), `CdtDbtInd` (`CRDT` money in, `DBIT` money out),
//!   `BookgDt/Dt` or `BookgDt/DtTm` the date, `ValDt` the value date,
//!   `AcctSvcrRef` the bank's id. Entries whose status (`Sts`, or `Sts/Cd`
//!   from `.09`) is not `BOOK` (pending, information only) are left out: they
//!   are not in the booked balances.
//! - the label: from the entry's only `NtryDtls/TxDtls`, the other party's
//!   name (`RltdPties/Dbtr/Nm` for money in, `RltdPties/Cdtr/Nm` for money
//!   out; `…/Pty/Nm` from `.08`) then the unstructured remittance
//!   `RmtInf/Ustrd`; failing those, `TxDtls/AddtlTxInf`, then the entry's
//!   `AddtlNtryInf`. An entry of several transactions is labelled by its
//!   `AddtlNtryInf`, or else its transactions' labels joined by ` / `.
//! - the reference: the only transaction's `Refs/EndToEndId` (unless
//!   `NOTPROVIDED`), else its `RmtInf/Strd/CdtrRefInf/Ref`.
//!
//! Several `Stmt` of one account (several days) make one statement; each
//! must add up, and follow on from the one before.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};

use crate::amount;
use crate::dates::iso_prefix;
use crate::detect::camt053_version;
use crate::statement::{Builder, collapse_spaces};
use crate::text::{LineIndex, decode};
use crate::{Balance, Format, Line, Problem, Reason, Statement};

/// A value and the line it was on.
type At = (String, usize);

#[derive(Default)]
struct Stmt {
    at: usize,
    opening: Option<Balance>,
    closing: Option<(Balance, usize)>,
    lines: Vec<Line>,
}

#[derive(Default)]
struct Bal {
    at: usize,
    code: String,
    amount: Option<At>,
    currency: Option<At>,
    indicator: Option<At>,
    date: Option<At>,
}

#[derive(Default)]
struct Entry {
    at: usize,
    amount: Option<At>,
    currency: Option<At>,
    indicator: Option<At>,
    status: Option<String>,
    booked: Option<At>,
    value: Option<At>,
    bank_id: Option<String>,
    info: Option<String>,
    txs: Vec<Tx>,
}

#[derive(Default)]
struct Tx {
    end_to_end: Option<String>,
    creditor_reference: Option<String>,
    unstructured: Vec<String>,
    debtor: Option<String>,
    creditor: Option<String>,
    info: Option<String>,
}

/// What is being read: the innermost open `Stmt`, `Bal`, `Ntry`, `TxDtls`.
#[derive(Default)]
struct State {
    path: Vec<String>,
    stmt: Option<Stmt>,
    bal: Option<Bal>,
    entry: Option<Entry>,
    tx: Option<Tx>,
    /// The `Ccy` of the `Amt` being read.
    amount_currency: Option<String>,
}

impl State {
    /// Whether the open elements end with `names`.
    fn at(&self, names: &[&str]) -> bool {
        ends_with(&self.path, names)
    }
}

fn ends_with(path: &[String], names: &[&str]) -> bool {
    path.len() >= names.len() && path[path.len() - names.len()..].iter().zip(names).all(|(a, b)| a == b)
}

pub(crate) fn read(bytes: &[u8]) -> Result<Statement, Vec<Problem>> {
    let text = decode(bytes);
    let mut b = Builder::new(Format::Camt053);
    // `detect` let only versions 02 and later through; this says why if
    // something else comes.
    match camt053_version(&text) {
        Some(v) if v >= 2 => {}
        version => {
            let found = version.map_or(String::new(), |v| format!("camt.053.001.{v:02}"));
            b.problem(0, "", Reason::NotAStatement, &found);
            return b.finish();
        }
    }
    let lines = LineIndex::new(&text);
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut s = State::default();
    let mut content = String::new();
    loop {
        let line = lines.line_of(reader.buffer_position() as usize);
        match reader.read_event() {
            Err(e) => {
                let at = lines.line_of(reader.error_position() as usize);
                b.problem(at, "", Reason::Malformed(format!("broken XML: {e}")), "");
                break;
            }
            Ok(Event::Eof) => {
                if let Some(open) = s.path.last() {
                    let what = format!("the XML ends inside <{open}>");
                    b.problem(lines.line_of(text.len()), "", Reason::Malformed(what), "");
                }
                break;
            }
            Ok(Event::Start(e)) => {
                start(&mut s, &e, line);
                content.clear();
            }
            Ok(Event::Empty(e)) => {
                start(&mut s, &e, line);
                end(&mut b, &mut s, "", line);
                s.path.pop();
                content.clear();
            }
            Ok(Event::End(_)) => {
                let value = collapse_spaces(&content);
                end(&mut b, &mut s, &value, line);
                s.path.pop();
                content.clear();
            }
            Ok(Event::Text(t)) => content.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) => content.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                Ok(Some(c)) => content.push(c),
                _ => content.push_str(resolve_predefined_entity(&r).unwrap_or("")),
            },
            Ok(_) => {}
        }
    }
    b.finish()
}

fn start(s: &mut State, e: &BytesStart<'_>, line: usize) {
    let name = e.local_name().as_ref().to_string();
    s.path.push(name);
    if s.at(&["Stmt"]) {
        s.stmt = Some(Stmt { at: line, ..Stmt::default() });
    } else if s.stmt.is_some() && s.at(&["Stmt", "Bal"]) {
        s.bal = Some(Bal { at: line, ..Bal::default() });
    } else if s.stmt.is_some() && s.at(&["Stmt", "Ntry"]) {
        s.entry = Some(Entry { at: line, ..Entry::default() });
    } else if s.entry.is_some() && s.at(&["TxDtls"]) {
        s.tx = Some(Tx::default());
    } else if s.at(&["Amt"]) {
        s.amount_currency =
            e.attributes().flatten().find(|a| a.key.local_name().as_ref() == "Ccy").map(|a| a.value.trim().to_string());
    }
}

/// The end of the innermost element, whose text is `value`, on `line`.
fn end(b: &mut Builder, s: &mut State, value: &str, line: usize) {
    let here = || Some((value.to_string(), line));
    let given = || (!value.is_empty()).then(|| value.to_string());
    let at = |names: &[&str]| ends_with(&s.path, names);
    if s.tx.is_some() {
        let Some(tx) = &mut s.tx else { return };
        if at(&["TxDtls"]) {
            if let (Some(tx), Some(entry)) = (s.tx.take(), &mut s.entry) {
                entry.txs.push(tx);
            }
        } else if at(&["Refs", "EndToEndId"]) {
            tx.end_to_end = given().filter(|v| v != "NOTPROVIDED");
        } else if at(&["RmtInf", "Ustrd"]) {
            tx.unstructured.extend(given());
        } else if at(&["RmtInf", "Strd", "CdtrRefInf", "Ref"]) {
            tx.creditor_reference = given();
        } else if at(&["RltdPties", "Dbtr", "Nm"]) || at(&["RltdPties", "Dbtr", "Pty", "Nm"]) {
            tx.debtor = given();
        } else if at(&["RltdPties", "Cdtr", "Nm"]) || at(&["RltdPties", "Cdtr", "Pty", "Nm"]) {
            tx.creditor = given();
        } else if at(&["TxDtls", "AddtlTxInf"]) {
            tx.info = given();
        }
    } else if s.entry.is_some() {
        let Some(entry) = &mut s.entry else { return };
        if at(&["Stmt", "Ntry"]) {
            if let (Some(entry), Some(stmt)) = (s.entry.take(), &mut s.stmt)
                && let Some(line) = read_entry(b, entry)
            {
                stmt.lines.push(line);
            }
        } else if at(&["Ntry", "Amt"]) {
            entry.amount = here();
            entry.currency = s.amount_currency.take().map(|c| (c, line));
        } else if at(&["Ntry", "CdtDbtInd"]) {
            entry.indicator = here();
        } else if at(&["Ntry", "Sts"]) || at(&["Ntry", "Sts", "Cd"]) {
            if !value.is_empty() {
                entry.status = given();
            }
        } else if at(&["Ntry", "BookgDt", "Dt"]) || at(&["Ntry", "BookgDt", "DtTm"]) {
            entry.booked = here();
        } else if at(&["Ntry", "ValDt", "Dt"]) || at(&["Ntry", "ValDt", "DtTm"]) {
            entry.value = here();
        } else if at(&["Ntry", "AcctSvcrRef"]) {
            entry.bank_id = given();
        } else if at(&["Ntry", "AddtlNtryInf"]) {
            entry.info = given();
        }
    } else if s.bal.is_some() {
        let Some(bal) = &mut s.bal else { return };
        if at(&["Stmt", "Bal"]) {
            if let (Some(bal), Some(stmt)) = (s.bal.take(), &mut s.stmt) {
                read_balance(b, stmt, bal);
            }
        } else if at(&["Bal", "Tp", "CdOrPrtry", "Cd"]) {
            bal.code = value.to_string();
        } else if at(&["Bal", "Amt"]) {
            bal.amount = here();
            bal.currency = s.amount_currency.take().map(|c| (c, line));
        } else if at(&["Bal", "CdtDbtInd"]) {
            bal.indicator = here();
        } else if at(&["Bal", "Dt", "Dt"]) || at(&["Bal", "Dt", "DtTm"]) {
            bal.date = here();
        }
    } else if at(&["Stmt"]) {
        if let Some(stmt) = s.stmt.take() {
            b.open_block(stmt.at, stmt.opening);
            for line in stmt.lines {
                if !b.push(line) {
                    break;
                }
            }
            let (closing, closing_at) = stmt.closing.map_or((None, line), |(c, at)| (Some(c), at));
            b.close_block(closing_at, closing);
        }
    } else if s.stmt.is_some() {
        if at(&["Stmt", "Acct", "Id", "IBAN"]) || at(&["Stmt", "Acct", "Id", "Othr", "Id"]) {
            b.account(line, "IBAN", value);
        } else if at(&["Stmt", "Acct", "Ccy"]) {
            b.account_currency(line, "Ccy", value);
        }
    }
}

/// The sign a `CdtDbtInd` gives, or `None` with a problem.
fn sign(b: &mut Builder, indicator: &Option<At>, at: usize) -> Option<i64> {
    match indicator {
        Some((v, _)) if v == "CRDT" => Some(1),
        Some((v, _)) if v == "DBIT" => Some(-1),
        Some((v, line)) => {
            let what = "CdtDbtInd is neither CRDT nor DBIT".to_string();
            b.problem(*line, "CdtDbtInd", Reason::Malformed(what), v);
            None
        }
        None => {
            b.problem(at, "CdtDbtInd", Reason::MissingField, "");
            None
        }
    }
}

/// An `Amt` in cents (never negative in ISO 20022: the sign is `CdtDbtInd`).
fn cents(b: &mut Builder, amount: &Option<At>, currency: &Option<At>, at: usize) -> Option<i64> {
    if let Some((code, line)) = currency {
        b.amount_currency(*line, "Ccy", code);
    }
    let Some((raw, line)) = amount.as_ref().filter(|(v, _)| !v.is_empty()) else {
        b.problem(at, "Amt", Reason::MissingField, "");
        return None;
    };
    let cents = amount::parse(raw, Some('.')).filter(|c| *c >= 0);
    if cents.is_none() {
        b.problem(*line, "Amt", Reason::BadAmount, raw);
    }
    cents
}

/// A date element: `Some(None)` when absent (a problem if `required`).
fn day(b: &mut Builder, date: &Option<At>, column: &str, required: bool, at: usize) -> Option<Option<domain::Date>> {
    match date {
        Some((raw, line)) => match iso_prefix(raw) {
            Some(d) => Some(Some(d)),
            None => {
                b.problem(*line, column, Reason::BadDate, raw);
                None
            }
        },
        None => {
            if required {
                b.problem(at, column, Reason::MissingField, "");
            }
            Some(None)
        }
    }
}

fn read_balance(b: &mut Builder, stmt: &mut Stmt, bal: Bal) {
    let opening = matches!(bal.code.as_str(), "OPBD" | "PRCD");
    if !opening && bal.code != "CLBD" {
        return;
    }
    let cents = cents(b, &bal.amount, &bal.currency, bal.at);
    let sign = sign(b, &bal.indicator, bal.at);
    let Some(Some(date)) = day(b, &bal.date, "Dt", true, bal.at) else { return };
    let (Some(cents), Some(sign)) = (cents, sign) else { return };
    let balance = Balance { date, cents: sign * cents };
    if opening {
        // OPBD and PRCD say the same; the first one given is kept.
        stmt.opening.get_or_insert(balance);
    } else {
        stmt.closing = Some((balance, bal.at));
    }
}

fn read_entry(b: &mut Builder, entry: Entry) -> Option<Line> {
    if entry.status.as_deref().is_some_and(|s| s != "BOOK") {
        return None;
    }
    let cents = cents(b, &entry.amount, &entry.currency, entry.at);
    let sign = sign(b, &entry.indicator, entry.at);
    let date = day(b, &entry.booked, "BookgDt", true, entry.at);
    let value_date = day(b, &entry.value, "ValDt", false, entry.at);
    let (label, reference) = label_and_reference(&entry, sign == Some(1));
    Some(Line {
        at: entry.at,
        date: date??,
        value_date: value_date?,
        cents: sign? * cents?,
        label,
        reference,
        bank_id: entry.bank_id,
        occurrence: 0,
    })
}

fn label_and_reference(entry: &Entry, credit: bool) -> (String, Option<String>) {
    let entry_info = entry.info.clone().unwrap_or_default();
    match entry.txs.as_slice() {
        [tx] => {
            let label =
                Some(tx_label(tx, credit)).filter(|l| !l.is_empty()).or_else(|| tx.info.clone()).unwrap_or(entry_info);
            (label, tx.end_to_end.clone().or_else(|| tx.creditor_reference.clone()))
        }
        txs if entry_info.is_empty() => {
            let labels: Vec<String> = txs.iter().map(|tx| tx_label(tx, credit)).filter(|l| !l.is_empty()).collect();
            (labels.join(" / "), None)
        }
        _ => (entry_info, None),
    }
}

/// The other party's name then the remittance text, without saying the
/// name twice.
fn tx_label(tx: &Tx, credit: bool) -> String {
    let party = if credit { &tx.debtor } else { &tx.creditor };
    let remittance = tx.unstructured.join(" ");
    let mut parts = Vec::new();
    if let Some(party) = party
        && !remittance.to_lowercase().contains(&party.to_lowercase())
    {
        parts.push(party.clone());
    }
    if !remittance.is_empty() {
        parts.push(remittance);
    }
    collapse_spaces(&parts.join(" "))
}
