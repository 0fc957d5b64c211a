//! A member's own space: their record (correcting how to reach them), their
//! memberships and payments, their consents, their data to take away (RGPD
//! articles 15 and 20, JSON and CSV), a request to be erased; and the
//! members' directory, for those who opted in.

use super::members::{members_off, today};
use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::MemberId;
use domain::privacy::Source;
use store::members::MemberRow;
use store::privacy::OwnRecord;

/// The signed-in person's member record in the current association, linked
/// on first visit, with the proof that it is theirs.
async fn my_record(s: &AppState, ctx: &InAssociation) -> Result<Option<(OwnRecord, MemberRow)>, AppError> {
    let a = ctx.association_id();
    let Some(own) = store::privacy::member_of_user(&s.db, a, ctx.me.user_id(), &ctx.me.user.email).await? else {
        return Ok(None);
    };
    let m = store::members::get(&s.db, a, own.member_id()).await?.filter(|m| m.pseudonymised_at.is_none());
    Ok(m.map(|m| (own, m)))
}

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    c: Chrome,
    f: FormState,
    m: Option<MemberRow>,
    status_label: String,
    periods: Vec<store::dues::PeriodLine>,
    payments: Vec<store::dues::PaymentLine>,
    consents: Vec<store::privacy::ConsentState>,
    erasure_pending: bool,
    /// The association's fields the member sees but does not edit: (label, value).
    shown: Vec<(String, String)>,
    /// Those they edit.
    custom: Vec<crate::custom::Input>,
}

async fn me_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    mut f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    crate::privacy::ensure_defaults(&s.db, a, now()).await?;
    let m = my_record(s, ctx).await?.map(|(_, m)| m);
    let c = Chrome::inside(tr, &tr.t("me-title"), "me", ctx).with_csrf(csrf).notice(notice);
    let Some(record) = m else {
        return page(&MePage {
            c,
            f,
            m: None,
            status_label: String::new(),
            periods: vec![],
            payments: vec![],
            consents: vec![],
            erasure_pending: false,
            shown: vec![],
            custom: vec![],
        });
    };
    let id = MemberId(record.id);
    let policy = store::dues::settings(&s.db, a).await?.policy;
    let paid_until = record.paid_until.as_deref().and_then(domain::Date::parse_iso);
    let status = domain::dues::status(paid_until, today(), policy);
    let (periods, payments) = store::dues::of_member(&s.db, a, id).await?;
    for (field, value) in [
        ("phone", record.phone.clone().unwrap_or_default()),
        ("address", record.address.clone()),
        ("postal_code", record.postal_code.clone()),
        ("city", record.city.clone()),
    ] {
        if f.v(field).is_empty() && f.e(field).is_empty() {
            f.set(field, value);
        }
    }
    let fields = store::fields::list(&s.db, a, false).await?;
    let (editable, seen): (Vec<_>, Vec<_>) = fields.into_iter().filter(|f| f.member_sees).partition(|f| f.member_edits);
    let values = store::fields::values_of(&s.db, a, id).await?;
    if !f.has_errors() {
        crate::custom::fill(&mut f, &values);
    }
    let shown = crate::custom::shown(&tr, &seen, &values);
    let custom = crate::custom::inputs(&editable, &f);
    let erasure_pending =
        store::privacy::erasure_requests(&s.db, a, Some(id)).await?.iter().any(|r| r.status == "pending");
    page(&MePage {
        c,
        f,
        status_label: tr.t(&format!("status-{}", status.code())),
        m: Some(record),
        periods,
        payments,
        consents: store::privacy::consents_of(&s.db, a, id).await?,
        erasure_pending,
        shown,
        custom,
    })
}

/// The member's own page.
pub async fn show_me(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    ctx: InAssociation,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &ctx) {
        return Ok(r);
    }
    me_page(&s, tr, &csrf, &ctx, FormState::default(), q.notice.as_deref()).await
}

/// Saves how the member can be reached (phone, address, postal code, city).
pub async fn save_me(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    ctx: InAssociation,
    posted: Posted,
) -> Result<Response, AppError> {
    let (own, m) = my_record(&s, &ctx).await?.ok_or(AppError::NotFound)?;
    let current = domain::members::Member {
        first_name: m.first_name.clone(),
        last_name: m.last_name.clone(),
        email: m.email.clone(),
        birth_date: m.birth_date.clone(),
        notes: m.notes.clone(),
        ..Default::default()
    };
    let g = |k| posted.get(k);
    let corrected = domain::privacy::self_correction(
        &current,
        g("phone"),
        g("address"),
        g("postal_code"),
        g("city"),
        &today().to_string(),
    );
    let a = ctx.association_id();
    let mut f = FormState::keep(&posted, &["phone", "address", "postal_code", "city"]);
    if let Err(inv) = &corrected {
        f.invalid(&tr, inv);
    }
    // Only the fields the association lets members edit are read from the form.
    let editable: Vec<_> = store::fields::list(&s.db, a, false).await?.into_iter().filter(|f| f.member_edits).collect();
    let values = crate::custom::check(&tr, &editable, &posted, &mut f);
    let (Ok(corrected), Some(values)) = (corrected, values) else {
        return Ok(refused(me_page(&s, tr, &csrf, &ctx, f, None).await?));
    };
    store::fields::set_own_values(&s.db, &own, &values).await?;
    // The member acts on their own record only: `own` proves it, found from their session.
    if !store::members::update_own(&s.db, &own, &corrected, now()).await? {
        return Err(AppError::NotFound);
    }
    let detail = format!("#{}: phone, address (self-service)", m.id);
    store::audit::record_about_member(
        &s.db,
        a,
        Some(ctx.me.user_id()),
        ("member.self-update", MemberId(m.id)),
        &detail,
        now(),
    )
    .await?;
    Ok(done("/me", "notice-saved"))
}

