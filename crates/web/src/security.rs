//! Security middleware: response headers on every page, and a cross-site
//! request check on every state-changing request (Fetch Metadata, then
//! `Origin`). Forms also carry a token matched against a cookie
//! (see `auth::CsrfForm`), which works without JavaScript on old browsers.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The shell's Content Security Policy: no script at all, styles and
/// images from this server only.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
    frame-ancestors 'none'; base-uri 'none'";

/// Refuses cross-site unsafe requests, and gives every visitor a form-token
/// cookie (`preau_csrf`) the first time they come.
pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) && is_cross_site(&req) {
        tracing::warn!(path = %req.uri().path(), "cross-site request refused");
        return StatusCode::FORBIDDEN.into_response();
    }
    let fresh = match crate::auth::cookie(req.headers(), crate::auth::CSRF_COOKIE) {
        Some(t) if t.len() == 64 => None,
        _ => Some(crate::crypto::token()),
    };
    if let Some(t) = &fresh {
        req.extensions_mut().insert(crate::auth::CsrfToken(t.clone()));
    }
    let mut r = next.run(req).await;
    if let Some(t) = fresh {
        let c = crate::auth::cookie_header(crate::auth::CSRF_COOKIE, &t, None, "Strict", state.config.behind_tls());
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

/// Sets the security headers on every response, error pages included.
pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    set_headers(&mut r, state.config.behind_tls());
    r
}

fn is_cross_site(req: &Request) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match (h.get(header::ORIGIN).and_then(|v| v.to_str().ok()), h.get(header::HOST).and_then(|v| v.to_str().ok())) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) != Some(host),
        // No Origin header: an old browser or a non-browser client; the form token decides.
        _ => false,
    }
}

/// Headers every response carries.
pub fn set_headers(r: &mut Response, tls: bool) {
    let h = r.headers_mut();
    let mut put = |name: &'static str, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    put("content-security-policy", CSP);
    put("x-content-type-options", "nosniff");
    put("x-frame-options", "DENY");
    put("referrer-policy", "no-referrer");
    put("cross-origin-opener-policy", "same-origin");
    put("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if tls {
        put("strict-transport-security", "max-age=31536000; includeSubDomains");
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}
