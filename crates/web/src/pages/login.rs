//! Logging in (password, then the second factor if enabled) and out, with
//! failed attempts limited per account and per address.

use super::{Chrome, FormState, refused};
use crate::auth::{AnySession, CsrfToken, Posted, SESSION_COOKIE, SignedIn, client_ip, cookie_header};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now, twofactor};
use askama::Template;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{AssociationId, UserId};
use store::users::User;

/// Failed logins allowed per account in the window.
pub const ACCOUNT_LIMIT: i64 = 5;
/// Failed logins allowed per address in the window (shared offices, NAT).
pub const ADDRESS_LIMIT: i64 = 30;
/// The window, in seconds.
pub const WINDOW: i64 = 15 * 60;

/// Where a request comes from, recorded with its session.
pub struct ClientInfo {
    pub ip: String,
    pub user_agent: String,
}

impl FromRequestParts<AppState> for ClientInfo {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ua = parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
        Ok(ClientInfo { ip: client_ip(parts, state.config.trust_proxy), user_agent: ua.chars().take(200).collect() })
    }
}

#[derive(serde::Deserialize, Default)]
pub struct LoginQuery {
    next: Option<String>,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    f: FormState,
    next: String,
}

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage {
    c: Chrome,
    f: FormState,
    next: String,
}

/// Only local paths are followed after login (no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') { next } else { "/" }
}

/// The login form.
pub async fn show_login(tr: Tr, csrf: CsrfToken, Query(q): Query<LoginQuery>) -> Result<Response, AppError> {
    let c = Chrome::anonymous(tr, &tr.t("login-title")).with_csrf(&csrf).notice(q.notice.as_deref());
    page(&LoginPage { c, f: FormState::default(), next: safe_next(q.next.as_deref().unwrap_or("/")).to_string() })
}

/// Minutes until `subject` may try again, if it is over `limit`.
async fn locked(s: &AppState, subject: &str, limit: i64, t: i64) -> Result<Option<i64>, AppError> {
    let (count, oldest) = store::throttle::failures_since(&s.db, subject, t - WINDOW).await?;
    Ok((count >= limit).then(|| ((oldest.unwrap_or(t) + WINDOW - t + 59) / 60).max(1)))
}

async fn fail(s: &AppState, subjects: &[&str], t: i64) -> Result<(), AppError> {
    for subject in subjects {
        store::throttle::record_failure(&s.db, subject, t).await?;
    }
    Ok(())
}

/// Checks email and password; opens a session (pending the second factor if enabled).
pub async fn login(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    client: ClientInfo,
    posted: Posted,
) -> Result<Response, AppError> {
    let t = now();
    let next = safe_next(posted.get("next")).to_string();
    let mut f = FormState::keep(&posted, &["email"]);
    let email = domain::validate::email(posted.get("email")).unwrap_or_default();
    let account = format!("account:{email}");
    let address = format!("ip:{}", client.ip);
    let render = |f: FormState, status: StatusCode| -> Result<Response, AppError> {
        let c = Chrome::anonymous(tr, &tr.t("login-title")).with_csrf(&csrf);
        let mut r = page(&LoginPage { c, f, next: next.clone() })?;
        *r.status_mut() = status;
        Ok(r)
    };
    let wait = match locked(&s, &account, ACCOUNT_LIMIT, t).await? {
        Some(m) => Some(m),
        None => locked(&s, &address, ADDRESS_LIMIT, t).await?,
    };
    if let Some(minutes) = wait {
        f.errors.push(("email".into(), tr.n("error-too-many-attempts", "minutes", minutes)));
        return render(f, StatusCode::TOO_MANY_REQUESTS);
    }
    let user = if email.is_empty() { None } else { store::users::by_email(&s.db, &email).await? };
    let hash = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| crate::passwords::decoy(s.config.argon).to_string());
    let ok = crate::passwords::verify(hash, posted.get("password").to_string()).await
        && user.as_ref().is_some_and(|u| u.password_hash.is_some());
    let Some(user) = user.filter(|_| ok) else {
        fail(&s, &[&account, &address], t).await?;
        f.error(&tr, "email", "error-login-failed");
        return render(f, StatusCode::UNPROCESSABLE_ENTITY);
    };
    store::throttle::clear(&s.db, &account).await?;
    if user.totp_enabled {
        return start_pending_session(&s, &user, &client, &next).await;
    }
    let first = store::users::belongings(&s.db, user.id()).await?.first().map(|b| b.association_id);
    start_session(&s, &user, first, &client, &next, "").await
}

fn session_cookie(s: &AppState, token: &str) -> axum::http::HeaderValue {
    cookie_header(SESSION_COOKIE, token, Some(s.config.session_seconds), "Lax", s.config.behind_tls())
}

