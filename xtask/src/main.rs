//! `cargo xtask <command>`: the project's own automation, in plain Rust with
//! no dependencies so it builds in seconds on a fresh machine.
//!
//! - `ci`: everything CI checks, in the order a developer would run it.
//! - `tidy`: rules about the source tree that the compiler cannot see.
//! - `bench`: the release binary measured against DESIGN.md §5, written to BENCHMARKS.md.

mod bench;
mod ci;
mod tidy;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  ci                 fmt, clippy, tidy, tests (SQLite and PostgreSQL), browser tests
  tidy               source-tree rules; prints `path:line: reason` for each problem
  bench [options]    release build measured on both databases, written to BENCHMARKS.md
      --quick            3 s load runs instead of 10 s
      --backend NAME     only `sqlite` or only `postgres`
      --bin PATH         measure this binary instead of building target/release/preau
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    let result = match command {
        "ci" => ci::run(rest),
        "tidy" => tidy::run(rest),
        "bench" => bench::run(rest),
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {command}: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root. xtask sits one level below it, and this holds however
/// the binary or its tests were launched.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Cargo's target directory, honouring `CARGO_TARGET_DIR` like cargo does.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}

/// A cargo command. `CARGO` is the cargo that launched us, so a toolchain
/// chosen by rustup (or a path override) carries through to every step.
fn cargo() -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command.current_dir(workspace_root());
    command
}

/// Runs `command` with inherited output; an error names the command and its status.
fn run_command(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("could not run `{}`: {e}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", describe(command))) }
}

/// `program arg arg…`, for messages.
fn describe(command: &Command) -> String {
    let mut parts = vec![command.get_program().to_string_lossy().into_owned()];
    parts.extend(command.get_args().map(shell_word));
    parts.join(" ")
}

fn shell_word(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c)) {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The full path of `program` if it is on `PATH`. Probing with `--version`
/// does not work for every tool (`wrk -v` exits with 1).
fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

/// `1.23 s` or `45 ms`: short durations for progress lines.
fn human_duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else if d < Duration::from_secs(120) {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{} min {} s", d.as_secs() / 60, d.as_secs() % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(human_duration(Duration::from_millis(45)), "45 ms");
        assert_eq!(human_duration(Duration::from_millis(1234)), "1.2 s");
        assert_eq!(human_duration(Duration::from_secs(185)), "3 min 5 s");
    }

    #[test]
    fn commands_are_described_like_a_shell_line() {
        let mut command = Command::new("psql");
        command.args(["-c", "SELECT 1", "it's"]);
        assert_eq!(describe(&command), r"psql -c 'SELECT 1' 'it'\''s'");
    }
}
