//! `checkup-fixtures [--bench-domains N] [--root FILE]`: serves the check-up's
//! fixtures on loopback until its standard input closes (or it is killed),
//! for the bench and for trying `preau checkup` by hand. Prints one line:
//! `dns=ADDR http=PORT https=PORT smtp=PORT rdap=URL root=FILE`.

use std::io::{BufRead, Write};

fn main() -> std::process::ExitCode {
    let mut options = checkup_fixtures::Options::default();
    let mut root = std::env::temp_dir().join(format!("checkup-fixtures-root-{}.pem", std::process::id()));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--bench-domains", Some(n)) if n.parse::<usize>().is_ok() => {
                options.bench_domains = n.parse().unwrap_or(0)
            }
            ("--root", Some(path)) => root = path.into(),
            _ => {
                eprintln!("usage: checkup-fixtures [--bench-domains N] [--root FILE]");
                return std::process::ExitCode::from(2);
            }
        }
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("checkup-fixtures: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let fixtures = match runtime.block_on(checkup_fixtures::start(options)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("checkup-fixtures: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&root, &fixtures.root_pem) {
        eprintln!("checkup-fixtures: {}: {e}", root.display());
        return std::process::ExitCode::FAILURE;
    }
    println!(
        "dns={} http={} https={} smtp={} rdap={} root={}",
        fixtures.dns,
        fixtures.http_port,
        fixtures.https_port,
        fixtures.smtp_port,
        fixtures.rdap_url,
        root.display()
    );
    let _ = std::io::stdout().flush();
    // Serve until standard input closes.
    for line in std::io::stdin().lock().lines() {
        if line.is_err() {
            break;
        }
    }
    drop(fixtures);
    let _ = std::fs::remove_file(&root);
    std::process::ExitCode::SUCCESS
}
