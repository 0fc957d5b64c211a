//! Offline fixtures for the check-up, all on loopback: an authoritative DNS
//! server (hickory-server) holding the `.test` zones below, HTTP and HTTPS
//! servers (certificates from a test root made here with rcgen), SMTP
//! responders with and without STARTTLS, and an RDAP server with canned
//! answers. Used by the check-up's tests, the `preau checkup` command's test
//! and the bench (`checkup-fixtures` binary); never by `preau` itself.
//!
//! | Domain | What it is |
//! |---|---|
//! | `good.test` | everything right: MX with STARTTLS, SPF `-all`, DKIM `default`, DMARC reject, MTA-STS enforce, TLS-RPT, HTTPS with HSTS and headers, HTTP redirected |
//! | `nomx.test` | no MX; a site with Google Analytics, Google Fonts, a `_ga` cookie, no HSTS, no redirect; RDAP expiring in 10 days |
//! | `noweb.test` | no website; MX without STARTTLS; SPF `?all`; DMARC `p=none`; RDAP 404 |
//! | `loop.test` | `www` in a CNAME loop; RDAP 429 |
//! | `expired.test`, `wrongname.test` | HTTPS with an expired certificate, with another name's |
//! | `big.test` | a home page of 50 MB |
//! | `xn--caf-dma.test` (café.test) | an international name, like `good.test` |
//! | `signed.test` | DNSSEC-signed, its key a trust anchor |
//! | `bogus.test` | DNSSEC-signed, then an answer changed without signing again |
//! | `dN.bench.test` | `N` below `Options::bench_domains`, like `good.test`, for the batch bench |

use hickory_server::Server;
use hickory_server::dnssec::NxProofKind;
use hickory_server::proto::dnssec::crypto::Ed25519SigningKey;
use hickory_server::proto::dnssec::rdata::DNSKEY;
use hickory_server::proto::dnssec::{DnssecSigner, SigningKey, TrustAnchors};
use hickory_server::proto::rr::{LowerName, Name, RData, Record, RecordType, RrKey};
use hickory_server::proto::serialize::txt::Parser;
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneHandler, ZoneType};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::task::JoinHandle;

/// The home page of `big.test`: 50 MB, sent until the client stops reading.
pub const BIG_PAGE_BYTES: u64 = 50 * 1024 * 1024;
/// The loopback address of the SMTP responder without STARTTLS (`mx.noweb.test`).
pub const PLAIN_SMTP_IP: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How many `dN.bench.test` domains to serve.
    pub bench_domains: usize,
}

/// Where everything listens, and what to trust.
pub struct Fixtures {
    /// The DNS server (UDP and TCP), to use as the resolver.
    pub dns: SocketAddr,
    /// A UDP socket that reads nothing: a resolver that never answers.
    pub silent_dns: SocketAddr,
    pub http_port: u16,
    pub https_port: u16,
    pub smtp_port: u16,
    /// `http://127.0.0.1:PORT/`
    pub rdap_url: String,
    /// The test root every HTTPS and SMTP certificate chains to.
    pub root: CertificateDer<'static>,
    /// The same, PEM.
    pub root_pem: String,
    /// The DNSSEC keys of `signed.test` and `bogus.test`.
    pub trust_anchors: Arc<TrustAnchors>,
    tasks: Vec<JoinHandle<()>>,
    _silent: Arc<UdpSocket>,
}

impl Drop for Fixtures {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// Starts every server. Needs a multi-threaded or current-thread tokio runtime.
pub async fn start(options: Options) -> Result<Fixtures, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let certificates = Certificates::new()?;
    let mut tasks = Vec::new();

    let (dns, trust_anchors, server) = dns_server(&options).await?;
    tasks.push(tokio::spawn(async move {
        let mut server = server;
        let _ = server.block_until_done().await;
    }));
    let silent = Arc::new(UdpSocket::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?);
    let silent_dns = silent.local_addr().map_err(|e| e.to_string())?;

    let http = TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let http_port = http.local_addr().map_err(|e| e.to_string())?.port();
    tasks.push(tokio::spawn(serve(http, None)));

    let https = TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let https_port = https.local_addr().map_err(|e| e.to_string())?.port();
    let acceptor = tokio_rustls::TlsAcceptor::from(certificates.server_config());
    tasks.push(tokio::spawn(serve(https, Some(acceptor.clone()))));

