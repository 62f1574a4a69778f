//! How a request of a collection run ended.

use crate::domain_enum;

domain_enum! {
    /// How one request of a scrape run ended.
    pub enum FetchOutcome {
        /// A payload was received and stored.
        Fetched => "fetched",
        /// The server said the stored payload is still current (304).
        NotModified => "not_modified",
        /// A timeout, 429 or 5xx that was tried again after a pause.
        Retried => "retried",
        /// robots.txt forbids the path.
        Disallowed => "disallowed",
        /// The host is not on the source's allow-list; nothing was sent.
        HostNotAllowed => "host_not_allowed",
        /// No answer within the timeout, on the last attempt.
        Timeout => "timeout",
        /// The body went past the maximum size and was dropped.
        TooLarge => "too_large",
        /// The connection closed before the body announced was complete.
        Truncated => "truncated",
        /// An HTTP error status that is not retried, or was on the last attempt.
        HttpError => "http_error",
        /// The connection failed.
        NetworkError => "network_error",
    }
}
