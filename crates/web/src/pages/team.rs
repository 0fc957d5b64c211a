//! The association's team: roles, invitations by email, removal.

use super::setup::bad_link;
use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{AnySession, Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::pages::login::{ClientInfo, start_session};
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Administer, AssociationId, Grant, KeepRegistry, Role, TeamWork, UserId, validate};
use store::team::{Invitation, TeamMember, TeamRefusal};
use store::tokens::TokenProblem;

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    c: Chrome,
    f: FormState,
    members: Vec<TeamMember>,
    invitations: Vec<Invitation>,
    roles: [Role; 5],
    me: i64,
}

async fn render(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let members = store::team::list(&s.db, a).await?;
    let is_admin = ctx.membership.role == Role::Administrator;
    let invitations = if is_admin { store::team::pending_invitations(&s.db, a, now()).await? } else { Vec::new() };
    let c = Chrome::inside(tr, &tr.t("team-title"), "team", ctx).with_csrf(csrf).notice(notice);
    page(&TeamPage { c, f, members, invitations, roles: Role::ALL, me: ctx.me.user.id })
}

/// The team list; administrators also see invitations and role controls.
pub async fn show_team(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    render(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// Invites someone by email with a role.
pub async fn invite_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    let mut f = FormState::keep(&posted, &["email", "role"]);
    let email = validate::email(posted.get("email"));
    if email.is_none() {
        f.error(&tr, "email", "error-email");
    }
    let role = Role::from_code(posted.get("role"));
    if role.is_none() {
        f.error(&tr, "role", "error-unknown-choice");
    }
    let (Some(email), Some(role)) = (email, role) else {
        return Ok(refused(render(&s, tr, &csrf, &who.ctx, f, None).await?));
    };
    let names = (who.ctx.me.user.display_name.as_str(), who.ctx.association.name.as_str());
    super::send_invitation(&s, &tr, &who.grant, names, &email, role).await?;
    Ok(done("/team", "notice-invited"))
}

/// Withdraws a pending invitation.
pub async fn revoke_invitation(
    State(s): State<AppState>,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
    _p: Posted,
) -> Result<Response, AppError> {
    if !store::team::revoke_invitation(&s.db, &who.grant, id, now()).await? {
        return Err(AppError::NotFound);
    }
    store::audit::record(
        &s.db,
        who.grant.association_id(),
        Some(who.grant.user_id()),
        "team.invitation-revoked",
        &id.to_string(),
        now(),
    )
    .await?;
    Ok(done("/team", "notice-revoked"))
}

async fn refusal(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    r: TeamRefusal,
) -> Result<Response, AppError> {
    match r {
        TeamRefusal::NotInTeam => Err(AppError::NotFound),
        TeamRefusal::LastAdministrator => {
            let mut f = FormState::default();
            f.error(&tr, "team", "error-last-admin");
            Ok(refused(render(s, tr, csrf, ctx, f, None).await?))
        }
    }
}

/// Changes a team member's role.
pub async fn change_role(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(user): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let Some(role) = Role::from_code(posted.get("role")) else {
        let mut f = FormState::default();
        f.error(&tr, "team", "error-unknown-choice");
        return Ok(refused(render(&s, tr, &csrf, &who.ctx, f, None).await?));
    };
    match store::team::set_role(&s.db, &who.grant, UserId(user), role).await? {
        Ok(()) => {
            store::audit::record(
                &s.db,
                who.grant.association_id(),
                Some(who.grant.user_id()),
                "team.role",
                &format!("{user} → {}", role.code()),
                now(),
            )
            .await?;
            Ok(done("/team", "notice-role-changed"))
        }
        Err(r) => refusal(&s, tr, &csrf, &who.ctx, r).await,
    }
}

/// Removes someone from the team (their account stays).
pub async fn remove_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(user): Path<i64>,
    _p: Posted,
) -> Result<Response, AppError> {
    match store::team::remove(&s.db, &who.grant, UserId(user)).await? {
        Ok(()) => {
            // Out of the team, out of the vault: their access goes, the
            // collections they could open wait for a key rotation (done by
            // the next browser that opens them) and their secrets are marked
            // "to change", owned by whoever removed them, within a month.
            if let Some(registry) = Grant::<KeepRegistry>::check(&who.ctx.membership) {
                let deadline = super::members::today().add_days(30);
                let reason = format!("départ de l'équipe (#{user})");
                let owner = who.grant.user_id();
                store::vault::revoke(&s.db, &registry, UserId(user), owner, deadline, &reason, now()).await?;
            }
            store::audit::record(
                &s.db,
                who.grant.association_id(),
                Some(who.grant.user_id()),
                "team.remove",
                &user.to_string(),
                now(),
            )
            .await?;
            Ok(done("/team", "notice-removed"))
        }
        Err(r) => refusal(&s, tr, &csrf, &who.ctx, r).await,
    }
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    c: Chrome,
    f: FormState,
    token: String,
    association: String,
    email: String,
    role: String,
    signed_in_as: Option<String>,
    has_account: bool,
}

