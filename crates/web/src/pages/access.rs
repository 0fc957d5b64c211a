//! The access registry: the outside accounts the association depends on,
//! who holds each, and the risks panel with the bus factor. Works without
//! JavaScript; holds no secret (those live in the vault).

use super::members::today;
use super::{Chrome, FormState, NoticeQuery, Options, done, module_off, options, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, Posted};
use crate::error::{AppError, page};
use crate::i18n::Tr;
use crate::{AppState, now};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use domain::access::{self, AccountInput, Context, Held, Kind, Risk, TwoFactor};
use domain::settings::Module;
use domain::{AccessAccountId, AssociationId, Grant, KeepRegistry, TeamWork, UserId};
use std::collections::{BTreeMap, BTreeSet};
use store::Db;
use store::access::AccountRow;

/// The "module switched off" page when the association does not use the vault and registry.
pub fn vault_off(tr: Tr, ctx: &InAssociation) -> Option<Response> {
    module_off(tr, ctx, Module::Vault)
}

/// A person who holds (or may hold) accounts.
#[derive(Clone)]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// Still in the team (a former member's holdings count for nothing).
    pub in_team: bool,
}

/// The team and everyone who still holds an account, by id.
pub struct People {
    pub by_id: BTreeMap<i64, Person>,
    pub team: BTreeSet<UserId>,
    pub team_emails: Vec<String>,
}

impl People {
    pub async fn load(db: &Db, a: AssociationId) -> store::Result<People> {
        let mut by_id = BTreeMap::new();
        let mut team = BTreeSet::new();
        let mut team_emails = Vec::new();
        for t in store::team::list(db, a).await? {
            team.insert(UserId(t.user_id));
            team_emails.push(t.email.to_lowercase());
            by_id.insert(t.user_id, Person { id: t.user_id, name: t.display_name, in_team: true });
        }
        for (id, name) in store::access::former_holders(db, a).await? {
            by_id.entry(id.0).or_insert(Person { id: id.0, name, in_team: false });
        }
        Ok(People { by_id, team, team_emails })
    }
}

/// The registry with what its pages and the risks need, read once.
pub struct Registry {
    pub rows: Vec<AccountRow>,
    pub accounts: Vec<access::Account>,
    pub holders: BTreeMap<i64, Vec<UserId>>,
    pub people: People,
    pub settings: store::access::Settings,
}

impl Registry {
    pub async fn load(db: &Db, a: AssociationId) -> store::Result<Registry> {
        let rows = store::access::list(db, a).await?;
        let accounts = rows.iter().map(AccountRow::account).collect();
        let mut holders: BTreeMap<i64, Vec<UserId>> = BTreeMap::new();
        for (account, user) in store::access::holders(db, a).await? {
            holders.entry(account).or_default().push(user);
        }
        let people = People::load(db, a).await?;
        let settings = store::access::settings(db, a).await?;
        Ok(Registry { rows, accounts, holders, people, settings })
    }

    pub fn context(&self) -> Context {
        Context {
            today: today(),
            own_domains: self.settings.domains.clone(),
            team_emails: self.people.team_emails.clone(),
            team: self.people.team.clone(),
        }
    }

    /// Each account with its holders, in registry order.
    pub fn held(&self) -> impl Iterator<Item = (&AccountRow, Held<'_>)> + Clone {
        self.rows.iter().zip(&self.accounts).map(|(row, account)| {
            (row, Held { account, holders: self.holders.get(&row.id).map_or(&[][..], Vec::as_slice) })
        })
    }
}

/// One row of the registry table.
pub struct Line {
    pub id: i64,
    pub service: String,
    pub address: String,
    pub kind: String,
    pub critical: bool,
    pub login: String,
    pub two_factor: String,
    pub expires_on: String,
    pub verified_on: String,
    pub holders: Vec<Person>,
    pub risks: Vec<(String, String)>,
    pub vault_entry: Option<i64>,
}

/// The accounts showing one risk, for the panel.
pub struct RiskGroup {
    pub code: &'static str,
    pub title: String,
    pub help: String,
    pub accounts: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "access.html")]
struct RegistryPage {
    c: Chrome,
    f: FormState,
    lines: Vec<Line>,
    groups: Vec<RiskGroup>,
    bus_factor: Option<usize>,
    can_keep: bool,
}

/// The panel's order: what locks the association out first.
const PANEL: [Risk; 8] = [
    Risk::NoHolder,
    Risk::SingleHolder,
    Risk::FormerHolder,
    Risk::Expired,
    Risk::ExpiringSoon,
    Risk::PersonalLogin,
    Risk::NoTwoFactor,
    Risk::NotVerified,
];

