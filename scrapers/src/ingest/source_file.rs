//! A bundled dataset file as a `sources` row: what it is, where it came from, its licence, and the
//! SHA-256 of the exact bytes ingested.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use egalite_shared::SourceKind;
use egalite_shared::entity::source;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use super::IngestError;

/// What the project knows of a bundled file before reading it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Stable name (`cannes_competition_gt`).
    pub slug: &'static str,
    /// What the file is.
    pub title: &'static str,
    /// Where it was obtained.
    pub origin_url: &'static str,
    /// Its licence.
    pub licence: &'static str,
    /// The date it was retrieved.
    pub retrieved_on: NaiveDate,
    /// Its path relative to the bundled data folder.
    pub relative_path: &'static str,
}

/// The file's bytes, read whole, with their checksum.
#[derive(Debug)]
pub struct LoadedFile {
    /// Where it was read.
    pub path: PathBuf,
    /// Its content.
    pub bytes: Vec<u8>,
    /// SHA-256, hex.
    pub sha256: String,
}

impl SourceFile {
    /// Reads the file under `data_dir`; an unreadable file is an error naming it.
    pub fn load(&self, data_dir: &Path) -> Result<LoadedFile, IngestError> {
        let path = data_dir.join(self.relative_path);
        let bytes = std::fs::read(&path)
            .map_err(|e| IngestError::Unreadable { path: path.clone(), reason: e.to_string() })?;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        Ok(LoadedFile { path, bytes, sha256 })
    }

    /// The `sources` row for this file at this checksum, created or brought up to date.
    pub async fn register(
        &self,
        db: &impl ConnectionTrait,
        file: &LoadedFile,
    ) -> Result<source::Model, sea_orm::DbErr> {
        let existing =
            source::Entity::find().filter(source::Column::Slug.eq(self.slug)).one(db).await?;
        let size = i64::try_from(file.bytes.len()).unwrap_or(i64::MAX);
        match existing {
            Some(row)
                if row.sha256.as_deref() == Some(file.sha256.as_str())
                    && row.title == self.title
                    && row.licence == self.licence =>
            {
                Ok(row)
            }
            Some(row) => {
                let mut am: source::ActiveModel = row.into();
                am.title = Set(self.title.to_owned());
                am.origin_url = Set(Some(self.origin_url.to_owned()));
                am.licence = Set(self.licence.to_owned());
                am.retrieved_on = Set(Some(self.retrieved_on));
                am.sha256 = Set(Some(file.sha256.clone()));
                am.size_bytes = Set(Some(size));
                am.update(db).await
            }
            None => {
                source::ActiveModel {
                    slug: Set(self.slug.to_owned()),
                    title: Set(self.title.to_owned()),
                    kind: Set(SourceKind::Dataset),
                    origin_url: Set(Some(self.origin_url.to_owned())),
                    licence: Set(self.licence.to_owned()),
                    retrieved_on: Set(Some(self.retrieved_on)),
                    sha256: Set(Some(file.sha256.clone())),
                    size_bytes: Set(Some(size)),
                    redistributable: Set(true),
                    created_at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(db)
                .await
            }
        }
    }
}
