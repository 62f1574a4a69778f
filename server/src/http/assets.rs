//! `GET /assets/posters/{id}`: a poster image kept in the asset store, for the site's gallery
//! with face boxes.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use egalite_shared::entity::poster;
use sea_orm::EntityTrait;

use crate::app::AppState;

/// The poster's bytes with their type; 404 for an unknown poster or one whose file is not here.
pub async fn poster(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let not_found = |why: String| (StatusCode::NOT_FOUND, why).into_response();
    let Ok(id) = id.parse::<i64>() else {
        return (StatusCode::BAD_REQUEST, format!("poster id {id:?} is not a number"))
            .into_response();
    };
    let Some(assets) = state.assets.clone() else {
        return not_found("this server keeps no poster files".to_owned());
    };
    let row = match poster::Entity::find_by_id(id).one(&state.db).await {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(format!("no poster {id}")),
        Err(e) => {
            tracing::error!(error = %e, poster = id, "reading a poster row");
            return (StatusCode::INTERNAL_SERVER_ERROR, "the database failed").into_response();
        }
    };
    let Some(sha) = row.sha256 else { return not_found(format!("poster {id} has no file")) };
    let bytes = match tokio::task::spawn_blocking(move || assets.get(&sha)).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, poster = id, "poster file unavailable");
            return not_found(format!("the file of poster {id} is not kept here"));
        }
        Err(_) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, "reading the file failed").into_response();
        }
    };
    let content_type = match image::guess_format(&bytes) {
        Ok(image::ImageFormat::Png) => "image/png",
        Ok(image::ImageFormat::Jpeg) => "image/jpeg",
        Ok(image::ImageFormat::WebP) => "image/webp",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            // Named by content: the bytes behind an id never change.
            (header::CACHE_CONTROL, "public, max-age=86400"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        bytes,
    )
        .into_response()
}
