//! The pages of the shell, one module per noun. Each handler is `verb_noun`.

pub mod access;
pub mod accounting;
pub mod audit;
pub mod bank;
pub mod books;
pub mod bulk;
pub mod categories;
pub mod checkup;
pub mod dashboard;
pub mod donations;
pub mod dues;
pub mod entries;
pub mod exports;
pub mod fec;
pub mod fields;
pub mod handovers;
pub mod host;
pub mod imports;
pub mod login;
pub mod me;
pub mod members;
pub mod privacy;
pub mod profile;
pub mod projects;
pub mod reset;
pub mod saved_searches;
pub mod settings;
pub mod setup;
pub mod team;
pub mod vault;

use crate::auth::{InAssociation, SignedIn};
use crate::i18n::{Lang, Tr};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Invalid, Role};

impl<S: Send + Sync> FromRequestParts<S> for Tr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Tr { lang: Lang::from_headers(&parts.headers) })
    }
}

/// One entry of the association switcher.
pub struct Switch {
    pub id: i64,
    pub name: String,
    pub current: bool,
}

/// What the layout needs on every page: language, title, the person and
/// their association for the menu, the form token.
pub struct Chrome {
    pub tr: Tr,
    pub title: String,
    pub css: String,
    pub csrf: String,
    pub user_name: Option<String>,
    pub association_name: Option<String>,
    pub is_admin: bool,
    pub is_team: bool,
    pub is_host: bool,
    pub members_on: bool,
    pub accounting_on: bool,
    pub vault_on: bool,
    pub checkup_on: bool,
    pub switches: Vec<Switch>,
    pub notice: Option<String>,
    pub nav: &'static str,
}

impl Chrome {
    /// For pages seen before logging in.
    pub fn anonymous(tr: Tr, title: &str) -> Chrome {
        Chrome {
            tr,
            title: title.to_string(),
            css: crate::assets::url("style.css"),
            csrf: String::new(),
            user_name: None,
            association_name: None,
            is_admin: false,
            is_team: false,
            is_host: false,
            members_on: false,
            accounting_on: false,
            vault_on: false,
            checkup_on: false,
            switches: Vec::new(),
            notice: None,
            nav: "",
        }
    }

    /// Adds the form token.
    pub fn with_csrf(mut self, csrf: &crate::auth::CsrfToken) -> Chrome {
        self.csrf = csrf.0.clone();
        self
    }

    /// For a signed-in person, with or without a current association.
    pub fn signed_in(tr: Tr, title: &str, nav: &'static str, me: &SignedIn, ctx: Option<&InAssociation>) -> Chrome {
        let mut c = Chrome::anonymous(tr, title);
        c.nav = nav;
        c.user_name = Some(me.user.display_name.clone());
        c.is_host = me.user.is_host_operator;
        if let Some(ctx) = ctx {
            c.association_name = Some(ctx.association.name.clone());
            c.is_admin = ctx.membership.role == Role::Administrator;
            c.is_team = ctx.membership.role != Role::Member;
            c.members_on = ctx.association.modules().contains(&domain::settings::Module::Members);
            c.accounting_on = ctx.association.modules().contains(&domain::settings::Module::Accounting);
            c.vault_on = ctx.association.modules().contains(&domain::settings::Module::Vault);
            c.checkup_on = ctx.association.modules().contains(&domain::settings::Module::Checkup);
        }
        c
    }

    /// For a page inside the current association.
    pub fn inside(tr: Tr, title: &str, nav: &'static str, ctx: &InAssociation) -> Chrome {
        Chrome::signed_in(tr, title, nav, &ctx.me, Some(ctx))
    }

    /// Shows a confirmation message (from `?notice=`), if it is a known one.
    pub fn notice(mut self, key: Option<&str>) -> Chrome {
        self.notice = notice_text(&self.tr, key);
        self
    }
}

