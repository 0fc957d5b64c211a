//! Just enough HTTP/1.1 and HTML for the bench: one request per connection
//! (`Connection: close`), cookies, and the links a page makes a browser fetch.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// As sent: still compressed if the server compressed it.
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The value the server set for cookie `name`, if it set it.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
            .filter_map(|(_, v)| v.split(';').next()?.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The status plus the start of the body: enough to see what went wrong.
    pub fn summary(&self) -> String {
        let text = self.text();
        let excerpt: String = text.chars().take(300).collect();
        format!("status {} {}", self.status, excerpt.trim())
    }
}

/// Sends one request to `127.0.0.1:port` and reads the whole response.
pub fn request(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Result<Response, String> {
    let fail = |e: std::io::Error| format!("{method} {path}: {e}");
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(fail)?;
    stream.set_read_timeout(Some(TIMEOUT)).map_err(fail)?;
    stream.set_write_timeout(Some(TIMEOUT)).map_err(fail)?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nUser-Agent: preau-xtask-bench\r\n"
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut raw = head.into_bytes();
    raw.extend_from_slice(body);
    stream.write_all(&raw).map_err(fail)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).map_err(fail)?;
    parse_response(&response).map_err(|e| format!("{method} {path}: {e}"))
}

pub fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> Result<Response, String> {
    request(port, "GET", path, headers, b"")
}

/// Parses a complete response read up to the closed connection.
pub fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or("response ended inside the headers")?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| "response headers are not UTF-8")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line `{status_line}`"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut response = Response { status, headers, body: raw[split + 4..].to_vec() };
    let chunked = response.header("transfer-encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked {
        response.body = dechunk(&response.body)?;
    } else if let Some(length) = response.header("content-length").and_then(|l| l.parse().ok()) {
        if response.body.len() < length {
            return Err(format!("body has {} bytes, Content-Length says {length}", response.body.len()));
        }
        response.body.truncate(length);
    }
    Ok(response)
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let eol = rest.windows(2).position(|w| w == b"\r\n").ok_or("truncated chunk size")?;
        let size_line = std::str::from_utf8(&rest[..eol]).map_err(|_| "bad chunk size")?;
        let size_hex = size_line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| format!("bad chunk size `{size_hex}`"))?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Ok(body);
        }
        let chunk = rest.get(..size).ok_or("truncated chunk")?;
        body.extend_from_slice(chunk);
        rest = rest.get(size + 2..).ok_or("truncated chunk")?;
    }
}

/// `application/x-www-form-urlencoded` for `pairs`.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => (b as char).to_string(),
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The attributes of every `<tag …>` in `html`, names lower-cased, values unescaped.
pub fn tags(html: &str, tag: &str) -> Vec<Vec<(String, String)>> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&open) {
        let start = from + at + open.len();
        from = start;
        // `<linkage>` is not `<link>`.
        if !lower[start..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            continue;
        }
        let (attributes, end) = attributes(&html[start..]);
        found.push(attributes);
        from = start + end;
    }
    found
}

/// Parses `name="v" name='v' name=v flag` up to the closing `>`; returns the
/// attributes and how many bytes were read.
fn attributes(s: &str) -> (Vec<(String, String)>, usize) {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let is_name_end = |b: u8| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/');
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (out, i + 1),
            b if b.is_ascii_whitespace() || b == b'/' => i += 1,
            _ => {
                let name_start = i;
                while i < bytes.len() && !is_name_end(bytes[i]) {
                    i += 1;
                }
                let name = s[name_start..i].to_ascii_lowercase();
                let mut value = String::new();
                if bytes.get(i) == Some(&b'=') {
                    i += 1;
                    let (raw, next) = match bytes.get(i) {
                        Some(&q) if q == b'"' || q == b'\'' => {
                            let len = s[i + 1..].find(q as char).unwrap_or(s.len() - i - 1);
                            (&s[i + 1..i + 1 + len], (i + 2 + len).min(s.len()))
                        }
                        _ => {
                            let len = s[i..].find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(s.len() - i);
                            (&s[i..i + len], i + len)
                        }
                    };
                    value = unescape(raw);
                    i = next;
                }
                out.push((name, value));
            }
        }
    }
    (out, s.len())
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attribute<'a>(attributes: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// The value of `<input name="name" value="…">`.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    tags(html, "input")
        .iter()
        .find(|a| attribute(a, "name") == Some(name))
        .and_then(|a| attribute(a, "value"))
        .map(str::to_string)
}

/// What the page makes a browser fetch straight away, in order, without
/// duplicates: stylesheets, scripts, images, and icons or preloads (browsers
/// request those too, so they count against the request budget).
pub fn page_assets(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for link in tags(html, "link") {
        let rel = attribute(&link, "rel").unwrap_or_default().to_ascii_lowercase();
        let fetched =
            rel.split_ascii_whitespace().any(|r| matches!(r, "stylesheet" | "icon" | "preload" | "modulepreload"));
        if fetched && let Some(href) = attribute(&link, "href") {
            urls.push(href.to_string());
        }
    }
    for (tag, attr) in [("script", "src"), ("img", "src")] {
        urls.extend(tags(html, tag).iter().filter_map(|a| attribute(a, attr)).map(str::to_string));
    }
    dedup_fetchable(urls)
}

