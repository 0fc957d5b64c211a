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
use domain::dues::{self, Status};
use domain::members::MemberInput;
use domain::settings::Module;
use domain::{CategoryId, Date, ManageMembers, MemberId, MembershipTypeId, TeamWork};
use store::members::{Filter, MemberLine, MemberRow, Sort};

/// Rows per page of the list.
pub const PER_PAGE: i64 = 100;

const FIELDS: [&str; 9] =
    ["first_name", "last_name", "email", "phone", "address", "postal_code", "city", "birth_date", "notes"];

/// The page to show instead when the module is switched off in the settings.
pub fn members_off(tr: Tr, ctx: &InAssociation) -> Option<Response> {
    super::module_off(tr, ctx, Module::Members)
}

/// The list's query: search, sort, page and filters.
#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    q: Option<String>,
    sort: Option<String>,
    page: Option<i64>,
    status: Option<String>,
    category: Option<String>,
    #[serde(rename = "type")]
    type_id: Option<String>,
    year: Option<String>,
    notice: Option<String>,
}

impl ListQuery {
    /// The filter, ignoring values that do not parse (a hand-edited address
    /// shows everyone); the exports read the same, so they hold what the list showed.
    pub fn filter(&self) -> Filter {
        let id = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<i64>().ok());
        Filter {
            search: self.q.clone().unwrap_or_default(),
            status: self.status.as_deref().and_then(Status::from_code),
            category: id(&self.category).map(CategoryId),
            type_id: id(&self.type_id).map(MembershipTypeId),
            year: id(&self.year).filter(|y| (1900..=2200).contains(y)).map(|y| y as i32),
        }
    }
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    c: Chrome,
    rows: Vec<(MemberLine, Status)>,
    total: i64,
    q: String,
    sort: &'static str,
    page: i64,
    pages: i64,
    can_edit: bool,
    /// The filters as the form shows them, and the query string that keeps them across pages.
    f: FormState,
    filtered: bool,
    keep: String,
    statuses: Vec<(String, String)>,
    categories: Vec<(String, String)>,
    types: Vec<(String, String)>,
    /// Column names, translated once per page rather than once per cell.
    labels: Labels,
    /// The list's query as saved searches and bulk actions carry it (hidden fields).
    kept: Vec<(&'static str, String)>,
    /// The person's saved searches and those the team shares.
    saved: Vec<store::saved_searches::SavedSearch>,
    me: i64,
    forms: ListForms,
}

struct Labels {
    last_name: String,
    first_name: String,
    email: String,
    city: String,
    status: String,
    select: String,
    /// Each status's name, in `Status::ALL` order.
    statuses: Vec<String>,
}

impl Labels {
    fn status_text(&self, s: &Status) -> &str {
        Status::ALL.iter().position(|x| x == s).and_then(|i| self.statuses.get(i)).map_or("", String::as_str)
    }
}

/// The list: search, sort, pages of 100.
pub async fn show_members(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    list_page(&s, tr, &csrf, &who.ctx, &q, ListForms::default()).await
}

/// The list's forms as a refused one shows them again: saving the search,
/// and a bulk action with the rows that were ticked.
#[derive(Default)]
pub struct ListForms {
    pub saving: FormState,
    pub bulk: FormState,
    pub ticked: Vec<i64>,
}

impl ListForms {
    /// Whether member `id`'s row was ticked.
    pub fn is_ticked(&self, id: &i64) -> bool {
        self.ticked.contains(id)
    }
}

