//! Gifts and tax receipts: donors (a member or not), gifts (posted to the
//! books when a year is open), receipts for one gift or a donor's year,
//! their PDF, cancelling and replacing one, sending it to the donor, the
//! settings receipts need, and the yearly declaration (CGI art. 222 bis).
//! Reading is team work; writing is keeping the books.

use super::accounting::accounting_off;
use super::members::today;
use super::{Chrome, FormState, NoticeQuery, Options, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted, PostedFiles};
use crate::error::{AppError, page};
use crate::i18n::{Lang, Tr};
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::donations::{
    Article, Category, Declaration, DonationInput, DonorInput, DonorKind, Form, Nature, SettingsInput,
};
use domain::dues::PaymentMethod;
use domain::{Grant, KeepBooks, MemberId, TeamWork};
use store::donations::{DonationRow, DonorRefused, DonorRow, IssueRefused, ReceiptRow, SettingsRow};

/// How long a link emailed to a donor opens the receipt.
const LINK_DAYS: i64 = 365;
/// Largest signature image accepted.
const MAX_SIGNATURE_BYTES: usize = 512 * 1024;

fn can_keep(ctx: &InAssociation) -> bool {
    Grant::<KeepBooks>::check(&ctx.membership).is_some()
}

/// Draws receipts for the store, dated now.
fn renderer() -> impl Fn(&domain::donations::ReceiptDoc) -> Vec<u8> + Sync {
    let created = now();
    move |doc| crate::receipts::render(doc, created)
}

/// The messages of what receipts still need.
fn missing_messages(tr: &Tr, missing: &[&str]) -> Vec<String> {
    missing.iter().map(|k| tr.t(k)).collect()
}

#[derive(serde::Deserialize, Default)]
pub struct YearQuery {
    notice: Option<String>,
    year: Option<i32>,
}

/// A year asked for, within reason, else `default`.
fn year_or(asked: Option<i32>, default: i32) -> i32 {
    asked.filter(|y| (1990..=9999).contains(y)).unwrap_or(default)
}

// ---- The front page ----------------------------------------------------------------

#[derive(Template)]
#[template(path = "donations.html")]
struct DonationsPage {
    c: Chrome,
    year: i32,
    gifts: Vec<DonationRow>,
    total: i64,
    unposted: i64,
    missing: Vec<String>,
    can_keep: bool,
}

/// The gifts of a year, with their receipts (or a button to issue one).
pub async fn show_donations(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let year = year_or(q.year, today().year());
    let gifts = store::donations::donations(&s.db, a, year).await?;
    let total = gifts.iter().map(|g| g.cents).sum();
    let unposted = store::donations::unposted_count(&s.db, a).await?;
    let missing = missing_messages(&tr, &store::donations::missing_for_receipts(&s.db, a).await?);
    let title = tr.t("donations-title");
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    page(&DonationsPage { c, year, gifts, total, unposted, missing, can_keep: can_keep(&who.ctx) })
}

/// Posts the gifts that wait for an open year.
pub async fn post_donations(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    _posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let n = store::donations::post_unposted(&s.db, &who.grant, now()).await?;
    store::audit::by(&s.db, &who.grant, "donation.post", &format!("{n} posted"), now()).await?;
    Ok(done("/accounting/donations", "notice-donations-posted"))
}

// ---- Donors ----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "donors.html")]
struct DonorsPage {
    c: Chrome,
    donors: Vec<DonorRow>,
    can_keep: bool,
}

/// Every donor.
pub async fn show_donors(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let donors = store::donations::donors(&s.db, who.ctx.association_id()).await?;
    let c =
        Chrome::inside(tr, &tr.t("donors-title"), "accounting", &who.ctx).with_csrf(&csrf).notice(q.notice.as_deref());
    page(&DonorsPage { c, donors, can_keep: can_keep(&who.ctx) })
}

