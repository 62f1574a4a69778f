//! `POST /graphql` runs queries; `GET /graphql` is the GraphiQL playground, bundled (no CDN).

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde_json::json;

use super::response_cache::read_only;
use crate::app::AppState;
use crate::graphql::limits::BODY_SIZE_LIMIT;
use crate::graphql::loaders;

/// A request refused before it reached GraphQL, in GraphQL's error shape.
fn refused(status: StatusCode, code: &str, message: String) -> Response {
    (status, Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })))
        .into_response()
}

fn json_body(bytes: Bytes) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], bytes).into_response()
}

/// Runs one GraphQL request (JSON body: `query`, `variables`, `operationName`) with fresh
/// per-request dataloaders, or answers it from the cache of the current data version.
pub async fn execute(State(state): State<AppState>, body: Body) -> Response {
    let limit = state.limits.max_body_bytes;
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            BODY_SIZE_LIMIT,
            format!("the request body is larger than {limit} bytes"),
        );
    };
    let version = match state.version_for_request().await {
        Ok(v) => v,
        Err(e) => {
            tracing::error!(error = %e, "reading the data version");
            return refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "INTERNAL",
                "the database did not answer; the server log has the details".into(),
            );
        }
    };
    if let Some(hit) = state.responses.get(version, &bytes) {
        return json_body(hit);
    }
    let request: async_graphql::Request = match serde_json::from_slice(&bytes) {
        Ok(r) => r,
        Err(e) => {
            return refused(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                format!("the body is not a GraphQL request in JSON ({{\"query\": …}}): {e}"),
            );
        }
    };
    let cacheable = read_only(&request.query);
    // The semaphore is never closed, so acquiring only fails if it were.
    let Ok(_permit) = state.executions.acquire().await else {
        return refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "INTERNAL",
            "the server is stopping".into(),
        );
    };
    let request = request.data(loaders::per_request(state.db.clone()));
    let response = crate::graphql::error::with_codes(state.schema.execute(request).await);
    let ok = response.errors.is_empty();
    let out = match serde_json::to_vec(&response) {
        Ok(v) => Bytes::from(v),
        Err(e) => {
            tracing::error!(error = %e, "serialising a GraphQL response");
            return refused(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                "the response could not be written".into(),
            );
        }
    };
    if ok && cacheable {
        state.responses.insert(version, bytes, out.clone());
    }
    json_body(out)
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
    (
        [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, "public, max-age=86400")],
        Body::from(body),
    )
        .into_response()
}
