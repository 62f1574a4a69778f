//! The face pipeline: the detector and the gender models loaded together, with the description
//! every analysis records (models, versions, SHA-256, settings, runtime) and the checksum that
//! keys its results.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::detector::{FaceDetector, POSTER_LEVELS, TileLevel};
use crate::gender::{GenderClassifier, UNDETERMINED_BELOW};
use crate::model_file::{BLAZEFACE_FULL_RANGE, ModelError, ModelSpec};
use crate::runtime::Runtime;

/// The name analyses of this pipeline carry, which statistics group by.
pub const PIPELINE_NAME: &str = "blazeface_full_range+faceres_deep";
/// Bumped when pre- or post-processing changes, so results are keyed anew.
pub const PIPELINE_VERSION: &str = "1";

/// How the pipeline runs.
#[derive(Debug, Clone)]
pub struct PipelineSettings {
    /// Tiling levels for posters.
    pub poster_levels: Vec<TileLevel>,
    /// Intra-op threads for FaceRes.
    pub gender_threads: usize,
    /// Whether the small model gives a second opinion.
    pub second_opinion: bool,
}

impl Default for PipelineSettings {
    fn default() -> Self {
        PipelineSettings {
            poster_levels: POSTER_LEVELS.to_vec(),
            gender_threads: 1,
            second_opinion: true,
        }
    }
}

/// What produced an analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineInfo {
    /// [`PIPELINE_NAME`].
    pub name: String,
    /// The models' versions, joined.
    pub version: String,
    /// SHA-256 over the models' own checksums, the pipeline version and its settings: with the
    /// asset's SHA-256 it keys a result.
    pub checksum: String,
    /// Models, settings and runtime, as JSON for the analysis row.
    pub parameters: serde_json::Value,
    /// ONNX Runtime's version and library checksum.
    pub runtime: String,
}

/// The loaded models.
#[derive(Debug)]
pub struct FacePipeline {
    /// The face detector.
    pub detector: FaceDetector,
    /// The gender models.
    pub gender: GenderClassifier,
    /// How it runs.
    pub settings: PipelineSettings,
    /// What it is.
    pub info: PipelineInfo,
}

impl FacePipeline {
    /// Loads every model from `dir`.
    pub fn load(
        runtime: &Runtime,
        dir: &Path,
        settings: PipelineSettings,
    ) -> Result<Self, ModelError> {
        let detector = FaceDetector::load(runtime, dir)?;
        let gender =
            GenderClassifier::load(runtime, dir, settings.gender_threads, settings.second_opinion)?;
        let mut specs = vec![BLAZEFACE_FULL_RANGE];
        specs.extend(gender.models());
        let info = describe(&specs, &settings, runtime);
        Ok(FacePipeline { detector, gender, settings, info })
    }
}

impl FacePipeline {
    /// Time spent inside ONNX Runtime so far, all models together.
    pub fn ort_busy(&self) -> std::time::Duration {
        self.detector.busy() + self.gender.busy()
    }
}

fn describe(specs: &[ModelSpec], settings: &PipelineSettings, runtime: &Runtime) -> PipelineInfo {
    let levels: Vec<serde_json::Value> = settings
        .poster_levels
        .iter()
        .map(|l| serde_json::json!({ "divisions": l.divisions, "threshold": l.threshold }))
        .collect();
    let settings_json = serde_json::json!({
        "pipeline_version": PIPELINE_VERSION,
        "poster_tiling": levels,
        "second_opinion": settings.second_opinion,
        "undetermined_below": UNDETERMINED_BELOW,
    });
    let mut hasher = Sha256::new();
    for spec in specs {
        hasher.update(spec.sha256.as_bytes());
        hasher.update(b"\n");
    }
    hasher.update(settings_json.to_string().as_bytes());
    let runtime_text = format!(
        "onnxruntime {} (libonnxruntime sha256 {})",
        runtime.info.version.as_deref().unwrap_or("unknown"),
        runtime.info.sha256
    );
    PipelineInfo {
        name: PIPELINE_NAME.to_owned(),
        version: specs.iter().map(|s| s.version).collect::<Vec<_>>().join(" + "),
        checksum: hex::encode(hasher.finalize()),
        parameters: serde_json::json!({
            "models": specs.iter().map(|s| serde_json::json!({
                "name": s.name, "version": s.version, "sha256": s.sha256,
            })).collect::<Vec<_>>(),
            "settings": settings_json,
            "runtime": runtime_text,
        }),
        runtime: runtime_text,
    }
}
