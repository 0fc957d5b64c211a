//! The vault's Shamir sharing, written in JavaScript for the browser, against
//! vsss-rs (`Gf256`, byte shares laid out as identifier then values, field
//! modulo 0x11b): shares made by either are combined by the other.
//! Runs `node` on `shamir.mjs` beside this file, one process per direction.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use rand_chacha::ChaCha20Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use vsss_rs::Gf256;

/// (threshold, share count, secret length): the vault's 2-of-3 and 3-of-5 on
/// a 36-byte split (recovery key and digest), edges of the parameter range.
const CASES: &[(usize, usize, usize)] =
    &[(2, 2, 1), (2, 3, 36), (3, 5, 36), (4, 7, 32), (5, 5, 16), (2, 255, 36), (10, 40, 64)];

fn seeded() -> ChaCha20Rng {
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
    // Printed so that a failure can be replayed with this seed.
    println!("seed {seed}");
    ChaCha20Rng::seed_from_u64(seed)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex from node")).collect()
}

/// Sends the jobs to the JavaScript side, one per line, and returns its answers.
fn node(jobs: &[String]) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shamir.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("`node` (20 or later) must be on the PATH for the vault's Shamir check");
    child.stdin.take().expect("stdin").write_all(jobs.join("\n").as_bytes()).expect("write jobs");
    let output = child.wait_with_output().expect("node ran");
    assert!(output.status.success(), "node failed");
    let answers: Vec<String> = String::from_utf8(output.stdout).expect("utf-8").lines().map(str::to_string).collect();
    assert_eq!(answers.len(), jobs.len(), "one answer per job");
    answers
}

/// Some k-subsets of n shares: the first k, the last k, and a spread of them.
fn subsets(k: usize, n: usize) -> Vec<Vec<usize>> {
    let spread: Vec<usize> = (0..k).map(|i| i * (n - 1) / (k - 1).max(1)).collect();
    vec![(0..k).collect(), (n - k..n).collect(), spread]
}

#[test]
fn shares_from_vsss_rs_combine_in_javascript() {
    let mut rng = seeded();
    let mut jobs = Vec::new();
    let mut expected = Vec::new();
    for &(k, n, len) in CASES {
        for _ in 0..3 {
            let mut secret = vec![0u8; len];
            rng.fill_bytes(&mut secret);
            let shares = Gf256::split_array(k, n, &secret, &mut rng).expect("vsss-rs split");
            assert!(shares.iter().enumerate().all(|(i, s)| usize::from(s[0]) == i + 1), "identifiers 1..n");
            for subset in subsets(k, n) {
                let picked: Vec<String> = subset.iter().map(|&i| hex(&shares[i])).collect();
                jobs.push(format!("combine {}", picked.join(" ")));
                expected.push(hex(&secret));
            }
            // k - 1 shares: a value, but not the secret (2^-8 per byte by chance, so a whole secret never).
            let short: Vec<String> = shares[..k - 1].iter().map(|s| hex(s)).collect();
            if k > 2 {
                jobs.push(format!("combine {}", short.join(" ")));
                expected.push(format!("not {}", hex(&secret)));
            }
        }
    }
    for ((answer, want), job) in node(&jobs).iter().zip(&expected).zip(&jobs) {
        match want.strip_prefix("not ") {
            Some(secret) => assert_ne!(answer, secret, "k-1 shares gave the secret: {job}"),
            None => assert_eq!(answer, want, "{job}"),
        }
    }
}

#[test]
fn shares_from_javascript_combine_in_vsss_rs() {
    let mut rng = seeded();
    let mut jobs = Vec::new();
    let mut secrets = Vec::new();
    for &(k, n, len) in CASES {
        for _ in 0..3 {
            let mut secret = vec![0u8; len];
            rng.fill_bytes(&mut secret);
            jobs.push(format!("split {k} {n} {}", hex(&secret)));
            secrets.push((k, n, secret));
        }
    }
    for (answer, (k, n, secret)) in node(&jobs).iter().zip(&secrets) {
        let shares: Vec<Vec<u8>> = answer.split(' ').map(unhex).collect();
        assert_eq!(shares.len(), *n);
        assert!(shares.iter().enumerate().all(|(i, s)| usize::from(s[0]) == i + 1 && s.len() == secret.len() + 1));
        for subset in subsets(*k, *n) {
            let picked: Vec<Vec<u8>> = subset.iter().map(|&i| shares[i].clone()).collect();
            assert_eq!(&Gf256::combine_array(&picked).expect("vsss-rs combine"), secret, "k={k} n={n} {subset:?}");
        }
        if *k > 2 {
            let short = Gf256::combine_array(&shares[..k - 1]).expect("vsss-rs combine");
            assert_ne!(&short, secret, "k-1 shares gave the secret");
        }
    }
}

#[test]
fn both_refuse_duplicate_identifiers() {
    let mut rng = seeded();
    let shares = Gf256::split_array(2, 3, [7u8; 8], &mut rng).expect("vsss-rs split");
    assert!(Gf256::combine_array([shares[0].clone(), shares[0].clone()]).is_err());
    let answers = node(&[format!("combine {} {}", hex(&shares[1]), hex(&shares[1]))]);
    assert_eq!(answers, ["error duplicate-share"]);
}
