//! `POST /graphql` runs queries; `GET /graphql` is the GraphiQL playground, bundled (no CDN).

use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::app::AppState;
use crate::graphql::loaders;

/// Runs one GraphQL request with fresh per-request dataloaders.
pub async fn execute(State(state): State<AppState>, req: GraphQLRequest) -> GraphQLResponse {
    let req = req.into_inner().data(loaders::per_request(state.db.clone()));
    crate::graphql::error::with_codes(state.schema.execute(req).await).into()
}

/// The GraphiQL page.
pub async fn graphiql() -> Html<&'static str> {
    Html(include_str!("../../assets/graphiql/index.html"))
}

/// GraphiQL's scripts and styles.
pub async fn graphiql_asset(Path(file): Path<String>) -> Response {
    let (body, mime): (&'static [u8], &str) = match file.as_str() {
        "graphiql.min.js" => {
            (include_bytes!("../../assets/graphiql/graphiql.min.js"), "text/javascript")
        }
        "graphiql.min.css" => {
            (include_bytes!("../../assets/graphiql/graphiql.min.css"), "text/css")
        }
        "react.production.min.js" => {
            (include_bytes!("../../assets/graphiql/react.production.min.js"), "text/javascript")
        }
        "react-dom.production.min.js" => {
            (include_bytes!("../../assets/graphiql/react-dom.production.min.js"), "text/javascript")
        }
        "init.js" => (include_bytes!("../../assets/graphiql/init.js"), "text/javascript"),
        _ => return (StatusCode::NOT_FOUND, "no such GraphiQL asset").into_response(),
    };
    ([(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, "public, max-age=86400")], body)
        .into_response()
}
