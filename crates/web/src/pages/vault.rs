//! The end-to-end encrypted vault. The page loads the vault's script (strict
//! CSP, integrity on every module); the script talks to the JSON routes
//! under `/vault/api`, which store and hand back only what it sealed. What
//! needs no key works without JavaScript: the secrets marked "to change",
//! recovery requests (opening, cancelling), the page's explanation.

use super::access::vault_off;
use super::{Chrome, FormState, NoticeQuery, done, refused};
use crate::auth::{Authorized, CsrfToken, InAssociation, JsonPosted, Posted, ScriptToken};
use crate::error::{AppError, page};
use crate::i18n::{Lang, Tr};
use crate::{AppState, now};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::vault::{FILE_SEAL_OVERHEAD, FileLimits, TooBig};
use domain::{Administer, Grant, KeepRegistry, Role, TeamWork, UserId};
use serde::Deserialize;
use store::vault::{self as v, IdKind, Refused};

/// The vault page's CSP: the site's, plus its own modules and import map.
fn vault_csp() -> String {
    let (_, map_hash) = &*crate::assets::VAULT_IMPORT_MAP;
    format!(
        "default-src 'none'; script-src 'self' {map_hash}; connect-src 'self'; style-src 'self'; img-src 'self' data:; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'; require-trusted-types-for 'script'"
    )
}

/// The script's words, in the page's language: every `vault-ui-*` message
/// (read from the French file, which has them all), as JSON safe inside a
/// `<script type="application/json">`.
fn ui_texts(tr: &Tr) -> String {
    static KEYS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
        include_str!("../../i18n/fr/main.ftl")
            .lines()
            .filter_map(|l| l.strip_prefix("vault-ui-").and_then(|r| r.split_once(" =")).map(|(k, _)| k))
            .collect()
    });
    let map: serde_json::Map<String, serde_json::Value> =
        KEYS.iter().map(|k| (k.to_string(), serde_json::Value::String(tr.t(&format!("vault-ui-{k}"))))).collect();
    serde_json::Value::Object(map).to_string().replace('<', "\\u003c")
}

#[derive(Template)]
#[template(path = "vault.html")]
struct VaultPage {
    c: Chrome,
    f: FormState,
    import_map: String,
    texts: String,
    app: String,
    app_integrity: String,
    me: i64,
    to_change: Vec<v::ToChange>,
    requests: Vec<v::Request>,
    recovery: Option<(i64, i64, i64)>,
    holders: Vec<(i64, String)>,
    enrolled: bool,
    can_cancel: bool,
    now: i64,
}

async fn vault_page(
    s: &AppState,
    tr: Tr,
    csrf: &CsrfToken,
    ctx: &InAssociation,
    f: FormState,
    notice: Option<&str>,
) -> Result<Response, AppError> {
    let a = ctx.association_id();
    let me = ctx.me.user.id;
    let recovery = v::recovery(&s.db, a).await?.map(|r| (r.threshold, r.delay_hours, r.split));
    let holders = v::holders(&s.db, a).await?;
    let is_holder = holders.iter().any(|(h, _)| *h == me);
    let c = Chrome::inside(tr, &tr.t("vault-title"), "access", ctx).with_csrf(csrf).notice(notice);
    let mut r = page(&VaultPage {
        c,
        f,
        import_map: crate::assets::VAULT_IMPORT_MAP.0.clone(),
        texts: ui_texts(&tr),
        app: crate::assets::url("vault-app.js"),
        app_integrity: crate::assets::integrity("vault-app.js"),
        me,
        to_change: v::to_change(&s.db, a).await?,
        requests: v::requests(&s.db, a).await?,
        recovery,
        holders,
        enrolled: v::is_enrolled(&s.db, a, UserId(me)).await?,
        can_cancel: is_holder || ctx.membership.role == Role::Administrator,
        now: now(),
    })?;
    let csp = HeaderValue::from_str(&vault_csp()).map_err(|e| AppError::Internal(e.to_string()))?;
    r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
    Ok(r)
}

