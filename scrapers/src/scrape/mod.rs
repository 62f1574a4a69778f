//! `egalite scrape`: plan a source's pages, fetch each politely into the raw store (or, offline,
//! take the stored snapshot), parse it and write its records through the same resolution and
//! idempotent ingestion as the bundled data. A page that cannot be fetched or parsed is reported
//! and the run goes on; nothing already ingested is touched by a failure. The run and each of its
//! requests are recorded (`scrape_runs`, `scrape_fetches`).

mod imdb_events;
mod oscars_check;
mod plan;
mod source;
mod wikidata_films;
mod wikidata_people;
mod years;

pub use plan::{PageKind, PlannedPage, plan};
pub use source::{IMDB_EVENTS, ScrapeSource, UnknownSource};
pub use years::{YearRange, YearRangeError};

use std::path::Path;

use chrono::Utc;
use egalite_shared::entity::{raw_snapshot, scrape_fetch, scrape_run};
use egalite_shared::{FetchOutcome, RunStatus};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbErr, Set, TransactionTrait};
use url::Url;

use crate::fetch::{AllowList, Attempt, FetchSettings, Fetcher};
use crate::ingest::dataset::write_parsed;
use crate::ingest::festival_nominations::FestivalNominations;
use crate::ingest::{IngestError, Progress, RowCounts, Silent, run};
use crate::pages::{self, Snapshot};
use crate::snapshots::{SnapshotStore, validators};

