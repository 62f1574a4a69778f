//! The polite fetcher: an allow-list of hosts, robots.txt, a per-host rate limit, retries with
//! exponential backoff and jitter on timeouts, 429 and 5xx (honouring `Retry-After`),
//! conditional requests, timeouts and a maximum body size. Every request it makes, or refuses
//! to make, is kept as an [`Attempt`] for the run's record.

mod allow_list;
mod attempt;
mod backoff;
mod pacing;
mod robots;
mod settings;

pub use allow_list::AllowList;
pub use attempt::Attempt;
pub use settings::{DEFAULT_USER_AGENT, FetchSettings, ROBOTS_TOKEN};

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::Utc;
use egalite_shared::FetchOutcome;
use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use url::Url;

use pacing::Pacing;
use robots::RobotsRules;

/// Why a URL could not be fetched; its attempts are recorded either way.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[error("cannot fetch {url}: {reason}")]
pub struct FetchError {
    /// The URL.
    pub url: String,
    /// How the last attempt ended.
    pub outcome: FetchOutcome,
    /// The last HTTP status, when one came back.
    pub status: Option<u16>,
    /// What went wrong.
    pub reason: String,
}

/// The validators of a stored payload, sent so that an unchanged page costs a 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// Its `ETag`.
    pub etag: Option<String>,
    /// Its `Last-Modified`.
    pub last_modified: Option<String>,
}

/// What came back for a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The URL asked for.
    pub url: String,
    /// Where it ended after redirects.
    pub final_url: String,
    /// The HTTP status (200, or 304 when the stored payload is current).
    pub status: u16,
    /// The headers that matter (content type, validators, caching, date, length).
    pub headers: Vec<(String, String)>,
    /// The body; empty on a 304.
    pub body: Vec<u8>,
}

impl Response {
    /// Whether the server said the stored payload is current.
    pub fn not_modified(&self) -> bool {
        self.status == StatusCode::NOT_MODIFIED.as_u16()
    }

    /// A header kept with the response, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

const KEPT_HEADERS: &[&str] = &[
    "content-type",
    "content-length",
    "etag",
    "last-modified",
    "cache-control",
    "date",
    "age",
    "expires",
];

/// The fetcher for one run.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    settings: FetchSettings,
    allow: AllowList,
    pacing: Pacing,
    robots: tokio::sync::Mutex<HashMap<(String, u16), Arc<RobotsRules>>>,
    attempts: Mutex<Vec<Attempt>>,
}

/// How one attempt ended.
enum Step {
    Done(Response),
    Retry { outcome: FetchOutcome, status: Option<u16>, detail: String, wait: Option<Duration> },
    Fail { outcome: FetchOutcome, status: Option<u16>, detail: String },
}