/// The vault.
pub async fn show_vault(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    vault_page(&s, tr, &csrf, &who.ctx, FormState::default(), q.notice.as_deref()).await
}

/// Opens a recovery request for oneself and tells every share holder and
/// administrator (any of them can cancel during the delay).
pub async fn open_recovery_request(
    State(s): State<AppState>,
    tr: Tr,
    csrf: CsrfToken,
    who: Authorized<TeamWork>,
    posted: Posted,
) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let reason: String = posted.get("reason").trim().chars().take(300).collect();
    let a = who.ctx.association_id();
    let t = now();
    let Some(id) = v::open_request(&s.db, &who.grant, &reason, t).await? else {
        let mut f = FormState::keep(&posted, &["reason"]);
        f.error(&tr, "reason", "error-recovery-unavailable");
        return Ok(refused(vault_page(&s, tr, &csrf, &who.ctx, f, None).await?));
    };
    let q = v::request(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let holders = v::holders(&s.db, a).await?;
    let team = store::team::list(&s.db, a).await?;
    let fr = Tr { lang: Lang::Fr };
    let name = &who.ctx.association.name;
    let subject = format!("[{name}] Demande de récupération du coffre par {}", q.requester_name);
    let body = format!(
        "Bonjour,\n\n{} a demandé à récupérer l'accès au coffre de {name}{}.\n\nSans opposition, la demande \
         s'ouvrira le {} et les personnes qui détiennent une part de secours pourront l'approuver.\n\nSi vous ne \
         reconnaissez pas cette demande, annulez-la tout de suite : {}/vault\n",
        q.requester_name,
        if reason.is_empty() { String::new() } else { format!(" (motif : {reason})") },
        fr.datetime(q.opens_at),
        s.config.public_url,
    );
    for t_member in team.iter().filter(|m| {
        m.user_id != who.grant.user_id().0
            && (m.role == Role::Administrator.code() || holders.iter().any(|(h, _)| *h == m.user_id))
    }) {
        store::mail::enqueue(&s.db, &t_member.email, &subject, &body, t).await?;
    }
    store::audit::by(&s.db, &who.grant, "vault.recovery.request", &format!("#{id} {reason}"), t).await?;
    Ok(done("/vault", "notice-recovery-requested"))
}

/// Cancels a recovery request: the requester, a share holder or an administrator.
pub async fn cancel_recovery_request(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    _p: Posted,
) -> Result<Response, AppError> {
    let a = who.ctx.association_id();
    let q = v::request(&s.db, a, id).await?.ok_or(AppError::NotFound)?;
    let me = who.grant.user_id().0;
    let holder = v::holders(&s.db, a).await?.iter().any(|(h, _)| *h == me);
    if !(holder || q.requester == me || who.ctx.membership.role == Role::Administrator) {
        return Err(AppError::Forbidden);
    }
    if !v::cancel_request(&s.db, &who.grant, id, now()).await? {
        return Err(AppError::NotFound);
    }
    store::audit::by(&s.db, &who.grant, "vault.recovery.cancel", &format!("#{id}"), now()).await?;
    Ok(done("/vault", "notice-recovery-cancelled"))
}

// ---- The script's JSON routes ---------------------------------------------------

fn json(value: &impl serde::Serialize) -> Result<Response, AppError> {
    let body = serde_json::to_vec(value).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body).into_response())
}

