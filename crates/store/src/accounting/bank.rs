//! Bank statements in the books: a statement imported into a bank account
//! (each line kept once, whatever file brings it again), its lines
//! reconciled with the entries they are, entries made from lines (with a
//! counterpart account, or by a rule), and the reconciled balance.

use std::collections::{HashMap, HashSet};

use super::Refused;
use crate::{Db, Result};
use domain::accounting::bank::{self as reconcile, Closeness};
use domain::accounting::chart;
use domain::accounting::entry;
use domain::{AssociationId, Date, Grant, KeepBooks, UserId};

/// Suggestions kept for one line, best first.
pub const SUGGESTIONS: usize = 3;

/// The code a format is stored as.
pub fn format_code(format: bank::Format) -> &'static str {
    match format {
        bank::Format::Csv => "csv",
        bank::Format::Ofx => "ofx",
        bank::Format::Qif => "qif",
        bank::Format::Camt053 => "camt053",
        bank::Format::Cfonb120 => "cfonb120",
    }
}

/// Lines bound per statement when fingerprints are looked up or lines
/// written: a statement is handled a slice at a time, so the keys of a large
/// one are never all held.
const CHUNK: usize = 200;

/// Which of `keys` the account already holds.
async fn known_keys(db: &Db, a: AssociationId, account: &str, keys: &[String]) -> Result<HashSet<String>> {
    let sql = format!(
        "SELECT fingerprint FROM statement_lines WHERE association_id = $1 AND account = $2 \
         AND fingerprint IN ({})",
        crate::db::placeholders(3, keys.len())
    );
    let found: Vec<String> = on_db!(db, |p| {
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(account);
        for k in keys {
            q = q.bind(k);
        }
        q.fetch_all(p).await
    })?;
    Ok(found.into_iter().collect())
}

/// What importing a statement would do, or did: lines new to the account,
/// and lines it holds already (from an earlier file, or twice in this one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub duplicates: usize,
}

/// How many of a statement's lines are new to `account`, without writing:
/// for a check page or a dry run.
pub async fn count_new(db: &Db, a: AssociationId, account: &str, statement: &bank::Statement) -> Result<Counts> {
    // Within one file, only a bank's own ids can repeat: lines without one
    // are numbered apart by `bank::read` (their `occurrence`).
    let mut ids_seen: HashSet<&str> = HashSet::new();
    let mut added = 0;
    for chunk in statement.lines.chunks(CHUNK) {
        let keys: Vec<String> = chunk.iter().map(bank::fingerprint).collect();
        let known = known_keys(db, a, account, &keys).await?;
        added += chunk
            .iter()
            .zip(&keys)
            .filter(|(line, key)| !known.contains(*key) && line.bank_id.as_deref().is_none_or(|id| ids_seen.insert(id)))
            .count();
    }
    Ok(Counts { added, duplicates: statement.lines.len() - added })
}

