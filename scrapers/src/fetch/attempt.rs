//! What each request of a run did, kept for the run's record.

use std::time::Duration;

use chrono::{DateTime, Utc};
use egalite_shared::FetchOutcome;

/// One request and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The URL asked for.
    pub url: String,
    /// Which attempt at that URL, from 1.
    pub attempt: u32,
    /// When it was sent, or refused before sending.
    pub requested_at: DateTime<Utc>,
    /// How long it took.
    pub elapsed: Duration,
    /// The HTTP status, when one came back.
    pub http_status: Option<u16>,
    /// How it ended.
    pub outcome: FetchOutcome,
    /// What went wrong, or what the server asked.
    pub detail: Option<String>,
}
