//! Property tests of the annual statements: every account of the compte de
//! résultat on exactly one line and its excédent ou déficit that of the
//! books; a bilan that balances whenever the books do, each account on one
//! line of the side its balance says; the year before's column; and the
//! compte rendu financier's lines and budget.

use std::collections::BTreeMap;

use domain::accounting::chart::{self, PCA_2025, Position};
use domain::accounting::statements::{self, Kind, Level, Statement};
use domain::accounting::years::{self, Totals};
use proptest::prelude::*;

/// A code of the chart, or a sub-account the association made under it.
fn chart_code(keep: fn(&str) -> bool) -> impl Strategy<Value = String> {
    let codes: Vec<&'static str> = PCA_2025.iter().map(|a| a.code).filter(|c| keep(c)).collect();
    // The chart's codes have at most 6 digits: 3 more stay within MAX_CODE_LEN.
    (prop::sample::select(codes), "[0-9]{0,3}").prop_map(|(code, extra)| format!("{code}{extra}"))
}

/// Any valid code: mostly the chart's and their sub-accounts, sometimes
/// digits the chart does not know (`753`, `8899`).
fn any_code() -> impl Strategy<Value = String> {
    prop_oneof![3 => chart_code(|_| true), 1 => "[1-8][0-9]{1,9}"]
}

fn totals_of(map: BTreeMap<String, (i64, i64)>) -> Vec<Totals> {
    map.into_iter().map(|(account, (debit, credit))| Totals { account, debit, credit }).collect()
}

/// Up to 40 accounts with any totals: not balanced.
fn any_totals() -> impl Strategy<Value = Vec<Totals>> {
    prop::collection::btree_map(any_code(), (0i64..10_000_000, 0i64..10_000_000), 0..40).prop_map(totals_of)
}

/// The totals of balanced entries: amounts moved between accounts of
/// classes 1 to 7 (the chart's, their sub-accounts, or codes the chart does
/// not know), and contributions in kind (an `86` against an `87`), as the
/// books hold them when a year can be closed.
fn balanced_totals() -> impl Strategy<Value = Vec<Totals>> {
    let code = || prop_oneof![3 => chart_code(|c| !c.starts_with('8')), 1 => "[1-7][0-9]{1,9}"];
    let entry = (code(), code(), 1i64..5_000_000);
    let in_kind = (chart_code(|c| c.starts_with("86")), chart_code(|c| c.starts_with("87")), 1i64..5_000_000);
    (prop::collection::vec(entry, 0..60), prop::collection::vec(in_kind, 0..4)).prop_map(|(entries, in_kind)| {
        let mut map: BTreeMap<String, (i64, i64)> = BTreeMap::new();
        for (debit, credit, amount) in entries.into_iter().chain(in_kind) {
            map.entry(debit).or_default().0 += amount;
            map.entry(credit).or_default().1 += amount;
        }
        totals_of(map)
    })
}

/// For each line of a statement, the accounts behind it.
fn lines(kind: Kind, s: &Statement, totals: &[Totals]) -> Vec<(String, Vec<String>)> {
    s.rows
        .iter()
        .filter(|r| r.level == Level::Line)
        .map(|r| {
            (r.key.clone(), statements::accounts(kind, &r.key, totals).into_iter().map(|t| t.account.clone()).collect())
        })
        .collect()
}

/// The keys of the lines holding `account`.
fn lines_holding<'a>(lines: &'a [(String, Vec<String>)], account: &str) -> Vec<&'a str> {
    lines.iter().filter(|(_, accounts)| accounts.iter().any(|a| a == account)).map(|(key, _)| key.as_str()).collect()
}

fn current(s: &Statement, key: &str) -> i64 {
    s.row(key).map(|r| r.current).unwrap_or_else(|| panic!("no row {key}"))
}

/// In the compte de résultat: classes 6 and 7, and the contributions in kind.
fn in_compte_de_resultat(code: &str) -> bool {
    code.starts_with(['6', '7']) || code.starts_with("86") || code.starts_with("87")
}

fn net_of(totals: &[Totals], keep: impl Fn(&str) -> bool) -> i64 {
    totals.iter().filter(|t| keep(&t.account)).map(Totals::net).sum()
}

