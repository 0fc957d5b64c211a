//! The access registry and the vault (issue 6): the registry page with 200
//! accounts, timed one request at a time (under 5 ms), and a vault of 2,000
//! entries opened in headless Chromium, from the unlock button to every entry
//! decrypted and listed (under 1 s; `tests/browser/bench-vault.mjs`).

use std::process::Command;
use std::time::Instant;

use super::members::{SAMPLES, WARM_UP, percentile};
use super::report::Measure;
use super::{Ctx, MAIN_NAME, http, latency};
use crate::workspace_root;

/// Accounts put in the registry.
const ACCOUNTS: usize = 200;
/// Entries in the vault's collection.
const ENTRIES: usize = 2_000;
const KINDS: [&str; 11] =
    ["registrar", "dns", "hosting", "mailbox", "bank", "payments", "social", "insurer", "prefecture", "phone", "other"];

pub fn method() -> String {
    format!(
        "Registry and vault: the vault module switched on in `amis`, {ACCOUNTS} accounts added through the \
         registry's form, `GET /access` timed as the member list ({SAMPLES} sequential requests after {WARM_UP}); \
         then, in headless Chromium (`tests/browser/bench-vault.mjs`), the administrator enrols, a collection gets \
         {ENTRIES} entries sealed by the page's own modules, and the vault is opened 5 times after an untimed one: \
         from pressing « Déverrouiller » (PBKDF2-SHA-256 600,000 rounds, the keys unwrapped) to every entry \
         decrypted and listed, timed in the page (median)."
    )
}

pub fn vault(ctx: &mut Ctx) -> Result<Vec<Measure>, String> {
    let port = ctx.server.port;
    let cookie = ctx.session.cookie.clone();
    let csrf =
        cookie.split("preau_csrf=").nth(1).and_then(|v| v.split(';').next()).ok_or("no preau_csrf in session")?;
    let post = |path: &str, fields: &[(&str, &str)]| -> Result<(), String> {
        let mut all = vec![("csrf", csrf)];
        all.extend_from_slice(fields);
        let body = http::form_encode(&all);
        let headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookie.as_str())];
        let r = http::request(port, "POST", path, &headers, body.as_bytes())?;
        if r.status != 303 {
            return Err(format!("POST {path}: expected 303, got {}", r.summary()));
        }
        Ok(())
    };
    let modules = [("modules", "members"), ("modules", "accounting"), ("modules", "vault")];
    let mut settings = vec![("name", MAIN_NAME), ("fiscal_year_start_month", "1")];
    settings.extend(modules);
    post("/settings", &settings)?;
    let started = Instant::now();
    for n in 0..ACCOUNTS {
        let service = format!("Service {n}");
        let login = format!("compte{n}@amis.example");
        let fields =
            [("kind", KINDS[n % KINDS.len()]), ("service", &service), ("login", &login), ("two_factor", "app")];
        post("/access", &fields)?;
    }
    println!("      {ACCOUNTS} registry accounts added in {:.1} s", started.elapsed().as_secs_f64());
    let mut samples = Vec::with_capacity(SAMPLES);
    for n in 0..WARM_UP + SAMPLES {
        let started = Instant::now();
        let r = http::get(port, "/access", &[("Cookie", &cookie)])?;
        let took = started.elapsed().as_secs_f64() * 1000.0;
        let rows = r.text().matches("<th scope=\"row\">").count();
        if r.status != 200 || rows != ACCOUNTS {
            return Err(format!("GET /access: expected 200 with {ACCOUNTS} rows, got {} rows: {}", rows, r.summary()));
        }
        if n >= WARM_UP {
            samples.push(took);
        }
    }
    let (median, p95) = (percentile(&mut samples, 50.0), percentile(&mut samples, 95.0));
    println!("      /access: median {median:.3} ms, p95 {p95:.3} ms");
    let mut measures = vec![Measure::new(
        format!(
            "access registry of {ACCOUNTS} accounts with its risks panel, one request (`GET /access`): median / p95"
        ),
        format!("{} / {} ms", latency(median), latency(p95)),
        "< 5 ms",
        Some(median < 5.0),
    )];

    let script = workspace_root().join("tests/browser/bench-vault.mjs");
    let out = Command::new("node")
        .arg(&script)
        .args(["--url", &format!("http://127.0.0.1:{port}"), "--cookie", &cookie, "--entries", &ENTRIES.to_string()])
        .current_dir(workspace_root().join("tests/browser"))
        .output()
        .map_err(|e| format!("node {}: {e} (needs Node, `npm ci` in tests/browser and Chromium)", script.display()))?;
    if !out.status.success() {
        return Err(format!("{}: {}", script.display(), String::from_utf8_lossy(&out.stderr)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let value = |key: &str| -> Result<f64, String> {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| format!("bench-vault.mjs printed no {key}: {text}"))
    };
    let (open, max) = (value("median_ms")?, value("max_ms")?);
    println!("      vault of {ENTRIES} entries opened: median {open} ms, max {max} ms");
    measures.push(Measure::new(
        format!(
            "vault of {} entries opened and decrypted in headless Chromium (unlock to listed): median / max",
            ENTRIES
        ),
        format!("{open:.0} / {max:.0} ms"),
        "< 1 s",
        Some(open < 1000.0),
    ));
    Ok(measures)
}