/// Imports a statement into the bank account `account` in one transaction:
/// the file is recorded (name, format, balances, `by` as who imported it:
/// none from the command line), its lines already known by fingerprint are
/// skipped and counted, the others written. Returns the import's id and
/// the counts.
pub async fn import(
    db: &Db,
    g: &Grant<KeepBooks>,
    (account, file_name): (&str, &str),
    statement: &bank::Statement,
    by: Option<UserId>,
    now: i64,
) -> Result<(i64, Counts)> {
    let total = statement.lines.len();
    let (a, user) = (g.association_id().0, by.map(|u| u.0));
    let balance = |b: Option<bank::Balance>| (b.map(|b| b.cents), b.map(|b| b.date.to_string()));
    let ((opening_cents, opening_on), (closing_cents, closing_on)) =
        (balance(statement.opening), balance(statement.closing));
    let (id, counts) = on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "statement_imports", 1);
        sqlx::query(
            "INSERT INTO statement_imports (association_id, id, account, file_name, format, imported_at, imported_by, \
             opening_cents, opening_on, closing_cents, closing_on, line_count) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(a)
        .bind(id)
        .bind(account)
        .bind(file_name)
        .bind(format_code(statement.format))
        .bind(now)
        .bind(user)
        .bind(opening_cents)
        .bind(&opening_on)
        .bind(closing_cents)
        .bind(&closing_on)
        .bind(total as i64)
        .execute(&mut *tx)
        .await?;
        // Every line gets an id, and the unique fingerprint skips those the
        // account holds already (or that came twice in this file), leaving
        // gaps in the numbering: no lookup is made inside the transaction,
        // where the planner knows nothing yet of the rows it has written.
        let mut next = next_ids!(&mut *tx, a, "statement_lines", total as i64);
        let mut added = 0;
        // $1 the association, $2 the import, $3 the account; then 8 values a line.
        for chunk in statement.lines.chunks(CHUNK) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("($1, ${}, $2, $3, {})", 4 + i * 8, crate::db::placeholders(5 + i * 8, 7)))
                .collect();
            let sql = format!(
                "INSERT INTO statement_lines (association_id, id, import_id, account, on_date, value_date, cents, label, \
                 reference, bank_id, fingerprint) VALUES {} \
                 ON CONFLICT (association_id, account, fingerprint) DO NOTHING",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(a).bind(id).bind(account);
            for l in chunk {
                q = q
                    .bind(next)
                    .bind(l.date.to_string())
                    .bind(l.value_date.map(|d| d.to_string()))
                    .bind(l.cents)
                    .bind(&l.label)
                    .bind(l.reference.clone().unwrap_or_default())
                    .bind(&l.bank_id)
                    .bind(bank::fingerprint(l));
                next += 1;
            }
            added += q.execute(&mut *tx).await?.rows_affected() as usize;
        }
        tx.commit().await?;
        Ok::<_, crate::Error>((id, Counts { added, duplicates: total - added }))
    })?;
    // As after a members import: the planner learns the new rows now, so the
    // next file's fingerprint lookups use the index.
    if let (Db::Postgres(p), true) = (db, counts.added >= 1000) {
        sqlx::query("ANALYZE statement_lines").execute(p).await?;
    }
    Ok((id, counts))
}

/// A statement file as recorded.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ImportRow {
    pub id: i64,
    pub account: String,
    pub file_name: String,
    pub format: String,
    pub imported_at: i64,
    pub opening_cents: Option<i64>,
    pub opening_on: Option<String>,
    pub closing_cents: Option<i64>,
    pub closing_on: Option<String>,
    pub line_count: i64,
}

/// The statements imported into an account, latest first.
pub async fn imports(db: &Db, a: AssociationId, account: &str, limit: i64) -> Result<Vec<ImportRow>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, account, file_name, format, imported_at, opening_cents, opening_on, closing_cents, closing_on, \
         line_count FROM statement_imports WHERE association_id = $1 AND account = $2 ORDER BY id DESC LIMIT $3"
    )
    .bind(a.0)
    .bind(account)
    .bind(limit)
    .fetch_all(p)
    .await)?)
}

/// A statement line as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LineRow {
    pub id: i64,
    pub import_id: i64,
    pub account: String,
    pub on_date: String,
    pub value_date: Option<String>,
    /// Money in positive, money out negative.
    pub cents: i64,
    pub label: String,
    pub reference: String,
    pub bank_id: Option<String>,
    /// The entry it is reconciled with.
    pub entry_id: Option<i64>,
}

impl LineRow {
    /// The booking date.
    pub fn date(&self) -> Date {
        Date::parse_iso(&self.on_date).unwrap_or(Date::MIN)
    }
}

const LINE: &str = "id, import_id, account, on_date, value_date, cents, label, reference, bank_id, entry_id";

