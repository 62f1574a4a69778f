//! The analysis job queue in the database: enqueue, claim with a lease (on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`, so any number of workers share it), heartbeat, finish, and retry
//! with exponential backoff until the job's last attempt.

use std::time::Duration;

use chrono::{DateTime, Utc};
use egalite_shared::entity::job;
use egalite_shared::{JobKind, JobStatus};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, Set, Statement,
};

/// Attempts a job gets by default.
pub const DEFAULT_MAX_ATTEMPTS: i32 = 5;
/// The first retry waits this long; each next one twice as long.
const BACKOFF_BASE: Duration = Duration::from_secs(30);
/// No retry waits longer.
const BACKOFF_CAP: Duration = Duration::from_secs(3600);

/// A queue failure, naming what was being done.
#[derive(Debug, thiserror::Error)]
#[error("job queue: {doing}: {source}")]
pub struct QueueError {
    doing: String,
    source: DbErr,
}

fn ctx(doing: impl Into<String>) -> impl FnOnce(DbErr) -> QueueError {
    let doing = doing.into();
    move |source| QueueError { doing, source }
}

/// What became of a job that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    /// Queued again, to run after the given time.
    Retry(DateTime<Utc>),
    /// Failed for good.
    Failed,
    /// Another worker holds it now (our lease ran out): nothing was changed.
    LeaseLost,
}

