//! Files too large to read are refused before they are held whole.

use bank::{MAX_BYTES, MAX_LINES, Reason};

use crate::read_err;

#[test]
fn more_bytes_than_the_limit() {
    let huge = vec![b'a'; MAX_BYTES + 1];
    let problems = read_err("huge.csv", &huge);
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].at, &problems[0].reason), (0, &Reason::TooLarge));
}

#[test]
fn more_lines_than_the_limit() {
    let mut csv = String::from("Date;Libellé;Montant\n");
    for i in 0..=MAX_LINES {
        csv.push_str(&format!("02/01/2026;Ligne {i};1,00\n"));
    }
    let problems = read_err("long.csv", csv.as_bytes());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].reason, Reason::TooLarge);
    assert!(problems[0].to_string().contains("200000 lines"), "{}", problems[0]);

    let mut qif = String::from("!Type:Bank\n");
    for _ in 0..=MAX_LINES {
        qif.push_str("D02/01/2026\nT1\n^\n");
    }
    assert_eq!(read_err("long.qif", qif.as_bytes())[0].reason, Reason::TooLarge);
}
