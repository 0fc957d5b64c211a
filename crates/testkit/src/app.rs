//! The application in-process on a fresh database, and a client that keeps
//! cookies and fills in the form token like a browser would.

use crate::{Backend, migrated};
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use domain::{AssociationId, HostOperator, Role, UserId};
use std::collections::BTreeMap;
use store::Db;
use tower::ServiceExt;

/// Password of every fixture account.
pub const PASSWORD: &str = "correct horse battery staple";

/// The application under test.
pub struct TestApp {
    pub db: Db,
    pub router: Router,
    pub backend: Backend,
}

/// An association made by a fixture, with its first administrator.
#[derive(Clone, Debug)]
pub struct Fixture {
    pub association: AssociationId,
    pub slug: String,
    pub admin: UserId,
    pub admin_email: String,
}

/// The server's default body and upload limits (`max_body_bytes`,
/// `max_upload_bytes`).
pub const LIMITS: (usize, usize) = (2 * 1024 * 1024, 32 * 1024 * 1024);

impl TestApp {
    /// Starts the application on a fresh database of `backend`.
    pub async fn start(backend: Backend) -> TestApp {
        Self::start_full(backend, LIMITS, offline_checkup()).await
    }

    /// Same, with one size limit for every body, files or not.
    pub async fn start_with(backend: Backend, max_body_bytes: usize) -> TestApp {
        Self::start_full(backend, (max_body_bytes, max_body_bytes), offline_checkup()).await
    }

    /// Same, with the check-up reaching the network through `checkup` (the fixtures).
    pub async fn start_with_checkup(backend: Backend, checkup: checkup::Config) -> TestApp {
        Self::start_full(backend, LIMITS, checkup).await
    }

    async fn start_full(
        backend: Backend,
        (max_body_bytes, max_upload_bytes): (usize, usize),
        checkup: checkup::Config,
    ) -> TestApp {
        let db = migrated(backend).await;
        let config = web::WebConfig {
            public_url: "http://preau.test".into(),
            max_body_bytes,
            max_upload_bytes,
            trust_proxy: false,
            argon: web::ArgonParams::cheap(),
            session_seconds: 3600,
            checkup,
        };
        let key = web::ServerKey::from_bytes(&[42; 32]);
        let router = web::router(web::AppState::new(db.clone(), key, config));
        TestApp { db, router, backend }
    }

    /// A browser with an empty cookie jar.
    pub fn client(&self) -> Client {
        Client { router: self.router.clone(), cookies: BTreeMap::new(), lang: "fr".into() }
    }

    /// An association named after `slug`, with an administrator `admin@SLUG.test`.
    pub async fn association(&self, slug: &str) -> Fixture {
        let host = HostOperator::console();
        let a = store::associations::create(&self.db, &host, slug, &format!("Association {slug}"), 1)
            .await
            .expect("association");
        let email = format!("admin@{slug}.test");
        let admin = self.user(&email).await;
        store::team::add_by_host(&self.db, &host, a, admin, Role::Administrator, 1).await.expect("admin");
        Fixture { association: a, slug: slug.into(), admin, admin_email: email }
    }

    /// An account with the fixture password.
    pub async fn user(&self, email: &str) -> UserId {
        let hash = web::passwords::hash_now(web::ArgonParams::cheap(), PASSWORD);
        let name = email.split('@').next().unwrap_or("x");
        store::users::create(&self.db, email, name, Some(&hash), 1).await.expect("user")
    }

    /// Adds `email` (created if needed) to an association with `role`.
    pub async fn member(&self, f: &Fixture, email: &str, role: Role) -> UserId {
        let u = match store::users::by_email(&self.db, email).await.expect("lookup") {
            Some(u) => u.id(),
            None => self.user(email).await,
        };
        store::team::add_by_host(&self.db, &HostOperator::console(), f.association, u, role, 1).await.expect("member");
        u
    }

    /// A client logged in as `email`.
    pub async fn logged_in(&self, email: &str) -> Client {
        let mut c = self.client();
        let r = c.login(email, PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "login of {email}: {}", r.body);
        c
    }
}

