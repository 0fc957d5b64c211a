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
    associations: Vec<Hosted>,
    mail: Vec<(String, i64)>,
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
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let associations = store::associations::list_hosted(&s.db, h).await?;
    let mail = store::mail::counts(&s.db).await?;
    let c = Chrome::signed_in(tr, &tr.t("host-title"), "host", me, None).with_csrf(csrf).notice(notice);
    page(&HostPage { c, f, associations, mail })
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
    render(&s, tr, &csrf, &me, &h, FormState::default(), q.notice.as_deref()).await
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
        return Ok(refused(render(&s, tr, &csrf, &me, &h, f, None).await?));
    };
    let t = now();
    let a = store::associations::create(&s.db, &h, &slug, &name, t).await?;
    // The first administrator is invited like any team member, by a grant the
    // host operator holds for this new association only.
    let secret = crate::crypto::token();
    let token = format!("{}-{secret}", a.0);
    let grant = domain::Grant::<domain::Administer>::check(&domain::Membership {
        association_id: a,
        user_id: me.user_id(),
        role: Role::Administrator,
    })
    .ok_or(AppError::Forbidden)?;
    store::team::invite(
        &s.db,
        &grant,
        &email,
        Role::Administrator,
        &crate::crypto::token_hash(&secret),
        t,
        t + 7 * 86_400,
    )
    .await?;
    let link = format!("{}/invitation/{token}", s.config.public_url);
    let body = tr.args(
        "mail-invite-body",
        &[
            ("inviter", me.user.display_name.clone()),
            ("association", name.clone()),
            ("role", tr.role("administrator")),
            ("link", link),
        ],
    );
    store::mail::enqueue(&s.db, &email, &tr.t1("mail-invite-subject", "association", &name), &body, t).await?;
    store::audit::record(&s.db, a, Some(me.user_id()), "association.created", &slug, t).await?;
    Ok(done("/host", "notice-association-created"))
}
