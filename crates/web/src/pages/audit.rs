//! The audit log, for the association's administrators.

use super::Chrome;
use crate::AppState;
use crate::auth::{Authorized, CsrfToken};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::Administer;
use store::audit::Entry;

/// Entries per page.
const PER_PAGE: i64 = 50;

#[derive(serde::Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    entries: Vec<Entry>,
    page: i64,
    pages: i64,
    total: i64,
}

/// One page of the log, newest first.
pub async fn show_audit(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let current = q.page.unwrap_or(1).max(1);
    let (entries, total) = store::audit::page(&s.db, &who.grant, (current - 1) * PER_PAGE, PER_PAGE).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let c = Chrome::inside(tr, &tr.t("audit-title"), "audit", &who.ctx).with_csrf(&csrf);
    page(&AuditPage { c, entries, page: current, pages, total })
}
