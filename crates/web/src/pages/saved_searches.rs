//! Saved searches of the member list: the list's query string kept under a
//! name, for its author, or for the whole team when shared. They show on the
//! list as links; their author may delete them.

use super::members::{ListForms, ListQuery, list_page, members_off};
use super::{FormState, refused};
use crate::AppState;
use crate::auth::{Authorized, CsrfToken, Posted, urlencode};
use crate::error::AppError;
use crate::i18n::Tr;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use domain::TeamWork;
use domain::dues::Status;
use store::members::Sort;

/// The keys of the list's query that a search keeps, in this order; never
/// the page or a notice.
pub const KEYS: [&str; 6] = ["q", "sort", "status", "category", "type", "year"];

/// Saved names are at most this long.
const NAME_MAX: usize = 80;

/// The list's query from `pairs`: only [`KEYS`], the first value of each,
/// skipping empty values and values the list would not understand
/// (`sort` and `status` codes, numbers for the rest).
pub fn kept_pairs(pairs: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    KEYS.iter()
        .filter_map(|key| {
            let v = pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim())?;
            let v = match *key {
                _ if v.is_empty() => return None,
                "q" => v.to_string(),
                "sort" => Sort::from_code(v).code().to_string(),
                "status" => Status::from_code(v)?.code().to_string(),
                _ => v.parse::<i64>().ok()?.to_string(),
            };
            Some((*key, v))
        })
        .collect()
}

/// `pairs` as a query string, without the `?`.
pub fn encode(pairs: &[(&str, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={}", urlencode(v))).collect::<Vec<_>>().join("&")
}

/// The list's query kept from a form's or an address's fields, re-encoded.
pub fn list_query(fields: &[(String, String)]) -> String {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    encode(&kept_pairs(&pairs))
}

/// The list's [`ListQuery`] for a query string (a kept one, maybe with a page).
pub fn list_of(query: &str) -> ListQuery {
    format!("/members?{query}")
        .parse::<Uri>()
        .ok()
        .and_then(|uri| Query::<ListQuery>::try_from_uri(&uri).ok())
        .map(|Query(q)| q)
        .unwrap_or_default()
}

/// The list at `query`, showing `notice`.
pub fn list_url(query: &str, notice: &str) -> String {
    match query {
        "" => format!("/members?notice={notice}"),
        q => format!("/members?{q}&notice={notice}"),
    }
}

/// Saves the list's current search under a name, shared with the team or not.
pub async fn create_saved_search(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let query = list_query(&posted.fields);
    let shared = posted.get("shared") == "on";
    let mut f = FormState::keep(&posted, &["name", "shared"]);
    match domain::validate::line(posted.get("name"), NAME_MAX) {
        Ok(name) => match store::saved_searches::create(&s.db, &who.grant, &name, &query, shared, crate::now()).await {
            Ok(_) => return Ok(Redirect::to(&list_url(&query, "notice-search-saved")).into_response()),
            Err(store::Error::Conflict) => f.error(&tr, "name", "error-search-name-taken"),
            Err(e) => return Err(e.into()),
        },
        Err(key) => f.error(&tr, "name", key),
    }
    let forms = ListForms { saving: f, ..ListForms::default() };
    Ok(refused(list_page(&s, tr, &csrf, &who.ctx, &list_of(&query), forms).await?))
}

/// Deletes one of the person's own saved searches, back to the list they were on.
pub async fn delete_saved_search(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if !store::saved_searches::delete(&s.db, &who.grant, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&list_url(&list_query(&posted.fields), "notice-removed")).into_response())
}
