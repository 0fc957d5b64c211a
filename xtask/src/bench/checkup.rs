//! The check-up's automated checks against the offline fixtures
//! (`checkup-fixtures`, a separate process on loopback): one domain checked
//! whole (issue 7: under 2 s), then a batch of 1,000 domains with bounded
//! concurrency (RSS under 60 MB). Needs no database: `--only checkup` runs
//! it alone, without preparing a server.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::report::{Measure, number};
use super::{MB, preau};
use crate::{cargo, human_duration, run_command, target_dir};

/// Domains in the batch (`dN.bench.test`).
const BATCH: usize = 1_000;
/// Check-ups run at once in the batch.
const CONCURRENCY: usize = 32;
/// Timed runs of the single check-up, after one untimed.
const SAMPLES: usize = 5;

pub fn method() -> String {
    format!(
        "Check-up: `checkup-fixtures` (release) serves on loopback an authoritative DNS server with the fixture \
         zones, HTTP, HTTPS (certificates from a test root), SMTP with STARTTLS and RDAP; `preau checkup good.test \
         --format json` against it, {SAMPLES} runs after an untimed one, the whole command timed (median), and the \
         report's own duration; then `preau checkup --batch` of {} domains (`dN.bench.test`, each checked whole: \
         20 checks, ~40 DNS questions, 4 HTTP(S) fetches, one SMTP session) with `--concurrency {CONCURRENCY}`, \
         its high-water RSS (`VmHWM`) sampled every 2 ms; the reports go to a file. The check-up uses no database: \
         measured once, shown in every column.",
        super::report::grouped(BATCH)
    )
}

/// The fixtures process, stopped on drop.
struct Fixtures {
    child: Child,
    args: Vec<String>,
}

impl Drop for Fixtures {
    fn drop(&mut self) {
        // Closing its standard input stops it; kill it if it lingers.
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(3);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_fixtures(dir: &Path) -> Result<Fixtures, String> {
    println!("    cargo build --release -p checkup-fixtures");
    let started = Instant::now();
    run_command(cargo().args(["build", "--release", "-p", "checkup-fixtures"]))?;
    println!("    built in {}", human_duration(started.elapsed()));
    let bin = target_dir().join("release/checkup-fixtures");
    let root = dir.join("root.pem");
    let mut child = Command::new(&bin)
        .args(["--bench-domains", &BATCH.to_string(), "--root"])
        .arg(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let mut line = String::new();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
    let field =
        |name: &str| line.split_whitespace().find_map(|w| w.strip_prefix(&format!("{name}=")).map(str::to_string));
    let (Some(dns), Some(http), Some(https), Some(smtp), Some(rdap)) =
        (field("dns"), field("http"), field("https"), field("smtp"), field("rdap"))
    else {
        let _ = child.kill();
        return Err(format!("checkup-fixtures said: {line:?}"));
    };
    let args = vec![
        "--resolver".into(),
        dns,
        "--rdap-url".into(),
        rdap,
        "--http-port".into(),
        http,
        "--https-port".into(),
        https,
        "--smtp-port".into(),
        smtp,
        "--no-mozilla-roots".into(),
        "--extra-root".into(),
        root.display().to_string(),
    ];
    Ok(Fixtures { child, args })
}

/// One command: wall time, peak RSS; its standard output goes to `out`.
fn measured(bin: &Path, args: &[String], out: &Path) -> Result<(Duration, u64), String> {
    let file = fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut command = preau(bin);
    command.arg("checkup").args(args).stdin(Stdio::null()).stdout(file).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| format!("preau checkup: {e}"))?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if let Ok(status) = fs::read_to_string(&status_path)
            && let Some(kb) =
                status.lines().find_map(|l| l.strip_prefix("VmHWM:")?.split_whitespace().next()?.parse::<u64>().ok())
        {
            peak = peak.max(kb * 1024);
        }
        thread::sleep(Duration::from_millis(2));
    }
    let elapsed = started.elapsed();
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("preau checkup {args:?} failed: {}", String::from_utf8_lossy(&output.stderr).trim()));
    }
    Ok((elapsed, peak))
}

