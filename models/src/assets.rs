//! The asset store: poster and trailer files kept by their SHA-256 under the data directory, so
//! any worker reading the same folder finds what was queued, and the same bytes are kept once.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Why an asset could not be stored or read.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    /// Reading or writing a file failed.
    #[error("asset file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A stored file no longer has the bytes it was stored with.
    #[error("asset {path} has SHA-256 {actual}, expected {expected}")]
    Altered {
        /// The file.
        path: PathBuf,
        /// The SHA-256 it was stored under.
        expected: String,
        /// What it hashes to now.
        actual: String,
    },
    /// Not a SHA-256.
    #[error("not a SHA-256: {0:?}")]
    BadKey(String),
}

/// A folder of files named by their SHA-256.
#[derive(Debug, Clone)]
pub struct AssetStore {
    root: PathBuf,
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAsset {
    /// Its SHA-256, hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// Where it is.
    pub path: PathBuf,
}

impl AssetStore {
    /// The store under `data_dir/assets`.
    pub fn in_data_dir(data_dir: &Path) -> Self {
        AssetStore { root: data_dir.join("assets") }
    }

    /// Where the file with this SHA-256 lives.
    pub fn path_of(&self, sha256: &str) -> Result<PathBuf, AssetError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(AssetError::BadKey(sha256.to_owned()));
        }
        Ok(self.root.join(&sha256[..2]).join(sha256))
    }

    /// Keeps `bytes` (once: a second copy of the same bytes is not written again).
    pub fn put(&self, bytes: &[u8]) -> Result<StoredAsset, AssetError> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        let path = self.path_of(&sha256)?;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| AssetError::Io { path, source }
        };
        if !path.is_file() {
            let dir = path.parent().unwrap_or(&self.root);
            std::fs::create_dir_all(dir).map_err(io(dir))?;
            // Written aside then renamed, so a reader never sees half a file.
            let partial = path.with_extension("partial");
            std::fs::write(&partial, bytes).map_err(io(&partial))?;
            std::fs::rename(&partial, &path).map_err(io(&path))?;
        }
        Ok(StoredAsset { sha256, size: bytes.len() as u64, path })
    }

    /// The bytes stored under `sha256`, checked against it.
    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, AssetError> {
        let path = self.path_of(sha256)?;
        let bytes =
            std::fs::read(&path).map_err(|source| AssetError::Io { path: path.clone(), source })?;
        let actual = hex::encode(Sha256::digest(&bytes));
        if actual != sha256 {
            return Err(AssetError::Altered { path, expected: sha256.to_owned(), actual });
        }
        Ok(bytes)
    }
}

impl AssetStore {
    /// The path of the file stored under `sha256`, after checking its bytes, for tools that
    /// read files themselves (ffmpeg).
    pub fn verified_path(&self, sha256: &str) -> Result<PathBuf, AssetError> {
        use std::io::Read;
        let path = self.path_of(sha256)?;
        let io = |source| AssetError::Io { path: path.clone(), source };
        let mut file = std::fs::File::open(&path).map_err(io)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        let actual = hex::encode(hasher.finalize());
        if actual != sha256 {
            return Err(AssetError::Altered { path, expected: sha256.to_owned(), actual });
        }
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_are_stored_once_and_read_back_checked() {
        let dir = tempfile::tempdir().unwrap();
        let store = AssetStore::in_data_dir(dir.path());
        let a = store.put(b"poster").unwrap();
        let b = store.put(b"poster").unwrap();
        assert_eq!(a, b);
        assert_eq!(store.get(&a.sha256).unwrap(), b"poster");
        std::fs::write(&a.path, b"altered").unwrap();
        assert!(matches!(store.get(&a.sha256), Err(AssetError::Altered { .. })));
        assert!(matches!(store.get("../etc/passwd"), Err(AssetError::BadKey(_))));
    }
}