/// A refused write, as the script reads it: 404 for what one cannot open,
/// 409 for a stale write (reload), 413 for a file over a limit (with the
/// sizes, in sealed bytes), 422 for the rest.
fn refusal(r: Refused) -> Response {
    let code = |c: &str| serde_json::json!({ "error": c });
    let (status, body) = match r {
        Refused::NotFound => (StatusCode::NOT_FOUND, code("not-found")),
        Refused::Stale => (StatusCode::CONFLICT, code("stale")),
        Refused::BadId => (StatusCode::UNPROCESSABLE_ENTITY, code("bad-id")),
        Refused::NotEnrolled => (StatusCode::UNPROCESSABLE_ENTITY, code("not-enrolled")),
        Refused::Incomplete => (StatusCode::UNPROCESSABLE_ENTITY, code("incomplete")),
        Refused::TooBig(TooBig::File { size, limit }) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            serde_json::json!({ "error": "file-too-large", "size": size, "limit": limit }),
        ),
        Refused::TooBig(TooBig::Association { size, used, limit }) => (
            StatusCode::PAYLOAD_TOO_LARGE,
            serde_json::json!({ "error": "vault-full", "size": size, "used": used, "limit": limit }),
        ),
    };
    (status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
}

fn outcome(r: v::Outcome) -> Result<Response, AppError> {
    match r {
        Ok(()) => json(&serde_json::json!({ "ok": true })),
        Err(r) => Ok(refusal(r)),
    }
}

/// Everything the script needs, for this person only.
pub async fn vault_state(State(s): State<AppState>, tr: Tr, who: Authorized<TeamWork>) -> Result<Response, AppError> {
    if let Some(r) = vault_off(tr, &who.ctx) {
        return Ok(r);
    }
    let a = who.ctx.association_id();
    let g = &who.grant;
    let recovery = v::recovery(&s.db, a).await?.map(|r| {
        serde_json::json!({
            "split": r.split, "threshold": r.threshold, "delay_hours": r.delay_hours, "public_key": r.public_key,
        })
    });
    json(&serde_json::json!({
        "me": g.user_id().0,
        "own": v::own_keys(&s.db, g).await?,
        "members": v::members(&s.db, a).await?,
        "collections": v::collections(&s.db, g).await?,
        "entries": v::entries(&s.db, g).await?,
        "files": v::files(&s.db, g, None).await?,
        "file_limits": {
            "file": LIMITS.file, "overhead": FILE_SEAL_OVERHEAD, "total": LIMITS.association,
            "used": v::files_used(&s.db, a).await?,
        },
        "recovery": recovery,
        "holders": v::holders(&s.db, a).await?,
        "own_share": v::own_share(&s.db, g).await?,
        "requests": v::requests(&s.db, a).await?,
        "is_admin": Grant::<Administer>::check(&who.ctx.membership).is_some(),
        "can_revoke": Grant::<KeepRegistry>::check(&who.ctx.membership).is_some(),
    }))
}

#[derive(Deserialize)]
pub struct Keys {
    public_keys: String,
    wrapped_keys: String,
}

/// The two blobs are what the script's `keys.js` makes; refuse anything else
/// early (the script checks them again when it unwraps).
fn keys_look_right(k: &Keys) -> bool {
    let public: Result<serde_json::Value, _> = serde_json::from_str(&k.public_keys);
    let wrapped: Result<serde_json::Value, _> = serde_json::from_str(&k.wrapped_keys);
    matches!((public, wrapped), (Ok(p), Ok(w))
        if p.get("encryption").is_some_and(|x| x.is_string()) && w.get("kind").and_then(|x| x.as_str()) == Some("preau-member-keys"))
        && k.wrapped_keys.len() < 8192
}

/// Enrols the person: their public keys and passphrase-wrapped private keys.
pub async fn enrol(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    JsonPosted(k): JsonPosted<Keys>,
) -> Result<Response, AppError> {
    if !keys_look_right(&k) {
        return Ok(refusal(Refused::Incomplete));
    }
    if !v::enrol(&s.db, &who.grant, &k.public_keys, &k.wrapped_keys, now()).await? {
        return Ok(refusal(Refused::Stale));
    }
    store::audit::by(&s.db, &who.grant, "vault.enrol", "", now()).await?;
    json(&serde_json::json!({ "ok": true }))
}