/// The member's consents, as ticked.
pub async fn save_my_consents(
    State(s): State<AppState>,
    ctx: InAssociation,
    posted: Posted,
) -> Result<Response, AppError> {
    let (_, m) = my_record(&s, &ctx).await?.ok_or(AppError::NotFound)?;
    let a = ctx.association_id();
    let changed =
        super::privacy::record_consents(&s, a, MemberId(m.id), &posted, (Source::Member, Some(ctx.me.user_id())))
            .await?;
    if !changed.is_empty() {
        let detail = format!("#{}: {} (self-service)", m.id, changed.join(", "));
        let actor = Some(ctx.me.user_id());
        store::audit::record_about_member(&s.db, a, actor, ("member.consents", MemberId(m.id)), &detail, now()).await?;
    }
    Ok(done("/me", "notice-saved"))
}

/// The member's data, as JSON (`format=json`) or CSV.
pub async fn download_my_data(
    State(s): State<AppState>,
    ctx: InAssociation,
    Query(q): Query<DataQuery>,
) -> Result<Response, AppError> {
    let (_, m) = my_record(&s, &ctx).await?.ok_or(AppError::NotFound)?;
    let a = ctx.association_id();
    let data = crate::privacy::member_data(&s.db, a, &ctx.association.name, MemberId(m.id), now())
        .await?
        .ok_or(AppError::NotFound)?;
    let format = if q.format.as_deref() == Some("csv") { "csv" } else { "json" };
    let detail = format!("#{}: {format} (self-service)", m.id);
    store::audit::record_about_member(
        &s.db,
        a,
        Some(ctx.me.user_id()),
        ("member.data-export", MemberId(m.id)),
        &detail,
        now(),
    )
    .await?;
    let (body, content_type) = match format {
        "csv" => (crate::privacy::member_data_csv(&data), "text/csv; charset=utf-8"),
        _ => (serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.to_string()))?, "application/json"),
    };
    let disposition = format!("attachment; filename=\"mes-donnees.{format}\"");
    Ok(([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

#[derive(serde::Deserialize, Default)]
pub struct DataQuery {
    format: Option<String>,
}

/// Asks the association to erase the member (the box `confirm` must be ticked).
pub async fn request_my_erasure(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    ctx: InAssociation,
    posted: Posted,
) -> Result<Response, AppError> {
    let (_, m) = my_record(&s, &ctx).await?.ok_or(AppError::NotFound)?;
    if posted.get("confirm") != "on" {
        let mut f = FormState::default();
        f.error(&tr, "confirm", "error-confirm-erasure");
        return Ok(refused(me_page(&s, tr, &csrf, &ctx, f, None).await?));
    }
    let a = ctx.association_id();
    if store::privacy::request_erasure(&s.db, a, MemberId(m.id), Some(ctx.me.user_id()), now()).await? {
        let detail = format!("#{} (self-service)", m.id);
        let actor = Some(ctx.me.user_id());
        store::audit::record_about_member(&s.db, a, actor, ("member.erasure-request", MemberId(m.id)), &detail, now())
            .await?;
    }
    Ok(done("/me", "notice-erasure-requested"))
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage {
    c: Chrome,
    /// The association's fields shown in the directory.
    columns: Vec<String>,
    /// Each person and their values of those fields.
    people: Vec<(store::privacy::DirectoryEntry, Vec<String>)>,
}

/// The members who chose to be in the directory, for anyone of the association.
pub async fn show_directory(State(s): State<AppState>, tr: Tr, ctx: InAssociation) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &ctx) {
        return Ok(r);
    }
    let a = ctx.association_id();
    let people = store::privacy::directory(&s.db, a).await?;
    let fields: Vec<_> = store::fields::list(&s.db, a, false).await?.into_iter().filter(|f| f.in_directory).collect();
    let ids: Vec<i64> = people.iter().map(|p| p.id).collect();
    let values = if fields.is_empty() { vec![] } else { store::fields::values_of_many(&s.db, a, &ids).await? };
    let people = people
        .into_iter()
        .map(|p| {
            let row = fields
                .iter()
                .map(|f| {
                    let v = values.iter().find(|(m, fid, _)| *m == p.id && *fid == f.id);
                    v.map(|(_, _, v)| crate::custom::display(&tr, f, v)).unwrap_or_default()
                })
                .collect();
            (p, row)
        })
        .collect();
    let columns = fields.iter().map(|f| f.label.clone()).collect();
    let c = Chrome::inside(tr, &tr.t("directory-title"), "directory", &ctx);
    page(&DirectoryPage { c, columns, people })
}