/// A page of an account's lines: those still to reconcile first, each part
/// in date order. The order is that of the `statement_lines_to_reconcile`
/// index (migration 0017), written the same way here so both databases
/// walk it: the page's ids are counted off the index, then only its rows
/// are read.
pub async fn lines(db: &Db, a: AssociationId, account: &str, offset: i64, limit: i64) -> Result<Vec<LineRow>> {
    let sql = format!(
        "WITH page AS (SELECT id FROM statement_lines WHERE association_id = $1 AND account = $2 \
         ORDER BY (entry_id IS NOT NULL), on_date, id LIMIT $3 OFFSET $4) \
         SELECT {LINE} FROM page JOIN statement_lines l USING (id) WHERE l.association_id = $1 \
         ORDER BY (l.entry_id IS NOT NULL), l.on_date, l.id"
    );
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(a.0)
        .bind(account)
        .bind(limit)
        .bind(offset)
        .fetch_all(p)
        .await)?)
}

/// One line.
pub async fn line(db: &Db, a: AssociationId, id: i64) -> Result<Option<LineRow>> {
    let sql = format!("SELECT {LINE} FROM statement_lines WHERE association_id = $1 AND id = $2");
    Ok(on_db!(db, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(a.0).bind(id).fetch_optional(p).await)?)
}

/// For each account with statement lines: (account, lines, lines still to reconcile).
pub async fn accounts_with_lines(db: &Db, a: AssociationId) -> Result<Vec<(String, i64, i64)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT account, COUNT(*), CAST(COALESCE(SUM(CASE WHEN entry_id IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM statement_lines WHERE association_id = $1 GROUP BY account ORDER BY account"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// An entry that may be a statement line's.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub entry_id: i64,
    pub on_date: String,
    pub label: String,
    pub closeness: Closeness,
}

#[derive(sqlx::FromRow)]
struct Candidate {
    entry_id: i64,
    on_date: String,
    label: String,
    net: i64,
}

/// Amounts one suggestions statement looks for (see `crate::db::placeholders`):
/// a page of an account holds 25 lines.
const AMOUNTS_AT_ONCE: usize = 32;

/// For each line not reconciled yet among `lines`: the entries that may be
/// it, best first (at most [`SUGGESTIONS`]). A candidate has a line on the
/// same account moving the same amount (the bank account debited for money
/// in), is dated within [`reconcile::SUGGEST_DAYS`] days, and is not
/// reconciled with another line of that account. Ranked by the words its
/// label shares with the line's, then by the date. One query per account
/// (and per 32 amounts).
pub async fn suggestions(db: &Db, a: AssociationId, lines: &[LineRow]) -> Result<HashMap<i64, Vec<Suggestion>>> {
    let mut by_account: HashMap<&str, Vec<&LineRow>> = HashMap::new();
    for l in lines.iter().filter(|l| l.entry_id.is_none()) {
        by_account.entry(l.account.as_str()).or_default().push(l);
    }
    let candidates_sql = format!(
        "SELECT l.entry_id, l.on_date, CASE WHEN l.label = '' THEN e.label ELSE l.label END AS label, \
         l.debit_cents - l.credit_cents AS net FROM entry_lines l \
         JOIN entries e ON e.association_id = l.association_id AND e.id = l.entry_id \
         WHERE l.association_id = $1 AND l.account = $2 AND l.on_date >= $3 AND l.on_date <= $4 \
         AND l.year_id IN (SELECT id FROM fiscal_years y WHERE y.association_id = $1 AND y.starts_on <= $4 \
         AND y.ends_on >= $3) \
         AND l.debit_cents - l.credit_cents IN ({}) \
         AND NOT EXISTS (SELECT 1 FROM statement_lines s WHERE s.association_id = l.association_id \
         AND s.account = l.account AND s.entry_id = l.entry_id) ORDER BY l.on_date, l.entry_id, l.position",
        crate::db::placeholders(5, AMOUNTS_AT_ONCE)
    );
    let mut found = HashMap::new();
    for (account, lines) in by_account {
        let first = lines.iter().map(|l| l.date()).min().unwrap_or(Date::MIN).add_days(-reconcile::SUGGEST_DAYS);
        let last = lines.iter().map(|l| l.date()).max().unwrap_or(Date::MIN).add_days(reconcile::SUGGEST_DAYS);
        let mut amounts: Vec<i64> = lines.iter().map(|l| l.cents).collect();
        amounts.sort_unstable();
        amounts.dedup();
        let mut candidates: Vec<Candidate> = Vec::new();
        for chunk in amounts.chunks(AMOUNTS_AT_ONCE) {
            let rows: Vec<Candidate> = on_db!(db, |p| {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(candidates_sql.clone()))
                    .bind(a.0)
                    .bind(account)
                    .bind(first.to_string())
                    .bind(last.to_string());
                for cents in crate::db::padded(chunk, AMOUNTS_AT_ONCE) {
                    q = q.bind(cents);
                }
                q.fetch_all(p).await
            })?;
            candidates.extend(rows);
        }
        for line in lines {
            let mut mine: Vec<Suggestion> = candidates
                .iter()
                .filter(|c| c.net == line.cents)
                .filter_map(|c| {
                    let day = Date::parse_iso(&c.on_date)?;
                    let closeness = reconcile::closeness((line.date(), &line.label), (day, &c.label))?;
                    Some(Suggestion {
                        entry_id: c.entry_id,
                        on_date: c.on_date.clone(),
                        label: c.label.clone(),
                        closeness,
                    })
                })
                .collect();
            mine.sort_by_key(|s| (s.closeness, s.entry_id));
            mine.dedup_by_key(|s| s.entry_id);
            mine.truncate(SUGGESTIONS);
            if !mine.is_empty() {
                found.insert(line.id, mine);
            }
        }
    }
    Ok(found)
}

/// Why a statement line cannot be reconciled, or an entry made from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankRefused {
    /// No such line (or entry) in the association.
    NotFound,
    /// The line is reconciled already: un-reconcile it first.
    Reconciled,
    /// The line is not reconciled.
    NotReconciled,
    /// The entry has no line on the bank account moving the line's amount.
    NoMatch,
    /// The entry is reconciled with another line of the account.
    EntryTaken,
    /// The counterpart is no account entries may be written to, or is the
    /// bank account itself.
    BadAccount,
    /// No rule matches the line's label.
    NoRule,
    /// The books refuse the entry (no open year on the line's date, no label…).
    Books(Refused),
}

