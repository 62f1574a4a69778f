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
