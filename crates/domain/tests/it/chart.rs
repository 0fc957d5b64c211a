//! Property tests of the chart of accounts: the association's own
//! sub-accounts behave like the account they hang under.

use domain::accounting::chart::{self, ChartVersion, PCA_2025};
use proptest::prelude::*;

/// A chart account of three digits or more, and extra digits that keep the
/// code within the maximum length.
fn sub_account() -> impl Strategy<Value = (&'static str, String)> {
    let postable: Vec<&'static str> = PCA_2025.iter().map(|a| a.code).filter(|c| c.len() >= 3).collect();
    proptest::sample::select(postable).prop_flat_map(|code| {
        let room = chart::MAX_CODE_LEN - code.len();
        (Just(code), proptest::string::string_regex(&format!("[0-9]{{0,{room}}}")).unwrap())
    })
}

fn any_code() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9]{0,12}").unwrap()
}

fn any_version() -> impl Strategy<Value = ChartVersion> {
    prop_oneof![Just(ChartVersion::Pca1999), Just(ChartVersion::Pca2018), Just(ChartVersion::Pca2025)]
}

proptest! {
    /// A sub-account the association creates has its parent's position and kind.
    #[test]
    fn sub_accounts_inherit_position_and_kind((code, extra) in sub_account()) {
        let sub = format!("{code}{extra}");
        prop_assert!(chart::is_postable(&sub));
        prop_assert_eq!(chart::position(&sub), chart::position(code));
        prop_assert_eq!(chart::kind(&sub), chart::kind(code));
        prop_assert_eq!(chart::class(&sub), chart::class(code));
        if !extra.is_empty() {
            prop_assert!(chart::parent(&sub).is_some_and(|p| sub.starts_with(p.code) && p.code.len() >= code.len()));
        }
    }

    /// The parent is the longest strict prefix present in the chart.
    #[test]
    fn parent_is_the_longest_prefix_in_the_chart(code in any_code()) {
        match chart::parent(&code) {
            Some(p) => {
                prop_assert!(code.starts_with(p.code) && p.code.len() < code.len());
                for len in p.code.len() + 1..code.len() {
                    prop_assert!(chart::find(&code[..len]).is_none());
                }
            }
            None => {
                for len in 1..code.len() {
                    prop_assert!(chart::find(&code[..len]).is_none());
                }
            }
        }
    }

    /// Validity, class and position agree.
    #[test]
    fn valid_codes_have_a_class(code in any_code()) {
        let valid = chart::is_valid_code(&code);
        prop_assert_eq!(chart::class(&code).is_some(), valid);
        let in_statements = valid && (!code.starts_with('8') || code.starts_with("86") || code.starts_with("87"));
        prop_assert_eq!(chart::position(&code).is_some(), in_statements);
    }

    /// Renumbering keeps valid codes valid and never touches 2025 codes.
    #[test]
    fn renumbering_keeps_codes_valid(code in any_code(), from in any_version()) {
        let r = chart::to_2025(&code, from);
        prop_assert_eq!(chart::is_valid_code(&r.code), chart::is_valid_code(&code));
        if from == ChartVersion::Pca2025 || !chart::is_valid_code(&code) {
            prop_assert_eq!(&r.code, &code);
            prop_assert_eq!(r.note, None);
        }
        if let Some(note) = r.note {
            prop_assert!(chart::NOTE_KEYS.contains(&note));
        }
    }
}
