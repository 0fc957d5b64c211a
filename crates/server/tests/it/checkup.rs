//! `preau checkup` against the offline fixtures: no association, no database.

use checkup::{CheckId, Report, Status};
use checkup_fixtures::{Fixtures, Options};
use std::process::{Command, Output};
use web::i18n::{Lang, Tr};

struct Running {
    fixtures: Fixtures,
    // Keeps the fixtures' servers running while the command runs.
    _runtime: tokio::runtime::Runtime,
}

fn fixtures(bench_domains: usize) -> Running {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let fixtures = runtime.block_on(checkup_fixtures::start(Options { bench_domains })).unwrap();
    Running { fixtures, _runtime: runtime }
}

fn checkup(running: &Running, args: &[&str]) -> Output {
    let f = &running.fixtures;
    let root = std::env::temp_dir().join(format!("preau-checkup-root-{}.pem", std::process::id()));
    std::fs::write(&root, &f.root_pem).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_preau"));
    cmd.env_clear().env("PATH", std::env::var("PATH").unwrap_or_default()).env("PREAU_LOG", "warn");
    cmd.arg("checkup").args(args);
    cmd.args(["--resolver", &f.dns.to_string(), "--rdap-url", &f.rdap_url]);
    cmd.args(["--http-port", &f.http_port.to_string(), "--https-port", &f.https_port.to_string()]);
    cmd.args(["--smtp-port", &f.smtp_port.to_string(), "--no-mozilla-roots", "--extra-root"]).arg(&root);
    cmd.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn checks_a_domain_as_json_and_as_text() {
    let running = fixtures(0);
    let out = checkup(&running, &["good.test", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report.domain, "good.test");
    assert_eq!(report.check(CheckId::Spf).unwrap().status, Status::Pass);
    assert_eq!(report.check(CheckId::Starttls).unwrap().status, Status::Pass);
    assert!(report.scores.overall.is_some());

    let out = checkup(&running, &["good.test", "--lang", "en"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.starts_with("Digital-hygiene check-up of good.test"), "{shown}");
    assert!(shown.contains("[ok] SPF (Good): SPF in place: v=spf1 mx -all"), "{shown}");
    assert!(shown.contains("One server receives mail: mx.good.test."), "{shown}");
    assert!(shown.contains("Overall score: "), "{shown}");
}

#[test]
fn bad_results_still_exit_0() {
    let running = fixtures(0);
    let out = checkup(&running, &["noweb.test"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("Bilan d'hygiène numérique de noweb.test"), "{shown}");
    assert!(shown.contains("[X]  Chiffrement entre serveurs (STARTTLS) (À corriger)"), "{shown}");
    assert!(shown.contains("Pas de site web"), "{shown}");
    assert!(shown.contains("RDAP 404"), "{shown}");
    // International names either way.
    let out = checkup(&running, &["CAFÉ.test", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: Report = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((report.domain.as_str(), report.unicode.as_str()), ("xn--caf-dma.test", "café.test"));
}

#[test]
fn a_batch_prints_one_json_line_a_domain() {
    let running = fixtures(5);
    let list = std::env::temp_dir().join(format!("preau-checkup-batch-{}.txt", std::process::id()));
    std::fs::write(&list, "# bench\nd0.bench.test\nd1.bench.test\n\nd2.bench.test\nd3.bench.test\nd4.bench.test\n")
        .unwrap();
    let out = checkup(&running, &["--batch", list.to_str().unwrap(), "--format", "json", "--concurrency", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut domains: Vec<String> =
        text(&out.stdout).lines().map(|l| serde_json::from_str::<Report>(l).unwrap().domain).collect();
    domains.sort();
    assert_eq!(domains, ["d0.bench.test", "d1.bench.test", "d2.bench.test", "d3.bench.test", "d4.bench.test"]);
}

#[test]
fn what_cannot_run_exits_1_in_both_languages() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_preau")).env_clear().arg("checkup").args(args).output().unwrap();
        (out.status.code(), text(&out.stderr))
    };
    let (code, err) = run(&["exa mple.fr", "--resolver", "127.0.0.1:9"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("not a valid domain name") && err.contains("nom de domaine invalide"), "{err}");
    let (code, err) = run(&["https://exemple.fr/", "--resolver", "127.0.0.1:9"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("without http://"), "{err}");
    let (code, err) = run(&["exemple.fr", "--resolver", "nowhere"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("--resolver nowhere"), "{err}");
    let (code, err) = run(&["exemple.fr", "--resolver", "127.0.0.1:9", "--format", "xml"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("text or json"), "{err}");
    let (code, err) = run(&["exemple.fr", "--resolver", "127.0.0.1:9", "--rdap-url", "ftp://x/"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("--rdap-url"), "{err}");
    let (code, _) = run(&[]);
    assert_eq!(code, Some(2), "clap's usage error");
}

/// Every message key the check-up can produce has words in both languages.
#[test]
fn every_checkup_message_is_translated() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../checkup/src");
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let code = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for piece in code.split('"').skip(1).step_by(2) {
            if piece.starts_with("checkup-") && !piece.ends_with('-') && !piece.contains('{') {
                keys.push(piece.to_string());
            }
        }
    }
    for category in ["us-platform", "eu-commercial", "associative", "self-hosted"] {
        keys.push(format!("checkup-mail-provider-{category}"));
    }
    for id in CheckId::ALL {
        keys.push(format!("checkup-{}-title", id.key()));
    }
    for status in [Status::Pass, Status::Info, Status::Warning, Status::Fail, Status::Unknown] {
        keys.push(format!("checkup-status-{}", status.code()));
    }
    assert!(keys.len() > 150, "{}", keys.len());
    // A message whose variables are missing does not render: give them all.
    let ftl =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/i18n/fr/checkup.ftl"));
    let ftl = ftl.unwrap();
    let mut names: Vec<&str> = ftl
        .split('$')
        .skip(1)
        .map(|rest| rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').next().unwrap_or(""))
        .collect();
    names.sort();
    names.dedup();
    let args: Vec<(&str, &str)> = names.iter().map(|n| (*n, "2")).collect();
    for lang in [Lang::Fr, Lang::En] {
        for key in &keys {
            assert_ne!(Tr { lang }.message(key, args.iter().copied()), *key, "{key} has no {lang:?} text");
        }
    }
}