/// Locks a line inside `$tx` and reads what reconciling needs:
/// `Option<(account, on_date, cents, label, reference, entry_id)>`.
macro_rules! lock_line {
    ($tx:expr, $a:expr, $id:expr) => {{
        let row: Option<(String, String, i64, String, String, Option<i64>)> = sqlx::query_as(
            "UPDATE statement_lines SET entry_id = entry_id WHERE association_id = $1 AND id = $2 \
             RETURNING account, on_date, cents, label, reference, entry_id",
        )
        .bind($a)
        .bind($id)
        .fetch_optional(&mut *$tx)
        .await?;
        row
    }};
}

/// Reconciles a line with an entry already in the books: the entry must
/// have a line on the bank account moving the same amount (debited by money
/// in), and not be reconciled with another line of that account. The entry
/// may be in a closed year: reconciling does not change it.
pub async fn reconcile(
    db: &Db,
    g: &Grant<KeepBooks>,
    line: i64,
    entry: i64,
) -> Result<std::result::Result<(), BankRefused>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let Some((account, _, cents, _, _, reconciled)) = lock_line!(tx, a, line) else {
            return Ok(Err(BankRefused::NotFound));
        };
        if reconciled.is_some() {
            return Ok(Err(BankRefused::Reconciled));
        }
        let matching: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM entry_lines WHERE association_id = $1 AND entry_id = $2 AND account = $3 \
             AND debit_cents - credit_cents = $4",
        )
        .bind(a)
        .bind(entry)
        .bind(&account)
        .bind(cents)
        .fetch_one(&mut *tx)
        .await?;
        if matching == 0 {
            return Ok(Err(BankRefused::NoMatch));
        }
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM statement_lines WHERE association_id = $1 AND account = $2 AND entry_id = $3",
        )
        .bind(a)
        .bind(&account)
        .bind(entry)
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Ok(Err(BankRefused::EntryTaken));
        }
        let set = sqlx::query("UPDATE statement_lines SET entry_id = $3 WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(line)
            .bind(entry)
            .execute(&mut *tx)
            .await;
        match set.map_err(crate::Error::from) {
            // Another reconciliation took the entry meanwhile.
            Err(crate::Error::Conflict) => return Ok(Err(BankRefused::EntryTaken)),
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// Un-reconciles a line; the entry stays in the books. Returns the entry
/// it was reconciled with.
pub async fn unreconcile(db: &Db, g: &Grant<KeepBooks>, line: i64) -> Result<std::result::Result<i64, BankRefused>> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let Some((_, _, _, _, _, entry)) = lock_line!(tx, a, line) else { return Ok(Err(BankRefused::NotFound)) };
        let Some(entry) = entry else { return Ok(Err(BankRefused::NotReconciled)) };
        sqlx::query("UPDATE statement_lines SET entry_id = NULL WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(line)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Ok(entry))
    })
}

