//! The worker loop: claim a job, analyse its asset off the async runtime while renewing the
//! lease, then store the result and mark the job done in one transaction — or record the
//! failure, retried later or failed for good with a reason naming the asset.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use egalite_shared::entity::{analysis, face, job, poster, trailer};
use egalite_shared::{AnalysisKind, JobKind};
use sea_orm::{DbErr, EntityTrait, TransactionTrait};

use crate::assets::{AssetError, AssetStore};
use crate::geometry::BoundingBox;
use crate::matching;
use crate::pipeline::FacePipeline;
use crate::poster::PosterError;
use crate::queue::{FailureOutcome, JobQueue, QueueError};
use crate::results::{self, AnalysedAsset, AnalysisRows};
use crate::trailer::frames::VideoError;
use crate::trailer::{TrailerError, TrailerSettings};

/// The kinds of job this worker takes.
pub const ANALYSIS_JOBS: [JobKind; 2] = [JobKind::PosterAnalysis, JobKind::TrailerAnalysis];

/// Why a job failed.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The job names nothing this worker can find.
    #[error("{0}")]
    Target(String),
    /// The asset's file is missing or altered.
    #[error(transparent)]
    Asset(#[from] AssetError),
    /// The poster could not be analysed.
    #[error(transparent)]
    Poster(#[from] PosterError),
    /// The trailer could not be analysed.
    #[error(transparent)]
    Trailer(#[from] TrailerError),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] DbErr),
    /// The queue failed.
    #[error(transparent)]
    Queue(#[from] QueueError),
    /// The analysis thread stopped unexpectedly.
    #[error("the analysis thread stopped: {0}")]
    Thread(String),
}

impl JobError {
    /// Whether retrying cannot help: the input itself is bad.
    pub fn is_permanent(&self) -> bool {
        match self {
            JobError::Target(_) => true,
            JobError::Asset(AssetError::Io { source, .. }) => {
                source.kind() == std::io::ErrorKind::NotFound
            }
            JobError::Asset(_) => true,
            JobError::Poster(PosterError::Picture(_)) => true,
            JobError::Poster(PosterError::Model(_)) => false,
            JobError::Trailer(TrailerError::Video(VideoError::Tool { .. })) => false,
            JobError::Trailer(TrailerError::Video(_)) => true,
            JobError::Trailer(TrailerError::Model(_)) => false,
            JobError::Db(_) | JobError::Queue(_) | JobError::Thread(_) => false,
        }
    }
}

/// What became of a job.
#[derive(Debug, Clone, PartialEq)]
pub enum JobOutcome {
    /// Analysed and stored.
    Done {
        /// The analysis row.
        analysis_id: i64,
        /// Faces found (tracks, for a trailer).
        faces: usize,
    },
    /// Failed; queued again.
    Retry {
        /// Why.
        error: String,
    },
    /// Failed for good.
    Failed {
        /// Why.
        error: String,
    },
    /// Another worker took the job over; this one's work was dropped.
    LeaseLost,
}

/// One job handled.
#[derive(Debug, Clone, PartialEq)]
pub struct JobReport {
    /// The job.
    pub job_id: i64,
    /// Its target (`poster:12`).
    pub target: String,
    /// What became of it.
    pub outcome: JobOutcome,
}

/// A worker: the queue, the assets and the loaded models.
#[derive(Debug, Clone)]
pub struct Worker {
    queue: JobQueue,
    assets: AssetStore,
    pipeline: Arc<Mutex<FacePipeline>>,
    poll: Duration,
    trailer: TrailerSettings,
}

impl Worker {
    /// A worker over `queue`, reading `assets`, running `pipeline`; it looks for work every
    /// `poll` when the queue is empty.
    pub fn new(
        queue: JobQueue,
        assets: AssetStore,
        pipeline: FacePipeline,
        poll: Duration,
    ) -> Self {
        Worker {
            queue,
            assets,
            pipeline: Arc::new(Mutex::new(pipeline)),
            poll,
            trailer: TrailerSettings::default(),
        }
    }

    /// The same worker sampling trailers with `settings`.
    pub fn with_trailer_settings(mut self, settings: TrailerSettings) -> Self {
        self.trailer = settings;
        self
    }

    /// Runs jobs until `shutdown` completes, waiting `poll` whenever the queue is empty.
    pub async fn run(&self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        tracing::info!(worker = self.queue.worker(), "analysis worker started");
        loop {
            let next = tokio::select! {
                _ = &mut shutdown => break,
                next = self.run_once() => next,
            };
            let idle = match next {
                Ok(Some(_)) => false,
                Ok(None) => true,
                Err(e) => {
                    tracing::error!(error = %e, "analysis worker: the queue failed; trying again");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = &mut shutdown => break,
                    _ = tokio::time::sleep(self.poll) => {}
                }
            }
        }
        tracing::info!(worker = self.queue.worker(), "analysis worker stopped");
    }

    /// Takes one due job and handles it; `None` when there is none.
    pub async fn run_once(&self) -> Result<Option<JobReport>, QueueError> {
        let Some(job) = self.queue.claim(&ANALYSIS_JOBS).await? else { return Ok(None) };
        tracing::info!(job = job.id, target = %job.target, attempt = job.attempts, "analysing");
        let heartbeat = {
            let queue = self.queue.clone();
            let id = job.id;
            let every = (queue.lease() / 3).max(Duration::from_millis(100));
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(every).await;
                    match queue.heartbeat(id).await {
                        Ok(true) => {}
                        Ok(false) => break,
                        Err(e) => tracing::warn!(job = id, error = %e, "renewing the lease failed"),
                    }
                }
            })
        };
        let result = self.process(&job).await;
        heartbeat.abort();
        let outcome = match result {
            Ok(Some((analysis_id, faces))) => {
                tracing::info!(job = job.id, target = %job.target, analysis_id, faces, "analysed");
                JobOutcome::Done { analysis_id, faces }
            }
            Ok(None) => {
                tracing::warn!(job = job.id, "the lease ran out; another worker has the job");
                JobOutcome::LeaseLost
            }
            Err(e) => {
                let error = format!("{}: {e}", job.target);
                match self.queue.fail(&job, &error, e.is_permanent()).await? {
                    FailureOutcome::Retry(at) => {
                        tracing::warn!(job = job.id, %error, retry_at = %at, "analysis failed; will retry");
                        JobOutcome::Retry { error }
                    }
                    FailureOutcome::Failed => {
                        tracing::error!(job = job.id, %error, "analysis failed");
                        JobOutcome::Failed { error }
                    }
                    FailureOutcome::LeaseLost => JobOutcome::LeaseLost,
                }
            }
        };
        Ok(Some(JobReport { job_id: job.id, target: job.target, outcome }))
    }

    /// Analyses the job's asset and stores the result; `None` when the lease was lost.
    async fn process(&self, job: &job::Model) -> Result<Option<(i64, usize)>, JobError> {
        let (kind, id) = parse_target(&job.target)?;
        match kind {
            AnalysisKind::Poster => self.process_poster(job, id).await,
            AnalysisKind::Trailer => self.process_trailer(job, id).await,
        }
    }

    async fn process_poster(
        &self,
        job: &job::Model,
        id: i64,
    ) -> Result<Option<(i64, usize)>, JobError> {
        let db = self.queue.db();
        let poster = poster::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| JobError::Target(format!("poster {id} does not exist")))?;
        let sha = poster
            .sha256
            .clone()
            .ok_or_else(|| JobError::Target(format!("poster {id} has no file (no SHA-256)")))?;
        let started_at = Utc::now();
        let assets = self.assets.clone();
        let pipeline = Arc::clone(&self.pipeline);
        let name = format!("poster {id} (film {}, SHA-256 {sha})", poster.film_id);
        let (analysis, info) = tokio::task::spawn_blocking(move || {
            let bytes = assets.get(&sha)?;
            let mut pipeline = pipeline.lock().unwrap_or_else(|p| p.into_inner());
            let analysis = pipeline.analyse_poster(&bytes)?;
            Ok::<_, JobError>((analysis, pipeline.info.clone()))
        })
        .await
        .map_err(|e| JobError::Thread(e.to_string()))?
        .map_err(|e| match e {
            JobError::Poster(PosterError::Picture(p)) => JobError::Target(format!("{name}: {p}")),
            other => other,
        })?;
        let asset = AnalysedAsset {
            kind: AnalysisKind::Poster,
            film_id: poster.film_id,
            poster_id: Some(poster.id),
            trailer_id: None,
            sha256: poster.sha256.unwrap_or_default(),
        };
        let rows = AnalysisRows {
            started_at,
            figures: analysis.figures(),
            screen: Vec::new(),
            tracks: Vec::new(),
            faces: results::poster_faces(&analysis),
        };
        let txn = db.begin().await?;
        let analysis_id = results::replace_analysis(&txn, &asset, &info, &rows).await?;
        if !self.queue.finish(&txn, job.id).await? {
            txn.rollback().await?;
            return Ok(None);
        }
        txn.commit().await?;
        Ok(Some((analysis_id, rows.faces.len())))
    }
}

