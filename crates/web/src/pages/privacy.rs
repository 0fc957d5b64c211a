//! RGPD for the team: consent purposes, the register of processing
//! activities (editable, exported as CSV), the retention rule, erasure
//! requests, and on a member's page: consents taken on paper and erasure.

use super::members::{members_off, today};
use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::privacy::{Activity, PurposeInput, Source};
use domain::{Administer, ManageMembers, MemberId};
use store::privacy::{ActivityRow, ErasureRow, PurposeRow};

#[derive(Template)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    c: Chrome,
    f: FormState,
    purposes: Vec<PurposeRow>,
    activities: Vec<ActivityRow>,
    erasures: Vec<ErasureRow>,
    /// Former members the rule would pseudonymise today.
    due_now: usize,
    enabled: bool,
}

async fn privacy_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    mut f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    crate::privacy::ensure_defaults(&s.db, a, now()).await?;
    let (years, enabled) = store::privacy::retention(&s.db, a).await?;
    if f.v("years").is_empty() {
        f.set("years", years.to_string());
    }
    let cutoff = domain::privacy::retention_cutoff(today(), years as i32);
    let due_now = store::privacy::due_for_retention(&s.db, a, cutoff).await?.len();
    let c = Chrome::inside(tr, &tr.t("privacy-title"), "members", ctx).with_csrf(csrf).notice(notice);
    page(&PrivacyPage {
        c,
        f,
        purposes: store::privacy::purposes(&s.db, a).await?,
        activities: store::privacy::activities(&s.db, a).await?,
        erasures: store::privacy::erasure_requests(&s.db, a, None).await?,
        due_now,
        enabled,
    })
}

