//! One request at a time per host, no closer together than the host's interval.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio::sync::Mutex;

/// Per-host rate limiters.
#[derive(Debug, Default)]
pub struct Pacing {
    hosts: Mutex<HashMap<String, Arc<DefaultDirectRateLimiter>>>,
}

fn limiter(interval: Duration) -> DefaultDirectRateLimiter {
    let quota = Quota::with_period(interval.max(Duration::from_millis(1)))
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::MIN);
    RateLimiter::direct(quota)
}

impl Pacing {
    /// Waits until `host` may be sent the next request, at least `interval` after the last.
    pub async fn wait(&self, host: &str, interval: Duration) {
        let limiter = {
            let mut hosts = self.hosts.lock().await;
            hosts.entry(host.to_owned()).or_insert_with(|| Arc::new(limiter(interval))).clone()
        };
        limiter.until_ready().await;
    }

    /// Sets a longer interval for `host` (robots.txt's Crawl-delay), keeping the pause already due.
    pub async fn slow_down(&self, host: &str, interval: Duration) {
        let new = limiter(interval);
        // The first request through a new limiter passes at once: spend it now, since a request to
        // this host has just been sent.
        let _ = new.check();
        self.hosts.lock().await.insert(host.to_owned(), Arc::new(new));
    }
}