    let rdap = TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let rdap_url = format!("http://{}/", rdap.local_addr().map_err(|e| e.to_string())?);
    tasks.push(tokio::spawn(serve_rdap(rdap)));

    // The same port on two addresses: STARTTLS on 127.0.0.1, none on 127.0.0.2.
    let (smtp_tls, smtp_plain) = smtp_pair().await?;
    let smtp_port = smtp_tls.local_addr().map_err(|e| e.to_string())?.port();
    tasks.push(tokio::spawn(serve_smtp(smtp_tls, Some(acceptor))));
    tasks.push(tokio::spawn(serve_smtp(smtp_plain, None)));

    Ok(Fixtures {
        dns,
        silent_dns,
        http_port,
        https_port,
        smtp_port,
        rdap_url,
        root: certificates.root.clone(),
        root_pem: certificates.root_pem.clone(),
        trust_anchors,
        tasks,
        _silent: silent,
    })
}

async fn smtp_pair() -> Result<(TcpListener, TcpListener), String> {
    let mut last = String::new();
    for _ in 0..20 {
        let first = TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
        let port = first.local_addr().map_err(|e| e.to_string())?.port();
        match TcpListener::bind(SocketAddr::new(IpAddr::V4(PLAIN_SMTP_IP), port)).await {
            Ok(second) => return Ok((first, second)),
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("no port free on both 127.0.0.1 and {PLAIN_SMTP_IP}: {last}"))
}

// ---------------------------------------------------------------- DNS

const GOOD_WEB: &str = "
@ A 127.0.0.1
www A 127.0.0.1
";

const GOOD_MAIL: &str = "
@ MX 10 mx.good.test.
@ TXT \"v=spf1 mx -all\"
_dmarc TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@good.test\"
default._domainkey TXT \"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"
_mta-sts TXT \"v=STSv1; id=20260101\"
mta-sts A 127.0.0.1
_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tls@good.test\"
";

fn zone_text(origin: &str, body: &str) -> String {
    format!(
        "$ORIGIN {origin}.\n$TTL 300\n@ SOA ns1.{origin}. hostmaster.{origin}. 1 3600 600 86400 300\n\
         @ NS ns1.{origin}.\n@ NS ns2.{origin}.\nns1 A 127.0.0.1\nns2 A 127.0.0.1\n{body}"
    )
}

/// The zones, by name: text in zone-file syntax.
fn zones(options: &Options) -> Vec<(String, String)> {
    let mut zones = vec![
        ("good.test".to_string(), format!("{GOOD_WEB}{GOOD_MAIL}mx A 127.0.0.1\n")),
        ("xn--caf-dma.test".to_string(), format!("{GOOD_WEB}{GOOD_MAIL}")),
        ("nomx.test".to_string(), format!("{GOOD_WEB}@ TXT \"v=spf1 -all\"\n")),
        (
            "noweb.test".to_string(),
            format!(
                "@ MX 10 mx.noweb.test.\nmx A {PLAIN_SMTP_IP}\n@ TXT \"v=spf1 mx ?all\"\n_dmarc TXT \"v=DMARC1; p=none\"\n"
            ),
        ),
        ("loop.test".to_string(), "www CNAME w2.loop.test.\nw2 CNAME www.loop.test.\n".to_string()),
        ("expired.test".to_string(), GOOD_WEB.to_string()),
        ("wrongname.test".to_string(), GOOD_WEB.to_string()),
        ("big.test".to_string(), GOOD_WEB.to_string()),
        ("signed.test".to_string(), GOOD_WEB.to_string()),
        ("bogus.test".to_string(), GOOD_WEB.to_string()),
    ];
    for n in 0..options.bench_domains {
        zones.push((format!("d{n}.bench.test"), format!("{GOOD_WEB}{GOOD_MAIL}")));
    }
    zones
}

async fn dns_server(options: &Options) -> Result<(SocketAddr, Arc<TrustAnchors>, Server<Catalog>), String> {
    let mut catalog = Catalog::new();
    let mut anchors = TrustAnchors::empty();
    for (origin, body) in zones(options) {
        let text = zone_text(&origin, &body);
        let name = Name::from_ascii(format!("{origin}.")).map_err(|e| e.to_string())?;
        let (name, records) = Parser::new(text, None, Some(name)).parse().map_err(|e| format!("zone {origin}: {e}"))?;
        let signed = origin == "signed.test" || origin == "bogus.test";
        let proof = if signed { Some(NxProofKind::Nsec) } else { None };
        let mut zone = InMemoryZoneHandler::new(name.clone(), records, ZoneType::Primary, AxfrPolicy::Deny, proof)?;
        if signed {
            let pkcs8 = Ed25519SigningKey::generate_pkcs8().map_err(|e| e.to_string())?;
            let key = Ed25519SigningKey::from_pkcs8(&pkcs8).map_err(|e| e.to_string())?;
            let public = key.to_public_key().map_err(|e| e.to_string())?;
            anchors.insert_with_name(&public, LowerName::new(&name));
            let dnskey = DNSKEY::from_key(&public);
            let signer = DnssecSigner::new(dnskey, Box::new(key), name.clone(), Duration::from_secs(86_400 * 30));
            zone.add_zone_signing_key_mut(signer).map_err(|e| e.to_string())?;
            zone.secure_zone_mut().map_err(|e| e.to_string())?;
            if origin == "bogus.test" {
                tamper(&mut zone, &name)?;
            }
        }
        let handler: Arc<dyn ZoneHandler> = Arc::new(zone);
        catalog.upsert(LowerName::new(&name), vec![handler]);
    }
    let (udp, tcp, address) = dns_sockets().await?;
    let mut server = Server::new(catalog);
    server.register_socket(udp);
    server.register_listener(tcp, Duration::from_secs(5), 64 * 1024);
    Ok((address, Arc::new(anchors), server))
}

/// A UDP socket and a TCP listener on the same port. The port the system
/// gives for UDP may be held by another process's TCP socket (tests run in
/// parallel), so a taken pair is dropped and another tried.
async fn dns_sockets() -> Result<(UdpSocket, TcpListener, SocketAddr), String> {
    let mut last = String::new();
    for _ in 0..20 {
        let udp = UdpSocket::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
        let address = udp.local_addr().map_err(|e| e.to_string())?;
        match TcpListener::bind(address).await {
            Ok(tcp) => return Ok((udp, tcp, address)),
            Err(e) => last = format!("DNS over TCP on {address}: {e}"),
        }
    }
    Err(last)
}

/// Changes the SOA's data after signing, keeping the old signature: what a
/// validating resolver must call bogus.
fn tamper(zone: &mut InMemoryZoneHandler, origin: &Name) -> Result<(), String> {
    let key = RrKey::new(LowerName::new(origin), RecordType::SOA);
    let records = zone.records_get_mut();
    let set = records.get_mut(&key).ok_or("bogus.test has no SOA")?;
    let set = Arc::make_mut(set);
    let mut changed: Vec<Record> = Vec::new();
    for record in set.records_without_rrsigs() {
        let mut record = record.clone();
        if let RData::SOA(soa) = &mut record.data {
            soa.minimum += 1;
        }
        changed.push(record);
    }
    let rrsigs: Vec<Record> = set.rrsigs().to_vec();
    set.set_records(changed);
    set.set_rrsigs(rrsigs);
    Ok(())
}

// ---------------------------------------------------------------- certificates

struct Certificates {
    root: CertificateDer<'static>,
    root_pem: String,
    good: Arc<CertifiedKey>,
    expired: Arc<CertifiedKey>,
    wrong: Arc<CertifiedKey>,
}

impl Certificates {
    fn new() -> Result<Certificates, String> {
        let e = |e: rcgen::Error| e.to_string();
        let mut root_params = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(e)?;
        root_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        root_params.distinguished_name.push(rcgen::DnType::CommonName, "Préau check-up test root");
        root_params.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign, rcgen::KeyUsagePurpose::CrlSign];
        let root =
            rcgen::CertifiedIssuer::self_signed(root_params, rcgen::KeyPair::generate().map_err(e)?).map_err(e)?;
        let leaf = |names: Vec<String>, expired: bool| -> Result<Arc<CertifiedKey>, String> {
            let mut params = rcgen::CertificateParams::new(names).map_err(e)?;
            if expired {
                params.not_before = rcgen::date_time_ymd(2020, 1, 1);
                params.not_after = rcgen::date_time_ymd(2021, 1, 1);
            } else {
                params.not_before = rcgen::date_time_ymd(2025, 1, 1);
                params.not_after = rcgen::date_time_ymd(2099, 1, 1);
            }
            let key = rcgen::KeyPair::generate().map_err(e)?;
            let cert = params.signed_by(&key, &root).map_err(e)?;
            let private = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
            let signing = rustls::crypto::ring::sign::any_supported_type(&private).map_err(|e| e.to_string())?;
            Ok(Arc::new(CertifiedKey::new(vec![cert.der().clone(), root.der().clone()], signing)))
        };
        let good_names: Vec<String> = [
            "good.test",
            "www.good.test",
            "mta-sts.good.test",
            "mx.good.test",
            "xn--caf-dma.test",
            "www.xn--caf-dma.test",
            "nomx.test",
            "www.nomx.test",
            "big.test",
            "signed.test",
            "bogus.test",
            "*.bench.test",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Ok(Certificates {
            root: root.der().clone(),
            root_pem: root.pem(),
            good: leaf(good_names, false)?,
            expired: leaf(vec!["expired.test".into(), "www.expired.test".into()], true)?,
            wrong: leaf(vec!["other.test".into()], false)?,
        })
    }

    fn server_config(&self) -> Arc<rustls::ServerConfig> {
        let resolver = BySni { good: self.good.clone(), expired: self.expired.clone(), wrong: self.wrong.clone() };
        Arc::new(rustls::ServerConfig::builder().with_no_client_auth().with_cert_resolver(Arc::new(resolver)))
    }
}

#[derive(Debug)]
struct BySni {
    good: Arc<CertifiedKey>,
    expired: Arc<CertifiedKey>,
    wrong: Arc<CertifiedKey>,
}

impl ResolvesServerCert for BySni {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(match hello.server_name().unwrap_or_default() {
            n if n.ends_with("expired.test") => self.expired.clone(),
            n if n.ends_with("wrongname.test") => self.wrong.clone(),
            _ => self.good.clone(),
        })
    }
}

