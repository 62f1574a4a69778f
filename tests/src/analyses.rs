//! What the inference worker's tests share: the workspace's paths, a bare film to attach assets
//! to, and a worker running the real models.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use egalite_models::assets::AssetStore;
use egalite_models::intake::{self, AssetKind, Intake};
use egalite_models::pipeline::{FacePipeline, PipelineSettings};
use egalite_models::queue::JobQueue;
use egalite_models::runtime;
use egalite_models::worker::Worker;
use egalite_shared::entity::film;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

use crate::video::Scene;

/// The workspace's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A test image kept in the project (`models/testimages/`).
pub fn test_image(name: &str) -> Vec<u8> {
    let path = root().join("models/testimages").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A film with a title and a year, nothing else.
pub async fn a_film(db: &DatabaseConnection, title: &str) -> i64 {
    let now = Utc::now();
    film::ActiveModel {
        title: Set(Some(title.to_owned())),
        year: Set(Some(2024)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap_or_else(|e| panic!("inserting film {title}: {e}"))
    .id
}

/// A worker named `name` on `db`, with the installed ONNX Runtime and the project's models,
/// reading assets under `data_dir`.
pub fn worker(db: &DatabaseConnection, data_dir: &Path, name: &str, lease: Duration) -> Worker {
    let rt = runtime::load(&runtime::library_path(&root())).unwrap_or_else(|e| panic!("{e}"));
    let pipeline =
        FacePipeline::load(&rt, &root().join("models/onnx"), PipelineSettings::default())
            .unwrap_or_else(|e| panic!("{e}"));
    Worker::new(
        JobQueue::new(db.clone(), name, lease),
        egalite_models::assets::store_in(data_dir),
        pipeline,
        Duration::from_millis(50),
    )
}

/// Builds a 512 × 512 trailer of `scenes` (a test image by name, or black, and its seconds) in
/// `dir` as `file`, and takes it in as film `film_id`'s trailer; returns what was queued and the
/// video's bytes.
pub async fn take_in_stills_trailer(
    db: &DatabaseConnection,
    assets: &AssetStore,
    dir: &Path,
    film_id: i64,
    scenes: &[(Option<&str>, f64)],
    file: &str,
) -> (Intake, Vec<u8>) {
    let images: Vec<Option<PathBuf>> = scenes
        .iter()
        .map(|(name, _)| name.map(|n| root().join("models/testimages").join(n)))
        .collect();
    let scenes: Vec<Scene<'_>> = images
        .iter()
        .zip(scenes)
        .map(|(image, (_, seconds))| Scene { image: image.as_deref(), seconds: *seconds })
        .collect();
    let video = dir.join(file);
    crate::video::still_sequence(&video, &scenes, 512).unwrap_or_else(|e| panic!("{e:#}"));
    let bytes = std::fs::read(&video).unwrap_or_else(|e| panic!("{}: {e}", video.display()));
    let taken = intake::take_in(db, assets, AssetKind::Trailer, film_id, &bytes, file)
        .await
        .unwrap_or_else(|e| panic!("taking in {file}: {e}"));
    (taken, bytes)
}
