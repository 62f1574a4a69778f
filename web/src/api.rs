//! The site's only way to the data: POST /graphql, through the browser's `fetch`.

use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A request that failed, with what the server or the network said.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ApiError(pub String);

fn js_error(what: &str, e: JsValue) -> ApiError {
    ApiError(format!("{what}: {}", e.as_string().unwrap_or_else(|| format!("{e:?}"))))
}

/// Runs `query` with `variables` and returns its `data`, or the first error's message.
pub async fn query(query: &str, variables: Value) -> Result<Value, ApiError> {
    let body = json!({ "query": query, "variables": variables }).to_string();
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(&body));
    let headers = web_sys::Headers::new().map_err(|e| js_error("headers", e))?;
    headers.set("content-type", "application/json").map_err(|e| js_error("headers", e))?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init("/graphql", &init)
        .map_err(|e| js_error("request", e))?;
    let window = web_sys::window().ok_or_else(|| ApiError("no window".into()))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|e| js_error("network", e))?
        .dyn_into()
        .map_err(|e| js_error("network", e))?;
    let text = JsFuture::from(response.text().map_err(|e| js_error("answer", e))?)
        .await
        .map_err(|e| js_error("answer", e))?
        .as_string()
        .unwrap_or_default();
    let mut v: Value =
        serde_json::from_str(&text).map_err(|e| ApiError(format!("answer is not JSON: {e}")))?;
    if let Some(e) = v["errors"].get(0) {
        let code = e["extensions"]["code"].as_str().unwrap_or("");
        return Err(ApiError(format!("{} ({code})", e["message"].as_str().unwrap_or("error"))));
    }
    Ok(v["data"].take())
}
