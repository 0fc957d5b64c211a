//! Property tests of the books: any sequence of balanced entries keeps the
//! trial balance at zero; closing then opening keeps every balance-sheet
//! balance and carries the result; the hash chain catches any edited,
//! removed or inserted entry.

use std::collections::BTreeMap;

use domain::Date;
use domain::accounting::chain::{self, Break, GENESIS, Sealed, Verifier};
use domain::accounting::entry::{Draft, Line, Simple, SimpleKind};
use domain::accounting::years::{Assignment, Totals, opening_lines, result};
use proptest::prelude::*;

const ACCOUNTS: [&str; 14] =
    ["102", "110", "401", "411", "441", "4681", "512", "5121", "530", "6064", "6132", "756", "7541", "741"];

/// A balanced entry: one to three debits and as many credits, any accounts.
fn entry() -> impl Strategy<Value = Draft> {
    (1usize..4, prop::collection::vec((prop::sample::select(&ACCOUNTS[..]), 1i64..1_000_000), 2..6), 0i64..365)
        .prop_map(|(debits, picks, day)| {
            let debits = debits.min(picks.len() - 1);
            let total: i64 = picks[..debits].iter().map(|(_, c)| c).sum();
            let mut lines: Vec<Line> = picks[..debits].iter().map(|(a, c)| Line::debit(a, *c)).collect();
            // The credits share the debits' total.
            let credits = &picks[debits..];
            let mut left = total;
            for (i, (a, c)) in credits.iter().enumerate() {
                let amount = if i + 1 == credits.len() { left } else { (*c).min(left - 1).max(1) };
                if amount > 0 {
                    lines.push(Line::credit(a, amount));
                    left -= amount;
                }
            }
            Draft {
                date: Date::new(2026, 1, 1).unwrap().add_days(day),
                label: "x".into(),
                reference: String::new(),
                lines,
            }
        })
        .prop_filter("balanced", |d| d.check().is_ok())
}

/// A simple-mode entry of any kind, on accounts that suit it.
fn simple() -> impl Strategy<Value = Simple> {
    (prop::sample::select(&SimpleKind::ALL[..]), 1i64..10_000_000).prop_map(|(kind, amount)| {
        let (category, payment) = match kind {
            SimpleKind::Income => ("756", "512"),
            SimpleKind::Expense => ("6064", "530"),
            SimpleKind::Transfer => ("512", "530"),
            SimpleKind::Debt => ("6132", "401"),
            SimpleKind::Receivable => ("741", "441"),
        };
        Simple {
            kind,
            date: Date::new(2026, 6, 1).unwrap(),
            label: "x".into(),
            reference: String::new(),
            amount,
            category: category.into(),
            payment: payment.into(),
            project: None,
        }
    })
}

fn totals_of(entries: &[Draft]) -> Vec<Totals> {
    let mut map: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for l in entries.iter().flat_map(|e| &e.lines) {
        let t = map.entry(l.account.clone()).or_default();
        t.0 += l.debit;
        t.1 += l.credit;
    }
    map.into_iter().map(|(account, (debit, credit))| Totals { account, debit, credit }).collect()
}

proptest! {
    #[test]
    fn any_sequence_of_entries_keeps_the_trial_balance_at_zero(entries in prop::collection::vec(entry(), 0..60), simples in prop::collection::vec(simple(), 0..20)) {
        let mut all = entries;
        all.extend(simples.iter().map(Simple::draft));
        for e in &all {
            prop_assert_eq!(e.check(), Ok(()));
        }
        // Reversing any of them keeps it at zero too.
        let reversals: Vec<Draft> = all.iter().step_by(3).map(|e| e.reversal(e.date, "annulation".into())).collect();
        all.extend(reversals);
        let net: i64 = totals_of(&all).iter().map(Totals::net).sum();
        prop_assert_eq!(net, 0);
    }

    #[test]
    fn closing_then_opening_keeps_every_balance(entries in prop::collection::vec(entry(), 1..60), to_reserves in any::<bool>()) {
        let totals = totals_of(&entries);
        let assignment = if to_reserves { Assignment::To("1068".into()) } else { Assignment::Pending };
        let lines = opening_lines(&totals, &assignment).unwrap();
        let opening = Draft { date: Date::new(2027, 1, 1).unwrap(), label: "À-nouveaux".into(), reference: String::new(), lines };
        prop_assert_eq!(opening.check().is_ok() || opening.lines.is_empty(), true, "the opening entry balances");
        let after = totals_of(std::slice::from_ref(&opening));
        let net = |t: &[Totals], a: &str| t.iter().find(|x| x.account == a).map_or(0, Totals::net);
        let r = result(&totals);
        let result_account = match (&assignment, r >= 0) {
            (Assignment::To(a), _) => a.clone(),
            (Assignment::Pending, true) => "120".to_string(),
            (Assignment::Pending, false) => "129".to_string(),
        };
        for account in ACCOUNTS.iter().filter(|a| matches!(a.as_bytes()[0], b'1'..=b'5')) {
            prop_assert_eq!(net(&after, account), net(&totals, account), "{} carried", account);
        }
        prop_assert_eq!(net(&after, &result_account), net(&totals, &result_account) - r, "the result lands on {}", result_account);
        prop_assert!(after.iter().all(|t| matches!(t.account.as_bytes()[0], b'1'..=b'5')), "no income or expense carried");
    }

    #[test]
    fn the_chain_catches_any_change(entries in prop::collection::vec(entry(), 2..20), which in any::<prop::sample::Index>(), how in 0u8..4) {
        // Seal in date order, as closing does.
        let mut sorted = entries;
        sorted.sort_by_key(|e| e.date);
        let mut hashes = Vec::new();
        let mut previous = GENESIS.to_string();
        for (i, e) in sorted.iter().enumerate() {
            let h = chain::link(&previous, &sealed(e, i as i64 + 1));
            hashes.push(h.clone());
            previous = h;
        }
        let head = previous;
        let check = |entries: &[(Draft, i64, String)]| {
            let mut v = Verifier::new(GENESIS);
            for (e, n, h) in entries {
                v.check(&sealed(e, *n), h);
            }
            v.finish(&head)
        };
        let mut stored: Vec<(Draft, i64, String)> =
            sorted.into_iter().zip(hashes).enumerate().map(|(i, (e, h))| (e, i as i64 + 1, h)).collect();
        prop_assert_eq!(check(&stored), Vec::<Break>::new(), "untouched");
        let i = which.index(stored.len());
        match how {
            0 => stored[i].0.lines[0].debit += 1,
            1 => stored[i].0.label.push('!'),
            2 => { stored.remove(i); }
            _ => {
                let copy = stored[i].clone();
                stored.insert(i, copy);
            }
        }
        prop_assert!(!check(&stored).is_empty(), "change {} at {} went unseen", how, i);
    }
}

fn sealed(e: &Draft, number: i64) -> Sealed<'_> {
    Sealed { number, date: e.date, journal: "OD", label: &e.label, reference: &e.reference, lines: &e.lines }
}