/// The RGPD page: purposes, register, retention, erasure requests.
pub async fn show_privacy(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    privacy_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// Adds a consent purpose (fields `label`, `text`).
pub async fn create_purpose(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    let input = PurposeInput { label: posted.get("label").into(), text: posted.get("text").into() };
    let mut f = FormState::keep(&posted, &["label", "text"]);
    match input.validate() {
        Ok(p) => {
            let code = domain::validate::slugify(&p.label);
            match store::privacy::create_purpose(&s.db, &who.grant, &code, &p).await {
                Ok(_) => {
                    audit(&s, &who, "privacy.purpose", &p.label).await?;
                    return Ok(done("/members/privacy", "notice-saved"));
                }
                Err(store::Error::Conflict) => f.error(&tr, "label", "error-name-taken"),
                Err(e) => return Err(e.into()),
            }
        }
        Err(inv) => f.invalid(&tr, &inv),
    }
    Ok(refused(privacy_page(&s, tr, &csrf, &who.ctx, f, None).await?))
}

/// Changes a purpose (fields `label-{id}`, `text-{id}`, `archived-{id}`); a new text is a new version.
pub async fn save_purpose(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let (label, text) = (format!("label-{id}"), format!("text-{id}"));
    let input = PurposeInput { label: posted.get(&label).into(), text: posted.get(&text).into() };
    match input.validate() {
        Ok(p) => {
            let archived = posted.get(&format!("archived-{id}")) == "on";
            if !store::privacy::update_purpose(&s.db, &who.grant, id, &p, archived).await? {
                return Err(AppError::NotFound);
            }
            audit(&s, &who, "privacy.purpose", &format!("{} (#{id})", p.label)).await?;
            Ok(done("/members/privacy", "notice-saved"))
        }
        Err(inv) => {
            let mut f = FormState::keep(&posted, &[&label, &text]);
            for e in &inv.0 {
                f.error(&tr, if e.field == "label" { &label } else { &text }, e.key);
            }
            Ok(refused(privacy_page(&s, tr, &csrf, &who.ctx, f, None).await?))
        }
    }
}

async fn audit(s: &AppState, who: &Authorized<Administer>, action: &str, detail: &str) -> Result<(), AppError> {
    store::audit::by(&s.db, &who.grant, action, detail, now()).await?;
    Ok(())
}

/// Sets the retention rule: years after the last membership, on or off.
pub async fn save_retention(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    let years = match posted.get("years").trim().parse::<i64>() {
        Ok(y) if (1..=50).contains(&y) => y,
        _ => {
            let mut f = FormState::keep(&posted, &["years"]);
            f.error(&tr, "years", "error-years");
            return Ok(refused(privacy_page(&s, tr, &csrf, &who.ctx, f, None).await?));
        }
    };
    let enabled = posted.get("enabled") == "on";
    store::privacy::save_retention(&s.db, &who.grant, years, enabled).await?;
    audit(&s, &who, "privacy.retention", &format!("{years} years, {}", if enabled { "on" } else { "off" })).await?;
    Ok(done("/members/privacy", "notice-saved"))
}

/// Closes an erasure request: `action=done` removes the identity now, `refuse` keeps it with a reason.
pub async fn decide_erasure(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let done_now = posted.get("action") == "done";
    let reason = posted.get(&format!("reason-{id}")).trim().to_string();
    if !done_now && reason.is_empty() {
        let mut f = FormState::default();
        f.error(&tr, &format!("reason-{id}"), "error-reason");
        return Ok(refused(privacy_page(&s, tr, &csrf, &who.ctx, f, None).await?));
    }
    let member = store::privacy::decide_erasure(&s.db, &who.grant, id, done_now, &reason, now())
        .await?
        .ok_or(AppError::NotFound)?;
    if done_now {
        erase(&s, &who, member, "erasure request").await?;
    } else {
        let (a, actor) = (who.grant.association_id(), Some(who.grant.user_id()));
        let detail = format!("#{member}: {reason}");
        store::audit::record_about_member(&s.db, a, actor, ("member.erasure-refused", member), &detail, now()).await?;
    }
    Ok(done("/members/privacy", "notice-saved"))
}

/// Removes a member's identity, with its audit entry.
async fn erase(s: &AppState, who: &Authorized<Administer>, member: MemberId, why: &str) -> Result<(), AppError> {
    crate::privacy::erase(&s.db, &who.grant, Some(who.grant.user_id()), member, why, now()).await?;
    Ok(())
}

/// Erases a member's identity from their page (the box `confirm` must be ticked).
pub async fn erase_member(
    State(s): State<AppState>,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    store::members::get(&s.db, who.ctx.association_id(), MemberId(id)).await?.ok_or(AppError::NotFound)?;
    if posted.get("confirm") != "on" {
        return Ok(done(&format!("/members/{id}"), "notice-erase-unconfirmed"));
    }
    erase(&s, &who, MemberId(id), "by the team").await?;
    Ok(done(&format!("/members/{id}"), "notice-erased"))
}

/// Records the consents a member gave on paper: each purpose's box ticked or not.
pub async fn save_member_consents(
    State(s): State<AppState>,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    store::members::get(&s.db, a, MemberId(id)).await?.ok_or(AppError::NotFound)?;
    let by = (Source::Team, Some(who.grant.user_id()));
    let changed = record_consents(&s, a, MemberId(id), &posted, by).await?;
    if !changed.is_empty() {
        let detail = format!("#{id}: {}", changed.join(", "));
        let actor = Some(who.grant.user_id());
        store::audit::record_about_member(&s.db, a, actor, ("member.consents", MemberId(id)), &detail, now()).await?;
    }
    Ok(done(&format!("/members/{id}"), "notice-saved"))
}

/// Records each purpose whose answer changed (`consent-{id}` ticked = yes); what changed.
pub async fn record_consents(
    s: &AppState,
    a: domain::AssociationId,
    member: MemberId,
    posted: &Posted,
    by: (Source, Option<domain::UserId>),
) -> Result<Vec<String>, AppError> {
    let mut changed = Vec::new();
    for state in store::privacy::consents_of(&s.db, a, member).await? {
        let granted = posted.get(&format!("consent-{}", state.purpose_id)) == "on";
        if state.granted != Some(granted) {
            store::privacy::record_consent(&s.db, a, member, state.purpose_id, granted, by, now()).await?;
            changed.push(format!("{} {}", state.code, if granted { "yes" } else { "no" }));
        }
    }
    Ok(changed)
}

#[derive(Template)]
#[template(path = "register_form.html")]
struct ActivityPage {
    c: Chrome,
    f: FormState,
    action: String,
    id: Option<i64>,
}

const ACTIVITY_FIELDS: [&str; 8] =
    ["name", "purpose", "legal_basis", "data_subjects", "data_categories", "recipients", "retention", "security"];

fn activity_page(
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    id: Option<i64>,
) -> Result<Response, AppError> {
    let title = tr.t(if id.is_some() { "register-edit-title" } else { "register-new-title" });
    let action = id.map_or("/members/privacy/register".into(), |id| format!("/members/privacy/register/{id}"));
    let c = Chrome::inside(tr, &title, "members", ctx).with_csrf(csrf);
    page(&ActivityPage { c, f, action, id })
}

/// The form for a new activity of the register.
pub async fn show_new_activity(tr: Tr, csrf: CsrfToken, who: Authorized<Administer>) -> Result<Response, AppError> {
    activity_page(tr, &csrf, &who.ctx, FormState::default(), None)
}

/// An activity of the register, to change.
pub async fn edit_activity(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let row = store::privacy::activities(&s.db, who.ctx.association_id())
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)?;
    let mut f = FormState::default();
    for (k, v) in row.activity().fields() {
        f.set(k, v);
    }
    activity_page(tr, &csrf, &who.ctx, f, Some(id))
}