impl Worker {
    async fn process_trailer(
        &self,
        job: &job::Model,
        id: i64,
    ) -> Result<Option<(i64, usize)>, JobError> {
        let db = self.queue.db();
        let trailer = trailer::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| JobError::Target(format!("trailer {id} does not exist")))?;
        let sha = trailer
            .sha256
            .clone()
            .ok_or_else(|| JobError::Target(format!("trailer {id} has no file (no SHA-256)")))?;
        let started_at = Utc::now();
        let assets = self.assets.clone();
        let pipeline = Arc::clone(&self.pipeline);
        let settings = self.trailer;
        let name = format!("trailer {id} (film {}, SHA-256 {sha})", trailer.film_id);
        let checksum =
            self.pipeline.lock().unwrap_or_else(|p| p.into_inner()).info.checksum.clone();
        let posters = posters_to_match(db, trailer.film_id, &checksum).await?;
        let (analysis, info, matches) = tokio::task::spawn_blocking(move || {
            let path = assets.verified_path(&sha)?;
            let mut pipeline = pipeline.lock().unwrap_or_else(|p| p.into_inner());
            let analysis = pipeline.analyse_trailer(&path, &settings)?;
            let matches = match_posters(&mut pipeline, &assets, &posters, &analysis);
            Ok::<_, JobError>((analysis, pipeline.info.clone(), matches))
        })
        .await
        .map_err(|e| JobError::Thread(e.to_string()))?
        .map_err(|e| match e {
            e @ JobError::Trailer(TrailerError::Video(VideoError::Tool { .. })) => e,
            JobError::Trailer(TrailerError::Video(v)) => JobError::Target(format!("{name}: {v}")),
            other => other,
        })?;
        tracing::info!(
            job = job.id,
            frames = analysis.frames,
            tracks = analysis.tracks.len(),
            decode_ms = analysis.timing.decode.as_millis() as u64,
            detect_ms = analysis.timing.detect.as_millis() as u64,
            classify_ms = analysis.timing.classify.as_millis() as u64,
            "trailer analysed"
        );
        let mut trailer_row: trailer::ActiveModel = trailer.clone().into();
        trailer_row.duration_seconds = sea_orm::Set(analysis.info.duration);
        trailer_row.width = sea_orm::Set(i32::try_from(analysis.info.width).ok());
        trailer_row.height = sea_orm::Set(i32::try_from(analysis.info.height).ok());
        let asset = AnalysedAsset {
            kind: AnalysisKind::Trailer,
            film_id: trailer.film_id,
            poster_id: None,
            trailer_id: Some(trailer.id),
            sha256: trailer.sha256.unwrap_or_default(),
        };
        let (tracks, faces) = results::trailer_rows(&analysis);
        let rows = AnalysisRows {
            started_at,
            figures: analysis.figures(),
            screen: analysis.screen(),
            tracks,
            faces,
        };
        let txn = db.begin().await?;
        sea_orm::ActiveModelTrait::update(trailer_row, &txn).await?;
        let analysis_id = results::replace_analysis(&txn, &asset, &info, &rows).await?;
        results::link_poster_faces(&txn, analysis_id, &matches).await?;
        if !self.queue.finish(&txn, job.id).await? {
            txn.rollback().await?;
            return Ok(None);
        }
        txn.commit().await?;
        Ok(Some((analysis_id, rows.tracks.len())))
    }
}