async fn registry_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: Option<FormState>,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let reg = Registry::load(&s.db, ctx.association_id()).await?;
    let cx = reg.context();
    let mut groups: Vec<RiskGroup> = PANEL
        .iter()
        .map(|r| RiskGroup {
            code: r.code(),
            title: tr.t(&format!("access-risk-{}", r.code())),
            help: tr.t(&format!("access-risk-{}-help", r.code())),
            accounts: Vec::new(),
        })
        .collect();
    let mut lines = Vec::with_capacity(reg.rows.len());
    for (row, held) in reg.held() {
        let risks = access::risks(&held, &cx);
        for r in &risks {
            if let Some(g) = groups.iter_mut().find(|g| g.code == r.code()) {
                g.accounts.push((row.id, row.service.clone()));
            }
        }
        lines.push(Line {
            id: row.id,
            service: row.service.clone(),
            address: row.address.clone(),
            kind: tr.t(&format!("access-kind-{}", row.kind)),
            critical: row.critical,
            login: row.login.clone(),
            two_factor: tr.t(&format!("access-2fa-{}", row.two_factor)),
            expires_on: row.expires_on.as_deref().map(|d| tr.date(d)).unwrap_or_default(),
            verified_on: row.verified_on.as_deref().map(|d| tr.date(d)).unwrap_or_default(),
            holders: held.holders.iter().filter_map(|u| reg.people.by_id.get(&u.0).cloned()).collect(),
            risks: risks.iter().map(|r| (r.code().to_string(), tr.t(&format!("access-risk-{}", r.code())))).collect(),
            vault_entry: row.vault_entry_id,
        });
    }
    groups.retain(|g| !g.accounts.is_empty());
    let bus_factor = access::bus_factor(reg.held().map(|(_, h)| h), &reg.people.team);
    let f = f.unwrap_or_else(|| {
        let mut f = FormState::default();
        f.set("domains", reg.settings.domains.join(", "));
        f.set("reminders", if reg.settings.reminders { "on" } else { "" });
        f
    });
    let can_keep = Grant::<KeepRegistry>::check(&ctx.membership).is_some();
    let c = Chrome::inside(tr, &tr.t("access-title"), "access", ctx).with_csrf(csrf).notice(notice);
    page(&RegistryPage { c, f, lines, groups, bus_factor, can_keep })
}

/// The registry and its risks panel.
pub async fn show_registry(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    registry_page(&s, tr, &csrf, &who.ctx, None, q.notice.as_deref()).await
}

/// Saves the association's own domains and whether reminders are sent.
pub async fn save_registry_settings(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepRegistry>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    match access::parse_domains(posted.get("domains")) {
        Ok(domains) => {
            let settings = store::access::Settings { domains, reminders: posted.get("reminders") == "on" };
            store::access::save_settings(&s.db, &who.grant, &settings).await?;
            let detail = format!("{} ; reminders {}", settings.domains.join(", "), settings.reminders);
            store::audit::by(&s.db, &who.grant, "access.settings", &detail, now()).await?;
            Ok(done("/access", "notice-saved"))
        }
        Err(key) => {
            let mut f = FormState::keep(&posted, &["domains", "reminders"]);
            f.error(&tr, "domains", key);
            Ok(refused(registry_page(&s, tr, &csrf, &who.ctx, Some(f), None).await?))
        }
    }
}

/// A person offered as a holder, ticked or not.
pub struct HolderChoice {
    pub id: i64,
    pub name: String,
    pub checked: bool,
    pub former: bool,
}

#[derive(Template)]
#[template(path = "access_form.html")]
struct AccountForm {
    c: Chrome,
    f: FormState,
    action: String,
    id: Option<i64>,
    kinds: Options,
    two_factors: Options,
    holders: Vec<HolderChoice>,
}

/// The choices of holders: the team, and former members who still hold it.
fn holder_choices(people: &People, checked: &[i64]) -> Vec<HolderChoice> {
    people
        .by_id
        .values()
        .filter(|p| p.in_team || checked.contains(&p.id))
        .map(|p| HolderChoice { id: p.id, name: p.name.clone(), checked: checked.contains(&p.id), former: !p.in_team })
        .collect()
}

async fn account_form(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    id: Option<i64>,
    f: FormState,
    checked: &[i64],
) -> Result<Response, AppError> {
    let people = People::load(&s.db, ctx.association_id()).await?;
    let kinds = options(&tr, &Kind::ALL.map(Kind::code), "access-kind-");
    let two_factors = options(&tr, &TwoFactor::ALL.map(TwoFactor::code), "access-2fa-");
    let (title, action) = match id {
        Some(id) => (tr.t("access-edit-title"), format!("/access/{id}")),
        None => (tr.t("access-new-title"), "/access".to_string()),
    };
    let c = Chrome::inside(tr, &title, "access", ctx).with_csrf(csrf);
    page(&AccountForm { c, f, action, id, kinds, two_factors, holders: holder_choices(&people, checked) })
}

/// The form to add an account to the registry (`?kind=` preselects one).
pub async fn show_new_account(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepRegistry>,
    Query(q): Query<KindQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let kind = q.kind.as_deref().and_then(Kind::from_code).unwrap_or(Kind::Other);
    let mut f = FormState::default();
    f.set("kind", kind.code());
    f.set("two_factor", TwoFactor::Unknown.code());
    if kind.critical_by_default() {
        f.set("critical", "on");
    }
    account_form(&s, tr, &csrf, &who.ctx, None, f, &[who.ctx.me.user.id]).await
}