/// Queues a job; a job already queued or running for the same kind and target is returned as it
/// is, and one that finished or failed is queued again from its first attempt (one row per
/// kind and target).
pub async fn enqueue(
    db: &DatabaseConnection,
    kind: JobKind,
    target: &str,
    payload: serde_json::Value,
    max_attempts: i32,
) -> Result<job::Model, QueueError> {
    let existing = job::Entity::find()
        .filter(job::Column::Kind.eq(kind))
        .filter(job::Column::Target.eq(target))
        .one(db)
        .await
        .map_err(ctx(format!("looking for a {kind} job on {target}")))?;
    let now = Utc::now();
    match existing {
        Some(job) if matches!(job.status, JobStatus::Queued | JobStatus::Running) => Ok(job),
        Some(job) => {
            let mut again: job::ActiveModel = job.into();
            again.payload = Set(Some(payload));
            again.status = Set(JobStatus::Queued);
            again.attempts = Set(0);
            again.max_attempts = Set(max_attempts.max(1));
            again.last_error = Set(None);
            again.run_after = Set(now);
            again.locked_by = Set(None);
            again.locked_at = Set(None);
            again.finished_at = Set(None);
            again.updated_at = Set(now);
            again
                .update(db)
                .await
                .map_err(ctx(format!("queueing the {kind} job on {target} again")))
        }
        None => job::ActiveModel {
            kind: Set(kind),
            target: Set(target.to_owned()),
            payload: Set(Some(payload)),
            status: Set(JobStatus::Queued),
            priority: Set(0),
            attempts: Set(0),
            max_attempts: Set(max_attempts.max(1)),
            run_after: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await
        .map_err(ctx(format!("queueing a {kind} job on {target}"))),
    }
}

/// A worker's handle on the queue.
#[derive(Debug, Clone)]
pub struct JobQueue {
    db: DatabaseConnection,
    worker: String,
    lease: Duration,
}

impl JobQueue {
    /// The queue as seen by `worker`, whose claims expire `lease` after their last heartbeat.
    pub fn new(db: DatabaseConnection, worker: impl Into<String>, lease: Duration) -> Self {
        JobQueue { db, worker: worker.into(), lease }
    }

    /// This worker's name.
    pub fn worker(&self) -> &str {
        &self.worker
    }

    /// The lease.
    pub fn lease(&self) -> Duration {
        self.lease
    }

    /// The database.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Takes the next due job of `kinds`: a queued one whose time has come, or a running one
    /// whose worker stopped renewing its lease. Jobs that lost their last attempt that way are
    /// failed first.
    pub async fn claim(&self, kinds: &[JobKind]) -> Result<Option<job::Model>, QueueError> {
        let now = Utc::now();
        let expired = now - chrono::Duration::from_std(self.lease).unwrap_or(chrono::Duration::MAX);
        let kinds_sql =
            kinds.iter().map(|k| format!("'{}'", k.as_str())).collect::<Vec<_>>().join(", ");
        if kinds_sql.is_empty() {
            return Ok(None);
        }
        let backend = self.db.get_database_backend();
        let p = |i: usize| placeholder(backend, i);
        // A job abandoned on its last attempt is not taken again.
        let give_up = format!(
            "UPDATE jobs SET status = 'failed', finished_at = {now_p}, updated_at = {now_p}, \
             last_error = COALESCE(last_error || '; ', '') || 'the worker holding the last attempt stopped' \
             WHERE kind IN ({kinds_sql}) AND status = 'running' AND locked_at < {exp_p} \
             AND attempts >= max_attempts",
            now_p = p(1),
            exp_p = p(2),
        );
        self.db
            .execute_raw(Statement::from_sql_and_values(
                backend,
                give_up,
                [now.into(), expired.into()],
            ))
            .await
            .map_err(ctx("failing abandoned jobs"))?;
        let lock =
            if backend == DatabaseBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE jobs SET status = 'running', locked_by = {worker_p}, locked_at = {now_p}, \
             attempts = attempts + 1, updated_at = {now_p} \
             WHERE id = (SELECT id FROM jobs WHERE kind IN ({kinds_sql}) AND \
             ((status = 'queued' AND run_after <= {now_p}) OR (status = 'running' AND locked_at < {exp_p})) \
             ORDER BY priority DESC, id LIMIT 1{lock}) \
             RETURNING id",
            worker_p = p(1),
            now_p = p(2),
            exp_p = p(3),
        );
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [self.worker.clone().into(), now.into(), expired.into()],
            ))
            .await
            .map_err(ctx("claiming a job"))?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.try_get("", "id").map_err(ctx("reading the claimed job's id"))?;
        job::Entity::find_by_id(id).one(&self.db).await.map_err(ctx(format!("reading job {id}")))
    }

    /// Renews the lease on job `id`; false when another worker has taken it.
    pub async fn heartbeat(&self, id: i64) -> Result<bool, QueueError> {
        let now = Utc::now();
        let res = job::Entity::update_many()
            .col_expr(job::Column::LockedAt, Expr::value(now))
            .col_expr(job::Column::UpdatedAt, Expr::value(now))
            .filter(job::Column::Id.eq(id))
            .filter(job::Column::Status.eq(JobStatus::Running))
            .filter(job::Column::LockedBy.eq(self.worker.as_str()))
            .exec(&self.db)
            .await
            .map_err(ctx(format!("renewing the lease on job {id}")))?;
        Ok(res.rows_affected == 1)
    }

    /// Marks job `id` done inside `txn`, with the results; false (and the caller rolls back)
    /// when the lease was lost.
    pub async fn finish<C: ConnectionTrait>(&self, txn: &C, id: i64) -> Result<bool, QueueError> {
        let now = Utc::now();
        let res = job::Entity::update_many()
            .col_expr(job::Column::Status, Expr::value(JobStatus::Done.as_str()))
            .col_expr(job::Column::FinishedAt, Expr::value(now))
            .col_expr(job::Column::UpdatedAt, Expr::value(now))
            .col_expr(job::Column::LastError, Expr::value(Option::<String>::None))
            .filter(job::Column::Id.eq(id))
            .filter(job::Column::Status.eq(JobStatus::Running))
            .filter(job::Column::LockedBy.eq(self.worker.as_str()))
            .exec(txn)
            .await
            .map_err(ctx(format!("finishing job {id}")))?;
        Ok(res.rows_affected == 1)
    }

    /// Records `error` on `job`: queued again after a backoff while attempts remain and the
    /// error may pass, failed otherwise.
    pub async fn fail(
        &self,
        job: &job::Model,
        error: &str,
        permanent: bool,
    ) -> Result<FailureOutcome, QueueError> {
        let now = Utc::now();
        let retry = !permanent && job.attempts < job.max_attempts;
        let run_after =
            now + chrono::Duration::from_std(backoff(job.id, job.attempts)).unwrap_or_default();
        let mut update = job::Entity::update_many()
            .col_expr(job::Column::LastError, Expr::value(error))
            .col_expr(job::Column::UpdatedAt, Expr::value(now))
            .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
            .col_expr(job::Column::LockedAt, Expr::value(Option::<DateTime<Utc>>::None));
        update = if retry {
            update
                .col_expr(job::Column::Status, Expr::value(JobStatus::Queued.as_str()))
                .col_expr(job::Column::RunAfter, Expr::value(run_after))
        } else {
            update
                .col_expr(job::Column::Status, Expr::value(JobStatus::Failed.as_str()))
                .col_expr(job::Column::FinishedAt, Expr::value(now))
        };
        let res = update
            .filter(job::Column::Id.eq(job.id))
            .filter(job::Column::Status.eq(JobStatus::Running))
            .filter(job::Column::LockedBy.eq(self.worker.as_str()))
            .exec(&self.db)
            .await
            .map_err(ctx(format!("recording the failure of job {}", job.id)))?;
        Ok(match (res.rows_affected, retry) {
            (0, _) => FailureOutcome::LeaseLost,
            (_, true) => FailureOutcome::Retry(run_after),
            (_, false) => FailureOutcome::Failed,
        })
    }
}

/// The wait before retry `attempt` (1 = after the first failure): 30 s doubling up to an hour,
/// plus up to a quarter more so that jobs failing together do not retry together.
pub fn backoff(job_id: i64, attempt: i32) -> Duration {
    let doublings = u32::try_from(attempt.saturating_sub(1)).unwrap_or(0).min(16);
    let base = BACKOFF_BASE.saturating_mul(1 << doublings).min(BACKOFF_CAP);
    // Deterministic jitter from the job and attempt: no shared random state is needed.
    let spread =
        (job_id.unsigned_abs().wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ attempt as u64) % 1000;
    base + base.mul_f64(spread as f64 / 4000.0)
}

fn placeholder(backend: DatabaseBackend, i: usize) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("${i}"),
        _ => format!("?{i}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_with_at_most_a_quarter_of_jitter_and_caps_at_an_hour() {
        for attempt in 1..=4 {
            let base = 30u64 << (attempt - 1);
            let wait = backoff(7, attempt).as_secs_f64();
            assert!(wait >= base as f64 && wait <= base as f64 * 1.25, "{attempt}: {wait}");
        }
        assert!(backoff(7, 30).as_secs_f64() <= 3600.0 * 1.25);
        assert_ne!(backoff(1, 1), backoff(2, 1));
    }
}