/// Writes the entry a line makes with `counterpart` (`label` empty: the
/// line's), dated on the line's booking date, in the open year covering it
/// and with origin `bank`, and reconciles the line with it, in one
/// transaction. Returns the entry's id.
pub async fn create_entry(
    db: &Db,
    g: &Grant<KeepBooks>,
    line: i64,
    (counterpart, label): (&str, &str),
    now: i64,
) -> Result<std::result::Result<i64, BankRefused>> {
    let a = g.association_id().0;
    let user = Some(g.user_id().0);
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let Some((account, on_date, cents, line_label, reference, reconciled)) = lock_line!(tx, a, line) else {
            return Ok(Err(BankRefused::NotFound));
        };
        if reconciled.is_some() {
            return Ok(Err(BankRefused::Reconciled));
        }
        if !chart::is_postable(counterpart) || counterpart == account {
            return Ok(Err(BankRefused::BadAccount));
        }
        let label = match label.trim() {
            "" => line_label,
            typed => typed.to_string(),
        };
        let date = Date::parse_iso(&on_date).unwrap_or(Date::MIN);
        let draft = reconcile::entry_for_line((&account, counterpart), date, cents, (label, reference));
        if let Err(problems) = draft.check() {
            return Ok(Err(BankRefused::Books(Refused::Invalid(problems))));
        }
        let posted = insert_entry!(&mut tx, a, &draft, (entry::journal(&draft.lines), "bank", None, user), now);
        let id = match posted {
            Ok(id) => id,
            Err(r) => return Ok(Err(BankRefused::Books(r))),
        };
        sqlx::query("UPDATE statement_lines SET entry_id = $3 WHERE association_id = $1 AND id = $2")
            .bind(a)
            .bind(line)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Ok(id))
    })
}

/// A rule: a label containing `contains` makes an entry on `account`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Rule {
    pub id: i64,
    /// Compared without case, accents or punctuation.
    pub contains: String,
    /// The counterpart account.
    pub account: String,
    /// The entry's label; empty: the line's.
    pub label: String,
    pub position: i64,
}

impl Rule {
    /// Whether the rule applies to a line with this label.
    pub fn matches(&self, label: &str) -> bool {
        reconcile::rule_matches(&self.contains, label)
    }
}

/// The first rule (in their order) that matches a label.
pub fn rule_for<'r>(rules: &'r [Rule], label: &str) -> Option<&'r Rule> {
    rules.iter().find(|r| r.matches(label))
}

/// The association's rules, in the order they are tried.
pub async fn rules(db: &Db, a: AssociationId) -> Result<Vec<Rule>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT id, contains, account, label, position FROM bank_rules WHERE association_id = $1 ORDER BY position, id"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?)
}

