//! The one-time setup link: creates the first association and its first
//! administrator, who also becomes the host operator.

use super::{Chrome, FormState, refused};
use crate::auth::{CsrfToken, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::pages::login::{ClientInfo, start_session};
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::{HostOperator, Role, validate};
use store::tokens::{self, Purpose, TokenProblem};

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    c: Chrome,
    f: FormState,
    token: String,
}

/// The page shown for an unusable link: unknown, expired or already used.
pub fn bad_link(tr: Tr, problem: TokenProblem) -> Result<Response, AppError> {
    let key = match problem {
        TokenProblem::Unknown => "link-unknown",
        TokenProblem::Expired => "link-expired",
        TokenProblem::Used => "link-used",
    };
    let mut r = super::message(
        tr,
        &tr.t(&format!("{key}-title")),
        &tr.t(&format!("{key}-text")),
        "/login",
        &tr.t("link-to-login"),
    )?;
    *r.status_mut() = axum::http::StatusCode::GONE;
    Ok(r)
}

/// Shows the setup form if the link is still valid.
pub async fn show_setup(
    State(s): State<AppState>,
    Path(token): Path<String>,
    tr: Tr,
    csrf: CsrfToken,
) -> Result<Response, AppError> {
    if let Err(p) = tokens::check(&s.db, &crate::crypto::token_hash(&token), Purpose::Setup, now()).await? {
        return bad_link(tr, p);
    }
    page(&SetupPage { c: Chrome::anonymous(tr, &tr.t("setup-title")).with_csrf(&csrf), f: FormState::default(), token })
}

/// Creates the association and its administrator, then signs them in.
pub async fn save_setup(
    State(s): State<AppState>,
    Path(token): Path<String>,
    tr: Tr,
    csrf: CsrfToken,
    client: ClientInfo,
    posted: Posted,
) -> Result<Response, AppError> {
    let hash = crate::crypto::token_hash(&token);
    let t = now();
    if let Err(p) = tokens::check(&s.db, &hash, Purpose::Setup, t).await? {
        return bad_link(tr, p);
    }
    let mut f = FormState::keep(&posted, &["association_name", "slug", "display_name", "email"]);
    let name =
        validate::line(posted.get("association_name"), 200).map_err(|k| f.error(&tr, "association_name", k)).ok();
    let slug = super::new_slug(&s, &tr, &mut f, name.as_deref(), posted.get("slug")).await?;
    let display_name =
        validate::line(posted.get("display_name"), 100).map_err(|k| f.error(&tr, "display_name", k)).ok();
    let email = validate::email(posted.get("email"));
    match &email {
        None => f.error(&tr, "email", "error-email"),
        Some(e) if store::users::by_email(&s.db, e).await?.is_some() => f.error(&tr, "email", "error-email-taken"),
        Some(_) => {}
    }
    let password = f.new_password(&tr, &posted, "password", "password_confirm").unwrap_or_default();
    let (Some(name), Some(slug), Some(display_name), Some(email), false) =
        (name, slug, display_name, email, f.has_errors())
    else {
        let c = Chrome::anonymous(tr, &tr.t("setup-title")).with_csrf(&csrf);
        return Ok(refused(page(&SetupPage { c, f, token })?));
    };
    if let Err(p) = tokens::consume(&s.db, &hash, Purpose::Setup, t).await? {
        return bad_link(tr, p);
    }
    let host = HostOperator::console();
    let a = store::associations::create(&s.db, &host, &slug, &name, t).await?;
    let pw = crate::passwords::hash(s.config.argon, password.to_string()).await;
    let u = store::users::create(&s.db, &email, &display_name, Some(&pw), t).await?;
    store::users::set_host_operator(&s.db, u, true).await?;
    store::team::add_by_host(&s.db, &host, a, u, Role::Administrator, t).await?;
    store::audit::record(&s.db, a, Some(u), "association.created", &slug, t).await?;
    let user = store::users::get(&s.db, u).await?.ok_or(AppError::NotFound)?;
    start_session(&s, &user, Some(a), &client, "/", "notice-welcome").await
}
