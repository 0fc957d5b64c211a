//! Member categories or groups: list, add, rename, remove.

use super::members::members_off;
use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::{CategoryId, Grant, ManageMembers, TeamWork};
use store::categories::Category;

#[derive(Template)]
#[template(path = "categories.html")]
struct CategoriesPage {
    c: Chrome,
    f: FormState,
    categories: Vec<Category>,
    can_edit: bool,
}

async fn categories_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let categories = store::categories::list(&s.db, ctx.association_id()).await?;
    let can_edit = Grant::<ManageMembers>::check(&ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("categories-title"), "members", ctx).with_csrf(csrf).notice(notice);
    page(&CategoriesPage { c, f, categories, can_edit })
}

/// The categories and how many members each holds.
pub async fn show_categories(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    categories_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// A checked category name, or the form refused with the reason next to `field`.
fn checked_name(tr: &Tr, posted: &Posted, field: &str) -> Result<String, FormState> {
    domain::validate::line(posted.get(field), 60).map_err(|k| {
        let mut f = FormState::keep(posted, &[field]);
        f.error(tr, field, k);
        f
    })
}

/// Adds a category.
pub async fn create_category(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let result = match checked_name(&tr, &posted, "name") {
        Ok(name) => match store::categories::create(&s.db, &who.grant, &name).await {
            Ok(id) => Ok((id, name)),
            Err(store::Error::Conflict) => Err(taken(&tr, &posted, "name")),
            Err(e) => return Err(e.into()),
        },
        Err(f) => Err(f),
    };
    match result {
        Ok((id, name)) => {
            let detail = format!("{name} (#{id})");
            store::audit::by(&s.db, &who.grant, "category.create", &detail, now()).await?;
            Ok(done("/members/categories", "notice-saved"))
        }
        Err(f) => Ok(refused(categories_page(&s, tr, &csrf, &who.ctx, f, None).await?)),
    }
}

fn taken(tr: &Tr, posted: &Posted, field: &str) -> FormState {
    let mut f = FormState::keep(posted, &[field]);
    f.error(tr, field, "error-name-taken");
    f
}

/// Renames a category (the field is `name-{id}`, so each row's error sits by its own input).
pub async fn rename_category(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let field = format!("name-{id}");
    let f = match checked_name(&tr, &posted, &field) {
        Ok(name) => match store::categories::rename(&s.db, &who.grant, CategoryId(id), &name).await {
            Ok(true) => {
                let detail = format!("{name} (#{id})");
                store::audit::by(&s.db, &who.grant, "category.rename", &detail, now()).await?;
                return Ok(done("/members/categories", "notice-saved"));
            }
            Ok(false) => return Err(AppError::NotFound),
            Err(store::Error::Conflict) => taken(&tr, &posted, &field),
            Err(e) => return Err(e.into()),
        },
        Err(f) => f,
    };
    Ok(refused(categories_page(&s, tr, &csrf, &who.ctx, f, None).await?))
}

/// Removes a category; its members stay, outside it.
pub async fn delete_category(
    State(s): State<AppState>,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    _p: Posted,
) -> Result<Response, AppError> {
    if !store::categories::delete(&s.db, &who.grant, CategoryId(id)).await? {
        return Err(AppError::NotFound);
    }
    store::audit::by(&s.db, &who.grant, "category.delete", &format!("#{id}"), now()).await?;
    Ok(done("/members/categories", "notice-removed"))
}