#[derive(serde::Deserialize)]
pub struct KindQuery {
    pub kind: Option<String>,
}

fn input_of(posted: &Posted) -> AccountInput {
    AccountInput {
        kind: posted.get("kind").into(),
        service: posted.get("service").into(),
        address: posted.get("address").into(),
        login: posted.get("login").into(),
        two_factor: posted.get("two_factor").into(),
        recovery: posted.get("recovery").into(),
        critical: posted.get("critical").into(),
        expires_on: posted.get("expires_on").into(),
        verified_on: posted.get("verified_on").into(),
        notes: posted.get("notes").into(),
        vault_entry: posted.get("vault_entry").into(),
    }
}

/// The ticked holders (ids that are not numbers are dropped: the store
/// takes only people of the team or former holders anyway).
fn ticked(posted: &Posted) -> Vec<i64> {
    posted.all("holder").iter().filter_map(|v| v.parse().ok()).collect()
}

/// Adds an account.
pub async fn create_account(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepRegistry>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let checked = ticked(&posted);
    match input_of(&posted).validate(today()) {
        Ok(account) => {
            let holders: Vec<UserId> = checked.iter().map(|&u| UserId(u)).collect();
            let id = store::access::create(&s.db, &who.grant, &account, &holders, now()).await?;
            let detail = format!("#{id} {} ({})", account.service, account.kind.code());
            store::audit::by(&s.db, &who.grant, "access.create", &detail, now()).await?;
            Ok(done("/access", "notice-saved"))
        }
        Err(inv) => {
            let mut f = FormState::keep(&posted, &AccountInput::FIELDS);
            f.invalid(&tr, &inv);
            Ok(refused(account_form(&s, tr, &csrf, &who.ctx, None, f, &checked).await?))
        }
    }
}

/// The form to correct an account.
pub async fn show_account(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepRegistry>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let row = store::access::get(&s.db, a, AccessAccountId(id)).await?.ok_or(AppError::NotFound)?;
    let holders: Vec<i64> =
        store::access::holders_of(&s.db, a, AccessAccountId(id)).await?.iter().map(|u| u.0).collect();
    let mut f = FormState::default();
    for (k, v) in [
        ("kind", row.kind),
        ("service", row.service),
        ("address", row.address),
        ("login", row.login),
        ("two_factor", row.two_factor),
        ("recovery", row.recovery),
        ("critical", if row.critical { "on".into() } else { String::new() }),
        ("expires_on", row.expires_on.map(|d| tr.date(&d)).unwrap_or_default()),
        ("verified_on", row.verified_on.map(|d| tr.date(&d)).unwrap_or_default()),
        ("notes", row.notes),
        ("vault_entry", row.vault_entry_id.map(|n| n.to_string()).unwrap_or_default()),
    ] {
        f.set(k, v);
    }
    account_form(&s, tr, &csrf, &who.ctx, Some(id), f, &holders).await
}

/// Saves a corrected account.
pub async fn save_account(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<KeepRegistry>,
    Path(id): Path<i64>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let checked = ticked(&posted);
    match input_of(&posted).validate(today()) {
        Ok(account) => {
            let holders: Vec<UserId> = checked.iter().map(|&u| UserId(u)).collect();
            if !store::access::update(&s.db, &who.grant, AccessAccountId(id), &account, &holders, now()).await? {
                return Err(AppError::NotFound);
            }
            let detail = format!("#{id} {} ({})", account.service, account.kind.code());
            store::audit::by(&s.db, &who.grant, "access.update", &detail, now()).await?;
            Ok(done("/access", "notice-saved"))
        }
        Err(inv) => {
            let mut f = FormState::keep(&posted, &AccountInput::FIELDS);
            f.invalid(&tr, &inv);
            Ok(refused(account_form(&s, tr, &csrf, &who.ctx, Some(id), f, &checked).await?))
        }
    }
}

/// Records that the account was checked today (the yearly verification).
pub async fn verify_account(
    State(s): State<AppState>,
    who: Authorized<KeepRegistry>,
    Path(id): Path<i64>,
    _p: Posted,
) -> Result<Response, AppError> {
    if !store::access::mark_verified(&s.db, &who.grant, AccessAccountId(id), today(), now()).await? {
        return Err(AppError::NotFound);
    }
    store::audit::by(&s.db, &who.grant, "access.verify", &format!("#{id}"), now()).await?;
    Ok(done("/access", "notice-saved"))
}

/// Removes an account from the registry.
pub async fn delete_account(
    State(s): State<AppState>,
    who: Authorized<KeepRegistry>,
    Path(id): Path<i64>,
    _p: Posted,
) -> Result<Response, AppError> {
    if !store::access::delete(&s.db, &who.grant, AccessAccountId(id)).await? {
        return Err(AppError::NotFound);
    }
    store::audit::by(&s.db, &who.grant, "access.delete", &format!("#{id}"), now()).await?;
    Ok(done("/access", "notice-removed"))
}
