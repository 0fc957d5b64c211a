//! The books of DESIGN.md §5: 50,000 entries over two fiscal years (about
//! 100,000 lines) generated in the association the bench logs into, the
//! first year closed and sealed; then the journal, a ledger and the annual
//! statements timed one request at a time, a year's FEC downloaded while the
//! server's memory is watched, and 100,000 lines of FEC imported from the
//! command line into an empty association.

use std::path::Path;
use std::time::{Duration, Instant};

use super::http;
use super::imports::{Run, measured};
use super::members::percentile;
use super::report::{Measure, grouped, number};
use super::{Ctx, KB, MAIN_SLUG, MB, create_association, latency, log_in, psql, rss_bytes, statements};

/// Entries generated (`preau admin demo-books --entries`), over two years.
pub const ENTRIES: usize = 50_000;
/// The seed given to `demo-books`: the same books on every run.
pub const SEED: u64 = 5;
/// Requests timed per page, one after the other.
pub const SAMPLES: usize = 50;
/// Requests sent first and not timed.
pub const WARM_UP: usize = 5;
/// Entries on a page of the journal, lines on a page of a ledger
/// (`PER_PAGE` in crates/web/src/pages/books.rs).
const PER_PAGE: usize = 50;
/// Downloads of the FEC timed (after one untimed).
const DOWNLOADS: usize = 3;
/// Lines of the FEC imported (DESIGN.md §5: 100,000 rows under 5 s).
pub const IMPORT_LINES: usize = 100_000;
const IMPORT_SLUG: &str = "compta-banc";
const IMPORT_EMAIL: &str = "compta@banc.example";

/// The two years `demo-books` wrote: the closed one, then the open one.
#[derive(Debug, Clone, PartialEq)]
struct Year {
    id: u64,
    /// The calendar year it ends in (`preau export fec --year`).
    ends: String,
    entries: usize,
}

/// The scenario.
pub fn books(ctx: &mut Ctx) -> Result<Vec<Measure>, String> {
    let (closed, open, mut measures) = generate(ctx)?;
    measures.extend(pages(ctx.server.port, &ctx.session.cookie, probes(&open))?);
    measures.extend(fec_download(ctx, &closed)?);
    measures.extend(fec_import(ctx, &closed, &open)?);
    measures.extend(statements::statement_import(ctx, IMPORT_SLUG)?);
    // The bank account's page once the statement is in, as its treasurer sees it.
    let treasurer = log_in(ctx.server.port, IMPORT_EMAIL)?;
    measures.extend(pages(ctx.server.port, &treasurer.cookie, bank_probes())?);
    Ok(measures)
}

