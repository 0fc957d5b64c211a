//! Forgotten password: a one-hour single-use link sent by email. The answer
//! is the same whether the account exists or not.

use super::setup::bad_link;
use super::{Chrome, FormState, refused};
use crate::auth::{CsrfToken, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::validate;
use store::tokens::{self, Purpose};

#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage {
    c: Chrome,
    f: FormState,
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    c: Chrome,
    f: FormState,
    token: String,
}

/// The "forgot password" form.
pub async fn show_forgot(tr: Tr, csrf: CsrfToken) -> Result<Response, AppError> {
    page(&ForgotPage { c: Chrome::anonymous(tr, &tr.t("forgot-title")).with_csrf(&csrf), f: FormState::default() })
}

/// Queues the reset email if the account exists.
pub async fn send_reset(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    posted: Posted,
) -> Result<Response, AppError> {
    let Some(email) = validate::email(posted.get("email")) else {
        let mut f = FormState::keep(&posted, &["email"]);
        f.error(&tr, "email", "error-email");
        let c = Chrome::anonymous(tr, &tr.t("forgot-title")).with_csrf(&csrf);
        return Ok(refused(page(&ForgotPage { c, f })?));
    };
    let t = now();
    if let Some(user) = store::users::by_email(&s.db, &email).await? {
        tokens::expire_all(&s.db, Purpose::Reset, Some(user.id()), t).await?;
        let token = crate::crypto::token();
        tokens::create(&s.db, &crate::crypto::token_hash(&token), Purpose::Reset, Some(user.id()), t, t + 3600).await?;
        let link = format!("{}/password/reset/{token}", s.config.public_url);
        let body = tr.args("mail-reset-body", &[("name", user.display_name.clone()), ("link", link)]);
        store::mail::enqueue(&s.db, &user.email, &tr.t("mail-reset-subject"), &body, t).await?;
    }
    super::message(tr, &tr.t("forgot-sent-title"), &tr.t("forgot-sent-text"), "/login", &tr.t("link-to-login"))
}

/// The new-password form, if the link is valid.
pub async fn show_reset(
    State(s): State<AppState>,
    Path(token): Path<String>,
    tr: Tr,
    csrf: CsrfToken,
) -> Result<Response, AppError> {
    if let Err(p) = tokens::check(&s.db, &crate::crypto::token_hash(&token), Purpose::Reset, now()).await? {
        return bad_link(tr, p);
    }
    page(&ResetPage { c: Chrome::anonymous(tr, &tr.t("reset-title")).with_csrf(&csrf), f: FormState::default(), token })
}

/// Sets the new password, ends every session, and sends to the login page.
pub async fn save_reset(
    State(s): State<AppState>,
    Path(token): Path<String>,
    tr: Tr,
    csrf: CsrfToken,
    posted: Posted,
) -> Result<Response, AppError> {
    let hash = crate::crypto::token_hash(&token);
    let t = now();
    if let Err(p) = tokens::check(&s.db, &hash, Purpose::Reset, t).await? {
        return bad_link(tr, p);
    }
    let mut f = FormState::default();
    let password = f.new_password(&tr, &posted, "password", "password_confirm").unwrap_or_default();
    if f.has_errors() {
        let c = Chrome::anonymous(tr, &tr.t("reset-title")).with_csrf(&csrf);
        return Ok(refused(page(&ResetPage { c, f, token })?));
    }
    let user = match tokens::consume(&s.db, &hash, Purpose::Reset, t).await? {
        Ok(Some(u)) => u,
        Ok(None) => return Err(AppError::NotFound),
        Err(p) => return bad_link(tr, p),
    };
    let pw = crate::passwords::hash(s.config.argon, password.to_string()).await;
    store::users::set_password(&s.db, user, &pw).await?;
    super::login::end_other_sessions(&s, user, None).await?;
    Ok(super::done("/login", "notice-reset-done"))
}
