//! The host operator's page: every association on the server with its size,
//! and creating a new one with its first administrator (invited by email).

use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{CsrfToken, Posted, SignedIn};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::{HostOperator, Role, validate};
use store::associations::Hosted;

#[derive(Template)]
#[template(path = "host.html")]
struct HostPage {
    c: Chrome,
    f: FormState,
    m: FormState,
    associations: Vec<Hosted>,
    mail: Vec<(String, i64)>,
    has_smtp_password: bool,
}

/// Keys of the mail settings in the server's settings table. The password is
/// stored sealed with the server key, base64-encoded.
pub mod mail_keys {
    pub const URL: &str = "mail.smtp_url";
    pub const USERNAME: &str = "mail.smtp_username";
    pub const PASSWORD: &str = "mail.smtp_password_sealed";
    pub const FROM: &str = "mail.from";
}

fn host(me: &SignedIn) -> Result<HostOperator, AppError> {
    HostOperator::check(me.user.is_host_operator).ok_or(AppError::Forbidden)
}

async fn render(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    me: &SignedIn,
    h: &HostOperator,
    (f, m): (FormState, Option<FormState>),
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let associations = store::associations::list_hosted(&s.db, h).await?;
    let mail = store::mail::counts(&s.db).await?;
    let has_smtp_password = store::meta::get(&s.db, mail_keys::PASSWORD).await?.is_some();
    let m = match m {
        Some(m) => m,
        None => {
            let mut m = FormState::default();
            for (field, key) in
                [("smtp_url", mail_keys::URL), ("smtp_username", mail_keys::USERNAME), ("mail_from", mail_keys::FROM)]
            {
                m.set(field, store::meta::get(&s.db, key).await?.unwrap_or_default());
            }
            m
        }
    };
    let c = Chrome::signed_in(tr, &tr.t("host-title"), "host", me, None).with_csrf(csrf).notice(notice);
    page(&HostPage { c, f, m, associations, mail, has_smtp_password })
}

/// Every association with its size.
pub async fn show_host(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let h = host(&me)?;
    render(&s, tr, &csrf, &me, &h, (FormState::default(), None), q.notice.as_deref()).await
}

/// Creates an association and invites its first administrator.
pub async fn create_association(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    posted: Posted,
) -> Result<Response, AppError> {
    let h = host(&me)?;
    let mut f = FormState::keep(&posted, &["name", "slug", "admin_email"]);
    let name = validate::line(posted.get("name"), 200).map_err(|k| f.error(&tr, "name", k)).ok();
    let slug = super::new_slug(&s, &tr, &mut f, name.as_deref(), posted.get("slug")).await?;
    let email = validate::email(posted.get("admin_email"));
    if email.is_none() {
        f.error(&tr, "admin_email", "error-email");
    }
    let (Some(name), Some(slug), Some(email), false) = (name, slug, email, f.has_errors()) else {
        return Ok(refused(render(&s, tr, &csrf, &me, &h, (f, None), None).await?));
    };
    let t = now();
    let a = store::associations::create(&s.db, &h, &slug, &name, t).await?;
    // The first administrator is invited like any team member.
    let grant = h.administer(a, me.user_id());
    super::send_invitation(&s, &tr, &grant, (&me.user.display_name, &name), &email, Role::Administrator).await?;
    store::audit::record(&s.db, a, Some(me.user_id()), "association.created", &slug, t).await?;
    Ok(done("/host", "notice-association-created"))
}

/// The address inside a sender such as `Préau <preau@asso.fr>`, checked.
fn sender_address(from: &str) -> Option<String> {
    let inner = match (from.find('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b && from[b + 1..].trim().is_empty() => &from[a + 1..b],
        (None, None) => from,
        _ => return None,
    };
    validate::email(inner)
}

/// Saves the mail server the host uses for every association's emails.
/// The password is sealed with the server key; an empty one keeps the saved one.
pub async fn save_mail_settings(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    posted: Posted,
) -> Result<Response, AppError> {
    let h = host(&me)?;
    let mut m = FormState::keep(&posted, &["smtp_url", "smtp_username", "mail_from"]);
    let url = posted.get("smtp_url").trim();
    let scheme_ok = url.starts_with("smtp://") || url.starts_with("smtps://");
    if !scheme_ok || url.contains('@') || url.chars().any(char::is_whitespace) {
        m.error(&tr, "smtp_url", "error-smtp-url");
    }
    let from = posted.get("mail_from").trim();
    if sender_address(from).is_none() {
        m.error(&tr, "mail_from", "error-mail-from");
    }
    let username = posted.get("smtp_username").trim();
    if username.chars().count() > 200 {
        m.error(&tr, "smtp_username", "error-too-long");
    }
    if m.has_errors() {
        return Ok(refused(render(&s, tr, &csrf, &me, &h, (FormState::default(), Some(m)), None).await?));
    }
    store::meta::set(&s.db, mail_keys::URL, url).await?;
    store::meta::set(&s.db, mail_keys::USERNAME, username).await?;
    store::meta::set(&s.db, mail_keys::FROM, from).await?;
    let password = posted.get("smtp_password");
    if !password.is_empty() {
        use base64::Engine as _;
        let sealed = base64::engine::general_purpose::STANDARD.encode(s.key.seal(password.as_bytes()));
        store::meta::set(&s.db, mail_keys::PASSWORD, &sealed).await?;
    }
    tracing::info!(by = %me.user.email, "mail server settings changed");
    Ok(done("/host", "notice-saved"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn senders() {
        assert_eq!(super::sender_address("Préau <preau@asso.fr>").as_deref(), Some("preau@asso.fr"));
        assert_eq!(super::sender_address("preau@asso.fr").as_deref(), Some("preau@asso.fr"));
        assert_eq!(super::sender_address("Préau <preau@asso.fr"), None);
        assert_eq!(super::sender_address("nobody"), None);
    }
}
