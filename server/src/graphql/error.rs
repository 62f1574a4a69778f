//! Errors the API returns: a stable `code` extension the site can translate, a message for people,
//! and internals kept in the log.

use async_graphql::{Error, ErrorExtensions};

/// The input names something malformed (an id, a filter); the message says what.
pub fn bad_input(message: impl Into<String>) -> Error {
    Error::new(message.into()).extend_with(|_, e| e.set("code", "BAD_USER_INPUT"))
}

/// Something failed inside the server; the details go to the log, not to the client.
pub fn internal(context: &str, err: impl std::fmt::Display) -> Error {
    tracing::error!(error = %err, "{context}");
    Error::new("internal error; the server log has the details")
        .extend_with(|_, e| e.set("code", "INTERNAL"))
}

/// Gives every error of a response a `code` extension: errors raised before execution (a query
/// that does not parse, names an unknown field, or passes the depth or complexity limits) are
/// `GRAPHQL_VALIDATION_FAILED` (`DEPTH_LIMIT` and `COMPLEXITY_LIMIT` for the limits); an error during execution that carries none (an argument that
/// does not coerce) is `BAD_USER_INPUT`.
pub fn with_codes(mut response: async_graphql::Response) -> async_graphql::Response {
    for e in &mut response.errors {
        let ext = e.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            let code = if let Some(limit) = super::limits::code_of_validation_message(&e.message) {
                limit
            } else if e.path.is_empty() {
                "GRAPHQL_VALIDATION_FAILED"
            } else {
                "BAD_USER_INPUT"
            };
            ext.set("code", code);
        }
    }
    response
}
