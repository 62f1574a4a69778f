//! What every bundled dataset's ingestion shares: read the file whole (an unreadable one writes
//! nothing), parse it, then in one transaction register the source, open the run, write each
//! record, record the rejected rows and close the run with its counts.

use std::path::Path;

use sea_orm::{DatabaseConnection, DatabaseTransaction, TransactionTrait};

use super::IngestError;
use super::progress::Progress;
use super::resolve::Change;
use super::run::{self, IngestReport, RowCounts};
use super::source_file::SourceFile;
use crate::datasets::{Parsed, RowError};

/// A dataset's parser and writer.
pub(crate) trait Dataset: Sized {
    /// One parsed row.
    type Record;
    /// The name `egalite ingest --dataset` takes.
    const NAME: &'static str;
    /// The parser's version, recorded with the run.
    const PARSER_VERSION: &'static str;

    /// The bundled file.
    fn source() -> SourceFile;

    /// Parses the file's bytes.
    fn parse(bytes: &[u8]) -> Result<Parsed<Self::Record>, csv::Error>;

    /// The record's line in the file.
    fn line(record: &Self::Record) -> u64;

    /// Loads what writing needs, once per run.
    async fn load(
        db: &DatabaseTransaction,
        source_id: i64,
        records: &[Self::Record],
    ) -> Result<Self, IngestError>;

    /// Writes every record and counts what each did.
    async fn write_all(
        &mut self,
        db: &DatabaseTransaction,
        records: &[Self::Record],
        progress: &dyn Progress,
    ) -> Result<Written, IngestError>;
}

/// A dataset written one record at a time.
pub(crate) trait RowByRow: Dataset {
    /// Why a parsed record cannot be written (a reference the database lacks), if it cannot.
    fn check(&self, _record: &Self::Record) -> Result<(), String> {
        Ok(())
    }

    /// Writes one record.
    async fn write(
        &mut self,
        db: &DatabaseTransaction,
        record: &Self::Record,
    ) -> Result<Change, IngestError>;
}

/// [`Dataset::write_all`] for a dataset written one record at a time.
pub(crate) async fn write_each<D: RowByRow>(
    dataset: &mut D,
    db: &DatabaseTransaction,
    records: &[D::Record],
    progress: &dyn Progress,
) -> Result<Written, IngestError> {
    let mut out = Written::default();
    for (i, record) in records.iter().enumerate() {
        if i % 256 == 0 {
            progress.advance(i as u64);
        }
        if let Err(reason) = dataset.check(record) {
            out.rejects.push(RowError { line: D::line(record), reason });
            continue;
        }
        out.count(dataset.write(db, record).await?);
    }
    Ok(out)
}

/// What writing the records did.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// Counts of inserted, updated, unchanged and skipped rows.
    pub counts: RowCounts,
    /// Records that could not be written, with the reason.
    pub rejects: Vec<RowError>,
}

impl Written {
    /// Counts one written row.
    pub fn count(&mut self, change: Change) {
        match change {
            Change::Inserted => self.counts.inserted += 1,
            Change::Updated => self.counts.updated += 1,
            Change::Unchanged => self.counts.unchanged += 1,
        }
    }
}

/// Ingests dataset `D` from `data_dir`, reporting to `progress`.
pub(crate) async fn ingest<D: Dataset>(
    db: &DatabaseConnection,
    data_dir: &Path,
    progress: &dyn Progress,
) -> Result<IngestReport, IngestError> {
    // Where the time goes, at debug level: reading, parsing, loading, writing, committing.
    let clock = std::time::Instant::now();
    let lap = |stage: &str| {
        tracing::debug!(
            dataset = D::NAME,
            stage,
            ms = clock.elapsed().as_millis() as u64,
            "ingest stage"
        );
    };
    let src = D::source();
    let file = src.load(data_dir)?;
    lap("read");
    let parsed = D::parse(&file.bytes)
        .map_err(|e| IngestError::Unreadable { path: file.path.clone(), reason: e.to_string() })?;
    lap("parsed");
    let txn = db.begin().await?;
    let source_row = src.register(&txn, &file).await?;
    let label = (D::NAME, D::PARSER_VERSION);
    let written =
        write_parsed::<D>(&txn, label, source_row.id, &file.sha256, parsed, progress).await?;
    lap("written");
    txn.commit().await?;
    lap("committed");
    let (run_id, counts, rejects) = (written.run_id, written.counts, written.rejects);
    for r in &rejects {
        tracing::warn!(file = %file.path.display(), line = r.line, reason = %r.reason, "row rejected");
    }
    Ok(IngestReport { dataset: D::NAME.to_owned(), run_id, counts })
}

/// What [`write_parsed`] did: its run, counts and rejected records.
#[derive(Debug)]
pub(crate) struct WrittenRun {
    /// The ingest run's id.
    pub run_id: i64,
    /// Its counts.
    pub counts: RowCounts,
    /// The records rejected by the parser or the writer, by line.
    pub rejects: Vec<RowError>,
}

/// Writes parsed records with dataset `D`'s writer from the source `source_id` (whose bytes hash
/// to `sha256`) inside `txn`: opens the run (named and versioned by `label`: the parser that made
/// the records), writes, records the rejected rows and closes the run. The caller commits.
pub(crate) async fn write_parsed<D: Dataset>(
    txn: &DatabaseTransaction,
    label: (&str, &str),
    source_id: i64,
    sha256: &str,
    parsed: Parsed<D::Record>,
    progress: &dyn Progress,
) -> Result<WrittenRun, IngestError> {
    let run_row = run::start(txn, label.0, source_id, sha256, label.1).await?;
    let mut writer = D::load(txn, source_id, &parsed.records).await?;
    progress.start(D::NAME, parsed.records.len() as u64);
    let written = writer.write_all(txn, &parsed.records, progress).await?;
    progress.advance(parsed.records.len() as u64);
    progress.finish();
    let mut counts = written.counts;
    counts.read = i64::try_from(parsed.records.len() + parsed.rejected.len()).unwrap_or(i64::MAX);
    let mut rejects = parsed.rejected;
    rejects.extend(written.rejects);
    rejects.sort_by_key(|r| r.line);
    counts.rejected = i64::try_from(rejects.len()).unwrap_or(i64::MAX);
    run::record_rejects(txn, run_row.id, &rejects).await?;
    let run_id = run_row.id;
    run::finish(txn, run_row, counts, None).await?;
    Ok(WrittenRun { run_id, counts, rejects })
}
