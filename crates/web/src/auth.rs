//! Who is asking: cookies, sessions, the form token, and the extractors
//! that give handlers a signed-in person, their current association and,
//! for privileged pages, a `Grant` proving their role.

use crate::error::AppError;
use crate::{AppState, now};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{AssociationId, Capability, Grant, Membership, UserId};
use std::net::SocketAddr;
use store::associations::Association;
use store::sessions::Session;
use store::users::User;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "preau_session";
/// The form-token cookie's name.
pub const CSRF_COOKIE: &str = "preau_csrf";

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// A `Set-Cookie` value: HttpOnly, `Path=/`, `Secure` behind TLS.
/// `max_age` of `Some(0)` deletes the cookie; `None` keeps it for the browser session.
pub fn cookie_header(name: &str, value: &str, max_age: Option<i64>, same_site: &str, tls: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if tls {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are hex or fixed words")
}

/// The form token of this visitor (cookie, or the one just issued).
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .or_else(|| cookie(&parts.headers, CSRF_COOKIE).map(CsrfToken))
            .unwrap_or(CsrfToken(String::new())))
    }
}

/// A submitted form (urlencoded), accepted only with the right form token.
#[derive(Debug, Default)]
pub struct Posted {
    pub fields: Vec<(String, String)>,
}

impl Posted {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.fields.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }

    /// Every value of a repeated field (checkboxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for Posted {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = cookie(req.headers(), CSRF_COOKIE);
        let axum::Form(fields) =
            axum::Form::<Vec<(String, String)>>::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        let posted = Posted { fields };
        match expected {
            Some(t) if !t.is_empty() && constant_time_eq(t.as_bytes(), posted.get("csrf").as_bytes()) => Ok(posted),
            _ => Err(AppError::Forbidden.into_response()),
        }
    }
}

/// A submitted form with files (multipart), accepted only with the right
/// form token: its text fields, and each file as (field, file name, bytes).
#[derive(Debug, Default)]
pub struct PostedFiles {
    pub fields: Posted,
    pub files: Vec<(String, String, Vec<u8>)>,
}

impl PostedFiles {
    /// The file sent in `field`, if one was chosen (an empty file input sends a nameless part).
    pub fn file(&self, field: &str) -> Option<(&str, &[u8])> {
        self.files
            .iter()
            .find(|(f, name, _)| f == field && !name.is_empty())
            .map(|(_, n, b)| (n.as_str(), b.as_slice()))
    }
}

impl<S: Send + Sync> FromRequest<S> for PostedFiles {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let expected = cookie(req.headers(), CSRF_COOKIE);
        let mut form = axum::extract::Multipart::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        let mut out = PostedFiles::default();
        // A body over the size limit fails here: answered 413 by the limit layer's page.
        while let Some(field) = form.next_field().await.map_err(IntoResponse::into_response)? {
            let name = field.name().unwrap_or_default().to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(IntoResponse::into_response)?;
                    out.files.push((name, file_name, bytes.to_vec()));
                }
                None => {
                    let text = field.text().await.map_err(IntoResponse::into_response)?;
                    out.fields.fields.push((name, text));
                }
            }
        }
        match expected {
            Some(t) if !t.is_empty() && constant_time_eq(t.as_bytes(), out.fields.get("csrf").as_bytes()) => Ok(out),
            _ => Err(AppError::Forbidden.into_response()),
        }
    }
}

/// Compares secrets without leaking where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The client's address: the socket's, or the proxy's `X-Forwarded-For` when trusted.
pub fn client_ip(parts: &Parts, trust_proxy: bool) -> String {
    if trust_proxy
        && let Some(ip) =
            parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next())
    {
        return ip.trim().to_string();
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map_or_else(|| "unknown".into(), |c| c.0.ip().to_string())
}

/// The session named by the cookie, whatever its state, with its person.
pub struct AnySession {
    pub session: Session,
    pub user: User,
    /// The session's association and the person's role there, if still a member.
    pub current: Option<(domain::Role, Association)>,
}

async fn load_session(parts: &Parts, state: &AppState) -> Result<Option<AnySession>, AppError> {
    let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else { return Ok(None) };
    let id = crate::crypto::token_hash(&token);
    let t = now();
    let Some(store::sessions::Context { session, user, current }) = store::sessions::context(&state.db, &id, t).await?
    else {
        return Ok(None);
    };
    if t - session.last_seen_at > 60 {
        store::sessions::touch(&state.db, &id, t, t + state.config.session_seconds).await?;
    }
    Ok(Some(AnySession { session, user, current }))
}