/// A check-up configuration that reaches nothing: a discard port on
/// loopback, short time limits. Tests that run checks use the fixtures.
pub fn offline_checkup() -> checkup::Config {
    let mut c = checkup::Config::new(std::net::SocketAddr::from(([127, 0, 0, 1], 9)));
    c.rdap_base = Some("http://127.0.0.1:9/".into());
    c.check_timeout = std::time::Duration::from_secs(2);
    c.dns_timeout = std::time::Duration::from_millis(500);
    c
}

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl TestResponse {
    /// Where a redirect points.
    pub fn location(&self) -> &str {
        self.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

/// A browser: cookie jar, language, and the form token taken from the cookie.
#[derive(Clone)]
pub struct Client {
    router: Router,
    pub cookies: BTreeMap<String, String>,
    pub lang: String,
}

impl Client {
    async fn send(&mut self, req: Request<Body>) -> TestResponse {
        let res = self.router.clone().oneshot(req).await.expect("infallible router");
        for c in res.headers().get_all("set-cookie") {
            let c = c.to_str().unwrap_or("");
            let (kv, attrs) = c.split_once(';').unwrap_or((c, ""));
            if let Some((k, v)) = kv.split_once('=') {
                if v.is_empty() || attrs.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap_or_default();
        TestResponse { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let cookie = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
        Request::builder()
            .method(method)
            .uri(path)
            .header("host", "preau.test")
            .header("accept-language", self.lang.as_str())
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie)
    }

    /// GET a page.
    pub async fn get(&mut self, path: &str) -> TestResponse {
        let req = self.request("GET", path).body(Body::empty()).expect("request");
        self.send(req).await
    }

    /// The form token this browser holds (fetching a page first if needed).
    pub async fn csrf(&mut self) -> String {
        if !self.cookies.contains_key("preau_csrf") {
            self.get("/login").await;
        }
        self.cookies.get("preau_csrf").cloned().unwrap_or_default()
    }

    /// POST a form, with the form token added.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &encode(&all)).await
    }

    /// POST a body as is (no token added).
    pub async fn post_raw(&mut self, path: &str, body: &str) -> TestResponse {
        let req = self
            .request("POST", path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(req).await
    }

    /// POST with custom headers (cross-site tests).
    pub async fn post_with(&mut self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        let mut req = self
            .request("POST", path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(encode(&all)))
            .expect("request");
        for (k, v) in headers {
            let name = axum::http::HeaderName::from_bytes(k.as_bytes()).expect("header name");
            req.headers_mut().insert(name, v.parse().expect("header value"));
        }
        self.send(req).await
    }

    /// POST a JSON body as the vault's script does: the form token in the
    /// `x-csrf-token` header (`Some(token)` sends that one instead).
    pub async fn post_json(&mut self, path: &str, body: &str, token: Option<&str>) -> TestResponse {
        let own = self.csrf().await;
        let req = self
            .request("POST", path)
            .header("content-type", "application/json")
            .header("x-csrf-token", token.unwrap_or(&own))
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(req).await
    }

    /// POST raw bytes as the vault's script sends a sealed file: the form
    /// token in `x-csrf-token`, other headers as given (no `content-length`
    /// unless given: the body is then read as a stream).
    pub async fn post_bytes(&mut self, path: &str, bytes: Vec<u8>, headers: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf().await;
        let mut req = self
            .request("POST", path)
            .header("content-type", "application/octet-stream")
            .header("x-csrf-token", token)
            .body(Body::from(bytes))
            .expect("request");
        for (k, v) in headers {
            let name = axum::http::HeaderName::from_bytes(k.as_bytes()).expect("header name");
            req.headers_mut().insert(name, v.parse().expect("header value"));
        }
        self.send(req).await
    }

    /// POST a multipart form (file uploads), with the form token.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        file_field: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> TestResponse {
        self.post_multipart_with(path, &[], (file_field, file_name, bytes)).await
    }

    /// POST a multipart form with text fields beside the file, with the form token.
    pub async fn post_multipart_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        (file_field, file_name, bytes): (&str, &str, &[u8]),
    ) -> TestResponse {
        let token = self.csrf().await;
        let boundary = "preau-test-boundary";
        let mut body = Vec::new();
        for (name, value) in [("csrf", token.as_str())].into_iter().chain(fields.iter().copied()) {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        body.extend(bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = self
            .request("POST", path)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    /// Logs in with email and password.
    pub async fn login(&mut self, email: &str, password: &str) -> TestResponse {
        self.post("/login", &[("email", email), ("password", password)]).await
    }
}

/// Encodes form fields.
pub fn encode(fields: &[(&str, &str)]) -> String {
    fields.iter().map(|(k, v)| format!("{}={}", pct(k), pct(v))).collect::<Vec<_>>().join("&")
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Runs an async web test on SQLite and on PostgreSQL:
/// `web_test!(name, |app: TestApp| async move { ... });`
#[macro_export]
macro_rules! web_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::app::TestApp::start($crate::Backend::Sqlite).await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let app = $crate::app::TestApp::start($crate::Backend::Postgres).await;
                ($body)(app).await;
            }
        }
    };
}
