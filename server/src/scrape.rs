//! `egalite scrape`: the command-line edge of the collection runs in `egalite-scrapers`.

use std::time::Duration;

use anyhow::{Context, bail};
use chrono::Datelike;
use egalite_scrapers::fetch::FetchSettings;
use egalite_scrapers::scrape::{self, ScrapeOptions, ScrapeSource, YearRange};

use crate::app::{connect, migrate};
use crate::config::{GlobalArgs, ScrapeArgs};

/// The fetcher's settings from the command line and environment.
fn fetch_settings(args: &ScrapeArgs) -> anyhow::Result<FetchSettings> {
    if !(args.timeout_seconds.is_finite() && args.timeout_seconds > 0.0) {
        bail!("--timeout-seconds {} is not a positive number of seconds", args.timeout_seconds);
    }
    if args.max_attempts == 0 {
        bail!("--max-attempts must be at least 1");
    }
    Ok(FetchSettings {
        user_agent: args.user_agent.clone(),
        per_host_interval: Duration::from_millis(args.interval_ms),
        timeout: Duration::from_secs_f64(args.timeout_seconds),
        max_body_bytes: args.max_body_bytes,
        max_attempts: args.max_attempts,
        backoff_base: Duration::from_millis(args.backoff_ms),
        backoff_max: Duration::from_secs(args.backoff_max_seconds),
        ..FetchSettings::default()
    })
}

/// Runs `egalite scrape`: fails (after writing everything that could be) when a page could not
/// be fetched or parsed, listing each.
pub async fn run_scrape(global: &GlobalArgs, args: &ScrapeArgs) -> anyhow::Result<()> {
    let source: ScrapeSource = args.source.parse()?;
    let years: YearRange = match &args.years {
        Some(y) => y.parse()?,
        None => {
            let this = chrono::Utc::now().year();
            YearRange { from: this, to: this }
        }
    };
    let options = ScrapeOptions {
        source,
        years,
        offline: args.offline,
        origin: args.origin.clone(),
        fetch: fetch_settings(args)?,
    };
    let db = connect(global).await?;
    migrate(&db).await?;
    std::fs::create_dir_all(&global.data_dir).with_context(|| {
        format!("cannot create the data directory {}", global.data_dir.display())
    })?;
    let progress = crate::progress::counting("pages");
    let report = scrape::scrape(&db, &global.data_dir, &options, progress.as_ref())
        .await
        .with_context(|| format!("scrape of {source} stopped"))?;
    println!(
        "{source} {years}: {} pages planned, {} fetched, {} unchanged (304), {} failed; {} parsed ({} records: {} inserted, {} updated, {} unchanged, {} skipped, {} rejected), {} parse failures; run {}",
        report.planned,
        report.fetched,
        report.not_modified,
        report.failed,
        report.parsed,
        report.records,
        report.written.inserted,
        report.written.updated,
        report.written.unchanged,
        report.written.skipped,
        report.written.rejected,
        report.parse_failures,
        report.run_id,
    );
    if !report.failures.is_empty() {
        bail!(
            "{} of {} pages failed:\n  {}",
            report.failures.len(),
            report.planned,
            report.failures.join("\n  ")
        );
    }
    Ok(())
}