/// Stores keys wrapped under a new passphrase (the public keys unchanged).
pub async fn rewrap(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    JsonPosted(k): JsonPosted<Keys>,
) -> Result<Response, AppError> {
    if !keys_look_right(&k) {
        return Ok(refusal(Refused::Incomplete));
    }
    if !v::rewrap(&s.db, &who.grant, &k.public_keys, &k.wrapped_keys, now()).await? {
        return Ok(refusal(Refused::NotFound));
    }
    store::audit::by(&s.db, &who.grant, "vault.passphrase", "", now()).await?;
    json(&serde_json::json!({ "ok": true }))
}

#[derive(Deserialize)]
pub struct IdRequest {
    kind: String,
    count: i64,
}

/// Reserves ids for collections, entries or files about to be sealed.
pub async fn reserve_ids(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    JsonPosted(r): JsonPosted<IdRequest>,
) -> Result<Response, AppError> {
    let kind = match r.kind.as_str() {
        "collection" => IdKind::Collection,
        "entry" => IdKind::Entry,
        "file" => IdKind::File,
        _ => return Ok(refusal(Refused::Incomplete)),
    };
    if !(1..=10_000).contains(&r.count) {
        return Ok(refusal(Refused::Incomplete));
    }
    let first = v::reserve_ids(&s.db, &who.grant, kind, r.count).await?;
    json(&serde_json::json!({ "first": first }))
}

#[derive(Deserialize)]
pub struct NewCollection {
    id: i64,
    sealed_name: String,
    wrapped_key: String,
    recovery_wrapped: Option<String>,
}

/// Creates a collection.
pub async fn create_collection(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    JsonPosted(c): JsonPosted<NewCollection>,
) -> Result<Response, AppError> {
    let r = v::create_collection(
        &s.db,
        &who.grant,
        c.id,
        &c.sealed_name,
        &c.wrapped_key,
        c.recovery_wrapped.as_deref(),
        now(),
    )
    .await?;
    if r.is_ok() {
        store::audit::by(&s.db, &who.grant, "vault.collection.create", &format!("#{}", c.id), now()).await?;
    }
    outcome(r)
}

#[derive(Deserialize)]
pub struct Share {
    user_id: i64,
    wrapped_key: String,
    key_version: i64,
}

/// Shares a collection with a member (its key wrapped for them).
pub async fn share_collection(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    JsonPosted(x): JsonPosted<Share>,
) -> Result<Response, AppError> {
    let r = v::share(&s.db, &who.grant, id, UserId(x.user_id), &x.wrapped_key, x.key_version, now()).await?;
    if r.is_ok() {
        let detail = format!("collection #{id} → #{}", x.user_id);
        store::audit::by(&s.db, &who.grant, "vault.collection.share", &detail, now()).await?;
    }
    outcome(r)
}

/// Who can open a collection (for a rotation), to someone who can.
pub async fn collection_access(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    match v::access_list(&s.db, &who.grant, id).await? {
        Some(users) => json(&serde_json::json!({ "users": users })),
        None => Ok(refusal(Refused::NotFound)),
    }
}

/// Rotates a collection's key, re-encrypting every entry and file metadata.
pub async fn rotate_collection(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    JsonPosted(x): JsonPosted<v::Rotation>,
) -> Result<Response, AppError> {
    let r = v::rotate(&s.db, &who.grant, id, &x, now()).await?;
    if r.is_ok() {
        let detail = format!("collection #{id} key v{} for {} people", x.key_version, x.access.len());
        store::audit::by(&s.db, &who.grant, "vault.collection.rotate", &detail, now()).await?;
    }
    outcome(r)
}

