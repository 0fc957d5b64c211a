//! The person's own page: name and language, password, two-factor, sessions.

use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{CsrfToken, Posted, SignedIn, cookie_header};
use crate::error::{AppError, page};
use crate::i18n::{Lang, Tr};
use crate::{AppState, now, twofactor};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::Response;
use domain::validate;
use store::sessions::Session;

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    c: Chrome,
    f: FormState,
    email: String,
    locale: String,
    totp_enabled: bool,
    recovery_left: i64,
    sessions: Vec<Session>,
    current_session: String,
}

async fn render(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    me: &SignedIn,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let ctx_name = Chrome::signed_in(tr, &tr.t("profile-title"), "profile", me, None);
    let c = ctx_name.with_csrf(csrf).notice(notice);
    let sessions = store::sessions::list_for_user(&s.db, me.user_id(), now()).await?;
    let recovery_left = store::users::recovery_codes_left(&s.db, me.user_id()).await?;
    page(&ProfilePage {
        c,
        f,
        email: me.user.email.clone(),
        locale: me.user.locale.clone().unwrap_or_default(),
        totp_enabled: me.user.totp_enabled,
        recovery_left,
        sessions,
        current_session: me.session.id.clone(),
    })
}

/// The profile page.
pub async fn show_profile(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let mut f = FormState::default();
    f.set("display_name", &me.user.display_name);
    render(&s, tr, &csrf, &me, f, q.notice.as_deref()).await
}

/// Saves the name and language (remembered in a cookie for the pages before login).
pub async fn save_profile(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    posted: Posted,
) -> Result<Response, AppError> {
    let mut f = FormState::keep(&posted, &["display_name"]);
    let name = validate::line(posted.get("display_name"), 100).map_err(|k| f.error(&tr, "display_name", k)).ok();
    let locale = match posted.get("locale") {
        "" => None,
        code => match Lang::from_code(code) {
            Some(l) => Some(l),
            None => {
                f.error(&tr, "locale", "error-unknown-choice");
                None
            }
        },
    };
    let (Some(name), false) = (name, f.has_errors()) else {
        return Ok(refused(render(&s, tr, &csrf, &me, f, None).await?));
    };
    store::users::set_profile(&s.db, me.user_id(), &name, locale.map(Lang::code)).await?;
    let mut r = done("/profile", "notice-saved");
    let cookie = match locale {
        Some(l) => cookie_header("preau_lang", l.code(), Some(31_536_000), "Lax", s.config.behind_tls()),
        None => cookie_header("preau_lang", "", Some(0), "Lax", s.config.behind_tls()),
    };
    r.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(r)
}

/// Changes the password (the current one is asked) and ends the other sessions.
pub async fn change_password(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    posted: Posted,
) -> Result<Response, AppError> {
    let mut f = FormState::default();
    f.set("display_name", &me.user.display_name);
    if !super::is_current_password(&me.user, posted.get("current_password")).await {
        f.error(&tr, "current_password", "error-current-password");
    }
    let password = f.new_password(&tr, &posted, "new_password", "new_password_confirm").unwrap_or_default();
    if f.has_errors() {
        return Ok(refused(render(&s, tr, &csrf, &me, f, None).await?));
    }
    let pw = crate::passwords::hash(s.config.argon, password.to_string()).await;
    store::users::set_password(&s.db, me.user_id(), &pw).await?;
    super::login::end_other_sessions(&s, me.user_id(), Some(&me.session.id)).await?;
    Ok(done("/profile", "notice-password-changed"))
}

#[derive(Template)]
#[template(path = "two_factor.html")]
struct TwoFactorPage {
    c: Chrome,
    f: FormState,
    qr: String,
    secret: String,
    recovery_codes: Vec<String>,
}

/// Starts enabling two-factor: a new secret, shown as a QR code and as text.
pub async fn show_two_factor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
) -> Result<Response, AppError> {
    if me.user.totp_enabled {
        return Ok(done("/profile", "notice-2fa-enabled"));
    }
    let secret = twofactor::new_secret();
    store::users::set_pending_totp(&s.db, me.user_id(), &s.key.seal(&secret)).await?;
    render_two_factor(tr, &csrf, &me, &secret, FormState::default())
}

fn render_two_factor(
    tr: Tr,
    csrf: &CsrfToken,
    me: &SignedIn,
    secret: &[u8],
    f: FormState,
) -> Result<Response, AppError> {
    let c = Chrome::signed_in(tr, &tr.t("two-factor-title"), "profile", me, None).with_csrf(csrf);
    let url = twofactor::otpauth_url(secret, &me.user.email);
    page(&TwoFactorPage {
        c,
        f,
        qr: twofactor::qr_data_url(&url),
        secret: twofactor::base32(secret),
        recovery_codes: Vec::new(),
    })
}

/// Confirms the first code, turns two-factor on, shows the recovery codes once.
pub async fn enable_two_factor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    posted: Posted,
) -> Result<Response, AppError> {
    let Some(secret) = me.user.totp_secret.as_deref().and_then(|sealed| s.key.open(sealed)) else {
        return Ok(done("/profile/2fa", ""));
    };
    if me.user.totp_enabled {
        return Ok(done("/profile", "notice-2fa-enabled"));
    }
    let t = now();
    let accepted = match twofactor::check(&secret, posted.get("code"), t) {
        Some(step) => store::users::accept_totp_step(&s.db, me.user_id(), step).await?,
        None => false,
    };
    if !accepted {
        let mut f = FormState::default();
        f.error(&tr, "code", "error-code");
        return Ok(refused(render_two_factor(tr, &csrf, &me, &secret, f)?));
    }
    let codes = twofactor::recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| crate::crypto::token_hash(c)).collect();
    store::users::enable_totp(&s.db, me.user_id(), &hashes).await?;
    for b in store::users::belongings(&s.db, me.user_id()).await? {
        store::audit::record(&s.db, b.association_id, Some(me.user_id()), "account.2fa-enabled", &me.user.email, t)
            .await?;
    }
    let c = Chrome::signed_in(tr, &tr.t("two-factor-title"), "profile", &me, None)
        .with_csrf(&csrf)
        .notice(Some("notice-2fa-enabled"));
    page(&TwoFactorPage { c, f: FormState::default(), qr: String::new(), secret: String::new(), recovery_codes: codes })
}

/// Turns two-factor off (the password is asked).
pub async fn disable_two_factor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    posted: Posted,
) -> Result<Response, AppError> {
    if !me.user.totp_enabled {
        return Ok(done("/profile", "notice-2fa-disabled"));
    }
    if !super::is_current_password(&me.user, posted.get("password")).await {
        let mut f = FormState::default();
        f.set("display_name", &me.user.display_name);
        f.error(&tr, "password", "error-current-password");
        return Ok(refused(render(&s, tr, &csrf, &me, f, None).await?));
    }
    store::users::disable_totp(&s.db, me.user_id()).await?;
    for b in store::users::belongings(&s.db, me.user_id()).await? {
        store::audit::record(
            &s.db,
            b.association_id,
            Some(me.user_id()),
            "account.2fa-disabled",
            &me.user.email,
            now(),
        )
        .await?;
    }
    Ok(done("/profile", "notice-2fa-disabled"))
}

/// Ends one of the person's own sessions.
pub async fn revoke_session(
    State(s): State<AppState>,
    me: SignedIn,
    Path(id): Path<String>,
    _p: Posted,
) -> Result<Response, AppError> {
    if !store::sessions::revoke(&s.db, me.user_id(), &id).await? {
        return Err(AppError::NotFound);
    }
    Ok(done("/profile", "notice-session-revoked"))
}
