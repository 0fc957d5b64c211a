//! The association's settings: identity, fiscal year, modules, logo.

use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{Authorized, CSRF_COOKIE, CsrfToken, InAssociation, Posted, constant_time_eq, cookie};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use domain::Administer;
use domain::settings::{Module, SettingsInput};

/// Largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    c: Chrome,
    f: FormState,
    modules: Vec<(&'static str, bool)>,
    months: Vec<(i64, String)>,
    has_logo: bool,
}

async fn render(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    chosen: Vec<Module>,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let has_logo = store::associations::logo(&s.db, ctx.association_id()).await?.is_some();
    let months = (1..=12).map(|m| (m, tr.t(&format!("month-{m}")))).collect();
    let modules = Module::ALL.iter().map(|m| (m.code(), chosen.contains(m))).collect();
    let c = Chrome::inside(tr, &tr.t("settings-title"), "settings", ctx).with_csrf(csrf).notice(notice);
    page(&SettingsPage { c, f, modules, months, has_logo })
}

/// The settings form, filled with the current values.
pub async fn show_settings(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let a = &who.ctx.association;
    let mut f = FormState::default();
    f.set("name", &a.name);
    f.set("address", &a.address);
    f.set("siren", a.siren.clone().unwrap_or_default());
    f.set("rna", a.rna.clone().unwrap_or_default());
    f.set("contact_email", a.contact_email.clone().unwrap_or_default());
    f.set("fiscal_year_start_month", a.fiscal_year_start_month.to_string());
    render(&s, tr, &csrf, &who.ctx, f, a.modules(), q.notice.as_deref()).await
}

/// Saves the settings; every error is shown next to its field.
pub async fn save_settings(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    let input = SettingsInput {
        name: posted.get("name").into(),
        address: posted.get("address").into(),
        siren: posted.get("siren").into(),
        rna: posted.get("rna").into(),
        contact_email: posted.get("contact_email").into(),
        fiscal_year_start_month: posted.get("fiscal_year_start_month").into(),
        modules: posted.all("modules"),
    };
    match input.validate() {
        Ok(settings) => {
            store::associations::update_settings(&s.db, &who.grant, &settings).await?;
            store::audit::record(
                &s.db,
                who.grant.association_id(),
                Some(who.grant.user_id()),
                "settings.update",
                &settings.name,
                now(),
            )
            .await?;
            Ok(done("/settings", "notice-saved"))
        }
        Err(inv) => {
            let mut f = FormState::keep(
                &posted,
                &["name", "address", "siren", "rna", "contact_email", "fiscal_year_start_month"],
            );
            f.invalid(&tr, &inv);
            let chosen = posted.all("modules").iter().filter_map(|m| Module::from_code(m)).collect();
            Ok(refused(render(&s, tr, &csrf, &who.ctx, f, chosen, None).await?))
        }
    }
}

/// Recognises PNG and JPEG by their first bytes (never trusting the declared type).
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Replaces the logo (PNG or JPEG, at most 512 KB).
pub async fn save_logo(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    headers: HeaderMap,
    who: Authorized<Administer>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let mut token = String::new();
    let mut logo: Option<Vec<u8>> = None;
    let mut too_big = false;
    while let Ok(Some(field)) = form.next_field().await {
        match field.name() {
            Some("csrf") => token = field.text().await.unwrap_or_default(),
            Some("logo") => match field.bytes().await {
                Ok(b) if b.len() <= MAX_LOGO_BYTES => logo = Some(b.to_vec()),
                _ => too_big = true,
            },
            _ => {}
        }
    }
    let expected = cookie(&headers, CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !constant_time_eq(expected.as_bytes(), token.as_bytes()) {
        return Err(AppError::Forbidden);
    }
    let mut f = FormState::default();
    let kind = logo.as_deref().and_then(image_type);
    match (&logo, kind) {
        _ if too_big => f.error(&tr, "logo", "error-logo-size"),
        (Some(b), Some(kind)) if !b.is_empty() => {
            store::associations::set_logo(&s.db, &who.grant, kind, b, now()).await?;
            store::audit::record(
                &s.db,
                who.grant.association_id(),
                Some(who.grant.user_id()),
                "settings.logo",
                kind,
                now(),
            )
            .await?;
            return Ok(done("/settings", "notice-saved"));
        }
        _ => f.error(&tr, "logo", "error-logo-type"),
    }
    let a = &who.ctx.association;
    for (k, v) in [
        ("name", a.name.clone()),
        ("address", a.address.clone()),
        ("fiscal_year_start_month", a.fiscal_year_start_month.to_string()),
    ] {
        f.set(k, v);
    }
    Ok(refused(render(&s, tr, &csrf, &who.ctx, f, a.modules(), None).await?))
}

/// The current association's logo.
pub async fn show_logo(State(s): State<AppState>, ctx: InAssociation) -> Result<Response, AppError> {
    match store::associations::logo(&s.db, ctx.association_id()).await? {
        Some((kind, bytes)) => Ok(([(header::CONTENT_TYPE, kind)], bytes).into_response()),
        None => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn logo_types_come_from_the_bytes() {
        assert_eq!(super::image_type(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(super::image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(super::image_type(b"<svg onload=alert(1)>"), None);
    }
}
