//! The association's own member fields: list, add, change (label, choices,
//! required, who sees and edits them, order, archive).

use super::members::members_off;
use super::{Chrome, FormState, NoticeQuery, Options, done, options, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::Administer;
use domain::fields::{FieldInput, Kind};
use store::fields::FieldRow;

#[derive(Template)]
#[template(path = "fields.html")]
struct FieldsPage {
    c: Chrome,
    fields: Vec<(FieldRow, String)>,
}

/// The fields, in form order.
pub async fn show_fields(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let fields = store::fields::list(&s.db, who.ctx.association_id(), true)
        .await?
        .into_iter()
        .map(|f| {
            let kind = tr.t(&format!("field-kind-{}", f.kind));
            (f, kind)
        })
        .collect();
    let c = Chrome::inside(tr, &tr.t("fields-title"), "members", &who.ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    page(&FieldsPage { c, fields })
}

#[derive(Template)]
#[template(path = "field_form.html")]
struct FieldFormPage {
    c: Chrome,
    f: FormState,
    action: String,
    editing: bool,
    kinds: Options,
}

const FIELDS: [&str; 9] =
    ["label", "kind", "choices", "required", "member_sees", "member_edits", "in_directory", "position", "archived"];

fn form_page(
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    id: Option<i64>,
) -> Result<Response, AppError> {
    let title = tr.t(if id.is_some() { "field-edit-title" } else { "field-new-title" });
    let action = id.map_or("/members/fields".into(), |id| format!("/members/fields/{id}"));
    let codes: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
    let c = Chrome::inside(tr, &title, "members", ctx).with_csrf(csrf);
    page(&FieldFormPage { c, f, action, editing: id.is_some(), kinds: options(&tr, &codes, "field-kind-") })
}

/// The form for a new field.
pub async fn show_new_field(tr: Tr, csrf: CsrfToken, who: Authorized<Administer>) -> Result<Response, AppError> {
    let mut f = FormState::default();
    f.set("kind", "text");
    form_page(tr, &csrf, &who.ctx, f, None)
}

/// A field's form, filled in.
pub async fn edit_field(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let row = store::fields::list(&s.db, who.ctx.association_id(), true)
        .await?
        .into_iter()
        .find(|f| f.id == id)
        .ok_or(AppError::NotFound)?;
    let mut f = FormState::default();
    let on = |b: bool| if b { "on".to_string() } else { String::new() };
    for (k, v) in [
        ("label", row.label.clone()),
        ("kind", row.kind.clone()),
        ("choices", row.choices.clone()),
        ("required", on(row.required)),
        ("member_sees", on(row.member_sees)),
        ("member_edits", on(row.member_edits)),
        ("in_directory", on(row.in_directory)),
        ("position", row.position.to_string()),
        ("archived", on(row.archived)),
    ] {
        f.set(k, v);
    }
    form_page(tr, &csrf, &who.ctx, f, Some(id))
}

fn input(posted: &Posted, kind: &str) -> FieldInput {
    FieldInput {
        label: posted.get("label").into(),
        kind: kind.into(),
        choices: posted.get("choices").into(),
        required: posted.get("required") == "on",
        member_sees: posted.get("member_sees") == "on",
        member_edits: posted.get("member_edits") == "on",
        in_directory: posted.get("in_directory") == "on",
    }
}

/// Adds a field.
pub async fn create_field(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    posted: Posted,
) -> Result<Response, AppError> {
    match input(&posted, posted.get("kind")).validate() {
        Ok(spec) => {
            let id = store::fields::create(&s.db, &who.grant, &spec).await?;
            let detail = format!("{} (#{id}, {})", spec.label, spec.kind.code());
            store::audit::by(&s.db, &who.grant, "member.field", &detail, now()).await?;
            Ok(done("/members/fields", "notice-saved"))
        }
        Err(inv) => {
            let mut f = FormState::keep(&posted, &FIELDS);
            f.invalid(&tr, &inv);
            Ok(refused(form_page(tr, &csrf, &who.ctx, f, None)?))
        }
    }
}

/// Saves a changed field; its kind stays what it was.
pub async fn save_field(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<Administer>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    let row = store::fields::list(&s.db, a, true).await?.into_iter().find(|f| f.id == id).ok_or(AppError::NotFound)?;
    let mut f = FormState::keep(&posted, &FIELDS);
    f.set("kind", row.kind.clone());
    let position = match posted.get("position").trim().parse::<i64>() {
        Ok(p) if (0..=10_000).contains(&p) => Some(p),
        _ => {
            f.error(&tr, "position", "error-position");
            None
        }
    };
    match (input(&posted, &row.kind).validate(), position) {
        (Ok(spec), Some(position)) => {
            let archived = posted.get("archived") == "on";
            if !store::fields::update(&s.db, &who.grant, id, &spec, position, archived).await? {
                return Err(AppError::NotFound);
            }
            let detail = format!("{} (#{id})", spec.label);
            store::audit::by(&s.db, &who.grant, "member.field", &detail, now()).await?;
            Ok(done("/members/fields", "notice-saved"))
        }
        (result, _) => {
            if let Err(inv) = result {
                f.invalid(&tr, &inv);
            }
            Ok(refused(form_page(tr, &csrf, &who.ctx, f, Some(id))?))
        }
    }
}
