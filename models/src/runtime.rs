//! Loading ONNX Runtime: the shared library is found at a path (`ORT_DYLIB_PATH`, or the
//! project's `vendor/onnxruntime/`), loaded once, and described with its version and SHA-256 so
//! results can record exactly what produced them.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ort::environment::Environment;

use sha2::{Digest, Sha256};

/// The ONNX Runtime release the worker is built against (`ort`'s `api-31`).
pub const EXPECTED_VERSION: &str = "1.31.1";

/// The library file inside the project, where `scripts/install-toolchains.sh` puts it.
pub const VENDORED_PATH: &str = "vendor/onnxruntime/libonnxruntime.so.1.31.1";

/// What was loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeInfo {
    /// The library file.
    pub path: PathBuf,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// The release, from the file name (`libonnxruntime.so.1.31.1`); `ort` has already refused
    /// anything older than the API it was built for.
    pub version: Option<String>,
    /// ONNX Runtime's own build description (branch, commit, build type).
    pub build_info: String,
}

/// Why ONNX Runtime could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// No file at the path.
    #[error(
        "ONNX Runtime library not found at {0}: run scripts/install-toolchains.sh, or set ORT_DYLIB_PATH"
    )]
    Missing(PathBuf),
    /// The file could not be read for its checksum.
    #[error("cannot read ONNX Runtime library {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not a usable ONNX Runtime (not a library, or too old a version).
    #[error("cannot load ONNX Runtime from {path}: {reason}")]
    Load {
        /// The file.
        path: PathBuf,
        /// What `ort` said.
        reason: String,
    },
}

/// ONNX Runtime, loaded: what it is and the environment sessions are made in.
#[derive(Clone)]
pub struct Runtime {
    /// What was loaded.
    pub info: RuntimeInfo,
    /// The process's one ONNX Runtime environment.
    pub environment: Environment,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime").field("info", &self.info).finish_non_exhaustive()
    }
}

/// ONNX Runtime allows one environment per process: the first successful load is kept.
static LOADED: OnceLock<Runtime> = OnceLock::new();
static LOADING: Mutex<()> = Mutex::new(());

/// Where to look for the library: `ORT_DYLIB_PATH` if set, else the vendored copy under `root`.
pub fn library_path(root: &Path) -> PathBuf {
    match std::env::var_os("ORT_DYLIB_PATH") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => root.join(VENDORED_PATH),
    }
}

/// Loads the library at `path` (once per process; later calls get the first one) and describes it.
pub fn load(path: &Path) -> Result<Runtime, RuntimeError> {
    let _guard = LOADING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(loaded) = LOADED.get() {
        if loaded.info.path != path {
            tracing::warn!(
                requested = %path.display(), loaded = %loaded.info.path.display(),
                "ONNX Runtime is already loaded from another file; using that one"
            );
        }
        return Ok(loaded.clone());
    }
    if !path.is_file() {
        return Err(RuntimeError::Missing(path.to_owned()));
    }
    let sha256 = file_sha256(path)?;
    let fail = |reason: String| RuntimeError::Load { path: path.to_owned(), reason };
    let environment = ort::init_from(path)
        .map_err(|e| fail(e.to_string()))?
        .with_name("egalite")
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let build_info = ort::info().to_owned();
    let version = path
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .and_then(|n| n.split_once(".so.").map(|(_, v)| v.to_owned()));
    tracing::info!(
        path = %path.display(), ?version, %sha256, %build_info, "ONNX Runtime loaded"
    );
    let runtime = Runtime {
        info: RuntimeInfo { path: path.to_owned(), sha256, version, build_info },
        environment,
    };
    Ok(LOADED.get_or_init(|| runtime).clone())
}

/// The SHA-256 of a file, hex.
pub(crate) fn file_sha256(path: &Path) -> Result<String, RuntimeError> {
    let read_err = |source| RuntimeError::Read { path: path.to_owned(), source };
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn a_missing_library_is_an_error_naming_the_path_and_the_fix() {
        let err = load(Path::new("/nonexistent/libonnxruntime.so")).unwrap_err().to_string();
        assert!(err.contains("/nonexistent/libonnxruntime.so"), "{err}");
        assert!(err.contains("install-toolchains.sh"), "{err}");
    }

    #[test]
    fn the_installed_runtime_loads_and_reports_version_1_31_1() {
        let path = library_path(&workspace_root());
        let info = load(&path).unwrap_or_else(|e| panic!("{e}")).info;
        assert_eq!(info.version.as_deref(), Some(EXPECTED_VERSION));
        // The library inside the PyPI wheel onnxruntime==1.31.1 (manylinux_2_28_x86_64).
        assert!(info.sha256.starts_with("fc44112f"), "{}", info.sha256);
        assert!(info.build_info.starts_with("ORT Build Info"), "{}", info.build_info);
    }
}
