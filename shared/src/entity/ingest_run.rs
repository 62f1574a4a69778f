//! One run of an ingester over a source file, with its row counts.

use crate::RunStatus;
use sea_orm::entity::prelude::*;

/// One run of an ingester over a source file, with its row counts.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize, Eq)]
#[sea_orm(table_name = "ingest_runs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub dataset: String,
    pub source_id: Option<i64>,
    pub file_sha256: Option<String>,
    pub parser_version: String,
    pub status: RunStatus,
    pub started_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub rows_read: i64,
    pub rows_inserted: i64,
    pub rows_updated: i64,
    pub rows_unchanged: i64,
    pub rows_rejected: i64,
    pub rows_skipped: i64,
    pub error: Option<String>,
}

/// Relations to the rows this one refers to.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The referenced source.
    #[sea_orm(
        belongs_to = "super::source::Entity",
        from = "Column::SourceId",
        to = "super::source::Column::Id"
    )]
    Source,
}

impl Related<super::source::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Source.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