/// Adds a rule, tried after the others; its id.
pub async fn add_rule(db: &Db, g: &Grant<KeepBooks>, (contains, account, label): (&str, &str, &str)) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "bank_rules", 1);
        sqlx::query(
            "INSERT INTO bank_rules (association_id, id, contains, account, label, position) \
             SELECT $1, $2, $3, $4, $5, COALESCE(MAX(position), 0) + 1 FROM bank_rules WHERE association_id = $1",
        )
        .bind(a)
        .bind(id)
        .bind(contains)
        .bind(account)
        .bind(label)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Removes a rule; whether there was one.
pub async fn delete_rule(db: &Db, g: &Grant<KeepBooks>, id: i64) -> Result<bool> {
    let gone = exec!(db, |p| sqlx::query("DELETE FROM bank_rules WHERE association_id = $1 AND id = $2")
        .bind(g.association_id().0)
        .bind(id)
        .execute(p)
        .await)?;
    Ok(gone > 0)
}

/// Makes the entry the first matching rule says for a line, and reconciles
/// the line with it. Returns the entry and the rule.
pub async fn apply_rule(
    db: &Db,
    g: &Grant<KeepBooks>,
    line: i64,
    now: i64,
) -> Result<std::result::Result<(i64, Rule), BankRefused>> {
    let a = g.association_id();
    let Some(row) = self::line(db, a, line).await? else { return Ok(Err(BankRefused::NotFound)) };
    let rules = rules(db, a).await?;
    let Some(rule) = rule_for(&rules, &row.label) else { return Ok(Err(BankRefused::NoRule)) };
    Ok(create_entry(db, g, line, (&rule.account, &rule.label), now).await?.map(|entry| (entry, rule.clone())))
}

/// An account's statement balance against what is reconciled: the earliest
/// opening balance the statements give, plus the reconciled lines from its
/// date to the latest closing balance's date, should be that closing
/// balance; the lines still to reconcile make the difference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// (day, cents) of the earliest opening balance of the account's statements.
    pub opening: Option<(String, i64)>,
    /// (day, cents) of the latest closing balance.
    pub closing: Option<(String, i64)>,
    /// The reconciled lines between, summed.
    pub reconciled: i64,
    /// The lines between still to reconcile: their sum and how many.
    pub unreconciled: i64,
    pub unreconciled_lines: i64,
}

impl Reconciliation {
    /// The opening balance plus the reconciled lines, when an opening balance is known.
    pub fn balance(&self) -> Option<i64> {
        self.opening.as_ref().map(|(_, cents)| cents + self.reconciled)
    }

    /// The closing balance minus the reconciled balance (0 when everything is
    /// reconciled), when both balances are known.
    pub fn difference(&self) -> Option<i64> {
        Some(self.closing.as_ref()?.1 - self.balance()?)
    }
}

/// The reconciliation of a bank account (see [`Reconciliation`]).
pub async fn reconciliation(db: &Db, a: AssociationId, account: &str) -> Result<Reconciliation> {
    let opening: Option<(String, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT opening_on, opening_cents FROM statement_imports WHERE association_id = $1 AND account = $2 \
         AND opening_cents IS NOT NULL AND opening_on IS NOT NULL ORDER BY opening_on, id LIMIT 1"
    )
    .bind(a.0)
    .bind(account)
    .fetch_optional(p)
    .await)?;
    let closing: Option<(String, i64)> = on_db!(db, |p| sqlx::query_as(
        "SELECT closing_on, closing_cents FROM statement_imports WHERE association_id = $1 AND account = $2 \
         AND closing_cents IS NOT NULL AND closing_on IS NOT NULL ORDER BY closing_on DESC, id DESC LIMIT 1"
    )
    .bind(a.0)
    .bind(account)
    .fetch_optional(p)
    .await)?;
    let from = opening.as_ref().map_or_else(|| Date::MIN.to_string(), |(day, _)| day.clone());
    let to = closing.as_ref().map_or_else(|| Date::MAX.to_string(), |(day, _)| day.clone());
    let (reconciled, unreconciled, unreconciled_lines): (i64, i64, i64) = on_db!(db, |p| sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN entry_id IS NULL THEN 0 ELSE cents END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN entry_id IS NULL THEN cents ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN entry_id IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM statement_lines WHERE association_id = $1 AND account = $2 AND on_date >= $3 AND on_date <= $4"
    )
    .bind(a.0)
    .bind(account)
    .bind(from)
    .bind(to)
    .fetch_one(p)
    .await)?;
    Ok(Reconciliation { opening, closing, reconciled, unreconciled, unreconciled_lines })
}

