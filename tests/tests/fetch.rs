//! The fetcher against a local origin that misbehaves on purpose: robots.txt, the rate limit,
//! 429 with Retry-After, 503 then 200, ETag and 304, timeouts, cut and oversized bodies, hosts
//! no source named. Every request, made or refused, is kept as an attempt.

use std::time::Duration;

use egalite_scrapers::fetch::{AllowList, Attempt, FetchSettings, Fetcher, Validators};
use egalite_shared::FetchOutcome;
use egalite_tests::origin::{Behaviour, Origin, page};

const INTERVAL: Duration = Duration::from_millis(150);

fn settings() -> FetchSettings {
    FetchSettings {
        per_host_interval: INTERVAL,
        timeout: Duration::from_millis(600),
        connect_timeout: Duration::from_millis(600),
        max_body_bytes: 256 * 1024,
        max_attempts: 3,
        backoff_base: Duration::from_millis(50),
        backoff_max: Duration::from_secs(3),
        ..FetchSettings::default()
    }
}

async fn origin() -> Origin {
    let origin = Origin::start().await;
    origin.route("/robots.txt", page("text/plain", "User-agent: *\nDisallow: /private/\n"));
    origin
}

fn fetcher(origin: &Origin) -> Fetcher {
    Fetcher::new(settings(), AllowList::of([&origin.url("/")])).expect("fetcher")
}

fn outcomes(attempts: &[Attempt], path: &str) -> Vec<FetchOutcome> {
    attempts.iter().filter(|a| a.url.ends_with(path)).map(|a| a.outcome).collect()
}

#[tokio::test]
async fn robots_txt_is_read_once_and_a_disallowed_path_is_never_requested() {
    let origin = origin().await;
    origin.route("/private/page", page("text/html", "secret"));
    origin.route("/open", page("text/html", "open"));
    let f = fetcher(&origin);
    let refused = f.fetch(&origin.url("/private/page"), None).await.unwrap_err();
    assert_eq!(refused.outcome, FetchOutcome::Disallowed);
    assert!(refused.to_string().contains("/private/page"), "{refused}");
    assert_eq!(f.fetch(&origin.url("/open"), None).await.unwrap().body, b"open");
    assert_eq!(origin.hits("/private/page"), 0);
    assert_eq!(origin.hits("/robots.txt"), 1);
    let attempts = f.take_attempts();
    assert_eq!(outcomes(&attempts, "/private/page"), [FetchOutcome::Disallowed]);
    assert_eq!(outcomes(&attempts, "/open"), [FetchOutcome::Fetched]);
    let ua = &origin.received()[0].headers["user-agent"];
    assert!(ua.contains("EgaliteBot") && ua.contains("contact"), "{ua}");
}

#[tokio::test]
async fn a_missing_robots_txt_allows_everything_and_an_unavailable_one_forbids_everything() {
    let missing = Origin::start().await;
    missing.route("/page", page("text/html", "ok"));
    assert!(fetcher(&missing).fetch(&missing.url("/page"), None).await.is_ok());

    let down = Origin::start().await;
    down.route("/robots.txt", Behaviour::Status(503));
    down.route("/page", page("text/html", "ok"));
    let f = fetcher(&down);
    let e = f.fetch(&down.url("/page"), None).await.unwrap_err();
    assert_eq!(e.outcome, FetchOutcome::Disallowed);
    assert!(e.reason.contains("robots.txt unavailable"), "{e}");
    assert_eq!(down.hits("/page"), 0);
    assert_eq!(down.hits("/robots.txt"), 3, "robots.txt is retried like any page");
}

#[tokio::test]
async fn a_429_waits_for_its_retry_after_then_succeeds() {
    let origin = origin().await;
    origin.route(
        "/limited",
        Behaviour::TooManyThenPage {
            times: 1,
            retry_after: 1,
            then: Box::new(page("text/html", "finally")),
        },
    );
    let f = fetcher(&origin);
    assert_eq!(f.fetch(&origin.url("/limited"), None).await.unwrap().body, b"finally");
    let times: Vec<_> =
        origin.received().into_iter().filter(|r| r.path == "/limited").map(|r| r.at).collect();
    assert_eq!(times.len(), 2);
    assert!(times[1] - times[0] >= Duration::from_millis(990), "{:?}", times[1] - times[0]);
    let attempts = f.take_attempts();
    let limited: Vec<&Attempt> = attempts.iter().filter(|a| a.url.ends_with("/limited")).collect();
    assert_eq!(limited[0].outcome, FetchOutcome::Retried);
    assert_eq!(limited[0].http_status, Some(429));
    assert!(limited[0].detail.as_deref().unwrap_or("").contains("Retry-After: 1 s"));
    assert_eq!((limited[1].attempt, limited[1].outcome), (2, FetchOutcome::Fetched));
}

#[tokio::test]
async fn a_retry_after_longer_than_allowed_is_not_waited_for() {
    let origin = origin().await;
    origin.route(
        "/later",
        Behaviour::TooManyThenPage {
            times: 9,
            retry_after: 3600,
            then: Box::new(page("text/html", "x")),
        },
    );
    let f = fetcher(&origin);
    let e = f.fetch(&origin.url("/later"), None).await.unwrap_err();
    assert_eq!((e.outcome, e.status), (FetchOutcome::HttpError, Some(429)));
    assert!(e.reason.contains("3600 s"), "{e}");
    assert_eq!(origin.hits("/later"), 1);
}

