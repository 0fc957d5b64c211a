//! `cargo xtask ci`: what CI runs, and what a developer runs before pushing.
//! Steps run in order and the first failure stops everything, so the message
//! at the bottom of the log is the one that matters.

use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{cargo, human_duration, run_command, target_dir, tidy, workspace_root};

/// The PostgreSQL server tests create their databases on, unless told otherwise.
pub const DEFAULT_PG_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("`ci` takes no arguments (got `{arg}`)"));
    }
    let root = workspace_root();
    let started = Instant::now();
    let pg_url = std::env::var("PREAU_TEST_PG_URL").unwrap_or_else(|_| DEFAULT_PG_URL.to_string());

    step("fmt", || run_command(cargo().args(["fmt", "--all", "--", "--check"])))?;
    step("clippy", || run_command(cargo().args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])))?;
    step("tidy", || tidy::run(&[]))?;
    // The vault's browser cryptography: plain modules tested with Node's own
    // runner, no packages and no build. Seconds, so before the long steps.
    step("vault crypto tests", || {
        run_command(Command::new("node").arg("--test").current_dir(root.join("tests/vault")))
    })?;
    step("tests", || {
        println!("PREAU_TEST_PG_URL={pg_url}");
        let mut tests = cargo();
        if nextest_installed() {
            tests.args(["nextest", "run", "--workspace", "--no-fail-fast"]);
        } else {
            println!("cargo-nextest not found, falling back to cargo test");
            tests.args(["test", "--workspace", "--no-fail-fast"]);
        }
        run_command(tests.env("PREAU_TEST_PG_URL", &pg_url))
    })?;

    let browser = root.join("tests/browser");
    if browser.join("package.json").is_file() {
        let preau = target_dir().join("debug/preau");
        // Same feature set as the test build above, so this reuses its artefacts
        // instead of rebuilding the dependency tree (`-p server` alone would).
        step("build server", || run_command(cargo().args(["build", "--workspace", "--all-targets"])))?;
        if !browser.join("node_modules").is_dir() {
            // `npm ci` installs exactly the lockfile; without one it refuses, so
            // a project that has not committed a lockfile yet still gets a run.
            let verb = if browser.join("package-lock.json").is_file() { "ci" } else { "install" };
            step(&format!("npm {verb}"), || run_command(Command::new("npm").arg(verb).current_dir(&browser)))?;
        }
        step("browser tests", || {
            run_command(
                Command::new("node")
                    .arg("--test")
                    .current_dir(&browser)
                    .env("PREAU_BIN", &preau)
                    .env("PREAU_TEST_PG_URL", &pg_url),
            )
        })?;
    } else {
        println!("(no tests/browser/package.json: browser tests skipped)");
    }

    println!("ci: all steps passed in {}", human_duration(started.elapsed()));
    Ok(())
}

/// Runs one named step, printing its name before and its duration after.
fn step(name: &str, body: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("==> {name}");
    let started = Instant::now();
    let result = body();
    let took = human_duration(started.elapsed());
    match result {
        Ok(()) => {
            println!("<== {name}: ok in {took}");
            Ok(())
        }
        Err(e) => Err(format!("step `{name}` failed after {took}: {e}")),
    }
}

fn nextest_installed() -> bool {
    cargo()
        .args(["nextest", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}