#[derive(Template)]
#[template(path = "donor_form.html")]
struct DonorForm {
    c: Chrome,
    f: FormState,
    /// `/accounting/donations/donors` or `/accounting/donations/donors/{id}`.
    action: String,
    kinds: Options,
}

fn donor_form(
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    action: String,
    f: FormState,
) -> Result<Response, AppError> {
    let title = tr.t(if action.ends_with("/donors") { "donor-new" } else { "donor-edit" });
    let kinds =
        DonorKind::ALL.iter().map(|k| (k.code().to_string(), tr.t(&format!("donor-kind-{}", k.code())))).collect();
    let c = Chrome::inside(tr, &title, "accounting", ctx).with_csrf(csrf);
    page(&DonorForm { c, f, action, kinds })
}

#[derive(serde::Deserialize, Default)]
pub struct NewDonorQuery {
    member: Option<i64>,
}

/// The form for a new donor; `?member=N` fills it from that member's record.
pub async fn show_new_donor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Query(q): Query<NewDonorQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::default();
    f.set("kind", "individual");
    if let Some(id) = q.member {
        let m = store::members::get(&s.db, who.ctx.association_id(), MemberId(id)).await?.ok_or(AppError::NotFound)?;
        for (k, v) in [
            ("last_name", m.last_name),
            ("first_names", m.first_name),
            ("address", m.address),
            ("postal_code", m.postal_code),
            ("city", m.city),
            ("email", m.email.unwrap_or_default()),
            ("member", m.id.to_string()),
        ] {
            f.set(k, v);
        }
    }
    donor_form(tr, &csrf, &who.ctx, "/accounting/donations/donors".into(), f)
}

fn donor_input(posted: &Posted) -> DonorInput {
    let v = |k: &str| posted.get(k).to_string();
    DonorInput {
        kind: v("kind"),
        last_name: v("last_name"),
        first_names: v("first_names"),
        organisation: v("organisation"),
        legal_form: v("legal_form"),
        siren: v("siren"),
        address: v("address"),
        postal_code: v("postal_code"),
        city: v("city"),
        email: v("email"),
        member: v("member"),
    }
}

/// Adds a donor.
pub async fn create_donor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &DonorInput::FIELDS);
    let action = "/accounting/donations/donors".to_string();
    let donor = match donor_input(&posted).validate() {
        Ok(d) => d,
        Err(inv) => {
            f.invalid(&tr, &inv);
            return Ok(refused(donor_form(tr, &csrf, &who.ctx, action, f)?));
        }
    };
    match store::donations::create_donor(&s.db, &who.grant, &donor, now()).await? {
        Ok(id) => {
            let detail = format!("#{id} {}", donor.display_name());
            store::audit::by(&s.db, &who.grant, "donor.create", &detail, now()).await?;
            Ok(done(&format!("/accounting/donations/donors/{id}"), "notice-saved"))
        }
        Err(_) => {
            f.error(&tr, "member", "error-donor-member-unknown");
            Ok(refused(donor_form(tr, &csrf, &who.ctx, action, f)?))
        }
    }
}

/// The form to correct a donor.
pub async fn edit_donor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let d = store::donations::donor(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::default();
    for (k, v) in [
        ("kind", d.kind),
        ("last_name", d.last_name),
        ("first_names", d.first_names),
        ("organisation", d.organisation),
        ("legal_form", d.legal_form),
        ("siren", d.siren.unwrap_or_default()),
        ("address", d.address),
        ("postal_code", d.postal_code),
        ("city", d.city),
        ("email", d.email.unwrap_or_default()),
        ("member", d.member_id.map(|m| m.to_string()).unwrap_or_default()),
    ] {
        f.set(k, v);
    }
    donor_form(tr, &csrf, &who.ctx, format!("/accounting/donations/donors/{id}"), f)
}