/// How the report's intro describes this scenario.
pub fn method() -> String {
    format!(
        "Books: {} entries over the two fiscal years before the current one, generated in `{MAIN_SLUG}` by \
         `preau admin demo-books --entries {ENTRIES} --seed {SEED} --close-first` (dues, purchases, invoices and \
         their payment, rent, insurance, bank fees, grants, donations, cash paid in, volunteering; two lines an \
         entry, some three), the first year closed and sealed; on PostgreSQL `VACUUM ANALYZE` again after it. \
         Book pages are those of the open year (its statements beside the closed one), {SAMPLES} sequential \
         `GET`s after {WARM_UP} untimed ones, timed and checked as the member list's; page size is the HTML \
         alone, uncompressed. The FEC of the closed year is downloaded {DOWNLOADS} times after an untimed one \
         (median time); the server's RSS is read before the first and sampled every 5 ms during each, its \
         high-water mark reset before each (`/proc/PID/clear_refs`) and read after. The imported FEC is the \
         two years exported with `preau export fec`, numbered on from the first into the second and cut at an \
         entry's end to {} lines. {}",
        grouped(ENTRIES),
        grouped(IMPORT_LINES),
        statements::method()
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `preau admin demo-books` on the bench's association, timed.
fn generate(ctx: &mut Ctx) -> Result<(Year, Year, Vec<Measure>), String> {
    let (entries, seed) = (ENTRIES.to_string(), SEED.to_string());
    let args =
        ["admin", "demo-books", "--association", MAIN_SLUG, "--entries", &entries, "--seed", &seed, "--close-first"];
    let run = measured(ctx.bin, ctx.backend, &args)?;
    let years = demo_years(&run.stdout);
    let [closed, open] = years.as_slice() else {
        return Err(format!("`demo-books` did not report two years: {}", run.stdout.trim()));
    };
    if closed.entries + open.entries != ENTRIES {
        return Err(format!("`demo-books` wrote {} entries, not {ENTRIES}", closed.entries + open.entries));
    }
    let lines = run.stdout.split(" entries, ").nth(1).and_then(|s| s.split(' ').next()).unwrap_or("?");
    println!(
        "      {entries} entries, {lines} lines in {} ms, peak {} MB; years #{} (closed) and #{}",
        number(run.ms()),
        number(run.peak_mb()),
        closed.id,
        open.id
    );
    if let Some(url) = &ctx.backend.database_url {
        // As after the members: what autovacuum would do a minute later.
        psql(url, "VACUUM ANALYZE")?;
    }
    let measure = Measure::new(
        format!(
            "books generated: {} entries over two years, the first closed (`preau admin demo-books`, whole command): \
             time / peak RSS",
            grouped(ENTRIES)
        ),
        format!("{} ms / {} MB ({lines} lines)", number(run.ms()), number(run.peak_mb())),
        "",
        None,
    );
    Ok((closed.clone(), open.clone(), vec![measure]))
}

/// The years in what `demo-books` printed: `2024-01-01 → 2024-12-31
/// (/accounting/years/1): 25035 entries, closed…`.
fn demo_years(stdout: &str) -> Vec<Year> {
    stdout
        .lines()
        .filter_map(|line| {
            let (_, rest) = line.split_once(" → ")?;
            let ends = rest.get(..4)?.to_string();
            let (_, rest) = rest.split_once("(/accounting/years/")?;
            let (id, rest) = rest.split_once(')')?;
            let entries = rest.strip_prefix(": ")?.split(' ').next()?.parse().ok()?;
            Some(Year { id: id.parse().ok()?, ends, entries })
        })
        .collect()
}

/// What a page must show for its timing to count.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// A full page of links to entries, and a link to the next page.
    FullPage,
    /// A statement or the trial balance: a table of amounts.
    Amounts,
}

/// A book page, timed on its own.
struct Probe {
    what: String,
    path: String,
    expect: Expect,
    /// Median under this many milliseconds, and the page under `under_kb` (DESIGN.md §5).
    under_ms: Option<f64>,
    under_kb: Option<f64>,
    target: &'static str,
}

fn probes(open: &Year) -> Vec<Probe> {
    let year = format!("/accounting/years/{}", open.id);
    // Fixed words: the row is the same whatever the day splits the years at.
    let a_year = format!("{} entries a year", grouped(ENTRIES / 2));
    let probe = |what: String, path: String, expect, limits: (Option<f64>, Option<f64>), target| Probe {
        what,
        path,
        expect,
        under_ms: limits.0,
        under_kb: limits.1,
        target,
    };
    vec![
        probe(
            format!("general journal, first page (50 entries, {a_year}; `GET …/journal`): median / p95, page size"),
            format!("{year}/journal"),
            Expect::FullPage,
            (Some(10.0), Some(100.0)),
            "< 10 ms, < 100 KB",
        ),
        probe(
            "general journal, a middle page (`…/journal?page=250`): median / p95, page size".into(),
            format!("{year}/journal?page=250"),
            Expect::FullPage,
            (None, None),
            "",
        ),
        probe(
            format!(
                "general ledger of 512, first page (50 lines, {a_year}; `GET …/ledger/512`): median / p95, page size"
            ),
            format!("{year}/ledger/512"),
            Expect::FullPage,
            (Some(10.0), Some(100.0)),
            "< 10 ms, < 100 KB",
        ),
        probe(
            "general ledger of 512, a middle page (`…/ledger/512?page=150`): median / p95, page size".into(),
            format!("{year}/ledger/512?page=150"),
            Expect::FullPage,
            (None, None),
            "",
        ),
        probe(
            format!("compte de résultat, {a_year} beside the year before (`GET …/statement`): median / p95, page size"),
            format!("{year}/statement"),
            Expect::Amounts,
            (Some(20.0), None),
            "< 20 ms",
        ),
        probe(
            format!("bilan, {a_year} beside the year before (`GET …/balance-sheet`): median / p95, page size"),
            format!("{year}/balance-sheet"),
            Expect::Amounts,
            (Some(20.0), None),
            "< 20 ms",
        ),
        probe(
            "trial balance (`GET …/balance`): median / p95, page size".into(),
            format!("{year}/balance"),
            Expect::Amounts,
            (None, None),
            "",
        ),
    ]
}

/// The bank account the statement went into, with its 100,000 lines none
/// reconciled: the first page (lines to reconcile, each with its suggested
/// entries) and one deep in the lines.
fn bank_probes() -> Vec<Probe> {
    let lines = grouped(statements::LINES);
    let probe = |what: String, path: &str| Probe {
        what,
        path: path.into(),
        expect: Expect::Amounts,
        under_ms: None,
        under_kb: None,
        target: "",
    };
    vec![
        probe(
            format!(
                "bank account of {lines} statement lines, first page (25 lines with their suggestions; \
                 `GET /accounting/bank/512`): median / p95, page size"
            ),
            "/accounting/bank/512",
        ),
        probe(
            "the same, a middle page (`…/512?page=2000`): median / p95, page size".into(),
            "/accounting/bank/512?page=2000",
        ),
    ]
}

fn pages(port: u16, cookie: &str, probes: Vec<Probe>) -> Result<Vec<Measure>, String> {
    let mut measures = Vec::new();
    for probe in probes {
        let (mut samples, bytes) = time_requests(port, &probe.path, cookie, probe.expect)?;
        let (median, p95) = (percentile(&mut samples, 50.0), percentile(&mut samples, 95.0));
        let kb = bytes as f64 / KB;
        println!("      {}: median {median:.3} ms, p95 {p95:.3} ms, {} KB", probe.path, number(kb));
        let met = match (probe.under_ms, probe.under_kb) {
            (None, None) => None,
            (ms, kb_limit) => Some(ms.is_none_or(|l| median < l) && kb_limit.is_none_or(|l| kb < l)),
        };
        let value = format!("{} / {} ms, {} KB", latency(median), latency(p95), number(kb));
        measures.push(Measure::new(probe.what, value, probe.target, met));
    }
    Ok(measures)
}

/// Milliseconds from connecting to the last byte of each timed response,
/// and the size of the last one's body.
fn time_requests(port: u16, path: &str, cookie: &str, expect: Expect) -> Result<(Vec<f64>, usize), String> {
    let headers = [("Cookie", cookie)];
    let mut samples = Vec::with_capacity(SAMPLES);
    let mut bytes = 0;
    for n in 0..WARM_UP + SAMPLES {
        let started = Instant::now();
        let response = http::get(port, path, &headers)?;
        let took = ms(started.elapsed());
        check(&response, expect).map_err(|e| format!("GET {path} with the session cookie: {e}"))?;
        bytes = response.body.len();
        if n >= WARM_UP {
            samples.push(took);
        }
    }
    Ok((samples, bytes))
}

/// Whether `response` is the page `expect` asks for, not an error or a redirect to /login.
fn check(response: &http::Response, expect: Expect) -> Result<(), String> {
    if response.status != 200 {
        return Err(format!("expected 200, got {}", response.summary()));
    }
    let html = response.text();
    match expect {
        Expect::FullPage => {
            let links = entry_links(&html);
            if links != PER_PAGE || !html.contains("rel=\"next\"") {
                return Err(format!("expected {PER_PAGE} entries or lines and a next page, found {links}"));
            }
        }
        Expect::Amounts => {
            if !html.contains("<table") || !html.contains('€') {
                return Err("expected a table of amounts".into());
            }
        }
    }
    Ok(())
}

/// Links to an entry's page: one per entry in the journal, per line in a ledger.
fn entry_links(html: &str) -> usize {
    const LINK: &str = "href=\"/accounting/entries/";
    html.match_indices(LINK).filter(|(at, _)| html[at + LINK.len()..].starts_with(|c: char| c.is_ascii_digit())).count()
}

/// The closed year's FEC over HTTP, streamed: time, and the server's memory
/// before and at its highest during the download.
fn fec_download(ctx: &mut Ctx, closed: &Year) -> Result<Vec<Measure>, String> {
    let path = format!("/accounting/years/{}/fec", closed.id);
    let pid = ctx.server.pid();
    let headers = [("Cookie", ctx.session.cookie.as_str())];
    let get = || -> Result<(usize, usize), String> {
        let response = http::get(ctx.server.port, &path, &headers)?;
        if response.status != 200 || !response.body.starts_with(b"JournalCode\t") {
            return Err(format!("GET {path}: expected a FEC, got {}", response.summary()));
        }
        let lines = response.body.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count() - 1;
        Ok((lines, response.body.len()))
    };
    let before = rss_bytes(pid)?;
    let mut times = Vec::new();
    let mut peak = before;
    let mut file = (0, 0);
    // The first download is not timed (cold caches), but its memory counts.
    for n in 0..=DOWNLOADS {
        reset_peak_rss(pid);
        let started = Instant::now();
        let (result, sampled) = peak_rss_fine(pid, get);
        if n > 0 {
            times.push(ms(started.elapsed()));
        }
        file = result?;
        peak = peak.max(sampled).max(high_water_mark(pid).unwrap_or(0));
    }
    ctx.server.check_alive()?;
    let median = percentile(&mut times, 50.0);
    let (before_mb, peak_mb) = (before as f64 / MB, peak as f64 / MB);
    println!(
        "      {path}: {} lines, {} MB, median {} ms; server RSS {} MB before, peak {} MB",
        file.0,
        number(file.1 as f64 / MB),
        number(median),
        number(before_mb),
        number(peak_mb)
    );
    Ok(vec![Measure::new(
        "FEC export of the closed year over HTTP, streamed (`GET …/fec`): time / server RSS before → peak",
        format!(
            "{} ms / {} → {} MB ({} lines, {} MB)",
            number(median),
            number(before_mb),
            number(peak_mb),
            grouped(file.0),
            number(file.1 as f64 / MB)
        ),
        "< 1 s, RSS < 60 MB",
        Some(median < 1000.0 && peak_mb < 60.0),
    )])
}

/// Resets the high-water mark of `pid`'s resident memory (`VmHWM`) to what
/// it holds now; quietly does nothing where the kernel does not allow it.
fn reset_peak_rss(pid: u32) {
    let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
}

fn high_water_mark(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: u64 = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.split_whitespace().next()?.parse().ok()?;
    Some(kb * 1024)
}

/// Runs `work` while sampling the RSS of `pid` every 5 ms: a download lasts
/// well under a second.
fn peak_rss_fine<T>(pid: u32, work: impl FnOnce() -> T) -> (T, u64) {
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let sampler = scope.spawn(|| {
            let mut peak = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(rss_bytes(pid).unwrap_or(0));
                std::thread::sleep(Duration::from_millis(5));
            }
            peak
        });
        let result = work();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        (result, sampler.join().unwrap_or(0))
    })
}

