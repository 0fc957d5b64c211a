//! A key per line, to recognise a line already imported when a statement is
//! read again, or a later one overlapping it.

use std::collections::HashMap;

use domain::members::fold;

use crate::Line;

/// A key that is the same for the same bank line whenever its statement is
/// read, and different for different lines of one account:
///
/// - `id:` and the bank's id when the file gives one (OFX `FITID`, camt.053
///   `AcctSvcrRef`): the bank promises it unique for the account, and it
///   survives the bank rewording a label;
/// - otherwise the booking date, the signed cents, the label folded (lower
///   case, accents removed, punctuation and runs of spaces as one space: the
///   same line downloaded as Latin-1 then UTF-8, or with accents dropped by
///   the bank, keeps its key) and the line's [`Line::occurrence`], e.g.
///   `2026-01-10/-250/cafe de la gare/2`.
///
/// The occurrence is needed because a statement may hold two lines that
/// nothing tells apart: two coffees at 2,50 € the same day at the same
/// counter are two lines, and both must be imported; without the counter the
/// second would be taken for a copy of the first and dropped. Counting within
/// one file keeps the key stable: a later statement covering the same day
/// holds the same two coffees, numbered 1 and 2 again, so neither is
/// imported twice, and a third coffee that day (if the first file was
/// downloaded before it) is number 3, hence new.
///
/// Keys are only meaningful within one account: the caller keeps them per
/// bank account.
pub fn fingerprint(line: &Line) -> String {
    match &line.bank_id {
        Some(id) => format!("id:{id}"),
        None => format!("{}/{}/{}/{}", line.date, line.cents, label_key(&line.label), line.occurrence),
    }
}

/// A label as compared: folded, words of letters and digits separated by
/// one space.
fn label_key(label: &str) -> String {
    fold(label).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Numbers the lines that share a date, an amount and a label key, in the
/// order of the file, from 1.
pub(crate) fn number_occurrences(lines: &mut [Line]) {
    // Only lines of the same day and amount can share a key: they are
    // grouped by sorting their positions (kept in file order within a
    // group), and labels are folded only inside groups of more than one, so
    // a large statement costs a position per line, not a map of its labels.
    let day_and_amount = |l: &Line| (l.date, l.cents);
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| (day_and_amount(&lines[i]), i));
    let mut start = 0;
    while start < order.len() {
        let group = day_and_amount(&lines[order[start]]);
        let len = order[start..].iter().take_while(|&&i| day_and_amount(&lines[i]) == group).count();
        let mut seen: HashMap<String, u32> = HashMap::new();
        for &i in &order[start..start + len] {
            lines[i].occurrence = if len == 1 {
                1
            } else {
                let count = seen.entry(label_key(&lines[i].label)).or_insert(0);
                *count += 1;
                *count
            };
        }
        start += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Date;

    fn line(label: &str, cents: i64) -> Line {
        Line {
            at: 1,
            date: Date::parse_iso("2026-01-10").unwrap(),
            value_date: None,
            cents,
            label: label.into(),
            reference: None,
            bank_id: None,
            occurrence: 0,
        }
    }

    #[test]
    fn identical_lines_are_numbered_and_differently_written_labels_match() {
        let mut lines = vec![
            line("Café de la Gare", -250),
            line("Boulangerie", -250),
            line("CAFE  DE LA GARE!", -250),
            line("Café de la Gare", -300),
            line("Boulangerie", -250),
            line("Café de la gare", -250),
        ];
        number_occurrences(&mut lines);
        assert_eq!(lines.iter().map(|l| l.occurrence).collect::<Vec<_>>(), [1, 1, 2, 1, 2, 3]);
        let lines = [lines.remove(0), lines.remove(1)];
        assert_eq!(fingerprint(&lines[0]), "2026-01-10/-250/cafe de la gare/1");
        assert_eq!(fingerprint(&lines[1]), "2026-01-10/-250/cafe de la gare/2");
        let with_id = Line { bank_id: Some("FIT-1".into()), ..lines[0].clone() };
        assert_eq!(fingerprint(&with_id), "id:FIT-1");
    }
}