/// The film's posters analysed by this pipeline: each file's SHA-256 and its faces (id, box
/// relative to the image).
async fn posters_to_match(
    db: &sea_orm::DatabaseConnection,
    film_id: i64,
    checksum: &str,
) -> Result<Vec<(String, Vec<(i64, BoundingBox)>)>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let analyses = analysis::Entity::find()
        .filter(analysis::Column::FilmId.eq(film_id))
        .filter(analysis::Column::Kind.eq(AnalysisKind::Poster))
        .filter(analysis::Column::ModelSha256.eq(checksum))
        .all(db)
        .await?;
    let mut out = Vec::new();
    for a in analyses {
        let faces = face::Entity::find().filter(face::Column::AnalysisId.eq(a.id)).all(db).await?;
        let boxes = faces
            .iter()
            .map(|f| {
                let (x, y, w, h) = (f.x as f32, f.y as f32, f.width as f32, f.height as f32);
                (f.id, BoundingBox { x0: x, y0: y, x1: x + w, y1: y + h })
            })
            .collect();
        out.push((a.asset_key, boxes));
    }
    Ok(out)
}

/// Poster faces matched to the trailer's tracks: (face id, track number). A poster that cannot
/// be read is skipped with a warning; matching is a help, not part of the trailer's result.
fn match_posters(
    pipeline: &mut FacePipeline,
    assets: &AssetStore,
    posters: &[(String, Vec<(i64, BoundingBox)>)],
    analysis: &crate::trailer::TrailerAnalysis,
) -> Vec<(i64, i32)> {
    let tracks: Vec<(i32, Vec<f32>)> =
        analysis.tracks.iter().map(|t| (t.no, t.descriptor.clone())).collect();
    let mut out = Vec::new();
    for (sha, faces) in posters {
        let boxes: Vec<BoundingBox> = faces.iter().map(|(_, b)| *b).collect();
        let described = assets
            .get(sha)
            .map_err(|e| e.to_string())
            .and_then(|bytes| pipeline.describe_faces(&bytes, &boxes).map_err(|e| e.to_string()));
        match described {
            Ok(descriptors) => {
                for ((face_id, _), m) in
                    faces.iter().zip(matching::match_faces(&descriptors, &tracks))
                {
                    if let Some((track_no, similarity)) = m {
                        tracing::debug!(
                            face_id,
                            track_no,
                            similarity,
                            "poster face matched to a trailer track"
                        );
                        out.push((*face_id, track_no));
                    }
                }
            }
            Err(e) => {
                tracing::warn!(poster = %sha, error = %e, "poster faces not matched to the trailer")
            }
        }
    }
    out
}

/// `poster:12` → (poster, 12).
fn parse_target(target: &str) -> Result<(AnalysisKind, i64), JobError> {
    let bad =
        || JobError::Target(format!("job target {target:?} is not poster:<id> or trailer:<id>"));
    let (kind, id) = target.split_once(':').ok_or_else(bad)?;
    let id: i64 = id.parse().map_err(|_| bad())?;
    match kind {
        "poster" => Ok((AnalysisKind::Poster, id)),
        "trailer" => Ok((AnalysisKind::Trailer, id)),
        _ => Err(bad()),
    }
}
