//! Static files embedded in the binary, served under content-hashed names
//! (`/static/style.<hash>.css`) with a year of caching.
//!
//! The vault's ES modules are served the same way as `vault-<name>.<hash>.js`;
//! each module's `import … from "./x.js"` is rewritten to the hashed name of
//! `x.js` first, so a module's name covers what it imports. Their SHA-384
//! digests go into the page's import map (subresource integrity for every
//! module), whose own hash goes into the page's CSP.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256, Sha384};
use std::borrow::Cow;
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[Asset {
    name: "style.css",
    content_type: "text/css; charset=utf-8",
    bytes: include_bytes!("../static/style.css"),
}];

/// The vault's modules, each after those it imports.
const VAULT: &[(&str, &str)] = &[
    ("bytes.js", include_str!("../static/vault/bytes.js")),
    ("wordlist.js", include_str!("../static/vault/wordlist.js")),
    ("keys.js", include_str!("../static/vault/keys.js")),
    ("seal.js", include_str!("../static/vault/seal.js")),
    ("shamir.js", include_str!("../static/vault/shamir.js")),
    ("passwords.js", include_str!("../static/vault/passwords.js")),
    ("totp.js", include_str!("../static/vault/totp.js")),
    ("formats.js", include_str!("../static/vault/formats.js")),
    ("app.js", include_str!("../static/vault/app.js")),
];

/// A file as served: hashed name, type, bytes, SRI digest.
struct Served {
    plain: String,
    hashed: String,
    content_type: &'static str,
    bytes: Cow<'static, [u8]>,
    integrity: String,
}

fn served(plain: String, content_type: &'static str, bytes: Cow<'static, [u8]>) -> Served {
    let digest = hex::encode(&Sha256::digest(&bytes)[..6]);
    let (stem, ext) = plain.rsplit_once('.').unwrap_or((&plain, ""));
    let hashed = format!("{stem}.{digest}.{ext}");
    let integrity = format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes)));
    Served { plain, hashed, content_type, bytes, integrity }
}

static SERVED: LazyLock<Vec<Served>> = LazyLock::new(|| {
    let mut out: Vec<Served> =
        ASSETS.iter().map(|a| served(a.name.to_string(), a.content_type, Cow::Borrowed(a.bytes))).collect();
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (name, source) in VAULT {
        let mut text = source.to_string();
        for (from, to) in &renamed {
            text = text.replace(&format!("\"./{from}\""), &format!("\"./{to}\""));
        }
        let s = served(format!("vault-{name}"), "text/javascript; charset=utf-8", Cow::Owned(text.into_bytes()));
        renamed.push((name.to_string(), s.hashed.clone()));
        out.push(s);
    }
    out
});

/// The URL of an asset by its plain name.
pub fn url(name: &str) -> String {
    SERVED.iter().find(|a| a.plain == name).map(|a| format!("/static/{}", a.hashed)).unwrap_or_default()
}

/// The SRI digest of an asset by its plain name.
pub fn integrity(name: &str) -> String {
    SERVED.iter().find(|a| a.plain == name).map(|a| a.integrity.clone()).unwrap_or_default()
}

/// The vault page's import map (integrity of every vault module) and the
/// CSP source allowing exactly it.
pub static VAULT_IMPORT_MAP: LazyLock<(String, String)> = LazyLock::new(|| {
    let integrity: serde_json::Map<String, serde_json::Value> = SERVED
        .iter()
        .filter(|a| a.plain.starts_with("vault-"))
        .map(|a| (format!("/static/{}", a.hashed), serde_json::Value::String(a.integrity.clone())))
        .collect();
    let map = serde_json::json!({ "imports": {}, "integrity": integrity }).to_string();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(map.as_bytes()));
    (map, format!("'sha256-{hash}'"))
});

/// Serves an asset by its hashed name.
pub async fn serve_asset(Path(name): Path<String>) -> Response {
    match SERVED.iter().find(|a| a.hashed == name) {
        Some(a) => (
            [(header::CONTENT_TYPE, a.content_type), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")],
            a.bytes.clone().into_owned(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_modules_import_each_other_by_hashed_name() {
        let seal = SERVED.iter().find(|a| a.plain == "vault-seal.js").unwrap();
        let text = std::str::from_utf8(&seal.bytes).unwrap();
        assert!(!text.contains("\"./bytes.js\""), "rewritten");
        assert!(text.contains(&format!("\"./{}\"", url("vault-bytes.js").trim_start_matches("/static/"))));
        assert!(VAULT_IMPORT_MAP.0.contains(&integrity("vault-app.js")));
        assert!(integrity("vault-app.js").starts_with("sha384-"));
    }
}