/// Saves a corrected donor (receipts already issued keep what they show).
pub async fn save_donor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let old = store::donations::donor(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::keep(&posted, &DonorInput::FIELDS);
    let action = format!("/accounting/donations/donors/{id}");
    let donor = match donor_input(&posted).validate() {
        Ok(d) => d,
        Err(inv) => {
            f.invalid(&tr, &inv);
            return Ok(refused(donor_form(tr, &csrf, &who.ctx, action, f)?));
        }
    };
    // Gifts were checked against the kind of donor (the article, the nature): it stays.
    if donor.kind != old.kind() && !store::donations::donations_of_donor(&s.db, a, id).await?.is_empty() {
        f.error(&tr, "kind", "error-donor-kind-gifts");
        return Ok(refused(donor_form(tr, &csrf, &who.ctx, action, f)?));
    }
    match store::donations::update_donor(&s.db, &who.grant, id, &donor, now()).await? {
        Ok(()) => {
            let detail = format!("#{id} {}", donor.display_name());
            store::audit::by(&s.db, &who.grant, "donor.update", &detail, now()).await?;
            Ok(done(&action, "notice-saved"))
        }
        Err(DonorRefused::NotFound) => Err(AppError::NotFound),
        Err(DonorRefused::NoSuchMember) => {
            f.error(&tr, "member", "error-donor-member-unknown");
            Ok(refused(donor_form(tr, &csrf, &who.ctx, action, f)?))
        }
    }
}

#[derive(Template)]
#[template(path = "donor.html")]
struct DonorPage {
    c: Chrome,
    f: FormState,
    donor: DonorRow,
    gifts: Vec<DonationRow>,
    receipts: Vec<ReceiptRow>,
    articles: Options,
    can_keep: bool,
}