// ---------------------------------------------------------------- HTTP

const GOOD_PAGE: &str = "<!doctype html><html lang=fr><head><title>Association</title>\
<link rel=stylesheet href=/style.css></head><body><h1>Bienvenue</h1><img src=/logo.png alt=''></body></html>";

const TRACKED_PAGE: &str = "<!doctype html><html><head>\
<link rel=stylesheet href='https://fonts.googleapis.com/css2?family=Roboto'>\
<script async src='https://www.googletagmanager.com/gtag/js?id=G-TEST'></script>\
<script>window.dataLayer=[];gtag('config','G-TEST');</script></head>\
<body><iframe src='https://www.youtube.com/embed/x'></iframe><img src='https://cdn.example.net/a.png'></body></html>";

async fn serve(listener: TcpListener, tls: Option<tokio_rustls::TlsAcceptor>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        let _ = answer(stream, true).await;
                    }
                }
                None => {
                    let _ = answer(stream, false).await;
                }
            }
        });
    }
}

/// Reads a request head; returns (path, host without port).
async fn read_head<S: tokio::io::AsyncRead + Unpin>(stream: &mut S) -> std::io::Result<(String, String)> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        if stream.read(&mut byte).await? == 0 {
            break;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    let host = text
        .lines()
        .find_map(|l| l.strip_prefix("Host:").or_else(|| l.strip_prefix("host:")))
        .map(|h| h.trim().split(':').next().unwrap_or_default().to_ascii_lowercase())
        .unwrap_or_default();
    Ok((path, host))
}