/// The list page for `q`, with its forms in the state `forms` gives.
pub async fn list_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    q: &ListQuery,
    forms: ListForms,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, ctx) {
        return Ok(r);
    }
    let a = ctx.association_id();
    let filter = q.filter();
    let sort = Sort::from_code(q.sort.as_deref().unwrap_or(""));
    let current = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let choices = store::members::list_choices(&s.db, a).await?;
    let policy = choices.policy;
    let day = today();
    let (rows, total) =
        store::members::page(&s.db, a, &filter, (day, policy), sort, (current - 1) * PER_PAGE, PER_PAGE).await?;
    let rows = rows
        .into_iter()
        .map(|m| {
            let status = dues::status(m.paid_until.as_deref().and_then(Date::parse_iso), day, policy);
            (m, status)
        })
        .collect();
    let mut f = FormState::default();
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    f.set("status", filter.status.map(|s| s.code()).unwrap_or_default());
    f.set("category", opt(filter.category.map(|c| c.0)));
    f.set("type", opt(filter.type_id.map(|t| t.0)));
    f.set("year", opt(filter.year.map(i64::from)));
    let filtered =
        filter.status.is_some() || filter.category.is_some() || filter.type_id.is_some() || filter.year.is_some();
    let keep = ["status", "category", "type", "year"]
        .iter()
        .filter(|k| !f.v(k).is_empty())
        .map(|k| format!("&{k}={}", f.v(k)))
        .collect::<String>();
    let status_names: Vec<String> = Status::ALL.iter().map(|s| tr.t(&format!("status-{}", s.code()))).collect();
    let any = (String::new(), tr.t("filter-any"));
    let statuses = std::iter::once(any.clone())
        .chain(Status::ALL.iter().zip(&status_names).map(|(s, name)| (s.code().to_string(), name.clone())))
        .collect();
    let categories = std::iter::once(any.clone())
        .chain(choices.categories.into_iter().map(|(id, name)| (id.to_string(), name)))
        .collect();
    let types =
        std::iter::once(any).chain(choices.types.into_iter().map(|(id, name)| (id.to_string(), name))).collect();
    let search = filter.search;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let can_edit = domain::Grant::<ManageMembers>::check(&ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("members-title"), "members", ctx).with_csrf(csrf).notice(q.notice.as_deref());
    let raw = |v: &Option<String>| v.clone().unwrap_or_default();
    let kept = super::saved_searches::kept_pairs(&[
        ("q", &raw(&q.q)),
        ("sort", &raw(&q.sort)),
        ("status", &raw(&q.status)),
        ("category", &raw(&q.category)),
        ("type", &raw(&q.type_id)),
        ("year", &raw(&q.year)),
    ]);
    let saved = store::saved_searches::visible(&s.db, a, ctx.me.user_id()).await?;
    let labels = Labels {
        last_name: tr.t("field-last-name"),
        first_name: tr.t("field-first-name"),
        email: tr.t("field-email"),
        city: tr.t("field-city"),
        status: tr.t("members-status"),
        select: tr.t("bulk-select"),
        statuses: status_names,
    };
    page(&MembersPage {
        c,
        rows,
        total,
        q: search,
        sort: sort.code(),
        page: current,
        pages,
        can_edit,
        f,
        filtered,
        keep,
        statuses,
        categories,
        types,
        labels,
        kept,
        saved,
        me: ctx.me.user_id().0,
        forms,
    })
}

#[derive(Template)]
#[template(path = "member.html")]
struct MemberPage {
    c: Chrome,
    m: MemberRow,
    can_edit: bool,
    status: Status,
    status_label: String,
    /// Every category, whether the member is in it.
    categories: Vec<(i64, String, bool)>,
    household: Vec<store::dues::Housemate>,
    periods: Vec<store::dues::PeriodLine>,
    payments: Vec<store::dues::PaymentLine>,
    reminders: Vec<store::dues::ReminderLine>,
    history: Vec<store::audit::Entry>,
    consents: Vec<store::privacy::ConsentState>,
    /// The association's own fields with a value: (label, value as read).
    custom: Vec<(String, String)>,
    f: FormState,
}

/// One member's page: record, status, categories, household, memberships,
/// payments, reminders sent and the changes made.
pub async fn show_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let member = MemberId(id);
    let m = store::members::get(&s.db, a, member).await?.ok_or(AppError::NotFound)?;
    member_page(&s, tr, &csrf, &who.ctx, m, FormState::default(), q.notice.as_deref()).await
}

async fn member_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    m: MemberRow,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let member = MemberId(m.id);
    let can_edit = domain::Grant::<ManageMembers>::check(&ctx.membership).is_some();
    let policy = store::dues::settings(&s.db, a).await?.policy;
    let status = dues::status(m.paid_until.as_deref().and_then(Date::parse_iso), today(), policy);
    let mine = store::categories::of_member(&s.db, a, member).await?;
    let categories = store::categories::list(&s.db, a)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name, mine.contains(&CategoryId(c.id))))
        .collect();
    let household = store::dues::household(&s.db, a, member).await?;
    let (periods, payments) = store::dues::of_member(&s.db, a, member).await?;
    let reminders = store::dues::reminders_of(&s.db, a, member).await?;
    let history = store::audit::about_member(&s.db, a, member, 50).await?;
    crate::privacy::ensure_defaults(&s.db, a, now()).await?;
    let consents = store::privacy::consents_of(&s.db, a, member).await?;
    let fields = store::fields::list(&s.db, a, false).await?;
    let custom = crate::custom::shown(&tr, &fields, &store::fields::values_of(&s.db, a, member).await?);
    let title = format!("{} {}", m.first_name, m.last_name);
    let c = Chrome::inside(tr, &title, "members", ctx).with_csrf(csrf).notice(notice);
    let status_label = tr.t(&format!("status-{}", status.code()));
    page(&MemberPage {
        c,
        m,
        can_edit,
        status,
        status_label,
        categories,
        household,
        periods,
        payments,
        reminders,
        history,
        consents,
        custom,
        f,
    })
}