async fn find_invitation(s: &AppState, token: &str) -> Result<Result<(Invitation, String), TokenProblem>, AppError> {
    let Some((a, secret)) = token.split_once('-') else { return Ok(Err(TokenProblem::Unknown)) };
    let Ok(a) = a.parse::<i64>() else { return Ok(Err(TokenProblem::Unknown)) };
    let Some(inv) =
        store::team::invitation_by_token(&s.db, AssociationId(a), &crate::crypto::token_hash(secret)).await?
    else {
        return Ok(Err(TokenProblem::Unknown));
    };
    if inv.accepted_at.is_some() {
        return Ok(Err(TokenProblem::Used));
    }
    if inv.expires_at <= now() {
        return Ok(Err(TokenProblem::Expired));
    }
    let name = store::associations::get(&s.db, AssociationId(a)).await?.map(|x| x.name).unwrap_or_default();
    Ok(Ok((inv, name)))
}

async fn render_invitation(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    token: String,
    (inv, name): (&Invitation, String),
    me: Option<&AnySession>,
    f: FormState,
) -> Result<Response, AppError> {
    let has_account = store::users::by_email(&s.db, &inv.email).await?.is_some();
    let c = Chrome::anonymous(tr, &tr.t1("invitation-title", "association", &name)).with_csrf(csrf);
    page(&InvitationPage {
        c,
        f,
        token,
        association: name,
        email: inv.email.clone(),
        role: tr.role(&inv.role),
        signed_in_as: me.filter(|m| !m.session.second_factor_pending).map(|m| m.user.email.clone()),
        has_account,
    })
}

/// The invitation: join with the signed-in account, or create one.
pub async fn show_invitation(
    State(s): State<AppState>,
    Path(token): Path<String>,
    tr: Tr,
    csrf: CsrfToken,
    me: Option<AnySession>,
) -> Result<Response, AppError> {
    match find_invitation(&s, &token).await? {
        Err(p) => bad_link(tr, p),
        Ok((inv, name)) => {
            render_invitation(&s, tr, &csrf, token, (&inv, name), me.as_ref(), FormState::default()).await
        }
    }
}

/// Accepts: the signed-in person joins, or a new account is created for the invited email.
pub async fn accept_invitation(
    State(s): State<AppState>,
    Path(token): Path<String>,
    tr: Tr,
    csrf: CsrfToken,
    client: ClientInfo,
    me: Option<AnySession>,
    posted: Posted,
) -> Result<Response, AppError> {
    let (inv, name) = match find_invitation(&s, &token).await? {
        Err(p) => return bad_link(tr, p),
        Ok(x) => x,
    };
    let a = AssociationId(inv.association_id);
    let t = now();
    if let Some(me) = me.filter(|m| !m.session.second_factor_pending) {
        if !store::team::accept_invitation(&s.db, a, inv.id, me.user.id(), t).await? {
            return bad_link(tr, TokenProblem::Used);
        }
        store::sessions::switch_association(&s.db, &me.session.id, a).await?;
        store::audit::record(&s.db, a, Some(me.user.id()), "team.join", &me.user.email, t).await?;
        return Ok(Redirect::to("/?notice=notice-welcome").into_response());
    }
    if store::users::by_email(&s.db, &inv.email).await?.is_some() {
        // The account exists: log in first, then come back here.
        return Ok(Redirect::to(&format!("/login?next=/invitation/{token}")).into_response());
    }
    let mut f = FormState::keep(&posted, &["display_name"]);
    let display_name =
        validate::line(posted.get("display_name"), 100).map_err(|k| f.error(&tr, "display_name", k)).ok();
    let password = f.new_password(&tr, &posted, "password", "password_confirm").unwrap_or_default();
    let (Some(display_name), false) = (display_name, f.has_errors()) else {
        return Ok(refused(render_invitation(&s, tr, &csrf, token, (&inv, name), None, f).await?));
    };
    let pw = crate::passwords::hash(s.config.argon, password.to_string()).await;
    let u = store::users::create(&s.db, &inv.email, &display_name, Some(&pw), t).await?;
    if !store::team::accept_invitation(&s.db, a, inv.id, u, t).await? {
        return bad_link(tr, TokenProblem::Used);
    }
    store::audit::record(&s.db, a, Some(u), "team.join", &inv.email, t).await?;
    let user = store::users::get(&s.db, u).await?.ok_or(AppError::NotFound)?;
    start_session(&s, &user, Some(a), &client, "/", "notice-welcome").await
}