/// Keeps an uploaded statement for its check page; its id. Uploads share
/// `import_uploads` with the member import, told apart by their kind, and
/// are forgotten once applied or after a day.
pub async fn keep_upload(db: &Db, g: &Grant<KeepBooks>, file_name: &str, bytes: &[u8], now: i64) -> Result<i64> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        let id = next_ids!(&mut *tx, a, "import_uploads", 1);
        sqlx::query(
            "INSERT INTO import_uploads (association_id, id, user_id, file_name, bytes, created_at, kind) \
             VALUES ($1, $2, $3, $4, $5, $6, 'bank')",
        )
        .bind(a)
        .bind(id)
        .bind(g.user_id().0)
        .bind(file_name)
        .bind(bytes)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// An uploaded statement, by the person who uploaded it: its name and bytes.
pub async fn upload(db: &Db, g: &Grant<KeepBooks>, id: i64) -> Result<Option<(String, Vec<u8>)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT file_name, bytes FROM import_uploads WHERE association_id = $1 AND id = $2 AND user_id = $3 \
         AND kind = 'bank'"
    )
    .bind(g.association_id().0)
    .bind(id)
    .bind(g.user_id().0)
    .fetch_optional(p)
    .await)?)
}

/// Forgets an uploaded statement (imported, or abandoned).
pub async fn forget_upload(db: &Db, g: &Grant<KeepBooks>, id: i64) -> Result<()> {
    exec!(db, |p| sqlx::query("DELETE FROM import_uploads WHERE association_id = $1 AND id = $2 AND kind = 'bank'")
        .bind(g.association_id().0)
        .bind(id)
        .execute(p)
        .await)?;
    Ok(())
}

/// The CSV layouts kept for an account's files (`bank::CsvLayout::to_code`),
/// each with the digest of the header row it was used for
/// (`bank::CsvPreview::headers_key`).
pub async fn csv_layouts(db: &Db, a: AssociationId, account: &str) -> Result<Vec<(String, String)>> {
    Ok(on_db!(db, |p| sqlx::query_as(
        "SELECT headers_sha256, layout FROM bank_csv_layouts WHERE association_id = $1 AND account = $2 \
         ORDER BY headers_sha256"
    )
    .bind(a.0)
    .bind(account)
    .fetch_all(p)
    .await)?)
}

/// Layouts kept per account: the latest, as banks change their exports.
const KEPT_LAYOUTS: i64 = 10;

/// Keeps the CSV layout a file of this account with this header row was
/// imported with, replacing the one kept before; only the account's latest
/// [`KEPT_LAYOUTS`] stay.
pub async fn keep_csv_layout(
    db: &Db,
    g: &Grant<KeepBooks>,
    (account, headers_sha256): (&str, &str),
    layout: &str,
    now: i64,
) -> Result<()> {
    let a = g.association_id().0;
    on_db!(db, |p| {
        let mut tx = begin_write!(p)?;
        sqlx::query(
            "INSERT INTO bank_csv_layouts (association_id, account, headers_sha256, layout, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (association_id, account, headers_sha256) \
             DO UPDATE SET layout = excluded.layout, updated_at = excluded.updated_at",
        )
        .bind(a)
        .bind(account)
        .bind(headers_sha256)
        .bind(layout)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM bank_csv_layouts WHERE association_id = $1 AND account = $2 AND headers_sha256 NOT IN \
             (SELECT headers_sha256 FROM bank_csv_layouts WHERE association_id = $1 AND account = $2 \
             ORDER BY updated_at DESC, headers_sha256 LIMIT $3)",
        )
        .bind(a)
        .bind(account)
        .bind(KEPT_LAYOUTS)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    })
}
