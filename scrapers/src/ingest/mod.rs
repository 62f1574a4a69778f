//! Ingestion: parsed records resolved against what the database already holds and written in one
//! transaction per dataset, idempotently (a second run over the same file changes nothing), with
//! the run, its counts and its rejected rows recorded.

pub mod award_winners;
mod bulk;
pub mod cannes_competition;
mod careers;
pub mod cnc_films;
mod country_names;
pub mod coverage;
mod credits;
pub mod curated_awards;
pub mod curated_lineups;
pub mod curation;
pub(crate) mod dataset;
mod edition_lookup;
pub mod face_predictions;
pub mod festival_nominations;
mod film_match;
pub mod gender_inference;
pub mod headline;
pub(crate) mod lookup;
pub mod merges;
pub mod name_eval;
pub mod oscars;
pub mod pending_credits;
pub mod people_index;
pub mod progress;
mod regions;
pub mod resolve;
pub mod review;
pub mod run;
pub mod source_file;

use std::path::{Path, PathBuf};

use sea_orm::DatabaseConnection;

pub use progress::{Progress, Silent};
pub use run::{IngestReport, RowCounts};

/// Why a dataset could not be ingested. Nothing of it is written when this happens.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read or is not the expected format.
    #[error("cannot read {path}: {reason}")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A reference row the dataset relies on is missing (the migrations seed it).
    #[error("missing reference row: {0} (run `egalite migrate`)")]
    MissingReference(&'static str),
    /// The database refused a write.
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// No dataset has this name.
    #[error("unknown dataset {0:?}: expected one of {list}", list = DATASETS.join(", "))]
    UnknownDataset(String),
}

/// The bundled datasets, in the order they are ingested.
pub const DATASETS: &[&str] = &[
    cannes_competition::NAME,
    oscars::NAME,
    festival_nominations::NAME,
    award_winners::NAME,
    cnc_films::NAME,
    curated_lineups::NAME,
    curated_awards::NAME,
    face_predictions::POSTERS,
    face_predictions::TRAILERS,
    merges::NAME,
    curation::NAME,
    gender_inference::NAME,
];

/// Ingests one bundled dataset from `data_dir`.
pub async fn ingest_dataset(
    db: &DatabaseConnection,
    data_dir: &Path,
    name: &str,
) -> Result<IngestReport, IngestError> {
    ingest_dataset_with_progress(db, data_dir, name, &Silent).await
}

/// How ingestion decides what the data leaves open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Gender inferred from a first name is written only when its probability reaches this.
    pub gender_threshold: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self { gender_threshold: gender_inference::DEFAULT_THRESHOLD }
    }
}

/// Ingests one bundled dataset from `data_dir`, reporting to `progress`.
pub async fn ingest_dataset_with_progress(
    db: &DatabaseConnection,
    data_dir: &Path,
    name: &str,
    progress: &dyn Progress,
) -> Result<IngestReport, IngestError> {
    ingest_with(db, data_dir, name, Settings::default(), progress).await
}

/// Ingests one bundled dataset from `data_dir` with `settings`, reporting to `progress`.
pub async fn ingest_with(
    db: &DatabaseConnection,
    data_dir: &Path,
    name: &str,
    settings: Settings,
    progress: &dyn Progress,
) -> Result<IngestReport, IngestError> {
    match name {
        cannes_competition::NAME => {
            dataset::ingest::<cannes_competition::CannesCompetition>(db, data_dir, progress).await
        }
        oscars::NAME => dataset::ingest::<oscars::Oscars>(db, data_dir, progress).await,
        festival_nominations::NAME => {
            dataset::ingest::<festival_nominations::FestivalNominations>(db, data_dir, progress)
                .await
        }
        cnc_films::NAME => dataset::ingest::<cnc_films::CncFilms>(db, data_dir, progress).await,
        curation::NAME => dataset::ingest::<curation::Curation>(db, data_dir, progress).await,
        curated_lineups::NAME => {
            dataset::ingest::<curated_lineups::CuratedLineups>(db, data_dir, progress).await
        }
        curated_awards::NAME => {
            dataset::ingest::<curated_awards::CuratedAwards>(db, data_dir, progress).await
        }
        merges::NAME => merges::resolve_people(db, data_dir, progress).await,
        gender_inference::NAME => {
            gender_inference::infer_genders(db, data_dir, settings.gender_threshold, progress).await
        }
        face_predictions::POSTERS => {
            dataset::ingest::<face_predictions::PosterPredictions>(db, data_dir, progress).await
        }
        face_predictions::TRAILERS => {
            dataset::ingest::<face_predictions::TrailerPredictions>(db, data_dir, progress).await
        }
        award_winners::NAME => {
            dataset::ingest::<award_winners::AwardWinners>(db, data_dir, progress).await
        }
        other => Err(IngestError::UnknownDataset(other.to_owned())),
    }
}