/// Writes an entry.
pub async fn save_entry(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    JsonPosted(e): JsonPosted<v::EntryWrite>,
) -> Result<Response, AppError> {
    if e.sealed.len() > 256 * 1024 {
        return Ok(refusal(Refused::Incomplete));
    }
    let r = v::save_entry(&s.db, &who.grant, &e, now()).await?;
    if r.is_ok() {
        let detail = format!("#{} v{}{}", e.id, e.version, if e.changed { " (secret changed)" } else { "" });
        store::audit::by(&s.db, &who.grant, "vault.entry.save", &detail, now()).await?;
    }
    outcome(r)
}

/// Deletes an entry.
pub async fn delete_entry(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    JsonPosted(_): JsonPosted<serde_json::Value>,
) -> Result<Response, AppError> {
    let r = v::delete_entry(&s.db, &who.grant, id).await?;
    if r.is_ok() {
        store::audit::by(&s.db, &who.grant, "vault.entry.delete", &format!("#{id}"), now()).await?;
    }
    outcome(r)
}

/// How much the vault takes in files.
const LIMITS: FileLimits = FileLimits::DEFAULT;

/// The body limit of the file upload route (set on it in the router): one
/// sealed file, not a byte more.
pub const FILE_BODY_LIMIT: usize = LIMITS.sealed_file() as usize;

/// A file's sealed content, the body of its upload. Too big is a 413 with
/// the sizes: from the announced length before anything is read, else once
/// the reading passes the route's limit (`size` is then "at least").
pub struct SealedContent(Bytes);

impl<S: Send + Sync> FromRequest<S> for SealedContent {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let announced = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<i64>().ok());
        if let Some(Err(e @ TooBig::File { .. })) = announced.map(|n| LIMITS.check(n, 0)) {
            return Err(refusal(Refused::TooBig(e)));
        }
        match Bytes::from_request(req, state).await {
            Ok(b) => Ok(SealedContent(b)),
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                let limit = LIMITS.sealed_file();
                Err(refusal(Refused::TooBig(TooBig::File { size: limit + 1, limit })))
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

/// Attaches an encrypted file to an entry. The body is the sealed content as
/// the script made it (`application/octet-stream`: no base64, no JSON, so a
/// 5 MiB file is 5 MiB and 30 bytes on the wire); the reserved id, the key
/// version and the sealed metadata ride in headers.
pub async fn add_vault_file(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(entry): Path<i64>,
    _: ScriptToken,
    headers: HeaderMap,
    SealedContent(content): SealedContent,
) -> Result<Response, AppError> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let number = |name: &str| text(name).and_then(|v| v.parse::<i64>().ok());
    let (Some(id), Some(key_version), Some(sealed_meta)) =
        (number("x-vault-file-id"), number("x-vault-key-version"), text("x-vault-sealed-meta"))
    else {
        return Ok(refusal(Refused::Incomplete));
    };
    if sealed_meta.len() > 8192 || content.len() < FILE_SEAL_OVERHEAD as usize {
        return Ok(refusal(Refused::Incomplete));
    }
    let file = v::NewFile { id, entry_id: entry, key_version, sealed_meta, content: &content };
    let r = v::add_file(&s.db, &who.grant, &file, &LIMITS, now()).await?;
    if r.is_ok() {
        let detail = format!("entry #{entry}: file #{id} ({} bytes)", content.len());
        store::audit::by(&s.db, &who.grant, "vault.file.add", &detail, now()).await?;
    }
    outcome(r)
}

/// A file's sealed content, to someone who can open its entry.
pub async fn download_vault_file(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    match v::file_content(&s.db, &who.grant, id).await? {
        Some(bytes) => {
            Ok(([(header::CONTENT_TYPE, "application/octet-stream"), (header::CACHE_CONTROL, "no-store")], bytes)
                .into_response())
        }
        None => Ok(refusal(Refused::NotFound)),
    }
}