impl Fetcher {
    /// A fetcher that talks to the hosts on `allow` only.
    pub fn new(settings: FetchSettings, allow: AllowList) -> Result<Self, reqwest::Error> {
        let redirect_allow = allow.clone();
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .timeout(settings.timeout)
            .connect_timeout(settings.connect_timeout)
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= 5 {
                    attempt.error("more than 5 redirects")
                } else if !redirect_allow.allows(attempt.url()) {
                    let to = attempt.url().to_string();
                    attempt.error(format!("redirect to {to}, a host the source did not name"))
                } else {
                    attempt.follow()
                }
            }))
            .build()?;
        Ok(Self {
            client,
            settings,
            allow,
            pacing: Pacing::default(),
            robots: tokio::sync::Mutex::new(HashMap::new()),
            attempts: Mutex::new(Vec::new()),
        })
    }

    /// The settings it runs with.
    pub fn settings(&self) -> &FetchSettings {
        &self.settings
    }

    /// The attempts made since the last call, oldest first.
    pub fn take_attempts(&self) -> Vec<Attempt> {
        self.attempts.lock().map(|mut a| std::mem::take(&mut *a)).unwrap_or_default()
    }

    fn record(&self, attempt: Attempt) {
        if let Ok(mut all) = self.attempts.lock() {
            all.push(attempt);
        }
    }

    fn refuse(&self, url: &Url, outcome: FetchOutcome, reason: String) -> FetchError {
        self.record(Attempt {
            url: url.to_string(),
            attempt: 1,
            requested_at: Utc::now(),
            elapsed: Duration::ZERO,
            http_status: None,
            outcome,
            detail: Some(reason.clone()),
        });
        FetchError { url: url.to_string(), outcome, status: None, reason }
    }

    /// Fetches `url`, conditionally when `stored` holds the validators of a payload already kept.
    pub async fn fetch(
        &self,
        url: &Url,
        stored: Option<&Validators>,
    ) -> Result<Response, FetchError> {
        if !self.allow.allows(url) {
            let reason = format!("host not on the allow-list ({})", self.allow.hosts());
            return Err(self.refuse(url, FetchOutcome::HostNotAllowed, reason));
        }
        let rules = self.robots_for(url).await;
        if let Err(reason) = rules.check(url) {
            return Err(self.refuse(url, FetchOutcome::Disallowed, reason));
        }
        self.fetch_allowed(url, stored).await
    }

    async fn robots_for(&self, url: &Url) -> Arc<RobotsRules> {
        let Some(origin) = allow_list::origin_of(url) else {
            return Arc::new(RobotsRules::DisallowAll("no host".into()));
        };
        let mut cache = self.robots.lock().await;
        if let Some(rules) = cache.get(&origin) {
            return rules.clone();
        }
        let rules = match robots::robots_url(url) {
            None => RobotsRules::DisallowAll("no host".into()),
            Some(robots_url) => match self.fetch_allowed(&robots_url, None).await {
                Ok(r) => RobotsRules::parse(ROBOTS_TOKEN, &r.body),
                Err(e) if e.status.is_some_and(|s| (400..500).contains(&s) && s != 429) => {
                    RobotsRules::AllowAll
                }
                Err(e) => RobotsRules::DisallowAll(e.reason),
            },
        };
        if let Some(delay) = rules.crawl_delay() {
            let delay = Duration::from_secs_f32(delay).min(self.settings.backoff_max);
            if delay > self.settings.per_host_interval {
                self.pacing.slow_down(&origin.0, delay).await;
            }
        }
        let rules = Arc::new(rules);
        cache.insert(origin, rules.clone());
        rules
    }

    async fn fetch_allowed(
        &self,
        url: &Url,
        stored: Option<&Validators>,
    ) -> Result<Response, FetchError> {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let max = self.settings.max_attempts.max(1);
        let mut attempt = 1;
        loop {
            self.pacing.wait(&host, self.settings.per_host_interval).await;
            let requested_at = Utc::now();
            let started = Instant::now();
            let step = self.attempt(url, stored).await;
            let elapsed = started.elapsed();
            let record = |status, outcome, detail| {
                self.record(Attempt {
                    url: url.to_string(),
                    attempt,
                    requested_at,
                    elapsed,
                    http_status: status,
                    outcome,
                    detail,
                })
            };
            // The attempt that ends in failure is recorded with the reason the caller gets.
            let fail = |outcome, status, reason: String| {
                record(status, outcome, Some(reason.clone()));
                Err(FetchError { url: url.to_string(), outcome, status, reason })
            };
            match step {
                Step::Done(response) => {
                    let outcome = if response.not_modified() {
                        FetchOutcome::NotModified
                    } else {
                        FetchOutcome::Fetched
                    };
                    record(Some(response.status), outcome, None);
                    return Ok(response);
                }
                Step::Retry { outcome, status, detail, wait } if attempt < max => {
                    let backoff = backoff::delay(
                        self.settings.backoff_base,
                        self.settings.backoff_max,
                        attempt + 1,
                    );
                    let pause = wait.map_or(backoff, |w| w.max(backoff));
                    if pause > self.settings.backoff_max && wait.is_some() {
                        let detail = format!(
                            "{detail}; the server asks to wait {} s, more than the {} s allowed",
                            pause.as_secs(),
                            self.settings.backoff_max.as_secs()
                        );
                        return fail(outcome, status, detail);
                    }
                    record(
                        status,
                        FetchOutcome::Retried,
                        Some(format!("{detail}; retrying in {} ms", pause.as_millis())),
                    );
                    tracing::info!(%url, attempt, %detail, pause_ms = pause.as_millis() as u64, "retrying");
                    tokio::time::sleep(pause).await;
                    attempt += 1;
                }
                Step::Retry { outcome, status, detail, .. } => {
                    return fail(outcome, status, format!("{detail} (attempt {attempt} of {max})"));
                }
                Step::Fail { outcome, status, detail } => return fail(outcome, status, detail),
            }
        }
    }

    async fn attempt(&self, url: &Url, stored: Option<&Validators>) -> Step {
        let mut request = self.client.get(url.clone());
        if let Some(accept) = &self.settings.accept {
            request = request.header(header::ACCEPT, accept);
        }
        if let Some(v) = stored {
            if let Some(etag) = &v.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = &v.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, lm);
            }
        }
        let response = match request.send().await {
            Ok(r) => r,
            Err(e) => return send_error(&e),
        };
        let status = response.status();
        let code = Some(status.as_u16());
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            let wait = response
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| backoff::retry_after(v, SystemTime::now()));
            let detail = match wait {
                Some(w) => format!("HTTP {} (Retry-After: {} s)", status.as_u16(), w.as_secs()),
                None => format!("HTTP {}", status.as_u16()),
            };
            return Step::Retry { outcome: FetchOutcome::HttpError, status: code, detail, wait };
        }
        if status == StatusCode::NOT_MODIFIED && stored.is_some() {
            return Step::Done(Response {
                url: url.to_string(),
                final_url: response.url().to_string(),
                status: status.as_u16(),
                headers: kept_headers(response.headers()),
                body: Vec::new(),
            });
        }
        if !status.is_success() {
            return Step::Fail {
                outcome: FetchOutcome::HttpError,
                status: code,
                detail: format!("HTTP {}", status.as_u16()),
            };
        }
        let announced = response.content_length();
        let limit = self.settings.max_body_bytes;
        if announced.is_some_and(|n| n > limit) {
            return Step::Fail {
                outcome: FetchOutcome::TooLarge,
                status: code,
                detail: format!(
                    "body of {} bytes announced, more than the {limit} allowed",
                    announced.unwrap_or_default()
                ),
            };
        }
        let final_url = response.url().to_string();
        let headers = kept_headers(response.headers());
        let mut response = response;
        let mut body = Vec::with_capacity(announced.unwrap_or(0).min(limit) as usize);
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > limit {
                        return Step::Fail {
                            outcome: FetchOutcome::TooLarge,
                            status: code,
                            detail: format!("body longer than the {limit} bytes allowed"),
                        };
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => {
                    return Step::Retry {
                        outcome: FetchOutcome::Timeout,
                        status: code,
                        detail: format!(
                            "body not complete after {} s",
                            self.settings.timeout.as_secs_f32()
                        ),
                        wait: None,
                    };
                }
                Err(e) => {
                    let detail = match announced {
                        Some(n) => format!(
                            "connection closed after {} of the {n} bytes announced ({e})",
                            body.len()
                        ),
                        None => format!("connection closed after {} bytes ({e})", body.len()),
                    };
                    return Step::Retry {
                        outcome: FetchOutcome::Truncated,
                        status: code,
                        detail,
                        wait: None,
                    };
                }
            }
        }
        if let Some(n) = announced.filter(|n| *n != body.len() as u64) {
            return Step::Retry {
                outcome: FetchOutcome::Truncated,
                status: code,
                detail: format!("received {} of the {n} bytes announced", body.len()),
                wait: None,
            };
        }
        Step::Done(Response {
            url: url.to_string(),
            final_url,
            status: status.as_u16(),
            headers,
            body,
        })
    }
}

fn send_error(e: &reqwest::Error) -> Step {
    if e.is_redirect() {
        return Step::Fail {
            outcome: FetchOutcome::HostNotAllowed,
            status: None,
            detail: error_chain(e),
        };
    }
    if e.is_timeout() {
        return Step::Retry {
            outcome: FetchOutcome::Timeout,
            status: None,
            detail: "no answer within the timeout".into(),
            wait: None,
        };
    }
    Step::Retry {
        outcome: FetchOutcome::NetworkError,
        status: None,
        detail: error_chain(e),
        wait: None,
    }
}

/// The error with its causes, which reqwest keeps apart ("error sending request" alone says little).
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

fn kept_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    KEPT_HEADERS
        .iter()
        .filter_map(|name| {
            let value = headers.get(*name)?.to_str().ok()?;
            Some(((*name).to_owned(), value.to_owned()))
        })
        .collect()
}
