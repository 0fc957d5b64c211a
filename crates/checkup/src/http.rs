//! HTTP/1.1 GETs, one connection each: the host resolved through the
//! configured resolver, the port taken from the configuration when the URL
//! names none, the certificate recorded whatever its verdict, the body read up
//! to a bound and the rest left unread.

use crate::Ctx;
use crate::dns::DnsError;
use crate::report::Message;
use crate::tls::Handshake;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::net::TcpStream;
use url::Url;

/// Time to open a TCP connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const USER_AGENT: &str = "Mozilla/5.0 (compatible; Preau-checkup/1; +https://preau.org)";

#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    /// Header names in lower case, in order; repeated headers repeated.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the body was longer than the bound and cut.
    pub truncated: bool,
    pub tls: Option<Handshake>,
    pub address: SocketAddr,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.headers.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn is_redirect(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }

    /// The redirect's target, resolved against `from`.
    pub fn location(&self, from: &Url) -> Option<Url> {
        self.is_redirect().then(|| self.header("location").and_then(|l| from.join(l).ok())).flatten()
    }
}

/// Why a GET got no answer.
#[derive(Debug, Clone)]
pub(crate) enum FetchError {
    /// The host has no address (or its CNAMEs loop).
    Dns(DnsError),
    /// No TCP connection (refused, unreachable, timed out).
    Connect(String),
    /// The TLS handshake failed (no TLS there, no common version…).
    Tls(String),
    /// Connected, but no HTTP answer.
    Http(String),
}

impl FetchError {
    pub fn message(&self, url: &Url) -> Message {
        let host = url.host_str().unwrap_or_default();
        match self {
            FetchError::Dns(e) => e.message(host),
            FetchError::Connect(e) => Message::new("checkup-unknown-connect").arg("url", url).arg("reason", e),
            FetchError::Tls(e) => Message::new("checkup-unknown-tls").arg("url", url).arg("reason", e),
            FetchError::Http(e) => Message::new("checkup-unknown-http").arg("url", url).arg("reason", e),
        }
    }
}

/// The port a URL means, the configured one when it names none.
pub(crate) fn port(ctx: &Ctx, url: &Url) -> u16 {
    url.port().unwrap_or(if url.scheme() == "https" { ctx.config.https_port } else { ctx.config.http_port })
}

/// The addresses of `host`, through the configured resolver (a literal address as it is).
pub(crate) async fn addresses(ctx: &Ctx, host: &str) -> Result<Vec<IpAddr>, FetchError> {
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = literal.parse::<IpAddr>() {
        return Ok(vec![ip]);
    }
    ctx.dns.host(host).await.map(|(_, a)| a).map_err(FetchError::Dns)
}

/// Opens a TCP connection to the first address that answers.
pub(crate) async fn connect(addresses: &[IpAddr], port: u16) -> Result<(TcpStream, SocketAddr), String> {
    let mut last = "no address".to_string();
    for ip in addresses.iter().take(3) {
        let address = SocketAddr::new(*ip, port);
        match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(address)).await {
            Ok(Ok(stream)) => return Ok((stream, address)),
            Ok(Err(e)) => last = format!("{address}: {e}"),
            Err(_) => last = format!("{address}: no answer within {} s", CONNECT_TIMEOUT.as_secs()),
        }
    }
    Err(last)
}

/// One GET of `url`, its body read up to `max_body` bytes.
pub(crate) async fn get(ctx: &Ctx, url: &Url, max_body: usize) -> Result<Response, FetchError> {
    let host = url.host_str().ok_or_else(|| FetchError::Http(format!("{url}: no host")))?.to_string();
    let addresses = addresses(ctx, &host).await?;
    let (tcp, address) = connect(&addresses, port(ctx, url)).await.map_err(FetchError::Connect)?;
    let mut path = url.path().to_string();
    if let Some(query) = url.query() {
        path = format!("{path}?{query}");
    }
    let host_header = match url.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.clone(),
    };
    if url.scheme() == "https" {
        let (tls, handshake) = ctx.trust.connect(tcp, &host).await.map_err(FetchError::Tls)?;
        let mut response = exchange(tls, &host_header, &path, max_body).await?;
        response.tls = Some(handshake);
        response.address = address;
        Ok(response)
    } else {
        let mut response = exchange(tcp, &host_header, &path, max_body).await?;
        response.address = address;
        Ok(response)
    }
}

async fn exchange<S>(stream: S, host: &str, path: &str, max_body: usize) -> Result<Response, FetchError>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let http = |e: hyper::Error| FetchError::Http(e.to_string());
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.map_err(http)?;
    let driver = tokio::spawn(connection);
    let request = hyper::Request::get(path)
        .header(hyper::header::HOST, host)
        .header(hyper::header::USER_AGENT, USER_AGENT)
        .header(hyper::header::ACCEPT, "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8")
        .header(hyper::header::ACCEPT_ENCODING, "identity")
        .header(hyper::header::CONNECTION, "close")
        .body(Empty::<Bytes>::new())
        .map_err(|e| FetchError::Http(e.to_string()))?;
    let result = async {
        let response = sender.send_request(request).await.map_err(http)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_ascii_lowercase(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let mut body_stream = response.into_body();
        let mut body = Vec::new();
        let mut truncated = false;
        while let Some(frame) = body_stream.frame().await {
            let Ok(data) = frame.map_err(http)?.into_data() else { continue };
            let room = max_body - body.len();
            if data.len() >= room {
                body.extend_from_slice(&data[..room]);
                truncated = data.len() > room || body_stream.frame().await.is_some();
                break;
            }
            body.extend_from_slice(&data);
        }
        Ok(Response { status, headers, body, truncated, tls: None, address: SocketAddr::from(([0, 0, 0, 0], 0)) })
    }
    .await;
    // The rest of a long body is never read: the connection goes.
    driver.abort();
    result
}

/// A GET that follows up to `hops` redirects; returns each response's URL and
/// the responses, the last one the page (or the error that ended the chain).
pub(crate) async fn follow(
    ctx: &Ctx,
    start: &Url,
    hops: usize,
    max_body: usize,
) -> (Vec<(Url, Response)>, Option<(Url, FetchError)>) {
    let mut seen = Vec::new();
    let mut url = start.clone();
    for _ in 0..=hops {
        match get(ctx, &url, max_body).await {
            Ok(response) => {
                let next = response.location(&url).filter(|n| n.scheme() == "http" || n.scheme() == "https");
                seen.push((url.clone(), response));
                match next {
                    Some(next) if !seen.iter().any(|(u, _)| *u == next) => url = next,
                    _ => return (seen, None),
                }
            }
            Err(e) => return (seen, Some((url, e))),
        }
    }
    (seen, None)
}