/// What to scrape and how.
#[derive(Debug, Clone)]
pub struct ScrapeOptions {
    /// The source.
    pub source: ScrapeSource,
    /// The years to read.
    pub years: YearRange,
    /// Re-parse stored snapshots instead of fetching.
    pub offline: bool,
    /// Another origin to fetch the source's pages from (a mirror, or a test server).
    pub origin: Option<Url>,
    /// The fetcher's settings.
    pub fetch: FetchSettings,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScrapeReport {
    /// The `scrape_runs` row.
    pub run_id: i64,
    /// Pages planned.
    pub planned: usize,
    /// Pages received with a payload.
    pub fetched: usize,
    /// Pages the server said were unchanged.
    pub not_modified: usize,
    /// Pages that could not be fetched (or, offline, had no snapshot).
    pub failed: usize,
    /// Pages parsed and written.
    pub parsed: usize,
    /// Pages a parser refused.
    pub parse_failures: usize,
    /// Records the parsers produced.
    pub records: usize,
    /// Counts of what writing the records did, over every page.
    pub written: RowCounts,
    /// Every failure, one line each, naming the URL.
    pub failures: Vec<String>,
}

/// Why a run could not go on at all (a page's failure is not one: it is reported and skipped).
#[derive(Debug, thiserror::Error)]
pub enum ScrapeError {
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

/// Runs a scrape, reporting each page to `progress`.
pub async fn scrape(
    db: &DatabaseConnection,
    data_dir: &Path,
    options: &ScrapeOptions,
    progress: &dyn Progress,
) -> Result<ScrapeReport, ScrapeError> {
    let source = options.source;
    let run_row = scrape_run::ActiveModel {
        source: Set(source.name().to_owned()),
        offline: Set(options.offline),
        years: Set(Some(options.years.to_string())),
        status: Set(RunStatus::Running),
        started_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let origin = match &options.origin {
        Some(o) => o.clone(),
        None => Url::parse(source.origin()).map_err(|e| DbErr::Custom(e.to_string()))?,
    };
    let pages = plan(db, source, options.years, &origin).await?;
    let mut report =
        ScrapeReport { run_id: run_row.id, planned: pages.len(), ..Default::default() };
    let store = SnapshotStore::in_data_dir(data_dir);
    let fetcher = if options.offline {
        None
    } else {
        let mut settings = options.fetch.clone();
        if source == ScrapeSource::Wikidata {
            settings.accept = Some(pages::wikidata::ACCEPT.to_owned());
        }
        Some(Fetcher::new(settings, AllowList::of([&origin]))?)
    };
    tracing::info!(source = %source, years = %options.years, pages = pages.len(), offline = options.offline, "scrape started");
    progress.start(source.name(), pages.len() as u64);
    for (i, planned) in pages.iter().enumerate() {
        let url = &planned.url;
        let snapshot = match &fetcher {
            Some(fetcher) => fetch_page(db, fetcher, &store, source, url, &mut report).await?,
            None => {
                let stored = store.latest(db, url.as_str()).await?;
                if stored.is_none() {
                    report.failed += 1;
                    report.failures.push(format!(
                        "{url}: no stored snapshot to re-parse (run without --offline first)"
                    ));
                }
                stored
            }
        };
        if let Some(snapshot) = snapshot {
            match parse_and_write(db, &store, source, planned.kind, &snapshot).await? {
                Ok((records, counts)) => {
                    report.parsed += 1;
                    report.records += records;
                    add(&mut report.written, counts);
                }
                Err(failure) => {
                    report.parse_failures += 1;
                    tracing::warn!(%failure, "page not parsed");
                    report.failures.push(failure);
                }
            }
        }
        progress.advance(i as u64 + 1);
    }
    progress.finish();
    let failed_all = report.planned > 0 && report.parsed == 0;
    let mut am: scrape_run::ActiveModel = run_row.into();
    am.status = Set(if failed_all { RunStatus::Failed } else { RunStatus::Succeeded });
    am.finished_at = Set(Some(Utc::now()));
    am.pages_planned = Set(count(report.planned));
    am.pages_fetched = Set(count(report.fetched));
    am.pages_not_modified = Set(count(report.not_modified));
    am.pages_failed = Set(count(report.failed));
    am.pages_parsed = Set(count(report.parsed));
    am.parse_failures = Set(count(report.parse_failures));
    am.records = Set(count(report.records));
    am.error = Set(failed_all.then(|| report.failures.join("\n")).filter(|e| !e.is_empty()));
    am.update(db).await?;
    tracing::info!(
        source = %source,
        run = report.run_id,
        fetched = report.fetched,
        not_modified = report.not_modified,
        failed = report.failed,
        parsed = report.parsed,
        parse_failures = report.parse_failures,
        records = report.records,
        "scrape finished"
    );
    Ok(report)
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn add(total: &mut RowCounts, counts: RowCounts) {
    total.read += counts.read;
    total.inserted += counts.inserted;
    total.updated += counts.updated;
    total.unchanged += counts.unchanged;
    total.rejected += counts.rejected;
    total.skipped += counts.skipped;
}

/// Fetches one page into the store (conditionally when a payload of it is kept) and records the
/// requests it took; a failure is counted and reported, not returned.
async fn fetch_page(
    db: &DatabaseConnection,
    fetcher: &Fetcher,
    store: &SnapshotStore,
    source: ScrapeSource,
    url: &Url,
    report: &mut ScrapeReport,
) -> Result<Option<raw_snapshot::Model>, ScrapeError> {
    let previous = store.latest(db, url.as_str()).await?;
    let result = fetcher.fetch(url, previous.as_ref().map(validators).as_ref()).await;
    let kept = match result {
        Ok(response) => match store.keep(db, &response, source.provenance()).await {
            Ok(row) => {
                if response.not_modified() {
                    report.not_modified += 1;
                } else {
                    report.fetched += 1;
                }
                Some(row)
            }
            Err(e) => {
                report.failed += 1;
                report.failures.push(format!("{url}: cannot keep the payload: {e}"));
                None
            }
        },
        Err(e) => {
            report.failed += 1;
            report.failures.push(e.to_string());
            None
        }
    };
    record_attempts(db, report.run_id, fetcher.take_attempts(), kept.as_ref()).await?;
    Ok(kept)
}

/// Writes the requests of one page; the one that brought the payload points at its snapshot.
async fn record_attempts(
    db: &DatabaseConnection,
    run_id: i64,
    attempts: Vec<Attempt>,
    kept: Option<&raw_snapshot::Model>,
) -> Result<(), DbErr> {
    for a in attempts {
        let brought = matches!(a.outcome, FetchOutcome::Fetched | FetchOutcome::NotModified)
            && kept.is_some_and(|k| k.url == a.url);
        scrape_fetch::ActiveModel {
            run_id: Set(run_id),
            url: Set(a.url),
            attempt: Set(i32::try_from(a.attempt).unwrap_or(i32::MAX)),
            requested_at: Set(a.requested_at),
            elapsed_ms: Set(i64::try_from(a.elapsed.as_millis()).unwrap_or(i64::MAX)),
            http_status: Set(a.http_status.map(i32::from)),
            outcome: Set(a.outcome),
            snapshot_id: Set(if brought { kept.map(|k| k.id) } else { None }),
            detail: Set(a.detail),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Parses a snapshot and writes its records in one transaction. A page the parser refuses (or
/// whose payload is unreadable) is `Ok(Err(reason))`, recorded as a failed ingest run naming the
/// URL, the snapshot's SHA-256 and the parser's version, and nothing else is written.
async fn parse_and_write(
    db: &DatabaseConnection,
    store: &SnapshotStore,
    source: ScrapeSource,
    kind: PageKind,
    snapshot: &raw_snapshot::Model,
) -> Result<Result<(usize, RowCounts), String>, ScrapeError> {
    let parser = parser_of(kind);
    let Some(source_id) = snapshot.source_id else {
        return Ok(Err(format!(
            "{}: snapshot {} has no source row",
            snapshot.url, snapshot.sha256
        )));
    };
    let body = match store.read(snapshot) {
        Ok(b) => b,
        Err(e) => return Ok(Err(format!("{}: {e}", snapshot.url))),
    };
    // A mirror serves the source's pages under its own origin; parsers read addresses in the
    // source's own form.
    let canonical = canonical_url(source, &snapshot.url);
    let page = Snapshot { url: &canonical, sha256: &snapshot.sha256, body: &body };
    let mirrored = |e: pages::PageError| {
        if canonical == snapshot.url {
            e.to_string()
        } else {
            format!("{e} (fetched from {})", snapshot.url)
        }
    };
    let txn = db.begin().await?;
    let outcome = match kind {
        PageKind::ImdbEvent => match pages::imdb_event::parse(&page) {
            Ok(event) => {
                let parsed = imdb_events::records(&event);
                let n = parsed.records.len();
                let written = write_parsed::<FestivalNominations>(
                    &txn,
                    parser,
                    source_id,
                    &snapshot.sha256,
                    parsed,
                    &Silent,
                )
                .await
                .map_err(ingest_error)?;
                Ok((n, written.counts))
            }
            Err(e) => Err(mirrored(e)),
        },
        // The other pages are written by their own writers inside one recorded run.
        _ => {
            let run_row = run::start(&txn, parser.0, source_id, &snapshot.sha256, parser.1).await?;
            let written = match kind {
                PageKind::WikidataPeople => match pages::wikidata::parse_people(&page) {
                    Ok(people) => Ok(wikidata_people::write(&txn, source_id, &people).await?),
                    Err(e) => Err(mirrored(e)),
                },
                PageKind::WikidataFilms => match pages::wikidata::parse_films(&page) {
                    Ok(films) => Ok(wikidata_films::write(&txn, source_id, &films).await?),
                    Err(e) => Err(mirrored(e)),
                },
                _ => match pages::oscars_ceremony::parse(&page) {
                    Ok(ceremony) => Ok(oscars_check::check(&txn, source_id, &ceremony).await?),
                    Err(e) => Err(mirrored(e)),
                },
            };
            if let Ok(counts) = &written {
                run::finish(&txn, run_row, *counts, None).await?;
            }
            written.map(|counts| (usize::try_from(counts.read).unwrap_or(0), counts))
        }
    };
    match outcome {
        Ok(done) => {
            txn.commit().await?;
            Ok(Ok(done))
        }
        Err(reason) => {
            txn.rollback().await?;
            // The failure is kept apart from any write, so the parse that failed is on record.
            let txn = db.begin().await?;
            let run_row = run::start(&txn, parser.0, source_id, &snapshot.sha256, parser.1).await?;
            run::finish(&txn, run_row, RowCounts::default(), Some(reason.clone())).await?;
            txn.commit().await?;
            Ok(Err(reason))
        }
    }
}

/// `url` with the source's own origin in place of a mirror's.
fn canonical_url(source: ScrapeSource, url: &str) -> String {
    match (Url::parse(url), Url::parse(source.origin())) {
        (Ok(u), Ok(origin)) if u.origin() != origin.origin() => {
            let mut path = u.path().to_owned();
            if let Some(q) = u.query() {
                path.push('?');
                path.push_str(q);
            }
            origin.join(&path).map(|c| c.to_string()).unwrap_or_else(|_| url.to_owned())
        }
        _ => url.to_owned(),
    }
}

/// The run name and parser version recorded for a kind of page.
fn parser_of(kind: PageKind) -> (&'static str, &'static str) {
    match kind {
        PageKind::ImdbEvent => ("imdb_event", pages::imdb_event::PARSER_VERSION),
        PageKind::OscarsCeremony => ("oscars_ceremony", pages::oscars_ceremony::PARSER_VERSION),
        PageKind::WikidataPeople => ("wikidata_people", pages::wikidata::PEOPLE_PARSER_VERSION),
        PageKind::WikidataFilms => ("wikidata_films", pages::wikidata::FILMS_PARSER_VERSION),
    }
}

fn ingest_error(e: IngestError) -> ScrapeError {
    match e {
        IngestError::Database(e) => ScrapeError::Database(e),
        other => ScrapeError::Database(DbErr::Custom(other.to_string())),
    }
}
