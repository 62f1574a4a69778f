//! `/healthz` (the process answers) and `/readyz` (and its database answers too).

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;

/// The process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// The database answers within two seconds.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, String) {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok".into()),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: database ping failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable".into())
        }
        Err(_) => {
            tracing::warn!("readiness: database ping timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database timed out".into())
        }
    }
}