/// Puts a member in the categories ticked.
pub async fn save_member_categories(
    State(s): State<AppState>,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    let m = store::members::get(&s.db, a, MemberId(id)).await?.ok_or(AppError::NotFound)?;
    let chosen: Vec<CategoryId> =
        posted.all("categories").iter().filter_map(|c| c.parse().ok()).map(CategoryId).collect();
    store::categories::set_for_member(&s.db, &who.grant, MemberId(id), &chosen).await?;
    let names: Vec<String> = store::categories::list(&s.db, a)
        .await?
        .into_iter()
        .filter(|c| chosen.contains(&CategoryId(c.id)))
        .map(|c| c.name)
        .collect();
    let detail = format!("{} {} (#{id}): {}", m.first_name, m.last_name, names.join(", "));
    store::audit::record_about_member(
        &s.db,
        a,
        Some(who.grant.user_id()),
        ("member.categories", MemberId(id)),
        &detail,
        now(),
    )
    .await?;
    Ok(done(&format!("/members/{id}"), "notice-saved"))
}

/// Links a member to the household of the member who pays (by their number), or unlinks them.
pub async fn save_member_household(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    let m = store::members::get(&s.db, a, MemberId(id)).await?.ok_or(AppError::NotFound)?;
    // Empty: out of any household; otherwise the payer's member number.
    let payer = match posted.get("payer").trim().trim_start_matches('#') {
        "" => Some(None),
        t => t.parse::<i64>().ok().map(|n| Some(MemberId(n))),
    };
    let linked = match payer {
        Some(p) => store::dues::set_household(&s.db, &who.grant, MemberId(id), p).await?.then_some(p),
        None => None,
    };
    let Some(payer) = linked else {
        let mut f = FormState::keep(&posted, &["payer"]);
        f.error(&tr, "payer", "error-payer");
        return Ok(refused(member_page(&s, tr, &csrf, &who.ctx, m, f, None).await?));
    };
    let detail = format!("{} {} (#{id}): {}", m.first_name, m.last_name, payer.map_or("—".into(), |p| format!("#{p}")));
    store::audit::record_about_member(
        &s.db,
        a,
        Some(who.grant.user_id()),
        ("member.household", MemberId(id)),
        &detail,
        now(),
    )
    .await?;
    Ok(done(&format!("/members/{id}"), "notice-saved"))
}

#[derive(Template)]
#[template(path = "member_form.html")]
struct MemberFormPage {
    c: Chrome,
    f: FormState,
    action: String,
    cancel: String,
    custom: Vec<crate::custom::Input>,
}

async fn form_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    id: Option<i64>,
) -> Result<Response, AppError> {
    let fields = store::fields::list(&s.db, ctx.association_id(), false).await?;
    let custom = crate::custom::inputs(&fields, &f);
    let (title, action, cancel) = match id {
        Some(id) => (tr.t("member-edit-title"), format!("/members/{id}"), format!("/members/{id}")),
        None => (tr.t("member-new-title"), "/members".to_string(), "/members".to_string()),
    };
    let c = Chrome::inside(tr, &title, "members", ctx).with_csrf(csrf);
    page(&MemberFormPage { c, f, action, cancel, custom })
}

/// The form for a new member.
pub async fn show_new_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    form_page(&s, tr, &csrf, &who.ctx, FormState::default(), None).await
}

/// The form to correct a member, filled in.
pub async fn edit_member(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<ManageMembers>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = members_off(tr, &who.ctx) {
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
    crate::custom::fill(&mut f, &store::fields::values_of(&s.db, who.ctx.association_id(), MemberId(id)).await?);
    form_page(&s, tr, &csrf, &who.ctx, f, Some(id)).await
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

/// Today (UTC): the day dues and dates are checked against.
pub fn today() -> Date {
    Date::from_days(now().div_euclid(86_400)).unwrap_or(Date::MIN)
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
    if let Some(r) = members_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(posted, &FIELDS);
    let checked = input(posted).validate(&today().to_string());
    if let Err(inv) = &checked {
        f.invalid(&tr, inv);
    }
    let fields = store::fields::list(&s.db, who.ctx.association_id(), false).await?;
    let values = crate::custom::check(&tr, &fields, posted, &mut f);
    let (Ok(m), Some(values)) = (checked, values) else {
        return Ok(refused(form_page(s, tr, csrf, &who.ctx, f, id).await?));
    };
    let (id, action) = match id {
        None => (store::members::create(&s.db, &who.grant, &m, now()).await?.0, "member.create"),
        Some(id) if store::members::update(&s.db, &who.grant, MemberId(id), &m, now()).await? => (id, "member.update"),
        Some(_) => return Err(AppError::NotFound),
    };
    store::fields::set_values(&s.db, &who.grant, MemberId(id), &values).await?;
    let detail = format!("{} {} (#{id})", m.first_name, m.last_name);
    let (a, actor) = (who.grant.association_id(), Some(who.grant.user_id()));
    store::audit::record_about_member(&s.db, a, actor, (action, MemberId(id)), &detail, now()).await?;
    Ok(done(&format!("/members/{id}"), "notice-saved"))
}