/// What a stylesheet makes a browser fetch: `url(…)` and `@import "…"`.
/// Fonts and background images live here and weigh the most.
pub fn stylesheet_assets(css: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let end = rest.find(')').unwrap_or(rest.len());
        urls.push(rest[..end].trim().trim_matches(|c| c == '"' || c == '\'').to_string());
        rest = &rest[end..];
    }
    let mut rest = css;
    while let Some(at) = rest.find("@import") {
        rest = rest[at + 7..].trim_start();
        if let Some(q @ ('"' | '\'')) = rest.chars().next()
            && let Some(end) = rest[1..].find(q)
        {
            urls.push(rest[1..1 + end].to_string());
        }
    }
    dedup_fetchable(urls)
}

/// Drops inline `data:` URLs, fragments and duplicates.
fn dedup_fetchable(urls: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for url in urls {
        let url = url.split('#').next().unwrap_or_default().to_string();
        if !url.is_empty() && !url.starts_with("data:") && !out.contains(&url) {
            out.push(url);
        }
    }
    out
}

/// Where `reference`, found in the document at `base` (a path), points:
/// `Some(path)` on this server, `None` if on another host.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    if reference.contains("://") || reference.starts_with("//") {
        return None;
    }
    let joined = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{reference}")
    };
    let (path, query) = match joined.split_once('?') {
        Some((p, q)) => (p.to_string(), Some(q)),
        None => (joined.clone(), None),
    };
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/').skip(1) {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut resolved = format!("/{}", segments.join("/"));
    if let Some(query) = query {
        resolved.push('?');
        resolved.push_str(query);
    }
    Some(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_plain_response_with_cookies() {
        let raw = b"HTTP/1.1 303 See Other\r\nlocation: /\r\nset-cookie: preau_session=abc123; Path=/; HttpOnly\r\n\
                    Set-Cookie: preau_csrf=x%2Fy; Path=/; SameSite=Lax\r\ncontent-length: 5\r\n\r\nhello";
        let response = parse_response(raw).unwrap();
        assert_eq!(response.status, 303);
        assert_eq!(response.header("Location"), Some("/"));
        assert_eq!(response.set_cookie("preau_session").as_deref(), Some("abc123"));
        assert_eq!(response.set_cookie("preau_csrf").as_deref(), Some("x%2Fy"));
        assert_eq!(response.set_cookie("other"), None);
        assert_eq!(response.body, b"hello");
    }

    #[test]
    fn parses_a_chunked_response() {
        let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n";
        assert_eq!(parse_response(raw).unwrap().text(), "hello, world");
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel").is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhello").is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-").is_err());
    }

    #[test]
    fn encodes_forms() {
        assert_eq!(
            form_encode(&[("csrf", "a+b/c="), ("email", "tresoriere@amis.example"), ("password", "mot de passe é")]),
            "csrf=a%2Bb%2Fc%3D&email=tresoriere%40amis.example&password=mot+de+passe+%C3%A9"
        );
    }

    const LOGIN: &str = r#"<!doctype html><html><head>
        <link rel="stylesheet" href="/static/app.3f2a.css">
        <link rel=icon href='/static/icon.svg'><link rel="canonical" href="/login">
        <linkage href="/nope">
        <script type="module" src="/static/app.js" defer></script>
        </head><body><img src="/static/logo.svg" alt="Préau"><img src="data:image/png;base64,AAAA">
        <form method="post"><INPUT type="hidden" name="csrf" value="k&amp;7&#x27;q"/>
        <input type=email name=email><script src="/static/app.js"></script></form></body></html>"#;

    #[test]
    fn finds_what_a_page_fetches() {
        assert_eq!(
            page_assets(LOGIN),
            ["/static/app.3f2a.css", "/static/icon.svg", "/static/app.js", "/static/logo.svg"]
        );
    }

    #[test]
    fn finds_the_csrf_field() {
        assert_eq!(input_value(LOGIN, "csrf").as_deref(), Some("k&7'q"));
        assert_eq!(input_value(LOGIN, "email"), None);
        assert_eq!(input_value(LOGIN, "password"), None);
    }

    #[test]
    fn finds_what_a_stylesheet_fetches() {
        let css = r#"@import "base.css"; @font-face { src: url("fonts/inter.woff2") format("woff2"); }
                     .x { background: url(data:image/svg+xml;utf8,<svg/>) } .y { background: url( '../img/a.png#z' ) }"#;
        assert_eq!(stylesheet_assets(css), ["fonts/inter.woff2", "../img/a.png", "base.css"]);
    }

    #[test]
    fn resolves_relative_references() {
        assert_eq!(resolve("/static/css/app.css", "fonts/a.woff2").as_deref(), Some("/static/css/fonts/a.woff2"));
        assert_eq!(resolve("/static/css/app.css", "../img/a.png").as_deref(), Some("/static/img/a.png"));
        assert_eq!(resolve("/login", "/static/a.css?v=2").as_deref(), Some("/static/a.css?v=2"));
        assert_eq!(resolve("/login", "https://cdn.example/a.css"), None);
        assert_eq!(resolve("/login", "//cdn.example/a.css"), None);
    }
}
