//! A bank statement of 100,000 lines imported from the command line
//! (DESIGN.md §5: 100,000 statement or journal lines under 5 s, under 60 MB):
//! a CSV as a French bank hands it out, checked, imported, then imported
//! again (every line already there).

use std::time::Duration;

use super::Ctx;
use super::imports::{Run, measured};
use super::report::{Measure, grouped, number};

/// Lines of the statement.
pub const LINES: usize = 100_000;
/// The bank account of the chart the lines go to.
const ACCOUNT: &str = "512";

/// How the report's intro describes this scenario.
pub fn method() -> String {
    format!(
        "The statement is a generated CSV of {} lines as a French bank exports it (Windows-1252, `;`, four lines \
         about the account before the header, separate debit and credit columns with a decimal comma, dates \
         `DD/MM/YYYY`, one line in fifty the same as the one before it), imported into account {ACCOUNT} of the \
         association the FEC went into, with the columns, date format and decimal separator guessed.",
        grouped(LINES)
    )
}

/// Checked, imported, imported again, into `slug` (which has a bank account
/// `512`).
pub fn statement_import(ctx: &mut Ctx, slug: &str) -> Result<Vec<Measure>, String> {
    let dir = std::env::temp_dir().join(format!("preau-bench-statement-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join("releve.csv");
    std::fs::write(&file, statement(LINES)).map_err(|e| format!("{}: {e}", file.display()))?;
    let path = file.to_string_lossy().into_owned();
    let args = |dry: bool| {
        let mut args = vec!["import", "bank", "--association", slug, "--account", ACCOUNT, path.as_str()];
        if dry {
            args.push("--dry-run");
        }
        args
    };
    let dry = measured(ctx.bin, ctx.backend, &args(true))?;
    let real = measured(ctx.bin, ctx.backend, &args(false))?;
    let again = measured(ctx.bin, ctx.backend, &args(false))?;
    let _ = std::fs::remove_dir_all(&dir);
    for (run, added, kept) in [(&real, LINES, 0), (&again, 0, LINES)] {
        let said = format!("{added} ligne(s) ajoutée(s), {kept} déjà importée(s)");
        if !run.stdout.contains(&said) {
            return Err(format!("the statement import did not say \"{said}\": {}", run.stdout.trim()));
        }
    }
    println!(
        "      statement of {LINES} lines: dry run {} ms, import {} ms / {} MB, again {} ms / {} MB",
        number(dry.ms()),
        number(real.ms()),
        number(real.peak_mb()),
        number(again.ms()),
        number(again.peak_mb())
    );
    let fits = |run: &Run| run.elapsed < Duration::from_secs(5) && run.peak_mb() < 60.0;
    Ok(vec![
        Measure::new(
            format!(
                "bank statement import of {} CSV lines (`preau import bank`, whole command): time / peak RSS",
                grouped(LINES)
            ),
            real.time_and_peak(),
            "< 5 s, < 60 MB",
            Some(fits(&real)),
        ),
        Measure::new(
            "the same statement imported again, every line already there: time / peak RSS",
            again.time_and_peak(),
            "< 5 s, < 60 MB",
            Some(fits(&again)),
        ),
        Measure::new(
            "the same statement checked only (`preau import bank --dry-run`): time / peak RSS",
            dry.time_and_peak(),
            "",
            None,
        ),
    ])
}

/// A statement of `lines` lines, the same every run, in Windows-1252.
fn statement(lines: usize) -> Vec<u8> {
    const LABELS: [&str; 8] = [
        "PRLV SEPA URSSAF",
        "CB CAFÉ DE LA GARE",
        "VIR SEPA COTISATION",
        "REMISE CHÈQUES",
        "FRAIS TENUE DE COMPTE",
        "VIR SEPA SUBVENTION MAIRIE",
        "CB PAPETERIE DU CENTRE",
        "PRLV ÉLECTRICITÉ",
    ];
    let mut text = String::from(
        "Compte courant association n° 00012345678;;;;\r\nDu 01/01/2024 au 31/12/2025;;;;\r\n\
         Solde au 31/12/2025;;;;1 234,56\r\n;;;;\r\n\
         Date;Date de valeur;Libellé;Débit (EUR);Crédit (EUR)\r\n",
    );
    let mut state: u64 = 0x5eed_2026;
    let mut previous = String::new();
    for n in 0..lines {
        if n % 50 == 49 {
            // Two identical lines: both must be imported, and only once.
            text.push_str(&previous);
            continue;
        }
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let r = state >> 33;
        let day = n * 730 / lines;
        let (year, day_of_year) = (2024 + day / 365, day % 365);
        let (month, day_of_month) = (1 + day_of_year / 31 % 12, 1 + day_of_year % 28);
        let date = format!("{day_of_month:02}/{month:02}/{year}");
        let label = LABELS[(r % LABELS.len() as u64) as usize];
        let cents = 100 + r % 250_000;
        let amount = format!("{},{:02}", cents / 100, cents % 100);
        let (debit, credit) = if r.is_multiple_of(3) { ("", amount.as_str()) } else { (amount.as_str(), "") };
        previous = format!("{date};{date};{label} {};{debit};{credit}\r\n", r % 997);
        text.push_str(&previous);
    }
    text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin1_statement_with_its_header_and_repeated_lines() {
        let bytes = statement(100);
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        let rows: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(rows.len(), 5 + 100);
        assert!(rows[4].starts_with("Date;Date de valeur;Libellé;Débit (EUR)"));
        assert_eq!(rows[5 + 49], rows[5 + 48], "the fiftieth line repeats the one before");
        assert!(bytes.contains(&0xC9), "É in Windows-1252");
        assert!(rows[5..].iter().all(|r| r.split(';').count() == 5));
    }
}
