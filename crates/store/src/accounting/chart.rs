//! The association's chart of accounts: the plan comptable associatif built
//! into the binary, with what the association added (sub-accounts) or
//! changed (hidden accounts, a bank account's IBAN) kept in `accounts`.

use crate::{Db, Result};
use domain::accounting::chart::{self, Kind};
use domain::{AssociationId, Grant, KeepBooks};

/// An account as the association sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub code: String,
    pub label: String,
    pub kind: Kind,
    /// Shown first in the simple mode.
    pub favourite: bool,
    /// Plain-French help, "" when none.
    pub help: &'static str,
    pub hidden: bool,
    /// Added by the association (not in the regulation's chart).
    pub own: bool,
    pub iban: String,
}

#[derive(sqlx::FromRow)]
struct Stored {
    code: String,
    label: String,
    hidden: bool,
    iban: String,
}

/// Every account, by code: the chart merged with the association's own.
pub async fn accounts(db: &Db, a: AssociationId) -> Result<Vec<Account>> {
    let stored: Vec<Stored> = on_db!(db, |p| sqlx::query_as(
        "SELECT code, label, hidden, iban FROM accounts WHERE association_id = $1 ORDER BY code"
    )
    .bind(a.0)
    .fetch_all(p)
    .await)?;
    let mut all: Vec<Account> = chart::PCA_2025
        .iter()
        .map(|c| Account {
            code: c.code.to_string(),
            label: c.label.to_string(),
            kind: c.kind(),
            favourite: c.favourite,
            help: c.help,
            hidden: false,
            own: false,
            iban: String::new(),
        })
        .collect();
    for s in stored {
        match all.binary_search_by(|acc| acc.code.as_str().cmp(&s.code)) {
            Ok(i) => {
                let acc = &mut all[i];
                acc.hidden = s.hidden;
                acc.iban = s.iban;
                if !s.label.is_empty() {
                    acc.label = s.label;
                }
            }
            Err(i) => all.insert(
                i,
                Account {
                    kind: chart::kind(&s.code),
                    favourite: true,
                    help: "",
                    hidden: s.hidden,
                    own: true,
                    iban: s.iban,
                    label: s.label,
                    code: s.code,
                },
            ),
        }
    }
    Ok(all)
}

/// An account's label as the association named it; for a code outside the
/// chart, its nearest parent's; "" when there is none.
pub fn label_of(accounts: &[Account], code: &str) -> String {
    match accounts.binary_search_by(|acc| acc.code.as_str().cmp(code)) {
        Ok(i) => accounts[i].label.clone(),
        Err(_) => chart::parent(code).map_or(String::new(), |p| p.label.to_string()),
    }
}

/// Adds a sub-account; `Error::Conflict` if the code exists in the association's additions.
pub async fn add(db: &Db, g: &Grant<KeepBooks>, code: &str, label: &str) -> Result<()> {
    exec!(db, |p| sqlx::query("INSERT INTO accounts (association_id, code, label) VALUES ($1, $2, $3)")
        .bind(g.association_id().0)
        .bind(code)
        .bind(label)
        .execute(p)
        .await)?;
    Ok(())
}

/// Changes an account's label ("" keeps the chart's), visibility and IBAN.
pub async fn update(
    db: &Db,
    g: &Grant<KeepBooks>,
    code: &str,
    (label, hidden, iban): (&str, bool, &str),
) -> Result<()> {
    exec!(db, |p| sqlx::query(
        "INSERT INTO accounts (association_id, code, label, hidden, iban) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (association_id, code) DO UPDATE SET label = excluded.label, hidden = excluded.hidden, \
         iban = excluded.iban"
    )
    .bind(g.association_id().0)
    .bind(code)
    .bind(label)
    .bind(hidden)
    .bind(iban)
    .execute(p)
    .await)?;
    Ok(())
}
