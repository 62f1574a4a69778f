//! Taking in a poster or trailer: keep the file in the asset store, record it against its film
//! (once per SHA-256) and queue its analysis.

use chrono::Utc;
use egalite_shared::JobKind;
use egalite_shared::entity::{film, job, poster, trailer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use crate::assets::{AssetError, AssetStore};
use crate::queue::{self, DEFAULT_MAX_ATTEMPTS, QueueError};

/// Poster or trailer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    /// A poster image.
    Poster,
    /// A trailer video.
    Trailer,
}

impl AssetKind {
    /// The job that analyses it.
    pub fn job_kind(self) -> JobKind {
        match self {
            AssetKind::Poster => JobKind::PosterAnalysis,
            AssetKind::Trailer => JobKind::TrailerAnalysis,
        }
    }

    /// `poster` or `trailer`, as job targets write it.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetKind::Poster => "poster",
            AssetKind::Trailer => "trailer",
        }
    }
}

/// Why an asset could not be taken in.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// No such film.
    #[error("no film with id {0}")]
    NoFilm(i64),
    /// The file is empty.
    #[error("{0} is empty")]
    Empty(String),
    /// The file is already recorded against another film.
    #[error("this file (SHA-256 {sha256}) is already the {kind} {id} of film {film_id}")]
    OtherFilm {
        /// Poster or trailer.
        kind: &'static str,
        /// Its row.
        id: i64,
        /// Its film.
        film_id: i64,
        /// The file's SHA-256.
        sha256: String,
    },
    /// Storing the file failed.
    #[error(transparent)]
    Asset(#[from] AssetError),
    /// The database failed.
    #[error("recording the asset: {0}")]
    Db(#[from] DbErr),
    /// Queueing failed.
    #[error(transparent)]
    Queue(#[from] QueueError),
}

/// What was taken in.
#[derive(Debug, Clone)]
pub struct Intake {
    /// The poster or trailer row's id.
    pub asset_id: i64,
    /// The file's SHA-256.
    pub sha256: String,
    /// The queued job (or the one already queued for it).
    pub job: job::Model,
}

/// Keeps `bytes` as a `kind` of film `film_id` (from `origin`, a path or URL) and queues its
/// analysis.
pub async fn take_in(
    db: &DatabaseConnection,
    assets: &AssetStore,
    kind: AssetKind,
    film_id: i64,
    bytes: &[u8],
    origin: &str,
) -> Result<Intake, IntakeError> {
    if bytes.is_empty() {
        return Err(IntakeError::Empty(origin.to_owned()));
    }
    if film::Entity::find_by_id(film_id).one(db).await?.is_none() {
        return Err(IntakeError::NoFilm(film_id));
    }
    let stored = assets.put(bytes)?;
    let sha = stored.sha256.clone();
    let other = |id, film| IntakeError::OtherFilm {
        kind: kind.as_str(),
        id,
        film_id: film,
        sha256: sha.clone(),
    };
    let asset_id = match kind {
        AssetKind::Poster => {
            match poster::Entity::find().filter(poster::Column::Sha256.eq(&sha)).one(db).await? {
                Some(p) if p.film_id != film_id => return Err(other(p.id, p.film_id)),
                Some(p) => p.id,
                None => {
                    let dims = image::ImageReader::new(std::io::Cursor::new(bytes))
                        .with_guessed_format()
                        .ok()
                        .and_then(|r| r.into_dimensions().ok());
                    poster::ActiveModel {
                        film_id: Set(film_id),
                        url: Set(Some(origin.to_owned())),
                        sha256: Set(Some(sha.clone())),
                        width: Set(dims.and_then(|d| i32::try_from(d.0).ok())),
                        height: Set(dims.and_then(|d| i32::try_from(d.1).ok())),
                        created_at: Set(Utc::now()),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?
                    .id
                }
            }
        }
        AssetKind::Trailer => {
            match trailer::Entity::find().filter(trailer::Column::Sha256.eq(&sha)).one(db).await? {
                Some(t) if t.film_id != film_id => return Err(other(t.id, t.film_id)),
                Some(t) => t.id,
                None => {
                    trailer::ActiveModel {
                        film_id: Set(film_id),
                        url: Set(Some(origin.to_owned())),
                        sha256: Set(Some(sha.clone())),
                        created_at: Set(Utc::now()),
                        ..Default::default()
                    }
                    .insert(db)
                    .await?
                    .id
                }
            }
        }
    };
    let target = format!("{}:{asset_id}", kind.as_str());
    let payload = serde_json::json!({ "film_id": film_id, "sha256": sha, "origin": origin });
    let job = queue::enqueue(db, kind.job_kind(), &target, payload, DEFAULT_MAX_ATTEMPTS).await?;
    Ok(Intake { asset_id, sha256: stored.sha256, job })
}
