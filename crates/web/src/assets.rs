//! Static files embedded in the binary, served under content-hashed names
//! (`/static/style.<hash>.css`) with a year of caching.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
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

static HASHED: LazyLock<Vec<(String, &'static Asset)>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| {
            let digest = hex::encode(&Sha256::digest(a.bytes)[..6]);
            let (stem, ext) = a.name.rsplit_once('.').unwrap_or((a.name, ""));
            (format!("{stem}.{digest}.{ext}"), a)
        })
        .collect()
});

/// The URL of an asset by its plain name.
pub fn url(name: &str) -> String {
    HASHED.iter().find(|(_, a)| a.name == name).map(|(h, _)| format!("/static/{h}")).unwrap_or_default()
}

/// Serves an asset by its hashed name.
pub async fn serve_asset(Path(name): Path<String>) -> Response {
    match HASHED.iter().find(|(h, _)| *h == name) {
        Some((_, a)) => (
            [(header::CONTENT_TYPE, a.content_type), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")],
            a.bytes,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