#[tokio::test]
async fn a_503_is_retried_with_backoff_and_a_404_is_not() {
    let origin = origin().await;
    origin.route(
        "/flaky",
        Behaviour::UnavailableThenPage { times: 1, then: Box::new(page("text/html", "back")) },
    );
    let f = fetcher(&origin);
    assert_eq!(f.fetch(&origin.url("/flaky"), None).await.unwrap().body, b"back");
    let e = f.fetch(&origin.url("/gone"), None).await.unwrap_err();
    assert_eq!((e.outcome, e.status), (FetchOutcome::HttpError, Some(404)));
    assert_eq!(origin.hits("/gone"), 1);
    let attempts = f.take_attempts();
    assert_eq!(outcomes(&attempts, "/flaky"), [FetchOutcome::Retried, FetchOutcome::Fetched]);
    assert_eq!(outcomes(&attempts, "/gone"), [FetchOutcome::HttpError]);
}

#[tokio::test]
async fn an_unchanged_page_costs_a_304_when_its_validators_are_sent() {
    let origin = origin().await;
    origin.route("/etag", page("text/html", "same bytes"));
    let f = fetcher(&origin);
    let first = f.fetch(&origin.url("/etag"), None).await.unwrap();
    assert_eq!(first.status, 200);
    let validators = Validators {
        etag: first.header("etag").map(str::to_owned),
        last_modified: first.header("last-modified").map(str::to_owned),
    };
    let second = f.fetch(&origin.url("/etag"), Some(&validators)).await.unwrap();
    assert!(second.not_modified());
    assert!(second.body.is_empty());
    let sent = origin.received().into_iter().rfind(|r| r.path == "/etag").unwrap();
    assert_eq!(sent.headers.get("if-none-match"), validators.etag.as_ref());
    assert_eq!(sent.headers.get("if-modified-since"), validators.last_modified.as_ref());
    assert_eq!(
        outcomes(&f.take_attempts(), "/etag"),
        [FetchOutcome::Fetched, FetchOutcome::NotModified]
    );
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_fails_after_every_attempt() {
    let origin = origin().await;
    origin.route(
        "/slow",
        Behaviour::Slow {
            delay: Duration::from_secs(5),
            then: Box::new(page("text/html", "late")),
        },
    );
    let f = fetcher(&origin);
    let e = f.fetch(&origin.url("/slow"), None).await.unwrap_err();
    assert_eq!(e.outcome, FetchOutcome::Timeout);
    assert!(e.reason.contains("attempt 3 of 3"), "{e}");
    let attempts = f.take_attempts();
    assert_eq!(
        outcomes(&attempts, "/slow"),
        [FetchOutcome::Retried, FetchOutcome::Retried, FetchOutcome::Timeout]
    );
    for a in attempts.iter().filter(|a| a.url.ends_with("/slow")) {
        assert!(a.elapsed < Duration::from_secs(2), "{:?}", a.elapsed);
    }
}

#[tokio::test]
async fn a_body_cut_short_is_retried_then_reported_as_truncated() {
    let origin = origin().await;
    origin.route("/cut", Behaviour::Truncated { announced: 10_000, sent: 100 });
    let f = fetcher(&origin);
    let e = f.fetch(&origin.url("/cut"), None).await.unwrap_err();
    assert_eq!(e.outcome, FetchOutcome::Truncated);
    assert!(e.reason.contains("10000"), "{e}");
    assert_eq!(origin.hits("/cut"), 3);
}

#[tokio::test]
async fn a_body_over_the_maximum_is_dropped_whether_announced_or_not() {
    let origin = origin().await;
    origin.route("/huge", Behaviour::Huge { bytes: 4 * 1024 * 1024, announce: true });
    origin.route("/endless", Behaviour::Huge { bytes: 4 * 1024 * 1024, announce: false });
    let f = fetcher(&origin);
    for path in ["/huge", "/endless"] {
        let e = f.fetch(&origin.url(path), None).await.unwrap_err();
        assert_eq!(e.outcome, FetchOutcome::TooLarge, "{path}: {e}");
        assert!(e.reason.contains("262144"), "{e}");
        assert_eq!(origin.hits(path), 1, "{path} is not retried");
    }
}

#[tokio::test]
async fn no_request_goes_to_a_host_the_source_did_not_name_even_by_redirect() {
    let origin = origin().await;
    let elsewhere = Origin::start().await;
    elsewhere.route("/robots.txt", page("text/plain", ""));
    elsewhere.route("/target", page("text/html", "elsewhere"));
    origin.route("/hop", Behaviour::Redirect(elsewhere.url("/target").to_string()));
    let f = fetcher(&origin);
    let e = f.fetch(&elsewhere.url("/target"), None).await.unwrap_err();
    assert_eq!(e.outcome, FetchOutcome::HostNotAllowed);
    let e = f.fetch(&origin.url("/hop"), None).await.unwrap_err();
    assert_eq!(e.outcome, FetchOutcome::HostNotAllowed, "{e}");
    assert!(elsewhere.received().is_empty());
}

#[tokio::test]
async fn requests_to_one_host_are_never_closer_than_the_interval() {
    let origin = origin().await;
    for i in 0..6 {
        origin.route(&format!("/p{i}"), page("text/html", format!("page {i}")));
    }
    origin.route(
        "/flaky",
        Behaviour::UnavailableThenPage { times: 2, then: Box::new(page("text/html", "ok")) },
    );
    let f = fetcher(&origin);
    for i in 0..6 {
        f.fetch(&origin.url(&format!("/p{i}")), None).await.unwrap();
    }
    f.fetch(&origin.url("/flaky"), None).await.unwrap();
    let times: Vec<_> = origin.received().into_iter().map(|r| r.at).collect();
    assert_eq!(times.len(), 10, "robots.txt, six pages, three tries of /flaky");
    for pair in times.windows(2) {
        let gap = pair[1] - pair[0];
        // The server sees the request a little after it is sent; allow 10 ms of that.
        assert!(gap + Duration::from_millis(10) >= INTERVAL, "gap of {gap:?}");
    }
}