proptest! {
    /// Every account of classes 6 and 7 with a balance, and every `86` and
    /// `87`, is on exactly one line, no other account is on any, and the
    /// excédent ou déficit is the books' result.
    #[test]
    fn compte_de_resultat_holds_every_account_once(totals in any_totals()) {
        let kind = Kind::CompteDeResultat;
        let s = statements::compte_de_resultat(&totals, None);
        let lines = lines(kind, &s, &totals);
        for t in totals.iter().filter(|t| t.net() != 0) {
            let holding = lines_holding(&lines, &t.account);
            let expected = usize::from(in_compte_de_resultat(&t.account));
            prop_assert_eq!(holding.len(), expected, "{} on {:?}", t.account, holding);
        }
        prop_assert_eq!(current(&s, "result"), years::result(&totals));
        prop_assert_eq!(current(&s, "total_income") - current(&s, "total_expenses"), years::result(&totals));
        prop_assert_eq!(current(&s, "in_kind_resources_total"), -net_of(&totals, |c| c.starts_with("87")));
        prop_assert_eq!(current(&s, "in_kind_uses_total"), net_of(&totals, |c| c.starts_with("86")));
    }

    /// The bilan balances whenever the books do; every account of the
    /// bilan with a balance is on exactly one line, of the side its position
    /// (or for either-side accounts, its own balance) says; the result of
    /// classes 6 and 7 is in the excédent ou déficit, with `12`.
    #[test]
    fn bilan_balances(totals in balanced_totals()) {
        let kind = Kind::Bilan;
        let s = statements::bilan(&totals, None);
        prop_assert_eq!(current(&s, "actif_total"), current(&s, "passif_total"));
        let actif = s.row("actif_total").unwrap();
        prop_assert_eq!(actif.gross.unwrap() - actif.depreciation.unwrap(), actif.current);
        let passif_at = s.rows.iter().position(|r| r.key == "passif").unwrap();
        let actif_keys: Vec<&str> = s.rows[..passif_at].iter().map(|r| r.key.as_str()).collect();
        let lines = lines(kind, &s, &totals);
        for t in totals.iter().filter(|t| t.net() != 0) {
            let holding = lines_holding(&lines, &t.account);
            let on_actif = match chart::position(&t.account) {
                _ if t.account.starts_with(['6', '7']) => Some(false),
                Some(Position::Asset) => Some(true),
                Some(Position::Liability) => Some(false),
                Some(Position::AssetOrLiability) => Some(t.net() > 0),
                _ => None,
            };
            match on_actif {
                Some(side) => {
                    prop_assert_eq!(holding.len(), 1, "{} on {:?}", t.account, holding);
                    prop_assert_eq!(actif_keys.contains(&holding[0]), side, "{} on {}", t.account, holding[0]);
                }
                None => prop_assert!(holding.is_empty(), "{} on {:?}", t.account, holding),
            }
        }
        let twelve = -net_of(&totals, |c| c.starts_with("12"));
        prop_assert_eq!(current(&s, "result"), years::result(&totals) + twelve);
    }

    /// The year before's column is the year before's statement.
    #[test]
    fn previous_column_is_the_previous_statement(this in any_totals(), before in any_totals()) {
        type Build = fn(&[Totals], Option<&[Totals]>) -> Statement;
        for build in [statements::compte_de_resultat as Build, statements::bilan] {
            let both = build(&this, Some(&before));
            let alone = build(&this, None);
            let earlier = build(&before, None);
            prop_assert_eq!(both.rows.len(), earlier.rows.len());
            for ((row, alone), earlier) in both.rows.iter().zip(&alone.rows).zip(&earlier.rows) {
                prop_assert_eq!(&row.key, &earlier.key);
                prop_assert_eq!(row.previous, Some(earlier.current), "{}", row.key);
                prop_assert_eq!(&statements::Row { previous: None, ..row.clone() }, alone);
            }
        }
    }

    /// In the compte rendu financier, every account of classes 6 and 7 and
    /// every `86` and `87` is on exactly one line; the project's result is the
    /// books' result of its lines; the budget goes to the same lines, and the
    /// lines per funder add up to the `74`.
    #[test]
    fn compte_rendu_financier_holds_every_account_once(
        actual in any_totals(),
        budget in prop::collection::vec((any_code(), 0i64..1_000_000), 0..20),
    ) {
        let kind = Kind::CompteRenduFinancier;
        let s = statements::compte_rendu_financier(&actual, &budget);
        let lines = lines(kind, &s, &actual);
        for t in actual.iter().filter(|t| t.net() != 0) {
            let holding = lines_holding(&lines, &t.account);
            prop_assert_eq!(holding.len(), usize::from(in_compte_de_resultat(&t.account)), "{} on {:?}", t.account, holding);
        }
        prop_assert_eq!(current(&s, "result"), years::result(&actual));
        let planned = |class: char| budget.iter().filter(|(c, _)| c.starts_with(class)).map(|(_, b)| b).sum::<i64>();
        let budget_of = |key: &str| s.row(key).and_then(|r| r.budget);
        prop_assert_eq!(budget_of("expenses_total"), Some(planned('6')));
        prop_assert_eq!(budget_of("income_total"), Some(planned('7')));
        prop_assert_eq!(budget_of("result"), Some(planned('7') - planned('6')));
        let funders: Vec<_> = s.rows.iter().filter(|r| r.account.is_some()).collect();
        prop_assert!(funders.iter().all(|r| r.key.starts_with("74") && r.key.len() > 2 && r.level == Level::Detail));
        prop_assert!(funders.windows(2).all(|w| w[0].key < w[1].key), "sorted, once each");
        let on_74: i64 = -net_of(&actual, |c| c == "74");
        let planned_74: i64 = budget.iter().filter(|(c, _)| c == "74").map(|(_, b)| b).sum();
        prop_assert_eq!(current(&s, "subsidies"), funders.iter().map(|r| r.current).sum::<i64>() + on_74);
        prop_assert_eq!(budget_of("subsidies"), Some(funders.iter().filter_map(|r| r.budget).sum::<i64>() + planned_74));
    }
}
