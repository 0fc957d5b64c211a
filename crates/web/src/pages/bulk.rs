//! Bulk actions of the member list, without JavaScript: the list's rows
//! carry a checkbox each inside one form, which posts the ticked ids, the
//! list's search and filters, and whether to act on the ticked rows or on
//! everyone the search matches. Actions: put into or take out of a
//! category, write an email (its own page, previewed before it is sent),
//! export. Ids are always looked up inside the person's association: those
//! of another are simply not found.

use super::exports::ExportFormat;
use super::members::{ListForms, members_off, today};
use super::saved_searches::{encode, kept_pairs, list_of, list_url};
use super::{Chrome, FormState, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{CategoryId, ManageMembers, MemberId};
use store::bulk::Selected;

/// The actions the list's bulk form offers, as its `action` values.
const ACTIONS: [&str; 4] = ["category-add", "category-remove", "email", "export"];

/// Longest subject and body of a bulk email.
const SUBJECT_MAX: usize = 200;
const BODY_MAX: usize = 20_000;

/// Member ids from the values of `ids` fields: each a number, or numbers
/// separated by commas (as the email page and the export carry them).
/// Sorted, without repeats; anything else is dropped.
pub fn parse_ids<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<i64> {
    let mut ids: Vec<i64> = values
        .into_iter()
        .flat_map(|v| v.split(','))
        .filter_map(|v| v.trim().parse().ok())
        .filter(|id| *id > 0)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Ids as the email page and the export carry them: `1,2,3`.
fn joined(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Which members an action applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// The rows ticked, by id.
    Ticked(Vec<i64>),
    /// Everyone the list's search and filters match.
    All,
}

/// A bulk action's members: the scope, and the list's search and filters
/// (kept to find "everyone", and to go back to the same list).
#[derive(Debug, Clone)]
struct Selection {
    scope: Scope,
    list: Vec<(&'static str, String)>,
}

impl Selection {
    /// From a form's or an address's fields.
    fn read(fields: &[(String, String)]) -> Selection {
        let scope = match fields.iter().find(|(k, _)| k == "scope").map(|(_, v)| v.as_str()) {
            Some("all") => Scope::All,
            _ => Scope::Ticked(parse_ids(fields.iter().filter(|(k, _)| k == "ids").map(|(_, v)| v.as_str()))),
        };
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        Selection { scope, list: kept_pairs(&pairs) }
    }

    /// The list's query string.
    fn query(&self) -> String {
        encode(&self.list)
    }

    /// The fields that carry the selection on: scope, ids and the list's query.
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = match &self.scope {
            Scope::All => vec![("scope", "all".to_string())],
            Scope::Ticked(ids) => vec![("scope", "ticked".to_string()), ("ids", joined(ids))],
        };
        fields.extend(self.list.iter().cloned());
        fields
    }

    /// The members of `ctx`'s association it designates, by id.
    async fn members(&self, s: &AppState, ctx: &InAssociation) -> Result<Vec<Selected>, AppError> {
        let a = ctx.association_id();
        Ok(match &self.scope {
            Scope::Ticked(ids) => {
                let ids: Vec<MemberId> = ids.iter().copied().map(MemberId).collect();
                store::bulk::among(&s.db, a, &ids).await?
            }
            Scope::All => {
                let policy = store::dues::settings(&s.db, a).await?.policy;
                store::bulk::matching(&s.db, a, &list_of(&self.query()).filter(), (today(), policy)).await?
            }
        })
    }

    /// What the audit log says about the members acted on.
    fn describe(&self, members: &[Selected]) -> String {
        match &self.scope {
            Scope::Ticked(_) => {
                format!("ticked={}", members.iter().map(|m| m.id.to_string()).collect::<Vec<_>>().join(","))
            }
            Scope::All => format!("search={:?}", self.query()),
        }
    }
}

/// Applies the bulk form of the list: changes a category and goes back to
/// the list, or goes on to the email page or the export. A missing choice
/// shows the list again with the rows still ticked and the reason by the field.
pub async fn apply_bulk(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let sel = Selection::read(&posted.fields);
    let mut f = FormState::keep(&posted, &["scope", "action", "bulk_category", "bulk_format"]);
    let action = posted.get("action");
    if !ACTIONS.contains(&action) {
        f.error(&tr, "action", "error-bulk-action");
    }
    if sel.scope == Scope::Ticked(vec![]) {
        f.error(&tr, "scope", "error-bulk-none-ticked");
    }
    let category = if action.starts_with("category-") {
        let chosen = posted.get("bulk_category").parse::<i64>().ok();
        let found = match chosen {
            Some(id) => store::categories::list(&s.db, a).await?.into_iter().find(|c| c.id == id),
            None => None,
        };
        if found.is_none() {
            f.error(&tr, "bulk_category", "error-bulk-category");
        }
        found
    } else {
        None
    };
    let format = ExportFormat::from_code(posted.get("bulk_format"));
    if action == "export" && format.is_none() {
        f.error(&tr, "bulk_format", "error-unknown-choice");
    }
    // Nobody found: none of the ticked ids is a member here, or the search matches no one.
    let members = match (f.has_errors(), action) {
        (false, "category-add" | "category-remove") => sel.members(&s, &who.ctx).await?,
        _ => Vec::new(),
    };
    if category.is_some() && members.is_empty() && !f.has_errors() {
        f.error(&tr, "scope", "error-bulk-nobody");
    }
    if f.has_errors() {
        let ticked = match &sel.scope {
            Scope::Ticked(ids) => ids.clone(),
            Scope::All => Vec::new(),
        };
        let page = posted.get("page").parse::<i64>().map_or(String::new(), |p| format!("&page={p}"));
        let list = list_of(&format!("{}{page}", sel.query()));
        let forms = ListForms { bulk: f, ticked, ..ListForms::default() };
        return Ok(refused(super::members::list_page(&s, tr, &csrf, &who.ctx, &list, forms).await?));
    }
    match (action, category, format) {
        ("export", _, Some(format)) => {
            let chosen = match &sel.scope {
                Scope::Ticked(ids) => format!("ids={}", joined(ids)),
                Scope::All => sel.query(),
            };
            let sep = if chosen.is_empty() { "" } else { "&" };
            Ok(Redirect::to(&format!("/members/export?format={}{sep}{chosen}", format.code())).into_response())
        }
        ("email", _, _) => Ok(Redirect::to(&format!("/members/bulk/email?{}", encode(&sel.fields()))).into_response()),
        (action, Some(category), _) => {
            let ids: Vec<MemberId> = members.iter().map(Selected::member).collect();
            let id = CategoryId(category.id);
            let (verb, changed) = if action == "category-add" {
                ("add", store::categories::add_members(&s.db, &who.grant, id, &ids).await?)
            } else {
                ("remove", store::categories::remove_members(&s.db, &who.grant, id, &ids).await?)
            };
            let detail = format!(
                "{verb} {:?} (#{}): selected={} changed={changed} {}",
                category.name,
                category.id,
                ids.len(),
                sel.describe(&members)
            );
            let actor = Some(who.grant.user_id());
            store::audit::record(&s.db, a, actor, "member.bulk.category", &detail, now()).await?;
            Ok(Redirect::to(&list_url(&sel.query(), "notice-bulk-done")).into_response())
        }
        _ => Err(AppError::Internal("bulk action left unchecked".into())),
    }
}

#[derive(Template)]
#[template(path = "bulk_email.html")]
struct BulkEmailPage {
    c: Chrome,
    f: FormState,
    /// The hidden fields carrying the selection.
    selection: Vec<(&'static str, String)>,
    /// Back to the list the selection came from.
    back: String,
    recipients: usize,
    without_email: usize,
    /// The first message as it will leave: recipient, subject, body.
    preview: Option<(String, String, String)>,
}

/// `{prenom}`, `{nom}` and `{association}` filled in for one member; other
/// braces are left as typed.
fn fill(text: &str, m: &Selected, association: &str) -> String {
    text.replace("{prenom}", &m.first_name).replace("{nom}", &m.last_name).replace("{association}", association)
}

/// A fingerprint of what a preview showed, so sending can require one.
fn preview_stamp(subject: &str, body: &str, sel: &Selection) -> String {
    crate::crypto::token_hash(&format!("{subject}\u{0}{body}\u{0}{}", encode(&sel.fields())))
}

async fn email_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    sel: &Selection,
    mut f: FormState,
    previewing: bool,
) -> Result<Response, AppError> {
    let members = sel.members(s, ctx).await?;
    let with_email: Vec<&Selected> = members.iter().filter(|m| m.email.is_some()).collect();
    let preview = match (previewing, with_email.first()) {
        (true, Some(m)) => {
            let name = &ctx.association.name;
            let (subject, body) = (f.v("subject").to_string(), f.v("body").to_string());
            f.set("previewed", preview_stamp(&subject, &body, sel));
            Some((m.email.clone().unwrap_or_default(), fill(&subject, m, name), fill(&body, m, name)))
        }
        _ => None,
    };
    let c = Chrome::inside(tr, &tr.t("bulk-email-title"), "members", ctx).with_csrf(csrf);
    page(&BulkEmailPage {
        c,
        f,
        selection: sel.fields(),
        back: match sel.query() {
            q if q.is_empty() => "/members".to_string(),
            q => format!("/members?{q}"),
        },
        recipients: with_email.len(),
        without_email: members.len() - with_email.len(),
        preview,
    })
}

/// The email form for the members selected on the list: how many will
/// receive it and how many have no address.
pub async fn show_bulk_email(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Query(fields): Query<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let sel = Selection::read(&fields);
    email_page(&s, tr, &csrf, &who.ctx, &sel, FormState::default(), false).await
}

/// Previews the first message (`action=preview`), or queues one message per
/// selected member who has an address (`action=send`, only once the same
/// text was previewed for the same selection).
pub async fn send_bulk_email(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let sel = Selection::read(&posted.fields);
    let mut f = FormState::default();
    let subject = match domain::validate::line(posted.get("subject"), SUBJECT_MAX) {
        Ok(subject) => subject,
        Err(key) => {
            f.error(&tr, "subject", key);
            posted.get("subject").to_string()
        }
    };
    let body = posted.get("body").trim().replace("\r\n", "\n");
    if body.is_empty() {
        f.error(&tr, "body", "error-required");
    } else if body.chars().count() > BODY_MAX {
        f.error(&tr, "body", "error-too-long");
    }
    f.set("subject", subject.clone());
    f.set("body", body.clone());
    let sending = posted.get("action") == "send";
    if sending && !f.has_errors() && posted.get("previewed") != preview_stamp(&subject, &body, &sel) {
        f.error(&tr, "subject", "error-bulk-preview-first");
    }
    if f.has_errors() {
        return Ok(refused(email_page(&s, tr, &csrf, &who.ctx, &sel, f, false).await?));
    }
    if !sending {
        return email_page(&s, tr, &csrf, &who.ctx, &sel, f, true).await;
    }
    let members = sel.members(&s, &who.ctx).await?;
    let name = &who.ctx.association.name;
    let t = now();
    let mut sent = 0;
    for m in &members {
        if let Some(email) = &m.email {
            store::mail::enqueue(&s.db, email, &fill(&subject, m, name), &fill(&body, m, name), t).await?;
            sent += 1;
        }
    }
    if sent == 0 {
        // Nobody to write to (the page said so and offered no form).
        return Ok(refused(email_page(&s, tr, &csrf, &who.ctx, &sel, f, false).await?));
    }
    let detail = format!(
        "messages={sent} without_email={} subject={subject:?} {}",
        members.len() - sent,
        sel.describe(&members)
    );
    let a = who.ctx.association_id();
    store::audit::record(&s.db, a, Some(who.grant.user_id()), "member.bulk.email", &detail, t).await?;
    Ok(Redirect::to(&list_url(&sel.query(), "notice-bulk-mail")).into_response())
}