/// The confirmation a `?notice=` asks for, translated, if it is one of ours
/// (a link cannot make a page say anything else).
pub fn notice_text(tr: &Tr, key: Option<&str>) -> Option<String> {
    const KNOWN: &[&str] = &[
        "notice-saved",
        "notice-invited",
        "notice-password-changed",
        "notice-2fa-enabled",
        "notice-2fa-disabled",
        "notice-session-revoked",
        "notice-role-changed",
        "notice-removed",
        "notice-recovery-requested",
        "notice-recovery-cancelled",
        "notice-revoked",
        "notice-association-created",
        "notice-reset-done",
        "notice-welcome",
        "notice-payment-recorded",
        "notice-imported",
        "notice-erased",
        "notice-erase-unconfirmed",
        "notice-erasure-requested",
        "notice-search-saved",
        "notice-bulk-done",
        "notice-bulk-mail",
        "notice-entry-saved",
        "notice-entry-deleted",
        "notice-entry-locked",
        "notice-entry-no-open-year",
        "notice-year-closed",
        "notice-payments-posted",
        "notice-fec-imported",
        "notice-attachment-added",
        "notice-attachment-deleted",
        "notice-attachment-missing",
        "notice-attachment-too-large",
        "notice-attachment-type",
        "notice-repeat-invalid",
        "notice-bank-reconciled",
        "notice-bank-unreconciled",
        "notice-bank-entry",
        "notice-bank-rule-saved",
        "notice-bank-rule-deleted",
        // Donations.
        "notice-donations-posted",
        "notice-donation-posted",
        "notice-donation-unposted",
        "notice-receipt-issued",
        "notice-receipt-replaced",
        "notice-receipt-cancelled",
        "notice-receipt-sent",
    ];
    key.filter(|k| KNOWN.contains(k)).map(|k| tr.t(k))
}

/// The `?notice=` query of a page.
#[derive(serde::Deserialize, Default)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}

/// Redirects after a successful POST, with a confirmation to show (added to
/// the page's own query, if it has one).
pub fn done(to: &str, notice: &str) -> Response {
    let sep = if to.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{to}{sep}notice={notice}")).into_response()
}

/// What a refused form shows again: the typed values and each field's error.
#[derive(Default)]
pub struct FormState {
    pub values: Vec<(String, String)>,
    pub errors: Vec<(String, String)>,
}

impl FormState {
    /// Keeps what was typed (never passwords).
    pub fn keep(posted: &crate::auth::Posted, fields: &[&str]) -> FormState {
        FormState {
            values: fields.iter().map(|f| (f.to_string(), posted.get(f).to_string())).collect(),
            errors: Vec::new(),
        }
    }

    /// Pre-fills a value.
    pub fn set(&mut self, field: &str, value: impl Into<String>) {
        self.values.push((field.to_string(), value.into()));
    }

    /// Records a translated error for `field`.
    pub fn error(&mut self, tr: &Tr, field: &str, key: &str) {
        if self.e(field).is_empty() {
            self.errors.push((field.to_string(), tr.t(key)));
        }
    }

    /// Records every error of a domain validation.
    pub fn invalid(&mut self, tr: &Tr, inv: &Invalid) {
        for e in &inv.0 {
            self.error(tr, e.field, e.key);
        }
    }

    /// The value typed in `field`.
    pub fn v(&self, field: &str) -> &str {
        self.values.iter().rev().find(|(k, _)| k == field).map_or("", |(_, v)| v.as_str())
    }

    /// The error of `field`, or "".
    pub fn e(&self, field: &str) -> &str {
        self.errors.iter().find(|(k, _)| k == field).map_or("", |(_, v)| v.as_str())
    }

    /// Checks a new password and its confirmation typed in `field` and
    /// `confirm`; the password if both are right.
    pub fn new_password<'p>(
        &mut self,
        tr: &Tr,
        posted: &'p crate::auth::Posted,
        field: &str,
        confirm: &str,
    ) -> Option<&'p str> {
        let password = posted.get(field);
        if let Err(k) = domain::validate::password(password) {
            self.error(tr, field, k);
            None
        } else if password != posted.get(confirm) {
            self.error(tr, confirm, "error-password-mismatch");
            None
        } else {
            Some(password)
        }
    }

    /// Whether anything was refused.
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// The choices of a `<select>`: (value, label).
pub type Options = Vec<(String, String)>;

/// A select's choices from stable codes, each labelled by the message `{prefix}{code}`.
pub fn options(tr: &Tr, codes: &[&str], prefix: &str) -> Options {
    codes.iter().map(|code| (code.to_string(), tr.t(&format!("{prefix}{code}")))).collect()
}

