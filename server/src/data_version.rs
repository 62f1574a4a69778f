//! What version of the data the database holds: it changes whenever an ingest run finishes, a
//! curator's change is logged, or an analysis or a model evaluation is stored, in this process or in any other writing
//! to the same database. Caches
//! keyed by it never serve figures computed from older data for longer than one poll interval.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};

const VERSION_SQL: &str = "SELECT \
    (SELECT COUNT(*) FROM ingest_runs WHERE finished_at IS NOT NULL) AS finished, \
    (SELECT COALESCE(MAX(id), 0) FROM ingest_runs) AS runs, \
    (SELECT COALESCE(MAX(id), 0) FROM audit_log) AS audits, \
    (SELECT COALESCE(MAX(id), 0) FROM analyses) AS analyses, \
    (SELECT COALESCE(MAX(id), 0) FROM model_evaluations) AS evaluations";

/// A fingerprint of the data's state, read from the database.
pub async fn read(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), VERSION_SQL))
        .await?
        .ok_or_else(|| DbErr::Custom("the data version query returned no row".into()))?;
    let finished: i64 = row.try_get("", "finished")?;
    let runs: i64 = row.try_get("", "runs")?;
    let audits: i64 = row.try_get("", "audits")?;
    // A re-run analysis replaces its row with a new id, so the largest id moves on every store.
    let analyses: i64 = row.try_get("", "analyses")?;
    let evaluations: i64 = row.try_get("", "evaluations")?;
    // Each part only grows, so the tuple identifies a state; fold it into one number.
    Ok([finished, runs, audits, analyses, evaluations]
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, &p| (h ^ p as u64).wrapping_mul(0x0100_0000_01b3)))
}

/// The latest data version seen, shared by the request handlers and refreshed in the background.
#[derive(Debug, Clone, Default)]
pub struct DataVersion(Arc<AtomicU64>);

impl DataVersion {
    /// The version last read.
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Reads the version now.
    pub async fn refresh(&self, db: &DatabaseConnection) -> Result<u64, DbErr> {
        let v = read(db).await?;
        self.0.store(v, Ordering::Release);
        Ok(v)
    }

    /// Re-reads the version every `every` for as long as the process runs.
    pub fn watch(&self, db: DatabaseConnection, every: Duration) {
        let this = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = this.refresh(&db).await {
                    tracing::warn!(error = %e, "reading the data version failed; caches keep the last one");
                }
            }
        });
    }
}
