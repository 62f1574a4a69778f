//! The record of one ingest run: counts of rows read, inserted, updated, unchanged and rejected,
//! and every rejected row with its line and reason.

use chrono::Utc;
use egalite_shared::RunStatus;
use egalite_shared::entity::{ingest_reject, ingest_run};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::datasets::RowError;

/// What happened to the rows of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    /// Rows read from the file.
    pub read: i64,
    /// Rows that created something new.
    pub inserted: i64,
    /// Rows that changed something already there.
    pub updated: i64,
    /// Rows that changed nothing.
    pub unchanged: i64,
    /// Rows rejected.
    pub rejected: i64,
    /// Rows left out on purpose, because another dataset loads what they say.
    pub skipped: i64,
}

/// What `egalite ingest` reports for a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestReport {
    /// The dataset's name.
    pub dataset: String,
    /// The run's id in `ingest_runs`.
    pub run_id: i64,
    /// The row counts.
    pub counts: RowCounts,
}

/// Opens a run row in state `running`.
pub async fn start(
    db: &impl ConnectionTrait,
    dataset: &str,
    source_id: i64,
    file_sha256: &str,
    parser_version: &str,
) -> Result<ingest_run::Model, DbErr> {
    ingest_run::ActiveModel {
        dataset: Set(dataset.to_owned()),
        source_id: Set(Some(source_id)),
        file_sha256: Set(Some(file_sha256.to_owned())),
        parser_version: Set(parser_version.to_owned()),
        status: Set(RunStatus::Running),
        started_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Records the rejected rows of a run.
pub async fn record_rejects(
    db: &impl ConnectionTrait,
    run_id: i64,
    rejects: &[RowError],
) -> Result<(), DbErr> {
    if rejects.is_empty() {
        return Ok(());
    }
    let rows = rejects.iter().map(|r| ingest_reject::ActiveModel {
        run_id: Set(run_id),
        line: Set(i64::try_from(r.line).ok()),
        reason: Set(r.reason.clone()),
        raw: Set(None),
        ..Default::default()
    });
    super::bulk::insert_all(db, rows).await
}

/// Closes a run with its counts, or with the error that stopped it.
pub async fn finish(
    db: &impl ConnectionTrait,
    run: ingest_run::Model,
    counts: RowCounts,
    error: Option<String>,
) -> Result<(), DbErr> {
    let mut am: ingest_run::ActiveModel = run.into();
    am.status = Set(if error.is_some() { RunStatus::Failed } else { RunStatus::Succeeded });
    am.finished_at = Set(Some(Utc::now()));
    am.rows_read = Set(counts.read);
    am.rows_inserted = Set(counts.inserted);
    am.rows_updated = Set(counts.updated);
    am.rows_unchanged = Set(counts.unchanged);
    am.rows_rejected = Set(counts.rejected);
    am.rows_skipped = Set(counts.skipped);
    am.error = Set(error);
    am.update(db).await?;
    Ok(())
}