fn activity_input(posted: &Posted) -> Activity {
    let g = |k: &str| posted.get(k).to_string();
    Activity {
        name: g("name"),
        purpose: g("purpose"),
        legal_basis: g("legal_basis"),
        data_subjects: g("data_subjects"),
        data_categories: g("data_categories"),
        recipients: g("recipients"),
        retention: g("retention"),
        security: g("security"),
    }
}

/// Adds an activity to the register.
pub async fn create_activity(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    save_activity(&s, tr, &csrf, &who, None, &posted).await
}

/// Saves a changed activity, or removes it (`action=delete`).
pub async fn update_activity(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if posted.get("action") == "delete" {
        if !store::privacy::delete_activity(&s.db, &who.grant, id).await? {
            return Err(AppError::NotFound);
        }
        audit(&s, &who, "privacy.register.delete", &format!("#{id}")).await?;
        return Ok(done("/members/privacy", "notice-removed"));
    }
    save_activity(&s, tr, &csrf, &who, Some(id), &posted).await
}

async fn save_activity(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    who: &Authorized<Administer>,
    id: Option<i64>,
    posted: &Posted,
) -> Result<Response, AppError> {
    match activity_input(posted).validate() {
        Ok(act) => {
            let saved = store::privacy::save_activity(&s.db, &who.grant, id, &act, now()).await?;
            let id = saved.ok_or(AppError::NotFound)?;
            audit(s, who, "privacy.register", &format!("{} (#{id})", act.name)).await?;
            Ok(done("/members/privacy", "notice-saved"))
        }
        Err(inv) => {
            let mut f = FormState::keep(posted, &ACTIVITY_FIELDS);
            f.invalid(&tr, &inv);
            Ok(refused(activity_page(tr, csrf, &who.ctx, f, id)?))
        }
    }
}

/// The register as a CSV file (French Excel flavour), for the board or the CNIL.
pub async fn export_register(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<Administer>,
) -> Result<Response, AppError> {
    let rows = store::privacy::activities(&s.db, who.ctx.association_id()).await?;
    let headers: Vec<String> =
        ACTIVITY_FIELDS.iter().map(|k| tr.t(&format!("register-field-{}", k.replace('_', "-")))).collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut w = sheet::SheetWriter::new(&mut out, sheet::OutFormat::CsvExcel, "registre", &headers)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    for r in &rows {
        let act = r.activity();
        let cells: Vec<sheet::Cell> = act.fields().iter().map(|(_, v)| sheet::Cell::Text(v)).collect();
        w.row(&cells).map_err(|e| AppError::Internal(e.to_string()))?;
    }
    w.finish().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"registre-des-traitements.csv\""),
        ],
        out,
    )
        .into_response())
}