/// Deletes a file.
pub async fn delete_vault_file(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    JsonPosted(_): JsonPosted<serde_json::Value>,
) -> Result<Response, AppError> {
    let r = v::delete_file(&s.db, &who.grant, id).await?;
    if r.is_ok() {
        store::audit::by(&s.db, &who.grant, "vault.file.delete", &format!("#{id}"), now()).await?;
    }
    outcome(r)
}

#[derive(Deserialize)]
pub struct Revocation {
    owner: i64,
    deadline: String,
}

/// Takes a member out of the vault; returns the collections to rotate.
pub async fn revoke_member(
    State(s): State<AppState>,
    who: Authorized<KeepRegistry>,
    Path(user): Path<i64>,
    JsonPosted(x): JsonPosted<Revocation>,
) -> Result<Response, AppError> {
    let Some(deadline) = domain::Date::parse_iso(&x.deadline) else { return Ok(refusal(Refused::Incomplete)) };
    let a = who.ctx.association_id();
    if store::team::membership(&s.db, a, UserId(x.owner)).await?.is_none() {
        return Ok(refusal(Refused::NotEnrolled));
    }
    let name = store::users::get(&s.db, UserId(user)).await?.map(|u| u.display_name).unwrap_or_default();
    let reason = format!("accès retiré à {name}");
    let rotate = v::revoke(&s.db, &who.grant, UserId(user), UserId(x.owner), deadline, &reason, now()).await?;
    let detail = format!("#{user}: {} collection(s) to rotate", rotate.len());
    store::audit::by(&s.db, &who.grant, "vault.member.revoke", &detail, now()).await?;
    json(&serde_json::json!({ "rotate": rotate }))
}

/// Sets up (or renews) the association's recovery split.
pub async fn set_recovery(
    State(s): State<AppState>,
    who: Authorized<Administer>,
    JsonPosted(x): JsonPosted<v::NewRecovery>,
) -> Result<Response, AppError> {
    let r = v::set_recovery(&s.db, &who.grant, &x, now()).await?;
    if r.is_ok() {
        let holders: Vec<String> = x.shares.iter().map(|(h, _)| format!("#{h}")).collect();
        let detail =
            format!("{} of {} ({}), delay {} h", x.threshold, x.shares.len(), holders.join(", "), x.delay_hours);
        store::audit::by(&s.db, &who.grant, "vault.recovery.setup", &detail, now()).await?;
    }
    outcome(r)
}

#[derive(Deserialize)]
pub struct Approval {
    sealed_share: String,
}

/// A holder approves a recovery request with their share, re-sealed to the requester.
pub async fn approve_recovery(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    JsonPosted(x): JsonPosted<Approval>,
) -> Result<Response, AppError> {
    let r = v::approve(&s.db, &who.grant, id, &x.sealed_share, now()).await?;
    if r.is_ok() {
        store::audit::by(&s.db, &who.grant, "vault.recovery.approve", &format!("#{id}"), now()).await?;
    }
    outcome(r)
}

/// What an opened request gives its requester (404 before the delay, with
/// fewer than k approvals, after a cancellation, or to anyone else).
pub async fn opened_recovery(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    match v::opened(&s.db, &who.grant, id, now()).await? {
        Some(o) => json(&o),
        None => Ok(refusal(Refused::NotFound)),
    }
}

#[derive(Deserialize)]
pub struct Completion {
    keys: Vec<(i64, i64, String)>,
}

/// The requester takes the collections back.
pub async fn complete_recovery(
    State(s): State<AppState>,
    who: Authorized<TeamWork>,
    Path(id): Path<i64>,
    JsonPosted(x): JsonPosted<Completion>,
) -> Result<Response, AppError> {
    let r = v::complete_request(&s.db, &who.grant, id, &x.keys, now()).await?;
    if r.is_ok() {
        let detail = format!("#{id}: {} collection(s)", x.keys.len());
        store::audit::by(&s.db, &who.grant, "vault.recovery.complete", &detail, now()).await?;
    }
    outcome(r)
}
