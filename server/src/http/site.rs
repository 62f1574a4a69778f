//! The public site: Trunk's output served at `/`, every unknown path answered with `index.html`
//! so the site's own router handles it.

use std::path::Path;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Html;
use tower_http::services::{ServeDir, ServeFile};

/// What serves `/` and everything the API does not: the built site, or a page that says how to
/// build it.
pub fn service(web_dir: &Path) -> Router {
    let index = web_dir.join("index.html");
    if index.is_file() {
        Router::new().fallback_service(ServeDir::new(web_dir).fallback(ServeFile::new(index)))
    } else {
        tracing::warn!(
            web_dir = %web_dir.display(),
            "the site is not built: serving the API only (build it with scripts/build-web.sh)"
        );
        Router::new().fallback(not_built)
    }
}

async fn not_built() -> (StatusCode, Html<&'static str>) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Html(
            "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Égalité</title>\
             <h1>Égalité</h1><p>Le site n'est pas encore construit (<code>scripts/build-web.sh</code>). \
             The site is not built yet. L'API GraphQL / The GraphQL API: \
             <a href=\"/graphql\">/graphql</a>.</p></html>",
        ),
    )
}