async fn create_session(
    s: &AppState,
    user: &User,
    a: Option<AssociationId>,
    pending: bool,
    client: &ClientInfo,
) -> Result<String, AppError> {
    let token = crate::crypto::token();
    let t = now();
    let new = store::sessions::NewSession {
        id: &crate::crypto::token_hash(&token),
        user: user.id(),
        association: a,
        second_factor_pending: pending,
        now: t,
        expires_at: t + if pending { 600 } else { s.config.session_seconds },
        user_agent: &client.user_agent,
        ip: &client.ip,
    };
    store::sessions::create(&s.db, &new).await?;
    Ok(token)
}

/// Opens a full session and redirects to `next` (with an optional notice).
pub async fn start_session(
    s: &AppState,
    user: &User,
    a: Option<AssociationId>,
    client: &ClientInfo,
    next: &str,
    notice: &str,
) -> Result<Response, AppError> {
    let token = create_session(s, user, a, false, client).await?;
    let to = if notice.is_empty() { next.to_string() } else { format!("{next}?notice={notice}") };
    let mut r = Redirect::to(&to).into_response();
    r.headers_mut().append(header::SET_COOKIE, session_cookie(s, &token));
    if let Some(lang) = &user.locale {
        r.headers_mut().append(
            header::SET_COOKIE,
            cookie_header("preau_lang", lang, Some(31_536_000), "Lax", s.config.behind_tls()),
        );
    }
    Ok(r)
}

async fn start_pending_session(
    s: &AppState,
    user: &User,
    client: &ClientInfo,
    next: &str,
) -> Result<Response, AppError> {
    let token = create_session(s, user, None, true, client).await?;
    let mut r = Redirect::to(&format!("/login/2fa?next={}", crate::auth::urlencode(next))).into_response();
    r.headers_mut().append(header::SET_COOKIE, session_cookie(s, &token));
    Ok(r)
}

/// The second-factor form, for a session that gave its password.
pub async fn show_second_factor(
    session: Option<AnySession>,
    tr: Tr,
    csrf: CsrfToken,
    Query(q): Query<LoginQuery>,
) -> Result<Response, AppError> {
    match session {
        Some(s) if s.session.second_factor_pending => {
            let c = Chrome::anonymous(tr, &tr.t("second-factor-title")).with_csrf(&csrf);
            page(&SecondFactorPage {
                c,
                f: FormState::default(),
                next: safe_next(q.next.as_deref().unwrap_or("/")).to_string(),
            })
        }
        Some(_) => Ok(Redirect::to("/").into_response()),
        None => Ok(Redirect::to("/login").into_response()),
    }
}

/// Checks a TOTP code or a recovery code and completes the login.
pub async fn check_second_factor(
    State(s): State<AppState>,
    session: Option<AnySession>,
    tr: Tr,
    csrf: CsrfToken,
    posted: Posted,
) -> Result<Response, AppError> {
    let Some(AnySession { session, user, .. }) = session.filter(|s| s.session.second_factor_pending) else {
        return Ok(Redirect::to("/login").into_response());
    };
    let t = now();
    let next = safe_next(posted.get("next")).to_string();
    let account = format!("account:{}", user.email);
    let mut f = FormState::default();
    let c = || Chrome::anonymous(tr, &tr.t("second-factor-title")).with_csrf(&csrf);
    if let Some(minutes) = locked(&s, &account, ACCOUNT_LIMIT, t).await? {
        f.errors.push(("code".into(), tr.n("error-too-many-attempts", "minutes", minutes)));
        let mut r = page(&SecondFactorPage { c: c(), f, next })?;
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(r);
    }
    let code = posted.get("code").trim();
    let secret = user.totp_secret.as_deref().and_then(|sealed| s.key.open(sealed));
    let ok = match secret {
        Some(secret) if code.len() <= 7 => match twofactor::check(&secret, code, t) {
            Some(step) => store::users::accept_totp_step(&s.db, user.id(), step).await?,
            None => false,
        },
        Some(_) => {
            let h = crate::crypto::token_hash(&twofactor::normalise_recovery(code));
            store::users::use_recovery_code(&s.db, user.id(), &h, t).await?
        }
        None => false,
    };
    if !ok {
        fail(&s, &[&account], t).await?;
        f.error(&tr, "code", "error-code");
        return Ok(refused(page(&SecondFactorPage { c: c(), f, next })?));
    }
    store::throttle::clear(&s.db, &account).await?;
    store::sessions::complete_second_factor(&s.db, &session.id).await?;
    store::sessions::touch(&s.db, &session.id, t, t + s.config.session_seconds).await?;
    Ok(Redirect::to(&next).into_response())
}

/// Ends this session.
pub async fn logout(State(s): State<AppState>, me: SignedIn, _form: Posted) -> Result<Response, AppError> {
    store::sessions::revoke(&s.db, me.user_id(), &me.session.id).await?;
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, cookie_header(SESSION_COOKIE, "", Some(0), "Lax", s.config.behind_tls()));
    Ok(r)
}

/// Ends every session of `user` but the current one (password changed or reset).
pub async fn end_other_sessions(s: &AppState, user: UserId, keep: Option<&str>) -> Result<(), AppError> {
    store::sessions::revoke_others(&s.db, user, keep).await?;
    Ok(())
}
