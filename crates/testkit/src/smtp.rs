//! A real SMTP server process for tests (`scripts/smtp_sink.py`, Python's
//! standard library only): the application sends over TCP with lettre, the
//! test reads the stored message.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running SMTP sink.
pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

impl SmtpSink {
    /// Starts the sink and waits until it accepts connections.
    pub fn start() -> SmtpSink {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("preau-smtp-{}", crate::random_hex(6)));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(port.to_string())
            .arg(&dir)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the test SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("sink starts");
        assert_eq!(line.trim(), "ready");
        SmtpSink { port, dir, child }
    }

    /// The URL to give the mailer.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, decoded (headers and text body).
    pub fn messages(&self) -> Vec<Mail> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| {
                d.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files.iter().filter_map(|p| std::fs::read_to_string(p).ok()).map(|raw| Mail::parse(&raw)).collect()
    }

    /// Waits (up to 10 s) for a message to `to`, and returns the latest.
    pub fn wait_for(&self, to: &str) -> Mail {
        let start = Instant::now();
        loop {
            if let Some(m) = self.messages().into_iter().rev().find(|m| m.to.contains(to)) {
                return m;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no mail to {to} arrived");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A received message.
#[derive(Debug, Clone)]
pub struct Mail {
    /// `user:password` given with SMTP AUTH, if any.
    pub auth: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Mail {
    fn parse(raw: &str) -> Mail {
        let raw = raw.replace("\r\n", "\n");
        let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
        // Unfold continuation lines.
        let head = head.replace("\n ", " ").replace("\n\t", " ");
        let header = |name: &str| {
            head.lines()
                .find_map(|l| {
                    l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string())
                })
                .unwrap_or_default()
        };
        let body = match header("Content-Transfer-Encoding").to_ascii_lowercase().as_str() {
            "quoted-printable" => quoted_printable(body),
            "base64" => base64_decode(&body.split_whitespace().collect::<String>()),
            _ => body.to_string(),
        };
        Mail { auth: header("X-Test-Auth"), to: header("To"), subject: header("Subject"), body }
    }

    /// The first URL in the body that contains `part`.
    pub fn link_containing(&self, part: &str) -> String {
        self.body
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(part))
            .unwrap_or_else(|| panic!("no link with {part} in {:?}", self.body))
            .to_string()
    }
}

fn quoted_printable(s: &str) -> String {
    let s = s.replace("=\n", "");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or(""), 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64_decode(s: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut buf, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|c| *c != b'=') {
        let Some(v) = A.iter().position(|a| *a == c) else { continue };
        buf = (buf << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
            buf &= (1 << bits) - 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
