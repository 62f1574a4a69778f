//! The HTTP surface: one router for the API, the playground, health checks and the site.

mod assets;
mod export;
mod export_entities;
mod export_lists;
mod graphql;
mod health;
pub mod response_cache;
mod site;

use axum::Router;
use axum::routing::get;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

use crate::app::AppState;

/// Every route the server answers.
pub fn router(state: AppState) -> Router {
    let site = site::service(&state.web_dir);
    Router::new()
        .route("/graphql", get(graphql::graphiql).post(graphql::execute))
        .route("/assets/graphiql/{file}", get(graphql::graphiql_asset))
        .route("/export/{file}", get(export::export))
        .route("/assets/posters/{id}", get(assets::poster))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .with_state(state)
        .merge(site)
        // Browsers get the site and the API's answers gzipped (the wasm bundle shrinks from
        // 502 kB to 196 kB); clients that do not ask, like load generators, get them as they are.
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}
