//! The dashboard: where a volunteer lands, with the next steps to take.

use super::{Chrome, NoticeQuery, Switch};
use crate::auth::{CsrfToken, Posted, SignedIn, current_association};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::AssociationId;

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    has_association: bool,
    role: String,
    team_size: i64,
    pending_invitations: i64,
    modules: Vec<&'static str>,
    needs_2fa: bool,
    settings_incomplete: bool,
    is_admin: bool,
    /// Dues reminders the mail server has not taken yet (shown to the team).
    reminders_failing: i64,
}

/// The dashboard of the current association (or the empty state).
pub async fn show_dashboard(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    me: SignedIn,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let belongings = store::users::belongings(&s.db, me.user_id()).await?;
    let needs_2fa = !me.user.totp_enabled;
    let ctx = match current_association(&s, me).await? {
        Ok(ctx) => ctx,
        Err(me) => {
            // Empty state: signed in, but in no association (yet).
            let c = Chrome::signed_in(tr, &tr.t("dashboard-title"), "dashboard", &me, None)
                .with_csrf(&csrf)
                .notice(q.notice.as_deref());
            return page(&DashboardPage {
                c,
                has_association: false,
                role: String::new(),
                team_size: 0,
                pending_invitations: 0,
                modules: Vec::new(),
                needs_2fa,
                settings_incomplete: false,
                is_admin: false,
                reminders_failing: 0,
            });
        }
    };
    let mut c =
        Chrome::inside(tr, &tr.t("dashboard-title"), "dashboard", &ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    c.switches = belongings
        .iter()
        .map(|b| Switch {
            id: b.association_id.0,
            name: b.name.clone(),
            current: b.association_id == ctx.association_id(),
        })
        .collect();
    let a = ctx.association_id();
    let (team_size, pending_invitations) = store::team::summary(&s.db, a, now()).await?;
    let is_admin = ctx.membership.role == domain::Role::Administrator;
    let modules = ctx.association.modules().iter().map(|m| m.code()).collect();
    let settings_incomplete = ctx.association.contact_email.is_none() || ctx.association.address.is_empty();
    let reminders_failing = match ctx.membership.role {
        domain::Role::Member => 0,
        _ => store::dues::reminders_failing(&s.db, a).await?,
    };
    page(&DashboardPage {
        role: tr.role(ctx.membership.role.code()),
        c,
        has_association: true,
        team_size,
        pending_invitations,
        modules,
        needs_2fa,
        settings_incomplete,
        reminders_failing,
        is_admin,
    })
}

/// Switches the session to another of the person's associations.
pub async fn switch_association(State(s): State<AppState>, me: SignedIn, posted: Posted) -> Result<Response, AppError> {
    let a: i64 = posted.get("association").parse().map_err(|_| AppError::NotFound)?;
    // The id is only a choice among the person's own memberships: checked here.
    if store::team::membership(&s.db, AssociationId(a), me.user_id()).await?.is_none() {
        return Err(AppError::NotFound);
    }
    store::sessions::switch_association(&s.db, &me.session.id, AssociationId(a)).await?;
    Ok(Redirect::to("/").into_response())
}
