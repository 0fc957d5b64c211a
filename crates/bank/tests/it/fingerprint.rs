//! The same line read twice has the same key; two lines never share one.

use std::collections::HashSet;

use bank::{Line, fingerprint, read};

use crate::{fixture, read_ok};

fn keys(lines: &[Line]) -> Vec<String> {
    lines.iter().map(fingerprint).collect()
}

#[test]
fn identical_lines_of_one_file_get_different_keys_and_the_same_ones_next_time() {
    let bytes = fixture("doublons.csv");
    let s = read_ok("doublons.csv", &bytes);
    assert_eq!(s.lines.iter().map(|l| l.occurrence).collect::<Vec<_>>(), [1, 2, 3, 1]);
    let first = keys(&s.lines);
    assert_eq!(first.iter().collect::<HashSet<_>>().len(), 4, "{first:?}");
    assert_eq!(first[0], "2026-01-10/-250/cb cafe de la gare/1");
    assert_eq!(keys(&read_ok("doublons.csv", &bytes).lines), first);
}

#[test]
fn an_overlapping_later_statement_brings_only_its_new_lines() {
    let earlier = read_ok("a.csv", &fixture("doublons.csv"));
    // Downloaded later: the 10th has a fourth coffee, and the 12th came.
    let later = "Date;Libellé;Montant\n\
                 11/01/2026;CB CAFE DE LA GARE;-2,50\n\
                 10/01/2026;CB CAFE DE LA GARE;-2,50\n\
                 10/01/2026;CB CAFÉ DE LA GARE;-2,50\n\
                 10/01/2026;CB CAFE DE LA GARE;-2,50\n\
                 10/01/2026;CB CAFE DE LA GARE;-2,50\n\
                 12/01/2026;CB CAFE DE LA GARE;-2,50\n";
    let later = read_ok("b.csv", later.as_bytes());
    let known: HashSet<String> = keys(&earlier.lines).into_iter().collect();
    let new: Vec<usize> = later.lines.iter().filter(|l| !known.contains(&fingerprint(l))).map(|l| l.at).collect();
    assert_eq!(new, [6, 7], "the fourth coffee of the 10th and the 12th's");
}

#[test]
fn the_banks_id_is_the_key_when_there_is_one_and_encodings_do_not_matter() {
    let one = read_ok("a.ofx", &fixture("releve-1x.ofx"));
    let two = read_ok("b.ofx", &fixture("releve-2x.ofx"));
    assert_eq!(keys(&one.lines), ["id:2026010200001", "id:2026010500002", "id:2026011200003"]);
    assert_eq!(keys(&two.lines), keys(&one.lines));

    let utf8 = read("a.csv", &fixture("releve-utf8.csv"), None).unwrap();
    let latin1 = read("b.csv", &fixture("releve-latin1.csv"), None).unwrap();
    assert_eq!(keys(&utf8.lines), keys(&latin1.lines));
}