/// Both years out with `preau export fec`, made into one file of
/// `IMPORT_LINES` lines, checked then imported into an empty association.
fn fec_import(ctx: &mut Ctx, closed: &Year, open: &Year) -> Result<Vec<Measure>, String> {
    let dir = std::env::temp_dir().join(format!("preau-bench-fec-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut measures = Vec::new();
    let mut files = Vec::new();
    for year in [closed, open] {
        let out = dir.join(format!("FEC{}.txt", year.ends));
        let path = out.to_string_lossy().into_owned();
        let run = measured(
            ctx.bin,
            ctx.backend,
            &["export", "fec", "--association", MAIN_SLUG, "--year", &year.ends, "--out", &path],
        )?;
        let bytes = std::fs::read(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        if year == closed {
            let lines = bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count() - 1;
            println!(
                "      preau export fec: {lines} lines in {} ms, peak {} MB",
                number(run.ms()),
                number(run.peak_mb())
            );
            measures.push(export_measure(&run, lines, bytes.len()));
        }
        files.push(bytes);
    }
    let file = dir.join("FEC-deux-exercices.txt");
    let (entries, lines) = write_import_file(&file, &files[0], &files[1], IMPORT_LINES)?;
    let path = file.to_string_lossy().into_owned();
    create_association(ctx.bin, ctx.backend, "Banc d'essai de la comptabilité", IMPORT_SLUG, IMPORT_EMAIL)?;
    let dry = measured(ctx.bin, ctx.backend, &["import", "fec", "--association", IMPORT_SLUG, &path, "--dry-run"])?;
    let real = measured(ctx.bin, ctx.backend, &["import", "fec", "--association", IMPORT_SLUG, &path])?;
    let counted = format!("{entries} écriture(s), {lines} ligne(s)");
    if !real.stdout.contains(&counted) {
        return Err(format!("the FEC import did not bring {counted}: {}", real.stdout.trim()));
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "      FEC import of {lines} lines ({entries} entries): dry run {} ms, import {} ms, peak {} MB",
        number(dry.ms()),
        number(real.ms()),
        number(real.peak_mb())
    );
    measures.push(Measure::new(
        format!(
            "FEC import of {} lines into an empty association (`preau import fec`, whole command): time / peak RSS",
            grouped(lines)
        ),
        format!("{} ms / {} MB ({} entries)", number(real.ms()), number(real.peak_mb()), grouped(entries)),
        "< 5 s, < 60 MB",
        Some(real.elapsed < Duration::from_secs(5) && real.peak_mb() < 60.0),
    ));
    measures.push(Measure::new(
        "the same FEC checked only (`preau import fec --dry-run`): time / peak RSS",
        dry.time_and_peak(),
        "",
        None,
    ));
    Ok(measures)
}

fn export_measure(run: &Run, lines: usize, bytes: usize) -> Measure {
    Measure::new(
        "FEC export of the closed year from the command line (`preau export fec --out`): time / peak RSS",
        format!(
            "{} ms / {} MB ({} lines, {} MB)",
            number(run.ms()),
            number(run.peak_mb()),
            grouped(lines),
            number(bytes as f64 / MB)
        ),
        "",
        None,
    )
}

/// An entry of a FEC file: its number (EcritureNum) and its lines as they are.
type FecEntry = (u64, Vec<Vec<u8>>);

/// A FEC file's header line and its entries, in file order (an entry's
/// lines follow one another, as Préau writes them).
fn fec_entries(file: &[u8]) -> Result<(Vec<u8>, Vec<FecEntry>), String> {
    let mut lines = file.split(|b| *b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let header = lines.next().ok_or("an empty FEC")?.to_vec();
    let mut entries: Vec<FecEntry> = Vec::new();
    let mut last_key: Option<(Vec<u8>, u64)> = None;
    for line in lines.filter(|l| !l.is_empty()) {
        let fields: Vec<&[u8]> = line.splitn(4, |b| *b == b'\t').collect();
        let (journal, number) = match fields.as_slice() {
            [journal, _, number, _] => (journal.to_vec(), number),
            _ => return Err("a FEC line with fewer than four columns".into()),
        };
        let number: u64 = std::str::from_utf8(number)
            .ok()
            .and_then(|n| n.parse().ok())
            .ok_or("an EcritureNum that is not a number")?;
        let key = (journal, number);
        if last_key.as_ref() != Some(&key) {
            entries.push((number, Vec::new()));
            last_key = Some(key);
        }
        if let Some((_, lines)) = entries.last_mut() {
            lines.push(line.to_vec());
        }
    }
    Ok((header, entries))
}

/// Writes one FEC out of two years' files: the first's header, then whole
/// entries of the first then the second (numbered on after the first's),
/// up to exactly `wanted` lines. Returns the entries and lines written.
fn write_import_file(path: &Path, first: &[u8], second: &[u8], wanted: usize) -> Result<(usize, usize), String> {
    let (header, mut entries) = fec_entries(first)?;
    let offset = entries.iter().map(|(n, _)| *n).max().unwrap_or(0);
    let (_, second) = fec_entries(second)?;
    for (number, lines) in second {
        let renumbered = lines
            .into_iter()
            .map(|line| {
                let mut fields: Vec<Vec<u8>> = line.split(|b| *b == b'\t').map(<[u8]>::to_vec).collect();
                fields[2] = (number + offset).to_string().into_bytes();
                fields.join(&b'\t')
            })
            .collect();
        entries.push((number + offset, renumbered));
    }
    // Whole entries only, never leaving a gap of one line (no entry has one).
    let mut out = header;
    out.extend_from_slice(b"\r\n");
    let (mut taken, mut written) = (0, 0);
    for (_, lines) in &entries {
        let gap = wanted - written;
        if gap == 0 {
            break;
        }
        if lines.len() == gap || lines.len() + 2 <= gap {
            for line in lines {
                out.extend_from_slice(line);
                out.extend_from_slice(b"\r\n");
            }
            written += lines.len();
            taken += 1;
        }
    }
    if written != wanted {
        return Err(format!("the two years hold {written} lines, fewer than the {wanted} wanted"));
    }
    std::fs::write(path, &out).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((taken, written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_years_demo_books_wrote() {
        let said = "50000 entries, 102724 lines written to amis / écritures écrites\n\
                    2024-01-01 → 2024-12-31 (/accounting/years/1): 25035 entries, closed and sealed / clôturé et scellé\n\
                    2025-01-01 → 2025-12-31 (/accounting/years/2): 24965 entries and the opening one / et les \
                    à-nouveaux, open / ouvert\n";
        assert_eq!(
            demo_years(said),
            [
                Year { id: 1, ends: "2024".into(), entries: 25_035 },
                Year { id: 2, ends: "2025".into(), entries: 24_965 }
            ]
        );
        assert!(demo_years("nothing here").is_empty());
    }

    #[test]
    fn counts_links_to_entries() {
        let html = "<a href=\"/accounting/entries/12\">1. Loyer</a><a href=\"/accounting/entries/new\">+</a>\
                    <a href=\"/accounting/entries/13\">2.</a>";
        assert_eq!(entry_links(html), 2);
    }

    fn line(journal: &str, number: u64, account: &str) -> String {
        format!(
            "{journal}\tJournal\t{number}\t20250102\t{account}\tCompte\t\t\t\t20250102\tLibellé\t1,00\t0,00\t\t\t20250102\t\t"
        )
    }

    #[test]
    fn one_file_of_whole_entries_numbered_on() {
        let file = |entries: &[(&str, u64, usize)]| {
            let mut text = String::from("JournalCode\tJournalLib\tEcritureNum\tEcritureDate");
            for (journal, number, lines) in entries {
                for k in 0..*lines {
                    text.push_str("\r\n");
                    text.push_str(&line(journal, *number, &format!("51{k}")));
                }
            }
            text.push_str("\r\n");
            text.into_bytes()
        };
        let first = file(&[("BQ", 1, 2), ("CA", 2, 3), ("BQ", 3, 2)]);
        let second = file(&[("AN", 1, 3), ("BQ", 2, 2), ("OD", 3, 2), ("BQ", 4, 3)]);
        let path = std::env::temp_dir().join(format!("preau-bench-fec-test-{}.txt", std::process::id()));
        // 2 + 3 + 2 (the first year), then the second numbered on from 4: 3 + 2.
        assert_eq!(write_import_file(&path, &first, &second, 12).unwrap(), (5, 12));
        let numbers = |path: &Path| {
            let text = String::from_utf8(std::fs::read(path).unwrap()).unwrap();
            text.lines().skip(1).map(|l| l.split('\t').nth(2).unwrap().to_string()).collect::<Vec<_>>()
        };
        assert_eq!(numbers(&path), ["1", "1", "2", "2", "2", "3", "3", "4", "4", "4", "5", "5"]);
        // With 4 lines to go, the three-line entry 4 would leave one: skipped.
        assert_eq!(write_import_file(&path, &first, &second, 11).unwrap(), (5, 11));
        assert_eq!(numbers(&path), ["1", "1", "2", "2", "2", "3", "3", "5", "5", "6", "6"]);
        let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
        assert!(text.starts_with("JournalCode\t") && text.ends_with("\t\t\r\n"));
        assert!(write_import_file(&path, &first, &second, 40).is_err());
        let _ = std::fs::remove_file(&path);
    }
}