impl FromRequestParts<AppState> for Option<AnySession> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        load_session(parts, state).await
    }
}

fn to_login(parts: &Parts) -> Response {
    if parts.method == Method::GET {
        let next = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        Redirect::to(&format!("/login?next={}", urlencode(next))).into_response()
    } else {
        Redirect::to("/login").into_response()
    }
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A person who has logged in completely (second factor given if enabled).
pub struct SignedIn {
    pub session: Session,
    pub user: User,
    current: Option<(domain::Role, Association)>,
}

impl SignedIn {
    /// The person's id.
    pub fn user_id(&self) -> UserId {
        self.user.id()
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        match load_session(parts, state).await.map_err(IntoResponse::into_response)? {
            Some(s) if s.session.second_factor_pending => Err(Redirect::to("/login/2fa").into_response()),
            Some(AnySession { session, user, current }) => Ok(SignedIn { session, user, current }),
            None => Err(to_login(parts)),
        }
    }
}

/// A signed-in person working in their current association. The
/// association comes from the session, never from the request.
pub struct InAssociation {
    pub me: SignedIn,
    pub association: Association,
    pub membership: Membership,
}

impl InAssociation {
    /// The current association's id.
    pub fn association_id(&self) -> AssociationId {
        self.membership.association_id
    }
}

impl FromRequestParts<AppState> for InAssociation {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let me = SignedIn::from_request_parts(parts, state).await?;
        match current_association(state, me).await.map_err(IntoResponse::into_response)? {
            Ok(ctx) => Ok(ctx),
            // No association yet: the dashboard explains what to do.
            Err(_) => Err(Redirect::to("/").into_response()),
        }
    }
}

/// The session's association if the person still belongs to it, else their
/// first association (remembered in the session), else the person back.
pub async fn current_association(
    state: &AppState,
    mut me: SignedIn,
) -> Result<Result<InAssociation, SignedIn>, AppError> {
    let db = &state.db;
    if let Some((role, association)) = me.current.take() {
        let membership = Membership { association_id: association.id(), user_id: me.user_id(), role };
        return Ok(Ok(InAssociation { me, association, membership }));
    }
    let Some(first) = store::users::belongings(db, me.user_id()).await?.into_iter().next() else { return Ok(Err(me)) };
    store::sessions::switch_association(db, &me.session.id, first.association_id).await?;
    let m = Membership { association_id: first.association_id, user_id: me.user_id(), role: first.role };
    let association = store::associations::get(db, first.association_id).await?.ok_or(AppError::NotFound)?;
    Ok(Ok(InAssociation { me, association, membership: m }))
}

/// A signed-in person whose role in the current association allows `C`;
/// 403 otherwise. Holds the `Grant` that privileged store calls require.
pub struct Authorized<C: Capability> {
    pub ctx: InAssociation,
    pub grant: Grant<C>,
}

impl<C: Capability + Send> FromRequestParts<AppState> for Authorized<C> {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let ctx = InAssociation::from_request_parts(parts, state).await?;
        match Grant::<C>::check(&ctx.membership) {
            Some(grant) => Ok(Authorized { ctx, grant }),
            None => Err(AppError::Forbidden.into_response()),
        }
    }
}

/// A request from the vault's own script: the form token is in the
/// `x-csrf-token` header (a body that is not a form has no field for it).
pub struct ScriptToken;

fn script_token_matches(headers: &HeaderMap) -> bool {
    let sent = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).unwrap_or("");
    cookie(headers, CSRF_COOKIE).is_some_and(|t| !t.is_empty() && constant_time_eq(t.as_bytes(), sent.as_bytes()))
}

impl<S: Send + Sync> FromRequestParts<S> for ScriptToken {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if script_token_matches(&parts.headers) { Ok(ScriptToken) } else { Err(AppError::Forbidden.into_response()) }
    }
}

/// A JSON body from the vault's own script, accepted only with the form
/// token in the `x-csrf-token` header. Malformed JSON is a 400 naming where.
pub struct JsonPosted<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for JsonPosted<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !script_token_matches(req.headers()) {
            return Err(AppError::Forbidden.into_response());
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        serde_json::from_slice(&bytes).map(JsonPosted).map_err(|e| {
            let body = serde_json::json!({ "error": "malformed", "detail": e.to_string() }).to_string();
            (axum::http::StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        })
    }
}
