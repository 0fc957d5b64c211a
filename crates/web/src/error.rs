//! The two kinds of errors. A person's mistake is shown in its form by the
//! handler; everything else becomes an `AppError`: 404, 403, or a 500 that is
//! logged with a reference the page shows (never a stack trace).

use crate::i18n::{Lang, Tr};
use crate::pages::Chrome;
use askama::Template;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

/// A failure that ends the request with an error page.
#[derive(Debug)]
pub enum AppError {
    NotFound,
    Forbidden,
    Internal(String),
}

impl From<store::Error> for AppError {
    fn from(e: store::Error) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(format!("template: {e}"))
    }
}

/// The reference of a logged internal error, carried to the error page.
#[derive(Clone, Debug)]
struct ErrorRef(String);

fn internal(message: &str) -> Response {
    let reference = hex::encode(crate::crypto::random_bytes(5));
    tracing::error!(reference = %reference, "{message}");
    let mut r = StatusCode::INTERNAL_SERVER_ERROR.into_response();
    r.extensions_mut().insert(ErrorRef(reference));
    r
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND.into_response(),
            AppError::Forbidden => StatusCode::FORBIDDEN.into_response(),
            AppError::Internal(m) => internal(&m),
        }
    }
}

/// The fallback route.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Turns a panic into a logged 500 with a reference.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    internal(&format!("panic: {what}"))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    text_key: String,
    reference: Option<String>,
}

/// Gives bare error responses (404, 403, 413, 500…) a page in the person's language.
pub async fn render_error_pages(req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    let response = next.run(req).await;
    let status = response.status();
    // Pages and the vault script's JSON answers keep their own bodies.
    let own_body = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html") || v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || own_body {
        return response;
    }
    let code = status.as_u16();
    let key = match code {
        404 | 403 | 413 | 500 => code,
        c if c >= 500 => 500,
        _ => 400,
    };
    let reference = response.extensions().get::<ErrorRef>().map(|r| r.0.clone());
    let tr = Tr { lang };
    let page = ErrorPage {
        c: Chrome::anonymous(tr, &tr.t(&format!("error-{key}-title"))),
        text_key: format!("error-{key}-text"),
        reference,
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    let body = page.render().unwrap_or_else(|_| format!("Error {code}"));
    let mut r = Response::from_parts(parts, Body::from(body));
    *r.status_mut() = status;
    r
}

/// Renders a template into an HTML response, or a logged 500.
pub fn page(t: &impl Template) -> Result<Response, AppError> {
    Ok(Html(t.render()?).into_response())
}
