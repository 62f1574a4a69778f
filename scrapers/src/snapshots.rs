//! The raw store: every fetched payload kept by its SHA-256 under the data directory (the same
//! bytes once), with a `raw_snapshots` row per fetch (URL, final URL, time, status, the headers
//! that matter, content type, SHA-256, size) and a `sources` row per payload that the records
//! parsed from it point to. A parser fix re-parses what is kept without fetching again.

use std::path::Path;

use chrono::{DateTime, Utc};
use egalite_shared::SourceKind;
use egalite_shared::content_store::{ContentStore, StoreError};
use egalite_shared::entity::{raw_snapshot, source};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::fetch::{Response, Validators};

/// Why a snapshot could not be kept or read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The file store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The database refused a write or read.
    #[error("database error: {0}")]
    Database(#[from] DbErr),
    /// A 304 came back for a URL with no payload kept.
    #[error("{url} answered 304 Not Modified but no payload of it is stored")]
    NothingStored {
        /// The URL.
        url: String,
    },
}

/// Where a source's pages come from and on what terms, for the `sources` rows of its snapshots.
#[derive(Debug, Clone, Copy)]
pub struct Provenance {
    /// Web page or API answer.
    pub kind: SourceKind,
    /// The terms the payload is read under.
    pub licence: &'static str,
}

/// The raw store of one data directory.
#[derive(Debug, Clone)]
pub struct SnapshotStore {
    files: ContentStore,
}

impl SnapshotStore {
    /// The store under `data_dir/raw`.
    pub fn in_data_dir(data_dir: &Path) -> Self {
        SnapshotStore { files: ContentStore::new(data_dir.join("raw")) }
    }

    /// The store in a folder of its own.
    pub fn at(root: &Path) -> Self {
        SnapshotStore { files: ContentStore::new(root) }
    }

    /// The latest fetch of `url` that left a payload (200, or 304 reusing one).
    pub async fn latest(
        &self,
        db: &impl ConnectionTrait,
        url: &str,
    ) -> Result<Option<raw_snapshot::Model>, DbErr> {
        raw_snapshot::Entity::find()
            .filter(raw_snapshot::Column::Url.eq(url))
            .filter(raw_snapshot::Column::HttpStatus.is_in([200, 304]))
            .order_by_desc(raw_snapshot::Column::FetchedAt)
            .order_by_desc(raw_snapshot::Column::Id)
            .one(db)
            .await
    }

    /// Keeps what a fetch brought: the payload (once per SHA-256) and a row for this fetch. A 304
    /// records a row pointing at the payload already kept for the URL.
    pub async fn keep(
        &self,
        db: &impl ConnectionTrait,
        response: &Response,
        provenance: Provenance,
    ) -> Result<raw_snapshot::Model, SnapshotError> {
        let fetched_at = Utc::now();
        let (sha256, size, source_id) = if response.not_modified() {
            let previous = self
                .latest(db, &response.url)
                .await?
                .ok_or_else(|| SnapshotError::NothingStored { url: response.url.clone() })?;
            (previous.sha256, previous.size_bytes, previous.source_id)
        } else {
            let stored = self.files.put(&response.body)?;
            let size = i64::try_from(stored.size).unwrap_or(i64::MAX);
            let source =
                register(db, response, &stored.sha256, size, fetched_at, provenance).await?;
            (stored.sha256, size, Some(source.id))
        };
        let headers: serde_json::Map<String, serde_json::Value> = response
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let host = url::Url::parse(&response.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        let row = raw_snapshot::ActiveModel {
            url: Set(response.url.clone()),
            final_url: Set(response.final_url.clone()),
            host: Set(host),
            fetched_at: Set(fetched_at),
            http_status: Set(i32::from(response.status)),
            content_type: Set(response.header("content-type").map(str::to_owned)),
            sha256: Set(sha256),
            size_bytes: Set(size),
            etag: Set(response.header("etag").map(str::to_owned)),
            last_modified: Set(response.header("last-modified").map(str::to_owned)),
            headers: Set(Some(serde_json::Value::Object(headers))),
            source_id: Set(source_id),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(row)
    }

    /// The payload of a snapshot, checked against its SHA-256.
    pub fn read(&self, snapshot: &raw_snapshot::Model) -> Result<Vec<u8>, StoreError> {
        self.files.get(&snapshot.sha256)
    }
}

/// The validators to send for a URL whose payload is kept.
pub fn validators(snapshot: &raw_snapshot::Model) -> Validators {
    Validators { etag: snapshot.etag.clone(), last_modified: snapshot.last_modified.clone() }
}

/// The `sources` row of a payload: one per SHA-256, which every record parsed from it names.
async fn register(
    db: &impl ConnectionTrait,
    response: &Response,
    sha256: &str,
    size: i64,
    fetched_at: DateTime<Utc>,
    provenance: Provenance,
) -> Result<source::Model, DbErr> {
    let slug = format!("snapshot-{sha256}");
    if let Some(row) = source::Entity::find().filter(source::Column::Slug.eq(&slug)).one(db).await?
    {
        return Ok(row);
    }
    source::ActiveModel {
        slug: Set(slug),
        title: Set(format!("{} as fetched on {}", response.url, fetched_at.format("%Y-%m-%d"))),
        kind: Set(provenance.kind),
        origin_url: Set(Some(response.url.clone())),
        licence: Set(provenance.licence.to_owned()),
        retrieved_on: Set(Some(fetched_at.date_naive())),
        sha256: Set(Some(sha256.to_owned())),
        size_bytes: Set(Some(size)),
        redistributable: Set(false),
        created_at: Set(fetched_at),
        ..Default::default()
    }
    .insert(db)
    .await
}