/// The `"millis": N` of a pretty-printed report.
fn report_millis(json: &str) -> Option<f64> {
    let after = json.split("\"millis\":").nth(1)?;
    after.trim_start().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

pub fn checkup(bin: &Path) -> Result<Vec<Measure>, String> {
    let dir: PathBuf = std::env::temp_dir().join(format!("preau-bench-checkup-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let result = run(bin, &dir);
    let _ = fs::remove_dir_all(&dir);
    result
}

fn run(bin: &Path, dir: &Path) -> Result<Vec<Measure>, String> {
    let fixtures = start_fixtures(dir)?;
    let out = dir.join("report.json");
    let mut single: Vec<String> = vec!["good.test".into(), "--format".into(), "json".into()];
    single.extend(fixtures.args.iter().cloned());
    let mut times = Vec::new();
    let mut inner = Vec::new();
    let mut peak_single = 0;
    for sample in 0..=SAMPLES {
        let (elapsed, peak) = measured(bin, &single, &out)?;
        let json = fs::read_to_string(&out).map_err(|e| e.to_string())?;
        if !json.contains("\"id\": \"mail.starttls\"") || !json.contains("\"status\": \"pass\"") {
            return Err(format!("the check-up of good.test did not run whole: {json}"));
        }
        if sample > 0 {
            times.push(elapsed.as_secs_f64() * 1000.0);
            inner.push(report_millis(&json).unwrap_or(0.0));
            peak_single = peak_single.max(peak);
        }
    }
    times.sort_by(f64::total_cmp);
    inner.sort_by(f64::total_cmp);
    let (median, inner_median) = (times[times.len() / 2], inner[inner.len() / 2]);
    println!("      one domain: {} ms (check-up {} ms)", number(median), number(inner_median));

    let list = dir.join("domains.txt");
    let domains: String = (0..BATCH).map(|n| format!("d{n}.bench.test\n")).collect();
    fs::write(&list, domains).map_err(|e| e.to_string())?;
    let mut batch: Vec<String> = vec![
        "--batch".into(),
        list.display().to_string(),
        "--format".into(),
        "json".into(),
        "--concurrency".into(),
        CONCURRENCY.to_string(),
    ];
    batch.extend(fixtures.args.iter().cloned());
    let (elapsed, peak) = measured(bin, &batch, &out)?;
    let reports = fs::read_to_string(&out).map_err(|e| e.to_string())?;
    let lines = reports.lines().count();
    let passed = reports
        .lines()
        .filter(|l| l.contains("\"id\":\"mail.starttls\",\"theme\":\"mail\",\"status\":\"pass\""))
        .count();
    if lines != BATCH {
        return Err(format!("the batch gave {lines} reports, not {BATCH}"));
    }
    let (seconds, mb) = (elapsed.as_secs_f64(), peak as f64 / MB);
    println!("      batch: {} s, peak {} MB, STARTTLS passed on {passed}", number(seconds), number(mb));
    Ok(vec![
        Measure::new(
            "check-up of one domain against the fixtures (`preau checkup good.test`, whole command): median / the check-up alone / peak RSS",
            format!("{} / {} ms / {} MB", number(median), number(inner_median), number(peak_single as f64 / MB)),
            "< 2 s",
            Some(median < 2000.0),
        ),
        Measure::new(
            format!(
                "check-up of {} domains against the fixtures (`preau checkup --batch`, {CONCURRENCY} at a time): time / peak RSS",
                super::report::grouped(BATCH)
            ),
            format!("{} s ({} domains/s) / {} MB", number(seconds), number(BATCH as f64 / seconds), number(mb)),
            "RSS < 60 MB",
            Some(mb < 60.0 && passed == BATCH),
        ),
    ])
}
