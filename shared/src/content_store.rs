//! A content-addressed file store: files kept by their SHA-256 under one folder, so any process
//! reading the same folder finds what another stored, and the same bytes are kept once. Posters
//! and trailers live in one under the data directory, fetched pages in another.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Why a file could not be stored or read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading or writing a file failed.
    #[error("stored file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A stored file no longer has the bytes it was stored with.
    #[error("stored file {path} has SHA-256 {actual}, expected {expected}")]
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
pub struct ContentStore {
    root: PathBuf,
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// Its SHA-256, hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
    /// Where it is.
    pub path: PathBuf,
}

impl ContentStore {
    /// The store in `root` (created on the first write).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ContentStore { root: root.into() }
    }

    /// The folder it keeps its files in.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file with this SHA-256 lives.
    pub fn path_of(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::BadKey(sha256.to_owned()));
        }
        Ok(self.root.join(&sha256[..2]).join(sha256))
    }

    /// Keeps `bytes` (once: a second copy of the same bytes is not written again).
    pub fn put(&self, bytes: &[u8]) -> Result<StoredFile, StoreError> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        let path = self.path_of(&sha256)?;
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| StoreError::Io { path, source }
        };
        if !path.is_file() {
            let dir = path.parent().unwrap_or(&self.root);
            std::fs::create_dir_all(dir).map_err(io(dir))?;
            // Written aside then renamed, so a reader never sees half a file.
            let partial = path.with_extension("partial");
            std::fs::write(&partial, bytes).map_err(io(&partial))?;
            std::fs::rename(&partial, &path).map_err(io(&path))?;
        }
        Ok(StoredFile { sha256, size: bytes.len() as u64, path })
    }

    /// The bytes stored under `sha256`, checked against it.
    pub fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.path_of(sha256)?;
        let bytes =
            std::fs::read(&path).map_err(|source| StoreError::Io { path: path.clone(), source })?;
        let actual = hex::encode(Sha256::digest(&bytes));
        if actual != sha256 {
            return Err(StoreError::Altered { path, expected: sha256.to_owned(), actual });
        }
        Ok(bytes)
    }
}

impl ContentStore {
    /// The path of the file stored under `sha256`, after checking its bytes, for tools that
    /// read files themselves (ffmpeg).
    pub fn verified_path(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        use std::io::Read;
        let path = self.path_of(sha256)?;
        let io = |source| StoreError::Io { path: path.clone(), source };
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
            return Err(StoreError::Altered { path, expected: sha256.to_owned(), actual });
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
        let store = ContentStore::new(dir.path().join("assets"));
        let a = store.put(b"poster").unwrap();
        let b = store.put(b"poster").unwrap();
        assert_eq!(a, b);
        assert_eq!(store.get(&a.sha256).unwrap(), b"poster");
        std::fs::write(&a.path, b"altered").unwrap();
        assert!(matches!(store.get(&a.sha256), Err(StoreError::Altered { .. })));
        assert!(matches!(store.get("../etc/passwd"), Err(StoreError::BadKey(_))));
    }
}
