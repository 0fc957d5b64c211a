//! Runs `wrk` and reads the figures we report out of its text output.

use std::path::Path;
use std::process::Command;

use crate::describe;

#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    pub requests_per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Responses outside 2xx and 3xx.
    pub bad_responses: u64,
    /// Connect, read, write errors and timeouts, summed.
    pub socket_errors: u64,
}

/// `wrk -t2 -cN -dSs --latency [-H cookie] url`: two threads, as the 2-core
/// machines in DESIGN.md §5 were measured.
pub fn run(wrk: &Path, url: &str, connections: u32, seconds: u32, cookie: Option<&str>) -> Result<Load, String> {
    let mut command = Command::new(wrk);
    command.args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--latency"]);
    if let Some(cookie) = cookie {
        command.args(["-H", &format!("Cookie: {cookie}")]);
    }
    command.arg(url);
    let output = command.output().map_err(|e| format!("could not run `{}`: {e}", describe(&command)))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("`{}` exited with {}: {stdout}{stderr}", describe(&command), output.status));
    }
    parse(&stdout).map_err(|e| format!("{e} in the output of `{}`:\n{stdout}", describe(&command)))
}

/// Reads `Requests/sec:`, the `50%` and `99%` lines of `--latency`, and the
/// error lines wrk prints only when there were errors.
pub fn parse(output: &str) -> Result<Load, String> {
    let mut requests_per_sec = None;
    let mut p50_ms = None;
    let mut p99_ms = None;
    let mut bad_responses = 0;
    let mut socket_errors = 0;
    for line in output.lines().map(str::trim) {
        if let Some(rate) = line.strip_prefix("Requests/sec:") {
            requests_per_sec = rate.trim().parse::<f64>().ok();
        } else if let Some(latency) = line.strip_prefix("50%") {
            p50_ms = duration_ms(latency.trim());
        } else if let Some(latency) = line.strip_prefix("99%") {
            p99_ms = duration_ms(latency.trim());
        } else if let Some(count) = line.strip_prefix("Non-2xx or 3xx responses:") {
            bad_responses = count.trim().parse().unwrap_or(0);
        } else if let Some(errors) = line.strip_prefix("Socket errors:") {
            // "connect 0, read 0, write 0, timeout 12"
            socket_errors =
                errors.split(',').filter_map(|part| part.split_whitespace().nth(1)?.parse::<u64>().ok()).sum();
        }
    }
    Ok(Load {
        requests_per_sec: requests_per_sec.ok_or("no `Requests/sec:` line")?,
        p50_ms: p50_ms.ok_or("no `50%` latency line (was --latency passed?)")?,
        p99_ms: p99_ms.ok_or("no `99%` latency line (was --latency passed?)")?,
        bad_responses,
        socket_errors,
    })
}

/// wrk's durations (`512.00us`, `1.23ms`, `2.00s`, `1.50m`) in milliseconds.
fn duration_ms(text: &str) -> Option<f64> {
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match unit.trim() {
        "us" => 0.001,
        "ms" => 1.0,
        "s" => 1_000.0,
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        _ => return None,
    };
    Some(number * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = "\
Running 10s test @ http://127.0.0.1:40123/login
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21ms  503.12us  12.05ms   78.40%
    Req/Sec    13.41k   812.33    15.02k    71.00%
  Latency Distribution
     50%    1.12ms
     75%    1.43ms
     90%    1.80ms
     99%    2.95ms
  266912 requests in 10.00s, 1.02GB read
Requests/sec:  26679.42
Transfer/sec:    104.37MB
";

    const TROUBLED: &str = "\
Running 3s test @ http://127.0.0.1:40123/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   412.50us  120.00us   1.10s    91.00%
    Req/Sec     9.80k     1.10k   11.00k    68.00%
  Latency Distribution
     50%  380.00us
     75%  450.00us
     90%  520.00us
     99%    1.05s
  58800 requests in 3.00s, 210.55MB read
  Socket errors: connect 0, read 2, write 0, timeout 5
  Non-2xx or 3xx responses: 17
Requests/sec:  19598.80
Transfer/sec:     70.18MB
";

    #[test]
    fn reads_a_clean_run() {
        let load = parse(CLEAN).unwrap();
        assert_eq!(load.requests_per_sec, 26679.42);
        assert_eq!(load.p50_ms, 1.12);
        assert_eq!(load.p99_ms, 2.95);
        assert_eq!((load.bad_responses, load.socket_errors), (0, 0));
    }

    #[test]
    fn reads_errors_and_mixed_units() {
        let load = parse(TROUBLED).unwrap();
        assert_eq!(load.requests_per_sec, 19598.80);
        assert!((load.p50_ms - 0.38).abs() < 1e-9);
        assert!((load.p99_ms - 1050.0).abs() < 1e-9);
        assert_eq!((load.bad_responses, load.socket_errors), (17, 7));
    }

    #[test]
    fn refuses_output_without_latency() {
        let without: Vec<&str> = CLEAN.lines().filter(|l| !l.contains('%') || l.contains("Stdev")).collect();
        let without = without.join("\n");
        assert!(parse(&without).unwrap_err().contains("50%"));
        assert!(parse("").is_err());
    }

    #[test]
    fn converts_durations() {
        let close = |text: &str, expected: f64| (duration_ms(text).unwrap() - expected).abs() < 1e-9;
        assert!(close("512.00us", 0.512));
        assert!(close("12.05ms", 12.05));
        assert!(close("2.00s", 2000.0));
        assert!(close("1.50m", 90_000.0));
        assert_eq!(duration_ms("3.00parsecs"), None);
        assert_eq!(duration_ms("ms"), None);
    }
}
