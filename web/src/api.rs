//! The site's only way to the data: POST /graphql.

use gloo_net::http::Request;
use serde_json::{Value, json};

/// A request that failed, with what the server or the network said.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ApiError(pub String);

/// Runs `query` with `variables` and returns its `data`, or the first error's message.
pub async fn query(query: &str, variables: Value) -> Result<Value, ApiError> {
    let body = json!({ "query": query, "variables": variables });
    let response = Request::post("/graphql")
        .json(&body)
        .map_err(|e| ApiError(format!("request: {e}")))?
        .send()
        .await
        .map_err(|e| ApiError(format!("network: {e}")))?;
    let mut v: Value =
        response.json().await.map_err(|e| ApiError(format!("answer is not JSON: {e}")))?;
    if let Some(e) = v["errors"].get(0) {
        let code = e["extensions"]["code"].as_str().unwrap_or("");
        return Err(ApiError(format!("{} ({code})", e["message"].as_str().unwrap_or("error"))));
    }
    Ok(v["data"].take())
}
