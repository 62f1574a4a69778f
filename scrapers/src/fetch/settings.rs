//! How politely and how patiently the fetcher works.

use std::time::Duration;

/// The fetcher's settings; the defaults are the polite ones.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    /// Sent with every request; names the project and a contact address.
    pub user_agent: String,
    /// The shortest gap between two requests to one host (robots.txt's Crawl-delay can lengthen it).
    pub per_host_interval: Duration,
    /// The longest a whole request may take, body included.
    pub timeout: Duration,
    /// The longest a connection may take to open.
    pub connect_timeout: Duration,
    /// Bodies longer than this are dropped.
    pub max_body_bytes: u64,
    /// Attempts per URL, the first included.
    pub max_attempts: u32,
    /// The pause before the second attempt; it doubles with each further one.
    pub backoff_base: Duration,
    /// The longest pause between attempts, and the longest `Retry-After` the fetcher will wait.
    pub backoff_max: Duration,
    /// The `Accept` header, when the source serves several formats.
    pub accept: Option<String>,
}

/// The User-Agent sent when none is configured.
pub const DEFAULT_USER_AGENT: &str =
    "EgaliteBot/0.1 (+https://github.com/egalite-cinema/egalite; contact: data@egalite-cinema.org)";

/// The token robots.txt groups are matched against.
pub const ROBOTS_TOKEN: &str = "EgaliteBot";

impl Default for FetchSettings {
    fn default() -> Self {
        Self {
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            per_host_interval: Duration::from_secs(1),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_body_bytes: 20 * 1024 * 1024,
            max_attempts: 4,
            backoff_base: Duration::from_secs(1),
            backoff_max: Duration::from_secs(60),
            accept: None,
        }
    }
}