/// The "module switched off" page (404) when the association does not use
/// `module`; `None` when it does.
pub fn module_off(tr: Tr, ctx: &InAssociation, module: domain::settings::Module) -> Option<Response> {
    if ctx.association.modules().contains(&module) {
        return None;
    }
    let mut r = message(tr, &tr.t("module-off-title"), &tr.t("module-off-text"), "/settings", &tr.t("nav-settings"))
        .unwrap_or_else(IntoResponse::into_response);
    *r.status_mut() = axum::http::StatusCode::NOT_FOUND;
    Some(r)
}

/// A file to download (never shown in the page's origin), not kept by caches:
/// the books, receipts and attachments hold personal data. The name is kept
/// to printable ASCII for the header.
pub fn file_download(content_type: &str, file_name: &str, bytes: Vec<u8>) -> Result<Response, crate::error::AppError> {
    use axum::http::{HeaderValue, header};
    let bad = |e: axum::http::header::InvalidHeaderValue| crate::error::AppError::Internal(e.to_string());
    let ascii: String =
        file_name.chars().map(|c| if (c.is_ascii_graphic() && c != '"') || c == ' ' { c } else { '_' }).collect();
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(content_type).map_err(bad)?);
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")).map_err(bad)?,
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// A refused form is answered 422 with the page showing the errors.
pub fn refused(html: Response) -> Response {
    let (mut parts, body) = html.into_parts();
    parts.status = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Response::from_parts(parts, body)
}

#[derive(askama::Template)]
#[template(path = "message.html")]
struct MessagePage {
    c: Chrome,
    text: String,
    link: String,
    link_text: String,
}

/// A page with a title, one sentence and a link onwards.
pub fn message(
    tr: Tr,
    title: &str,
    text: &str,
    link: &str,
    link_text: &str,
) -> Result<Response, crate::error::AppError> {
    crate::error::page(&MessagePage {
        c: Chrome::anonymous(tr, title),
        text: text.to_string(),
        link: link.to_string(),
        link_text: link_text.to_string(),
    })
}

/// The slug of a new association: typed, or derived from its name; an error
/// on the `slug` field if it is malformed or taken.
pub async fn new_slug(
    s: &crate::AppState,
    tr: &Tr,
    f: &mut FormState,
    name: Option<&str>,
    typed: &str,
) -> Result<Option<String>, crate::error::AppError> {
    let slug = match typed.trim() {
        "" => name.map(domain::validate::slugify),
        typed => domain::validate::slug(typed).or_else(|| {
            f.error(tr, "slug", "error-slug");
            None
        }),
    };
    if let Some(sl) = &slug
        && store::associations::by_slug(&s.db, sl).await?.is_some()
    {
        f.error(tr, "slug", "error-slug-taken");
        return Ok(None);
    }
    Ok(slug)
}

/// Whether `typed` is the person's current password.
pub async fn is_current_password(user: &store::users::User, typed: &str) -> bool {
    match &user.password_hash {
        Some(h) => crate::passwords::verify(h.clone(), typed.to_string()).await,
        None => false,
    }
}

/// Records an invitation and queues its email. The association's id travels
/// in the link so the lookup stays inside one tenant.
pub async fn send_invitation(
    s: &crate::AppState,
    tr: &Tr,
    grant: &domain::Grant<domain::Administer>,
    (inviter, association): (&str, &str),
    email: &str,
    role: Role,
) -> Result<(), crate::error::AppError> {
    let t = crate::now();
    let secret = crate::crypto::token();
    let token_hash = crate::crypto::token_hash(&secret);
    store::team::invite(&s.db, grant, email, role, &token_hash, t, t + 7 * 86_400).await?;
    let link = format!("{}/invitation/{}-{secret}", s.config.public_url, grant.association_id().0);
    let body = tr.args(
        "mail-invite-body",
        &[
            ("inviter", inviter.into()),
            ("association", association.into()),
            ("role", tr.role(role.code())),
            ("link", link),
        ],
    );
    store::mail::enqueue(&s.db, email, &tr.t1("mail-invite-subject", "association", association), &body, t).await?;
    let detail = format!("{email} ({})", role.code());
    store::audit::record(&s.db, grant.association_id(), Some(grant.user_id()), "team.invite", &detail, t).await?;
    Ok(())
}
