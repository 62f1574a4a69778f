//! The asset store: poster and trailer files kept by their SHA-256 under the data directory, so
//! any worker reading the same folder finds what was queued.

use std::path::Path;

pub use egalite_shared::content_store::{
    ContentStore as AssetStore, StoreError as AssetError, StoredFile as StoredAsset,
};

/// The asset store under `data_dir/assets`.
pub fn store_in(data_dir: &Path) -> AssetStore {
    AssetStore::new(data_dir.join("assets"))
}
