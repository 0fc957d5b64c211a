//! Members (adhérent·es): the searchable list, a member's page, and the
//! form to add or correct a member.

use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::members::MemberInput;
use domain::settings::Module;
use domain::{ManageMembers, MemberId, TeamWork};
use store::members::{MemberLine, MemberRow, Sort};

/// Rows per page of the list.
pub const PER_PAGE: i64 = 100;

const FIELDS: [&str; 9] =
    ["first_name", "last_name", "email", "phone", "address", "postal_code", "city", "birth_date", "notes"];

/// The page to show instead when the module is switched off in the settings.
fn module_off(tr: Tr, ctx: &InAssociation) -> Option<Response> {
    if ctx.association.modules().contains(&Module::Members) {
        return None;
    }
    let mut r =
        super::message(tr, &tr.t("module-off-title"), &tr.t("module-off-text"), "/settings", &tr.t("nav-settings"))
            .unwrap_or_else(axum::response::IntoResponse::into_response);
    *r.status_mut() = axum::http::StatusCode::NOT_FOUND;
    Some(r)
}

#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    sort: Option<String>,
    page: Option<i64>,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    c: Chrome,
    rows: Vec<MemberLine>,
    total: i64,
    q: String,
    sort: &'static str,
    page: i64,
    pages: i64,
    can_edit: bool,
    /// Column names, translated once per page rather than once per cell.
    labels: Labels,
}

struct Labels {
    last_name: String,
    first_name: String,
    email: String,
    city: String,
}

/// The list: search, sort, pages of 100.
pub async fn show_members(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = module_off(tr, &who.ctx) {
        return Ok(r);
    }
    let search = q.q.unwrap_or_default();
    let sort = Sort::from_code(q.sort.as_deref().unwrap_or(""));
    let current = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let (rows, total) =
        store::members::page(&s.db, who.ctx.association_id(), &search, sort, (current - 1) * PER_PAGE, PER_PAGE)
            .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let can_edit = domain::Grant::<ManageMembers>::check(&who.ctx.membership).is_some();
    let c =
        Chrome::inside(tr, &tr.t("members-title"), "members", &who.ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    let labels = Labels {
        last_name: tr.t("field-last-name"),
        first_name: tr.t("field-first-name"),
        email: tr.t("field-email"),
        city: tr.t("field-city"),
    };
    page(&MembersPage { c, rows, total, q: search, sort: sort.code(), page: current, pages, can_edit, labels })
}

#[derive(Template)]
#[template(path = "member.html")]
struct MemberPage {
    c: Chrome,
    m: MemberRow,
    can_edit: bool,
}

/// One member's page.
pub async fn show_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = module_off(tr, &who.ctx) {
        return Ok(r);
    }
    let m = store::members::get(&s.db, who.ctx.association_id(), MemberId(id)).await?.ok_or(AppError::NotFound)?;
    let can_edit = domain::Grant::<ManageMembers>::check(&who.ctx.membership).is_some();
    let title = format!("{} {}", m.first_name, m.last_name);
    let c = Chrome::inside(tr, &title, "members", &who.ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    page(&MemberPage { c, m, can_edit })
}

#[derive(Template)]
#[template(path = "member_form.html")]
struct MemberFormPage {
    c: Chrome,
    f: FormState,
    action: String,
    cancel: String,
}

fn form_page(
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    id: Option<i64>,
) -> Result<Response, AppError> {
    let (title, action, cancel) = match id {
        Some(id) => (tr.t("member-edit-title"), format!("/members/{id}"), format!("/members/{id}")),
        None => (tr.t("member-new-title"), "/members".to_string(), "/members".to_string()),
    };
    let c = Chrome::inside(tr, &title, "members", ctx).with_csrf(csrf);
    page(&MemberFormPage { c, f, action, cancel })
}

/// The form for a new member.
pub async fn show_new_member(tr: Tr, csrf: CsrfToken, who: Authorized<ManageMembers>) -> Result<Response, AppError> {
    if let Some(r) = module_off(tr, &who.ctx) {
        return Ok(r);
    }
    form_page(tr, &csrf, &who.ctx, FormState::default(), None)
}

/// The form to correct a member, filled in.
pub async fn edit_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = module_off(tr, &who.ctx) {
        return Ok(r);
    }
    let m = store::members::get(&s.db, who.ctx.association_id(), MemberId(id)).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::default();
    for (field, value) in [
        ("first_name", m.first_name),
        ("last_name", m.last_name),
        ("email", m.email.unwrap_or_default()),
        ("phone", m.phone.unwrap_or_default()),
        ("address", m.address),
        ("postal_code", m.postal_code),
        ("city", m.city),
        ("birth_date", m.birth_date.unwrap_or_default()),
        ("notes", m.notes),
    ] {
        f.set(field, value);
    }
    form_page(tr, &csrf, &who.ctx, f, Some(id))
}

fn input(posted: &Posted) -> MemberInput {
    MemberInput {
        first_name: posted.get("first_name").into(),
        last_name: posted.get("last_name").into(),
        email: posted.get("email").into(),
        phone: posted.get("phone").into(),
        address: posted.get("address").into(),
        postal_code: posted.get("postal_code").into(),
        city: posted.get("city").into(),
        birth_date: posted.get("birth_date").into(),
        notes: posted.get("notes").into(),
    }
}

fn today() -> String {
    chrono::DateTime::from_timestamp(now(), 0).map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// Adds a member.
pub async fn create_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    posted: Posted,
) -> Result<Response, AppError> {
    save(&s, tr, &csrf, &who, None, &posted).await
}

/// Saves a corrected member.
pub async fn save_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    save(&s, tr, &csrf, &who, Some(id), &posted).await
}

/// Checks the form, then adds (`id` none) or corrects a member, with an audit entry.
async fn save(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    who: &Authorized<ManageMembers>,
    id: Option<i64>,
    posted: &Posted,
) -> Result<Response, AppError> {
    if let Some(r) = module_off(tr, &who.ctx) {
        return Ok(r);
    }
    let m = match input(posted).validate(&today()) {
        Ok(m) => m,
        Err(inv) => {
            let mut f = FormState::keep(posted, &FIELDS);
            f.invalid(&tr, &inv);
            return Ok(refused(form_page(tr, csrf, &who.ctx, f, id)?));
        }
    };
    let (id, action) = match id {
        None => (store::members::create(&s.db, &who.grant, &m, now()).await?.0, "member.create"),
        Some(id) if store::members::update(&s.db, &who.grant, MemberId(id), &m, now()).await? => (id, "member.update"),
        Some(_) => return Err(AppError::NotFound),
    };
    let detail = format!("{} {} (#{id})", m.first_name, m.last_name);
    let (a, actor) = (who.grant.association_id(), Some(who.grant.user_id()));
    store::audit::record(&s.db, a, actor, action, &detail, now()).await?;
    Ok(done(&format!("/members/{id}"), "notice-saved"))
}