async fn answer<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
    mut stream: S,
    secure: bool,
) -> std::io::Result<()> {
    let (path, host) = read_head(&mut stream).await?;
    let site = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let respond = |status: &str, headers: &[(&str, String)], body: &str| {
        let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
        for (name, value) in headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("\r\n");
        out.push_str(body);
        out
    };
    let good_headers = [
        ("Strict-Transport-Security", "max-age=63072000; includeSubDomains".to_string()),
        ("Content-Type", "text/html; charset=utf-8".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("X-Frame-Options", "DENY".to_string()),
        ("Referrer-Policy", "same-origin".to_string()),
        ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'".to_string()),
        ("Server", "fixture".to_string()),
    ];
    let text = match (secure, site.as_str(), path.as_str()) {
        (true, "mta-sts.good.test", "/.well-known/mta-sts.txt") => respond(
            "200 OK",
            &[("Content-Type", "text/plain".into())],
            "version: STSv1\nmode: enforce\nmx: mx.good.test\nmax_age: 604800\n",
        ),
        (false, "nomx.test", _) | (true, "nomx.test", _) => respond(
            "200 OK",
            &[
                ("Content-Type", "text/html".into()),
                ("Set-Cookie", "_ga=GA1.1.1; Path=/".into()),
                ("Set-Cookie", "PHPSESSID=abc; Path=/; HttpOnly".into()),
            ],
            TRACKED_PAGE,
        ),
        (true, "big.test", "/") => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {BIG_PAGE_BYTES}\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0u64;
            while sent < BIG_PAGE_BYTES {
                stream.write_all(&chunk).await?;
                sent += chunk.len() as u64;
            }
            return stream.flush().await;
        }
        (false, _, _) => respond("301 Moved Permanently", &[("Location", format!("https://{host}{path}"))], ""),
        (true, _, _) => respond("200 OK", &good_headers, GOOD_PAGE),
    };
    stream.write_all(text.as_bytes()).await?;
    stream.flush().await?;
    let _ = stream.shutdown().await;
    Ok(())
}