async fn donor_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (id, mut f): (i64, FormState),
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let donor = store::donations::donor(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let gifts = store::donations::donations_of_donor(&s.db, a, id).await?;
    let receipts = store::donations::receipts_of_donor(&s.db, a, id).await?;
    let articles = Article::ALL
        .iter()
        .filter(|x| x.fits(donor.kind()))
        .map(|x| (x.code().to_string(), tr.t(&format!("donation-article-{}", x.code()))))
        .collect();
    if f.v("year").is_empty() {
        f.set("year", (today().year() - 1).to_string());
        f.set("article", donor.kind().default_article().code());
    }
    let c = Chrome::inside(tr, &donor.name(), "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&DonorPage { c, f, donor, gifts, receipts, articles, can_keep: can_keep(ctx) })
}

/// A donor: identity, gifts, receipts, and the yearly receipt form.
pub async fn show_donor(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    donor_page(&s, tr, &csrf, &who.ctx, (id, FormState::default()), q.notice.as_deref()).await
}

// ---- Gifts -----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "donation_form.html")]
struct DonationForm {
    c: Chrome,
    f: FormState,
    donors: Options,
    forms: Options,
    natures: Options,
    methods: Options,
    articles: Options,
}

async fn donation_form(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    mut f: FormState,
) -> Result<Response, AppError> {
    let donors = store::donations::donors(&s.db, ctx.association_id()).await?;
    let mut donor_options: Options = vec![(String::new(), tr.t("donation-donor-choose"))];
    donor_options
        .extend(donors.iter().map(|d| (d.id.to_string(), format!("{} – {} {}", d.name(), d.postal_code, d.city))));
    if f.v("received_on").is_empty() {
        f.set("received_on", tr.date(&today().to_string()));
    }
    for (field, default) in [("form", "manual"), ("nature", "money"), ("method", "cheque")] {
        if f.v(field).is_empty() {
            f.set(field, default);
        }
    }
    let codes = |prefix: &str, codes: Vec<&str>| -> Options {
        codes.into_iter().map(|c| (c.to_string(), tr.t(&format!("{prefix}{c}")))).collect()
    };
    let forms = codes("donation-form-", Form::ALL.iter().map(|x| x.code()).collect());
    let natures = codes("donation-nature-", Nature::ALL.iter().map(|x| x.code()).collect());
    let mut methods = vec![(String::new(), tr.t("donation-method-none"))];
    methods.extend(codes("method-", PaymentMethod::ALL.iter().map(|x| x.code()).collect()));
    let mut articles = vec![(String::new(), tr.t("donation-article-default"))];
    articles.extend(codes("donation-article-", Article::ALL.iter().map(|x| x.code()).collect()));
    let c = Chrome::inside(tr, &tr.t("donation-new"), "accounting", ctx).with_csrf(csrf);
    page(&DonationForm { c, f, donors: donor_options, forms, natures, methods, articles })
}

#[derive(serde::Deserialize, Default)]
pub struct NewDonationQuery {
    donor: Option<i64>,
}

/// The form to record a gift (`?donor=N` chooses the donor).
pub async fn show_new_donation(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Query(q): Query<NewDonationQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::default();
    if let Some(d) = q.donor {
        f.set("donor", d.to_string());
    }
    donation_form(&s, tr, &csrf, &who.ctx, f).await
}

/// Records a gift, posted to the books when an open year covers its date.
pub async fn create_donation(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut fields = vec!["donor"];
    fields.extend(DonationInput::FIELDS);
    let mut f = FormState::keep(&posted, &fields);
    let a = who.ctx.association_id();
    let donor = match posted.get("donor").trim().parse::<i64>() {
        Ok(id) => store::donations::donor(&s.db, a, id).await?,
        Err(_) => None,
    };
    if donor.is_none() {
        f.error(
            &tr,
            "donor",
            if posted.get("donor").trim().is_empty() { "error-required" } else { "error-unknown-choice" },
        );
    }
    let v = |k: &str| posted.get(k).to_string();
    let input = DonationInput {
        received_on: v("received_on"),
        amount: v("amount"),
        form: v("form"),
        nature: v("nature"),
        method: v("method"),
        article: v("article"),
        description: v("description"),
    };
    let kind = donor.as_ref().map_or(DonorKind::Individual, DonorRow::kind);
    let gift = input.validate(kind, today()).map_err(|inv| f.invalid(&tr, &inv)).ok();
    let (Some(donor), Some(gift), false) = (donor, gift, f.has_errors()) else {
        return Ok(refused(donation_form(&s, tr, &csrf, &who.ctx, f).await?));
    };
    match store::donations::record(&s.db, &who.grant, donor.id, &gift, now()).await? {
        Ok(recorded) => {
            let detail = format!(
                "#{} {} {} {}: {} ({})",
                recorded.id,
                gift.received_on,
                donor.name(),
                gift.nature.code(),
                gift.cents,
                recorded.entry.map_or("not posted".to_string(), |e| format!("entry #{e}"))
            );
            store::audit::by(&s.db, &who.grant, "donation.record", &detail, now()).await?;
            let notice = if recorded.entry.is_some() { "notice-donation-posted" } else { "notice-donation-unposted" };
            Ok(done(&format!("/accounting/donations/donors/{}", donor.id), notice))
        }
        Err(store::accounting::Refused::NotFound) => {
            f.error(&tr, "donor", "error-unknown-choice");
            Ok(refused(donation_form(&s, tr, &csrf, &who.ctx, f).await?))
        }
        Err(r) => Err(AppError::Internal(format!("gift not posted: {r:?}"))),
    }
}

// ---- Receipts --------------------------------------------------------------------

/// A refused receipt: a page saying why, answered 422, with a link onwards.
fn receipt_refused(tr: Tr, r: &IssueRefused, back: &str) -> Result<Response, AppError> {
    let (text, link, link_text) = match r {
        IssueRefused::NotFound => return Err(AppError::NotFound),
        IssueRefused::NotReady(missing) => {
            let list = missing_messages(&tr, missing).join(" ");
            (
                format!("{} {list}", tr.t("receipt-not-ready")),
                "/accounting/donations/settings",
                tr.t("receipt-settings-title"),
            )
        }
        IssueRefused::AlreadyReceipted => (tr.t("receipt-already"), back, tr.t("donations-back")),
        IssueRefused::NothingToReceipt => (tr.t("receipt-nothing"), back, tr.t("donations-back")),
        IssueRefused::AlreadyCancelled => (tr.t("receipt-already-cancelled"), back, tr.t("donations-back")),
    };
    Ok(refused(super::message(tr, &tr.t("receipt-refused-title"), &text, link, &link_text)?))
}

async fn audit_receipt(s: &AppState, g: &Grant<KeepBooks>, action: &str, id: i64) -> Result<(), AppError> {
    if let Some(r) = store::donations::receipt(&s.db, g.association_id(), id).await? {
        let detail = format!("#{id} {} {} {}: {}", r.number, r.donor_name, r.period_start, r.total_cents);
        store::audit::by(&s.db, g, action, &detail, now()).await?;
    }
    Ok(())
}

/// Issues the receipt of one gift.
pub async fn issue_receipt(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    _posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let render = renderer();
    match store::donations::issue_one(&s.db, &who.grant, id, today(), &render, now()).await? {
        Ok(receipt) => {
            audit_receipt(&s, &who.grant, "receipt.issue", receipt).await?;
            Ok(done(&format!("/accounting/donations/receipts/{receipt}"), "notice-receipt-issued"))
        }
        Err(r) => receipt_refused(tr, &r, "/accounting/donations"),
    }
}

/// Issues a donor's yearly cumulative receipt (year and article chosen).
pub async fn issue_yearly_receipt(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let donor = store::donations::donor(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::keep(&posted, &["year", "article"]);
    let year = posted.get("year").trim().parse::<i32>().ok().filter(|y| (1990..=today().year()).contains(y));
    if year.is_none() {
        f.error(&tr, "year", "error-receipt-year");
    }
    let article = Article::from_code(posted.get("article").trim()).filter(|x| x.fits(donor.kind()));
    if article.is_none() {
        f.error(&tr, "article", "error-unknown-choice");
    }
    let (Some(year), Some(article)) = (year, article) else {
        return Ok(refused(donor_page(&s, tr, &csrf, &who.ctx, (id, f), None).await?));
    };
    let render = renderer();
    match store::donations::issue_yearly(&s.db, &who.grant, id, (year, article), today(), &render, now()).await? {
        Ok(receipt) => {
            audit_receipt(&s, &who.grant, "receipt.issue", receipt).await?;
            Ok(done(&format!("/accounting/donations/receipts/{receipt}"), "notice-receipt-issued"))
        }
        Err(IssueRefused::NothingToReceipt) => {
            f.error(&tr, "year", "receipt-nothing");
            Ok(refused(donor_page(&s, tr, &csrf, &who.ctx, (id, f), None).await?))
        }
        Err(r) => receipt_refused(tr, &r, &format!("/accounting/donations/donors/{id}")),
    }
}

#[derive(Template)]
#[template(path = "receipts.html")]
struct ReceiptsPage {
    c: Chrome,
    year: i32,
    receipts: Vec<ReceiptRow>,
}

/// The receipts numbered in a year.
pub async fn show_receipts(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let year = year_or(q.year, today().year());
    let receipts = store::donations::receipts(&s.db, who.ctx.association_id(), year).await?;
    let c = Chrome::inside(tr, &tr.t("receipts-title"), "accounting", &who.ctx)
        .with_csrf(&csrf)
        .notice(q.notice.as_deref());
    page(&ReceiptsPage { c, year, receipts })
}

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage {
    c: Chrome,
    f: FormState,
    receipt: ReceiptRow,
    gifts: Vec<DonationRow>,
    /// The receipt replacing this one: (id, number).
    replaced: Option<(i64, String)>,
    can_keep: bool,
}

async fn receipt_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    (id, mut f): (i64, FormState),
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let receipt = store::donations::receipt(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let gifts = store::donations::donations_of_receipt(&s.db, a, id).await?;
    let replaced = match receipt.replaced_by {
        Some(r) => store::donations::receipt(&s.db, a, r).await?.map(|x| (r, x.number)),
        None => None,
    };
    if f.v("email").is_empty() {
        f.set("email", receipt.donor_email.clone().unwrap_or_default());
    }
    if f.values.iter().all(|(k, _)| k != "replace") {
        f.set("replace", "on");
    }
    let title = tr.t1("receipt-title", "number", receipt.number.clone());
    let c = Chrome::inside(tr, &title, "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&ReceiptPage { c, f, receipt, gifts, replaced, can_keep: can_keep(ctx) })
}

/// A receipt: what it covers, its file, cancelling and sending it.
pub async fn show_receipt(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    receipt_page(&s, tr, &csrf, &who.ctx, (id, FormState::default()), q.notice.as_deref()).await
}

/// The PDF as issued.
fn pdf_response(number: &str, bytes: Vec<u8>) -> Result<Response, AppError> {
    super::file_download("application/pdf", &format!("recu-fiscal-{number}.pdf"), bytes)
}

/// Downloads a receipt's PDF, exactly as it was issued.
pub async fn download_receipt(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let (number, bytes) =
        store::donations::receipt_pdf(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    pdf_response(&number, bytes)
}

/// Cancels a receipt (the box ticked), replacing it unless asked not to.
pub async fn cancel_receipt(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    store::donations::receipt(&s.db, who.ctx.association_id(), id).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::keep(&posted, &["replace", "confirm"]);
    if posted.get("confirm") != "on" {
        f.error(&tr, "confirm", "error-receipt-cancel-confirm");
        return Ok(refused(receipt_page(&s, tr, &csrf, &who.ctx, (id, f), None).await?));
    }
    let replace = posted.get("replace") == "on";
    let render = renderer();
    match store::donations::cancel(&s.db, &who.grant, id, replace, today(), &render, now()).await? {
        Ok(replacement) => {
            audit_receipt(&s, &who.grant, "receipt.cancel", id).await?;
            match replacement {
                Some(new) => {
                    audit_receipt(&s, &who.grant, "receipt.issue", new).await?;
                    Ok(done(&format!("/accounting/donations/receipts/{new}"), "notice-receipt-replaced"))
                }
                None => Ok(done(&format!("/accounting/donations/receipts/{id}"), "notice-receipt-cancelled")),
            }
        }
        Err(r) => receipt_refused(tr, &r, &format!("/accounting/donations/receipts/{id}")),
    }
}

/// Emails the donor a link to the receipt's PDF (plain text; the link opens
/// for a year, until the receipt is cancelled).
pub async fn send_receipt(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let receipt = store::donations::receipt(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let mut f = FormState::keep(&posted, &["email"]);
    let email = domain::validate::email(posted.get("email"));
    if email.is_none() {
        f.error(&tr, "email", "error-email");
    } else if receipt.is_cancelled() {
        f.error(&tr, "email", "receipt-already-cancelled");
    }
    let Some(email) = email.filter(|_| !f.has_errors()) else {
        return Ok(refused(receipt_page(&s, tr, &csrf, &who.ctx, (id, f), None).await?));
    };
    let t = now();
    let secret = crate::crypto::token();
    if !store::donations::create_link(
        &s.db,
        &who.grant,
        id,
        &crate::crypto::token_hash(&secret),
        t,
        t + LINK_DAYS * 86_400,
    )
    .await?
    {
        return Err(AppError::NotFound);
    }
    // Receipts are French documents; so is the message that brings them.
    let fr = Tr { lang: Lang::Fr };
    let association = &who.ctx.association.name;
    let link = format!("{}/receipts/{}-{secret}", s.config.public_url, a.0);
    let period = if receipt.cumulative {
        fr.args(
            "mail-receipt-period",
            &[("start", fr.date(&receipt.period_start)), ("end", fr.date(&receipt.period_end))],
        )
    } else {
        fr.t1("mail-receipt-day", "date", fr.date(&receipt.period_start))
    };
    let body = fr.args(
        "mail-receipt-body",
        &[
            ("association", association.clone()),
            ("number", receipt.number.clone()),
            ("amount", fr.money(receipt.total_cents)),
            ("period", period),
            ("article", receipt.article().cited().to_string()),
            ("link", link),
            ("days", LINK_DAYS.to_string()),
        ],
    );
    let subject =
        fr.args("mail-receipt-subject", &[("number", receipt.number.clone()), ("association", association.clone())]);
    store::mail::enqueue(&s.db, &email, &subject, &body, t).await?;
    store::audit::by(&s.db, &who.grant, "receipt.send", &format!("#{id} {} → {email}", receipt.number), t).await?;
    Ok(done(&format!("/accounting/donations/receipts/{id}"), "notice-receipt-sent"))
}

/// The PDF a donor's link opens (`{association}-{secret}`); 404 for an
/// unknown, expired or cancelled one.
pub async fn show_public_receipt(State(s): State<AppState>, Path(token): Path<String>) -> Result<Response, AppError> {
    let Some((a, secret)) = token.split_once('-') else { return Err(AppError::NotFound) };
    let Ok(a) = a.parse::<i64>() else { return Err(AppError::NotFound) };
    let hash = crate::crypto::token_hash(secret);
    let (number, bytes) = store::donations::pdf_by_link(&s.db, domain::AssociationId(a), &hash, now())
        .await?
        .ok_or(AppError::NotFound)?;
    pdf_response(&number, bytes)
}

// ---- Settings --------------------------------------------------------------------

#[derive(Template)]
#[template(path = "receipt_settings.html")]
struct SettingsPage {
    c: Chrome,
    f: FormState,
    categories: Options,
    missing: Vec<String>,
    has_signature: bool,
    can_keep: bool,
}

async fn settings_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    mut f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let saved: Option<SettingsRow> = store::donations::settings(&s.db, a).await?;
    if f.values.is_empty() {
        match &saved {
            Some(x) => {
                for (k, v) in [
                    ("object", x.object.clone()),
                    ("category", x.category.clone()),
                    ("decree_on", x.decree_on.as_deref().map(|d| tr.date(d)).unwrap_or_default()),
                    ("journal_on", x.journal_on.as_deref().map(|d| tr.date(d)).unwrap_or_default()),
                    ("other_category", x.other_category.clone()),
                    ("signatory_name", x.signatory_name.clone()),
                    ("signatory_capacity", x.signatory_capacity.clone()),
                    ("donations_account", x.donations_account.clone()),
                    ("fees_account", x.fees_account.clone()),
                ] {
                    f.set(k, v);
                }
            }
            None => {
                f.set("category", Category::GeneralInterest.code());
                f.set("donations_account", domain::donations::DONATIONS_ACCOUNT);
                f.set("fees_account", domain::donations::WAIVED_EXPENSES_ACCOUNT);
            }
        }
    }
    let categories =
        Category::ALL.iter().map(|c| (c.code().to_string(), tr.t(&format!("receipt-category-{}", c.code())))).collect();
    let missing = missing_messages(&tr, &store::donations::missing_for_receipts(&s.db, a).await?);
    let has_signature = saved.as_ref().is_some_and(|x| x.signature_type.is_some());
    let c = Chrome::inside(tr, &tr.t("receipt-settings-title"), "accounting", ctx).with_csrf(csrf).notice(notice);
    page(&SettingsPage { c, f, categories, missing, has_signature, can_keep: can_keep(ctx) })
}

/// What receipts say of the association, who signs them, the accounts.
pub async fn show_receipt_settings(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    settings_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// Saves the receipt settings; receipts already issued do not change.
pub async fn save_receipt_settings(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::keep(&posted, &SettingsInput::FIELDS);
    let v = |k: &str| posted.get(k).to_string();
    let input = SettingsInput {
        object: v("object"),
        category: v("category"),
        decree_on: v("decree_on"),
        journal_on: v("journal_on"),
        other_category: v("other_category"),
        signatory_name: v("signatory_name"),
        signatory_capacity: v("signatory_capacity"),
        donations_account: v("donations_account"),
        fees_account: v("fees_account"),
    };
    match input.validate() {
        Ok(settings) => {
            store::donations::save_settings(&s.db, &who.grant, &settings, now()).await?;
            let detail =
                format!("{} ({}), {}", settings.signatory_name, settings.signatory_capacity, settings.category.code());
            store::audit::by(&s.db, &who.grant, "receipt.settings", &detail, now()).await?;
            Ok(done("/accounting/donations/settings", "notice-saved"))
        }
        Err(inv) => {
            f.invalid(&tr, &inv);
            Ok(refused(settings_page(&s, tr, &csrf, &who.ctx, f, None).await?))
        }
    }
}

/// Replaces the signature image (PNG or JPEG that the PDF writer reads, at most 512 KB).
pub async fn save_signature(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepBooks>,
    form: PostedFiles,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let mut f = FormState::default();
    let kind = match form.file("signature") {
        None => Err("error-signature-type"),
        Some((_, b)) if b.len() > MAX_SIGNATURE_BYTES => Err("error-signature-size"),
        Some((_, b)) if b.starts_with(b"\x89PNG\r\n\x1a\n") && pdf::Image::png(b).is_ok() => Ok(("image/png", b)),
        Some((_, b)) if b.starts_with(&[0xFF, 0xD8, 0xFF]) && pdf::Image::jpeg(b).is_ok() => Ok(("image/jpeg", b)),
        Some(_) => Err("error-signature-type"),
    };
    match kind {
        Ok((kind, bytes)) => {
            if store::donations::set_signature(&s.db, &who.grant, kind, bytes, now()).await? {
                store::audit::by(&s.db, &who.grant, "receipt.signature", kind, now()).await?;
                return Ok(done("/accounting/donations/settings", "notice-saved"));
            }
            f.error(&tr, "signature", "error-signature-settings-first");
        }
        Err(key) => f.error(&tr, "signature", key),
    }
    Ok(refused(settings_page(&s, tr, &csrf, &who.ctx, f, None).await?))
}

/// The signature image, for the settings page.
pub async fn show_signature(
    State(s): State<AppState>,
    tr: Tr,
    who: Authorized<TeamWork>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let (kind, bytes) =
        store::donations::signature(&s.db, who.ctx.association_id()).await?.ok_or(AppError::NotFound)?;
    Ok(([(header::CONTENT_TYPE, kind)], bytes).into_response())
}

// ---- The yearly declaration ------------------------------------------------------------

#[derive(Template)]
#[template(path = "donations_summary.html")]
struct SummaryPage {
    c: Chrome,
    d: Declaration,
    url: &'static str,
}

/// The CGI art. 222 bis declaration of a year's gifts (last year by default).
pub async fn show_declaration(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = accounting_off(tr, &who.ctx) {
        return Ok(r);
    }
    let year = year_or(q.year, today().year() - 1);
    let d = store::donations::declaration(&s.db, who.ctx.association_id(), year).await?;
    let title = tr.t1("declaration-title", "year", year);
    let c = Chrome::inside(tr, &title, "accounting", &who.ctx).with_csrf(&csrf);
    page(&SummaryPage { c, d, url: domain::donations::DECLARATION_URL })
}
