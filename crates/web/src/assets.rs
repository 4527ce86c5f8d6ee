//! The stylesheet and the small script of the pages: embedded in the binary, served under names that carry their content's hash, so that they can be cached for a year.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::Digest;
use std::sync::LazyLock;

const STYLESHEET: &str = include_str!("../assets/site.css");
const SCRIPT: &str = include_str!("../assets/voter.js");
const LIVE: &str = include_str!("../assets/live.js");
const PROJECTOR: &str = include_str!("../assets/projector.js");
const CONSOLE_SCRIPT: &str = include_str!("../assets/console.js");

struct Asset {
    name: String,
    body: &'static str,
    content_type: &'static str,
}

fn asset(stem: &str, ext: &str, body: &'static str, content_type: &'static str) -> Asset {
    let hash = hex::encode(sha2::Sha256::digest(body.as_bytes()));
    Asset {
        name: format!("{stem}.{}.{ext}", &hash[..12]),
        body,
        content_type,
    }
}

static ASSETS: LazyLock<[Asset; 5]> = LazyLock::new(|| {
    [
        asset("site", "css", STYLESHEET, "text/css; charset=utf-8"),
        asset("voter", "js", SCRIPT, "text/javascript; charset=utf-8"),
        asset("live", "js", LIVE, "text/javascript; charset=utf-8"),
        asset(
            "projector",
            "js",
            PROJECTOR,
            "text/javascript; charset=utf-8",
        ),
        asset(
            "console",
            "js",
            CONSOLE_SCRIPT,
            "text/javascript; charset=utf-8",
        ),
    ]
});

/// The path of the stylesheet, for `<link>`.
pub fn stylesheet() -> String {
    format!("/assets/{}", ASSETS[0].name)
}

/// The path of the script, for `<script src>`.
pub fn script() -> String {
    format!("/assets/{}", ASSETS[1].name)
}

/// The path of the live regions' script, for `<script src>` on pages with `data-live`.
pub fn live_script() -> String {
    format!("/assets/{}", ASSETS[2].name)
}

/// The path of the projector view's script (the speaker's clock), for `<script src>`.
pub fn projector_script() -> String {
    format!("/assets/{}", ASSETS[3].name)
}

/// The path of the secretary's console script (QR scanner, countdowns).
pub fn console_script() -> String {
    format!("/assets/{}", ASSETS[4].name)
}

/// `GET /assets/{name}`: an asset by its hashed name, cached for a year.
pub async fn serve(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name) {
        Some(a) => (
            [
                (header::CONTENT_TYPE, a.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            a.body,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