// ---------------------------------------------------------------- RDAP

async fn serve_rdap(listener: TcpListener) {
    loop {
        let Ok((mut stream, _)) = listener.accept().await else { continue };
        tokio::spawn(async move {
            let Ok((path, _)) = read_head(&mut stream).await else { return };
            let name = path.strip_prefix("/domain/").unwrap_or_default().to_ascii_lowercase();
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            let (status, extra, body) = match name.as_str() {
                "loop.test" => ("429 Too Many Requests", "Retry-After: 60\r\n", String::new()),
                "noweb.test" | "" => ("404 Not Found", "", r#"{"errorCode":404,"title":"Not Found"}"#.to_string()),
                _ => {
                    let days = if name == "nomx.test" { 10 } else { 400 };
                    ("200 OK", "", rdap_json(&name, now + days * 86_400))
                }
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/rdap+json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes()).await;
            let _ = stream.shutdown().await;
        });
    }
}

fn rdap_json(name: &str, expires: u64) -> String {
    // RFC 3339 from Unix seconds, without a date crate.
    let days = (expires / 86_400) as i64;
    let (y, m, d) = civil_from_days(days);
    format!(
        r#"{{"objectClassName":"domain","ldhName":"{name}","status":["active"],
"events":[{{"eventAction":"registration","eventDate":"2015-06-01T00:00:00Z"}},{{"eventAction":"expiration","eventDate":"{y:04}-{m:02}-{d:02}T00:00:00Z"}}],
"entities":[{{"objectClassName":"entity","roles":["registrar"],"vcardArray":["vcard",[["version",{{}},"text","4.0"],["fn",{{}},"text","Registrar of Tests"]]]}}],
"nameservers":[{{"ldhName":"ns1.{name}"}},{{"ldhName":"ns2.{name}"}}],"secureDNS":{{"delegationSigned":false}}}}"#
    )
}

/// Days since 1970-01-01 to (year, month, day) (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

// ---------------------------------------------------------------- SMTP

async fn serve_smtp(listener: TcpListener, tls: Option<tokio_rustls::TlsAcceptor>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let tls = tls.clone();
        tokio::spawn(async move {
            let _ = smtp_session(stream, tls).await;
        });
    }
}

async fn smtp_session(stream: TcpStream, tls: Option<tokio_rustls::TlsAcceptor>) -> std::io::Result<()> {
    let mut stream = BufReader::new(stream);
    stream.get_mut().write_all(b"220 mx.test ESMTP fixture\r\n").await?;
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim().to_ascii_uppercase();
        if command.starts_with("EHLO") {
            let reply: &[u8] = if tls.is_some() {
                b"250-mx.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n"
            } else {
                b"250-mx.test\r\n250 PIPELINING\r\n"
            };
            stream.get_mut().write_all(reply).await?;
        } else if command == "STARTTLS" && tls.is_some() {
            stream.get_mut().write_all(b"220 2.0.0 Ready to start TLS\r\n").await?;
            let acceptor = tls.clone().ok_or(std::io::ErrorKind::Other)?;
            let mut secure = BufReader::new(acceptor.accept(stream.into_inner()).await?);
            let mut line = String::new();
            while secure.read_line(&mut line).await? > 0 {
                if line.trim().eq_ignore_ascii_case("QUIT") {
                    secure.get_mut().write_all(b"221 bye\r\n").await?;
                    return Ok(());
                }
                secure.get_mut().write_all(b"250 ok\r\n").await?;
                line.clear();
            }
            return Ok(());
        } else if command == "QUIT" {
            stream.get_mut().write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            stream.get_mut().write_all(b"502 not here\r\n").await?;
        }
    }
}
